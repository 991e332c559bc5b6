-- HR's duties (typical-2023 ¶22, ¶26, ¶30, ¶48–55; akmola-2018 ¶9–24; wko-2026 ¶9): what is due on a day, by
-- whom, by when, and what is overdue, computed from the calendar, the plans, sheets and notices. The period
-- under way is the year of the day and the quarter before the day's quarter (the one being evaluated);
-- count sheets and annual results are those of the year before. A duty is listed until it is done.

CREATE FUNCTION ocenka.duties(p_day date)
	RETURNS TABLE (body_id bigint, employee_id bigint, period text, duty text, actor text, actor_id bigint,
	               subject_id bigint, due_on date, overdue boolean, basis text)
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	WITH bodies AS MATERIALIZED (SELECT coalesce(array_agg(b.id), '{}') AS ids FROM ocenka.body b),
	per AS MATERIALIZED (
		SELECT extract(year FROM p_day)::integer AS y,
		       ocenka.quarter_of((date_trunc('quarter', p_day) - interval '1 day')::date) AS q),
	-- the evaluator of a person on the day: immediate supervisor first
	ev AS MATERIALIZED (
		SELECT DISTINCT ON (a.evaluatee_id) a.evaluatee_id, a.evaluator_id FROM ocenka.evaluator a
		WHERE a.role IN ('immediate_supervisor', 'unit_head') AND a.valid_from <= p_day AND (a.valid_until IS NULL OR a.valid_until >= p_day)
		ORDER BY a.evaluatee_id, a.role = 'immediate_supervisor' DESC, a.valid_from DESC),
	-- who needs a KPI plan this year: heads under typical-2023, everyone under the count rule (§3, §7)
	need AS MATERIALIZED (
		SELECT p.body_id, p.employee_id, m.code, m.annual_rule, p.position_start
		FROM per CROSS JOIN bodies
		CROSS JOIN LATERAL ocenka.bodies_plan(bodies.ids, make_date(per.y, 1, 1), make_date(per.y, 12, 31)) p
		JOIN ocenka.methodology m ON m.code = ocenka.kpi_edition(p.body_id, per.y)
		-- an edition whose act was revoked before the year (akmola-2018 after 2022-03-15) asks for no plans
		WHERE p.reason IS NULL AND (m.annual_rule = 'kpi_count' OR p.is_head) AND p.position_start <= p_day
		  AND (m.in_force_until IS NULL OR m.in_force_until >= make_date(per.y, 1, 1))),
	plans AS (
		SELECT n.body_id, n.employee_id, n.annual_rule, per.y, pl.id, pl.state, pl.revision, pl.approved_on,
		       coalesce(pl.due_on, ocenka.add_working_days(n.position_start - 1, 10)) AS draft_due,
		       (SELECT s.on_day FROM ocenka.review_step s WHERE s.document = 'kpi_plan' AND s.document_id = pl.id
		        ORDER BY s.id DESC LIMIT 1) AS last_day,
		       ARRAY(SELECT s.step FROM ocenka.review_step s WHERE s.document = 'kpi_plan' AND s.document_id = pl.id
		             AND s.id > coalesce((SELECT max(x.id) FROM ocenka.review_step x WHERE x.document = 'kpi_plan'
		                                  AND x.document_id = pl.id AND x.step = 'submit'), 0)) AS since_submit
		FROM need n CROSS JOIN per
		LEFT JOIN ocenka.kpi_plan pl ON (pl.employee_id, pl.year) = (n.employee_id, per.y)
		-- a plan recorded before 0.2 (its KPIs carry an approval) needs nothing
		WHERE pl.id IS NOT NULL OR NOT EXISTS (SELECT FROM ocenka.kpi k WHERE (k.employee_id, k.year) = (n.employee_id, per.y)
		                                       AND k.approved_on IS NOT NULL)),
	plan_duty AS (
		SELECT p.body_id, p.employee_id, p.y::text AS period, d.duty, d.actor,
		       CASE d.actor WHEN 'evaluator' THEN ev.evaluator_id
		                    WHEN 'superior' THEN (ocenka.superiors(ocenka.direct_supervisors(p.employee_id, p_day), p_day))[1] END AS actor_id,
		       p.id AS subject_id,
		       d.due_on, d.basis
		FROM plans p LEFT JOIN ev ON ev.evaluatee_id = p.employee_id
		CROSS JOIN LATERAL (VALUES
			('plan_submit', 'evaluator', CASE WHEN coalesce(p.revision, 1) = 1 THEN p.draft_due END,
			 'typical-2023 ¶22; akmola-2018 ¶9', p.state IS NULL OR p.state = 'draft'),
			('plan_resubmit', 'evaluator', ocenka.add_working_days(p.last_day, 2), 'akmola-2018 ¶12', p.state = 'returned'),
			('plan_agree_planning', 'planning', p.draft_due, 'typical-2023 ¶22',
			 p.state = 'submitted' AND p.annual_rule = 'mean_of_quarters' AND NOT 'agree_planning' = ANY (p.since_submit)
			 AND cardinality(ocenka.service_members(p.body_id, 'strategic_planning', p_day)) > 0),
			('plan_agree_hr', 'hr', p.draft_due, 'typical-2023 ¶22',
			 p.state = 'submitted' AND p.annual_rule = 'mean_of_quarters' AND NOT 'agree_hr' = ANY (p.since_submit)),
			('plan_approve', 'superior', CASE WHEN p.revision = 1 THEN p.draft_due END, 'typical-2023 ¶22; akmola-2018 ¶10–11',
			 p.state = 'submitted'),
			('plan_post', 'hr', ocenka.add_working_days(p.approved_on, 5), 'typical-2023 ¶22',
			 p.state = 'approved' AND p.annual_rule = 'mean_of_quarters')) AS d(duty, actor, due_on, basis, open)
		WHERE d.open),
	-- the quarter being evaluated, in bodies that evaluate quarterly and have not closed it
	qb AS MATERIALIZED (
		SELECT b.id AS body_id, per.q, m.*, ocenka.quarter_deadline(per.q, m.quarter_deadline_day) AS deadline
		FROM ocenka.body b CROSS JOIN per
		JOIN ocenka.methodology m ON m.code = ocenka.edition_on(b.id, ocenka.last_day(per.q))
		WHERE m.evaluation_period = 'quarter' AND p_day > ocenka.last_day(per.q)
		  AND NOT EXISTS (SELECT FROM ocenka.quarter_status s WHERE (s.body_id, s.q) = (b.id, per.q) AND s.closed_at IS NOT NULL)),
	qplan AS MATERIALIZED (
		SELECT p.*, qb.q, qb.deadline, qb.code, qb.penalty_cap
		FROM qb CROSS JOIN LATERAL ocenka.bodies_plan(ARRAY[qb.body_id], ocenka.first_day(qb.q), ocenka.last_day(qb.q)) p
		WHERE p.reason IS NULL AND p.method IS NOT NULL),
	-- HR sends the KPI actuals at least 5 working days before the deadline (typical-2023 ¶22)
	actual_duty AS (
		SELECT k.body_id, k.employee_id, t.q::text, 'kpi_actual', 'hr', NULL::bigint, k.id,
		       ocenka.working_days_before(qp.deadline, 5), 'typical-2023 ¶22'
		FROM qplan qp JOIN ocenka.kpi k ON k.employee_id = qp.employee_id AND k.year = ocenka.year_of(qp.q)
		JOIN ocenka.kpi_target t ON t.kpi_id = k.id AND t.q = qp.q
		WHERE qp.form = 'kpi' AND t.actual IS NULL),
	sheet_duty AS (
		SELECT qp.body_id, qp.employee_id, qp.q::text,
		       CASE WHEN s.id IS NULL THEN 'sheet_open' ELSE 'sheet_sign' END,
		       CASE WHEN s.id IS NULL THEN 'hr' ELSE 'evaluator' END, s.evaluator_id, s.id, qp.deadline,
		       format('%s ¶4; the evaluator scores and signs the sheet (typical-2023 appendices 2 and 4)', qp.code)
		FROM qplan qp LEFT JOIN ocenka.sheet s ON (s.employee_id, s.q) = (qp.employee_id, qp.q)
		WHERE s.signed_by IS NULL),
	-- HR tells heads by the 5th and employees by the 10th of the month after the quarter that they are being
	-- evaluated (typical-2023 ¶26, ¶30); under wko-2026 the dismissed are told within that month (¶9)
	notice_duty AS (
		SELECT qp.body_id, qp.employee_id, qp.q::text, n.duty, 'hr', NULL::bigint, NULL::bigint, n.due_on, n.basis
		FROM qplan qp
		CROSS JOIN LATERAL (VALUES
			('notice_head', (ocenka.last_day(qp.q) + 5), 'typical-2023 ¶26', qp.code = 'typical-2023' AND qp.is_head),
			('notice_employee', (ocenka.last_day(qp.q) + 10), 'typical-2023 ¶30', qp.code = 'typical-2023' AND NOT qp.is_head),
			('notice_dismissed', (ocenka.last_day(qp.q) + interval '1 month')::date, 'wko-2026 ¶9',
			 qp.code = 'wko-2026' AND qp.position_end < ocenka.last_day(qp.q)
			 AND NOT EXISTS (SELECT FROM ocenka.appointment a WHERE a.employee_id = qp.employee_id AND a.started_on > qp.position_end))
		) AS n(duty, due_on, basis, applies)
		WHERE n.applies
		  AND NOT EXISTS (SELECT FROM ocenka.notice o WHERE o.dedup_key = format('%s:%s:%s', n.duty, qp.employee_id, qp.q)
		                  AND o.sent_at IS NOT NULL)),
	-- the annual KPI-count sheets of the year before (akmola-2018 ¶17–24; typical-2023 ¶48–55)
	count_duty AS (
		SELECT p.body_id, p.employee_id, (per.y - 1)::text, d.duty, d.actor,
		       CASE d.actor WHEN 'evaluator' THEN c.evaluator_id WHEN 'superior' THEN (ocenka.superiors(ARRAY[c.evaluator_id], p_day))[1] END, c.id, d.due_on, d.basis
		FROM per CROSS JOIN bodies
		CROSS JOIN LATERAL ocenka.bodies_plan(bodies.ids, make_date(per.y - 1, 1, 1), make_date(per.y - 1, 12, 31)) p
		JOIN ocenka.methodology m ON m.code = p.methodology AND m.annual_rule = 'kpi_count'
		                         AND (m.in_force_until IS NULL OR m.in_force_until >= make_date(per.y - 1, 1, 1))
		LEFT JOIN ocenka.count_sheet c ON (c.employee_id, c.year) = (p.employee_id, per.y - 1)
		LEFT JOIN LATERAL (SELECT s.on_day FROM ocenka.review_step s WHERE s.document = 'count_sheet' AND s.document_id = c.id
		                   ORDER BY s.id DESC LIMIT 1) l ON true
		CROSS JOIN LATERAL (VALUES
			('count_sheet_open', 'hr', NULL::date, 'akmola-2018 ¶17', c.id IS NULL),
			('count_sheet_sign', 'evaluator', NULL, 'akmola-2018 ¶17; typical-2023 ¶48', c.state = 'draft'),
			('count_sheet_resubmit', 'evaluator', ocenka.add_working_days(l.on_day, 2), 'akmola-2018 ¶23; typical-2023 ¶54', c.state = 'returned'),
			('count_sheet_agree', 'superior', NULL, 'akmola-2018 ¶19–21; typical-2023 ¶50–52', c.state = 'signed'),
			('count_sheet_submit', 'hr', ocenka.add_working_days(c.agreed_on, 2), 'akmola-2018 ¶24; typical-2023 ¶55', c.state = 'agreed')
		) AS d(duty, actor, due_on, basis, open)
		WHERE p.reason IS NULL AND d.open
		  AND NOT EXISTS (SELECT FROM ocenka.year_status ys WHERE (ys.body_id, ys.year) = (p.body_id, per.y - 1) AND ys.closed_at IS NOT NULL)),
	-- results of the quarter and the year before not yet made known to the evaluatee (acquaintance.sql)
	acquaint_duty AS (
		SELECT r.body_id, r.employee_id, r.q::text, 'acquaint', 'hr', NULL::bigint, r.sheet_id,
		       ocenka.acquaintance_due(r.employee_id, r.q, NULL), 'typical-2023 ¶11; wko-2026 ¶9'
		FROM per JOIN ocenka.quarter_result r ON r.q = per.q
		WHERE r.status = 'evaluated' AND NOT EXISTS (SELECT FROM ocenka.acquaintance a WHERE (a.employee_id, a.q) = (r.employee_id, r.q))
		UNION ALL
		SELECT r.body_id, r.employee_id, r.year::text, 'acquaint', 'hr', NULL::bigint, NULL::bigint,
		       ocenka.acquaintance_due(r.employee_id, NULL, r.year), 'typical-2023 ¶11; akmola-2018 ¶40'
		FROM per JOIN ocenka.annual_result r ON r.year = per.y - 1
		WHERE r.status = 'evaluated' AND NOT EXISTS (SELECT FROM ocenka.acquaintance a WHERE (a.employee_id, a.year) = (r.employee_id, r.year))
		  AND ocenka.acquaintance_due(r.employee_id, NULL, r.year) IS NOT NULL)
	SELECT x.body_id, x.employee_id, x.period, x.duty, x.actor, x.actor_id, x.subject_id, x.due_on,
	       coalesce(p_day > x.due_on, false), x.basis
	FROM (SELECT * FROM plan_duty UNION ALL SELECT * FROM actual_duty UNION ALL SELECT * FROM sheet_duty
	      UNION ALL SELECT * FROM notice_duty UNION ALL SELECT * FROM count_duty UNION ALL SELECT * FROM acquaint_duty) x
	ORDER BY x.due_on NULLS LAST, x.body_id, x.duty, x.employee_id
$$;
COMMENT ON FUNCTION ocenka.duties(date) IS 'what is due on a day, by whom (actor: evaluator, superior, planning, hr; actor_id where known), by when, and whether it is overdue: KPI plans to draft, agree, approve or post, KPI actuals, quarterly sheets to open and sign, notices to heads and employees, annual KPI-count sheets to sign, agree and submit, results to acquaint the evaluatee with';

-- with the caller's rights, as every view that reads evaluation rows: the policies apply through it
CREATE VIEW ocenka.duty WITH (security_invoker = true) AS SELECT * FROM ocenka.duties(ocenka.today());
COMMENT ON VIEW ocenka.duty IS 'the duties of today (ocenka.today()): ocenka.duties(ocenka.today())';
COMMENT ON COLUMN ocenka.duty.body_id IS 'the body';
COMMENT ON COLUMN ocenka.duty.employee_id IS 'the person the duty concerns';
COMMENT ON COLUMN ocenka.duty.period IS 'the period: a quarter (2026-Q1) or a year (2026)';
COMMENT ON COLUMN ocenka.duty.duty IS 'what is due: a plan to draft, agree, approve or post, a KPI actual, a sheet to open or sign, a notice, a count sheet to sign, agree or submit';
COMMENT ON COLUMN ocenka.duty.actor IS 'who must act: evaluator, superior, planning, hr';
COMMENT ON COLUMN ocenka.duty.actor_id IS 'the employee who must act, where known';
COMMENT ON COLUMN ocenka.duty.subject_id IS 'the row the duty is about (plan, KPI, sheet, count sheet)';
COMMENT ON COLUMN ocenka.duty.due_on IS 'the last day to do it (calendar or working days, §10)';
COMMENT ON COLUMN ocenka.duty.overdue IS 'whether the day (ocenka.today()) is after due_on';
COMMENT ON COLUMN ocenka.duty.basis IS 'the paragraph of the seed that sets the duty';

CREATE VIEW ocenka.late_kpi_actual WITH (security_invoker = true) AS
SELECT k.body_id, k.employee_id, k.id AS kpi_id, k.no, t.q, ocenka.working_days_before(d.deadline, 5) AS due_on, t.actual_on
FROM ocenka.kpi_target t JOIN ocenka.kpi k ON k.id = t.kpi_id
JOIN ocenka.kpi_plan p ON (p.employee_id, p.year) = (k.employee_id, k.year)
JOIN ocenka.methodology m ON m.code = ocenka.edition_on(k.body_id, ocenka.last_day(t.q))
CROSS JOIN LATERAL (SELECT ocenka.quarter_deadline(t.q, m.quarter_deadline_day) AS deadline) d
WHERE m.quarter_deadline_day IS NOT NULL
  AND coalesce(t.actual_on, ocenka.today()) > ocenka.working_days_before(d.deadline, 5)
  AND (t.actual_on IS NOT NULL OR ocenka.today() > ocenka.last_day(t.q));
COMMENT ON VIEW ocenka.late_kpi_actual IS 'KPI actual values of plans with a kpi_plan record that HR entered, or has still not entered, later than 5 working days before the quarter''s evaluation deadline (typical-2023 ¶22)';
COMMENT ON COLUMN ocenka.late_kpi_actual.body_id IS 'the body';
COMMENT ON COLUMN ocenka.late_kpi_actual.employee_id IS 'the head whose plan it is';
COMMENT ON COLUMN ocenka.late_kpi_actual.kpi_id IS 'the KPI';
COMMENT ON COLUMN ocenka.late_kpi_actual.no IS 'number in the plan, 1–5';
COMMENT ON COLUMN ocenka.late_kpi_actual.q IS 'the quarter';
COMMENT ON COLUMN ocenka.late_kpi_actual.due_on IS 'the last day HR should have entered the actual: 5 working days before the evaluation deadline (000 ¶22)';
COMMENT ON COLUMN ocenka.late_kpi_actual.actual_on IS 'the day HR entered the actual value, stamped for plans with a kpi_plan record: at least 5 working days before the evaluation deadline (typical-2023 ¶22)';

-- The notices the calendar calls for, written once each (dedup_key), for the outbox's consumer.
CREATE FUNCTION ocenka.queue_notices(p_day date DEFAULT ocenka.today()) RETURNS integer
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
	queued integer;
BEGIN
	INSERT INTO ocenka.notice (kind, employee_id, body_id, period, due_on, payload, dedup_key)
	SELECT d.duty, d.employee_id, d.body_id, d.period, d.due_on, jsonb_build_object('basis', d.basis),
	       format('%s:%s:%s', d.duty, d.employee_id, d.period)
	FROM ocenka.duties(p_day) d
	WHERE d.duty IN ('notice_head', 'notice_employee', 'notice_dismissed')
	ON CONFLICT (dedup_key) DO NOTHING;
	GET DIAGNOSTICS queued = ROW_COUNT;
	RETURN queued;
END
$$;
COMMENT ON FUNCTION ocenka.queue_notices(date) IS 'writes to the outbox the notices due on a day that are not there yet (heads by the 5th, employees by the 10th, the dismissed within the month: typical-2023 ¶26, ¶30, wko-2026 ¶9); returns how many; safe to run daily';
