-- pgTAP: explain_annual_text (issue 15) — an annual result told sentence by sentence in kk, ru and en:
-- the mean of the year's quarters (each quarter's score, a quarter not evaluated skipped, the sum, the
-- count and the mean, the band and label) and the KPI count (each KPI achieved or not with its unmet
-- indicators, the count and the level it gives), completion and acquaintance, the decision that gave
-- the final grade; refused for an unknown language or a year with no result (22023).
--
-- As in reports_forms.sql the rows are written directly by the superuser with the entry rules off
-- (session_replication_role = replica), chosen so that each number told is known (close_year, which
-- writes them, is tested in store_close.sql); the explanations are read by ocenka_tester.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(13);

SET client_min_messages = warning;
\o /dev/null
SET session_replication_role = replica;
INSERT INTO body (id, name, code) VALUES (1, 'Аппарат акима (тест)', 'X-1'), (2, 'Аппарат маслихата (тест)', 'X-2');
INSERT INTO body_edition (body_id, valid_from, methodology) VALUES (1, '2023-08-03', 'typical-2023'), (2, '2018-04-04', 'akmola-2018');
INSERT INTO employee (id, full_name) VALUES (1, 'Ахметов Айдар'), (2, 'Жумабекова Алия'), (3, 'Новиков Олег');
-- the mean of quarters: 4.50, 3.90 and 4.20 counted, 2025-Q2 not evaluated (tenure); 12.60 / 3 = 4.20
INSERT INTO sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id) VALUES
	(11, 1, '2025-Q1', 1, 'typical-2023', 'ranking', 'typical-ranking', 3), (13, 1, '2025-Q3', 1, 'typical-2023', 'ranking', 'typical-ranking', 3),
	(14, 1, '2025-Q4', 1, 'typical-2023', 'ranking', 'typical-ranking', 3);
INSERT INTO quarter_result (employee_id, q, body_id, methodology, status, reason, sheet_id, method, form, mean, score, gradation, completed_on) VALUES
	(1, '2025-Q1', 1, 'typical-2023', 'evaluated', NULL, 11, 'ranking', 'typical-ranking', 4.50, 4.50, gradation(4.50::score), '2025-04-10'),
	(1, '2025-Q2', 1, 'typical-2023', 'not_evaluated', 'tenure', NULL, NULL, NULL, NULL, NULL, NULL, '2025-07-10'),
	(1, '2025-Q3', 1, 'typical-2023', 'evaluated', NULL, 13, 'ranking', 'typical-ranking', 3.90, 3.90, gradation(3.90::score), '2025-10-10'),
	(1, '2025-Q4', 1, 'typical-2023', 'evaluated', NULL, 14, 'ranking', 'typical-ranking', 4.20, 4.20, gradation(4.20::score), '2026-01-10');
INSERT INTO annual_result (employee_id, year, body_id, methodology, rule, status, reason, quarters, kpi_achieved, kpi_total, score, gradation,
                           completed_on, acquainted_on) VALUES
	(1, 2025, 1, 'typical-2023', 'mean_of_quarters', 'evaluated', NULL, 3, NULL, NULL, 4.20, gradation(4.20::score), '2026-01-11', '2026-01-13'),
	(3, 2025, 1, 'typical-2023', 'mean_of_quarters', 'not_evaluated', 'tenure', 0, NULL, NULL, NULL, NULL, '2026-01-11', NULL),
	-- the KPI count: 4 of 5 achieved → level 3; the commission revised it to satisfactory
	(2, 2020, 2, 'akmola-2018', 'kpi_count', 'evaluated', NULL, NULL, 4, 5, NULL, 'proper', '2021-01-10', NULL);
INSERT INTO kpi (id, employee_id, body_id, year, no, name, direction) VALUES
	(1, 2, 2, 2020, 1, 'Проекты решений в срок', 'increase'), (2, 2, 2, 2020, 2, 'Обращения граждан', 'increase'),
	(3, 2, 2, 2020, 3, 'Публикации на сайте', 'increase'), (4, 2, 2, 2020, 4, 'Заседания комиссий', 'increase'),
	(5, 2, 2, 2020, 5, 'Жалобы', 'decrease');
INSERT INTO kpi_indicator (kpi_id, no, name, direction, target, actual) VALUES
	(1, 1, 'доля', 'increase', 100, 100), (2, 1, 'доля', 'increase', 100, 100), (3, 1, 'число', 'increase', 10, 8),
	(3, 2, 'доля', 'increase', 50, 60), (4, 1, 'число', 'increase', 12, 12), (5, 1, 'число', 'decrease', 5, 3);
INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, gradation_before, gradation_after, decided_on, document, decided_by, source_id, recorded_on)
VALUES (2, 2, 2020, 'commission', 'revised', 'proper', 'satisfactory', '2021-01-26', 'протокол № 1', 'комиссия', 1, '2021-01-26');
SET session_replication_role = origin;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_tester;
INSERT INTO ocenka.staff_capacity VALUES ('ocenka_tester', 'records');
\o
RESET client_min_messages;
SET ROLE ocenka_tester;

-- ---------- the mean of quarters (typical-2023 §5) ----------
SELECT is(explain_annual_text(1, 2025, 'en'), $$Ахметов Айдар (employee 1) was evaluated for 2025 in body Аппарат акима (тест) under typical-2023, the edition in force on 31 December (methodology §5).
The annual grade is the mean of the year's quarterly scores: 2025-Q1 — 4.50; 2025-Q2 — not evaluated (less time in the position within the period than the methodology requires (1 month; 3 months for akmola-2018)), skipped; 2025-Q3 — 3.90; 2025-Q4 — 4.20.
Their sum is 12.60; divided by the 3 quarters with a score and rounded half away from zero to two decimals, it gives 4.20 (methodology §2, §5).
A score of 4.20 lies in the band 4.00–5.00: «performs functional duties effectively».
The evaluation was completed on 2026-01-11; the employee was acquainted with the result on 2026-01-13.$$,
          'en: each quarter''s score, the one not evaluated skipped with its reason, the sum, count and mean, the band and label, acquaintance');
SELECT is(explain_annual_text(1, 2025, 'ru'), $$Сотрудник Ахметов Айдар (№ 1) оценён за 2025 год в органе «Аппарат акима (тест)» по редакции typical-2023, действовавшей на 31 декабря (методика §5).
Годовая оценка — среднее квартальных оценок года: 2025-Q1 — 4.50; 2025-Q2 — не оценивался (в должности в этом периоде меньше срока, требуемого методикой (1 месяц; 3 месяца по akmola-2018)), не учитывается; 2025-Q3 — 3.90; 2025-Q4 — 4.20.
Их сумма 12.60; делённая на 3 квартала(ов) с оценкой и округлённая до двух знаков (половина — от нуля), она даёт 4.20 (методика §2, §5).
Оценка 4.20 лежит в диапазоне 4.00–5.00: «Выполняет функциональные обязанности эффективно».
Оценка завершена 2026-01-11; сотрудник ознакомлен с результатом 2026-01-13.$$, 'ru: the same in Russian');
SELECT is(explain_annual_text(1, 2025), explain_annual_text(1, 2025, 'ru'), 'Russian is the default');
SELECT is(split_part(explain_annual_text(1, 2025, 'kk'), E'\n', 3),
          'Олардың қосындысы 12.60; бағасы бар 3 тоқсанға бөліп, екі таңбаға дейін дөңгелектегенде (жартысы нөлден алысқа) 4.20 шығады (әдістеме §2, §5).',
          'kk: the mean''s sentence');
SELECT is((SELECT count(*)::int FROM regexp_split_to_table(explain_annual_text(1, 2025, 'kk'), E'\n')), 5, 'kk: five sentences, one a line');

-- ---------- the KPI count (akmola-2018 §7) and the commission's decision ----------
SELECT is(explain_annual_text(2, 2020, 'en'), $$Жумабекова Алия (employee 2) was evaluated for 2020 in body Аппарат маслихата (тест) under akmola-2018, the edition in force on 31 December (methodology §5).
The year's plan has 5 KPIs; a KPI counts as achieved only if all its indicators are fully achieved (methodology §7): 1. «Проекты решений в срок» — achieved; 2. «Обращения граждан» — achieved; 3. «Публикации на сайте» — not achieved (indicator 1: target 10, actual 8); 4. «Заседания комиссий» — achieved; 5. «Жалобы» — achieved.
4 of the 5 KPIs were achieved, 1 missed: all achieved gives level 4, one missed 3, two missed 2, more 1; level 3 is «effective» (methodology §7).
The evaluation was completed on 2021-01-10; the employee has not yet been acquainted with the result.
After the grade: the evaluation commission of 2021-01-26 (revised) — the final grade is «satisfactory».$$,
          'en: each KPI achieved or not with its unmet indicator, the count and the level, the commission''s revision and the final grade');
SELECT is(split_part(explain_annual_text(2, 2020, 'ru'), E'\n', 3),
          'Достигнуто 4 из 5 КЦИ, не достигнуто 1: все достигнуты — уровень 4, один не достигнут — 3, два — 2, больше — 1; уровень 3 — «эффективно» (методика §7).',
          'ru: the count and akmola-2018''s own word for level 3');
SELECT is(split_part(explain_annual_text(2, 2020, 'kk'), E'\n', 5),
          'Бағадан кейін: 2021-01-26 күнгі бағалау жөніндегі комиссия (қайта қаралды) — түпкілікті баға «қанағаттанарлық».',
          'kk: the commission''s decision and the final grade in seed 001''s words');
SELECT is(split_part(explain_annual_text(2, 2020, 'kk'), E'\n', 2) LIKE '%3. «Публикации на сайте» — қол жеткізілмеді (1-көрсеткіш: мақсат 10, нақты 8);%', true,
          'kk: the KPI not achieved with the indicator that missed (the achieved one not listed)');

-- ---------- not evaluated, refusals ----------
SELECT is(explain_annual_text(3, 2025, 'ru'), 'Сотрудник Новиков Олег (№ 3) не оценивался за 2025 год в органе «Аппарат акима (тест)» (редакция typical-2023): в должности в этом периоде меньше срока, требуемого методикой (1 месяц; 3 месяца по akmola-2018) (методика §6: typical-2023 ¶5, wko-2026 ¶5, akmola-2018 ¶4).',
          'a year not evaluated: one sentence with the reason and its basis');
SELECT throws_ok($$SELECT explain_annual_text(1, 2025, 'de')$$, '22023', 'unknown language "de"', 'an unknown language: 22023');
SELECT throws_ok($$SELECT explain_annual_text(1, 2024, 'en')$$, '22023', 'no annual result for employee 1 (Ахметов Айдар) in 2024', 'a year with no result: 22023');
SELECT throws_ok($$SELECT explain_annual_text(1, NULL)$$, '22004', 'explain_annual_text needs an employee, a year and a language', 'no year: 22004');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
