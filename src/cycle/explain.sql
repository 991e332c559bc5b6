-- Explainability: why a grade is what it is, for the employee contesting it and the auditor.

-- The score band of a gradation level (§2), as explanations print it.
CREATE FUNCTION ocenka.gradation_band(g ocenka.gradation) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN CASE g WHEN 'effective' THEN '4.00–5.00' WHEN 'proper' THEN '3.00–3.99'
	              WHEN 'satisfactory' THEN '2.00–2.99' ELSE '0.00–1.99' END;
COMMENT ON FUNCTION ocenka.gradation_band(ocenka.gradation) IS 'the score band of a gradation level, as text: 4.00–5.00, 3.00–3.99, 2.00–2.99, 0.00–1.99 (§2)';

-- A level's label in the three languages, in a methodology's own words.
CREATE FUNCTION ocenka.gradation_labels(g ocenka.gradation, methodology text) RETURNS jsonb
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN jsonb_build_object('kk', ocenka.gradation_label(g, 'kk', methodology),
	                          'ru', ocenka.gradation_label(g, 'ru', methodology),
	                          'en', ocenka.gradation_label(g, 'en', methodology));
COMMENT ON FUNCTION ocenka.gradation_labels(ocenka.gradation, text) IS 'a gradation level''s label in kk, ru and en under a methodology, as a jsonb object';

-- The final grade as the explanations show it (issue 11): the history's final object with its label.
CREATE FUNCTION ocenka.final_explained(history jsonb, methodology text) RETURNS jsonb
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN jsonb_build_object('final', (history -> 'final')
	           || CASE WHEN history #>> '{final,gradation}' IS NOT NULL
	                   THEN jsonb_build_object('label', ocenka.gradation_labels((history #>> '{final,gradation}')::ocenka.gradation, methodology),
	                                           'band', CASE WHEN history #>> '{final,score}' IS NOT NULL
	                                                        THEN ocenka.gradation_band((history #>> '{final,gradation}')::ocenka.gradation) END)
	                   ELSE '{}' END);
COMMENT ON FUNCTION ocenka.final_explained(jsonb, text) IS 'the explanations'' final object: a result_history''s final grade with its band and its label in kk/ru/en under the methodology';

-- Why a result was graded under its edition (§5), or under legacy-2021 for the person (seed 000 ch. 6).
CREATE FUNCTION ocenka.edition_rule(methodology text, body_id bigint, day date, what text) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN CASE WHEN edition_rule.methodology = 'legacy-2021'
	                 AND ocenka.edition_on(edition_rule.body_id, edition_rule.day) IS DISTINCT FROM 'legacy-2021'
	            THEN format('legacy-2021 for this person: seed 000 chapter 6 applies to persons on social leave or temporarily unable to work during 2021-07-01 … 2022-12-31 (¶48–49), in a body that adopted it; the body''s own edition on %s is %s',
	                        edition_rule.day, ocenka.edition_on(edition_rule.body_id, edition_rule.day))
	            ELSE format('the edition in force on %s%s (methodology §5)', edition_rule.day, edition_rule.what) END;
COMMENT ON FUNCTION ocenka.edition_rule(text, bigint, date, text) IS 'why a result was graded under its edition: the body''s edition in force on the period''s last day, or legacy-2021 for the person (seed 000 ch. 6); explanations print it';

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
			'edition', r.methodology, 'edition_rule', ocenka.edition_rule(r.methodology, r.body_id, ocenka.last_day(r.q), ', the quarter''s last day'),
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
		'edition_rule', ocenka.edition_rule(r.methodology, r.body_id, ocenka.last_day(r.q), ', the quarter''s last day'),
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
		'band', ocenka.gradation_band(r.gradation),
		'label', ocenka.gradation_labels(r.gradation, r.methodology),
		'completed_on', r.completed_on,
		'acquainted_on', r.acquainted_on,
		'history', ocenka.result_history(r.employee_id, r.q, NULL))
		|| ocenka.final_explained(ocenka.result_history(r.employee_id, r.q, NULL), r.methodology);
END
$$;
COMMENT ON FUNCTION ocenka.explain_result(bigint, ocenka.quarter) IS 'why a quarterly result is what it is: edition, method and form, every input score (or KPI with plan, actual, percentage and allowed band), the mean, any penalty and the cap it caused, the score, band and label in kk/ru/en; its history after the grade (result_history) and the final grade';

-- The same for a year's final: the quarters its mean was taken of (§5), or the KPIs counted (§7), and the
-- year's 360 results beside it (§8a), which drive training only.
CREATE FUNCTION ocenka.explain_annual_result(employee_id bigint, year integer) RETURNS jsonb
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	r ocenka.annual_result;
	reason ocenka.ineligibility_reason;
	quarters jsonb;
	kpis jsonb;
	survey jsonb;
	assessment jsonb;
BEGIN
	IF explain_annual_result.employee_id IS NULL OR explain_annual_result.year IS NULL THEN
		RAISE EXCEPTION 'explain_annual_result needs an employee and a year' USING ERRCODE = '22004';
	END IF;
	SELECT * INTO r FROM ocenka.annual_result x
	WHERE x.employee_id = explain_annual_result.employee_id AND x.year = explain_annual_result.year;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no annual result for % in %', ocenka.who(explain_annual_result.employee_id), explain_annual_result.year
			USING ERRCODE = '22023', HINT = 'Annual results exist once close_year has closed the year.';
	END IF;
	SELECT * INTO reason FROM ocenka.ineligibility_reason WHERE code = r.reason;

	IF r.rule = 'mean_of_quarters' THEN
		SELECT jsonb_agg(jsonb_build_object('quarter', q.q::text, 'body_id', q.body_id, 'edition', q.methodology,
		                                    'status', q.status, 'reason', q.reason, 'score', q.score::numeric,
		                                    'gradation', q.gradation, 'counted', q.score IS NOT NULL) ORDER BY q.q)
		INTO quarters
		FROM ocenka.quarter_result q
		-- in every body that evaluated them that year: the mean covers them all (close_year)
		WHERE q.employee_id = r.employee_id
		  AND q.q BETWEEN ocenka.make_quarter(r.year, 1) AND ocenka.make_quarter(r.year, 4);
	ELSE
		SELECT jsonb_agg(jsonb_build_object('no', k.no, 'kpi', k.name, 'unit', k.unit_of_measure, 'direction', k.direction,
		                                    'approved_on', k.approved_on, 'achieved', k.achieved) ORDER BY k.no)
		INTO kpis
		FROM ocenka.kpi k WHERE k.employee_id = r.employee_id AND k.year = r.year;
	END IF;

	SELECT jsonb_build_object(
		'survey_id', s.id, 'form', s.survey_form,
		'competencies', (SELECT jsonb_agg(jsonb_build_object('no', c.competency_no, 'code', c.competency_code,
		                                                     'name_kk', q.competency_kk, 'name_en', q.competency_en,
		                                                     'mean', c.mean, 'self', c.self_mean, 'answers', c.answers,
		                                                     'weakest', c.weakest) ORDER BY c.competency_no)
		                 FROM ocenka.competency_result c
		                 JOIN ocenka.competency_question q ON q.survey_form = s.survey_form AND q.competency_no = c.competency_no
		                                                  AND q.question_no = 1
		                 WHERE c.survey_id = s.id),
		'weakest', (SELECT jsonb_agg(c.competency_code ORDER BY c.competency_no)
		            FROM ocenka.competency_result c WHERE c.survey_id = s.id AND c.weakest),
		'rule', 'each competency''s mean of the respondents'' answers without the self-assessment, which is shown beside it; the weakest competencies choose training and do not affect the grade (methodology §8a; typical-2023 ¶9, ¶35–36)')
	INTO survey
	FROM ocenka.survey s
	WHERE s.employee_id = r.employee_id AND s.year = r.year
	  AND EXISTS (SELECT FROM ocenka.competency_result c WHERE c.survey_id = s.id);

	-- competencies by behavioural indicators (§8b), beside the grade and never part of it (seed 001 ¶7)
	SELECT jsonb_build_object(
		'assessment_id', a.id, 'catalogue', a.catalogue, 'group', a.category_group,
		'evaluator', (SELECT jsonb_build_object('id', e.id, 'name', e.full_name) FROM ocenka.employee e WHERE e.id = a.evaluator_id),
		'competencies', (SELECT jsonb_agg(jsonb_build_object(
		                     'no', c.competency_no, 'code', c.code, 'name_kk', c.name_kk, 'name_en', c.name_en,
		                     'observed', c.effective_observed, 'total', c.effective_total,
		                     'ineffective_observed', c.ineffective_observed, 'ineffective_total', c.ineffective_total,
		                     'unmarked', c.unmarked, 'meets_expectations', c.meets_expectations,
		                     'result_kk', CASE c.meets_expectations WHEN true THEN 'күтілген нәтижеге сәйкес'
		                                                            WHEN false THEN 'күтілген нәтижеге сәйкес емес' END)
		                     ORDER BY c.competency_no)
		                 FROM ocenka.competency_assessment_result c WHERE c.assessment_id = a.id),
		'rule', 'each competency meets expectations when 3/4 or more of its effective indicators were observed (4 · observed ≥ 3 · total; seed 001 ¶27); ineffective indicators are shown beside them; the results develop competencies and do not change the grade (seed 001 ¶7)')
	INTO assessment
	FROM ocenka.competency_assessment a WHERE a.employee_id = r.employee_id AND a.year = r.year;

	RETURN jsonb_build_object(
		'employee', jsonb_build_object('id', r.employee_id, 'name', (SELECT full_name FROM ocenka.employee e WHERE e.id = r.employee_id)),
		'year', r.year, 'body_id', r.body_id,
		'edition', r.methodology,
		'edition_rule', ocenka.edition_rule(r.methodology, r.body_id, make_date(r.year, 12, 31), ''),
		'rule', r.rule,
		'rule_text', CASE r.rule
		                 WHEN 'mean_of_quarters' THEN 'the mean of the year''s quarterly scores; quarters without a score are skipped; rounded half away from zero to two decimals (methodology §2, §5)'
		                 ELSE 'the number of the year''s KPIs fully achieved: all → level 4, one missed → 3, two → 2, more → 1 (methodology §7)' END,
		'status', r.status)
		|| CASE WHEN r.status = 'not_evaluated'
		        THEN jsonb_build_object('reason', r.reason, 'reason_text', reason.description, 'basis', reason.basis)
		        ELSE '{}' END
		|| CASE WHEN r.rule = 'mean_of_quarters'
		        THEN jsonb_build_object('quarters', coalesce(quarters, '[]'), 'counted', r.quarters,
		                                'sum', (SELECT sum((e ->> 'score')::numeric) FROM jsonb_array_elements(quarters) e))
		        ELSE jsonb_build_object('kpis', coalesce(kpis, '[]'), 'achieved', r.kpi_achieved, 'total', r.kpi_total) END
		|| CASE WHEN r.status = 'evaluated'
		        THEN jsonb_build_object(
		                 'gradation', r.gradation, 'label', ocenka.gradation_labels(r.gradation, r.methodology))
		             || CASE WHEN r.score IS NOT NULL
		                     THEN jsonb_build_object('score', r.score::numeric, 'band', ocenka.gradation_band(r.gradation))
		                     ELSE '{}' END
		        ELSE '{}' END
		|| jsonb_build_object('360', survey, 'completed_on', r.completed_on, 'acquainted_on', r.acquainted_on,
		                      'history', ocenka.result_history(r.employee_id, NULL, r.year))
		|| CASE WHEN assessment IS NOT NULL THEN jsonb_build_object('competencies', assessment) ELSE '{}' END
		|| ocenka.final_explained(ocenka.result_history(r.employee_id, NULL, r.year), r.methodology);
END
$$;
COMMENT ON FUNCTION ocenka.explain_annual_result(bigint, integer) IS 'why an annual result is what it is: edition and rule, each quarter with its score and whether it counted (or each KPI and whether it was achieved), the mean or count, the gradation and label in kk/ru/en, the reason when not evaluated, the year''s 360 competency means beside it, the competency assessment by behavioural indicators (each competency''s count and the 3/4 rule); its history after the grade (result_history) and the final grade';
