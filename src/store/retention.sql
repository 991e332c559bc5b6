-- Retention (§11): evaluation documents are kept three years from the day the evaluation was completed;
-- a DELETE before then is refused, purge_expired removes what has expired.

CREATE FUNCTION ocenka.kept_until(completed_on date) RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN (completed_on + interval '3 years')::date;
COMMENT ON FUNCTION ocenka.kept_until(date) IS 'the first day a document of an evaluation completed on the given day may be destroyed: three years later (§11); NULL while the evaluation is open';

-- The retention rule for rows whose evaluation completed on p_completed: the first still kept.
CREATE FUNCTION ocenka.retention_violation(p_table text, p_what text[], p_completed date[])
	RETURNS SETOF ocenka.violation
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT ('23001', 'ocenka_retention',
	        format('%s of %s must be kept until %s', p_table, w, ocenka.kept_until(c)),
	        format('Documents of an evaluation are kept for three years from the day it was completed, here %s (methodology §11; typical-2023 ¶14, wko-2026 ¶12, akmola-2018 ¶8).', c),
	        'ocenka.purge_expired() removes documents once they have expired.')::ocenka.violation
	FROM unnest(p_what, p_completed) AS t(w, c)
	WHERE c IS NOT NULL AND ocenka.kept_until(c) > ocenka.today()
	ORDER BY c DESC, w LIMIT 1
$$;
COMMENT ON FUNCTION ocenka.retention_violation(text, text[], date[]) IS 'the first of the given documents whose evaluation completed less than three years ago (§11)';

CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.sheet
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(o.employee_id), o.q)) AS w, array_agg(st.completed_on) AS c
	                         FROM old_rows o JOIN ocenka.quarter_status st ON (st.body_id, st.q) = (o.body_id, o.q)
	                         WHERE st.completed_on IS NOT NULL) t,
	        LATERAL ocenka.retention_violation(''the sheet'', t.w, t.c) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.item
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(s.employee_id), s.q)) AS w, array_agg(st.completed_on) AS c
	                         FROM (SELECT DISTINCT sheet_id FROM old_rows) o JOIN ocenka.sheet s ON s.id = o.sheet_id
	                         JOIN ocenka.quarter_status st ON (st.body_id, st.q) = (s.body_id, s.q)
	                         WHERE st.completed_on IS NOT NULL) t,
	        LATERAL ocenka.retention_violation(''a score'', t.w, t.c) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.quarter_result
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(employee_id), q)) AS w, array_agg(completed_on) AS c FROM old_rows) t,
	        LATERAL ocenka.retention_violation(''the result'', t.w, t.c) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.annual_result
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(employee_id), year)) AS w, array_agg(completed_on) AS c FROM old_rows) t,
	        LATERAL ocenka.retention_violation(''the annual result'', t.w, t.c) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.competency_result
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''survey %s'', survey_id)) AS w, array_agg(completed_on) AS c FROM old_rows) t,
	        LATERAL ocenka.retention_violation(''the 360 result'', t.w, t.c) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.survey
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(o.employee_id), o.year)) AS w, array_agg(st.completed_on) AS c
	                         FROM old_rows o JOIN ocenka.year_status st ON (st.body_id, st.year) = (o.body_id, o.year)) t,
	        LATERAL ocenka.retention_violation(''the 360 survey'', t.w, t.c) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.respondent
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''survey %s'', s.id)) AS w, array_agg(st.completed_on) AS c
	                         FROM (SELECT DISTINCT survey_id FROM old_rows) o JOIN ocenka.survey s ON s.id = o.survey_id
	                         JOIN ocenka.year_status st ON (st.body_id, st.year) = (s.body_id, s.year)) t,
	        LATERAL ocenka.retention_violation(''a 360 respondent'', t.w, t.c) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.answer
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''survey %s'', s.id)) AS w, array_agg(st.completed_on) AS c
	                         FROM (SELECT DISTINCT survey_id FROM old_rows) o JOIN ocenka.survey s ON s.id = o.survey_id
	                         JOIN ocenka.year_status st ON (st.body_id, st.year) = (s.body_id, s.year)) t,
	        LATERAL ocenka.retention_violation(''a 360 answer'', t.w, t.c) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.kpi
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(o.employee_id), o.year)) AS w, array_agg(st.completed_on) AS c
	                         FROM old_rows o JOIN ocenka.year_status st ON (st.body_id, st.year) = (o.body_id, o.year)) t,
	        LATERAL ocenka.retention_violation(''the KPI plan'', t.w, t.c) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.kpi_target
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(k.employee_id), o.q)) AS w,
	                                array_agg(greatest(qs.completed_on, ys.completed_on)) AS c
	                         FROM old_rows o JOIN ocenka.kpi k ON k.id = o.kpi_id
	                         LEFT JOIN ocenka.quarter_status qs ON (qs.body_id, qs.q) = (k.body_id, o.q)
	                         LEFT JOIN ocenka.year_status ys ON (ys.body_id, ys.year) = (k.body_id, k.year)) t,
	        LATERAL ocenka.retention_violation(''a KPI target'', t.w, t.c) v');

-- a closed period stays closed: its status row can neither be deleted nor reopened
CREATE TRIGGER ocenka_2_retention AFTER UPDATE ON ocenka.quarter_status
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_closed_period'' AS constraint_name,
	        format(''quarter %s of body %s is closed and cannot be reopened'', o.q, o.body_id) AS message,
	        ''The results of a closed quarter are final (methodology §5, §11).'' AS detail, NULL AS hint
	        FROM old_rows o JOIN new_rows n ON (n.body_id, n.q) = (o.body_id, o.q)
	        WHERE o.closed_at IS NOT NULL AND to_jsonb(n) <> to_jsonb(o) LIMIT 1');
CREATE TRIGGER ocenka_2_retention_delete AFTER DELETE ON ocenka.quarter_status
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23001'' AS sqlstate, ''ocenka_closed_period'' AS constraint_name,
	        format(''quarter %s of body %s is closed: its status is kept'', o.q, o.body_id) AS message,
	        ''A closed period''''s status records when it was completed, which retention counts from (methodology §11).'' AS detail,
	        NULL AS hint FROM old_rows o WHERE o.closed_at IS NOT NULL LIMIT 1');
CREATE TRIGGER ocenka_2_retention AFTER UPDATE ON ocenka.year_status
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23514'' AS sqlstate, ''ocenka_closed_period'' AS constraint_name,
	        format(''year %s of body %s is closed and cannot be reopened'', o.year, o.body_id) AS message,
	        ''The results of a closed year are final (methodology §5, §11).'' AS detail, NULL AS hint
	        FROM old_rows o JOIN new_rows n ON (n.body_id, n.year) = (o.body_id, o.year)
	        WHERE o.closed_at IS NOT NULL AND to_jsonb(n) <> to_jsonb(o) LIMIT 1');
CREATE TRIGGER ocenka_2_retention_delete AFTER DELETE ON ocenka.year_status
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23001'' AS sqlstate, ''ocenka_closed_period'' AS constraint_name,
	        format(''year %s of body %s is closed: its status is kept'', o.year, o.body_id) AS message,
	        ''A closed period''''s status records when it was completed, which retention counts from (methodology §11).'' AS detail,
	        NULL AS hint FROM old_rows o WHERE o.closed_at IS NOT NULL LIMIT 1');

-- the audit log is append-only; its entries expire with the period they document
CREATE TRIGGER ocenka_2_retention AFTER UPDATE ON ocenka.audit_log
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23001'' AS sqlstate, ''ocenka_audit_append_only'' AS constraint_name,
	        format(''audit log entry %s cannot be changed'', o.id) AS message,
	        ''The audit log is append-only.'' AS detail, NULL AS hint FROM old_rows o LIMIT 1');
CREATE TRIGGER ocenka_2_retention_delete AFTER DELETE ON ocenka.audit_log
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''entry %s'', o.id)) AS w,
	                                array_agg(coalesce(qs.completed_on, ys.completed_on,
	                                                   CASE WHEN o.body_id IS NULL THEN o.at::date END)) AS c,
	                                bool_or(o.body_id IS NOT NULL AND coalesce(qs.completed_on, ys.completed_on) IS NULL) AS open
	                         FROM old_rows o
	                         LEFT JOIN ocenka.quarter_status qs ON (qs.body_id, qs.q) = (o.body_id, o.q)
	                         LEFT JOIN ocenka.year_status ys ON (ys.body_id, ys.year) = (o.body_id, o.year)) t,
	        LATERAL (SELECT * FROM ocenka.retention_violation(''the audit log'', t.w, t.c)
	                 UNION ALL
	                 SELECT ''23001'', ''ocenka_retention'', ''the audit log of an open period must be kept'',
	                        ''Documents of an evaluation are kept for three years from the day it was completed (methodology §11).'', NULL
	                 WHERE t.open) v LIMIT 1');

-- the record of close runs is append-only too
CREATE TRIGGER ocenka_2_retention AFTER UPDATE ON ocenka.close_run
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23001'' AS sqlstate, ''ocenka_close_run_append_only'' AS constraint_name,
	        format(''close run %s cannot be changed'', o.id) AS message,
	        ''The record of what each close did is append-only.'' AS detail, NULL AS hint FROM old_rows o LIMIT 1');
CREATE TRIGGER ocenka_2_retention_delete AFTER DELETE ON ocenka.close_run
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT ''23001'' AS sqlstate, ''ocenka_close_run_append_only'' AS constraint_name,
	        format(''close run %s cannot be deleted'', o.id) AS message,
	        ''The record of what each close did is append-only.'' AS detail, NULL AS hint FROM old_rows o LIMIT 1');

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['close_run', 'sheet', 'item', 'quarter_result', 'annual_result', 'competency_result', 'survey',
	                         'respondent', 'answer', 'kpi', 'kpi_target', 'quarter_status', 'year_status',
	                         'audit_log', 'penalty'] LOOP
		EXECUTE format('CREATE TRIGGER ocenka_0_no_truncate BEFORE TRUNCATE ON ocenka.%I
		                FOR EACH STATEMENT EXECUTE FUNCTION ocenka.refuse_truncate()', t);
	END LOOP;
END $$;

CREATE FUNCTION ocenka.purge_expired(as_of date DEFAULT ocenka.today())
	RETURNS TABLE (table_name text, deleted bigint)
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	n bigint;
	steps integer := 0;
	total bigint := 0;
BEGIN
	IF as_of > ocenka.today() THEN
		RAISE EXCEPTION 'cannot purge as of %, which is after today (%)', as_of, ocenka.today()
			USING ERRCODE = '22023',
			      DETAIL = 'Documents expire three years after their evaluation was completed, counted up to today (methodology §11).';
	END IF;
	PERFORM ocenka.begin_purge(format('purge_expired as of %s', as_of));
	PERFORM ocenka.report_progress('purge_expired', 0, 11, format('finding what expired by %s', as_of));

	CREATE TEMP TABLE pg_temp.ocenka_expired_quarter ON COMMIT DROP AS
		SELECT body_id, q FROM ocenka.quarter_status WHERE ocenka.kept_until(completed_on) <= as_of;
	CREATE TEMP TABLE pg_temp.ocenka_expired_year ON COMMIT DROP AS
		SELECT body_id, year FROM ocenka.year_status WHERE ocenka.kept_until(completed_on) <= as_of;

	-- dependents first
	DELETE FROM ocenka.answer a USING ocenka.survey s, pg_temp.ocenka_expired_year e
	WHERE a.survey_id = s.id AND (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'answer'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.respondent r USING ocenka.survey s, pg_temp.ocenka_expired_year e
	WHERE r.survey_id = s.id AND (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'respondent'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.competency_result c WHERE ocenka.kept_until(c.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'competency_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.survey s USING pg_temp.ocenka_expired_year e WHERE (s.body_id, s.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.competency_result c WHERE c.survey_id = s.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'survey'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));

	DELETE FROM ocenka.item i USING ocenka.sheet s, pg_temp.ocenka_expired_quarter e
	WHERE i.sheet_id = s.id AND (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'item'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.quarter_result r WHERE ocenka.kept_until(r.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'quarter_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.sheet s USING pg_temp.ocenka_expired_quarter e WHERE (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'sheet'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.annual_result r WHERE ocenka.kept_until(r.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'annual_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));

	-- a KPI plan serves its quarters and its year: it goes when all of them have expired
	DELETE FROM ocenka.kpi_target t USING ocenka.kpi k, pg_temp.ocenka_expired_year e
	WHERE t.kpi_id = k.id AND (k.body_id, k.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.quarter_status qs WHERE (qs.body_id, qs.q) = (k.body_id, t.q)
	                  AND NOT EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter x WHERE (x.body_id, x.q) = (qs.body_id, qs.q)));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_target'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.kpi k USING pg_temp.ocenka_expired_year e WHERE (k.body_id, k.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.kpi_target t WHERE t.kpi_id = k.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));

	-- the audit entries of what was purged; penalties are never purged, so neither is their audit
	DELETE FROM ocenka.audit_log l
	WHERE (l.table_name IN ('sheet', 'item', 'quarter_result')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (l.body_id, l.q)))
	   OR (l.table_name = 'kpi_target'
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (l.body_id, l.q))
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, ocenka.year_of(l.q))))
	   OR (l.table_name IN ('annual_result', 'kpi', 'competency_result')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, l.year)))
	   OR (l.body_id IS NULL AND ocenka.kept_until(l.at::date) <= as_of);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'audit_log'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 11, format('%s deleted in all; %s: %s', total, table_name, n));

	-- dropped now, not at commit, so that the transaction may call purge_expired again
	DROP TABLE pg_temp.ocenka_expired_quarter, pg_temp.ocenka_expired_year;
	PERFORM ocenka.end_purge();
END
$$;
COMMENT ON FUNCTION ocenka.purge_expired(date) IS 'deletes the evaluation documents whose three years from completion have passed by as_of (default: ocenka.today(), never later) (§11), dependents first; returns rows deleted per table; idempotent; needs the admin capacity';
