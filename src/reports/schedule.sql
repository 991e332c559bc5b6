-- Scheduled work: the closes due after each deadline, the duties' notices and the monthly purge, registered with pg_cron.

-- What a scheduled close does when it runs: close every period of the body (or of every body) whose
-- deadline has passed and that is still open, not strict (a body with gaps is recorded in close_run
-- as incomplete and tried again at the next run).
CREATE PROCEDURE ocenka.close_due(body_id bigint DEFAULT NULL)
	LANGUAGE plpgsql
AS $$
DECLARE
	today date := ocenka.today();
	v_q ocenka.quarter := ocenka.quarter_of(ocenka.today()) - 1;
	v_y integer := extract(year FROM ocenka.today())::integer - 1;
	bodies bigint[];
BEGIN
	IF close_due.body_id IS NOT NULL AND NOT EXISTS (SELECT FROM ocenka.body b WHERE b.id = close_due.body_id) THEN
		RAISE EXCEPTION 'body % does not exist', close_due.body_id USING ERRCODE = '22023';
	END IF;
	-- the quarter that ended last, in the bodies that evaluate it quarterly, once its deadline has passed (§5)
	SELECT array_agg(b.id ORDER BY b.id) INTO bodies
	FROM ocenka.body b JOIN ocenka.methodology m ON m.code = ocenka.edition_on(b.id, ocenka.last_day(v_q))
	WHERE (close_due.body_id IS NULL OR b.id = close_due.body_id)
	  AND m.evaluation_period = 'quarter' AND ocenka.quarter_deadline(v_q, m.quarter_deadline_day) < today
	  AND NOT EXISTS (SELECT FROM ocenka.quarter_status s WHERE s.body_id = b.id AND s.q = v_q AND s.closed_at IS NOT NULL);
	IF bodies IS NOT NULL THEN
		RAISE NOTICE 'close_due: closing % in % bodies', v_q, cardinality(bodies);
		CALL ocenka.close_quarters(bodies, v_q, false);
	END IF;
	-- last year, once its last deadline has passed: the 4th quarter's, the 360's, the annual grade's (§5, §8a),
	-- where the body evaluated it in ocenka
	SELECT array_agg(b.id ORDER BY b.id) INTO bodies
	FROM ocenka.body b JOIN ocenka.methodology m ON m.code = ocenka.edition_on(b.id, make_date(v_y, 12, 31))
	WHERE (close_due.body_id IS NULL OR b.id = close_due.body_id)
	  AND make_date(v_y + 1, 1, 1) + ocenka.year_deadline_days(m.code) <= today
	  AND NOT EXISTS (SELECT FROM ocenka.year_status s WHERE s.body_id = b.id AND s.year = v_y AND s.closed_at IS NOT NULL)
	  -- a year the body evaluated in ocenka: something of it was entered (a status row exists)
	  AND (EXISTS (SELECT FROM ocenka.year_status s WHERE s.body_id = b.id AND s.year = v_y)
	       OR EXISTS (SELECT FROM ocenka.quarter_status s WHERE s.body_id = b.id
	                  AND s.q BETWEEN ocenka.make_quarter(v_y, 1) AND ocenka.make_quarter(v_y, 4)));
	IF bodies IS NOT NULL THEN
		RAISE NOTICE 'close_due: closing % in % bodies', v_y, cardinality(bodies);
		CALL ocenka.close_years(bodies, v_y, false);
	END IF;
END
$$;
COMMENT ON PROCEDURE ocenka.close_due(bigint) IS 'closes, in the body or every body (NULL), the last ended quarter once its deadline has passed and last year once its last January deadline has passed, whatever is still open, not strict (incomplete bodies are recorded in close_run); what ocenka.schedule registers with pg_cron';

-- The number of January days a year's last deadline leaves: the latest of the 4th quarter's, the 360
-- survey's and the annual grade's deadline days of the methodology (0 when it sets none).
CREATE FUNCTION ocenka.year_deadline_days(methodology text) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN (SELECT greatest(coalesce(m.quarter_deadline_day, 0),
	                        CASE WHEN m.survey_360 THEN coalesce(m.survey_deadline_day, 0) ELSE 0 END,
	                        coalesce(m.annual_deadline_day, 0))
	        FROM ocenka.methodology m WHERE m.code = year_deadline_days.methodology);
COMMENT ON FUNCTION ocenka.year_deadline_days(text) IS 'the day of January by which a methodology''s year is complete: the latest of its 4th-quarter, 360 and annual deadline days (0 if it sets none); a year closes the day after';

-- The jobs ocenka.schedule registers for a body (or the country, NULL): name, cron schedule, command.
CREATE FUNCTION ocenka.schedule_jobs(body_id bigint, hour integer)
	RETURNS TABLE (job text, cron text, command text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH m AS (
		SELECT DISTINCT mm.* FROM ocenka.body_edition e JOIN ocenka.methodology mm ON mm.code = e.methodology
		WHERE schedule_jobs.body_id IS NULL OR e.body_id = schedule_jobs.body_id
	), scope AS (
		SELECT CASE WHEN schedule_jobs.body_id IS NULL THEN 'country' ELSE 'body ' || schedule_jobs.body_id END AS name,
		       coalesce(schedule_jobs.body_id::text, 'NULL') AS arg
	)
	SELECT format('ocenka close quarters (%s)', s.name),
	       format('0 %s %s 1,4,7,10 *', schedule_jobs.hour, string_agg(DISTINCT (m.quarter_deadline_day + 1)::text, ',')),
	       format('CALL ocenka.close_due(%s)', s.arg)
	FROM m, scope s WHERE m.evaluation_period = 'quarter' GROUP BY s.name, s.arg
	UNION ALL
	SELECT format('ocenka close years (%s)', s.name),
	       format('0 %s %s 1 *', schedule_jobs.hour, string_agg(DISTINCT (ocenka.year_deadline_days(m.code) + 1)::text, ',')),
	       format('CALL ocenka.close_due(%s)', s.arg)
	FROM m, scope s GROUP BY s.name, s.arg
	UNION ALL
	-- the duties' notices (typical-2023 ¶26, ¶30; wko-2026 ¶9): every day of the month after each quarter, so
	-- heads are written to by the 5th and employees by the 10th even when a person is entered late, and the
	-- dismissed within the month; queue_notices writes each notice once (dedup_key) for the whole country
	SELECT 'ocenka queue_notices', format('15 %s * 1,4,7,10 *', schedule_jobs.hour), 'SELECT ocenka.queue_notices()'
	UNION ALL
	SELECT 'ocenka purge_expired', format('30 %s 1 * *', schedule_jobs.hour), 'SELECT * FROM ocenka.purge_expired()';
END;
COMMENT ON FUNCTION ocenka.schedule_jobs(bigint, integer) IS 'the pg_cron jobs schedule() registers for a body (NULL: the country) at an hour: the quarter closes on the day after each quarterly deadline day of its editions, the year closes on the day after each year''s last deadline in January, the duties'' notices (queue_notices, daily in the month after each quarter, for the country) and the monthly purge';

-- pg_cron must be there: its schema in this database (it is created in cron.database_name only).
CREATE FUNCTION ocenka.require_pg_cron() RETURNS void
	LANGUAGE plpgsql STABLE
AS $$
BEGIN
	IF pg_catalog.to_regnamespace('cron') IS NULL THEN
		RAISE EXCEPTION 'pg_cron is not installed in database %', pg_catalog.current_database()
			USING ERRCODE = '55000',
			      DETAIL = 'ocenka schedules its closes and purge with pg_cron, which is not installed here: nothing was scheduled.',
			      HINT = format('Install postgresql-15-cron, set shared_preload_libraries = ''pg_cron'' and cron.database_name = %L, restart the server and run CREATE EXTENSION pg_cron; or run CALL ocenka.close_due() after each deadline, SELECT ocenka.queue_notices() daily in the month after each quarter and ocenka.purge_expired() monthly from another scheduler.',
			                    pg_catalog.current_database());
	END IF;
	IF NOT ocenka.has_capacity('admin') THEN
		RAISE EXCEPTION 'scheduling ocenka''s closes needs the admin capacity'
			USING ERRCODE = '42501', HINT = 'Members of a role registered in ocenka.staff_capacity with capacity admin schedule closes and the purge; the jobs run as that user.';
	END IF;
END
$$;
COMMENT ON FUNCTION ocenka.require_pg_cron() IS 'raises 55000 with a hint when pg_cron is not installed in this database, 42501 without the admin capacity; used by schedule and unschedule';

CREATE FUNCTION ocenka.schedule(body_id bigint DEFAULT NULL, hour integer DEFAULT 2)
	RETURNS TABLE (job text, cron text, command text)
	LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
	j record;
BEGIN
	PERFORM ocenka.require_pg_cron();
	IF hour IS NULL OR hour NOT BETWEEN 0 AND 23 THEN
		RAISE EXCEPTION 'hour % is not an hour of the day (0 … 23)', hour USING ERRCODE = '22023';
	END IF;
	IF schedule.body_id IS NOT NULL AND NOT EXISTS (SELECT FROM ocenka.body b WHERE b.id = schedule.body_id) THEN
		RAISE EXCEPTION 'body % does not exist', schedule.body_id USING ERRCODE = '22023';
	END IF;
	FOR j IN SELECT * FROM ocenka.schedule_jobs(schedule.body_id, hour) LOOP
		-- cron.schedule(name, …) replaces a job of the same name and user: scheduling twice changes nothing
		EXECUTE 'SELECT cron.schedule($1, $2, $3)' USING j.job, j.cron, j.command;
		job := j.job; cron := j.cron; command := j.command;
		RETURN NEXT;
	END LOOP;
END
$$;
COMMENT ON FUNCTION ocenka.schedule(bigint, integer) IS 'registers with pg_cron, for a body or the country (NULL), the closes on the day after each deadline, the duties'' notices written to the outbox (queue_notices daily in January, April, July and October: heads by the 5th, employees by the 10th) and the monthly purge_expired, at an hour (pg_cron''s time zone); returns the jobs; without pg_cron 55000 with a hint';

CREATE FUNCTION ocenka.unschedule(body_id bigint DEFAULT NULL)
	RETURNS TABLE (job text)
	LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
	j record;
BEGIN
	PERFORM ocenka.require_pg_cron();
	FOR j IN EXECUTE $q$
		SELECT jobid, jobname FROM cron.job
		WHERE jobname LIKE 'ocenka %' AND username = current_user
		  AND ($1 IS NULL OR jobname IN (format('ocenka close quarters (body %s)', $1), format('ocenka close years (body %s)', $1)))
		ORDER BY jobname$q$ USING unschedule.body_id
	LOOP
		EXECUTE 'SELECT cron.unschedule($1)' USING j.jobid;
		job := j.jobname;
		RETURN NEXT;
	END LOOP;
END
$$;
COMMENT ON FUNCTION ocenka.unschedule(bigint) IS 'removes the pg_cron jobs schedule registered for a body, or (NULL) every ocenka job of the current user, the purge included; returns their names';
