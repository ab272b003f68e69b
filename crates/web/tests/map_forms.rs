//! The forms of the GDC implementation map, through the whole router with real sessions, on SQLite and
//! PostgreSQL: declaring a contribution and an endorsement (bad input: every error at once, nothing written),
//! review and direct publishing by an organization's editors, corrections shown before / after, revisions, the
//! public history of contributions and endorsements, and the links to the forms from the map's pages.

mod support;

use axum::http::{Method, StatusCode};
use cogov_app::{OrgRole, Role};
use cogov_store::ContributionQuery;
use serde_json::json;
use support::accounts::{self as acc, Auth, Payload};

fn location(f: &support::Fetched) -> String {
    f.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

fn proposal_id(f: &support::Fetched) -> String {
    let at = location(f);
    assert!(at.starts_with("/en/proposals/"), "{} → {at}: {}", f.status, f.text());
    at.trim_start_matches("/en/proposals/").to_string()
}

async fn count_contributions(app: &cogov_app::App) -> i64 {
    app.store().count_contributions(&ContributionQuery::default()).await.expect("count")
}

/// A good contribution form for organization `org`.
fn good<'a>(org: &'a str, progress: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("contributor", org),
        ("commitments", "gdc:1.1.1"),
        ("commitments", "gdc:2.4"),
        ("sdg_targets", "9.c"),
        ("wsis_lines", "wsis:C3"),
        ("text_lang", "en"),
        ("title", "Schools online"),
        ("description", "Connecting rural schools."),
        ("lang2", "fr"),
        ("title2", "Écoles en ligne"),
        ("description2", ""),
        ("start", "2025-01-01"),
        ("end", "2026-12-31"),
        ("progress", progress),
        ("countries", "ke, SN"),
        ("evidence", "https://example.org/report Annual report"),
        ("evidence_level", "documented"),
        ("message", "Our programme."),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contributions_are_declared_reviewed_corrected_and_have_a_public_history() {
    for t in acc::backends().await {
        let app = &t.app;
        let org = acc::org(app, "acme").await;
        let ana = acc::user(app, Role::User, &[(&org, OrgRole::Member)]).await;
        let ed = acc::user(app, Role::User, &[(&org, OrgRole::Editor)]).await;
        let mo = acc::user(app, Role::Moderator, &[]).await;
        let r = acc::post_form(app, "/en/account/name", &mo, &[("name", "Mia Moderator")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);

        // The form: signed-in only; linked from a commitment starts with it ticked; the member's organization
        // is filled in.
        let anon = acc::send(app, Method::GET, "/en/map/contribute", Auth::None, Payload::Empty).await;
        assert_eq!(anon.status, StatusCode::SEE_OTHER);
        let f = acc::get_as(app, "/en/map/contribute?commitment=gdc:1.1.1&country=KE", &ana).await;
        assert_eq!(f.status, StatusCode::OK, "{}", f.text());
        let html = f.text();
        assert!(html.contains(r#"value="gdc:1.1.1" checked"#), "{html}");
        assert!(html.contains(r#"name="contributor" type="text" value="acme""#), "{html}");
        assert!(!html.contains(r#"value="verified""#), "only moderators may choose verified: {html}");
        let m = acc::get_as(app, "/en/map/contribute", &mo).await;
        assert!(m.text().contains(r#"value="verified""#));

        // Bad input: every problem at once, inline and in the summary; nothing written.
        let bad = [
            ("contributor", "acme"),
            ("commitments", "gdc:9.9"),
            ("commitments", "gdc:1.1.1"),
            ("title", "Schools"),
            ("start", "2026-02-01"),
            ("end", "2026-01-01"),
            ("progress", "ongoing"),
            ("countries", "KE, ZZ"),
            ("evidence", "ftp://example.org/report"),
            ("evidence_level", "verified"),
        ];
        let r = acc::post_form(app, "/en/map/contribute", &ana, &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        let html = r.text();
        for field in ["commitments", "end", "countries", "evidence", "evidence_level"] {
            assert!(html.contains(&format!("href=\"#f-{field}\"")), "summary link to {field}: {html}");
            assert!(html.contains(&format!("id=\"e-{field}\"")), "inline error on {field}: {html}");
        }
        for text in [
            "“gdc:9.9” is not a commitment",
            "the period ends before it starts",
            "no country with the code “ZZ”",
            "“ftp://example.org/report” is not a web address",
            "only moderators can mark a contribution as verified",
        ] {
            assert!(html.contains(text), "{text}: {html}");
        }
        assert!(html.contains(r#"value="gdc:1.1.1" checked"#), "the form keeps what was typed");
        assert!(html.contains("aria-invalid=\"true\""));
        let none = [("title", ""), ("progress", "sideways")];
        let r = acc::post_form(app, "/en/map/contribute", &ana, &none).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        for field in ["contributor", "commitments", "title", "start", "progress"] {
            assert!(r.text().contains(&format!("href=\"#f-{field}\"")), "{field}: {}", r.text());
        }
        assert_eq!(count_contributions(app).await, 0);
        assert!(app.store().list_proposals(&Default::default()).await.expect("list").is_empty(), "nothing written");

        // A member proposes: pending until a moderator approves it.
        let r = acc::post_form(app, "/en/map/contribute", &ana, &good("acme", "ongoing")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let id = proposal_id(&r);
        assert_eq!(app.store().proposal(&id).await.expect("read").expect("proposal").state, "pending");
        assert_eq!(count_contributions(app).await, 0);
        let page = acc::get_as(app, &format!("/en/proposals/{id}"), &mo).await.text();
        assert!(page.contains("Schools online") && page.contains("GDC contribution"), "{page}");
        let r = acc::post_form(app, &format!("/en/proposals/{id}/decision"), &mo, &[("decision", "approve")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let cid = app.store().proposal(&id).await.expect("read").expect("proposal").record_id.expect("record");
        let c = app.store().contribution(&cid).await.expect("read").expect("contribution");
        assert_eq!(c.status.code(), "published");
        assert_eq!(c.commitments, vec!["gdc:1.1.1", "gdc:2.4"]);
        assert_eq!(c.sdg_targets, vec!["sdg:9.c"]);
        assert_eq!(c.countries, vec!["KE", "SN"]);
        assert_eq!(c.title.values.get("fr").map(String::as_str), Some("Écoles en ligne"));
        assert_eq!(c.evidence[0].label.as_deref(), Some("Annual report"));

        // The contribution page links to its public history and to the correction form.
        let p = acc::send(app, Method::GET, &format!("/en/map/contributions/{cid}"), Auth::None, Payload::Empty).await;
        let history = format!("/en/map/contributions/{cid}/history");
        assert!(p.text().contains(&history) && p.text().contains(&format!("/en/map/contributions/{cid}/propose")));

        // A correction (progress update): the proposal page shows before and after.
        let f = acc::get_as(app, &format!("/en/map/contributions/{cid}/propose"), &ana).await;
        assert_eq!(f.status, StatusCode::OK, "{}", f.text());
        assert!(f.text().contains("Écoles en ligne") && f.text().contains(r#"<option value="ongoing" selected>"#));
        let mut update = good("acme", "completed");
        update.retain(|(k, _)| *k != "message");
        update.push(("message", "Finished early."));
        let r = acc::post_form(app, &format!("/en/map/contributions/{cid}/propose"), &ana, &update).await;
        let edit = proposal_id(&r);
        let stored = app.store().proposal(&edit).await.expect("read").expect("proposal");
        assert_eq!(stored.doc["input"], json!({"progress": "completed"}), "only the changed field is proposed");
        let page = acc::get_as(app, &format!("/en/proposals/{edit}"), &mo).await.text();
        assert!(page.contains("<del>ongoing</del>") && page.contains("<ins>completed</ins>"), "{page}");
        // An unchanged correction is refused with a message.
        let r =
            acc::post_form(app, &format!("/en/map/contributions/{cid}/propose"), &ana, &good("acme", "ongoing")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        // Changes requested, revised through the form, approved: the applied proposal still shows before/after.
        let decide = format!("/en/proposals/{edit}/decision");
        let r =
            acc::post_form(app, &decide, &mo, &[("decision", "request_changes"), ("reason", "Add the end date")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let own = acc::get_as(app, &format!("/en/proposals/{edit}"), &ana).await.text();
        assert!(own.contains(&format!("/en/map/proposals/{edit}/revise")), "{own}");
        let rf = acc::get_as(app, &format!("/en/map/proposals/{edit}/revise"), &ana).await;
        assert_eq!(rf.status, StatusCode::OK, "{}", rf.text());
        assert!(rf.text().contains(r#"<option value="completed" selected>"#), "{}", rf.text());
        let mut revised = good("acme", "completed");
        revised.retain(|(k, _)| *k != "end");
        revised.push(("end", "2025-10-31"));
        let r = acc::post_form(app, &format!("/en/map/proposals/{edit}/revise"), &ana, &revised).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let r = acc::post_form(app, &decide, &mo, &[("decision", "approve")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let page = acc::get_as(app, &format!("/en/proposals/{edit}"), &ana).await.text();
        assert!(page.contains("<del>ongoing</del>") && page.contains("<ins>completed</ins>"), "{page}");
        let c = app.store().contribution(&cid).await.expect("read").expect("contribution");
        assert_eq!((c.progress.code(), c.period.end.as_deref()), ("completed", Some("2025-10-31")));

        // The public history: who, when, why, the status change; no private data.
        let h = acc::send(app, Method::GET, &history, Auth::None, Payload::Empty).await;
        assert_eq!(h.status, StatusCode::OK);
        let html = h.text();
        for expected in
            ["Proposal approved", "Changes requested", "Add the end date", "Mia Moderator", "Revision 2", "Revision 1"]
        {
            assert!(html.contains(expected), "{expected}: {html}");
        }
        assert!(html.contains("status: Published"), "{html}");
        assert!(!html.contains(&ana.email) && !html.contains(&ana.user_id), "private data: {html}");
        let fr = acc::send(app, Method::GET, &format!("/fr{}", &history[3..]), Auth::None, Payload::Empty).await;
        assert!(fr.text().contains("Proposition approuvée"), "{}", fr.text());

        // An editor of the organization publishes directly.
        let r = acc::post_form(app, "/en/map/contribute", &ed, &good("acme", "planned")).await;
        let direct = proposal_id(&r);
        let p = app.store().proposal(&direct).await.expect("read").expect("proposal");
        assert_eq!(p.state, "published");
        let c = app.store().contribution(p.record_id.as_deref().expect("record")).await.expect("read").expect("c");
        assert_eq!(c.status.code(), "published");
        // A moderator may mark evidence verified; anyone else is refused, through the API too.
        let mut verified = good("acme", "ongoing");
        verified.retain(|(k, _)| *k != "evidence_level");
        verified.push(("evidence_level", "verified"));
        let r = acc::post_form(app, "/en/map/contribute", &mo, &verified).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let api = json!({"target": "contribution", "input": {"contributor": "acme", "commitments": ["gdc:1.1.1"],
            "title": {"values": {"en": "X"}}, "period": {"start": "2025-01-01"}, "progress": "planned",
            "evidence": [{"url": "https://example.org"}], "evidence_level": "verified"}});
        let r = acc::send(app, Method::POST, "/api/v1/proposals", Auth::Browser(&ana), Payload::Json(api)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        assert!(r.text().contains("moderators_only"), "{}", r.text());

        // The map's pages link to the form.
        for (url, link) in [
            ("/en/map/commitments/gdc:1.1.1", "/en/map/contribute?commitment=gdc:1.1.1"),
            ("/en/map/countries/KE", "/en/map/contribute?country=KE"),
            ("/en/map", "/en/map/contribute"),
        ] {
            let p = acc::send(app, Method::GET, url, Auth::None, Payload::Empty).await;
            assert!(p.text().contains(link), "{url} links to {link}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endorsements_are_declared_through_a_form_and_have_a_public_history() {
    for t in acc::backends().await {
        let app = &t.app;
        let org = acc::org(app, "acme").await;
        acc::org(app, "other").await;
        let ana = acc::user(app, Role::User, &[(&org, OrgRole::Member)]).await;
        let mo = acc::user(app, Role::Moderator, &[]).await;
        let list = acc::send(app, Method::GET, "/en/map/endorsements", Auth::None, Payload::Empty).await;
        assert!(list.text().contains("/en/map/endorse\""), "the list links to the form");

        let f = acc::get_as(app, "/en/map/endorse", &ana).await;
        assert_eq!(f.status, StatusCode::OK, "{}", f.text());
        assert!(f.text().contains(r#"name="actor" type="text" value="acme""#), "{}", f.text());
        assert!(f.text().contains(r#"value="gdc:5""#));

        let bad = [("actor", "no-such-org"), ("date", "2025-13-01"), ("objectives", "gdc:9")];
        let r = acc::post_form(app, "/en/map/endorse", &ana, &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        let html = r.text();
        for field in ["actor", "date", "objectives"] {
            assert!(html.contains(&format!("href=\"#f-{field}\"")) && html.contains(&format!("id=\"e-{field}\"")));
        }
        assert!(html.contains("no organization or initiative “no-such-org”"), "{html}");
        assert!(html.contains("“gdc:9” is not an objective"), "{html}");
        assert!(app.store().list_endorsements(&[]).await.expect("list").is_empty());

        let good = [
            ("actor", "acme"),
            ("date", "2025-01-02"),
            ("objectives", "gdc:1"),
            ("objectives", "gdc:3"),
            ("statement_lang", "fr"),
            ("statement", "Nous soutenons le Pacte."),
        ];
        let r = acc::post_form(app, "/en/map/endorse", &ana, &good).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let id = proposal_id(&r);
        let r = acc::post_form(app, &format!("/en/proposals/{id}/decision"), &mo, &[("decision", "approve")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let all = app.store().list_endorsements(&["published".into()]).await.expect("list");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].objectives, vec!["gdc:1", "gdc:3"]);
        assert_eq!(all[0].statement.values.get("fr").map(String::as_str), Some("Nous soutenons le Pacte."));

        // Endorsing twice: a field error, nothing written.
        let r = acc::post_form(app, "/en/map/endorse", &ana, &good).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        assert!(r.text().contains("has already endorsed") && r.text().contains("id=\"e-actor\""));

        // Listed, with a link to the endorsement's public history.
        let list = acc::send(app, Method::GET, "/en/map/endorsements", Auth::None, Payload::Empty).await.text();
        let history = format!("/en/map/endorsements/{}/history", all[0].id);
        assert!(list.contains("Organization acme") && list.contains(&history), "{list}");
        let h = acc::send(app, Method::GET, &history, Auth::None, Payload::Empty).await;
        assert_eq!(h.status, StatusCode::OK);
        assert!(h.text().contains("Proposal approved") && h.text().contains("Revision 1"), "{}", h.text());
    }
}

#[tokio::test]
async fn the_forms_are_translated_in_every_language() {
    let t = acc::sqlite_app().await;
    let org = acc::org(&t.app, "acme").await;
    let ed = acc::user(&t.app, Role::User, &[(&org, OrgRole::Editor)]).await;
    for lang in ["en", "fr", "es", "ar", "zh", "ru"] {
        for url in [format!("/{lang}/map/contribute"), format!("/{lang}/map/endorse")] {
            let r = acc::get_as(&t.app, &url, &ed).await;
            assert_eq!(r.status, StatusCode::OK, "{url}");
            let html = r.text();
            assert!(!html.contains("Unknown localization key"), "{url}: {html}");
            assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{url}");
            if lang != "en" {
                for english in
                    ["Organization or initiative", "Evidence links", "Objectives supported", "Send for review"]
                {
                    assert!(!html.contains(english), "{url}: English text {english:?}");
                }
            }
        }
        // Errors too.
        let r = acc::post_form(&t.app, &format!("/{lang}/map/contribute"), &ed, &[("countries", "ZZ")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!r.text().contains("Unknown localization key") && r.text().contains("ZZ"), "{lang}");
    }
}
