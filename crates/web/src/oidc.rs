//! OpenID Connect sign-in pages (`app::oidc` has the flow): `GET /{lang}/sign-in/oidc` starts a sign-in at the
//! provider (a link on the sign-in page, so the redirect to another site is not a form submission, which the CSP's
//! `form-action 'self'` would block); `GET /oidc/callback` is where the provider sends the browser back (one
//! address for every language, to register at the provider). Every failure is a page saying what happened, with
//! a link back to the sign-in page — never a server error, except when the store itself fails.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use cogov_app::oidc::{Callback, OidcError, CALLBACK_PATH, LOGIN_MINUTES};
use cogov_app::App;
use cogov_core::Lang;
use serde::Deserialize;

use crate::auth;
use crate::i18n;
use crate::pages::{page_lang, preferred_lang, render, PageError, PageMeta, PageResult};

/// The cookie that binds a started sign-in to the browser that started it.
pub const OIDC_COOKIE: &str = "cogov_oidc";

/// Both routes make the server write a row or call the provider: limited per client address like sign-in.
pub fn page_routes(app: &App, limiters: &auth::RateLimiters) -> Router<App> {
    Router::new()
        .route("/{lang}/sign-in/oidc", get(start))
        .route(CALLBACK_PATH, get(callback))
        .route_layer(auth::auth_limit_reads(app, limiters))
}

/// The "Sign in with …" link of the sign-in page: its address and text, if the instance has a provider.
pub(crate) fn sign_in_link(app: &App, lang: Lang, next: &str) -> Option<(String, String)> {
    let oidc = app.oidc()?;
    let mut href = format!("/{}/sign-in/oidc", lang.code());
    if !next.is_empty() {
        href.push_str("?next=");
        href.extend(form_urlencoded::byte_serialize(next.as_bytes()));
    }
    let text = i18n::message_args(
        lang,
        "oidc-sign-in-with",
        vec![("name", i18n::Arg::Text(oidc.config.display_name.clone()))],
    );
    Some((href, text))
}

#[derive(Template)]
#[template(path = "oidc_error.html")]
struct OidcErrorPage {
    page: PageMeta,
    heading: String,
    message: String,
}

fn status_of(e: &OidcError) -> StatusCode {
    match e {
        OidcError::NotConfigured => StatusCode::NOT_FOUND,
        OidcError::State => StatusCode::BAD_REQUEST,
        OidcError::Denied | OidcError::Banned => StatusCode::FORBIDDEN,
        OidcError::EmailTaken => StatusCode::CONFLICT,
        OidcError::NoEmail => StatusCode::UNPROCESSABLE_ENTITY,
        // The provider failed, not cogov and not the reader: 424 Failed Dependency, not a 5xx.
        OidcError::Provider(_) | OidcError::Unreachable(_) | OidcError::Token(_) => StatusCode::FAILED_DEPENDENCY,
        OidcError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The page of a failed sign-in, in `lang`, with the other languages linking to their sign-in pages.
fn error_page(lang: Lang, e: OidcError) -> Response {
    let sign_in: Uri = format!("/{}/sign-in", lang.code()).parse().unwrap_or_default();
    match &e {
        OidcError::Internal(_) => {}
        OidcError::Provider(detail) | OidcError::Unreachable(detail) | OidcError::Token(detail) => {
            tracing::warn!(reason = e.code(), detail = %detail, "OpenID Connect sign-in failed");
        }
        _ => tracing::info!(reason = e.code(), "OpenID Connect sign-in refused"),
    }
    if let OidcError::Internal(inner) = e {
        return PageError::new(lang, &sign_in, inner).into_response();
    }
    let heading = i18n::message(lang, "oidc-error-title");
    let page = OidcErrorPage {
        page: PageMeta::new(lang, heading.clone(), &sign_in),
        heading,
        message: i18n::message(lang, &format!("oidc-error-{}", e.code())),
    };
    let mut r = (status_of(&e), render(&page)).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    r
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
}

async fn start(State(app): State<App>, Path(lang): Path<String>, uri: Uri, Query(q): Query<NextQuery>) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let next = crate::account::safe_next(q.next.as_deref().unwrap_or_default(), lang);
    Ok(match app.oidc_begin(lang.code(), &next).await {
        Ok(started) => {
            let mut r = Redirect::to(&started.authorize_url).into_response();
            let cookie = auth::set_cookie(
                OIDC_COOKIE,
                &started.browser_cookie,
                Some(LOGIN_MINUTES * 60),
                auth::secure_cookies(&app),
            );
            r.headers_mut().append(header::SET_COOKIE, cookie);
            r.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => error_page(lang, e),
    })
}

/// What a provider sends back; other parameters (`session_state`, `scope`, …) are ignored.
#[derive(Deserialize, Default)]
struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
    iss: Option<String>,
}

async fn callback(State(app): State<App>, headers: HeaderMap, uri: Uri) -> Response {
    let q: CallbackQuery = uri.query().and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
    let fallback = preferred_lang(&headers);
    if app.oidc().is_none() {
        return error_page(fallback, OidcError::NotConfigured);
    }
    let clear = auth::set_cookie(OIDC_COOKIE, "", Some(0), auth::secure_cookies(&app));
    let cookie = auth::cookie(&headers, OIDC_COOKIE);
    let login = match app.oidc_take(cookie, q.state.as_deref()).await {
        Ok(login) => login,
        Err(e) => return error_page(fallback, e),
    };
    let lang = login.lang.parse::<Lang>().unwrap_or(fallback);
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let callback = Callback { state: q.state, code: q.code, error: q.error, iss: q.iss };
    let mut r = match app.oidc_finish(&login, &callback, user_agent).await {
        Ok(signed_in) => {
            let max_age = app.accounts().config.session_days * 24 * 3600;
            let mut r = Redirect::to(&crate::account::safe_next(&signed_in.next, lang)).into_response();
            r.headers_mut().append(
                header::SET_COOKIE,
                auth::set_cookie(
                    auth::SESSION_COOKIE,
                    &signed_in.session.cookie,
                    Some(max_age),
                    auth::secure_cookies(&app),
                ),
            );
            r
        }
        Err(e) => error_page(lang, e),
    };
    r.headers_mut().append(header::SET_COOKIE, clear);
    r
}
