-- Explainability: why a grade is what it is, for the employee contesting it and the auditor.

CREATE FUNCTION ocenka.explain_result(employee_id bigint, q ocenka.quarter) RETURNS jsonb
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	r ocenka.quarter_result;
	m ocenka.methodology;
	items jsonb;
	penalties jsonb;
	reason ocenka.ineligibility_reason;
BEGIN
	SELECT * INTO r FROM ocenka.quarter_result x WHERE x.employee_id = explain_result.employee_id AND x.q = explain_result.q;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no result for % in %', ocenka.who(explain_result.employee_id), explain_result.q
			USING ERRCODE = '22023', HINT = 'Results exist once close_quarter has closed the quarter.';
	END IF;
	SELECT * INTO m FROM ocenka.methodology WHERE code = r.methodology;

	IF r.status = 'not_evaluated' THEN
		SELECT * INTO reason FROM ocenka.ineligibility_reason WHERE code = r.reason;
		RETURN jsonb_build_object(
			'employee', jsonb_build_object('id', r.employee_id, 'name', (SELECT full_name FROM ocenka.employee WHERE id = r.employee_id)),
			'quarter', r.q::text, 'body_id', r.body_id,
			'edition', r.methodology, 'edition_rule', format('the edition in force on %s, the quarter''s last day (methodology §5)', ocenka.last_day(r.q)),
			'status', r.status, 'reason', r.reason, 'reason_text', reason.description, 'basis', reason.basis,
			'completed_on', r.completed_on);
	END IF;

	IF r.method = 'kpi' THEN
		SELECT jsonb_agg(jsonb_build_object(
			'no', i.no, 'kpi', k.name, 'unit', k.unit_of_measure, 'direction', k.direction,
			'plan', t.plan, 'actual', t.actual, 'percent', i.percent,
			'allowed', ocenka.kpi_band(i.percent)::text, 'grade', i.score::numeric) ORDER BY i.no)
		INTO items
		FROM ocenka.item i JOIN ocenka.kpi k ON k.id = i.kpi_id
		LEFT JOIN ocenka.kpi_target t ON t.kpi_id = k.id AND t.q = r.q
		WHERE i.sheet_id = r.sheet_id;
	ELSE
		SELECT jsonb_agg(jsonb_build_object(
			'no', i.no, 'parameter', f.code, 'name_ru', f.name_ru, 'name_kk', f.name_kk, 'name_en', f.name_en,
			'score', i.score::numeric) ORDER BY i.no)
		INTO items
		FROM ocenka.item i JOIN ocenka.form_parameter f ON f.form = i.form AND f.no = i.no
		WHERE i.sheet_id = r.sheet_id;
	END IF;

	SELECT jsonb_agg(jsonb_build_object('kind', p.kind, 'imposed_on', p.imposed_on, 'order', p.order_ref,
	                                    'cap', ocenka.penalty_cap(p.kind)::numeric) ORDER BY p.imposed_on, p.id)
	INTO penalties
	FROM ocenka.penalty p
	WHERE p.employee_id = r.employee_id AND p.imposed_on BETWEEN ocenka.first_day(r.q) AND ocenka.last_day(r.q);

	RETURN jsonb_build_object(
		'employee', jsonb_build_object('id', r.employee_id, 'name', (SELECT full_name FROM ocenka.employee WHERE id = r.employee_id)),
		'quarter', r.q::text, 'body_id', r.body_id,
		'edition', r.methodology,
		'edition_rule', format('the edition in force on %s, the quarter''s last day (methodology §5)', ocenka.last_day(r.q)),
		'status', r.status,
		'method', r.method, 'form', r.form,
		'evaluator', (SELECT jsonb_build_object('id', e.id, 'name', e.full_name)
		              FROM ocenka.sheet s JOIN ocenka.employee e ON e.id = s.evaluator_id WHERE s.id = r.sheet_id),
		'items', items,
		'sum', (SELECT sum(i.score::numeric) FROM ocenka.item i WHERE i.sheet_id = r.sheet_id),
		'count', (SELECT count(*) FROM ocenka.item i WHERE i.sheet_id = r.sheet_id),
		'mean', r.mean::numeric,
		'mean_rule', CASE WHEN r.method = 'kpi'
		                  THEN 'sum of the KPI grades / number of KPIs, rounded half away from zero to two decimals (methodology §2, §3)'
		                  ELSE 'sum of the parameter scores / number of parameters, rounded half away from zero to two decimals (methodology §2, §4)' END,
		'penalties', coalesce(penalties, '[]'::jsonb),
		'cap', r.cap::numeric,
		'cap_rule', CASE WHEN m.penalty_cap
		                 THEN 'a disciplinary penalty imposed in the quarter caps the score: 2.99 for a remark, reprimand or severe reprimand, 1.99 for any other; the lowest cap applies (methodology §4b; wko-2026 appendices 1–2)'
		                 ELSE format('%s has no disciplinary cap', m.code) END,
		'capped', r.cap IS NOT NULL AND r.cap < r.mean,
		'score', r.score::numeric,
		'gradation', r.gradation,
		'band', CASE r.gradation WHEN 'effective' THEN '4.00–5.00' WHEN 'proper' THEN '3.00–3.99'
		                         WHEN 'satisfactory' THEN '2.00–2.99' ELSE '0.00–1.99' END,
		'label', jsonb_build_object('kk', ocenka.gradation_label(r.gradation, 'kk', r.methodology),
		                            'ru', ocenka.gradation_label(r.gradation, 'ru', r.methodology),
		                            'en', ocenka.gradation_label(r.gradation, 'en', r.methodology)),
		'completed_on', r.completed_on,
		'acquainted_on', r.acquainted_on);
END
$$;
COMMENT ON FUNCTION ocenka.explain_result(bigint, ocenka.quarter) IS 'why a quarterly result is what it is: edition, method and form, every input score (or KPI with plan, actual, percentage and allowed band), the mean, any penalty and the cap it caused, the score, band and label in kk/ru/en';
