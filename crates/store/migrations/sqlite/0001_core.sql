-- cogov core schema (SQLite). Keep in step with ../postgres/0001_core.sql: same tables, same columns.
-- JSON documents are stored as TEXT; timestamps as RFC 3339 UTC text (sortable, identical on both backends).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The change log: every write appends here in the same transaction. Projections follow it by seq.
CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op        TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX changes_entity ON changes (entity, seq);

CREATE TABLE frameworks (
    code         TEXT PRIMARY KEY,
    version      TEXT NOT NULL,
    version_no   INTEGER NOT NULL,
    load_order   INTEGER NOT NULL,
    header       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    loaded_at    TEXT NOT NULL
);

CREATE TABLE framework_versions (
    code         TEXT NOT NULL,
    version_no   INTEGER NOT NULL,
    version      TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    loaded_at    TEXT NOT NULL,
    actor        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    PRIMARY KEY (code, version_no)
);

CREATE TABLE nodes (
    id        TEXT PRIMARY KEY,
    framework TEXT NOT NULL REFERENCES frameworks (code),
    parent    TEXT,
    position  INTEGER NOT NULL,
    doc       TEXT NOT NULL
);
CREATE INDEX nodes_framework ON nodes (framework, position);
CREATE INDEX nodes_parent ON nodes (parent);

CREATE TABLE edges (
    framework TEXT NOT NULL REFERENCES frameworks (code),
    from_node TEXT NOT NULL REFERENCES nodes (id),
    to_node   TEXT NOT NULL REFERENCES nodes (id),
    position  INTEGER NOT NULL,
    doc       TEXT NOT NULL,
    PRIMARY KEY (from_node, to_node)
);
CREATE INDEX edges_to ON edges (to_node);

CREATE TABLE regions (
    m49    TEXT PRIMARY KEY,
    level  TEXT NOT NULL,
    parent TEXT,
    doc    TEXT NOT NULL
);

CREATE TABLE countries (
    iso2 TEXT PRIMARY KEY,
    iso3 TEXT NOT NULL UNIQUE,
    doc  TEXT NOT NULL
);

CREATE TABLE entries (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    slug       TEXT NOT NULL UNIQUE,
    status     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    doc        TEXT NOT NULL
);
CREATE INDEX entries_kind_status ON entries (kind, status, updated_at);

CREATE TABLE entry_external_ids (
    source      TEXT NOT NULL,
    external_id TEXT NOT NULL,
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (source, external_id)
);
CREATE INDEX entry_external_ids_entry ON entry_external_ids (entry_id);

CREATE TABLE entry_tags (
    entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    node_id  TEXT NOT NULL REFERENCES nodes (id),
    PRIMARY KEY (entry_id, node_id)
);
CREATE INDEX entry_tags_node ON entry_tags (node_id);

CREATE TABLE entry_countries (
    entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    iso2     TEXT NOT NULL REFERENCES countries (iso2),
    PRIMARY KEY (entry_id, iso2)
);
CREATE INDEX entry_countries_iso2 ON entry_countries (iso2);

CREATE TABLE revisions (
    entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    number   INTEGER NOT NULL,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    reason   TEXT NOT NULL,
    changes  TEXT NOT NULL,
    PRIMARY KEY (entry_id, number)
);
