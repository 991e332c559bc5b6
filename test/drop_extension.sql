-- pgTAP: DROP EXTENSION ocenka leaves nothing behind in any catalog, roles included.
BEGIN;
SELECT plan(1);

CREATE TEMP TABLE catalog_counts (phase text, catalog text, n bigint);
CREATE FUNCTION pg_temp.count_catalogs(phase text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	c text;
BEGIN
	FOREACH c IN ARRAY ARRAY['pg_class', 'pg_type', 'pg_proc', 'pg_operator', 'pg_opclass', 'pg_opfamily',
		'pg_amop', 'pg_amproc', 'pg_cast', 'pg_namespace', 'pg_enum', 'pg_aggregate', 'pg_trigger',
		'pg_constraint', 'pg_attrdef', 'pg_index', 'pg_policy', 'pg_rewrite', 'pg_event_trigger',
		'pg_description', 'pg_depend', 'pg_init_privs', 'pg_default_acl', 'pg_sequence',
		'pg_statistic_ext', 'pg_authid', 'pg_shdepend', 'pg_shdescription', 'pg_db_role_setting',
		'pg_auth_members', 'pg_extension', 'pg_ts_config', 'pg_ts_dict', 'pg_collation', 'pg_conversion']
	LOOP
		EXECUTE format('INSERT INTO catalog_counts SELECT %L, %L, count(*) FROM pg_catalog.%I', phase, c, c);
	END LOOP;
END $$;

DROP EXTENSION ocenka;
SELECT pg_temp.count_catalogs('before');
CREATE EXTENSION ocenka;
DROP EXTENSION ocenka;
SELECT pg_temp.count_catalogs('after');

SELECT is_empty(
	$$SELECT b.catalog, b.n AS before, a.n AS after FROM catalog_counts b
	  JOIN catalog_counts a ON a.catalog = b.catalog AND a.phase = 'after'
	  WHERE b.phase = 'before' AND a.n <> b.n$$,
	'CREATE EXTENSION then DROP EXTENSION leaves every catalog as it was');

SELECT * FROM finish();
ROLLBACK;
