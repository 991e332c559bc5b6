-- ocenka 0.1 → 0.2: the changes to objects that 0.1 created (see 0.1--0.2.head.sql for the whole script).

-- comp12: the position held at the period's end when appointments overlap (§6): acting duties and
-- secondments (wko-2026 ¶3), chosen by held_positions for the plans and the year's final body
ALTER TABLE ocenka.appointment ADD COLUMN acting boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN ocenka.appointment.acting IS 'temporary acting duties (исполнение обязанностей) beside the servant''s own position: never the position a period is evaluated on while the own position is held too (§6)';
-- comp12: legacy-2021 applies to persons (seed 000 ch. 6): a legacy-2021 row is no edition of the body
CREATE FUNCTION ocenka.legacy_2021_adopted(body_id bigint, day date) RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN legacy_2021_adopted.day BETWEEN '2021-07-01' AND '2022-12-31'
	   AND coalesce((SELECT e.methodology = 'legacy-2021' FROM ocenka.body_edition e
	                 WHERE e.body_id = legacy_2021_adopted.body_id AND e.valid_from <= legacy_2021_adopted.day
	                 ORDER BY e.valid_from DESC LIMIT 1), false);
COMMENT ON FUNCTION ocenka.legacy_2021_adopted(bigint, date) IS 'whether a body applies seed 000 chapter 6 (legacy-2021) to its absent persons on a day of 2021-07-01 … 2022-12-31: its latest body_edition row on that day is legacy-2021';
CREATE FUNCTION ocenka.legacy_2021_person(employee_id bigint, day date) RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN EXISTS (SELECT FROM ocenka.absence ab
	               WHERE ab.employee_id = legacy_2021_person.employee_id AND ab.kind IN ('social_leave', 'sick_leave')
	                 AND ab.first_day <= least(date '2022-12-31', make_date(extract(year FROM legacy_2021_person.day)::int, 12, 31))
	                 AND ab.last_day >= greatest(date '2021-07-01', make_date(extract(year FROM legacy_2021_person.day)::int, 1, 1)));
COMMENT ON FUNCTION ocenka.legacy_2021_person(bigint, date) IS 'whether a person was on social leave or sick leave on a day of the given day''s year within 2021-07-01 … 2022-12-31: then chapter 6 of seed 000 evaluates their year (¶48–49)';
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
INSERT INTO ocenka.ineligibility_reason VALUES
	('legacy_2021', 'on social leave or temporarily unable to work during 2021-07-01 … 2022-12-31: evaluated for the year by the KPI count of legacy-2021, not quarterly', 'methodology §7: seed 000 ch. 6 ¶48–49');

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

-- comp12: open_sheets numbers sheets in the order of persons (the plan's row order is the planner's);
-- KPI plans, gaps, the annual close and its explanation follow each person's rule (legacy-2021)
CREATE FUNCTION ocenka.eligibility_violation(p_employee bigint, p_period text, p_reason text) RETURNS ocenka.violation
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN (SELECT ('23514', 'ocenka_eligibility',
	                format('%s: not evaluated for %s: %s', ocenka.who(p_employee), p_period, r.description),
	                format('%s (methodology §6).', r.basis), NULL)::ocenka.violation
	        FROM ocenka.ineligibility_reason r WHERE r.code = coalesce(p_reason, 'not_in_position'));
COMMENT ON FUNCTION ocenka.eligibility_violation(bigint, text, text) IS 'the ocenka_eligibility violation of a person for a period: not evaluated for the reason given (not_in_position when NULL), with its basis (§6)';
-- bodies_year_gaps reads the view competency_assessment_result, which src/store/assessment.sql creates after
-- this script (it uses eligibility_violation above): its body is checked when first called
SET LOCAL check_function_bodies = off;
RESET check_function_bodies;
CREATE FUNCTION ocenka.edition_rule(methodology text, body_id bigint, day date, what text) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN CASE WHEN edition_rule.methodology = 'legacy-2021'
	                 AND ocenka.edition_on(edition_rule.body_id, edition_rule.day) IS DISTINCT FROM 'legacy-2021'
	            THEN format('legacy-2021 for this person: seed 000 chapter 6 applies to persons on social leave or temporarily unable to work during 2021-07-01 … 2022-12-31 (¶48–49), in a body that adopted it; the body''s own edition on %s is %s',
	                        edition_rule.day, ocenka.edition_on(edition_rule.body_id, edition_rule.day))
	            ELSE format('the edition in force on %s%s (methodology §5)', edition_rule.day, edition_rule.what) END;
COMMENT ON FUNCTION ocenka.edition_rule(text, bigint, date, text) IS 'why a result was graded under its edition: the body''s edition in force on the period''s last day, or legacy-2021 for the person (seed 000 ch. 6); explanations print it';
-- comp12: purge_expired also removes expired competency assessments, their marks and annual schedules

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

-- access13: the capacities of the access model (records, auditor, disclosure) besides hr and admin
ALTER TABLE ocenka.staff_capacity DROP CONSTRAINT staff_capacity_capacity_check,
	ADD CONSTRAINT staff_capacity_capacity_check CHECK (capacity IN ('hr', 'admin', 'records', 'auditor', 'disclosure'));
COMMENT ON TABLE ocenka.staff_capacity IS 'database roles acting as HR service, administrator, records keeper, auditor or disclosing official; members of the role have the capacity';
COMMENT ON COLUMN ocenka.staff_capacity.capacity IS 'hr (HR service: late entry, sees and keeps every evaluation), admin (historical load, closes, purge, every row), records (keys in and keeps the evaluation records: sees them, no late entry), auditor (reads the audit log), disclosure (opens one result for service necessity with a legal ground)';

-- perf16: kpi_item_violation gets a SQL-standard body, with no fixed search path, so the item trigger's kept
-- plan inlines it instead of parsing and planning it again for every KPI statement (issue 16)

-- perf16: one bodies_plan per quarter close: close_quarters computes the plan once and passes it to the new
-- plan_quarter_gaps (bodies_quarter_gaps is that over bodies_plan) and to the results (issue 16)

-- rls13v: the audit log read back runs with the reader's rights, so the log's row-level security holds
-- through it (as the owner's view it showed every entry to anyone granted SELECT on it)
ALTER VIEW ocenka.audit_trail SET (security_invoker = true);

-- the calendar's cache follows changes logical replication applies too (session_replication_role = replica)
ALTER TABLE ocenka.calendar ENABLE ALWAYS TRIGGER calendar_changed;

-- issue 16: the KPI rule of items checks a few items in C before asking its query ('kpi rules:')
DROP TRIGGER ocenka_1_entry_insert ON ocenka.item;
DROP TRIGGER ocenka_1_entry_update ON ocenka.item;
DO $$
DECLARE
	-- only statements with KPI items run it; up to a thousand rows are probed in C (src/store/items.c),
	-- and the query runs for a bulk statement or when C finds an item not plainly right
	kpi text := 'kpi rules: SELECT v.* FROM (SELECT array_agg(sheet_id) AS s, array_agg(no) AS n, array_agg(kpi_id) AS k, array_agg(percent) AS p
	                                    FROM new_rows WHERE kpi_id IS NOT NULL HAVING count(*) > 0) i,
	                   LATERAL ocenka.kpi_item_violation(i.s, i.n, i.k, i.p) v LIMIT 1';
BEGIN
	EXECUTE format('CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.item
	                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	                EXECUTE FUNCTION ocenka.enforce_rules(%L, %L, %L, %L)', 'keys: sheet_id, form', 'item rules:', kpi,
	               'audit by sheet:');
	EXECUTE format('CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.item
	                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	                EXECUTE FUNCTION ocenka.enforce_rules(%L, %L, %L, %L)', 'keys: sheet_id, form', 'item rules:', kpi,
	               'audit by sheet:');
END $$;

-- perf16b: close_quarter_all and close_year_all take the bodies in batches of about work_mem / 4 kB people
-- (close_batches), in one transaction, so that a close's memory follows work_mem rather than the size of
-- the country (issue 16, P8)

-- As the sources define them: every function and procedure above that several tasks changed, redefined
-- once here from src/; they may name tables this update creates after this file, so bodies are not checked
SET check_function_bodies = off;

CREATE OR REPLACE FUNCTION ocenka.bodies_plan(p_bodies bigint[], p_first date, p_last date, p_employees bigint[] DEFAULT NULL)
	RETURNS SETOF ocenka.plan_row
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 10000
AS $$
	-- MATERIALIZED: each step computed once (the edition once per body, not once per person)
	WITH bm AS MATERIALIZED (
		SELECT b.body_id, ocenka.edition_on(b.body_id, p_last) AS code, ocenka.legacy_2021_adopted(b.body_id, p_last) AS ch6
		FROM unnest(p_bodies) AS b(body_id)
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
		SELECT pos.*, l.legacy, m.code, m.min_months, m.min_worked_days, m.probation_excludes, m.head_form, m.employee_form,
		       m.kpi_min_months_before_year_end,
		       greatest(pos.started_on, p_first,
		                CASE WHEN m.tenure_after_leave THEN
		                     (SELECT max(ab.last_day) + 1 FROM ocenka.absence ab
		                      WHERE ab.employee_id = pos.employee_id AND ab.kind IN ('social_leave', 'study')
		                        AND ab.last_day >= pos.started_on AND ab.last_day < p_last) END) AS s,
		       least(coalesce(pos.ended_on, p_last), p_last) AS e
		FROM pos JOIN bm ON bm.body_id = pos.body_id
		-- the persons chapter 6 of seed 000 evaluates in a body that adopted it (legacy-2021)
		CROSS JOIN LATERAL (SELECT bm.ch6 AND ocenka.legacy_2021_person(pos.employee_id, p_last) AS legacy) l
		JOIN ocenka.methodology m ON m.code = CASE WHEN l.legacy THEN 'legacy-2021' ELSE bm.code END
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
	                -- chapter 6 evaluates the year: its quarters are not evaluated one by one
	                CASE WHEN w.legacy AND (p_first, p_last) <> (make_date(extract(year FROM p_last)::int, 1, 1),
	                                                             make_date(extract(year FROM p_last)::int, 12, 31))
	                     THEN 'legacy_2021' END,
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

CREATE OR REPLACE FUNCTION ocenka.bodies_quarter_gaps(p_bodies bigint[], p_q ocenka.quarter)
	RETURNS TABLE (body_id bigint, employee_id bigint, gap text)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
AS $$
	SELECT g.* FROM ocenka.plan_quarter_gaps(ARRAY(SELECT p FROM ocenka.bodies_plan(p_bodies, ocenka.first_day(p_q), ocenka.last_day(p_q)) p),
	                                         p_bodies, p_q) g
$$;
COMMENT ON FUNCTION ocenka.bodies_quarter_gaps(bigint[], ocenka.quarter) IS 'what keeps body quarters from closing: eligible people without a sheet, KPI plans of the wrong size, parameters or KPIs not scored';

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

CREATE OR REPLACE FUNCTION ocenka.close_batches(p_bodies bigint[], p_first date, p_last date) RETURNS integer[]
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

CREATE OR REPLACE PROCEDURE ocenka.close_quarter_all(q ocenka.quarter)
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

CREATE OR REPLACE PROCEDURE ocenka.close_year_all(year integer)
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

CREATE OR REPLACE FUNCTION ocenka.edition_on(body_id bigint, day date) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	-- legacy-2021 applies to persons, not to the body (seed 000 ch. 6): see legacy_2021_adopted; it is
	-- the body's edition only where the body has no other one
	RETURN (SELECT e.methodology FROM ocenka.body_edition e
	        WHERE e.body_id = edition_on.body_id AND e.valid_from <= edition_on.day
	        ORDER BY e.methodology = 'legacy-2021', e.valid_from DESC LIMIT 1);
COMMENT ON FUNCTION ocenka.edition_on(bigint, date) IS 'the methodology edition a body applies on a day (§5): quarters use their last day, years 31 December; a legacy-2021 row is no edition of the body while it has another one in force (it applies to persons, legacy_2021_adopted)';

CREATE OR REPLACE FUNCTION ocenka.explain_annual_result(employee_id bigint, year integer) RETURNS jsonb
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	r ocenka.annual_result;
	reason ocenka.ineligibility_reason;
	quarters jsonb;
	kpis jsonb;
	survey jsonb;
	assessment jsonb;
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

	-- competencies by behavioural indicators (§8b), beside the grade and never part of it (seed 001 ¶7)
	SELECT jsonb_build_object(
		'assessment_id', a.id, 'catalogue', a.catalogue, 'group', a.category_group,
		'evaluator', (SELECT jsonb_build_object('id', e.id, 'name', e.full_name) FROM ocenka.employee e WHERE e.id = a.evaluator_id),
		'competencies', (SELECT jsonb_agg(jsonb_build_object(
		                     'no', c.competency_no, 'code', c.code, 'name_kk', c.name_kk, 'name_en', c.name_en,
		                     'observed', c.effective_observed, 'total', c.effective_total,
		                     'ineffective_observed', c.ineffective_observed, 'ineffective_total', c.ineffective_total,
		                     'unmarked', c.unmarked, 'meets_expectations', c.meets_expectations,
		                     'result_kk', CASE c.meets_expectations WHEN true THEN 'күтілген нәтижеге сәйкес'
		                                                            WHEN false THEN 'күтілген нәтижеге сәйкес емес' END)
		                     ORDER BY c.competency_no)
		                 FROM ocenka.competency_assessment_result c WHERE c.assessment_id = a.id),
		'rule', 'each competency meets expectations when 3/4 or more of its effective indicators were observed (4 · observed ≥ 3 · total; seed 001 ¶27); ineffective indicators are shown beside them; the results develop competencies and do not change the grade (seed 001 ¶7)')
	INTO assessment
	FROM ocenka.competency_assessment a WHERE a.employee_id = r.employee_id AND a.year = r.year;

	RETURN jsonb_build_object(
		'employee', jsonb_build_object('id', r.employee_id, 'name', (SELECT full_name FROM ocenka.employee e WHERE e.id = r.employee_id)),
		'year', r.year, 'body_id', r.body_id,
		'edition', r.methodology,
		'edition_rule', ocenka.edition_rule(r.methodology, r.body_id, make_date(r.year, 12, 31), ''),
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
		|| CASE WHEN assessment IS NOT NULL THEN jsonb_build_object('competencies', assessment) ELSE '{}' END
		|| ocenka.final_explained(ocenka.result_history(r.employee_id, NULL, r.year), r.methodology);
END
$$;
COMMENT ON FUNCTION ocenka.explain_annual_result(bigint, integer) IS 'why an annual result is what it is: edition and rule, each quarter with its score and whether it counted (or each KPI and whether it was achieved), the mean or count, the gradation and label in kk/ru/en, the reason when not evaluated, the year''s 360 competency means beside it, the competency assessment by behavioural indicators (each competency''s count and the 3/4 rule); its history after the grade (result_history) and the final grade';

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
			'edition', r.methodology, 'edition_rule', ocenka.edition_rule(r.methodology, r.body_id, ocenka.last_day(r.q), ', the quarter''s last day'),
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
		'edition_rule', ocenka.edition_rule(r.methodology, r.body_id, ocenka.last_day(r.q), ', the quarter''s last day'),
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

CREATE OR REPLACE FUNCTION ocenka.kpi_item_violation(p_sheets bigint[], p_nos smallint[], p_kpis bigint[], p_percents numeric[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
	BEGIN ATOMIC
		WITH i AS (SELECT * FROM unnest(p_sheets, p_nos, p_kpis, p_percents) AS t(sheet_id, no, kpi_id, percent)),
		j AS (SELECT i.*, s.employee_id, s.q, k.id AS kid, k.employee_id AS holder, k.year, k.no AS kno, k.direction,
		             t.plan, t.actual
		      FROM i JOIN ocenka.sheet s ON s.id = i.sheet_id
		      LEFT JOIN ocenka.kpi k ON k.id = i.kpi_id
		      LEFT JOIN ocenka.kpi_target t ON t.kpi_id = k.id AND t.q = s.q)
		SELECT (x.v).* FROM (
			SELECT 1 AS prio, j.sheet_id, j.no, ('23514', 'ocenka_item_kpi',
				format('%s: KPI %s is not KPI %s of the %s plan of sheet %s', ocenka.who(j.employee_id), j.kpi_id, j.no,
				       ocenka.year_of(j.q), j.sheet_id),
				'A KPI sheet scores the head''s own KPIs of the year, item n being KPI n (methodology §3).', NULL)::ocenka.violation AS v
			FROM j
			WHERE j.kid IS NULL OR j.holder <> j.employee_id OR j.year <> ocenka.year_of(j.q) OR j.kno <> j.no
			UNION ALL
			SELECT 2, j.sheet_id, j.no, ('23514', 'ocenka_item_kpi_target',
				format('%s: KPI %s has no plan and actual value for %s', ocenka.who(j.employee_id), j.kpi_id, j.q),
				'HR pre-computes the actual values before the evaluation (methodology §3, typical-2023 ¶22).',
				'Record them in ocenka.kpi_target.')::ocenka.violation
			FROM j WHERE j.kid IS NOT NULL AND j.actual IS NULL
			UNION ALL
			SELECT 3, j.sheet_id, j.no, ('23514', 'ocenka_item_kpi_percent',
				format('%s: KPI %s was achieved at %s %% in %s (plan %s, actual %s), not %s %%', ocenka.who(j.employee_id),
				       j.kpi_id, ocenka.kpi_percent(j.plan, j.actual, j.direction), j.q, j.plan, j.actual, j.percent),
				'An item''s percentage is kpi_percent of the quarter''s plan and actual; its grade must lie in that percentage''s band (appendix 3).',
				'Take percent from ocenka.kpi_percent(plan, actual, direction).')::ocenka.violation
			FROM j
			WHERE j.actual IS NOT NULL AND ocenka.kpi_percent(j.plan, j.actual, j.direction) <> j.percent
		) x ORDER BY prio, sheet_id, no LIMIT 1;
	END;
COMMENT ON FUNCTION ocenka.kpi_item_violation(bigint[], smallint[], bigint[], numeric[]) IS 'the first rule KPI items break: the KPI belongs to the sheet''s head and year with the same number, has a plan and actual value, and the item''s percentage is theirs (methodology §3)';

CREATE OR REPLACE FUNCTION ocenka.kpi_violation(p_body bigint, p_year integer, p_employees bigint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	WITH m AS (SELECT * FROM ocenka.methodology WHERE code = ocenka.kpi_edition(p_body, p_year)),
	plan AS (SELECT * FROM ocenka.year_plan(p_body, p_year, p_employees))
	SELECT (x.v).* FROM (
		SELECT 1 AS prio, e.id AS employee_id, ('23514', 'ocenka_kpi_holder',
			format('%s: gets no KPIs for %s: %s', ocenka.who(e.id), p_year,
			       CASE WHEN p.employee_id IS NULL THEN format('holds no position in body %s that year', p_body)
			            WHEN late.yes THEN 'appointed less than 3 months before 31 December'
			            ELSE 'KPIs are set for heads of units and bodies' END),
			CASE WHEN late.yes THEN 'No KPIs are set if less than 3 months remain from appointment to the end of the period (methodology §3, §6; typical-2023 ¶22).'
			     ELSE 'Under typical-2023 the KPI method evaluates heads (methodology §3; typical-2023 ¶21).' END,
			NULL)::ocenka.violation AS v
		FROM unnest(p_employees) AS e(id) CROSS JOIN m
		LEFT JOIN plan p ON p.employee_id = e.id
		-- the person's own rule: legacy-2021 gives everyone it evaluates a KPI plan (seed 000 ¶49)
		LEFT JOIN ocenka.methodology pm ON pm.code = p.methodology
		LEFT JOIN LATERAL (SELECT m.kpi_min_months_before_year_end > 0
		                          AND ocenka.add_months(p.position_start, m.kpi_min_months_before_year_end) - 1
		                              > make_date(p_year, 12, 31) AS yes) late ON true
		WHERE p.employee_id IS NULL OR late.yes OR (coalesce(pm.annual_rule, m.annual_rule) <> 'kpi_count' AND NOT p.is_head)
		UNION ALL
		SELECT 2, k.employee_id, ('23514', 'ocenka_kpi_count',
			format('%s: the %s plan has %s KPIs, more than the %s %s allows', ocenka.who(k.employee_id), p_year,
			       count(*), m.kpi_max, m.code),
			format('%s sets %s KPIs per plan (methodology §3, §7).', m.code,
			       CASE WHEN m.kpi_min = m.kpi_max THEN m.kpi_max::text ELSE m.kpi_min || ' to ' || m.kpi_max END),
			NULL)::ocenka.violation
		FROM ocenka.kpi k CROSS JOIN m
		WHERE k.body_id = p_body AND k.year = p_year AND k.employee_id = ANY (p_employees)
		GROUP BY k.employee_id, m.kpi_max, m.kpi_min, m.code
		HAVING count(*) > m.kpi_max
	) x ORDER BY prio, employee_id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.kpi_violation(bigint, integer, bigint[]) IS 'the first rule KPI plans of a body year break: who may hold KPIs (§3, §6) and how many (§3, §7)';

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
	        -- an assignment still running at the quarter's end first: a secondment's evaluator does not
	        -- follow the servant back to their own body (§6, wko-2026 ¶3)
	        ORDER BY a.valid_until IS NULL OR a.valid_until >= ocenka.last_day(p_q) DESC,
	                 x.named AND NOT x.absent DESC, a.role = 'deputy' AND NOT x.absent DESC, x.named DESC,
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
COMMENT ON FUNCTION ocenka.open_sheets(bigint, ocenka.quarter) IS 'creates the missing sheets of a body quarter for everyone eligible, with the method, form and evaluator the methodology decides (an assignment running at the quarter''s end first; a deputy when the evaluator is absent for the whole entry window); returns how many, numbered in the order of persons';

CREATE OR REPLACE FUNCTION ocenka.plan_quarter_gaps(p_plan ocenka.plan_row[], p_bodies bigint[], p_q ocenka.quarter)
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
	PERFORM ocenka.report_progress('purge_expired', 0, 30, format('finding what expired by %s', as_of));

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
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.calibration_member m USING ocenka.calibration_session s, ocenka.calibration_application a, pg_temp.ocenka_expired_quarter e
	WHERE m.session_id = s.id AND s.application_id = a.id AND (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_member'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.calibration_session s USING ocenka.calibration_application a, pg_temp.ocenka_expired_quarter e
	WHERE s.application_id = a.id AND (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_session'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.calibration_application a USING pg_temp.ocenka_expired_quarter e WHERE (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_application'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.appeal p USING ocenka.result_decision d
	WHERE d.id = p.decision_id
	  AND (EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (d.body_id, d.q))
	       OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (d.body_id, d.year)));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'appeal'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.result_decision d
	WHERE EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (d.body_id, d.q))
	   OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (d.body_id, d.year));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'result_decision'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.acquaintance a
	WHERE EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (a.body_id, a.q))
	   OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (a.body_id, a.year));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'acquaintance'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	-- the commission's meetings on expired years; an order once no meeting sat in it and three years have
	-- passed since a later order replaced it (its members go with it)
	SELECT count(*) INTO n FROM ocenka.commission_vote v JOIN ocenka.commission_meeting m ON m.id = v.meeting_id
	JOIN pg_temp.ocenka_expired_year e ON (e.body_id, e.year) = (m.body_id, m.year);
	table_name := 'commission_vote'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	SELECT count(*) INTO n FROM ocenka.commission_attendance a JOIN ocenka.commission_meeting m ON m.id = a.meeting_id
	JOIN pg_temp.ocenka_expired_year e ON (e.body_id, e.year) = (m.body_id, m.year);
	table_name := 'commission_attendance'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	-- a meeting takes its attendance and votes with it (ON DELETE CASCADE), so that their rules see it gone
	DELETE FROM ocenka.commission_meeting m USING pg_temp.ocenka_expired_year e WHERE (m.body_id, m.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'commission_meeting'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.commission_order o
	WHERE NOT EXISTS (SELECT FROM ocenka.commission_meeting m WHERE m.order_id = o.id)
	  AND ocenka.kept_until((SELECT min(x.valid_from) - 1 FROM ocenka.commission_order x
	                         WHERE x.body_id = o.body_id AND x.valid_from > o.valid_from)) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'commission_order'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

	-- dependents first
	DELETE FROM ocenka.answer a USING ocenka.survey s, pg_temp.ocenka_expired_year e
	WHERE a.survey_id = s.id AND (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'answer'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.respondent r USING ocenka.survey s, pg_temp.ocenka_expired_year e
	WHERE r.survey_id = s.id AND (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'respondent'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.competency_result c WHERE ocenka.kept_until(c.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'competency_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.survey s USING pg_temp.ocenka_expired_year e WHERE (s.body_id, s.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.competency_result c WHERE c.survey_id = s.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'survey'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

	DELETE FROM ocenka.item i USING ocenka.sheet s, pg_temp.ocenka_expired_quarter e
	WHERE i.sheet_id = s.id AND (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'item'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.quarter_result r USING pg_temp.ocenka_expired_quarter e WHERE (r.body_id, r.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'quarter_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.sheet s USING pg_temp.ocenka_expired_quarter e WHERE (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'sheet'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.annual_result r USING pg_temp.ocenka_expired_year e WHERE (r.body_id, r.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'annual_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

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
		steps := steps + 1; total := total + n;
		PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	END LOOP;
	DELETE FROM ocenka.count_sheet c USING pg_temp.ocenka_expired_year e WHERE (c.body_id, c.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'count_sheet'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

	-- a KPI plan serves its quarters and its year: it goes when all of them have expired
	DELETE FROM ocenka.kpi_target t USING ocenka.kpi k, pg_temp.ocenka_expired_year e
	WHERE t.kpi_id = k.id AND (k.body_id, k.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.quarter_status qs WHERE (qs.body_id, qs.q) = (k.body_id, t.q)
	                  AND NOT EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter x WHERE (x.body_id, x.q) = (qs.body_id, qs.q)));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_target'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.kpi_indicator i USING ocenka.kpi k, pg_temp.ocenka_expired_year e
	WHERE i.kpi_id = k.id AND (k.body_id, k.year) = (e.body_id, e.year) AND NOT EXISTS (SELECT FROM ocenka.kpi_target t WHERE t.kpi_id = k.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_indicator'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.kpi k USING pg_temp.ocenka_expired_year e WHERE (k.body_id, k.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.kpi_target t WHERE t.kpi_id = k.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.kpi_plan p USING pg_temp.ocenka_expired_year e WHERE (p.body_id, p.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.kpi k WHERE (k.employee_id, k.year) = (p.employee_id, p.year));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_plan'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	-- competency assessments by behavioural indicators and the annual schedule follow their year
	DELETE FROM ocenka.indicator_mark m USING ocenka.competency_assessment a, pg_temp.ocenka_expired_year e
	WHERE m.assessment_id = a.id AND (a.body_id, a.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'indicator_mark'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.competency_assessment a USING pg_temp.ocenka_expired_year e WHERE (a.body_id, a.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'competency_assessment'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.annual_schedule s USING pg_temp.ocenka_expired_year e WHERE (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'annual_schedule'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

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
	                        'kpi_plan', 'kpi_indicator', 'count_sheet', 'review_step', 'notice',
	                        'indicator_mark', 'competency_assessment', 'annual_schedule')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, l.year)))
	   OR (l.body_id IS NULL AND ocenka.kept_until(l.at::date) <= as_of);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'audit_log'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

	-- dropped now, not at commit, so that the transaction may call purge_expired again
	DROP TABLE pg_temp.ocenka_expired_quarter, pg_temp.ocenka_expired_year;
	PERFORM ocenka.end_purge();
END
$$;
COMMENT ON FUNCTION ocenka.purge_expired(date) IS 'deletes the evaluation documents whose three years from completion have passed by as_of (default: ocenka.today(), never later) (§11), counted from the latest decision on a period where there is one, dependents first (the records after the grade, then the documents); returns rows deleted per table; idempotent; needs the admin capacity';

CREATE OR REPLACE FUNCTION ocenka.sheet_violation(p_body bigint, p_q ocenka.quarter, p_employees bigint[], p_sheets bigint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	WITH plan AS (SELECT * FROM ocenka.quarter_plan(p_body, p_q, p_employees)),
	s AS (SELECT * FROM ocenka.sheet WHERE id = ANY (p_sheets))
	SELECT (x.v).* FROM (
		SELECT 1 AS prio, s.employee_id, ocenka.eligibility_violation(s.employee_id, p_q::text, p.reason) AS v
		FROM s LEFT JOIN plan p ON p.employee_id = s.employee_id
		WHERE p.employee_id IS NULL OR p.reason IS NOT NULL
		UNION ALL
		SELECT 2, s.employee_id, ('23514', 'ocenka_sheet_form',
			format('%s: a %s sheet under %s must have methodology %s, method %s and form %s, not %s, %s and %s',
			       ocenka.who(s.employee_id), p_q, p.methodology, p.methodology, p.method, p.form,
			       s.methodology, s.method, s.form),
			'The edition in force on the quarter''s last day decides the method and form: heads are evaluated by KPIs under typical-2023 and by the leadership form under wko-2026, others by ranking (methodology §3, §4, §5).',
			'ocenka.open_sheets(body_id, quarter) creates the sheets with the right form.')::ocenka.violation
		FROM s JOIN plan p ON p.employee_id = s.employee_id
		WHERE p.reason IS NULL AND (s.methodology, s.method, s.form) IS DISTINCT FROM (p.methodology, p.method, p.form)
		UNION ALL
		SELECT 3, s.employee_id, ('23514', 'ocenka_evaluator',
			format('%s is not assigned to evaluate %s for %s', ocenka.who(s.evaluator_id), ocenka.who(s.employee_id), p_q),
			'The immediate supervisor or the head of the unit evaluates, a deputy while the evaluator is absent, or an additional evaluator (wko-2026 ¶3, ¶16–17; typical-2023 ¶31).',
			'Record the assignment in ocenka.evaluator.')::ocenka.violation
		FROM s
		WHERE NOT EXISTS (SELECT FROM ocenka.evaluator a
		                  WHERE a.evaluatee_id = s.employee_id AND a.evaluator_id = s.evaluator_id
		                    AND a.valid_from <= ocenka.last_day(p_q) + 31
		                    AND (a.valid_until IS NULL OR a.valid_until >= ocenka.first_day(p_q)))
	) x ORDER BY prio, employee_id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.sheet_violation(bigint, ocenka.quarter, bigint[], bigint[]) IS 'the first rule the given sheets of one body quarter break: eligibility (§6), method and form (§3–§5), evaluator (wko-2026 ¶16)';

CREATE OR REPLACE FUNCTION ocenka.year_end_bodies(p_employees bigint[], p_year integer)
	RETURNS TABLE (employee_id bigint, body_id bigint)
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT a.employee_id, a.body_id FROM ocenka.held_positions(p_employees, make_date(p_year, 1, 1), make_date(p_year, 12, 31)) a
$$;
COMMENT ON FUNCTION ocenka.year_end_bodies(bigint[], integer) IS 'the body each given person ended the year in (the position held at its end or on leaving, §6): the body whose close_year writes their annual result';
RESET check_function_bodies;
