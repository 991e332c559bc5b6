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
	SELECT q::text AS period, methodology, status, final_gradation AS gradation, final_score AS score, completed_on
	FROM final_quarter_result WHERE body_id = 1
	UNION ALL
	SELECT year::text, methodology, status, final_gradation, final_score, completed_on FROM final_annual_result WHERE body_id = 1
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
\echo '== People × periods: final score and gradation'
\echo '   E effective, P proper, S satisfactory, U unsatisfactory; * capped by a disciplinary penalty (wko-2026, §4b);'
\echo '   † decided by a calibration session or an appeal; "not evaluated: reason" (§6); blank: no result, not in the'
\echo '   body at the end of that period. The final grade is final_quarter_result / final_annual_result (issue 11).'
WITH cell AS (
	SELECT r.employee_id, r.q::text AS period,
	       CASE WHEN r.status = 'evaluated'
	            THEN r.final_score::text || ' ' || upper(left(r.final_gradation::text, 1)) || CASE WHEN r.cap < r.mean THEN '*' ELSE '' END
	                 || CASE WHEN r.final_state = 'decided' THEN '†' ELSE '' END
	            ELSE 'not evaluated: ' || r.reason END AS v
	FROM final_quarter_result r WHERE r.body_id = 1
	UNION ALL
	SELECT a.employee_id, a.year::text, a.final_score::text || ' ' || upper(left(a.final_gradation::text, 1))
	FROM final_annual_result a WHERE a.body_id = 1
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
\echo '== An annual KPI-count body (akmola-2018, §7): its 2021 results are final only once the commission decides (§9b)'
\o /dev/null
SET client_min_messages = warning;
INSERT INTO body (id, name, code) VALUES (2, 'Аппарат областного маслихата (пример, akmola-2018)', 'GO-AKM');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES (2, '2018-04-04', 'akmola-2018', 'decision No 6С-19-24 of 16.03.2018');
INSERT INTO employee (id, full_name) VALUES
	(900001, 'Бекишев Тимур'), (900002, 'Досанова Камила'), (900003, 'Абенова Жанар'), (900004, 'Калиева Айгуль'),
	(900011, 'Жаксылыков Марат'), (900012, 'Омарова Алия'), (900013, 'Кенжебаев Руслан'), (900014, 'Султанова Дина'),
	(900015, 'Ахметжанов Болат'), (900016, 'Исаева Гаухар'), (900017, 'Руководитель аппарата маслихата');
INSERT INTO appointment (employee_id, body_id, position, category, started_on)
SELECT e, 2, 'Главный специалист', 'C-O-4', '2019-03-01' FROM unnest(ARRAY[900001, 900002, 900003, 900004]) e;
SELECT set_config('ocenka.today', '2021-02-01', false);
-- akmola-2018 ¶14: five KPIs each; achieved 5, 4, 3 and 2 of them
INSERT INTO kpi (employee_id, body_id, year, no, name, approved_on, achieved)
SELECT e, 2, 2021, n, format('Показатель %s', n), '2021-02-01', n <= a
FROM (VALUES (900001, 5), (900002, 4), (900003, 3), (900004, 2)) AS t(e, a), generate_series(1, 5) n;
-- the count sheets go to the commission through their review chain (¶17–24): the head of the apparatus fills, signs
-- and, being the first head, agrees them (¶20); the HR employee (the commission's secretary, ¶34) submits them
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from)
SELECT e, 900017, 'immediate_supervisor', '2019-03-01' FROM unnest(ARRAY[900001, 900002, 900003, 900004]) e;
-- the HR service and the authorised person (the official with the power of appointment, ¶5) are registered in body_service
INSERT INTO body_service (body_id, service, employee_id, valid_from) VALUES (2, 'hr', 900016, '2019-01-01'), (2, 'appointing', 900017, '2019-01-01');
SELECT set_config('ocenka.today', '2022-01-12', false);
SELECT open_count_sheets(2, 2021);
SELECT count_sheet_step(c.id, s.step, CASE s.step WHEN 'submit' THEN 900016 ELSE 900017 END)
FROM count_sheet c, unnest(ARRAY['sign', 'agree', 'submit']) WITH ORDINALITY AS s(step, n) WHERE c.body_id = 2 ORDER BY c.id, s.n;
SELECT set_config('ocenka.today', '2022-01-14', false);
CALL close_year(2, 2021);
-- the commission, formed by order (¶5): a chair, four members, a secretary who does not vote (¶34)
INSERT INTO commission_order (body_id, number, signed_on, valid_from, signed_by) VALUES (2, '12-ө', '2022-01-10', '2022-01-10', 900017)
RETURNING id AS commission_order \gset
INSERT INTO commission_member VALUES (:commission_order, 900011, 'chair'), (:commission_order, 900012, 'member'),
	(:commission_order, 900013, 'member'), (:commission_order, 900014, 'member'), (:commission_order, 900015, 'member'),
	(:commission_order, 900016, 'secretary');
-- HR notifies the evaluators seven working days ahead (¶29): on 2022-01-14 of a meeting on 2022-01-25
INSERT INTO commission_meeting (body_id, year, held_on, notified_on) VALUES (2, 2021, '2022-01-25', '2022-01-14') RETURNING id AS meeting \gset
SELECT set_config('ocenka.today', '2022-01-25', false);
-- four of the five voting members come: 3 · 4 ≥ 2 · 5, a quorum (¶30)
INSERT INTO commission_attendance SELECT :meeting, e, e <> 900015 FROM unnest(ARRAY[900011, 900012, 900013, 900014, 900015, 900016]) e;
-- the open vote (¶32–33): on Досанова (4 of 5 KPIs, «тиімді») two against two, the chair for «өте жақсы»
INSERT INTO commission_vote SELECT :meeting, v.employee_id, v.voter_id, v.vote, v.gradation::gradation FROM (VALUES
	(900001, 900011, 'approve', NULL), (900001, 900012, 'approve', NULL), (900001, 900013, 'approve', NULL), (900001, 900014, 'approve', NULL),
	(900002, 900011, 'revise', 'effective'), (900002, 900012, 'revise', 'effective'), (900002, 900013, 'approve', NULL), (900002, 900014, 'approve', NULL),
	(900003, 900011, 'approve', NULL), (900003, 900012, 'approve', NULL), (900003, 900013, 'approve', NULL), (900003, 900014, 'revise', 'unsatisfactory'),
	(900004, 900011, 'approve', NULL), (900004, 900012, 'revise', 'satisfactory'), (900004, 900013, 'revise', 'satisfactory'),
	(900004, 900014, 'revise', 'satisfactory')) AS v(employee_id, voter_id, vote, gradation);
\o
\echo '   the count sheets HR submitted to the commission (akmola-2018 ¶24): only these may be voted on'
SELECT c.employee_id AS id, c.state, c.signed_on, c.agreed_on, c.submitted_on FROM count_sheet c WHERE c.body_id = 2 ORDER BY 1;
\echo '   before the authorised person approves the protocol, the results await the commission:'
SELECT r.employee_id AS id, e.full_name AS name, r.kpi_achieved || ' of ' || r.kpi_total AS "KPIs achieved",
       gradation_label(r.gradation, 'kk', r.methodology) AS computed, r.final_state
FROM final_annual_result r JOIN employee e ON e.id = r.employee_id WHERE r.body_id = 2 ORDER BY 1;
\echo '   the count (commission_tally): more than half of the members present decide, on a tie the chair''s vote'
SELECT t.employee_id AS id, t.present || ' of ' || t.voting_members AS present, t.tally, t.chair_vote, t.decided, t.decided_how
FROM commission_tally(ARRAY[:meeting::bigint]) t ORDER BY 1;
\o /dev/null
SELECT set_config('ocenka.today', '2022-01-26', false);
-- the authorised person approves the results in the protocol (¶39): the commission's decisions are written
UPDATE commission_meeting SET protocol_no = '1', approved_on = '2022-01-26', approved_by = 900017 WHERE id = :meeting;
\o
\echo '   after the approval: result_decision (kind commission) and the final grade'
SELECT r.employee_id AS id, e.full_name AS name, gradation_label(r.gradation, 'kk', r.methodology) AS computed,
       d.outcome, gradation_label(r.final_gradation, 'kk', r.methodology) AS final, r.final_state, r.final_on
FROM final_annual_result r JOIN employee e ON e.id = r.employee_id
LEFT JOIN result_decision d ON d.id = r.final_decision_id WHERE r.body_id = 2 ORDER BY 1;
\echo
\echo '== Why is Досанова''s 2021 grade «өте жақсы»? The commission meeting in her explanation (explain_annual_result)'
SELECT c -> 'order' ->> 'number' AS "order", c ->> 'held_on' AS held_on, c ->> 'notified_on' AS notified_on,
       c -> 'quorum' ->> 'rule' AS quorum, c -> 'protocol' ->> 'approved_by' AS "approved by"
FROM jsonb_array_elements(explain_annual_result(900002, 2021) -> 'history' -> 'commission') c;
SELECT m ->> 'name' AS member, m ->> 'role' AS role, m ->> 'present' AS present, m ->> 'vote' AS vote
FROM jsonb_array_elements(explain_annual_result(900002, 2021) -> 'history' -> 'commission') c, jsonb_array_elements(c -> 'members') m;
SELECT c -> 'vote' ->> 'decided_how' AS "how it was decided", c -> 'decision' ->> 'outcome' AS outcome,
       (c -> 'decision' ->> 'gradation_before') || ' → ' || (c -> 'decision' ->> 'gradation_after') AS "grade"
FROM jsonb_array_elements(explain_annual_result(900002, 2021) -> 'history' -> 'commission') c;
SELECT x #>> '{history,computed,gradation}' AS computed, x #>> '{final,gradation}' AS final, x #>> '{final,state}' AS state,
       x #>> '{final,label,kk}' AS "final label (kk)"
FROM explain_annual_result(900002, 2021) x;
RESET ocenka.today;
RESET client_min_messages;

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
-- the official with the power of appointment orders the sessions (¶38): the body's first head, registered in body_service
SELECT coalesce((SELECT a.employee_id FROM appointment a WHERE a.body_id = 1 AND a.ended_on IS NULL
                 AND cardinality(direct_supervisors(a.employee_id, '2026-10-23')) = 0 ORDER BY a.is_head DESC, a.employee_id LIMIT 1),
                :up_evaluator) AS appointer \gset
INSERT INTO body_service (body_id, service, employee_id, valid_from) VALUES (1, 'appointing', :appointer, '2026-01-01');
-- the refusal act is signed for HR by an employee of body 1's HR service (body_service)
INSERT INTO body_service (body_id, service, employee_id, valid_from) VALUES (1, 'hr', :m1, '2026-01-01');
INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, act_no, act_hr_id, act_witness1_id, act_witness2_id)
VALUES (:refuser, 1, '2026-Q3', 'refused', '2026-10-21', 'акт № 14 от 21.10.2026', :m1, :m2, :m3);
SELECT set_config('ocenka.today', '2026-10-22', false);
INSERT INTO calibration_application (employee_id, body_id, q, filed_on, grounds)
VALUES (:up, 1, '2026-Q3', '2026-10-22', 'не учтены выполненные поручения'), (:down, 1, '2026-Q3', '2026-10-22', 'жалоба коллег на оценку');
SELECT set_config('ocenka.today', '2026-10-23', false);
INSERT INTO calibration_session (application_id, ordered_on, ordered_by, order_document)
SELECT id, '2026-10-23', :appointer, format('распоряжение № %s от 23.10.2026', 40 + id) FROM calibration_application;
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
-- the evaluators are notified of a commission meeting seven working days ahead (akmola-2018 ¶29)
INSERT INTO commission_meeting (body_id, year, held_on, notified_on) VALUES (2, 2021, '2022-02-01', '2022-01-28');
\set ON_ERROR_STOP 1

\echo
\echo '== The audit log: who wrote what (entries are per statement, table and body period)'
SELECT table_name AS "table", operation, mode, count(*) AS entries, sum(row_count) AS rows
FROM audit_log GROUP BY 1, 2, 3 ORDER BY 1, 2;

\echo
\echo '== A KPI plan from draft to approval (typical-2023 ¶22–25): drafted, returned, corrected, agreed, approved — each step dated and signed'
SET ocenka.today = '2027-01-08';
INSERT INTO body (id, name, code) VALUES (900, 'Алатау қалалық мәслихатының аппараты (демо)', 'DEMO-900');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES (900, '2024-10-22', 'typical-2023', 'decision No 10-27 of 22.10.2024');
INSERT INTO employee (id, full_name) VALUES (9001, 'Әбілқасымов Ержан (хатшы)'), (9002, 'Тұрсынова Гүлнар (бөлім басшысы)'),
	(9003, 'Мұратов Дәурен (стратегиялық жоспарлау)'), (9004, 'Сейітова Айгерім (кадр қызметі)');
-- who signs: the superior follows from the evaluators (9001, the body's first head, has none above: ¶51);
-- the strategic-planning unit and the HR service are registered as units (ocenka.body_service)
INSERT INTO unit (id, body_id, name) VALUES (900, 900, 'Стратегиялық жоспарлау бөлімі'), (901, 900, 'Персоналды басқару қызметі');
INSERT INTO body_service (body_id, service, unit_id) VALUES (900, 'strategic_planning', 900), (900, 'hr', 901);
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on) VALUES
	(9002, 900, NULL, 'Бөлім басшысы', 'E-2', true, '2025-02-03'), (9003, 900, 900, 'Бас маман', 'E-4', false, '2025-02-03'),
	(9004, 900, 901, 'Бас маман', 'E-4', false, '2025-02-03');
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (9002, 9001, 'immediate_supervisor', '2025-02-03');
INSERT INTO kpi_plan (employee_id, body_id, year) VALUES (9002, 900, 2027);
INSERT INTO kpi (employee_id, body_id, year, no, name, unit_of_measure, direction, expected_result, source)
VALUES (9002, 900, 2027, 1, 'Мерзімінде қаралған өтініштер үлесі', '%', 'increase', 'Өтініштердің бәрі мерзімінде қаралады', 'Стратегиялық жоспар, 1.2-көрсеткіш'),
       (9002, 900, 2027, 2, 'Негізделген шағымдар саны', 'дана', 'decrease', 'Шағымдар азаяды', '«А» корпусы қызметшісінің келісімі, 3-көрсеткіш'),
       (9002, 900, 2027, 3, 'Бюджеттің игерілуі', '%', 'increase', 'Бюджет толық игеріледі', 'Ұлттық жоба, 4-көрсеткіш');
INSERT INTO kpi_target (kpi_id, q, plan, due_on)
SELECT k.id, make_quarter(2027, n), CASE k.no WHEN 2 THEN 5 ELSE 25 * n END, last_day(make_quarter(2027, n))
FROM kpi k, generate_series(1, 4) n WHERE k.employee_id = 9002 AND k.year = 2027;
SELECT id AS plan, state, due_on AS "draft due (10 working days)" FROM kpi_plan WHERE employee_id = 9002;
SELECT plan_step((SELECT id FROM kpi_plan WHERE employee_id = 9002), 'submit', 9001) AS "submitted by the evaluator";
SET ocenka.today = '2027-01-11';
SELECT plan_step((SELECT id FROM kpi_plan WHERE employee_id = 9002), 'return', 9001, 'KPI 3: the quarterly plan does not follow the budget schedule') AS "returned by the superior";
UPDATE kpi_target t SET plan = (ARRAY[10, 40, 70, 100])[quarter_number(t.q)] FROM kpi k WHERE k.id = t.kpi_id AND k.employee_id = 9002 AND k.no = 3;
\echo '   a late resubmission is refused (akmola-2018 ¶12: within 2 working days of the return):'
\set ON_ERROR_STOP 0
SET ocenka.today = '2027-01-14';
SELECT plan_step((SELECT id FROM kpi_plan WHERE employee_id = 9002), 'submit', 9001);
\set ON_ERROR_STOP 1
SET ocenka.today = '2027-01-13';
SELECT plan_step((SELECT id FROM kpi_plan WHERE employee_id = 9002), 'submit', 9001) AS "resubmitted",
       plan_step((SELECT id FROM kpi_plan WHERE employee_id = 9002), 'agree_planning', 9003) AS "strategic planning",
       plan_step((SELECT id FROM kpi_plan WHERE employee_id = 9002), 'agree_hr', 9004) AS "HR";
\echo '   only the superior approves (appendix 1 «БЕКІТЕМІН: жоғары тұрған басшы»), not the HR service that agreed:'
\set ON_ERROR_STOP 0
SELECT plan_step((SELECT id FROM kpi_plan WHERE employee_id = 9002), 'approve', 9004);
\set ON_ERROR_STOP 1
SELECT plan_step((SELECT id FROM kpi_plan WHERE employee_id = 9002), 'approve', 9001) AS "approved by the superior";
SELECT s.on_day, s.step, s.from_state || ' → ' || s.to_state AS state, e.full_name AS signed_by, s.reason
FROM review_step s JOIN employee e ON e.id = s.signer_id
WHERE s.document = 'kpi_plan' AND s.document_id = (SELECT id FROM kpi_plan WHERE employee_id = 9002) ORDER BY s.id;
\echo '   the notices these steps wrote to the outbox, for the mailer (ocenka.take_notices, ocenka.ack_notice):'
SELECT n.id, n.kind, coalesce(e.full_name, 'HR service') AS recipient, n.due_on, n.payload ->> 'reason' AS reason
FROM notice n LEFT JOIN employee e ON e.id = n.employee_id WHERE n.body_id = 900 ORDER BY n.id;

\echo
\echo '== HR''s duties on 2027-01-14 (ocenka.duties): what is due, by whom, by when, and what is overdue'
SELECT d.duty, coalesce(e.full_name, '') AS concerns, d.actor, coalesce(a.full_name, '') AS "actor name", d.period, d.due_on,
       CASE WHEN d.overdue THEN 'OVERDUE' ELSE '' END AS overdue, d.basis
FROM duties('2027-01-14') d LEFT JOIN employee e ON e.id = d.employee_id LEFT JOIN employee a ON a.id = d.actor_id
WHERE d.body_id = 900 ORDER BY d.due_on NULLS LAST, d.duty;
\echo '   and across all bodies, by kind:'
SELECT duty, actor, count(*) AS due, count(*) FILTER (WHERE overdue) AS overdue, min(due_on) AS earliest
FROM duties('2027-01-14') GROUP BY 1, 2 ORDER BY 1;
RESET ocenka.today;
\echo '== Competencies by behavioural indicators (vsk-2018, seed 003 appendix 4) and legacy-2021 per person (seed 000 ch. 6)'
\echo '   body 90 applies vsk-2018 and adopted chapter 6 from 2021-07-01; 9103 was sick in November 2021'
SET ocenka.today = '2021-01-15';
INSERT INTO body (id, name) VALUES (90, 'Аппарат Высшего судебного совета (демо)');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES
	(90, '2018-07-26', 'vsk-2018', 'order No 2-4/26 of 12.07.2018'), (90, '2021-07-01', 'legacy-2021', 'chapter 6 (demo)');
INSERT INTO unit (id, body_id, name) VALUES (90, 90, 'Отдел кадров');
INSERT INTO employee (id, full_name) VALUES (9100, 'Руководитель аппарата (демо)'), (9101, 'Жаксылыков Нуржан'),
	(9102, 'Утепова Гульмира'), (9103, 'Мусина Алия');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on) VALUES
	(9101, 90, 90, 'Руководитель отдела', 'B-2', true, '2019-02-01'), (9102, 90, 90, 'Главный консультант', 'B-4', false, '2019-02-01'),
	(9103, 90, 90, 'Консультант', 'B-5', false, '2019-02-01');
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES
	(9101, 9100, 'immediate_supervisor', '2019-02-01'), (9102, 9101, 'immediate_supervisor', '2019-02-01'),
	(9103, 9101, 'immediate_supervisor', '2019-02-01');
INSERT INTO absence (employee_id, kind, first_day, last_day) VALUES (9103, 'sick_leave', '2021-11-08', '2021-11-19');
INSERT INTO kpi (employee_id, body_id, year, no, name, approved_on)
SELECT e, 90, 2021, n, format('Показатель %s', n), '2021-01-15' FROM unnest(ARRAY[9101, 9102, 9103]) e, generate_series(1, 5) n;
SELECT employee_id AS id, methodology, reason FROM year_plan(90, 2021) ORDER BY 1;

SET ocenka.today = '2022-01-14';
UPDATE kpi SET achieved = no <= CASE employee_id WHEN 9101 THEN 5 WHEN 9102 THEN 4 ELSE 4 END WHERE body_id = 90 AND year = 2021;
\echo '   9101 fills the competency sheet of 9102 (B-4): every indicator of the B-4/B-5 column, observed or not'
INSERT INTO competency_assessment (employee_id, body_id, year, methodology, catalogue, category_group, evaluator_id)
VALUES (9102, 90, 2021, 'vsk-2018', catalogue_for(90, 'vsk-2018'), 'employees', 9101),
       (9101, 90, 2021, 'vsk-2018', catalogue_for(90, 'vsk-2018'), 'heads', 9100);
INSERT INTO indicator_mark (assessment_id, competency_no, effective, indicator_no, observed)
SELECT a.id, i.competency_no, i.effective, i.indicator_no,
       CASE WHEN a.employee_id = 9101 THEN i.effective
            WHEN i.effective THEN (i.competency_no, i.indicator_no) NOT IN ((1, 4), (2, 3), (4, 3))
            ELSE (i.competency_no, i.indicator_no) = (2, 3) END
FROM competency_assessment a JOIN behaviour_indicator i ON (i.catalogue, i.category_group) = (a.catalogue, a.category_group)
WHERE a.body_id = 90 AND a.year = 2021;
SELECT r.competency_no AS no, r.name_kk AS competency, r.effective_observed || ' / ' || r.effective_total AS observed,
       r.ineffective_observed AS "ineffective seen",
       CASE WHEN r.meets_expectations THEN 'күтілген нәтижеге сәйкес' ELSE 'күтілген нәтижеге сәйкес емес' END AS result
FROM competency_assessment_result r WHERE r.employee_id = 9102 AND r.year = 2021 ORDER BY r.competency_no;
\echo '   an indicator outside the catalogue is refused'
\set ON_ERROR_STOP 0
INSERT INTO indicator_mark SELECT id, 9, true, 2, true FROM competency_assessment WHERE employee_id = 9102 AND year = 2021;
\set ON_ERROR_STOP 1

SET ocenka.today = '2022-01-20';
CALL close_year(90, 2021);
\echo '   the year: 9103 by the KPI count of legacy-2021, her colleagues by vsk-2018; competencies beside, never in, the grade (¶7)'
SELECT r.employee_id AS id, r.methodology, r.kpi_achieved || ' / ' || r.kpi_total AS kpis, r.gradation,
       gradation_label(r.gradation, 'kk', r.methodology) AS label,
       (SELECT nullif(count(*) FILTER (WHERE c.meets_expectations) || ' / ' || count(*), '0 / 0') FROM competency_assessment_result c
        WHERE c.employee_id = r.employee_id AND c.year = r.year) AS "competencies met"
FROM annual_result r WHERE r.body_id = 90 AND r.year = 2021 ORDER BY 1;
SELECT explain_annual_result(9103, 2021) ->> 'edition_rule' AS "why legacy-2021 for 9103";
