-- ocenka 0.1 → 0.2: the changes to objects that 0.1 created. The Makefile appends every source
-- file that 0.2 adds whole (see UPGRADE_SOURCES) and src/finish.sql; the result must leave a
-- database identical to a fresh install of 0.2 (scripts/upgrade-check proves it).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION ocenka UPDATE TO '0.2'" to load this file. \quit

-- plan12: the KPI plan's appendix 1 fields, the quarterly achievement deadlines and the day HR entered an actual
-- value (typical-2023 ¶22–24); the signature of quarterly sheets (typical-2023 appendices 2 and 4). The new
-- columns go at the end of their tables, as in src/store/store.sql.
ALTER TABLE ocenka.kpi ADD COLUMN expected_result text, ADD COLUMN source text;
COMMENT ON COLUMN ocenka.kpi.achieved IS 'for the annual KPI-count rule (akmola-2018, legacy-2021) of a plan recorded without ocenka.kpi_plan: all its indicators fully achieved, as typed; a plan with a kpi_plan record computes it from ocenka.kpi_indicator (kpi_outcome)';
COMMENT ON COLUMN ocenka.kpi.expected_result IS 'the expected result: the positive change achieving the KPI brings (appendix 1, last column; typical-2023 ¶23)';
COMMENT ON COLUMN ocenka.kpi.source IS 'what it derives from: the indicator of the corps A agreement or the document of the state planning system (appendix 1; typical-2023 ¶24.5)';
ALTER TABLE ocenka.kpi_target ADD COLUMN due_on date, ADD COLUMN actual_on date;
COMMENT ON COLUMN ocenka.kpi_target.due_on IS 'the achievement deadline in the quarter (appendix 1, «Қол жеткізу мерзімі»)';
COMMENT ON COLUMN ocenka.kpi_target.actual_on IS 'the day HR entered the actual value, stamped for plans with a kpi_plan record: at least 5 working days before the evaluation deadline (typical-2023 ¶22)';
ALTER TABLE ocenka.sheet ADD COLUMN signed_by bigint, ADD COLUMN signed_on date;
COMMENT ON COLUMN ocenka.sheet.signed_by IS 'the evaluator who signed it (set by ocenka.sign_sheet, cleared by amend_sheet; the steps are in ocenka.review_step); NULL while unsigned';
COMMENT ON COLUMN ocenka.sheet.signed_on IS 'the day it was signed';

-- plan12: an item of a signed sheet is refused (rule 6 of src/store/items.c), with this message

CREATE OR REPLACE FUNCTION ocenka.item_entry_violation(p_rule integer, p_sheet bigint, p_form text, p_sheet_form text,
                                            p_employee bigint, p_body bigint, p_q ocenka.quarter)
	RETURNS ocenka.violation
	LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED
AS $$
DECLARE
	v ocenka.violation;
BEGIN
	IF p_rule = 1 THEN
		RETURN ('23503', 'ocenka_item_sheet', format('sheet %s does not exist', p_sheet),
			'Every item belongs to a sheet of ocenka.sheet.', NULL)::ocenka.violation;
	ELSIF p_rule = 2 THEN
		RETURN ('23514', 'ocenka_item_form',
			format('%s: an item of form %s cannot go on sheet %s for %s, whose form is %s',
			       ocenka.who(p_employee), p_form, p_sheet, p_q, p_sheet_form),
			'An item repeats its sheet''s form so that its CHECK constraints need no other row.', NULL)::ocenka.violation;
	ELSIF p_rule = 6 THEN
		SELECT '23514', 'ocenka_sheet_signed',
			format('%s: sheet %s for %s was signed by %s on %s', ocenka.who(p_employee), p_sheet, p_q,
			       ocenka.who(s.signed_by), s.signed_on),
			'A signed sheet changes only by its evaluator, with a reason (typical-2023 appendices 2 and 4: the evaluator signs and dates the sheet).',
			'The evaluator reopens it first: SELECT ocenka.amend_sheet(sheet_id, evaluator_id, ''reason'').'
		INTO v FROM ocenka.sheet s WHERE s.id = p_sheet;
		RETURN v;
	END IF;
	SELECT * INTO v FROM ocenka.quarter_entry_violation(p_body, p_q, p_employee, 'score') LIMIT 1;
	RETURN v;
END
$$;

COMMENT ON FUNCTION ocenka.item_entry_violation(integer, bigint, text, text, bigint, bigint, ocenka.quarter) IS 'the message of the item rule the entry rules found broken (src/items.c): missing sheet, other form, the quarter''s time rules, or a signed sheet';

-- plan12: the annual count rule counts a KPI achieved when all its indicators are (kpi_outcome), and waits for an
-- approved plan, and explain_annual_result shows those outcomes with their indicators; purge_expired removes the plans' records, count sheets, steps and notices that expired. These
-- bodies name objects that src/store/kpi_plan.sql creates after this file: their check waits for the fresh install.
SET check_function_bodies = off;

CREATE OR REPLACE FUNCTION ocenka.bodies_year_gaps(p_bodies bigint[], p_year integer)
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
	-- KPI count: every eligible person has a full plan with every KPI's outcome recorded
	SELECT p.body_id, p.employee_id,
	       CASE WHEN count(k.id) NOT BETWEEN bm.kpi_min AND bm.kpi_max
	            THEN format('the %s KPI plan has %s KPIs, %s needs %s', p_year, count(k.id), bm.code,
	                        CASE WHEN bm.kpi_min = bm.kpi_max THEN bm.kpi_max::text ELSE bm.kpi_min || ' to ' || bm.kpi_max END)
	            -- a plan with a kpi_plan record is graded once approved, its outcomes computed from indicators
	            WHEN pl.state NOT IN ('approved', 'posted') THEN format('the %s KPI plan is %s, not approved', p_year, pl.state)
	            ELSE format('KPIs %s have no recorded outcome', string_agg(k.no::text, ', ' ORDER BY k.no)
	                                                          FILTER (WHERE ocenka.kpi_outcome(k.id, k.achieved) IS NULL)) END
	FROM ocenka.bodies_plan(p_bodies, make_date(p_year, 1, 1), make_date(p_year, 12, 31)) p
	JOIN bm ON bm.body_id = p.body_id
	LEFT JOIN ocenka.kpi k ON k.employee_id = p.employee_id AND k.year = p_year
	LEFT JOIN ocenka.kpi_plan pl ON pl.employee_id = p.employee_id AND pl.year = p_year
	WHERE bm.annual_rule = 'kpi_count' AND p.reason IS NULL
	GROUP BY p.body_id, p.employee_id, bm.kpi_min, bm.kpi_max, bm.code, pl.state
	HAVING count(k.id) NOT BETWEEN bm.kpi_min AND bm.kpi_max OR pl.state NOT IN ('approved', 'posted')
	    OR bool_or(ocenka.kpi_outcome(k.id, k.achieved) IS NULL)
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
		LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE ocenka.kpi_outcome(kp.id, kp.achieved))::smallint AS achieved, count(*)::smallint AS total
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

CREATE OR REPLACE FUNCTION ocenka.purge_expired(as_of date DEFAULT ocenka.today())
	RETURNS TABLE (table_name text, deleted bigint)
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	n bigint;
BEGIN
	IF as_of > ocenka.today() THEN
		RAISE EXCEPTION 'cannot purge as of %, which is after today (%)', as_of, ocenka.today()
			USING ERRCODE = '22023',
			      DETAIL = 'Documents expire three years after their evaluation was completed, counted up to today (methodology §11).';
	END IF;
	PERFORM ocenka.begin_purge(format('purge_expired as of %s', as_of));

	CREATE TEMP TABLE pg_temp.ocenka_expired_quarter ON COMMIT DROP AS
		SELECT body_id, q FROM ocenka.quarter_status WHERE ocenka.kept_until(completed_on) <= as_of;
	CREATE TEMP TABLE pg_temp.ocenka_expired_year ON COMMIT DROP AS
		SELECT body_id, year FROM ocenka.year_status WHERE ocenka.kept_until(completed_on) <= as_of;

	-- dependents first
	DELETE FROM ocenka.answer a USING ocenka.survey s, pg_temp.ocenka_expired_year e
	WHERE a.survey_id = s.id AND (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'answer'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.respondent r USING ocenka.survey s, pg_temp.ocenka_expired_year e
	WHERE r.survey_id = s.id AND (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'respondent'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.competency_result c WHERE ocenka.kept_until(c.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'competency_result'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.survey s USING pg_temp.ocenka_expired_year e WHERE (s.body_id, s.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.competency_result c WHERE c.survey_id = s.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'survey'; deleted := n; RETURN NEXT;

	DELETE FROM ocenka.item i USING ocenka.sheet s, pg_temp.ocenka_expired_quarter e
	WHERE i.sheet_id = s.id AND (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'item'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.quarter_result r WHERE ocenka.kept_until(r.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'quarter_result'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.sheet s USING pg_temp.ocenka_expired_quarter e WHERE (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'sheet'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.annual_result r WHERE ocenka.kept_until(r.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'annual_result'; deleted := n; RETURN NEXT;

	-- the signed steps, count sheets and notices of what expired (src/store/kpi_plan.sql, outbox.sql): steps
	-- and notices name their period as text, a quarter (2026-Q1) or a year (2026)
	FOREACH table_name IN ARRAY ARRAY['review_step', 'notice'] LOOP
		EXECUTE format($d$DELETE FROM ocenka.%I r
		                 WHERE EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e
		                               WHERE (e.body_id, e.q) = (r.body_id, CASE WHEN r.period LIKE '%%-Q%%' THEN r.period::ocenka.quarter END))
		                    OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e
		                               WHERE (e.body_id, e.year) = (r.body_id, CASE WHEN r.period NOT LIKE '%%-Q%%' THEN r.period::integer END))$d$,
		               table_name);
		GET DIAGNOSTICS n = ROW_COUNT; deleted := n; RETURN NEXT;
	END LOOP;
	DELETE FROM ocenka.count_sheet c USING pg_temp.ocenka_expired_year e WHERE (c.body_id, c.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'count_sheet'; deleted := n; RETURN NEXT;

	-- a KPI plan serves its quarters and its year: it goes when all of them have expired
	DELETE FROM ocenka.kpi_target t USING ocenka.kpi k, pg_temp.ocenka_expired_year e
	WHERE t.kpi_id = k.id AND (k.body_id, k.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.quarter_status qs WHERE (qs.body_id, qs.q) = (k.body_id, t.q)
	                  AND NOT EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter x WHERE (x.body_id, x.q) = (qs.body_id, qs.q)));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_target'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.kpi_indicator i USING ocenka.kpi k, pg_temp.ocenka_expired_year e
	WHERE i.kpi_id = k.id AND (k.body_id, k.year) = (e.body_id, e.year) AND NOT EXISTS (SELECT FROM ocenka.kpi_target t WHERE t.kpi_id = k.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_indicator'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.kpi k USING pg_temp.ocenka_expired_year e WHERE (k.body_id, k.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.kpi_target t WHERE t.kpi_id = k.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.kpi_plan p USING pg_temp.ocenka_expired_year e WHERE (p.body_id, p.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.kpi k WHERE (k.employee_id, k.year) = (p.employee_id, p.year));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_plan'; deleted := n; RETURN NEXT;

	-- the audit entries of what was purged; penalties are never purged, so neither is their audit
	DELETE FROM ocenka.audit_log l
	WHERE (l.table_name IN ('sheet', 'item', 'quarter_result', 'review_step', 'notice', 'item_note')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (l.body_id, l.q)))
	   OR (l.table_name = 'kpi_target'
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (l.body_id, l.q))
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, ocenka.year_of(l.q))))
	   OR (l.table_name IN ('annual_result', 'kpi', 'competency_result', 'kpi_plan', 'kpi_indicator', 'count_sheet', 'review_step', 'notice')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, l.year)))
	   OR (l.body_id IS NULL AND ocenka.kept_until(l.at::date) <= as_of);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'audit_log'; deleted := n; RETURN NEXT;

	-- dropped now, not at commit, so that the transaction may call purge_expired again
	DROP TABLE pg_temp.ocenka_expired_quarter, pg_temp.ocenka_expired_year;
	PERFORM ocenka.end_purge();
END
$$;

CREATE OR REPLACE FUNCTION ocenka.explain_annual_result(employee_id bigint, year integer) RETURNS jsonb
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	r ocenka.annual_result;
	reason ocenka.ineligibility_reason;
	quarters jsonb;
	kpis jsonb;
	survey jsonb;
BEGIN
	IF explain_annual_result.employee_id IS NULL OR explain_annual_result.year IS NULL THEN
		RAISE EXCEPTION 'explain_annual_result needs an employee and a year' USING ERRCODE = '22004';
	END IF;
	SELECT * INTO r FROM ocenka.annual_result x
	WHERE x.employee_id = explain_annual_result.employee_id AND x.year = explain_annual_result.year;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no annual result for % in %', ocenka.who(explain_annual_result.employee_id), explain_annual_result.year
			USING ERRCODE = '22023', HINT = 'Annual results exist once close_year has closed the year.';
	END IF;
	SELECT * INTO reason FROM ocenka.ineligibility_reason WHERE code = r.reason;

	IF r.rule = 'mean_of_quarters' THEN
		SELECT jsonb_agg(jsonb_build_object('quarter', q.q::text, 'body_id', q.body_id, 'edition', q.methodology,
		                                    'status', q.status, 'reason', q.reason, 'score', q.score::numeric,
		                                    'gradation', q.gradation, 'counted', q.score IS NOT NULL) ORDER BY q.q)
		INTO quarters
		FROM ocenka.quarter_result q
		-- in every body that evaluated them that year: the mean covers them all (close_year)
		WHERE q.employee_id = r.employee_id
		  AND q.q BETWEEN ocenka.make_quarter(r.year, 1) AND ocenka.make_quarter(r.year, 4);
	ELSE
		-- a plan record's approval and its KPIs' outcomes computed from their indicators (kpi_outcome)
		SELECT jsonb_agg(jsonb_build_object('no', k.no, 'kpi', k.name, 'unit', k.unit_of_measure, 'direction', k.direction,
		                                    'approved_on', coalesce(k.approved_on, p.approved_on),
		                                    'achieved', ocenka.kpi_outcome(k.id, k.achieved),
		                                    'indicators', (SELECT jsonb_agg(jsonb_build_object('no', i.no, 'indicator', i.name,
		                                                                    'target', i.target, 'actual', i.actual, 'direction', i.direction,
		                                                                    'achieved', ocenka.indicator_achieved(i.direction, i.target, i.actual))
		                                                                    ORDER BY i.no)
		                                                   FROM ocenka.kpi_indicator i WHERE i.kpi_id = k.id)) ORDER BY k.no)
		INTO kpis
		FROM ocenka.kpi k LEFT JOIN ocenka.kpi_plan p ON (p.employee_id, p.year) = (k.employee_id, k.year)
		WHERE k.employee_id = r.employee_id AND k.year = r.year;
	END IF;

	SELECT jsonb_build_object(
		'survey_id', s.id, 'form', s.survey_form,
		'competencies', (SELECT jsonb_agg(jsonb_build_object('no', c.competency_no, 'code', c.competency_code,
		                                                     'name_kk', q.competency_kk, 'name_en', q.competency_en,
		                                                     'mean', c.mean, 'self', c.self_mean, 'answers', c.answers,
		                                                     'weakest', c.weakest) ORDER BY c.competency_no)
		                 FROM ocenka.competency_result c
		                 JOIN ocenka.competency_question q ON q.survey_form = s.survey_form AND q.competency_no = c.competency_no
		                                                  AND q.question_no = 1
		                 WHERE c.survey_id = s.id),
		'weakest', (SELECT jsonb_agg(c.competency_code ORDER BY c.competency_no)
		            FROM ocenka.competency_result c WHERE c.survey_id = s.id AND c.weakest),
		'rule', 'each competency''s mean of the respondents'' answers without the self-assessment, which is shown beside it; the weakest competencies choose training and do not affect the grade (methodology §8a; typical-2023 ¶9, ¶35–36)')
	INTO survey
	FROM ocenka.survey s
	WHERE s.employee_id = r.employee_id AND s.year = r.year
	  AND EXISTS (SELECT FROM ocenka.competency_result c WHERE c.survey_id = s.id);

	RETURN jsonb_build_object(
		'employee', jsonb_build_object('id', r.employee_id, 'name', (SELECT full_name FROM ocenka.employee e WHERE e.id = r.employee_id)),
		'year', r.year, 'body_id', r.body_id,
		'edition', r.methodology,
		'edition_rule', format('the edition in force on %s-12-31 (methodology §5)', r.year),
		'rule', r.rule,
		'rule_text', CASE r.rule
		                 WHEN 'mean_of_quarters' THEN 'the mean of the year''s quarterly scores; quarters without a score are skipped; rounded half away from zero to two decimals (methodology §2, §5)'
		                 ELSE 'the number of the year''s KPIs fully achieved: all → level 4, one missed → 3, two → 2, more → 1 (methodology §7)' END,
		'status', r.status)
		|| CASE WHEN r.status = 'not_evaluated'
		        THEN jsonb_build_object('reason', r.reason, 'reason_text', reason.description, 'basis', reason.basis)
		        ELSE '{}' END
		|| CASE WHEN r.rule = 'mean_of_quarters'
		        THEN jsonb_build_object('quarters', coalesce(quarters, '[]'), 'counted', r.quarters,
		                                'sum', (SELECT sum((e ->> 'score')::numeric) FROM jsonb_array_elements(quarters) e))
		        ELSE jsonb_build_object('kpis', coalesce(kpis, '[]'), 'achieved', r.kpi_achieved, 'total', r.kpi_total) END
		|| CASE WHEN r.status = 'evaluated'
		        THEN jsonb_build_object(
		                 'gradation', r.gradation, 'label', ocenka.gradation_labels(r.gradation, r.methodology))
		             || CASE WHEN r.score IS NOT NULL
		                     THEN jsonb_build_object('score', r.score::numeric, 'band', ocenka.gradation_band(r.gradation))
		                     ELSE '{}' END
		        ELSE '{}' END
		|| jsonb_build_object('360', survey, 'completed_on', r.completed_on, 'acquainted_on', r.acquainted_on);
END
$$;
RESET check_function_bodies;
