-- Gradation, labels, KPI percentages and bands, caps, the ranking score and the 3/4 rule (api.md "Functions").

CREATE FUNCTION ocenka.gradation(ocenka.score) RETURNS ocenka.gradation
	AS 'MODULE_PATHNAME', 'gradation_of_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.gradation(numeric) RETURNS ocenka.gradation
	AS 'MODULE_PATHNAME', 'gradation_of_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.gradation_label(ocenka.gradation, lang text DEFAULT 'ru', methodology text DEFAULT 'typical-2023')
	RETURNS text
	AS 'MODULE_PATHNAME', 'gradation_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ocenka.gradation(ocenka.score) IS 'the gradation level whose band holds the score (methodology §2)';
COMMENT ON FUNCTION ocenka.gradation(numeric) IS 'the gradation level of a mean, after rounding half away from zero to two decimals (methodology §2)';
COMMENT ON FUNCTION ocenka.gradation_label(ocenka.gradation, text, text) IS 'the official wording of a gradation level in kk, ru or en for a methodology';

CREATE FUNCTION ocenka.kpi_percent(plan numeric, actual numeric, direction text DEFAULT 'increase') RETURNS numeric
	AS 'MODULE_PATHNAME', 'kpi_percent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.kpi_band(percent numeric) RETURNS numrange
	AS 'MODULE_PATHNAME', 'kpi_band' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.kpi_grade_ok(percent numeric, grade ocenka.score) RETURNS boolean
	AS 'MODULE_PATHNAME', 'kpi_grade_ok' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.kpi_default_grade(percent numeric) RETURNS ocenka.score
	AS 'MODULE_PATHNAME', 'kpi_default_grade' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ocenka.kpi_percent(numeric, numeric, text) IS 'percentage of achievement of a KPI, increase (actual / plan) or decrease (plan / actual), truncated to two decimals (methodology §3)';
COMMENT ON FUNCTION ocenka.kpi_band(numeric) IS 'the grades appendix 3 allows for a percentage of achievement, both bounds inclusive (methodology §3)';
COMMENT ON FUNCTION ocenka.kpi_grade_ok(numeric, ocenka.score) IS 'whether a KPI grade lies in the band of its percentage (methodology §3)';
COMMENT ON FUNCTION ocenka.kpi_default_grade(numeric) IS 'the suggested KPI grade trunc(min(p, 100) / 20, 2), inside the band (methodology §3)';

CREATE FUNCTION ocenka.penalty_cap(ocenka.penalty_kind) RETURNS ocenka.score
	AS 'MODULE_PATHNAME', 'penalty_cap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.ranking_score(scores ocenka.score[], penalties ocenka.penalty_kind[] DEFAULT '{}')
	RETURNS ocenka.score
	AS 'MODULE_PATHNAME', 'ranking_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ocenka.meets_expectations(observed integer, total integer) RETURNS boolean
	AS 'MODULE_PATHNAME', 'meets_expectations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ocenka.penalty_cap(ocenka.penalty_kind) IS 'the highest score a wko-2026 sheet keeps after a penalty: 2.99 for a remark or (severe) reprimand, 1.99 otherwise (methodology §4b)';
COMMENT ON FUNCTION ocenka.ranking_score(ocenka.score[], ocenka.penalty_kind[]) IS 'the sheet mean rounded half away from zero, then capped by the lowest penalty cap (methodology §4)';
COMMENT ON FUNCTION ocenka.meets_expectations(integer, integer) IS 'the 3/4 rule of behavioural indicators: 4 · observed >= 3 · total (methodology §8b)';
