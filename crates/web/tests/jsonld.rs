//! schema.org JSON-LD: in every entry page (a data block the CSP does not need to allow) and at
//! `/api/v1/entries/{id}.jsonld`.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use cogov_app::entries::{self, Actor, EntryInput};
use cogov_app::App;
use cogov_core::entry::{EntryKind, Status};
use cogov_core::Text;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

async fn get(app: &App, uri: &str) -> (StatusCode, String, String, String) {
    let request = Request::get(uri).body(Body::empty()).expect("request");
    let response = cogov_web::router(app.clone()).oneshot(request).await.expect("response");
    let status = response.status();
    let header_of = |name| {
        response.headers().get(name).and_then(|v: &header::HeaderValue| v.to_str().ok()).unwrap_or("").to_string()
    };
    let (ctype, csp) = (header_of(header::CONTENT_TYPE), header_of(header::CONTENT_SECURITY_POLICY));
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned(), ctype, csp)
}

fn embedded(html: &str) -> Value {
    let start = html.find(r#"<script type="application/ld+json">"#).expect("a JSON-LD block") + 35;
    let end = start + html[start..].find("</script>").expect("end of block");
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[tokio::test]
async fn entry_pages_embed_json_ld_and_the_api_serves_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = cogov_store::SqliteStore::open(&dir.path().join("t.db"), 4).await.expect("open");
    cogov_store::Store::migrate(&store).await.expect("migrate");
    let app = App::start(Box::new(store)).await.expect("start");
    let registry = cogov_interop::demo::registry(&app.catalog().countries);
    let summary = cogov_app::import::run(&app, &registry, &Default::default(), None).await.expect("import");
    assert!(summary.rejected.is_empty());

    let dhis2 = app.store().entry_by_external_id("dpg-registry", "dhis2").await.expect("q").expect("dhis2");
    let (status, html, _, page_csp) = get(&app, &format!("/en/entries/{}", dhis2.slug)).await;
    assert_eq!(status, StatusCode::OK);
    let ld = embedded(&html);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "SoftwareApplication");
    assert_eq!(ld["name"]["@value"], "DHIS2");
    assert!(ld["about"]
        .as_array()
        .expect("about")
        .iter()
        .any(|t| t["termCode"] == "sdg:3" && t["inDefinedTermSet"]["identifier"] == "sdg"));
    assert!(ld["license"].as_array().expect("license").contains(&"https://spdx.org/licenses/BSD-3-Clause.html".into()));
    assert!(ld["identifier"].as_array().expect("ids").iter().any(|i| i["propertyID"] == "dpg-registry"));

    let (status, body, ctype, _) = get(&app, &format!("/api/v1/entries/{}.jsonld", dhis2.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("application/ld+json"), "{ctype}");
    let served: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(served["@type"], "SoftwareApplication");
    assert_eq!(served["about"], ld["about"]);
    let (status, _, _, _) = get(&app, &format!("/api/v1/entries/{}", dhis2.id)).await;
    assert_eq!(status, StatusCode::OK, "the plain JSON endpoint still answers");
    let (status, _, _, _) = get(&app, "/api/v1/entries/nope.jsonld").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A title that tries to close the data block stays inside it, and the page needs no CSP change.
    let input = EntryInput {
        kind: Some(EntryKind::Initiative),
        status: Some(Status::Published),
        title: Some(Text::new("en", "Evil </script><script>alert(1)</script> <!-- x")),
        ..Default::default()
    };
    let evil = entries::create(&app, input, &Actor::manual("test"), "test").await.expect("create");
    let (status, html, _, csp) = get(&app, &format!("/en/entries/{}", evil.slug)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("<script>alert(1)"), "the title is escaped");
    assert_eq!(embedded(&html)["name"]["@value"], "Evil </script><script>alert(1)</script> <!-- x");
    assert_eq!(csp, page_csp);
    let (_, _, _, home_csp) = get(&app, "/en/").await;
    assert_eq!(csp, home_csp, "entry pages use the site's one CSP");
    assert!(!csp.contains("unsafe-inline") || !csp.contains("script-src"), "{csp}");
}
