-- ocenka 0.1 → 0.2: the changes to objects that 0.1 created. The Makefile appends every source
-- file that 0.2 adds whole (see UPGRADE_SOURCES) and src/finish.sql; the result must leave a
-- database identical to a fresh install of 0.2 (scripts/upgrade-check proves it).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION ocenka UPDATE TO '0.2'" to load this file. \quit

-- package15: every column of the views carries a comment (make lint checks the catalog)
COMMENT ON COLUMN ocenka.form_parameter.form IS 'the ranking form: typical-ranking, wko-leadership or wko-non-leadership';
COMMENT ON COLUMN ocenka.form_parameter.no IS 'the parameter''s number on the form (an item''s no)';
COMMENT ON COLUMN ocenka.form_parameter.code IS 'the parameter''s code (quality, deadlines, initiative, discipline, no_penalties …)';
COMMENT ON COLUMN ocenka.form_parameter.name_kk IS 'its name in Kazakh as the seed words it; NULL where the seed has no Kazakh text';
COMMENT ON COLUMN ocenka.form_parameter.name_ru IS 'its name in Russian as the seed words it';
COMMENT ON COLUMN ocenka.form_parameter.name_en IS 'its name in English (our translation)';
COMMENT ON COLUMN ocenka.form_parameter.source IS 'the seed and appendix the wording comes from';
COMMENT ON COLUMN ocenka.audit_trail.audit_id IS 'the audit log entry (audit_log.id)';
COMMENT ON COLUMN ocenka.audit_trail.at IS 'when the statement ran';
COMMENT ON COLUMN ocenka.audit_trail.actor IS 'the database user who ran it';
COMMENT ON COLUMN ocenka.audit_trail.table_name IS 'the table changed (empty for a mode switch)';
COMMENT ON COLUMN ocenka.audit_trail.operation IS 'INSERT, UPDATE, DELETE, or a switch: LATE_ENTRY, HISTORICAL_LOAD, PURGE';
COMMENT ON COLUMN ocenka.audit_trail.mode IS 'the transaction''s entry mode: normal, late_entry, historical_load or purge';
COMMENT ON COLUMN ocenka.audit_trail.reason IS 'the reason given for late entry, historical load or purge';
COMMENT ON COLUMN ocenka.audit_trail.body_id IS 'the body whose period the rows belong to';
COMMENT ON COLUMN ocenka.audit_trail.q IS 'the quarter the rows belong to';
COMMENT ON COLUMN ocenka.audit_trail.year IS 'the year the rows belong to (annual results)';
COMMENT ON COLUMN ocenka.audit_trail.ordinal IS 'the row''s place in the entry, from 1; NULL for an entry without rows';
COMMENT ON COLUMN ocenka.audit_trail.old_row IS 'the row before the change (UPDATE, DELETE) as jsonb';
COMMENT ON COLUMN ocenka.audit_trail.new_row IS 'the row after the change (INSERT, UPDATE) as jsonb';

-- package15: the closes and the purge report their progress (ocenka.report_progress: NOTICEs and
-- application_name, read by the view ocenka.progress)
CREATE OR REPLACE PROCEDURE ocenka.close_quarters(bodies bigint[], q ocenka.quarter, strict boolean DEFAULT true)
	LANGUAGE plpgsql
AS $$
DECLARE
	v_q ocenka.quarter := close_quarters.q;
	started timestamptz := clock_timestamp();
	todo bigint[];
	skipped bigint[];
	closed_before bigint[];
	n_eval integer;
	n_not integer;
	b bigint;
	m text;
BEGIN
	IF bodies IS NULL OR v_q IS NULL OR strict IS NULL THEN
		RAISE EXCEPTION 'close_quarters needs bodies, a quarter and strict' USING ERRCODE = '22004';
	END IF;
	IF ocenka.today() <= ocenka.last_day(v_q) THEN
		RAISE EXCEPTION 'quarter % has not ended yet (today is %)', v_q, ocenka.today()
			USING ERRCODE = '22023', DETAIL = 'A quarter is evaluated after it ends (methodology §5).';
	END IF;
	SELECT x.b INTO b FROM unnest(bodies) AS x(b) WHERE NOT EXISTS (SELECT FROM ocenka.body y WHERE y.id = x.b) LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'body % does not exist', b USING ERRCODE = '22023';
	END IF;

	-- bodies without a quarterly edition: an error for a strict call, skipped otherwise
	SELECT array_agg(DISTINCT x.b ORDER BY x.b) FILTER (WHERE mm.evaluation_period = 'quarter'),
	       array_agg(DISTINCT x.b ORDER BY x.b) FILTER (WHERE mm.code IS NULL OR mm.evaluation_period <> 'quarter')
	INTO todo, skipped
	FROM unnest(bodies) AS x(b)
	LEFT JOIN ocenka.methodology mm ON mm.code = ocenka.edition_on(x.b, ocenka.last_day(v_q));
	IF skipped IS NOT NULL THEN
		IF strict THEN
			b := skipped[1];
			m := ocenka.edition_on(b, ocenka.last_day(v_q));
			IF m IS NULL THEN
				RAISE EXCEPTION 'body % has no methodology edition in force on %, the last day of %', b, ocenka.last_day(v_q), v_q
					USING ERRCODE = '22023', DETAIL = 'A quarter is evaluated under the edition in force on its last day (methodology §5).';
			END IF;
			RAISE EXCEPTION 'body % evaluates annually under %: close the year with close_year', b, m
				USING ERRCODE = '22023', DETAIL = format('%s has no quarterly evaluation (methodology §5).', m);
		END IF;
		RAISE NOTICE 'close_quarter: % of % bodies have no quarterly edition for %; skipped', cardinality(skipped), cardinality(bodies), v_q;
	END IF;
	IF todo IS NULL THEN
		RETURN;
	END IF;

	PERFORM ocenka.report_progress('close_quarter ' || v_q, 0, 4, format('locking %s bodies', cardinality(todo)));
	-- serialize with entry (which holds these rows FOR SHARE) and with another close, in body order
	INSERT INTO ocenka.quarter_status (body_id, q, methodology)
	SELECT x.b, v_q, ocenka.edition_on(x.b, ocenka.last_day(v_q)) FROM unnest(todo) AS x(b)
	ON CONFLICT DO NOTHING;
	PERFORM FROM ocenka.quarter_status s WHERE s.body_id = ANY (todo) AND s.q = v_q ORDER BY s.body_id FOR UPDATE;

	SELECT array_agg(s.body_id ORDER BY s.body_id) INTO closed_before
	FROM ocenka.quarter_status s WHERE s.body_id = ANY (todo) AND s.q = v_q AND s.closed_at IS NOT NULL;
	IF closed_before IS NOT NULL THEN
		RAISE NOTICE 'close_quarter: % of % bodies were already closed for %; nothing to do for them',
			cardinality(closed_before), cardinality(todo), v_q;
		INSERT INTO ocenka.close_run (body_id, period, procedure, started_at, finished_at, outcome, evaluated, not_evaluated)
		SELECT x.b, v_q::text, 'close_quarter', started, clock_timestamp(), 'already_closed',
		       (SELECT count(*) FROM ocenka.quarter_result r WHERE r.body_id = x.b AND r.q = v_q AND r.status = 'evaluated'),
		       (SELECT count(*) FROM ocenka.quarter_result r WHERE r.body_id = x.b AND r.q = v_q AND r.status = 'not_evaluated')
		FROM unnest(closed_before) AS x(b);
		SELECT array_agg(x.b ORDER BY x.b) INTO todo FROM unnest(todo) AS x(b) WHERE x.b <> ALL (closed_before);
		IF todo IS NULL THEN
			RETURN;
		END IF;
	END IF;

	PERFORM ocenka.report_progress('close_quarter ' || v_q, 1, 4, format('checking completeness of %s bodies', cardinality(todo)));
	CREATE TEMP TABLE ocenka_close_gaps ON COMMIT DROP AS SELECT * FROM ocenka.bodies_quarter_gaps(todo, v_q);
	todo := ocenka.close_gate('close_quarter', v_q::text, todo, strict, started);
	IF todo IS NULL THEN
		RETURN;
	END IF;

	PERFORM ocenka.report_progress('close_quarter ' || v_q, 2, 4, format('computing results of %s bodies', cardinality(todo)));
	CREATE TEMP TABLE ocenka_close_written (body_id bigint, status text) ON COMMIT DROP;
	WITH plan AS (SELECT p.*, mm.penalty_cap FROM ocenka.bodies_plan(todo, ocenka.first_day(v_q), ocenka.last_day(v_q)) p
	              JOIN ocenka.methodology mm ON mm.code = p.methodology),
	sheets AS (
		SELECT s.employee_id, s.id, s.method, s.form,
		       ocenka.score_avg(i.score) AS mean,
		       array_agg(i.score ORDER BY i.no) AS scores
		FROM ocenka.sheet s
		JOIN unnest(todo) AS x(b) ON x.b = s.body_id
		JOIN ocenka.item i ON i.sheet_id = s.id
		WHERE s.q = v_q
		GROUP BY s.employee_id, s.id, s.method, s.form
	),
	-- a penalty counts for the quarter containing the day it was imposed (§4b)
	penalties AS (
		SELECT p.employee_id, array_agg(p.kind) AS kinds, min(ocenka.penalty_cap(p.kind)) AS cap
		FROM ocenka.penalty p
		WHERE p.imposed_on BETWEEN ocenka.first_day(v_q) AND ocenka.last_day(v_q)
		GROUP BY p.employee_id
	),
	written AS (
		INSERT INTO ocenka.quarter_result (employee_id, q, body_id, methodology, status, reason, sheet_id, method, form,
		                                   mean, cap, score, gradation, completed_on)
		SELECT p.employee_id, v_q, p.body_id, p.methodology,
		       CASE WHEN p.reason IS NULL THEN 'evaluated' ELSE 'not_evaluated' END, p.reason,
		       s.id, s.method, s.form, s.mean, CASE WHEN p.penalty_cap THEN pe.cap END, r.score, ocenka.gradation(r.score),
		       ocenka.today()
		FROM plan p
		LEFT JOIN sheets s ON s.employee_id = p.employee_id AND p.reason IS NULL
		LEFT JOIN penalties pe ON pe.employee_id = p.employee_id
		LEFT JOIN LATERAL (
			-- heads under typical-2023: the mean of the KPI grades (§3); everyone else: the ranking score,
			-- capped by the quarter's penalties where the edition says so (§4)
			SELECT CASE WHEN s.method = 'kpi' THEN s.mean
			            ELSE ocenka.ranking_score(s.scores, CASE WHEN p.penalty_cap THEN coalesce(pe.kinds, '{}') ELSE '{}' END) END AS score
		) r ON s.id IS NOT NULL
		WHERE p.reason IS NOT NULL OR p.method IS NOT NULL
		RETURNING body_id, status
	)
	INSERT INTO ocenka_close_written SELECT * FROM written;
	SELECT count(*) FILTER (WHERE status = 'evaluated'), count(*) FILTER (WHERE status = 'not_evaluated')
	INTO n_eval, n_not FROM ocenka_close_written;

	PERFORM ocenka.report_progress('close_quarter ' || v_q, 3, 4, format('recording %s results (%s evaluated) of %s bodies', n_eval + n_not, n_eval, cardinality(todo)));
	UPDATE ocenka.quarter_status s SET closed_at = now(), closed_by = current_user, completed_on = ocenka.today()
	WHERE s.body_id = ANY (todo) AND s.q = v_q;
	INSERT INTO ocenka.close_run (body_id, period, procedure, started_at, finished_at, outcome, evaluated, not_evaluated)
	SELECT x.b, v_q::text, 'close_quarter', started, clock_timestamp(), 'closed',
	       count(w.status) FILTER (WHERE w.status = 'evaluated'), count(w.status) FILTER (WHERE w.status = 'not_evaluated')
	FROM unnest(todo) AS x(b) LEFT JOIN ocenka_close_written w ON w.body_id = x.b
	GROUP BY x.b;
	DROP TABLE ocenka_close_written;
	PERFORM ocenka.report_progress('close_quarter ' || v_q, 4, 4, format('%s evaluated, %s not evaluated: %s bodies closed', n_eval, n_not, cardinality(todo)));
END
$$;

CREATE OR REPLACE PROCEDURE ocenka.close_years(bodies bigint[], year integer, strict boolean DEFAULT true)
	LANGUAGE plpgsql
AS $$
DECLARE
	v_year integer := close_years.year;
	started timestamptz := clock_timestamp();
	todo bigint[];
	skipped bigint[];
	closed_before bigint[];
	n_eval integer;
	n_not integer;
	n_surveys integer;
	b bigint;
BEGIN
	IF bodies IS NULL OR v_year IS NULL OR strict IS NULL THEN
		RAISE EXCEPTION 'close_years needs bodies, a year and strict' USING ERRCODE = '22004';
	END IF;
	IF v_year NOT BETWEEN 1900 AND 9999 THEN
		RAISE EXCEPTION 'year % is out of range', v_year USING ERRCODE = '22023', DETAIL = 'Years lie between 1900 and 9999.';
	END IF;
	SELECT x.b INTO b FROM unnest(bodies) AS x(b) WHERE NOT EXISTS (SELECT FROM ocenka.body y WHERE y.id = x.b) LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'body % does not exist', b USING ERRCODE = '22023';
	END IF;
	IF ocenka.today() <= make_date(v_year, 12, 31) THEN
		RAISE EXCEPTION 'year % has not ended yet (today is %)', v_year, ocenka.today()
			USING ERRCODE = '22023', DETAIL = 'A year is evaluated after it ends (methodology §5).';
	END IF;

	SELECT array_agg(DISTINCT x.b ORDER BY x.b) FILTER (WHERE ocenka.edition_on(x.b, make_date(v_year, 12, 31)) IS NOT NULL),
	       array_agg(DISTINCT x.b ORDER BY x.b) FILTER (WHERE ocenka.edition_on(x.b, make_date(v_year, 12, 31)) IS NULL)
	INTO todo, skipped FROM unnest(bodies) AS x(b);
	IF skipped IS NOT NULL THEN
		IF strict THEN
			RAISE EXCEPTION 'body % has no methodology edition in force on %-12-31', skipped[1], v_year
				USING ERRCODE = '22023', DETAIL = 'A year is evaluated under the edition in force on 31 December (methodology §5).';
		END IF;
		RAISE NOTICE 'close_year: % of % bodies have no edition for %; skipped', cardinality(skipped), cardinality(bodies), v_year;
	END IF;
	IF todo IS NULL THEN
		RETURN;
	END IF;

	PERFORM ocenka.report_progress('close_year ' || v_year, 0, 5, format('locking %s bodies', cardinality(todo)));
	INSERT INTO ocenka.year_status (body_id, year, methodology)
	SELECT x.b, v_year, ocenka.edition_on(x.b, make_date(v_year, 12, 31)) FROM unnest(todo) AS x(b)
	ON CONFLICT DO NOTHING;
	PERFORM FROM ocenka.year_status s WHERE s.body_id = ANY (todo) AND s.year = v_year ORDER BY s.body_id FOR UPDATE;

	SELECT array_agg(s.body_id ORDER BY s.body_id) INTO closed_before
	FROM ocenka.year_status s WHERE s.body_id = ANY (todo) AND s.year = v_year AND s.closed_at IS NOT NULL;
	IF closed_before IS NOT NULL THEN
		RAISE NOTICE 'close_year: % of % bodies were already closed for %; nothing to do for them',
			cardinality(closed_before), cardinality(todo), v_year;
		INSERT INTO ocenka.close_run (body_id, period, procedure, started_at, finished_at, outcome, evaluated, not_evaluated, surveys)
		SELECT x.b, v_year::text, 'close_year', started, clock_timestamp(), 'already_closed',
		       (SELECT count(*) FROM ocenka.annual_result r WHERE r.body_id = x.b AND r.year = v_year AND r.status = 'evaluated'),
		       (SELECT count(*) FROM ocenka.annual_result r WHERE r.body_id = x.b AND r.year = v_year AND r.status = 'not_evaluated'),
		       (SELECT count(DISTINCT c.survey_id) FROM ocenka.competency_result c JOIN ocenka.survey s ON s.id = c.survey_id
		        WHERE s.body_id = x.b AND s.year = v_year)
		FROM unnest(closed_before) AS x(b);
		SELECT array_agg(x.b ORDER BY x.b) INTO todo FROM unnest(todo) AS x(b) WHERE x.b <> ALL (closed_before);
		IF todo IS NULL THEN
			RETURN;
		END IF;
	END IF;

	PERFORM ocenka.report_progress('close_year ' || v_year, 1, 5, format('checking completeness of %s bodies', cardinality(todo)));
	CREATE TEMP TABLE ocenka_close_gaps ON COMMIT DROP AS SELECT * FROM ocenka.bodies_year_gaps(todo, v_year);
	todo := ocenka.close_gate('close_year', v_year::text, todo, strict, started);
	IF todo IS NULL THEN
		RETURN;
	END IF;

	PERFORM ocenka.report_progress('close_year ' || v_year, 2, 5, format('computing annual results of %s bodies', cardinality(todo)));
	CREATE TEMP TABLE ocenka_close_written (body_id bigint, status text) ON COMMIT DROP;
	-- §5: the mean of the quarterly scores that exist for the year; quarters without one are skipped.
	-- Someone transferred during the year is finalised by the body they ended it in, over their
	-- quarters in every body (the other body's are closed: year_gaps checks it).
	WITH bm AS (SELECT x.b AS body_id, mm.* FROM unnest(todo) AS x(b)
	            JOIN ocenka.methodology mm ON mm.code = ocenka.edition_on(x.b, make_date(v_year, 12, 31))
	            WHERE mm.annual_rule = 'mean_of_quarters'),
	finalised AS MATERIALIZED (
		SELECT y.employee_id, y.body_id, bm.code
		FROM ocenka.year_end_bodies(ARRAY(SELECT DISTINCT r.employee_id FROM ocenka.quarter_result r JOIN bm ON bm.body_id = r.body_id
		                                  WHERE r.q BETWEEN ocenka.make_quarter(v_year, 1) AND ocenka.make_quarter(v_year, 4)),
		                            v_year) y
		JOIN bm ON bm.body_id = y.body_id),
	written AS (
		INSERT INTO ocenka.annual_result (employee_id, year, body_id, methodology, rule, status, reason, quarters,
		                                  score, gradation, completed_on)
		SELECT f.employee_id, v_year, f.body_id, f.code, 'mean_of_quarters',
		       CASE WHEN count(r.score) > 0 THEN 'evaluated' ELSE 'not_evaluated' END,
		       CASE WHEN count(r.score) = 0 THEN (array_agg(r.reason ORDER BY r.q DESC))[1] END,
		       count(r.score), ocenka.score_avg(r.score), ocenka.gradation(ocenka.score_avg(r.score)), ocenka.today()
		FROM finalised f
		JOIN ocenka.quarter_result r ON r.employee_id = f.employee_id
		                            AND r.q BETWEEN ocenka.make_quarter(v_year, 1) AND ocenka.make_quarter(v_year, 4)
		GROUP BY f.employee_id, f.body_id, f.code
		RETURNING body_id, status
	)
	INSERT INTO ocenka_close_written SELECT * FROM written;
	-- §7: all KPIs achieved → level 4, one missed → 3, two → 2, more → 1
	WITH bm AS (SELECT x.b AS body_id, mm.* FROM unnest(todo) AS x(b)
	            JOIN ocenka.methodology mm ON mm.code = ocenka.edition_on(x.b, make_date(v_year, 12, 31))
	            WHERE mm.annual_rule = 'kpi_count'),
	written AS (
		INSERT INTO ocenka.annual_result (employee_id, year, body_id, methodology, rule, status, reason,
		                                  kpi_achieved, kpi_total, gradation, completed_on)
		SELECT p.employee_id, v_year, p.body_id, p.methodology, 'kpi_count',
		       CASE WHEN p.reason IS NULL THEN 'evaluated' ELSE 'not_evaluated' END, p.reason,
		       k.achieved, k.total,
		       CASE WHEN p.reason IS NOT NULL THEN NULL
		            WHEN k.achieved >= k.total THEN 'effective'
		            WHEN k.achieved = k.total - 1 THEN 'proper'
		            WHEN k.achieved = k.total - 2 THEN 'satisfactory'
		            ELSE 'unsatisfactory' END::ocenka.gradation,
		       ocenka.today()
		FROM ocenka.bodies_plan((SELECT array_agg(body_id) FROM bm), make_date(v_year, 1, 1), make_date(v_year, 12, 31)) p
		LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE kp.achieved)::smallint AS achieved, count(*)::smallint AS total
		                   FROM ocenka.kpi kp WHERE kp.employee_id = p.employee_id AND kp.year = v_year) k
		       ON p.reason IS NULL
		RETURNING body_id, status
	)
	INSERT INTO ocenka_close_written SELECT * FROM written;
	SELECT count(*) FILTER (WHERE status = 'evaluated'), count(*) FILTER (WHERE status = 'not_evaluated')
	INTO n_eval, n_not FROM ocenka_close_written;

	PERFORM ocenka.report_progress('close_year ' || v_year, 3, 5, format('computing 360 results of %s bodies (%s annual results written)', cardinality(todo), n_eval + n_not));
	-- appendices 7–8: each competency's mean without self; the self-assessment beside it; the weakest for training (¶36).
	-- One survey at a time (an index scan of its answers grouped into a dozen competencies), so that the
	-- close's memory stays the same for a country as for a body, where one hash of every answer grew with it.
	WITH bm AS MATERIALIZED (SELECT x.b AS body_id FROM unnest(todo) AS x(b)
	                         JOIN ocenka.methodology mm ON mm.code = ocenka.edition_on(x.b, make_date(v_year, 12, 31))
	                         WHERE mm.survey_360),
	sv AS MATERIALIZED (SELECT s.* FROM ocenka.survey s JOIN bm ON bm.body_id = s.body_id WHERE s.year = v_year)
	INSERT INTO ocenka.competency_result (survey_id, competency_no, competency_code, mean, self_mean, answers,
	                                      weakest, completed_on)
	SELECT sv.id, m.competency_no, c.competency_code, m.mean, m.self_mean, m.answers, m.weakest, ocenka.today()
	FROM sv CROSS JOIN LATERAL (
		SELECT g.*, g.mean = min(g.mean) OVER () AS weakest
		FROM (SELECT a.competency_no,
		             ocenka.mean360(a.answer, a.is_self) AS mean,
		             ocenka.mean360(a.answer, NOT a.is_self) AS self_mean,
		             count(*) FILTER (WHERE NOT a.is_self) AS answers
		      FROM ocenka.answer a WHERE a.survey_id = sv.id
		      GROUP BY a.competency_no) g) m
	JOIN ocenka.competency_question c ON c.survey_form = sv.survey_form AND c.competency_no = m.competency_no
	                                 AND c.question_no = 1;
	-- the surveys just given results, per body (their bodies' years were open, so none had results before)
	CREATE TEMP TABLE ocenka_close_surveys ON COMMIT DROP AS
	SELECT s.body_id, count(*) AS surveys FROM ocenka.survey s
	WHERE s.body_id = ANY (todo) AND s.year = v_year
	  AND EXISTS (SELECT FROM ocenka.competency_result c WHERE c.survey_id = s.id)
	GROUP BY s.body_id;
	SELECT coalesce(sum(surveys), 0) INTO n_surveys FROM ocenka_close_surveys;

	PERFORM ocenka.report_progress('close_year ' || v_year, 4, 5, format('recording %s annual results and %s surveys of %s bodies', n_eval + n_not, n_surveys, cardinality(todo)));
	UPDATE ocenka.year_status s SET closed_at = now(), closed_by = current_user, completed_on = ocenka.today()
	WHERE s.body_id = ANY (todo) AND s.year = v_year;
	INSERT INTO ocenka.close_run (body_id, period, procedure, started_at, finished_at, outcome, evaluated, not_evaluated, surveys)
	SELECT x.b, v_year::text, 'close_year', started, clock_timestamp(), 'closed',
	       coalesce(w.evaluated, 0), coalesce(w.not_evaluated, 0), coalesce(v.surveys, 0)
	FROM unnest(todo) AS x(b)
	LEFT JOIN (SELECT body_id, count(*) FILTER (WHERE status = 'evaluated') AS evaluated,
	                  count(*) FILTER (WHERE status = 'not_evaluated') AS not_evaluated
	           FROM ocenka_close_written GROUP BY body_id) w ON w.body_id = x.b
	LEFT JOIN ocenka_close_surveys v ON v.body_id = x.b;
	DROP TABLE ocenka_close_written, ocenka_close_surveys;
	PERFORM ocenka.report_progress('close_year ' || v_year, 5, 5, format('%s evaluated, %s not evaluated, %s 360 surveys: %s bodies closed',
		n_eval, n_not, n_surveys, cardinality(todo)));
END
$$;

CREATE OR REPLACE FUNCTION ocenka.purge_expired(as_of date DEFAULT ocenka.today())
	RETURNS TABLE (table_name text, deleted bigint)
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	n bigint;
	steps integer := 0;
	total bigint := 0;
BEGIN
	IF as_of > ocenka.today() THEN
		RAISE EXCEPTION 'cannot purge as of %, which is after today (%)', as_of, ocenka.today()
			USING ERRCODE = '22023',
			      DETAIL = 'Documents expire three years after their evaluation was completed, counted up to today (methodology §11).';
	END IF;
	PERFORM ocenka.begin_purge(format('purge_expired as of %s', as_of));
	PERFORM ocenka.report_progress('purge_expired', 0, 11, format('finding what expired by %s', as_of));

	CREATE TEMP TABLE pg_temp.ocenka_expired_quarter ON COMMIT DROP AS
		SELECT body_id, q FROM ocenka.quarter_status WHERE ocenka.kept_until(completed_on) <= as_of;
	CREATE TEMP TABLE pg_temp.ocenka_expired_year ON COMMIT DROP AS
		SELECT body_id, year FROM ocenka.year_status WHERE ocenka.kept_until(completed_on) <= as_of;

	-- dependents first
	DELETE FROM ocenka.answer a USING ocenka.survey s, pg_temp.ocenka_expired_year e
	WHERE a.survey_id = s.id AND (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'answer'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.respondent r USING ocenka.survey s, pg_temp.ocenka_expired_year e
	WHERE r.survey_id = s.id AND (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'respondent'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.competency_result c WHERE ocenka.kept_until(c.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'competency_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.survey s USING pg_temp.ocenka_expired_year e WHERE (s.body_id, s.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.competency_result c WHERE c.survey_id = s.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'survey'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));

	DELETE FROM ocenka.item i USING ocenka.sheet s, pg_temp.ocenka_expired_quarter e
	WHERE i.sheet_id = s.id AND (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'item'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.quarter_result r WHERE ocenka.kept_until(r.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'quarter_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.sheet s USING pg_temp.ocenka_expired_quarter e WHERE (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'sheet'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.annual_result r WHERE ocenka.kept_until(r.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'annual_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));

	-- a KPI plan serves its quarters and its year: it goes when all of them have expired
	DELETE FROM ocenka.kpi_target t USING ocenka.kpi k, pg_temp.ocenka_expired_year e
	WHERE t.kpi_id = k.id AND (k.body_id, k.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.quarter_status qs WHERE (qs.body_id, qs.q) = (k.body_id, t.q)
	                  AND NOT EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter x WHERE (x.body_id, x.q) = (qs.body_id, qs.q)));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_target'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.kpi k USING pg_temp.ocenka_expired_year e WHERE (k.body_id, k.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.kpi_target t WHERE t.kpi_id = k.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));

	-- the audit entries of what was purged; penalties are never purged, so neither is their audit
	DELETE FROM ocenka.audit_log l
	WHERE (l.table_name IN ('sheet', 'item', 'quarter_result')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (l.body_id, l.q)))
	   OR (l.table_name = 'kpi_target'
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (l.body_id, l.q))
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, ocenka.year_of(l.q))))
	   OR (l.table_name IN ('annual_result', 'kpi', 'competency_result')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, l.year)))
	   OR (l.body_id IS NULL AND ocenka.kept_until(l.at::date) <= as_of);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'audit_log'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));

	-- dropped now, not at commit, so that the transaction may call purge_expired again
	DROP TABLE pg_temp.ocenka_expired_quarter, pg_temp.ocenka_expired_year;
	PERFORM ocenka.end_purge();
END
$$;
