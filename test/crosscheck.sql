-- pgTAP: the C core against a plain-SQL reference over generated inputs; every check expects zero differences.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(9);
SET ROLE ocenka_tester;
SELECT setseed(0.2026);

-- The reference, written from methodology.md alone, in plain SQL.
CREATE FUNCTION pg_temp.ref_gradation(m numeric) RETURNS ocenka.gradation LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN round(m, 2) >= 4 THEN 'effective' WHEN round(m, 2) >= 3 THEN 'proper'
	            WHEN round(m, 2) >= 2 THEN 'satisfactory' ELSE 'unsatisfactory' END::ocenka.gradation $$;
CREATE FUNCTION pg_temp.ref_kpi_band(p numeric) RETURNS numrange LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN p >= 100 THEN numrange(5, 5, '[]')
	            ELSE numrange(0.25 * floor(p / 5), 0.25 * floor(p / 5) + 0.24, '[]') END $$;
CREATE FUNCTION pg_temp.ref_cap(k ocenka.penalty_kind) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN k IN ('remark', 'reprimand', 'severe_reprimand') THEN 2.99 ELSE 1.99 END $$;
CREATE FUNCTION pg_temp.ref_ranking(s numeric[], k ocenka.penalty_kind[]) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
	SELECT least((SELECT round(avg(x), 2) FROM unnest(s) x),
	             (SELECT min(pg_temp.ref_cap(c)) FROM unnest(k) c)) $$;

-- every score 0.00 … 5.00
SELECT is_empty($$SELECT s FROM generate_series(0, 500) i, LATERAL (SELECT (i / 100.0)::ocenka.score AS s) x
                 WHERE ocenka.gradation(s) <> pg_temp.ref_gradation(s)$$,
                'gradation(score) matches the reference for every score 0.00 … 5.00');
-- every mean with three decimals 0.000 … 5.004, rounded first
SELECT is_empty($$SELECT m FROM generate_series(0, 5004) i, LATERAL (SELECT i / 1000.0 AS m) x
                 WHERE ocenka.gradation(m) <> pg_temp.ref_gradation(m)$$,
                'gradation(numeric) matches the reference for every mean 0.000 … 5.004');
-- every percentage 0 … 120 in steps of 0.01
SELECT is_empty($$SELECT p FROM generate_series(0, 12000) i, LATERAL (SELECT i / 100.0 AS p) x
                 WHERE ocenka.kpi_band(p) <> pg_temp.ref_kpi_band(p)$$,
                'kpi_band matches the reference for every percentage 0.00 … 120.00');
SELECT is_empty($$SELECT p FROM generate_series(0, 12000) i, LATERAL (SELECT i / 100.0 AS p) x
                 WHERE ocenka.kpi_default_grade(p) <> trunc(least(p, 100) / 20, 2)
                    OR NOT ocenka.kpi_grade_ok(p, ocenka.kpi_default_grade(p))$$,
                'kpi_default_grade matches trunc(min(p, 100) / 20, 2) and lies in its band, 0.00 … 120.00');
SELECT is_empty($$SELECT p, g FROM generate_series(0, 12000, 7) i, generate_series(0, 500, 3) j,
                   LATERAL (SELECT i / 100.0 AS p, (j / 100.0)::ocenka.score AS g) x
                 WHERE ocenka.kpi_grade_ok(p, g) <> (g::numeric <@ pg_temp.ref_kpi_band(p))$$,
                'kpi_grade_ok matches membership in the reference band over a grid of percentages and grades');
-- kpi_percent against the naive formula, on random integer plans and actuals
SELECT is_empty($$SELECT plan, actual FROM (SELECT (1 + floor(random() * 1000))::numeric AS plan, floor(random() * 1500)::numeric AS actual
                                            FROM generate_series(1, 20000)) r
                 WHERE ocenka.kpi_percent(plan, actual) <> trunc(actual * 100 / plan, 2)
                    OR ocenka.kpi_percent(plan, actual, 'decrease')
                       <> CASE WHEN actual <= plan THEN 100 ELSE trunc(plan * 100 / actual, 2) END$$,
                'kpi_percent matches the formulas of §3 on 20,000 random plans and actuals');

-- thousands of random score arrays with random penalties
CREATE TEMP TABLE sheets AS
SELECT i,
       ARRAY(SELECT floor(random() * 501)::int / 100.0 FROM generate_series(1, 1 + (random() * 6)::int + i % 1)) AS s,
       ARRAY(SELECT (enum_range(NULL::ocenka.penalty_kind))[1 + floor(random() * 7)::int]
             FROM generate_series(1, (random() * 3)::int + i % 1)) AS k
FROM generate_series(1, 10000) i;
SELECT ok((SELECT count(*) FROM sheets WHERE cardinality(k) > 1 AND cardinality(s) > 1) > 1000
          AND (SELECT count(*) FROM sheets WHERE cardinality(k) = 0) > 1000,
          'the random sheets include thousands with several penalties and thousands with none');
SELECT is_empty($$SELECT i, s, k FROM sheets
                 WHERE ocenka.ranking_score(s::ocenka.score[], k)::numeric <> pg_temp.ref_ranking(s, k)$$,
                'ranking_score matches the reference on 10,000 random sheets with random penalties');
-- the aggregates against avg() over random groups
SELECT is_empty($$WITH r AS (SELECT g, floor(random() * 501)::numeric / 100 AS s, (1 + floor(random() * 5))::smallint AS a,
                                   random() < 0.15 AS self
                            FROM generate_series(1, 50000) i, LATERAL (SELECT i % 997 AS g) x)
                 SELECT g FROM r GROUP BY g
                 HAVING ocenka.score_avg(s::ocenka.score)::numeric <> round(avg(s), 2)
                     OR ocenka.mean360(a, self) IS DISTINCT FROM round(avg(a) FILTER (WHERE NOT self), 2)$$,
                'score_avg and mean360 match round(avg(), 2) on 997 random groups of 50,000 rows');

SELECT * FROM finish();
ROLLBACK;
