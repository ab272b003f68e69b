//! The embedded SQLite backend: one file, WAL journal, `synchronous = FULL` (a write acknowledged to a caller
//! survives a crash or power loss), foreign keys on (off only in an import's batches, which the store checks
//! itself: `HELD_BEGIN`), a busy timeout for concurrent processes (a CLI import while the server runs). Write
//! transactions go through one connection of their own (SQLite has one writer at a time anyway): its page cache
//! stays valid from one transaction to the next, instead of each write landing on whichever pooled connection is
//! free and re-reading (and re-allocating) the pages another one changed.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::shared::impl_store;
use crate::{Backend, Result};

pub struct SqliteStore {
    pool: SqlitePool,
    /// The connection write transactions use (see the module documentation).
    writer: SqlitePool,
}

impl SqliteStore {
    const BACKEND: Backend = Backend::Sqlite;
    const LOG_LOCK: Option<&'static str> = None;
    /// An import's held transaction ([`crate::HeldWrites`]) runs with foreign keys off: every reference its rows
    /// make is checked in the same transaction before they are written (`check_entry_writes`: the framework
    /// nodes, the countries, the entries updated; the other rows refer to the entries the batch itself writes),
    /// so SQLite's lookup of each row's parents would only repeat those checks (≈ 11 % of the writer's
    /// instructions in the IATI bench). The pragma applies outside a transaction only, hence before `BEGIN`;
    /// they are on again after `COMMIT`, and a held transaction that does not end so closes its connection.
    const HELD_BEGIN: &'static str = "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE";
    const HELD_END: &'static str = "COMMIT; PRAGMA foreign_keys = ON";
    /// Long entry documents are kept packed (`crate::packed`).
    const PACKS_DOCS: bool = true;
    const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

    /// Opens (creating if needed) the database file at `path`, creating its directory.
    pub async fn open(path: &Path, max_connections: u32) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
        let options = SqliteConnectOptions::from_str("sqlite://")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Temporary files (the statement journal of a multi-row upsert, sorts) in memory.
            .pragma("temp_store", "memory")
            // 16 KB pages for a new database (an existing one keeps its own): an entry's document (a few KB, an
            // imported activity's ~12 KB) fits in one or two pages instead of a chain of 4 KB overflow pages,
            // and the indexes are shallower.
            .page_size(16384);
        // A connection still inside a transaction when it comes back (its COMMIT failed: a full or read-only disk) is
        // closed, which rolls it back, instead of being handed to the next request.
        let pool_of = |connections: u32| {
            SqlitePoolOptions::new()
                .max_connections(connections)
                .after_release(|conn, _| Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) }))
        };
        let pool = pool_of(max_connections.max(1)).connect_with(options.clone()).await?;
        // The writer: a 32 MB page cache (a batch of imported entries is ~5 MB of pages), and the WAL
        // checkpointed every 8,192 pages (128 MB of 16 KB pages) rather than SQLite's 1,000 (fewer syncs of the
        // database file, and pages written by several transactions copied once).
        let writer = pool_of(1)
            .connect_with(options.pragma("cache_size", "-32768").pragma("wal_autocheckpoint", "8192"))
            .await?;
        Ok(SqliteStore { pool, writer })
    }

    /// The pool, for backend-specific operations (backups, benchmarks).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The connection every write goes through (transactions and single statements).
    pub fn write_pool(&self) -> &SqlitePool {
        &self.writer
    }

    /// `VACUUM INTO` copies the database as of one read transaction: consistent while writers go on.
    async fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(crate::StoreError::conflict("file", format!("{} exists: choose a new file", dest.display())));
        }
        let dest = dest.to_str().ok_or_else(|| crate::StoreError::conflict("file", "the path is not valid UTF-8"))?;
        sqlx::query("VACUUM INTO $1").bind(dest).execute(&self.pool).await?;
        Ok(())
    }

    /// A write transaction that holds SQLite's write lock from its first statement, so it never fails half-way
    /// with SQLITE_BUSY when another connection or process wrote meanwhile; it waits up to the busy timeout.
    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }
}

impl_store!(SqliteStore, Sqlite);
crate::map::impl_map_store!(SqliteStore, Sqlite);
crate::accounts::impl_account_store!(SqliteStore, Sqlite);
crate::review::impl_review_store!(SqliteStore, Sqlite);
