//! Operations endpoints: Prometheus metrics at `/metrics`, liveness at `/healthz`, readiness at `/readyz`,
//! and the middleware that counts requests and their latency per route.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use cogov_app::App;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use serde::Serialize;

/// Latency buckets in seconds, from 1 ms to 10 s.
const LATENCY_BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// The process-wide Prometheus recorder (installed once; later calls reuse it).
pub fn metrics_handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".to_string()), LATENCY_BUCKETS)
                .ok()?
                .install_recorder()
                .map_err(|e| tracing::warn!(error = %e, "metrics recorder not installed"))
                .ok()
        })
        .as_ref()
}

/// Counts every request and records its latency, labelled by route template (not the raw path, so ids do
/// not explode the label set), method and status.
pub async fn track(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = request.method().to_string();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("cogov_http_requests_total", &labels).increment(1);
    metrics::histogram!("cogov_http_request_duration_seconds", &labels[..2]).record(start.elapsed().as_secs_f64());
    response
}

/// `/healthz`: the process is alive (answers without touching the store).
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "alive", content_type = "text/plain", body = String)))]
pub async fn healthz() -> &'static str {
    "ok"
}

/// `/metrics`: Prometheus text format, with the store and projection gauges refreshed at scrape time.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text exposition format", content_type = "text/plain", body = String),
        (status = 503, description = "the metrics recorder could not be installed", content_type = "text/plain", body = String)))]
pub async fn metrics(State(app): State<App>) -> Response {
    let Some(handle) = metrics_handle() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "metrics recorder unavailable").into_response();
    };
    let pool = app.store().pool_status().await;
    metrics::gauge!("cogov_store_pool_connections").set(f64::from(pool.size));
    metrics::gauge!("cogov_store_pool_idle_connections").set(f64::from(pool.idle));
    metrics::gauge!("cogov_store_pool_max_connections").set(f64::from(pool.max));
    metrics::histogram!("cogov_store_pool_acquire_seconds").record(pool.acquire_seconds);
    if !pool.acquired {
        metrics::counter!("cogov_store_pool_acquire_failures_total").increment(1);
    }
    if let Some(index) = app.search_index() {
        let (hits, misses) = index.result_cache_stats();
        metrics::gauge!("cogov_search_documents").set(index.num_docs() as f64);
        metrics::gauge!("cogov_search_result_cache_hits").set(hits as f64);
        metrics::gauge!("cogov_search_result_cache_misses").set(misses as f64);
        metrics::gauge!("cogov_search_facet_table_bytes").set(index.facet_table_bytes() as f64);
    }
    if let Ok(status) = readiness(&app).await {
        metrics::gauge!("cogov_changelog_last_seq").set(status.last_seq as f64);
        for p in &status.projections {
            metrics::gauge!("cogov_projection_lag", "projection" => p.name.clone()).set(p.lag as f64);
        }
    }
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle.render()).into_response()
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Readiness {
    pub ready: bool,
    /// `ok`, or `unreachable` (then nothing else is reported).
    #[schema(value_type = String)]
    pub store: &'static str,
    pub backend: cogov_store::Backend,
    pub last_seq: i64,
    pub projections: Vec<ProjectionStatus>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProjectionStatus {
    pub name: String,
    /// Change-log rows the projection has not applied yet.
    pub lag: i64,
}

async fn readiness(app: &App) -> Result<Readiness, cogov_store::StoreError> {
    let last_seq = app.store().last_seq().await?;
    let reference = app.store().last_seq_of("framework").await?.max(app.store().last_seq_of("geography").await?);
    let catalog_lag = i64::from(reference != app.catalog().reference_seq);
    let mut projections = vec![ProjectionStatus { name: "catalog".to_string(), lag: catalog_lag }];
    if app.search_index().is_some() {
        match cogov_app::search::lag(app).await {
            Ok(l) => projections.push(ProjectionStatus { name: "search".to_string(), lag: l.lag }),
            Err(e) => {
                tracing::warn!(error = %e, "readiness: search lag unknown");
                projections.push(ProjectionStatus { name: "search".to_string(), lag: i64::MAX });
            }
        }
    }
    Ok(Readiness {
        ready: projections.iter().all(|p| p.lag == 0),
        store: "ok",
        backend: app.store().backend(),
        last_seq,
        projections,
    })
}

/// `/readyz`: 200 when the store answers and every projection has caught up, 503 otherwise.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, description = "the store answers and every projection has caught up", body = Readiness),
        (status = 503, description = "a projection lags, or the store is unreachable (then only `ready` and `store`)", body = NotReady)))]
pub async fn readyz(State(app): State<App>) -> Response {
    match readiness(&app).await {
        Ok(r) if r.ready => Json(r).into_response(),
        Ok(r) => (StatusCode::SERVICE_UNAVAILABLE, Json(r)).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: store unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(NotReady { ready: false, store: "unreachable".to_string(), ..Default::default() }),
            )
                .into_response()
        }
    }
}

/// `/readyz` when not ready: the full [`Readiness`] when the store answers, else only `ready` and `store`.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct NotReady {
    pub ready: bool,
    pub store: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backend: Option<cogov_store::Backend>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seq: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub projections: Vec<ProjectionStatus>,
}
