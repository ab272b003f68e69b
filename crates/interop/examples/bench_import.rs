//! Stand-alone driver of exactly what `cogov bench import` runs (`cogov_interop::bench::run`), usable while
//! the `cogov` binary is being rebuilt: `cargo run --release -p cogov-interop --example bench_import -- MB`.

/// The allocator of `cogov` (crates/cli/src/main.rs).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mb: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(500);
    let source = std::path::Path::new("crates/interop/tests/data/iati/dportal-activities-4e93a72.xml");
    let pg =
        std::env::var("COGOV_BENCH_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let work = std::env::temp_dir().join("cogov-bench-import");
    println!("{}", cogov_interop::bench::run(mb, source, &pg, &work).await?);
    Ok(())
}
