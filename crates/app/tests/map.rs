//! The GDC map's use cases against a real store with the bundled reference data: validation, revisions, the
//! sample, and coverage figures checked against direct counts from the store.

use cogov_app::entries::{self, Actor, EntryInput};
use cogov_app::map::coverage::{CoverageFilter, DevGroup};
use cogov_app::map::{self, ContributionInput, EndorsementInput};
use cogov_app::{App, AppError};
use cogov_core::contribution::{EvidenceLink, Period, Progress};
use cogov_core::entry::{EntryKind, Provenance, StakeholderGroup, Status, Tag};
use cogov_core::Text;
use cogov_store::ContributionQuery;

async fn app() -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = cogov_store::SqliteStore::open(&dir.path().join("t.db"), 4).await.expect("open");
    cogov_store::Store::migrate(&store).await.expect("migrate");
    (App::start(Box::new(store)).await.expect("start"), dir)
}

async fn actor(app: &App, slug: &str, kind: EntryKind, group: Option<StakeholderGroup>) -> String {
    let input = EntryInput {
        kind: Some(kind),
        slug: Some(slug.into()),
        status: Some(Status::Published),
        title: Some(Text::new("en", slug)),
        stakeholder_group: group,
        ..Default::default()
    };
    entries::create(app, input, &Actor::manual("test"), "test").await.expect("entry").id
}

fn input(contributor: &str) -> ContributionInput {
    ContributionInput {
        contributor: Some(contributor.into()),
        status: Some(Status::Published),
        commitments: Some(vec!["gdc:1.1.1".into()]),
        title: Some(Text::new("en", "Connect schools")),
        period: Some(Period { start: "2025-01-01".into(), end: None }),
        progress: Some(Progress::Ongoing),
        countries: Some(vec!["ke".into()]),
        ..Default::default()
    }
}

#[tokio::test]
async fn bad_contributions_get_field_errors_and_write_nothing() {
    let (app, _dir) = app().await;
    let org = actor(&app, "org", EntryKind::Actor, Some(StakeholderGroup::CivilSociety)).await;
    let dpg = actor(&app, "a-dpg", EntryKind::DigitalPublicGood, None).await;
    let before = app.store().last_seq().await.expect("seq");
    let bad = ContributionInput {
        commitments: Some(vec!["gdc:1.1.1".into(), "gdc:9.9".into(), "gdc:1".into()]),
        period: Some(Period { start: "2026-05-01".into(), end: Some("2026-04-30".into()) }),
        countries: Some(vec!["KE".into(), "XX".into()]),
        evidence: Some(vec![EvidenceLink { url: "javascript:alert(1)".into(), label: None }]),
        sdg_targets: Some(vec!["wsis:C1".into()]),
        ..input(&org)
    };
    let Err(AppError::Validation(errors)) = map::create_contribution(&app, bad, &Actor::manual("t"), "t").await else {
        panic!("expected validation errors");
    };
    let fields: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(
        fields,
        vec![
            ("period.end", "ends_before_start"),
            ("evidence[0].url", "invalid_url"),
            ("commitments[1]", "unknown_commitment"),
            ("commitments[2]", "unknown_commitment"),
            ("sdg_targets[0]", "unknown_node"),
            ("countries[1]", "unknown_country"),
        ]
    );
    let missing = ContributionInput { contributor: Some("nobody".into()), period: None, progress: None, ..input(&org) };
    let Err(AppError::Validation(errors)) = map::create_contribution(&app, missing, &Actor::manual("t"), "t").await
    else {
        panic!("expected validation errors");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["period", "progress", "contributor"]);
    let by_dpg = map::create_contribution(&app, input(&dpg), &Actor::manual("t"), "t").await;
    assert!(matches!(by_dpg, Err(AppError::Validation(ref e)) if e[0].field == "contributor"), "{by_dpg:?}");
    assert_eq!(app.store().last_seq().await.expect("seq"), before, "nothing was written");
    assert_eq!(app.store().count_contributions(&ContributionQuery::default()).await.expect("count"), 0);
}

#[tokio::test]
async fn contributions_keep_revisions_and_updates_are_validated() {
    let (app, _dir) = app().await;
    let org = actor(&app, "org", EntryKind::Actor, Some(StakeholderGroup::Government)).await;
    let c = map::create_contribution(&app, input("org"), &Actor::manual("alice"), "declared").await.expect("create");
    assert_eq!(c.contributor, org, "a slug is resolved to the entry id");
    assert_eq!(c.countries, vec!["KE"]);
    let done = ContributionInput { progress: Some(Progress::Completed), ..Default::default() };
    let (c2, changed) =
        map::update_contribution(&app, &c.id, done.clone(), &Actor::manual("bob"), "finished").await.expect("update");
    assert!(changed);
    assert_eq!(c2.progress, Progress::Completed);
    let (_, again) = map::update_contribution(&app, &c.id, done, &Actor::manual("bob"), "again").await.expect("noop");
    assert!(!again, "an update that changes nothing writes nothing");
    let bad = ContributionInput {
        period: Some(Period { start: "2025-01-01".into(), end: Some("2024-01-01".into()) }),
        ..Default::default()
    };
    assert!(map::update_contribution(&app, &c.id, bad, &Actor::manual("bob"), "x").await.is_err());
    let revisions = app.store().map_revisions("contribution", &c.id).await.expect("revisions");
    let summary: Vec<(String, String, Vec<String>)> = revisions
        .iter()
        .map(|r| (r.actor.clone(), r.reason.clone(), r.changes.iter().map(|f| f.field.clone()).collect()))
        .collect();
    assert_eq!(summary[1], ("bob".to_string(), "finished".to_string(), vec!["progress".to_string()]));
    assert_eq!(summary.len(), 2);
}

#[tokio::test]
async fn endorsements_are_validated_and_unique_per_actor() {
    let (app, _dir) = app().await;
    actor(&app, "org", EntryKind::Actor, Some(StakeholderGroup::Academia)).await;
    actor(&app, "init", EntryKind::Initiative, None).await;
    let good = EndorsementInput {
        actor: Some("org".into()),
        status: Some(Status::Published),
        date: Some("2024-10-01".into()),
        objectives: Some(vec!["gdc:1".into(), "gdc:5".into()]),
        statement: None,
    };
    map::create_endorsement(&app, good.clone(), &Actor::manual("t"), "t").await.expect("endorse");
    let twice = map::create_endorsement(&app, good, &Actor::manual("t"), "t").await;
    assert!(matches!(twice, Err(AppError::Conflict { ref field, .. }) if field == "actor"), "{twice:?}");
    let bad = EndorsementInput {
        actor: Some("init".into()),
        status: None,
        date: Some("2024-13-01".into()),
        objectives: Some(vec!["gdc:1.1".into()]),
        statement: None,
    };
    let Err(AppError::Validation(errors)) = map::create_endorsement(&app, bad, &Actor::manual("t"), "t").await else {
        panic!("expected validation errors");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["date", "actor", "objectives[0]"]);
}

/// Coverage from the projection equals counts made directly in the store, for every commitment and column.
#[tokio::test]
async fn coverage_of_the_sample_matches_direct_store_counts() {
    let (app, _dir) = app().await;
    let loaded = map::sample::load(&app).await.expect("sample");
    assert!(loaded.written && loaded.contributions > 20, "{loaded:?}");
    assert!(loaded.label.contains("not real"));
    let again = map::sample::load(&app).await.expect("again");
    assert!(!again.written);
    // An unpublished contribution is not counted; a DPG tagged with an SDG gives implied coverage only.
    let draft = ContributionInput { status: Some(Status::Draft), ..input("sample-mobile-operator") };
    map::create_contribution(&app, draft, &Actor::manual("t"), "t").await.expect("draft");
    let dpg = EntryInput {
        kind: Some(EntryKind::DigitalPublicGood),
        status: Some(Status::Published),
        title: Some(Text::new("en", "Open school maps")),
        countries: Some(vec!["KE".into()]),
        tags: Some(vec![Tag {
            node: "sdg:9.c".into(),
            provenance: Provenance::Manual { by: "t".into() },
            evidence: None,
        }]),
        ..Default::default()
    };
    entries::create(&app, dpg, &Actor::manual("t"), "t").await.expect("dpg");

    let catalog = app.catalog();
    let all = map::coverage::coverage(&app, &CoverageFilter::default()).await.expect("coverage");
    let published = app
        .store()
        .list_contributions(&ContributionQuery {
            statuses: vec!["published".into()],
            limit: 1000,
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(all.contributions, published.len() as u64);
    assert_eq!(all.rows.len(), map::commitments(&catalog).len());
    let group_countries = |g: DevGroup| -> Vec<String> {
        catalog.countries.iter().filter(|c| c.groups().contains(&g.code())).map(|c| c.iso2.clone()).collect()
    };
    let store = app.store();
    for row in &all.rows {
        let count = |countries: Vec<String>, progress: Vec<String>| {
            let q = ContributionQuery {
                statuses: vec!["published".into()],
                nodes: vec![row.commitment.clone()],
                countries,
                progress,
                ..Default::default()
            };
            async move { store.count_contributions(&q).await.expect("count") as u64 }
        };
        assert_eq!(row.total, count(vec![], vec![]).await, "{}", row.commitment);
        for (i, p) in Progress::ALL.iter().enumerate() {
            assert_eq!(row.progress[i], count(vec![], vec![p.code().into()]).await, "{} {p}", row.commitment);
        }
        for g in DevGroup::ALL {
            assert_eq!(row.dev_group(g), count(group_countries(g), vec![]).await, "{} {g:?}", row.commitment);
        }
        for (col, region) in all.regions.iter().enumerate() {
            if let Some(m49) = &region.m49 {
                let in_region: Vec<String> = catalog.countries_in(m49).map(|c| c.iso2.clone()).collect();
                assert_eq!(row.regions[col], count(in_region, vec![]).await, "{} region {m49}", row.commitment);
            }
        }
        let by_group: u64 = row.groups.iter().sum();
        assert_eq!(by_group, row.total, "every contribution has exactly one group column");
    }
    let row = |id: &str| all.rows.iter().find(|r| r.commitment == id).expect("row");
    // gdc:1.1.1 links to SDG 9: the sample's DPG-free sample gives implied coverage only through our DPG.
    assert_eq!(row("gdc:1.1.1").implied, 1);
    assert!(row("gdc:1.1.1").total >= 3);

    // The projection follows the change log: a new contribution shows up without a rebuild.
    let seq = app.map().seq().await.expect("built");
    map::create_contribution(&app, input("sample-standards-body"), &Actor::manual("t"), "t").await.expect("new");
    let after = map::coverage::coverage(&app, &CoverageFilter::default()).await.expect("coverage");
    assert!(app.map().seq().await.expect("built") > seq);
    assert_eq!(
        after.rows.iter().find(|r| r.commitment == "gdc:1.1.1").map(|r| r.total),
        Some(row("gdc:1.1.1").total + 1)
    );

    // Filters: Kenya only.
    let kenya = CoverageFilter { country: Some("KE".into()), ..Default::default() };
    let ke = map::coverage::coverage(&app, &kenya).await.expect("coverage");
    for r in &ke.rows {
        let q = ContributionQuery {
            statuses: vec!["published".into()],
            nodes: vec![r.commitment.clone()],
            countries: vec!["KE".into()],
            ..Default::default()
        };
        assert_eq!(r.total, app.store().count_contributions(&q).await.expect("count") as u64, "{}", r.commitment);
    }
}
