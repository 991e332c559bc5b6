-- The demo: one district akimat of about 60 people evaluated through 2025 and 2026-Q1 … Q3,
-- switching from typical-2023 to wko-2026 on 2026-05-05, entered through the real tables and
-- rules (bench/generate.sql), closed on the deadlines, then summarised.
\set ON_ERROR_STOP 1
\pset footer off
\pset null '·'
CREATE EXTENSION ocenka;
\echo '== Loading the sample: 1 body, 60 people, 2025 and 2026-Q1 … Q3 (entered and closed on the days the rules allow)'
\set people 60
\set bodies 1
\set wko_share 1
\set seed 2026
\ir ../bench/generate.sql
SET search_path = ocenka, public;

\echo
\echo '== The body and its editions: a quarter is evaluated under the edition in force on its last day (§5)'
SELECT b.name AS body, e.valid_from, e.methodology, m.quarter_deadline_day AS "deadline day",
       m.penalty_cap AS "penalty cap", m.min_worked_days AS "min worked days", m.survey_360 AS "360"
FROM body b JOIN body_edition e ON e.body_id = b.id JOIN methodology m ON m.code = e.methodology
ORDER BY e.valid_from;
SELECT q, methodology, closed_at::date AS closed, completed_on, closed_by
FROM quarter_status WHERE body_id = 1 ORDER BY q;

\echo
\echo '== What each close did (ocenka.close_run)'
SELECT period, procedure, outcome, evaluated, not_evaluated, surveys FROM close_run ORDER BY id;

\echo
\echo '== People × quarters: score and gradation (E effective, P proper, S satisfactory, U unsatisfactory; — not evaluated)'
WITH cell AS (
	SELECT r.employee_id, r.q,
	       CASE WHEN r.status = 'evaluated'
	            THEN r.score::text || ' ' || upper(left(r.gradation::text, 1)) || CASE WHEN r.cap < r.mean THEN '*' ELSE '' END
	            ELSE '— ' || r.reason END AS v
	FROM quarter_result r WHERE r.body_id = 1
)
SELECT e.id, left(e.full_name, 22) AS name, a.category AS cat, CASE WHEN a.is_head THEN 'head' ELSE '' END AS head,
       max(v) FILTER (WHERE q = '2025-Q1') AS "2025-Q1", max(v) FILTER (WHERE q = '2025-Q2') AS "2025-Q2",
       max(v) FILTER (WHERE q = '2025-Q3') AS "2025-Q3", max(v) FILTER (WHERE q = '2025-Q4') AS "2025-Q4",
       (SELECT ar.score::text || ' ' || upper(left(ar.gradation::text, 1)) FROM annual_result ar
        WHERE ar.employee_id = e.id AND ar.year = 2025) AS "2025",
       max(v) FILTER (WHERE q = '2026-Q1') AS "2026-Q1", max(v) FILTER (WHERE q = '2026-Q2') AS "2026-Q2",
       max(v) FILTER (WHERE q = '2026-Q3') AS "2026-Q3"
FROM employee e JOIN appointment a ON a.employee_id = e.id LEFT JOIN cell c ON c.employee_id = e.id
GROUP BY e.id, e.full_name, a.category, a.is_head
ORDER BY e.id;
\echo '   (* = capped by a disciplinary penalty under wko-2026, §4b)'

\echo
\echo '== Gradation distribution per quarter'
SELECT q, methodology,
       count(*) FILTER (WHERE gradation = 'effective') AS effective,
       count(*) FILTER (WHERE gradation = 'proper') AS proper,
       count(*) FILTER (WHERE gradation = 'satisfactory') AS satisfactory,
       count(*) FILTER (WHERE gradation = 'unsatisfactory') AS unsatisfactory,
       count(*) FILTER (WHERE status = 'not_evaluated') AS "not evaluated",
       score_avg(score) AS "mean score"
FROM quarter_result WHERE body_id = 1 GROUP BY q, methodology ORDER BY q;

\echo
\echo '== Who was not evaluated, and why (§6)'
SELECT r.q, r.employee_id AS id, e.full_name AS name, r.reason, i.description, i.basis
FROM quarter_result r JOIN employee e ON e.id = r.employee_id JOIN ineligibility_reason i ON i.code = r.reason
WHERE r.body_id = 1 AND r.status = 'not_evaluated' ORDER BY r.q, r.employee_id;

\echo
\echo '== Why is employee 7''s 2026-Q2 grade what it is? ocenka.explain_result(7, ''2026-Q2'')'
SELECT jsonb_pretty(explain_result(7, '2026-Q2') - 'label' - 'mean_rule' - 'cap_rule' - 'edition_rule')
       AS "explain_result";
SELECT explain_result(7, '2026-Q2') -> 'label' ->> 'ru' AS "label (ru)",
       explain_result(7, '2026-Q2') ->> 'cap_rule' AS "cap rule";

\echo
\echo '== And the 2025 final of employee 3? ocenka.explain_annual_result(3, 2025): the quarters it is the mean of (§5)'
SELECT e ->> 'quarter' AS quarter, e ->> 'edition' AS edition, e ->> 'score' AS score, e ->> 'gradation' AS gradation,
       e ->> 'counted' AS counted
FROM jsonb_array_elements(explain_annual_result(3, 2025) -> 'quarters') e;
SELECT x ->> 'counted' AS counted, x ->> 'sum' AS sum, x ->> 'score' AS "mean = annual score", x -> 'label' ->> 'kk' AS "label (kk)",
       x -> '360' -> 'weakest' AS "360: weakest competencies"
FROM explain_annual_result(3, 2025) x;

\echo
\echo '== 360 (2025): the competencies most often a person''s weakest, for training topics (¶36)'
SELECT c.competency_code, q.competency_kk, count(*) AS "weakest for", round(avg(c.mean), 2) AS "mean of means"
FROM competency_result c JOIN survey s ON s.id = c.survey_id
JOIN competency_question q ON q.survey_form = s.survey_form AND q.competency_no = c.competency_no AND q.question_no = 1
WHERE c.weakest GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 6;
\echo '   one person''s result sheet (appendix 7): others'' mean and the self-assessment beside it'
SELECT c.competency_no AS no, c.competency_code, c.mean, c.self_mean AS self, c.answers, c.weakest
FROM competency_result c JOIN survey s ON s.id = c.survey_id
WHERE s.employee_id = 2 AND s.year = 2025 ORDER BY c.competency_no;

\echo
\echo '== Bad input never gets in: every rejection names the person, the period and the rule'
\set ON_ERROR_STOP 0
\set VERBOSITY default
-- 2026-Q4 has not ended: its sheets can be prepared, its scores cannot be entered yet
SELECT open_sheets(1, '2026-Q4') AS "2026-Q4 sheets opened";
INSERT INTO item (sheet_id, no, form, score)
SELECT id, 1, form, '4.5' FROM sheet WHERE employee_id = 12 AND q = '2026-Q4';
-- a score is two decimals between 0 and 5
INSERT INTO item (sheet_id, no, form, score) VALUES (1, 9, 'typical-ranking', '5.01');
-- a KPI grade must lie in the band of its percentage (appendix 3)
UPDATE item SET score = '5' WHERE form = 'kpi' AND percent < 95 AND sheet_id IN (SELECT id FROM sheet WHERE q = '2026-Q1');
-- a closed quarter is read-only
UPDATE item SET score = 5 WHERE sheet_id = (SELECT id FROM sheet WHERE employee_id = 3 AND q = '2026-Q1');
-- a closed result must be kept three years
DELETE FROM quarter_result WHERE employee_id = 3 AND q = '2025-Q1';
\set ON_ERROR_STOP 1

\echo
\echo '== The audit log: who wrote what, when'
SELECT table_name, operation, mode, count(*) AS entries, sum(row_count) AS rows
FROM audit_log GROUP BY 1, 2, 3 ORDER BY 1, 2;

\echo
\echo '== Competencies by behavioural indicators (vsk-2018, seed 003 appendix 4) and legacy-2021 per person (seed 000 ch. 6)'
\echo '   body 90 applies vsk-2018 and adopted chapter 6 from 2021-07-01; 9003 was sick in November 2021'
SET ocenka.today = '2021-01-15';
INSERT INTO body (id, name) VALUES (90, 'Аппарат Высшего судебного совета (демо)');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES
	(90, '2018-07-26', 'vsk-2018', 'order No 2-4/26 of 12.07.2018'), (90, '2021-07-01', 'legacy-2021', 'chapter 6 (demo)');
INSERT INTO unit (id, body_id, name) VALUES (90, 90, 'Отдел кадров');
INSERT INTO employee (id, full_name) VALUES (9000, 'Руководитель аппарата (демо)'), (9001, 'Жаксылыков Нуржан'),
	(9002, 'Утепова Гульмира'), (9003, 'Мусина Алия');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on) VALUES
	(9001, 90, 90, 'Руководитель отдела', 'B-2', true, '2019-02-01'), (9002, 90, 90, 'Главный консультант', 'B-4', false, '2019-02-01'),
	(9003, 90, 90, 'Консультант', 'B-5', false, '2019-02-01');
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES
	(9001, 9000, 'immediate_supervisor', '2019-02-01'), (9002, 9001, 'immediate_supervisor', '2019-02-01'),
	(9003, 9001, 'immediate_supervisor', '2019-02-01');
INSERT INTO absence (employee_id, kind, first_day, last_day) VALUES (9003, 'sick_leave', '2021-11-08', '2021-11-19');
INSERT INTO kpi (employee_id, body_id, year, no, name, approved_on)
SELECT e, 90, 2021, n, format('Показатель %s', n), '2021-01-15' FROM unnest(ARRAY[9001, 9002, 9003]) e, generate_series(1, 5) n;
SELECT employee_id AS id, methodology, reason FROM year_plan(90, 2021) ORDER BY 1;

SET ocenka.today = '2022-01-14';
UPDATE kpi SET achieved = no <= CASE employee_id WHEN 9001 THEN 5 WHEN 9002 THEN 4 ELSE 4 END WHERE body_id = 90 AND year = 2021;
\echo '   9001 fills the competency sheet of 9002 (B-4): every indicator of the B-4/B-5 column, observed or not'
INSERT INTO competency_assessment (employee_id, body_id, year, methodology, catalogue, category_group, evaluator_id)
VALUES (9002, 90, 2021, 'vsk-2018', catalogue_for(90, 'vsk-2018'), 'employees', 9001),
       (9001, 90, 2021, 'vsk-2018', catalogue_for(90, 'vsk-2018'), 'heads', 9000);
INSERT INTO indicator_mark (assessment_id, competency_no, effective, indicator_no, observed)
SELECT a.id, i.competency_no, i.effective, i.indicator_no,
       CASE WHEN a.employee_id = 9001 THEN i.effective
            WHEN i.effective THEN (i.competency_no, i.indicator_no) NOT IN ((1, 4), (2, 3), (4, 3))
            ELSE (i.competency_no, i.indicator_no) = (2, 3) END
FROM competency_assessment a JOIN behaviour_indicator i ON (i.catalogue, i.category_group) = (a.catalogue, a.category_group)
WHERE a.body_id = 90 AND a.year = 2021;
SELECT r.competency_no AS no, r.name_kk AS competency, r.effective_observed || ' / ' || r.effective_total AS observed,
       r.ineffective_observed AS "ineffective seen",
       CASE WHEN r.meets_expectations THEN 'күтілген нәтижеге сәйкес' ELSE 'күтілген нәтижеге сәйкес емес' END AS result
FROM competency_assessment_result r WHERE r.employee_id = 9002 AND r.year = 2021 ORDER BY r.competency_no;
\echo '   an indicator outside the catalogue is refused'
\set ON_ERROR_STOP 0
INSERT INTO indicator_mark SELECT id, 9, true, 2, true FROM competency_assessment WHERE employee_id = 9002 AND year = 2021;
\set ON_ERROR_STOP 1

SET ocenka.today = '2022-01-20';
CALL close_year(90, 2021);
\echo '   the year: 9003 by the KPI count of legacy-2021, her colleagues by vsk-2018; competencies beside, never in, the grade (¶7)'
SELECT r.employee_id AS id, r.methodology, r.kpi_achieved || ' / ' || r.kpi_total AS kpis, r.gradation,
       gradation_label(r.gradation, 'kk', r.methodology) AS label,
       (SELECT nullif(count(*) FILTER (WHERE c.meets_expectations) || ' / ' || count(*), '0 / 0') FROM competency_assessment_result c
        WHERE c.employee_id = r.employee_id AND c.year = r.year) AS "competencies met"
FROM annual_result r WHERE r.body_id = 90 AND r.year = 2021 ORDER BY 1;
SELECT explain_annual_result(9003, 2021) ->> 'edition_rule' AS "why legacy-2021 for 9003";
