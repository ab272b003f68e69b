//! The write API of submission and review through the whole router (sessions, tokens, CSRF, JSON errors).

mod support;

use axum::http::{Method, StatusCode};
use cogov_app::{OrgRole, Role, Scope};
use serde_json::{json, Value};
use support::accounts::{self as acc, Auth, Payload};

fn body(f: &support::Fetched) -> Value {
    serde_json::from_slice(&f.body).unwrap_or_else(|_| panic!("not JSON ({}): {}", f.status, f.text()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proposals_are_reviewed_through_the_api() {
    let t = acc::sqlite_app().await;
    let app = &t.app;
    let org = acc::org(app, "acme").await;
    let ana = acc::user(app, Role::User, &[]).await;
    let ed = acc::user(app, Role::User, &[(&org, OrgRole::Editor)]).await;
    let mo = acc::user(app, Role::Moderator, &[]).await;
    let ana_write = acc::token(app, &ana, Scope::Write).await;
    let ana_read = acc::token(app, &ana, Scope::Read).await;

    // Validation: every field, nothing stored.
    let bad = json!({"target": "entry", "input": {"kind": "initiative", "title": {"values": {}}, "countries": ["XX"]}});
    let r = acc::send(app, Method::POST, "/api/v1/proposals", Auth::Bearer(&ana_write), Payload::Json(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let errors = body(&r)["errors"].as_array().cloned().unwrap_or_default();
    assert!(
        errors.len() >= 2
            && errors.iter().all(|e| e["field"].is_string() && e["code"].is_string() && e["message"].is_string()),
        "{errors:?}"
    );
    let mine = acc::send(app, Method::GET, "/api/v1/proposals", Auth::Bearer(&ana_read), Payload::Empty).await;
    assert_eq!(body(&mine), json!([]));

    let good = json!({"target": "entry", "input": {"kind": "initiative", "title": {"values": {"en": "Open maps"}}}, "message": "new"});
    let r =
        acc::send(app, Method::POST, "/api/v1/proposals", Auth::Bearer(&ana_read), Payload::Json(good.clone())).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a read token cannot write");
    let r = acc::send(app, Method::POST, "/api/v1/proposals", Auth::Bearer(&ana_write), Payload::Json(good)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = body(&r)["id"].as_str().expect("id").to_string();

    // A moderator's browser session asks for changes, the proposer revises, the moderator approves.
    let queue = acc::send(app, Method::GET, "/api/v1/proposals/queue", Auth::Browser(&mo), Payload::Empty).await;
    assert_eq!(body(&queue).as_array().map(Vec::len), Some(1), "{}", queue.text());
    let decide = |d: &str, reason: &str| json!({"decision": d, "reason": reason});
    let uri = format!("/api/v1/proposals/{id}/decision");
    let r = acc::send(
        app,
        Method::POST,
        &uri,
        Auth::Browser(&mo),
        Payload::Json(decide("request_changes", "add a summary")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let revised = json!({"input": {"kind": "initiative", "title": {"values": {"en": "Open maps"}}, "summary": {"values": {"en": "Maps."}}}});
    let r = acc::send(
        app,
        Method::POST,
        &format!("/api/v1/proposals/{id}/revision"),
        Auth::Bearer(&ana_write),
        Payload::Json(revised),
    )
    .await;
    assert_eq!(body(&r)["state"], "pending", "{}", r.text());
    let r = acc::send(app, Method::POST, &uri, Auth::Browser(&mo), Payload::Json(decide("approve", "ok"))).await;
    assert_eq!(body(&r)["state"], "approved", "{}", r.text());
    let entry = body(&r)["record_id"].as_str().expect("record").to_string();

    // The public history, anonymous.
    let h = acc::send(app, Method::GET, &format!("/api/v1/history/entry/{entry}"), Auth::None, Payload::Empty).await;
    let kinds: Vec<String> =
        body(&h).as_array().expect("list").iter().map(|i| i["kind"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(kinds, ["approved", "revision", "resubmitted", "changes_requested", "submitted"]);
    assert!(!h.text().contains("example.org") && !h.text().contains(&ana.user_id), "private data: {}", h.text());

    // An editor publishes directly for their organization; members are managed by editors.
    let own = json!({"target": "entry", "record": "acme", "input": {"website": "https://acme.example"}});
    let r = acc::send(app, Method::POST, "/api/v1/proposals", Auth::Browser(&ed), Payload::Json(own)).await;
    assert_eq!(body(&r)["state"], "published", "{}", r.text());
    let add = json!({"person": ana.email, "role": "member"});
    let r =
        acc::send(app, Method::POST, "/api/v1/orgs/acme/members", Auth::Browser(&ed), Payload::Json(add.clone())).await;
    assert_eq!(body(&r)["role"], "member", "{}", r.text());
    let r =
        acc::send(app, Method::POST, "/api/v1/orgs/acme/members", Auth::Bearer(&ana_write), Payload::Json(add)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = acc::send(app, Method::POST, "/api/v1/entries/acme/confirm", Auth::Browser(&ed), Payload::Empty).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
}
