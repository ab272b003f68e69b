//! Fills a new data directory with the page-test fixtures (tests/support/fixtures.rs), for the browser tests:
//! `cargo run -p cogov-web --example seed_fixtures -- DATA_DIR`, then `cogov serve --data-dir DATA_DIR`.

#[path = "../tests/support/fixtures.rs"]
mod fixtures;

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: seed_fixtures DATA_DIR");
        return ExitCode::from(2);
    };
    match seed(std::path::Path::new(&dir)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn seed(dir: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let store = cogov_store::SqliteStore::open(&dir.join("cogov.db"), 4).await?;
    cogov_store::Store::migrate(&store).await?;
    let app = cogov_app::App::start(Box::new(store)).await?;
    fixtures::seed(&app).await?;
    Ok(())
}
