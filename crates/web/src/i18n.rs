//! The interface's words in the six UN languages, and numbers and dates written the way each language writes
//! them.
//!
//! Messages are Project Fluent files (`crates/web/locales/<lang>.ftl`), compiled into the binary by
//! `fluent_templates::static_loader!` (no file is read at run time). A message missing in one language falls
//! back to English; one missing everywhere renders as fluent-templates' "Unknown localization key" text. Both
//! are caught by the translation-completeness test (`tests/translations.rs`).
//!
//! Numbers: digits grouped by three as CLDR writes them — `1,234` (en, zh), `1 234` with a narrow no-break
//! space (fr), `1 234` with a no-break space (ru), `12.345` from five digits on (es). Arabic pages use Western
//! digits with a comma, as United Nations Arabic documents and the official Arabic SDG texts do (`1,234`),
//! so numbers in the interface match the numbers in the content.

use std::borrow::Cow;
use std::collections::HashMap;

use cogov_core::Lang;
use fluent_templates::fluent_bundle::types::FluentNumber;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| {
            // Placeables land in HTML, where `<bdi>`/`dir` do the bidi isolation; Fluent's own U+2068/U+2069
            // marks would only get in the way of copying and searching text.
            bundle.set_use_isolating(false);
            let lang = bundle.locales.first().and_then(|l| l.language.as_str().parse::<Lang>().ok());
            bundle.set_formatter(Some(match lang {
                Some(Lang::Ar) => format_value::<{ LANG_AR }, _>,
                Some(Lang::Es) => format_value::<{ LANG_ES }, _>,
                Some(Lang::Fr) => format_value::<{ LANG_FR }, _>,
                Some(Lang::Ru) => format_value::<{ LANG_RU }, _>,
                Some(Lang::Zh) => format_value::<{ LANG_ZH }, _>,
                Some(Lang::En) | None => format_value::<{ LANG_EN }, _>,
            }));
        },
    };
}

/// A value passed into a message: a number (formatted per locale, and selecting plural forms) or a text.
pub enum Arg {
    Number(i64),
    Text(String),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<&i64> for Arg {
    fn from(n: &i64) -> Self {
        Arg::Number(*n)
    }
}

impl From<&usize> for Arg {
    fn from(n: &usize) -> Self {
        Arg::from(*n)
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<&u64> for Arg {
    fn from(n: &u64) -> Self {
        Arg::from(*n)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

/// The message `key` in `lang`.
pub fn message(lang: Lang, key: &str) -> String {
    LOCALES.lookup(&langid(lang), key)
}

/// The message `key` in `lang`, with arguments.
pub fn message_args(lang: Lang, key: &str, args: Vec<(&'static str, Arg)>) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Number(n) => FluentValue::from(n),
                Arg::Text(s) => FluentValue::from(s),
            };
            (Cow::Borrowed(name), value)
        })
        .collect();
    LOCALES.lookup_with_args(&langid(lang), key, &args)
}

/// The message `key` in `lang` if it exists in that language or in English; for labels whose keys come from
/// data (framework levels), where an unknown key should show the data's own code instead.
pub fn try_message(lang: Lang, key: &str) -> Option<String> {
    LOCALES.try_lookup(&langid(lang), key)
}

/// `n` with its digits grouped the way `lang` writes numbers.
pub fn format_number(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let (separator, min_digits) = match lang {
        Lang::En | Lang::Zh | Lang::Ar => (",", 4),
        Lang::Fr => ("\u{202f}", 4),
        Lang::Ru => ("\u{a0}", 4),
        // CLDR's minimumGroupingDigits = 2 for Spanish: 1234 but 12.345.
        Lang::Es => (".", 5),
    };
    let mut out = String::with_capacity(digits.len() + 8);
    if n < 0 {
        out.push('-');
    }
    if digits.len() < min_digits {
        out.push_str(&digits);
        return out;
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// A date as `lang` writes it in running text ("24 November 2026", "2026年11月24日"), from an RFC 3339
/// timestamp or a `YYYY-MM-DD` date; anything else is shown as given.
pub fn format_date(lang: Lang, timestamp: &str) -> String {
    let Some((year, month, day)) = parse_date(timestamp) else { return timestamp.to_string() };
    let month_name = message(lang, &format!("month-{month}"));
    message_args(
        lang,
        "date",
        vec![("day", Arg::Number(day)), ("month", Arg::Text(month_name)), ("year", Arg::Text(year.to_string()))],
    )
}

/// A moment as `lang` writes it: the date, then the time of day in UTC ("24 November 2026, 14:05 UTC").
pub fn format_datetime(lang: Lang, timestamp: &str) -> String {
    let Some(time) = timestamp.get(11..16).filter(|t| t.as_bytes().get(2) == Some(&b':')) else {
        return format_date(lang, timestamp);
    };
    message_args(
        lang,
        "datetime",
        vec![("date", Arg::Text(format_date(lang, timestamp))), ("time", Arg::Text(time.to_string()))],
    )
}

const LANG_AR: u8 = 0;
const LANG_EN: u8 = 1;
const LANG_ES: u8 = 2;
const LANG_FR: u8 = 3;
const LANG_RU: u8 = 4;
const LANG_ZH: u8 = 5;

/// Fluent's number formatter for one language. Fluent takes a plain function (no closure), so the language is
/// a const parameter.
fn format_value<const L: u8, M>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(FluentNumber { value, .. }) = value else { return None };
    if value.fract() != 0.0 || value.abs() > 9.0e15 {
        return None;
    }
    let lang = match L {
        LANG_AR => Lang::Ar,
        LANG_ES => Lang::Es,
        LANG_FR => Lang::Fr,
        LANG_RU => Lang::Ru,
        LANG_ZH => Lang::Zh,
        _ => Lang::En,
    };
    // Checked above: an integer within f64's exact range.
    #[allow(clippy::cast_possible_truncation)]
    Some(format_number(lang, *value as i64))
}

fn langid(lang: Lang) -> LanguageIdentifier {
    // The six codes are valid BCP 47 language subtags; parsing one cannot fail.
    lang.code().parse().unwrap_or_default()
}

fn parse_date(s: &str) -> Option<(i64, i64, i64)> {
    let date = s.get(..10)?;
    let mut parts = date.split('-');
    let year = parts.next()?.parse::<i64>().ok()?;
    let month = parts.next()?.parse::<i64>().ok().filter(|m| (1..=12).contains(m))?;
    let day = parts.next()?.parse::<i64>().ok().filter(|d| (1..=31).contains(d))?;
    Some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_per_locale() {
        assert_eq!(format_number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(format_number(Lang::En, 999), "999");
        assert_eq!(format_number(Lang::Fr, 1234), "1\u{202f}234");
        assert_eq!(format_number(Lang::Ru, 251_000), "251\u{a0}000");
        assert_eq!(format_number(Lang::Es, 1234), "1234");
        assert_eq!(format_number(Lang::Es, 12_345), "12.345");
        assert_eq!(format_number(Lang::Ar, 1234), "1,234");
        assert_eq!(format_number(Lang::Zh, -1234), "-1,234");
    }

    #[test]
    fn numbers_in_messages_are_formatted_and_select_plurals() {
        let text = message_args(Lang::Fr, "entries-count", vec![("count", Arg::Number(1234))]);
        assert!(text.contains("1\u{202f}234"), "{text}");
        let one = message_args(Lang::En, "entries-count", vec![("count", Arg::Number(1))]);
        let many = message_args(Lang::En, "entries-count", vec![("count", Arg::Number(2))]);
        assert_ne!(one.replace('1', ""), many.replace('2', ""), "one and other differ: {one} / {many}");
    }

    #[test]
    fn dates_read_as_each_language_writes_them() {
        let at = "2026-11-24T14:05:09.123Z";
        assert_eq!(format_date(Lang::En, at), "24 November 2026");
        assert_eq!(format_date(Lang::Fr, at), "24 novembre 2026");
        assert_eq!(format_date(Lang::Fr, "2026-11-01"), "1er novembre 2026");
        assert_eq!(format_date(Lang::Es, at), "24 de noviembre de 2026");
        assert_eq!(format_date(Lang::Ru, at), "24 ноября 2026 г.");
        assert_eq!(format_date(Lang::Zh, at), "2026年11月24日");
        assert_eq!(format_date(Lang::Ar, at), "24 تشرين الثاني/نوفمبر 2026");
        assert_eq!(format_datetime(Lang::En, at), "24 November 2026, 14:05 UTC");
        assert_eq!(format_date(Lang::En, "not a date"), "not a date");
    }
}
