-- Entry rules: what the C rule engine (enforce.c) checks on every statement that writes evaluation data.
-- Each rule is a query over the statement's transition tables; the first row it returns is the error.

CREATE TYPE ocenka.violation AS (
	sqlstate text,
	constraint_name text,
	message text,
	detail text,
	hint text
);
COMMENT ON TYPE ocenka.violation IS 'a rule violation as the rule engine raises it: SQLSTATE, rule name, message, detail, hint';

CREATE FUNCTION ocenka.enforce_rules() RETURNS trigger
	AS 'MODULE_PATHNAME', 'enforce_rules' LANGUAGE C;
COMMENT ON FUNCTION ocenka.enforce_rules() IS 'AFTER ... FOR EACH STATEMENT trigger: runs the do: and check: rules given as arguments as the table''s owner and raises the first violation';
CREATE FUNCTION ocenka.refuse_truncate() RETURNS trigger
	AS 'MODULE_PATHNAME', 'refuse_truncate' LANGUAGE C;
COMMENT ON FUNCTION ocenka.refuse_truncate() IS 'BEFORE TRUNCATE trigger: evaluation documents are removed only by purge_expired (§11)';
CREATE FUNCTION ocenka.acting_user() RETURNS name
	AS 'MODULE_PATHNAME', 'acting_user' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION ocenka.acting_user() IS 'the user whose statement fired the running rule (rules run as the table owner); current_user elsewhere';

CREATE FUNCTION ocenka.who(employee_id bigint) RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN coalesce((SELECT format('employee %s (%s)', e.id, e.full_name) FROM ocenka.employee e WHERE e.id = who.employee_id),
	                format('employee %s', who.employee_id));
COMMENT ON FUNCTION ocenka.who(bigint) IS 'an employee as error messages name them: employee 17 (Full Name)';

CREATE FUNCTION ocenka.evaluator_role(methodology text, category text, is_head boolean) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE
		-- wko-2026 ¶16: these categories, and D-3 non-heads, by the immediate supervisor; the rest by the unit head
		WHEN methodology = 'wko-2026' THEN
			CASE WHEN category IN ('D-1', 'D-3', 'C-O-1', 'D-O-1', 'D-R-1', 'C-R-1', 'E-1', 'E-2', 'E-R-1')
			     THEN 'immediate_supervisor' ELSE 'unit_head' END
		-- typical-2023 ¶27, ¶29: heads by their superior, employees by the head of the unit
		WHEN is_head THEN 'immediate_supervisor'
		ELSE 'unit_head' END;
COMMENT ON FUNCTION ocenka.evaluator_role(text, text, boolean) IS 'who evaluates a position: immediate_supervisor or unit_head (wko-2026 ¶16; typical-2023 ¶27, ¶29)';

-- ---------- editions: a body applies an edition only while its methodology is in force (§5) ----------

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

-- ---------- additional evaluators: only in a unit of more than 50 (typical-2023 ¶31) or for an evaluator
-- of more than 20 (wko-2026 ¶17), counted on the day the assignment starts ----------

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

-- The time rules of one body's quarter (§5): edition, closed, entry window, deadline.
CREATE FUNCTION ocenka.quarter_entry_violation(p_body bigint, p_q ocenka.quarter, p_employee bigint, p_what text)
	RETURNS SETOF ocenka.violation
	LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED
AS $$
DECLARE
	m ocenka.methodology;
	who text := ocenka.who(p_employee);
	today date := ocenka.today();
	deadline date;
BEGIN
	SELECT * INTO m FROM ocenka.methodology WHERE code = ocenka.edition_on(p_body, ocenka.last_day(p_q));
	IF m.code IS NULL AND p_what <> 'penalty' THEN
		RETURN NEXT ('23514', 'ocenka_edition_in_force',
			format('%s: body %s has no methodology edition in force on %s, the last day of %s', who, p_body, ocenka.last_day(p_q), p_q),
			'A quarter is evaluated under the edition in force on its last day (methodology §5).',
			'Assign the body''s edition in ocenka.body_edition.')::ocenka.violation;
		RETURN;
	END IF;
	IF EXISTS (SELECT FROM ocenka.quarter_status s WHERE s.body_id = p_body AND s.q = p_q AND s.closed_at IS NOT NULL) THEN
		RETURN NEXT ('23514', 'ocenka_closed_period',
			format('%s: quarter %s of body %s is closed', who, p_q, p_body),
			'The results of a closed quarter are final and its documents are read-only (methodology §5, §11).',
			NULL)::ocenka.violation;
		RETURN;
	END IF;
	IF p_what = 'penalty' THEN
		RETURN;
	END IF;
	IF m.evaluation_period <> 'quarter' THEN
		RETURN NEXT ('23514', 'ocenka_quarterly_methodology',
			format('%s: body %s evaluates annually under %s, so %s has no quarterly sheet', who, p_body, m.code, p_q),
			format('%s evaluates once a year (methodology §5).', m.code), NULL)::ocenka.violation;
		RETURN;
	END IF;
	IF p_what = 'score' AND today <= ocenka.last_day(p_q) THEN
		RETURN NEXT ('23514', 'ocenka_entry_window',
			format('%s: scores of %s are accepted from %s, not on %s', who, p_q, ocenka.last_day(p_q) + 1, today),
			'Scores of a quarter are entered from the day after it ends until its deadline (methodology §5).',
			NULL)::ocenka.violation;
		RETURN;
	END IF;
	deadline := ocenka.quarter_deadline(p_q, m.quarter_deadline_day);
	IF today > deadline AND ocenka.entry_mode() NOT IN ('late_entry', 'historical_load') THEN
		RETURN NEXT ('23514', 'ocenka_deadline',
			format('%s: the deadline for %s under %s was %s', who, p_q, m.code, deadline),
			format('Under %s a quarter is evaluated by the %s day of the month after it (methodology §5; %s ¶4).',
			       m.code, m.quarter_deadline_day, m.code),
			'An HR officer may enter it late, with a reason: BEGIN; SELECT ocenka.begin_late_entry(''…''); … COMMIT;')::ocenka.violation;
	END IF;
END
$$;
COMMENT ON FUNCTION ocenka.quarter_entry_violation(bigint, ocenka.quarter, bigint, text) IS 'the time rules of a body''s quarter for entering a sheet, a score or a penalty: edition in force, closed period, entry window and deadline (methodology §5)';

-- The time rules of one body's year (360 and annual KPIs): closed year, 360 deadline.
CREATE FUNCTION ocenka.year_entry_violation(p_body bigint, p_year integer, p_employee bigint, p_what text)
	RETURNS SETOF ocenka.violation
	LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED
AS $$
DECLARE
	m ocenka.methodology;
	who text := ocenka.who(p_employee);
	deadline date;
BEGIN
	SELECT * INTO m FROM ocenka.methodology WHERE code = ocenka.edition_on(p_body, make_date(p_year, 12, 31));
	IF m.code IS NULL THEN
		RETURN NEXT ('23514', 'ocenka_edition_in_force',
			format('%s: body %s has no methodology edition in force on %s-12-31', who, p_body, p_year),
			'A year is evaluated under the edition in force on 31 December (methodology §5).',
			'Assign the body''s edition in ocenka.body_edition.')::ocenka.violation;
		RETURN;
	END IF;
	IF EXISTS (SELECT FROM ocenka.year_status s WHERE s.body_id = p_body AND s.year = p_year AND s.closed_at IS NOT NULL) THEN
		RETURN NEXT ('23514', 'ocenka_closed_period',
			format('%s: year %s of body %s is closed', who, p_year, p_body),
			'The results of a closed year are final and its documents are read-only (methodology §5, §11).',
			NULL)::ocenka.violation;
		RETURN;
	END IF;
	IF p_what = 'survey' AND NOT m.survey_360 THEN
		RETURN NEXT ('23514', 'ocenka_survey_360',
			format('%s: %s has no 360 evaluation, so body %s runs no survey for %s', who, m.code, p_body, p_year),
			'The 360 method belongs to typical-2023 (methodology §8a).', NULL)::ocenka.violation;
		RETURN;
	END IF;
	IF p_what = 'kpi' AND ocenka.kpi_edition(p_body, p_year) IS NULL THEN
		RETURN NEXT ('23514', 'ocenka_kpi_method',
			format('%s: no edition body %s applies in %s sets KPIs, so it has no KPI plan for that year', who, p_body, p_year),
			'KPIs belong to typical-2023 (heads), akmola-2018, vsk-2018 and legacy-2021 (methodology §3, §7).',
			NULL)::ocenka.violation;
		RETURN;
	END IF;
	IF p_what = 'survey' AND m.survey_deadline_day IS NOT NULL THEN
		deadline := make_date(p_year + 1, 1, m.survey_deadline_day);
		IF ocenka.today() > deadline AND ocenka.entry_mode() NOT IN ('late_entry', 'historical_load') THEN
			RETURN NEXT ('23514', 'ocenka_deadline',
				format('%s: the deadline for the %s 360 evaluation under %s was %s', who, p_year, m.code, deadline),
				format('The 360 evaluation is done by the %s day of the month after the reporting year (methodology §5; %s ¶4).',
				       m.survey_deadline_day, m.code),
				'An HR officer may enter it late, with a reason: BEGIN; SELECT ocenka.begin_late_entry(''…''); … COMMIT;')::ocenka.violation;
		END IF;
	END IF;
END
$$;
COMMENT ON FUNCTION ocenka.year_entry_violation(bigint, integer, bigint, text) IS 'the time rules of a body''s year for 360 surveys and KPI plans: edition, closed year, method, 360 deadline (methodology §5)';

-- The periods a statement touches are created if missing, then locked FOR SHARE, so that close_quarter
-- (which locks them FOR UPDATE) and entry never interleave (isolation spec close_race).
CREATE FUNCTION ocenka.lock_quarters(p_body bigint[], p_q ocenka.quarter[]) RETURNS void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
BEGIN
	INSERT INTO ocenka.quarter_status (body_id, q, methodology)
	SELECT b, q, ocenka.edition_on(b, ocenka.last_day(q))
	FROM unnest(p_body, p_q) AS t(b, q)
	WHERE ocenka.edition_on(b, ocenka.last_day(q)) IS NOT NULL
	ON CONFLICT DO NOTHING;
	PERFORM FROM ocenka.quarter_status s
	WHERE (s.body_id, s.q) IN (SELECT b, q FROM unnest(p_body, p_q) AS t(b, q))
	ORDER BY s.body_id, s.q
	FOR SHARE;
END
$$;
COMMENT ON FUNCTION ocenka.lock_quarters(bigint[], ocenka.quarter[]) IS 'creates the status rows of the given body quarters if missing and locks them FOR SHARE until the transaction ends';

CREATE FUNCTION ocenka.lock_years(p_body bigint[], p_year integer[]) RETURNS void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
BEGIN
	INSERT INTO ocenka.year_status (body_id, year, methodology)
	SELECT b, y, ocenka.edition_on(b, make_date(y, 12, 31))
	FROM unnest(p_body, p_year) AS t(b, y)
	WHERE ocenka.edition_on(b, make_date(y, 12, 31)) IS NOT NULL
	ON CONFLICT DO NOTHING;
	PERFORM FROM ocenka.year_status s
	WHERE (s.body_id, s.year) IN (SELECT b, y FROM unnest(p_body, p_year) AS t(b, y))
	ORDER BY s.body_id, s.year
	FOR SHARE;
END
$$;
COMMENT ON FUNCTION ocenka.lock_years(bigint[], integer[]) IS 'creates the status rows of the given body years if missing and locks them FOR SHARE until the transaction ends';

-- The eligibility violation (§6) of someone a period's plan leaves out or marks not evaluated.
CREATE FUNCTION ocenka.eligibility_violation(p_employee bigint, p_period text, p_reason text) RETURNS ocenka.violation
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN (SELECT ('23514', 'ocenka_eligibility',
	                format('%s: not evaluated for %s: %s', ocenka.who(p_employee), p_period, r.description),
	                format('%s (methodology §6).', r.basis), NULL)::ocenka.violation
	        FROM ocenka.ineligibility_reason r WHERE r.code = coalesce(p_reason, 'not_in_position'));
COMMENT ON FUNCTION ocenka.eligibility_violation(bigint, text, text) IS 'the ocenka_eligibility violation of a person for a period: not evaluated for the reason given (not_in_position when NULL), with its basis (§6)';

-- ---------- sheets ----------

CREATE FUNCTION ocenka.sheet_violation(p_body bigint, p_q ocenka.quarter, p_employees bigint[], p_sheets bigint[])
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

CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.sheet
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_quarters(array_agg(body_id), array_agg(q)) FROM (SELECT DISTINCT body_id, q FROM new_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, q, min(employee_id) AS e FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.quarter_entry_violation(p.body_id, p.q, p.e, ''sheet'') v LIMIT 1',
	'check: SELECT v.* FROM (SELECT body_id, q, array_agg(employee_id) AS e, array_agg(id) AS s FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.sheet_violation(p.body_id, p.q, p.e, p.s) v LIMIT 1');
CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.sheet
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_quarters(array_agg(body_id), array_agg(q))
	     FROM (SELECT body_id, q FROM new_rows UNION SELECT body_id, q FROM old_rows) r',
	'check: SELECT v.* FROM (SELECT body_id, q, min(employee_id) AS e FROM (SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows) r GROUP BY 1, 2) p,
	        LATERAL ocenka.quarter_entry_violation(p.body_id, p.q, p.e, ''sheet'') v LIMIT 1',
	'check: SELECT v.* FROM (SELECT body_id, q, array_agg(employee_id) AS e, array_agg(id) AS s FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.sheet_violation(p.body_id, p.q, p.e, p.s) v LIMIT 1',
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_sheet_identity'' AS constraint_name,
	        format(''%s: sheet %s cannot change its evaluatee, quarter or body'', ocenka.who(o.employee_id), o.id) AS message,
	        ''A sheet belongs to one evaluatee and quarter; delete it and create another.'' AS detail, NULL AS hint
	        FROM old_rows o JOIN new_rows n ON n.id = o.id
	        WHERE (n.employee_id, n.q, n.body_id) IS DISTINCT FROM (o.employee_id, o.q, o.body_id) LIMIT 1');
-- a deleted sheet takes its items with it (their own rules run); a closed quarter's sheets are the retention rules' business
CREATE TRIGGER ocenka_1_entry_delete AFTER DELETE ON ocenka.sheet
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_quarters(array_agg(body_id), array_agg(q)) FROM (SELECT DISTINCT body_id, q FROM old_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, q, min(employee_id) AS e FROM old_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.quarter_entry_violation(p.body_id, p.q, p.e, ''sheet'') v
	        WHERE v.constraint_name <> ''ocenka_closed_period'' LIMIT 1',
	'do: DELETE FROM ocenka.item i USING old_rows o WHERE i.sheet_id = o.id');

-- ---------- items ----------
-- Items are the bulk of the data and the single-row hot path, so their sheet rules are written in C
-- (below); only the message of the violation they find comes from SQL.

-- The message of an item violation the C rules found (called for that one row only).
CREATE FUNCTION ocenka.item_entry_violation(p_rule integer, p_sheet bigint, p_form text, p_sheet_form text,
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

-- A SQL-standard body (issue 16): no fixed search path is set on it (src/finish.sql), so the item
-- trigger's kept plan inlines it; a text body was parsed and planned again by every KPI statement.
CREATE FUNCTION ocenka.kpi_item_violation(p_sheets bigint[], p_nos smallint[], p_kpis bigint[], p_percents numeric[])
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

-- The sheet rules of item statements are written in C ('item rules:', src/items.c) over the statement's
-- distinct (sheet_id, form) pairs: each names an existing sheet of that form, whose quarter is open and
-- inside its entry window; the periods are locked FOR SHARE against close_quarter, in (body, quarter)
-- order. On UPDATE the old and new pairs are checked; on DELETE, a missing sheet (deleted with its
-- items) and a closed quarter (the retention rules' business) are not violations. A quarter's COPY of
-- two million items checks half a million sheets; a one-row INSERT costs three index probes.
-- The same trigger writes the items' audit ('audit by sheet:', src/audit.c) from the sheets' periods
-- the rules found: items are the one audited table without an ocenka_9_audit_* trigger of its own, so
-- a statement's rows are hashed and its sheets looked up once, not twice.
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
CREATE TRIGGER ocenka_1_entry_delete AFTER DELETE ON ocenka.item
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules('keys: sheet_id, form', 'item rules:', 'audit by sheet:');

-- ---------- penalties: they cap wko-2026 quarters, so a closed quarter's penalties are final ----------

CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.penalty
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_quarters(array_agg(body_id), array_agg(q)) FROM (SELECT DISTINCT body_id, ocenka.quarter_of(imposed_on) AS q FROM new_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, ocenka.quarter_of(imposed_on) AS q, min(employee_id) AS e FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.quarter_entry_violation(p.body_id, p.q, p.e, ''penalty'') v LIMIT 1');
CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.penalty
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_quarters(array_agg(body_id), array_agg(q))
	     FROM (SELECT body_id, ocenka.quarter_of(imposed_on) AS q FROM new_rows UNION SELECT body_id, ocenka.quarter_of(imposed_on) FROM old_rows) r',
	'check: SELECT v.* FROM (SELECT body_id, ocenka.quarter_of(imposed_on) AS q, min(employee_id) AS e
	                         FROM (SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows) r GROUP BY 1, 2) p,
	        LATERAL ocenka.quarter_entry_violation(p.body_id, p.q, p.e, ''penalty'') v LIMIT 1');
CREATE TRIGGER ocenka_1_entry_delete AFTER DELETE ON ocenka.penalty
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_quarters(array_agg(body_id), array_agg(q)) FROM (SELECT DISTINCT body_id, ocenka.quarter_of(imposed_on) AS q FROM old_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, ocenka.quarter_of(imposed_on) AS q, min(employee_id) AS e FROM old_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.quarter_entry_violation(p.body_id, p.q, p.e, ''penalty'') v LIMIT 1');

-- ---------- KPI plans ----------

CREATE FUNCTION ocenka.kpi_violation(p_body bigint, p_year integer, p_employees bigint[])
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

CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.kpi
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year)) FROM (SELECT DISTINCT body_id, year FROM new_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, year, min(employee_id) AS e FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''kpi'') v LIMIT 1',
	'check: SELECT v.* FROM (SELECT body_id, year, array_agg(DISTINCT employee_id) AS e FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.kpi_violation(p.body_id, p.year, p.e) v LIMIT 1');
CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.kpi
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year))
	     FROM (SELECT body_id, year FROM new_rows UNION SELECT body_id, year FROM old_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, year, min(employee_id) AS e FROM (SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows) r GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''kpi'') v LIMIT 1',
	'check: SELECT v.* FROM (SELECT body_id, year, array_agg(DISTINCT employee_id) AS e FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.kpi_violation(p.body_id, p.year, p.e) v LIMIT 1',
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_closed_period'' AS constraint_name,
	        format(''%s: quarter %s of body %s is closed'', ocenka.who(o.employee_id), st.q, st.body_id) AS message,
	        ''The results of a closed quarter are final and its documents, the KPIs it graded among them, are read-only; only a KPI''''s annual outcome may still be recorded (methodology §5, §7, §11).'' AS detail,
	        NULL AS hint
	        FROM old_rows o JOIN new_rows n ON n.id = o.id
	        JOIN ocenka.kpi_target t ON t.kpi_id = o.id
	        JOIN ocenka.quarter_status st ON (st.body_id, st.q) = (o.body_id, t.q) AND st.closed_at IS NOT NULL
	        WHERE (to_jsonb(n) - ''achieved'') <> (to_jsonb(o) - ''achieved'') ORDER BY st.q LIMIT 1');
CREATE TRIGGER ocenka_1_entry_delete AFTER DELETE ON ocenka.kpi
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year)) FROM (SELECT DISTINCT body_id, year FROM old_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, year, min(employee_id) AS e FROM old_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''kpi'') v
	        WHERE v.constraint_name <> ''ocenka_closed_period'' LIMIT 1');

-- a target belongs to its KPI's year, and its quarter's evaluation must still be open
CREATE FUNCTION ocenka.kpi_target_violation(p_kpis bigint[], p_quarters ocenka.quarter[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql VOLATILE PARALLEL RESTRICTED
AS $$
	SELECT (x.v).* FROM (
		SELECT 1 AS prio, ('23514', 'ocenka_kpi_target_year',
			format('%s: KPI %s belongs to the %s plan, not to %s', ocenka.who(k.employee_id), k.id, k.year, t.q),
			'A plan sets a planned value per quarter of its year (appendix 1).', NULL)::ocenka.violation AS v
		FROM unnest(p_kpis, p_quarters) AS t(kpi_id, q) JOIN ocenka.kpi k ON k.id = t.kpi_id
		WHERE ocenka.year_of(t.q) <> k.year
		UNION ALL
		SELECT 2, qv
		FROM (SELECT DISTINCT k.body_id, t.q, k.employee_id FROM unnest(p_kpis, p_quarters) AS t(kpi_id, q)
		      JOIN ocenka.kpi k ON k.id = t.kpi_id) p,
		     LATERAL ocenka.quarter_entry_violation(p.body_id, p.q, p.employee_id, 'penalty') qv
		UNION ALL
		SELECT 3, ('23514', 'ocenka_kpi_target_plan',
			format('%s: KPI %s is an increase KPI, so its planned value for %s must be above 0', ocenka.who(k.employee_id), k.id, t.q),
			'An increase KPI is achieved at actual / plan × 100, with a plan above 0 (methodology §3).', NULL)::ocenka.violation
		FROM unnest(p_kpis, p_quarters) AS t(kpi_id, q) JOIN ocenka.kpi k ON k.id = t.kpi_id
		JOIN ocenka.kpi_target x ON (x.kpi_id, x.q) = (t.kpi_id, t.q)
		WHERE k.direction = 'increase' AND x.plan = 0
	) x ORDER BY prio LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.kpi_target_violation(bigint[], ocenka.quarter[]) IS 'the first KPI target outside its plan''s year, in a closed quarter, or with no planned value for an increase KPI';

CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.kpi_target
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(kpi_id) AS k, array_agg(q) AS q FROM new_rows) t,
	        LATERAL ocenka.kpi_target_violation(t.k, t.q) v LIMIT 1');
CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.kpi_target
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(kpi_id) AS k, array_agg(q) AS q
	                         FROM (SELECT kpi_id, q FROM new_rows UNION SELECT kpi_id, q FROM old_rows) r) t,
	        LATERAL ocenka.kpi_target_violation(t.k, t.q) v LIMIT 1');

-- ---------- 360: surveys, respondents, answers ----------

CREATE FUNCTION ocenka.survey_violation(p_body bigint, p_year integer, p_surveys bigint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	WITH s AS (SELECT * FROM ocenka.survey WHERE id = ANY (p_surveys)),
	plan AS (SELECT * FROM ocenka.year_plan(p_body, p_year, (SELECT array_agg(employee_id) FROM s)))
	SELECT (x.v).* FROM (
		SELECT 1 AS prio, s.employee_id, ('23514', 'ocenka_survey_form',
			format('%s: the %s 360 survey must use the %s form under %s, not %s under %s', ocenka.who(s.employee_id),
			       p_year, CASE WHEN p.is_head THEN 'heads' ELSE 'employees' END, p.methodology,
			       s.survey_form, s.methodology),
			'Heads answer appendix 5 (12 competencies), employees appendix 6 (8), under the edition in force on 31 December (methodology §5, §8a).',
			NULL)::ocenka.violation AS v
		FROM s JOIN plan p ON p.employee_id = s.employee_id
		WHERE (s.survey_form, s.methodology) IS DISTINCT FROM (CASE WHEN p.is_head THEN 'heads' ELSE 'employees' END, p.methodology)
		UNION ALL
		SELECT 2, s.employee_id, ('23514', 'ocenka_eligibility',
			format('%s: holds no position in body %s in %s', ocenka.who(s.employee_id), p_body, p_year),
			'Only people holding a position in the body are evaluated (methodology §6).', NULL)::ocenka.violation
		FROM s LEFT JOIN plan p ON p.employee_id = s.employee_id WHERE p.employee_id IS NULL
	) x ORDER BY prio, employee_id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.survey_violation(bigint, integer, bigint[]) IS 'the first 360 survey of a body year with the wrong form or methodology, or of someone without a position';

CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.survey
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year)) FROM (SELECT DISTINCT body_id, year FROM new_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, year, min(employee_id) AS e FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''survey'') v LIMIT 1',
	'check: SELECT v.* FROM (SELECT body_id, year, array_agg(id) AS s FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.survey_violation(p.body_id, p.year, p.s) v LIMIT 1');

CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.survey
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year))
	     FROM (SELECT body_id, year FROM new_rows UNION SELECT body_id, year FROM old_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, year, min(employee_id) AS e FROM (SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows) r GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''survey'') v LIMIT 1',
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_survey_identity'' AS constraint_name,
	        format(''%s: survey %s cannot change its evaluatee, year or body'', ocenka.who(o.employee_id), o.id) AS message,
	        ''A 360 survey belongs to one evaluatee and year; its respondents answered about that person (methodology §8a).'' AS detail,
	        NULL AS hint
	        FROM old_rows o JOIN new_rows n ON n.id = o.id
	        WHERE (n.employee_id, n.year, n.body_id) IS DISTINCT FROM (o.employee_id, o.year, o.body_id) LIMIT 1',
	'check: SELECT v.* FROM (SELECT body_id, year, array_agg(id) AS s FROM new_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.survey_violation(p.body_id, p.year, p.s) v LIMIT 1');
-- deleting 360 data follows the deadline like entering it; a closed year's is the retention rules' business
CREATE TRIGGER ocenka_1_entry_delete AFTER DELETE ON ocenka.survey
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year)) FROM (SELECT DISTINCT body_id, year FROM old_rows) d',
	'check: SELECT v.* FROM (SELECT body_id, year, min(employee_id) AS e FROM old_rows GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''survey'') v
	        WHERE v.constraint_name <> ''ocenka_closed_period'' LIMIT 1');

CREATE FUNCTION ocenka.respondent_violation(p_surveys bigint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	SELECT (x.v).* FROM (
		SELECT 1 AS prio, s.id, ('23514', 'ocenka_respondent_self',
			format('%s cannot answer the %s 360 survey of %s as %s', ocenka.who(r.employee_id), s.year,
			       ocenka.who(s.employee_id), r.role),
			'The evaluatee takes part only through the self-assessment, which is not counted; others never answer as self (methodology §8a; typical-2023 ¶35).',
			NULL)::ocenka.violation AS v
		FROM ocenka.survey s JOIN ocenka.respondent r ON r.survey_id = s.id
		WHERE s.id = ANY (p_surveys) AND (r.employee_id = s.employee_id) <> (r.role = 'self')
		UNION ALL
		SELECT 2, s.id, ('23514', 'ocenka_respondent_count',
			format('%s: the %s 360 survey has %s respondents besides the self-assessment, more than 7',
			       ocenka.who(s.employee_id), s.year, count(*)),
			'No fewer than 3 and no more than 7 people answer for each evaluatee (methodology §8a; typical-2023 ¶35).',
			NULL)::ocenka.violation
		FROM ocenka.survey s JOIN ocenka.respondent r ON r.survey_id = s.id AND r.role <> 'self'
		WHERE s.id = ANY (p_surveys)
		GROUP BY s.id, s.employee_id, s.year HAVING count(*) > 7
	) x ORDER BY prio, id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.respondent_violation(bigint[]) IS 'the first 360 survey whose respondents break ¶35: the evaluatee only as self, at most 7 others (at least 3 is checked at close_year)';

CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.respondent
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year))
	     FROM (SELECT DISTINCT s.body_id, s.year FROM ocenka.survey s WHERE s.id IN (SELECT survey_id FROM new_rows)) d',
	'check: SELECT v.* FROM (SELECT s.body_id, s.year, min(s.employee_id) AS e FROM ocenka.survey s
	                         WHERE s.id IN (SELECT survey_id FROM new_rows) GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''survey'') v LIMIT 1',
	'check: SELECT v.* FROM ocenka.respondent_violation((SELECT array_agg(DISTINCT survey_id) FROM new_rows)) v LIMIT 1');
CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.respondent
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_respondent_identity'' AS constraint_name,
	        format(''respondent %s cannot be changed'', o.id) AS message,
	        ''Answers are tied to their respondent; delete the respondent and add another.'' AS detail, NULL AS hint
	        FROM old_rows o JOIN new_rows n ON n.id = o.id
	        WHERE (n.survey_id, n.employee_id, n.role) IS DISTINCT FROM (o.survey_id, o.employee_id, o.role) LIMIT 1');

-- a deleted respondent takes its answers with it, so they no longer count (their own rules run)
CREATE TRIGGER ocenka_1_entry_delete AFTER DELETE ON ocenka.respondent
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year))
	     FROM (SELECT DISTINCT s.body_id, s.year FROM ocenka.survey s WHERE s.id IN (SELECT survey_id FROM old_rows)) d',
	'check: SELECT v.* FROM (SELECT s.body_id, s.year, min(s.employee_id) AS e FROM ocenka.survey s
	                         WHERE s.id IN (SELECT survey_id FROM old_rows) GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''survey'') v
	        WHERE v.constraint_name <> ''ocenka_closed_period'' LIMIT 1',
	'do: DELETE FROM ocenka.answer a USING old_rows o WHERE a.respondent_id = o.id');

CREATE FUNCTION ocenka.answer_violation(p_respondents bigint[], p_surveys bigint[], p_self boolean[],
                                        p_competencies smallint[], p_questions smallint[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $$
	WITH a AS (SELECT * FROM unnest(p_respondents, p_surveys, p_self, p_competencies, p_questions)
	                   AS t(respondent_id, survey_id, is_self, competency_no, question_no))
	SELECT (x.v).* FROM (
		SELECT 1 AS prio, a.respondent_id, ('23503', 'ocenka_answer_respondent',
			format('respondent %s of survey %s does not exist', a.respondent_id, a.survey_id),
			'Every answer belongs to a respondent of its survey.',
			NULL)::ocenka.violation AS v
		FROM a LEFT JOIN ocenka.respondent r ON r.id = a.respondent_id AND r.survey_id = a.survey_id
		WHERE r.id IS NULL
		UNION ALL
		SELECT 1, a.respondent_id, ('23514', 'ocenka_answer_self',
			format('%s: an answer of respondent %s (%s) to the %s 360 survey of %s must have is_self = %s',
			       ocenka.who(r.employee_id), r.id, r.role, s.year, ocenka.who(s.employee_id), (r.role = 'self')::text),
			'An answer repeats whether it is the self-assessment, which is not counted (methodology §8a; typical-2023 ¶35).',
			NULL)::ocenka.violation
		FROM a JOIN ocenka.respondent r ON r.id = a.respondent_id AND r.survey_id = a.survey_id
		JOIN ocenka.survey s ON s.id = a.survey_id
		WHERE (r.role = 'self') <> a.is_self
		UNION ALL
		SELECT 2, a.respondent_id, ('23514', 'ocenka_answer_question',
			format('%s: the %s form of survey %s has no question %s.%s', ocenka.who(s.employee_id), s.survey_form,
			       s.id, a.competency_no, a.question_no),
			'Appendix 5 asks heads 3 questions on each of 12 competencies, appendix 6 asks employees 3 on each of 8 (methodology §8a).',
			NULL)::ocenka.violation
		FROM a JOIN ocenka.survey s ON s.id = a.survey_id
		WHERE NOT EXISTS (SELECT FROM ocenka.competency_question c
		                  WHERE c.survey_form = s.survey_form AND c.competency_no = a.competency_no
		                    AND c.question_no = a.question_no)
	) x ORDER BY prio, respondent_id LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.answer_violation(bigint[], bigint[], boolean[], smallint[], smallint[]) IS 'the first 360 answer whose respondent is not one of its survey, whose self flag is not its respondent''s, or whose question is not in the survey''s form';

CREATE TRIGGER ocenka_1_entry_insert AFTER INSERT ON ocenka.answer
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(respondent_id) AS r, array_agg(survey_id) AS s, array_agg(is_self) AS f,
	                                array_agg(competency_no) AS c, array_agg(question_no) AS q
	                         FROM (SELECT DISTINCT respondent_id, survey_id, is_self, competency_no, question_no FROM new_rows) d) k,
	        LATERAL ocenka.answer_violation(k.r, k.s, k.f, k.c, k.q) v LIMIT 1',
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year))
	     FROM (SELECT DISTINCT s.body_id, s.year FROM ocenka.survey s WHERE s.id IN (SELECT survey_id FROM new_rows)) d',
	'check: SELECT v.* FROM (SELECT s.body_id, s.year, min(s.employee_id) AS e FROM ocenka.survey s
	                         WHERE s.id IN (SELECT survey_id FROM new_rows) GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''survey'') v LIMIT 1');
CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.answer
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(respondent_id) AS r, array_agg(survey_id) AS s, array_agg(is_self) AS f,
	                                array_agg(competency_no) AS c, array_agg(question_no) AS q FROM new_rows) k,
	        LATERAL ocenka.answer_violation(k.r, k.s, k.f, k.c, k.q) v LIMIT 1',
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year))
	     FROM (SELECT DISTINCT s.body_id, s.year FROM ocenka.survey s
	           WHERE s.id IN (SELECT survey_id FROM new_rows UNION SELECT survey_id FROM old_rows)) d',
	'check: SELECT v.* FROM (SELECT s.body_id, s.year, min(s.employee_id) AS e FROM ocenka.survey s
	                         WHERE s.id IN (SELECT survey_id FROM new_rows UNION SELECT survey_id FROM old_rows) GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''survey'') v LIMIT 1');

CREATE TRIGGER ocenka_1_entry_delete AFTER DELETE ON ocenka.answer
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'do: SELECT ocenka.lock_years(array_agg(body_id), array_agg(year))
	     FROM (SELECT DISTINCT s.body_id, s.year FROM ocenka.survey s WHERE s.id IN (SELECT survey_id FROM old_rows)) d',
	'check: SELECT v.* FROM (SELECT s.body_id, s.year, min(s.employee_id) AS e FROM ocenka.survey s
	                         WHERE s.id IN (SELECT survey_id FROM old_rows) GROUP BY 1, 2) p,
	        LATERAL ocenka.year_entry_violation(p.body_id, p.year, p.e, ''survey'') v
	        WHERE v.constraint_name <> ''ocenka_closed_period'' LIMIT 1');

-- ---------- results are written by the close procedures only; afterwards only the acquaintance date changes ----------

-- the quarterly and annual results share one rule: only acquainted_on may change
DO $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT * FROM (VALUES ('quarter_result', 'q', 'close_quarter'), ('annual_result', 'year', 'close_year')) AS v(tab, period, proc) LOOP
		EXECUTE format($f$CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.%1$I
			REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
			EXECUTE FUNCTION ocenka.enforce_rules(%4$L)$f$, t.tab, NULL, NULL,
			format($r$check: SELECT '23514' AS sqlstate, 'ocenka_final_result' AS constraint_name,
			        format('%%s: the result for %%s is final', ocenka.who(o.employee_id), o.%1$I) AS message,
			        'After %2$s only the day the evaluatee was acquainted with the result may be recorded (methodology §9a).' AS detail,
			        NULL AS hint
			        FROM old_rows o LEFT JOIN new_rows n ON (n.employee_id, n.%1$I) = (o.employee_id, o.%1$I)
			        WHERE n.employee_id IS NULL
			           OR (to_jsonb(n) - 'acquainted_on') <> (to_jsonb(o) - 'acquainted_on') LIMIT 1$r$, t.period, t.proc));
	END LOOP;
END $$;

CREATE TRIGGER ocenka_1_entry_update AFTER UPDATE ON ocenka.competency_result
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_final_result'' AS constraint_name,
	        format(''%s: the 360 result for %s is final'', ocenka.who(s.employee_id), s.year) AS message,
	        ''close_year computed it from the answers, which are kept as they were (methodology §8a, §11).'' AS detail,
	        NULL AS hint
	        FROM old_rows o LEFT JOIN new_rows n ON (n.survey_id, n.competency_no) = (o.survey_id, o.competency_no)
	        JOIN ocenka.survey s ON s.id = o.survey_id
	        WHERE n.survey_id IS NULL OR to_jsonb(n) <> to_jsonb(o) LIMIT 1');

-- ---------- HR's way in: the sheets of a quarter, created with the right form and evaluator ----------

CREATE FUNCTION ocenka.open_sheets(p_body bigint, p_q ocenka.quarter) RETURNS integer
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
