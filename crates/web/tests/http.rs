//! The HTTP surface against a real store: pages render, the API answers, and bad input gets a 4xx JSON error.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use cogov_app::entries::{self, Actor, EntryInput};
use cogov_app::App;
use cogov_core::entry::{EntryKind, Provenance, Status, Tag};
use cogov_core::Text;
use http_body_util::BodyExt;
use tower::ServiceExt;

struct TestApp {
    app: App,
    _dir: tempfile::TempDir,
}

async fn test_app() -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = cogov_store::SqliteStore::open(&dir.path().join("t.db"), 4).await.expect("open");
    cogov_store::Store::migrate(&store).await.expect("migrate");
    let app = App::start(Box::new(store)).await.expect("start");
    TestApp { app, _dir: dir }
}

async fn get(app: &App, uri: &str) -> (StatusCode, String, Option<String>) {
    get_with(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

async fn get_with(app: &App, request: Request<Body>) -> (StatusCode, String, Option<String>) {
    let response = cogov_web::router(app.clone()).oneshot(request).await.expect("response");
    let status = response.status();
    let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string);
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned(), location)
}

#[tokio::test]
async fn framework_pages_show_every_framework_and_node_texts_in_six_languages() {
    let t = test_app().await;
    let (status, html, _) = get(&t.app, "/en/frameworks").await;
    assert_eq!(status, StatusCode::OK);
    for code in ["sdg", "wsis", "gdc", "roadmap", "igf", "hlpdc"] {
        assert!(html.contains(&format!("/en/frameworks/{code}")), "{code} missing from the list");
    }
    let expected = [
        ("ar", "القضاء على الفقر"),
        ("en", "End poverty"),
        ("es", "Poner fin a la pobreza"),
        ("fr", "Éliminer la pauvreté"),
        ("ru", "ликвидация нищеты"),
        ("zh", "消除一切形式的贫穷"),
    ];
    for (lang, text) in expected {
        let (status, html, _) = get(&t.app, &format!("/{lang}/nodes/sdg:1")).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(html.contains(text), "/{lang}/nodes/sdg:1 lacks {text:?}");
        assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
    }
    let (_, html, _) = get(&t.app, "/ar/frameworks/sdg").await;
    assert!(html.contains("dir=\"rtl\""));
}

#[tokio::test]
async fn node_page_and_api_show_crosswalks_with_paths() {
    let t = test_app().await;
    let (status, html, _) = get(&t.app, "/en/nodes/gdc:1.1.1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("/en/nodes/sdg:9\""), "direct SDG link");
    assert!(html.contains("/en/nodes/wsis:C7.e-government\""), "direct WSIS link");
    let (status, json, _) = get(&t.app, "/api/v1/nodes/gdc:1.1.1/crosswalk").await;
    assert_eq!(status, StatusCode::OK);
    let links: serde_json::Value = serde_json::from_str(&json).expect("json");
    let nodes: Vec<&str> = links.as_array().expect("array").iter().filter_map(|l| l["node"].as_str()).collect();
    assert_eq!(nodes[0], "sdg:9");
    assert!(nodes.contains(&"wsis:C11"));
    assert!(!nodes.iter().any(|n| n.starts_with("gdc:")), "own framework never listed");
}

#[tokio::test]
async fn country_names_come_in_the_page_language() {
    let t = test_app().await;
    let (_, html, _) = get(&t.app, "/fr/countries/SN").await;
    assert!(html.contains("Sénégal"), "{html}");
    assert!(html.contains("href=\"/fr/map/countries/SN\""), "the country page links its implementation-map view");
    let (_, json, _) = get(&t.app, "/api/v1/countries/SN?lang=zh").await;
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["name"], "塞内加尔");
    assert_eq!(v["ldc"], true);
    let (_, json, _) = get(&t.app, "/api/v1/countries?group=sids").await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&json).expect("json");
    assert_eq!(list.len(), 53);
}

#[tokio::test]
async fn bad_input_gets_a_4xx_json_error_naming_the_field() {
    let t = test_app().await;
    let cases = [
        ("/api/v1/nodes/sdg:99", StatusCode::NOT_FOUND, "not_found", None),
        ("/api/v1/frameworks/nope", StatusCode::NOT_FOUND, "not_found", None),
        ("/api/v1/frameworks?lang=de", StatusCode::BAD_REQUEST, "invalid_parameter", Some("lang")),
        ("/api/v1/countries/XX", StatusCode::NOT_FOUND, "not_found", None),
        ("/api/v1/countries?region=999", StatusCode::BAD_REQUEST, "invalid_parameter", Some("region")),
        ("/api/v1/entries?kind=robot", StatusCode::BAD_REQUEST, "invalid_parameter", Some("kind")),
        ("/api/v1/entries?status=draft", StatusCode::BAD_REQUEST, "invalid_parameter", Some("status")),
        ("/api/v1/entries?country=XX", StatusCode::BAD_REQUEST, "invalid_parameter", Some("country")),
        ("/api/v1/entries?node=sdg:99", StatusCode::BAD_REQUEST, "invalid_parameter", Some("node")),
        ("/api/v1/entries?limit=0", StatusCode::BAD_REQUEST, "invalid_parameter", Some("limit")),
        ("/api/v1/entries?limit=abc", StatusCode::BAD_REQUEST, "invalid_parameter", Some("limit")),
        ("/api/v1/entries?colour=red", StatusCode::BAD_REQUEST, "invalid_parameter", Some("colour")),
        ("/api/v1/entries/does-not-exist", StatusCode::NOT_FOUND, "not_found", None),
        ("/api/v1/nothing-here", StatusCode::NOT_FOUND, "not_found", None),
    ];
    for (uri, status, code, field) in cases {
        let (got, body, _) = get(&t.app, uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        let v: serde_json::Value =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {body}"));
        assert_eq!(v["error"], code, "{uri}");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{uri}");
        assert_eq!(v["field"].as_str(), field, "{uri}");
    }
    let (status, html, _) = get(&t.app, "/de/frameworks").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<html lang=\"en\""));
}

/// A path that exists asked with a method it does not have: 405 with `Allow`, JSON in the API, a page elsewhere;
/// an unknown path stays 404.
#[tokio::test]
async fn unsupported_methods_answer_405_with_allow() {
    let t = test_app().await;
    for (method, uri, allow) in [
        ("POST", "/api/v1/frameworks", "GET,HEAD"),
        ("DELETE", "/api/v1/entries", "GET,HEAD"),
        ("PUT", "/api/v1/proposals", "GET,HEAD,POST"),
        ("PATCH", "/api/v1/search", "GET,HEAD"),
        ("DELETE", "/en/frameworks", "GET,HEAD"),
        ("PUT", "/healthz", "GET,HEAD"),
    ] {
        let request = Request::builder().method(method).uri(uri).body(Body::empty()).expect("request");
        let response = cogov_web::router(t.app.clone()).oneshot(request).await.expect("response");
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        let got = response.headers().get(header::ALLOW).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let mut got: Vec<&str> = got.split(',').map(str::trim).collect();
        got.sort_unstable();
        assert_eq!(got.join(","), allow, "{method} {uri}: Allow");
        let body = response.into_body().collect().await.expect("body").to_bytes();
        let body = String::from_utf8_lossy(&body);
        if uri.starts_with("/api/") {
            let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: {e}: {body}"));
            assert_eq!(v["error"], "method_not_allowed", "{method} {uri}");
        } else if uri.starts_with("/en/") {
            assert!(body.contains("<html lang=\"en\""), "{method} {uri}: an HTML page: {body}");
        }
    }
    let request = Request::builder().method("POST").uri("/api/v1/nothing-here").body(Body::empty()).expect("req");
    let response = cogov_web::router(t.app.clone()).oneshot(request).await.expect("response");
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "an unknown path is still 404");
}

#[tokio::test]
async fn root_redirects_by_accept_language() {
    let t = test_app().await;
    let req =
        Request::get("/").header(header::ACCEPT_LANGUAGE, "de-DE,fr;q=0.8,ar;q=0.5").body(Body::empty()).expect("req");
    let (status, _, location) = get_with(&t.app, req).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/fr/"));
    let (_, _, location) = get(&t.app, "/").await;
    assert_eq!(location.as_deref(), Some("/en/"));
}

#[tokio::test]
async fn published_entries_appear_on_their_nodes_and_countries_with_history() {
    let t = test_app().await;
    let input = EntryInput {
        kind: Some(EntryKind::Initiative),
        status: Some(Status::Published),
        title: Some(Text::new("fr", "Écoles connectées <script>alert(1)</script>")),
        countries: Some(vec!["sn".into()]),
        tags: Some(vec![Tag {
            node: "sdg:4.1".into(),
            provenance: Provenance::Manual { by: "t".into() },
            evidence: None,
        }]),
        ..Default::default()
    };
    let e = entries::create(&t.app, input, &Actor::manual("tester"), "first record").await.expect("create");
    assert_eq!(e.countries, vec!["SN"]);
    let (_, html, _) = get(&t.app, "/en/nodes/sdg:4").await;
    assert!(html.contains(&format!("/en/entries/{}", e.slug)), "goal page lists entries tagged with its targets");
    assert!(!html.contains("<script>alert(1)</script>"), "content is escaped");
    let (_, html, _) = get(&t.app, "/en/countries/SN").await;
    assert!(html.contains(&e.slug));
    let (status, html, _) = get(&t.app, &format!("/en/entries/{}", e.slug)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("lang=\"fr\""), "original language is marked");
    assert!(html.contains("first record"), "history is public");
    let (_, json, _) = get(&t.app, "/api/v1/entries?node=sdg:4.1&country=SN").await;
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["total"], 1);

    let draft =
        EntryInput { kind: Some(EntryKind::Actor), title: Some(Text::new("en", "Hidden")), ..Default::default() };
    let d = entries::create(&t.app, draft, &Actor::manual("tester"), "draft").await.expect("draft");
    let (status, _, _) = get(&t.app, &format!("/api/v1/entries/{}", d.id)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "drafts are not public");
}

#[tokio::test]
async fn invalid_entries_report_every_field_and_write_nothing() {
    let t = test_app().await;
    let before = t.app.store().last_seq().await.expect("seq");
    let input = EntryInput {
        kind: Some(EntryKind::Event),
        title: Some(Text::default()),
        stakeholder_group: Some(cogov_core::entry::StakeholderGroup::Academia),
        countries: Some(vec!["XX".into()]),
        website: Some("javascript:alert(1)".into()),
        tags: Some(vec![Tag {
            node: "gdc:9.9".into(),
            provenance: Provenance::Manual { by: "t".into() },
            evidence: None,
        }]),
        ..Default::default()
    };
    let err = entries::create(&t.app, input, &Actor::manual("t"), "x").await.expect_err("invalid");
    let cogov_app::AppError::Validation(fields) = err else { panic!("expected validation errors, got {err}") };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, vec!["title", "stakeholder_group", "website", "countries[0]", "tags[0].node"]);
    assert_eq!(t.app.store().last_seq().await.expect("seq"), before);
}

#[tokio::test]
async fn readiness_and_metrics_describe_the_running_instance() {
    let t = test_app().await;
    let (status, body, _) = get(&t.app, "/readyz").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["ready"], true);
    assert_eq!(v["backend"], "sqlite");
    assert!(v["last_seq"].as_i64().is_some_and(|s| s > 0), "{body}");
    assert_eq!(v["projections"][0]["name"], "catalog");

    let _ = get(&t.app, "/en/frameworks").await;
    let (status, text, _) = get(&t.app, "/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains("cogov_http_requests_total"), "{text}");
    assert!(text.contains("route=\"/{lang}/frameworks\""), "requests are labelled by route template: {text}");
    assert!(text.contains("cogov_http_request_duration_seconds_bucket"), "latency histogram: {text}");
    assert!(text.contains("cogov_projection_lag{projection=\"catalog\"} 0"), "{text}");
}
