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

/// A page asked again on the same index generation is the same answer; any commit, or the cache turned off,
/// computes it afresh.
#[test]
fn pages_are_kept_until_the_index_changes() {
    let index = SearchIndex::in_memory().expect("index");
    let taxonomy = Taxonomy::new(1, &[], &[], &[]);
    index.apply(&[("a".to_string(), Some(entry("a", "Schools and water")))], &taxonomy, 1).expect("apply");
    let req = SearchRequest { q: "school".into(), limit: 10, ..Default::default() };
    let first = index.answer(&req).expect("search");
    assert!(std::sync::Arc::ptr_eq(&first, &index.answer(&req).expect("again")), "served from the cache");
    assert!(index.cached(&req).is_some_and(|c| std::sync::Arc::ptr_eq(&c, &first)));
    let other = SearchRequest { limit: 5, ..req.clone() };
    assert!(index.cached(&other).is_none(), "another page size is another page");
    assert_eq!(first.json(), serde_json::to_string(&first.results).expect("json"));

    index.apply(&[("b".to_string(), Some(entry("b", "Rural schools")))], &taxonomy, 2).expect("apply");
    assert!(index.cached(&req).is_none(), "a commit empties the cache");
    let after = index.answer(&req).expect("after the commit");
    assert_eq!((first.total, after.total), (1, 2));

    index.set_result_cache(0);
    let a = index.answer(&req).expect("uncached");
    assert!(!std::sync::Arc::ptr_eq(&a, &index.answer(&req).expect("uncached again")));
    assert!(index.cached(&req).is_none());
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
