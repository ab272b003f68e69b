//! IATI codelist and identifier checks: what the XSD cannot say. Codes are checked against the IATI Standard's
//! codelists (`data/iati-codelists/codes.tsv`, extracted by `scripts/iati-codelists`), identifiers against the
//! IATI Standard ruleset (`iati-identifier`, `reporting-org/@ref`, `participating-org/@ref` must match
//! `^[^/&|?]+$`; the identifier starts with the reporting organisation's identifier or a previous one given as
//! `other-identifier[@type="B1"]`; an organisation identifier starts with an org-id.guide registration agency
//! prefix). A problem does not stop the activity from being imported: it becomes a flag on the entry, with
//! where (file, line, column) and the field, like the schema's problems.
//!
//! Codes of IATI 1.0x that the mapper understands (organisation roles `Funding`…, transaction types `IF`, `C`,
//! `D`…, date types `start-planned`…) are accepted; vocabularies that are not numbers (1.0x `DAC`, `RO`…) are
//! not checked, nor codes of vocabularies the codelists do not cover (e.g. 99, the publisher's own).

use std::sync::OnceLock;

use crate::iati::El;
use crate::iati_schema::Issue;

const CODES: &str = include_str!("../data/iati-codelists/codes.tsv");

/// The reader's sets of short strings looked up for each activity (codelists, the catalog's countries, regions
/// and nodes) use FxHash (`rustc-hash`): fixed sets, not keys an input file chooses, so SipHash's defence against
/// collisions made on purpose is not needed.
pub(crate) type FxSet<T> = rustc_hash::FxHashSet<T>;

struct Codelists {
    /// Codelist name → its codes (active and withdrawn: data published while a code was valid stays valid).
    lists: rustc_hash::FxHashMap<&'static str, FxSet<&'static str>>,
}

fn codelists() -> &'static Codelists {
    static LISTS: OnceLock<Codelists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut lists: rustc_hash::FxHashMap<&'static str, FxSet<&'static str>> = Default::default();
        for line in CODES.lines() {
            let mut parts = line.split('\t');
            if let (Some(list), Some(code)) = (parts.next(), parts.next()) {
                lists.entry(list).or_default().insert(code);
            }
        }
        Codelists { lists }
    })
}

/// Whether `code` is in the codelist `list`.
pub fn known(list: &str, code: &str) -> bool {
    codelists().lists.get(list).is_some_and(|codes| codes.contains(code))
}

/// The organisation registration agency prefix `reference` starts with (`GB-CHC` of `GB-CHC-202918`), if any.
pub fn agency_prefix(reference: &str) -> Option<&'static str> {
    let lists = codelists();
    let agencies = lists.lists.get("OrganisationRegistrationAgency")?;
    // Prefixes are `XX-YYY` (sometimes with more parts): try each `-` position, longest first.
    reference.rmatch_indices('-').find_map(|(i, _)| agencies.get(&reference[..i]).copied())
}

/// `^[^/&|?]+$` (the IATI ruleset's format of identifiers), no surrounding or inner white space either.
fn well_formed_identifier(id: &str) -> bool {
    !id.is_empty() && !id.contains(['/', '&', '|', '?']) && !id.contains(char::is_whitespace)
}

struct Check<'a> {
    out: &'a mut Vec<Issue>,
}

impl Check<'_> {
    fn flag(&mut self, el: El<'_>, path: String, message: String) {
        self.out.push(Issue { offset: el.offset(), path, message });
    }

    /// `iati-activity/A/B/@attr` from the segments `[A, B]` (written out only for a problem).
    fn path(segments: &[&str], attr: &str) -> String {
        let mut out = String::from("iati-activity");
        for s in segments {
            out.push('/');
            out.push_str(s);
        }
        if !attr.is_empty() {
            out.push_str("/@");
            out.push_str(attr);
        }
        out
    }

    /// `el/@attr` must be a code of `list` (when present and not empty), or one of `aliases` (IATI 1.0x).
    fn code(&mut self, el: El<'_>, path: &[&str], attr: &str, list: &str, aliases: &[&str]) {
        let Some(value) = el.attr_ref(attr) else { return };
        let code = value.trim();
        if code.is_empty() || known(list, code) || aliases.contains(&code) {
            return;
        }
        self.flag(el, Self::path(path, attr), format!("'{code}' is not a code of the IATI {list} codelist"));
    }

    /// A numeric vocabulary attribute must be in `list`; returns the vocabulary (`default` when absent or
    /// empty).
    fn vocabulary<'e>(&mut self, el: El<'e>, path: &[&str], list: &str, default: &'e str) -> &'e str {
        let vocabulary = el.attr_ref("vocabulary").map(str::trim).filter(|v| !v.is_empty()).unwrap_or(default);
        if vocabulary.bytes().all(|b| b.is_ascii_digit()) && !known(list, vocabulary) {
            self.flag(
                el,
                Self::path(path, "vocabulary"),
                format!("'{vocabulary}' is not a code of the IATI {list} codelist"),
            );
        }
        vocabulary
    }

    fn org_ref(&mut self, el: El<'_>, path: &[&str]) -> Option<String> {
        let reference = el.attr_ref("ref")?;
        if reference.trim().is_empty() {
            return None;
        }
        if !well_formed_identifier(reference) {
            self.flag(
                el,
                Self::path(path, "ref"),
                format!("malformed organisation identifier '{reference}': no spaces, '/', '&', '|' or '?' allowed"),
            );
        } else if agency_prefix(reference).is_none() {
            self.flag(
                el,
                Self::path(path, "ref"),
                format!(
                    "organisation identifier '{reference}' does not start with a registration agency prefix \
                     (IATI OrganisationRegistrationAgency codelist, e.g. GB-CHC-, XM-DAC-)"
                ),
            );
        }
        Some(reference.trim().to_string())
    }
}

const ROLES_1X: &[&str] = &["Funding", "Accountable", "Extending", "Implementing"];
const DATES_1X: &[&str] = &["start-planned", "start-actual", "end-planned", "end-actual"];
const TRANSACTIONS_1X: &[&str] = &["IF", "C", "D", "E", "IR", "LR", "R", "QP", "QS", "CG"];

/// The codelist and identifier problems of one activity.
pub(crate) fn check_activity(a: El<'_>) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut c = Check { out: &mut out };
    if let Some(currency) = a.attr_ref("default-currency").map(str::trim).filter(|v| !v.is_empty()) {
        if !known("Currency", currency) {
            c.flag(
                a,
                Check::path(&[], "default-currency"),
                format!("'{currency}' is not a code of the IATI Currency codelist"),
            );
        }
    }
    let mut reporting_ref = None;
    let mut previous_refs = Vec::new();
    for el in a.elements() {
        let name: &str = el.name();
        let path = &[name][..];
        match name {
            "reporting-org" => {
                reporting_ref = c.org_ref(el, path);
                c.code(el, path, "type", "OrganisationType", &[]);
            }
            "participating-org" => {
                if let Some(reference) = el.attr_ref("ref").filter(|r| !r.trim().is_empty()) {
                    if !well_formed_identifier(reference) {
                        c.flag(
                            el,
                            Check::path(path, "ref"),
                            format!(
                                "malformed organisation identifier '{reference}': no spaces, '/', '&', '|' or '?' \
                                 allowed"
                            ),
                        );
                    }
                }
                c.code(el, path, "type", "OrganisationType", &[]);
                c.code(el, path, "role", "OrganisationRole", ROLES_1X);
            }
            "other-identifier" if el.attr_ref("type") == Some("B1") => {
                if let Some(r) = el.attr_ref("ref").map(str::trim).filter(|r| !r.is_empty()) {
                    previous_refs.push(r.to_string());
                }
            }
            "activity-status" => c.code(el, path, "code", "ActivityStatus", &[]),
            "activity-date" => c.code(el, path, "type", "ActivityDateType", DATES_1X),
            "recipient-country" => {
                if let Some(code) = el.attr_ref("code").map(str::trim).filter(|v| !v.is_empty()) {
                    let upper = match code.bytes().any(|b| b.is_ascii_lowercase()) {
                        true => std::borrow::Cow::Owned(code.to_ascii_uppercase()),
                        false => std::borrow::Cow::Borrowed(code),
                    };
                    if !known("Country", &upper) {
                        c.flag(
                            el,
                            Check::path(path, "code"),
                            format!("'{code}' is not a code of the IATI Country codelist"),
                        );
                    }
                }
            }
            "recipient-region" => {
                let vocabulary = c.vocabulary(el, path, "RegionVocabulary", "1");
                if vocabulary == "1" {
                    c.code(el, path, "code", "Region", &[]);
                }
            }
            "sector" => match c.vocabulary(el, path, "SectorVocabulary", "1") {
                "1" | "DAC" => c.code(el, path, "code", "Sector", &[]),
                "2" | "DAC-3" => c.code(el, path, "code", "SectorCategory", &[]),
                "7" => c.code(el, path, "code", "UNSDG-Goals", &[]),
                "8" => c.code(el, path, "code", "UNSDG-Targets", &[]),
                _ => {}
            },
            "tag" => match c.vocabulary(el, path, "TagVocabulary", "") {
                "2" => c.code(el, path, "code", "UNSDG-Goals", &[]),
                "3" => c.code(el, path, "code", "UNSDG-Targets", &[]),
                _ => {}
            },
            "budget" => {
                for v in el.elements().filter(|v| v.name() == "value") {
                    c.code(v, &[name, "value"], "currency", "Currency", &[]);
                }
            }
            "transaction" => {
                for t in el.elements() {
                    match t.name() {
                        "transaction-type" => {
                            c.code(t, &[name, "transaction-type"], "code", "TransactionType", TRANSACTIONS_1X)
                        }
                        "value" => c.code(t, &[name, "value"], "currency", "Currency", &[]),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(id_el) = a.elements().find(|e| e.name() == "iati-identifier") {
        let text = id_el.text_ref();
        let id = text.trim();
        let path = || Check::path(&["iati-identifier"], "");
        if !id.is_empty() {
            if !well_formed_identifier(id) {
                c.flag(
                    id_el,
                    path(),
                    format!("malformed iati-identifier '{id}': no spaces, '/', '&', '|' or '?' allowed"),
                );
            } else if let Some(reporting) = &reporting_ref {
                if !id.starts_with(reporting.as_str()) && !previous_refs.iter().any(|r| id.starts_with(r.as_str())) {
                    c.flag(
                        id_el,
                        path(),
                        format!(
                            "iati-identifier '{id}' does not start with the reporting organisation's identifier \
                             '{reporting}' (nor a previous one given as other-identifier type B1)"
                        ),
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codelists_hold_their_codes() {
        assert!(known("Sector", "15110"));
        assert!(known("SectorCategory", "151"));
        assert!(known("Country", "ML"));
        assert!(known("Region", "289"));
        assert!(known("ActivityStatus", "2"));
        assert!(known("OrganisationType", "21"));
        assert!(known("UNSDG-Targets", "16.10"));
        assert!(!known("Sector", "99999"));
        assert!(!known("Country", "XX"));
        assert_eq!(agency_prefix("GB-CHC-202918"), Some("GB-CHC"));
        assert_eq!(agency_prefix("XM-DAC-41301"), Some("XM-DAC"));
        assert_eq!(agency_prefix("41301"), None);
        assert!(well_formed_identifier("GB-CHC-202918-MLIB06"));
        for bad in ["GB/1", "A&B", "a|b", "x?", "GB 1", ""] {
            assert!(!well_formed_identifier(bad), "{bad}");
        }
    }
}
