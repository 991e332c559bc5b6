-- The computation-core benchmark: ocenka's C functions and aggregates against
-- built-in aggregates and plain-SQL equivalents, on the same data, in one run.
--
-- Run by bench/core inside scripts/with-cluster (a throwaway cluster). psql
-- variables, all optional (bench/core sets them):
--   rows    rows of bench_rows (default 5000000)     groups  group keys (100000)
--   sheets  rows of bench_sheets (1000000)           runs    timed runs per query (7)
--   out     markdown file for the results table      plans   text file for the plans
--   machine one line describing the machine          strict  on: fail if a target is missed
--
-- Method: every query is run once to warm up, then `runs` times, alternating
-- the ocenka and the baseline query; the median of the server-side wall time
-- (clock_timestamp() around EXECUTE in PL/pgSQL) is kept. Every query returns
-- one row, so no result transfer is measured. JIT is off (its compile time
-- would be measured, not the functions). All C-vs-SQL comparisons run serial
-- (max_parallel_workers_per_gather = 0); the parallel rows compare the same C
-- aggregate with 0 and 2 workers.
\set ON_ERROR_STOP 1
\pset pager off
\if :{?rows} \else \set rows 5000000 \endif
\if :{?groups} \else \set groups 100000 \endif
\if :{?sheets} \else \set sheets 1000000 \endif
\if :{?runs} \else \set runs 7 \endif
\if :{?out} \else \set out /dev/null \endif
\if :{?plans} \else \set plans /dev/null \endif
\if :{?machine} \else \set machine 'unknown machine' \endif
\if :{?strict} \else \set strict off \endif

SET client_min_messages = warning;
CREATE EXTENSION ocenka;
CREATE EXTENSION pg_prewarm;
-- ocenka stays off the search path: every built-in name below means the built-in.
SET search_path = public;
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET bench.runs = :'runs';
SET bench.rows = :'rows';
SET bench.sheets = :'sheets';
\pset format unaligned
\pset tuples_only on

\echo '== ocenka computation-core benchmark'
SELECT version();
\echo :machine
SELECT format('%s rows in %s groups, %s ranking sheets, %s timed runs per query (median), after 1 warm-up',
              to_char(:rows, 'FM999,999,999'), to_char(:groups, 'FM999,999,999'),
              to_char(:sheets, 'FM999,999,999'), :runs);

-- ---------------------------------------------------------------------------
-- Data: deterministic, from generate_series and integer arithmetic.
-- ---------------------------------------------------------------------------
\echo
\echo '== generating data'
\timing on
CREATE TABLE bench_rows (
	g       integer      NOT NULL,  -- group key, :groups values
	score   ocenka.score NOT NULL,  -- 0.00 … 5.00
	answer  smallint     NOT NULL,  -- 360 answer 1 … 5
	is_self boolean      NOT NULL,  -- self-assessment, 1 row in 8
	num     numeric      NOT NULL,  -- the same value as score, as numeric (scale 2)
	p       numeric      NOT NULL   -- KPI percentage 0.00 … 120.00
);
INSERT INTO bench_rows (g, score, answer, is_self, num, p)
SELECT i % :groups + 1,
       (h * 0.01)::ocenka.score,
       (1 + (i * 31 + i / 7) % 5)::smallint,
       (i * 11 + i / 5) % 8 = 0,
       h * 0.01,
       (i * 104729 + i / 3) % 12001 * 0.01
FROM (SELECT i, (i * 7919 + i / 13) % 501 AS h
      FROM generate_series(1::bigint, :rows) AS i) AS s;

-- Ranking sheets: 4 or 5 scores of 2.00 … 5.00; no penalty (half), one (a quarter) or two.
CREATE TABLE bench_sheets (
	id        integer        NOT NULL,
	scores    ocenka.score[] NOT NULL,
	penalties ocenka.penalty_kind[] NOT NULL
);
INSERT INTO bench_sheets (id, scores, penalties)
SELECT j,
       CASE WHEN j % 2 = 0 THEN ARRAY[s1, s2, s3, s4] ELSE ARRAY[s1, s2, s3, s4, s5] END,
       CASE j % 4 WHEN 2 THEN ARRAY[k1] WHEN 3 THEN ARRAY[k1, k2] ELSE '{}' END
FROM (SELECT j,
             ((200 + (j * 7919) % 301) * 0.01)::ocenka.score AS s1,
             ((200 + (j * 104729 + 17) % 301) * 0.01)::ocenka.score AS s2,
             ((250 + (j * 31 + j / 3) % 251) * 0.01)::ocenka.score AS s3,
             ((300 + (j * 13 + j / 11) % 201) * 0.01)::ocenka.score AS s4,
             ((200 + (j * 97 + j / 5) % 301) * 0.01)::ocenka.score AS s5,
             kinds[(1 + (j / 4) % 7)::integer] AS k1,
             kinds[(1 + (j / 28) % 7)::integer] AS k2
      FROM generate_series(1::bigint, :sheets) AS j,
           (SELECT enum_range(NULL::ocenka.penalty_kind) AS kinds) AS e) AS s;

VACUUM (FREEZE, ANALYZE) bench_rows, bench_sheets;
SELECT format('pg_prewarm: %s + %s blocks', pg_prewarm('bench_rows'), pg_prewarm('bench_sheets'));
\timing off
SELECT format('bench_rows %s, bench_sheets %s, shared_buffers %s',
              pg_size_pretty(pg_table_size('bench_rows')), pg_size_pretty(pg_table_size('bench_sheets')),
              current_setting('shared_buffers'));
SELECT format('is_self true: %s of %s rows; groups: %s; KPI %% range %s … %s; answers %s … %s',
              count(*) FILTER (WHERE is_self), count(*), count(DISTINCT g), min(p), max(p), min(answer), max(answer))
FROM bench_rows;

-- ---------------------------------------------------------------------------
-- Timing machinery.
-- ---------------------------------------------------------------------------
CREATE TABLE bench_result (
	ord         serial PRIMARY KEY,
	comparison  text   NOT NULL,
	ocenka_sql  text   NOT NULL,
	baseline_sql text  NOT NULL,
	ocenka_workers   integer NOT NULL,
	baseline_workers integer NOT NULL,
	ocenka_ms   float8 NOT NULL,  -- median
	baseline_ms float8 NOT NULL,  -- median
	ocenka_min   float8 NOT NULL, -- fastest run: interference only ever slows a run down
	baseline_min float8 NOT NULL,
	target      float8 NOT NULL,  -- baseline_ms / ocenka_ms must reach it
	floor_sql   text,             -- optional: the same query without the work compared
	floor_ms    float8            -- its median, timed in the same loop
);
CREATE TABLE bench_run (comparison text, side text, run integer, ms float8);
CREATE TABLE bench_check (ord serial, what text, compared bigint, differences bigint);

-- One execution of a one-row query, in milliseconds of server wall time.
CREATE FUNCTION bench_once(q text, workers integer) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	r  record;
BEGIN
	PERFORM set_config('max_parallel_workers_per_gather', workers::text, true);
	t0 := clock_timestamp();
	EXECUTE q INTO STRICT r;
	RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END $$;

-- The plan of a query, with the given number of parallel workers allowed.
CREATE FUNCTION bench_plan(q text, workers integer, with_analyze boolean DEFAULT false) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	j json;
BEGIN
	PERFORM set_config('max_parallel_workers_per_gather', workers::text, true);
	EXECUTE format('EXPLAIN (FORMAT JSON%s) %s', CASE WHEN with_analyze THEN ', ANALYZE' ELSE '' END, q) INTO j;
	RETURN j::jsonb;
END $$;

CREATE FUNCTION bench_median(float8[]) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$ SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest($1) AS t $$;

-- Times an ocenka query against a baseline query: 1 warm-up each, then
-- bench.runs runs each, alternating which goes first; records the medians.
-- A floor query, if given, is timed in the same loop.
CREATE FUNCTION bench_compare(label text, ocenka_q text, baseline_q text, target float8,
                              ocenka_workers integer DEFAULT 0, baseline_workers integer DEFAULT 0,
                              floor_q text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	runs integer := current_setting('bench.runs')::integer;
	o    float8[] := '{}';
	b    float8[] := '{}';
	f    float8[] := '{}';
	mo   float8;
	mb   float8;
BEGIN
	PERFORM bench_once(ocenka_q, ocenka_workers);
	PERFORM bench_once(baseline_q, baseline_workers);
	IF floor_q IS NOT NULL THEN
		PERFORM bench_once(floor_q, 0);
	END IF;
	FOR i IN 1 .. runs LOOP
		IF i % 2 = 1 THEN
			o := o || bench_once(ocenka_q, ocenka_workers);
			b := b || bench_once(baseline_q, baseline_workers);
		ELSE
			b := b || bench_once(baseline_q, baseline_workers);
			o := o || bench_once(ocenka_q, ocenka_workers);
		END IF;
		IF floor_q IS NOT NULL THEN
			f := f || bench_once(floor_q, 0);
		END IF;
	END LOOP;
	mo := bench_median(o);
	mb := bench_median(b);
	INSERT INTO bench_run SELECT label, 'ocenka', n, ms FROM unnest(o) WITH ORDINALITY AS u(ms, n);
	INSERT INTO bench_run SELECT label, 'baseline', n, ms FROM unnest(b) WITH ORDINALITY AS u(ms, n);
	INSERT INTO bench_run SELECT label, 'floor', n, ms FROM unnest(f) WITH ORDINALITY AS u(ms, n);
	INSERT INTO bench_result (comparison, ocenka_sql, baseline_sql, ocenka_workers, baseline_workers,
	                          ocenka_ms, baseline_ms, ocenka_min, baseline_min, target, floor_sql, floor_ms)
	VALUES (label, ocenka_q, baseline_q, ocenka_workers, baseline_workers, mo, mb,
	        (SELECT min(x) FROM unnest(o) x), (SELECT min(x) FROM unnest(b) x), target,
	        floor_q, bench_median(f));
	RETURN format('  %s: %s ms vs %s ms, ratio %s (runs: %s | %s)%s', label,
	              round(mo::numeric, 1), round(mb::numeric, 1), round((mb / mo)::numeric, 2),
	              array_to_string(ARRAY(SELECT round(x::numeric) FROM unnest(o) x), ' '),
	              array_to_string(ARRAY(SELECT round(x::numeric) FROM unnest(b) x), ' '),
	              CASE WHEN floor_q IS NOT NULL THEN
	                  format(E'\n    floor %s ms (runs: %s)', round(bench_median(f)::numeric, 1),
	                         array_to_string(ARRAY(SELECT round(x::numeric) FROM unnest(f) x), ' ')) ELSE '' END);
END $$;

-- Checks that a serial comparison really is serial and, for grouped queries,
-- that both sides aggregate the same way (hashed, in memory).
CREATE FUNCTION bench_check_plans(label text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	r  bench_result;
	po jsonb;
	pb jsonb;
	so text;
	sb text;
BEGIN
	SELECT * INTO STRICT r FROM bench_result WHERE comparison = label;
	po := bench_plan(r.ocenka_sql, r.ocenka_workers, true);
	pb := bench_plan(r.baseline_sql, r.baseline_workers, true);
	IF r.ocenka_workers = 0 AND jsonb_path_exists(po, '$.** ? (@."Node Type" == "Gather")')
	   OR r.baseline_workers = 0 AND jsonb_path_exists(pb, '$.** ? (@."Node Type" == "Gather")') THEN
		RAISE EXCEPTION 'bench: % ran a parallel plan where a serial one was wanted', label;
	END IF;
	so := jsonb_path_query_first(po, '$.** ? (@."Node Type" == "Aggregate" && @."Strategy" != "Plain")."Strategy"') #>> '{}';
	sb := jsonb_path_query_first(pb, '$.** ? (@."Node Type" == "Aggregate" && @."Strategy" != "Plain")."Strategy"') #>> '{}';
	IF so IS DISTINCT FROM sb THEN
		RAISE EXCEPTION 'bench: % aggregates differently: % vs %', label, so, sb;
	END IF;
	IF jsonb_path_exists(po, '$.** ? (@."HashAgg Batches" > 1)') OR jsonb_path_exists(pb, '$.** ? (@."HashAgg Batches" > 1)') THEN
		RAISE EXCEPTION 'bench: % spilled its hash aggregate to disk', label;
	END IF;
	RETURN format('  plan check %s: %s', label, coalesce(so || ' aggregate on both sides, in memory', 'plain aggregate on both sides, serial'));
END $$;

-- ---------------------------------------------------------------------------
-- 1–3. C against built-in aggregates and plain SQL (serial).
-- ---------------------------------------------------------------------------
\echo
\echo '== timing (median of' :runs 'runs, ms; ocenka vs baseline)'
SELECT bench_compare('score_avg(score) vs avg(numeric), whole table',
	$q$SELECT ocenka.score_avg(score) FROM bench_rows$q$,
	$q$SELECT avg(num) FROM bench_rows$q$,
	1.0);
SELECT bench_compare('score_avg(score) vs avg(numeric), GROUP BY g',
	$q$SELECT count(a) FROM (SELECT g, ocenka.score_avg(score) AS a FROM bench_rows GROUP BY g) AS s$q$,
	$q$SELECT count(a) FROM (SELECT g, avg(num) AS a FROM bench_rows GROUP BY g) AS s$q$,
	1.0);
SELECT bench_compare('mean360(answer, is_self) vs avg(answer) FILTER (WHERE NOT is_self), whole table',
	$q$SELECT ocenka.mean360(answer, is_self) FROM bench_rows$q$,
	$q$SELECT avg(answer) FILTER (WHERE NOT is_self) FROM bench_rows$q$,
	1.0);
SELECT bench_compare('mean360(answer, is_self) vs avg(answer) FILTER (WHERE NOT is_self), GROUP BY g',
	$q$SELECT count(a) FROM (SELECT g, ocenka.mean360(answer, is_self) AS a FROM bench_rows GROUP BY g) AS s$q$,
	$q$SELECT count(a) FROM (SELECT g, avg(answer) FILTER (WHERE NOT is_self) AS a FROM bench_rows GROUP BY g) AS s$q$,
	1.0);
-- Both expressions take the column p, so neither can be folded to a constant:
-- both are evaluated once per row (checked below with EXPLAIN VERBOSE). The
-- floor is what any kpi_band costs at least in that query: the scan, count(*)
-- and upper(…) >= 4 on a numrange that needs no computing.
SELECT bench_compare('kpi_band(p) vs SQL CASE … numrange(…), count(*) FILTER (upper >= 4)',
	$q$SELECT count(*) FILTER (WHERE upper(ocenka.kpi_band(p)) >= 4) FROM bench_rows$q$,
	$q$SELECT count(*) FILTER (WHERE upper(CASE WHEN p >= 100 THEN numrange(5, 5, '[]')
	       ELSE numrange(0.25 * floor(p / 5), 0.25 * floor(p / 5) + 0.24, '[]') END) >= 4) FROM bench_rows$q$,
	5.0, 0, 0,
	$q$SELECT count(*) FILTER (WHERE upper(CASE WHEN p >= 100 THEN '[5,5]'::numrange
	       ELSE '[4.75,4.99]'::numrange END) >= 4) FROM bench_rows$q$);
-- The SQL form is written inline (a SQL function holding sub-selects would not
-- be inlined and would be slower still): two correlated sub-plans per sheet.
SELECT bench_compare('ranking_score(scores, penalties) vs SQL least(round(avg), min(cap)), per sheet',
	$q$SELECT count(*) FILTER (WHERE ocenka.ranking_score(scores, penalties) OPERATOR(ocenka.>=) '3'::ocenka.score) FROM bench_sheets$q$,
	$q$SELECT count(*) FILTER (WHERE least((SELECT round(avg(x), 2) FROM unnest(scores) AS x),
	       (SELECT min(CASE WHEN k IN ('remark', 'reprimand', 'severe_reprimand') THEN 2.99 ELSE 1.99 END)
	        FROM unnest(penalties) AS k)) >= 3) FROM bench_sheets$q$,
	5.0);

-- Neither side is folded away: the plans evaluate kpi_band(p), the SQL
-- floor(p / 5) … numrange(…), ranking_score(scores, penalties) and the two
-- correlated sub-plans in the aggregate's filter, for every row.
DO $$
DECLARE
	r      bench_result;
	needle text[];
	plan   text;
	n      text;
BEGIN
	FOR r IN SELECT * FROM bench_result WHERE target = 5.0 ORDER BY ord LOOP
		FOREACH n IN ARRAY ARRAY['ocenka', 'baseline'] LOOP
			PERFORM set_config('max_parallel_workers_per_gather', '0', true);
			EXECUTE 'EXPLAIN (VERBOSE, FORMAT JSON) ' || CASE n WHEN 'ocenka' THEN r.ocenka_sql ELSE r.baseline_sql END INTO plan;
			plan := jsonb_path_query_first(plan::jsonb, '$[0].Plan.Output[0]') #>> '{}';
			needle := CASE WHEN r.comparison LIKE 'kpi_band%' AND n = 'ocenka' THEN ARRAY['kpi_band(p)']
			               WHEN r.comparison LIKE 'kpi_band%' THEN ARRAY['floor((p / ', 'ELSE numrange(']
			               WHEN n = 'ocenka' THEN ARRAY['ranking_score(scores, penalties)']
			               ELSE ARRAY['(SubPlan 1)', '(SubPlan 2)'] END;
			IF EXISTS (SELECT FROM unnest(needle) AS x WHERE strpos(plan, x) = 0) THEN
				RAISE EXCEPTION 'bench: the % side of "%" is not evaluated per row as written: %', n, r.comparison, plan;
			END IF;
		END LOOP;
	END LOOP;
END $$;
\echo '  verified with EXPLAIN VERBOSE: both sides of kpi_band and ranking_score are computed per row in the aggregate''s filter'

-- ---------------------------------------------------------------------------
-- 4. The same C aggregate, serial and with two parallel workers.
-- ---------------------------------------------------------------------------
\echo
\echo '== parallel plan (max_parallel_workers_per_gather = 2, parallel_setup_cost = parallel_tuple_cost = 0)'
SET max_parallel_workers_per_gather = 2;
\pset tuples_only off
\pset format aligned
EXPLAIN (COSTS OFF) SELECT ocenka.score_avg(score) FROM bench_rows;
\pset format unaligned
\pset tuples_only on
SET max_parallel_workers_per_gather = 0;
DO $$
DECLARE
	q    text;
	plan jsonb;
BEGIN
	FOREACH q IN ARRAY ARRAY['SELECT ocenka.score_avg(score) FROM bench_rows',
	                         'SELECT ocenka.mean360(answer, is_self) FROM bench_rows'] LOOP
		plan := bench_plan(q, 2, true);
		IF NOT jsonb_path_exists(plan, '$.** ? (@."Node Type" == "Aggregate" && @."Partial Mode" == "Partial")') THEN
			RAISE EXCEPTION 'bench: no Partial Aggregate in the parallel plan of %: %', q, plan;
		END IF;
		IF NOT jsonb_path_exists(plan, '$.** ? (@."Node Type" == "Gather" && @."Workers Planned" == 2 && @."Workers Launched" == 2)') THEN
			RAISE EXCEPTION 'bench: the parallel plan of % did not plan and launch 2 workers: %', q, plan;
		END IF;
		plan := bench_plan(q, 0);
		IF jsonb_path_exists(plan, '$.** ? (@."Node Type" == "Gather")') THEN
			RAISE EXCEPTION 'bench: the serial plan of % is parallel: %', q, plan;
		END IF;
	END LOOP;
END $$;
\echo 'verified: Partial Aggregate under Gather, 2 workers planned and launched, for score_avg and mean360; serial plans have no Gather'
\echo
SELECT bench_compare('score_avg(score), 2 workers vs serial, whole table',
	$q$SELECT ocenka.score_avg(score) FROM bench_rows$q$,
	$q$SELECT ocenka.score_avg(score) FROM bench_rows$q$,
	1.6, 2, 0);
SELECT bench_compare('mean360(answer, is_self), 2 workers vs serial, whole table',
	$q$SELECT ocenka.mean360(answer, is_self) FROM bench_rows$q$,
	$q$SELECT ocenka.mean360(answer, is_self) FROM bench_rows$q$,
	1.6, 2, 0);

-- ---------------------------------------------------------------------------
-- Plans of every timed query, and plan sanity.
-- ---------------------------------------------------------------------------
\echo
\echo '== plan checks'
SELECT bench_check_plans(comparison) FROM bench_result WHERE ocenka_workers = 0 ORDER BY ord;

CREATE FUNCTION bench_explain_all() RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	r    bench_result;
	side text;
	q    text;
	w    integer;
	line text;
BEGIN
	FOR r IN SELECT * FROM bench_result ORDER BY ord LOOP
		FOREACH side IN ARRAY ARRAY['ocenka', 'baseline'] LOOP
			q := CASE side WHEN 'ocenka' THEN r.ocenka_sql ELSE r.baseline_sql END;
			w := CASE side WHEN 'ocenka' THEN r.ocenka_workers ELSE r.baseline_workers END;
			RETURN NEXT format(E'\n=== %s — %s (max_parallel_workers_per_gather = %s)\n%s', r.comparison, side, w, q);
			PERFORM set_config('max_parallel_workers_per_gather', w::text, true);
			FOR line IN EXECUTE 'EXPLAIN (ANALYZE, VERBOSE, BUFFERS) ' || q LOOP
				RETURN NEXT line;
			END LOOP;
		END LOOP;
	END LOOP;
END $$;
\o :plans
SELECT bench_explain_all();
\o

-- ---------------------------------------------------------------------------
-- The C and SQL versions give the same results.
-- ---------------------------------------------------------------------------
\echo
\echo '== same results'
INSERT INTO bench_check (what, compared, differences)
SELECT 'kpi_band(p) vs the SQL CASE … numrange(…), every row', count(*),
       count(*) FILTER (WHERE ocenka.kpi_band(p) IS DISTINCT FROM
           CASE WHEN p >= 100 THEN numrange(5, 5, '[]')
                ELSE numrange(0.25 * floor(p / 5), 0.25 * floor(p / 5) + 0.24, '[]') END)
FROM bench_rows;
INSERT INTO bench_check (what, compared, differences)
SELECT 'ranking_score(scores, penalties) vs the SQL least(…), every sheet', count(*),
       count(*) FILTER (WHERE ocenka.ranking_score(scores, penalties)::numeric IS DISTINCT FROM
           least((SELECT round(avg(x), 2) FROM unnest(scores) AS x),
                 (SELECT min(CASE WHEN k IN ('remark', 'reprimand', 'severe_reprimand') THEN 2.99 ELSE 1.99 END)
                  FROM unnest(penalties) AS k)))
FROM bench_sheets;
INSERT INTO bench_check (what, compared, differences)
SELECT 'score_avg(score) vs round(avg(numeric), 2), per group', count(*),
       count(*) FILTER (WHERE a::numeric IS DISTINCT FROM b)
FROM (SELECT g, ocenka.score_avg(score) AS a, round(avg(num), 2) AS b FROM bench_rows GROUP BY g) AS s;
INSERT INTO bench_check (what, compared, differences)
SELECT 'mean360(answer, is_self) vs round(avg(answer) FILTER (WHERE NOT is_self), 2), per group', count(*),
       count(*) FILTER (WHERE a IS DISTINCT FROM b)
FROM (SELECT g, ocenka.mean360(answer, is_self) AS a,
             round(avg(answer) FILTER (WHERE NOT is_self), 2) AS b FROM bench_rows GROUP BY g) AS s;
INSERT INTO bench_check (what, compared, differences)
SELECT 'score_avg and mean360 vs the rounded built-in avg, whole table', 2,
       (SELECT (ocenka.score_avg(score)::numeric IS DISTINCT FROM round(avg(num), 2))::int
             + (ocenka.mean360(answer, is_self) IS DISTINCT FROM round(avg(answer) FILTER (WHERE NOT is_self), 2))::int
        FROM bench_rows);
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE bench_parallel AS
SELECT ocenka.score_avg(score) AS a, ocenka.mean360(answer, is_self) AS m FROM bench_rows;
SET max_parallel_workers_per_gather = 0;
INSERT INTO bench_check (what, compared, differences)
SELECT 'score_avg and mean360 with 2 workers vs serial, whole table', 2,
       (SELECT (p.a::numeric IS DISTINCT FROM s.a::numeric)::int + (p.m IS DISTINCT FROM s.m)::int
        FROM bench_parallel AS p,
             (SELECT ocenka.score_avg(score) AS a, ocenka.mean360(answer, is_self) AS m FROM bench_rows) AS s);
SELECT format('  %s: %s compared, %s differences', what, compared, differences) FROM bench_check ORDER BY ord;

-- ---------------------------------------------------------------------------
-- The results table, on stdout and as markdown in :out.
-- ---------------------------------------------------------------------------
CREATE FUNCTION bench_report(machine text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	w integer;
	cw integer;
	r record;
BEGIN
	SELECT max(length(comparison)) INTO w FROM bench_result;
	RETURN NEXT format('ocenka computation core, %s rows in %s groups and %s ranking sheets; median of %s runs after a warm-up, server-side wall time, jit off, serial unless stated.',
	                   to_char(current_setting('bench.rows')::bigint, 'FM999,999,999'),
	                   to_char((SELECT count(DISTINCT g) FROM bench_rows), 'FM999,999,999'),
	                   to_char(current_setting('bench.sheets')::bigint, 'FM999,999,999'),
	                   current_setting('bench.runs'));
	RETURN NEXT format('%s; PostgreSQL %s.', machine, current_setting('server_version'));
	RETURN NEXT '';
	RETURN NEXT format('| %s | %s | %s | %s | %s | %s | %s |', rpad('comparison', w), lpad('ocenka (ms)', 11),
	                   lpad('baseline (ms)', 13), lpad('ratio', 7), rpad('target', 10), rpad('met', 6),
	                   lpad('ratio of fastest runs', 21));
	RETURN NEXT format('|%s|%s:|%s:|%s:|%s|%s|%s:|', repeat('-', w + 2), repeat('-', 12), repeat('-', 14),
	                   repeat('-', 8), repeat('-', 12), repeat('-', 8), repeat('-', 22));
	FOR r IN SELECT * FROM bench_result ORDER BY ord LOOP
		RETURN NEXT format('| %s | %s | %s | %s | %s | %s | %s |', rpad(r.comparison, w),
		                   lpad(to_char(r.ocenka_ms, 'FM999990.0'), 11),
		                   lpad(to_char(r.baseline_ms, 'FM999990.0'), 13),
		                   lpad(to_char(r.baseline_ms / r.ocenka_ms, 'FM9990.00') || '×', 7),
		                   rpad('≥ ' || to_char(r.target, 'FM990.0') || '×', 10),
		                   rpad(CASE WHEN r.baseline_ms / r.ocenka_ms >= r.target THEN 'yes' ELSE '**NO**' END, 6),
		                   lpad(to_char(r.baseline_min / r.ocenka_min, 'FM9990.00') || '×', 21));
	END LOOP;
	RETURN NEXT '';
	RETURN NEXT 'ratio = baseline / ocenka of the medians (the target is judged on it); for the parallel rows, serial / 2 workers (the speed-up) of the same C aggregate. The ratio of the fastest runs is shown too: on a shared machine interference only slows runs down, so it is the steadier estimate.';
	FOR r IN SELECT * FROM bench_result WHERE floor_ms IS NOT NULL ORDER BY ord LOOP
		RETURN NEXT format('kpi_band: the same query over a constant numrange (scan, count, upper() >= 4, no band computed) takes %s ms, so no kpi_band can reach more than %s× there; net of it, C %s ms vs SQL %s ms = %s×.',
		                   to_char(r.floor_ms, 'FM999990.0'), to_char(r.baseline_ms / r.floor_ms, 'FM9990.00'),
		                   to_char(r.ocenka_ms - r.floor_ms, 'FM999990.0'), to_char(r.baseline_ms - r.floor_ms, 'FM999990.0'),
		                   to_char((r.baseline_ms - r.floor_ms) / greatest(r.ocenka_ms - r.floor_ms, 0.001), 'FM9990.00'));
	END LOOP;
	RETURN NEXT '';
	SELECT max(length(what)) INTO cw FROM bench_check;
	RETURN NEXT format('| %s | %s | %s |', rpad('same results (C vs SQL)', cw), lpad('compared', 10), lpad('differences', 11));
	RETURN NEXT format('|%s|%s:|%s:|', repeat('-', cw + 2), repeat('-', 11), repeat('-', 12));
	FOR r IN SELECT * FROM bench_check ORDER BY ord LOOP
		RETURN NEXT format('| %s | %s | %s |', rpad(r.what, cw), lpad(r.compared::text, 10), lpad(r.differences::text, 11));
	END LOOP;
END $$;

\echo
\echo '== results'
\echo
SELECT bench_report(:'machine');
\o :out
SELECT bench_report(:'machine');
\o

-- A difference between the C and SQL versions is a failure; a missed target is
-- one only with strict on.
DO $$
BEGIN
	IF EXISTS (SELECT FROM bench_check WHERE differences <> 0) THEN
		RAISE EXCEPTION 'bench: the C and SQL versions differ (see "same results")';
	END IF;
END $$;
\if :strict
DO $$
BEGIN
	IF EXISTS (SELECT FROM bench_result WHERE baseline_ms / ocenka_ms < target) THEN
		RAISE EXCEPTION 'bench: a target was missed';
	END IF;
END $$;
\endif
