-- Audit: every insert, update and delete of sheets, items, KPI plans and targets, penalties and results,
-- and every switch to late entry, historical load or purge, in an append-only log (methodology §11).
-- One log row per statement, body period and 10,000 changed rows, with the rows themselves as binary
-- row images (src/audit.c): bulk loads stay fast, and each entry expires together with the period it
-- documents. The audit_trail view reads them back as JSON.

-- a domain rather than a CHECK constraint: PostgreSQL prepares a table's CHECK constraints afresh for every
-- statement, a domain's once per backend, and the log gets a row in every audited statement
CREATE DOMAIN ocenka.audit_operation AS text
	CHECK (VALUE IN ('INSERT', 'UPDATE', 'DELETE', 'LATE_ENTRY', 'HISTORICAL_LOAD', 'PURGE'));
COMMENT ON DOMAIN ocenka.audit_operation IS 'what an audit log entry records: a change (INSERT, UPDATE, DELETE) or a switch of entry mode (LATE_ENTRY, HISTORICAL_LOAD, PURGE)';

CREATE TABLE ocenka.audit_log (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at timestamptz NOT NULL DEFAULT statement_timestamp(),
	actor name NOT NULL,
	table_name text NOT NULL,
	operation ocenka.audit_operation NOT NULL,
	mode text NOT NULL,
	reason text,
	body_id bigint,
	q ocenka.quarter,
	year integer,
	row_count integer NOT NULL,
	old_rows bytea,
	new_rows bytea
);
-- one index finds a body's entries of a quarter or of a year (the year within the body's entries):
-- every audited statement writes an entry, and every index costs it one more insert
CREATE INDEX ON ocenka.audit_log (body_id, q, year);
COMMENT ON TABLE ocenka.audit_log IS 'append-only audit log: who changed which evaluation records when, with old and new values; ordinary roles cannot write, change or delete it';
COMMENT ON COLUMN ocenka.audit_log.id IS 'identifier, in order of writing';
COMMENT ON COLUMN ocenka.audit_log.at IS 'when the statement ran';
COMMENT ON COLUMN ocenka.audit_log.actor IS 'the database user who ran it';
COMMENT ON COLUMN ocenka.audit_log.table_name IS 'the table changed (empty for a mode switch)';
COMMENT ON COLUMN ocenka.audit_log.operation IS 'INSERT, UPDATE, DELETE, or a switch: LATE_ENTRY, HISTORICAL_LOAD, PURGE';
COMMENT ON COLUMN ocenka.audit_log.mode IS 'the transaction''s entry mode: normal, late_entry, historical_load or purge';
COMMENT ON COLUMN ocenka.audit_log.reason IS 'the reason given for late entry, historical load or purge';
COMMENT ON COLUMN ocenka.audit_log.body_id IS 'the body whose period the rows belong to';
COMMENT ON COLUMN ocenka.audit_log.q IS 'the quarter the rows belong to (sheets, items, penalties, targets, quarterly results)';
COMMENT ON COLUMN ocenka.audit_log.year IS 'the year the rows belong to (annual results)';
COMMENT ON COLUMN ocenka.audit_log.row_count IS 'how many rows the entry covers';
COMMENT ON COLUMN ocenka.audit_log.old_rows IS 'the rows before (UPDATE, DELETE) as row images in the same order as new_rows, read with ocenka.audit_rows(id) or the audit_trail view; only counted under purge';
COMMENT ON COLUMN ocenka.audit_log.new_rows IS 'the rows after (INSERT, UPDATE) as row images: a layout (column names and types), then each row in PostgreSQL''s tuple format';
-- row images compress well; lz4 does it at a fraction of pglz's cost, where the server has it
DO $$
BEGIN
	ALTER TABLE ocenka.audit_log ALTER COLUMN old_rows SET COMPRESSION lz4, ALTER COLUMN new_rows SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
	NULL;
END $$;
SELECT pg_catalog.pg_extension_config_dump('ocenka.audit_log', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('ocenka.audit_log', 'id')::regclass, '');
REVOKE ALL ON ocenka.audit_log FROM PUBLIC;

CREATE FUNCTION ocenka.audit_rows(audit_id bigint, OUT ordinal bigint, OUT old_row jsonb, OUT new_row jsonb)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'audit_rows' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ocenka.audit_rows(bigint) IS 'the rows of an audit log entry as JSON, old and new side by side in the order written; reads the entry with the caller''s rights';

-- one row per changed record, for auditors
CREATE VIEW ocenka.audit_trail WITH (security_invoker = true) AS
SELECT l.id AS audit_id, l.at, l.actor, l.table_name, l.operation::text AS operation, l.mode, l.reason, l.body_id, l.q, l.year,
       r.ordinal, r.old_row, r.new_row
FROM ocenka.audit_log l
LEFT JOIN LATERAL ocenka.audit_rows(l.id) r ON true;
COMMENT ON VIEW ocenka.audit_trail IS 'the audit log one changed row per line, old and new values side by side';
COMMENT ON COLUMN ocenka.audit_trail.audit_id IS 'the audit log entry (audit_log.id)';
COMMENT ON COLUMN ocenka.audit_trail.at IS 'when the statement ran';
COMMENT ON COLUMN ocenka.audit_trail.actor IS 'the database user who ran it';
COMMENT ON COLUMN ocenka.audit_trail.table_name IS 'the table changed (empty for a mode switch)';
COMMENT ON COLUMN ocenka.audit_trail.operation IS 'INSERT, UPDATE, DELETE, or a switch: LATE_ENTRY, HISTORICAL_LOAD, PURGE';
COMMENT ON COLUMN ocenka.audit_trail.mode IS 'the transaction''s entry mode: normal, late_entry, historical_load or purge';
COMMENT ON COLUMN ocenka.audit_trail.reason IS 'the reason given for late entry, historical load or purge';
COMMENT ON COLUMN ocenka.audit_trail.body_id IS 'the body whose period the rows belong to';
COMMENT ON COLUMN ocenka.audit_trail.q IS 'the quarter the rows belong to';
COMMENT ON COLUMN ocenka.audit_trail.year IS 'the year the rows belong to (annual results)';
COMMENT ON COLUMN ocenka.audit_trail.ordinal IS 'the row''s place in the entry, from 1; NULL for an entry without rows';
COMMENT ON COLUMN ocenka.audit_trail.old_row IS 'the row before the change (UPDATE, DELETE) as jsonb';
COMMENT ON COLUMN ocenka.audit_trail.new_row IS 'the row after the change (INSERT, UPDATE) as jsonb';
REVOKE ALL ON ocenka.audit_trail FROM PUBLIC;

CREATE FUNCTION ocenka.begin_late_entry(reason text) RETURNS void
	AS 'MODULE_PATHNAME', 'begin_late_entry' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
CREATE FUNCTION ocenka.begin_historical_load(reason text) RETURNS void
	AS 'MODULE_PATHNAME', 'begin_historical_load' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
CREATE FUNCTION ocenka.begin_purge(reason text) RETURNS void
	AS 'MODULE_PATHNAME', 'begin_purge' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ocenka.begin_late_entry(text) IS 'HR (capacity hr): lets this transaction enter scores after the deadline; the switch and every change carry the reason in the audit log';
COMMENT ON FUNCTION ocenka.begin_historical_load(text) IS 'administrator (capacity admin): lets this transaction load past periods from another system; audited';
CREATE FUNCTION ocenka.end_purge() RETURNS void
	AS 'MODULE_PATHNAME', 'end_purge' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION ocenka.end_purge() IS 'ends purge mode (purge_expired''s last step): later changes in the transaction are audited in full';
COMMENT ON FUNCTION ocenka.begin_purge(text) IS 'administrator (capacity admin): purge mode, used by purge_expired; deletions are audited by count, not content';

-- Audit triggers are made by a helper so each table states only how its rows map to a period: the key
-- columns that decide it, and the body_id, q and year of a key r (p_join joins what that needs). Items are
-- audited by their entry trigger (src/entry.sql), which has looked their sheets up already.
CREATE FUNCTION ocenka.create_audit_triggers(p_table regclass, p_keys text, p_period text, p_join text) RETURNS void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	op text;
BEGIN
	FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
		-- an update is filed under the period of its new rows
		EXECUTE format('CREATE TRIGGER ocenka_9_audit_%s AFTER %s ON %s REFERENCING %s FOR EACH STATEMENT
		                EXECUTE FUNCTION ocenka.enforce_rules(%L, %L)',
		               lower(op), op, p_table,
		               CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
		                       ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
		               'keys: ' || p_keys,
		               format('audit: SELECT %s, %s FROM %s r %s',
		                      (SELECT string_agg('r.' || k, ', ') FROM unnest(string_to_array(replace(p_keys, ' ', ''), ',')) k),
		                      p_period, CASE op WHEN 'DELETE' THEN 'old_keys' ELSE 'new_keys' END, p_join));
	END LOOP;
END
$$;

SELECT ocenka.create_audit_triggers('ocenka.sheet', 'body_id, q', 'r.body_id, r.q, NULL::integer', '');
SELECT ocenka.create_audit_triggers('ocenka.penalty', 'body_id, imposed_on', 'r.body_id, ocenka.quarter_of(r.imposed_on), NULL::integer', '');
SELECT ocenka.create_audit_triggers('ocenka.kpi_target', 'kpi_id, q', 'k.body_id, r.q, NULL::integer',
                                    'LEFT JOIN ocenka.kpi k ON k.id = r.kpi_id');
SELECT ocenka.create_audit_triggers('ocenka.quarter_result', 'body_id, q', 'r.body_id, r.q, NULL::integer', '');
SELECT ocenka.create_audit_triggers('ocenka.annual_result', 'body_id, year', 'r.body_id, NULL::ocenka.quarter, r.year', '');
-- KPI plans (their achieved flags decide akmola-2018's annual grade) and 360 results
SELECT ocenka.create_audit_triggers('ocenka.kpi', 'body_id, year', 'r.body_id, NULL::ocenka.quarter, r.year', '');
SELECT ocenka.create_audit_triggers('ocenka.competency_result', 'survey_id', 'v.body_id, NULL::ocenka.quarter, v.year',
                                    'LEFT JOIN ocenka.survey v ON v.id = r.survey_id');
DROP FUNCTION ocenka.create_audit_triggers(regclass, text, text, text);
