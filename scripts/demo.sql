-- The demo: what ocenka does, on its own types.
\pset footer off
CREATE EXTENSION ocenka;
SET search_path = ocenka, public;

\echo
\echo '== Scores are exact, two decimals, 0 … 5'
SELECT input, input::score AS score FROM (VALUES ('4'), ('4.5'), ('3.99')) AS t(input);
SELECT (4.555::numeric)::score AS "4.555 rounded half away from zero";

\echo '== Quarters are a type with arithmetic'
SELECT '2026-q3'::quarter AS quarter, '2026-Q3'::quarter + 2 AS "two later",
       first_day('2026-Q3'), last_day('2026-Q3'), '2026-Q3'::quarter - '2025-Q1' AS "quarters since 2025-Q1";

\echo '== Bad input never gets in'
\set ON_ERROR_STOP 0
SELECT '4.555'::score;
SELECT '2026-Q5'::quarter;
\set ON_ERROR_STOP 1
