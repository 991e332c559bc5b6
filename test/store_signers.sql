-- pgTAP: who signs a KPI plan's steps, checked positively (issue 12), and the deadline of its agreements and
-- approval. The superior is the direct supervisor's own direct supervisor, or the direct supervisor who has
-- none, the body's first head (typical-2023 ¶2, ¶51; akmola-2018 ¶2, ¶11, ¶20); the strategic-planning unit
-- (where the body has one) and the HR service are registered in ocenka.body_service as units (with the units
-- under them) or persons (typical-2023 ¶10, ¶22). Agreements and the approval come within the plan's 10
-- working days (¶22), later only under begin_late_entry. Every refusal: SQLSTATE, constraint, exact message,
-- detail, and that nothing was written.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(37);
\ir fixture/store.sql
-- this suite registers the HR services it needs itself: not the fixture's HR employee 101
DELETE FROM ocenka.body_service WHERE service = 'hr' AND employee_id = 101;

\o /dev/null
GRANT INSERT, UPDATE, DELETE ON kpi_plan, kpi_indicator, count_sheet, review_step TO ocenka_test_clerk;
-- body 1: the strategic-planning department 6 with its analysis sector 7, where 115 works; HR was 104 until
-- 2024-01-10, then 103
INSERT INTO unit (id, body_id, parent_id, name) VALUES (6, 1, NULL, 'Стратегиялық жоспарлау басқармасы'), (7, 1, 6, 'Талдау секторы');
INSERT INTO employee (id, full_name) VALUES (115, 'Жоспаров Тимур');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on) VALUES
	(115, 1, 7, 'Бас маман', 'E-4', false, '2020-01-10');
INSERT INTO body_service (body_id, service, unit_id, employee_id, valid_from, valid_until) VALUES
	(1, 'strategic_planning', 6, NULL, NULL, NULL), (1, 'hr', NULL, 104, NULL, '2024-01-10'), (1, 'hr', NULL, 103, '2024-01-11', NULL);
-- body 5 (typical-2023) has no strategic-planning unit: head 501 reports to the first head 500, who has no
-- one above; 502 does the HR work
INSERT INTO body (id, name, code) VALUES (5, 'Ауылдық округ әкімінің аппараты (тест)', 'T-5');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES (5, '2023-08-03', 'typical-2023', 'edition of 03.08.2023 No 84');
INSERT INTO employee (id, full_name) VALUES (500, 'Әкімов Серік'), (501, 'Бөлімова Ләззат'), (502, 'Кадрова Әсел');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on) VALUES
	(501, 5, NULL, 'Бөлім басшысы', 'E-2', true, '2020-01-10'), (502, 5, NULL, 'Бас маман', 'E-4', false, '2020-01-10');
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (501, 500, 'immediate_supervisor', '2020-01-10');
INSERT INTO body_service (body_id, service, employee_id) VALUES (5, 'hr', 502);
\o

-- ============ who the data names ============
SELECT is(service_members(1, 'strategic_planning', '2024-01-10'), ARRAY[115]::bigint[], 'a unit''s members include those of the units under it');
SELECT is(service_members(1, 'hr', '2024-01-10'), ARRAY[104]::bigint[], 'a person registered for the HR service, while registered');
SELECT is(service_members(1, 'hr', '2024-01-11'), ARRAY[103]::bigint[], '… and their successor from the next day');
SELECT is(service_members(5, 'strategic_planning', '2024-01-10'), '{}'::bigint[], 'body 5 has no strategic-planning unit');
SELECT is(direct_supervisors(102, '2024-01-10'), ARRAY[101]::bigint[], '102''s direct supervisor is 101 (ocenka.evaluator)');
SELECT is(superiors(direct_supervisors(102, '2024-01-10'), '2024-01-10'), ARRAY[100]::bigint[], '102''s superior is 101''s own direct supervisor, 100 (¶2)');
SELECT is(superiors(ARRAY[500]::bigint[], '2024-01-10'), ARRAY[500]::bigint[], 'a direct supervisor with no one above, the first head, is the superior (¶51; akmola-2018 ¶11)');

SET ROLE ocenka_test_clerk;
-- ============ body 1: 102's plan of 2024, due 2024-01-16 ============
\o /dev/null
SELECT pg_temp.at('2024-01-09');
INSERT INTO kpi_plan (employee_id, body_id, year) VALUES (102, 1, 2024), (501, 5, 2024);
INSERT INTO kpi (employee_id, body_id, year, no, name, direction, expected_result, source)
SELECT e, b, 2024, n, format('Көрсеткіш %s', n), 'increase', 'Нәтиже', 'Стратегиялық жоспар' FROM (VALUES (102, 1), (501, 5)) v(e, b), generate_series(1, 3) n;
INSERT INTO kpi_target (kpi_id, q, plan, due_on) SELECT k.id, make_quarter(2024, qn), 100, last_day(make_quarter(2024, qn))
FROM kpi k, generate_series(1, 4) qn WHERE k.year = 2024 AND k.employee_id IN (102, 501);
CREATE TEMP TABLE p AS SELECT id FROM kpi_plan WHERE employee_id = 102 AND year = 2024;
CREATE TEMP TABLE p5 AS SELECT id FROM kpi_plan WHERE employee_id = 501 AND year = 2024;
SELECT pg_temp.at('2024-01-10');
\o
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'submit', 103)$$, 'ocenka_plan_signer',
	'employee 102 (Байжанова Асель): the step submit of the 2024 KPI plan is signed by the holder or their direct supervisor (employee 102 (Байжанова Асель), employee 101 (Ахметов Айдар)) on 2024-01-10, not by employee 103 (Сериков Ерлан)',
	'akmola-2018 ¶2.4, ¶9: the plan is drawn up by the holder with their direct supervisor, not by a colleague');
SELECT is(pg_temp.error_of($$SELECT plan_step((SELECT id FROM p), 'submit', 103)$$) ->> 'detail',
	'The step submit is signed by the holder or their direct supervisor, who draws it up (typical-2023 ¶22; akmola-2018 ¶2.4, ¶9–10).',
	'the detail names the signer and the paragraphs');
SELECT is(plan_step((SELECT id FROM p), 'submit', 102), 'submitted', 'the holder submits their own draft');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'agree_planning', 104)$$, 'ocenka_plan_signer',
	'employee 102 (Байжанова Асель): the step agree_planning of the 2024 KPI plan is signed by the strategic-planning unit of body 1 (employee 115 (Жоспаров Тимур)) on 2024-01-10, not by employee 104 (Нурланова Динара)',
	'¶22: someone outside the strategic-planning unit does not agree for it');
SELECT is(plan_step((SELECT id FROM p), 'agree_planning', 115), 'submitted', 'a member of the unit''s sector agrees');
SELECT pg_temp.at('2024-01-11') \g /dev/null
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'agree_hr', 104)$$, 'ocenka_plan_signer',
	'employee 102 (Байжанова Асель): the step agree_hr of the 2024 KPI plan is signed by the HR service of body 1 (employee 103 (Сериков Ерлан)) on 2024-01-11, not by employee 104 (Нурланова Динара)',
	'¶10, ¶22: 104 no longer does the HR work on 2024-01-11');
SELECT is(pg_temp.error_of($$SELECT plan_step((SELECT id FROM p), 'agree_hr', 104)$$) ->> 'detail',
	'The step agree_hr is signed by a member of the body''s HR service (ocenka.body_service) (typical-2023 ¶10, ¶22).',
	'… the detail cites ¶10 and ¶22');

-- ============ late: the agreements and the approval are due with the plan, 10 working days ============
SELECT pg_temp.at('2024-01-17') \g /dev/null
SELECT results_eq($$SELECT duty, actor, actor_id::int, due_on, overdue FROM duties('2024-01-17') WHERE subject_id = (SELECT id FROM p) ORDER BY duty$$,
                  $$VALUES ('plan_agree_hr', 'hr', NULL::int, '2024-01-16'::date, true), ('plan_approve', 'superior', 100, '2024-01-16', true)$$,
                  'duties: HR''s agreement and the superior 100''s approval are overdue');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'agree_hr', 103)$$, 'ocenka_plan_deadline',
	'employee 102 (Байжанова Асель): the step agree_hr of the 2024 KPI plan was due by 2024-01-16, not 2024-01-17',
	'¶22: a late agreement is refused like a late score');
SELECT is(pg_temp.error_of($$SELECT plan_step((SELECT id FROM p), 'agree_hr', 103)$$) - 'message',
	jsonb_build_object('sqlstate', '23514', 'constraint', 'ocenka_plan_deadline',
	                   'detail', 'A plan is set, agreed and approved within 10 working days of the start of the evaluated period, or of the appointment if later (typical-2023 ¶22; akmola-2018 ¶9–10).'),
	'… with ¶22 in its detail');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'approve', 100)$$, 'ocenka_plan_deadline',
	'employee 102 (Байжанова Асель): the step approve of the 2024 KPI plan was due by 2024-01-16, not 2024-01-17',
	'a late approval too');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'approve', 101)$$, 'ocenka_plan_signer',
	'employee 102 (Байжанова Асель): the step approve of the 2024 KPI plan is signed by the superior (employee 100 (Аким Тестов)) on 2024-01-17, not by employee 101 (Ахметов Айдар)',
	'the direct supervisor does not approve (appendix 1 «БЕКІТЕМІН: жоғары тұрған басшы»)');

-- ============ body 5: no strategic-planning unit, the first head approves ============
SELECT pg_temp.at('2024-01-12') \g /dev/null
SELECT is(plan_step((SELECT id FROM p5), 'submit', 500), 'submitted', 'the first head 500 submits the plan of 501');
SELECT results_eq($$SELECT duty, actor_id::int FROM duties('2024-01-12') WHERE subject_id = (SELECT id FROM p5) ORDER BY duty$$,
                  $$VALUES ('plan_agree_hr', NULL::int), ('plan_approve', 500)$$,
                  'duties: no strategic-planning agreement where the body has no such unit; 500 approves');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p5), 'agree_planning', 502)$$, 'ocenka_plan_signer',
	'employee 501 (Бөлімова Ләззат): the step agree_planning of the 2024 KPI plan is signed by the strategic-planning unit of body 5 (no one registered) on 2024-01-12, not by employee 502 (Кадрова Әсел)',
	'a body without a strategic-planning unit gives no such agreement');
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p5), 'approve', 500)$$, 'ocenka_plan_agreement',
	'employee 501 (Бөлімова Ләззат): the 2024 KPI plan is not yet agreed by the HR service',
	'¶22: the HR service always agrees');
SELECT is(plan_step((SELECT id FROM p5), 'agree_hr', 502) || plan_step((SELECT id FROM p5), 'approve', 500), 'submittedapproved',
          '¶22 «if there is one»: agreed by HR alone, approved by the first head with no one above (¶51)');
SELECT results_eq($$SELECT kind, employee_id::int FROM notice WHERE subject_id = (SELECT id FROM p5) AND kind = 'plan_submitted'$$,
                  $$VALUES ('plan_submitted', 500)$$, 'the submission was notified to the superior 500');

-- ============ late entry (last: the transaction stays in it) ============
SELECT pg_temp.at('2024-01-17') \g /dev/null
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT begin_late_entry('HR was on leave until 2024-01-16') \g /dev/null
SELECT pg_temp.refused_by($$SELECT plan_step((SELECT id FROM p), 'approve', 101)$$, 'ocenka_plan_signer',
	'employee 102 (Байжанова Асель): the step approve of the 2024 KPI plan is signed by the superior (employee 100 (Аким Тестов)) on 2024-01-17, not by employee 101 (Ахметов Айдар)',
	'late entry lifts the deadline, not the signer');
SELECT is(plan_step((SELECT id FROM p), 'agree_hr', 103) || plan_step((SELECT id FROM p), 'approve', 100), 'submittedapproved',
          'HR records the late agreement and approval with a reason');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM audit_log WHERE table_name = 'review_step' AND mode = 'late_entry' AND reason = 'HR was on leave until 2024-01-16'),
          2, 'both late steps are audited with the reason');

SELECT * FROM finish();
ROLLBACK;
