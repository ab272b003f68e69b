//! Configuration: one TOML file, `COGOV_*` environment variables and command-line flags, in that order of
//! precedence, into one struct that refuses unknown keys. `cogov config default` prints [`DEFAULT_TOML`].

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The fully commented default configuration. A test checks it parses to `Config::default()` and names every
/// key, so it cannot drift from the struct.
pub const DEFAULT_TOML: &str = r#"# cogov configuration.
# Precedence: this file < COGOV_* environment variables < command-line flags.
# Use it with `cogov --config cogov.toml serve` (or COGOV_CONFIG=cogov.toml). Unknown keys are refused.

[server]
# Address and port the web server listens on (COGOV_LISTEN, --listen).
listen = "127.0.0.1:8080"

[store]
# Directory for the embedded SQLite database and local state such as the search index (COGOV_DATA_DIR, --data-dir).
data_dir = "cogov-data"
# PostgreSQL instead of the embedded SQLite (COGOV_DATABASE_URL, --database-url). Passwords are never logged.
# database_url = "postgres://cogov@127.0.0.1:5432/cogov"
# Connections in the database pool.
max_connections = 8

[search]
# Memory for recent search result pages (and their facet counts), kept until the index next changes: a page
# asked for again is answered without searching. 0 turns both caches off (every request searches).
cache_mb = 64

[log]
# "human" for people, "json" for log collectors (COGOV_LOG_FORMAT, --log-format).
format = "human"
# Level filter, e.g. "info" or "info,cogov_store=debug" (COGOV_LOG).
level = "info,sqlx=warn,tower_http=warn"

[accounts]
# The public address of this instance: links in mail start with it; https:// also marks cookies Secure.
public_url = "http://127.0.0.1:8080"
# Mark cookies Secure even when public_url is http:// (e.g. TLS ends at a proxy that rewrites nothing).
secure_cookies = false
# Take the client address for rate limits from X-Forwarded-For. Only behind a reverse proxy that overwrites that
# header (nginx: proxy_set_header X-Forwarded-For $remote_addr); otherwise clients could pick their address.
trust_proxy = false
# Sessions end this many days after the last request.
session_days = 30
# Failed sign-ins in a row before an account is locked; the first lock's minutes (doubling, at most a day).
lockout_threshold = 5
lockout_minutes = 15
# How long the links in verification and password-reset mail work.
verify_hours = 48
reset_hours = 2
# Sign-in, registration and password-reset POSTs per minute per client address, and the burst allowed.
auth_per_minute = 10
auth_burst = 5
# Writes (POST, PUT, PATCH, DELETE) per minute per client address and per account, and the burst allowed.
write_per_minute = 120
write_burst = 30

[review]
# Whether an organization's editors publish their organization's entries, contributions and endorsements
# without review. Off: everything goes through the moderators' queue.
editors_publish_directly = true
# Proposals one account may submit in 24 hours.
proposals_per_day = 20
# Entries their owners have not confirmed for this many days are labelled stale (and owners reminded by
# `cogov remind-stale`).
stale_after_days = 365
# `serve` mails those reminders itself every this many hours (what `cogov remind-stale` does; an entry's editors
# hear again at most every 30 days, also with several nodes on one database). 0: never (cron `remind-stale`).
remind_every_hours = 24

[mail]
# Without smtp_host, every message is written as a .eml file into DATA_DIR/mail (read them there).
# smtp_host = "smtp.example.org"
# 587 with starttls, 465 with tls; "none" only for a relay on this machine.
smtp_port = 587
smtp_security = "starttls"
# smtp_username = "cogov"
# smtp_password = "…" (or COGOV_SMTP_PASSWORD; never logged)
from = "cogov <cogov@localhost>"

# Optional: "Sign in with …" an OpenID Connect provider (authorization code with PKCE). Without this section the
# feature is off. Register this client at the provider with the redirect URI <accounts.public_url>/oidc/callback.
# See docs/operations.md (OpenID Connect sign-in).
# [oidc]
# The provider's issuer URL; cogov reads <issuer>/.well-known/openid-configuration (COGOV_OIDC_ISSUER).
# issuer = "https://id.example.org/realms/main"
# The client registered for cogov at the provider (COGOV_OIDC_CLIENT_ID).
# client_id = "cogov"
# Its secret (or COGOV_OIDC_CLIENT_SECRET; never logged). Leave it out for a public client.
# client_secret = "…"
# Shown on the sign-in page: "Sign in with <display_name>".
# display_name = "OpenID Connect"
# Scopes asked for besides openid: the account needs an e-mail address.
# scopes = ["email", "profile"]
# Development and tests only: accept an http:// issuer on a loopback address (127.0.0.1, [::1], localhost).
# allow_http_loopback = false
"#;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub server: ServerConfig,
    pub store: StoreSection,
    pub search: SearchSection,
    pub log: LogConfig,
    pub accounts: AccountsSection,
    pub review: ReviewSection,
    pub mail: MailSection,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oidc: Option<OidcSection>,
}

/// `[oidc]`: see `cogov_app::oidc::OidcConfig`. Absent: no OpenID Connect sign-in.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcSection {
    pub issuer: String,
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    #[serde(default = "OidcSection::default_display_name")]
    pub display_name: String,
    #[serde(default = "OidcSection::default_scopes")]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub allow_http_loopback: bool,
}

impl std::fmt::Debug for OidcSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.to_config(), f)
    }
}

impl OidcSection {
    fn default_display_name() -> String {
        "OpenID Connect".to_string()
    }

    fn default_scopes() -> Vec<String> {
        vec!["email".to_string(), "profile".to_string()]
    }

    /// The settings for the app (checked by `App::with_oidc`).
    pub fn to_config(&self) -> cogov_app::oidc::OidcConfig {
        cogov_app::oidc::OidcConfig {
            issuer: self.issuer.clone(),
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
            display_name: self.display_name.clone(),
            scopes: self.scopes.clone(),
            allow_http_loopback: self.allow_http_loopback,
        }
    }

    /// `COGOV_OIDC_ISSUER`, `COGOV_OIDC_CLIENT_ID` and `COGOV_OIDC_CLIENT_SECRET` over the file's values; the
    /// first two make the section if the file has none.
    pub fn apply_env(section: Option<OidcSection>, env: impl Fn(&str) -> Option<String>) -> Option<OidcSection> {
        let issuer = env("COGOV_OIDC_ISSUER");
        let client_id = env("COGOV_OIDC_CLIENT_ID");
        let mut section = match section {
            Some(s) => s,
            None if issuer.is_some() || client_id.is_some() => OidcSection {
                issuer: String::new(),
                client_id: String::new(),
                client_secret: None,
                display_name: Self::default_display_name(),
                scopes: Self::default_scopes(),
                allow_http_loopback: false,
            },
            None => return None,
        };
        if let Some(i) = issuer {
            section.issuer = i;
        }
        if let Some(c) = client_id {
            section.client_id = c;
        }
        if let Some(s) = env("COGOV_OIDC_CLIENT_SECRET") {
            section.client_secret = Some(s);
        }
        Some(section)
    }
}

/// `[review]`: see `cogov_app::review::ReviewConfig`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReviewSection {
    pub editors_publish_directly: bool,
    pub proposals_per_day: i64,
    pub stale_after_days: i64,
    pub remind_every_hours: i64,
}

impl Default for ReviewSection {
    fn default() -> Self {
        let r = cogov_app::review::ReviewConfig::default();
        ReviewSection {
            editors_publish_directly: r.editors_publish_directly,
            proposals_per_day: r.proposals_per_day,
            stale_after_days: r.stale_after_days,
            remind_every_hours: r.remind_every_hours,
        }
    }
}

impl ReviewSection {
    /// The rules for the app; a period or quota below 1 is refused with the key named.
    pub fn to_config(&self) -> anyhow::Result<cogov_app::review::ReviewConfig> {
        if self.proposals_per_day < 1 {
            anyhow::bail!("review.proposals_per_day: must be at least 1 (got {})", self.proposals_per_day);
        }
        if self.stale_after_days < 1 {
            anyhow::bail!("review.stale_after_days: must be at least 1 (got {})", self.stale_after_days);
        }
        if self.remind_every_hours < 0 {
            anyhow::bail!("review.remind_every_hours: must be 0 (never) or more (got {})", self.remind_every_hours);
        }
        Ok(cogov_app::review::ReviewConfig {
            editors_publish_directly: self.editors_publish_directly,
            proposals_per_day: self.proposals_per_day,
            stale_after_days: self.stale_after_days,
            remind_every_hours: self.remind_every_hours,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AccountsSection {
    pub public_url: String,
    pub secure_cookies: bool,
    pub trust_proxy: bool,
    pub session_days: i64,
    pub lockout_threshold: i64,
    pub lockout_minutes: i64,
    pub verify_hours: i64,
    pub reset_hours: i64,
    pub auth_per_minute: u32,
    pub auth_burst: u32,
    pub write_per_minute: u32,
    pub write_burst: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailSection {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    pub smtp_security: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_password: Option<String>,
    pub from: String,
}

impl Default for AccountsSection {
    fn default() -> Self {
        let a = cogov_app::accounts::AccountsConfig::default();
        AccountsSection {
            public_url: a.public_url,
            secure_cookies: a.secure_cookies,
            trust_proxy: a.trust_proxy,
            session_days: a.session_days,
            lockout_threshold: a.lockout_threshold,
            lockout_minutes: a.lockout_minutes,
            verify_hours: a.verify_hours,
            reset_hours: a.reset_hours,
            auth_per_minute: a.auth_per_minute,
            auth_burst: a.auth_burst,
            write_per_minute: a.write_per_minute,
            write_burst: a.write_burst,
        }
    }
}

impl Default for MailSection {
    fn default() -> Self {
        MailSection {
            smtp_host: None,
            smtp_port: 587,
            smtp_security: "starttls".to_string(),
            smtp_username: None,
            smtp_password: None,
            from: "cogov <cogov@localhost>".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    pub listen: SocketAddr,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreSection {
    pub data_dir: PathBuf,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    pub max_connections: u32,
}

/// `[search]`: the search index's caches (see `cogov_search::SearchIndex::answer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchSection {
    pub cache_mb: usize,
}

impl Default for SearchSection {
    fn default() -> Self {
        SearchSection { cache_mb: cogov_app::search::RESULT_CACHE_BYTES / (1024 * 1024) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    pub format: LogFormat,
    pub level: String,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig { listen: SocketAddr::from(([127, 0, 0, 1], 8080)) }
    }
}

impl Default for StoreSection {
    fn default() -> Self {
        StoreSection { data_dir: PathBuf::from("cogov-data"), database_url: None, max_connections: 8 }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig { format: LogFormat::Human, level: "info,sqlx=warn,tower_http=warn".to_string() }
    }
}

impl Config {
    /// Reads a configuration file; errors name the file, line and column.
    pub fn from_file(path: &Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        Self::from_toml(&path.display().to_string(), &text)
    }

    pub fn from_toml(name: &str, text: &str) -> anyhow::Result<Config> {
        toml::from_str(text).map_err(|e| {
            let place = e
                .span()
                .map(|span| {
                    let before = &text[..span.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                    format!("{name}:{line}:{column}")
                })
                .unwrap_or_else(|| name.to_string());
            anyhow::anyhow!("{place}: {}", e.message())
        })
    }

    /// The configuration as it may be logged: the database password replaced.
    pub fn redacted(&self) -> Config {
        let mut c = self.clone();
        c.store.database_url = c.store.database_url.as_deref().map(cogov_store::redact_url);
        if c.mail.smtp_password.is_some() {
            c.mail.smtp_password = Some("***".to_string());
        }
        if let Some(o) = c.oidc.as_mut().filter(|o| o.client_secret.is_some()) {
            o.client_secret = Some("***".to_string());
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commented_default_is_the_default_and_names_every_key() {
        let parsed = Config::from_toml("default", DEFAULT_TOML).expect("default parses");
        assert_eq!(parsed, Config::default());
        let documented: toml::Value = toml::from_str(DEFAULT_TOML).expect("toml");
        let mut full = Config::default();
        full.store.database_url = Some("postgres://x@y/z".into());
        full.mail.smtp_host = Some("smtp.example.org".into());
        full.mail.smtp_username = Some("u".into());
        full.mail.smtp_password = Some("p".into());
        full.oidc = Some(OidcSection {
            issuer: "https://id.example.org".into(),
            client_id: "cogov".into(),
            client_secret: Some("s".into()),
            display_name: "X".into(),
            scopes: vec![],
            allow_http_loopback: false,
        });
        let serialized: toml::Value = toml::Value::try_from(&full).expect("serialize");
        for (section, keys) in serialized.as_table().expect("table") {
            for key in keys.as_table().expect("section").keys() {
                let documented_key = documented.get(section).and_then(|s| s.get(key)).is_some();
                let commented = DEFAULT_TOML.contains(&format!("# {key} = "));
                assert!(documented_key || commented, "[{section}] {key} is missing from DEFAULT_TOML");
            }
        }
    }

    #[test]
    fn unknown_keys_are_refused_with_their_place() {
        let err =
            Config::from_toml("cogov.toml", "[server]\nlisten = \"127.0.0.1:1\"\nlisen = 3\n").expect_err("unknown");
        let message = err.to_string();
        assert!(message.starts_with("cogov.toml:3:1"), "{message}");
        assert!(message.contains("lisen"), "{message}");
        let err = Config::from_toml("c.toml", "[log]\nformat = \"xml\"\n").expect_err("bad value");
        assert!(err.to_string().contains("c.toml:2"), "{err}");
    }

    #[test]
    fn redaction_hides_the_password() {
        let mut c = Config::default();
        c.store.database_url = Some("postgres://cogov:s3cret@db/cogov".into());
        let shown = format!("{:?}", c.redacted());
        assert!(!shown.contains("s3cret") && shown.contains("***"), "{shown}");
    }

    #[test]
    fn the_oidc_section_is_optional_and_its_secret_never_shown() {
        assert_eq!(Config::from_toml("c.toml", "").expect("empty").oidc, None, "absent: the feature is off");
        let text =
            "[oidc]\nissuer = \"https://id.example.org\"\nclient_id = \"cogov\"\nclient_secret = \"t0psecret\"\n";
        let c = Config::from_toml("c.toml", text).expect("oidc");
        let o = c.oidc.clone().expect("section");
        assert_eq!((o.display_name.as_str(), o.scopes.len(), o.allow_http_loopback), ("OpenID Connect", 2, false));
        assert!(o.to_config().validate().is_ok());
        // Debug of the section, of the whole configuration, and the redacted TOML that `config show` prints.
        for shown in [format!("{o:?}"), format!("{c:?}"), toml::to_string(&c.redacted()).expect("toml")] {
            assert!(!shown.contains("t0psecret"), "{shown}");
        }
        let err = Config::from_toml("c.toml", "[oidc]\nissuer = \"https://x\"\nclient_id = \"c\"\nscope = []\n")
            .expect_err("unknown key");
        assert!(err.to_string().starts_with("c.toml:4:1"), "{err}");
        let env = |k: &str| (k == "COGOV_OIDC_CLIENT_SECRET").then(|| "from-env".to_string());
        let o = OidcSection::apply_env(c.oidc.clone(), env).expect("kept");
        assert_eq!(o.client_secret.as_deref(), Some("from-env"));
        assert_eq!(OidcSection::apply_env(None, env), None, "a secret alone does not turn the feature on");
        let env = |k: &str| (k == "COGOV_OIDC_ISSUER").then(|| "https://env.example.org".to_string());
        assert_eq!(OidcSection::apply_env(None, env).expect("made").issuer, "https://env.example.org");
    }
}
