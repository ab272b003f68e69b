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

mod interop;
mod search;

#[derive(Parser)]
#[command(name = "cogov", version, about = "cogov: a common entry point into global digital cooperation")]
struct Cli {
    #[command(flatten)]
    instance: InstanceArgs,
    #[command(subcommand)]
    command: Command,
}

/// Where the instance's data lives.
#[derive(Args, Clone)]
struct InstanceArgs {
    /// Directory for the embedded database and local state (search index, logs).
    #[arg(long, global = true, env = "COGOV_DATA_DIR", default_value = "cogov-data")]
    data_dir: PathBuf,
    /// Database URL: postgres://USER@HOST/DB or sqlite://PATH. Without it, SQLite in the data directory.
    #[arg(long, global = true, env = "COGOV_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (pages and JSON API).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "COGOV_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Do not load the bundled demo content (the DPG registry) into an empty instance.
        #[arg(long, env = "COGOV_NO_DEMO")]
        no_demo: bool,
    },
    /// Apply pending database migrations and load the bundled reference data, then exit.
    Migrate,
    /// Rebuild the search index (DATA_DIR/search) from the store. Stop `cogov serve` on this data directory first.
    Reindex,
    /// List, show, crosswalk and import frameworks.
    #[command(subcommand)]
    Frameworks(FrameworksCommand),
    /// Import records from another system (DPG registry, …): idempotent, resumable, with a report.
    #[command(subcommand)]
    Import(interop::ImportCommand),
    /// Export entries in another system's format.
    #[command(subcommand)]
    Export(interop::ExportCommand),
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
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("COGOV_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
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
    let config = StoreConfig {
        database_url: instance.database_url.clone(),
        data_dir: instance.data_dir.clone(),
        max_connections: 8,
    };
    let place = match &config.database_url {
        Some(url) => redact_url(url),
        None => config.data_dir.join("cogov.db").display().to_string(),
    };
    let store = cogov_store::open(&config).await.with_context(|| format!("cannot open the store at {place}"))?;
    App::start(store).await.context("cannot load the reference data")
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { listen, no_demo } => {
            let app = open(&cli.instance).await?;
            if !no_demo {
                interop::load_demo_if_empty(&app).await.context("cannot load the bundled demo content")?;
            }
            let app = search::attach(app, &cli.instance.data_dir)?;
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
        Command::Reindex => search::reindex(open(&cli.instance).await?, &cli.instance.data_dir).await,
        Command::Frameworks(cmd) => frameworks(&open(&cli.instance).await?, cmd).await,
        Command::Import(cmd) => interop::import(&open(&cli.instance).await?, cmd).await,
        Command::Export(cmd) => interop::export(&open(&cli.instance).await?, cmd).await,
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
