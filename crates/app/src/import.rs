//! The import use case every importer shares (DPG registry, IATI, CSV, the bundled demo).
//!
//! An importer turns a file into [`Record`]s (an [`EntryInput`] keyed by its identifier in the source system)
//! and hands a [`RecordSource`] opener to [`run`]. Each record then goes through the same use cases as a manual
//! submission (`entries::create` / `entries::update`), with provenance `Imported {source, external_id}`:
//! - keyed by external id, so re-importing an unchanged record changes nothing and a changed one becomes a new
//!   revision;
//! - a checkpoint (`meta` key `import_checkpoint:SOURCE`) is written after every batch, so an interrupted import
//!   of the same input resumes after the last finished batch (and records are keyed, so a record finished after
//!   the checkpoint is found unchanged rather than duplicated);
//! - `strict`: every record is validated first and nothing is written if anything is wrong; otherwise valid
//!   records are imported and each rejected one is reported with where (file, line/column or record) and why.

use std::fmt;

use cogov_core::entry::{ExternalId, FieldError, Provenance};
use serde::Serialize;

use cogov_store::{EntryWrite, StoreError};

use crate::entries::{self, Actor, EntryInput};
use crate::{App, AppError};

/// Where a record sits in its input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// 1-based index of the record in its file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location { file: file.into(), ..Default::default() }
    }

    pub fn record(file: impl Into<String>, record: u64) -> Self {
        Location { file: file.into(), record: Some(record), ..Default::default() }
    }

    pub fn at(file: impl Into<String>, line: u64, column: u64) -> Self {
        Location { file: file.into(), line: Some(line), column: Some(column), record: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(record) = self.record {
            write!(f, " (record {record})")?;
        }
        Ok(())
    }
}

/// One record of an input, ready for the entry use cases. `input.external_ids` should contain `key`.
#[derive(Debug, Clone)]
pub struct Record {
    pub location: Location,
    pub key: ExternalId,
    pub input: EntryInput,
    /// Problems found in the source that do not stop the record from being imported: it is imported, flagged
    /// (`attributes.import_flags` on the entry) and listed in the summary's `flagged`.
    pub flags: Vec<Problem>,
}

/// Why a record (or a part of the input) was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub location: Location,
    /// The record's key in its source, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub field: String,
    pub reason: String,
}

impl Problem {
    pub fn new(location: Location, field: impl Into<String>, reason: impl Into<String>) -> Self {
        Problem { location, key: None, field: field.into(), reason: reason.into() }
    }

    pub fn with_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location)?;
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        write!(f, "{}: {}", self.field, self.reason)
    }
}

/// A stream of records from one input. Sources are synchronous iterators: parsing is CPU work done between
/// store writes.
pub trait RecordSource: Send {
    /// The next record, a problem that rejects one record (or the rest of a file), or `None` at the end.
    fn next_record(&mut self) -> Option<Result<Record, Problem>>;
    /// Bytes of input consumed so far (for progress).
    fn bytes_read(&self) -> u64;
}

/// An input to import: it can be opened more than once (strict mode reads it twice).
pub trait ImportInput: Send + Sync {
    /// The source system, e.g. `dpg-registry`, `iati`: the `source` of provenance and of external ids.
    fn source(&self) -> &str;
    /// Identifies this exact input (a content hash), so a checkpoint is only resumed for the same input.
    fn fingerprint(&self) -> &str;
    /// Total bytes, for progress; 0 if unknown.
    fn total_bytes(&self) -> u64;
    fn open(&self) -> Result<Box<dyn RecordSource>, Box<Problem>>;
}

/// Told about progress after every record.
pub trait Progress: Send + Sync {
    fn update(&self, records: u64, bytes: u64);

    /// The problems of the records of a batch just written that were imported flagged (see [`Record::flags`]),
    /// keyed. Returns true if it took them (the CLI writes them to its report as the import goes): then
    /// [`Summary::flagged`] does not keep them, only their counts, so memory does not grow with the input.
    fn flagged(&self, _problems: &[Problem]) -> bool {
        false
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Validate everything first; write nothing if any record is wrong.
    pub strict: bool,
    /// Records between checkpoints.
    pub batch_size: u64,
    /// Who runs the import (recorded in revisions as `import:SOURCE by WHO`).
    pub by: String,
}

impl Default for Options {
    fn default() -> Self {
        Options { strict: false, batch_size: 400, by: "cli".to_string() }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: Vec<Problem>,
    /// Problems of records imported nonetheless (see [`Record::flags`]), unless [`Progress::flagged`] took them.
    pub flagged: Vec<Problem>,
    /// How many records were imported flagged, and with how many problems (kept or not).
    #[serde(skip)]
    pub flagged_records: u64,
    #[serde(skip)]
    pub flagged_problems: u64,
    /// Records skipped because an earlier, interrupted run of the same input had finished them.
    pub resumed_after: u64,
    /// False when `strict` refused the input: nothing was written.
    pub written: bool,
    /// Set when [`stop_after_batch`] stopped the run: the records up to this one are written and checkpointed,
    /// and running the same import again resumes after it.
    pub stopped_at: Option<u64>,
}

static STOP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks running imports of this process to stop at their next checkpoint (graceful shutdown: SIGTERM, Ctrl-C):
/// the batch being written is finished and checkpointed, then [`run`] returns with `stopped_at` set.
pub fn stop_after_batch() {
    STOP.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Lets imports run to their end again (tests; a process that stops does not need it).
pub fn clear_stop() {
    STOP.store(false, std::sync::atomic::Ordering::SeqCst);
}

fn stop_requested() -> bool {
    STOP.load(std::sync::atomic::Ordering::SeqCst)
}

/// Adds what was written since the last call to the `cogov_import_records_total{source, outcome}` counters.
fn publish(source: &str, summary: &Summary, published: &mut [u64; 4]) {
    let now = [summary.created, summary.updated, summary.unchanged, summary.rejected.len() as u64];
    for ((outcome, n), before) in ["created", "updated", "unchanged", "rejected"].iter().zip(now).zip(published.iter())
    {
        if n > *before {
            let labels = [("source", source.to_string()), ("outcome", outcome.to_string())];
            metrics::counter!("cogov_import_records_total", &labels).increment(n - before);
        }
    }
    *published = now;
}

impl Summary {
    pub fn records(&self) -> u64 {
        self.created + self.updated + self.unchanged + self.rejected.len() as u64
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "created {}, updated {}, unchanged {}, rejected {}",
            self.created,
            self.updated,
            self.unchanged,
            self.rejected.len()
        )?;
        if self.flagged.len() as u64 >= self.flagged_problems && !self.flagged.is_empty() {
            let records: std::collections::HashSet<(&str, Option<&str>)> =
                self.flagged.iter().map(|p| (p.location.file.as_str(), p.key.as_deref())).collect();
            write!(f, ", flagged {} ({} problems)", records.len(), self.flagged.len())?;
        } else if self.flagged_problems > 0 {
            write!(f, ", flagged {} ({} problems)", self.flagged_records, self.flagged_problems)?;
        }
        if self.resumed_after > 0 {
            write!(f, " (resumed after record {})", self.resumed_after)?;
        }
        if !self.written {
            write!(f, "; nothing written (--strict)")?;
        }
        Ok(())
    }
}

/// What happened to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Created,
    Updated,
    Unchanged,
}

/// Items read ahead from a source: each record (or problem) with the bytes read after it; `None` at the end.
type Chunk = Vec<(Option<Result<Record, Problem>>, u64)>;

/// Reads up to `n` items of `source` (CPU work, run on the blocking pool while the previous batch is written).
fn read_chunk(mut source: Box<dyn RecordSource>, n: usize) -> (Box<dyn RecordSource>, Chunk) {
    let mut chunk = Vec::with_capacity(n);
    while chunk.len() < n {
        let item = source.next_record();
        let end = item.is_none();
        chunk.push((item, source.bytes_read()));
        if end {
            break;
        }
    }
    (source, chunk)
}

/// Imports `input` (see the module documentation). Records are written in batches of `options.batch_size`:
/// each batch's existing entries are looked up in one query per source, its writes prepared in memory
/// (a record that fails validation is reported and skipped) and written in one transaction, while the next
/// batch is parsed.
pub async fn run(
    app: &App,
    input: &dyn ImportInput,
    options: &Options,
    progress: Option<&dyn Progress>,
) -> Result<Summary, AppError> {
    let mut summary = Summary::default();
    if options.strict {
        let problems = validate_all(app, input, progress).await;
        if !problems.is_empty() {
            summary.rejected = problems;
            return Ok(summary);
        }
    }
    summary.written = true;
    let checkpoint_key = format!("import_checkpoint:{}", input.source());
    let resume = match app.store().meta(&checkpoint_key).await? {
        Some(v) => match v.split_once(' ') {
            Some((fp, n)) if fp == input.fingerprint() => n.parse::<u64>().unwrap_or(0),
            _ => 0,
        },
        None => 0,
    };
    summary.resumed_after = resume;
    let actor_id = format!("import:{} by {}", input.source(), options.by);
    let reason = format!("imported from {}", input.source());
    let source = match input.open() {
        Ok(s) => s,
        Err(p) => {
            summary.rejected.push(*p);
            return Ok(summary);
        }
    };
    let size = options.batch_size.max(1);
    let read = move |source| tokio::task::spawn_blocking(move || read_chunk(source, size as usize));
    let mut ahead = Some(read(source));
    let mut batch: Vec<Record> = Vec::new();
    let mut keys = std::collections::HashSet::new();
    let mut index = 0u64;
    let mut published = [0u64; 4];
    while let Some(reading) = ahead.take() {
        let (source, chunk) = reading.await.map_err(|e| AppError::Internal(format!("the reader stopped: {e}")))?;
        if chunk.last().is_some_and(|(item, _)| item.is_some()) {
            ahead = Some(read(source));
        }
        for (item, bytes) in chunk {
            let Some(item) = item else { break };
            index += 1;
            if index > resume {
                match item {
                    Err(problem) => summary.rejected.push(problem),
                    Ok(record) => {
                        // A key met again within a batch: what came before it is written first.
                        if !keys.insert(key_of(&record)) {
                            write_batch(app, std::mem::take(&mut batch), &actor_id, &reason, &mut summary, progress)
                                .await?;
                            keys = [key_of(&record)].into_iter().collect();
                        }
                        batch.push(record);
                    }
                }
                if index.is_multiple_of(size) {
                    write_batch(app, std::mem::take(&mut batch), &actor_id, &reason, &mut summary, progress).await?;
                    keys.clear();
                    app.store().set_meta(&checkpoint_key, &format!("{} {index}", input.fingerprint())).await?;
                    publish(input.source(), &summary, &mut published);
                    if stop_requested() {
                        summary.stopped_at = Some(index);
                        return Ok(summary);
                    }
                }
            }
            if let Some(p) = progress {
                p.update(index, bytes);
            }
        }
    }
    write_batch(app, batch, &actor_id, &reason, &mut summary, progress).await?;
    // Finished: the next run of any input starts from the beginning.
    app.store().set_meta(&checkpoint_key, "").await?;
    publish(input.source(), &summary, &mut published);
    Ok(summary)
}

fn key_of(record: &Record) -> String {
    format!("{}:{}", record.key.source, record.key.id)
}

fn actor_of(record: &Record, actor_id: &str) -> Actor {
    Actor {
        id: actor_id.to_string(),
        provenance: Provenance::Imported { source: record.key.source.clone(), external_id: record.key.id.clone() },
    }
}

/// The record's input, with its flags (problems found in the source that did not stop the import) recorded on
/// the entry as `attributes.import_flags`.
fn input_of(record: &mut Record) -> EntryInput {
    let mut input = std::mem::take(&mut record.input);
    if !record.flags.is_empty() {
        let flags: Vec<serde_json::Value> = record
            .flags
            .iter()
            .map(|f| {
                serde_json::json!({"field": f.field, "reason": f.reason, "line": f.location.line,
                                   "column": f.location.column})
            })
            .collect();
        input.attributes.get_or_insert_with(Default::default).insert("import_flags".into(), flags.into());
    }
    input
}

/// Writes one batch (see [`run`]) and counts what happened. If the store refuses the batch (a conflict with a
/// concurrent writer), nothing of it was written and its writes are retried one by one, so only the
/// conflicting records are rejected.
async fn write_batch(
    app: &App,
    mut records: Vec<Record>,
    actor_id: &str,
    reason: &str,
    summary: &mut Summary,
    progress: Option<&dyn Progress>,
) -> Result<(), AppError> {
    if records.is_empty() {
        return Ok(());
    }
    let mut by_source: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for r in &records {
        by_source.entry(r.key.source.clone()).or_default().push(r.key.id.clone());
    }
    let mut known = std::collections::HashMap::new();
    for (source, ids) in by_source {
        for k in app.store().entries_by_external_ids(&source, &ids).await? {
            known.insert((source.clone(), k.external_id.clone()), k);
        }
    }
    let catalog = app.catalog();
    let mut writes: Vec<(usize, EntryWrite)> = Vec::new();
    let mut creates = Vec::new();
    let mut create_at = Vec::new();
    let mut unchanged = Vec::new();
    let mut rejected = vec![false; records.len()];
    for (i, record) in records.iter_mut().enumerate() {
        let actor = actor_of(record, actor_id);
        let mut input = input_of(record);
        match known.get(&(record.key.source.clone(), record.key.id.clone())) {
            None => {
                creates.push((input, actor));
                create_at.push(i);
            }
            Some(k) => {
                // A moderator's decision (published, archived, …) stands across re-imports.
                input.status = None;
                match entries::prepare_update(&catalog, &k.entry, k.last_revision, input, &actor, reason) {
                    Ok(Some(w)) => writes.push((i, w)),
                    Ok(None) => unchanged.push(i),
                    Err(e) => {
                        rejected[i] = true;
                        summary.rejected.extend(problems_of(&record.location, &key_of(record), e));
                    }
                }
            }
        }
    }
    for (i, prepared) in create_at.into_iter().zip(entries::prepare_creates_to_write(app, creates, reason).await?) {
        match prepared {
            Ok(w) => writes.push((i, w)),
            Err(e) => {
                rejected[i] = true;
                summary.rejected.extend(problems_of(&records[i].location, &key_of(&records[i]), e));
            }
        }
    }
    writes.sort_by_key(|(i, _)| *i);
    let (at, writes): (Vec<usize>, Vec<EntryWrite>) = writes.into_iter().unzip();
    match app.store().write_entries(&writes).await {
        Ok(()) => {}
        Err(e @ (StoreError::Conflict { .. } | StoreError::NotFound(_))) => {
            tracing::warn!("import batch refused ({e}); writing its records one by one");
            for (i, w) in at.iter().zip(&writes) {
                if let Err(e) = app.store().write_entries(std::slice::from_ref(w)).await {
                    match e {
                        StoreError::Conflict { .. } | StoreError::NotFound(_) => {
                            rejected[*i] = true;
                            summary.rejected.extend(problems_of(
                                &records[*i].location,
                                &key_of(&records[*i]),
                                e.into(),
                            ));
                        }
                        other => return Err(other.into()),
                    }
                }
            }
        }
        Err(e) => return Err(e.into()),
    }
    for (_, w) in at.iter().zip(&writes).filter(|(i, _)| !rejected[**i]) {
        if w.create {
            summary.created += 1;
        } else {
            summary.updated += 1;
        }
    }
    summary.unchanged += unchanged.len() as u64;
    let mut flagged = Vec::new();
    for (i, record) in records.into_iter().enumerate() {
        if !rejected[i] && !record.flags.is_empty() {
            let key = key_of(&record);
            summary.flagged_records += 1;
            flagged.extend(record.flags.into_iter().map(|f| f.with_key(key.clone())));
        }
    }
    summary.flagged_problems += flagged.len() as u64;
    if !progress.is_some_and(|p| p.flagged(&flagged)) {
        summary.flagged.extend(flagged);
    }
    Ok(())
}

/// Creates the record's entry, or updates the entry its key already identifies (one record, one transaction).
pub async fn upsert(app: &App, mut record: Record, actor_id: &str, reason: &str) -> Result<Outcome, AppError> {
    let actor = actor_of(&record, actor_id);
    let mut input = input_of(&mut record);
    match app.store().entry_by_external_id(&record.key.source, &record.key.id).await? {
        None => {
            entries::create(app, input, &actor, reason).await?;
            Ok(Outcome::Created)
        }
        Some(existing) => {
            // A moderator's decision (published, archived, …) stands across re-imports.
            input.status = None;
            let (_, changed) = entries::update(app, &existing.id, input, &actor, reason).await?;
            Ok(if changed { Outcome::Updated } else { Outcome::Unchanged })
        }
    }
}

/// Reads the whole input and checks every record as `create` would; returns every problem.
pub async fn validate_all(app: &App, input: &dyn ImportInput, progress: Option<&dyn Progress>) -> Vec<Problem> {
    let catalog = app.catalog();
    let mut problems = Vec::new();
    let mut source = match input.open() {
        Ok(s) => s,
        Err(p) => return vec![*p],
    };
    let mut seen = std::collections::HashSet::new();
    let mut index = 0u64;
    while let Some(item) = source.next_record() {
        index += 1;
        match item {
            Err(p) => problems.push(p),
            Ok(record) => {
                let key = format!("{}:{}", record.key.source, record.key.id);
                if !seen.insert(key.clone()) {
                    problems.push(
                        Problem::new(record.location.clone(), "external_ids", "this identifier appears twice")
                            .with_key(key.clone()),
                    );
                }
                if let Err(e) = entries::validate_input(&catalog, &record.input) {
                    problems.extend(problems_of(&record.location, &key, e));
                }
            }
        }
        if let Some(p) = progress {
            p.update(index, source.bytes_read());
        }
    }
    problems
}

fn problems_of(location: &Location, key: &str, error: AppError) -> Vec<Problem> {
    let fields: Vec<FieldError> = match error {
        AppError::Validation(errors) => errors,
        AppError::Conflict { field, message } | AppError::InvalidParameter { field, message } => {
            vec![FieldError::new(field, "conflict", message)]
        }
        other => vec![FieldError::new("record", "refused", other.to_string())],
    };
    fields.into_iter().map(|f| Problem::new(location.clone(), f.field, f.message).with_key(key)).collect()
}
