-- pgTAP: after the grade (issue 11) — acquaintance (signature, refusal act, notice; overdue list),
-- calibration sessions of typical-2023 and wko-2026 (application, order and composition, sitting,
-- votes, majority of the members, protocol, recording, feedback meeting), appeals, and what they do to
-- the final grade, close_year's gaps and its annual mean. Each rule accepted and refused with its exact
-- SQLSTATE, constraint and message, and a census showing a refused statement wrote nothing.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(146);
\ir fixture/store.sql
\o /dev/null
INSERT INTO fixture_scores VALUES (103, '2025-Q1', '{5,5,4,4}'), (103, '2025-Q2', '{4,4,4,3}'), (103, '2025-Q3', '{3,3,3,3}');

-- a refused statement: SQLSTATE, constraint and message exactly, and nothing of it written
CREATE FUNCTION pg_temp.no(stmt text, state text, constraint_name text, message text, description text) RETURNS SETOF text
	LANGUAGE plpgsql
AS $$
DECLARE
	before jsonb := pg_temp.census();
BEGIN
	RETURN NEXT is(pg_temp.error_of(stmt) - 'detail',
	               jsonb_build_object('sqlstate', state, 'constraint', constraint_name, 'message', message), description);
	RETURN NEXT is(pg_temp.census(), before, description || ': nothing was written');
END
$$;

-- an administrator's own quarterly edition without calibration sessions (typical-2023's rules under
-- another code), applied by body 5 to 500, evaluated by 501
INSERT INTO ocenka.methodology SELECT 'local-2025', 'a local edition (test)', seed, '2025-01-01', in_force_until, evaluation_period,
	quarter_deadline_day, annual_rule, annual_deadline_day, head_form, employee_form, kpi_min, kpi_max,
	kpi_min_months_before_year_end, min_months, min_worked_days, probation_excludes, tenure_after_leave, penalty_cap,
	survey_360, survey_deadline_day, false
FROM ocenka.methodology WHERE code = 'typical-2023';
INSERT INTO ocenka.body (id, name) VALUES (5, 'Местный орган (тест)');
INSERT INTO ocenka.body_edition (body_id, valid_from, methodology) VALUES (5, '2025-01-01', 'local-2025');
INSERT INTO ocenka.employee (id, full_name) VALUES (500, 'Местный Служащий'), (501, 'Местный Руководитель');
INSERT INTO ocenka.appointment (employee_id, body_id, position, category, started_on) VALUES (500, 5, 'Главный специалист', 'E-4', '2020-01-01');
-- the HR service of body 1: 101 from 2020 on (the fixture), 105 until 2025-10-13, 104 from 2026; 113 in body 5's
INSERT INTO ocenka.body_service (body_id, service, employee_id, valid_from, valid_until) VALUES
	(1, 'hr', 105, '2020-01-10', '2025-10-13'), (1, 'hr', 104, '2026-01-01', NULL), (5, 'hr', 113, '2020-01-10', NULL);
INSERT INTO ocenka.evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (500, 501, 'unit_head', '2019-01-01');

-- 2025-Q1 … Q3 (typical-2023) closed on their deadlines; Q3 on Friday 2025-10-10
SET ROLE ocenka_test_dba;
SELECT pg_temp.complete(1, '2025-Q1', '2025-04-10', true);
SELECT pg_temp.complete(1, '2025-Q2', '2025-07-10', true);
SELECT pg_temp.complete(1, '2025-Q3', '2025-10-10', true);
SELECT pg_temp.complete(5, '2025-Q3', '2025-10-10', true);
RESET ROLE;
\o

-- ============ acquaintance (typical-2023 ¶11: within 2 working days, by 2025-10-14) ============
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.at('2025-10-15');
SELECT set_eq($$SELECT employee_id, due_on, working_days_late FROM overdue_acquaintance WHERE body_id = 1 AND q = '2025-Q3'$$,
              $$VALUES (101::bigint, date '2025-10-14', 1), (102, '2025-10-14', 1), (103, '2025-10-14', 1), (104, '2025-10-14', 1), (114, '2025-10-14', 1)$$,
              'overdue_acquaintance lists the results nobody was acquainted with by their day');
SELECT pg_temp.at('2025-10-13');
SELECT lives_ok($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (103, 1, '2025-Q3', 'signed', '2025-10-13')$$,
                'the evaluatee signs');
SELECT is((SELECT acquainted_on FROM quarter_result WHERE employee_id = 103 AND q = '2025-Q3'), date '2025-10-13',
          'acquainted_on is the record''s copy');
SELECT pg_temp.at('2025-10-14');
SELECT * FROM pg_temp.no($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, act_no, act_hr_id, act_witness1_id, act_witness2_id)
                           VALUES (104, 1, '2025-Q3', 'refused', '2025-10-14', 'акт № 3', 101, 104, 105)$$,
                         '23514', 'ocenka_acquaintance_refusal_act',
                         'employee 104 (Нурланова Динара): the refusal act акт № 3 on 2025-Q3 must be signed by an HR employee and two other employees, all different and none of them the evaluatee',
                         'a refusal act is not signed by the evaluatee');
SELECT * FROM pg_temp.no($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, act_no, act_hr_id, act_witness1_id, act_witness2_id)
                           VALUES (104, 1, '2025-Q3', 'refused', '2025-10-14', 'акт № 3', 101, 105, 105)$$,
                         '23514', 'ocenka_acquaintance_refusal_act',
                         'employee 104 (Нурланова Динара): the refusal act акт № 3 on 2025-Q3 must be signed by an HR employee and two other employees, all different and none of them the evaluatee',
                         'a refusal act has three different signatories');
SELECT * FROM pg_temp.no($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, act_no, act_hr_id, act_witness1_id, act_witness2_id)
                           VALUES (104, 1, '2025-Q3', 'refused', '2025-10-14', 'акт № 3', 101, 101, 114)$$,
                         '23514', 'ocenka_acquaintance_refusal_act',
                         'employee 104 (Нурланова Динара): the refusal act акт № 3 on 2025-Q3 must be signed by an HR employee and two other employees, all different and none of them the evaluatee',
                         'akmola-2018 ¶41: the HR signatory is not one of the two other employees');
SELECT * FROM pg_temp.no($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, act_no, act_hr_id, act_witness1_id, act_witness2_id)
                           VALUES (101, 1, '2025-Q3', 'refused', '2025-10-14', 'акт № 4', 101, 105, 114)$$,
                         '23514', 'ocenka_acquaintance_refusal_act',
                         'employee 101 (Ахметов Айдар): the refusal act акт № 4 on 2025-Q3 must be signed by an HR employee and two other employees, all different and none of them the evaluatee',
                         'an HR employee who refuses to sign does not sign the act on their own refusal');
SELECT * FROM pg_temp.no($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, act_no, act_hr_id, act_witness1_id, act_witness2_id)
                           VALUES (104, 1, '2025-Q3', 'refused', '2025-10-14', 'акт № 3', 114, 105, 101)$$,
                         '23514', 'ocenka_acquaintance_refusal_act',
                         'employee 104 (Нурланова Динара): the refusal act акт № 3 on 2025-Q3 is signed for the HR service by employee 114 (Ермекова Айгерим), who is not an HR employee of body 1 on 2025-10-14',
                         'akmola-2018 ¶41: the act is signed for HR by an employee of the HR service');
SELECT * FROM pg_temp.no($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, act_no, act_hr_id, act_witness1_id, act_witness2_id)
                           VALUES (104, 1, '2025-Q3', 'refused', '2025-10-14', 'акт № 3', 105, 101, 114)$$,
                         '23514', 'ocenka_acquaintance_refusal_act',
                         'employee 104 (Нурланова Динара): the refusal act акт № 3 on 2025-Q3 is signed for the HR service by employee 105 (Есенов Нурсултан), who is not an HR employee of body 1 on 2025-10-14',
                         'an HR employee whose term ended before the act''s day does not sign for HR');
SELECT * FROM pg_temp.no($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, act_no, act_hr_id, act_witness1_id, act_witness2_id)
                           VALUES (104, 1, '2025-Q3', 'refused', '2025-10-14', 'акт № 3', 113, 101, 114)$$,
                         '23514', 'ocenka_acquaintance_refusal_act',
                         'employee 104 (Нурланова Динара): the refusal act акт № 3 on 2025-Q3 is signed for the HR service by employee 113 (Калиев Серик), who is not an HR employee of body 1 on 2025-10-14',
                         'an HR employee of another body does not sign for this body''s HR');
SELECT lives_ok($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, act_no, act_hr_id, act_witness1_id, act_witness2_id)
                  VALUES (104, 1, '2025-Q3', 'refused', '2025-10-14', 'акт № 3', 101, 105, 114)$$,
                'a refusal act signed by HR and two other employees: the result stands');
SELECT throws_ok($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (101, 1, '2025-Q3', 'refused', '2025-10-14')$$,
                 '23514', 'new row for relation "acquaintance" violates check constraint "acquaintance_refusal_act"',
                 'a refusal needs its act');
SELECT pg_temp.at('2025-10-20');
SELECT * FROM pg_temp.no($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (114, 1, '2025-Q3', 'signed', '2025-10-20')$$,
                         '23514', 'ocenka_acquaintance_deadline',
                         'employee 114 (Ермекова Айгерим): the acquaintance on 2025-Q3 was due by 2025-10-14, not 2025-10-20',
                         'typical-2023 ¶11: acquaintance after 2 working days is late');
SELECT * FROM pg_temp.no($$UPDATE quarter_result SET acquainted_on = '2025-10-20' WHERE employee_id = 102 AND q = '2025-Q3'$$,
                         '23514', 'ocenka_acquaintance_record',
                         'employee 102 (Байжанова Асель): the acquaintance with 2025-Q3 is recorded in ocenka.acquaintance, not in acquainted_on',
                         'acquainted_on is not written by hand');
SELECT * FROM pg_temp.no($$UPDATE acquaintance SET on_date = '2025-10-12' WHERE employee_id = 103$$,
                         '23514', 'ocenka_acquaintance_final', 'employee 103 (Сериков Ерлан): the acquaintance with 2025-Q3 cannot be changed',
                         'an acquaintance record is a document');
RESET ROLE;
SET ROLE ocenka_test_clerk;
SELECT * FROM pg_temp.no($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (101, 1, '2025-Q3', 'signed', '2025-10-14')$$,
                         '42501', 'ocenka_hr_capacity', 'employee 101 (Ахметов Айдар): ocenka_test_clerk may not record the acquaintance on 2025-Q3',
                         'only HR records acquaintance');
RESET ROLE;
SELECT set_eq($$SELECT employee_id FROM overdue_acquaintance WHERE body_id = 1 AND q = '2025-Q3'$$, $$VALUES (101::bigint), (102), (114)$$,
              'the overdue list shrinks as people are acquainted');

-- ============ calibration, typical-2023: 103 contests 3.00 for 2025-Q3 (evaluator 102) ============
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.at('2025-10-15');
SELECT lives_ok($$INSERT INTO calibration_application (employee_id, body_id, q, filed_on, addressed_to, grounds)
                  VALUES (103, 1, '2025-Q3', '2025-10-15', 100, 'не согласен с оценкой 3.00')$$,
                'typical-2023 ¶12: an application within 5 working days of acquaintance');
SELECT * FROM pg_temp.no($$INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (103, 1, '2025-Q3', '2025-10-15')$$,
                         '23505', 'ocenka_calibration_one_application', 'employee 103 (Сериков Ерлан): the result for 2025-Q3 already has a calibration application',
                         'at most one application per result');
SELECT pg_temp.at('2025-10-22');
SELECT * FROM pg_temp.no($$INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (104, 1, '2025-Q3', '2025-10-22')$$,
                         '23514', 'ocenka_calibration_deadline',
                         'employee 104 (Нурланова Динара): the calibration application on 2025-Q3 was due by 2025-10-21, not 2025-10-22',
                         'typical-2023 ¶12: an application after 5 working days is late (the refusal act counts as acquaintance)');
SELECT * FROM pg_temp.no($$INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (200, 2, '2021-Q4', '2025-10-22')$$,
                         '23503', 'ocenka_calibration_result', 'employee 200 (Бекишев Тимур): there is no evaluated result of body 2 for 2021-Q4 to contest',
                         'akmola-2018 has no quarterly result to calibrate');
\o /dev/null
SELECT pg_temp.at('2025-10-13');
INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (500, 5, '2025-Q3', 'signed', '2025-10-13');
SELECT pg_temp.at('2025-10-14');
\o
SELECT * FROM pg_temp.no($$INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (500, 5, '2025-Q3', '2025-10-14')$$,
                         '23514', 'ocenka_calibration_methodology', 'employee 500 (Местный Служащий): local-2025 has no calibration sessions, so the result for 2025-Q3 cannot be calibrated',
                         'only typical-2023 and wko-2026 results are calibrated');
SELECT pg_temp.at('2025-10-16');
SELECT lives_ok($$INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (104, 1, '2025-Q3', '2025-10-16')$$,
                '104 applies too');
SELECT id AS app103 FROM calibration_application WHERE employee_id = 103 \gset
SELECT id AS app104 FROM calibration_application WHERE employee_id = 104 \gset
SELECT pg_temp.at('2025-10-21');
SELECT * FROM pg_temp.no(format($$INSERT INTO calibration_session (application_id, ordered_on, ordered_by, order_document)
                                  VALUES (%s, '2025-10-21', 100, 'распоряжение № 5')$$, :app103),
                         '23514', 'ocenka_calibration_deadline',
                         'employee 103 (Сериков Ерлан): the decision to hold a calibration session on 2025-Q3 was due by 2025-10-20, not 2025-10-21',
                         'typical-2023 ¶38: the session is decided within 3 working days of the application');
SELECT lives_ok(format($$INSERT INTO calibration_session (application_id, ordered_on, ordered_by, order_document)
                         VALUES (%s, '2025-10-17', 100, 'распоряжение № 5 от 17.10.2025'), (%s, '2025-10-17', 100, 'распоряжение № 6 от 17.10.2025')$$,
                       :app103, :app104),
                'the official decides to hold the sessions in time');
SELECT id AS s103 FROM calibration_session WHERE application_id = :app103 \gset
SELECT id AS s104 FROM calibration_session WHERE application_id = :app104 \gset
SELECT * FROM pg_temp.no(format($$INSERT INTO calibration_member (session_id, employee_id) VALUES (%s, 103)$$, :s103),
                         '23514', 'ocenka_calibration_member_applicant', 'employee 103 (Сериков Ерлан): the applicant cannot sit on the calibration session on 2025-Q3',
                         'wko-2026 ¶19: the applicant does not sit');
SELECT * FROM pg_temp.no(format($$INSERT INTO calibration_member (session_id, employee_id) VALUES (%s, 100), (%s, 102)$$, :s103, :s103),
                         '23514', 'ocenka_calibration_member_evaluator',
                         'employee 103 (Сериков Ерлан): employee 102 (Байжанова Асель) evaluated the contested result for 2025-Q3 and cannot sit on its calibration session',
                         'wko-2026 ¶19: the evaluator does not sit');
SELECT * FROM pg_temp.no(format($$INSERT INTO calibration_member (session_id, employee_id, is_hr) VALUES (%s, 100, true), (%s, 101, false)$$, :s103, :s103),
                         '23514', 'ocenka_calibration_member_hr',
                         'employee 103 (Сериков Ерлан): employee 100 (Аким Тестов) sits on the calibration session on 2025-Q3 for the HR service, but is not an HR employee of body 1 on 2025-10-17',
                         'wko-2026 ¶19: the member sitting for HR is an HR employee of the body');
SELECT lives_ok(format($$INSERT INTO calibration_member (session_id, employee_id, is_hr) VALUES (%s, 100, false), (%s, 101, true)$$, :s103, :s103),
                'two members');
SELECT pg_temp.at('2025-10-24');
SELECT * FROM pg_temp.no(format($$UPDATE calibration_session SET held_on = '2025-10-24' WHERE id = %s$$, :s103),
                         '23514', 'ocenka_calibration_composition',
                         'employee 103 (Сериков Ерлан): the calibration session on 2025-Q3 has 2 members; it needs an odd number, at least 3, an HR employee among them',
                         'fewer than 3 members cannot sit');
SELECT lives_ok(format($$INSERT INTO calibration_member (session_id, employee_id) VALUES (%s, 104), (%s, 105)$$, :s103, :s103), 'four members');
SELECT * FROM pg_temp.no(format($$UPDATE calibration_session SET held_on = '2025-10-24' WHERE id = %s$$, :s103),
                         '23514', 'ocenka_calibration_composition',
                         'employee 103 (Сериков Ерлан): the calibration session on 2025-Q3 has 4 members; it needs an odd number, at least 3, an HR employee among them',
                         'an even number cannot sit');
SELECT lives_ok(format($$INSERT INTO calibration_member (session_id, employee_id) VALUES (%s, 114)$$, :s103), 'five members');
SELECT * FROM pg_temp.no(format($$INSERT INTO calibration_vote (session_id, employee_id, score) VALUES (%s, 100, 4)$$, :s103),
                         '23514', 'ocenka_calibration_vote_time', 'employee 103 (Сериков Ерлан): the calibration session on 2025-Q3 has not sat yet',
                         'nobody votes before the session');
SELECT lives_ok(format($$UPDATE calibration_session SET held_on = '2025-10-24', evaluator_argument = 'задачи квартала выполнены с опозданием' WHERE id = %s$$, :s103),
                'five members sit, within 10 working days of the application');
SELECT * FROM pg_temp.no(format($$INSERT INTO calibration_member (session_id, employee_id) VALUES (%s, 112)$$, :s103),
                         '23514', 'ocenka_calibration_composition_fixed', 'employee 103 (Сериков Ерлан): the calibration session on 2025-Q3 sat on 2025-10-24: its composition is fixed',
                         'the composition is fixed once the session sits');
SELECT * FROM pg_temp.no(format($$INSERT INTO calibration_vote (session_id, employee_id, score) VALUES (%s, 102, 4)$$, :s103),
                         '23503', 'ocenka_calibration_vote_member',
                         'employee 103 (Сериков Ерлан): employee 102 (Байжанова Асель) is not a member of the calibration session on 2025-Q3 and cannot vote',
                         'a non-member does not vote');
-- three of five vote: 4.00, 4.00, 3.00 — 4.00 has 2 votes, the most but not more than half of 5 members
SELECT lives_ok(format($$INSERT INTO calibration_vote (session_id, employee_id, score) VALUES (%s, 100, 4), (%s, 101, 4), (%s, 104, 3)$$,
                       :s103, :s103, :s103), 'three members vote');
SELECT is(calibration_majority(:s103), NULL, 'two votes of five members are no majority (more than half of ALL members is needed)');
SELECT * FROM pg_temp.no(format($$UPDATE calibration_session SET evaluator_heard = true, protocol_signed_on = '2025-10-24', protocol_document = 'протокол № 1 от 24.10.2025' WHERE id = %s$$, :s103),
                         '23514', 'ocenka_calibration_majority', 'employee 103 (Сериков Ерлан): no grade has a majority of the 5 members of the calibration session on 2025-Q3 (3 voted)',
                         'a protocol without a majority of the members is not signed');
SELECT lives_ok(format($$INSERT INTO calibration_vote (session_id, employee_id, score) VALUES (%s, 105, 4)$$, :s103), 'a fourth member votes 4.00');
SELECT is(calibration_majority(:s103)::numeric, 4.00, 'three of five members for 4.00 is a majority');
SELECT * FROM pg_temp.no(format($$UPDATE calibration_session SET protocol_signed_on = '2025-10-24', protocol_document = 'протокол № 1 от 24.10.2025' WHERE id = %s$$, :s103),
                         '23514', 'ocenka_calibration_evaluator_heard', 'employee 103 (Сериков Ерлан): the protocol of the calibration session on 2025-Q3 cannot be signed before the evaluator is heard',
                         '¶41: the evaluator argues the grade at the session');
SELECT lives_ok(format($$UPDATE calibration_session SET evaluator_heard = true, protocol_signed_on = '2025-10-24', protocol_document = 'протокол № 1 от 24.10.2025' WHERE id = %s$$, :s103),
                'the evaluator is heard and the protocol signed');
SELECT * FROM pg_temp.no(format($$UPDATE calibration_vote SET score = 5 WHERE session_id = %s AND employee_id = 105$$, :s103),
                         '23514', 'ocenka_calibration_vote_time', 'employee 103 (Сериков Ерлан): the calibration session on 2025-Q3 signed its protocol on 2025-10-24: the votes are final',
                         'votes are final once the protocol is signed');
SELECT * FROM pg_temp.no(format($$UPDATE calibration_session SET protocol_document = 'протокол № 2' WHERE id = %s$$, :s103),
                         '23514', 'ocenka_calibration_final', format('employee 103 (Сериков Ерлан): the calibration session %s on 2025-Q3 cannot change what it recorded', :s103),
                         'a signed protocol stays');
-- recording: the majority's grade, within 3 working days of signing (by 2025-10-30)
SELECT pg_temp.at('2025-10-28');
SELECT * FROM pg_temp.no(format($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by, source_id)
                                  VALUES (103, 1, '2025-Q3', 'calibration', 'revised', 3.50, 'proper', '2025-10-24', 'протокол № 1', 'сессия', %s)$$, :s103),
                         '23514', 'ocenka_calibration_majority', 'employee 103 (Сериков Ерлан): the calibration session on 2025-Q3 gave 4.00 by a majority of its 5 members, not 3.50',
                         'the decision recorded is the majority''s grade');
SELECT * FROM pg_temp.no(format($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by, source_id)
                                  VALUES (104, 1, '2025-Q3', 'calibration', 'revised', 4.00, 'effective', '2025-10-24', 'протокол № 1', 'сессия', %s)$$, :s103),
                         '23503', 'ocenka_calibration_decision', 'employee 104 (Нурланова Динара): a calibration decision on 2025-Q3 must name the session on that result whose protocol was signed',
                         'a session decides on its own result');
-- access13: the HR head of another body (5), who may write decisions of body 5 only, names this session:
-- refused without the session's grade (the majority's 4.00 is not quoted to them)
RESET ROLE;
CREATE ROLE ocenka_test_head5 NOLOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_test_head5;
GRANT INSERT ON ocenka.result_decision TO ocenka_test_head5;
INSERT INTO person_login VALUES ('ocenka_test_head5', 501);
INSERT INTO hr_head VALUES (5, 501, '2025-01-01', NULL);
SET ROLE ocenka_test_head5;
SELECT * FROM pg_temp.no(format($$INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_after, gradation_after, decided_on, document, decided_by, source_id)
                                  VALUES (103, 5, '2025-Q3', 'calibration', 'revised', 3.50, 'proper', '2025-10-24', 'протокол № 1', 'сессия', %s)$$, :s103),
                         '23503', 'ocenka_calibration_decision', 'employee 103 (Сериков Ерлан): a calibration decision on 2025-Q3 must name the session on that result whose protocol was signed',
                         'a decision of another body naming the session learns nothing of its grade');
RESET ROLE;
DELETE FROM hr_head WHERE body_id = 5;
DELETE FROM person_login WHERE login = 'ocenka_test_head5'::regrole;
SET ROLE ocenka_test_hr_officer;
SELECT isnt(record_calibration(:s103), NULL, 'HR records the protocol');
SELECT results_eq($$SELECT kind, outcome, score_before::numeric, score_after::numeric, decided_on, document FROM result_decision WHERE employee_id = 103$$,
                  $$VALUES ('calibration', 'revised', 3.00, 4.00, date '2025-10-24', 'протокол № 1 от 24.10.2025')$$,
                  'the calibration raised 103''s 2025-Q3 from 3.00 to 4.00');
SELECT results_eq($$SELECT score::numeric, final_score::numeric, final_state FROM final_quarter_result WHERE employee_id = 103 AND q = '2025-Q3'$$,
                  $$VALUES (3.00, 4.00, 'decided')$$, 'the final grade is the session''s; the computed one stays');
SELECT * FROM pg_temp.no(format($$SELECT record_calibration(%s)$$, :s103),
                         '23505', 'ocenka_calibration_decided', 'employee 103 (Сериков Ерлан): the protocol of the calibration session on 2025-Q3 is recorded already',
                         'a protocol is recorded once');
SELECT lives_ok(format($$UPDATE calibration_session SET feedback_on = '2025-10-28', feedback_notes = 'обзор достижений, навыков, карьерных целей' WHERE id = %s$$, :s103),
                '¶42: the evaluator''s feedback meeting is recorded');

-- 104's session lowers 4.00 to 3.00; its protocol is recorded late, then under late entry
SELECT pg_temp.at('2025-10-24');
\o /dev/null
SELECT format($$INSERT INTO calibration_member (session_id, employee_id, is_hr) VALUES (%s, 100, false), (%s, 101, true), (%s, 105, false)$$, :s104, :s104, :s104) \gexec
SELECT format($$UPDATE calibration_session SET held_on = '2025-10-24', evaluator_heard = true WHERE id = %s$$, :s104) \gexec
SELECT format($$INSERT INTO calibration_vote (session_id, employee_id, score) VALUES (%s, 100, 3), (%s, 101, 3), (%s, 105, 4)$$, :s104, :s104, :s104) \gexec
SELECT format($$UPDATE calibration_session SET protocol_signed_on = '2025-10-24', protocol_document = 'протокол № 2 от 24.10.2025' WHERE id = %s$$, :s104) \gexec
\o
SELECT pg_temp.at('2025-10-31');
SELECT * FROM pg_temp.no(format($$SELECT record_calibration(%s)$$, :s104),
                         '23514', 'ocenka_calibration_deadline',
                         'employee 104 (Нурланова Динара): the recording of the calibration protocol on 2025-Q3 was due by 2025-10-30, not 2025-10-31',
                         'typical-2023 ¶41: HR records the protocol within 3 working days of signing');
RESET ROLE;

-- ============ calibration, wko-2026: 103 contests 2026-Q2 (2.99, capped by a reprimand); upheld ============
SET ROLE ocenka_test_dba;
\o /dev/null
SELECT pg_temp.complete(1, '2026-Q1', '2026-04-10', true);
SELECT pg_temp.complete(1, '2026-Q2', '2026-07-20', true);
\o
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.at('2026-07-21');
\o /dev/null
INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (103, 1, '2026-Q2', 'signed', '2026-07-21');
\o
SELECT pg_temp.at('2026-07-29');
SELECT * FROM pg_temp.no($$INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (103, 1, '2026-Q2', '2026-07-29')$$,
                         '23514', 'ocenka_calibration_deadline',
                         'employee 103 (Сериков Ерлан): the calibration application on 2026-Q2 was due by 2026-07-28, not 2026-07-29',
                         'wko-2026 ¶10: within 5 working days of receiving the result');
SELECT pg_temp.at('2026-07-22');
SELECT lives_ok($$INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (103, 1, '2026-Q2', '2026-07-22')$$,
                'wko-2026: an application in time');
SELECT id AS appw FROM calibration_application WHERE employee_id = 103 AND q = '2026-Q2' \gset
SELECT lives_ok(format($$INSERT INTO calibration_session (application_id, ordered_on, ordered_by, order_document) VALUES (%s, '2026-07-22', 100, 'распоряжение № 9')$$, :appw),
                'wko-2026 ¶19: the session decided on');
SELECT id AS sw FROM calibration_session WHERE application_id = :appw \gset
SELECT lives_ok(format($$INSERT INTO calibration_member (session_id, employee_id, is_hr) VALUES (%s, 100, false), (%s, 101, false), (%s, 104, false)$$, :sw, :sw, :sw),
                'three members, none from HR');
SELECT pg_temp.at('2026-08-05');
SELECT * FROM pg_temp.no(format($$UPDATE calibration_session SET held_on = '2026-08-05' WHERE id = %s$$, :sw),
                         '23514', 'ocenka_calibration_composition',
                         'employee 103 (Сериков Ерлан): the calibration session on 2026-Q2 has 3 members, none of them from HR; it needs an odd number, at least 3, an HR employee among them',
                         'wko-2026 ¶19: an HR employee sits');
SELECT lives_ok(format($$UPDATE calibration_member SET is_hr = true WHERE session_id = %s AND employee_id = 101$$, :sw), 'one of them is HR''s');
SELECT pg_temp.at('2026-08-06');
SELECT * FROM pg_temp.no(format($$UPDATE calibration_session SET held_on = '2026-08-06' WHERE id = %s$$, :sw),
                         '23514', 'ocenka_calibration_deadline',
                         'employee 103 (Сериков Ерлан): the calibration session on 2026-Q2 was due by 2026-08-05, not 2026-08-06',
                         'wko-2026 ¶20: the session sits within 10 working days of the application');
SELECT lives_ok(format($$UPDATE calibration_session SET held_on = '2026-08-05', evaluator_heard = true WHERE id = %s$$, :sw), 'the session sat on its last day');
SELECT lives_ok(format($$INSERT INTO calibration_vote (session_id, employee_id, score) VALUES (%s, 100, 2.99), (%s, 101, 2.99), (%s, 104, 3.5)$$, :sw, :sw, :sw),
                'each member votes');
SELECT lives_ok(format($$UPDATE calibration_session SET protocol_signed_on = '2026-08-06', protocol_document = 'протокол № 4 от 06.08.2026' WHERE id = %s$$, :sw),
                'the protocol is signed');
SELECT isnt(record_calibration(:sw), NULL, 'HR records it');
SELECT results_eq($$SELECT outcome, score_before::numeric, score_after::numeric FROM result_decision WHERE employee_id = 103 AND q = '2026-Q2'$$,
                  $$VALUES ('upheld', 2.99, 2.99)$$, 'wko-2026: the session upheld 2.99 by 2 votes of 3');

-- ============ appeals ============
SELECT id AS d103 FROM result_decision WHERE employee_id = 103 AND q = '2025-Q3' \gset
SELECT pg_temp.at('2026-01-26');
SELECT * FROM pg_temp.no(format($$INSERT INTO appeal (decision_id, filed_on, authority) VALUES (%s, '2026-01-26', 'суд')$$, :d103),
                         '23514', 'ocenka_appeal_deadline', 'employee 103 (Сериков Ерлан): the appeal on 2025-Q3 was due by 2026-01-24, not 2026-01-26',
                         'a calibration decision is appealed within the Administrative Procedural Code''s three months');
SELECT pg_temp.at('2025-11-10');
SELECT lives_ok(format($$INSERT INTO appeal (decision_id, filed_on, authority) VALUES (%s, '2025-11-10', 'районный суд')$$, :d103),
                'an appeal of the calibration decision in time');
SELECT * FROM pg_temp.no(format($$INSERT INTO appeal (decision_id, filed_on, authority) VALUES (%s, '2025-11-10', 'суд')$$, :d103),
                         '23505', 'ocenka_appeal_one', format('employee 103 (Сериков Ерлан): decision %s on 2025-Q3 is appealed already', :d103),
                         'one appeal per decision');
-- a commission decision (akmola-2018) is appealed to the authorised body within 10 working days (¶43)
RESET ROLE;
-- 201's count sheet goes through its review chain to the commission before the year closes (akmola-2018 ¶17–24)
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (201, 200, 'immediate_supervisor', '2019-01-01'),
	(200, 100, 'immediate_supervisor', '2019-01-01');
INSERT INTO body_service (body_id, service, employee_id, valid_from) VALUES (2, 'hr', 114, '2018-01-01');
SET ROLE ocenka_test_dba;
SELECT pg_temp.at('2026-04-05');
\o /dev/null
SELECT pg_temp.submit_count_sheets(2, 2021, '2026-04-05', ARRAY[201]);
CALL close_year(2, 2021);
\o
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.at('2026-04-06');
\o /dev/null
SELECT pg_temp.commission(2, 2021, '2026-04-06', '{"201": null}');
\o
SELECT id AS dc FROM result_decision WHERE employee_id = 201 \gset
SELECT pg_temp.at('2026-04-21');
SELECT * FROM pg_temp.no(format($$INSERT INTO appeal (decision_id, filed_on, authority) VALUES (%s, '2026-04-21', 'уполномоченный орган')$$, :dc),
                         '23514', 'ocenka_appeal_deadline', 'employee 201 (Досанова Камила): the appeal on 2021 was due by 2026-04-20, not 2026-04-21',
                         'akmola-2018 ¶43: a commission decision is appealed within 10 working days');
SELECT lives_ok(format($$INSERT INTO appeal (decision_id, filed_on, authority) VALUES (%s, '2026-04-20', 'уполномоченный орган')$$, :dc),
                'filed on the tenth working day');
SELECT lives_ok(format($$UPDATE appeal SET outcome = 'revised', gradation_after = 'effective', decided_on = '2026-04-21', document = 'решение № 3' WHERE decision_id = %s$$, :dc),
                'the authorised body revises the commission''s grade');
SELECT results_eq($$SELECT kind, outcome, gradation_before::text, gradation_after::text, appeal_of IS NOT NULL FROM result_decision WHERE employee_id = 201 ORDER BY id$$,
                  $$VALUES ('commission', 'approved', 'proper', 'proper', false), ('appeal', 'revised', 'proper', 'effective', true)$$,
                  'deciding the appeal writes a decision of kind appeal, appeal_of the commission''s');
SELECT results_eq($$SELECT final_gradation::text, final_state, final_on FROM final_annual_result WHERE employee_id = 201 AND year = 2021$$,
                  $$VALUES ('effective', 'decided', date '2026-04-21')$$, 'the appeal''s grade is final');
SELECT * FROM pg_temp.no(format($$UPDATE appeal SET document = 'решение № 4' WHERE decision_id = %s$$, :dc),
                         '23514', 'ocenka_appeal_final',
                         format('employee 201 (Досанова Камила): appeal %s of decision %s cannot change what it recorded', (SELECT id FROM appeal WHERE decision_id = :dc), :dc),
                         'a decided appeal stays');

-- ============ close_year waits for undecided applications, not for appeals (§5) ============
RESET ROLE;
SET ROLE ocenka_test_dba;
\o /dev/null
SELECT pg_temp.complete(1, '2025-Q4', '2026-01-05', false);
SELECT pg_temp.at('2026-01-10');
CALL close_quarter(1, '2025-Q4');
\o
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.at('2026-01-12');
\o /dev/null
INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (102, 1, '2025-Q4', 'signed', '2026-01-12');
INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (102, 1, '2025-Q4', '2026-01-12');
\o
SELECT set_eq($$SELECT employee_id, gap FROM year_gaps(1, 2025)$$,
              $$VALUES (102::bigint, 'the calibration application on 2025-Q4, filed on 2026-01-12, is not decided'),
                       (104, 'the calibration application on 2025-Q3, filed on 2025-10-16, is not decided')$$,
              'year_gaps lists the undecided calibration applications (104''s protocol is not recorded yet), not 103''s undecided appeal: its outcome, decided after the close, moves the mean then');
RESET ROLE;
SET ROLE ocenka_test_dba;
SELECT pg_temp.at('2026-01-20');
SELECT * FROM pg_temp.no($$CALL close_year(1, 2025)$$, '23514', 'ocenka_complete_evaluation', 'year 2025 of body 1 cannot be closed: 2 gaps remain',
                         'close_year refuses while they are undecided');
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
-- 102's session upholds; 103's appeal revises 4.00 to 4.50
SELECT id AS app102 FROM calibration_application WHERE employee_id = 102 \gset
\o /dev/null
SELECT pg_temp.at('2026-01-13');
SELECT format($$INSERT INTO calibration_session (application_id, ordered_on, ordered_by, order_document) VALUES (%s, '2026-01-13', 100, 'распоряжение № 1')$$, :app102) \gexec
SELECT id AS s102 FROM calibration_session WHERE application_id = :app102 \gset
SELECT format($$INSERT INTO calibration_member (session_id, employee_id, is_hr) VALUES (%1$s, 100, false), (%1$s, 104, true), (%1$s, 103, false)$$, :s102) \gexec
SELECT format($$UPDATE calibration_session SET held_on = '2026-01-13', evaluator_heard = true WHERE id = %s$$, :s102) \gexec
SELECT format($$INSERT INTO calibration_vote (session_id, employee_id, score) SELECT %1$s, m, r.score FROM unnest(ARRAY[100, 104, 103]) m, quarter_result r WHERE r.employee_id = 102 AND r.q = '2025-Q4'$$, :s102) \gexec
SELECT format($$UPDATE calibration_session SET protocol_signed_on = '2026-01-13', protocol_document = 'протокол № 7' WHERE id = %s$$, :s102) \gexec
SELECT record_calibration(:s102);
SELECT pg_temp.at('2026-01-15');
\o
SELECT lives_ok(format($$UPDATE appeal SET outcome = 'revised', score_after = 4.50, gradation_after = 'effective', decided_on = '2026-01-14', document = 'решение суда № 12' WHERE decision_id = %s$$, :d103),
                'the court revises the calibrated grade to 4.50');
SELECT results_eq($$SELECT score::numeric, final_score::numeric, final_state FROM final_quarter_result WHERE employee_id = 103 AND q = '2025-Q3'$$,
                  $$VALUES (3.00, 4.50, 'decided')$$, 'the appeal''s grade is the final one');

-- ============ under late entry: 104's protocol and 114's notice ============
SELECT lives_ok(format($$SELECT begin_late_entry('протокол поступил в службу 31.10'); SELECT record_calibration(%s)$$, :s104),
                'under late entry the late protocol is recorded');
SELECT results_eq($$SELECT outcome, score_before::numeric, score_after::numeric, gradation_after::text FROM result_decision WHERE employee_id = 104$$,
                  $$VALUES ('revised', 4.00, 3.00, 'proper')$$, 'the calibration lowered 104''s 2025-Q3 from 4.00 to 3.00');
SELECT lives_ok($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date, absence, channel)
                  VALUES (114, 1, '2025-Q3', 'notified', '2025-10-20', 'absent', 'email')$$,
                'under late entry a late notice to someone absent is recorded');
RESET ROLE;
SELECT ok((SELECT count(*) FROM audit_log WHERE mode = 'late_entry' AND reason = 'протокол поступил в службу 31.10'
           AND table_name IN ('result_decision', 'acquaintance')) = 2, 'the late steps are audited with their reason');

-- ============ the annual mean is of the final quarterly grades ============
SET ROLE ocenka_test_dba;
SELECT pg_temp.at('2026-01-20');
SELECT lives_ok($$CALL close_year(1, 2025)$$, 'with everything decided, 2025 closes');
SELECT results_eq($$SELECT employee_id, quarters::int, score::numeric FROM annual_result WHERE year = 2025 AND employee_id IN (103, 104) ORDER BY 1$$,
                  $$VALUES (103::bigint, 4, 4.19), (104, 4, 3.75)$$,
                  '§5: 103''s mean is of 4.50, 3.75, 4.50 (appeal) and 4.00 = 4.19; 104''s of 4, 4, 3.00 (calibrated down) and 4 = 3.75');

-- ============ an appeal decided after the year closed: the quarter's final grade, and the annual mean follows ============
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT id AS d102 FROM result_decision WHERE employee_id = 102 AND kind = 'calibration' \gset
SELECT id AS d104 FROM result_decision WHERE employee_id = 104 AND kind = 'calibration' \gset
SELECT pg_temp.at('2026-01-22');
SELECT lives_ok(format($$INSERT INTO appeal (decision_id, filed_on, authority, outcome, score_after, gradation_after, decided_on, document)
                         VALUES (%s, '2026-01-21', 'районный суд', 'revised', 4.83, 'effective', '2026-01-22', 'решение суда № 20')$$, :d102),
                '102 appeals the session''s 2025-Q4 decision after 2025 closed; the court revises 3.63 to 4.83');
SELECT results_eq($$SELECT score::numeric, final_score::numeric, final_state FROM final_quarter_result WHERE employee_id = 102 AND q = '2025-Q4'$$,
                  $$VALUES (3.63, 4.83, 'decided')$$, 'the appeal''s grade is the quarter''s final one');
SELECT results_eq(format($$SELECT kind, outcome, score_before::numeric, score_after::numeric, gradation_after::text, decided_on, source_id, q IS NULL
                           FROM result_decision WHERE employee_id = 102 AND year = 2025$$),
                  format($$VALUES ('annual_mean', 'revised', 3.63, 3.93, %L, date '2026-01-22', %s::bigint, true)$$,
                         gradation(3.93), (SELECT id FROM result_decision WHERE employee_id = 102 AND kind = 'appeal')),
                  '§5: the year''s mean follows: an annual_mean decision, the mean of 3.63, 3.63, 3.63 and 4.83 = 3.93, naming the appeal''s decision');
SELECT results_eq($$SELECT score::numeric, final_score::numeric, final_state, final_on FROM final_annual_result WHERE employee_id = 102 AND year = 2025$$,
                  $$VALUES (3.63, 3.93, 'decided', date '2026-01-22')$$,
                  'final_annual_result gives the recomputed mean; the computed annual score stays');
SELECT is((SELECT final_score FROM final_annual_result WHERE employee_id = 102 AND year = 2025), final_quarters_mean(102, 2025),
          'final_annual_result is the mean of the final quarterly scores');
SELECT lives_ok(format($$INSERT INTO appeal (decision_id, filed_on, authority) VALUES (%s, '2026-01-21', 'районный суд')$$, :d104),
                '104 appeals the lowered 2025-Q3 after the close');
SELECT lives_ok(format($$UPDATE appeal SET outcome = 'upheld', decided_on = '2026-01-22', document = 'решение суда № 21' WHERE decision_id = %s$$, :d104),
                'the court upholds it');
SELECT results_eq($$SELECT kind, outcome, score_before::numeric, score_after::numeric, decided_on FROM result_decision WHERE employee_id = 104 AND year = 2025$$,
                  $$VALUES ('annual_mean', 'upheld', 3.75, 3.75, date '2026-01-22')$$,
                  'an upheld appeal leaves the mean as it was: the annual_mean decision upholds it');
SELECT * FROM pg_temp.no(format($$INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, score_after, gradation_after, decided_on, document, decided_by, source_id)
                                  VALUES (102, 1, 2025, 'annual_mean', 'revised', 4.50, 'effective', '2026-01-22', 'п', 'с', %s)$$,
                                (SELECT id FROM result_decision WHERE employee_id = 102 AND kind = 'appeal')),
                         '23514', 'ocenka_annual_mean',
                         'employee 102 (Байжанова Асель): an annual_mean decision on 2025 must give 3.93, the mean of the final quarterly scores of that year, after an appeal decided on one of its quarters',
                         'an annual mean other than the mean of the final quarterly scores is refused');
SELECT * FROM pg_temp.no($$INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, score_after, gradation_after, decided_on, document, decided_by)
                           VALUES (103, 1, 2025, 'annual_mean', 'upheld', 4.19, 'effective', '2026-01-22', 'п', 'с')$$,
                         '23514', 'ocenka_annual_mean',
                         'employee 103 (Сериков Ерлан): an annual_mean decision on 2025 must give 4.19, the mean of the final quarterly scores of that year, after an appeal decided on one of its quarters',
                         'an annual mean without an appeal behind it is refused');
SELECT * FROM pg_temp.no($$INSERT INTO calibration_application (employee_id, body_id, q, filed_on) VALUES (101, 1, '2025-Q4', '2026-01-22')$$,
                         '23514', 'ocenka_closed_period',
                         'employee 101 (Ахметов Айдар): year 2025 of body 1 is closed, so 2025-Q4 can no longer be decided on',
                         'a closed year''s quarter takes no new calibration application');
RESET ROLE;

-- ============ explanations show the history ============
SELECT results_eq($$SELECT h #>> '{calibration,session,majority}', jsonb_array_length(h #> '{calibration,session,members}'),
                           h #>> '{calibration,session,votes_needed}', h #>> '{acquaintance,kind}', jsonb_array_length(h -> 'decisions'),
                           h #>> '{final,score}', h #>> '{final,state}'
                    FROM (SELECT explain_result(103, '2025-Q3') -> 'history' AS h) x$$,
                  $$VALUES ('4.00', 5, '3', 'signed', 2, '4.50', 'decided')$$,
                  'explain_result shows the session (majority, members, votes needed), the acquaintance, the decisions and the final grade');
SELECT is(explain_result(103, '2025-Q3') #>> '{final,label,en}', 'performs functional duties effectively', 'the final grade''s label');
SELECT is(explain_result(104, '2025-Q3') #>> '{history,acquaintance,kind}', 'refused', 'the refusal act is shown');
SELECT is(explain_annual_result(201, 2021) #>> '{history,appeals,0,outcome}', 'revised', 'explain_annual_result shows the appeal');
SELECT results_eq($$SELECT h #>> '{decisions,0,kind}', h #>> '{decisions,0,after}', h #>> '{final,score}', h #>> '{final,state}'
                    FROM (SELECT explain_annual_result(102, 2025) -> 'history' AS h) x$$,
                  $$VALUES ('annual_mean', '3.93', '3.93', 'decided')$$,
                  'explain_annual_result shows the mean recomputed after the appeal, and it is the final grade');

SELECT * FROM finish();
ROLLBACK;
