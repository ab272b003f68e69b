//! Crash safety of imports: `cogov import csv` is killed (SIGKILL) at pseudo-random moments (fixed seed), then
//! stopped with SIGTERM (it finishes and checkpoints its batch), then run to the end. Every row is then stored
//! exactly once, and the search projection of `cogov serve` agrees with the store. (Writes through the JSON API
//! join this test when the write API lands; until then imports are the writes that exist.)

mod support;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use support::{free_port, get, json, wait_until};

/// Enough rows that a debug build needs a few seconds, so the kills land during batches.
const ROWS: usize = 20_000;

fn import(data: &Path, csv: &Path, report: &Path) -> Command {
    import_in_batches(data, csv, report, 50)
}

fn import_in_batches(data: &Path, csv: &Path, report: &Path, batch: usize) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cogov"));
    c.args(["--data-dir", &data.display().to_string(), "import", "csv", &csv.display().to_string()])
        .args(["--batch", &batch.to_string(), "--report", &report.display().to_string()])
        .env("COGOV_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    c
}

#[test]
fn killed_and_stopped_imports_leave_every_row_once_and_the_index_in_agreement() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let csv = dir.path().join("rows.csv");
    let report = dir.path().join("report.csv");
    let mut text = String::from("external_source,external_id,kind,status,title.en,summary.en,countries\n");
    for i in 0..ROWS {
        text.push_str(&format!("crash,r{i},initiative,published,Crash test initiative {i},Row {i} of the test,SN\n"));
    }
    std::fs::write(&csv, text).expect("csv");

    // SIGKILL at pseudo-random moments (xorshift, fixed seed): during start-up, migrations, batches.
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..5 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = import(&data, &csv, &report).spawn().expect("spawn");
        std::thread::sleep(Duration::from_millis(100 + seed % 3000));
        let _ = child.kill();
        child.wait().expect("reaped");
    }

    // SIGTERM: the batch being written is finished and checkpointed, then it exits normally. On a fresh data
    // directory with one row per batch (a transaction and an fsync each), so the import is surely still running
    // when the signal arrives, however fast the machine; then the same command resumes and finishes.
    let stopped = dir.path().join("stopped");
    let mut child = import_in_batches(&stopped, &csv, &report, 1).spawn().expect("spawn");
    std::thread::sleep(Duration::from_millis(1200));
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let mut out = String::new();
    child.stdout.take().expect("stdout").read_to_string(&mut out).expect("output");
    assert!(child.wait().expect("exit").success(), "a stopped import exits normally: {out}");
    assert!(out.contains("stopped after record"), "SIGTERM stops at a checkpoint: {out}");
    let resumed = import(&stopped, &csv, &report).output().expect("resume");
    let resumed_out = String::from_utf8_lossy(&resumed.stdout);
    assert!(
        resumed.status.success() && resumed_out.contains("rejected 0"),
        "the stopped import resumes: {resumed_out}"
    );

    // To the end.
    let done = import(&data, &csv, &report).output().expect("import");
    let out = String::from_utf8_lossy(&done.stdout);
    assert!(done.status.success(), "{out}");
    assert!(out.contains("rejected 0"), "{out}");

    let port = free_port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args(["--data-dir", &data.display().to_string(), "serve", "--no-demo", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .env("COGOV_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    wait_until("the server", Duration::from_secs(120), || get(port, "/healthz").is_some());
    wait_until("the index to catch up", Duration::from_secs(120), || json(port, "/api/v1/search/status")["lag"] == 0);
    let stored = json(port, "/api/v1/entries?kind=initiative&limit=1")["total"].as_i64();
    let indexed = json(port, "/api/v1/search?kind=initiative&limit=1")["total"].as_i64();
    server.kill().expect("stop");
    let _ = server.wait();
    assert_eq!(stored, Some(ROWS as i64), "every row stored exactly once");
    assert_eq!(indexed, stored, "the search projection agrees with the store");
}
