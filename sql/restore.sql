-- Restoring a dump with no special setting (README "Backup and restore"): the dump's marker row,
-- ocenka._restore, lets the restoring session's COPY … FROM stdin of ocenka's tables in as history;
-- nothing else gets past the rules, and nobody but the owner or a superuser can set the mark.
\set SHOW_CONTEXT never
\set VERBOSITY terse
\set ON_ERROR_ROLLBACK on
SET datestyle = ISO;
SET search_path = ocenka, public;
BEGIN;
-- the store suites' fixture (test/fixture/store.sql), quietly
\set ECHO none
\i test/fixture/store.sql
\o
\set ECHO all
SET ocenka.today = '2026-07-05';
-- what the restore would write: a sheet of 2025-Q4, whose deadline was 2026-01-10
CREATE TEMP VIEW census AS
SELECT (SELECT count(*) FROM ocenka.sheet) AS sheets, (SELECT count(*) FROM ocenka.audit_log) AS audit_entries,
       (SELECT count(*) FROM ocenka.quarter_status) AS quarter_status_rows, (SELECT count(*) FROM ocenka._restore) AS marks;
GRANT SELECT ON census TO PUBLIC;
SELECT * FROM census;

-- without the mark, even a superuser's COPY … FROM stdin is judged by today's deadlines
COPY ocenka.sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id) FROM stdin;
9001	103	2025-Q4	1	typical-2023	ranking	typical-ranking	102
\.

-- an ordinary role cannot set the mark: no right on the table
SET ROLE ocenka_test_clerk;
COPY ocenka._restore (one, note) FROM stdin;
t	a dump
\.
-- nor borrow its trigger for a table of its own
CREATE TEMP TABLE my_restore (one boolean, note text);
CREATE TRIGGER mark BEFORE INSERT ON my_restore FOR EACH ROW EXECUTE FUNCTION ocenka.restore_marker();
RESET ROLE;
-- a superuser's INSERT is not a dump being restored
INSERT INTO ocenka._restore (one, note) VALUES (true, 'not a dump');
-- and the trigger works on ocenka._restore only
CREATE TEMP TABLE su_restore (one boolean, note text);
CREATE TRIGGER mark BEFORE INSERT ON su_restore FOR EACH ROW EXECUTE FUNCTION ocenka.restore_marker();
COPY su_restore FROM stdin;
t	a dump
\.
DROP TABLE su_restore;
SELECT * FROM census;

-- the dump's row, read back as pg_restore and psql do: the table keeps its one row
COPY ocenka._restore (one, note) FROM stdin;
t	restoring this row marks the session as restoring a dump of ocenka
\.
SELECT * FROM census;
-- an INSERT in the restoring session is still an ordinary write
INSERT INTO ocenka.sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id)
VALUES (9001, 103, '2025-Q4', 1, 'typical-2023', 'ranking', 'typical-ranking', 102);
-- so is a COPY … FROM stdin by another user of the session (one that may COPY into a table under
-- row-level security at all: BYPASSRLS, as a bulk loader needs)
CREATE ROLE ocenka_test_loader NOLOGIN BYPASSRLS IN ROLE ocenka_test_clerk;
SET ROLE ocenka_test_loader;
COPY ocenka.sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id) FROM stdin;
9001	103	2025-Q4	1	typical-2023	ranking	typical-ranking	102
\.
RESET ROLE;
-- and a write the COPY of another table makes through its trigger
CREATE TEMP TABLE feed (employee_id bigint);
CREATE FUNCTION pg_temp.feed_sheet() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ocenka.sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id)
	SELECT 9001, employee_id, '2025-Q4', 1, 'typical-2023', 'ranking', 'typical-ranking', 102 FROM new_rows;
	RETURN NULL;
END $$;
CREATE TRIGGER feed AFTER INSERT ON feed REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.feed_sheet();
COPY feed FROM stdin;
103
\.
SELECT * FROM census;
-- the dump's COPY … FROM stdin is history: taken as it was, neither audited nor opening a period row
COPY ocenka.sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id) FROM stdin;
9001	103	2025-Q4	1	typical-2023	ranking	typical-ranking	102
\.
SELECT * FROM census;
-- a row-local rule (a CHECK constraint) still holds for it
COPY ocenka.sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id) FROM stdin;
9002	103	2025-Q3	1	typical-2023	ranking	typical-ranking	103
\.
ROLLBACK;
