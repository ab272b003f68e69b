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
    // Losslessly: each is the element exactly as written in the file (quoting, entities, white space).
    let source = std::fs::read_to_string(&path).expect("read");
    for x in &all_xml {
        assert!(source.contains(x.as_str()), "not as in the file: {x}");
    }
    assert!(iati["transactions"].is_object());

    let again = run(&t, &path).await;
    assert_eq!((again.created, again.updated), (0, 0), "{again}");
    assert_eq!(again.unchanged, summary.created);
});

app_test!(every_should_pass_conformance_file_imports_clean, |t: TestApp| async move {
    let mut files = Vec::new();
    xml_files(&data("conformance/should-pass"), &mut files);
    xml_files(&data("conformance/activity-tests/should-pass"), &mut files);
    assert!(files.len() > 200, "{}", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let s = run(&t, f).await;
        // The schema corpus uses placeholder codes and identifiers ("xx"): valid against the schema, flagged by
        // the codelist and identifier checks, which are not what these files test.
        let schema_flags =
            s.flagged.iter().filter(|p| !p.reason.contains("codelist") && !p.reason.contains("identifier"));
        if let Some(p) = s.rejected.first().or(schema_flags.clone().next()) {
            failures.push(format!("{}: {p}", f.display()));
        }
        if s.records() == 0 {
            failures.push(format!("{}: nothing imported", f.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} files: {failures:#?}", failures.len(), files.len());
});

app_test!(every_should_fail_conformance_file_is_rejected_or_flagged_with_where_and_why, |t: TestApp| async move {
    let mut files = Vec::new();
    xml_files(&data("conformance/should-fail"), &mut files);
    xml_files(&data("conformance/activity-tests/should-fail"), &mut files);
    assert!(files.len() > 300, "{}", files.len());
    let mut failures = Vec::new();
    let (mut rejected, mut flagged) = (0, 0);
    for f in &files {
        let s = run(&t, f).await;
        let problems: Vec<&import::Problem> = s.rejected.iter().chain(&s.flagged).collect();
        let Some(p) = problems.first() else {
            failures.push(format!("{}: accepted clean ({s})", f.display()));
            continue;
        };
        if s.rejected.is_empty() {
            flagged += 1;
        } else {
            rejected += 1;
        }
        // Where: the file, a line and column; what: an element or attribute path; why: a reason.
        let named = p.location.file == f.display().to_string()
            && p.location.line.is_some()
            && p.location.column.is_some()
            && !p.field.is_empty()
            && !p.reason.is_empty();
        if !named {
            failures.push(format!("{}: problem without file, line/column, element or reason: {p:?}", f.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} files: {failures:#?}", failures.len(), files.len());
    eprintln!("{rejected} rejected, {flagged} flagged of {} should-fail files", files.len());
});

app_test!(
    a_flagged_activity_is_imported_with_its_problems_on_the_entry_and_reimports_unchanged,
    |t: TestApp| async move {
        let path = data("conformance/activity-tests/should-fail/budget/12-non-decimal-value.xml");
        let s = run(&t, &path).await;
        assert_eq!((s.created, s.rejected.len()), (2, 0), "the activity and its reporting organization: {s}");
        // The schema's problem (the placeholder codes of the corpus are flagged too, by the codelist checks).
        let p = s.flagged.iter().find(|p| p.field == "iati-activity/budget/value").expect("the schema's problem");
        assert!(p.reason.contains("decimal"), "{p}");
        assert!(p.to_string().contains("12-non-decimal-value.xml:"), "{p}");
        let key = p.key.as_deref().and_then(|k| k.strip_prefix("iati:")).expect("key").to_string();
        let e = t.app.store().entry_by_external_id("iati", &key).await.expect("q").expect("imported");
        let flags = e.attributes["import_flags"].as_array().expect("flags on the entry");
        let flag = flags.iter().find(|f| f["field"] == "iati-activity/budget/value").expect("on the entry");
        assert_eq!(flag["line"], p.location.line.expect("line"));
        assert_eq!(flags.len(), s.flagged.len());
        let again = run(&t, &path).await;
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2), "{again}");
        assert_eq!(again.flagged, s.flagged, "the report lists the problems again");
    }
);

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

app_test!(recipient_regions_become_m49_regions_and_every_region_is_kept, |t: TestApp| async move {
    let path = t.dir.path().join("regions.xml");
    let regions = [
        ("289", Some("1")),
        ("1027", None),
        ("998", Some("1")),
        ("150", Some("2")),
        ("X1", Some("99")),
        ("789", Some("")),
    ];
    let elements: String = regions
        .iter()
        .map(|(code, v)| match v {
            Some(v) => format!("<recipient-region code=\"{code}\" vocabulary=\"{v}\"/>"),
            None => format!("<recipient-region code=\"{code}\"/>"),
        })
        .collect();
    std::fs::write(
        &path,
        format!(
            "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>R-1</iati-identifier>\
             <title><narrative>Regional programme</narrative></title>{elements}</iati-activity></iati-activities>"
        ),
    )
    .expect("write");
    let s = run(&t, &path).await;
    assert!(s.rejected.is_empty(), "{s}");
    let e = t.app.store().entry_by_external_id("iati", "R-1").await.expect("q").expect("imported");
    assert_eq!(e.regions, vec!["202", "014", "150", "030", "035"]);
    let kept = e.attributes["iati"]["recipient_regions"].as_array().expect("kept").clone();
    assert_eq!(kept.len(), regions.len(), "every region is kept, mapped or not");
    assert_eq!(kept[2]["code"], "998");
    assert_eq!(kept[2]["m49"], serde_json::json!([]));
    assert_eq!(kept[4]["vocabulary"], "99");
    assert_eq!(kept[5]["m49"], serde_json::json!(["030", "035"]));
    // The entry can be found by region like any other.
    let asia = t.app.catalog().region("030").is_some();
    assert!(asia, "the catalog knows M49 030");
});

app_test!(
    codes_outside_the_iati_codelists_and_malformed_identifiers_are_flagged_with_line_and_field,
    |t: TestApp| async move {
        let path = t.dir.path().join("codes.xml");
        let text = r#"<iati-activities version="2.03">
<iati-activity default-currency="ZZZ">
  <iati-identifier>NOPREFIX 1</iati-identifier>
  <reporting-org ref="NOPREFIX" type="99"><narrative>Nobody</narrative></reporting-org>
  <title><narrative>Codes</narrative></title>
  <participating-org ref="A/B" role="9" type="10"><narrative>Partner</narrative></participating-org>
  <activity-status code="9"/>
  <activity-date type="7" iso-date="2020-01-01"/>
  <recipient-country code="XX"/>
  <recipient-region code="999" vocabulary="1"/>
  <recipient-region code="1" vocabulary="77"/>
  <sector vocabulary="1" code="99999"/>
  <sector vocabulary="2" code="151"/>
  <sector vocabulary="7" code="18"/>
  <tag vocabulary="3" code="16.99"/>
  <budget><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><value currency="QQQ" value-date="2020-01-01">1</value></budget>
  <transaction><transaction-type code="99"/><transaction-date iso-date="2020-01-01"/><value value-date="2020-01-01">1</value></transaction>
</iati-activity>
<iati-activity>
  <iati-identifier>XM-DAC-41301-1</iati-identifier>
  <reporting-org ref="XM-DAC-41301" type="40"><narrative>FAO</narrative></reporting-org>
  <title><narrative>Other publisher</narrative></title>
  <participating-org ref="XM-DAC-41301" role="Funding" type="40"/>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2020-01-01"/>
  <recipient-country code="ml"/>
  <sector vocabulary="1" code="15110"/>
  <sector vocabulary="99" code="anything"/>
</iati-activity>
<iati-activity>
  <iati-identifier>GB-CHC-1-X</iati-identifier>
  <reporting-org ref="GB-CHC-2" type="21"><narrative>Renamed</narrative></reporting-org>
  <title><narrative>Identifier of another organisation</narrative></title>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2020-01-01"/>
</iati-activity>
</iati-activities>
"#;
        std::fs::write(&path, text).expect("write");
        let s = run(&t, &path).await;
        assert!(s.rejected.is_empty(), "flags never reject: {s}");
        let flagged = |key: &str| -> Vec<(String, u64)> {
            s.flagged
                .iter()
                .filter(|p| p.key.as_deref() == Some(key))
                .filter(|p| p.reason.contains("codelist") || p.reason.contains("identifier"))
                .map(|p| (p.field.clone(), p.location.line.expect("line")))
                .collect()
        };
        let first = flagged("iati:NOPREFIX 1");
        for (field, line) in [
            ("iati-activity/@default-currency", 2),
            ("iati-activity/reporting-org/@ref", 4),
            ("iati-activity/reporting-org/@type", 4),
            ("iati-activity/participating-org/@ref", 6),
            ("iati-activity/participating-org/@role", 6),
            ("iati-activity/activity-status/@code", 7),
            ("iati-activity/activity-date/@type", 8),
            ("iati-activity/recipient-country/@code", 9),
            ("iati-activity/recipient-region/@code", 10),
            ("iati-activity/recipient-region/@vocabulary", 11),
            ("iati-activity/sector/@code", 12),
            ("iati-activity/sector/@code", 14),
            ("iati-activity/tag/@code", 15),
            ("iati-activity/budget/value/@currency", 16),
            ("iati-activity/transaction/transaction-type/@code", 17),
            ("iati-activity/iati-identifier", 3),
        ] {
            assert!(first.contains(&(field.to_string(), line)), "{field} at line {line} not flagged: {first:#?}");
        }
        assert_eq!(first.len(), 16, "nothing else (sector 151 of vocabulary 2 and type 10 are valid): {first:#?}");
        let reason =
            |field: &str| s.flagged.iter().find(|p| p.field == field).map(|p| p.reason.clone()).unwrap_or_default();
        assert!(reason("iati-activity/sector/@code").contains("'99999' is not a code of the IATI Sector codelist"));
        assert!(reason("iati-activity/iati-identifier").contains("malformed iati-identifier"));
        assert!(reason("iati-activity/reporting-org/@ref").contains("registration agency"));
        assert!(flagged("iati:XM-DAC-41301-1").is_empty(), "valid codes, 1.0x role names and vocabulary 99 pass");
        let renamed = flagged("iati:GB-CHC-1-X");
        assert_eq!(renamed, vec![("iati-activity/iati-identifier".to_string(), 31)]);
        assert!(reason("iati-activity/iati-identifier").contains("NOPREFIX 1"));

        let e = t.app.store().entry_by_external_id("iati", "NOPREFIX 1").await.expect("q").expect("imported");
        assert!(e.attributes["import_flags"].as_array().expect("flags").len() >= 16);
    }
);

app_test!(unmodelled_elements_are_kept_exactly_as_written, |t: TestApp| async move {
    let path = t.dir.path().join("raw.xml");
    let link = "<document-link format='text/html' url=\"http://example.org/?a=1&amp;b=2\">\n    <!-- a note -->\n    \
                <title><narrative>Caf&#233; &apos;x&apos; <![CDATA[<b>bold</b>]]></narrative></title>\n    \
                <category code=\"A01\" /><language code='fr'/></document-link>";
    let extra = "<iati-extra:note xmlns:iati-extra=\"http://datastore.iatistandard.org/ns\" n = \"1\"/>";
    std::fs::write(
        &path,
        format!(
            "<iati-activities version=\"2.03\">\n<iati-activity>\n  <iati-identifier>RAW-1</iati-identifier>\n  \
             <title><narrative>Raw</narrative></title>\n  {link}\n  {extra}\n</iati-activity>\n</iati-activities>\n"
        ),
    )
    .expect("write");
    let s = run(&t, &path).await;
    assert!(s.rejected.is_empty(), "{s}");
    let e = t.app.store().entry_by_external_id("iati", "RAW-1").await.expect("q").expect("imported");
    let kept: Vec<&str> = e.attributes["iati"]["extension_xml"]
        .as_array()
        .expect("extension")
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    assert_eq!(kept, vec![link, extra]);
    let again = run(&t, &path).await;
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 1), "{again}");
});

app_test!(an_activity_that_is_not_utf8_or_has_an_unknown_entity_is_rejected_alone, |t: TestApp| async move {
    let path = t.dir.path().join("bytes.xml");
    let activity = |id: &str, title: &[u8]| {
        let mut a = format!("<iati-activity><iati-identifier>{id}</iati-identifier><title><narrative>").into_bytes();
        a.extend_from_slice(title);
        a.extend_from_slice(b"</narrative></title></iati-activity>\n");
        a
    };
    let mut text = b"<iati-activities version=\"2.03\">\n".to_vec();
    text.extend(activity("B-1", b"Latin-1 caf\xe9"));
    text.extend(activity("B-2", b"Unknown &entity; here"));
    text.extend(activity("B-3", b"Fine"));
    text.extend_from_slice(b"</iati-activities>\n");
    std::fs::write(&path, text).expect("write");
    let s = run(&t, &path).await;
    assert_eq!(s.created, 1, "{s}");
    assert!(t.app.store().entry_by_external_id("iati", "B-3").await.expect("q").is_some());
    let reasons: Vec<String> = s.rejected.iter().map(|p| p.to_string()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:#?}");
    assert!(reasons[0].contains("bytes.xml:2:") && reasons[0].contains("not UTF-8"), "{reasons:#?}");
    assert!(reasons[1].contains("bytes.xml:3:") && reasons[1].contains("entity"), "{reasons:#?}");
});

app_test!(
    an_end_tag_inside_a_comment_cdata_or_attribute_long_activities_and_text_between_them_are_read_whole,
    |t: TestApp| async move {
        let path = t.dir.path().join("tricky.xml");
        let activity = |id: &str, inside: &str| {
            format!(
                "<iati-activity><iati-identifier>{id}</iati-identifier><title><narrative>Title {id}</narrative>\
                 </title>{inside}</iati-activity>"
            )
        };
        // An end tag of the activity inside a comment, a CDATA section and an attribute value.
        let tricky = "<!-- </iati-activity> --><description><narrative><![CDATA[a </iati-activity> b]]>\
                      </narrative></description><document-link url=\"http://example.org/</iati-activity >\">\
                      <title><narrative>Link</narrative></title></document-link>";
        // Longer than the blocks the file is read in.
        let long = format!(
            "<document-link url=\"http://example.org/long\"><title><narrative>{}</narrative></title></document-link>",
            "long text ".repeat(30_000)
        );
        let text = format!(
            "<iati-activities version=\"2.03\">\n{}\n  {}\nstray text{}<iati-activity\n></iati-activity>{}\n\
             </iati-activities>\n",
            activity("T-1", tricky),
            activity("T-2", &long),
            activity("T-3", ""),
            activity("T-4", "")
        );
        std::fs::write(&path, text).expect("write");
        let s = run(&t, &path).await;
        assert_eq!(s.created, 4, "four activities (no organization): {s}");
        let reasons: Vec<String> = s.rejected.iter().map(|p| p.to_string()).collect();
        assert_eq!(reasons.len(), 1, "{reasons:#?}");
        assert!(reasons[0].contains("tricky.xml:4:") && reasons[0].contains("needs a title"), "{reasons:#?}");
        let one = t.app.store().entry_by_external_id("iati", "T-1").await.expect("q").expect("T-1");
        assert_eq!(one.summary.display(cogov_core::Lang::En), "a </iati-activity> b");
        let kept = one.attributes["iati"]["extension_xml"].as_array().expect("extension").clone();
        assert_eq!(kept.len(), 1);
        assert!(kept[0].as_str().expect("xml").ends_with("</document-link>"), "{kept:?}");
        let two = t.app.store().entry_by_external_id("iati", "T-2").await.expect("q").expect("T-2");
        let kept = two.attributes["iati"]["extension_xml"].as_array().expect("extension").clone();
        assert_eq!(kept[0].as_str().map(str::len), Some(long.len()));
        for id in ["T-3", "T-4"] {
            assert!(t.app.store().entry_by_external_id("iati", id).await.expect("q").is_some(), "{id}");
        }
    }
);

app_test!(a_file_that_ends_inside_an_activity_keeps_the_activities_before_it, |t: TestApp| async move {
    let path = t.dir.path().join("cut.xml");
    let text = "<iati-activities version=\"2.03\">\n<iati-activity><iati-identifier>C-1</iati-identifier><title>\
                <narrative>One</narrative></title></iati-activity>\n<iati-activity><iati-identifier>C-2\
                </iati-identifier>\n<title><narrative>Two</narrative></title><!-- </iati-activity> ";
    std::fs::write(&path, text).expect("write");
    let s = run(&t, &path).await;
    assert_eq!(s.created, 1, "{s}");
    let reasons: Vec<String> = s.rejected.iter().map(|p| p.to_string()).collect();
    assert_eq!(reasons.len(), 1, "{reasons:#?}");
    assert!(reasons[0].contains("cut.xml:4:") && reasons[0].contains("comment not closed"), "{reasons:#?}");
});

app_test!(line_and_column_of_problems_deep_in_a_large_file_are_exact, |t: TestApp| async move {
    // Enough activities for the reader's kept bytes to be dropped many times over (lines are counted in the bytes
    // read, before they go), lines of varied length with multi-byte characters, comments between activities.
    let path = t.dir.path().join("lines.xml");
    let mut text = String::from("<iati-activities version=\"2.03\">\n");
    for i in 0..2500 {
        text.push_str(&" ".repeat(i % 3));
        if i % 5 == 0 {
            text.push_str("<!-- é ☃ </iati-activity> -->");
        }
        text.push_str(&format!(
            "<iati-activity default-currency=\"XXX\"><iati-identifier>L-{i}</iati-identifier>\n  <title><narrative>\
             Titré {} ☃</narrative></title>{}<recipient-country code=\"QQ\"/>\n</iati-activity>\n",
            "é".repeat(i % 17),
            "\n    ".repeat(i % 4),
        ));
    }
    text.push_str("</iati-activities>\n");
    assert!(text.len() > 500_000);
    std::fs::write(&path, &text).expect("write");
    // Where each `<name` starts, counted the plain way.
    let positions = |name: &str| -> Vec<(u64, u64)> {
        text.match_indices(name)
            .map(|(at, _)| {
                let before = &text[..at];
                let line = before.matches('\n').count() as u64 + 1;
                let column = before.rsplit('\n').next().unwrap_or_default().chars().count() as u64 + 1;
                (line, column)
            })
            .collect()
    };
    let (activities, countries) = (positions("<iati-activity "), positions("<recipient-country"));
    assert_eq!((activities.len(), countries.len()), (2500, 2500));
    let s = run(&t, &path).await;
    assert_eq!(s.created, 2500, "{s}");
    let mut checked = 0;
    for p in &s.flagged {
        let i: usize =
            p.key.as_deref().and_then(|k| k.strip_prefix("iati:L-")).and_then(|i| i.parse().ok()).expect("key");
        let expected = match p.field.as_str() {
            "iati-activity/@default-currency" => activities[i],
            "iati-activity/recipient-country/@code" => countries[i],
            _ => continue,
        };
        assert_eq!((p.location.line.expect("line"), p.location.column.expect("column")), expected, "{p:?}");
        checked += 1;
    }
    assert_eq!(checked, 5000);
});
