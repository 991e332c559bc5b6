-- pgTAP: row-level security (src/access/access.sql) — who sees and writes whose evaluation, run as
-- unprivileged roles that log in as employees of the store fixture. Body 1's 2025-Q3 is completed and
-- closed first: sheets and results of 101 and 102 (KPIs, evaluated by 100 and 101), 103, 104 and 114
-- (ranking, evaluated by 102).
--   ocenka_test_p103     employee 103 (evaluatee)
--   ocenka_test_p102     employee 102 (evaluates 103, 104, 114; evaluated by 101)
--   ocenka_test_hrhead   employee 111, head of body 1's HR service today
--   ocenka_test_nobody   a login that is no employee and holds no capacity
--   ocenka_test_auditor  capacity auditor
BEGIN;
SET search_path = ocenka, public;
SELECT plan(17);
\ir fixture/store.sql
\o /dev/null
SELECT pg_temp.complete(1, '2025-Q3', '2025-10-05', true);
SELECT pg_temp.at('2025-10-20');
CREATE ROLE ocenka_test_readers NOLOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_test_readers;
GRANT INSERT, UPDATE, DELETE ON ocenka.item, ocenka.sheet TO ocenka_test_readers;
CREATE ROLE ocenka_test_p103 NOLOGIN IN ROLE ocenka_test_readers;
CREATE ROLE ocenka_test_p102 NOLOGIN IN ROLE ocenka_test_readers;
CREATE ROLE ocenka_test_hrhead NOLOGIN IN ROLE ocenka_test_readers;
CREATE ROLE ocenka_test_nobody NOLOGIN IN ROLE ocenka_test_readers;
CREATE ROLE ocenka_test_auditor NOLOGIN IN ROLE ocenka_test_readers;
INSERT INTO person_login VALUES ('ocenka_test_p103', 103), ('ocenka_test_p102', 102), ('ocenka_test_hrhead', 111);
INSERT INTO hr_head VALUES (1, 111, '2025-01-01', NULL);
INSERT INTO staff_capacity VALUES ('ocenka_test_auditor', 'auditor');
CREATE FUNCTION pg_temp.affected(stmt text) RETURNS integer LANGUAGE plpgsql AS $f$
DECLARE n integer;
BEGIN EXECUTE stmt; GET DIAGNOSTICS n = ROW_COUNT; RETURN n; END $f$;
CREATE TEMP TABLE seen (who text, sheets int, items int, results int, kpis int, audit int);
GRANT ALL ON seen TO PUBLIC;
\o

-- what each kind of user sees of body 1's 2025-Q3: sheets, items, results, KPI plans, audit entries
CREATE FUNCTION pg_temp.look(who text) RETURNS void LANGUAGE sql AS $$
	INSERT INTO seen SELECT who,
		(SELECT count(*) FROM ocenka.sheet WHERE q = '2025-Q3'),
		(SELECT count(*) FROM ocenka.item i JOIN ocenka.sheet s ON s.id = i.sheet_id WHERE s.q = '2025-Q3'),
		(SELECT count(*) FROM ocenka.quarter_result WHERE q = '2025-Q3'),
		(SELECT count(*) FROM ocenka.kpi WHERE year = 2025),
		(SELECT count(*) FROM ocenka.audit_log)
$$;
SELECT pg_temp.look('superuser');
SET ROLE ocenka_test_p103; SELECT pg_temp.look('evaluatee 103'); RESET ROLE;
SET ROLE ocenka_test_p102; SELECT pg_temp.look('evaluator 102'); RESET ROLE;
SET ROLE ocenka_test_hrhead; SELECT pg_temp.look('HR head of body 1'); RESET ROLE;
SET ROLE ocenka_test_nobody; SELECT pg_temp.look('nobody'); RESET ROLE;
SET ROLE ocenka_test_auditor; SELECT pg_temp.look('auditor'); RESET ROLE;
SELECT results_eq($$SELECT who, sheets, items, results, kpis, audit FROM seen ORDER BY who$$,
	$$VALUES ('HR head of body 1', 5, 19, 5, 10, 0), ('auditor', 0, 0, 0, 0, 15), ('evaluatee 103', 1, 4, 1, 0, 0),
	         ('evaluator 102', 4, 16, 4, 4, 0), ('nobody', 0, 0, 0, 0, 0), ('superuser', 5, 19, 5, 10, 15)$$,
	'each kind of user sees exactly its rows: the evaluatee their own, the evaluator their evaluatees'' and their own, the HR head the body''s, the auditor only the log');
SET ROLE ocenka_test_p102;
SELECT results_eq($$SELECT employee_id, evaluator_id FROM sheet WHERE q = '2025-Q3' ORDER BY 1$$,
	$$VALUES (102::bigint, 101::bigint), (103, 102), (104, 102), (114, 102)$$, 'the evaluator''s sheets are theirs and their own');
SELECT results_eq($$SELECT employee_id FROM final_quarter_result WHERE q = '2025-Q3' ORDER BY 1$$,
	$$VALUES (102::bigint), (103), (104), (114)$$, 'the final-result view shows the same rows (security_invoker)');
SELECT throws_ok($$INSERT INTO item (sheet_id, no, form, score) SELECT id, 9, form, 3 FROM ocenka.sheet WHERE employee_id = 103 AND q = '2025-Q3'$$,
	'23514', NULL, 'an item on a sheet they evaluate passes the policy and meets the store''s rules (no parameter 9)');
SELECT is(pg_temp.affected($$UPDATE item SET score = 5 WHERE sheet_id IN (SELECT id FROM ocenka.sheet WHERE employee_id = 101)$$), 0, 'the evaluator cannot touch the scores of a sheet they do not see');
RESET ROLE;
SELECT sheet_id AS s101 FROM item i JOIN sheet s ON s.id = i.sheet_id WHERE s.employee_id = 101 AND s.q = '2025-Q3' LIMIT 1 \gset
SET ROLE ocenka_test_p102;
SELECT throws_ok(format($$INSERT INTO item (sheet_id, no, form, score) VALUES (%s, 1, 'kpi', 3)$$, :s101), '42501',
	'new row violates row-level security policy for table "item"', 'nor add a score to it');
RESET ROLE;
SET ROLE ocenka_test_p103;
SELECT is(pg_temp.affected($$UPDATE item SET score = 5 WHERE true$$), 0,
	'the evaluatee cannot change their own scores');
SELECT throws_ok($$INSERT INTO sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
                   VALUES (103, '2026-Q4', 1, 'wko-2026', 'ranking', 'wko-non-leadership', 102)$$, '42501',
	'new row violates row-level security policy for table "sheet"', 'nor open a sheet');
SELECT throws_ok($$SELECT explain_result(104, '2025-Q3')$$, '22023', NULL,
	'an explanation of someone else''s result says there is none, as for a result that does not exist');
SELECT is((explain_result(103, '2025-Q3') ->> 'score')::numeric IS NOT NULL, true, 'their own is explained');
RESET ROLE;
SET ROLE ocenka_test_nobody;
SELECT is(ocenka.access_employee(), NULL::bigint, 'a login that is no employee is nobody');
SELECT is(ocenka.access_sees_all(), false, 'and sees nothing of everyone''s');
RESET ROLE;
SET ROLE ocenka_test_hrhead;
SELECT is(ocenka.access_hr_bodies(), '{1}'::bigint[], 'the HR head''s bodies today');
RESET ROLE;
UPDATE hr_head SET valid_until = '2025-10-19';
SET ROLE ocenka_test_hrhead;
SELECT is((SELECT count(*)::int FROM sheet WHERE employee_id <> 111), 0, 'out of office, the HR head sees no one else''s sheet');
RESET ROLE;
-- the rules and closes run as the tables' owner and are not hidden anything: the clerk (records) and
-- the administrator close and purge in the other suites; here the owner sees every row
SELECT is((SELECT count(*)::int FROM sheet WHERE q = '2025-Q3'), 5, 'the owner sees every sheet');
SELECT ok((SELECT bool_and(c.relrowsecurity AND c.relforcerowsecurity) FROM pg_class c
           WHERE c.oid IN ('ocenka.sheet'::regclass, 'ocenka.item'::regclass, 'ocenka.quarter_result'::regclass,
                           'ocenka.annual_result'::regclass, 'ocenka.answer'::regclass, 'ocenka.respondent'::regclass,
                           'ocenka.audit_log'::regclass, 'ocenka.result_decision'::regclass, 'ocenka.calibration_vote'::regclass,
                           'ocenka.commission_vote'::regclass, 'ocenka.kpi_plan'::regclass, 'ocenka.notice'::regclass)),
	'row-level security is enabled and forced on the evaluation tables');
SELECT is_empty($$SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'ocenka'::regnamespace AND c.relkind = 'r'
                  AND NOT c.relrowsecurity
                  AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND NOT a.attisdropped
                              AND a.attname IN ('employee_id', 'sheet_id', 'survey_id', 'respondent_id', 'kpi_id', 'assessment_id', 'session_id', 'meeting_id', 'decision_id'))
                  AND c.relname NOT IN ('absence', 'appointment', 'evaluator', 'commission_member', 'hr_head', 'person_login', 'body_service')$$,
	'every table that holds a person''s evaluation is under row-level security (master data aside)');
SELECT * FROM finish();
ROLLBACK;
