-- Part of bench/rls: the cost of the policies, on a generated country with 2026-Q3 open. Run as the
-- superuser; each measurement runs after SET ROLE to an unprivileged role, so the policies apply.
\set ON_ERROR_STOP 1
SET search_path = ocenka, public;
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET jit = off;  -- the policies' sub-selects lift the estimated cost of a plan past jit_above_cost: JIT compiling then costs more than the query (docs/benchmarks.md)
SET ocenka.today = '2026-10-09';
\o /dev/null

-- the roles: the evaluator with the most open ranking sheets, the HR head of their body (another of its
-- people), an administrator; each may read everything and write items (the policies decide)
CREATE ROLE bench_users NOLOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO bench_users;
GRANT UPDATE ON ocenka.item TO bench_users;
CREATE ROLE bench_evaluator LOGIN IN ROLE bench_users;
CREATE ROLE bench_hrhead LOGIN IN ROLE bench_users;
CREATE ROLE bench_admin LOGIN IN ROLE bench_users;
CREATE TEMP TABLE pick AS
SELECT s.evaluator_id, s.body_id, array_agg(s.id ORDER BY s.id) AS sheets
FROM ocenka.sheet s WHERE s.q = '2026-Q3' AND s.form <> 'kpi'
GROUP BY 1, 2 ORDER BY count(*) DESC, 1 LIMIT 1;
INSERT INTO ocenka.person_login SELECT 'bench_evaluator', evaluator_id FROM pick;
INSERT INTO ocenka.person_login
SELECT 'bench_hrhead', (SELECT a.employee_id FROM ocenka.appointment a WHERE a.body_id = p.body_id AND a.employee_id <> p.evaluator_id
                        AND a.ended_on IS NULL ORDER BY a.employee_id LIMIT 1) FROM pick p;
INSERT INTO ocenka.hr_head SELECT p.body_id, l.employee_id, '2020-01-01', NULL FROM pick p, ocenka.person_login l WHERE l.login = 'bench_hrhead'::regrole;
INSERT INTO ocenka.staff_capacity VALUES ('bench_admin', 'admin');
GRANT SELECT ON pick TO PUBLIC;

CREATE TEMP TABLE timing (round int, who text, mode text, what text, ms double precision);
GRANT ALL ON timing TO PUBLIC;
CREATE TEMP TABLE seen (who text, mode text, what text, result bigint);
GRANT ALL ON seen TO PUBLIC;

-- row-level security on with ocenka's policies ('on'), on with every policy replaced by one that lets
-- everything through ('floor': what any policy costs, whatever it asks), or off, on every table that has it
CREATE TEMP TABLE rls_tables AS SELECT c.oid::regclass AS t FROM pg_class c WHERE c.relnamespace = 'ocenka'::regnamespace AND c.relrowsecurity;
CREATE TEMP TABLE saved_policies AS
SELECT format('%I.%I', schemaname, tablename) AS t, policyname, permissive, cmd, qual, with_check
FROM pg_policies WHERE schemaname = 'ocenka';
CREATE FUNCTION pg_temp.rls(mode text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	t regclass;
	p record;
BEGIN
	FOR t IN SELECT r.t FROM rls_tables r LOOP
		EXECUTE format(CASE WHEN mode <> 'off' THEN 'ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY'
		                    ELSE 'ALTER TABLE %s NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY' END, t);
	END LOOP;
	FOR p IN SELECT * FROM saved_policies LOOP
		EXECUTE format('DROP POLICY %I ON %s', p.policyname, p.t);
		EXECUTE format('CREATE POLICY %I ON %s AS %s FOR %s%s%s', p.policyname, p.t, p.permissive, p.cmd,
		               CASE WHEN p.qual IS NULL THEN '' WHEN mode = 'floor' THEN ' USING (true)' ELSE ' USING (' || p.qual || ')' END,
		               CASE WHEN p.with_check IS NULL THEN '' WHEN mode = 'floor' THEN ' WITH CHECK (true)' ELSE ' WITH CHECK (' || p.with_check || ')' END);
	END LOOP;
END $$;

-- the reporting queries of bench/national
CREATE TEMP TABLE query (what text, sql text);
INSERT INTO query VALUES
	('gradation distribution per body and quarter (final)',
	 'SELECT count(*) FROM (SELECT body_id, q, final_gradation, count(*) FROM ocenka.final_quarter_result GROUP BY 1, 2, 3) x'),
	('country mean score per quarter and edition (final)',
	 'SELECT count(*) FROM (SELECT q, methodology, ocenka.score_avg(final_score) FROM ocenka.final_quarter_result GROUP BY 1, 2) x'),
	('annual grades per edition and state (final)',
	 'SELECT count(*) FROM (SELECT methodology, final_state, final_gradation, count(*) FROM ocenka.final_annual_result GROUP BY 1, 2, 3) x'),
	('the country''s weakest competencies (360 results)',
	 'SELECT count(*) FROM (SELECT competency_code, count(*) FILTER (WHERE weakest), avg(mean) FROM ocenka.competency_result GROUP BY 1) x'),
	('competency means straight from the 360 answers',
	 'SELECT count(*) FROM (SELECT s.survey_form, a.competency_no, ocenka.mean360(a.answer, a.is_self) FROM ocenka.answer a JOIN ocenka.survey s ON s.id = a.survey_id GROUP BY 1, 2) x');
GRANT SELECT ON query TO PUBLIC;

-- one round for the current role: 200 single-row score entries (each its own statement, planned each
-- time as a client's simple query is), 200 more through a prepared statement, each in batches of 20,
-- then each reporting query best of 7
CREATE FUNCTION pg_temp.measure(rnd int, who text, mode text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	sheets bigint[] := (SELECT p.sheets FROM pick p);
	t0 timestamptz;
	best double precision;
	n bigint;
	q record;
BEGIN
	-- the role's answers are loaded by a session's first statement after any change of what they are
	-- computed from (the ALTERs of this round are one): timed apart, once warm, best of 3
	IF mode = 'on' THEN
		PERFORM ocenka.access_facts_load(current_user);
		best := NULL;
		FOR i IN 1 .. 3 LOOP
			t0 := clock_timestamp();
			PERFORM ocenka.access_facts_load(current_user);
			best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
		END LOOP;
		INSERT INTO timing VALUES (rnd, who, mode, 'loading the role''s answers (once after a change)', best);
	END IF;
	PERFORM ocenka.access_sees_all();  -- the answers in the cache, as in a session already at work
	-- 200 statements in 10 batches of 20; the batch with the lowest mean stands for the round, so
	-- that a burst of the machine's noise in one batch does not
	best := NULL;
	FOR b IN 0 .. 9 LOOP
		t0 := clock_timestamp();
		FOR i IN b * 20 + 1 .. b * 20 + 20 LOOP
			EXECUTE format('UPDATE ocenka.item SET score = %s WHERE sheet_id = %s AND no = 1', 3 + i % 2,
			               sheets[1 + i % cardinality(sheets)]);
		END LOOP;
		best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000 / 20);
	END LOOP;
	INSERT INTO timing VALUES (rnd, who, mode, 'single-row score entry (UPDATE of one item)', best);
	-- the same through a prepared statement (PL/pgSQL keeps the plan), as a driver that prepares does
	best := NULL;
	FOR b IN 0 .. 9 LOOP
		t0 := clock_timestamp();
		FOR i IN b * 20 + 1 .. b * 20 + 20 LOOP
			UPDATE ocenka.item SET score = 3 + i % 2 WHERE sheet_id = sheets[1 + i % cardinality(sheets)] AND no = 1;
		END LOOP;
		best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000 / 20);
	END LOOP;
	INSERT INTO timing VALUES (rnd, who, mode, 'single-row score entry, prepared', best);
	FOR q IN SELECT * FROM query LOOP
		best := NULL;
		FOR i IN 1 .. 7 LOOP
			t0 := clock_timestamp();
			EXECUTE q.sql INTO n;
			best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
		END LOOP;
		INSERT INTO timing VALUES (rnd, who, mode, q.what, best);
		IF rnd = 1 THEN
			INSERT INTO seen VALUES (who, mode, q.what, n);
		END IF;
	END LOOP;
END $$;

-- what a plan holds as the evaluator: sub-selects (InitPlans, SubPlans), each planned with the statement,
-- and calls of the policies' rls_* predicates in its filters (a binary search each, no query)
CREATE TEMP TABLE plan_check (what text, subplans int, predicates int);
GRANT ALL ON plan_check TO PUBLIC;
CREATE FUNCTION pg_temp.plan_check() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	q record;
	line text;
	i int;
	r int;
BEGIN
	FOR q IN SELECT * FROM query UNION ALL
	         SELECT 'single-row score entry (UPDATE of one item)', format('UPDATE ocenka.item SET score = 4 WHERE sheet_id = %s AND no = 1', p.sheets[1]) FROM pick p LOOP
		i := 0; r := 0;
		FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q.sql LOOP
			IF line ~ '(InitPlan|SubPlan) [0-9]+$' OR line ~ 'InitPlan [0-9]+ \(returns' THEN i := i + 1; END IF;
			r := r + (SELECT count(*) FROM regexp_matches(line, 'rls_[a-z_]+\(', 'g'))::int;
		END LOOP;
		INSERT INTO plan_check VALUES (q.what, i, r);
	END LOOP;
END $$;
\o

\echo rounds: each role with the policies on, with trivial policies, then off, five times (each step its own transaction)
SELECT x.stmt FROM generate_series(1, 5) rnd, unnest(ARRAY['evaluator', 'hrhead', 'admin']) WITH ORDINALITY w(who, o),
     unnest(ARRAY['on', 'floor', 'off']) WITH ORDINALITY m(mode, k),
     LATERAL unnest(ARRAY[format('SELECT pg_temp.rls(%L)', m.mode), format('SET ROLE %I', 'bench_' || w.who),
                          format('SELECT pg_temp.measure(%s, %L, %L)', rnd, w.who, m.mode), 'RESET ROLE']) WITH ORDINALITY x(stmt, n)
ORDER BY rnd, w.o, m.k, x.n \gexec
SELECT pg_temp.rls('on');
SET ROLE bench_evaluator;
SELECT pg_temp.plan_check();
RESET ROLE;

\o :OUT
\pset tuples_only on
\pset format unaligned
SELECT format(E'## bench/rls, %s people (%s bodies)\n\nMachine: %s. Each figure is the best of 5 rounds (ocenka''s policies, trivial policies and row-level security off alternating); score entry is the lowest mean of 10 batches of 20 single-row UPDATEs of a 2026-Q3 item the evaluator is assigned, each statement planned anew, in a session whose answers are loaded (the load, once after any change, is its own line); reporting queries are each the best of 7 runs, serial, jit off. ratio = on / off (target ≤ 1.15); floor = every policy replaced by USING (true) / WITH CHECK (true), what row-level security costs whatever the policies ask.\n',
              :people, (SELECT count(*) FROM ocenka.body), :'machine');
SELECT E'| role | statement | rows (on / off) | RLS on (ms) | floor (ms) | RLS off (ms) | ratio | floor / off | met |\n|---|---|---:|---:|---:|---:|---:|---:|---|';
SELECT CASE WHEN t.off_ms IS NULL THEN format('| %s | %s | | %s | | | | | |', t.who, t.what, round(t.on_ms::numeric, 3)) ELSE
       format('| %s | %s | %s | %s | %s | %s | %s× | %s× | %s |', t.who, t.what,
              coalesce((SELECT s1.result FROM seen s1 WHERE (s1.who, s1.what, s1.mode) = (t.who, t.what, 'on')) || ' / '
                       || (SELECT s0.result FROM seen s0 WHERE (s0.who, s0.what, s0.mode) = (t.who, t.what, 'off')), '1 / 1'),
              round(t.on_ms::numeric, 3), round(t.floor_ms::numeric, 3), round(t.off_ms::numeric, 3),
              round((t.on_ms / t.off_ms)::numeric, 2), round((t.floor_ms / t.off_ms)::numeric, 2),
              CASE WHEN t.on_ms / t.off_ms <= 1.15 THEN 'yes' ELSE '**no**' END) END
FROM (SELECT who, what, min(ms) FILTER (WHERE mode = 'on') AS on_ms, min(ms) FILTER (WHERE mode = 'floor') AS floor_ms,
             min(ms) FILTER (WHERE mode = 'off') AS off_ms
      FROM timing GROUP BY who, what) t
ORDER BY array_position(ARRAY['evaluator', 'hrhead', 'admin'], t.who), t.what;
SELECT E'\nWhat the plans hold (as the evaluator, EXPLAIN): sub-selects planned with each statement (InitPlans, SubPlans), and calls of the rls_* predicates in their filters (each a binary search in the backend''s answers, no query).\n\n| statement | sub-selects | rls_* calls |\n|---|---:|---:|';
SELECT format('| %s | %s | %s |', what, subplans, predicates) FROM plan_check;
\o
