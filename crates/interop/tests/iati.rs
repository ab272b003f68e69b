//! IATI activity XML: the real D-Portal extract, the IATI conformance corpus, broken files.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use cogov_app::import::{self, Options, Summary};
use cogov_interop::iati::IatiFile;
use common::TestApp;

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/iati").join(rel)
}

fn file(t: &TestApp, path: &Path) -> IatiFile {
    let catalog = t.app.catalog();
    let nodes: HashSet<String> = catalog.nodes.iter().map(|n| n.id.clone()).collect();
    IatiFile::new(path, &catalog.countries, nodes).expect("file")
}

async fn run(t: &TestApp, path: &Path) -> Summary {
    import::run(&t.app, &file(t, path), &Options::default(), None).await.expect("import")
}

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for item in std::fs::read_dir(dir).expect("dir") {
        let path = item.expect("item").path();
        if path.is_dir() {
            xml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}

app_test!(the_d_portal_extract_imports_with_every_activity_accounted_for, |t: TestApp| async move {
    let path = data("dportal-activities-4e93a72.xml");
    let summary = run(&t, &path).await;
    let q = cogov_store::EntryQuery { kinds: vec!["initiative".into()], limit: 1000, ..Default::default() };
    let initiatives = t.app.store().count_entries(&q).await.expect("count");
    let rejected_activities: HashSet<&str> =
        summary.rejected.iter().filter_map(|p| p.key.as_deref()).filter(|k| k.starts_with("iati:")).collect();
    assert_eq!(initiatives as usize + rejected_activities.len(), 100, "{:#?}", summary.rejected);
    assert!(initiatives >= 95, "{:#?}", summary.rejected);

    let e = t.app.store().entry_by_external_id("iati", "GB-CHC-202918-MLIB06").await.expect("q").expect("activity");
    assert_eq!(e.title.display(cogov_core::Lang::En), "Response to the outbreak of the disease Ebola in Mali");
    assert_eq!(e.countries, vec!["ML"]);
    let iati = &e.attributes["iati"];
    assert_eq!(iati["activity_attributes"]["default-currency"], "GBP");
    assert!(iati["organizations"].as_array().expect("orgs").iter().any(|o| o["actor"] == "iati-org:GB-CHC-202918"));
    let oxfam = t.app.store().entry_by_external_id("iati-org", "GB-CHC-202918").await.expect("q").expect("actor");
    assert_eq!(oxfam.title.display(cogov_core::Lang::En), "Oxfam GB");
    // Elements cogov does not model are kept as XML.
    let all_xml: Vec<String> = iati["extension_xml"]
        .as_array()
        .expect("extension")
        .iter()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect();
    assert!(all_xml.iter().any(|x| x.starts_with("<transaction")), "{all_xml:?}");
    assert!(iati["transactions"].is_object());

    let again = run(&t, &path).await;
    assert_eq!((again.created, again.updated), (0, 0), "{again}");
    assert_eq!(again.unchanged, summary.created);
});

app_test!(every_should_pass_conformance_file_imports, |t: TestApp| async move {
    let mut files = Vec::new();
    xml_files(&data("conformance/should-pass"), &mut files);
    xml_files(&data("conformance/activity-tests/should-pass"), &mut files);
    assert!(files.len() > 100, "{}", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let s = run(&t, f).await;
        if !s.rejected.is_empty() {
            failures.push(format!("{}: {}", f.display(), s.rejected[0]));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
});

app_test!(broken_xml_is_reported_with_line_and_column_and_earlier_activities_are_kept, |t: TestApp| async move {
    let path = t.dir.path().join("broken.xml");
    let good = |id: &str| {
        format!("<iati-activity><iati-identifier>{id}</iati-identifier><title><narrative xml:lang=\"fr\">Titre {id}</narrative></title></iati-activity>\n")
    };
    let text = format!(
        "<iati-activities version=\"2.03\">\n{}{}<iati-activity><iati-identifier>X-3</iati-identifier>\n  <title><narrative>Broken</title>\n</iati-activity>\n{}</iati-activities>\n",
        good("X-1"),
        good("X-2"),
        good("X-4")
    );
    std::fs::write(&path, text).expect("write");
    let strict = import::run(&t.app, &file(&t, &path), &Options { strict: true, ..Default::default() }, None)
        .await
        .expect("strict");
    assert!(!strict.written);
    assert!(t.app.store().entry_by_external_id("iati", "X-1").await.expect("q").is_none(), "strict wrote nothing");
    let s = run(&t, &path).await;
    assert_eq!(s.created, 2);
    let problem = s.rejected[0].to_string();
    assert!(problem.contains("broken.xml:5:"), "{problem}");
    assert!(problem.contains("xml"), "{problem}");
    let x1 = t.app.store().entry_by_external_id("iati", "X-1").await.expect("q").expect("kept");
    assert_eq!(x1.title.values.get("fr").map(String::as_str), Some("Titre X-1"));
});
