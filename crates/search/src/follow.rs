//! Keeping the index a faithful projection of the store.
//!
//! [`catch_up`] applies the change log from the index's checkpoint: each changed entry is re-read from the store
//! and its document replaced, and the batch is committed together with the sequence number it reaches. Replaying
//! a change is harmless (delete-then-add by id), so a crash between two commits only means some changes are
//! applied twice. [`rebuild`] starts from nothing: it notes the store's last sequence number, indexes every
//! entry, and commits at that number; changes made meanwhile are after it and are applied by the next catch-up.

use std::sync::Arc;

use cogov_core::entry::Entry;
use cogov_store::{EntryQuery, Store};
use serde::Serialize;

use crate::index::Checkpoint;
use crate::{SearchError, SearchIndex, Taxonomy, SCHEMA_VERSION};

/// Changes read from the log per commit.
const BATCH: i64 = 2000;
/// Entries read from the store per step of a rebuild.
const PAGE: i64 = 1000;

/// What a [`catch_up`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CatchUp {
    /// Change-log rows read.
    pub changes: usize,
    /// Entries re-indexed (or removed).
    pub entries: usize,
    /// Entries indexed by a rebuild, when one was needed (new index, other reference data, store reset).
    pub rebuilt: Option<usize>,
    pub seq: i64,
}

/// How far the index is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Lag {
    pub indexed_seq: i64,
    pub store_seq: i64,
    /// Change-log rows not yet applied.
    pub lag: i64,
    pub documents: u64,
}

pub async fn lag(index: &SearchIndex, store: &dyn Store) -> Result<Lag, SearchError> {
    let store_seq = store.last_seq().await?;
    let indexed_seq = index.checkpoint().seq;
    Ok(Lag { indexed_seq, store_seq, lag: (store_seq - indexed_seq).max(0), documents: index.num_docs() })
}

/// Applies every change after the index's checkpoint; rebuilds instead when the index was built with other
/// reference data, is new, or is ahead of the store (the database was replaced).
pub async fn catch_up(
    index: &Arc<SearchIndex>,
    store: &dyn Store,
    taxonomy: &Arc<Taxonomy>,
) -> Result<CatchUp, SearchError> {
    let _turn = index.write_turn.lock().await;
    let checkpoint = index.checkpoint();
    let head = store.last_seq().await?;
    let mut report = CatchUp { seq: checkpoint.seq, ..CatchUp::default() };
    if checkpoint.taxonomy != taxonomy.version || checkpoint.schema != SCHEMA_VERSION || checkpoint.seq > head {
        report.rebuilt = Some(rebuild_locked(index, store, taxonomy).await?);
        report.seq = index.checkpoint().seq;
    }
    loop {
        let changes = store.changes_since(report.seq, BATCH).await?;
        let Some(last) = changes.last() else { break };
        let last_seq = last.seq;
        let mut ids: Vec<String> = Vec::new();
        for c in changes.iter().filter(|c| c.entity == "entry") {
            if !ids.contains(&c.entity_id) {
                ids.push(c.entity_id.clone());
            }
        }
        let mut changed: Vec<(String, Option<Entry>)> = Vec::with_capacity(ids.len());
        for id in ids {
            let entry = store.entry(&id).await?;
            changed.push((id, entry));
        }
        report.changes += changes.len();
        report.entries += changed.len();
        let (i, t) = (index.clone(), taxonomy.clone());
        blocking(move || i.apply(&changed, &t, last_seq)).await?;
        report.seq = last_seq;
        if (changes.len() as i64) < BATCH {
            break;
        }
    }
    Ok(report)
}

/// Rebuilds the index from the store. Searches see the old index until the new one is committed whole.
pub async fn rebuild(
    index: &Arc<SearchIndex>,
    store: &dyn Store,
    taxonomy: &Arc<Taxonomy>,
) -> Result<usize, SearchError> {
    let _turn = index.write_turn.lock().await;
    rebuild_locked(index, store, taxonomy).await
}

async fn rebuild_locked(
    index: &Arc<SearchIndex>,
    store: &dyn Store,
    taxonomy: &Arc<Taxonomy>,
) -> Result<usize, SearchError> {
    let seq = store.last_seq().await?;
    index.clear()?;
    let result = async {
        let mut after: Option<String> = None;
        let mut count = 0;
        // The next page is read from the store while the last one is being indexed.
        let mut indexing: Option<tokio::task::JoinHandle<Result<(), SearchError>>> = None;
        loop {
            let page = store
                .list_entries(&EntryQuery { after_slug: after.clone(), limit: PAGE, ..Default::default() })
                .await?;
            let full = page.len() as i64 == PAGE;
            after = page.last().map(|e| e.slug.clone());
            count += page.len();
            if let Some(previous) = indexing.take() {
                previous.await.map_err(|e| SearchError::Task(e.to_string()))??;
            }
            let (i, t) = (index.clone(), taxonomy.clone());
            indexing = Some(tokio::task::spawn_blocking(move || i.add(&page, &t)));
            if !full {
                break;
            }
        }
        if let Some(last) = indexing.take() {
            last.await.map_err(|e| SearchError::Task(e.to_string()))??;
        }
        let checkpoint = Checkpoint { seq, taxonomy: taxonomy.version, schema: SCHEMA_VERSION };
        let i = index.clone();
        blocking(move || i.commit(checkpoint)).await?;
        Ok(count)
    }
    .await;
    if result.is_err() {
        let i = index.clone();
        if let Err(e) = blocking(move || i.rollback()).await {
            tracing::error!(error = %e, "search index rollback failed");
        }
    }
    result
}

/// Index writes wait on tantivy's indexing threads: keep them off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, SearchError> + Send + 'static,
) -> Result<T, SearchError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| SearchError::Task(e.to_string()))?
}
