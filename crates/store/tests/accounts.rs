//! Accounts in the store on both backends: users, sessions (expiry, revocation), API tokens, single-use e-mail
//! tokens, memberships and the audit log.

mod common;

use cogov_core::entry::{Entry, EntryKind, Provenance, Status};
use cogov_core::Text;
use cogov_store::{ApiToken, AuditEvent, EmailToken, OidcLogin, StoredSession, User};

fn user(id: &str, email: &str) -> User {
    User {
        id: id.into(),
        email: email.into(),
        name: "Person".into(),
        password_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into()),
        role: "user".into(),
        email_verified_at: None,
        banned_at: None,
        ban_reason: None,
        failed_logins: 0,
        locked_until: None,
        oidc_subject: None,
        created_at: "2026-01-01T00:00:00.000Z".into(),
        updated_at: "2026-01-01T00:00:00.000Z".into(),
    }
}

fn entry(id: &str) -> Entry {
    Entry {
        id: id.into(),
        kind: EntryKind::Actor,
        slug: id.into(),
        status: Status::Published,
        title: Text::new("en", id),
        summary: Text::default(),
        stakeholder_group: None,
        countries: vec![],
        regions: vec![],
        website: None,
        external_ids: vec![],
        tags: vec![],
        provenance: Provenance::Manual { by: "t".into() },
        attributes: Default::default(),
        created_at: "2026-01-01T00:00:00.000Z".into(),
        updated_at: "2026-01-01T00:00:00.000Z".into(),
    }
}

store_test!(users_sessions_tokens_memberships_and_audit, |store: common::TestStore| async move {
    store.create_user(&user("u1", "a@example.org")).await.expect("create");
    let dup = store.create_user(&user("u2", "a@example.org")).await;
    assert!(matches!(dup, Err(cogov_store::StoreError::Conflict { ref field, .. }) if field == "email"), "{dup:?}");
    store.create_user(&user("u2", "b@example.org")).await.expect("second");
    let mut u = store.user_by_email("A@Example.org").await.expect("read").expect("found by any case");
    u.failed_logins = 3;
    u.locked_until = Some("2026-01-01T01:00:00.000Z".into());
    store.update_user(&u).await.expect("update");
    assert_eq!(store.user("u1").await.expect("read"), Some(u.clone()));
    let mut stolen = u.clone();
    stolen.email = "b@example.org".into();
    assert!(store.update_user(&stolen).await.is_err(), "an address stays unique");
    assert_eq!(store.count_users().await.expect("count"), 2);
    assert_eq!(store.list_users(1, 10).await.expect("list").len(), 1);

    let session = |id: &str, expires: &str| StoredSession {
        id_hash: id.into(),
        user_id: "u1".into(),
        csrf: "c".into(),
        created_at: "2026-01-01T00:00:00.000Z".into(),
        last_seen_at: "2026-01-01T00:00:00.000Z".into(),
        expires_at: expires.into(),
        user_agent: "ua".into(),
    };
    store.create_session(&session("s1", "2026-02-01T00:00:00.000Z")).await.expect("session");
    store.create_session(&session("s2", "2026-01-01T12:00:00.000Z")).await.expect("session");
    let now = "2026-01-02T00:00:00.000Z";
    assert!(store.session("s2", now).await.expect("read").is_none(), "expired");
    assert_eq!(store.sessions_of("u1", now).await.expect("list").len(), 1);
    store.touch_session("s1", now, "2026-03-01T00:00:00.000Z").await.expect("touch");
    assert_eq!(
        store.session("s1", "2026-02-15T00:00:00.000Z").await.expect("read").map(|s| s.last_seen_at),
        Some(now.to_string())
    );
    assert!(!store.delete_session("u2", "s1").await.expect("not theirs"));
    assert_eq!(store.delete_expired_sessions(now).await.expect("sweep"), 1);
    assert!(store.delete_session("u1", "s1").await.expect("revoke"));

    let token = ApiToken {
        id: "t1".into(),
        user_id: "u1".into(),
        name: "ci".into(),
        scope: "write".into(),
        token_hash: "h1".into(),
        created_at: now.into(),
        last_used_at: None,
        revoked_at: None,
    };
    store.create_api_token(&token).await.expect("token");
    store.touch_api_token("t1", now).await.expect("touch");
    assert_eq!(store.api_token_by_hash("h1").await.expect("read").and_then(|t| t.last_used_at), Some(now.to_string()));
    assert!(!store.revoke_api_token("u2", "t1", now).await.expect("not theirs"));
    assert!(store.revoke_api_token("u1", "t1", now).await.expect("revoke"));
    assert!(!store.revoke_api_token("u1", "t1", now).await.expect("once"));
    assert_eq!(store.api_tokens_of("u1").await.expect("list")[0].revoked_at.as_deref(), Some(now));

    let et = EmailToken {
        token_hash: "e1".into(),
        user_id: "u1".into(),
        purpose: "reset".into(),
        created_at: now.into(),
        expires_at: "2026-01-02T02:00:00.000Z".into(),
        used_at: None,
    };
    store.create_email_token(&et).await.expect("email token");
    assert_eq!(store.use_email_token("e1", "verify", now).await.expect("use"), None, "other purpose");
    assert_eq!(store.use_email_token("e1", "reset", "2026-01-02T03:00:00.000Z").await.expect("use"), None, "expired");
    assert_eq!(store.use_email_token("e1", "reset", now).await.expect("use").as_deref(), Some("u1"));
    assert_eq!(store.use_email_token("e1", "reset", now).await.expect("use"), None, "single use");

    let refused = store.set_membership("no-such-entry", "u1", "editor").await;
    assert!(refused.is_err(), "the organization must be an entry");
    store
        .create_entry(
            &entry("org1"),
            &cogov_core::entry::Revision {
                entry_id: "org1".into(),
                number: 1,
                at: now.into(),
                actor: "t".into(),
                reason: "t".into(),
                changes: vec![],
            },
        )
        .await
        .expect("entry");
    store.set_membership("org1", "u1", "member").await.expect("member");
    store.set_membership("org1", "u1", "editor").await.expect("promote");
    store.set_membership("org1", "u2", "member").await.expect("member");
    assert_eq!(store.memberships_of("u1").await.expect("of")[0].role, "editor");
    assert_eq!(store.members_of("org1").await.expect("members").len(), 2);
    assert!(store.remove_membership("org1", "u2").await.expect("remove"));
    assert!(!store.remove_membership("org1", "u2").await.expect("again"));

    for (i, action) in ["ban", "role", "unban"].iter().enumerate() {
        store
            .append_audit(&AuditEvent {
                id: format!("0190000{i}"),
                at: now.into(),
                actor_id: "u2".into(),
                actor_name: "Admin".into(),
                action: action.to_string(),
                target: "u1".into(),
                reason: "why".into(),
                detail: "{}".into(),
            })
            .await
            .expect("audit");
    }
    let log = store.audit_log(None, 2).await.expect("log");
    assert_eq!(log.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["unban", "role"]);
    let older = store.audit_log(Some(&log[1].id), 10).await.expect("older");
    assert_eq!(older.len(), 1);
    assert_eq!(older[0].action, "ban");

    // Deleting an account takes its sessions, tokens, e-mail tokens and memberships; the audit log stays.
    assert!(store.delete_user("u1").await.expect("delete"));
    assert!(store.user("u1").await.expect("read").is_none());
    assert!(store.api_tokens_of("u1").await.expect("tokens").is_empty());
    assert!(store.members_of("org1").await.expect("members").is_empty());
    assert_eq!(store.audit_of("u1").await.expect("audit").len(), 3);
});

fn oidc_login(state_hash: &str, created_at: &str, expires_at: &str) -> OidcLogin {
    OidcLogin {
        state_hash: state_hash.into(),
        browser_hash: "b".repeat(64),
        nonce: "nonce".into(),
        pkce_verifier: "verifier".into(),
        lang: "fr".into(),
        next: "/fr/account".into(),
        created_at: created_at.into(),
        expires_at: expires_at.into(),
    }
}

store_test!(oidc_logins_are_single_use_and_expire, |store: common::TestStore| async move {
    let first = oidc_login("s1", "2026-01-01T00:00:00.000Z", "2026-01-01T00:10:00.000Z");
    store.create_oidc_login(&first).await.expect("create");
    store
        .create_oidc_login(&oidc_login("s2", "2026-01-01T00:01:00.000Z", "2026-01-01T00:11:00.000Z"))
        .await
        .expect("create");
    assert_eq!(store.take_oidc_login("unknown", "2026-01-01T00:02:00.000Z").await.expect("take"), None);
    let taken = store.take_oidc_login("s1", "2026-01-01T00:02:00.000Z").await.expect("take");
    assert_eq!(taken, Some(first), "the stored sign-in comes back whole");
    assert_eq!(store.take_oidc_login("s1", "2026-01-01T00:02:00.000Z").await.expect("again"), None, "single use");
    assert_eq!(store.take_oidc_login("s2", "2026-01-01T00:11:00.000Z").await.expect("late"), None, "expired");
    assert_eq!(
        store.take_oidc_login("s2", "2026-01-01T00:05:00.000Z").await.expect("after"),
        None,
        "expired ones are gone"
    );
    // Starting a sign-in clears the ones that had expired by then.
    store
        .create_oidc_login(&oidc_login("s3", "2026-01-01T00:00:00.000Z", "2026-01-01T00:10:00.000Z"))
        .await
        .expect("s3");
    store
        .create_oidc_login(&oidc_login("s4", "2026-01-01T00:20:00.000Z", "2026-01-01T00:30:00.000Z"))
        .await
        .expect("s4");
    assert_eq!(store.take_oidc_login("s3", "2026-01-01T00:05:00.000Z").await.expect("s3"), None, "cleared");
    assert!(store.take_oidc_login("s4", "2026-01-01T00:21:00.000Z").await.expect("s4").is_some());
});
