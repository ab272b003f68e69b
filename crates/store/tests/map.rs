//! The GDC implementation map in the store, run once on SQLite and once on PostgreSQL.

mod common;

use std::collections::BTreeMap;

use cogov_core::contribution::{Contribution, Endorsement, EvidenceLevel, Period, Progress};
use cogov_core::entry::{Entry, EntryKind, Provenance, Revision, StakeholderGroup, Status};
use cogov_core::framework::{parse_framework_file, FrameworkFile};
use cogov_core::geo::{Country, Region};
use cogov_core::Text;
use cogov_store::{ContributionQuery, Store, StoreError};

const SDG: &str = r#"{"framework":"sdg","version":"1","title":{"en":"SDGs"},"source":"t"}
{"node":"sdg:4","level":"goal","title":{"en":"Quality education"},"source":"t"}"#;

const GDC: &str = r#"{"framework":"gdc","version":"1","title":{"en":"GDC"},"source":"t"}
{"node":"gdc:1","level":"objective","title":{"en":"Close divides"},"source":"t"}
{"node":"gdc:1.1","parent":"gdc:1","level":"commitment","title":{"en":"Connect schools"},"source":"t"}
{"node":"gdc:1.2","parent":"gdc:1","level":"commitment","title":{"en":"Skills"},"source":"t"}
{"edge":["gdc:1.1","sdg:4"],"source":"t"}"#;

fn parse(name: &str, text: &str, known: &[cogov_core::framework::Node]) -> FrameworkFile {
    parse_framework_file(name, text, &|id| known.iter().any(|n| n.id == id)).expect("valid framework")
}

async fn seeded(store: &dyn Store) {
    store.put_framework(&parse("sdg", SDG, &[]), "test").await.expect("sdg");
    let nodes = store.nodes().await.expect("nodes");
    store.put_framework(&parse("gdc", GDC, &nodes), "test").await.expect("gdc");
    let names = |en: &str| BTreeMap::from([("en".to_string(), en.to_string())]);
    let country = |iso2: &str, iso3: &str| Country {
        iso2: iso2.into(),
        iso3: iso3.into(),
        numeric: "1".into(),
        m49: "1".into(),
        region: "002".into(),
        subregion: "".into(),
        intermediate_region: "".into(),
        ldc: iso2 == "SN",
        lldc: false,
        sids: false,
        names: names(iso3),
    };
    let regions = vec![Region { m49: "002".into(), level: "region".into(), parent: None, names: names("Africa") }];
    store.put_geography(&[country("KE", "KEN"), country("SN", "SEN")], &regions).await.expect("geography");
    for (id, kind) in [("a1", EntryKind::Actor), ("a2", EntryKind::Actor)] {
        let e = Entry {
            id: id.into(),
            kind,
            slug: id.into(),
            status: Status::Published,
            title: Text::new("en", id),
            summary: Text::default(),
            stakeholder_group: Some(StakeholderGroup::CivilSociety),
            countries: vec![],
            regions: vec![],
            website: None,
            external_ids: vec![],
            tags: vec![],
            provenance: Provenance::Manual { by: "t".into() },
            attributes: Default::default(),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            updated_at: "2026-01-01T00:00:00.000Z".into(),
        };
        let rev = Revision {
            entry_id: id.into(),
            number: 1,
            at: e.created_at.clone(),
            actor: "t".into(),
            reason: "r".into(),
            changes: vec![],
        };
        store.create_entry(&e, &rev).await.expect("entry");
    }
}

fn contribution(id: &str, contributor: &str, commitments: &[&str], countries: &[&str]) -> Contribution {
    Contribution {
        id: id.into(),
        contributor: contributor.into(),
        status: Status::Published,
        commitments: commitments.iter().map(|s| s.to_string()).collect(),
        sdg_targets: vec!["sdg:4".into()],
        wsis_lines: vec![],
        title: Text::new("en", format!("Contribution {id}")),
        description: Text::default(),
        period: Period { start: "2025-01-01".into(), end: None },
        progress: Progress::Ongoing,
        countries: countries.iter().map(|s| s.to_string()).collect(),
        evidence: vec![],
        evidence_level: EvidenceLevel::SelfDeclared,
        provenance: Provenance::Manual { by: "t".into() },
        created_at: "2026-01-02T00:00:00.000Z".into(),
        updated_at: "2026-01-02T00:00:00.000Z".into(),
    }
}

fn revision(id: &str, number: i64, reason: &str) -> Revision {
    Revision {
        entry_id: id.into(),
        number,
        at: "2026-01-02T00:00:00.000Z".into(),
        actor: "tester".into(),
        reason: reason.into(),
        changes: vec![],
    }
}

store_test!(contributions_are_written_with_revisions_and_change_log, |store: common::TestStore| async move {
    seeded(&*store).await;
    let start = store.last_seq().await.expect("seq");
    let mut c = contribution("c1", "a1", &["gdc:1.1", "gdc:1.2"], &["KE", "SN"]);
    store.create_contribution(&c, &revision("c1", 1, "declared")).await.expect("create");
    store
        .create_contribution(&contribution("c2", "a2", &["gdc:1.2"], &["KE"]), &revision("c2", 1, "declared"))
        .await
        .expect("c2");
    assert_eq!(store.contribution("c1").await.expect("get"), Some(c.clone()));
    let changes = store.changes_since(start, 10).await.expect("changes");
    assert_eq!(
        changes.iter().map(|ch| (ch.entity.as_str(), ch.entity_id.as_str(), ch.op.as_str())).collect::<Vec<_>>(),
        vec![("contribution", "c1", "create"), ("contribution", "c2", "create")]
    );

    let q = |nodes: &[&str], countries: &[&str]| ContributionQuery {
        nodes: nodes.iter().map(|s| s.to_string()).collect(),
        countries: countries.iter().map(|s| s.to_string()).collect(),
        limit: 100,
        ..Default::default()
    };
    assert_eq!(store.count_contributions(&q(&["gdc:1.1"], &[])).await.expect("count"), 1);
    assert_eq!(store.count_contributions(&q(&["gdc:1.2"], &["KE"])).await.expect("count"), 2);
    assert_eq!(store.count_contributions(&q(&["sdg:4"], &["SN"])).await.expect("count"), 1);
    let listed = store.list_contributions(&q(&["gdc:1.2"], &[])).await.expect("list");
    assert_eq!(listed.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), vec!["c1", "c2"]);

    c.progress = Progress::Completed;
    c.countries = vec!["KE".into()];
    store.update_contribution(&c, &revision("c1", 2, "finished")).await.expect("update");
    assert_eq!(store.count_contributions(&q(&[], &["SN"])).await.expect("count"), 0, "index rows follow the doc");
    let stale = store.update_contribution(&c, &revision("c1", 2, "stale")).await.expect_err("stale revision");
    assert!(matches!(stale, StoreError::Conflict { ref field, .. } if field == "revision"), "{stale}");
    let revisions = store.map_revisions("contribution", "c1").await.expect("revisions");
    assert_eq!(revisions.iter().map(|r| r.reason.as_str()).collect::<Vec<_>>(), vec!["declared", "finished"]);
    let missing =
        store.update_contribution(&contribution("zz", "a1", &["gdc:1.1"], &[]), &revision("zz", 2, "x")).await;
    assert!(matches!(missing, Err(StoreError::NotFound(_))));
});

store_test!(a_failed_contribution_write_changes_nothing, |store: common::TestStore| async move {
    seeded(&*store).await;
    let before = store.last_seq().await.expect("seq");
    let unknown_country = contribution("c1", "a1", &["gdc:1.1"], &["ZZ"]);
    store.create_contribution(&unknown_country, &revision("c1", 1, "x")).await.expect_err("unknown country");
    let unknown_node = contribution("c2", "a1", &["gdc:9.9"], &[]);
    let good = contribution("c3", "a1", &["gdc:1.1"], &[]);
    let batch = vec![(good.clone(), revision("c3", 1, "x")), (unknown_node, revision("c2", 1, "x"))];
    store.import_contributions(&batch).await.expect_err("one bad record refuses the batch");
    assert_eq!(store.last_seq().await.expect("seq"), before);
    assert_eq!(store.count_contributions(&ContributionQuery::default()).await.expect("count"), 0);
    assert!(store.map_revisions("contribution", "c3").await.expect("revisions").is_empty());
    store.import_contributions(&batch[..1]).await.expect("good batch");
    assert_eq!(store.count_contributions(&ContributionQuery::default()).await.expect("count"), 1);
});

store_test!(one_endorsement_per_actor, |store: common::TestStore| async move {
    seeded(&*store).await;
    let mut e = Endorsement {
        id: "n1".into(),
        actor: "a1".into(),
        status: Status::Published,
        date: "2024-10-01".into(),
        objectives: vec!["gdc:1".into()],
        statement: Text::default(),
        provenance: Provenance::Manual { by: "t".into() },
        created_at: "t".into(),
        updated_at: "t".into(),
    };
    store.create_endorsement(&e, &revision("n1", 1, "endorsed")).await.expect("create");
    let second = Endorsement { id: "n2".into(), ..e.clone() };
    let err = store.create_endorsement(&second, &revision("n2", 1, "again")).await.expect_err("second");
    assert!(matches!(err, StoreError::Conflict { ref field, .. } if field == "actor"), "{err}");
    e.status = Status::Archived;
    store.update_endorsement(&e, &revision("n1", 2, "withdrawn")).await.expect("update");
    assert_eq!(store.endorsement_by_actor("a1").await.expect("by actor").map(|x| x.status), Some(Status::Archived));
    assert!(store.list_endorsements(&["published".into()]).await.expect("list").is_empty());
    assert_eq!(store.list_endorsements(&[]).await.expect("all").len(), 1);
    assert_eq!(store.map_revisions("endorsement", "n1").await.expect("revisions").len(), 2);
    assert_eq!(store.last_seq_of("endorsement").await.expect("seq"), store.last_seq().await.expect("seq"));
});
