-- pgTAP: the role matrix of row-level security (src/access/access.sql, issue 13). Every kind of user
-- × every table and view of schema ocenka that holds a person's data (taken from the catalog: a new
-- one without a row below fails the first test) × SELECT, INSERT, UPDATE, DELETE, run with SET ROLE
-- as unprivileged roles on the fixture test/fixture/access.sql (see there who is who). A cell is
--   SELECT          the number of rows the role sees
--   INSERT          of a copy of the relation's first fixture row (person 1, body 1, where it has
--                   them): 'rls' refused by a policy (42501), 'grant' refused by privileges (42501),
--                   'ok' written, or the SQLSTATE of the rule or key that refused it after the
--                   policies let it through (23505: a duplicate key, i.e. the policy allowed it)
--   UPDATE, DELETE  the number of rows the command can reach (the policies' USING, and the read
--                   policy, as for any command with a WHERE), counted without changing any: WHERE
--                   calls a function that counts and answers false; or an SQLSTATE
-- Every probe runs in a subtransaction rolled back at once, so no probe sees another's writes.
-- Roles, in the matrix's column order: self (employee 1), other (2), evaluator (3, of 1 from 2025),
-- expired (4, of 1 in 2024 only), hrhead1, hrhead2, hr, admin, session (member of the session on 1's
-- 2025-Q3), commission (member of body 1's commission), records, auditor, disclosure, reporting
-- (SELECT on the views only), nobody (every privilege, no employee, no capacity).
BEGIN;
SET search_path = ocenka, public;
SELECT plan(53);
\ir fixture/access.sql
\o /dev/null

-- the relations of the matrix: every table or view of ocenka with a column naming a person or a
-- person's record, and every table under row-level security
CREATE FUNCTION pg_temp.matrix_relations() RETURNS TABLE (rel regclass, kind "char")
	LANGUAGE sql STABLE
AS $$
	SELECT c.oid::regclass, c.relkind FROM pg_class c
	WHERE c.relnamespace = 'ocenka'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
	  AND (c.relrowsecurity OR EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	       AND a.attname IN ('employee_id', 'evaluatee_id', 'evaluator_id', 'respondent_id', 'voter_id', 'signer_id', 'sheet_id',
	                         'survey_id', 'kpi_id', 'assessment_id', 'session_id', 'meeting_id', 'decision_id', 'application_id',
	                         'count_sheet_id', 'audit_id')))
$$;

-- the first fixture row of each table, which INSERT tries to write again
CREATE TEMP TABLE matrix_sample (rel regclass PRIMARY KEY, sample jsonb);
DO $$
DECLARE
	r regclass;
	j jsonb;
BEGIN
	FOR r IN SELECT m.rel FROM pg_temp.matrix_relations() m WHERE m.kind = 'r' LOOP
		EXECUTE format('SELECT to_jsonb(t) FROM %s t LIMIT 1', r) INTO j;
		INSERT INTO matrix_sample VALUES (r, j);
	END LOOP;
END $$;
CREATE TEMP TABLE matrix_seen (who text, rel regclass, command text, outcome text, PRIMARY KEY (who, rel, command));
GRANT SELECT ON matrix_sample TO PUBLIC;
GRANT ALL ON matrix_seen TO PUBLIC;

-- counts a row reached by UPDATE or DELETE and answers false, so that none is changed (a function the
-- planner may not run before the policies' conditions: it is not LEAKPROOF)
CREATE FUNCTION pg_temp.tick(anyelement) RETURNS boolean
	LANGUAGE sql VOLATILE
AS $$ SELECT set_config('ocenka_matrix.n', (coalesce(nullif(current_setting('ocenka_matrix.n', true), ''), '0')::integer + 1)::text, true) IS NULL $$;

-- one cell: the statement of the command on the relation, run in a subtransaction that is rolled back
CREATE FUNCTION pg_temp.probe(r regclass, command text) RETURNS text
	LANGUAGE plpgsql
AS $$
DECLARE
	col name := (SELECT quote_ident(a.attname) FROM pg_attribute a WHERE a.attrelid = r AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum LIMIT 1);
	n bigint;
	outcome text;
	state text;
	message text;
BEGIN
	PERFORM set_config('ocenka_matrix.n', '0', true);
	IF command <> 'SELECT' AND pg_relation_is_updatable(r, false) = 0 THEN
		RETURN '-';  -- a view that cannot be written (55000)
	END IF;
	BEGIN
		CASE command
		WHEN 'SELECT' THEN
			EXECUTE format('SELECT count(*) FROM %s', r) INTO n;
			outcome := n::text;
		WHEN 'INSERT' THEN
			EXECUTE format('INSERT INTO %s OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_record(NULL::%s, (SELECT sample FROM pg_temp.matrix_sample WHERE rel = %L::regclass))', r, r, r);
			outcome := 'ok';
		WHEN 'UPDATE' THEN
			EXECUTE format('UPDATE %s SET %s = %s WHERE pg_temp.tick(%s)', r, col, col, col);
			outcome := current_setting('ocenka_matrix.n');
		WHEN 'DELETE' THEN
			EXECUTE format('DELETE FROM %s WHERE pg_temp.tick(%s)', r, col);
			outcome := current_setting('ocenka_matrix.n');
		END CASE;
		RAISE SQLSTATE 'XM000';
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
		IF state <> 'XM000' THEN
			outcome := CASE WHEN state = '42501' AND message LIKE '%row-level security%' THEN 'rls'
			                WHEN state = '42501' THEN 'grant' ELSE state END;
		END IF;
	END;
	RETURN outcome;
END
$$;

CREATE FUNCTION pg_temp.probe_all(who text) RETURNS void
	LANGUAGE sql
AS $$
	INSERT INTO matrix_seen
	SELECT who, m.rel, c.command, pg_temp.probe(m.rel, c.command)
	FROM pg_temp.matrix_relations() m, unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) c(command)
	ORDER BY m.rel::text, c.command
$$;
SELECT pg_temp.as_each('probe_all', ARRAY['self', 'other', 'evaluator', 'expired', 'hrhead1', 'hrhead2', 'hr', 'admin', 'session',
	                           'commission', 'records', 'auditor', 'disclosure', 'reporting', 'nobody']);
CREATE TEMP VIEW matrix AS
SELECT replace(rel::text, 'ocenka.', '') AS rel, command,
       max(outcome) FILTER (WHERE who = 'self') AS self, max(outcome) FILTER (WHERE who = 'other') AS other,
       max(outcome) FILTER (WHERE who = 'evaluator') AS evaluator, max(outcome) FILTER (WHERE who = 'expired') AS expired,
       max(outcome) FILTER (WHERE who = 'hrhead1') AS hrhead1, max(outcome) FILTER (WHERE who = 'hrhead2') AS hrhead2,
       max(outcome) FILTER (WHERE who = 'hr') AS hr, max(outcome) FILTER (WHERE who = 'admin') AS admin,
       max(outcome) FILTER (WHERE who = 'session') AS session, max(outcome) FILTER (WHERE who = 'commission') AS commission,
       max(outcome) FILTER (WHERE who = 'records') AS records, max(outcome) FILTER (WHERE who = 'auditor') AS auditor,
       max(outcome) FILTER (WHERE who = 'disclosure') AS disclosure, max(outcome) FILTER (WHERE who = 'reporting') AS reporting,
       max(outcome) FILTER (WHERE who = 'nobody') AS nobody
FROM matrix_seen GROUP BY rel, command;
\o

-- the matrix expected: rows seen, or what INSERT met, or rows UPDATE and DELETE reach ('-': a view that
-- cannot be written; '0A000', '428C9': a write the relation refuses before any policy)
CREATE TEMP TABLE matrix_expected (rel text, command text, self text, other text, evaluator text, expired text, hrhead1 text,
	hrhead2 text, hr text, admin text, session text, commission text, records text, auditor text, disclosure text,
	reporting text, nobody text);
INSERT INTO matrix_expected VALUES
	('absence', 'SELECT', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', 'grant', '0'),
	('absence', 'INSERT', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('absence', 'UPDATE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('absence', 'DELETE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('acquaintance', 'SELECT', '1', '1', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('acquaintance', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('acquaintance', 'UPDATE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('acquaintance', 'DELETE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('annual_result', 'SELECT', '1', '1', '0', '1', '2', '1', '3', '3', '0', '2', '3', '0', '0', 'grant', '0'),
	('annual_result', 'INSERT', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('annual_result', 'UPDATE', '0', '0', '0', '0', '0', '0', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('annual_result', 'DELETE', '0', '0', '0', '0', '0', '0', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('answer', 'SELECT', '1', '1', '1', '0', '0', '0', '0', '12', '1', '0', '0', '0', '0', 'grant', '0'),
	('answer', 'INSERT', '23505', 'rls', 'rls', 'rls', 'rls', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('answer', 'UPDATE', '1', '1', '1', '0', '0', '0', '0', '12', '1', '0', '0', '0', '0', 'grant', '0'),
	('answer', 'DELETE', '1', '1', '1', '0', '0', '0', '0', '12', '1', '0', '0', '0', '0', 'grant', '0'),
	('appeal', 'SELECT', '1', '0', '1', '0', '1', '0', '1', '1', '0', '0', '1', '0', '0', 'grant', '0'),
	('appeal', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('appeal', 'UPDATE', '0', '0', '0', '0', '1', '0', '1', '1', '0', '0', '1', '0', '0', 'grant', '0'),
	('appeal', 'DELETE', '0', '0', '0', '0', '1', '0', '1', '1', '0', '0', '1', '0', '0', 'grant', '0'),
	('appointment', 'SELECT', '11', '11', '11', '11', '11', '11', '11', '11', '11', '11', '11', '11', '11', 'grant', '11'),
	('appointment', 'INSERT', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('appointment', 'UPDATE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('appointment', 'DELETE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('audit_log', 'SELECT', '0', '0', '0', '0', '0', '0', '0', '2', '0', '0', '0', '2', '0', 'grant', '0'),
	('audit_log', 'INSERT', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', 'grant', 'rls'),
	('audit_log', 'UPDATE', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9'),
	('audit_log', 'DELETE', '0', '0', '0', '0', '0', '0', '0', '2', '0', '0', '0', '0', '0', 'grant', '0'),
	('audit_trail', 'SELECT', '0', '0', '0', '0', '0', '0', '0', '2', '0', '0', '0', '2', '0', 'grant', '0'),
	('audit_trail', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('audit_trail', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('audit_trail', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_annual_result', 'SELECT', '1', '1', '0', '1', '2', '1', '3', '3', '0', '2', '3', '0', '0', 'grant', '0'),
	('bi_annual_result', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_annual_result', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_annual_result', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_evaluator_departure', 'SELECT', '2', '1', '1', '1', '3', '1', '4', '4', '0', '0', '4', '0', '0', 'grant', '0'),
	('bi_evaluator_departure', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_evaluator_departure', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_evaluator_departure', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_kpi_achievement', 'SELECT', '1', '1', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('bi_kpi_achievement', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_kpi_achievement', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_kpi_achievement', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_quarter_result', 'SELECT', '2', '1', '1', '1', '3', '1', '4', '4', '1', '0', '4', '0', '0', 'grant', '0'),
	('bi_quarter_result', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_quarter_result', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('bi_quarter_result', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('body_service', 'SELECT', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1'),
	('body_service', 'INSERT', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('body_service', 'UPDATE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('body_service', 'DELETE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('calibration_application', 'SELECT', '1', '1', '1', '0', '2', '0', '2', '2', '1', '0', '2', '0', '0', 'grant', '0'),
	('calibration_application', 'INSERT', '23505', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('calibration_application', 'UPDATE', '1', '1', '0', '0', '2', '0', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('calibration_application', 'DELETE', '1', '1', '0', '0', '2', '0', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('calibration_case', 'SELECT', '1', '1', '1', '0', '2', '0', '2', '2', '1', '0', '2', '0', '0', 'grant', '0'),
	('calibration_case', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('calibration_case', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('calibration_case', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('calibration_member', 'SELECT', '1', '1', '1', '0', '2', '0', '2', '2', '1', '0', '2', '0', '0', 'grant', '0'),
	('calibration_member', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('calibration_member', 'UPDATE', '0', '0', '0', '0', '2', '0', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('calibration_member', 'DELETE', '0', '0', '0', '0', '2', '0', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('calibration_session', 'SELECT', '1', '1', '1', '0', '2', '0', '2', '2', '1', '0', '2', '0', '0', 'grant', '0'),
	('calibration_session', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('calibration_session', 'UPDATE', '0', '0', '0', '0', '2', '0', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('calibration_session', 'DELETE', '0', '0', '0', '0', '2', '0', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('calibration_vote', 'SELECT', '1', '1', '1', '0', '2', '0', '2', '2', '1', '0', '2', '0', '0', 'grant', '0'),
	('calibration_vote', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', '23505', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('calibration_vote', 'UPDATE', '0', '0', '0', '0', '2', '0', '2', '2', '1', '0', '2', '0', '0', 'grant', '0'),
	('calibration_vote', 'DELETE', '0', '0', '0', '0', '2', '0', '2', '2', '1', '0', '2', '0', '0', 'grant', '0'),
	('commission_attendance', 'SELECT', '0', '0', '0', '0', '1', '1', '2', '2', '0', '1', '2', '0', '0', 'grant', '0'),
	('commission_attendance', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('commission_attendance', 'UPDATE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('commission_attendance', 'DELETE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('commission_meeting', 'SELECT', '0', '0', '0', '0', '1', '1', '2', '2', '0', '1', '2', '0', '0', 'grant', '0'),
	('commission_meeting', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('commission_meeting', 'UPDATE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('commission_meeting', 'DELETE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('commission_member', 'SELECT', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', 'grant', '1'),
	('commission_member', 'INSERT', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('commission_member', 'UPDATE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('commission_member', 'DELETE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('commission_membership', 'SELECT', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', 'grant', '1'),
	('commission_membership', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('commission_membership', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('commission_membership', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('commission_vote', 'SELECT', '0', '0', '0', '0', '1', '1', '2', '2', '0', '1', '2', '0', '0', 'grant', '0'),
	('commission_vote', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', '23505', '23505', 'rls', 'rls', 'grant', 'rls'),
	('commission_vote', 'UPDATE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '1', '2', '0', '0', 'grant', '0'),
	('commission_vote', 'DELETE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '1', '2', '0', '0', 'grant', '0'),
	('competency_assessment', 'SELECT', '1', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('competency_assessment', 'INSERT', 'rls', 'rls', '23505', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('competency_assessment', 'UPDATE', '0', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('competency_assessment', 'DELETE', '0', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('competency_assessment_result', 'SELECT', '11', '0', '11', '0', '11', '11', '22', '22', '0', '0', '22', '0', '0', 'grant', '0'),
	('competency_assessment_result', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('competency_assessment_result', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('competency_assessment_result', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('competency_result', 'SELECT', '0', '1', '0', '0', '1', '0', '1', '2', '0', '0', '1', '0', '0', 'grant', '0'),
	('competency_result', 'INSERT', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('competency_result', 'UPDATE', '0', '0', '0', '0', '0', '0', '1', '2', '0', '0', '1', '0', '0', 'grant', '0'),
	('competency_result', 'DELETE', '0', '0', '0', '0', '0', '0', '1', '2', '0', '0', '1', '0', '0', 'grant', '0'),
	('count_sheet', 'SELECT', '1', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('count_sheet', 'INSERT', 'rls', 'rls', '23505', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('count_sheet', 'UPDATE', '0', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('count_sheet', 'DELETE', '0', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('disclosure', 'SELECT', '0', '0', '0', '0', '0', '0', '0', '1', '0', '0', '0', '1', '1', 'grant', '0'),
	('disclosure', 'INSERT', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', 'rls', 'rls', 'rls', 'rls', 'grant', 'rls'),
	('disclosure', 'UPDATE', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9', '428C9'),
	('disclosure', 'DELETE', '0', '0', '0', '0', '0', '0', '0', '1', '0', '0', '0', '0', '0', 'grant', '0'),
	('duty', 'SELECT', '23', '23', '22', '23', '24', '23', '25', '25', '23', '24', '25', '22', '22', 'grant', '22'),
	('duty', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('duty', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('duty', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('evaluator', 'SELECT', '4', '4', '4', '4', '4', '4', '4', '4', '4', '4', '4', '4', '4', 'grant', '4'),
	('evaluator', 'INSERT', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('evaluator', 'UPDATE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('evaluator', 'DELETE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('final_annual_result', 'SELECT', '1', '1', '0', '1', '2', '1', '3', '3', '0', '2', '3', '0', '0', 'grant', '0'),
	('final_annual_result', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('final_annual_result', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('final_annual_result', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('final_quarter_result', 'SELECT', '2', '1', '1', '1', '3', '1', '4', '4', '1', '0', '4', '0', '0', 'grant', '0'),
	('final_quarter_result', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('final_quarter_result', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('final_quarter_result', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('hr_head', 'SELECT', '2', '2', '2', '2', '2', '2', '2', '2', '2', '2', '2', '2', '2', '2', '2'),
	('hr_head', 'INSERT', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('hr_head', 'UPDATE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('hr_head', 'DELETE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('indicator_mark', 'SELECT', '1', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('indicator_mark', 'INSERT', 'rls', 'rls', '23505', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('indicator_mark', 'UPDATE', '0', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('indicator_mark', 'DELETE', '0', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('item', 'SELECT', '4', '2', '2', '2', '6', '2', '8', '8', '0', '0', '8', '0', '0', 'grant', '0'),
	('item', 'INSERT', 'rls', 'rls', '23505', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('item', 'UPDATE', '0', '0', '2', '2', '6', '2', '8', '8', '0', '0', '8', '0', '0', 'grant', '0'),
	('item', 'DELETE', '0', '0', '2', '2', '6', '2', '8', '8', '0', '0', '8', '0', '0', 'grant', '0'),
	('item_note', 'SELECT', '1', '1', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('item_note', 'INSERT', 'rls', 'rls', '23505', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('item_note', 'UPDATE', '0', '0', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('item_note', 'DELETE', '0', '0', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('kpi', 'SELECT', '1', '1', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('kpi', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('kpi', 'UPDATE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('kpi', 'DELETE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('kpi_indicator', 'SELECT', '1', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('kpi_indicator', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('kpi_indicator', 'UPDATE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('kpi_indicator', 'DELETE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('kpi_plan', 'SELECT', '1', '1', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('kpi_plan', 'INSERT', '23505', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('kpi_plan', 'UPDATE', '1', '1', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('kpi_plan', 'DELETE', '1', '1', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('kpi_target', 'SELECT', '1', '1', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('kpi_target', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('kpi_target', 'UPDATE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('kpi_target', 'DELETE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('late_kpi_actual', 'SELECT', '1', '1', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('late_kpi_actual', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('late_kpi_actual', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('late_kpi_actual', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('notice', 'SELECT', '1', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('notice', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('notice', 'UPDATE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('notice', 'DELETE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('overdue_acquaintance', 'SELECT', '2', '1', '0', '2', '3', '1', '4', '4', '1', '2', '4', '0', '0', 'grant', '0'),
	('overdue_acquaintance', 'INSERT', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('overdue_acquaintance', 'UPDATE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('overdue_acquaintance', 'DELETE', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'),
	('penalty', 'SELECT', '1', '1', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('penalty', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('penalty', 'UPDATE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('penalty', 'DELETE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('person_login', 'SELECT', '8', '8', '8', '8', '8', '8', '8', '8', '8', '8', '8', '8', '8', '8', '8'),
	('person_login', 'INSERT', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('person_login', 'UPDATE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('person_login', 'DELETE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('quarter_result', 'SELECT', '2', '1', '1', '1', '3', '1', '4', '4', '1', '0', '4', '0', '0', 'grant', '0'),
	('quarter_result', 'INSERT', 'rls', 'rls', 'rls', 'rls', 'rls', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('quarter_result', 'UPDATE', '0', '0', '0', '0', '0', '0', '4', '4', '0', '0', '4', '0', '0', 'grant', '0'),
	('quarter_result', 'DELETE', '0', '0', '0', '0', '0', '0', '4', '4', '0', '0', '4', '0', '0', 'grant', '0'),
	('respondent', 'SELECT', '1', '1', '1', '0', '9', '3', '12', '12', '1', '0', '12', '0', '0', 'grant', '0'),
	('respondent', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('respondent', 'UPDATE', '0', '0', '0', '0', '9', '3', '12', '12', '0', '0', '12', '0', '0', 'grant', '0'),
	('respondent', 'DELETE', '0', '0', '0', '0', '9', '3', '12', '12', '0', '0', '12', '0', '0', 'grant', '0'),
	('result_decision', 'SELECT', '1', '1', '1', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('result_decision', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('result_decision', 'UPDATE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('result_decision', 'DELETE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('review_step', 'SELECT', '1', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('review_step', 'INSERT', '23514', '23503', '23514', '23503', '23514', '23503', '23514', '23514', '23503', '23503', '23514', '23503', '23503', 'grant', '23503'),
	('review_step', 'UPDATE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('review_step', 'DELETE', '0', '0', '0', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('sheet', 'SELECT', '2', '1', '1', '1', '3', '1', '4', '4', '0', '0', '4', '0', '0', 'grant', '0'),
	('sheet', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('sheet', 'UPDATE', '0', '0', '1', '1', '3', '1', '4', '4', '0', '0', '4', '0', '0', 'grant', '0'),
	('sheet', 'DELETE', '0', '0', '0', '0', '3', '1', '4', '4', '0', '0', '4', '0', '0', 'grant', '0'),
	('sheet_ready_for_commission', 'SELECT', '1', '0', '1', '0', '1', '1', '2', '2', '0', '0', '2', '0', '0', 'grant', '0'),
	('sheet_ready_for_commission', 'INSERT', '0A000', '0A000', '0A000', '0A000', '0A000', '0A000', '0A000', '0A000', '0A000', '0A000', '0A000', '0A000', '0A000', '0A000', '0A000'),
	('sheet_ready_for_commission', 'UPDATE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('sheet_ready_for_commission', 'DELETE', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant', 'grant'),
	('survey', 'SELECT', '1', '2', '1', '0', '2', '1', '3', '3', '1', '0', '3', '0', '0', 'grant', '0'),
	('survey', 'INSERT', 'rls', 'rls', 'rls', 'rls', '23505', 'rls', '23505', '23505', 'rls', 'rls', '23505', 'rls', 'rls', 'grant', 'rls'),
	('survey', 'UPDATE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0'),
	('survey', 'DELETE', '0', '0', '0', '0', '2', '1', '3', '3', '0', '0', '3', '0', '0', 'grant', '0');

SELECT set_eq($$SELECT replace(rel::text, 'ocenka.', '') FROM pg_temp.matrix_relations()$$,
              $$SELECT DISTINCT rel FROM matrix_expected$$,
	'every table and view holding a person''s data has its rows in the matrix, and the matrix names no other');
SELECT results_eq(format($$SELECT * FROM matrix WHERE rel = %L ORDER BY command$$, e.rel),
                  format($$SELECT * FROM matrix_expected WHERE rel = %L ORDER BY command$$, e.rel),
                  format('%s: what every kind of user reads and writes', e.rel))
FROM (SELECT DISTINCT rel FROM matrix_expected ORDER BY rel) e;
SELECT * FROM finish();
ROLLBACK;
