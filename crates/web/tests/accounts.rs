//! Accounts through the HTTP surface, on SQLite and PostgreSQL: sign-in and sign-out, one answer for a wrong
//! password and an unknown account, lockout, CSRF, token scopes, registration, verification and reset by mail,
//! bans, rate limits, export and deletion.

mod support;

use axum::http::{header, Method, StatusCode};
use cogov_app::{Role, Scope};
use support::accounts::{self as acc, Auth, Payload};
use support::Fetched;

fn set_cookie(r: &Fetched, name: &str) -> Option<String> {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

fn location(r: &Fetched) -> String {
    r.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// The visible text of the error summary (the answer a person gets), without the echoed form values.
fn summary(html: &str) -> String {
    let start = html.find("id=\"error-summary\"").expect("an error summary");
    let end = html[start..].find("</div>").expect("summary end") + start;
    html[start..end].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sign_out_and_one_answer_for_wrong_password_and_unknown_account() {
    for t in acc::backends().await {
        let who = acc::user(&t.app, Role::User, &[]).await;
        let anon = acc::anonymous();
        // A good sign-in sets an HttpOnly, SameSite=Lax session cookie and redirects to `next`.
        let r = acc::post_form(
            &t.app,
            "/en/sign-in",
            &anon,
            &[("email", &who.email.to_uppercase()), ("password", acc::PASSWORD), ("next", "/en/entries")],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}: {}", t.backend, r.text());
        assert_eq!(location(&r), "/en/entries");
        let cookie = set_cookie(&r, "cogov_session").expect("session cookie");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"));
        assert!(!cookie.contains("Secure"), "plain http instance");
        let value = cookie.split(';').next().expect("value").to_string();
        let sessions = t.app.store().sessions_of(&who.user_id, &cogov_store::now()).await.expect("sessions");
        assert_eq!(sessions.len(), 2, "the helper's session and this one");

        // An open redirect is refused: `next` must be a path on this site.
        let r = acc::post_form(
            &t.app,
            "/en/sign-in",
            &anon,
            &[("email", &who.email), ("password", acc::PASSWORD), ("next", "//evil.example/")],
        )
        .await;
        assert_eq!(location(&r), "/en/account");

        // Signed in, the header shows the account link and a sign-out form.
        let secret = value.trim_start_matches("cogov_session=");
        let stored = t.app.store().session(&cogov_app::accounts::secret_hash(secret), &cogov_store::now()).await;
        let stored = stored.expect("store").expect("the cookie's session is stored");
        let browser = acc::Session { cookie: value.clone(), csrf: stored.csrf, ..who.clone() };
        let page = acc::get_as(&t.app, "/en/account", &browser).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("action=\"/en/sign-out\"") && page.text().contains(&who.email));

        // Wrong password and unknown account: same status, same summary.
        let wrong =
            acc::post_form(&t.app, "/en/sign-in", &anon, &[("email", &who.email), ("password", "wrong password!!")])
                .await;
        let unknown = acc::post_form(
            &t.app,
            "/en/sign-in",
            &anon,
            &[("email", "nobody@example.org"), ("password", "wrong password!!")],
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(wrong.status, unknown.status);
        assert_eq!(summary(&wrong.text()), summary(&unknown.text()));
        assert!(set_cookie(&wrong, "cogov_session").is_none());

        // Sign-out deletes the stored session: the cookie stops working even if replayed.
        let out = acc::post_form(&t.app, "/en/sign-out", &browser, &[]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert!(set_cookie(&out, "cogov_session").is_some_and(|c| c.contains("Max-Age=0")));
        let again = acc::get_as(&t.app, "/en/account", &browser).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        assert_eq!(location(&again), "/en/sign-in?next=%2Fen%2Faccount");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_lock_the_account_with_the_same_answer() {
    for t in acc::backends().await {
        let who = acc::user(&t.app, Role::User, &[]).await;
        let anon = acc::anonymous();
        let threshold = t.app.accounts().config.lockout_threshold;
        let mut answers = Vec::new();
        for _ in 0..threshold {
            let r =
                acc::post_form(&t.app, "/en/sign-in", &anon, &[("email", &who.email), ("password", "not it at all")])
                    .await;
            answers.push(summary(&r.text()));
        }
        let user = t.app.store().user(&who.user_id).await.expect("user").expect("exists");
        assert_eq!(user.failed_logins, threshold, "{}", t.backend);
        assert!(user.locked_until.is_some(), "locked after {threshold} failures");
        // Locked: even the right password is refused, with the same answer.
        let r =
            acc::post_form(&t.app, "/en/sign-in", &anon, &[("email", &who.email), ("password", acc::PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(summary(&r.text()), answers[0]);
        assert!(answers.iter().all(|a| *a == answers[0]));
        // A password reset lifts the lock.
        t.app.request_password_reset(&who.email).await.expect("reset mail");
        let mail = acc::last_mail_to(&t.mail, &who.email).expect("mail");
        let token = acc::token_in(&mail);
        let r = acc::post_form(
            &t.app,
            "/en/reset-password",
            &anon,
            &[("token", &token), ("password", "a brand new passphrase")],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let r = acc::post_form(
            &t.app,
            "/en/sign-in",
            &anon,
            &[("email", &who.email), ("password", "a brand new passphrase")],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        // The reset signed the account out everywhere, and the link works once.
        assert_eq!(acc::get_as(&t.app, "/en/account", &who).await.status, StatusCode::SEE_OTHER);
        let r = acc::post_form(
            &t.app,
            "/en/reset-password",
            &anon,
            &[("token", &token), ("password", "yet another passphrase")],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_and_tokenless_posts_are_refused() {
    let t = acc::sqlite_app().await;
    let who = acc::user(&t.app, Role::User, &[]).await;
    // A cross-site POST (a form on another site) with the victim's cookie: refused, nothing changes.
    let mut evil = who.clone();
    evil.csrf = who.csrf.clone();
    let r = cross_site_post(&t.app, &evil, "/en/account/name", "name=Hacked").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    // Same site but no token: refused.
    let bad = acc::Session { csrf: "0".repeat(64), ..who.clone() };
    let r = acc::post_form(&t.app, "/en/account/name", &bad, &[("name", "Hacked")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The API with a cookie needs the header too.
    let r = acc::send(
        &t.app,
        Method::POST,
        "/api/v1/tokens",
        Auth::Browser(&bad),
        Payload::Json(serde_json::json!({"name": "x", "scope": "read"})),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.text().contains("\"error\":\"forbidden\""));
    let user = t.app.store().user(&who.user_id).await.expect("user").expect("exists");
    assert_eq!(user.name, "Test person");
    // The genuine form works.
    let r = acc::post_form(&t.app, "/en/account/name", &who, &[("name", "Renamed")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let user = t.app.store().user(&who.user_id).await.expect("user").expect("exists");
    assert_eq!(user.name, "Renamed");
}

async fn cross_site_post(app: &cogov_app::App, who: &acc::Session, uri: &str, body: &str) -> Fetched {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = axum::http::Request::post(uri)
        .header(header::HOST, acc::HOST)
        .header(header::ORIGIN, "https://evil.example")
        .header(header::COOKIE, &who.cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("{body}&csrf={}", who.csrf)))
        .expect("request");
    let response = cogov_web::router(app.clone()).oneshot(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
    Fetched { status, headers, body }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_scopes_revocation_and_bans() {
    for t in acc::backends().await {
        let admin = acc::user(&t.app, Role::Admin, &[]).await;
        let other = acc::user(&t.app, Role::User, &[]).await;
        let read = acc::token(&t.app, &admin, Scope::Read).await;
        let write = acc::token(&t.app, &admin, Scope::Write).await;
        let full = acc::token(&t.app, &admin, Scope::Admin).await;
        let me = acc::send(&t.app, Method::GET, "/api/v1/me", Auth::Bearer(&read), Payload::Empty).await;
        assert_eq!(me.status, StatusCode::OK, "{}", t.backend);
        let body: serde_json::Value = serde_json::from_slice(&me.body).expect("json");
        assert_eq!(body["role"], "admin");
        let new = serde_json::json!({"name": "ci", "scope": "read"});
        let r =
            acc::send(&t.app, Method::POST, "/api/v1/tokens", Auth::Bearer(&read), Payload::Json(new.clone())).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "a read token cannot write");
        let r = acc::send(&t.app, Method::POST, "/api/v1/tokens", Auth::Bearer(&write), Payload::Json(new)).await;
        assert_eq!(r.status, StatusCode::CREATED);
        let created: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
        assert!(created["token"].as_str().is_some_and(|s| s.starts_with("cgv_")));
        assert!(created.get("token_hash").is_none());
        // Admin actions need an admin-scoped token, even for an admin.
        let ban = serde_json::json!({"reason": "spam"});
        let uri = format!("/api/v1/admin/users/{}/ban", other.user_id);
        let r = acc::send(&t.app, Method::POST, &uri, Auth::Bearer(&write), Payload::Json(ban.clone())).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let other_token = acc::token(&t.app, &other, Scope::Write).await;
        let r = acc::send(&t.app, Method::POST, &uri, Auth::Bearer(&full), Payload::Json(ban)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
        // A banned account's sessions and tokens stop working, and it cannot sign in.
        assert_eq!(acc::get_as(&t.app, "/en/account", &other).await.status, StatusCode::SEE_OTHER);
        let r = acc::send(&t.app, Method::GET, "/api/v1/me", Auth::Bearer(&other_token), Payload::Empty).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let anon = acc::anonymous();
        let r =
            acc::post_form(&t.app, "/en/sign-in", &anon, &[("email", &other.email), ("password", acc::PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        // The ban is in the audit log with its reason.
        let r = acc::send(&t.app, Method::GET, "/api/v1/admin/audit", Auth::Bearer(&full), Payload::Empty).await;
        let log: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
        assert_eq!(log[0]["action"], "ban");
        assert_eq!(log[0]["reason"], "spam");
        assert_eq!(log[0]["target"], other.user_id);
        // Revoked tokens stop working; an unknown token is a 401 in the error shape.
        let tokens = t.app.store().api_tokens_of(&admin.user_id).await.expect("tokens");
        let read_row = tokens.iter().find(|k| k.scope == "read" && k.name == "test token").expect("read token");
        assert!(read_row.last_used_at.is_some(), "last use recorded");
        let r = acc::post_form(&t.app, "/en/account/tokens/revoke", &admin, &[("id", &read_row.id)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = acc::send(&t.app, Method::GET, "/api/v1/me", Auth::Bearer(&read), Payload::Empty).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(r.text().contains("\"error\":\"unauthenticated\""));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_reports_every_error_then_verifies_by_mail() {
    let t = acc::sqlite_app().await;
    let anon = acc::anonymous();
    let r = acc::post_form(
        &t.app,
        "/fr/register",
        &anon,
        &[("email", "not-an-address"), ("name", ""), ("password", "short")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text();
    for f in ["email", "name", "password"] {
        assert!(html.contains(&format!("href=\"#f-{f}\"")), "summary links {f}");
        assert!(html.contains(&format!("id=\"e-{f}\"")), "inline error for {f}");
        assert!(html.contains(&format!("id=\"f-{f}\"")));
    }
    assert_eq!(html.matches("aria-invalid=\"true\"").count(), 3);
    assert!(html.contains("trop court"), "errors in the page's language");
    assert_eq!(t.app.store().count_users().await.expect("count"), 0, "nothing written");

    let r = acc::post_form(
        &t.app,
        "/en/register",
        &anon,
        &[("email", "New@Example.org"), ("name", "New person"), ("password", "a long enough password")],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let mail = acc::last_mail_to(&t.mail, "new@example.org").expect("verification mail");
    assert!(mail.body.contains("http://cogov.test/en/verify-email?token="));
    // Registering the same address again: same page, the owner gets a notice, no second account.
    let again = acc::post_form(
        &t.app,
        "/en/register",
        &anon,
        &[("email", "new@example.org"), ("name", "Someone"), ("password", "another long password")],
    )
    .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.text(), r.text());
    assert_eq!(t.app.store().count_users().await.expect("count"), 1);
    // The link verifies once.
    let token = acc::token_in(&mail);
    let ok = acc::get_as(&t.app, &format!("/en/verify-email?token={token}"), &anon).await;
    assert_eq!(ok.status, StatusCode::OK);
    let user = t.app.store().user_by_email("new@example.org").await.expect("user").expect("exists");
    assert!(user.email_verified_at.is_some());
    let twice = acc::get_as(&t.app, &format!("/en/verify-email?token={token}"), &anon).await;
    assert_eq!(twice.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_attempts_are_rate_limited_per_address() {
    let t = acc::sqlite_app().await;
    let router = cogov_web::router(t.app.clone());
    let anon = acc::anonymous();
    let burst = t.app.accounts().config.auth_burst as usize;
    let mut statuses = Vec::new();
    for _ in 0..burst + 3 {
        let r = acc::send_via(
            router.clone(),
            Method::POST,
            "/en/sign-in",
            Auth::Browser(&anon),
            Payload::Form(&[("email", "x@example.org"), ("password", "whatever it is")]),
        )
        .await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(r.headers.get(header::RETRY_AFTER).is_some());
            assert!(r.text().contains("\"error\":\"rate_limited\""));
        }
        statuses.push(r.status);
    }
    assert!(statuses[..burst].iter().all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY), "{statuses:?}");
    assert!(statuses[burst..].iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
    // Reading pages is not limited.
    let r = acc::send_via(router.clone(), Method::GET, "/en/sign-in", Auth::None, Payload::Empty).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_and_delete_personal_data() {
    for t in acc::backends().await {
        let org = acc::org(&t.app, "acme").await;
        let who = acc::user(&t.app, Role::User, &[(&org, cogov_app::OrgRole::Editor)]).await;
        let r = acc::get_as(&t.app, "/en/account/export", &who).await;
        assert_eq!(r.status, StatusCode::OK);
        let data: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
        assert_eq!(data["account"]["email"], who.email.as_str());
        assert!(data["account"].get("password_hash").is_none());
        assert_eq!(data["memberships"][0]["role"], "editor");
        assert!(!r.text().contains(&who.csrf), "no secrets in the export");
        let r = acc::post_form(&t.app, "/en/account/delete", &who, &[("confirm", "not my password")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("href=\"#f-confirm\""));
        let r = acc::post_form(&t.app, "/en/account/delete", &who, &[("confirm", acc::PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(t.app.store().user(&who.user_id).await.expect("user").is_none(), "{}", t.backend);
        assert!(t.app.store().members_of(&org).await.expect("members").is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_are_refused() {
    let t = acc::sqlite_app().await;
    let who = acc::user(&t.app, Role::User, &[]).await;
    let big = "x".repeat(cogov_web::MAX_BODY + 1);
    let r = acc::post_form(&t.app, "/en/account/name", &who, &[("name", &big)]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// Every payload of `tests/data/xss.txt`, stored as a display name (form) and as a token name (API), comes back
/// escaped on the account page and the admin page: no tag or attribute of a payload reaches the HTML as markup.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xss_payloads_are_stored_and_rendered_inert() {
    let t = acc::sqlite_app().await;
    let who = acc::user(&t.app, Role::User, &[]).await;
    let admin = acc::user(&t.app, Role::Admin, &[]).await;
    let token = acc::token(&t.app, &who, Scope::Write).await;
    let payloads: Vec<&str> =
        include_str!("data/xss.txt").lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    assert!(payloads.len() >= 20);
    for p in payloads {
        let name: String = p.chars().take(100).collect();
        let r = acc::post_form(&t.app, "/en/account/name", &who, &[("name", &name)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{p}: {}", r.text());
        let r = acc::send(
            &t.app,
            Method::POST,
            "/api/v1/tokens",
            Auth::Bearer(&token),
            Payload::Json(serde_json::json!({"name": name, "scope": "read"})),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{p}");
        for page in
            [acc::get_as(&t.app, "/en/account", &who).await, acc::get_as(&t.app, "/en/admin/users", &admin).await]
        {
            let html = page.text();
            assert_eq!(page.status, StatusCode::OK);
            if p.contains('<') || p.contains('"') || p.contains('\'') {
                assert!(!html.contains(&name), "{p} appears unescaped");
            }
            let tokens = support::tokenize(&html);
            for tok in &tokens {
                if let support::Token::Open { name: tag, attrs, .. } = tok {
                    assert!(
                        !matches!(tag.as_str(), "script" | "iframe" | "svg" | "object" | "img" | "base" | "math"),
                        "{p}: <{tag}> in the page"
                    );
                    assert!(attrs.iter().all(|(a, _)| !a.starts_with("on")), "{p}: event handler attribute on <{tag}>");
                    assert!(
                        attrs
                            .iter()
                            .all(|(a, v)| !matches!(a.as_str(), "href" | "src" | "action" | "formaction" | "data")
                                || !v.trim_start().to_lowercase().starts_with("javascript:")),
                        "{p}: javascript: URL"
                    );
                }
            }
        }
    }
}
