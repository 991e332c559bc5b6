-- pgTAP: score_avg and mean360 split across parallel workers and give the serial answer.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(8);

-- a few million rows in an ordinary (not temporary) table, which parallel workers can scan;
-- OCENKA_PARALLEL_ROWS makes them fewer where a server runs slowly (scripts/valgrind)
\getenv parallel_rows OCENKA_PARALLEL_ROWS
\if :{?parallel_rows}
\else
\set parallel_rows 3000000
\endif
CREATE TABLE public.parallel_answers AS
SELECT i % 1000 AS grp,
       ((i * 7919) % 501)::numeric(5, 2) / 100 AS s,
       (1 + (i * 104729) % 5)::smallint AS answer,
       i % 9 = 0 AS is_self
FROM generate_series(1::bigint, :parallel_rows) i;
ALTER TABLE public.parallel_answers ALTER COLUMN s TYPE ocenka.score USING s::ocenka.score;
ANALYZE public.parallel_answers;
GRANT SELECT ON public.parallel_answers TO ocenka_tester;
SET ROLE ocenka_tester;

-- the EXPLAIN output of a query as one text, with the given EXPLAIN options
CREATE FUNCTION pg_temp.plan_of(q text, options text DEFAULT 'COSTS OFF') RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	line text;
	result text := '';
BEGIN
	FOR line IN EXECUTE format('EXPLAIN (%s) %s', options, q) LOOP
		result := result || line || E'\n';
	END LOOP;
	RETURN result;
END $$;

-- serial answers first
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_total AS
SELECT score_avg(s) AS avg_s, mean360(answer, is_self) AS m360 FROM public.parallel_answers;
CREATE TEMP TABLE serial_groups AS
SELECT grp, score_avg(s) AS avg_s, mean360(answer, is_self) AS m360 FROM public.parallel_answers GROUP BY grp;

-- then with parallel query made free
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;

SELECT matches(pg_temp.plan_of('SELECT score_avg(s), mean360(answer, is_self) FROM public.parallel_answers'),
               'Partial Aggregate', 'EXPLAIN shows Partial Aggregate for score_avg and mean360');
SELECT matches(pg_temp.plan_of('SELECT score_avg(s), mean360(answer, is_self) FROM public.parallel_answers'),
               'Gather', 'the plan gathers from parallel workers');
SELECT matches(pg_temp.plan_of('SELECT grp, score_avg(s), mean360(answer, is_self) FROM public.parallel_answers GROUP BY grp'),
               'Partial (Hash|Group)Aggregate', 'grouped aggregation is split too');

SELECT results_eq('SELECT score_avg(s), mean360(answer, is_self) FROM public.parallel_answers',
                  'SELECT avg_s, m360 FROM serial_total',
                  'parallel totals equal the serial totals');
SELECT results_eq('SELECT grp, score_avg(s), mean360(answer, is_self) FROM public.parallel_answers GROUP BY grp ORDER BY grp',
                  'SELECT grp, avg_s, m360 FROM serial_groups ORDER BY grp',
                  'parallel per-group results equal the serial ones for all 1,000 groups');
SELECT results_eq('SELECT score_avg(s)::numeric, mean360(answer, is_self) FROM public.parallel_answers',
                  $$SELECT round(avg(s::numeric), 2), round(avg(answer) FILTER (WHERE NOT is_self), 2) FROM public.parallel_answers$$,
                  'and both equal round(avg(), 2) of the same rows');

-- workers really ran: EXPLAIN ANALYZE reports them
SELECT matches(pg_temp.plan_of('SELECT score_avg(s) FROM public.parallel_answers', 'ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF'),
               'Workers Launched: [12]', 'score_avg ran in parallel workers');
SELECT matches(pg_temp.plan_of('SELECT mean360(answer, is_self) FROM public.parallel_answers', 'ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF'),
               'Workers Launched: [12]', 'mean360 ran in parallel workers');

SELECT * FROM finish();
ROLLBACK;
