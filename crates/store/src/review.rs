//! Submission and review in the store: proposals and their events, entry stewardship (who keeps an entry
//! current, when it was last confirmed) and requests to join an organization.
//!
//! [`ReviewStore`] is a supertrait of [`crate::Store`], its SQL written once for both backends
//! (`impl_review_store!`). The one write that matters most, [`ReviewStore::save_proposal`], stores a proposal's
//! new state, its event and the record it publishes (entry, contribution or endorsement, with that record's
//! revision and change-log row) in one transaction: an approval is all or nothing, and two moderators acting on
//! the same proposal at once cannot both succeed (the event number is the proposal's version).

use async_trait::async_trait;
use cogov_core::contribution::{Contribution, Endorsement};
use cogov_core::entry::{Entry, Revision};
use serde::{Deserialize, Serialize};

use crate::Result;

/// A proposal: a new record or an edit of one, as submitted, with where it is in review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: String,
    /// `entry`, `contribution` or `endorsement`.
    pub target: String,
    /// The record edited; for a new record, set once it is published.
    pub record_id: Option<String>,
    /// The record's revision number the edit was made against.
    pub base_revision: Option<i64>,
    /// The organization (actor entry id) the proposer acts for, if any.
    pub org: Option<String>,
    pub proposer: String,
    pub proposer_name: String,
    /// `pending`, `changes_requested`, `approved`, `rejected`, `withdrawn`, `published` (directly, by an editor).
    pub state: String,
    pub created_at: String,
    pub updated_at: String,
    /// The submitted input (the record's JSON input) and the proposer's message: `{input, message}`.
    pub doc: serde_json::Value,
}

/// One state change of a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalEvent {
    pub proposal_id: String,
    pub number: i64,
    pub at: String,
    pub actor: String,
    pub actor_name: String,
    pub action: String,
    pub reason: String,
}

/// A filter over proposals, newest first. Empty or `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct ProposalQuery {
    pub states: Vec<String>,
    pub targets: Vec<String>,
    pub proposer: Option<String>,
    pub record_id: Option<String>,
    pub limit: i64,
}

/// The record a proposal's state change writes, with its revision, in the same transaction.
#[derive(Debug, Clone, Copy)]
pub enum RecordWrite<'a> {
    CreateEntry(&'a Entry, &'a Revision),
    UpdateEntry(&'a Entry, &'a Revision),
    CreateContribution(&'a Contribution, &'a Revision),
    UpdateContribution(&'a Contribution, &'a Revision),
    CreateEndorsement(&'a Endorsement, &'a Revision),
    UpdateEndorsement(&'a Endorsement, &'a Revision),
}

/// Who keeps an entry current and when it was last confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stewardship {
    pub entry_id: String,
    pub org: Option<String>,
    pub confirmed_at: String,
    pub confirmed_by: String,
    pub reminded_at: Option<String>,
}

/// A published entry not confirmed since a moment: its id, its steward organization and when it was last
/// confirmed (or last changed, if never confirmed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaleEntry {
    pub entry_id: String,
    pub org: Option<String>,
    pub last_confirmed: String,
    pub reminded_at: Option<String>,
}

/// A request to join an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequest {
    pub id: String,
    pub org: String,
    pub user_id: String,
    pub user_name: String,
    pub message: String,
    /// `pending`, `approved`, `declined`.
    pub state: String,
    pub created_at: String,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
}

#[async_trait]
pub trait ReviewStore {
    /// Stores a proposal's state with its event, and the record write that goes with it, in one transaction.
    /// `event.number` 1 creates the proposal; any other number must be the next one (else a conflict: someone
    /// acted meanwhile). `steward` is written (upserted) with it.
    async fn save_proposal(
        &self,
        proposal: &Proposal,
        event: &ProposalEvent,
        write: Option<RecordWrite<'_>>,
        steward: Option<&Stewardship>,
    ) -> Result<()>;
    async fn proposal(&self, id: &str) -> Result<Option<Proposal>>;
    async fn proposal_events(&self, id: &str) -> Result<Vec<ProposalEvent>>;
    /// Proposals matching `query`, newest first; `limit` capped at 1,000.
    async fn list_proposals(&self, query: &ProposalQuery) -> Result<Vec<Proposal>>;
    /// How many proposals `proposer` made at or after `since` (quotas).
    async fn count_proposals_since(&self, proposer: &str, since: &str) -> Result<i64>;

    async fn stewardship(&self, entry_id: &str) -> Result<Option<Stewardship>>;
    /// The last confirmation time of each entry (its stewardship's, else its last change), for listings.
    async fn last_confirmed(&self, entry_ids: &[String]) -> Result<Vec<(String, String)>>;
    /// Records a confirmation (creating the stewardship row, without an organization, if there is none).
    async fn confirm_entry(&self, entry_id: &str, by: &str, at: &str) -> Result<()>;
    /// Published entries last confirmed (or, never confirmed, last changed) before `before`, oldest first.
    async fn stale_entries(&self, before: &str, limit: i64) -> Result<Vec<StaleEntry>>;
    /// Claims the reminder about an entry: records `at` as its last reminder if it had none at or after
    /// `not_since`, and says whether this call did. Atomic, so of several nodes (or runs) racing on one
    /// database exactly one sends it. An entry never confirmed gets a stewardship row whose confirmation is its
    /// last change.
    async fn claim_reminder(&self, entry_id: &str, at: &str, not_since: &str) -> Result<bool>;
    /// Gives a claimed reminder back (its mail could not be sent): `reminded_at` returns to `previous`, if it is
    /// still `claimed_at`.
    async fn release_reminder(&self, entry_id: &str, claimed_at: &str, previous: Option<&str>) -> Result<()>;
    /// Entries an organization stewards (ids).
    async fn stewarded_by(&self, org: &str) -> Result<Vec<String>>;

    async fn create_join_request(&self, request: &JoinRequest) -> Result<()>;
    async fn join_request(&self, id: &str) -> Result<Option<JoinRequest>>;
    /// Requests for an organization (all when `org` is `None`), with any of `states` (all when empty).
    async fn join_requests(&self, org: Option<&str>, user: Option<&str>, states: &[String])
        -> Result<Vec<JoinRequest>>;
    /// Decides a pending request; a conflict if it is no longer pending.
    async fn decide_join_request(&self, id: &str, state: &str, by: &str, at: &str) -> Result<()>;
}

pub(crate) type ProposalRow =
    (String, String, Option<String>, Option<i64>, Option<String>, String, String, String, String, String, String);

pub(crate) fn proposal_from_row(row: ProposalRow) -> Result<Proposal> {
    let (id, target, record_id, base_revision, org, proposer, proposer_name, state, created_at, updated_at, doc) = row;
    Ok(Proposal {
        doc: crate::shared::decode("proposal", &doc)?,
        id,
        target,
        record_id,
        base_revision,
        org,
        proposer,
        proposer_name,
        state,
        created_at,
        updated_at,
    })
}

pub(crate) const PROPOSAL_COLUMNS: &str =
    "id, target, record_id, base_revision, org, proposer, proposer_name, state, created_at, updated_at, doc";

pub(crate) type JoinRow = (String, String, String, String, String, String, String, Option<String>, Option<String>);

pub(crate) fn join_from_row(row: JoinRow) -> JoinRequest {
    let (id, org, user_id, user_name, message, state, created_at, decided_at, decided_by) = row;
    JoinRequest { id, org, user_id, user_name, message, state, created_at, decided_at, decided_by }
}

pub(crate) const JOIN_COLUMNS: &str = "id, org, user_id, user_name, message, state, created_at, decided_at, decided_by";

macro_rules! impl_review_store {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn write_record(
                tx: &mut sqlx::Transaction<'static, $db>,
                write: $crate::review::RecordWrite<'_>,
            ) -> $crate::Result<()> {
                use $crate::review::RecordWrite as W;
                match write {
                    W::CreateEntry(entry, revision) | W::UpdateEntry(entry, revision) => {
                        let mut writes = [$crate::EntryWrite {
                            entry: entry.clone(),
                            revision: revision.clone(),
                            create: matches!(write, W::CreateEntry(..)),
                            json: None,
                        }];
                        if let Some(lock) = Self::LOG_LOCK {
                            sqlx::query(lock).execute(&mut **tx).await?;
                        }
                        Self::check_entry_writes(&mut **tx, &writes).await?;
                        Self::write_entry_rows(&mut **tx, &mut writes).await?;
                    }
                    W::CreateContribution(c, revision) => {
                        Self::write_contribution_rows(tx, c, revision).await?;
                        Self::append_change(tx, "contribution", &c.id, "create").await?;
                    }
                    W::UpdateContribution(c, revision) => {
                        Self::next_map_revision(tx, "contribution", &c.id, revision.number).await?;
                        Self::write_contribution_rows(tx, c, revision).await?;
                        Self::append_change(tx, "contribution", &c.id, "update").await?;
                    }
                    W::CreateEndorsement(e, revision) => {
                        Self::write_endorsement_rows(tx, e, revision).await?;
                        Self::append_change(tx, "endorsement", &e.id, "create").await?;
                    }
                    W::UpdateEndorsement(e, revision) => {
                        Self::next_map_revision(tx, "endorsement", &e.id, revision.number).await?;
                        Self::write_endorsement_rows(tx, e, revision).await?;
                        Self::append_change(tx, "endorsement", &e.id, "update").await?;
                    }
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::review::ReviewStore for $store {
            async fn save_proposal(
                &self,
                p: &$crate::review::Proposal,
                event: &$crate::review::ProposalEvent,
                write: Option<$crate::review::RecordWrite<'_>>,
                steward: Option<&$crate::review::Stewardship>,
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let last: Option<i64> =
                    sqlx::query_scalar("SELECT MAX(number) FROM proposal_events WHERE proposal_id = $1")
                        .bind(&p.id)
                        .fetch_one(&mut *tx)
                        .await?;
                if event.number != last.unwrap_or(0) + 1 {
                    return Err($crate::StoreError::conflict(
                        "proposal",
                        format!("proposal '{}' changed meanwhile: reload it and try again", p.id),
                    ));
                }
                sqlx::query(
                    "INSERT INTO proposals (id, target, record_id, base_revision, org, proposer, proposer_name, state,
                       created_at, updated_at, doc)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                     ON CONFLICT (id) DO UPDATE SET record_id = excluded.record_id,
                       base_revision = excluded.base_revision, org = excluded.org, state = excluded.state,
                       updated_at = excluded.updated_at, doc = excluded.doc",
                )
                .bind(&p.id)
                .bind(&p.target)
                .bind(p.record_id.as_deref())
                .bind(p.base_revision)
                .bind(p.org.as_deref())
                .bind(&p.proposer)
                .bind(&p.proposer_name)
                .bind(&p.state)
                .bind(&p.created_at)
                .bind(&p.updated_at)
                .bind($crate::shared::encode(&p.doc))
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO proposal_events (proposal_id, number, at, actor, actor_name, action, reason)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&event.proposal_id)
                .bind(event.number)
                .bind(&event.at)
                .bind(&event.actor)
                .bind(&event.actor_name)
                .bind(&event.action)
                .bind(&event.reason)
                .execute(&mut *tx)
                .await?;
                if let Some(write) = write {
                    Self::write_record(&mut tx, write).await?;
                }
                if let Some(s) = steward {
                    sqlx::query(
                        "INSERT INTO entry_stewardship (entry_id, org, confirmed_at, confirmed_by, reminded_at)
                         VALUES ($1, $2, $3, $4, $5)
                         ON CONFLICT (entry_id) DO UPDATE SET org = excluded.org, confirmed_at = excluded.confirmed_at,
                           confirmed_by = excluded.confirmed_by, reminded_at = excluded.reminded_at",
                    )
                    .bind(&s.entry_id)
                    .bind(s.org.as_deref())
                    .bind(&s.confirmed_at)
                    .bind(&s.confirmed_by)
                    .bind(s.reminded_at.as_deref())
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn proposal(&self, id: &str) -> $crate::Result<Option<$crate::review::Proposal>> {
                let sql = format!("SELECT {} FROM proposals WHERE id = $1", $crate::review::PROPOSAL_COLUMNS);
                let row: Option<$crate::review::ProposalRow> =
                    sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map($crate::review::proposal_from_row).transpose()
            }

            async fn proposal_events(&self, id: &str) -> $crate::Result<Vec<$crate::review::ProposalEvent>> {
                let rows: Vec<(String, i64, String, String, String, String, String)> = sqlx::query_as(
                    "SELECT proposal_id, number, at, actor, actor_name, action, reason FROM proposal_events
                     WHERE proposal_id = $1 ORDER BY number",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(proposal_id, number, at, actor, actor_name, action, reason)| $crate::review::ProposalEvent {
                        proposal_id,
                        number,
                        at,
                        actor,
                        actor_name,
                        action,
                        reason,
                    })
                    .collect())
            }

            async fn list_proposals(
                &self,
                q: &$crate::review::ProposalQuery,
            ) -> $crate::Result<Vec<$crate::review::Proposal>> {
                use $crate::shared::marks;
                let mut clauses = Vec::new();
                let mut params: Vec<String> = Vec::new();
                if !q.states.is_empty() {
                    clauses.push(format!("state IN ({})", marks(params.len() + 1, q.states.len())));
                    params.extend(q.states.iter().cloned());
                }
                if !q.targets.is_empty() {
                    clauses.push(format!("target IN ({})", marks(params.len() + 1, q.targets.len())));
                    params.extend(q.targets.iter().cloned());
                }
                if let Some(p) = &q.proposer {
                    params.push(p.clone());
                    clauses.push(format!("proposer = ${}", params.len()));
                }
                if let Some(r) = &q.record_id {
                    params.push(r.clone());
                    clauses.push(format!("record_id = ${}", params.len()));
                }
                let filter = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
                let limit = if q.limit <= 0 { 1_000 } else { q.limit.min(1_000) };
                let sql = format!(
                    "SELECT {} FROM proposals{filter} ORDER BY created_at DESC, id DESC LIMIT {limit}",
                    $crate::review::PROPOSAL_COLUMNS
                );
                let mut query = sqlx::query_as::<_, $crate::review::ProposalRow>(&sql);
                for p in &params {
                    query = query.bind(p);
                }
                query.fetch_all(&self.pool).await?.into_iter().map($crate::review::proposal_from_row).collect()
            }

            async fn count_proposals_since(&self, proposer: &str, since: &str) -> $crate::Result<i64> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM proposals WHERE proposer = $1 AND created_at >= $2")
                    .bind(proposer)
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn stewardship(&self, entry_id: &str) -> $crate::Result<Option<$crate::review::Stewardship>> {
                let row: Option<(String, Option<String>, String, String, Option<String>)> = sqlx::query_as(
                    "SELECT entry_id, org, confirmed_at, confirmed_by, reminded_at FROM entry_stewardship WHERE entry_id = $1",
                )
                .bind(entry_id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(entry_id, org, confirmed_at, confirmed_by, reminded_at)| $crate::review::Stewardship {
                    entry_id,
                    org,
                    confirmed_at,
                    confirmed_by,
                    reminded_at,
                }))
            }

            async fn last_confirmed(&self, entry_ids: &[String]) -> $crate::Result<Vec<(String, String)>> {
                let mut out = Vec::with_capacity(entry_ids.len());
                for chunk in entry_ids.chunks(200) {
                    let sql = format!(
                        "SELECT e.id, COALESCE(s.confirmed_at, e.updated_at) FROM entries e
                         LEFT JOIN entry_stewardship s ON s.entry_id = e.id WHERE e.id IN ({})",
                        $crate::shared::marks(1, chunk.len())
                    );
                    let mut query = sqlx::query_as::<_, (String, String)>(&sql);
                    for id in chunk {
                        query = query.bind(id);
                    }
                    out.extend(query.fetch_all(&self.pool).await?);
                }
                Ok(out)
            }

            async fn confirm_entry(&self, entry_id: &str, by: &str, at: &str) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let exists: Option<String> = sqlx::query_scalar("SELECT id FROM entries WHERE id = $1")
                    .bind(entry_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if exists.is_none() {
                    return Err($crate::StoreError::NotFound(format!("entry '{entry_id}'")));
                }
                sqlx::query(
                    "INSERT INTO entry_stewardship (entry_id, org, confirmed_at, confirmed_by, reminded_at)
                     VALUES ($1, NULL, $2, $3, NULL)
                     ON CONFLICT (entry_id) DO UPDATE SET confirmed_at = excluded.confirmed_at,
                       confirmed_by = excluded.confirmed_by, reminded_at = NULL",
                )
                .bind(entry_id)
                .bind(at)
                .bind(by)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn stale_entries(&self, before: &str, limit: i64) -> $crate::Result<Vec<$crate::review::StaleEntry>> {
                let rows: Vec<(String, Option<String>, String, Option<String>)> = sqlx::query_as(&format!(
                    "SELECT e.id, s.org, COALESCE(s.confirmed_at, e.updated_at) AS last, s.reminded_at FROM entries e
                     LEFT JOIN entry_stewardship s ON s.entry_id = e.id
                     WHERE e.status = 'published' AND COALESCE(s.confirmed_at, e.updated_at) < $1
                     ORDER BY last, e.id LIMIT {}",
                    limit.clamp(1, 100_000)
                ))
                .bind(before)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(entry_id, org, last_confirmed, reminded_at)| $crate::review::StaleEntry {
                        entry_id,
                        org,
                        last_confirmed,
                        reminded_at,
                    })
                    .collect())
            }

            async fn claim_reminder(&self, entry_id: &str, at: &str, not_since: &str) -> $crate::Result<bool> {
                let mut tx = self.begin_write().await?;
                // Never confirmed: its last change stands for the confirmation it is reminded about.
                sqlx::query(
                    "INSERT INTO entry_stewardship (entry_id, org, confirmed_at, confirmed_by, reminded_at)
                     SELECT id, NULL, updated_at, '', NULL FROM entries WHERE id = $1
                     ON CONFLICT (entry_id) DO NOTHING",
                )
                .bind(entry_id)
                .execute(&mut *tx)
                .await?;
                // A racing claim waits for this row's lock (PostgreSQL) or the write lock (SQLite), then finds
                // `reminded_at` recent and claims nothing.
                let claimed = sqlx::query(
                    "UPDATE entry_stewardship SET reminded_at = $2
                     WHERE entry_id = $1 AND (reminded_at IS NULL OR reminded_at < $3)",
                )
                .bind(entry_id)
                .bind(at)
                .bind(not_since)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if claimed == 0 {
                    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM entries WHERE id = $1")
                        .bind(entry_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if exists.is_none() {
                        return Err($crate::StoreError::NotFound(format!("entry '{entry_id}'")));
                    }
                }
                tx.commit().await?;
                Ok(claimed == 1)
            }

            async fn release_reminder(
                &self,
                entry_id: &str,
                claimed_at: &str,
                previous: Option<&str>,
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query("UPDATE entry_stewardship SET reminded_at = $3 WHERE entry_id = $1 AND reminded_at = $2")
                    .bind(entry_id)
                    .bind(claimed_at)
                    .bind(previous)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn stewarded_by(&self, org: &str) -> $crate::Result<Vec<String>> {
                Ok(sqlx::query_scalar("SELECT entry_id FROM entry_stewardship WHERE org = $1 ORDER BY entry_id")
                    .bind(org)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn create_join_request(&self, r: &$crate::review::JoinRequest) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let pending: Option<String> = sqlx::query_scalar(
                    "SELECT id FROM join_requests WHERE org = $1 AND user_id = $2 AND state = 'pending'",
                )
                .bind(&r.org)
                .bind(&r.user_id)
                .fetch_optional(&mut *tx)
                .await?;
                if pending.is_some() {
                    return Err($crate::StoreError::conflict("org", "a request to join this organization is already pending"));
                }
                sqlx::query(&format!(
                    "INSERT INTO join_requests ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    $crate::review::JOIN_COLUMNS
                ))
                .bind(&r.id)
                .bind(&r.org)
                .bind(&r.user_id)
                .bind(&r.user_name)
                .bind(&r.message)
                .bind(&r.state)
                .bind(&r.created_at)
                .bind(r.decided_at.as_deref())
                .bind(r.decided_by.as_deref())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn join_request(&self, id: &str) -> $crate::Result<Option<$crate::review::JoinRequest>> {
                let sql = format!("SELECT {} FROM join_requests WHERE id = $1", $crate::review::JOIN_COLUMNS);
                let row: Option<$crate::review::JoinRow> = sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await?;
                Ok(row.map($crate::review::join_from_row))
            }

            async fn join_requests(
                &self,
                org: Option<&str>,
                user: Option<&str>,
                states: &[String],
            ) -> $crate::Result<Vec<$crate::review::JoinRequest>> {
                let mut clauses = Vec::new();
                let mut params: Vec<String> = Vec::new();
                if let Some(o) = org {
                    params.push(o.to_string());
                    clauses.push(format!("org = ${}", params.len()));
                }
                if let Some(u) = user {
                    params.push(u.to_string());
                    clauses.push(format!("user_id = ${}", params.len()));
                }
                if !states.is_empty() {
                    clauses.push(format!("state IN ({})", $crate::shared::marks(params.len() + 1, states.len())));
                    params.extend(states.iter().cloned());
                }
                let filter = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
                let sql = format!(
                    "SELECT {} FROM join_requests{filter} ORDER BY created_at, id LIMIT 1000",
                    $crate::review::JOIN_COLUMNS
                );
                let mut query = sqlx::query_as::<_, $crate::review::JoinRow>(&sql);
                for p in &params {
                    query = query.bind(p);
                }
                Ok(query.fetch_all(&self.pool).await?.into_iter().map($crate::review::join_from_row).collect())
            }

            async fn decide_join_request(&self, id: &str, state: &str, by: &str, at: &str) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let updated = sqlx::query(
                    "UPDATE join_requests SET state = $2, decided_by = $3, decided_at = $4
                     WHERE id = $1 AND state = 'pending'",
                )
                .bind(id)
                .bind(state)
                .bind(by)
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if updated == 0 {
                    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM join_requests WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    return Err(match exists {
                        None => $crate::StoreError::NotFound(format!("join request '{id}'")),
                        Some(_) => $crate::StoreError::conflict("request", "this request was already decided"),
                    });
                }
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_review_store;
