-- The closes' results of a generated country (bench/generate.sql -v close=0) as one digest (issue 16:
-- identical before and after a change): every quarter 2025-Q1 … 2026-Q3 closed by close_quarter_all on
-- 2026-10-20, in a transaction then rolled back; prints the rows and md5 of quarter_result and close_run's
-- counts per body, quarter and outcome.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SET LOCAL ocenka.today = '2026-10-20';
CALL ocenka.close_quarter_all('2025-Q1');
CALL ocenka.close_quarter_all('2025-Q2');
CALL ocenka.close_quarter_all('2025-Q3');
CALL ocenka.close_quarter_all('2025-Q4');
CALL ocenka.close_quarter_all('2026-Q1');
CALL ocenka.close_quarter_all('2026-Q2');
CALL ocenka.close_quarter_all('2026-Q3');
SELECT count(*) AS results, md5(string_agg(r::text, ',' ORDER BY r.employee_id, r.q::text)) AS results_md5
FROM (SELECT employee_id, q, body_id, methodology, status, reason, sheet_id, method, form, mean, cap, score, gradation, completed_on
      FROM ocenka.quarter_result) r;
SELECT md5(string_agg(format('%s %s %s %s %s', body_id, period, outcome, evaluated, not_evaluated), ',' ORDER BY body_id, period)) AS close_run_md5
FROM ocenka.close_run;
ROLLBACK;
