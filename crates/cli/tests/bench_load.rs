//! The short version of `cogov bench load` (the 60 s runs and their figures are in BENCHMARKS.md): a few
//! seconds of the mixed read/write workload at 64 connections on SQLite answer every request with its expected
//! status, every request class is exercised, and the command exits 0. No timing is asserted.

use std::process::Command;

#[test]
fn a_short_load_run_on_sqlite_has_no_errors() {
    let out = Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args(["bench", "load", "--seconds", "3"])
        .env("COGOV_LOG", "warn")
        .output()
        .expect("run cogov bench load");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cogov bench load failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("64 connections"), "{stdout}");
    for class in ["entry page", "search API", "listing API", "map page", "proposal (POST", "/healthz "] {
        let line = stdout
            .lines()
            .find(|l| l.trim_start().starts_with(class))
            .unwrap_or_else(|| panic!("no report line for {class}:\n{stdout}"));
        let n: usize = line
            .split_whitespace()
            .find_map(|w| w.strip_prefix("n="))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count in {line:?}"));
        assert!(n > 0, "{class} was never requested: {line}");
        assert!(line.trim_end().ends_with("errors 0"), "{line}");
    }
    assert!(stdout.contains("mixed workload: ") && stdout.contains(", 0 errors"), "{stdout}");
    assert!(stdout.lines().any(|l| l.trim() == "errors: 0"), "{stdout}");
}
