//! The Global Digital Compact implementation map: contributions to commitments and endorsements of the Compact.
//!
//! A [`Contribution`] is what an actor or an initiative (a registry entry) declares it does for one or more
//! commitments; an [`Endorsement`] is an actor's support for the Compact and some of its objectives. Both follow
//! the entries' review lifecycle (`status`: draft, submitted, published …) and keep revisions. The issue's
//! "status (planned, ongoing, completed)" of a contribution is [`Progress`], because `status` already names the
//! review lifecycle shared with entries.
//!
//! The rules here need no IO; whether a commitment, country or contributor exists is checked by the use cases
//! against the catalog and the store.

use serde::{Deserialize, Serialize};

use crate::entry::{is_http_url, FieldChange, FieldError, Provenance, Status};
use crate::Text;

/// Where a contribution's work stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Progress {
    Planned,
    Ongoing,
    Completed,
}

/// How well a contribution is backed: declared by its contributor, documented by public evidence links, or
/// verified (by a moderator once reviews exist; until then, by the operator who records it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceLevel {
    SelfDeclared,
    Documented,
    Verified,
}

use crate::entry::impl_codes as codes;

codes!(Progress, "progress", { Planned => "planned", Ongoing => "ongoing", Completed => "completed" });
codes!(EvidenceLevel, "evidence level", {
    SelfDeclared => "self-declared",
    Documented => "documented",
    Verified => "verified",
});

impl Progress {
    pub fn label(self) -> &'static str {
        match self {
            Progress::Planned => "Planned",
            Progress::Ongoing => "Ongoing",
            Progress::Completed => "Completed",
        }
    }
}

impl EvidenceLevel {
    pub fn label(self) -> &'static str {
        match self {
            EvidenceLevel::SelfDeclared => "Self-declared",
            EvidenceLevel::Documented => "Documented",
            EvidenceLevel::Verified => "Verified",
        }
    }
}

/// When the work runs: ISO dates (`YYYY-MM-DD`); no end means open-ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

impl Period {
    /// Whether the period overlaps `[from, to]` (either bound open). ISO dates compare as text.
    pub fn overlaps(&self, from: Option<&str>, to: Option<&str>) -> bool {
        let starts_in_time = to.is_none_or(|to| self.start.as_str() <= to);
        let ends_in_time = match (&self.end, from) {
            (Some(end), Some(from)) => end.as_str() >= from,
            _ => true,
        };
        starts_in_time && ends_in_time
    }
}

/// A public link backing a contribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceLink {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A declared contribution to GDC commitments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub id: String,
    /// The id of the contributing entry (an actor or an initiative).
    pub contributor: String,
    /// Review lifecycle, as for entries; only `published` contributions are public and counted.
    pub status: Status,
    /// GDC commitment node ids (`gdc:1.1.3`, `gdc:2.4`, `gdc:fu.2`), at least one.
    pub commitments: Vec<String>,
    /// Optional SDG goals, targets or indicators (`sdg:9.c`).
    #[serde(default)]
    pub sdg_targets: Vec<String>,
    /// Optional WSIS Action Lines (`wsis:C3`).
    #[serde(default)]
    pub wsis_lines: Vec<String>,
    pub title: Text,
    #[serde(default)]
    pub description: Text,
    pub period: Period,
    pub progress: Progress,
    /// ISO 3166-1 alpha-2 codes of the countries where it takes effect; empty means not country-specific.
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<EvidenceLink>,
    pub evidence_level: EvidenceLevel,
    pub provenance: Provenance,
    pub created_at: String,
    pub updated_at: String,
}

/// An actor's endorsement of the Compact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Endorsement {
    pub id: String,
    /// The id of the endorsing actor entry; one endorsement per actor.
    pub actor: String,
    pub status: Status,
    /// The date of the endorsement, `YYYY-MM-DD`.
    pub date: String,
    /// GDC objective node ids it supports (`gdc:1` … `gdc:5`), at least one.
    pub objectives: Vec<String>,
    #[serde(default)]
    pub statement: Text,
    pub provenance: Provenance,
    pub created_at: String,
    pub updated_at: String,
}

/// Fields that are bookkeeping, not content: they never appear in a revision's changes.
const BOOKKEEPING: &[&str] = &["updated_at", "created_at", "id"];

impl Contribution {
    /// The rules every contribution obeys, every problem at once. References (commitments, countries,
    /// contributor) are checked by the use cases.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.title.is_empty() {
            errors.push(FieldError::new("title", "required", "a title is required in at least one language"));
        }
        check_text("description", &self.description, &mut errors);
        if self.commitments.is_empty() {
            errors.push(FieldError::new("commitments", "required", "name at least one GDC commitment"));
        }
        duplicates("commitments", &self.commitments, &mut errors);
        duplicates("sdg_targets", &self.sdg_targets, &mut errors);
        duplicates("wsis_lines", &self.wsis_lines, &mut errors);
        if !valid_date(&self.period.start) {
            errors.push(FieldError::new(
                "period.start",
                "invalid_date",
                format!("'{}' is not a date (YYYY-MM-DD)", self.period.start),
            ));
        }
        if let Some(end) = &self.period.end {
            if !valid_date(end) {
                errors.push(FieldError::new(
                    "period.end",
                    "invalid_date",
                    format!("'{end}' is not a date (YYYY-MM-DD)"),
                ));
            } else if valid_date(&self.period.start) && end < &self.period.start {
                errors.push(FieldError::new(
                    "period.end",
                    "ends_before_start",
                    format!("the period ends ({end}) before it starts ({})", self.period.start),
                ));
            }
        }
        for (i, link) in self.evidence.iter().enumerate() {
            if !is_http_url(&link.url) {
                errors.push(FieldError::new(
                    format!("evidence[{i}].url"),
                    "invalid_url",
                    format!("'{}' is not an http(s) URL", link.url),
                ));
            }
        }
        if self.evidence_level != EvidenceLevel::SelfDeclared && self.evidence.is_empty() {
            errors.push(FieldError::new(
                "evidence_level",
                "evidence_required",
                format!("'{}' needs at least one evidence link", self.evidence_level),
            ));
        }
        errors
    }

    pub fn changes_since(&self, before: Option<&Contribution>) -> Vec<FieldChange> {
        diff_fields(before, self)
    }
}

impl Endorsement {
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !valid_date(&self.date) {
            errors.push(FieldError::new("date", "invalid_date", format!("'{}' is not a date (YYYY-MM-DD)", self.date)));
        }
        if self.objectives.is_empty() {
            errors.push(FieldError::new("objectives", "required", "name at least one GDC objective"));
        }
        duplicates("objectives", &self.objectives, &mut errors);
        check_text("statement", &self.statement, &mut errors);
        errors
    }

    pub fn changes_since(&self, before: Option<&Endorsement>) -> Vec<FieldChange> {
        diff_fields(before, self)
    }
}

/// Whether `s` is a calendar date `YYYY-MM-DD` (years 1900–2199; the Compact's horizon with margin).
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num =
        |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit()))?.parse::<u32>().ok();
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..2200).contains(&y) && (1..=days).contains(&d)
}

fn check_text(field: &str, text: &Text, errors: &mut Vec<FieldError>) {
    for (lang, value) in &text.values {
        if value.chars().count() > 20_000 {
            errors.push(FieldError::new(
                field,
                "too_long",
                format!("the {lang} text is longer than 20,000 characters"),
            ));
        }
    }
}

fn duplicates(field: &str, values: &[String], errors: &mut Vec<FieldError>) {
    let mut seen = std::collections::HashSet::new();
    for (i, v) in values.iter().enumerate() {
        if !seen.insert(v) {
            errors.push(FieldError::new(format!("{field}[{i}]"), "duplicate", format!("'{v}' is listed twice")));
        }
    }
}

/// Top-level fields that differ between two versions of a record, bookkeeping excluded.
fn diff_fields<T: Serialize>(before: Option<&T>, after: &T) -> Vec<FieldChange> {
    let object = |v: &T| match serde_json::to_value(v) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let after = object(after);
    let before = before.map(object).unwrap_or_default();
    let mut keys: Vec<&String> = after.keys().chain(before.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !BOOKKEEPING.contains(&k.as_str()))
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| FieldChange { field: k.clone(), before: before.get(k).cloned(), after: after.get(k).cloned() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn contribution() -> Contribution {
        Contribution {
            id: "c1".into(),
            contributor: "e1".into(),
            status: Status::Published,
            commitments: vec!["gdc:1.1.1".into()],
            sdg_targets: vec![],
            wsis_lines: vec![],
            title: Text::new("en", "Schools online"),
            description: Text::default(),
            period: Period { start: "2025-01-01".into(), end: Some("2026-12-31".into()) },
            progress: Progress::Ongoing,
            countries: vec!["KE".into()],
            evidence: vec![],
            evidence_level: EvidenceLevel::SelfDeclared,
            provenance: Provenance::Manual { by: "t".into() },
            created_at: "t0".into(),
            updated_at: "t0".into(),
        }
    }

    #[test]
    fn validation_names_every_bad_field() {
        assert!(contribution().validate().is_empty());
        let mut c = contribution();
        c.title = Text::default();
        c.commitments = vec![];
        c.period = Period { start: "2026-02-01".into(), end: Some("2026-01-31".into()) };
        c.evidence = vec![EvidenceLink { url: "ftp://example.org/report".into(), label: None }];
        c.evidence_level = EvidenceLevel::Documented;
        let errors = c.validate();
        let fields: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            fields,
            vec![
                ("title", "required"),
                ("commitments", "required"),
                ("period.end", "ends_before_start"),
                ("evidence[0].url", "invalid_url")
            ]
        );
        c.evidence.clear();
        assert!(c.validate().iter().any(|e| e.field == "evidence_level" && e.code == "evidence_required"));
    }

    #[test]
    fn dates_are_calendar_dates() {
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2025-02-29"));
        assert!(!valid_date("2025-13-01"));
        assert!(!valid_date("2025-1-01"));
        assert!(!valid_date("２０２５-01-01"));
    }

    #[test]
    fn periods_overlap_open_bounds() {
        let p = Period { start: "2025-03-01".into(), end: Some("2025-06-30".into()) };
        assert!(p.overlaps(Some("2025-01-01"), Some("2025-03-01")));
        assert!(!p.overlaps(Some("2025-07-01"), None));
        assert!(!p.overlaps(None, Some("2025-02-28")));
        let open = Period { start: "2025-03-01".into(), end: None };
        assert!(open.overlaps(Some("2030-01-01"), None));
    }

    #[test]
    fn changes_leave_out_bookkeeping() {
        let before = contribution();
        let mut after = contribution();
        after.updated_at = "t1".into();
        after.progress = Progress::Completed;
        let fields: Vec<String> = after.changes_since(Some(&before)).into_iter().map(|c| c.field).collect();
        assert_eq!(fields, vec!["progress"]);
        assert_eq!("verified".parse::<EvidenceLevel>(), Ok(EvidenceLevel::Verified));
        assert!("done".parse::<Progress>().is_err());
    }
}
