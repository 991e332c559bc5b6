-- pgTAP: the answers row-level security asks of a role are kept per backend (src/access/access.c);
-- they must follow every change of what they are computed from within the session itself: its own
-- statements, a savepoint rolled back, changes applied as a replica (logical replication), roles
-- renamed, more roles than the cache holds. (Other sessions' commits and REPEATABLE READ:
-- specs/access_cache.spec.)
BEGIN;
SET search_path = ocenka, public;
SELECT plan(27);
SET client_min_messages = warning;
\o /dev/null
SELECT set_config('ocenka.today', '2025-10-20', false);
INSERT INTO body (id, name) VALUES (1, 'Аппарат (тест)'), (2, 'Департамент (тест)');
INSERT INTO employee (id, full_name) SELECT i, 'Служащий ' || i FROM generate_series(1, 20) i;
CREATE ROLE ocenka_cache_user NOLOGIN;
INSERT INTO person_login VALUES ('ocenka_cache_user', 1);
DO $$
BEGIN
	FOR i IN 11 .. 20 LOOP
		EXECUTE format('CREATE ROLE %I NOLOGIN', 'ocenka_cache_' || i);
		EXECUTE format('INSERT INTO ocenka.person_login VALUES (%L, %s)', 'ocenka_cache_' || i, i);
	END LOOP;
END $$;
\o

SELECT is(access_employee('ocenka_cache_user'), 1::bigint, 'the employee a role is');

UPDATE person_login SET employee_id = 2 WHERE login = 'ocenka_cache_user'::regrole;
SELECT is(access_employee('ocenka_cache_user'), 2::bigint, 'the session''s own change is answered by its next statement');

SAVEPOINT before_change;
UPDATE person_login SET employee_id = 3 WHERE login = 'ocenka_cache_user'::regrole;
SELECT is(access_employee('ocenka_cache_user'), 3::bigint, 'a change inside a savepoint is answered');
ROLLBACK TO SAVEPOINT before_change;
SELECT is(access_employee('ocenka_cache_user'), 2::bigint, 'the change rolled back to the savepoint is forgotten');

-- a PL/pgSQL block that fails rolls its writes back too
DO $$
BEGIN
	UPDATE ocenka.person_login SET employee_id = 4 WHERE login = 'ocenka_cache_user'::regrole;
	PERFORM ocenka.access_employee('ocenka_cache_user');
	RAISE division_by_zero;
EXCEPTION WHEN division_by_zero THEN
	NULL;
END $$;
SELECT is(access_employee('ocenka_cache_user'), 2::bigint, 'a change undone by an exception block is forgotten');

-- logical replication applies changes with session_replication_role = replica: the triggers fire ALWAYS
SET session_replication_role = replica;
UPDATE person_login SET employee_id = 5 WHERE login = 'ocenka_cache_user'::regrole;
RESET session_replication_role;
SELECT is(access_employee('ocenka_cache_user'), 5::bigint, 'a change applied as a replica is answered');

-- the HR head's bodies: a term that starts, and the date the answers are asked on
INSERT INTO hr_head VALUES (1, 5, '2025-01-01', '2025-10-31');
SELECT is(access_hr_bodies('ocenka_cache_user'), ARRAY[1]::bigint[], 'a new HR head term is answered');
SELECT set_config('ocenka.today', '2025-11-01', true);
SELECT is(access_hr_bodies('ocenka_cache_user'), '{}'::bigint[], 'the term ended before the date asked on');
SELECT set_config('ocenka.today', '2025-10-20', true);
SELECT is(access_hr_bodies('ocenka_cache_user'), ARRAY[1]::bigint[], 'and back on an earlier date');

-- capacities: a membership granted, then revoked (the catalogs, not a table of ocenka)
CREATE ROLE ocenka_cache_admins NOLOGIN;
INSERT INTO staff_capacity VALUES ('ocenka_cache_admins', 'admin');
SELECT is(access_sees_all('ocenka_cache_user'), false, 'no capacity');
GRANT ocenka_cache_admins TO ocenka_cache_user;
SELECT is(access_sees_all('ocenka_cache_user'), true, 'a membership granted is answered');
REVOKE ocenka_cache_admins FROM ocenka_cache_user;
SELECT is(access_sees_all('ocenka_cache_user'), false, 'a membership revoked is answered');

-- a renamed role is asked about by its new name; its old name is nobody's
ALTER ROLE ocenka_cache_user RENAME TO ocenka_cache_renamed;
SELECT is(access_employee('ocenka_cache_renamed'), 5::bigint, 'a renamed role keeps its employee');
SELECT throws_ok($$SELECT ocenka.access_employee('ocenka_cache_user')$$, '42501',
                 'role "ocenka_cache_user" is not the session''s', 'the old name of a renamed role is refused');

-- the predicates of the policies, as the role itself: a sheet it evaluates, handed to another
-- evaluator, deleted; an assignment with its dates (written as a replica: no rule, the triggers fire)
GRANT USAGE ON SCHEMA ocenka TO ocenka_cache_renamed;
SET session_replication_role = replica;
INSERT INTO sheet (id, employee_id, q, body_id, methodology, method, form, evaluator_id)
VALUES (900001, 11, '2025-Q3', 2, 'typical-2023', 'kpi', 'kpi', 5);
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from, valid_until) VALUES (13, 5, 'unit_head', '2025-01-01', '2025-06-30');
RESET session_replication_role;
SET ROLE ocenka_cache_renamed;
SELECT results_eq($$SELECT ocenka.rls_sheet_read(900001), ocenka.rls_sheet_write(900001), ocenka.rls_sheet_evaluated(900001),
                          ocenka.rls_sheet_read(NULL)$$,
                  $$VALUES (true, true, true, false)$$, 'the evaluator reads and writes the sheet; NULL is nobody''s');
SELECT results_eq($$SELECT ocenka.rls_person(13, 2, '2025-06-01', '2025-06-30'), ocenka.rls_person(13, 2, '2025-07-01', '2025-09-30'),
                          ocenka.rls_person(13, 1, '2025-07-01', '2025-09-30'), ocenka.rls_person(5, 2, NULL, NULL)$$,
                  $$VALUES (true, false, true, true)$$,
                  'a person''s record: evaluated in the period, not after it; the body''s HR head; one''s own');
RESET ROLE;
SET session_replication_role = replica;
UPDATE sheet SET evaluator_id = 12 WHERE id = 900001;
RESET session_replication_role;
SET ROLE ocenka_cache_renamed;
SELECT results_eq($$SELECT ocenka.rls_sheet_read(900001), ocenka.rls_sheet_write(900001)$$, $$VALUES (false, false)$$,
                  'a sheet handed to another evaluator is no longer the role''s');
RESET ROLE;
SET session_replication_role = replica;
UPDATE sheet SET signed_on = '2025-10-01' WHERE id = 900001;
RESET session_replication_role;
SET ROLE ocenka_cache_renamed;
SELECT results_eq($$SELECT ocenka.rls_sheet_read(900001)$$, $$VALUES (false)$$, 'a signature changes nothing of who sees it');
RESET ROLE;
SET session_replication_role = replica;
UPDATE sheet SET evaluator_id = 5 WHERE id = 900001;
RESET session_replication_role;
SET ROLE ocenka_cache_renamed;
SELECT results_eq($$SELECT ocenka.rls_sheet_read(900001)$$, $$VALUES (true)$$, 'handed back');
RESET ROLE;
SET session_replication_role = replica;
DELETE FROM sheet WHERE id = 900001;
RESET session_replication_role;
SET ROLE ocenka_cache_renamed;
SELECT results_eq($$SELECT ocenka.rls_sheet_read(900001)$$, $$VALUES (false)$$, 'a deleted sheet is nobody''s');
SELECT results_eq($$SELECT ocenka.rls_all(), ocenka.rls_hr(1), ocenka.rls_hr(2), ocenka.rls_me(5), ocenka.rls_me(NULL)$$,
                  $$VALUES (false, true, false, true, false)$$, 'capacity, HR head of body 1 only, who the role is');
RESET ROLE;
-- a predicate asked inside a SECURITY DEFINER function answers for its owner (here a superuser)
CREATE FUNCTION pg_temp.as_owner() RETURNS boolean LANGUAGE sql SECURITY DEFINER AS 'SELECT ocenka.rls_all()';
SET ROLE ocenka_cache_renamed;
SELECT results_eq($$SELECT pg_temp.as_owner(), ocenka.rls_all()$$, $$VALUES (true, false)$$,
                  'the answers follow the current user, not the session''s');
RESET ROLE;

-- more roles than the cache holds, asked twice over
SELECT results_eq($$SELECT i::bigint, ocenka.access_employee('ocenka_cache_' || i) FROM generate_series(11, 20) i,
                          generate_series(1, 2) ORDER BY 1$$,
                  $$SELECT i::bigint, i::bigint FROM generate_series(11, 20) i, generate_series(1, 2) ORDER BY 1$$,
                  'ten roles asked twice over get their own answers');

-- a SECURITY DEFINER function owned by a role with a capacity, called in a session whose user is no
-- member of that role: the policies judge the owner, who is the current user, not the session's user
\o /dev/null
CREATE ROLE ocenka_cache_records NOLOGIN;
GRANT USAGE ON SCHEMA ocenka TO ocenka_cache_records;
GRANT SELECT ON sheet TO ocenka_cache_records;
INSERT INTO staff_capacity VALUES ('ocenka_cache_records', 'records');
INSERT INTO person_login VALUES ('ocenka_cache_records', 6);
CREATE FUNCTION public.cache_records_sheets() RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog
	AS 'SELECT count(*) FROM ocenka.sheet';
CREATE FUNCTION public.cache_records_employee() RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog
	AS 'SELECT ocenka.access_employee()';
ALTER FUNCTION public.cache_records_sheets() OWNER TO ocenka_cache_records;
ALTER FUNCTION public.cache_records_employee() OWNER TO ocenka_cache_records;
SELECT count(*) AS all_sheets FROM sheet \gset
\o
SET SESSION AUTHORIZATION ocenka_cache_renamed;
SELECT is(public.cache_records_sheets(), :all_sheets::bigint,
          'a SECURITY DEFINER function owned by a role with the records capacity sees every sheet, whoever calls it');
SELECT is(public.cache_records_employee(), 6::bigint, 'inside it, the access functions answer for its owner by default');
SELECT throws_ok($$SELECT ocenka.access_employee('ocenka_cache_records')$$, '42501',
                 'role "ocenka_cache_records" is not the session''s',
                 'outside it, the session''s user may still not ask for the owner''s answers, though the backend holds them');
RESET SESSION AUTHORIZATION;

-- the trigger function refuses any use but an AFTER … FOR EACH STATEMENT trigger
CREATE TEMP TABLE misuse (i int);
CREATE TRIGGER misuse AFTER INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION ocenka.access_facts_changed();
SELECT throws_ok($$INSERT INTO misuse VALUES (1)$$, '39P01',
                 'function access_facts_changed must be fired by an AFTER ... FOR EACH STATEMENT trigger',
                 'a row trigger is refused');

SELECT * FROM finish();
ROLLBACK;
