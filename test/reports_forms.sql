-- pgTAP: the printed forms (issue 15) — render_sheet and render_360 print the stored results exactly
-- (scores, mean, cap and the penalty that caused it, gradation; KPI plan, actual, percentage, band;
-- 360 means beside the self-assessment, the weakest marked, the radar's polygons at known
-- coordinates), escape every text from data, and refuse a missing result, an unknown language and a
-- caller who may not read the rows (22023, 42501) with no document.
--
-- The rows are written directly as the superuser with the entry rules switched off
-- (session_replication_role = replica): these tests are about what the forms print, and the numbers
-- are chosen so that each printed value is known (the close that would write them is tested in
-- store_close.sql). The forms are then rendered by ocenka_tester, an ordinary role.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(52);

SET client_min_messages = warning;
\o /dev/null
SET session_replication_role = replica;
INSERT INTO body (id, name, code) VALUES (1, 'Аппарат <b>акима</b> & Co', 'F-1');
INSERT INTO body_edition (body_id, valid_from, methodology) VALUES (1, '2023-08-03', 'typical-2023'), (1, '2026-05-05', 'wko-2026');
INSERT INTO unit (id, body_id, name) VALUES (1, 1, 'Отдел "1"');
INSERT INTO employee (id, full_name) VALUES
	(1, 'Ким <script>alert(''x'')</script> & "Ко"'), (2, 'Сериков Жанар'), (3, 'Ахметов Айдар'), (4, 'Оспанова Динара'), (5, 'Без Результата');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on) VALUES
	(1, 1, 1, 'Главный <i>специалист</i>', 'E-4', false, '2020-01-10'),
	(2, 1, 1, 'Руководитель отдела', 'E-2', true, '2020-01-10'),
	(3, 1, 1, 'Руководитель аппарата', 'E-1', true, '2020-01-10'),
	(4, 1, 1, 'Главный специалист', 'E-4', false, '2020-01-10');
-- a wko-2026 sheet: 4, 4, 4, 4, 2 → mean 3.60, a remark in the quarter caps it at 2.99 (§4b)
INSERT INTO penalty (employee_id, body_id, kind, imposed_on, order_ref) VALUES (1, 1, 'remark', '2026-05-20', 'приказ <№ 14-к>');
INSERT INTO sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id)
VALUES (10, 1, '2026-Q2', 1, 'wko-2026', 'ranking', 'wko-non-leadership', 2),
       (11, 3, '2025-Q3', 1, 'typical-2023', 'kpi', 'kpi', 2);
INSERT INTO item (sheet_id, no, form, score) SELECT 10, n, 'wko-non-leadership', CASE WHEN n = 5 THEN 2 ELSE 4 END FROM generate_series(1, 5) n;
-- a KPI sheet: 100 % → 5, a decrease KPI 10 planned 12 actual → 83.33 % → 4.16, 90 % → 4.50; mean 4.55 (§3)
INSERT INTO kpi (id, employee_id, body_id, year, no, name, unit_of_measure, direction) VALUES
	(1, 3, 1, 2025, 1, 'Доля обращений, рассмотренных в срок', '%', 'increase'),
	(2, 3, 1, 2025, 2, 'Количество обоснованных жалоб', 'шт.', 'decrease'),
	(3, 3, 1, 2025, 3, 'Освоение бюджетных средств', '%', 'increase');
INSERT INTO kpi_target (kpi_id, q, plan, actual) VALUES (1, '2025-Q3', 100, 100), (2, '2025-Q3', 10, 12), (3, '2025-Q3', 50, 45);
INSERT INTO item (sheet_id, no, form, score, kpi_id, percent) VALUES
	(11, 1, 'kpi', 5, 1, 100), (11, 2, 'kpi', 4.16, 2, 83.33), (11, 3, 'kpi', 4.50, 3, 90);
INSERT INTO quarter_result (employee_id, q, body_id, methodology, status, reason, sheet_id, method, form, mean, cap, score, gradation, completed_on) VALUES
	(1, '2026-Q2', 1, 'wko-2026', 'evaluated', NULL, 10, 'ranking', 'wko-non-leadership', 3.60, 2.99, 2.99, 'satisfactory', '2026-07-20'),
	(3, '2025-Q3', 1, 'typical-2023', 'evaluated', NULL, 11, 'kpi', 'kpi', 4.55, NULL, 4.55, 'effective', '2025-10-10'),
	(4, '2025-Q3', 1, 'typical-2023', 'not_evaluated', 'tenure', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-10-10');
-- a calibration session revises the KPI sheet's grade to 3.90 (the final grade, final_quarter_result)
INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_before, gradation_before, score_after, gradation_after,
                             decided_on, document, decided_by, recorded_on)
VALUES (3, 1, '2025-Q3', 'calibration', 'revised', 4.55, 'effective', 3.90, 'proper', '2025-10-20', 'протокол <№ 3>', 'калибровочная сессия', '2025-10-20');
-- a 360 result of an employee (appendix 8): eight competencies, the last the weakest
INSERT INTO survey (id, employee_id, body_id, year, survey_form, methodology) VALUES (20, 4, 1, 2025, 'employees', 'typical-2023');
INSERT INTO competency_result (survey_id, competency_no, competency_code, mean, self_mean, answers, weakest, completed_on)
SELECT 20, n, (SELECT competency_code FROM competency_question WHERE survey_form = 'employees' AND competency_no = n AND question_no = 1),
       (ARRAY[3.25, 4.00, 3.50, 3.67, 3.75, 4.00, 3.42, 2.92])[n], (ARRAY[5, 4.33, 3.67, 4, 4, 5, 3.67, 4.33])[n], 9, n = 8, '2026-01-10'
FROM generate_series(1, 8) n;
SET session_replication_role = origin;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_tester;
-- row-level security (src/access/access.sql): the reader keeps the records of every body
INSERT INTO ocenka.staff_capacity VALUES ('ocenka_tester', 'records');
REVOKE SELECT ON ocenka.audit_log, ocenka.audit_trail FROM ocenka_tester;
\o
RESET client_min_messages;

SET ROLE ocenka_tester;
CREATE TEMP TABLE doc AS SELECT render_sheet(1, '2026-Q2', 'ru') AS ru, render_sheet(1, '2026-Q2', 'kk') AS kk,
                                render_sheet(1, '2026-Q2', 'en') AS en, render_sheet(3, '2025-Q3', 'ru') AS kpi,
                                render_sheet(3, '2025-Q3', 'en') AS kpi_en, render_sheet(1, '2026-Q2') AS default_lang,
                                render_360(4, 2025, 'ru') AS s360, render_360(4, 2025, 'kk') AS s360_kk,
                                render_kpi_plan(3, 2025, 'kk') AS plan_kk;

-- ---------- the pieces ----------
SELECT is(html_escape($$<a href="x">Tom & Jerry's</a>$$), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
          'html_escape turns & < > " and '' into entities, & first');
SELECT is(form_number(2.99, 'ru') || ' ' || form_number(2.99, 'kk') || ' ' || form_number(2.99, 'en') || ' ' || form_number(NULL, 'ru'),
          '2,99 2,99 2.99 —', 'numbers print with the seeds'' decimal comma in kk and ru, a point in en');
SELECT is(form_period('2026-Q2', 'kk') || ' | ' || form_period('2026-Q2', 'ru') || ' | ' || form_period('2026-Q2', 'en'),
          '2026 жылғы 2-тоқсан | II квартал 2026 года | Q2 2026', 'a quarter as the forms name it in kk, ru and en');
SELECT is(radar_svg(4, '{5,5,5,5}', '{1,2,3,4}', 'a', 'b') ~ 'class="series respondents"[^>]*points="180.00,50.00 310.00,180.00 180.00,310.00 50.00,180.00"',
          true, 'radar_svg: a score of 5 sits on the outer ring (radius 130), axis 1 up, then clockwise');
SELECT is(substring(radar_svg(4, '{5,5,5,5}', '{1,2,3,4}', 'a', 'b') FROM 'class="series self"[^>]*points="([^"]*)"'),
          '180.00,154.00 232.00,180.00 180.00,258.00 76.00,180.00', 'radar_svg: 1, 2, 3, 4 sit at radius 26, 52, 78, 104 on their axes');

SELECT throws_ok($$SELECT radar_svg(2147483647, '{}', '{}', 'a', 'b')$$, '22023', 'a radar chart needs 3 to 24 axes, not 2147483647',
                 'radar_svg refuses an axis count no form has (it would draw for ever)');
SELECT throws_ok($$SELECT radar_svg(8, '{4,5,6}', '{}', 'a', 'b')$$, '22003', 'radar value 6 is outside 0 to 5',
                 'radar_svg refuses a value off the scale');

-- ---------- the wko-2026 sheet (appendix 2) ----------
SELECT is(left(ru, 15), '<!DOCTYPE html>', 'the sheet is an HTML document') FROM doc;
SELECT ok(ru LIKE '%@page { size: A4;%' AND ru LIKE '%</body></html>' || E'\n', 'it asks for A4 pages and is complete') FROM doc;
SELECT ok(ru NOT LIKE '%<script%' AND ru NOT LIKE '% src=%' AND ru NOT LIKE '% href=%', 'no script and nothing external') FROM doc;
SELECT ok(ru LIKE '%<h1>Оценочный лист лица, занимающего не руководящую должность</h1>%', 'the title of wko-2026 appendix 2, in the seed''s words') FROM doc;
SELECT ok(ru LIKE '%<td class="label">Ф.И.О. оцениваемого лица</td><td class="value">Ким &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Ко&quot;</td>%',
          'the evaluatee''s name is escaped') FROM doc;
SELECT ok(ru LIKE '%<td class="value">Главный &lt;i&gt;специалист&lt;/i&gt;</td>%' AND ru LIKE '%<td class="value">Отдел &quot;1&quot;</td>%'
          AND ru LIKE '%<td class="value">Аппарат &lt;b&gt;акима&lt;/b&gt; &amp; Co</td>%', 'position, unit and body are escaped') FROM doc;
SELECT ok(ru LIKE '%<td class="label">Оцениваемый период</td><td class="value">II квартал 2026 года</td>%'
          AND ru LIKE '%<td class="value">Сериков Жанар, Руководитель отдела</td>%', 'the period and the evaluator with their position') FROM doc;
SELECT ok(ru LIKE '%<tr><td>1. Качество выполнения функциональных обязанностей</td><td class="num">4,00</td></tr>%'
          AND ru LIKE '%<tr><td>5. Отсутствие дисциплинарных взысканий</td><td class="num">2,00</td></tr>%', 'every parameter with its score') FROM doc;
SELECT is((SELECT count(*)::int FROM regexp_matches(ru, '<tr><td>[1-5]\. ', 'g')), 5, 'five parameter rows') FROM doc;
SELECT ok(ru LIKE '%<tr class="total"><td>Средняя итоговая оценка</td><td class="num">3,60</td></tr>%', 'the mean') FROM doc;
SELECT ok(ru LIKE '%<tr class="total capped"><td>Итоговая оценка с учётом дисциплинарного взыскания</td><td class="num">2,99</td></tr>%',
          'the capped score') FROM doc;
SELECT ok(ru LIKE '%<li>замечание, дата наложения 20.05.2026, приказ &lt;№ 14-к&gt; — оценка не может превышать 2,99</li>%',
          'the penalty that caused the cap, its order escaped') FROM doc;
SELECT ok(ru LIKE '%<p class="result">Результат оценки: <b>Выполняет функциональные обязанности удовлетворительно</b> (2,99; 2,00–2,99)</p>%',
          'the gradation with its label, score and band') FROM doc;
SELECT is(default_lang, ru, 'Russian is the default language') FROM doc;
SELECT ok(kk LIKE '%<h1>Басшы емес лауазымды атқаратын адамның бағалау парағы</h1>%'
          AND kk LIKE '%Бағалау нәтижесі: <b>Функционалдық міндеттерін қанағаттанарлық түрде атқарады</b> (2,99; 2,00–2,99)%'
          AND kk LIKE '%<tr><td>1. Качество выполнения функциональных обязанностей</td><td class="num">4,00</td></tr>%',
          'kk: the labels in Kazakh; the wko parameters, which seed 002 has only in Russian, in Russian') FROM doc;
SELECT ok(en LIKE '%<tr><td>1. quality of functional duties</td><td class="num">4.00</td></tr>%'
          AND en LIKE '%Evaluation result: <b>performs functional duties satisfactorily</b> (2.99; 2.00–2.99)%', 'en: labels and decimal points') FROM doc;

-- ---------- the KPI sheet (typical-2023 appendix 2) ----------
SELECT ok(kpi LIKE '%<h1>Оценочный лист по КЦИ</h1>%', 'the KPI sheet''s title') FROM doc;
SELECT ok(kpi LIKE '%<tr><td class="num">2</td><td>Количество обоснованных жалоб</td><td>шт.</td><td class="num">10</td><td class="num">12</td><td class="num">83,33</td><td class="num">4,00–4,24</td><td class="num">4,16</td></tr>%',
          'a KPI with plan, actual, percentage, allowed band and grade') FROM doc;
SELECT ok(kpi LIKE '%<td class="num">100,00</td><td class="num">5,00</td><td class="num">5,00</td></tr>%', 'a 100 % KPI''s single allowed grade printed once') FROM doc;
SELECT ok(kpi LIKE '%<tr class="total"><td colspan="7">Итоговая оценка</td><td class="num">4,55</td></tr>%'
          AND kpi NOT LIKE '%capped%' AND kpi NOT LIKE '%penalties%', 'the KPI mean, no cap and no penalty') FROM doc;
SELECT ok(kpi LIKE '%<p class="result final">Окончательный результат: <b>Выполняет функциональные обязанности надлежащим образом</b> (3,90)</p><p class="note">Решение: калибровочная сессия, 20.10.2025, протокол &lt;№ 3&gt; — пересмотрен</p>%',
          'the calibration decision that gives the final grade, its document escaped') FROM doc;
SELECT ok(ru NOT LIKE '%result final%', 'a sheet without a decision shows none') FROM doc;
SELECT ok(kpi_en LIKE '%<td class="num">90.00</td><td class="num">4.50–4.74</td><td class="num">4.50</td></tr>%', 'en: the third KPI') FROM doc;
SELECT is((SELECT string_agg(m[1], ' ') FROM regexp_matches(kpi_en, '<td class="num">([0-9.]+)</td></tr>', 'g') AS m),
          (SELECT string_agg(to_char((i ->> 'grade')::numeric, 'FM0.00'), ' ' ORDER BY (i ->> 'no')::int) || ' ' || to_char((e ->> 'mean')::numeric, 'FM0.00')
           FROM (SELECT explain_result(3, '2025-Q3') AS e) x, jsonb_array_elements(e -> 'items') i GROUP BY e),
          'the grades and mean printed are explain_result''s') FROM doc;

-- ---------- the 360 result sheet (appendix 8) ----------
SELECT ok(s360 LIKE '%<h1>Результаты оценки служащего методом 360 градусов</h1>%' AND s360 LIKE '%<p class="subtitle">(для служащих корпуса &quot;Б&quot;)</p>%',
          'the 360 sheet''s title, for employees') FROM doc;
SELECT ok(s360 LIKE '%<td class="label">Ф.И.О. оцениваемого служащего</td><td class="value">Оспанова Динара</td>%', 'whose it is') FROM doc;
SELECT ok(s360 LIKE '%<tr><td class="num">1</td><td>Построение эффективных коммуникаций</td><td class="num">3,25</td><td class="num">5,00</td><td class="num">9</td></tr>%',
          'a competency with its mean beside the self-assessment') FROM doc;
SELECT ok(s360 LIKE '%<tr class="weakest"><td class="num">8</td><td>Саморазвитие</td><td class="num">2,92</td><td class="num">4,33</td><td class="num">9</td></tr>%'
          AND s360 LIKE '%Наименее выраженные компетенции: <b>8. Саморазвитие (2,92)</b>%', 'the weakest competency is marked and named') FROM doc;
SELECT is((SELECT count(*)::int FROM regexp_matches(s360, '<tr( class="weakest")?><td class="num">[0-9]+</td>', 'g')), 8, 'eight competency rows') FROM doc;
SELECT ok(s360_kk LIKE '%<td>Тиімді коммуникациялар құру</td><td class="num">3,25</td>%', 'kk: the competency names of seed 000 appendix 8') FROM doc;
SELECT is((SELECT count(*)::int FROM regexp_matches(s360, '<line class="axis"', 'g')), 8, 'the radar has one axis per competency') FROM doc;
SELECT is(substring(s360 FROM 'class="series respondents"[^>]*points="([^"]*)"'),
          '180.00,95.50 253.54,106.46 271.00,180.00 247.47,247.47 180.00,277.50 106.46,253.54 91.08,180.00 126.32,126.32',
          'the respondents'' polygon: one vertex per competency where its mean puts it') FROM doc;
SELECT is(substring(s360 FROM 'class="series self"[^>]*points="([^"]*)"'),
          '180.00,50.00 259.61,100.39 275.42,180.00 253.54,253.54 180.00,284.00 88.08,271.92 84.58,180.00 100.39,100.39',
          'the self-assessment polygon') FROM doc;
SELECT ok(s360 LIKE '%>Средняя оценка респондентов</text>%' AND s360 LIKE '%>Самооценка</text>%', 'both polygons are labelled') FROM doc;

-- ---------- the KPI work plan (typical-2023 appendix 1) ----------
SELECT ok(plan_kk LIKE '%<h1>Құрылымдық бөлімше (мемлекеттік орган) басшысының жеке жұмыс жоспары 2025 ЖЫЛ</h1>%'
          AND plan_kk LIKE '%<td class="label">Қызметшінің тегі, аты, әкесінің аты (болған жағдайда)</td><td class="value">Ахметов Айдар</td>%',
          'the plan''s title and whose it is, in seed 000''s words') FROM doc;
SELECT ok(plan_kk LIKE '%<tr><td class="num">2</td><td>Количество обоснованных жалоб</td><td>шт.</td><td>төмендеу</td><td class="num">—</td><td class="num">—</td><td class="num">10</td><td class="num">—</td></tr>%',
          'each KPI with its unit, direction and planned value per quarter (only 2025-Q3 is planned here)') FROM doc;
SELECT is((SELECT count(*)::int FROM regexp_matches(plan_kk, '<tr><td class="num">[0-9]</td>', 'g')), 3, 'three KPI rows') FROM doc;
SELECT throws_ok($$SELECT render_kpi_plan(1, 2025)$$, '22023',
                 'no KPI plan for employee 1 (Ким <script>alert(''x'')</script> & "Ко") in 2025', 'no plan: 22023');

-- ---------- refusals ----------
SELECT throws_ok($$SELECT render_sheet(5, '2026-Q2')$$, '22023', 'no result for employee 5 (Без Результата) in 2026-Q2',
                 'a person and quarter with no result: 22023, no document');
SELECT throws_ok($$SELECT render_sheet(4, '2025-Q3')$$, '22023', 'no evaluation sheet for employee 4 (Оспанова Динара) in 2025-Q3',
                 'a quarter the person was not evaluated in has no sheet: 22023');
SELECT throws_ok($$SELECT render_sheet(1, '2026-Q2', 'de')$$, '22023', 'unknown form language ''de''', 'an unknown language: 22023');
SELECT throws_ok($$SELECT render_360(4, 2025, NULL)$$, '22023', 'unknown form language NULL', 'no language: 22023');
SELECT throws_ok($$SELECT render_360(4, 2024)$$, '22023', 'no 360 result for employee 4 (Оспанова Динара) in 2024',
                 'a year with no 360 result: 22023');
RESET ROLE;
REVOKE SELECT ON ALL TABLES IN SCHEMA ocenka FROM ocenka_tester;
SET ROLE ocenka_tester;
SELECT throws_ok($$SELECT render_sheet(1, '2026-Q2')$$, '42501', 'permission denied for table quarter_result',
                 'a caller who may not read the results gets 42501 from the table, not a sheet');
SELECT throws_ok($$SELECT render_360(4, 2025)$$, '42501', 'permission denied for table survey',
                 'nor a 360 sheet');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
