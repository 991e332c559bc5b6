-- pgTAP: closing periods (methodology §2–§8) — close_quarter and close_year refuse with the exact list of
-- what is missing and change nothing, then write exact results (scores, gradations, reasons, caps, annual
-- means, the KPI count rule, 360 means), are idempotent, and explain_result, explain_text and explain_annual_result tell why.
-- Periods are closed by ocenka_test_dba, an administrator without superuser rights.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(101);
\ir fixture/store.sql

-- the scores evaluators give where not the default (4 per parameter, 5 for wko's no-penalty parameter,
-- the default grade of each KPI)
INSERT INTO fixture_scores VALUES
	(103, '2025-Q1', '{5,5,4,4}'), (103, '2025-Q2', '{4,4,4,3}'), (103, '2025-Q3', '{3,3,3,3}'),
	(104, '2025-Q3', '{5,5,5,5}'),
	(114, '2025-Q3', '{4.5,4.5,4.5,4.5}'), (114, '2025-Q4', '{3.5,3.5,3.5,3.49}'),
	(102, '2025-Q4', '{4.99,5,1.49,3.74}'),
	(103, '2026-Q1', '{3,3,3,3}'),
	(103, '2026-Q2', '{4,4,4,4,2}'), (104, '2026-Q2', '{5,5,5,5,2}'), (105, '2026-Q2', '{2,2,2,2,1}');
-- a helper for explain_result: the given fields of a jsonb object
CREATE FUNCTION pg_temp.fields(j jsonb, k text[]) RETURNS jsonb LANGUAGE sql IMMUTABLE
	AS $$ SELECT jsonb_object_agg(key, j -> key) FROM unnest(k) AS key $$;

-- a transfer: 115 leaves body 1 on 2025-06-30 for body 3 (typical-2023), whose head 300 is corps A
\o /dev/null
INSERT INTO body (id, name, code) VALUES (3, 'Аппарат акима города (тест)', 'T-3');
INSERT INTO body_edition (body_id, valid_from, methodology, act) VALUES (3, '2023-08-03', 'typical-2023', 'edition of 03.08.2023 No 84');
INSERT INTO unit (id, body_id, name) VALUES (4, 3, 'Отдел 4');
INSERT INTO employee (id, full_name) VALUES (115, 'Ахметова Сауле'), (300, 'Аким Городов'), (301, 'Заместитель Городов');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on, ended_on) VALUES
	(115, 1, 1, 'Главный специалист', 'E-4', false, '2024-01-10', '2025-06-30'),
	(115, 3, 4, 'Главный специалист', 'E-4', false, '2025-07-01', NULL);
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from, valid_until) VALUES
	(115, 102, 'unit_head', '2024-01-10', '2025-06-30'), (115, 300, 'unit_head', '2025-07-01', NULL),
	(115, 301, 'deputy', '2025-07-01', NULL);
-- 300 is away for part of 2025-Q3's entry window (10-01 … 10-10) and for all of 2025-Q4's (01-01 … 01-10)
INSERT INTO absence (employee_id, kind, first_day, last_day) VALUES
	(300, 'annual_leave', '2025-10-01', '2025-10-05'), (300, 'sick_leave', '2025-12-29', '2026-01-12');
INSERT INTO fixture_scores VALUES
	(115, '2025-Q1', '{5,5,5,5}'), (115, '2025-Q2', '{4,4,4,4}'), (115, '2025-Q3', '{3,3,3,3}'), (115, '2025-Q4', '{2,2,2,2}');
\o

SET ROLE ocenka_test_dba;

-- ============ 2026-Q1 (typical-2023): incomplete, then complete ============
\o /dev/null
SELECT pg_temp.at('2026-04-05');
SELECT open_sheets(1, '2026-Q1');
DELETE FROM sheet WHERE employee_id = 114 AND q = '2026-Q1';
DELETE FROM kpi WHERE employee_id = 101 AND year = 2026 AND no = 3;
INSERT INTO item (sheet_id, no, form, score)
SELECT id, n, 'typical-ranking', 3 FROM sheet, generate_series(1, 2) n WHERE employee_id = 103 AND q = '2026-Q1';
SELECT pg_temp.fill(1, '2026-Q1');
DELETE FROM item WHERE no = 4 AND sheet_id = (SELECT id FROM sheet WHERE employee_id = 102 AND q = '2026-Q1');
\o
CREATE TEMP TABLE census_before AS SELECT pg_temp.census() AS c;
SELECT is(pg_temp.error_of($$CALL close_quarter(1, '2026-Q1')$$),
          jsonb_build_object('sqlstate', '23514', 'message', 'quarter 2026-Q1 of body 1 cannot be closed: 4 gaps remain',
                             'detail', E'employee 101 (Ахметов Айдар): the 2026 KPI plan has 2 KPIs, typical-2023 needs 3 to 5\n'
              'employee 102 (Байжанова Асель): KPIs 4 not scored\n'
              'employee 103 (Сериков Ерлан): parameters 3, 4 not scored\n'
              'employee 114 (Ермекова Айгерим): no sheet', 'constraint', 'ocenka_complete_evaluation'),
          '§5 close_quarter refuses an incomplete quarter, listing exactly what is missing');
SELECT is(pg_temp.census(), c, 'a refused close_quarter changes nothing') FROM census_before;

\o /dev/null
INSERT INTO kpi (employee_id, body_id, year, no, name, unit_of_measure, direction)
VALUES (101, 1, 2026, 3, 'Освоение бюджетных средств', '%', 'increase');
INSERT INTO kpi_target (kpi_id, q, plan, actual) SELECT id, '2026-Q1', 50, 45 FROM kpi WHERE employee_id = 101 AND year = 2026 AND no = 3;
INSERT INTO item (sheet_id, no, form, score, kpi_id, percent)
SELECT s.id, 3, 'kpi', 4.5, k.id, 90 FROM sheet s, kpi k
WHERE s.employee_id = 101 AND s.q = '2026-Q1' AND k.employee_id = 101 AND k.year = 2026 AND k.no = 3;
INSERT INTO item (sheet_id, no, form, score, kpi_id, percent)
SELECT s.id, 4, 'kpi', 3.5, k.id, 70 FROM sheet s, kpi k
WHERE s.employee_id = 102 AND s.q = '2026-Q1' AND k.employee_id = 102 AND k.year = 2026 AND k.no = 4;
INSERT INTO item (sheet_id, no, form, score)
SELECT id, n, 'typical-ranking', 3 FROM sheet, generate_series(3, 4) n WHERE employee_id = 103 AND q = '2026-Q1';
SELECT open_sheets(1, '2026-Q1');
SELECT pg_temp.fill(1, '2026-Q1');
\o
SELECT lives_ok($$CALL close_quarter(1, '2026-Q1')$$, 'once complete, 2026-Q1 closes');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, status, reason, method, form, mean::numeric, cap::numeric, score::numeric, gradation::text,
	         completed_on FROM quarter_result WHERE body_id = 1 AND q = '2026-Q1' ORDER BY 1$$,
	$$VALUES (101, 'typical-2023', 'evaluated', NULL::text, 'kpi', 'kpi', 4.55, NULL::numeric, 4.55, 'effective', date '2026-04-05'),
	         (102, 'typical-2023', 'evaluated', NULL, 'kpi', 'kpi', 3.63, NULL, 3.63, 'proper', '2026-04-05'),
	         (103, 'typical-2023', 'evaluated', NULL, 'ranking', 'typical-ranking', 3.00, NULL, 3.00, 'proper', '2026-04-05'),
	         (104, 'typical-2023', 'evaluated', NULL, 'ranking', 'typical-ranking', 4.00, NULL, 4.00, 'effective', '2026-04-05'),
	         (105, 'typical-2023', 'evaluated', NULL, 'ranking', 'typical-ranking', 4.00, NULL, 4.00, 'effective', '2026-04-05'),
	         (106, 'typical-2023', 'not_evaluated', 'tenure', NULL, NULL, NULL, NULL, NULL, NULL, '2026-04-05'),
	         (109, 'typical-2023', 'evaluated', NULL, 'ranking', 'typical-ranking', 4.00, NULL, 4.00, 'effective', '2026-04-05'),
	         (110, 'typical-2023', 'evaluated', NULL, 'ranking', 'typical-ranking', 4.00, NULL, 4.00, 'effective', '2026-04-05'),
	         (111, 'typical-2023', 'evaluated', NULL, 'ranking', 'typical-ranking', 4.00, NULL, 4.00, 'effective', '2026-04-05'),
	         (114, 'typical-2023', 'evaluated', NULL, 'ranking', 'typical-ranking', 4.00, NULL, 4.00, 'effective', '2026-04-05')$$,
	'§3, §4a, §6: 2026-Q1 results — KPI means (4.5533 → 4.55, 3.625 → 3.63), rankings, no cap for 103''s remark under typical-2023, 106 not evaluated (tenure)');
SELECT results_eq(
	$$SELECT closed_by::text COLLATE "default", completed_on, methodology FROM quarter_status WHERE body_id = 1 AND q = '2026-Q1'$$,
	$$VALUES ('ocenka_test_dba', date '2026-04-05', 'typical-2023')$$,
	'the quarter is closed, by whom and on which day (retention counts from it)');
CREATE TEMP TABLE census_closed AS SELECT pg_temp.census() - 'close_run' AS c;
SELECT lives_ok($$CALL close_quarter(1, '2026-Q1')$$, 'closing a closed quarter again succeeds');
SELECT results_eq(
	$$SELECT procedure, period, outcome, evaluated, not_evaluated, run_by::text COLLATE "default" FROM close_run WHERE body_id = 1 AND period = '2026-Q1' ORDER BY id$$,
	$$VALUES ('close_quarter', '2026-Q1', 'closed', 9, 1, 'ocenka_test_dba'), ('close_quarter', '2026-Q1', 'already_closed', 9, 1, 'ocenka_test_dba')$$,
	'the second call is recorded as already_closed');
SELECT is(pg_temp.census() - 'close_run', c, 'the second call writes no result and changes nothing else') FROM census_closed;

-- ============ 2026-Q2 (wko-2026): disciplinary caps (§4b) ============
\o /dev/null
SELECT pg_temp.complete(1, '2026-Q2', '2026-07-20', false);
\o
SELECT lives_ok($$CALL close_quarter(1, '2026-Q2')$$, '2026-Q2 closes on its deadline, the 20th');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, form, mean::numeric, cap::numeric, score::numeric, gradation::text
	  FROM quarter_result WHERE body_id = 1 AND q = '2026-Q2' ORDER BY 1$$,
	$$VALUES (101, 'wko-2026', 'wko-leadership', 4.20, NULL::numeric, 4.20, 'effective'),
	         (102, 'wko-2026', 'wko-leadership', 4.20, NULL, 4.20, 'effective'),
	         (103, 'wko-2026', 'wko-non-leadership', 3.60, 2.99, 2.99, 'satisfactory'),
	         (104, 'wko-2026', 'wko-non-leadership', 4.40, 1.99, 1.99, 'unsatisfactory'),
	         (105, 'wko-2026', 'wko-non-leadership', 1.80, 2.99, 1.80, 'unsatisfactory'),
	         (106, 'wko-2026', 'wko-non-leadership', 4.20, NULL, 4.20, 'effective'),
	         (109, 'wko-2026', 'wko-non-leadership', 4.20, NULL, 4.20, 'effective'),
	         (110, 'wko-2026', 'wko-non-leadership', 4.20, NULL, 4.20, 'effective'),
	         (111, 'wko-2026', 'wko-non-leadership', 4.20, NULL, 4.20, 'effective'),
	         (114, 'wko-2026', 'wko-non-leadership', 4.20, NULL, 4.20, 'effective')$$,
	'§4b: a reprimand caps at 2.99, a remark and a demotion at the lower 1.99, a cap above the mean leaves it');

-- ============ 2026-Q3 (wko-2026): who is not evaluated (§6) ============
\o /dev/null
SELECT pg_temp.complete(1, '2026-Q3', '2026-10-20', false);
\o
SELECT lives_ok($$CALL close_quarter(1, '2026-Q3')$$, '2026-Q3 closes');
SELECT results_eq(
	$$SELECT employee_id::int, status, reason, score::numeric FROM quarter_result WHERE body_id = 1 AND q = '2026-Q3' ORDER BY 1$$,
	$$VALUES (101, 'evaluated', NULL::text, 4.20), (102, 'evaluated', NULL, 4.20), (103, 'evaluated', NULL, 4.20),
	         (104, 'evaluated', NULL, 4.20), (105, 'evaluated', NULL, 4.20), (106, 'evaluated', NULL, 4.20),
	         (107, 'evaluated', NULL, 4.20), (108, 'not_evaluated', 'tenure', NULL), (109, 'not_evaluated', 'worked_days', NULL),
	         (110, 'evaluated', NULL, 4.20), (111, 'not_evaluated', 'worked_days', NULL), (114, 'evaluated', NULL, 4.20)$$,
	'§6 wko-2026: appointed 09-02 and fewer than 15 worked days are not evaluated, 09-01 and exactly 15 are');
SELECT results_eq(
	$$SELECT outcome, evaluated, not_evaluated FROM close_run WHERE body_id = 1 AND period IN ('2026-Q2', '2026-Q3') ORDER BY id$$,
	$$VALUES ('closed', 10, 0), ('closed', 9, 3)$$,
	'close_run counts the evaluated and the not evaluated');

-- ============ explain_result ============
SET ROLE ocenka_test_clerk;
SELECT is(pg_temp.fields(explain_result(104, '2026-Q2'),
                         ARRAY['quarter', 'status', 'method', 'form', 'edition', 'items', 'sum', 'count', 'mean', 'penalties',
                               'cap', 'capped', 'score', 'gradation', 'band', 'label', 'evaluator']),
          $${"quarter": "2026-Q2", "status": "evaluated", "method": "ranking", "form": "wko-non-leadership", "edition": "wko-2026",
             "items": [{"no": 1, "parameter": "quality", "name_kk": null, "name_ru": "Качество выполнения функциональных обязанностей", "name_en": "quality of functional duties", "score": 5.00},
                       {"no": 2, "parameter": "deadlines", "name_kk": null, "name_ru": "Соблюдение сроков выполнения задач", "name_en": "meeting deadlines", "score": 5.00},
                       {"no": 3, "parameter": "initiative", "name_kk": null, "name_ru": "Самостоятельность и инициативность", "name_en": "independence and initiative", "score": 5.00},
                       {"no": 4, "parameter": "discipline", "name_kk": null, "name_ru": "Соблюдение трудовой дисциплины", "name_en": "labour discipline", "score": 5.00},
                       {"no": 5, "parameter": "no_penalties", "name_kk": null, "name_ru": "Отсутствие дисциплинарных взысканий", "name_en": "absence of disciplinary penalties", "score": 2.00}],
             "sum": 22.00, "count": 5, "mean": 4.40,
             "penalties": [{"kind": "remark", "imposed_on": "2026-05-20", "order": "приказ № 14-к", "cap": 2.99},
                           {"kind": "demotion", "imposed_on": "2026-06-10", "order": "приказ № 16-к", "cap": 1.99}],
             "cap": 1.99, "capped": true, "score": 1.99, "gradation": "unsatisfactory", "band": "0.00–1.99",
             "label": {"kk": "Функционалдық міндеттерін қанағаттанарлықсыз түрде атқарады",
                       "ru": "Выполняет функциональные обязанности не удовлетворительно",
                       "en": "performs functional duties unsatisfactorily"},
             "evaluator": {"id": 102, "name": "Байжанова Асель"}}$$::jsonb,
          'explain_result of a capped wko-2026 result: items, mean, penalties, the lowest cap, score, gradation, labels');
SELECT is(pg_temp.fields(explain_result(101, '2026-Q1'),
                         ARRAY['method', 'form', 'edition', 'items', 'mean', 'penalties', 'cap', 'capped', 'score', 'gradation', 'label']),
          $${"method": "kpi", "form": "kpi", "edition": "typical-2023",
             "items": [{"no": 1, "kpi": "Доля обращений, рассмотренных в срок", "unit": "%", "direction": "increase", "plan": 100, "actual": 100, "percent": 100, "allowed": "[5,5]", "grade": 5.00},
                       {"no": 2, "kpi": "Количество обоснованных жалоб", "unit": "шт.", "direction": "decrease", "plan": 10, "actual": 12, "percent": 83.33, "allowed": "[4,4.24]", "grade": 4.16},
                       {"no": 3, "kpi": "Освоение бюджетных средств", "unit": "%", "direction": "increase", "plan": 50, "actual": 45, "percent": 90, "allowed": "[4.5,4.74]", "grade": 4.50}],
             "mean": 4.55, "penalties": [], "cap": null, "capped": false, "score": 4.55, "gradation": "effective",
             "label": {"kk": "Функционалдық міндеттерін тиімді атқарады", "ru": "Выполняет функциональные обязанности эффективно",
                       "en": "performs functional duties effectively"}}$$::jsonb,
          'explain_result of a KPI result: each KPI with plan, actual, percentage, allowed band and grade (appendices 2–3)');
SELECT is(pg_temp.fields(explain_result(103, '2026-Q1'), ARRAY['penalties', 'cap', 'cap_rule', 'capped', 'mean', 'score']),
          $${"penalties": [{"kind": "remark", "imposed_on": "2026-02-15", "order": "приказ № 12-к", "cap": 2.99}],
             "cap": null, "cap_rule": "typical-2023 has no disciplinary cap", "capped": false, "mean": 3.00, "score": 3.00}$$::jsonb,
          'explain_result under typical-2023 shows the penalty but no cap');
SELECT is(pg_temp.fields(explain_result(106, '2026-Q1'), ARRAY['status', 'reason', 'reason_text', 'edition']),
          $${"status": "not_evaluated", "reason": "tenure", "edition": "typical-2023",
             "reason_text": "less time in the position within the period than the methodology requires (1 month; 3 months for akmola-2018)"}$$::jsonb,
          'explain_result of someone not evaluated gives the reason');
SELECT throws_ok($$SELECT explain_result(100, '2026-Q1')$$, '22023', 'no result for employee 100 (Аким Тестов) in 2026-Q1',
                 'explain_result of a person without a result');
SELECT throws_ok($$SELECT explain_result(103, '2026-Q4')$$, '22023', 'no result for employee 103 (Сериков Ерлан) in 2026-Q4',
                 'explain_result of a quarter not closed');

-- ============ explain_text: the same, told as sentences in kk, ru, en ============
SELECT is(explain_text(104, '2026-Q2', 'en'), $$Нурланова Динара (employee 104) was evaluated for 2026-Q2 in body Аппарат акима района (тест) under wko-2026, the edition in force on 2026-06-30, the quarter's last day (methodology §5).
The evaluator, Байжанова Асель (employee 102), scored the 5 parameters of the form wko-non-leadership: 1. quality of functional duties — 5.00; 2. meeting deadlines — 5.00; 3. independence and initiative — 5.00; 4. labour discipline — 5.00; 5. absence of disciplinary penalties — 2.00.
Their sum is 22.00; divided by 5 and rounded half away from zero to two decimals, it gives the mean 4.40 (methodology §2, §4).
In the quarter the following penalties were imposed: a remark of 2026-05-20 (приказ № 14-к), cap 2.99; a demotion of 2026-06-10 (приказ № 16-к), cap 1.99; the lowest cap is 1.99 (methodology §4b).
The mean 4.40 is above it, so the score is 1.99.
A score of 1.99 lies in the band 0.00–1.99: «performs functional duties unsatisfactorily».
The evaluation was completed on 2026-07-20; the employee has not yet been acquainted with the result.$$,
          'explain_text in English: edition, evaluator and scores, mean, penalties and the lowest cap, band and label, completion');
SELECT is(explain_text(104, '2026-Q2', 'ru'), $$Сотрудник Нурланова Динара (№ 104) оценён за 2026-Q2 в органе «Аппарат акима района (тест)» по редакции wko-2026, действовавшей на 2026-06-30, последний день квартала (методика §5).
Оценивающее лицо Байжанова Асель (№ 102) выставило оценки по 5 параметрам формы wko-non-leadership: 1. Качество выполнения функциональных обязанностей — 5.00; 2. Соблюдение сроков выполнения задач — 5.00; 3. Самостоятельность и инициативность — 5.00; 4. Соблюдение трудовой дисциплины — 5.00; 5. Отсутствие дисциплинарных взысканий — 2.00.
Их сумма 22.00; делённая на 5 и округлённая до двух знаков (половина — от нуля), она даёт среднее 4.40 (методика §2, §4).
В квартале наложены взыскания: замечание от 2026-05-20 (приказ № 14-к), предел 2.99; понижение в должности от 2026-06-10 (приказ № 16-к), предел 1.99; наименьший предел — 1.99 (методика §4b).
Среднее 4.40 выше предела, поэтому оценка — 1.99.
Оценка 1.99 лежит в диапазоне 0.00–1.99: «Выполняет функциональные обязанности не удовлетворительно».
Оценка завершена 2026-07-20; сотрудник ещё не ознакомлен с результатом.$$,
          'explain_text in Russian, with the parameters'' Russian names');
SELECT is(explain_text(104, '2026-Q2'), explain_text(104, '2026-Q2', 'ru'), 'explain_text speaks Russian by default');
SELECT is(explain_text(101, '2026-Q1', 'kk'), $$Ахметов Айдар (қызметкер № 101) 2026-Q1 үшін «Аппарат акима района (тест)» органында typical-2023 редакциясы бойынша бағаланды — тоқсанның соңғы күні, 2026-03-31, күшінде болған редакция (әдістеме §5).
Бағалаушы Аким Тестов (№ 100) жылдық жоспардың 3 НМИ-і бойынша баға қойды: 1. «Доля обращений, рассмотренных в срок»: жоспар 100, нақты 100, 100 %, рұқсат етілген 5, баға 5.00; 2. «Количество обоснованных жалоб»: жоспар 10, нақты 12, 83.33 %, рұқсат етілген 4–4.24, баға 4.16; 3. «Освоение бюджетных средств»: жоспар 50, нақты 45, 90 %, рұқсат етілген 4.5–4.74, баға 4.50.
Олардың қосындысы 13.66; 3-ге бөліп, екі таңбаға дейін дөңгелектегенде (жартысы нөлден алысқа) орташа 4.55 шығады (әдістеме §2, §3).
Тоқсанда тәртіптік жаза қолданылмаған, сондықтан баға орташаға тең: 4.55.
4.55 балл 4.00–5.00 аралығында: «Функционалдық міндеттерін тиімді атқарады».
Бағалау 2026-04-05 аяқталды; қызметкер нәтижемен әлі танысқан жоқ.$$,
          'explain_text in Kazakh of a KPI result: each KPI with plan, actual, percentage, allowed band and grade');
SELECT is(explain_text(103, '2026-Q1', 'en'), $$Сериков Ерлан (employee 103) was evaluated for 2026-Q1 in body Аппарат акима района (тест) under typical-2023, the edition in force on 2026-03-31, the quarter's last day (methodology §5).
The evaluator, Байжанова Асель (employee 102), scored the 4 parameters of the form typical-ranking: 1. quality of performing functional duties — 3.00; 2. meeting deadlines — 3.00; 3. independence and initiative — 3.00; 4. labour discipline — 3.00.
Their sum is 12.00; divided by 4 and rounded half away from zero to two decimals, it gives the mean 3.00 (methodology §2, §4).
In the quarter a remark of 2026-02-15 (приказ № 12-к) was imposed, but typical-2023 sets no disciplinary cap, so the score is the mean, 3.00.
A score of 3.00 lies in the band 3.00–3.99: «performs functional duties properly».
The evaluation was completed on 2026-04-05; the employee has not yet been acquainted with the result.$$,
          'explain_text under typical-2023: the penalty is told, and that it does not cap');
SELECT is(explain_text(106, '2026-Q1', 'ru'), $$Сотрудник Жумабаева Гульнара (№ 106) не оценивался за 2026-Q1 в органе «Аппарат акима района (тест)» (редакция typical-2023): в должности в этом периоде меньше срока, требуемого методикой (1 месяц; 3 месяца по akmola-2018) (методика §6: typical-2023 ¶5, wko-2026 ¶5, akmola-2018 ¶4).$$,
          'explain_text of someone not evaluated gives the reason in the language asked for');
SELECT throws_ok($$SELECT explain_text(104, '2026-Q2', 'de')$$, '22023', 'unknown language "de"',
                 'explain_text in an unknown language');
SELECT throws_ok($$SELECT explain_text(100, '2026-Q1', 'en')$$, '22023', 'no result for employee 100 (Аким Тестов) in 2026-Q1',
                 'explain_text of a person without a result');
SELECT throws_ok($$SELECT explain_text(104, '2026-Q2', NULL)$$, '22004', 'explain_text needs an employee, a quarter and a language',
                 'explain_text without a language');
SET ROLE ocenka_test_dba;

-- ============ 2025: four typical-2023 quarters, the 360 survey, close_year (§5, §8a) ============
\o /dev/null
SELECT pg_temp.complete(1, '2025-Q1', '2025-04-10', true);
SELECT pg_temp.complete(1, '2025-Q2', '2025-07-10', false);
SELECT pg_temp.complete(1, '2025-Q3', '2025-10-10', true);
SELECT pg_temp.complete(b, q, d, true)
FROM (VALUES ('2025-Q1'::quarter, date '2025-04-10'), ('2025-Q2', '2025-07-10'), ('2025-Q3', '2025-10-10'), ('2025-Q4', '2026-01-10')) AS t(q, d),
     (VALUES (3)) AS x(b);
\o
-- ============ a transfer during the year: the body the person ends it in finalises it (§5, §6) ============
SELECT results_eq(
	$$SELECT q::text, body_id::int, score::numeric FROM quarter_result WHERE employee_id = 115 ORDER BY q$$,
	$$VALUES ('2025-Q1', 1, 5.00), ('2025-Q3', 3, 3.00), ('2025-Q4', 3, 2.00)$$,
	'§6: 115 is evaluated by body 1 while there, by body 3 after the transfer (2025-Q2 of body 1 still open)');
SELECT results_eq($$SELECT q::text, evaluator_id::int FROM sheet WHERE employee_id = 115 ORDER BY q$$,
                  $$VALUES ('2025-Q1', 102), ('2025-Q2', 102), ('2025-Q3', 300), ('2025-Q4', 301)$$,
                  'open_sheets: the unit head evaluates, away for part of the entry window too; the deputy when away for all of it (wko-2026 ¶3)');
SELECT is(pg_temp.error_of($$CALL close_year(3, 2025)$$),
          jsonb_build_object('sqlstate', '23514', 'message', 'year 2025 of body 3 cannot be closed: one gap remains',
                             'detail', 'employee 115 (Ахметова Сауле): quarter 2025-Q2 of body 1, which evaluated them, is not closed',
                             'constraint', 'ocenka_complete_evaluation'),
          '§5: the body a person ends the year in waits for the quarters another body evaluated them in');
\o /dev/null
CALL close_quarter(1, '2025-Q2');
\o
SELECT lives_ok($$CALL close_year(3, 2025)$$, 'then body 3 closes 2025');
SELECT results_eq(
	$$SELECT employee_id::int, body_id::int, quarters::int, score::numeric, gradation::text FROM annual_result WHERE employee_id = 115$$,
	$$VALUES (115, 3, 4, 3.50, 'proper')$$,
	'§5: one annual result, in body 3, the mean of all four quarters (5, 4 in body 1; 3, 2 in body 3)');
SELECT is((SELECT jsonb_agg(jsonb_build_array(e ->> 'quarter', (e ->> 'body_id')::int, (e ->> 'score')::numeric))
           FROM jsonb_array_elements(explain_annual_result(115, 2025) -> 'quarters') e),
          '[["2025-Q1", 1, 5.00], ["2025-Q2", 1, 4.00], ["2025-Q3", 3, 3.00], ["2025-Q4", 3, 2.00]]',
          'explain_annual_result lists the quarters of both bodies');
\o /dev/null
SELECT pg_temp.complete(1, '2025-Q4', '2026-01-05', false);
-- 360 of 103: supervisor 102 answers 4, peer 104 answers 5, peer 114 answers 4, except on change management
-- (2, 3, 2) and promptness (4, 3, 4); the self-assessment answers 5. 104 has only two respondents and
-- no self-assessment yet.
INSERT INTO survey (employee_id, body_id, year, survey_form, methodology)
VALUES (103, 1, 2025, 'employees', 'typical-2023'), (104, 1, 2025, 'employees', 'typical-2023');
INSERT INTO respondent (survey_id, employee_id, role)
SELECT s.id, r.e, r.role FROM survey s,
       (VALUES (103, 103, 'self'), (103, 102, 'supervisor'), (103, 104, 'peer'), (103, 114, 'peer'),
               (104, 102, 'supervisor'), (104, 103, 'peer')) AS r(evaluatee, e, role)
WHERE s.employee_id = r.evaluatee AND s.year = 2025;
INSERT INTO answer (respondent_id, survey_id, competency_no, question_no, answer, is_self)
SELECT r.id, s.id, c.competency_no, c.question_no,
       CASE WHEN r.role = 'self' THEN CASE WHEN s.employee_id = 103 THEN 5 ELSE 3 END
            WHEN s.employee_id = 104 THEN 4
            WHEN c.competency_code = 'change_management' THEN CASE r.employee_id WHEN 104 THEN 3 ELSE 2 END
            WHEN c.competency_code = 'promptness' THEN CASE r.employee_id WHEN 104 THEN 3 ELSE 4 END
            ELSE CASE r.employee_id WHEN 104 THEN 5 ELSE 4 END END,
       r.role = 'self'
FROM survey s JOIN respondent r ON r.survey_id = s.id JOIN competency_question c ON c.survey_form = s.survey_form
WHERE s.year = 2025 AND NOT (r.employee_id = 114 AND c.competency_no = 8 AND c.question_no = 3);
SELECT pg_temp.at('2026-01-06');
\o
SELECT id AS r114 FROM respondent WHERE employee_id = 114 \gset
SELECT is(pg_temp.error_of($$CALL close_year(1, 2025)$$),
          jsonb_build_object('sqlstate', '23514', 'message', 'year 2025 of body 1 cannot be closed: 4 gaps remain',
                             'detail', E'quarter 2025-Q4 is not closed\n'
              || format(E'employee 103 (Сериков Ерлан): respondent %s (peer) has not answered 1 of the 24 questions\n', :r114)
              || E'employee 104 (Нурланова Динара): the 360 survey has 2 respondents besides the self-assessment, at least 3 are needed\n'
              || 'employee 104 (Нурланова Динара): the 360 survey has no self-assessment',
                             'constraint', 'ocenka_complete_evaluation'),
          '§5, §8a: close_year refuses with an open quarter, a 360 survey with 2 respondents and no self-assessment, and an unanswered question');
\o /dev/null
SELECT pg_temp.at('2026-01-08');
INSERT INTO answer (respondent_id, survey_id, competency_no, question_no, answer, is_self)
SELECT id, survey_id, 8, 3, 4, false FROM respondent WHERE employee_id = 114;
INSERT INTO respondent (survey_id, employee_id, role) SELECT id, 114, 'peer' FROM survey WHERE employee_id = 104;
INSERT INTO respondent (survey_id, employee_id, role) SELECT id, 104, 'self' FROM survey WHERE employee_id = 104;
INSERT INTO answer (respondent_id, survey_id, competency_no, question_no, answer, is_self)
SELECT r.id, r.survey_id, c.competency_no, c.question_no, CASE WHEN r.role = 'self' THEN 3 ELSE 4 END, r.role = 'self'
FROM respondent r JOIN survey s ON s.id = r.survey_id JOIN competency_question c ON c.survey_form = s.survey_form
WHERE s.employee_id = 104 AND r.employee_id IN (104, 114);
SELECT pg_temp.at('2026-01-09');
\o
CREATE TEMP TABLE census_year AS SELECT pg_temp.census() AS c;
SELECT is(pg_temp.error_of($$CALL close_year(1, 2025)$$),
          jsonb_build_object('sqlstate', '23514', 'message', 'year 2025 of body 1 cannot be closed: one gap remains',
                             'detail', 'quarter 2025-Q4 is not closed', 'constraint', 'ocenka_complete_evaluation'),
          '§5: close_year refuses while a quarter of the year is open');
SELECT is(pg_temp.census(), c, 'the refused close_year changed nothing') FROM census_year;
\o /dev/null
SELECT pg_temp.at('2026-01-10');
CALL close_quarter(1, '2025-Q4');
SELECT pg_temp.at('2026-01-20');
\o
SELECT lives_ok($$CALL close_year(1, 2025)$$, 'with its quarters closed and its 360 complete, 2025 closes');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, rule, status, reason, quarters::int, score::numeric, gradation::text, completed_on
	  FROM annual_result WHERE body_id = 1 AND year = 2025 ORDER BY 1$$,
	$$VALUES (101, 'typical-2023', 'mean_of_quarters', 'evaluated', NULL::text, 4, 4.55, 'effective', date '2026-01-20'),
	         (102, 'typical-2023', 'mean_of_quarters', 'evaluated', NULL, 4, 3.68, 'proper', '2026-01-20'),
	         (103, 'typical-2023', 'mean_of_quarters', 'evaluated', NULL, 4, 3.81, 'proper', '2026-01-20'),
	         (104, 'typical-2023', 'mean_of_quarters', 'evaluated', NULL, 4, 4.25, 'effective', '2026-01-20'),
	         (112, 'typical-2023', 'mean_of_quarters', 'evaluated', NULL, 1, 4.17, 'effective', '2026-01-20'),
	         (113, 'typical-2023', 'mean_of_quarters', 'not_evaluated', 'no_kpi', 0, NULL, NULL, '2026-01-20'),
	         (114, 'typical-2023', 'mean_of_quarters', 'evaluated', NULL, 2, 4.00, 'effective', '2026-01-20')$$,
	'§5: the annual score is the rounded mean of the quarterly scores that exist (3.675 → 3.68, 3.8125 → 3.81; 114 skips 2025-Q2)');
SELECT results_eq(
	$$SELECT q::text, score::numeric FROM quarter_result WHERE employee_id = 114 AND q BETWEEN '2025-Q1' AND '2025-Q4' ORDER BY q$$,
	$$VALUES ('2025-Q2', NULL::numeric), ('2025-Q3', 4.50), ('2025-Q4', 3.50)$$,
	'114 was not evaluated in 2025-Q2 (appointed 06-05), 4.50 and 3.50 (3.4975) after');
SELECT results_eq(
	$$SELECT c.competency_no::int, c.competency_code, c.mean, c.self_mean, c.answers, c.weakest, c.completed_on
	  FROM competency_result c JOIN survey s ON s.id = c.survey_id WHERE s.employee_id = 103 ORDER BY 1$$,
	$$VALUES (1, 'communications', 4.33, 5.00, 9, false, date '2026-01-20'), (2, 'ethics', 4.33, 5.00, 9, false, '2026-01-20'),
	         (3, 'change_management', 2.33, 5.00, 9, true, '2026-01-20'), (4, 'result_orientation', 4.33, 5.00, 9, false, '2026-01-20'),
	         (5, 'independence', 4.33, 5.00, 9, false, '2026-01-20'), (6, 'cooperation', 4.33, 5.00, 9, false, '2026-01-20'),
	         (7, 'promptness', 3.67, 5.00, 9, false, '2026-01-20'), (8, 'self_development', 4.33, 5.00, 9, false, '2026-01-20')$$,
	'§8a: each competency''s mean without the self-assessment (21/9 → 2.33, 33/9 → 3.67), the self mean beside it, the weakest marked');
SELECT results_eq(
	$$SELECT count(*)::int, min(c.mean), max(c.mean), min(c.self_mean), bool_and(c.weakest), min(c.answers)
	  FROM competency_result c JOIN survey s ON s.id = c.survey_id WHERE s.employee_id = 104$$,
	$$VALUES (8, 4.00, 4.00, 3.00, true, 9)$$,
	'§8a: equal means are all the weakest; the third respondent''s answers are counted');
SELECT results_eq(
	$$SELECT outcome, evaluated, not_evaluated, surveys FROM close_run WHERE body_id = 1 AND period = '2025' ORDER BY id$$,
	$$VALUES ('closed', 6, 1, 2)$$, 'close_run of the year: 6 annual results, 1 not evaluated, 2 surveys');
SELECT lives_ok($$CALL close_year(1, 2025)$$, 'closing a closed year again succeeds');
SELECT results_eq(
	$$SELECT outcome, evaluated, not_evaluated, surveys FROM close_run WHERE body_id = 1 AND period = '2025' ORDER BY id$$,
	$$VALUES ('closed', 6, 1, 2), ('already_closed', 6, 1, 2)$$, 'the second close_year is already_closed');
SELECT is((SELECT count(*)::int FROM annual_result WHERE year = 2025 AND body_id = 1), 7, 'and writes no second result');

-- ============ explain_annual_result ============
SELECT is(pg_temp.fields(explain_annual_result(103, 2025), ARRAY['edition', 'rule', 'status', 'quarters', 'counted', 'sum', 'score', 'gradation', 'band']),
          jsonb_build_object('edition', 'typical-2023', 'rule', 'mean_of_quarters', 'status', 'evaluated',
              'quarters', jsonb_build_array(
                  jsonb_build_object('quarter', '2025-Q1', 'body_id', 1, 'edition', 'typical-2023', 'status', 'evaluated', 'reason', NULL, 'score', 4.50, 'gradation', 'effective', 'counted', true),
                  jsonb_build_object('quarter', '2025-Q2', 'body_id', 1, 'edition', 'typical-2023', 'status', 'evaluated', 'reason', NULL, 'score', 3.75, 'gradation', 'proper', 'counted', true),
                  jsonb_build_object('quarter', '2025-Q3', 'body_id', 1, 'edition', 'typical-2023', 'status', 'evaluated', 'reason', NULL, 'score', 3.00, 'gradation', 'proper', 'counted', true),
                  jsonb_build_object('quarter', '2025-Q4', 'body_id', 1, 'edition', 'typical-2023', 'status', 'evaluated', 'reason', NULL, 'score', 4.00, 'gradation', 'effective', 'counted', true)),
              'counted', 4, 'sum', 15.25, 'score', 3.81, 'gradation', 'proper', 'band', '3.00–3.99'),
          'explain_annual_result: each quarter''s score, their sum and count, the mean 3.8125 → 3.81 and its band (§5)');
SELECT is(explain_annual_result(103, 2025) -> '360' -> 'weakest', '["change_management"]',
          'explain_annual_result shows the year''s 360 beside the grade, with the weakest competency');
SELECT is((SELECT jsonb_agg(c -> 'mean' ORDER BY (c ->> 'no')::int) FROM jsonb_array_elements(explain_annual_result(103, 2025) -> '360' -> 'competencies') c),
          '[4.33, 4.33, 2.33, 4.33, 4.33, 4.33, 3.67, 4.33]', 'and every competency''s mean without self');
SELECT is(pg_temp.fields(explain_annual_result(114, 2025), ARRAY['quarters', 'counted', 'sum', 'score']),
          jsonb_build_object(
              'quarters', jsonb_build_array(
                  jsonb_build_object('quarter', '2025-Q2', 'body_id', 1, 'edition', 'typical-2023', 'status', 'not_evaluated', 'reason', 'tenure', 'score', NULL, 'gradation', NULL, 'counted', false),
                  jsonb_build_object('quarter', '2025-Q3', 'body_id', 1, 'edition', 'typical-2023', 'status', 'evaluated', 'reason', NULL, 'score', 4.50, 'gradation', 'effective', 'counted', true),
                  jsonb_build_object('quarter', '2025-Q4', 'body_id', 1, 'edition', 'typical-2023', 'status', 'evaluated', 'reason', NULL, 'score', 3.50, 'gradation', 'proper', 'counted', true)),
              'counted', 2, 'sum', 8.00, 'score', 4.00),
          'explain_annual_result: a quarter without a score is shown and not counted (§5)');
SELECT is(pg_temp.fields(explain_annual_result(113, 2025), ARRAY['status', 'reason', 'reason_text', 'counted', 'sum']),
          jsonb_build_object('status', 'not_evaluated', 'reason', 'no_kpi',
                             'reason_text', 'a head appointed less than 3 months before 31 December gets no KPIs that year',
                             'counted', 0, 'sum', NULL),
          'explain_annual_result of someone not evaluated gives the reason');
SELECT ok(NOT explain_annual_result(113, 2025) ?| ARRAY['score', 'gradation', 'band', 'label'],
          'and no score, gradation or label');
SELECT pg_temp.refused(sql, state, msg, label)
FROM (VALUES
	($$SELECT explain_annual_result(100, 2025)$$, '22023', 'no annual result for employee 100 (Аким Тестов) in 2025',
	 'explain_annual_result of a person without a result'),
	($$SELECT explain_annual_result(103, 2026)$$, '22023', 'no annual result for employee 103 (Сериков Ерлан) in 2026',
	 'explain_annual_result of a year not closed'),
	($$SELECT explain_annual_result(NULL, 2025)$$, '22004', 'explain_annual_result needs an employee and a year',
	 'explain_annual_result without an employee'),
	($$SELECT explain_annual_result(103, NULL)$$, '22004', 'explain_annual_result needs an employee and a year',
	 'explain_annual_result without a year')
) AS t(sql, state, msg, label);

-- ============ akmola-2018, 2021: the KPI count rule (§7) ============
\o /dev/null
SELECT pg_temp.at('2026-04-05');
UPDATE kpi SET achieved = NULL WHERE employee_id = 207 AND no = 5;
DELETE FROM kpi WHERE employee_id = 204 AND no = 5;
\o
SELECT is(pg_temp.error_of($$CALL close_year(2, 2021)$$),
          jsonb_build_object('sqlstate', '23514', 'message', 'year 2021 of body 2 cannot be closed: 2 gaps remain',
                             'detail', E'employee 204 (Ермеков Нурлан): the 2021 KPI plan has 4 KPIs, akmola-2018 needs 5\n'
              'employee 207 (Тулегенова Асель): KPIs 5 have no recorded outcome', 'constraint', 'ocenka_complete_evaluation'),
          '§7 akmola-2018 ¶14: exactly five KPIs, each with its outcome recorded');
\o /dev/null
UPDATE kpi SET achieved = true WHERE employee_id = 207 AND no = 5;
INSERT INTO kpi (employee_id, body_id, year, no, name, approved_on, achieved) VALUES (204, 2, 2021, 5, 'Показатель 5', '2021-10-05', true);
\o
SELECT lives_ok($$CALL close_year(2, 2021)$$, 'the akmola-2018 year closes');
SELECT results_eq(
	$$SELECT employee_id::int, methodology, rule, status, reason, kpi_achieved::int, kpi_total::int, gradation::text,
	         gradation_label(gradation, 'kk', methodology)
	  FROM annual_result WHERE body_id = 2 AND year = 2021 ORDER BY 1$$,
	$$VALUES (200, 'akmola-2018', 'kpi_count', 'evaluated', NULL::text, 5, 5, 'effective', 'өте жақсы'),
	         (201, 'akmola-2018', 'kpi_count', 'evaluated', NULL, 4, 5, 'proper', 'тиімді'),
	         (202, 'akmola-2018', 'kpi_count', 'evaluated', NULL, 3, 5, 'satisfactory', 'қанағаттанарлық'),
	         (203, 'akmola-2018', 'kpi_count', 'evaluated', NULL, 2, 5, 'unsatisfactory', 'қанағаттанарлықсыз'),
	         (204, 'akmola-2018', 'kpi_count', 'evaluated', NULL, 5, 5, 'effective', 'өте жақсы'),
	         (205, 'akmola-2018', 'kpi_count', 'not_evaluated', 'tenure', NULL, NULL, NULL, NULL),
	         (206, 'akmola-2018', 'kpi_count', 'not_evaluated', 'probation', NULL, NULL, NULL, NULL),
	         (207, 'akmola-2018', 'kpi_count', 'evaluated', NULL, 5, 5, 'effective', 'өте жақсы'),
	         (208, 'akmola-2018', 'kpi_count', 'not_evaluated', 'tenure', NULL, NULL, NULL, NULL)$$,
	'§7 akmola-2018: 5/5 → excellent, 4/5 → effective, 3/5 → satisfactory, 2/5 → unsatisfactory; §6: three months, probation');

SELECT is(pg_temp.fields(explain_annual_result(201, 2021), ARRAY['edition', 'rule', 'achieved', 'total', 'gradation', 'label']),
          jsonb_build_object('edition', 'akmola-2018', 'rule', 'kpi_count', 'achieved', 4, 'total', 5, 'gradation', 'proper',
                             'label', jsonb_build_object('kk', 'тиімді', 'ru', 'эффективно', 'en', 'effective')),
          'explain_annual_result under akmola-2018: the KPIs counted and the seed''s words (§7)');
SELECT is((SELECT jsonb_agg(k -> 'achieved' ORDER BY (k ->> 'no')::int) FROM jsonb_array_elements(explain_annual_result(201, 2021) -> 'kpis') k),
          '[true, true, true, true, false]', 'and each KPI, achieved or not');
SELECT ok(NOT explain_annual_result(201, 2021) ?| ARRAY['score', 'band', 'quarters'], 'a KPI-count grade has no score, band or quarters');

-- ============ many bodies at once: close_quarters, close_quarter_all, close_years, close_year_all ============
-- at 2026-04-05: body 1's 2026-Q1 is closed; body 2 evaluates annually; body 3 has no sheet for 115
CREATE TEMP TABLE runs_before AS SELECT max(id) AS id FROM close_run;
SELECT is(pg_temp.error_of($$CALL close_quarters(ARRAY[1, 3], '2026-Q1')$$),
          jsonb_build_object('sqlstate', '23514', 'message', 'quarter 2026-Q1 of body 3 cannot be closed: one gap remains',
                             'detail', 'employee 115 (Ахметова Сауле): no sheet', 'constraint', 'ocenka_complete_evaluation'),
          'close_quarters, strict: a closed body is left alone, the gaps of the others refuse the call');
SELECT pg_temp.refused($$CALL close_quarters(ARRAY[1, 2, 3], '2026-Q1')$$, '22023',
                       'body 2 evaluates annually under akmola-2018: close the year with close_year',
                       'close_quarters, strict: a body without a quarterly edition refuses the call');
SELECT lives_ok($$CALL close_quarters(ARRAY[3, 2, 1], '2026-Q1', false)$$, 'close_quarters, not strict, goes through');
SELECT results_eq(
	$$SELECT body_id::int, period, outcome, evaluated, not_evaluated, gaps FROM close_run r, runs_before b WHERE r.id > b.id ORDER BY r.id$$,
	$$VALUES (1, '2026-Q1', 'already_closed', 9, 1, 0), (3, '2026-Q1', 'incomplete', 0, 0, 1)$$,
	'… recording the closed body as already_closed and the incomplete one with its gap count; body 2 is skipped');
SELECT is((SELECT closed_at IS NULL FROM quarter_status WHERE body_id = 3 AND q = '2026-Q1'), true, 'body 3 stays open');
\o /dev/null
SELECT open_sheets(3, '2026-Q1');
SELECT pg_temp.fill(3, '2026-Q1');
UPDATE runs_before SET id = (SELECT max(id) FROM close_run);
\o
SELECT lives_ok($$CALL close_quarter_all('2026-Q1')$$, 'close_quarter_all closes what is complete');
SELECT results_eq(
	$$SELECT body_id::int, period, outcome, evaluated, not_evaluated, gaps FROM close_run r, runs_before b WHERE r.id > b.id ORDER BY r.id$$,
	$$VALUES (1, '2026-Q1', 'already_closed', 9, 1, 0), (3, '2026-Q1', 'closed', 1, 0, 0)$$,
	'… body 3 now closed, with its one result');
\o /dev/null
UPDATE runs_before SET id = (SELECT max(id) FROM close_run);
\o
SELECT lives_ok($$CALL close_year_all(2025)$$, 'close_year_all goes through');
SELECT results_eq(
	$$SELECT body_id::int, period, outcome, evaluated, not_evaluated, surveys, gaps FROM close_run r, runs_before b WHERE r.id > b.id ORDER BY r.id$$,
	$$VALUES (1, '2025', 'already_closed', 6, 1, 2, 0), (3, '2025', 'already_closed', 1, 0, 0, 0), (2, '2025', 'incomplete', 0, 0, 0, 9)$$,
	'… the closed years already_closed, body 2''s 2025 incomplete: nine people without a KPI plan (§7)');
SELECT is(pg_temp.error_of($$CALL close_years(ARRAY[2], 2025)$$) ->> 'message', 'year 2025 of body 2 cannot be closed: 9 gaps remain',
          'close_years, strict, refuses body 2''s 2025');

-- ============ the procedures' own errors ============
SELECT pg_temp.refused(sql, state, msg, label)
FROM (VALUES
	($$CALL close_quarter(NULL, '2026-Q1')$$, '22004', 'close_quarter needs a body and a quarter', 'close_quarter without a body'),
	($$CALL close_quarter(1, NULL)$$, '22004', 'close_quarter needs a body and a quarter', 'close_quarter without a quarter'),
	($$CALL close_quarter(99, '2026-Q1')$$, '22023', 'body 99 does not exist', 'close_quarter of an unknown body'),
	($$CALL close_quarter(1, '2026-Q2')$$, '22023', 'quarter 2026-Q2 has not ended yet (today is 2026-04-05)',
	 'close_quarter of a quarter not ended'),
	($$CALL close_quarter(2, '2021-Q4')$$, '22023', 'body 2 evaluates annually under akmola-2018: close the year with close_year',
	 'close_quarter of an akmola-2018 body'),
	($$CALL close_quarter(1, '2023-Q1')$$, '22023', 'body 1 has no methodology edition in force on 2023-03-31, the last day of 2023-Q1',
	 'close_quarter before the body''s first edition'),
	($$CALL close_year(NULL, 2025)$$, '22004', 'close_year needs a body and a year', 'close_year without a body'),
	($$CALL close_year(1, NULL)$$, '22004', 'close_year needs a body and a year', 'close_year without a year'),
	($$CALL close_year(99, 2025)$$, '22023', 'body 99 does not exist', 'close_year of an unknown body'),
	($$CALL close_year(1, 2026)$$, '22023', 'year 2026 has not ended yet (today is 2026-04-05)', 'close_year of a year not ended'),
	($$CALL close_year(1, 10000)$$, '22023', 'year 10000 is out of range', 'close_year of year 10000')
) AS t(sql, state, msg, label);
SELECT pg_temp.at('2026-03-31') \g /dev/null
SELECT pg_temp.refused($$CALL close_quarter(1, '2026-Q1')$$, '22023', 'quarter 2026-Q1 has not ended yet (today is 2026-03-31)',
                       'close_quarter on the quarter''s last day');

SELECT * FROM finish();
ROLLBACK;
