//! Who is asking, and is the request genuine: resolves a session cookie or an `Authorization: Bearer` token
//! into an `Option<Principal>` request extension, checks CSRF on every state-changing request, and limits the
//! rate of writes per client address and per account.
//!
//! - **CSRF**: a request with a session cookie (or none) that changes state (POST, PUT, PATCH, DELETE) must (1)
//!   come from this site — an `Origin` (else `Referer`) naming another host is refused — and (2) carry the
//!   synchronizer token: the `csrf` form field or the `X-CSRF-Token` header, equal to the session's token (or,
//!   before sign-in, to the `cogov_csrf` cookie). Requests authenticated by a Bearer token carry no ambient
//!   credential and are not checked.
//! - Handlers take [`MaybeUser`] or [`RequireUser`]; templates read `page.user` and `page.csrf` (set from a
//!   task-local for the request, see [`current`]).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use cogov_app::{App, AppError, Principal};
use cogov_core::Lang;
use cogov_store::StoredSession;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

use crate::error::ApiError;

pub const SESSION_COOKIE: &str = "cogov_session";
pub const CSRF_COOKIE: &str = "cogov_csrf";
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// What the middleware found, as a request extension.
#[derive(Debug, Clone)]
pub struct Auth {
    pub principal: Option<Principal>,
    /// The session behind the cookie, if signed in by a browser.
    pub session: Option<StoredSession>,
    /// The CSRF token forms of this request must carry.
    pub csrf: String,
    pub secure_cookies: bool,
}

/// What templates need about the reader, for the request being handled.
#[derive(Debug, Clone, Default)]
pub struct Current {
    pub user: Option<NavUser>,
    pub csrf: String,
}

#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub moderator: bool,
    pub admin: bool,
}

tokio::task_local! {
    static CURRENT: Current;
}

/// The reader of the request being handled (empty outside a request, e.g. in tests rendering directly).
pub fn current() -> Current {
    CURRENT.try_with(Clone::clone).unwrap_or_default()
}

pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn is_secret(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Equal strings, compared in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A `Set-Cookie` value with the site's flags: HttpOnly, SameSite=Lax, Path=/, Secure when configured.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

pub(crate) fn secure_cookies(app: &App) -> bool {
    let c = &app.accounts().config;
    c.secure_cookies || c.public_url.starts_with("https://")
}

fn wants_json(path: &str) -> bool {
    path.starts_with("/api/")
}

fn refuse(path: &str, error: AppError) -> Response {
    if wants_json(path) {
        ApiError(error).into_response()
    } else {
        let lang = lang_of_path(path);
        let uri = path.parse().unwrap_or_default();
        crate::pages::PageError::new(lang, &uri, error).into_response()
    }
}

pub(crate) fn lang_of_path(path: &str) -> Lang {
    path.split('/').nth(1).and_then(|l| l.parse::<Lang>().ok().filter(|x| x.code() == l)).unwrap_or(Lang::En)
}

/// Whether `Origin` (else `Referer`) names this host. `None` when the request has neither (not a browser's
/// cross-site request: browsers send `Origin` on every cross-site POST).
fn same_origin(headers: &HeaderMap, public_url: &str) -> Option<bool> {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .map(|v| v.to_str().unwrap_or("invalid"))?;
    let authority = claimed.split_once("://").map(|(_, rest)| rest.split('/').next().unwrap_or_default());
    let public = public_url.split_once("://").map(|(_, rest)| rest.trim_end_matches('/'));
    Some(authority.is_some_and(|a| (!host.is_empty() && a == host) || Some(a) == public))
}

/// The middleware: resolves the principal, checks CSRF on state-changing requests, runs the handler with the
/// reader in scope, and hands out the pre-session CSRF cookie when needed.
pub async fn resolve(State(app): State<App>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let secure = secure_cookies(&app);
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());

    let mut new_csrf_cookie = None;
    let auth = if let Some(token) = bearer {
        match app.token_principal(&token).await {
            Ok(Some(p)) => Auth { principal: Some(p), session: None, csrf: String::new(), secure_cookies: secure },
            Ok(None) => {
                return refuse(
                    &path,
                    AppError::Unauthenticated("the API token is not valid (unknown or revoked)".into()),
                )
            }
            Err(e) => return refuse(&path, e),
        }
    } else {
        let session = match cookie(request.headers(), SESSION_COOKIE).filter(|c| is_secret(c)) {
            Some(c) => match app.session_principal(c).await {
                Ok(found) => found,
                Err(e) => return refuse(&path, e),
            },
            None => None,
        };
        let csrf = match &session {
            Some((_, s)) => s.csrf.clone(),
            None => match cookie(request.headers(), CSRF_COOKIE).filter(|c| is_secret(c)) {
                Some(c) => c.to_string(),
                None => {
                    let fresh = cogov_app::accounts::random_secret();
                    new_csrf_cookie = Some(fresh.clone());
                    fresh
                }
            },
        };
        let (principal, session) = session.map(|(p, s)| (Some(p), Some(s))).unwrap_or_default();
        Auth { principal, session, csrf, secure_cookies: secure }
    };

    let mut request = request;
    let current = Current {
        user: auth.principal.as_ref().map(|p| NavUser {
            name: p.name.clone(),
            moderator: p.is_moderator(),
            admin: p.is_admin(),
        }),
        csrf: auth.csrf.clone(),
    };
    request.extensions_mut().insert(auth.principal.clone());
    request.extensions_mut().insert(auth);
    let mut response = CURRENT.scope(current, next.run(request)).await;
    if let Some(fresh) = new_csrf_cookie {
        response.headers_mut().append(header::SET_COOKIE, set_cookie(CSRF_COOKIE, &fresh, None, secure));
    }
    response
}

/// The write checks, as a route layer: they run after routing, so an unknown path stays a 404 and a method the
/// path does not have a 405 (with `Allow`). A read-scoped token may not write; a write without a token (a browser
/// session, or nobody) needs a same-site `Origin`/`Referer` and the CSRF token.
pub async fn guard_writes(State(app): State<App>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let path = request.uri().path().to_string();
    let Some(auth) = request.extensions().get::<Auth>().cloned() else {
        return refuse(&path, AppError::forbidden("the request was not authenticated"));
    };
    if auth.principal.as_ref().is_some_and(|p| !p.can_write()) {
        return refuse(&path, AppError::forbidden("this token's scope is read: writing needs scope write or admin"));
    }
    let mut request = request;
    if auth.principal.as_ref().is_none_or(|p| p.scope().is_none()) {
        if same_origin(request.headers(), &app.accounts().config.public_url) == Some(false) {
            return refuse(&path, AppError::forbidden("cross-site request refused: the Origin is not this site"));
        }
        request = match csrf_token_matches(request, &auth.csrf).await {
            Ok(Some(r)) => r,
            Ok(None) => {
                return refuse(
                    &path,
                    AppError::forbidden(
                        "the form's security token is missing or out of date: reload the page and retry",
                    ),
                )
            }
            Err(too_large) => return too_large,
        };
    }

    next.run(request).await
}

/// The request (rebuilt with its body) if it carries the CSRF token: the header, or the `csrf` field of a
/// urlencoded form read from the buffered body; `None` if not; a 413 response if the body is too large.
async fn csrf_token_matches(request: Request, expected: &str) -> Result<Option<Request>, Response> {
    if let Some(h) = request.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        return Ok(same(h, expected).then_some(request));
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok(None);
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::MAX_BODY).await else {
        return Err((StatusCode::PAYLOAD_TOO_LARGE, "the request body is larger than 1 MiB").into_response());
    };
    let ok = form_urlencoded::parse(&bytes).any(|(k, v)| k == CSRF_FIELD && same(&v, expected));
    Ok(ok.then(|| Request::from_parts(parts, Body::from(bytes))))
}

/// The signed-in principal, if any.
pub struct MaybeUser(pub Option<Principal>);

/// A signed-in principal; otherwise pages redirect to the sign-in page (`?next=` the page) and the API answers
/// 401 `unauthenticated`.
pub struct RequireUser(pub Principal);

impl<S: Send + Sync> FromRequestParts<S> for MaybeUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(parts.extensions.get::<Option<Principal>>().cloned().flatten()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequireUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(p) = parts.extensions.get::<Option<Principal>>().cloned().flatten() {
            return Ok(RequireUser(p));
        }
        let path = parts.uri.path();
        if wants_json(path) {
            return Err(ApiError(AppError::Unauthenticated("sign in, or send Authorization: Bearer <token>".into()))
                .into_response());
        }
        let next = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
        Err(Redirect::to(&format!("/{}/sign-in?next={next}", lang_of_path(path).code())).into_response())
    }
}

/// The session and CSRF token of the request (for sign-out and the account page).
impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Auth>().cloned().unwrap_or(Auth {
            principal: None,
            session: None,
            csrf: String::new(),
            secure_cookies: false,
        }))
    }
}

/// The client's address: the peer, or with `trust_proxy` the first address of `X-Forwarded-For`.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp {
    pub trust_proxy: bool,
}

impl ClientIp {
    pub fn of<T>(&self, request: &axum::http::Request<T>) -> IpAddr {
        let forwarded = || {
            request
                .headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .and_then(|v| v.trim().parse::<IpAddr>().ok())
        };
        let peer = || request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        (if self.trust_proxy { forwarded().or_else(peer) } else { peer() }).unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
    }
}

impl KeyExtractor for ClientIp {
    type Key = IpAddr;

    fn extract<T>(&self, request: &axum::http::Request<T>) -> Result<IpAddr, GovernorError> {
        Ok(self.of(request))
    }
}

/// Keys writes by account (the client address for anonymous requests).
#[derive(Debug, Clone, Copy)]
pub struct AccountKey {
    pub ip: ClientIp,
}

impl KeyExtractor for AccountKey {
    type Key = String;

    fn extract<T>(&self, request: &axum::http::Request<T>) -> Result<String, GovernorError> {
        Ok(match request.extensions().get::<Option<Principal>>().cloned().flatten() {
            Some(p) => format!("user:{}", p.user_id),
            None => format!("ip:{}", self.ip.of(request)),
        })
    }
}

const WRITES: [Method; 4] = [Method::POST, Method::PUT, Method::PATCH, Method::DELETE];

fn too_many(e: GovernorError) -> Response<Body> {
    let retry_after = match e {
        GovernorError::TooManyRequests { wait_time, .. } => wait_time.max(1),
        _ => 1,
    };
    let mut r = ApiError(AppError::RateLimited { retry_after }).into_response();
    if !matches!(e, GovernorError::TooManyRequests { .. }) {
        *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    }
    r
}

/// Every rate limiter of a router, so their per-address and per-account state can be pruned: each keeps one
/// entry per key it has seen, and without pruning an instance would keep every address that ever wrote.
/// [`crate::serve`] prunes every minute (governor's `retain_recent`: a key whose state is back to fresh — no
/// request for one full burst period — is dropped, which cannot change any answer).
#[derive(Clone, Default)]
pub struct RateLimiters(Arc<std::sync::Mutex<Vec<PruneFn>>>);

/// Prunes one limiter (when asked to) and returns how many keys it keeps.
type PruneFn = Arc<dyn Fn(bool) -> usize + Send + Sync>;

impl RateLimiters {
    fn track(&self, f: PruneFn) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(f);
    }

    fn each(&self, prune: bool) -> usize {
        let list = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        list.iter().map(|f| f(prune)).sum()
    }

    /// How many keys (client addresses, accounts) the limiters hold, all together.
    pub fn keys(&self) -> usize {
        self.each(false)
    }

    /// Drops the keys whose state is back to fresh; returns how many keys remain.
    pub fn prune(&self) -> usize {
        self.each(true)
    }
}

fn limit<K>(
    key: K,
    per_minute: u32,
    burst: u32,
    limiters: &RateLimiters,
) -> GovernorLayer<K, governor::middleware::NoOpMiddleware, Body>
where
    K: KeyExtractor + Send + Sync + 'static,
    K::Key: Send + Sync + 'static,
{
    limit_methods(key, per_minute, burst, &WRITES, limiters)
}

fn limit_methods<K>(
    key: K,
    per_minute: u32,
    burst: u32,
    methods: &[Method],
    limiters: &RateLimiters,
) -> GovernorLayer<K, governor::middleware::NoOpMiddleware, Body>
where
    K: KeyExtractor + Send + Sync + 'static,
    K::Key: Send + Sync + 'static,
{
    let period = std::time::Duration::from_millis((60_000 / u64::from(per_minute.max(1))).max(1));
    let config = GovernorConfigBuilder::default()
        .period(period)
        .burst_size(burst.max(1))
        .methods(methods.to_vec())
        .key_extractor(key)
        .finish();
    // period > 0 and burst > 0, so the configuration always builds.
    let config = config.map(Arc::new).expect("rate limit configuration");
    let limiter = config.limiter().clone();
    limiters.track(Arc::new(move |prune: bool| {
        if prune {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        limiter.len()
    }));
    GovernorLayer::new(config).error_handler(too_many)
}

/// Sign-in, registration and password reset: writes per client address.
pub fn auth_limit(
    app: &App,
    limiters: &RateLimiters,
) -> GovernorLayer<ClientIp, governor::middleware::NoOpMiddleware, Body> {
    let c = &app.accounts().config;
    limit(ClientIp { trust_proxy: c.trust_proxy }, c.auth_per_minute, c.auth_burst, limiters)
}

/// Pages that write or call out although they are GETs (OpenID Connect start and callback): per client address,
/// with the sign-in limits.
pub fn auth_limit_reads(
    app: &App,
    limiters: &RateLimiters,
) -> GovernorLayer<ClientIp, governor::middleware::NoOpMiddleware, Body> {
    let c = &app.accounts().config;
    limit_methods(ClientIp { trust_proxy: c.trust_proxy }, c.auth_per_minute, c.auth_burst, &[Method::GET], limiters)
}

/// Every write, per client address.
pub fn write_limit_ip(
    app: &App,
    limiters: &RateLimiters,
) -> GovernorLayer<ClientIp, governor::middleware::NoOpMiddleware, Body> {
    let c = &app.accounts().config;
    limit(ClientIp { trust_proxy: c.trust_proxy }, c.write_per_minute, c.write_burst, limiters)
}

/// Every write, per account (inside [`resolve`], which identifies the account).
pub fn write_limit_account(
    app: &App,
    limiters: &RateLimiters,
) -> GovernorLayer<AccountKey, governor::middleware::NoOpMiddleware, Body> {
    let c = &app.accounts().config;
    limit(AccountKey { ip: ClientIp { trust_proxy: c.trust_proxy } }, c.write_per_minute, c.write_burst, limiters)
}
