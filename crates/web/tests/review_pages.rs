//! The HTML pages of submission and review, driven through the whole router with real sessions (CSRF tokens,
//! cookies), on SQLite and PostgreSQL: the moderators' queue and proposal page with the decision form, the
//! public history of an entry, the stale label and the keepers' confirmation.

mod support;

use axum::http::{Method, StatusCode};
use cogov_app::{OrgRole, Role};
use serde_json::{json, Value};
use support::accounts::{self as acc, Auth, Payload};

fn body(f: &support::Fetched) -> Value {
    serde_json::from_slice(&f.body).unwrap_or_else(|_| panic!("not JSON ({}): {}", f.status, f.text()))
}

fn location(f: &support::Fetched) -> String {
    f.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderators_decide_in_the_queue_and_the_history_shows_why() {
    for t in acc::backends().await {
        let app = &t.app;
        let ana = acc::user(app, Role::User, &[]).await;
        let mo = acc::user(app, Role::Moderator, &[]).await;
        let r = acc::post_form(app, "/en/account/name", &mo, &[("name", "Mia Moderator")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());

        let new = json!({"target": "entry", "input": {"kind": "initiative", "title": {"values": {"en": "Open maps"}}}, "message": "a new map"});
        let r = acc::send(app, Method::POST, "/api/v1/proposals", Auth::Browser(&ana), Payload::Json(new)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let id = body(&r)["id"].as_str().expect("id").to_string();

        // The queue: moderators only.
        let q = acc::get_as(app, "/en/review", &mo).await;
        assert_eq!(q.status, StatusCode::OK, "{}", q.text());
        assert!(q.text().contains("Open maps") && q.text().contains(&format!("/en/proposals/{id}")), "{}", q.text());
        assert_eq!(acc::get_as(app, "/en/review", &ana).await.status, StatusCode::FORBIDDEN);
        let anon = acc::send(app, Method::GET, "/en/review", Auth::None, Payload::Empty).await;
        assert_eq!(anon.status, StatusCode::SEE_OTHER);

        // The proposal page: the proposer sees it without the decision form, the moderator with it.
        let page = format!("/en/proposals/{id}");
        let own = acc::get_as(app, &page, &ana).await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.text().contains("Open maps") && !own.text().contains("/decision"), "{}", own.text());
        let p = acc::get_as(app, &page, &mo).await;
        assert!(p.text().contains(&format!("{page}/decision")) && p.text().contains("a new map"), "{}", p.text());

        // Rejecting without a reason: inline error + linked summary, nothing changes.
        let decide = format!("{page}/decision");
        let r = acc::post_form(app, &decide, &mo, &[("decision", "reject"), ("reason", "  ")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        let html = r.text();
        assert!(
            html.contains("id=\"error-summary\"")
                && html.contains("href=\"#f-reason\"")
                && html.contains("id=\"e-reason\"")
                && html.contains("aria-invalid=\"true\""),
            "{html}"
        );
        assert_eq!(app.store().proposal(&id).await.expect("read").expect("proposal").state, "pending");
        // No decision chosen: an error too.
        let r = acc::post_form(app, &decide, &mo, &[("reason", "x")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("href=\"#f-decision\""), "{}", r.text());

        // Ask for changes, the proposer revises (API), the moderator approves through the form.
        let r =
            acc::post_form(app, &decide, &mo, &[("decision", "request_changes"), ("reason", "Add a summary")]).await;
        assert_eq!((r.status, location(&r)), (StatusCode::SEE_OTHER, page.clone()), "{}", r.text());
        assert_eq!(app.store().proposal(&id).await.expect("read").expect("proposal").state, "changes_requested");
        let revised = json!({"input": {"kind": "initiative", "title": {"values": {"en": "Open maps"}}, "summary": {"values": {"en": "Maps for all."}}}});
        let r = acc::send(
            app,
            Method::POST,
            &format!("/api/v1/proposals/{id}/revision"),
            Auth::Browser(&ana),
            Payload::Json(revised),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let p = acc::get_as(app, &page, &mo).await;
        assert!(p.text().contains("Maps for all.") && p.text().contains("Add a summary"), "{}", p.text());
        let r = acc::post_form(app, &decide, &mo, &[("decision", "approve"), ("reason", "")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let stored = app.store().proposal(&id).await.expect("read").expect("proposal");
        assert_eq!(stored.state, "approved");
        let entry =
            app.store().entry(stored.record_id.as_deref().expect("record")).await.expect("read").expect("entry");
        assert_eq!(entry.status.code(), "published");
        // Deciding twice: an error on the page, not a change.
        let r = acc::post_form(app, &decide, &mo, &[("decision", "reject"), ("reason", "late")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.store().proposal(&id).await.expect("read").expect("proposal").state, "approved");
        let q = acc::get_as(app, "/en/review", &mo).await;
        assert!(!q.text().contains(&format!("/en/proposals/{id}")), "decided proposals leave the queue");

        // The public history, anonymous: who (public names), when, why; no e-mail addresses.
        let e = acc::send(app, Method::GET, &format!("/en/entries/{}", entry.slug), Auth::None, Payload::Empty).await;
        let href = format!("/en/entries/{}/history", entry.slug);
        assert!(e.text().contains(&href), "the entry page links to its history");
        let h = acc::send(app, Method::GET, &href, Auth::None, Payload::Empty).await;
        assert_eq!(h.status, StatusCode::OK);
        let html = h.text();
        for expected in [
            "Proposal approved",
            "Changes requested",
            "Add a summary",
            "Mia Moderator",
            "Proposal submitted",
            "Revision 1",
        ] {
            assert!(html.contains(expected), "{expected} missing: {html}");
        }
        assert!(html.contains("status: Published"), "the status change is shown: {html}");
        assert!(!html.contains("example.org") && !html.contains(&ana.user_id), "private data: {html}");
        let fr =
            acc::send(app, Method::GET, &format!("/fr/entries/{}/history", entry.slug), Auth::None, Payload::Empty)
                .await;
        assert!(fr.text().contains("Proposition approuvée"), "{}", fr.text());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_entries_are_labelled_and_their_editors_confirm_them() {
    for t in acc::backends().await {
        let app = &t.app;
        let org = acc::org(app, "acme").await;
        let ed = acc::user(app, Role::User, &[(&org, OrgRole::Editor)]).await;
        let member = acc::user(app, Role::User, &[(&org, OrgRole::Member)]).await;
        app.store().confirm_entry(&org, &ed.user_id, "2020-01-01T00:00:00Z").await.expect("old confirmation");

        let anon = acc::send(app, Method::GET, "/en/entries/acme", Auth::None, Payload::Empty).await;
        assert!(anon.text().contains("Possibly out of date"), "{}", anon.text());
        assert!(!anon.text().contains("/en/entries/acme/confirm"), "no confirmation form for the public");
        let m = acc::get_as(app, "/en/entries/acme", &member).await;
        assert!(m.text().contains("Possibly out of date") && !m.text().contains("/en/entries/acme/confirm"));
        let r = acc::post_form(app, "/en/entries/acme/confirm", &member, &[]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "a member does not confirm");
        let e = acc::get_as(app, "/en/entries/acme", &ed).await;
        assert!(e.text().contains("/en/entries/acme/confirm"), "{}", e.text());

        let r = acc::post_form(app, "/en/entries/acme/confirm", &ed, &[]).await;
        assert_eq!((r.status, location(&r).as_str()), (StatusCode::SEE_OTHER, "/en/entries/acme"), "{}", r.text());
        let last = app.store().last_confirmed(std::slice::from_ref(&org)).await.expect("read");
        assert!(last.iter().any(|(id, at)| *id == org && at.as_str() > "2025"), "{last:?}");
        let anon = acc::send(app, Method::GET, "/en/entries/acme", Auth::None, Payload::Empty).await;
        assert!(!anon.text().contains("Possibly out of date"), "confirmed: no label");
        // Without the CSRF token: refused, nothing recorded.
        let no_csrf = acc::Session { csrf: "0".repeat(64), ..ed };
        let r = acc::post_form(app, "/en/entries/acme/confirm", &no_csrf, &[]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

async fn proposals_of(app: &cogov_app::App, user: &str) -> Vec<cogov_store::Proposal> {
    let q = cogov_store::ProposalQuery { proposer: Some(user.to_string()), limit: 50, ..Default::default() };
    app.store().list_proposals(&q).await.expect("proposals")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_in_people_propose_entries_and_edits_through_the_form() {
    for t in acc::backends().await {
        let app = &t.app;
        acc::org(app, "acme").await;
        let ana = acc::user(app, Role::User, &[]).await;
        let anon = acc::send(app, Method::GET, "/en/propose", Auth::None, Payload::Empty).await;
        assert_eq!(anon.status, StatusCode::SEE_OTHER);
        assert!(location(&anon).starts_with("/en/sign-in"), "{}", location(&anon));
        let form = acc::get_as(app, "/en/propose", &ana).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.text().contains("name=\"homepage\"") && form.text().contains(&ana.csrf), "{}", form.text());

        // Every problem at once, inline and in the summary; nothing stored.
        let bad = [
            ("kind", ""),
            ("title", " "),
            ("website", "ftp://example.org"),
            ("countries", "SN, XX"),
            ("tags", "sdg:4, nope:1"),
        ];
        let r = acc::post_form(app, "/en/propose", &ana, &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        let html = r.text();
        for field in ["kind", "title", "website", "countries", "tags"] {
            assert!(html.contains(&format!("href=\"#f-{field}\"")), "no summary link to {field}: {html}");
            assert!(html.contains(&format!("id=\"e-{field}\"")), "no inline error on {field}: {html}");
        }
        assert!(html.contains("“XX”") && html.contains("“nope:1”") && !html.contains("“SN”"), "{html}");
        assert!(html.contains("value=\"ftp://example.org\""), "the form keeps what was typed");
        assert!(proposals_of(app, &ana.user_id).await.is_empty());

        // The honeypot: refused, without saying why, nothing stored.
        let good = [
            ("kind", "initiative"),
            ("title", "Solar schools"),
            ("summary", "Panels on rural schools."),
            ("website", "https://solar.example.org"),
            ("countries", "sn ke"),
            ("tags", "sdg:4"),
            ("message", "from the annual report"),
        ];
        let mut trapped = good.to_vec();
        trapped.push(("homepage", "http://spam.example"));
        let r = acc::post_form(app, "/en/propose", &ana, &trapped).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(!r.text().contains("homepage") && !r.text().contains("empty"), "{}", r.text());
        assert!(proposals_of(app, &ana.user_id).await.is_empty());

        let r = acc::post_form(app, "/en/propose", &ana, &good).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let stored = proposals_of(app, &ana.user_id).await;
        assert_eq!(stored.len(), 1);
        let p = &stored[0];
        assert_eq!((p.state.as_str(), p.record_id.as_deref()), ("pending", None));
        assert_eq!(location(&r), format!("/en/proposals/{}", p.id));
        let input = &p.doc["input"];
        assert_eq!(input["title"], json!({"values": {"en": "Solar schools"}}));
        assert_eq!(input["countries"], json!(["SN", "KE"]));
        assert_eq!(input["tags"][0]["node"], "sdg:4");
        assert_eq!(p.doc["message"], "from the annual report");

        // An edit: prefilled; an unchanged form is an error; only the changed field is proposed.
        let e = acc::get_as(app, "/fr/entries/acme/propose", &ana).await;
        assert_eq!(e.status, StatusCode::OK);
        assert!(e.text().contains("value=\"Organization acme\"") && e.text().contains("lang=\"en\""), "{}", e.text());
        let same = [("kind", "actor"), ("title", "Organization acme"), ("title_lang", "en")];
        let r = acc::post_form(app, "/fr/entries/acme/propose", &ana, &same).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        assert!(r.text().contains("cette modification ne change rien"), "{}", r.text());
        let edit = [
            ("kind", "actor"),
            ("title", "Organization acme"),
            ("title_lang", "en"),
            ("summary", "Une organisation."),
            ("summary_lang", "fr"),
        ];
        let r = acc::post_form(app, "/fr/entries/acme/propose", &ana, &edit).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let stored = proposals_of(app, &ana.user_id).await;
        let p = stored.iter().find(|p| p.record_id.is_some()).expect("the edit");
        assert_eq!(p.doc["input"], json!({"summary": {"values": {"fr": "Une organisation."}}}));
        let page = acc::get_as(app, &format!("/fr/proposals/{}", p.id), &ana).await;
        assert!(page.text().contains("Une organisation."), "{}", page.text());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proposers_follow_revise_and_withdraw_their_proposals() {
    for t in acc::backends().await {
        let app = &t.app;
        let ana = acc::user(app, Role::User, &[]).await;
        let bob = acc::user(app, Role::User, &[]).await;
        let mo = acc::user(app, Role::Moderator, &[]).await;
        let empty = acc::get_as(app, "/en/proposals", &ana).await;
        assert!(empty.text().contains("You have not proposed anything yet."), "{}", empty.text());
        let propose = |title: &'static str| [("kind", "initiative"), ("title", title), ("countries", "SN")];
        let r = acc::post_form(app, "/en/propose", &ana, &propose("Solar schools")).await;
        let id = location(&r).rsplit('/').next().unwrap_or_default().to_string();
        let r2 = acc::post_form(app, "/en/propose", &ana, &propose("Rain maps")).await;
        let other = location(&r2).rsplit('/').next().unwrap_or_default().to_string();
        assert!(!id.is_empty() && !other.is_empty() && id != other);
        let r = acc::post_form(
            app,
            &format!("/en/proposals/{id}/decision"),
            &mo,
            &[("decision", "request_changes"), ("reason", "Needs a source")],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);

        let mine = acc::get_as(app, "/en/proposals", &ana).await.text();
        assert!(
            mine.contains("Solar schools")
                && mine.contains("Rain maps")
                && mine.contains("changes requested")
                && mine.contains("Needs a source"),
            "{mine}"
        );
        let page = acc::get_as(app, &format!("/en/proposals/{id}"), &ana).await.text();
        assert!(page.contains(&format!("/en/proposals/{id}/revise")) && page.contains("/withdraw"), "{page}");

        // Revising: prefilled, checked in full, back to the queue.
        let uri = format!("/en/proposals/{id}/revise");
        let form = acc::get_as(app, &uri, &ana).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.text().contains("value=\"Solar schools\"") && form.text().contains("value=\"SN\""));
        let bad = [("kind", "initiative"), ("title", "Solar schools"), ("website", "nope")];
        let r = acc::post_form(app, &uri, &ana, &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("href=\"#f-website\""), "{}", r.text());
        assert_eq!(app.store().proposal(&id).await.expect("read").expect("p").state, "changes_requested");
        let good = [("kind", "initiative"), ("title", "Solar schools"), ("website", "https://solar.example.org")];
        let r = acc::post_form(app, &uri, &ana, &good).await;
        assert_eq!((r.status, location(&r)), (StatusCode::SEE_OTHER, format!("/en/proposals/{id}")));
        let p = app.store().proposal(&id).await.expect("read").expect("p");
        assert_eq!((p.state.as_str(), &p.doc["input"]["website"]), ("pending", &json!("https://solar.example.org")));

        // Someone else can neither revise nor withdraw it.
        assert_eq!(acc::get_as(app, &uri, &bob).await.status, StatusCode::NOT_FOUND);
        let r = acc::post_form(app, &format!("/en/proposals/{other}/withdraw"), &bob, &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(app.store().proposal(&other).await.expect("read").expect("p").state, "pending");
        let r = acc::post_form(app, &format!("/en/proposals/{other}/withdraw"), &ana, &[]).await;
        assert_eq!((r.status, location(&r).as_str()), (StatusCode::SEE_OTHER, "/en/proposals"));
        assert_eq!(app.store().proposal(&other).await.expect("read").expect("p").state, "withdrawn");
        let page = acc::get_as(app, &format!("/en/proposals/{other}"), &ana).await.text();
        assert!(!page.contains("/withdraw") && page.contains("withdrawn"), "{page}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organization_editors_manage_members_and_requests_to_join() {
    for t in acc::backends().await {
        let app = &t.app;
        let org = acc::org(app, "acme").await;
        let ed = acc::user(app, Role::User, &[(&org, OrgRole::Editor)]).await;
        let m = acc::user(app, Role::User, &[(&org, OrgRole::Member)]).await;
        let outsider = acc::user(app, Role::User, &[]).await;
        let newbie = acc::user(app, Role::User, &[]).await;
        acc::post_form(app, "/en/account/name", &ed, &[("name", "Eda Editor")]).await;
        let role_of = |user: String| {
            let org = org.clone();
            async move {
                let list = app.store().memberships_of(&user).await.expect("memberships");
                list.into_iter().find(|x| x.org_id == org).map(|x| x.role)
            }
        };
        let page = "/en/entries/acme/members";
        assert_eq!(acc::send(app, Method::GET, page, Auth::None, Payload::Empty).await.status, StatusCode::SEE_OTHER);
        let r = acc::get_as(app, "/en/entries/acme", &outsider).await;
        assert!(r.text().contains(page), "the organization's page links to its members");

        // Asking to join; the editor accepts.
        let o = acc::get_as(app, page, &outsider).await.text();
        assert!(o.contains("/en/entries/acme/join") && !o.contains("Eda Editor"), "{o}");
        let r = acc::post_form(app, "/en/entries/acme/join", &outsider, &[("message", "I work there")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        assert!(acc::get_as(app, page, &outsider).await.text().contains("is waiting"));
        let pending = app.store().join_requests(Some(&org), None, &["pending".into()]).await.expect("requests");
        assert_eq!(pending.len(), 1);
        let e = acc::get_as(app, page, &ed).await.text();
        assert!(e.contains("I work there") && e.contains(&format!("join-requests/{}", pending[0].id)), "{e}");
        let r = acc::post_form(
            app,
            &format!("/en/entries/acme/join-requests/{}", pending[0].id),
            &m,
            &[("decision", "approve")],
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "a member does not decide");
        let r = acc::post_form(
            app,
            &format!("/en/entries/acme/join-requests/{}", pending[0].id),
            &ed,
            &[("decision", "approve")],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(role_of(outsider.user_id.clone()).await.as_deref(), Some("member"));

        // Adding: every error at once, then by e-mail address.
        let r = acc::post_form(app, page, &ed, &[("person", ""), ("role", "boss")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text();
        assert!(html.contains("href=\"#f-person\"") && html.contains("href=\"#f-role\""), "{html}");
        let r = acc::post_form(app, page, &ed, &[("person", "nobody@example.org"), ("role", "member")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("no account has this address"), "{}", r.text());
        let r = acc::post_form(app, page, &m, &[("person", newbie.email.as_str()), ("role", "editor")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(role_of(newbie.user_id.clone()).await, None);
        let r = acc::post_form(app, page, &ed, &[("person", newbie.email.as_str()), ("role", "editor")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        assert_eq!(role_of(newbie.user_id.clone()).await.as_deref(), Some("editor"));

        // Members see the list, without the editors' forms.
        let ml = acc::get_as(app, page, &m).await.text();
        assert!(ml.contains("Eda Editor") && !ml.contains("/members/remove"), "{ml}");
        let r = acc::post_form(app, "/en/entries/acme/members/remove", &ed, &[("user", m.user_id.as_str())]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(role_of(m.user_id.clone()).await, None);

        // The last editor stays.
        let solo_org = acc::org(app, "solo").await;
        let solo = acc::user(app, Role::User, &[(&solo_org, OrgRole::Editor)]).await;
        let r = acc::post_form(app, "/en/entries/solo/members/remove", &solo, &[("user", solo.user_id.as_str())]).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.text().contains("the last editor cannot be removed"), "{}", r.text());
    }
}

/// The signed-in pages (not in tests/pages.txt, which fetches anonymously) render in all six languages with
/// every message found, and content typed by people stays inert text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_in_review_pages_render_in_every_language() {
    let t = acc::sqlite_app().await;
    let app = &t.app;
    let org = acc::org(app, "acme").await;
    let ed = acc::user(app, Role::User, &[(&org, OrgRole::Editor)]).await;
    let ana = acc::user(app, Role::User, &[]).await;
    let mo = acc::user(app, Role::Moderator, &[]).await;
    let xss = "<script>alert(1)</script>";
    let r = acc::post_form(app, "/en/propose", &ana, &[("kind", "event"), ("title", xss), ("message", xss)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let id = location(&r).rsplit('/').next().unwrap_or_default().to_string();
    acc::post_form(app, "/en/entries/acme/join", &ana, &[("message", xss)]).await;
    for lang in cogov_core::Lang::ALL {
        let l = lang.code();
        let pages = [
            (format!("/{l}/review"), &mo),
            (format!("/{l}/proposals/{id}"), &mo),
            (format!("/{l}/proposals/{id}"), &ana),
            (format!("/{l}/proposals/{id}/revise"), &ana),
            (format!("/{l}/proposals"), &ana),
            (format!("/{l}/propose"), &ana),
            (format!("/{l}/entries/acme/propose"), &ana),
            (format!("/{l}/entries/acme/members"), &ed),
            (format!("/{l}/entries/acme/members"), &ana),
            (format!("/{l}/entries/acme/history"), &ana),
        ];
        for (uri, who) in pages {
            let r = acc::get_as(app, &uri, who).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            let html = r.text();
            assert!(!html.contains("Unknown localization key"), "{uri}: missing message");
            assert!(html.contains(&format!("<html lang=\"{l}\"")), "{uri}");
            assert!(!html.contains(xss) && !html.contains("<script>alert"), "{uri}: script not escaped");
        }
    }
}
