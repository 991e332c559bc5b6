-- Retention (§11): evaluation documents are kept three years from the day the evaluation was completed
-- (a result: from its latest decision, if later — ocenka.final_on, src/cycle/decision.sql);
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
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(employee_id), q)) AS w,
	                                array_agg(greatest(completed_on, ocenka.final_on(employee_id, q, NULL))) AS c FROM old_rows) t,
	        LATERAL ocenka.retention_violation(''the result'', t.w, t.c) v');
CREATE TRIGGER ocenka_2_retention AFTER DELETE ON ocenka.annual_result
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION ocenka.enforce_rules(
	'check: SELECT v.* FROM (SELECT array_agg(format(''%s, %s'', ocenka.who(employee_id), year)) AS w,
	                                array_agg(greatest(completed_on, ocenka.final_on(employee_id, NULL, year))) AS c FROM old_rows) t,
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

-- purge_expired, which deletes what has expired, is src/cycle/purge.sql: it also deletes the records after
-- the grade (decisions, acquaintance, calibration, appeals) and counts from their latest decision.
