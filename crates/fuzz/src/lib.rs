//! Coverage-guided fuzz targets for every importer and every query parser of cogov.
//!
//! Each target takes arbitrary bytes and drives them through the same code a real input takes; it panics (a
//! crash for the fuzzer, a failed test for `cargo test`) when that code panics or when the server answers a
//! 5xx. The targets share one instance (a SQLite store in a temporary directory with the bundled reference data,
//! the bundled DPG registry, the GDC map sample and a search index), made once per process.
//!
//! | target | input | runs through |
//! |---|---|---|
//! | `dpg` | a DPG registry nominee file (JSON) | `DpgRegistry` → `import::validate_all` (parse, map, validate) |
//! | `iati` | an IATI activity file (XML) | `IatiFile` (streamed, XSD checks) → `import::validate_all` |
//! | `csv` | an entries CSV file | `CsvFile` → `import::validate_all` |
//! | `dump` | a dump file (JSON) | `dump::read` → `Store::restore` (forced) into a scratch store |
//! | `framework` | a framework file (JSON Lines) | `parse_framework_file` (every check, edges to known nodes) |
//! | `search_query` | the words typed into search | `search::search` and `search::suggest` on the index |
//! | `opinion` | a pol.is export file (CSV) | every reader of `cogov opinion` (votes with and without the known statements, comments, participants-votes, summary) |
//! | `url_query` | a URL query string (first byte picks the route) | the real router: every GET route with query parameters (search, suggest, entries, countries, frameworks, the map API and pages and the world map): the strict query parser, the filter lists, cursors, `lang` |
//!
//! The engine is libFuzzer (`src/bin/cogov-fuzz.rs`, built by `scripts/fuzz` with sanitizer-coverage
//! instrumentation of the cogov crates); `tests/replay.rs` runs every seed (`seeds.txt`) and every saved crash
//! (`regressions/TARGET/`) through the same functions in a plain `cargo test`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::Request;
use cogov_app::{import, App, ErrorCode};
use cogov_store::Store;
use tower::ServiceExt;

/// Every target, in the order `scripts/fuzz` runs them.
pub const TARGETS: &[&str] = &["dpg", "iati", "csv", "dump", "framework", "opinion", "search_query", "url_query"];

/// Runs one input through one target; panics on a defect. Unknown target names panic too.
pub fn run(target: &str, data: &[u8]) {
    match target {
        "dpg" => dpg(data),
        "iati" => iati(data),
        "csv" => csv(data),
        "dump" => dump(data),
        "framework" => framework(data),
        "opinion" => opinion(data),
        "search_query" => search_query(data),
        "url_query" => url_query(data),
        other => panic!("unknown fuzz target '{other}' (targets: {})", TARGETS.join(", ")),
    }
}

/// The workspace root (seed paths in `seeds.txt` are relative to it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed inputs of a target, from `crates/fuzz/seeds.txt` (`target<TAB>path` lines; a directory means every
/// file under it whose name ends with the line's optional third column).
pub fn seed_files(target: &str) -> Vec<PathBuf> {
    let root = workspace_root();
    let mut files = Vec::new();
    for line in include_str!("../seeds.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(t), Some(path)) = (cols.next(), cols.next()) else { continue };
        if t != target {
            continue;
        }
        let suffix = cols.next().unwrap_or("");
        collect(&root.join(path), suffix, &mut files);
    }
    files.sort();
    files
}

fn collect(path: &Path, suffix: &str, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(items) = std::fs::read_dir(path) else { return };
        for item in items.flatten() {
            collect(&item.path(), suffix, out);
        }
    } else if path.is_file() && path.to_string_lossy().ends_with(suffix) {
        out.push(path.to_path_buf());
    }
}

struct World {
    rt: tokio::runtime::Runtime,
    app: App,
    router: axum::Router,
    /// A second store that dump inputs are restored into.
    scratch: Box<dyn Store>,
    nodes: HashSet<String>,
    dir: tempfile::TempDir,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (app, scratch) = rt.block_on(async {
            let store = cogov_store::SqliteStore::open(&dir.path().join("cogov.db"), 4).await.expect("open store");
            store.migrate().await.expect("migrate");
            let app = App::start(Box::new(store)).await.expect("start");
            let registry = cogov_interop::demo::registry(&app.catalog().countries);
            import::run(&app, &registry, &import::Options::default(), None).await.expect("import the demo registry");
            cogov_app::map::sample::load(&app).await.expect("load the GDC map sample");
            let index = cogov_app::search::open_index(&dir.path().join("search")).expect("search index");
            let app = app.with_search(index);
            cogov_app::search::catch_up(&app).await.expect("index the entries");
            let scratch = cogov_store::SqliteStore::open(&dir.path().join("scratch.db"), 2).await.expect("scratch");
            scratch.migrate().await.expect("migrate the scratch store");
            (app, Box::new(scratch) as Box<dyn Store>)
        });
        let nodes = app.catalog().nodes.iter().map(|n| n.id.clone()).collect();
        let router = cogov_web::router(app.clone());
        World { rt, app, router, scratch, nodes, dir }
    })
}

/// Problems are the expected answer to bad input; only a panic (or a hang) is a defect.
fn validate(input: &dyn import::ImportInput) {
    let w = world();
    let _problems = w.rt.block_on(import::validate_all(&w.app, input, None));
}

fn scratch_file(name: &str, data: &[u8]) -> PathBuf {
    let path = world().dir.path().join(name);
    std::fs::write(&path, data).expect("write the input file");
    path
}

fn dpg(data: &[u8]) {
    let w = world();
    // The registry's two kinds of files are read differently: a first byte 0x01 makes the rest a
    // `digitalpublicgoods/` file, anything else is a `nominees/` file.
    let (dir, bytes) = match data.split_first() {
        Some((1, rest)) => ("digitalpublicgoods", rest),
        _ => ("nominees", data),
    };
    let files = vec![(format!("{dir}/fuzz.json"), bytes.to_vec())];
    let registry = cogov_interop::dpg::DpgRegistry::from_files("fuzz", files, &w.app.catalog().countries);
    validate(&registry);
}

fn iati(data: &[u8]) {
    let w = world();
    let path = scratch_file("fuzz.xml", data);
    let file =
        cogov_interop::iati::IatiFile::new(&path, &w.app.catalog().countries, w.nodes.clone()).expect("the input file");
    validate(&file);
}

fn csv(data: &[u8]) {
    let path = scratch_file("fuzz.csv", data);
    let file = cogov_interop::csv_entries::CsvFile::new(&path).expect("the input file");
    validate(&file);
}

fn dump(data: &[u8]) {
    let w = world();
    let Ok(tables) = cogov_interop::dump::read("fuzz.json", data) else { return };
    // A refused restore is the right answer to a bad dump; it must change nothing and leave the store usable.
    let _ = w.rt.block_on(w.scratch.restore(&tables, true));
    w.rt.block_on(w.scratch.last_seq()).expect("the scratch store still answers after a restore");
}

fn framework(data: &[u8]) {
    let w = world();
    let text = String::from_utf8_lossy(data);
    if let Ok(file) = cogov_core::framework::parse_framework_file("fuzz.jsonl", &text, &|id| w.nodes.contains(id)) {
        // A file that passes is consistent: every parent and edge end it names exists.
        let ids: HashSet<&str> = file.nodes.iter().map(|n| n.id.as_str()).collect();
        for n in &file.nodes {
            if let Some(p) = &n.parent {
                assert!(ids.contains(p.as_str()), "accepted a node whose parent {p} is missing");
            }
        }
    }
}

/// The readers of `cogov opinion` (pol.is exports): each checks its own header, so the same bytes go through all
/// of them. An error must name the file (and a line, where there is one); only a panic is a defect.
fn opinion(data: &[u8]) {
    use cogov_opinion::polis;
    let path = Path::new("fuzz.csv");
    let known: HashSet<u64> = (0..3).collect();
    for result in [
        polis::parse_votes(data, path, Some(&known)).map(|_| ()),
        polis::parse_votes(data, path, None).map(|_| ()),
        polis::parse_comments(data, path).map(|_| ()),
        polis::parse_participants_votes(data, path, Some(&known)).map(|_| ()),
        polis::parse_summary_groups(data, path).map(|_| ()),
    ] {
        if let Err(e) = result {
            assert!(e.to_string().starts_with("fuzz.csv"), "an error that does not name the file: {e}");
        }
    }
}

fn search_query(data: &[u8]) {
    let w = world();
    let q = String::from_utf8_lossy(data).into_owned();
    let request = cogov_search::SearchRequest {
        q,
        sort: cogov_search::Sort::default(),
        limit: 20,
        lang: Some(cogov_core::Lang::En),
        facets: cogov_search::Facet::ALL.to_vec(),
        prefix: true,
        ..Default::default()
    };
    for result in [
        cogov_app::search::search(&w.app, request.clone()).map(|_| ()),
        cogov_app::search::suggest(&w.app, request).map(|_| ()),
    ] {
        if let Err(e) = result {
            assert_eq!(e.code(), ErrorCode::InvalidParameter, "a query may be refused, never fail: {e}");
        }
    }
}

/// GET routes that read query parameters; `{lang}` is replaced by a language picked from the same byte.
const QUERY_ROUTES: &[&str] = &[
    "/api/v1/search",
    "/{lang}/search",
    "/api/v1/search/suggest",
    "/api/v1/entries",
    "/{lang}/entries",
    "/api/v1/countries",
    "/api/v1/countries/FR",
    "/api/v1/frameworks",
    "/api/v1/frameworks/sdg",
    "/api/v1/nodes/sdg:4",
    "/api/v1/map/heatmap",
    "/{lang}/map",
    "/api/v1/map/world",
    "/{lang}/map/world",
    "/map/world.svg",
    "/api/v1/map/gaps",
    "/{lang}/map/gaps",
    "/api/v1/map/endorsements",
    "/{lang}/map/endorsements",
    "/api/v1/map/report",
    "/{lang}/map/report",
    "/api/v1/map/coverage",
    "/api/v1/map/commitments/gdc:1.1",
    "/api/v1/map/countries/KE",
];

fn url_query(data: &[u8]) {
    let w = world();
    let Some((&pick, rest)) = data.split_first() else { return };
    let route = QUERY_ROUTES[pick as usize % QUERY_ROUTES.len()];
    let lang = cogov_core::Lang::ALL[(pick as usize / QUERY_ROUTES.len()) % 6].code();
    let uri = format!("{}?{}", route.replace("{lang}", lang), encode_query(rest));
    let Ok(request) = Request::get(uri.as_str()).body(Body::empty()) else { return };
    let response = w.rt.block_on(w.router.clone().oneshot(request)).expect("the router always answers");
    let status = response.status();
    assert!(!status.is_server_error(), "GET {uri} answered {status}");
}

/// The bytes as a query string a client could send: what a URI may carry stays, the rest is percent-encoded
/// (so the server's own decoding sees every byte, `%` escapes and `+` included).
pub fn encode_query(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?%".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
