-- Revision 1 without its changes (postgres). Keep in step with ../sqlite/0006_revision_changes.sql.
-- revisions.changes may be NULL on revision 1: the entry is as it was created, and the changes are cut from its
-- document when read (cogov_core::entry::creation_changes_json). The first update of the entry writes them out.
-- An import no longer writes each entry's document twice.
ALTER TABLE revisions ALTER COLUMN changes DROP NOT NULL;
ALTER TABLE revisions ADD CONSTRAINT revisions_changes_on_first CHECK (changes IS NOT NULL OR number = 1);
-- Documents are large (an imported IATI activity's is ~13 KB): compressed with lz4 where the server was built with
-- it (PostgreSQL's default, pglz, costs several times more CPU on every write). Values already stored stay as
-- they are; a server without lz4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE entries ALTER COLUMN doc SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    NULL;
END
$$;
