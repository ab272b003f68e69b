//! The PostgreSQL backend, for several `cogov serve` nodes sharing one database.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres, Transaction};

use crate::shared::impl_store;
use crate::{Backend, Result};

pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    const BACKEND: Backend = Backend::Postgres;
    /// Serializes change-log appends until commit, so sequence numbers become visible in order.
    const LOG_LOCK: Option<&'static str> = Some("SELECT pg_advisory_xact_lock(7201)");
    /// An import's held transaction ([`crate::HeldWrites`]): a plain one (it takes `LOG_LOCK` with its first
    /// batch).
    const HELD_BEGIN: &'static str = "BEGIN";
    const HELD_END: &'static str = "COMMIT";
    /// Documents are given as text (TOAST compresses them).
    const PACKS_DOCS: bool = false;
    const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        Self::connect_with(PgConnectOptions::from_str(url)?, max_connections).await
    }

    /// Connects with explicit options (tests use them to pin a `search_path` schema).
    pub async fn connect_with(options: PgConnectOptions, max_connections: u32) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(PostgresStore { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    async fn backup_to(&self, _dest: &std::path::Path) -> Result<()> {
        Err(crate::StoreError::Unsupported(
            "cogov backup copies the embedded SQLite database; for PostgreSQL use pg_dump (docs/operations.md), \
             or `cogov dump` for a backend-independent copy"
                .to_string(),
        ))
    }

    async fn begin_write(&self) -> Result<Transaction<'static, Postgres>> {
        Ok(self.pool.begin().await?)
    }

    /// Where single-statement writes go (the pool: PostgreSQL has no single writer).
    fn write_pool(&self) -> &PgPool {
        &self.pool
    }
}

impl_store!(PostgresStore, Postgres);
crate::map::impl_map_store!(PostgresStore, Postgres);
crate::accounts::impl_account_store!(PostgresStore, Postgres);
crate::review::impl_review_store!(PostgresStore, Postgres);
