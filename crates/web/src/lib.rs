//! cogov's web layer, kept thin: extract and validate input, call a use case, render HTML or JSON.
//!
//! - [`pages`]: server-rendered HTML under a language prefix (`/en/…`, `/fr/…`), working without JavaScript;
//! - [`api`]: the JSON API under `/api/v1/`, errors as `{error: code, message, field?, errors?}`;
//! - `/healthz`: liveness.

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::{header, HeaderValue};
use axum::Router;
use cogov_app::App;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub mod account;
pub mod api;
pub mod auth;
pub mod error;
pub mod i18n;
pub mod map;
mod map_forms;
mod map_svg;
pub mod oidc;
pub mod openapi;
pub mod ops;
pub mod pages;
mod query;
pub mod review;
mod review_pages;
pub mod search;

/// Bodies larger than this are refused (413) before a handler reads them.
pub const MAX_BODY: usize = 1024 * 1024;

/// The whole HTTP surface of cogov.
pub fn router(app: App) -> Router {
    router_with_limiters(app).0
}

/// The router and its rate limiters (for [`serve`] to prune their per-address and per-account state).
pub fn router_with_limiters(app: App) -> (Router, auth::RateLimiters) {
    ops::metrics_handle();
    let limiters = auth::RateLimiters::default();
    let router = Router::new()
        .merge(pages::routes())
        .merge(map::page_routes())
        .merge(map_forms::page_routes())
        .merge(openapi::page_routes())
        .merge(search::page_routes())
        .merge(account::page_routes(&app, &limiters))
        .merge(oidc::page_routes(&app, &limiters))
        .merge(review_pages::page_routes())
        .nest("/api/v1", api::routes())
        .route("/healthz", axum::routing::get(ops::healthz))
        .route("/readyz", axum::routing::get(ops::readyz))
        .route("/metrics", axum::routing::get(ops::metrics))
        .fallback(pages::not_found)
        .route_layer(axum::middleware::from_fn_with_state(app.clone(), auth::guard_writes))
        .route_layer(axum::middleware::from_fn(ops::track))
        // After the route layers, so that a method a path does not have is a 405 before any write check.
        .method_not_allowed_fallback(pages::method_not_allowed)
        .layer(auth::write_limit_account(&app, &limiters))
        .layer(axum::middleware::from_fn_with_state(app.clone(), auth::resolve))
        .layer(auth::write_limit_ip(&app, &limiters))
        .with_state(app)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, content_security_policy()))
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TraceLayer::new_for_http());
    (router, limiters)
}

/// No inline scripts at all; the one inline stylesheet is allowed by its hash.
fn content_security_policy() -> HeaderValue {
    let policy = format!(
        "default-src 'self'; style-src 'self' {}; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        *pages::CSS_HASH
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"))
}

/// Serves until Ctrl-C or SIGTERM, then drains in-flight requests and closes the store (SQLite checkpoints its
/// WAL into the database file and removes it: a stopped server's `cogov.db` alone holds everything). A
/// background task keeps the catalog in step with the store (framework imports by the CLI or by other nodes on
/// the same database).
pub async fn serve(app: App, listen: SocketAddr) -> std::io::Result<()> {
    let closing = app.clone();
    let listener = tokio::net::TcpListener::bind(listen).await?;
    tracing::info!(address = %listener.local_addr()?, "cogov is listening");
    let refresher = app.clone();
    let refresh = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(5)).await;
            if let Err(e) = refresher.refresh_catalog().await {
                tracing::warn!(error = %e, "catalog refresh failed");
            }
        }
    });
    let follower = search::spawn_follower(app.clone());
    let hours = app.review().remind_every_hours;
    let reminders = (hours > 0)
        .then(|| spawn_reminders(app.clone(), Duration::from_secs(u64::try_from(hours).unwrap_or(24) * 3600)));
    let (router, limiters) = router_with_limiters(app);
    let prune = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
            let kept = limiters.prune();
            tracing::debug!(keys = kept, "rate limiters pruned");
        }
    });
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    let result = axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await;
    // The background tasks stopped (and their queries given up) before the store closes.
    for task in [Some(refresh), Some(prune), reminders, follower].into_iter().flatten() {
        task.abort();
        let _ = task.await;
    }
    closing.store().close().await;
    result
}

/// Reminds the owners of stale entries (`cogov_app::review::remind_stale`, what `cogov remind-stale` does) a
/// minute after start (or after `every`, if shorter) and then every `every`. Each reminder is claimed in the
/// store before it is sent, so several nodes on one database (or a cron job beside them) never send one twice.
pub fn spawn_reminders(app: App, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let first = tokio::time::Instant::now() + every.min(Duration::from_secs(60));
        let mut tick = tokio::time::interval_at(first, every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tick.tick().await;
            match cogov_app::review::remind_stale(&app, false).await {
                Ok(sent) if !sent.is_empty() => tracing::info!(entries = sent.len(), "stale entries: owners reminded"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "stale-entry reminders failed; retried at the next run"),
            }
        }
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: draining in-flight requests; a running import stops after its batch");
    cogov_app::import::stop_after_batch();
}
