-- Before and beside the grade: the KPI plan's life (typical-2023 ¶22–25 and appendix 1, akmola-2018 ¶9–16),
-- KPI indicators for the annual count rule (akmola-2018 ¶18, typical-2023 ¶49), the review chain of an annual
-- KPI-count sheet (akmola-2018 ¶17–24, typical-2023 ¶48–55) and the signature of quarterly sheets.
--
-- Every state change of a plan or a sheet is a dated, signed row of ocenka.review_step, checked when it is
-- written against ocenka.review_transition (the order), the calendar (the deadlines) and the document (its
-- contents); the document's state follows its latest step and is refused if anything else changes it. A plan
-- recorded before 0.2 has no ocenka.kpi_plan row: it keeps 0.1's rules (kpi.approved_on, kpi.achieved).

-- Raises a violation as the C rule engine does: SQLSTATE, constraint, message, detail and hint.
CREATE FUNCTION ocenka.raise_violation(v ocenka.violation, p_table text) RETURNS void
	LANGUAGE plpgsql VOLATILE PARALLEL SAFE
AS $$
BEGIN
	IF v.sqlstate IS NULL THEN
		RETURN;
	ELSIF v.hint IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = v.sqlstate, MESSAGE = v.message, DETAIL = v.detail,
			CONSTRAINT = v.constraint_name, TABLE = p_table, SCHEMA = 'ocenka';
	ELSE
		RAISE EXCEPTION USING ERRCODE = v.sqlstate, MESSAGE = v.message, DETAIL = v.detail, HINT = v.hint,
			CONSTRAINT = v.constraint_name, TABLE = p_table, SCHEMA = 'ocenka';
	END IF;
END
$$;
COMMENT ON FUNCTION ocenka.raise_violation(ocenka.violation, text) IS 'raises a rule violation of a table as the rule engine does (nothing if v is empty)';

CREATE FUNCTION ocenka.working_days_before(day date, n integer) RETURNS date
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $$
DECLARE
	d date := day;
	counted integer := 0;
BEGIN
	IF n < 0 THEN
		RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('number of working days must not be negative: %s', n);
	END IF;
	-- an infinite or out-of-calendar day gets the calendar's own 22008 before any walking
	PERFORM ocenka.is_working_day(day);
	IF n > 366 * (extract(year FROM day)::integer - 1900 + 1) THEN
		RAISE EXCEPTION USING ERRCODE = '22008',
			MESSAGE = format('counting %s working days back from %s goes past the start of the working-day calendar', n, day),
			DETAIL = 'The working-day calendar starts on 1900-01-01.';
	END IF;
	-- walks back one day at a time: exact whatever days off the administrator declared
	WHILE counted < n LOOP
		IF ocenka.is_working_day(d) THEN
			counted := counted + 1;
		END IF;
		d := d - 1;
	END LOOP;
	RETURN d;
END
$$;
COMMENT ON FUNCTION ocenka.working_days_before(date, integer) IS 'the last day from which at least n working days remain up to and including the given day: «not later than n working days before» it (§10)';

-- ---------- the transitions ----------

CREATE TABLE ocenka.review_transition (
	document text NOT NULL CHECK (document IN ('kpi_plan', 'count_sheet', 'sheet')),
	from_state text NOT NULL,
	step text NOT NULL,
	to_state text NOT NULL,
	signer text NOT NULL,
	basis text NOT NULL,
	PRIMARY KEY (document, from_state, step)
);
COMMENT ON TABLE ocenka.review_transition IS 'the order of the review steps of KPI plans, annual KPI-count sheets and quarterly sheets: which step may follow which state, and who signs it';
COMMENT ON COLUMN ocenka.review_transition.document IS 'kpi_plan, count_sheet or sheet';
COMMENT ON COLUMN ocenka.review_transition.from_state IS 'the state the step starts from';
COMMENT ON COLUMN ocenka.review_transition.step IS 'the step';
COMMENT ON COLUMN ocenka.review_transition.to_state IS 'the state it leads to';
COMMENT ON COLUMN ocenka.review_transition.signer IS 'who signs it';
COMMENT ON COLUMN ocenka.review_transition.basis IS 'the paragraphs it rests on';
INSERT INTO ocenka.review_transition VALUES
	('kpi_plan', 'draft', 'submit', 'submitted', 'the holder or their direct supervisor, who draws it up', 'typical-2023 ¶22; akmola-2018 ¶2.4, ¶9–10'),
	('kpi_plan', 'returned', 'submit', 'submitted', 'the holder or their direct supervisor, within 2 working days of the return', 'akmola-2018 ¶12'),
	('kpi_plan', 'submitted', 'agree_planning', 'submitted', 'a member of the body''s strategic-planning unit (ocenka.body_service), where the body has one', 'typical-2023 ¶22'),
	('kpi_plan', 'submitted', 'agree_hr', 'submitted', 'a member of the body''s HR service (ocenka.body_service)', 'typical-2023 ¶10, ¶22'),
	('kpi_plan', 'submitted', 'approve', 'approved', 'the holder''s superior: their direct supervisor''s direct supervisor, or the direct supervisor who is the body''s first head', 'typical-2023 ¶2, ¶22, appendix 1 «БЕКІТЕМІН: жоғары тұрған басшы»; akmola-2018 ¶2, ¶10–11'),
	('kpi_plan', 'submitted', 'return', 'returned', 'the holder''s superior, with a reason', 'akmola-2018 ¶2, ¶11–12'),
	('kpi_plan', 'approved', 'post', 'posted', 'a member of the body''s HR service, within 5 working days of the approval', 'typical-2023 ¶22'),
	('kpi_plan', 'approved', 'reopen', 'draft', 'the holder''s superior or a member of the HR service, with the grounds (functions or structure) and a reason', 'typical-2023 ¶25'),
	('kpi_plan', 'posted', 'reopen', 'draft', 'the holder''s superior or a member of the HR service, with the grounds (functions or structure) and a reason', 'typical-2023 ¶25'),
	('count_sheet', 'draft', 'sign', 'signed', 'the direct supervisor (the sheet''s evaluator)', 'akmola-2018 ¶17; typical-2023 ¶48'),
	('count_sheet', 'returned', 'sign', 'signed', 'the direct supervisor, within 2 working days of the return', 'akmola-2018 ¶23; typical-2023 ¶54'),
	('count_sheet', 'signed', 'agree', 'agreed', 'the superior: the sheet''s evaluator''s direct supervisor, or the evaluator who is the body''s first head', 'akmola-2018 ¶2, ¶19–21; typical-2023 ¶2, ¶50–52'),
	('count_sheet', 'signed', 'return', 'returned', 'the superior, with a reason', 'akmola-2018 ¶2, ¶20–22; typical-2023 ¶2, ¶51–53'),
	('count_sheet', 'agreed', 'submit', 'submitted', 'a member of the body''s HR service, within 2 working days of the superior''s signature', 'akmola-2018 ¶24; typical-2023 ¶55'),
	('sheet', 'unsigned', 'sign', 'signed', 'the sheet''s evaluator, the sheet complete', 'typical-2023 appendices 2 and 4; wko-2026 appendices 1–2'),
	('sheet', 'signed', 'amend', 'unsigned', 'the sheet''s evaluator, with a reason', 'typical-2023 appendices 2 and 4');

-- ---------- the steps ----------

CREATE TABLE ocenka.review_step (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	document text NOT NULL CHECK (document IN ('kpi_plan', 'count_sheet', 'sheet')),
	document_id bigint NOT NULL,
	step text NOT NULL,
	signer_id bigint REFERENCES ocenka.employee,
	on_day date NOT NULL DEFAULT ocenka.today(),
	reason text,
	grounds text CHECK (grounds IN ('functions', 'structure')),
	body_id bigint,
	employee_id bigint,
	period text,
	revision smallint,
	from_state text,
	to_state text,
	recorded_by name NOT NULL DEFAULT current_user,
	recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON ocenka.review_step (document, document_id);
CREATE INDEX ON ocenka.review_step (body_id, period);
COMMENT ON TABLE ocenka.review_step IS 'the dated, signed steps of KPI plans, annual KPI-count sheets and quarterly sheets: who signed what on which day, with the reason where one is needed; append-only';
COMMENT ON COLUMN ocenka.review_step.id IS 'identifier, in order of the steps';
COMMENT ON COLUMN ocenka.review_step.document IS 'kpi_plan, count_sheet or sheet';
COMMENT ON COLUMN ocenka.review_step.document_id IS 'the plan, count sheet or sheet';
COMMENT ON COLUMN ocenka.review_step.step IS 'the step (ocenka.review_transition)';
COMMENT ON COLUMN ocenka.review_step.signer_id IS 'who signed it';
COMMENT ON COLUMN ocenka.review_step.on_day IS 'the day it was signed: today, or a past day in a historical load';
COMMENT ON COLUMN ocenka.review_step.reason IS 'why: needed to return, reopen or amend';
COMMENT ON COLUMN ocenka.review_step.grounds IS 'for reopening an approved plan: a change of the body''s functions or structure (typical-2023 ¶25)';
COMMENT ON COLUMN ocenka.review_step.body_id IS 'the document''s body (set from it)';
COMMENT ON COLUMN ocenka.review_step.employee_id IS 'the plan''s holder or the sheet''s evaluatee (set from it)';
COMMENT ON COLUMN ocenka.review_step.period IS 'the document''s year or quarter (set from it)';
COMMENT ON COLUMN ocenka.review_step.revision IS 'for a plan, the revision the step belongs to (set from it)';
COMMENT ON COLUMN ocenka.review_step.from_state IS 'the state before (set from the document)';
COMMENT ON COLUMN ocenka.review_step.to_state IS 'the state after (ocenka.review_transition)';
COMMENT ON COLUMN ocenka.review_step.recorded_by IS 'the database user who recorded it';
COMMENT ON COLUMN ocenka.review_step.recorded_at IS 'when it was recorded';

-- ---------- KPI plans ----------

-- Whether chapter 6 of seed 000 (legacy-2021) evaluates a person's year in a body: the body adopted it on
-- 31 December and the person was on social or sick leave that year within 2021-07-01 … 2022-12-31 (¶48–49).
-- Their KPI plan and count sheet are then legacy-2021's, whatever the body's own edition.
CREATE FUNCTION ocenka.legacy_2021_applies(p_employee bigint, p_body bigint, p_year integer) RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN ocenka.legacy_2021_adopted(p_body, make_date(p_year, 12, 31)) AND ocenka.legacy_2021_person(p_employee, make_date(p_year, 12, 31));
COMMENT ON FUNCTION ocenka.legacy_2021_applies(bigint, bigint, integer) IS 'whether seed 000 chapter 6 (legacy-2021) evaluates a person''s year in a body: the body adopted it on 31 December and the person was on social or sick leave that year within 2021-07-01 … 2022-12-31 (¶48–49)';

CREATE TABLE ocenka.kpi_plan (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	employee_id bigint NOT NULL REFERENCES ocenka.employee,
	body_id bigint NOT NULL REFERENCES ocenka.body,
	year integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
	methodology text,
	due_on date,
	state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'posted')),
	revision smallint NOT NULL DEFAULT 1,
	approved_on date,
	approved_by bigint,
	posted_on date,
	created_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT ocenka_plan_one_per_year UNIQUE (employee_id, year)
);
CREATE INDEX ON ocenka.kpi_plan (body_id, year);
COMMENT ON TABLE ocenka.kpi_plan IS 'the individual work plan (appendix 1) of a person and year: the KPIs of ocenka.kpi are its lines; its state follows its signed steps in ocenka.review_step';
COMMENT ON COLUMN ocenka.kpi_plan.id IS 'identifier';
COMMENT ON COLUMN ocenka.kpi_plan.employee_id IS 'the holder';
COMMENT ON COLUMN ocenka.kpi_plan.body_id IS 'the body';
COMMENT ON COLUMN ocenka.kpi_plan.year IS 'the plan''s year';
COMMENT ON COLUMN ocenka.kpi_plan.methodology IS 'the edition governing the plan, set when it is created: legacy-2021 for a person chapter 6 of seed 000 evaluates that year (legacy_2021_person in a body that adopted it), else the body''s (kpi_edition)';
COMMENT ON COLUMN ocenka.kpi_plan.due_on IS 'the last day to submit the first draft: 10 working days from the start of the year or of the appointment, whichever is later (typical-2023 ¶22, akmola-2018 ¶9)';
COMMENT ON COLUMN ocenka.kpi_plan.state IS 'draft, submitted, returned, approved or posted: the state its latest step led to';
COMMENT ON COLUMN ocenka.kpi_plan.revision IS '1, plus one per reopening after a change of the body''s functions or structure (¶25)';
COMMENT ON COLUMN ocenka.kpi_plan.approved_on IS 'the day the current revision was approved (its KPIs'' own approved_on stays empty)';
COMMENT ON COLUMN ocenka.kpi_plan.approved_by IS 'who approved it';
COMMENT ON COLUMN ocenka.kpi_plan.posted_on IS 'the day HR posted the approved revision in the information system';
COMMENT ON COLUMN ocenka.kpi_plan.created_at IS 'when it was created';

CREATE TABLE ocenka.kpi_indicator (
	kpi_id bigint NOT NULL REFERENCES ocenka.kpi ON DELETE CASCADE,
	no smallint NOT NULL CHECK (no BETWEEN 1 AND 20),
	name text NOT NULL,
	unit_of_measure text,
	direction text NOT NULL DEFAULT 'increase' CHECK (direction IN ('increase', 'decrease')),
	target numeric NOT NULL CHECK (target >= 0),
	actual numeric CHECK (actual >= 0),
	actual_on date,
	PRIMARY KEY (kpi_id, no)
);
COMMENT ON TABLE ocenka.kpi_indicator IS 'the quantitative and qualitative indicators of a KPI (typical-2023 ¶24): under the annual count rule a KPI counts as achieved only if all of them are fully achieved (akmola-2018 ¶18, typical-2023 ¶49)';
COMMENT ON COLUMN ocenka.kpi_indicator.kpi_id IS 'the KPI';
COMMENT ON COLUMN ocenka.kpi_indicator.no IS 'its number within the KPI';
COMMENT ON COLUMN ocenka.kpi_indicator.name IS 'the indicator';
COMMENT ON COLUMN ocenka.kpi_indicator.unit_of_measure IS 'unit of measure';
COMMENT ON COLUMN ocenka.kpi_indicator.direction IS 'increase: achieved when actual ≥ target; decrease: when actual ≤ target';
COMMENT ON COLUMN ocenka.kpi_indicator.target IS 'the value to reach by the end of the year';
COMMENT ON COLUMN ocenka.kpi_indicator.actual IS 'the value reached, entered once the plan is approved';
COMMENT ON COLUMN ocenka.kpi_indicator.actual_on IS 'the day the actual value was entered';

CREATE FUNCTION ocenka.indicator_achieved(direction text, target numeric, actual numeric) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN direction = 'decrease' THEN actual <= target ELSE actual >= target END;
COMMENT ON FUNCTION ocenka.indicator_achieved(text, numeric, numeric) IS 'whether an indicator is fully achieved: actual ≥ target (increase) or ≤ target (decrease); NULL without an actual value';

CREATE FUNCTION ocenka.kpi_outcome(kpi_id bigint, achieved boolean) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN CASE WHEN EXISTS (SELECT FROM ocenka.kpi_plan p JOIN ocenka.kpi k ON (k.employee_id, k.year) = (p.employee_id, p.year)
	                         WHERE k.id = kpi_outcome.kpi_id)
	                 OR EXISTS (SELECT FROM ocenka.kpi_indicator i WHERE i.kpi_id = kpi_outcome.kpi_id)
	            THEN (SELECT bool_and(ocenka.indicator_achieved(i.direction, i.target, i.actual))
	                  FROM ocenka.kpi_indicator i WHERE i.kpi_id = kpi_outcome.kpi_id)
	            ELSE kpi_outcome.achieved END;
COMMENT ON FUNCTION ocenka.kpi_outcome(bigint, boolean) IS 'whether a KPI counts as achieved under the annual count rule: all its indicators fully achieved (akmola-2018 ¶18, typical-2023 ¶49), NULL while one has no actual value or it has none; a KPI of a plan recorded before 0.2 without indicators keeps its typed achieved';

-- The plan's creation: its edition and draft deadline (10 working days from the later of 1 January and the
-- appointment: typical-2023 ¶22, akmola-2018 ¶9), and the state draft whatever the statement said.
CREATE FUNCTION ocenka.kpi_plan_created() RETURNS trigger
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	started date;
BEGIN
	SELECT max(a.started_on) INTO started FROM ocenka.appointment a
	WHERE a.employee_id = NEW.employee_id AND a.body_id = NEW.body_id
	  AND a.started_on <= make_date(NEW.year, 12, 31) AND (a.ended_on IS NULL OR a.ended_on >= make_date(NEW.year, 1, 1));
	-- a person chapter 6 of seed 000 evaluates has the plan of legacy-2021 (¶49), their colleagues the body's
	NEW.methodology := CASE WHEN ocenka.legacy_2021_applies(NEW.employee_id, NEW.body_id, NEW.year) THEN 'legacy-2021'
	                        ELSE ocenka.kpi_edition(NEW.body_id, NEW.year) END;
	NEW.due_on := ocenka.add_working_days(greatest(make_date(NEW.year, 1, 1), started) - 1, 10);
	NEW.state := 'draft';
	NEW.revision := 1;
	NEW.approved_on := NULL;
	NEW.approved_by := NULL;
	NEW.posted_on := NULL;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION ocenka.kpi_plan_created() IS 'BEFORE INSERT trigger of ocenka.kpi_plan: sets the edition, the draft deadline and the state draft';
CREATE TRIGGER ocenka_0_plan_created BEFORE INSERT ON ocenka.kpi_plan FOR EACH ROW EXECUTE FUNCTION ocenka.kpi_plan_created();

CREATE FUNCTION ocenka.kpi_plan_violation(p_plans bigint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	SELECT ('23514', 'ocenka_plan_recorded',
		format('%s: the %s KPI plan was recorded without a plan record (its KPIs carry an approval or an outcome)', ocenka.who(p.employee_id), p.year),
		'A plan recorded before 0.2, with approved_on and achieved typed on its KPIs, keeps those rules; a plan record starts from a draft (typical-2023 ¶22).',
		NULL)::ocenka.violation
	FROM ocenka.kpi_plan p
	WHERE p.id = ANY (p_plans)
	  AND EXISTS (SELECT FROM ocenka.kpi k WHERE (k.employee_id, k.year) = (p.employee_id, p.year)
	              AND (k.approved_on IS NOT NULL OR k.achieved IS NOT NULL))
	ORDER BY p.employee_id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.kpi_plan_violation(bigint[]) IS 'the first new plan record for KPIs already recorded the 0.1 way, with a typed approval or outcome';

CREATE TRIGGER ocenka_1_plan_insert AFTER INSERT ON ocenka.kpi_plan
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year)) FROM (SELECT DISTINCT body_id, year FROM new_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, year, min(employee_id) AS e FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''kpi'') v LIMIT 1',
	'check: SELECT v.* FROM (SELECT body_id, year, array_agg(DISTINCT employee_id) AS e FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.kpi_violation(p.body_id, p.year, p.e) v LIMIT 1',
	'check: SELECT v.* FROM ocenka.kpi_plan_violation((SELECT array_agg(id) FROM new_rows)) v');

-- what a plan's steps say about it: its state, revision, approval and posting
CREATE FUNCTION ocenka.plan_by_steps(p_plan bigint)
	RETURNS TABLE (state text, revision smallint, approved_on date, approved_by bigint, posted_on date)
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	WITH s AS (SELECT * FROM ocenka.review_step WHERE document = 'kpi_plan' AND document_id = p_plan),
	cur AS (SELECT (1 + count(*) FILTER (WHERE step = 'reopen'))::smallint AS revision FROM s)
	SELECT coalesce((SELECT s.to_state FROM s ORDER BY s.id DESC LIMIT 1), 'draft'), cur.revision,
	       (SELECT s.on_day FROM s WHERE s.step = 'approve' AND s.revision = cur.revision ORDER BY s.id DESC LIMIT 1),
	       (SELECT s.signer_id FROM s WHERE s.step = 'approve' AND s.revision = cur.revision ORDER BY s.id DESC LIMIT 1),
	       (SELECT s.on_day FROM s WHERE s.step = 'post' AND s.revision = cur.revision ORDER BY s.id DESC LIMIT 1)
	FROM cur
$$;
COMMENT ON FUNCTION ocenka.plan_by_steps(bigint) IS 'a KPI plan''s state, revision, approval and posting as its review steps record them';

CREATE TRIGGER ocenka_1_plan_update AFTER UPDATE ON ocenka.kpi_plan
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_plan_steps'' AS constraint_name,
	        format(''%s: the %s KPI plan %s changes only by its signed steps'', ocenka.who(o.employee_id), o.year, o.id) AS message,
	        ''Each change of a plan''''s state is a dated, signed step (typical-2023 ¶22, ¶25; akmola-2018 ¶9–12); its holder, body and year never change.'' AS detail,
	        ''Use ocenka.plan_step(plan_id, step, signer_id, reason).'' AS hint
	        FROM old_rows o JOIN new_rows n ON n.id = o.id CROSS JOIN LATERAL ocenka.plan_by_steps(n.id) b
	        WHERE (n.employee_id, n.body_id, n.year, n.methodology, n.due_on) IS DISTINCT FROM (o.employee_id, o.body_id, o.year, o.methodology, o.due_on)
	           OR (n.state, n.revision, n.approved_on, n.approved_by, n.posted_on) IS DISTINCT FROM (b.state, b.revision, b.approved_on, b.approved_by, b.posted_on)
	        LIMIT 1');
CREATE TRIGGER ocenka_1_plan_delete AFTER DELETE ON ocenka.kpi_plan
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_plan_steps'' AS constraint_name,
	        format(''%s: the %s KPI plan %s has signed steps and is kept'', ocenka.who(o.employee_id), o.year, o.id) AS message,
	        ''A plan''''s history is kept: an approved plan changes only with a recorded reason and a new approval (typical-2023 ¶25; methodology §11).'' AS detail,
	        NULL AS hint
	        FROM old_rows o WHERE ocenka.entry_mode() <> ''purge''
	          AND EXISTS (SELECT FROM ocenka.review_step s WHERE s.document = ''kpi_plan'' AND s.document_id = o.id) LIMIT 1');

-- The lines of a plan with a kpi_plan record change only while it is a draft or returned; its KPIs'
-- approved_on is the plan's, and their achieved is computed from the indicators, never typed.
CREATE FUNCTION ocenka.plan_line_violation(p_kpis bigint[], p_what text)
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	SELECT (x.v).* FROM (
		SELECT 1 AS prio, k.id, ('23514', 'ocenka_plan_approved',
			format('%s: the %s KPI plan is %s, so its %s cannot change', ocenka.who(p.employee_id), p.year, p.state, p_what),
			'An approved plan changes only with a recorded reason, a change of the body''s functions or structure, and a new approval (typical-2023 ¶25); a submitted one waits for the superior (akmola-2018 ¶10–12).',
			'Reopen it first: SELECT ocenka.plan_step(plan_id, ''reopen'', signer_id, ''reason'', ''functions'' or ''structure'').')::ocenka.violation AS v
		FROM unnest(p_kpis) AS t(id) JOIN ocenka.kpi k ON k.id = t.id
		JOIN ocenka.kpi_plan p ON (p.employee_id, p.year) = (k.employee_id, k.year)
		WHERE p.state NOT IN ('draft', 'returned')
	) x ORDER BY prio, id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.plan_line_violation(bigint[], text) IS 'the first of the given KPIs whose plan has a kpi_plan record that is neither a draft nor returned (typical-2023 ¶25)';

CREATE FUNCTION ocenka.plan_kpi_violation(p_kpis bigint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	SELECT ('23514', 'ocenka_plan_computed',
		format('%s: KPI %s of the %s plan has %s', ocenka.who(k.employee_id), k.no, k.year,
		       CASE WHEN k.achieved IS NOT NULL THEN format('a typed outcome (%s)', CASE WHEN k.achieved THEN 'achieved' ELSE 'not achieved' END)
		            ELSE format('a typed approval (%s)', k.approved_on) END),
		'A KPI counts as achieved only if all its indicators are fully achieved, computed from ocenka.kpi_indicator (akmola-2018 ¶18, typical-2023 ¶49); it is approved by its plan''s signed approval step (typical-2023 ¶22).',
		'Record the indicators'' actual values; SELECT ocenka.plan_step(plan_id, ''approve'', superior_id) approves the plan.')::ocenka.violation
	FROM unnest(p_kpis) AS t(id) JOIN ocenka.kpi k ON k.id = t.id
	JOIN ocenka.kpi_plan p ON (p.employee_id, p.year) = (k.employee_id, k.year)
	WHERE k.achieved IS NOT NULL OR k.approved_on IS NOT NULL
	ORDER BY k.employee_id, k.no LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.plan_kpi_violation(bigint[]) IS 'the first of the given KPIs of a plan with a kpi_plan record whose achieved or approved_on is typed (the plan''s steps decide both)';

CREATE TRIGGER ocenka_3_plan_insert AFTER INSERT ON ocenka.kpi
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM ocenka.plan_line_violation((SELECT array_agg(id) FROM new_rows), ''KPIs'') v',
	'check: SELECT v.* FROM ocenka.plan_kpi_violation((SELECT array_agg(id) FROM new_rows)) v');
CREATE TRIGGER ocenka_3_plan_update AFTER UPDATE ON ocenka.kpi
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM ocenka.plan_line_violation((SELECT array_agg(o.id) FROM old_rows o JOIN new_rows n ON n.id = o.id
	                                                     WHERE to_jsonb(n) <> to_jsonb(o)), ''KPIs'') v',
	'check: SELECT v.* FROM ocenka.plan_kpi_violation((SELECT array_agg(id) FROM new_rows)) v');
CREATE TRIGGER ocenka_3_plan_delete AFTER DELETE ON ocenka.kpi
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_plan_approved'' AS constraint_name,
	        format(''%s: the %s KPI plan is %s, so its KPIs cannot change'', ocenka.who(o.employee_id), o.year, p.state) AS message,
	        ''An approved plan changes only with a recorded reason, a change of the body''''s functions or structure, and a new approval (typical-2023 ¶25).'' AS detail,
	        NULL AS hint
	        FROM old_rows o JOIN ocenka.kpi_plan p ON (p.employee_id, p.year) = (o.employee_id, o.year)
	        WHERE p.state NOT IN (''draft'', ''returned'') AND ocenka.entry_mode() <> ''purge'' LIMIT 1');

-- Targets and indicators: planned values and deadlines are the plan's lines; actual values are HR's, entered
-- only once the plan is approved. So a KPI of an unapproved plan has no actual value, and kpi_item_violation
-- refuses to grade it (ocenka_item_kpi_target). A plan recorded before 0.2 (no kpi_plan row) keeps 0.1's rules.
CREATE FUNCTION ocenka.plan_value_violation(p_kpis bigint[], p_lines boolean[], p_actuals boolean[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	SELECT (x.v).* FROM (
		SELECT 1 AS prio, k.id, v
		FROM unnest(p_kpis, p_lines) AS t(id, line) JOIN ocenka.kpi k ON k.id = t.id,
		     LATERAL ocenka.plan_line_violation(ARRAY[k.id], 'planned values and indicators') v
		WHERE t.line
		UNION ALL
		SELECT 2, k.id, ('23514', 'ocenka_plan_not_approved',
			format('%s: the %s KPI plan is %s, so KPI %s has no actual value to grade yet', ocenka.who(k.employee_id), k.year,
			       coalesce(p.state, 'not approved'), k.no),
			'Only an approved plan is graded: HR enters actual values against the approved plan (typical-2023 ¶22; akmola-2018 ¶10–12, ¶16).',
			'Approve the plan first: SELECT ocenka.plan_step(plan_id, ''approve'', superior_id).')::ocenka.violation
		FROM unnest(p_kpis, p_actuals) AS t(id, actual) JOIN ocenka.kpi k ON k.id = t.id
		LEFT JOIN ocenka.kpi_plan p ON (p.employee_id, p.year) = (k.employee_id, k.year)
		WHERE t.actual AND p.state NOT IN ('approved', 'posted')
	) x ORDER BY prio, id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.plan_value_violation(bigint[], boolean[], boolean[]) IS 'the first KPI whose planned values change while its plan is neither a draft nor returned, or whose actual value is entered before its plan is approved';

-- HR's actuals are stamped with the day they were entered, for the late list (typical-2023 ¶22), on plans
-- with a kpi_plan record
CREATE FUNCTION ocenka.stamp_actual() RETURNS trigger
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
BEGIN
	IF NEW.actual IS NULL THEN
		NEW.actual_on := NULL;
	ELSIF TG_OP = 'INSERT' OR NEW.actual IS DISTINCT FROM OLD.actual THEN
		NEW.actual_on := CASE WHEN EXISTS (SELECT FROM ocenka.kpi k JOIN ocenka.kpi_plan p ON (p.employee_id, p.year) = (k.employee_id, k.year)
		                                   WHERE k.id = NEW.kpi_id) THEN ocenka.today() END;
	ELSE
		NEW.actual_on := OLD.actual_on;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION ocenka.stamp_actual() IS 'BEFORE INSERT OR UPDATE trigger of KPI targets and indicators: actual_on is the day (ocenka.today()) the actual value was entered, for plans with a kpi_plan record';
CREATE TRIGGER ocenka_0_stamp_actual BEFORE INSERT OR UPDATE ON ocenka.kpi_target FOR EACH ROW EXECUTE FUNCTION ocenka.stamp_actual();
CREATE TRIGGER ocenka_0_stamp_actual BEFORE INSERT OR UPDATE ON ocenka.kpi_indicator FOR EACH ROW EXECUTE FUNCTION ocenka.stamp_actual();

DO $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT * FROM (VALUES ('kpi_target', '(plan, due_on)'), ('kpi_indicator', '(no, name, unit_of_measure, direction, target)')) AS v(tab, line) LOOP
		EXECUTE format($f$CREATE TRIGGER ocenka_3_plan_insert AFTER INSERT ON ocenka.%1$I
			REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
			EXECUTE FUNCTION ocenka.enforce_rules(%2$L)$f$, t.tab,
			'check: SELECT v.* FROM (SELECT array_agg(kpi_id) AS k, array_agg(true) AS l, array_agg(actual IS NOT NULL) AS a FROM new_rows) r,
			        LATERAL ocenka.plan_value_violation(r.k, r.l, r.a) v');
		EXECUTE format($f$CREATE TRIGGER ocenka_3_plan_update AFTER UPDATE ON ocenka.%1$I
			REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
			EXECUTE FUNCTION ocenka.enforce_rules(%2$L)$f$, t.tab,
			format('check: SELECT v.* FROM (SELECT array_agg(n.kpi_id) AS k, array_agg(n.kpi_id <> o.kpi_id OR %1$s IS DISTINCT FROM %2$s) AS l,
			                                       array_agg(n.actual IS DISTINCT FROM o.actual) AS a
			                                FROM old_rows o JOIN new_rows n ON %3$s) r,
			        LATERAL ocenka.plan_value_violation(r.k, r.l, r.a) v',
			       regexp_replace(t.line, '(\w+)', 'n.\1', 'g'), regexp_replace(t.line, '(\w+)', 'o.\1', 'g'),
			       CASE t.tab WHEN 'kpi_target' THEN '(n.kpi_id, n.q) = (o.kpi_id, o.q)' ELSE '(n.kpi_id, n.no) = (o.kpi_id, o.no)' END));
		EXECUTE format($f$CREATE TRIGGER ocenka_3_plan_delete AFTER DELETE ON ocenka.%1$I
			REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
			EXECUTE FUNCTION ocenka.enforce_rules(%2$L)$f$, t.tab,
			'check: SELECT v.* FROM (SELECT array_agg(kpi_id) AS k, array_agg(ocenka.entry_mode() <> ''purge'') AS l, array_agg(false) AS a FROM old_rows) r,
			        LATERAL ocenka.plan_value_violation(r.k, r.l, r.a) v');
	END LOOP;
END $$;

-- ---------- annual KPI-count sheets ----------

CREATE TABLE ocenka.count_sheet (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	employee_id bigint NOT NULL REFERENCES ocenka.employee,
	body_id bigint NOT NULL REFERENCES ocenka.body,
	year integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
	evaluator_id bigint NOT NULL REFERENCES ocenka.employee,
	state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'signed', 'returned', 'agreed', 'submitted')),
	signed_on date,
	agreed_on date,
	agreed_by bigint,
	submitted_on date,
	created_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT ocenka_sheet_one_count_sheet_per_year UNIQUE (employee_id, year),
	CHECK (evaluator_id <> employee_id)
);
CREATE INDEX ON ocenka.count_sheet (body_id, year);
COMMENT ON TABLE ocenka.count_sheet IS 'the annual KPI evaluation sheet of the count rule (akmola-2018 ¶17, typical-2023 ¶48, appendix 10): filled and signed by the direct supervisor, agreed or returned by the superior, submitted by HR to the commission';
COMMENT ON COLUMN ocenka.count_sheet.id IS 'identifier';
COMMENT ON COLUMN ocenka.count_sheet.employee_id IS 'the evaluatee';
COMMENT ON COLUMN ocenka.count_sheet.body_id IS 'the body';
COMMENT ON COLUMN ocenka.count_sheet.year IS 'the year of the plan it evaluates';
COMMENT ON COLUMN ocenka.count_sheet.evaluator_id IS 'the direct supervisor who fills and signs it, assigned in ocenka.evaluator';
COMMENT ON COLUMN ocenka.count_sheet.state IS 'draft, signed, returned, agreed or submitted: the state its latest step led to';
COMMENT ON COLUMN ocenka.count_sheet.signed_on IS 'the day the direct supervisor last signed it';
COMMENT ON COLUMN ocenka.count_sheet.agreed_on IS 'the day the superior agreed (signed) it';
COMMENT ON COLUMN ocenka.count_sheet.agreed_by IS 'the superior who agreed it';
COMMENT ON COLUMN ocenka.count_sheet.submitted_on IS 'the day HR submitted it to the commission';
COMMENT ON COLUMN ocenka.count_sheet.created_at IS 'when it was created';

CREATE FUNCTION ocenka.count_sheet_violation(p_sheets bigint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	SELECT (x.v).* FROM (
		SELECT 1 AS prio, c.id, ('23514', 'ocenka_sheet_count_rule',
			format('%s: body %s does not evaluate %s by the annual KPI count, so there is no count sheet', ocenka.who(c.employee_id),
			       c.body_id, c.year),
			'The annual KPI-count sheet belongs to akmola-2018, vsk-2018 and legacy-2021, under the edition in force on 31 December or, for a person chapter 6 of seed 000 evaluates, legacy-2021 (methodology §5, §7).',
			NULL)::ocenka.violation AS v
		FROM ocenka.count_sheet c
		LEFT JOIN ocenka.methodology m ON m.code = CASE WHEN ocenka.legacy_2021_applies(c.employee_id, c.body_id, c.year) THEN 'legacy-2021'
		                                                ELSE ocenka.edition_on(c.body_id, make_date(c.year, 12, 31)) END
		WHERE c.id = ANY (p_sheets) AND m.annual_rule IS DISTINCT FROM 'kpi_count'
		UNION ALL
		SELECT 2, c.id, ('23514', 'ocenka_sheet_evaluator',
			format('%s is not assigned to evaluate %s in %s', ocenka.who(c.evaluator_id), ocenka.who(c.employee_id), c.year),
			'The direct supervisor fills and signs the sheet (akmola-2018 ¶17; typical-2023 ¶48).',
			'Record the assignment in ocenka.evaluator.')::ocenka.violation
		FROM ocenka.count_sheet c
		WHERE c.id = ANY (p_sheets)
		  AND NOT EXISTS (SELECT FROM ocenka.evaluator a
		                  WHERE a.evaluatee_id = c.employee_id AND a.evaluator_id = c.evaluator_id AND a.role <> 'additional'
		                    AND a.valid_from <= make_date(c.year + 1, 1, 31) AND (a.valid_until IS NULL OR a.valid_until >= make_date(c.year, 1, 1)))
	) x ORDER BY prio, id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.count_sheet_violation(bigint[]) IS 'the first count sheet of a body that does not use the count rule that year, or whose evaluator is not assigned to the evaluatee';

CREATE FUNCTION ocenka.count_sheet_by_steps(p_sheet bigint)
	RETURNS TABLE (state text, signed_on date, agreed_on date, agreed_by bigint, submitted_on date)
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	WITH s AS (SELECT * FROM ocenka.review_step WHERE document = 'count_sheet' AND document_id = p_sheet)
	SELECT coalesce((SELECT s.to_state FROM s ORDER BY s.id DESC LIMIT 1), 'draft'),
	       (SELECT s.on_day FROM s WHERE s.step = 'sign' ORDER BY s.id DESC LIMIT 1),
	       (SELECT s.on_day FROM s WHERE s.step = 'agree' ORDER BY s.id DESC LIMIT 1),
	       (SELECT s.signer_id FROM s WHERE s.step = 'agree' ORDER BY s.id DESC LIMIT 1),
	       (SELECT s.on_day FROM s WHERE s.step = 'submit' ORDER BY s.id DESC LIMIT 1)
$$;
COMMENT ON FUNCTION ocenka.count_sheet_by_steps(bigint) IS 'a count sheet''s state and signatures as its review steps record them';

CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.count_sheet
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year)) FROM (SELECT DISTINCT body_id, year FROM new_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, year, min(employee_id) AS e FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''kpi'') v LIMIT 1',
	'check: SELECT v.* FROM ocenka.count_sheet_violation((SELECT array_agg(id) FROM new_rows)) v',
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_sheet_steps'' AS constraint_name,
	        format(''%s: a new count sheet for %s starts as a draft, not %s'', ocenka.who(n.employee_id), n.year, n.state) AS message,
	        ''Each change of a sheet''''s state is a dated, signed step (akmola-2018 ¶17–24).'' AS detail, NULL AS hint
	        FROM new_rows n WHERE (n.state, n.signed_on, n.agreed_on, n.agreed_by, n.submitted_on) IS DISTINCT FROM (''draft'', NULL, NULL, NULL, NULL) LIMIT 1');
CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.count_sheet
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year)) FROM (SELECT DISTINCT body_id, year FROM new_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, year, min(employee_id) AS e FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''kpi'') v LIMIT 1',
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_sheet_steps'' AS constraint_name,
	        format(''%s: the %s count sheet %s changes only by its signed steps'', ocenka.who(o.employee_id), o.year, o.id) AS message,
	        ''The direct supervisor signs, the superior agrees or returns, HR submits: each a dated, signed step (akmola-2018 ¶17–24; typical-2023 ¶48–55).'' AS detail,
	        ''Use ocenka.count_sheet_step(sheet_id, step, signer_id, reason).'' AS hint
	        FROM old_rows o JOIN new_rows n ON n.id = o.id CROSS JOIN LATERAL ocenka.count_sheet_by_steps(n.id) b
	        WHERE (n.employee_id, n.body_id, n.year) IS DISTINCT FROM (o.employee_id, o.body_id, o.year)
	           OR (n.evaluator_id <> o.evaluator_id AND o.state <> ''draft'')
	           OR (n.state, n.signed_on, n.agreed_on, n.agreed_by, n.submitted_on) IS DISTINCT FROM (b.state, b.signed_on, b.agreed_on, b.agreed_by, b.submitted_on)
	        LIMIT 1',
	'check: SELECT v.* FROM ocenka.count_sheet_violation((SELECT array_agg(id) FROM new_rows)) v');
CREATE TRIGGER ocenka_1_entry_delete AFTER DELETE ON ocenka.count_sheet
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_sheet_steps'' AS constraint_name,
	        format(''%s: the %s count sheet %s has signed steps and is kept'', ocenka.who(o.employee_id), o.year, o.id) AS message,
	        ''A signed sheet is a document of the evaluation, kept three years (methodology §11).'' AS detail, NULL AS hint
	        FROM old_rows o WHERE ocenka.entry_mode() <> ''purge''
	          AND EXISTS (SELECT FROM ocenka.review_step s WHERE s.document = ''count_sheet'' AND s.document_id = o.id) LIMIT 1');

-- ---------- the rules of a step ----------

-- The rules of a step, before it is written: order, day, signer, reason, deadline and the document's contents.
CREATE FUNCTION ocenka.review_step_checked() RETURNS trigger
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	plan ocenka.kpi_plan;
	cs ocenka.count_sheet;
	sh ocenka.sheet;
	m ocenka.methodology;
	t ocenka.review_transition;
	who text;
	what text;
	holder bigint;
	evaluator bigint;
	last_step ocenka.review_step;
	deadline date;
	deadline_rule text;
	v ocenka.violation;
	late_ok boolean := ocenka.entry_mode() IN ('late_entry', 'historical_load');
	prefix text;
	signer_role text;
	signers bigint[];
BEGIN
	-- a concurrent step of the same document waits for this transaction (an advisory lock needs no rights on the
	-- document); the statement that follows reads the document as that transaction left it
	PERFORM pg_advisory_xact_lock(hashtextextended('ocenka.review_step ' || NEW.document || ' ' || NEW.document_id, 0));
	IF NEW.document = 'kpi_plan' THEN
		SELECT * INTO plan FROM ocenka.kpi_plan WHERE id = NEW.document_id;
		IF plan.id IS NULL THEN
			RAISE EXCEPTION 'KPI plan % does not exist', NEW.document_id USING ERRCODE = '23503',
				CONSTRAINT = 'ocenka_plan_exists', TABLE = 'review_step', SCHEMA = 'ocenka',
				DETAIL = 'A step belongs to a plan of ocenka.kpi_plan.';
		END IF;
		NEW.body_id := plan.body_id; NEW.employee_id := plan.employee_id; NEW.period := plan.year::text;
		NEW.from_state := plan.state; NEW.revision := plan.revision + CASE WHEN NEW.step = 'reopen' THEN 1 ELSE 0 END;
		SELECT * INTO m FROM ocenka.methodology WHERE code = plan.methodology;
		what := format('the %s KPI plan', plan.year); holder := plan.employee_id; prefix := 'ocenka_plan_';
	ELSIF NEW.document = 'count_sheet' THEN
		SELECT * INTO cs FROM ocenka.count_sheet WHERE id = NEW.document_id;
		IF cs.id IS NULL THEN
			RAISE EXCEPTION 'count sheet % does not exist', NEW.document_id USING ERRCODE = '23503',
				CONSTRAINT = 'ocenka_sheet_exists', TABLE = 'review_step', SCHEMA = 'ocenka',
				DETAIL = 'A step belongs to a sheet of ocenka.count_sheet.';
		END IF;
		NEW.body_id := cs.body_id; NEW.employee_id := cs.employee_id; NEW.period := cs.year::text;
		NEW.from_state := cs.state; NEW.revision := NULL;
		what := format('the %s KPI-count sheet', cs.year); holder := cs.employee_id; evaluator := cs.evaluator_id;
		prefix := 'ocenka_sheet_';
	ELSE
		SELECT * INTO sh FROM ocenka.sheet WHERE id = NEW.document_id;
		IF sh.id IS NULL THEN
			RAISE EXCEPTION 'sheet % does not exist', NEW.document_id USING ERRCODE = '23503',
				CONSTRAINT = 'ocenka_sheet_exists', TABLE = 'review_step', SCHEMA = 'ocenka',
				DETAIL = 'A step belongs to a sheet of ocenka.sheet.';
		END IF;
		NEW.body_id := sh.body_id; NEW.employee_id := sh.employee_id; NEW.period := sh.q::text;
		NEW.from_state := CASE WHEN sh.signed_by IS NULL THEN 'unsigned' ELSE 'signed' END; NEW.revision := NULL;
		what := format('the %s sheet', sh.q); holder := sh.employee_id; evaluator := sh.evaluator_id;
		prefix := 'ocenka_sheet_';
	END IF;
	who := ocenka.who(holder);
	SELECT * INTO last_step FROM ocenka.review_step s
	WHERE s.document = NEW.document AND s.document_id = NEW.document_id ORDER BY s.id DESC LIMIT 1;

	-- signed, in order, on its day
	IF NEW.signer_id IS NULL THEN
		v := ('23514', prefix || 'unsigned', format('%s: step %s of %s is not signed', who, NEW.step, what),
		      'Each step of a plan or sheet is dated and signed by the person who takes it (typical-2023 appendices 1, 2 and 10; akmola-2018 ¶17).',
		      'Give the signer''s employee id.');
	END IF;
	SELECT * INTO t FROM ocenka.review_transition r
	WHERE (r.document, r.from_state, r.step) = (NEW.document, NEW.from_state, NEW.step);
	IF v.sqlstate IS NULL AND t.document IS NULL THEN
		v := ('23514', prefix || 'step_order', format('%s: %s is %s, so it cannot take the step %s', who, what, NEW.from_state, NEW.step),
		      format('The steps follow their order: %s (ocenka.review_transition).',
		             (SELECT string_agg(format('%s → %s → %s', r.from_state, r.step, r.to_state), '; ' ORDER BY r.from_state, r.step)
		              FROM ocenka.review_transition r WHERE r.document = NEW.document)),
		      NULL);
	END IF;
	NEW.to_state := t.to_state;
	IF v.sqlstate IS NULL AND ocenka.entry_mode() <> 'historical_load' AND NEW.on_day <> ocenka.today() THEN
		v := ('23514', prefix || 'step_day', format('%s: step %s of %s is dated %s, not today (%s)', who, NEW.step, what, NEW.on_day, ocenka.today()),
		      'A step is signed on the day it is taken; only a historical load records past steps (methodology §11).', NULL);
	END IF;
	IF v.sqlstate IS NULL AND NEW.on_day < last_step.on_day THEN
		v := ('23514', prefix || 'step_order', format('%s: step %s of %s is dated %s, before the previous step (%s, %s)', who, NEW.step, what,
		                                               NEW.on_day, last_step.step, last_step.on_day),
		      'Steps are recorded in the order they were taken.', NULL);
	END IF;

	-- who signs: first never the holder for another's step, then the one the seeds name (src/store/signers.sql)
	IF v.sqlstate IS NULL THEN
		IF NEW.document = 'kpi_plan' AND NEW.step <> 'submit' AND NEW.signer_id = holder THEN
			v := ('23514', 'ocenka_plan_signer', format('%s cannot sign the step %s of their own %s plan', who, NEW.step, plan.year),
			      format('The step %s is signed by %s (%s).', NEW.step, t.signer, t.basis), NULL);
		ELSIF NEW.document <> 'kpi_plan' AND NEW.step IN ('sign', 'amend') AND NEW.signer_id <> evaluator THEN
			v := ('23514', 'ocenka_sheet_signer', format('%s: %s is signed by its evaluator %s, not by %s', who, what,
			                                             ocenka.who(evaluator), ocenka.who(NEW.signer_id)),
			      format('The step %s is signed by %s (%s).', NEW.step, t.signer, t.basis), NULL);
		ELSIF NEW.document = 'count_sheet' AND NEW.step NOT IN ('sign', 'amend') AND NEW.signer_id = holder THEN
			v := ('23514', 'ocenka_sheet_signer', format('%s cannot sign the step %s of %s: it is their own', who, NEW.step, what),
			      format('The step %s is signed by %s (%s).', NEW.step, t.signer, t.basis), NULL);
		ELSIF NEW.document IN ('kpi_plan', 'count_sheet') THEN
			SELECT x.role, x.ids INTO signer_role, signers FROM (VALUES
				('kpi_plan', 'submit', 'the holder or their direct supervisor', ARRAY[holder] || ocenka.direct_supervisors(holder, NEW.on_day)),
				('kpi_plan', 'agree_planning', format('the strategic-planning unit of body %s', NEW.body_id), ocenka.service_members(NEW.body_id, 'strategic_planning', NEW.on_day)),
				('kpi_plan', 'agree_hr', format('the HR service of body %s', NEW.body_id), ocenka.service_members(NEW.body_id, 'hr', NEW.on_day)),
				('kpi_plan', 'post', format('the HR service of body %s', NEW.body_id), ocenka.service_members(NEW.body_id, 'hr', NEW.on_day)),
				('kpi_plan', 'approve', 'the superior', ocenka.superiors(ocenka.direct_supervisors(holder, NEW.on_day), NEW.on_day)),
				('kpi_plan', 'return', 'the superior', ocenka.superiors(ocenka.direct_supervisors(holder, NEW.on_day), NEW.on_day)),
				('kpi_plan', 'reopen', format('the superior or the HR service of body %s', NEW.body_id),
				 ocenka.superiors(ocenka.direct_supervisors(holder, NEW.on_day), NEW.on_day) || ocenka.service_members(NEW.body_id, 'hr', NEW.on_day)),
				('count_sheet', 'agree', 'the superior', ocenka.superiors(ARRAY[evaluator], NEW.on_day)),
				('count_sheet', 'return', 'the superior', ocenka.superiors(ARRAY[evaluator], NEW.on_day)),
				('count_sheet', 'submit', format('the HR service of body %s', NEW.body_id), ocenka.service_members(NEW.body_id, 'hr', NEW.on_day))
			) AS x(document, step, role, ids)
			WHERE (x.document, x.step) = (NEW.document, NEW.step);
			signers := array_remove(signers, CASE WHEN NEW.step <> 'submit' OR NEW.document <> 'kpi_plan' THEN holder END);
			IF signer_role IS NOT NULL AND NOT NEW.signer_id = ANY (signers) THEN
				v := ('23514', prefix || 'signer',
				      format('%s: the step %s of %s is signed by %s (%s) on %s, not by %s', who, NEW.step, what, signer_role,
				             ocenka.signers_text(signers), NEW.on_day, ocenka.who(NEW.signer_id)),
				      format('The step %s is signed by %s (%s).', NEW.step, t.signer, t.basis),
				      CASE WHEN signer_role LIKE '%superior%' THEN 'The superior is the direct supervisor''s own direct supervisor, or the direct supervisor who has none (the body''s first head), as ocenka.evaluator assigns them (immediate_supervisor or unit_head) on the day.'
				           ELSE 'The body''s HR service and strategic-planning unit are registered in ocenka.body_service, as units or persons.' END);
			END IF;
		END IF;
	END IF;

	-- a reason where the seeds ask for one
	IF v.sqlstate IS NULL AND NEW.step IN ('return', 'reopen', 'amend') AND coalesce(btrim(NEW.reason), '') = '' THEN
		v := ('23514', prefix || 'reason', format('%s: the step %s of %s needs a reason', who, NEW.step, what),
		      CASE NEW.step WHEN 'return' THEN 'A plan or sheet is returned for correction for a stated reason, such as insufficient or unreliable evidence of the KPIs'' achievement (akmola-2018 ¶12, ¶22; typical-2023 ¶53).'
		                    WHEN 'reopen' THEN 'An approved plan changes only with a recorded reason (typical-2023 ¶25).'
		                    ELSE 'A signed sheet changes only by its evaluator, with a reason.' END, NULL);
	END IF;
	IF v.sqlstate IS NULL AND NEW.step = 'reopen' AND NEW.grounds IS NULL THEN
		v := ('23514', 'ocenka_plan_grounds', format('%s: reopening %s needs its grounds: a change of the body''s functions or structure', who, what),
		      'KPIs change only when the functions or structure of the body change in a way that directly affects their achievement (typical-2023 ¶25).',
		      'Give grounds ''functions'' or ''structure''.');
	END IF;

	-- deadlines
	IF v.sqlstate IS NULL THEN
		IF NEW.document = 'kpi_plan' AND NEW.step = 'submit' AND NEW.from_state = 'draft' AND plan.revision = 1 THEN
			deadline := plan.due_on;
			deadline_rule := 'A plan is drawn up within 10 working days of the start of the evaluated period, or of the appointment if later (typical-2023 ¶22; akmola-2018 ¶9).';
		ELSIF NEW.document = 'kpi_plan' AND NEW.step IN ('agree_planning', 'agree_hr', 'approve') AND plan.revision = 1 THEN
			deadline := plan.due_on;
			deadline_rule := 'A plan is set, agreed and approved within 10 working days of the start of the evaluated period, or of the appointment if later (typical-2023 ¶22; akmola-2018 ¶9–10).';
		ELSIF NEW.step IN ('submit', 'sign') AND NEW.from_state = 'returned' THEN
			deadline := ocenka.add_working_days(last_step.on_day, 2);
			deadline_rule := 'A returned plan or sheet is resubmitted within 2 working days of its return (akmola-2018 ¶12, ¶23; typical-2023 ¶54).';
		ELSIF NEW.document = 'kpi_plan' AND NEW.step = 'post' AND m.annual_rule = 'mean_of_quarters' THEN
			deadline := ocenka.add_working_days(plan.approved_on, 5);
			deadline_rule := 'HR posts the plan in the information system within 5 working days of its approval (typical-2023 ¶22).';
		ELSIF NEW.document = 'count_sheet' AND NEW.step = 'submit' THEN
			deadline := ocenka.add_working_days(cs.agreed_on, 2);
			deadline_rule := 'HR submits the sheet to the commission within 2 working days of the superior''s signature (akmola-2018 ¶24; typical-2023 ¶55).';
		END IF;
		IF NEW.on_day > deadline AND NOT late_ok THEN
			v := ('23514', prefix || 'deadline', format('%s: the step %s of %s was due by %s, not %s', who, NEW.step, what, deadline, NEW.on_day),
			      deadline_rule,
			      'An HR officer may record it late, with a reason: BEGIN; SELECT ocenka.begin_late_entry(''…''); … COMMIT;');
		END IF;
	END IF;

	-- the document's contents
	IF v.sqlstate IS NULL AND NEW.document = 'kpi_plan' AND NEW.step = 'submit' THEN
		SELECT (x.v).* INTO v FROM (
			SELECT 1 AS prio, ('23514', 'ocenka_plan_kpi_count',
				format('%s: %s has %s KPIs, %s sets %s', who, what, (SELECT count(*) FROM ocenka.kpi k WHERE (k.employee_id, k.year) = (plan.employee_id, plan.year)),
				       m.code, CASE WHEN m.kpi_min = m.kpi_max THEN m.kpi_max::text ELSE m.kpi_min || ' to ' || m.kpi_max END),
				'A plan holds 3 to 5 KPIs under typical-2023 (¶23), exactly 5 under akmola-2018 (¶14).', NULL)::ocenka.violation AS v
			WHERE (SELECT count(*) FROM ocenka.kpi k WHERE (k.employee_id, k.year) = (plan.employee_id, plan.year)) NOT BETWEEN m.kpi_min AND m.kpi_max
			UNION ALL
			SELECT 2, ('23514', 'ocenka_plan_fields',
				format('%s: KPI %s of %s has no %s', who, k.no, what,
				       concat_ws(', ', CASE WHEN coalesce(btrim(k.expected_result), '') = '' THEN 'expected result' END,
				                       CASE WHEN coalesce(btrim(k.source), '') = '' THEN 'link to the planning document or corps A agreement' END,
				                       CASE WHEN m.annual_rule = 'mean_of_quarters' AND NOT EXISTS (SELECT FROM ocenka.kpi_target x WHERE x.kpi_id = k.id)
				                            THEN 'quarterly planned values' END,
				                       CASE WHEN EXISTS (SELECT FROM ocenka.kpi_target x WHERE x.kpi_id = k.id AND x.due_on IS NULL)
				                            THEN 'achievement deadline for ' || (SELECT string_agg(x.q::text, ', ' ORDER BY x.q) FROM ocenka.kpi_target x WHERE x.kpi_id = k.id AND x.due_on IS NULL) END)),
				'Appendix 1 gives each KPI its source (an indicator of the corps A agreement or a document of the state planning system, ¶24.5), unit, planned value and achievement deadline per quarter, and expected result.',
				NULL)::ocenka.violation
			FROM ocenka.kpi k WHERE (k.employee_id, k.year) = (plan.employee_id, plan.year)
			  AND (coalesce(btrim(k.expected_result), '') = '' OR coalesce(btrim(k.source), '') = ''
			       OR (m.annual_rule = 'mean_of_quarters' AND NOT EXISTS (SELECT FROM ocenka.kpi_target x WHERE x.kpi_id = k.id))
			       OR EXISTS (SELECT FROM ocenka.kpi_target x WHERE x.kpi_id = k.id AND x.due_on IS NULL))
			UNION ALL
			SELECT 3, ('23514', 'ocenka_plan_indicators',
				format('%s: KPI %s of %s has no indicators, and %s counts a KPI achieved only when all its indicators are', who, k.no, what, m.code),
				'A KPI counts as achieved only if all the indicators the plan sets for it are fully achieved (akmola-2018 ¶18, typical-2023 ¶49).',
				'Record them in ocenka.kpi_indicator.')::ocenka.violation
			FROM ocenka.kpi k WHERE (k.employee_id, k.year) = (plan.employee_id, plan.year) AND m.annual_rule = 'kpi_count'
			  AND NOT EXISTS (SELECT FROM ocenka.kpi_indicator i WHERE i.kpi_id = k.id)
			ORDER BY 1 LIMIT 1) x(prio, v);
	ELSIF v.sqlstate IS NULL AND NEW.document = 'kpi_plan' AND NEW.step = 'approve' AND m.annual_rule = 'mean_of_quarters' THEN
		-- the strategic-planning unit agrees «if there is one» (typical-2023 ¶22); the HR service always
		SELECT '23514', 'ocenka_plan_agreement',
		       format('%s: %s is not yet agreed by %s', who, what,
		              string_agg(CASE a.step WHEN 'agree_planning' THEN 'the strategic-planning unit' ELSE 'the HR service' END, ' and ' ORDER BY a.step DESC)),
		       'Under typical-2023 the plan is set in agreement with the unit coordinating strategic planning (where the body has one) and with the HR service, then approved by the superior (¶22, appendix 1).',
		       'SELECT ocenka.plan_step(plan_id, ''agree_planning'', signer_id); SELECT ocenka.plan_step(plan_id, ''agree_hr'', signer_id);'
		INTO v
		FROM unnest(ARRAY['agree_planning', 'agree_hr']) a(step)
		WHERE (a.step = 'agree_hr' OR cardinality(ocenka.service_members(plan.body_id, 'strategic_planning', NEW.on_day)) > 0)
		  AND NOT EXISTS (SELECT FROM ocenka.review_step s WHERE s.document = 'kpi_plan' AND s.document_id = plan.id
		                  AND s.step = a.step AND s.id > (SELECT max(x.id) FROM ocenka.review_step x
		                                                  WHERE x.document = 'kpi_plan' AND x.document_id = plan.id AND x.step = 'submit'))
		HAVING count(*) > 0;
	ELSIF v.sqlstate IS NULL AND NEW.document = 'count_sheet' AND NEW.step = 'sign' THEN
		SELECT '23514', 'ocenka_sheet_incomplete',
		        format('%s: %s cannot be signed: %s', who, what,
		               CASE WHEN count(k.id) = 0 THEN 'there is no KPI plan'
		                    ELSE format('KPI %s has no outcome (an indicator without an actual value, or no indicators)',
		                                string_agg(k.no::text, ', ' ORDER BY k.no) FILTER (WHERE ocenka.kpi_outcome(k.id, k.achieved) IS NULL)) END),
		        'The direct supervisor fills the sheet from the plan''s KPIs, each achieved only if all its indicators are fully achieved (akmola-2018 ¶17–18; typical-2023 ¶48–49).',
		        NULL
		INTO v
		FROM (SELECT 1) one LEFT JOIN ocenka.kpi k ON (k.employee_id, k.year) = (cs.employee_id, cs.year)
		HAVING count(k.id) = 0 OR bool_or(ocenka.kpi_outcome(k.id, k.achieved) IS NULL);
	ELSIF v.sqlstate IS NULL AND NEW.document = 'sheet' AND NEW.step = 'sign' THEN
		SELECT '23514', 'ocenka_sheet_incomplete',
		        format('%s: %s cannot be signed: %s %s not scored', who, what, CASE WHEN sh.form = 'kpi' THEN 'KPIs' ELSE 'parameters' END,
		               string_agg(n.no::text, ', ' ORDER BY n.no)),
		        'The evaluator puts a score on every parameter or KPI of the sheet, then signs and dates it (typical-2023 appendices 2 and 4; wko-2026 appendices 1–2).',
		        NULL
		INTO v
		FROM (SELECT f.no FROM ocenka.form_parameter f WHERE f.form = sh.form
		      UNION SELECT k.no FROM ocenka.kpi k WHERE sh.form = 'kpi' AND k.employee_id = sh.employee_id AND k.year = ocenka.year_of(sh.q)) n
		WHERE NOT EXISTS (SELECT FROM ocenka.item i WHERE i.sheet_id = sh.id AND i.no = n.no)
		HAVING count(*) > 0;
		IF v.sqlstate IS NULL THEN
			SELECT '23514', 'ocenka_sheet_zero_justified',
			        format('%s: %s cannot be signed: the score 0 of %s %s has no justification', who, what,
			               CASE WHEN sh.form = 'kpi' THEN 'KPI' ELSE 'parameter' END, string_agg(i.no::text, ', ' ORDER BY i.no)),
			        'A score of 0 is given with the evaluator''s justification (typical-2023 appendix 4, «Негіздеме»).',
			        'Write it in ocenka.item_note.'
			INTO v
			FROM ocenka.item i
			WHERE i.sheet_id = sh.id AND i.score = '0'::ocenka.score
			  AND NOT EXISTS (SELECT FROM ocenka.item_note n WHERE (n.sheet_id, n.no) = (i.sheet_id, i.no))
			HAVING count(*) > 0;
		END IF;
	END IF;

	PERFORM ocenka.raise_violation(v, 'review_step');
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION ocenka.review_step_checked() IS 'BEFORE INSERT trigger of ocenka.review_step: the step follows the document''s state (review_transition), is signed, dated today (past days only in a historical load), by the right person, with a reason where needed, by its deadline (late only in late entry), and the document is complete for it';
CREATE TRIGGER ocenka_1_step_check BEFORE INSERT ON ocenka.review_step FOR EACH ROW EXECUTE FUNCTION ocenka.review_step_checked();

-- The step written: the document takes its new state, and the next actor is told through the outbox.
CREATE FUNCTION ocenka.review_steps_taken(p_steps bigint[]) RETURNS void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	superior bigint;
	st ocenka.review_step;
BEGIN
	FOR st IN SELECT * FROM ocenka.review_step WHERE id = ANY (p_steps) ORDER BY id LOOP
		-- the holder's or evaluatee's superior (src/store/signers.sql)
		superior := (ocenka.superiors(CASE st.document WHEN 'kpi_plan' THEN ocenka.direct_supervisors(st.employee_id, st.on_day)
		                                               ELSE ARRAY(SELECT c.evaluator_id FROM ocenka.count_sheet c WHERE c.id = st.document_id) END,
		                              st.on_day))[1];
		IF st.document = 'kpi_plan' THEN
			UPDATE ocenka.kpi_plan p SET state = b.state, revision = b.revision, approved_on = b.approved_on,
			                             approved_by = b.approved_by, posted_on = b.posted_on
			FROM ocenka.plan_by_steps(st.document_id) b WHERE p.id = st.document_id;
		ELSIF st.document = 'count_sheet' THEN
			UPDATE ocenka.count_sheet c SET state = b.state, signed_on = b.signed_on, agreed_on = b.agreed_on,
			                                agreed_by = b.agreed_by, submitted_on = b.submitted_on
			FROM ocenka.count_sheet_by_steps(st.document_id) b WHERE c.id = st.document_id;
		ELSE
			UPDATE ocenka.sheet s SET signed_by = CASE WHEN st.step = 'sign' THEN st.signer_id END,
			                          signed_on = CASE WHEN st.step = 'sign' THEN st.on_day END
			WHERE s.id = st.document_id;
		END IF;
		-- who is told what (NULL: the HR service), and by when they must act
		INSERT INTO ocenka.notice (kind, employee_id, body_id, period, subject_id, due_on, payload)
		SELECT n.kind, n.recipient, st.body_id, st.period, st.document_id, n.due_on,
		       jsonb_build_object('step', st.step, 'signer_id', st.signer_id, 'employee_id', st.employee_id, 'on_day', st.on_day)
		       || CASE WHEN st.reason IS NULL THEN '{}' ELSE jsonb_build_object('reason', st.reason) END
		FROM (VALUES
			('kpi_plan', 'submit', 'plan_submitted', superior, NULL::date),
			('kpi_plan', 'return', 'plan_returned', (SELECT s.signer_id FROM ocenka.review_step s WHERE s.document = 'kpi_plan'
			                                         AND s.document_id = st.document_id AND s.step = 'submit' ORDER BY s.id DESC LIMIT 1),
			 ocenka.add_working_days(st.on_day, 2)),
			('kpi_plan', 'approve', 'plan_approved', NULL, (SELECT CASE WHEN m.annual_rule = 'mean_of_quarters' THEN ocenka.add_working_days(st.on_day, 5) END
			                                                FROM ocenka.kpi_plan p JOIN ocenka.methodology m ON m.code = p.methodology WHERE p.id = st.document_id)),
			('kpi_plan', 'approve', 'plan_approved', st.employee_id, NULL),
			('kpi_plan', 'reopen', 'plan_reopened', st.employee_id, NULL),
			('count_sheet', 'sign', 'count_sheet_signed', superior, NULL),
			('count_sheet', 'return', 'count_sheet_returned', (SELECT c.evaluator_id FROM ocenka.count_sheet c WHERE c.id = st.document_id),
			 ocenka.add_working_days(st.on_day, 2)),
			('count_sheet', 'agree', 'count_sheet_agreed', NULL, ocenka.add_working_days(st.on_day, 2))) AS n(document, step, kind, recipient, due_on)
		WHERE (n.document, n.step) = (st.document, st.step);
	END LOOP;
END
$$;
COMMENT ON FUNCTION ocenka.review_steps_taken(bigint[]) IS 'after review steps are written (run by the rule engine as the table owner): each document takes the state its steps give it, and the notices of each step go to the outbox in the same transaction';
CREATE TRIGGER ocenka_2_step_taken AFTER INSERT ON ocenka.review_step
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_sheet_step_order'' AS constraint_name,
	        format(''%s: %s steps of %s %s in one statement'', ocenka.who(min(employee_id)), count(*), document, document_id) AS message,
	        ''Each step follows the state the previous one left; they are recorded one at a time.'' AS detail, NULL AS hint
	        FROM new_rows GROUP BY document, document_id HAVING count(*) > 1 LIMIT 1',
	'do: SELECT ocenka.review_steps_taken(array_agg(id)) FROM new_rows');

CREATE TRIGGER ocenka_2_retention AFTER UPDATE ON ocenka.review_step
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_sheet_step_append_only'' AS constraint_name,
	        format(''%s: step %s (%s of %s %s) cannot be changed'', ocenka.who(o.employee_id), o.id, o.step, o.document, o.period) AS message,
	        ''Each step is a dated, signed record; a later step corrects an earlier one (methodology §11).'' AS detail, NULL AS hint
	        FROM old_rows o ORDER BY o.id LIMIT 1');

-- A quarterly sheet's signature is its steps': a signed sheet changes only when its evaluator amends it,
-- and is deleted only by the purge.
CREATE TRIGGER ocenka_3_signed_update AFTER UPDATE ON ocenka.sheet
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_sheet_signed'' AS constraint_name,
	        CASE WHEN o.signed_by IS NOT NULL AND n.signed_by IS NOT NULL
	             THEN format(''%s: sheet %s for %s was signed by %s on %s'', ocenka.who(o.employee_id), o.id, o.q, ocenka.who(o.signed_by), o.signed_on)
	             ELSE format(''%s: sheet %s for %s is signed and unsigned only by its steps'', ocenka.who(o.employee_id), o.id, o.q) END AS message,
	        ''A signed sheet changes only by its evaluator, with a reason (typical-2023 appendices 2 and 4: the evaluator signs and dates the sheet).'' AS detail,
	        ''SELECT ocenka.sign_sheet(sheet_id, evaluator_id); SELECT ocenka.amend_sheet(sheet_id, evaluator_id, ''''reason'''');'' AS hint
	        FROM old_rows o JOIN new_rows n ON n.id = o.id
	        LEFT JOIN LATERAL (SELECT s.step, s.signer_id, s.on_day FROM ocenka.review_step s
	                           WHERE s.document = ''sheet'' AND s.document_id = n.id ORDER BY s.id DESC LIMIT 1) l ON true
	        WHERE (n.signed_by, n.signed_on) IS DISTINCT FROM (CASE WHEN l.step = ''sign'' THEN l.signer_id END, CASE WHEN l.step = ''sign'' THEN l.on_day END)
	           OR (o.signed_by IS NOT NULL AND n.signed_by IS NOT NULL AND to_jsonb(n) <> to_jsonb(o))
	        LIMIT 1');
CREATE TRIGGER ocenka_3_signed_insert AFTER INSERT ON ocenka.sheet
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_sheet_signed'' AS constraint_name,
	        format(''%s: sheet %s for %s is signed and unsigned only by its steps'', ocenka.who(n.employee_id), n.id, n.q) AS message,
	        ''The evaluator signs a complete sheet: ocenka.sign_sheet records the signature as a dated step (typical-2023 appendices 2 and 4).'' AS detail,
	        NULL AS hint
	        FROM new_rows n WHERE n.signed_by IS NOT NULL OR n.signed_on IS NOT NULL LIMIT 1');
CREATE TRIGGER ocenka_3_signed_delete AFTER DELETE ON ocenka.sheet
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_sheet_signed'' AS constraint_name,
	        format(''%s: sheet %s for %s was signed by %s on %s'', ocenka.who(o.employee_id), o.id, o.q, ocenka.who(o.signed_by), o.signed_on) AS message,
	        ''A signed sheet changes only by its evaluator, with a reason; it is kept with the evaluation''''s documents (methodology §11).'' AS detail,
	        NULL AS hint
	        FROM old_rows o WHERE o.signed_by IS NOT NULL AND ocenka.entry_mode() NOT IN (''purge'', ''historical_load'') LIMIT 1');

-- ---------- the evaluator's justifications ----------

-- Beside the item, not in it: ocenka.item keeps its columns (and COPY its format) and its hot path, and a
-- justification is written after the score it explains. A score of 0 needs one before the sheet is signed.
CREATE TABLE ocenka.item_note (
	sheet_id bigint NOT NULL REFERENCES ocenka.sheet ON DELETE CASCADE,
	no smallint NOT NULL,
	justification text NOT NULL CONSTRAINT ocenka_sheet_justification_text CHECK (btrim(justification) <> ''),
	PRIMARY KEY (sheet_id, no)
);
COMMENT ON TABLE ocenka.item_note IS 'the evaluator''s justification of an item''s score («Негіздеме», typical-2023 appendix 4); a score of 0 needs one before the sheet is signed';
COMMENT ON COLUMN ocenka.item_note.sheet_id IS 'the sheet';
COMMENT ON COLUMN ocenka.item_note.no IS 'the parameter or KPI number, as in ocenka.item';
COMMENT ON COLUMN ocenka.item_note.justification IS 'the justification, in the evaluator''s words';

CREATE FUNCTION ocenka.item_note_violation(p_sheets bigint[], p_nos smallint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	SELECT (x.v).* FROM (
		SELECT 1 AS prio, s.id, ('23514', 'ocenka_sheet_signed',
			format('%s: sheet %s for %s was signed by %s on %s', ocenka.who(s.employee_id), s.id, s.q, ocenka.who(s.signed_by), s.signed_on),
			'A signed sheet changes only by its evaluator, with a reason (typical-2023 appendices 2 and 4: the evaluator signs and dates the sheet).',
			'The evaluator reopens it first: SELECT ocenka.amend_sheet(sheet_id, evaluator_id, ''reason'').')::ocenka.violation AS v
		FROM ocenka.sheet s WHERE s.id = ANY (p_sheets) AND s.signed_by IS NOT NULL
		  AND ocenka.entry_mode() NOT IN ('historical_load', 'purge')
		UNION ALL
		SELECT 2, s.id, ('23514', 'ocenka_sheet_parameter',
			format('%s: sheet %s for %s has no %s %s to justify', ocenka.who(s.employee_id), s.id, s.q,
			       CASE WHEN s.form = 'kpi' THEN 'KPI' ELSE 'parameter' END, t.no),
			'A justification explains the score of a parameter or KPI of the sheet (typical-2023 appendix 4, «Негіздеме»).', NULL)::ocenka.violation
		FROM unnest(p_sheets, p_nos) AS t(sheet_id, no) JOIN ocenka.sheet s ON s.id = t.sheet_id
		WHERE NOT ocenka.parameter_in_form(s.form, t.no)
	) x ORDER BY prio, id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.item_note_violation(bigint[], smallint[]) IS 'the first justification written on a signed sheet or for a parameter its form lacks';

DO $$
DECLARE
	op text;
BEGIN
	FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
		EXECUTE format('CREATE TRIGGER ocenka_1_entry_%s AFTER %s ON ocenka.item_note REFERENCING %s FOR EACH STATEMENT
		                EXECUTE FUNCTION ocenka.enforce_rules(%L, %L, %L)',
		               lower(op), op,
		               CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
		                       ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
		               format('do: SELECT ocenka.lock_quarters(array_agg(s.body_id), array_agg(s.q))
		                       FROM (SELECT DISTINCT s.body_id, s.q FROM ocenka.sheet s WHERE s.id IN (SELECT sheet_id FROM %1$s)) s', CASE op WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END),
		               format('check: SELECT v.* FROM (SELECT s.body_id, s.q, min(s.employee_id) AS e FROM ocenka.sheet s
		                                       WHERE s.id IN (SELECT sheet_id FROM %1$s) GROUP BY 1, 2) p,
		                       LATERAL ocenka.quarter_entry_violation(p.body_id, p.q, p.e, ''sheet'') v
		                       WHERE %2$s LIMIT 1', CASE op WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END,
		                      CASE op WHEN 'DELETE' THEN 'v.constraint_name <> ''ocenka_closed_period''' ELSE 'true' END),
		               format('check: SELECT v.* FROM (SELECT array_agg(sheet_id) AS s, array_agg(no) AS n FROM (%1$s) r) r,
		                       LATERAL ocenka.item_note_violation(r.s, r.n) v',
		                      CASE op WHEN 'INSERT' THEN 'SELECT sheet_id, no FROM new_rows' WHEN 'DELETE' THEN 'SELECT sheet_id, no FROM old_rows'
		                              ELSE 'SELECT sheet_id, no FROM new_rows UNION SELECT sheet_id, no FROM old_rows' END));
	END LOOP;
END $$;

-- ---------- the ways in ----------

CREATE FUNCTION ocenka.plan_step(plan_id bigint, step text, signer_id bigint, reason text DEFAULT NULL, grounds text DEFAULT NULL)
	RETURNS text
	LANGUAGE sql VOLATILE PARALLEL UNSAFE
AS $$
	INSERT INTO ocenka.review_step (document, document_id, step, signer_id, reason, grounds)
	VALUES ('kpi_plan', plan_id, step, signer_id, reason, grounds)
	RETURNING to_state
$$;
COMMENT ON FUNCTION ocenka.plan_step(bigint, text, bigint, text, text) IS 'records a signed step of a KPI plan today (submit, agree_planning, agree_hr, approve, return, post, reopen) and returns the plan''s new state';

CREATE FUNCTION ocenka.count_sheet_step(sheet_id bigint, step text, signer_id bigint, reason text DEFAULT NULL)
	RETURNS text
	LANGUAGE sql VOLATILE PARALLEL UNSAFE
AS $$
	INSERT INTO ocenka.review_step (document, document_id, step, signer_id, reason)
	VALUES ('count_sheet', sheet_id, step, signer_id, reason)
	RETURNING to_state
$$;
COMMENT ON FUNCTION ocenka.count_sheet_step(bigint, text, bigint, text) IS 'records a signed step of an annual KPI-count sheet today (sign, agree, return, submit) and returns its new state';

CREATE FUNCTION ocenka.sign_sheet(sheet_id bigint, signer_id bigint) RETURNS text
	LANGUAGE sql VOLATILE PARALLEL UNSAFE
AS $$
	INSERT INTO ocenka.review_step (document, document_id, step, signer_id) VALUES ('sheet', sheet_id, 'sign', signer_id)
	RETURNING to_state
$$;
COMMENT ON FUNCTION ocenka.sign_sheet(bigint, bigint) IS 'the evaluator signs a complete quarterly sheet today; its items then change only after amend_sheet';

CREATE FUNCTION ocenka.amend_sheet(sheet_id bigint, signer_id bigint, reason text) RETURNS text
	LANGUAGE sql VOLATILE PARALLEL UNSAFE
AS $$
	INSERT INTO ocenka.review_step (document, document_id, step, signer_id, reason) VALUES ('sheet', sheet_id, 'amend', signer_id, reason)
	RETURNING to_state
$$;
COMMENT ON FUNCTION ocenka.amend_sheet(bigint, bigint, text) IS 'the evaluator withdraws their signature of a quarterly sheet, with a reason, so that its items may change; sign_sheet signs it again';

CREATE FUNCTION ocenka.open_count_sheets(p_body bigint, p_year integer) RETURNS integer
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	created integer;
BEGIN
	-- someone without an assigned evaluator gets none: the duty list shows their sheet as still to open
	INSERT INTO ocenka.count_sheet (employee_id, body_id, year, evaluator_id)
	SELECT p.employee_id, p_body, p_year, ev.evaluator_id
	FROM ocenka.year_plan(p_body, p_year) p
	JOIN ocenka.methodology m ON m.code = p.methodology
	JOIN LATERAL (SELECT a.evaluator_id FROM ocenka.evaluator a
	              WHERE a.evaluatee_id = p.employee_id AND a.role <> 'additional' AND a.valid_from <= make_date(p_year, 12, 31)
	                AND (a.valid_until IS NULL OR a.valid_until >= make_date(p_year, 1, 1))
	              ORDER BY a.role = 'immediate_supervisor' DESC, a.role = 'deputy', a.valid_from DESC, a.id LIMIT 1) ev ON true
	WHERE p.reason IS NULL AND m.annual_rule = 'kpi_count'
	  AND NOT EXISTS (SELECT FROM ocenka.count_sheet c WHERE c.employee_id = p.employee_id AND c.year = p_year);
	GET DIAGNOSTICS created = ROW_COUNT;
	RETURN created;
END
$$;
COMMENT ON FUNCTION ocenka.open_count_sheets(bigint, integer) IS 'creates the missing annual KPI-count sheets of a body year for everyone evaluated by the count rule, each with their direct supervisor as evaluator; returns how many';

CREATE VIEW ocenka.sheet_ready_for_commission WITH (security_invoker = true) AS
SELECT c.id AS count_sheet_id, c.employee_id, c.body_id, c.year, c.evaluator_id, c.state, c.signed_on, c.agreed_on, c.agreed_by,
       ocenka.add_working_days(c.agreed_on, 2) AS submit_by, c.submitted_on,
       (SELECT count(*) FILTER (WHERE ocenka.kpi_outcome(k.id, k.achieved))::smallint FROM ocenka.kpi k
        WHERE (k.employee_id, k.year) = (c.employee_id, c.year)) AS kpi_achieved,
       (SELECT count(*)::smallint FROM ocenka.kpi k WHERE (k.employee_id, k.year) = (c.employee_id, c.year)) AS kpi_total
FROM ocenka.count_sheet c
WHERE c.state IN ('agreed', 'submitted');
COMMENT ON VIEW ocenka.sheet_ready_for_commission IS 'annual KPI-count sheets the superior has agreed: the only ones that go to the commission (akmola-2018 ¶21–24; typical-2023 ¶52–55), with the day HR must submit them by and the KPI count';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.count_sheet_id IS 'the annual KPI-count sheet';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.employee_id IS 'the head whose plan it is';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.body_id IS 'the body';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.year IS 'the plan''s year';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.evaluator_id IS 'the direct supervisor who fills and signs it, assigned in ocenka.evaluator';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.state IS 'draft, signed, returned, agreed or submitted: the state its latest step led to';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.signed_on IS 'the day the direct supervisor last signed it';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.agreed_on IS 'the day the superior agreed (signed) it';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.agreed_by IS 'the superior who agreed it';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.submit_by IS 'the last day HR may submit it: 2 working days after it was agreed (001 ¶24)';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.submitted_on IS 'the day HR submitted it to the commission';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.kpi_achieved IS 'KPIs counted achieved (every indicator achieved)';
COMMENT ON COLUMN ocenka.sheet_ready_for_commission.kpi_total IS 'KPIs in the plan';

-- ---------- audit, retention, pg_dump ----------

DO $$
DECLARE
	t record;
	op text;
BEGIN
	FOR t IN SELECT * FROM (VALUES
		('kpi_plan', 'body_id, year', 'r.body_id, NULL::ocenka.quarter, r.year', ''),
		('count_sheet', 'body_id, year', 'r.body_id, NULL::ocenka.quarter, r.year', ''),
		('kpi_indicator', 'kpi_id', 'k.body_id, NULL::ocenka.quarter, k.year', 'LEFT JOIN ocenka.kpi k ON k.id = r.kpi_id'),
		('review_step', 'body_id, period', 'r.body_id, CASE WHEN r.period LIKE ''%-Q%'' THEN r.period::ocenka.quarter END, CASE WHEN r.period NOT LIKE ''%-Q%'' THEN r.period::integer END', ''),
		('notice', 'body_id, period', 'r.body_id, CASE WHEN r.period LIKE ''%-Q%'' THEN r.period::ocenka.quarter END, CASE WHEN r.period NOT LIKE ''%-Q%'' THEN r.period::integer END', '')
	) AS v(tab, keys, period, j) LOOP
		FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
			EXECUTE format('CREATE TRIGGER ocenka_9_audit_%s AFTER %s ON ocenka.%I REFERENCING %s FOR EACH STATEMENT
			                EXECUTE FUNCTION ocenka.enforce_rules(%L, %L)',
			               lower(op), op, t.tab,
			               CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
			                       ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
			               'keys: ' || t.keys,
			               format('audit: SELECT %s, %s FROM %s r %s',
			                      (SELECT string_agg('r.' || k, ', ') FROM unnest(string_to_array(replace(t.keys, ' ', ''), ',')) k),
			                      t.period, CASE op WHEN 'DELETE' THEN 'old_keys' ELSE 'new_keys' END, t.j));
		END LOOP;
	END LOOP;
	FOR t IN SELECT * FROM unnest(ARRAY['kpi_plan', 'count_sheet', 'kpi_indicator', 'review_step', 'notice', 'item_note']) AS v(tab) LOOP
		EXECUTE format('CREATE TRIGGER ocenka_0_no_truncate BEFORE TRUNCATE ON ocenka.%I
		                FOR EACH STATEMENT EXECUTE FUNCTION ocenka.refuse_truncate()', t.tab);
		PERFORM pg_catalog.pg_extension_config_dump(format('ocenka.%I', t.tab)::regclass, '');
		IF t.tab NOT IN ('kpi_indicator', 'item_note') THEN
			PERFORM pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence(format('ocenka.%I', t.tab), 'id')::regclass, '');
		END IF;
	END LOOP;
	-- justifications are filed under their sheet's period, as its items are
	FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
		EXECUTE format('CREATE TRIGGER ocenka_9_audit_%s AFTER %s ON ocenka.item_note REFERENCING %s FOR EACH STATEMENT
		                EXECUTE FUNCTION ocenka.enforce_rules(''keys: sheet_id'', ''audit by sheet:'')',
		               lower(op), op, CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
		                                      ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END);
	END LOOP;
END $$;
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.item_note
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(s.employee_id), s.q)) AS w, array_agg(st.completed_on) AS c
	                         FROM (SELECT DISTINCT sheet_id FROM old_rows) o JOIN ocenka.sheet s ON s.id = o.sheet_id
	                         JOIN ocenka.quarter_status st ON (st.body_id, st.q) = (s.body_id, s.q)
	                         WHERE st.completed_on IS NOT NULL) t,
	        LATERAL ocenka.retention_violation(''a justification'', t.w, t.c) v');

-- documents of a year are kept three years from the year's completion; a quarterly sheet's steps from its quarter's
CREATE FUNCTION ocenka.review_retention_violation(p_table text, p_body bigint[], p_period text[], p_who text[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT v.* FROM (SELECT array_agg(t.w) AS w, array_agg(coalesce(qs.completed_on, ys.completed_on)) AS c
	                 FROM unnest(p_body, p_period, p_who) AS t(b, p, w)
	                 -- compared as text: a join condition is no guard, so a year is never cast to a quarter (nor back)
	                 LEFT JOIN ocenka.quarter_status qs ON t.p LIKE '%-Q%' AND qs.body_id = t.b AND qs.q::text = t.p
	                 LEFT JOIN ocenka.year_status ys ON t.p NOT LIKE '%-Q%' AND ys.body_id = t.b AND ys.year::text = t.p) x,
	     LATERAL ocenka.retention_violation(p_table, x.w, x.c) v
$$;
COMMENT ON FUNCTION ocenka.review_retention_violation(text, bigint[], text[], text[]) IS 'the retention rule (§11) for plans, count sheets, steps and notices, by their body and period (a year or a quarter)';

CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.kpi_plan
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(body_id) AS b, array_agg(year::text) AS p, array_agg(format(''%s, %s'', ocenka.who(employee_id), year)) AS w FROM old_rows) o,
	        LATERAL ocenka.review_retention_violation(''the KPI plan'', o.b, o.p, o.w) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.count_sheet
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(body_id) AS b, array_agg(year::text) AS p, array_agg(format(''%s, %s'', ocenka.who(employee_id), year)) AS w FROM old_rows) o,
	        LATERAL ocenka.review_retention_violation(''the count sheet'', o.b, o.p, o.w) v');
CREATE TRIGGER ocenka_2_retention_delete AFTER DELETE ON ocenka.review_step
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23001'' AS sqlstate, ''ocenka_retention'' AS constraint_name,
	        format(''%s: step %s (%s of %s %s) must be kept'', ocenka.who(o.employee_id), o.id, o.step, o.document, o.period) AS message,
	        ''Documents of an evaluation are kept for three years from the day it was completed (methodology §11).'' AS detail,
	        ''ocenka.purge_expired() removes documents once they have expired.'' AS hint
	        FROM old_rows o WHERE ocenka.entry_mode() <> ''purge'' LIMIT 1');
CREATE TRIGGER ocenka_2_retention_delete AFTER DELETE ON ocenka.notice
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23001'' AS sqlstate, ''ocenka_retention'' AS constraint_name,
	        format(''notice %s (%s, %s) must be kept'', o.id, o.kind, o.period) AS message,
	        ''Documents of an evaluation are kept for three years from the day it was completed (methodology §11).'' AS detail,
	        ''ocenka.purge_expired() removes documents once they have expired.'' AS hint
	        FROM old_rows o WHERE ocenka.entry_mode() <> ''purge'' LIMIT 1');
