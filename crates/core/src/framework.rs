//! Framework files: parsing and whole-file validation.
//!
//! The file format (JSON Lines: a header, nodes, edges) is documented in `docs/frameworks.md`. A file is accepted
//! or refused as a whole: [`parse_framework_file`] returns every problem at once, each naming file, line and code.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Lang;

/// A language → text map as framework files carry it (keys are the six UN language codes).
pub type LangMap = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkHeader {
    #[serde(rename = "framework")]
    pub code: String,
    pub version: String,
    pub title: LangMap,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    #[serde(rename = "node")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub level: String,
    pub title: LangMap,
    #[serde(default, skip_serializing_if = "LangMap::is_empty")]
    pub short: LangMap,
    #[serde(default, skip_serializing_if = "LangMap::is_empty")]
    pub description: LangMap,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub labelled_by_position: bool,
    pub source: String,
}

impl Node {
    /// The framework code: the part of the id before the colon.
    pub fn framework(&self) -> &str {
        framework_of(&self.id)
    }

    /// The code within the framework: the part of the id after the colon.
    pub fn code(&self) -> &str {
        self.id.split_once(':').map(|(_, c)| c).unwrap_or(&self.id)
    }

    pub fn title_in(&self, lang: Lang) -> (&str, &str) {
        pick(&self.title, lang)
    }

    pub fn short_in(&self, lang: Lang) -> Option<(&str, &str)> {
        (!self.short.is_empty()).then(|| pick(&self.short, lang))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    #[serde(rename = "edge")]
    pub ends: [String; 2],
    #[serde(default = "default_relation")]
    pub relation: String,
    pub source: String,
}

impl Edge {
    pub fn from(&self) -> &str {
        &self.ends[0]
    }
    pub fn to(&self) -> &str {
        &self.ends[1]
    }
}

fn default_relation() -> String {
    "serves".to_string()
}

/// A parsed and validated framework file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkFile {
    pub header: FrameworkHeader,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// SHA-256 of the file's bytes, hex: a re-import of identical bytes changes nothing.
    pub content_hash: String,
}

/// One problem in a framework file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FileProblem {
    pub file: String,
    pub line: usize,
    /// The node or edge the problem concerns, when known.
    pub code: Option<String>,
    pub message: String,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(code) = &self.code {
            write!(f, "{code}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem found in a refused file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FileProblems(pub Vec<FileProblem>);

impl fmt::Display for FileProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "framework file refused ({} problem(s)); nothing was changed:", self.0.len())?;
        for p in &self.0 {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

/// Parses and validates a framework file. `file` names it in messages; `known` answers whether a node of
/// another framework exists (edges may point to frameworks loaded earlier).
pub fn parse_framework_file(
    file: &str,
    text: &str,
    known: &dyn Fn(&str) -> bool,
) -> Result<FrameworkFile, FileProblems> {
    let mut problems = Vec::new();
    let mut problem = |line: usize, code: Option<&str>, message: String| {
        problems.push(FileProblem { file: file.to_string(), line, code: code.map(str::to_string), message });
    };
    let mut header: Option<FrameworkHeader> = None;
    let mut nodes: Vec<Node> = Vec::new();
    let mut edges: Vec<Edge> = Vec::new();
    let mut node_lines: HashMap<String, usize> = HashMap::new();
    let mut edge_keys: HashSet<(String, String)> = HashSet::new();

    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                problem(line_no, None, format!("malformed JSON at column {}: {e}", e.column()));
                continue;
            }
        };
        let Some(obj) = value.as_object() else {
            problem(line_no, None, "a record must be a JSON object".into());
            continue;
        };
        let record_code = ["node", "framework"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(|v| v.as_str()))
            .map(str::to_string)
            .or_else(|| obj.get("edge").map(|e| e.to_string()));
        let code = record_code.as_deref();

        if obj.contains_key("framework") {
            if header.is_some() || !nodes.is_empty() || !edges.is_empty() {
                problem(line_no, code, "the header must be the first record, and only one".into());
                continue;
            }
            match serde_json::from_value::<FrameworkHeader>(value) {
                Ok(h) => {
                    if !valid_framework_code(&h.code) {
                        problem(line_no, code, "framework code must be lowercase letters, digits or '-'".into());
                    }
                    check_lang_map(&h.title, "title", true, &mut |m| problem(line_no, code, m));
                    header = Some(h);
                }
                Err(e) => problem(line_no, code, format!("bad header: {e}")),
            }
            continue;
        }
        let Some(h) = &header else {
            problem(line_no, code, "the first record must be the header (a \"framework\" record)".into());
            continue;
        };
        if obj.contains_key("node") {
            let node = match serde_json::from_value::<Node>(value) {
                Ok(n) => n,
                Err(e) => {
                    problem(line_no, code, format!("bad node: {e}"));
                    continue;
                }
            };
            let mut report = |m: String| problem(line_no, Some(&node.id), m);
            match node.id.split_once(':') {
                Some((fw, c)) if fw == h.code && valid_node_code(c) => {}
                Some((fw, _)) if fw != h.code => report(format!("node id must start with '{}:'", h.code)),
                _ => report("node id must be 'framework:code' (code: letters, digits, '.', '-', '_')".into()),
            }
            if let Some(previous) = node_lines.get(&node.id) {
                report(format!("duplicate code (first defined on line {previous})"));
                continue;
            }
            if let Some(parent) = &node.parent {
                if !node_lines.contains_key(parent) {
                    report(format!("dangling parent '{parent}': not defined on an earlier line of this file"));
                }
            }
            if node.level.trim().is_empty() {
                report("level must not be empty".into());
            }
            if node.source.trim().is_empty() {
                report("source must not be empty".into());
            }
            if let Some(url) = &node.url {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    report(format!("url '{url}' must be http(s)"));
                }
            }
            check_lang_map(&node.title, "title", true, &mut report);
            check_lang_map(&node.short, "short", false, &mut report);
            check_lang_map(&node.description, "description", false, &mut report);
            node_lines.insert(node.id.clone(), line_no);
            nodes.push(node);
        } else if obj.contains_key("edge") {
            let edge = match serde_json::from_value::<Edge>(value) {
                Ok(e) => e,
                Err(e) => {
                    problem(line_no, code, format!("bad edge: {e}"));
                    continue;
                }
            };
            let label = format!("{} -> {}", edge.from(), edge.to());
            let mut report = |m: String| problem(line_no, Some(&label), m);
            if framework_of(edge.from()) != h.code {
                report(format!("an edge's first node must belong to this file's framework '{}'", h.code));
            } else if !node_lines.contains_key(edge.from()) {
                report(format!("edge to an unknown node '{}'", edge.from()));
            }
            let to_known =
                if framework_of(edge.to()) == h.code { node_lines.contains_key(edge.to()) } else { known(edge.to()) };
            if !to_known {
                report(format!("edge to an unknown node '{}'", edge.to()));
            }
            if edge.from() == edge.to() {
                report("an edge must link two different nodes".into());
            }
            if !matches!(edge.relation.as_str(), "serves" | "implements" | "relates") {
                report(format!("unknown relation '{}': expected serves, implements or relates", edge.relation));
            }
            if edge.source.trim().is_empty() {
                report("source must not be empty".into());
            }
            if !edge_keys.insert((edge.from().to_string(), edge.to().to_string())) {
                report("duplicate edge".into());
            }
            edges.push(edge);
        } else {
            problem(line_no, code, "unknown record: expected a \"framework\", \"node\" or \"edge\" key".into());
        }
    }
    let Some(header) = header else {
        problem(1, None, "empty file: no header record".into());
        return Err(FileProblems(problems));
    };
    if nodes.is_empty() {
        problem(1, Some(&header.code), "a framework needs at least one node".into());
    }
    if !problems.is_empty() {
        return Err(FileProblems(problems));
    }
    let content_hash = hex(&Sha256::digest(text.as_bytes()));
    Ok(FrameworkFile { header, nodes, edges, content_hash })
}

/// The framework code of a node id (`sdg` for `sdg:9.c`).
pub fn framework_of(node_id: &str) -> &str {
    node_id.split_once(':').map(|(f, _)| f).unwrap_or("")
}

/// Picks the text in `lang`, else English, else any; with the language actually used.
pub fn pick(map: &LangMap, lang: Lang) -> (&str, &str) {
    map.get_key_value(lang.code())
        .or_else(|| map.get_key_value("en"))
        .or_else(|| map.iter().next())
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .unwrap_or(("en", ""))
}

fn valid_framework_code(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn valid_node_code(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

fn check_lang_map(map: &LangMap, field: &str, required: bool, report: &mut dyn FnMut(String)) {
    if required && !map.values().any(|v| !v.trim().is_empty()) {
        report(format!("{field} must have text in at least one language"));
    }
    for lang in map.keys() {
        if !Lang::ALL.iter().any(|l| l.code() == lang) {
            report(format!("{field}: unknown language '{lang}' (expected ar, en, es, fr, ru, zh)"));
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = r#"{"framework":"demo","version":"1","title":{"en":"Demo"},"source":"test"}"#;

    fn parse(body: &str) -> Result<FrameworkFile, FileProblems> {
        parse_framework_file("demo.jsonl", &format!("{HEADER}\n{body}"), &|id| id == "sdg:9")
    }

    #[test]
    fn accepts_a_valid_file() {
        let f = parse(concat!(
            r#"{"node":"demo:1","level":"goal","title":{"en":"One","fr":"Un"},"source":"s"}"#,
            "\n",
            r#"{"node":"demo:1.1","parent":"demo:1","level":"target","title":{"en":"One one"},"source":"s"}"#,
            "\n",
            r#"{"edge":["demo:1.1","sdg:9"],"source":"s"}"#
        ))
        .expect("valid");
        assert_eq!(f.nodes.len(), 2);
        assert_eq!(f.edges[0].relation, "serves");
        assert_eq!(f.nodes[1].code(), "1.1");
        assert_eq!(f.content_hash.len(), 64);
    }

    #[test]
    fn reports_every_problem_with_line_and_code() {
        let err = parse(concat!(
            r#"{"node":"demo:1","level":"goal","title":{"en":"One"},"source":"s"}"#,
            "\n",
            r#"{"node":"demo:1","level":"goal","title":{"en":"Again"},"source":"s"}"#,
            "\n",
            r#"{"node":"demo:2","parent":"demo:9","level":"goal","title":{"en":"Two"},"source":"s"}"#,
            "\n",
            r#"{"edge":["demo:1","sdg:99"],"source":"s"}"#,
            "\n",
            r#"{"node":"demo:3", "level":"#,
            "\n",
            r#"{"node":"other:4","level":"goal","title":{"de":"Vier"},"source":"s"}"#,
        ))
        .expect_err("invalid");
        let lines: Vec<(usize, Option<&str>)> = err.0.iter().map(|p| (p.line, p.code.as_deref())).collect();
        assert_eq!(
            lines,
            vec![
                (3, Some("demo:1")),
                (4, Some("demo:2")),
                (5, Some("demo:1 -> sdg:99")),
                (6, None),
                (7, Some("other:4")),
                (7, Some("other:4")),
            ]
        );
        assert!(err.0[0].message.contains("duplicate code"));
        assert!(err.0[1].message.contains("dangling parent 'demo:9'"));
        assert!(err.0[2].message.contains("unknown node 'sdg:99'"));
        assert!(err.0[3].message.contains("malformed JSON"));
        assert!(err.to_string().contains("demo.jsonl:3: demo:1: duplicate code"));
    }

    #[test]
    fn refuses_unknown_fields_and_missing_header() {
        let err = parse(r#"{"node":"demo:1","level":"goal","title":{"en":"x"},"source":"s","colour":"red"}"#)
            .expect_err("unknown field");
        assert!(err.0[0].message.contains("unknown field `colour`"), "{err}");
        let err = parse_framework_file("x.jsonl", r#"{"node":"demo:1"}"#, &|_| false).expect_err("no header");
        assert_eq!(err.0[0].line, 1);
        assert!(parse_framework_file("x.jsonl", "", &|_| false).is_err());
    }

    #[test]
    fn ignores_bom_blank_and_comment_lines() {
        let text = format!(
            "\u{feff}// comment\n{HEADER}\n\n{}\n",
            r#"{"node":"demo:1","level":"g","title":{"en":"x"},"source":"s"}"#
        );
        assert_eq!(parse_framework_file("x", &text, &|_| false).expect("valid").nodes.len(), 1);
    }
}
