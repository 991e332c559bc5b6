-- pgTAP: reporting without leaks (issue 13 item 4, src/reports/reporting.sql). A reporting role
-- (aggregates only) reads reporting_result: counts per final gradation and mean final scores per
-- body, unit and period, a count or mean of 1 or 2 people withheld, and complementary cells withheld
-- so that no withheld cell follows by subtraction from the totals or the other cells. It reads no
-- person's row, through the tables or the BI views. Rows are written as the superuser with the entry
-- rules off (session_replication_role = replica), as test/reports_bi.sql does.
--   body 1, 2026-Q2: 42 people — unit 1: 2 effective (4.80) and 10 proper (3.50); unit 2: 30 proper
--   body 2, 2026-Q2 and the year 2025: unit 3: 3 effective and 3 proper (cells of exactly 3)
--   body 3, 2026-Q2: unit 4: 1 unsatisfactory and 5 proper, unit 5: 1 unsatisfactory and 5 proper,
--                    unit 6: 2 people (proper), whose mean is withheld
BEGIN;
SET search_path = ocenka, public;
SELECT plan(16);

SET client_min_messages = warning;
\o /dev/null
SET session_replication_role = replica;
INSERT INTO body (id, name, code) VALUES (1, 'Орган 1', 'B-1'), (2, 'Орган 2', 'B-2'), (3, 'Орган 3', 'B-3');
INSERT INTO body_edition (body_id, valid_from, methodology) SELECT b, '2026-05-05', 'wko-2026' FROM generate_series(1, 3) b;
INSERT INTO unit (id, body_id, name) VALUES (1, 1, 'Отдел 1'), (2, 1, 'Отдел 2'), (3, 2, 'Отдел 3'),
	(4, 3, 'Отдел 4'), (5, 3, 'Отдел 5'), (6, 3, 'Отдел 6');
CREATE TEMP TABLE staff (id bigint, body bigint, unit bigint, m numeric);
INSERT INTO staff
SELECT n, 1, CASE WHEN n <= 12 THEN 1 ELSE 2 END, CASE WHEN n <= 2 THEN 4.80 ELSE 3.50 END FROM generate_series(1, 42) n
UNION ALL SELECT 100 + n, 2, 3, CASE WHEN n <= 3 THEN 4.80 ELSE 3.50 END FROM generate_series(1, 6) n
UNION ALL SELECT 200 + n, 3, CASE WHEN n <= 6 THEN 4 WHEN n <= 12 THEN 5 ELSE 6 END,
                 CASE WHEN n IN (1, 7) THEN 1.50 ELSE 3.50 END FROM generate_series(1, 14) n;
INSERT INTO employee (id, full_name) SELECT id, 'Служащий ' || id FROM staff;
INSERT INTO employee (id, full_name) VALUES (900, 'Оценщик');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on)
SELECT id, body, unit, 'Главный специалист', 'E-4', false, '2020-01-10' FROM staff;
INSERT INTO sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id)
SELECT id, id, '2026-Q2', body, 'wko-2026', 'ranking', 'wko-non-leadership', 900 FROM staff;
INSERT INTO quarter_result (employee_id, q, body_id, methodology, status, sheet_id, method, form, mean, score, gradation, completed_on)
SELECT id, '2026-Q2', body, 'wko-2026', 'evaluated', id, 'ranking', 'wko-non-leadership', m, m, gradation(m::score), '2026-07-20'
FROM staff;
-- body 2's year 2025: the six by the mean of quarters (3 effective, 3 proper), and a seventh under the
-- KPI-count rule awaiting the commission (no final grade yet: not counted)
INSERT INTO employee (id, full_name) VALUES (107, 'Служащий 107');
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on)
VALUES (107, 2, 3, 'Руководитель', 'E-2', true, '2020-01-10');
INSERT INTO annual_result (employee_id, year, body_id, methodology, rule, status, quarters, score, gradation, completed_on)
SELECT id, 2025, 2, 'typical-2023', 'mean_of_quarters', 'evaluated', 4, m, gradation(m::score), date '2026-01-10' FROM staff WHERE body = 2
UNION ALL SELECT 107, 2025, 2, 'akmola-2018', 'kpi_count', 'evaluated', 4, NULL, 'effective', '2026-01-10';
SET session_replication_role = origin;
CREATE ROLE ocenka_test_reporting NOLOGIN;
CREATE ROLE ocenka_test_bi NOLOGIN;
GRANT SELECT ON ocenka.reporting_result TO ocenka_test_reporting, ocenka_test_bi;
GRANT EXECUTE ON FUNCTION ocenka.reporting_cells(bigint, text) TO ocenka_test_reporting;
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_test_reporting;   -- even so: no person's row
\o
RESET client_min_messages;

SET ROLE ocenka_test_reporting;
SELECT results_eq(
	$$SELECT body_id::int, unit_id::int, people::int, effective::int, proper::int, satisfactory::int, unsatisfactory::int, mean_score, suppressed
	  FROM reporting_result WHERE body_id = 1 ORDER BY per_unit, unit_id$$,
	$$VALUES (1, NULL, 42, NULL, NULL, 0, 0, 3.56, true), (1, 1, 12, NULL, NULL, 0, 0, 3.72, true), (1, 2, 30, 0, 30, 0, 0, 3.50, false)$$,
	'2 effective and 40 proper: the 2 are withheld, and so is the 40 beside them (and the unit''s 10 below it), so 42 − 40 recovers nothing');
SELECT is((SELECT count(*)::int FROM reporting_result
           WHERE 1 IN (people, effective, proper, satisfactory, unsatisfactory) OR 2 IN (people, effective, proper, satisfactory, unsatisfactory)),
	0, 'no cell of 1 or 2 is shown anywhere');
-- a withheld cell follows by subtraction when it is the only one withheld in a relation: a row whose
-- people are shown with one gradation withheld, or a column (body and its units) with one withheld
SELECT is((SELECT count(*)::int FROM reporting_result
           WHERE num_nulls(effective, proper, satisfactory, unsatisfactory, people) = 1), 0,
	'no group has exactly one withheld cell among its gradations and its people');
SELECT is((SELECT count(*)::int FROM (
	SELECT body_id, period, c, count(*) FILTER (WHERE v IS NULL) AS withheld  -- every person here has a score: a NULL mean is withheld
	FROM reporting_result,
	     LATERAL (VALUES ('people', people), ('effective', effective), ('proper', proper), ('satisfactory', satisfactory),
	                     ('unsatisfactory', unsatisfactory), ('mean', mean_score)) x(c, v)
	GROUP BY body_id, period, c) t WHERE withheld = 1), 0,
	'no body has exactly one withheld cell among its own and its units'' counts (or means) of a gradation');
-- and what subtraction does give for the body with 2 effective: a sum of several withheld cells, never the 2
SELECT is((SELECT (b.people - coalesce(b.proper, 0) - b.satisfactory - b.unsatisfactory)::int
           FROM reporting_result b WHERE b.body_id = 1 AND NOT b.per_unit), 42,
	'people minus the shown gradations is 42 (effective and proper together), not 2');
SELECT results_eq(
	$$SELECT unit_id::int, people::int, effective::int, proper::int, satisfactory::int, unsatisfactory::int, mean_score, suppressed
	  FROM reporting_result WHERE body_id = 2 AND period_kind = 'quarter' ORDER BY per_unit, unit_id$$,
	$$VALUES (NULL, 6, 3, 3, 0, 0, 4.15, false), (3, 6, 3, 3, 0, 0, 4.15, false)$$,
	'cells of exactly 3 are shown');
SELECT results_eq(
	$$SELECT period, unit_id::int, people::int, effective::int, proper::int, mean_score
	  FROM reporting_result WHERE body_id = 2 AND period_kind = 'year' ORDER BY per_unit, unit_id$$,
	$$VALUES ('2025', NULL, 6, 3, 3, 4.15), ('2025', 3, 6, 3, 3, 4.15)$$,
	'the year from the final annual results; a result awaiting the commission has no final grade and is not counted');
SELECT results_eq(
	$$SELECT unit_id::int, people::int, proper::int, unsatisfactory::int, mean_score
	  FROM reporting_result WHERE body_id = 3 ORDER BY per_unit, unit_id$$,
	$$VALUES (NULL, 14, NULL::int, NULL::int, 3.21), (4, NULL, NULL, NULL, NULL), (5, 6, NULL, NULL, 3.17), (6, NULL, NULL, 0, NULL)$$,
	'1 and 1 unsatisfactory in two units and a unit of 2: the 2 (and its people) withheld, then the body''s proper and unit 4''s people beside them; the unit of 2 shows no mean, nor does unit 4, whose scores would give it from the body''s');
SELECT results_eq($$SELECT * FROM reporting_cells(3, '2026-Q2')$$, $$SELECT * FROM reporting_result WHERE body_id = 3$$,
	'one body and period asked of the function gives the same cells');
SELECT is((SELECT count(*)::int FROM bi_quarter_result) + (SELECT count(*)::int FROM bi_gradation_distribution)
          + (SELECT count(*)::int FROM quarter_result) + (SELECT count(*)::int FROM final_quarter_result), 0,
	'the reporting role reads no person''s row: not the BI views, not the results');
RESET ROLE;

SET ROLE ocenka_test_bi;
SELECT throws_ok($$SELECT * FROM reporting_result$$, '42501', 'permission denied for function reporting_cells',
	'SELECT on the view is not enough: the reporting role is also given EXECUTE on reporting_cells (the recipe)');
RESET ROLE;
SET ROLE ocenka_tester;
SELECT throws_ok($$SELECT * FROM reporting_cells()$$, '42501', 'permission denied for function reporting_cells',
	'a role given neither cannot call it');
RESET ROLE;

SELECT is(reporting_suppress('{5,2,3, 3,2,1, 2,0,2}'::bigint[], 3, true),
	'{f,t,t, t,t,t, t,f,t}'::boolean[], 'reporting_suppress: a column and a row, each left with one withheld cell, get a second');
-- body [4 3 12 16 | 35], units [0 0 4 8 | 12], [0 1 3 3 | 7], [4 2 5 5 | 16]: two withheld per relation is
-- not enough — the second unit's proper 1 would be a bridge between two cycles of withheld cells, fixed
-- by the others; the body's effective and proper are withheld too, which puts it on a cycle
SELECT is(reporting_suppress('{4,3,12,16,35, 0,0,4,8,12, 0,1,3,3,7, 4,2,5,5,16}'::bigint[], 5, true),
	'{t,t,f,f,f, f,f,t,t,f, f,t,t,t,f, t,t,t,f,f}'::boolean[], 'reporting_suppress: no withheld cell is left fixed by the others (no bridge)');
-- no cell: nothing withheld, at once whatever the width (a width of 2·10⁹ looped that many times, found
-- by scripts/sqlfuzz); cells that make no rows of the width are refused
SELECT is(reporting_suppress('{}'::bigint[], 1979123006, false), '{}'::boolean[], 'reporting_suppress: no cell, no loop over the width');
SELECT throws_ok($$SELECT reporting_suppress('{1,2,3}'::bigint[], 2, true)$$, '22023', 'reporting_suppress: 3 cells do not make rows of 2',
	'reporting_suppress: cells that make no rows of the width');

SELECT * FROM finish();
ROLLBACK;
