//! Graceful shutdown of an import: `import::stop_after_batch` (called on SIGTERM / Ctrl-C) lets the batch being
//! written finish and be checkpointed, then the run returns; running it again resumes after the checkpoint. In
//! its own test binary, because the stop request is process-wide.

mod common;

use cogov_app::import::{self, ImportInput, Options};
use cogov_interop::dpg::DpgRegistry;
use cogov_store::EntryQuery;

#[tokio::test]
async fn a_stopped_import_ends_at_a_checkpoint_and_resumes_after_it() {
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
