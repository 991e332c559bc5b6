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



-- cycle-a: after the grade (issue 11). bodies_year_gaps lists undecided calibration applications and
-- appeals, whose tables this update creates after this file: its SQL body is not checked when created.
-- cycle-a: the explanations show the history after the grade and the final grade
CREATE FUNCTION ocenka.final_explained(history jsonb, methodology text) RETURNS jsonb
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN jsonb_build_object('final', (history -> 'final')
	           || CASE WHEN history #>> '{final,gradation}' IS NOT NULL
	                   THEN jsonb_build_object('label', ocenka.gradation_labels((history #>> '{final,gradation}')::ocenka.gradation, methodology),
	                                           'band', CASE WHEN history #>> '{final,score}' IS NOT NULL
	                                                        THEN ocenka.gradation_band((history #>> '{final,gradation}')::ocenka.gradation) END)
	                   ELSE '{}' END);
COMMENT ON FUNCTION ocenka.final_explained(jsonb, text) IS 'the explanations'' final object: a result_history''s final grade with its band and its label in kk/ru/en under the methodology';
CREATE OR REPLACE FUNCTION ocenka.explain_result(employee_id bigint, q ocenka.quarter) RETURNS jsonb
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	r ocenka.quarter_result;
	m ocenka.methodology;
	items jsonb;
	penalties jsonb;
	reason ocenka.ineligibility_reason;
BEGIN
	SELECT * INTO r FROM ocenka.quarter_result x WHERE x.employee_id = explain_result.employee_id AND x.q = explain_result.q;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no result for % in %', ocenka.who(explain_result.employee_id), explain_result.q
			USING ERRCODE = '22023', HINT = 'Results exist once close_quarter has closed the quarter.';
	END IF;
	SELECT * INTO m FROM ocenka.methodology WHERE code = r.methodology;

	IF r.status = 'not_evaluated' THEN
		SELECT * INTO reason FROM ocenka.ineligibility_reason WHERE code = r.reason;
		RETURN jsonb_build_object(
			'employee', jsonb_build_object('id', r.employee_id, 'name', (SELECT full_name FROM ocenka.employee WHERE id = r.employee_id)),
			'quarter', r.q::text, 'body_id', r.body_id,
			'edition', r.methodology, 'edition_rule', format('the edition in force on %s, the quarter''s last day (methodology §5)', ocenka.last_day(r.q)),
			'status', r.status, 'reason', r.reason, 'reason_text', reason.description, 'basis', reason.basis,
			'completed_on', r.completed_on);
	END IF;

	IF r.method = 'kpi' THEN
		SELECT jsonb_agg(jsonb_build_object(
			'no', i.no, 'kpi', k.name, 'unit', k.unit_of_measure, 'direction', k.direction,
			'plan', t.plan, 'actual', t.actual, 'percent', i.percent,
			'allowed', ocenka.kpi_band(i.percent)::text, 'grade', i.score::numeric) ORDER BY i.no)
		INTO items
		FROM ocenka.item i JOIN ocenka.kpi k ON k.id = i.kpi_id
		LEFT JOIN ocenka.kpi_target t ON t.kpi_id = k.id AND t.q = r.q
		WHERE i.sheet_id = r.sheet_id;
	ELSE
		SELECT jsonb_agg(jsonb_build_object(
			'no', i.no, 'parameter', f.code, 'name_ru', f.name_ru, 'name_kk', f.name_kk, 'name_en', f.name_en,
			'score', i.score::numeric) ORDER BY i.no)
		INTO items
		FROM ocenka.item i JOIN ocenka.form_parameter f ON f.form = i.form AND f.no = i.no
		WHERE i.sheet_id = r.sheet_id;
	END IF;

	SELECT jsonb_agg(jsonb_build_object('kind', p.kind, 'imposed_on', p.imposed_on, 'order', p.order_ref,
	                                    'cap', ocenka.penalty_cap(p.kind)::numeric) ORDER BY p.imposed_on, p.id)
	INTO penalties
	FROM ocenka.penalty p
	WHERE p.employee_id = r.employee_id AND p.imposed_on BETWEEN ocenka.first_day(r.q) AND ocenka.last_day(r.q);

	RETURN jsonb_build_object(
		'employee', jsonb_build_object('id', r.employee_id, 'name', (SELECT full_name FROM ocenka.employee WHERE id = r.employee_id)),
		'quarter', r.q::text, 'body_id', r.body_id,
		'edition', r.methodology,
		'edition_rule', format('the edition in force on %s, the quarter''s last day (methodology §5)', ocenka.last_day(r.q)),
		'status', r.status,
		'method', r.method, 'form', r.form,
		'evaluator', (SELECT jsonb_build_object('id', e.id, 'name', e.full_name)
		              FROM ocenka.sheet s JOIN ocenka.employee e ON e.id = s.evaluator_id WHERE s.id = r.sheet_id),
		'items', items,
		'sum', (SELECT sum(i.score::numeric) FROM ocenka.item i WHERE i.sheet_id = r.sheet_id),
		'count', (SELECT count(*) FROM ocenka.item i WHERE i.sheet_id = r.sheet_id),
		'mean', r.mean::numeric,
		'mean_rule', CASE WHEN r.method = 'kpi'
		                  THEN 'sum of the KPI grades / number of KPIs, rounded half away from zero to two decimals (methodology §2, §3)'
		                  ELSE 'sum of the parameter scores / number of parameters, rounded half away from zero to two decimals (methodology §2, §4)' END,
		'penalties', coalesce(penalties, '[]'::jsonb),
		'cap', r.cap::numeric,
		'cap_rule', CASE WHEN m.penalty_cap
		                 THEN 'a disciplinary penalty imposed in the quarter caps the score: 2.99 for a remark, reprimand or severe reprimand, 1.99 for any other; the lowest cap applies (methodology §4b; wko-2026 appendices 1–2)'
		                 ELSE format('%s has no disciplinary cap', m.code) END,
		'capped', r.cap IS NOT NULL AND r.cap < r.mean,
		'score', r.score::numeric,
		'gradation', r.gradation,
		'band', ocenka.gradation_band(r.gradation),
		'label', ocenka.gradation_labels(r.gradation, r.methodology),
		'completed_on', r.completed_on,
		'acquainted_on', r.acquainted_on,
		'history', ocenka.result_history(r.employee_id, r.q, NULL))
		|| ocenka.final_explained(ocenka.result_history(r.employee_id, r.q, NULL), r.methodology);
END
$$;
COMMENT ON FUNCTION ocenka.explain_result(bigint, ocenka.quarter) IS 'why a quarterly result is what it is: edition, method and form, every input score (or KPI with plan, actual, percentage and allowed band), the mean, any penalty and the cap it caused, the score, band and label in kk/ru/en; its history after the grade (result_history) and the final grade';
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
		|| jsonb_build_object('360', survey, 'completed_on', r.completed_on, 'acquainted_on', r.acquainted_on,
		                      'history', ocenka.result_history(r.employee_id, NULL, r.year))
		|| ocenka.final_explained(ocenka.result_history(r.employee_id, NULL, r.year), r.methodology);
END
$$;
COMMENT ON FUNCTION ocenka.explain_annual_result(bigint, integer) IS 'why an annual result is what it is: edition and rule, each quarter with its score and whether it counted (or each KPI and whether it was achieved), the mean or count, the gradation and label in kk/ru/en, the reason when not evaluated, and the year''s 360 competency means beside it; its history after the grade (result_history) and the final grade';
-- cycle-a: purge_expired (now src/cycle/purge.sql) deletes the records after the grade and counts from the latest decision
-- cycle-b: … and the commission's meetings, attendance, votes and orders no longer in use
-- cycle-a: a result is kept three years from its latest decision, if later than its completion
DROP TRIGGER ocenka_2_retention ON ocenka.quarter_result;
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.quarter_result
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(employee_id), q)) AS w,
	                                array_agg(greatest(completed_on, ocenka.final_on(employee_id, q, NULL))) AS c FROM old_rows) t,
	        LATERAL ocenka.retention_violation(''the result'', t.w, t.c) v');
DROP TRIGGER ocenka_2_retention ON ocenka.annual_result;
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.annual_result
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(employee_id), year)) AS w,
	                                array_agg(greatest(completed_on, ocenka.final_on(employee_id, NULL, year))) AS c FROM old_rows) t,
	        LATERAL ocenka.retention_violation(''the annual result'', t.w, t.c) v');

RESET check_function_bodies;

-- purge_expired and bodies_year_gaps as the sources give them (several tasks changed them); they name
-- tables this update creates after this file, so their bodies are not checked here
SET check_function_bodies = off;
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

	-- a period expires three years after it became final: its completion, or its latest decision (§11)
	CREATE TEMP TABLE pg_temp.ocenka_expired_quarter ON COMMIT DROP AS
		SELECT s.body_id, s.q FROM ocenka.quarter_status s
		WHERE ocenka.kept_until(greatest(s.completed_on, (SELECT max(d.decided_on) FROM ocenka.result_decision d
		                                                  WHERE d.body_id = s.body_id AND d.q = s.q))) <= as_of;
	CREATE TEMP TABLE pg_temp.ocenka_expired_year ON COMMIT DROP AS
		SELECT s.body_id, s.year FROM ocenka.year_status s
		WHERE ocenka.kept_until(greatest(s.completed_on, (SELECT max(d.decided_on) FROM ocenka.result_decision d
		                                                  WHERE d.body_id = s.body_id AND d.year = s.year))) <= as_of;

	-- the records after the grade of expired periods, dependents first
	DELETE FROM ocenka.calibration_vote v USING ocenka.calibration_session s, ocenka.calibration_application a, pg_temp.ocenka_expired_quarter e
	WHERE v.session_id = s.id AND s.application_id = a.id AND (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_vote'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.calibration_member m USING ocenka.calibration_session s, ocenka.calibration_application a, pg_temp.ocenka_expired_quarter e
	WHERE m.session_id = s.id AND s.application_id = a.id AND (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_member'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.calibration_session s USING ocenka.calibration_application a, pg_temp.ocenka_expired_quarter e
	WHERE s.application_id = a.id AND (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_session'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.calibration_application a USING pg_temp.ocenka_expired_quarter e WHERE (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_application'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.appeal p USING ocenka.result_decision d
	WHERE d.id = p.decision_id
	  AND (EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (d.body_id, d.q))
	       OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (d.body_id, d.year)));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'appeal'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.result_decision d
	WHERE EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (d.body_id, d.q))
	   OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (d.body_id, d.year));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'result_decision'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.acquaintance a
	WHERE EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (a.body_id, a.q))
	   OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (a.body_id, a.year));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'acquaintance'; deleted := n; RETURN NEXT;
	-- the commission's meetings on expired years; an order once no meeting sat in it and three years have
	-- passed since a later order replaced it (its members go with it)
	SELECT count(*) INTO n FROM ocenka.commission_vote v JOIN ocenka.commission_meeting m ON m.id = v.meeting_id
	JOIN pg_temp.ocenka_expired_year e ON (e.body_id, e.year) = (m.body_id, m.year);
	table_name := 'commission_vote'; deleted := n; RETURN NEXT;
	SELECT count(*) INTO n FROM ocenka.commission_attendance a JOIN ocenka.commission_meeting m ON m.id = a.meeting_id
	JOIN pg_temp.ocenka_expired_year e ON (e.body_id, e.year) = (m.body_id, m.year);
	table_name := 'commission_attendance'; deleted := n; RETURN NEXT;
	-- a meeting takes its attendance and votes with it (ON DELETE CASCADE), so that their rules see it gone
	DELETE FROM ocenka.commission_meeting m USING pg_temp.ocenka_expired_year e WHERE (m.body_id, m.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'commission_meeting'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.commission_order o
	WHERE NOT EXISTS (SELECT FROM ocenka.commission_meeting m WHERE m.order_id = o.id)
	  AND ocenka.kept_until((SELECT min(x.valid_from) - 1 FROM ocenka.commission_order x
	                         WHERE x.body_id = o.body_id AND x.valid_from > o.valid_from)) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'commission_order'; deleted := n; RETURN NEXT;

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
	DELETE FROM ocenka.quarter_result r USING pg_temp.ocenka_expired_quarter e WHERE (r.body_id, r.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'quarter_result'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.sheet s USING pg_temp.ocenka_expired_quarter e WHERE (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'sheet'; deleted := n; RETURN NEXT;
	DELETE FROM ocenka.annual_result r USING pg_temp.ocenka_expired_year e WHERE (r.body_id, r.year) = (e.body_id, e.year);
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
	WHERE (l.table_name IN ('sheet', 'item', 'quarter_result', 'calibration_application', 'calibration_session',
	                        'calibration_member', 'calibration_vote', 'result_decision', 'acquaintance', 'appeal',
	                        'review_step', 'notice', 'item_note')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (l.body_id, l.q)))
	   OR (l.table_name = 'kpi_target'
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (l.body_id, l.q))
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, ocenka.year_of(l.q))))
	   OR (l.table_name IN ('annual_result', 'kpi', 'competency_result', 'result_decision', 'acquaintance', 'appeal',
	                        'commission_meeting', 'commission_attendance', 'commission_vote',
	                        'kpi_plan', 'kpi_indicator', 'count_sheet', 'review_step', 'notice')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, l.year)))
	   OR (l.body_id IS NULL AND ocenka.kept_until(l.at::date) <= as_of);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'audit_log'; deleted := n; RETURN NEXT;

	-- dropped now, not at commit, so that the transaction may call purge_expired again
	DROP TABLE pg_temp.ocenka_expired_quarter, pg_temp.ocenka_expired_year;
	PERFORM ocenka.end_purge();
END
$$;
COMMENT ON FUNCTION ocenka.purge_expired(date) IS 'deletes the evaluation documents whose three years from completion have passed by as_of (default: ocenka.today(), never later) (§11), counted from the latest decision on a period where there is one, dependents first (the records after the grade, then the documents); returns rows deleted per table; idempotent; needs the admin capacity';
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
	UNION ALL
	-- a calibration application or an appeal on one of the year's quarters still undecided: the mean of
	-- the final quarterly grades would miss its outcome (§5, §9a)
	SELECT a.body_id, a.employee_id, format('the calibration application on %s, filed on %s, is not decided', a.q, a.filed_on)
	FROM ocenka.calibration_application a JOIN unnest(p_bodies) AS b(id) ON b.id = a.body_id
	WHERE a.q BETWEEN ocenka.make_quarter(p_year, 1) AND ocenka.make_quarter(p_year, 4)
	  AND NOT EXISTS (SELECT FROM ocenka.calibration_session cs JOIN ocenka.result_decision d ON d.kind = 'calibration' AND d.source_id = cs.id
	                  WHERE cs.application_id = a.id)
	UNION ALL
	SELECT d.body_id, d.employee_id, format('the appeal of the %s decision on %s, filed on %s, is not decided', d.kind, d.q, p.filed_on)
	FROM ocenka.appeal p JOIN ocenka.result_decision d ON d.id = p.decision_id JOIN unnest(p_bodies) AS b(id) ON b.id = d.body_id
	WHERE p.outcome IS NULL AND d.q BETWEEN ocenka.make_quarter(p_year, 1) AND ocenka.make_quarter(p_year, 4)
$$;
COMMENT ON FUNCTION ocenka.bodies_year_gaps(bigint[], integer) IS 'what keeps body years from closing: open quarters (also another body''s, where someone finalised here was evaluated that year), incomplete KPI plans or outcomes, 360 surveys with too few respondents, no self-assessment or unanswered questions, calibration applications and appeals on the year''s quarters not decided yet';

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
COMMENT ON PROCEDURE ocenka.close_years(bigint[], integer, boolean) IS 'closes a year for many bodies at once, set-based; strict or not as close_quarters';
RESET check_function_bodies;
