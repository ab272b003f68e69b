//! The store implementation both backends share.
//!
//! SQLite and PostgreSQL agree on every statement cogov needs here (`$N` placeholders, `ON CONFLICT`,
//! `RETURNING`), so the SQL is written once. `impl_store!` instantiates it for a backend type, which provides:
//! - `self.pool`: its `sqlx::Pool`;
//! - `self.begin_write()`: a transaction that holds the write lock (SQLite `BEGIN IMMEDIATE`);
//! - `Self::LOG_LOCK`: a statement run just before appending to the change log (PostgreSQL's advisory lock,
//!   which hands out sequence numbers in commit order), or `None`;
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

            async fn write_entry_rows(
                tx: &mut sqlx::Transaction<'static, $db>,
                entry: &cogov_core::entry::Entry,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                use $crate::shared::{encode, entry_index_rows};
                for ext in &entry.external_ids {
                    let owner: Option<String> = sqlx::query_scalar(
                        "SELECT entry_id FROM entry_external_ids WHERE source = $1 AND external_id = $2",
                    )
                    .bind(&ext.source)
                    .bind(&ext.id)
                    .fetch_optional(&mut **tx)
                    .await?;
                    if owner.as_deref().is_some_and(|o| o != entry.id) {
                        return Err($crate::StoreError::conflict(
                            "external_ids",
                            format!("{}:{} already identifies another entry", ext.source, ext.id),
                        ));
                    }
                }
                let slug_owner: Option<String> = sqlx::query_scalar("SELECT id FROM entries WHERE slug = $1")
                    .bind(&entry.slug)
                    .fetch_optional(&mut **tx)
                    .await?;
                if slug_owner.as_deref().is_some_and(|o| o != entry.id) {
                    return Err($crate::StoreError::conflict("slug", format!("'{}' is taken", entry.slug)));
                }
                sqlx::query(
                    "INSERT INTO entries (id, kind, slug, status, created_at, updated_at, doc)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, slug = excluded.slug,
                       status = excluded.status, updated_at = excluded.updated_at, doc = excluded.doc",
                )
                .bind(&entry.id)
                .bind(entry.kind.code())
                .bind(&entry.slug)
                .bind(entry.status.code())
                .bind(&entry.created_at)
                .bind(&entry.updated_at)
                .bind(encode(entry))
                .execute(&mut **tx)
                .await?;
                for table in ["entry_external_ids", "entry_tags", "entry_countries"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE entry_id = $1"))
                        .bind(&entry.id)
                        .execute(&mut **tx)
                        .await?;
                }
                for ext in &entry.external_ids {
                    sqlx::query("INSERT INTO entry_external_ids (source, external_id, entry_id) VALUES ($1, $2, $3)")
                        .bind(&ext.source)
                        .bind(&ext.id)
                        .bind(&entry.id)
                        .execute(&mut **tx)
                        .await?;
                }
                let (nodes, countries) = entry_index_rows(entry);
                for node in nodes {
                    let known: Option<String> = sqlx::query_scalar("SELECT id FROM nodes WHERE id = $1")
                        .bind(node)
                        .fetch_optional(&mut **tx)
                        .await?;
                    if known.is_none() {
                        return Err($crate::StoreError::conflict("tags", format!("unknown framework node '{node}'")));
                    }
                    sqlx::query("INSERT INTO entry_tags (entry_id, node_id) VALUES ($1, $2)")
                        .bind(&entry.id)
                        .bind(node)
                        .execute(&mut **tx)
                        .await?;
                }
                for iso2 in countries {
                    let known: Option<String> = sqlx::query_scalar("SELECT iso2 FROM countries WHERE iso2 = $1")
                        .bind(iso2)
                        .fetch_optional(&mut **tx)
                        .await?;
                    if known.is_none() {
                        return Err($crate::StoreError::conflict("countries", format!("unknown country '{iso2}'")));
                    }
                    sqlx::query("INSERT INTO entry_countries (entry_id, iso2) VALUES ($1, $2)")
                        .bind(&entry.id)
                        .bind(iso2)
                        .execute(&mut **tx)
                        .await?;
                }
                sqlx::query(
                    "INSERT INTO revisions (entry_id, number, at, actor, reason, changes) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&revision.entry_id)
                .bind(revision.number)
                .bind(&revision.at)
                .bind(&revision.actor)
                .bind(&revision.reason)
                .bind(encode(&revision.changes))
                .execute(&mut **tx)
                .await?;
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
                let mut query = sqlx::query_scalar::<_, String>(sql);
                for p in params {
                    query = query.bind(*p);
                }
                match query.fetch_optional(&self.pool).await? {
                    Some(doc) => Ok(Some($crate::shared::decode("entry", &doc)?)),
                    None => Ok(None),
                }
            }
        }

        #[async_trait::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> $crate::Backend {
                Self::BACKEND
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
                sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                    .bind(key)
                    .bind(value)
                    .execute(&self.pool)
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
                let mut tx = self.begin_write().await?;
                let exists: Option<String> = sqlx::query_scalar("SELECT id FROM entries WHERE id = $1")
                    .bind(&entry.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if exists.is_some() {
                    return Err($crate::StoreError::conflict("id", format!("entry '{}' already exists", entry.id)));
                }
                Self::write_entry_rows(&mut tx, entry, revision).await?;
                Self::append_change(&mut tx, "entry", &entry.id, "create").await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_entry(
                &self,
                entry: &cogov_core::entry::Entry,
                revision: &cogov_core::entry::Revision,
            ) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let last: Option<i64> = sqlx::query_scalar("SELECT MAX(number) FROM revisions WHERE entry_id = $1")
                    .bind(&entry.id)
                    .fetch_one(&mut *tx)
                    .await?;
                let Some(last) = last else {
                    return Err($crate::StoreError::NotFound(format!("entry '{}'", entry.id)));
                };
                if revision.number != last + 1 {
                    return Err($crate::StoreError::conflict(
                        "revision",
                        format!("entry '{}' changed meanwhile (now at revision {last})", entry.id),
                    ));
                }
                Self::write_entry_rows(&mut tx, entry, revision).await?;
                Self::append_change(&mut tx, "entry", &entry.id, "update").await?;
                tx.commit().await?;
                Ok(())
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
                let mut query = sqlx::query_scalar::<_, String>(&sql);
                for p in &params {
                    query = query.bind(p);
                }
                let docs = query.fetch_all(&self.pool).await?;
                docs.iter().map(|d| $crate::shared::decode("entry", d)).collect()
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
                let rows: Vec<(String, i64, String, String, String, String)> = sqlx::query_as(
                    "SELECT entry_id, number, at, actor, reason, changes FROM revisions WHERE entry_id = $1 ORDER BY number",
                )
                .bind(entry_id)
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
                                    row.try_get::<Option<String>, _>(i)?.map_or(serde_json::Value::Null, serde_json::Value::from)
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
                    let sql = format!("INSERT INTO \"{name}\" ({}) VALUES ({})", list.join(", "), marks.join(", "));
                    for (r, row) in t.rows.iter().enumerate() {
                        if row.len() != t.columns.len() {
                            return Err($crate::StoreError::conflict(
                                "rows",
                                format!("table '{name}' row {}: {} values for {} columns", r + 1, row.len(), t.columns.len()),
                            ));
                        }
                        let mut q = sqlx::query(&sql);
                        for (value, kind) in row.iter().zip(&kinds) {
                            q = match (kind, value) {
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
