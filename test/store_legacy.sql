-- pgTAP: legacy-2021 per person (seed 000 ch. 6, ¶48–49; methodology §7) — in a body that adopted
-- chapter 6 (a legacy-2021 row in body_edition), the persons on social leave or temporarily unable to
-- work during 2021-07-01 … 2022-12-31 are evaluated for that year by the KPI count of legacy-2021, while
-- their colleagues stay on the body's own edition.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(20);
\ir fixture/store.sql

-- body 2 (akmola-2018) adopts chapter 6 from 2021-07-01: 208 was on social leave until 2021-10-31, 207
-- sick 2021-12-20 … 24; 202 sick in March 2021 (before the window), 201 on annual leave in August (not
-- social leave or disability). Body 7 applies a quarterly edition from 2020 and chapter 6 from
-- 2021-07-01: 701 is sick 2021-10-04 … 15, 702 is not; 703, in body 1, evaluates them.
\o /dev/null
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES (2, '2021-07-01', 'legacy-2021', 'chapter 6');
INSERT INTO absence (employee_id, kind, first_day, last_day) VALUES
	(207, 'sick_leave', '2021-12-20', '2021-12-24'), (202, 'sick_leave', '2021-03-01', '2021-03-10'),
	(201, 'annual_leave', '2021-08-01', '2021-08-20');
INSERT INTO methodology (code, title, seed, in_force_from, evaluation_period, quarter_deadline_day, annual_rule,
                         head_form, employee_form, kpi_min, kpi_max, min_months)
VALUES ('test-quarterly-2020', 'a quarterly test edition of 2020', 'none', '2020-01-01', 'quarter', 10, 'mean_of_quarters',
        'kpi', 'typical-ranking', 3, 5, 1);
INSERT INTO body (id, name) VALUES (7, 'Орган 7 (тест)');
INSERT INTO body_edition (body_id, valid_from, methodology) VALUES (7, '2020-01-01', 'test-quarterly-2020'), (7, '2021-07-01', 'legacy-2021');
INSERT INTO unit (id, body_id, name) VALUES (7, 7, 'Отдел 7');
INSERT INTO employee (id, full_name) VALUES (701, 'Нуржанова Айжан'), (702, 'Бектуров Ерик'), (703, 'Алиев Руслан');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on) VALUES
	(701, 7, 7, 'Главный специалист', 'C-O-5', false, '2019-03-01'), (702, 7, 7, 'Главный специалист', 'C-O-5', false, '2019-03-01'),
	(703, 1, 1, 'Главный специалист', 'E-3', false, '2019-03-01');
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (701, 703, 'unit_head', '2019-03-01'), (702, 703, 'unit_head', '2019-03-01');
INSERT INTO absence (employee_id, kind, first_day, last_day) VALUES (701, 'sick_leave', '2021-10-04', '2021-10-15');
\o

SELECT is(edition_on(2, '2021-12-31'), 'akmola-2018', 'chapter 6 is no edition of the whole body: body 2 stays on akmola-2018');
\o /dev/null
INSERT INTO body (id, name) VALUES (9, 'Орган 9: только глава 6 (тест)');
INSERT INTO body_edition (body_id, valid_from, methodology) VALUES (9, '2021-07-01', 'legacy-2021');
INSERT INTO employee (id, full_name) VALUES (704, 'Оразбаев Нурлан');
INSERT INTO appointment (employee_id, body_id, position, category, started_on) VALUES (704, 9, 'Главный специалист', 'C-O-5', '2020-01-01');
\o
SELECT results_eq($$SELECT edition_on(9, '2021-12-31'), (SELECT methodology FROM year_plan(9, 2021))$$,
	$$VALUES ('legacy-2021', 'legacy-2021')$$,
	'a body with no other edition applies legacy-2021 to everyone, as 0.1 did');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, reason FROM year_plan(2, 2021) ORDER BY 1$$,
	$$VALUES (200, 'akmola-2018', NULL::text), (201, 'akmola-2018', NULL), (202, 'akmola-2018', NULL), (203, 'akmola-2018', NULL),
	         (204, 'akmola-2018', NULL), (205, 'akmola-2018', 'tenure'), (206, 'akmola-2018', 'probation'),
	         (207, 'legacy-2021', NULL), (208, 'legacy-2021', NULL)$$,
	'2021: 207 and 208, on disability or social leave after 2021-07-01, by legacy-2021 (one month, no probation or return rule); their colleagues by akmola-2018');
SELECT results_eq(
	$$SELECT q, employee_id::int, methodology, reason, form FROM (
	    SELECT '2021-Q2' AS q, p.* FROM quarter_plan(7, '2021-Q2') p UNION ALL SELECT '2021-Q4', p.* FROM quarter_plan(7, '2021-Q4') p
	    UNION ALL SELECT '2022-Q1', p.* FROM quarter_plan(7, '2022-Q1') p) x ORDER BY 1, 2$$,
	$$VALUES ('2021-Q2', 701, 'test-quarterly-2020', NULL::text, 'typical-ranking'), ('2021-Q2', 702, 'test-quarterly-2020', NULL, 'typical-ranking'),
	         ('2021-Q4', 701, 'legacy-2021', 'legacy_2021', NULL), ('2021-Q4', 702, 'test-quarterly-2020', NULL, 'typical-ranking'),
	         ('2022-Q1', 701, 'test-quarterly-2020', NULL, 'typical-ranking'), ('2022-Q1', 702, 'test-quarterly-2020', NULL, 'typical-ranking')$$,
	'a quarterly body: 701, sick in October 2021, is not evaluated in 2021-Q4 but by the year''s KPI count; 2021-Q2 lies before the window, 2022 has no absence of hers');
SELECT results_eq($$SELECT employee_id::int, methodology, reason FROM year_plan(7, 2021) ORDER BY 1$$,
	$$VALUES (701, 'legacy-2021', NULL::text), (702, 'test-quarterly-2020', NULL)$$,
	'the year 2021 of body 7: 701 by legacy-2021');

-- legacyfix: the quarterly edition of body 7 has no commission; chapter 6 sends its persons' sheets to one (¶55–66)
SELECT is(jsonb_build_object('2020', (commission_rule_of(7, 2020)).methodology, '2021', (commission_rule_of(7, 2021)).methodology,
                             '2023', (commission_rule_of(7, 2023)).methodology),
	'{"2020": null, "2021": "legacy-2021", "2023": null}',
	'body 7 holds the commission of legacy-2021 while its adoption of chapter 6 lasts (2021), none under its own edition');
-- (the plan and the sheet are undone again: a draft plan would hold up the close of 2021 below)
SAVEPOINT plan701;
INSERT INTO kpi_plan (employee_id, body_id, year) VALUES (701, 7, 2021) RETURNING methodology AS plan701 \gset
SELECT open_count_sheets(7, 2021) AS sheets7 \gset
SELECT coalesce((SELECT string_agg(employee_id || ' by ' || evaluator_id, ', ') FROM count_sheet WHERE body_id = 7), 'none') AS who7 \gset
ROLLBACK TO SAVEPOINT plan701;
SELECT is(:'plan701'::text, 'legacy-2021',
	'701''s KPI plan of 2021 is one of legacy-2021 (¶49), not of the body''s edition');
SELECT is(:'sheets7'::text || ': ' || :'who7'::text, '1: 701 by 703', 'open_count_sheets gives 701 the annual KPI-count sheet of legacy-2021 (¶48), none to 702');

SET ROLE ocenka_test_clerk;
SELECT pg_temp.at('2022-01-05');
SELECT * FROM pg_temp.refused(
	$$INSERT INTO ocenka.sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
	  VALUES (701, '2021-Q4', 7, 'test-quarterly-2020', 'ranking', 'typical-ranking', 703)$$,
	'23514', 'employee 701 (Нуржанова Айжан): not evaluated for 2021-Q4: on social leave or temporarily unable to work during 2021-07-01 … 2022-12-31: evaluated for the year by the KPI count of legacy-2021, not quarterly',
	'no quarterly sheet for 701 in 2021-Q4');
SELECT lives_ok($$INSERT INTO ocenka.kpi (employee_id, body_id, year, no, name, approved_on)
                  SELECT 701, 7, 2021, n, format('Показатель %s', n), '2021-01-20' FROM generate_series(1, 5) n$$,
	'701 holds five KPIs for 2021 (legacy-2021 ¶49) although the body sets KPIs for heads only');
SELECT throws_ok($$INSERT INTO ocenka.kpi (employee_id, body_id, year, no, name, approved_on) VALUES (702, 7, 2021, 1, 'Показатель 1', '2021-01-20')$$,
	'23514', 'employee 702 (Бектуров Ерик): gets no KPIs for 2021: KPIs are set for heads of units and bodies',
	'her colleague 702 holds none');

-- ---------- body 7 closes its quarters and 2021: 701 by the KPI count, 702 by the mean of quarters ----------
RESET ROLE;
\o /dev/null
SELECT pg_temp.complete(7, q, d, true)
FROM (VALUES ('2021-Q1'::ocenka.quarter, '2021-04-05'::date), ('2021-Q2', '2021-07-05'), ('2021-Q3', '2021-10-05'),
             ('2021-Q4', '2022-01-05')) AS t(q, d);
SELECT pg_temp.at('2022-01-20');
UPDATE kpi SET achieved = no <= 3 WHERE employee_id = 701 AND year = 2021;
\o
SELECT lives_ok($$CALL close_year(7, 2021)$$, 'body 7 closes 2021');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, rule, status, quarters::int, score::numeric, kpi_achieved::int, gradation::text
	  FROM annual_result WHERE body_id = 7 AND year = 2021
	  UNION ALL SELECT employee_id::int, q::text, reason, status, NULL, score::numeric, NULL, gradation::text
	  FROM quarter_result WHERE body_id = 7 AND employee_id = 701 ORDER BY 1, 2$$,
	$$VALUES (701, '2021-Q1', NULL::text, 'evaluated', NULL::int, 4.00, NULL::int, 'effective'),
	         (701, '2021-Q2', NULL, 'evaluated', NULL, 4.00, NULL, 'effective'),
	         (701, '2021-Q3', 'legacy_2021', 'not_evaluated', NULL, NULL, NULL, NULL),
	         (701, '2021-Q4', 'legacy_2021', 'not_evaluated', NULL, NULL, NULL, NULL),
	         (701, 'legacy-2021', 'kpi_count', 'evaluated', NULL, NULL, 3, 'satisfactory'),
	         (702, 'test-quarterly-2020', 'mean_of_quarters', 'evaluated', 4, 4.00, NULL, 'effective')$$,
	'701: the quarters of the window are not evaluated, the year is graded by the count of her KPIs (3 of 5: satisfactory); her colleague 702 by the mean of four quarters');

-- ---------- body 2 closes 2021: two rules side by side ----------
SELECT pg_temp.at('2026-04-05');
RESET ROLE;
SELECT is(pg_temp.error_of($$CALL close_year(2, 2021)$$) ->> 'detail',
	'employee 208 (Касымова Динара): the 2021 KPI plan has 0 KPIs, legacy-2021 needs 5',
	'close_year waits for the KPI plan of 208, now evaluated by legacy-2021');
\o /dev/null
INSERT INTO kpi (employee_id, body_id, year, no, name, approved_on, achieved)
SELECT 208, 2, 2021, n, format('Показатель %s', n), '2021-11-05', n <= 4 FROM generate_series(1, 5) n;
\o
SELECT lives_ok($$CALL close_year(2, 2021)$$, 'the year closes');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, rule, status, reason, kpi_achieved::int, gradation::text,
	         gradation_label(gradation, 'kk', methodology)
	  FROM annual_result WHERE body_id = 2 AND year = 2021 ORDER BY 1$$,
	$$VALUES (200, 'akmola-2018', 'kpi_count', 'evaluated', NULL::text, 5, 'effective', 'өте жақсы'),
	         (201, 'akmola-2018', 'kpi_count', 'evaluated', NULL, 4, 'proper', 'тиімді'),
	         (202, 'akmola-2018', 'kpi_count', 'evaluated', NULL, 3, 'satisfactory', 'қанағаттанарлық'),
	         (203, 'akmola-2018', 'kpi_count', 'evaluated', NULL, 2, 'unsatisfactory', 'қанағаттанарлықсыз'),
	         (204, 'akmola-2018', 'kpi_count', 'evaluated', NULL, 5, 'effective', 'өте жақсы'),
	         (205, 'akmola-2018', 'kpi_count', 'not_evaluated', 'tenure', NULL, NULL, NULL),
	         (206, 'akmola-2018', 'kpi_count', 'not_evaluated', 'probation', NULL, NULL, NULL),
	         (207, 'legacy-2021', 'kpi_count', 'evaluated', NULL, 5, 'effective', 'Функционалдық міндеттерді тиімді орындайды'),
	         (208, 'legacy-2021', 'kpi_count', 'evaluated', NULL, 4, 'proper', 'Функционалдық міндеттерді тиісті түрде орындайды')$$,
	'207 and 208 by legacy-2021 in the seed''s words (¶49), their colleagues by akmola-2018');
SELECT is(explain_annual_result(208, 2021) -> 'edition_rule',
	to_jsonb('legacy-2021 for this person: seed 000 chapter 6 applies to persons on social leave or temporarily unable to work during 2021-07-01 … 2022-12-31 (¶48–49), in a body that adopted it; the body''s own edition on 2021-12-31 is akmola-2018'::text),
	'explain_annual_result says why 208 is graded by legacy-2021');
SELECT is(explain_annual_result(200, 2021) ->> 'edition_rule', 'the edition in force on 2021-12-31 (methodology §5)',
	'… and 200 by the body''s edition');
SELECT is(explain_result(701, '2021-Q4') - 'completed_on',
	jsonb_build_object('employee', jsonb_build_object('id', 701, 'name', 'Нуржанова Айжан'), 'quarter', '2021-Q4', 'body_id', 7,
	                   'edition', 'legacy-2021',
	                   'edition_rule', 'legacy-2021 for this person: seed 000 chapter 6 applies to persons on social leave or temporarily unable to work during 2021-07-01 … 2022-12-31 (¶48–49), in a body that adopted it; the body''s own edition on 2021-12-31 is test-quarterly-2020',
	                   'status', 'not_evaluated', 'reason', 'legacy_2021',
	                   'reason_text', 'on social leave or temporarily unable to work during 2021-07-01 … 2022-12-31: evaluated for the year by the KPI count of legacy-2021, not quarterly',
	                   'basis', 'methodology §7: seed 000 ch. 6 ¶48–49'),
	'explain_result of 701''s 2021-Q4: why no quarterly grade');

SELECT * FROM finish();
ROLLBACK;
