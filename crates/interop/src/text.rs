//! Small text helpers for real-world input: byte-order marks, encodings, URLs written loosely.

use cogov_core::entry::is_http_url;

/// The text of a file: UTF-8, with a UTF-8 byte-order mark removed. A UTF-16 mark or invalid UTF-8 is an
/// error naming the byte offset, line and column where decoding failed.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("the file is UTF-16 (byte-order mark); save it as UTF-8".to_string());
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        format!("invalid UTF-8 at byte {} (line {line}, column {column})", e.valid_up_to())
    })
}

/// A loosely written web address as an http(s) URL: trimmed, `https://` added to a bare domain. `None` when
/// it is empty or not a web address.
pub fn normalise_url(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if is_http_url(raw) {
        return Some(raw.to_string());
    }
    let looks_like_domain = raw.contains('.') && !raw.contains("://") && !raw.chars().any(char::is_whitespace);
    let candidate = format!("https://{raw}");
    (looks_like_domain && is_http_url(&candidate)).then_some(candidate)
}

/// The first http(s) URL in a text (registries often put several URLs, or a sentence and a URL, in a URL
/// field), without trailing punctuation.
pub fn first_http_url(text: &str) -> Option<String> {
    let start = match (text.find("http://"), text.find("https://")) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return normalise_url(text),
    };
    let rest = &text[start..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let url = rest[..end].trim_end_matches([',', ';', '.', ')']);
    is_http_url(url).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_with_and_without_bom_and_names_bad_bytes() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBF{}"), Ok("{}"));
        assert_eq!(decode_utf8(b"{}"), Ok("{}"));
        let err = decode_utf8(b"{\n \"a\": \"\xE9\"}").expect_err("latin-1");
        assert!(err.contains("line 2, column 8"), "{err}");
        assert!(decode_utf8(b"\xFF\xFE{\x00").is_err());
    }

    #[test]
    fn urls_are_normalised_or_refused() {
        assert_eq!(normalise_url(" www.x.org/a "), Some("https://www.x.org/a".into()));
        assert_eq!(normalise_url("http://x.org"), Some("http://x.org".into()));
        assert_eq!(normalise_url(""), None);
        assert_eq!(normalise_url("not a url"), None);
        assert_eq!(first_http_url("About: https://a.org/x, \nhttps://b.org").as_deref(), Some("https://a.org/x"));
        assert_eq!(first_http_url("see (https://a.org)").as_deref(), Some("https://a.org"));
    }
}
