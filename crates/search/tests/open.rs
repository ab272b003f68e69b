//! The index on disk: created, written, reopened with its checkpoint.

use cogov_search::{Checkpoint, SearchIndex, SearchRequest, Taxonomy, SCHEMA_VERSION};

#[test]
fn an_index_on_disk_keeps_its_checkpoint_across_reopening() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("search");
    let taxonomy = Taxonomy::new(7, &[], &[], &[]);
    {
        let index = SearchIndex::open(&path).expect("open");
        assert_eq!(index.checkpoint().seq, 0);
        index.apply(&[("x".to_string(), Some(entry("x", "Schools and water")))], &taxonomy, 42).expect("apply");
        assert_eq!(index.checkpoint(), Checkpoint { seq: 42, taxonomy: 7, schema: SCHEMA_VERSION });
    }
    let index = SearchIndex::open(&path).expect("reopen");
    assert_eq!(index.checkpoint(), Checkpoint { seq: 42, taxonomy: 7, schema: SCHEMA_VERSION });
    let results =
        index.search(&SearchRequest { q: "anything".into(), limit: 10, ..Default::default() }).expect("search");
    assert_eq!(results.total, 0);
    let results = index.search(&SearchRequest { q: "school".into(), limit: 10, ..Default::default() }).expect("search");
    assert_eq!(results.total, 1);
}

fn entry(id: &str, title: &str) -> cogov_core::entry::Entry {
    cogov_core::entry::Entry {
        id: id.into(),
        kind: cogov_core::entry::EntryKind::Initiative,
        slug: id.into(),
        status: cogov_core::entry::Status::Published,
        title: cogov_core::Text::new("en", title),
        summary: cogov_core::Text::default(),
        stakeholder_group: None,
        countries: vec![],
        regions: vec![],
        website: None,
        external_ids: vec![],
        tags: vec![],
        provenance: cogov_core::entry::Provenance::Manual { by: "t".into() },
        attributes: Default::default(),
        created_at: "2026-01-01T00:00:00.000Z".into(),
        updated_at: "2026-01-01T00:00:00.000Z".into(),
    }
}
