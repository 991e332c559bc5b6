-- The working-day calendar (methodology §10): the shipped rule, the administrator's exceptions,
-- add_working_days, working_days_between and every error.
SET search_path = ocenka, public;
SET datestyle = ISO;
\set SHOW_CONTEXT never

-- the examples of §10 and of the design brief
SELECT d, to_char(d, 'Dy') AS dow, is_working_day(d) AS working, why
FROM (VALUES
	(date '2026-03-20', 'Friday before Nauryz 2026'),
	('2026-03-21', 'Nauryz, Saturday'),
	('2026-03-22', 'Nauryz, Sunday'),
	('2026-03-23', 'Nauryz, Monday'),
	('2026-03-24', 'carried from Saturday 21 March'),
	('2026-03-25', 'carried from Sunday 22 March'),
	('2026-03-26', 'working again'),
	('2020-03-23', 'Nauryz 2020, Monday'),
	('2020-03-24', 'carried from Saturday 21 March 2020'),
	('2020-03-25', 'carried from Sunday 22 March 2020'),
	('2020-03-26', 'working again'),
	('2022-01-03', 'carried from Saturday 1 January 2022'),
	('2022-01-04', 'carried from Sunday 2 January 2022'),
	('2022-01-05', 'working again'),
	('2023-01-02', '2 January is a holiday itself'),
	('2023-01-03', 'carried from Sunday 1 January 2023'),
	('2023-01-04', 'working again'),
	('2024-01-07', 'Orthodox Christmas on a Sunday'),
	('2024-01-08', 'religious holidays carry nothing over'),
	('2018-12-16', 'Independence Day on a Sunday'),
	('2018-12-17', 'second day of Independence Day until 2021'),
	('2018-12-18', 'carried from Sunday 16 December 2018'),
	('2020-10-25', 'Sunday; Republic Day only from 2022'),
	('2020-10-26', 'so nothing is carried'),
	('2021-12-01', 'First President''s Day until 2021'),
	('2022-12-01', 'no longer a holiday'),
	('2021-10-25', 'Monday, not yet a holiday'),
	('2022-10-25', 'Republic Day'),
	('2022-05-10', 'Saturday 7 May carried past Victory Day on Monday 9 May'),
	('2026-05-27', 'Kurban Ait is movable: not in the shipped rule')
) AS t(d, why);

-- every weekday that is not a working day, for a reviewer to read against the official calendars
-- (those also contain transfers decreed each year, which the administrator enters as rows)
SELECT d::date AS day_off, to_char(d, 'Dy') AS dow
FROM generate_series(date '2020-01-01', date '2020-12-31', interval '1 day') AS d
WHERE extract(isodow FROM d) < 6 AND NOT is_working_day(d::date) ORDER BY d;
SELECT d::date AS day_off, to_char(d, 'Dy') AS dow
FROM generate_series(date '2022-01-01', date '2022-12-31', interval '1 day') AS d
WHERE extract(isodow FROM d) < 6 AND NOT is_working_day(d::date) ORDER BY d;
SELECT d::date AS day_off, to_char(d, 'Dy') AS dow
FROM generate_series(date '2025-01-01', date '2025-12-31', interval '1 day') AS d
WHERE extract(isodow FROM d) < 6 AND NOT is_working_day(d::date) ORDER BY d;
SELECT d::date AS day_off, to_char(d, 'Dy') AS dow
FROM generate_series(date '2026-01-01', date '2026-12-31', interval '1 day') AS d
WHERE extract(isodow FROM d) < 6 AND NOT is_working_day(d::date) ORDER BY d;

-- no weekend day is a working day unless a row says so
SELECT count(*) AS working_weekend_days
FROM generate_series(date '1900-01-01', date '2100-12-31', interval '1 day') AS d
WHERE extract(isodow FROM d) >= 6 AND is_working_day(d::date);

-- working days per year, counted two ways
SELECT y, working_days_between(make_date(y - 1, 12, 31), make_date(y, 12, 31)) AS working_days,
       (SELECT count(*) FROM generate_series(make_date(y, 1, 1), make_date(y, 12, 31), interval '1 day') AS d
        WHERE is_working_day(d::date)) AS counted
FROM generate_series(2018, 2027) AS y;

-- add_working_days: the n-th working day after the date
SELECT d, n, add_working_days(d, n) AS result, to_char(add_working_days(d, n), 'Dy') AS dow, why
FROM (VALUES
	(date '2026-03-20', 1, 'Friday before Nauryz: the next working day is Thursday'),
	('2026-03-20', 0, 'n = 0 on a working day: the day itself'),
	('2026-03-23', 0, 'n = 0 on a holiday: the next working day'),
	('2026-03-28', 0, 'n = 0 on a Saturday: Monday'),
	('2026-03-21', 1, 'n = 1 from a day off: the same as n = 0'),
	('2026-03-16', 10, 'appeal within 10 working days of a decision on Monday 16 March'),
	('2025-12-31', 1, 'across the year end: 1, 2 January are holidays, then a weekend'),
	('2025-12-31', 2, ''),
	('2025-12-31', 3, 'Wednesday 7 January 2026 is a holiday'),
	('2021-12-24', 5, 'last working day of 2021'),
	('2021-12-24', 6, 'into 2022 past the carried 3 and 4 January'),
	('2018-01-01', 1000, 'four years ahead'),
	('1900-01-01', 0, 'first day of the calendar is a holiday'),
	('9999-12-31', 0, 'last day of the calendar, a Friday')
) AS t(d, n, why);

-- working_days_between: working days d with a < d <= b
SELECT a, b, working_days_between(a, b) AS working_days, why
FROM (VALUES
	(date '2026-03-20', date '2026-03-26', 'only Thursday 26 March'),
	('2026-03-19', '2026-03-20', 'b itself counts'),
	('2026-03-20', '2026-03-20', 'a = b'),
	('2026-03-26', '2026-03-20', 'b < a gives 0'),
	('2026-03-20', '2026-03-25', 'nothing but days off'),
	('2025-12-31', '2026-01-08', 'across the year end'),
	('2019-12-31', '2020-12-31', 'all of 2020'),
	('2018-01-01', '2027-12-31', 'ten years'),
	('1900-01-01', '9999-12-31', 'the whole calendar')
) AS t(a, b, why);

-- the two functions agree: counting the working days up to add_working_days(d, n) gives n
SELECT count(*) AS disagreements
FROM generate_series(date '2017-12-01', date '2028-01-31', interval '3 days') AS d,
     generate_series(1, 40) AS n
WHERE working_days_between(d::date, add_working_days(d::date, n)) <> n
   OR NOT is_working_day(add_working_days(d::date, n))
   OR working_days_between(d::date, add_working_days(d::date, n) - 1) <> n - 1;

-- the administrator's exceptions take effect at once in the same session
INSERT INTO calendar VALUES ('2026-05-27', false, 'Kurban Ait');
SELECT is_working_day('2026-05-27') AS kurban_ait_working,
       add_working_days('2026-05-26', 1) AS next_after_26_may,
       working_days_between('2026-05-25', '2026-05-29') AS mon_to_fri;
-- a transfer: Friday 2025-01-03 off, Saturday 2025-01-04 worked instead
SELECT is_working_day('2025-01-03') AS fri_3_jan, is_working_day('2025-01-04') AS sat_4_jan,
       add_working_days('2025-01-02', 1) AS next_after_2_jan;
INSERT INTO calendar VALUES
	('2025-01-03', false, 'day off transferred from Saturday 2025-01-04'),
	('2025-01-04', true, 'working Saturday, its day off moved to Friday 2025-01-03');
SELECT is_working_day('2025-01-03') AS fri_3_jan, is_working_day('2025-01-04') AS sat_4_jan,
       add_working_days('2025-01-02', 1) AS next_after_2_jan,
       working_days_between('2024-12-31', '2025-01-10') AS first_days_of_2025;
-- a row overrides the rule, also on a fixed holiday or a carried day off
INSERT INTO calendar VALUES ('2026-03-24', true, 'declared working day');
SELECT is_working_day('2026-03-24') AS tue_24_mar, add_working_days('2026-03-20', 1) AS next_after_20_mar;
UPDATE calendar SET is_working = false, reason = 'carried from Saturday 21 March after all' WHERE day = '2026-03-24';
SELECT is_working_day('2026-03-24') AS tue_24_mar, add_working_days('2026-03-20', 1) AS next_after_20_mar;
SELECT day, to_char(day, 'Dy') AS dow, is_working, reason FROM calendar ORDER BY day;

-- inside a transaction: seen at once, and gone again after ROLLBACK
BEGIN;
INSERT INTO calendar VALUES ('2026-06-01', false, 'test');
SELECT is_working_day('2026-06-01') AS mon_1_jun_in_transaction;
DELETE FROM calendar WHERE day = '2026-05-27';
SELECT is_working_day('2026-05-27') AS kurban_ait_deleted_in_transaction;
ROLLBACK;
SELECT is_working_day('2026-06-01') AS mon_1_jun_after_rollback,
       is_working_day('2026-05-27') AS kurban_ait_after_rollback;
BEGIN;
SAVEPOINT s;
INSERT INTO calendar VALUES ('2026-06-02', false, 'test');
SELECT is_working_day('2026-06-02') AS tue_2_jun_after_insert;
ROLLBACK TO SAVEPOINT s;
SELECT is_working_day('2026-06-02') AS tue_2_jun_after_rollback_to_savepoint;
COMMIT;

-- removing a row reverts to the rule
DELETE FROM calendar WHERE day = '2026-05-27';
SELECT is_working_day('2026-05-27') AS kurban_ait_removed, add_working_days('2026-05-26', 1) AS next_after_26_may;
TRUNCATE calendar;
SELECT is_working_day('2025-01-03') AS fri_3_jan, is_working_day('2025-01-04') AS sat_4_jan,
       is_working_day('2026-03-24') AS tue_24_mar;
SELECT count(*) AS rows_left FROM calendar;

-- errors
SELECT add_working_days('2026-01-01', -3);
SELECT is_working_day('1899-12-31');
SELECT is_working_day('10000-01-01');
SELECT is_working_day('infinity');
SELECT add_working_days('9999-12-31', 1);
SELECT add_working_days('2026-01-01', 2147483647);
SELECT ocenka.calendar_changed();
CREATE TEMP TABLE not_the_calendar (i int);
CREATE TRIGGER misplaced AFTER INSERT ON not_the_calendar
	FOR EACH STATEMENT EXECUTE FUNCTION ocenka.calendar_changed();
INSERT INTO not_the_calendar VALUES (1);
DROP TABLE not_the_calendar;
INSERT INTO calendar VALUES ('1899-12-31', false, 'before the calendar');
INSERT INTO calendar VALUES ('2026-05-27', false, ' ');
INSERT INTO calendar VALUES ('2026-05-27', NULL, 'Kurban Ait');

-- every error with its SQLSTATE
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE statement;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ' ' || SQLERRM;
END $$;
SELECT statement, pg_temp.error_of(statement) AS error
FROM (VALUES
	('SELECT add_working_days(''2026-01-01'', -3)'),
	('SELECT add_working_days(''2026-01-01'', -2147483648)'),
	('SELECT add_working_days(''9999-12-31'', 1)'),
	('SELECT add_working_days(''9999-12-30'', 2)'),
	('SELECT add_working_days(''2026-01-01'', 2147483647)'),
	('SELECT add_working_days(''1899-12-31'', 1)'),
	('SELECT add_working_days(''infinity'', 0)'),
	('SELECT is_working_day(''1899-12-31'')'),
	('SELECT is_working_day(''10000-01-01'')'),
	('SELECT is_working_day(''infinity'')'),
	('SELECT is_working_day(''-infinity'')'),
	('SELECT working_days_between(''1899-12-31'', ''2026-01-01'')'),
	('SELECT working_days_between(''2026-01-01'', ''10000-01-01'')'),
	('SELECT working_days_between(''2026-01-01'', ''-infinity'')'),
	('SELECT working_days_before(''infinity'', 1900)'),
	('SELECT working_days_before(''-infinity'', 5)'),
	('SELECT working_days_before(''1899-12-31'', 0)'),
	('SELECT working_days_before(''1901-06-01'', 1000)'),
	('SELECT working_days_before(''2026-01-01'', -1)'),
	('SELECT ocenka.calendar_changed()'),
	('INSERT INTO calendar VALUES (''10000-01-01'', true, ''after the calendar'')'),
	('INSERT INTO calendar VALUES (''2026-05-27'', false, '''')')
) AS t(statement);

-- STRICT: NULL in, NULL out
SELECT is_working_day(NULL) IS NULL AS a, add_working_days(NULL, 1) IS NULL AS b,
       add_working_days('2026-01-01', NULL) IS NULL AS c, working_days_between('2026-01-01', NULL) IS NULL AS d;

-- working_days_before (the KPI plan's «not later than 5 working days before»): the last day d
-- with at least n working days in (d, day], checked against working_days_between for two years
SELECT working_days_before('2026-03-31', 5) AS q1_end, working_days_before('2026-01-05', 1) AS after_new_year,
       working_days_before('2026-01-03', 0) AS zero, working_days_before('2026-03-23', 1) AS nauryz;
SELECT count(*) AS checked,
       count(*) FILTER (WHERE working_days_between(r, day) < n
                           OR (n > 0 AND working_days_between(r + 1, day) >= n)) AS wrong
FROM (SELECT day::date, n, working_days_before(day::date, n) AS r
      FROM generate_series(date '2025-01-01', date '2026-12-31', interval '1 day') day,
           generate_series(0, 12) n) t;
SELECT working_days_before(NULL, 1) IS NULL AS a, working_days_before('2026-01-01', NULL) IS NULL AS b;
