-- The annual evaluation's schedule (akmola-2018 ¶29: HR forms the schedule with the commission chair's
-- agreement) and the rule it carries: someone on leave, sick, on a business trip or in training when the
-- evaluation is held is evaluated within 5 working days after returning to work (akmola-2018 ¶4).

CREATE TABLE ocenka.annual_schedule (
	body_id bigint NOT NULL REFERENCES ocenka.body,
	year integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
	held_from date NOT NULL,
	held_until date NOT NULL,
	PRIMARY KEY (body_id, year),
	CONSTRAINT annual_schedule_dates CHECK (held_until >= held_from)
);
COMMENT ON TABLE ocenka.annual_schedule IS 'when a body holds the annual evaluation of a year (akmola-2018 ¶29); under akmola-2018 whoever is absent during it is evaluated within 5 working days after returning (¶4)';
COMMENT ON COLUMN ocenka.annual_schedule.body_id IS 'the body';
COMMENT ON COLUMN ocenka.annual_schedule.year IS 'the evaluated year';
COMMENT ON COLUMN ocenka.annual_schedule.held_from IS 'first day of the evaluation';
COMMENT ON COLUMN ocenka.annual_schedule.held_until IS 'last day of the evaluation';
SELECT pg_catalog.pg_extension_config_dump('ocenka.annual_schedule', '');

-- absences that put off a person's evaluation (¶4): annual and unpaid leave, temporary disability,
-- business trips, internships, retraining and qualification courses (social leave and study restart the
-- three months instead, §6)
CREATE FUNCTION ocenka.return_absence_end(p_employee bigint, p_first date, p_last date) RETURNS date
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT max(ab.last_day) FROM ocenka.absence ab
	WHERE ab.employee_id = p_employee
	  AND ab.kind IN ('annual_leave', 'unpaid_leave', 'sick_leave', 'business_trip', 'training')
	  AND ab.first_day <= p_last AND ab.last_day >= p_first
$$;
COMMENT ON FUNCTION ocenka.return_absence_end(bigint, date, date) IS 'akmola-2018 ¶4: the last day of a person''s latest absence that puts off their evaluation (annual or unpaid leave, temporary disability, business trip, internship, retraining or qualification course) touching the given days; NULL if none';

CREATE FUNCTION ocenka.return_window(p_body bigint, p_year integer, p_employee bigint)
	RETURNS TABLE (back date, due date)
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT ocenka.add_working_days(r.last_day, 1), ocenka.add_working_days(r.last_day, 5)
	FROM ocenka.annual_schedule s
	CROSS JOIN LATERAL (SELECT ocenka.return_absence_end(p_employee, s.held_from, s.held_until) AS last_day) r
	WHERE s.body_id = p_body AND s.year = p_year AND r.last_day IS NOT NULL
	  AND ocenka.edition_on(p_body, make_date(p_year, 12, 31)) = 'akmola-2018'
$$;
COMMENT ON FUNCTION ocenka.return_window(bigint, integer, bigint) IS 'akmola-2018 ¶4: for someone absent during the body''s annual evaluation, the working day they return on and the fifth working day from it, the last on which they are evaluated; no row if the rule does not apply';

CREATE FUNCTION ocenka.return_violation(p_body bigint, p_year integer, p_employees bigint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	SELECT CASE WHEN ocenka.today() < w.back THEN
		('23514', 'ocenka_return_window',
		 format('%s: the %s evaluation is entered after they return on %s, not on %s', ocenka.who(e.id), p_year, w.back,
		        ocenka.today()),
		 'Under akmola-2018 someone on leave, sick, on a business trip or in training when the evaluation is held is evaluated within 5 working days after returning to work (seed 001 ¶4).',
		 format('Enter it from %s to %s.', w.back, w.due))::ocenka.violation
	ELSE
		('23514', 'ocenka_return_deadline',
		 format('%s: the %s evaluation was due within 5 working days after they returned on %s, by %s, not on %s',
		        ocenka.who(e.id), p_year, w.back, w.due, ocenka.today()),
		 'Under akmola-2018 someone on leave, sick, on a business trip or in training when the evaluation is held is evaluated within 5 working days after returning to work (seed 001 ¶4).',
		 'An HR officer may enter it late, with a reason: BEGIN; SELECT ocenka.begin_late_entry(''…''); … COMMIT;')::ocenka.violation
	END
	FROM unnest(p_employees) AS e(id)
	CROSS JOIN LATERAL ocenka.return_window(p_body, p_year, e.id) w
	WHERE ocenka.today() < w.back
	   OR (ocenka.today() > w.due AND ocenka.entry_mode() NOT IN ('late_entry', 'historical_load'))
	ORDER BY e.id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.return_violation(bigint, integer, bigint[]) IS 'the first of the given persons whose annual evaluation (a KPI outcome, a competency mark) is entered before they return or after the 5 working days that follow (akmola-2018 ¶4)';

-- a KPI's outcome is the annual evaluation's entry under the KPI count (§7)
CREATE TRIGGER ocenka_1_return_insert AFTER INSERT ON ocenka.kpi
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check if achieved: SELECT v.* FROM (SELECT body_id, year, array_agg(DISTINCT employee_id) AS e FROM new_rows
	                                    WHERE achieved IS NOT NULL GROUP BY 1, 2) p,
	        LATERAL ocenka.return_violation(p.body_id, p.year, p.e) v LIMIT 1');
CREATE TRIGGER ocenka_1_return_update AFTER UPDATE ON ocenka.kpi
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT n.body_id, n.year, array_agg(DISTINCT n.employee_id) AS e
	                         FROM new_rows n JOIN old_rows o ON o.id = n.id
	                         WHERE n.achieved IS DISTINCT FROM o.achieved GROUP BY 1, 2) p,
	        LATERAL ocenka.return_violation(p.body_id, p.year, p.e) v LIMIT 1');

-- its audit, retention and TRUNCATE triggers are made with the competency assessments' (src/store/assessment.sql)

-- The direct supervisor's signature of the annual KPI-count sheet is the evaluation itself (¶17), so ¶4
-- binds it too: in a body year with a schedule as any entry above; without one, nothing tells when the
-- evaluation is held, but it is never signed on a day the evaluatee is away.
CREATE FUNCTION ocenka.count_sheet_return_violation(p_sheets bigint[], p_days date[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	SELECT v.* FROM (
		SELECT c.employee_id, c.body_id, c.year, t.day,
		       EXISTS (SELECT FROM ocenka.annual_schedule s WHERE (s.body_id, s.year) = (c.body_id, c.year)) AS scheduled,
		       ocenka.return_absence_end(c.employee_id, t.day, t.day) AS away_until
		FROM unnest(p_sheets, p_days) AS t(id, day) JOIN ocenka.count_sheet c ON c.id = t.id
		WHERE ocenka.edition_on(c.body_id, make_date(c.year, 12, 31)) = 'akmola-2018') c
	CROSS JOIN LATERAL (
		SELECT r.* FROM ocenka.return_violation(c.body_id, c.year, ARRAY[c.employee_id]) r WHERE c.scheduled
		UNION ALL
		SELECT (('23514', 'ocenka_return_window',
		        format('%s: the %s evaluation is entered after they return on %s, not on %s', ocenka.who(c.employee_id), c.year,
		               ocenka.add_working_days(c.away_until, 1), c.day),
		        'Under akmola-2018 someone on leave, sick, on a business trip or in training when the evaluation is held is evaluated within 5 working days after returning to work (seed 001 ¶4); the direct supervisor''s signature of the count sheet is that evaluation (¶17).',
		        format('Sign it from %s to %s.', ocenka.add_working_days(c.away_until, 1), ocenka.add_working_days(c.away_until, 5)))::ocenka.violation).*
		WHERE NOT c.scheduled AND c.away_until IS NOT NULL) v
	ORDER BY c.employee_id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.count_sheet_return_violation(bigint[], date[]) IS 'akmola-2018 ¶4 at the direct supervisor''s signature of annual KPI-count sheets (¶17): with the body''s annual schedule as return_violation; without one, refused on a day the evaluatee is away';
CREATE TRIGGER ocenka_3_return_step AFTER INSERT ON ocenka.review_step
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(document_id) AS s, array_agg(on_day) AS d FROM new_rows
	                         WHERE document = ''count_sheet'' AND step = ''sign'') n,
	        LATERAL ocenka.count_sheet_return_violation(n.s, n.d) v');

