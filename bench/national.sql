-- Part of bench/national: the irreducible work and the reporting queries for one size, then the report.
\set ON_ERROR_STOP 1
SET search_path = ocenka, public;
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;

-- the same means the close computes, as plain GROUP BYs, best of three, serial like the close
CREATE FUNCTION pg_temp.best_ms(sql text, runs int DEFAULT 3) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	best double precision;
	ms double precision;
BEGIN
	FOR i IN 1 .. runs LOOP
		t0 := clock_timestamp();
		EXECUTE sql;
		ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
		best := least(best, ms);
	END LOOP;
	RETURN best;
END $$;

CREATE TEMP TABLE irreducible AS
SELECT 'close_quarter ' || q AS what,
       pg_temp.best_ms(format($q$SELECT count(*) FROM (SELECT s.employee_id, ocenka.score_avg(i.score)
                                 FROM ocenka.sheet s JOIN ocenka.item i ON i.sheet_id = s.id
                                 WHERE s.q = %L GROUP BY s.employee_id) x$q$, q)) AS ms
FROM unnest(ARRAY['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']) q
UNION ALL
SELECT 'close_year 2025',
       pg_temp.best_ms($q$SELECT (SELECT count(*) FROM (SELECT employee_id, ocenka.score_avg(score) FROM ocenka.quarter_result
                                                     WHERE q BETWEEN '2025-Q1' AND '2025-Q4' GROUP BY employee_id) x)
                             + (SELECT count(*) FROM (SELECT a.survey_id, a.competency_no, ocenka.mean360(a.answer, a.is_self)
                                                     FROM ocenka.answer a JOIN ocenka.survey s ON s.id = a.survey_id
                                                     WHERE s.year = 2025 GROUP BY 1, 2) y)$q$);

-- reporting: what a BI tool asks, serial against two workers (parallel made cheap to plan)
CREATE TEMP TABLE report (what text, serial_ms double precision, parallel_ms double precision, workers int);
CREATE FUNCTION pg_temp.report(what text, sql text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	s double precision;
	p double precision;
	line text;
	w int := 0;
BEGIN
	PERFORM set_config('max_parallel_workers_per_gather', '0', true);
	s := pg_temp.best_ms(sql);
	PERFORM set_config('max_parallel_workers_per_gather', '2', true);
	PERFORM set_config('parallel_setup_cost', '0', true);
	PERFORM set_config('parallel_tuple_cost', '0', true);
	PERFORM set_config('min_parallel_table_scan_size', '0', true);
	p := pg_temp.best_ms(sql);
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || sql LOOP
		IF line ~ 'Workers Planned: ' THEN
			w := greatest(w, substring(line FROM 'Workers Planned: (\d+)')::int);
		END IF;
	END LOOP;
	INSERT INTO report VALUES (what, s, p, w);
	PERFORM set_config('max_parallel_workers_per_gather', '0', true);
END $$;
-- the final grades (issue 11): the latest decision in force, else the computed grade
SELECT pg_temp.report('gradation distribution per body and quarter (final)',
	$q$SELECT count(*) FROM (SELECT body_id, q, final_gradation, count(*) FROM ocenka.final_quarter_result GROUP BY 1, 2, 3) x$q$);
SELECT pg_temp.report('country mean score per quarter and edition (final)',
	$q$SELECT count(*) FROM (SELECT q, methodology, ocenka.score_avg(final_score) FROM ocenka.final_quarter_result GROUP BY 1, 2) x$q$);
SELECT pg_temp.report('annual grades per edition and state (final)',
	$q$SELECT count(*) FROM (SELECT methodology, final_state, final_gradation, count(*) FROM ocenka.final_annual_result GROUP BY 1, 2, 3) x$q$);
SELECT pg_temp.report('the country''s weakest competencies (360 results)',
	$q$SELECT count(*) FROM (SELECT competency_code, count(*) FILTER (WHERE weakest), avg(mean)
	                       FROM ocenka.competency_result GROUP BY 1) x$q$);
SELECT pg_temp.report('competency means straight from the 360 answers',
	$q$SELECT count(*) FROM (SELECT s.survey_form, a.competency_no, ocenka.mean360(a.answer, a.is_self)
	                       FROM ocenka.answer a JOIN ocenka.survey s ON s.id = a.survey_id GROUP BY 1, 2) x$q$);

-- the BI views (issue 15 item 3) as a dashboard reads them: the whole view (every column, so no join is
-- removed) and one body's rows (a dashboard filtered on a body), serial, best of three
CREATE TEMP TABLE bi (view text, whole_ms double precision, whole_rows bigint, body_ms double precision, body_rows bigint);
CREATE FUNCTION pg_temp.bi(v text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	b bigint := (SELECT min(id) FROM ocenka.body);
	n bigint;
	m bigint;
BEGIN
	EXECUTE format('SELECT count(*) FROM (SELECT * FROM ocenka.%I OFFSET 0) x', v) INTO n;
	EXECUTE format('SELECT count(*) FROM (SELECT * FROM ocenka.%I WHERE body_id = %s OFFSET 0) x', v, b) INTO m;
	INSERT INTO bi VALUES (v, pg_temp.best_ms(format('SELECT count(*) FROM (SELECT * FROM ocenka.%I OFFSET 0) x', v)), n,
	                       pg_temp.best_ms(format('SELECT count(*) FROM (SELECT * FROM ocenka.%I WHERE body_id = %s OFFSET 0) x', v, b)), m);
END $$;
SELECT pg_temp.bi(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'ocenka' AND c.relkind = 'v' AND c.relname LIKE 'bi\_%' ORDER BY c.relname;

\o | cat >> "$OUT"
\pset tuples_only on
\pset format unaligned
SELECT format(E'\n### %s people (%s bodies; %s items, %s 360 answers)\n', :people, (SELECT count(*) FROM ocenka.body),
              (SELECT count(*) FROM ocenka.item), (SELECT count(*) FROM ocenka.answer));
SELECT format('Generated through the validation in %s s (%s items and answers, %s rows/s).', round(ms / 1000), rows,
              round(rows / (ms / 1000))) FROM public.bench_time WHERE what = 'generate';
SELECT E'\n| step | ms | results written | per second | plain GROUP BY of the same means (ms) | ratio (target ≤ 2.0) | peak private memory |\n|---|---:|---:|---:|---:|---:|---:|';
SELECT format('| %s | %s | %s | %s | %s | %s | %s MB |', t.what, round(t.ms), t.rows, round(t.rows / (t.ms / 1000)),
              round(i.ms), round((t.ms / i.ms)::numeric, 2), round(t.peak_kb / 1024.0))
FROM public.bench_time t JOIN irreducible i ON i.what = t.what ORDER BY t.what;
SELECT format('| **all closes** | %s | %s | %s | %s | %s | %s MB |', round(sum(t.ms)), sum(t.rows), round(sum(t.rows) / (sum(t.ms) / 1000)),
              round(sum(i.ms)), round((sum(t.ms) / sum(i.ms))::numeric, 2), round(max(t.peak_kb) / 1024.0))
FROM public.bench_time t JOIN irreducible i ON i.what = t.what;
SELECT E'\n| reporting query | serial ms | 2 workers ms | speed-up | workers planned |\n|---|---:|---:|---:|---:|';
SELECT format('| %s | %s | %s | %s× | %s |', what, round(serial_ms::numeric, 1), round(parallel_ms::numeric, 1),
              round((serial_ms / parallel_ms)::numeric, 2), workers) FROM report;
SELECT E'\n| BI view (serial, best of 3) | whole view ms | rows | one body ms | rows |\n|---|---:|---:|---:|---:|';
SELECT format('| `%s` | %s | %s | %s | %s |', view, round(whole_ms::numeric, 1), whole_rows, round(body_ms::numeric, 1), body_rows) FROM bi ORDER BY view;
\o
-- for the scaling line: people, total close ms
\o | cat >> /tmp/ocenka-national-scaling.csv
SELECT format('%s,%s', :people, sum(ms)) FROM public.bench_time WHERE what LIKE 'close%';
\o
