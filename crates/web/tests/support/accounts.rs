//! Accounts for web tests: apps on both backends, users of any role with organization memberships, their
//! signed-in cookie and CSRF token, API tokens of any scope, and requests that carry them.
//!
//! ```ignore
//! for t in support::accounts::backends().await {           // SQLite, then PostgreSQL when reachable
//!     let org = support::accounts::org(&t.app, "acme").await;   // an actor entry id
//!     let editor = support::accounts::user(&t.app, Role::User, &[(&org, OrgRole::Editor)]).await;
//!     let r = support::accounts::post_form(&t.app, "/en/…", Some(&editor), &[("field", "value")]).await;
//!     let token = support::accounts::token(&t.app, &editor, Scope::Write).await;
//!     let r = support::accounts::send(&t.app, Method::POST, "/api/v1/…", Auth::Bearer(&token), Some(json)).await;
//! }
//! ```

use std::str::FromStr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Method, Request};
use cogov_app::accounts::{Accounts, AccountsConfig};
use cogov_app::entries::{self, Actor, EntryInput};
use cogov_app::mail::{Mail, Mailer};
use cogov_app::{App, OrgRole, Role, Scope};
use cogov_core::entry::{EntryKind, Status};
use cogov_core::Text;
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::Fetched;

/// The origin tests send (`Host` and `Origin` agree, as a browser on the site would).
pub const HOST: &str = "cogov.test";
pub const ORIGIN: &str = "http://cogov.test";

pub struct AnyApp {
    pub app: App,
    pub backend: &'static str,
    pub mail: Arc<Mutex<Vec<Mail>>>,
    _dir: tempfile::TempDir,
}

/// A signed-in browser: its cookie header and the CSRF token its forms carry.
#[derive(Debug, Clone)]
pub struct Session {
    pub user_id: String,
    pub email: String,
    pub cookie: String,
    pub csrf: String,
}

/// An app with fast, in-memory mail, on a given store.
pub async fn app_on(store: Box<dyn cogov_store::Store>, dir: tempfile::TempDir, backend: &'static str) -> AnyApp {
    let app = App::start(store).await.expect("start");
    let (mailer, mail) = Mailer::memory();
    let config = AccountsConfig { public_url: ORIGIN.to_string(), ..Default::default() };
    let app = app.with_accounts(Accounts { config, mailer });
    AnyApp { app, backend, mail, _dir: dir }
}

pub async fn sqlite_app() -> AnyApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = cogov_store::SqliteStore::open(&dir.path().join("t.db"), 4).await.expect("open");
    cogov_store::Store::migrate(&store).await.expect("migrate");
    app_on(Box::new(store), dir, "sqlite").await
}

/// A PostgreSQL app in a fresh schema, or `None` when PostgreSQL is unreachable outside CI (said on stderr).
pub async fn postgres_app() -> Option<AnyApp> {
    let url = std::env::var("COGOV_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
    let admin = match cogov_store::PostgresStore::connect(&url, 1).await {
        Ok(s) => s,
        Err(e) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("PostgreSQL at {url} is unreachable under CI=true: {e}");
            }
            eprintln!("SKIPPED: PostgreSQL half of this test (PostgreSQL at {url} unreachable: {e})");
            return None;
        }
    };
    let schema = format!("w_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(admin.pool()).await.expect("create schema");
    let options =
        sqlx::postgres::PgConnectOptions::from_str(&url).expect("url").options([("search_path", schema.as_str())]);
    let store = cogov_store::PostgresStore::connect_with(options, 4).await.expect("connect");
    cogov_store::Store::migrate(&store).await.expect("migrate");
    Some(app_on(Box::new(store), tempfile::tempdir().expect("tempdir"), "postgres").await)
}

/// SQLite, and PostgreSQL when reachable.
pub async fn backends() -> Vec<AnyApp> {
    let mut v = vec![sqlite_app().await];
    v.extend(postgres_app().await);
    v
}

/// A published organization (an actor entry); returns its entry id.
pub async fn org(app: &App, slug: &str) -> String {
    let input = EntryInput {
        kind: Some(EntryKind::Actor),
        slug: Some(slug.to_string()),
        status: Some(Status::Published),
        title: Some(Text::new("en", format!("Organization {slug}"))),
        ..Default::default()
    };
    entries::create(app, input, &Actor::manual("test"), "test organization").await.expect("organization").id
}

pub const PASSWORD: &str = "correct horse battery staple";

/// A new verified account with this role and these memberships, signed in.
pub async fn user(app: &App, role: Role, memberships: &[(&str, OrgRole)]) -> Session {
    let email = format!("{}@example.org", uuid::Uuid::new_v4().simple());
    let u = app.create_account(&email, "Test person", PASSWORD, role).await.expect("account");
    for (org, r) in memberships {
        app.store().set_membership(org, &u.id, r.code()).await.expect("membership");
    }
    sign_in_as(app, &u.id, &email).await
}

/// A session for an existing account (no password check).
pub async fn sign_in_as(app: &App, user_id: &str, email: &str) -> Session {
    let s = app.open_session(user_id, "test browser").await.expect("session");
    Session {
        user_id: user_id.to_string(),
        email: email.to_string(),
        cookie: format!("cogov_session={}", s.cookie),
        csrf: s.session.csrf,
    }
}

/// An anonymous browser that has been given the pre-session CSRF cookie.
pub fn anonymous() -> Session {
    let csrf = cogov_app::accounts::random_secret();
    Session { user_id: String::new(), email: String::new(), cookie: format!("cogov_csrf={csrf}"), csrf }
}

/// An API token of this scope for the session's account.
pub async fn token(app: &App, who: &Session, scope: Scope) -> String {
    let p = app.principal(&who.user_id, cogov_app::Via::Session).await.expect("principal").expect("not banned");
    app.create_api_token(&p, "test token", scope.code()).await.expect("token").0
}

/// How a request proves who sends it.
#[derive(Clone, Copy)]
pub enum Auth<'a> {
    None,
    /// A browser: session cookie, `Origin` of the site, and the CSRF token as a form field (forms) or header.
    Browser(&'a Session),
    Bearer(&'a str),
}

/// A request through the whole router. `body` is sent as JSON, or as a form when it is `Body::Form`.
pub enum Payload<'a> {
    Empty,
    Json(serde_json::Value),
    Form(&'a [(&'a str, &'a str)]),
}

pub async fn send(app: &App, method: Method, uri: &str, auth: Auth<'_>, payload: Payload<'_>) -> Fetched {
    send_via(cogov_web::router(app.clone()), method, uri, auth, payload).await
}

/// The same through a given router (rate limits keep their state between requests).
pub async fn send_via(
    router: axum::Router,
    method: Method,
    uri: &str,
    auth: Auth<'_>,
    payload: Payload<'_>,
) -> Fetched {
    let mut r = Request::builder().method(method).uri(uri).header(header::HOST, HOST);
    let mut csrf_field = None;
    match auth {
        Auth::None => {}
        Auth::Browser(s) => {
            r = r.header(header::COOKIE, &s.cookie).header(header::ORIGIN, ORIGIN);
            match payload {
                Payload::Form(_) => csrf_field = Some(s.csrf.clone()),
                _ => r = r.header("x-csrf-token", &s.csrf),
            }
        }
        Auth::Bearer(t) => r = r.header(header::AUTHORIZATION, format!("Bearer {t}")),
    }
    let body = match payload {
        Payload::Empty => Body::empty(),
        Payload::Json(v) => {
            r = r.header(header::CONTENT_TYPE, "application/json");
            Body::from(v.to_string())
        }
        Payload::Form(fields) => {
            r = r.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            let mut f = form_urlencoded::Serializer::new(String::new());
            if let Some(c) = &csrf_field {
                f.append_pair("csrf", c);
            }
            for (k, v) in fields {
                f.append_pair(k, v);
            }
            Body::from(f.finish())
        }
    };
    let response = router.oneshot(r.body(body).expect("request")).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
    Fetched { status, headers, body }
}

/// A form POST from a signed-in (or anonymous, with `anonymous()`) browser.
pub async fn post_form(app: &App, uri: &str, who: &Session, fields: &[(&str, &str)]) -> Fetched {
    send(app, Method::POST, uri, Auth::Browser(who), Payload::Form(fields)).await
}

/// A GET as this browser.
pub async fn get_as(app: &App, uri: &str, who: &Session) -> Fetched {
    send(app, Method::GET, uri, Auth::Browser(who), Payload::Empty).await
}

/// The last message sent to an address.
pub fn last_mail_to(mail: &Arc<Mutex<Vec<Mail>>>, to: &str) -> Option<Mail> {
    mail.lock().expect("mail").iter().rev().find(|m| m.to == to).cloned()
}

/// The `token=` value of the link in a message.
pub fn token_in(mail: &Mail) -> String {
    let start = mail.body.find("token=").expect("a link with a token") + "token=".len();
    mail.body[start..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect()
}
