//! The `cogov opinion …` commands, ready to be mounted in the `cogov` binary, with `cogov bench opinion`
//! from [`crate::bench`]:
//!
//! ```ignore
//! #[derive(clap::Subcommand)]
//! enum Command {
//!     /// Opinion groups, consensus and divisive statements (pol.is-compatible).
//!     #[command(subcommand)]
//!     Opinion(cogov_opinion::cli::OpinionCommand),
//!     /// Benchmarks.
//!     #[command(subcommand)]
//!     Bench(BenchCommand),
//! }
//!
//! #[derive(clap::Subcommand)]
//! enum BenchCommand {
//!     /// The listening engine against numpy / scikit-learn at pol.is's largest sizes.
//!     Opinion(cogov_opinion::bench::BenchArgs),
//! }
//! // …
//! let mut out = std::io::stdout().lock();
//! match cli.command {
//!     Command::Opinion(cmd) => cogov_opinion::cli::run(cmd, &mut out)?,
//!     Command::Bench(BenchCommand::Opinion(args)) => cogov_opinion::bench::run_bench(args, &mut out)?,
//! }
//! ```

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use serde::Serialize;

use crate::analysis::{Analysis, Params};
use crate::compare::{compare, Comparison};
use crate::matrix::StatementId;
use crate::polis::{read_dir, PolisExport};
use crate::report::{group_letter, svg_map, text_report};

/// Output format of `cogov opinion analyze`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Full result as JSON (groups, members, representative statements, consensus, coordinates).
    Json,
    /// Plain-text report.
    Text,
    /// SVG opinion map.
    Svg,
}

/// `cogov opinion …`
#[derive(Clone, Debug, PartialEq, Eq, clap::Subcommand)]
pub enum OpinionCommand {
    /// Analyse a pol.is export directory (comments.csv, votes.csv, participants-votes.csv): opinion groups,
    /// representative statements, consensus, divisive statements and a 2-D map.
    Analyze {
        /// Directory holding the export files.
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Seed of the (only) random choice, the PCA start vectors.
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// Compare cogov's opinion groups with the group ids pol.is recorded in participants-votes.csv: adjusted
    /// Rand index (ARI) and whether the number of groups matches.
    Compare {
        /// Directory holding the export files.
        dir: PathBuf,
        /// Seed of the (only) random choice, the PCA start vectors.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Instead of one analysis from scratch, replay votes.csv through the incremental engine with one
        /// update per this many seconds of conversation time, emulating the history of pol.is's math
        /// worker (slower: thousands of updates).
        #[arg(long, value_name = "SECONDS")]
        replay: Option<u64>,
    },
}

/// Reads a pol.is export directory and analyses it with pol.is's default parameters and `seed`.
pub fn analyze_dir(dir: &std::path::Path, seed: u64) -> anyhow::Result<(PolisExport, Analysis)> {
    let export = read_dir(dir)?;
    let params = Params { seed, ..Params::default() };
    let analysis = crate::analyze(&export.matrix, &export.moderated_out(), &params, None);
    Ok((export, analysis))
}

fn title_of(export: &PolisExport) -> String {
    export.dir.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| export.dir.display().to_string())
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    source: String,
    superseded_votes: usize,
    statement_texts: BTreeMap<StatementId, &'a str>,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

/// Runs one `cogov opinion` command, writing its output to `out`.
pub fn run(cmd: OpinionCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        OpinionCommand::Analyze { dir, format, seed } => {
            let (export, analysis) = analyze_dir(&dir, seed)?;
            let texts: HashMap<StatementId, String> =
                export.statements.iter().map(|s| (s.id, s.text.clone())).collect();
            let title = title_of(&export);
            match format {
                Format::Json => {
                    let o = JsonOutput {
                        source: dir.display().to_string(),
                        superseded_votes: export.superseded_votes,
                        statement_texts: export.statements.iter().map(|s| (s.id, s.text.as_str())).collect(),
                        analysis: &analysis,
                    };
                    serde_json::to_writer_pretty(&mut *out, &o).context("writing JSON")?;
                    writeln!(out)?;
                }
                Format::Text => out.write_all(text_report(&analysis, &title, &texts).as_bytes())?,
                Format::Svg => out.write_all(svg_map(&analysis, &title, &texts).as_bytes())?,
            }
        }
        OpinionCommand::Compare { dir, seed, replay } => {
            let (export, analysis, mode) = match replay {
                None => {
                    let (e, a) = analyze_dir(&dir, seed)?;
                    (e, a, "one analysis from scratch".to_string())
                }
                Some(secs) => {
                    anyhow::ensure!(secs > 0, "--replay needs a positive number of seconds");
                    let params = Params { seed, ..Params::default() };
                    let ms = i64::try_from(secs.saturating_mul(1000)).unwrap_or(i64::MAX);
                    let (e, a, n) = crate::polis::replay_dir(&dir, ms, &params)?;
                    (e, a, format!("replay of votes.csv, one update per {secs} s ({n} updates)"))
                }
            };
            if export.polis_groups.is_empty() {
                anyhow::bail!(
                    "{}: no pol.is group ids to compare with (participants-votes.csv missing or without group-id values)",
                    dir.display()
                );
            }
            let c = compare(&analysis, &export.polis_groups, export.polis_group_count);
            out.write_all(comparison_text(&title_of(&export), &c).as_bytes())?;
            writeln!(out, "Mode: {mode}")?;
        }
    }
    Ok(())
}

/// The text printed by `cogov opinion compare`.
pub fn comparison_text(title: &str, c: &Comparison) -> String {
    let mut o = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(o, "Conversation: {title}");
    let _ = writeln!(
        o,
        "ARI: {}",
        c.ari.map(|a| format!("{a:.3}")).unwrap_or_else(|| "n/a (fewer than 2 participants grouped by both)".into())
    );
    let _ = writeln!(
        o,
        "Groups: cogov {}, pol.is {} — {}",
        c.cogov_groups,
        c.polis_groups,
        if c.groups_match { "match" } else { "DIFFER" }
    );
    let _ = writeln!(
        o,
        "Participants grouped by both: {} (cogov only: {}, pol.is only: {})",
        c.common, c.cogov_only, c.polis_only
    );
    let fmt = |x: Option<f64>| x.map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"));
    let _ = writeln!(
        o,
        "Silhouette on cogov's map: pol.is groups {}, cogov groups {}",
        fmt(c.polis_silhouette),
        fmt(c.cogov_silhouette)
    );
    let header: Vec<String> = c.polis_group_ids.iter().map(|g| format!("{g:>6}")).collect();
    let _ = writeln!(o, "Contingency (rows: cogov groups, columns: pol.is group ids):");
    let _ = writeln!(o, "        {}", header.join(""));
    for (i, row) in c.table.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|x| format!("{x:>6}")).collect();
        let _ = writeln!(o, "  {:<6}{}", group_letter(i as u32), cells.join(""));
    }
    o
}
