//! Store behaviour, run once on SQLite and once on PostgreSQL.

mod common;

use std::collections::BTreeMap;

use cogov_core::entry::{Entry, EntryKind, ExternalId, Provenance, Revision, Status, Tag};
use cogov_core::framework::{parse_framework_file, FrameworkFile};
use cogov_core::geo::{Country, Region};
use cogov_core::Text;
use cogov_store::{EntryQuery, FrameworkPut, StoreError, WriteJson};

const SDG: &str = r#"{"framework":"sdg","version":"1","title":{"en":"SDGs"},"source":"t"}
{"node":"sdg:4","level":"goal","title":{"en":"Quality education","fr":"Éducation de qualité"},"source":"t"}
{"node":"sdg:4.1","parent":"sdg:4","level":"target","title":{"en":"Free primary education"},"source":"t"}
{"node":"sdg:9","level":"goal","title":{"en":"Industry"},"source":"t"}"#;

const GDC: &str = r#"{"framework":"gdc","version":"1","title":{"en":"GDC"},"source":"t"}
{"node":"gdc:1","level":"objective","title":{"en":"Close divides"},"source":"t"}
{"node":"gdc:1.1","parent":"gdc:1","level":"commitment","title":{"en":"Connect schools"},"source":"t"}
{"edge":["gdc:1.1","sdg:4"],"source":"t"}"#;

fn parse(name: &str, text: &str, known: &[cogov_core::framework::Node]) -> FrameworkFile {
    parse_framework_file(name, text, &|id| known.iter().any(|n| n.id == id)).expect("valid framework")
}

async fn load_frameworks(store: &dyn cogov_store::Store) {
    store.put_framework(&parse("sdg", SDG, &[]), "test").await.expect("sdg");
    let nodes = store.nodes().await.expect("nodes");
    store.put_framework(&parse("gdc", GDC, &nodes), "test").await.expect("gdc");
}

fn geography() -> (Vec<Country>, Vec<Region>) {
    let names = |en: &str| BTreeMap::from([("en".to_string(), en.to_string())]);
    let country = |iso2: &str, iso3: &str, ldc: bool| Country {
        iso2: iso2.into(),
        iso3: iso3.into(),
        numeric: "1".into(),
        m49: "1".into(),
        region: "002".into(),
        subregion: "".into(),
        intermediate_region: "".into(),
        ldc,
        lldc: false,
        sids: false,
        names: names(iso3),
    };
    (
        vec![country("KE", "KEN", false), country("SN", "SEN", true)],
        vec![Region { m49: "002".into(), level: "region".into(), parent: Some("001".into()), names: names("Africa") }],
    )
}

fn entry(id: &str, slug: &str) -> Entry {
    Entry {
        id: id.into(),
        kind: EntryKind::Initiative,
        slug: slug.into(),
        status: Status::Published,
        title: Text::new("en", format!("Initiative {slug}")),
        summary: Text::default(),
        stakeholder_group: None,
        countries: vec!["KE".into()],
        regions: vec![],
        website: None,
        external_ids: vec![ExternalId { source: "test".into(), id: id.into() }],
        tags: vec![Tag { node: "gdc:1.1".into(), provenance: Provenance::Manual { by: "t".into() }, evidence: None }],
        provenance: Provenance::Manual { by: "t".into() },
        attributes: Default::default(),
        created_at: "2026-01-01T00:00:00.000Z".into(),
        updated_at: "2026-01-01T00:00:00.000Z".into(),
    }
}

fn first_revision(e: &Entry) -> Revision {
    Revision {
        entry_id: e.id.clone(),
        number: 1,
        at: e.created_at.clone(),
        actor: "t".into(),
        reason: "created".into(),
        changes: e.changes_since(None),
    }
}

async fn seeded(store: &dyn cogov_store::Store) {
    load_frameworks(store).await;
    let (countries, regions) = geography();
    store.put_geography(&countries, &regions).await.expect("geography");
}

store_test!(frameworks_round_trip_and_reimport_is_idempotent, |store: common::TestStore| async move {
    load_frameworks(&*store).await;
    let nodes = store.nodes().await.expect("nodes");
    let ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, vec!["sdg:4", "sdg:4.1", "sdg:9", "gdc:1", "gdc:1.1"]);
    assert_eq!(nodes[0].title.get("fr").map(String::as_str), Some("Éducation de qualité"));
    let edges = store.edges().await.expect("edges");
    assert_eq!(edges.len(), 1);
    let seq = store.last_seq().await.expect("seq");
    assert_eq!(seq, 2);

    let again = store.put_framework(&parse("gdc", GDC, &nodes), "test").await.expect("reimport");
    assert_eq!(again, FrameworkPut::Unchanged { version_no: 1 });
    assert_eq!(store.last_seq().await.expect("seq"), seq, "an unchanged re-import writes nothing");

    let v2 = GDC.replace("Connect schools", "Connect every school").replace(r#""version":"1""#, r#""version":"2""#);
    let put = store.put_framework(&parse("gdc", &v2, &nodes), "test").await.expect("v2");
    assert_eq!(put, FrameworkPut::Stored { version_no: 2, added: 0, removed: 0, changed: 1, edges: 1 });
    let versions = store.framework_versions("gdc").await.expect("versions");
    assert_eq!(versions.iter().map(|v| v.version.as_str()).collect::<Vec<_>>(), vec!["1", "2"]);
    let frameworks = store.frameworks().await.expect("frameworks");
    assert_eq!(frameworks.iter().map(|f| f.header.code.as_str()).collect::<Vec<_>>(), vec!["sdg", "gdc"]);
});

store_test!(a_version_that_drops_a_used_node_is_refused_whole, |store: common::TestStore| async move {
    seeded(&*store).await;
    let e = entry("e1", "one");
    store.create_entry(&e, &first_revision(&e)).await.expect("create");
    let before_seq = store.last_seq().await.expect("seq");
    let nodes = store.nodes().await.expect("nodes");
    let dropped = GDC.lines().filter(|l| !l.contains("gdc:1.1")).collect::<Vec<_>>().join("\n");
    let err = store.put_framework(&parse("gdc", &dropped, &nodes), "test").await.expect_err("refused");
    assert!(
        matches!(&err, StoreError::Conflict { field, message } if field == "nodes" && message.contains("gdc:1.1")),
        "{err}"
    );
    assert_eq!(store.nodes().await.expect("nodes").len(), nodes.len());
    assert_eq!(store.edges().await.expect("edges").len(), 1);
    assert_eq!(store.last_seq().await.expect("seq"), before_seq);
});

store_test!(entries_are_written_with_revision_and_change_log, |store: common::TestStore| async move {
    seeded(&*store).await;
    let start = store.last_seq().await.expect("seq");
    let mut e = entry("e1", "one");
    store.create_entry(&e, &first_revision(&e)).await.expect("create");
    assert_eq!(store.entry("e1").await.expect("get"), Some(e.clone()));
    assert_eq!(store.entry_by_slug("one").await.expect("slug").map(|x| x.id), Some("e1".into()));
    assert_eq!(store.entry_by_external_id("test", "e1").await.expect("ext").map(|x| x.id), Some("e1".into()));

    let before = e.clone();
    e.status = Status::Archived;
    e.updated_at = "2026-02-01T00:00:00.000Z".into();
    let rev = Revision {
        entry_id: "e1".into(),
        number: 2,
        at: e.updated_at.clone(),
        actor: "moderator".into(),
        reason: "duplicate of another record".into(),
        changes: e.changes_since(Some(&before)),
    };
    store.update_entry(&e, &rev).await.expect("update");
    let stale = Revision { number: 2, ..rev.clone() };
    let err = store.update_entry(&e, &stale).await.expect_err("stale revision");
    assert!(matches!(err, StoreError::Conflict { ref field, .. } if field == "revision"), "{err}");

    let revisions = store.revisions("e1").await.expect("revisions");
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[1].reason, "duplicate of another record");
    assert_eq!(revisions[1].changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), vec!["status"]);

    let changes = store.changes_since(start, 100).await.expect("changes");
    let ops: Vec<(&str, &str, &str)> =
        changes.iter().map(|c| (c.entity.as_str(), c.entity_id.as_str(), c.op.as_str())).collect();
    assert_eq!(ops, vec![("entry", "e1", "create"), ("entry", "e1", "update")]);
});

store_test!(conflicts_and_bad_references_change_nothing, |store: common::TestStore| async move {
    seeded(&*store).await;
    let e = entry("e1", "one");
    store.create_entry(&e, &first_revision(&e)).await.expect("create");
    let seq = store.last_seq().await.expect("seq");

    let same_slug = entry("e2", "one");
    let err = store.create_entry(&same_slug, &first_revision(&same_slug)).await.expect_err("slug taken");
    assert!(matches!(err, StoreError::Conflict { ref field, .. } if field == "slug"), "{err}");

    let mut same_ext = entry("e3", "three");
    same_ext.external_ids = vec![ExternalId { source: "test".into(), id: "e1".into() }];
    let err = store.create_entry(&same_ext, &first_revision(&same_ext)).await.expect_err("external id taken");
    assert!(matches!(err, StoreError::Conflict { ref field, .. } if field == "external_ids"), "{err}");

    let mut bad_tag = entry("e4", "four");
    bad_tag.tags[0].node = "gdc:9.9".into();
    let err = store.create_entry(&bad_tag, &first_revision(&bad_tag)).await.expect_err("unknown node");
    assert!(matches!(err, StoreError::Conflict { ref field, .. } if field == "tags"), "{err}");

    let mut bad_country = entry("e5", "five");
    bad_country.countries = vec!["XX".into()];
    let err = store.create_entry(&bad_country, &first_revision(&bad_country)).await.expect_err("unknown country");
    assert!(matches!(err, StoreError::Conflict { ref field, .. } if field == "countries"), "{err}");

    assert_eq!(store.last_seq().await.expect("seq"), seq);
    assert_eq!(store.count_entries(&EntryQuery::default()).await.expect("count"), 1);
    for id in ["e2", "e3", "e4", "e5"] {
        assert_eq!(store.entry(id).await.expect("get"), None, "{id} must not exist");
    }
});

store_test!(queries_filter_and_page_by_slug, |store: common::TestStore| async move {
    seeded(&*store).await;
    for (i, slug) in ["a", "b", "c", "d"].iter().enumerate() {
        let mut e = entry(&format!("e{i}"), slug);
        if i % 2 == 1 {
            e.countries = vec!["SN".into()];
            e.tags.clear();
            e.kind = EntryKind::Actor;
        }
        store.create_entry(&e, &first_revision(&e)).await.expect("create");
    }
    let slugs = |entries: Vec<Entry>| entries.into_iter().map(|e| e.slug).collect::<Vec<_>>();
    let q = |f: fn(&mut EntryQuery)| {
        let mut q = EntryQuery { limit: 100, ..Default::default() };
        f(&mut q);
        q
    };
    assert_eq!(slugs(store.list_entries(&q(|_| {})).await.expect("all")), vec!["a", "b", "c", "d"]);
    assert_eq!(slugs(store.list_entries(&q(|q| q.countries = vec!["SN".into()])).await.expect("sn")), vec!["b", "d"]);
    assert_eq!(slugs(store.list_entries(&q(|q| q.nodes = vec!["gdc:1.1".into()])).await.expect("tag")), vec!["a", "c"]);
    assert_eq!(
        slugs(
            store
                .list_entries(&q(|q| {
                    q.kinds = vec!["actor".into()];
                    q.countries = vec!["KE".into()];
                }))
                .await
                .expect("none")
        ),
        Vec::<String>::new()
    );
    let page = q(|q| {
        q.limit = 2;
        q.after_slug = Some("b".into());
    });
    assert_eq!(slugs(store.list_entries(&page).await.expect("page")), vec!["c", "d"]);
    assert_eq!(store.count_entries(&q(|q| q.statuses = vec!["published".into()])).await.expect("count"), 4);
});

store_test!(concurrent_writes_get_gapless_increasing_sequence_numbers, |store: common::TestStore| async move {
    seeded(&*store).await;
    let start = store.last_seq().await.expect("seq");
    let store = std::sync::Arc::new(store);
    let mut tasks = Vec::new();
    for i in 0..16 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let e = entry(&format!("c{i}"), &format!("c{i}"));
            store.create_entry(&e, &first_revision(&e)).await.expect("create");
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let changes = store.changes_since(start, 1000).await.expect("changes");
    assert_eq!(changes.len(), 16);
    assert!(changes.windows(2).all(|w| w[1].seq == w[0].seq + 1), "{changes:?}");
});

store_test!(geography_is_replaced_only_when_it_differs, |store: common::TestStore| async move {
    let (countries, regions) = geography();
    assert!(store.put_geography(&countries, &regions).await.expect("first"));
    assert!(!store.put_geography(&countries, &regions).await.expect("second"));
    assert_eq!(store.countries().await.expect("countries"), countries);
    assert_eq!(store.regions().await.expect("regions"), regions);
    assert!(store.countries().await.expect("c")[1].ldc);
});

store_test!(meta_values_upsert, |store: common::TestStore| async move {
    assert_eq!(store.meta("k").await.expect("meta"), None);
    store.set_meta("k", "1").await.expect("set");
    store.set_meta("k", "2").await.expect("set");
    assert_eq!(store.meta("k").await.expect("meta"), Some("2".into()));
});

store_test!(backup_is_a_consistent_copy_on_sqlite_and_refused_on_postgres, |store: common::TestStore| async move {
    seeded(&*store).await;
    let e = entry("e1", "one");
    store.create_entry(&e, &first_revision(&e)).await.expect("create");
    let dir = tempfile::tempdir().expect("tempdir");
    let dest = dir.path().join("backup.db");
    match store.backend() {
        cogov_store::Backend::Sqlite => {
            store.backup(&dest).await.expect("backup");
            let copy = cogov_store::SqliteStore::open(&dest, 1).await.expect("open the copy");
            use cogov_store::Store as _;
            assert_eq!(copy.last_seq().await.expect("seq"), store.last_seq().await.expect("seq"));
            assert_eq!(copy.entry("e1").await.expect("entry"), Some(e));
            let again = store.backup(&dest).await.expect_err("never overwrites");
            assert!(matches!(again, StoreError::Conflict { ref field, .. } if field == "file"), "{again}");
        }
        cogov_store::Backend::Postgres => {
            let err = store.backup(&dest).await.expect_err("unsupported");
            assert!(matches!(err, StoreError::Unsupported(ref m) if m.contains("pg_dump")), "{err}");
            assert!(!dest.exists());
        }
    }
});

fn write(e: &Entry, number: i64, create: bool) -> cogov_store::EntryWrite {
    let revision = Revision { number, reason: format!("revision {number}"), ..first_revision(e) };
    cogov_store::EntryWrite { entry: e.clone(), revision, create, json: None }
}

store_test!(a_batch_writes_creates_and_updates_in_one_transaction_in_order, |store: common::TestStore| async move {
    seeded(&*store).await;
    let start = store.last_seq().await.expect("seq");
    let e1 = entry("e1", "one");
    let e2 = entry("e2", "two");
    let mut e1b = e1.clone();
    e1b.countries = vec!["SN".into()];
    e1b.external_ids.push(ExternalId { source: "other".into(), id: "x1".into() });
    e1b.tags.clear();
    store.write_entries(&[write(&e1, 1, true), write(&e2, 1, true), write(&e1b, 2, false)]).await.expect("batch");
    assert_eq!(store.entry("e1").await.expect("get"), Some(e1b.clone()), "the last write of an entry stands");
    assert_eq!(store.revisions("e1").await.expect("revisions").len(), 2);
    let ops: Vec<(String, String)> =
        store.changes_since(start, 100).await.expect("changes").into_iter().map(|c| (c.entity_id, c.op)).collect();
    let expected = [("e1", "create"), ("e2", "create"), ("e1", "update")];
    assert_eq!(ops, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    // Index rows follow the last state.
    let in_sn = EntryQuery { countries: vec!["SN".into()], limit: 10, ..Default::default() };
    assert_eq!(store.list_entries(&in_sn).await.expect("list").len(), 1);
    let tagged = EntryQuery { nodes: vec!["gdc:1.1".into()], limit: 10, ..Default::default() };
    let tagged: Vec<String> = store.list_entries(&tagged).await.expect("list").into_iter().map(|e| e.id).collect();
    assert_eq!(tagged, vec!["e2"]);
    assert_eq!(store.entry_by_external_id("other", "x1").await.expect("ext").map(|e| e.id), Some("e1".into()));

    let known =
        store.entries_by_external_ids("test", &["e1".into(), "e2".into(), "nobody".into()]).await.expect("known");
    let mut found: Vec<(String, i64)> = known.into_iter().map(|k| (k.external_id, k.last_revision)).collect();
    found.sort();
    assert_eq!(found, vec![("e1".to_string(), 2), ("e2".to_string(), 1)]);
    let mut taken = store.taken_slugs(&["one".into(), "free".into(), "two".into()]).await.expect("slugs");
    taken.sort();
    assert_eq!(taken, vec!["one", "two"]);
    // Batches larger than one statement's bind limit are split, still in one transaction.
    let many: Vec<_> = (0..2_500).map(|i| write(&entry(&format!("m{i}"), &format!("m-{i}")), 1, true)).collect();
    store.write_entries(&many).await.expect("large batch");
    assert_eq!(store.count_entries(&EntryQuery::default()).await.expect("count"), 2_502);
    let ids: Vec<String> = (0..2_500).map(|i| format!("m{i}")).collect();
    assert_eq!(store.entries_by_external_ids("test", &ids).await.expect("known").len(), 2_500);
    // Candidates over several statements: the taken ones found, the free ones not; none taken is empty.
    let asked: Vec<String> = (0..3_000).map(|i| format!("m-{i}")).collect();
    let taken: std::collections::BTreeSet<String> =
        store.taken_slugs(&asked).await.expect("slugs").into_iter().collect();
    assert_eq!(taken, (0..2_500).map(|i| format!("m-{i}")).collect());
    assert_eq!(store.taken_slugs(&["nobody-at-all".into()]).await.expect("slugs"), Vec::<String>::new());
});

store_test!(one_bad_write_refuses_the_whole_batch, |store: common::TestStore| async move {
    seeded(&*store).await;
    let e1 = entry("e1", "one");
    store.create_entry(&e1, &first_revision(&e1)).await.expect("create");
    let seq = store.last_seq().await.expect("seq");
    let ok = entry("e2", "two");
    let mut same_ext = entry("e4", "four");
    same_ext.external_ids = ok.external_ids.clone();
    let mut bad_country = entry("e5", "five");
    bad_country.countries = vec!["XX".into()];
    let cases: Vec<(&str, Vec<cogov_store::EntryWrite>)> = vec![
        ("slug", vec![write(&ok, 1, true), write(&entry("e3", "one"), 1, true)]),
        ("external_ids", vec![write(&ok, 1, true), write(&same_ext, 1, true)]),
        ("revision", vec![write(&ok, 1, true), write(&e1, 3, false)]),
        ("id", vec![write(&ok, 1, true), write(&e1, 1, true)]),
        ("countries", vec![write(&ok, 1, true), write(&bad_country, 1, true)]),
        ("slug", vec![write(&ok, 1, true), write(&entry("e6", "two"), 1, true)]),
    ];
    for (field, batch) in cases {
        let err = store.write_entries(&batch).await.expect_err(field);
        assert!(matches!(&err, StoreError::Conflict { field: f, .. } if f == field), "{field}: {err}");
        assert_eq!(store.entry("e2").await.expect("get"), None, "{field}: the good write is not kept either");
        assert_eq!(store.last_seq().await.expect("seq"), seq, "{field}");
    }
    let err = store.write_entries(&[write(&entry("e9", "nine"), 2, false)]).await.expect_err("unknown entry");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    assert_eq!(store.count_entries(&EntryQuery::default()).await.expect("count"), 1);
    assert_eq!(store.revisions("e1").await.expect("revisions").len(), 1);
});

store_test!(a_batch_and_its_meta_land_together_or_not_at_all, |store: common::TestStore| async move {
    seeded(&*store).await;
    let e1 = entry("e1", "one");
    store.write_entries_and_meta(&[write(&e1, 1, true)], Some(("checkpoint", "f 1"))).await.expect("batch");
    assert_eq!(store.meta("checkpoint").await.expect("meta").as_deref(), Some("f 1"));
    // Refused (the slug is taken): neither the batch nor its meta.
    let refused = [write(&entry("e2", "two"), 1, true), write(&entry("e3", "one"), 1, true)];
    let err = store.write_entries_and_meta(&refused, Some(("checkpoint", "f 2"))).await.expect_err("slug taken");
    assert!(matches!(&err, StoreError::Conflict { field, .. } if field == "slug"), "{err}");
    assert_eq!(store.meta("checkpoint").await.expect("meta").as_deref(), Some("f 1"));
    assert_eq!(store.entry("e2").await.expect("get"), None);
    // No writes: the meta alone.
    store.write_entries_and_meta(&[], Some(("checkpoint", "f 3"))).await.expect("meta only");
    assert_eq!(store.meta("checkpoint").await.expect("meta").as_deref(), Some("f 3"));
    assert_eq!(store.count_entries(&EntryQuery::default()).await.expect("count"), 1);
});

store_test!(held_batches_commit_together_and_a_refused_one_is_left_out, |store: common::TestStore| async move {
    seeded(&*store).await;
    let e1 = entry("e1", "one");
    store.create_entry(&e1, &first_revision(&e1)).await.expect("create");
    let seq = store.last_seq().await.expect("seq");
    let mut held = store.hold_writes().await.expect("hold");
    held.write(&mut [write(&entry("e2", "two"), 1, true)], Some(("checkpoint", "f 1")))
        .await
        .expect("write")
        .expect("e2");
    // Not visible before the commit: not to readers, and not the checkpoint either.
    assert_eq!(store.entry("e2").await.expect("get"), None);
    assert_eq!(store.meta("checkpoint").await.expect("meta"), None);
    // Refused by the checks (the slug is e1's; an update of an entry that does not exist): nothing of either
    // is written, and the transaction goes on.
    let e3 = entry("e3", "three");
    let mut refused = [write(&e3, 1, true), write(&entry("e4", "one"), 1, true)];
    refused[0].json = Some(WriteJson::Text(serde_json::to_string(&e3).expect("json")));
    let err = held.write(&mut refused, Some(("checkpoint", "f 2"))).await.expect("write").expect_err("slug taken");
    assert!(matches!(&err, StoreError::Conflict { field, .. } if field == "slug"), "{err}");
    let err = held.write(&mut [write(&entry("e9", "nine"), 2, false)], None).await.expect("write").expect_err("none");
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    // A refused batch keeps its documents, for its writes to be tried again one by one (as an import does); a
    // written one's are moved into the statements.
    assert!(refused[0].json.is_some());
    held.write(std::slice::from_mut(&mut refused[0]), None).await.expect("write").expect("e3 alone");
    assert_eq!(refused[0].json, None);
    held.write(&mut [], Some(("checkpoint", "f 3"))).await.expect("write").expect("meta alone");
    held.commit().await.expect("commit");
    assert!(store.entry("e2").await.expect("get").is_some());
    assert_eq!(store.entry("e3").await.expect("get"), Some(e3));
    assert_eq!(store.entry("e4").await.expect("get"), None);
    assert_eq!(store.meta("checkpoint").await.expect("meta").as_deref(), Some("f 3"));
    let changes = store.changes_since(seq, 10).await.expect("changes");
    let ids: Vec<&str> = changes.iter().map(|c| c.entity_id.as_str()).collect();
    assert_eq!(ids, vec!["e2", "e3"]);
    // Dropped without a commit: nothing of it is kept, and the store writes on.
    let mut held = store.hold_writes().await.expect("hold");
    held.write(&mut [write(&entry("e5", "five"), 1, true)], Some(("checkpoint", "f 5")))
        .await
        .expect("write")
        .expect("e5");
    drop(held);
    let e6 = entry("e6", "six");
    store.create_entry(&e6, &first_revision(&e6)).await.expect("after a dropped hold");
    assert_eq!(store.entry("e5").await.expect("get"), None);
    assert_eq!(store.meta("checkpoint").await.expect("meta").as_deref(), Some("f 3"));
    assert_eq!(store.count_entries(&EntryQuery::default()).await.expect("count"), 4);
});

/// An import's held batches run with SQLite's foreign keys off (the store checks their references itself): a
/// batch tagged with an unknown node is still refused, and the writer has its foreign keys on again after the
/// commit, and after a held transaction dropped without one.
#[tokio::test]
async fn sqlite_held_writes_leave_the_foreign_keys_on() {
    use cogov_store::Store as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = cogov_store::SqliteStore::open(&dir.path().join("fk.db"), 1).await.expect("open");
    store.migrate().await.expect("migrate");
    seeded(&store).await;
    let foreign_keys = |pool: sqlx::SqlitePool| async move {
        sqlx::query_scalar::<_, i64>("PRAGMA foreign_keys").fetch_one(&pool).await.expect("pragma")
    };
    assert_eq!(foreign_keys(store.write_pool().clone()).await, 1);
    let mut held = store.hold_writes().await.expect("hold");
    let mut unknown = entry("e1", "one");
    unknown.tags[0].node = "gdc:99.99".into();
    let err = held.write(&mut [write(&unknown, 1, true)], None).await.expect("write").expect_err("unknown node");
    assert!(matches!(&err, StoreError::Conflict { field, .. } if field == "tags"), "{err}");
    held.write(&mut [write(&entry("e2", "two"), 1, true)], None).await.expect("write").expect("e2");
    held.commit().await.expect("commit");
    assert_eq!(foreign_keys(store.write_pool().clone()).await, 1);
    // A reference the store does not check itself is refused by SQLite again.
    let orphan = sqlx::query("INSERT INTO entry_tags (entry_id, node_id) VALUES ('nobody', 'gdc:1.1')")
        .execute(store.write_pool())
        .await;
    assert!(orphan.is_err(), "an orphan tag row was written");
    let mut held = store.hold_writes().await.expect("hold");
    held.write(&mut [write(&entry("e3", "three"), 1, true)], None).await.expect("write").expect("e3");
    drop(held);
    assert_eq!(foreign_keys(store.write_pool().clone()).await, 1);
    assert!(store.entry("e2").await.expect("get").is_some());
    assert_eq!(store.entry("e3").await.expect("get"), None);
}

/// A new SQLite database gets 16 KB pages; an existing one keeps the page size it was made with.
#[tokio::test]
async fn sqlite_page_size_is_16_kb_for_new_databases_only() {
    use cogov_store::Store as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let page_size = |pool: sqlx::SqlitePool| async move {
        sqlx::query_scalar::<_, i64>("PRAGMA page_size").fetch_one(&pool).await.expect("page size")
    };
    let fresh = cogov_store::SqliteStore::open(&dir.path().join("new.db"), 1).await.expect("open");
    fresh.migrate().await.expect("migrate");
    assert_eq!(page_size(fresh.pool().clone()).await, 16384);

    let old = dir.path().join("old.db");
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&old).create_if_missing(true).page_size(4096);
    let pool = sqlx::SqlitePool::connect_with(options).await.expect("create");
    sqlx::query("CREATE TABLE kept (x TEXT)").execute(&pool).await.expect("table");
    pool.close().await;
    let store = cogov_store::SqliteStore::open(&old, 1).await.expect("open");
    store.migrate().await.expect("migrate");
    store.set_meta("k", "v").await.expect("write");
    assert_eq!(page_size(store.pool().clone()).await, 4096);
    assert_eq!(store.meta("k").await.expect("read"), Some("v".into()));
}

/// An entry whose document is long enough to be packed (SQLite, `cogov_store::packed`).
fn large_entry(id: &str, slug: &str) -> Entry {
    let mut e = entry(id, slug);
    e.summary = Text::new("en", "<narrative>Mobile money for smallholder farmers</narrative> ".repeat(60));
    e
}

// Long documents (packed by SQLite, by the store or by the writer beforehand) read back as the entries written,
// through every read, in revision 1's changes and in the dump, which holds their text.
store_test!(long_documents_read_back_exactly, |store: common::TestStore| async move {
    seeded(&*store).await;
    let big = large_entry("e1", "big");
    store.create_entry(&big, &first_revision(&big)).await.expect("create");
    let given = large_entry("e2", "given");
    let doc = serde_json::to_string(&given).expect("json");
    let packed = cogov_store::packed::pack(doc.as_bytes()).expect("long enough to pack");
    let given_json = |doc: String, packed: Vec<u8>| {
        Some(if store.packs_docs() { WriteJson::Packed(packed) } else { WriteJson::Text(doc) })
    };
    let mut w = write(&given, 1, true);
    w.json = given_json(doc, packed);
    store.write_entries(&[w]).await.expect("write packed beforehand");
    // A create given packed and changed again in the same batch: its revision 1 changes come from the packed
    // document.
    let twice = large_entry("e4", "twice");
    let doc = serde_json::to_string(&twice).expect("json");
    let mut create = write(&twice, 1, true);
    create.json = given_json(doc.clone(), cogov_store::packed::pack(doc.as_bytes()).expect("long enough to pack"));
    let mut renamed = twice.clone();
    renamed.title = Text::new("en", "Twice, renamed");
    let mut update = write(&renamed, 2, false);
    update.revision.changes = renamed.changes_since(Some(&twice));
    store.write_entries(&[create, update]).await.expect("create and update in one batch");
    let revisions = store.revisions("e4").await.expect("revisions");
    assert_eq!(revisions[0].changes, twice.changes_since(None));
    assert_eq!(revisions[1].changes, renamed.changes_since(Some(&twice)));
    assert_eq!(store.entry("e4").await.expect("read").as_ref(), Some(&renamed));
    let small = entry("e3", "small");
    store.create_entry(&small, &first_revision(&small)).await.expect("create small");
    for e in [&big, &given, &small] {
        assert_eq!(store.entry(&e.id).await.expect("by id").as_ref(), Some(e));
        assert_eq!(store.entry_by_slug(&e.slug).await.expect("by slug").as_ref(), Some(e));
        assert_eq!(store.entry_by_external_id("test", &e.id).await.expect("by external id").as_ref(), Some(e));
    }
    let listed = store.list_entries(&EntryQuery { limit: 10, ..Default::default() }).await.expect("list");
    assert_eq!(listed, vec![big.clone(), given.clone(), small.clone(), renamed.clone()]);
    let known = store.entries_by_external_ids("test", &["e1".into(), "e2".into()]).await.expect("known");
    let mut known: Vec<Entry> = known.into_iter().map(|k| k.entry).collect();
    known.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(known, vec![big.clone(), given.clone()]);

    // Revision 1's changes are cut from the packed document, and written out from it by the first update.
    let first = store.revisions("e1").await.expect("revisions");
    assert_eq!(first[0].changes, big.changes_since(None));
    let mut changed = big.clone();
    changed.title = Text::new("en", "Renamed");
    store.write_entries(&[write(&changed, 2, false)]).await.expect("update");
    let after = store.revisions("e1").await.expect("revisions");
    assert_eq!(after.len(), 2);
    assert_eq!(after[0], first[0]);
    assert_eq!(store.entry("e1").await.expect("read").as_ref(), Some(&changed));

    let dump = store.dump().await.expect("dump");
    let entries = dump.iter().find(|t| t.name == "entries").expect("entries table");
    let doc_at = entries.columns.iter().position(|c| c == "doc").expect("doc column");
    let id_at = entries.columns.iter().position(|c| c == "id").expect("id column");
    let row = entries.rows.iter().find(|r| r[id_at] == "e2").expect("e2 dumped");
    assert_eq!(row[doc_at], serde_json::Value::String(serde_json::to_string(&given).expect("json")));
});

/// A SQLite store (the file `name` in `dir`), migrated and seeded, holding a long entry (`e1`, returned) and a
/// short one (`e2`).
async fn sqlite_with_long_and_short(dir: &std::path::Path, name: &str) -> (cogov_store::SqliteStore, Entry) {
    use cogov_store::Store as _;
    let store = cogov_store::SqliteStore::open(&dir.join(name), 2).await.expect("open");
    store.migrate().await.expect("migrate");
    seeded(&store).await;
    let (big, small) = (large_entry("e1", "big"), entry("e2", "small"));
    for e in [&big, &small] {
        store.create_entry(e, &first_revision(e)).await.expect("create");
    }
    (store, big)
}

/// SQLite keeps a long document packed (a BLOB) and a short one as text, and reads a long document stored as
/// text (a database written before documents were packed) as it is.
#[tokio::test]
async fn sqlite_packs_long_documents_and_still_reads_text_ones() {
    use cogov_store::Store as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, big) = sqlite_with_long_and_short(dir.path(), "t.db").await;
    let stored = |id: &'static str| {
        let pool = store.pool().clone();
        async move {
            sqlx::query_as::<_, (String, i64)>(
                "SELECT typeof(doc), length(CAST(doc AS BLOB)) FROM entries WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .expect("stored doc")
        }
    };
    let text_len = serde_json::to_string(&big).expect("json").len() as i64;
    let (kind, len) = stored("e1").await;
    assert_eq!(kind, "blob");
    assert!(len * 4 < text_len, "{len} bytes packed of {text_len}");
    assert_eq!(stored("e2").await.0, "text");

    sqlx::query("UPDATE entries SET doc = $1 WHERE id = 'e1'")
        .bind(serde_json::to_string(&big).expect("json"))
        .execute(store.write_pool())
        .await
        .expect("store as text");
    assert_eq!(stored("e1").await, ("text".to_string(), text_len));
    assert_eq!(store.entry("e1").await.expect("read"), Some(big.clone()));
    assert_eq!(store.revisions("e1").await.expect("revisions")[0].changes, big.changes_since(None));

    sqlx::query("UPDATE entries SET doc = x'ffffff7f0102' WHERE id = 'e1'")
        .execute(store.write_pool())
        .await
        .expect("damage");
    let err = store.entry("e1").await.expect_err("damaged document");
    assert!(err.to_string().contains("damaged"), "{err}");
}

/// A dump restored into SQLite keeps long documents packed, as the store writes them, and dumps the same again.
#[tokio::test]
async fn sqlite_restore_packs_long_documents() {
    use cogov_store::Store as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let (source, big) = sqlite_with_long_and_short(dir.path(), "a.db").await;
    let dump = source.dump().await.expect("dump");

    let target = cogov_store::SqliteStore::open(&dir.path().join("b.db"), 2).await.expect("open");
    target.migrate().await.expect("migrate");
    target.restore(&dump, true).await.expect("restore");
    let kinds: Vec<(String, String)> = sqlx::query_as("SELECT id, typeof(doc) FROM entries ORDER BY id")
        .fetch_all(target.pool())
        .await
        .expect("stored docs");
    assert_eq!(kinds, [("e1".to_string(), "blob".to_string()), ("e2".to_string(), "text".to_string())]);
    assert_eq!(target.entry("e1").await.expect("read"), Some(big));
    assert_eq!(target.dump().await.expect("dump again"), dump);
}
