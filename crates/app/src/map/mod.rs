//! The Global Digital Compact implementation map: contributions to commitments, endorsements of the Compact,
//! and coverage (see [`coverage`]). Every write is validated in full against the catalog and the store — unknown
//! commitments, periods that end before they start, unknown countries, evidence links that are not http(s) are
//! field errors, and nothing is written — and stored with a revision (who, when, what, why).
//!
//! Until accounts and reviews exist, contributions and endorsements are recorded by operators through these use
//! cases (CLI, importers); `status` follows the entries' lifecycle and only `published` records are public.

use cogov_core::contribution::{valid_date, Contribution, Endorsement, EvidenceLevel, EvidenceLink, Period, Progress};
use cogov_core::entry::{Entry, EntryKind, FieldError, Revision, Status};
use cogov_core::Text;
use cogov_store::ContributionQuery;
use serde::{Deserialize, Serialize};

use crate::entries::Actor;
use crate::{App, AppError, Catalog};

pub mod coverage;
pub mod sample;

pub use coverage::MapState;

/// The framework the map is about, and the levels of its nodes it counts.
pub const MAP_FRAMEWORK: &str = "gdc";
pub const COMMITMENT_LEVEL: &str = "commitment";
pub const OBJECTIVE_LEVEL: &str = "objective";

/// A contribution as submitted. Fields left `None` keep their value on update.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContributionInput {
    /// The contributing entry, by id or slug (an actor or an initiative).
    pub contributor: Option<String>,
    pub status: Option<Status>,
    pub commitments: Option<Vec<String>>,
    pub sdg_targets: Option<Vec<String>>,
    pub wsis_lines: Option<Vec<String>>,
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub period: Option<Period>,
    pub progress: Option<Progress>,
    pub countries: Option<Vec<String>>,
    pub evidence: Option<Vec<EvidenceLink>>,
    pub evidence_level: Option<EvidenceLevel>,
}

/// An endorsement as submitted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EndorsementInput {
    /// The endorsing actor, by id or slug.
    pub actor: Option<String>,
    pub status: Option<Status>,
    pub date: Option<String>,
    pub objectives: Option<Vec<String>>,
    pub statement: Option<Text>,
}

/// Records a contribution (status `draft` unless given). Returns it as stored.
pub async fn create_contribution(
    app: &App,
    input: ContributionInput,
    actor: &Actor,
    reason: &str,
) -> Result<Contribution, AppError> {
    let contribution = new_contribution(app, input, actor).await?;
    let revision =
        first_revision(&contribution.id, &contribution.created_at, actor, reason, contribution.changes_since(None));
    app.store().create_contribution(&contribution, &revision).await?;
    Ok(contribution)
}

/// Validates a new contribution in full without writing it (importers check a whole file first).
pub async fn new_contribution(app: &App, input: ContributionInput, actor: &Actor) -> Result<Contribution, AppError> {
    let now = cogov_store::now();
    let mut errors = Vec::new();
    if input.period.is_none() {
        errors.push(FieldError::new("period", "required", "a period with at least a start date is required"));
    }
    if input.progress.is_none() {
        errors.push(FieldError::new("progress", "required", "progress is required: planned, ongoing or completed"));
    }
    let contributor = resolve_entry(app, "contributor", input.contributor.as_deref(), &mut errors).await?;
    let mut c = Contribution {
        id: uuid::Uuid::now_v7().to_string(),
        contributor: String::new(),
        status: Status::Draft,
        commitments: vec![],
        sdg_targets: vec![],
        wsis_lines: vec![],
        title: Text::default(),
        description: Text::default(),
        period: Period { start: String::new(), end: None },
        progress: Progress::Planned,
        countries: vec![],
        evidence: vec![],
        evidence_level: EvidenceLevel::SelfDeclared,
        provenance: actor.provenance.clone(),
        created_at: now.clone(),
        updated_at: now,
    };
    apply_contribution(&mut c, input, contributor.as_ref());
    check_contribution(&app.catalog(), &c, contributor.as_ref(), errors)?;
    Ok(c)
}

/// Applies `input` to a stored contribution. Returns it and whether anything changed (nothing changed: nothing
/// written).
pub async fn update_contribution(
    app: &App,
    id: &str,
    input: ContributionInput,
    actor: &Actor,
    reason: &str,
) -> Result<(Contribution, bool), AppError> {
    match prepare_contribution_update(app, id, input, actor, reason).await? {
        Prepared::Unchanged(before) => Ok((before, false)),
        Prepared::Changed(c, revision) => {
            app.store().update_contribution(&c, &revision).await?;
            Ok((c, true))
        }
    }
}

/// What an update would write, checked in full, without writing it.
#[derive(Debug, Clone)]
pub enum Prepared<T> {
    /// The input changes nothing.
    Unchanged(T),
    /// The record as it would be stored and its next revision.
    Changed(T, Revision),
}

/// [`update_contribution`] without the write (reviews write it together with their decision).
pub async fn prepare_contribution_update(
    app: &App,
    id: &str,
    input: ContributionInput,
    actor: &Actor,
    reason: &str,
) -> Result<Prepared<Contribution>, AppError> {
    let before =
        app.store().contribution(id).await?.ok_or_else(|| AppError::not_found(format!("contribution '{id}'")))?;
    let mut errors = Vec::new();
    let contributor = match input.contributor.as_deref() {
        Some(c) => resolve_entry(app, "contributor", Some(c), &mut errors).await?,
        None => app.store().entry(&before.contributor).await?,
    };
    let mut c = before.clone();
    apply_contribution(&mut c, input, contributor.as_ref());
    let changes = c.changes_since(Some(&before));
    if changes.is_empty() && errors.is_empty() {
        return Ok(Prepared::Unchanged(before));
    }
    check_contribution(&app.catalog(), &c, contributor.as_ref(), errors)?;
    c.updated_at = cogov_store::now();
    let number = app.store().map_revisions("contribution", id).await?.last().map_or(1, |r| r.number + 1);
    let revision = Revision {
        entry_id: c.id.clone(),
        number,
        at: c.updated_at.clone(),
        actor: actor.id.clone(),
        reason: reason.to_string(),
        changes,
    };
    Ok(Prepared::Changed(c, revision))
}

/// A contribution by id, any status (callers showing it publicly check `status`).
pub async fn contribution(app: &App, id: &str) -> Result<Contribution, AppError> {
    app.store().contribution(id).await?.ok_or_else(|| AppError::not_found(format!("contribution '{id}'")))
}

/// Published contributions matching `query` (its `statuses` are replaced), up to 10,000.
pub async fn published_contributions(app: &App, mut query: ContributionQuery) -> Result<Vec<Contribution>, AppError> {
    query.statuses = vec![Status::Published.code().to_string()];
    if query.limit == 0 {
        query.limit = 10_000;
    }
    Ok(app.store().list_contributions(&query).await?)
}

/// Records an endorsement (status `draft` unless given). An actor endorses once; later changes are updates.
pub async fn create_endorsement(
    app: &App,
    input: EndorsementInput,
    actor: &Actor,
    reason: &str,
) -> Result<Endorsement, AppError> {
    let (e, revision) = prepare_endorsement(app, input, actor, reason).await?;
    app.store().create_endorsement(&e, &revision).await?;
    Ok(e)
}

/// [`create_endorsement`] without the write: the endorsement and its first revision, checked in full.
pub async fn prepare_endorsement(
    app: &App,
    input: EndorsementInput,
    actor: &Actor,
    reason: &str,
) -> Result<(Endorsement, Revision), AppError> {
    let now = cogov_store::now();
    let mut errors = Vec::new();
    let endorser = resolve_entry(app, "actor", input.actor.as_deref(), &mut errors).await?;
    if input.date.is_none() {
        errors.push(FieldError::new("date", "required", "the date of the endorsement is required"));
    }
    let mut e = Endorsement {
        id: uuid::Uuid::now_v7().to_string(),
        actor: endorser.as_ref().map(|x| x.id.clone()).unwrap_or_default(),
        status: input.status.unwrap_or(Status::Draft),
        date: input.date.clone().unwrap_or_default(),
        objectives: vec![],
        statement: Text::default(),
        provenance: actor.provenance.clone(),
        created_at: now.clone(),
        updated_at: now,
    };
    apply_endorsement(&mut e, input);
    check_endorsement(&app.catalog(), &e, endorser.as_ref(), errors)?;
    if let Some(existing) = app.store().endorsement_by_actor(&e.actor).await? {
        return Err(AppError::Conflict {
            field: "actor".into(),
            message: format!(
                "this actor already endorsed the Compact (endorsement {}): update it instead",
                existing.id
            ),
        });
    }
    let revision = first_revision(&e.id, &e.created_at, actor, reason, e.changes_since(None));
    Ok((e, revision))
}

/// Applies `input` to a stored endorsement (its actor cannot change).
pub async fn update_endorsement(
    app: &App,
    id: &str,
    input: EndorsementInput,
    actor: &Actor,
    reason: &str,
) -> Result<(Endorsement, bool), AppError> {
    match prepare_endorsement_update(app, id, input, actor, reason).await? {
        Prepared::Unchanged(before) => Ok((before, false)),
        Prepared::Changed(e, revision) => {
            app.store().update_endorsement(&e, &revision).await?;
            Ok((e, true))
        }
    }
}

/// [`update_endorsement`] without the write.
pub async fn prepare_endorsement_update(
    app: &App,
    id: &str,
    input: EndorsementInput,
    actor: &Actor,
    reason: &str,
) -> Result<Prepared<Endorsement>, AppError> {
    let before =
        app.store().endorsement(id).await?.ok_or_else(|| AppError::not_found(format!("endorsement '{id}'")))?;
    let endorser = app.store().entry(&before.actor).await?;
    if let Some(a) = input.actor.as_deref() {
        if endorser.as_ref().is_none_or(|x| x.id != a && x.slug != a) {
            return Err(AppError::Validation(vec![FieldError::new(
                "actor",
                "immutable",
                "an endorsement's actor cannot change",
            )]));
        }
    }
    let mut e = before.clone();
    if let Some(d) = &input.date {
        e.date = d.trim().to_string();
    }
    apply_endorsement(&mut e, input);
    let changes = e.changes_since(Some(&before));
    if changes.is_empty() {
        return Ok(Prepared::Unchanged(before));
    }
    check_endorsement(&app.catalog(), &e, endorser.as_ref(), vec![])?;
    e.updated_at = cogov_store::now();
    let number = app.store().map_revisions("endorsement", id).await?.last().map_or(1, |r| r.number + 1);
    let revision = Revision {
        entry_id: e.id.clone(),
        number,
        at: e.updated_at.clone(),
        actor: actor.id.clone(),
        reason: reason.to_string(),
        changes,
    };
    Ok(Prepared::Changed(e, revision))
}

/// The GDC commitments, in framework order.
pub fn commitments(catalog: &Catalog) -> Vec<&cogov_core::framework::Node> {
    catalog.nodes.iter().filter(|n| n.framework() == MAP_FRAMEWORK && n.level == COMMITMENT_LEVEL).collect()
}

/// The GDC objectives, in framework order.
pub fn objectives(catalog: &Catalog) -> Vec<&cogov_core::framework::Node> {
    catalog.nodes.iter().filter(|n| n.framework() == MAP_FRAMEWORK && n.level == OBJECTIVE_LEVEL).collect()
}

/// The objective (or top-level section) a GDC node sits under.
pub fn objective_of<'a>(catalog: &'a Catalog, id: &str) -> Option<&'a cogov_core::framework::Node> {
    catalog.ancestors(id).into_iter().next().or_else(|| catalog.node(id))
}

fn first_revision(
    id: &str,
    at: &str,
    actor: &Actor,
    reason: &str,
    changes: Vec<cogov_core::entry::FieldChange>,
) -> Revision {
    Revision {
        entry_id: id.to_string(),
        number: 1,
        at: at.to_string(),
        actor: actor.id.clone(),
        reason: reason.to_string(),
        changes,
    }
}

/// An entry named by id or slug; a missing reference becomes a field error (collected, not returned early).
async fn resolve_entry(
    app: &App,
    field: &str,
    reference: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> Result<Option<Entry>, AppError> {
    let Some(reference) = reference.map(str::trim).filter(|r| !r.is_empty()) else {
        errors.push(FieldError::new(field, "required", format!("{field} is required (an entry id or slug)")));
        return Ok(None);
    };
    let found = match app.store().entry(reference).await? {
        Some(e) => Some(e),
        None => app.store().entry_by_slug(reference).await?,
    };
    if found.is_none() {
        errors.push(FieldError::new(field, "unknown_entry", format!("no entry '{reference}'")));
    }
    Ok(found)
}

fn clean_list(values: Vec<String>, upper: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let v = if upper { v.trim().to_ascii_uppercase() } else { v.trim().to_string() };
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn apply_contribution(c: &mut Contribution, input: ContributionInput, contributor: Option<&Entry>) {
    if let Some(e) = contributor {
        c.contributor = e.id.clone();
    }
    if let Some(v) = input.status {
        c.status = v;
    }
    if let Some(v) = input.commitments {
        c.commitments = clean_list(v, false);
    }
    if let Some(v) = input.sdg_targets {
        c.sdg_targets = clean_list(v, false);
    }
    if let Some(v) = input.wsis_lines {
        c.wsis_lines = clean_list(v, false);
    }
    if let Some(v) = input.title {
        c.title = normalise(v);
    }
    if let Some(v) = input.description {
        c.description = normalise(v);
    }
    if let Some(v) = input.period {
        c.period = Period {
            start: v.start.trim().to_string(),
            end: v.end.map(|e| e.trim().to_string()).filter(|e| !e.is_empty()),
        };
    }
    if let Some(v) = input.progress {
        c.progress = v;
    }
    if let Some(v) = input.countries {
        c.countries = clean_list(v, true);
        c.countries.sort();
    }
    if let Some(v) = input.evidence {
        c.evidence = v.into_iter().map(|l| EvidenceLink { url: l.url.trim().to_string(), label: l.label }).collect();
    }
    if let Some(v) = input.evidence_level {
        c.evidence_level = v;
    }
}

fn apply_endorsement(e: &mut Endorsement, input: EndorsementInput) {
    if let Some(v) = input.status {
        e.status = v;
    }
    if let Some(v) = input.objectives {
        e.objectives = clean_list(v, false);
    }
    if let Some(v) = input.statement {
        e.statement = normalise(v);
    }
}

fn normalise(mut text: Text) -> Text {
    text.values.retain(|_, v| !v.trim().is_empty());
    for v in text.values.values_mut() {
        *v = v.trim().to_string();
    }
    if text.original.as_ref().is_none_or(|o| !text.values.contains_key(o)) {
        text.original = Text::from_map(text.values.clone()).original;
    }
    text
}

/// The contribution's own rules plus its references, every problem at once.
fn check_contribution(
    catalog: &Catalog,
    c: &Contribution,
    contributor: Option<&Entry>,
    mut errors: Vec<FieldError>,
) -> Result<(), AppError> {
    let period_missing = errors.iter().any(|e| e.field == "period");
    errors.extend(c.validate().into_iter().filter(|e| !(period_missing && e.field.starts_with("period"))));
    if let Some(e) = contributor {
        if !matches!(e.kind, EntryKind::Actor | EntryKind::Initiative) {
            errors.push(FieldError::new(
                "contributor",
                "not_allowed",
                format!(
                    "'{}' is a {}: contributors are organizations or initiatives",
                    e.slug,
                    e.kind.label().to_lowercase()
                ),
            ));
        }
    }
    for (i, id) in c.commitments.iter().enumerate() {
        let ok = catalog.node(id).is_some_and(|n| n.framework() == MAP_FRAMEWORK && n.level == COMMITMENT_LEVEL);
        if !ok {
            errors.push(FieldError::new(
                format!("commitments[{i}]"),
                "unknown_commitment",
                format!("'{id}' is not a Global Digital Compact commitment (e.g. gdc:1.1.3, gdc:2.4)"),
            ));
        }
    }
    for (field, framework, values) in [("sdg_targets", "sdg", &c.sdg_targets), ("wsis_lines", "wsis", &c.wsis_lines)] {
        for (i, id) in values.iter().enumerate() {
            if catalog.node(id).is_none_or(|n| n.framework() != framework) {
                errors.push(FieldError::new(
                    format!("{field}[{i}]"),
                    "unknown_node",
                    format!("'{id}' is not a node of the {framework} framework"),
                ));
            }
        }
    }
    for (i, iso2) in c.countries.iter().enumerate() {
        if catalog.country(iso2).is_none() {
            errors.push(FieldError::new(
                format!("countries[{i}]"),
                "unknown_country",
                format!("unknown country '{iso2}': use an ISO 3166-1 alpha-2 code"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

fn check_endorsement(
    catalog: &Catalog,
    e: &Endorsement,
    endorser: Option<&Entry>,
    mut errors: Vec<FieldError>,
) -> Result<(), AppError> {
    let date_missing = errors.iter().any(|x| x.field == "date");
    errors.extend(e.validate().into_iter().filter(|x| !(date_missing && x.field == "date")));
    if let Some(a) = endorser {
        if a.kind != EntryKind::Actor {
            errors.push(FieldError::new("actor", "not_allowed", format!("'{}' is not an organization", a.slug)));
        }
    }
    for (i, id) in e.objectives.iter().enumerate() {
        if catalog.node(id).is_none_or(|n| n.framework() != MAP_FRAMEWORK || n.level != OBJECTIVE_LEVEL) {
            errors.push(FieldError::new(
                format!("objectives[{i}]"),
                "unknown_objective",
                format!("'{id}' is not a Global Digital Compact objective (gdc:1 … gdc:5)"),
            ));
        }
    }
    if !e.date.is_empty() && !valid_date(&e.date) && !errors.iter().any(|x| x.field == "date") {
        errors.push(FieldError::new("date", "invalid_date", format!("'{}' is not a date (YYYY-MM-DD)", e.date)));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}
