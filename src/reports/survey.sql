-- Reports: the 360 result sheet of a person and year (typical-2023 appendices 7 and 8): whose it is,
-- the 12 or 8 competency means beside the self-assessment, the weakest marked, and the radar chart.
-- Every number is the stored competency_result row the year's close wrote.

CREATE FUNCTION ocenka.render_360(employee_id bigint, year integer, lang text DEFAULT 'ru') RETURNS text
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	s ocenka.survey;
	person text;
	body_name text;
	pos record;
	rows text;
	weakest text;
	means numeric[];
	selfs numeric[];
	n integer;
	title text;
	doc text;
	L CONSTANT text := ocenka.form_language(lang);
BEGIN
	IF render_360.employee_id IS NULL OR render_360.year IS NULL THEN
		RAISE EXCEPTION 'render_360 needs an employee and a year' USING ERRCODE = '22004';
	END IF;
	SELECT * INTO s FROM ocenka.survey x
	WHERE x.employee_id = render_360.employee_id AND x.year = render_360.year
	  AND EXISTS (SELECT FROM ocenka.competency_result c WHERE c.survey_id = x.id);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no 360 result for % in %', ocenka.who(render_360.employee_id), render_360.year
			USING ERRCODE = '22023', HINT = '360 results exist once close_year has closed the year of the survey.';
	END IF;
	SELECT e.full_name INTO person FROM ocenka.employee e WHERE e.id = s.employee_id;
	SELECT b.name INTO body_name FROM ocenka.body b WHERE b.id = s.body_id;
	SELECT * INTO pos FROM ocenka.form_position(s.employee_id, s.body_id, make_date(s.year, 1, 1), make_date(s.year, 12, 31));

	SELECT string_agg(ocenka.html_row(ARRAY[c.competency_no::text,
	                                        CASE WHEN L = 'kk' THEN q.competency_kk ELSE ocenka.form_label('competency.' || c.competency_code, L) END,
	                                        ocenka.form_number(c.mean, L), ocenka.form_number(c.self_mean, L), c.answers::text],
	                                  '{num,NULL,num,num,num}', CASE WHEN c.weakest THEN 'weakest' END), E'\n' ORDER BY c.competency_no),
	       string_agg(CASE WHEN c.weakest THEN c.competency_no || '. '
	                       || CASE WHEN L = 'kk' THEN q.competency_kk ELSE ocenka.form_label('competency.' || c.competency_code, L) END
	                       || ' (' || ocenka.form_number(c.mean, L) || ')' END, '; ' ORDER BY c.competency_no),
	       array_agg(c.mean ORDER BY c.competency_no), array_agg(c.self_mean ORDER BY c.competency_no), count(*)
	INTO rows, weakest, means, selfs, n
	FROM ocenka.competency_result c
	JOIN ocenka.competency_question q ON q.survey_form = s.survey_form AND q.competency_no = c.competency_no AND q.question_no = 1
	WHERE c.survey_id = s.id;

	title := ocenka.form_label('title.360.' || s.survey_form, L);
	doc := '<p class="appendix">' || ocenka.html_escape(ocenka.form_label('appendix.360.' || s.survey_form, L)) || '<br>'
	    || ocenka.html_escape(ocenka.form_label('form', L)) || '</p>' || E'\n'
	    || '<h1>' || ocenka.html_escape(title) || '</h1>' || E'\n'
	    || '<p class="subtitle">' || ocenka.html_escape(ocenka.form_label('subtitle.360.' || s.survey_form, L)) || '</p>' || E'\n'
	    || ocenka.html_fields(ARRAY[ocenka.form_label('evaluatee.360.' || s.survey_form, L), ocenka.form_label('position', L),
	                                ocenka.form_label('unit', L), ocenka.form_label('body', L), ocenka.form_label('period', L)],
	                          ARRAY[person, pos.position_name, pos.unit_name, body_name, format(ocenka.form_label('year', L), s.year)]) || E'\n'
	    || '<table class="competencies">' || E'\n'
	    || ocenka.html_row(ARRAY[ocenka.form_label('col.360.no', L), ocenka.form_label('col.competency', L), ocenka.form_label('col.360.mean', L),
	                             ocenka.form_label('col.360.self', L), ocenka.form_label('col.360.answers', L)], '{num,NULL,num,num,num}', NULL, 'th')
	    || E'\n' || rows || E'\n' || '</table>' || E'\n'
	    || '<div class="radar-row"><div class="radar" title="' || ocenka.html_escape(ocenka.form_label('radar', L)) || '"><p class="caption">' || ocenka.html_escape(ocenka.form_label('radar', L)) || '</p>'
	    || ocenka.radar_svg(n, means, selfs, ocenka.form_label('legend.respondents', L), ocenka.form_label('legend.self', L)) || '</div>'
	    || '<div class="side"><p class="result weakest">' || ocenka.html_escape(ocenka.form_label('weakest', L)) || ': <b>' || coalesce(ocenka.html_escape(weakest), '—') || '</b></p>'
	    || '<p class="note">' || ocenka.html_escape(ocenka.form_label('weakest.note', L)) || '</p>'
	    || '<p class="note">' || ocenka.html_escape(ocenka.form_label('360.note', L)) || '</p></div></div>';
	RETURN ocenka.html_document(L, title || ' — ' || person || ', ' || s.year, doc);
END
$$;
COMMENT ON FUNCTION ocenka.render_360(bigint, integer, text) IS 'the 360 result sheet of one person and year as a self-contained HTML document for A4, in kk, ru or en (typical-2023 appendices 7–8): whose it is, each competency''s respondents'' mean beside the self-assessment, the weakest marked, and the radar chart as SVG; the stored competency_result rows, data escaped; runs with the caller''s rights; 22023 for no result or an unknown language';
