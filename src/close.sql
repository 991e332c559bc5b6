-- Period close for DBAs (§5): transactional, idempotent, safe to schedule (pg_cron).

-- What keeps a body quarter from closing: one line per eligible person whose sheet is missing or incomplete.
CREATE FUNCTION ocenka.quarter_gaps(p_body bigint, p_q ocenka.quarter)
	RETURNS TABLE (employee_id bigint, gap text)
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	WITH m AS (SELECT * FROM ocenka.methodology WHERE code = ocenka.edition_on(p_body, ocenka.last_day(p_q))),
	plan AS (SELECT * FROM ocenka.quarter_plan(p_body, p_q) WHERE reason IS NULL AND method IS NOT NULL),
	sh AS (SELECT s.* FROM ocenka.sheet s WHERE s.body_id = p_body AND s.q = p_q),
	need AS (
		-- what each sheet must hold: the form's parameters, or the head's KPIs of the year
		SELECT p.employee_id, p.form, g.no
		FROM plan p, LATERAL (SELECT f.no::smallint AS no FROM ocenka.form_parameter f WHERE f.form = p.form
		                      UNION ALL
		                      SELECT k.no FROM ocenka.kpi k
		                      WHERE p.form = 'kpi' AND k.employee_id = p.employee_id AND k.year = ocenka.year_of(p_q)) g
	),
	kpis AS (SELECT k.employee_id, count(*) AS n FROM ocenka.kpi k
	         WHERE k.body_id = p_body AND k.year = ocenka.year_of(p_q) GROUP BY 1)
	SELECT p.employee_id, 'no sheet'
	FROM plan p WHERE NOT EXISTS (SELECT FROM sh WHERE sh.employee_id = p.employee_id)
	UNION ALL
	SELECT p.employee_id, format('the %s KPI plan has %s KPIs, %s needs %s to %s', ocenka.year_of(p_q),
	                             coalesce(k.n, 0), m.code, m.kpi_min, m.kpi_max)
	FROM plan p CROSS JOIN m LEFT JOIN kpis k ON k.employee_id = p.employee_id
	WHERE p.form = 'kpi' AND coalesce(k.n, 0) NOT BETWEEN m.kpi_min AND m.kpi_max
	UNION ALL
	SELECT n.employee_id, format('%s %s not scored', CASE WHEN n.form = 'kpi' THEN 'KPIs' ELSE 'parameters' END,
	                             string_agg(n.no::text, ', ' ORDER BY n.no))
	FROM need n JOIN sh ON sh.employee_id = n.employee_id
	WHERE NOT EXISTS (SELECT FROM ocenka.item i WHERE i.sheet_id = sh.id AND i.no = n.no)
	GROUP BY n.employee_id, n.form
$$;
COMMENT ON FUNCTION ocenka.quarter_gaps(bigint, ocenka.quarter) IS 'what keeps a body quarter from closing: eligible people without a sheet, KPI plans of the wrong size, parameters or KPIs not scored';

-- Raises the list of gaps as one error, or returns quietly.
CREATE FUNCTION ocenka.raise_gaps(p_period text, p_gaps text[], p_total integer) RETURNS void
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
	IF p_total > 0 THEN
		RAISE EXCEPTION '% cannot be closed: %', p_period,
			CASE WHEN p_total = 1 THEN 'one gap remains' ELSE p_total || ' gaps remain' END
			USING ERRCODE = '23514', CONSTRAINT = 'ocenka_complete_evaluation',
			      DETAIL = array_to_string(p_gaps, E'\n') ||
			               CASE WHEN p_total > cardinality(p_gaps) THEN format(E'\n… and %s more.', p_total - cardinality(p_gaps)) ELSE '' END,
			      HINT = 'Complete them, then call the procedure again; nothing was changed.';
	END IF;
END
$$;
COMMENT ON FUNCTION ocenka.raise_gaps(text, text[], integer) IS 'internal: the error close_quarter and close_year raise when evaluations are incomplete';

CREATE PROCEDURE ocenka.close_quarter(body_id bigint, q ocenka.quarter)
	LANGUAGE plpgsql
AS $$
DECLARE
	v_body bigint := close_quarter.body_id;
	v_q ocenka.quarter := close_quarter.q;
	m ocenka.methodology;
	st ocenka.quarter_status;
	started timestamptz := clock_timestamp();
	gaps text[];
	total integer;
	n_eval integer;
	n_not integer;
BEGIN
	IF v_body IS NULL OR v_q IS NULL THEN
		RAISE EXCEPTION 'close_quarter needs a body and a quarter' USING ERRCODE = '22004';
	END IF;
	IF NOT EXISTS (SELECT FROM ocenka.body b WHERE b.id = v_body) THEN
		RAISE EXCEPTION 'body % does not exist', v_body USING ERRCODE = '22023';
	END IF;
	SELECT * INTO m FROM ocenka.methodology WHERE code = ocenka.edition_on(v_body, ocenka.last_day(v_q));
	IF m.code IS NULL THEN
		RAISE EXCEPTION 'body % has no methodology edition in force on %, the last day of %', v_body, ocenka.last_day(v_q), v_q
			USING ERRCODE = '22023', DETAIL = 'A quarter is evaluated under the edition in force on its last day (methodology §5).';
	END IF;
	IF m.evaluation_period <> 'quarter' THEN
		RAISE EXCEPTION 'body % evaluates annually under %: close the year with close_year', v_body, m.code
			USING ERRCODE = '22023', DETAIL = format('%s has no quarterly evaluation (methodology §5).', m.code);
	END IF;
	IF ocenka.today() <= ocenka.last_day(v_q) THEN
		RAISE EXCEPTION 'quarter % has not ended yet (today is %)', v_q, ocenka.today()
			USING ERRCODE = '22023', DETAIL = 'A quarter is evaluated after it ends (methodology §5).';
	END IF;

	-- serialize with entry (which holds these rows FOR SHARE) and with another close
	INSERT INTO ocenka.quarter_status (body_id, q, methodology) VALUES (v_body, v_q, m.code) ON CONFLICT DO NOTHING;
	SELECT * INTO st FROM ocenka.quarter_status s WHERE s.body_id = v_body AND s.q = v_q FOR UPDATE;
	IF st.closed_at IS NOT NULL THEN
		RAISE NOTICE 'close_quarter: % of body % was closed on % by %; nothing to do', v_q, v_body, st.closed_at, st.closed_by;
		INSERT INTO ocenka.close_run (body_id, period, procedure, started_at, finished_at, outcome, evaluated, not_evaluated)
		SELECT v_body, v_q::text, 'close_quarter', started, clock_timestamp(), 'already_closed',
		       count(*) FILTER (WHERE r.status = 'evaluated'), count(*) FILTER (WHERE r.status = 'not_evaluated')
		FROM ocenka.quarter_result r WHERE r.body_id = v_body AND r.q = v_q;
		RETURN;
	END IF;

	RAISE NOTICE 'close_quarter: % of body % under %: checking completeness', v_q, v_body, m.code;
	SELECT (array_agg(format('%s: %s', ocenka.who(g.employee_id), g.gap) ORDER BY g.employee_id, g.gap))[1:20], count(*)
	INTO gaps, total
	FROM ocenka.quarter_gaps(v_body, v_q) g;
	PERFORM ocenka.raise_gaps(format('quarter %s of body %s', v_q, v_body), gaps, total);

	RAISE NOTICE 'close_quarter: % of body % under %: computing results', v_q, v_body, m.code;
	WITH plan AS (SELECT * FROM ocenka.quarter_plan(v_body, v_q)),
	sheets AS (
		SELECT s.employee_id, s.id, s.method, s.form,
		       ocenka.score_avg(i.score) AS mean,
		       array_agg(i.score ORDER BY i.no) AS scores
		FROM ocenka.sheet s JOIN ocenka.item i ON i.sheet_id = s.id
		WHERE s.body_id = v_body AND s.q = v_q
		GROUP BY s.employee_id, s.id, s.method, s.form
	),
	-- a penalty counts for the quarter containing the day it was imposed (§4b)
	penalties AS (
		SELECT p.employee_id, array_agg(p.kind) AS kinds, min(ocenka.penalty_cap(p.kind)) AS cap
		FROM ocenka.penalty p
		WHERE p.imposed_on BETWEEN ocenka.first_day(v_q) AND ocenka.last_day(v_q) AND m.penalty_cap
		GROUP BY p.employee_id
	),
	written AS (
		INSERT INTO ocenka.quarter_result (employee_id, q, body_id, methodology, status, reason, sheet_id, method, form,
		                                   mean, cap, score, gradation, completed_on)
		SELECT p.employee_id, v_q, v_body, m.code,
		       CASE WHEN p.reason IS NULL THEN 'evaluated' ELSE 'not_evaluated' END, p.reason,
		       s.id, s.method, s.form, s.mean, pe.cap, r.score, ocenka.gradation(r.score), ocenka.today()
		FROM plan p
		LEFT JOIN sheets s ON s.employee_id = p.employee_id AND p.reason IS NULL
		LEFT JOIN penalties pe ON pe.employee_id = p.employee_id
		LEFT JOIN LATERAL (
			-- heads under typical-2023: the mean of the KPI grades (§3); everyone else: the ranking score,
			-- capped by the quarter's penalties where the edition says so (§4)
			SELECT CASE WHEN s.method = 'kpi' THEN s.mean
			            ELSE ocenka.ranking_score(s.scores, coalesce(pe.kinds, '{}')) END AS score
		) r ON s.id IS NOT NULL
		WHERE p.reason IS NOT NULL OR p.method IS NOT NULL
		RETURNING status
	)
	SELECT count(*) FILTER (WHERE status = 'evaluated'), count(*) FILTER (WHERE status = 'not_evaluated')
	INTO n_eval, n_not FROM written;

	UPDATE ocenka.quarter_status s SET closed_at = now(), closed_by = current_user, completed_on = ocenka.today()
	WHERE s.body_id = v_body AND s.q = v_q;
	INSERT INTO ocenka.close_run (body_id, period, procedure, started_at, finished_at, outcome, evaluated, not_evaluated)
	VALUES (v_body, v_q::text, 'close_quarter', started, clock_timestamp(), 'closed', n_eval, n_not);
	RAISE NOTICE 'close_quarter: % of body % closed: % evaluated, % not evaluated', v_q, v_body, n_eval, n_not;
END
$$;
COMMENT ON PROCEDURE ocenka.close_quarter(bigint, ocenka.quarter) IS 'closes a body quarter: checks every eligible person''s sheet is complete (else lists what is missing and changes nothing), writes each quarterly result and who was not evaluated and why, and locks the quarter; calling it again changes nothing';

-- What keeps a body year from closing.
CREATE FUNCTION ocenka.year_gaps(p_body bigint, p_year integer)
	RETURNS TABLE (employee_id bigint, gap text)
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	WITH m AS (SELECT * FROM ocenka.methodology WHERE code = ocenka.edition_on(p_body, make_date(p_year, 12, 31))),
	quarters AS (SELECT ocenka.make_quarter(p_year, n) AS q FROM generate_series(1, 4) n),
	surveys AS (SELECT s.* FROM ocenka.survey s WHERE s.body_id = p_body AND s.year = p_year)
	-- mean of quarters: every quarter the body evaluated quarterly must be closed
	SELECT NULL::bigint, format('quarter %s is not closed', qq.q)
	FROM m, quarters qq
	JOIN ocenka.methodology qm ON qm.code = ocenka.edition_on(p_body, ocenka.last_day(qq.q))
	WHERE m.annual_rule = 'mean_of_quarters' AND qm.evaluation_period = 'quarter'
	  AND NOT EXISTS (SELECT FROM ocenka.quarter_status s WHERE s.body_id = p_body AND s.q = qq.q AND s.closed_at IS NOT NULL)
	UNION ALL
	-- KPI count: every eligible person has a full plan with every KPI's outcome recorded
	SELECT p.employee_id,
	       CASE WHEN count(k.id) NOT BETWEEN m.kpi_min AND m.kpi_max
	            THEN format('the %s KPI plan has %s KPIs, %s needs %s', p_year, count(k.id), m.code,
	                        CASE WHEN m.kpi_min = m.kpi_max THEN m.kpi_max::text ELSE m.kpi_min || ' to ' || m.kpi_max END)
	            ELSE format('KPIs %s have no recorded outcome', string_agg(k.no::text, ', ' ORDER BY k.no) FILTER (WHERE k.achieved IS NULL)) END
	FROM m, ocenka.year_plan(p_body, p_year) p
	LEFT JOIN ocenka.kpi k ON k.employee_id = p.employee_id AND k.year = p_year
	WHERE m.annual_rule = 'kpi_count' AND p.reason IS NULL
	GROUP BY p.employee_id, m.kpi_min, m.kpi_max, m.code
	HAVING count(k.id) NOT BETWEEN m.kpi_min AND m.kpi_max OR bool_or(k.achieved IS NULL)
	UNION ALL
	-- 360: 3 to 7 respondents besides the self-assessment, each answering every question (¶35)
	SELECT s.employee_id, format('the 360 survey has %s respondents besides the self-assessment, at least 3 are needed',
	                             (SELECT count(*) FROM ocenka.respondent r WHERE r.survey_id = s.id AND r.role <> 'self'))
	FROM surveys s
	WHERE (SELECT count(*) FROM ocenka.respondent r WHERE r.survey_id = s.id AND r.role <> 'self') < 3
	UNION ALL
	SELECT s.employee_id, format('respondent %s (%s) has not answered %s of the %s questions', r.id, r.role,
	                             (SELECT count(*) FROM ocenka.competency_question c WHERE c.survey_form = s.survey_form)
	                             - (SELECT count(*) FROM ocenka.answer a WHERE a.respondent_id = r.id),
	                             (SELECT count(*) FROM ocenka.competency_question c WHERE c.survey_form = s.survey_form))
	FROM surveys s JOIN ocenka.respondent r ON r.survey_id = s.id
	WHERE (SELECT count(*) FROM ocenka.answer a WHERE a.respondent_id = r.id)
	      < (SELECT count(*) FROM ocenka.competency_question c WHERE c.survey_form = s.survey_form)
$$;
COMMENT ON FUNCTION ocenka.year_gaps(bigint, integer) IS 'what keeps a body year from closing: open quarters, incomplete KPI plans or outcomes, 360 surveys with too few respondents or unanswered questions';

CREATE PROCEDURE ocenka.close_year(body_id bigint, year integer)
	LANGUAGE plpgsql
AS $$
DECLARE
	v_body bigint := close_year.body_id;
	v_year integer := close_year.year;
	m ocenka.methodology;
	st ocenka.year_status;
	started timestamptz := clock_timestamp();
	gaps text[];
	total integer;
	n_eval integer := 0;
	n_not integer := 0;
	n_surveys integer := 0;
BEGIN
	IF v_body IS NULL OR v_year IS NULL THEN
		RAISE EXCEPTION 'close_year needs a body and a year' USING ERRCODE = '22004';
	END IF;
	IF v_year NOT BETWEEN 1900 AND 9999 THEN
		RAISE EXCEPTION 'year % is out of range', v_year USING ERRCODE = '22023', DETAIL = 'Years lie between 1900 and 9999.';
	END IF;
	IF NOT EXISTS (SELECT FROM ocenka.body b WHERE b.id = v_body) THEN
		RAISE EXCEPTION 'body % does not exist', v_body USING ERRCODE = '22023';
	END IF;
	SELECT * INTO m FROM ocenka.methodology WHERE code = ocenka.edition_on(v_body, make_date(v_year, 12, 31));
	IF m.code IS NULL THEN
		RAISE EXCEPTION 'body % has no methodology edition in force on %-12-31', v_body, v_year
			USING ERRCODE = '22023', DETAIL = 'A year is evaluated under the edition in force on 31 December (methodology §5).';
	END IF;
	IF ocenka.today() <= make_date(v_year, 12, 31) THEN
		RAISE EXCEPTION 'year % has not ended yet (today is %)', v_year, ocenka.today()
			USING ERRCODE = '22023', DETAIL = 'A year is evaluated after it ends (methodology §5).';
	END IF;

	INSERT INTO ocenka.year_status (body_id, year, methodology) VALUES (v_body, v_year, m.code) ON CONFLICT DO NOTHING;
	SELECT * INTO st FROM ocenka.year_status s WHERE s.body_id = v_body AND s.year = v_year FOR UPDATE;
	IF st.closed_at IS NOT NULL THEN
		RAISE NOTICE 'close_year: % of body % was closed on % by %; nothing to do', v_year, v_body, st.closed_at, st.closed_by;
		INSERT INTO ocenka.close_run (body_id, period, procedure, started_at, finished_at, outcome, evaluated, not_evaluated, surveys)
		SELECT v_body, v_year::text, 'close_year', started, clock_timestamp(), 'already_closed',
		       count(*) FILTER (WHERE r.status = 'evaluated'), count(*) FILTER (WHERE r.status = 'not_evaluated'),
		       (SELECT count(DISTINCT c.survey_id) FROM ocenka.competency_result c JOIN ocenka.survey s ON s.id = c.survey_id
		        WHERE s.body_id = v_body AND s.year = v_year)
		FROM ocenka.annual_result r WHERE r.body_id = v_body AND r.year = v_year;
		RETURN;
	END IF;

	RAISE NOTICE 'close_year: % of body % under %: checking completeness', v_year, v_body, m.code;
	SELECT (array_agg(CASE WHEN g.employee_id IS NULL THEN g.gap ELSE format('%s: %s', ocenka.who(g.employee_id), g.gap) END
	                  ORDER BY g.employee_id NULLS FIRST, g.gap))[1:20], count(*)
	INTO gaps, total
	FROM ocenka.year_gaps(v_body, v_year) g;
	PERFORM ocenka.raise_gaps(format('year %s of body %s', v_year, v_body), gaps, total);

	RAISE NOTICE 'close_year: % of body % under %: computing annual results', v_year, v_body, m.code;
	IF m.annual_rule = 'mean_of_quarters' THEN
		-- §5: the mean of the quarterly scores that exist for the year; quarters without one are skipped
		WITH written AS (
			INSERT INTO ocenka.annual_result (employee_id, year, body_id, methodology, rule, status, reason, quarters,
			                                  score, gradation, completed_on)
			SELECT r.employee_id, v_year, v_body, m.code, 'mean_of_quarters',
			       CASE WHEN count(r.score) > 0 THEN 'evaluated' ELSE 'not_evaluated' END,
			       CASE WHEN count(r.score) = 0 THEN (array_agg(r.reason ORDER BY r.q DESC))[1] END,
			       count(r.score), ocenka.score_avg(r.score), ocenka.gradation(ocenka.score_avg(r.score)), ocenka.today()
			FROM ocenka.quarter_result r
			WHERE r.body_id = v_body AND r.q BETWEEN ocenka.make_quarter(v_year, 1) AND ocenka.make_quarter(v_year, 4)
			GROUP BY r.employee_id
			RETURNING status
		)
		SELECT count(*) FILTER (WHERE status = 'evaluated'), count(*) FILTER (WHERE status = 'not_evaluated')
		INTO n_eval, n_not FROM written;
	ELSE
		-- §7: all KPIs achieved → level 4, one missed → 3, two → 2, more → 1
		WITH written AS (
			INSERT INTO ocenka.annual_result (employee_id, year, body_id, methodology, rule, status, reason,
			                                  kpi_achieved, kpi_total, gradation, completed_on)
			SELECT p.employee_id, v_year, v_body, m.code, 'kpi_count',
			       CASE WHEN p.reason IS NULL THEN 'evaluated' ELSE 'not_evaluated' END, p.reason,
			       k.achieved, k.total,
			       CASE WHEN p.reason IS NOT NULL THEN NULL
			            WHEN k.achieved >= k.total THEN 'effective'
			            WHEN k.achieved = k.total - 1 THEN 'proper'
			            WHEN k.achieved = k.total - 2 THEN 'satisfactory'
			            ELSE 'unsatisfactory' END::ocenka.gradation,
			       ocenka.today()
			FROM ocenka.year_plan(v_body, v_year) p
			LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE kp.achieved)::smallint AS achieved, count(*)::smallint AS total
			                   FROM ocenka.kpi kp WHERE kp.employee_id = p.employee_id AND kp.year = v_year) k
			       ON p.reason IS NULL
			RETURNING status
		)
		SELECT count(*) FILTER (WHERE status = 'evaluated'), count(*) FILTER (WHERE status = 'not_evaluated')
		INTO n_eval, n_not FROM written;
	END IF;

	IF m.survey_360 THEN
		RAISE NOTICE 'close_year: % of body % under %: computing 360 results', v_year, v_body, m.code;
		-- appendices 7–8: each competency's mean without self; the self-assessment beside it; the weakest for training (¶36)
		WITH means AS (
			SELECT a.survey_id, a.competency_no,
			       ocenka.mean360(a.answer, a.is_self) AS mean,
			       ocenka.mean360(a.answer, NOT a.is_self) AS self_mean,
			       count(*) FILTER (WHERE NOT a.is_self) AS answers
			FROM ocenka.answer a JOIN ocenka.survey s ON s.id = a.survey_id
			WHERE s.body_id = v_body AND s.year = v_year
			GROUP BY a.survey_id, a.competency_no
		),
		written AS (
			INSERT INTO ocenka.competency_result (survey_id, competency_no, competency_code, mean, self_mean, answers,
			                                      weakest, completed_on)
			SELECT mm.survey_id, mm.competency_no, c.competency_code, mm.mean, mm.self_mean, mm.answers,
			       mm.mean = min(mm.mean) OVER (PARTITION BY mm.survey_id), ocenka.today()
			FROM means mm JOIN ocenka.survey s ON s.id = mm.survey_id
			JOIN ocenka.competency_question c ON c.survey_form = s.survey_form AND c.competency_no = mm.competency_no
			                                 AND c.question_no = 1
			RETURNING survey_id
		)
		SELECT count(DISTINCT survey_id) INTO n_surveys FROM written;
	END IF;

	UPDATE ocenka.year_status s SET closed_at = now(), closed_by = current_user, completed_on = ocenka.today()
	WHERE s.body_id = v_body AND s.year = v_year;
	INSERT INTO ocenka.close_run (body_id, period, procedure, started_at, finished_at, outcome, evaluated, not_evaluated, surveys)
	VALUES (v_body, v_year::text, 'close_year', started, clock_timestamp(), 'closed', n_eval, n_not, n_surveys);
	RAISE NOTICE 'close_year: % of body % closed: % annual results, % not evaluated, % 360 surveys',
		v_year, v_body, n_eval, n_not, n_surveys;
END
$$;
COMMENT ON PROCEDURE ocenka.close_year(bigint, integer) IS 'closes a body year: annual finals (mean of the quarterly scores, or the KPI-count rule of akmola-2018/vsk-2018/legacy-2021), 360 competency means without self with the self-assessment beside them and the weakest marked; refuses with a list when anything is incomplete; idempotent';
