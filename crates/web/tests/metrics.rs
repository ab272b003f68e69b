//! `/metrics` reports the store's connection pool and the import counters (issue 9, observability).

mod support;

use axum::http::StatusCode;
use cogov_app::import::{self, Options};
use support::{fetch, seeded_app};

/// The value of a sample line `name{labels} value` (or `name value`), if present.
fn sample(text: &str, name_and_labels: &str) -> Option<f64> {
    text.lines().find_map(|l| l.strip_prefix(name_and_labels)?.strip_prefix(' ')?.trim().parse().ok())
}

#[tokio::test]
async fn metrics_show_the_store_pool_and_what_imports_did() {
    cogov_web::ops::metrics_handle();
    let t = seeded_app().await;
    let registry = cogov_interop::demo::registry(&t.app.catalog().countries);
    let first =
        import::run(&t.app, &registry, &Options { batch_size: 20, ..Default::default() }, None).await.expect("import");
    let again = import::run(&t.app, &registry, &Options::default(), None).await.expect("re-import");
    assert!(first.created > 0 && again.unchanged == first.created + first.updated + first.unchanged);

    let r = fetch(&t.app, "/metrics", &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    let text = r.text();
    let source = format!("source=\"{}\"", cogov_app::import::ImportInput::source(&registry));
    let created = sample(&text, &format!("cogov_import_records_total{{{source},outcome=\"created\"}}"));
    assert_eq!(created, Some(first.created as f64), "{text}");
    let unchanged = sample(&text, &format!("cogov_import_records_total{{{source},outcome=\"unchanged\"}}"));
    assert_eq!(unchanged, Some((first.unchanged + again.unchanged) as f64), "{text}");
    // The fixture store opens 4 connections at most; the scrape itself held one while measuring.
    assert_eq!(sample(&text, "cogov_store_pool_max_connections"), Some(4.0), "{text}");
    let size = sample(&text, "cogov_store_pool_connections").expect("pool size");
    assert!((1.0..=4.0).contains(&size), "{text}");
    assert!(sample(&text, "cogov_store_pool_idle_connections").is_some_and(|i| i <= size), "{text}");
    assert!(sample(&text, "cogov_store_pool_acquire_seconds_count").is_some_and(|n| n >= 1.0), "{text}");
    assert!(!text.contains("cogov_store_pool_acquire_failures_total"), "{text}");
}
