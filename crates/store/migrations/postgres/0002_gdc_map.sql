-- The GDC implementation map (postgres). Keep in step with ../sqlite/0002_gdc_map.sql: same tables, same columns.
-- Contributions and endorsements are JSON documents (doc) beside the columns the coverage queries use.

CREATE TABLE contributions (
    id             TEXT PRIMARY KEY,
    contributor    TEXT NOT NULL REFERENCES entries (id),
    status         TEXT NOT NULL,
    progress       TEXT NOT NULL,
    evidence_level TEXT NOT NULL,
    period_start   TEXT NOT NULL,
    period_end     TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    doc            TEXT NOT NULL
);
CREATE INDEX contributions_status ON contributions (status, id);
CREATE INDEX contributions_contributor ON contributions (contributor);

-- Framework nodes a contribution names: role 'commitment' (GDC commitments) or 'related' (SDG, WSIS).
CREATE TABLE contribution_nodes (
    contribution_id TEXT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    node_id         TEXT NOT NULL REFERENCES nodes (id),
    role            TEXT NOT NULL,
    PRIMARY KEY (contribution_id, node_id)
);
CREATE INDEX contribution_nodes_node ON contribution_nodes (node_id, role);

CREATE TABLE contribution_countries (
    contribution_id TEXT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    iso2            TEXT NOT NULL REFERENCES countries (iso2),
    PRIMARY KEY (contribution_id, iso2)
);
CREATE INDEX contribution_countries_iso2 ON contribution_countries (iso2);

CREATE TABLE endorsements (
    id          TEXT PRIMARY KEY,
    actor       TEXT NOT NULL UNIQUE REFERENCES entries (id),
    status      TEXT NOT NULL,
    endorsed_on TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    doc         TEXT NOT NULL
);

CREATE TABLE endorsement_objectives (
    endorsement_id TEXT NOT NULL REFERENCES endorsements (id) ON DELETE CASCADE,
    node_id        TEXT NOT NULL REFERENCES nodes (id),
    PRIMARY KEY (endorsement_id, node_id)
);

-- Revisions of map records (entity 'contribution' or 'endorsement'): who, when, what, why.
CREATE TABLE map_revisions (
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    number    BIGINT NOT NULL,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    reason    TEXT NOT NULL,
    changes   TEXT NOT NULL,
    PRIMARY KEY (entity, record_id, number)
);
