-- pgTAP: the store's entry rules (methodology §3–§8) — eligibility, KPI plans, the entry window and
-- deadline, late entry, sheets, items, closed quarters, 360 — each accepted and refused case with its
-- SQLSTATE and exact message, and for every refusal that nothing of the statement was written.
-- The entering is done by ordinary roles (test/fixture/store.sql creates them inside this transaction).
BEGIN;
SET search_path = ocenka, public;
SELECT plan(227);
\ir fixture/store.sql

-- 2025-Q4 of body 1, entered and closed on 2026-01-05: the closed quarter of the read-only cases
\o /dev/null
SELECT pg_temp.complete(1, '2025-Q4', '2026-01-05', true);
SELECT pg_temp.at('2026-03-31');
\o
-- one call outside a transaction block needs a second connection
CREATE EXTENSION dblink;
CREATE TEMP TABLE other_session AS
SELECT format('host=%s port=%s dbname=%s user=%s', split_part(current_setting('unix_socket_directories'), ',', 1),
              current_setting('port'), current_database(), session_user) AS conninfo;

SET ROLE ocenka_test_clerk;

-- ============ §6 eligibility, as quarter_plan / year_plan decide it ============
SELECT results_eq(
	$$SELECT employee_id::int, methodology, method, form, reason FROM quarter_plan(1, '2026-Q1') ORDER BY 1$$,
	$$VALUES (101, 'typical-2023', 'kpi', 'kpi', NULL::text), (102, 'typical-2023', 'kpi', 'kpi', NULL),
	         (103, 'typical-2023', 'ranking', 'typical-ranking', NULL), (104, 'typical-2023', 'ranking', 'typical-ranking', NULL),
	         (105, 'typical-2023', 'ranking', 'typical-ranking', NULL), (106, 'typical-2023', 'ranking', 'typical-ranking', 'tenure'),
	         (109, 'typical-2023', 'ranking', 'typical-ranking', NULL), (110, 'typical-2023', 'ranking', 'typical-ranking', NULL),
	         (111, 'typical-2023', 'ranking', 'typical-ranking', NULL), (114, 'typical-2023', 'ranking', 'typical-ranking', NULL)$$,
	'§6 typical-2023, 2026-Q1: appointed 03-01 is one month in the position, 03-02 is not; heads by KPIs (§3)');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, form, worked_days, reason FROM quarter_plan(1, '2026-Q3') ORDER BY 1$$,
	$$VALUES (101, 'wko-2026', 'wko-leadership', 64, NULL::text), (102, 'wko-2026', 'wko-leadership', 64, NULL),
	         (103, 'wko-2026', 'wko-non-leadership', 64, NULL), (104, 'wko-2026', 'wko-non-leadership', 64, NULL),
	         (105, 'wko-2026', 'wko-non-leadership', 64, NULL), (106, 'wko-2026', 'wko-non-leadership', 64, NULL),
	         (107, 'wko-2026', 'wko-non-leadership', 22, NULL), (108, 'wko-2026', 'wko-non-leadership', 21, 'tenure'),
	         (109, 'wko-2026', 'wko-non-leadership', 3, 'worked_days'), (110, 'wko-2026', 'wko-non-leadership', 15, NULL),
	         (111, 'wko-2026', 'wko-non-leadership', 14, 'worked_days'), (114, 'wko-2026', 'wko-non-leadership', 64, NULL)$$,
	'§6 wko-2026, 2026-Q3: appointed 09-01 eligible, 09-02 not; 15 actually worked working days, not 14; social leave');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, method, reason FROM quarter_plan(1, '2025-Q4') WHERE employee_id IN (112, 113) ORDER BY 1$$,
	$$VALUES (112, 'typical-2023', 'kpi', NULL::text), (113, 'typical-2023', 'kpi', 'no_kpi')$$,
	'§6 typical-2023 ¶22: a head appointed 2025-10-01 has KPIs for 2025-Q4, one appointed 2025-10-02 none');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, position_start, reason FROM year_plan(2, 2021) ORDER BY 1$$,
	$$VALUES (200, 'akmola-2018', date '2021-01-01', NULL::text), (201, 'akmola-2018', date '2021-01-01', NULL),
	         (202, 'akmola-2018', date '2021-01-01', NULL), (203, 'akmola-2018', date '2021-01-01', NULL),
	         (204, 'akmola-2018', date '2021-10-01', NULL), (205, 'akmola-2018', date '2021-10-02', 'tenure'),
	         (206, 'akmola-2018', date '2021-06-01', 'probation'), (207, 'akmola-2018', date '2021-06-01', NULL),
	         (208, 'akmola-2018', date '2021-11-01', 'tenure')$$,
	'§6 akmola-2018, 2021: three months (10-01 yes, 10-02 no), counted again after social leave; on probation at the end of the year');
RESET ROLE;
INSERT INTO absence (employee_id, kind, first_day, last_day) VALUES (201, 'training', '2021-11-15', '2021-11-19');
SET ROLE ocenka_test_clerk;
SELECT results_eq(
	$$SELECT position_start, reason FROM year_plan(2, 2021, '{201}')$$,
	$$VALUES (date '2021-01-01', NULL::text)$$,
	'§6 akmola-2018 ¶4: a week of training in November does not restart the three months (training is evaluated after return; only study does)');

-- ============ sheets of 2026-Q1 (typical-2023), before the quarter ends ============
SELECT lives_ok($$INSERT INTO sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
                  VALUES (103, '2026-Q1', 1, 'typical-2023', 'ranking', 'typical-ranking', 102)$$,
                '§5: a sheet may be created before the quarter ends (2026-03-31)');
SELECT pg_temp.refused(format($$INSERT INTO sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
                                VALUES (%s, %L, %s, %L, %L, %L, %s)$$, e, q, b, m, meth, f, ev), state, msg, label)
FROM (VALUES
	(106, '2026-Q1', 1, 'typical-2023', 'ranking', 'typical-ranking', 102, '23514',
	 'employee 106 (Жумабаева Гульнара): not evaluated for 2026-Q1: less time in the position within the period than the methodology requires (1 month; 3 months for akmola-2018)',
	 '§6: no sheet for someone appointed 2026-03-02'),
	(201, '2026-Q1', 1, 'typical-2023', 'ranking', 'typical-ranking', 102, '23514',
	 'employee 201 (Досанова Камила): not evaluated for 2026-Q1: did not hold a position in the body during the period',
	 '§6: no sheet in a body the person does not serve'),
	(105, '2026-Q1', 1, 'wko-2026', 'ranking', 'typical-ranking', 102, '23514',
	 'employee 105 (Есенов Нурсултан): a 2026-Q1 sheet under typical-2023 must have methodology typical-2023, method ranking and form typical-ranking, not wko-2026, ranking and typical-ranking',
	 '§5: a 2026-Q1 sheet is under the edition in force on 2026-03-31'),
	(105, '2026-Q1', 1, 'typical-2023', 'kpi', 'kpi', 102, '23514',
	 'employee 105 (Есенов Нурсултан): a 2026-Q1 sheet under typical-2023 must have methodology typical-2023, method ranking and form typical-ranking, not typical-2023, kpi and kpi',
	 '§3: a specialist is not evaluated by KPIs'),
	(101, '2026-Q1', 1, 'typical-2023', 'ranking', 'typical-ranking', 100, '23514',
	 'employee 101 (Ахметов Айдар): a 2026-Q1 sheet under typical-2023 must have methodology typical-2023, method kpi and form kpi, not typical-2023, ranking and typical-ranking',
	 '§3: a head is evaluated by KPIs under typical-2023'),
	(105, '2026-Q1', 1, 'typical-2023', 'ranking', 'wko-non-leadership', 102, '23514',
	 'employee 105 (Есенов Нурсултан): a 2026-Q1 sheet under typical-2023 must have methodology typical-2023, method ranking and form typical-ranking, not typical-2023, ranking and wko-non-leadership',
	 '§4: typical-2023 ranks on its own form'),
	(105, '2026-Q1', 1, 'typical-2023', 'ranking', 'kpi', 102, '23514',
	 'new row for relation "sheet" violates check constraint "sheet_check"',
	 'a ranking sheet cannot have the kpi form (CHECK)'),
	(105, '2026-Q1', 1, 'typical-2023', 'ranking', 'typical', 102, '23514',
	 'new row for relation "sheet" violates check constraint "sheet_form_check"',
	 'an unknown form is refused (CHECK)'),
	(105, '2026-Q1', 1, 'typical-2023', 'ranking', 'typical-ranking', 105, '23514',
	 'new row for relation "sheet" violates check constraint "sheet_check1"',
	 'nobody evaluates themselves (CHECK)'),
	(105, '2026-Q1', 1, 'typical-2023', 'ranking', 'typical-ranking', 104, '23514',
	 'employee 104 (Нурланова Динара) is not assigned to evaluate employee 105 (Есенов Нурсултан) for 2026-Q1',
	 'the evaluator must be assigned in ocenka.evaluator'),
	(201, '2021-Q4', 2, 'akmola-2018', 'ranking', 'typical-ranking', 200, '23514',
	 'employee 201 (Досанова Камила): body 2 evaluates annually under akmola-2018, so 2021-Q4 has no quarterly sheet',
	 '§5: akmola-2018 has no quarterly sheets'),
	(103, '2023-Q1', 1, 'typical-2023', 'ranking', 'typical-ranking', 102, '23514',
	 'employee 103 (Сериков Ерлан): body 1 has no methodology edition in force on 2023-03-31, the last day of 2023-Q1',
	 '§5: no sheet for a quarter before the body''s first edition')
) AS t(e, q, b, m, meth, f, ev, state, msg, label);
SELECT pg_temp.refused($$UPDATE sheet SET employee_id = 114 WHERE employee_id = 103 AND q = '2026-Q1'$$, '23514',
                       format('employee 103 (Сериков Ерлан): sheet %s cannot change its evaluatee, quarter or body',
                              (SELECT id FROM sheet WHERE employee_id = 103 AND q = '2026-Q1')),
                       'a sheet keeps its evaluatee');
SELECT is(open_sheets(1, '2026-Q1'), 8, 'open_sheets creates the 8 missing sheets of 2026-Q1, as an ordinary role');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, method, form, evaluator_id::int FROM sheet WHERE q = '2026-Q1' ORDER BY 1$$,
	$$VALUES (101, 'typical-2023', 'kpi', 'kpi', 100), (102, 'typical-2023', 'kpi', 'kpi', 101),
	         (103, 'typical-2023', 'ranking', 'typical-ranking', 102), (104, 'typical-2023', 'ranking', 'typical-ranking', 102),
	         (105, 'typical-2023', 'ranking', 'typical-ranking', 102), (109, 'typical-2023', 'ranking', 'typical-ranking', 102),
	         (110, 'typical-2023', 'ranking', 'typical-ranking', 102), (111, 'typical-2023', 'ranking', 'typical-ranking', 102),
	         (114, 'typical-2023', 'ranking', 'typical-ranking', 102)$$,
	'the 2026-Q1 sheets: everyone eligible, with the method, form and evaluator the methodology decides');
SELECT pg_temp.refused($$INSERT INTO sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
                         VALUES (103, '2026-Q1', 1, 'typical-2023', 'ranking', 'typical-ranking', 102)$$, '23505',
                       'duplicate key value violates unique constraint "one_sheet_per_evaluatee_and_quarter"',
                       'one sheet per evaluatee and quarter');

SELECT id AS s101 FROM sheet WHERE employee_id = 101 AND q = '2026-Q1' \gset
SELECT id AS s102 FROM sheet WHERE employee_id = 102 AND q = '2026-Q1' \gset
SELECT id AS s103 FROM sheet WHERE employee_id = 103 AND q = '2026-Q1' \gset
SELECT id AS s104 FROM sheet WHERE employee_id = 104 AND q = '2026-Q1' \gset
SELECT id AS s103_q4 FROM sheet WHERE employee_id = 103 AND q = '2025-Q4' \gset
SELECT id AS s101_q4 FROM sheet WHERE employee_id = 101 AND q = '2025-Q4' \gset
SELECT id AS k101_1 FROM kpi WHERE employee_id = 101 AND year = 2026 AND no = 1 \gset
SELECT id AS k101_2 FROM kpi WHERE employee_id = 101 AND year = 2026 AND no = 2 \gset
SELECT id AS k101_2025_1 FROM kpi WHERE employee_id = 101 AND year = 2025 AND no = 1 \gset
SELECT id AS k102_2 FROM kpi WHERE employee_id = 102 AND year = 2026 AND no = 2 \gset
SELECT id AS k102_4 FROM kpi WHERE employee_id = 102 AND year = 2026 AND no = 4 \gset

-- ============ §5 the entry window of 2026-Q1: from 04-01 to the 10th (typical-2023 ¶4) ============
SELECT pg_temp.refused(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 1, ''typical-ranking'', 4)', :s103),
                       '23514', 'employee 103 (Сериков Ерлан): scores of 2026-Q1 are accepted from 2026-04-01, not on 2026-03-31',
                       '§5: no score before the quarter has ended');
SELECT pg_temp.at('2026-04-01') \g /dev/null
SELECT lives_ok(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 1, ''typical-ranking'', 4)', :s103),
                '§5: a score on the day after the quarter (2026-04-01) is accepted');
SELECT pg_temp.at('2026-04-10') \g /dev/null
SELECT lives_ok(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 2, ''typical-ranking'', 3.5)', :s103),
                '§5: a score on the deadline day (2026-04-10) is accepted');
SELECT pg_temp.at('2026-04-11') \g /dev/null
SELECT pg_temp.refused(sql, '23514', 'employee 103 (Сериков Ерлан): the deadline for 2026-Q1 under typical-2023 was 2026-04-10', label)
FROM (VALUES
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 3, ''typical-ranking'', 4)', :s103),
	 '§5: no score the day after the deadline (2026-04-11)'),
	(format('UPDATE item SET score = 5 WHERE sheet_id = %s AND no = 1', :s103), '§5: no change of a score after the deadline'),
	(format('DELETE FROM item WHERE sheet_id = %s AND no = 2', :s103), '§5: no deletion of a score after the deadline'),
	(format('UPDATE sheet SET evaluator_id = 102 WHERE id = %s', :s103), '§5: no change of a sheet after the deadline')
) AS t(sql, label);
SELECT is((SELECT array_agg(no::int || ':' || score ORDER BY no) FROM item WHERE sheet_id = :s103), '{1:4.00,2:3.50}',
          'the two scores entered in the window are stored as entered');

-- ============ §5 the entry window of 2026-Q2 under wko-2026: to the 20th (wko-2026 ¶4) ============
SELECT pg_temp.at('2026-06-30') \g /dev/null
SELECT pg_temp.refused($$INSERT INTO sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
                         VALUES (103, '2026-Q2', 1, 'wko-2026', 'ranking', 'wko-leadership', 102)$$, '23514',
                       'employee 103 (Сериков Ерлан): a 2026-Q2 sheet under wko-2026 must have methodology wko-2026, method ranking and form wko-non-leadership, not wko-2026, ranking and wko-leadership',
                       '§4b wko-2026 ¶16: a specialist is ranked on the non-leadership form');
SELECT is(open_sheets(1, '2026-Q2'), 10, '§5: 2026-Q2 (edition in force on 06-30: wko-2026) opens 10 sheets before it ends');
SELECT results_eq(
	$$SELECT employee_id::int, form, evaluator_id::int FROM sheet WHERE q = '2026-Q2' AND employee_id IN (101, 102, 103) ORDER BY 1$$,
	$$VALUES (101, 'wko-leadership', 100), (102, 'wko-leadership', 101), (103, 'wko-non-leadership', 102)$$,
	'§4b wko-2026 ¶16: heads on the leadership form, by their immediate supervisor');
SELECT pg_temp.refused(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 1, ''wko-non-leadership'', 4)',
                              (SELECT id FROM sheet WHERE employee_id = 104 AND q = '2026-Q2')),
                       '23514', 'employee 104 (Нурланова Динара): scores of 2026-Q2 are accepted from 2026-07-01, not on 2026-06-30',
                       '§5 wko-2026: no score before the quarter has ended');
SELECT pg_temp.at('2026-07-01') \g /dev/null
SELECT lives_ok($$DELETE FROM sheet WHERE employee_id = 114 AND q = '2026-Q2'$$, 'a sheet of an open quarter may be deleted before the deadline');
SELECT lives_ok(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 1, ''wko-non-leadership'', 4)',
                       (SELECT id FROM sheet WHERE employee_id = 104 AND q = '2026-Q2')),
                '§5 wko-2026: a score on 2026-07-01 is accepted');
SELECT pg_temp.at('2026-07-20') \g /dev/null
SELECT lives_ok(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 2, ''wko-non-leadership'', 4)',
                       (SELECT id FROM sheet WHERE employee_id = 104 AND q = '2026-Q2')),
                '§5 wko-2026: a score on the 20th (2026-07-20) is accepted');
SELECT pg_temp.at('2026-07-21') \g /dev/null
SELECT pg_temp.refused(sql, '23514', msg, label)
FROM (VALUES
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 3, ''wko-non-leadership'', 4)',
	        (SELECT id FROM sheet WHERE employee_id = 104 AND q = '2026-Q2')),
	 'employee 104 (Нурланова Динара): the deadline for 2026-Q2 under wko-2026 was 2026-07-20',
	 '§5 wko-2026: no score on the 21st'),
	($$INSERT INTO sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
	   VALUES (114, '2026-Q2', 1, 'wko-2026', 'ranking', 'wko-non-leadership', 102)$$,
	 'employee 114 (Ермекова Айгерим): the deadline for 2026-Q2 under wko-2026 was 2026-07-20',
	 '§5: no sheet after the deadline')
) AS t(sql, msg, label);

-- ============ the functions of the items' CHECK constraints ============
SELECT results_eq(
	$$SELECT f, count(*) FILTER (WHERE ocenka.parameter_in_form(f, n::smallint))::int,
	            count(*) FILTER (WHERE ocenka.parameter_in_form(f, n))::int,
	            min(n) FILTER (WHERE ocenka.parameter_in_form(f, n::smallint)), max(n) FILTER (WHERE ocenka.parameter_in_form(f, n::smallint))
	  FROM unnest(ARRAY['kpi', 'typical-ranking', 'wko-leadership', 'wko-non-leadership', 'ranking']) f, generate_series(-1, 7) n
	  GROUP BY f ORDER BY f$$,
	$$VALUES ('kpi', 5, 5, 1, 5), ('ranking', 0, 0, NULL, NULL), ('typical-ranking', 4, 4, 1, 4),
	         ('wko-leadership', 5, 5, 1, 5), ('wko-non-leadership', 5, 5, 1, 5)$$,
	'parameter_in_form: the same item numbers of each form for a smallint as for an integer');
SELECT results_eq(
	$$SELECT ocenka.kpi_item_fields_ok(f, k, p)
	  FROM (VALUES (1, 'kpi', 7::bigint, 100::numeric), (2, 'kpi', NULL, 100), (3, 'kpi', 7, NULL), (4, 'kpi', NULL, NULL),
	               (5, 'typical-ranking', NULL, NULL), (6, 'typical-ranking', 7, NULL), (7, 'typical-ranking', NULL, 50),
	               (8, 'wko-leadership', 7, 50), (9, NULL, 7, 50)) AS t(i, f, k, p) ORDER BY i$$,
	$$VALUES (true), (false), (false), (false), (true), (false), (false), (false), (NULL::boolean)$$,
	'kpi_item_fields_ok: a KPI item names its KPI and percentage, no other item names either');

-- ============ items of 2026-Q1 ============
SELECT pg_temp.at('2026-04-05') \g /dev/null
SELECT pg_temp.refused(sql, state, msg, label)
FROM (VALUES
	('INSERT INTO item (sheet_id, no, form, score) VALUES (-1, 1, ''typical-ranking'', 4)', '23503',
	 'sheet -1 does not exist', 'an item of a missing sheet'),
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 4, ''wko-non-leadership'', 4)', :s103), '23514',
	 format('employee 103 (Сериков Ерлан): an item of form wko-non-leadership cannot go on sheet %s for 2026-Q1, whose form is typical-ranking', :s103),
	 'an item repeats its sheet''s form'),
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 5, ''typical-ranking'', 4)', :s103), '23514',
	 'new row for relation "item" violates check constraint "item_parameter_in_form"',
	 '§4a: typical-ranking has no parameter 5'),
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 0, ''typical-ranking'', 4)', :s103), '23514',
	 'new row for relation "item" violates check constraint "item_parameter_in_form"',
	 '§4a: there is no parameter 0'),
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 6, ''wko-non-leadership'', 4)', :s103), '23514',
	 'new row for relation "item" violates check constraint "item_parameter_in_form"',
	 '§4b: the wko forms have no parameter 6'),
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 3, ''typical-ranking'', ''5.01'')', :s103), '22003',
	 'score "5.01" is out of range',
	 '§2: a score above 5 is refused'),
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 3, ''typical-ranking'', ''4.555'')', :s103), '22P02',
	 'invalid input syntax for type ocenka.score: "4.555"',
	 '§2: a typed score with three decimals is refused, not rounded'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 3, ''typical-ranking'', 4, %s, 100)', :s103, :k101_1), '23514',
	 'new row for relation "item" violates check constraint "item_kpi_fields"',
	 'a ranking item has no KPI'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id) VALUES (%s, 3, ''typical-ranking'', 4, %s)', :s103, :k101_1), '23514',
	 'new row for relation "item" violates check constraint "item_kpi_fields"',
	 'a ranking item names no KPI, even without a percentage'),
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 1, ''kpi'', 5)', :s101), '23514',
	 'new row for relation "item" violates check constraint "item_kpi_fields"',
	 '§3: a KPI item names its KPI and percentage'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 2, ''kpi'', 4.25, %s, 83.33)', :s101, :k101_2), '23514',
	 'new row for relation "item" violates check constraint "item_kpi_grade_in_band"',
	 '§3 appendix 3: 83.33 % allows 4.00–4.24, not 4.25'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 2, ''kpi'', 3.99, %s, 83.33)', :s101, :k101_2), '23514',
	 'new row for relation "item" violates check constraint "item_kpi_grade_in_band"',
	 '§3 appendix 3: 83.33 % allows 4.00–4.24, not 3.99'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 2, ''kpi'', 4.50, %s, 90)', :s101, :k101_2), '23514',
	 format('employee 101 (Ахметов Айдар): KPI %s was achieved at 83.33 %% in 2026-Q1 (plan 10, actual 12), not 90 %%', :k101_2),
	 '§3: the percentage is the one of the quarter''s plan and actual (decrease: plan / actual)'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 2, ''kpi'', 5, %s, 100)', :s101, :k102_2), '23514',
	 format('employee 101 (Ахметов Айдар): KPI %s is not KPI 2 of the 2026 plan of sheet %s', :k102_2, :s101),
	 '§3: a KPI sheet scores the head''s own KPIs'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 1, ''kpi'', 4.10, %s, 83.33)', :s101, :k101_2), '23514',
	 format('employee 101 (Ахметов Айдар): KPI %s is not KPI 1 of the 2026 plan of sheet %s', :k101_2, :s101),
	 '§3: item n is KPI n'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 1, ''kpi'', 5, %s, 100)', :s101, :k101_2025_1), '23514',
	 format('employee 101 (Ахметов Айдар): KPI %s is not KPI 1 of the 2026 plan of sheet %s', :k101_2025_1, :s101),
	 '§3: the KPIs of the sheet''s year, not of another')
) AS t(sql, state, msg, label);
SELECT lives_ok(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 1, ''kpi'', 5, %s, 100), (%s, 2, ''kpi'', 4.24, %s, 83.33)',
                       :s101, :k101_1, :s101, :k101_2),
                '§3: KPI grades inside their bands (100 % → 5; 83.33 % → up to 4.24) are accepted');
UPDATE kpi_target SET actual = NULL WHERE kpi_id = :k102_4 AND q = '2026-Q1';
SELECT pg_temp.refused(sql, '23514', msg, label)
FROM (VALUES
	(format('UPDATE kpi_target SET plan = 0 WHERE kpi_id = %s AND q = ''2026-Q1''', :k101_1),
	 format('employee 101 (Ахметов Айдар): KPI %s is an increase KPI, so its planned value for 2026-Q1 must be above 0', :k101_1),
	 '§3: an increase KPI needs a planned value above 0'),
	(format('INSERT INTO kpi_target (kpi_id, q, plan) VALUES (%s, ''2026-Q2'', 0)', :k101_1),
	 format('employee 101 (Ахметов Айдар): KPI %s is an increase KPI, so its planned value for 2026-Q2 must be above 0', :k101_1),
	 '§3: no increase KPI target of 0'),
	(format('INSERT INTO kpi_target (kpi_id, q, plan) VALUES (%s, ''2027-Q1'', 10)', :k101_1),
	 format('employee 101 (Ахметов Айдар): KPI %s belongs to the 2026 plan, not to 2027-Q1', :k101_1),
	 '§3 appendix 1: a plan sets targets for the quarters of its year')
) AS t(sql, msg, label);
SELECT lives_ok(format('INSERT INTO kpi_target (kpi_id, q, plan) VALUES (%s, ''2026-Q2'', 0)', :k101_2),
                '§3: a decrease KPI may plan 0 (fewer complaints: none)');
SELECT pg_temp.refused(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 4, ''kpi'', 3.5, %s, 70)', :s102, :k102_4),
                       '23514', format('employee 102 (Байжанова Асель): KPI %s has no plan and actual value for 2026-Q1', :k102_4),
                       '§3: HR records the actual value before the KPI is graded');
UPDATE kpi_target SET actual = 7 WHERE kpi_id = :k102_4 AND q = '2026-Q1';

-- ============ §3 KPI plans ============
SELECT pg_temp.refused(format($$INSERT INTO kpi (employee_id, body_id, year, no, name) VALUES (%s, %s, %s, %s, 'Показатель')$$, e, b, y, n),
                       state, msg, label)
FROM (VALUES
	(113, 1, 2025, 1, '23514', 'employee 113 (Калиев Серик): gets no KPIs for 2025: appointed less than 3 months before 31 December',
	 '§6 typical-2023 ¶22: no KPIs for a head appointed 2025-10-02'),
	(103, 1, 2026, 1, '23514', 'employee 103 (Сериков Ерлан): gets no KPIs for 2026: KPIs are set for heads of units and bodies',
	 '§3: KPIs are set for heads'),
	(201, 1, 2026, 1, '23514', 'employee 201 (Досанова Камила): gets no KPIs for 2026: holds no position in body 1 that year',
	 '§3: KPIs of a body are set for its own people'),
	(102, 1, 2027, 1, '23514', 'employee 102 (Байжанова Асель): no edition body 1 applies in 2027 sets KPIs, so it has no KPI plan for that year',
	 '§3: wko-2026 sets no KPIs'),
	(102, 1, 2026, 6, '23514', 'new row for relation "kpi" violates check constraint "kpi_no_check"',
	 '§3 ¶23: a plan holds at most 5 KPIs (a sixth is refused)')
) AS t(e, b, y, n, state, msg, label);
SELECT is((SELECT count(*)::int FROM kpi WHERE employee_id = 112 AND year = 2025), 3,
          '§6 typical-2023 ¶22: the plan of a head appointed 2025-10-01 (exactly 3 months) was accepted');
SELECT lives_ok($$INSERT INTO kpi (employee_id, body_id, year, no, name) VALUES (205, 2, 2021, 1, 'Показатель 1')$$,
                '§7 akmola-2018: every servant has KPIs, not only heads');
RESET ROLE;
-- an administrator's own edition with at most 3 KPIs: the only way past the CHECK to the plan-size rule
INSERT INTO methodology (code, title, seed, in_force_from, evaluation_period, quarter_deadline_day, annual_rule,
                         head_form, employee_form, kpi_min, kpi_max, min_months)
VALUES ('test-3kpi', 'a test edition with 3 KPIs', 'none', '2020-01-01', 'quarter', 10, 'mean_of_quarters', 'kpi',
        'typical-ranking', 3, 3, 1);
INSERT INTO body (id, name) VALUES (3, 'Орган с тремя показателями (тест)');
INSERT INTO body_edition VALUES (3, '2020-01-01', 'test-3kpi', NULL);
INSERT INTO employee (id, full_name) VALUES (301, 'Жанибеков Олжас');
INSERT INTO appointment (employee_id, body_id, position, category, is_head, started_on)
VALUES (301, 3, 'Руководитель', 'E-2', true, '2020-01-01');
SET ROLE ocenka_test_clerk;
SELECT lives_ok($$INSERT INTO kpi (employee_id, body_id, year, no, name) SELECT 301, 3, 2026, n, 'Показатель' FROM generate_series(1, 3) n$$,
                'a plan of kpi_max KPIs is accepted');
SELECT pg_temp.refused($$INSERT INTO kpi (employee_id, body_id, year, no, name) VALUES (301, 3, 2026, 4, 'Показатель')$$, '23514',
                       'employee 301 (Жанибеков Олжас): the 2026 plan has 4 KPIs, more than the 3 test-3kpi allows',
                       '§3: a plan above kpi_max is refused');

-- ============ a closed quarter (2025-Q4) is read-only ============
SELECT pg_temp.refused(sql, state, msg, label)
FROM (VALUES
	($$INSERT INTO penalty (employee_id, body_id, kind, imposed_on) VALUES (103, 1, 'remark', '2025-11-15')$$, '23514',
	 'employee 103 (Сериков Ерлан): quarter 2025-Q4 of body 1 is closed', '§4b: no penalty into a closed quarter'),
	($$UPDATE penalty SET imposed_on = '2025-12-01' WHERE employee_id = 103 AND imposed_on = '2026-02-15'$$, '23514',
	 'employee 103 (Сериков Ерлан): quarter 2025-Q4 of body 1 is closed', '§4b: no penalty moved into a closed quarter'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 4, ''kpi'', 3.5, %s, 70)', :s101_q4, :k102_4), '23514',
	 'employee 101 (Ахметов Айдар): quarter 2025-Q4 of body 1 is closed', 'no score into a closed quarter'),
	(format('UPDATE item SET score = 5 WHERE sheet_id = %s AND no = 1', :s103_q4), '23514',
	 'employee 103 (Сериков Ерлан): quarter 2025-Q4 of body 1 is closed', 'no change of a score of a closed quarter'),
	(format('DELETE FROM item WHERE sheet_id = %s AND no = 1', :s103_q4), '23001',
	 'a score of employee 103 (Сериков Ерлан), 2025-Q4 must be kept until 2029-01-05', '§11: no deletion of a score of a closed quarter'),
	($$INSERT INTO sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
	   VALUES (113, '2025-Q4', 1, 'typical-2023', 'kpi', 'kpi', 101)$$, '23514',
	 'employee 113 (Калиев Серик): quarter 2025-Q4 of body 1 is closed', 'no sheet into a closed quarter'),
	(format('UPDATE sheet SET evaluator_id = 101 WHERE id = %s', :s103_q4), '23514',
	 'employee 103 (Сериков Ерлан): quarter 2025-Q4 of body 1 is closed', 'no change of a sheet of a closed quarter'),
	(format('DELETE FROM sheet WHERE id = %s', :s103_q4), '23001',
	 'the sheet of employee 103 (Сериков Ерлан), 2025-Q4 must be kept until 2029-01-05', '§11: no deletion of a sheet of a closed quarter'),
	($$UPDATE kpi_target SET actual = 99 WHERE q = '2025-Q4' AND kpi_id IN (SELECT id FROM kpi WHERE employee_id = 101)$$, '23514',
	 'employee 101 (Ахметов Айдар): quarter 2025-Q4 of body 1 is closed', 'no change of a KPI''s actual value in a closed quarter'),
	($$UPDATE kpi SET name = 'Доля обращений' WHERE employee_id = 101 AND year = 2025 AND no = 1$$, '23514',
	 'employee 101 (Ахметов Айдар): quarter 2025-Q4 of body 1 is closed', 'no change of a KPI graded in a closed quarter')
) AS t(sql, state, msg, label);
-- a statement breaking several item rules is refused for the first: by rule (missing sheet, other form,
-- closed quarter, time window), then by the lowest sheet id, whatever the order of its rows
SELECT pg_temp.refused(sql, state, msg, label)
FROM (VALUES
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 4, ''wko-non-leadership'', 4), (-1, 1, ''typical-ranking'', 4)', :s103),
	 '23503', 'sheet -1 does not exist', 'a missing sheet comes before another form'),
	(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 4, ''wko-non-leadership'', 4), (%s, 4, ''wko-non-leadership'', 4)', :s104, :s103),
	 '23514', format('employee 103 (Сериков Ерлан): an item of form wko-non-leadership cannot go on sheet %s for 2026-Q1, whose form is typical-ranking', :s103),
	 'of two items of another form, the lower sheet is named'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 4, ''kpi'', 3.5, %s, 70), (%s, 4, ''wko-non-leadership'', 4, NULL, NULL)',
	        :s101_q4, :k102_4, :s104),
	 '23514', format('employee 104 (Нурланова Динара): an item of form wko-non-leadership cannot go on sheet %s for 2026-Q1, whose form is typical-ranking', :s104),
	 'another form comes before a closed quarter'),
	(format('INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (%s, 4, ''typical-ranking'', 4, NULL, NULL), (%s, 4, ''kpi'', 3.5, %s, 70)',
	        :s104, :s101_q4, :k102_4),
	 '23514', 'employee 101 (Ахметов Айдар): quarter 2025-Q4 of body 1 is closed',
	 'one item into a closed quarter refuses the whole statement')
) AS t(sql, state, msg, label);
SELECT lives_ok($$UPDATE kpi SET achieved = true WHERE employee_id = 101 AND year = 2025 AND no = 1$$,
                '§7: a KPI''s annual outcome may be recorded while its year is open');

-- ============ §8a 360 of 2025 (typical-2023 ¶33–35), before its deadline 2026-01-10 ============
SELECT pg_temp.at('2026-01-05') \g /dev/null
SELECT lives_ok($$INSERT INTO survey (employee_id, body_id, year, survey_form, methodology)
                  VALUES (103, 1, 2025, 'employees', 'typical-2023'), (104, 1, 2025, 'employees', 'typical-2023')$$,
                '§8a: 360 surveys of two employees are accepted');
SELECT id AS v103 FROM survey WHERE employee_id = 103 AND year = 2025 \gset
SELECT id AS v104 FROM survey WHERE employee_id = 104 AND year = 2025 \gset
SELECT pg_temp.refused(format($$INSERT INTO survey (employee_id, body_id, year, survey_form, methodology) VALUES (%s, 1, %s, %L, %L)$$, e, y, f, m),
                       state, msg, label)
FROM (VALUES
	(101, 2025, 'employees', 'typical-2023', '23514',
	 'employee 101 (Ахметов Айдар): the 2025 360 survey must use the heads form under typical-2023, not employees under typical-2023',
	 '§8a: heads answer appendix 5'),
	(114, 2025, 'employees', 'wko-2026', '23514',
	 'employee 114 (Ермекова Айгерим): the 2025 360 survey must use the employees form under typical-2023, not employees under wko-2026',
	 '§5: the survey is under the edition in force on 31 December'),
	(103, 2026, 'employees', 'wko-2026', '23514',
	 'employee 103 (Сериков Ерлан): wko-2026 has no 360 evaluation, so body 1 runs no survey for 2026',
	 '§8a: wko-2026 has no 360'),
	(201, 2025, 'employees', 'typical-2023', '23514',
	 'employee 201 (Досанова Камила): holds no position in body 1 in 2025', '§6: no survey of someone outside the body'),
	(103, 2025, 'employees', 'typical-2023', '23505',
	 'duplicate key value violates unique constraint "one_survey_per_evaluatee_and_year"', 'one survey per evaluatee and year')
) AS t(e, y, f, m, state, msg, label);
SELECT lives_ok(format($$INSERT INTO respondent (survey_id, employee_id, role)
                         VALUES (%1$s, 103, 'self'), (%1$s, 102, 'supervisor'), (%1$s, 104, 'peer'), (%1$s, 114, 'peer')$$, :v103),
                '§8a ¶35: the self-assessment and three respondents are accepted');
SELECT lives_ok(format($$INSERT INTO respondent (survey_id, employee_id, role)
                         SELECT %s, e, CASE e WHEN 104 THEN 'self' WHEN 102 THEN 'supervisor' ELSE 'peer' END
                         FROM unnest(ARRAY[104, 102, 101, 103, 105, 109, 110, 111]) e$$, :v104),
                '§8a ¶35: the self-assessment and seven respondents are accepted');
SELECT pg_temp.refused(sql, state, msg, label)
FROM (VALUES
	(format($$INSERT INTO respondent (survey_id, employee_id, role)
	          VALUES (%1$s, 101, 'peer'), (%1$s, 105, 'peer'), (%1$s, 109, 'peer'), (%1$s, 110, 'subordinate'), (%1$s, 111, 'peer')$$, :v103),
	 '23514', 'employee 103 (Сериков Ерлан): the 2025 360 survey has 8 respondents besides the self-assessment, more than 7',
	 '§8a ¶35: no more than 7 respondents'),
	(format($$INSERT INTO respondent (survey_id, employee_id, role) VALUES (%s, 114, 'peer')$$, :v104),
	 '23514', 'employee 104 (Нурланова Динара): the 2025 360 survey has 8 respondents besides the self-assessment, more than 7',
	 '§8a ¶35: an eighth respondent is refused'),
	(format($$UPDATE respondent SET role = 'peer' WHERE survey_id = %s AND employee_id = 103$$, :v103),
	 '23514', format('respondent %s cannot be changed', (SELECT id FROM respondent WHERE survey_id = :v103 AND employee_id = 103)),
	 'a respondent is not changed'),
	(format($$INSERT INTO respondent (survey_id, employee_id, role) VALUES (%s, 103, 'subordinate')$$, :v103),
	 '23505', 'duplicate key value violates unique constraint "one_answer_sheet_per_respondent"', 'a respondent answers once')
) AS t(sql, state, msg, label);
SELECT id AS r103_self FROM respondent WHERE survey_id = :v103 AND employee_id = 103 \gset
SELECT id AS r103_102 FROM respondent WHERE survey_id = :v103 AND employee_id = 102 \gset
RESET ROLE;
-- the evaluatee as an ordinary respondent, and someone else as self: a fresh survey with no respondents yet
INSERT INTO survey (employee_id, body_id, year, survey_form, methodology) VALUES (114, 1, 2025, 'employees', 'typical-2023');
SET ROLE ocenka_test_clerk;
SELECT pg_temp.refused(format($$INSERT INTO respondent (survey_id, employee_id, role) VALUES (%s, %s, %L)$$,
                              (SELECT id FROM survey WHERE employee_id = 114 AND year = 2025), e, r), '23514', msg, label)
FROM (VALUES
	(114, 'peer', 'employee 114 (Ермекова Айгерим) cannot answer the 2025 360 survey of employee 114 (Ермекова Айгерим) as peer',
	 '§8a ¶35: the evaluatee takes part only as self'),
	(102, 'self', 'employee 102 (Байжанова Асель) cannot answer the 2025 360 survey of employee 114 (Ермекова Айгерим) as self',
	 '§8a ¶35: only the evaluatee answers as self')
) AS t(e, r, msg, label);
SELECT lives_ok(format($$INSERT INTO answer (respondent_id, survey_id, competency_no, question_no, answer, is_self)
                         VALUES (%s, %s, 1, 1, 4, false), (%s, %s, 1, 1, 5, true)$$, :r103_102, :v103, :r103_self, :v103),
                '§8a: answers 1–5 of a respondent and of the self-assessment are accepted');
SELECT pg_temp.refused(format($$INSERT INTO answer (respondent_id, survey_id, competency_no, question_no, answer, is_self)
                                VALUES (%s, %s, %s, %s, %s, %L)$$, r, s, c, qn, a, self), state, msg, label)
FROM (VALUES
	(:r103_102, :v103, 1, 2, 6, false, '23514', 'new row for relation "answer" violates check constraint "answer_one_to_five"',
	 '§8a: an answer above 5 is refused'),
	(:r103_102, :v103, 1, 2, 0, false, '23514', 'new row for relation "answer" violates check constraint "answer_one_to_five"',
	 '§8a: an answer below 1 is refused'),
	(:r103_102, :v103, 9, 1, 4, false, '23514',
	 format('employee 103 (Сериков Ерлан): the employees form of survey %s has no question 9.1', :v103),
	 '§8a: the employees form has 8 competencies'),
	(:r103_102, :v103, 13, 1, 4, false, '23514', 'new row for relation "answer" violates check constraint "answer_competency_no_check"',
	 '§8a: no form has a 13th competency'),
	(:r103_102, :v104, 1, 2, 4, false, '23503', format('respondent %s of survey %s does not exist', :r103_102, :v104),
	 'an answer belongs to a respondent of its own survey'),
	(:r103_102, :v103, 1, 2, 4, true, '23514',
	 format('employee 102 (Байжанова Асель): an answer of respondent %s (supervisor) to the 2025 360 survey of employee 103 (Сериков Ерлан) must have is_self = false', :r103_102),
	 '§8a ¶35: a respondent''s answer is not a self-assessment'),
	(:r103_self, :v103, 1, 2, 4, false, '23514',
	 format('employee 103 (Сериков Ерлан): an answer of respondent %s (self) to the 2025 360 survey of employee 103 (Сериков Ерлан) must have is_self = true', :r103_self),
	 '§8a ¶35: the self-assessment is flagged as such')
) AS t(r, s, c, qn, a, self, state, msg, label);
SELECT pg_temp.refused(format($$UPDATE survey SET %s WHERE id = %s$$, change, :v103), '23514', msg, label)
FROM (VALUES
	('employee_id = 105', format('employee 103 (Сериков Ерлан): survey %s cannot change its evaluatee, year or body', :v103),
	 'a survey keeps its evaluatee'),
	('survey_form = ''heads''',
	 'employee 103 (Сериков Ерлан): the 2025 360 survey must use the employees form under typical-2023, not heads under typical-2023',
	 '§8a: a survey keeps the form of its evaluatee')
) AS t(change, msg, label);
SELECT lives_ok(format($$INSERT INTO answer (respondent_id, survey_id, competency_no, question_no, answer, is_self)
                         SELECT id, survey_id, 1, n, 3, false FROM respondent, generate_series(1, 3) n
                         WHERE survey_id = %s AND employee_id = 110$$, :v104),
                'a respondent''s answers are accepted');
SELECT id AS r104_110 FROM respondent WHERE survey_id = :v104 AND employee_id = 110 \gset
SELECT lives_ok(format('DELETE FROM respondent WHERE id = %s', :r104_110), 'a respondent can be removed before the deadline');
-- (answers are read only by admin, src/access/access.sql: the administrator counts them)
SET ROLE ocenka_test_dba;
SELECT is((SELECT count(*)::int FROM answer WHERE respondent_id = :r104_110), 0,
          '§8a: a removed respondent''s answers go with it and are no longer counted');
SET ROLE ocenka_test_clerk;
SELECT pg_temp.at('2026-01-11') \g /dev/null
SELECT pg_temp.refused(sql, '23514', 'employee 103 (Сериков Ерлан): the deadline for the 2025 360 evaluation under typical-2023 was 2026-01-10', label)
FROM (VALUES
	(format($$INSERT INTO answer (respondent_id, survey_id, competency_no, question_no, answer, is_self)
	          VALUES (%s, %s, 1, 2, 4, false)$$, :r103_102, :v103),
	 '§5 typical-2023 ¶4: 360 answers by the 10th day after the reporting year'),
	(format('DELETE FROM respondent WHERE id = %s', :r103_102), '§5: no removal of a respondent after the 360 deadline'),
	(format('DELETE FROM survey WHERE id = %s', :v103), '§5: no deletion of a survey after the 360 deadline'),
	(format('UPDATE survey SET methodology = ''typical-2023'' WHERE id = %s', :v103), '§5: no change of a survey after the 360 deadline')
) AS t(sql, label);
-- answers are changed only by their respondent or admin (src/access/access.sql): the administrator tries
SET ROLE ocenka_test_dba;
SELECT pg_temp.refused(sql, '23514', 'employee 103 (Сериков Ерлан): the deadline for the 2025 360 evaluation under typical-2023 was 2026-01-10', label)
FROM (VALUES
	(format('UPDATE answer SET answer = 5 WHERE respondent_id = %s', :r103_102), '§5: no change of an answer after the 360 deadline'),
	(format('DELETE FROM answer WHERE respondent_id = %s', :r103_102), '§5: no deletion of an answer after the 360 deadline')
) AS t(sql, label);
SET ROLE ocenka_test_clerk;

-- ============ late entry (§5): HR only, with a reason, inside a transaction ============
SELECT pg_temp.at('2026-04-11') \g /dev/null
RESET ROLE;
-- (dblink's connection is the superuser's: the transaction block is checked before the capacity)
SELECT throws_ok(format($$SELECT dblink_exec(%L, 'SELECT ocenka.begin_late_entry(''a reason'')')$$, conninfo), '25P01',
                 'late_entry can only begin inside a transaction block', 'late entry needs a transaction block')
FROM other_session;
SET ROLE ocenka_test_clerk;
SELECT pg_temp.refused(sql, state, msg, label)
FROM (VALUES
	($$SELECT begin_late_entry('приказ № 20-к')$$, '42501', 'permission denied to begin late_entry',
	 'an ordinary role cannot begin late entry'),
	($$SELECT begin_historical_load('перенос из e-qyzmet')$$, '42501', 'permission denied to begin historical_load',
	 'an ordinary role cannot begin a historical load')
) AS t(sql, state, msg, label);
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.refused(sql, state, msg, label)
FROM (VALUES
	($$SELECT begin_late_entry('')$$, '22023', 'late_entry needs a reason', 'late entry needs a reason'),
	($$SELECT begin_late_entry(E' \t ')$$, '22023', 'late_entry needs a reason', 'a blank reason is no reason'),
	($$SELECT begin_historical_load('перенос из e-qyzmet')$$, '42501', 'permission denied to begin historical_load',
	 'the hr capacity is not the admin capacity')
) AS t(sql, state, msg, label);
SELECT is(entry_mode(), 'normal', 'refused switches leave the transaction in normal entry');
SELECT lives_ok($$SELECT begin_late_entry('приказ № 20-к: оценщик был в командировке')$$,
                'a member of a role with the hr capacity begins late entry with a reason');
SELECT is(entry_mode(), 'late_entry', 'the transaction is in late entry');
SELECT lives_ok(format('INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 3, ''typical-ranking'', 4.5)', :s103),
                '§5: in late entry a score after the deadline is accepted');
SELECT pg_temp.refused(format('UPDATE item SET score = 5 WHERE sheet_id = %s AND no = 1', :s103_q4), '23514',
                       'employee 103 (Сериков Ерлан): quarter 2025-Q4 of body 1 is closed',
                       'late entry does not open a closed quarter');
RESET ROLE;
SELECT results_eq(
	$$SELECT actor::text COLLATE "default", table_name, operation::text, mode, reason, body_id::int, q::text, row_count,
	         (SELECT r.new_row->>'score' FROM audit_rows(id) r WHERE r.ordinal = 1)
	  FROM audit_log WHERE operation = 'LATE_ENTRY' OR (table_name = 'item' AND mode = 'late_entry') ORDER BY id$$,
	$$VALUES ('ocenka_test_hr_officer', '', 'LATE_ENTRY', 'late_entry', 'приказ № 20-к: оценщик был в командировке', NULL::int, NULL::text, 0, NULL::text),
	         ('ocenka_test_hr_officer', 'item', 'INSERT', 'late_entry', 'приказ № 20-к: оценщик был в командировке', 1, '2026-Q1', 1, '4.50')$$,
	'the audit log records the switch and the late score, with who, the reason and the quarter');

SELECT * FROM finish();
ROLLBACK;
