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
-- the evaluators are notified of a commission meeting seven working days ahead (akmola-2018 ¶29)
INSERT INTO commission_meeting (body_id, year, held_on, notified_on) VALUES (2, 2021, '2022-02-01', '2022-01-28');
\set ON_ERROR_STOP 1

\echo
\echo '== The audit log: who wrote what, when'
SELECT table_name, operation, mode, count(*) AS entries, sum(row_count) AS rows
FROM audit_log GROUP BY 1, 2, 3 ORDER BY 1, 2;

\echo
\echo '== A KPI plan from draft to approval (typical-2023 ¶22–25): drafted, returned, corrected, agreed, approved — each step dated and signed'
SET ocenka.today = '2027-01-08';
INSERT INTO body (id, name, code) VALUES (900, 'Алатау қалалық мәслихатының аппараты (демо)', 'DEMO-900');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES (900, '2024-10-22', 'typical-2023', 'decision No 10-27 of 22.10.2024');
INSERT INTO employee (id, full_name) VALUES (9001, 'Әбілқасымов Ержан (хатшы)'), (9002, 'Тұрсынова Гүлнар (бөлім басшысы)'),
	(9003, 'Мұратов Дәурен (стратегиялық жоспарлау)'), (9004, 'Сейітова Айгерім (кадр қызметі)');
INSERT INTO appointment (employee_id, body_id, position, category, is_head, started_on) VALUES
	(9002, 900, 'Бөлім басшысы', 'E-2', true, '2025-02-03'), (9003, 900, 'Бас маман', 'E-4', false, '2025-02-03'),
	(9004, 900, 'Бас маман', 'E-4', false, '2025-02-03');
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
