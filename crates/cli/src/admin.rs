//! `cogov admin …`: the first admin account, and the account settings (`[accounts]`, `[mail]`) every command
//! that opens the instance applies.

use std::io::BufRead;

use anyhow::Context;
use clap::Subcommand;
use cogov_app::accounts::{Accounts, AccountsConfig};
use cogov_app::mail::{Mailer, SmtpConfig};
use cogov_app::{App, AppError, Role, Via};

use crate::config::Config;

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Create an admin account (verified). The password is read from COGOV_ADMIN_PASSWORD, else from the first
    /// line of standard input; it is never echoed or logged.
    Create {
        #[arg(long)]
        email: String,
        /// The display name [default: Administrator].
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Create an API token for an existing account and print it on standard output (the only time it is
    /// shown; only its hash is stored). For scripts and integrations: `Authorization: Bearer <token>`.
    Token {
        /// The account's e-mail address.
        #[arg(long)]
        email: String,
        /// read, write or admin (a token acts at most with its account's role).
        #[arg(long, default_value = "read")]
        scope: String,
        /// A name to recognise the token by in the account's token list.
        #[arg(long, default_value = "cogov admin token")]
        name: String,
    },
}

/// The account rules and mailer of a configuration: SMTP when `mail.smtp_host` is set, else `.eml` files in
/// `DATA_DIR/mail`.
pub fn accounts(config: &Config) -> anyhow::Result<Accounts> {
    let a = &config.accounts;
    let rules = AccountsConfig {
        session_days: a.session_days,
        lockout_threshold: a.lockout_threshold,
        lockout_minutes: a.lockout_minutes,
        verify_hours: a.verify_hours,
        reset_hours: a.reset_hours,
        public_url: a.public_url.clone(),
        trust_proxy: a.trust_proxy,
        secure_cookies: a.secure_cookies,
        auth_per_minute: a.auth_per_minute,
        auth_burst: a.auth_burst,
        write_per_minute: a.write_per_minute,
        write_burst: a.write_burst,
    };
    let m = &config.mail;
    let mailer = match &m.smtp_host {
        Some(host) => Mailer::smtp(&SmtpConfig {
            host: host.clone(),
            port: m.smtp_port,
            security: m.smtp_security.clone(),
            username: m.smtp_username.clone(),
            password: m.smtp_password.clone().or_else(|| std::env::var("COGOV_SMTP_PASSWORD").ok()),
            from: m.from.clone(),
        })
        .map_err(|e| anyhow::anyhow!("[mail] {e}"))?,
        None => Mailer::Directory(config.store.data_dir.join("mail")),
    };
    Ok(Accounts { config: rules, mailer })
}

pub async fn run(app: &App, cmd: AdminCommand) -> anyhow::Result<()> {
    match cmd {
        AdminCommand::Create { email, name } => {
            let password = match std::env::var("COGOV_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("password for {email} (one line on standard input):");
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line).context("reading the password")?;
                    line.trim_end_matches(['\n', '\r']).to_string()
                }
            };
            match app.create_account(&email, &name, &password, Role::Admin).await {
                Ok(user) => {
                    println!("admin account {} created ({})", user.email, user.id);
                    Ok(())
                }
                Err(AppError::Validation(errors)) => {
                    let list: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
                    anyhow::bail!("the account was not created: {}", list.join("; "))
                }
                Err(e) => Err(anyhow::anyhow!("the account was not created: {e}")),
            }
        }
        AdminCommand::Token { email, scope, name } => {
            let user = app
                .store()
                .user_by_email(&cogov_app::accounts::normalize_email(&email))
                .await?
                .with_context(|| format!("no account with the address {email}"))?;
            let who = app
                .principal(&user.id, Via::Session)
                .await?
                .with_context(|| format!("the account {email} cannot act (banned or deleted)"))?;
            let (token, _) = app.create_api_token(&who, &name, &scope).await.map_err(|e| match e {
                AppError::Validation(errors) => {
                    let list: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
                    anyhow::anyhow!("the token was not created: {}", list.join("; "))
                }
                e => anyhow::anyhow!("the token was not created: {e}"),
            })?;
            println!("{token}");
            Ok(())
        }
    }
}
