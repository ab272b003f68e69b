//! Entry use cases: create, update, read and list registry entries. Every write is validated in full (all field
//! problems reported at once), checked against the catalog, and stored with a revision saying who, when, what
//! and why.

use cogov_core::entry::{
    slugify, Entry, EntryKind, ExternalId, FieldError, Provenance, Revision, StakeholderGroup, Status, Tag,
};
use cogov_core::Text;
use cogov_store::{EntryQuery, EntryWrite, WriteJson};
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
    /// `attributes` given as the JSON text of an object, exactly as serde_json writes it (importers build large
    /// attributes as text: an entry created by [`prepare_creates_to_write`] gets them in its document as they are,
    /// never as a `serde_json::Value`). Any other use parses them into `attributes` (given both, these win).
    /// The text may start with spaces: room for the document's members before `attributes`, which are then
    /// written there instead of moving the attributes (`cogov_core::entry::with_attributes_json`). It may hold
    /// deferred strings (`cogov_core::entry::DEFERRED`): a store that packs documents keeps them so (its reads
    /// expand them); every other use expands them first.
    #[serde(skip)]
    pub attributes_json: Option<String>,
}

impl EntryInput {
    /// Moves `attributes_json`, if any, into `attributes` (parsed); on an error it stays as it was.
    pub fn parse_attributes_json(&mut self) -> Result<(), AppError> {
        if let Some(json) = &self.attributes_json {
            let parsed = serde_json::from_str(&cogov_core::entry::expand_deferred(json))
                .map_err(|e| AppError::invalid("attributes", format!("not a JSON object: {e}")))?;
            self.attributes = Some(parsed);
            self.attributes_json = None;
        }
        Ok(())
    }
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
    let mut prepared = prepare_creates(app, vec![(input, actor.clone())], reason).await?;
    let write = prepared.pop().unwrap_or_else(|| Err(AppError::invalid("entry", "nothing to create")))?;
    app.store().write_entries(std::slice::from_ref(&write)).await?;
    Ok(write.entry)
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
    let last = app.store().revisions(id).await?.last().map_or(0, |r| r.number);
    match prepare_update(&app.catalog(), &before, last, input, actor, reason)? {
        None => Ok((before, false)),
        Some(write) => {
            app.store().write_entries(std::slice::from_ref(&write)).await?;
            Ok((write.entry, true))
        }
    }
}

/// The write [`create`] makes, for each of a batch of inputs, without writing: every input checked in full
/// (its own result), slugs derived from titles made unique against the store (one query for the batch) and
/// against each other. Importers write the results with [`cogov_store::Store::write_entries`].
pub async fn prepare_creates(
    app: &App,
    items: Vec<(EntryInput, Actor)>,
    reason: &str,
) -> Result<Vec<Result<EntryWrite, AppError>>, AppError> {
    prepare_creates_as(app, items, reason, true, &mut Default::default()).await
}

/// As [`prepare_creates`], but with each entry's document as JSON (`EntryWrite::json`) and revision 1's
/// `changes` left empty (the store does not write them for a create: they are cut from the document when
/// read): for importers, which only write. `known` slugs count as taken without asking the store (an
/// importer's writes not committed yet, and what its earlier batches found taken).
pub async fn prepare_creates_to_write(
    app: &App,
    items: Vec<(EntryInput, Actor)>,
    reason: &str,
    known: &mut KnownSlugs,
) -> Result<Vec<Result<EntryWrite, AppError>>, AppError> {
    prepare_creates_as(app, items, reason, false, known).await
}

/// Slugs an importer knows to be taken, so that its batches ask the store only about the others: an import
/// that brings many entries under one title ("Emergency response") would otherwise ask about all of that
/// title's candidates for each of them.
#[derive(Debug, Default)]
pub struct KnownSlugs {
    /// Taken by writes not committed yet (the batches in flight): replaced before each batch.
    pub reserved: foldhash::HashSet<String>,
    /// Found taken in the store by earlier lookups. An entry's slug stays taken (only its deletion frees it;
    /// a slug freed meanwhile is then merely skipped). Forgotten past [`KnownSlugs::FOUND_AT_MOST`], so the
    /// memory held does not grow with the input.
    found: foldhash::HashSet<String>,
}

impl KnownSlugs {
    pub const FOUND_AT_MOST: usize = 100_000;

    fn contains(&self, slug: &str) -> bool {
        self.reserved.contains(slug) || self.found.contains(slug)
    }

    fn found_taken(&mut self, taken: impl IntoIterator<Item = String>) {
        if self.found.len() > Self::FOUND_AT_MOST {
            self.found.clear();
        }
        self.found.extend(taken);
    }
}

async fn prepare_creates_as(
    app: &App,
    items: Vec<(EntryInput, Actor)>,
    reason: &str,
    with_changes: bool,
    known: &mut KnownSlugs,
) -> Result<Vec<Result<EntryWrite, AppError>>, AppError> {
    let now = cogov_store::now();
    // Attributes given as text go into the document as they are, unless revision 1's changes are wanted.
    let mut attributes_json: Vec<Option<String>> = Vec::with_capacity(items.len());
    let drafts: Vec<Result<(Entry, bool, Actor), AppError>> = items
        .into_iter()
        .map(|(mut input, actor)| {
            attributes_json.push(input.attributes_json.take_if(|_| !with_changes && input.attributes.is_none()));
            let explicit = input.slug.is_some();
            draft(input, &actor.provenance, uuid::Uuid::now_v7().to_string(), &now).map(|e| (e, explicit, actor))
        })
        .collect();
    // Each draft's slug candidates (when its slug is not given).
    let mut candidates: Vec<String> = Vec::new();
    let ranges: Vec<Option<std::ops::Range<usize>>> = drafts
        .iter()
        .map(|d| match d {
            Ok((e, false, _)) => {
                let start = candidates.len();
                candidates.extend(slug_candidates(e));
                Some(start..candidates.len())
            }
            _ => None,
        })
        .collect();
    // Asked in two rounds: first each title's own slug, then the other candidates of the drafts whose own slug
    // is taken or shared with another draft here (most titles' own slug is free: an import of distinct titles
    // asks about one candidate per entry, not ten). Only a candidate checked so is given (see `free_slug`).
    let mut taken = foldhash::HashSet::default();
    let firsts: Vec<&String> = ranges.iter().flatten().map(|r| &candidates[r.start]).collect();
    taken_among(app, &firsts, known, &mut taken).await?;
    let mut seen = foldhash::HashMap::<&str, usize>::default();
    for first in &firsts {
        *seen.entry(first.as_str()).or_default() += 1;
    }
    let all_checked: Vec<bool> = ranges
        .iter()
        .map(|r| {
            r.as_ref().is_some_and(|r| taken.contains(&candidates[r.start]) || seen[candidates[r.start].as_str()] > 1)
        })
        .collect();
    let others: Vec<&String> = ranges
        .iter()
        .zip(&all_checked)
        .filter_map(|(r, all)| r.as_ref().filter(|_| *all))
        .flat_map(|r| &candidates[r.start + 1..r.end])
        .collect();
    taken_among(app, &others, known, &mut taken).await?;
    let catalog = app.catalog();
    let packs = app.store().packs_docs();
    // Room for the next document, from the largest so far (no regrowth of a ~13 KB imported document).
    let mut room = 1024;
    Ok(drafts
        .into_iter()
        .zip(ranges.into_iter().zip(all_checked))
        .zip(attributes_json)
        .map(|((d, (range, all_checked)), attributes_json)| {
            let (mut entry, _, actor) = d?;
            if let Some(cands) = range.map(|r| &candidates[r]) {
                entry.slug = free_slug(cands, &taken, all_checked, &entry.id);
            }
            check(&catalog, &entry)?;
            taken.insert(entry.slug.clone());
            // The document, serialized once (the store keeps revision 1's changes as a cut of it).
            let mut doc = Vec::with_capacity(room);
            serde_json::to_writer(&mut doc, &entry).map_err(|e| AppError::Internal(format!("entry JSON: {e}")))?;
            room = room.max(doc.len() + doc.len() / 4).min(1 << 16);
            // The document is `doc[start..]` (made in the room an importer left before its attributes), as its
            // bytes: text, checked as such only where it is not packed.
            let mut start = 0;
            if let Some(attributes) = attributes_json {
                let without = std::str::from_utf8(&doc).map_err(|e| AppError::Internal(format!("entry JSON: {e}")))?;
                // The entry written keeps empty attributes: the store takes the document.
                (doc, start) = cogov_core::entry::with_attributes_json(without, attributes)
                    .ok_or_else(|| AppError::Internal("entry JSON without attributes".into()))?;
            }
            let revision = Revision {
                entry_id: entry.id.clone(),
                number: 1,
                at: entry.created_at.clone(),
                actor: actor.id.clone(),
                reason: reason.to_string(),
                changes: if with_changes { entry.changes_since(None) } else { Vec::new() },
            };
            // Packed here, beside the writer, for a store that keeps documents packed (the text is freed here),
            // deferred strings and all; any other store is given JSON.
            let json = Some(match packs.then(|| cogov_store::packed::pack(&doc[start..])).flatten() {
                Some(packed) => WriteJson::Packed(packed),
                None => {
                    let doc = String::from_utf8(doc).map_err(|e| AppError::Internal(format!("entry JSON: {e}")))?;
                    WriteJson::Text(match start {
                        // Copied out of the room and the slack left for escaping: a batch in flight holds the text
                        // only.
                        0 => cogov_core::entry::expanded(doc),
                        _ => cogov_core::entry::expand_deferred(&doc[start..]).into_owned(),
                    })
                }
            });
            Ok(EntryWrite { entry, revision, create: true, json })
        })
        .collect())
}

/// The write [`update`] makes to `before` (whose last revision is `last_revision`), without writing; `None`
/// when `input` changes nothing.
pub fn prepare_update(
    catalog: &Catalog,
    before: &Entry,
    last_revision: i64,
    input: EntryInput,
    actor: &Actor,
    reason: &str,
) -> Result<Option<EntryWrite>, AppError> {
    let mut input = input;
    input.parse_attributes_json()?;
    if input.kind.is_some_and(|k| k != before.kind) {
        return Err(AppError::Validation(vec![FieldError::new("kind", "immutable", "an entry's kind cannot change")]));
    }
    let mut entry = before.clone();
    apply(&mut entry, input);
    let changes = entry.changes_since(Some(before));
    if changes.is_empty() {
        return Ok(None);
    }
    check(catalog, &entry)?;
    entry.updated_at = cogov_store::now();
    let revision = Revision {
        entry_id: entry.id.clone(),
        number: last_revision + 1,
        at: entry.updated_at.clone(),
        actor: actor.id.clone(),
        reason: reason.to_string(),
        changes,
    };
    Ok(Some(EntryWrite { entry, revision, create: false, json: None }))
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
    let provenance = Provenance::Manual { by: String::new() };
    let mut entry = draft(input.clone(), &provenance, String::new(), "")?;
    if input.slug.is_none() {
        entry.slug = "candidate".to_string();
    }
    check(catalog, &entry)
}

/// A new entry from `input` (status `draft` unless given; slug as given, else empty).
fn draft(mut input: EntryInput, provenance: &Provenance, id: String, now: &str) -> Result<Entry, AppError> {
    input.parse_attributes_json()?;
    let kind = input
        .kind
        .ok_or_else(|| AppError::Validation(vec![FieldError::new("kind", "required", "kind is required")]))?;
    let mut entry = Entry {
        id,
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
        provenance: provenance.clone(),
        attributes: Default::default(),
        created_at: now.to_string(),
        updated_at: now.to_string(),
    };
    apply(&mut entry, input);
    Ok(entry)
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

/// Which of `slugs` are taken, added to `taken`: those `known` without asking, the others asked of the store
/// (and then known).
async fn taken_among(
    app: &App,
    slugs: &[&String],
    known: &mut KnownSlugs,
    taken: &mut foldhash::HashSet<String>,
) -> Result<(), AppError> {
    let mut asked = foldhash::HashSet::default();
    for slug in slugs {
        if known.contains(slug) {
            taken.insert((*slug).clone());
        } else if !taken.contains(*slug) {
            asked.insert((*slug).clone());
        }
    }
    let asked: Vec<String> = asked.into_iter().collect();
    if !asked.is_empty() {
        let found = app.store().taken_slugs(&asked).await?;
        known.found_taken(found.iter().cloned());
        taken.extend(found);
    }
    Ok(())
}

/// The first of `candidates` not `taken`, if it was checked (the first always is; the others when
/// `all_checked`); when all are taken, or the first free one was not checked (the draft's own slug, free in the
/// store, was taken meanwhile by another draft of its batch), the title's slug with the whole id, which no other
/// entry has (the id's tail is 32 random bits: among the thousands of entries an import can bring under one
/// title, two may share it).
fn free_slug(candidates: &[String], taken: &foldhash::HashSet<String>, all_checked: bool, id: &str) -> String {
    match candidates.iter().position(|c| !taken.contains(c)) {
        Some(i) if i == 0 || all_checked => candidates[i].clone(),
        _ => format!("{}-{id}", candidates.first().map_or("entry", String::as_str)),
    }
}

/// The slugs tried, in order, for an entry without one: from the title, then with a numeric suffix (-2 … -9),
/// then with the id's tail — a bounded number however many entries share a title (imports bring thousands of
/// "Emergency response").
fn slug_candidates(entry: &Entry) -> Vec<String> {
    let title = entry.title.get(cogov_core::Lang::En).map(|(_, t)| t).unwrap_or_default();
    let tail = &entry.id[entry.id.len().saturating_sub(8)..];
    let fallback = format!("{}-{tail}", entry.kind.code());
    let base = slugify(title, &fallback);
    // Joined by hand: an import makes ten candidates per entry, and `format!` grows each string as it writes.
    let with = |suffix: &str| {
        let mut s = String::with_capacity(base.len() + 1 + suffix.len());
        s.push_str(&base);
        s.push('-');
        s.push_str(suffix);
        s
    };
    let mut out = Vec::with_capacity(10);
    out.push(base.clone());
    out.extend(["2", "3", "4", "5", "6", "7", "8", "9"].map(with));
    out.push(with(tail));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_found_taken_are_known_until_there_are_too_many() {
        let mut known = KnownSlugs::default();
        known.reserved.insert("in-flight".into());
        known.found_taken((0..=KnownSlugs::FOUND_AT_MOST).map(|i| format!("s-{i}")));
        assert!(known.contains("s-0") && known.contains("in-flight") && !known.contains("free"));
        // Past the bound, what was found is forgotten (asked again); the reserved slugs stay.
        known.found_taken(["water".to_string()]);
        assert!(!known.contains("s-0") && known.contains("water") && known.contains("in-flight"));
    }

    #[test]
    fn a_slug_is_the_first_candidate_free_else_the_title_with_the_whole_id() {
        let id = "01936f1e-7c2a-7d3e-9b4f-28dd1b7d0a1c";
        let cands: Vec<String> = ["water", "water-2", "water-1b7d0a1c"].map(String::from).to_vec();
        let mut taken = foldhash::HashSet::default();
        assert_eq!(free_slug(&cands, &taken, false, id), "water");
        taken.insert("water".to_string());
        assert_eq!(free_slug(&cands, &taken, true, id), "water-2");
        // A free candidate nobody checked is not given (the store may hold it).
        assert_eq!(free_slug(&cands, &taken, false, id), format!("water-{id}"));
        taken.extend(cands.iter().cloned());
        let last = free_slug(&cands, &taken, true, id);
        assert_eq!(last, format!("water-{id}"));
        assert!(cogov_core::entry::valid_slug(&last), "{last}");
        // The longest title slug (80) with a whole id is still a valid slug.
        let long = vec!["a".repeat(80)];
        let taken: foldhash::HashSet<String> = long.iter().cloned().collect();
        assert!(cogov_core::entry::valid_slug(&free_slug(&long, &taken, true, id)));
    }
}
