-- Submission and review (postgres). Keep in step with ../sqlite/0004_review.sql: same tables, same columns.
-- No foreign keys to the accounts tables (0003): people are referred to by their user id and the public name
-- they had when they acted.

-- A proposal: a new record or an edit of one (entry, contribution, endorsement), waiting for review or done.
CREATE TABLE proposals (
    id            TEXT PRIMARY KEY,
    target        TEXT NOT NULL,
    record_id     TEXT,
    base_revision BIGINT,
    org           TEXT,
    proposer      TEXT NOT NULL,
    proposer_name TEXT NOT NULL,
    state         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    doc           TEXT NOT NULL
);
CREATE INDEX proposals_state ON proposals (state, created_at);
CREATE INDEX proposals_proposer ON proposals (proposer, created_at);
CREATE INDEX proposals_record ON proposals (target, record_id);

-- Every state change of a proposal: who, when, what, why.
CREATE TABLE proposal_events (
    proposal_id TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    number      BIGINT NOT NULL,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (proposal_id, number)
);

-- Who keeps an entry current (an organization, an actor entry) and when it was last confirmed.
CREATE TABLE entry_stewardship (
    entry_id     TEXT PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    org          TEXT,
    confirmed_at TEXT NOT NULL,
    confirmed_by TEXT NOT NULL,
    reminded_at  TEXT
);
CREATE INDEX entry_stewardship_org ON entry_stewardship (org);

-- Requests to join an organization, decided by its editors.
CREATE TABLE join_requests (
    id         TEXT PRIMARY KEY,
    org        TEXT NOT NULL REFERENCES entries (id),
    user_id    TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    message    TEXT NOT NULL,
    state      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT
);
CREATE INDEX join_requests_org ON join_requests (org, state);
CREATE INDEX join_requests_user ON join_requests (user_id);
