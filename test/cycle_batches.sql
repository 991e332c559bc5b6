-- pgTAP: close_quarter_all and close_year_all take the bodies in batches of about work_mem / 4 kB people
-- (close_batches; issue 16, P8: a close's memory follows work_mem rather than the size of the country).
-- A country of 130 people in 4 bodies (bench/generate.sql, every period left open) is closed, by an
-- administrator without superuser rights, once by one close_quarters / close_years statement over all
-- the bodies and once by close_quarter_all / close_year_all with work_mem at 64 kB (16 people a batch:
-- every body a batch of its own): the same results, close_run lines and audited rows, batch by batch.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(8);
\o /dev/null
\set people 130
\set bodies 4
\set seed 16
\set close 0
\set quiet 1
\ir ../bench/generate.sql
\o
SET search_path = ocenka, public;
SET client_min_messages = warning;

-- an administrator closes (capacity admin, the privileges a close needs)
CREATE ROLE ocenka_test_batch_admin NOLOGIN;
INSERT INTO ocenka.staff_capacity VALUES ('ocenka_test_batch_admin', 'admin');
GRANT SELECT ON ALL TABLES IN SCHEMA ocenka TO ocenka_test_batch_admin;
GRANT INSERT, UPDATE ON ocenka.quarter_status, ocenka.year_status TO ocenka_test_batch_admin;
GRANT INSERT ON ocenka.quarter_result, ocenka.annual_result, ocenka.competency_result, ocenka.close_run TO ocenka_test_batch_admin;

-- everything the closes wrote, timestamps and generated ids left out, one line each: results, close_run
-- lines, and the audited rows one per line (an entry may hold several rows: the batches must not lose,
-- add or change any). Read as the superuser.
CREATE FUNCTION pg_temp.written() RETURNS TABLE (n bigint, digest text)
	LANGUAGE sql
AS $$
	SELECT count(*), md5(string_agg(l, E'\n' ORDER BY l)) FROM (
		SELECT format('quarter %s', r) FROM (SELECT employee_id, q, body_id, methodology, status, reason, sheet_id, method, form,
		                                            mean, cap, score, gradation, completed_on FROM ocenka.quarter_result) r
		UNION ALL
		SELECT format('annual %s', r) FROM (SELECT employee_id, year, body_id, methodology, rule, status, reason, quarters, score,
		                                           gradation, kpi_achieved, kpi_total, completed_on FROM ocenka.annual_result) r
		UNION ALL
		SELECT format('360 %s', r) FROM (SELECT survey_id, competency_no, competency_code, mean, self_mean, answers, weakest,
		                                        completed_on FROM ocenka.competency_result) r
		UNION ALL
		SELECT format('close_run %s', r) FROM (SELECT body_id, period, procedure, outcome, evaluated, not_evaluated, surveys, gaps
		                                       FROM ocenka.close_run) r
		UNION ALL
		SELECT format('audit %s %s %s %s %s %s %s', t.actor, t.table_name, t.operation, t.body_id, t.q, t.year, t.new_row)
		FROM ocenka.audit_trail t WHERE t.table_name IN ('quarter_result', 'annual_result', 'competency_result')) x(l)
$$;
-- every period of the country closed: 2025-Q1 … Q4 on 2026-01-10, the year, 2026-Q1 … Q3 on 2026-10-21
CREATE FUNCTION pg_temp.close_all(p_batched boolean) RETURNS void
	LANGUAGE plpgsql
AS $$
DECLARE
	everyone bigint[] := ARRAY(SELECT b.id FROM ocenka.body b ORDER BY b.id);
	q text;
BEGIN
	PERFORM set_config('ocenka.today', '2026-01-10', true);
	SET LOCAL ROLE ocenka_test_batch_admin;
	FOREACH q IN ARRAY ARRAY['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2025', '2026-Q1', '2026-Q2', '2026-Q3'] LOOP
		IF q = '2026-Q1' THEN
			RESET ROLE;
			PERFORM set_config('ocenka.today', '2026-10-21', true);
			SET LOCAL ROLE ocenka_test_batch_admin;
		END IF;
		IF p_batched AND q = '2025' THEN
			CALL ocenka.close_year_all(2025);
		ELSIF q = '2025' THEN
			CALL ocenka.close_years(everyone, 2025, false);
		ELSIF p_batched THEN
			CALL ocenka.close_quarter_all(q::ocenka.quarter);
		ELSE
			CALL ocenka.close_quarters(everyone, q::ocenka.quarter, false);
		END IF;
	END LOOP;
	RESET ROLE;
END
$$;

-- the batches: a body is never split; a batch ends once its people pass work_mem / 4 kB
SELECT set_config('work_mem', '64kB', true) \gset
SELECT is(close_batches(ARRAY[1, 2, 3, 4], '2025-01-01', '2025-03-31'), '{1,2,3,4}',
          'close_batches: at work_mem 64 kB (16 people a batch), every body of about 32 people is a batch of its own');
SELECT set_config('work_mem', '256kB', true) \gset
SELECT is(close_batches(ARRAY[1, 2, 3, 4], '2025-01-01', '2025-03-31'), '{2,4}',
          'close_batches: at work_mem 256 kB (64 people a batch), two bodies a batch');
SELECT set_config('work_mem', '64MB', true) \gset
SELECT is(close_batches(ARRAY[1, 2, 3, 4], '2025-01-01', '2025-03-31'), '{4}',
          'close_batches: at work_mem 64 MB, one batch');
SELECT is(close_batches('{}', '2025-01-01', '2025-03-31'), NULL, 'close_batches: no body, no batch');

-- the reference: one statement per period over every body
SAVEPOINT reference;
SELECT pg_temp.close_all(false) \gset
SELECT n AS reference_n, digest AS reference_digest FROM pg_temp.written() \gset
SELECT count(DISTINCT started_at) AS reference_starts FROM ocenka.close_run WHERE period = '2025-Q1' \gset
ROLLBACK TO reference;

-- batch by batch
SELECT set_config('work_mem', '64kB', true) \gset
SELECT pg_temp.close_all(true) \gset
SELECT is(:reference_starts::bigint, 1::bigint, 'the reference closed 2025-Q1 in one close_quarters call');
SELECT is((SELECT count(DISTINCT started_at) FROM ocenka.close_run WHERE period = '2025-Q1'), 4::bigint,
          'close_quarter_all at work_mem 64 kB closed 2025-Q1 in 4 batches, one close_quarters call each');
SELECT cmp_ok(:reference_n::bigint, '>', 2000::bigint, 'the closes wrote results, close_run lines and audited rows');
SELECT is((SELECT digest FROM pg_temp.written()), :'reference_digest',
          'batch by batch, close_quarter_all and close_year_all wrote exactly what one statement per period writes');

SELECT * FROM finish();
ROLLBACK;
