-- pgTAP: the views for BI tools (issue 15 item 3) give exact numbers on a known body: final results
-- per person with unit (a calibration decision counts), gradation distributions per body and unit,
-- KPI achievement, the weakest competencies, and the pre-calibration departure of evaluators
-- (lenient, severe, too_few) with its z. Rows are written as the superuser with the entry rules off
-- (session_replication_role = replica); the views are read by ocenka_tester.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(12);

SET client_min_messages = warning;
\o /dev/null
SET session_replication_role = replica;
INSERT INTO body (id, name, code) VALUES (1, 'Орган', 'B-1');
INSERT INTO body_edition (body_id, valid_from, methodology) VALUES (1, '2023-08-03', 'typical-2023'), (1, '2026-05-05', 'wko-2026');
INSERT INTO unit (id, body_id, name) VALUES (1, 1, 'Отдел 1'), (2, 1, 'Отдел 2');
INSERT INTO employee (id, full_name) SELECT n, 'Служащий ' || n FROM generate_series(1, 11) n;
INSERT INTO employee (id, full_name) VALUES (50, 'Мягкий Оценщик'), (51, 'Строгий Оценщик');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on)
SELECT n, 1, CASE WHEN n <= 5 THEN 1 ELSE 2 END, 'Главный специалист', 'E-4', false, '2020-01-10' FROM generate_series(1, 11) n;
-- evaluator 50 gives 4.80 five times; evaluator 51 gives 3.00, 3.50, 4.00 twice each
INSERT INTO sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id)
SELECT n, n, '2026-Q2', 1, 'wko-2026', 'ranking', 'wko-non-leadership', CASE WHEN n <= 5 THEN 50 ELSE 51 END FROM generate_series(1, 11) n;
INSERT INTO quarter_result (employee_id, q, body_id, methodology, status, sheet_id, method, form, mean, score, gradation, completed_on)
SELECT n, '2026-Q2', 1, 'wko-2026', 'evaluated', n, 'ranking', 'wko-non-leadership', m, m, gradation(m::score), '2026-07-20'
FROM (SELECT n, CASE WHEN n <= 5 THEN 4.80 ELSE (ARRAY[3.00, 3.50, 4.00])[(n - 6) % 3 + 1] END AS m FROM generate_series(1, 11) n) x;
-- a calibration session brings person 1's 4.80 down to 3.90
INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_before, gradation_before, score_after, gradation_after,
                             decided_on, document, decided_by, recorded_on)
VALUES (1, 1, '2026-Q2', 'calibration', 'revised', 4.80, 'effective', 3.90, 'proper', '2026-07-25', 'протокол № 1', 'сессия', '2026-07-25');
-- a KPI plan of person 11 in 2025: one KPI graded in 2025-Q3, one target not graded
INSERT INTO kpi (id, employee_id, body_id, year, no, name, unit_of_measure, direction) VALUES
	(1, 11, 1, 2025, 1, 'Жалобы', 'шт.', 'decrease'), (2, 11, 1, 2025, 2, 'Бюджет', '%', 'increase');
INSERT INTO kpi_target (kpi_id, q, plan, actual) VALUES (1, '2025-Q3', 10, 12), (2, '2025-Q3', 50, 45);
INSERT INTO sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id) VALUES (20, 11, '2025-Q3', 1, 'typical-2023', 'kpi', 'kpi', 51);
INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES (20, 1, 'kpi', 4.16, 1, 83.33);
INSERT INTO quarter_result (employee_id, q, body_id, methodology, status, sheet_id, method, form, mean, score, gradation, completed_on)
VALUES (11, '2025-Q3', 1, 'typical-2023', 'evaluated', 20, 'kpi', 'kpi', 4.16, 4.16, 'effective', '2025-10-10');
-- two 360 results of 2025: competency 3 is the weakest of both, competency 5 of the second too
INSERT INTO survey (id, employee_id, body_id, year, survey_form, methodology) VALUES
	(30, 1, 1, 2025, 'employees', 'typical-2023'), (31, 2, 1, 2025, 'employees', 'typical-2023');
INSERT INTO competency_result (survey_id, competency_no, competency_code, mean, self_mean, answers, weakest, completed_on)
SELECT s, c, q.competency_code, CASE WHEN c = 3 OR (s = 31 AND c = 5) THEN 3.00 ELSE 4.00 + (s - 30) * 0.50 END, 4.00, 9,
       c = 3 OR (s = 31 AND c = 5), '2026-01-10'
FROM unnest(ARRAY[30, 31]) s, generate_series(1, 8) c
JOIN competency_question q ON q.survey_form = 'employees' AND q.competency_no = c AND q.question_no = 1;
SET session_replication_role = origin;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_tester;
-- row-level security (src/access/access.sql): the reader keeps the records of every body
INSERT INTO ocenka.staff_capacity VALUES ('ocenka_tester', 'records');
\o
RESET client_min_messages;

SET ROLE ocenka_tester;
SELECT results_eq(
	$$SELECT employee_id::int, unit_name, computed_score, final_score, final_gradation, final_level, final_state
	  FROM bi_quarter_result WHERE employee_id IN (1, 2, 6) ORDER BY employee_id$$,
	$$VALUES (1, 'Отдел 1', 4.80, 3.90, 'proper', 3, 'decided'), (2, 'Отдел 1', 4.80, 4.80, 'effective', 4, 'computed'),
	         (6, 'Отдел 2', 3.00, 3.00, 'proper', 3, 'computed')$$,
	'bi_quarter_result: the final grade (a calibration decision counts), the unit, the level');
SELECT results_eq(
	$$SELECT per_unit, unit_name, gradation, level, people::int, percent FROM bi_gradation_distribution
	  WHERE period = '2026-Q2' ORDER BY per_unit, unit_name NULLS FIRST, level$$,
	$$VALUES (false, NULL::text, 'proper', 3, 5, 45.45), (false, NULL, 'effective', 4, 6, 54.55),
	         (true, 'Отдел 1', 'proper', 3, 1, 20.00), (true, 'Отдел 1', 'effective', 4, 4, 80.00),
	         (true, 'Отдел 2', 'proper', 3, 4, 66.67), (true, 'Отдел 2', 'effective', 4, 2, 33.33)$$,
	'bi_gradation_distribution: final gradations per body and per unit, with percentages');
SELECT is((SELECT sum(percent) FROM bi_gradation_distribution WHERE period = '2026-Q2' AND NOT per_unit), 100.00,
          'the body''s percentages add up to 100');
SELECT results_eq(
	$$SELECT kpi_no::int, period, plan, actual, percent, grade FROM bi_kpi_achievement WHERE employee_id = 11 ORDER BY kpi_no$$,
	$$VALUES (1, '2025-Q3', 10::numeric, 12::numeric, 83.33, 4.16), (2, '2025-Q3', 50, 45, 90.00, NULL)$$,
	'bi_kpi_achievement: the graded item''s percentage and grade, else the computed percentage');
SELECT results_eq(
	$$SELECT competency_no::int, surveys::int, mean_of_means, weakest_for::int, weakest_percent, weakest_rank::int
	  FROM bi_weakest_competency WHERE year = 2025 AND competency_no IN (1, 3, 5) ORDER BY competency_no$$,
	$$VALUES (1, 2, 4.25, 0, 0.00, 3), (3, 2, 3.00, 2, 100.00, 1), (5, 2, 3.50, 1, 50.00, 2)$$,
	'bi_weakest_competency: means, how often weakest, and the rank');
SELECT results_eq(
	$$SELECT evaluator_id::int, method, sheets::int, evaluator_mean, other_sheets::int, others_mean, others_sd, z, departure
	  FROM bi_evaluator_departure WHERE period = '2026-Q2' ORDER BY evaluator_id$$,
	$$VALUES (50, 'ranking', 5, 4.80, 6, 3.50, 0.447, 6.50, 'lenient'), (51, 'ranking', 6, 3.50, 5, 4.80, 0.000, NULL, 'severe')$$,
	'bi_evaluator_departure: z = (4.80 − 3.50) / (0.447 / √5) = 6.50: lenient; against identical others: severe');
SELECT is((SELECT departure FROM bi_evaluator_departure WHERE period = '2025-Q3'), 'too_few',
          'one KPI sheet is too few to judge');
SELECT is((SELECT evaluator_mean FROM bi_evaluator_departure WHERE evaluator_id = 50 AND period = '2026-Q2'), 4.80,
          'the departure is judged on the computed means, before calibration');
SELECT ok((SELECT bool_and(obj_description(c.oid, 'pg_class') IS NOT NULL) FROM pg_class c
           WHERE c.relnamespace = 'ocenka'::regnamespace AND c.relname LIKE 'bi\_%'), 'every BI view has a comment');
SELECT is((SELECT count(*)::int FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
           WHERE c.relnamespace = 'ocenka'::regnamespace AND c.relname LIKE 'bi\_%' AND a.attnum > 0
             AND col_description(c.oid, a.attnum) IS NULL), 0, 'every column of every BI view has a comment');
SELECT is((SELECT count(*)::int FROM pg_class c WHERE c.relnamespace = 'ocenka'::regnamespace AND c.relname LIKE 'bi\_%'
           AND c.reloptions @> '{security_invoker=true}'), 6, 'the six BI views run with the caller''s rights');
RESET ROLE;
REVOKE SELECT ON ocenka.result_decision FROM ocenka_tester;
SET ROLE ocenka_tester;
SELECT throws_ok($$SELECT count(final_score) FROM bi_quarter_result$$, '42501', 'permission denied for table result_decision',
                 'a caller who may not read the decisions gets 42501, not computed grades posing as final');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
