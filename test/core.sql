-- pgTAP: the computation core of api.md — examples, SQLSTATEs, and how every function is labelled.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(60);
SET ROLE ocenka_tester;

-- every example of api.md
SELECT is(gradation('3.99'::score), 'proper', 'gradation(3.99) = proper');
SELECT is(gradation(3.995), 'effective', 'gradation(3.995) = effective');
SELECT is(kpi_percent(200, 190), 95::numeric, 'kpi_percent(200, 190) = 95');
SELECT is(kpi_band(97), '[4.75,4.99]'::numrange, 'kpi_band(97) = [4.75,4.99]');
SELECT is(kpi_band(120), '[5,5]'::numrange, 'kpi_band(120) = [5,5]');
SELECT is(kpi_grade_ok(97, '4.80'), true, 'kpi_grade_ok(97, 4.80)');
SELECT is(kpi_default_grade(97), '4.85'::score, 'kpi_default_grade(97) = 4.85');
SELECT is(penalty_cap('reprimand'), '2.99'::score, 'penalty_cap(reprimand) = 2.99');
SELECT is(ranking_score('{5,5,4,5,5}', '{remark}'), '2.99'::score, 'ranking_score({5,5,4,5,5}, {remark}) = 2.99');
SELECT is(meets_expectations(3, 4), true, 'meets_expectations(3, 4)');
SELECT is(kpi_band(97)::text, '[4.75,4.99]', 'kpi_band prints both bounds inclusive');

-- methodology decisions these functions implement
SELECT is(gradation(3.994), 'proper', '§2: 3.994 → 3.99 → proper');
SELECT is(kpi_band(44.99), '[2,2.24]'::numrange, '§3: the seed''s 40–44,49 row is 40–44.99');
SELECT is(kpi_band(45), '[2.25,2.49]'::numrange, '§3: 45 starts the next band');
SELECT is(kpi_percent(10, 0, 'decrease'), 100::numeric, '§3: decrease with actual 0 is 100');
SELECT is(kpi_percent(10, 10, 'decrease'), 100::numeric, '§3: decrease at plan is 100');
SELECT is(kpi_percent(0, 3, 'decrease'), 0::numeric, '§3: decrease over a zero plan is 0');
SELECT is(kpi_percent(10, 12, 'decrease'), 83.33, '§3: decrease over plan is plan / actual');
SELECT is(kpi_percent(100000, 99999), 99.99, '§3: truncated, so 99.999 stays under 100');
SELECT is(kpi_default_grade(100), '5'::score, '§3: default grade at 100 % is 5');
SELECT is(kpi_default_grade(4.99), '0.24'::score, '§3: default grade truncates');
SELECT is(penalty_cap('other'), '1.99'::score, '§4b: other penalties cap at 1.99');
SELECT is(ranking_score('{5,5,5,5,5}', '{remark,demotion}'), '1.99'::score, '§4b: the lowest cap applies');
SELECT is(ranking_score('{4,4,4,3.99}'), '4'::score, '§4b: the mean is rounded before any cap');
SELECT is(ranking_score('{0,0,0,0}'), '0'::score, '§4a: 0 is a valid parameter score');
SELECT is(meets_expectations(5, 7), false, '§8b: 5 of 7 is under 3/4');
SELECT is(meets_expectations(6, 8), true, '§8b: exactly 3/4 meets expectations');
SELECT is(gradation_label('effective', 'kk', 'akmola-2018'), 'өте жақсы', '§2: akmola-2018 has its own words');
SELECT is(gradation_label('effective', 'kk', 'typical-2023'), 'Функционалдық міндеттерін тиімді атқарады', 'kk wording of seed 000 ¶7');
SELECT is(gradation_label('unsatisfactory'), 'Выполняет функциональные обязанности не удовлетворительно', 'ru wording of seed 002 ¶7, default language ru');
SELECT is(gradation_label('proper', 'kk', 'legacy-2021'), 'Функционалдық міндеттерді тиісті түрде орындайды', 'kk wording of seed 000 ¶49');
SELECT is(score_avg(s), '4'::score, 'score_avg rounds 3.995 to 4.00') FROM (VALUES ('4'::score), ('3.99')) t(s);
SELECT is(mean360(a, self), 4.33, 'mean360 leaves self out') FROM (VALUES (5::smallint, false), (4::smallint, false), (4::smallint, false), (1::smallint, true)) t(a, self);
SELECT is(mean360(a, self), NULL, 'mean360 of self only is NULL') FROM (VALUES (5::smallint, true)) t(a, self);

-- every error with its SQLSTATE (data-driven)
SELECT throws_ok(sql, sqlstate, NULL, format('%s → %s', sql, sqlstate))
FROM (VALUES
	('SELECT kpi_percent(200, 190, ''sideways'')', '22023'),
	('SELECT kpi_percent(0, 5)', '22023'),
	('SELECT kpi_percent(-10, 5)', '22023'),
	('SELECT kpi_percent(-10, 5, ''decrease'')', '22023'),
	('SELECT kpi_percent(10, -5)', '22003'),
	('SELECT kpi_percent(''NaN'', 5)', '22023'),
	('SELECT kpi_band(-0.01)', '22003'),
	('SELECT kpi_band(''Infinity'')', '22023'),
	('SELECT kpi_grade_ok(-5, ''0'')', '22003'),
	('SELECT kpi_default_grade(-1)', '22003'),
	('SELECT gradation_label(''proper'', ''de'')', '22023'),
	('SELECT gradation_label(''proper'', ''ru'', ''typical-2024'')', '22023'),
	('SELECT gradation(5.005)', '22003'),
	('SELECT ranking_score(''{}'')', '22023'),
	('SELECT ranking_score(''{5,NULL}'')', '22004'),
	('SELECT ranking_score(''{5}'', ''{NULL}'')', '22004'),
	('SELECT meets_expectations(1, 0)', '22023'),
	('SELECT meets_expectations(5, 4)', '22003'),
	('SELECT mean360(a, false) FROM (VALUES (6::smallint)) t(a)', '22003'),
	('SELECT mean360(a, true) FROM (VALUES (0::smallint)) t(a)', '22003')
) AS t(sql, sqlstate);

-- labelling of api.md's functions: C, STRICT, PARALLEL SAFE, IMMUTABLE unless they read the calendar
-- (test/labels.sql lists the labels of every function of the extension)
SELECT results_eq(
	$$SELECT p.oid::regprocedure::text COLLATE "default", l.lanname::text COLLATE "default", p.provolatile::text COLLATE "default",
	         p.proisstrict, p.proparallel::text COLLATE "default"
	  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
	  WHERE p.pronamespace = 'ocenka'::regnamespace
	    AND p.proname IN ('quarter_of', 'first_day', 'last_day', 'year_of', 'gradation', 'gradation_label',
	                      'kpi_percent', 'kpi_band', 'kpi_grade_ok', 'kpi_default_grade', 'penalty_cap',
	                      'ranking_score', 'meets_expectations', 'is_working_day', 'add_working_days',
	                      'working_days_between')
	  ORDER BY 1$$,
	$$VALUES ('add_working_days(date,integer)', 'c', 's', true, 's'),
	         ('first_day(quarter)', 'c', 'i', true, 's'),
	         ('gradation(numeric)', 'c', 'i', true, 's'),
	         ('gradation(score)', 'c', 'i', true, 's'),
	         ('gradation_label(gradation,text,text)', 'c', 'i', true, 's'),
	         ('is_working_day(date)', 'c', 's', true, 's'),
	         ('kpi_band(numeric)', 'c', 'i', true, 's'),
	         ('kpi_default_grade(numeric)', 'c', 'i', true, 's'),
	         ('kpi_grade_ok(numeric,score)', 'c', 'i', true, 's'),
	         ('kpi_percent(numeric,numeric,text)', 'c', 'i', true, 's'),
	         ('last_day(quarter)', 'c', 'i', true, 's'),
	         ('meets_expectations(integer,integer)', 'c', 'i', true, 's'),
	         ('penalty_cap(penalty_kind)', 'c', 'i', true, 's'),
	         ('quarter_of(date)', 'c', 'i', true, 's'),
	         ('ranking_score(score[],penalty_kind[])', 'c', 'i', true, 's'),
	         ('working_days_between(date,date)', 'c', 's', true, 's'),
	         ('year_of(quarter)', 'c', 'i', true, 's')$$,
	'api.md functions: C, STRICT, PARALLEL SAFE, IMMUTABLE or (calendar) STABLE');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p
                 WHERE p.pronamespace = 'ocenka'::regnamespace AND p.prokind = 'f'
                   AND (p.proname ~ '^(score|quarter)_(in|out|recv|send|eq|ne|lt|le|gt|ge|cmp|hash|hash_extended|sortsupport|larger|smaller|to_numeric|pl_int4|mi_int4|mi_quarter)$'
                        OR p.proname ~ '^(mean|score_avg|mean360)_')
                   AND (p.provolatile <> 'i' OR p.proparallel <> 's')$$,
                'the types'' and aggregates'' support functions are IMMUTABLE and PARALLEL SAFE');
SELECT results_eq($$SELECT a.aggfnoid::regprocedure::text COLLATE "default", a.aggcombinefn::regproc::text COLLATE "default",
                           a.aggserialfn::regproc::text COLLATE "default", p.proparallel::text COLLATE "default"
                    FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
                    WHERE p.proname IN ('score_avg', 'mean360') AND p.pronamespace = 'ocenka'::regnamespace
                    ORDER BY 1$$,
                  $$VALUES ('mean360(smallint,boolean)', 'mean_combine', 'mean_serialize', 's'),
                           ('score_avg(score)', 'mean_combine', 'mean_serialize', 's')$$,
                  'both aggregates have combine and serial functions and are PARALLEL SAFE');
SELECT is_empty($$SELECT o.oid::regclass FROM pg_class o
                 WHERE o.relnamespace = 'ocenka'::regnamespace AND o.relkind IN ('r', 'v', 'm', 'f', 'p')
                   AND obj_description(o.oid, 'pg_class') IS NULL$$,
                'every table and view has a COMMENT');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p
                 WHERE p.pronamespace = 'ocenka'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL$$,
                'every function has a COMMENT');
SELECT is_empty($$SELECT t.oid::regtype FROM pg_type t
                 WHERE t.typnamespace = 'ocenka'::regnamespace AND t.typtype IN ('b', 'e', 'd', 'c', 'r')
                   AND t.typrelid = 0 AND t.typcategory <> 'A' AND obj_description(t.oid, 'pg_type') IS NULL$$,
                'every type has a COMMENT');

SELECT * FROM finish();
ROLLBACK;
