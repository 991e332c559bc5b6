-- A result's history after the grade (issue 11), for explain_result and explain_annual_result: the
-- computed grade, the acquaintance or its refusal, the calibration application and session (members,
-- each vote, how the majority decided), the commission's meetings on an annual KPI-count result
-- (commission_explained), every decision and appeal, and the final grade.

CREATE FUNCTION ocenka.result_history(employee_id bigint, q ocenka.quarter, year integer) RETURNS jsonb
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	p_employee bigint := result_history.employee_id;
	p_q ocenka.quarter := result_history.q;
	p_year integer := result_history.year;
	f record;
	acq jsonb;
	cal jsonb;
	decisions jsonb;
	appeals jsonb;
BEGIN
	IF p_q IS NOT NULL THEN
		SELECT r.score, r.gradation, r.completed_on, r.methodology, r.status, r.final_score, r.final_gradation, r.final_state,
		       r.final_decision_id, r.final_on, NULL::text AS rule
		INTO f FROM ocenka.final_quarter_result r WHERE r.employee_id = p_employee AND r.q = p_q;
	ELSE
		SELECT r.score, r.gradation, r.completed_on, r.methodology, r.status, r.final_score, r.final_gradation, r.final_state,
		       r.final_decision_id, r.final_on, r.rule
		INTO f FROM ocenka.final_annual_result r WHERE r.employee_id = p_employee AND r.year = p_year;
	END IF;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;

	SELECT jsonb_build_object(
		'kind', a.kind, 'on', a.on_date, 'recorded_on', a.recorded_on, 'recorded_by', a.recorded_by,
		'due', ocenka.acquaintance_due(p_employee, p_q, p_year, a.absence = 'dismissed'),
		'rule', 'HR acquaints the evaluatee within 2 working days after the evaluation ends (methodology §9a; typical-2023 ¶11, wko-2026 ¶9)')
		|| CASE a.kind
		   WHEN 'refused' THEN jsonb_build_object(
		       'act', a.act_no,
		       'signed_by', jsonb_build_array(
		           jsonb_build_object('id', a.act_hr_id, 'name', (SELECT full_name FROM ocenka.employee WHERE id = a.act_hr_id), 'role', 'HR'),
		           jsonb_build_object('id', a.act_witness1_id, 'name', (SELECT full_name FROM ocenka.employee WHERE id = a.act_witness1_id)),
		           jsonb_build_object('id', a.act_witness2_id, 'name', (SELECT full_name FROM ocenka.employee WHERE id = a.act_witness2_id))),
		       'note', 'the evaluatee refused to sign; the act records it and the result stands (akmola-2018 ¶41–42)')
		   WHEN 'notified' THEN jsonb_build_object('absence', a.absence, 'channel', a.channel)
		   ELSE '{}' END
	INTO acq
	FROM ocenka.acquaintance a WHERE a.employee_id = p_employee AND (a.q = p_q OR a.year = p_year);
	IF acq IS NULL AND f.status = 'evaluated' THEN
		acq := jsonb_build_object('kind', 'none yet', 'due', ocenka.acquaintance_due(p_employee, p_q, p_year));
	END IF;

	IF p_q IS NOT NULL THEN
		SELECT jsonb_build_object(
			'application', jsonb_build_object('id', c.application_id, 'filed_on', c.filed_on,
			                                  'addressed_to', (SELECT full_name FROM ocenka.employee WHERE id = ap.addressed_to),
			                                  'grounds', ap.grounds,
			                                  'rule', 'within 5 working days of acquaintance (typical-2023 ¶12; wko-2026 ¶10: of receiving the result)'),
			'session', CASE WHEN c.session_id IS NOT NULL THEN jsonb_build_object(
				'id', c.session_id, 'ordered_on', c.ordered_on,
				'ordered_by', (SELECT full_name FROM ocenka.employee WHERE id = s.ordered_by), 'order', s.order_document,
				'held_on', c.held_on,
				'evaluator', jsonb_build_object('id', c.evaluator_id, 'name', (SELECT full_name FROM ocenka.employee WHERE id = c.evaluator_id),
				                                'heard', c.evaluator_heard, 'argument', s.evaluator_argument),
				'applicant_argument', s.applicant_argument,
				'members', (SELECT jsonb_agg(jsonb_build_object('id', m.employee_id, 'name', e.full_name, 'hr', m.is_hr,
				                                                'vote', v.score::numeric) ORDER BY m.employee_id)
				            FROM ocenka.calibration_member m JOIN ocenka.employee e ON e.id = m.employee_id
				            LEFT JOIN ocenka.calibration_vote v ON (v.session_id, v.employee_id) = (m.session_id, m.employee_id)
				            WHERE m.session_id = c.session_id),
				'votes_needed', c.members / 2 + 1,
				'majority', c.majority::numeric,
				'majority_rule', format('more than half of all %s members vote for the same score: at least %s (typical-2023 ¶41, wko-2026 ¶23)',
				                        c.members, c.members / 2 + 1),
				'tally', (SELECT jsonb_object_agg(t.score, t.n) FROM (SELECT v.score::text AS score, count(*) AS n FROM ocenka.calibration_vote v
				                                                     WHERE v.session_id = c.session_id GROUP BY v.score) t),
				'protocol', s.protocol_document, 'protocol_signed_on', c.protocol_signed_on,
				'feedback_on', c.feedback_on, 'feedback', s.feedback_notes) END)
		INTO cal
		FROM ocenka.calibration_case c
		JOIN ocenka.calibration_application ap ON ap.id = c.application_id
		LEFT JOIN ocenka.calibration_session s ON s.id = c.session_id
		WHERE c.employee_id = p_employee AND c.q = p_q;
	END IF;

	SELECT jsonb_agg(jsonb_build_object('id', d.id, 'kind', d.kind, 'outcome', d.outcome,
	                                    'before', coalesce(d.score_before::text, d.gradation_before::text),
	                                    'after', coalesce(d.score_after::text, d.gradation_after::text),
	                                    'gradation', d.gradation_after, 'decided_on', d.decided_on, 'document', d.document,
	                                    'decided_by', d.decided_by, 'appeal_of', d.appeal_of, 'recorded_on', d.recorded_on)
	                 ORDER BY d.decided_on, d.id)
	INTO decisions
	FROM ocenka.result_decision d WHERE d.employee_id = p_employee AND (d.q = p_q OR d.year = p_year);

	SELECT jsonb_agg(jsonb_build_object('id', a.id, 'of_decision', a.decision_id, 'of_kind', d.kind, 'filed_on', a.filed_on,
	                                    'due', ocenka.appeal_due(d.kind, d.decided_on), 'authority', a.authority,
	                                    'outcome', coalesce(a.outcome, 'pending'), 'decided_on', a.decided_on, 'document', a.document)
	                 ORDER BY a.filed_on, a.id)
	INTO appeals
	FROM ocenka.appeal a JOIN ocenka.result_decision d ON d.id = a.decision_id
	WHERE d.employee_id = p_employee AND (d.q = p_q OR d.year = p_year);

	RETURN jsonb_build_object(
		'computed', jsonb_build_object('score', f.score::numeric, 'gradation', f.gradation, 'completed_on', f.completed_on),
		'acquaintance', acq,
		'calibration', cal,
		'commission', CASE WHEN p_year IS NOT NULL THEN coalesce(ocenka.commission_explained(p_employee, p_year), '[]') END,
		'decisions', coalesce(decisions, '[]'),
		'appeals', coalesce(appeals, '[]'),
		'final', jsonb_build_object(
			'score', f.final_score::numeric, 'gradation', f.final_gradation, 'state', f.final_state,
			'decision_id', f.final_decision_id, 'on', f.final_on,
			'rule', 'the latest decision in force (by its day, then as recorded), else the computed grade'));
END
$$;
COMMENT ON FUNCTION ocenka.result_history(bigint, ocenka.quarter, integer) IS 'a result''s history after the grade, as jsonb: computed grade, acquaintance (or refusal act, or notice), calibration application and session (members, each vote, the tally and how the majority decided, protocol, feedback meeting), the commission''s meetings on an annual KPI-count result (commission_explained: members, attendance, quorum, each vote, how the majority or the chair''s vote decided), every decision, every appeal, and the final grade; give q for a quarterly result, year for an annual one';
