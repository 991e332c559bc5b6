-- pgTAP: the result history base (issue 11) — result_decision records every decision on a computed
-- result, which stays as computed; final_quarter_result and final_annual_result give the final grade
-- (the latest decision by decided_on, then id, else the computed one); close_year's annual mean is the
-- mean of the FINAL quarterly scores; decisions are checked, append-only, audited and kept.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(41);
\ir fixture/store.sql
INSERT INTO fixture_scores VALUES (103, '2025-Q1', '{5,5,4,4}'), (103, '2025-Q2', '{4,4,4,3}'), (103, '2025-Q3', '{3,3,3,3}');

-- 2025-Q1 … Q3 of body 1 closed on their deadlines; Q4 entered, closed 2026-01-10
SET ROLE ocenka_test_dba;
\o /dev/null
SELECT pg_temp.complete(1, '2025-Q1', '2025-04-10', true);
SELECT pg_temp.complete(1, '2025-Q2', '2025-07-10', true);
-- calibration sessions (the only source of a quarterly decision but an appeal, test/cycle_calibration.sql): 104's
-- 2025-Q2 set to 2.50 on 2025-07-21; 103's 2025-Q3 raised from 3.00 to 4.00 on 2025-10-20 (members 101 for HR, 100, 105)
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.calibrate(104, '2025-Q2', '2025-07-21', 2.50, '{101,100,105}');
RESET ROLE;
SET ROLE ocenka_test_dba;
SELECT pg_temp.complete(1, '2025-Q3', '2025-10-10', true);
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.calibrate(103, '2025-Q3', '2025-10-20', 4.00, '{101,100,105}');
RESET ROLE;
SET ROLE ocenka_test_dba;
SELECT pg_temp.complete(1, '2025-Q4', '2026-01-05', false);
SELECT pg_temp.at('2026-01-10');
CALL close_quarter(1, '2025-Q4');
\o
SELECT results_eq($$SELECT q::text, score::numeric FROM quarter_result WHERE employee_id = 103 AND q BETWEEN '2025-Q1' AND '2025-Q4' ORDER BY q$$,
                  $$VALUES ('2025-Q1', 4.50), ('2025-Q2', 3.75), ('2025-Q3', 3.00), ('2025-Q4', 4.00)$$,
                  'the computed 2025 quarters of employee 103');

SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.at('2026-01-14');
-- the session's decision on 103's 2025-Q3 (3.00 raised to 4.00), then an appeal upholds it
SELECT results_eq($$SELECT kind, outcome, score_after::numeric, decided_on FROM result_decision WHERE employee_id = 103$$,
                  $$VALUES ('calibration', 'revised', 4.00, date '2025-10-20')$$,
                  'a decision on an evaluated result is recorded');
SELECT results_eq($$SELECT score_before::numeric, gradation_before::text, recorded_on, recorded_by::text COLLATE "default" FROM result_decision WHERE employee_id = 103$$,
                  $$VALUES (3.00, 'proper', date '2025-10-20', 'ocenka_test_hr_officer')$$,
                  'the grade before is the final grade then; recorded_on and recorded_by default to today and the user');
SELECT id AS d1 FROM result_decision WHERE employee_id = 103 \gset
SELECT is(pg_temp.error_of(format($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after,
                                               decided_on, document, decided_by, appeal_of)
                  VALUES (103, 1, '2025-Q3', 'appeal', 'upheld', 4.00, 'effective', '2025-12-01', 'решение суда № 7', 'суд', %s)$$, :d1)) - 'detail',
          jsonb_build_object('sqlstate', '23503', 'constraint', 'ocenka_appeal_decision',
                             'message', format('employee 103 (Сериков Ерлан): a decision of kind appeal on 2025-Q3 must be that of a decided appeal of decision %s', :d1)),
          'a decision of kind appeal comes from an appeal');
SELECT lives_ok(format($$INSERT INTO appeal (decision_id, filed_on, authority, outcome, decided_on, document)
                         VALUES (%s, '2025-11-01', 'суд', 'upheld', '2025-12-01', 'решение суда № 7')$$, :d1),
                'an appeal filed and decided at once: upheld, its decision repeats the grade it upholds');
SELECT id AS d2 FROM result_decision WHERE employee_id = 103 AND kind = 'appeal' \gset
SELECT results_eq($$SELECT q::text, score::numeric, final_score::numeric, final_gradation::text, final_state, final_on
                    FROM final_quarter_result WHERE employee_id = 103 AND q BETWEEN '2025-Q1' AND '2025-Q4' ORDER BY q$$,
                  $$VALUES ('2025-Q1', 4.50, 4.50, 'effective', 'computed', date '2025-04-10'),
                           ('2025-Q2', 3.75, 3.75, 'proper', 'computed', '2025-07-10'),
                           ('2025-Q3', 3.00, 4.00, 'effective', 'decided', '2025-12-01'),
                           ('2025-Q4', 4.00, 4.00, 'effective', 'computed', '2026-01-10')$$,
                  'final_quarter_result: the latest decision gives the final grade, the computed one stays');
SELECT is((SELECT score::numeric FROM quarter_result WHERE employee_id = 103 AND q = '2025-Q3'), 3.00,
          'the computed row is never overwritten');
-- two decisions of one day: 104's 2025-Q2 session (2.50) appealed and revised to 3.50 the day it was signed
SELECT lives_ok($$INSERT INTO appeal (decision_id, filed_on, authority, outcome, score_after, gradation_after, decided_on, document)
                  SELECT id, '2025-07-21', 'суд', 'revised', 3.50, 'proper', '2025-07-21', 'решение суда № 3' FROM result_decision
                  WHERE employee_id = 104 AND q = '2025-Q2'$$,
                'two decisions of one day');
SELECT is((SELECT final_score::numeric FROM final_quarter_result WHERE employee_id = 104 AND q = '2025-Q2'), 3.50,
          'of two decisions of one day the later id is in force');

-- ============ refused ============
SELECT pg_temp.refused($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                         VALUES (103, 1, '2024-Q4', 'commission', 'revised', 4.00, 'effective', '2025-01-20', 'п', 'с')$$,
                       '23503', 'employee 103 (Сериков Ерлан): there is no evaluated result for 2024-Q4 to decide on',
                       'a decision needs an evaluated result of that person and period');
SELECT pg_temp.refused($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                         VALUES (103, 2, '2025-Q1', 'commission', 'revised', 4.00, 'effective', '2025-04-20', 'п', 'с')$$,
                       '23514', 'employee 103 (Сериков Ерлан): the result for 2025-Q1 belongs to body 1, not 2',
                       'a decision names the body of the result');
SELECT pg_temp.refused($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                         VALUES (103, 1, '2025-Q1', 'commission', 'upheld', 4.00, 'effective', '2025-04-20', 'п', 'с')$$,
                       '23514', 'employee 103 (Сериков Ерлан): a decision on 2025-Q1 that upholds must keep the grade before it (4.50), not give 4.00',
                       'an upheld decision keeps the grade');
SELECT pg_temp.refused($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                         VALUES (103, 1, '2025-Q1', 'commission', 'revised', 4.00, 'proper', '2025-04-20', 'п', 'с')$$,
                       '23514', 'new row for relation "result_decision" violates check constraint "result_decision_grade"',
                       'the gradation is the score''s');
SELECT pg_temp.refused($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                         VALUES (103, 1, '2025-Q1', 'commission', 'revised', 4.00, 'effective', '2026-02-20', 'п', 'с')$$,
                       '23514', 'new row for relation "result_decision" violates check constraint "result_decision_recorded"',
                       'a decision is recorded on or after its day');
SELECT is(pg_temp.error_of($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                         VALUES (103, 1, '2025-Q1', 'commission', 'revised', 4.00, 'effective', '2025-03-20', 'п', 'с')$$) - 'detail',
          '{"sqlstate": "23514", "constraint": "ocenka_decision_result", "message": "employee 103 (Сериков Ерлан): a decision on 2025-Q1 dated 2025-03-20 precedes the result, completed on 2025-04-10"}',
          'a decision comes after the result');
RESET ROLE;
SET ROLE ocenka_test_clerk;
SELECT is(pg_temp.error_of($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                         VALUES (103, 1, '2025-Q1', 'commission', 'revised', 4.00, 'effective', '2025-04-20', 'п', 'с')$$) ->> 'sqlstate',
          '42501', 'a clerk (no hr capacity) cannot record decisions');
RESET ROLE;
SET ROLE ocenka_test_dba;
SELECT is(pg_temp.error_of(format($$UPDATE result_decision SET document = 'x' WHERE id = %s$$, :d1)),
          jsonb_build_object('sqlstate', '23514', 'constraint', 'ocenka_decision_final',
                             'message', format('employee 103 (Сериков Ерлан): decision %s on 2025-Q3 cannot be changed', :d1),
                             'detail', 'A decision is a document: a later decision (an appeal) changes the final grade, never an edit (methodology §9, §11).'),
          'decisions are append-only');
SELECT is(pg_temp.error_of(format($$DELETE FROM result_decision WHERE id = %s$$, :d2)) ->> 'message',
          'the decision of employee 103 (Сериков Ерлан), 2025-Q3 must be kept until 2028-12-01',
          '§11: a decision is kept three years from the day the evaluation became final (the latest decision)');
SELECT is(pg_temp.error_of($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                         VALUES (103, 1, '2025-Q1', 'commission', 'revised', 4.00, 'effective', '2025-04-20', 'п', 'с')$$) - 'detail',
          '{"sqlstate": "42501", "constraint": "ocenka_hr_capacity", "message": "employee 103 (Сериков Ерлан): ocenka_test_dba may not record a decision on 2025-Q1"}',
          'only HR records decisions');

-- ============ the annual mean is the mean of the FINAL quarterly scores (§5) ============
SELECT pg_temp.at('2026-01-20');
SELECT lives_ok($$CALL close_year(1, 2025)$$, '2025 closes');
SELECT results_eq($$SELECT score::numeric, quarters::int, final_score::numeric, final_state FROM final_annual_result WHERE employee_id = 103 AND year = 2025$$,
                  $$VALUES (4.06, 4, 4.06, 'computed')$$,
                  '§5: 103''s 2025 mean is of 4.50, 3.75, 4.00 (calibrated from 3.00) and 4.00 = 4.06, not 3.81');
SELECT is((SELECT score::numeric FROM annual_result WHERE employee_id = 104 AND year = 2025),
          (SELECT score_avg(final_score)::numeric FROM final_quarter_result WHERE employee_id = 104 AND q BETWEEN '2025-Q1' AND '2025-Q4'),
          '§5: 104''s mean counts the decided 3.50 of 2025-Q2');
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.refused($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                         VALUES (103, 1, '2025-Q4', 'commission', 'revised', 5.00, 'effective', '2026-01-20', 'п', 'с')$$,
                       '23514', 'employee 103 (Сериков Ерлан): year 2025 of body 1 is closed, so 2025-Q4 can no longer be decided on',
                       'a quarter of a closed year can no longer be decided on');

-- ============ the KPI-count rule awaits the commission ============
RESET ROLE;
-- 200's count sheet goes through its review chain to the commission before the year closes (akmola-2018 ¶17–24)
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (200, 100, 'immediate_supervisor', '2019-01-01');
INSERT INTO body_service (body_id, service, employee_id, valid_from) VALUES (2, 'hr', 114, '2018-01-01');
SET ROLE ocenka_test_dba;
SELECT pg_temp.at('2026-04-05');
\o /dev/null
SELECT pg_temp.submit_count_sheets(2, 2021, '2026-04-05', ARRAY[200]);
CALL close_year(2, 2021);
\o
SELECT results_eq($$SELECT employee_id, gradation::text, final_gradation::text, final_state FROM final_annual_result
                    WHERE body_id = 2 AND year = 2021 AND employee_id IN (200, 205) ORDER BY employee_id$$,
                  $$VALUES (200::bigint, 'effective', NULL, 'awaiting_commission'), (205, NULL, NULL, 'computed')$$,
                  '§9b: an evaluated KPI-count result awaits the commission; a person not evaluated has nothing to await');
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.refused($$INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                         VALUES (200, 2, 2021, 'commission', 'revised', 4.00, 'effective', '2026-04-05', 'п', 'с')$$,
                       '23514', 'employee 200 (Бекишев Тимур): a decision on 2021 gives a score, which the KPI-count rule does not have',
                       'the KPI-count rule grades without a score');
SELECT * FROM pg_temp.refused($$INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, gradation_after, decided_on, document, decided_by)
                         VALUES (200, 2, 2021, 'commission', 'approved', 'effective', '2026-04-05', 'протокол № 1', 'комиссия')$$,
                       '23503', 'employee 200 (Бекишев Тимур): a commission decision on 2021 must come from the approved protocol of a commission meeting of body 2 on that year',
                       '§9b: a commission decision written by hand, without the meeting whose quorum and vote decided it, is refused');
SELECT lives_ok($$SELECT pg_temp.commission(2, 2021, '2026-04-05', '{"200": null}')$$,
                'a commission meeting approves a KPI-count result: its approved protocol writes the decision');
SELECT results_eq($$SELECT final_gradation::text, final_state, final_on FROM final_annual_result WHERE employee_id = 200 AND year = 2021$$,
                  $$VALUES ('effective', 'decided', date '2026-04-05')$$, 'then it is final');
RESET ROLE;
SELECT ok((SELECT count(*) FROM audit_log WHERE table_name = 'result_decision') >= 4, 'decisions are audited');

-- ============ retention: a period is kept three years from its latest decision (§11) ============
SET ROLE ocenka_test_dba;
SELECT pg_temp.at('2028-11-01');
SELECT results_eq($$SELECT table_name, deleted FROM purge_expired() WHERE table_name IN ('result_decision', 'quarter_result', 'audit_log')$$,
                  $$VALUES ('result_decision', 2::bigint), ('quarter_result', 9), ('audit_log', 19)$$,
                  'as of 2028-11-01 2025-Q1 and Q2 have expired (104''s Q2 session, its decision and the appeal''s of 2025-07-21 with them: 10 of the 19 audit rows), Q3 not: its latest decision is of 2025-12-01');
SELECT results_eq($$SELECT q::text, count(*)::int FROM quarter_result WHERE body_id = 1 AND q BETWEEN '2025-Q1' AND '2025-Q4' GROUP BY q ORDER BY q$$,
                  $$VALUES ('2025-Q3', 5), ('2025-Q4', 7)$$, '2025-Q3 (completed 2025-10-10, decided on 2025-12-01) is kept');
SELECT results_eq($$SELECT count(*)::int FROM result_decision WHERE q = '2025-Q3'$$, $$VALUES (2)$$, 'and its decisions');
SELECT pg_temp.at('2028-12-01');
SELECT results_eq($$SELECT table_name, deleted FROM purge_expired() WHERE table_name IN ('result_decision', 'quarter_result')$$,
                  $$VALUES ('result_decision', 2::bigint), ('quarter_result', 5)$$,
                  'on 2028-12-01, three years after its latest decision, 2025-Q3 goes with its decisions');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
