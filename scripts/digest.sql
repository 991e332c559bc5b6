-- One line per table of schema ocenka: its name, row count and an md5 of its rows in a stable order;
-- then one line per sequence of the schema with its last value. Run by scripts/upgrade-check and
-- scripts/restore-check with psql -At:
--   psql -X -q -At -v times=off -f scripts/digest.sql    leaves out timestamp columns (and the audit's
--                                                         row images, which carry the rows' own
--                                                         timestamps) and sequences: for two databases
--                                                         loaded at different moments
--   psql -X -q -At -v times=on -f scripts/digest.sql     every column and sequence: for a database and
--                                                         its restored copy
-- and -v ids=off leaves out identity columns too (scripts/crash-check: a transaction that a crash
-- rolled back has still used up identity values; scripts/upgrade-check: 0.1 and 0.2 number sheets in
-- different orders) and names a sheet referred to by its evaluatee and quarter.
\set ON_ERROR_STOP 1
\if :{?ids}
\else
\set ids on
\endif
SELECT set_config('ocenka_digest.times', :'times', false), set_config('ocenka_digest.ids', :'ids', false) \g /dev/null
DO $$
DECLARE
	times boolean := current_setting('ocenka_digest.times')::boolean;
	ids boolean := current_setting('ocenka_digest.ids')::boolean;
	t record;
	cols text;
BEGIN
	CREATE TEMP TABLE digest (tab text, rows bigint, md5 text);
	FOR t IN SELECT c.oid, c.relname FROM pg_class c
	         WHERE c.relnamespace = 'ocenka'::regnamespace AND c.relkind = 'r' ORDER BY c.relname LOOP
		-- without ids, a sheet is named by its evaluatee and quarter: 0.1's open_sheets numbered
		-- sheets in the order the planner fed its INSERT ... SELECT, which is no data
		SELECT string_agg(CASE WHEN NOT ids AND a.attname = 'sheet_id' AND t.relname <> 'sheet'
		                       THEN '(SELECT s.employee_id || '' '' || s.q FROM ocenka.sheet s WHERE s.id = sheet_id) AS sheet_id'
		                       ELSE format('%I', a.attname) END, ', ' ORDER BY a.attnum) INTO cols
		FROM pg_attribute a
		WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
		  AND (times OR (a.atttypid NOT IN ('timestamptz'::regtype, 'timestamp'::regtype)
		                 AND a.attname NOT IN ('old_rows', 'new_rows')))
		  AND (ids OR a.attidentity = '');
		EXECUTE format('INSERT INTO digest SELECT %L, count(*), md5(coalesce(string_agg(r::text, E''\n'' ORDER BY r::text), ''''))
		                FROM (SELECT %s FROM ocenka.%I) r', t.relname, cols, t.relname);
	END LOOP;
	IF times THEN
		FOR t IN SELECT c.relname FROM pg_class c
		         WHERE c.relnamespace = 'ocenka'::regnamespace AND c.relkind = 'S' ORDER BY c.relname LOOP
			EXECUTE format('INSERT INTO digest SELECT %L, 1, last_value || '' '' || is_called FROM ocenka.%I',
			               'sequence ' || t.relname, t.relname);
		END LOOP;
	END IF;
END $$;
SELECT tab || ' ' || rows || ' ' || md5 FROM digest ORDER BY tab;
