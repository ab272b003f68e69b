//! OpenID Connect sign-in, configured per instance (`[oidc]`): the authorization-code flow with PKCE, `state` and
//! `nonce`, provider discovery, and the ID token's signature, issuer, audience, expiry and nonce checked by the
//! `openidconnect` crate (HTTP through its reqwest client on rustls + ring, redirects not followed).
//!
//! - **Start** ([`App::oidc_begin`]): a random `state`, `nonce` and PKCE verifier, kept server-side in
//!   `oidc_logins` (the state as its SHA-256) for [`LOGIN_MINUTES`], bound to the browser by the SHA-256 of a
//!   random cookie value; the browser goes to the provider's authorization endpoint.
//! - **Finish** ([`App::oidc_finish`]): the row is taken (deleted) by the returned `state` before anything else,
//!   so a state works once; it must be unexpired and come back to the browser that started it. Then the code is
//!   exchanged (with the PKCE verifier), the ID token verified, and the identity turned into an account by
//!   [`App::oidc_account`].
//! - **Accounts**: the identity is `issuer#sub` ([`subject_key`]) in `users.oidc_subject`. A known identity signs
//!   in to its account (refused if banned). An unknown one creates an account (e-mail from the ID token, or the
//!   userinfo endpoint when the token has none; verified only if the provider says `email_verified: true`;
//!   audited as `oidc_create`) — unless an account already has that address: it is linked only if the address is
//!   verified on both sides and the account has no other identity (audited as `oidc_link`, its owner told by
//!   mail); otherwise the sign-in is refused ([`OidcError::EmailTaken`]) and nothing changes.

use std::time::{Duration, Instant};

use cogov_core::entry::FieldError;
use cogov_store::{AuditEvent, OidcLogin, User};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreJwsSigningAlgorithm, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};

use crate::access::Role;
use crate::accounts::{normalize_email, random_secret, secret_hash, NewSession};
use crate::mail::Mail;
use crate::{App, AppError};

/// A started sign-in must come back within this many minutes.
pub const LOGIN_MINUTES: i64 = 10;
/// Where the provider sends the browser back: `accounts.public_url` + this path (register it at the provider).
pub const CALLBACK_PATH: &str = "/oidc/callback";
/// How long the provider's discovery document and keys are reused before they are fetched again.
const METADATA_TTL: Duration = Duration::from_secs(300);

/// `[oidc]` in the configuration. The client secret never appears in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct OidcConfig {
    /// The provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`).
    pub issuer: String,
    pub client_id: String,
    /// `None` for a public client (PKCE only).
    pub client_secret: Option<String>,
    /// Shown on the button: "Sign in with <display_name>".
    pub display_name: String,
    /// Scopes asked for besides `openid`.
    pub scopes: Vec<String>,
    /// Development and tests only: accept an `http://` issuer on a loopback address (127.0.0.1, ::1, localhost).
    pub allow_http_loopback: bool,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "***"))
            .field("display_name", &self.display_name)
            .field("scopes", &self.scopes)
            .field("allow_http_loopback", &self.allow_http_loopback)
            .finish()
    }
}

impl OidcConfig {
    /// Every problem of the settings at once, each naming its key.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        match url_parts(&self.issuer) {
            None => problems.push(format!("oidc.issuer: '{}' is not an http(s) URL", self.issuer)),
            Some((scheme, host, rest)) => {
                let loopback = matches!(host, "127.0.0.1" | "[::1]" | "localhost");
                if scheme == "http" && !(loopback && self.allow_http_loopback) {
                    problems.push(format!(
                        "oidc.issuer: '{}' must be https:// (http:// only on a loopback address with \
                         oidc.allow_http_loopback = true, for development and tests)",
                        self.issuer
                    ));
                }
                if rest.contains(['?', '#']) {
                    problems.push("oidc.issuer: an issuer URL has no query or fragment".to_string());
                }
            }
        }
        if self.client_id.trim().is_empty() {
            problems.push("oidc.client_id: required".to_string());
        }
        if self.client_secret.as_deref().is_some_and(|s| s.trim().is_empty()) {
            problems.push("oidc.client_secret: empty (leave it out for a public client)".to_string());
        }
        let n = self.display_name.trim().chars().count();
        if n == 0 || n > 60 || self.display_name.chars().any(char::is_control) {
            problems.push("oidc.display_name: 1 to 60 characters, no control characters".to_string());
        }
        for s in &self.scopes {
            if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '\\') {
                problems.push(format!("oidc.scopes: '{s}' is not a scope (one word each)"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// (scheme, host, rest) of an `http`/`https` URL.
fn url_parts(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = match authority.rfind(':') {
        Some(i) if !authority[i..].contains(']') => &authority[..i],
        _ => authority,
    };
    (!host.is_empty()).then_some((scheme, host, &rest[end..]))
}

/// The account key of an identity: the issuer and the subject, which together are unique (OpenID Connect Core
/// 1.0 §2). An issuer URL has no `#`, so the first `#` separates them.
pub fn subject_key(issuer: &str, subject: &str) -> String {
    format!("{issuer}#{subject}")
}

/// The OpenID Connect side of the [`App`]: its settings, its HTTP client and the provider's metadata.
pub struct Oidc {
    pub config: OidcConfig,
    http: openidconnect::reqwest::Client,
    metadata: tokio::sync::Mutex<Option<(Instant, CoreProviderMetadata)>>,
}

impl Oidc {
    pub fn new(config: OidcConfig) -> Result<Oidc, Vec<String>> {
        config.validate()?;
        let http = openidconnect::reqwest::Client::builder()
            // Following redirects would let a provider's answer point cogov at other addresses (SSRF).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(|e| vec![format!("oidc: cannot build the HTTP client: {e}")])?;
        Ok(Oidc { config, http, metadata: tokio::sync::Mutex::new(None) })
    }

    /// The provider's discovery document and keys (cached for a few minutes; `fresh` fetches them again).
    async fn metadata(&self, fresh: bool) -> Result<CoreProviderMetadata, OidcError> {
        let mut cached = self.metadata.lock().await;
        if let Some((at, m)) = cached.as_ref() {
            if !fresh && at.elapsed() < METADATA_TTL {
                return Ok(m.clone());
            }
        }
        let issuer = IssuerUrl::new(self.config.issuer.clone()).map_err(|e| OidcError::Provider(e.to_string()))?;
        let m = CoreProviderMetadata::discover_async(issuer, &self.http).await.map_err(|e| {
            use openidconnect::DiscoveryError as D;
            match e {
                D::Request(e) => OidcError::Unreachable(format!("discovery: {e}")),
                other => OidcError::Provider(format!("discovery: {}", chain(&other))),
            }
        })?;
        *cached = Some((Instant::now(), m.clone()));
        Ok(m)
    }

    fn client(
        &self,
        metadata: CoreProviderMetadata,
        public_url: &str,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        OidcError,
    > {
        let redirect = RedirectUrl::new(format!("{}{CALLBACK_PATH}", public_url.trim_end_matches('/')))
            .map_err(|e| OidcError::Provider(format!("redirect URL: {e}")))?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.config.client_id.clone()),
            self.config.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect))
    }
}

/// The error's message with its sources.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

/// Why an OpenID Connect sign-in did not happen. Each has its own page; none is a server error.
#[derive(Debug)]
pub enum OidcError {
    /// The instance has no `[oidc]` section.
    NotConfigured,
    /// The `state` is missing, unknown, used, expired, or came back to another browser.
    State,
    /// The person declined at the provider (`error=access_denied`).
    Denied,
    /// The provider answered with an error or something cogov cannot use (the detail is logged, not shown).
    Provider(String),
    /// The provider could not be reached.
    Unreachable(String),
    /// The ID token failed verification (signature, issuer, audience, expiry, nonce, access-token hash).
    Token(String),
    /// Neither the ID token nor the userinfo endpoint gave a usable e-mail address.
    NoEmail,
    /// Another account has this address and it cannot be linked (not verified on both sides, or already linked to
    /// another identity).
    EmailTaken,
    /// The account is banned.
    Banned,
    /// The store failed.
    Internal(AppError),
}

impl OidcError {
    /// A stable code (logs, metrics, the message key of its page: `oidc-error-<code>`).
    pub fn code(&self) -> &'static str {
        match self {
            OidcError::NotConfigured => "not_configured",
            OidcError::State => "state",
            OidcError::Denied => "denied",
            OidcError::Provider(_) => "provider",
            OidcError::Unreachable(_) => "unreachable",
            OidcError::Token(_) => "token",
            OidcError::NoEmail => "no_email",
            OidcError::EmailTaken => "email_taken",
            OidcError::Banned => "banned",
            OidcError::Internal(_) => "internal",
        }
    }
}

impl From<AppError> for OidcError {
    fn from(e: AppError) -> Self {
        OidcError::Internal(e)
    }
}

impl From<cogov_store::StoreError> for OidcError {
    fn from(e: cogov_store::StoreError) -> Self {
        OidcError::Internal(e.into())
    }
}

/// A started sign-in: send the browser to `authorize_url` with `browser_cookie` set.
#[derive(Debug, Clone)]
pub struct OidcStart {
    pub authorize_url: String,
    pub browser_cookie: String,
}

/// What the provider sent back to [`CALLBACK_PATH`].
#[derive(Debug, Clone, Default)]
pub struct Callback {
    pub state: Option<String>,
    pub code: Option<String>,
    pub error: Option<String>,
    /// The issuer the provider says it is (RFC 9207), when it says so.
    pub iss: Option<String>,
}

/// A finished sign-in: the new session, where to go, and whether the account was created now.
#[derive(Debug, Clone)]
pub struct OidcSignIn {
    pub session: NewSession,
    pub lang: String,
    pub next: String,
    pub created: bool,
}

/// A verified identity, as [`App::oidc_account`] takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcIdentity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
}

/// The algorithms an ID token may be signed with: asymmetric ones only (never `none`, never a MAC keyed with the
/// client secret).
const ALGORITHMS: [CoreJwsSigningAlgorithm; 9] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
    CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    CoreJwsSigningAlgorithm::RsaSsaPssSha384,
    CoreJwsSigningAlgorithm::RsaSsaPssSha512,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    CoreJwsSigningAlgorithm::EcdsaP384Sha384,
    CoreJwsSigningAlgorithm::EdDsa,
];

fn later(minutes: i64) -> String {
    cogov_store::format_time(time::OffsetDateTime::now_utc() + time::Duration::minutes(minutes))
}

/// A display name from the provider's claims, else the address's local part; at most 100 characters, no control
/// characters.
fn display_name(name: Option<&str>, email: &str) -> String {
    let clean =
        |s: &str| -> String { s.chars().filter(|c| !c.is_control()).take(100).collect::<String>().trim().to_string() };
    name.map(clean).filter(|n| !n.is_empty()).unwrap_or_else(|| clean(email.split('@').next().unwrap_or(email)))
}

impl App {
    /// The same application with OpenID Connect sign-in (settings checked; the provider is contacted at the first
    /// sign-in, so an unreachable provider does not stop the server).
    pub fn with_oidc(mut self, config: OidcConfig) -> Result<App, Vec<String>> {
        self.oidc = Some(std::sync::Arc::new(Oidc::new(config)?));
        Ok(self)
    }

    /// The OpenID Connect settings, if the instance has them.
    pub fn oidc(&self) -> Option<&Oidc> {
        self.oidc.as_deref()
    }

    /// Starts a sign-in at the provider. `lang` and `next` (a path on this site, checked by the caller) are where
    /// the browser goes afterwards.
    pub async fn oidc_begin(&self, lang: &str, next: &str) -> Result<OidcStart, OidcError> {
        let oidc = self.oidc().ok_or(OidcError::NotConfigured)?;
        let metadata = oidc.metadata(false).await?;
        let client = oidc.client(metadata, &self.accounts().config.public_url)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge);
        for s in &oidc.config.scopes {
            request = request.add_scope(Scope::new(s.clone()));
        }
        let (url, state, nonce) = request.url();
        let browser_cookie = random_secret();
        self.store()
            .create_oidc_login(&OidcLogin {
                state_hash: secret_hash(state.secret()),
                browser_hash: secret_hash(&browser_cookie),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                lang: lang.to_string(),
                next: next.to_string(),
                created_at: cogov_store::now(),
                expires_at: later(LOGIN_MINUTES),
            })
            .await?;
        Ok(OidcStart { authorize_url: url.to_string(), browser_cookie })
    }

    /// The stored sign-in a callback belongs to: taken (so never usable again) before anything is checked, then
    /// required to come back to the browser that started it. Returns its language too when the state was known
    /// (for the error page), even when the sign-in fails.
    pub async fn oidc_take(&self, browser_cookie: Option<&str>, state: Option<&str>) -> Result<OidcLogin, OidcError> {
        let state = state.filter(|s| !s.is_empty()).ok_or(OidcError::State)?;
        let login =
            self.store().take_oidc_login(&secret_hash(state), &cogov_store::now()).await?.ok_or(OidcError::State)?;
        let same_browser = browser_cookie.is_some_and(|c| secret_hash(c) == login.browser_hash);
        if !same_browser {
            return Err(OidcError::State);
        }
        Ok(login)
    }

    /// Finishes a sign-in taken by [`App::oidc_take`]: exchanges the code, verifies the ID token, finds or creates
    /// the account and opens a session.
    pub async fn oidc_finish(
        &self,
        login: &OidcLogin,
        callback: &Callback,
        user_agent: &str,
    ) -> Result<OidcSignIn, OidcError> {
        let oidc = self.oidc().ok_or(OidcError::NotConfigured)?;
        if callback.iss.as_deref().is_some_and(|iss| iss != oidc.config.issuer) {
            return Err(OidcError::Provider("the callback's iss is not the configured issuer".into()));
        }
        if let Some(error) = &callback.error {
            return Err(if error == "access_denied" {
                OidcError::Denied
            } else {
                OidcError::Provider(format!("authorization error '{error}'"))
            });
        }
        let code = callback.code.clone().filter(|c| !c.is_empty()).ok_or(OidcError::Provider("no code".into()))?;
        let metadata = oidc.metadata(false).await?;
        let client = oidc.client(metadata, &self.accounts().config.public_url)?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| OidcError::Provider(format!("token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(login.pkce_verifier.clone()))
            .request_async(&oidc.http)
            .await
            .map_err(|e| {
                use openidconnect::RequestTokenError as R;
                match e {
                    R::Request(e) => OidcError::Unreachable(format!("token endpoint: {}", chain(&e))),
                    other => OidcError::Provider(format!("token endpoint: {}", chain(&other))),
                }
            })?;
        let id_token = tokens.id_token().ok_or(OidcError::Token("no ID token in the token response".into()))?;
        let nonce = Nonce::new(login.nonce.clone());
        let verify = |client: &CoreClient<_, _, _, _, _, _>| -> Result<_, ClaimsVerificationError> {
            let verifier = client.id_token_verifier().set_allowed_algs(ALGORITHMS);
            let claims = id_token.claims(&verifier, &nonce)?.clone();
            if let Some(expected) = claims.access_token_hash() {
                let alg = id_token.signing_alg().map_err(|e| ClaimsVerificationError::Other(e.to_string()))?;
                let key = id_token.signing_key(&verifier).map_err(|e| ClaimsVerificationError::Other(e.to_string()))?;
                let actual = AccessTokenHash::from_token(tokens.access_token(), alg, key)
                    .map_err(|e| ClaimsVerificationError::Other(e.to_string()))?;
                if actual != *expected {
                    return Err(ClaimsVerificationError::Other("the access-token hash does not match".into()));
                }
            }
            Ok(claims)
        };
        let (client, claims) = match verify(&client) {
            Ok(claims) => (client, claims),
            // The provider may have rotated its keys since the metadata was cached: fetch them again, once.
            Err(ClaimsVerificationError::SignatureVerification(_)) => {
                let client = oidc.client(oidc.metadata(true).await?, &self.accounts().config.public_url)?;
                let claims = verify(&client).map_err(|e| OidcError::Token(chain(&e)))?;
                (client, claims)
            }
            Err(e) => return Err(OidcError::Token(chain(&e))),
        };
        let name_of = |n: Option<&openidconnect::LocalizedClaim<openidconnect::EndUserName>>| {
            n.and_then(|n| n.get(None)).map(|n| n.as_str().to_string())
        };
        let mut identity = OidcIdentity {
            issuer: oidc.config.issuer.clone(),
            subject: claims.subject().as_str().to_string(),
            email: claims.email().map(|e| e.as_str().to_string()),
            email_verified: claims.email_verified() == Some(true),
            name: name_of(claims.name()).or_else(|| claims.preferred_username().map(|u| u.as_str().to_string())),
        };
        if identity.email.is_none() {
            // Some providers put the address only in the userinfo answer (checked to be about the same subject).
            if let Ok(request) = client.user_info(tokens.access_token().clone(), Some(claims.subject().clone())) {
                let info: CoreUserInfoClaims = request.request_async(&oidc.http).await.map_err(|e| {
                    use openidconnect::UserInfoError as U;
                    match e {
                        U::Request(e) => OidcError::Unreachable(format!("userinfo: {}", chain(&e))),
                        other => OidcError::Provider(format!("userinfo: {}", chain(&other))),
                    }
                })?;
                identity.email = info.email().map(|e| e.as_str().to_string());
                identity.email_verified = info.email_verified() == Some(true);
                if identity.name.is_none() {
                    identity.name = name_of(info.name());
                }
            }
        }
        let (user, created) = self.oidc_account(&identity).await?;
        let session = self.open_session(&user.id, user_agent).await?;
        Ok(OidcSignIn { session, lang: login.lang.clone(), next: login.next.clone(), created })
    }

    /// The account of a verified identity, created or linked as the module documentation says. Returns it and
    /// whether it was created now.
    pub async fn oidc_account(&self, id: &OidcIdentity) -> Result<(User, bool), OidcError> {
        let key = subject_key(&id.issuer, &id.subject);
        if let Some(user) = self.store().user_by_oidc_subject(&key).await? {
            if user.banned_at.is_some() {
                return Err(OidcError::Banned);
            }
            return Ok((user, false));
        }
        let email = normalize_email(id.email.as_deref().unwrap_or_default());
        let mut errors: Vec<FieldError> = Vec::new();
        crate::accounts::validate_email(&email, &mut errors);
        if !errors.is_empty() {
            return Err(OidcError::NoEmail);
        }
        let now = cogov_store::now();
        if let Some(mut existing) = self.store().user_by_email(&email).await? {
            if existing.banned_at.is_some() {
                return Err(OidcError::Banned);
            }
            let linkable = id.email_verified && existing.email_verified_at.is_some() && existing.oidc_subject.is_none();
            if !linkable {
                return Err(OidcError::EmailTaken);
            }
            existing.oidc_subject = Some(key.clone());
            existing.updated_at = now;
            self.store().update_user(&existing).await?;
            self.audit_self(&existing, "oidc_link", &id.issuer).await?;
            let body = format!(
                "Hello {},\n\nYour cogov account can now also be signed in to with {} (the same verified address, \
                 {}). If this was not you, reset your password and tell the instance's administrators.\n",
                existing.name,
                self.oidc().map(|o| o.config.display_name.as_str()).unwrap_or("OpenID Connect"),
                existing.email
            );
            let mail = Mail { to: existing.email.clone(), subject: "cogov: new sign-in method".into(), body };
            if let Err(e) = self.accounts().mailer.send(mail).await {
                tracing::warn!(error = %e, "oidc: the notice of a linked identity could not be sent");
            }
            return Ok((existing, false));
        }
        let user = User {
            id: uuid::Uuid::now_v7().to_string(),
            name: display_name(id.name.as_deref(), &email),
            email,
            password_hash: None,
            role: Role::User.code().to_string(),
            email_verified_at: id.email_verified.then(|| now.clone()),
            banned_at: None,
            ban_reason: None,
            failed_logins: 0,
            locked_until: None,
            oidc_subject: Some(key),
            created_at: now.clone(),
            updated_at: now,
        };
        match self.store().create_user(&user).await {
            Ok(()) => {}
            // Another request registered the address meanwhile.
            Err(cogov_store::StoreError::Conflict { .. }) => return Err(OidcError::EmailTaken),
            Err(e) => return Err(e.into()),
        }
        self.audit_self(&user, "oidc_create", &id.issuer).await?;
        Ok((user, true))
    }

    /// An audit record of something a person did to their own account through the provider.
    async fn audit_self(&self, user: &User, action: &str, issuer: &str) -> Result<(), AppError> {
        self.store()
            .append_audit(&AuditEvent {
                id: uuid::Uuid::now_v7().to_string(),
                at: cogov_store::now(),
                actor_id: user.id.clone(),
                actor_name: user.name.clone(),
                action: action.to_string(),
                target: user.id.clone(),
                reason: String::new(),
                detail: serde_json::json!({
                    "issuer": issuer,
                    "email_verified": user.email_verified_at.is_some(),
                })
                .to_string(),
            })
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> OidcConfig {
        OidcConfig {
            issuer: "https://id.example.org/realms/x".into(),
            client_id: "cogov".into(),
            client_secret: Some("s3cret-value".into()),
            display_name: "Example ID".into(),
            scopes: vec!["email".into(), "profile".into()],
            allow_http_loopback: false,
        }
    }

    #[test]
    fn the_secret_never_shows_in_debug_output() {
        let shown = format!("{:?}", config());
        assert!(!shown.contains("s3cret") && shown.contains("***"), "{shown}");
    }

    #[test]
    fn settings_are_checked_with_their_keys_named() {
        assert_eq!(config().validate(), Ok(()));
        let mut c = config();
        c.issuer = "http://id.example.org".into();
        c.client_id = " ".into();
        c.display_name = String::new();
        c.scopes = vec!["two words".into()];
        let problems = c.validate().expect_err("invalid");
        for key in ["oidc.issuer", "oidc.client_id", "oidc.display_name", "oidc.scopes"] {
            assert!(problems.iter().any(|p| p.starts_with(key)), "{key} not named in {problems:?}");
        }
        // http:// only on loopback, and only with the development flag.
        let mut c = config();
        c.issuer = "http://127.0.0.1:9000".into();
        assert!(c.validate().is_err(), "http loopback without the flag");
        c.allow_http_loopback = true;
        assert_eq!(c.validate(), Ok(()));
        c.issuer = "http://[::1]:9000/x".into();
        assert_eq!(c.validate(), Ok(()));
        c.issuer = "http://id.example.org".into();
        assert!(c.validate().is_err(), "http elsewhere even with the flag");
        c.issuer = "http://127.0.0.1.example.org".into();
        assert!(c.validate().is_err(), "a host that only starts like a loopback address");
        c.issuer = "ftp://127.0.0.1".into();
        assert!(c.validate().is_err());
        let mut c = config();
        c.issuer = "https://id.example.org/?tenant=1".into();
        assert!(c.validate().is_err(), "an issuer with a query");
        c.client_secret = Some(String::new());
        assert!(c.validate().expect_err("both").len() == 2);
    }

    #[test]
    fn subject_keys_keep_issuer_and_subject_apart() {
        assert_eq!(subject_key("https://a.example", "b#c"), "https://a.example#b#c");
        assert_ne!(subject_key("https://a.example", "x"), subject_key("https://a.example/x", ""));
    }

    #[test]
    fn display_names_fall_back_to_the_address() {
        assert_eq!(display_name(Some("  Ada Lovelace "), "ada@example.org"), "Ada Lovelace");
        assert_eq!(display_name(Some("\u{7}"), "ada@example.org"), "ada");
        assert_eq!(display_name(None, "grace@example.org"), "grace");
        assert_eq!(display_name(Some(&"x".repeat(300)), "a@b.c").chars().count(), 100);
    }
}
