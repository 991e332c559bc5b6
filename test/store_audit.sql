-- pgTAP: the audit log's row images (src/audit.c, methodology §11) — what audit_trail shows for inserts,
-- updates and deletes; rows whose values live in TOAST, rows older than a new column, a dropped column;
-- entries of at most 10,000 rows; who may read them; entries written directly, or by INSERT once someone
-- has added a trigger or constraint to the log; and entries that are not images.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(24);
\ir fixture/store.sql

-- ============ inserts: one entry per statement and period, rows in the order written ============
SELECT results_eq(
	$$SELECT actor::text COLLATE "default", operation::text, body_id::int, q::text, row_count, new_rows IS NOT NULL, old_rows IS NULL
	  FROM audit_log WHERE table_name = 'penalty' ORDER BY id$$,
	$$VALUES ('postgres', 'INSERT', 1, '2025-Q3', 1, true, true), ('postgres', 'INSERT', 1, '2026-Q1', 1, true, true),
	         ('postgres', 'INSERT', 1, '2026-Q2', 4, true, true)$$,
	'the fixture''s six penalties: one entry per period, with the rows after and none before');
SELECT results_eq(
	$$SELECT q::text, ordinal::int, new_row->>'order_ref', new_row->>'kind', (new_row->>'employee_id')::int, new_row->>'imposed_on', old_row IS NULL
	  FROM audit_trail WHERE table_name = 'penalty' ORDER BY audit_id, ordinal$$,
	$$VALUES ('2025-Q3', 1, 'приказ № 11-к', 'reprimand', 104, '2025-08-01', true),
	         ('2026-Q1', 1, 'приказ № 12-к', 'remark', 103, '2026-02-15', true),
	         ('2026-Q2', 1, 'приказ № 13-к', 'remark', 105, '2026-04-20', true),
	         ('2026-Q2', 2, 'приказ № 14-к', 'remark', 104, '2026-05-20', true),
	         ('2026-Q2', 3, 'приказ № 15-к', 'reprimand', 103, '2026-06-01', true),
	         ('2026-Q2', 4, 'приказ № 16-к', 'demotion', 104, '2026-06-10', true)$$,
	'audit_trail: each inserted penalty with its values, typed as JSON (numbers, text, dates)');

SELECT is((SELECT position(convert_to('reprimand', 'UTF8') in new_rows) > 0 FROM audit_log WHERE table_name = 'penalty' ORDER BY id LIMIT 1),
          true, 'an enum value is kept as its label, not as the OID a dump and restore would renumber');

-- ============ updates pair each row before with the same row after; deletes keep the row before ============
SET ROLE ocenka_test_clerk;
UPDATE penalty SET order_ref = order_ref || ' (изм.)' WHERE imposed_on >= '2026-04-01';
DELETE FROM penalty WHERE order_ref = 'приказ № 16-к (изм.)';
RESET ROLE;
SELECT results_eq(
	$$SELECT actor::text COLLATE "default", operation, q::text, count(*)::int,
	         count(*) FILTER (WHERE old_row->>'id' = new_row->>'id' AND new_row->>'order_ref' = (old_row->>'order_ref') || ' (изм.)')::int
	  FROM audit_trail WHERE table_name = 'penalty' AND operation = 'UPDATE' GROUP BY 1, 2, 3$$,
	$$VALUES ('ocenka_test_clerk', 'UPDATE', '2026-Q2', 4, 4)$$,
	'an update: each row before beside the same row after, by the user who ran it');
SELECT results_eq(
	$$SELECT operation, q::text, old_row->>'order_ref', new_row IS NULL
	  FROM audit_trail WHERE table_name = 'penalty' AND operation = 'DELETE'$$,
	$$VALUES ('DELETE', '2026-Q2', 'приказ № 16-к (изм.)', true)$$,
	'a delete: the row before, none after');

-- ============ values kept in TOAST are copied into the image, not pointed at ============
-- 22,400 characters of hex: over TOAST's threshold, so the table row holds only a pointer to the value
INSERT INTO penalty (employee_id, body_id, kind, imposed_on, order_ref)
SELECT 105, 1, 'remark', '2026-05-05', string_agg(md5(i::text), '') FROM generate_series(1, 700) i;
UPDATE penalty SET kind = 'reprimand' WHERE imposed_on = '2026-05-05';
SELECT is((SELECT pg_relation_size(reltoastrelid) > 0 FROM pg_class WHERE oid = 'ocenka.penalty'::regclass), true,
          'the long order reference is stored in the TOAST table');
SELECT results_eq(
	$$SELECT length(old_row->>'order_ref'), old_row->>'order_ref' = new_row->>'order_ref', old_row->>'kind', new_row->>'kind'
	  FROM audit_trail WHERE table_name = 'penalty' AND operation = 'UPDATE' AND new_row->>'imposed_on' = '2026-05-05'$$,
	$$VALUES (22400, true, 'remark', 'reprimand')$$,
	'an updated row whose value lived in TOAST is logged with the whole value, before and after');
SELECT is((SELECT octet_length(old_rows) > 22400 AND octet_length(new_rows) > 22400 FROM audit_log
           WHERE table_name = 'penalty' AND operation = 'UPDATE' ORDER BY id DESC LIMIT 1), true,
          'the entry holds the value itself, not the TOAST pointer a purge would leave dangling');

-- ============ a column added later: older rows are logged with its default ============
ALTER TABLE penalty ADD COLUMN note text DEFAULT 'нет';
UPDATE penalty SET kind = 'reprimand' WHERE order_ref = 'приказ № 13-к (изм.)';
SELECT results_eq(
	$$SELECT old_row->>'note', new_row->>'note', old_row->>'kind', new_row->>'kind'
	  FROM audit_trail WHERE table_name = 'penalty' AND operation = 'UPDATE' AND new_row->>'order_ref' = 'приказ № 13-к (изм.)'
	    AND new_row ? 'note'$$,
	$$VALUES ('нет', 'нет', 'remark', 'reprimand')$$,
	'a row written before a column was added is logged with the column''s default');

-- ============ a dropped column: new entries leave it out, older ones still read with their own layout ============
ALTER TABLE penalty DROP COLUMN note;
INSERT INTO penalty (employee_id, body_id, kind, imposed_on, order_ref) VALUES (105, 1, 'remark', '2026-05-06', 'приказ № 22-к');
SELECT results_eq(
	$$SELECT new_row ? 'note', new_row->>'order_ref', new_row->>'imposed_on'
	  FROM audit_trail WHERE table_name = 'penalty' AND operation = 'INSERT' AND new_row->>'imposed_on' = '2026-05-06'$$,
	$$VALUES (false, 'приказ № 22-к', '2026-05-06')$$,
	'after a column is dropped, rows are logged without it and every other value in place');
SELECT is((SELECT count(*)::int FROM audit_trail WHERE table_name = 'penalty' AND old_row->>'note' = 'нет'), 1,
          'the entry written while the column existed still reads with it');

-- ============ at most 10,000 rows per entry ============
SELECT max(id) AS before_bulk FROM audit_log \gset
INSERT INTO penalty (employee_id, body_id, kind, imposed_on, order_ref)
SELECT 104, 1, 'remark', '2026-04-15', format('приказ № %s', i) FROM generate_series(1, 10001) i;
SELECT results_eq(
	format($$SELECT q::text, row_count FROM audit_log WHERE id > %s ORDER BY id$$, :before_bulk),
	$$VALUES ('2026-Q2', 10000), ('2026-Q2', 1)$$,
	'a statement of 10,001 rows of one period makes two entries: 10,000 rows and one');
SELECT results_eq(
	format($$SELECT count(*)::int, count(DISTINCT new_row->>'id')::int, min(ordinal)::int, max(ordinal)::int
	         FROM audit_trail WHERE audit_id > %s$$, :before_bulk),
	$$VALUES (10001, 10001, 1, 10000)$$,
	'every row of the statement is in exactly one of them');

-- ============ a statement over several periods holds at most work_mem of rows before writing ============
SELECT max(id) AS before_mixed FROM audit_log \gset
SET LOCAL work_mem = '64kB';
INSERT INTO penalty (employee_id, body_id, kind, imposed_on, order_ref)
SELECT 104, 1, 'remark', CASE WHEN i % 2 = 0 THEN date '2026-04-16' ELSE date '2026-07-16' END, format('приказ № М-%s', i)
FROM generate_series(1, 4000) i;
RESET work_mem;
SELECT results_eq(
	format($$SELECT q::text, sum(row_count)::int, count(*) > 1, max(row_count) < 2000 FROM audit_log WHERE id > %s GROUP BY q ORDER BY q$$, :before_mixed),
	$$VALUES ('2026-Q2', 2000, true, true), ('2026-Q3', 2000, true, true)$$,
	'under a small work_mem the rows of two periods go out in several smaller entries per period');
SELECT results_eq(
	format($$SELECT count(*)::int, count(DISTINCT new_row->>'id')::int,
	                count(*) FILTER (WHERE ocenka.quarter_of((new_row->>'imposed_on')::date) <> q)::int
	         FROM audit_trail WHERE audit_id > %s$$, :before_mixed),
	$$VALUES (4000, 4000, 0)$$,
	'still every row exactly once, each in an entry of its own period');

-- ============ who may read the images ============
SELECT min(id) AS first_entry FROM audit_log \gset
SET ROLE ocenka_test_clerk;
SELECT throws_ok(format('SELECT * FROM ocenka.audit_rows(%s)', :first_entry), '42501', 'permission denied for table audit_log',
                 'audit_rows reads the log with the caller''s rights: a clerk cannot read it');
SET ROLE ocenka_test_admin;
SELECT is((SELECT count(*)::int FROM ocenka.audit_rows(:first_entry)), (SELECT row_count FROM audit_log WHERE id = :first_entry),
          'a role that may read the log gets every row of an entry');
SELECT is((SELECT count(*)::int FROM ocenka.audit_rows(-1)), 0, 'an entry that does not exist has no rows');
RESET ROLE;

-- ============ written directly while the log is as the extension made it, by INSERT once it is not ============
SELECT max(id) AS before_direct FROM audit_log \gset
INSERT INTO penalty (employee_id, body_id, kind, imposed_on, order_ref) VALUES (104, 1, 'remark', '2026-04-17', 'приказ № Д-1');
SELECT results_eq(
	format($$SELECT id > %s, at BETWEEN transaction_timestamp() AND clock_timestamp(), actor::text COLLATE "default",
	                table_name, operation::text, mode, reason, body_id::int, q::text, year, row_count,
	                (SELECT new_row->>'order_ref' FROM audit_rows(l.id))
	         FROM audit_log l WHERE id > %s$$, :before_direct, :before_direct),
	$$VALUES (true, true, 'postgres', 'penalty', 'INSERT', 'normal', NULL::text, 1, '2026-Q2', NULL::int, 1, 'приказ № Д-1')$$,
	'an entry written directly has its identity, the statement''s time, who, what, the period and the row');
-- someone's INSERT trigger on the log: entries go through an INSERT, and it fires
CREATE TABLE public.log_inserts (n int);
CREATE FUNCTION public.count_log_insert() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO public.log_inserts VALUES (1); RETURN NEW; END$$;
CREATE TRIGGER count_log_insert AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION public.count_log_insert();
INSERT INTO penalty (employee_id, body_id, kind, imposed_on, order_ref) VALUES (104, 1, 'remark', '2026-04-18', 'приказ № Д-2');
SELECT results_eq(
	format($$SELECT (SELECT count(*)::int FROM public.log_inserts), count(*)::int, min(row_count), min(actor)::text COLLATE "default"
	         FROM audit_log WHERE id > %s AND table_name = 'penalty' AND q = '2026-Q2' AND row_count = 1 AND id > %s + 1$$,
	       :before_direct, :before_direct),
	$$VALUES (1, 1, 1, 'postgres')$$,
	'with an INSERT trigger on the log, the entry is inserted through it and the trigger fires once');
DROP TRIGGER count_log_insert ON audit_log;
-- someone's CHECK constraint on the log holds for the entries too
ALTER TABLE audit_log ADD CONSTRAINT one_row_entries CHECK (row_count < 2) NOT VALID;
SELECT throws_ok($$INSERT INTO penalty (employee_id, body_id, kind, imposed_on, order_ref)
                   VALUES (104, 1, 'remark', '2026-04-19', 'приказ № Д-3'), (104, 1, 'remark', '2026-04-20', 'приказ № Д-4')$$,
                 '23514', 'new row for relation "audit_log" violates check constraint "one_row_entries"',
                 'a CHECK constraint added to the log is not bypassed');
ALTER TABLE audit_log DROP CONSTRAINT one_row_entries;
-- and so does a NOT NULL on a column the extension leaves empty (the log's own rules let no row be
-- changed: they are set aside to fill the column first)
SET LOCAL session_replication_role = replica;
UPDATE audit_log SET reason = '-' WHERE reason IS NULL;
RESET session_replication_role;
ALTER TABLE audit_log ALTER COLUMN reason SET NOT NULL;
SELECT throws_ok($$INSERT INTO penalty (employee_id, body_id, kind, imposed_on, order_ref) VALUES (104, 1, 'remark', '2026-04-21', 'приказ № Д-5')$$,
                 '23502', NULL, 'a NOT NULL added to the log is not bypassed');
ALTER TABLE audit_log ALTER COLUMN reason DROP NOT NULL;

-- ============ what is not an image is refused, not read ============
INSERT INTO audit_log (actor, table_name, operation, mode, row_count, new_rows) VALUES
	('postgres', 'penalty', 'INSERT', 'normal', 1, '\x00010203'),
	-- the layout of a row type without columns, then a row said to be 1,000 bytes long that ends after 4
	('postgres', 'penalty', 'INSERT', 'normal', 1, '\x4f4341310000e803000000000000');
SELECT throws_ok(format('SELECT * FROM ocenka.audit_rows(%s)', (SELECT max(id) - 1 FROM audit_log)), 'XX000',
                 'audit log entry is not in the OCA1 format', 'an entry without the image header is refused');
SELECT throws_ok(format('SELECT * FROM ocenka.audit_rows(%s)', (SELECT max(id) FROM audit_log)), 'XX000',
                 'audit log entry is truncated', 'a row that runs past the end of its entry is refused');

SELECT * FROM finish();
ROLLBACK;
