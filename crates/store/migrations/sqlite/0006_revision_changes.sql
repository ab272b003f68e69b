-- Revision 1 without its changes (sqlite). Keep in step with ../postgres/0006_revision_changes.sql.
-- revisions.changes may be NULL on revision 1: the entry is as it was created, and the changes are cut from its
-- document when read (cogov_core::entry::creation_changes_json). The first update of the entry writes them out.
-- An import no longer writes each entry's document twice. SQLite cannot drop a NOT NULL: the table is rebuilt.
CREATE TABLE revisions_0006 (
    entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    number   INTEGER NOT NULL,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    reason   TEXT NOT NULL,
    changes  TEXT CHECK (changes IS NOT NULL OR number = 1),
    PRIMARY KEY (entry_id, number)
);
INSERT INTO revisions_0006 (entry_id, number, at, actor, reason, changes)
    SELECT entry_id, number, at, actor, reason, changes FROM revisions;
DROP TABLE revisions;
ALTER TABLE revisions_0006 RENAME TO revisions;
-- (PostgreSQL only: entries.doc compressed with lz4 where the server has it; SQLite does not compress.)
