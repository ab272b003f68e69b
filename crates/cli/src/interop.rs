//! `cogov import …`, `cogov export …`, `cogov dump`, `cogov restore`, and loading the bundled demo content:
//! thin wrappers over `cogov_interop` (formats) and `cogov_app::import` (the shared import use case).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Subcommand};
use cogov_app::import::{self, ImportInput, Options, Progress, Summary};
use cogov_app::App;
use cogov_interop::dpg;
use cogov_store::EntryQuery;

#[derive(Subcommand)]
pub enum ImportCommand {
    /// A DPG registry checkout (a directory with nominees/*.json and digitalpublicgoods/*.json).
    Dpg {
        path: PathBuf,
        #[command(flatten)]
        options: ImportArgs,
    },
    /// Entries from a CSV file (columns in docs/interop.md), keyed by external_source and external_id.
    Csv {
        file: PathBuf,
        #[command(flatten)]
        options: ImportArgs,
    },
    /// IATI activity files (XML 2.01–2.03, 1.0x where it maps), streamed.
    Iati {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        options: ImportArgs,
    },
}

#[derive(Args, Clone)]
pub struct ImportArgs {
    /// Validate everything first and write nothing if any record is wrong.
    #[arg(long)]
    strict: bool,
    /// Where to write the rejected and flagged records (CSV: outcome, file, line, column, record, key, field,
    /// reason).
    #[arg(long, default_value = "cogov-import-report.csv")]
    report: PathBuf,
    /// Records between checkpoints, fewer when they are large (10 MB of input at most); a batch and the one
    /// read ahead are held in memory.
    #[arg(long, default_value_t = 800)]
    batch: u64,
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Digital public goods as DPG registry nominee records (valid against nominee-schema.json).
    Dpg {
        /// Directory to write nominees/NAME.json into; without it, a JSON array on standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Entries and their tags as CSV (columns in docs/interop.md).
    Csv {
        /// Only entries of this kind (actor, initiative, dpg, process, document, event).
        #[arg(long)]
        kind: Option<String>,
        /// File to write; without it, standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub async fn import(app: &App, cmd: ImportCommand) -> anyhow::Result<()> {
    match cmd {
        ImportCommand::Dpg { path, options } => {
            let registry = dpg::DpgRegistry::from_dir(&path, &app.catalog().countries)
                .with_context(|| format!("cannot read the registry at {}", path.display()))?;
            anyhow::ensure!(registry.nominee_count() > 0, "{}: no nominees/*.json files", path.display());
            run_import(app, &registry, &options).await
        }
        ImportCommand::Csv { file, options } => {
            let input = cogov_interop::csv_entries::CsvFile::new(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            run_import(app, &input, &options).await
        }
        ImportCommand::Iati { files, options } => {
            let catalog = app.catalog();
            let nodes: std::collections::HashSet<String> = catalog.nodes.iter().map(|n| n.id.clone()).collect();
            for path in files {
                let file = cogov_interop::iati::IatiFile::new(&path, &catalog.countries, nodes.clone())
                    .with_context(|| format!("cannot read {}", path.display()))?;
                run_import(app, &file, &options).await?;
            }
            Ok(())
        }
    }
}

pub async fn export(app: &App, cmd: ExportCommand) -> anyhow::Result<()> {
    match cmd {
        ExportCommand::Csv { kind, out } => {
            let entries = all_entries(app, kind.as_deref()).await?;
            let text = cogov_interop::csv_entries::export(&entries)?;
            match out {
                Some(path) => {
                    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?
                }
                None => print!("{text}"),
            }
            Ok(())
        }
        ExportCommand::Dpg { out } => {
            let entries = all_entries(app, Some("dpg")).await?;
            let mut records = Vec::new();
            for e in &entries {
                match dpg::export_nominee(e) {
                    Ok(r) => records.push((dpg::export_name(e), r)),
                    Err(p) => eprintln!("skipped {}: {}: {}", p.slug, p.field, p.reason),
                }
            }
            match out {
                Some(dir) => {
                    let dir = dir.join("nominees");
                    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
                    for (name, record) in &records {
                        let path = dir.join(format!("{name}.json"));
                        let text = serde_json::to_string_pretty(record)? + "\n";
                        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
                    }
                    eprintln!("wrote {} nominee records to {}", records.len(), dir.display());
                }
                None => {
                    let all: Vec<&serde_json::Value> = records.iter().map(|(_, r)| r).collect();
                    println!("{}", serde_json::to_string_pretty(&all)?);
                }
            }
            Ok(())
        }
    }
}

/// Writes the whole instance to `file` (via a temporary file, renamed when complete).
pub async fn dump(store: &dyn cogov_store::Store, file: &Path) -> anyhow::Result<()> {
    let tables = store.dump().await?;
    let bytes = cogov_interop::dump::write(&tables);
    let tmp = file.with_extension("partial");
    std::fs::write(&tmp, &bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, file).with_context(|| format!("cannot write {}", file.display()))?;
    let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
    eprintln!("dumped {} tables, {rows} rows, {} bytes to {}", tables.len(), bytes.len(), file.display());
    Ok(())
}

/// Restores a dump in one transaction; refused on a database that holds anything, unless `force`.
pub async fn restore(store: &dyn cogov_store::Store, file: &Path, force: bool) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let tables = cogov_interop::dump::read(&file.display().to_string(), &bytes).map_err(anyhow::Error::msg)?;
    store.restore(&tables, force).await.context("restore refused; the database is unchanged")?;
    let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
    eprintln!("restored {} tables, {rows} rows from {}", tables.len(), file.display());
    Ok(())
}

/// The multilingual demo content (`data/demo/multilingual`, sources and licences in its SOURCE.md): real IATI
/// activities with French and Spanish narratives, and a pol.is process in Traditional Chinese.
const MULTILINGUAL_DEMO: [(&str, &[u8]); 2] = [
    ("iati-activities.xml", include_bytes!("../../../data/demo/multilingual/iati-activities.xml")),
    ("processes.csv", include_bytes!("../../../data/demo/multilingual/processes.csv")),
];

/// Loads the bundled demo content (the DPG registry, then the multilingual records) into an instance that has no
/// entries yet, through the import use case.
pub async fn load_demo_if_empty(app: &App) -> anyhow::Result<()> {
    if app.store().count_entries(&EntryQuery::default()).await? > 0 {
        return Ok(());
    }
    let registry = cogov_interop::demo::registry(&app.catalog().countries);
    let options = Options { by: "cogov (bundled demo content)".into(), ..Default::default() };
    let summary = import::run(app, &registry, &options, None).await?;
    tracing::info!(%summary, "loaded the bundled demo content (DPG registry); --no-demo skips this");

    // The importers read files: the bundled bytes are written to a private temporary directory first.
    let dir = std::env::temp_dir().join(format!("cogov-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let result = async {
        let catalog = app.catalog();
        let nodes: std::collections::HashSet<String> = catalog.nodes.iter().map(|n| n.id.clone()).collect();
        for (name, bytes) in MULTILINGUAL_DEMO {
            let path = dir.join(name);
            std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
            let summary = if name.ends_with(".xml") {
                let input = cogov_interop::iati::IatiFile::new(&path, &catalog.countries, nodes.clone())?;
                import::run(app, &input, &options, None).await?
            } else {
                let input = cogov_interop::csv_entries::CsvFile::new(&path)?;
                import::run(app, &input, &options, None).await?
            };
            anyhow::ensure!(summary.rejected.is_empty(), "data/demo/multilingual/{name}: {summary}");
            tracing::info!(%summary, "loaded the bundled demo content (data/demo/multilingual/{name})");
        }
        anyhow::Ok(())
    }
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn all_entries(app: &App, kind: Option<&str>) -> anyhow::Result<Vec<cogov_core::entry::Entry>> {
    let mut out = Vec::new();
    let kinds = kind.map(|k| vec![k.to_string()]).unwrap_or_default();
    let mut query = EntryQuery { kinds, limit: 1000, ..Default::default() };
    loop {
        let page = app.store().list_entries(&query).await?;
        let done = (page.len() as i64) < query.limit;
        query.after_slug = page.last().map(|e| e.slug.clone());
        out.extend(page);
        if done {
            return Ok(out);
        }
    }
}

pub async fn run_import(app: &App, input: &dyn ImportInput, args: &ImportArgs) -> anyhow::Result<()> {
    let options = Options { strict: args.strict, batch_size: args.batch, by: "cli".into() };
    let bar = Bar::new(input.total_bytes(), &args.report);
    let on_signal = tokio::spawn(stop_import_on_signal());
    let summary = import::run(app, input, &options, Some(&bar)).await;
    on_signal.abort();
    let summary = summary?;
    bar.finish();
    report(&summary, &args.report, bar.streamed())?;
    println!("{}: {summary}", input.source());
    if let Some(at) = summary.stopped_at {
        println!("stopped after record {at}, checkpointed: run the same command again to resume");
    }
    if !summary.written {
        anyhow::bail!(
            "--strict: {} problem(s), nothing written; see {}",
            summary.rejected.len(),
            args.report.display()
        );
    }
    Ok(())
}

/// SIGTERM or Ctrl-C: the import finishes and checkpoints the batch it is writing, then stops (a second signal
/// exits at once; the last checkpoint still holds).
async fn stop_import_on_signal() {
    let signal = || async {
        #[cfg(unix)]
        {
            let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => return std::future::pending().await,
            };
            tokio::select! { _ = tokio::signal::ctrl_c() => {}, _ = term.recv() => {} }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    };
    signal().await;
    eprintln!("stopping after the current batch (signal again to stop at once)");
    import::stop_after_batch();
    signal().await;
    std::process::exit(130);
}

/// The report's CSV (`--report`): its header, then one row per problem.
fn report_writer(path: &Path) -> anyhow::Result<csv::Writer<std::fs::File>> {
    let mut w = csv::Writer::from_path(path).with_context(|| format!("cannot write {}", path.display()))?;
    w.write_record(["outcome", "file", "line", "column", "record", "key", "field", "reason"])?;
    Ok(w)
}

fn report_row(w: &mut csv::Writer<std::fs::File>, outcome: &str, p: &import::Problem) -> csv::Result<()> {
    let opt = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
    w.write_record([
        outcome.to_string(),
        p.location.file.clone(),
        opt(p.location.line),
        opt(p.location.column),
        opt(p.location.record),
        p.key.clone().unwrap_or_default(),
        p.field.clone(),
        p.reason.clone(),
    ])
}

/// Flagged problems written to the report while the import runs (see `Bar::flagged`), so they are not held in
/// memory: the report file once opened, and the first few for the terminal.
#[derive(Default)]
struct Streamed {
    writer: Option<csv::Writer<std::fs::File>>,
    first: Vec<import::Problem>,
    /// Writing failed: later problems stay in the summary and are written at the end.
    failed: bool,
}

/// Writes the rejected records and the flagged ones, if any, as CSV (appending to the rows `streamed` wrote
/// while the import ran); prints the first few.
fn report(summary: &Summary, path: &Path, streamed: Streamed) -> anyhow::Result<()> {
    let Streamed { writer, first, .. } = streamed;
    if writer.is_none() && summary.rejected.is_empty() && summary.flagged.is_empty() {
        return Ok(());
    }
    let mut w = match writer {
        Some(w) => w,
        None => report_writer(path)?,
    };
    let rows = summary.rejected.iter().map(|p| ("rejected", p)).chain(summary.flagged.iter().map(|p| ("flagged", p)));
    for (outcome, p) in rows {
        report_row(&mut w, outcome, p)?;
    }
    w.flush()?;
    let mut err = std::io::stderr().lock();
    for p in summary.rejected.iter().take(10) {
        writeln!(err, "rejected: {p}")?;
    }
    if summary.rejected.len() > 10 {
        writeln!(err, "… and {} more", summary.rejected.len() - 10)?;
    }
    let flagged = (summary.flagged.len() as u64).max(summary.flagged_problems);
    for p in first.iter().chain(&summary.flagged).take(5) {
        writeln!(err, "flagged (imported): {p}")?;
    }
    if flagged > 5 {
        writeln!(err, "… and {} more flagged", flagged - 5)?;
    }
    writeln!(err, "rejected and flagged records are listed in {}", path.display())?;
    Ok(())
}

/// A progress bar on a terminal (records, bytes, rate, ETA); nothing when standard error is not a terminal.
/// It also writes flagged problems to the report as each batch is written.
struct Bar(indicatif::ProgressBar, PathBuf, std::sync::Mutex<Streamed>);

impl Bar {
    fn new(total_bytes: u64, report: &Path) -> Self {
        let streamed = std::sync::Mutex::new(Streamed::default());
        if !std::io::stderr().is_terminal() {
            return Bar(indicatif::ProgressBar::hidden(), report.to_path_buf(), streamed);
        }
        let bar = indicatif::ProgressBar::new(total_bytes);
        let style = indicatif::ProgressStyle::with_template(
            "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} · {msg} · {bytes_per_sec} · ETA {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        Bar(bar, report.to_path_buf(), streamed)
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }

    /// What was written to the report while the import ran.
    fn streamed(&self) -> Streamed {
        self.2.lock().map(|mut s| std::mem::take(&mut *s)).unwrap_or_default()
    }
}

impl Progress for Bar {
    fn update(&self, records: u64, bytes: u64) {
        self.0.set_position(bytes);
        if records.is_multiple_of(64) {
            self.0.set_message(format!("{records} records"));
        }
    }

    fn flagged(&self, problems: &[import::Problem]) -> bool {
        let Ok(mut s) = self.2.lock() else { return false };
        if s.failed || problems.is_empty() {
            return false;
        }
        if s.writer.is_none() {
            match report_writer(&self.1) {
                Ok(w) => s.writer = Some(w),
                Err(_) => {
                    s.failed = true;
                    return false;
                }
            }
        }
        let written = match s.writer.as_mut() {
            Some(w) => problems.iter().try_for_each(|p| report_row(w, "flagged", p)).is_ok(),
            None => false,
        };
        if !written {
            // The rows of this batch may be partly written; the rest of the run's go to the summary.
            s.failed = true;
            return false;
        }
        let room = 5usize.saturating_sub(s.first.len());
        s.first.extend(problems.iter().take(room).cloned());
        true
    }
}

/// `cogov bench import`: see `cogov_interop::bench` and BENCHMARKS.md.
#[derive(Args)]
pub struct ImportBenchArgs {
    /// Size of the generated IATI file, in megabytes.
    #[arg(long, default_value_t = 500)]
    mb: u64,
    /// Activities to replicate.
    #[arg(long, default_value = "crates/interop/tests/data/iati/dportal-activities-4e93a72.xml")]
    source: PathBuf,
    /// PostgreSQL to measure against (a fresh schema is made and dropped).
    #[arg(long, env = "COGOV_BENCH_POSTGRES_URL", default_value = "postgres://postgres@127.0.0.1:5432/test")]
    postgres: String,
    /// Where the generated file and the SQLite database go.
    #[arg(long)]
    work_dir: Option<PathBuf>,
}

pub async fn bench_import(args: ImportBenchArgs) -> anyhow::Result<()> {
    let work = args.work_dir.unwrap_or_else(|| std::env::temp_dir().join("cogov-bench-import"));
    println!("{}", cogov_interop::bench::run(args.mb, &args.source, &args.postgres, &work).await?);
    Ok(())
}
