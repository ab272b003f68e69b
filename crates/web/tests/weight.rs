//! Light pages: every page template, in every language, with the fixtures filling its lists, measured as
//! served (through the real router and its compression layer) with `Accept-Encoding: br` and `gzip`.
//!
//! Budgets: the whole HTML document (the stylesheet is inlined) fits in the first round trip of a new
//! connection — 14,000 bytes compressed, about ten TCP segments less the response headers — so the first screen
//! never waits for a second round trip; and a page with everything it loads transfers at most 50 KB. Pages
//! work without JavaScript: there is no script at all (only entry pages' JSON-LD data blocks, never executed).

mod support;

use axum::http::header;
use cogov_core::Lang;
use support::{attr, fetch, page_urls, seeded_app, tokenize, Token};

const FIRST_ROUND_TRIP: usize = 14_000;
const PAGE_WITH_ASSETS: usize = 50_000;

#[tokio::test]
async fn every_page_fits_its_budget_compressed_with_brotli_and_gzip() {
    let t = seeded_app().await;
    let mut over = Vec::new();
    let mut report = Vec::new();
    for page in page_urls().iter().filter(|p| p.is_page()) {
        for lang in Lang::ALL {
            let url = page.in_lang(lang);
            for encoding in ["br", "gzip"] {
                let response = fetch(&t.app, &url, &[(header::ACCEPT_ENCODING, encoding)]).await;
                assert_eq!(response.status.as_u16(), page.status, "{url}");
                let served = response.headers.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok());
                assert_eq!(served, Some(encoding), "{url} is not served with {encoding}");
                let html_size = response.body.len();
                let plain = fetch(&t.app, &url, &[]).await.text();
                let mut total = html_size;
                for asset in assets(&plain) {
                    let a = fetch(&t.app, &asset, &[(header::ACCEPT_ENCODING, encoding)]).await;
                    assert!(a.status.is_success(), "{url}: asset {asset} answers {}", a.status);
                    total += a.body.len();
                }
                if encoding == "br" {
                    report.push((html_size, url.clone()));
                }
                if html_size > FIRST_ROUND_TRIP {
                    over.push(format!("{url} ({encoding}): HTML {html_size} bytes > {FIRST_ROUND_TRIP}"));
                }
                if total > PAGE_WITH_ASSETS {
                    over.push(format!("{url} ({encoding}): with assets {total} bytes > {PAGE_WITH_ASSETS}"));
                }
            }
        }
    }
    report.sort();
    let heaviest: Vec<String> = report.iter().rev().take(5).map(|(s, u)| format!("{u}: {s} B")).collect();
    println!("heaviest pages (brotli): {}", heaviest.join(", "));
    assert!(over.is_empty(), "pages over budget:\n{}", over.join("\n"));
}

#[tokio::test]
async fn pages_need_no_javascript_and_load_nothing_unbudgeted() {
    let t = seeded_app().await;
    for page in page_urls().iter().filter(|p| p.is_page()) {
        for lang in [Lang::En, Lang::Ar] {
            let url = page.in_lang(lang);
            let html = fetch(&t.app, &url, &[]).await.text();
            for token in tokenize(&html) {
                let Token::Open { name, attrs, .. } = token else { continue };
                if name == "script" {
                    // The one script element allowed is a schema.org JSON-LD data block: data, never executed.
                    assert_eq!(
                        attr(&attrs, "type"),
                        Some("application/ld+json"),
                        "{url}: pages work without JavaScript"
                    );
                    assert!(attr(&attrs, "src").is_none(), "{url}: a JSON-LD block is inline");
                }
                assert!(!attrs.iter().any(|(n, _)| n.starts_with("on")), "{url}: inline event handler in <{name}>");
                if name == "img" {
                    for required in ["width", "height", "alt"] {
                        assert!(attr(&attrs, required).is_some(), "{url}: <img> without {required}");
                    }
                    assert_eq!(attr(&attrs, "loading"), Some("lazy"), "{url}: images load lazily");
                }
                if name == "link" && attr(&attrs, "rel") == Some("stylesheet") {
                    panic!("{url}: the stylesheet is inlined; an external one would cost a round trip");
                }
            }
        }
    }
}

#[tokio::test]
async fn the_print_stylesheet_hides_navigation_and_keeps_content() {
    let css = cogov_web::pages::CSS;
    let print = css.split("@media print").nth(1).expect("a print stylesheet");
    for hidden in [".top", ".foot", ".filters", ".skip"] {
        assert!(print.contains(hidden), "print hides {hidden}");
    }
    assert!(!css.contains("@import") && !css.contains("@font-face"), "system fonts only, nothing fetched");
}

/// Same-origin resources a page loads: stylesheets, scripts, images, icons (data: URIs are inline).
fn assets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in tokenize(html) {
        let Token::Open { name, attrs, .. } = token else { continue };
        let url = match name.as_str() {
            "link" if attr(&attrs, "rel").is_some_and(|r| r.contains("stylesheet") || r.contains("icon")) => {
                attr(&attrs, "href")
            }
            "script" | "img" | "source" | "iframe" => attr(&attrs, "src"),
            _ => None,
        };
        if let Some(u) = url.filter(|u| !u.starts_with("data:")) {
            assert!(u.starts_with('/') && !u.starts_with("//"), "asset {u} is not same-origin");
            out.push(u.to_string());
        }
    }
    out
}
