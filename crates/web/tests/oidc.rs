//! OpenID Connect sign-in without a browser, on SQLite and PostgreSQL: the feature off, the "Sign in with …" link,
//! the provider unreachable, every way a callback's `state` can be wrong (unknown, used, expired, another
//! browser), the person cancelling, a mixed-up issuer, and the account rules (creation, verified flag, linking only
//! when both sides are verified, bans, audit). The whole flow with a real provider and Chromium is
//! tests/browser/oidc.mjs (scripts/browser-tests).

mod support;

use axum::http::{header, Method, StatusCode};
use cogov_app::accounts::{random_secret, secret_hash};
use cogov_app::oidc::{subject_key, OidcConfig, OidcError, OidcIdentity};
use cogov_app::{App, Role};
use cogov_store::OidcLogin;
use support::accounts::{self as acc, Auth, Payload};
use support::Fetched;

const ISSUER: &str = "https://id.example.org";

/// Settings naming a provider on a loopback port where nothing listens.
fn unreachable_provider() -> OidcConfig {
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    OidcConfig {
        issuer: format!("http://127.0.0.1:{port}"),
        client_id: "cogov".into(),
        client_secret: Some("test-secret".into()),
        display_name: "Test ID".into(),
        scopes: vec!["email".into(), "profile".into()],
        allow_http_loopback: true,
    }
}

fn set_cookie(r: &Fetched, name: &str) -> Option<String> {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

async fn get(app: &App, uri: &str, cookie: Option<&str>) -> Fetched {
    let session;
    let auth = match cookie {
        Some(c) => {
            session = acc::Session {
                user_id: String::new(),
                email: String::new(),
                cookie: c.to_string(),
                csrf: String::new(),
            };
            Auth::Browser(&session)
        }
        None => Auth::None,
    };
    acc::send(app, Method::GET, uri, auth, Payload::Empty).await
}

/// A started sign-in stored as `App::oidc_begin` would, without a provider: returns (state, browser cookie).
async fn started(app: &App, lang: &str, minutes: i64) -> (String, String) {
    let (state, browser) = (random_secret(), random_secret());
    let now = time::OffsetDateTime::now_utc();
    app.store()
        .create_oidc_login(&OidcLogin {
            state_hash: secret_hash(&state),
            browser_hash: secret_hash(&browser),
            nonce: "n".into(),
            pkce_verifier: "v".repeat(43),
            lang: lang.into(),
            next: format!("/{lang}/account"),
            created_at: cogov_store::format_time(now - time::Duration::minutes(20)),
            expires_at: cogov_store::format_time(now + time::Duration::minutes(minutes)),
        })
        .await
        .expect("stored");
    (state, browser)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_provider_there_is_no_link_and_its_routes_are_404() {
    for t in acc::backends().await {
        let page = get(&t.app, "/en/sign-in", None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.text().contains("sign-in/oidc"), "{}: a link without a provider", t.backend);
        for uri in ["/en/sign-in/oidc", "/oidc/callback?state=x&code=y"] {
            let r = get(&t.app, uri, None).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{}: {uri}", t.backend);
            assert!(r.text().contains("does not offer sign-in through another provider"), "{}", r.text());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_link_is_shown_and_an_unreachable_provider_gets_a_clear_page() {
    for t in acc::backends().await {
        let app = t.app.clone().with_oidc(unreachable_provider()).expect("valid settings");
        let page = get(&app, "/fr/sign-in?next=/fr/entries", None).await.text();
        assert!(
            page.contains(
                r#"<a class="button" href="/fr/sign-in/oidc?next=%2Ffr%2Fentries">Se connecter avec Test ID</a>"#
            ),
            "{}: {page}",
            t.backend
        );
        let r = get(&app, "/en/sign-in/oidc", None).await;
        assert_eq!(r.status, StatusCode::FAILED_DEPENDENCY, "{}: not a 5xx", t.backend);
        assert!(r.text().contains("The provider could not be reached"), "{}", r.text());
        assert!(set_cookie(&r, "cogov_oidc").is_none(), "nothing started");
        // An open redirect through `next` is not possible: only paths on this site are kept.
        let r = get(&app, "/en/sign-in/oidc?next=//evil.example", None).await;
        assert_eq!(r.status, StatusCode::FAILED_DEPENDENCY);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_needs_its_own_unused_unexpired_state_in_the_browser_that_started_it() {
    for t in acc::backends().await {
        let app = t.app.clone().with_oidc(unreachable_provider()).expect("valid settings");
        let b = t.backend;
        // No state, an unknown one.
        for uri in ["/oidc/callback", "/oidc/callback?code=c", "/oidc/callback?code=c&state=unknown"] {
            let r = get(&app, uri, None).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{b}: {uri}");
            assert!(r.text().contains("already used, it expired, or it was started in another browser"));
        }
        // The right state, but another browser (no cookie, or another one): refused, and the state is burnt.
        let (state, browser) = started(&app, "fr", 10).await;
        let uri = format!("/oidc/callback?code=c&state={state}");
        let r = get(&app, &uri, Some(&format!("cogov_oidc={}", random_secret()))).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{b}: another browser");
        let r = get(&app, &uri, Some(&format!("cogov_oidc={browser}"))).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{b}: a state works once, even after a failure");
        // Expired.
        let (state, browser) = started(&app, "fr", -1).await;
        let r =
            get(&app, &format!("/oidc/callback?code=c&state={state}"), Some(&format!("cogov_oidc={browser}"))).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{b}: expired");
        // The person cancelled at the provider: a page in the language the sign-in started in, no session, the
        // browser's sign-in cookie cleared.
        let (state, browser) = started(&app, "fr", 10).await;
        let r = get(
            &app,
            &format!("/oidc/callback?error=access_denied&state={state}"),
            Some(&format!("cogov_oidc={browser}")),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{b}: cancelled");
        let html = r.text();
        assert!(html.contains(r#"<html lang="fr""#) && html.contains("Vous avez annulé la connexion"), "{html}");
        assert!(html.contains(r#"href="/fr/sign-in""#), "a way back to the sign-in page");
        assert!(set_cookie(&r, "cogov_session").is_none(), "not signed in");
        assert!(set_cookie(&r, "cogov_oidc").is_some_and(|c| c.contains("Max-Age=0")), "cookie cleared");
        // Another error from the provider, and an issuer that is not ours (mix-up): not a 5xx.
        let (state, browser) = started(&app, "en", 10).await;
        let r = get(
            &app,
            &format!("/oidc/callback?error=server_error&state={state}"),
            Some(&format!("cogov_oidc={browser}")),
        )
        .await;
        assert_eq!(r.status, StatusCode::FAILED_DEPENDENCY, "{b}: provider error");
        let (state, browser) = started(&app, "en", 10).await;
        let r = get(
            &app,
            &format!("/oidc/callback?code=c&state={state}&iss=https%3A%2F%2Fevil.example"),
            Some(&format!("cogov_oidc={browser}")),
        )
        .await;
        assert_eq!(r.status, StatusCode::FAILED_DEPENDENCY, "{b}: mixed-up issuer");
        // The right state and browser, but the provider cannot be reached for the code exchange.
        let (state, browser) = started(&app, "en", 10).await;
        let r =
            get(&app, &format!("/oidc/callback?code=c&state={state}"), Some(&format!("cogov_oidc={browser}"))).await;
        assert_eq!(r.status, StatusCode::FAILED_DEPENDENCY, "{b}: provider down at the exchange");
        assert!(r.text().contains("could not be reached"));
    }
}

fn identity(subject: &str, email: &str, verified: bool) -> OidcIdentity {
    OidcIdentity {
        issuer: ISSUER.into(),
        subject: subject.into(),
        email: Some(email.into()),
        email_verified: verified,
        name: Some("Grace Hopper".into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_are_created_linked_only_when_verified_on_both_sides_and_bans_hold() {
    for t in acc::backends().await {
        let app = &t.app;
        let b = t.backend;
        // A new identity with a verified address: a new verified account without a password, audited.
        let (u, created) = app.oidc_account(&identity("s-1", "Grace@Example.org", true)).await.expect("created");
        assert!(created, "{b}");
        assert_eq!((u.email.as_str(), u.name.as_str(), u.role.as_str()), ("grace@example.org", "Grace Hopper", "user"));
        assert!(u.email_verified_at.is_some() && u.password_hash.is_none(), "{b}: {u:?}");
        assert_eq!(u.oidc_subject.as_deref(), Some(subject_key(ISSUER, "s-1").as_str()));
        let audit = app.store().audit_of(&u.id).await.expect("audit");
        assert_eq!(audit.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["oidc_create"], "{b}");
        assert!(audit[0].detail.contains(ISSUER), "{}", audit[0].detail);
        // The same identity again: the same account.
        let (again, created) = app.oidc_account(&identity("s-1", "other@example.org", false)).await.expect("again");
        assert!(!created && again.id == u.id, "{b}");
        // The same subject at another issuer is another person.
        let mut elsewhere = identity("s-1", "grace2@example.org", true);
        elsewhere.issuer = "https://other.example.org".into();
        assert!(app.oidc_account(&elsewhere).await.expect("other issuer").1, "{b}");
        // An unverified address: an account whose address is not verified.
        let (u2, _) = app.oidc_account(&identity("s-2", "unverified@example.org", false)).await.expect("created");
        assert!(u2.email_verified_at.is_none(), "{b}");

        // A password account with a verified address, and the provider says verified: linked, audited, told.
        let pw = app.create_account("ada@example.org", "Ada", acc::PASSWORD, Role::User).await.expect("account");
        let (linked, created) = app.oidc_account(&identity("s-3", "ada@example.org", true)).await.expect("linked");
        assert!(!created && linked.id == pw.id && linked.password_hash.is_some(), "{b}");
        assert_eq!(linked.oidc_subject.as_deref(), Some(subject_key(ISSUER, "s-3").as_str()));
        assert_eq!(app.store().audit_of(&pw.id).await.expect("audit")[0].action, "oidc_link");
        assert!(acc::last_mail_to(&t.mail, "ada@example.org").is_some_and(|m| m.subject.contains("new sign-in method")));
        // ... but never when the provider does not vouch for the address,
        let pw2 = app.create_account("bob@example.org", "Bob", acc::PASSWORD, Role::User).await.expect("account");
        let r = app.oidc_account(&identity("s-4", "bob@example.org", false)).await;
        assert!(matches!(r, Err(OidcError::EmailTaken)), "{b}: {r:?}");
        // ... nor when the account's own address is unverified (someone may have registered it to take over),
        let mut pw3 = app.create_account("carol@example.org", "Carol", acc::PASSWORD, Role::User).await.expect("acc");
        pw3.email_verified_at = None;
        app.store().update_user(&pw3).await.expect("unverify");
        let r = app.oidc_account(&identity("s-5", "carol@example.org", true)).await;
        assert!(matches!(r, Err(OidcError::EmailTaken)), "{b}: {r:?}");
        // ... nor when it already has another identity.
        let r = app.oidc_account(&identity("s-6", "ada@example.org", true)).await;
        assert!(matches!(r, Err(OidcError::EmailTaken)), "{b}: {r:?}");
        for id in [&pw2.id, &pw3.id] {
            let unchanged = app.store().user(id).await.expect("read").expect("there");
            assert!(unchanged.oidc_subject.is_none(), "{b}: a refused link changed nothing");
        }
        // No usable address: refused, nothing created.
        let users = app.store().count_users().await.expect("count");
        let mut none = identity("s-7", "", true);
        none.email = None;
        assert!(matches!(app.oidc_account(&none).await, Err(OidcError::NoEmail)), "{b}");
        assert!(matches!(app.oidc_account(&identity("s-8", "not an address", true)).await, Err(OidcError::NoEmail)));
        assert_eq!(app.store().count_users().await.expect("count"), users, "{b}");
        // Banned accounts are refused, by identity and by address.
        let admin = acc::user(app, Role::Admin, &[]).await;
        let admin = app.principal(&admin.user_id, cogov_app::Via::Session).await.expect("p").expect("admin");
        app.ban(&admin, &u.id, "spam").await.expect("ban");
        let r = app.oidc_account(&identity("s-1", "grace@example.org", true)).await;
        assert!(matches!(r, Err(OidcError::Banned)), "{b}: {r:?}");
        app.ban(&admin, &pw2.id, "spam").await.expect("ban");
        let r = app.oidc_account(&identity("s-9", "bob@example.org", true)).await;
        assert!(matches!(r, Err(OidcError::Banned)), "{b}: {r:?}");
    }
}
