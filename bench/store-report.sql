-- The store benchmark's results, from public.bench_time (bench/store).
\set ON_ERROR_STOP 1
\pset footer off
\o :out
\qecho '| measurement | validated (ocenka) | plain | plain with primary key | validated / plain | target |'
\qecho '|---|---|---|---|---|---|'
\pset tuples_only on
\pset format unaligned
\pset fieldsep ''
WITH m AS (
	SELECT what, target, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms
	FROM public.bench_time GROUP BY what, target
),
c AS (SELECT (SELECT ms FROM m WHERE what = 'copy' AND target = 'ocenka.item') AS v,
             (SELECT ms FROM m WHERE what = 'copy' AND target = 'public.plain_item') AS p,
             (SELECT ms FROM m WHERE what = 'copy' AND target = 'public.plain_item_pk') AS pk),
i AS (SELECT (SELECT ms FROM m WHERE what = 'insert' AND target = 'ocenka.item') AS v,
             (SELECT ms FROM m WHERE what = 'insert' AND target = 'public.plain_item') AS p,
             (SELECT ms FROM m WHERE what = 'insert' AND target = 'public.plain_item_pk') AS pk),
l AS (SELECT (SELECT ms FROM m WHERE what = 'interleaved' AND target = 'ocenka.item') AS v,
             (SELECT ms FROM m WHERE what = 'interleaved' AND target = 'public.plain_item') AS p,
             (SELECT ms FROM m WHERE what = 'interleaved' AND target = 'public.plain_item_pk') AS pk),
q AS (SELECT (SELECT ms FROM m WHERE what = 'close' AND target = 'close_quarter') AS v,
             (SELECT ms FROM m WHERE what = 'close' AND target = 'plain GROUP BY') AS p)
SELECT format('| COPY %s items (median ms; rows/s) | %s ms; %s/s | %s ms; %s/s | %s ms; %s/s | %s | ≥ 0.85 %s |',
              :items, round(v), round(:items / v * 1000), round(p), round(:items / p * 1000), round(pk), round(:items / pk * 1000),
              round((p / v)::numeric, 3), CASE WHEN p / v >= 0.85 THEN 'met' ELSE 'missed' END) FROM c
UNION ALL
-- runs of different tables minutes apart drift on this machine: the interleaved line decides the target
SELECT format('| single-row INSERT via pgbench, one table per run (median tps) | %s | %s | %s | %s | (drifts: see the next line) |',
              round(v), round(p), round(pk), round((v / p)::numeric, 3)) FROM i
UNION ALL
SELECT format('| single-row INSERT via pgbench, the tables interleaved in one run (tps from the median latency) | %s | %s | %s | %s | ≥ 0.80 %s |',
              round(1000 / v), round(1000 / p), round(1000 / pk), round((p / v)::numeric, 3), CASE WHEN p / v >= 0.80 THEN 'met' ELSE 'missed' END) FROM l
UNION ALL
SELECT format('| close_quarter, one body of 10,000 people (median ms) | %s ms | %s ms (GROUP BY of the same means) | | %s× the GROUP BY | |',
              round(v), round(p), round((v / p)::numeric, 2)) FROM q;
\qecho
\qecho 'Where a validated COPY''s time goes (median ms of the same runs; each line adds one thing to the line above):'
\qecho
\qecho '| table | COPY ms | rows/s | share of the bare table''s throughput | share of the primary-key table''s |'
\qecho '|---|---|---|---|---|'
WITH m AS (
	SELECT target, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms
	FROM public.bench_time WHERE what = 'copy' GROUP BY target
),
l(o, label, target) AS (VALUES
	(1, 'bare: no key, no constraint, no trigger', 'public.plain_item'),
	(2, '+ the primary key (sheet_id, no)', 'public.plain_item_pk'),
	(3, '+ the three CHECK constraints (IMMUTABLE C functions)', 'public.floor_checks'),
	(4, '+ a statement trigger that only captures the transition table', 'public.floor_capture'),
	(5, '+ ocenka''s rules and audit: ocenka.item', 'ocenka.item'))
SELECT format('| %s | %s | %s | %s | %s |', l.label, round(m.ms), round(:items / m.ms * 1000),
              round((b.ms / m.ms)::numeric, 3), round((k.ms / m.ms)::numeric, 3))
FROM l JOIN m ON m.target = l.target, m b, m k
WHERE b.target = 'public.plain_item' AND k.target = 'public.plain_item_pk' ORDER BY l.o;
\qecho
\qecho '| table | single-row INSERT tps (median) | share of the bare table''s |'
\qecho '|---|---|---|'
WITH m AS (
	SELECT target, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS tps
	FROM public.bench_time WHERE what = 'insert' GROUP BY target
),
l(o, label, target) AS (VALUES
	(1, 'bare', 'public.plain_item'), (2, '+ primary key', 'public.plain_item_pk'),
	(3, '+ CHECK constraints', 'public.floor_checks'), (4, '+ transition-table capture', 'public.floor_capture'),
	(5, '+ ocenka''s rules and audit: ocenka.item', 'ocenka.item'))
SELECT format('| %s | %s | %s |', l.label, round(m.tps), round((m.tps / b.tps)::numeric, 3))
FROM l JOIN m ON m.target = l.target, m b WHERE b.target = 'public.plain_item' ORDER BY l.o;
\qecho
\qecho 'The same five pgbench scripts interleaved in one run (pgbench picks one at random for each transaction, so drift hits all alike; median of 3 runs):'
\qecho
\qecho '| table | mean latency ms | tps at that latency | share of the bare table''s |'
\qecho '|---|---|---|---|'
WITH m AS (
	SELECT target, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms
	FROM public.bench_time WHERE what = 'interleaved' GROUP BY target
),
l(o, label, target) AS (VALUES
	(1, 'bare', 'public.plain_item'), (2, '+ primary key', 'public.plain_item_pk'),
	(3, '+ CHECK constraints', 'public.floor_checks'), (4, '+ transition-table capture', 'public.floor_capture'),
	(5, '+ ocenka''s rules and audit: ocenka.item', 'ocenka.item'))
SELECT format('| %s | %s | %s | %s |', l.label, round(m.ms::numeric, 3), round(1000 / m.ms), round((b.ms / m.ms)::numeric, 3))
FROM l JOIN m ON m.target = l.target, m b WHERE b.target = 'public.plain_item' ORDER BY l.o;
\qecho
\qecho 'One-row INSERT transactions in a procedure, COMMIT after each (10,000 per run; median of 3 runs; the server''s cost of a whole transaction without the client''s round trip):'
\qecho
\qecho '| table | µs per transaction | added to the bare table''s |'
\qecho '|---|---|---|'
WITH m AS (
	SELECT target, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS us
	FROM public.bench_time WHERE what = 'committed' GROUP BY target
)
SELECT format('| %s | %s | %s |', m.target, round(m.us::numeric), round((m.us - b.us)::numeric))
FROM m, m b WHERE b.target = 'public.plain_item' ORDER BY m.us;
\qecho
\qecho 'One-row INSERT statements in a PL/pgSQL loop (20,000 per run, one transaction, rolled back; median µs per statement):'
\qecho
\qecho '| item triggers | µs per statement | added by the triggers |'
\qecho '|---|---|---|'
WITH m AS (
	SELECT target, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS us
	FROM public.bench_time WHERE what = 'loop' GROUP BY target
),
l(o, target) AS (VALUES (1, 'no rule or audit trigger'), (2, 'entry rules only'), (3, 'audit only'), (4, 'entry rules and audit'))
SELECT format('| %s | %s | %s |', l.target, round(m.us::numeric, 1), round((m.us - b.us)::numeric, 1))
FROM l JOIN m ON m.target = l.target, m b WHERE b.target = 'no rule or audit trigger' ORDER BY l.o;
\o
\pset format aligned
\pset tuples_only off
-- pgbench's tps: the best is the highest; everything else is a time: the lowest
SELECT what, target, count(*) AS runs, round(CASE WHEN what = 'insert' THEN max(ms) ELSE min(ms) END::numeric, 3) AS best,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::numeric, 3) AS median
FROM public.bench_time GROUP BY what, target ORDER BY what, target;
