-- The store benchmark's results, from public.bench_time (bench/store).
\set ON_ERROR_STOP 1
\pset footer off
-- each measurement's median, and the floor tables in the order each adds one thing to the one before
CREATE TEMP VIEW median_time AS
SELECT what, target, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS v FROM public.bench_time GROUP BY what, target;
CREATE TEMP TABLE floor_line (o int, target text, label text, short_label text);
INSERT INTO floor_line VALUES
	(1, 'public.plain_item', 'bare: no key, no constraint, no trigger', 'bare'),
	(2, 'public.plain_item_pk', '+ the primary key (sheet_id, no)', '+ primary key'),
	(3, 'public.floor_checks', '+ the three CHECK constraints (IMMUTABLE C functions)', '+ CHECK constraints'),
	(4, 'public.floor_capture', '+ a PL/pgSQL statement trigger that only captures the transition table', '+ PL/pgSQL capture trigger'),
	(5, 'public.floor_c_keys', 'line 3 + ocenka''s C trigger with no rule (hashes the statement''s keys)', 'line 3 + C trigger, no rule'),
	(6, 'public.floor_c_rules', 'line 5 + the item rules alone', 'line 5 + item rules'),
	(7, 'public.floor_c_audit', 'line 5 + the audit alone', 'line 5 + audit'),
	(8, 'ocenka.item', 'line 5 + the item rules and the audit: ocenka.item', 'ocenka.item (rules and audit)');
\o :out
\qecho '| measurement | validated (ocenka) | plain | plain with primary key | validated / plain | target |'
\qecho '|---|---|---|---|---|---|'
\pset tuples_only on
\pset format unaligned
\pset fieldsep ''
-- per measurement: ocenka's median (v), the bare table's (p), the primary-key table's (pk)
WITH x AS (
	SELECT what, max(v) FILTER (WHERE target IN ('ocenka.item', 'close_quarter')) AS v,
	       max(v) FILTER (WHERE target IN ('public.plain_item', 'plain GROUP BY')) AS p,
	       max(v) FILTER (WHERE target = 'public.plain_item_pk') AS pk
	FROM median_time GROUP BY what
),
c AS (SELECT * FROM x WHERE what = 'copy'),
l AS (SELECT * FROM x WHERE what = 'interleaved'),
q AS (SELECT * FROM x WHERE what = 'close')
SELECT format('| COPY %s items (median ms; rows/s) | %s ms; %s/s | %s ms; %s/s | %s ms; %s/s | %s | ≥ 0.85 %s |',
              :items, round(v), round(:items / v * 1000), round(p), round(:items / p * 1000), round(pk), round(:items / pk * 1000),
              round((p / v)::numeric, 3), CASE WHEN p / v >= 0.85 THEN 'met' ELSE 'missed' END) FROM c
UNION ALL
SELECT format('| single-row INSERT via pgbench, the tables interleaved in one run (tps from the median latency) | %s | %s | %s | %s | ≥ 0.80 %s |',
              round(1000 / v), round(1000 / p), round(1000 / pk), round((p / v)::numeric, 3), CASE WHEN p / v >= 0.80 THEN 'met' ELSE 'missed' END) FROM l
UNION ALL
SELECT format('| close_quarter, one body of 10,000 people (median ms) | %s ms | %s ms (GROUP BY of the same means) | | %s× the GROUP BY | |',
              round(v), round(p), round((v / p)::numeric, 2)) FROM q;
\qecho
\qecho 'Where a validated COPY''s time goes (median ms of the same runs; lines 1–4 each add one thing to the line above, lines 5–8 take ocenka''s trigger apart on top of line 3):'
\qecho
\qecho '| table | COPY ms | rows/s | share of the bare table''s throughput | share of the primary-key table''s |'
\qecho '|---|---|---|---|---|'
SELECT format('| %s | %s | %s | %s | %s |', l.label, round(m.v), round(:items / m.v * 1000),
              round((b.v / m.v)::numeric, 3), round((k.v / m.v)::numeric, 3))
FROM floor_line l JOIN median_time m ON (m.what, m.target) = ('copy', l.target),
     median_time b, median_time k
WHERE (b.what, b.target) = ('copy', 'public.plain_item') AND (k.what, k.target) = ('copy', 'public.plain_item_pk')
ORDER BY l.o;
\qecho
\qecho 'Single-row INSERTs: the eight pgbench scripts interleaved in one run (pgbench picks one at random for each transaction, so drift hits all alike; median of 5 runs):'
\qecho
\qecho '| table | mean latency ms | tps at that latency | share of the bare table''s |'
\qecho '|---|---|---|---|'
SELECT format('| %s | %s | %s | %s |', l.short_label, round(m.v::numeric, 3), round(1000 / m.v), round((b.v / m.v)::numeric, 3))
FROM floor_line l JOIN median_time m ON (m.what, m.target) = ('interleaved', l.target), median_time b
WHERE (b.what, b.target) = ('interleaved', 'public.plain_item') ORDER BY l.o;
\qecho
\qecho 'Several clients at once (pgbench -c N -j N, the bare, primary-key and validated scripts interleaved in one run per client count; mean latency ms of each script):'
\qecho
\qecho '| clients | bare | primary key | ocenka.item | ocenka''s share of the bare table''s throughput |'
\qecho '|---|---|---|---|---|'
SELECT format('| %s | %s | %s | %s | %s |', substr(b.what, 9), round(b.v::numeric, 3), round(k.v::numeric, 3), round(o.v::numeric, 3),
              round((b.v / o.v)::numeric, 3))
FROM median_time b JOIN median_time k ON k.what = b.what JOIN median_time o ON o.what = b.what
WHERE b.what LIKE 'clients %' AND b.target = 'public.plain_item' AND k.target = 'public.plain_item_pk' AND o.target = 'ocenka.item'
ORDER BY substr(b.what, 9)::int;
\qecho
\qecho 'One-row INSERT transactions in a procedure, COMMIT after each (10,000 per run; median of 3 runs; the server''s cost of a whole transaction without the client''s round trip):'
\qecho
\qecho '| table | µs per transaction | added to the bare table''s |'
\qecho '|---|---|---|'
SELECT format('| %s | %s | %s |', m.target, round(m.v::numeric), round((m.v - b.v)::numeric))
FROM median_time m, median_time b
WHERE m.what = 'committed' AND (b.what, b.target) = ('committed', 'public.plain_item') ORDER BY m.v;
\qecho
\qecho 'One-row INSERT statements in a PL/pgSQL loop (20,000 per run, one transaction, rolled back; median µs per statement):'
\qecho
\qecho '| item triggers | µs per statement | added by the triggers |'
\qecho '|---|---|---|'
WITH l(o, target) AS (VALUES (1, 'no rule or audit trigger'), (2, 'entry rules only'), (3, 'audit only'), (4, 'entry rules and audit'))
SELECT format('| %s | %s | %s |', l.target, round(m.v::numeric, 1), round((m.v - b.v)::numeric, 1))
FROM l JOIN median_time m ON (m.what, m.target) = ('loop', l.target), median_time b
WHERE (b.what, b.target) = ('loop', 'no rule or audit trigger') ORDER BY l.o;
\o
\pset format aligned
\pset tuples_only off
-- every measurement is a time: the best is the lowest
SELECT what, target, count(*) AS runs, round(min(ms)::numeric, 3) AS best,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::numeric, 3) AS median
FROM public.bench_time GROUP BY what, target ORDER BY what, target;
