//! Every seed of every fuzz target and every crash the fuzzer ever saved (`regressions/TARGET/`), through the
//! same target functions, without instrumentation: a defect the fuzzer found stays fixed.

use std::path::PathBuf;

fn regressions(target: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|items| items.flatten().map(|i| i.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn replay(target: &str) {
    let seeds = cogov_fuzz::seed_files(target);
    assert!(!seeds.is_empty(), "the target {target} has no seed (crates/fuzz/seeds.txt)");
    for path in seeds.iter().chain(regressions(target).iter()) {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        eprintln!("{target}: {}", path.display());
        cogov_fuzz::run(target, &data);
    }
}

#[test]
fn every_target_has_a_replay_test() {
    assert_eq!(
        cogov_fuzz::TARGETS,
        ["dpg", "iati", "csv", "dump", "framework", "opinion", "search_query", "url_query"]
    );
}

#[test]
fn dpg() {
    replay("dpg");
}

#[test]
fn iati() {
    replay("iati");
}

#[test]
fn csv() {
    replay("csv");
}

#[test]
fn dump() {
    replay("dump");
}

#[test]
fn framework() {
    replay("framework");
}

#[test]
fn opinion() {
    replay("opinion");
}

#[test]
fn search_query() {
    replay("search_query");
}

#[test]
fn url_query() {
    replay("url_query");
}

/// The target functions do catch what they claim to: a 5xx from the router or a panic in a parser fails.
#[test]
#[should_panic(expected = "unknown fuzz target")]
fn an_unknown_target_is_refused() {
    cogov_fuzz::run("nope", b"");
}
