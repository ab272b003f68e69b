//! Translation completeness: every page template, rendered in every language through the real router and a
//! real store, has every message (no "Unknown localization key"), no English interface text on a non-English
//! page, and `lang`/`dir` where they belong. Also: every page route has a URL in `tests/pages.txt`, and every
//! message file has exactly the English file's keys.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use cogov_core::Lang;
use support::{attr, fetch, page_urls, seeded_app, tokenize, Token};

/// Words that are the same in every language: names and codes, not interface text.
const SAME_IN_EVERY_LANGUAGE: &[&str] = &["cogov", "ISO 3166-1", "M49", "sdg:4", "UTC"];

/// Interface words that a language spells exactly as English does (checked by a translator, not guesses).
const SAME_AS_ENGLISH: &[(Lang, &str)] = &[
    (Lang::Fr, "Code"),
    (Lang::Fr, "Document"),
    (Lang::Fr, "Initiative"),
    (Lang::Fr, "Licence"),
    (Lang::Fr, "Section"),
    (Lang::Fr, "Source"),
    (Lang::Fr, "Structure"),
    (Lang::Fr, "Version"),
    (Lang::Fr, "Total"),
    (Lang::Es, "Total"),
    (Lang::Fr, "Contribution"),
    (Lang::Fr, "Contributions"),
    (Lang::Fr, "Date"),
];

const LANG_CODES: &[&str] = &["ar", "en", "es", "fr", "ru", "zh"];

#[tokio::test]
async fn every_page_is_fully_translated_in_every_language() {
    let t = seeded_app().await;
    let catalog = t.app.catalog();
    // Country and region names are content (official names), shown without a `lang` mark because they are in
    // the page's language; some are spelt the same in several languages ("Canada").
    let mut content_names: BTreeSet<String> = BTreeSet::new();
    for lang in Lang::ALL {
        content_names.extend(catalog.countries.iter().map(|c| normalize(c.name(lang))));
        content_names.extend(catalog.regions.iter().map(|r| normalize(r.name(lang))));
    }
    let mut problems = Vec::new();
    for page in page_urls().iter().filter(|p| p.is_page()) {
        let mut chrome: BTreeMap<Lang, BTreeSet<String>> = BTreeMap::new();
        for lang in Lang::ALL {
            let url = page.in_lang(lang);
            let response = fetch(&t.app, &url, &[]).await;
            assert_eq!(response.status.as_u16(), page.status, "{url}");
            let html = response.text();
            if html.contains("Unknown localization key") {
                let at = html.find("Unknown localization key").unwrap_or_default();
                problems.push(format!("{url}: missing message: {}", &html[at..(at + 80).min(html.len())]));
            }
            match check_lang_and_dir(&html, lang) {
                Ok(texts) => {
                    chrome.insert(lang, texts);
                }
                Err(e) => problems.push(format!("{url}: {e}")),
            }
        }
        let english = chrome.get(&Lang::En).cloned().unwrap_or_default();
        for (lang, texts) in &chrome {
            if *lang == Lang::En {
                continue;
            }
            for text in texts.intersection(&english) {
                let allowed = SAME_IN_EVERY_LANGUAGE.contains(&text.as_str())
                    || SAME_AS_ENGLISH.contains(&(*lang, text.as_str()))
                    || content_names.contains(text)
                    || !text.chars().any(char::is_alphabetic)
                    || text.contains("://");
                if !allowed {
                    problems.push(format!("{}: English interface text {text:?}", page.in_lang(*lang)));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} translation problems:\n{}", problems.len(), problems.join("\n"));
}

/// Checks `<html lang dir>` and that every `lang` attribute is a language code (or empty: language unknown);
/// returns the interface text of the page: text and labelling attributes outside elements marked with `lang`
/// (content), `<code>`, `<style>` and `<title>` (which carries content titles).
fn check_lang_and_dir(html: &str, lang: Lang) -> Result<BTreeSet<String>, String> {
    let mut texts = BTreeSet::new();
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut saw_html = false;
    for token in tokenize(html) {
        match token {
            Token::Open { name, attrs, void } => {
                let marked = attr(&attrs, "lang");
                if name == "html" {
                    saw_html = true;
                    if marked != Some(lang.code()) {
                        return Err(format!("<html lang> is {marked:?}, expected {:?}", lang.code()));
                    }
                    let dir = if lang.is_rtl() { "rtl" } else { "ltr" };
                    if attr(&attrs, "dir") != Some(dir) {
                        return Err(format!("<html dir> is {:?}, expected {dir:?}", attr(&attrs, "dir")));
                    }
                } else if let Some(code) = marked {
                    if !(code.is_empty() || LANG_CODES.contains(&code) || is_language_tag(code)) {
                        return Err(format!("<{name} lang={code:?}> is not a language tag"));
                    }
                }
                let excluded = stack.last().is_some_and(|(_, e)| *e)
                    || (name != "html" && marked.is_some())
                    || matches!(name.as_str(), "code" | "style" | "script" | "title");
                if !excluded {
                    for key in ["aria-label", "placeholder", "title", "alt", "content", "value"] {
                        let shown = match key {
                            "content" => attr(&attrs, "name") == Some("description"),
                            "value" => attr(&attrs, "type") == Some("submit"),
                            _ => true,
                        };
                        if let Some(v) = attr(&attrs, key).filter(|_| shown) {
                            texts.insert(normalize(v));
                        }
                    }
                }
                if !void {
                    stack.push((name, excluded));
                }
            }
            Token::Close { name } => match stack.pop() {
                Some((open, _)) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            },
            Token::Text(text) => {
                if !stack.last().is_some_and(|(_, e)| *e) {
                    let text = normalize(&text);
                    if !text.is_empty() {
                        texts.insert(text);
                    }
                }
            }
        }
    }
    if !saw_html {
        return Err("no <html> element".into());
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements: {stack:?}"));
    }
    Ok(texts)
}

fn is_language_tag(code: &str) -> bool {
    let primary = code.split('-').next().unwrap_or_default();
    (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase())
}

/// Text without surrounding separators and spaces, so "· M49" and "M49" compare equal.
fn normalize(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.trim_matches(|c: char| c.is_whitespace() || "·›—–-:;,.()/#|".contains(c)).to_string()
}

#[test]
fn every_page_route_has_a_url_in_the_page_list() {
    let listed: BTreeSet<String> = page_urls().into_iter().map(|p| p.route).collect();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    let mut found = 0;
    for entry in std::fs::read_dir(&src).expect("src") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let code = std::fs::read_to_string(&path).expect("read");
        for (i, _) in code.match_indices(".route(\"/{lang}") {
            let route = code[i + 8..].split('"').next().unwrap_or_default().to_string();
            found += 1;
            if !listed.contains(&route) {
                missing.push(format!("{route} ({})", path.display()));
            }
        }
    }
    assert!(found >= 9, "found only {found} page routes: has the routing code moved?");
    assert!(missing.is_empty(), "page routes with no URL in tests/pages.txt: {missing:?}");
}

#[test]
fn every_message_file_has_exactly_the_english_keys() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let keys = |lang: &str| -> BTreeSet<String> {
        let text = std::fs::read_to_string(dir.join(format!("{lang}.ftl"))).expect("ftl file");
        text.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_string()))
            .collect()
    };
    let english = keys("en");
    assert!(english.len() > 100, "only {} English keys", english.len());
    for lang in LANG_CODES.iter().filter(|l| **l != "en") {
        let theirs = keys(lang);
        let missing: Vec<_> = english.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&english).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}.ftl: missing {missing:?}, not in en.ftl {extra:?}");
    }
}

#[test]
fn every_message_parses_and_renders_in_every_language() {
    for lang in Lang::ALL {
        for key in ["nav-frameworks", "entries-count", "home-entry-count", "node-count", "framework-hidden"] {
            for n in [0_i64, 1, 2, 3, 11, 21, 100, 1234] {
                let text = cogov_web::i18n::message_args(lang, key, vec![("count", n.into())]);
                assert!(!text.contains("Unknown localization key") && !text.is_empty(), "{lang} {key} {n}: {text}");
            }
        }
    }
}

#[test]
fn every_framework_level_in_the_bundled_data_has_a_name_in_every_language() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/frameworks");
    let mut levels = BTreeSet::new();
    for entry in std::fs::read_dir(data).expect("data/frameworks") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            let text = std::fs::read_to_string(&path).expect("read");
            for line in text.lines() {
                let v: serde_json::Value = serde_json::from_str(line).expect("json line");
                if let Some(level) = v.get("level").and_then(|l| l.as_str()) {
                    levels.insert(level.to_string());
                }
            }
        }
    }
    assert!(levels.contains("goal") && levels.contains("commitment"), "{levels:?}");
    for lang in Lang::ALL {
        for level in &levels {
            let name = cogov_web::i18n::try_message(lang, &format!("level-{level}"));
            assert!(name.is_some(), "no name for level {level:?} in {lang}");
        }
    }
}
