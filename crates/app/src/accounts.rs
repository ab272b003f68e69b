//! Accounts: registration, e-mail verification, sign-in with back-off and lockout, sessions, password reset, API
//! tokens, instance roles and bans (audited), personal-data export and account deletion.
//!
//! Rules kept here for every caller (pages, API, CLI):
//! - passwords are argon2id PHC strings; an unknown address is checked against a dummy hash, so a wrong password
//!   and an unknown account take similar time and get the same answer ([`SignInError::Refused`]);
//! - after `lockout_threshold` failures in a row an account is locked for `lockout_minutes`, doubling with each
//!   further failure (capped at a day) — the answer stays the same;
//! - sessions, API tokens and e-mail tokens are 256-bit random values kept only as SHA-256 hashes;
//! - a banned account cannot sign in, its sessions are deleted and its tokens stop working.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use cogov_core::entry::FieldError;
use cogov_store::{ApiToken, AuditEvent, EmailToken, StoredSession, User};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::access::{Membership, OrgRole, Principal, Role, Scope, Via};
use crate::mail::{Mail, Mailer};
use crate::{App, AppError};

/// Account rules an operator can tune (`accounts.*` in the configuration).
#[derive(Debug, Clone)]
pub struct AccountsConfig {
    /// Sign-in sessions last this long after the last request.
    pub session_days: i64,
    /// Failed sign-ins in a row before the account is locked.
    pub lockout_threshold: i64,
    /// The first lock's length; each further failure doubles it (at most a day).
    pub lockout_minutes: i64,
    pub verify_hours: i64,
    pub reset_hours: i64,
    /// The address links in mail start with, e.g. `https://cogov.example.org`.
    pub public_url: String,
    /// Take the client address from `X-Forwarded-For` (only behind a reverse proxy that sets it).
    pub trust_proxy: bool,
    /// Mark cookies `Secure` (served over HTTPS). Also on when `public_url` starts with `https://`.
    pub secure_cookies: bool,
    /// Sign-in, registration and password-reset requests per minute per client address (and the burst).
    pub auth_per_minute: u32,
    pub auth_burst: u32,
    /// Writes (POST, PUT, PATCH, DELETE) per minute per client address and per account (and the burst).
    pub write_per_minute: u32,
    pub write_burst: u32,
}

impl Default for AccountsConfig {
    fn default() -> Self {
        AccountsConfig {
            session_days: 30,
            lockout_threshold: 5,
            lockout_minutes: 15,
            verify_hours: 48,
            reset_hours: 2,
            public_url: "http://127.0.0.1:8080".to_string(),
            trust_proxy: false,
            secure_cookies: false,
            auth_per_minute: 10,
            auth_burst: 5,
            write_per_minute: 120,
            write_burst: 30,
        }
    }
}

/// The account side of the [`App`]: its rules and its mailer.
#[derive(Clone)]
pub struct Accounts {
    pub config: AccountsConfig,
    pub mailer: Mailer,
}

impl Default for Accounts {
    fn default() -> Self {
        Accounts {
            config: AccountsConfig::default(),
            mailer: Mailer::Directory(std::env::temp_dir().join("cogov-mail")),
        }
    }
}

/// Why a sign-in failed. One answer for a wrong password, an unknown address, a locked or banned account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInError {
    Refused,
}

/// A new session: the cookie value (shown once to the browser) and its stored row.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub cookie: String,
    pub session: StoredSession,
}

pub const MIN_PASSWORD: usize = 12;
pub const MAX_PASSWORD: usize = 1000;

/// A hex-encoded 256-bit random secret.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The SHA-256 of a secret, as stored.
pub fn secret_hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing: {e}")))
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Checked when the address is unknown, so that answer takes as long as a wrong password.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("not a real password, only for timing").unwrap_or_default());

fn later(minutes: i64) -> String {
    cogov_store::format_time(time::OffsetDateTime::now_utc() + time::Duration::minutes(minutes))
}

/// An address lowercased and trimmed, as stored.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub(crate) fn validate_email(email: &str, errors: &mut Vec<FieldError>) {
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == ',');
    if email.is_empty() {
        errors.push(FieldError::new("email", "required", "an e-mail address is required"));
    } else if !valid {
        errors.push(FieldError::new("email", "invalid", "this is not an e-mail address"));
    }
}

/// A display name: 1–100 characters, no control characters.
pub fn validate_name(name: &str, errors: &mut Vec<FieldError>) {
    let n = name.trim();
    if n.is_empty() {
        errors.push(FieldError::new("name", "required", "a name is required"));
    } else if n.chars().count() > 100 {
        errors.push(FieldError::new("name", "too_long", "a name has at most 100 characters"));
    } else if n.chars().any(char::is_control) {
        errors.push(FieldError::new("name", "invalid", "a name cannot contain control characters"));
    }
}

pub fn validate_password(field: &str, password: &str, errors: &mut Vec<FieldError>) {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        errors.push(FieldError::new(field, "too_short", format!("a password has at least {MIN_PASSWORD} characters")));
    } else if n > MAX_PASSWORD {
        errors.push(FieldError::new(field, "too_long", format!("a password has at most {MAX_PASSWORD} characters")));
    }
}

/// What a registration form sends.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    pub email: String,
    pub name: String,
    pub password: String,
}

impl App {
    pub fn accounts(&self) -> &Accounts {
        &self.accounts
    }

    /// The same application with these account rules and this mailer.
    pub fn with_accounts(mut self, accounts: Accounts) -> App {
        self.accounts = std::sync::Arc::new(accounts);
        self
    }

    async fn send_token_mail(&self, user: &User, purpose: &str, subject: &str, path: &str) -> Result<(), AppError> {
        let hours =
            if purpose == "verify" { self.accounts.config.verify_hours } else { self.accounts.config.reset_hours };
        let secret = random_secret();
        self.store()
            .create_email_token(&EmailToken {
                token_hash: secret_hash(&secret),
                user_id: user.id.clone(),
                purpose: purpose.to_string(),
                created_at: cogov_store::now(),
                expires_at: later(hours * 60),
                used_at: None,
            })
            .await?;
        let link = format!("{}/en/{path}?token={secret}", self.accounts.config.public_url.trim_end_matches('/'));
        let body = format!("Hello {},\n\n{subject}: open this link within {hours} hours:\n\n{link}\n\nIf you did not ask for this, ignore this message.\n", user.name);
        self.accounts.mailer.send(Mail { to: user.email.clone(), subject: format!("cogov: {subject}"), body }).await
    }

    /// Registers an account (role `user`) and sends a verification link. Every field is checked at once. An
    /// address that is already registered gets the same answer, and its owner a notice instead of a link, so
    /// registration does not reveal who has an account.
    pub async fn register(&self, r: &Registration) -> Result<(), AppError> {
        let email = normalize_email(&r.email);
        let mut errors = Vec::new();
        validate_email(&email, &mut errors);
        validate_name(&r.name, &mut errors);
        validate_password("password", &r.password, &mut errors);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        if let Some(existing) = self.store().user_by_email(&email).await? {
            let _ = hash_password(&r.password)?;
            let body = format!(
                "Hello {},\n\nSomeone tried to register a new cogov account with this address, which already has one. \
                 If you forgot your password, use \"Forgot your password?\" on the sign-in page.\n",
                existing.name
            );
            return self
                .accounts
                .mailer
                .send(Mail { to: existing.email, subject: "cogov: registration attempt".into(), body })
                .await;
        }
        let now = cogov_store::now();
        let user = User {
            id: uuid::Uuid::now_v7().to_string(),
            email,
            name: r.name.trim().to_string(),
            password_hash: Some(hash_password(&r.password)?),
            role: Role::User.code().to_string(),
            email_verified_at: None,
            banned_at: None,
            ban_reason: None,
            failed_logins: 0,
            locked_until: None,
            oidc_subject: None,
            created_at: now.clone(),
            updated_at: now,
        };
        self.store().create_user(&user).await?;
        self.send_token_mail(&user, "verify", "confirm your e-mail address", "verify-email").await
    }

    /// Creates an account directly (the CLI's `cogov admin create`, test set-up): verified, with a role.
    pub async fn create_account(&self, email: &str, name: &str, password: &str, role: Role) -> Result<User, AppError> {
        let email = normalize_email(email);
        let mut errors = Vec::new();
        validate_email(&email, &mut errors);
        validate_name(name, &mut errors);
        validate_password("password", password, &mut errors);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let now = cogov_store::now();
        let user = User {
            id: uuid::Uuid::now_v7().to_string(),
            email,
            name: name.trim().to_string(),
            password_hash: Some(hash_password(password)?),
            role: role.code().to_string(),
            email_verified_at: Some(now.clone()),
            banned_at: None,
            ban_reason: None,
            failed_logins: 0,
            locked_until: None,
            oidc_subject: None,
            created_at: now.clone(),
            updated_at: now,
        };
        self.store().create_user(&user).await?;
        Ok(user)
    }

    /// Marks the address of the token's account verified. `false` for an unknown, used or expired token.
    pub async fn verify_email(&self, token: &str) -> Result<bool, AppError> {
        let now = cogov_store::now();
        let Some(user_id) = self.store().use_email_token(&secret_hash(token), "verify", &now).await? else {
            return Ok(false);
        };
        let Some(mut user) = self.store().user(&user_id).await? else { return Ok(false) };
        user.email_verified_at.get_or_insert(now.clone());
        user.updated_at = now;
        self.store().update_user(&user).await?;
        Ok(true)
    }

    /// Sends a new verification link to a signed-in account whose address is not confirmed yet; `false` (and no
    /// mail) when it already is.
    pub async fn resend_verification(&self, who: &Principal) -> Result<bool, AppError> {
        let user = self.store().user(&who.user_id).await?.ok_or_else(|| AppError::not_found("account"))?;
        if user.email_verified_at.is_some() {
            return Ok(false);
        }
        self.send_token_mail(&user, "verify", "confirm your e-mail address", "verify-email").await?;
        Ok(true)
    }

    /// Sends a reset link if the address has an account; the caller always gives the same answer.
    pub async fn request_password_reset(&self, email: &str) -> Result<(), AppError> {
        if let Some(user) = self.store().user_by_email(&normalize_email(email)).await? {
            if user.banned_at.is_none() {
                self.send_token_mail(&user, "reset", "reset your password", "reset-password").await?;
            }
        }
        Ok(())
    }

    /// Sets a new password with a reset token: signs the account out everywhere and lifts a lock.
    pub async fn reset_password(&self, token: &str, password: &str) -> Result<(), AppError> {
        let mut errors = Vec::new();
        validate_password("password", password, &mut errors);
        if token.is_empty() {
            errors.push(FieldError::new("token", "required", "the link is incomplete: ask for a new one"));
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let now = cogov_store::now();
        let invalid = || {
            AppError::Validation(vec![FieldError::new(
                "token",
                "invalid",
                "this link is not valid any more (used or expired): ask for a new one",
            )])
        };
        let user_id = self.store().use_email_token(&secret_hash(token), "reset", &now).await?.ok_or_else(invalid)?;
        let mut user = self.store().user(&user_id).await?.ok_or_else(invalid)?;
        user.password_hash = Some(hash_password(password)?);
        user.failed_logins = 0;
        user.locked_until = None;
        user.email_verified_at.get_or_insert(now.clone());
        user.updated_at = now;
        self.store().update_user(&user).await?;
        self.store().delete_sessions_of(&user.id).await?;
        Ok(())
    }

    /// Checks an address and password and opens a session. Every failure is the same [`SignInError::Refused`].
    pub async fn sign_in(&self, email: &str, password: &str, user_agent: &str) -> Result<NewSession, SignInError> {
        let store_failure = |e: cogov_store::StoreError| {
            tracing::error!(error = %e, "sign-in: store failure");
            SignInError::Refused
        };
        let user = self.store().user_by_email(&normalize_email(email)).await.map_err(store_failure)?;
        let Some(mut user) = user else {
            verify_password(&DUMMY_HASH, password);
            return Err(SignInError::Refused);
        };
        let now = cogov_store::now();
        let hash = user.password_hash.clone().unwrap_or_else(|| DUMMY_HASH.clone());
        let password_ok = verify_password(&hash, password) && user.password_hash.is_some();
        let locked = user.locked_until.as_deref().is_some_and(|until| until > now.as_str());
        if !password_ok || locked || user.banned_at.is_some() {
            if !password_ok {
                user.failed_logins += 1;
                let over = user.failed_logins - self.accounts.config.lockout_threshold;
                if over >= 0 {
                    let minutes = (self.accounts.config.lockout_minutes << over.min(20)).min(24 * 60);
                    user.locked_until = Some(later(minutes));
                }
                user.updated_at = now;
                self.store().update_user(&user).await.map_err(store_failure)?;
            }
            return Err(SignInError::Refused);
        }
        if user.failed_logins != 0 || user.locked_until.is_some() {
            user.failed_logins = 0;
            user.locked_until = None;
            user.updated_at = now;
            self.store().update_user(&user).await.map_err(store_failure)?;
        }
        self.open_session(&user.id, user_agent).await.map_err(|e| {
            tracing::error!(error = %e, "sign-in: could not open a session");
            SignInError::Refused
        })
    }

    /// Opens a session for an account (after a sign-in).
    pub async fn open_session(&self, user_id: &str, user_agent: &str) -> Result<NewSession, AppError> {
        let cookie = random_secret();
        let now = cogov_store::now();
        let session = StoredSession {
            id_hash: secret_hash(&cookie),
            user_id: user_id.to_string(),
            csrf: random_secret(),
            created_at: now.clone(),
            last_seen_at: now,
            expires_at: later(self.accounts.config.session_days * 24 * 60),
            user_agent: user_agent.chars().take(200).collect(),
        };
        self.store().create_session(&session).await?;
        Ok(NewSession { cookie, session })
    }

    /// The principal and the stored session behind a session cookie, if it is valid and its account not
    /// banned. Extends the session's life (at most once a minute).
    pub async fn session_principal(&self, cookie: &str) -> Result<Option<(Principal, StoredSession)>, AppError> {
        let now = cogov_store::now();
        let Some(session) = self.store().session(&secret_hash(cookie), &now).await? else { return Ok(None) };
        let Some(principal) = self.principal(&session.user_id, Via::Session).await? else { return Ok(None) };
        if session.last_seen_at.get(..16) != now.get(..16) {
            let expires = later(self.accounts.config.session_days * 24 * 60);
            self.store().touch_session(&session.id_hash, &now, &expires).await?;
        }
        Ok(Some((principal, session)))
    }

    /// The principal behind an API token, if it is valid, unrevoked and its account not banned. Records the
    /// last use (at most once a minute).
    pub async fn token_principal(&self, token: &str) -> Result<Option<Principal>, AppError> {
        let Some(t) = self.store().api_token_by_hash(&secret_hash(token)).await? else { return Ok(None) };
        if t.revoked_at.is_some() {
            return Ok(None);
        }
        let Some(scope) = Scope::from_code(&t.scope) else { return Ok(None) };
        let Some(principal) = self.principal(&t.user_id, Via::Token(scope)).await? else { return Ok(None) };
        let now = cogov_store::now();
        if t.last_used_at.as_deref().and_then(|s| s.get(..16)) != now.get(..16) {
            self.store().touch_api_token(&t.id, &now).await?;
        }
        Ok(Some(principal))
    }

    /// The principal of an account (`None` if it does not exist or is banned).
    pub async fn principal(&self, user_id: &str, via: Via) -> Result<Option<Principal>, AppError> {
        let Some(user) = self.store().user(user_id).await? else { return Ok(None) };
        if user.banned_at.is_some() {
            return Ok(None);
        }
        let memberships = self
            .store()
            .memberships_of(user_id)
            .await?
            .into_iter()
            .filter_map(|m| OrgRole::from_code(&m.role).map(|role| Membership { org: m.org_id, role }))
            .collect();
        Ok(Some(Principal {
            user_id: user.id,
            name: user.name,
            role: Role::from_code(&user.role).unwrap_or(Role::User),
            via,
            memberships,
            verified: user.email_verified_at.is_some(),
        }))
    }

    pub async fn sign_out(&self, session: &StoredSession) -> Result<(), AppError> {
        self.store().delete_session(&session.user_id, &session.id_hash).await?;
        Ok(())
    }

    /// Creates an API token; returns the token (shown once) and its stored row.
    pub async fn create_api_token(
        &self,
        who: &Principal,
        name: &str,
        scope: &str,
    ) -> Result<(String, ApiToken), AppError> {
        let mut errors = Vec::new();
        let name = name.trim();
        if name.is_empty() {
            errors.push(FieldError::new("name", "required", "a token needs a name"));
        } else if name.chars().count() > 100 || name.chars().any(char::is_control) {
            errors.push(FieldError::new(
                "name",
                "invalid",
                "a token name has at most 100 characters, no control characters",
            ));
        }
        let scope = Scope::from_code(scope);
        if scope.is_none() {
            errors.push(FieldError::new("scope", "invalid", "the scope is one of read, write, admin"));
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let Some(scope) = scope else { return Err(AppError::Validation(errors)) };
        if scope >= Scope::Write && !who.verified {
            return Err(AppError::Unverified);
        }
        let secret = format!("cgv_{}", random_secret());
        let token = ApiToken {
            id: uuid::Uuid::now_v7().to_string(),
            user_id: who.user_id.clone(),
            name: name.to_string(),
            scope: scope.code().to_string(),
            token_hash: secret_hash(&secret),
            created_at: cogov_store::now(),
            last_used_at: None,
            revoked_at: None,
        };
        self.store().create_api_token(&token).await?;
        Ok((secret, token))
    }

    /// Changes an account's display name.
    pub async fn rename(&self, who: &Principal, name: &str) -> Result<(), AppError> {
        let mut errors = Vec::new();
        validate_name(name, &mut errors);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let mut user = self.store().user(&who.user_id).await?.ok_or_else(|| AppError::not_found("account"))?;
        user.name = name.trim().to_string();
        user.updated_at = cogov_store::now();
        self.store().update_user(&user).await?;
        Ok(())
    }

    async fn audit(
        &self,
        actor: &Principal,
        action: &str,
        target: &str,
        reason: &str,
        detail: serde_json::Value,
    ) -> Result<(), AppError> {
        self.store()
            .append_audit(&AuditEvent {
                id: uuid::Uuid::now_v7().to_string(),
                at: cogov_store::now(),
                actor_id: actor.user_id.clone(),
                actor_name: actor.name.clone(),
                action: action.to_string(),
                target: target.to_string(),
                reason: reason.to_string(),
                detail: detail.to_string(),
            })
            .await?;
        Ok(())
    }

    /// Records a moderator or admin action of another part of the application (review decisions, membership
    /// changes) in the audit log.
    pub async fn record_audit(
        &self,
        actor: &Principal,
        action: &str,
        target: &str,
        reason: &str,
        detail: serde_json::Value,
    ) -> Result<(), AppError> {
        self.audit(actor, action, target, reason, detail).await
    }

    /// An admin changes an account's instance role (audited, with a reason).
    pub async fn set_role(&self, actor: &Principal, user_id: &str, role: &str, reason: &str) -> Result<(), AppError> {
        if !actor.is_admin() {
            return Err(AppError::forbidden("only an admin can change roles"));
        }
        actor.check_writer()?;
        let mut errors = Vec::new();
        let role = Role::from_code(role);
        if role.is_none() {
            errors.push(FieldError::new("role", "invalid", "the role is one of user, moderator, admin"));
        }
        validate_reason(reason, &mut errors);
        if actor.user_id == user_id {
            errors.push(FieldError::new("role", "self", "you cannot change your own role"));
        }
        let Some(role) = role.filter(|_| errors.is_empty()) else { return Err(AppError::Validation(errors)) };
        let mut user = self.store().user(user_id).await?.ok_or_else(|| AppError::not_found("account"))?;
        let before = user.role.clone();
        user.role = role.code().to_string();
        user.updated_at = cogov_store::now();
        self.store().update_user(&user).await?;
        self.audit(actor, "role", user_id, reason.trim(), serde_json::json!({"from": before, "to": role.code()})).await
    }

    /// A moderator or admin bans an account (with a reason): it is signed out everywhere and can no longer sign
    /// in or use its tokens. Moderators cannot ban moderators or admins; nobody bans themself.
    pub async fn ban(&self, actor: &Principal, user_id: &str, reason: &str) -> Result<(), AppError> {
        if !actor.is_moderator() {
            return Err(AppError::forbidden("only moderators and admins can ban accounts"));
        }
        actor.check_writer()?;
        let mut errors = Vec::new();
        validate_reason(reason, &mut errors);
        if actor.user_id == user_id {
            errors.push(FieldError::new("user", "self", "you cannot ban yourself"));
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let mut user = self.store().user(user_id).await?.ok_or_else(|| AppError::not_found("account"))?;
        if Role::from_code(&user.role).is_some_and(|r| r >= Role::Moderator) && !actor.is_admin() {
            return Err(AppError::forbidden("only an admin can ban a moderator or an admin"));
        }
        let now = cogov_store::now();
        user.banned_at = Some(now.clone());
        user.ban_reason = Some(reason.trim().to_string());
        user.updated_at = now;
        self.store().update_user(&user).await?;
        self.store().delete_sessions_of(user_id).await?;
        self.audit(actor, "ban", user_id, reason.trim(), serde_json::json!({})).await
    }

    /// Lifts a ban (audited).
    pub async fn unban(&self, actor: &Principal, user_id: &str, reason: &str) -> Result<(), AppError> {
        if !actor.is_moderator() {
            return Err(AppError::forbidden("only moderators and admins can lift bans"));
        }
        actor.check_writer()?;
        let mut errors = Vec::new();
        validate_reason(reason, &mut errors);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let mut user = self.store().user(user_id).await?.ok_or_else(|| AppError::not_found("account"))?;
        user.banned_at = None;
        user.ban_reason = None;
        user.updated_at = cogov_store::now();
        self.store().update_user(&user).await?;
        self.audit(actor, "unban", user_id, reason.trim(), serde_json::json!({})).await
    }

    /// Everything cogov keeps about a person, as JSON (no secrets: no password hash, session or token values).
    pub async fn export_personal_data(&self, user_id: &str) -> Result<serde_json::Value, AppError> {
        let user = self.store().user(user_id).await?.ok_or_else(|| AppError::not_found("account"))?;
        let now = cogov_store::now();
        Ok(serde_json::json!({
            "account": user,
            "sessions": self.store().sessions_of(user_id, &now).await?,
            "api_tokens": self.store().api_tokens_of(user_id).await?,
            "memberships": self.store().memberships_of(user_id).await?,
            "audit_about_you": self.store().audit_of(user_id).await?,
        }))
    }

    /// Deletes an account after checking its password (accounts without a password, e.g. OpenID Connect ones,
    /// confirm by typing their address). Audit records about it remain.
    pub async fn delete_account(&self, who: &Principal, confirm: &str) -> Result<(), AppError> {
        let user = self.store().user(&who.user_id).await?.ok_or_else(|| AppError::not_found("account"))?;
        let ok = match &user.password_hash {
            Some(h) => verify_password(h, confirm),
            None => normalize_email(confirm) == user.email,
        };
        if !ok {
            return Err(AppError::Validation(vec![FieldError::new(
                "confirm",
                "mismatch",
                "this is not your password",
            )]));
        }
        self.store().delete_user(&who.user_id).await?;
        Ok(())
    }
}

fn validate_reason(reason: &str, errors: &mut Vec<FieldError>) {
    let n = reason.trim().chars().count();
    if n == 0 {
        errors.push(FieldError::new("reason", "required", "a reason is required"));
    } else if n > 1000 {
        errors.push(FieldError::new("reason", "too_long", "a reason has at most 1,000 characters"));
    }
}

/// A serializable view of a session for the account page and the export.
#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    pub id: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub user_agent: String,
    pub current: bool,
}
