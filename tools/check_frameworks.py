#!/usr/bin/env python3
"""Check cogov framework files (data/frameworks/*.jsonl) against docs/frameworks.md.

Standard library only. Usage:

    python3 tools/check_frameworks.py [--gdc-summary] [FILE ...]

Without FILE arguments, every framework file of the load order (sdg, wsis, hlpdc, roadmap, igf, gdc) present in
data/frameworks/ is checked, in that order; edges may point to nodes of the same file or of a file checked earlier.
The SDG goal nodes sdg:1 ... sdg:17 are always treated as known (sdg.jsonl is maintained separately).
Exit status 1 when any error is found. --gdc-summary prints the GDC commitments with their SDG and WSIS links.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIR = ROOT / "data" / "frameworks"
LOAD_ORDER = ["sdg", "wsis", "hlpdc", "roadmap", "igf", "gdc"]
LANGS = {"ar", "en", "es", "fr", "ru", "zh"}
RELATIONS = {"serves", "implements", "relates"}
HEADER_FIELDS = {"framework": True, "version": True, "title": True, "source": True, "licence": False, "notes": False}
NODE_FIELDS = {"node": True, "parent": False, "level": True, "title": True, "short": False, "description": False,
               "url": False, "labelled_by_position": False, "source": True}
EDGE_FIELDS = {"edge": True, "relation": False, "source": True}
FRAMEWORK_RE = re.compile(r"^[a-z0-9-]+$")
CODE_RE = re.compile(r"^[A-Za-z0-9._-]+$")
ASSUMED = {f"sdg:{i}" for i in range(1, 18)}


def check_file(path, known, errors, warnings):
    """Check one file; add its node ids to `known`; return (header, nodes, edges)."""
    name = path.name

    def err(line, code, msg):
        errors.append(f"{name}:{line}: {code or '-'}: {msg}")

    def warn(line, code, msg):
        warnings.append(f"{name}:{line}: {code or '-'}: {msg}")

    def text_field(obj, field, line, code):
        v = obj.get(field)
        if field in obj and not (isinstance(v, str) and v.strip()):
            err(line, code, f"{field} must be a non-empty string")

    def lang_map(obj, field, line, code, need_en):
        if field not in obj:
            return
        m = obj[field]
        if not isinstance(m, dict) or not m:
            err(line, code, f"{field} must be a non-empty object language -> text")
            return
        for k, v in m.items():
            if k not in LANGS:
                err(line, code, f"{field}: unknown language '{k}' (expected ar, en, es, fr, ru, zh)")
            if not isinstance(v, str) or not v.strip():
                err(line, code, f"{field}.{k} must be non-empty text")
            elif v != v.strip() or "  " in v:
                warn(line, code, f"{field}.{k} has leading/trailing or double spaces")
        if need_en and "en" not in m:
            err(line, code, f"{field} has no 'en' text")

    def fields(obj, spec, line, code, kind):
        for f, required in spec.items():
            if required and f not in obj:
                err(line, code, f"{kind}: missing field '{f}'")
        for f in obj:
            if f not in spec:
                err(line, code, f"{kind}: unknown field '{f}'")

    header = None
    fw = None
    nodes, edges = {}, []
    node_order = []
    edge_keys = set()
    seen_edge = False
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(0, None, f"not UTF-8: {e}")
        return None, {}, []
    if text.startswith("\ufeff"):
        warn(1, None, "byte-order mark at start of file")
        text = text[1:]
    for line_no, line in enumerate(text.split("\n"), 1):
        if line != line.rstrip("\r"):
            warn(line_no, None, "CRLF line ending")
        s = line.strip()
        if not s or s.startswith("//"):
            continue
        try:
            obj = json.loads(s)
        except json.JSONDecodeError as e:
            err(line_no, None, f"malformed JSON: {e}")
            continue
        if not isinstance(obj, dict):
            err(line_no, None, "a record must be a JSON object")
            continue
        code = obj.get("node") or obj.get("framework") or (json.dumps(obj["edge"]) if "edge" in obj else None)
        kinds = [k for k in ("framework", "node", "edge") if k in obj]
        if len(kinds) != 1:
            err(line_no, code, f"a record needs exactly one of framework/node/edge, found {kinds or 'none'}")
            continue
        kind = kinds[0]
        if kind == "framework":
            if header is not None or nodes or edges:
                err(line_no, code, "the header must be the first record, and only one")
                continue
            fields(obj, HEADER_FIELDS, line_no, code, "header")
            if not (isinstance(obj.get("framework"), str) and FRAMEWORK_RE.match(obj["framework"])):
                err(line_no, code, "framework code must be lowercase letters, digits or '-'")
            for f in ("version", "source", "licence", "notes"):
                text_field(obj, f, line_no, code)
            lang_map(obj, "title", line_no, code, need_en=True)
            header = obj
            fw = obj.get("framework")
            expected = path.stem
            if fw != expected:
                warn(line_no, code, f"framework '{fw}' differs from file name '{expected}'")
            continue
        if header is None:
            err(line_no, code, "the first record must be the header (a \"framework\" record)")
            continue
        if kind == "node":
            if seen_edge:
                err(line_no, code, "nodes must come before edges")
            fields(obj, NODE_FIELDS, line_no, code, "node")
            nid = obj.get("node")
            if not isinstance(nid, str):
                err(line_no, code, "node id must be a string")
                continue
            pre, sep, c = nid.partition(":")
            if not sep or not CODE_RE.match(c):
                err(line_no, nid, "node id must be 'framework:code' (code: letters, digits, '.', '-', '_')")
            elif pre != fw:
                err(line_no, nid, f"node id must start with '{fw}:'")
            if nid in nodes:
                err(line_no, nid, f"duplicate id (first defined on line {nodes[nid]['_line']})")
                continue
            parent = obj.get("parent")
            if parent is not None and parent not in nodes:
                err(line_no, nid, f"parent '{parent}' is not defined on an earlier line of this file")
            for f in ("level", "source"):
                text_field(obj, f, line_no, nid)
            lang_map(obj, "title", line_no, nid, need_en=True)
            lang_map(obj, "short", line_no, nid, need_en=False)
            lang_map(obj, "description", line_no, nid, need_en=False)
            url = obj.get("url")
            if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
                err(line_no, nid, f"url '{url}' must be an http(s) link without spaces")
            lbp = obj.get("labelled_by_position")
            if lbp is not None and not isinstance(lbp, bool):
                err(line_no, nid, "labelled_by_position must be true or false")
            obj["_line"] = line_no
            nodes[nid] = obj
            node_order.append(nid)
            continue
        # edge
        seen_edge = True
        fields(obj, EDGE_FIELDS, line_no, code, "edge")
        e = obj.get("edge")
        if not (isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e)):
            err(line_no, code, "edge must be a list of two node ids")
            continue
        a, b = e
        label = f"{a} -> {b}"
        if a.partition(":")[0] != fw:
            err(line_no, label, f"an edge's first node must belong to this file's framework '{fw}'")
        elif a not in nodes:
            err(line_no, label, f"edge from an unknown node '{a}'")
        if b.partition(":")[0] == fw:
            if b not in nodes:
                err(line_no, label, f"edge to an unknown node '{b}' (not defined in this file)")
        elif b not in known:
            err(line_no, label, f"edge to an unknown node '{b}' (not in a framework loaded earlier)")
        if a == b:
            err(line_no, label, "an edge must link two different nodes")
        rel = obj.get("relation", "serves")
        if rel not in RELATIONS:
            err(line_no, label, f"unknown relation '{rel}': expected serves, implements or relates")
        text_field(obj, "source", line_no, label)
        if (a, b) in edge_keys:
            err(line_no, label, "duplicate edge")
        edge_keys.add((a, b))
        edges.append(obj)
    if header is None:
        err(1, None, "no header record")
    known.update(nodes)
    return header, nodes, edges


def gdc_summary(nodes, edges):
    links = {}
    for e in edges:
        a, b = e["edge"]
        links.setdefault(a, []).append(b)

    def sdg_key(x):
        return int(x.split(":")[1])

    def wsis_key(x):
        c = x.split(":")[1]
        m = re.match(r"C(\d+)(?:\.(.*))?", c)
        return (int(m.group(1)), m.group(2) or "")

    print(f"{'commitment':<11} {'SDGs':<28} WSIS")
    for nid, n in nodes.items():
        if n.get("level") != "commitment":
            continue
        ls = links.get(nid, [])
        sdgs = sorted((x for x in ls if x.startswith("sdg:")), key=sdg_key)
        wsis = sorted((x for x in ls if x.startswith("wsis:")), key=wsis_key)
        s = "All" if len(sdgs) == 17 else (", ".join(x[4:] for x in sdgs) or "-")
        lines = [x[5:] for x in wsis]
        w = "All (C1-C11)" if lines == [f"C{i}" for i in range(1, 12)] else (", ".join(
            c.replace("C7.e-", "C7 E-") for c in lines) or "-")
        mark = " [by position]" if n.get("labelled_by_position") else ""
        print(f"{nid:<11} {s:<28} {w}{mark}")


def main(argv):
    want_summary = "--gdc-summary" in argv
    args = [a for a in argv if a != "--gdc-summary"]
    if args:
        paths = [Path(a) for a in args]
    else:
        paths = [DIR / f"{f}.jsonl" for f in LOAD_ORDER if (DIR / f"{f}.jsonl").exists()]
        missing = [f for f in LOAD_ORDER if not (DIR / f"{f}.jsonl").exists()]
        if missing:
            print(f"note: not present (skipped): {', '.join(m + '.jsonl' for m in missing)}")
    known = set(ASSUMED)
    errors, warnings = [], []
    results = {}
    for p in paths:
        h, nodes, edges = check_file(p, known, errors, warnings)
        results[p.stem] = (nodes, edges)
        levels = {}
        for n in nodes.values():
            levels[n.get("level")] = levels.get(n.get("level"), 0) + 1
        rels = {}
        for e in edges:
            rels[e.get("relation", "serves")] = rels.get(e.get("relation", "serves"), 0) + 1
        lv = ", ".join(f"{k} {v}" for k, v in levels.items())
        rv = ", ".join(f"{k} {v}" for k, v in rels.items()) or "-"
        print(f"{p.name:<14} {len(nodes):>4} nodes ({lv}); {len(edges):>5} edges ({rv})")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    if want_summary and "gdc" in results:
        print()
        gdc_summary(*results["gdc"])
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
