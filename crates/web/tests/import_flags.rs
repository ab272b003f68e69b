//! An imported entry whose source broke its standard (an IATI code outside its codelist, a malformed
//! identifier) carries the importer's flags: listed on its page in the reader's language, with the field and
//! the line and column in the source file, and in the API as `attributes.import_flags`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cogov_app::App;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

async fn get(app: &App, uri: &str) -> (StatusCode, String) {
    let request = Request::get(uri).body(Body::empty()).expect("request");
    let response = cogov_web::router(app.clone()).oneshot(request).await.expect("response");
    let status = response.status();
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

const ACTIVITIES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
<iati-activity>
  <iati-identifier>GB-CHC-202918-FLAGGED</iati-identifier>
  <reporting-org ref="GB-CHC-202918" type="21"><narrative>Oxfam GB</narrative></reporting-org>
  <title><narrative>Water &amp; sanitation in Mali</narrative></title>
  <description><narrative>Wells and latrines.</narrative></description>
  <participating-org role="1"><narrative>Oxfam GB</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2020-01-01"/>
  <recipient-country code="ML"/>
  <sector vocabulary="1" code="99999"/>
</iati-activity>
<iati-activity>
  <iati-identifier>GB-CHC-202918-CLEAN</iati-identifier>
  <reporting-org ref="GB-CHC-202918" type="21"><narrative>Oxfam GB</narrative></reporting-org>
  <title><narrative>Schools in Niger</narrative></title>
  <description><narrative>Classrooms.</narrative></description>
  <participating-org role="1"><narrative>Oxfam GB</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2020-01-01"/>
  <sector vocabulary="1" code="11110"/>
</iati-activity>
</iati-activities>
"#;

#[tokio::test]
async fn flags_of_an_imported_entry_are_on_its_page_in_six_languages_and_in_the_api() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = cogov_store::SqliteStore::open(&dir.path().join("t.db"), 4).await.expect("open");
    cogov_store::Store::migrate(&store).await.expect("migrate");
    let app = App::start(Box::new(store)).await.expect("start");
    let path = dir.path().join("activities.xml");
    std::fs::write(&path, ACTIVITIES).expect("write");
    let catalog = app.catalog();
    let nodes = catalog.nodes.iter().map(|n| n.id.clone()).collect();
    let file = cogov_interop::iati::IatiFile::new(&path, &catalog.countries, nodes).expect("file");
    let summary = cogov_app::import::run(&app, &file, &Default::default(), None).await.expect("import");
    assert!(summary.rejected.is_empty(), "{summary:?}");
    assert_eq!(summary.flagged.len(), 1, "{:?}", summary.flagged);

    let flagged = app.store().entry_by_external_id("iati", "GB-CHC-202918-FLAGGED").await.expect("q").expect("e");
    let (status, html) = get(&app, &format!("/en/entries/{}", flagged.slug)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Problems found on import"), "{html}");
    assert!(html.contains("<code>iati-activity/sector/@code</code>"), "{html}");
    assert!(html.contains("line 12, column 3"), "{html}");
    assert!(html.contains("&#39;99999&#39; is not a code of the IATI Sector codelist"), "{html}");
    for (lang, heading) in [
        ("fr", "Problèmes relevés à l&#39;import"),
        ("es", "Problemas detectados al importar"),
        ("ar", "مشكلات وُجدت عند الاستيراد"),
        ("zh", "导入时发现的问题"),
        ("ru", "Проблемы, найденные при импорте"),
    ] {
        let (status, html) = get(&app, &format!("/{lang}/entries/{}", flagged.slug)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(heading), "{lang}: {html}");
        assert!(html.contains("iati-activity/sector/@code"), "{lang}");
    }

    let (status, body) = get(&app, &format!("/api/v1/entries/{}", flagged.id)).await;
    assert_eq!(status, StatusCode::OK);
    let json: Value = serde_json::from_str(&body).expect("json");
    let flags = json["attributes"]["import_flags"].as_array().expect("flags in the API");
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0]["field"], "iati-activity/sector/@code");
    assert_eq!(flags[0]["line"], 12);

    let clean = app.store().entry_by_external_id("iati", "GB-CHC-202918-CLEAN").await.expect("q").expect("e");
    let (status, html) = get(&app, &format!("/en/entries/{}", clean.slug)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("Problems found on import"), "an entry without flags shows none");
}
