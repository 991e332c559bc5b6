-- pgTAP: a trigger whose arguments are not valid ocenka rules is a bad definition, not an internal
-- error: anyone who may create a trigger calling ocenka.enforce_rules can write one (scripts/sqlfuzz,
-- calling create_audit_triggers with generated arguments, found XX000 here). Each is 22023.
BEGIN;
SET search_path = public;
SELECT plan(5);
SET client_min_messages = warning;
CREATE TABLE pg_temp.t (a integer, b text);
GRANT INSERT ON pg_temp.t TO ocenka_tester;
CREATE TRIGGER bad_keys AFTER INSERT ON pg_temp.t REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules('keys: increase', 'audit: SELECT 1');
SET ROLE ocenka_tester;
SELECT throws_ok('INSERT INTO pg_temp.t VALUES (1, ''x'')', '22023', 'trigger bad_keys: bad keys: column "increase"',
                 'keys: naming no column of the table');
RESET ROLE;
DROP TRIGGER bad_keys ON pg_temp.t;
CREATE TRIGGER no_keys AFTER INSERT ON pg_temp.t REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules('keys: ', 'audit: SELECT 1');
SET ROLE ocenka_tester;
SELECT throws_ok('INSERT INTO pg_temp.t VALUES (1, ''x'')', '22023', 'trigger no_keys: keys: names no column',
                 'keys: naming nothing');
RESET ROLE;
DROP TRIGGER no_keys ON pg_temp.t;
CREATE TRIGGER not_a_rule AFTER INSERT ON pg_temp.t REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules('select 1');
SET ROLE ocenka_tester;
SELECT throws_ok('INSERT INTO pg_temp.t VALUES (1, ''x'')', '22023',
                 'trigger not_a_rule: argument 0 is not a keys:, do:, check:, check if, audit:, audit by sheet:, item rules: or kpi rules: rule',
                 'an argument that is no rule');
RESET ROLE;
DROP TRIGGER not_a_rule ON pg_temp.t;
CREATE TRIGGER late_keys AFTER INSERT ON pg_temp.t REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules('do: SELECT 1', 'keys: a');
SET ROLE ocenka_tester;
SELECT throws_ok('INSERT INTO pg_temp.t VALUES (1, ''x'')', '22023', 'trigger late_keys: keys: must be the first argument',
                 'keys: after another rule');
RESET ROLE;
DROP TRIGGER late_keys ON pg_temp.t;
CREATE TRIGGER no_kpi AFTER INSERT ON pg_temp.t REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules('keys: a', 'kpi rules: SELECT 1');
SET ROLE ocenka_tester;
SELECT throws_ok('INSERT INTO pg_temp.t VALUES (1, ''x'')', '22023', 'trigger no_kpi: argument 1 is a kpi rules: rule on a table without kpi_id',
                 'the KPI rule on a table without KPIs');
RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
