-- Disclosure for service necessity (issue 13 item 5; 002 ¶13: results are confidential and are not
-- disclosed to third parties "except for service necessity"). A role with the disclosure capacity
-- opens one person's results of one period by calling disclose_result with the legal ground; the call
-- is recorded in ocenka.disclosure (who, whose, which period, on what ground, when), a table that is
-- itself audited (its writes reach audit_log) and under row-level security. Anyone else is refused
-- (42501) before anything about the person is looked at.

CREATE TABLE ocenka.disclosure (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	disclosed_at timestamptz NOT NULL DEFAULT statement_timestamp(),
	requested_by name NOT NULL,
	session_login name NOT NULL,
	employee_id bigint NOT NULL,
	period text NOT NULL,
	body_id bigint,
	q ocenka.quarter,
	year integer NOT NULL,
	ground text NOT NULL CONSTRAINT disclosure_ground_given CHECK (btrim(ground) <> ''),
	results integer NOT NULL
);
CREATE INDEX ON ocenka.disclosure (employee_id);
COMMENT ON TABLE ocenka.disclosure IS 'every disclosure of a person''s results for service necessity (002 ¶13), written by disclose_result only: read by auditors, admin and the requester (their own); nobody changes an entry; audited';
COMMENT ON COLUMN ocenka.disclosure.id IS 'identifier, in order of disclosure';
COMMENT ON COLUMN ocenka.disclosure.disclosed_at IS 'when the results were disclosed';
COMMENT ON COLUMN ocenka.disclosure.requested_by IS 'the role that asked (current_user of the call), which holds the disclosure capacity';
COMMENT ON COLUMN ocenka.disclosure.session_login IS 'the login of the session that asked (session_user)';
COMMENT ON COLUMN ocenka.disclosure.employee_id IS 'the person whose results were disclosed';
COMMENT ON COLUMN ocenka.disclosure.period IS 'the period asked for: a quarter (2026-Q2) or a year (2026: the annual result and the year''s quarters)';
COMMENT ON COLUMN ocenka.disclosure.body_id IS 'the body of the results disclosed (the first, if several), NULL when there were none';
COMMENT ON COLUMN ocenka.disclosure.q IS 'the quarter, when a quarter was asked for';
COMMENT ON COLUMN ocenka.disclosure.year IS 'the year of the period';
COMMENT ON COLUMN ocenka.disclosure.ground IS 'the legal ground of the service necessity (required, not blank)';
COMMENT ON COLUMN ocenka.disclosure.results IS 'how many results were disclosed';
SELECT pg_catalog.pg_extension_config_dump('ocenka.disclosure', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('ocenka.disclosure', 'id')::regclass, '');

ALTER TABLE ocenka.disclosure ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ocenka_read ON ocenka.disclosure FOR SELECT USING (
	(SELECT ocenka.access_links_answers()) OR (SELECT ocenka.has_capacity('auditor')) OR requested_by = current_user);
CREATE POLICY ocenka_insert ON ocenka.disclosure FOR INSERT WITH CHECK ((SELECT ocenka.access_links_answers()));
CREATE POLICY ocenka_purge ON ocenka.disclosure FOR DELETE USING ((SELECT ocenka.access_links_answers()));
COMMENT ON POLICY ocenka_read ON ocenka.disclosure IS 'auditors, admin, and the requester their own disclosures';
COMMENT ON POLICY ocenka_insert ON ocenka.disclosure IS 'written by disclose_result (the owner); no update policy: an entry never changes';
COMMENT ON POLICY ocenka_purge ON ocenka.disclosure IS 'admin only';
CREATE TRIGGER ocenka_0_no_truncate BEFORE TRUNCATE ON ocenka.disclosure
	FOR EACH STATEMENT EXECUTE FUNCTION ocenka.refuse_truncate();
SELECT ocenka.create_audit_triggers('ocenka.disclosure', 'body_id, q, year', 'r.body_id, r.q, r.year', '');

CREATE FUNCTION ocenka.disclose_result(person bigint, period text, ground text, role_name name DEFAULT current_user)
	RETURNS TABLE (employee_id bigint, result_period text, body_id bigint, status text, final_score numeric,
	               final_gradation text, final_state text, final_on date)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
	SET search_path = pg_catalog, ocenka, pg_temp
AS $$
#variable_conflict use_column
DECLARE
	v_q ocenka.quarter;
	v_year integer;
	n integer;
BEGIN
	PERFORM ocenka.access_login(role_name);
	IF NOT ocenka.has_capacity('disclosure', role_name) THEN
		RAISE EXCEPTION 'permission denied: role "%" may not disclose evaluation results', role_name
			USING ERRCODE = '42501',
			DETAIL = 'Evaluation results are confidential (000 ¶15, ¶20); they are disclosed for service necessity (002 ¶13) only by a role with the disclosure capacity.',
			HINT = 'Ask for the capacity: INSERT INTO ocenka.staff_capacity VALUES (''<role>'', ''disclosure'').';
	END IF;
	IF person IS NULL OR period IS NULL OR ground IS NULL THEN
		RAISE EXCEPTION 'disclose_result: the person, the period and the ground are required' USING ERRCODE = '22004';
	END IF;
	IF pg_catalog.btrim(ground) = '' THEN
		RAISE EXCEPTION 'the disclosure of employee %''s results for % has no legal ground', person, period
			USING ERRCODE = '22023', DETAIL = 'A disclosure for service necessity records its legal ground (002 ¶13).',
			HINT = 'Name the law, order or request that makes the disclosure necessary.';
	END IF;
	IF period ~ '^[0-9]{4}-Q[1-4]$' THEN
		v_q := period::ocenka.quarter;
		v_year := ocenka.year_of(v_q);
	ELSIF period ~ '^[0-9]{4}$' THEN
		v_year := period::integer;
	ELSE
		RAISE EXCEPTION 'period "%" is neither a quarter (2026-Q2) nor a year (2026)', period USING ERRCODE = '22023';
	END IF;
	IF NOT EXISTS (SELECT FROM ocenka.employee e WHERE e.id = person) THEN
		RAISE EXCEPTION 'employee % does not exist', person USING ERRCODE = '22023';
	END IF;
	RETURN QUERY
		SELECT r.employee_id, r.q::text, r.body_id, r.status, r.final_score::numeric, r.final_gradation::text, r.final_state, r.final_on
		FROM ocenka.final_quarter_result r
		WHERE r.employee_id = person AND (r.q = v_q OR (v_q IS NULL AND ocenka.year_of(r.q) = v_year))
		UNION ALL
		SELECT a.employee_id, a.year::text, a.body_id, a.status, a.final_score::numeric, a.final_gradation::text, a.final_state, a.final_on
		FROM ocenka.final_annual_result a
		WHERE a.employee_id = person AND v_q IS NULL AND a.year = v_year
		ORDER BY 2;
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO ocenka.disclosure (requested_by, session_login, employee_id, period, body_id, q, year, ground, results)
	SELECT role_name, session_user, person, period,
	       coalesce((SELECT r.body_id FROM ocenka.quarter_result r
	                 WHERE r.employee_id = person AND (r.q = v_q OR (v_q IS NULL AND ocenka.year_of(r.q) = v_year)) ORDER BY r.q LIMIT 1),
	                (SELECT a.body_id FROM ocenka.annual_result a WHERE a.employee_id = person AND a.year = v_year)),
	       v_q, v_year, ground, n;
	RETURN;
END $$;
COMMENT ON FUNCTION ocenka.disclose_result(bigint, text, text, name) IS 'for service necessity (002 ¶13): a role with the disclosure capacity opens one person''s final results of a quarter (2026-Q2) or of a year (2026: the annual result and its quarters), giving the legal ground; records who, whose, which period, the ground and when in ocenka.disclosure (audited); anyone else is refused (42501) before the person is looked at; a blank ground is refused (22023)';
