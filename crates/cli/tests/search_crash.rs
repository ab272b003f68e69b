//! Killing `cogov serve` (SIGKILL) while it builds and follows its search index, then starting it again, leaves
//! an index that is complete and consistent with the store: every published entry findable once, no duplicate.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

fn start(data: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args(["--data-dir", &data.display().to_string(), "serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("COGOV_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn cogov")
}

/// A plain HTTP/1.0 GET: the status code and the body, or `None` while the server is not up.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string())?;
    Some((status, body))
}

fn json(port: u16, path: &str) -> serde_json::Value {
    let (status, body) = get(port, path).unwrap_or_else(|| panic!("{path}: no answer"));
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).expect("json")
}

fn wait_until(what: &str, limit: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_killed_server_resumes_its_index_complete_and_consistent() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    // Kill it at several moments: as soon as it answers (the index is being built from the demo content) and
    // a little later (it is following, or done).
    for delay_ms in [0u64, 30, 120, 400] {
        let port = free_port();
        let mut server = start(&data, port);
        wait_until("the server", Duration::from_secs(120), || get(port, "/healthz").is_some());
        std::thread::sleep(Duration::from_millis(delay_ms));
        server.kill().expect("SIGKILL");
        server.wait().expect("reaped");
    }
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
