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
\echo '== People × quarters: final score and gradation (E effective, P proper, S satisfactory, U unsatisfactory; — not evaluated)'
WITH cell AS (
	SELECT r.employee_id, r.q,
	       CASE WHEN r.status = 'evaluated'
	            THEN r.final_score::text || ' ' || upper(left(r.final_gradation::text, 1)) || CASE WHEN r.cap < r.mean THEN '*' ELSE '' END
	                 || CASE WHEN r.final_state = 'decided' THEN '†' ELSE '' END
	            ELSE '— ' || r.reason END AS v
	FROM final_quarter_result r WHERE r.body_id = 1
)
SELECT e.id, left(e.full_name, 22) AS name, a.category AS cat, CASE WHEN a.is_head THEN 'head' ELSE '' END AS head,
       max(v) FILTER (WHERE q = '2025-Q1') AS "2025-Q1", max(v) FILTER (WHERE q = '2025-Q2') AS "2025-Q2",
       max(v) FILTER (WHERE q = '2025-Q3') AS "2025-Q3", max(v) FILTER (WHERE q = '2025-Q4') AS "2025-Q4",
       (SELECT ar.final_score::text || ' ' || upper(left(ar.final_gradation::text, 1)) FROM final_annual_result ar
        WHERE ar.employee_id = e.id AND ar.year = 2025) AS "2025",
       max(v) FILTER (WHERE q = '2026-Q1') AS "2026-Q1", max(v) FILTER (WHERE q = '2026-Q2') AS "2026-Q2",
       max(v) FILTER (WHERE q = '2026-Q3') AS "2026-Q3"
FROM employee e JOIN appointment a ON a.employee_id = e.id LEFT JOIN cell c ON c.employee_id = e.id
GROUP BY e.id, e.full_name, a.category, a.is_head
ORDER BY e.id;
\echo '   (* = capped by a disciplinary penalty under wko-2026, §4b; † = decided by a calibration session or an appeal)'

\echo
\echo '== Gradation distribution per quarter (final grades)'
SELECT q, methodology,
       count(*) FILTER (WHERE final_gradation = 'effective') AS effective,
       count(*) FILTER (WHERE final_gradation = 'proper') AS proper,
       count(*) FILTER (WHERE final_gradation = 'satisfactory') AS satisfactory,
       count(*) FILTER (WHERE final_gradation = 'unsatisfactory') AS unsatisfactory,
       count(*) FILTER (WHERE status = 'not_evaluated') AS "not evaluated",
       score_avg(final_score) AS "mean score"
FROM final_quarter_result WHERE body_id = 1 GROUP BY q, methodology ORDER BY q;

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
\echo '== After the grade (2026-Q3, wko-2026): acquaintance, two calibration sessions, a refusal act, an appeal'
-- the demo runs as the superuser, who has the hr capacity; the cases: the lowest and the highest 2026-Q3
-- score of body 1 contest their grades; a third person refuses to sign
SELECT set_config('ocenka.today', '2026-10-21', false) \g /dev/null
SELECT r.employee_id AS up, r.score AS up_score, s.evaluator_id AS up_evaluator,
       least(5, r.score::numeric + 1)::ocenka.score AS up_vote
FROM final_quarter_result r JOIN sheet s ON s.id = r.sheet_id
WHERE r.body_id = 1 AND r.q = '2026-Q3' AND r.status = 'evaluated' ORDER BY r.score, r.employee_id LIMIT 1 \gset
SELECT r.employee_id AS down, r.score AS down_score, s.evaluator_id AS down_evaluator,
       greatest(0, r.score::numeric - 1.5)::ocenka.score AS down_vote, greatest(0, r.score::numeric - 1)::ocenka.score AS down_appeal
FROM final_quarter_result r JOIN sheet s ON s.id = r.sheet_id
WHERE r.body_id = 1 AND r.q = '2026-Q3' AND r.status = 'evaluated' ORDER BY r.score DESC, r.employee_id LIMIT 1 \gset
SELECT r.employee_id AS refuser FROM quarter_result r
WHERE r.body_id = 1 AND r.q = '2026-Q3' AND r.status = 'evaluated' AND r.employee_id NOT IN (:up, :down) ORDER BY r.employee_id LIMIT 1 \gset
-- three members besides the applicants and their evaluators; the first acts for HR
SELECT (array_agg(a.employee_id ORDER BY a.employee_id))[1] AS m1, (array_agg(a.employee_id ORDER BY a.employee_id))[2] AS m2,
       (array_agg(a.employee_id ORDER BY a.employee_id))[3] AS m3
FROM appointment a WHERE a.body_id = 1 AND a.ended_on IS NULL
  AND a.employee_id NOT IN (:up, :down, :up_evaluator, :down_evaluator, :refuser) \gset
\o /dev/null
INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (:up, 1, '2026-Q3', 'signed', '2026-10-21'), (:down, 1, '2026-Q3', 'signed', '2026-10-21');
INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, act_no, act_hr_id, act_witness1_id, act_witness2_id)
VALUES (:refuser, 1, '2026-Q3', 'refused', '2026-10-21', 'акт № 14 от 21.10.2026', :m1, :m2, :m3);
SELECT set_config('ocenka.today', '2026-10-22', false);
INSERT INTO calibration_application (employee_id, body_id, q, filed_on, grounds)
VALUES (:up, 1, '2026-Q3', '2026-10-22', 'не учтены выполненные поручения'), (:down, 1, '2026-Q3', '2026-10-22', 'жалоба коллег на оценку');
SELECT set_config('ocenka.today', '2026-10-23', false);
INSERT INTO calibration_session (application_id, ordered_on, ordered_by, order_document)
SELECT id, '2026-10-23', :up_evaluator, format('распоряжение № %s от 23.10.2026', 40 + id) FROM calibration_application;
INSERT INTO calibration_member (session_id, employee_id, is_hr)
SELECT s.id, m, m = :m1 FROM calibration_session s, unnest(ARRAY[:m1, :m2, :m3]) m;
SELECT set_config('ocenka.today', '2026-10-28', false);
UPDATE calibration_session SET held_on = '2026-10-28', evaluator_heard = true,
       evaluator_argument = 'оценка соответствует результатам квартала';
INSERT INTO calibration_vote (session_id, employee_id, score)
SELECT s.id, m.employee_id, CASE WHEN a.employee_id = :up THEN CASE WHEN m.employee_id = :m3 THEN :'up_score' ELSE :'up_vote' END
                                 ELSE CASE WHEN m.employee_id = :m2 THEN :'down_score' ELSE :'down_vote' END END::ocenka.score
FROM calibration_session s JOIN calibration_application a ON a.id = s.application_id JOIN calibration_member m ON m.session_id = s.id;
UPDATE calibration_session SET protocol_signed_on = '2026-10-28', protocol_document = format('протокол № %s от 28.10.2026', id);
SELECT set_config('ocenka.today', '2026-10-29', false);
SELECT record_calibration(id) FROM calibration_session ORDER BY id;
SELECT set_config('ocenka.today', '2026-10-30', false);
UPDATE calibration_session SET feedback_on = '2026-10-30', feedback_notes = 'обзор достижений и карьерных целей';
SELECT set_config('ocenka.today', '2026-11-16', false);
INSERT INTO appeal (decision_id, filed_on, authority)
SELECT id, '2026-11-05', 'вышестоящий государственный орган' FROM result_decision WHERE employee_id = :down AND kind = 'calibration';
UPDATE appeal SET outcome = 'revised', score_after = :'down_appeal', gradation_after = gradation(:'down_appeal'::ocenka.score),
       decided_on = '2026-11-16', document = 'решение № 7 от 16.11.2026';
\o
\echo '   computed and final grades (final_quarter_result: the latest decision in force, else the computed grade)'
SELECT r.employee_id AS id, left(e.full_name, 22) AS name, r.score AS computed, r.gradation AS "computed gradation",
       r.final_score AS final, r.final_gradation AS "final gradation", r.final_state, r.final_on,
       (SELECT string_agg(d.kind || ' ' || d.outcome || ' ' || coalesce(d.score_before::text, '') || '→' || coalesce(d.score_after::text, ''), '; ' ORDER BY d.decided_on, d.id)
        FROM result_decision d WHERE d.employee_id = r.employee_id AND d.q = r.q) AS decisions
FROM final_quarter_result r JOIN employee e ON e.id = r.employee_id
WHERE r.q = '2026-Q3' AND r.employee_id IN (:up, :down, :refuser) ORDER BY r.score;
\echo '   explain_result(…, ''2026-Q3'') -> history: the session that raised a grade — members, each vote, the majority'
SELECT m.name, m.hr, m.vote FROM jsonb_to_recordset(explain_result(:up, '2026-Q3') #> '{history,calibration,session,members}')
       AS m(id bigint, name text, hr boolean, vote numeric) ORDER BY m.id;
SELECT h #>> '{calibration,application,filed_on}' AS applied, h #>> '{calibration,session,held_on}' AS held,
       h #>> '{calibration,session,evaluator,name}' AS "evaluator (heard)", h #> '{calibration,session,tally}' AS tally,
       h #>> '{calibration,session,majority}' AS majority, h #>> '{calibration,session,majority_rule}' AS rule
FROM (SELECT explain_result(:up, '2026-Q3') -> 'history' AS h) x;
\echo '   the session that lowered a grade, and the appeal that revised it again'
SELECT d ->> 'kind' AS kind, d ->> 'outcome' AS outcome, d ->> 'before' AS before, d ->> 'after' AS after,
       d ->> 'decided_on' AS decided_on, d ->> 'document' AS document, d ->> 'decided_by' AS decided_by
FROM jsonb_array_elements(explain_result(:down, '2026-Q3') #> '{history,decisions}') d;
SELECT x #>> '{final,score}' AS "final score", x #>> '{final,state}' AS state, x #>> '{final,label,ru}' AS "label (ru)",
       x #>> '{history,appeals,0,due}' AS "appeal due (APC: three months)"
FROM explain_result(:down, '2026-Q3') x;
\echo '   the refusal act: the result stands'
SELECT h ->> 'kind' AS kind, h ->> 'on' AS "on", h ->> 'act' AS act,
       (SELECT string_agg(s ->> 'name', ', ') FROM jsonb_array_elements(h -> 'signed_by') s) AS "signed by", h ->> 'note' AS note
FROM (SELECT explain_result(:refuser, '2026-Q3') #> '{history,acquaintance}' AS h) x;
\echo '   acquaintance with 2026-Q3 overdue as of 2026-11-16 (the sample recorded only the three above)'
SELECT q, count(*) AS results, min(due_on) AS "due on", max(working_days_late) AS "working days late"
FROM overdue_acquaintance WHERE body_id = 1 AND q = '2026-Q3' GROUP BY q;
\echo '   refused: a fourth vote where only members vote, and a second application on the same result'
\set ON_ERROR_STOP 0
INSERT INTO calibration_vote (session_id, employee_id, score) SELECT min(id), :up, 5 FROM calibration_session;
INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (:up, 1, '2026-Q3', '2026-11-16');
\set ON_ERROR_STOP 1
RESET ocenka.today;

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
