#!/usr/bin/env python3
"""Build cogov's bundled reference data from the shared real data.

    python3 tools/refdata.py [SHARED_DATA_DIR] [--out REPO_DIR] [--yaml auto|pyyaml|builtin]

SHARED_DATA_DIR defaults to ../shared/data relative to the repository (the parent of tools/).
Writes, below the repository:

    data/frameworks/sdg.jsonl        SDG goals, targets and indicators (format: docs/frameworks.md)
    data/reference/countries.csv     countries and areas: ISO 3166 codes, M49 regions, LDC/LLDC/SIDS, names
    data/reference/regions.csv       M49 world, regions, sub-regions, intermediate regions

Python 3 standard library only. PyYAML is used when importable (--yaml auto); otherwise a small built-in
reader for the flat `key: value` YAML of open-sdg/sdg-translations is used (--yaml builtin forces it). Both
give the same output. The outputs are deterministic: re-running the script gives identical bytes.

The script checks its inputs and outputs and stops with an error when a check fails; it prints a summary
(counts, translation coverage, corrections, caveats) on stdout. See data/reference/README.md.
"""

import argparse
import csv
import io
import json
import os
import re
import sys
import unicodedata

LANGS = ("ar", "en", "es", "fr", "ru", "zh")
# cogov language -> open-sdg/sdg-translations folder
OPEN_SDG_DIR = {"ar": "ar", "en": "en", "es": "es", "fr": "fr", "ru": "ru", "zh": "zh-Hans"}

SDG_VERSION = "2025.1"
SDG_TITLE = {  # the official names of the SDGs in the six UN languages
    "ar": "أهداف التنمية المستدامة",
    "en": "Sustainable Development Goals",
    "es": "Objetivos de Desarrollo Sostenible",
    "fr": "Objectifs de développement durable",
    "ru": "Цели в области устойчивого развития",
    "zh": "可持续发展目标",
}
SDG_SOURCE = ("Goals and targets: A/RES/70/1 (texts via open-sdg/sdg-translations); indicators: global indicator "
              "framework, A/RES/71/313 Annex, after the 2025 comprehensive review (E/CN.3/2025/6) "
              "(via mahnoor-zamir/sdg-framework)")
SDG_LICENCE = "Texts: United Nations; translations compiled by open-sdg/sdg-translations (MIT)"

P_TRANSLATIONS = "sdg-texts/open-sdg-translations/translations"
P_FRAMEWORK_JSON = "sdg-texts/un-global-indicator-framework/sdg_structured.json"
P_FRAMEWORK_CSV = ("sdg-texts/un-global-indicator-framework/"
                   "Global-Indicator-Framework-after-2025-review-English_A.RES.71.313_Annex.csv")
P_COUNTRY_CODES = "countries/datasets-country-codes/data/country-codes.csv"
P_M49 = "countries/datasets-country-codes/unsd-m49/UNSD-{}.csv"
M49_LANG = {"ar": "ar", "en": "en", "es": "es", "fr": "fr", "ru": "ru", "zh": "cn"}

SRC_GOALS = "open-sdg/sdg-translations translations/{ar,en,es,fr,ru,zh-Hans}/global_goals.yml"
SRC_TARGETS = "open-sdg/sdg-translations translations/{ar,en,es,fr,ru,zh-Hans}/global_targets.yml"
SRC_IND_EN = "mahnoor-zamir/sdg-framework sdg_structured.json (A/RES/71/313 Annex after the 2025 review)"
SRC_IND_TR = "; ar, es, fr, ru, zh: open-sdg/sdg-translations translations/{ar,es,fr,ru,zh-Hans}/global_indicators.yml"

# Evident typing errors in open-sdg/sdg-translations, corrected here. Each entry: (language, file, key, wrong,
# right, why). The script stops if `wrong` is not found, so a changed upstream text is noticed and reviewed.
CORRECTIONS = [
    ("ru", "goals", "17-title", " Финансирование", "",
     "stray section heading ('Finance') appended to the goal title"),
    ("ar", "goals", "7-title", "إالى", "إلى", "typing error 'إالى' for 'إلى'"),
    ("ar", "goals", "16-title", "إالى", "إلى", "typing error 'إالى' for 'إلى'"),
    ("ar", "goals", "15-title", "وكافحة التصحر", "ومكافحة التصحر", "missing letter: 'مكافحة' (combat)"),
    ("ar", "targets", "7-b-title", "وسيع نطاق", "توسيع نطاق", "first letter missing: 'توسيع' (expand)"),
    ("ar", "targets", "7-b-title", "الصغرة", "الصغيرة", "missing letter: 'الصغيرة' (small)"),
    ("fr", "goals", "8-short", "Travaux décent", "Travail décent", "official short name 'Travail décent ...'"),
    ("ru", "goals", "8-short", "Достойна работа", "Достойная работа", "official short name 'Достойная работа ...'"),
    ("zh", "goals", "9-short", "创业、创新和基础设施", "产业、创新和基础设施", "official short name '产业、创新和基础设施'"),
    ("zh", "goals", "17-short", "促进目标现实的伙伴关系", "促进目标实现的伙伴关系",
     "typing error '现实' for '实现' (official '促进目标实现的伙伴关系')"),
]

# Footnote reference numbers glued to the end of a text in the indicator framework (…impacts3, …speed4).
FOOTNOTE_RE = re.compile(r"(?<=[a-z])\d$")
EXPECTED_FOOTNOTES = {"goal 13", "target 14.6", "indicator 17.6.1"}

COUNTRY_COLUMNS = ["iso2", "iso3", "numeric", "m49", "region", "subregion", "intermediate_region",
                   "ldc", "lldc", "sids"] + ["name_" + l for l in LANGS]
REGION_COLUMNS = ["m49", "level", "parent"] + ["name_" + l for l in LANGS]
UNTERM_LANG = {"ar": "Arabic", "en": "English", "es": "Spanish", "fr": "French", "ru": "Russian", "zh": "Chinese"}
OFFICIAL_LANG = {"ar": "ar", "en": "en", "es": "es", "fr": "fr", "ru": "ru", "zh": "cn"}
# official_name_* values that are not the UN name; the CLDR display name is used instead.
OFFICIAL_NAME_NOT_UN = {("CI", "en"): "Ivory Coast"}
EXPECTED_FLAGS = {"ldc": 45, "lldc": 32, "sids": 53}


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


# ---------------------------------------------------------------------------------------------------------------
# text helpers

_WS = re.compile(r"\s+")


def clean(text):
    """Unicode NFC; soft hyphens and Arabic tatweel removed; no-break spaces -> space; non-breaking hyphens ->
    '-'; runs of white space (including line breaks) -> one space; trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\u0640", "")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    return _WS.sub(" ", text).strip()


def compare_key(text):
    """Loose form of an English text, for deciding whether two texts are the same text: typography, case,
    white space, a final full stop and a glued footnote number do not count."""
    t = clean(text)
    t = FOOTNOTE_RE.sub("", t)
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        t = t.replace(a, b)
    return _WS.sub(" ", t).strip().rstrip(".").casefold()


# ---------------------------------------------------------------------------------------------------------------
# flat YAML (open-sdg/sdg-translations)

def _fold(lines):
    """YAML line folding of a multi-line flow scalar: lines trimmed, a single line break -> space, each empty
    line -> a line feed."""
    out = lines[0].strip()
    breaks = 0
    for line in lines[1:]:
        s = line.strip()
        if not s:
            breaks += 1
            continue
        out += ("\n" * breaks if breaks else " ") + s
        breaks = 0
    return out


_DQ_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
               "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\u0085",
               "_": "\u00a0", "L": "\u2028", "P": "\u2029"}


def _parse_value(raw_lines, where):
    first = raw_lines[0].lstrip()
    if first[:1] in ("|", ">"):
        raise Failure(f"{where}: block scalars are not supported by the built-in YAML reader")
    if first[:1] == "'":
        text = _fold(raw_lines)
        i, out = 1, []
        while True:
            j = text.find("'", i)
            check(j >= 0, f"{where}: unterminated single-quoted value")
            out.append(text[i:j])
            if text[j + 1:j + 2] == "'":
                out.append("'")
                i = j + 2
                continue
            rest = text[j + 1:].strip()
            check(rest == "" or rest.startswith("#"), f"{where}: text after closing quote")
            return "".join(out)
    if first[:1] == '"':
        # escaped line breaks ("\" at the end of a line) join lines without a space
        lines = list(raw_lines)
        merged = [lines[0]]
        for line in lines[1:]:
            prev = merged[-1].rstrip(" \t")
            if prev.endswith("\\") and not prev.endswith("\\\\"):
                merged[-1] = prev[:-1] + "\x00JOIN\x00" + line.lstrip()
            else:
                merged.append(line)
        text = _fold(merged).replace("\x00JOIN\x00", "")
        i, out = 1, []
        while True:
            check(i < len(text), f"{where}: unterminated double-quoted value")
            c = text[i]
            if c == '"':
                rest = text[i + 1:].strip()
                check(rest == "" or rest.startswith("#"), f"{where}: text after closing quote")
                return "".join(out)
            if c == "\\":
                e = text[i + 1:i + 2]
                if e in _DQ_ESCAPES:
                    out.append(_DQ_ESCAPES[e])
                    i += 2
                    continue
                n = {"x": 2, "u": 4, "U": 8}.get(e)
                check(n is not None, f"{where}: unknown escape \\{e}")
                out.append(chr(int(text[i + 2:i + 2 + n], 16)))
                i += 2 + n
                continue
            out.append(c)
            i += 1
    # plain scalar: a " #" starts a comment
    lines = [re.sub(r"(^|\s)#.*$", "", line) for line in raw_lines]
    return _fold(lines).strip()


def load_flat_yaml_builtin(path):
    """Read a YAML file that is a single map of `key: value` pairs at column 0 whose values are strings, possibly
    quoted and folded over several indented lines (the shape of open-sdg/sdg-translations files)."""
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    entries = []  # (line number, key, [value lines])
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.strip() in ("---", "..."):
            if entries and not line.startswith("#") and line.strip() not in ("---", "..."):
                entries[-1][2].append("")
            continue
        if line[0] in " \t":
            check(entries, f"{path}:{n}: indented line before the first key")
            entries[-1][2].append(line)
            continue
        m = re.match(r"^([^\s'\"#][^:]*?|'[^']*'|\"[^\"]*\"):(?:[ \t]+(.*))?$", line)
        check(m, f"{path}:{n}: not a `key: value` line")
        key = m.group(1)
        if key[:1] in "'\"":
            key = key[1:-1]
        entries.append((n, key, [m.group(2) or ""]))
    result = {}
    for n, key, raw in entries:
        while len(raw) > 1 and not raw[-1].strip():
            raw.pop()
        check(key not in result, f"{path}:{n}: duplicate key {key}")
        result[key] = _parse_value(raw, f"{path}:{n}")
    return result


def make_yaml_loader(mode):
    if mode in ("auto", "pyyaml"):
        try:
            import yaml  # noqa: F401
        except ImportError:
            if mode == "pyyaml":
                raise Failure("--yaml pyyaml: PyYAML is not importable")
            return load_flat_yaml_builtin, "built-in reader (PyYAML not importable)"

        def load(path):
            with open(path, encoding="utf-8") as f:
                data = yaml.safe_load(f)
            check(isinstance(data, dict), f"{path}: not a map")
            for k, v in data.items():
                check(isinstance(k, str) and isinstance(v, str), f"{path}: {k!r} is not a string value")
            return data
        return load, f"PyYAML {yaml.__version__}"
    return load_flat_yaml_builtin, "built-in reader"


# ---------------------------------------------------------------------------------------------------------------
# SDG framework

def code_sort_key(code):
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split(".")]


def read_framework_json(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    goals, targets, indicators = {}, {}, {}
    for g, gv in data.items():
        check(re.fullmatch(r"\d+", g), f"{path}: goal key {g!r}")
        goals[g] = gv["name"]
        for t, tv in gv["targets"].items():
            check(re.fullmatch(rf"{g}\.[0-9a-z]+", t), f"{path}: target {t!r} under goal {g}")
            targets[t] = tv["description"]
            for ind in tv["indicators"]:
                c = ind["code"]
                check(re.fullmatch(rf"{re.escape(t)}\.\d+", c), f"{path}: indicator {c!r} under target {t}")
                check(c not in indicators, f"{path}: duplicate indicator {c}")
                check(re.fullmatch(r"C[0-9]{2}[0-9a-z]{2}[0-9]{2}", ind.get("unsd_code", "")),
                      f"{path}: indicator {c}: UNSD code {ind.get('unsd_code')!r}")
                indicators[c] = (ind["description"], ind["unsd_code"])
    return goals, targets, indicators


def read_framework_csv(path):
    """The annex as a 4-column CSV: (empty, goal/target text, indicator text, UNSD code)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    goals, targets, indicators = {}, {}, {}
    for n, row in enumerate(rows, 1):
        row = (row + ["", "", "", ""])[:4]
        a, b, c = row[1].lstrip(), row[2].lstrip(), row[3].strip()
        m = re.match(r"^Goal (\d+)\.\s+(.*)$", a, re.S)
        if m:
            goals[m.group(1)] = m.group(2)
        else:
            m = re.match(r"^(\d+\.[0-9a-z]+)\s+(.*)$", a, re.S)
            if m:
                targets[m.group(1)] = m.group(2)
        m = re.match(r"^(\d+\.[0-9a-z]+\.\d+)\s+(.*)$", b, re.S)
        if m:
            indicators[m.group(1)] = (m.group(2), c)
    return goals, targets, indicators


def compare_framework_files(js, cs, summary):
    names = ("goals", "targets", "indicators")
    diffs = []
    for name, a, b in zip(names, js, cs):
        check(set(a) == set(b), f"framework JSON and CSV list different {name}: "
                                f"only JSON {sorted(set(a) - set(b))}, only CSV {sorted(set(b) - set(a))}")
        for k in a:
            if a[k] != b[k]:
                exact_ws = (isinstance(a[k], str) and a[k].strip() == b[k].strip()) or \
                           (isinstance(a[k], tuple) and tuple(x.strip() for x in a[k]) ==
                            tuple(x.strip() for x in b[k]))
                check(exact_ws, f"framework JSON and CSV differ for {name[:-1]} {k}: {a[k]!r} / {b[k]!r}")
                diffs.append(f"{name[:-1]} {k} (surrounding white space only)")
    summary.append(f"indicator framework: sdg_structured.json and the CSV agree on {len(js[0])} goals, "
                   f"{len(js[1])} targets, {len(js[2])} indicators (texts and UNSD codes); differences: "
                   + ("; ".join(diffs) if diffs else "none"))


def build_sdg(data_dir, load_yaml, summary):
    tr = {}
    for lang in LANGS:
        for part in ("goals", "targets", "indicators"):
            path = os.path.join(data_dir, P_TRANSLATIONS, OPEN_SDG_DIR[lang], f"global_{part}.yml")
            tr[(lang, part)] = {k: clean(v) for k, v in load_yaml(path).items()}

    corrections_done = {}
    for lang, part, key, wrong, right, why in CORRECTIONS:
        text = tr[(lang, part)].get(key)
        check(text is not None and wrong in text,
              f"correction no longer applies ({lang} {part} {key}: {wrong!r} not found); review CORRECTIONS")
        tr[(lang, part)][key] = clean(text.replace(wrong, right))
        corrections_done.setdefault((part, key), []).append(lang)

    js = read_framework_json(os.path.join(data_dir, P_FRAMEWORK_JSON))
    cs = read_framework_csv(os.path.join(data_dir, P_FRAMEWORK_CSV))
    compare_framework_files(js, cs, summary)
    un_goals, un_targets, un_inds = js

    footnotes = set()
    for kind, items in (("goal", un_goals), ("target", un_targets),
                        ("indicator", {k: v[0] for k, v in un_inds.items()})):
        for k, v in items.items():
            if FOOTNOTE_RE.search(clean(v)):
                footnotes.add(f"{kind} {k}")
    check(footnotes == EXPECTED_FOOTNOTES, f"footnote markers found in {sorted(footnotes)}, expected "
                                           f"{sorted(EXPECTED_FOOTNOTES)}; review FOOTNOTE_RE")
    summary.append("footnote numbers removed from the framework texts: " + ", ".join(sorted(footnotes)))

    check(sorted(un_goals, key=int) == [str(i) for i in range(1, 18)], "the framework does not have goals 1-17")
    for lang in LANGS:
        g = tr[(lang, "goals")]
        check(set(g) == {f"{i}-{f}" for i in range(1, 18) for f in ("title", "short")},
              f"{lang} global_goals.yml: unexpected keys")
        check(set(tr[(lang, "targets")]) == {t.replace(".", "-") + "-title" for t in un_targets},
              f"{lang} global_targets.yml: keys differ from the framework's targets")
        for part in ("goals", "targets", "indicators"):
            empty = [k for k, v in tr[(lang, part)].items() if not v]
            check(not empty, f"{lang} global_{part}.yml: empty values {empty}")

    # the English of open-sdg must be the framework's English for goals and targets
    for g, text in un_goals.items():
        check(compare_key(text) == compare_key(tr[("en", "goals")][f"{g}-title"]),
              f"goal {g}: open-sdg English title differs from the framework")
    for t, text in un_targets.items():
        check(compare_key(text) == compare_key(tr[("en", "targets")][t.replace(".", "-") + "-title"]),
              f"target {t}: open-sdg English text differs from the framework")
    summary.append(f"open-sdg English goal titles (17) and target texts ({len(un_targets)}) match the "
                   "framework's English (after typographic normalisation)")

    def src_with_corrections(base, part, *keys):
        fixed = sorted({f"{l} {key.rsplit('-', 1)[1]}" for key in keys for l in corrections_done.get((part, key), [])})
        return base + ("; corrected upstream typing errors: " + ", ".join(fixed) if fixed else "")

    # indicators: which get translations
    os_ind_en = {k[:-len("-title")].replace("-", "."): v for k, v in tr[("en", "indicators")].items()}
    translated, not_in_open_sdg, text_differs = [], [], []
    for c in un_inds:
        if c not in os_ind_en:
            not_in_open_sdg.append(c)
        elif compare_key(un_inds[c][0]) == compare_key(os_ind_en[c]):
            translated.append(c)
        else:
            text_differs.append(c)
    translated_set = set(translated)
    only_open_sdg = sorted(set(os_ind_en) - set(un_inds), key=code_sort_key)

    header = {
        "framework": "sdg",
        "version": SDG_VERSION,
        "title": dict(SDG_TITLE),
        "source": SDG_SOURCE,
        "licence": SDG_LICENCE,
        "notes": (
            f"17 goals and {len(un_targets)} targets with titles in ar, en, es, fr, ru, zh from open-sdg/sdg-translations "
            "(zh = zh-Hans), checked against the English of the global indicator framework; goals also carry the "
            f"short names. {len(un_inds)} indicators of the framework after the 2025 comprehensive review, English "
            f"from the framework; ar, es, fr, ru, zh added for {len(translated)} indicators whose open-sdg English "
            f"text is the same text, English only for {len(un_inds) - len(translated)} (new or revised in the "
            "2025 review or later). Texts normalised: Unicode NFC, white space collapsed, no-break spaces to "
            "spaces, soft hyphens and Arabic tatweel removed, non-breaking hyphens to '-', footnote numbers "
            f"removed; {len(CORRECTIONS)} evident upstream typing errors corrected (see "
            "data/reference/README.md). UNSD indicator codes are not carried. Generated by tools/refdata.py."
        ),
    }
    lines = [header]
    for g in sorted(un_goals, key=int):
        lines.append({
            "node": f"sdg:{g}",
            "level": "goal",
            "title": {l: tr[(l, "goals")][f"{g}-title"] for l in LANGS},
            "short": {l: tr[(l, "goals")][f"{g}-short"] for l in LANGS},
            "source": src_with_corrections(SRC_GOALS, "goals", f"{g}-title", f"{g}-short"),
        })
        for t in sorted((t for t in un_targets if t.split(".")[0] == g), key=code_sort_key):
            key = t.replace(".", "-") + "-title"
            lines.append({
                "node": f"sdg:{t}",
                "parent": f"sdg:{g}",
                "level": "target",
                "title": {l: tr[(l, "targets")][key] for l in LANGS},
                "source": src_with_corrections(SRC_TARGETS, "targets", key),
            })
            for c in sorted((c for c in un_inds if c.rsplit(".", 1)[0] == t), key=code_sort_key):
                en = clean(un_inds[c][0])
                en = clean(FOOTNOTE_RE.sub("", en))
                if c in translated_set:
                    key = c.replace(".", "-") + "-title"
                    title = {l: (en if l == "en" else tr[(l, "indicators")][key]) for l in LANGS}
                    src = SRC_IND_EN + SRC_IND_TR
                else:
                    title = {"en": en}
                    src = SRC_IND_EN
                lines.append({"node": f"sdg:{c}", "parent": f"sdg:{t}", "level": "indicator",
                              "title": title, "source": src})

    summary.append(f"indicators: {len(un_inds)} in the 2025 framework; translated (ar, es, fr, ru, zh) "
                   f"{len(translated)}; English only {len(un_inds) - len(translated)}: "
                   f"{len(not_in_open_sdg)} not in open-sdg ({', '.join(sorted(not_in_open_sdg, key=code_sort_key))}), "
                   f"{len(text_differs)} whose open-sdg English differs "
                   f"({', '.join(sorted(text_differs, key=code_sort_key))})")
    summary.append("open-sdg indicators not in the 2025 framework (dropped): " + ", ".join(only_open_sdg))
    summary.append(f"corrections of upstream typing errors applied: {len(CORRECTIONS)} "
                   f"({', '.join(f'{l} {p} {k}' for l, p, k, *_ in CORRECTIONS)})")
    return lines, {"goals": 17, "targets": len(un_targets), "indicators": len(un_inds),
                   "translated": len(translated)}


def validate_framework_lines(lines):
    """The rules of docs/frameworks.md that apply to this file."""
    header_fields = {"framework", "version", "title", "source", "licence", "notes"}
    node_fields = {"node", "parent", "level", "title", "short", "description", "url", "labelled_by_position",
                   "source"}
    h = lines[0]
    check(set(h) <= header_fields and {"framework", "version", "title", "source"} <= set(h), "header fields")
    check(re.fullmatch(r"[a-z0-9-]+", h["framework"]), "framework code")
    check("en" in h["title"], "header title needs en")
    seen = set()
    for n, rec in enumerate(lines[1:], 2):
        check(set(rec) <= node_fields, f"line {n}: unknown field")
        for f in ("node", "level", "title", "source"):
            check(rec.get(f), f"line {n}: missing {f}")
        nid = rec["node"]
        check(re.fullmatch(r"sdg:[A-Za-z0-9._-]+", nid), f"line {n}: bad id {nid}")
        check(nid not in seen, f"line {n}: duplicate id {nid}")
        if "parent" in rec:
            check(rec["parent"] in seen, f"line {n}: parent {rec['parent']} not defined earlier")
        for f in ("title", "short", "description"):
            if f in rec:
                check(set(rec[f]) <= set(LANGS) and "en" in rec[f], f"line {n}: {f} languages")
                for lang, v in rec[f].items():
                    check(isinstance(v, str) and v and v == v.strip(), f"line {n}: {f}.{lang} empty/untrimmed")
        seen.add(nid)


def jsonl_bytes(records):
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records).encode()


# ---------------------------------------------------------------------------------------------------------------
# countries and regions

def read_csv_dicts(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def cell(row, col):
    return (row.get(col) or "").strip(" \t\r\n\u00a0")


def m49code(s, where):
    s = s.strip()
    if not s:
        return ""
    check(re.fullmatch(r"\d{1,3}", s), f"{where}: bad M49 code {s!r}")
    return s.zfill(3)


def build_regions(data_dir, summary):
    m49 = {l: read_csv_dicts(os.path.join(data_dir, P_M49.format(M49_LANG[l]))) for l in LANGS}
    n = len(m49["en"])
    for l in LANGS:
        check(len(m49[l]) == n, f"UNSD-{M49_LANG[l]}.csv has {len(m49[l])} rows, UNSD-en.csv {n}")
    regions = {}  # code -> {level, parent, names{lang: {name: [rows]}}}

    def put(code, level, parent, lang, name, where):
        if not code:
            return
        name = clean(name)
        check(name, f"{where}: no {lang} name for {code}")
        r = regions.setdefault(code, {"level": level, "parent": parent, "names": {}})
        check(r["level"] == level and r["parent"] == parent,
              f"{where}: {code} is both {r['level']} (parent {r['parent']}) and {level} (parent {parent})")
        r["names"].setdefault(lang, {}).setdefault(name, []).append(where)

    for l in LANGS:
        for i, row in enumerate(m49[l], 2):
            where = f"UNSD-{M49_LANG[l]}.csv:{i}"
            en_row = m49["en"][i - 2]
            check(row["M49 Code"] == en_row["M49 Code"], f"{where}: rows not in the same order as UNSD-en.csv")
            g = m49code(row["Global Code"], where)
            r = m49code(row["Region Code"], where)
            s = m49code(row["Sub-region Code"], where)
            im = m49code(row["Intermediate Region Code"], where)
            check(g == "001", f"{where}: global code {g}")
            put(g, "world", "", l, row["Global Name"], where)
            put(r, "region", g, l, row["Region Name"], where)
            put(s, "subregion", r or g, l, row["Sub-region Name"], where)
            put(im, "intermediate", s or r or g, l, row["Intermediate Region Name"], where)
    variants = []
    for code, r in sorted(regions.items()):
        check(set(r["names"]) == set(LANGS), f"region {code}: names missing")
        for lang in LANGS:
            ranked = sorted(r["names"][lang].items(), key=lambda kv: (-len(kv[1]), kv[0]))
            if len(ranked) > 1:
                check(len(ranked[0][1]) > len(ranked[1][1]), f"region {code}: no majority {lang} name")
                for name, wheres in ranked[1:]:
                    variants.append(f"{code} {lang} {name!r} in {', '.join(wheres)} (used {ranked[0][0]!r}, "
                                    f"{len(ranked[0][1])} rows)")
            r["names"][lang] = ranked[0][0]
    summary.append("region names that vary between rows of one UNSD file (the most frequent is used): "
                   + ("; ".join(variants) if variants else "none"))
    rows = []
    for code in sorted(regions):
        r = regions[code]
        rows.append([code, r["level"], r["parent"]] + [r["names"][l] for l in LANGS])
    levels = {}
    for r in regions.values():
        levels[r["level"]] = levels.get(r["level"], 0) + 1
    summary.append("regions: {} rows (world {}, region {}, subregion {}, intermediate {}) from {} rows of "
                   "UNSD-{{ar,cn,en,es,fr,ru}}.csv".format(len(rows), levels.get("world", 0), levels.get("region", 0),
                                                          levels.get("subregion", 0), levels.get("intermediate", 0), n))
    return rows, regions, m49


def build_countries(data_dir, regions, m49, summary):
    path = os.path.join(data_dir, P_COUNTRY_CODES)
    src = read_csv_dicts(path)
    m49_by_iso2 = {r["ISO-alpha2 Code"]: r for r in m49["en"] if r["ISO-alpha2 Code"]}
    m49_by_lang = {l: {r["ISO-alpha2 Code"]: r for r in m49[l] if r["ISO-alpha2 Code"]} for l in LANGS}
    official_vs_m49 = []
    rows, skipped, fallbacks, fallback_rows, cldr_used, markers = [], [], 0, [], [], []
    flags = {"ldc": 0, "lldc": 0, "sids": 0}
    seen = set()
    for i, r in enumerate(src, 2):
        where = f"country-codes.csv:{i}"
        iso2 = cell(r, "ISO3166-1-Alpha-2")
        if not iso2:
            skipped.append(cell(r, "official_name_en") or where)
            continue
        check(re.fullmatch(r"[A-Z]{2}", iso2), f"{where}: ISO alpha-2 {iso2!r}")
        check(iso2 not in seen, f"{where}: duplicate {iso2}")
        seen.add(iso2)
        iso3 = cell(r, "ISO3166-1-Alpha-3")
        check(re.fullmatch(r"[A-Z]{3}", iso3), f"{where}: ISO alpha-3 {iso3!r}")
        numeric = m49code(cell(r, "ISO3166-1-numeric"), where)
        code = m49code(cell(r, "M49"), where)
        region = m49code(cell(r, "Region Code"), where)
        sub = m49code(cell(r, "Sub-region Code"), where)
        inter = m49code(cell(r, "Intermediate Region Code"), where)
        for c, lvl in ((region, "region"), (sub, "subregion"), (inter, "intermediate")):
            if c:
                check(c in regions and regions[c]["level"] == lvl, f"{where}: {lvl} {c} not in regions.csv")
        if inter:
            check(regions[inter]["parent"] == sub, f"{where}: intermediate {inter} is not in sub-region {sub}")
        if sub:
            check(regions[sub]["parent"] == region, f"{where}: sub-region {sub} is not in region {region}")
        fl = {}
        for key, col in (("ldc", "Least Developed Countries (LDC)"),
                         ("lldc", "Land Locked Developing Countries (LLDC)"),
                         ("sids", "Small Island Developing States (SIDS)")):
            v = cell(r, col)
            check(v in ("", "x"), f"{where}: {col} = {v!r}")
            fl[key] = "1" if v == "x" else "0"
            flags[key] += v == "x"
        # cross-check with the UNSD M49 table
        mr = m49_by_iso2.get(iso2)
        check(mr is not None, f"{where}: {iso2} not in UNSD-en.csv")
        check(mr["M49 Code"] == code and mr["ISO-alpha3 Code"] == iso3 and mr["Region Code"] == region
              and mr["Sub-region Code"] == sub and mr["Intermediate Region Code"] == inter,
              f"{where}: codes of {iso2} differ from UNSD-en.csv")
        for key, col in (("ldc", "Least Developed Countries (LDC)"),
                         ("lldc", "Land Locked Developing Countries (LLDC)"),
                         ("sids", "Small Island Developing States (SIDS)")):
            check((mr[col].strip() == "x") == (fl[key] == "1"), f"{where}: {key} of {iso2} differs from UNSD-en.csv")
        for lang in LANGS:
            mrow = m49_by_lang[lang].get(iso2)
            if mrow is None or clean(mrow["Country or Area"]) != clean(cell(r, "official_name_" + OFFICIAL_LANG[lang])):
                official_vs_m49.append(f"{iso2} {lang}")
        names, fell_back = [], False
        for lang in LANGS:
            name = clean(cell(r, f"UNTERM {UNTERM_LANG[lang]} Short"))
            if name:
                stripped = re.sub(r"\s*\*+$", "", name)
                if stripped != name:
                    markers.append(f"{iso2} {lang}")
                name = stripped
            else:
                fell_back = True
                name = clean(cell(r, "official_name_" + OFFICIAL_LANG[lang]))
                if OFFICIAL_NAME_NOT_UN.get((iso2, lang)) == name:
                    name = ""
                if not name and lang == "en":
                    name = clean(cell(r, "CLDR display name"))
                    cldr_used.append(f"{iso2} {lang}: {name}")
            check(name, f"{where}: no {lang} name for {iso2}")
            names.append(name)
        if fell_back:
            fallbacks += 1
            fallback_rows.append(iso2)
        rows.append([iso2, iso3, numeric, code, region, sub, inter, fl["ldc"], fl["lldc"], fl["sids"]] + names)
    rows.sort(key=lambda x: x[0])
    check(flags == EXPECTED_FLAGS, f"LDC/LLDC/SIDS counts {flags}, expected {EXPECTED_FLAGS}")
    summary.append(f"countries: {len(rows)} rows with an ISO alpha-2 code out of {len(src)} "
                   f"(skipped without alpha-2: {len(skipped)}{': ' + ', '.join(skipped) if skipped else ''}); "
                   f"LDC {flags['ldc']}, LLDC {flags['lldc']}, SIDS {flags['sids']} (as expected; same as UNSD-en.csv)")
    summary.append(f"country names: UNTERM short names for {len(rows) - fallbacks} rows; {fallbacks} rows have no "
                   f"UNTERM names and fall back to official_name_*: " + " ".join(sorted(fallback_rows)))
    summary.append("official_name_* equals 'Country or Area' of UNSD-{ar,cn,en,es,fr,ru}.csv "
                   + ("for every row and language" if not official_vs_m49 else
                      f"except {len(official_vs_m49)}: {', '.join(official_vs_m49)}"))
    summary.append("CLDR display name used: " + ("; ".join(cldr_used) if cldr_used else "none")
                   + f" (official_name_en {OFFICIAL_NAME_NOT_UN[('CI', 'en')]!r} is not the UN name)")
    summary.append("UNTERM footnote asterisks removed from: " + ", ".join(markers))
    no_region = [x[0] for x in rows if not x[4]]
    summary.append("countries without an M49 region (World only): " + (", ".join(no_region) or "none"))
    return rows


def csv_bytes(header, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------------------------------------------

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main(argv=None):
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", default=os.path.join(repo, "..", "shared", "data"),
                    help="the shared data folder (default: ../shared/data relative to the repository)")
    ap.add_argument("--out", default=repo, help="repository root to write data/ into (default: this repository)")
    ap.add_argument("--yaml", choices=("auto", "pyyaml", "builtin"), default="auto",
                    help="YAML reader: PyYAML if importable (auto), PyYAML, or the built-in reader")
    args = ap.parse_args(argv)
    data_dir = os.path.abspath(args.data_dir)
    summary = []
    try:
        check(os.path.isdir(data_dir), f"{data_dir}: not a directory")
        load_yaml, yaml_name = make_yaml_loader(args.yaml)
        summary.append(f"YAML reader: {yaml_name}")

        sdg_lines, counts = build_sdg(data_dir, load_yaml, summary)
        validate_framework_lines(sdg_lines)
        levels = {}
        for rec in sdg_lines[1:]:
            levels[rec["level"]] = levels.get(rec["level"], 0) + 1
        check(levels == {"goal": 17, "target": 169, "indicator": counts["indicators"]},
              f"sdg.jsonl level counts {levels}")
        sdg = jsonl_bytes(sdg_lines)
        for n, line in enumerate(sdg.decode().splitlines(), 1):
            json.loads(line)  # every line is valid JSON
        summary.insert(0, f"sdg.jsonl: {len(sdg_lines)} lines: header, {levels['goal']} goals, "
                          f"{levels['target']} targets, {levels['indicator']} indicators "
                          f"({counts['translated']} with six languages)")

        region_rows, regions, m49 = build_regions(data_dir, summary)
        country_rows = build_countries(data_dir, regions, m49, summary)
    except Failure as e:
        print(f"refdata: error: {e}", file=sys.stderr)
        return 1

    write(os.path.join(args.out, "data", "frameworks", "sdg.jsonl"), sdg)
    write(os.path.join(args.out, "data", "reference", "regions.csv"), csv_bytes(REGION_COLUMNS, region_rows))
    write(os.path.join(args.out, "data", "reference", "countries.csv"), csv_bytes(COUNTRY_COLUMNS, country_rows))
    for s in summary:
        print("- " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
