//! `cogov bench search`: synthetic entries indexed by tantivy and served by the real HTTP API, against the same
//! workload over the same entries in SQLite FTS5 and PostgreSQL full-text search (each behind an equivalent
//! endpoint of the bench's own router, so every engine pays for HTTP), with `/healthz` as the ceiling.

use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use clap::Args;
use cogov_app::App;
use cogov_core::entry::{Entry, EntryKind, Provenance, Revision, StakeholderGroup, Status, Tag};
use cogov_core::Text;
use serde::Deserialize;
use sqlx::{PgPool, SqlitePool};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// `cogov bench search`
#[derive(Args, Clone)]
pub struct SearchBenchArgs {
    /// Entries to generate.
    #[arg(long, default_value_t = 20_000)]
    pub entries: usize,
    /// Concurrent HTTP clients (keep-alive connections).
    #[arg(long, default_value_t = 8)]
    pub clients: usize,
    /// Measured seconds per engine (after one second of warm-up).
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// The PostgreSQL database for the tsvector baseline (a fresh schema is created and dropped in it).
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/test")]
    pub postgres_url: String,
    /// Keep the data (store, index, FTS5 table, PostgreSQL schema) in this directory and reuse it on the next
    /// run with the same --entries, which then measures only the queries (for profiling a change of the search
    /// path). Without it, a temporary directory is used and everything is removed at the end.
    #[arg(long)]
    pub work_dir: Option<std::path::PathBuf>,
    /// Run the measured `cogov serve` in a memory cgroup limited to this many MB. The limit counts the page
    /// cache of the index files the server reads, not only its own memory (the page cache is dropped first).
    /// Needs root and a writable memory cgroup (v1 or v2).
    #[arg(long)]
    pub memory_limit_mb: Option<u64>,
}

pub async fn bench_search(args: SearchBenchArgs) -> anyhow::Result<()> {
    if let Some(dir) = &args.work_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        return bench_in(dir, &args).await;
    }
    let dir = std::env::temp_dir().join(format!("cogov-bench-search-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let result = bench_in(&dir, &args).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// What a kept work directory holds: `bench-data.json`, written once every engine's data is built.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
struct Kept {
    entries: usize,
    /// The PostgreSQL schema holding the baseline table, when it was built.
    pg_schema: Option<String>,
}

/// Bumped when the generator changes, so kept data of another generator is not reused.
const GENERATOR_VERSION: u32 = 1;

fn kept(dir: &std::path::Path, n: usize) -> Option<Kept> {
    let text = std::fs::read_to_string(dir.join(format!("bench-data-v{GENERATOR_VERSION}.json"))).ok()?;
    serde_json::from_str::<Kept>(&text).ok().filter(|k| k.entries == n)
}

/// The query classes of the workload, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Class {
    Single,
    Multi,
    Phrase,
    Facet,
    Prefix,
    Trivial,
}

impl Class {
    const WORKLOAD: [Class; 5] = [Class::Single, Class::Multi, Class::Phrase, Class::Facet, Class::Prefix];

    fn name(self) -> &'static str {
        match self {
            Class::Single => "single term",
            Class::Multi => "multi-term",
            Class::Phrase => "phrase",
            Class::Facet => "facet-filtered",
            Class::Prefix => "prefix",
            Class::Trivial => "/healthz",
        }
    }
}

/// One query of the workload, as sent to every engine.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct BenchQuery {
    /// As typed: a trailing space closes the last word; without it the last word is matched as a prefix.
    q: String,
    kind: Option<String>,
    node: Option<String>,
}

impl BenchQuery {
    fn query_string(&self) -> String {
        let mut s = format!("q={}", encode(&self.q));
        if let Some(k) = &self.kind {
            s.push_str(&format!("&kind={}", encode(k)));
        }
        if let Some(n) = &self.node {
            s.push_str(&format!("&node={}", encode(n)));
        }
        s
    }
}

async fn bench_in(dir: &std::path::Path, args: &SearchBenchArgs) -> anyhow::Result<()> {
    let n = args.entries;
    println!("cogov bench search: {n} synthetic entries, {} clients, {} s per engine", args.clients, args.seconds);
    let reuse = if args.work_dir.is_some() { kept(dir, n) } else { None };
    if reuse.is_none() && dir.join("cogov.db").exists() {
        anyhow::bail!(
            "{} holds the data of another or an unfinished run: remove it or name another --work-dir",
            dir.display()
        );
    }
    let (app, pool) = fresh_app(dir).await?;
    let catalog = app.catalog();
    let (nodes, countries) = tag_pools(&catalog);
    let entries = || Generator::new(&nodes, &countries).take(n);
    if let Some(kept) = &reuse {
        return measure_kept(dir, args, app, pool, kept, &nodes, &countries).await;
    }

    // Straight through the store (create_entry, one transaction each) on one connection with synchronous=OFF:
    // a throwaway instance needs no durability, and the index then reads it like any instance. The entries are
    // generated in chunks (and again for each baseline), never all held at once.
    let t = Instant::now();
    let mut english = Vec::new();
    let mut generator = entries();
    loop {
        let chunk: Vec<Entry> = generator.by_ref().take(10_000).collect();
        if chunk.is_empty() {
            break;
        }
        english.extend(english_titles(&chunk));
        insert_entries(&app, &chunk).await?;
    }
    let insert = t.elapsed();
    println!("  store insert (create_entry, SQLite)        {:>10.0} entries/s", rate(n, insert));
    let workload = workload(&english, &nodes, 1000);
    drop(english);

    let index = cogov_app::search::open_index(&dir.join("search"))?;
    let app = app.with_search(index.clone());
    let t = Instant::now();
    let cpu = cpu_seconds();
    cogov_app::search::reindex(&app).await?;
    let build = t.elapsed();
    let cpu = cpu_seconds() - cpu;
    println!(
        "  tantivy index build (cogov reindex path)   {:>10.0} entries/s   ({:.1} s, {} segments, {:.0} MB on disk)   target >= 20,000/s",
        rate(n, build),
        build.as_secs_f64(),
        index.segment_count(),
        dir_size(&dir.join("search")) as f64 / 1e6
    );
    println!(
        "    CPU: {cpu:.1} s over {:.1} s ({:.2} cores busy), {:.0} entries per CPU-second (load-independent; two free cores give up to twice that)",
        build.as_secs_f64(),
        cpu / build.as_secs_f64().max(1e-9),
        n as f64 / cpu.max(1e-9)
    );

    let t = Instant::now();
    build_fts5(&pool, entries()).await?;
    println!("  SQLite FTS5 build                          {:>10.0} entries/s", rate(n, t.elapsed()));
    let schema = match &args.work_dir {
        Some(_) => format!("cogov_bench_search_kept_{n}"),
        None => format!("cogov_bench_search_{}", std::process::id()),
    };
    let pg = match connect_pg(&args.postgres_url, args.clients as u32, &schema).await {
        Ok(pg) => {
            let t = Instant::now();
            build_pg(&pg, &schema, entries()).await?;
            println!("  PostgreSQL tsvector+GIN build              {:>10.0} entries/s", rate(n, t.elapsed()));
            Some(pg)
        }
        Err(e) => {
            println!(
                "  PostgreSQL baseline SKIPPED: cannot reach {}: {e}",
                cogov_store::redact_url(&args.postgres_url)
            );
            None
        }
    };

    // The server under test is `cogov serve` itself, in its own process on this data directory, so that its
    // memory is its own (not the generator's, the baselines' or the load's) and it starts without a rebuild.
    drop(app);
    let t = Instant::now();
    let index = Arc::try_unwrap(index).map_err(|_| anyhow::anyhow!("the search index is still in use"))?;
    index.close()?;
    println!(
        "  tantivy merges finished {:.1} s after the build ({} segments, {:.0} MB on disk)",
        t.elapsed().as_secs_f64(),
        segment_files(&dir.join("search")),
        dir_size(&dir.join("search")) as f64 / 1e6
    );
    let pg_schema = pg.as_ref().map(|_| schema.clone());
    if args.work_dir.is_some() {
        let kept = Kept { entries: n, pg_schema: pg_schema.clone() };
        std::fs::write(dir.join(format!("bench-data-v{GENERATOR_VERSION}.json")), serde_json::to_string(&kept)?)?;
    }
    measure(dir, args, &workload, pool, pg, &schema).await
}

/// A kept work directory: the entries are generated again only for the workload's phrases; the store, the
/// index, the FTS5 table and the PostgreSQL schema are used as they are.
async fn measure_kept(
    dir: &std::path::Path,
    args: &SearchBenchArgs,
    app: App,
    pool: SqlitePool,
    kept: &Kept,
    nodes: &[String],
    countries: &[String],
) -> anyhow::Result<()> {
    println!("  reusing the data kept in {} ({} entries): only the queries are measured", dir.display(), kept.entries);
    let mut english = Vec::new();
    let mut generator = Generator::new(nodes, countries).take(kept.entries);
    loop {
        let chunk: Vec<Entry> = generator.by_ref().take(10_000).collect();
        if chunk.is_empty() {
            break;
        }
        english.extend(english_titles(&chunk));
    }
    let workload = workload(&english, nodes, 1000);
    drop(english);
    drop(app);
    let (pg, schema) = match &kept.pg_schema {
        Some(schema) => {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(args.clients.max(1) as u32)
                .acquire_timeout(Duration::from_secs(3))
                .connect(&args.postgres_url)
                .await
                .with_context(|| format!("the kept PostgreSQL schema {schema} needs its database"))?;
            (Some(pool), schema.clone())
        }
        None => (None, String::new()),
    };
    measure(dir, args, &workload, pool, pg, &schema).await
}

/// The query phase: cold and warm `cogov serve`, the baselines, the ratios and the memory figures.
async fn measure(
    dir: &std::path::Path,
    args: &SearchBenchArgs,
    workload: &[(Class, BenchQuery)],
    pool: SqlitePool,
    pg: Option<PgPool>,
    schema: &str,
) -> anyhow::Result<()> {
    let schema = schema.to_string();
    let base_addr =
        spawn_server(baseline_router(Baselines { sqlite: pool.clone(), pg: pg.clone(), schema: schema.clone() }))
            .await?;
    let dur = Duration::from_secs_f64(args.seconds);
    let with_class = |prefix: &str, suffix: &str| -> Vec<(Class, String)> {
        workload.iter().map(|(c, q)| (*c, format!("{prefix}?{}{suffix}", q.query_string()))).collect()
    };
    let api = |suffix: &str| Arc::new(with_class("/api/v1/search", suffix));

    // Cold: `[search] cache_mb = 0`, every request searched and counted from the index.
    let cold_server = CogovServer::start(dir, 0, args.memory_limit_mb).await?;
    let counting = drive(cold_server.addr, api(""), args.clients, dur).await?;
    report(
        "tantivy cold: every request searched and counted (GET /api/v1/search, cogov serve, cache_mb = 0)",
        &counting,
    );
    let bare = drive(cold_server.addr, api("&facets=none"), args.clients, dur).await?;
    report("tantivy cold, no facet counts (&facets=none: the baselines' work)", &bare);
    let cold_memory = cold_server.memory();
    drop(cold_server);
    // Warm: the default configuration (result pages and facet counts kept until the index changes); the
    // workload's 1,000 queries repeat, so after the first round every page is served from memory.
    let server =
        CogovServer::start(dir, cogov_app::search::RESULT_CACHE_BYTES / (1024 * 1024), args.memory_limit_mb).await?;
    // Every page of the workload asked once before measuring, so the measured run is what repeated traffic
    // sees (otherwise, on a large index, the first pages are still being computed when the measure starts).
    let t = Instant::now();
    prime(server.addr, api(""), args.clients).await?;
    println!(
        "  warm server primed: the workload's {} pages computed once in {:.1} s",
        workload.len(),
        t.elapsed().as_secs_f64()
    );
    let tantivy = drive(server.addr, api(""), args.clients, dur).await?;
    report("tantivy warm: the defaults (result pages cached until the index changes, cache_mb = 64)", &tantivy);
    let trivial =
        drive(server.addr, Arc::new(vec![(Class::Trivial, "/healthz".to_string())]), args.clients, dur).await?;
    report("ceiling (GET /healthz, the same cogov serve)", &trivial);
    let warm_memory = server.memory();
    drop(server);

    let fts5 = drive(base_addr, Arc::new(with_class("/fts5", "")), args.clients, dur).await?;
    report("SQLite FTS5 (GET /fts5, bench router)", &fts5);
    let pg_stats = match &pg {
        Some(_) => {
            let s = drive(base_addr, Arc::new(with_class("/pg", "")), args.clients, dur).await?;
            report("PostgreSQL FTS (GET /pg, bench router)", &s);
            Some(s)
        }
        None => None,
    };

    let runs = [&counting, &bare, &tantivy];
    println!("  ratios (queries per second), tantivy cold / cold without counts / warm (the defaults):");
    let ratios = |base: f64| runs.iter().map(|r| format!("{:>8.2}x", r.qps / base)).collect::<Vec<_>>().join(" ");
    println!("    tantivy / SQLite FTS5        {}", ratios(fts5.qps));
    match &pg_stats {
        Some(p) => println!("    tantivy / PostgreSQL FTS     {}   target >= 10x", ratios(p.qps)),
        None => println!("    tantivy / PostgreSQL FTS     (skipped)"),
    }
    let shares = runs.iter().map(|r| format!("{:>7.1} %", 100.0 * r.qps / trivial.qps)).collect::<Vec<_>>().join(" ");
    println!("    tantivy / /healthz           {shares}   target >= 30 %");
    let p99s = runs.iter().map(|r| format!("{:.2}", r.percentile(Class::Facet, 0.99))).collect::<Vec<_>>().join(" / ");
    println!("  facet-filtered p99 (tantivy)               {p99s} ms   target <= 10 ms");
    for (name, m) in [("cold (cache_mb = 0)", cold_memory), ("warm (defaults)", warm_memory)] {
        println!(
            "  server memory, {name}: peak {} MB (VmHWM); at the end {} MB own (RssAnon) + {} MB of mapped index files (RssFile, page cache)   target <= 500 MB",
            m.peak / 1024,
            m.anon / 1024,
            m.file / 1024
        );
        if let Some(c) = &m.cgroup {
            println!(
                "    in a memory cgroup limited to {} MB (counts its page cache too): peak {} MB, limit reached {} times (pages reclaimed), OOM kills {}",
                c.limit_mb, c.peak_mb, c.failcnt, c.oom_kills
            );
        }
    }
    match &pg {
        Some(pg) if args.work_dir.is_none() => {
            sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(pg).await?;
        }
        _ => {}
    }
    Ok(())
}

/// Segments of the index as committed (its `meta.json`).
fn segment_files(dir: &std::path::Path) -> usize {
    std::fs::read_to_string(dir.join("meta.json"))
        .ok()
        .and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok())
        .and_then(|m| m.get("segments").and_then(|s| s.as_array()).map(Vec::len))
        .unwrap_or(0)
}

fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum())
        .unwrap_or(0)
}

/// CPU time of this process so far (user + system, all threads), from `/proc/self/stat`; 0 where unavailable.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are the
    // 12th and 13th, in clock ticks of 1/100 s.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn rate(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64().max(1e-9)
}

/// A fresh SQLite instance in `dir`, its store on one connection without fsync, and a separate read pool on the
/// same file for the FTS5 baseline.
async fn fresh_app(dir: &std::path::Path) -> anyhow::Result<(App, SqlitePool)> {
    let path = dir.join("cogov.db");
    let store = cogov_store::SqliteStore::open(&path, 1).await?;
    sqlx::query("PRAGMA synchronous = OFF").execute(store.pool()).await?;
    sqlx::query("PRAGMA synchronous = OFF").execute(store.write_pool()).await?;
    cogov_store::Store::migrate(&store).await?;
    let app = App::start(Box::new(store)).await?;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Off)
        .busy_timeout(Duration::from_secs(30));
    let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
    Ok((app, pool))
}

/// Leaf nodes of the SDGs and the Global Digital Compact (so a node filter means the same to every engine: the
/// index also counts an entry for the ancestors of its tags), and countries with an M49 region.
fn tag_pools(catalog: &cogov_app::Catalog) -> (Vec<String>, Vec<String>) {
    let parents: BTreeSet<&str> = catalog.nodes.iter().filter_map(|n| n.parent.as_deref()).collect();
    let nodes = catalog
        .nodes
        .iter()
        .filter(|n| matches!(n.framework(), "sdg" | "gdc") && !parents.contains(n.id.as_str()))
        .map(|n| n.id.clone())
        .collect();
    let countries = catalog.countries.iter().filter(|c| !c.region.is_empty()).map(|c| c.iso2.clone()).collect();
    (nodes, countries)
}

async fn insert_entries(app: &App, entries: &[Entry]) -> anyhow::Result<()> {
    for e in entries {
        let r = Revision {
            entry_id: e.id.clone(),
            number: 1,
            at: e.created_at.clone(),
            actor: "bench".into(),
            reason: "synthetic".into(),
            changes: vec![],
        };
        app.store().create_entry(e, &r).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// The generator.

const LANGS: [&str; 6] = ["en", "fr", "es", "zh", "ar", "ru"];
/// Share of entries per primary language (per mille), in `LANGS` order.
const LANG_WEIGHTS: [usize; 6] = [500, 150, 150, 70, 70, 60];

#[rustfmt::skip]
const EN: &[&str] = &[
    "digital", "public", "data", "open", "health", "education", "climate", "broadband", "literacy", "vaccine",
    "sanitation", "governance", "privacy", "platform", "registry", "identity", "payments", "agriculture",
    "water", "energy", "gender", "youth", "connectivity", "goods", "network", "school", "farmers", "women",
    "rural", "mobile", "internet", "security", "skills", "training", "standards", "research", "market",
    "finance", "trade", "ocean", "forest", "cities", "transport", "justice", "peace", "hunger", "poverty",
    "inclusion", "access", "innovation", "artificial", "intelligence", "cooperation", "capacity",
    "infrastructure", "community", "local", "national", "regional", "global", "policy", "framework",
    "strategy", "services", "citizens", "radio", "satellite", "cloud", "software", "library", "museum",
    "heritage", "language", "translation", "disaster", "warning", "weather", "census", "statistics", "maps",
];
#[rustfmt::skip]
const FR: &[&str] = &[
    "numérique", "santé", "éducation", "climat", "données", "ouvertes", "réseau", "école", "agriculteurs",
    "femmes", "jeunesse", "gouvernance", "sécurité", "compétences", "formation", "recherche", "énergie",
    "eau", "pauvreté", "inclusion", "accès", "coopération", "politique", "services", "citoyens", "villes",
    "océan", "forêt", "paix", "justice",
];
#[rustfmt::skip]
const ES: &[&str] = &[
    "digitales", "salud", "educación", "clima", "datos", "abiertos", "red", "escuela", "agricultores",
    "mujeres", "juventud", "gobernanza", "seguridad", "habilidades", "investigación", "energía", "agua",
    "pobreza", "inclusión", "acceso", "cooperación", "política", "servicios", "ciudadanos", "ciudades",
    "océano", "bosque", "paz", "justicia", "conectividad",
];
#[rustfmt::skip]
const RU: &[&str] = &[
    "цифровой", "здоровье", "образование", "климат", "данные", "открытые", "сеть", "школа", "фермеры",
    "женщины", "молодежь", "управление", "безопасность", "навыки", "исследования", "энергия", "вода",
    "бедность", "доступ", "сотрудничество", "политика", "услуги", "граждане", "города",
];
#[rustfmt::skip]
const AR: &[&str] = &[
    "الرقمية", "الصحة", "التعليم", "المناخ", "البيانات", "المفتوحة", "الشبكة", "المدرسة", "المزارعين",
    "النساء", "الشباب", "الحوكمة", "الأمن", "المهارات", "البحث", "الطاقة", "المياه", "الفقر", "الوصول",
    "التعاون", "السياسة", "الخدمات", "المواطنين", "المدن",
];
#[rustfmt::skip]
const ZH: &[&str] = &[
    "数字", "健康", "教育", "气候", "数据", "开放", "网络", "学校", "农民", "妇女", "青年", "治理", "安全", "技能", "研究", "能源", "水资源",
    "贫困", "接入", "合作", "政策", "服务", "公民", "城市", "公共", "产品", "平台", "人工智能",
];

/// A language's vocabulary: its real words first, then a long tail of synthetic words (so that rare terms
/// exist, as in real text), drawn with a Zipf distribution.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
    real: usize,
}

impl Vocabulary {
    fn new(lang: &str) -> Self {
        let (real, syllables, prefix): (&[&str], &[&str], &str) = match lang {
            "fr" => (FR, &["ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "de", "pu", "ga", "fe"], "zq"),
            "es" => (ES, &["ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "de", "pu", "ga", "fe"], "zx"),
            "ru" => (RU, &["ка", "ло", "ми", "не", "ру", "та", "во", "си", "де", "пу", "га", "фе"], "ж"),
            "ar" => (AR, &["ب", "ت", "ج", "د", "ر", "س", "ف", "ق", "ك", "ل", "م", "ن"], "ظ"),
            "zh" => (ZH, &["山", "川", "风", "云", "雷", "电", "花", "草", "木", "石", "金", "玉"], ""),
            _ => (EN, &["ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "de", "pu", "ga", "fe"], "zk"),
        };
        let mut words: Vec<String> = real.iter().map(|w| w.to_string()).collect();
        let b = syllables.len();
        for k in 0..b * b * b {
            let mut w = prefix.to_string();
            for digit in [k / (b * b), (k / b) % b, k % b] {
                w.push_str(syllables[digit]);
            }
            words.push(w);
        }
        let mut cumulative = Vec::with_capacity(words.len());
        let mut sum = 0.0;
        for rank in 1..=words.len() {
            sum += 1.0 / rank as f64;
            cumulative.push(sum);
        }
        Vocabulary { words, cumulative, real: real.len() }
    }

    fn draw(&self, rng: &mut Rng) -> &str {
        &self.words[zipf_index(&self.cumulative, rng)]
    }

    fn real_word(&self, rng: &mut Rng) -> &str {
        &self.words[zipf_index(&self.cumulative[..self.real], rng)]
    }

    fn sentence(&self, rng: &mut Rng, lang: &str, words: usize) -> String {
        let sep = if lang == "zh" { "" } else { " " };
        (0..words).map(|_| self.draw(rng)).collect::<Vec<_>>().join(sep)
    }
}

fn zipf_index(cumulative: &[f64], rng: &mut Rng) -> usize {
    let total = cumulative.last().copied().unwrap_or(0.0);
    let x = rng.unit() * total;
    cumulative.partition_point(|c| *c < x).min(cumulative.len().saturating_sub(1))
}

fn zipf_table(n: usize, s: f64) -> Vec<f64> {
    let mut sum = 0.0;
    (1..=n)
        .map(|r| {
            sum += 1.0 / (r as f64).powf(s);
            sum
        })
        .collect()
}

/// `n` entries, the same for the same inputs (see [`Generator`]).
#[cfg(test)]
fn generate(n: usize, nodes: &[String], countries: &[String]) -> Vec<Entry> {
    Generator::new(nodes, countries).take(n).collect()
}

/// The entries, one after the other (a million do not fit the memory the server is measured in): titles of
/// 3–10 words and summaries of 20–80 words in one of six languages (a fifth of the others also in English), 1–4
/// tags and 0–2 countries drawn with skewed (Zipf) frequencies, kinds weighted towards organizations and
/// initiatives. The same inputs give the same sequence.
struct Generator<'a> {
    vocab: Vec<Vocabulary>,
    nodes: &'a [String],
    countries: &'a [String],
    node_zipf: Vec<f64>,
    country_zipf: Vec<f64>,
    rng: Rng,
    now: String,
    i: usize,
}

const KINDS: [(EntryKind, usize); 6] = [
    (EntryKind::Actor, 40),
    (EntryKind::Initiative, 25),
    (EntryKind::DigitalPublicGood, 15),
    (EntryKind::Document, 10),
    (EntryKind::Process, 5),
    (EntryKind::Event, 5),
];

impl<'a> Generator<'a> {
    fn new(nodes: &'a [String], countries: &'a [String]) -> Self {
        Generator {
            vocab: LANGS.iter().map(|l| Vocabulary::new(l)).collect(),
            nodes,
            countries,
            node_zipf: zipf_table(nodes.len(), 1.1),
            country_zipf: zipf_table(countries.len(), 1.0),
            rng: Rng(0x5EED_CAFE_F00D_0001),
            now: cogov_store::now(),
            i: 0,
        }
    }
}

impl Iterator for Generator<'_> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        let (rng, vocab) = (&mut self.rng, &self.vocab);
        let li = weighted(&LANG_WEIGHTS, rng);
        let lang = LANGS[li];
        let (title_words, summary_words) = (3 + rng.below(8), 20 + rng.below(61));
        let mut title = Text::new(lang, vocab[li].sentence(rng, lang, title_words));
        let mut summary = Text::new(lang, vocab[li].sentence(rng, lang, summary_words));
        if lang != "en" && rng.below(5) == 0 {
            let (title_words, summary_words) = (3 + rng.below(8), 20 + rng.below(61));
            title.values.insert("en".into(), vocab[0].sentence(rng, "en", title_words));
            summary.values.insert("en".into(), vocab[0].sentence(rng, "en", summary_words));
        }
        let kind = KINDS[weighted(&KINDS.map(|(_, w)| w), rng)].0;
        let mut tags: Vec<String> =
            (0..1 + rng.below(4)).map(|_| self.nodes[zipf_index(&self.node_zipf, rng)].clone()).collect();
        tags.sort();
        tags.dedup();
        let mut where_: Vec<String> =
            (0..rng.below(3)).map(|_| self.countries[zipf_index(&self.country_zipf, rng)].clone()).collect();
        where_.sort();
        where_.dedup();
        let id = format!("bench-{:07}", self.i);
        self.i += 1;
        Some(Entry {
            id: id.clone(),
            kind,
            slug: id,
            status: Status::Published,
            title,
            summary,
            stakeholder_group: (kind == EntryKind::Actor)
                .then(|| StakeholderGroup::ALL[rng.below(StakeholderGroup::ALL.len())]),
            countries: where_,
            regions: vec![],
            website: None,
            external_ids: vec![],
            tags: tags
                .into_iter()
                .map(|node| Tag { node, provenance: Provenance::Manual { by: "bench".into() }, evidence: None })
                .collect(),
            provenance: Provenance::Manual { by: "bench".into() },
            attributes: Default::default(),
            created_at: self.now.clone(),
            updated_at: self.now.clone(),
        })
    }
}

/// The English titles the workload draws its phrases from.
fn english_titles(entries: &[Entry]) -> impl Iterator<Item = String> + '_ {
    entries.iter().filter_map(|e| e.title.values.get("en").cloned())
}

fn weighted(weights: &[usize], rng: &mut Rng) -> usize {
    let mut x = rng.below(weights.iter().sum());
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// The fixed workload: `size` queries cycling through the five classes. Words come from the real vocabularies
/// of the space-separated languages (en weighted most); Chinese is indexed but not queried, because FTS5's and
/// PostgreSQL's tokenizers do not segment it, so their counts would not be comparable.
fn workload(english: &[String], nodes: &[String], size: usize) -> Vec<(Class, BenchQuery)> {
    let vocab: Vec<Vocabulary> = ["en", "fr", "es", "ar", "ru"].iter().map(|l| Vocabulary::new(l)).collect();
    let lang_weights = [6, 1, 1, 1, 1];
    let kinds = ["actor", "initiative", "dpg"];
    let mut rng = Rng(0x0BAD_5EED_0000_0002);
    (0..size)
        .map(|i| {
            let class = Class::WORKLOAD[i % Class::WORKLOAD.len()];
            let v = &vocab[weighted(&lang_weights, &mut rng)];
            let q = match class {
                Class::Single | Class::Facet => {
                    BenchQuery { q: format!("{} ", v.real_word(&mut rng)), kind: None, node: None }
                }
                Class::Multi => {
                    let words: Vec<&str> = (0..2 + rng.below(2)).map(|_| v.real_word(&mut rng)).collect();
                    BenchQuery { q: format!("{} ", words.join(" ")), kind: None, node: None }
                }
                Class::Phrase => {
                    let title =
                        english.get(rng.below(english.len().max(1))).map(String::as_str).unwrap_or("digital public");
                    let words: Vec<&str> = title.split(' ').collect();
                    let at = rng.below(words.len().saturating_sub(1).max(1));
                    let phrase = words[at..(at + 2).min(words.len())].join(" ");
                    BenchQuery { q: format!("\"{phrase}\" "), kind: None, node: None }
                }
                _ => {
                    let latin = &vocab[rng.below(3)];
                    let word = loop {
                        let w = latin.real_word(&mut rng);
                        if w.chars().count() >= 6 {
                            break w;
                        }
                    };
                    BenchQuery { q: word.chars().take(3 + rng.below(2)).collect(), kind: None, node: None }
                }
            };
            let q = if class == Class::Facet {
                BenchQuery {
                    kind: Some(kinds[rng.below(kinds.len())].to_string()),
                    node: Some(nodes[rng.below(10.min(nodes.len()))].clone()),
                    ..q
                }
            } else {
                q
            };
            (class, q)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------------------
// The baselines: the same entries (all their texts, every language) and the same filters, ranked by each
// engine's own relevance, the first 20 returned with the total, like the search API's first page.

fn all_text(t: &Text) -> String {
    t.values.values().cloned().collect::<Vec<_>>().join(" ")
}

async fn build_fts5(pool: &SqlitePool, entries: impl Iterator<Item = Entry>) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    for stmt in [
        "CREATE VIRTUAL TABLE bench_fts USING fts5(title, body)",
        "CREATE TABLE bench_doc (n INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL)",
        "CREATE TABLE bench_node (node TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (node, doc)) WITHOUT ROWID",
    ] {
        sqlx::query(stmt).execute(&mut *tx).await?;
    }
    for (n, e) in entries.enumerate() {
        let n = n as i64 + 1;
        sqlx::query("INSERT INTO bench_fts (rowid, title, body) VALUES ($1, $2, $3)")
            .bind(n)
            .bind(all_text(&e.title))
            .bind(all_text(&e.summary))
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO bench_doc (n, id, kind) VALUES ($1, $2, $3)")
            .bind(n)
            .bind(&e.id)
            .bind(e.kind.code())
            .execute(&mut *tx)
            .await?;
        for t in &e.tags {
            sqlx::query("INSERT INTO bench_node (node, doc) VALUES ($1, $2)")
                .bind(&t.node)
                .bind(n)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn connect_pg(url: &str, max: u32, schema: &str) -> anyhow::Result<PgPool> {
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(max.max(1))
        .acquire_timeout(Duration::from_secs(3))
        .connect(url)
        .await?;
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&pool).await?;
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&pool).await?;
    Ok(pool)
}

/// The `simple` configuration: language-neutral, as the texts are in six languages.
async fn build_pg(pool: &PgPool, schema: &str, mut entries: impl Iterator<Item = Entry>) -> anyhow::Result<()> {
    sqlx::query(&format!(
        "CREATE TABLE {schema}.docs (n INT PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
         tsv TSVECTOR NOT NULL, nodes TEXT[] NOT NULL)"
    ))
    .execute(pool)
    .await?;
    for c in 0.. {
        let chunk: Vec<Entry> = entries.by_ref().take(5000).collect();
        if chunk.is_empty() {
            break;
        }
        let ns: Vec<i32> = (0..chunk.len()).map(|i| (c * 5000 + i + 1) as i32).collect();
        let ids: Vec<String> = chunk.iter().map(|e| e.id.clone()).collect();
        let kinds: Vec<String> = chunk.iter().map(|e| e.kind.code().to_string()).collect();
        let titles: Vec<String> = chunk.iter().map(|e| all_text(&e.title)).collect();
        let bodies: Vec<String> = chunk.iter().map(|e| all_text(&e.summary)).collect();
        let nodes: Vec<String> =
            chunk.iter().map(|e| e.tags.iter().map(|t| t.node.as_str()).collect::<Vec<_>>().join(",")).collect();
        sqlx::query(&format!(
            "INSERT INTO {schema}.docs (n, id, kind, title, tsv, nodes)
             SELECT n, id, kind, title, to_tsvector('simple', title || ' ' || body), string_to_array(nodes, ',')
             FROM UNNEST($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                  AS t(n, id, kind, title, body, nodes)"
        ))
        .bind(&ns)
        .bind(&ids)
        .bind(&kinds)
        .bind(&titles)
        .bind(&bodies)
        .bind(&nodes)
        .execute(pool)
        .await?;
    }
    for stmt in [
        format!("CREATE INDEX ON {schema}.docs USING GIN (tsv)"),
        format!("CREATE INDEX ON {schema}.docs USING GIN (nodes)"),
        format!("ANALYZE {schema}.docs"),
    ] {
        sqlx::query(&stmt).execute(pool).await?;
    }
    Ok(())
}

#[derive(Clone)]
struct Baselines {
    sqlite: SqlitePool,
    pg: Option<PgPool>,
    /// The PostgreSQL schema holding the baseline table.
    schema: String,
}

fn baseline_router(state: Baselines) -> Router {
    Router::new().route("/fts5", get(fts5_endpoint)).route("/pg", get(pg_endpoint)).with_state(state)
}

type Answer = Result<Json<serde_json::Value>, (StatusCode, String)>;

async fn fts5_endpoint(State(s): State<Baselines>, Query(q): Query<BenchQuery>) -> Answer {
    let (total, hits) = fts5_search(&s.sqlite, &q).await.map_err(internal)?;
    Ok(Json(serde_json::json!({ "total": total, "hits": hits })))
}

async fn pg_endpoint(State(s): State<Baselines>, Query(q): Query<BenchQuery>) -> Answer {
    let pool = s.pg.as_ref().ok_or((StatusCode::NOT_FOUND, "no PostgreSQL".to_string()))?;
    let (total, hits) = pg_search(pool, &s.schema, &q).await.map_err(internal)?;
    Ok(Json(serde_json::json!({ "total": total, "hits": hits })))
}

fn internal(e: anyhow::Error) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

/// The query's words and phrases, and whether the last word is still open (matched as a prefix), read as the
/// search API reads them.
fn parts(q: &str) -> (Vec<(bool, Vec<String>)>, bool) {
    let clean = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    let mut out = Vec::new();
    let mut in_phrase = false;
    for (i, piece) in q.split('"').enumerate() {
        in_phrase = i % 2 == 1;
        let words: Vec<String> = piece.split_whitespace().map(clean).filter(|w| !w.is_empty()).collect();
        if in_phrase {
            if !words.is_empty() {
                out.push((true, words));
            }
        } else {
            out.extend(words.into_iter().map(|w| (false, vec![w])));
        }
    }
    let open =
        !in_phrase && matches!(out.last(), Some((false, _))) && q.chars().last().is_some_and(|c| !c.is_whitespace());
    (out, open)
}

async fn fts5_search(pool: &SqlitePool, q: &BenchQuery) -> anyhow::Result<(i64, Vec<String>)> {
    let (parts, open) = parts(&q.q);
    let last = parts.len().saturating_sub(1);
    let matcher = parts
        .iter()
        .enumerate()
        .map(|(i, (_, words))| format!("\"{}\"{}", words.join(" "), if open && i == last { "*" } else { "" }))
        .collect::<Vec<_>>()
        .join(" ");
    // The text match first, materialized, then the filters: otherwise SQLite may drive the query from the
    // node list and re-run the MATCH once per candidate row (seconds per query).
    let mut filter = String::new();
    if q.kind.is_some() {
        filter.push_str(" AND d.kind = $2");
    }
    if q.node.is_some() {
        filter.push_str(" AND EXISTS (SELECT 1 FROM bench_node x WHERE x.node = $3 AND x.doc = m.n)");
    }
    let from = format!("FROM m JOIN bench_doc d ON d.n = m.n WHERE 1 = 1{filter}");
    let with = "WITH m AS MATERIALIZED (SELECT rowid AS n, rank FROM bench_fts WHERE bench_fts MATCH $1)";
    let total: i64 = sqlx::query_scalar(&format!("{with} SELECT COUNT(*) {from}"))
        .bind(&matcher)
        .bind(q.kind.as_deref().unwrap_or(""))
        .bind(q.node.as_deref().unwrap_or(""))
        .fetch_one(pool)
        .await?;
    let hits: Vec<String> = sqlx::query_scalar(&format!("{with} SELECT d.id {from} ORDER BY m.rank LIMIT 20"))
        .bind(&matcher)
        .bind(q.kind.as_deref().unwrap_or(""))
        .bind(q.node.as_deref().unwrap_or(""))
        .fetch_all(pool)
        .await?;
    Ok((total, hits))
}

async fn pg_search(pool: &PgPool, schema: &str, q: &BenchQuery) -> anyhow::Result<(i64, Vec<String>)> {
    let (parts, open) = parts(&q.q);
    let last = parts.len().saturating_sub(1);
    let tsquery = parts
        .iter()
        .enumerate()
        .map(|(i, (_, words))| {
            let lexemes: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
            format!("({}{})", lexemes.join(" <-> "), if open && i == last { ":*" } else { "" })
        })
        .collect::<Vec<_>>()
        .join(" & ");
    let mut filter = String::new();
    if q.kind.is_some() {
        filter.push_str(" AND kind = $2");
    }
    if q.node.is_some() {
        filter.push_str(" AND nodes @> ARRAY[$3::text]");
    }
    let from = format!("FROM {schema}.docs, to_tsquery('simple', $1) query WHERE tsv @@ query{filter}");
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {from}"))
        .bind(&tsquery)
        .bind(q.kind.as_deref().unwrap_or(""))
        .bind(q.node.as_deref().unwrap_or(""))
        .fetch_one(pool)
        .await?;
    let hits: Vec<String> = sqlx::query_scalar(&format!("SELECT id {from} ORDER BY ts_rank(tsv, query) DESC LIMIT 20"))
        .bind(&tsquery)
        .bind(q.kind.as_deref().unwrap_or(""))
        .bind(q.node.as_deref().unwrap_or(""))
        .fetch_all(pool)
        .await?;
    Ok((total, hits))
}

// ---------------------------------------------------------------------------------------------------------
// The load: C keep-alive HTTP/1.1 connections, each sending its share of the workload in a loop.

async fn spawn_server(router: Router) -> anyhow::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            eprintln!("bench server stopped: {e}");
        }
    });
    Ok(addr)
}

struct Stats {
    latencies: HashMap<Class, Vec<Duration>>,
    qps: f64,
}

impl Stats {
    fn percentile(&self, class: Class, p: f64) -> f64 {
        let Some(v) = self.latencies.get(&class).filter(|v| !v.is_empty()) else { return f64::NAN };
        let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
        v[i].as_secs_f64() * 1000.0
    }
}

async fn drive(
    addr: SocketAddr,
    paths: Arc<Vec<(Class, String)>>,
    clients: usize,
    measure: Duration,
) -> anyhow::Result<Stats> {
    run_clients(addr, paths.clone(), clients, Duration::from_secs(1)).await?;
    let started = Instant::now();
    let per_client = run_clients(addr, paths, clients, measure).await?;
    let elapsed = started.elapsed();
    let mut latencies: HashMap<Class, Vec<Duration>> = HashMap::new();
    let mut count = 0usize;
    for (class, d) in per_client.into_iter().flatten() {
        latencies.entry(class).or_default().push(d);
        count += 1;
    }
    latencies.values_mut().for_each(|v| v.sort());
    Ok(Stats { latencies, qps: count as f64 / elapsed.as_secs_f64() })
}

async fn run_clients(
    addr: SocketAddr,
    paths: Arc<Vec<(Class, String)>>,
    clients: usize,
    measure: Duration,
) -> anyhow::Result<Vec<Vec<(Class, Duration)>>> {
    let deadline = Instant::now() + measure;
    let tasks: Vec<_> = (0..clients.max(1))
        .map(|c| {
            let paths = paths.clone();
            tokio::spawn(async move {
                let mut conn = BufReader::new(TcpStream::connect(addr).await?);
                conn.get_mut().set_nodelay(true)?;
                let mut out = Vec::new();
                let mut body = Vec::new();
                let mut i = c * 7919;
                while Instant::now() < deadline {
                    let (class, path) = &paths[i % paths.len()];
                    let t = Instant::now();
                    let status = http_get(&mut conn, path, &mut body).await?;
                    out.push((*class, t.elapsed()));
                    anyhow::ensure!(status == 200, "GET {path}: status {status}: {}", String::from_utf8_lossy(&body));
                    i += 1;
                }
                anyhow::Ok(out)
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.push(t.await.context("client task")??);
    }
    Ok(all)
}

/// Sends every path once, shared among `clients` keep-alive connections.
async fn prime(addr: SocketAddr, paths: Arc<Vec<(Class, String)>>, clients: usize) -> anyhow::Result<()> {
    let clients = clients.max(1);
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let paths = paths.clone();
            tokio::spawn(async move {
                let mut conn = BufReader::new(TcpStream::connect(addr).await?);
                conn.get_mut().set_nodelay(true)?;
                let mut body = Vec::new();
                for (_, path) in paths.iter().skip(c).step_by(clients) {
                    let status = http_get(&mut conn, path, &mut body).await?;
                    anyhow::ensure!(status == 200, "GET {path}: status {status}: {}", String::from_utf8_lossy(&body));
                }
                anyhow::Ok(())
            })
        })
        .collect();
    for t in tasks {
        t.await.context("client task")??;
    }
    Ok(())
}

/// One GET on a keep-alive connection: the status, with the body in `body` (Content-Length or chunked).
async fn http_get(conn: &mut BufReader<TcpStream>, path: &str, body: &mut Vec<u8>) -> anyhow::Result<u16> {
    conn.get_mut().write_all(format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").as_bytes()).await?;
    read_response(conn, body).await
}

/// Reads one response from a keep-alive connection: the status, with the body in `body` (Content-Length or
/// chunked). `cogov bench load` sends its own requests and reads them with this.
pub(crate) async fn read_response(conn: &mut BufReader<TcpStream>, body: &mut Vec<u8>) -> anyhow::Result<u16> {
    let mut line = String::new();
    conn.read_line(&mut line).await?;
    let status: u16 =
        line.split(' ').nth(1).and_then(|s| s.parse().ok()).with_context(|| format!("bad status line {line:?}"))?;
    let mut length = None;
    let mut chunked = false;
    loop {
        line.clear();
        anyhow::ensure!(conn.read_line(&mut line).await? > 0, "connection closed in headers");
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((name, value)) = l.split_once(':') {
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = value.parse::<usize>().ok();
            } else if name.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked") {
                chunked = true;
            }
        }
    }
    body.clear();
    if chunked {
        loop {
            line.clear();
            conn.read_line(&mut line).await?;
            let size = usize::from_str_radix(line.trim(), 16).context("bad chunk size")?;
            let start = body.len();
            body.resize(start + size + 2, 0);
            conn.read_exact(&mut body[start..]).await?;
            body.truncate(start + size);
            if size == 0 {
                break;
            }
        }
    } else {
        body.resize(length.context("response without length")?, 0);
        conn.read_exact(body).await?;
    }
    Ok(status)
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn report(name: &str, s: &Stats) {
    println!("  {name}: {:.0} queries/s", s.qps);
    let mut classes: Vec<&Class> = s.latencies.keys().collect();
    classes.sort();
    for c in classes {
        println!(
            "    {:<16} n={:<7} p50 {:>8.2} ms   p99 {:>8.2} ms",
            c.name(),
            s.latencies[c].len(),
            s.percentile(*c, 0.5),
            s.percentile(*c, 0.99)
        );
    }
}

/// A `/proc/PID/status` figure in kB (`VmHWM`, `RssAnon`, …).
fn status_kb(pid: u32, name: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resident memory of a process, in kB.
#[derive(Debug, Clone, Copy)]
struct Memory {
    /// The peak resident size over the process's life (`VmHWM`).
    peak: u64,
    /// Resident now: its own memory (heap, stacks) and file pages mapped (the index; reclaimable page cache).
    anon: u64,
    file: u64,
    /// The memory cgroup's figures, when the server ran in one.
    cgroup: Option<CgroupFigures>,
}

#[derive(Debug, Clone, Copy)]
struct CgroupFigures {
    limit_mb: u64,
    peak_mb: u64,
    /// Times the limit was reached (the kernel then reclaims page cache: normal under a tight limit).
    failcnt: u64,
    oom_kills: u64,
}

/// A memory cgroup of its own for the server under test (v1 `memory` hierarchy, or v2), removed when dropped.
struct MemoryCgroup {
    path: std::path::PathBuf,
    v1: bool,
    limit_mb: u64,
}

impl MemoryCgroup {
    fn create(limit_mb: u64) -> anyhow::Result<MemoryCgroup> {
        let name = format!("cogov-bench-{}-{}", std::process::id(), limit_mb);
        let v1 = std::path::Path::new("/sys/fs/cgroup/memory/memory.limit_in_bytes").exists();
        let path = if v1 {
            std::path::Path::new("/sys/fs/cgroup/memory").join(name)
        } else {
            std::path::Path::new("/sys/fs/cgroup").join(name)
        };
        let _ = std::fs::remove_dir(&path);
        std::fs::create_dir(&path).with_context(|| {
            format!("cannot create the memory cgroup {} (root and a writable cgroup fs needed)", path.display())
        })?;
        let group = MemoryCgroup { path, v1, limit_mb };
        let bytes = (limit_mb * 1024 * 1024).to_string();
        group.write(if v1 { "memory.limit_in_bytes" } else { "memory.max" }, &bytes)?;
        if !v1 {
            // No swap: the limit is resident memory.
            let _ = group.write("memory.swap.max", "0");
        }
        // The index pages cached by the build are charged to whoever faulted them in: drop them so that the
        // server's reads are charged to its own cgroup.
        let _ = std::process::Command::new("sync").status();
        if std::fs::write("/proc/sys/vm/drop_caches", "1").is_err() {
            println!("  note: could not drop the page cache; the cgroup may undercount the index pages");
        }
        Ok(group)
    }

    fn write(&self, file: &str, value: &str) -> anyhow::Result<()> {
        std::fs::write(self.path.join(file), value)
            .with_context(|| format!("cannot write {value} to {}", self.path.join(file).display()))
    }

    fn read(&self, file: &str) -> u64 {
        std::fs::read_to_string(self.path.join(file)).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0)
    }

    fn figures(&self) -> CgroupFigures {
        let (peak, failcnt, oom_kills) = if self.v1 {
            let oom = std::fs::read_to_string(self.path.join("memory.oom_control"))
                .ok()
                .and_then(|s| s.lines().find_map(|l| l.strip_prefix("oom_kill ")?.trim().parse().ok()))
                .unwrap_or(0);
            (self.read("memory.max_usage_in_bytes"), self.read("memory.failcnt"), oom)
        } else {
            let events = std::fs::read_to_string(self.path.join("memory.events")).unwrap_or_default();
            let event =
                |name: &str| events.lines().find_map(|l| l.strip_prefix(name)?.trim().parse::<u64>().ok()).unwrap_or(0);
            (self.read("memory.peak"), event("max "), event("oom_kill "))
        };
        CgroupFigures { limit_mb: self.limit_mb, peak_mb: peak / (1024 * 1024), failcnt, oom_kills }
    }
}

impl Drop for MemoryCgroup {
    fn drop(&mut self) {
        // The server has been killed by then; an emptied cgroup can be removed.
        for _ in 0..50 {
            if std::fs::remove_dir(&self.path).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `cogov serve` on the bench's data directory, as a child process (killed when dropped).
struct CogovServer {
    child: std::process::Child,
    addr: SocketAddr,
    cgroup: Option<MemoryCgroup>,
}

impl CogovServer {
    async fn start(dir: &std::path::Path, cache_mb: usize, limit_mb: Option<u64>) -> anyhow::Result<CogovServer> {
        let cgroup = limit_mb.map(MemoryCgroup::create).transpose()?;
        let addr = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
        let config = dir.join(format!("bench-serve-{cache_mb}.toml"));
        let text = format!(
            "[server]\nlisten = \"{addr}\"\n[store]\ndata_dir = {:?}\n[search]\ncache_mb = {cache_mb}\n[log]\nlevel = \"warn\"\n",
            dir.display().to_string()
        );
        std::fs::write(&config, text)?;
        let mut command = std::process::Command::new(std::env::current_exe()?);
        for var in ["COGOV_DATA_DIR", "COGOV_DATABASE_URL", "COGOV_LISTEN", "COGOV_LOG"] {
            command.env_remove(var);
        }
        let child = command
            .arg("--config")
            .arg(&config)
            .args(["serve", "--no-demo"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .context("cannot start cogov serve")?;
        let server = CogovServer { child, addr, cgroup };
        if let Some(group) = &server.cgroup {
            // Joined at once, before it opens the store and the index.
            group.write("cgroup.procs", &server.child.id().to_string())?;
        }
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Ok(stream) = TcpStream::connect(addr).await {
                let mut conn = BufReader::new(stream);
                let mut body = Vec::new();
                if http_get(&mut conn, "/healthz", &mut body).await.is_ok_and(|s| s == 200) {
                    return Ok(server);
                }
            }
            anyhow::ensure!(Instant::now() < deadline, "cogov serve did not answer /healthz within 120 s");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn memory(&self) -> Memory {
        let pid = self.child.id();
        Memory {
            peak: status_kb(pid, "VmHWM").unwrap_or(0),
            anon: status_kb(pid, "RssAnon").unwrap_or(0),
            file: status_kb(pid, "RssFile").unwrap_or(0),
            cgroup: self.cgroup.as_ref().map(MemoryCgroup::figures),
        }
    }
}

impl Drop for CogovServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Then its cgroup (a field dropped after this) can be removed.
    }
}

/// A small deterministic generator (xorshift64*), so every run builds the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 33) as usize % n.max(1)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| {
                let tags: Vec<&str> = e.tags.iter().map(|t| t.node.as_str()).collect();
                format!("{}|{}|{:?}|{:?}|{:?}|{:?}", e.id, e.kind, e.title, e.summary, tags, e.countries)
            })
            .collect()
    }

    /// The same seed gives the same entries, and FTS5 and PostgreSQL count what the index counts for the
    /// workload's kind of queries (words without near neighbours in the vocabulary, so typo tolerance and
    /// stemming do not widen tantivy's matches): the comparison is between engines doing the same work.
    #[tokio::test]
    async fn generator_is_deterministic_and_the_baselines_count_like_the_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (app, pool) = fresh_app(dir.path()).await.expect("instance");
        let (nodes, countries) = tag_pools(&app.catalog());
        assert!(nodes.iter().any(|n| n.starts_with("sdg:")) && nodes.iter().any(|n| n.starts_with("gdc:")));
        let entries = generate(500, &nodes, &countries);
        assert_eq!(signature(&entries), signature(&generate(500, &nodes, &countries)));
        let langs: BTreeSet<&str> = entries.iter().filter_map(|e| e.title.original.as_deref()).collect();
        assert_eq!(langs.len(), LANGS.len(), "every language appears: {langs:?}");
        let english: Vec<String> = english_titles(&entries).collect();
        assert_eq!(workload(&english, &nodes, 50), workload(&english, &nodes, 50));

        insert_entries(&app, &entries).await.expect("insert");
        let app = app.with_search(cogov_app::search::open_index(&dir.path().join("search")).expect("index"));
        cogov_app::search::reindex(&app).await.expect("reindex");
        build_fts5(&pool, entries.iter().cloned()).await.expect("fts5");
        let schema = format!("cogov_bench_search_test_{}", std::process::id());
        let pg = connect_pg("postgres://postgres@127.0.0.1:5432/test", 2, &schema).await.expect("PostgreSQL");
        build_pg(&pg, &schema, entries.iter().cloned()).await.expect("pg");

        let top_node = entries[0].tags[0].node.clone();
        let queries = [
            BenchQuery { q: "broadband ".into(), kind: None, node: None },
            BenchQuery { q: "sanitation ".into(), kind: None, node: None },
            BenchQuery { q: "literacy ".into(), kind: None, node: None },
            BenchQuery { q: "vaccine ".into(), kind: None, node: None },
            BenchQuery { q: "platform ".into(), kind: Some("actor".into()), node: None },
            BenchQuery { q: "registry ".into(), kind: None, node: Some(top_node) },
        ];
        for q in &queries {
            let params = cogov_web::search::SearchParams {
                q: Some(q.q.clone()),
                kind: q.kind.clone(),
                node: q.node.clone(),
                ..Default::default()
            };
            let request = params.to_request(cogov_core::Lang::En).expect("request");
            let tantivy = cogov_app::search::search(&app, request).expect("search").total as i64;
            let (fts5, fts5_hits) = fts5_search(&pool, q).await.expect("fts5 search");
            let (postgres, pg_hits) = pg_search(&pg, &schema, q).await.expect("pg search");
            assert!(tantivy > 0, "{q:?} finds something");
            assert_eq!((fts5, postgres), (tantivy, tantivy), "{q:?}");
            assert_eq!((fts5_hits.len(), pg_hits.len()), (tantivy.min(20) as usize, tantivy.min(20) as usize));
        }
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&pg).await.expect("drop");
    }
}
