//! `cogov reindex` and the search index of `cogov serve`: the index lives in `DATA_DIR/search`, one per node
//! (also on PostgreSQL: each node follows the shared change log into its own index).

use std::path::Path;

use anyhow::Context;
use cogov_app::App;

/// The application with its search index opened (created if missing) in `DATA_DIR/search`.
pub fn attach(app: App, data_dir: &Path) -> anyhow::Result<App> {
    let dir = data_dir.join("search");
    let index = cogov_app::search::open_index(&dir)
        .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
    Ok(app.with_search(index))
}

/// [`attach`], with the caches sized by `[search]` (`cache_mb = 0`: no page cache and no count cache).
pub fn attach_configured(app: App, config: &crate::config::Config) -> anyhow::Result<App> {
    let app = attach(app, &config.store.data_dir)?;
    if let Some(index) = app.search_index() {
        let bytes = config.search.cache_mb.saturating_mul(1024 * 1024);
        index.set_result_cache(bytes);
        if bytes == 0 {
            index.set_count_cache(0);
        }
    }
    Ok(app)
}

/// Rebuilds the index from the store, then reports where it stands.
pub async fn reindex(app: App, data_dir: &Path) -> anyhow::Result<()> {
    let app = attach(app, data_dir)?;
    let started = std::time::Instant::now();
    let count = cogov_app::search::reindex(&app).await.context("reindex failed")?;
    let lag = cogov_app::search::lag(&app).await?;
    println!(
        "search index rebuilt: {count} entries ({} searchable documents) in {:.1} s, at change {} (lag {})",
        lag.documents,
        started.elapsed().as_secs_f64(),
        lag.indexed_seq,
        lag.lag
    );
    // The rebuild merges its segments after its commit: wait for that, so that the next server starts on the
    // merged index (and is not left with one small segment per batch).
    let index = app.search_index().cloned().context("the search index is not attached")?;
    drop(app);
    let merging = std::time::Instant::now();
    match std::sync::Arc::try_unwrap(index) {
        Ok(index) => {
            let merged = tokio::task::spawn_blocking(move || index.close().map_err(|e| e.to_string()));
            merged.await.context("merge task")?.map_err(|e| anyhow::anyhow!("merging the rebuilt index: {e}"))?;
            println!("segments merged in {:.1} s", merging.elapsed().as_secs_f64());
        }
        Err(_) => println!("note: segments are merged by the next `cogov serve`"),
    }
    Ok(())
}
