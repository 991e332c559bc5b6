-- Reports: the pieces every printed form is made of (issue 15). A form is one self-contained HTML
-- document (inline CSS and SVG, no script, no external file) that prints on A4. Every text that comes
-- from data passes through html_escape: the pieces below escape what they are given, and only the
-- pieces' own output is inserted as markup. A new form (a commission protocol) is a title, header
-- fields, tables of rows and a signature block made of these same pieces.

CREATE FUNCTION ocenka.html_escape(t text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN replace(replace(replace(replace(replace(t, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;');
COMMENT ON FUNCTION ocenka.html_escape(text) IS 'a text made safe to print inside HTML or SVG: & < > " and '' become entities';

-- The language of a form, checked: kk, ru or en, anything else refused before any row is read.
CREATE FUNCTION ocenka.form_language(lang text) RETURNS text
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
	IF lang IS NULL OR lang NOT IN ('kk', 'ru', 'en') THEN
		RAISE EXCEPTION 'unknown form language %', coalesce(quote_literal(lang), 'NULL')
			USING ERRCODE = '22023',
			      DETAIL = 'The official forms are printed in Kazakh (kk), Russian (ru) or English (en).',
			      HINT = 'Pass lang => ''kk'', ''ru'' or ''en''.';
	END IF;
	RETURN lang;
END
$$;
COMMENT ON FUNCTION ocenka.form_language(text) IS 'the language of a form, checked: kk, ru or en; anything else raises 22023';

-- A number as the forms print it: two decimals, with the decimal comma of the seeds in kk and ru (2,99).
CREATE FUNCTION ocenka.form_number(v numeric, lang text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN v IS NULL THEN '—'
	            WHEN lang = 'en' THEN round(v, 2)::text
	            ELSE replace(round(v, 2)::text, '.', ',') END;
COMMENT ON FUNCTION ocenka.form_number(numeric, text) IS 'a number as the forms print it: two decimals, decimal comma in kk and ru (as the seeds write 2,99), a dash for NULL';

-- A measured value (a KPI's plan or actual) as entered, with the decimal comma in kk and ru.
CREATE FUNCTION ocenka.form_value(v numeric, lang text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN v IS NULL THEN '—' WHEN lang = 'en' THEN v::text ELSE replace(v::text, '.', ',') END;
COMMENT ON FUNCTION ocenka.form_value(numeric, text) IS 'a measured value (a KPI''s plan or actual) as entered, decimal comma in kk and ru, a dash for NULL';

-- The whole document: doctype, language, the A4 print style, the title, then the body's markup.
CREATE FUNCTION ocenka.html_document(lang text, title text, body text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN '<!DOCTYPE html>' || E'\n' || '<html lang="' || ocenka.html_escape(lang) || '"><head><meta charset="utf-8">'
	    || '<title>' || ocenka.html_escape(title) || '</title>' || E'\n'
	    || '<style>' || E'\n'
	    || '@page { size: A4; margin: 14mm 15mm 14mm 20mm; }' || E'\n'
	    || 'html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; color: #000; }' || E'\n'
	    || 'body { margin: 0; }' || E'\n'
	    || '@media screen { body { max-width: 175mm; margin: 8mm auto; } }' || E'\n'
	    || '.appendix { text-align: right; font-size: 8pt; color: #333; margin: 0 0 2mm 0; }' || E'\n'
	    || 'h1 { font-size: 12.5pt; text-align: center; margin: 3mm 0 1mm 0; }' || E'\n'
	    || 'h1 + .subtitle { text-align: center; margin: 0 0 3mm 0; }' || E'\n'
	    || 'table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm 0; page-break-inside: auto; }' || E'\n'
	    || 'tr { page-break-inside: avoid; }' || E'\n'
	    || 'th, td { border: 0.3mm solid #444; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }' || E'\n'
	    || 'th { background: #eee; font-weight: bold; }' || E'\n'
	    || 'td.num, th.num { text-align: right; } td.num { white-space: nowrap; }' || E'\n'
	    || 'table.fields td { border: none; padding: 0.6mm 1.6mm 0.6mm 0; }' || E'\n'
	    || 'table.fields td.label { width: 38%; color: #333; }' || E'\n'
	    || 'table.fields td.value { font-weight: bold; border-bottom: 0.2mm solid #888; }' || E'\n'
	    || 'tr.total td { font-weight: bold; background: #f6f6f6; }' || E'\n'
	    || 'tr.weakest td { background: #fde8e8; }' || E'\n'
	    || '.result { font-size: 10.5pt; margin: 3mm 0; }' || E'\n'
	    || '.note { font-size: 8pt; color: #333; margin: 1mm 0; }' || E'\n'
	    || '.signatures { display: flex; justify-content: space-between; margin-top: 6mm; }' || E'\n'
	    || '.signatures > div { width: 46%; }' || E'\n'
	    || '.radar-row { display: flex; align-items: flex-start; gap: 5mm; margin-top: 2mm; page-break-inside: avoid; }' || E'\n'
	    || '.radar { flex: 0 0 84mm; }' || E'\n'
	    || '.radar svg { width: 84mm; height: auto; display: block; }' || E'\n'
	    || '.radar-row .side { flex: 1 1 auto; }' || E'\n'
	    || 'table.kpi th:nth-child(2) { width: 30%; } table.plan th { text-align: center; }' || E'\n'
	    || '.approval { margin: 2mm 0 4mm 60%; }' || E'\n'
	    || '.radar .caption { text-align: center; font-weight: bold; margin: 0; }' || E'\n'
	    || 'table.competencies td { padding: 0.9mm 1.6mm; } table.competencies th:nth-child(1) { width: 6%; } table.competencies th:nth-child(2) { width: 42%; }' || E'\n'
	    || 'table.competencies th:nth-child(3) { width: 24%; } table.competencies th:nth-child(4), table.competencies th:nth-child(5) { width: 14%; }' || E'\n'
	    || 'h2 { font-size: 10.5pt; margin: 2mm 0 0.5mm 0; } .approval + h1 { margin-top: 0; }' || E'\n'
	    || 'table.members th, table.members td, table.sign th, table.sign td { padding: 0.5mm 1.6mm; }' || E'\n'
	    || 'table.sign td.blank { width: 16%; height: 6mm; } table.sign td, table.sign th { font-size: 8pt; } tr.casting td { background: #fff6dd; }' || E'\n'
	    || 'table.results.commission th, table.results.commission td { padding: 0.5mm 1mm; font-size: 7.5pt; }' || E'\n'
	    || 'table.results.commission tr:first-child th:nth-child(2) { width: 25%; } table.results.commission tr:first-child th:nth-child(3) { width: 15%; }' || E'\n'
	    || 'table.results.commission tr:first-child th:nth-child(5) { width: 12%; } table.results.commission tr:first-child th:nth-child(6) { width: 11%; }' || E'\n'
	    || '</style></head>' || E'\n'
	    || '<body>' || E'\n' || body || E'\n' || '</body></html>' || E'\n';
COMMENT ON FUNCTION ocenka.html_document(text, text, text) IS 'a self-contained HTML document printable on A4 (@page size A4, inline CSS, no script): the escaped title and the given body markup, which must be made of the escaping pieces';

-- Header fields of a form: label and value side by side, both escaped.
CREATE FUNCTION ocenka.html_fields(labels text[], vals text[]) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN '<table class="fields">'
	    || coalesce((SELECT string_agg('<tr><td class="label">' || ocenka.html_escape(l) || '</td><td class="value">'
	                                   || coalesce(ocenka.html_escape(v), '—') || '</td></tr>', E'\n' ORDER BY n)
	                 FROM unnest(labels, vals) WITH ORDINALITY AS f(l, v, n)), '')
	    || '</table>';
COMMENT ON FUNCTION ocenka.html_fields(text[], text[]) IS 'the header block of a form: one line per label and value, both escaped, a dash for a missing value';

-- One table row: every cell escaped; a cell whose class is "num" is right-aligned; tag th for a header row.
CREATE FUNCTION ocenka.html_row(cells text[], classes text[] DEFAULT '{}', row_class text DEFAULT NULL, tag text DEFAULT 'td')
	RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN '<tr' || coalesce(' class="' || ocenka.html_escape(row_class) || '"', '') || '>'
	    || coalesce((SELECT string_agg('<' || CASE WHEN tag = 'th' THEN 'th' ELSE 'td' END
	                                   || coalesce(' class="' || ocenka.html_escape(classes[n]) || '"', '') || '>'
	                                   || coalesce(ocenka.html_escape(c), '') || '</' || CASE WHEN tag = 'th' THEN 'th' ELSE 'td' END || '>',
	                                   '' ORDER BY n)
	                 FROM unnest(cells) WITH ORDINALITY AS x(c, n)), '')
	    || '</tr>';
COMMENT ON FUNCTION ocenka.html_row(text[], text[], text, text) IS 'one table row of a form: each cell escaped, with an optional class per cell (num: right-aligned) and for the row; tag th makes a header row';

-- The signature block: for each side its role and the person, then blanks for signature and date.
CREATE FUNCTION ocenka.html_signatures(roles text[], names text[], sign_label text, date_label text, dates text[] DEFAULT '{}')
	RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN '<div class="signatures">'
	    || coalesce((SELECT string_agg('<div><div>' || ocenka.html_escape(r) || '</div><div><b>' || coalesce(ocenka.html_escape(names[n]), '') || '</b></div>'
	                                   || '<div>' || ocenka.html_escape(sign_label) || ' ____________________</div>'
	                                   || '<div>' || ocenka.html_escape(date_label) || ' ' || coalesce(ocenka.html_escape(dates[n]), '____________________') || '</div></div>',
	                                   '' ORDER BY n)
	                 FROM unnest(roles) WITH ORDINALITY AS s(r, n)), '')
	    || '</div>';
COMMENT ON FUNCTION ocenka.html_signatures(text[], text[], text, text, text[]) IS 'the signature block of a form: per side its role, the person, a line to sign and the date (given, or a line to fill in), all escaped';

-- The radar chart («паутинка») as SVG. Geometry, which scripts/forms-check and test/reports_forms.sql
-- recompute: a 360 × 360 view box, centre (180, 180), a score of 5 at radius 130; axis i of n (from 1)
-- points at angle 2π(i − 1)/n − π/2 (the first straight up, then clockwise); a value v sits at
-- (180 + 26·v·cos a, 180 + 26·v·sin a), coordinates rounded to two decimals; rings at 1 … 5 with their numbers beside axis 1; a NULL
-- value sits at the centre. The first series (respondents) is solid, the second (self) dashed; the
-- axis numbers match the table's rows.
CREATE FUNCTION ocenka.radar_svg(n_axes integer, series_a numeric[], series_b numeric[], legend_a text, legend_b text)
	RETURNS text
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
	bad numeric;
BEGIN
	IF n_axes IS NULL OR n_axes NOT BETWEEN 3 AND 24 THEN
		RAISE EXCEPTION 'a radar chart needs 3 to 24 axes, not %', coalesce(n_axes::text, 'NULL')
			USING ERRCODE = '22023', DETAIL = 'The 360 result sheets have 12 (heads) or 8 (employees) competencies (methodology §8a).';
	END IF;
	SELECT v INTO bad FROM unnest(coalesce(series_a, '{}') || coalesce(series_b, '{}')) v WHERE v NOT BETWEEN 0 AND 5 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'radar value % is outside 0 to 5', bad
			USING ERRCODE = '22003', DETAIL = 'Competency means and self-assessments lie between 1 and 5 (methodology §8a).';
	END IF;
	RETURN (
	WITH axis AS (
		SELECT i, 2 * pi() * (i - 1) / n_axes - pi() / 2 AS a FROM generate_series(1, n_axes) i
	), pt AS (
		SELECT i, a,
		       round((180 + 26 * coalesce(series_a[i], 0) * cos(a))::numeric, 2) AS ax,
		       round((180 + 26 * coalesce(series_a[i], 0) * sin(a))::numeric, 2) AS ay,
		       round((180 + 26 * coalesce(series_b[i], 0) * cos(a))::numeric, 2) AS bx,
		       round((180 + 26 * coalesce(series_b[i], 0) * sin(a))::numeric, 2) AS by
		FROM axis
	)
	SELECT '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 390" width="360" height="390" class="radar-chart" data-axes="' || n_axes || '">'
	    || '<g class="rings" fill="none" stroke="#bbb" stroke-width="0.6">'
	    || (SELECT string_agg('<polygon class="ring" data-score="' || r || '" points="'
	                          || (SELECT string_agg(round((180 + 26 * r * cos(a))::numeric, 2) || ',' || round((180 + 26 * r * sin(a))::numeric, 2), ' ' ORDER BY i) FROM axis)
	                          || '"/>', '' ORDER BY r) FROM generate_series(1, 5) r)
	    || '</g>'
	    || '<g class="axes" stroke="#888" stroke-width="0.6">'
	    || (SELECT string_agg('<line class="axis" data-axis="' || i || '" x1="180" y1="180" x2="' || round((180 + 130 * cos(a))::numeric, 2)
	                          || '" y2="' || round((180 + 130 * sin(a))::numeric, 2) || '"/>', '' ORDER BY i) FROM axis)
	    || '</g>'
	    || '<g class="axis-labels" font-size="11" font-weight="bold" fill="#000" text-anchor="middle" dominant-baseline="middle">'
	    || (SELECT string_agg('<text data-axis="' || i || '" x="' || round((180 + 145 * cos(a))::numeric, 2) || '" y="' || round((180 + 145 * sin(a))::numeric, 2) || '">' || i || '</text>', '' ORDER BY i) FROM axis)
	    || '</g>'
	    || '<polygon class="series respondents" fill="rgba(31,100,180,0.18)" stroke="#1f64b4" stroke-width="2" points="'
	    || (SELECT string_agg(ax || ',' || ay, ' ' ORDER BY i) FROM pt) || '"/>'
	    || '<polygon class="series self" fill="none" stroke="#d2691e" stroke-width="2" stroke-dasharray="5,3" points="'
	    || (SELECT string_agg(bx || ',' || by, ' ' ORDER BY i) FROM pt) || '"/>'
	    || '<g class="scale" font-size="9" fill="#555" stroke="#fff" stroke-width="2.5" paint-order="stroke">'
	    || (SELECT string_agg('<text x="183" y="' || round((180 - 26 * r + 3)::numeric, 2) || '">' || r || '</text>', '' ORDER BY r) FROM generate_series(1, 5) r)
	    || '</g>'
	    || '<g class="legend" font-size="11">'
	    || '<line x1="30" y1="350" x2="58" y2="350" stroke="#1f64b4" stroke-width="2"/><text x="64" y="354">' || ocenka.html_escape(legend_a) || '</text>'
	    || '<line x1="30" y1="372" x2="58" y2="372" stroke="#d2691e" stroke-width="2" stroke-dasharray="5,3"/><text x="64" y="376">' || ocenka.html_escape(legend_b) || '</text>'
	    || '</g></svg>');
END
$$;
COMMENT ON FUNCTION ocenka.radar_svg(integer, numeric[], numeric[], text, text) IS 'the radar chart («паутинка») of a 360 result sheet as SVG: one numbered axis per competency, rings at 1–5, the respondents'' means (solid) and the self-assessment (dashed) as two polygons with a legend; the geometry is documented in the source and recomputed by the tests';
