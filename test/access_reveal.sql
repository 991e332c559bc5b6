-- pgTAP: the functions that reveal data (issue 13 item 6) run with the caller's rights, so they never
-- show what the caller could not SELECT: explain_result, explain_annual_result, explain_text,
-- result_history, the printed forms (render_sheet, render_360, render_kpi_plan) and the reports
-- (reporting_cells refuses anyone not given it; see test/access_reporting.sql), and the views over
-- evaluation data (security_invoker). Body 1's 2025-Q3 is
-- completed and closed; 104's result is 4.25 (effective), with an annual result of 4.25 and a 360
-- result for 2025 written as the superuser. Asked as a role that is no employee, and as the evaluatee
-- 103 about 104, each answers as for a person with no such result (22023) or with nothing; no answer,
-- error message, detail or hint carries 104's score.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(8);
\ir fixture/store.sql
\o /dev/null
INSERT INTO fixture_scores VALUES (104, '2025-Q3', '{5,4,3,5}');
SELECT pg_temp.complete(1, '2025-Q3', '2025-10-05', true);
SELECT pg_temp.at('2025-10-20');
SET session_replication_role = replica;
INSERT INTO annual_result (employee_id, year, body_id, methodology, rule, status, quarters, score, gradation, completed_on)
VALUES (104, 2025, 1, 'typical-2023', 'mean_of_quarters', 'evaluated', 1, 4.25, 'effective', '2026-01-10');
INSERT INTO survey (id, employee_id, body_id, year, survey_form, methodology) VALUES (30, 104, 1, 2025, 'employees', 'typical-2023');
INSERT INTO competency_result (survey_id, competency_no, competency_code, mean, self_mean, answers, weakest, completed_on)
SELECT 30, c, q.competency_code, 4.25, 4.00, 9, c = 3, '2026-01-10'
FROM generate_series(1, 8) c JOIN competency_question q ON q.survey_form = 'employees' AND q.competency_no = c AND q.question_no = 1;
SET session_replication_role = origin;
CREATE ROLE ocenka_test_readers NOLOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_test_readers;
CREATE ROLE ocenka_test_nobody NOLOGIN IN ROLE ocenka_test_readers;
CREATE ROLE ocenka_test_p103 NOLOGIN IN ROLE ocenka_test_readers;
INSERT INTO person_login VALUES ('ocenka_test_p103', 103);
-- what a call shows: its value as text, or its error with message, detail and hint
CREATE FUNCTION pg_temp.shown(stmt text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	v text;
	s text; m text; d text; h text;
BEGIN
	EXECUTE stmt INTO v;
	RETURN coalesce(v, '(null)');
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
	RETURN format('ERROR %s: %s | %s | %s', s, m, d, h);
END $f$;
CREATE TEMP TABLE calls (f text, stmt text);
INSERT INTO calls VALUES
	('explain_result', $$SELECT explain_result(104, '2025-Q3')::text$$),
	('explain_text', $$SELECT explain_text(104, '2025-Q3', 'en')$$),
	('explain_annual_result', $$SELECT explain_annual_result(104, 2025)::text$$),
	('result_history', $$SELECT result_history(104, '2025-Q3', NULL)::text$$),
	('render_sheet', $$SELECT render_sheet(104, '2025-Q3', 'en')$$),
	('render_360', $$SELECT render_360(104, 2025, 'en')$$),
	('render_kpi_plan', $$SELECT render_kpi_plan(101, 2025, 'en')$$);
CREATE TEMP TABLE seen (who text, f text, shown text);
GRANT SELECT ON calls TO PUBLIC;
GRANT INSERT, SELECT ON seen TO PUBLIC;
CREATE FUNCTION pg_temp.look(who text) RETURNS void LANGUAGE sql AS $$
	INSERT INTO seen SELECT who, f, pg_temp.shown(stmt) FROM calls
$$;
SELECT pg_temp.look('superuser');
SET ROLE ocenka_test_nobody;
SELECT pg_temp.look('nobody');
RESET ROLE;
SET ROLE ocenka_test_p103;
SELECT pg_temp.look('evaluatee 103');
RESET ROLE;
\o

SELECT is((SELECT count(*)::int FROM seen WHERE who = 'superuser' AND shown NOT LIKE 'ERROR%' AND shown <> '(null)'), 7,
	'each function shows the data to whom may see it (here the superuser): the test asks about something that exists');
SELECT is((SELECT count(*)::int FROM seen WHERE who = 'superuser' AND f <> 'render_kpi_plan' AND shown ~ '4[.,]25'), 6,
	'… and 104''s score 4.25 is in each answer about 104');
SELECT results_eq($$SELECT f, split_part(shown, ' | ', 1) FROM seen WHERE who = 'nobody' ORDER BY f$$,
	$$VALUES ('explain_annual_result', 'ERROR 22023: no annual result for employee 104 (Нурланова Динара) in 2025'),
	         ('explain_result', 'ERROR 22023: no result for employee 104 (Нурланова Динара) in 2025-Q3'),
	         ('explain_text', 'ERROR 22023: no result for employee 104 (Нурланова Динара) in 2025-Q3'),
	         ('render_360', 'ERROR 22023: no 360 result for employee 104 (Нурланова Динара) in 2025'),
	         ('render_kpi_plan', 'ERROR 22023: no KPI plan for employee 101 (Ахметов Айдар) in 2025'),
	         ('render_sheet', 'ERROR 22023: no result for employee 104 (Нурланова Динара) in 2025-Q3'),
	         ('result_history', '(null)')$$,
	'a role that is no employee: each answers as for a result that does not exist (22023; the hint says when results exist)');
SELECT results_eq($$SELECT f, shown FROM seen WHERE who = 'evaluatee 103' ORDER BY f$$,
	$$SELECT f, shown FROM seen WHERE who = 'nobody' ORDER BY f$$,
	'the evaluatee 103 asking about 104 (and 101''s plan) is answered the same');
SELECT is((SELECT count(*)::int FROM seen WHERE who <> 'superuser' AND (shown ~ '4[.,]25' OR shown ~* 'effective')), 0,
	'no answer, message, detail or hint to them carries 104''s score or gradation');
-- the views over evaluation data run with the reader's rights: the audit log read back, the
-- competency assessments, the count sheets ready for the commission, the late KPI actuals
SET ROLE ocenka_test_nobody;
SELECT results_eq($$SELECT (SELECT count(*) FROM audit_trail)::int, (SELECT count(*) FROM competency_assessment_result)::int,
                           (SELECT count(*) FROM sheet_ready_for_commission)::int, (SELECT count(*) FROM late_kpi_actual)::int$$,
	$$VALUES (0, 0, 0, 0)$$,
	'a role granted SELECT on every view but no row of the tables reads none through the views (the audit log has entries)');
RESET ROLE;

-- the rules run as the owner: a writer of another body (the HR head of body 2, who may write
-- decisions of body 2 only) naming 104's result is refused without hearing of its grade
RESET ROLE;
\o /dev/null
CREATE ROLE ocenka_test_head2 NOLOGIN IN ROLE ocenka_test_readers;
GRANT INSERT ON ocenka.result_decision, ocenka.acquaintance, ocenka.calibration_application TO ocenka_test_head2;
INSERT INTO person_login VALUES ('ocenka_test_head2', 200);
INSERT INTO hr_head VALUES (2, 200, '2020-01-01', NULL);
\o
SET ROLE ocenka_test_head2;
SELECT results_eq($$SELECT split_part(x.shown, ':', 1), x.shown ~ '4[.,]25|effective|2025-10-05' FROM (VALUES
	(1, pg_temp.shown($i$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
	                     VALUES (104, 2, '2025-Q3', 'commission', 'upheld', 1.00, 'unsatisfactory', '2025-10-15', 'x', 'y')$i$)),
	(2, pg_temp.shown($i$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by, source_id)
	                     VALUES (104, 2, '2025-Q3', 'calibration', 'revised', 1.00, 'unsatisfactory', '2025-10-15', 'x', 'y', 1)$i$)),
	(3, pg_temp.shown($i$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (104, 2, '2025-Q3', 'signed', '2025-10-01')$i$)),
	(4, pg_temp.shown($i$INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (104, 2, '2025-Q3', '2025-10-01')$i$))
	) x(n, shown) ORDER BY x.n$$,
	$$VALUES ('ERROR 42501', false), ('ERROR 23503', false), ('ERROR 42501', false), ('ERROR 42501', false)$$,
	'a writer of another body naming 104''s result (a decision, a calibration decision, an acquaintance, an application) is refused (no hr capacity; no session of that result), never told its score, gradation or completion day');
RESET ROLE;

SELECT is((SELECT array_agg(p.proname::text ORDER BY p.proname) FROM pg_proc p
           WHERE p.pronamespace = 'ocenka'::regnamespace AND p.proleakproof),
	ARRAY['quarter_cmp', 'quarter_eq', 'quarter_ge', 'quarter_gt', 'quarter_hash', 'quarter_hash_extended', 'quarter_le', 'quarter_lt', 'quarter_ne',
	      'score_cmp', 'score_eq', 'score_ge', 'score_gt', 'score_hash', 'score_hash_extended', 'score_le', 'score_lt', 'score_ne'],
	'LEAKPROOF only on the comparisons and hashes of quarters and scores (integers underneath), which cannot fail and so reveal nothing of a row the policies hide');

SELECT * FROM finish();
ROLLBACK;
