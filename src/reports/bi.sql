-- Reports for BI tools (issue 15 item 3): stable, documented views a dashboard (Metabase, Power BI)
-- reads without knowing the tables. Every grade is the FINAL one (final_quarter_result,
-- final_annual_result: the latest calibration, commission or appeal decision, else the computed
-- grade); levels are integers 1–4 beside the gradation's name; scores are numeric(3,2). The views
-- run with the caller's rights (security_invoker): a dashboard user sees what their role may SELECT.

-- the unit a person belonged to in a body during a period: their latest appointment there
CREATE VIEW ocenka.bi_quarter_result WITH (security_invoker = true) AS
SELECT r.employee_id, e.full_name, r.body_id, b.name AS body_name, a.unit_id, u.name AS unit_name, a.position,
       ocenka.year_of(r.q) AS year, ocenka.quarter_number(r.q) AS quarter, r.q::text AS period,
       r.methodology, r.method, r.form, r.status, r.reason,
       r.mean::numeric(3, 2) AS mean, r.cap::numeric(3, 2) AS cap, r.score::numeric(3, 2) AS computed_score,
       r.final_score::numeric(3, 2) AS final_score, r.final_gradation::text AS final_gradation,
       array_position(enum_range(NULL::ocenka.gradation), r.final_gradation) AS final_level,
       r.final_state, r.completed_on, r.final_on
FROM ocenka.final_quarter_result r
JOIN ocenka.employee e ON e.id = r.employee_id
JOIN ocenka.body b ON b.id = r.body_id
LEFT JOIN LATERAL (SELECT x.unit_id, x.position FROM ocenka.appointment x
                   WHERE x.employee_id = r.employee_id AND x.body_id = r.body_id
                     AND x.started_on <= ocenka.last_day(r.q) AND (x.ended_on IS NULL OR x.ended_on >= ocenka.first_day(r.q))
                   ORDER BY x.started_on DESC, x.id DESC LIMIT 1) a ON true
LEFT JOIN ocenka.unit u ON u.id = a.unit_id;
COMMENT ON VIEW ocenka.bi_quarter_result IS 'for BI tools: every quarterly result with its final grade, person, body, unit and position (the latest appointment in the body overlapping the quarter); one row per person and quarter';
COMMENT ON COLUMN ocenka.bi_quarter_result.employee_id IS 'the evaluatee';
COMMENT ON COLUMN ocenka.bi_quarter_result.full_name IS 'the evaluatee''s full name';
COMMENT ON COLUMN ocenka.bi_quarter_result.body_id IS 'the body that evaluated the quarter';
COMMENT ON COLUMN ocenka.bi_quarter_result.body_name IS 'the body''s name';
COMMENT ON COLUMN ocenka.bi_quarter_result.unit_id IS 'the structural unit of the person''s latest appointment in the body overlapping the quarter (NULL: none, e.g. the head of the apparatus)';
COMMENT ON COLUMN ocenka.bi_quarter_result.unit_name IS 'the unit''s name';
COMMENT ON COLUMN ocenka.bi_quarter_result.position IS 'the position of that appointment';
COMMENT ON COLUMN ocenka.bi_quarter_result.year IS 'the calendar year of the quarter';
COMMENT ON COLUMN ocenka.bi_quarter_result.quarter IS 'the quarter''s number, 1–4';
COMMENT ON COLUMN ocenka.bi_quarter_result.period IS 'the quarter as text, e.g. 2026-Q2';
COMMENT ON COLUMN ocenka.bi_quarter_result.methodology IS 'the edition that evaluated the quarter';
COMMENT ON COLUMN ocenka.bi_quarter_result.method IS 'kpi or ranking; NULL when not evaluated';
COMMENT ON COLUMN ocenka.bi_quarter_result.form IS 'the sheet''s form: kpi, typical-ranking, wko-leadership, wko-non-leadership';
COMMENT ON COLUMN ocenka.bi_quarter_result.status IS 'evaluated or not_evaluated';
COMMENT ON COLUMN ocenka.bi_quarter_result.reason IS 'why not evaluated (ineligibility_reason), else NULL';
COMMENT ON COLUMN ocenka.bi_quarter_result.mean IS 'the sheet''s mean before any penalty cap';
COMMENT ON COLUMN ocenka.bi_quarter_result.cap IS 'the lowest penalty cap of the quarter (wko-2026), else NULL';
COMMENT ON COLUMN ocenka.bi_quarter_result.computed_score IS 'the score the close computed';
COMMENT ON COLUMN ocenka.bi_quarter_result.final_score IS 'the final score: the latest decision''s, else the computed one';
COMMENT ON COLUMN ocenka.bi_quarter_result.final_gradation IS 'the final gradation: effective, proper, satisfactory, unsatisfactory';
COMMENT ON COLUMN ocenka.bi_quarter_result.final_level IS 'the final gradation as a level, 1 (unsatisfactory) … 4 (effective)';
COMMENT ON COLUMN ocenka.bi_quarter_result.final_state IS 'computed (no decision) or decided';
COMMENT ON COLUMN ocenka.bi_quarter_result.completed_on IS 'the day the evaluation was completed';
COMMENT ON COLUMN ocenka.bi_quarter_result.final_on IS 'the day the result became final';

CREATE VIEW ocenka.bi_annual_result WITH (security_invoker = true) AS
SELECT r.employee_id, e.full_name, r.body_id, b.name AS body_name, a.unit_id, u.name AS unit_name, a.position,
       r.year, r.methodology, r.rule, r.status, r.reason, r.quarters, r.kpi_achieved, r.kpi_total,
       r.score::numeric(3, 2) AS computed_score, r.final_score::numeric(3, 2) AS final_score,
       r.final_gradation::text AS final_gradation,
       array_position(enum_range(NULL::ocenka.gradation), r.final_gradation) AS final_level,
       r.final_state, r.completed_on, r.final_on
FROM ocenka.final_annual_result r
JOIN ocenka.employee e ON e.id = r.employee_id
JOIN ocenka.body b ON b.id = r.body_id
LEFT JOIN LATERAL (SELECT x.unit_id, x.position FROM ocenka.appointment x
                   WHERE x.employee_id = r.employee_id AND x.body_id = r.body_id
                     AND x.started_on <= make_date(r.year, 12, 31) AND (x.ended_on IS NULL OR x.ended_on >= make_date(r.year, 1, 1))
                   ORDER BY x.started_on DESC, x.id DESC LIMIT 1) a ON true
LEFT JOIN ocenka.unit u ON u.id = a.unit_id;
COMMENT ON VIEW ocenka.bi_annual_result IS 'for BI tools: every annual result with its final grade, person, body, unit and position (the latest appointment in the body overlapping the year); one row per person and year';
COMMENT ON COLUMN ocenka.bi_annual_result.employee_id IS 'the evaluatee';
COMMENT ON COLUMN ocenka.bi_annual_result.full_name IS 'the evaluatee''s full name';
COMMENT ON COLUMN ocenka.bi_annual_result.body_id IS 'the body that formed the annual grade';
COMMENT ON COLUMN ocenka.bi_annual_result.body_name IS 'the body''s name';
COMMENT ON COLUMN ocenka.bi_annual_result.unit_id IS 'the structural unit of the person''s latest appointment in the body overlapping the year';
COMMENT ON COLUMN ocenka.bi_annual_result.unit_name IS 'the unit''s name';
COMMENT ON COLUMN ocenka.bi_annual_result.position IS 'the position of that appointment';
COMMENT ON COLUMN ocenka.bi_annual_result.year IS 'the year';
COMMENT ON COLUMN ocenka.bi_annual_result.methodology IS 'the edition in force on 31 December';
COMMENT ON COLUMN ocenka.bi_annual_result.rule IS 'mean_of_quarters (§5) or kpi_count (§7)';
COMMENT ON COLUMN ocenka.bi_annual_result.status IS 'evaluated or not_evaluated';
COMMENT ON COLUMN ocenka.bi_annual_result.reason IS 'why not evaluated, else NULL';
COMMENT ON COLUMN ocenka.bi_annual_result.quarters IS 'the number of quarterly scores the mean was taken of';
COMMENT ON COLUMN ocenka.bi_annual_result.kpi_achieved IS 'KPIs achieved (KPI-count rule)';
COMMENT ON COLUMN ocenka.bi_annual_result.kpi_total IS 'KPIs in the plan (KPI-count rule)';
COMMENT ON COLUMN ocenka.bi_annual_result.computed_score IS 'the mean the close computed (mean of quarters), else NULL';
COMMENT ON COLUMN ocenka.bi_annual_result.final_score IS 'the final score, if the rule has one';
COMMENT ON COLUMN ocenka.bi_annual_result.final_gradation IS 'the final gradation; NULL while awaiting the commission';
COMMENT ON COLUMN ocenka.bi_annual_result.final_level IS 'the final gradation as a level, 1 … 4';
COMMENT ON COLUMN ocenka.bi_annual_result.final_state IS 'computed, decided, or awaiting_commission';
COMMENT ON COLUMN ocenka.bi_annual_result.completed_on IS 'the day the annual evaluation was completed';
COMMENT ON COLUMN ocenka.bi_annual_result.final_on IS 'the day the result became final';

-- how many people of a body, or of one of its units, got each final gradation in a quarter or a year
CREATE VIEW ocenka.bi_gradation_distribution WITH (security_invoker = true) AS
-- four plain GROUP BYs (body and unit, quarter and year) rather than grouping sets over one CTE, so
-- that a dashboard's filter on body_id, period or year reaches the result tables' indexes
SELECT period_kind, period, year, body_id, body_name, per_unit, unit_id, unit_name, gradation, level, people,
       round(people * 100.0 / sum(people) OVER (PARTITION BY period_kind, period, body_id, per_unit, unit_id), 2) AS percent
FROM (
	SELECT 'quarter'::text AS period_kind, r.q::text AS period, ocenka.year_of(r.q) AS year, r.body_id, b.name AS body_name,
	       false AS per_unit, NULL::bigint AS unit_id, NULL::text AS unit_name, r.final_gradation::text AS gradation,
	       array_position(enum_range(NULL::ocenka.gradation), r.final_gradation) AS level, count(*) AS people
	FROM ocenka.final_quarter_result r JOIN ocenka.body b ON b.id = r.body_id
	WHERE r.final_gradation IS NOT NULL
	GROUP BY r.q, r.body_id, b.name, r.final_gradation
	UNION ALL
	SELECT 'quarter', period, year, body_id, body_name, true, unit_id, unit_name, final_gradation, final_level, count(*)
	FROM ocenka.bi_quarter_result WHERE final_gradation IS NOT NULL
	GROUP BY period, year, body_id, body_name, unit_id, unit_name, final_gradation, final_level
	UNION ALL
	SELECT 'year', r.year::text, r.year, r.body_id, b.name, false, NULL, NULL, r.final_gradation::text,
	       array_position(enum_range(NULL::ocenka.gradation), r.final_gradation), count(*)
	FROM ocenka.final_annual_result r JOIN ocenka.body b ON b.id = r.body_id
	WHERE r.final_gradation IS NOT NULL
	GROUP BY r.year, r.body_id, b.name, r.final_gradation
	UNION ALL
	SELECT 'year', year::text, year, body_id, body_name, true, unit_id, unit_name, final_gradation, final_level, count(*)
	FROM ocenka.bi_annual_result WHERE final_gradation IS NOT NULL
	GROUP BY year, body_id, body_name, unit_id, unit_name, final_gradation, final_level
) g;
COMMENT ON VIEW ocenka.bi_gradation_distribution IS 'for BI tools: the number and percentage of evaluated people per final gradation, per body (per_unit false) and per unit of the body (per_unit true), for each quarter and year';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.period_kind IS 'quarter or year';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.period IS 'the quarter (2026-Q2) or the year (2025) as text';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.year IS 'the calendar year of the period';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.body_id IS 'the body';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.body_name IS 'the body''s name';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.per_unit IS 'false: the row counts the whole body; true: one unit of it (unit_id NULL: people with no unit)';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.unit_id IS 'the unit, when per_unit';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.unit_name IS 'the unit''s name, when per_unit';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.gradation IS 'the final gradation';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.level IS 'the gradation as a level, 1 … 4';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.people IS 'evaluated people with that final gradation';
COMMENT ON COLUMN ocenka.bi_gradation_distribution.percent IS 'their share of the evaluated people of the body (or unit) in the period, in percent, two decimals';

-- each KPI's plan, actual, percentage and grade per quarter (§3), and whether it was achieved for the year (§7)
CREATE VIEW ocenka.bi_kpi_achievement WITH (security_invoker = true) AS
SELECT k.employee_id, e.full_name, k.body_id, b.name AS body_name, k.year, ocenka.quarter_number(t.q) AS quarter,
       t.q::text AS period, k.no AS kpi_no, k.name AS kpi, k.unit_of_measure, k.direction, t.plan, t.actual,
       coalesce(i.percent, CASE WHEN t.actual IS NOT NULL AND (t.plan > 0 OR k.direction = 'decrease')
                                THEN ocenka.kpi_percent(t.plan, t.actual, k.direction) END) AS percent,
       i.score::numeric(3, 2) AS grade, k.achieved AS achieved_for_year
FROM ocenka.kpi k
JOIN ocenka.kpi_target t ON t.kpi_id = k.id
JOIN ocenka.employee e ON e.id = k.employee_id
JOIN ocenka.body b ON b.id = k.body_id
LEFT JOIN ocenka.sheet s ON s.employee_id = k.employee_id AND s.q = t.q AND s.form = 'kpi'
LEFT JOIN ocenka.item i ON i.sheet_id = s.id AND i.kpi_id = k.id;
COMMENT ON VIEW ocenka.bi_kpi_achievement IS 'for BI tools: every KPI target per quarter with its plan, actual, percentage of achievement (the graded item''s, else computed by kpi_percent) and the grade given; one row per KPI and quarter';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.employee_id IS 'the head whose plan holds the KPI';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.full_name IS 'the head''s full name';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.body_id IS 'the body of the plan';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.body_name IS 'the body''s name';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.year IS 'the plan''s year';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.quarter IS 'the quarter''s number, 1–4';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.period IS 'the quarter as text';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.kpi_no IS 'the KPI''s number in the plan, 1–5';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.kpi IS 'the KPI''s name';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.unit_of_measure IS 'its unit of measure';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.direction IS 'increase (more is better) or decrease (less is better)';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.plan IS 'the planned value for the quarter';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.actual IS 'the actual value, NULL until HR enters it';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.percent IS 'the percentage of achievement (§3)';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.grade IS 'the grade the evaluator gave the KPI, NULL until graded';
COMMENT ON COLUMN ocenka.bi_kpi_achievement.achieved_for_year IS 'whether the KPI was achieved for the year (KPI-count rule, §7), where recorded';

-- per body, year and competency: how the 360 means and the weakest marks fall (§8a, ¶36: training topics)
CREATE VIEW ocenka.bi_weakest_competency WITH (security_invoker = true) AS
SELECT s.body_id, b.name AS body_name, s.year, s.survey_form, c.competency_no, c.competency_code,
       q.competency_kk, q.competency_en,
       count(*) AS surveys, round(avg(c.mean), 2) AS mean_of_means,
       count(*) FILTER (WHERE c.weakest) AS weakest_for,
       round(count(*) FILTER (WHERE c.weakest) * 100.0 / count(*), 2) AS weakest_percent,
       rank() OVER (PARTITION BY s.body_id, s.year, s.survey_form ORDER BY count(*) FILTER (WHERE c.weakest) DESC) AS weakest_rank
FROM ocenka.competency_result c
JOIN ocenka.survey s ON s.id = c.survey_id
JOIN ocenka.body b ON b.id = s.body_id
JOIN ocenka.competency_question q ON q.survey_form = s.survey_form AND q.competency_no = c.competency_no AND q.question_no = 1
GROUP BY s.body_id, b.name, s.year, s.survey_form, c.competency_no, c.competency_code, q.competency_kk, q.competency_en;
COMMENT ON VIEW ocenka.bi_weakest_competency IS 'for BI tools: per body, year and 360 form, each competency''s mean of the people''s means and how many people have it among their weakest; weakest_rank 1 marks the body''s least developed competencies, which choose training topics (typical-2023 ¶36)';
COMMENT ON COLUMN ocenka.bi_weakest_competency.body_id IS 'the body of the surveys';
COMMENT ON COLUMN ocenka.bi_weakest_competency.body_name IS 'the body''s name';
COMMENT ON COLUMN ocenka.bi_weakest_competency.year IS 'the survey year';
COMMENT ON COLUMN ocenka.bi_weakest_competency.survey_form IS 'heads (12 competencies) or employees (8)';
COMMENT ON COLUMN ocenka.bi_weakest_competency.competency_no IS 'the competency''s number in the form';
COMMENT ON COLUMN ocenka.bi_weakest_competency.competency_code IS 'the competency''s code';
COMMENT ON COLUMN ocenka.bi_weakest_competency.competency_kk IS 'its name in Kazakh (seed 000)';
COMMENT ON COLUMN ocenka.bi_weakest_competency.competency_en IS 'its name in English';
COMMENT ON COLUMN ocenka.bi_weakest_competency.surveys IS 'closed surveys of the body, year and form';
COMMENT ON COLUMN ocenka.bi_weakest_competency.mean_of_means IS 'the mean of the people''s competency means, two decimals';
COMMENT ON COLUMN ocenka.bi_weakest_competency.weakest_for IS 'people for whom it is among the weakest';
COMMENT ON COLUMN ocenka.bi_weakest_competency.weakest_percent IS 'their share of the surveys, in percent';
COMMENT ON COLUMN ocenka.bi_weakest_competency.weakest_rank IS 'rank by weakest_for within the body, year and form (1: most often weakest; ties share a rank)';

-- Pre-calibration (§9a): evaluators whose scores depart from their body's in a quarter. Each
-- evaluator's mean of the sheet means they gave (before any penalty cap, which is not theirs) is
-- compared with the mean of the other sheets of the same body, quarter and method (KPI grades are
-- bound by their percentages, ranking scores are not): z = (m_e − m_o) /
-- (s_o / √n_e), s_o the others' sample standard deviation. |z| ≥ 1.96 (two-sided 5 %) with at
-- least 5 sheets of the evaluator and 5 others flags the evaluator as lenient (z > 0) or severe
-- (z < 0); otherwise within.
CREATE VIEW ocenka.bi_evaluator_departure WITH (security_invoker = true) AS
-- per evaluator first, then the body's totals by a window over the same rows: one pass over the
-- results, and a filter on body_id or period reaches the result table's index
WITH evaluator AS (
	SELECT r.body_id, r.q, r.method, s.evaluator_id, count(*) AS n, sum(r.mean::numeric) AS s1,
	       sum(r.mean::numeric * r.mean::numeric) AS s2, count(*) FILTER (WHERE r.gradation = 'effective') AS tops
	FROM ocenka.quarter_result r JOIN ocenka.sheet s ON s.id = r.sheet_id
	WHERE r.status = 'evaluated'
	GROUP BY r.body_id, r.q, r.method, s.evaluator_id
), totals AS (
	SELECT e.*, sum(e.n) OVER w AS bn, sum(e.s1) OVER w AS bs1, sum(e.s2) OVER w AS bs2, sum(e.tops) OVER w AS btops
	FROM evaluator e WINDOW w AS (PARTITION BY e.body_id, e.q, e.method)
), compared AS (
	SELECT t.body_id, t.q, t.method, t.evaluator_id, t.n AS sheets, round(t.s1 / t.n, 2) AS evaluator_mean,
	       round(t.tops * 100.0 / t.n, 2) AS evaluator_effective_percent,
	       (t.bn - t.n)::bigint AS other_sheets,
	       CASE WHEN t.bn > t.n THEN round((t.bs1 - t.s1) / (t.bn - t.n), 2) END AS others_mean,
	       CASE WHEN t.bn > t.n THEN round((t.btops - t.tops) * 100.0 / (t.bn - t.n), 2) END AS others_effective_percent,
	       CASE WHEN t.bn - t.n > 1
	            THEN sqrt(greatest(((t.bs2 - t.s2) - (t.bs1 - t.s1) ^ 2 / (t.bn - t.n)) / (t.bn - t.n - 1), 0)) END AS others_sd,
	       t.s1 / t.n AS m_e, CASE WHEN t.bn > t.n THEN (t.bs1 - t.s1) / (t.bn - t.n) END AS m_o
	FROM totals t
)
SELECT c.body_id, bd.name AS body_name, c.q::text AS period, ocenka.year_of(c.q) AS year, ocenka.quarter_number(c.q) AS quarter, c.method,
       c.evaluator_id, e.full_name AS evaluator_name, c.sheets, c.evaluator_mean, c.evaluator_effective_percent,
       c.other_sheets, c.others_mean, c.others_effective_percent, round(c.others_sd, 3) AS others_sd,
       round(CASE WHEN c.others_sd > 0 THEN (c.m_e - c.m_o) / (c.others_sd / sqrt(c.sheets::numeric)) END, 2) AS z,
       CASE WHEN c.sheets < 5 OR c.other_sheets < 5 OR c.others_sd IS NULL THEN 'too_few'
            WHEN c.others_sd = 0 THEN CASE WHEN c.m_e > c.m_o THEN 'lenient' WHEN c.m_e < c.m_o THEN 'severe' ELSE 'within' END
            WHEN (c.m_e - c.m_o) / (c.others_sd / sqrt(c.sheets::numeric)) >= 1.96 THEN 'lenient'
            WHEN (c.m_e - c.m_o) / (c.others_sd / sqrt(c.sheets::numeric)) <= -1.96 THEN 'severe'
            ELSE 'within' END AS departure
FROM compared c
JOIN ocenka.body bd ON bd.id = c.body_id
JOIN ocenka.employee e ON e.id = c.evaluator_id;
COMMENT ON VIEW ocenka.bi_evaluator_departure IS 'for BI tools, before a calibration session (§9a): per body, quarter and evaluator, the mean of the sheet means the evaluator gave (before penalty caps) against the other sheets of the body, quarter and method; z = (evaluator mean − others'' mean) / (others'' sd / √sheets); |z| ≥ 1.96 with at least 5 sheets on each side flags lenient (z > 0) or severe (z < 0)';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.body_id IS 'the body';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.body_name IS 'the body''s name';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.period IS 'the quarter as text';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.year IS 'the quarter''s year';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.quarter IS 'the quarter''s number, 1–4';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.method IS 'kpi or ranking: sheets are compared within one method';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.evaluator_id IS 'the evaluator named on the sheets';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.evaluator_name IS 'the evaluator''s full name';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.sheets IS 'evaluated sheets of the method the evaluator scored in the body and quarter';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.evaluator_mean IS 'the mean of their sheet means (before penalty caps), two decimals';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.evaluator_effective_percent IS 'the share of their sheets graded effective (level 4), in percent';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.other_sheets IS 'the other evaluated sheets of the body, quarter and method';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.others_mean IS 'the mean of the other sheets'' means';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.others_effective_percent IS 'the share of the other sheets graded effective, in percent';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.others_sd IS 'the sample standard deviation of the other sheets'' means';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.z IS 'the departure: (evaluator mean − others'' mean) / (others'' sd / √sheets); NULL when the others do not vary';
COMMENT ON COLUMN ocenka.bi_evaluator_departure.departure IS 'lenient (z ≥ 1.96), severe (z ≤ −1.96), within, or too_few (fewer than 5 sheets on either side); with no variation among the others any difference counts';
