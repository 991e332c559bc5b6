-- Who may see whose evaluation (methodology §11): results are known only to the evaluatee, the
-- evaluator, the head of the HR service and the members of a calibration session on that result
-- (seeds 000/004 ¶15, ¶20; 002 ¶13), and 360 answers are anonymous (000 ¶33). Enforced by
-- row-level security, FORCE'd, on every table holding a person's evaluation data, for every client.
--
-- A policy asks questions of the current user through C predicates (rls_*), row by row. The answers
-- come from a cache in the backend, loaded at once as the tables' owner and kept until what they are
-- computed from changes (src/access/access.c); "sees everything" and "links answers" are folded into
-- the plan as constants, the plan bound to the role and to the answers' sources. The functions take the login as a defaulted argument,
-- so the default (current_user) is the caller's, and they refuse a login the session could not act as.

CREATE TABLE ocenka.person_login (
	login regrole PRIMARY KEY,
	employee_id bigint NOT NULL REFERENCES ocenka.employee
);
CREATE INDEX ON ocenka.person_login (employee_id);
COMMENT ON TABLE ocenka.person_login IS 'which employee a database role is: a user logs in as themself and sees their own evaluation, what they evaluate, and (as HR head) their body''s';
COMMENT ON COLUMN ocenka.person_login.login IS 'a database role (a login, or a role a login is a member of)';
COMMENT ON COLUMN ocenka.person_login.employee_id IS 'the employee it is';
SELECT pg_catalog.pg_extension_config_dump('ocenka.person_login', '');
GRANT SELECT ON ocenka.person_login TO PUBLIC;

CREATE TABLE ocenka.hr_head (
	body_id bigint NOT NULL REFERENCES ocenka.body,
	employee_id bigint NOT NULL REFERENCES ocenka.employee,
	valid_from date NOT NULL,
	valid_until date,
	PRIMARY KEY (body_id, valid_from),
	CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
COMMENT ON TABLE ocenka.hr_head IS 'the head of a body''s HR service (персоналды басқару қызметінің басшысы), who may see every evaluation of the body while in office (000 ¶15, ¶20)';
COMMENT ON COLUMN ocenka.hr_head.body_id IS 'the body';
COMMENT ON COLUMN ocenka.hr_head.employee_id IS 'the HR head';
COMMENT ON COLUMN ocenka.hr_head.valid_from IS 'first day in office';
COMMENT ON COLUMN ocenka.hr_head.valid_until IS 'last day in office, or NULL';
SELECT pg_catalog.pg_extension_config_dump('ocenka.hr_head', '');
GRANT SELECT ON ocenka.hr_head TO PUBLIC;

-- the lookups find a role's rows by employee: once per statement each, by index, not a scan of
-- every assignment, respondent or composition in the country
CREATE INDEX ON ocenka.evaluator (evaluator_id);
CREATE INDEX ON ocenka.sheet (evaluator_id);
CREATE INDEX ON ocenka.respondent (employee_id);
CREATE INDEX ON ocenka.hr_head (employee_id);
CREATE INDEX ON ocenka.calibration_member (employee_id);
CREATE INDEX ON ocenka.commission_member (employee_id);

-- a login given to an access function must be one the session could act as (SET ROLE to)
CREATE FUNCTION ocenka.access_login(role_name name) RETURNS oid
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $$
DECLARE
	r oid := (SELECT a.oid FROM pg_catalog.pg_roles a WHERE a.rolname = role_name);
BEGIN
	IF r IS NULL OR NOT pg_catalog.pg_has_role(session_user, r, 'MEMBER') THEN
		RAISE EXCEPTION 'role "%" is not the session''s', role_name USING ERRCODE = '42501',
			DETAIL = 'The access functions answer for the current user, or a role the session may SET ROLE to.';
	END IF;
	RETURN r;
END $$;
COMMENT ON FUNCTION ocenka.access_login(name) IS 'internal: the role a login names, if the session may act as it (42501 otherwise)';

CREATE FUNCTION ocenka.access_has_capacity(who oid, capacities text[]) RETURNS boolean
	LANGUAGE sql STABLE STRICT SECURITY DEFINER PARALLEL SAFE
	SET search_path = pg_catalog, ocenka, pg_temp
AS $$
	SELECT r.rolsuper OR r.rolbypassrls
	    OR pg_catalog.pg_has_role(r.oid, (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = 'ocenka.sheet'::pg_catalog.regclass), 'MEMBER')
	    OR EXISTS (SELECT FROM ocenka.staff_capacity s
	               WHERE s.capacity = ANY (capacities) AND pg_catalog.pg_has_role(r.oid, s.grantee::oid, 'MEMBER'))
	FROM pg_catalog.pg_roles r WHERE r.oid = who
$$;
COMMENT ON FUNCTION ocenka.access_has_capacity(oid, text[]) IS 'internal: whether a role is a superuser, bypasses row-level security, is the tables'' owner (the rules and closes run as it), or is a member of a role holding one of the capacities';
REVOKE EXECUTE ON FUNCTION ocenka.access_has_capacity(oid, text[]) FROM PUBLIC;

CREATE TYPE ocenka.evaluation_span AS (evaluatee_id bigint, first_day date, last_day date);
COMMENT ON TYPE ocenka.evaluation_span IS 'an evaluator''s assignment to an evaluatee, from its first to its last day (NULL: open)';

CREATE FUNCTION ocenka.access_evaluates(spans ocenka.evaluation_span[], evaluatee bigint, first_day date, last_day date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN EXISTS (SELECT FROM pg_catalog.unnest(spans) s
	               WHERE s.evaluatee_id = access_evaluates.evaluatee AND s.first_day <= access_evaluates.last_day
	                 AND (s.last_day IS NULL OR s.last_day >= access_evaluates.first_day));
COMMENT ON FUNCTION ocenka.access_evaluates(ocenka.evaluation_span[], bigint, date, date) IS 'whether the assignments include evaluating the evaluatee on some day between the two dates (the parameters are qualified: the spans'' fields bear the same names)';

-- Every answer for a role, computed at once as the tables' owner. The functions below keep them in
-- the backend (src/access/access.c) until a table they are computed from, a role, a membership, the
-- session user or the date changes: a statement expanded with a dozen policies asks a dozen
-- questions, and each used to run queries of its own.
CREATE TYPE ocenka.access_facts AS (
	sees_all boolean,
	links_answers boolean,
	employee_id bigint,
	hr_bodies bigint[],
	evaluations ocenka.evaluation_span[],
	open_respondents bigint[],
	open_surveys bigint[],
	calibration_cases bigint[],
	commission_meetings bigint[],
	calibration_sessions bigint[],
	hr_sessions bigint[],
	sheets_own bigint[],
	sheets_evaluated bigint[],
	sheets_hr bigint[],
	surveys_read bigint[],
	surveys_hr bigint[],
	calibration_results bigint[],
	commission_years bigint[],
	min_answers integer
);
COMMENT ON TYPE ocenka.access_facts IS 'what the policies ask of a role (the access_* functions), as ocenka.access_facts_load computes it';

-- by OID, and without asking whether the session may act as the role: the backend's cache calls it for
-- the current user, who may be a SECURITY DEFINER function's owner the session is no member of; nobody
-- else may call it
CREATE FUNCTION ocenka.access_facts_of(who oid) RETURNS ocenka.access_facts
	LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER PARALLEL SAFE
	SET search_path = pg_catalog, ocenka, pg_temp
AS $$
DECLARE
	on_day date := ocenka.today();
	f ocenka.access_facts;
	me bigint;
BEGIN
	f.sees_all := ocenka.access_has_capacity(who, ARRAY['admin', 'hr', 'records']);
	f.links_answers := ocenka.access_has_capacity(who, ARRAY['admin']);
	me := (SELECT l.employee_id FROM ocenka.person_login l WHERE l.login = who::pg_catalog.regrole);
	f.employee_id := me;
	f.hr_bodies := (
		SELECT coalesce(pg_catalog.array_agg(DISTINCT h.body_id), '{}')
		FROM ocenka.hr_head h
		WHERE h.employee_id = me AND h.valid_from <= on_day AND (h.valid_until IS NULL OR h.valid_until >= on_day));
	f.evaluations := (
		SELECT coalesce(pg_catalog.array_agg(ROW(e.evaluatee_id, e.valid_from, e.valid_until)::ocenka.evaluation_span), '{}')
		FROM ocenka.evaluator e WHERE e.evaluator_id = me);
	f.open_respondents := (
		SELECT coalesce(pg_catalog.array_agg(r.id), '{}')
		FROM ocenka.respondent r JOIN ocenka.survey s ON s.id = r.survey_id
		WHERE r.employee_id = me
		  AND NOT EXISTS (SELECT FROM ocenka.year_status y
		                  WHERE y.body_id = s.body_id AND y.year = s.year AND y.closed_at IS NOT NULL));
	f.open_surveys := (
		SELECT coalesce(pg_catalog.array_agg(DISTINCT r.survey_id), '{}')
		FROM ocenka.respondent r WHERE r.id = ANY (f.open_respondents));
	f.calibration_cases := (
		SELECT coalesce(pg_catalog.array_agg(DISTINCT s.application_id), '{}')
		FROM ocenka.calibration_member m JOIN ocenka.calibration_session s ON s.id = m.session_id
		WHERE m.employee_id = me);
	f.commission_meetings := (
		SELECT coalesce(pg_catalog.array_agg(DISTINCT mt.id), '{}')
		FROM ocenka.commission_meeting mt JOIN ocenka.commission_member m ON m.order_id = mt.order_id
		WHERE m.employee_id = me);
	f.calibration_sessions := (
		SELECT coalesce(pg_catalog.array_agg(DISTINCT m.session_id), '{}')
		FROM ocenka.calibration_member m WHERE m.employee_id = me);
	f.hr_sessions := (
		SELECT coalesce(pg_catalog.array_agg(s.id), '{}')
		FROM ocenka.calibration_session s JOIN ocenka.calibration_application a ON a.id = s.application_id
		WHERE a.body_id = ANY (f.hr_bodies));
	-- the results a session's member sees, and the years a commission's member sees: (employee, quarter)
	-- and (body, year) pairs, the quarter as its stored value (year × 4 + quarter − 1)
	f.calibration_results := (
		SELECT coalesce(pg_catalog.array_agg(x ORDER BY a.id, o), '{}')
		FROM ocenka.calibration_application a,
		     LATERAL (VALUES (1, a.employee_id), (2, ocenka.year_of(a.q) * 4 + ocenka.quarter_number(a.q) - 1)) v(o, x)
		WHERE a.id = ANY (f.calibration_cases));
	f.commission_years := (
		SELECT coalesce(pg_catalog.array_agg(x ORDER BY m.id, o), '{}')
		FROM ocenka.commission_meeting m, LATERAL (VALUES (1, m.body_id), (2, m.year)) v(o, x)
		WHERE m.id = ANY (f.commission_meetings));
	-- a 360 mean is shown where at least 3 respondents besides self answered: each answers a
	-- competency's every question at most once (the answer's key), so 3 × the most questions a
	-- competency has
	f.min_answers := 3 * (SELECT max(q.n) FROM (SELECT pg_catalog.count(*) AS n FROM ocenka.competency_question
	                                           GROUP BY survey_form, competency_no) q);
	-- the rows of whole tables a role reads by its parent; nothing to list for one who sees all
	IF f.sees_all THEN
		f.sheets_own := '{}'; f.sheets_evaluated := '{}'; f.sheets_hr := '{}'; f.surveys_read := '{}'; f.surveys_hr := '{}';
		RETURN f;
	END IF;
	f.sheets_own := (SELECT coalesce(pg_catalog.array_agg(s.id), '{}') FROM ocenka.sheet s WHERE s.employee_id = me);
	f.sheets_evaluated := (SELECT coalesce(pg_catalog.array_agg(s.id), '{}') FROM ocenka.sheet s WHERE s.evaluator_id = me);
	f.sheets_hr := (SELECT coalesce(pg_catalog.array_agg(s.id), '{}') FROM ocenka.sheet s WHERE s.body_id = ANY (f.hr_bodies));
	f.surveys_hr := (SELECT coalesce(pg_catalog.array_agg(s.id), '{}') FROM ocenka.survey s WHERE s.body_id = ANY (f.hr_bodies));
	f.surveys_read := (
		SELECT coalesce(pg_catalog.array_agg(DISTINCT x.id), '{}')
		FROM (SELECT s.id FROM ocenka.survey s WHERE s.employee_id = me
		      UNION ALL SELECT pg_catalog.unnest(f.surveys_hr)
		      UNION ALL SELECT s.id FROM ocenka.evaluator e JOIN ocenka.survey s ON s.employee_id = e.evaluatee_id
		                WHERE e.evaluator_id = me AND e.valid_from <= pg_catalog.make_date(s.year, 12, 31)
		                  AND (e.valid_until IS NULL OR e.valid_until >= pg_catalog.make_date(s.year, 1, 1))) x(id));
	RETURN f;
END
$$;
COMMENT ON FUNCTION ocenka.access_facts_of(oid) IS 'internal: every answer the policies ask of a role, computed as the tables'' owner; called by the backend''s cache only';
REVOKE EXECUTE ON FUNCTION ocenka.access_facts_of(oid) FROM PUBLIC;

CREATE FUNCTION ocenka.access_facts_load(role_name name) RETURNS ocenka.access_facts
	LANGUAGE sql STABLE STRICT SECURITY DEFINER PARALLEL SAFE
	SET search_path = pg_catalog, ocenka, pg_temp
	RETURN ocenka.access_facts_of(ocenka.access_login(role_name));
COMMENT ON FUNCTION ocenka.access_facts_load(name) IS 'every answer the policies ask of a role, computed as the tables'' owner (42501 for a role the session may not act as)';

CREATE FUNCTION ocenka.access_sees_all(role_name name DEFAULT current_user) RETURNS boolean
	AS 'MODULE_PATHNAME', 'access_sees_all' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_sees_all(name) IS 'whether a role sees every evaluation row: a superuser, the tables'' owner (the rules and closes run as it), or a member of a role with the admin, hr or records capacity';
CREATE FUNCTION ocenka.access_links_answers(role_name name DEFAULT current_user) RETURNS boolean
	AS 'MODULE_PATHNAME', 'access_links_answers' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_links_answers(name) IS 'whether a role may read every 360 answer (and so link it to its respondent): a superuser, the tables'' owner, or an admin; nobody else (000 ¶33)';
CREATE FUNCTION ocenka.access_employee(role_name name DEFAULT current_user) RETURNS bigint
	AS 'MODULE_PATHNAME', 'access_employee' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_employee(name) IS 'the employee a role is (person_login), or NULL';
CREATE FUNCTION ocenka.access_hr_bodies(role_name name DEFAULT current_user) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'access_hr_bodies' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_hr_bodies(name) IS 'the bodies whose HR head the role''s employee is today';
CREATE FUNCTION ocenka.access_evaluations(role_name name DEFAULT current_user) RETURNS ocenka.evaluation_span[]
	AS 'MODULE_PATHNAME', 'access_evaluations' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_evaluations(name) IS 'whom the role''s employee evaluates, and when (the evaluator assignments)';
CREATE FUNCTION ocenka.access_open_respondents(role_name name DEFAULT current_user) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'access_open_respondents' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_open_respondents(name) IS 'the respondent rows of the role''s employee in 360 surveys whose year is not closed: the only answers they may read or write';
CREATE FUNCTION ocenka.access_open_surveys(role_name name DEFAULT current_user) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'access_open_surveys' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_open_surveys(name) IS 'the open 360 surveys in which the role''s employee is a respondent';
CREATE FUNCTION ocenka.access_calibration_cases(role_name name DEFAULT current_user) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'access_calibration_cases' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_calibration_cases(name) IS 'the calibration applications whose session the role''s employee sits on (000 ¶20: the session''s members know the result)';
CREATE FUNCTION ocenka.access_commission_meetings(role_name name DEFAULT current_user) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'access_commission_meetings' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_commission_meetings(name) IS 'the commission meetings whose composition includes the role''s employee (001 ch. 5)';
CREATE FUNCTION ocenka.access_calibration_sessions(role_name name DEFAULT current_user) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'access_calibration_sessions' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_calibration_sessions(name) IS 'the calibration sessions the role''s employee sits on (a member votes in them)';
CREATE FUNCTION ocenka.access_hr_sessions(role_name name DEFAULT current_user) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'access_hr_sessions' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.access_hr_sessions(name) IS 'the calibration sessions on applications of the bodies whose HR head the role''s employee is today';

-- The predicates of the policies: for the current user, from the same answers, asked row by row
-- (a C call and a binary search) rather than as sub-selects: a statement planned anew paid more for
-- planning a dozen sub-selects, and the parents' policies they brought in, than for itself. NULL
-- arguments answer false.
CREATE FUNCTION ocenka.rls_all_support(internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'rls_all_support' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_all_support(internal) IS 'planner support of rls_all(): folds it into the planning role''s answer, the plan bound to that role and invalidated with the answer''s sources';
CREATE FUNCTION ocenka.rls_links_answers_support(internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'rls_links_answers_support' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_links_answers_support(internal) IS 'planner support of rls_links_answers(): folds it into the planning role''s answer, the plan bound to that role and invalidated with the answer''s sources';
CREATE FUNCTION ocenka.rls_all() RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_all' LANGUAGE C STABLE PARALLEL SAFE SUPPORT ocenka.rls_all_support;
COMMENT ON FUNCTION ocenka.rls_all() IS 'whether the current user sees every evaluation row (access_sees_all)';
CREATE FUNCTION ocenka.rls_links_answers() RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_links_answers' LANGUAGE C STABLE PARALLEL SAFE SUPPORT ocenka.rls_links_answers_support;
COMMENT ON FUNCTION ocenka.rls_links_answers() IS 'whether the current user may read every 360 answer (access_links_answers)';
CREATE FUNCTION ocenka.rls_me(employee bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_me' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_me(bigint) IS 'whether the current user is the employee';
CREATE FUNCTION ocenka.rls_hr(body bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_hr' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_hr(bigint) IS 'whether the current user sees every evaluation row or heads the body''s HR service today';
CREATE FUNCTION ocenka.rls_person(employee bigint, body bigint, first_day date, last_day date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_person' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_person(bigint, bigint, date, date) IS 'whether the current user sees a person''s record of a period: everything, their own, the body''s as its HR head, or as the person''s evaluator on some day of the period';
CREATE FUNCTION ocenka.rls_sheet_read(sheet bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_sheet_read' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_sheet_read(bigint) IS 'whether the current user sees the evaluation sheet: everything, or as its evaluatee, its evaluator or the body''s HR head';
CREATE FUNCTION ocenka.rls_sheet_write(sheet bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_sheet_write' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_sheet_write(bigint) IS 'whether the current user may write the sheet''s scores: everything, or as its evaluator or the body''s HR head';
CREATE FUNCTION ocenka.rls_sheet_evaluated(sheet bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_sheet_evaluated' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_sheet_evaluated(bigint) IS 'whether the current user is the sheet''s evaluator';
CREATE FUNCTION ocenka.rls_survey_hr(survey bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_survey_hr' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_survey_hr(bigint) IS 'whether the current user heads the HR service of the 360 survey''s body today';
CREATE FUNCTION ocenka.rls_open_survey(survey bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_open_survey' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_open_survey(bigint) IS 'whether the current user is a respondent of the 360 survey while its year is open';
CREATE FUNCTION ocenka.rls_open_respondent(respondent bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_open_respondent' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_open_respondent(bigint) IS 'whether the respondent row is the current user''s, while its survey''s year is open';
CREATE FUNCTION ocenka.rls_calibration_case(application bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_calibration_case' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_calibration_case(bigint) IS 'whether the current user sits on the calibration session on the application';
CREATE FUNCTION ocenka.rls_calibration_session(session bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_calibration_session' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_calibration_session(bigint) IS 'whether the current user sits on the calibration session';
CREATE FUNCTION ocenka.rls_hr_session(session bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_hr_session' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_hr_session(bigint) IS 'whether the calibration session is on an application of a body whose HR head the current user is today';
CREATE FUNCTION ocenka.rls_commission_meeting(meeting bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_commission_meeting' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_commission_meeting(bigint) IS 'whether the current user is on the commission of the meeting';
CREATE FUNCTION ocenka.rls_calibration_result(employee bigint, q ocenka.quarter) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_calibration_result' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_calibration_result(bigint, ocenka.quarter) IS 'whether the current user sits on a calibration session on the person''s quarter result (000 ¶20)';
CREATE FUNCTION ocenka.rls_commission_year(body bigint, year integer) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_commission_year' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_commission_year(bigint, integer) IS 'whether the current user is on a commission meeting that reviews the body''s year';
CREATE FUNCTION ocenka.rls_competency_result(survey bigint, answers integer) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rls_competency_result' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.rls_competency_result(bigint, integer) IS 'whether the current user sees a 360 competency mean: admin always; the evaluatee, their evaluator that year, the body''s HR head, HR and records only where at least 3 respondents besides self answered (000 ¶33)';

-- the tables the answers are computed from: a change to any makes every backend load them again
CREATE FUNCTION ocenka.access_facts_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'access_facts_changed' LANGUAGE C;
COMMENT ON FUNCTION ocenka.access_facts_changed() IS 'statement trigger on the tables the access answers are computed from: every backend loads them again';
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['person_login', 'hr_head', 'staff_capacity', 'evaluator', 'respondent', 'survey',
	                         'year_status', 'calibration_application', 'calibration_session', 'calibration_member',
	                         'commission_meeting', 'commission_member', 'competency_question', 'sheet'] LOOP
		-- a sheet's signature or form does not change who sees it
		EXECUTE format('CREATE TRIGGER access_facts_changed AFTER INSERT OR %s OR DELETE OR TRUNCATE ON ocenka.%I
		                FOR EACH STATEMENT EXECUTE FUNCTION ocenka.access_facts_changed()',
		               CASE t WHEN 'sheet' THEN 'UPDATE OF employee_id, evaluator_id, body_id' ELSE 'UPDATE' END, t);
		-- also when logical replication applies a change (session_replication_role = replica)
		EXECUTE format('ALTER TABLE ocenka.%I ENABLE ALWAYS TRIGGER access_facts_changed', t);
		EXECUTE format('COMMENT ON TRIGGER access_facts_changed ON ocenka.%I IS %L', t,
		               'the row-level security answers of every backend are loaded again after a change');
	END LOOP;
END $$;

-- ---------- the policies ----------
-- Each table: who reads (USING) and who writes (a FOR ALL policy's USING and WITH CHECK, or
-- per command). Reading a child row is reading its parent: an item is visible when its sheet is.
-- The tables reports scan whole ask rls_all() or rls_links_answers() first, which the planner folds
-- into a constant (rls_all_support): for HR, records and admin the whole filter is then true and
-- dropped, so a row costs nothing; for anyone else the constant false drops out of the OR. The results
-- and decisions ask it in their write policy, which applies to reading too; KPIs, surveys, answers and
-- competency results in their read policy.

ALTER TABLE ocenka.sheet ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.sheet FOR SELECT USING (
	ocenka.rls_hr(body_id) OR ocenka.rls_me(employee_id) OR ocenka.rls_me(evaluator_id));
CREATE POLICY ocenka_insert ON ocenka.sheet FOR INSERT WITH CHECK (ocenka.rls_hr(body_id));
CREATE POLICY ocenka_update ON ocenka.sheet FOR UPDATE
	USING (ocenka.rls_hr(body_id) OR ocenka.rls_me(evaluator_id))
	WITH CHECK (ocenka.rls_hr(body_id) OR ocenka.rls_me(evaluator_id));
CREATE POLICY ocenka_delete ON ocenka.sheet FOR DELETE USING (ocenka.rls_hr(body_id));
COMMENT ON POLICY ocenka_read ON ocenka.sheet IS 'the evaluatee, the evaluator, the body''s HR head, HR, records and admin';
COMMENT ON POLICY ocenka_insert ON ocenka.sheet IS 'sheets are opened by HR (or the body''s HR head), records or admin';
COMMENT ON POLICY ocenka_update ON ocenka.sheet IS 'HR, records, admin, the body''s HR head, or the sheet''s evaluator (who may not hand it to someone else)';
COMMENT ON POLICY ocenka_delete ON ocenka.sheet IS 'HR, records, admin or the body''s HR head';

ALTER TABLE ocenka.item ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
-- per command rather than FOR ALL: a FOR ALL policy is also a read policy, and a one-row UPDATE then
-- plans and checks the sheet twice more (about 5 µs of a 60 µs statement)
CREATE POLICY ocenka_read ON ocenka.item FOR SELECT USING (ocenka.rls_sheet_read(sheet_id));
CREATE POLICY ocenka_insert ON ocenka.item FOR INSERT WITH CHECK (ocenka.rls_sheet_write(sheet_id));
CREATE POLICY ocenka_update ON ocenka.item FOR UPDATE
	USING (ocenka.rls_sheet_write(sheet_id)) WITH CHECK (ocenka.rls_sheet_write(sheet_id));
CREATE POLICY ocenka_delete ON ocenka.item FOR DELETE USING (ocenka.rls_sheet_write(sheet_id));
COMMENT ON POLICY ocenka_read ON ocenka.item IS 'whoever sees the item''s sheet';
COMMENT ON POLICY ocenka_insert ON ocenka.item IS 'the sheet''s evaluator scores it; HR, records, admin and the body''s HR head may too';
COMMENT ON POLICY ocenka_update ON ocenka.item IS 'the sheet''s evaluator scores it; HR, records, admin and the body''s HR head may too';
COMMENT ON POLICY ocenka_delete ON ocenka.item IS 'the sheet''s evaluator, HR, records, admin and the body''s HR head';

ALTER TABLE ocenka.quarter_result ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.quarter_result FOR SELECT USING (
	ocenka.rls_hr(body_id) OR ocenka.rls_me(employee_id) OR ocenka.rls_sheet_evaluated(sheet_id));
CREATE POLICY ocenka_write ON ocenka.quarter_result FOR ALL USING (ocenka.rls_all()) WITH CHECK (ocenka.rls_all());
COMMENT ON POLICY ocenka_read ON ocenka.quarter_result IS 'the evaluatee, the evaluator of its sheet, the body''s HR head, HR, records and admin';
COMMENT ON POLICY ocenka_write ON ocenka.quarter_result IS 'written by the closes (admin), acquaintance by HR or records';

ALTER TABLE ocenka.annual_result ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.annual_result FOR SELECT USING (
	ocenka.rls_person(employee_id, body_id, make_date(year, 1, 1), make_date(year, 12, 31)));
CREATE POLICY ocenka_write ON ocenka.annual_result FOR ALL USING (ocenka.rls_all()) WITH CHECK (ocenka.rls_all());
COMMENT ON POLICY ocenka_read ON ocenka.annual_result IS 'the evaluatee, whoever evaluated them during the year, the body''s HR head, HR, records and admin';
COMMENT ON POLICY ocenka_write ON ocenka.annual_result IS 'written by the closes (admin), acquaintance by HR or records';

ALTER TABLE ocenka.kpi ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.kpi FOR SELECT USING (
	ocenka.rls_all() OR ocenka.rls_person(employee_id, body_id, make_date(year, 1, 1), make_date(year, 12, 31)));
CREATE POLICY ocenka_write ON ocenka.kpi FOR ALL USING (ocenka.rls_hr(body_id)) WITH CHECK (ocenka.rls_hr(body_id));
COMMENT ON POLICY ocenka_read ON ocenka.kpi IS 'the head it is set for, whoever evaluates them that year, the body''s HR head, HR, records and admin';
COMMENT ON POLICY ocenka_write ON ocenka.kpi IS 'HR (who places the plan in the system, ¶22), records, admin or the body''s HR head';

ALTER TABLE ocenka.kpi_target ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.kpi_target FOR SELECT USING (
	ocenka.rls_all() OR EXISTS (SELECT FROM ocenka.kpi k WHERE k.id = kpi_id));
CREATE POLICY ocenka_write ON ocenka.kpi_target FOR ALL
	USING (ocenka.rls_all() OR EXISTS (SELECT FROM ocenka.kpi k WHERE k.id = kpi_id AND ocenka.rls_hr(k.body_id)))
	WITH CHECK (ocenka.rls_all() OR EXISTS (SELECT FROM ocenka.kpi k WHERE k.id = kpi_id AND ocenka.rls_hr(k.body_id)));
COMMENT ON POLICY ocenka_read ON ocenka.kpi_target IS 'whoever sees the KPI';
COMMENT ON POLICY ocenka_write ON ocenka.kpi_target IS 'HR (who computes the actual values, ¶22), records, admin or the body''s HR head';

ALTER TABLE ocenka.penalty ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.penalty FOR SELECT USING (
	ocenka.rls_person(employee_id, body_id, imposed_on, imposed_on));
CREATE POLICY ocenka_write ON ocenka.penalty FOR ALL USING (ocenka.rls_hr(body_id)) WITH CHECK (ocenka.rls_hr(body_id));
COMMENT ON POLICY ocenka_read ON ocenka.penalty IS 'the person penalised, whoever evaluated them on the day (the cap, §4b), the body''s HR head, HR, records and admin';
COMMENT ON POLICY ocenka_write ON ocenka.penalty IS 'HR, records, admin or the body''s HR head';

ALTER TABLE ocenka.survey ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.survey FOR SELECT USING (
	ocenka.rls_all() OR ocenka.rls_person(employee_id, body_id, make_date(year, 1, 1), make_date(year, 12, 31))
	OR ocenka.rls_open_survey(id));
CREATE POLICY ocenka_write ON ocenka.survey FOR ALL USING (ocenka.rls_hr(body_id)) WITH CHECK (ocenka.rls_hr(body_id));
COMMENT ON POLICY ocenka_read ON ocenka.survey IS 'the evaluatee, whoever evaluates them that year, the body''s HR head, HR, records, admin, and a respondent while the survey is open';
COMMENT ON POLICY ocenka_write ON ocenka.survey IS 'HR (who organises the 360), records, admin or the body''s HR head';

ALTER TABLE ocenka.respondent ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.respondent FOR SELECT USING (
	ocenka.rls_all() OR ocenka.rls_open_respondent(id) OR ocenka.rls_survey_hr(survey_id));
CREATE POLICY ocenka_write ON ocenka.respondent FOR ALL
	USING (ocenka.rls_all() OR ocenka.rls_survey_hr(survey_id)) WITH CHECK (ocenka.rls_all() OR ocenka.rls_survey_hr(survey_id));
COMMENT ON POLICY ocenka_read ON ocenka.respondent IS 'who is asked: HR, records, admin and the body''s HR head (they choose respondents, ¶35); a respondent their own row while the survey is open; never the evaluatee or the evaluator';
COMMENT ON POLICY ocenka_write ON ocenka.respondent IS 'HR, records, admin or the body''s HR head';

ALTER TABLE ocenka.answer ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.answer FOR SELECT USING (
	ocenka.rls_links_answers() OR ocenka.rls_open_respondent(respondent_id));
CREATE POLICY ocenka_insert ON ocenka.answer FOR INSERT WITH CHECK (
	ocenka.rls_all() OR ocenka.rls_open_respondent(respondent_id));
CREATE POLICY ocenka_update ON ocenka.answer FOR UPDATE
	USING (ocenka.rls_links_answers() OR ocenka.rls_open_respondent(respondent_id))
	WITH CHECK (ocenka.rls_links_answers() OR ocenka.rls_open_respondent(respondent_id));
CREATE POLICY ocenka_delete ON ocenka.answer FOR DELETE USING (
	ocenka.rls_links_answers() OR ocenka.rls_open_respondent(respondent_id));
COMMENT ON POLICY ocenka_read ON ocenka.answer IS 'anonymous (000 ¶33): only admin, and the respondent their own answers while the survey is open';
COMMENT ON POLICY ocenka_insert ON ocenka.answer IS 'the respondent, while the survey is open; HR or records keying in paper questionnaires (they cannot read them back)';
COMMENT ON POLICY ocenka_update ON ocenka.answer IS 'the respondent their own answers while the survey is open, or admin';
COMMENT ON POLICY ocenka_delete ON ocenka.answer IS 'the respondent their own answers while the survey is open, or admin (purge)';

ALTER TABLE ocenka.competency_result ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
-- a mean is shown only where at least 3 respondents besides self answered (000 ¶33, ¶35): see
-- access_facts_load's min_answers
CREATE POLICY ocenka_read ON ocenka.competency_result FOR SELECT USING (
	ocenka.rls_links_answers() OR ocenka.rls_competency_result(survey_id, answers));
CREATE POLICY ocenka_insert ON ocenka.competency_result FOR INSERT WITH CHECK (ocenka.rls_all());
CREATE POLICY ocenka_update ON ocenka.competency_result FOR UPDATE USING (ocenka.rls_all()) WITH CHECK (ocenka.rls_all());
CREATE POLICY ocenka_delete ON ocenka.competency_result FOR DELETE USING (ocenka.rls_all());
COMMENT ON POLICY ocenka_read ON ocenka.competency_result IS 'the evaluatee, whoever evaluates them that year, the body''s HR head, HR, records, where at least 3 respondents besides self answered (000 ¶33); admin every row';
COMMENT ON POLICY ocenka_insert ON ocenka.competency_result IS 'written by close_year (admin), HR or records';
COMMENT ON POLICY ocenka_update ON ocenka.competency_result IS 'HR, records or admin, on the rows they may read';
COMMENT ON POLICY ocenka_delete ON ocenka.competency_result IS 'HR, records or admin (purge), on the rows they may read';

ALTER TABLE ocenka.result_decision ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.result_decision FOR SELECT USING (
	ocenka.rls_person(employee_id, body_id,
	                  coalesce(ocenka.first_day(q), make_date(year, 1, 1)), coalesce(ocenka.last_day(q), make_date(year, 12, 31))));
CREATE POLICY ocenka_write ON ocenka.result_decision FOR ALL
	USING (ocenka.rls_all() OR ocenka.rls_hr(body_id)) WITH CHECK (ocenka.rls_all() OR ocenka.rls_hr(body_id));
COMMENT ON POLICY ocenka_read ON ocenka.result_decision IS 'the evaluatee, whoever evaluated them in the period, the body''s HR head, HR, records and admin';
COMMENT ON POLICY ocenka_write ON ocenka.result_decision IS 'HR records decisions (000 ¶41), or records, admin, the body''s HR head';

-- The audit log: read by auditors and admin, purged by admin; written only by the extension (no
-- insert policy: the writer is the tables' owner, and the log's direct writer stays in use).
ALTER TABLE ocenka.audit_log ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.audit_log FOR SELECT USING (
	ocenka.rls_links_answers() OR (SELECT ocenka.has_capacity('auditor')));
CREATE POLICY ocenka_purge ON ocenka.audit_log FOR DELETE USING (ocenka.rls_links_answers());
COMMENT ON POLICY ocenka_read ON ocenka.audit_log IS 'auditors (capacity auditor) and admin: the log holds every row image of every evaluation';
COMMENT ON POLICY ocenka_purge ON ocenka.audit_log IS 'admin, through purge_expired (the retention rule refuses anything earlier)';

-- ---------- after the grade, before it, and the outbox (issues 11 and 12) ----------
-- Members of a calibration session see its case while its records are kept (000 ¶20); members of a
-- commission see the year their meetings review.

CREATE POLICY ocenka_session_member ON ocenka.quarter_result FOR SELECT USING (ocenka.rls_calibration_result(employee_id, q));
COMMENT ON POLICY ocenka_session_member ON ocenka.quarter_result IS 'the members of a calibration session on the result';
CREATE POLICY ocenka_commission_member ON ocenka.annual_result FOR SELECT USING (ocenka.rls_commission_year(body_id, year));
COMMENT ON POLICY ocenka_commission_member ON ocenka.annual_result IS 'the members of the commission meeting that reviews the year';

-- person-level records: the person, whoever evaluates them in the period, the body's HR head, and
-- those who see everything; written by HR (or its head), records and admin
DO $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT * FROM (VALUES
		('acquaintance', 'coalesce(ocenka.first_day(q), make_date(year, 1, 1))', 'coalesce(ocenka.last_day(q), make_date(year, 12, 31))', 'false'),
		('kpi_plan', 'make_date(year, 1, 1)', 'make_date(year, 12, 31)', 'ocenka.rls_me(employee_id)'),
		('count_sheet', 'make_date(year, 1, 1)', 'make_date(year, 12, 31)', 'ocenka.rls_me(evaluator_id)'),
		('competency_assessment', 'make_date(year, 1, 1)', 'make_date(year, 12, 31)', 'ocenka.rls_me(evaluator_id)'),
		('calibration_application', 'ocenka.first_day(q)', 'ocenka.last_day(q)', 'ocenka.rls_me(employee_id)')
	) AS v(tab, first_day, last_day, writer) LOOP
		EXECUTE format('ALTER TABLE ocenka.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t.tab);
		EXECUTE format('CREATE POLICY ocenka_read ON ocenka.%I FOR SELECT USING (ocenka.rls_person(employee_id, body_id, %s, %s)%s)',
			t.tab, t.first_day, t.last_day,
			CASE t.tab WHEN 'calibration_application' THEN ' OR ocenka.rls_calibration_case(id)' ELSE '' END);
		EXECUTE format('CREATE POLICY ocenka_write ON ocenka.%1$I FOR ALL USING (ocenka.rls_hr(body_id) OR %2$s) WITH CHECK (ocenka.rls_hr(body_id) OR %2$s)',
			t.tab, t.writer);
		EXECUTE format('COMMENT ON POLICY ocenka_read ON ocenka.%I IS %L', t.tab,
			'the person, whoever evaluates them in the period, the body''s HR head, HR, records and admin'
			|| CASE t.tab WHEN 'calibration_application' THEN ', and the members of its session' ELSE '' END);
		EXECUTE format('COMMENT ON POLICY ocenka_write ON ocenka.%I IS %L', t.tab,
			CASE t.tab WHEN 'acquaintance' THEN 'HR records acquaintance (000 ¶11): HR, records, admin or the body''s HR head'
			           WHEN 'kpi_plan' THEN 'the head drafts their plan; HR, records, admin or the body''s HR head'
			           WHEN 'calibration_application' THEN 'the evaluatee applies (000 ¶12); HR, records, admin or the body''s HR head'
			           ELSE 'the evaluator fills and signs it; HR, records, admin or the body''s HR head' END);
	END LOOP;
END $$;

-- records that belong to a parent: visible as the parent is; written by the parent's writers (HR, its
-- head, records, admin; the evaluator on their sheets and assessments) and by a member their own vote
DO $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT * FROM (VALUES
		('calibration_session', 'EXISTS (SELECT FROM ocenka.calibration_application p WHERE p.id = application_id)',
		 'EXISTS (SELECT FROM ocenka.calibration_application p WHERE p.id = application_id AND ocenka.rls_hr(p.body_id))', ''),
		('calibration_member', 'EXISTS (SELECT FROM ocenka.calibration_session p WHERE p.id = session_id)',
		 'ocenka.rls_hr_session(session_id)', ''),
		('calibration_vote', 'EXISTS (SELECT FROM ocenka.calibration_session p WHERE p.id = session_id)',
		 'ocenka.rls_hr_session(session_id) OR ocenka.rls_me(employee_id) AND ocenka.rls_calibration_session(session_id)',
		 ', or a member their own vote'),
		('appeal', 'EXISTS (SELECT FROM ocenka.result_decision p WHERE p.id = decision_id)',
		 'EXISTS (SELECT FROM ocenka.result_decision p WHERE p.id = decision_id AND ocenka.rls_hr(p.body_id))', ''),
		('commission_attendance', 'EXISTS (SELECT FROM ocenka.commission_meeting p WHERE p.id = meeting_id)',
		 'EXISTS (SELECT FROM ocenka.commission_meeting p WHERE p.id = meeting_id AND ocenka.rls_hr(p.body_id))', ''),
		('commission_vote', 'EXISTS (SELECT FROM ocenka.commission_meeting p WHERE p.id = meeting_id)',
		 'EXISTS (SELECT FROM ocenka.commission_meeting p WHERE p.id = meeting_id AND ocenka.rls_hr(p.body_id))'
		 || ' OR ocenka.rls_me(voter_id) AND ocenka.rls_commission_meeting(meeting_id)', ', or a member their own vote'),
		('kpi_indicator', 'EXISTS (SELECT FROM ocenka.kpi p WHERE p.id = kpi_id)',
		 'EXISTS (SELECT FROM ocenka.kpi p WHERE p.id = kpi_id AND ocenka.rls_hr(p.body_id))', ''),
		('item_note', 'ocenka.rls_sheet_read(sheet_id)', 'ocenka.rls_sheet_write(sheet_id)', ', or the sheet''s evaluator'),
		('indicator_mark', 'EXISTS (SELECT FROM ocenka.competency_assessment p WHERE p.id = assessment_id)',
		 'EXISTS (SELECT FROM ocenka.competency_assessment p WHERE p.id = assessment_id AND (ocenka.rls_hr(p.body_id) OR ocenka.rls_me(p.evaluator_id)))',
		 ', or the assessment''s evaluator')
	) AS v(tab, reader, writer, also) LOOP
		EXECUTE format('ALTER TABLE ocenka.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t.tab);
		EXECUTE format('CREATE POLICY ocenka_read ON ocenka.%I FOR SELECT USING (ocenka.rls_all() OR %s)', t.tab, t.reader);
		EXECUTE format('CREATE POLICY ocenka_write ON ocenka.%1$I USING (ocenka.rls_all() OR %2$s) WITH CHECK (ocenka.rls_all() OR %2$s)',
		               t.tab, t.writer);
		EXECUTE format('COMMENT ON POLICY ocenka_read ON ocenka.%I IS %L', t.tab,
		               'whoever sees the ' || CASE t.tab WHEN 'item_note' THEN 'sheet'
		                                              ELSE split_part(split_part(t.reader, 'ocenka.', 2), ' ', 1) END || ' it belongs to');
		EXECUTE format('COMMENT ON POLICY ocenka_write ON ocenka.%I IS %L', t.tab, 'HR, records, admin or the body''s HR head' || t.also);
	END LOOP;
END $$;

ALTER TABLE ocenka.commission_meeting ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.commission_meeting FOR SELECT USING (
	ocenka.rls_hr(body_id) OR ocenka.rls_commission_meeting(id));
CREATE POLICY ocenka_write ON ocenka.commission_meeting FOR ALL USING (ocenka.rls_hr(body_id)) WITH CHECK (ocenka.rls_hr(body_id));
COMMENT ON POLICY ocenka_read ON ocenka.commission_meeting IS 'the commission''s members, the body''s HR head (its secretary is HR), HR, records and admin';
COMMENT ON POLICY ocenka_write ON ocenka.commission_meeting IS 'HR schedules and records meetings; records, admin or the body''s HR head';

-- steps and notices name the person, the body and the period as text
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['review_step', 'notice'] LOOP
		EXECUTE format('ALTER TABLE ocenka.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t);
		EXECUTE format($p$CREATE POLICY ocenka_read ON ocenka.%I FOR SELECT USING (
			ocenka.rls_person(employee_id, body_id,
			                  CASE WHEN period LIKE '%%-Q%%' THEN ocenka.first_day(period::ocenka.quarter) ELSE make_date(left(period, 4)::integer, 1, 1) END,
			                  CASE WHEN period LIKE '%%-Q%%' THEN ocenka.last_day(period::ocenka.quarter) ELSE make_date(left(period, 4)::integer, 12, 31) END))$p$, t);
		EXECUTE format($p$CREATE POLICY ocenka_write ON ocenka.%I FOR ALL
			USING (ocenka.rls_hr(body_id)) WITH CHECK (ocenka.rls_hr(body_id) OR %s)$p$,
			t, CASE t WHEN 'review_step' THEN 'ocenka.rls_me(signer_id)' ELSE 'false' END);
		EXECUTE format('COMMENT ON POLICY ocenka_read ON ocenka.%I IS %L', t,
		               'the person, whoever evaluates them in the period, the body''s HR head, HR, records and admin');
		EXECUTE format('COMMENT ON POLICY ocenka_write ON ocenka.%I IS %L', t, CASE t WHEN 'review_step'
		               THEN 'a signer records their own step; HR, records, admin or the body''s HR head'
		               ELSE 'written with the event by the rules; consumed by the mailer (records or admin)' END);
	END LOOP;
END $$;
