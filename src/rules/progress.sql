-- Progress of long work (closes, purge, the data generator), where a DBA watches: a NOTICE to the
-- session that runs it, and the session's application_name, which pg_stat_activity shows to every
-- other session (a row written to a table would stay invisible to them until the work commits).

CREATE FUNCTION ocenka.report_progress(task text, done bigint, total bigint, what text, local boolean DEFAULT true)
	RETURNS void
	LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
	pct integer := CASE WHEN total > 0 THEN round(100.0 * least(done, total) / total) END;
BEGIN
	RAISE NOTICE '%: % (% of % done, % %%)', task, what, done, total, coalesce(pct::text, '?');
	-- application_name holds 63 bytes and ASCII: the task, the count and the percentage come first
	PERFORM pg_catalog.set_config('application_name',
		left(format('ocenka: %s %s/%s %s%% %s', task, done, total, coalesce(pct::text, '?'),
		            pg_catalog.translate(what, '…–—', '.--')), 63), local);
END
$$;
COMMENT ON FUNCTION ocenka.report_progress(text, bigint, bigint, text, boolean) IS 'reports a step of long work: a NOTICE "task: what (done of total done, p %)" and the session''s application_name "ocenka: task done/total p% what" (transaction-local unless local is false), which the view ocenka.progress reads for every session';

CREATE VIEW ocenka.progress AS
SELECT a.pid, a.usename AS user_name, a.datname AS database_name,
       m[1] AS task, m[2]::bigint AS done, m[3]::bigint AS total, m[4]::integer AS percent, m[5] AS step,
       pg_catalog.now() - coalesce(a.xact_start, a.query_start) AS running_for
FROM pg_catalog.pg_stat_activity a,
     LATERAL pg_catalog.regexp_match(a.application_name, '^ocenka: (.*?) ([0-9]+)/([0-9]+) ([0-9]+)% ?(.*)$') AS m
WHERE a.application_name LIKE 'ocenka: %' AND m IS NOT NULL;
COMMENT ON VIEW ocenka.progress IS 'long ocenka work running now in any session (closes, purge, the generator), from the application_name ocenka.report_progress sets: what, how far, since when';
COMMENT ON COLUMN ocenka.progress.pid IS 'the backend running it';
COMMENT ON COLUMN ocenka.progress.user_name IS 'the user running it';
COMMENT ON COLUMN ocenka.progress.database_name IS 'its database';
COMMENT ON COLUMN ocenka.progress.task IS 'the work: close_quarter 2026-Q1, close_year 2025, purge_expired, generate …';
COMMENT ON COLUMN ocenka.progress.done IS 'steps done';
COMMENT ON COLUMN ocenka.progress.total IS 'steps in all';
COMMENT ON COLUMN ocenka.progress.percent IS 'done / total, in per cent';
COMMENT ON COLUMN ocenka.progress.step IS 'the step under way, with its counts (cut to what application_name holds: 63 bytes)';
COMMENT ON COLUMN ocenka.progress.running_for IS 'time since its transaction (or statement) began';
GRANT SELECT ON ocenka.progress TO PUBLIC;
