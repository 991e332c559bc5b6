-- ocenka 0.1 → 0.2: the changes to objects that 0.1 created. The Makefile appends every source
-- file that 0.2 adds whole (see UPGRADE_SOURCES) and src/finish.sql; the result must leave a
-- database identical to a fresh install of 0.2 (scripts/upgrade-check proves it).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION ocenka UPDATE TO '0.2'" to load this file. \quit

-- cycle-a: the annual mean of quarters (§5) is the mean of the final quarterly scores (final_quarter_result), so a
-- calibration or appeal that changed a quarter counts
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

	RAISE NOTICE 'close_year: % for % bodies: checking completeness', v_year, cardinality(todo);
	CREATE TEMP TABLE ocenka_close_gaps ON COMMIT DROP AS SELECT * FROM ocenka.bodies_year_gaps(todo, v_year);
	todo := ocenka.close_gate('close_year', v_year::text, todo, strict, started);
	IF todo IS NULL THEN
		RETURN;
	END IF;

	RAISE NOTICE 'close_year: % for % bodies: computing annual results', v_year, cardinality(todo);
	CREATE TEMP TABLE ocenka_close_written (body_id bigint, status text) ON COMMIT DROP;
	-- §5: the mean of the final quarterly scores that exist for the year (a calibration or appeal that
	-- changed a quarter counts, final_quarter_result); quarters without one are skipped.
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
		       CASE WHEN count(r.final_score) > 0 THEN 'evaluated' ELSE 'not_evaluated' END,
		       CASE WHEN count(r.final_score) = 0 THEN (array_agg(r.reason ORDER BY r.q DESC))[1] END,
		       count(r.final_score), ocenka.score_avg(r.final_score), ocenka.gradation(ocenka.score_avg(r.final_score)), ocenka.today()
		FROM finalised f
		JOIN ocenka.final_quarter_result r ON r.employee_id = f.employee_id
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

	RAISE NOTICE 'close_year: % for % bodies: computing 360 results', v_year, cardinality(todo);
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
	RAISE NOTICE 'close_year: % closed for % bodies: % annual results, % not evaluated, % 360 surveys',
		v_year, cardinality(todo), n_eval, n_not, n_surveys;
END
$$;
