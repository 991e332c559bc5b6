-- pgTAP: retention and audit (methodology §11) — documents of a completed evaluation are kept three
-- years from the day it was completed: no DELETE, TRUNCATE, change of a final result or reopening before
-- then; the audit log is append-only; purge_expired removes exactly what has expired, once.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(120);
\ir fixture/store.sql

-- 2025 (four quarters, the 360 survey of 103, the year), 2026-Q1, and akmola-2018's 2021, each closed
-- on its deadline by ocenka_test_dba: completed 2025-04-10, 07-10, 10-10, 2026-01-10 (quarters),
-- 2026-01-20 (year 2025), 2026-04-05 (year 2021 of body 2), 2026-04-10 (2026-Q1)
SET ROLE ocenka_test_dba;
\o /dev/null
SELECT pg_temp.complete(1, '2025-Q1', '2025-04-10', true);
SELECT pg_temp.complete(1, '2025-Q2', '2025-07-10', true);
SELECT pg_temp.complete(1, '2025-Q3', '2025-10-10', true);
SELECT pg_temp.complete(1, '2025-Q4', '2026-01-05', false);
INSERT INTO survey (employee_id, body_id, year, survey_form, methodology) VALUES (103, 1, 2025, 'employees', 'typical-2023');
INSERT INTO respondent (survey_id, employee_id, role)
SELECT s.id, r.e, r.role FROM survey s, (VALUES (103, 'self'), (102, 'supervisor'), (104, 'peer'), (114, 'peer')) AS r(e, role);
INSERT INTO answer (respondent_id, survey_id, competency_no, question_no, answer, is_self)
SELECT r.id, r.survey_id, c.competency_no, c.question_no, 4, r.role = 'self'
FROM respondent r, competency_question c WHERE c.survey_form = 'employees';
SELECT pg_temp.at('2026-01-10');
CALL close_quarter(1, '2025-Q4');
SELECT pg_temp.at('2026-01-20');
CALL close_year(1, 2025);
SELECT pg_temp.at('2026-04-05');
CALL close_year(2, 2021);
SELECT pg_temp.complete(1, '2026-Q1', '2026-04-10', true);
\o
SELECT id AS v103 FROM survey WHERE employee_id = 103 \gset
SELECT results_eq(
	$$SELECT q::text, completed_on, kept_until(completed_on) FROM quarter_status WHERE body_id = 1 AND closed_at IS NOT NULL ORDER BY q$$,
	$$VALUES ('2025-Q1', date '2025-04-10', date '2028-04-10'), ('2025-Q2', '2025-07-10', '2028-07-10'),
	         ('2025-Q3', '2025-10-10', '2028-10-10'), ('2025-Q4', '2026-01-10', '2029-01-10'), ('2026-Q1', '2026-04-10', '2029-04-10')$$,
	'§11: each closed quarter is kept three years from the day it was completed');
SELECT is(kept_until('2024-02-29'), date '2027-02-28', '§11: three years from 29 February end on 28 February');

-- ============ no DELETE before three years have passed (23001) ============
SELECT pg_temp.refused(sql, '23001', msg, label)
FROM (VALUES
	($$DELETE FROM quarter_result WHERE q = '2026-Q1'$$,
	 'the result of employee 101 (Ахметов Айдар), 2026-Q1 must be kept until 2029-04-10', 'a closed quarter''s results are kept'),
	($$DELETE FROM quarter_result WHERE employee_id = 113$$,
	 'the result of employee 113 (Калиев Серик), 2025-Q4 must be kept until 2029-01-10', 'a not-evaluated result is kept too'),
	($$DELETE FROM annual_result WHERE body_id = 1$$,
	 'the annual result of employee 101 (Ахметов Айдар), 2025 must be kept until 2029-01-20', 'annual results are kept'),
	($$DELETE FROM annual_result WHERE body_id = 2 AND employee_id = 203$$,
	 'the annual result of employee 203 (Калиева Айгуль), 2021 must be kept until 2029-04-05', 'akmola-2018 annual results are kept'),
	($$DELETE FROM competency_result$$,
	 format('the 360 result of survey %s must be kept until 2029-01-20', :v103), '360 results are kept')
) AS t(sql, msg, label);
SET ROLE ocenka_test_clerk;
SELECT pg_temp.refused(sql, '23001', msg, label)
FROM (VALUES
	($$DELETE FROM item WHERE sheet_id IN (SELECT id FROM sheet WHERE employee_id = 103 AND q = '2026-Q1')$$,
	 'a score of employee 103 (Сериков Ерлан), 2026-Q1 must be kept until 2029-04-10', 'the scores of a closed quarter are kept'),
	($$DELETE FROM item WHERE sheet_id IN (SELECT id FROM sheet WHERE q = '2025-Q1')$$,
	 'a score of employee 101 (Ахметов Айдар), 2025-Q1 must be kept until 2028-04-10', 'the scores of 2025-Q1 are kept'),
	($$DELETE FROM sheet WHERE employee_id = 104 AND q = '2025-Q3'$$,
	 'the sheet of employee 104 (Нурланова Динара), 2025-Q3 must be kept until 2028-10-10', 'the sheets of a closed quarter are kept'),
	($$DELETE FROM respondent WHERE employee_id = 104$$,
	 format('a 360 answer of survey %s must be kept until 2029-01-20', :v103), '360 respondents (and their answers) are kept'),
	($$DELETE FROM kpi_target WHERE q = '2025-Q2'$$,
	 'a KPI target of employee 101 (Ахметов Айдар), 2025-Q2 must be kept until 2029-01-20', 'KPI targets are kept with their plan''s year'),
	($$DELETE FROM kpi WHERE employee_id = 112$$,
	 'the KPI plan of employee 112 (Сапарова Меруерт), 2025 must be kept until 2029-01-20', 'KPI plans are kept')
) AS t(sql, msg, label);
-- answers are deleted only by their respondent or admin (src/access/access.sql): the administrator tries
SET ROLE ocenka_test_dba;
SELECT pg_temp.refused($$DELETE FROM answer WHERE competency_no = 1$$, '23001',
                       format('a 360 answer of survey %s must be kept until 2029-01-20', :v103), '360 answers are kept');
SET ROLE ocenka_test_clerk;

-- ============ final results: only the acquaintance day is recorded afterwards ============
-- (since 0.2 the acquaintance is recorded by HR in ocenka.acquaintance, and acquainted_on is its copy)
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT pg_temp.at('2026-04-12') \g /dev/null
SELECT lives_ok($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (103, 1, '2026-Q1', 'signed', '2026-04-12')$$,
                '§9a: the day the evaluatee was acquainted with the result is recorded');
SELECT is((SELECT acquainted_on FROM quarter_result WHERE employee_id = 103 AND q = '2026-Q1'), date '2026-04-12',
          'the acquaintance day is stored');
SELECT lives_ok($$INSERT INTO acquaintance (employee_id, body_id, year, kind, on_date) VALUES (103, 1, 2025, 'signed', '2026-01-22')$$,
                '§9a: the acquaintance day of an annual result is recorded');
SELECT pg_temp.at('2026-04-10') \g /dev/null
RESET ROLE;
SET ROLE ocenka_test_clerk;
SELECT pg_temp.refused($$UPDATE quarter_result SET score = 5 WHERE employee_id = 103 AND q = '2026-Q1'$$, '42501',
                       'permission denied for table quarter_result', 'an ordinary role has no right to change a score');
RESET ROLE;
SELECT pg_temp.refused(sql, '23001', msg, label)
FROM (VALUES
	($$DELETE FROM quarter_status WHERE q = '2025-Q1'$$,
	 'quarter 2025-Q1 of body 1 is closed: its status is kept', 'a closed quarter''s status is kept'),
	($$DELETE FROM year_status WHERE year = 2025$$,
	 'year 2025 of body 1 is closed: its status is kept', 'a closed year''s status is kept')
) AS t(sql, msg, label);
-- results carry no foreign keys (they are written in bulk by the close procedures): retention refuses
SELECT pg_temp.refused($$DELETE FROM survey$$, '23001',
                       'the 360 survey of employee 103 (Сериков Ерлан), 2025 must be kept until 2029-01-20',
                       '360 surveys are kept');
SELECT pg_temp.refused(sql, '23514', msg, label)
FROM (VALUES
	($$UPDATE quarter_result SET score = 5, gradation = 'effective' WHERE employee_id = 103 AND q = '2026-Q1'$$,
	 'employee 103 (Сериков Ерлан): the result for 2026-Q1 is final', 'even the owner cannot change a closed result'),
	($$UPDATE quarter_result SET acquainted_on = '2026-04-13', completed_on = '2026-04-13' WHERE employee_id = 103 AND q = '2026-Q1'$$,
	 'employee 103 (Сериков Ерлан): the result for 2026-Q1 is final', 'nothing but the acquaintance day changes'),
	($$UPDATE quarter_result SET status = 'evaluated', reason = NULL, sheet_id = 0, score = 4, gradation = 'effective' WHERE employee_id = 113$$,
	 'employee 113 (Калиев Серик): the result for 2025-Q4 is final', 'a not-evaluated result stays not evaluated'),
	($$UPDATE annual_result SET gradation = 'effective' WHERE employee_id = 203$$,
	 'employee 203 (Калиева Айгуль): the result for 2021 is final', 'an annual result is final'),
	($$UPDATE survey SET employee_id = 104$$,
	 'employee 103 (Сериков Ерлан): year 2025 of body 1 is closed', 'a closed year''s 360 survey cannot be given to someone else'),
	($$UPDATE survey SET survey_form = 'heads'$$,
	 'employee 103 (Сериков Ерлан): year 2025 of body 1 is closed', 'a closed year''s 360 survey cannot change its form'),
	($$UPDATE competency_result SET mean = 5, weakest = false WHERE competency_no = 3$$,
	 'employee 103 (Сериков Ерлан): the 360 result for 2025 is final', '§8a: a 360 result is final'),
	($$UPDATE kpi SET direction = 'increase' WHERE employee_id = 101 AND year = 2026 AND no = 2$$,
	 'employee 101 (Ахметов Айдар): quarter 2026-Q1 of body 1 is closed', 'a KPI graded in a closed quarter cannot change'),
	($$UPDATE quarter_status SET closed_at = NULL, closed_by = NULL, completed_on = NULL WHERE body_id = 1 AND q = '2026-Q1'$$,
	 'quarter 2026-Q1 of body 1 is closed and cannot be reopened', 'a closed quarter cannot be reopened'),
	($$UPDATE quarter_status SET completed_on = '2026-04-01' WHERE body_id = 1 AND q = '2026-Q1'$$,
	 'quarter 2026-Q1 of body 1 is closed and cannot be reopened', 'the completion day, from which retention counts, is fixed'),
	($$UPDATE year_status SET closed_at = NULL, closed_by = NULL, completed_on = NULL WHERE body_id = 1 AND year = 2025$$,
	 'year 2025 of body 1 is closed and cannot be reopened', 'a closed year cannot be reopened')
) AS t(sql, msg, label);

-- ============ TRUNCATE (23001), even by the owner ============
SELECT pg_temp.refused(format('TRUNCATE ocenka.%I CASCADE', t), '23001', format('table %s cannot be truncated', t),
                       format('§11: TRUNCATE %s is refused', t))
FROM unnest(ARRAY['sheet', 'item', 'penalty', 'kpi', 'kpi_target', 'survey', 'respondent', 'answer', 'quarter_status',
                  'year_status', 'quarter_result', 'annual_result', 'competency_result', 'audit_log']) t;

-- ============ the audit log ============
SELECT results_eq(
	$$SELECT actor::text COLLATE "default", table_name, operation, mode, body_id::int, q::text, ordinal::int,
	         old_row->>'acquainted_on', new_row->>'acquainted_on', new_row->>'score'
	  FROM audit_trail WHERE table_name = 'quarter_result' AND operation = 'UPDATE'$$,
	$$VALUES ('ocenka_test_hr_officer', 'quarter_result', 'UPDATE', 'normal', 1, '2026-Q1', 1, NULL::text, '2026-04-12', '4.00')$$,
	'audit_trail: the acquaintance update, with who, the period and the old and new values');
SELECT results_eq(
	$$SELECT actor::text COLLATE "default", operation::text, q::text, row_count, (SELECT count(*)::int FROM audit_rows(id))
	  FROM audit_log WHERE table_name = 'quarter_result' AND operation = 'INSERT' ORDER BY q$$,
	$$VALUES ('ocenka_test_dba', 'INSERT', '2025-Q1', 4, 4), ('ocenka_test_dba', 'INSERT', '2025-Q2', 5, 5),
	         ('ocenka_test_dba', 'INSERT', '2025-Q3', 5, 5), ('ocenka_test_dba', 'INSERT', '2025-Q4', 7, 7),
	         ('ocenka_test_dba', 'INSERT', '2026-Q1', 10, 10)$$,
	'the audit log holds the results close_quarter wrote, one entry per quarter');
SELECT is((SELECT count(*)::int FROM audit_log WHERE operation = 'DELETE' OR table_name IN ('quarter_status', 'year_status')), 0,
          'the refused deletions left no trace');
SET ROLE ocenka_test_clerk;
SELECT pg_temp.refused(sql, '42501', 'permission denied for table audit_log', label)
FROM (VALUES
	($$INSERT INTO audit_log (actor, table_name, operation, mode, row_count) VALUES ('x', 'item', 'INSERT', 'normal', 0)$$,
	 'an ordinary role cannot write the audit log'),
	($$UPDATE audit_log SET actor = 'x'$$, 'an ordinary role cannot change the audit log'),
	($$DELETE FROM audit_log$$, 'an ordinary role cannot delete the audit log'),
	($$SELECT count(*) FROM audit_log$$, 'an ordinary role cannot read the audit log')
) AS t(sql, label);
RESET ROLE;
SELECT min(id) AS first_audit FROM audit_log \gset
SELECT pg_temp.refused(sql, '23001', msg, label)
FROM (VALUES
	($$UPDATE audit_log SET actor = 'x' WHERE id = $$ || :first_audit,
	 format('audit log entry %s cannot be changed', :first_audit), 'even the owner cannot change the audit log'),
	($$DELETE FROM audit_log WHERE q = '2026-Q2'$$, 'the audit log of an open period must be kept',
	 'the audit log of an open quarter (2026-Q2''s penalties) is kept'),
	($$DELETE FROM audit_log WHERE q = '2025-Q1' AND table_name = 'sheet'$$,
	 format('the audit log of entry %s must be kept until 2028-04-10', (SELECT id FROM audit_log WHERE q = '2025-Q1' AND table_name = 'sheet')),
	 'the audit log of a closed quarter is kept three years')
) AS t(sql, msg, label);

-- ============ purge_expired ============
SET ROLE ocenka_test_clerk;
SELECT pg_temp.refused($$SELECT * FROM purge_expired('2026-04-10')$$, '42501', 'permission denied to begin purge',
                       'purging needs the admin capacity');
SET ROLE ocenka_test_dba;
SELECT pg_temp.refused($$SELECT * FROM purge_expired('2026-04-11')$$, '22023',
                       'cannot purge as of 2026-04-11, which is after today (2026-04-10)', 'no purge as of a day after today');
SELECT pg_temp.at('2029-02-01') \g /dev/null
-- what should go, counted before
CREATE TEMP TABLE expired AS
SELECT (SELECT count(*) FROM item i JOIN sheet s ON s.id = i.sheet_id WHERE s.body_id = 1 AND year_of(s.q) = 2025) AS items,
       (SELECT count(*) FROM sheet WHERE body_id = 1 AND year_of(q) = 2025) AS sheets,
       (SELECT count(*) FROM quarter_result WHERE body_id = 1 AND year_of(q) = 2025) AS results,
       (SELECT count(*) FROM kpi_target t JOIN kpi k ON k.id = t.kpi_id WHERE k.year = 2025) AS targets,
       (SELECT count(*) FROM audit_log WHERE body_id = 1 AND year_of(q) = 2025) AS quarter_audit,
       (SELECT count(*) FROM audit_log WHERE body_id = 1 AND year = 2025) AS year_audit;
SELECT results_eq($$SELECT * FROM expired$$, $$VALUES (71::bigint, 19::bigint, 21::bigint, 31::bigint, 21::bigint, 5::bigint)$$,
                  'before the purge: 71 scores, 19 sheets, 21 results, 31 KPI targets, 21 quarterly and 5 annual audit entries of 2025 (one the acquaintance)');
SELECT results_eq(
	$$SELECT table_name, deleted FROM purge_expired('2029-01-15')$$,
	$$VALUES ('calibration_vote', 0::bigint), ('calibration_member', 0), ('calibration_session', 0), ('calibration_application', 0), ('appeal', 0), ('result_decision', 0), ('acquaintance', 0),
	         ('commission_vote', 0), ('commission_attendance', 0), ('commission_meeting', 0), ('commission_order', 0),
	         ('answer', 0), ('respondent', 0), ('competency_result', 0), ('survey', 0), ('item', 71), ('quarter_result', 21),
	         ('sheet', 19), ('annual_result', 0), ('review_step', 0), ('notice', 0), ('count_sheet', 0),
	         ('kpi_target', 0), ('kpi_indicator', 0), ('kpi', 0), ('kpi_plan', 0),
	         ('indicator_mark', 0), ('competency_assessment', 0), ('annual_schedule', 0), ('audit_log', 16)$$,
	'§11: as of 2029-01-15 the four quarters of 2025 have expired (kept until 2029-01-10 at most), the year 2025 not yet; the audit of KPI targets waits for their year, that of penalties stays');
SELECT results_eq(
	$$SELECT table_name, deleted FROM purge_expired('2029-02-01')$$,
	$$VALUES ('calibration_vote', 0::bigint), ('calibration_member', 0), ('calibration_session', 0), ('calibration_application', 0), ('appeal', 0), ('result_decision', 0), ('acquaintance', 1),
	         ('commission_vote', 0), ('commission_attendance', 0), ('commission_meeting', 0), ('commission_order', 0),
	         ('answer', 96), ('respondent', 4), ('competency_result', 8), ('survey', 1), ('item', 0), ('quarter_result', 0),
	         ('sheet', 0), ('annual_result', 7), ('review_step', 0), ('notice', 0), ('count_sheet', 0),
	         ('kpi_target', 31), ('kpi_indicator', 0), ('kpi', 10), ('kpi_plan', 0),
	         ('indicator_mark', 0), ('competency_assessment', 0), ('annual_schedule', 0), ('audit_log', 9)$$,
	'§11: as of 2029-02-01 the year 2025 has expired too: its 360, annual results and KPI plans go');
SELECT results_eq(
	$$SELECT table_name, deleted FROM purge_expired('2029-02-01')$$,
	$$VALUES ('calibration_vote', 0::bigint), ('calibration_member', 0), ('calibration_session', 0), ('calibration_application', 0), ('appeal', 0), ('result_decision', 0), ('acquaintance', 0),
	         ('commission_vote', 0), ('commission_attendance', 0), ('commission_meeting', 0), ('commission_order', 0),
	         ('answer', 0), ('respondent', 0), ('competency_result', 0), ('survey', 0), ('item', 0), ('quarter_result', 0),
	         ('sheet', 0), ('annual_result', 0), ('review_step', 0), ('notice', 0), ('count_sheet', 0),
	         ('kpi_target', 0), ('kpi_indicator', 0), ('kpi', 0), ('kpi_plan', 0),
	         ('indicator_mark', 0), ('competency_assessment', 0), ('annual_schedule', 0), ('audit_log', 0)$$,
	'purge_expired is idempotent: a second call deletes nothing');
SELECT results_eq(
	$$SELECT (SELECT count(*)::int FROM quarter_result), (SELECT count(*)::int FROM sheet), (SELECT count(*)::int FROM annual_result),
	         (SELECT count(*)::int FROM kpi), (SELECT count(*)::int FROM kpi_target), (SELECT count(*)::int FROM quarter_status WHERE closed_at IS NOT NULL),
	         (SELECT count(*)::int FROM penalty)$$,
	$$VALUES (10, 9, 9, 42, 7, 5, 6)$$,
	'what has not expired stays: 2026-Q1, the 2021 akmola-2018 year, the 2026 KPI plans; period statuses and penalties are kept');
SELECT results_eq(
	$$SELECT actor::text COLLATE "default", operation::text, mode, reason, body_id, q::text, year FROM audit_log WHERE operation = 'PURGE' ORDER BY id$$,
	$$VALUES ('ocenka_test_dba', 'PURGE', 'purge', 'purge_expired as of 2029-01-15', NULL::bigint, NULL::text, NULL::int),
	         ('ocenka_test_dba', 'PURGE', 'purge', 'purge_expired as of 2029-02-01', NULL, NULL, NULL),
	         ('ocenka_test_dba', 'PURGE', 'purge', 'purge_expired as of 2029-02-01', NULL, NULL, NULL)$$,
	'each purge is in the audit log, which outlives the periods it purged');
SELECT is((SELECT count(*)::int FROM audit_log WHERE mode = 'purge' AND operation = 'DELETE' AND old_rows IS NOT NULL), 0,
          'under purge the deleted documents are counted in the audit log, not copied');
SELECT is((SELECT sum(row_count)::int FROM audit_log WHERE mode = 'purge' AND operation = 'DELETE' AND table_name = 'item'), 71,
          'the purged scores are counted');
SELECT is(entry_mode(), 'normal', 'after purge_expired the transaction is back in normal entry');
SELECT pg_temp.at('2029-04-10') \g /dev/null
SELECT results_eq(
	$$SELECT table_name, deleted FROM purge_expired() WHERE deleted > 0$$,
	$$VALUES ('acquaintance', 1::bigint), ('item', 35), ('quarter_result', 10), ('sheet', 9), ('annual_result', 9), ('kpi', 35), ('audit_log', 8)$$,
	'purge_expired() purges as of ocenka.today() (2029-04-10): 2026-Q1 and the akmola-2018 year 2021');

-- ============ pg_dump keeps the store ============
RESET ROLE;
SELECT is_empty(
	$$SELECT c.relname FROM pg_class c
	  WHERE c.relnamespace = 'ocenka'::regnamespace AND c.relkind IN ('r', 'S')
	    AND c.relname NOT IN ('competency_question', 'ineligibility_reason', 'review_transition', 'form_label_text')
	    AND c.oid <> ALL ((SELECT extconfig FROM pg_extension WHERE extname = 'ocenka')::oid[])$$,
	'every table and sequence of the store is registered with pg_extension_config_dump (the shipped questionnaire, reasons and form labels are not data)');
SELECT is((SELECT extcondition[array_position(extconfig, 'ocenka.methodology'::regclass)] FROM pg_extension WHERE extname = 'ocenka'),
          'WHERE NOT builtin', 'pg_dump keeps only the methodologies an administrator added');

SELECT * FROM finish();
ROLLBACK;
