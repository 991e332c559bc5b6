-- Audit: every insert, update and delete of sheets, items, KPI plans and targets, penalties and results,
-- and every switch to late entry, historical load or purge, in an append-only log (methodology §11).
-- One log row per statement, body period and 10,000 changed rows, with the rows themselves as jsonb:
-- bulk loads stay fast and each entry expires together with the period it documents.

CREATE TABLE ocenka.audit_log (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at timestamptz NOT NULL DEFAULT statement_timestamp(),
	actor name NOT NULL,
	table_name text NOT NULL,
	operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'LATE_ENTRY', 'HISTORICAL_LOAD', 'PURGE')),
	mode text NOT NULL,
	reason text,
	body_id bigint,
	q ocenka.quarter,
	year integer,
	row_count integer NOT NULL,
	old_rows json,
	new_rows json
);
CREATE INDEX ON ocenka.audit_log (body_id, q);
CREATE INDEX ON ocenka.audit_log (body_id, year);
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
COMMENT ON COLUMN ocenka.audit_log.old_rows IS 'the rows before (UPDATE, DELETE), a JSON array in the same order as new_rows; only counted under purge (json, not jsonb: it is written far more often than read, and json is written at a third of the cost)';
COMMENT ON COLUMN ocenka.audit_log.new_rows IS 'the rows after (INSERT, UPDATE), a JSON array';
SELECT pg_catalog.pg_extension_config_dump('ocenka.audit_log', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('ocenka.audit_log', 'id')::regclass, '');
REVOKE ALL ON ocenka.audit_log FROM PUBLIC;

-- one row per changed record, for auditors
CREATE VIEW ocenka.audit_trail AS
SELECT l.id AS audit_id, l.at, l.actor, l.table_name, l.operation, l.mode, l.reason, l.body_id, l.q, l.year,
       r.ordinal, r.old_row, r.new_row
FROM ocenka.audit_log l
LEFT JOIN LATERAL (
	SELECT coalesce(o.ordinal, n.ordinal) AS ordinal, o.value::jsonb AS old_row, n.value::jsonb AS new_row
	FROM json_array_elements(l.old_rows) WITH ORDINALITY AS o(value, ordinal)
	FULL JOIN json_array_elements(l.new_rows) WITH ORDINALITY AS n(value, ordinal) ON n.ordinal = o.ordinal
) r ON true;
COMMENT ON VIEW ocenka.audit_trail IS 'the audit log one changed row per line, old and new values side by side';
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

-- The audit rule of a table: rows grouped by body period and chunks of 10,000. p_period gives the
-- (body_id, q, year) of a transition row r, p_join whatever it needs joined (a plain join, so a bulk
-- statement's rows meet the parent table in one hash join).
CREATE FUNCTION ocenka.audit_rule(p_table text, p_operation text, p_period text, p_join text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN 'do: INSERT INTO ocenka.audit_log (actor, table_name, operation, mode, reason, body_id, q, year, row_count, '
	    || CASE p_operation WHEN 'INSERT' THEN 'new_rows' WHEN 'DELETE' THEN 'old_rows' ELSE 'old_rows, new_rows' END
	    -- a purge's own record outlives the periods it purged: it is kept three years from the purge
	    || format(') SELECT ocenka.acting_user(), %L, %L, ocenka.entry_mode(), ocenka.entry_reason(), '
	              'CASE WHEN ocenka.entry_mode() <> ''purge'' THEN p.body_id END, CASE WHEN ocenka.entry_mode() <> ''purge'' THEN p.q END, '
	              'CASE WHEN ocenka.entry_mode() <> ''purge'' THEN p.year END, count(*)', p_table, p_operation)
	    || CASE p_operation
	       -- under purge the deleted documents are counted, not copied: the log must not keep what was purged
	       WHEN 'DELETE' THEN ', CASE WHEN ocenka.entry_mode() <> ''purge'' THEN json_agg(p.old_row) END'
	       WHEN 'INSERT' THEN ', json_agg(p.new_row)'
	       -- both arrays are built from the same input rows in one pass, so their elements pair up
	       ELSE ', json_agg(p.old_row), json_agg(p.new_row)' END
	    || format(' FROM (SELECT %s, r.ocenka_i AS i', p_period)
	    || CASE p_operation WHEN 'INSERT' THEN ', r.ocenka_row AS new_row'
	                        WHEN 'DELETE' THEN ', r.ocenka_row AS old_row'
	                        ELSE ', o.ocenka_row AS old_row, r.ocenka_row AS new_row' END
	    || CASE p_operation WHEN 'DELETE' THEN ' FROM (SELECT t.*, t AS ocenka_row, row_number() OVER () AS ocenka_i FROM old_rows t) r '
	                        ELSE ' FROM (SELECT t.*, t AS ocenka_row, row_number() OVER () AS ocenka_i FROM new_rows t) r ' END
	    -- old and new transition rows come in the same order, so ordinals pair them
	    || CASE p_operation WHEN 'UPDATE' THEN 'JOIN (SELECT t AS ocenka_row, row_number() OVER () AS ocenka_i FROM old_rows t) o ON o.ocenka_i = r.ocenka_i ' ELSE '' END
	    || p_join
	    || ') p GROUP BY p.body_id, p.q, p.year, (p.i - 1) / 10000';
COMMENT ON FUNCTION ocenka.audit_rule(text, text, text, text) IS 'internal: the do: rule that writes a table''s changes to the audit log, grouped by body period';

-- audit triggers are made by a helper so each table states only how its rows map to a period
CREATE FUNCTION ocenka.create_audit_triggers(p_table regclass, p_period text, p_join text) RETURNS void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	op text;
BEGIN
	FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
		EXECUTE format('CREATE TRIGGER ocenka_9_audit_%s AFTER %s ON %s REFERENCING %s FOR EACH STATEMENT
		                EXECUTE FUNCTION ocenka.enforce_rules(%L)',
		               lower(op), op, p_table,
		               CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
		                       ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
		               ocenka.audit_rule(p_table::text, op, p_period, p_join));
	END LOOP;
END
$$;

SELECT ocenka.create_audit_triggers('ocenka.sheet', 'r.body_id, r.q, NULL::integer AS year', '');
SELECT ocenka.create_audit_triggers('ocenka.item', 's.body_id, s.q, NULL::integer AS year',
                                    'LEFT JOIN ocenka.sheet s ON s.id = r.sheet_id');
SELECT ocenka.create_audit_triggers('ocenka.penalty', 'r.body_id, ocenka.quarter_of(r.imposed_on) AS q, NULL::integer AS year', '');
SELECT ocenka.create_audit_triggers('ocenka.kpi_target', 'k.body_id, r.q, NULL::integer AS year',
                                    'LEFT JOIN ocenka.kpi k ON k.id = r.kpi_id');
SELECT ocenka.create_audit_triggers('ocenka.quarter_result', 'r.body_id, r.q, NULL::integer AS year', '');
SELECT ocenka.create_audit_triggers('ocenka.annual_result', 'r.body_id, NULL::ocenka.quarter AS q, r.year', '');
-- KPI plans (their achieved flags decide akmola-2018's annual grade) and 360 results
SELECT ocenka.create_audit_triggers('ocenka.kpi', 'r.body_id, NULL::ocenka.quarter AS q, r.year', '');
SELECT ocenka.create_audit_triggers('ocenka.competency_result', 'v.body_id, NULL::ocenka.quarter AS q, v.year',
                                    'LEFT JOIN ocenka.survey v ON v.id = r.survey_id');
DROP FUNCTION ocenka.create_audit_triggers(regclass, text, text);
DROP FUNCTION ocenka.audit_rule(text, text, text, text);
