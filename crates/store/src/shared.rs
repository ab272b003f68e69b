//! The store implementation both backends share.
//!
//! SQLite and PostgreSQL agree on every statement cogov needs here (`$N` placeholders, `ON CONFLICT`,
//! `RETURNING`), so the SQL is written once. `impl_store!` instantiates it for a backend type, which provides:
//! - `self.pool`: its `sqlx::Pool`;
//! - `self.begin_write()`: a transaction that holds the write lock (SQLite `BEGIN IMMEDIATE`, on its writer
//!   connection);
//! - `self.write_pool()`: where single-statement writes go (SQLite: the writer connection);
//! - `Self::LOG_LOCK`: a statement run just before appending to the change log (PostgreSQL's advisory lock,
//!   which hands out sequence numbers in commit order), or `None`;
//! - `Self::HELD_BEGIN` and `Self::HELD_END`: the statements that open and commit a held transaction
//!   ([`crate::HeldWrites`]) on a connection of `self.write_pool()`;
//! - `Self::MIGRATOR` and `Self::BACKEND`.

use cogov_core::entry::Entry;

use crate::{EntryQuery, StoreError};

pub(crate) fn decode<T: serde::de::DeserializeOwned>(what: &str, doc: &str) -> Result<T, StoreError> {
    serde_json::from_str(doc).map_err(|e| StoreError::Corrupt { what: what.to_string(), message: e.to_string() })
}

pub(crate) fn encode<T: serde::Serialize>(value: &T) -> String {
    // Serializing our own plain data types cannot fail (no maps with non-string keys, no custom serializers).
    serde_json::to_string(value).unwrap_or_default()
}

/// Sets a `meta` key (both backends).
pub(crate) const SET_META: &str =
    "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

/// A write's entry document: the caller's JSON when it has it (`EntryWrite::json`), else written here.
pub(crate) fn doc_json(w: &crate::EntryWrite) -> crate::Result<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    Ok(match &w.json {
        Some(crate::WriteJson::Text(doc)) => Cow::Borrowed(doc.as_str()),
        Some(crate::WriteJson::Packed(packed)) => Cow::Owned(unpacked(packed)?),
        None => Cow::Owned(encode(&w.entry)),
    })
}

/// A document packed by a caller ([`crate::WriteJson::Packed`]), as text.
fn unpacked(packed: &[u8]) -> crate::Result<String> {
    crate::packed::unpack(packed)
        .map_err(|e| crate::StoreError::Corrupt { what: "packed entry".into(), message: e.to_string() })
}

/// A write's document as the store keeps it (see [`crate::packed::stored`]), moved out of the write (its `json`
/// is `None` after): packed bytes given by the caller are taken as they are. Moved, not borrowed: sqlx-sqlite
/// copies every borrowed value it binds before the statement runs (`into_static`), an owned one it takes as it
/// is — an import's packed documents are most of the bytes it writes.
pub(crate) fn take_stored_doc(packs: bool, w: &mut crate::EntryWrite) -> crate::Result<crate::packed::Stored<'static>> {
    use std::borrow::Cow;
    Ok(match w.json.take() {
        Some(crate::WriteJson::Packed(bytes)) if packs => crate::packed::Stored::Packed(Cow::Owned(bytes)),
        Some(crate::WriteJson::Text(doc)) => crate::packed::stored(packs, Cow::Owned(doc)),
        Some(crate::WriteJson::Packed(packed)) => crate::packed::stored(packs, Cow::Owned(unpacked(&packed)?)),
        None => crate::packed::stored(packs, Cow::Owned(encode(&w.entry))),
    })
}

/// The WHERE clause and its text parameters for an entry query, numbered from `$1`.
pub(crate) fn entry_filter(q: &EntryQuery) -> (String, Vec<String>) {
    let mut clauses = Vec::new();
    let mut params: Vec<String> = Vec::new();
    let mut any_of = |column_sql: &dyn Fn(&str) -> String, values: &[String], params: &mut Vec<String>| {
        if values.is_empty() {
            return;
        }
        let start = params.len();
        params.extend(values.iter().cloned());
        let list: Vec<String> = (start + 1..=params.len()).map(|i| format!("${i}")).collect();
        clauses.push(column_sql(&list.join(", ")));
    };
    any_of(&|l| format!("e.kind IN ({l})"), &q.kinds, &mut params);
    any_of(&|l| format!("e.status IN ({l})"), &q.statuses, &mut params);
    any_of(&|l| format!("e.id IN (SELECT entry_id FROM entry_tags WHERE node_id IN ({l}))"), &q.nodes, &mut params);
    any_of(
        &|l| format!("e.id IN (SELECT entry_id FROM entry_countries WHERE iso2 IN ({l}))"),
        &q.countries,
        &mut params,
    );
    if let Some(after) = &q.after_slug {
        params.push(after.clone());
        clauses.push(format!("e.slug > ${}", params.len()));
    }
    let sql = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
    (sql, params)
}

/// Values bound in one statement at most. Far below the backends' limits (SQLite 32,766, PostgreSQL 65,535) on
/// purpose: SQLite looks each `$N` up in a list when it parses a statement and when it binds a value, so a
/// statement's cost grows with the square of its placeholders (at 8,000, parsing and binding took half of an
/// import's instructions); statements of at most this size also repeat, so sqlx's statement cache reuses them.
pub(crate) const MAX_BINDS: usize = 512;
/// Values of one `IN (…)` list at most (the same reason).
pub(crate) const IN_CHUNK: usize = 512;

/// A value of a multi-row insert.
pub(crate) enum SqlValue<'a> {
    Text(&'a str),
    Int(i64),
    /// Text or SQL NULL.
    OptText(Option<&'a str>),
    /// An entry's document (owned ones are bound without a copy: see [`take_stored_doc`]).
    Doc(crate::packed::Stored<'a>),
}

/// The placeholders of a long list for `backend`: `$start, $start+1, …` (PostgreSQL), `?, ?, …` (SQLite).
/// SQLite keeps named and numbered parameters (`$N`, `?N`) in a list it searches linearly when it parses a
/// statement and when a value is bound by name, so a statement of a few hundred of them cost about a million
/// instructions to prepare and as much to bind; anonymous `?` are numbered in order with no search. The SQL
/// before the list must then use `?` too (see [`for_backend`]).
pub(crate) fn list_marks(backend: crate::Backend, start: usize, n: usize) -> String {
    let mut out = String::with_capacity(n * 6);
    push_list_marks(&mut out, backend, start, n);
    out
}

/// Appends [`list_marks`] to `out`.
fn push_list_marks(out: &mut String, backend: crate::Backend, start: usize, n: usize) {
    use std::fmt::Write as _;
    for i in start..start + n {
        if i > start {
            out.push_str(", ");
        }
        match backend {
            crate::Backend::Sqlite => out.push('?'),
            crate::Backend::Postgres => {
                let _ = write!(out, "${i}");
            }
        }
    }
}

/// `sql` for `backend`: on SQLite, every `$N` becomes `?`, which is only right when the `$N` appear once each in
/// increasing order (as in the statements given to `select_in`).
pub(crate) fn for_backend(backend: crate::Backend, sql: &str) -> std::borrow::Cow<'_, str> {
    if backend == crate::Backend::Postgres || !sql.contains('$') {
        return sql.into();
    }
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
            while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                chars.next();
            }
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// `head VALUES (…), (…) tail`: `rows` rows of `width` placeholders (numbered from 1 on PostgreSQL), written into
/// one string (a multi-row insert of an import's batch has thousands of rows; formatting each row apart was a
/// quarter of the writer task's instructions).
pub(crate) fn values_sql(backend: crate::Backend, head: &str, tail: &str, width: usize, rows: usize) -> String {
    let mut out = String::with_capacity(head.len() + tail.len() + 9 + rows * (width * 6 + 4));
    out.push_str(head);
    out.push_str(" VALUES ");
    for r in 0..rows {
        if r > 0 {
            out.push_str(", ");
        }
        out.push('(');
        push_list_marks(&mut out, backend, r * width + 1, width);
        out.push(')');
    }
    out.push(' ');
    out.push_str(tail);
    out
}

/// `$start, $start+1, …` (`n` placeholders), on either backend.
pub(crate) fn marks(start: usize, n: usize) -> String {
    list_marks(crate::Backend::Postgres, start, n)
}

/// `INSERT … INTO` for a multi-row insert inside a transaction that a failed statement rolls back whole, into a
/// table no foreign key leaves: on SQLite `INSERT OR FAIL` (a constraint that fails stops the statement, keeping
/// its earlier rows, which the rollback then undoes), so SQLite keeps no statement journal for it (with the
/// default `ABORT` it copies every page the statement changes that existed before it: every index page an
/// import's batch touches, 16 KB each).
pub(crate) fn insert_failing(backend: crate::Backend) -> &'static str {
    match backend {
        crate::Backend::Sqlite => "INSERT OR FAIL INTO",
        crate::Backend::Postgres => "INSERT INTO",
    }
}

pub(crate) fn entry_index_rows(entry: &Entry) -> (Vec<&str>, Vec<&str>) {
    let mut nodes: Vec<&str> = entry.tags.iter().map(|t| t.node.as_str()).collect();
    nodes.sort_unstable();
    nodes.dedup();
    let mut countries: Vec<&str> = entry.countries.iter().map(String::as_str).collect();
    countries.sort_unstable();
    countries.dedup();
    (nodes, countries)
}

macro_rules! impl_store {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn append_change(
                tx: &mut sqlx::Transaction<'static, $db>,
                entity: &str,
                entity_id: &str,
                op: &str,
            ) -> $crate::Result<i64> {
                if let Some(lock) = Self::LOG_LOCK {
                    sqlx::query(lock).execute(&mut **tx).await?;
                }
                let seq: i64 = sqlx::query_scalar(
                    "INSERT INTO changes (entity, entity_id, op, at) VALUES ($1, $2, $3, $4) RETURNING seq",
                )
                .bind(entity)
                .bind(entity_id)
                .bind(op)
                .bind($crate::now())
                .fetch_one(&mut **tx)
                .await?;
                Ok(seq)
            }

            /// `sql` with `{}` replaced by placeholders for `list` (after those of `fixed`), run in chunks; the
            /// rows of every chunk.
            async fn select_in<T>(
                conn: &mut <$db as sqlx::Database>::Connection,
                sql: &str,
                fixed: &[&str],
                list: &[&str],
            ) -> $crate::Result<Vec<T>>
            where
                T: for<'r> sqlx::FromRow<'r, <$db as sqlx::Database>::Row> + Send + Unpin,
            {
                let mut out = Vec::new();
                let sql = $crate::shared::for_backend(Self::BACKEND, sql);
                for chunk in list.chunks($crate::shared::IN_CHUNK) {
                    let sql = sql.replace("{}", &$crate::shared::list_marks(Self::BACKEND, fixed.len() + 1, chunk.len()));
                    let mut query = sqlx::query_as::<_, T>(&sql);
                    for v in fixed.iter().chain(chunk) {
                        query = query.bind(*v);
                    }
                    out.extend(query.fetch_all(&mut *conn).await?);
                }
                Ok(out)
            }

            /// `head VALUES (…), (…) tail` for rows of `width` values, in chunks.
            async fn insert_many(
                tx: &mut <$db as sqlx::Database>::Connection,
                head: &str,
                tail: &str,
                width: usize,
                values: Vec<$crate::shared::SqlValue<'_>>,
            ) -> $crate::Result<()> {
                use std::borrow::Cow;
                use $crate::{packed::Stored, shared::SqlValue};
                let per = ($crate::shared::MAX_BINDS / width).max(1) * width;
                let mut left = values.len();
                let mut values = values.into_iter();
                while left > 0 {
                    let n = per.min(left);
                    left -= n;
                    let sql = $crate::shared::values_sql(Self::BACKEND, head, tail, width, n / width);
                    let mut query = sqlx::query(&sql);
                    for v in values.by_ref().take(n) {
                        query = match v {
                            SqlValue::Text(t) => query.bind(t),
                            SqlValue::Int(i) => query.bind(i),
                            SqlValue::OptText(t) => query.bind(t),
                            SqlValue::Doc(Stored::Text(Cow::Borrowed(t))) => query.bind(t),
                            SqlValue::Doc(Stored::Text(Cow::Owned(t))) => query.bind(t),
                            SqlValue::Doc(Stored::Packed(Cow::Borrowed(b))) => query.bind(b),
                            SqlValue::Doc(Stored::Packed(Cow::Owned(b))) => query.bind(b),
                        };
                    }
                    query.execute(&mut *tx).await?;
                }
                Ok(())
            }

            /// Every rule a batch must keep, checked against the store (a few queries per batch, not per
            /// entry) and against the batch's own earlier writes.
            async fn check_entry_writes(
                tx: &mut <$db as sqlx::Database>::Connection,
                writes: &[$crate::EntryWrite],
            ) -> $crate::Result<()> {
                // foldhash (seeded per process): a batch's keys are hashed several times over (SipHash took ≈ 10 %
                // of the writer task in the IATI bench).
                use foldhash::{HashMap, HashSet};
                use std::collections::BTreeSet;
                let ids: BTreeSet<&str> = writes.iter().map(|w| w.entry.id.as_str()).collect();
                let ids: Vec<&str> = ids.into_iter().collect();
                let rows: Vec<(String, i64)> = Self::select_in(
                    &mut *tx,
                    "SELECT entry_id, MAX(number) FROM revisions WHERE entry_id IN ({}) GROUP BY entry_id",
                    &[],
                    &ids,
                )
                .await?;
                let mut last: HashMap<String, i64> = rows.into_iter().collect();
                let slugs: BTreeSet<&str> = writes.iter().map(|w| w.entry.slug.as_str()).collect();
                let slugs: Vec<&str> = slugs.into_iter().collect();
                let rows: Vec<(String, String)> =
                    Self::select_in(&mut *tx, "SELECT slug, id FROM entries WHERE slug IN ({})", &[], &slugs).await?;
                let mut slug_owner: HashMap<String, String> = rows.into_iter().collect();
                let mut by_source: std::collections::BTreeMap<&str, BTreeSet<&str>> = Default::default();
                for w in writes {
                    for x in &w.entry.external_ids {
                        by_source.entry(x.source.as_str()).or_default().insert(x.id.as_str());
                    }
                }
                let mut ext_owner: HashMap<(String, String), String> = HashMap::default();
                for (source, list) in by_source {
                    let list: Vec<&str> = list.into_iter().collect();
                    let rows: Vec<(String, String)> = Self::select_in(
                        &mut *tx,
                        "SELECT external_id, entry_id FROM entry_external_ids WHERE source = $1 AND external_id IN ({})",
                        &[source],
                        &list,
                    )
                    .await?;
                    ext_owner.extend(rows.into_iter().map(|(x, owner)| ((source.to_string(), x), owner)));
                }
                let nodes: BTreeSet<&str> =
                    writes.iter().flat_map(|w| w.entry.tags.iter().map(|t| t.node.as_str())).collect();
                let nodes: Vec<&str> = nodes.into_iter().collect();
                let known_nodes: HashSet<String> = Self::select_in::<(String,)>(
                    &mut *tx,
                    "SELECT id FROM nodes WHERE id IN ({})",
                    &[],
                    &nodes,
                )
                .await?
                .into_iter()
                .map(|(n,)| n)
                .collect();
                let countries: BTreeSet<&str> =
                    writes.iter().flat_map(|w| w.entry.countries.iter().map(String::as_str)).collect();
                let countries: Vec<&str> = countries.into_iter().collect();
                let known_countries: HashSet<String> = Self::select_in::<(String,)>(
                    &mut *tx,
                    "SELECT iso2 FROM countries WHERE iso2 IN ({})",
                    &[],
                    &countries,
                )
                .await?
                .into_iter()
                .map(|(c,)| c)
                .collect();

                for w in writes {
                    let e = &w.entry;
                    match (w.create, last.get(&e.id)) {
                        (true, Some(_)) => {
                            return Err($crate::StoreError::conflict("id", format!("entry '{}' already exists", e.id)))
                        }
                        (false, None) => return Err($crate::StoreError::NotFound(format!("entry '{}'", e.id))),
                        (false, Some(&n)) if w.revision.number != n + 1 => {
                            return Err($crate::StoreError::conflict(
                                "revision",
                                format!("entry '{}' changed meanwhile (now at revision {n})", e.id),
                            ))
                        }
                        _ => {}
                    }
                    if w.revision.entry_id != e.id || (w.create && w.revision.number != 1) {
                        return Err($crate::StoreError::conflict(
                            "revision",
                            format!("revision {} of '{}' does not belong to this write", w.revision.number, w.revision.entry_id),
                        ));
                    }
                    last.insert(e.id.clone(), w.revision.number);
                    for x in &e.external_ids {
                        let key = (x.source.clone(), x.id.clone());
                        if ext_owner.get(&key).is_some_and(|o| *o != e.id) {
                            return Err($crate::StoreError::conflict(
                                "external_ids",
                                format!("{}:{} already identifies another entry", x.source, x.id),
                            ));
                        }
                        ext_owner.insert(key, e.id.clone());
                    }
                    if slug_owner.get(&e.slug).is_some_and(|o| *o != e.id) {
                        return Err($crate::StoreError::conflict("slug", format!("'{}' is taken", e.slug)));
                    }
                    slug_owner.insert(e.slug.clone(), e.id.clone());
                    if let Some(t) = e.tags.iter().find(|t| !known_nodes.contains(&t.node)) {
                        return Err($crate::StoreError::conflict("tags", format!("unknown framework node '{}'", t.node)));
                    }
                    if let Some(c) = e.countries.iter().find(|c| !known_countries.contains(*c)) {
                        return Err($crate::StoreError::conflict("countries", format!("unknown country '{c}'")));
                    }
                }
                Ok(())
            }

            /// A batch of entry writes and its `meta` in `tx`: `Ok(Err(_))` if the checks refuse it (nothing of
            /// it written: they only read), `Err(_)` if writing failed (rows of it may be written: the
            /// transaction is to be rolled back).
            async fn write_batch_in(
                tx: &mut <$db as sqlx::Database>::Connection,
                writes: &mut [$crate::EntryWrite],
                meta: Option<(&str, &str)>,
            ) -> $crate::Result<$crate::Result<()>> {
                if !writes.is_empty() {
                    // Taken before the batch's first change-log row and held until commit: sequence numbers
                    // become visible in commit order (PostgreSQL; SQLite's write lock does the same).
                    if let Some(lock) = Self::LOG_LOCK {
                        sqlx::query(lock).execute(&mut *tx).await?;
                    }
                    if let Err(refused) = Self::check_entry_writes(tx, &*writes).await {
                        return match refused {
                            $crate::StoreError::Conflict { .. } | $crate::StoreError::NotFound(_) => Ok(Err(refused)),
                            failed => Err(failed),
                        };
                    }
                    Self::write_entry_rows(tx, writes).await?;
                }
                if let Some((key, value)) = meta {
                    sqlx::query($crate::shared::SET_META).bind(key).bind(value).execute(&mut *tx).await?;
                }
                Ok(Ok(()))
            }

            /// The rows of a batch checked by `check_entry_writes`: each entry's last state with its index rows,
            /// every revision, and one change-log row per write in batch order. The caller holds `LOG_LOCK`.
            async fn write_entry_rows(
                tx: &mut <$db as sqlx::Database>::Connection,
                writes: &mut [$crate::EntryWrite],
            ) -> $crate::Result<()> {
                use $crate::shared::{doc_json, encode, entry_index_rows, SqlValue::{Int, OptText, Text}};
                // The last write of each entry here; their documents are moved out first (the others' are read).
                let mut last_of: foldhash::HashMap<&str, usize> = Default::default();
                for (i, w) in writes.iter().enumerate() {
                    last_of.insert(w.entry.id.as_str(), i);
                }
                let is_final: Vec<bool> = writes.iter().enumerate().map(|(i, w)| last_of[w.entry.id.as_str()] == i).collect();
                let stored = writes
                    .iter_mut()
                    .zip(&is_final)
                    .filter(|(_, f)| **f)
                    .map(|(w, _)| $crate::shared::take_stored_doc(Self::PACKS_DOCS, w))
                    .collect::<$crate::Result<Vec<_>>>()?;
                let writes: &[$crate::EntryWrite] = writes;
                let final_writes: Vec<&$crate::EntryWrite> =
                    writes.iter().zip(&is_final).filter(|(_, f)| **f).map(|(w, _)| w).collect();
                let finals: Vec<&cogov_core::entry::Entry> = final_writes.iter().map(|w| &w.entry).collect();
                let updated: std::collections::BTreeSet<&str> =
                    writes.iter().filter(|w| !w.create).map(|w| w.entry.id.as_str()).collect();
                let updated: Vec<&str> = updated.into_iter().collect();
                for table in ["entry_external_ids", "entry_tags", "entry_countries"] {
                    for chunk in updated.chunks($crate::shared::IN_CHUNK) {
                        let sql = format!("DELETE FROM {table} WHERE entry_id IN ({})", $crate::shared::list_marks(Self::BACKEND, 1, chunk.len()));
                        let mut query = sqlx::query(&sql);
                        for id in chunk {
                            query = query.bind(*id);
                        }
                        query.execute(&mut *tx).await?;
                    }
                }
                // Revision 1 of an entry is stored without its changes (NULL) while the entry is as created:
                // they are cut from the document when read (`cogov_core::entry::creation_changes_json`). An
                // entry changed by this batch has them written out first, from the document it had.
                if !updated.is_empty() {
                    let rows: Vec<(String, $crate::packed::Doc)> = Self::select_in(
                        &mut *tx,
                        "SELECT e.id, e.doc FROM entries e JOIN revisions r ON r.entry_id = e.id
                         WHERE r.number = 1 AND r.changes IS NULL AND e.id IN ({})",
                        &[],
                        &updated,
                    )
                    .await?;
                    let sql = $crate::shared::for_backend(
                        Self::BACKEND,
                        "UPDATE revisions SET changes = $1 WHERE entry_id = $2 AND number = 1",
                    );
                    for (id, $crate::packed::Doc(doc)) in rows {
                        let changes = cogov_core::entry::creation_changes_json(&doc);
                        sqlx::query(&sql).bind(&changes).bind(&id).execute(&mut *tx).await?;
                    }
                }
                // Entries new in this batch are inserted, the others upserted (an entry created and changed
                // again here is new).
                let created: foldhash::HashSet<&str> =
                    writes.iter().filter(|w| w.create).map(|w| w.entry.id.as_str()).collect();
                let (mut new_values, mut values) = (Vec::new(), Vec::with_capacity(finals.len() * 7));
                for (e, doc) in finals.iter().zip(stored) {
                    let values = if created.contains(e.id.as_str()) { &mut new_values } else { &mut values };
                    values.extend([
                        Text(&e.id),
                        Text(e.kind.code()),
                        Text(&e.slug),
                        Text(e.status.code()),
                        Text(&e.created_at),
                        Text(&e.updated_at),
                        $crate::shared::SqlValue::Doc(doc),
                    ]);
                }
                let insert = $crate::shared::insert_failing(Self::BACKEND);
                Self::insert_many(
                    tx,
                    &format!("{insert} entries (id, kind, slug, status, created_at, updated_at, doc)"),
                    "",
                    7,
                    new_values,
                )
                .await?;
                Self::insert_many(
                    tx,
                    "INSERT INTO entries (id, kind, slug, status, created_at, updated_at, doc)",
                    "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, slug = excluded.slug, status = excluded.status,
                       updated_at = excluded.updated_at, doc = excluded.doc",
                    7,
                    values,
                )
                .await?;
                let (mut ext, mut tags, mut countries) = (Vec::new(), Vec::new(), Vec::new());
                for e in &finals {
                    for x in &e.external_ids {
                        ext.extend([Text(&x.source), Text(&x.id), Text(&e.id)]);
                    }
                    let (nodes, isos) = entry_index_rows(e);
                    tags.extend(nodes.into_iter().flat_map(|n| [Text(&e.id), Text(n)]));
                    countries.extend(isos.into_iter().flat_map(|c| [Text(&e.id), Text(c)]));
                }
                Self::insert_many(tx, "INSERT INTO entry_external_ids (source, external_id, entry_id)", "", 3, ext).await?;
                Self::insert_many(tx, "INSERT INTO entry_tags (entry_id, node_id)", "", 2, tags).await?;
                Self::insert_many(tx, "INSERT INTO entry_countries (entry_id, iso2)", "", 2, countries).await?;
                // NULL for a create that is its entry's last write here (see above); a create changed again in
                // the same batch has its changes written out.
                let changes = writes
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        Ok(if w.create && is_final[i] {
                            None
                        } else if w.create {
                            Some(cogov_core::entry::creation_changes_json(&doc_json(w)?))
                        } else {
                            Some(encode(&w.revision.changes))
                        })
                    })
                    .collect::<$crate::Result<Vec<Option<String>>>>()?;
                let mut values = Vec::with_capacity(writes.len() * 6);
                for (w, c) in writes.iter().zip(&changes) {
                    let r = &w.revision;
                    values.extend([
                        Text(&r.entry_id),
                        Int(r.number),
                        Text(&r.at),
                        Text(&r.actor),
                        Text(&r.reason),
                        OptText(c.as_deref()),
                    ]);
                }
                Self::insert_many(tx, "INSERT INTO revisions (entry_id, number, at, actor, reason, changes)", "", 6, values)
                    .await?;
                // The change log, in batch order (multi-row VALUES take their sequence numbers in row order).
                let at = $crate::now();
                let mut values = Vec::with_capacity(writes.len() * 4);
                for w in writes {
                    values.extend([Text("entry"), Text(&w.entry.id), Text(if w.create { "create" } else { "update" }), Text(&at)]);
                }
                Self::insert_many(tx, &format!("{insert} changes (entity, entity_id, op, at)"), "", 4, values).await?;
                Ok(())
            }

            /// The instance's tables (migration bookkeeping aside), their columns with kinds, and the table
            /// references, read from the schema itself so tables added by later migrations are included.
            async fn schema_tables<'c, E>(
                exec: E,
            ) -> $crate::Result<(
                std::collections::BTreeMap<String, Vec<(String, $crate::dump::ColumnKind)>>,
                Vec<(String, String)>,
            )>
            where
                E: sqlx::Executor<'c, Database = $db> + Copy,
            {
                let (tables_sql, columns_sql, refs_sql) = match Self::BACKEND {
                    $crate::Backend::Sqlite => (
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
                        "SELECT name, type FROM pragma_table_info($1) ORDER BY cid",
                        "SELECT \"table\" FROM pragma_foreign_key_list($1)",
                    ),
                    $crate::Backend::Postgres => (
                        "SELECT table_name::text FROM information_schema.tables
                         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx%'",
                        "SELECT column_name::text, data_type::text FROM information_schema.columns
                         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                        "SELECT ccu.table_name::text FROM information_schema.table_constraints tc
                         JOIN information_schema.constraint_column_usage ccu
                           ON ccu.constraint_name = tc.constraint_name AND ccu.constraint_schema = tc.constraint_schema
                         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
                           AND tc.table_name = $1",
                    ),
                };
                let names: Vec<String> = sqlx::query_scalar(tables_sql).fetch_all(exec).await?;
                let mut tables = std::collections::BTreeMap::new();
                let mut refs = Vec::new();
                for name in names {
                    let cols: Vec<(String, String)> = sqlx::query_as(columns_sql).bind(&name).fetch_all(exec).await?;
                    let mut cols: Vec<(String, $crate::dump::ColumnKind)> =
                        cols.into_iter().map(|(c, t)| (c, $crate::dump::ColumnKind::of(&t))).collect();
                    cols.sort_by(|a, b| a.0.cmp(&b.0));
                    let targets: Vec<String> = sqlx::query_scalar(refs_sql).bind(&name).fetch_all(exec).await?;
                    refs.extend(targets.into_iter().map(|t| (name.clone(), t)));
                    tables.insert(name, cols);
                }
                Ok((tables, refs))
            }

            async fn fetch_entry(&self, sql: &str, params: &[&str]) -> $crate::Result<Option<cogov_core::entry::Entry>> {
                let mut query = sqlx::query_scalar::<_, $crate::packed::Doc>(sql);
                for p in params {
                    query = query.bind(*p);
                }
                match query.fetch_optional(&self.pool).await? {
                    Some($crate::packed::Doc(doc)) => Ok(Some($crate::shared::decode("entry", &doc)?)),
                    None => Ok(None),
                }
            }
        }

        /// This backend's `HeldWrites`: a write connection in the transaction `HELD_BEGIN` opened (see the
        /// backend's `HELD_BEGIN` and `HELD_END`). Until `HELD_END` has run in full, dropping it closes the
        /// connection instead of handing it back: closing rolls the transaction back, and what `HELD_BEGIN` set
        /// on the connection goes with it.
        pub struct Held {
            conn: sqlx::pool::PoolConnection<$db>,
            /// `HELD_END` ran in full: the connection goes back to the pool.
            ended: bool,
        }

        impl Drop for Held {
            fn drop(&mut self) {
                if !self.ended {
                    self.conn.close_on_drop();
                }
            }
        }

        #[async_trait::async_trait]
        impl $crate::HeldWrites for Held {
            async fn write(
                &mut self,
                writes: &mut [$crate::EntryWrite],
                meta: Option<(&str, &str)>,
            ) -> $crate::Result<$crate::Result<()>> {
                <$store>::write_batch_in(&mut self.conn, writes, meta).await
            }

            async fn commit(mut self: Box<Self>) -> $crate::Result<()> {
                sqlx::query(<$store>::HELD_END).persistent(false).execute(&mut *self.conn).await?;
                self.ended = true;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> $crate::Backend {
                Self::BACKEND
            }

            fn packs_docs(&self) -> bool {
                Self::PACKS_DOCS
            }

            async fn close(&self) {
                self.pool.close().await;
                self.write_pool().close().await;
            }

            async fn pool_status(&self) -> $crate::PoolStatus {
                let (size, idle) = (self.pool.size(), self.pool.num_idle() as u32);
                let start = std::time::Instant::now();
                let acquired = self.pool.acquire().await.is_ok();
                $crate::PoolStatus {
                    size,
                    idle,
                    max: self.pool.options().get_max_connections(),
                    acquire_seconds: start.elapsed().as_secs_f64(),
                    acquired,
                }
            }

            async fn migrate(&self) -> $crate::Result<()> {
                Self::MIGRATOR.run(&self.pool).await?;
                Ok(())
            }

            async fn last_seq(&self) -> $crate::Result<i64> {
                let seq: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM changes").fetch_one(&self.pool).await?;
                Ok(seq.unwrap_or(0))
            }

            async fn last_seq_of(&self, entity: &str) -> $crate::Result<i64> {
                let seq: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM changes WHERE entity = $1")
                    .bind(entity)
                    .fetch_one(&self.pool)
                    .await?;
                Ok(seq.unwrap_or(0))
            }

            async fn changes_since(&self, after_seq: i64, limit: i64) -> $crate::Result<Vec<$crate::Change>> {
                let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
                    "SELECT seq, entity, entity_id, op, at FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .bind(after_seq)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(seq, entity, entity_id, op, at)| $crate::Change { seq, entity, entity_id, op, at })
                    .collect())
            }

            async fn meta(&self, key: &str) -> $crate::Result<Option<String>> {
                Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = $1").bind(key).fetch_optional(&self.pool).await?)
            }

            async fn set_meta(&self, key: &str, value: &str) -> $crate::Result<()> {
                sqlx::query($crate::shared::SET_META)
                    .bind(key)
                    .bind(value)
                    .execute(self.write_pool())
                    .await?;
                Ok(())
            }

            async fn frameworks(&self) -> $crate::Result<Vec<$crate::FrameworkInfo>> {
                let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
                    "SELECT header, version_no, content_hash, loaded_at FROM frameworks ORDER BY load_order",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(header, version_no, content_hash, loaded_at)| {
                        Ok($crate::FrameworkInfo {
                            header: $crate::shared::decode("framework header", &header)?,
                            version_no,
                            content_hash,
                            loaded_at,
                        })
                    })
                    .collect()
            }

            async fn framework_versions(&self, code: &str) -> $crate::Result<Vec<$crate::FrameworkVersion>> {
                let rows: Vec<(String, i64, String, String, String, String, String)> = sqlx::query_as(
                    "SELECT code, version_no, version, content_hash, loaded_at, actor, summary
                     FROM framework_versions WHERE code = $1 ORDER BY version_no",
                )
                .bind(code)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(code, version_no, version, content_hash, loaded_at, actor, summary)| $crate::FrameworkVersion {
                        code,
                        version_no,
                        version,
                        content_hash,
                        loaded_at,
                        actor,
                        summary,
                    })
                    .collect())
            }

            async fn put_framework(
                &self,
                file: &cogov_core::framework::FrameworkFile,
                actor: &str,
            ) -> $crate::Result<$crate::FrameworkPut> {
                use std::collections::{HashMap, HashSet};
                use $crate::shared::encode;
                let code = file.header.code.as_str();
                let mut tx = self.begin_write().await?;
                let current: Option<(i64, i64, String)> =
                    sqlx::query_as("SELECT version_no, load_order, content_hash FROM frameworks WHERE code = $1")
                        .bind(code)
                        .fetch_optional(&mut *tx)
                        .await?;
                if let Some((version_no, _, hash)) = &current {
                    if *hash == file.content_hash {
                        return Ok($crate::FrameworkPut::Unchanged { version_no: *version_no });
                    }
                }
                let old: HashMap<String, String> =
                    sqlx::query_as::<_, (String, String)>("SELECT id, doc FROM nodes WHERE framework = $1")
                        .bind(code)
                        .fetch_all(&mut *tx)
                        .await?
                        .into_iter()
                        .collect();
                let new_ids: HashSet<&str> = file.nodes.iter().map(|n| n.id.as_str()).collect();
                let removed: Vec<&String> = old.keys().filter(|id| !new_ids.contains(id.as_str())).collect();
                for id in &removed {
                    let tags: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM entry_tags WHERE node_id = $1")
                        .bind(id.as_str())
                        .fetch_one(&mut *tx)
                        .await?;
                    let foreign: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM edges WHERE framework <> $1 AND (from_node = $2 OR to_node = $2)",
                    )
                    .bind(code)
                    .bind(id.as_str())
                    .fetch_one(&mut *tx)
                    .await?;
                    if tags > 0 || foreign > 0 {
                        return Err($crate::StoreError::conflict(
                            "nodes",
                            format!(
                                "the new version removes '{id}', still used by {tags} tag(s) and {foreign} link(s) \
                                 from other frameworks: keep the node (it may be relabelled) or retag first"
                            ),
                        ));
                    }
                }
                let next_order: i64 = match &current {
                    Some((_, order, _)) => *order,
                    None => sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(load_order) FROM frameworks")
                        .fetch_one(&mut *tx)
                        .await?
                        .map_or(1, |m| m + 1),
                };
                let version_no = current.as_ref().map_or(1, |c| c.0 + 1);
                let loaded_at = $crate::now();
                sqlx::query(
                    "INSERT INTO frameworks (code, version, version_no, load_order, header, content_hash, loaded_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (code) DO UPDATE SET version = excluded.version, version_no = excluded.version_no,
                       header = excluded.header, content_hash = excluded.content_hash, loaded_at = excluded.loaded_at",
                )
                .bind(code)
                .bind(&file.header.version)
                .bind(version_no)
                .bind(next_order)
                .bind(encode(&file.header))
                .bind(&file.content_hash)
                .bind(&loaded_at)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM edges WHERE framework = $1").bind(code).execute(&mut *tx).await?;
                for id in &removed {
                    sqlx::query("DELETE FROM nodes WHERE id = $1").bind(id.as_str()).execute(&mut *tx).await?;
                }
                let (mut added, mut changed) = (0usize, 0usize);
                for (position, node) in file.nodes.iter().enumerate() {
                    let doc = encode(node);
                    match old.get(&node.id) {
                        None => added += 1,
                        Some(previous) if *previous != doc => changed += 1,
                        Some(_) => {}
                    }
                    sqlx::query(
                        "INSERT INTO nodes (id, framework, parent, position, doc) VALUES ($1, $2, $3, $4, $5)
                         ON CONFLICT (id) DO UPDATE SET parent = excluded.parent, position = excluded.position,
                           doc = excluded.doc",
                    )
                    .bind(&node.id)
                    .bind(code)
                    .bind(node.parent.as_deref())
                    .bind(position as i64)
                    .bind(doc)
                    .execute(&mut *tx)
                    .await?;
                }
                for (position, edge) in file.edges.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO edges (framework, from_node, to_node, position, doc) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(code)
                    .bind(edge.from())
                    .bind(edge.to())
                    .bind(position as i64)
                    .bind(encode(edge))
                    .execute(&mut *tx)
                    .await?;
                }
                let summary = format!(
                    "{added} node(s) added, {} removed, {changed} changed; {} edge(s)",
                    removed.len(),
                    file.edges.len()
                );
                sqlx::query(
                    "INSERT INTO framework_versions (code, version_no, version, content_hash, loaded_at, actor, summary)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(code)
                .bind(version_no)
                .bind(&file.header.version)
                .bind(&file.content_hash)
                .bind(&loaded_at)
                .bind(actor)
                .bind(&summary)
                .execute(&mut *tx)
                .await?;
                let op = if current.is_some() { "update" } else { "create" };
                Self::append_change(&mut tx, "framework", code, op).await?;
                tx.commit().await?;
                Ok($crate::FrameworkPut::Stored { version_no, added, removed: removed.len(), changed, edges: file.edges.len() })
            }

            async fn nodes(&self) -> $crate::Result<Vec<cogov_core::framework::Node>> {
                let docs: Vec<String> = sqlx::query_scalar(
                    "SELECT n.doc FROM nodes n JOIN frameworks f ON f.code = n.framework ORDER BY f.load_order, n.position",
                )
                .fetch_all(&self.pool)
                .await?;
                docs.iter().map(|d| $crate::shared::decode("node", d)).collect()
            }

            async fn edges(&self) -> $crate::Result<Vec<cogov_core::framework::Edge>> {
                let docs: Vec<String> = sqlx::query_scalar(
                    "SELECT e.doc FROM edges e JOIN frameworks f ON f.code = e.framework ORDER BY f.load_order, e.position",
                )
                .fetch_all(&self.pool)
                .await?;
                docs.iter().map(|d| $crate::shared::decode("edge", d)).collect()
            }

            async fn put_geography(
                &self,
                countries: &[cogov_core::geo::Country],
                regions: &[cogov_core::geo::Region],
            ) -> $crate::Result<bool> {
                use $crate::shared::encode;
                if self.countries().await?.as_slice() == countries && self.regions().await?.as_slice() == regions {
                    return Ok(false);
                }
                let mut tx = self.begin_write().await?;
                for r in regions {
                    sqlx::query(
                        "INSERT INTO regions (m49, level, parent, doc) VALUES ($1, $2, $3, $4)
                         ON CONFLICT (m49) DO UPDATE SET level = excluded.level, parent = excluded.parent, doc = excluded.doc",
                    )
                    .bind(&r.m49)
                    .bind(&r.level)
                    .bind(r.parent.as_deref())
                    .bind(encode(r))
                    .execute(&mut *tx)
                    .await?;
                }
                for c in countries {
                    sqlx::query(
                        "INSERT INTO countries (iso2, iso3, doc) VALUES ($1, $2, $3)
                         ON CONFLICT (iso2) DO UPDATE SET iso3 = excluded.iso3, doc = excluded.doc",
                    )
                    .bind(&c.iso2)
                    .bind(&c.iso3)
                    .bind(encode(c))
                    .execute(&mut *tx)
                    .await?;
                }
                Self::append_change(&mut tx, "geography", "countries", "update").await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn countries(&self) -> $crate::Result<Vec<cogov_core::geo::Country>> {
                let docs: Vec<String> =
                    sqlx::query_scalar("SELECT doc FROM countries ORDER BY iso2").fetch_all(&self.pool).await?;
                docs.iter().map(|d| $crate::shared::decode("country", d)).collect()
            }

            async fn regions(&self) -> $crate::Result<Vec<cogov_core::geo::Region>> {
                let docs: Vec<String> =
                    sqlx::query_scalar("SELECT doc FROM regions ORDER BY m49").fetch_all(&self.pool).await?;
                docs.iter().map(|d| $crate::shared::decode("region", d)).collect()
            }

            async fn create_entry(
                &self,
                entry: &cogov_core::entry::Entry,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                let write = $crate::EntryWrite { entry: entry.clone(), revision: revision.clone(), create: true, json: None };
                self.write_entries(std::slice::from_ref(&write)).await
            }

            async fn update_entry(
                &self,
                entry: &cogov_core::entry::Entry,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                let write =
                    $crate::EntryWrite { entry: entry.clone(), revision: revision.clone(), create: false, json: None };
                self.write_entries(std::slice::from_ref(&write)).await
            }

            async fn write_entries_and_meta(
                &self,
                writes: &[$crate::EntryWrite],
                meta: Option<(&str, &str)>,
            ) -> $crate::Result<()> {
                if writes.is_empty() {
                    return match meta {
                        Some((key, value)) => self.set_meta(key, value).await,
                        None => Ok(()),
                    };
                }
                // A copy: the documents are moved into the statements (see `take_stored_doc`).
                let mut writes = writes.to_vec();
                let mut tx = self.begin_write().await?;
                Self::write_batch_in(&mut *tx, &mut writes, meta).await??;
                tx.commit().await?;
                Ok(())
            }

            async fn hold_writes(&self) -> $crate::Result<Box<dyn $crate::HeldWrites>> {
                let mut held = Held { conn: self.write_pool().acquire().await?, ended: false };
                sqlx::query(Self::HELD_BEGIN).persistent(false).execute(&mut *held.conn).await?;
                Ok(Box::new(held))
            }

            async fn entries_by_external_ids(
                &self,
                source: &str,
                ids: &[String],
            ) -> $crate::Result<Vec<$crate::KnownEntry>> {
                let list: Vec<&str> = ids.iter().map(String::as_str).collect();
                let mut conn = self.pool.acquire().await?;
                let rows: Vec<(String, $crate::packed::Doc, Option<i64>)> = Self::select_in(
                    &mut *conn,
                    "SELECT x.external_id, e.doc, (SELECT MAX(number) FROM revisions r WHERE r.entry_id = e.id)
                     FROM entry_external_ids x JOIN entries e ON e.id = x.entry_id
                     WHERE x.source = $1 AND x.external_id IN ({})",
                    &[source],
                    &list,
                )
                .await?;
                rows.into_iter()
                    .map(|(external_id, $crate::packed::Doc(doc), last)| {
                        Ok($crate::KnownEntry {
                            external_id,
                            entry: $crate::shared::decode("entry", &doc)?,
                            last_revision: last.unwrap_or(0),
                        })
                    })
                    .collect()
            }

            async fn taken_slugs(&self, slugs: &[String]) -> $crate::Result<Vec<String>> {
                // One row per statement, the taken slugs as a JSON array: an import's batch asks about thousands
                // of candidates, and a row each cost a message between threads (SQLite's worker) or a row to
                // decode (PostgreSQL).
                let list: Vec<&str> = slugs.iter().map(String::as_str).collect();
                let mut conn = self.pool.acquire().await?;
                let sql = match Self::BACKEND {
                    $crate::Backend::Sqlite => "SELECT json_group_array(slug) FROM entries WHERE slug IN ({})",
                    $crate::Backend::Postgres => {
                        "SELECT COALESCE(json_agg(slug), '[]')::text FROM entries WHERE slug IN ({})"
                    }
                };
                let rows: Vec<(String,)> = Self::select_in(&mut *conn, sql, &[], &list).await?;
                let mut taken = Vec::new();
                for (array,) in rows {
                    taken.extend($crate::shared::decode::<Vec<String>>("taken slugs", &array)?);
                }
                Ok(taken)
            }

            async fn entry(&self, id: &str) -> $crate::Result<Option<cogov_core::entry::Entry>> {
                self.fetch_entry("SELECT doc FROM entries WHERE id = $1", &[id]).await
            }

            async fn entry_by_slug(&self, slug: &str) -> $crate::Result<Option<cogov_core::entry::Entry>> {
                self.fetch_entry("SELECT doc FROM entries WHERE slug = $1", &[slug]).await
            }

            async fn entry_by_external_id(
                &self,
                source: &str,
                external_id: &str,
            ) -> $crate::Result<Option<cogov_core::entry::Entry>> {
                self.fetch_entry(
                    "SELECT e.doc FROM entries e JOIN entry_external_ids x ON x.entry_id = e.id
                     WHERE x.source = $1 AND x.external_id = $2",
                    &[source, external_id],
                )
                .await
            }

            async fn list_entries(&self, q: &$crate::EntryQuery) -> $crate::Result<Vec<cogov_core::entry::Entry>> {
                let (filter, params) = $crate::shared::entry_filter(q);
                let sql = format!("SELECT e.doc FROM entries e{filter} ORDER BY e.slug LIMIT {}", q.limit.clamp(0, 10_000));
                let mut query = sqlx::query_scalar::<_, $crate::packed::Doc>(&sql);
                for p in &params {
                    query = query.bind(p);
                }
                let docs = query.fetch_all(&self.pool).await?;
                docs.iter().map(|d| $crate::shared::decode("entry", &d.0)).collect()
            }

            async fn count_entries(&self, q: &$crate::EntryQuery) -> $crate::Result<i64> {
                let (filter, params) = $crate::shared::entry_filter(q);
                let sql = format!("SELECT COUNT(*) FROM entries e{filter}");
                let mut query = sqlx::query_scalar::<_, i64>(&sql);
                for p in &params {
                    query = query.bind(p);
                }
                Ok(query.fetch_one(&self.pool).await?)
            }

            async fn revisions(&self, entry_id: &str) -> $crate::Result<Vec<cogov_core::entry::Revision>> {
                // Revision 1's changes are NULL while the entry is as created: cut from its document.
                let rows: Vec<(String, i64, String, String, String, Option<String>, Option<$crate::packed::Doc>)> = sqlx::query_as(
                    "SELECT r.entry_id, r.number, r.at, r.actor, r.reason, r.changes,
                            CASE WHEN r.changes IS NULL THEN e.doc END
                     FROM revisions r JOIN entries e ON e.id = r.entry_id WHERE r.entry_id = $1 ORDER BY r.number",
                )
                .bind(entry_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(entry_id, number, at, actor, reason, changes, doc)| {
                        let changes = match changes {
                            Some(c) => c,
                            None => cogov_core::entry::creation_changes_json(doc.as_ref().map_or("", |d| d.0.as_str())),
                        };
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

            async fn backup(&self, dest: &std::path::Path) -> $crate::Result<()> {
                self.backup_to(dest).await
            }

            async fn dump(&self) -> $crate::Result<Vec<$crate::TableDump>> {
                use sqlx::Row;
                // One read transaction, so the dump is a consistent snapshot while writers go on.
                let mut tx = self.pool.begin().await?;
                let (tables, _) = Self::schema_tables(&self.pool).await?;
                let mut out = Vec::new();
                for (name, cols) in tables {
                    let list: Vec<String> = cols.iter().map(|(c, _)| format!("\"{c}\"")).collect();
                    let sql = format!("SELECT {} FROM \"{name}\"", list.join(", "));
                    let rows = sqlx::query(&sql).fetch_all(&mut *tx).await?;
                    let mut values = Vec::with_capacity(rows.len());
                    for row in rows {
                        let mut v = Vec::with_capacity(cols.len());
                        for (i, (_, kind)) in cols.iter().enumerate() {
                            v.push(match kind {
                                $crate::dump::ColumnKind::Integer => {
                                    row.try_get::<Option<i64>, _>(i)?.map_or(serde_json::Value::Null, serde_json::Value::from)
                                }
                                $crate::dump::ColumnKind::Text => {
                                    // A packed document is dumped as its text.
                                    row.try_get::<Option<$crate::packed::Doc>, _>(i)?
                                        .map_or(serde_json::Value::Null, |d| serde_json::Value::from(d.0))
                                }
                            });
                        }
                        values.push(v);
                    }
                    $crate::dump::sort_rows(&mut values);
                    out.push($crate::TableDump { name, columns: cols.into_iter().map(|(c, _)| c).collect(), rows: values });
                }
                tx.commit().await?;
                Ok(out)
            }

            async fn restore(&self, dump: &[$crate::TableDump], force: bool) -> $crate::Result<()> {
                let (tables, refs) = Self::schema_tables(&self.pool).await?;
                for t in dump {
                    let Some(cols) = tables.get(&t.name) else {
                        return Err($crate::StoreError::conflict("tables", format!("this database has no table '{}'", t.name)));
                    };
                    for c in &t.columns {
                        if !cols.iter().any(|(name, _)| name == c) {
                            return Err($crate::StoreError::conflict("columns", format!("table '{}' has no column '{c}'", t.name)));
                        }
                    }
                }
                let names: std::collections::BTreeSet<String> = tables.keys().cloned().collect();
                let order = $crate::dump::insert_order(&names, &refs);
                let mut tx = self.begin_write().await?;
                if let Some(lock) = Self::LOG_LOCK {
                    sqlx::query(lock).execute(&mut *tx).await?;
                }
                let mut non_empty = Vec::new();
                for name in &order {
                    let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{name}\"")).fetch_one(&mut *tx).await?;
                    if n > 0 {
                        non_empty.push(format!("{name} ({n} rows)"));
                    }
                }
                if !non_empty.is_empty() {
                    if !force {
                        return Err($crate::StoreError::conflict(
                            "restore",
                            format!("the target database is not empty: {}; restore into an empty one, or force", non_empty.join(", ")),
                        ));
                    }
                    for name in order.iter().rev() {
                        sqlx::query(&format!("DELETE FROM \"{name}\"")).execute(&mut *tx).await?;
                    }
                }
                for name in &order {
                    let Some(t) = dump.iter().find(|t| &t.name == name) else { continue };
                    let kinds: Vec<$crate::dump::ColumnKind> = t
                        .columns
                        .iter()
                        .map(|c| tables[name].iter().find(|(n, _)| n == c).map_or($crate::dump::ColumnKind::Text, |(_, k)| *k))
                        .collect();
                    let list: Vec<String> = t.columns.iter().map(|c| format!("\"{c}\"")).collect();
                    let marks: Vec<String> = (1..=t.columns.len()).map(|i| format!("${i}")).collect();
                    // Entry documents are kept as the store keeps those it writes (packed on SQLite), so a
                    // restored database is as small, and as fast to read, as the one dumped.
                    let packed_at = (Self::PACKS_DOCS && name == "entries")
                        .then(|| t.columns.iter().position(|c| c == "doc"))
                        .flatten();
                    let sql = format!("INSERT INTO \"{name}\" ({}) VALUES ({})", list.join(", "), marks.join(", "));
                    for (r, row) in t.rows.iter().enumerate() {
                        if row.len() != t.columns.len() {
                            return Err($crate::StoreError::conflict(
                                "rows",
                                format!("table '{name}' row {}: {} values for {} columns", r + 1, row.len(), t.columns.len()),
                            ));
                        }
                        let mut q = sqlx::query(&sql);
                        for (c, (value, kind)) in row.iter().zip(&kinds).enumerate() {
                            q = match (kind, value) {
                                ($crate::dump::ColumnKind::Text, serde_json::Value::String(s)) if Some(c) == packed_at => {
                                    match $crate::packed::stored(true, std::borrow::Cow::Borrowed(s)) {
                                        $crate::packed::Stored::Packed(bytes) => q.bind(bytes.into_owned()),
                                        $crate::packed::Stored::Text(text) => q.bind(text.into_owned()),
                                    }
                                }
                                (_, serde_json::Value::Null) if *kind == $crate::dump::ColumnKind::Integer => q.bind(None::<i64>),
                                (_, serde_json::Value::Null) => q.bind(None::<String>),
                                ($crate::dump::ColumnKind::Integer, serde_json::Value::Number(n)) => q.bind(n.as_i64()),
                                ($crate::dump::ColumnKind::Text, serde_json::Value::String(s)) => q.bind(s.clone()),
                                (_, other) => {
                                    return Err($crate::StoreError::conflict(
                                        "rows",
                                        format!("table '{name}' row {}: unexpected value {other}", r + 1),
                                    ))
                                }
                            };
                        }
                        q.execute(&mut *tx).await?;
                    }
                }
                if Self::BACKEND == $crate::Backend::Postgres {
                    // Identity columns continue after the restored rows (SQLite's AUTOINCREMENT does so itself).
                    for name in &order {
                        for (col, kind) in &tables[name] {
                            if *kind != $crate::dump::ColumnKind::Integer {
                                continue;
                            }
                            let seq: Option<String> = sqlx::query_scalar("SELECT pg_get_serial_sequence($1, $2)")
                                .bind(name)
                                .bind(col)
                                .fetch_one(&mut *tx)
                                .await?;
                            if let Some(seq) = seq {
                                let max: Option<i64> = sqlx::query_scalar(&format!("SELECT MAX(\"{col}\") FROM \"{name}\""))
                                    .fetch_one(&mut *tx)
                                    .await?;
                                sqlx::query("SELECT setval($1::regclass, $2, $3)")
                                    .bind(&seq)
                                    .bind(max.unwrap_or(1))
                                    .bind(max.is_some())
                                    .execute(&mut *tx)
                                    .await?;
                            }
                        }
                    }
                }
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_store;

#[cfg(test)]
mod tests {
    use super::*;

    /// The multi-row insert is the statement each row formatted apart gave, on both backends.
    #[test]
    fn values_sql_numbers_every_row() {
        for backend in [crate::Backend::Sqlite, crate::Backend::Postgres] {
            for (width, rows) in [(1, 1), (2, 3), (7, 73), (3, 170)] {
                let each: Vec<String> =
                    (0..rows).map(|r| format!("({})", list_marks(backend, r * width + 1, width))).collect();
                let expected = format!("INSERT INTO t (a) VALUES {} ON CONFLICT DO NOTHING", each.join(", "));
                assert_eq!(values_sql(backend, "INSERT INTO t (a)", "ON CONFLICT DO NOTHING", width, rows), expected);
            }
        }
        assert_eq!(values_sql(crate::Backend::Postgres, "I", "", 2, 2), "I VALUES ($1, $2), ($3, $4) ");
        assert_eq!(values_sql(crate::Backend::Sqlite, "I", "", 2, 2), "I VALUES (?, ?), (?, ?) ");
    }
}
