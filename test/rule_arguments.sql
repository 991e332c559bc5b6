-- pgTAP: a trigger whose arguments are not valid ocenka rules is a bad definition, not an internal
-- error: anyone who may create a trigger calling ocenka.enforce_rules can write one (scripts/sqlfuzz,
-- calling create_audit_triggers with generated arguments, found XX000 here). Each is 22023.
BEGIN;
SET search_path = public;
SELECT plan(5);
SET client_min_messages = warning;
\o /dev/null
-- a table of its own for each bad definition, a row inserted by an ordinary role
CREATE FUNCTION pg_temp.rule_table(name text, args text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('CREATE TABLE pg_temp.%I (a integer, b text)', name);
	EXECUTE format('GRANT INSERT ON pg_temp.%I TO ocenka_tester', name);
	EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON pg_temp.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	                EXECUTE FUNCTION ocenka.enforce_rules(%s)', name, name, args);
END $$;
CREATE TEMP TABLE bad_rule (name text, args text, message text, label text);
INSERT INTO bad_rule VALUES
	('bad_keys', $$'keys: increase', 'audit: SELECT 1'$$, 'trigger bad_keys: bad keys: column "increase"',
	 'keys: naming no column of the table'),
	('no_keys', $$'keys: ', 'audit: SELECT 1'$$, 'trigger no_keys: keys: names no column', 'keys: naming nothing'),
	('not_a_rule', $$'select 1'$$,
	 'trigger not_a_rule: argument 0 is not a keys:, do:, check:, check if, audit:, audit by sheet:, item rules: or kpi rules: rule',
	 'an argument that is no rule'),
	('late_keys', $$'do: SELECT 1', 'keys: a'$$, 'trigger late_keys: keys: must be the first argument', 'keys: after another rule'),
	('no_kpi', $$'keys: a', 'kpi rules: SELECT 1'$$, 'trigger no_kpi: argument 1 is a kpi rules: rule on a table without kpi_id',
	 'the KPI rule on a table without KPIs');
GRANT SELECT ON bad_rule TO ocenka_tester;
SELECT pg_temp.rule_table(name, args) FROM bad_rule;
\o
SET ROLE ocenka_tester;
SELECT throws_ok(format('INSERT INTO pg_temp.%I VALUES (1, ''x'')', name), '22023', message, label) FROM bad_rule ORDER BY name;
RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
