
-- Restoring a dump with pg_restore or psql, with no special setting (README "Backup and restore").
-- pg_dump writes this table's one row ahead of every other table's data (its name sorts first);
-- its trigger turns that row, read back by COPY … FROM stdin, into the session's restore mark
-- (src/rules/rules.c), under which the rules take the dump's COPY … FROM stdin as history.
CREATE TABLE ocenka._restore (
	one boolean PRIMARY KEY DEFAULT true CHECK (one),
	note text NOT NULL
);
COMMENT ON TABLE ocenka._restore IS 'the marker a dump carries ahead of the evaluation tables'' data: restoring its row through COPY … FROM stdin (owner or superuser only) lets the same session''s COPY … FROM stdin of ocenka''s tables in as restored history; it always holds the one row the extension installed';
COMMENT ON COLUMN ocenka._restore.one IS 'true: the table has one row';
COMMENT ON COLUMN ocenka._restore.note IS 'what the row is for, for whoever reads a dump';
INSERT INTO ocenka._restore (note) VALUES
	('restoring this row marks the session as restoring a dump of ocenka: the rules then take this session''s COPY … FROM stdin of ocenka''s tables, by the same user, as the history they already accepted');
SELECT pg_catalog.pg_extension_config_dump('ocenka._restore', '');

CREATE FUNCTION ocenka.restore_marker() RETURNS trigger
	AS 'MODULE_PATHNAME', 'restore_marker' LANGUAGE C;
COMMENT ON FUNCTION ocenka.restore_marker() IS 'BEFORE INSERT row trigger of ocenka._restore: a dump''s COPY … FROM stdin of its row marks the session as restoring, for the user restoring it; the row itself is not stored';
REVOKE EXECUTE ON FUNCTION ocenka.restore_marker() FROM PUBLIC;
CREATE TRIGGER restore_marker BEFORE INSERT ON ocenka._restore
	FOR EACH ROW EXECUTE FUNCTION ocenka.restore_marker();
COMMENT ON TRIGGER restore_marker ON ocenka._restore IS 'marks the session as restoring a dump when the dump''s row is read back';
