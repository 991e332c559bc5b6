-- ocenka 0.1 → 0.2: the changes to objects that 0.1 created. The Makefile appends every source
-- file that 0.2 adds whole (see UPGRADE_SOURCES) and src/finish.sql; the result must leave a
-- database identical to a fresh install of 0.2 (scripts/upgrade-check proves it).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION ocenka UPDATE TO '0.2'" to load this file. \quit

-- comp12: the position held at the period's end when appointments overlap (§6): acting duties and
-- secondments (wko-2026 ¶3), chosen by held_positions for the plans and the year's final body
ALTER TABLE ocenka.appointment ADD COLUMN acting boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN ocenka.appointment.acting IS 'temporary acting duties (исполнение обязанностей) beside the servant''s own position: never the position a period is evaluated on while the own position is held too (§6)';
CREATE FUNCTION ocenka.held_positions(p_employees bigint[], p_first date, p_last date)
	RETURNS SETOF ocenka.appointment
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT DISTINCT ON (a.employee_id) a.*
	FROM ocenka.appointment a
	WHERE a.employee_id = ANY (p_employees)
	  AND a.started_on <= p_last AND (a.ended_on IS NULL OR a.ended_on >= p_first)
	ORDER BY a.employee_id, least(coalesce(a.ended_on, p_last), p_last) DESC, a.acting, a.seconded_from IS NULL,
	         a.started_on DESC, a.id DESC
$$;
COMMENT ON FUNCTION ocenka.held_positions(bigint[], date, date) IS 'each given person''s position a period is evaluated on: the one held at its end or on leaving; the own position before acting duties, a secondment before the own position, else the latest (§6; wko-2026 ¶3)';
CREATE OR REPLACE FUNCTION ocenka.bodies_plan(p_bodies bigint[], p_first date, p_last date, p_employees bigint[] DEFAULT NULL)
	RETURNS SETOF ocenka.plan_row
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 10000
AS $$
	-- MATERIALIZED: each step computed once (the edition once per body, not once per person)
	WITH bm AS MATERIALIZED (
		SELECT b.body_id, mm.*
		FROM unnest(p_bodies) AS b(body_id)
		JOIN ocenka.methodology mm ON mm.code = ocenka.edition_on(b.body_id, p_last)
	),
	-- the position held at the end of the period (or on leaving), whichever body it is in (§6):
	-- someone transferred during the period is evaluated by the body they ended it in
	pos AS MATERIALIZED (
		SELECT a.id, a.employee_id, a.body_id, a.is_head, a.category, a.started_on, a.ended_on, a.probation_until
		FROM ocenka.held_positions(ARRAY(SELECT DISTINCT a2.employee_id FROM ocenka.appointment a2
		                                 WHERE a2.body_id = ANY (p_bodies) AND a2.started_on <= p_last
		                                   AND (a2.ended_on IS NULL OR a2.ended_on >= p_first)
		                                   AND (p_employees IS NULL OR a2.employee_id = ANY (p_employees))),
		                           p_first, p_last) a
	),
	span AS MATERIALIZED (
		SELECT pos.*, m.code, m.min_months, m.min_worked_days, m.probation_excludes, m.head_form, m.employee_form,
		       m.kpi_min_months_before_year_end,
		       greatest(pos.started_on, p_first,
		                CASE WHEN m.tenure_after_leave THEN
		                     (SELECT max(ab.last_day) + 1 FROM ocenka.absence ab
		                      WHERE ab.employee_id = pos.employee_id AND ab.kind IN ('social_leave', 'study')
		                        AND ab.last_day >= pos.started_on AND ab.last_day < p_last) END) AS s,
		       least(coalesce(pos.ended_on, p_last), p_last) AS e
		FROM pos JOIN bm m ON m.body_id = pos.body_id
	),
	worked AS MATERIALIZED (
		SELECT span.*,
		       CASE WHEN span.min_worked_days > 0 THEN
		            ocenka.working_days_between(span.s - 1, span.e)
		            - coalesce((SELECT sum(ocenka.working_days_between(greatest(ab.first_day, span.s) - 1,
		                                                               least(ab.last_day, span.e)))
		                        FROM ocenka.absence ab
		                        WHERE ab.employee_id = span.employee_id
		                          AND ab.kind IN ('annual_leave', 'social_leave', 'unpaid_leave', 'sick_leave', 'study')
		                          AND ab.first_day <= span.e AND ab.last_day >= span.s), 0)::integer
		       END AS worked_days
		FROM span
	)
	SELECT w.employee_id, w.id, w.code, w.is_head, w.category, w.s, w.e, w.worked_days,
	       coalesce(ocenka.ineligibility(w.min_months, w.min_worked_days, w.probation_excludes, w.s, w.e,
	                                     w.probation_until, w.worked_days),
	                -- typical-2023 ¶22: no KPIs for a head appointed less than 3 months before 31 December
	                CASE WHEN w.is_head AND w.head_form = 'kpi' AND w.kpi_min_months_before_year_end > 0
	                      AND ocenka.add_months(greatest(w.started_on, make_date(extract(year FROM p_last)::int, 1, 1)),
	                                            w.kpi_min_months_before_year_end) - 1
	                          > make_date(extract(year FROM p_last)::int, 12, 31)
	                     THEN 'no_kpi' END),
	       CASE WHEN w.head_form IS NULL THEN NULL
	            WHEN w.is_head AND w.head_form = 'kpi' THEN 'kpi' ELSE 'ranking' END,
	       CASE WHEN w.is_head THEN w.head_form ELSE w.employee_form END,
	       w.body_id
	FROM worked w
$$;
COMMENT ON FUNCTION ocenka.bodies_plan(bigint[], date, date, bigint[]) IS 'for some bodies and a period (optionally some employees): each person''s position at the end of the period, time in it, actually worked working days, the method and form, and why they are not evaluated (NULL if they are) — methodology §3–§6';
CREATE OR REPLACE FUNCTION ocenka.year_end_bodies(p_employees bigint[], p_year integer)
	RETURNS TABLE (employee_id bigint, body_id bigint)
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT a.employee_id, a.body_id FROM ocenka.held_positions(p_employees, make_date(p_year, 1, 1), make_date(p_year, 12, 31)) a
$$;
COMMENT ON FUNCTION ocenka.year_end_bodies(bigint[], integer) IS 'the body each given person ended the year in (the position held at its end or on leaving, §6): the body whose close_year writes their annual result';

-- open_sheets numbers sheets in the order of persons (the plan's row order is the planner's)
CREATE OR REPLACE FUNCTION ocenka.open_sheets(p_body bigint, p_q ocenka.quarter) RETURNS integer
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	created integer;
BEGIN
	-- the evaluator the edition names (wko-2026 ¶16), unless absent for the whole entry window: then
	-- the deputy (¶3: «при отсутствии оценивающего лица оценку проводит лицо, его замещающее»)
	INSERT INTO ocenka.sheet (employee_id, q, body_id, methodology, method, form, evaluator_id)
	SELECT p.employee_id, p_q, p_body, p.methodology, p.method, p.form,
	       (SELECT a.evaluator_id FROM ocenka.evaluator a
	        CROSS JOIN LATERAL (SELECT a.role = r.role AS named, EXISTS (
	            SELECT FROM ocenka.absence ab
	            WHERE ab.employee_id = a.evaluator_id AND ab.first_day <= ocenka.last_day(p_q) + 1
	              AND ab.last_day >= ocenka.quarter_deadline(p_q, m.quarter_deadline_day)) AS absent) x
	        WHERE a.evaluatee_id = p.employee_id AND a.valid_from <= ocenka.last_day(p_q)
	          AND (a.valid_until IS NULL OR a.valid_until >= ocenka.first_day(p_q))
	        ORDER BY x.named AND NOT x.absent DESC, a.role = 'deputy' AND NOT x.absent DESC, x.named DESC,
	                 a.valid_from DESC, a.id
	        LIMIT 1)
	FROM ocenka.quarter_plan(p_body, p_q) p
	JOIN ocenka.methodology m ON m.code = p.methodology
	CROSS JOIN LATERAL (SELECT ocenka.evaluator_role(p.methodology, p.category, p.is_head) AS role) r
	WHERE p.reason IS NULL AND p.method IS NOT NULL
	  AND NOT EXISTS (SELECT FROM ocenka.sheet s WHERE s.employee_id = p.employee_id AND s.q = p_q)
	-- sheets numbered in the order of persons, whatever order the plan's rows come in
	ORDER BY p.employee_id;
	GET DIAGNOSTICS created = ROW_COUNT;
	RETURN created;
END
$$;
COMMENT ON FUNCTION ocenka.open_sheets(bigint, ocenka.quarter) IS 'creates the missing sheets of a body quarter for everyone eligible, with the method, form and evaluator the methodology decides (a deputy when the evaluator is absent for the whole entry window); returns how many';
-- comp12: a body applies an edition only while its methodology is in force (§5). Rows of 0.1 that
-- break it refuse the upgrade with the first of them: correct them, then update again.
CREATE FUNCTION ocenka.edition_date_violation(p_bodies bigint[], p_from date[], p_methodologies text[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT ('23514', 'ocenka_edition_in_force_dates',
		format('body %s cannot apply %s from %s: %s', e.body_id, m.code, e.valid_from,
		       CASE WHEN e.valid_from < m.in_force_from THEN format('%s came into force on %s', m.code, m.in_force_from)
		            ELSE format('%s ceased to apply after %s', m.code, m.in_force_until) END),
		format('An edition applies to a body only while its methodology is in force: %s (%s) is in force from %s%s, and a period is evaluated under the edition in force for it (methodology §5).',
		       m.code, m.title, m.in_force_from, coalesce(' until ' || m.in_force_until, '')),
		'Correct valid_from in ocenka.body_edition.')::ocenka.violation
	FROM unnest(p_bodies, p_from, p_methodologies) AS e(body_id, valid_from, methodology)
	JOIN ocenka.methodology m ON m.code = e.methodology
	WHERE e.valid_from < m.in_force_from OR e.valid_from > m.in_force_until
	ORDER BY e.body_id, e.valid_from LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.edition_date_violation(bigint[], date[], text[]) IS 'the first body edition dated before its methodology came into force or after it ceased to apply (methodology §5)';
DO $$
DECLARE
	v ocenka.violation;
BEGIN
	SELECT x.* INTO v FROM (SELECT array_agg(body_id) AS b, array_agg(valid_from) AS f, array_agg(methodology) AS m
	                        FROM ocenka.body_edition) e,
	                       LATERAL ocenka.edition_date_violation(e.b, e.f, e.m) x;
	IF FOUND THEN
		RAISE EXCEPTION 'cannot update ocenka to 0.2: %', v.message
			USING ERRCODE = v.sqlstate, CONSTRAINT = v.constraint_name, TABLE = 'body_edition', SCHEMA = 'ocenka',
			      DETAIL = v.detail,
			      HINT = 'Correct valid_from of that row of ocenka.body_edition (and any like it), then run ALTER EXTENSION ocenka UPDATE again.';
	END IF;
END $$;
CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.body_edition
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(body_id) AS b, array_agg(valid_from) AS f, array_agg(methodology) AS m FROM new_rows) e,
	        LATERAL ocenka.edition_date_violation(e.b, e.f, e.m) v');
CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.body_edition
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(body_id) AS b, array_agg(valid_from) AS f, array_agg(methodology) AS m FROM new_rows) e,
	        LATERAL ocenka.edition_date_violation(e.b, e.f, e.m) v');

-- comp12: additional evaluators only above the thresholds (typical-2023 ¶31, wko-2026 ¶17); existing
-- assignments are not judged again (the rule runs on insert and update)
CREATE FUNCTION ocenka.evaluator_violation(p_ids bigint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT ('23514', 'ocenka_additional_evaluator',
		format('%s cannot be an additional evaluator of %s from %s: %s', ocenka.who(x.evaluator_id), ocenka.who(x.evaluatee_id),
		       x.valid_from,
		       CASE WHEN x.code IS NULL THEN 'they hold no position in a body with an edition in force that day'
		            WHEN x.code = 'typical-2023' THEN format('unit %s has %s corps B servants, not more than 50', x.unit_id, x.staff)
		            WHEN x.code = 'wko-2026' THEN format('their evaluator has %s evaluatees, not more than 20', coalesce(x.evaluatees, 0))
		            ELSE format('%s provides no additional evaluators', x.code) END),
		CASE x.code
		    WHEN 'typical-2023' THEN 'Others chosen by the evaluator may also evaluate only when the structural unit has more than fifty corps B servants (typical-2023 ¶31).'
		    WHEN 'wko-2026' THEN 'Corps B servants chosen by the evaluator also evaluate only when the evaluator has more than twenty evaluatees (wko-2026 ¶17).'
		    ELSE 'Additional evaluators belong to typical-2023 (¶31, more than 50 in the unit) and wko-2026 (¶17, more than 20 evaluatees); the other methodologies name the direct supervisor alone (methodology §6, §8b).' END,
		'Record the immediate supervisor, the unit head or a deputy instead.')::ocenka.violation
	FROM (
		SELECT n.*, ocenka.edition_on(a.body_id, n.valid_from) AS code, a.unit_id,
		       (SELECT count(DISTINCT u.employee_id) FROM ocenka.appointment u
		        WHERE u.unit_id = a.unit_id AND u.started_on <= n.valid_from
		          AND (u.ended_on IS NULL OR u.ended_on >= n.valid_from)) AS staff,
		       (SELECT max(c.n) FROM (
		            SELECT count(DISTINCT o.evaluatee_id) AS n FROM ocenka.evaluator p JOIN ocenka.evaluator o ON o.evaluator_id = p.evaluator_id
		            WHERE p.evaluatee_id = n.evaluatee_id AND p.role IN ('immediate_supervisor', 'unit_head')
		              AND p.valid_from <= n.valid_from AND (p.valid_until IS NULL OR p.valid_until >= n.valid_from)
		              AND o.role IN ('immediate_supervisor', 'unit_head')
		              AND o.valid_from <= n.valid_from AND (o.valid_until IS NULL OR o.valid_until >= n.valid_from)
		            GROUP BY p.evaluator_id) c) AS evaluatees
		FROM ocenka.evaluator n
		LEFT JOIN LATERAL ocenka.held_positions(ARRAY[n.evaluatee_id], n.valid_from, n.valid_from) a ON true
		WHERE n.id = ANY (p_ids) AND n.role = 'additional'
	) x
	WHERE NOT CASE x.code WHEN 'typical-2023' THEN x.staff > 50 WHEN 'wko-2026' THEN coalesce(x.evaluatees > 20, false) ELSE false END
	ORDER BY x.evaluatee_id, x.valid_from LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.evaluator_violation(bigint[]) IS 'the first of the given evaluator assignments that is additional although the thresholds are not met on its first day: more than 50 corps B servants in the evaluatee''s unit (typical-2023 ¶31), more than 20 evaluatees of their evaluator (wko-2026 ¶17)';
CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.evaluator
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM ocenka.evaluator_violation((SELECT array_agg(id) FROM new_rows WHERE role = ''additional'')) v');
CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.evaluator
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM ocenka.evaluator_violation((SELECT array_agg(id) FROM new_rows WHERE role = ''additional'')) v');
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

-- access13: the capacities of the access model (records, auditor, disclosure) besides hr and admin
ALTER TABLE ocenka.staff_capacity DROP CONSTRAINT staff_capacity_capacity_check,
	ADD CONSTRAINT staff_capacity_capacity_check CHECK (capacity IN ('hr', 'admin', 'records', 'auditor', 'disclosure'));
COMMENT ON TABLE ocenka.staff_capacity IS 'database roles acting as HR service, administrator, records keeper, auditor or disclosing official; members of the role have the capacity';
COMMENT ON COLUMN ocenka.staff_capacity.capacity IS 'hr (HR service: late entry, sees and keeps every evaluation), admin (historical load, closes, purge, every row), records (keys in and keeps the evaluation records: sees them, no late entry), auditor (reads the audit log), disclosure (opens one result for service necessity with a legal ground)';
