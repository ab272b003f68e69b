//! Shared by the page tests: a real app on a real SQLite store with fixture content, the list of page URLs
//! (`tests/pages.txt`), requests through the real router, and a small reader for the HTML our templates make.
#![allow(dead_code)]

pub mod accounts;
pub mod fixtures;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use cogov_app::App;
use cogov_core::Lang;
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct TestApp {
    pub app: App,
    _dir: tempfile::TempDir,
}

/// A fresh instance with the bundled reference data and the fixture entries.
pub async fn seeded_app() -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = cogov_store::SqliteStore::open(&dir.path().join("t.db"), 4).await.expect("open");
    cogov_store::Store::migrate(&store).await.expect("migrate");
    let app = App::start(Box::new(store)).await.expect("start");
    fixtures::seed(&app).await.expect("fixtures");
    let index = cogov_app::search::open_index(&dir.path().join("search")).expect("search index");
    let app = app.with_search(index);
    cogov_app::search::catch_up(&app).await.expect("search index catch-up");
    TestApp { app, _dir: dir }
}

pub struct Fetched {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Fetched {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A GET through the whole router (compression and headers included), with extra request headers.
pub async fn fetch(app: &App, uri: &str, headers: &[(header::HeaderName, &str)]) -> Fetched {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let request = request.body(Body::empty()).expect("request");
    let response = cogov_web::router(app.clone()).oneshot(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
    Fetched { status, headers, body }
}

/// One line of `tests/pages.txt`.
#[derive(Debug, Clone)]
pub struct PageUrl {
    pub route: String,
    pub status: u16,
    pub url: String,
}

impl PageUrl {
    pub fn in_lang(&self, lang: Lang) -> String {
        self.url.replace("{lang}", lang.code())
    }

    /// Whether the URL renders a page (not a redirect).
    pub fn is_page(&self) -> bool {
        !(300..400).contains(&self.status)
    }
}

pub fn page_urls() -> Vec<PageUrl> {
    include_str!("../pages.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (route, rest) = match line.strip_prefix('(') {
                Some(r) => {
                    let (label, rest) = r.split_once(')').expect("closing parenthesis");
                    (format!("({label})"), rest)
                }
                None => line.split_once(char::is_whitespace).map(|(a, b)| (a.to_string(), b)).expect("columns"),
            };
            let mut cols = rest.split_whitespace();
            let status = cols.next().and_then(|s| s.parse().ok()).expect("status column");
            let url = cols.next().expect("url column").to_string();
            PageUrl { route, status, url }
        })
        .collect()
}

/// A node of the HTML our templates produce.
#[derive(Debug)]
pub enum Token {
    Open { name: String, attrs: Vec<(String, String)>, void: bool },
    Close { name: String },
    Text(String),
}

const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"];

/// Splits HTML into tags and text (entities decoded). Enough for the well-formed HTML of our templates, which
/// it also checks: every element closed in order.
pub fn tokenize(html: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").expect("unclosed comment");
            rest = &after[end + 3..];
        } else if rest.starts_with("<!") {
            let end = rest.find('>').expect("unclosed doctype");
            rest = &rest[end + 1..];
        } else if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>').expect("unclosed end tag");
            out.push(Token::Close { name: after[..end].trim().to_ascii_lowercase() });
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let (tag, len) = read_tag(after);
            let raw_text = matches!(tag.0.as_str(), "style" | "script");
            let name = tag.0.clone();
            out.push(Token::Open { void: VOID.contains(&name.as_str()), name: tag.0, attrs: tag.1 });
            rest = &after[len..];
            if raw_text {
                let close = format!("</{name}>");
                let end = rest.find(&close).expect("unclosed raw-text element");
                out.push(Token::Text(rest[..end].to_string()));
                rest = &rest[end..];
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push(Token::Text(decode(&rest[..end])));
            rest = &rest[end..];
        }
    }
    out
}

fn read_tag(s: &str) -> ((String, Vec<(String, String)>), usize) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
        i += 1;
    }
    let name = s[..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        assert!(i < bytes.len(), "unclosed tag <{name}");
        if bytes[i] == b'>' {
            return ((name, attrs), i + 1);
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' && bytes[i] != b'>' {
            i += 1;
        }
        let attr = s[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            assert_eq!(bytes.get(i), Some(&b'"'), "unquoted attribute {attr} in <{name}>");
            let end = s[i + 1..].find('"').expect("unclosed attribute value") + i + 1;
            value = decode(&s[i + 1..end]);
            i = end + 1;
        }
        attrs.push((attr, value));
    }
}

pub fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

pub fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}
