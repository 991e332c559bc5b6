-- ocenka.quarter: text forms, arithmetic, calendar functions and every input error (api.md "Types").
SET search_path = ocenka, public;
SET datestyle = ISO;
\set SHOW_CONTEXT never

SELECT input, input::quarter AS quarter
FROM (VALUES ('2026-Q1'), ('2026-q3'), ('1900-Q1'), ('9999-Q4'), (' 2024-Q2 ')) AS t(input);

-- anything else: 22P02
SELECT '2026-Q5'::quarter;
SELECT '2026-Q0'::quarter;
SELECT '1899-Q4'::quarter;
SELECT '10000-Q1'::quarter;
SELECT '2026Q1'::quarter;
SELECT '2026-1'::quarter;
SELECT '26-Q1'::quarter;
SELECT '2026-Q1x'::quarter;
SELECT '2026-Q10'::quarter;
SELECT ''::quarter;

-- arithmetic
SELECT '2026-Q4'::quarter + 1 AS next, 1 + '2026-Q4'::quarter AS next_commuted,
       '2026-Q1'::quarter - 1 AS previous, '2026-Q3'::quarter - 6 AS six_back,
       '2026-Q3'::quarter - '2024-Q4'::quarter AS between_quarters,
       '2024-Q4'::quarter - '2026-Q3'::quarter AS negative;
SELECT '9999-Q4'::quarter + 1;
SELECT '1900-Q1'::quarter - 1;
SELECT '2026-Q1'::quarter + 2147483647;

-- calendar functions
SELECT quarter_of('2026-05-05') AS q, first_day('2026-Q1'), last_day('2026-Q1'),
       last_day('2024-Q1') AS leap_q1, last_day('2026-Q2'), last_day('2026-Q4'),
       year_of('2026-Q3'), quarter_number('2026-Q3');
SELECT d, quarter_of(d) FROM (VALUES (date '2026-01-01'), ('2026-03-31'), ('2026-04-01'),
                                      ('2026-09-30'), ('2026-10-01'), ('2026-12-31')) AS t(d);
SELECT quarter_of('1899-12-31');
SELECT quarter_of('infinity');
SELECT make_quarter(2026, 2);
SELECT make_quarter(2026, 5);

-- comparisons, ordering, grouping
SELECT '2026-Q1'::quarter < '2026-Q2' AS lt, '2025-Q4'::quarter < '2026-Q1' AS across_years,
       '2026-q2'::quarter = '2026-Q2' AS eq, '2026-Q2'::quarter >= '2026-Q2' AS ge;
SELECT q, count(*) FROM (VALUES ('2026-Q2'::quarter), ('2026-q2'), ('2025-Q4'), ('2027-Q1')) AS t(q)
GROUP BY q ORDER BY q;
SELECT min(q), max(q) FROM (VALUES ('2026-Q2'::quarter), ('2025-Q4'), ('2027-Q1')) AS t(q);
CREATE TEMP TABLE periods (q quarter PRIMARY KEY);
INSERT INTO periods SELECT '2018-Q1'::quarter + i FROM generate_series(0, 40) i;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM periods WHERE q = '2026-Q1';
SELECT * FROM periods WHERE q > '2027-Q3';
RESET enable_seqscan;

SELECT typname, typlen, typbyval, typalign FROM pg_type
WHERE typname = 'quarter' AND typnamespace = 'ocenka'::regnamespace;
