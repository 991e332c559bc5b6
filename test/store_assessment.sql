-- pgTAP: competency assessments by behavioural indicators (methodology §8b; seed 001 ch. 4 ¶25–27, ¶7;
-- seed 003 appendix 4) — the vsk-2018 catalogue as shipped, a sheet per evaluatee and year filled by the
-- direct supervisor, marks only of the catalogue's indicators for the position's group, every indicator
-- marked before close_year, each competency decided by the 3/4 rule and shown by explain_annual_result
-- beside a grade it does not change.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(28);
\ir fixture/store.sql

-- body 8, the Supreme Judicial Council apparatus (test), applies vsk-2018: 800 heads the unit (B-2) and
-- is 801's direct supervisor (a B-4 specialist); 809 heads the apparatus and supervises 800
\o /dev/null
INSERT INTO body (id, name) VALUES (8, 'Аппарат Высшего судебного совета (тест)');
INSERT INTO body_edition (body_id, valid_from, methodology) VALUES (8, '2018-07-26', 'vsk-2018');
INSERT INTO unit (id, body_id, name) VALUES (8, 8, 'Отдел 8');
INSERT INTO employee (id, full_name) VALUES (800, 'Жаксылыков Нуржан'), (801, 'Утепова Гульмира'), (809, 'Руководитель Аппарата');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on) VALUES
	(800, 8, 8, 'Руководитель отдела', 'B-2', true, '2020-01-10'), (801, 8, 8, 'Главный консультант', 'B-4', false, '2020-01-10');
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES
	(800, 809, 'immediate_supervisor', '2020-01-10'), (801, 800, 'immediate_supervisor', '2020-01-10');
SELECT pg_temp.at('2024-01-15');
INSERT INTO kpi (employee_id, body_id, year, no, name, approved_on, achieved)
SELECT e, 8, 2024, n, format('Показатель %s', n), '2024-01-15', n <= a FROM (VALUES (800, 4), (801, 5)) AS t(e, a), generate_series(1, 5) n;
GRANT INSERT, UPDATE, DELETE ON competency_assessment, indicator_mark TO ocenka_test_clerk;
\o

-- ---------- the catalogue of seed 003 appendix 4 ----------
SELECT results_eq(
	$$SELECT c.competency_no::int, c.code, count(*) FILTER (WHERE i.category_group = 'heads' AND i.effective)::int,
	         count(*) FILTER (WHERE i.category_group = 'heads' AND NOT i.effective)::int,
	         count(*) FILTER (WHERE i.category_group = 'employees' AND i.effective)::int,
	         count(*) FILTER (WHERE i.category_group = 'employees' AND NOT i.effective)::int
	  FROM catalogue_competency c JOIN behaviour_indicator i USING (catalogue, competency_no)
	  WHERE c.catalogue = 'vsk-2018' GROUP BY 1, 2 ORDER BY 1$$,
	$$VALUES (1, 'service_management', 3, 3, 4, 4), (2, 'cooperation', 3, 3, 3, 3), (3, 'decision_making', 5, 5, 3, 3),
	         (4, 'customer_orientation', 4, 4, 3, 3), (5, 'informing_customers', 2, 2, 3, 3), (6, 'promptness', 4, 4, 4, 4),
	         (7, 'self_development', 4, 4, 3, 3), (8, 'integrity', 6, 6, 3, 3), (9, 'stress_resistance', 1, 1, 1, 1),
	         (10, 'responsibility', 1, 1, 1, 1), (11, 'initiative', 1, 1, 1, 1)$$,
	'11 competencies, each with effective and ineffective indicators for B-1/B-2 unit heads and for B-4/B-5');
SELECT is((SELECT name_kk || ': ' || text_kk FROM catalogue_competency JOIN behaviour_indicator USING (catalogue, competency_no)
           WHERE catalogue = 'vsk-2018' AND competency_no = 9 AND category_group = 'employees' AND effective),
	'СТРЕССКЕ ОРНЫҚТЫЛЫҚ: Сынға сабырлықпен қарайды және негізді болған жағдайда, кемшіліктерді жою жөнінде шаралар қабылдайды.',
	'in the seed''s kk words');
SELECT is(catalogue_for(8, 'vsk-2018'), 'vsk-2018', 'body 8 assesses by the vsk-2018 catalogue');
SELECT is(catalogue_for(2, 'akmola-2018'), NULL, 'seed 001 ships no catalogue: an akmola-2018 body loads its own');
SELECT throws_ok($$INSERT INTO behaviour_indicator SELECT 'vsk-2018', 8, 'heads', true, n, format('индикатор %s', n), NULL FROM generate_series(7, 11) n$$,
	'23514', 'catalogue vsk-2018: competency 8 has 11 effective indicators for heads, more than 10',
	'at most 10 indicators of a kind per competency');
SELECT is(pg_temp.error_of($$INSERT INTO behaviour_indicator SELECT 'vsk-2018', 8, 'heads', true, n, 'x', NULL FROM generate_series(7, 11) n$$) - 'message',
	jsonb_build_object('sqlstate', '23514', 'constraint', 'ocenka_indicators_at_most_10',
	                   'detail', 'A competency is assessed by at most 10 behavioural indicators (seed 001 ¶26).'),
	'… by the rule ocenka_indicators_at_most_10, citing ¶26');
SELECT lives_ok($$INSERT INTO behaviour_indicator SELECT 'vsk-2018', 8, 'heads', true, n, format('индикатор %s', n), NULL FROM generate_series(7, 10) n;
                  DELETE FROM behaviour_indicator WHERE catalogue = 'vsk-2018' AND competency_no = 8 AND indicator_no BETWEEN 7 AND 10$$,
	'ten are accepted');

-- ---------- the sheet ----------
SET ROLE ocenka_test_clerk;
SELECT pg_temp.at('2025-01-15');
SELECT * FROM pg_temp.refused(
	$$INSERT INTO competency_assessment (employee_id, body_id, year, methodology, catalogue, category_group, evaluator_id)
	  VALUES (801, 8, 2024, 'vsk-2018', 'vsk-2018', 'heads', 800)$$,
	'23514', 'employee 801 (Утепова Гульмира): the 2024 assessment must use methodology vsk-2018, catalogue vsk-2018 and group employees, not vsk-2018, vsk-2018 and heads',
	'a B-4 servant is assessed by the indicators of B-4 and B-5');
SELECT * FROM pg_temp.refused(
	$$INSERT INTO competency_assessment (employee_id, body_id, year, methodology, catalogue, category_group, evaluator_id)
	  VALUES (801, 8, 2024, 'vsk-2018', 'vsk-2018', 'employees', 809)$$,
	'23514', 'employee 809 (Руководитель Аппарата) is not the direct supervisor of employee 801 (Утепова Гульмира) in 2024',
	'by the direct supervisor (¶25)');
SELECT throws_ok(
	$$INSERT INTO competency_assessment (employee_id, body_id, year, methodology, catalogue, category_group, evaluator_id)
	  VALUES (103, 1, 2025, 'typical-2023', 'vsk-2018', 'employees', 102)$$,
	'23514', 'employee 103 (Сериков Ерлан): typical-2023 assesses no competencies by behavioural indicators, so body 1 has no such sheet of theirs for 2025',
	'typical-2023 has the 360 method instead');
SELECT lives_ok(
	$$INSERT INTO competency_assessment (employee_id, body_id, year, methodology, catalogue, category_group, evaluator_id)
	  VALUES (801, 8, 2024, 'vsk-2018', 'vsk-2018', 'employees', 800)$$,
	'800 opens 801''s sheet');
SELECT * FROM pg_temp.refused(
	$$INSERT INTO indicator_mark SELECT id, 9, true, 2, true FROM competency_assessment WHERE employee_id = 801$$,
	'23514', 'employee 801 (Утепова Гульмира): catalogue vsk-2018 has no effective indicator 9.2 for employees, so the 2024 assessment cannot mark it',
	'an indicator not in the position''s catalogue');
-- every indicator but competency 11's; competency 1: 3 of 4 effective observed, competency 2: 2 of 3
SELECT lives_ok(
	$$INSERT INTO indicator_mark (assessment_id, competency_no, effective, indicator_no, observed)
	  SELECT a.id, i.competency_no, i.effective, i.indicator_no,
	         CASE WHEN i.effective THEN (i.competency_no, i.indicator_no) NOT IN ((1, 4), (2, 3)) ELSE (i.competency_no, i.indicator_no) = (2, 3) END
	  FROM competency_assessment a JOIN behaviour_indicator i ON (i.catalogue, i.category_group) = (a.catalogue, a.category_group)
	  WHERE a.employee_id = 801 AND i.competency_no <> 11$$,
	'800 marks the indicators');
RESET ROLE;

SELECT pg_temp.at('2025-01-20');
SELECT is(pg_temp.error_of($$CALL close_year(8, 2024)$$) ->> 'detail',
	E'employee 800 (Жаксылыков Нуржан): no competency assessment for 2024 (catalogue vsk-2018)\n'
	'employee 801 (Утепова Гульмира): the competency assessment has 2 unmarked indicators (competencies 11)',
	'close_year waits for a sheet of everyone, every indicator marked');
SET ROLE ocenka_test_clerk;
\o /dev/null
INSERT INTO indicator_mark SELECT id, 11, e, 1, e FROM competency_assessment, (VALUES (true), (false)) AS v(e) WHERE employee_id = 801;
INSERT INTO competency_assessment (employee_id, body_id, year, methodology, catalogue, category_group, evaluator_id)
VALUES (800, 8, 2024, 'vsk-2018', 'vsk-2018', 'heads', 809);
INSERT INTO indicator_mark (assessment_id, competency_no, effective, indicator_no, observed)
SELECT a.id, i.competency_no, i.effective, i.indicator_no, i.effective
FROM competency_assessment a JOIN behaviour_indicator i ON (i.catalogue, i.category_group) = (a.catalogue, a.category_group)
WHERE a.employee_id = 800;
\o
RESET ROLE;
SELECT results_eq(
	$$SELECT competency_no::int, effective_observed::int, effective_total::int, ineffective_observed::int, meets_expectations
	  FROM competency_assessment_result WHERE employee_id = 801 AND competency_no IN (1, 2, 11) ORDER BY 1$$,
	$$VALUES (1, 3, 4, 0, true), (2, 2, 3, 1, false), (11, 1, 1, 0, true)$$,
	'the 3/4 rule (¶27): 3 of 4 meets expectations, 2 of 3 does not');
SELECT lives_ok($$CALL close_year(8, 2024)$$, 'the year closes');
SELECT results_eq($$SELECT employee_id::int, methodology, kpi_achieved::int, gradation::text FROM annual_result WHERE body_id = 8 ORDER BY 1$$,
	$$VALUES (800, 'vsk-2018', 4, 'proper'), (801, 'vsk-2018', 5, 'effective')$$,
	'the grade is the KPI count''s alone: 801''s unmet competency changes nothing (¶7)');
SELECT is(explain_annual_result(801, 2024) -> 'competencies' -> 'competencies' -> 1,
	jsonb_build_object('no', 2, 'code', 'cooperation', 'name_kk', 'ЫНТЫМАҚТАСТЫҚ', 'name_en', 'cooperation', 'observed', 2, 'total', 3,
	                   'ineffective_observed', 1, 'ineffective_total', 3, 'unmarked', 0, 'meets_expectations', false,
	                   'result_kk', 'күтілген нәтижеге сәйкес емес'),
	'explain_annual_result shows each competency''s count and result');
SELECT is(explain_annual_result(801, 2024) -> 'competencies' ->> 'rule',
	'each competency meets expectations when 3/4 or more of its effective indicators were observed (4 · observed ≥ 3 · total; seed 001 ¶27); ineffective indicators are shown beside them; the results develop competencies and do not change the grade (seed 001 ¶7)',
	'… and the rule');
SELECT is((SELECT count(*)::int FROM jsonb_array_elements(explain_annual_result(800, 2024) -> 'competencies' -> 'competencies') c
           WHERE (c ->> 'meets_expectations')::boolean), 11, '800 meets expectations in all 11');
SET ROLE ocenka_test_clerk;
SELECT * FROM pg_temp.refused($$UPDATE indicator_mark SET observed = true WHERE competency_no = 2 AND assessment_id = (SELECT id FROM competency_assessment WHERE employee_id = 801)$$,
	'23514', 'employee 801 (Утепова Гульмира): year 2024 of body 8 is closed', 'a closed year''s marks are final');
SELECT is(pg_temp.error_of($$DELETE FROM competency_assessment WHERE employee_id = 801$$) - 'detail',
	jsonb_build_object('sqlstate', '23001', 'constraint', 'ocenka_retention',
	                   'message', 'the competency assessment of employee 801 (Утепова Гульмира), 2024 must be kept until 2028-01-20'),
	'the sheet is kept three years from the year''s completion (§11)');
RESET ROLE;
SELECT is((SELECT count(DISTINCT table_name)::int FROM audit_trail WHERE table_name IN ('competency_assessment', 'indicator_mark') AND year = 2024 AND body_id = 8),
	2, 'sheets and marks are audited under their body year');

-- a body loads its own catalogue into the same tables and assesses by it
\o /dev/null
INSERT INTO competency_catalogue (code, title, source, body_id) VALUES ('body-8-2025', 'own catalogue (test)', 'order of body 8', 8);
\o
SELECT is(catalogue_for(8, 'vsk-2018'), 'body-8-2025', 'a body''s own catalogue comes first');

SELECT * FROM finish();
ROLLBACK;
