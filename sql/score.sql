-- ocenka.score: text forms, casts, rounding, comparisons and every input error (api.md "Types").
SET search_path = ocenka, public;
SET datestyle = ISO;
\set SHOW_CONTEXT never

-- accepted text forms; output always has two decimals
SELECT input, input::score AS score
FROM (VALUES ('4'), ('4.5'), ('4.50'), ('0'), ('0.00'), ('5'), ('5.00'), ('3.99'),
             (' 3.07 '), ('+2.1'), ('.5'), ('5.'), ('-0'), ('0004.25')) AS t(input);

-- malformed or more than two decimals: 22P02
SELECT '4.555'::score;
SELECT '4.500'::score;
SELECT ''::score;
SELECT ' '::score;
SELECT 'abc'::score;
SELECT '4,5'::score;
SELECT '4.5.0'::score;
SELECT '1e0'::score;
SELECT 'NaN'::score;
SELECT '.'::score;
SELECT '- 1'::score;
-- out of range: 22003
SELECT '5.01'::score;
SELECT '6'::score;
SELECT '-1'::score;
SELECT '-0.01'::score;
SELECT '99999999999999999999999'::score;

-- score → numeric is implicit and exact
SELECT '4.5'::score + 1 AS plus_one, pg_typeof('4.5'::score + 1);
SELECT '3.07'::score::numeric AS as_numeric;

-- numeric → score rounds half away from zero to two decimals, then range-checks
SELECT n, n::score AS score
FROM (VALUES (4.555), (4.554), (4.545), (3.995), (3.994), (5.004), (0.004), (-0.004), (2), (0)) AS t(n);
SELECT (4.555::numeric)::score;
SELECT 5.005::score;
SELECT (-0.005)::score;
SELECT 'NaN'::numeric::score;
SELECT 'Infinity'::numeric::score;
-- integer → score
SELECT 3::score, 0::score, 5::score;
SELECT 6::score;
SELECT (-1)::score;
-- assignment casts apply on INSERT
CREATE TEMP TABLE grades (g score);
INSERT INTO grades VALUES (4), (4.555), ('3.5'), (2.004);
SELECT g FROM grades ORDER BY g;
INSERT INTO grades VALUES (7);
SELECT count(*) FROM grades;

-- comparisons, ordering, hashing
SELECT '4.50'::score = '4.5'::score AS eq, '4.5'::score <> '4.51'::score AS ne,
       '1.99'::score < '2'::score AS lt, '2'::score <= '2.00'::score AS le,
       '5'::score > '4.99'::score AS gt, '0'::score >= '0'::score AS ge;
SELECT g, count(*) FROM (VALUES ('4.5'::score), ('4.50'), ('3'), ('3.00'), ('0')) AS t(g)
GROUP BY g ORDER BY g DESC;
SELECT min(g), max(g) FROM grades;
CREATE TEMP TABLE indexed (g score PRIMARY KEY);
INSERT INTO indexed SELECT (i::numeric / 100)::score FROM generate_series(0, 500) i;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM indexed WHERE g = '4.25';
SELECT * FROM indexed WHERE g BETWEEN '4.98' AND '5';
RESET enable_seqscan;
SELECT count(DISTINCT g) FROM indexed;

-- the type is fixed-size and passed by value
SELECT typname, typlen, typbyval, typalign FROM pg_type
WHERE typname = 'score' AND typnamespace = 'ocenka'::regnamespace;
