-- Gradation, labels, KPI, caps, ranking and the 3/4 rule: every api.md example, every decision, every error.
SET search_path = ocenka, public;
\set SHOW_CONTEXT never

-- api.md examples
SELECT gradation('3.99'::score) AS "gradation('3.99')", gradation(3.995) AS "gradation(3.995)",
       kpi_percent(200, 190) AS "kpi_percent(200, 190)", kpi_band(97) AS "kpi_band(97)",
       kpi_band(120) AS "kpi_band(120)", kpi_grade_ok(97, '4.80') AS "kpi_grade_ok(97, '4.80')",
       kpi_default_grade(97) AS "kpi_default_grade(97)", penalty_cap('reprimand') AS "penalty_cap('reprimand')",
       ranking_score('{5,5,4,5,5}', '{remark}') AS "ranking_score",
       meets_expectations(3, 4) AS "meets_expectations(3, 4)";

-- §2: band edges, and rounding of means before the band is read
SELECT s, gradation(s) FROM (VALUES ('0'::score), ('1.99'), ('2'), ('2.99'), ('3'), ('3.99'), ('4'), ('5')) AS t(s);
SELECT n, gradation(n) FROM (VALUES (3.995), (3.994), (1.995), (1.9949), (2.995), (0), (5.004)) AS t(n);
SELECT gradation(5.005);
SELECT gradation(-0.005);
SELECT gradation('NaN'::numeric);

-- labels: every methodology, language and level
SELECT m AS methodology, l AS lang, g AS level, gradation_label(g, l, m)
FROM unnest(ARRAY['typical-2023', 'wko-2026', 'akmola-2018', 'vsk-2018', 'legacy-2021']) WITH ORDINALITY AS mm(m, mo),
     unnest(ARRAY['kk', 'ru', 'en']) WITH ORDINALITY AS ll(l, lo),
     unnest(enum_range(NULL::gradation)) AS g
ORDER BY mo, lo, g DESC;
SELECT gradation_label('proper') AS default_ru_typical;
SELECT gradation_label('proper', 'de');
SELECT gradation_label('proper', 'ru', 'typical-2024');

-- §3 KPI percentage: both directions and their zero cases; truncated, not rounded
SELECT plan, actual, direction, kpi_percent(plan, actual, direction)
FROM (VALUES (200, 190, 'increase'), (200, 250, 'increase'), (3, 1, 'increase'), (3, 2, 'increase'),
             (100, 0, 'increase'), (100000, 99999, 'increase'), (10, 12, 'decrease'), (10, 10, 'decrease'),
             (10, 5, 'decrease'), (10, 0, 'decrease'), (0, 0, 'decrease'), (0, 3, 'decrease'),
             (3, 4, 'decrease')) AS t(plan, actual, direction);
SELECT kpi_percent(200, 190, 'sideways');
SELECT kpi_percent(0, 5);
SELECT kpi_percent(-10, 5);
SELECT kpi_percent(-10, 5, 'decrease');
SELECT kpi_percent(10, -5);
SELECT kpi_percent(10, -5, 'decrease');
SELECT kpi_percent('NaN', 5);

-- §3 appendix 3: every band edge, including the decided 40–44.99 row
SELECT p, kpi_band(p), kpi_default_grade(p)
FROM (VALUES (0), (4.99), (5), (9.99), (39.99), (40), (44.49), (44.5), (44.99), (45), (94.99), (95),
             (99.99), (100), (120), (1000000)) AS t(p);
SELECT kpi_band(-0.01);
SELECT kpi_band('NaN');
SELECT kpi_default_grade(-1);
SELECT p, g, kpi_grade_ok(p, g)
FROM (VALUES (97, '4.75'::score), (97, '4.99'), (97, '4.74'), (97, '5'), (100, '5'), (100, '4.99'),
             (44.99, '2.24'), (44.99, '2.25'), (0, '0'), (0, '0.25')) AS t(p, g);
SELECT kpi_grade_ok(-5, '0');

-- §4b caps: every kind; the cap applies to the rounded mean, the lowest cap wins
SELECT k, penalty_cap(k) FROM unnest(enum_range(NULL::penalty_kind)) AS k;
SELECT ranking_score('{5,5,5,5,5}') AS no_penalty,
       ranking_score('{5,5,5,5,5}', '{remark}') AS remark,
       ranking_score('{5,5,5,5,5}', '{remark,demotion}') AS remark_and_demotion,
       ranking_score('{1,1,1,1,1}', '{dismissal}') AS below_cap,
       ranking_score('{3,3,3,2.99}') AS rounded_mean,
       ranking_score('{4,4,4,3.99}') AS "3.9975 → 4.00",
       ranking_score('{0.01,0}') AS "0.005 → 0.01";
SELECT ranking_score('{}');
SELECT ranking_score('{5,NULL,4}');
SELECT ranking_score('{5,4}', '{remark,NULL}');

-- §8b the 3/4 rule, exact
SELECT o, t, meets_expectations(o, t)
FROM (VALUES (3, 4), (2, 4), (8, 10), (7, 10), (0, 1), (1, 1), (6, 8), (5, 7), (6, 7)) AS v(o, t);
SELECT meets_expectations(1, 0);
SELECT meets_expectations(5, 4);
SELECT meets_expectations(-1, 4);

-- issue 14: a percentage of 17 or more integer digits is truncated to two decimals too, never rounded
SELECT plan, actual, kpi_percent(plan, actual)
FROM (VALUES (3, 2e15), (3, 2e16), (3, 2e30), (7, 1e40), (3, 2000000000000000.000000000000001),
             (3e-20, 2), (3, 1e-30), (9, 6e60)) AS t(plan, actual);
