//! An entry as an index document, and the small record stored with it for displaying a hit.

use cogov_core::entry::Entry;
use cogov_core::{Lang, Text};
use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;

use crate::schema::Fields;
use crate::{Facet, Taxonomy};

/// What a hit shows without a trip to the store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Stored {
    pub id: String,
    pub slug: String,
    pub kind: String,
    pub status: String,
    pub title: Text,
    pub summary: Text,
    pub countries: Vec<String>,
    pub updated_at: String,
}

pub(crate) fn to_document(entry: &Entry, taxonomy: &Taxonomy, fields: &Fields) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &entry.id);
    doc.add_u64(fields.key, stable_key(&entry.id));
    doc.add_i64(fields.updated, sortable_time(&entry.updated_at));
    let stored = Stored {
        id: entry.id.clone(),
        slug: entry.slug.clone(),
        kind: entry.kind.code().to_string(),
        status: entry.status.code().to_string(),
        title: entry.title.clone(),
        summary: entry.summary.clone(),
        countries: entry.countries.clone(),
        updated_at: entry.updated_at.clone(),
    };
    doc.add_text(fields.doc, serde_json::to_string(&stored).unwrap_or_default());

    for text in entry.title.values.values() {
        doc.add_text(fields.title, text);
    }
    for (lang, text) in entry.title.values.iter().chain(&entry.summary.values) {
        doc.add_text(fields.all, text);
        if let Some(field) = lang.parse::<Lang>().ok().and_then(|l| fields.lang(l)) {
            doc.add_text(field, text);
        }
    }

    let expanded = taxonomy.expand(entry);
    let mut facet = |f: Facet, value: &str| doc.add_text(fields.facet(f), value);
    facet(Facet::Kind, entry.kind.code());
    facet(Facet::Status, entry.status.code());
    if let Some(g) = entry.stakeholder_group {
        facet(Facet::Stakeholder, g.code());
    }
    for lang in languages(entry) {
        facet(Facet::Lang, &lang);
    }
    for n in &expanded.nodes {
        facet(Facet::Node, n);
    }
    for c in &expanded.countries {
        facet(Facet::Country, c);
    }
    for r in &expanded.regions {
        facet(Facet::Region, r);
    }
    for g in &expanded.groups {
        facet(Facet::Group, g);
    }
    doc
}

/// The languages an entry is written in (title or summary), by primary tag.
pub fn languages(entry: &Entry) -> std::collections::BTreeSet<String> {
    entry
        .title
        .values
        .iter()
        .chain(&entry.summary.values)
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(l, _)| l.split('-').next().unwrap_or(l).to_ascii_lowercase())
        .collect()
}

/// FNV-1a: stable across builds and platforms (unlike `DefaultHasher`), which cursors rely on.
pub(crate) fn stable_key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// `2026-01-02T03:04:05.678Z` → 20260102030405678: the store's fixed timestamp format, ordered as an integer.
pub(crate) fn sortable_time(rfc3339: &str) -> i64 {
    rfc3339.bytes().filter(u8::is_ascii_digit).take(17).fold(0i64, |n, d| n * 10 + i64::from(d - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_orders_as_integer() {
        assert_eq!(sortable_time("2026-01-02T03:04:05.678Z"), 20260102030405678);
        assert!(sortable_time("2026-01-02T03:04:05.679Z") > sortable_time("2026-01-02T03:04:05.678Z"));
        assert_eq!(sortable_time("garbage"), 0);
        assert_ne!(stable_key("a"), stable_key("b"));
    }
}
