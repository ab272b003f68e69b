//! Proposals, review events, stewardship and join requests in the store, on SQLite and PostgreSQL.

mod common;

use cogov_core::entry::{Entry, EntryKind, Provenance, Revision, Status};
use cogov_core::Text;
use cogov_store::{JoinRequest, Proposal, ProposalEvent, ProposalQuery, RecordWrite, Stewardship, StoreError};

fn entry(id: &str, slug: &str, status: Status, at: &str) -> Entry {
    Entry {
        id: id.into(),
        kind: EntryKind::Initiative,
        slug: slug.into(),
        status,
        title: Text::new("en", format!("Initiative {slug}")),
        summary: Text::default(),
        stakeholder_group: None,
        countries: vec![],
        regions: vec![],
        website: None,
        external_ids: vec![],
        tags: vec![],
        provenance: Provenance::Manual { by: "t".into() },
        attributes: Default::default(),
        created_at: at.into(),
        updated_at: at.into(),
    }
}

fn revision(id: &str, number: i64, reason: &str) -> Revision {
    Revision {
        entry_id: id.into(),
        number,
        at: "2026-01-02T00:00:00.000Z".into(),
        actor: "Mo".into(),
        reason: reason.into(),
        changes: vec![],
    }
}

fn proposal(id: &str, proposer: &str, state: &str, at: &str) -> Proposal {
    Proposal {
        id: id.into(),
        target: "entry".into(),
        record_id: None,
        base_revision: None,
        org: None,
        proposer: proposer.into(),
        proposer_name: format!("Name of {proposer}"),
        state: state.into(),
        created_at: at.into(),
        updated_at: at.into(),
        doc: serde_json::json!({"input": {"kind": "initiative"}, "message": "please"}),
    }
}

fn event(id: &str, number: i64, actor: &str, action: &str, reason: &str) -> ProposalEvent {
    ProposalEvent {
        proposal_id: id.into(),
        number,
        at: "2026-01-02T00:00:00.000Z".into(),
        actor: actor.into(),
        actor_name: format!("Name of {actor}"),
        action: action.into(),
        reason: reason.into(),
    }
}

store_test!(a_proposal_moves_through_review_with_every_event_kept, |store: common::TestStore| async move {
    let at = "2026-01-01T00:00:00.000Z";
    let mut p = proposal("p1", "u1", "pending", at);
    store.save_proposal(&p, &event("p1", 1, "u1", "submitted", "new"), None, None).await.expect("create");
    // Number 1 again: someone else created or acted meanwhile.
    let again = store.save_proposal(&p, &event("p1", 1, "u1", "submitted", "new"), None, None).await;
    assert!(matches!(again, Err(StoreError::Conflict { .. })), "{again:?}");
    p.state = "changes_requested".into();
    store
        .save_proposal(&p, &event("p1", 2, "m1", "changes_requested", "add a summary"), None, None)
        .await
        .expect("ask");
    // A second moderator acting on the same version loses.
    let stale = store.save_proposal(&p, &event("p1", 2, "m2", "rejected", "spam"), None, None).await;
    assert!(matches!(stale, Err(StoreError::Conflict { .. })), "{stale:?}");

    // Approval writes the entry, its revision, the proposal and the steward in one transaction.
    let e = entry("e1", "one", Status::Published, at);
    let r = revision("e1", 1, "approved");
    p.state = "approved".into();
    p.record_id = Some("e1".into());
    let steward = Stewardship {
        entry_id: "e1".into(),
        org: Some("org1".into()),
        confirmed_at: at.into(),
        confirmed_by: "u1".into(),
        reminded_at: None,
    };
    let before = store.last_seq().await.expect("seq");
    store
        .save_proposal(
            &p,
            &event("p1", 3, "m1", "approved", "fine"),
            Some(RecordWrite::CreateEntry(&e, &r)),
            Some(&steward),
        )
        .await
        .expect("approve");
    assert_eq!(store.entry("e1").await.expect("entry").expect("stored").status, Status::Published);
    assert_eq!(store.revisions("e1").await.expect("revisions").len(), 1);
    assert!(store.last_seq().await.expect("seq") > before, "the entry write is in the change log");
    let stored = store.proposal("p1").await.expect("read").expect("exists");
    assert_eq!((stored.state.as_str(), stored.record_id.as_deref()), ("approved", Some("e1")));
    assert_eq!(stored.doc, p.doc);
    let events = store.proposal_events("p1").await.expect("events");
    let actions: Vec<(&str, &str, &str)> =
        events.iter().map(|e| (e.actor.as_str(), e.action.as_str(), e.reason.as_str())).collect();
    assert_eq!(
        actions,
        [("u1", "submitted", "new"), ("m1", "changes_requested", "add a summary"), ("m1", "approved", "fine")]
    );
    assert_eq!(store.stewardship("e1").await.expect("s").expect("row").org.as_deref(), Some("org1"));
    assert_eq!(store.stewarded_by("org1").await.expect("by"), ["e1"]);
});

store_test!(a_failed_record_write_leaves_the_proposal_as_it_was, |store: common::TestStore| async move {
    let at = "2026-01-01T00:00:00.000Z";
    store.create_entry(&entry("e0", "taken", Status::Published, at), &revision("e0", 1, "first")).await.expect("e0");
    let mut p = proposal("p2", "u1", "pending", at);
    store.save_proposal(&p, &event("p2", 1, "u1", "submitted", ""), None, None).await.expect("create");
    p.state = "approved".into();
    let clash = entry("e2", "taken", Status::Published, at);
    let r = revision("e2", 1, "approved");
    let result = store
        .save_proposal(&p, &event("p2", 2, "m1", "approved", ""), Some(RecordWrite::CreateEntry(&clash, &r)), None)
        .await;
    assert!(matches!(result, Err(StoreError::Conflict { ref field, .. }) if field == "slug"), "{result:?}");
    assert_eq!(store.proposal("p2").await.expect("read").expect("exists").state, "pending");
    assert_eq!(store.proposal_events("p2").await.expect("events").len(), 1);
    assert!(store.entry("e2").await.expect("read").is_none());
});

store_test!(proposals_are_listed_by_state_proposer_and_record, |store: common::TestStore| async move {
    for (i, (who, state, at)) in [
        ("u1", "pending", "2026-01-01T00:00:00.000Z"),
        ("u1", "rejected", "2026-01-02T00:00:00.000Z"),
        ("u2", "pending", "2026-01-03T00:00:00.000Z"),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("p{i}");
        let mut p = proposal(&id, who, state, at);
        p.record_id = Some(format!("e{i}"));
        store.save_proposal(&p, &event(&id, 1, who, "submitted", ""), None, None).await.expect("save");
    }
    let ids = |v: Vec<Proposal>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
    let pending = ProposalQuery { states: vec!["pending".into()], ..Default::default() };
    assert_eq!(ids(store.list_proposals(&pending).await.expect("list")), ["p2", "p0"]);
    let mine = ProposalQuery { proposer: Some("u1".into()), ..Default::default() };
    assert_eq!(ids(store.list_proposals(&mine).await.expect("list")), ["p1", "p0"]);
    let of_record = ProposalQuery { record_id: Some("e1".into()), targets: vec!["entry".into()], ..Default::default() };
    assert_eq!(ids(store.list_proposals(&of_record).await.expect("list")), ["p1"]);
    assert_eq!(store.count_proposals_since("u1", "2026-01-02T00:00:00.000Z").await.expect("count"), 1);
    assert_eq!(store.count_proposals_since("u1", "2025-01-01T00:00:00.000Z").await.expect("count"), 2);
});

store_test!(stale_entries_are_those_not_confirmed_since, |store: common::TestStore| async move {
    let old = "2024-01-01T00:00:00.000Z";
    let new = "2026-06-01T00:00:00.000Z";
    store.create_entry(&entry("a", "a", Status::Published, old), &revision("a", 1, "")).await.expect("a");
    store.create_entry(&entry("b", "b", Status::Published, old), &revision("b", 1, "")).await.expect("b");
    store.create_entry(&entry("c", "c", Status::Published, new), &revision("c", 1, "")).await.expect("c");
    store.create_entry(&entry("d", "d", Status::Draft, old), &revision("d", 1, "")).await.expect("d");
    let cutoff = "2025-06-01T00:00:00.000Z";
    let stale = |v: Vec<cogov_store::StaleEntry>| v.into_iter().map(|s| s.entry_id).collect::<Vec<_>>();
    assert_eq!(stale(store.stale_entries(cutoff, 100).await.expect("stale")), ["a", "b"]);
    store.confirm_entry("b", "u1", new).await.expect("confirm");
    assert_eq!(stale(store.stale_entries(cutoff, 100).await.expect("stale")), ["a"]);
    let confirmed = store.stewardship("b").await.expect("s").expect("row");
    assert_eq!((confirmed.confirmed_at.as_str(), confirmed.confirmed_by.as_str()), (new, "u1"));
    assert!(store.claim_reminder("a", new, cutoff).await.expect("remind"), "the first claim wins");
    assert!(!store.claim_reminder("a", new, cutoff).await.expect("remind"), "a second claim finds it reminded");
    let a = store.stale_entries(cutoff, 100).await.expect("stale");
    assert_eq!((a[0].last_confirmed.as_str(), a[0].reminded_at.as_deref()), (old, Some(new)));
    // Given back (the mail failed): claimable again; a later reminder period claims it again too.
    store.release_reminder("a", new, None).await.expect("release");
    assert_eq!(store.stale_entries(cutoff, 100).await.expect("stale")[0].reminded_at, None);
    assert!(store.claim_reminder("a", new, cutoff).await.expect("remind"));
    let later = "2026-08-01T00:00:00.000Z";
    assert!(store.claim_reminder("a", later, "2026-07-01T00:00:00.000Z").await.expect("remind"));
    assert!(matches!(store.claim_reminder("zz", new, cutoff).await, Err(StoreError::NotFound(_))));
    let mut last = store.last_confirmed(&["a".into(), "b".into(), "zz".into()]).await.expect("last");
    last.sort();
    assert_eq!(last, [("a".to_string(), old.to_string()), ("b".to_string(), new.to_string())]);
    assert!(matches!(store.confirm_entry("zz", "u1", new).await, Err(StoreError::NotFound(_))));
});

store_test!(join_requests_are_decided_once, |store: common::TestStore| async move {
    let at = "2026-01-01T00:00:00.000Z";
    store.create_entry(&entry("org", "org", Status::Published, at), &revision("org", 1, "")).await.expect("org");
    let request = JoinRequest {
        id: "j1".into(),
        org: "org".into(),
        user_id: "u1".into(),
        user_name: "U".into(),
        message: "I work there".into(),
        state: "pending".into(),
        created_at: at.into(),
        decided_at: None,
        decided_by: None,
    };
    store.create_join_request(&request).await.expect("create");
    let twice = store.create_join_request(&JoinRequest { id: "j2".into(), ..request.clone() }).await;
    assert!(matches!(twice, Err(StoreError::Conflict { .. })), "one pending request per person and organization");
    let pending = store.join_requests(Some("org"), None, &["pending".into()]).await.expect("list");
    assert_eq!(pending, std::slice::from_ref(&request));
    store.decide_join_request("j1", "approved", "editor", at).await.expect("decide");
    let again = store.decide_join_request("j1", "declined", "editor2", at).await;
    assert!(matches!(again, Err(StoreError::Conflict { .. })), "{again:?}");
    let decided = store.join_request("j1").await.expect("read").expect("exists");
    assert_eq!((decided.state.as_str(), decided.decided_by.as_deref()), ("approved", Some("editor")));
    assert!(store.join_requests(None, Some("u1"), &[]).await.expect("mine").len() == 1);
    assert!(matches!(store.decide_join_request("nope", "approved", "e", at).await, Err(StoreError::NotFound(_))));
});
