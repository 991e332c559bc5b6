-- pgTAP: the evaluation commission of the annual KPI-count methodologies (issue 11 item 4; methodology §9b;
-- akmola-2018 ch. 5, vsk-2018, legacy-2021 = seed 000 ch. 6 §2), on one body of each: body 2 (akmola-2018),
-- body 4 (vsk-2018) and body 5 (legacy-2021: its own edition is akmola-2018, it adopted seed 000 chapter 6 from
-- 2021-07-01 and its evaluatees were on sick leave in 2021, so chapter 6 grades them and its commission reviews
-- them), year 2021, each with three evaluatees (A: 5 KPIs of 5 achieved, B: 4, C: 3). Every rule is accepted and refused on each body, with its exact SQLSTATE, constraint and
-- message, the detail citing the methodology's paragraph, and a census showing the refused statement wrote
-- nothing. The majority and the chair's vote on a tie are checked so that a wrong majority (a plurality that is
-- not more than half, the chair overriding a majority) and a tie decided without the chair both fail.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(203);
\ir fixture/store.sql
\o /dev/null

INSERT INTO body (id, name, code) VALUES (4, 'Аппарат Высшего Судебного Совета (тест)', 'T-4'),
	(5, 'Аппарат акима района, глава 6 (тест)', 'T-5');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES
	(4, '2018-07-26', 'vsk-2018', 'order No 2-4/26 of 12.07.2018'),
	(5, '2019-01-01', 'akmola-2018', 'decision No 6С-19-24 of 16.03.2018'),
	(5, '2021-07-01', 'legacy-2021', 'resolution No 51, chapter 6');
INSERT INTO unit (id, body_id, name) VALUES (5, 4, 'Отдел'), (6, 5, 'Отдел');
INSERT INTO employee (id, full_name) VALUES
	(400, 'Мусин Алмас'), (401, 'Рахимова Лаура'), (402, 'Ибраев Канат'),
	(500, 'Сейткали Жандос'), (501, 'Аубакирова Зарина'), (502, 'Бердибеков Самат'),
	(600, 'Жаксылыков Марат'), (601, 'Омарова Алия'), (602, 'Кенжебаев Руслан'), (603, 'Султанова Дина'),
	(604, 'Ахметжанов Болат'), (605, 'Исаева Гаухар'), (606, 'Турсунов Ербол'), (607, 'Аким Областной'),
	(608, 'Посторонний Игорь'), (609, 'Басшы Аппарат');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on)
SELECT e, (e / 100), (e / 100) + 1, 'Главный специалист', 'C-4', false, '2019-02-01' FROM unnest(ARRAY[400, 401, 402, 500, 501, 502]) e;
-- body 5 adopted chapter 6 of seed 000 (legacy-2021) beside its own edition: its evaluatees were temporarily
-- unable to work in the second half of 2021 (¶48), so legacy-2021 grades their year and its commission reviews it
INSERT INTO absence (employee_id, kind, first_day, last_day)
SELECT e, 'sick_leave', '2021-09-06', '2021-09-10' FROM unnest(ARRAY[500, 501, 502]) e;
SELECT pg_temp.at('2021-02-01');
INSERT INTO kpi (employee_id, body_id, year, no, name, direction, approved_on, achieved)
SELECT e, e / 100, 2021, n, format('Показатель %s', n), 'increase', '2021-02-01', n <= a
FROM (VALUES (400, 5), (401, 4), (402, 3), (500, 5), (501, 4), (502, 3)) AS t(e, a), generate_series(1, 5) n;
-- vsk-2018 also assesses the competencies of body 4's evaluatees by the catalogue of seed 003 (¶25–27): their
-- direct supervisor 609 marks every indicator, so that the year can close
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from)
SELECT e, 609, 'immediate_supervisor', '2019-02-01' FROM unnest(ARRAY[400, 401, 402]) e;
SELECT pg_temp.at('2022-01-05');
INSERT INTO competency_assessment (employee_id, body_id, year, methodology, catalogue, category_group, evaluator_id)
SELECT e, 4, 2021, 'vsk-2018', 'vsk-2018', 'employees', 609 FROM unnest(ARRAY[400, 401, 402]) e;
INSERT INTO indicator_mark (assessment_id, competency_no, effective, indicator_no, observed)
SELECT a.id, i.competency_no, i.effective, i.indicator_no, i.effective
FROM competency_assessment a JOIN behaviour_indicator i ON (i.catalogue, i.category_group) = (a.catalogue, a.category_group)
WHERE a.body_id = 4 AND a.year = 2021;
-- the count sheets go to the commission through their review chain (akmola-2018 ¶17–24, legacy-2021 ¶48–55): body 2's
-- evaluatees are evaluated by 200 (200 by 100), body 5's by 609; 605, the commission's secretary, is each body's HR
-- employee; 607 is the official with the power of appointment who approves the protocols (akmola-2018 ¶5, ¶39)
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (200, 100, 'immediate_supervisor', '2019-01-01'),
	(201, 200, 'immediate_supervisor', '2019-01-01'), (202, 200, 'immediate_supervisor', '2019-01-01'), (203, 200, 'immediate_supervisor', '2019-01-01'),
	(500, 609, 'immediate_supervisor', '2019-02-01'), (501, 609, 'immediate_supervisor', '2019-02-01'), (502, 609, 'immediate_supervisor', '2019-02-01');
INSERT INTO body_service (body_id, service, employee_id, valid_from)
SELECT b, s, CASE s WHEN 'hr' THEN 605 ELSE 607 END, '2018-01-01' FROM unnest(ARRAY[2, 4, 5]) b, unnest(ARRAY['hr', 'appointing']) s;
SELECT pg_temp.submit_count_sheets(b, 2021, '2022-01-12', ARRAY[b * 100, b * 100 + 1, b * 100 + 2] || CASE b WHEN 2 THEN ARRAY[203] END)
FROM unnest(ARRAY[2, 4, 5]) b;

-- the three bodies of the scenario: their evaluatees A, B, C and the paragraphs their rules cite
CREATE TEMP TABLE sc (body bigint PRIMARY KEY, m text, a bigint, b bigint, c bigint, notice_days int, short_notice date,
                      earliest date, ok_notice date, cite_composition text, cite_notice text, cite_quorum text,
                      cite_vote text, cite_replacement text, cite_secretary text, cite_decision text, cite_approval text, order_id bigint, meeting bigint);
INSERT INTO sc (body, m, a, b, c, notice_days, short_notice, earliest, ok_notice, cite_composition, cite_notice, cite_quorum,
                cite_vote, cite_replacement, cite_secretary, cite_decision, cite_approval) VALUES
	(2, 'akmola-2018', 200, 201, 202, 7, '2022-01-17', '2022-01-26', '2022-01-14', 'akmola-2018 ¶5', 'akmola-2018 ¶29',
	 'akmola-2018 ¶30', 'akmola-2018 ¶32–33', 'akmola-2018 ¶31', 'akmola-2018 ¶34', 'akmola-2018 ¶37–38', 'akmola-2018 ¶39'),
	(4, 'vsk-2018', 400, 401, 402, 7, '2022-01-17', '2022-01-26', '2022-01-14', 'vsk-2018 ¶5', 'vsk-2018 ¶29',
	 'vsk-2018 ¶30', 'vsk-2018 ¶32–33', 'vsk-2018 ¶31', 'vsk-2018 ¶34', 'vsk-2018 ¶37–38', 'vsk-2018 ¶39'),
	(5, 'legacy-2021', 500, 501, 502, 3, '2022-01-21', '2022-01-26', '2022-01-20', 'methodology §9b', 'legacy-2021 ¶56',
	 'legacy-2021 ¶57', 'legacy-2021 ¶59–60', 'legacy-2021 ¶58', 'legacy-2021 ¶61', 'legacy-2021 ¶64–65', 'legacy-2021 ¶66');
GRANT SELECT, UPDATE ON sc TO PUBLIC;

-- a refused statement: exact SQLSTATE, constraint and message, the detail citing the paragraph, nothing written
CREATE FUNCTION pg_temp.refused(stmt text, state text, constraint_name text, message text, cite text, description text)
	RETURNS SETOF text
	LANGUAGE plpgsql
AS $$
DECLARE
	before jsonb := pg_temp.census();
	e jsonb := pg_temp.error_of(stmt);
BEGIN
	RETURN NEXT is(jsonb_build_object('sqlstate', e ->> 'sqlstate', 'constraint', e ->> 'constraint', 'message', e ->> 'message',
	                                  'cites', strpos(e ->> 'detail', cite) > 0),
	               jsonb_build_object('sqlstate', state, 'constraint', constraint_name, 'message', message, 'cites', true),
	               description);
	RETURN NEXT is(pg_temp.census(), before, description || ': nothing was written');
END
$$;
\o

SET ROLE ocenka_test_hr_officer;

-- ============ the commission: formed by an order (¶5), changed by an order (¶31) ============
\o /dev/null
SELECT pg_temp.at('2022-01-10');
INSERT INTO commission_order (body_id, number, signed_on, valid_from, signed_by)
SELECT body, 'К-1', '2022-01-10', '2022-01-10', 607 FROM sc;
UPDATE sc SET order_id = o.id FROM commission_order o WHERE o.body_id = sc.body;
\o
SELECT pg_temp.refused(format($$INSERT INTO commission_member VALUES (%1$s, 600, 'chair'), (%1$s, 601, 'member'), (%1$s, 602, 'member'),
                                (%1$s, 603, 'member'), (%1$s, 605, 'secretary')$$, order_id),
                       '23514', 'ocenka_commission_composition', format('order No К-1 of body %s names 4 voting members, fewer than 5', body),
                       cite_composition, format('§9b %s: a commission of 4 members besides the secretary', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO commission_member VALUES (%1$s, 600, 'member'), (%1$s, 601, 'member'), (%1$s, 602, 'member'),
                                (%1$s, 603, 'member'), (%1$s, 604, 'member'), (%1$s, 605, 'secretary')$$, order_id),
                       '23514', 'ocenka_commission_composition', format('order No К-1 of body %s names 0 chairs: the commission has exactly one', body),
                       cite_composition, format('§9b %s: a commission without a chair', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO commission_member VALUES (%1$s, 600, 'chair'), (%1$s, 601, 'member'), (%1$s, 602, 'member'),
                                (%1$s, 603, 'member'), (%1$s, 604, 'member'), (%1$s, 605, 'secretary'), (%1$s, 606, 'secretary')$$, order_id),
                       '23514', 'ocenka_commission_composition',
                       format('order No К-1 of body %s names 2 secretaries: the commission has exactly one, who does not vote', body),
                       cite_composition, format('§9b %s: two secretaries', m))
FROM sc ORDER BY body;
SELECT lives_ok(format($$INSERT INTO commission_member VALUES (%1$s, 600, 'chair'), (%1$s, 601, 'member'), (%1$s, 602, 'member'),
                         (%1$s, 603, 'member'), (%1$s, 604, 'member'), (%1$s, 605, 'secretary')$$, order_id),
                format('§9b %s: a chair, four members and a secretary', m))
FROM sc ORDER BY body;
SELECT results_eq($$SELECT body_id, employee_id, role, valid_from, valid_until FROM commission_membership WHERE body_id = 2 ORDER BY 2$$,
                  $$VALUES (2::bigint, 600::bigint, 'chair', date '2022-01-10', NULL::date), (2, 601, 'member', '2022-01-10', NULL),
                           (2, 602, 'member', '2022-01-10', NULL), (2, 603, 'member', '2022-01-10', NULL),
                           (2, 604, 'member', '2022-01-10', NULL), (2, 605, 'secretary', '2022-01-10', NULL)$$,
                  'commission_membership: who sits in which role from when');

-- ============ a meeting reviews a closed year of a KPI-count edition ============
SELECT pg_temp.refused(format($$INSERT INTO commission_meeting (body_id, year, held_on) VALUES (%s, 2021, '2022-01-25')$$, body),
                       '23514', 'ocenka_commission_year',
                       format('body %s, 2021: the year is not closed, so the commission has no annual results to review', body),
                       cite_decision, format('§9b %s: no meeting before the year is closed', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused($$INSERT INTO commission_meeting (body_id, year, held_on) VALUES (1, 2025, '2026-02-25')$$,
                       '23514', 'ocenka_commission_methodology',
                       'body 1, 2025: the edition in force on 2025-12-31 is typical-2023, which has no evaluation commission',
                       'methodology §7, §9b', '§9b: a typical-2023 body has no commission');

SET ROLE ocenka_test_dba;
SELECT pg_temp.at('2022-01-14');
\o /dev/null
CALL close_year(2, 2021);
CALL close_year(4, 2021);
CALL close_year(5, 2021);
\o
SET ROLE ocenka_test_hr_officer;
SELECT results_eq($$SELECT r.employee_id, r.methodology, r.gradation::text, r.final_state, r.final_gradation::text
                    FROM final_annual_result r JOIN sc ON r.employee_id IN (sc.a, sc.b, sc.c) ORDER BY 1$$,
                  $$VALUES (200::bigint, 'akmola-2018', 'effective', 'awaiting_commission', NULL::text),
                           (201, 'akmola-2018', 'proper', 'awaiting_commission', NULL), (202, 'akmola-2018', 'satisfactory', 'awaiting_commission', NULL),
                           (400, 'vsk-2018', 'effective', 'awaiting_commission', NULL), (401, 'vsk-2018', 'proper', 'awaiting_commission', NULL),
                           (402, 'vsk-2018', 'satisfactory', 'awaiting_commission', NULL),
                           (500, 'legacy-2021', 'effective', 'awaiting_commission', NULL), (501, 'legacy-2021', 'proper', 'awaiting_commission', NULL),
                           (502, 'legacy-2021', 'satisfactory', 'awaiting_commission', NULL)$$,
                  '§9b: a KPI-count result awaits the commission, final only after its decision');

-- ============ the schedule: notice to the evaluators 7 working days ahead (3 under legacy-2021) ============
SELECT pg_temp.at('2022-01-21');
SELECT pg_temp.refused(format($$INSERT INTO commission_meeting (body_id, year, held_on, notified_on) VALUES (%s, 2021, '2022-01-25', %L)$$,
                              body, short_notice),
                       '23514', 'ocenka_commission_notice',
                       format('body %s, 2021: the evaluators were notified on %s of a commission meeting on 2022-01-25, fewer than %s working days ahead (%s at the earliest)',
                              body, short_notice, notice_days, earliest),
                       cite_notice, format('§9b %s: notice fewer than %s working days ahead', m, notice_days))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO commission_meeting (body_id, year, held_on, notified_on) VALUES (%s, 2021, '2022-01-25', '2022-01-24')$$, body),
                       '23514', 'ocenka_commission_date',
                       format('body %s, 2021: the evaluators were notified on 2022-01-24, after today (2022-01-21)', body),
                       cite_notice, format('§9b %s: a notice dated after today', m))
FROM sc ORDER BY body;
SELECT lives_ok(format($$INSERT INTO commission_meeting (body_id, year, held_on, notified_on) VALUES (%s, 2021, '2022-01-25', %L)$$, body, ok_notice),
                format('§9b %s: notified on %s, %s working days ahead', m, ok_notice, notice_days))
FROM sc ORDER BY body;
\o /dev/null
UPDATE sc SET meeting = x.id FROM commission_meeting x WHERE x.body_id = sc.body;
\o
SELECT is((SELECT count(*)::int FROM commission_meeting x JOIN sc ON sc.meeting = x.id AND x.order_id = sc.order_id), 3,
          'a meeting sits in the composition of the order in force on its day');

-- ============ attendance and the quorum (two thirds of the voting members present) ============
SELECT pg_temp.refused(format($$INSERT INTO commission_attendance VALUES (%s, 600, true)$$, meeting),
                       '23514', 'ocenka_commission_date',
                       format('employee 600 (Жаксылыков Марат), 2021: the commission meeting of body %s is on 2022-01-25; what happens at it is recorded from that day, not on 2022-01-21', body),
                       cite_vote, format('§9b %s: attendance before the meeting', m))
FROM sc ORDER BY body;
SELECT pg_temp.at('2022-01-25');
SELECT pg_temp.refused(format($$INSERT INTO commission_attendance VALUES (%s, 608, true)$$, meeting),
                       '23514', 'ocenka_commission_attendance',
                       format('employee 608 (Посторонний Игорь), 2021: not in the composition of the commission of body %s that sat on 2022-01-25 (order No К-1)', body),
                       cite_replacement, format('§9b %s: an attendee outside the composition', m))
FROM sc ORDER BY body;
SELECT lives_ok(format($$INSERT INTO commission_attendance VALUES (%1$s, 600, true), (%1$s, 601, true), (%1$s, 602, true),
                         (%1$s, 603, false), (%1$s, 604, false), (%1$s, 605, true)$$, meeting),
                format('§9b %s: three of five voting members and the secretary present', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, %s, 600, 'approve', NULL)$$, meeting, a),
                       '23514', 'ocenka_commission_quorum',
                       format('%s, 2021: 3 of the 5 voting members of the commission of body %s are present at the meeting of 2022-01-25, fewer than two thirds',
                              ocenka.who(a), body),
                       cite_quorum, format('§9b %s: no vote without a quorum (3 · 3 < 2 · 5)', m))
FROM sc ORDER BY body;
SELECT lives_ok(format($$UPDATE commission_attendance SET present = true WHERE meeting_id = %s AND employee_id = 603$$, meeting),
                format('§9b %s: a fourth member arrives (3 · 4 ≥ 2 · 5)', m))
FROM sc ORDER BY body;

-- ============ only the HR service records the commission's steps ============
RESET ROLE;
SET ROLE ocenka_test_clerk;
SELECT pg_temp.refused(format($$INSERT INTO commission_attendance VALUES (%s, 606, true)$$, meeting),
                       '42501', 'ocenka_hr_capacity',
                       format('body %s, 2021: ocenka_test_clerk may not record the attendance at a commission meeting', body),
                       'methodology §9', format('§9b %s: a user without the hr capacity', m))
FROM sc WHERE body = 2;
RESET ROLE;
SET ROLE ocenka_test_hr_officer;

-- ============ the open vote: members present only, the secretary does not vote ============
SELECT pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, %s, 605, 'approve', NULL)$$, meeting, a),
                       '23514', 'ocenka_commission_voter',
                       format('employee 605 (Исаева Гаухар) cannot vote on the 2021 result of %s: the secretary of the commission does not vote', ocenka.who(a)),
                       cite_secretary, format('§9b %s: a vote by the secretary', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, %s, 608, 'approve', NULL)$$, meeting, a),
                       '23514', 'ocenka_commission_voter',
                       format('employee 608 (Посторонний Игорь) cannot vote on the 2021 result of %s: not a member of the commission of body %s that sat on 2022-01-25 (order No К-1)',
                              ocenka.who(a), body),
                       cite_vote, format('§9b %s: a vote by a non-member', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, %s, 604, 'approve', NULL)$$, meeting, a),
                       '23514', 'ocenka_commission_voter',
                       format('employee 604 (Ахметжанов Болат) cannot vote on the 2021 result of %s: not recorded present at the meeting of 2022-01-25', ocenka.who(a)),
                       cite_vote, format('§9b %s: a vote by a member not present', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, %s, 600, 'revise', 'effective')$$, meeting, a),
                       '23514', 'ocenka_commission_vote',
                       format('%s, 2021: employee 600 (Жаксылыков Марат) votes to revise the result to effective, the gradation it already has: that is a vote to approve', ocenka.who(a)),
                       cite_decision, format('§9b %s: a revision to the same gradation', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, 103, 600, 'approve', NULL)$$, meeting),
                       '23514', 'ocenka_commission_vote',
                       format('employee 103 (Сериков Ерлан), 2021: body %s has no evaluated KPI-count annual result of this person for the commission to vote on', body),
                       cite_decision, format('§9b %s: a vote on no result of the body', m))
FROM sc ORDER BY body;

-- A: three approve, one revises (a majority of 3 of the 4 present approves). C: the chair approves, three revise to
-- unsatisfactory (a majority overrides the chair). B: in turn no majority, a plurality of 2 of 4 (no majority), then
-- a tie of 2 against 2, decided by the chair: approve (body 2), revise to effective (body 4), revise to satisfactory (body 5).
SELECT lives_ok(format($$INSERT INTO commission_vote VALUES
                         (%1$s, %2$s, 600, 'approve', NULL), (%1$s, %2$s, 601, 'approve', NULL), (%1$s, %2$s, 602, 'approve', NULL),
                         (%1$s, %2$s, 603, 'revise', 'proper'),
                         (%1$s, %3$s, 600, 'approve', NULL), (%1$s, %3$s, 601, 'revise', 'unsatisfactory'),
                         (%1$s, %3$s, 602, 'revise', 'unsatisfactory'), (%1$s, %3$s, 603, 'revise', 'unsatisfactory'),
                         (%1$s, %4$s, 600, 'approve', NULL), (%1$s, %4$s, 601, 'revise', 'effective'), (%1$s, %4$s, 602, 'revise', 'satisfactory')$$,
                       meeting, a, c, b),
                format('§9b %s: the members present vote openly', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$UPDATE commission_meeting SET protocol_no = '1', approved_on = '2022-01-24', approved_by = 607 WHERE id = %s$$, meeting),
                       '23514', 'ocenka_commission_date',
                       format('body %s, 2021: the protocol of the meeting of 2022-01-25 is approved on 2022-01-24, before the meeting', body),
                       cite_approval, format('§9b %s: a protocol approved before the meeting', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$UPDATE commission_meeting SET protocol_no = '1', approved_on = '2022-01-25', approved_by = 607 WHERE id = %s$$, meeting),
                       '23514', 'ocenka_commission_majority',
                       format('%s, 2021: 3 of the 4 voting members present voted (1 effective, 1 proper, 1 satisfactory): no gradation has a majority and no tie is decided by the chair''s vote',
                              ocenka.who(b)),
                       cite_vote, format('§9b %s: no decision while one member present has not voted and no gradation has a majority', m))
FROM sc ORDER BY body;
\o /dev/null
INSERT INTO commission_vote SELECT meeting, b, 603, 'revise', 'effective' FROM sc;
\o
SELECT pg_temp.refused(format($$UPDATE commission_meeting SET protocol_no = '1', approved_on = '2022-01-25', approved_by = 607 WHERE id = %s$$, meeting),
                       '23514', 'ocenka_commission_majority',
                       format('%s, 2021: 4 of the 4 voting members present voted (2 effective, 1 proper, 1 satisfactory): no gradation has a majority and no tie is decided by the chair''s vote',
                              ocenka.who(b)),
                       cite_vote, format('§9b %s: 2 votes of 4 are a plurality, not a majority', m))
FROM sc ORDER BY body;
\o /dev/null
UPDATE commission_vote v SET vote = 'approve', gradation = NULL FROM sc WHERE sc.body = 2 AND v.meeting_id = sc.meeting AND v.employee_id = sc.b AND v.voter_id = 602;
UPDATE commission_vote v SET vote = x.vote, gradation = x.g::gradation
FROM sc, (VALUES (600, 'revise', 'effective'), (602, 'approve', NULL), (603, 'approve', NULL)) AS x(voter, vote, g)
WHERE sc.body = 4 AND v.meeting_id = sc.meeting AND v.employee_id = sc.b AND v.voter_id = x.voter;
UPDATE commission_vote v SET vote = x.vote, gradation = x.g::gradation
FROM sc, (VALUES (600, 'revise', 'satisfactory'), (601, 'approve', NULL), (603, 'approve', NULL)) AS x(voter, vote, g)
WHERE sc.body = 5 AND v.meeting_id = sc.meeting AND v.employee_id = sc.b AND v.voter_id = x.voter;
\o
SELECT results_eq($$SELECT t.meeting_id = sc.meeting, t.employee_id, t.computed::text, t.voting_members, t.present, t.votes, t.tally,
                           t.chair_vote::text, t.decided::text, t.decided_how
                    FROM sc CROSS JOIN LATERAL commission_tally(ARRAY[sc.meeting]) t ORDER BY t.employee_id$$,
                  $$VALUES (true, 200::bigint, 'effective', 5, 4, 4, '{"effective": 3, "proper": 1}'::jsonb, 'effective', 'effective', 'majority'),
                           (true, 201, 'proper', 5, 4, 4, '{"effective": 2, "proper": 2}', 'proper', 'proper', 'chair'),
                           (true, 202, 'satisfactory', 5, 4, 4, '{"satisfactory": 1, "unsatisfactory": 3}', 'satisfactory', 'unsatisfactory', 'majority'),
                           (true, 400, 'effective', 5, 4, 4, '{"effective": 3, "proper": 1}', 'effective', 'effective', 'majority'),
                           (true, 401, 'proper', 5, 4, 4, '{"effective": 2, "proper": 2}', 'effective', 'effective', 'chair'),
                           (true, 402, 'satisfactory', 5, 4, 4, '{"satisfactory": 1, "unsatisfactory": 3}', 'satisfactory', 'unsatisfactory', 'majority'),
                           (true, 500, 'effective', 5, 4, 4, '{"effective": 3, "proper": 1}', 'effective', 'effective', 'majority'),
                           (true, 501, 'proper', 5, 4, 4, '{"proper": 2, "satisfactory": 2}', 'satisfactory', 'satisfactory', 'chair'),
                           (true, 502, 'satisfactory', 5, 4, 4, '{"satisfactory": 1, "unsatisfactory": 3}', 'satisfactory', 'unsatisfactory', 'majority')$$,
                  '§9b ¶33: more than half of the members present decide, the chair''s vote on a tie, never against a majority');

-- ============ the authorised person approves the protocol: the commission's decisions ============
SELECT pg_temp.at('2022-01-26');
SELECT lives_ok(format($$UPDATE commission_meeting SET protocol_no = %L, approved_on = '2022-01-26', approved_by = 607 WHERE id = %s$$,
                       format('%s/1', body), meeting),
                format('§9b %s: the protocol is approved', m))
FROM sc ORDER BY body;
SELECT results_eq($$SELECT d.employee_id, d.body_id, d.year, d.kind, d.outcome, d.score_before::numeric, d.gradation_before::text,
                           d.score_after::numeric, d.gradation_after::text, d.decided_on, d.source_id = sc.meeting
                    FROM result_decision d JOIN sc ON sc.body = d.body_id ORDER BY d.employee_id$$,
                  $$VALUES (200::bigint, 2::bigint, 2021, 'commission', 'approved', NULL::numeric, 'effective', NULL::numeric, 'effective', date '2022-01-26', true),
                           (201, 2, 2021, 'commission', 'approved', NULL, 'proper', NULL, 'proper', '2022-01-26', true),
                           (202, 2, 2021, 'commission', 'revised', NULL, 'satisfactory', NULL, 'unsatisfactory', '2022-01-26', true),
                           (400, 4, 2021, 'commission', 'approved', NULL, 'effective', NULL, 'effective', '2022-01-26', true),
                           (401, 4, 2021, 'commission', 'revised', NULL, 'proper', NULL, 'effective', '2022-01-26', true),
                           (402, 4, 2021, 'commission', 'revised', NULL, 'satisfactory', NULL, 'unsatisfactory', '2022-01-26', true),
                           (500, 5, 2021, 'commission', 'approved', NULL, 'effective', NULL, 'effective', '2022-01-26', true),
                           (501, 5, 2021, 'commission', 'revised', NULL, 'proper', NULL, 'satisfactory', '2022-01-26', true),
                           (502, 5, 2021, 'commission', 'revised', NULL, 'satisfactory', NULL, 'unsatisfactory', '2022-01-26', true)$$,
                  '§9b ¶37–39: the approval writes one commission decision per result, approved or revised, without a score');
SELECT is((SELECT d.document || ' | ' || d.decided_by FROM result_decision d WHERE d.employee_id = 401),
          'protocol No 4/1 of the evaluation commission meeting of 2022-01-25, approved on 2022-01-26 | the evaluation commission of body 4 (order No К-1 of 2022-01-10), by the chair''s vote on a tie; approved by employee 607 (Аким Областной)',
          'the decision names the protocol, the order and how the vote decided');
SELECT results_eq($$SELECT r.employee_id, r.gradation::text, r.final_state, r.final_gradation::text, r.final_on
                    FROM final_annual_result r JOIN sc ON r.employee_id IN (sc.a, sc.b, sc.c) ORDER BY 1$$,
                  $$VALUES (200::bigint, 'effective', 'decided', 'effective', date '2022-01-26'), (201, 'proper', 'decided', 'proper', '2022-01-26'),
                           (202, 'satisfactory', 'decided', 'unsatisfactory', '2022-01-26'),
                           (400, 'effective', 'decided', 'effective', '2022-01-26'), (401, 'proper', 'decided', 'effective', '2022-01-26'),
                           (402, 'satisfactory', 'decided', 'unsatisfactory', '2022-01-26'),
                           (500, 'effective', 'decided', 'effective', '2022-01-26'), (501, 'proper', 'decided', 'satisfactory', '2022-01-26'),
                           (502, 'satisfactory', 'decided', 'unsatisfactory', '2022-01-26')$$,
                  '§9b: the commission''s decision makes the KPI-count result final; the computed grade stays');
SELECT is((SELECT count(*)::int FROM final_annual_result WHERE body_id = 2 AND year = 2021 AND final_state = 'awaiting_commission'), 3,
          'the results the meeting did not vote on still await the commission');

-- ============ a commission decision is its approved protocol's, never written by hand ============
SELECT pg_temp.refused($$INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, gradation_after, decided_on, document, decided_by)
                         VALUES (203, 2, 2021, 'commission', 'approved', 'unsatisfactory', '2022-01-26', 'протокол № 9', 'комиссия')$$,
                       '23503', 'ocenka_commission_decision',
                       'employee 203 (Калиева Айгуль): a commission decision on 2021 must come from the approved protocol of a commission meeting of body 2 on that year',
                       'akmola-2018 ¶39', '§9b akmola-2018: a commission decision without a meeting behind it');
SELECT pg_temp.refused(format($$INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, gradation_after, decided_on, document, decided_by, source_id)
                                VALUES (%s, %s, 2021, 'commission', 'revised', 'proper', '2022-01-26', 'протокол', 'комиссия', %s)$$, c, body, meeting),
                       '23514', 'ocenka_commission_majority',
                       format('%s: the commission meeting of 2022-01-25 decided unsatisfactory (a majority) on 2021, not proper', who(c)),
                       cite_vote, format('§9b %s: a commission decision other than the grade its vote decided', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, gradation_after, decided_on, document, decided_by, source_id)
                                VALUES (%s, %s, 2021, 'commission', 'revised', 'proper', '2022-01-26', 'протокол', 'комиссия', %s)$$, b, body, meeting),
                       '23514', 'ocenka_commission_majority',
                       format('%s: the commission meeting of 2022-01-25 decided %s on 2021, not proper', who(b),
                              CASE body WHEN 2 THEN 'proper (a majority)' WHEN 4 THEN 'effective (the chair''s vote on a tie)' ELSE 'satisfactory (the chair''s vote on a tie)' END),
                       cite_vote, format('§9b %s: a tie decided otherwise than by the chair''s vote', m))
FROM sc WHERE body <> 2 ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, gradation_after, decided_on, document, decided_by, source_id)
                                VALUES (%s, %s, 2021, 'commission', 'revised', 'unsatisfactory', '2022-01-25', 'протокол', 'комиссия', %s)$$, c, body, meeting),
                       '23514', 'ocenka_commission_decision',
                       format('%s: the protocol of the commission meeting of 2022-01-25 on 2021 was approved on 2022-01-26, not 2022-01-25', who(c)),
                       cite_approval, format('§9b %s: a commission decision is of the day its protocol was approved', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, gradation_after, decided_on, document, decided_by, source_id)
                                VALUES (%s, %s, 2021, 'commission', 'revised', 'unsatisfactory', '2022-01-26', 'протокол', 'комиссия', %s)$$, c, body, meeting),
                       '23505', 'ocenka_commission_decided',
                       format('%s: the decision of the commission meeting of 2022-01-25 on 2021 is recorded already', who(c)),
                       cite_approval, format('§9b %s: a protocol decides once on each result', m))
FROM sc ORDER BY body;

-- ============ an approved protocol is the record ============
SELECT pg_temp.refused(format($$UPDATE commission_vote SET vote = 'approve', gradation = NULL WHERE meeting_id = %s AND employee_id = %s AND voter_id = 603$$, meeting, c),
                       '23514', 'ocenka_commission_approved',
                       format('body %s, 2021: the protocol of the commission meeting of 2022-01-25 was approved on 2022-01-26, so its votes can no longer change', body),
                       cite_approval, format('§9b %s: a vote of an approved protocol', m))
FROM sc ORDER BY body;
SELECT pg_temp.refused(format($$DELETE FROM commission_attendance WHERE meeting_id = %s AND employee_id = 604$$, meeting),
                       '23514', 'ocenka_commission_approved',
                       format('body %s, 2021: the protocol of the commission meeting of 2022-01-25 was approved on 2022-01-26, so its attendance can no longer change', body),
                       'akmola-2018 ¶39', format('§9b %s: the attendance of an approved protocol', m))
FROM sc WHERE body = 2;
SELECT pg_temp.refused(format($$UPDATE commission_meeting SET held_on = '2022-01-27' WHERE id = %s$$, meeting),
                       '23514', 'ocenka_commission_approved',
                       format('body %s, 2021: the protocol of the commission meeting of 2022-01-25 was approved on 2022-01-26, so its protocol can no longer change', body),
                       'akmola-2018 ¶39', format('§9b %s: an approved meeting', m))
FROM sc WHERE body = 2;
SELECT pg_temp.refused(format($$DELETE FROM commission_meeting WHERE id = %s$$, meeting),
                       '23001', 'ocenka_retention', 'the commission protocol of body 2, 2021, meeting of 2022-01-25 must be kept until 2025-01-26',
                       'methodology §11', '§11: an approved protocol is kept three years from its decisions')
FROM sc WHERE body = 2;
SELECT pg_temp.refused(format($$DELETE FROM commission_order WHERE id = %s$$, order_id),
                       '23001', 'ocenka_commission_order_used',
                       'order No К-1 of body 2: the commission meeting of 2022-01-25 on year 2021 sat in its composition, which is therefore kept',
                       'methodology §9b', '§9b: the order a meeting sat under is kept')
FROM sc WHERE body = 2;
SELECT pg_temp.refused(format($$UPDATE commission_member SET role = 'member' WHERE order_id = %s AND employee_id = 604$$, order_id),
                       '23514', 'ocenka_commission_order_used',
                       format('order No К-1 of body %s: the commission meeting of 2022-01-25 on year 2021 sat in its composition, which is therefore kept', body),
                       cite_replacement, format('§9b %s: the composition a meeting sat in', m))
FROM sc WHERE body = 2;
SELECT pg_temp.refused($$INSERT INTO commission_order (body_id, number, signed_on, valid_from, signed_by) VALUES (2, 'К-0', '2022-01-03', '2022-01-20', 607)$$,
                       '23514', 'ocenka_commission_order_used',
                       'order No К-0 of body 2 takes effect on 2022-01-20, on or before the commission meeting of 2022-01-25 on year 2021, held under order No К-1',
                       'akmola-2018 ¶31', '§9b ¶31: an order cannot displace the composition of a past meeting');

-- ============ an amending order (¶31): 6 voting members; exactly two thirds is a quorum ============
\o /dev/null
SELECT pg_temp.at('2022-02-01');
INSERT INTO commission_order (body_id, number, signed_on, valid_from, signed_by) VALUES (2, 'К-2', '2022-02-01', '2022-02-01', 607);
INSERT INTO commission_member SELECT o.id, m.employee_id, m.role FROM commission_order o, commission_member m, sc
WHERE o.number = 'К-2' AND sc.body = 2 AND m.order_id = sc.order_id;
\o
SELECT pg_temp.refused($$INSERT INTO commission_member SELECT id, 606, 'chair' FROM commission_order WHERE number = 'К-2'$$,
                       '23514', 'ocenka_commission_composition', 'order No К-2 of body 2 names 2 chairs: the commission has exactly one',
                       'akmola-2018 ¶5', '§9b: a second chair');
SELECT lives_ok($$INSERT INTO commission_member SELECT id, 606, 'member' FROM commission_order WHERE number = 'К-2'$$,
                '§9b ¶31: an amending order adds a sixth member');
SELECT results_eq($$SELECT employee_id, order_number, valid_from, valid_until FROM commission_membership WHERE body_id = 2 AND employee_id IN (600, 606) ORDER BY 3, 1$$,
                  $$VALUES (600::bigint, 'К-1', date '2022-01-10', date '2022-01-31'), (600, 'К-2', '2022-02-01', NULL), (606, 'К-2', '2022-02-01', NULL)$$,
                  'the changed order is history: К-1 was in force until the day before К-2');
SELECT lives_ok($$INSERT INTO commission_meeting (body_id, year, held_on, notified_on) VALUES (2, 2021, '2022-02-15', '2022-02-01')$$,
                '§9b: a second meeting of body 2 for the results not yet decided');
SELECT id AS m2 FROM commission_meeting WHERE held_on = '2022-02-15' \gset
SELECT is((SELECT o.number FROM commission_meeting x JOIN commission_order o ON o.id = x.order_id WHERE x.id = :m2), 'К-2',
          'it sits in the amended composition');
SELECT pg_temp.at('2022-02-15');
\o /dev/null
INSERT INTO commission_attendance VALUES (:m2, 600, true), (:m2, 601, true), (:m2, 602, true), (:m2, 605, true);
\o
SELECT pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, 203, 600, 'approve', NULL)$$, :m2),
                       '23514', 'ocenka_commission_quorum',
                       'employee 203 (Калиева Айгуль), 2021: 3 of the 6 voting members of the commission of body 2 are present at the meeting of 2022-02-15, fewer than two thirds',
                       'akmola-2018 ¶30', '§9b ¶30: 3 of 6 is no quorum (3 · 3 < 2 · 6)');
\o /dev/null
INSERT INTO commission_attendance VALUES (:m2, 606, true);
\o
SELECT lives_ok(format($$INSERT INTO commission_vote VALUES (%1$s, 203, 600, 'approve', NULL), (%1$s, 203, 601, 'approve', NULL),
                         (%1$s, 203, 602, 'approve', NULL), (%1$s, 203, 606, 'revise', 'satisfactory')$$, :m2),
                '§9b ¶30: 4 of 6 is exactly two thirds, a quorum (3 · 4 = 2 · 6)');
SELECT pg_temp.refused(format($$INSERT INTO commission_vote VALUES (%s, 200, 600, 'revise', 'proper')$$, :m2),
                       '23514', 'ocenka_commission_vote',
                       'employee 200 (Бекишев Тимур), 2021: the commission already decided on this result (meeting of 2022-01-25, protocol No 2/1)',
                       'akmola-2018 ¶43', '§9b: a result the commission decided on is not voted on again');
SELECT pg_temp.at('2022-02-16');
SELECT lives_ok(format($$UPDATE commission_meeting SET protocol_no = '2/2', approved_on = '2022-02-16', approved_by = 607 WHERE id = %s$$, :m2),
                '§9b ¶39: the second protocol is approved');
SELECT is((SELECT final_state || ' ' || final_gradation FROM final_annual_result WHERE employee_id = 203 AND year = 2021), 'decided unsatisfactory',
          'the second meeting decided on 203''s result');

-- ============ an appeal of the commission's decision (¶43): 10 working days ============
SELECT lives_ok($$INSERT INTO appeal (decision_id, filed_on, authority)
                  SELECT id, '2022-02-09', 'Агентство по делам государственной службы' FROM result_decision WHERE employee_id = 202$$,
                '§9b akmola-2018 ¶43: 202 appeals the commission''s decision on the tenth working day');
SELECT lives_ok($$UPDATE appeal SET outcome = 'revised', gradation_after = 'satisfactory', decided_on = '2022-02-16', document = 'решение № 5'
                  WHERE decision_id = (SELECT id FROM result_decision WHERE employee_id = 202 AND kind = 'commission')$$,
                'the authorised body revises it');
SELECT is(pg_temp.error_of($$INSERT INTO appeal (decision_id, filed_on, authority)
                             SELECT id, '2022-02-10', 'Агентство по делам государственной службы' FROM result_decision WHERE employee_id = 200$$) ->> 'constraint',
          'ocenka_appeal_deadline', '§9b akmola-2018 ¶43: an appeal on the eleventh working day is late');

-- ============ explain_annual_result shows the meeting ============
SELECT is(explain_annual_result(201, 2021) -> 'history' -> 'commission' -> 0 -> 'quorum',
          '{"members": 5, "present": 4, "rule": "at least two thirds of the voting members present (akmola-2018 ¶30): 3 · 4 ≥ 2 · 5", "met": true}'::jsonb,
          'explain_annual_result: the quorum of the meeting');
SELECT is(explain_annual_result(201, 2021) -> 'history' -> 'commission' -> 0 -> 'vote' -> 'decided_how',
          '"a tie of 2 against 2: the chair''s vote decides (akmola-2018 ¶32–33)"'::jsonb,
          'explain_annual_result: how the chair''s vote decided');
SELECT results_eq($$SELECT e ->> 'name', e ->> 'role', (e ->> 'present')::boolean, e ->> 'vote'
                    FROM jsonb_array_elements(explain_annual_result(201, 2021) -> 'history' -> 'commission' -> 0 -> 'members') e$$,
                  $$VALUES ('Жаксылыков Марат', 'chair', true, 'proper'), ('Омарова Алия', 'member', true, 'effective'),
                           ('Кенжебаев Руслан', 'member', true, 'proper'), ('Султанова Дина', 'member', true, 'effective'),
                           ('Ахметжанов Болат', 'member', false, NULL), ('Исаева Гаухар', 'secretary', true, NULL)$$,
                  'explain_annual_result: each member, present or not, and their vote');
SELECT is((explain_annual_result(401, 2021) -> 'history' -> 'commission' -> 0 -> 'decision') - 'rule' - 'id',
          '{"outcome": "revised", "decided_on": "2022-01-26", "gradation_after": "effective", "gradation_before": "proper"}',
          'explain_annual_result: the decision the commission made');
SELECT is(jsonb_build_object('state', explain_annual_result(401, 2021) #> '{final,state}', 'gradation', explain_annual_result(401, 2021) #> '{final,gradation}'),
          '{"state": "decided", "gradation": "effective"}', 'explain_annual_result: the final grade after the commission');
SELECT is(jsonb_build_object('appeal', explain_annual_result(202, 2021) #> '{history,appeals,0,outcome}',
                             'final', explain_annual_result(202, 2021) #> '{final,gradation}'),
          '{"appeal": "revised", "final": "satisfactory"}', 'explain_annual_result: the appeal of the commission''s decision and the final grade it gave');
SELECT is(explain_annual_result(202, 2021) -> 'history' -> 'commission' -> 0 -> 'vote' ->> 'decided_how',
          '3 of the 4 voting members present voted for unsatisfactory, more than half (akmola-2018 ¶32–33)',
          'explain_annual_result: how the majority decided');

-- ============ audit ============
RESET ROLE;
SET ROLE ocenka_test_dba;
SELECT results_eq($$SELECT table_name, operation::text, body_id, year, sum(row_count)::int FROM audit_log
                    WHERE table_name LIKE 'commission%' AND body_id = 5 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2$$,
                  $$VALUES ('commission_attendance', 'INSERT', 5::bigint, 2021, 6), ('commission_attendance', 'UPDATE', 5, 2021, 1),
                           ('commission_meeting', 'INSERT', 5, 2021, 1), ('commission_meeting', 'UPDATE', 5, 2021, 1),
                           ('commission_vote', 'INSERT', 5, 2021, 12), ('commission_vote', 'UPDATE', 5, 2021, 3)$$,
                  'every change to the commission''s records is audited under the body and the year');
RESET ROLE;
SET ROLE ocenka_test_hr_officer;

-- ============ retention: purge_expired removes the commission's records three years after the decisions ============
RESET ROLE;
SET ROLE ocenka_test_dba;
SELECT pg_temp.at('2025-02-17');
SELECT results_eq($$SELECT table_name, deleted::int FROM purge_expired() WHERE table_name LIKE 'commission%' ORDER BY 1$$,
                  $$VALUES ('commission_attendance', 23), ('commission_meeting', 4), ('commission_order', 1), ('commission_vote', 40)$$,
                  '§11: three years after the last decision the meetings of 2021 go with their attendance and votes, and the order К-1 of body 2, replaced by К-2 on 2022-02-01');
SELECT results_eq($$SELECT body_id, number, (SELECT count(*)::int FROM commission_member m WHERE m.order_id = o.id) FROM commission_order o ORDER BY 1$$,
                  $$VALUES (2::bigint, 'К-2', 7), (4, 'К-1', 6), (5, 'К-1', 6)$$, '§11: the orders in force stay, with their members');
RESET ROLE;
SET ROLE ocenka_test_hr_officer;

-- ============ late entry: a short notice, recorded with a reason (last: late entry lasts the transaction) ============
SELECT pg_temp.at('2022-03-01');
SELECT lives_ok($$SELECT begin_late_entry('приказ № 9: отчётность о графике восстановлена')$$, 'HR begins late entry');
SELECT lives_ok($$INSERT INTO commission_meeting (body_id, year, held_on, notified_on) VALUES (5, 2021, '2022-03-01', '2022-02-28')$$,
                '§9b legacy-2021 ¶56: a meeting noticed one working day ahead is recorded late, with the reason');
RESET ROLE;
SET ROLE ocenka_test_dba;
SELECT is((SELECT mode || ': ' || reason FROM audit_log WHERE table_name = 'commission_meeting' AND operation = 'INSERT' ORDER BY id DESC LIMIT 1),
          'late_entry: приказ № 9: отчётность о графике восстановлена', 'the audit log keeps the reason');

SELECT * FROM finish();
ROLLBACK;
