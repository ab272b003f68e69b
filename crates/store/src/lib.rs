//! cogov's store: the source of truth.
//!
//! One trait, [`Store`], with two real backends chosen from the database URL ([`open`]): embedded SQLite (the
//! default, a file in the data directory) and PostgreSQL. Both run the same SQL where the dialects agree — the
//! shared implementation is written once in `shared.rs` and instantiated per backend — and keep their own
//! migrations (`migrations/sqlite`, `migrations/postgres`, same file names).
//!
//! Every write appends a row to the change log (`changes`: a monotonic sequence number, entity, id, operation)
//! in the same transaction. Projections (the search index, statistics, federation feeds) follow that log by
//! sequence number. Sequence numbers are handed out in commit order: SQLite has one writer at a time
//! (`BEGIN IMMEDIATE`), and PostgreSQL writers take a transaction-scoped advisory lock before appending, so a
//! follower that has read up to `seq` never later sees a smaller one appear.

use std::path::Path;

use async_trait::async_trait;
use cogov_core::entry::{Entry, Revision};
use cogov_core::framework::{Edge, FrameworkFile, FrameworkHeader, Node};
use cogov_core::geo::{Country, Region};
use serde::Serialize;

mod accounts;
mod dump;
mod map;
pub mod packed;
mod postgres;
mod review;
mod shared;
mod sqlite;

pub use accounts::{AccountStore, ApiToken, AuditEvent, EmailToken, MembershipRow, OidcLogin, StoredSession, User};
pub use dump::TableDump;
pub use map::{ContributionQuery, MapStore};
pub use postgres::PostgresStore;
pub use review::{
    JoinRequest, Proposal, ProposalEvent, ProposalQuery, RecordWrite, ReviewStore, StaleEntry, Stewardship,
};
pub use sqlite::SqliteStore;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL '{0}': use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    /// A write that would break a rule the store guards (a unique key, a reference still in use).
    #[error("{field}: {message}")]
    Conflict { field: String, message: String },
    #[error("not found: {0}")]
    NotFound(String),
    #[error("stored data is unreadable ({what}): {message}")]
    Corrupt { what: String, message: String },
    /// The operation does not exist on this backend; the message says what to do instead.
    #[error("{0}")]
    Unsupported(String),
}

impl StoreError {
    pub(crate) fn conflict(field: &str, message: impl Into<String>) -> Self {
        StoreError::Conflict { field: field.to_string(), message: message.into() }
    }
}

impl StoreError {
    /// The database refuses writes for now — its file system is read-only or full (SQLite `SQLITE_READONLY`,
    /// `SQLITE_FULL`, `SQLITE_CANTOPEN`, an I/O error; PostgreSQL `25006` read-only transaction, class `53`
    /// insufficient resources such as a full disk) — and nothing was written. Reads may still work.
    pub fn is_unavailable(&self) -> bool {
        let StoreError::Database(sqlx::Error::Database(db)) = self else { return false };
        let code = db.code().unwrap_or_default();
        if let Ok(n) = code.parse::<i64>() {
            // SQLite: extended codes carry the primary code in their low byte.
            return matches!(n & 0xff, 8 | 10 | 13 | 14);
        }
        code == "25006" || code.starts_with("53")
    }
}

/// A snapshot of a store's connection pool (see [`Store::pool_status`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoolStatus {
    /// Open connections, in use or idle.
    pub size: u32,
    pub idle: u32,
    pub max: u32,
    /// Seconds spent taking one connection from the pool (waiting when every connection is busy).
    pub acquire_seconds: f64,
    /// Whether a connection could be taken at all.
    pub acquired: bool,
}

/// Which backend a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// One row of the change log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub seq: i64,
    pub entity: String,
    pub entity_id: String,
    pub op: String,
    pub at: String,
}

/// A framework as stored: its header and its current version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkInfo {
    pub header: FrameworkHeader,
    pub version_no: i64,
    pub content_hash: String,
    pub loaded_at: String,
}

/// One stored version of a framework.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FrameworkVersion {
    pub code: String,
    pub version_no: i64,
    pub version: String,
    pub content_hash: String,
    pub loaded_at: String,
    pub actor: String,
    pub summary: String,
}

/// What [`Store::put_framework`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum FrameworkPut {
    /// The same bytes were already stored: nothing changed.
    Unchanged { version_no: i64 },
    /// Stored as a new version.
    Stored { version_no: i64, added: usize, removed: usize, changed: usize, edges: usize },
}

/// A filter over entries. Empty vectors mean "any".
#[derive(Debug, Clone, Default)]
pub struct EntryQuery {
    pub kinds: Vec<String>,
    pub statuses: Vec<String>,
    /// Entries tagged with any of these framework nodes.
    pub nodes: Vec<String>,
    /// Entries in any of these countries (ISO alpha-2).
    pub countries: Vec<String>,
    /// Keyset cursor: entries whose slug sorts after this one.
    pub after_slug: Option<String>,
    pub limit: i64,
}

/// One write of a batch ([`Store::write_entries`]): an entry as it will be stored and the revision that
/// records the change.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryWrite {
    pub entry: Entry,
    pub revision: Revision,
    /// A new entry (`revision.number` 1) rather than the next revision of an existing one.
    pub create: bool,
    /// The entry's document as JSON when the caller has it already: exactly
    /// `serde_json::to_string` of the entry. `None`: the store writes it. The store reads nothing from
    /// `entry.attributes` then, so an importer that built them as text leaves them empty there. A create's
    /// revision changes are not written (revision 1 is stored without them while the entry is as created), so
    /// `revision.changes` may then be left empty.
    pub json: Option<WriteJson>,
}

/// See [`EntryWrite::json`].
#[derive(Debug, Clone, PartialEq)]
pub enum WriteJson {
    /// The document's text (the store packs it if it does).
    Text(String),
    /// The document packed ([`packed::pack`]), for a store that packs them ([`Store::packs_docs`]), by a
    /// caller that does so away from the writer; its text is not kept (an import's batch in flight holds
    /// only the packed bytes, a quarter of the text).
    Packed(Vec<u8>),
}

/// Batches of entry writes in one write transaction, committed together ([`Store::hold_writes`]). An import's
/// writer holds one across several batches: each commit rewrites the index pages its batches touched (slugs
/// and external ids arrive in no order, so a batch touches most leaves of their indexes), so fewer commits
/// rewrite them fewer times. Dropped without [`HeldWrites::commit`], nothing it wrote is kept.
#[async_trait]
pub trait HeldWrites: Send {
    /// Writes `writes` and `meta` as [`Store::write_entries_and_meta`] does, in the held transaction.
    /// `Ok(Err(_))`: the batch is refused — a conflict or a missing entry, found before anything of it was
    /// written — and the transaction goes on without it. `Err(_)`: the transaction failed; nothing it holds
    /// will be written, and it is to be dropped.
    /// The documents of a batch written (each entry's last write in it) are moved out of `writes` into the
    /// statements (their `json` is `None` after): a refused batch keeps them.
    async fn write(&mut self, writes: &mut [EntryWrite], meta: Option<(&str, &str)>) -> Result<Result<()>>;
    /// Commits every batch written.
    async fn commit(self: Box<Self>) -> Result<()>;
}

/// An entry found by one of its external ids ([`Store::entries_by_external_ids`]), with its last revision.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownEntry {
    pub external_id: String,
    pub entry: Entry,
    pub last_revision: i64,
}

/// The store: every read and write cogov makes. Each write method is one transaction that also appends to
/// the change log. The GDC implementation map's records are in the supertrait [`MapStore`], proposals, review
/// and stewardship in [`ReviewStore`].
#[async_trait]
pub trait Store: MapStore + ReviewStore + AccountStore + Send + Sync + 'static {
    fn backend(&self) -> Backend;

    /// Whether this store keeps large entry documents packed ([`packed`]): SQLite does.
    fn packs_docs(&self) -> bool;

    /// The connection pool now (for `/metrics`), and how long taking a connection from it took.
    async fn pool_status(&self) -> PoolStatus;

    /// Applies pending migrations (also done by [`open`]).
    async fn migrate(&self) -> Result<()>;

    async fn last_seq(&self) -> Result<i64>;
    async fn changes_since(&self, after_seq: i64, limit: i64) -> Result<Vec<Change>>;
    /// The last sequence number of a change to `entity` (`framework`, `geography`, `entry`, …), or 0.
    async fn last_seq_of(&self, entity: &str) -> Result<i64>;

    /// Instance state that is not content (projection checkpoints, settings); not logged.
    async fn meta(&self, key: &str) -> Result<Option<String>>;
    async fn set_meta(&self, key: &str, value: &str) -> Result<()>;

    async fn frameworks(&self) -> Result<Vec<FrameworkInfo>>;
    async fn framework_versions(&self, code: &str) -> Result<Vec<FrameworkVersion>>;
    /// Stores a validated framework file as a new version of its framework, replacing its nodes and its own
    /// edges. Refused (nothing changes) if it would remove a node that tags or other frameworks still use.
    async fn put_framework(&self, file: &FrameworkFile, actor: &str) -> Result<FrameworkPut>;
    /// All nodes, framework by framework in load order, in file order within each.
    async fn nodes(&self) -> Result<Vec<Node>>;
    async fn edges(&self) -> Result<Vec<Edge>>;

    /// Replaces the reference geography when it differs; returns whether it changed.
    async fn put_geography(&self, countries: &[Country], regions: &[Region]) -> Result<bool>;
    async fn countries(&self) -> Result<Vec<Country>>;
    async fn regions(&self) -> Result<Vec<Region>>;

    /// Creates an entry with its first revision. Conflicts on a taken slug or external id.
    async fn create_entry(&self, entry: &Entry, revision: &Revision) -> Result<()>;
    /// Replaces an entry and appends its revision; `revision.number` must be the next number (a concurrent
    /// update makes this a conflict rather than a lost update).
    async fn update_entry(&self, entry: &Entry, revision: &Revision) -> Result<()>;
    /// Writes a batch of creates and updates in ONE transaction: entries, index rows, revisions and one
    /// change-log row per write, in the batch's order. All or nothing: the same conflicts as
    /// [`Store::create_entry`] / [`Store::update_entry`] (checked against the store and against the earlier
    /// writes of the batch; an entry may be written more than once, each revision numbered after the last)
    /// refuse the whole batch. [`Store::create_entry`] and [`Store::update_entry`] are batches of one.
    async fn write_entries(&self, writes: &[EntryWrite]) -> Result<()> {
        self.write_entries_and_meta(writes, None).await
    }
    /// [`Store::write_entries`], and `meta` (key, value) set as [`Store::set_meta`] sets it, in the same
    /// transaction: an import's batch and its checkpoint land together, or neither does. With no writes, only
    /// `meta` is set.
    async fn write_entries_and_meta(&self, writes: &[EntryWrite], meta: Option<(&str, &str)>) -> Result<()>;
    /// A write transaction held open across several batches (an import's writer): see [`HeldWrites`].
    async fn hold_writes(&self) -> Result<Box<dyn HeldWrites>>;
    /// The entries that `ids` (external ids of `source`) identify, with their last revision numbers: one query
    /// per few thousand ids. Ids that identify nothing are left out.
    async fn entries_by_external_ids(&self, source: &str, ids: &[String]) -> Result<Vec<KnownEntry>>;
    /// Which of `slugs` are taken.
    async fn taken_slugs(&self, slugs: &[String]) -> Result<Vec<String>>;
    async fn entry(&self, id: &str) -> Result<Option<Entry>>;
    async fn entry_by_slug(&self, slug: &str) -> Result<Option<Entry>>;
    async fn entry_by_external_id(&self, source: &str, external_id: &str) -> Result<Option<Entry>>;
    async fn list_entries(&self, query: &EntryQuery) -> Result<Vec<Entry>>;
    async fn count_entries(&self, query: &EntryQuery) -> Result<i64>;
    async fn revisions(&self, entry_id: &str) -> Result<Vec<Revision>>;

    /// Every row of every table (migrations' bookkeeping aside): the whole instance, columns by name, rows in
    /// an order that does not depend on the backend, so equal content gives equal dumps on SQLite and
    /// PostgreSQL.
    async fn dump(&self) -> Result<Vec<TableDump>>;
    /// Writes a dump in one transaction, in reference order, and moves sequences past the restored rows.
    /// Refused if any table holds rows, unless `force`, which deletes every row first. A dump whose tables or
    /// columns this schema lacks is refused whole.
    async fn restore(&self, tables: &[TableDump], force: bool) -> Result<()>;
    /// A consistent online copy of the database in one file (SQLite `VACUUM INTO`), taken while the instance
    /// keeps serving. Refuses to overwrite an existing file. PostgreSQL answers `Unsupported`: use `pg_dump`.
    async fn backup(&self, dest: &Path) -> Result<()>;
    /// Closes every connection, waiting for those in use (connections merely dropped close on their own threads,
    /// later); the store answers nothing after it. On SQLite the writer's connection closes last.
    async fn close(&self);
}

/// Where the store lives.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// `sqlite://PATH`, `postgres://…`; `None` means SQLite at `DATA_DIR/cogov.db`.
    pub database_url: Option<String>,
    pub data_dir: std::path::PathBuf,
    pub max_connections: u32,
}

/// Opens the store the configuration names and applies pending migrations.
pub async fn open(config: &StoreConfig) -> Result<Box<dyn Store>> {
    let store: Box<dyn Store> = match config.database_url.as_deref() {
        None => Box::new(SqliteStore::open(&config.data_dir.join("cogov.db"), config.max_connections).await?),
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Box::new(PostgresStore::connect(url, config.max_connections).await?)
        }
        Some(url) => match url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            Some(path) if !path.is_empty() => {
                Box::new(SqliteStore::open(Path::new(path), config.max_connections).await?)
            }
            _ => return Err(StoreError::UnsupportedUrl(redact_url(url))),
        },
    };
    store.migrate().await?;
    Ok(store)
}

/// The URL with any password replaced, for messages and logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    match rest.split_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// The current time as RFC 3339 UTC with milliseconds: the one timestamp format stored on both backends.
pub fn now() -> String {
    format_time(time::OffsetDateTime::now_utc())
}

pub fn format_time(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(redact_url("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("sqlite://x.db"), "sqlite://x.db");
    }

    #[test]
    fn timestamps_are_fixed_width_utc() {
        let t = time::macros::datetime!(2026-01-02 03:04:05.678 +02:00);
        assert_eq!(format_time(t), "2026-01-02T01:04:05.678Z");
        assert_eq!(now().len(), 24);
    }
}
