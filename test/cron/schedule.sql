-- pgTAP, on a cluster that preloads pg_cron (scripts/test: OCENKA_PRELOAD=pg_cron scripts/with-cluster,
-- in the database cron.database_name names): schedule registers the closes, the duties' notices and the
-- purge as pg_cron jobs, replaces them when called again, and unschedule removes them; the notices job's
-- command writes the notices due to the outbox, once each.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(16);
SET client_min_messages = warning;

-- the launcher is a background worker started after the server: give a loaded machine 10 s to show it
DO $$
BEGIN
	FOR i IN 1 .. 50 LOOP
		PERFORM pg_stat_clear_snapshot();
		EXIT WHEN EXISTS (SELECT FROM pg_stat_activity WHERE backend_type = 'pg_cron launcher');
		PERFORM pg_sleep(0.2);
	END LOOP;
END $$;
SELECT ok(EXISTS (SELECT FROM pg_stat_activity WHERE backend_type = 'pg_cron launcher'),
          'pg_cron is loaded: its launcher runs');
SELECT is(current_setting('cron.database_name'), current_database()::text, 'and schedules jobs in this database');

\o /dev/null
INSERT INTO body (id, name) VALUES (1, 'District akimat'), (2, 'Oblast maslikhat');
INSERT INTO body_edition (body_id, valid_from, methodology) VALUES
	(1, '2023-08-03', 'typical-2023'), (1, '2026-05-05', 'wko-2026'), (2, '2018-04-04', 'akmola-2018');
\o

SELECT results_eq($$SELECT * FROM schedule()$$,
	$$VALUES ('ocenka close quarters (country)', '0 2 11,21 1,4,7,10 *', 'CALL ocenka.close_due(NULL)'),
	         ('ocenka close years (country)', '0 2 1,11,31 1 *', 'CALL ocenka.close_due(NULL)'),
	         ('ocenka queue_notices', '15 2 * 1,4,7,10 *', 'SELECT ocenka.queue_notices()'),
	         ('ocenka purge_expired', '30 2 1 * *', 'SELECT * FROM ocenka.purge_expired()')$$,
	'schedule() returns the country''s jobs: the closes, the duties'' notices daily in the month after each quarter, the purge');
SELECT results_eq($$SELECT jobname::text COLLATE "default", schedule, command, database, username::text COLLATE "default" FROM cron.job ORDER BY jobname$$,
	$$VALUES ('ocenka close quarters (country)'::text, '0 2 11,21 1,4,7,10 *'::text, 'CALL ocenka.close_due(NULL)'::text, current_database()::text COLLATE "default", current_user::text COLLATE "default"),
	         ('ocenka close years (country)', '0 2 1,11,31 1 *', 'CALL ocenka.close_due(NULL)', current_database()::text COLLATE "default", current_user::text COLLATE "default"),
	         ('ocenka purge_expired', '30 2 1 * *', 'SELECT * FROM ocenka.purge_expired()', current_database()::text COLLATE "default", current_user::text COLLATE "default"),
	         ('ocenka queue_notices', '15 2 * 1,4,7,10 *', 'SELECT ocenka.queue_notices()', current_database()::text COLLATE "default", current_user::text COLLATE "default")$$,
	'pg_cron holds them, in this database, run as the user who scheduled them');
SELECT * FROM schedule() \g /dev/null
SELECT is((SELECT count(*)::int FROM cron.job), 4, 'scheduling again replaces the jobs: still four');

-- the notices job, run as pg_cron runs it (its command, in this database) on 2 January 2026: the outbox
-- gets the head's notice due by the 5th and the employee's due by the 10th for 2025-Q4, once each
\o /dev/null
INSERT INTO employee (id, full_name) VALUES (10, 'Head of unit'), (11, 'Chief specialist');
INSERT INTO appointment (employee_id, body_id, position, category, is_head, started_on) VALUES
	(10, 1, 'Head of unit', 'E-2', true, '2024-01-10'), (11, 1, 'Chief specialist', 'E-4', false, '2024-01-10');
SET ocenka.today = '2026-01-02';
\o
CREATE FUNCTION pg_temp.run_job(name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE (SELECT j.command FROM cron.job j WHERE j.jobname = name);
END $$;
SELECT pg_temp.run_job('ocenka queue_notices') \g /dev/null
SELECT results_eq($$SELECT kind, employee_id::int, period, due_on FROM notice ORDER BY id$$,
	$$VALUES ('notice_head', 10, '2025-Q4', '2026-01-05'::date), ('notice_employee', 11, '2025-Q4', '2026-01-10')$$,
	'the scheduled notices job writes the duties'' notices to the outbox: heads by the 5th, employees by the 10th (typical-2023 ¶26, ¶30)');
SELECT pg_temp.run_job('ocenka queue_notices') \g /dev/null
SELECT is((SELECT count(*)::int FROM notice), 2, 'run again the next day, it writes nothing twice');
RESET ocenka.today;

SELECT results_eq($$SELECT * FROM schedule(2, 4)$$,
	$$VALUES ('ocenka close years (body 2)', '0 4 1 1 *', 'CALL ocenka.close_due(2)'),
	         ('ocenka queue_notices', '15 4 * 1,4,7,10 *', 'SELECT ocenka.queue_notices()'),
	         ('ocenka purge_expired', '30 4 1 * *', 'SELECT * FROM ocenka.purge_expired()')$$,
	'schedule(2, 4): an annual body''s year close, at 4 o''clock');
SELECT results_eq($$SELECT jobname::text COLLATE "default", schedule FROM cron.job ORDER BY jobname$$,
	$$VALUES ('ocenka close quarters (country)'::text, '0 2 11,21 1,4,7,10 *'::text), ('ocenka close years (body 2)', '0 4 1 1 *'),
	         ('ocenka close years (country)', '0 2 1,11,31 1 *'), ('ocenka purge_expired', '30 4 1 * *'), ('ocenka queue_notices', '15 4 * 1,4,7,10 *')$$,
	'the body''s job beside the country''s; the one purge job and the one notices job moved to 4 o''clock');

SELECT results_eq($$SELECT * FROM unschedule(2)$$, $$VALUES ('ocenka close years (body 2)')$$,
                  'unschedule(2) removes the body''s jobs');
SELECT is((SELECT count(*)::int FROM cron.job), 4, 'the country''s remain');
SELECT results_eq($$SELECT * FROM unschedule()$$,
	$$VALUES ('ocenka close quarters (country)'), ('ocenka close years (country)'), ('ocenka purge_expired'), ('ocenka queue_notices')$$,
	'unschedule() removes every ocenka job');
SELECT is((SELECT count(*)::int FROM cron.job), 0, 'none is left');

SELECT throws_ok($$SELECT * FROM schedule(99)$$, '22023', 'body 99 does not exist', 'schedule of an unknown body');
SELECT throws_ok($$SELECT * FROM schedule(NULL, 24)$$, '22023', 'hour 24 is not an hour of the day (0 … 23)', 'schedule at hour 24');
SET ROLE ocenka_tester;
SELECT throws_ok($$SELECT * FROM ocenka.schedule()$$, '42501', 'scheduling ocenka''s closes needs the admin capacity',
                 'schedule without the admin capacity');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
