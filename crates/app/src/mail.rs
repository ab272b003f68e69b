//! Outgoing mail (address verification, password reset): a configurable SMTP server (lettre over rustls), or,
//! as the embedded default, a directory where every message is written as a `.eml` file. Message bodies carry
//! single-use tokens, so they are never logged; the log only says that a message went to whom.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::AppError;

/// One message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    /// Each message becomes a file `DIR/<time>-<n>.eml` (the embedded default: `DATA_DIR/mail`).
    Directory(PathBuf),
    /// Kept in memory (tests read the messages back).
    Memory(Arc<Mutex<Vec<Mail>>>),
    /// An SMTP server.
    Smtp(Arc<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)>),
}

/// SMTP settings (`mail.smtp_*` in the configuration).
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// `starttls` (default, port 587), `tls` (implicit TLS, port 465) or `none` (a local relay only).
    pub security: String,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
}

impl Mailer {
    pub fn memory() -> (Mailer, Arc<Mutex<Vec<Mail>>>) {
        let sink = Arc::new(Mutex::new(Vec::new()));
        (Mailer::Memory(sink.clone()), sink)
    }

    pub fn smtp(config: &SmtpConfig) -> Result<Mailer, AppError> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| AppError::invalid("mail.from", format!("'{}' is not a mail address: {e}", config.from)))?;
        let builder = match config.security.as_str() {
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host),
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host),
            "none" => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host)),
            other => {
                return Err(AppError::invalid(
                    "mail.smtp_security",
                    format!("'{other}' is not one of starttls, tls, none"),
                ))
            }
        }
        .map_err(|e| AppError::invalid("mail.smtp_host", e.to_string()))?;
        let mut builder = builder.port(config.port);
        if let (Some(user), Some(password)) = (&config.username, &config.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer::Smtp(Arc::new((builder.build(), from))))
    }

    pub async fn send(&self, mail: Mail) -> Result<(), AppError> {
        tracing::info!(to = %mail.to, subject = %mail.subject, "sending mail");
        match self {
            Mailer::Memory(sink) => {
                match sink.lock() {
                    Ok(mut v) => v.push(mail),
                    Err(poisoned) => poisoned.into_inner().push(mail),
                }
                Ok(())
            }
            Mailer::Directory(dir) => {
                let name = format!("{}-{}.eml", cogov_store::now().replace(':', ""), uuid::Uuid::new_v4().simple());
                let text = format!(
                    "To: {}\r\nSubject: {}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
                    mail.to, mail.subject, mail.body
                );
                let path = dir.join(name);
                tokio::fs::create_dir_all(dir).await.map_err(|e| AppError::Internal(format!("mail directory: {e}")))?;
                tokio::fs::write(&path, text)
                    .await
                    .map_err(|e| AppError::Internal(format!("writing {}: {e}", path.display())))
            }
            Mailer::Smtp(smtp) => {
                let (transport, from) = smtp.as_ref();
                let to: Mailbox =
                    mail.to.parse().map_err(|e| AppError::invalid("email", format!("not a mail address: {e}")))?;
                let message = lettre::Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(mail.subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(mail.body)
                    .map_err(|e| AppError::Internal(format!("building mail: {e}")))?;
                transport.send(message).await.map_err(|e| AppError::Internal(format!("SMTP: {e}")))?;
                Ok(())
            }
        }
    }
}
