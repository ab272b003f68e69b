//! `cogov bench load`: a mixed read/write workload on loopback against the real router, served as `cogov serve`
//! serves it (connection addresses, rate limiters, compression, metrics), on SQLite or PostgreSQL. Reads: entry
//! pages, the search API, the listing API, map pages; writes: proposals through the JSON write API with a
//! write-scope token. Then `/healthz` alone, on the same server and connections, as the baseline. Every response
//! that is not the expected status counts as an error, and any error makes the command fail.
//!
//! Rate limits: the bench server allows 60,000 writes a minute per client address and per account with a burst
//! of 1,000,000, and 1,000,000,000 proposals a day per account, so the limiters stay in the request path (their
//! cost is measured) but never refuse: every connection comes from 127.0.0.1 and writes as one account.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use cogov_app::accounts::{Accounts, AccountsConfig};
use cogov_app::{App, Role, Scope, Via};
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::bench_search::read_response;

/// `cogov bench load`
#[derive(Args, Clone)]
pub struct LoadBenchArgs {
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// Measured seconds of the mixed workload, and again of the `/healthz` baseline (each after 1 s of warm-up).
    #[arg(long, default_value_t = 60.0)]
    pub seconds: f64,
    /// A PostgreSQL server (`postgres://…`): the run creates a fresh database in it and drops it afterwards.
    /// Without it: SQLite in a temporary directory.
    #[arg(long)]
    pub database_url: Option<String>,
    /// The store's connection pool (as `store.max_connections`).
    #[arg(long, default_value_t = 8)]
    pub max_connections: u32,
}

/// The request classes, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    EntryPage,
    SearchApi,
    ListingApi,
    MapPage,
    Proposal,
    Healthz,
}

impl Class {
    fn name(self) -> &'static str {
        match self {
            Class::EntryPage => "entry page (GET /{lang}/entries/{slug})",
            Class::SearchApi => "search API (GET /api/v1/search)",
            Class::ListingApi => "listing API (GET /api/v1/entries)",
            Class::MapPage => "map page (GET /{lang}/map/…)",
            Class::Proposal => "proposal (POST /api/v1/proposals)",
            Class::Healthz => "/healthz",
        }
    }

    fn expected(self) -> u16 {
        if self == Class::Proposal {
            201
        } else {
            200
        }
    }
}

/// Out of every 10 requests: 3 entry pages, 2 searches, 2 listings, 2 map pages, 1 proposal.
const MIX: [Class; 10] = [
    Class::EntryPage,
    Class::SearchApi,
    Class::ListingApi,
    Class::MapPage,
    Class::EntryPage,
    Class::Proposal,
    Class::SearchApi,
    Class::ListingApi,
    Class::MapPage,
    Class::EntryPage,
];

const LANGS: [&str; 6] = ["en", "fr", "es", "ar", "ru", "zh"];
const WORDS: [&str; 8] = ["digital", "health", "data", "open", "education", "public", "identity", "payments"];
const MAP_PAGES: [&str; 5] = ["map", "map/world", "map/gaps", "map/endorsements", "map/report"];

/// What the connections send: GET paths per read class, and the token proposals are written with.
struct Workload {
    entry_pages: Vec<String>,
    searches: Vec<String>,
    listings: Vec<String>,
    map_pages: Vec<String>,
    token: String,
}

impl Workload {
    /// The `i`th request of connection `conn`, as bytes on the wire.
    fn request(&self, class: Class, conn: usize, i: usize) -> Vec<u8> {
        let pick = |v: &[String]| v[(i / MIX.len() + conn * 13) % v.len()].clone();
        let path = match class {
            Class::EntryPage => pick(&self.entry_pages),
            Class::SearchApi => pick(&self.searches),
            Class::ListingApi => pick(&self.listings),
            Class::MapPage => pick(&self.map_pages),
            Class::Healthz => "/healthz".to_string(),
            Class::Proposal => {
                let body = serde_json::json!({
                    "target": "entry",
                    "input": {
                        "kind": "initiative",
                        "title": {"values": {"en": format!("Load test initiative {conn}-{i}")}},
                        "summary": {"values": {"en": "A proposal written by cogov bench load."}},
                    },
                    "message": "cogov bench load",
                })
                .to_string();
                return format!(
                    "POST /api/v1/proposals HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\n\
                     Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    self.token,
                    body.len()
                )
                .into_bytes();
            }
        };
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").into_bytes()
    }
}

pub async fn bench_load(args: LoadBenchArgs) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("cogov-bench-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let fresh = match &args.database_url {
        Some(url) => Some(FreshDatabase::create(url).await?),
        None => None,
    };
    let result = bench_in(&dir, fresh.as_ref().map(|f| f.url.clone()), &args).await;
    if let Some(f) = fresh {
        f.drop().await?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// A database of its own on the PostgreSQL server, so the run collides with nothing.
struct FreshDatabase {
    admin: sqlx::PgPool,
    name: String,
    url: String,
}

impl FreshDatabase {
    async fn create(url: &str) -> anyhow::Result<FreshDatabase> {
        let redacted = cogov_store::redact_url(url);
        let admin = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect(url)
            .await
            .with_context(|| format!("cannot connect to {redacted}"))?;
        let name = format!("cogov_bench_load_{}", std::process::id());
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&admin).await?;
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await?;
        let (base, params) = match url.split_once('?') {
            Some((b, p)) => (b, format!("?{p}")),
            None => (url, String::new()),
        };
        let rest = base.split_once("://").map(|(_, r)| r).unwrap_or(base);
        let server = match rest.split_once('/') {
            Some((server, _)) => server,
            None => rest,
        };
        let scheme = base.split_once("://").map(|(s, _)| s).unwrap_or("postgres");
        Ok(FreshDatabase { admin, url: format!("{scheme}://{server}/{name}{params}"), name })
    }

    async fn drop(self) -> anyhow::Result<()> {
        sqlx::query(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&self.admin).await?;
        Ok(())
    }
}

async fn bench_in(dir: &std::path::Path, database_url: Option<String>, args: &LoadBenchArgs) -> anyhow::Result<()> {
    let backend = match &database_url {
        Some(url) => format!("PostgreSQL ({})", cogov_store::redact_url(url)),
        None => "SQLite (WAL, temporary directory)".to_string(),
    };
    println!(
        "cogov bench load: {backend}, store pool {}, {} connections, {} s mixed + {} s /healthz (each after 1 s warm-up)",
        args.max_connections, args.connections, args.seconds, args.seconds
    );
    let t = Instant::now();
    let (app, workload, follower) = setup(dir, database_url, args.max_connections).await?;
    // Stopped before the database is dropped (else it reports the missing database).
    let _follower = AbortOnDrop(follower);
    let entries = workload.entry_pages.len();
    let addr = serve(app.clone()).await?;
    println!(
        "  set-up (migrations, demo content, GDC map sample, search index, account + token): {:.1} s, {entries} entry pages in the rotation",
        t.elapsed().as_secs_f64()
    );
    let workload = Arc::new(workload);
    check_every_path(addr, &workload).await?;

    let dur = Duration::from_secs_f64(args.seconds);
    let mixed = drive(addr, &workload, &MIX, args.connections, dur).await?;
    report("mixed workload", &mixed);
    let health = drive(addr, &workload, &[Class::Healthz], args.connections, dur).await?;
    report("baseline: GET /healthz alone", &health);
    println!(
        "  ratio: mixed workload / /healthz = {:.3} ({:.1} % of the trivial endpoint's throughput)",
        mixed.rps / health.rps,
        100.0 * mixed.rps / health.rps
    );
    let errors = mixed.errors() + health.errors();
    if errors > 0 {
        for (class, e) in mixed.classes.iter().chain(&health.classes) {
            if let Some(first) = &e.first_error {
                eprintln!("  first error, {}: {first}", class.name());
            }
        }
        anyhow::bail!("{errors} errors (every request must answer with its expected status)");
    }
    println!("  errors: 0");
    Ok(())
}

/// A `cogov serve`-equivalent instance: the configured store, the bundled demo content and map sample, the
/// search index built and followed, and one account with a write-scope token.
async fn setup(
    dir: &std::path::Path,
    database_url: Option<String>,
    pool: u32,
) -> anyhow::Result<(App, Workload, Option<tokio::task::JoinHandle<()>>)> {
    let config = cogov_store::StoreConfig { database_url, data_dir: dir.to_path_buf(), max_connections: pool };
    let store = cogov_store::open(&config).await.context("cannot open the store")?;
    let accounts = Accounts {
        config: AccountsConfig { write_per_minute: 60_000, write_burst: 1_000_000, ..Default::default() },
        mailer: cogov_app::mail::Mailer::Directory(dir.join("mail")),
    };
    let review = cogov_app::review::ReviewConfig { proposals_per_day: 1_000_000_000, ..Default::default() };
    let app = App::start(store).await?.with_accounts(accounts).with_review(review);
    crate::interop::load_demo_if_empty(&app).await.context("cannot load the bundled demo content")?;
    cogov_app::map::sample::load(&app).await.context("cannot load the GDC map sample")?;
    let app = crate::search::attach(app, dir)?;
    cogov_app::search::reindex(&app).await?;
    let follower = cogov_web::search::spawn_follower(app.clone());

    let user = app.create_account("load-bench@example.org", "Load bench", "load-bench-password", Role::User).await?;
    let who = app.principal(&user.id, Via::Session).await?.context("the bench account")?;
    let (token, _) = app.create_api_token(&who, "cogov bench load", Scope::Write.code()).await?;

    let query = cogov_store::EntryQuery { limit: 500, ..Default::default() };
    let slugs: Vec<String> = app.store().list_entries(&query).await?.into_iter().map(|e| e.slug).collect();
    anyhow::ensure!(!slugs.is_empty(), "the demo content has no entries");
    let entry_pages =
        slugs.iter().enumerate().map(|(i, s)| format!("/{}/entries/{s}", LANGS[i % LANGS.len()])).collect();
    let searches = WORDS.iter().map(|w| format!("/api/v1/search?q={w}")).collect();
    let mut listings = vec!["/api/v1/entries?limit=20".to_string(), "/api/v1/entries?limit=100".to_string()];
    listings.extend(slugs.iter().step_by(25).map(|s| format!("/api/v1/entries?limit=20&cursor={s}")));
    let map_pages = LANGS.iter().flat_map(|l| MAP_PAGES.iter().map(move |p| format!("/{l}/{p}"))).collect();
    Ok((app, Workload { entry_pages, searches, listings, map_pages, token }, follower))
}

struct AbortOnDrop(Option<tokio::task::JoinHandle<()>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(task) = &self.0 {
            task.abort();
        }
    }
}

async fn serve(app: App) -> anyhow::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let service = cogov_web::router(app).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, service).await {
            eprintln!("bench server stopped: {e}");
        }
    });
    Ok(addr)
}

/// Every read path answers 200 once before the clock starts, so a broken path is named, not just counted.
async fn check_every_path(addr: SocketAddr, w: &Workload) -> anyhow::Result<()> {
    let mut conn = connect(addr).await?;
    let mut body = Vec::new();
    for path in w.entry_pages.iter().chain(&w.searches).chain(&w.listings).chain(&w.map_pages) {
        conn.get_mut().write_all(format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").as_bytes()).await?;
        let status = read_response(&mut conn, &mut body).await?;
        anyhow::ensure!(status == 200, "GET {path}: status {status}: {}", String::from_utf8_lossy(&body));
    }
    Ok(())
}

async fn connect(addr: SocketAddr) -> anyhow::Result<BufReader<TcpStream>> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    Ok(BufReader::new(stream))
}

#[derive(Default)]
struct ClassStats {
    latencies: Vec<Duration>,
    errors: usize,
    first_error: Option<String>,
}

impl ClassStats {
    fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((self.latencies.len() as f64 * p).ceil() as usize).clamp(1, self.latencies.len()) - 1;
        self.latencies[i].as_secs_f64() * 1000.0
    }

    fn merge(&mut self, other: ClassStats) {
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }
}

struct Stats {
    classes: BTreeMap<Class, ClassStats>,
    rps: f64,
}

impl Stats {
    fn errors(&self) -> usize {
        self.classes.values().map(|c| c.errors).sum()
    }
}

/// One second of warm-up (errors in it count too), then `measure` of `mix` on `connections` connections.
async fn drive(
    addr: SocketAddr,
    w: &Arc<Workload>,
    mix: &'static [Class],
    connections: usize,
    measure: Duration,
) -> anyhow::Result<Stats> {
    let warm = run_connections(addr, w, mix, connections, Duration::from_secs(1)).await?;
    let started = Instant::now();
    let mut classes = run_connections(addr, w, mix, connections, measure).await?;
    let elapsed = started.elapsed();
    let count: usize = classes.values().map(|c| c.latencies.len()).sum();
    for (class, s) in warm {
        let c = classes.entry(class).or_default();
        c.errors += s.errors;
        if c.first_error.is_none() {
            c.first_error = s.first_error;
        }
    }
    classes.values_mut().for_each(|c| c.latencies.sort());
    Ok(Stats { classes, rps: count as f64 / elapsed.as_secs_f64() })
}

async fn run_connections(
    addr: SocketAddr,
    w: &Arc<Workload>,
    mix: &'static [Class],
    connections: usize,
    measure: Duration,
) -> anyhow::Result<BTreeMap<Class, ClassStats>> {
    let deadline = Instant::now() + measure;
    let tasks: Vec<_> = (0..connections.max(1))
        .map(|c| {
            let w = w.clone();
            tokio::spawn(async move {
                let mut stats: BTreeMap<Class, ClassStats> = BTreeMap::new();
                let mut conn = connect(addr).await?;
                let mut body = Vec::new();
                let mut i = c * 7;
                while Instant::now() < deadline {
                    let class = mix[i % mix.len()];
                    let request = w.request(class, c, i);
                    i += 1;
                    let t = Instant::now();
                    let sent = async {
                        conn.get_mut().write_all(&request).await?;
                        read_response(&mut conn, &mut body).await
                    };
                    let s = stats.entry(class).or_default();
                    match sent.await {
                        Ok(status) => {
                            s.latencies.push(t.elapsed());
                            if status != class.expected() {
                                s.errors += 1;
                                s.first_error.get_or_insert_with(|| {
                                    format!("status {status}: {}", String::from_utf8_lossy(&body))
                                });
                            }
                        }
                        Err(e) => {
                            s.errors += 1;
                            s.first_error.get_or_insert_with(|| format!("{e:#}"));
                            conn = connect(addr).await?;
                        }
                    }
                }
                anyhow::Ok(stats)
            })
        })
        .collect();
    let mut all: BTreeMap<Class, ClassStats> = BTreeMap::new();
    for t in tasks {
        for (class, s) in t.await.context("connection task")?? {
            all.entry(class).or_default().merge(s);
        }
    }
    Ok(all)
}

fn report(name: &str, s: &Stats) {
    println!("  {name}: {:.0} requests/s, {} errors", s.rps, s.errors());
    let total: usize = s.classes.values().map(|c| c.latencies.len()).sum();
    for (class, c) in &s.classes {
        println!(
            "    {:<42} n={:<8} {:>5.1} %   p50 {:>8.2} ms   p99 {:>8.2} ms   errors {}",
            class.name(),
            c.latencies.len(),
            100.0 * c.latencies.len() as f64 / total.max(1) as f64,
            c.percentile(0.5),
            c.percentile(0.99),
            c.errors
        );
    }
}
