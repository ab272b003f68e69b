//! Entry use cases: create, update, read and list registry entries. Every write is validated in full (all field
//! problems reported at once), checked against the catalog, and stored with a revision saying who, when, what
//! and why.

use cogov_core::entry::{
    slugify, Entry, EntryKind, ExternalId, FieldError, Provenance, Revision, StakeholderGroup, Status, Tag,
};
use cogov_core::Text;
use cogov_store::EntryQuery;
use serde::Deserialize;

use crate::{App, AppError, Catalog};

/// What a person, an API client or an importer submits. Fields left `None` keep their current value on update.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryInput {
    pub kind: Option<EntryKind>,
    pub slug: Option<String>,
    pub status: Option<Status>,
    pub title: Option<Text>,
    pub summary: Option<Text>,
    pub stakeholder_group: Option<StakeholderGroup>,
    pub countries: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    pub website: Option<String>,
    pub external_ids: Option<Vec<ExternalId>>,
    pub tags: Option<Vec<Tag>>,
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Who makes a change and why: recorded in the revision.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub provenance: Provenance,
}

impl Actor {
    pub fn manual(id: &str) -> Self {
        Actor { id: id.to_string(), provenance: Provenance::Manual { by: id.to_string() } }
    }
}

/// Creates an entry (status `draft` unless given). Returns it as stored.
pub async fn create(app: &App, input: EntryInput, actor: &Actor, reason: &str) -> Result<Entry, AppError> {
    let now = cogov_store::now();
    let id = uuid::Uuid::now_v7().to_string();
    let kind = input
        .kind
        .ok_or_else(|| AppError::Validation(vec![FieldError::new("kind", "required", "kind is required")]))?;
    let mut entry = Entry {
        id: id.clone(),
        kind,
        slug: String::new(),
        status: Status::Draft,
        title: Text::default(),
        summary: Text::default(),
        stakeholder_group: None,
        countries: vec![],
        regions: vec![],
        website: None,
        external_ids: vec![],
        tags: vec![],
        provenance: actor.provenance.clone(),
        attributes: Default::default(),
        created_at: now.clone(),
        updated_at: now,
    };
    let explicit_slug = input.slug.is_some();
    apply(&mut entry, input);
    if !explicit_slug {
        entry.slug = free_slug(app, &entry).await?;
    }
    check(&app.catalog(), &entry)?;
    let revision = Revision {
        entry_id: id,
        number: 1,
        at: entry.created_at.clone(),
        actor: actor.id.clone(),
        reason: reason.to_string(),
        changes: entry.changes_since(None),
    };
    app.store().create_entry(&entry, &revision).await?;
    Ok(entry)
}

/// Applies `input` to an existing entry. Returns the entry and whether anything changed (an update that
/// changes nothing writes nothing).
pub async fn update(
    app: &App,
    id: &str,
    input: EntryInput,
    actor: &Actor,
    reason: &str,
) -> Result<(Entry, bool), AppError> {
    let before = app.store().entry(id).await?.ok_or_else(|| AppError::not_found(format!("entry '{id}'")))?;
    if input.kind.is_some_and(|k| k != before.kind) {
        return Err(AppError::Validation(vec![FieldError::new("kind", "immutable", "an entry's kind cannot change")]));
    }
    let mut entry = before.clone();
    apply(&mut entry, input);
    let changes = entry.changes_since(Some(&before));
    if changes.is_empty() {
        return Ok((before, false));
    }
    check(&app.catalog(), &entry)?;
    entry.updated_at = cogov_store::now();
    let number = app.store().revisions(id).await?.last().map_or(1, |r| r.number + 1);
    let revision = Revision {
        entry_id: entry.id.clone(),
        number,
        at: entry.updated_at.clone(),
        actor: actor.id.clone(),
        reason: reason.to_string(),
        changes,
    };
    app.store().update_entry(&entry, &revision).await?;
    Ok((entry, true))
}

/// An entry by id or slug.
pub async fn get(app: &App, id_or_slug: &str) -> Result<Entry, AppError> {
    let store = app.store();
    match store.entry(id_or_slug).await? {
        Some(e) => Ok(e),
        None => {
            store.entry_by_slug(id_or_slug).await?.ok_or_else(|| AppError::not_found(format!("entry '{id_or_slug}'")))
        }
    }
}

/// A page of entries and the cursor for the next page.
#[derive(Debug, Clone)]
pub struct EntryPage {
    pub entries: Vec<Entry>,
    pub total: i64,
    pub next: Option<String>,
}

/// Lists entries; `query.limit` is capped at 100. Unknown filter values are refused with the field named.
pub async fn list(app: &App, mut query: EntryQuery) -> Result<EntryPage, AppError> {
    for k in &query.kinds {
        k.parse::<EntryKind>().map_err(|e| AppError::invalid("kind", e.to_string()))?;
    }
    for s in &query.statuses {
        s.parse::<Status>().map_err(|e| AppError::invalid("status", e.to_string()))?;
    }
    let catalog = app.catalog();
    for c in query.countries.iter_mut() {
        *c = c.to_ascii_uppercase();
        if catalog.country(c).is_none() {
            return Err(AppError::invalid("country", format!("unknown country '{c}': use an ISO 3166-1 alpha-2 code")));
        }
    }
    for n in &query.nodes {
        if catalog.node(n).is_none() {
            return Err(AppError::invalid("node", format!("unknown framework node '{n}'")));
        }
    }
    query.limit = query.limit.clamp(1, 100);
    let total = app.store().count_entries(&EntryQuery { after_slug: None, ..query.clone() }).await?;
    let entries = app.store().list_entries(&query).await?;
    let next = (entries.len() as i64 == query.limit).then(|| entries.last().map(|e| e.slug.clone())).flatten();
    Ok(EntryPage { entries, total, next })
}

/// Checks an input as [`create`] would, without writing: every field problem at once. Importers use it to
/// validate a whole file before writing anything (`--strict`).
pub fn validate_input(catalog: &Catalog, input: &EntryInput) -> Result<(), AppError> {
    let kind = input
        .kind
        .ok_or_else(|| AppError::Validation(vec![FieldError::new("kind", "required", "kind is required")]))?;
    let mut entry = Entry {
        id: String::new(),
        kind,
        slug: "candidate".to_string(),
        status: Status::Draft,
        title: Text::default(),
        summary: Text::default(),
        stakeholder_group: None,
        countries: vec![],
        regions: vec![],
        website: None,
        external_ids: vec![],
        tags: vec![],
        provenance: Provenance::Manual { by: String::new() },
        attributes: Default::default(),
        created_at: String::new(),
        updated_at: String::new(),
    };
    apply(&mut entry, input.clone());
    check(catalog, &entry)
}

fn apply(entry: &mut Entry, input: EntryInput) {
    if let Some(v) = input.slug {
        entry.slug = v;
    }
    if let Some(v) = input.status {
        entry.status = v;
    }
    if let Some(v) = input.title {
        entry.title = normalise_text(v);
    }
    if let Some(v) = input.summary {
        entry.summary = normalise_text(v);
    }
    if input.stakeholder_group.is_some() {
        entry.stakeholder_group = input.stakeholder_group;
    }
    if let Some(v) = input.countries {
        entry.countries = v.into_iter().map(|c| c.trim().to_ascii_uppercase()).collect();
        entry.countries.sort();
        entry.countries.dedup();
    }
    if let Some(v) = input.regions {
        entry.regions = v;
    }
    if let Some(v) = input.website {
        entry.website = Some(v.trim().to_string()).filter(|w| !w.is_empty());
    }
    if let Some(v) = input.external_ids {
        entry.external_ids = v;
    }
    if let Some(v) = input.tags {
        entry.tags = v;
    }
    if let Some(v) = input.attributes {
        entry.attributes = v;
    }
}

fn normalise_text(mut text: Text) -> Text {
    text.values.retain(|_, v| !v.trim().is_empty());
    for v in text.values.values_mut() {
        *v = v.trim().to_string();
    }
    if text.original.as_ref().is_none_or(|o| !text.values.contains_key(o)) {
        text.original = Text::from_map(text.values.clone()).original;
    }
    text
}

/// The entry's own rules plus references to the catalog; every problem at once.
fn check(catalog: &Catalog, entry: &Entry) -> Result<(), AppError> {
    let mut errors = entry.validate();
    for (i, c) in entry.countries.iter().enumerate() {
        if catalog.country(c).is_none() {
            errors.push(FieldError::new(
                format!("countries[{i}]"),
                "unknown_country",
                format!("unknown country '{c}'"),
            ));
        }
    }
    for (i, r) in entry.regions.iter().enumerate() {
        if catalog.region(r).is_none() {
            errors.push(FieldError::new(
                format!("regions[{i}]"),
                "unknown_region",
                format!("unknown M49 region '{r}'"),
            ));
        }
    }
    for (i, t) in entry.tags.iter().enumerate() {
        if catalog.node(&t.node).is_none() {
            errors.push(FieldError::new(
                format!("tags[{i}].node"),
                "unknown_node",
                format!("unknown framework node '{}'", t.node),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// A slug from the title, made unique with a numeric suffix (-2 … -9), then with the id's tail: a bounded number
/// of lookups however many entries share a title (imports bring thousands of "Emergency response").
async fn free_slug(app: &App, entry: &Entry) -> Result<String, AppError> {
    let title = entry.title.get(cogov_core::Lang::En).map(|(_, t)| t).unwrap_or_default();
    let tail = &entry.id[entry.id.len().saturating_sub(8)..];
    let fallback = format!("{}-{tail}", entry.kind.code());
    let base = slugify(title, &fallback);
    let mut candidate = base.clone();
    for n in 2..=10 {
        if app.store().entry_by_slug(&candidate).await?.is_none() {
            return Ok(candidate);
        }
        candidate = if n < 10 { format!("{base}-{n}") } else { format!("{base}-{tail}") };
    }
    Ok(candidate)
}
