//! Stand-alone driver for the listening engine, with the same commands the `cogov` binary mounts:
//!
//! ```text
//! cargo run -p cogov-opinion --example opinion -- analyze DIR [--format json|text|svg] [--seed N]
//! cargo run -p cogov-opinion --example opinion -- compare DIR
//! cargo run --release -p cogov-opinion --example opinion -- bench [--sizes 33422x783:2000000] [--skip-baseline]
//! ```

use clap::Parser;

#[derive(Parser)]
#[command(name = "opinion", about = "cogov listening engine (stand-alone driver)")]
enum Cli {
    #[command(flatten)]
    Opinion(cogov_opinion::cli::OpinionCommand),
    /// The `cogov bench opinion` benchmark.
    Bench(cogov_opinion::bench::BenchArgs),
}

fn main() -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match Cli::parse() {
        Cli::Opinion(cmd) => cogov_opinion::cli::run(cmd, &mut out),
        Cli::Bench(args) => cogov_opinion::bench::run_bench(args, &mut out),
    }
}
