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
    seed_people(&app).await?;
    Ok(())
}

/// The password of the browser tests' accounts (a throwaway data directory, loopback only).
const PASSWORD: &str = "browser tests password";

/// For the signed-in pass of the browser tests: a moderator (`moderator@example.org`) who edits the organization
/// `fixture-org`, a proposer (`proposer@example.org`) with a pending proposal and a request to join it, and an
/// admin (`admin@example.org`, for the XSS test's admin pages).
async fn seed_people(app: &cogov_app::App) -> Result<(), Box<dyn std::error::Error>> {
    use cogov_app::{entries, review, OrgRole, Role, Via};
    use cogov_core::entry::{EntryKind, Status};
    let org = entries::EntryInput {
        kind: Some(EntryKind::Actor),
        slug: Some("fixture-org".into()),
        status: Some(Status::Published),
        title: Some(cogov_core::Text::new("en", "Fixture organization")),
        ..Default::default()
    };
    let org = entries::create(app, org, &entries::Actor::manual("fixtures"), "browser-test organization").await?;
    let mo = app.create_account("moderator@example.org", "Mia Moderator", PASSWORD, Role::Moderator).await?;
    app.store().set_membership(&org.id, &mo.id, OrgRole::Editor.code()).await?;
    app.create_account("admin@example.org", "Ada Admin", PASSWORD, Role::Admin).await?;
    let pr = app.create_account("proposer@example.org", "Pat Proposer", PASSWORD, Role::User).await?;
    let who = app.principal(&pr.id, Via::Session).await?.ok_or("no principal")?;
    let input = serde_json::json!({"kind": "initiative", "title": {"values": {"en": "Open school maps"}},
        "summary": {"values": {"en": "Maps of every school."}}, "countries": ["SN"]});
    let proposal =
        review::ProposalInput { target: review::Target::Entry, record: None, org: None, input, message: "New.".into() };
    review::propose(app, &who, proposal).await?;
    // A progress update of the fixtures' contribution, so the queue has a proposal with before / after.
    let proposal = review::ProposalInput {
        target: review::Target::Contribution,
        record: Some(fixtures::CONTRIBUTION.into()),
        org: None,
        input: serde_json::json!({"progress": "completed", "period": {"start": "2025-01-01", "end": "2025-11-30"}}),
        message: "Finished early.".into(),
    };
    review::propose(app, &who, proposal).await?;
    review::request_join(app, &who, &org, "I work there.").await?;
    Ok(())
}
