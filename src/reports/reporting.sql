-- Reporting without leaks (issue 13 item 4): what a reporting tool — the `reporting` kind of user,
-- aggregates only — may read. The BI views (bi.sql) are security_invoker: a role that is no employee
-- and holds no capacity reads no row of them, so a reporting role is given only these, which run as
-- the owner and show counts and means per body, unit and period with small-cell suppression.
--
-- The rule. A cell counts people: the people of a body's (or unit's) quarter or year with a final
-- gradation, those of them with each gradation, and the mean final score of those with a score.
--   1. Primary: a count of 1 or 2 is not shown (NULL), nor a mean of 1 or 2 scores.
--   2. Complementary: the view's additive relations are a group's four gradations, which add up to
--      its people, and a body's units (people with no unit form one group), which add up to the body
--      in each count and in the sum of scores behind the means. In every relation the withheld
--      cells are none, or at least two; and when the relation's total is shown, the withheld parts
--      add up to at least 3 people. Until that holds, the smallest non-zero shown cell of a relation
--      that breaks it is withheld too (parts before the total, then the first), and the relations
--      are looked at again, so a cell withheld for one relation is protected in the other.
--   3. No withheld cell may follow from the others: with the relations as nodes and the withheld
--      cells as edges (a cell joins its row and its column), a cell is fixed exactly when it is a
--      bridge; for each, the smallest shown cell joining its two sides (else reaching out of one) is
--      withheld, and 2 and 3 are applied again until no bridge is left.
-- Nothing relates one body to another, a quarter to another, or a quarter to its year (the annual
-- grade is no sum of quarters): no totals across them are given. Suppression is decided per body
-- and period, so a filter on body or period gives the same cells.

CREATE FUNCTION ocenka.reporting_suppress(cells bigint[], width integer, row_totals boolean) RETURNS boolean[]
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
	n integer := coalesce(array_length(cells, 1), 0);
	nrows integer;
	hidden boolean[];
	rel integer[];
	changed boolean := true;
	total integer;
	best integer;
	nhidden integer;
	parts_hidden bigint;
	k integer;
	i integer;
	edges integer[];
	parent integer[];
	e integer;
	f integer;
	a integer;
	b integer;
	col_side integer;
	row_side integer;
	joins integer;
	extends integer;
	pick integer;
BEGIN
	IF width < 1 OR n % width <> 0 THEN
		RAISE EXCEPTION 'reporting_suppress: % cells do not make rows of %', n, width USING ERRCODE = '22023';
	END IF;
	IF n = 0 THEN
		-- no cell: nothing to withhold (and no loop over a width that no cell bounds)
		RETURN '{}';
	END IF;
	nrows := n / width;
	hidden := array_fill(false, ARRAY[greatest(n, 1)]);
	FOR i IN 1 .. n LOOP
		hidden[i] := cells[i] BETWEEN 1 AND 2;
	END LOOP;
	LOOP
	changed := true;
	WHILE changed LOOP
		changed := false;
		-- the relations: each column (rows 2… add up to row 1), then each row (columns 1… add up to the last)
		FOR k IN 1 .. width + CASE WHEN row_totals THEN nrows ELSE 0 END LOOP
			IF k <= width THEN
				CONTINUE WHEN nrows < 2;
				rel := ARRAY(SELECT (r - 1) * width + k FROM generate_series(2, nrows) r);
				total := k;
			ELSE
				rel := ARRAY(SELECT (k - width - 1) * width + c FROM generate_series(1, width - 1) c);
				total := (k - width) * width;
			END IF;
			rel := rel || total;
			nhidden := 0;
			parts_hidden := 0;
			best := NULL;
			FOREACH i IN ARRAY rel LOOP
				IF hidden[i] THEN
					nhidden := nhidden + 1;
					IF i <> total THEN
						parts_hidden := parts_hidden + cells[i];
					END IF;
				ELSIF cells[i] > 0 AND (best IS NULL OR cells[i] < cells[best]) THEN
					best := i;
				END IF;
			END LOOP;
			IF best IS NOT NULL AND (nhidden = 1 OR (nhidden > 1 AND NOT hidden[total] AND parts_hidden < 3)) THEN
				hidden[best] := true;
				changed := true;
			END IF;
		END LOOP;
	END LOOP;
	-- Every relation now has none or two withheld cells, yet a withheld cell can still follow from the
	-- others: the relations are the nodes of a graph (a row, a column), each withheld cell an edge
	-- between its row and its column, and a cell is fixed exactly when its edge is a bridge (on no
	-- cycle: round a cycle the cells can move by ±1 in turn, all being at least 1). For a bridge,
	-- withhold the smallest shown cell joining its two sides, else one reaching out from a side; then
	-- the relations again, until no bridge is left or no cell can be added.
	EXIT WHEN NOT row_totals OR nrows < 2;
	edges := ARRAY(SELECT x FROM generate_series(1, n) x WHERE hidden[x]);
	pick := NULL;
	FOREACH e IN ARRAY edges LOOP
		parent := ARRAY(SELECT generate_series(1, width + nrows));
		FOREACH f IN ARRAY edges LOOP
			CONTINUE WHEN f = e;
			a := (f - 1) % width + 1;
			WHILE parent[a] <> a LOOP a := parent[a]; END LOOP;
			b := width + (f - 1) / width + 1;
			WHILE parent[b] <> b LOOP b := parent[b]; END LOOP;
			IF a <> b THEN
				parent[a] := b;
			END IF;
		END LOOP;
		col_side := (e - 1) % width + 1;
		WHILE parent[col_side] <> col_side LOOP col_side := parent[col_side]; END LOOP;
		row_side := width + (e - 1) / width + 1;
		WHILE parent[row_side] <> row_side LOOP row_side := parent[row_side]; END LOOP;
		CONTINUE WHEN col_side = row_side;
		joins := NULL;
		extends := NULL;
		FOR i IN 1 .. n LOOP
			CONTINUE WHEN hidden[i] OR cells[i] <= 0;
			a := (i - 1) % width + 1;
			WHILE parent[a] <> a LOOP a := parent[a]; END LOOP;
			b := width + (i - 1) / width + 1;
			WHILE parent[b] <> b LOOP b := parent[b]; END LOOP;
			IF (a = col_side AND b = row_side) OR (a = row_side AND b = col_side) THEN
				IF joins IS NULL OR cells[i] < cells[joins] THEN
					joins := i;
				END IF;
			ELSIF (a IN (col_side, row_side)) <> (b IN (col_side, row_side)) THEN
				IF extends IS NULL OR cells[i] < cells[extends] THEN
					extends := i;
				END IF;
			END IF;
		END LOOP;
		pick := coalesce(joins, extends);
		EXIT WHEN pick IS NOT NULL;
	END LOOP;
	EXIT WHEN pick IS NULL;
	hidden[pick] := true;
	END LOOP;
	RETURN hidden[1:n];
END $$;
COMMENT ON FUNCTION ocenka.reporting_suppress(bigint[], integer, boolean) IS 'internal: which cells of a body''s block to withhold: cells holds rows of width counts (row 1 the body, then its units; with row_totals the last column is the row''s total); a count of 1 or 2 is withheld, then the smallest non-zero cell of any relation (a column''s units against the body, a row''s parts against its total) left with one withheld cell, or with withheld parts under 3 beside a shown total, until none is; then, while a withheld cell is a bridge of the graph of withheld cells (relations as nodes) and so fixed by the others, a cell joining its sides, and again';

CREATE FUNCTION ocenka.reporting_cells(p_body bigint DEFAULT NULL, p_period text DEFAULT NULL)
	RETURNS TABLE (period_kind text, period text, year integer, body_id bigint, body_name text, per_unit boolean,
	               unit_id bigint, unit_name text, people bigint, effective bigint, proper bigint, satisfactory bigint,
	               unsatisfactory bigint, mean_score numeric, suppressed boolean)
	LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
	SET search_path = pg_catalog, ocenka, pg_temp
AS $$
#variable_conflict use_column
DECLARE
	b record;
	flat bigint[];
	hidden boolean[];
	mean_hidden boolean[];
	r integer;
	o integer;
BEGIN
	FOR b IN
		WITH base AS (
			SELECT 'quarter'::text AS kind, x.period, x.year, x.body_id, x.body_name, x.unit_id, x.unit_name,
			       x.final_gradation AS g, x.final_score AS s
			FROM ocenka.bi_quarter_result x
			WHERE x.final_gradation IS NOT NULL AND (p_body IS NULL OR x.body_id = p_body) AND (p_period IS NULL OR x.period = p_period)
			UNION ALL
			SELECT 'year', x.year::text, x.year, x.body_id, x.body_name, x.unit_id, x.unit_name, x.final_gradation, x.final_score
			FROM ocenka.bi_annual_result x
			WHERE x.final_gradation IS NOT NULL AND (p_body IS NULL OR x.body_id = p_body) AND (p_period IS NULL OR x.year::text = p_period)
		), cell AS (
			SELECT kind, period, year, body_id, body_name, GROUPING(unit_id) = 0 AS per_unit, unit_id, unit_name,
			       ARRAY[pg_catalog.count(*) FILTER (WHERE g = 'effective'), pg_catalog.count(*) FILTER (WHERE g = 'proper'),
			             pg_catalog.count(*) FILTER (WHERE g = 'satisfactory'), pg_catalog.count(*) FILTER (WHERE g = 'unsatisfactory'),
			             pg_catalog.count(*)] AS counts,
			       pg_catalog.count(s) AS scored, pg_catalog.avg(s::numeric) AS mean
			FROM base
			GROUP BY GROUPING SETS ((kind, period, year, body_id, body_name), (kind, period, year, body_id, body_name, unit_id, unit_name))
		)
		SELECT kind, period, year, body_id, body_name,
		       pg_catalog.array_agg(per_unit ORDER BY per_unit, unit_id) AS per_unit,
		       pg_catalog.array_agg(unit_id ORDER BY per_unit, unit_id) AS unit_id,
		       pg_catalog.array_agg(unit_name ORDER BY per_unit, unit_id) AS unit_name,
		       pg_catalog.array_agg(counts ORDER BY per_unit, unit_id) AS counts,
		       pg_catalog.array_agg(scored ORDER BY per_unit, unit_id) AS scored,
		       pg_catalog.array_agg(mean ORDER BY per_unit, unit_id) AS mean
		FROM cell
		GROUP BY kind, period, year, body_id, body_name
		ORDER BY kind, year, period, body_id
	LOOP
		flat := ARRAY(SELECT pg_catalog.unnest(b.counts));
		hidden := ocenka.reporting_suppress(flat, 5, true);
		mean_hidden := ocenka.reporting_suppress(b.scored, 1, false);
		FOR r IN 1 .. pg_catalog.array_length(b.per_unit, 1) LOOP
			o := (r - 1) * 5;
			period_kind := b.kind;
			period := b.period;
			year := b.year;
			body_id := b.body_id;
			body_name := b.body_name;
			per_unit := b.per_unit[r];
			unit_id := b.unit_id[r];
			unit_name := b.unit_name[r];
			effective := CASE WHEN NOT hidden[o + 1] THEN flat[o + 1] END;
			proper := CASE WHEN NOT hidden[o + 2] THEN flat[o + 2] END;
			satisfactory := CASE WHEN NOT hidden[o + 3] THEN flat[o + 3] END;
			unsatisfactory := CASE WHEN NOT hidden[o + 4] THEN flat[o + 4] END;
			people := CASE WHEN NOT hidden[o + 5] THEN flat[o + 5] END;
			mean_score := CASE WHEN NOT mean_hidden[r] THEN pg_catalog.round(b.mean[r], 2) END;
			suppressed := true = ANY (hidden[o + 1 : o + 5] || mean_hidden[r]);
			RETURN NEXT;
		END LOOP;
	END LOOP;
END $$;
COMMENT ON FUNCTION ocenka.reporting_cells(bigint, text) IS 'for reporting tools (aggregates only): per body (and each of its units), quarter and year, the people with a final gradation, how many got each, and their mean final score, with small-cell suppression (a count or a mean of 1 or 2 people withheld, and complementary cells so that no withheld cell follows by subtraction); runs as the owner, so it counts every result whoever calls it; optionally one body and one period (a quarter 2026-Q2 or a year 2026), which gives the same cells';
REVOKE EXECUTE ON FUNCTION ocenka.reporting_cells(bigint, text) FROM PUBLIC;

CREATE VIEW ocenka.reporting_result WITH (security_invoker = true) AS
SELECT * FROM ocenka.reporting_cells();
COMMENT ON VIEW ocenka.reporting_result IS 'for reporting tools: reporting_cells() for every body, quarter and year — gradation counts and mean final scores per body and unit with small-cell suppression; the only view a reporting role is given (the BI views show it nothing)';
COMMENT ON COLUMN ocenka.reporting_result.period_kind IS 'quarter or year';
COMMENT ON COLUMN ocenka.reporting_result.period IS 'the quarter (2026-Q2) or the year (2025) as text';
COMMENT ON COLUMN ocenka.reporting_result.year IS 'the calendar year of the period';
COMMENT ON COLUMN ocenka.reporting_result.body_id IS 'the body';
COMMENT ON COLUMN ocenka.reporting_result.body_name IS 'the body''s name';
COMMENT ON COLUMN ocenka.reporting_result.per_unit IS 'false: the whole body; true: one unit of it (unit_id NULL: people with no unit); the units add up to the body';
COMMENT ON COLUMN ocenka.reporting_result.unit_id IS 'the unit (the latest appointment in the body overlapping the period), when per_unit';
COMMENT ON COLUMN ocenka.reporting_result.unit_name IS 'the unit''s name';
COMMENT ON COLUMN ocenka.reporting_result.people IS 'people with a final gradation; NULL: withheld';
COMMENT ON COLUMN ocenka.reporting_result.effective IS 'of them, final gradation effective; NULL: withheld';
COMMENT ON COLUMN ocenka.reporting_result.proper IS 'final gradation proper; NULL: withheld';
COMMENT ON COLUMN ocenka.reporting_result.satisfactory IS 'final gradation satisfactory; NULL: withheld';
COMMENT ON COLUMN ocenka.reporting_result.unsatisfactory IS 'final gradation unsatisfactory; NULL: withheld';
COMMENT ON COLUMN ocenka.reporting_result.mean_score IS 'the mean final score of those with a score, two decimals; NULL: withheld, or no scores (the KPI-count rule)';
COMMENT ON COLUMN ocenka.reporting_result.suppressed IS 'whether a cell of the row is withheld';
