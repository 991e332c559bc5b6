-- ocenka 0.1 → 0.2: the changes to objects that 0.1 created. The Makefile appends every source
-- file that 0.2 adds whole (see UPGRADE_SOURCES) and src/finish.sql; the result must leave a
-- database identical to a fresh install of 0.2 (scripts/upgrade-check proves it).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION ocenka UPDATE TO '0.2'" to load this file. \quit

-- package15: every column of the views carries a comment (make lint checks the catalog)
COMMENT ON COLUMN ocenka.form_parameter.form IS 'the ranking form: typical-ranking, wko-leadership or wko-non-leadership';
COMMENT ON COLUMN ocenka.form_parameter.no IS 'the parameter''s number on the form (an item''s no)';
COMMENT ON COLUMN ocenka.form_parameter.code IS 'the parameter''s code (quality, deadlines, initiative, discipline, no_penalties …)';
COMMENT ON COLUMN ocenka.form_parameter.name_kk IS 'its name in Kazakh as the seed words it; NULL where the seed has no Kazakh text';
COMMENT ON COLUMN ocenka.form_parameter.name_ru IS 'its name in Russian as the seed words it';
COMMENT ON COLUMN ocenka.form_parameter.name_en IS 'its name in English (our translation)';
COMMENT ON COLUMN ocenka.form_parameter.source IS 'the seed and appendix the wording comes from';
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
