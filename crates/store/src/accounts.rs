//! People and trust in the store: accounts, sessions, API tokens, e-mail tokens, organization memberships and
//! the audit log (migration `0003_accounts`).
//!
//! [`AccountStore`] is a supertrait of [`crate::Store`]; its SQL is written once for both backends
//! (`impl_account_store!`). These rows are not content: they are not in the change log. Secrets never reach the
//! store in the clear — sessions, API tokens and e-mail tokens are looked up by the SHA-256 of the secret.

use async_trait::async_trait;
use serde::Serialize;

use crate::Result;

/// An account. `role` is `user`, `moderator` or `admin`; `email` is stored lowercased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub role: String,
    pub email_verified_at: Option<String>,
    pub banned_at: Option<String>,
    pub ban_reason: Option<String>,
    pub failed_logins: i64,
    pub locked_until: Option<String>,
    pub oidc_subject: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// A browser session, stored under the SHA-256 of its cookie value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct StoredSession {
    pub id_hash: String,
    pub user_id: String,
    #[serde(skip)]
    pub csrf: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
    pub user_agent: String,
}

/// An API token; `scope` is `read`, `write` or `admin`. The token itself is shown once and never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ApiToken {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub scope: String,
    #[serde(skip)]
    pub token_hash: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// A single-use e-mail token (`purpose` is `verify` or `reset`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EmailToken {
    pub token_hash: String,
    pub user_id: String,
    pub purpose: String,
    pub created_at: String,
    pub expires_at: String,
    pub used_at: Option<String>,
}

/// An OpenID Connect sign-in started and not yet finished (migration `0005_oidc`): looked up by the SHA-256 of
/// its `state`, bound to the browser by the SHA-256 of a cookie, single use, expiring.
#[derive(Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OidcLogin {
    pub state_hash: String,
    pub browser_hash: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// The interface language and the page to return to after sign-in.
    pub lang: String,
    pub next: String,
    pub created_at: String,
    pub expires_at: String,
}

impl std::fmt::Debug for OidcLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcLogin")
            .field("state_hash", &self.state_hash)
            .field("lang", &self.lang)
            .field("next", &self.next)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// A person's membership of an organization (an actor entry); `role` is `member` or `editor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct MembershipRow {
    pub org_id: String,
    pub user_id: String,
    pub role: String,
    pub created_at: String,
}

/// One moderator or admin action. `detail` is a JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AuditEvent {
    pub id: String,
    pub at: String,
    pub actor_id: String,
    pub actor_name: String,
    pub action: String,
    pub target: String,
    pub reason: String,
    pub detail: String,
}

#[async_trait]
pub trait AccountStore {
    /// Creates an account. Conflicts (field `email`) when the address is registered.
    async fn create_user(&self, user: &User) -> Result<()>;
    /// Replaces an account's row (role, name, password, ban, failed sign-ins, …). `NotFound` if it is gone.
    async fn update_user(&self, user: &User) -> Result<()>;
    async fn user(&self, id: &str) -> Result<Option<User>>;
    async fn user_by_email(&self, email: &str) -> Result<Option<User>>;
    async fn user_by_oidc_subject(&self, subject: &str) -> Result<Option<User>>;
    /// Accounts by creation time, `offset`/`limit` (limit capped at 1,000).
    async fn list_users(&self, offset: i64, limit: i64) -> Result<Vec<User>>;
    async fn count_users(&self) -> Result<i64>;
    /// Deletes an account with its sessions, tokens and memberships. Returns whether it existed.
    async fn delete_user(&self, id: &str) -> Result<bool>;

    async fn create_session(&self, session: &StoredSession) -> Result<()>;
    /// The session with this hash if it has not expired at `now`.
    async fn session(&self, id_hash: &str, now: &str) -> Result<Option<StoredSession>>;
    async fn touch_session(&self, id_hash: &str, last_seen_at: &str, expires_at: &str) -> Result<()>;
    /// The account's unexpired sessions, newest first.
    async fn sessions_of(&self, user_id: &str, now: &str) -> Result<Vec<StoredSession>>;
    /// Deletes one of the account's sessions; returns whether it existed.
    async fn delete_session(&self, user_id: &str, id_hash: &str) -> Result<bool>;
    /// Deletes every session of the account (password change, ban); returns how many.
    async fn delete_sessions_of(&self, user_id: &str) -> Result<u64>;
    async fn delete_expired_sessions(&self, now: &str) -> Result<u64>;

    async fn create_api_token(&self, token: &ApiToken) -> Result<()>;
    async fn api_token_by_hash(&self, token_hash: &str) -> Result<Option<ApiToken>>;
    /// The account's tokens (revoked ones too), newest first.
    async fn api_tokens_of(&self, user_id: &str) -> Result<Vec<ApiToken>>;
    /// Revokes one of the account's tokens; returns whether an unrevoked token was revoked.
    async fn revoke_api_token(&self, user_id: &str, id: &str, at: &str) -> Result<bool>;
    async fn touch_api_token(&self, id: &str, at: &str) -> Result<()>;

    async fn create_email_token(&self, token: &EmailToken) -> Result<()>;
    /// Uses a token: if it exists with this purpose, is unused and unexpired at `now`, marks it used and returns
    /// its account id — atomically, so a token works once even when two requests race.
    async fn use_email_token(&self, token_hash: &str, purpose: &str, now: &str) -> Result<Option<String>>;

    /// Stores a started OpenID Connect sign-in, and deletes those that expired before it started.
    async fn create_oidc_login(&self, login: &OidcLogin) -> Result<()>;
    /// Takes (deletes and returns) the sign-in with this state hash, if it is there and unexpired at `now` —
    /// atomically, so a state works once even when two requests race.
    async fn take_oidc_login(&self, state_hash: &str, now: &str) -> Result<Option<OidcLogin>>;

    async fn memberships_of(&self, user_id: &str) -> Result<Vec<MembershipRow>>;
    async fn members_of(&self, org_id: &str) -> Result<Vec<MembershipRow>>;
    /// Adds or changes a membership. The organization must be an entry and the account must exist.
    async fn set_membership(&self, org_id: &str, user_id: &str, role: &str) -> Result<()>;
    /// Returns whether there was a membership to remove.
    async fn remove_membership(&self, org_id: &str, user_id: &str) -> Result<bool>;

    async fn append_audit(&self, event: &AuditEvent) -> Result<()>;
    /// The audit log, newest first; `before` is the id of the last event of the previous page.
    async fn audit_log(&self, before: Option<&str>, limit: i64) -> Result<Vec<AuditEvent>>;
    /// Events about one target (an account id, an entry id), newest first.
    async fn audit_of(&self, target: &str) -> Result<Vec<AuditEvent>>;
}

macro_rules! impl_account_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::accounts::AccountStore for $store {
            async fn create_user(&self, u: &$crate::accounts::User) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let taken: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                    .bind(&u.email)
                    .fetch_optional(&mut *tx)
                    .await?;
                if taken.is_some() {
                    return Err($crate::StoreError::conflict("email", "this address is already registered"));
                }
                sqlx::query(
                    "INSERT INTO users (id, email, name, password_hash, role, email_verified_at, banned_at,
                       ban_reason, failed_logins, locked_until, oidc_subject, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                )
                .bind(&u.id)
                .bind(&u.email)
                .bind(&u.name)
                .bind(&u.password_hash)
                .bind(&u.role)
                .bind(&u.email_verified_at)
                .bind(&u.banned_at)
                .bind(&u.ban_reason)
                .bind(u.failed_logins)
                .bind(&u.locked_until)
                .bind(&u.oidc_subject)
                .bind(&u.created_at)
                .bind(&u.updated_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_user(&self, u: &$crate::accounts::User) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let taken: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                    .bind(&u.email)
                    .fetch_optional(&mut *tx)
                    .await?;
                if taken.as_deref().is_some_and(|id| id != u.id) {
                    return Err($crate::StoreError::conflict("email", "this address is already registered"));
                }
                let done = sqlx::query(
                    "UPDATE users SET email = $2, name = $3, password_hash = $4, role = $5, email_verified_at = $6,
                       banned_at = $7, ban_reason = $8, failed_logins = $9, locked_until = $10, oidc_subject = $11,
                       updated_at = $12
                     WHERE id = $1",
                )
                .bind(&u.id)
                .bind(&u.email)
                .bind(&u.name)
                .bind(&u.password_hash)
                .bind(&u.role)
                .bind(&u.email_verified_at)
                .bind(&u.banned_at)
                .bind(&u.ban_reason)
                .bind(u.failed_logins)
                .bind(&u.locked_until)
                .bind(&u.oidc_subject)
                .bind(&u.updated_at)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound(format!("account {}", u.id)));
                }
                tx.commit().await?;
                Ok(())
            }

            async fn user(&self, id: &str) -> $crate::Result<Option<$crate::accounts::User>> {
                Ok(sqlx::query_as("SELECT * FROM users WHERE id = $1").bind(id).fetch_optional(&self.pool).await?)
            }

            async fn user_by_email(&self, email: &str) -> $crate::Result<Option<$crate::accounts::User>> {
                Ok(sqlx::query_as("SELECT * FROM users WHERE email = $1")
                    .bind(email.to_lowercase())
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn user_by_oidc_subject(&self, subject: &str) -> $crate::Result<Option<$crate::accounts::User>> {
                Ok(sqlx::query_as("SELECT * FROM users WHERE oidc_subject = $1")
                    .bind(subject)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn list_users(&self, offset: i64, limit: i64) -> $crate::Result<Vec<$crate::accounts::User>> {
                Ok(sqlx::query_as("SELECT * FROM users ORDER BY created_at, id LIMIT $1 OFFSET $2")
                    .bind(limit.clamp(0, 1000))
                    .bind(offset.max(0))
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn count_users(&self) -> $crate::Result<i64> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&self.pool).await?)
            }

            async fn delete_user(&self, id: &str) -> $crate::Result<bool> {
                let mut tx = self.begin_write().await?;
                for table in ["sessions", "api_tokens", "email_tokens", "memberships"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1")).bind(id).execute(&mut *tx).await?;
                }
                let done = sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(done.rows_affected() > 0)
            }

            async fn create_session(&self, s: &$crate::accounts::StoredSession) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen_at, expires_at, user_agent)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&s.id_hash)
                .bind(&s.user_id)
                .bind(&s.csrf)
                .bind(&s.created_at)
                .bind(&s.last_seen_at)
                .bind(&s.expires_at)
                .bind(&s.user_agent)
                .execute(self.write_pool())
                .await?;
                Ok(())
            }

            async fn session(
                &self,
                id_hash: &str,
                now: &str,
            ) -> $crate::Result<Option<$crate::accounts::StoredSession>> {
                Ok(sqlx::query_as("SELECT * FROM sessions WHERE id_hash = $1 AND expires_at > $2")
                    .bind(id_hash)
                    .bind(now)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn touch_session(&self, id_hash: &str, last_seen_at: &str, expires_at: &str) -> $crate::Result<()> {
                sqlx::query("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id_hash = $1")
                    .bind(id_hash)
                    .bind(last_seen_at)
                    .bind(expires_at)
                    .execute(self.write_pool())
                    .await?;
                Ok(())
            }

            async fn sessions_of(
                &self,
                user_id: &str,
                now: &str,
            ) -> $crate::Result<Vec<$crate::accounts::StoredSession>> {
                Ok(sqlx::query_as(
                    "SELECT * FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC, id_hash",
                )
                .bind(user_id)
                .bind(now)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn delete_session(&self, user_id: &str, id_hash: &str) -> $crate::Result<bool> {
                let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash = $2")
                    .bind(user_id)
                    .bind(id_hash)
                    .execute(self.write_pool())
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_sessions_of(&self, user_id: &str) -> $crate::Result<u64> {
                let done =
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(self.write_pool()).await?;
                Ok(done.rows_affected())
            }

            async fn delete_expired_sessions(&self, now: &str) -> $crate::Result<u64> {
                let done =
                    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(self.write_pool()).await?;
                Ok(done.rows_affected())
            }

            async fn create_api_token(&self, t: &$crate::accounts::ApiToken) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO api_tokens (id, user_id, name, scope, token_hash, created_at, last_used_at, revoked_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&t.id)
                .bind(&t.user_id)
                .bind(&t.name)
                .bind(&t.scope)
                .bind(&t.token_hash)
                .bind(&t.created_at)
                .bind(&t.last_used_at)
                .bind(&t.revoked_at)
                .execute(self.write_pool())
                .await?;
                Ok(())
            }

            async fn api_token_by_hash(&self, token_hash: &str) -> $crate::Result<Option<$crate::accounts::ApiToken>> {
                Ok(sqlx::query_as("SELECT * FROM api_tokens WHERE token_hash = $1")
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn api_tokens_of(&self, user_id: &str) -> $crate::Result<Vec<$crate::accounts::ApiToken>> {
                Ok(sqlx::query_as("SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id")
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn revoke_api_token(&self, user_id: &str, id: &str, at: &str) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "UPDATE api_tokens SET revoked_at = $3 WHERE user_id = $1 AND id = $2 AND revoked_at IS NULL",
                )
                .bind(user_id)
                .bind(id)
                .bind(at)
                .execute(self.write_pool())
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn touch_api_token(&self, id: &str, at: &str) -> $crate::Result<()> {
                sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(at)
                    .execute(self.write_pool())
                    .await?;
                Ok(())
            }

            async fn create_email_token(&self, t: &$crate::accounts::EmailToken) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&t.token_hash)
                .bind(&t.user_id)
                .bind(&t.purpose)
                .bind(&t.created_at)
                .bind(&t.expires_at)
                .bind(&t.used_at)
                .execute(self.write_pool())
                .await?;
                Ok(())
            }

            async fn use_email_token(&self, token_hash: &str, purpose: &str, now: &str) -> $crate::Result<Option<String>> {
                Ok(sqlx::query_scalar(
                    "UPDATE email_tokens SET used_at = $3
                     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
                     RETURNING user_id",
                )
                .bind(token_hash)
                .bind(purpose)
                .bind(now)
                .fetch_optional(self.write_pool())
                .await?)
            }

            async fn create_oidc_login(&self, l: &$crate::accounts::OidcLogin) -> $crate::Result<()> {
                sqlx::query("DELETE FROM oidc_logins WHERE expires_at <= $1")
                    .bind(&l.created_at)
                    .execute(self.write_pool())
                    .await?;
                sqlx::query(
                    "INSERT INTO oidc_logins (state_hash, browser_hash, nonce, pkce_verifier, lang, next, created_at,
                       expires_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&l.state_hash)
                .bind(&l.browser_hash)
                .bind(&l.nonce)
                .bind(&l.pkce_verifier)
                .bind(&l.lang)
                .bind(&l.next)
                .bind(&l.created_at)
                .bind(&l.expires_at)
                .execute(self.write_pool())
                .await?;
                Ok(())
            }

            async fn take_oidc_login(
                &self,
                state_hash: &str,
                now: &str,
            ) -> $crate::Result<Option<$crate::accounts::OidcLogin>> {
                let taken: Option<$crate::accounts::OidcLogin> =
                    sqlx::query_as("DELETE FROM oidc_logins WHERE state_hash = $1 RETURNING *")
                        .bind(state_hash)
                        .fetch_optional(self.write_pool())
                        .await?;
                Ok(taken.filter(|l| l.expires_at.as_str() > now))
            }

            async fn memberships_of(&self, user_id: &str) -> $crate::Result<Vec<$crate::accounts::MembershipRow>> {
                Ok(sqlx::query_as("SELECT * FROM memberships WHERE user_id = $1 ORDER BY org_id")
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn members_of(&self, org_id: &str) -> $crate::Result<Vec<$crate::accounts::MembershipRow>> {
                Ok(sqlx::query_as("SELECT * FROM memberships WHERE org_id = $1 ORDER BY created_at, user_id")
                    .bind(org_id)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn set_membership(&self, org_id: &str, user_id: &str, role: &str) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let org: Option<String> = sqlx::query_scalar("SELECT id FROM entries WHERE id = $1")
                    .bind(org_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if org.is_none() {
                    return Err($crate::StoreError::conflict("org", format!("no entry '{org_id}'")));
                }
                let user: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if user.is_none() {
                    return Err($crate::StoreError::conflict("user", format!("no account '{user_id}'")));
                }
                sqlx::query(
                    "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role",
                )
                .bind(org_id)
                .bind(user_id)
                .bind(role)
                .bind($crate::now())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn remove_membership(&self, org_id: &str, user_id: &str) -> $crate::Result<bool> {
                let done = sqlx::query("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2")
                    .bind(org_id)
                    .bind(user_id)
                    .execute(self.write_pool())
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn append_audit(&self, e: &$crate::accounts::AuditEvent) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO audit_log (id, at, actor_id, actor_name, action, target, reason, detail)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&e.id)
                .bind(&e.at)
                .bind(&e.actor_id)
                .bind(&e.actor_name)
                .bind(&e.action)
                .bind(&e.target)
                .bind(&e.reason)
                .bind(&e.detail)
                .execute(self.write_pool())
                .await?;
                Ok(())
            }

            async fn audit_log(
                &self,
                before: Option<&str>,
                limit: i64,
            ) -> $crate::Result<Vec<$crate::accounts::AuditEvent>> {
                let limit = limit.clamp(0, 1000);
                Ok(match before {
                    Some(b) => sqlx::query_as("SELECT * FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2")
                        .bind(b)
                        .bind(limit)
                        .fetch_all(&self.pool)
                        .await?,
                    None => sqlx::query_as("SELECT * FROM audit_log ORDER BY id DESC LIMIT $1")
                        .bind(limit)
                        .fetch_all(&self.pool)
                        .await?,
                })
            }

            async fn audit_of(&self, target: &str) -> $crate::Result<Vec<$crate::accounts::AuditEvent>> {
                Ok(sqlx::query_as("SELECT * FROM audit_log WHERE target = $1 ORDER BY id DESC")
                    .bind(target)
                    .fetch_all(&self.pool)
                    .await?)
            }
        }
    };
}

pub(crate) use impl_account_store;
