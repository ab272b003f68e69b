//! The `cogov` binary as an operator uses it.

mod support;

fn cogov(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let mut all = vec![std::ffi::OsStr::new("--data-dir"), dir.as_os_str()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    support::run_cogov(all)
}

#[test]
fn crosswalk_command_lists_a_commitments_sdgs_and_wsis_lines_as_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ok, out, err) = cogov(dir.path(), &["frameworks", "crosswalk", "gdc:1.1.2", "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let mut nodes: Vec<&str> =
        v["links"].as_array().expect("links").iter().filter_map(|l| l["node"].as_str()).collect();
    nodes.sort();
    assert_eq!(
        nodes,
        vec![
            "sdg:1",
            "sdg:9",
            "wsis:C1",
            "wsis:C11",
            "wsis:C2",
            "wsis:C3",
            "wsis:C4",
            "wsis:C5",
            "wsis:C6",
            "wsis:C7.e-agriculture",
            "wsis:C7.e-business"
        ]
    );
    let (ok, _, err) = cogov(dir.path(), &["frameworks", "crosswalk", "gdc:404"]);
    assert!(!ok);
    assert!(err.contains("gdc:404"), "{err}");
}

#[test]
fn a_broken_framework_file_is_refused_whole_naming_file_line_and_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ok, before, err) = cogov(dir.path(), &["frameworks", "show", "hlpdc", "--format", "json"]);
    assert!(ok, "{err}");
    let file = dir.path().join("hlpdc-v2.jsonl");
    std::fs::write(
        &file,
        [
            r#"{"framework":"hlpdc","version":"2","title":{"en":"HLPDC"},"source":"test"}"#,
            r#"{"node":"hlpdc:1","level":"set","title":{"en":"Changed title"},"source":"t"}"#,
            r#"{"node":"hlpdc:1","level":"set","title":{"en":"Again"},"source":"t"}"#,
            r#"{"node":"hlpdc:2","parent":"hlpdc:9","level":"set","title":{"en":"x"},"source":"t"}"#,
            r#"{"edge":["hlpdc:2","sdg:99"],"source":"t"}"#,
            r#"{"node": "hlpdc:3""#,
        ]
        .join("\n"),
    )
    .expect("write");
    let (ok, _, err) = cogov(dir.path(), &["frameworks", "import", file.to_str().expect("path")]);
    assert!(!ok);
    for expected in [
        "hlpdc-v2.jsonl:3: hlpdc:1: duplicate code",
        "hlpdc-v2.jsonl:4: hlpdc:2: dangling parent",
        "hlpdc-v2.jsonl:5: hlpdc:2 -> sdg:99: edge to an unknown node",
        "hlpdc-v2.jsonl:6: malformed JSON",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    let (_, after, _) = cogov(dir.path(), &["frameworks", "show", "hlpdc", "--format", "json"]);
    assert_eq!(before, after, "the store is left as it was");
}

#[test]
fn a_new_framework_version_relabels_a_commitment_and_keeps_its_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ok, out, err) = cogov(dir.path(), &["frameworks", "show", "gdc", "--format", "json"]);
    assert!(ok, "{err}");
    let nodes: Vec<serde_json::Value> = serde_json::from_str(&out).expect("json");
    assert!(nodes.iter().any(|n| n["node"] == "gdc:1.1.1" && n["labelled_by_position"] == true));
    let original = include_str!("../../../data/frameworks/gdc.jsonl");
    let updated: String = original
        .lines()
        .map(|l| {
            if l.starts_with(r#"{"framework""#) {
                l.replace(r#""version":"2024.1""#, r#""version":"2024.2""#)
            } else if l.starts_with(r#"{"node":"gdc:1.1.1","#) {
                let mut v: serde_json::Value = serde_json::from_str(l).expect("node");
                v["title"]["en"] = "Connect all schools to the Internet (official text)".into();
                v.as_object_mut().expect("object").remove("labelled_by_position");
                v.to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let file = dir.path().join("gdc.jsonl");
    std::fs::write(&file, updated).expect("write");
    let (ok, out, err) = cogov(dir.path(), &["frameworks", "import", file.to_str().expect("path")]);
    assert!(ok, "{err}");
    assert!(out.contains(r#""version_no":2"#) && out.contains(r#""changed":1"#), "{out}");
    let (_, out, _) = cogov(dir.path(), &["frameworks", "show", "gdc:1.1.1"]);
    assert!(out.contains("official text"), "{out}");
    let (_, out, _) = cogov(dir.path(), &["frameworks", "crosswalk", "gdc:1.1.1"]);
    assert!(out.contains("sdg:9") && out.contains("wsis:C7.e-government"), "{out}");
    let (_, out, _) = cogov(dir.path(), &["frameworks", "list"]);
    assert!(out.contains("v2024.2"), "{out}");
}

#[test]
fn map_update_endorsement_changes_fields_keeps_the_actor_and_refuses_bad_input_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    };
    let csv = file(
        "actors.csv",
        "external_source,external_id,kind,status,slug,title.en\nt,a1,actor,published,endorser-one,Endorser One\n\
         t,a2,actor,published,endorser-two,Endorser Two\n",
    );
    let (ok, _, err) = cogov(dir.path(), &["import", "csv", &csv]);
    assert!(ok, "{err}");
    let first = file("e.json", r#"{"actor":"endorser-one","date":"2025-01-10","objectives":["gdc:1"]}"#);
    let (ok, out, err) = cogov(dir.path(), &["map", "endorse", &first]);
    assert!(ok, "{err}");
    let created: serde_json::Value = serde_json::from_str(&out).expect("json");
    let id = created["id"].as_str().expect("id").to_string();

    let change = file("change.json", r#"{"date":"2025-03-01","objectives":["gdc:1","gdc:2"]}"#);
    let (ok, out, err) = cogov(dir.path(), &["map", "update-endorsement", &id, &change, "--reason", "more objectives"]);
    assert!(ok, "{err}");
    let updated: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(updated["date"], "2025-03-01");
    assert_eq!(updated["objectives"], serde_json::json!(["gdc:1", "gdc:2"]));
    assert_eq!(updated["actor"], created["actor"]);

    let (ok, _, err) = cogov(dir.path(), &["map", "update-endorsement", &id, &change, "--reason", "again"]);
    assert!(ok && err.contains("nothing changed"), "{err}");

    let bad = file("bad.json", r#"{"actor":"endorser-two","date":"2025-13-45"}"#);
    let (ok, _, err) = cogov(dir.path(), &["map", "update-endorsement", &id, &bad, "--reason", "x"]);
    assert!(!ok);
    assert!(err.contains("actor"), "{err}");
    let (ok, out, _) = cogov(dir.path(), &["map", "update-endorsement", &id, &change, "--reason", "check"]);
    assert!(ok);
    let after: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(after["date"], "2025-03-01", "the refused update changed nothing");
    let (ok, _, err) = cogov(dir.path(), &["map", "update-endorsement", "no-such-id", &change, "--reason", "x"]);
    assert!(!ok && err.contains("no-such-id"), "{err}");
}

#[test]
fn remind_stale_reads_the_review_settings_and_refuses_a_bad_period() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ok, out, err) = cogov(dir.path(), &["remind-stale", "--dry-run"]);
    assert!(ok, "{err}");
    assert!(out.contains("0 stale entries to remind"), "{out}");
    let config = dir.path().join("cogov.toml");
    std::fs::write(&config, "[review]\nstale_after_days = 0\n").expect("write");
    let (ok, _, err) = cogov(dir.path(), &["--config", config.to_str().expect("utf-8"), "remind-stale", "--dry-run"]);
    assert!(!ok);
    assert!(err.contains("review.stale_after_days"), "{err}");
}

#[test]
fn an_iati_import_lists_flagged_and_rejected_records_in_its_report_written_as_it_goes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("activities.xml");
    let activity = |id: &str, title: &str| {
        format!("<iati-activity><iati-identifier>{id}</iati-identifier>{title}</iati-activity>\n")
    };
    let titled = |id: &str| activity(id, &format!("<title><narrative>Title {id}</narrative></title>"));
    // Three activities imported flagged (a minimal activity lacks what the schema requires), over two batches;
    // one rejected (no title).
    let text = format!(
        "<iati-activities version=\"2.03\">\n{}{}{}{}</iati-activities>\n",
        titled("XM-1"),
        activity("XM-2", ""),
        titled("XM-3"),
        titled("XM-4")
    );
    std::fs::write(&file, text).expect("write");
    let report = dir.path().join("report.csv");
    let args = ["import", "iati", file.to_str().expect("path"), "--report", report.to_str().expect("path")];
    let (ok, out, err) = cogov(dir.path(), &[&args[..], &["--batch", "2"]].concat());
    assert!(ok, "{err}");
    assert!(out.contains("created 3") && out.contains("rejected 1") && out.contains("flagged 3 ("), "{out}");
    assert!(err.contains("flagged (imported): ") && err.contains("rejected: "), "{err}");
    let rows = std::fs::read_to_string(&report).expect("report");
    let count = |outcome: &str| rows.lines().filter(|l| l.starts_with(&format!("{outcome},"))).count();
    assert_eq!(count("rejected"), 1, "{rows}");
    let flagged = count("flagged");
    assert!(flagged >= 3, "{rows}");
    assert!(out.contains(&format!("({flagged} problems)")), "{out}\n{rows}");
    for id in ["XM-1", "XM-3", "XM-4"] {
        assert!(rows.contains(&format!("iati:{id},")), "{id} not in\n{rows}");
    }
}

/// A server stopped with SIGTERM closes its store: SQLite's WAL is checkpointed into the database file and
/// removed, so `cogov.db` copied alone (an operator's backup of a stopped server) holds everything.
#[test]
fn a_stopped_server_leaves_everything_in_its_database_file() {
    use std::process::{Command, Stdio};
    use std::time::Duration;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let port = support::free_port();
    let mut server = support::Running(
        Command::new(env!("CARGO_BIN_EXE_cogov"))
            .args(["--data-dir", &data.display().to_string(), "serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("COGOV_LOG", "warn")
            .env_remove("COGOV_DATABASE_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn cogov"),
    );
    support::wait_until("the server", Duration::from_secs(180), || {
        support::get(port, "/healthz").is_some_and(|(s, _)| s == 200)
    });
    let served = support::json(port, "/api/v1/entries?limit=1")["total"].as_u64().expect("total");
    assert!(served > 0, "the demo content is served");
    assert!(data.join("cogov.db-wal").exists(), "a running server writes through the WAL");
    let _ = Command::new("kill").args(["-TERM", &server.id().to_string()]).status();
    support::wait_until("the server to stop", Duration::from_secs(60), || server.try_wait().expect("wait").is_some());
    assert!(server.wait().expect("exit").success(), "a stopped server exits normally");
    assert!(!data.join("cogov.db-wal").exists(), "the WAL is checkpointed and removed");

    let copy = dir.path().join("copy");
    std::fs::create_dir_all(&copy).expect("copy dir");
    std::fs::copy(data.join("cogov.db"), copy.join("cogov.db")).expect("copy the database file alone");
    let dump = dir.path().join("dump.json");
    let (ok, out, err) = cogov(&copy, &["dump", &dump.display().to_string()]);
    assert!(ok, "{out}{err}");
    let dump: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&dump).expect("dump")).expect("dump JSON");
    let tables = dump["tables"].as_array().expect("tables");
    let entries = tables.iter().find(|t| t["name"] == "entries").expect("entries table");
    assert_eq!(entries["rows"].as_array().expect("rows").len() as u64, served);
}
