-- pgTAP: before and beside the grade (issue 12 items 1, 2, 6, 7) — the KPI plan's signed steps under typical-2023
-- (agreements, approval, return and resubmission, posting, reopening on a change of structure) and akmola-2018 /
-- legacy-2021 (indicators, the computed outcome), the review chain of an annual KPI-count sheet, signed quarterly
-- sheets with justifications, the outbox of notices and HR's duties. Every refusal is checked for its SQLSTATE,
-- constraint and exact message, and that nothing of it was written.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(170);
\ir fixture/store.sql
-- this suite registers the HR services it needs itself: not the fixture's HR employee 101
DELETE FROM ocenka.body_service WHERE service = 'hr' AND employee_id = 101;

\o /dev/null
GRANT INSERT, UPDATE, DELETE ON kpi_plan, kpi_indicator, count_sheet, review_step, item_note TO ocenka_test_clerk;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_test_clerk;
REVOKE ALL ON audit_log, audit_trail FROM ocenka_test_clerk;
-- akmola-2018 (body 2): 209 reports to the head of the apparatus 200, who reports to 210
INSERT INTO employee (id, full_name) VALUES (209, 'Жақсыбеков Марат'), (210, 'Төрағаев Болат');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on) VALUES
	(209, 2, 3, 'Бас маман', 'E-R-3', false, '2019-02-01');
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES
	(209, 200, 'immediate_supervisor', '2019-02-01'), (200, 210, 'immediate_supervisor', '2018-05-01'),
	(201, 200, 'immediate_supervisor', '2019-01-01'), (202, 200, 'immediate_supervisor', '2019-01-01'),
	(203, 200, 'immediate_supervisor', '2019-01-01'), (204, 200, 'immediate_supervisor', '2021-10-01');
-- legacy-2021 (body 4) for 2022: 400 reports to 401. Body 4 applies vsk-2018 and adopted chapter 6 of seed 000;
-- 400, temporarily unable to work in March 2022, is evaluated for 2022 by legacy-2021 (¶48–49)
INSERT INTO body (id, name, code) VALUES (4, 'Бөкей ордасы аудандық бөлімі (тест)', 'T-4');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES (4, '2020-03-01', 'vsk-2018', 'order No 2-4/26 of 12.07.2018'),
	(4, '2021-07-01', 'legacy-2021', 'resolution No 51, chapter 6');
INSERT INTO unit (id, body_id, name) VALUES (5, 4, 'Бөлім');
INSERT INTO employee (id, full_name) VALUES (400, 'Сапаров Ерлан'), (401, 'Бөлімов Асхат');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on) VALUES
	(400, 4, 5, 'Бас маман', 'E-R-3', false, '2020-03-01'), (401, 4, 5, 'Бөлім басшысы', 'E-R-2', true, '2020-03-01');
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (400, 401, 'immediate_supervisor', '2020-03-01');
INSERT INTO absence (employee_id, kind, first_day, last_day) VALUES (400, 'sick_leave', '2022-03-01', '2022-03-04');
-- who agrees and posts: body 1's HR service is 103, its strategic-planning unit 104; body 2's HR work is 203's
-- (typical-2023 ¶10 «the unit (person)», akmola-2018 ¶24); the superiors follow from ocenka.evaluator
INSERT INTO body_service (body_id, service, employee_id) VALUES (1, 'hr', 103), (1, 'strategic_planning', 104), (2, 'hr', 203);
\o

SET ROLE ocenka_test_clerk;

-- ============ typical-2023: the plan of head 102 for 2024 ============
\o /dev/null
SELECT pg_temp.at('2024-01-09');
INSERT INTO kpi_plan (employee_id, body_id, year) VALUES (102, 1, 2024);
\o
SELECT results_eq($$SELECT methodology, state, revision, due_on FROM kpi_plan WHERE employee_id = 102 AND year = 2024$$,
                  $$VALUES ('typical-2023', 'draft', 1::smallint, '2024-01-16'::date)$$,
                  '¶22: a new plan is a draft, due 10 working days from the period''s start (1, 2 and 7 January are holidays)');
SELECT pg_temp.refused_by($$INSERT INTO kpi_plan (employee_id, body_id, year) VALUES (103, 1, 2024)$$, 'ocenka_kpi_holder',
	'employee 103 (Сериков Ерлан): gets no KPIs for 2024: KPIs are set for heads of units and bodies',
	'§3: a plan only for a head under typical-2023');
\o /dev/null
INSERT INTO kpi (employee_id, body_id, year, no, name, unit_of_measure, direction, expected_result, source)
SELECT 102, 1, 2024, n, format('Көрсеткіш %s', n), '%', 'increase', CASE WHEN n < 3 THEN 'Өтініштер мерзімінде қаралады' END,
       CASE WHEN n < 3 THEN 'Стратегиялық жоспар, 2.1-мақсат' END
FROM generate_series(1, 3) n;
INSERT INTO kpi_target (kpi_id, q, plan, due_on)
SELECT k.id, make_quarter(2024, qn), 100, CASE WHEN k.no < 3 THEN last_day(make_quarter(2024, qn)) END
FROM kpi k, generate_series(1, 4) qn WHERE k.employee_id = 102 AND k.year = 2024;
CREATE TEMP TABLE p AS SELECT id FROM kpi_plan WHERE employee_id = 102 AND year = 2024;
\o
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'submit', 101)$$, 'ocenka_plan_fields',
	'employee 102 (Байжанова Асель): KPI 3 of the 2024 KPI plan has no expected result, link to the planning document or corps A agreement, achievement deadline for 2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4',
	'appendix 1: every KPI needs its expected result, source and quarterly deadlines before it is submitted');
\o /dev/null
UPDATE kpi SET expected_result = 'Бюджет толық игеріледі', source = 'Ұлттық жоба, 3-көрсеткіш' WHERE employee_id = 102 AND year = 2024 AND no = 3;
UPDATE kpi_target t SET due_on = last_day(t.q) FROM kpi k WHERE k.id = t.kpi_id AND k.employee_id = 102 AND k.year = 2024;
\o
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'submit', NULL)$$, 'ocenka_plan_unsigned',
	'employee 102 (Байжанова Асель): step submit of the 2024 KPI plan is not signed', 'a step without a signer is refused');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'approve', 101)$$, 'ocenka_plan_step_order',
	'employee 102 (Байжанова Асель): the 2024 KPI plan is draft, so it cannot take the step approve', 'a draft cannot be approved before it is submitted');
SELECT pg_temp.refused_by($$INSERT INTO review_step (document, document_id, step, signer_id, on_day) VALUES ('kpi_plan', (SELECT id FROM p), 'submit', 101, '2024-01-08')$$,
	'ocenka_plan_step_day', 'employee 102 (Байжанова Асель): step submit of the 2024 KPI plan is dated 2024-01-08, not today (2024-01-09)',
	'a step is dated the day it is taken');
SELECT pg_temp.at('2024-01-10') \g /dev/null
SELECT is(plan_step((SELECT id FROM p), 'submit', 101), 'submitted', '¶22: the evaluator submits the draft within its 10 working days');
SELECT results_eq($$SELECT kind, employee_id::int, period, payload ->> 'step' FROM notice ORDER BY id$$,
                  $$VALUES ('plan_submitted', 100, '2024', 'submit')$$,
                  'the submission writes a notice to the superior (the direct supervisor''s direct supervisor) in the same transaction');
SELECT results_eq($$SELECT duty, actor, due_on, overdue FROM duties('2024-01-10') WHERE employee_id = 102 AND duty LIKE 'plan%' ORDER BY duty$$,
                  $$VALUES ('plan_agree_hr', 'hr', '2024-01-16'::date, false), ('plan_agree_planning', 'planning', '2024-01-16', false),
                           ('plan_approve', 'superior', '2024-01-16', false)$$,
                  'a submitted plan awaits both agreements and the approval (listed as of the steps recorded so far)');
SELECT pg_temp.refused_by($$UPDATE kpi SET name = 'Жаңа атау' WHERE employee_id = 102 AND year = 2024 AND no = 1$$, 'ocenka_plan_approved',
	'employee 102 (Байжанова Асель): the 2024 KPI plan is submitted, so its KPIs cannot change', 'a submitted plan''s KPIs wait for the superior');
SELECT pg_temp.refused_by($$UPDATE kpi_target t SET actual = 90 FROM kpi k WHERE k.id = t.kpi_id AND k.employee_id = 102 AND k.year = 2024 AND t.q = '2024-Q1'$$,
	'ocenka_plan_not_approved', 'employee 102 (Байжанова Асель): the 2024 KPI plan is submitted, so KPI 1 has no actual value to grade yet',
	'only an approved plan gets actual values, so only an approved plan is graded');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'approve', 101)$$, 'ocenka_plan_signer',
	'employee 102 (Байжанова Асель): the step approve of the 2024 KPI plan is signed by the superior (employee 100 (Аким Тестов)) on 2024-01-10, not by employee 101 (Ахметов Айдар)',
	'appendix 1 «БЕКІТЕМІН: жоғары тұрған басшы»: the direct supervisor 101 does not approve, their own supervisor 100 does');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'approve', 100)$$, 'ocenka_plan_agreement',
	'employee 102 (Байжанова Асель): the 2024 KPI plan is not yet agreed by the strategic-planning unit and the HR service',
	'¶22: approval waits for the strategic-planning unit''s and HR''s agreement');
SELECT pg_temp.at('2024-01-11') \g /dev/null
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'return', 102, 'no baseline')$$, 'ocenka_plan_signer',
	'employee 102 (Байжанова Асель) cannot sign the step return of their own 2024 plan', 'the holder cannot return their own plan');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'return', 100)$$, 'ocenka_plan_reason',
	'employee 102 (Байжанова Асель): the step return of the 2024 KPI plan needs a reason', 'a return needs its reason');
SELECT is(plan_step((SELECT id FROM p), 'return', 100, 'KPI 2 is not measurable'), 'returned', 'the superior returns it for correction');
SELECT results_eq($$SELECT kind, employee_id::int, due_on, payload ->> 'reason' FROM notice WHERE kind = 'plan_returned'$$,
                  $$VALUES ('plan_returned', 101, '2024-01-15'::date, 'KPI 2 is not measurable')$$,
                  'the drafter is told, with the reason and the day to resubmit by');
SELECT lives_ok($$UPDATE kpi SET unit_of_measure = 'күн' WHERE employee_id = 102 AND year = 2024 AND no = 2$$, 'a returned plan''s KPIs can be corrected');
SELECT pg_temp.at('2024-01-16') \g /dev/null
SELECT is((SELECT count(*)::int FROM annual_schedule), 0, 'no body has an annual schedule: the 2-day return rule below does not depend on one');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'submit', 101)$$, 'ocenka_plan_deadline',
	'employee 102 (Байжанова Асель): the step submit of the 2024 KPI plan was due by 2024-01-15, not 2024-01-16',
	'akmola-2018 ¶12: resubmission within 2 working days of the return');
SELECT pg_temp.at('2024-01-15') \g /dev/null
SELECT is(plan_step((SELECT id FROM p), 'submit', 101), 'submitted', 'resubmitted in time');
SELECT is(plan_step((SELECT id FROM p), 'agree_planning', 104), 'submitted', 'the strategic-planning unit agrees');
SELECT is(plan_step((SELECT id FROM p), 'agree_hr', 103), 'submitted', 'HR agrees');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'agree_hr', 104)$$, 'ocenka_plan_signer',
	'employee 102 (Байжанова Асель): the step agree_hr of the 2024 KPI plan is signed by the HR service of body 1 (employee 103 (Сериков Ерлан)) on 2024-01-15, not by employee 104 (Нурланова Динара)',
	'¶22: only a member of the HR service agrees for it');
SELECT is(plan_step((SELECT id FROM p), 'approve', 100), 'approved', 'the superior approves');
SELECT results_eq($$SELECT state, approved_on, approved_by::int, posted_on FROM kpi_plan WHERE id = (SELECT id FROM p)$$,
                  $$VALUES ('approved', '2024-01-15'::date, 100, NULL::date)$$, 'the plan records who approved it and when');
SELECT results_eq($$SELECT kind, employee_id::int, due_on FROM notice WHERE kind = 'plan_approved' ORDER BY employee_id NULLS FIRST$$,
                  $$VALUES ('plan_approved', NULL::int, '2024-01-22'::date), ('plan_approved', 102, NULL)$$,
                  'HR is told to post it within 5 working days, the holder that it is approved');
SELECT pg_temp.refused_by($$UPDATE kpi_plan SET state = 'posted' WHERE id = (SELECT id FROM p)$$, 'ocenka_plan_steps',
	'employee 102 (Байжанова Асель): the 2024 KPI plan ' || (SELECT id FROM p) || ' changes only by its signed steps', 'a plan''s state is its steps''');
SELECT pg_temp.refused_by($$UPDATE kpi SET approved_on = '2024-01-15' WHERE employee_id = 102 AND year = 2024 AND no = 1$$, 'ocenka_plan_approved',
	'employee 102 (Байжанова Асель): the 2024 KPI plan is approved, so its KPIs cannot change', 'an approved plan''s KPIs do not change');
SELECT lives_ok($$UPDATE kpi_target t SET actual = 90 FROM kpi k WHERE k.id = t.kpi_id AND k.employee_id = 102 AND k.year = 2024 AND k.no = 1 AND t.q = '2024-Q1'$$,
                'HR enters actual values once the plan is approved');
SELECT is((SELECT min(t.actual_on) FROM kpi_target t JOIN kpi k ON k.id = t.kpi_id WHERE k.employee_id = 102 AND k.year = 2024 AND t.q = '2024-Q1'),
          '2024-01-15'::date, 'the day HR entered them is stamped');
SELECT pg_temp.at('2024-01-23') \g /dev/null
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'post', 103)$$, 'ocenka_plan_deadline',
	'employee 102 (Байжанова Асель): the step post of the 2024 KPI plan was due by 2024-01-22, not 2024-01-23',
	'¶22: HR posts the plan within 5 working days of its approval');
SELECT pg_temp.at('2024-01-22') \g /dev/null
SELECT is(plan_step((SELECT id FROM p), 'post', 103), 'posted', 'HR posts it in time');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'reopen', 100, 'the unit was merged')$$, 'ocenka_plan_grounds',
	'employee 102 (Байжанова Асель): reopening the 2024 KPI plan needs its grounds: a change of the body''s functions or structure',
	'¶25: an approved plan changes only on a change of the body''s functions or structure');
SELECT is(plan_step((SELECT id FROM p), 'reopen', 100, 'the unit was merged with unit 2', 'structure'), 'draft', '¶25: reopened with its grounds and reason');
SELECT results_eq($$SELECT state, revision, approved_on FROM kpi_plan WHERE id = (SELECT id FROM p)$$,
                  $$VALUES ('draft', 2::smallint, NULL::date)$$, 'the reopened plan is revision 2, waiting for a new approval');
SELECT lives_ok($$UPDATE kpi SET name = 'Біріктірілген бөлімнің көрсеткіші' WHERE employee_id = 102 AND year = 2024 AND no = 3$$,
                'the reopened plan''s KPIs change');
SELECT is(plan_step((SELECT id FROM p), 'submit', 101), 'submitted', 'a reopened plan has no 10-day deadline to resubmit');
SELECT is(plan_step((SELECT id FROM p), 'agree_planning', 104) || plan_step((SELECT id FROM p), 'agree_hr', 103)
          || plan_step((SELECT id FROM p), 'approve', 100), 'submittedsubmittedapproved', 'and is agreed and approved again');
SELECT results_eq($$SELECT revision::int, step, from_state, to_state, signer_id::int, on_day, grounds FROM review_step
                    WHERE document = 'kpi_plan' AND document_id = (SELECT id FROM p) ORDER BY id$$,
	$$VALUES (1, 'submit', 'draft', 'submitted', 101, '2024-01-10'::date, NULL::text), (1, 'return', 'submitted', 'returned', 100, '2024-01-11', NULL),
	         (1, 'submit', 'returned', 'submitted', 101, '2024-01-15', NULL), (1, 'agree_planning', 'submitted', 'submitted', 104, '2024-01-15', NULL),
	         (1, 'agree_hr', 'submitted', 'submitted', 103, '2024-01-15', NULL), (1, 'approve', 'submitted', 'approved', 100, '2024-01-15', NULL),
	         (1, 'post', 'approved', 'posted', 103, '2024-01-22', NULL), (2, 'reopen', 'posted', 'draft', 100, '2024-01-22', 'structure'),
	         (2, 'submit', 'draft', 'submitted', 101, '2024-01-22', NULL), (2, 'agree_planning', 'submitted', 'submitted', 104, '2024-01-22', NULL),
	         (2, 'agree_hr', 'submitted', 'submitted', 103, '2024-01-22', NULL), (2, 'approve', 'submitted', 'approved', 100, '2024-01-22', NULL)$$,
	'the plan''s history: every step dated and signed, the reopening with its grounds');
SELECT pg_temp.refused_by($$UPDATE review_step SET signer_id = 104 WHERE document = 'kpi_plan'$$, 'ocenka_sheet_step_append_only',
	format('employee 102 (Байжанова Асель): step %s (submit of kpi_plan 2024) cannot be changed', (SELECT min(id) FROM review_step)),
	'the steps are append-only');

-- 101's plan: created after its deadline, submitted late only under late entry
SELECT pg_temp.at('2024-01-17') \g /dev/null
SELECT results_eq($$SELECT duty, actor, actor_id::int, due_on, overdue FROM duties('2024-01-17') WHERE employee_id = 101 AND duty LIKE 'plan%'$$,
                  $$VALUES ('plan_submit', 'evaluator', 100, '2024-01-16'::date, true)$$,
                  '¶22: on 2024-01-17 the plan of head 101, not yet drafted, is overdue, its evaluator''s duty');
\o /dev/null
INSERT INTO kpi_plan (employee_id, body_id, year) VALUES (101, 1, 2024);
INSERT INTO kpi (employee_id, body_id, year, no, name, direction, expected_result, source)
SELECT 101, 1, 2024, n, format('Көрсеткіш %s', n), 'increase', 'Нәтиже', 'Келісім' FROM generate_series(1, 3) n;
INSERT INTO kpi_target (kpi_id, q, plan, due_on) SELECT k.id, '2024-Q1', 50, '2024-03-31' FROM kpi k WHERE k.employee_id = 101 AND k.year = 2024;
\o
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM kpi_plan WHERE employee_id = 101 AND year = 2024), 'submit', 100)$$, 'ocenka_plan_deadline',
	'employee 101 (Ахметов Айдар): the step submit of the 2024 KPI plan was due by 2024-01-16, not 2024-01-17',
	'¶22: the first draft is due 10 working days from the period''s start');

-- grading: 2024-Q1 sheets on 2024-04-03; 101's plan is not approved, so its KPIs have no actual value
SELECT pg_temp.at('2024-04-03') \g /dev/null
SELECT ok(open_sheets(1, '2024-Q1') > 0, 'the 2024-Q1 sheets are opened');
SELECT pg_temp.refused_by($$INSERT INTO item (sheet_id, no, form, score, kpi_id, percent)
	SELECT s.id, 1, 'kpi', 5, k.id, 100 FROM sheet s JOIN kpi k ON k.employee_id = s.employee_id AND k.year = 2024 AND k.no = 1
	WHERE s.employee_id = 101 AND s.q = '2024-Q1'$$, 'ocenka_item_kpi_target',
	(SELECT format('employee 101 (Ахметов Айдар): KPI %s has no plan and actual value for 2024-Q1', id) FROM kpi WHERE employee_id = 101 AND year = 2024 AND no = 1),
	'a KPI of an unapproved plan cannot be graded');
SELECT lives_ok($$INSERT INTO item (sheet_id, no, form, score, kpi_id, percent)
	SELECT s.id, 1, 'kpi', 4.5, k.id, 90 FROM sheet s JOIN kpi k ON k.employee_id = s.employee_id AND k.year = 2024 AND k.no = 1
	WHERE s.employee_id = 102 AND s.q = '2024-Q1'$$, 'a KPI of the approved plan is graded');
-- ¶22: HR sends the actual values at least 5 working days before the deadline (10 April): by 3 April
SELECT results_eq($$SELECT k.no::int, d.actor, d.due_on, d.overdue FROM duties('2024-04-02') d JOIN kpi k ON k.id = d.subject_id
                    WHERE d.duty = 'kpi_actual' AND d.employee_id = 102 ORDER BY 1$$,
                  $$VALUES (2, 'hr', '2024-04-03'::date, false), (3, 'hr', '2024-04-03', false)$$,
                  '¶22: the missing actual values of 2024-Q1 are HR''s duty, due 5 working days before the 10 April deadline');
SELECT pg_temp.at('2024-04-08') \g /dev/null
UPDATE kpi_target t SET actual = 80 FROM kpi k WHERE k.id = t.kpi_id AND k.employee_id = 102 AND k.year = 2024 AND k.no = 2 AND t.q = '2024-Q1';
SELECT results_eq($$SELECT no::int, q::text, due_on, actual_on FROM late_kpi_actual WHERE employee_id = 102 ORDER BY no$$,
                  $$VALUES (2, '2024-Q1', '2024-04-03'::date, '2024-04-08'::date), (3, '2024-Q1', '2024-04-03', NULL)$$,
                  '¶22: an actual value entered after 3 April, and one still missing, are listed late');

-- ============ akmola-2018: 209's plan of 2021 with indicators, and the annual count sheet ============
SELECT pg_temp.at('2021-01-05') \g /dev/null
\o /dev/null
INSERT INTO kpi_plan (employee_id, body_id, year) VALUES (209, 2, 2021);
INSERT INTO kpi (employee_id, body_id, year, no, name, direction, expected_result, source)
SELECT 209, 2, 2021, n, format('Көрсеткіш %s', n), 'increase', 'Нәтиже', 'Мәслихат аппаратының стратегиялық мақсаты'
FROM generate_series(1, 5) n;
INSERT INTO kpi_indicator (kpi_id, no, name, direction, target)
SELECT k.id, i, format('Индикатор %s.%s', k.no, i), CASE WHEN i = 2 THEN 'decrease' ELSE 'increase' END, 10
FROM kpi k, generate_series(1, 2) i WHERE k.employee_id = 209 AND k.year = 2021 AND k.no < 5 AND (i = 1 OR k.no = 1);
CREATE TEMP TABLE a AS SELECT id FROM kpi_plan WHERE employee_id = 209 AND year = 2021;
\o
SELECT is((SELECT due_on FROM kpi_plan WHERE id = (SELECT id FROM a)), '2021-01-19'::date,
          'akmola-2018 ¶9: due 10 working days after the period starts (1 and 7 January 2021 are holidays, Saturday 2 January''s moved to Monday 4)');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM a), 'submit', 200)$$, 'ocenka_plan_indicators',
	'employee 209 (Жақсыбеков Марат): KPI 5 of the 2021 KPI plan has no indicators, and akmola-2018 counts a KPI achieved only when all its indicators are',
	'¶18: under the count rule every KPI has indicators');
\o /dev/null
INSERT INTO kpi_indicator (kpi_id, no, name, target) SELECT id, 1, 'Индикатор 5.1', 3 FROM kpi WHERE employee_id = 209 AND year = 2021 AND no = 5;
\o
SELECT is(plan_step((SELECT id FROM a), 'submit', 200), 'submitted', 'the direct supervisor submits the plan');
SELECT pg_temp.refused_by($$UPDATE kpi_indicator SET actual = 12 WHERE kpi_id IN (SELECT id FROM kpi WHERE employee_id = 209 AND year = 2021)$$,
	'ocenka_plan_not_approved', 'employee 209 (Жақсыбеков Марат): the 2021 KPI plan is submitted, so KPI 1 has no actual value to grade yet',
	'indicators get actual values only on an approved plan');
SELECT is(plan_step((SELECT id FROM a), 'approve', 210), 'approved', '¶10: the superior approves; akmola-2018 asks no agreements');
SELECT pg_temp.refused_by($$UPDATE kpi SET achieved = true WHERE employee_id = 209 AND year = 2021 AND no = 1$$, 'ocenka_plan_approved',
	'employee 209 (Жақсыбеков Марат): the 2021 KPI plan is approved, so its KPIs cannot change', 'an outcome is not typed on an approved plan');
SELECT pg_temp.refused_by($$INSERT INTO kpi_indicator (kpi_id, no, name, target) SELECT id, 3, 'Қосымша', 1 FROM kpi WHERE employee_id = 209 AND year = 2021 AND no = 1$$,
	'ocenka_plan_approved', 'employee 209 (Жақсыбеков Марат): the 2021 KPI plan is approved, so its planned values and indicators cannot change',
	'nor an indicator added');
-- KPI 1: indicator 1.1 reached (12 ≥ 10), 1.2 missed (a decrease indicator at 11 > 10); KPIs 2–5 reached
SELECT pg_temp.at('2021-12-28') \g /dev/null
UPDATE kpi_indicator SET actual = CASE WHEN no = 2 THEN 11 ELSE 12 END
WHERE kpi_id IN (SELECT id FROM kpi WHERE employee_id = 209 AND year = 2021 AND no < 5);
SELECT results_eq($$SELECT k.no::int, kpi_outcome(k.id, k.achieved) FROM kpi k WHERE k.employee_id = 209 AND k.year = 2021 ORDER BY k.no$$,
                  $$VALUES (1, false), (2, true), (3, true), (4, true), (5, NULL::boolean)$$,
                  '¶18: a KPI is achieved only if all its indicators are fully achieved; without an actual value it has no outcome yet');
SELECT results_eq($$SELECT employee_id::int, gap FROM year_gaps(2, 2021) WHERE employee_id = 209$$,
                  $$VALUES (209, 'KPIs 5 have no recorded outcome')$$, 'close_year waits for every outcome');

SELECT pg_temp.at('2022-01-10') \g /dev/null
SELECT is(open_count_sheets(2, 2021), 6, 'a count sheet for each of the 7 people evaluated by the count rule in 2021 who has an evaluator (207 has none)');
CREATE TEMP TABLE c AS SELECT id FROM count_sheet WHERE employee_id = 209 AND year = 2021;
SELECT is((SELECT evaluator_id::int FROM count_sheet WHERE id = (SELECT id FROM c)), 200, 'with the direct supervisor as evaluator');
SELECT pg_temp.refused_by($$SELECT count_sheet_step((SELECT id FROM c), 'sign', 200)$$, 'ocenka_sheet_incomplete',
	'employee 209 (Жақсыбеков Марат): the 2021 KPI-count sheet cannot be signed: KPI 5 has no outcome (an indicator without an actual value, or no indicators)',
	'¶17: the direct supervisor signs a filled sheet');
UPDATE kpi_indicator SET actual = 3 WHERE kpi_id = (SELECT id FROM kpi WHERE employee_id = 209 AND year = 2021 AND no = 5);
SELECT pg_temp.refused_by($$SELECT count_sheet_step((SELECT id FROM c), 'sign', 201)$$, 'ocenka_sheet_signer',
	'employee 209 (Жақсыбеков Марат): the 2021 KPI-count sheet is signed by its evaluator employee 200 (Бекишев Тимур), not by employee 201 (Досанова Камила)',
	'¶17: only the direct supervisor signs it');
SELECT is(count_sheet_step((SELECT id FROM c), 'sign', 200), 'signed', '¶17: the direct supervisor signs');
SELECT is((SELECT count(*)::int FROM sheet_ready_for_commission WHERE count_sheet_id = (SELECT id FROM c)), 0,
          'a sheet only signed does not go to the commission');
SELECT pg_temp.refused_by($$SELECT count_sheet_step((SELECT id FROM c), 'agree', 209)$$, 'ocenka_sheet_signer',
	'employee 209 (Жақсыбеков Марат) cannot sign the step agree of the 2021 KPI-count sheet: it is their own', 'the evaluatee does not agree their own sheet');
SELECT pg_temp.refused_by($$SELECT count_sheet_step((SELECT id FROM c), 'agree', 201)$$, 'ocenka_sheet_signer',
	'employee 209 (Жақсыбеков Марат): the step agree of the 2021 KPI-count sheet is signed by the superior (employee 210 (Төрағаев Болат)) on 2022-01-10, not by employee 201 (Досанова Камила)',
	'¶19–21: the superior, the evaluator 200''s own direct supervisor 210, agrees it, not a colleague');
SELECT pg_temp.refused_by($$SELECT count_sheet_step((SELECT id FROM c), 'submit', 203)$$, 'ocenka_sheet_step_order',
	'employee 209 (Жақсыбеков Марат): the 2021 KPI-count sheet is signed, so it cannot take the step submit', 'HR cannot submit a sheet the superior has not agreed');
SELECT is(count_sheet_step((SELECT id FROM c), 'return', 210, 'KPI 1: the evidence of indicator 1.2 is missing'), 'returned',
          '¶22: the superior returns it for insufficient evidence');
SELECT results_eq($$SELECT kind, employee_id::int, due_on FROM notice WHERE kind LIKE 'count_sheet%' ORDER BY id$$,
                  $$VALUES ('count_sheet_signed', 210, NULL::date), ('count_sheet_returned', 200, '2022-01-12'::date)$$,
                  'the superior is told of the signature, the evaluator of the return and the day to resubmit by');
SELECT results_eq($$SELECT employee_id::int, duty, actor, due_on FROM duties('2022-01-11') WHERE body_id = 2 AND employee_id IN (200, 209) AND duty LIKE 'count%' ORDER BY 1$$,
                  $$VALUES (200, 'count_sheet_sign', 'evaluator', NULL::date), (209, 'count_sheet_resubmit', 'evaluator', '2022-01-12'::date)$$,
                  'count sheets: 200''s waits for its signature, 209''s returned one for resubmission (as of the steps recorded so far)');
SELECT pg_temp.at('2022-01-13') \g /dev/null
SELECT pg_temp.refused_by($$SELECT count_sheet_step((SELECT id FROM c), 'sign', 200)$$, 'ocenka_sheet_deadline',
	'employee 209 (Жақсыбеков Марат): the step sign of the 2021 KPI-count sheet was due by 2022-01-12, not 2022-01-13',
	'¶23: resubmission within 2 working days of the return');
SELECT pg_temp.at('2022-01-12') \g /dev/null
SELECT is(count_sheet_step((SELECT id FROM c), 'sign', 200) || count_sheet_step((SELECT id FROM c), 'agree', 210), 'signedagreed',
          'resubmitted in time and agreed by the superior');
SELECT is(count_sheet_step((SELECT id FROM count_sheet WHERE employee_id = 200 AND year = 2021), 'sign', 210)
          || count_sheet_step((SELECT id FROM count_sheet WHERE employee_id = 200 AND year = 2021), 'agree', 210), 'signedagreed',
          '¶20: 200''s direct supervisor 210 is the first head, with no one above: the sheet goes to 210, who signs and agrees it');
SELECT results_eq($$SELECT state, agreed_on, agreed_by::int, submit_by, kpi_achieved::int, kpi_total::int FROM sheet_ready_for_commission
                    WHERE count_sheet_id = (SELECT id FROM c)$$,
                  $$VALUES ('agreed', '2022-01-12'::date, 210, '2022-01-14'::date, 4, 5)$$,
                  '¶24: an agreed sheet is ready for the commission, to be submitted within 2 working days; 4 of 5 KPIs achieved');
SELECT pg_temp.at('2022-01-17') \g /dev/null
SELECT pg_temp.refused_by($$SELECT count_sheet_step((SELECT id FROM c), 'submit', 203)$$, 'ocenka_sheet_deadline',
	'employee 209 (Жақсыбеков Марат): the step submit of the 2021 KPI-count sheet was due by 2022-01-14, not 2022-01-17',
	'¶24: HR submits within 2 working days of the superior''s signature');
SELECT pg_temp.at('2022-01-14') \g /dev/null
SELECT pg_temp.refused_by($$SELECT count_sheet_step((SELECT id FROM c), 'submit', 202)$$, 'ocenka_sheet_signer',
	'employee 209 (Жақсыбеков Марат): the step submit of the 2021 KPI-count sheet is signed by the HR service of body 2 (employee 203 (Калиева Айгуль)) on 2022-01-14, not by employee 202 (Абенова Жанар)',
	'¶24: the employee whose duties include HR work submits it, no one else');
SELECT is(count_sheet_step((SELECT id FROM c), 'submit', 203), 'submitted', 'HR submits it to the commission in time');
SELECT pg_temp.refused_by($$UPDATE count_sheet SET state = 'agreed' WHERE id = (SELECT id FROM c)$$, 'ocenka_sheet_steps',
	'employee 209 (Жақсыбеков Марат): the 2021 count sheet ' || (SELECT id FROM c) || ' changes only by its signed steps', 'a count sheet''s state is its steps''');
RESET ROLE;
SET ROLE ocenka_test_dba;
CALL close_year(2, 2021);
SELECT results_eq($$SELECT rule, kpi_achieved::int, kpi_total::int, gradation::text FROM annual_result WHERE employee_id = 209 AND year = 2021$$,
                  $$VALUES ('kpi_count', 4, 5, 'proper')$$, '¶18: close_year counts the computed outcomes: 4 of 5 → «тиімді» (level 3)');
RESET ROLE;
SELECT is((SELECT jsonb_agg(k -> 'achieved' ORDER BY (k ->> 'no')::int) FROM jsonb_array_elements(explain_annual_result(209, 2021) -> 'kpis') k),
          '[false, true, true, true, true]'::jsonb, 'explain_annual_result shows each KPI''s computed outcome');
SELECT is((SELECT jsonb_agg(jsonb_build_array(i ->> 'indicator', i -> 'achieved')) FROM jsonb_array_elements(explain_annual_result(209, 2021) -> 'kpis' -> 0 -> 'indicators') i),
          '[["Индикатор 1.1", true], ["Индикатор 1.2", false]]'::jsonb, '… and the indicators that decide it');
SET ROLE ocenka_test_clerk;

-- ============ legacy-2021: 400's plan of 2022 ============
SELECT pg_temp.at('2022-01-05') \g /dev/null
\o /dev/null
INSERT INTO kpi_plan (employee_id, body_id, year) VALUES (400, 4, 2022);
INSERT INTO kpi (employee_id, body_id, year, no, name, direction, expected_result, source)
SELECT 400, 4, 2022, n, format('Көрсеткіш %s', n), 'increase', 'Нәтиже', 'Ауданның даму жоспары' FROM generate_series(1, 5) n;
\o
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM kpi_plan WHERE employee_id = 400), 'submit', 401)$$, 'ocenka_plan_indicators',
	'employee 400 (Сапаров Ерлан): KPI 1 of the 2022 KPI plan has no indicators, and legacy-2021 counts a KPI achieved only when all its indicators are',
	'typical-2023 ¶49: under legacy-2021 too every KPI has indicators');
SELECT pg_temp.refused_by($$UPDATE kpi SET achieved = true WHERE employee_id = 400 AND no = 1$$, 'ocenka_plan_computed',
	'employee 400 (Сапаров Ерлан): KPI 1 of the 2022 plan has a typed outcome (achieved)', 'an outcome is computed, not typed');
\o /dev/null
INSERT INTO kpi_indicator (kpi_id, no, name, target) SELECT id, 1, 'Индикатор', 1 FROM kpi WHERE employee_id = 400;
\o
SELECT is(plan_step((SELECT id FROM kpi_plan WHERE employee_id = 400), 'submit', 401) || plan_step((SELECT id FROM kpi_plan WHERE employee_id = 400), 'approve', 401),
          'submittedapproved', 'legacy-2021: submitted and approved without agreements, by the direct supervisor 401 who has none above (the first head, ¶51)');

-- the other plan and count-sheet rules
SELECT pg_temp.refused_by($$INSERT INTO kpi_plan (employee_id, body_id, year) VALUES (101, 1, 2025)$$, 'ocenka_plan_recorded',
	'employee 101 (Ахметов Айдар): the 2025 KPI plan was recorded without a plan record (its KPIs carry an approval or an outcome)',
	'KPIs recorded the 0.1 way (typed approval) get no plan record');
\o /dev/null
INSERT INTO kpi_plan (employee_id, body_id, year) VALUES (401, 4, 2022);
INSERT INTO kpi (employee_id, body_id, year, no, name, direction, expected_result, source)
SELECT 401, 4, 2022, n, format('Көрсеткіш %s', n), 'increase', 'Нәтиже', 'Ауданның даму жоспары' FROM generate_series(1, 4) n;
INSERT INTO kpi_indicator (kpi_id, no, name, target) SELECT id, 1, 'Индикатор', 1 FROM kpi WHERE employee_id = 401;
\o
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM kpi_plan WHERE employee_id = 401), 'submit', 401)$$, 'ocenka_plan_kpi_count',
	'employee 401 (Бөлімов Асхат): the 2022 KPI plan has 4 KPIs, vsk-2018 sets 5', 'the count rule counts five KPIs (401 was not on leave: body 4''s own vsk-2018 governs, seed 001 ¶14)');
SELECT pg_temp.refused_by($$INSERT INTO count_sheet (employee_id, body_id, year, evaluator_id) VALUES (400, 4, 2022, 100)$$, 'ocenka_sheet_evaluator',
	'employee 100 (Аким Тестов) is not assigned to evaluate employee 400 (Сапаров Ерлан) in 2022', '¶48: the direct supervisor fills the count sheet');
SELECT pg_temp.refused_by($$INSERT INTO count_sheet (employee_id, body_id, year, evaluator_id) VALUES (103, 1, 2025, 102)$$, 'ocenka_sheet_count_rule',
	'employee 103 (Сериков Ерлан): body 1 does not evaluate 2025 by the annual KPI count, so there is no count sheet',
	'§7: no count sheet under typical-2023''s mean of quarters');

-- ============ quarterly sheets: signature and justification (typical-2023, 2025-Q1) ============
SELECT pg_temp.at('2025-04-03') \g /dev/null
\o /dev/null
SELECT open_sheets(1, '2025-Q1');
INSERT INTO item (sheet_id, no, form, score) SELECT id, n, 'typical-ranking', CASE n WHEN 2 THEN 0 ELSE 4 END
FROM sheet, generate_series(1, 4) n WHERE employee_id = 103 AND q = '2025-Q1';
INSERT INTO item (sheet_id, no, form, score) SELECT id, n, 'typical-ranking', 4 FROM sheet, generate_series(1, 3) n WHERE employee_id = 104 AND q = '2025-Q1';
CREATE TEMP TABLE s AS SELECT id FROM sheet WHERE employee_id = 103 AND q = '2025-Q1';
\o
SELECT pg_temp.refused_by($$SELECT sign_sheet((SELECT id FROM sheet WHERE employee_id = 104 AND q = '2025-Q1'), 102)$$, 'ocenka_sheet_incomplete',
	'employee 104 (Нурланова Динара): the 2025-Q1 sheet cannot be signed: parameters 4 not scored', 'a sheet is signed complete');
SELECT pg_temp.refused_by($$SELECT sign_sheet((SELECT id FROM s), 101)$$, 'ocenka_sheet_signer',
	'employee 103 (Сериков Ерлан): the 2025-Q1 sheet is signed by its evaluator employee 102 (Байжанова Асель), not by employee 101 (Ахметов Айдар)',
	'only the sheet''s evaluator signs it');
SELECT pg_temp.refused_by($$SELECT sign_sheet((SELECT id FROM s), 102)$$, 'ocenka_sheet_zero_justified',
	'employee 103 (Сериков Ерлан): the 2025-Q1 sheet cannot be signed: the score 0 of parameter 2 has no justification',
	'appendix 4: a score of 0 needs the evaluator''s justification');
SELECT pg_temp.refused_by($$INSERT INTO item_note (sheet_id, no, justification) VALUES ((SELECT id FROM s), 5, 'Бесінші')$$, 'ocenka_sheet_parameter',
	'employee 103 (Сериков Ерлан): sheet ' || (SELECT id FROM s) || ' for 2025-Q1 has no parameter 5 to justify', 'a justification is of a parameter of the form');
SELECT pg_temp.refused_by($$INSERT INTO item_note (sheet_id, no, justification) VALUES ((SELECT id FROM s), 2, '  ')$$, 'ocenka_sheet_justification_text',
	'new row for relation "item_note" violates check constraint "ocenka_sheet_justification_text"', 'a blank justification is none');
SELECT lives_ok($$INSERT INTO item_note (sheet_id, no, justification) VALUES ((SELECT id FROM s), 2, 'Үш тапсырманың мерзімі бұзылды')$$,
                'the evaluator justifies the 0');
SELECT is(sign_sheet((SELECT id FROM s), 102), 'signed', 'then signs the sheet');
SELECT results_eq($$SELECT signed_by::int, signed_on FROM sheet WHERE id = (SELECT id FROM s)$$, $$VALUES (102, '2025-04-03'::date)$$,
                  'the sheet records who signed it and when');
SELECT pg_temp.refused_by($$UPDATE item SET score = 1 WHERE sheet_id = (SELECT id FROM s) AND no = 2$$, 'ocenka_sheet_signed',
	'employee 103 (Сериков Ерлан): sheet ' || (SELECT id FROM s) || ' for 2025-Q1 was signed by employee 102 (Байжанова Асель) on 2025-04-03',
	'a signed sheet''s scores do not change');
SELECT pg_temp.refused_by($$UPDATE item_note SET justification = 'басқа' WHERE sheet_id = (SELECT id FROM s)$$, 'ocenka_sheet_signed',
	'employee 103 (Сериков Ерлан): sheet ' || (SELECT id FROM s) || ' for 2025-Q1 was signed by employee 102 (Байжанова Асель) on 2025-04-03',
	'nor its justifications');
SELECT pg_temp.refused_by($$UPDATE sheet SET created_at = created_at - interval '1 day' WHERE id = (SELECT id FROM s)$$, 'ocenka_sheet_signed',
	'employee 103 (Сериков Ерлан): sheet ' || (SELECT id FROM s) || ' for 2025-Q1 was signed by employee 102 (Байжанова Асель) on 2025-04-03',
	'nor the sheet itself');
SELECT pg_temp.refused_by($$DELETE FROM sheet WHERE id = (SELECT id FROM s)$$, 'ocenka_sheet_signed',
	'employee 103 (Сериков Ерлан): sheet ' || (SELECT id FROM s) || ' for 2025-Q1 was signed by employee 102 (Байжанова Асель) on 2025-04-03',
	'a signed sheet is not deleted');
SELECT pg_temp.refused_by($$SELECT amend_sheet((SELECT id FROM s), 102, ' ')$$, 'ocenka_sheet_reason',
	'employee 103 (Сериков Ерлан): the step amend of the 2025-Q1 sheet needs a reason', 'the evaluator amends only with a reason');
SELECT is(amend_sheet((SELECT id FROM s), 102, 'the deadline breach was excused'), 'unsigned', 'the evaluator amends it with a reason');
SELECT lives_ok($$UPDATE item SET score = 3 WHERE sheet_id = (SELECT id FROM s) AND no = 2$$, 'then its scores change');
SELECT is(sign_sheet((SELECT id FROM s), 102), 'signed', 'and it is signed again');

-- ============ duties ============
SELECT results_eq($$SELECT employee_id::int, duty, due_on, overdue FROM duties('2025-04-06') WHERE duty LIKE 'notice%' AND body_id = 1 ORDER BY employee_id$$,
                  $$VALUES (101, 'notice_head', '2025-04-05'::date, true), (102, 'notice_head', '2025-04-05', true),
                           (103, 'notice_employee', '2025-04-10', false), (104, 'notice_employee', '2025-04-10', false)$$,
                  '¶26, ¶30: heads are told by the 5th, employees by the 10th of the month after the quarter');
SELECT results_eq($$SELECT employee_id::int, duty, actor_id::int, due_on FROM duties('2025-04-06') WHERE duty LIKE 'sheet%' AND employee_id IN (103, 104) ORDER BY 1$$,
                  $$VALUES (104, 'sheet_sign', 102, '2025-04-10'::date)$$,
                  'the unsigned sheet is its evaluator''s duty until the deadline; the signed one is done');

-- ============ the outbox ============
RESET ROLE;
SELECT pg_temp.at('2025-04-06') \g /dev/null
SELECT is(queue_notices('2025-04-06'), 4, 'queue_notices writes the four evaluation notices due');
SELECT is(queue_notices('2025-04-06'), 0, 'and writes them once');
SELECT results_eq($$SELECT kind, employee_id::int, period, due_on, dedup_key FROM notice WHERE kind LIKE 'notice%' ORDER BY id$$,
                  $$VALUES ('notice_head', 101, '2025-Q1', '2025-04-05'::date, 'notice_head:101:2025-Q1'),
                           ('notice_head', 102, '2025-Q1', '2025-04-05', 'notice_head:102:2025-Q1'),
                           ('notice_employee', 103, '2025-Q1', '2025-04-10', 'notice_employee:103:2025-Q1'),
                           ('notice_employee', 104, '2025-Q1', '2025-04-10', 'notice_employee:104:2025-Q1')$$,
                  'each with its recipient, period and due day');
CREATE TEMP TABLE taken AS SELECT * FROM take_notices(3);
SELECT results_eq($$SELECT id, attempts FROM taken ORDER BY id$$, $$SELECT id, 1 FROM notice ORDER BY id LIMIT 3$$,
                  'take_notices takes the oldest pending notices');
SELECT is((SELECT count(*)::int FROM take_notices(100)), (SELECT count(*)::int - 3 FROM notice), 'within the lease a taken notice is not taken again');
SELECT is(ack_notice((SELECT min(id) FROM taken)), true, 'ack_notice marks a notice sent');
SELECT is(ack_notice((SELECT min(id) FROM taken)), false, 'but only once');
SELECT throws_ok($$SELECT ack_notice(-1)$$, '23503', 'notice -1 does not exist', 'an unknown notice cannot be acknowledged');
SELECT throws_ok($$UPDATE notice SET payload = '{}' WHERE id = (SELECT min(id) FROM taken)$$, '23514',
                 format('notice %s (plan_submitted, 2024) cannot be changed', (SELECT min(id) FROM taken)), 'a notice keeps what it says');
SELECT throws_ok($$DELETE FROM notice$$, '23001', NULL, 'notices are kept like the evaluation''s documents');
UPDATE notice SET taken_at = taken_at - interval '10 minutes' WHERE id IN (SELECT id FROM taken) AND sent_at IS NULL;
SELECT results_eq($$SELECT id, attempts FROM take_notices(2) ORDER BY id$$,
                  $$SELECT id, 2 FROM taken WHERE id > (SELECT min(id) FROM taken) ORDER BY id$$,
                  'a notice taken but never acknowledged is taken again once its lease has run out (never lost)');
SELECT is((SELECT count(*)::int FROM notice WHERE kind = 'notice_head' AND ack_notice(id)), 2, 'the mailer acknowledges the two notices to heads');
SELECT results_eq($$SELECT employee_id::int, duty FROM duties('2025-04-06') WHERE duty LIKE 'notice%' AND body_id = 1 ORDER BY employee_id$$,
                  $$VALUES (103, 'notice_employee'), (104, 'notice_employee')$$,
                  'a notice acknowledged as sent is a duty done');

-- ============ acquaintance: 2025-Q1 closed on 2025-04-09, its results to be made known within 2 working days ============
SELECT pg_temp.at('2025-04-09') \g /dev/null
\o /dev/null
INSERT INTO item (sheet_id, no, form, score) SELECT id, 4, 'typical-ranking', 4 FROM sheet WHERE employee_id = 104 AND q = '2025-Q1';
SELECT pg_temp.fill(1, '2025-Q1');
SET ROLE ocenka_test_dba;
CALL close_quarter(1, '2025-Q1');
RESET ROLE;
\o
SELECT results_eq($$SELECT employee_id::int, actor, due_on, overdue FROM duties('2025-04-14') WHERE duty = 'acquaint' AND body_id = 1 ORDER BY 1$$,
                  $$VALUES (101, 'hr', '2025-04-11'::date, true), (102, 'hr', '2025-04-11', true), (103, 'hr', '2025-04-11', true),
                           (104, 'hr', '2025-04-11', true)$$,
                  'the closed quarter''s results are HR''s to make known by 2025-04-11 (acquaintance_due), overdue on 2025-04-14');

-- ============ late entry (last: the transaction stays in late entry) ============
SELECT pg_temp.at('2024-01-17') \g /dev/null
SET ROLE ocenka_test_hr_officer;
SELECT begin_late_entry('the head was on a business trip') \g /dev/null
SELECT is(plan_step((SELECT id FROM kpi_plan WHERE employee_id = 101 AND year = 2024), 'submit', 100), 'submitted', 'HR records a late submission with a reason');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM audit_log WHERE table_name = 'review_step' AND mode = 'late_entry' AND reason = 'the head was on a business trip'),
          1, 'the late step is audited with its reason');

SELECT * FROM finish();
ROLLBACK;
