//! People and trust, the remaining rules: strict query strings on the account and admin pages, rate-limiter
//! pruning, e-mail verification before writing, the stale label on lists, scheduled reminders.

mod support;

use axum::http::{Method, StatusCode};
use cogov_app::{Role, Scope};
use support::accounts::{self as acc, Auth, Payload};

/// Pages and API routes with query parameters refuse unknown ones with a 400 that names the parameter.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_query_parameters_are_refused_by_name() {
    let t = acc::sqlite_app().await;
    let admin = acc::user(&t.app, Role::Admin, &[]).await;
    let token = acc::token(&t.app, &admin, Scope::Admin).await;
    for (url, param) in [
        ("/en/admin/users?offst=1", "offst"),
        ("/en/admin/audit?befor=x", "befor"),
        ("/en/entries?knd=actor", "knd"),
        ("/en/countries?grp=ldc", "grp"),
        ("/en/verify-email?token=0&utm_source=mail", "utm_source"),
        ("/en/reset-password?token=0&tokn=1", "tokn"),
    ] {
        let r = acc::get_as(&t.app, url, &admin).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{url}");
        assert!(r.text().contains(param), "{url}: the answer names {param}");
    }
    // The known parameters still work.
    for url in ["/en/admin/users?offset=0", "/en/admin/audit", "/en/entries?kind=actor", "/en/countries?group=ldc"] {
        assert_eq!(acc::get_as(&t.app, url, &admin).await.status, StatusCode::OK, "{url}");
    }
    for (url, param) in [("/api/v1/admin/users?offst=1", "offst"), ("/api/v1/admin/audit?befor=x", "befor")] {
        let r = acc::send(&t.app, Method::GET, url, Auth::Bearer(&token), Payload::Empty).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{url}");
        let body: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
        assert_eq!(body["error"], "invalid_parameter", "{url}");
        assert_eq!(body["field"], param, "{url}");
    }
    let r = acc::send(&t.app, Method::GET, "/api/v1/admin/users?offset=0", Auth::Bearer(&token), Payload::Empty).await;
    assert_eq!(r.status, StatusCode::OK);
}

/// The rate limiters keep one entry per client address (and per account); pruning drops the entries whose
/// state is back to fresh, so the map shrinks instead of growing with every address ever seen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limiter_state_is_pruned() {
    use axum::body::Body;
    use tower::ServiceExt;
    let t = acc::sqlite_app().await;
    let mut accounts = t.app.accounts().clone();
    // One write per millisecond per address, burst 1: a key is fresh again a few milliseconds after its request.
    accounts.config.trust_proxy = true;
    accounts.config.write_per_minute = 60_000;
    accounts.config.write_burst = 1;
    let app = t.app.clone().with_accounts(accounts);
    let (router, limiters) = cogov_web::router_with_limiters(app);
    assert_eq!(limiters.keys(), 0);
    for i in 0..40 {
        let request = axum::http::Request::builder()
            .method(Method::POST)
            .uri("/en/sign-out")
            .header("host", acc::HOST)
            .header("x-forwarded-for", format!("198.51.100.{i}"))
            .body(Body::empty())
            .expect("request");
        let r = router.clone().oneshot(request).await.expect("response");
        assert_ne!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    let before = limiters.keys();
    assert!(before >= 40, "one key per address at least: {before}");
    let mut after = limiters.prune();
    for _ in 0..500 {
        if after == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        after = limiters.prune();
    }
    assert_eq!(after, 0, "every key is back to fresh and pruned (was {before})");
    assert_eq!(limiters.keys(), 0);
}

/// A signed-in account whose address is not confirmed: made verified by `create_account` (as `cogov admin
/// create` does), then marked unconfirmed.
async fn unverified(app: &cogov_app::App, memberships: &[(&str, cogov_app::OrgRole)]) -> acc::Session {
    let s = acc::user(app, Role::User, memberships).await;
    let mut u = app.store().user(&s.user_id).await.expect("user").expect("exists");
    u.email_verified_at = None;
    app.store().update_user(&u).await.expect("update");
    s
}

fn json(r: &support::Fetched) -> serde_json::Value {
    serde_json::from_slice(&r.body).unwrap_or_default()
}

/// Every row of the authorization matrix, as an unconfirmed member of `{org}`: reading is what a member may
/// read; writing is refused with `email_unverified`, except managing the account itself (name, sessions, read
/// tokens, a new confirmation link).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unverified_account_reads_and_manages_itself_but_writes_nothing() {
    for t in acc::backends().await {
        let org = acc::org(&t.app, "acme").await;
        let other_org = acc::org(&t.app, "other").await;
        let victim = acc::user(&t.app, Role::User, &[]).await;
        let who = unverified(&t.app, &[(&org, cogov_app::OrgRole::Member)]).await;
        let mut wrong = Vec::new();
        let mut refused = 0;
        for (i, line) in include_str!("authz.tsv").lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let (method, path, body, member) = (cols[0], cols[1], cols[2], cols[4] == "allow");
            let self_service = ["/api/v1/me", "/api/v1/tokens", "/en/account/", "/en/verify-email/"]
                .iter()
                .any(|p| path.starts_with(p));
            // The propose and revise forms are writes: they explain instead of showing a form that would fail.
            let form_page = ["/propose", "/revise", "/contribute", "/endorse"].iter().any(|s| path.ends_with(s));
            let expected = member && ((method == "GET" && !form_page) || self_service);
            let path =
                path.replace("{org}", &org).replace("{other_org}", &other_org).replace("{user}", &victim.user_id);
            let form: Vec<(String, String)>;
            let pairs: Vec<(&str, &str)>;
            let payload = if let Some(j) = body.strip_prefix("json:") {
                Payload::Json(serde_json::from_str(j).expect("json body"))
            } else if let Some(f) = body.strip_prefix("form:") {
                form = form_urlencoded::parse(f.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
                pairs = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                Payload::Form(&pairs)
            } else {
                Payload::Empty
            };
            let r = acc::send(&t.app, method.parse().expect("method"), &path, Auth::Browser(&who), payload).await;
            let to_sign_in = r.status.is_redirection()
                && r.headers.get("location").and_then(|l| l.to_str().ok()).is_some_and(|l| l.contains("/sign-in"));
            let denied = r.status == StatusCode::UNAUTHORIZED || r.status == StatusCode::FORBIDDEN || to_sign_in;
            if r.status.is_server_error() || denied == expected {
                wrong.push(format!("line {} {method} {path}: {} (expected {expected})", i + 1, r.status));
            }
            if member && !expected {
                refused += 1;
                // The refusal says why: a stable code for the API, the page with "send a new link" for forms.
                let ok = if path.starts_with("/api/") {
                    json(&r)["error"] == "email_unverified"
                } else {
                    r.text().contains("/en/verify-email/resend")
                };
                if !ok {
                    wrong.push(format!("line {} {method} {path}: refused without saying why", i + 1));
                }
            }
        }
        assert!(refused >= 5, "{}: only {refused} writes refused", t.backend);
        assert!(wrong.is_empty(), "{}: {} disagreements:\n{}", t.backend, wrong.len(), wrong.join("\n"));
    }
}

/// Registered through the form: signs in, is refused writes with a clear message and a resend action, gets a
/// new link, confirms, and then writes. Write tokens wait for the confirmation too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_is_required_before_writing_and_can_be_resent() {
    let t = acc::sqlite_app().await;
    let email = "new.person@example.org";
    let r = acc::post_form(
        &t.app,
        "/en/register",
        &acc::anonymous(),
        &[("email", email), ("name", "New Person"), ("password", acc::PASSWORD)],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let user = t.app.store().user_by_email(email).await.expect("store").expect("registered");
    assert!(user.email_verified_at.is_none());
    let who = acc::sign_in_as(&t.app, &user.id, email).await;

    // Reading works; the account page says the address is not confirmed and offers a new link.
    let page = acc::get_as(&t.app, "/en/account", &who).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("/en/verify-email/resend"));
    // The propose form is replaced by the explanation; posting it is refused the same way.
    let page = acc::get_as(&t.app, "/en/propose", &who).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.text().contains("Confirm your e-mail address first") && page.text().contains("verify-email/resend"));
    let r = acc::post_form(&t.app, "/en/propose", &who, &[("kind", "initiative"), ("title", "Early bird")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let proposal = serde_json::json!({"target": "entry", "input": {"kind": "initiative", "title": {"values": {"en": "Early bird"}}}});
    let r = acc::send(&t.app, Method::POST, "/api/v1/proposals", Auth::Browser(&who), Payload::Json(proposal.clone()))
        .await;
    assert_eq!((r.status, json(&r)["error"].clone()), (StatusCode::FORBIDDEN, serde_json::json!("email_unverified")));
    // Read tokens are fine, write tokens wait.
    for (scope, status) in [("read", StatusCode::CREATED), ("write", StatusCode::FORBIDDEN)] {
        let body = serde_json::json!({"name": "mine", "scope": scope});
        let r = acc::send(&t.app, Method::POST, "/api/v1/tokens", Auth::Browser(&who), Payload::Json(body)).await;
        assert_eq!(r.status, status, "{scope}: {}", r.text());
    }
    let q = cogov_store::ProposalQuery { proposer: Some(user.id.clone()), limit: 10, ..Default::default() };
    assert!(t.app.store().list_proposals(&q).await.expect("proposals").is_empty(), "nothing was written");

    // A new link, by the page and by the API; the first link still works until used, the newest too.
    let before = t.mail.lock().expect("mail").len();
    let r = acc::post_form(&t.app, "/en/verify-email/resend", &who, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = acc::send(&t.app, Method::POST, "/api/v1/me/verification", Auth::Browser(&who), Payload::Empty).await;
    assert_eq!(json(&r)["sent"], true);
    assert_eq!(t.mail.lock().expect("mail").len(), before + 2);
    let link = acc::token_in(&acc::last_mail_to(&t.mail, email).expect("mail"));
    let r = acc::get_as(&t.app, &format!("/en/verify-email?token={link}"), &who).await;
    assert_eq!(r.status, StatusCode::OK);

    // Confirmed: writing works, and a new link is not sent any more.
    let r = acc::send(&t.app, Method::POST, "/api/v1/proposals", Auth::Browser(&who), Payload::Json(proposal)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let r = acc::send(&t.app, Method::POST, "/api/v1/me/verification", Auth::Browser(&who), Payload::Empty).await;
    assert_eq!(json(&r)["sent"], false);
    // Accounts made by `cogov admin create` (create_account) are confirmed from the start.
    let admin = t.app.create_account("boss@example.org", "Boss", acc::PASSWORD, Role::Admin).await.expect("admin");
    assert!(admin.email_verified_at.is_some());
}

/// Two application nodes on one database (the same SQLite file; the same PostgreSQL schema), one mailer.
async fn two_nodes() -> Vec<(cogov_app::App, cogov_app::App, acc::AnyApp)> {
    use std::str::FromStr;
    let mut out = Vec::new();
    let first = acc::sqlite_app().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("two.db");
    let a = cogov_store::SqliteStore::open(&path, 4).await.expect("open");
    cogov_store::Store::migrate(&a).await.expect("migrate");
    let b = cogov_store::SqliteStore::open(&path, 4).await.expect("open");
    let a = cogov_app::App::start(Box::new(a)).await.expect("start").with_accounts(first.app.accounts().clone());
    let b = cogov_app::App::start(Box::new(b)).await.expect("start").with_accounts(first.app.accounts().clone());
    std::mem::forget(dir);
    out.push((a, b, first));
    if let Some(pg) = acc::postgres_app().await {
        let url = std::env::var("COGOV_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
        let admin = cogov_store::PostgresStore::connect(&url, 1).await.expect("connect");
        let schema = format!("w_{}", uuid::Uuid::new_v4().simple());
        sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(admin.pool()).await.expect("schema");
        let connect = || async {
            let options = sqlx::postgres::PgConnectOptions::from_str(&url)
                .expect("url")
                .options([("search_path", schema.as_str())]);
            cogov_store::PostgresStore::connect_with(options, 4).await.expect("connect")
        };
        let a = connect().await;
        cogov_store::Store::migrate(&a).await.expect("migrate");
        let b = connect().await;
        let a = cogov_app::App::start(Box::new(a)).await.expect("start").with_accounts(pg.app.accounts().clone());
        let b = cogov_app::App::start(Box::new(b)).await.expect("start").with_accounts(pg.app.accounts().clone());
        out.push((a, b, pg));
    }
    out
}

/// An organization with two editors, last confirmed long ago (stale); returns the editors' addresses.
async fn stale_org(app: &cogov_app::App, slug: &str) -> Vec<String> {
    let org = acc::org(app, slug).await;
    let mut emails = Vec::new();
    for _ in 0..2 {
        emails.push(acc::user(app, Role::User, &[(&org, cogov_app::OrgRole::Editor)]).await.email);
    }
    app.store().confirm_entry(&org, "someone", "2020-01-01T00:00:00.000Z").await.expect("backdate");
    emails
}

fn mails_to(t: &acc::AnyApp, to: &[String]) -> usize {
    t.mail.lock().expect("mail").iter().filter(|m| to.contains(&m.to) && m.subject.contains("please confirm")).count()
}

/// Reminders about stale entries: two nodes racing send each once; `serve`'s schedule (two nodes, ticking every
/// 20 ms) sends a new stale entry's reminder once and never again within the 30 days.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn scheduled_reminders_are_sent_once_across_nodes() {
    for (a, b, t) in two_nodes().await {
        let editors = stale_org(&a, "old-org").await;
        let (ra, rb) =
            tokio::join!(cogov_app::review::remind_stale(&a, false), cogov_app::review::remind_stale(&b, false));
        let (ra, rb) = (ra.expect("a"), rb.expect("b"));
        assert_eq!(ra.len() + rb.len(), 1, "one node reminded about the entry");
        assert_eq!(mails_to(&t, &editors), 2, "one mail per editor");
        assert!(cogov_app::review::remind_stale(&a, false).await.expect("again").is_empty());

        let later = stale_org(&b, "older-org").await;
        let every = std::time::Duration::from_millis(20);
        let nodes = [cogov_web::spawn_reminders(a.clone(), every), cogov_web::spawn_reminders(b.clone(), every)];
        let mut waited = 0;
        while mails_to(&t, &later) < 2 && waited < 1000 {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            waited += 1;
        }
        // Many more runs on both nodes: nothing new is sent.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        for n in nodes {
            n.abort();
        }
        assert_eq!(mails_to(&t, &later), 2, "the scheduled runs sent one mail per editor");
        assert_eq!(mails_to(&t, &editors), 2, "the first entry was not reminded again");
    }
}

/// The stale label is on every list of entries and on search results, not only on the entry page; entries
/// confirmed recently carry none. In every language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_and_search_results_label_stale_entries() {
    let t = support::seeded_app().await;
    let app = &t.app;
    let entries = app.store().list_entries(&cogov_store::EntryQuery { limit: 1000, ..Default::default() }).await;
    let published: Vec<_> =
        entries.expect("entries").into_iter().filter(|e| e.status == cogov_core::entry::Status::Published).collect();
    let stale = published.iter().find(|e| e.slug == "connected-schools").expect("fixture entry");
    // Every other entry was confirmed just now; the one entry was last confirmed long ago.
    for e in &published {
        let at = if e.id == stale.id { "2020-01-01T00:00:00.000Z".to_string() } else { cogov_store::now() };
        app.store().confirm_entry(&e.id, "fixtures", &at).await.expect("confirm");
    }
    let country = stale.countries.first().expect("a country").clone();
    let labelled = |html: &str| -> Vec<String> {
        let mut out = Vec::new();
        for item in html.split("<li>").skip(1) {
            let item = item.split("</li>").next().unwrap_or_default();
            if item.contains("<strong>") {
                let slug = item.split("/entries/").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
                out.push(slug.to_string());
            }
        }
        out
    };
    for lang in cogov_core::Lang::ALL {
        let label = cogov_web::i18n::message(lang, "entry-stale-label");
        for url in [
            format!("/{}/entries", lang.code()),
            format!("/{}/countries/{country}", lang.code()),
            format!("/{}/search?q=connected", lang.code()),
        ] {
            let page = support::fetch(app, &url, &[]).await;
            assert_eq!(page.status, StatusCode::OK, "{url}");
            let html = page.text();
            assert!(html.contains(&label), "{url}: the label {label:?}");
            assert_eq!(labelled(&html), ["connected-schools"], "{url}: only the stale entry is labelled");
        }
    }
}

/// The propose form offers "act for" the organizations the person edits (not to others); acting for one
/// publishes at once when the instance allows it, else the proposal waits for review.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_propose_form_acts_for_an_organization() {
    use cogov_app::review::ReviewConfig;
    let t = acc::sqlite_app().await;
    let org = acc::org(&t.app, "acme").await;
    let editor = acc::user(&t.app, Role::User, &[(&org, cogov_app::OrgRole::Editor)]).await;
    let member = acc::user(&t.app, Role::User, &[(&org, cogov_app::OrgRole::Member)]).await;
    let form = acc::get_as(&t.app, "/en/propose", &editor).await.text();
    assert!(form.contains("id=\"f-org\"") && form.contains(&format!("value=\"{org}\"")), "offered to the editor");
    assert!(form.contains("published at once"), "says it publishes directly");
    assert!(!acc::get_as(&t.app, "/en/propose", &member).await.text().contains("id=\"f-org\""), "not to members");
    let edit = acc::get_as(&t.app, "/en/entries/acme/propose", &editor).await.text();
    assert!(edit.contains("id=\"f-org\""), "offered on edits too");

    let state_after = |app: cogov_app::App, title: &'static str, for_org: bool| {
        let (editor, org) = (editor.clone(), org.clone());
        async move {
            let mut fields =
                vec![("kind", "initiative"), ("title", title), ("title_lang", "en"), ("summary_lang", "en")];
            if for_org {
                fields.push(("org", org.as_str()));
            }
            let r = acc::post_form(&app, "/en/propose", &editor, &fields).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
            let id = r.headers["location"].to_str().expect("location").rsplit('/').next().expect("id").to_string();
            let p = app.store().proposal(&id).await.expect("store").expect("proposal");
            (p.state, p.org)
        }
    };
    let (state, by) = state_after(t.app.clone(), "For the organization", true).await;
    assert_eq!((state.as_str(), by.as_deref()), ("published", Some(org.as_str())));
    let (state, _) = state_after(t.app.clone(), "In my own name", false).await;
    assert_eq!(state, "pending");
    let strict = t.app.clone().with_review(ReviewConfig { editors_publish_directly: false, ..Default::default() });
    let form = acc::get_as(&strict, "/en/propose", &editor).await.text();
    assert!(form.contains("review either way"));
    let (state, by) = state_after(strict, "Reviewed anyway", true).await;
    assert_eq!((state.as_str(), by.as_deref()), ("pending", Some(org.as_str())));
    // Another organization's id, typed in: refused on the form, with the error on the field, nothing written.
    let other = acc::org(&t.app, "other").await;
    let r =
        acc::post_form(&t.app, "/en/propose", &editor, &[("kind", "initiative"), ("title", "Sneaky"), ("org", &other)])
            .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(r.text().contains("href=\"#f-org\""), "the summary links to the field");
}
