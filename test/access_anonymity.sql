-- pgTAP: 360 anonymity that survives a determined reader (000 ¶33, issue 13 item 3), and writes limited
-- as reads are (item 2), on the fixture test/fixture/access.sql (who is who: see there). Each attack
-- tries to link an answer to the person who gave it — through respondent, the audit log, explain_*,
-- error messages, NOTIFY payloads, sequence order and timing, and competency means of fewer than 3
-- respondents besides self — and must fail for everyone but admin (and the respondent, for their own
-- answers while the survey is open).
BEGIN;
SET search_path = ocenka, public;
SELECT plan(31);
\ir fixture/access.sql
\o /dev/null
-- employee 8, evaluatee of survey 2 (two respondents besides self), gets a login too
CREATE ROLE ocenka_m_p8 NOLOGIN IN ROLE ocenka_m_users;
INSERT INTO person_login VALUES ('ocenka_m_p8', 8);
CREATE TEMP TABLE linked (who text, pairs bigint, own bigint, means bigint);
GRANT ALL ON linked TO PUBLIC;
-- what a role can link: (answer, respondent's employee) pairs of others, its own, and competency means
CREATE FUNCTION pg_temp.link(who text) RETURNS void LANGUAGE sql AS $$
	INSERT INTO linked SELECT who,
		(SELECT count(*) FROM ocenka.answer a JOIN ocenka.respondent r ON r.id = a.respondent_id
		 WHERE r.employee_id IS DISTINCT FROM ocenka.access_employee()),
		(SELECT count(*) FROM ocenka.answer a JOIN ocenka.respondent r ON r.id = a.respondent_id
		 WHERE r.employee_id = ocenka.access_employee()),
		(SELECT count(*) FROM ocenka.competency_result)
$$;
SELECT pg_temp.as_each('link', ARRAY['self', 'other', 'evaluator', 'expired', 'hrhead1', 'hrhead2', 'hr', 'admin', 'session',
	                           'commission', 'records', 'auditor', 'disclosure', 'nobody', 'p8']);
\o

-- ---------- respondent: nobody but admin joins an answer to its respondent ----------
SELECT set_eq($$SELECT who, pairs, own FROM linked$$,
	$$VALUES ('self', 0::bigint, 1::bigint), ('other', 0, 1), ('evaluator', 0, 1), ('expired', 0, 0), ('hrhead1', 0, 0),
	         ('hrhead2', 0, 0), ('hr', 0, 0), ('admin', 12, 0), ('session', 0, 1), ('commission', 0, 0), ('records', 0, 0),
	         ('auditor', 0, 0), ('disclosure', 0, 0), ('nobody', 0, 0), ('p8', 0, 0)$$,
	'only admin links answers to respondents; a respondent reads their own answer while the survey is open (1, 2, 3 and 6 in survey 1), not once it is closed (1 in surveys 2 and 3, 4 and 5 in 3)');
SET ROLE ocenka_m_self;
SELECT is((SELECT count(*)::int FROM respondent WHERE survey_id = 1), 1, 'the evaluatee sees no respondent of their own survey but their self-assessment');
RESET ROLE;
SET ROLE ocenka_m_evaluator;
SELECT is((SELECT count(*)::int FROM respondent WHERE employee_id <> 3), 0, 'nor does their evaluator, who sees only their own row as a respondent');
RESET ROLE;
SET ROLE ocenka_m_hrhead1;
SELECT is((SELECT count(*)::int FROM answer), 0, 'the HR head, who chooses the respondents (¶35), reads no answer');
RESET ROLE;

-- ---------- competency means of fewer than 3 respondents besides self ----------
SELECT set_eq($$SELECT who, means FROM linked WHERE means > 0$$,
	$$VALUES ('other', 1::bigint), ('hrhead1', 1), ('hr', 1), ('records', 1), ('admin', 2)$$,
	'the means of survey 3 (4 respondents besides self) are shown to its evaluatee, the HR head, HR and records; those of survey 2 (2 besides self) to admin only');
SET ROLE ocenka_m_p8;
SELECT is((SELECT count(*)::int FROM competency_result), 0, 'the evaluatee of survey 2 sees no mean of its 2 respondents');
SELECT is((SELECT count(*)::int FROM bi_weakest_competency), 0, 'nor in the BI view of weakest competencies');
SELECT is(coalesce(explain_annual_result(8, 2025) -> '360' -> 'competencies', 'null'), 'null'::jsonb, 'nor in the explanation of their annual result');
RESET ROLE;
SET ROLE ocenka_m_hrhead2;
SELECT is((SELECT count(*)::int FROM competency_result), 0, 'nor does the HR head of their body');
RESET ROLE;
SET ROLE ocenka_m_other;
SELECT is(jsonb_array_length(explain_annual_result(2, 2024) -> '360' -> 'competencies'), 1, 'the evaluatee of survey 3 has its mean explained');
SELECT ok(explain_annual_result(2, 2024)::text !~ '"respondent[a-z_]*":', 'and the explanation has no respondent in it');
RESET ROLE;

-- ---------- the audit log ----------
SET ROLE ocenka_m_records;
SELECT lives_ok($$INSERT INTO answer VALUES (2, 1, 1, 2, 4, false), (3, 1, 1, 2, 5, false)$$, 'HR keys in two answers from paper');
SELECT is((SELECT count(*)::int FROM answer), 0, 'and cannot read them back');
RESET ROLE;
SET ROLE ocenka_m_auditor;
SELECT is((SELECT count(*)::int FROM audit_trail WHERE table_name IN ('answer', 'respondent')
           OR old_row ? 'respondent_id' OR new_row ? 'respondent_id'), 0, 'the auditor finds no answer and no respondent in the audit log');
RESET ROLE;
SELECT is_empty($$SELECT t.tgrelid::regclass FROM pg_trigger t
                  WHERE t.tgname LIKE 'ocenka_9_audit%'
                    AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = t.tgrelid AND a.attname = 'respondent_id' AND NOT a.attisdropped)
                     OR t.tgname LIKE 'ocenka_9_audit%' AND t.tgrelid = 'ocenka.respondent'::regclass$$,
	'no table that holds an answer''s respondent is audited: the log keeps row images for years');

-- ---------- error messages ----------
SET ROLE ocenka_m_self;
SELECT throws_ok($$INSERT INTO answer VALUES (2, 1, 1, 3, 5, false)$$, '42501',
	'new row violates row-level security policy for table "answer"', 'writing as another respondent is refused without a word about them');
SELECT throws_ok($$INSERT INTO answer VALUES (999, 1, 1, 3, 5, false)$$, '42501',
	'new row violates row-level security policy for table "answer"', 'exactly as for a respondent that does not exist');
SELECT is((SELECT count(*)::int FROM answer WHERE 1 / (answer - 3) <> 0), 1,
	'a predicate that would fail on another''s answer of 3 never sees it: the policy filters first');
RESET ROLE;
SET ROLE ocenka_m_admin;
SELECT throws_ok($$SELECT count(*) FROM answer WHERE 1 / (answer - 3) <> 0$$, '22012', NULL,
	'(the same predicate fails where the rows are readable)');
RESET ROLE;
SET ROLE ocenka_m_evaluator;
SELECT is(pg_temp.error_of($$SELECT explain_result(2, '2025-Q3')$$) ->> 'sqlstate', '22023',
	'explaining a result one may not see says it does not exist');
RESET ROLE;

-- ---------- NOTIFY payloads, timing and sequence order ----------
SELECT is_empty($$SELECT t.tgrelid::regclass FROM pg_trigger t
                  WHERE t.tgrelid IN ('ocenka.answer'::regclass, 'ocenka.respondent'::regclass, 'ocenka.survey'::regclass, 'ocenka.competency_result'::regclass)
                    AND (t.tgfoid = 'ocenka.notify_notices'::regproc OR encode(t.tgargs, 'escape') ~* 'notif')$$,
	'no answer, respondent, survey or competency result raises a NOTIFY or writes a notice: no payload or its timing follows an answer');
SELECT is_empty($$SELECT a.attname FROM pg_attribute a WHERE a.attrelid = 'ocenka.answer'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                  AND (a.atthasdef OR a.attidentity <> '' OR a.atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype))$$,
	'an answer has no sequence number and no time of its own to order answers by');
SELECT is_empty($$SELECT a.attname FROM pg_attribute a WHERE a.attrelid = 'ocenka.respondent'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                  AND a.atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype)$$,
	'nor has a respondent a time');
SET ROLE ocenka_m_hrhead1;
SELECT is((SELECT count(*)::int FROM answer WHERE respondent_id IN (SELECT id FROM respondent ORDER BY id)), 0,
	'the respondents'' ids in order, which the HR head sees, meet no answer to compare them with');
RESET ROLE;

-- ---------- writes limited as reads are ----------
SET ROLE ocenka_m_evaluator;
SELECT is(pg_temp.error_of($$INSERT INTO item VALUES (3, 3, 'typical-ranking', 4)$$) ->> 'sqlstate', '42501',
	'an evaluator adds no score to a sheet that is not assigned to them');
SELECT is(pg_temp.error_of($$UPDATE item SET score = 5 WHERE sheet_id = 3$$), NULL, 'nor changes one (no row reached)');
SELECT isnt(pg_temp.error_of($$INSERT INTO item VALUES (1, 3, 'typical-ranking', 4)$$) ->> 'sqlstate', '42501',
	'a score on their own sheet passes the policies (the rules decide)');
SELECT throws_ok($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (1, 1, '2025-Q2', 'signed', '2025-07-12')$$, '42501',
	'new row violates row-level security policy for table "acquaintance"', 'only HR records acquaintance: not the evaluator');
RESET ROLE;
SET ROLE ocenka_m_self;
SELECT throws_ok($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (1, 1, '2025-Q2', 'signed', '2025-07-12')$$, '42501',
	'new row violates row-level security policy for table "acquaintance"', 'nor the evaluatee');
RESET ROLE;
SET ROLE ocenka_m_hr;
SELECT isnt(pg_temp.error_of($$INSERT INTO acquaintance (employee_id, body_id, q, kind, on_date) VALUES (1, 1, '2025-Q2', 'signed', '2025-07-12')$$) ->> 'sqlstate', '42501',
	'HR passes the policies (the rules decide)');
RESET ROLE;

-- purge_expired runs as admin, who sees every row: it deletes answers nobody else may read
GRANT DELETE ON ALL TABLES IN SCHEMA ocenka TO ocenka_m_admin;
SELECT pg_temp.at('2028-06-01');
SET ROLE ocenka_m_admin;
SELECT is((SELECT deleted FROM purge_expired() WHERE table_name = 'answer'), 5::bigint,
	'purge_expired as admin deletes the 5 answers of survey 3, whose year expired, though no one else could read them');
RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
