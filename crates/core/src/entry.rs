//! Registry entries: what people record in cogov, with their lifecycle, identifiers, tags and revisions.

use serde::{Deserialize, Serialize};

use crate::Text;

/// `code()`, `ALL`, `Display` and `FromStr` (with an [`UnknownValue`] error naming the expected codes) for an
/// enum whose variants stand for fixed string codes.
macro_rules! impl_codes {
    ($name:ident, $what:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::entry::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::entry::UnknownValue {
                        what: $what,
                        value: s.to_string(),
                        expected: [$($code),+].join(", "),
                    }),
                }
            }
        }
    };
}

pub(crate) use impl_codes;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        // Written out: utoipa's derive does not see `serde(rename)` values that come from a macro.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl_codes!($name, $what, { $($variant => $code),+ });
    };
}

/// A value that is not one of an enumeration's codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{value}': expected one of {expected}")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

string_enum!(
    /// What an entry is.
    EntryKind, "kind" {
        Actor => "actor",
        Initiative => "initiative",
        DigitalPublicGood => "dpg",
        Process => "process",
        Document => "document",
        Event => "event",
    }
);

string_enum!(
    /// The stakeholder group of an actor (an organization), as the WSIS and IGF processes name them.
    StakeholderGroup, "stakeholder group" {
        Government => "government",
        Intergovernmental => "intergovernmental",
        PrivateSector => "private-sector",
        CivilSociety => "civil-society",
        TechnicalCommunity => "technical-community",
        Academia => "academia",
    }
);

string_enum!(
    /// Where an entry is in its lifecycle. Only `published` entries are public.
    Status, "status" {
        Draft => "draft",
        Submitted => "submitted",
        Published => "published",
        Rejected => "rejected",
        Archived => "archived",
    }
);

impl EntryKind {
    /// English label, used until the interface is translated.
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Actor => "Organization",
            EntryKind::Initiative => "Initiative",
            EntryKind::DigitalPublicGood => "Digital public good",
            EntryKind::Process => "Process or forum",
            EntryKind::Document => "Document",
            EntryKind::Event => "Event",
        }
    }
}

/// Where a record or a tag comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Provenance {
    /// Entered by a person (an account id or a CLI operator name).
    Manual { by: String },
    /// Imported from an external source, keyed by that source's identifier.
    Imported { source: String, external_id: String },
    /// Suggested by a method (e.g. a text classifier), not yet confirmed by a person.
    Suggested { method: String },
    /// Received from a peer instance's signed feed.
    Peer { instance: String },
}

/// An identifier of the entry in another system. `(source, id)` is unique across the instance.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExternalId {
    pub source: String,
    pub id: String,
}

/// Evidence offered for a tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Evidence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A link from an entry to a framework node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Tag {
    pub node: String,
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// A registry entry. `attributes` holds what only some kinds have (a DPG's licences, an event's dates, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Entry {
    pub id: String,
    pub kind: EntryKind,
    pub slug: String,
    pub status: Status,
    pub title: Text,
    #[serde(default)]
    pub summary: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stakeholder_group: Option<StakeholderGroup>,
    /// ISO 3166-1 alpha-2 codes.
    #[serde(default)]
    pub countries: Vec<String>,
    /// UN M49 region codes.
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default)]
    pub external_ids: Vec<ExternalId>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    pub provenance: Provenance,
    #[serde(default)]
    #[schema(value_type = Object)]
    pub attributes: serde_json::Map<String, serde_json::Value>,
    pub created_at: String,
    pub updated_at: String,
}

/// One field's change in a revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<serde_json::Value>,
}

/// A recorded change of an entry: who, when, what changed, why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub entry_id: String,
    pub number: i64,
    pub at: String,
    pub actor: String,
    pub reason: String,
    pub changes: Vec<FieldChange>,
}

/// A validation problem on one field, as the API reports it: `{field, code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        FieldError { field: field.into(), code: code.to_string(), message: message.into() }
    }
}

/// Fields that are bookkeeping, not content: they never appear in a revision's changes.
const BOOKKEEPING: &[&str] = &["updated_at", "created_at", "id"];

impl Entry {
    /// The rules every entry obeys, whatever path it came in by. Reference checks (do these countries and
    /// framework nodes exist?) need the store and live in the use cases.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.title.is_empty() {
            errors.push(FieldError::new("title", "required", "a title is required in at least one language"));
        }
        for (lang, text) in self.title.values.iter().chain(self.summary.values.iter()) {
            if !valid_lang_tag(lang) {
                errors.push(FieldError::new("title", "invalid_language", format!("'{lang}' is not a language code")));
            }
            if text.chars().count() > 20_000 {
                errors.push(FieldError::new(
                    "summary",
                    "too_long",
                    format!("the {lang} text is longer than 20,000 characters"),
                ));
            }
        }
        if !valid_slug(&self.slug) {
            errors.push(FieldError::new("slug", "invalid", "a slug is 1–120 lowercase letters, digits and '-'"));
        }
        if self.kind != EntryKind::Actor && self.stakeholder_group.is_some() {
            errors.push(FieldError::new(
                "stakeholder_group",
                "not_allowed",
                "only organizations have a stakeholder group",
            ));
        }
        if let Some(url) = &self.website {
            if !is_http_url(url) {
                errors.push(FieldError::new("website", "invalid_url", format!("'{url}' is not an http(s) URL")));
            }
        }
        for (i, tag) in self.tags.iter().enumerate() {
            if let Some(url) = tag.evidence.as_ref().and_then(|e| e.url.as_ref()) {
                if !is_http_url(url) {
                    errors.push(FieldError::new(
                        format!("tags[{i}].evidence.url"),
                        "invalid_url",
                        format!("'{url}' is not an http(s) URL"),
                    ));
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, ext) in self.external_ids.iter().enumerate() {
            if ext.source.trim().is_empty() || ext.id.trim().is_empty() {
                errors.push(FieldError::new(
                    format!("external_ids[{i}]"),
                    "required",
                    "an external id needs a source and an id",
                ));
            }
            if !seen.insert((&ext.source, &ext.id)) {
                errors.push(FieldError::new(
                    format!("external_ids[{i}]"),
                    "duplicate",
                    "this external id is listed twice",
                ));
            }
        }
        errors
    }

    /// What changed from `before` to `self`, field by field (top-level fields, bookkeeping excluded).
    pub fn changes_since(&self, before: Option<&Entry>) -> Vec<FieldChange> {
        let after = to_object(self);
        let Some(before) = before else {
            // A new entry: every field is a change; its values are moved, not compared and copied.
            let mut changes: Vec<FieldChange> = after
                .into_iter()
                .filter(|(k, _)| !BOOKKEEPING.contains(&k.as_str()))
                .map(|(field, v)| FieldChange { field, before: None, after: Some(v) })
                .collect();
            changes.sort_by(|a, b| a.field.cmp(&b.field));
            return changes;
        };
        let before = to_object(before);
        let mut keys: Vec<&String> = after.keys().chain(before.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter(|k| !BOOKKEEPING.contains(&k.as_str()))
            .filter(|k| before.get(*k) != after.get(*k))
            .map(|k| FieldChange { field: k.clone(), before: before.get(k).cloned(), after: after.get(k).cloned() })
            .collect()
    }
}

/// The JSON of a new entry's revision 1 changes (exactly `serde_json::to_string(&entry.changes_since(None))`),
/// cut from the entry's document as serde_json wrote it: each change's value is a slice of it, no
/// `serde_json::Value` copy of the entry is made. The store keeps revision 1 without its changes while the entry
/// is as created, and works them out with this when they are read.
pub fn creation_changes_json(doc_json: &str) -> String {
    let mut fields = top_level_fields(doc_json);
    fields.retain(|(field, _)| !BOOKKEEPING.contains(field));
    fields.sort_by(|a, b| a.0.cmp(b.0));
    let mut changes_json = String::with_capacity(doc_json.len() + 32 * fields.len());
    changes_json.push('[');
    for (i, (field, value)) in fields.iter().enumerate() {
        if i > 0 {
            changes_json.push(',');
        }
        changes_json.push_str("{\"field\":");
        changes_json.push_str(&json_text(field));
        changes_json.push_str(",\"after\":");
        changes_json.push_str(&doc_json[value.clone()]);
        changes_json.push('}');
    }
    changes_json.push(']');
    changes_json
}

/// An entry's document (`doc_json`, as serde_json wrote the entry) with its `attributes` member replaced by
/// `attributes_json`, the JSON text of an object as serde_json writes it: the same bytes as serializing the
/// entry with those attributes, without building them as a `serde_json::Value` (importers build them as text).
/// The document is made in `attributes_json`'s own buffer (an imported one is most of the document's bytes, and
/// its reader leaves room for the rest). `None` if `doc_json` has no top-level `attributes` member.
///
/// `attributes_json` may start with spaces: room its writer left for the members before `attributes`. When
/// they fit, they are written into that room and the attributes are not moved; the document is then the text
/// from the returned offset (the room's spaces left before it are not part of it).
///
/// The text is given as its bytes, not checked again: it is UTF-8 as made (only ASCII spaces are replaced, by
/// whole UTF-8 text), and a store that packs it checks the text it unpacks (`String::from_utf8` for any other).
pub fn with_attributes_json(doc_json: &str, attributes_json: String) -> Option<(Vec<u8>, usize)> {
    let (_, at) = top_level_fields(doc_json).into_iter().find(|(name, _)| *name == "attributes")?;
    let prefix = &doc_json[..at.start];
    let mut out = attributes_json;
    // The room: the spaces before the object (counted without stopping early: it is a few kilobytes).
    let room = memchr::memchr(b'{', out.as_bytes()).unwrap_or(0);
    let spaces = out.as_bytes()[..room].iter().fold(true, |all, &b| all & (b == b' '));
    if spaces && room >= prefix.len() {
        let start = room - prefix.len();
        let mut bytes = out.into_bytes();
        bytes[start..room].copy_from_slice(prefix.as_bytes());
        bytes.extend_from_slice(&doc_json.as_bytes()[at.end..]);
        Some((bytes, start))
    } else {
        out.replace_range(..room, prefix);
        out.push_str(&doc_json[at.end..]);
        Some((out.into_bytes(), 0))
    }
}

/// Appends `s` to `out` as a JSON string, byte for byte as serde_json writes it (`"`, `\` and the control
/// characters escaped, the short forms where JSON has them, `\u00xx` otherwise; nothing else): copied run by
/// run between the bytes escaped, found eight bytes at a time.
pub fn push_json_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = first_to_escape(&b[from..]) {
        // Bytes escaped are ASCII: both sides of one are character boundaries.
        let at = from + k;
        out.push_str(&s[from..at]);
        let byte = b[at];
        match ESCAPES[usize::from(byte)] {
            b'u' => {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xF)]));
            }
            short => {
                out.push('\\');
                out.push(char::from(short));
            }
        }
        from = at + 1;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// The hexadecimal digits of a `\u00xx` escape.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// The high bit set in each byte of the 8-byte `word` below 0x20 or equal to '"' or '\'. A borrow can also
/// flag a byte above a flagged one, never below: the lowest flagged byte is one to escape.
#[inline]
fn to_escape(word: &[u8]) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const SPACES: u64 = u64::from_le_bytes([0x20; 8]);
    const QUOTES: u64 = u64::from_le_bytes([b'"'; 8]);
    const BACKSLASHES: u64 = u64::from_le_bytes([b'\\'; 8]);
    let v = u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]);
    let (quote, backslash) = (v ^ QUOTES, v ^ BACKSLASHES);
    (v.wrapping_sub(SPACES) & !v | quote.wrapping_sub(ONES) & !quote | backslash.wrapping_sub(ONES) & !backslash)
        & HIGHS
}

/// Where the first byte of `b` that [`push_json_str`] escapes is, if any.
fn first_to_escape(b: &[u8]) -> Option<usize> {
    let mut words = b.chunks_exact(8);
    for (n, word) in words.by_ref().enumerate() {
        let flagged = to_escape(word);
        if flagged != 0 {
            return Some(8 * n + (flagged.trailing_zeros() / 8) as usize);
        }
    }
    let rest = words.remainder();
    rest.iter().position(|&c| ESCAPES[usize::from(c)] != 0).map(|p| b.len() - rest.len() + p)
}

/// How [`push_json_str`] escapes a byte it must escape: the byte after `\`, `u` for `\u00xx` (0 for a byte
/// written as it is).
const ESCAPES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 0x20 {
        table[c] = b'u';
        c += 1;
    }
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[0x08] = b'b';
    table[0x0C] = b'f';
    table
};

/// The byte that opens and closes a *deferred* string in JSON text: a string value written as its text as it
/// is, escaped only when the text is expanded ([`expand_deferred`]). JSON as serde_json writes it never holds
/// this byte (in a string it is escaped; outside strings there is nothing but JSON's own bytes). The IATI
/// importer writes the kept XML, most of an activity's bytes, this way: SQLite keeps the document packed as
/// written, so an import never escapes it, and a read expands it (`cogov_store::packed::unpack`); any other use
/// of such text expands it first.
pub const DEFERRED: u8 = 0;

/// Appends `s` to `out` as a deferred JSON string (see [`DEFERRED`]); a text holding that byte itself is
/// written escaped, as [`push_json_str`] writes it.
pub fn push_deferred_json_str(out: &mut String, s: &str) {
    if memchr::memchr(DEFERRED, s.as_bytes()).is_some() {
        return push_json_str(out, s);
    }
    out.reserve(s.len() + 2);
    out.push(char::from(DEFERRED));
    out.push_str(s);
    out.push(char::from(DEFERRED));
}

/// `text` with its deferred strings ([`DEFERRED`]) written out as JSON strings, byte for byte as serde_json
/// writes them; text without any is returned as it is. A deferred string left open runs to the end of the text
/// (only a damaged text has one: what it expands to is then not JSON, and reading it as JSON says so).
pub fn expand_deferred(text: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(DEFERRED, text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Between the markers, in turn: JSON as it is, then a deferred string.
    for (i, part) in text.split(char::from(DEFERRED)).enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        } else {
            push_json_str(&mut out, part);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`expand_deferred`] for owned text: returned as it is when it holds no deferred string.
pub fn expanded(text: String) -> String {
    match memchr::memchr(DEFERRED, text.as_bytes()) {
        None => text,
        Some(_) => expand_deferred(&text).into_owned(),
    }
}

/// The members of a JSON object as serde_json writes it (no white space): each name (of our own struct
/// fields: no escapes) with the range of its value's text.
fn top_level_fields(json: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let b = json.as_bytes();
    let mut fields = Vec::with_capacity(16);
    if b.first() != Some(&b'{') {
        return fields;
    }
    let mut i = 1;
    while i < b.len() && b[i] == b'"' {
        let name_end = string_end(b, i);
        let name = &json[i + 1..name_end - 1];
        // `:`, then the value up to the `,` or `}` that ends it.
        let start = name_end + 1;
        let mut end = start;
        let mut depth = 0usize;
        while end < b.len() {
            match b[end] {
                b'"' => end = string_end(b, end),
                b'{' | b'[' => {
                    depth += 1;
                    end += 1;
                }
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    end += 1;
                }
                b',' | b'}' if depth == 0 => break,
                _ => end += 1,
            }
        }
        fields.push((name, start..end));
        i = end + 1;
    }
    fields
}

/// The index after the end of the JSON string starting at `b[start]` (a `"`).
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(at) = memchr::memchr2(b'"', b'\\', &b[i..]) {
        if b[i + at] == b'"' {
            return i + at + 1;
        }
        i += at + 2;
    }
    b.len()
}

/// JSON text of a value of our own plain types (cannot fail: no maps with non-string keys, no custom
/// serializers).
fn json_text<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn to_object(entry: &Entry) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(entry) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

pub fn is_http_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.chars().any(char::is_whitespace))
}

fn valid_lang_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A slug is 1–120 lowercase ASCII letters, digits and '-'.
pub fn valid_slug(slug: &str) -> bool {
    (1..=120).contains(&slug.len()) && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A URL-safe slug from a title: ASCII letters and digits, lowercased, joined by '-'. Titles with no ASCII
/// letters (Arabic, Chinese, …) give `fallback`.
pub fn slugify(title: &str, fallback: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 80 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// Folds the accented Latin letters common in UN country and organization names to their ASCII base letter.
pub fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any text, and text made mostly of what JSON escapes, at every length around the 8-byte words.
        #[test]
        fn json_strings_are_written_as_serde_writes_them(
            s in "(\\PC|[\\x00-\\x1f\"\\\\\u{7f}é☃])*",
            pad in 0usize..9,
        ) {
            let s = format!("{}{s}", "x".repeat(pad));
            let serde = format!("[{}", serde_json::to_string(&s).expect("JSON"));
            let mut pushed = String::from("[");
            push_json_str(&mut pushed, &s);
            proptest::prop_assert_eq!(pushed, serde);
        }
    }

    proptest::proptest! {
        /// JSON text with deferred strings (some holding the marker itself, written escaped) expands to the text
        /// with those strings written as serde_json writes them.
        #[test]
        fn deferred_strings_expand_to_what_serde_writes(
            parts in proptest::collection::vec(("(\\PC|[\\x00-\\x1f\"\\\\é☃])*", proptest::bool::ANY), 0..6),
        ) {
            let (mut deferred, mut serde) = (String::from("{\"x\":["), String::from("{\"x\":["));
            for (i, (s, defer)) in parts.iter().enumerate() {
                if i > 0 {
                    deferred.push(',');
                    serde.push(',');
                }
                if *defer {
                    push_deferred_json_str(&mut deferred, s);
                } else {
                    push_json_str(&mut deferred, s);
                }
                serde.push_str(&serde_json::to_string(s).expect("JSON"));
            }
            deferred.push_str("]}");
            serde.push_str("]}");
            let held = parts.iter().any(|(s, defer)| *defer && !s.contains('\0'));
            proptest::prop_assert_eq!(deferred.contains('\0'), held);
            proptest::prop_assert_eq!(expand_deferred(&deferred), serde.as_str());
            proptest::prop_assert_eq!(expanded(deferred), serde);
        }
    }

    #[test]
    fn deferred_strings_are_written_as_they_are_and_text_without_them_is_not_copied() {
        let mut text = String::from("[");
        push_deferred_json_str(&mut text, "<a b=\"c\">\n</a>");
        text.push(']');
        assert_eq!(text, "[\0<a b=\"c\">\n</a>\0]");
        assert_eq!(expand_deferred(&text), r#"["<a b=\"c\">\n</a>"]"#);
        assert!(matches!(expand_deferred("[\"x\"]"), std::borrow::Cow::Borrowed(_)));
        // Left open (a damaged text): runs to the end, and is not JSON.
        assert_eq!(expand_deferred("[\0a\"b"), "[\"a\\\"b\"");
        assert!(serde_json::from_str::<serde_json::Value>(&expand_deferred("[\0a\"b")).is_err());
    }

    #[test]
    fn every_byte_below_0x80_is_escaped_as_serde_escapes_it() {
        for len in 0..20 {
            for c in (0u8..0x80).map(char::from) {
                let s: String = std::iter::repeat_n('a', len).chain([c]).chain(std::iter::repeat_n('b', len)).collect();
                let mut pushed = String::new();
                push_json_str(&mut pushed, &s);
                assert_eq!(pushed, serde_json::to_string(&s).expect("JSON"), "{c:?}");
            }
        }
    }

    fn entry() -> Entry {
        Entry {
            id: "e1".into(),
            kind: EntryKind::Actor,
            slug: "unesco".into(),
            status: Status::Published,
            title: Text::new("en", "UNESCO"),
            summary: Text::default(),
            stakeholder_group: Some(StakeholderGroup::Intergovernmental),
            countries: vec![],
            regions: vec![],
            website: Some("https://www.unesco.org".into()),
            external_ids: vec![],
            tags: vec![],
            provenance: Provenance::Manual { by: "test".into() },
            attributes: Default::default(),
            created_at: "t0".into(),
            updated_at: "t0".into(),
        }
    }

    #[test]
    fn enums_round_trip_and_name_the_expected_values() {
        for k in EntryKind::ALL {
            assert_eq!(k.code().parse::<EntryKind>(), Ok(*k));
        }
        let err = "ngo".parse::<StakeholderGroup>().expect_err("unknown");
        assert!(err.to_string().contains("civil-society"), "{err}");
        assert_eq!(serde_json::to_string(&Status::Published).ok().as_deref(), Some("\"published\""));
    }

    #[test]
    fn validation_reports_every_field() {
        let mut e = entry();
        e.kind = EntryKind::Event;
        e.title = Text::default();
        e.slug = "Bad Slug".into();
        e.website = Some("javascript:alert(1)".into());
        e.external_ids =
            vec![ExternalId { source: "x".into(), id: "1".into() }, ExternalId { source: "x".into(), id: "1".into() }];
        let fields: Vec<String> = e.validate().into_iter().map(|f| f.field).collect();
        assert_eq!(fields, vec!["title", "slug", "stakeholder_group", "website", "external_ids[1]"]);
        assert!(entry().validate().is_empty());
    }

    #[test]
    fn changes_list_content_fields_only() {
        let before = entry();
        let mut after = entry();
        after.updated_at = "t1".into();
        after.status = Status::Archived;
        let changes = after.changes_since(Some(&before));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "status");
        assert!(after.changes_since(None).iter().any(|c| c.field == "title"));
    }

    #[test]
    fn revision_ones_changes_cut_from_the_document_are_exactly_what_serde_writes_for_them() {
        let mut rich = entry();
        rich.summary = Text::from_map([("fr".into(), "« Résumé » \"cité\"\n\t\u{2603}".into())].into());
        rich.summary.original = Some("fr".into());
        rich.countries = vec!["ML".into(), "SN".into()];
        rich.regions = vec!["002".into()];
        rich.external_ids = vec![ExternalId { source: "iati".into(), id: "GB-1 <x>".into() }];
        rich.tags = vec![Tag {
            node: "sdg:3".into(),
            provenance: Provenance::Imported { source: "iati".into(), external_id: "GB-1".into() },
            evidence: None,
        }];
        let attributes = serde_json::json!({"z": 1, "a": {"y": [1.5, -2, null, true], "b": "</script>"},
                                            "q": ["\\\"}],{", "\\", "x\"y", "<a b=\"c\">\\</a>"], "e": {}, "l": [],
                                            "m": 12345678901234567u64, "f": 0.1});
        rich.attributes = attributes.as_object().cloned().unwrap_or_default();
        for e in [entry(), rich] {
            let doc_json = serde_json::to_string(&e).expect("doc");
            let changes_json = creation_changes_json(&doc_json);
            assert_eq!(changes_json, serde_json::to_string(&e.changes_since(None)).expect("changes"));
            assert_eq!(
                serde_json::from_str::<Vec<FieldChange>>(&changes_json).expect("decodes"),
                e.changes_since(None)
            );
        }
    }

    #[test]
    fn attributes_given_as_text_make_the_same_document_as_serde() {
        let mut e = entry();
        // Text that looks like the member inside other members is not taken for it.
        e.title = Text::from_map([("en".into(), "\"attributes\":{},\"x\":{}".into())].into());
        e.summary = Text::from_map([("fr".into(), "{\"attributes\":[]}".into())].into());
        let attributes = serde_json::json!({"iati": {"extension_xml": ["<a b=\"c\">\\</a>", "\u{2603}\n"],
                                            "attributes": {}, "n": 0.5}, "import_flags": []});
        let text = serde_json::to_string(&attributes).expect("attributes");
        let without = serde_json::to_string(&e).expect("doc");
        e.attributes = attributes.as_object().cloned().unwrap_or_default();
        let doc = serde_json::to_string(&e).expect("doc");
        let made = |text: String| {
            let (bytes, start) = with_attributes_json(&without, text).expect("made");
            (String::from_utf8(bytes).expect("UTF-8 as made"), start)
        };
        assert_eq!(made(text.clone()), (doc.clone(), 0));
        // With room before the object: the members before `attributes` are written into it, where it ends.
        let room = without.len();
        for spare in [0, 1, 300] {
            let (made, start) = made(" ".repeat(room + spare) + &text);
            assert_eq!(&made[start..], doc, "{spare} spaces to spare");
            assert!(start > spare && made[..start].bytes().all(|b| b == b' '), "{spare}: the room is used");
        }
        // Too little room: the document is made all the same, from the start.
        assert_eq!(made(" ".repeat(room / 2) + &text), (doc.clone(), 0));
        assert_eq!(with_attributes_json("{\"id\":\"x\"}", text), None);
    }

    #[test]
    fn slugs_are_ascii_and_fall_back() {
        assert_eq!(slugify("Café  Numérique — Sénégal!", "x"), "cafe-numerique-senegal");
        assert_eq!(slugify("数字公共产品", "dpg-1"), "dpg-1");
        assert!(is_http_url("http://a.b/c"));
        assert!(!is_http_url("https:///x"));
        assert!(!is_http_url("ftp://a"));
    }
}
