//! The GDC implementation map in the store: contributions, endorsements and their revisions.
//!
//! [`MapStore`] is a supertrait of [`crate::Store`], so every store has it and `dyn Store` callers reach it by
//! importing the trait. Its SQL is written once for both backends, like the rest of the store
//! (`impl_map_store!`, instantiated beside `impl_store!` in each backend), and every write appends to the change
//! log (entities `contribution` and `endorsement`) in the same transaction.

use async_trait::async_trait;
use cogov_core::contribution::{Contribution, Endorsement};
use cogov_core::entry::Revision;

use crate::Result;

/// A filter over contributions. Empty vectors mean "any".
#[derive(Debug, Clone, Default)]
pub struct ContributionQuery {
    pub statuses: Vec<String>,
    /// Contributions naming any of these commitments (or related SDG / WSIS nodes).
    pub nodes: Vec<String>,
    /// Contributions taking effect in any of these countries.
    pub countries: Vec<String>,
    pub contributors: Vec<String>,
    pub progress: Vec<String>,
    /// Keyset cursor: contributions whose id sorts after this one.
    pub after_id: Option<String>,
    pub limit: i64,
}

#[async_trait]
pub trait MapStore {
    /// Creates a contribution with its first revision. Its contributor, nodes and countries must exist.
    async fn create_contribution(&self, contribution: &Contribution, revision: &Revision) -> Result<()>;
    /// Replaces a contribution; `revision.number` must be the next number (else a conflict, not a lost update).
    async fn update_contribution(&self, contribution: &Contribution, revision: &Revision) -> Result<()>;
    /// Many new contributions in one transaction (importers, benchmarks): all or nothing.
    async fn import_contributions(&self, items: &[(Contribution, Revision)]) -> Result<()>;
    async fn contribution(&self, id: &str) -> Result<Option<Contribution>>;
    /// Contributions in id order (ids are time-ordered UUIDs: oldest first); `limit` is capped at 10,000.
    async fn list_contributions(&self, query: &ContributionQuery) -> Result<Vec<Contribution>>;
    async fn count_contributions(&self, query: &ContributionQuery) -> Result<i64>;

    /// Creates an endorsement with its first revision. Conflicts when the actor already endorsed.
    async fn create_endorsement(&self, endorsement: &Endorsement, revision: &Revision) -> Result<()>;
    async fn update_endorsement(&self, endorsement: &Endorsement, revision: &Revision) -> Result<()>;
    async fn endorsement(&self, id: &str) -> Result<Option<Endorsement>>;
    async fn endorsement_by_actor(&self, actor: &str) -> Result<Option<Endorsement>>;
    /// Endorsements with any of these statuses (all when empty), by date then id.
    async fn list_endorsements(&self, statuses: &[String]) -> Result<Vec<Endorsement>>;

    /// The revisions of a map record (`entity` is `contribution` or `endorsement`), oldest first.
    async fn map_revisions(&self, entity: &str, record_id: &str) -> Result<Vec<Revision>>;
}

/// The WHERE clause and its text parameters for a contribution query, numbered from `$1`.
pub(crate) fn contribution_filter(q: &ContributionQuery) -> (String, Vec<String>) {
    let mut clauses = Vec::new();
    let mut params: Vec<String> = Vec::new();
    let mut any_of = |sql: &dyn Fn(&str) -> String, values: &[String]| {
        if values.is_empty() {
            return;
        }
        let start = params.len();
        params.extend(values.iter().cloned());
        let list: Vec<String> = (start + 1..=params.len()).map(|i| format!("${i}")).collect();
        clauses.push(sql(&list.join(", ")));
    };
    any_of(&|l| format!("c.status IN ({l})"), &q.statuses);
    any_of(&|l| format!("c.progress IN ({l})"), &q.progress);
    any_of(&|l| format!("c.contributor IN ({l})"), &q.contributors);
    any_of(&|l| format!("c.id IN (SELECT contribution_id FROM contribution_nodes WHERE node_id IN ({l}))"), &q.nodes);
    any_of(
        &|l| format!("c.id IN (SELECT contribution_id FROM contribution_countries WHERE iso2 IN ({l}))"),
        &q.countries,
    );
    if let Some(after) = &q.after_id {
        params.push(after.clone());
        clauses.push(format!("c.id > ${}", params.len()));
    }
    let sql = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
    (sql, params)
}

fn sorted_unique(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = values.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The index rows of a contribution: (node, role) pairs and countries.
pub(crate) fn contribution_rows(c: &Contribution) -> (Vec<(String, &'static str)>, Vec<String>) {
    let mut nodes: Vec<(String, &'static str)> =
        sorted_unique(c.commitments.iter().cloned()).into_iter().map(|n| (n, "commitment")).collect();
    for n in sorted_unique(c.sdg_targets.iter().chain(&c.wsis_lines).cloned()) {
        if !nodes.iter().any(|(x, _)| *x == n) {
            nodes.push((n, "related"));
        }
    }
    (nodes, sorted_unique(c.countries.iter().cloned()))
}

pub(crate) fn endorsement_objectives(e: &Endorsement) -> Vec<String> {
    sorted_unique(e.objectives.iter().cloned())
}

macro_rules! impl_map_store {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn write_contribution_rows(
                tx: &mut sqlx::Transaction<'static, $db>,
                c: &cogov_core::contribution::Contribution,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                use $crate::shared::encode;
                sqlx::query(
                    "INSERT INTO contributions (id, contributor, status, progress, evidence_level, period_start,
                       period_end, created_at, updated_at, doc)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                     ON CONFLICT (id) DO UPDATE SET contributor = excluded.contributor, status = excluded.status,
                       progress = excluded.progress, evidence_level = excluded.evidence_level,
                       period_start = excluded.period_start, period_end = excluded.period_end,
                       updated_at = excluded.updated_at, doc = excluded.doc",
                )
                .bind(&c.id)
                .bind(&c.contributor)
                .bind(c.status.code())
                .bind(c.progress.code())
                .bind(c.evidence_level.code())
                .bind(&c.period.start)
                .bind(c.period.end.as_deref())
                .bind(&c.created_at)
                .bind(&c.updated_at)
                .bind(encode(c))
                .execute(&mut **tx)
                .await?;
                for table in ["contribution_nodes", "contribution_countries"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE contribution_id = $1"))
                        .bind(&c.id)
                        .execute(&mut **tx)
                        .await?;
                }
                let (nodes, countries) = $crate::map::contribution_rows(c);
                for (node, role) in nodes {
                    sqlx::query("INSERT INTO contribution_nodes (contribution_id, node_id, role) VALUES ($1, $2, $3)")
                        .bind(&c.id)
                        .bind(node)
                        .bind(role)
                        .execute(&mut **tx)
                        .await?;
                }
                for iso2 in countries {
                    sqlx::query("INSERT INTO contribution_countries (contribution_id, iso2) VALUES ($1, $2)")
                        .bind(&c.id)
                        .bind(iso2)
                        .execute(&mut **tx)
                        .await?;
                }
                Self::write_map_revision(tx, "contribution", revision).await
            }

            async fn write_map_revision(
                tx: &mut sqlx::Transaction<'static, $db>,
                entity: &str,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO map_revisions (entity, record_id, number, at, actor, reason, changes)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(entity)
                .bind(&revision.entry_id)
                .bind(revision.number)
                .bind(&revision.at)
                .bind(&revision.actor)
                .bind(&revision.reason)
                .bind($crate::shared::encode(&revision.changes))
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            async fn next_map_revision(
                tx: &mut sqlx::Transaction<'static, $db>,
                entity: &str,
                id: &str,
                number: i64,
            ) -> $crate::Result<()> {
                let last: Option<i64> =
                    sqlx::query_scalar("SELECT MAX(number) FROM map_revisions WHERE entity = $1 AND record_id = $2")
                        .bind(entity)
                        .bind(id)
                        .fetch_one(&mut **tx)
                        .await?;
                let Some(last) = last else {
                    return Err($crate::StoreError::NotFound(format!("{entity} '{id}'")));
                };
                if number != last + 1 {
                    return Err($crate::StoreError::Conflict {
                        field: "revision".into(),
                        message: format!("{entity} '{id}' changed meanwhile (now at revision {last})"),
                    });
                }
                Ok(())
            }

            async fn write_endorsement_rows(
                tx: &mut sqlx::Transaction<'static, $db>,
                e: &cogov_core::contribution::Endorsement,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                let owner: Option<String> = sqlx::query_scalar("SELECT id FROM endorsements WHERE actor = $1")
                    .bind(&e.actor)
                    .fetch_optional(&mut **tx)
                    .await?;
                if owner.as_deref().is_some_and(|o| o != e.id) {
                    return Err($crate::StoreError::Conflict {
                        field: "actor".into(),
                        message: format!("actor '{}' has already endorsed the Compact: update that endorsement", e.actor),
                    });
                }
                sqlx::query(
                    "INSERT INTO endorsements (id, actor, status, endorsed_on, created_at, updated_at, doc)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (id) DO UPDATE SET actor = excluded.actor, status = excluded.status,
                       endorsed_on = excluded.endorsed_on, updated_at = excluded.updated_at, doc = excluded.doc",
                )
                .bind(&e.id)
                .bind(&e.actor)
                .bind(e.status.code())
                .bind(&e.date)
                .bind(&e.created_at)
                .bind(&e.updated_at)
                .bind($crate::shared::encode(e))
                .execute(&mut **tx)
                .await?;
                sqlx::query("DELETE FROM endorsement_objectives WHERE endorsement_id = $1")
                    .bind(&e.id)
                    .execute(&mut **tx)
                    .await?;
                for node in $crate::map::endorsement_objectives(e) {
                    sqlx::query("INSERT INTO endorsement_objectives (endorsement_id, node_id) VALUES ($1, $2)")
                        .bind(&e.id)
                        .bind(node)
                        .execute(&mut **tx)
                        .await?;
                }
                Self::write_map_revision(tx, "endorsement", revision).await
            }

            async fn fetch_docs<T: serde::de::DeserializeOwned>(
                &self,
                what: &str,
                sql: &str,
                params: &[String],
            ) -> $crate::Result<Vec<T>> {
                let mut query = sqlx::query_scalar::<_, String>(sql);
                for p in params {
                    query = query.bind(p);
                }
                let docs = query.fetch_all(&self.pool).await?;
                docs.iter().map(|d| $crate::shared::decode(what, d)).collect()
            }
        }

        #[async_trait::async_trait]
        impl $crate::map::MapStore for $store {
            async fn create_contribution(
                &self,
                c: &cogov_core::contribution::Contribution,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let exists: Option<String> = sqlx::query_scalar("SELECT id FROM contributions WHERE id = $1")
                    .bind(&c.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if exists.is_some() {
                    return Err($crate::StoreError::conflict("id", format!("contribution '{}' already exists", c.id)));
                }
                Self::write_contribution_rows(&mut tx, c, revision).await?;
                Self::append_change(&mut tx, "contribution", &c.id, "create").await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_contribution(
                &self,
                c: &cogov_core::contribution::Contribution,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                Self::next_map_revision(&mut tx, "contribution", &c.id, revision.number).await?;
                Self::write_contribution_rows(&mut tx, c, revision).await?;
                Self::append_change(&mut tx, "contribution", &c.id, "update").await?;
                tx.commit().await?;
                Ok(())
            }

            async fn import_contributions(
                &self,
                items: &[(cogov_core::contribution::Contribution, cogov_core::entry::Revision)],
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                for (c, revision) in items {
                    Self::write_contribution_rows(&mut tx, c, revision).await?;
                    Self::append_change(&mut tx, "contribution", &c.id, "create").await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn contribution(&self, id: &str) -> $crate::Result<Option<cogov_core::contribution::Contribution>> {
                let mut found = self
                    .fetch_docs("contribution", "SELECT doc FROM contributions WHERE id = $1", &[id.to_string()])
                    .await?;
                Ok(found.pop())
            }

            async fn list_contributions(
                &self,
                q: &$crate::map::ContributionQuery,
            ) -> $crate::Result<Vec<cogov_core::contribution::Contribution>> {
                let (filter, params) = $crate::map::contribution_filter(q);
                let sql =
                    format!("SELECT c.doc FROM contributions c{filter} ORDER BY c.id LIMIT {}", q.limit.clamp(0, 10_000));
                self.fetch_docs("contribution", &sql, &params).await
            }

            async fn count_contributions(&self, q: &$crate::map::ContributionQuery) -> $crate::Result<i64> {
                let (filter, params) = $crate::map::contribution_filter(q);
                let sql = format!("SELECT COUNT(*) FROM contributions c{filter}");
                let mut query = sqlx::query_scalar::<_, i64>(&sql);
                for p in &params {
                    query = query.bind(p);
                }
                Ok(query.fetch_one(&self.pool).await?)
            }

            async fn create_endorsement(
                &self,
                e: &cogov_core::contribution::Endorsement,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let exists: Option<String> = sqlx::query_scalar("SELECT id FROM endorsements WHERE id = $1")
                    .bind(&e.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if exists.is_some() {
                    return Err($crate::StoreError::conflict("id", format!("endorsement '{}' already exists", e.id)));
                }
                Self::write_endorsement_rows(&mut tx, e, revision).await?;
                Self::append_change(&mut tx, "endorsement", &e.id, "create").await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_endorsement(
                &self,
                e: &cogov_core::contribution::Endorsement,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                Self::next_map_revision(&mut tx, "endorsement", &e.id, revision.number).await?;
                Self::write_endorsement_rows(&mut tx, e, revision).await?;
                Self::append_change(&mut tx, "endorsement", &e.id, "update").await?;
                tx.commit().await?;
                Ok(())
            }

            async fn endorsement(&self, id: &str) -> $crate::Result<Option<cogov_core::contribution::Endorsement>> {
                let mut found = self
                    .fetch_docs("endorsement", "SELECT doc FROM endorsements WHERE id = $1", &[id.to_string()])
                    .await?;
                Ok(found.pop())
            }

            async fn endorsement_by_actor(
                &self,
                actor: &str,
            ) -> $crate::Result<Option<cogov_core::contribution::Endorsement>> {
                let mut found = self
                    .fetch_docs("endorsement", "SELECT doc FROM endorsements WHERE actor = $1", &[actor.to_string()])
                    .await?;
                Ok(found.pop())
            }

            async fn list_endorsements(
                &self,
                statuses: &[String],
            ) -> $crate::Result<Vec<cogov_core::contribution::Endorsement>> {
                let filter = if statuses.is_empty() {
                    String::new()
                } else {
                    let list: Vec<String> = (1..=statuses.len()).map(|i| format!("${i}")).collect();
                    format!(" WHERE status IN ({})", list.join(", "))
                };
                let sql = format!("SELECT doc FROM endorsements{filter} ORDER BY endorsed_on, id");
                self.fetch_docs("endorsement", &sql, statuses).await
            }

            async fn map_revisions(
                &self,
                entity: &str,
                record_id: &str,
            ) -> $crate::Result<Vec<cogov_core::entry::Revision>> {
                let rows: Vec<(String, i64, String, String, String, String)> = sqlx::query_as(
                    "SELECT record_id, number, at, actor, reason, changes FROM map_revisions
                     WHERE entity = $1 AND record_id = $2 ORDER BY number",
                )
                .bind(entity)
                .bind(record_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(entry_id, number, at, actor, reason, changes)| {
                        Ok(cogov_core::entry::Revision {
                            entry_id,
                            number,
                            at,
                            actor,
                            reason,
                            changes: $crate::shared::decode("revision", &changes)?,
                        })
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use impl_map_store;
