-- Who is evaluated how: the edition in force, each person's position in the period, eligibility (§5, §6).
-- One set-based function serves the entry triggers, open_sheets and the close procedures alike.

CREATE FUNCTION ocenka.edition_on(body_id bigint, day date) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	-- legacy-2021 applies to persons, not to the body (seed 000 ch. 6): see legacy_2021_adopted; it is
	-- the body's edition only where the body has no other one
	RETURN (SELECT e.methodology FROM ocenka.body_edition e
	        WHERE e.body_id = edition_on.body_id AND e.valid_from <= edition_on.day
	        ORDER BY e.methodology = 'legacy-2021', e.valid_from DESC LIMIT 1);
COMMENT ON FUNCTION ocenka.edition_on(bigint, date) IS 'the methodology edition a body applies on a day (§5): quarters use their last day, years 31 December; a legacy-2021 row is no edition of the body while it has another one in force (it applies to persons, legacy_2021_adopted)';

-- Seed 000 chapter 6 (legacy-2021) evaluates persons, not bodies: those on social leave or temporarily
-- unable to work during 2021-07-01 … 2022-12-31, by the KPI count of the year (¶48–49). A body adopts it
-- with a legacy-2021 row in body_edition; it lasts until the body's next edition.
CREATE FUNCTION ocenka.legacy_2021_adopted(body_id bigint, day date) RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN legacy_2021_adopted.day BETWEEN '2021-07-01' AND '2022-12-31'
	   AND coalesce((SELECT e.methodology = 'legacy-2021' FROM ocenka.body_edition e
	                 WHERE e.body_id = legacy_2021_adopted.body_id AND e.valid_from <= legacy_2021_adopted.day
	                 ORDER BY e.valid_from DESC LIMIT 1), false);
COMMENT ON FUNCTION ocenka.legacy_2021_adopted(bigint, date) IS 'whether a body applies seed 000 chapter 6 (legacy-2021) to its absent persons on a day of 2021-07-01 … 2022-12-31: its latest body_edition row on that day is legacy-2021';

-- The periods a person's absence decides (¶48–49): the calendar year of the day, if on any of its days
-- within 2021-07-01 … 2022-12-31 the person was on social leave or temporarily unable to work (sick leave).
CREATE FUNCTION ocenka.legacy_2021_person(employee_id bigint, day date) RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN EXISTS (SELECT FROM ocenka.absence ab
	               WHERE ab.employee_id = legacy_2021_person.employee_id AND ab.kind IN ('social_leave', 'sick_leave')
	                 AND ab.first_day <= least(date '2022-12-31', make_date(extract(year FROM legacy_2021_person.day)::int, 12, 31))
	                 AND ab.last_day >= greatest(date '2021-07-01', make_date(extract(year FROM legacy_2021_person.day)::int, 1, 1)));
COMMENT ON FUNCTION ocenka.legacy_2021_person(bigint, date) IS 'whether a person was on social leave or sick leave on a day of the given day''s year within 2021-07-01 … 2022-12-31: then chapter 6 of seed 000 evaluates their year (¶48–49)';

CREATE FUNCTION ocenka.kpi_edition(body_id bigint, year integer) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN (SELECT m.code
	        FROM (VALUES (1, make_date(kpi_edition.year, 12, 31)), (2, make_date(kpi_edition.year, 9, 30)),
	                     (3, make_date(kpi_edition.year, 6, 30)), (4, make_date(kpi_edition.year, 3, 31))) AS d(o, day)
	        JOIN ocenka.methodology m ON m.code = ocenka.edition_on(kpi_edition.body_id, d.day)
	        WHERE m.kpi_max IS NOT NULL ORDER BY d.o LIMIT 1);
COMMENT ON FUNCTION ocenka.kpi_edition(bigint, integer) IS 'the edition that governs a body''s KPI plans of a year: the one in force on 31 December if it sets KPIs, else the latest one in force at a quarter''s end that does (a plan covers the calendar year, §6)';

-- Which of a person's positions a period is evaluated on (§6): the one held at the period's end, or
-- the last one held on leaving. Concurrent positions: the servant's own position wins over acting
-- duties (appointment.acting); a secondment wins over the own position it is held beside, so that the
-- receiving body evaluates for the secondment's period (wko-2026 ¶3); otherwise the latest appointment.
-- A shorter position that ended inside the period never wins over one that continues.
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

CREATE TYPE ocenka.plan_row AS (
	employee_id bigint,
	appointment_id bigint,
	methodology text,
	is_head boolean,
	category text,
	position_start date,
	position_end date,
	worked_days integer,
	reason text,
	method text,
	form text,
	body_id bigint
);
COMMENT ON TYPE ocenka.plan_row IS 'one person of a period plan: position, time in it, worked days, method and form, why not evaluated, and the body';

-- One query for any number of bodies: a ministry closes three thousand bodies in one statement.
-- ROWS: the planner must expect thousands of rows, or it nests loops over a whole ministry
CREATE FUNCTION ocenka.bodies_plan(p_bodies bigint[], p_first date, p_last date, p_employees bigint[] DEFAULT NULL)
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

CREATE FUNCTION ocenka.period_plan(p_body bigint, p_first date, p_last date, p_employees bigint[] DEFAULT NULL)
	RETURNS SETOF ocenka.plan_row
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$ SELECT * FROM ocenka.bodies_plan(ARRAY[p_body], p_first, p_last, p_employees) $$;
COMMENT ON FUNCTION ocenka.period_plan(bigint, date, date, bigint[]) IS 'bodies_plan for one body';

CREATE FUNCTION ocenka.quarter_plan(p_body bigint, p_q ocenka.quarter, p_employees bigint[] DEFAULT NULL)
	RETURNS SETOF ocenka.plan_row
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$ SELECT * FROM ocenka.bodies_plan(ARRAY[p_body], ocenka.first_day(p_q), ocenka.last_day(p_q), p_employees) $$;
COMMENT ON FUNCTION ocenka.quarter_plan(bigint, ocenka.quarter, bigint[]) IS 'the plan of one body for a quarter, under the edition in force on its last day';

CREATE FUNCTION ocenka.year_plan(p_body bigint, p_year integer, p_employees bigint[] DEFAULT NULL)
	RETURNS SETOF ocenka.plan_row
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$ SELECT * FROM ocenka.bodies_plan(ARRAY[p_body], make_date(p_year, 1, 1), make_date(p_year, 12, 31), p_employees) $$;
COMMENT ON FUNCTION ocenka.year_plan(bigint, integer, bigint[]) IS 'the plan of one body for a calendar year, under the edition in force on 31 December';

-- The body each person ended a year in: the position held at the year's end, or on leaving (§6) — the
-- same choice bodies_plan makes. A year's final belongs to that body, and covers the person's quarterly
-- results of the year in every body that evaluated them.
CREATE FUNCTION ocenka.year_end_bodies(p_employees bigint[], p_year integer)
	RETURNS TABLE (employee_id bigint, body_id bigint)
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT a.employee_id, a.body_id FROM ocenka.held_positions(p_employees, make_date(p_year, 1, 1), make_date(p_year, 12, 31)) a
$$;
COMMENT ON FUNCTION ocenka.year_end_bodies(bigint[], integer) IS 'the body each given person ended the year in (the position held at its end or on leaving, §6): the body whose close_year writes their annual result';
