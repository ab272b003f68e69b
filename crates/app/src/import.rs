//! The import use case every importer shares (DPG registry, IATI, CSV, the bundled demo).
//!
//! An importer turns a file into [`Record`]s (an [`EntryInput`] keyed by its identifier in the source system)
//! and hands a [`RecordSource`] opener to [`run`]. Each record then goes through the same use cases as a manual
//! submission (`entries::create` / `entries::update`), with provenance `Imported {source, external_id}`:
//! - keyed by external id, so re-importing an unchanged record changes nothing and a changed one becomes a new
//!   revision;
//! - a checkpoint (`meta` key `import_checkpoint:SOURCE`) is written with every batch, in the same transaction,
//!   so an interrupted import of the same input resumes after the last batch committed (and records are keyed,
//!   so a record finished after the checkpoint is found unchanged rather than duplicated);
//! - `strict`: every record is validated first and nothing is written if anything is wrong; otherwise valid
//!   records are imported and each rejected one is reported with where (file, line/column or record) and why.

use std::fmt;

use cogov_core::entry::{ExternalId, FieldError, Provenance};
use serde::Serialize;

use cogov_store::EntryWrite;

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
    /// The importer wrote `flags` into `input.attributes_json` already (as `"import_flags"`, the object's last
    /// member, as [`flags_json`] writes them): they are not added again.
    pub flags_in_attributes: bool,
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
    /// Records between checkpoints (fewer when they are large: see [`BATCH_BYTES_AT_MOST`]).
    pub batch_size: u64,
    /// Who runs the import (recorded in revisions as `import:SOURCE by WHO`).
    pub by: String,
}

impl Default for Options {
    fn default() -> Self {
        Options { strict: false, batch_size: 800, by: "cli".to_string() }
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

/// Items read from a source: each record (or problem) with the bytes read after it; `None` at the end.
type Chunk = Vec<(Option<Result<Record, Problem>>, u64)>;

/// Input bytes a batch (and a chunk read ahead) holds at most, whatever its number of records: with large
/// records (an IATI activity can be hundreds of kilobytes), the memory held by the import's stages stays bounded.
pub const BATCH_BYTES_AT_MOST: u64 = 10 << 20;

/// Reads up to `n` items of `source`, and fewer once [`BATCH_BYTES_AT_MOST`] bytes are read.
fn read_chunk(source: &mut dyn RecordSource, n: usize) -> Chunk {
    let mut chunk = Vec::with_capacity(n);
    let start = source.bytes_read();
    while chunk.len() < n && source.bytes_read().saturating_sub(start) < BATCH_BYTES_AT_MOST {
        let item = source.next_record();
        let end = item.is_none();
        chunk.push((item, source.bytes_read()));
        if end {
            break;
        }
    }
    chunk
}

/// Chunks read ahead of the batch being prepared (the reader thread blocks when this many wait).
const CHUNKS_AHEAD: usize = 1;

/// Batches handed to the writer and not yet written: three, and the writer's queue holds as many, so the stages
/// before it go on while it commits and checkpoints the WAL (≈ 0.2 s at a time in the IATI bench). With a queue
/// of one, the preparing task and then the reader stopped at each of those. A prepared batch holds its documents
/// packed (≈ 5 MB for 10 MB of input); each one more in flight costs about that much memory.
const BATCHES_IN_FLIGHT: usize = 3;

/// Batches the writer commits together (see [`cogov_store::HeldWrites`]): each commit writes the index pages its
/// batches touched, and the import's keys and slugs touch most leaves of theirs.
const BATCHES_PER_COMMIT: usize = 4;

/// Imports `input` (see the module documentation). Records are written in batches of `options.batch_size`:
/// each batch's existing entries are looked up in one query per source, its writes prepared in memory
/// (a record that fails validation is reported and skipped) and written with its checkpoint, up to
/// `BATCHES_PER_COMMIT` (four) batches to a transaction. Three stages run at once: a reader thread parses chunks
/// ahead, this task prepares batches, and a writer task writes them in order (see [`Pipeline`]).
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
    let source = match input.open() {
        Ok(s) => s,
        Err(p) => {
            summary.rejected.push(*p);
            return Ok(summary);
        }
    };
    let (to_writer, from_pipeline) = tokio::sync::mpsc::channel::<ToWrite>(BATCHES_IN_FLIGHT);
    let writer = tokio::spawn(write_in_order(app.clone(), from_pipeline));
    let mut pipeline = Pipeline {
        app,
        actor_id: format!("import:{} by {}", input.source(), options.by),
        reason: format!("imported from {}", input.source()),
        source: input.source(),
        checkpoint_key,
        progress,
        summary,
        published: [0; 4],
        writer: to_writer,
        room: std::sync::Arc::new(tokio::sync::Semaphore::new(BATCHES_IN_FLIGHT)),
        flight: Default::default(),
        slugs: Default::default(),
    };
    let outcome = pipeline.feed(input, source, options.batch_size.max(1), resume).await;
    // Whatever happened, the batches handed to the writer are waited for: what they did is counted, or the
    // first error returned.
    let landed = pipeline.land_all().await;
    drop(pipeline.writer);
    let _ = writer.await;
    outcome?;
    landed?;
    if pipeline.summary.stopped_at.is_none() {
        // Finished: the next run of any input starts from the beginning.
        app.store().set_meta(&pipeline.checkpoint_key, "").await?;
    }
    publish(input.source(), &pipeline.summary, &mut pipeline.published);
    Ok(pipeline.summary)
}

/// What the pipeline sends the writer task: a prepared batch, with the checkpoint (`meta` key and value) to
/// write after it, where to say what it did, and its room in flight (given back once it is written); or a
/// request to commit the batches written so far.
enum ToWrite {
    Batch(
        Prepared,
        Option<(String, String)>,
        tokio::sync::oneshot::Sender<Result<Written, AppError>>,
        tokio::sync::OwnedSemaphorePermit,
    ),
    Commit,
}

/// The writer task: writes each batch, then its checkpoint, in the order they come, into a write transaction it
/// holds for [`BATCHES_PER_COMMIT`] batches, or until asked to commit ([`Pipeline::land`] asks when it waits
/// for a batch not committed yet) or the pipeline is gone. A batch's room in flight is given back once it is
/// written; what it did is said once it is committed. After a failure, none of the batches the transaction held
/// is written, and none after them (their senders are dropped: [`Pipeline::land`] reports them not written).
async fn write_in_order(app: App, mut messages: tokio::sync::mpsc::Receiver<ToWrite>) {
    let mut held: Option<Box<dyn cogov_store::HeldWrites>> = None;
    let mut written: Vec<(Written, tokio::sync::oneshot::Sender<Result<Written, AppError>>)> = Vec::new();
    while let Some(message) = messages.recv().await {
        let commit = match message {
            ToWrite::Batch(prepared, checkpoint, done, room) => {
                let result = write_held(&app, &mut held, prepared, checkpoint).await;
                drop(room);
                match result {
                    Ok(w) => written.push((w, done)),
                    Err(e) => {
                        // Those written before it in the transaction are not written either: the first of them
                        // says why.
                        written.push((Written::default(), done));
                        return not_written(written, e);
                    }
                }
                written.len() >= BATCHES_PER_COMMIT
            }
            ToWrite::Commit => true,
        };
        if commit {
            if let Err(e) = commit_held(held.take(), &mut written).await {
                return not_written(written, e);
            }
        }
    }
    if let Err(e) = commit_held(held, &mut written).await {
        not_written(written, e)
    }
}

/// Writes a batch into the writer's transaction, begun here if none is held.
async fn write_held(
    app: &App,
    held: &mut Option<Box<dyn cogov_store::HeldWrites>>,
    batch: Prepared,
    checkpoint: Option<(String, String)>,
) -> Result<Written, AppError> {
    let h = match held {
        Some(h) => h,
        None => held.insert(app.store().hold_writes().await?),
    };
    write_batch(h.as_mut(), batch, checkpoint).await
}

/// Commits `held` (if any) and says what each batch it held did.
async fn commit_held(
    held: Option<Box<dyn cogov_store::HeldWrites>>,
    written: &mut Vec<(Written, tokio::sync::oneshot::Sender<Result<Written, AppError>>)>,
) -> Result<(), AppError> {
    if let Some(held) = held {
        held.commit().await?;
    }
    for (w, done) in written.drain(..) {
        let _ = done.send(Ok(w));
    }
    Ok(())
}

/// Tells the batches of a failed transaction that they were not written: the first with the error.
fn not_written(written: Vec<(Written, tokio::sync::oneshot::Sender<Result<Written, AppError>>)>, error: AppError) {
    let mut error = Some(error);
    for (_, done) in written {
        let e = error.take().unwrap_or_else(|| {
            AppError::Internal("not written: the transaction it was in failed (see the batch before it)".into())
        });
        let _ = done.send(Err(e));
    }
}

/// The stages of [`run`] after the reader: batches are prepared here while earlier ones are written by the
/// writer task (at most [`BATCHES_IN_FLIGHT`] waiting to be written). A batch is prepared against the store as
/// it is before the batches in flight (handed to the writer, not yet committed) commit, so their slugs are
/// reserved for it, and a batch that shares a key with one of them waits for them to land first.
struct Pipeline<'a> {
    app: &'a App,
    actor_id: String,
    reason: String,
    source: &'a str,
    checkpoint_key: String,
    progress: Option<&'a dyn Progress>,
    summary: Summary,
    published: [u64; 4],
    writer: tokio::sync::mpsc::Sender<ToWrite>,
    /// Room for batches handed to the writer and not yet written ([`BATCHES_IN_FLIGHT`]).
    room: std::sync::Arc<tokio::sync::Semaphore>,
    /// The batches handed to the writer and not landed yet, oldest first.
    flight: std::collections::VecDeque<InFlight>,
    /// Slugs known taken: those of the batches in flight, and those earlier batches found taken.
    slugs: entries::KnownSlugs,
}

/// A batch handed to the writer.
struct InFlight {
    done: tokio::sync::oneshot::Receiver<Result<Written, AppError>>,
    keys: foldhash::HashSet<String>,
    slugs: foldhash::HashSet<String>,
    /// The checkpoint written with it (records finished), if any.
    checkpoint: Option<u64>,
}

impl Pipeline<'_> {
    /// Reads `source` (on a thread of the blocking pool, [`CHUNKS_AHEAD`] chunks ahead) and writes its records
    /// in batches, each checkpointed; returns early if [`stop_after_batch`] was asked.
    async fn feed(
        &mut self,
        input: &dyn ImportInput,
        mut source: Box<dyn RecordSource>,
        size: u64,
        resume: u64,
    ) -> Result<(), AppError> {
        let (chunks, mut read) = tokio::sync::mpsc::channel::<Chunk>(CHUNKS_AHEAD);
        tokio::task::spawn_blocking(move || loop {
            let chunk = read_chunk(source.as_mut(), size as usize);
            let end = chunk.last().is_none_or(|(item, _)| item.is_none());
            // Stops when the import does (the receiver is gone) or the input ends.
            if chunks.blocking_send(chunk).is_err() || end {
                return;
            }
        });
        let mut batch: Vec<Record> = Vec::new();
        let mut keys = foldhash::HashSet::default();
        let mut index = 0u64;
        // Records since the last checkpoint, and the input's bytes read up to it.
        let (mut since, mut from) = (0u64, 0u64);
        let mut ended = false;
        while !ended {
            let chunk = read.recv().await.ok_or_else(|| AppError::Internal("the reader stopped".into()))?;
            for (item, bytes) in chunk {
                let Some(item) = item else {
                    ended = true;
                    break;
                };
                index += 1;
                if index > resume {
                    match item {
                        Err(problem) => self.summary.rejected.push(problem),
                        Ok(record) => {
                            // A key met again within a batch: what came before it is written first.
                            if !keys.insert(key_of(&record)) {
                                self.submit(std::mem::take(&mut batch), None, input).await?;
                                if self.summary.stopped_at.is_some() {
                                    return Ok(());
                                }
                                keys = [key_of(&record)].into_iter().collect();
                            }
                            batch.push(record);
                        }
                    }
                    // A batch ends after `size` records, or sooner when they are large (counted from the
                    // last checkpoint, or from where a resumed run starts).
                    since += 1;
                    if since == size || bytes.saturating_sub(from) >= BATCH_BYTES_AT_MOST {
                        (since, from) = (0, bytes);
                        self.submit(std::mem::take(&mut batch), Some(index), input).await?;
                        keys.clear();
                        if self.summary.stopped_at.is_some() {
                            return Ok(());
                        }
                    }
                }
                if index <= resume {
                    from = bytes;
                }
                if let Some(p) = self.progress {
                    p.update(index, bytes);
                }
            }
        }
        self.submit(batch, None, input).await
    }

    /// Prepares `records` while earlier batches are written, then hands them to the writer (with the
    /// checkpoint `checkpoint`, when given). If a stop was asked, the batches in flight land first and, if one
    /// of them carried a checkpoint, this one is not written (`summary.stopped_at`).
    async fn submit(
        &mut self,
        records: Vec<Record>,
        checkpoint: Option<u64>,
        input: &dyn ImportInput,
    ) -> Result<(), AppError> {
        if records.is_empty() && checkpoint.is_none() {
            return Ok(());
        }
        self.land_committed()?;
        // Each record's key, formatted once: it is looked for in every batch in flight, uncommitted ones included.
        let keys: Vec<String> = records.iter().map(key_of).collect();
        if self.flight.iter().any(|f| keys.iter().any(|k| f.keys.contains(k))) {
            self.land_all().await?;
        }
        self.slugs.reserved = self.flight.iter().flat_map(|f| f.slugs.iter().cloned()).collect();
        let prepared = prepare_batch(self.app, records, &self.actor_id, &self.reason, &mut self.slugs).await?;
        if stop_requested() {
            self.land_all().await?;
        }
        let room = match self.room.clone().acquire_owned().await {
            Ok(room) => room,
            Err(_) => return Err(AppError::Internal("the room for batches in flight was closed".into())),
        };
        self.land_committed()?;
        if self.summary.stopped_at.is_some() {
            return Ok(());
        }
        // `prepared.records` are `records`, in order.
        let keys = keys.into_iter().collect();
        let slugs = prepared.writes.iter().map(|w| w.entry.slug.clone()).collect();
        let meta = checkpoint.map(|n| (self.checkpoint_key.clone(), format!("{} {n}", input.fingerprint())));
        let (said, done) = tokio::sync::oneshot::channel();
        if self.writer.send(ToWrite::Batch(prepared, meta, said, room)).await.is_err() {
            // The writer stopped on an error: the batch it failed on says which.
            self.land_all().await?;
            return Err(AppError::Internal("the import's writer stopped".into()));
        }
        self.flight.push_back(InFlight { done, keys, slugs, checkpoint });
        Ok(())
    }

    /// Waits for every batch in flight.
    async fn land_all(&mut self) -> Result<(), AppError> {
        while !self.flight.is_empty() {
            self.land().await?;
        }
        Ok(())
    }

    /// Lands the batches in flight that are committed already, oldest first, without waiting.
    fn land_committed(&mut self) -> Result<(), AppError> {
        while let Some(flight) = self.flight.front_mut() {
            match flight.done.try_recv() {
                Ok(said) => {
                    let flight = self.flight.pop_front();
                    self.count(said?, flight.and_then(|f| f.checkpoint));
                }
                // Not committed yet; or not to be (the writer stopped), which the wait in `land` says.
                Err(_) => break,
            }
        }
        Ok(())
    }

    /// Waits for the oldest batch in flight and counts what it did. If it is not committed yet, the writer is
    /// asked to commit (the batches sent after it are committed with it).
    async fn land(&mut self) -> Result<(), AppError> {
        let Some(mut flight) = self.flight.pop_front() else { return Ok(()) };
        let said = match flight.done.try_recv() {
            Err(tokio::sync::oneshot::error::TryRecvError::Empty) => {
                // A writer that stopped has dropped the sender too: the wait below says so.
                let _ = self.writer.send(ToWrite::Commit).await;
                flight.done.await.ok()
            }
            Ok(said) => Some(said),
            Err(tokio::sync::oneshot::error::TryRecvError::Closed) => None,
        };
        match said {
            Some(said) => {
                self.count(said?, flight.checkpoint);
                Ok(())
            }
            None => Err(AppError::Internal("not written: the import's writer stopped before it".into())),
        }
    }

    /// Counts what a landed batch did; marks the run stopped after it if a stop was asked and it carried a
    /// checkpoint.
    fn count(&mut self, written: Written, checkpoint: Option<u64>) {
        let summary = &mut self.summary;
        summary.created += written.created;
        summary.updated += written.updated;
        summary.unchanged += written.unchanged;
        summary.rejected.extend(written.rejected);
        summary.flagged_records += written.flagged_records;
        summary.flagged_problems += written.flagged.len() as u64;
        if !self.progress.is_some_and(|p| p.flagged(&written.flagged)) {
            summary.flagged.extend(written.flagged);
        }
        if let Some(n) = checkpoint {
            publish(self.source, &self.summary, &mut self.published);
            if stop_requested() {
                self.summary.stopped_at = Some(n);
            }
        }
    }
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
    if !record.flags.is_empty() && !record.flags_in_attributes {
        let flags = flags_json(&record.flags);
        let has_flags = |j: &str| memchr::memmem::find(j.as_bytes(), b"\"import_flags\"").is_some();
        match input.attributes_json.as_mut().filter(|j| j.ends_with('}') && !has_flags(j)) {
            // Appended to the object's text as inserting into its map would place it (last).
            Some(json) => {
                json.pop();
                json.reserve(flags.len() + 17);
                // A comma unless the object is empty (the text may start with room: spaces).
                if !json.ends_with('{') {
                    json.push(',');
                }
                json.push_str("\"import_flags\":");
                json.push_str(&flags);
                json.push('}');
            }
            None => {
                // Parsed first when given as text (it cannot fail on what importers write; if it does, the
                // record is refused by its create or update, which parses it too).
                if input.parse_attributes_json().is_ok() {
                    if let Ok(flags) = serde_json::from_str::<serde_json::Value>(&flags) {
                        input.attributes.get_or_insert_with(Default::default).insert("import_flags".into(), flags);
                    }
                }
            }
        }
    }
    input
}

/// Flags as the JSON array kept in `attributes.import_flags`, written as text (an import flags most records of
/// some sources, several times each): `{"field", "reason", "line", "column"}` each, as serde_json writes them.
pub fn flags_json(flags: &[Problem]) -> String {
    let mut out = String::with_capacity(flags.iter().map(|f| f.field.len() + f.reason.len() + 48).sum());
    out.push('[');
    for (i, f) in flags.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"field\":");
        cogov_core::entry::push_json_str(&mut out, &f.field);
        out.push_str(",\"reason\":");
        cogov_core::entry::push_json_str(&mut out, &f.reason);
        for (name, n) in [(",\"line\":", f.location.line), (",\"column\":", f.location.column)] {
            out.push_str(name);
            match n {
                Some(n) => out.push_str(itoa::Buffer::new().format(n)),
                None => out.push_str("null"),
            }
        }
        out.push('}');
    }
    out.push(']');
    out
}

/// A batch's writes, prepared (see [`prepare_batch`]).
struct Prepared {
    records: Vec<Record>,
    /// Each write's record (index in `records`), in record order.
    at: Vec<usize>,
    writes: Vec<EntryWrite>,
    /// Records refused already (validation), with why.
    rejected: Vec<bool>,
    problems: Vec<Problem>,
    unchanged: u64,
}

/// What writing a batch did ([`write_batch`]).
#[derive(Default)]
struct Written {
    created: u64,
    updated: u64,
    unchanged: u64,
    rejected: Vec<Problem>,
    flagged_records: u64,
    /// The problems of the records imported flagged, keyed.
    flagged: Vec<Problem>,
}

/// Prepares one batch (see [`run`]): looks up the entries its keys identify, and makes each record's create
/// or update (a record that fails validation is refused, the others go on). `slugs` are known taken (by writes
/// not yet committed, or found so by earlier batches).
async fn prepare_batch(
    app: &App,
    mut records: Vec<Record>,
    actor_id: &str,
    reason: &str,
    slugs: &mut entries::KnownSlugs,
) -> Result<Prepared, AppError> {
    let mut prepared = Prepared {
        at: vec![],
        writes: vec![],
        rejected: vec![false; records.len()],
        problems: vec![],
        unchanged: 0,
        records: vec![],
    };
    if records.is_empty() {
        return Ok(prepared);
    }
    let mut by_source: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for r in &records {
        by_source.entry(r.key.source.clone()).or_default().push(r.key.id.clone());
    }
    let mut known: foldhash::HashMap<(String, String), _> = Default::default();
    for (source, ids) in by_source {
        for k in app.store().entries_by_external_ids(&source, &ids).await? {
            known.insert((source.clone(), k.external_id.clone()), k);
        }
    }
    let catalog = app.catalog();
    let mut writes: Vec<(usize, EntryWrite)> = Vec::new();
    let mut creates = Vec::new();
    let mut create_at = Vec::new();
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
                    Ok(None) => prepared.unchanged += 1,
                    Err(e) => {
                        prepared.rejected[i] = true;
                        prepared.problems.extend(problems_of(&record.location, &key_of(record), e));
                    }
                }
            }
        }
    }
    let creates = entries::prepare_creates_to_write(app, creates, reason, slugs).await?;
    for (i, prepared_create) in create_at.into_iter().zip(creates) {
        match prepared_create {
            Ok(w) => writes.push((i, w)),
            Err(e) => {
                prepared.rejected[i] = true;
                prepared.problems.extend(problems_of(&records[i].location, &key_of(&records[i]), e));
            }
        }
    }
    writes.sort_by_key(|(i, _)| *i);
    (prepared.at, prepared.writes) = writes.into_iter().unzip();
    prepared.records = records;
    Ok(prepared)
}

/// Writes a prepared batch and its checkpoint (`meta` key and value) into the writer's transaction and counts
/// what happened. If the store refuses it (a conflict with a concurrent writer), nothing of it was written: its
/// writes are tried one by one, so only the conflicting records are refused, and then the checkpoint is set.
async fn write_batch(
    held: &mut dyn cogov_store::HeldWrites,
    batch: Prepared,
    checkpoint: Option<(String, String)>,
) -> Result<Written, AppError> {
    let Prepared { records, at, mut writes, mut rejected, problems, unchanged } = batch;
    let mut written =
        Written { created: 0, updated: 0, unchanged, rejected: problems, flagged_records: 0, flagged: vec![] };
    let meta = checkpoint.as_ref().map(|(k, v)| (k.as_str(), v.as_str()));
    if let Err(e) = held.write(&mut writes, meta).await? {
        tracing::warn!("import batch refused ({e}); writing its records one by one");
        for (i, w) in at.iter().zip(&mut writes) {
            if let Err(e) = held.write(std::slice::from_mut(w), None).await? {
                rejected[*i] = true;
                written.rejected.extend(problems_of(&records[*i].location, &key_of(&records[*i]), e.into()));
            }
        }
        if let Err(e) = held.write(&mut [], meta).await? {
            return Err(e.into());
        }
    }
    for (_, w) in at.iter().zip(&writes).filter(|(i, _)| !rejected[**i]) {
        if w.create {
            written.created += 1;
        } else {
            written.updated += 1;
        }
    }
    for (i, record) in records.into_iter().enumerate() {
        if !rejected[i] && !record.flags.is_empty() {
            let key = key_of(&record);
            written.flagged_records += 1;
            written.flagged.extend(record.flags.into_iter().map(|f| f.with_key(key.clone())));
        }
    }
    Ok(written)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Flags added to attributes given as text give the document inserting them into the parsed map would.
    #[test]
    fn flags_join_attributes_given_as_text_as_they_join_a_map() {
        let flag = Problem::new(Location::at("f.xml", 3, 7), "iati-activity/title", "a \"quoted\" reason");
        let other = Problem::new(Location::record("f.xml", 2), "iati-activity/sector/@code", "unknown code 'é\n'");
        // As given, or after room left for the rest of the document (spaces).
        for text in
            ["{}", "   {}", r#"{"iati":{"a":[1,"<b c=\"d\"/>"]}}"#, r#"  {"iati":{}}"#, r#"{"import_flags":[],"z":1}"#]
        {
            let mut record = Record {
                location: Location::file("f.xml"),
                key: ExternalId { source: "iati".into(), id: "x".into() },
                input: EntryInput { attributes_json: Some(text.into()), ..Default::default() },
                flags: vec![flag.clone(), other.clone()],
                flags_in_attributes: false,
            };
            let mut expected: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text).expect("JSON");
            let flags = serde_json::json!([{"field": "iati-activity/title", "reason": "a \"quoted\" reason",
                                            "line": 3, "column": 7},
                                           {"field": "iati-activity/sector/@code", "reason": "unknown code 'é\n'",
                                            "line": null, "column": null}]);
            expected.insert("import_flags".into(), flags);
            let mut input = input_of(&mut record);
            let as_text = input
                .attributes_json
                .clone()
                .unwrap_or_else(|| serde_json::to_string(input.attributes.as_ref().expect("parsed")).expect("JSON"));
            assert_eq!(as_text.trim_start(), serde_json::to_string(&expected).expect("JSON"), "{text}");
            input.parse_attributes_json().expect("parses");
            assert_eq!(input.attributes, Some(expected));
        }
    }
}
