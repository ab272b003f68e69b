//! Search use cases over the index in `cogov-search`: the public search (published entries only), suggestions,
//! and keeping the index in step with the store (catch-up, rebuild, lag). The facet hierarchies come from the
//! catalog.

use std::path::Path;
use std::sync::Arc;

use cogov_search::follow::{self, CatchUp, Lag};
use cogov_search::{Answer, Facet, SearchError, SearchIndex, SearchRequest, SearchResults, Suggestion, Taxonomy};

use crate::{App, AppError, Catalog};

pub use cogov_search::{COUNT_CACHE_ENTRIES, RESULT_CACHE_BYTES};

/// Opens (or creates) the index kept in `dir`, typically `DATA_DIR/search`.
pub fn open_index(dir: &Path) -> Result<Arc<SearchIndex>, AppError> {
    Ok(Arc::new(SearchIndex::open(dir).map_err(from_search)?))
}

/// The hierarchies facets expand along, from the catalog; versioned by the catalog's reference data.
pub fn taxonomy(catalog: &Catalog) -> Taxonomy {
    Taxonomy::new(catalog.reference_seq, &catalog.nodes, &catalog.countries, &catalog.regions)
}

/// Searches published entries. Other status filters match nothing, and no count reveals unpublished entries.
pub fn search(app: &App, mut request: SearchRequest) -> Result<SearchResults, AppError> {
    publish_only(&mut request);
    index(app)?.search(&request).map_err(from_search)
}

pub fn suggest(app: &App, mut request: SearchRequest) -> Result<Vec<Suggestion>, AppError> {
    publish_only(&mut request);
    index(app)?.suggest(&request).map_err(from_search)
}

/// [`search`] for async callers. A page already computed on the current index generation is answered at once
/// (a lookup); otherwise the search is CPU work, so it runs on the blocking pool (never on the async workers
/// that move every other request), at most one per core at a time; the others wait their turn.
pub async fn search_async(app: &App, mut request: SearchRequest) -> Result<Arc<Answer>, AppError> {
    publish_only(&mut request);
    if let Some(answer) = index(app)?.cached(&request) {
        return Ok(answer);
    }
    off_runtime(app, move |app| index(&app)?.answer(&request).map_err(from_search)).await
}

/// [`suggest`] for async callers, like [`search_async`].
pub async fn suggest_async(app: &App, request: SearchRequest) -> Result<Vec<Suggestion>, AppError> {
    off_runtime(app, move |app| suggest(&app, request)).await
}

/// Prepares the index's per-segment structures for the segments committed since the last call (see
/// [`SearchIndex::warm`]), off the async workers.
pub async fn warm(app: &App) -> Result<(), AppError> {
    let index = index(app)?.clone();
    tokio::task::spawn_blocking(move || index.warm().map_err(from_search))
        .await
        .map_err(|e| AppError::Internal(format!("search task: {e}")))?
}

async fn off_runtime<T: Send + 'static>(
    app: &App,
    work: impl FnOnce(App) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    static TURNS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2))
    });
    let _turn = TURNS.acquire().await.map_err(|e| AppError::Internal(e.to_string()))?;
    let app = app.clone();
    tokio::task::spawn_blocking(move || work(app)).await.map_err(|e| AppError::Internal(format!("search task: {e}")))?
}

/// Applies the change log since the index's checkpoint (rebuilding first when it must).
pub async fn catch_up(app: &App) -> Result<CatchUp, AppError> {
    let index = index(app)?;
    let taxonomy = Arc::new(taxonomy(&app.catalog()));
    follow::catch_up(index, app.store(), &taxonomy).await.map_err(from_search)
}

/// Rebuilds the index from scratch, then applies what changed meanwhile. Returns the entries indexed.
pub async fn reindex(app: &App) -> Result<usize, AppError> {
    let index = index(app)?;
    let taxonomy = Arc::new(taxonomy(&app.catalog()));
    let count = follow::rebuild(index, app.store(), &taxonomy).await.map_err(from_search)?;
    follow::catch_up(index, app.store(), &taxonomy).await.map_err(from_search)?;
    Ok(count)
}

pub async fn lag(app: &App) -> Result<Lag, AppError> {
    follow::lag(index(app)?, app.store()).await.map_err(from_search)
}

fn index(app: &App) -> Result<&Arc<SearchIndex>, AppError> {
    app.search_index().ok_or_else(|| AppError::Internal("this instance runs without a search index".to_string()))
}

fn publish_only(request: &mut SearchRequest) {
    let asked: Vec<String> =
        request.filters.iter().filter(|(f, _)| *f == Facet::Status).flat_map(|(_, v)| v.clone()).collect();
    request.filters.retain(|(f, _)| *f != Facet::Status);
    let allowed = if asked.is_empty() || asked.iter().any(|s| s == "published") {
        "published"
    } else {
        // Only non-public statuses were asked for: a value no entry has, so nothing matches.
        ""
    };
    request.scope.push((Facet::Status, vec![allowed.to_string()]));
}

pub fn from_search(e: SearchError) -> AppError {
    match e {
        SearchError::BadRequest { field, message } => AppError::invalid(field, message),
        SearchError::Store(e) => e.into(),
        other => AppError::Internal(other.to_string()),
    }
}
