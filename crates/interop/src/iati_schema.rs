//! The IATI 2.03 activity schema (`data/iati-schema-2.03`, the official XSD files), compiled at first use into
//! a small model and checked against each activity as it streams by. The XSD subset IATI uses is covered:
//! global and local element declarations, named and anonymous complex types, `sequence` with
//! `minOccurs`/`maxOccurs` (order included), `any namespace="##other"`, attributes (`use="required"`, global
//! references such as `xml:lang`, `anyAttribute namespace="##other"`), simple content, `complexContent`
//! extension, and the datatypes `date`, `dateTime`, `decimal`, `boolean`, `int`, `positiveInteger`,
//! `nonNegativeInteger` (`string` and `anyURI` accept any text).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use quick_xml::events::Event;

use crate::iati::{same_name, El, Node};

const ACTIVITIES_XSD: &str = include_str!("../data/iati-schema-2.03/iati-activities-schema.xsd");
const COMMON_XSD: &str = include_str!("../data/iati-schema-2.03/iati-common.xsd");

/// One way an element breaks the schema: where (byte offset of the element), which element or attribute, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub offset: u64,
    /// Element path from the checked element, e.g. `iati-activity/budget/value/@value-date`.
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Simple {
    Text,
    Decimal,
    Date,
    DateTime,
    Boolean,
    Int,
    PositiveInteger,
    NonNegativeInteger,
}

impl Simple {
    fn of(xsd_type: &str) -> Option<Simple> {
        Some(match xsd_type.strip_prefix("xsd:")? {
            "decimal" => Simple::Decimal,
            "date" => Simple::Date,
            "dateTime" => Simple::DateTime,
            "boolean" => Simple::Boolean,
            "int" | "integer" => Simple::Int,
            "positiveInteger" => Simple::PositiveInteger,
            "nonNegativeInteger" => Simple::NonNegativeInteger,
            _ => Simple::Text,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Simple::Text => "text",
            Simple::Decimal => "a decimal number",
            Simple::Date => "a date (YYYY-MM-DD)",
            Simple::DateTime => "a date and time (YYYY-MM-DDThh:mm:ss)",
            Simple::Boolean => "a boolean (true, false, 1, 0)",
            Simple::Int => "an integer",
            Simple::PositiveInteger => "a positive integer",
            Simple::NonNegativeInteger => "a non-negative integer",
        }
    }

    fn accepts(self, raw: &str) -> bool {
        if self == Simple::Text {
            return true;
        }
        let v = raw.trim();
        match self {
            Simple::Text => true,
            Simple::Decimal => {
                let v = v.strip_prefix(['+', '-']).unwrap_or(v);
                let (int, frac) = v.split_once('.').unwrap_or((v, ""));
                !(int.is_empty() && frac.is_empty())
                    && int.bytes().all(|b| b.is_ascii_digit())
                    && frac.bytes().all(|b| b.is_ascii_digit())
            }
            Simple::Date => valid_date(v).is_some_and(valid_zone),
            Simple::DateTime => {
                valid_date(v).and_then(|rest| rest.strip_prefix('T')).and_then(valid_time).is_some_and(valid_zone)
            }
            Simple::Boolean => matches!(v, "true" | "false" | "1" | "0"),
            Simple::Int => {
                let d = v.strip_prefix(['+', '-']).unwrap_or(v);
                !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
            }
            Simple::PositiveInteger | Simple::NonNegativeInteger => {
                let d = v.strip_prefix('+').unwrap_or(v);
                !d.is_empty()
                    && d.bytes().all(|b| b.is_ascii_digit())
                    && (self == Simple::NonNegativeInteger || d.bytes().any(|b| b != b'0'))
            }
        }
    }
}

/// `YYYY-MM-DD` at the start of `v` (a real day); the rest.
fn valid_date(v: &str) -> Option<&str> {
    let b = v.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse::<u32>().ok()).flatten();
    let (y, m, d) = (num(v.get(0..4)?)?, num(v.get(5..7)?)?, num(v.get(8..10)?)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then(|| &v[10..])
}

/// `hh:mm:ss(.s+)?` at the start of `v`; the rest.
fn valid_time(v: &str) -> Option<&str> {
    let b = v.as_bytes();
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    // `get`, not indexing: a multi-byte character may straddle a field's end (`12:00:0é` was a panic).
    let two = |s: Option<&str>, max: u32| {
        s.is_some_and(|s| s.bytes().all(|c| c.is_ascii_digit()) && s.parse::<u32>().is_ok_and(|n| n <= max))
    };
    if !(two(v.get(0..2), 24) && two(v.get(3..5), 59) && two(v.get(6..8), 59)) {
        return None;
    }
    let mut rest = &v[8..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    Some(rest)
}

/// Nothing, `Z`, or `±hh:mm`.
fn valid_zone(v: &str) -> bool {
    match v.as_bytes() {
        [] | [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

#[derive(Debug, Clone)]
struct Attr {
    name: String,
    kind: Simple,
    required: bool,
}

#[derive(Debug, Clone, Copy)]
enum Decl {
    Global(usize),
    Local(usize),
}

#[derive(Debug, Clone)]
struct Particle {
    name: String,
    decl: Decl,
    min: u32,
    max: Option<u32>,
}

#[derive(Debug, Clone, Default)]
struct ComplexType {
    particles: Vec<Particle>,
    any_element: bool,
    attrs: Vec<Attr>,
    any_attr: bool,
    mixed: bool,
    /// Simple content: the text's datatype.
    simple: Option<Simple>,
    /// `complexContent` extension of this named type.
    base: Option<String>,
}

#[derive(Debug, Clone)]
enum TypeRef {
    Simple(Simple),
    Named(String),
    Inline(Box<ComplexType>),
}

struct Schema {
    globals: HashMap<String, usize>,
    decls: Vec<TypeRef>,
    locals: Vec<TypeRef>,
    types: HashMap<String, ComplexType>,
    /// The type of each of `decls` and `locals`, resolved once after compiling (a simple type as simple
    /// content, `complexContent` bases merged in); `None` for a named type the schema does not define (not
    /// checked).
    resolved_decls: Vec<Option<ComplexType>>,
    resolved_locals: Vec<Option<ComplexType>>,
}

/// A parsed XSD element.
struct X {
    name: String,
    attrs: HashMap<String, String>,
    children: Vec<X>,
}

impl X {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }

    fn kids<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a X> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

fn parse_xsd(text: &str) -> X {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack = vec![X { name: "#doc".into(), attrs: HashMap::new(), children: vec![] }];
    let open = |e: &quick_xml::events::BytesStart<'_>| X {
        name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .filter_map(|a| a.ok())
            .map(|a| {
                let v = a.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
                (String::from_utf8_lossy(a.key.as_ref()).into_owned(), v)
            })
            .collect(),
        children: vec![],
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => stack.push(open(&e)),
            Ok(Event::Empty(e)) => {
                let x = open(&e);
                if let Some(top) = stack.last_mut() {
                    top.children.push(x);
                }
            }
            Ok(Event::End(_)) if stack.len() > 1 => {
                let done = stack.pop().expect("non-empty");
                if let Some(top) = stack.last_mut() {
                    top.children.push(done);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    stack.swap_remove(0)
}

fn occurs(v: Option<&str>) -> Option<u32> {
    match v {
        None => Some(1),
        Some("unbounded") => None,
        Some(n) => n.parse().ok(),
    }
}

impl Schema {
    fn compile() -> Schema {
        let docs = [parse_xsd(COMMON_XSD), parse_xsd(ACTIVITIES_XSD)];
        let roots: Vec<&X> = docs.iter().flat_map(|d| d.kids("schema")).collect();
        let mut schema = Schema {
            globals: HashMap::new(),
            decls: vec![],
            locals: vec![],
            types: HashMap::new(),
            resolved_decls: vec![],
            resolved_locals: vec![],
        };
        let mut global_attrs: HashMap<String, Simple> = HashMap::new();
        global_attrs.insert("xml:lang".into(), Simple::Text);
        for root in &roots {
            for a in root.kids("attribute") {
                if let Some(name) = a.attr("name") {
                    global_attrs.insert(name.into(), a.attr("type").and_then(Simple::of).unwrap_or(Simple::Text));
                }
            }
        }
        // Global element names first, so references resolve whatever the order of declaration.
        for root in &roots {
            for e in root.kids("element") {
                if let Some(name) = e.attr("name") {
                    schema.globals.insert(name.into(), schema.decls.len());
                    schema.decls.push(TypeRef::Simple(Simple::Text));
                }
            }
        }
        for root in &roots {
            for e in root.kids("element") {
                let t = schema.element_type(e, &global_attrs);
                if let Some(&i) = e.attr("name").and_then(|n| schema.globals.get(n)) {
                    schema.decls[i] = t;
                }
            }
            for t in root.kids("complexType") {
                let ct = schema.complex(t, &global_attrs);
                if let Some(name) = t.attr("name") {
                    schema.types.insert(name.into(), ct);
                }
            }
        }
        schema.resolved_decls = schema.decls.iter().map(|t| schema.resolve(t)).collect();
        schema.resolved_locals = schema.locals.iter().map(|t| schema.resolve(t)).collect();
        schema
    }

    fn element_type(&mut self, e: &X, globals: &HashMap<String, Simple>) -> TypeRef {
        if let Some(t) = e.attr("type") {
            return match Simple::of(t) {
                Some(s) => TypeRef::Simple(s),
                None => TypeRef::Named(t.to_string()),
            };
        }
        match e.kids("complexType").next() {
            Some(ct) => TypeRef::Inline(Box::new(self.complex(ct, globals))),
            None => TypeRef::Simple(Simple::Text),
        }
    }

    fn complex(&mut self, ct: &X, globals: &HashMap<String, Simple>) -> ComplexType {
        let mut out = ComplexType { mixed: ct.attr("mixed") == Some("true"), ..Default::default() };
        self.members(ct, globals, &mut out);
        for sc in ct.kids("simpleContent") {
            for ext in sc.kids("extension") {
                out.simple = Some(ext.attr("base").and_then(Simple::of).unwrap_or(Simple::Text));
                self.members(ext, globals, &mut out);
            }
        }
        for cc in ct.kids("complexContent") {
            for ext in cc.kids("extension") {
                out.base = ext.attr("base").map(str::to_string);
                self.members(ext, globals, &mut out);
            }
        }
        out
    }

    /// The sequence, attributes and wildcards directly inside `x`.
    fn members(&mut self, x: &X, globals: &HashMap<String, Simple>, out: &mut ComplexType) {
        for seq in x.kids("sequence") {
            for p in &seq.children {
                match p.name.as_str() {
                    "any" => out.any_element = true,
                    "element" => {
                        let (min, max) = (occurs(p.attr("minOccurs")).unwrap_or(1), occurs(p.attr("maxOccurs")));
                        let (name, decl) = match (p.attr("ref"), p.attr("name")) {
                            (Some(r), _) => match self.globals.get(r) {
                                Some(&i) => (r.to_string(), Decl::Global(i)),
                                None => continue,
                            },
                            (None, Some(n)) => {
                                let t = self.element_type(p, globals);
                                self.locals.push(t);
                                (n.to_string(), Decl::Local(self.locals.len() - 1))
                            }
                            _ => continue,
                        };
                        out.particles.push(Particle { name, decl, min, max });
                    }
                    _ => {}
                }
            }
        }
        for a in x.kids("attribute") {
            let required = a.attr("use") == Some("required");
            let (name, kind) = match (a.attr("ref"), a.attr("name")) {
                (Some(r), _) => (r.to_string(), globals.get(r).copied().unwrap_or(Simple::Text)),
                (None, Some(n)) => (n.to_string(), a.attr("type").and_then(Simple::of).unwrap_or(Simple::Text)),
                _ => continue,
            };
            out.attrs.push(Attr { name, kind, required });
        }
        if x.kids("anyAttribute").next().is_some() {
            out.any_attr = true;
        }
    }

    fn resolved(&self, d: Decl) -> Option<&ComplexType> {
        match d {
            Decl::Global(i) => self.resolved_decls[i].as_ref(),
            Decl::Local(i) => self.resolved_locals[i].as_ref(),
        }
    }

    /// A complex type with its `complexContent` base merged in (base particles and attributes first).
    fn effective(&self, t: &ComplexType) -> ComplexType {
        match t.base.as_deref().and_then(|b| self.types.get(b)) {
            None => t.clone(),
            Some(base) => {
                let mut out = self.effective(base);
                out.particles.extend(t.particles.iter().cloned());
                out.attrs.extend(t.attrs.iter().cloned());
                out.any_element |= t.any_element;
                out.any_attr |= t.any_attr;
                out
            }
        }
    }

    fn resolve(&self, t: &TypeRef) -> Option<ComplexType> {
        match t {
            TypeRef::Simple(s) => Some(ComplexType { simple: Some(*s), ..Default::default() }),
            TypeRef::Named(n) => self.types.get(n).map(|ct| self.effective(ct)),
            TypeRef::Inline(ct) => Some(self.effective(ct)),
        }
    }

    fn check(&self, el: El<'_>, d: Decl, path: &ElPath<'_>, out: &mut Vec<Issue>) {
        if let Some(ct) = self.resolved(d) {
            self.check_complex(el, ct, path, out)
        }
    }

    fn check_complex(&self, el: El<'_>, t: &ComplexType, path: &ElPath<'_>, out: &mut Vec<Issue>) {
        let issue = |out: &mut Vec<Issue>, offset: u64, path: String, message: String| {
            out.push(Issue { offset, path, message })
        };
        // Attributes (those of the type found, by their place in it: the required ones missing are those left).
        let mut found = 0u64;
        for (name, value) in el.attrs() {
            // The type's own first (no attribute of the schema is a namespace declaration).
            match t.attrs.iter().position(|a| same_name(&a.name, name)) {
                Some(j) => {
                    found |= 1u64.checked_shl(j as u32).unwrap_or(0);
                    let a = &t.attrs[j];
                    if !a.kind.accepts(value) {
                        let message = format!("'{value}' is not {}", a.kind.name());
                        issue(out, el.offset(), path.render_with("/@", name), message)
                    }
                }
                None if name == "xmlns" || name.starts_with("xmlns:") => {}
                None if prefixed(name) && t.any_attr => {}
                None => issue(
                    out,
                    el.offset(),
                    path.render_with("/@", name),
                    "attribute not allowed here (extensions must be in a namespace)".into(),
                ),
            }
        }
        for (j, a) in t.attrs.iter().enumerate().filter(|(_, a)| a.required) {
            // Past the 64th attribute of a type (none in the schema has that many), looked for again.
            let given = match 1u64.checked_shl(j as u32) {
                Some(bit) => found & bit != 0,
                None => el.attrs().iter().any(|(n, _)| *n == a.name),
            };
            if !given {
                issue(out, el.offset(), path.render_with("/@", &a.name), "required attribute missing".into());
            }
        }
        // Children, in one pass: texts (the first piece kept, the rest only counted: most elements have one) and
        // elements against the sequence (counts on the stack unless the sequence is long: most types have a few
        // particles, and these are zeroed for every element checked; `iati-activity`'s ~40 go to the heap, once
        // per activity). Problems of the element's text are pushed after those of its children; both are sorted
        // by offset (stably) later, and its own come first there, in the order they were found.
        let checks_text = t.simple.filter(|k| *k != Simple::Text);
        let (mut first_text, mut more_texts, mut text_not_allowed) = (None, false, false);
        let mut on_stack = [0u32; 16];
        let mut on_heap = Vec::new();
        let counts: &mut [u32] = match on_stack.get_mut(..t.particles.len()) {
            Some(counts) => counts,
            None => {
                on_heap.resize(t.particles.len(), 0);
                &mut on_heap[..]
            }
        };
        let mut at = 0usize;
        for node in el.children() {
            let child = match node {
                Node::El(child) => child,
                Node::Text(text) => {
                    if checks_text.is_some() {
                        match first_text {
                            None => first_text = Some(text),
                            Some(_) => more_texts = true,
                        }
                    } else if t.simple.is_none() && !t.mixed && !text_not_allowed && !blank(text) {
                        text_not_allowed = true;
                    }
                    continue;
                }
            };
            let child_path = ElPath { parent: Some(path), name: child.name() };
            // The sequence's names first (none is prefixed): most children are one of them.
            let found = match t.simple {
                None => t.particles[at..].iter().position(|p| same_name(&p.name, child.name())),
                Some(_) => None,
            };
            let Some(k) = found else {
                if prefixed(child.name()) {
                    if !t.any_element {
                        issue(out, child.offset(), child_path.render(), "extension elements not allowed here".into());
                    }
                } else if t.simple.is_some() {
                    issue(out, child.offset(), child_path.render(), "element not allowed in text content".into());
                } else {
                    let message = match t.particles[..at].iter().find(|p| p.name == child.name()) {
                        Some(_) => format!("out of order: must come before {}", t.particles[at].name),
                        None => "element not allowed here (extensions must be in a namespace)".to_string(),
                    };
                    issue(out, child.offset(), child_path.render(), message);
                }
                continue;
            };
            for (p, &n) in t.particles[at..at + k].iter().zip(&counts[at..at + k]) {
                if n < p.min {
                    issue(out, child.offset(), path.render_with("/", &p.name), missing(p, n));
                }
            }
            at += k;
            counts[at] += 1;
            let p = &t.particles[at];
            if p.max.is_some_and(|m| counts[at] > m) {
                issue(
                    out,
                    child.offset(),
                    child_path.render(),
                    format!("at most {} allowed here", p.max.unwrap_or_default()),
                );
            }
            self.check(child, p.decl, &child_path, out);
        }
        if let Some(kind) = checks_text {
            let text: Cow<str> = match (first_text, more_texts) {
                (None, _) => Cow::Borrowed(""),
                (Some(one), false) => Cow::Borrowed(one),
                (Some(_), true) => Cow::Owned(
                    el.children().filter_map(|n| if let Node::Text(t) = n { Some(t) } else { None }).collect(),
                ),
            };
            if !kind.accepts(&text) {
                issue(out, el.offset(), path.render(), format!("'{}' is not {}", text.trim(), kind.name()));
            }
        } else if text_not_allowed {
            issue(out, el.offset(), path.render(), "text not allowed here (only elements)".into());
        }
        for (i, p) in t.particles.iter().enumerate().skip(at) {
            if counts[i] < p.min {
                issue(out, el.offset(), path.render_with("/", &p.name), missing(p, counts[i]));
            }
        }
    }
}

/// The path of an element being checked (`iati-activity/budget/value`), written out only for a problem.
struct ElPath<'a> {
    parent: Option<&'a ElPath<'a>>,
    name: &'a str,
}

impl ElPath<'_> {
    fn root(name: &str) -> ElPath<'_> {
        ElPath { parent: None, name }
    }

    /// The path written out, in one allocation.
    fn render(&self) -> String {
        self.render_with("", "")
    }

    /// The path written out followed by `sep` and `name` (`/@` and an attribute's), in one allocation.
    fn render_with(&self, sep: &str, name: &str) -> String {
        let mut len = sep.len() + name.len();
        let mut p = Some(self);
        while let Some(el) = p {
            len += el.name.len() + 1;
            p = el.parent;
        }
        let mut out = String::with_capacity(len);
        self.write(&mut out);
        out.push_str(sep);
        out.push_str(name);
        out
    }

    fn write(&self, out: &mut String) {
        if let Some(p) = self.parent {
            p.write(out);
            out.push('/');
        }
        out.push_str(self.name);
    }
}

/// A qualified name with a prefix (`name.contains(':')`, by a plain loop: names are short, the call to `memchr`
/// costs more).
fn prefixed(name: &str) -> bool {
    name.bytes().any(|b| b == b':')
}

/// Text of white space only (`str::trim` empties it): ASCII white space byte by byte, anything else by `trim`.
fn blank(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_whitespace()) || text.trim().is_empty()
}

fn missing(p: &Particle, found: u32) -> String {
    if found == 0 && p.min == 1 {
        "required element missing".into()
    } else {
        format!("at least {} required, {found} found", p.min)
    }
}

fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(Schema::compile)
}

/// Every way `activity` (an `iati-activity` element) breaks the 2.03 schema, in document order.
pub(crate) fn check_activity(activity: El<'_>) -> Vec<Issue> {
    let s = schema();
    let mut out = Vec::new();
    if let Some(&i) = s.globals.get("iati-activity") {
        s.check(activity, Decl::Global(i), &ElPath::root("iati-activity"), &mut out);
    }
    out.sort_by_key(|i| i.offset);
    out
}

/// The problems of the root element's own attributes (`iati-activities`; its children are checked one by one).
pub(crate) fn check_root(root: El<'_>) -> Vec<Issue> {
    let s = schema();
    let mut out = Vec::new();
    if let Some(TypeRef::Inline(ct)) = s.globals.get("iati-activities").map(|&i| &s.decls[i]) {
        let attrs_only = ComplexType { particles: vec![], any_element: true, ..(**ct).clone() };
        s.check_complex(root, &attrs_only, &ElPath::root("iati-activities"), &mut out);
    }
    out
}

/// Whether a top-level element may stand between activities (`iati-activity`, or any namespaced element).
pub(crate) fn allowed_at_top(name: &str) -> bool {
    name == "iati-activity" || name.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datatypes() {
        assert!(Simple::Date.accepts("2024-02-29") && !Simple::Date.accepts("2023-02-29"));
        assert!(Simple::Date.accepts(" 2013-11-27 ") && !Simple::Date.accepts("27/11/2013"));
        assert!(Simple::Date.accepts("2013-11-27Z") && Simple::Date.accepts("2013-11-27+01:00"));
        assert!(Simple::DateTime.accepts("2013-11-27T10:00:00.5Z") && !Simple::DateTime.accepts("2013-11-27"));
        assert!(Simple::Decimal.accepts("-1.5") && Simple::Decimal.accepts(".5") && !Simple::Decimal.accepts(""));
        assert!(!Simple::Decimal.accepts("1,000") && !Simple::Decimal.accepts("xx"));
        assert!(Simple::PositiveInteger.accepts("3") && !Simple::PositiveInteger.accepts("0"));
        assert!(Simple::NonNegativeInteger.accepts("0") && !Simple::NonNegativeInteger.accepts("-1"));
        assert!(Simple::Boolean.accepts("1") && !Simple::Boolean.accepts("yes"));
        // A multi-byte character inside the time is refused, not a panic (regressions/iati/time-utf8.xml).
        for bad in ["2011-06-01T12:00:0é", "2011-06-01T12:0é:00", "2011-06-01Té:00:00", "2011-06-01T12:00:00é"] {
            assert!(!Simple::DateTime.accepts(bad), "{bad}");
        }
    }

    #[test]
    fn the_schema_compiles_with_its_elements_and_types() {
        let s = schema();
        for name in ["iati-activities", "iati-activity", "narrative", "reporting-org", "title"] {
            assert!(s.globals.contains_key(name), "{name}");
        }
        assert!(s.types.contains_key("documentLinkResultBase") && s.types.contains_key("currencyType"));
        let Some(TypeRef::Inline(activity)) = s.globals.get("iati-activity").map(|&i| &s.decls[i]) else {
            panic!("iati-activity has an inline type")
        };
        let names: Vec<&str> = activity.particles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(&names[..3], ["iati-identifier", "reporting-org", "title"]);
        // The check looks a child up in the sequence before it asks whether its name is prefixed, and an
        // attribute up in the type before it asks whether it declares a namespace: neither can be in the schema.
        let types = s.resolved_decls.iter().chain(&s.resolved_locals).flatten();
        let (mut particles, mut attrs) = (0, 0);
        for t in types {
            for p in &t.particles {
                assert!(!prefixed(&p.name), "{}", p.name);
                particles += 1;
            }
            for a in &t.attrs {
                assert!(a.name != "xmlns" && !a.name.starts_with("xmlns:"), "{}", a.name);
                attrs += 1;
            }
        }
        assert!(particles > 100 && attrs > 100, "{particles} particles, {attrs} attributes");
    }
}
