//! Languages and multilingual text.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The six official UN languages, in which cogov's interface and reference data exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    En,
    Es,
    Fr,
    Ru,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru, Lang::Zh];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
        }
    }

    /// The language's own name for itself, for language switchers.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
            Lang::Zh => "中文",
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language '{0}': expected one of ar, en, es, fr, ru, zh")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts the bare code and common tags (`zh-Hans`, `zh-CN`, `en-GB`, `fr_FR`), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Ok(Lang::Ar),
            "en" => Ok(Lang::En),
            "es" => Ok(Lang::Es),
            "fr" => Ok(Lang::Fr),
            "ru" => Ok(Lang::Ru),
            "zh" | "cn" => Ok(Lang::Zh),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

/// Text that people or documents wrote, in one or more languages.
///
/// `values` maps a language code to the text in that language. Codes are kept as strings (BCP 47 primary tags)
/// because user content may arrive in languages beyond the six UN ones; `original` marks the language it was
/// first written in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Text {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    pub values: BTreeMap<String, String>,
}

impl Text {
    pub fn new(lang: &str, text: impl Into<String>) -> Self {
        let mut values = BTreeMap::new();
        values.insert(lang.to_string(), text.into());
        Text { original: Some(lang.to_string()), values }
    }

    pub fn from_map(values: BTreeMap<String, String>) -> Self {
        let original = if values.contains_key("en") { Some("en".to_string()) } else { values.keys().next().cloned() };
        Text { original, values }
    }

    pub fn is_empty(&self) -> bool {
        self.values.values().all(|v| v.trim().is_empty())
    }

    /// The text in `lang` if present, else the original, else any: with the language actually returned, so
    /// pages can mark it with `lang`.
    pub fn get(&self, lang: Lang) -> Option<(&str, &str)> {
        if let Some((l, v)) = self.values.get_key_value(lang.code()) {
            return Some((l.as_str(), v.as_str()));
        }
        if let Some(orig) = &self.original {
            if let Some((l, v)) = self.values.get_key_value(orig) {
                return Some((l.as_str(), v.as_str()));
            }
        }
        if let Some((l, v)) = self.values.get_key_value("en") {
            return Some((l.as_str(), v.as_str()));
        }
        self.values.iter().next().map(|(l, v)| (l.as_str(), v.as_str()))
    }

    /// The text in `lang` or its fallback, or the empty string.
    pub fn display(&self, lang: Lang) -> &str {
        self.get(lang).map(|(_, v)| v).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_tags() {
        assert_eq!("zh-Hans".parse::<Lang>(), Ok(Lang::Zh));
        assert_eq!("EN-gb".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("fr_FR".parse::<Lang>(), Ok(Lang::Fr));
        assert!("de".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
    }

    #[test]
    fn text_falls_back_to_original_then_english() {
        let mut t = Text::new("fr", "Bonjour");
        t.values.insert("en".into(), "Hello".into());
        assert_eq!(t.get(Lang::En), Some(("en", "Hello")));
        assert_eq!(t.get(Lang::Ar), Some(("fr", "Bonjour")));
        let t2 = Text::from_map([("es".to_string(), "Hola".to_string())].into());
        assert_eq!(t2.get(Lang::Zh), Some(("es", "Hola")));
        assert_eq!(Text::default().display(Lang::En), "");
    }
}
