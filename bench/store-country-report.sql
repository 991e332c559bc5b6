-- The realistic case's results (bench/store-country.sql), as markdown on stdout: median of the runs,
-- µs per statement, and each target's share of the floor table's throughput, side by side.
\set ON_ERROR_STOP 1
\pset footer off
\pset tuples_only on
\pset format unaligned
\pset fieldsep ''
\qecho
SELECT format('The generated country (bench/generate.sql, %s people, periods open, ocenka.today = 2026-10-05): 2026-Q3''s items entered again, median of %s runs in one run of the benchmark; µs per statement (COPY: per row); share = the floor table''s time / the target''s:', :people, :runs);
\qecho
\qecho '| what | floor table (key, CHECKs, PL/pgSQL capture trigger) | floor table with an audit entry per statement | ocenka.item | share of the floor | share of the audited floor | spread of the runs (max/min, ocenka.item) |'
\qecho '|---|---|---|---|---|---|---|'
WITH n(what, o, label, rows) AS (
	SELECT 'country loop', 1, format('%s one-row INSERTs in a PL/pgSQL loop (the first items)', count(*)), count(*) FROM public.country_loop WHERE what = 'loop'
	UNION ALL SELECT 'country loop ranking', 2, format('%s ranking items, one INSERT each', count(*)), count(*) FROM public.country_loop WHERE what = 'loop ranking'
	UNION ALL SELECT 'country loop KPI', 3, format('%s KPI items, one INSERT each', count(*)), count(*) FROM public.country_loop WHERE what = 'loop KPI'
	UNION ALL SELECT 'country copy', 4, format('COPY of all %s items', count(*)), count(*) FROM public.country_item),
m AS (SELECT what, target, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS v, max(ms) / min(ms) AS spread
      FROM public.bench_time WHERE what LIKE 'country %' GROUP BY what, target)
SELECT format('| %s | %s µs | %s µs | %s µs | %s | %s | %s |', n.label,
              round((f.v * 1000 / n.rows)::numeric, 1), round((a.v * 1000 / n.rows)::numeric, 1), round((o.v * 1000 / n.rows)::numeric, 1),
              round((f.v / o.v)::numeric, 2), round((a.v / o.v)::numeric, 2), round(o.spread::numeric, 2))
FROM n JOIN m f ON (f.what, f.target) = (n.what, 'public.country_floor')
       JOIN m a ON (a.what, a.target) = (n.what, 'public.country_floor_audit')
       JOIN m o ON (o.what, o.target) = (n.what, 'ocenka.item')
ORDER BY n.o;
