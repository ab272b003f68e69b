//! Submission and review through the use cases, on a real SQLite store with the bundled reference data:
//! proposals, moderation, direct publishing by editors, public history, quotas, staleness and reminders,
//! organization membership. (The store half runs on both backends in crates/store/tests/review.rs.)

use cogov_app::entries::{self, Actor, EntryInput};
use cogov_app::mail::Mailer;
use cogov_app::review::{self, Decision, ProposalInput, ReviewConfig, Target};
use cogov_app::{App, AppError, Membership, OrgRole, Principal, Role, Scope, Via};
use cogov_core::entry::{EntryKind, Status};
use cogov_core::Text;
use cogov_store::ContributionQuery;
use serde_json::json;

async fn app() -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = cogov_store::SqliteStore::open(&dir.path().join("t.db"), 4).await.expect("open");
    cogov_store::Store::migrate(&store).await.expect("migrate");
    (App::start(Box::new(store)).await.expect("start"), dir)
}

async fn account(app: &App, name: &str, role: Role) -> Principal {
    let user = app
        .create_account(&format!("{name}@example.org"), name, "a long enough password", role)
        .await
        .expect("account");
    Principal { user_id: user.id, name: name.into(), role, via: Via::Session, memberships: vec![], verified: true }
}

async fn org(app: &App, slug: &str) -> String {
    let input = EntryInput {
        kind: Some(EntryKind::Actor),
        slug: Some(slug.into()),
        status: Some(Status::Published),
        title: Some(Text::new("en", slug)),
        ..Default::default()
    };
    entries::create(app, input, &Actor::manual("test"), "test").await.expect("org").id
}

fn new_entry(title: &str) -> ProposalInput {
    ProposalInput {
        target: Target::Entry,
        record: None,
        org: None,
        input: json!({"kind": "initiative", "title": {"values": {"en": title}}, "countries": ["KE"], "tags": []}),
        message: "found on their site".into(),
    }
}

fn editor_of(mut p: Principal, org: &str) -> Principal {
    p.memberships.push(Membership { org: org.into(), role: OrgRole::Editor });
    p
}

#[tokio::test]
async fn a_proposal_is_published_only_when_another_moderator_approves_it() {
    let (app, _dir) = app().await;
    let user = account(&app, "Ana", Role::User).await;
    let mo = account(&app, "Mo", Role::Moderator).await;
    let mia = account(&app, "Mia", Role::Moderator).await;

    let p = review::propose(&app, &user, new_entry("Rural broadband")).await.expect("propose");
    assert_eq!(p.state, "pending");
    assert_eq!(app.store().count_entries(&Default::default()).await.expect("count"), 0, "nothing published yet");
    assert_eq!(review::queue(&app, &mo, &[]).await.expect("queue").len(), 1);
    assert!(matches!(review::queue(&app, &user, &[]).await, Err(AppError::Forbidden(_))), "users see no queue");
    assert!(matches!(review::decide(&app, &user, &p.id, Decision::Approve, "").await, Err(AppError::Forbidden(_))));

    // A moderator's own proposal needs another moderator.
    let own = review::propose(&app, &mo, new_entry("Moderator's idea")).await.expect("propose");
    let refused = review::decide(&app, &mo, &own.id, Decision::Approve, "").await;
    assert!(matches!(refused, Err(AppError::Forbidden(ref m)) if m.contains("own proposal")), "{refused:?}");
    review::decide(&app, &mia, &own.id, Decision::Approve, "").await.expect("another moderator approves");

    // Rejecting and asking for changes need a reason.
    let no_reason = review::decide(&app, &mo, &p.id, Decision::RequestChanges, "  ").await;
    assert!(matches!(no_reason, Err(AppError::Validation(ref e)) if e[0].field == "reason"), "{no_reason:?}");
    review::decide(&app, &mo, &p.id, Decision::RequestChanges, "add a summary").await.expect("ask");
    let early = review::decide(&app, &mia, &p.id, Decision::Approve, "").await;
    assert!(matches!(early, Err(AppError::Conflict { .. })), "changes were requested: nothing to approve yet");
    let revised = json!({"kind": "initiative", "title": {"values": {"en": "Rural broadband"}}, "summary": {"values": {"en": "Fibre to villages."}}});
    let other = account(&app, "Eve", Role::User).await;
    assert!(matches!(review::revise(&app, &other, &p.id, revised.clone(), "").await, Err(AppError::NotFound { .. })));
    review::revise(&app, &user, &p.id, revised, "summary added").await.expect("revise");
    let approved = review::decide(&app, &mia, &p.id, Decision::Approve, "sources checked").await.expect("approve");
    let entry = app.store().entry(approved.record_id.as_deref().expect("record")).await.expect("read").expect("entry");
    assert_eq!(entry.status, Status::Published);
    assert_eq!(entry.summary.get(cogov_core::Lang::En).map(|(_, s)| s), Some("Fibre to villages."));

    let history = review::history(&app, Target::Entry, &entry.id).await.expect("history");
    let steps: Vec<(&str, &str, &str)> =
        history.iter().map(|h| (h.kind.as_str(), h.actor.as_str(), h.reason.as_str())).collect();
    assert_eq!(
        steps,
        [
            ("approved", "Mia", "sources checked"),
            ("revision", "Ana", "approved by Mia; proposed by Ana: sources checked"),
            ("resubmitted", "Ana", "summary added"),
            ("changes_requested", "Mo", "add a summary"),
            ("submitted", "Ana", "found on their site"),
        ]
    );
    assert_eq!(history[1].status_to.as_deref(), Some("published"));
    let public = serde_json::to_string(&history).expect("json");
    assert!(
        !public.contains("example.org") && !public.contains(&user.user_id),
        "no addresses or account ids: {public}"
    );
}

#[tokio::test]
async fn invalid_proposals_report_every_field_and_write_nothing() {
    let (app, _dir) = app().await;
    let user = account(&app, "Ana", Role::User).await;
    let bad = ProposalInput {
        input: json!({"kind": "initiative", "title": {"values": {}}, "countries": ["XX"], "website": "ftp://x", "tags": [{"node": "sdg:99", "provenance": {"type": "manual", "by": "a"}}]}),
        ..new_entry("x")
    };
    let Err(AppError::Validation(errors)) = review::propose(&app, &user, bad).await else { panic!("expected errors") };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    for f in ["title", "countries[0]", "tags[0].node"] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    let with_status = ProposalInput {
        input: json!({"kind": "initiative", "title": {"values": {"en": "x"}}, "status": "published"}),
        ..new_entry("x")
    };
    assert!(
        matches!(review::propose(&app, &user, with_status).await, Err(AppError::Validation(ref e)) if e[0].field == "input.status")
    );
    assert!(review::mine(&app, &user).await.expect("mine").is_empty(), "no proposal was stored");
    assert_eq!(app.store().count_entries(&Default::default()).await.expect("count"), 0);
}

#[tokio::test]
async fn editors_publish_their_own_organizations_entries_directly_when_allowed() {
    let (app, _dir) = app().await;
    let unesco = org(&app, "unesco").await;
    let other = org(&app, "other").await;
    let editor = editor_of(account(&app, "Ed", Role::User).await, &unesco);

    let mut p = new_entry("School connectivity map");
    p.org = Some("unesco".into());
    let done = review::propose(&app, &editor, p.clone()).await.expect("direct");
    assert_eq!(done.state, "published");
    let id = done.record_id.clone().expect("record");
    assert_eq!(app.store().entry(&id).await.expect("read").expect("entry").status, Status::Published);
    assert_eq!(app.store().stewardship(&id).await.expect("s").expect("row").org.as_deref(), Some(unesco.as_str()));

    // The organization's own entry, directly; another organization's entry goes to review.
    let own = ProposalInput {
        target: Target::Entry,
        record: Some("unesco".into()),
        org: None,
        input: json!({"website": "https://unesco.org"}),
        message: String::new(),
    };
    assert_eq!(review::propose(&app, &editor, own).await.expect("own").state, "published");
    let theirs =
        ProposalInput { record: Some(other.clone()), input: json!({"website": "https://other.org"}), ..p.clone() };
    let theirs = ProposalInput { org: None, ..theirs };
    assert_eq!(review::propose(&app, &editor, theirs).await.expect("theirs").state, "pending");
    let not_member = ProposalInput { org: Some("other".into()), ..new_entry("x") };
    assert!(
        matches!(review::propose(&app, &editor, not_member).await, Err(AppError::Validation(ref e)) if e[0].code == "not_member")
    );

    // An edit that changes nothing is refused.
    let same = ProposalInput {
        target: Target::Entry,
        record: Some("unesco".into()),
        org: None,
        input: json!({"website": "https://unesco.org"}),
        message: String::new(),
    };
    assert!(
        matches!(review::propose(&app, &editor, same).await, Err(AppError::Validation(ref e)) if e[0].code == "unchanged")
    );

    // The instance can turn direct publishing off.
    let strict = app.clone().with_review(ReviewConfig { editors_publish_directly: false, ..Default::default() });
    assert_eq!(review::propose(&strict, &editor, p).await.expect("review").state, "pending");
}

#[tokio::test]
async fn an_edit_approved_after_the_entry_changed_is_a_conflict() {
    let (app, _dir) = app().await;
    let org_id = org(&app, "acme").await;
    let user = account(&app, "Ana", Role::User).await;
    let mo = account(&app, "Mo", Role::Moderator).await;
    let edit = ProposalInput {
        target: Target::Entry,
        record: Some("acme".into()),
        org: None,
        input: json!({"website": "https://acme.example"}),
        message: String::new(),
    };
    let p = review::propose(&app, &user, edit).await.expect("propose");
    entries::update(
        &app,
        &org_id,
        EntryInput { summary: Some(Text::new("en", "changed")), ..Default::default() },
        &Actor::manual("x"),
        "x",
    )
    .await
    .expect("meanwhile");
    let result = review::decide(&app, &mo, &p.id, Decision::Approve, "").await;
    assert!(matches!(result, Err(AppError::Conflict { ref field, .. }) if field == "record"), "{result:?}");
    assert_eq!(app.store().proposal(&p.id).await.expect("read").expect("p").state, "pending");
    review::decide(&app, &mo, &p.id, Decision::RequestChanges, "rebase on the new summary").await.expect("ask");
    review::revise(&app, &user, &p.id, json!({"website": "https://acme.example"}), "").await.expect("revise");
    review::decide(&app, &mo, &p.id, Decision::Approve, "").await.expect("approve");
    let e = app.store().entry(&org_id).await.expect("read").expect("entry");
    assert_eq!(e.website.as_deref(), Some("https://acme.example"));
    assert_eq!(e.summary.get(cogov_core::Lang::En).map(|(_, s)| s), Some("changed"), "the other change is kept");
}

#[tokio::test]
async fn quotas_tokens_and_rejections() {
    let (app, _dir) = app().await;
    let app = app.with_review(ReviewConfig { proposals_per_day: 2, ..Default::default() });
    let user = account(&app, "Ana", Role::User).await;
    let mo = account(&app, "Mo", Role::Moderator).await;
    let first = review::propose(&app, &user, new_entry("one")).await.expect("1");
    review::propose(&app, &user, new_entry("two")).await.expect("2");
    let third = review::propose(&app, &user, new_entry("three")).await;
    assert!(matches!(third, Err(AppError::RateLimited { retry_after }) if retry_after > 80_000), "{third:?}");

    let reader = Principal { via: Via::Token(Scope::Read), ..mo.clone() };
    assert!(matches!(review::propose(&app, &reader, new_entry("x")).await, Err(AppError::Forbidden(_))));
    let write_token = Principal { via: Via::Token(Scope::Write), ..mo.clone() };
    assert!(matches!(
        review::decide(&app, &write_token, &first.id, Decision::Reject, "spam").await,
        Err(AppError::Forbidden(_))
    ));
    let admin_token = Principal { via: Via::Token(Scope::Admin), ..mo.clone() };
    let rejected = review::decide(&app, &admin_token, &first.id, Decision::Reject, "duplicate of another entry")
        .await
        .expect("reject");
    assert_eq!(rejected.state, "rejected");
    assert!(matches!(review::withdraw(&app, &user, &first.id).await, Err(AppError::Conflict { .. })));
    let view = review::get(&app, &user, &first.id).await.expect("the proposer sees it");
    assert_eq!(
        view.events.last().map(|e| (e.action.as_str(), e.reason.as_str())),
        Some(("rejected", "duplicate of another entry"))
    );
    let stranger = account(&app, "Eve", Role::User).await;
    assert!(matches!(review::get(&app, &stranger, &first.id).await, Err(AppError::NotFound { .. })));
}

#[tokio::test]
async fn contributions_count_only_once_reviewed() {
    let (app, _dir) = app().await;
    let org_id = org(&app, "ngo").await;
    let user = account(&app, "Ana", Role::User).await;
    let mo = account(&app, "Mo", Role::Moderator).await;
    let input = json!({
        "contributor": "ngo", "commitments": ["gdc:1.1.1"], "title": {"values": {"en": "Connect schools"}},
        "period": {"start": "2025-01-01"}, "progress": "ongoing", "countries": ["KE"]
    });
    let p = review::propose(
        &app,
        &user,
        ProposalInput { target: Target::Contribution, record: None, org: None, input, message: String::new() },
    )
    .await
    .expect("propose");
    let published = ContributionQuery { statuses: vec!["published".into()], limit: 100, ..Default::default() };
    assert_eq!(
        app.store().count_contributions(&published).await.expect("count"),
        0,
        "pending contributions do not count"
    );
    let bad = json!({"contributor": "ngo", "commitments": ["gdc:9.9"], "period": {"start": "2025-01-01", "end": "2024-01-01"}, "progress": "ongoing"});
    let Err(AppError::Validation(errors)) = review::propose(
        &app,
        &user,
        ProposalInput { target: Target::Contribution, record: None, org: None, input: bad, message: String::new() },
    )
    .await
    else {
        panic!("expected errors")
    };
    assert!(errors.len() >= 2, "{errors:?}");
    review::decide(&app, &mo, &p.id, Decision::Approve, "evidence checked").await.expect("approve");
    assert_eq!(app.store().count_contributions(&published).await.expect("count"), 1);
    let c = app.store().list_contributions(&published).await.expect("list");
    assert_eq!(c[0].contributor, org_id);
    let history = review::history(&app, Target::Contribution, &c[0].id).await.expect("history");
    assert_eq!(history.iter().map(|h| h.kind.as_str()).collect::<Vec<_>>(), ["approved", "revision", "submitted"]);
}

#[tokio::test]
async fn stale_entries_are_confirmed_by_their_owners_and_reminded() {
    let (app, _dir) = app().await;
    let (mailer, sent) = Mailer::memory();
    let app = app.with_accounts(cogov_app::accounts::Accounts { mailer, ..Default::default() });
    let org_id = org(&app, "acme").await;
    let ed = account(&app, "Ed", Role::User).await;
    app.store().set_membership(&org_id, &ed.user_id, "editor").await.expect("member");
    let ed = editor_of(ed, &org_id);
    let stranger = account(&app, "Eve", Role::User).await;

    // Fresh now; stale for an instance whose period is zero days.
    assert!(review::stale_among(&app, std::slice::from_ref(&org_id)).await.expect("stale").is_empty());
    let strict = app.clone().with_review(ReviewConfig { stale_after_days: 0, ..Default::default() });
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    assert!(review::stale_among(&strict, std::slice::from_ref(&org_id)).await.expect("stale").contains(&org_id));

    let reminders = review::remind_stale(&strict, true).await.expect("dry run");
    assert_eq!(reminders.len(), 1);
    assert_eq!(reminders[0].editors, ["Ed"]);
    assert!(sent.lock().expect("mail").is_empty(), "a dry run sends nothing");
    review::remind_stale(&strict, false).await.expect("send");
    let mail = sent.lock().expect("mail").clone();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, "ed@example.org");
    assert!(mail[0].body.contains("/en/entries/acme"), "{}", mail[0].body);
    assert!(review::remind_stale(&strict, false).await.expect("again").is_empty(), "reminded once a month at most");

    assert!(matches!(review::confirm(&app, &stranger, "acme").await, Err(AppError::Forbidden(_))));
    review::confirm(&app, &ed, "acme").await.expect("confirm");
    let s = app.store().stewardship(&org_id).await.expect("s").expect("row");
    assert_eq!(s.confirmed_by, ed.user_id);
}

#[tokio::test]
async fn editors_manage_members_and_requests_to_join() {
    let (app, _dir) = app().await;
    let org_id = org(&app, "acme").await;
    let acme = review::organization(&app, "acme").await.expect("org");
    let admin = account(&app, "Ad", Role::Admin).await;
    let ed = account(&app, "Ed", Role::User).await;
    let ana = account(&app, "Ana", Role::User).await;

    assert!(matches!(
        review::set_member(&app, &ed, &acme, "ed@example.org", OrgRole::Editor).await,
        Err(AppError::Forbidden(_))
    ));
    review::set_member(&app, &admin, &acme, "ed@example.org", OrgRole::Editor)
        .await
        .expect("admin adds the first editor");
    let ed = editor_of(ed, &org_id);
    let unknown = review::set_member(&app, &ed, &acme, "nobody@example.org", OrgRole::Member).await;
    assert!(matches!(unknown, Err(AppError::Validation(ref e)) if e[0].field == "person"));

    let request = review::request_join(&app, &ana, &acme, "I work in the Nairobi office").await.expect("ask");
    assert!(matches!(review::request_join(&app, &ana, &acme, "again").await, Err(AppError::Conflict { .. })));
    assert_eq!(review::join_requests(&app, &ed, &acme).await.expect("requests").len(), 1);
    assert!(matches!(review::join_requests(&app, &ana, &acme).await, Err(AppError::Forbidden(_))));
    review::decide_join(&app, &ed, &acme, &request.id, true).await.expect("approve");
    let members = review::members(&app, &ed, &acme).await.expect("members");
    let mut roles: Vec<(String, String)> = members.iter().map(|m| (m.name.clone(), m.role.clone())).collect();
    roles.sort();
    assert_eq!(roles, [("Ana".to_string(), "member".to_string()), ("Ed".to_string(), "editor".to_string())]);

    let last_editor = review::remove_member(&app, &ed, &acme, &ed.user_id).await;
    assert!(matches!(last_editor, Err(AppError::Conflict { .. })), "{last_editor:?}");
    review::set_member(&app, &ed, &acme, &ana.user_id, OrgRole::Editor).await.expect("promote");
    review::remove_member(&app, &ed, &acme, &ed.user_id).await.expect("now possible");
    assert_eq!(app.store().members_of(&org_id).await.expect("m").len(), 1);
}
