//! Killing `cogov serve` (SIGKILL) while it builds and follows its search index, then starting it again, leaves
//! an index that is complete and consistent with the store: every published entry findable once, no duplicate.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

mod support;
use support::{free_port, get, json, wait_until};

fn start(data: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args(["--data-dir", &data.display().to_string(), "serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("COGOV_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn cogov")
}

#[test]
fn a_killed_server_resumes_its_index_complete_and_consistent() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    // Kill it at several moments: as soon as it answers (the index is being built from the demo content) and
    // a little later (it is following, or done).
    let mut killed_while_behind = 0;
    for delay_ms in [0u64, 30, 120, 400] {
        let port = free_port();
        let mut server = start(&data, port);
        wait_until("the server", Duration::from_secs(120), || get(port, "/healthz").is_some());
        std::thread::sleep(Duration::from_millis(delay_ms));
        // Where the index stood just before the kill: behind the store means the kill interrupted indexing.
        let status = json(port, "/api/v1/search/status");
        if status["lag"].as_i64().unwrap_or(0) > 0 {
            killed_while_behind += 1;
        }
        server.kill().expect("SIGKILL");
        server.wait().expect("reaped");
    }
    assert!(killed_while_behind > 0, "no kill landed while the index was being built: the test proved nothing");
    let port = free_port();
    let mut server = start(&data, port);
    wait_until("the server", Duration::from_secs(120), || get(port, "/healthz").is_some());
    wait_until("the index to catch up", Duration::from_secs(120), || {
        let status = json(port, "/api/v1/search/status");
        status["lag"] == 0 && status["indexed_seq"].as_i64().unwrap_or(0) > 0
    });
    let entries = json(port, "/api/v1/entries?limit=1")["total"].as_i64().expect("entries total");
    assert!(entries > 100, "the demo content is loaded ({entries})");
    let everything = json(port, "/api/v1/search?limit=1");
    assert_eq!(everything["total"].as_i64(), Some(entries), "every published entry is in the index, once");
    let kinds = everything["facets"].as_array().expect("facets").iter().find(|f| f["facet"] == "kind").cloned();
    for value in kinds.expect("kind facet")["values"].as_array().expect("values") {
        let kind = value["value"].as_str().expect("kind");
        let stored = json(port, &format!("/api/v1/entries?kind={kind}&limit=1"))["total"].as_i64();
        assert_eq!(value["count"].as_i64(), stored, "kind {kind}");
    }
    server.kill().expect("stop");
    server.wait().expect("reaped");
}
