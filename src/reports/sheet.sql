-- Reports: the quarterly evaluation sheet as the person reads it (wko-2026 appendices 1–2,
-- typical-2023 appendices 2 and 4). Every number is the stored one, read through explain_result:
-- the form never computes a grade of its own.

-- The position an employee held in a body during a period (the latest appointment overlapping it),
-- with the unit's name; NULLs when there is none.
CREATE FUNCTION ocenka.form_position(employee_id bigint, body_id bigint, first_day date, last_day date,
                                     OUT position_name text, OUT unit_name text)
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
	SELECT a.position, u.name
	FROM ocenka.appointment a LEFT JOIN ocenka.unit u ON u.id = a.unit_id
	WHERE a.employee_id = form_position.employee_id
	  AND (form_position.body_id IS NULL OR a.body_id = form_position.body_id)
	  AND a.started_on <= form_position.last_day AND (a.ended_on IS NULL OR a.ended_on >= form_position.first_day)
	ORDER BY a.started_on DESC, a.id DESC LIMIT 1;
	END;
COMMENT ON FUNCTION ocenka.form_position(bigint, bigint, date, date) IS 'the position and unit a person held in a body (any body when NULL) during a period, as the forms print them: the latest appointment overlapping the period';

CREATE FUNCTION ocenka.render_sheet(employee_id bigint, q ocenka.quarter, lang text DEFAULT 'ru') RETURNS text
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	e jsonb;
	form text;
	m text;
	pos record;
	epos record;
	body_name text;
	rows text;
	penalties text;
	decision text;
	title text;
	doc text;
	L CONSTANT text := ocenka.form_language(lang);
BEGIN
	IF render_sheet.employee_id IS NULL OR render_sheet.q IS NULL THEN
		RAISE EXCEPTION 'render_sheet needs an employee and a quarter' USING ERRCODE = '22004';
	END IF;
	e := ocenka.explain_result(render_sheet.employee_id, render_sheet.q);
	IF e ->> 'status' <> 'evaluated' THEN
		RAISE EXCEPTION 'no evaluation sheet for % in %', ocenka.who(render_sheet.employee_id), render_sheet.q
			USING ERRCODE = '22023',
			      DETAIL = format('The person was not evaluated for the quarter (%s: %s).', e ->> 'reason', e ->> 'reason_text'),
			      HINT = 'Only an evaluated quarter has a sheet; explain_result shows why this one has none.';
	END IF;
	form := e ->> 'form';
	m := e ->> 'edition';
	SELECT * INTO pos FROM ocenka.form_position(render_sheet.employee_id, (e ->> 'body_id')::bigint,
	                                            ocenka.first_day(render_sheet.q), ocenka.last_day(render_sheet.q));
	SELECT * INTO epos FROM ocenka.form_position((e #>> '{evaluator,id}')::bigint, NULL,
	                                             ocenka.first_day(render_sheet.q), ocenka.last_day(render_sheet.q));
	SELECT b.name INTO body_name FROM ocenka.body b WHERE b.id = (e ->> 'body_id')::bigint;
	title := ocenka.form_label('title.' || form, L);

	IF form = 'kpi' THEN
		SELECT string_agg(ocenka.html_row(ARRAY[x ->> 'no', x ->> 'kpi', x ->> 'unit',
		                                        ocenka.form_value((x ->> 'plan')::numeric, L), ocenka.form_value((x ->> 'actual')::numeric, L),
		                                        ocenka.form_number((x ->> 'percent')::numeric, L),
		                                        ocenka.form_number(lower(ocenka.kpi_band((x ->> 'percent')::numeric)), L)
		                                        || CASE WHEN lower(ocenka.kpi_band((x ->> 'percent')::numeric)) = upper(ocenka.kpi_band((x ->> 'percent')::numeric)) THEN ''
		                                                ELSE '–' || ocenka.form_number(upper(ocenka.kpi_band((x ->> 'percent')::numeric)), L) END,
		                                        ocenka.form_number((x ->> 'grade')::numeric, L)],
		                                  '{num,NULL,NULL,num,num,num,num,num}'), E'\n' ORDER BY (x ->> 'no')::int)
		INTO rows FROM jsonb_array_elements(e -> 'items') x;
		rows := ocenka.html_row(ARRAY[ocenka.form_label('col.no', L), ocenka.form_label('col.kpi', L), ocenka.form_label('col.measure', L),
		                              ocenka.form_label('col.plan', L), ocenka.form_label('col.actual', L), ocenka.form_label('col.percent', L),
		                              ocenka.form_label('col.band', L), ocenka.form_label('col.grade', L)], '{}', NULL, 'th')
		     || E'\n' || rows || E'\n'
		     || '<tr class="total"><td colspan="7">' || ocenka.html_escape(ocenka.form_label('mean.kpi', L)) || '</td><td class="num">'
		     || ocenka.html_escape(ocenka.form_number((e ->> 'mean')::numeric, L)) || '</td></tr>';
	ELSE
		SELECT string_agg(ocenka.html_row(ARRAY[(x ->> 'no') || '. ' || coalesce(x ->> ('name_' || L), x ->> 'name_ru'),
		                                        ocenka.form_number((x ->> 'score')::numeric, L)], '{NULL,num}'),
		                  E'\n' ORDER BY (x ->> 'no')::int)
		INTO rows FROM jsonb_array_elements(e -> 'items') x;
		rows := ocenka.html_row(ARRAY[ocenka.form_label('col.parameter', L), ocenka.form_label('col.score', L)], '{NULL,num}', NULL, 'th')
		     || E'\n' || rows || E'\n'
		     || '<tr class="total"><td>' || ocenka.html_escape(ocenka.form_label('mean', L)) || '</td><td class="num">'
		     || ocenka.html_escape(ocenka.form_number((e ->> 'mean')::numeric, L)) || '</td></tr>';
	END IF;
	IF (e ->> 'capped')::boolean THEN
		rows := rows || E'\n' || '<tr class="total capped"><td' || CASE WHEN form = 'kpi' THEN ' colspan="7"' ELSE '' END || '>'
		     || ocenka.html_escape(ocenka.form_label('capped', L)) || '</td><td class="num">'
		     || ocenka.html_escape(ocenka.form_number((e ->> 'score')::numeric, L)) || '</td></tr>';
	END IF;

	-- the penalties of the quarter, and the cap each causes where the edition caps (wko-2026 ¶… appendices 1–2)
	SELECT string_agg('<li>' || ocenka.html_escape(ocenka.form_label('kind.' || (p ->> 'kind'), L))
	                  || ', ' || ocenka.html_escape(ocenka.form_label('penalty.imposed', L)) || ' ' || to_char((p ->> 'imposed_on')::date, 'DD.MM.YYYY')
	                  || coalesce(', ' || ocenka.html_escape(p ->> 'order'), '')
	                  || CASE WHEN (SELECT penalty_cap FROM ocenka.methodology WHERE code = m)
	                          THEN ' — ' || ocenka.html_escape(ocenka.form_label('penalty.cap', L)) || ' ' || ocenka.html_escape(ocenka.form_number((p ->> 'cap')::numeric, L))
	                          ELSE '' END
	                  || '</li>', '' ORDER BY ord)
	INTO penalties FROM jsonb_array_elements(e -> 'penalties') WITH ORDINALITY AS pp(p, ord);

	-- a calibration, commission or appeal decision that gives the final grade (final_quarter_result)
	SELECT '<p class="result final">' || ocenka.html_escape(ocenka.form_label('final', L)) || ': <b>'
	       || ocenka.html_escape(ocenka.gradation_label(f.final_gradation, L, m)) || '</b>'
	       || coalesce(' (' || ocenka.html_escape(ocenka.form_number(f.final_score::numeric, L)) || ')', '') || '</p>'
	       || '<p class="note">' || ocenka.html_escape(ocenka.form_label('decision', L)) || ': '
	       || ocenka.html_escape(ocenka.form_label('decision.' || d.kind, L)) || ', ' || to_char(d.decided_on, 'DD.MM.YYYY')
	       || ', ' || ocenka.html_escape(d.document) || ' — ' || ocenka.html_escape(ocenka.form_label('decision.' || d.outcome, L)) || '</p>'
	INTO decision
	FROM ocenka.final_quarter_result f JOIN ocenka.result_decision d ON d.id = f.final_decision_id
	WHERE f.employee_id = render_sheet.employee_id AND f.q = render_sheet.q;

	doc := '<p class="appendix">' || ocenka.html_escape(ocenka.form_label('appendix.' || form, L)) || '<br>'
	    || ocenka.html_escape(ocenka.form_label('form', L)) || '</p>' || E'\n'
	    || '<h1>' || ocenka.html_escape(title) || '</h1>' || E'\n'
	    || ocenka.html_fields(ARRAY[ocenka.form_label('body', L), ocenka.form_label('evaluatee', L), ocenka.form_label('position', L),
	                                ocenka.form_label('unit', L), ocenka.form_label('period', L), ocenka.form_label('evaluator', L)],
	                          ARRAY[body_name, e #>> '{employee,name}', pos.position_name, pos.unit_name, ocenka.form_period(render_sheet.q, L),
	                                (e #>> '{evaluator,name}') || coalesce(', ' || epos.position_name, '')]) || E'\n'
	    || '<table class="items ' || ocenka.html_escape(form) || '">' || E'\n' || rows || E'\n' || '</table>' || E'\n'
	    || '<p class="note">' || ocenka.html_escape(ocenka.form_label(CASE WHEN form = 'kpi' THEN 'mean.note.kpi' ELSE 'mean.note' END, L)) || '</p>' || E'\n'
	    || CASE WHEN form LIKE 'wko-%' THEN '<p class="note">' || ocenka.html_escape(ocenka.form_label('zero.note', L)) || '</p>' || E'\n' ELSE '' END
	    || CASE WHEN penalties IS NOT NULL
	            THEN '<div class="penalties"><b>' || ocenka.html_escape(ocenka.form_label('penalty', L)) || ':</b><ul>' || penalties || '</ul>'
	                 || CASE WHEN (SELECT penalty_cap FROM ocenka.methodology WHERE code = m)
	                         THEN '<p class="note">' || ocenka.html_escape(ocenka.form_label('penalty.rule', L)) || '</p>' ELSE '' END
	                 || '</div>' || E'\n'
	            ELSE '' END
	    || '<p class="result">' || ocenka.html_escape(ocenka.form_label('result', L)) || ': <b>'
	    || ocenka.html_escape(ocenka.gradation_label((e ->> 'gradation')::ocenka.gradation, L, m)) || '</b> ('
	    || ocenka.html_escape(ocenka.form_number((e ->> 'score')::numeric, L)) || '; '
	    || ocenka.html_escape(CASE WHEN L = 'en' THEN e ->> 'band' ELSE replace(e ->> 'band', '.', ',') END) || ')</p>' || E'\n'
	    || '<p class="note">' || ocenka.html_escape(ocenka.form_label('result.note', L)) || '</p>' || E'\n'
	    || coalesce(decision || E'\n', '')
	    || ocenka.html_fields(ARRAY[ocenka.form_label('completed', L), ocenka.form_label('acquainted', L)],
	                          ARRAY[to_char((e ->> 'completed_on')::date, 'DD.MM.YYYY'), to_char((e ->> 'acquainted_on')::date, 'DD.MM.YYYY')]) || E'\n'
	    || ocenka.html_signatures(ARRAY[ocenka.form_label('evaluatee.sign', L), ocenka.form_label('evaluator.sign', L)],
	                              ARRAY[e #>> '{employee,name}', e #>> '{evaluator,name}'],
	                              ocenka.form_label('sign', L), ocenka.form_label('date', L));
	RETURN ocenka.html_document(L, title || ' — ' || (e #>> '{employee,name}') || ', ' || ocenka.form_period(render_sheet.q, L), doc);
END
$$;
COMMENT ON FUNCTION ocenka.render_sheet(bigint, ocenka.quarter, text) IS 'the quarterly evaluation sheet of one person as a self-contained HTML document for A4, in kk, ru or en (wko-2026 appendices 1–2, typical-2023 appendices 2 and 4): header, every parameter or KPI with its score (KPI: plan, actual, percentage, allowed band), the mean, the penalties and the cap they caused, the gradation, and the decision that gives the final grade when there is one; the stored result via explain_result, data escaped; runs with the caller''s rights; 22023 for no evaluated result or an unknown language';
