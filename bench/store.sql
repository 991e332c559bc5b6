-- The store benchmark (issue 4), run by bench/store. On the same data, in one run:
--  1. COPY of :items items into the validated ocenka.item (CHECKs, statement-level rules, audit)
--     against an identical table without constraints, indexes or triggers, against one with
--     only the same primary key, and against floor tables that show PostgreSQL's own share (the key
--     and the CHECK constraints, then those plus a do-nothing PL/pgSQL statement trigger with a
--     transition table) and ocenka's trigger taken apart (no rule, the item rules alone, the audit
--     alone); each COPY runs in a subtransaction that is then rolled back, so every run starts from
--     the same state; runs alternate between the tables;
--  2. (pgbench, from bench/store-run.sh) single-row INSERTs into all eight tables interleaved in one
--     pgbench run; one-row transactions committed one by one in a procedure;
--  3. close_quarter for a body of 10,000 people, against the plain GROUP BY computing the same means.
\set ON_ERROR_STOP 1
\pset footer off
SET search_path = ocenka, public;
SET client_min_messages = warning;
SET ocenka.today = '2026-04-03';

\echo '== fixture: bodies of 10,000 people in one open typical-2023 quarter (2026-Q1), a sheet each'
SELECT (:items + 3) / 4 AS sheets, greatest(1, ((:items + 3) / 4 + 9999) / 10000) AS bodies \gset
-- body :bodies + 1 holds the pgbench slots' people
INSERT INTO body (id, name) SELECT b, format('body %s', b) FROM generate_series(1, :bodies + 1) b;
INSERT INTO body_edition SELECT id, '2023-08-03', 'typical-2023' FROM body;
-- the scored sheets, plus :slots sheets whose items pgbench inserts one by one
INSERT INTO employee (id, full_name) SELECT i, format('employee %s', i) FROM generate_series(1, :sheets + :slots / 4) i;
INSERT INTO employee (id, full_name) SELECT -b, format('head %s', b) FROM generate_series(1, :bodies + 1) b;
INSERT INTO appointment (employee_id, body_id, position, category, is_head, started_on)
SELECT i, CASE WHEN i > :sheets THEN :bodies + 1 ELSE (i - 1) / 10000 + 1 END, 'specialist', 'E-4', false, '2020-01-01'
FROM generate_series(1, :sheets + :slots / 4) i;
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from)
SELECT i, -CASE WHEN i > :sheets THEN :bodies + 1 ELSE (i - 1) / 10000 + 1 END, 'unit_head', '2020-01-01' FROM generate_series(1, :sheets + :slots / 4) i;
INSERT INTO sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
SELECT i, '2026-Q1', CASE WHEN i > :sheets THEN :bodies + 1 ELSE (i - 1) / 10000 + 1 END, 'typical-2023', 'ranking', 'typical-ranking',
       -CASE WHEN i > :sheets THEN :bodies + 1 ELSE (i - 1) / 10000 + 1 END
FROM generate_series(1, :sheets + :slots / 4) i;

-- the items, as one server-side CSV file used for every table
SELECT current_setting('data_directory') || '/bench_items.csv' AS file \gset
COPY (SELECT s.id, n, 'typical-ranking', (1 + ((s.id * 7 + n * 13) % 401)::numeric / 100)::numeric(3, 2)
      FROM sheet s, generate_series(1, 4) n WHERE s.employee_id <= :sheets ORDER BY s.id, n LIMIT :items)
TO :'file' (FORMAT csv);
CREATE TABLE public.plain_item (LIKE ocenka.item);
CREATE TABLE public.plain_item_pk (LIKE ocenka.item INCLUDING INDEXES);
-- what PostgreSQL charges before any rule of ours runs: the primary key and the same CHECK constraints,
-- then also a statement trigger that does nothing but capture the transition table
CREATE TABLE public.floor_checks (LIKE ocenka.item INCLUDING INDEXES INCLUDING CONSTRAINTS);
CREATE TABLE public.floor_capture (LIKE ocenka.item INCLUDING INDEXES INCLUDING CONSTRAINTS);
CREATE FUNCTION public.capture_only() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
CREATE TRIGGER capture_only AFTER INSERT ON public.floor_capture REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public.capture_only();
-- ocenka's own trigger function on copies of the item table, taken apart: with no rule (it only hashes
-- the statement's (sheet_id, form) keys), with the item rules alone, with the audit alone
CREATE TABLE public.floor_c_keys (LIKE ocenka.item INCLUDING INDEXES INCLUDING CONSTRAINTS);
CREATE TRIGGER c_keys AFTER INSERT ON public.floor_c_keys REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION ocenka.enforce_rules('keys: sheet_id, form');
CREATE TABLE public.floor_c_rules (LIKE ocenka.item INCLUDING INDEXES INCLUDING CONSTRAINTS);
CREATE TRIGGER c_rules AFTER INSERT ON public.floor_c_rules REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION ocenka.enforce_rules('keys: sheet_id, form', 'item rules:');
CREATE TABLE public.floor_c_audit (LIKE ocenka.item INCLUDING INDEXES INCLUDING CONSTRAINTS);
CREATE TRIGGER c_audit AFTER INSERT ON public.floor_c_audit REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION ocenka.enforce_rules('keys: sheet_id, form', 'audit by sheet:');
-- pgbench's slots: the (sheet, parameter) pairs it inserts, in order
CREATE TABLE public.bench_slot (i bigint PRIMARY KEY, sheet_id bigint, no smallint);
INSERT INTO public.bench_slot
SELECT row_number() OVER (ORDER BY s.id, n), s.id, n FROM sheet s, generate_series(1, 4) n WHERE s.employee_id > :sheets;
CREATE SEQUENCE public.bench_slot_validated;
CREATE SEQUENCE public.bench_slot_plain;
-- one-row INSERT transactions in a procedure, COMMIT after each (the server's own cost of a whole
-- transaction, without the client's round trip): the slots after p_from, into p_table
CREATE PROCEDURE public.insert_each_committed(p_table text, p_from bigint, p_count int) LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT sheet_id, no FROM public.bench_slot WHERE i > p_from ORDER BY i LIMIT p_count LOOP
		EXECUTE format('INSERT INTO %s (sheet_id, no, form, score) VALUES ($1, $2, ''typical-ranking'', 4.5)', p_table)
		USING r.sheet_id, r.no;
		COMMIT;
	END LOOP;
END $$;
VACUUM ANALYZE;
-- -v fixture_only=1 (bench/commit-p2b): the tables and slots above, nothing measured
\if :{?fixture_only}
\q
\endif

CREATE TABLE public.bench_time (what text, target text, run int, ms double precision);
-- Times a statement (after an untimed set-up) in a subtransaction that is then rolled back, so every
-- run starts from the same state; records its milliseconds times p_scale.
CREATE PROCEDURE public.time_rolled_back(p_what text, p_target text, p_run int, p_setup text, p_stmt text,
                                         p_scale double precision DEFAULT 1)
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	ms double precision;
BEGIN
	BEGIN
		IF p_setup IS NOT NULL THEN
			EXECUTE p_setup;
		END IF;
		t0 := clock_timestamp();
		EXECUTE p_stmt;
		ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
		RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'roll back';
	EXCEPTION WHEN raise_exception THEN
		NULL;
	END;
	INSERT INTO public.bench_time VALUES (p_what, p_target, p_run, ms * p_scale);
END $$;

\echo '== 1. COPY of' :items 'items, alternating targets,' :runs 'runs each'
-- a rolled-back COPY leaves dead index entries behind: each table is vacuumed before its next run
-- the order rotates from run to run, so that no table always runs first (this machine drifts)
SELECT x.cmd FROM generate_series(1, :runs) r,
     unnest(ARRAY['public.plain_item', 'public.plain_item_pk', 'public.floor_checks', 'public.floor_capture',
                  'public.floor_c_keys', 'public.floor_c_rules', 'public.floor_c_audit', 'ocenka.item'])
         WITH ORDINALITY AS t(t, k),
     LATERAL (VALUES (1, format('CALL public.time_rolled_back(%L, %L, %s, NULL, %L)', 'copy', t.t, r,
                                format('COPY %s (sheet_id, no, form, score) FROM %L (FORMAT csv)', t.t, :'file'))),
                     (2, format('VACUUM %s, ocenka.audit_log', t.t))) AS x(o, cmd)
ORDER BY r, (t.k + r) % 8, x.o \gexec


\echo '== 1b. one-row INSERT statements in a loop, with the item trigger on and off (what it costs per statement)'
-- no client round trip and no commit per row: the difference between lines is the triggers' own cost.
-- The item trigger runs the rules and writes the audit; the middle lines replace it (inside the
-- rolled-back run) by one that does only one of the two.
SELECT x.cmd FROM generate_series(1, 3) r,
     (VALUES (1, 'no rule or audit trigger', ''),
             (2, 'entry rules only', 'CREATE TRIGGER bench_rules_only AFTER INSERT ON ocenka.item REFERENCING NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION ocenka.enforce_rules(''keys: sheet_id, form'', ''item rules:'')'),
             (3, 'audit only', 'CREATE TRIGGER bench_audit_only AFTER INSERT ON ocenka.item REFERENCING NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION ocenka.enforce_rules(''keys: sheet_id, form'', ''audit by sheet:'')'),
             (4, 'entry rules and audit', NULL)) AS c(o, label, trigger),
     LATERAL (SELECT CASE WHEN c.trigger IS NOT NULL
                          THEN 'ALTER TABLE ocenka.item DISABLE TRIGGER ocenka_1_entry_insert; ' || c.trigger END AS setup) d,
     -- µs per statement: ms * 1000 / 20,000
     LATERAL (VALUES (1, format('CALL public.time_rolled_back(%L, %L, %s, %L, %L, 0.05)', 'loop', c.label, r, d.setup,
                                'DO $d$ DECLARE r record; BEGIN
                                     FOR r IN SELECT sheet_id, no FROM public.bench_slot WHERE i <= 20000 ORDER BY i LOOP
                                         INSERT INTO ocenka.item (sheet_id, no, form, score) VALUES (r.sheet_id, r.no, ''typical-ranking'', 4.5);
                                     END LOOP;
                                 END $d$')),
                     (2, 'VACUUM ocenka.item')) AS x(o, cmd)
ORDER BY r, c.o, x.o \gexec

\echo '== 3. close_quarter for body 1 (10,000 people) against the plain GROUP BY of the same means'
-- the items are now loaded for good, through the validation
COPY ocenka.item (sheet_id, no, form, score) FROM :'file' (FORMAT csv);
VACUUM ANALYZE;
SELECT x.cmd FROM generate_series(1, :runs) r,
     LATERAL (VALUES (1, format('CALL public.time_rolled_back(%L, %L, %s, NULL, %L)', 'close', 'close_quarter', r,
                                'CALL ocenka.close_quarter(1, ''2026-Q1'')')),
                     (2, format('CALL public.time_rolled_back(%L, %L, %s, NULL, %L)', 'close', 'plain GROUP BY', r,
                                'SELECT count(*) FROM (
                                     SELECT s.employee_id, ocenka.score_avg(i.score), ocenka.gradation(ocenka.score_avg(i.score))
                                     FROM ocenka.sheet s JOIN ocenka.item i ON i.sheet_id = s.id
                                     WHERE s.body_id = 1 AND s.q = ''2026-Q1'' GROUP BY s.employee_id) x'))) AS x(o, cmd)
ORDER BY r, x.o \gexec
