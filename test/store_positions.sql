-- pgTAP: holes found on the way (issue 12 item 8) — the position held at the period's end when two
-- appointments overlap (§6; secondment, wko-2026 ¶3; acting duties), an edition dated before its
-- methodology came into force, and additional evaluators only above the thresholds (typical-2023 ¶31,
-- wko-2026 ¶17).
BEGIN;
SET search_path = ocenka, public;
SELECT plan(22);
\ir fixture/store.sql

-- bodies 5 and 6 apply typical-2023 (2025) and wko-2026 from 2026-05-05; 501 holds her own position in
-- body 5 from 2020 and is seconded to body 6 from 2025-08-15 to 2025-11-20 (the issue's example);
-- 502 holds two positions in body 5, the second shorter one ending inside 2025-Q4; 503 is seconded to
-- body 6 from 2026-05-15 to 2026-08-20 under wko-2026; 504 acts as unit head besides her own position
\o /dev/null
INSERT INTO body (id, name, code) VALUES (5, 'Орган 5 (тест)', 'T-5'), (6, 'Орган 6 (тест)', 'T-6');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES
	(5, '2023-08-03', 'typical-2023', NULL), (6, '2023-08-03', 'typical-2023', NULL),
	(5, '2026-05-05', 'wko-2026', NULL), (6, '2026-05-05', 'wko-2026', NULL);
INSERT INTO unit (id, body_id, name) VALUES (5, 5, 'Отдел 5'), (6, 6, 'Отдел 6');
INSERT INTO employee (id, full_name) VALUES (501, 'Жумабекова Алия'), (502, 'Сейтказиев Марат'),
	(503, 'Омарова Лаура'), (504, 'Исаева Гаухар');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on, ended_on, seconded_from) VALUES
	(501, 5, 5, 'Главный специалист', 'C-O-5', false, '2020-02-01', NULL, NULL),
	(501, 6, 6, 'Главный специалист', 'C-O-5', false, '2025-08-15', '2025-11-20', 5),
	(502, 5, 5, 'Главный специалист', 'C-O-5', false, '2020-02-01', NULL, NULL),
	(502, 5, 5, 'Эксперт проекта', 'C-O-5', false, '2025-09-01', '2025-11-20', NULL),
	(503, 5, 5, 'Главный специалист', 'C-O-5', false, '2020-02-01', NULL, NULL),
	(503, 6, 6, 'Главный специалист', 'C-O-5', false, '2026-05-15', '2026-08-20', 5);
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on, ended_on, acting) VALUES
	(504, 5, 5, 'Главный специалист', 'C-O-5', false, '2020-02-01', NULL, false),
	(504, 5, 5, 'Руководитель отдела', 'C-O-3', true, '2025-10-06', NULL, true);
\o

-- ---------- the position held at the end of the period (§6) ----------
SELECT results_eq(
	$$SELECT employee_id, body_id, position_start, position_end, category, is_head, reason FROM (
	    SELECT p.* FROM ocenka.bodies_plan(ARRAY[5, 6]::bigint[], '2025-10-01', '2025-12-31', ARRAY[501, 502, 504]::bigint[]) p
	    UNION ALL SELECT p.* FROM ocenka.bodies_plan(ARRAY[5, 6]::bigint[], '2025-07-01', '2025-09-30', ARRAY[501, 502]::bigint[]) p
	    UNION ALL SELECT p.* FROM ocenka.bodies_plan(ARRAY[5, 6]::bigint[], '2025-01-01', '2025-12-31', ARRAY[501, 502, 504]::bigint[]) p) x
	  ORDER BY position_end, position_start, employee_id$$,
	$$VALUES (501::bigint, 6::bigint, '2025-08-15'::date, '2025-09-30'::date, 'C-O-5', false, NULL::text),
	         (502, 5, '2025-09-01', '2025-09-30', 'C-O-5', false, NULL),
	         (501, 5, '2025-01-01', '2025-12-31', 'C-O-5', false, NULL),
	         (502, 5, '2025-01-01', '2025-12-31', 'C-O-5', false, NULL),
	         (504, 5, '2025-01-01', '2025-12-31', 'C-O-5', false, NULL),
	         (501, 5, '2025-10-01', '2025-12-31', 'C-O-5', false, NULL),
	         (502, 5, '2025-10-01', '2025-12-31', 'C-O-5', false, NULL),
	         (504, 5, '2025-10-01', '2025-12-31', 'C-O-5', false, NULL)$$,
	'2025-Q3: the seconded 501 by the receiving body 6 (wko-2026 ¶3); 2025-Q4 and the year: by body 5, on the own position that continues (§6), as 502, whose shorter second position ended inside the quarter, and 504, whose acting duties do not replace her own position');

SELECT results_eq(
	$$SELECT employee_id, body_id FROM ocenka.year_end_bodies(ARRAY[501, 502, 503, 504]::bigint[], 2025) ORDER BY 1$$,
	$$VALUES (501::bigint, 5::bigint), (502, 5), (503, 5), (504, 5)$$,
	'the 2025 final of everyone belongs to body 5, where each ended the year in their own position');
SELECT results_eq(
	$$SELECT q, body_id, methodology, position_start, position_end, worked_days, reason, form FROM (
	    SELECT '2026-Q2' AS q, p.* FROM ocenka.bodies_plan(ARRAY[5, 6]::bigint[], '2026-04-01', '2026-06-30', ARRAY[503]::bigint[]) p
	    UNION ALL SELECT '2026-Q3', p.* FROM ocenka.bodies_plan(ARRAY[5, 6]::bigint[], '2026-07-01', '2026-09-30', ARRAY[503]::bigint[]) p) x
	  ORDER BY q$$,
	$$VALUES ('2026-Q2', 6::bigint, 'wko-2026', '2026-05-15'::date, '2026-06-30'::date, 33, NULL::text, 'wko-non-leadership'),
	         ('2026-Q3', 5, 'wko-2026', '2026-07-01', '2026-09-30', 64, NULL, 'wko-non-leadership')$$,
	'wko-2026: the seconded 503 is evaluated for 2026-Q2 by the receiving body 6 on the secondment''s weeks (¶3), for 2026-Q3 by body 5 on her own position');
SELECT is(ocenka.working_days_between('2026-05-14', '2026-06-30'), 33, 'the secondment''s working days in 2026-Q2');

SET ROLE ocenka_test_clerk;
SELECT pg_temp.at('2025-12-20');
SELECT * FROM pg_temp.refused(
	$$INSERT INTO ocenka.sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
	  VALUES (501, '2025-Q4', 6, 'typical-2023', 'ranking', 'typical-ranking', 100)$$,
	'23514', 'employee 501 (Жумабекова Алия): not evaluated for 2025-Q4: did not hold a position in the body during the period',
	'the receiving body cannot evaluate 2025-Q4: the secondment ended on 2025-11-20 (§6)');
RESET ROLE;

-- ---------- closing 2025: 501's 2025-Q3 in body 6, 2025-Q4 and the year in body 5 ----------
\o /dev/null
INSERT INTO employee (id, full_name) VALUES (509, 'Начальник отдела 5'), (690, 'Начальник отдела 6');
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from, valid_until)
SELECT e, 509, 'unit_head', '2020-02-01'::date, NULL::date FROM unnest(ARRAY[501, 502, 503, 504]) e
UNION ALL SELECT 501, 690, 'unit_head', '2025-08-15', '2025-11-20';
SELECT pg_temp.complete(b, q, d, true)
FROM (VALUES ('2025-Q1'::ocenka.quarter, '2025-04-05'::date), ('2025-Q2', '2025-07-05'), ('2025-Q3', '2025-10-05'),
             ('2025-Q4', '2026-01-05')) AS t(q, d), unnest(ARRAY[5, 6]) b
ORDER BY d, b;
SELECT pg_temp.at('2026-01-20');
CALL close_year(5, 2025);
\o
SELECT results_eq(
	$$SELECT q::text, body_id, status, score::numeric, (SELECT evaluator_id FROM ocenka.sheet s WHERE s.id = r.sheet_id)
	  FROM ocenka.quarter_result r WHERE employee_id = 501 ORDER BY q$$,
	$$VALUES ('2025-Q1', 5::bigint, 'evaluated', 4.00, 509::bigint), ('2025-Q2', 5, 'evaluated', 4.00, 509),
	         ('2025-Q3', 6, 'evaluated', 4.00, 690), ('2025-Q4', 5, 'evaluated', 4.00, 509)$$,
	'501''s quarters: 2025-Q3 closed by the receiving body 6 and its evaluator, 2025-Q4 by body 5, where she ended it');
SELECT results_eq(
	$$SELECT employee_id, body_id, status, quarters::int, score::numeric FROM ocenka.annual_result WHERE employee_id IN (501, 502, 504) ORDER BY 1$$,
	$$VALUES (501::bigint, 5::bigint, 'evaluated', 4, 4.00), (502, 5, 'evaluated', 4, 4.00), (504, 5, 'evaluated', 4, 4.00)$$,
	'the 2025 finals belong to body 5 and cover the four quarters, the one in body 6 among them');

-- ---------- an edition applies only while its methodology is in force (§5) ----------
SELECT throws_ok($$INSERT INTO ocenka.body_edition (body_id, valid_from, methodology) VALUES (6, '2020-01-01', 'wko-2026')$$,
	'23514', 'body 6 cannot apply wko-2026 from 2020-01-01: wko-2026 came into force on 2026-05-05',
	'a body cannot apply wko-2026 from 2020');
SELECT is(pg_temp.error_of($$INSERT INTO ocenka.body_edition (body_id, valid_from, methodology) VALUES (6, '2026-05-04', 'wko-2026')$$)
          - 'message',
	jsonb_build_object('sqlstate', '23514', 'constraint', 'ocenka_edition_in_force_dates',
	                   'detail', 'An edition applies to a body only while its methodology is in force: wko-2026 (West Kazakhstan oblast akimat resolution No 53 of 15.03.2018, edition of 05.05.2026 No 107) is in force from 2026-05-05, and a period is evaluated under the edition in force for it (methodology §5).'),
	'… nor from the day before it came into force: the rule''s name and the paragraph');
SELECT throws_ok($$UPDATE ocenka.body_edition SET valid_from = '2023-01-01' WHERE body_id = 5 AND valid_from = '2023-08-03'$$,
	'23514', 'body 5 cannot apply typical-2023 from 2023-01-01: typical-2023 came into force on 2023-08-03',
	'nor move an edition before it came into force');
SELECT throws_ok($$INSERT INTO ocenka.body_edition (body_id, valid_from, methodology) VALUES (6, '2022-04-01', 'akmola-2018')$$,
	'23514', 'body 6 cannot apply akmola-2018 from 2022-04-01: akmola-2018 ceased to apply after 2022-03-15',
	'nor apply akmola-2018 after it was revoked');
SELECT is((SELECT count(*)::int FROM ocenka.body_edition WHERE body_id IN (5, 6)), 4, 'the refused editions wrote nothing');
SELECT lives_ok($$INSERT INTO ocenka.body_edition (body_id, valid_from, methodology) VALUES (6, '2018-07-26', 'vsk-2018')$$,
	'an edition from the day its methodology came into force is accepted');

-- ---------- additional evaluators (typical-2023 ¶31, wko-2026 ¶17) ----------
-- body 5's unit 5 has 4 servants in 2025; body 6's evaluator 599 evaluates 600 … 619 (20) from 2026-06-01
\o /dev/null
INSERT INTO employee (id, full_name) SELECT i, format('Сотрудник %s', i) FROM generate_series(599, 620) i;
INSERT INTO employee (id, full_name) SELECT i, format('Сотрудник %s', i) FROM generate_series(700, 746) i;
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, started_on)
SELECT i, 6, 6, 'Главный специалист', 'C-O-5', '2024-01-10' FROM generate_series(599, 620) i;
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from)
SELECT i, 599, 'unit_head', '2026-06-01' FROM generate_series(600, 619) i;
\o
SELECT throws_ok($$INSERT INTO ocenka.evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (502, 501, 'additional', '2025-03-01')$$,
	'23514', 'employee 501 (Жумабекова Алия) cannot be an additional evaluator of employee 502 (Сейтказиев Марат) from 2025-03-01: unit 5 has 4 corps B servants, not more than 50',
	'typical-2023: no additional evaluator in a unit of 4');
SELECT is(pg_temp.error_of($$INSERT INTO ocenka.evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (502, 501, 'additional', '2025-03-01')$$)
          ->> 'detail',
	'Others chosen by the evaluator may also evaluate only when the structural unit has more than fifty corps B servants (typical-2023 ¶31).',
	'… citing ¶31');
SELECT throws_ok($$INSERT INTO ocenka.evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (600, 620, 'additional', '2026-06-01')$$,
	'23514', 'employee 620 (Сотрудник 620) cannot be an additional evaluator of employee 600 (Сотрудник 600) from 2026-06-01: their evaluator has 20 evaluatees, not more than 20',
	'wko-2026: no additional evaluator for an evaluator of 20');
SELECT throws_ok($$INSERT INTO ocenka.evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (201, 202, 'additional', '2021-03-01')$$,
	'23514', 'employee 202 (Абенова Жанар) cannot be an additional evaluator of employee 201 (Досанова Камила) from 2021-03-01: akmola-2018 provides no additional evaluators',
	'akmola-2018: the direct supervisor alone');
SELECT throws_ok($$UPDATE ocenka.evaluator SET role = 'additional' WHERE evaluatee_id = 600$$,
	'23514', 'employee 599 (Сотрудник 599) cannot be an additional evaluator of employee 600 (Сотрудник 600) from 2026-06-01: their evaluator has 0 evaluatees, not more than 20',
	'nor by turning an assignment into an additional one');
SELECT is((SELECT count(*)::int FROM ocenka.evaluator WHERE role = 'additional'), 0, 'the refused assignments wrote nothing');
SELECT lives_ok($$INSERT INTO ocenka.evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (620, 599, 'unit_head', '2026-06-01'), (600, 620, 'additional', '2026-06-01')$$,
	'wko-2026: an evaluator of 21 may have additional evaluators beside them');
SELECT lives_ok($$INSERT INTO ocenka.appointment (employee_id, body_id, unit_id, position, category, started_on)
                 SELECT i, 5, 5, 'Главный специалист', 'C-O-5', '2024-01-10' FROM generate_series(700, 746) i;
                 INSERT INTO ocenka.evaluator (evaluatee_id, evaluator_id, role, valid_from) VALUES (502, 501, 'additional', '2025-03-01')$$,
	'typical-2023: a unit of 51 may have additional evaluators');

SELECT * FROM finish();
ROLLBACK;
