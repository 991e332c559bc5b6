-- pgTAP: akmola-2018 ¶4 — someone on leave, sick, on a business trip or in training when the annual
-- evaluation is held (ocenka.annual_schedule, ¶29) is evaluated within 5 working days after returning:
-- their KPI outcomes are refused before they return and after those 5 days, unless HR enters them late.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(22);
\ir fixture/store.sql

-- body 2 (akmola-2018) evaluates 2021 from 2022-01-17 to 2022-01-28; 201 is on annual leave
-- 2022-01-10 … 2022-02-04 (back on Monday 2022-02-07: five working days to 2022-02-11); 203 was on a
-- business trip 2021-12-01 … 12-10, before the evaluation; 202 is not away.
\o /dev/null
INSERT INTO annual_schedule (body_id, year, held_from, held_until) VALUES (2, 2021, '2022-01-17', '2022-01-28');
INSERT INTO absence (employee_id, kind, first_day, last_day) VALUES
	(201, 'annual_leave', '2022-01-10', '2022-02-04'), (203, 'business_trip', '2021-12-01', '2021-12-10');
\o
SELECT results_eq($$SELECT back, due FROM return_window(2, 2021, 201)$$, $$VALUES ('2022-02-07'::date, '2022-02-11'::date)$$,
	'201 returns on 2022-02-07 and is evaluated by 2022-02-11, the fifth working day');
SELECT is((SELECT count(*)::int FROM return_window(2, 2021, 203)), 0, '203''s trip ended before the evaluation');

SET ROLE ocenka_test_clerk;
SELECT pg_temp.at('2022-01-20');
SELECT * FROM pg_temp.refused($$UPDATE ocenka.kpi SET achieved = false WHERE employee_id = 201 AND no = 4$$,
	'23514', 'employee 201 (Досанова Камила): the 2021 evaluation is entered after they return on 2022-02-07, not on 2022-01-20',
	'201 is away during the evaluation: not evaluated in her absence');
SELECT lives_ok($$UPDATE ocenka.kpi SET achieved = true WHERE employee_id IN (202, 203) AND no = 5$$,
	'her colleagues are evaluated on the schedule');
-- body 2 assesses competencies by a catalogue of its own (seed 001 ships none); a mark is evaluation too
RESET ROLE;
\o /dev/null
INSERT INTO competency_catalogue (code, title, source, body_id) VALUES ('akmola-test', 'own catalogue (test)', 'test', 2);
INSERT INTO catalogue_competency VALUES ('akmola-test', 1, 'responsibility', 'ЖАУАПКЕРШІЛІК', NULL, 'responsibility');
INSERT INTO behaviour_indicator VALUES ('akmola-test', 1, 'employees', true, 1, 'Өз ісі мен нәтижелері үшін жауаптылықта болады.', NULL);
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (201, 200, 'immediate_supervisor', '2019-01-01');
GRANT INSERT, UPDATE, DELETE ON competency_assessment, indicator_mark TO ocenka_test_clerk;
\o
SET ROLE ocenka_test_clerk;
SELECT lives_ok($$INSERT INTO ocenka.competency_assessment (employee_id, body_id, year, methodology, catalogue, category_group, evaluator_id)
                  VALUES (201, 2, 2021, 'akmola-2018', 'akmola-test', 'employees', 200)$$,
	'her competency sheet may be opened');
SELECT * FROM pg_temp.refused($$INSERT INTO ocenka.indicator_mark SELECT id, 1, true, 1, true FROM ocenka.competency_assessment WHERE employee_id = 201$$,
	'23514', 'employee 201 (Досанова Камила): the 2021 evaluation is entered after they return on 2022-02-07, not on 2022-01-20',
	'… but not marked in her absence');
SELECT pg_temp.at('2022-02-11');
SELECT lives_ok($$UPDATE ocenka.kpi SET achieved = false WHERE employee_id = 201 AND no = 4$$,
	'on the fifth working day after her return her outcomes are entered');
SELECT pg_temp.at('2022-02-14');
SELECT * FROM pg_temp.refused($$UPDATE ocenka.kpi SET achieved = true WHERE employee_id = 201 AND no = 4$$,
	'23514', 'employee 201 (Досанова Камила): the 2021 evaluation was due within 5 working days after they returned on 2022-02-07, by 2022-02-11, not on 2022-02-14',
	'after the five working days they are refused');
SELECT is(pg_temp.error_of($$UPDATE ocenka.kpi SET achieved = true WHERE employee_id = 201 AND no = 4$$) - 'message',
	jsonb_build_object('sqlstate', '23514', 'constraint', 'ocenka_return_deadline',
	                   'detail', 'Under akmola-2018 someone on leave, sick, on a business trip or in training when the evaluation is held is evaluated within 5 working days after returning to work (seed 001 ¶4).'),
	'the rule''s name and ¶4');
SELECT lives_ok($$UPDATE ocenka.kpi SET name = name || ' ' WHERE employee_id = 201 AND no = 4$$,
	'a change that records no outcome is not the evaluation');
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT lives_ok($$SELECT ocenka.begin_late_entry('201 returned on 2022-02-07; the evaluator was ill'); UPDATE ocenka.kpi SET achieved = true WHERE employee_id = 201 AND no = 4$$,
	'HR enters it late, with a reason');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM audit_trail WHERE table_name = 'annual_schedule'), 1, 'the schedule is audited');

-- ¶4 binds the direct supervisor's signature of the count sheet, the evaluation itself (¶17): with the
-- schedule of 2021, 201's sheet is not signed before she is back; 2020 has no schedule, and 203's sheet is
-- not signed while she is on leave 2021-01-11 … 01-22 (back on Monday 25 January)
\o /dev/null
GRANT INSERT ON count_sheet, review_step TO ocenka_test_clerk;
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (202, 200, 'immediate_supervisor', '2019-01-01'),
	(203, 200, 'immediate_supervisor', '2019-01-01');
SELECT pg_temp.at('2021-01-05');
INSERT INTO kpi (employee_id, body_id, year, no, name, direction, approved_on, achieved)
SELECT 203, 2, 2020, n, format('Показатель %s', n), 'increase', '2020-01-20', true FROM generate_series(1, 5) n;
INSERT INTO absence (employee_id, kind, first_day, last_day) VALUES (203, 'annual_leave', '2021-01-11', '2021-01-22');
INSERT INTO count_sheet (employee_id, body_id, year, evaluator_id) VALUES (203, 2, 2020, 200);
SELECT pg_temp.at('2022-01-20');
INSERT INTO count_sheet (employee_id, body_id, year, evaluator_id) VALUES (201, 2, 2021, 200), (202, 2, 2021, 200);
\o
SET ROLE ocenka_test_clerk;
SELECT * FROM pg_temp.refused_by($$SELECT ocenka.count_sheet_step((SELECT id FROM ocenka.count_sheet WHERE employee_id = 201 AND year = 2021), 'sign', 200)$$,
	'ocenka_return_window', 'employee 201 (Досанова Камила): the 2021 evaluation is entered after they return on 2022-02-07, not on 2022-01-20',
	'¶4, ¶17: her count sheet is not signed during the scheduled evaluation while she is away');
SELECT is(ocenka.count_sheet_step((SELECT id FROM ocenka.count_sheet WHERE employee_id = 202 AND year = 2021), 'sign', 200), 'signed',
	'her colleague''s is');
SELECT pg_temp.at('2021-01-15') \g /dev/null
SELECT * FROM pg_temp.refused_by($$SELECT ocenka.count_sheet_step((SELECT id FROM ocenka.count_sheet WHERE employee_id = 203 AND year = 2020), 'sign', 200)$$,
	'ocenka_return_window', 'employee 203 (Калиева Айгуль): the 2020 evaluation is entered after they return on 2021-01-25, not on 2021-01-15',
	'¶4 without a schedule: the count sheet is not signed on a day the evaluatee is away');
SELECT is(pg_temp.error_of($$SELECT ocenka.count_sheet_step((SELECT id FROM ocenka.count_sheet WHERE employee_id = 203 AND year = 2020), 'sign', 200)$$) ->> 'detail',
	'Under akmola-2018 someone on leave, sick, on a business trip or in training when the evaluation is held is evaluated within 5 working days after returning to work (seed 001 ¶4); the direct supervisor''s signature of the count sheet is that evaluation (¶17).',
	'… citing ¶4 and ¶17');
SELECT pg_temp.at('2021-01-25') \g /dev/null
SELECT is(ocenka.count_sheet_step((SELECT id FROM ocenka.count_sheet WHERE employee_id = 203 AND year = 2020), 'sign', 200), 'signed',
	'on the day she is back it is signed');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
