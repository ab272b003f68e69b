//! Country names as registries write them ("Tanzania", "Palestine State", "Czechia (Czech Republic)"),
//! resolved to ISO 3166-1 alpha-2 codes of the reference geography.

use std::collections::HashMap;

use cogov_core::geo::Country;

/// Names that differ from the UNTERM short names (and their French and Spanish forms) in a way the
/// normalisation does not bridge.
const ALIASES: &[(&str, &str)] = &[
    ("bolivia", "BO"),
    ("brunei", "BN"),
    ("cape verde", "CV"),
    ("congo brazzaville", "CG"),
    ("czech republic", "CZ"),
    ("democratic republic of congo", "CD"),
    ("dr congo", "CD"),
    ("drc", "CD"),
    ("east timor", "TL"),
    ("hong kong", "HK"),
    ("iran", "IR"),
    ("ivory coast", "CI"),
    ("korea", "KR"),
    ("laos", "LA"),
    ("macao", "MO"),
    ("macau", "MO"),
    ("micronesia", "FM"),
    ("moldova", "MD"),
    ("north korea", "KP"),
    ("palestine", "PS"),
    ("palestine state", "PS"),
    ("russia", "RU"),
    ("south korea", "KR"),
    ("swaziland", "SZ"),
    ("syria", "SY"),
    ("tanzania", "TZ"),
    ("turkey", "TR"),
    ("uk", "GB"),
    ("united kingdom", "GB"),
    ("united states", "US"),
    ("usa", "US"),
    ("vatican", "VA"),
    ("venezuela", "VE"),
    ("vietnam", "VN"),
    ("virgin islands british", "VG"),
    ("virgin islands us", "VI"),
    ("caribbean netherlands", "BQ"),
    ("saint helena ascension and tristan da cunha", "SH"),
    ("svalbard and jan mayen", "SJ"),
    ("wallis and futuna", "WF"),
    ("falkland islands malvinas", "FK"),
    ("kosovo", "XK"),
];

/// Resolves country names and codes to alpha-2 codes.
pub struct CountryNames {
    by_name: HashMap<String, String>,
}

impl CountryNames {
    pub fn new(countries: &[Country]) -> Self {
        let mut by_name = HashMap::new();
        for c in countries {
            by_name.insert(normalise(&c.iso2), c.iso2.clone());
            by_name.insert(normalise(&c.iso3), c.iso2.clone());
            for name in c.names.values() {
                by_name.insert(normalise(name), c.iso2.clone());
                by_name.insert(normalise(&strip_parentheses(name)), c.iso2.clone());
            }
        }
        for (alias, iso2) in ALIASES {
            if countries.iter().any(|c| c.iso2 == *iso2) {
                by_name.entry(normalise(alias)).or_insert_with(|| iso2.to_string());
            }
        }
        CountryNames { by_name }
    }

    /// The alpha-2 code of a name, trying the name as written, then without its parenthesised part, then the
    /// parenthesised part alone ("Czechia (Czech Republic)").
    pub fn resolve(&self, name: &str) -> Option<&str> {
        let stripped = strip_parentheses(name);
        let inner = name.split_once('(').and_then(|(_, r)| r.split_once(')')).map(|(i, _)| i.to_string());
        [Some(name.to_string()), Some(stripped), inner]
            .into_iter()
            .flatten()
            .find_map(|n| self.by_name.get(&normalise(&n)))
            .map(String::as_str)
    }
}

fn strip_parentheses(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Lowercase ASCII letters and digits separated by single spaces, accents folded, a leading "the" dropped.
fn normalise(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            '\'' | '’' | '.' => continue,
            c => cogov_core::entry::fold_accent(c),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let out = out.trim_end();
    out.strip_prefix("the ").unwrap_or(out).to_string()
}
