-- Part of scripts/forms-check: a calibration session and a commission meeting to print, written by the
-- superuser with the entry rules off (session_replication_role = replica) into the generated body's
-- database. The calibration session reviews one of the generated typical-2023 results; the commission is
-- a body of akmola-2018 reviewing 2021, with a tie the chair decides, a majority revising and an absent
-- member. The rules that would write these rows are tested in test/cycle_calibration.sql and
-- test/cycle_commission.sql; here they are only printed.
\set ON_ERROR_STOP 1
SET search_path = ocenka, public;
SET session_replication_role = replica;

-- the calibration session on the first evaluated typical-2023 ranking result: three other people of the body as members,
-- a fourth as the official who ordered it
CREATE TEMP TABLE cal AS
SELECT r.employee_id, r.q, r.body_id, r.score, s.evaluator_id,
       ARRAY(SELECT a.employee_id FROM appointment a WHERE a.body_id = r.body_id AND a.employee_id NOT IN (r.employee_id, s.evaluator_id)
             ORDER BY a.employee_id LIMIT 4) AS members
FROM quarter_result r JOIN sheet s ON s.id = r.sheet_id
WHERE r.status = 'evaluated' AND r.methodology = 'typical-2023' AND r.method = 'ranking'
ORDER BY r.q DESC, r.employee_id LIMIT 1;
INSERT INTO calibration_application (id, employee_id, body_id, q, filed_on, addressed_to, grounds)
SELECT 9001, employee_id, body_id, q, ocenka.last_day(q) + 14, members[4], 'не согласен с оценкой' FROM cal;
INSERT INTO calibration_session (id, application_id, ordered_on, ordered_by, order_document, held_on, evaluator_heard, evaluator_argument,
                                 applicant_argument, protocol_signed_on, protocol_document)
SELECT 9001, 9001, ocenka.last_day(q) + 15, members[4], 'приказ № 7-к', ocenka.last_day(q) + 22, true,
       'Оценивающее лицо привело сроки исполнения поручений', 'Служащий указал на выполненный план <работ> & отчёты',
       ocenka.last_day(q) + 22, 'протокол № 3' FROM cal;
INSERT INTO calibration_member SELECT 9001, m, n = 3 FROM cal, unnest(members[1:3]) WITH ORDINALITY AS x(m, n);
INSERT INTO calibration_vote SELECT 9001, m, CASE WHEN n < 3 THEN least(score + 0.50, 5.00) ELSE score END FROM cal, unnest(members[1:3]) WITH ORDINALITY AS x(m, n);
INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_before, gradation_before, score_after, gradation_after,
                             decided_on, document, decided_by, source_id, recorded_on)
SELECT employee_id, body_id, q, 'calibration', 'revised', score, ocenka.gradation(score), least(score + 0.50, 5.00),
       ocenka.gradation(least(score + 0.50, 5.00)::ocenka.score), ocenka.last_day(q) + 22, 'протокол № 3', 'calibration session 9001', 9001,
       ocenka.last_day(q) + 23
FROM cal;

-- the commission: a body of akmola-2018, six evaluatees (the first named with markup), six in its composition
INSERT INTO body (id, name, code) VALUES (9001, 'Аппарат областного маслихата (forms-check)', 'FC-1');
INSERT INTO body_edition (body_id, valid_from, methodology) VALUES (9001, '2018-04-04', 'akmola-2018');
INSERT INTO employee (id, full_name) VALUES
	(9001, :'evil'), (9002, 'Аханов Марат Серикович'), (9003, 'Жумабекова Алия Ерлановна'), (9004, 'Нурланов Ерлан Болатович'),
	(9005, 'Сагинтаева Динара Маратовна'), (9006, 'Тулеуов Азамат Канатович'),
	(9011, 'Абаев Арман Нурланович'), (9012, 'Бекова Алия Сериковна'), (9013, 'Ванов Вадим Петрович'), (9014, 'Гусев Глеб Олегович'),
	(9015, 'Дулатов Дамир Аскарович'), (9016, 'Сейтова Сауле Бекетовна'), (9017, 'Исмаилов Кайрат Ержанович');
INSERT INTO appointment (employee_id, body_id, position, category, is_head, started_on)
SELECT id, 9001, CASE WHEN id % 2 = 0 THEN 'Главный специалист' ELSE 'Ведущий специалист' END, 'E-4', false, '2019-01-10'
FROM employee WHERE id BETWEEN 9001 AND 9006;
INSERT INTO commission_order (id, body_id, number, signed_on, valid_from, signed_by) VALUES (9001, 9001, '12-р', '2021-01-05', '2021-01-10', 9017);
INSERT INTO commission_member VALUES (9001, 9011, 'chair'), (9001, 9012, 'member'), (9001, 9013, 'member'), (9001, 9014, 'member'),
	(9001, 9015, 'member'), (9001, 9016, 'secretary');
INSERT INTO annual_result (employee_id, year, body_id, methodology, rule, status, kpi_achieved, kpi_total, gradation, completed_on)
SELECT id, 2021, 9001, 'akmola-2018', 'kpi_count', 'evaluated', k, 5, (ARRAY['unsatisfactory', 'satisfactory', 'satisfactory', 'proper', 'effective', 'effective']::gradation[])[k + 1],
       '2022-01-10'
FROM (SELECT id, (ARRAY[5, 4, 3, 4, 2, 5])[id - 9000] AS k FROM employee WHERE id BETWEEN 9001 AND 9006) e;
INSERT INTO commission_meeting (id, body_id, year, held_on, notified_on, order_id, protocol_no, approved_on, approved_by)
VALUES (9001, 9001, 2021, '2022-01-25', '2022-01-14', 9001, '1', '2022-01-26', 9017);
INSERT INTO commission_attendance VALUES (9001, 9011, true), (9001, 9012, true), (9001, 9013, true), (9001, 9014, true), (9001, 9015, false),
	(9001, 9016, true);
-- everyone approves, except: 9002 a tie the chair decides (revise to satisfactory), 9004 a majority revising to proper
INSERT INTO commission_vote
SELECT 9001, e, v, CASE WHEN e = 9002 AND v IN (9011, 9012) THEN 'revise' WHEN e = 9004 AND v <> 9011 THEN 'revise' ELSE 'approve' END,
       CASE WHEN e = 9002 AND v IN (9011, 9012) THEN 'satisfactory'::gradation WHEN e = 9004 AND v <> 9011 THEN 'proper' END
FROM generate_series(9001, 9006) e, unnest(ARRAY[9011, 9012, 9013, 9014]) v;
INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, gradation_before, gradation_after, decided_on, document, decided_by, source_id, recorded_on)
SELECT t.employee_id, 9001, 2021, 'commission', CASE WHEN t.decided = t.computed THEN 'approved' ELSE 'revised' END, t.computed, t.decided,
       '2022-01-26', 'protocol No 1', 'the commission', 9001, '2022-01-26'
FROM commission_tally(ARRAY[9001::bigint]) t;
SET session_replication_role = origin;
