-- pgTAP: who may take the steps the law gives to the official with the power of appointment, and when a count
-- sheet reaches the commission (authority11; methodology §7, §9; issue 11 items 3–4, issue 12 item 2).
--   * A calibration session is decided on, and its composition approved, by the official with the power of
--     appointment to and dismissal from corps B positions (typical-2023 ¶12, ¶38; wko-2026 ¶10, ¶19); a commission's
--     protocol is approved by the authorised person, whom akmola-2018 ¶5 defines as that same official (¶39;
--     legacy-2021 ¶66). Both are checked against ocenka.body_service (service appointing) on the day; a body that
--     registered no such official is refused too, with a hint saying how to register one. The application's
--     addressee and the commission order's signatory, where given, are that official too.
--   * The commission takes up a person's annual KPI-count result at the first vote on it: the person's count sheet of
--     that year must by then have been signed, agreed and submitted to the commission by HR (akmola-2018 ¶17–24,
--     legacy-2021 ¶48–55).
-- Each refusal: SQLSTATE 23514, the constraint, the exact message, the detail citing the paragraph, the hint, and a
-- census showing that the refused statement wrote nothing.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(34);
\ir fixture/store.sql
\o /dev/null

-- a refused statement: exact SQLSTATE, constraint and message, the detail citing the paragraph, the hint, nothing written
CREATE FUNCTION pg_temp.refused(stmt text, constraint_name text, message text, cite text, hint text, description text)
	RETURNS SETOF text
	LANGUAGE plpgsql
AS $$
DECLARE
	before jsonb := pg_temp.census();
	st text;
	msg text;
	det text;
	h text;
	con text;
BEGIN
	BEGIN
		EXECUTE stmt;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT,
		                        con = CONSTRAINT_NAME;
	END;
	RETURN NEXT is(jsonb_build_object('sqlstate', st, 'constraint', con, 'message', msg, 'cites', strpos(det, cite) > 0, 'hint', h),
	               jsonb_build_object('sqlstate', '23514', 'constraint', constraint_name, 'message', message, 'cites', true, 'hint', hint),
	               description);
	RETURN NEXT is(pg_temp.census(), before, description || ': nothing was written');
END
$$;

-- body 2's evaluatees 200 … 203 (akmola-2018, 2021): 200 is evaluated by 100, the others by 200; 114 is its HR employee
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (200, 100, 'immediate_supervisor', '2019-01-01'),
	(201, 200, 'immediate_supervisor', '2019-01-01'), (202, 200, 'immediate_supervisor', '2019-01-01'),
	(203, 200, 'immediate_supervisor', '2019-01-01');
INSERT INTO body_service (body_id, service, employee_id, valid_from) VALUES (2, 'hr', 114, '2018-01-01');
\o

-- ============ the register: service appointing ============
SELECT results_eq($$SELECT body_id, service_members(body_id, 'appointing', '2025-04-10') FROM body_service WHERE service = 'appointing' ORDER BY 1$$,
                  $$VALUES (1::bigint, ARRAY[100::bigint]), (2, ARRAY[100::bigint])$$,
                  'the fixture registers 100 as the official with the power of appointment of bodies 1 and 2');
SELECT throws_ok($$INSERT INTO body_service (body_id, service, employee_id) VALUES (1, 'appointment', 100)$$, '23514', NULL,
                 'service is hr, strategic_planning or appointing');

-- ============ calibration: the official orders the session (typical-2023 ¶38) ============
SET ROLE ocenka_test_dba;
\o /dev/null
SELECT pg_temp.complete(1, '2025-Q1', '2025-04-10', true);
\o
SET ROLE ocenka_test_hr_officer;
\o /dev/null
INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (103, 1, '2025-Q1', 'signed', '2025-04-10');
\o
SELECT * FROM pg_temp.refused($$INSERT INTO calibration_application (employee_id, body_id, q, filed_on, addressed_to) VALUES (103, 1, '2025-Q1', '2025-04-10', 102)$$,
	'ocenka_calibration_addressed_to',
	'employee 103 (Сериков Ерлан): the calibration application on 2025-Q1 is addressed to employee 102 (Байжанова Асель), who is not the official with the power of appointment of body 1 on 2025-04-10 (employee 100 (Аким Тестов))',
	'typical-2023 ¶12', 'The officials with the power of appointment are registered in ocenka.body_service (service appointing) with the days they hold it.',
	'typical-2023 ¶12: an application addressed to whoever it names is refused unless that is the official');
\o /dev/null
INSERT INTO calibration_application (employee_id, body_id, q, filed_on, addressed_to) VALUES (103, 1, '2025-Q1', '2025-04-10', 100);
\o
SELECT id AS app FROM calibration_application WHERE employee_id = 103 \gset
SELECT * FROM pg_temp.refused(format($$INSERT INTO calibration_session (application_id, ordered_on, ordered_by, order_document)
                                       VALUES (%s, '2025-04-10', 102, 'распоряжение № 1')$$, :app),
	'ocenka_calibration_ordered_by',
	'employee 103 (Сериков Ерлан): the decision to hold a calibration session on 2025-Q1 is signed by employee 102 (Байжанова Асель), who is not the official with the power of appointment of body 1 on 2025-04-10 (employee 100 (Аким Тестов))',
	'typical-2023 ¶12, ¶38', 'The officials with the power of appointment are registered in ocenka.body_service (service appointing) with the days they hold it.',
	'typical-2023 ¶38: a session ordered by the head of the unit, who has no power of appointment');
RESET ROLE;
UPDATE body_service SET valid_from = '2025-04-11' WHERE body_id = 1 AND service = 'appointing';
SET ROLE ocenka_test_hr_officer;
SELECT * FROM pg_temp.refused(format($$INSERT INTO calibration_session (application_id, ordered_on, ordered_by, order_document)
                                       VALUES (%s, '2025-04-10', 100, 'распоряжение № 1')$$, :app),
	'ocenka_calibration_ordered_by',
	'employee 103 (Сериков Ерлан): the decision to hold a calibration session on 2025-Q1 is signed by employee 100 (Аким Тестов), who is not the official with the power of appointment of body 1 on 2025-04-10 (no one registered)',
	'wko-2026 ¶10, ¶19', 'Register the official in ocenka.body_service: INSERT INTO ocenka.body_service (body_id, service, employee_id, valid_from) VALUES (1, ''appointing'', <employee id>, <first day>).',
	'typical-2023 ¶38: the law always has the official, so a body that registered none on the day is refused');
RESET ROLE;
UPDATE body_service SET valid_from = '2018-01-01' WHERE body_id = 1 AND service = 'appointing';
SET ROLE ocenka_test_hr_officer;
SELECT lives_ok(format($$INSERT INTO calibration_session (application_id, ordered_on, ordered_by, order_document)
                         VALUES (%s, '2025-04-10', 100, 'распоряжение № 1')$$, :app),
                'typical-2023 ¶38: the official with the power of appointment orders the session');
SELECT results_eq($$SELECT ordered_by FROM calibration_session$$, $$VALUES (100::bigint)$$, 'the order names the official');

-- ============ the count sheet reaches the commission when agreed and submitted (akmola-2018 ¶17–24) ============
-- 200 and 201: signed, agreed, submitted; 202: signed and agreed only; 203: no sheet
RESET ROLE;
\o /dev/null
SELECT pg_temp.submit_count_sheets(2, 2021, '2022-01-12', ARRAY[200, 201]);
INSERT INTO count_sheet (employee_id, body_id, year, evaluator_id) VALUES (202, 2, 2021, 200);
SELECT count_sheet_step(id, 'sign', 200), count_sheet_step(id, 'agree', 100) FROM count_sheet WHERE employee_id = 202;
\o
SELECT results_eq($$SELECT employee_id, state, submitted_on FROM count_sheet WHERE body_id = 2 ORDER BY 1$$,
                  $$VALUES (200::bigint, 'submitted', date '2022-01-12'), (201, 'submitted', '2022-01-12'), (202, 'agreed', NULL)$$,
                  'the sheets as HR leaves them before the year closes');
SET ROLE ocenka_test_dba;
\o /dev/null
SELECT pg_temp.at('2022-01-14');
CALL close_year(2, 2021);
\o
SET ROLE ocenka_test_hr_officer;
SELECT * FROM pg_temp.refused($$INSERT INTO commission_order (body_id, number, signed_on, valid_from, signed_by) VALUES (2, 'К-9', '2022-01-10', '2022-01-10', 101)$$,
	'ocenka_commission_order_signed_by',
	'order No К-9 of body 2: the order is signed by employee 101 (Ахметов Айдар), who is not the official with the power of appointment of body 2 on 2022-01-10 (employee 100 (Аким Тестов))',
	'akmola-2018 ¶5; akmola-2018 ¶31', 'The officials with the power of appointment are registered in ocenka.body_service (service appointing) with the days they hold it.',
	'akmola-2018 ¶5, ¶31: the commission is formed by order of the authorised person');
SELECT pg_temp.commission_meeting(2, 2021, '2022-01-25') AS meeting \gset
SELECT * FROM pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, 203, 101, 'approve', NULL)$$, :meeting),
	'ocenka_commission_count_sheet',
	'employee 203 (Калиева Айгуль), 2021: there is no annual KPI-count sheet of body 2, so the commission of body 2 cannot vote on the result',
	'akmola-2018 ¶17–24', 'Take the sheet through its review chain first: ocenka.count_sheet_step(sheet_id, step, signer_id) with sign, agree, then submit.',
	'akmola-2018 ¶24: no vote on a result without a count sheet');
SELECT * FROM pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, 202, 101, 'approve', NULL)$$, :meeting),
	'ocenka_commission_count_sheet',
	'employee 202 (Абенова Жанар), 2021: the annual KPI-count sheet is agreed, not submitted to the commission, so the commission of body 2 cannot vote on the result',
	'akmola-2018 ¶17–24', 'Take the sheet through its review chain first: ocenka.count_sheet_step(sheet_id, step, signer_id) with sign, agree, then submit.',
	'akmola-2018 ¶21–24: a sheet the superior agreed but HR did not submit does not go to the commission');
SELECT * FROM pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%1$s, 200, 101, 'approve', NULL), (%1$s, 202, 101, 'approve', NULL)$$, :meeting),
	'ocenka_commission_count_sheet',
	'employee 202 (Абенова Жанар), 2021: the annual KPI-count sheet is agreed, not submitted to the commission, so the commission of body 2 cannot vote on the result',
	'akmola-2018 ¶17–24', 'Take the sheet through its review chain first: ocenka.count_sheet_step(sheet_id, step, signer_id) with sign, agree, then submit.',
	'a statement voting on a submitted and an unsubmitted sheet writes neither vote');
SELECT lives_ok(format($$INSERT INTO commission_vote SELECT %s, e, v, 'approve', NULL FROM unnest(ARRAY[200, 201]) e,
                         unnest(ARRAY[100, 101, 102, 104, 105]) v$$, :meeting),
                'akmola-2018 ¶24, ¶32: the commission votes on the submitted sheets');

-- ============ the commission's protocol: approved by the authorised person (akmola-2018 ¶5, ¶39) ============
SELECT * FROM pg_temp.refused(format($$UPDATE commission_meeting SET protocol_no = '1', approved_on = '2022-01-25', approved_by = 101 WHERE id = %s$$, :meeting),
	'ocenka_commission_approved_by',
	'body 2, 2021: the approval of the protocol of the commission meeting of 2022-01-25 is signed by employee 101 (Ахметов Айдар), who is not the official with the power of appointment of body 2 on 2022-01-25 (employee 100 (Аким Тестов))',
	'akmola-2018 ¶39; akmola-2018 ¶5', 'The officials with the power of appointment are registered in ocenka.body_service (service appointing) with the days they hold it.',
	'akmola-2018 ¶39: a member of the commission is not the authorised person');
RESET ROLE;
UPDATE body_service SET valid_until = '2022-01-24' WHERE body_id = 2 AND service = 'appointing';
SET ROLE ocenka_test_hr_officer;
SELECT * FROM pg_temp.refused(format($$UPDATE commission_meeting SET protocol_no = '1', approved_on = '2022-01-25', approved_by = 100 WHERE id = %s$$, :meeting),
	'ocenka_commission_approved_by',
	'body 2, 2021: the approval of the protocol of the commission meeting of 2022-01-25 is signed by employee 100 (Аким Тестов), who is not the official with the power of appointment of body 2 on 2022-01-25 (no one registered)',
	'akmola-2018 ¶5', 'Register the official in ocenka.body_service: INSERT INTO ocenka.body_service (body_id, service, employee_id, valid_from) VALUES (2, ''appointing'', <employee id>, <first day>).',
	'akmola-2018 ¶39: no official registered on the day of the approval, so none may approve');
SELECT is((SELECT count(*) FROM result_decision WHERE kind = 'commission'), 0::bigint, 'no decision was written');
RESET ROLE;
UPDATE body_service SET valid_until = NULL WHERE body_id = 2 AND service = 'appointing';
SET ROLE ocenka_test_hr_officer;
SELECT lives_ok(format($$UPDATE commission_meeting SET protocol_no = '1', approved_on = '2022-01-25', approved_by = 100 WHERE id = %s$$, :meeting),
                'akmola-2018 ¶39: the authorised person approves the protocol');
SELECT results_eq($$SELECT employee_id, outcome, decided_on FROM result_decision WHERE kind = 'commission' ORDER BY 1$$,
                  $$VALUES (200::bigint, 'approved', date '2022-01-25'), (201, 'approved', '2022-01-25')$$,
                  'the approval writes the decisions on the two submitted sheets');
SELECT is((SELECT final_state FROM final_annual_result WHERE employee_id = 202 AND year = 2021), 'awaiting_commission',
          '202''s result, whose sheet was never submitted, still awaits the commission');

-- ============ legacy-2021: the same rules on a person chapter 6 of seed 000 evaluates (¶48–55, ¶66) ============
RESET ROLE;
\o /dev/null
SELECT pg_temp.at('2021-02-01');
INSERT INTO body (id, name) VALUES (5, 'Аппарат акима района, глава 6 (тест)');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES (5, '2019-01-01', 'akmola-2018', 'решение'),
	(5, '2021-07-01', 'legacy-2021', 'resolution No 51, chapter 6');
INSERT INTO unit (id, body_id, name) VALUES (6, 5, 'Отдел');
INSERT INTO employee (id, full_name) VALUES (500, 'Сейткали Жандос'), (501, 'Аубакирова Зарина'), (509, 'Басшы Аппарат'), (510, 'Кадровик Бес');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on)
SELECT e, 5, 6, 'Главный специалист', 'C-4', false, '2019-02-01' FROM unnest(ARRAY[500, 501]) e;
INSERT INTO absence (employee_id, kind, first_day, last_day) SELECT e, 'sick_leave', '2021-09-06', '2021-09-10' FROM unnest(ARRAY[500, 501]) e;
INSERT INTO kpi (employee_id, body_id, year, no, name, direction, approved_on, achieved)
SELECT e, 5, 2021, n, format('Показатель %s', n), 'increase', '2021-02-01', true FROM unnest(ARRAY[500, 501]) e, generate_series(1, 5) n;
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) SELECT e, 509, 'immediate_supervisor', '2019-02-01' FROM unnest(ARRAY[500, 501]) e;
INSERT INTO body_service (body_id, service, employee_id, valid_from) VALUES (5, 'hr', 510, '2018-01-01'), (5, 'appointing', 509, '2018-01-01');
SELECT pg_temp.submit_count_sheets(5, 2021, '2022-01-12', ARRAY[500]);
INSERT INTO count_sheet (employee_id, body_id, year, evaluator_id) VALUES (501, 5, 2021, 509);
SELECT pg_temp.at('2022-01-14');
CALL close_year(5, 2021);
\o
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.commission_meeting(5, 2021, '2022-01-25') AS meeting5 \gset
SELECT * FROM pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, 501, 101, 'approve', NULL)$$, :meeting5),
	'ocenka_commission_count_sheet',
	'employee 501 (Аубакирова Зарина), 2021: the annual KPI-count sheet is draft, not submitted to the commission, so the commission of body 5 cannot vote on the result',
	'legacy-2021 ¶48–55', 'Take the sheet through its review chain first: ocenka.count_sheet_step(sheet_id, step, signer_id) with sign, agree, then submit.',
	'legacy-2021 ¶55: a sheet never signed does not go to the commission');
SELECT lives_ok(format($$INSERT INTO commission_vote SELECT %s, 500, v, 'approve', NULL FROM unnest(ARRAY[100, 101, 102, 104, 105]) v$$, :meeting5),
                'legacy-2021 ¶55, ¶59: the commission votes on the submitted sheet');
SELECT * FROM pg_temp.refused(format($$UPDATE commission_meeting SET protocol_no = '5/1', approved_on = '2022-01-25', approved_by = 101 WHERE id = %s$$, :meeting5),
	'ocenka_commission_approved_by',
	'body 5, 2021: the approval of the protocol of the commission meeting of 2022-01-25 is signed by employee 101 (Ахметов Айдар), who is not the official with the power of appointment of body 5 on 2022-01-25 (employee 509 (Басшы Аппарат))',
	'legacy-2021 ¶66', 'The officials with the power of appointment are registered in ocenka.body_service (service appointing) with the days they hold it.',
	'legacy-2021 ¶66: the results are approved by the authorised person only');
SELECT lives_ok(format($$UPDATE commission_meeting SET protocol_no = '5/1', approved_on = '2022-01-25', approved_by = 509 WHERE id = %s$$, :meeting5),
                'legacy-2021 ¶66: the authorised person approves the protocol');

SELECT * FROM finish();
ROLLBACK;
