-- The demo: one district akimat of about 60 people evaluated through 2025 and 2026-Q1 … Q3,
-- switching from typical-2023 to wko-2026 on 2026-05-05, entered through the real tables and
-- rules (bench/generate.sql), closed on the deadlines, then summarised.
--
--   psql -v lang=en -f scripts/demo.sql        (lang: en, ru or kk — the language of the labels and
--                                               explanations; the commentary is English)
--
-- Sections start with an `\echo '== …'` header; add a section by appending one.
\set ON_ERROR_STOP 1
\if :{?lang}
\else
\set lang en
\endif
\pset footer off
\pset null ''
CREATE EXTENSION ocenka;
\echo '== Loading the sample: 1 body, 60 people, 2025 and 2026-Q1 … Q3 (entered and closed on the days the rules allow)'
\set people 60
\set bodies 1
\set wko_share 1
\set seed 2026
\ir ../bench/generate.sql
SET search_path = ocenka, public;
-- The demo lives on a simulated calendar: the generator entered and closed every period on the day
-- the rules allow, and the rest of the demo happens on 2026-11-02 (ocenka.today, a superuser setting).
SET ocenka.today = '2026-11-02';
\echo '   The demo''s calendar is simulated: today is 2026-11-02 (SET ocenka.today), whatever the real date.'
\echo '   Names, positions and orders are the sample''s own data (Kazakh and Russian); labels and explanations are in' :lang

\echo
\echo '== The body and its editions: a quarter is evaluated under the edition in force on its last day (§5)'
SELECT b.name AS body, e.valid_from AS "in force from", e.methodology AS edition, m.quarter_deadline_day AS "scores due on day",
       CASE WHEN m.penalty_cap THEN 'yes' ELSE 'no' END AS "penalty cap",
       m.min_worked_days AS "min worked days", CASE WHEN m.survey_360 THEN 'yes' ELSE 'no' END AS "360 survey"
FROM body b JOIN body_edition e ON e.body_id = b.id JOIN methodology m ON m.code = e.methodology
ORDER BY e.valid_from;

\echo
\echo '== Summary per period: who was evaluated and how (gradation counts, share of the evaluated, mean score)'
\echo '   Each period was closed on its simulated completion day; the real time of the run is in close_run.finished_at.'
WITH r AS (
	SELECT q::text AS period, methodology, status, gradation, score, completed_on FROM quarter_result WHERE body_id = 1
	UNION ALL
	SELECT year::text, methodology, status, gradation, score, completed_on FROM annual_result WHERE body_id = 1
)
SELECT period, methodology AS edition, max(completed_on) AS "completed on",
       count(*) FILTER (WHERE status = 'evaluated') AS evaluated,
       count(*) FILTER (WHERE status = 'not_evaluated') AS "not evaluated",
       format('%s (%s %%)', count(*) FILTER (WHERE gradation = 'effective'),
              round(100.0 * count(*) FILTER (WHERE gradation = 'effective') / nullif(count(*) FILTER (WHERE status = 'evaluated'), 0))) AS effective,
       format('%s (%s %%)', count(*) FILTER (WHERE gradation = 'proper'),
              round(100.0 * count(*) FILTER (WHERE gradation = 'proper') / nullif(count(*) FILTER (WHERE status = 'evaluated'), 0))) AS proper,
       format('%s (%s %%)', count(*) FILTER (WHERE gradation = 'satisfactory'),
              round(100.0 * count(*) FILTER (WHERE gradation = 'satisfactory') / nullif(count(*) FILTER (WHERE status = 'evaluated'), 0))) AS satisfactory,
       format('%s (%s %%)', count(*) FILTER (WHERE gradation = 'unsatisfactory'),
              round(100.0 * count(*) FILTER (WHERE gradation = 'unsatisfactory') / nullif(count(*) FILTER (WHERE status = 'evaluated'), 0))) AS unsatisfactory,
       score_avg(score) AS "mean score"
FROM r GROUP BY period, methodology ORDER BY period;

\echo
\echo '== People × periods: score and gradation'
\echo '   E effective, P proper, S satisfactory, U unsatisfactory; * capped by a disciplinary penalty (wko-2026, §4b);'
\echo '   "not evaluated: reason" (§6); blank: no result, not in the body at the end of that period.'
WITH cell AS (
	SELECT r.employee_id, r.q::text AS period,
	       CASE WHEN r.status = 'evaluated'
	            THEN r.score::text || ' ' || upper(left(r.gradation::text, 1)) || CASE WHEN r.cap < r.mean THEN '*' ELSE '' END
	            ELSE 'not evaluated: ' || r.reason END AS v
	FROM quarter_result r WHERE r.body_id = 1
	UNION ALL
	SELECT a.employee_id, a.year::text, a.score::text || ' ' || upper(left(a.gradation::text, 1))
	FROM annual_result a WHERE a.body_id = 1
)
SELECT e.id, e.full_name AS name, a.category AS cat, CASE WHEN a.is_head THEN 'head' ELSE '' END AS head,
       max(v) FILTER (WHERE period = '2025-Q1') AS "2025-Q1", max(v) FILTER (WHERE period = '2025-Q2') AS "2025-Q2",
       max(v) FILTER (WHERE period = '2025-Q3') AS "2025-Q3", max(v) FILTER (WHERE period = '2025-Q4') AS "2025-Q4",
       max(v) FILTER (WHERE period = '2025') AS "year 2025",
       max(v) FILTER (WHERE period = '2026-Q1') AS "2026-Q1", max(v) FILTER (WHERE period = '2026-Q2') AS "2026-Q2",
       max(v) FILTER (WHERE period = '2026-Q3') AS "2026-Q3"
FROM employee e JOIN appointment a ON a.employee_id = e.id LEFT JOIN cell c ON c.employee_id = e.id
GROUP BY e.id, e.full_name, a.category, a.is_head
ORDER BY e.id;

\echo
\echo '== Who was not evaluated, and why (§6)'
SELECT r.q AS quarter, r.employee_id AS id, e.full_name AS name, r.reason,
       coalesce(explain_wording(:'lang') ->> r.reason, i.description) AS why, i.basis
FROM quarter_result r JOIN employee e ON e.id = r.employee_id JOIN ineligibility_reason i ON i.code = r.reason
WHERE r.body_id = 1 AND r.status = 'not_evaluated' ORDER BY r.q, r.employee_id;

\echo
\echo '== Why is employee 7''s 2026-Q2 grade what it is? ocenka.explain_text(7, ''2026-Q2'', lang) tells it:'
\pset format unaligned
\pset tuples_only on
SELECT '   ' || sentence FROM regexp_split_to_table(explain_text(7, '2026-Q2', :'lang'), E'\n') AS sentence;
\pset format aligned
\pset tuples_only off
\echo '   Programs read the same as JSON, ocenka.explain_result(7, ''2026-Q2''); a few of its fields:'
SELECT x ->> 'score' AS score, x ->> 'mean' AS mean, x ->> 'cap' AS cap, x ->> 'capped' AS capped,
       jsonb_array_length(x -> 'penalties') AS penalties, x ->> 'gradation' AS gradation
FROM explain_result(7, '2026-Q2') x;

\echo
\echo '== And the 2025 final of employee 3? ocenka.explain_annual_result(3, 2025): the mean of the quarters (§5)'
SELECT e ->> 'quarter' AS quarter, e ->> 'edition' AS edition, e ->> 'score' AS score, e ->> 'gradation' AS gradation,
       CASE WHEN (e ->> 'counted')::boolean THEN 'yes' ELSE 'no' END AS counted
FROM jsonb_array_elements(explain_annual_result(3, 2025) -> 'quarters') e;
SELECT x ->> 'counted' AS "quarters counted", x ->> 'sum' AS sum, x ->> 'score' AS "mean = annual score",
       x -> 'label' ->> :'lang' AS label
FROM explain_annual_result(3, 2025) x;

\echo
\echo '== 360 (2025): the competencies most often a person''s weakest, for training topics (¶36)'
SELECT CASE WHEN :'lang' = 'kk' THEN q.competency_kk ELSE q.competency_en END AS competency,
       count(*) AS "weakest for (people)", round(avg(c.mean), 2) AS "mean of their means"
FROM competency_result c JOIN survey s ON s.id = c.survey_id
JOIN competency_question q ON q.survey_form = s.survey_form AND q.competency_no = c.competency_no AND q.question_no = 1
WHERE c.weakest GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 6;
SELECT format('employee %s, %s (%s, %s), survey of %s', e.id, e.full_name, a.position, b.name, s.year) AS header
FROM survey s JOIN employee e ON e.id = s.employee_id JOIN appointment a ON a.employee_id = e.id JOIN body b ON b.id = a.body_id
WHERE s.employee_id = 2 AND s.year = 2025 \gset sheet_
\echo
\echo '   The 360 result sheet (appendix 7) of' :sheet_header
\echo '   each competency''s mean of the respondents'' answers, the self-assessment beside it (never counted), the weakest marked.'
SELECT c.competency_no AS no, CASE WHEN :'lang' = 'kk' THEN q.competency_kk ELSE q.competency_en END AS competency,
       c.mean AS "respondents' mean", c.self_mean AS "self-assessment", c.answers AS "answers counted",
       CASE WHEN c.weakest THEN 'weakest' ELSE '' END AS mark
FROM competency_result c JOIN survey s ON s.id = c.survey_id
JOIN competency_question q ON q.survey_form = s.survey_form AND q.competency_no = c.competency_no AND q.question_no = 1
WHERE s.employee_id = 2 AND s.year = 2025 ORDER BY c.competency_no;
\echo '   (competency names: the seeds give them in Kazakh and English)'

\echo
\echo '== Bad input never gets in: every rejection names the person, the period and the rule (today is 2026-11-02)'
\set ON_ERROR_STOP 0
\set VERBOSITY default
-- 2026-Q4 has not ended: its sheets can be prepared, its scores cannot be entered yet
SELECT open_sheets(1, '2026-Q4') AS "2026-Q4 sheets prepared";
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
\echo '== The audit log: who wrote what (entries are per statement, table and body period)'
SELECT table_name AS "table", operation, mode, count(*) AS entries, sum(row_count) AS rows
FROM audit_log GROUP BY 1, 2, 3 ORDER BY 1, 2;
