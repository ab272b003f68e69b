//! `dump` → `restore` into a fresh database of the other backend → `dump` gives identical bytes.

mod common;

use cogov_app::entries::{self, Actor, EntryInput};
use cogov_app::import;
use cogov_app::App;
use cogov_core::Text;
use cogov_interop::dump;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dump_round_trips_byte_for_byte_across_backends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = App::start(common::sqlite_store(dir.path()).await).await.expect("start");
    let registry = cogov_interop::demo::registry(&app.catalog().countries);
    import::run(&app, &registry, &Default::default(), None).await.expect("import");
    let dhis2 = app.store().entry_by_external_id("dpg-registry", "dhis2").await.expect("q").expect("dhis2");
    let change =
        EntryInput { summary: Some(Text::new("fr", "Logiciel « libre » </script> ☃")), ..Default::default() };
    entries::update(&app, &dhis2.id, change, &Actor::manual("tester"), "a second revision").await.expect("update");
    let first = dump::write(&app.store().dump().await.expect("dump"));
    let tables = dump::read("first", &first).expect("read");
    for t in ["changes", "entries", "revisions", "meta", "nodes", "countries", "entry_tags", "framework_versions"] {
        assert!(tables.iter().any(|x| x.name == t && !x.rows.is_empty()), "table {t} is dumped");
    }

    let Some(pg) = common::postgres_store().await else { return };
    pg.restore(&tables, false).await.expect("restore into PostgreSQL");
    let second = dump::write(&pg.dump().await.expect("dump"));
    assert!(first == second, "PostgreSQL dump differs from the SQLite one");

    let refused = pg.restore(&tables, false).await.expect_err("not empty");
    assert!(refused.to_string().contains("not empty"), "{refused}");
    pg.restore(&tables, true).await.expect("forced");
    assert!(dump::write(&pg.dump().await.expect("dump")) == first);

    // The restored instance works: the change log continues after the restored sequence numbers.
    let before = pg.last_seq().await.expect("seq");
    let restored = App::start(pg).await.expect("start on restored");
    let e = restored.store().entry(&dhis2.id).await.expect("q").expect("entry");
    assert_eq!(restored.store().revisions(&e.id).await.expect("r").len(), 2);
    let input = EntryInput {
        kind: Some(cogov_core::entry::EntryKind::Event),
        title: Some(Text::new("en", "After")),
        ..Default::default()
    };
    entries::create(&restored, input, &Actor::manual("t"), "new").await.expect("create after restore");
    assert_eq!(restored.store().last_seq().await.expect("seq"), before + 1);

    // And back into a fresh SQLite file.
    let dir2 = tempfile::tempdir().expect("tempdir");
    let sqlite = common::sqlite_store(dir2.path()).await;
    sqlite.restore(&tables, false).await.expect("restore into SQLite");
    assert!(dump::write(&sqlite.dump().await.expect("dump")) == first);
}

#[test]
fn a_broken_dump_file_is_refused_naming_line_and_column() {
    let err = dump::read("x.json", b"{\"format\":\"cogov-dump\",\n\"version\":1,\"tables\":[}").expect_err("broken");
    assert!(err.starts_with("x.json:2:"), "{err}");
    let err = dump::read("y.json", br#"{"format":"other","version":1,"tables":[]}"#).expect_err("other");
    assert!(err.contains("'other'"), "{err}");
}
