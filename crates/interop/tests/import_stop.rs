//! Graceful shutdown of an import: `import::stop_after_batch` (called on SIGTERM / Ctrl-C) lets the batch being
//! written finish and be checkpointed, then the run returns; running it again resumes after the checkpoint. In
//! its own test binary, because the stop request is process-wide (its tests take turns: [`ONE_AT_A_TIME`]).

mod common;

use cogov_app::import::{self, ImportInput, Options};
use cogov_interop::dpg::DpgRegistry;
use cogov_interop::iati::IatiFile;
use cogov_store::EntryQuery;

/// Held by each test while it runs: the stop request is the process's.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test]
async fn a_stopped_import_ends_at_a_checkpoint_and_resumes_after_it() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let mut apps = vec![common::sqlite().await];
    apps.extend(common::postgres().await);
    for t in apps {
        let reg = DpgRegistry::from_files("dpg-registry", common::registry_files(), &t.app.catalog().countries);
        import::stop_after_batch();
        let first = import::run(&t.app, &reg, &Options { batch_size: 50, ..Default::default() }, None).await;
        import::clear_stop();
        let first = first.expect("stopped run");
        assert_eq!(first.stopped_at, Some(50), "{first}");
        assert_eq!(first.records(), 50);
        let checkpoint = t.app.store().meta("import_checkpoint:dpg-registry").await.expect("meta");
        assert_eq!(checkpoint, Some(format!("{} 50", reg.fingerprint())));
        let rest = import::run(&t.app, &reg, &Options { batch_size: 50, ..Default::default() }, None).await;
        let rest = rest.expect("resumed run");
        assert_eq!((rest.resumed_after, rest.stopped_at), (50, None));
        let mut stored = 0;
        for kind in ["dpg", "actor"] {
            let q = EntryQuery { kinds: vec![kind.into()], limit: 10_000, ..Default::default() };
            stored += t.app.store().list_entries(&q).await.expect("list").len() as u64;
        }
        assert_eq!(stored, first.created + rest.created, "every record once, none twice");
        assert_eq!(first.records() + rest.records(), rest.resumed_after + rest.records());
    }
}

/// A batch ends after its number of records or after `BATCH_BYTES_AT_MOST` of input, whichever comes first:
/// twelve activities of about 1 MB each in batches of 1,000 are checkpointed after the first ten (a stop
/// requested before the run ends it there), and a resumed run counts from where it starts.
#[tokio::test]
async fn large_records_make_smaller_batches() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.xml");
    let padding = "x".repeat(1 << 20);
    let mut xml = String::from("<iati-activities version=\"2.03\">\n");
    for i in 1..=12 {
        xml.push_str(&format!(
            "<iati-activity><iati-identifier>XM-large-{i}</iati-identifier><title><narrative>Large {i}</narrative>\
             </title><contact-info><organisation><narrative>{padding}</narrative></organisation></contact-info>\
             </iati-activity>\n"
        ));
    }
    xml.push_str("</iati-activities>\n");
    std::fs::write(&path, xml).expect("write");
    let t = common::sqlite().await;
    let catalog = t.app.catalog();
    let file = IatiFile::new(&path, &catalog.countries, Default::default()).expect("file");
    let options = Options { batch_size: 1_000, ..Default::default() };
    import::stop_after_batch();
    let first = import::run(&t.app, &file, &options, None).await;
    import::clear_stop();
    let first = first.expect("stopped run");
    let ten = import::BATCH_BYTES_AT_MOST.div_ceil(1 << 20);
    assert_eq!(first.stopped_at, Some(ten), "{first}");
    assert_eq!(first.created, ten, "{first}");
    // Resumed, the bytes are counted from where it starts: the last two activities are one batch (a stop asked
    // again finds no checkpoint before the end).
    import::stop_after_batch();
    let rest = import::run(&t.app, &file, &options, None).await;
    import::clear_stop();
    let rest = rest.expect("resumed run");
    assert_eq!((rest.resumed_after, rest.created, rest.stopped_at), (ten, 12 - ten, None), "{rest}");
}
