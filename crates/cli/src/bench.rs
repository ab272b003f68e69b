//! `cogov bench …`: every engine's benchmark, each against a baseline measured in the same run. Figures go to
//! BENCHMARKS.md with the command that produced them. Add a benchmark as a variant here.

use clap::Subcommand;

#[derive(Subcommand)]
pub enum BenchCommand {
    /// The opinion engine on synthetic conversations at pol.is's largest sizes, against numpy / scikit-learn.
    Opinion(cogov_opinion::bench::BenchArgs),
    /// IATI import end to end into SQLite and PostgreSQL, against a raw quick-xml parse of the same file.
    Import(crate::interop::ImportBenchArgs),
    /// The GDC map: coverage matrix, heatmap page and choropleth over 100,000 contributions, against per-commitment SQL counts.
    Coverage(crate::map::CoverageBenchArgs),
    /// Search: tantivy through the HTTP API against SQLite FTS5, PostgreSQL full-text and `/healthz`.
    Search(crate::bench_search::SearchBenchArgs),
    /// Mixed read/write HTTP load (entry pages, search, listing, map pages, proposals) on SQLite or PostgreSQL,
    /// against `/healthz` on the same server.
    Load(crate::bench_load::LoadBenchArgs),
}

pub async fn run(cmd: BenchCommand) -> anyhow::Result<()> {
    match cmd {
        BenchCommand::Import(args) => crate::interop::bench_import(args).await,
        BenchCommand::Coverage(args) => crate::map::bench_coverage(args).await,
        BenchCommand::Search(args) => crate::bench_search::bench_search(args).await,
        BenchCommand::Load(args) => crate::bench_load::bench_load(args).await,
        BenchCommand::Opinion(args) => {
            let mut out = std::io::stdout().lock();
            cogov_opinion::bench::run_bench(args, &mut out)?;
            Ok(())
        }
    }
}
