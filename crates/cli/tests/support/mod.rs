//! Talking to a `cogov serve` started by a test: a free port, plain HTTP/1.0 GETs, waiting.
#![allow(dead_code)] // each test file uses its own part

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

/// A plain HTTP/1.0 GET: the status code and the body, or `None` while the server is not up.
pub fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string())?;
    Some((status, body))
}

pub fn json(port: u16, path: &str) -> serde_json::Value {
    let (status, body) = get(port, path).unwrap_or_else(|| panic!("{path}: no answer"));
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).expect("json")
}

pub fn wait_until(what: &str, limit: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A plain HTTP/1.0 request with an optional bearer token and JSON body: the status code and the body, or
/// `None` when the server does not answer (not up, or killed while answering).
pub fn send(port: u16, method: &str, path: &str, token: Option<&str>, body: Option<&str>) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let mut head = format!("{method} {path} HTTP/1.0\r\nHost: localhost\r\n");
    if let Some(t) = token {
        head.push_str(&format!("Authorization: Bearer {t}\r\n"));
    }
    let body = body.unwrap_or("");
    if !body.is_empty() {
        head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string())?;
    Some((status, body))
}

/// An administrator account made with `cogov admin create` (from `cogov()`, a command with the instance's
/// options) and a new API token of `scope` for it, made with `cogov admin token`.
pub fn admin_token(cogov: impl Fn() -> std::process::Command, email: &str, scope: &str) -> String {
    let created = cogov()
        .args(["admin", "create", "--email", email])
        .env("COGOV_ADMIN_PASSWORD", "test-password-of-an-admin-1")
        .output()
        .expect("admin create");
    assert!(created.status.success(), "admin create: {}", String::from_utf8_lossy(&created.stderr));
    let token = cogov().args(["admin", "token", "--email", email, "--scope", scope]).output().expect("admin token");
    assert!(token.status.success(), "admin token: {}", String::from_utf8_lossy(&token.stderr));
    let token = String::from_utf8(token.stdout).expect("utf-8").trim().to_string();
    assert!(!token.is_empty(), "admin token printed a token");
    token
}

/// Two administrators' API tokens: one proposes (write scope), the other decides (admin scope), since nobody
/// approves their own proposal.
#[derive(Clone)]
pub struct Tokens {
    pub proposer: String,
    pub moderator: String,
}

impl Tokens {
    pub fn new(cogov: impl Fn() -> std::process::Command) -> Tokens {
        Tokens {
            proposer: admin_token(&cogov, "proposer@example.org", "write"),
            moderator: admin_token(&cogov, "moderator@example.org", "admin"),
        }
    }
}

/// Runs `cogov ARGS` (without `COGOV_DATABASE_URL` from the environment): success, stdout, stderr.
pub fn run_cogov<I, S>(args: I) -> (bool, String, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args(args)
        .env("COGOV_LOG", "warn")
        .env_remove("COGOV_DATABASE_URL")
        .output()
        .expect("run cogov");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A `cogov serve` child process that is killed when dropped, so a failing test does not leave it running.
pub struct Running(pub std::process::Child);

impl std::ops::Deref for Running {
    type Target = std::process::Child;
    fn deref(&self) -> &std::process::Child {
        &self.0
    }
}

impl std::ops::DerefMut for Running {
    fn deref_mut(&mut self) -> &mut std::process::Child {
        &mut self.0
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
