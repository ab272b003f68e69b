//! Entries and tags as CSV: export, import into another instance, export again: the same rows.

mod common;

use cogov_app::import::{self, Options};
use cogov_app::App;
use cogov_interop::csv_entries::{self, CsvFile};
use cogov_store::EntryQuery;

async fn everything(app: &App) -> Vec<cogov_core::entry::Entry> {
    app.store().list_entries(&EntryQuery { limit: 10_000, ..Default::default() }).await.expect("list")
}

/// The CSV without its first column (`id`, which each instance assigns).
fn without_ids(csv: &str) -> Vec<String> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let mut rows: Vec<String> =
        r.records().map(|x| x.expect("row").iter().skip(1).collect::<Vec<_>>().join("\u{1f}")).collect();
    rows.sort();
    rows
}

app_test!(csv_round_trips_entries_and_tags_between_instances, |t: common::TestApp| async move {
    let registry = cogov_interop::demo::registry(&t.app.catalog().countries);
    import::run(&t.app, &registry, &Options::default(), None).await.expect("import");
    let first = csv_entries::export(&everything(&t.app).await).expect("export");
    assert!(first
        .lines()
        .next()
        .expect("header")
        .starts_with("id,external_source,external_id,kind,status,slug,title.en"));
    let path = t.dir.path().join("entries.csv");
    std::fs::write(&path, &first).expect("write");

    let other = common::sqlite().await;
    let summary =
        import::run(&other.app, &CsvFile::new(&path).expect("file"), &Options::default(), None).await.expect("csv");
    assert!(summary.rejected.is_empty(), "{:#?}", &summary.rejected[..summary.rejected.len().min(3)]);
    assert_eq!(summary.created, 445);
    let second = csv_entries::export(&everything(&other.app).await).expect("export");
    assert_eq!(without_ids(&first), without_ids(&second));
    let again =
        import::run(&other.app, &CsvFile::new(&path).expect("file"), &Options::default(), None).await.expect("csv");
    assert_eq!(again.unchanged, 445, "{again}");
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_rows_are_reported_with_line_and_column_name() {
    let t = common::sqlite().await;
    let path = t.dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "external_source,external_id,kind,title.en,tags,countries,attributes\n\
         demo,1,initiative,Good one,sdg:4,KE,\n\
         demo,2,spaceship,Bad kind,,,\n\
         demo,3,initiative,Bad tag,sdg:99,XX,\n\
         demo,4,initiative,\"Bad JSON\",,,{not json}\n",
    )
    .expect("write");
    let s = import::run(&t.app, &CsvFile::new(&path).expect("file"), &Options::default(), None).await.expect("import");
    assert_eq!(s.created, 1);
    let problems: Vec<String> = s.rejected.iter().map(|p| p.to_string()).collect();
    assert!(problems.iter().any(|p| p.contains("bad.csv:3:1 (record 2): kind:")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("bad.csv:4:1 (record 3): demo:3: tags[0].node")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("bad.csv:4:1 (record 3): demo:3: countries[0]")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("bad.csv:5:1 (record 4): attributes:")), "{problems:#?}");

    std::fs::write(&path, "external_source,external_id,kind,colour\n").expect("write");
    let s = import::run(&t.app, &CsvFile::new(&path).expect("file"), &Options::default(), None).await.expect("import");
    assert!(s.rejected[0].to_string().contains("unknown column 'colour'"), "{}", s.rejected[0]);
}

app_test!(a_batch_the_store_refuses_is_written_record_by_record, |t: common::TestApp| async move {
    // Rows 1 and 2 ask for the same slug: their batch passes the import's own checks and is refused by the
    // store's, as one a concurrent writer got ahead of would be. It is written again record by record in the
    // writer's transaction, with the batches around it: only row 2 is refused.
    let path = t.dir.path().join("slugs.csv");
    std::fs::write(
        &path,
        "external_source,external_id,kind,slug,title.en\n\
         demo,1,initiative,same,One\n\
         demo,2,initiative,same,Two\n\
         demo,3,initiative,three,Three\n\
         demo,4,initiative,four,Four\n\
         demo,5,initiative,five,Five\n",
    )
    .expect("write");
    let options = Options { batch_size: 2, ..Default::default() };
    let csv = CsvFile::new(&path).expect("file");
    let s = import::run(&t.app, &csv, &options, None).await.expect("import");
    assert_eq!((s.created, s.rejected.len()), (4, 1), "{s}");
    let problem = s.rejected[0].to_string();
    assert!(problem.contains("slugs.csv:3:1 (record 2): demo:2: slug"), "{problem}");
    let slugs: Vec<String> = everything(&t.app).await.into_iter().map(|e| e.slug).collect();
    assert_eq!(slugs.len(), 4);
    for slug in ["same", "three", "four", "five"] {
        assert!(slugs.iter().any(|s| s == slug), "{slug} in {slugs:?}");
    }
    // Again: row 2 is refused again, the others are as they were.
    let again = import::run(&t.app, &csv, &options, None).await.expect("import");
    assert_eq!((again.unchanged, again.created, again.rejected.len()), (4, 0, 1), "{again}");
});
