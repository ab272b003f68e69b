//! The DPG registry in and out, on both backends: the real bundled registry.

mod common;

use cogov_app::import::{self, Options};
use cogov_core::entry::{EntryKind, Provenance};
use cogov_interop::dpg::{self, DpgRegistry};
use cogov_store::EntryQuery;
use common::TestApp;
use serde_json::Value;

fn registry(t: &TestApp, files: Vec<(String, Vec<u8>)>) -> DpgRegistry {
    DpgRegistry::from_files("dpg-registry", files, &t.app.catalog().countries)
}

async fn all(t: &TestApp, kind: &str) -> Vec<cogov_core::entry::Entry> {
    let q = EntryQuery { kinds: vec![kind.into()], limit: 10_000, ..Default::default() };
    t.app.store().list_entries(&q).await.expect("list")
}

app_test!(the_registry_imports_whole_and_again_unchanged, |t: TestApp| async move {
    let reg = registry(&t, common::registry_files());
    let first = import::run(&t.app, &reg, &Options::default(), None).await.expect("import");
    assert!(first.rejected.is_empty(), "{:#?}", first.rejected);
    let dpgs = all(&t, "dpg").await;
    let actors = all(&t, "actor").await;
    assert_eq!(dpgs.len(), 228);
    assert_eq!(first.created as usize, 228 + actors.len());
    assert!(actors.len() > 100, "organizations become actors: {}", actors.len());

    let again = import::run(&t.app, &reg, &Options::default(), None).await.expect("re-import");
    assert_eq!((again.created, again.updated, again.rejected.len()), (0, 0, 0));
    assert_eq!(again.unchanged, first.created);

    // A DPG with its SDG evidence, licences, stage, standard answers and countries.
    let dhis2 = t.app.store().entry_by_external_id("dpg-registry", "dhis2").await.expect("q").expect("dhis2");
    assert_eq!(dhis2.kind, EntryKind::DigitalPublicGood);
    let sdg3 = dhis2.tags.iter().find(|tag| tag.node == "sdg:3").expect("sdg:3");
    assert!(sdg3.evidence.as_ref().and_then(|e| e.text.as_ref()).is_some_and(|t| !t.is_empty()));
    assert_eq!(sdg3.provenance, Provenance::Imported { source: "dpg-registry".into(), external_id: "dhis2".into() });
    assert_eq!(dhis2.attributes["stage"], "DPG");
    assert_eq!(dhis2.attributes["licenses"][0]["spdx"], "BSD-3-Clause");
    let standard = dhis2.attributes["dpg_standard"].as_object().expect("standard");
    assert_eq!(standard.len(), 9);
    assert!(dhis2.countries.len() > 20, "{:?}", dhis2.countries);
    assert_eq!(dhis2.provenance, Provenance::Imported { source: "dpg-registry".into(), external_id: "dhis2".into() });

    // A symbolic link stored as text gives the answers of the file it names.
    let mifos = t.app.store().entry_by_external_id("dpg-registry", "mifos-mobile").await.expect("q").expect("mifos");
    let linked = t.app.store().entry_by_external_id("dpg-registry", "mifos-community-app").await.expect("q");
    let linked = linked.expect("target");
    assert_eq!(mifos.attributes["dpg_standard"]["do_no_harm"], linked.attributes["dpg_standard"]["do_no_harm"]);
    assert_eq!(mifos.attributes["locations"], linked.attributes["locations"]);

    // Organizations: deduplicated, with their relation on both sides; no personal contact data anywhere.
    let owner = &dhis2.attributes["organizations"][0];
    let actor_key = owner["actor"].as_str().expect("actor").strip_prefix("dpg-registry-org:").expect("prefix");
    let actor =
        t.app.store().entry_by_external_id("dpg-registry-org", actor_key).await.expect("q").expect("actor entry");
    assert!(actor.attributes["dpg_relations"]
        .as_array()
        .expect("relations")
        .iter()
        .any(|r| r["dpg"] == "dpg-registry:dhis2" && r["relation"] == owner["relation"]));
    let mut keys = std::collections::HashSet::new();
    for a in &actors {
        let name = a.title.display(cogov_core::Lang::En).to_lowercase();
        assert!(keys.insert((name, a.website.clone())), "duplicate organization {:?}", a.title);
    }
    for e in dpgs.iter().chain(&actors) {
        let doc = serde_json::to_string(e).expect("json");
        assert!(!doc.contains("contact_name") && !doc.contains("contact_email"), "{}", e.slug);
    }
});

app_test!(a_changed_record_becomes_a_revision_and_a_broken_file_is_reported, |t: TestApp| async move {
    let files = common::registry_files();
    import::run(&t.app, &registry(&t, files.clone()), &Options::default(), None).await.expect("import");
    let changed: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(name, bytes)| match name.as_str() {
            "nominees/dhis2.json" => {
                let mut v: Value = serde_json::from_slice(&bytes).expect("json");
                v["description"] = "A new description".into();
                (name, serde_json::to_vec(&v).expect("json"))
            }
            "nominees/aajeevika.json" => (name, b"{\n  \"name\": \"Aajeevika\",\n  \"description\": 3,".to_vec()),
            "nominees/mojaloop.json" => {
                // A byte-order mark is not a problem.
                let mut b = vec![0xEF, 0xBB, 0xBF];
                b.extend(bytes);
                (name, b)
            }
            _ => (name, bytes),
        })
        .collect();
    let reg = registry(&t, changed);

    let strict = Options { strict: true, ..Default::default() };
    let refused = import::run(&t.app, &reg, &strict, None).await.expect("strict");
    assert!(!refused.written);
    assert_eq!(refused.rejected.len(), 1, "{:#?}", refused.rejected);
    let dhis2 = t.app.store().entry_by_external_id("dpg-registry", "dhis2").await.expect("q").expect("dhis2");
    assert_ne!(dhis2.summary.display(cogov_core::Lang::En), "A new description", "strict wrote nothing");

    let summary = import::run(&t.app, &reg, &Options::default(), None).await.expect("import");
    assert_eq!(summary.updated, 1);
    assert_eq!(summary.created, 0);
    let problem = &summary.rejected[0];
    assert_eq!(problem.key.as_deref(), Some("dpg-registry:aajeevika"));
    assert!(problem.to_string().contains("nominees/aajeevika.json:3:"), "{problem}");
    let revisions = t.app.store().revisions(&dhis2.id).await.expect("revisions");
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[1].changes[0].field, "summary");
    assert!(revisions[1].actor.starts_with("import:dpg-registry"));
    // The rejected record's stored entry is left as it was.
    let aajeevika = t.app.store().entry_by_external_id("dpg-registry", "aajeevika").await.expect("q").expect("kept");
    assert_eq!(t.app.store().revisions(&aajeevika.id).await.expect("r").len(), 1);
});

app_test!(an_interrupted_import_resumes_after_its_checkpoint, |t: TestApp| async move {
    let reg = registry(&t, common::registry_files());
    // As if a run had been killed after its third batch of 50: the first 150 records are stored, and the
    // checkpoint says so.
    let mut source = cogov_app::import::ImportInput::open(&reg).expect("open");
    for _ in 0..150 {
        let record = source.next_record().expect("record").expect("valid");
        import::upsert(&t.app, record, "test", "partial run").await.expect("upsert");
    }
    t.app
        .store()
        .set_meta(
            "import_checkpoint:dpg-registry",
            &format!("{} 150", cogov_app::import::ImportInput::fingerprint(&reg)),
        )
        .await
        .expect("meta");
    let summary =
        import::run(&t.app, &reg, &Options { batch_size: 50, ..Default::default() }, None).await.expect("resume");
    assert_eq!(summary.resumed_after, 150);
    let total = all(&t, "dpg").await.len() + all(&t, "actor").await.len();
    assert_eq!(summary.created as usize + 150, total, "every record once, none twice");
    let again = import::run(&t.app, &reg, &Options::default(), None).await.expect("again");
    assert_eq!((again.resumed_after, again.created, again.unchanged as usize), (0, 0, total));
});

app_test!(exported_records_validate_against_the_registry_schema_and_round_trip, |t: TestApp| async move {
    let files = common::registry_files();
    import::run(&t.app, &registry(&t, files.clone()), &Options::default(), None).await.expect("import");
    let schema: Value = serde_json::from_str(dpg::NOMINEE_SCHEMA).expect("schema");
    let validator = jsonschema::draft7::new(&schema).expect("compile schema");
    let dpgs = all(&t, "dpg").await;
    let mut same = 0;
    for e in &dpgs {
        let record = dpg::export_nominee(e).unwrap_or_else(|p| panic!("{}: {p:?}", e.slug));
        let errors: Vec<String> =
            validator.iter_errors(&record).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", e.slug);
        let name = format!("nominees/{}.json", dpg::export_name(e));
        let original = files.iter().find(|(n, _)| *n == name).expect("source file");
        let original: Value = serde_json::from_slice(&original.1).expect("json");
        if trimmed(original.clone()) == trimmed(record.clone()) {
            same += 1;
        } else {
            eprintln!("{name}:\n{original}\n{record}");
        }
    }
    assert_eq!(same, dpgs.len(), "every exported record equals the registry's record (but for surrounding spaces)");
});

/// Surrounding white space of texts is not kept (titles and summaries are trimmed on every submission).
fn trimmed(v: Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.trim().to_string()),
        Value::Array(a) => Value::Array(a.into_iter().map(trimmed).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, trimmed(v))).collect()),
        other => other,
    }
}
