//! `cogov`: the one binary. Every command that touches an instance takes the same `--data-dir` and
//! `--database-url` options as `serve`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use cogov_app::App;
use cogov_core::Lang;
use cogov_store::{redact_url, StoreConfig};

mod admin;
mod bench;
mod bench_load;
mod bench_search;
mod config;
mod interop;
mod map;
mod search;

use config::{Config, LogFormat};

/// jemalloc rather than the system's allocator: an import allocates its records on the reader thread and frees
/// them on others, which glibc's malloc pays for (≈ 12 % of `cogov bench import`; ARCHITECTURE.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser)]
#[command(name = "cogov", version, about = "cogov: a common entry point into global digital cooperation")]
struct Cli {
    #[command(flatten)]
    instance: InstanceArgs,
    #[command(subcommand)]
    command: Command,
}

/// Where the instance's data lives, and how it is configured. Precedence: the configuration file, then
/// `COGOV_*` environment variables, then flags.
#[derive(Args, Clone)]
struct InstanceArgs {
    /// Configuration file (TOML; `cogov config default` prints a commented one).
    #[arg(long, global = true, env = "COGOV_CONFIG")]
    config: Option<PathBuf>,
    /// Directory for the embedded database and local state (search index) [default: cogov-data].
    #[arg(long, global = true, env = "COGOV_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Database URL: postgres://USER@HOST/DB or sqlite://PATH. Without it, SQLite in the data directory.
    #[arg(long, global = true, env = "COGOV_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Log format [default: human].
    #[arg(long, global = true, env = "COGOV_LOG_FORMAT", value_enum)]
    log_format: Option<LogFormat>,
}

impl InstanceArgs {
    /// The effective configuration: file < environment < flags (clap has already put environment values
    /// into the flags that were not given).
    fn config(&self) -> anyhow::Result<Config> {
        let mut config = match &self.config {
            Some(path) => Config::from_file(path)?,
            None => Config::default(),
        };
        if let Some(d) = &self.data_dir {
            config.store.data_dir = d.clone();
        }
        if let Some(u) = &self.database_url {
            config.store.database_url = Some(u.clone());
        }
        if let Some(f) = self.log_format {
            config.log.format = f;
        }
        if let Ok(level) = std::env::var("COGOV_LOG") {
            config.log.level = level;
        }
        config.oidc = config::OidcSection::apply_env(config.oidc.take(), |k| std::env::var(k).ok());
        Ok(config)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (pages and JSON API).
    Serve {
        /// Address to listen on [default: 127.0.0.1:8080].
        #[arg(long, env = "COGOV_LISTEN")]
        listen: Option<SocketAddr>,
        /// Do not load the bundled demo content (the DPG registry) into an empty instance.
        #[arg(long, env = "COGOV_NO_DEMO")]
        no_demo: bool,
    },
    /// Rebuild the search index (DATA_DIR/search) from the store. Stop `cogov serve` on this data directory first.
    Reindex,
    /// Print the configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Opinion groups, consensus and divisive statements of a pol.is conversation export.
    #[command(subcommand)]
    Opinion(cogov_opinion::cli::OpinionCommand),
    /// Benchmarks, each against a baseline measured in the same run.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Apply pending database migrations and load the bundled reference data, then exit.
    Migrate,
    /// List, show, crosswalk and import frameworks.
    #[command(subcommand)]
    Frameworks(FrameworksCommand),
    /// The Global Digital Compact implementation map: contributions, endorsements, coverage.
    #[command(subcommand)]
    Map(map::MapCommand),
    /// Import records from another system (DPG registry, …): idempotent, resumable, with a report.
    #[command(subcommand)]
    Import(interop::ImportCommand),
    /// Export entries in another system's format.
    #[command(subcommand)]
    Export(interop::ExportCommand),
    /// Write the whole instance (every table, change log and revisions included) to FILE as JSON.
    Dump { file: PathBuf },
    /// A consistent copy of the embedded SQLite database in FILE, taken while cogov keeps serving
    /// (PostgreSQL: use pg_dump, see docs/operations.md).
    Backup { file: PathBuf },
    /// Accounts: `cogov admin create --email …` makes an admin (the first one).
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// Remind the editors of stale entries (not confirmed for `review.stale_after_days`) by mail, at most once
    /// in 30 days per entry; prints what it sent.
    RemindStale {
        /// List who would be reminded, send nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Load a dump written by `cogov dump` into an empty database, in one transaction.
    Restore {
        file: PathBuf,
        /// Replace whatever the database holds.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print the fully commented default configuration file.
    Default,
    /// Print the effective configuration (file, environment and flags applied; passwords redacted).
    Show,
}

#[derive(Subcommand)]
enum FrameworksCommand {
    /// List the loaded frameworks.
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show a framework's nodes (CODE, e.g. `gdc`) or one node (ID, e.g. `sdg:9.c`).
    Show {
        what: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Language of the texts (ar, en, es, fr, ru, zh).
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Every node of every other framework linked to NODE, with the path that links them.
    Crosswalk {
        node: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Import a framework file (JSON Lines, see docs/frameworks.md) as a new version of its framework.
    Import { file: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match cli.instance.config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let filter = tracing_subscriber::EnvFilter::try_new(&config.log.level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let subscriber = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match config.log.format {
        LogFormat::Human => subscriber.init(),
        LogFormat::Json => subscriber.json().init(),
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn open(instance: &InstanceArgs) -> anyhow::Result<App> {
    let store = open_store(instance).await?;
    let config = instance.config()?;
    let accounts = admin::accounts(&config)?;
    let review = config.review.to_config()?;
    let app = App::start(store).await.context("cannot load the reference data")?;
    let app = app.with_accounts(accounts).with_review(review);
    match &config.oidc {
        Some(o) => app.with_oidc(o.to_config()).map_err(|problems| anyhow::anyhow!("[oidc] {}", problems.join("; "))),
        None => Ok(app),
    }
}

/// The migrated store alone, without loading reference data (`restore` needs an untouched database).
async fn open_store(instance: &InstanceArgs) -> anyhow::Result<Box<dyn cogov_store::Store>> {
    let settings = instance.config()?;
    let config = StoreConfig {
        database_url: settings.store.database_url.clone(),
        data_dir: settings.store.data_dir.clone(),
        max_connections: settings.store.max_connections,
    };
    let place = match &config.database_url {
        Some(url) => redact_url(url),
        None => config.data_dir.join("cogov.db").display().to_string(),
    };
    cogov_store::open(&config).await.with_context(|| format!("cannot open the store at {place}"))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { listen, no_demo } => {
            let config = cli.instance.config()?;
            let listen = listen.unwrap_or(config.server.listen);
            tracing::info!(config = ?config.redacted(), "starting");
            // Before anything counts (the demo import's counters belong in /metrics too).
            cogov_web::ops::metrics_handle();
            let app = open(&cli.instance).await?;
            if !no_demo {
                let empty = app.store().count_entries(&Default::default()).await? == 0;
                interop::load_demo_if_empty(&app).await.context("cannot load the bundled demo content")?;
                if empty {
                    cogov_app::map::sample::load(&app).await.context("cannot load the GDC map sample")?;
                }
            }
            let app = search::attach_configured(app, &config)?;
            cogov_web::serve(app, listen).await.with_context(|| format!("cannot serve on {listen}"))
        }
        Command::Migrate => {
            let app = open(&cli.instance).await?;
            let catalog = app.catalog();
            println!(
                "store ready ({:?}): {} frameworks, {} nodes, {} countries",
                app.store().backend(),
                catalog.frameworks.len(),
                catalog.nodes.len(),
                catalog.countries.len()
            );
            Ok(())
        }
        Command::Opinion(cmd) => cogov_opinion::cli::run(cmd, &mut std::io::stdout().lock()),
        Command::Bench(cmd) => bench::run(cmd).await,
        Command::Reindex => search::reindex(open(&cli.instance).await?, &cli.instance.config()?.store.data_dir).await,
        Command::Config(ConfigCommand::Default) => {
            print!("{}", config::DEFAULT_TOML);
            Ok(())
        }
        Command::Config(ConfigCommand::Show) => {
            print!("{}", toml::to_string(&cli.instance.config()?.redacted())?);
            Ok(())
        }
        Command::Frameworks(cmd) => frameworks(&open(&cli.instance).await?, cmd).await,
        Command::Map(cmd) => map::run(&open(&cli.instance).await?, cmd).await,
        Command::Import(cmd) => interop::import(&open(&cli.instance).await?, cmd).await,
        Command::Export(cmd) => interop::export(&open(&cli.instance).await?, cmd).await,
        Command::Backup { file } => {
            open_store(&cli.instance)
                .await?
                .backup(&file)
                .await
                .with_context(|| format!("backup to {}", file.display()))?;
            println!("backup written to {}", file.display());
            Ok(())
        }
        Command::Admin(cmd) => admin::run(&open(&cli.instance).await?, cmd).await,
        Command::RemindStale { dry_run } => {
            let reminders = cogov_app::review::remind_stale(&open(&cli.instance).await?, dry_run).await?;
            for r in &reminders {
                let verb = if r.sent { "reminded" } else { "would remind" };
                println!("{} (last confirmed {}): {verb} {}", r.slug, r.last_confirmed, r.editors.join(", "));
            }
            let what = if reminders.len() == 1 { "entry" } else { "entries" };
            let done = if dry_run { "to remind" } else { "reminded" };
            println!("{} stale {what} {done}", reminders.len());
            Ok(())
        }
        Command::Dump { file } => interop::dump(open_store(&cli.instance).await?.as_ref(), &file).await,
        Command::Restore { file, force } => {
            interop::restore(open_store(&cli.instance).await?.as_ref(), &file, force).await
        }
    }
}

fn parse_lang(lang: &str) -> anyhow::Result<Lang> {
    lang.parse::<Lang>().map_err(|e| anyhow::anyhow!("--lang: {e}"))
}

async fn frameworks(app: &App, cmd: FrameworksCommand) -> anyhow::Result<()> {
    let catalog = app.catalog();
    match cmd {
        FrameworksCommand::List { format } => match format {
            Format::Json => println!("{}", serde_json::to_string_pretty(&catalog.frameworks)?),
            Format::Text => {
                for f in &catalog.frameworks {
                    let nodes = catalog.nodes.iter().filter(|n| n.framework() == f.header.code).count();
                    let title = cogov_core::framework::pick(&f.header.title, Lang::En).1;
                    println!(
                        "{:<8} v{:<8} #{:<3} {:>5} nodes  {}",
                        f.header.code, f.header.version, f.version_no, nodes, title
                    );
                }
            }
        },
        FrameworksCommand::Show { what, format, lang } => {
            let lang = parse_lang(&lang)?;
            let nodes: Vec<&cogov_core::framework::Node> = if what.contains(':') {
                vec![catalog.node(&what).with_context(|| format!("unknown framework node '{what}'"))?]
            } else {
                anyhow::ensure!(catalog.framework(&what).is_some(), "unknown framework '{what}'");
                catalog.nodes.iter().filter(|n| n.framework() == what).collect()
            };
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&nodes)?),
                Format::Text => {
                    for n in nodes {
                        let depth = catalog.ancestors(&n.id).len();
                        println!("{}{:<14} {}", "  ".repeat(depth), n.id, n.title_in(lang).1);
                    }
                }
            }
        }
        FrameworksCommand::Crosswalk { node, format, lang } => {
            let lang = parse_lang(&lang)?;
            let links = cogov_app::frameworks::crosswalk(app, &node)?;
            match format {
                Format::Json => {
                    println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "node": node, "links": links }))?)
                }
                Format::Text => {
                    for l in links {
                        let title = catalog.node(&l.node).map(|n| n.title_in(lang).1).unwrap_or_default();
                        let via = match l.via {
                            cogov_core::crosswalk::Via::Direct => "direct".to_string(),
                            cogov_core::crosswalk::Via::Sdg => format!("via {}", l.path.join(" > ")),
                        };
                        println!("{:<20} {:<40} {}", l.node, via, title);
                    }
                }
            }
        }
        FrameworksCommand::Import { file } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let put = cogov_app::frameworks::import(app, &file.display().to_string(), &text, "cli").await?;
            println!("{}", serde_json::to_string(&put)?);
        }
    }
    Ok(())
}
