//! schema.org JSON-LD for entries: embedded in every entry page and served at
//! `/api/v1/entries/{id}.jsonld`, so search engines and other registries read cogov's records in a vocabulary
//! they know.
//!
//! Mapping: actor → `Organization`; initiative and process → `Project`; event → `Event`; document →
//! `CreativeWork`; digital public good → `SoftwareApplication` (type software), `Dataset` (data), else
//! `CreativeWork`. Framework tags become `about` → `DefinedTerm`s in their framework's `DefinedTermSet`;
//! countries `areaServed` → `Country` (ISO 3166-1 alpha-2 as `identifier`); external ids `identifier` →
//! `PropertyValue`; licences → SPDX license URLs.

use cogov_app::Catalog;
use cogov_core::entry::{Entry, EntryKind};
use cogov_core::framework::pick;
use cogov_core::{Lang, Text};
use serde_json::{json, Map, Value};

/// The entry as a schema.org JSON-LD object. `url` is the entry's public page (absolute, or relative to the
/// site).
pub fn entry(entry: &Entry, catalog: &Catalog, url: &str) -> Value {
    let mut o = Map::new();
    o.insert("@context".into(), "https://schema.org".into());
    o.insert("@type".into(), schema_type(entry).into());
    o.insert("@id".into(), url.into());
    o.insert("url".into(), url.into());
    o.insert("name".into(), language_values(&entry.title));
    if !entry.summary.is_empty() {
        o.insert("description".into(), language_values(&entry.summary));
    }
    if let Some(w) = &entry.website {
        o.insert("sameAs".into(), w.clone().into());
    }
    let mut ids: Vec<Value> = vec![json!({"@type": "PropertyValue", "propertyID": "cogov", "value": entry.id})];
    ids.extend(
        entry.external_ids.iter().map(|x| json!({"@type": "PropertyValue", "propertyID": x.source, "value": x.id})),
    );
    o.insert("identifier".into(), Value::Array(ids));
    let about: Vec<Value> = entry
        .tags
        .iter()
        .map(|t| {
            let mut term = Map::new();
            term.insert("@type".into(), "DefinedTerm".into());
            term.insert("termCode".into(), t.node.clone().into());
            if let Some(node) = catalog.node(&t.node) {
                term.insert("name".into(), node.title_in(Lang::En).1.into());
                let framework = node.framework();
                if let Some(f) = catalog.framework(framework) {
                    term.insert(
                        "inDefinedTermSet".into(),
                        json!({"@type": "DefinedTermSet", "name": pick(&f.header.title, Lang::En).1, "identifier": framework}),
                    );
                }
            }
            Value::Object(term)
        })
        .collect();
    if !about.is_empty() {
        o.insert("about".into(), Value::Array(about));
    }
    let places: Vec<Value> = entry
        .countries
        .iter()
        .map(|c| {
            let name = catalog.country(c).map(|x| x.name(Lang::En).to_string()).unwrap_or_else(|| c.clone());
            json!({"@type": "Country", "identifier": c, "name": name})
        })
        .collect();
    if !places.is_empty() {
        o.insert(
            if entry.kind == EntryKind::Actor { "areaServed" } else { "spatialCoverage" }.into(),
            Value::Array(places),
        );
    }
    if let Some(licenses) = entry.attributes.get("licenses").and_then(Value::as_array) {
        let urls: Vec<Value> = licenses
            .iter()
            .filter_map(|l| l.get("spdx").and_then(Value::as_str))
            .map(|s| format!("https://spdx.org/licenses/{s}.html").into())
            .collect();
        if !urls.is_empty() {
            o.insert("license".into(), Value::Array(urls));
        }
    }
    if let Some(repo) = entry
        .attributes
        .get("repositories")
        .and_then(Value::as_array)
        .and_then(|r| r.iter().find_map(|r| r.get("url").and_then(Value::as_str)).filter(|u| !u.is_empty()))
    {
        if schema_type(entry) == "SoftwareApplication" {
            o.insert("codeRepository".into(), repo.into());
        }
    }
    o.insert("dateCreated".into(), entry.created_at.clone().into());
    o.insert("dateModified".into(), entry.updated_at.clone().into());
    Value::Object(o)
}

/// JSON text that is safe inside `<script type="application/ld+json">`: every `<`, `>` and `&` is written as a
/// `\u00XX` escape (still the same JSON), so no `</script>` or `<!--` can end or confuse the block.
pub fn script_text(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

fn schema_type(entry: &Entry) -> &'static str {
    match entry.kind {
        EntryKind::Actor => "Organization",
        EntryKind::Initiative | EntryKind::Process => "Project",
        EntryKind::Event => "Event",
        EntryKind::Document => "CreativeWork",
        EntryKind::DigitalPublicGood => {
            let types: Vec<&str> = entry
                .attributes
                .get("dpg_type")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if types.contains(&"software") {
                "SoftwareApplication"
            } else if types.contains(&"data") {
                "Dataset"
            } else {
                "CreativeWork"
            }
        }
    }
}

/// One string if the text has one language, else a list of `{"@value", "@language"}`.
fn language_values(text: &Text) -> Value {
    if text.values.len() == 1 {
        let (lang, value) = text.values.iter().next().map(|(l, v)| (l.clone(), v.clone())).unwrap_or_default();
        return json!({"@value": value, "@language": lang});
    }
    Value::Array(text.values.iter().map(|(l, v)| json!({"@value": v, "@language": l})).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_script_element() {
        let v = json!({"name": "</script><script>alert(1)</script> <!-- & -->"});
        let text = script_text(&v);
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        let back: Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, v);
    }
}
