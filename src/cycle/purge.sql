-- Retention (§11) of everything an evaluation leaves: purge_expired deletes what three years from the
-- day a period became final (its completion, or its latest decision: calibration, commission, appeal)
-- have passed, the records after the grade first. It lies above the store because it reads those records.

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
	PERFORM ocenka.report_progress('purge_expired', 0, 30, format('finding what expired by %s', as_of));

	-- a period expires three years after it became final: its completion, or its latest decision (§11)
	CREATE TEMP TABLE pg_temp.ocenka_expired_quarter ON COMMIT DROP AS
		SELECT s.body_id, s.q FROM ocenka.quarter_status s
		WHERE ocenka.kept_until(greatest(s.completed_on, (SELECT max(d.decided_on) FROM ocenka.result_decision d
		                                                  WHERE d.body_id = s.body_id AND d.q = s.q))) <= as_of;
	CREATE TEMP TABLE pg_temp.ocenka_expired_year ON COMMIT DROP AS
		SELECT s.body_id, s.year FROM ocenka.year_status s
		WHERE ocenka.kept_until(greatest(s.completed_on, (SELECT max(d.decided_on) FROM ocenka.result_decision d
		                                                  WHERE d.body_id = s.body_id AND d.year = s.year))) <= as_of;

	-- the records after the grade of expired periods, dependents first
	DELETE FROM ocenka.calibration_vote v USING ocenka.calibration_session s, ocenka.calibration_application a, pg_temp.ocenka_expired_quarter e
	WHERE v.session_id = s.id AND s.application_id = a.id AND (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_vote'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.calibration_member m USING ocenka.calibration_session s, ocenka.calibration_application a, pg_temp.ocenka_expired_quarter e
	WHERE m.session_id = s.id AND s.application_id = a.id AND (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_member'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.calibration_session s USING ocenka.calibration_application a, pg_temp.ocenka_expired_quarter e
	WHERE s.application_id = a.id AND (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_session'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.calibration_application a USING pg_temp.ocenka_expired_quarter e WHERE (a.body_id, a.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'calibration_application'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.appeal p USING ocenka.result_decision d
	WHERE d.id = p.decision_id
	  AND (EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (d.body_id, d.q))
	       OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (d.body_id, d.year)));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'appeal'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.result_decision d
	WHERE EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (d.body_id, d.q))
	   OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (d.body_id, d.year));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'result_decision'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.acquaintance a
	WHERE EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (a.body_id, a.q))
	   OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (a.body_id, a.year));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'acquaintance'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	-- the commission's meetings on expired years; an order once no meeting sat in it and three years have
	-- passed since a later order replaced it (its members go with it)
	SELECT count(*) INTO n FROM ocenka.commission_vote v JOIN ocenka.commission_meeting m ON m.id = v.meeting_id
	JOIN pg_temp.ocenka_expired_year e ON (e.body_id, e.year) = (m.body_id, m.year);
	table_name := 'commission_vote'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	SELECT count(*) INTO n FROM ocenka.commission_attendance a JOIN ocenka.commission_meeting m ON m.id = a.meeting_id
	JOIN pg_temp.ocenka_expired_year e ON (e.body_id, e.year) = (m.body_id, m.year);
	table_name := 'commission_attendance'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	-- a meeting takes its attendance and votes with it (ON DELETE CASCADE), so that their rules see it gone
	DELETE FROM ocenka.commission_meeting m USING pg_temp.ocenka_expired_year e WHERE (m.body_id, m.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'commission_meeting'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.commission_order o
	WHERE NOT EXISTS (SELECT FROM ocenka.commission_meeting m WHERE m.order_id = o.id)
	  AND ocenka.kept_until((SELECT min(x.valid_from) - 1 FROM ocenka.commission_order x
	                         WHERE x.body_id = o.body_id AND x.valid_from > o.valid_from)) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'commission_order'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

	-- dependents first
	DELETE FROM ocenka.answer a USING ocenka.survey s, pg_temp.ocenka_expired_year e
	WHERE a.survey_id = s.id AND (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'answer'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.respondent r USING ocenka.survey s, pg_temp.ocenka_expired_year e
	WHERE r.survey_id = s.id AND (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'respondent'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.competency_result c WHERE ocenka.kept_until(c.completed_on) <= as_of;
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'competency_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.survey s USING pg_temp.ocenka_expired_year e WHERE (s.body_id, s.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.competency_result c WHERE c.survey_id = s.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'survey'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

	DELETE FROM ocenka.item i USING ocenka.sheet s, pg_temp.ocenka_expired_quarter e
	WHERE i.sheet_id = s.id AND (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'item'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.quarter_result r USING pg_temp.ocenka_expired_quarter e WHERE (r.body_id, r.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'quarter_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.sheet s USING pg_temp.ocenka_expired_quarter e WHERE (s.body_id, s.q) = (e.body_id, e.q);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'sheet'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.annual_result r USING pg_temp.ocenka_expired_year e WHERE (r.body_id, r.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'annual_result'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

	-- the signed steps, count sheets and notices of what expired (src/store/kpi_plan.sql, outbox.sql): steps
	-- and notices name their period as text, a quarter (2026-Q1) or a year (2026)
	FOREACH table_name IN ARRAY ARRAY['review_step', 'notice'] LOOP
		EXECUTE format($d$DELETE FROM ocenka.%I r
		                 WHERE EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e
		                               WHERE (e.body_id, e.q) = (r.body_id, CASE WHEN r.period LIKE '%%-Q%%' THEN r.period::ocenka.quarter END))
		                    OR EXISTS (SELECT FROM pg_temp.ocenka_expired_year e
		                               WHERE (e.body_id, e.year) = (r.body_id, CASE WHEN r.period NOT LIKE '%%-Q%%' THEN r.period::integer END))$d$,
		               table_name);
		GET DIAGNOSTICS n = ROW_COUNT; deleted := n; RETURN NEXT;
		steps := steps + 1; total := total + n;
		PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	END LOOP;
	DELETE FROM ocenka.count_sheet c USING pg_temp.ocenka_expired_year e WHERE (c.body_id, c.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'count_sheet'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

	-- a KPI plan serves its quarters and its year: it goes when all of them have expired
	DELETE FROM ocenka.kpi_target t USING ocenka.kpi k, pg_temp.ocenka_expired_year e
	WHERE t.kpi_id = k.id AND (k.body_id, k.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.quarter_status qs WHERE (qs.body_id, qs.q) = (k.body_id, t.q)
	                  AND NOT EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter x WHERE (x.body_id, x.q) = (qs.body_id, qs.q)));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_target'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.kpi_indicator i USING ocenka.kpi k, pg_temp.ocenka_expired_year e
	WHERE i.kpi_id = k.id AND (k.body_id, k.year) = (e.body_id, e.year) AND NOT EXISTS (SELECT FROM ocenka.kpi_target t WHERE t.kpi_id = k.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_indicator'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.kpi k USING pg_temp.ocenka_expired_year e WHERE (k.body_id, k.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.kpi_target t WHERE t.kpi_id = k.id);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.kpi_plan p USING pg_temp.ocenka_expired_year e WHERE (p.body_id, p.year) = (e.body_id, e.year)
	  AND NOT EXISTS (SELECT FROM ocenka.kpi k WHERE (k.employee_id, k.year) = (p.employee_id, p.year));
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'kpi_plan'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	-- competency assessments by behavioural indicators and the annual schedule follow their year
	DELETE FROM ocenka.indicator_mark m USING ocenka.competency_assessment a, pg_temp.ocenka_expired_year e
	WHERE m.assessment_id = a.id AND (a.body_id, a.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'indicator_mark'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.competency_assessment a USING pg_temp.ocenka_expired_year e WHERE (a.body_id, a.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'competency_assessment'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));
	DELETE FROM ocenka.annual_schedule s USING pg_temp.ocenka_expired_year e WHERE (s.body_id, s.year) = (e.body_id, e.year);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'annual_schedule'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

	-- the audit entries of what was purged; penalties are never purged, so neither is their audit
	DELETE FROM ocenka.audit_log l
	WHERE (l.table_name IN ('sheet', 'item', 'quarter_result', 'calibration_application', 'calibration_session',
	                        'calibration_member', 'calibration_vote', 'result_decision', 'acquaintance', 'appeal',
	                        'review_step', 'notice', 'item_note')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (l.body_id, l.q)))
	   OR (l.table_name = 'kpi_target'
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_quarter e WHERE (e.body_id, e.q) = (l.body_id, l.q))
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, ocenka.year_of(l.q))))
	   OR (l.table_name IN ('annual_result', 'kpi', 'competency_result', 'result_decision', 'acquaintance', 'appeal',
	                        'commission_meeting', 'commission_attendance', 'commission_vote',
	                        'kpi_plan', 'kpi_indicator', 'count_sheet', 'review_step', 'notice',
	                        'indicator_mark', 'competency_assessment', 'annual_schedule')
	       AND EXISTS (SELECT FROM pg_temp.ocenka_expired_year e WHERE (e.body_id, e.year) = (l.body_id, l.year)))
	   OR (l.body_id IS NULL AND ocenka.kept_until(l.at::date) <= as_of);
	GET DIAGNOSTICS n = ROW_COUNT; table_name := 'audit_log'; deleted := n; RETURN NEXT;
	steps := steps + 1; total := total + n;
	PERFORM ocenka.report_progress('purge_expired', steps, 30, format('%s deleted in all; %s: %s', total, table_name, n));

	-- dropped now, not at commit, so that the transaction may call purge_expired again
	DROP TABLE pg_temp.ocenka_expired_quarter, pg_temp.ocenka_expired_year;
	PERFORM ocenka.end_purge();
END
$$;
COMMENT ON FUNCTION ocenka.purge_expired(date) IS 'deletes the evaluation documents whose three years from completion have passed by as_of (default: ocenka.today(), never later) (§11), counted from the latest decision on a period where there is one, dependents first (the records after the grade, then the documents); returns rows deleted per table; idempotent; needs the admin capacity';
