-- pgTAP: disclosure for service necessity (issue 13 item 5, 002 ¶13; src/access/disclosure.sql).
-- Body 1's 2025-Q3 is completed and closed (the store fixture). Roles, all with SELECT on every table:
--   ocenka_test_discloser  capacity disclosure (and nothing else: no employee, no other capacity)
--   ocenka_test_nobody     no employee, no capacity
--   ocenka_test_hr_officer the fixture's HR officer (sees every evaluation row, may not disclose)
--   ocenka_test_auditor    capacity auditor
BEGIN;
SET search_path = ocenka, public;
SELECT plan(18);
\ir fixture/store.sql
\o /dev/null
SELECT pg_temp.complete(1, '2025-Q3', '2025-10-05', true);
SELECT pg_temp.at('2025-10-20');
CREATE ROLE ocenka_test_readers NOLOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_test_readers;
GRANT INSERT, UPDATE, DELETE ON ocenka.disclosure TO ocenka_test_readers;   -- even so, the policies refuse
CREATE ROLE ocenka_test_discloser NOLOGIN IN ROLE ocenka_test_readers;
CREATE ROLE ocenka_test_nobody NOLOGIN IN ROLE ocenka_test_readers;
CREATE ROLE ocenka_test_auditor NOLOGIN IN ROLE ocenka_test_readers;
GRANT ocenka_test_readers TO ocenka_test_hr_officer;
INSERT INTO staff_capacity VALUES ('ocenka_test_discloser', 'disclosure'), ('ocenka_test_auditor', 'auditor');
CREATE TEMP TABLE expected AS
	SELECT employee_id, q::text AS period, body_id, status, final_score::numeric AS final_score, final_gradation::text AS final_gradation,
	       final_state, final_on
	FROM final_quarter_result WHERE employee_id = 103 AND q = '2025-Q3';
GRANT SELECT ON expected TO PUBLIC;
\o

SET ROLE ocenka_test_nobody;
SELECT throws_ok($$SELECT * FROM disclose_result(103, '2025-Q3', 'запрос прокуратуры № 1')$$, '42501',
	'permission denied: role "ocenka_test_nobody" may not disclose evaluation results', 'a role without the disclosure capacity is refused');
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT throws_ok($$SELECT * FROM disclose_result(103, '2025-Q3', 'запрос прокуратуры № 1')$$, '42501',
	'permission denied: role "ocenka_test_hr_officer" may not disclose evaluation results', 'HR, who sees every row, is no disclosing official either');
RESET ROLE;
SET ROLE ocenka_test_discloser;
SELECT throws_ok($$SELECT * FROM disclose_result(103, '2025-Q3', '   ')$$, '22023',
	'the disclosure of employee 103''s results for 2025-Q3 has no legal ground', 'a blank ground is refused');
SELECT throws_ok($$SELECT * FROM disclose_result(103, '2025-Q3', NULL)$$, '22004',
	'disclose_result: the person, the period and the ground are required', 'so is a missing one');
SELECT throws_ok($$SELECT * FROM disclose_result(103, '2025-Q5', 'запрос')$$, '22023',
	'period "2025-Q5" is neither a quarter (2026-Q2) nor a year (2026)', 'a period is a quarter or a year');
SELECT is((SELECT count(*)::int FROM quarter_result), 0, 'the capacity itself shows no result');
SELECT results_eq($$SELECT * FROM disclose_result(103, '2025-Q3', 'запрос прокуратуры № 1 от 15.10.2025')$$,
	$$SELECT * FROM expected$$, 'the disclosing official gets exactly the person''s result, final grade and all');
SELECT is((SELECT count(*)::int FROM disclose_result(103, '2025', 'запрос суда № 7') WHERE employee_id <> 103), 0,
	'a year discloses only that person''s results');
SELECT results_eq($$SELECT requested_by::text COLLATE "default", session_login::text COLLATE "default", employee_id::int, period, body_id::int, q::text, year, ground, results
	                FROM disclosure ORDER BY id$$,
	$$VALUES ('ocenka_test_discloser', session_user::text COLLATE "default", 103, '2025-Q3', 1, '2025-Q3', 2025, 'запрос прокуратуры № 1 от 15.10.2025', 1),
	         ('ocenka_test_discloser', session_user::text COLLATE "default", 103, '2025', 1, NULL, 2025, 'запрос суда № 7', 1)$$,
	'each disclosure is recorded: who asked, from which login, whose, which period, the body, the ground, how many results (the refused ones are not)');
SELECT is((SELECT count(*)::int FROM disclosure WHERE disclosed_at BETWEEN transaction_timestamp() AND clock_timestamp()), 2,
	'and when');
SELECT is(pg_temp.error_of($$UPDATE disclosure SET ground = 'другое' WHERE true$$), NULL, 'an update is no error');
SELECT is((SELECT count(*)::int FROM disclosure WHERE ground = 'другое'), 0, '… and changes nothing: no policy lets an entry change');
SELECT throws_ok($$INSERT INTO disclosure (requested_by, session_login, employee_id, period, year, ground, results)
                   VALUES ('x', 'x', 104, '2025-Q3', 2025, 'подложная запись', 1)$$, '42501',
	'new row violates row-level security policy for table "disclosure"', 'nobody writes the log but disclose_result');
RESET ROLE;
SET ROLE ocenka_test_nobody;
SELECT is((SELECT count(*)::int FROM disclosure), 0, 'the log is not read by others');
SELECT is(pg_temp.error_of($$DELETE FROM disclosure WHERE true$$), NULL, 'a delete is no error');
RESET ROLE;
SET ROLE ocenka_test_auditor;
SELECT is((SELECT count(*)::int FROM disclosure), 2, '… and deleted nothing; the auditor reads the log');
SELECT results_eq($$SELECT table_name, operation::text, row_count, year FROM audit_log WHERE table_name LIKE '%disclosure' ORDER BY id$$,
	$$VALUES ('disclosure', 'INSERT', 1, 2025), ('disclosure', 'INSERT', 1, 2025)$$,
	'the log is itself audited: each entry''s writing is in the audit log');
RESET ROLE;
SET ROLE ocenka_test_hr_officer;
SELECT is((SELECT count(*)::int FROM disclosure), 0, 'HR does not read the log');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
