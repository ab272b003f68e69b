//! The OpenAPI document: every JSON route of the router is in it (and nothing else), it is served, its responses
//! match real answers, and a snapshot shows every change to it in review.

mod support;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use cogov_app::ErrorCode;
use support::{fetch, seeded_app};

/// `(method, path)` of every route the router holds, read from the router's `Debug` output (axum has no other
/// way to list routes). Page routes (`/{lang}/…`) and non-JSON assets are left out by the caller.
fn router_routes(router: &axum::Router) -> BTreeSet<(String, String)> {
    let debug = format!("{router:?}");
    // `paths: {RouteId(3): "/api/v1/regions", …}` and `routes: {RouteId(3): MethodRouter(MethodRouter { get:
    // BoxedHandler, head: None, …`.
    let mut paths = std::collections::HashMap::new();
    let mut rest = debug.as_str();
    while let Some(i) = rest.find("RouteId(") {
        rest = &rest[i + "RouteId(".len()..];
        let Some(close) = rest.find(')') else { break };
        let id = rest[..close].to_string();
        let after = &rest[close + 1..];
        if let Some(path) = after.strip_prefix(": \"") {
            if let Some(end) = path.find('"') {
                paths.insert(id.clone(), path[..end].to_string());
            }
        }
    }
    let mut out = BTreeSet::new();
    let mut rest = debug.as_str();
    while let Some(i) = rest.find("RouteId(") {
        rest = &rest[i + "RouteId(".len()..];
        let Some(close) = rest.find(')') else { break };
        let id = rest[..close].to_string();
        let after = &rest[close + 1..];
        if let Some(body) = after.strip_prefix(": MethodRouter(MethodRouter {") {
            let end = body.find("fallback:").unwrap_or(body.len());
            for field in body[..end].split(", ") {
                let Some((method, value)) = field.trim().split_once(": ") else { continue };
                if value != "None" && method != "head" {
                    if let Some(path) = paths.get(&id) {
                        out.insert((method.to_string(), path.clone()));
                    }
                }
            }
        }
    }
    out
}

#[tokio::test]
async fn every_json_route_is_in_the_document_and_nothing_else() {
    let t = seeded_app().await;
    let routes = router_routes(&cogov_web::router(t.app.clone()));
    assert!(
        routes.contains(&("get".to_string(), "/api/v1/frameworks".to_string())),
        "the router's routes could not be read from its Debug output (axum changed it?): {routes:?}"
    );
    let json: BTreeSet<(String, String)> = routes
        .into_iter()
        .filter(|(_, p)| p != "/api/v1")
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|(_, p)| p.starts_with("/api/") || ["/healthz", "/readyz", "/metrics"].contains(&p.as_str()))
        // The API's own not-found fallback, mounted by `nest`.
        .filter(|(_, p)| !p.contains("__private__axum_fallback"))
        .collect();
    let documented: BTreeSet<(String, String)> = cogov_web::openapi::operations().into_iter().collect();
    let missing: Vec<_> = json.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "routes missing from the OpenAPI document (see crates/web/src/openapi.rs on how to add them): {missing:?}"
    );
    let extra: Vec<_> = documented.difference(&json).collect();
    assert!(extra.is_empty(), "documented operations the router does not have: {extra:?}");
}

#[tokio::test]
async fn the_document_is_served_and_is_openapi_3_1() {
    let t = seeded_app().await;
    let r = fetch(&t.app, "/api/v1/openapi.json", &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "application/json");
    let doc: serde_json::Value = serde_json::from_slice(&r.body).expect("JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/api/v1/entries"]["get"]["parameters"].as_array().is_some_and(|p| p.len() == 6));
    let codes: Vec<&str> = doc["components"]["schemas"]["ErrorBody"]["properties"]["error"]["enum"]
        .as_array()
        .expect("error codes")
        .iter()
        .filter_map(|c| c.as_str())
        .collect();
    assert_eq!(codes, ErrorCode::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>());
}

/// Every schema referenced from the document exists, and real answers of the fixture instance carry exactly the
/// properties the document declares (a field added to a type without the schema following fails here).
#[tokio::test]
async fn real_answers_have_the_documented_properties() {
    let t = seeded_app().await;
    let doc = serde_json::to_value(cogov_web::openapi::document()).expect("document");
    let text = doc.to_string();
    for piece in text.split("\"#/components/schemas/").skip(1) {
        let name = &piece[..piece.find('"').expect("ref end")];
        assert!(doc["components"]["schemas"].get(name).is_some(), "dangling $ref to {name}");
    }
    let cases = [
        ("/api/v1/frameworks", "FrameworkSummary"),
        ("/api/v1/frameworks/sdg", "FrameworkView"),
        ("/api/v1/nodes/sdg:9", "NodeDetail"),
        ("/api/v1/entries", "EntryList"),
        ("/api/v1/countries/FR", "CountryView"),
        ("/api/v1/search?q=data", "SearchResults"),
        ("/api/v1/search/status", "Lag"),
        ("/api/v1/map/heatmap", "View"),
        ("/api/v1/map/coverage", "Coverage"),
        ("/api/v1/frameworks/nope", "ErrorBody"),
        ("/api/v1/entries?limit=0", "ErrorBody"),
    ];
    for (uri, schema) in cases {
        let r = fetch(&t.app, uri, &[]).await;
        let body: serde_json::Value = serde_json::from_slice(&r.body).expect(uri);
        let value = match &body {
            serde_json::Value::Array(items) => items.first().cloned().expect(uri),
            other => other.clone(),
        };
        let declared = properties(&doc, schema);
        let actual: BTreeSet<String> = value.as_object().expect(uri).keys().cloned().collect();
        let undeclared: Vec<_> = actual.difference(&declared).collect();
        assert!(undeclared.is_empty(), "{uri}: properties not in schema {schema}: {undeclared:?}");
    }
}

/// The property names of a schema, following `allOf` (flattened structs) and `$ref`s.
fn properties(doc: &serde_json::Value, name: &str) -> BTreeSet<String> {
    fn walk(doc: &serde_json::Value, s: &serde_json::Value, out: &mut BTreeSet<String>) {
        if let Some(r) = s["$ref"].as_str() {
            let name = r.trim_start_matches("#/components/schemas/");
            walk(doc, &doc["components"]["schemas"][name], out);
        }
        if let Some(p) = s["properties"].as_object() {
            out.extend(p.keys().cloned());
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for part in s[key].as_array().into_iter().flatten() {
                walk(doc, part, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(doc, &doc["components"]["schemas"][name], &mut out);
    assert!(!out.is_empty(), "schema {name} has no properties");
    out
}

#[test]
fn snapshot() {
    let json = cogov_web::openapi::document().to_pretty_json().expect("JSON");
    insta::assert_snapshot!("document", json);
}

/// The error-code table of docs/api.md lists exactly the codes of `ErrorCode`, each with the HTTP status the
/// API sends for it.
#[test]
fn the_error_table_in_the_docs_matches_the_code() {
    let doc = include_str!("../../../docs/api.md");
    let table = doc.split("| code | HTTP | meaning |").nth(1).expect("error table in docs/api.md");
    let rows: Vec<(String, u16)> = table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[2].parse().expect("HTTP status"))
        })
        .collect();
    let expected: Vec<(String, u16)> =
        ErrorCode::ALL.iter().map(|c| (c.as_str().to_string(), cogov_web::error::status_of(*c).as_u16())).collect();
    assert_eq!(rows, expected, "docs/api.md's error table and app::ErrorCode disagree");
}
