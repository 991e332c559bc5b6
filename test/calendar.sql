-- pgTAP: the working-day calendar of methodology §10 — the table, function properties, the shipped
-- rule against a plain-SQL reference for 2018–2027, the administrator's exceptions, SQLSTATEs.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(58);

-- The reference calendar in plain SQL, built as the superuser that runs the suite.
-- Kazakhstan's fixed public holidays, year-aware (the set changed in 2022).
CREATE TEMP TABLE ref_fixed AS
SELECT make_date(y, h.m, h.d) AS day, h.carries
FROM generate_series(2018, 2027) AS y
CROSS JOIN (VALUES (1, 1, true, 1900, 9999), (1, 2, true, 1900, 9999), (1, 7, false, 1900, 9999),
                   (3, 8, true, 1900, 9999), (3, 21, true, 1900, 9999), (3, 22, true, 1900, 9999),
                   (3, 23, true, 1900, 9999), (5, 1, true, 1900, 9999), (5, 7, true, 1900, 9999),
                   (5, 9, true, 1900, 9999), (7, 6, true, 1900, 9999), (8, 30, true, 1900, 9999),
                   (10, 25, true, 2022, 9999), (12, 1, true, 1900, 2021), (12, 16, true, 1900, 9999),
                   (12, 17, true, 1900, 2021)) AS h(m, d, carries, first_year, last_year)
WHERE y BETWEEN h.first_year AND h.last_year;
-- A weekend holiday (not 7 January) gives its day off to the first weekday that is no fixed
-- holiday, after both the holiday and the day off carried by the year's previous weekend holiday.
CREATE TEMP TABLE ref_carried AS
WITH RECURSIVE weekend AS (
	SELECT day, extract(year FROM day) AS y, row_number() OVER (PARTITION BY extract(year FROM day) ORDER BY day) AS rn
	FROM ref_fixed WHERE carries AND extract(isodow FROM day) >= 6
), carried (y, rn, day_off) AS (
	SELECT w.y, w.rn, (SELECT min(c)::date FROM generate_series(w.day + 1, w.day + 14, interval '1 day') AS c
	                   WHERE extract(isodow FROM c) < 6 AND c::date NOT IN (SELECT day FROM ref_fixed))
	FROM weekend AS w WHERE w.rn = 1
	UNION ALL
	SELECT w.y, w.rn, (SELECT min(c)::date
	                   FROM generate_series(greatest(w.day, p.day_off) + 1, greatest(w.day, p.day_off) + 14, interval '1 day') AS c
	                   WHERE extract(isodow FROM c) < 6 AND c::date NOT IN (SELECT day FROM ref_fixed))
	FROM carried AS p JOIN weekend AS w ON w.y = p.y AND w.rn = p.rn + 1
)
SELECT day_off FROM carried;
CREATE TEMP TABLE ref AS
SELECT d::date AS day,
       extract(isodow FROM d) < 6 AND d::date NOT IN (SELECT day FROM ref_fixed)
       AND d::date NOT IN (SELECT day_off FROM ref_carried) AS working
FROM generate_series(date '2018-01-01', date '2027-12-31', interval '1 day') AS d;
SELECT setseed(0.2026);
CREATE TEMP TABLE pairs AS
SELECT date '2018-01-01' + (random() * 3651)::int AS a, date '2018-01-01' + (random() * 3651)::int AS b
FROM generate_series(1, 400);
CREATE TEMP TABLE steps AS
SELECT date '2018-01-01' + (random() * 3000)::int AS a, (random() * 300)::int AS n
FROM generate_series(1, 400);
GRANT SELECT ON ref_fixed, ref_carried, ref, pairs, steps TO PUBLIC;

-- everything below runs as an ordinary role, except writing the administrator's table
SET ROLE ocenka_tester;

-- the table
SELECT has_table('ocenka', 'calendar', 'table ocenka.calendar exists');
SELECT columns_are('ocenka', 'calendar', ARRAY['day', 'is_working', 'reason'], 'ocenka.calendar has day, is_working, reason');
SELECT col_type_is('ocenka', 'calendar', 'day', 'date', 'calendar.day is a date');
SELECT col_type_is('ocenka', 'calendar', 'is_working', 'boolean', 'calendar.is_working is a boolean');
SELECT col_type_is('ocenka', 'calendar', 'reason', 'text', 'calendar.reason is text');
SELECT col_not_null('ocenka', 'calendar', 'is_working', 'calendar.is_working is NOT NULL');
SELECT col_not_null('ocenka', 'calendar', 'reason', 'calendar.reason is NOT NULL');
SELECT col_is_pk('ocenka', 'calendar', 'day', 'calendar.day is the primary key');
SELECT ok((SELECT 'ocenka.calendar'::regclass = ANY (extconfig) FROM pg_extension WHERE extname = 'ocenka'),
          'ocenka.calendar is registered with pg_extension_config_dump, so pg_dump keeps its rows');
SELECT table_privs_are('ocenka', 'calendar', 'ocenka_tester', ARRAY['SELECT'],
                       'an ordinary role may read the calendar and nothing more');
SELECT is((SELECT count(*) FROM ocenka.calendar), 0::bigint, 'the extension ships no rows');
SELECT trigger_is('ocenka', 'calendar', 'calendar_changed', 'ocenka', 'calendar_changed',
                  'trigger calendar_changed runs ocenka.calendar_changed()');
-- tgtype: INSERT 4 + DELETE 8 + UPDATE 16 + TRUNCATE 32, neither ROW (1) nor BEFORE (2)
SELECT is((SELECT tgtype::int FROM pg_trigger WHERE tgrelid = 'ocenka.calendar'::regclass AND tgname = 'calendar_changed'),
          60, 'the trigger fires AFTER INSERT, UPDATE, DELETE and TRUNCATE, once per statement');
SELECT is((SELECT tgenabled::text FROM pg_trigger WHERE tgrelid = 'ocenka.calendar'::regclass AND tgname = 'calendar_changed'),
          'A', 'the trigger fires ALWAYS, also for changes logical replication applies');

-- the functions
SELECT function_returns('ocenka', 'is_working_day', ARRAY['date'], 'boolean', 'is_working_day(date) returns boolean');
SELECT function_returns('ocenka', 'add_working_days', ARRAY['date', 'integer'], 'date',
                        'add_working_days(date, integer) returns date');
SELECT function_returns('ocenka', 'working_days_between', ARRAY['date', 'date'], 'integer',
                        'working_days_between(date, date) returns integer');
SELECT results_eq(
	$$SELECT proname::text COLLATE "default", provolatile::text, proisstrict, proparallel::text, l.lanname::text COLLATE "default"
	  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
	  WHERE pronamespace = 'ocenka'::regnamespace
	    AND proname IN ('is_working_day', 'add_working_days', 'working_days_between') ORDER BY proname$$,
	$$VALUES ('add_working_days', 's', true, 's', 'c'), ('is_working_day', 's', true, 's', 'c'),
	         ('working_days_between', 's', true, 's', 'c')$$,
	'the three functions are C, STABLE, STRICT and PARALLEL SAFE');
SELECT is_empty(
	$$SELECT o FROM (VALUES ('ocenka.calendar'::regclass::oid, 'pg_class'),
	                        ('ocenka.is_working_day(date)'::regprocedure, 'pg_proc'),
	                        ('ocenka.add_working_days(date, integer)'::regprocedure, 'pg_proc'),
	                        ('ocenka.working_days_between(date, date)'::regprocedure, 'pg_proc'),
	                        ('ocenka.calendar_changed()'::regprocedure, 'pg_proc')) AS t(o, catalog)
	  WHERE obj_description(o, catalog) IS NULL
	  UNION ALL
	  SELECT attnum::oid FROM pg_attribute
	  WHERE attrelid = 'ocenka.calendar'::regclass AND attnum > 0 AND col_description(attrelid, attnum) IS NULL$$,
	'the table, its columns and the functions carry comments');

-- the shipped rule
SELECT results_eq(
	$$SELECT d::date, is_working_day(d::date) FROM generate_series(date '2026-03-20', date '2026-03-26', interval '1 day') AS d$$,
	$$VALUES (date '2026-03-20', true), ('2026-03-21', false), ('2026-03-22', false), ('2026-03-23', false),
	         ('2026-03-24', false), ('2026-03-25', false), ('2026-03-26', true)$$,
	'Nauryz 2026 (Sat 21 – Mon 23 March): 23, 24 and 25 March are days off, 26 March is a working day');
SELECT results_eq(
	$$SELECT d, is_working_day(d) FROM unnest(ARRAY[date '2020-03-23', '2020-03-24', '2020-03-25', '2020-03-26']) AS d$$,
	$$VALUES (date '2020-03-23', false), ('2020-03-24', false), ('2020-03-25', false), ('2020-03-26', true)$$,
	'Nauryz 2020 (Sat 21 – Mon 23 March): days off on 24 and 25 March (§10)');
SELECT results_eq(
	$$SELECT d, is_working_day(d) FROM unnest(ARRAY[date '2022-01-03', '2022-01-04', '2022-01-05',
	                                                 '2023-01-02', '2023-01-03', '2023-01-04']) AS d$$,
	$$VALUES (date '2022-01-03', false), ('2022-01-04', false), ('2022-01-05', true),
	         ('2023-01-02', false), ('2023-01-03', false), ('2023-01-04', true)$$,
	'New Year: Sat 1 and Sun 2 January 2022 give 3 and 4 January; Sun 1 January 2023 gives 3 January, past the holiday on the 2nd');
SELECT results_eq(
	$$SELECT d, is_working_day(d) FROM unnest(ARRAY[date '2024-01-07', '2024-01-08', '2023-01-07', '2023-01-09']) AS d$$,
	$$VALUES (date '2024-01-07', false), ('2024-01-08', true), ('2023-01-07', false), ('2023-01-09', true)$$,
	'7 January (Orthodox Christmas) on a weekend never carries a day off over');
SELECT results_eq(
	$$SELECT d, is_working_day(d) FROM unnest(ARRAY[date '2020-10-26', '2021-10-25', '2022-10-25', '2021-12-01',
	                                                 '2022-12-01', '2021-12-17', '2018-12-17', '2018-12-18', '2022-12-16']) AS d$$,
	$$VALUES (date '2020-10-26', true), ('2021-10-25', true), ('2022-10-25', false), ('2021-12-01', false),
	         ('2022-12-01', true), ('2021-12-17', false), ('2018-12-17', false), ('2018-12-18', false),
	         ('2022-12-16', false)$$,
	'the 2022 change: 25 October a holiday only from 2022, 1 and 17 December only until 2021');

-- every day of 2018–2027 against the plain-SQL reference
SELECT is((SELECT count(*) FROM ref), 3652::bigint, 'the reference covers the 3652 days of 2018–2027');
SELECT is((SELECT count(*) FROM ref_carried), 39::bigint, 'the reference carries 39 days off in 2018–2027');
SELECT is_empty($$SELECT day, working FROM ref WHERE working IS DISTINCT FROM is_working_day(day)$$,
                'is_working_day agrees with the plain-SQL reference on every day of 2018–2027');
SELECT is_empty(
	$$SELECT a, b FROM pairs
	  WHERE working_days_between(a, b) <> (SELECT count(*) FROM ref WHERE day > a AND day <= b AND working)$$,
	'working_days_between agrees with a count over the reference for 400 random pairs (either order)');
SELECT is_empty(
	$$SELECT a, n FROM steps
	  WHERE add_working_days(a, n) IS DISTINCT FROM CASE
	        WHEN n = 0 THEN (SELECT min(day) FROM ref WHERE working AND day >= a)
	        ELSE (SELECT day FROM ref WHERE working AND day > a ORDER BY day OFFSET n - 1 LIMIT 1) END$$,
	'add_working_days agrees with the reference for 400 random starts and n of 0 … 300');

-- add_working_days and working_days_between
SELECT is(add_working_days('2026-03-20', 1), date '2026-03-26', 'the working day after Friday 20 March 2026 is Thursday 26 March');
SELECT is(add_working_days('2026-03-23', 0), date '2026-03-26', 'n = 0 on a holiday gives the next working day');
SELECT is(add_working_days('2026-03-26', 0), date '2026-03-26', 'n = 0 on a working day gives the day itself');
SELECT is(add_working_days('2025-12-31', 3), date '2026-01-08', 'across the year end, past 1, 2 and 7 January');
SELECT is(working_days_between('2025-12-31', '2026-01-08'), 3, 'three working days in (2025-12-31, 2026-01-08]');
SELECT is(working_days_between('2026-03-26', '2026-03-20'), 0, 'b before a gives 0');

-- the administrator's rows take effect at once in the same session
RESET ROLE;
INSERT INTO ocenka.calendar VALUES ('2026-05-27', false, 'Kurban Ait'),
	('2026-03-28', true, 'working Saturday'),
	('2026-03-27', false, 'day off transferred from Saturday 2026-03-28');
SET ROLE ocenka_tester;
SELECT is(is_working_day('2026-05-27'), false, 'Kurban Ait 2026 entered as a day off is seen at once');
SELECT is(add_working_days('2026-05-26', 1), date '2026-05-28', 'add_working_days skips the entered day off');
SELECT is(working_days_between('2026-05-25', '2026-05-29'), 3, 'working_days_between skips the entered day off');
SELECT is(is_working_day('2026-03-28'), true, 'a declared working Saturday is a working day');
SELECT is(add_working_days('2026-03-26', 1), date '2026-03-28', 'the transfer moves the next working day to the Saturday');

-- a rolled-back change is forgotten; pgTAP's own bookkeeping must not sit inside the savepoint
RESET ROLE;
SAVEPOINT s;
INSERT INTO ocenka.calendar VALUES ('2026-06-01', false, 'test');
UPDATE ocenka.calendar SET is_working = true WHERE day = '2026-05-27';
SET ROLE ocenka_tester;
SELECT is_working_day('2026-06-01') AS june_1_inside, is_working_day('2026-05-27') AS kurban_ait_inside \gset
ROLLBACK TO SAVEPOINT s;
SET ROLE ocenka_tester;
SELECT is(:'june_1_inside'::boolean, false, 'inside the savepoint the new day off is seen');
SELECT is(:'kurban_ait_inside'::boolean, true, 'inside the savepoint the updated row is seen');
SELECT is(is_working_day('2026-06-01'), true, 'after ROLLBACK TO SAVEPOINT the inserted day off is gone');
SELECT is(is_working_day('2026-05-27'), false, 'after ROLLBACK TO SAVEPOINT the updated row is back');

-- removing the rows reverts to the rule
RESET ROLE;
DELETE FROM ocenka.calendar;
SET ROLE ocenka_tester;
SELECT is(is_working_day('2026-05-27'), true, 'with its row deleted, 27 May 2026 is a working day again');

-- a row applied as a replica (logical replication) reaches the cache as one entered here does
RESET ROLE;
SET session_replication_role = replica;
INSERT INTO ocenka.calendar VALUES ('2026-05-27', false, 'Kurban Ait');
RESET session_replication_role;
SET ROLE ocenka_tester;
SELECT is(is_working_day('2026-05-27'), false, 'a day off applied as a replica is seen at once');
RESET ROLE;
DELETE FROM ocenka.calendar;
SET ROLE ocenka_tester;

-- errors, with their SQLSTATEs
SELECT throws_ok(statement, sqlstate, NULL, format('%s fails with %s', statement, sqlstate))
FROM (VALUES
	('SELECT ocenka.add_working_days(''2026-01-01'', -3)', '22023'),
	('SELECT ocenka.add_working_days(''2026-01-01'', -2147483648)', '22023'),
	('SELECT ocenka.add_working_days(''9999-12-31'', 1)', '22008'),
	('SELECT ocenka.add_working_days(''2026-01-01'', 2147483647)', '22008'),
	('SELECT ocenka.add_working_days(''infinity'', 1)', '22008'),
	('SELECT ocenka.is_working_day(''1899-12-31'')', '22008'),
	('SELECT ocenka.is_working_day(''10000-01-01'')', '22008'),
	('SELECT ocenka.is_working_day(''infinity'')', '22008'),
	('SELECT ocenka.is_working_day(''-infinity'')', '22008'),
	('SELECT ocenka.working_days_between(''1899-12-31'', ''2026-01-01'')', '22008'),
	('SELECT ocenka.working_days_between(''2026-01-01'', ''infinity'')', '22008'),
	('INSERT INTO ocenka.calendar VALUES (''2026-05-27'', false, ''Kurban Ait'')', '42501')
) AS t(statement, sqlstate);

SELECT * FROM finish();
ROLLBACK;
