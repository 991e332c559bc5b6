-- Period close for DBAs (§5): transactional, idempotent, safe to schedule (pg_cron).
-- The work is set-based over any number of bodies: close_quarter(body, q) is the one-body case of
-- close_quarters(bodies, q), and close_quarter_all(q) closes a whole country in one statement each step.

-- What keeps body quarters from closing, given their plan (bodies_plan): one line per gap (eligible person
-- without a sheet, KPI plan of the wrong size, parameters or KPIs not scored). A SQL-standard body, so
-- close_quarters' query inlines it and plans it for the plan's real size (issue 16: one bodies_plan per close).
CREATE FUNCTION ocenka.plan_quarter_gaps(p_plan ocenka.plan_row[], p_bodies bigint[], p_q ocenka.quarter)
	RETURNS TABLE (body_id bigint, employee_id bigint, gap text)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
	BEGIN ATOMIC
		WITH plan AS (SELECT * FROM unnest(p_plan) p WHERE p.reason IS NULL AND p.method IS NOT NULL),
		-- the bodies' sheets through their index, each with the numbers of its items (one index scan a
		-- sheet rather than one a needed number), and the KPI plans of the plan's heads only (the only ones
		-- joined): a batch of close_quarter_all reads what it closes, not the whole quarter (issue 16)
		sh AS (SELECT s.*, ARRAY(SELECT i.no FROM ocenka.item i WHERE i.sheet_id = s.id) AS nos
		       FROM ocenka.sheet s WHERE s.body_id = ANY (p_bodies) AND s.q = p_q),
		kpis AS (SELECT k.employee_id, count(*) AS n FROM ocenka.kpi k
		         JOIN unnest(p_bodies) AS b(id) ON b.id = k.body_id
		         WHERE k.year = ocenka.year_of(p_q) AND k.employee_id IN (SELECT p.employee_id FROM plan p WHERE p.form = 'kpi')
		         GROUP BY 1),
		fp AS MATERIALIZED (SELECT f.form, f.no FROM ocenka.form_parameter f),
		-- what each sheet must hold: the form's parameters, or the head's KPIs of the year
		need AS (
			SELECT p.body_id, p.employee_id, p.form, f.no FROM plan p JOIN fp f ON f.form = p.form
			UNION ALL
			SELECT p.body_id, p.employee_id, p.form, k.no FROM plan p
			JOIN ocenka.kpi k ON k.employee_id = p.employee_id AND k.year = ocenka.year_of(p_q)
			WHERE p.form = 'kpi'
		)
		SELECT p.body_id, p.employee_id, 'no sheet'
		FROM plan p WHERE NOT EXISTS (SELECT FROM sh WHERE sh.employee_id = p.employee_id)
		UNION ALL
		SELECT p.body_id, p.employee_id, format('the %s KPI plan has %s KPIs, %s needs %s to %s', ocenka.year_of(p_q),
		                                        coalesce(k.n, 0), m.code, m.kpi_min, m.kpi_max)
		FROM plan p JOIN ocenka.methodology m ON m.code = p.methodology LEFT JOIN kpis k ON k.employee_id = p.employee_id
		WHERE p.form = 'kpi' AND coalesce(k.n, 0) NOT BETWEEN m.kpi_min AND m.kpi_max
		UNION ALL
		SELECT n.body_id, n.employee_id, format('%s %s not scored', CASE WHEN n.form = 'kpi' THEN 'KPIs' ELSE 'parameters' END,
		                                       string_agg(n.no::text, ', ' ORDER BY n.no))
		FROM need n JOIN sh ON sh.employee_id = n.employee_id
		WHERE n.no <> ALL (sh.nos)
		GROUP BY n.body_id, n.employee_id, n.form;
	END;
COMMENT ON FUNCTION ocenka.plan_quarter_gaps(ocenka.plan_row[], bigint[], ocenka.quarter) IS 'what keeps body quarters from closing, from their plan (bodies_plan rows): eligible people without a sheet, KPI plans of the wrong size, parameters or KPIs not scored';

-- What keeps body quarters from closing: one line per gap.
CREATE FUNCTION ocenka.bodies_quarter_gaps(p_bodies bigint[], p_q ocenka.quarter)
	RETURNS TABLE (body_id bigint, employee_id bigint, gap text)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
AS $$
	SELECT g.* FROM ocenka.plan_quarter_gaps(ARRAY(SELECT p FROM ocenka.bodies_plan(p_bodies, ocenka.first_day(p_q), ocenka.last_day(p_q)) p),
	                                         p_bodies, p_q) g
$$;
COMMENT ON FUNCTION ocenka.bodies_quarter_gaps(bigint[], ocenka.quarter) IS 'what keeps body quarters from closing: eligible people without a sheet, KPI plans of the wrong size, parameters or KPIs not scored';

CREATE FUNCTION ocenka.quarter_gaps(p_body bigint, p_q ocenka.quarter)
	RETURNS TABLE (employee_id bigint, gap text)
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$ SELECT g.employee_id, g.gap FROM ocenka.bodies_quarter_gaps(ARRAY[p_body], p_q) g $$;
COMMENT ON FUNCTION ocenka.quarter_gaps(bigint, ocenka.quarter) IS 'what keeps one body quarter from closing';

-- Raises the list of gaps as one error, or returns quietly.
CREATE FUNCTION ocenka.raise_gaps(p_period text, p_gaps text[], p_total integer) RETURNS void
	LANGUAGE plpgsql VOLATILE PARALLEL SAFE
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
COMMENT ON FUNCTION ocenka.raise_gaps(text, text[], integer) IS 'internal: the error the close procedures raise when evaluations are incomplete';

-- The completeness gate of every close, over the gaps its caller put in the temporary table
-- ocenka_close_gaps (body_id, employee_id, gap): strict, any gap refuses the whole call with the list;
-- not strict, the bodies with gaps are recorded as incomplete in close_run and left open. Returns the
-- bodies that go on to be closed (NULL if none) and drops the table.
CREATE FUNCTION ocenka.close_gate(p_procedure text, p_period text, p_todo bigint[], p_strict boolean, p_started timestamptz)
	RETURNS bigint[]
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	noun text := CASE p_procedure WHEN 'close_quarter' THEN 'quarter' ELSE 'year' END;
	gaps text[];
	total integer;
	incomplete bigint[];
	todo bigint[] := p_todo;
BEGIN
	IF p_strict THEN
		SELECT (array_agg(CASE WHEN g.employee_id IS NULL THEN g.gap ELSE format('%s: %s', ocenka.who(g.employee_id), g.gap) END
		                  ORDER BY g.body_id, g.employee_id NULLS FIRST, g.gap))[1:20], count(*)
		INTO gaps, total FROM ocenka_close_gaps g;
		PERFORM ocenka.raise_gaps(CASE WHEN cardinality(todo) = 1 THEN format('%s %s of body %s', noun, p_period, todo[1])
		                               ELSE format('%s %s of %s bodies', noun, p_period, cardinality(todo)) END, gaps, total);
	ELSE
		SELECT array_agg(DISTINCT g.body_id) INTO incomplete FROM ocenka_close_gaps g;
		IF incomplete IS NOT NULL THEN
			RAISE NOTICE '%: % of % bodies have gaps for % and stay open (see close_run)',
				p_procedure, cardinality(incomplete), cardinality(todo), p_period;
			INSERT INTO ocenka.close_run (body_id, period, procedure, started_at, finished_at, outcome, gaps)
			SELECT g.body_id, p_period, p_procedure, p_started, clock_timestamp(), 'incomplete', count(*)
			FROM ocenka_close_gaps g GROUP BY g.body_id;
			SELECT array_agg(x.b ORDER BY x.b) INTO todo FROM unnest(todo) AS x(b) WHERE x.b <> ALL (incomplete);
		END IF;
	END IF;
	DROP TABLE ocenka_close_gaps;
	RETURN todo;
END
$$;
COMMENT ON FUNCTION ocenka.close_gate(text, text, bigint[], boolean, timestamptz) IS 'internal: the completeness gate of close_quarters and close_years over the gaps they gathered (strict: refuse with the list; not strict: record incomplete bodies and leave them open)';

CREATE PROCEDURE ocenka.close_quarters(bodies bigint[], q ocenka.quarter, strict boolean DEFAULT true)
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
	v_plan ocenka.plan_row[];
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
	-- the plan is computed once, for the gaps and the results (a body's rows do not depend on the others)
	v_plan := ARRAY(SELECT p FROM ocenka.bodies_plan(todo, ocenka.first_day(v_q), ocenka.last_day(v_q)) p);
	CREATE TEMP TABLE ocenka_close_gaps ON COMMIT DROP AS SELECT * FROM ocenka.plan_quarter_gaps(v_plan, todo, v_q);
	todo := ocenka.close_gate('close_quarter', v_q::text, todo, strict, started);
	IF todo IS NULL THEN
		RETURN;
	END IF;

	PERFORM ocenka.report_progress('close_quarter ' || v_q, 2, 4, format('computing results of %s bodies', cardinality(todo)));
	CREATE TEMP TABLE ocenka_close_written (body_id bigint, status text) ON COMMIT DROP;
	-- written in the plan's order, as when the plan was computed here (the audit keeps the rows' order)
	WITH plan AS (SELECT p.*, mm.penalty_cap FROM unnest(v_plan) WITH ORDINALITY AS p
	              JOIN ocenka.methodology mm ON mm.code = p.methodology WHERE p.body_id = ANY (todo)),
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
		ORDER BY p.ordinality
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
COMMENT ON PROCEDURE ocenka.close_quarters(bigint[], ocenka.quarter, boolean) IS 'closes a quarter for many bodies at once, set-based. strict: any body without a quarterly edition, or with gaps, fails the whole call with the list; not strict: such bodies are skipped and recorded in close_run (outcome incomplete), the others closed';

CREATE PROCEDURE ocenka.close_quarter(body_id bigint, q ocenka.quarter)
	LANGUAGE plpgsql
AS $$
BEGIN
	IF close_quarter.body_id IS NULL OR close_quarter.q IS NULL THEN
		RAISE EXCEPTION 'close_quarter needs a body and a quarter' USING ERRCODE = '22004';
	END IF;
	CALL ocenka.close_quarters(ARRAY[close_quarter.body_id], close_quarter.q, true);
END
$$;
COMMENT ON PROCEDURE ocenka.close_quarter(bigint, ocenka.quarter) IS 'closes a body quarter: checks every eligible person''s sheet is complete (else lists what is missing and changes nothing), writes each quarterly result and who was not evaluated and why, and locks the quarter; calling it again changes nothing';

-- The batches a country-wide close takes its bodies in (issue 16, P8): the bodies in order, cut where the
-- people appointed in them during the period pass another work_mem / 4 kB (a close holds about 2 kB per
-- person in plans, sorts, hashes, transition tables and audit images), so that a close's memory follows
-- work_mem rather than the size of the country. A body is never split. Returns the position in p_bodies of
-- each batch's last body (NULL for no body).
CREATE FUNCTION ocenka.close_batches(p_bodies bigint[], p_first date, p_last date) RETURNS integer[]
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT array_agg(b.last ORDER BY b.last)
		FROM (SELECT max(n.o)::integer AS last
		      FROM (SELECT x.o, sum(c.people) OVER (ORDER BY x.o) AS cum
		            FROM unnest(p_bodies) WITH ORDINALITY AS x(b, o)
		            CROSS JOIN LATERAL (SELECT count(*) AS people FROM ocenka.appointment a
		                                WHERE a.body_id = x.b AND a.started_on <= p_last
		                                  AND (a.ended_on IS NULL OR a.ended_on >= p_first)) c) n
		      GROUP BY (n.cum::bigint - 1) / greatest(pg_catalog.pg_size_bytes(pg_catalog.current_setting('work_mem'))::bigint / 4096, 1)) b;
	END;
COMMENT ON FUNCTION ocenka.close_batches(bigint[], date, date) IS 'internal: the batches close_quarter_all and close_year_all take the bodies in (about work_mem / 4 kB people each, a body never split), as the position of each batch''s last body';

CREATE PROCEDURE ocenka.close_quarter_all(q ocenka.quarter)
	LANGUAGE plpgsql
AS $$
DECLARE
	everyone bigint[] := (SELECT coalesce(array_agg(b.id ORDER BY b.id), '{}') FROM ocenka.body b);
	ends integer[] := coalesce(ocenka.close_batches(everyone, ocenka.first_day(close_quarter_all.q), ocenka.last_day(close_quarter_all.q)),
	                           ARRAY[cardinality(everyone)]);
BEGIN
	-- batch by batch in one transaction: all bodies close or none (issue 16: memory bounded by work_mem)
	FOR i IN 1 .. cardinality(ends) LOOP
		CALL ocenka.close_quarters(everyone[coalesce(ends[i - 1], 0) + 1 : ends[i]], close_quarter_all.q, false);
	END LOOP;
END
$$;
COMMENT ON PROCEDURE ocenka.close_quarter_all(ocenka.quarter) IS 'closes a quarter for every body that evaluates quarterly and is complete; bodies with gaps stay open and are listed in close_run. Takes the bodies in batches of about work_mem / 4 kB people (close_batches), in one transaction';

-- What keeps body years from closing.
CREATE FUNCTION ocenka.bodies_year_gaps(p_bodies bigint[], p_year integer)
	RETURNS TABLE (body_id bigint, employee_id bigint, gap text)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
AS $$
	WITH bm AS (SELECT b.id AS body_id, mm.* FROM unnest(p_bodies) AS b(id)
	            JOIN ocenka.methodology mm ON mm.code = ocenka.edition_on(b.id, make_date(p_year, 12, 31))),
	surveys AS MATERIALIZED (SELECT s.* FROM ocenka.survey s JOIN unnest(p_bodies) AS b(id) ON b.id = s.body_id WHERE s.year = p_year),
	questions AS (SELECT survey_form, count(*) AS n FROM ocenka.competency_question GROUP BY 1),
	-- each respondent's answers counted through the answer key, one respondent at a time: a hash of every
	-- answer of the year would grow with the country
	respondents AS MATERIALIZED (
		SELECT r.id, r.survey_id, r.role, (SELECT count(*) FROM ocenka.answer a WHERE a.respondent_id = r.id) AS answered
		FROM ocenka.respondent r JOIN surveys s ON s.id = r.survey_id),
	others AS (SELECT survey_id, count(*) AS n FROM respondents WHERE role <> 'self' GROUP BY 1),
	yplan AS MATERIALIZED (SELECT * FROM ocenka.bodies_plan(p_bodies, make_date(p_year, 1, 1), make_date(p_year, 12, 31))),
	-- the sheets of the year in quarters not closed yet, in any body
	unclosed AS MATERIALIZED (
		SELECT s.employee_id, s.body_id, s.q FROM ocenka.quarter_status st
		JOIN ocenka.sheet s ON s.body_id = st.body_id AND s.q = st.q
		WHERE st.q BETWEEN ocenka.make_quarter(p_year, 1) AND ocenka.make_quarter(p_year, 4) AND st.closed_at IS NULL)
	-- mean of quarters: every quarter the body evaluated quarterly must be closed
	SELECT bm.body_id, NULL::bigint, format('quarter %s is not closed', qq.q)
	FROM bm CROSS JOIN (SELECT ocenka.make_quarter(p_year, n) AS q FROM generate_series(1, 4) n) qq
	JOIN ocenka.methodology qm ON qm.code = ocenka.edition_on(bm.body_id, ocenka.last_day(qq.q))
	WHERE bm.annual_rule = 'mean_of_quarters' AND qm.evaluation_period = 'quarter'
	  AND NOT EXISTS (SELECT FROM ocenka.quarter_status s WHERE s.body_id = bm.body_id AND s.q = qq.q AND s.closed_at IS NOT NULL)
	UNION ALL
	-- someone these bodies finalise whom another body evaluated earlier in the year: that body's
	-- quarter must be closed too, or the mean would miss it (§5)
	SELECT y.body_id, y.employee_id, format('quarter %s of body %s, which evaluated them, is not closed', u.q, u.body_id)
	FROM unclosed u
	JOIN ocenka.year_end_bodies(ARRAY(SELECT u2.employee_id FROM unclosed u2), p_year) y
	     ON y.employee_id = u.employee_id AND y.body_id <> u.body_id
	JOIN bm ON bm.body_id = y.body_id AND bm.annual_rule = 'mean_of_quarters'
	UNION ALL
	-- KPI count: every eligible person it grades (by the body's edition, or legacy-2021 for the person)
	-- has a full plan with every KPI's outcome recorded
	SELECT p.body_id, p.employee_id,
	       CASE WHEN count(k.id) NOT BETWEEN pm.kpi_min AND pm.kpi_max
	            THEN format('the %s KPI plan has %s KPIs, %s needs %s', p_year, count(k.id), pm.code,
	                        CASE WHEN pm.kpi_min = pm.kpi_max THEN pm.kpi_max::text ELSE pm.kpi_min || ' to ' || pm.kpi_max END)
	            -- a plan with a kpi_plan record is graded once approved, its outcomes computed from indicators
	            WHEN pl.state NOT IN ('approved', 'posted') THEN format('the %s KPI plan is %s, not approved', p_year, pl.state)
	            ELSE format('KPIs %s have no recorded outcome', string_agg(k.no::text, ', ' ORDER BY k.no)
	                                                          FILTER (WHERE ocenka.kpi_outcome(k.id, k.achieved) IS NULL)) END
	FROM yplan p
	JOIN ocenka.methodology pm ON pm.code = p.methodology
	LEFT JOIN ocenka.kpi k ON k.employee_id = p.employee_id AND k.year = p_year
	LEFT JOIN ocenka.kpi_plan pl ON pl.employee_id = p.employee_id AND pl.year = p_year
	WHERE pm.annual_rule = 'kpi_count' AND p.reason IS NULL
	GROUP BY p.body_id, p.employee_id, pm.kpi_min, pm.kpi_max, pm.code, pl.state
	HAVING count(k.id) NOT BETWEEN pm.kpi_min AND pm.kpi_max OR pl.state NOT IN ('approved', 'posted')
	    OR bool_or(ocenka.kpi_outcome(k.id, k.achieved) IS NULL)
	UNION ALL
	-- competencies by behavioural indicators (§8b): where the body has a catalogue, everyone evaluated has a
	-- sheet with every indicator of their group marked (seed 001 ¶25–27)
	SELECT p.body_id, p.employee_id,
	       CASE WHEN a.id IS NULL THEN format('no competency assessment for %s (catalogue %s)', p_year, ocenka.catalogue_for(p.body_id, p.methodology))
	            ELSE format('the competency assessment has %s unmarked indicators (competencies %s)', u.n, u.competencies) END
	FROM yplan p
	LEFT JOIN ocenka.competency_assessment a ON a.employee_id = p.employee_id AND a.year = p_year
	LEFT JOIN LATERAL (SELECT sum(r.unmarked) AS n, string_agg(r.competency_no::text, ', ' ORDER BY r.competency_no) FILTER (WHERE r.unmarked > 0) AS competencies
	                   FROM ocenka.competency_assessment_result r WHERE r.assessment_id = a.id) u ON true
	WHERE p.reason IS NULL AND p.methodology IN ('akmola-2018', 'vsk-2018')
	  AND ocenka.catalogue_for(p.body_id, p.methodology) IS NOT NULL AND (a.id IS NULL OR u.n > 0)
	UNION ALL
	-- 360: 3 to 7 respondents besides the self-assessment, each answering every question (¶35)
	SELECT s.body_id, s.employee_id, format('the 360 survey has %s respondents besides the self-assessment, at least 3 are needed',
	                                        coalesce(o.n, 0))
	FROM surveys s LEFT JOIN others o ON o.survey_id = s.id
	WHERE coalesce(o.n, 0) < 3
	UNION ALL
	SELECT s.body_id, s.employee_id, format('respondent %s (%s) has not answered %s of the %s questions', r.id, r.role,
	                                        q.n - r.answered, q.n)
	FROM surveys s JOIN respondents r ON r.survey_id = s.id JOIN questions q ON q.survey_form = s.survey_form
	WHERE r.answered < q.n
	UNION ALL
	-- the evaluatee must self-assess in time (¶18.2); it is shown beside the means, never counted (¶35)
	SELECT s.body_id, s.employee_id, 'the 360 survey has no self-assessment'
	FROM surveys s WHERE NOT EXISTS (SELECT FROM respondents r WHERE r.survey_id = s.id AND r.role = 'self')
	UNION ALL
	-- a calibration application on one of the year's quarters still undecided: the mean of the final
	-- quarterly grades would miss its outcome (§5, §9a). An appeal does not hold the year: decided after
	-- the close, the year's mean follows it (an annual_mean decision, appeal.sql)
	SELECT a.body_id, a.employee_id, format('the calibration application on %s, filed on %s, is not decided', a.q, a.filed_on)
	FROM ocenka.calibration_application a JOIN unnest(p_bodies) AS b(id) ON b.id = a.body_id
	WHERE a.q BETWEEN ocenka.make_quarter(p_year, 1) AND ocenka.make_quarter(p_year, 4)
	  AND NOT EXISTS (SELECT FROM ocenka.calibration_session cs JOIN ocenka.result_decision d ON d.kind = 'calibration' AND d.source_id = cs.id
	                  WHERE cs.application_id = a.id)
$$;
COMMENT ON FUNCTION ocenka.bodies_year_gaps(bigint[], integer) IS 'what keeps body years from closing: open quarters (also another body''s, where someone finalised here was evaluated that year), incomplete or unapproved KPI plans and outcomes, competency assessments missing or with unmarked indicators (akmola-2018, vsk-2018), 360 surveys with too few respondents, no self-assessment or unanswered questions, calibration applications on the year''s quarters not decided yet (an undecided appeal is none: the mean follows its decision)';

CREATE FUNCTION ocenka.year_gaps(p_body bigint, p_year integer)
	RETURNS TABLE (employee_id bigint, gap text)
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$ SELECT g.employee_id, g.gap FROM ocenka.bodies_year_gaps(ARRAY[p_body], p_year) g $$;
COMMENT ON FUNCTION ocenka.year_gaps(bigint, integer) IS 'what keeps one body year from closing';

CREATE PROCEDURE ocenka.close_years(bodies bigint[], year integer, strict boolean DEFAULT true)
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
		JOIN bm ON bm.body_id = y.body_id
		-- those chapter 6 of seed 000 evaluates get the KPI count below instead
		WHERE NOT (ocenka.legacy_2021_adopted(y.body_id, make_date(v_year, 12, 31))
		           AND ocenka.legacy_2021_person(y.employee_id, make_date(v_year, 12, 31)))),
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
	-- §7: all KPIs achieved → level 4, one missed → 3, two → 2, more → 1; for everyone whose rule it is,
	-- by the body's edition or, for a person chapter 6 of seed 000 evaluates, by legacy-2021
	WITH written AS (
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
		FROM ocenka.bodies_plan(todo, make_date(v_year, 1, 1), make_date(v_year, 12, 31)) p
		JOIN ocenka.methodology pm ON pm.code = p.methodology AND pm.annual_rule = 'kpi_count'
		LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE ocenka.kpi_outcome(kp.id, kp.achieved))::smallint AS achieved, count(*)::smallint AS total
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
COMMENT ON PROCEDURE ocenka.close_years(bigint[], integer, boolean) IS 'closes a year for many bodies at once, set-based; strict or not as close_quarters';

CREATE PROCEDURE ocenka.close_year(body_id bigint, year integer)
	LANGUAGE plpgsql
AS $$
BEGIN
	IF close_year.body_id IS NULL OR close_year.year IS NULL THEN
		RAISE EXCEPTION 'close_year needs a body and a year' USING ERRCODE = '22004';
	END IF;
	CALL ocenka.close_years(ARRAY[close_year.body_id], close_year.year, true);
END
$$;
COMMENT ON PROCEDURE ocenka.close_year(bigint, integer) IS 'closes a body year: annual finals (mean of the quarterly scores, or the KPI-count rule of akmola-2018/vsk-2018/legacy-2021), 360 competency means without self with the self-assessment beside them and the weakest marked; refuses with a list when anything is incomplete; idempotent';

CREATE PROCEDURE ocenka.close_year_all(year integer)
	LANGUAGE plpgsql
AS $$
DECLARE
	everyone bigint[] := (SELECT coalesce(array_agg(b.id ORDER BY b.id), '{}') FROM ocenka.body b);
	ends integer[];
BEGIN
	-- close_years refuses a year out of range itself
	IF close_year_all.year BETWEEN 1900 AND 9999 THEN
		ends := ocenka.close_batches(everyone, make_date(close_year_all.year, 1, 1), make_date(close_year_all.year, 12, 31));
	END IF;
	ends := coalesce(ends, ARRAY[cardinality(everyone)]);
	-- batch by batch in one transaction, as close_quarter_all
	FOR i IN 1 .. cardinality(ends) LOOP
		CALL ocenka.close_years(everyone[coalesce(ends[i - 1], 0) + 1 : ends[i]], close_year_all.year, false);
	END LOOP;
END
$$;
COMMENT ON PROCEDURE ocenka.close_year_all(integer) IS 'closes a year for every body that is complete; bodies with gaps stay open and are listed in close_run. Takes the bodies in batches of about work_mem / 4 kB people (close_batches), in one transaction';
