-- Reports: a head's individual KPI work plan for a year (typical-2023 appendix 1): the approval block,
-- whose plan it is, and each KPI with its unit of measure and planned value per quarter, as stored in
-- kpi and kpi_target. The store keeps no link to the corps A agreement, no achievement deadline and
-- no expected result, so the form prints none of those columns.

CREATE FUNCTION ocenka.render_kpi_plan(employee_id bigint, year integer, lang text DEFAULT 'ru') RETURNS text
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	plan_body bigint;
	body_name text;
	person text;
	approved date;
	pos record;
	rows text;
	title text;
	doc text;
	L CONSTANT text := ocenka.form_language(lang);
BEGIN
	IF render_kpi_plan.employee_id IS NULL OR render_kpi_plan.year IS NULL THEN
		RAISE EXCEPTION 'render_kpi_plan needs an employee and a year' USING ERRCODE = '22004';
	END IF;
	SELECT k.body_id, max(k.approved_on) INTO plan_body, approved
	FROM ocenka.kpi k WHERE k.employee_id = render_kpi_plan.employee_id AND k.year = render_kpi_plan.year
	GROUP BY k.body_id ORDER BY max(k.approved_on) DESC NULLS LAST, k.body_id LIMIT 1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no KPI plan for % in %', ocenka.who(render_kpi_plan.employee_id), render_kpi_plan.year
			USING ERRCODE = '22023', HINT = 'A head''s KPIs are set in ocenka.kpi within ten working days of the period''s start (typical-2023 ¶22).';
	END IF;
	SELECT e.full_name INTO person FROM ocenka.employee e WHERE e.id = render_kpi_plan.employee_id;
	SELECT b.name INTO body_name FROM ocenka.body b WHERE b.id = plan_body;
	SELECT * INTO pos FROM ocenka.form_position(render_kpi_plan.employee_id, plan_body, make_date(render_kpi_plan.year, 1, 1),
	                                            make_date(render_kpi_plan.year, 12, 31));

	SELECT string_agg(ocenka.html_row(ARRAY[k.no::text, k.name, k.unit_of_measure, ocenka.form_label('direction.' || k.direction, L)]
	                                  || ARRAY(SELECT ocenka.form_value(t.plan, L)
	                                           FROM generate_series(1, 4) n
	                                           LEFT JOIN ocenka.kpi_target t ON t.kpi_id = k.id AND t.q = ocenka.make_quarter(render_kpi_plan.year, n)
	                                           ORDER BY n),
	                                  '{num,NULL,NULL,NULL,num,num,num,num}'), E'\n' ORDER BY k.no)
	INTO rows
	FROM ocenka.kpi k WHERE k.employee_id = render_kpi_plan.employee_id AND k.year = render_kpi_plan.year AND k.body_id = plan_body;

	title := format(ocenka.form_label('title.plan', L), render_kpi_plan.year);
	doc := '<p class="appendix">' || ocenka.html_escape(ocenka.form_label('appendix.plan', L)) || '<br>'
	    || ocenka.html_escape(ocenka.form_label('form', L)) || '</p>' || E'\n'
	    || '<p class="approval">' || ocenka.html_escape(ocenka.form_label('approve', L)) || '<br>'
	    || ocenka.html_escape(ocenka.form_label('approve.who', L)) || '<br>'
	    || ocenka.html_escape(ocenka.form_label('date', L)) || ' ' || coalesce(to_char(approved, 'DD.MM.YYYY'), '____________') || '<br>'
	    || ocenka.html_escape(ocenka.form_label('sign', L)) || ' ____________</p>' || E'\n'
	    || '<h1>' || ocenka.html_escape(title) || '</h1>' || E'\n'
	    || ocenka.html_fields(ARRAY[ocenka.form_label('body', L), ocenka.form_label('fullname', L), ocenka.form_label('position', L),
	                                ocenka.form_label('unit', L)],
	                          ARRAY[body_name, person, pos.position_name, pos.unit_name]) || E'\n'
	    || '<table class="plan">' || E'\n'
	    || '<tr><th rowspan="2" class="num">' || ocenka.html_escape(ocenka.form_label('col.no', L)) || '</th><th rowspan="2">'
	    || ocenka.html_escape(ocenka.form_label('col.kpi', L)) || '</th><th rowspan="2">' || ocenka.html_escape(ocenka.form_label('col.measure', L))
	    || '</th><th rowspan="2">' || ocenka.html_escape(ocenka.form_label('col.direction', L)) || '</th><th colspan="4">'
	    || ocenka.html_escape(ocenka.form_label('col.planned', L)) || '</th></tr>' || E'\n'
	    || ocenka.html_row(ARRAY(SELECT format(ocenka.form_label('col.quarter', L), n) FROM generate_series(1, 4) n ORDER BY n),
	                       '{num,num,num,num}', NULL, 'th') || E'\n'
	    || rows || E'\n' || '</table>' || E'\n'
	    || ocenka.html_signatures(ARRAY[ocenka.form_label('evaluatee.sign', L)], ARRAY[person],
	                              ocenka.form_label('sign', L), ocenka.form_label('date', L));
	RETURN ocenka.html_document(L, title || ' — ' || person, doc);
END
$$;
COMMENT ON FUNCTION ocenka.render_kpi_plan(bigint, integer, text) IS 'a head''s individual KPI work plan for a year as a self-contained HTML document for A4, in kk, ru or en (typical-2023 appendix 1): approval block with the plan''s approval date, whose plan it is, each KPI with its unit of measure, direction and planned value per quarter; data escaped; runs with the caller''s rights; 22023 for no plan or an unknown language';
