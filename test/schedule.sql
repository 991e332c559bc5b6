-- pgTAP: scheduled work without pg_cron — close_due closes exactly the periods whose deadline has
-- passed (and nothing before), the close and the purge report their progress (ocenka.progress), the jobs schedule would register, and schedule/unschedule refusing
-- clearly (55000 with a hint) where pg_cron is not installed. test/cron/schedule.sql registers the
-- jobs with pg_cron loaded (scripts/test runs it on a cluster that preloads pg_cron).
BEGIN;
SET search_path = ocenka, public;
SELECT plan(18);
\ir fixture/store.sql

SET ROLE ocenka_test_dba;
\o /dev/null
-- 2025-Q1 of body 1 (typical-2023, due 2025-04-10): scores entered, not closed
SELECT pg_temp.complete(1, '2025-Q1', '2025-04-05', false);
\o

-- ============ close_due: only what is due ============
SELECT pg_temp.at('2025-04-10') \g /dev/null
CALL close_due();
SELECT is((SELECT count(*)::int FROM quarter_status WHERE closed_at IS NOT NULL), 0,
          'close_due on the deadline day (2025-04-10) closes nothing: scores may still be entered');
SELECT pg_temp.at('2025-04-11') \g /dev/null
CALL close_due(2);
SELECT is((SELECT count(*)::int FROM quarter_status WHERE closed_at IS NOT NULL), 0,
          'close_due of another body (2, akmola-2018, annual) closes nothing of body 1');
CALL close_due();
SELECT results_eq($$SELECT body_id::int, q::text, completed_on FROM quarter_status WHERE closed_at IS NOT NULL$$,
                  $$VALUES (1, '2025-Q1', date '2025-04-11')$$,
                  'close_due the day after the deadline closes 2025-Q1 of body 1 (§5)');
SELECT results_eq($$SELECT task, done::int, total::int, percent, step FROM progress WHERE pid = pg_backend_pid()$$,
                  $$VALUES ('close_quarter 2025-Q1', 4, 4, 100, '4 evaluated, 0 not evalu')$$,
                  'the close reported its progress: ocenka.progress shows its last step (cut to 63 bytes of application_name)');
SELECT results_eq($$SELECT period, procedure, outcome FROM close_run ORDER BY id$$,
                  $$VALUES ('2025-Q1', 'close_quarter', 'closed')$$,
                  'close_due closed it through close_quarters, recorded in close_run');
CALL close_due();
SELECT is((SELECT count(*)::int FROM close_run), 1, 'close_due again: a closed quarter is not tried again');
-- 2025-Q2 left without scores: past its deadline, close_due records it incomplete and closes nothing
SELECT pg_temp.at('2025-07-11') \g /dev/null
CALL close_due(1);
SELECT results_eq($$SELECT period, outcome FROM close_run ORDER BY id$$,
                  $$VALUES ('2025-Q1', 'closed'), ('2025-Q2', 'incomplete')$$,
                  'close_due of an incomplete quarter is not strict: the body is recorded as incomplete');
SELECT is((SELECT count(*)::int FROM quarter_status WHERE q = '2025-Q2' AND closed_at IS NOT NULL), 0,
          'the incomplete quarter stays open');
SELECT is((SELECT count(*)::int FROM purge_expired()), 30, 'purge_expired reports on its 30 tables');
SELECT pg_stat_clear_snapshot() \g /dev/null
SELECT results_eq($$SELECT task, done::int, total::int, percent, step FROM progress WHERE pid = pg_backend_pid()$$,
                  $$VALUES ('purge_expired', 30, 30, 100, '0 deleted in all; audit_log: 0')$$,
                  'and its progress, table by table, with the rows deleted so far');
SELECT throws_ok($$CALL close_due(99)$$, '22023', 'body 99 does not exist', 'close_due of an unknown body');

-- ============ the jobs ============
SELECT results_eq($$SELECT * FROM schedule_jobs(NULL, 2)$$,
	$$VALUES ('ocenka close quarters (country)', '0 2 11,21 1,4,7,10 *', 'CALL ocenka.close_due(NULL)'),
	         ('ocenka close years (country)', '0 2 1,11,31 1 *', 'CALL ocenka.close_due(NULL)'),
	         ('ocenka queue_notices', '15 2 * 1,4,7,10 *', 'SELECT ocenka.queue_notices()'),
	         ('ocenka purge_expired', '30 2 1 * *', 'SELECT * FROM ocenka.purge_expired()')$$,
	'the country''s jobs: quarters the day after the 10th and the 20th, years after akmola''s year end, typical''s 360 and wko''s annual grade, the duties'' notices daily in the month after each quarter, the purge monthly');
SELECT results_eq($$SELECT * FROM schedule_jobs(2, 5)$$,
	$$VALUES ('ocenka close years (body 2)', '0 5 1 1 *', 'CALL ocenka.close_due(2)'),
	         ('ocenka queue_notices', '15 5 * 1,4,7,10 *', 'SELECT ocenka.queue_notices()'),
	         ('ocenka purge_expired', '30 5 1 * *', 'SELECT * FROM ocenka.purge_expired()')$$,
	'an annual body''s jobs: no quarter close, its year the day after it ends');
SELECT is(year_deadline_days('typical-2023'), 10, 'typical-2023''s year is complete after 10 January (4th quarter and 360, §5, §8a)');
SELECT is(year_deadline_days('wko-2026'), 30, 'wko-2026''s after 30 January (the annual grade)');

-- ============ without pg_cron ============
SELECT throws_ok($$SELECT * FROM schedule()$$, '55000', 'pg_cron is not installed in database ' || current_database(),
                 'schedule without pg_cron says so');
SELECT is(pg_temp.error_of($$SELECT * FROM unschedule(1)$$) ->> 'sqlstate', '55000', 'unschedule without pg_cron says so too');
CREATE FUNCTION pg_temp.detail_and_hint(stmt text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE d text; h text;
BEGIN
	EXECUTE stmt;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
	RETURN d || ' ' || h;
END $f$;
SELECT matches(pg_temp.detail_and_hint($$SELECT * FROM schedule(1)$$),
               'nothing was scheduled.*shared_preload_libraries = ''pg_cron''.*CREATE EXTENSION pg_cron.*CALL ocenka.close_due\(\)',
               'its detail says nothing was scheduled and its hint how to install pg_cron, or what to run instead');

SELECT * FROM finish();
ROLLBACK;
