//! `cogov bench import`: end-to-end IATI import into SQLite and PostgreSQL against a raw quick-xml parse of the
//! same file, in the same run (just before and just after each import). The file is built by replicating real
//! activities under new identifiers.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use cogov_app::import::{self, Options};
use cogov_app::App;
use cogov_store::Store;

use crate::iati::{raw_parse, IatiFile};

/// One measured phase.
#[derive(Debug, Clone)]
pub struct Measurement {
    pub name: String,
    pub seconds: f64,
    pub bytes: u64,
    pub activities: u64,
    /// Peak resident memory during the phase (VmHWM, reset before it), in kB; `None` if not measurable.
    pub peak_kb: Option<u64>,
}

impl Measurement {
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }

    pub fn activities_per_s(&self) -> f64 {
        self.activities as f64 / self.seconds.max(1e-9)
    }
}

/// Writes an activity file of at least `target_bytes` to `out` by repeating the activities of `source` with
/// `-bench-N` appended to their identifiers. Returns the number of activities written and the file size.
pub fn build_file(source: &str, target_bytes: u64, out: &Path) -> std::io::Result<(u64, u64)> {
    let mut activities = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("<iati-activity") {
        let Some(len) = rest[start..].find("</iati-activity>") else { break };
        let end = start + len + "</iati-activity>".len();
        activities.push(&rest[start..end]);
        rest = &rest[end..];
    }
    if activities.is_empty() {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "no <iati-activity> in the source file"));
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" \
                xmlns:iati-extra=\"http://datastore.iatistandard.org/ns\">\n";
    w.write_all(head.as_bytes())?;
    let (mut written, mut count) = (head.len() as u64, 0u64);
    let mut copy = 0u64;
    while written < target_bytes {
        copy += 1;
        for a in &activities {
            let replaced = a.replacen("</iati-identifier>", &format!("-bench-{copy}</iati-identifier>"), 1);
            w.write_all(replaced.as_bytes())?;
            w.write_all(b"\n")?;
            written += replaced.len() as u64 + 1;
            count += 1;
        }
    }
    w.write_all(b"</iati-activities>\n")?;
    w.flush()?;
    Ok((count, written + 19))
}

/// The baseline: every XML event of the file read by quick-xml, nothing built.
pub fn measure_raw(path: &Path, name: &str) -> std::io::Result<Measurement> {
    let bytes = std::fs::metadata(path)?.len();
    reset_peak();
    let t = Instant::now();
    let (_, activities) = raw_parse(path)?;
    Ok(Measurement { name: name.into(), seconds: t.elapsed().as_secs_f64(), bytes, activities, peak_kb: peak_kb() })
}

/// End to end: the import use case into `store` (freshly migrated, empty), from opening the file to the last
/// commit.
pub async fn measure_import(name: &str, store: Box<dyn Store>, path: &Path) -> anyhow::Result<Measurement> {
    let bytes = std::fs::metadata(path)?.len();
    let app = App::start(store).await?;
    let catalog = app.catalog();
    let nodes = catalog.nodes.iter().map(|n| n.id.clone()).collect();
    let file = IatiFile::new(path, &catalog.countries, nodes)?;
    // The CLI's default batch size.
    let options = Options { by: "bench".into(), ..Default::default() };
    reset_peak();
    let t = Instant::now();
    let summary = import::run(&app, &file, &options, Some(&TakeFlagged)).await?;
    let seconds = t.elapsed().as_secs_f64();
    anyhow::ensure!(
        summary.rejected.is_empty(),
        "{name}: {} record(s) rejected: {}",
        summary.rejected.len(),
        summary.rejected[0]
    );
    let q = cogov_store::EntryQuery { kinds: vec!["initiative".into()], ..Default::default() };
    let activities = app.store().count_entries(&q).await? as u64;
    Ok(Measurement { name: name.into(), seconds, bytes, activities, peak_kb: peak_kb() })
}

/// Takes the flagged problems off the summary as each batch is written, as the CLI does (it writes them to its
/// report file; here they are dropped): a run's memory does not grow with them.
struct TakeFlagged;

impl import::Progress for TakeFlagged {
    fn update(&self, _records: u64, _bytes: u64) {}

    fn flagged(&self, _problems: &[import::Problem]) -> bool {
        true
    }
}

/// A measured import and the raw parses just before and after it, which it is compared with.
#[derive(Debug, Clone)]
pub struct Compared {
    pub before: Measurement,
    pub import: Measurement,
    pub after: Measurement,
}

impl Compared {
    /// The raw parse's speed around the import (MB/s): both parses' bytes over both parses' time. A machine
    /// whose speed drifts during the run moves both sides of the ratio alike.
    pub fn raw_mb_per_s(&self) -> f64 {
        (self.before.bytes + self.after.bytes) as f64 / 1e6 / (self.before.seconds + self.after.seconds).max(1e-9)
    }

    /// The import's speed, in per cent of [`Compared::raw_mb_per_s`].
    pub fn per_cent(&self) -> f64 {
        100.0 * self.import.mb_per_s() / self.raw_mb_per_s().max(1e-9)
    }
}

/// The results as a Markdown table: each phase in the order run (a raw parse before the first import, and
/// after each), each import with its ratio against the raw parses just before and after it.
pub fn table(compared: &[Compared]) -> String {
    let mut out = String::from(
        "| phase | time (s) | MB/s | activities/s | vs raw parse | peak memory (MB) |\n|---|---|---|---|---|---|\n",
    );
    let mut row = |m: &Measurement, ratio: String| {
        let peak = m.peak_kb.map(|k| format!("{:.0}", k as f64 / 1024.0)).unwrap_or_else(|| "n/a".into());
        out.push_str(&format!(
            "| {} | {:.1} | {:.1} | {:.0} | {ratio} | {peak} |\n",
            m.name,
            m.seconds,
            m.mb_per_s(),
            m.activities_per_s(),
        ));
    };
    for (i, c) in compared.iter().enumerate() {
        if i == 0 {
            row(&c.before, "baseline".into());
        }
        row(&c.import, format!("{:.2} % (of {:.1} MB/s)", c.per_cent(), c.raw_mb_per_s()));
        row(&c.after, "baseline".into());
    }
    out
}

/// Resets the kernel's peak-RSS counter of this process (Linux: `5` to `/proc/self/clear_refs`).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// VmHWM from `/proc/self/status`, in kB.
pub fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The whole benchmark: builds the file (`mb` megabytes from the activities of `source`), measures the import
/// into a fresh SQLite file and into a fresh schema of the PostgreSQL database at `postgres_url` (skipped if
/// unreachable, and said so), each with a raw parse just before and just after it, and returns the report in
/// Markdown.
pub async fn run(mb: u64, source: &Path, postgres_url: &str, work_dir: &Path) -> anyhow::Result<String> {
    use anyhow::Context;
    std::fs::create_dir_all(work_dir)?;
    let text = std::fs::read_to_string(source).with_context(|| format!("cannot read {}", source.display()))?;
    let file = work_dir.join(format!("iati-bench-{mb}mb.xml"));
    let (count, bytes) = build_file(&text, mb * 1_000_000, &file)?;
    eprintln!("built {} ({count} activities, {:.0} MB)", file.display(), bytes as f64 / 1e6);
    let before = measure_raw(&file, "raw quick-xml parse (before)")?;
    eprintln!("raw parse: {:.1} s", before.seconds);

    let db = work_dir.join("bench.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let sqlite = cogov_store::SqliteStore::open(&db, 4).await?;
    sqlite.migrate().await?;
    let import = measure_import("import into SQLite", Box::new(sqlite), &file).await?;
    eprintln!("SQLite: {:.1} s", import.seconds);
    let after = measure_raw(&file, "raw quick-xml parse (after SQLite)")?;
    let mut compared = vec![Compared { before, import, after }];

    match cogov_store::PostgresStore::connect(postgres_url, 1).await {
        Ok(admin) => {
            let schema = format!("bench_{}", std::process::id());
            sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(admin.pool()).await?;
            let options = std::str::FromStr::from_str(postgres_url)
                .map(|o: sqlx::postgres::PgConnectOptions| o.options([("search_path", schema.as_str())]))?;
            let pg = cogov_store::PostgresStore::connect_with(options, 4).await?;
            pg.migrate().await?;
            let measured = measure_import("import into PostgreSQL", Box::new(pg), &file).await;
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(admin.pool()).await?;
            let import = measured?;
            let after = measure_raw(&file, "raw quick-xml parse (after PostgreSQL)")?;
            // The parse after SQLite's import is the one before PostgreSQL's.
            compared.push(Compared { before: compared[0].after.clone(), import, after });
        }
        Err(e) => eprintln!("SKIPPED: PostgreSQL at {} unreachable: {e}", cogov_store::redact_url(postgres_url)),
    }
    let _ = std::fs::remove_file(&file);
    Ok(format!(
        "{count} activities, {:.0} MB (the activities of {} repeated under new identifiers).\n\n{}",
        bytes as f64 / 1e6,
        source.display(),
        table(&compared)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(name: &str, seconds: f64) -> Measurement {
        Measurement { name: name.into(), seconds, bytes: 100_000_000, activities: 1000, peak_kb: Some(150 * 1024) }
    }

    #[test]
    fn an_import_is_compared_with_the_raw_parses_around_it() {
        // 100 MB: raw parses of 0.2 s and 0.3 s (400 MB/s together), an import of 1 s (100 MB/s): 25 %.
        let sqlite = Compared {
            before: measured("raw (before)", 0.2),
            import: measured("import into SQLite", 1.0),
            after: measured("raw (after SQLite)", 0.3),
        };
        assert!((sqlite.raw_mb_per_s() - 400.0).abs() < 1e-9);
        assert!((sqlite.per_cent() - 25.0).abs() < 1e-9);
        let pg = Compared {
            before: sqlite.after.clone(),
            import: measured("import into PostgreSQL", 2.0),
            after: measured("raw (after PostgreSQL)", 0.2),
        };
        let table = table(&[sqlite, pg]);
        let rows: Vec<&str> = table.lines().skip(2).collect();
        assert_eq!(
            rows,
            [
                "| raw (before) | 0.2 | 500.0 | 5000 | baseline | 150 |",
                "| import into SQLite | 1.0 | 100.0 | 1000 | 25.00 % (of 400.0 MB/s) | 150 |",
                "| raw (after SQLite) | 0.3 | 333.3 | 3333 | baseline | 150 |",
                "| import into PostgreSQL | 2.0 | 50.0 | 500 | 12.50 % (of 400.0 MB/s) | 150 |",
                "| raw (after PostgreSQL) | 0.2 | 500.0 | 5000 | baseline | 150 |",
            ]
        );
    }
}
