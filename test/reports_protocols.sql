-- pgTAP: the protocols (issue 15) — render_calibration_protocol and render_commission_protocol print
-- the stored session and meeting exactly: body, date, the order, members with their roles and
-- attendance, the quorum, each result with the grade before, each member's vote, the majority or
-- the chair's casting vote, the column "corrected by the commission", signatures; they escape every
-- text from data, and refuse an unknown session or meeting and an unknown language (22023) and a
-- caller who does not see every row of the protocol (42501), with no document.
--
-- As in reports_forms.sql the rows are written directly by the superuser with the entry rules off
-- (session_replication_role = replica), chosen so that every printed value is known; the rules that
-- would write them are tested in cycle_calibration.sql and cycle_commission.sql. The protocols are
-- rendered by ocenka_tester, an ordinary role.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(40);

SET client_min_messages = warning;
\o /dev/null
SET session_replication_role = replica;
-- a commission of akmola-2018 on the annual results of 2021
INSERT INTO body (id, name, code) VALUES (1, 'Аппарат <b>маслихата</b> & Co', 'P-1'), (2, 'Аппарат акима (тест)', 'P-2');
INSERT INTO body_edition (body_id, valid_from, methodology) VALUES (1, '2018-04-04', 'akmola-2018'), (2, '2023-08-03', 'typical-2023');
INSERT INTO employee (id, full_name) VALUES
	(10, 'Ким <script>alert(1)</script> & "Ко"'), (11, 'Аханов Марат'), (12, 'Жумабек Ерлан'),
	(20, 'Абаев Арман'), (21, 'Бекова Алия'), (22, 'Ванов Вадим'), (23, 'Гусев Глеб'), (24, 'Дулатов Дамир'), (25, 'Секретарь <Сауле>'),
	(26, 'Уполномоченное Лицо'),
	(30, 'Оспанова <i>Динара</i>'), (31, 'Сериков Жанар'), (32, 'Алиев Нурлан'), (33, 'Бекет Асель'), (34, 'Кадрова Жанна'), (35, 'Руководитель Аппарата');
INSERT INTO appointment (employee_id, body_id, position, category, is_head, started_on) VALUES
	(10, 1, 'Главный <специалист>', 'E-4', false, '2019-01-10'), (11, 1, 'Ведущий специалист', 'E-5', false, '2019-01-10'),
	(12, 1, 'Главный специалист', 'E-4', false, '2019-01-10'), (30, 2, 'Главный специалист', 'E-4', false, '2020-01-10');
INSERT INTO commission_order (id, body_id, number, signed_on, valid_from, signed_by) VALUES (1, 1, '12-р <a>', '2021-01-05', '2021-01-10', 26);
INSERT INTO commission_member VALUES (1, 20, 'chair'), (1, 21, 'member'), (1, 22, 'member'), (1, 23, 'member'), (1, 24, 'member'), (1, 25, 'secretary');
INSERT INTO annual_result (employee_id, year, body_id, methodology, rule, status, kpi_achieved, kpi_total, gradation, completed_on) VALUES
	(10, 2021, 1, 'akmola-2018', 'kpi_count', 'evaluated', 5, 5, 'effective', '2022-01-10'),
	(11, 2021, 1, 'akmola-2018', 'kpi_count', 'evaluated', 4, 5, 'proper', '2022-01-10'),
	(12, 2021, 1, 'akmola-2018', 'kpi_count', 'evaluated', 4, 5, 'proper', '2022-01-10');
INSERT INTO commission_meeting (id, body_id, year, held_on, notified_on, order_id, protocol_no, approved_on, approved_by)
VALUES (1, 1, 2021, '2022-01-25', '2022-01-14', 1, '1 <2022>', '2022-01-26', 26);
-- Дулатов is absent: 4 of the 5 voting members present, 3 · 4 ≥ 2 · 5
INSERT INTO commission_attendance VALUES (1, 20, true), (1, 21, true), (1, 22, true), (1, 23, true), (1, 24, false), (1, 25, true);
-- Ким: all four approve; Аханов: 2 : 2, the chair among those revising to satisfactory; Жумабек: 3 of 4 revise to satisfactory
INSERT INTO commission_vote VALUES
	(1, 10, 20, 'approve', NULL), (1, 10, 21, 'approve', NULL), (1, 10, 22, 'approve', NULL), (1, 10, 23, 'approve', NULL),
	(1, 11, 20, 'revise', 'satisfactory'), (1, 11, 21, 'revise', 'satisfactory'), (1, 11, 22, 'approve', NULL), (1, 11, 23, 'approve', NULL),
	(1, 12, 20, 'approve', NULL), (1, 12, 21, 'revise', 'satisfactory'), (1, 12, 22, 'revise', 'satisfactory'), (1, 12, 23, 'revise', 'satisfactory');
INSERT INTO result_decision (employee_id, body_id, year, kind, outcome, gradation_before, gradation_after, decided_on, document, decided_by, source_id, recorded_on)
VALUES (10, 1, 2021, 'commission', 'approved', 'effective', 'effective', '2022-01-26', 'protocol No 1', 'the commission', 1, '2022-01-26'),
       (11, 1, 2021, 'commission', 'revised', 'proper', 'satisfactory', '2022-01-26', 'protocol No 1', 'the commission', 1, '2022-01-26'),
       (12, 1, 2021, 'commission', 'revised', 'proper', 'satisfactory', '2022-01-26', 'protocol No 1', 'the commission', 1, '2022-01-26');
-- a calibration session of typical-2023: 3.40 contested, two of three members vote 4.00
INSERT INTO sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id)
VALUES (40, 30, '2025-Q3', 2, 'typical-2023', 'ranking', 'typical-ranking', 31);
INSERT INTO quarter_result (employee_id, q, body_id, methodology, status, sheet_id, method, form, mean, score, gradation, completed_on)
VALUES (30, '2025-Q3', 2, 'typical-2023', 'evaluated', 40, 'ranking', 'typical-ranking', 3.40, 3.40, ocenka.gradation(3.40::ocenka.score), '2025-10-10');
INSERT INTO calibration_application (id, employee_id, body_id, q, filed_on, addressed_to, grounds)
VALUES (50, 30, 2, '2025-Q3', '2025-10-14', 35, 'не согласна');
INSERT INTO calibration_session (id, application_id, ordered_on, ordered_by, order_document, held_on, evaluator_heard, evaluator_argument,
                                 applicant_argument, protocol_signed_on, protocol_document)
VALUES (60, 50, '2025-10-15', 35, 'приказ <№ 7>', '2025-10-22', true, 'Сроки <нарушены> & повторно', 'Не согласна: "план выполнен"',
        '2025-10-22', 'протокол № 3 от 22.10.2025');
INSERT INTO calibration_member VALUES (60, 32, false), (60, 33, false), (60, 34, true);
INSERT INTO calibration_vote VALUES (60, 32, 4.00), (60, 33, 4.00), (60, 34, 3.40);
INSERT INTO result_decision (employee_id, body_id, q, kind, outcome, score_before, gradation_before, score_after, gradation_after,
                             decided_on, document, decided_by, source_id, recorded_on)
VALUES (30, 2, '2025-Q3', 'calibration', 'revised', 3.40, ocenka.gradation(3.40::ocenka.score), 4.00, ocenka.gradation(4.00::ocenka.score),
        '2025-10-22', 'протокол № 3 от 22.10.2025', 'calibration session 60', 60, '2025-10-23');
SET session_replication_role = origin;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_tester;
INSERT INTO ocenka.staff_capacity VALUES ('ocenka_tester', 'records');
\o
RESET client_min_messages;

SET ROLE ocenka_tester;
CREATE TEMP TABLE doc AS SELECT render_calibration_protocol(60, 'ru') AS cal, render_calibration_protocol(60, 'kk') AS cal_kk,
                                render_calibration_protocol(60, 'en') AS cal_en, render_calibration_protocol(60) AS cal_default,
                                render_commission_protocol(1, 'ru') AS com, render_commission_protocol(1, 'kk') AS com_kk,
                                render_commission_protocol(1, 'en') AS com_en;

-- ---------- the calibration protocol ----------
SELECT ok(left(cal, 15) = '<!DOCTYPE html>' AND cal LIKE '%@page { size: A4;%' AND cal LIKE '%</body></html>' || E'\n'
          AND cal NOT LIKE '%<script%' AND cal NOT LIKE '% src=%' AND cal NOT LIKE '% href=%',
          'the calibration protocol is a complete HTML document for A4, with no script and nothing external') FROM doc;
SELECT ok(cal LIKE '%<h1>Протокол калибровочной сессии</h1>' || E'\n' || '<p class="subtitle">протокол № 3 от 22.10.2025</p>%',
          'its title and the protocol''s number and date') FROM doc;
SELECT ok(cal LIKE '%<td class="label">Дата заседания</td><td class="value">22.10.2025</td>%'
          AND cal LIKE '%<td class="value">приказ &lt;№ 7&gt;, 15.10.2025, Руководитель Аппарата</td>%'
          AND cal LIKE '%<td class="label">Оцениваемый период</td><td class="value">III квартал 2025 года</td>%'
          AND cal LIKE '%<td class="label">Ф.И.О. оцениваемого лица</td><td class="value">Оспанова &lt;i&gt;Динара&lt;/i&gt;</td>%'
          AND cal LIKE '%<td class="value">Сериков Жанар</td>%',
          'the date, the order (escaped), the period, the evaluatee (escaped) and the evaluator') FROM doc;
SELECT ok(cal LIKE '%<tr><td class="num">1</td><td>Алиев Нурлан</td><td>Член калибровочной сессии</td><td>4,00 (' || gradation_label(gradation(4.00::score), 'ru') || ')</td></tr>%'
          AND cal LIKE '%<tr><td class="num">3</td><td>Кадрова Жанна</td><td>Член калибровочной сессии (служба управления персоналом)</td><td>3,40 ('
                        || gradation_label(gradation(3.40::score), 'ru') || ')</td></tr>%',
          'each member with the role (the HR member named) and the score voted with its gradation') FROM doc;
SELECT is((SELECT count(*)::int FROM regexp_matches(cal, '<tr><td class="num">[0-9]</td>', 'g')), 3, 'three members') FROM doc;
SELECT ok(cal LIKE '%Проголосовали: 3 из 3 членов; для итоговой оценки необходимо не менее 2 голосов%', 'how many voted and the majority needed') FROM doc;
SELECT ok(cal LIKE '%<b>Оценивающее лицо кратко описало работу оцениваемого лица и аргументировало свою оценку</b>: Сроки &lt;нарушены&gt; &amp; повторно</p>%'
          AND cal LIKE '%Не согласна: &quot;план выполнен&quot;%', 'the evaluator heard and both arguments, escaped') FROM doc;
SELECT ok(cal LIKE '%<tr class="result"><td>Оспанова &lt;i&gt;Динара&lt;/i&gt;</td><td>3,40 (' || gradation_label(gradation(3.40::score), 'ru')
                   || ')</td><td>4,00 — 2; 3,40 — 1</td><td>4,00 (' || gradation_label(gradation(4.00::score), 'ru') || ')</td><td>пересмотрен</td></tr>%',
          'the result: the grade before, the votes, the majority''s grade and the decision recorded') FROM doc;
SELECT ok(cal LIKE '%Итоговая оценка принимается большинством голосов членов калибровочной сессии и оформляется соответствующим протоколом.%',
          'the rule in seed 002''s words') FROM doc;
SELECT ok(cal LIKE '%<td class="label">Протокол размещен в информационной системе</td><td class="value">23.10.2025</td>%', 'when HR recorded it') FROM doc;
SELECT is((SELECT count(*)::int FROM regexp_matches(cal, '<td class="blank"></td>', 'g')), 3, 'a line to sign for each member') FROM doc;
SELECT ok(cal_kk LIKE '%<h1>Калибрлеу сессиясының хаттамасы</h1>%'
          AND cal_kk LIKE '%Қорытынды баға калибрлеу сессиясы қатысушыларының басым дауысымен қабылданады және тиісті хаттамамен рәсімделеді.%',
          'kk: the title and seed 000''s rule') FROM doc;
SELECT ok(cal_en LIKE '%<h1>Calibration session protocol</h1>%' AND cal_en LIKE '%<td>4.00 — 2; 3.40 — 1</td>%', 'en: decimal points') FROM doc;
SELECT is(cal_default, cal, 'Russian is the default language') FROM doc;

-- ---------- the commission protocol ----------
SELECT ok(left(com, 15) = '<!DOCTYPE html>' AND com NOT LIKE '%<script%' AND com NOT LIKE '% href=%',
          'the commission protocol is an HTML document with no script and nothing external') FROM doc;
SELECT ok(com LIKE '%<p class="approval">«УТВЕРЖДАЮ»<br>Должностное лицо<br><b>Уполномоченное Лицо</b><br>Дата 26.01.2022<br>%',
          'the approval block with the authorised person and the day of approval') FROM doc;
SELECT ok(com LIKE '%<h1>Протокол заседания комиссии по оценке № 1 &lt;2022&gt;</h1>' || E'\n'
                   || '<p class="subtitle">Аппарат &lt;b&gt;маслихата&lt;/b&gt; &amp; Co<br>период оценки: 2021 год</p>%',
          'the title with the protocol''s number, the body and the year, escaped') FROM doc;
SELECT ok(com LIKE '%<td class="value">№ 12-р &lt;a&gt;, 05.01.2021</td>%' AND com LIKE '%<td class="label">Дата заседания</td><td class="value">25.01.2022</td>%',
          'the order forming the commission and the date of the meeting') FROM doc;
SELECT ok(com LIKE '%<tr><td class="num">1</td><td>Абаев Арман</td><td>Председатель комиссии</td><td>присутствовал(а)</td></tr>%'
          AND com LIKE '%<tr><td class="num">5</td><td>Дулатов Дамир</td><td>Член комиссии</td><td>отсутствовал(а)</td></tr>%'
          AND com LIKE '%<tr><td class="num">6</td><td>Секретарь &lt;Сауле&gt;</td><td>Секретарь комиссии</td><td>присутствовал(а)</td></tr>%',
          'the composition: chair first, members, the secretary last, each present or absent') FROM doc;
SELECT ok(com LIKE '%Присутствовали: 4 из 5 голосующих членов; кворум: имеется Заседание Комиссии считается правомочным%',
          'the quorum: 4 of the 5 voting members (the secretary does not count)') FROM doc;
SELECT ok(com LIKE '%<th colspan="4">Голосование</th>%' AND com LIKE '%<tr><th>1</th><th>2</th><th>3</th><th>4</th></tr>%',
          'one vote column per voting member present, numbered as in the composition') FROM doc;
SELECT ok(com LIKE '%<th rowspan="2">Корректировка результатов оценки комиссией (в случае наличия)</th>%', 'the column "corrected by the commission"') FROM doc;
SELECT ok(com LIKE '%<tr class="casting"><td class="num">1</td><td>Аханов Марат, Ведущий специалист</td><td>эффективно; достигнуто КЦИ: 4 из 5</td>'
                   || '<td>удовлетворительно</td><td>удовлетворительно</td><td>утвердить</td><td>утвердить</td>'
                   || '<td>при равенстве голосов (2 : 2) решающий голос председателя комиссии</td><td>удовлетворительно</td></tr>%',
          'a tie decided by the chair''s casting vote: each vote, the casting vote named, the correction') FROM doc;
SELECT ok(com LIKE '%<tr><td class="num">2</td><td>Жумабек Ерлан, Главный специалист</td><td>эффективно; достигнуто КЦИ: 4 из 5</td>'
                   || '<td>утвердить</td><td>удовлетворительно</td><td>удовлетворительно</td><td>удовлетворительно</td>'
                   || '<td>большинством голосов: 3 из 4</td><td>удовлетворительно</td></tr>%',
          'a majority revising the result') FROM doc;
SELECT ok(com LIKE '%<tr><td class="num">3</td><td>Ким &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Ко&quot;, Главный &lt;специалист&gt;</td><td>отлично; достигнуто КЦИ: 5 из 5</td>'
                   || '<td>утвердить</td><td>утвердить</td><td>утвердить</td><td>утвердить</td><td>большинством голосов: 4 из 4</td><td></td></tr>%',
          'an approved result: nothing in the correction column; the name and position escaped') FROM doc;
SELECT is((SELECT count(*)::int FROM regexp_matches(com, '<td class="blank"></td>', 'g')), 6, 'a line to sign for the chair, each member and the secretary') FROM doc;
SELECT ok(com NOT LIKE '%еще не утверждены%', 'an approved protocol does not say it is unapproved') FROM doc;
SELECT ok(com_kk LIKE '%<p class="approval">«БЕКІТЕМІН»<br>Лауазымды тұлға<br>%'
          AND com_kk LIKE '%<h1>Бағалау жөніндегі комиссия отырысының хаттамасы № 1 &lt;2022&gt;</h1>%'
          AND com_kk LIKE '%<th rowspan="2">Бағалау нәтижелері комиссиямен түзетілуі (бар болған жағдайда)</th>%'
          AND com_kk LIKE '%бағалау мерзімі 2021 жыл%',
          'kk: seed 000 appendix 11''s words and seed 001 ¶38''s column') FROM doc;
SELECT ok(com_en LIKE '%a tie (2 : 2): the chair&#39;s casting vote decided%', 'en: the casting vote (its apostrophe escaped like any text)') FROM doc;

-- ---------- refusals ----------
SELECT throws_ok($$SELECT render_calibration_protocol(999)$$, '22023', 'no calibration session 999', 'no such session: 22023');
SELECT throws_ok($$SELECT render_commission_protocol(999, 'kk')$$, '22023', 'no commission meeting 999', 'no such meeting: 22023');
SELECT throws_ok($$SELECT render_commission_protocol(1, 'de')$$, '22023', 'unknown form language ''de''', 'an unknown language: 22023');
RESET ROLE;
-- without a capacity the caller sees none of the rows (row-level security): no protocol, not an empty one
DELETE FROM ocenka.staff_capacity WHERE grantee = 'ocenka_tester'::regrole;
SET ROLE ocenka_tester;
SELECT throws_ok($$SELECT render_calibration_protocol(60)$$, '42501', 'permission denied for the protocol of calibration session 60',
                 'a caller who does not see the session''s rows gets 42501');
SELECT throws_ok($$SELECT render_commission_protocol(1)$$, '42501', 'permission denied for the protocol of commission meeting 1',
                 'nor the meeting''s');
RESET ROLE;
-- the evaluatee sees the whole of their session: the same protocol
INSERT INTO ocenka.person_login VALUES ('ocenka_tester', 30);
SET ROLE ocenka_tester;
SELECT is(render_calibration_protocol(60, 'ru'), (SELECT cal FROM doc), 'the evaluatee prints the same protocol as the records keeper');
RESET ROLE;
-- a member of the session sees the contested result but not its sheet (the evaluator) nor the decision recorded: refused, not a partial protocol
UPDATE ocenka.person_login SET employee_id = 32 WHERE login = 'ocenka_tester'::regrole;
SET ROLE ocenka_tester;
SELECT is(protocol_rows('calibration', 60), '{1,1,1,0,3,3,0}', 'a member of the session sees the session, its members, votes and result, not the sheet nor the decision');
SELECT throws_ok($$SELECT render_calibration_protocol(60)$$, '42501', 'permission denied for the protocol of calibration session 60',
                 'so the member gets 42501, not a protocol without the evaluator and the decision');
RESET ROLE;
-- a member of the commission sees the meeting, its composition, attendance, votes and the results reviewed
UPDATE ocenka.person_login SET employee_id = 21 WHERE login = 'ocenka_tester'::regrole;
SET ROLE ocenka_tester;
SELECT is(render_commission_protocol(1, 'ru'), (SELECT com FROM doc), 'a member of the commission prints the whole protocol');
RESET ROLE;

-- before HR records the calibration protocol and before the commission's protocol is approved
SET session_replication_role = replica;
DELETE FROM ocenka.result_decision WHERE kind = 'calibration' AND source_id = 60;
UPDATE ocenka.commission_meeting SET approved_on = NULL, approved_by = NULL WHERE id = 1;
SET session_replication_role = origin;
INSERT INTO ocenka.staff_capacity VALUES ('ocenka_tester', 'records');
SET ROLE ocenka_tester;
SELECT ok(render_calibration_protocol(60) LIKE '%<td>4,00 — 2; 3,40 — 1</td><td>4,00 (' || gradation_label(gradation(4.00::score), 'ru')
                                               || ')</td><td>пересмотрен (протокол еще не зарегистрирован)</td></tr>%',
          'an unrecorded protocol: the majority''s grade, marked as not recorded yet');
SELECT ok(render_commission_protocol(1) LIKE '%Дата ____________<br>%' AND render_commission_protocol(1) LIKE '%<b>Результаты оценки еще не утверждены</b>%',
          'an unapproved commission protocol: no approval date, and it says so');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
