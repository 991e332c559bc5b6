-- P6's baseline (issue 16): a quarter closed by hand-written SQL, one INSERT … SELECT, for every body
-- that evaluates the quarter quarterly and is complete. It computes the same eligibility from the
-- same appointments and absences as ocenka's bodies_plan (the edition on the quarter's last day, the
-- position held at its end, time in it after social leave or study, actually worked working days,
-- typical-2023 ¶22's no_kpi; methodology §5, §6), the same means, penalty caps and ranking scores,
-- and writes the same rows into public.hand_quarter_result (ocenka.quarter_result's columns, key and
-- CHECKs, no trigger, no policy). It calls ocenka's scalar value functions (working days, ranking
-- score, gradation, the ineligibility codes), which a hand-written close would call too, but none of
-- its set functions or procedures. It leaves out what the generated country never has:
-- legacy-2021's persons (2021–2022 only) and close_run's bookkeeping.
--
--   psql -v q=2026-Q3 -f bench/close-handwritten.sql      (ocenka.today after the quarter's end)
SET search_path = ocenka, public;
CREATE TABLE IF NOT EXISTS public.hand_quarter_result (LIKE ocenka.quarter_result INCLUDING INDEXES INCLUDING CONSTRAINTS);
SELECT ocenka.first_day(:'q'::ocenka.quarter) AS f, ocenka.last_day(:'q'::ocenka.quarter) AS l \gset
-- each body's edition on the quarter's last day (legacy-2021 only where the body has no other)
WITH bm AS MATERIALIZED (
	SELECT e.body_id, m.*
	FROM (SELECT DISTINCT ON (body_id) body_id, methodology FROM ocenka.body_edition WHERE valid_from <= :'l'::date
	      ORDER BY body_id, methodology = 'legacy-2021', valid_from DESC) e
	JOIN ocenka.methodology m ON m.code = e.methodology
	WHERE m.evaluation_period = 'quarter'
),
pos AS MATERIALIZED (
	SELECT DISTINCT ON (a.employee_id) a.*
	FROM ocenka.appointment a
	WHERE a.started_on <= :'l'::date AND (a.ended_on IS NULL OR a.ended_on >= :'f'::date)
	  AND a.employee_id IN (SELECT a2.employee_id FROM ocenka.appointment a2 JOIN bm ON bm.body_id = a2.body_id
	                        WHERE a2.started_on <= :'l'::date AND (a2.ended_on IS NULL OR a2.ended_on >= :'f'::date))
	ORDER BY a.employee_id, least(coalesce(a.ended_on, :'l'::date), :'l'::date) DESC, a.acting, a.seconded_from IS NULL,
	         a.started_on DESC, a.id DESC
),
span AS MATERIALIZED (
	SELECT pos.employee_id, pos.body_id, pos.is_head, pos.started_on, pos.probation_until, bm.code, bm.min_months,
	       bm.min_worked_days, bm.probation_excludes, bm.head_form, bm.employee_form, bm.kpi_min_months_before_year_end,
	       bm.penalty_cap,
	       greatest(pos.started_on, :'f'::date,
	                CASE WHEN bm.tenure_after_leave THEN
	                     (SELECT max(ab.last_day) + 1 FROM ocenka.absence ab
	                      WHERE ab.employee_id = pos.employee_id AND ab.kind IN ('social_leave', 'study')
	                        AND ab.last_day >= pos.started_on AND ab.last_day < :'l'::date) END) AS s,
	       least(coalesce(pos.ended_on, :'l'::date), :'l'::date) AS e
	FROM pos JOIN bm USING (body_id)
),
plan AS MATERIALIZED (
	SELECT w.employee_id, w.body_id, w.code,
	       coalesce(ocenka.ineligibility(w.min_months, w.min_worked_days, w.probation_excludes, w.s, w.e, w.probation_until, w.worked),
	                CASE WHEN w.is_head AND w.head_form = 'kpi' AND w.kpi_min_months_before_year_end > 0
	                      AND ocenka.add_months(greatest(w.started_on, make_date(extract(year FROM w.e)::int, 1, 1)),
	                                            w.kpi_min_months_before_year_end) - 1 > make_date(extract(year FROM w.e)::int, 12, 31)
	                     THEN 'no_kpi' END) AS reason,
	       CASE WHEN w.is_head AND w.head_form = 'kpi' THEN 'kpi' ELSE 'ranking' END AS method,
	       CASE WHEN w.is_head THEN w.head_form ELSE w.employee_form END AS form,
	       w.penalty_cap
	FROM (SELECT span.*,
	             CASE WHEN span.min_worked_days > 0 THEN
	                  ocenka.working_days_between(span.s - 1, span.e)
	                  - coalesce((SELECT sum(ocenka.working_days_between(greatest(ab.first_day, span.s) - 1, least(ab.last_day, span.e)))
	                              FROM ocenka.absence ab
	                              WHERE ab.employee_id = span.employee_id
	                                AND ab.kind IN ('annual_leave', 'social_leave', 'unpaid_leave', 'sick_leave', 'study')
	                                AND ab.first_day <= span.e AND ab.last_day >= span.s), 0)::integer END AS worked
	      FROM span) w
),
sheets AS MATERIALIZED (
	SELECT s.employee_id, s.id, s.method, s.form, ocenka.score_avg(i.score) AS mean,
	       array_agg(i.score ORDER BY i.no) AS scores, count(*) AS n
	FROM ocenka.sheet s JOIN ocenka.item i ON i.sheet_id = s.id
	WHERE s.q = :'q'::ocenka.quarter AND s.body_id IN (SELECT body_id FROM bm)
	GROUP BY s.employee_id, s.id, s.method, s.form
),
-- complete bodies only: every evaluated person has a sheet with every parameter (or KPI of the year) scored
need AS MATERIALIZED (
	SELECT p.employee_id, p.body_id, CASE WHEN p.form = 'kpi'
	                           THEN (SELECT count(*) FROM ocenka.kpi k WHERE k.employee_id = p.employee_id
	                                 AND k.year = extract(year FROM :'l'::date)::int)
	                           ELSE (SELECT count(*) FROM ocenka.form_parameter f WHERE f.form = p.form) END AS n
	FROM plan p WHERE p.reason IS NULL
),
incomplete AS (
	SELECT DISTINCT n.body_id FROM need n LEFT JOIN sheets s USING (employee_id) WHERE s.n IS DISTINCT FROM n.n
),
penalties AS (
	SELECT p.employee_id, array_agg(p.kind) AS kinds, min(ocenka.penalty_cap(p.kind)) AS cap
	FROM ocenka.penalty p WHERE p.imposed_on BETWEEN :'f'::date AND :'l'::date
	GROUP BY p.employee_id
)
INSERT INTO public.hand_quarter_result (employee_id, q, body_id, methodology, status, reason, sheet_id, method, form,
                                        mean, cap, score, gradation, completed_on)
SELECT p.employee_id, :'q'::ocenka.quarter, p.body_id, p.code,
       CASE WHEN p.reason IS NULL THEN 'evaluated' ELSE 'not_evaluated' END, p.reason,
       s.id, s.method, s.form, s.mean, CASE WHEN p.penalty_cap THEN pe.cap END, r.score, ocenka.gradation(r.score),
       ocenka.today()
FROM plan p
LEFT JOIN sheets s ON s.employee_id = p.employee_id AND p.reason IS NULL
LEFT JOIN penalties pe ON pe.employee_id = p.employee_id
LEFT JOIN LATERAL (
	SELECT CASE WHEN s.method = 'kpi' THEN s.mean
	            ELSE ocenka.ranking_score(s.scores, CASE WHEN p.penalty_cap THEN coalesce(pe.kinds, '{}') ELSE '{}' END) END AS score
) r ON s.id IS NOT NULL
WHERE p.body_id NOT IN (SELECT body_id FROM incomplete);
