-- The sample and national data generator: fills ocenka's real tables through the real validation.
--
--   psql -v people=60 -v seed=2026 -v wko_share=1 -f bench/generate.sql      (the demo: one body)
--   psql -v people=100000 -v seed=1 -f bench/generate.sql                     (a country)
--
-- Deterministic for a given seed: every choice is a hash of (seed, what, a stable key such as the
-- employee and quarter), not random() and never a generated id, so that -v body_from=… -v body_to=…
-- makes exactly the same bodies in any database (the shard demo loads halves of one country).
-- It lives through 2025 (typical-2023 in every body: four quarters, KPIs for heads, a 360
-- survey, closed year) and 2026-Q1 … Q3, during which a share of the bodies (wko_share)
-- switches to wko-2026 on 2026-05-05, as West Kazakhstan's did. It moves ocenka.today (a
-- superuser setting) to each phase: scores are entered a few days after a quarter ends,
-- penalties during it, and each quarter is closed on its deadline. Set close=0 to leave the
-- closing to the caller (the benchmark times it).
--
-- Sizes follow the country: about 33 people per body (or -v bodies=N), one head in six, 3–5 KPIs
-- per head, penalties for about 3 % of people, absences for about 12 %, appointments during the
-- year, 3–7 respondents per 360 survey plus self. Body 1 also carries a fixed set of cases the demo
-- explains: person 5 arrives on 2026-03-10, person 6 is on social leave through 2026-Q3, persons 7
-- and 8 get a remark and person 9 a demotion in wko-2026 quarters, person 10 a reprimand in 2025
-- (typical-2023 has no cap), person 11 leaves on 2026-08-05.
\set ON_ERROR_STOP 1
\if :{?people}
\else
\set people 60
\endif
\if :{?seed}
\else
\set seed 2026
\endif
\if :{?wko_share}
\else
\set wko_share 0.4
\endif
\if :{?close}
\else
\set close 1
\endif
\if :{?quiet}
\else
\set quiet 0
\endif
\if :{?bodies}
\else
\set bodies 0
\endif
\if :{?body_from}
\else
\set body_from 1
\endif
\if :{?body_to}
\else
\set body_to 2147483647
\endif

SET search_path = ocenka, public;
SET client_min_messages = warning;
\o /dev/null

-- r(what, n): a deterministic number in [0, 1) for row n of choice what
CREATE FUNCTION pg_temp.r(what integer, n bigint) RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN ((hashint8extended(n * 1009 + what, :seed) & 2147483647)::double precision / 2147483648.0);

CREATE TEMP TABLE gen_param AS
SELECT :people::integer AS people,
       CASE WHEN :bodies > 0 THEN :bodies ELSE greatest(1, round(:people / 33.0)) END::integer AS bodies,
       :wko_share::double precision AS wko_share;

\if :quiet
\else
\echo 'generate: bodies, editions, people'
\endif

-- bodies; the first is the demo's, and switches to wko-2026 whenever wko_share > 0
INSERT INTO body (id, name, code)
SELECT b, CASE WHEN b = 1 THEN 'Аппарат акима района (пример)' ELSE format('Государственный орган %s', b) END,
       format('GO-%s', lpad(b::text, 5, '0'))
FROM gen_param, generate_series(1, bodies) b
WHERE b BETWEEN :body_from AND :body_to;
INSERT INTO body_edition (body_id, valid_from, methodology, act)
SELECT id, '2023-08-03', 'typical-2023', 'typical methodology, edition of 03.08.2023' FROM body;
INSERT INTO body_edition (body_id, valid_from, methodology, act)
SELECT b.id, '2026-05-05', 'wko-2026', 'resolution No 107 of 05.05.2026'
FROM body b, gen_param g
WHERE g.wko_share > 0 AND (b.id = 1 OR pg_temp.r(1, b.id) < g.wko_share);

-- people: per body an akim (corps A, evaluates but is not evaluated), a head of the apparatus (E-1),
-- unit heads (E-2) and specialists (E-3 … E-5) in units of about six
CREATE TEMP TABLE gen_person AS
WITH sizes AS (
	SELECT b, (g.people / g.bodies) + CASE WHEN b <= g.people % g.bodies THEN 1 ELSE 0 END AS n
	FROM gen_param g, generate_series(1, g.bodies) b
	WHERE b BETWEEN :body_from AND :body_to
)
SELECT b AS body_id, k, ((b - 1) * 100000 + k)::bigint AS id,
       CASE WHEN k = 1 THEN 'apparatus_head' WHEN (k - 2) % 6 = 0 THEN 'unit_head' ELSE 'specialist' END AS role,
       ((k - 2) / 6) + 1 AS unit_no
FROM sizes, generate_series(1, n) k;

INSERT INTO employee (id, full_name, personnel_no)
SELECT p.id,
       (ARRAY['Ахметов', 'Байжанова', 'Сериков', 'Нурланова', 'Есенов', 'Жумабаева', 'Касымов', 'Оспанова',
              'Тулегенов', 'Мухамеджанова', 'Абенов', 'Сапарова', 'Калиев', 'Ермекова', 'Бекишев', 'Досанова'])[1 + (pg_temp.r(2, p.id) * 16)::int % 16]
       || ' ' ||
       (ARRAY['Айдар', 'Асель', 'Ерлан', 'Динара', 'Нурсултан', 'Гульнара', 'Бауыржан', 'Жанар', 'Арман', 'Сауле',
              'Данияр', 'Меруерт', 'Серик', 'Айгерим', 'Тимур', 'Камила'])[1 + (pg_temp.r(3, p.id) * 16)::int % 16],
       format('P%s', p.id)
FROM gen_person p;
INSERT INTO employee (id, full_name, personnel_no)
SELECT -b.id, format('Аким (орган %s)', b.id), format('AKIM%s', b.id) FROM body b;

INSERT INTO unit (body_id, name)
SELECT DISTINCT body_id, format('Отдел %s', unit_no) FROM gen_person WHERE role <> 'apparatus_head';
CREATE TEMP TABLE gen_unit AS
SELECT u.id, u.body_id, substring(u.name FROM '\d+$')::int AS unit_no FROM unit u;

-- appointments: most since before 2025; some arrive during a quarter (the one-month rule), a few leave,
-- a few are on probation
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on, ended_on, probation_until)
SELECT p.id, p.body_id, u.id,
       CASE p.role WHEN 'apparatus_head' THEN 'Руководитель аппарата' WHEN 'unit_head' THEN 'Руководитель отдела'
                   ELSE 'Главный специалист' END,
       CASE p.role WHEN 'apparatus_head' THEN 'E-1' WHEN 'unit_head' THEN 'E-2'
                   ELSE (ARRAY['E-3', 'E-4', 'E-5'])[1 + (pg_temp.r(4, p.id) * 3)::int % 3] END,
       p.role <> 'specialist',
       s.started_on, s.ended_on,
       CASE WHEN p.role = 'specialist' AND s.started_on >= '2026-01-01' THEN s.started_on + 90 END
FROM gen_person p
LEFT JOIN gen_unit u ON u.body_id = p.body_id AND u.unit_no = p.unit_no AND p.role <> 'apparatus_head'
CROSS JOIN LATERAL (
	SELECT CASE WHEN p.body_id = 1 AND p.k = 5 THEN date '2026-03-10'
	            WHEN p.role = 'specialist' AND pg_temp.r(5, p.id) < 0.04 THEN date '2026-02-01' + (pg_temp.r(6, p.id) * 60)::int
	            WHEN p.role = 'specialist' AND pg_temp.r(5, p.id) < 0.07 THEN date '2025-05-01' + (pg_temp.r(6, p.id) * 60)::int
	            ELSE date '2019-09-01' + (pg_temp.r(6, p.id) * 1500)::int END AS started_on,
	       CASE WHEN p.body_id = 1 AND p.k = 11 THEN date '2026-08-05'
	            WHEN p.role = 'specialist' AND pg_temp.r(7, p.id) < 0.02 THEN date '2026-06-01' + (pg_temp.r(8, p.id) * 80)::int END AS ended_on
) s;

-- who evaluates whom: the akim the apparatus head, the apparatus head the unit heads (immediate
-- supervisor, wko-2026 ¶16), each unit head the unit's specialists; the apparatus head deputises
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from)
SELECT p.id,
       CASE p.role WHEN 'apparatus_head' THEN -p.body_id
                   WHEN 'unit_head' THEN (SELECT h.id FROM gen_person h WHERE h.body_id = p.body_id AND h.role = 'apparatus_head')
                   ELSE (SELECT h.id FROM gen_person h WHERE h.body_id = p.body_id AND h.role = 'unit_head' AND h.unit_no = p.unit_no) END,
       CASE WHEN p.role = 'specialist' AND a.category IN ('E-3', 'E-4', 'E-5') THEN 'unit_head' ELSE 'immediate_supervisor' END,
       '2019-01-01'
FROM gen_person p JOIN appointment a ON a.employee_id = p.id
WHERE p.role <> 'specialist' OR EXISTS (SELECT FROM gen_person h WHERE h.body_id = p.body_id AND h.role = 'unit_head' AND h.unit_no = p.unit_no);
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from)
SELECT p.id, (SELECT h.id FROM gen_person h WHERE h.body_id = p.body_id AND h.role = 'apparatus_head'), 'deputy', '2019-01-01'
FROM gen_person p
WHERE p.role = 'specialist'
  AND NOT EXISTS (SELECT FROM evaluator e WHERE e.evaluatee_id = p.id);

-- absences: annual leave, sick leave, business trips and training; a few long ones (social leave)
INSERT INTO absence (employee_id, kind, first_day, last_day)
SELECT p.id, k.kind, d.first_day, d.first_day + k.days - 1
FROM gen_person p
CROSS JOIN LATERAL (SELECT (ARRAY['annual_leave', 'sick_leave', 'business_trip', 'training', 'annual_leave'])[1 + (pg_temp.r(9, p.id) * 5)::int % 5]::absence_kind AS kind,
                           (ARRAY[24, 9, 5, 10, 30])[1 + (pg_temp.r(9, p.id) * 5)::int % 5] AS days) k
CROSS JOIN LATERAL (SELECT date '2026-04-01' + (pg_temp.r(10, p.id) * 150)::int AS first_day) d
WHERE pg_temp.r(11, p.id) < 0.10 AND NOT (p.body_id = 1 AND p.k = 6);
INSERT INTO absence (employee_id, kind, first_day, last_day)
SELECT p.id, 'social_leave', date '2026-06-15', date '2026-09-25'
FROM gen_person p WHERE p.role = 'specialist' AND (pg_temp.r(12, p.id) < 0.02 OR (p.body_id = 1 AND p.k = 6))
  AND NOT EXISTS (SELECT FROM absence a WHERE a.employee_id = p.id);

-- KPI plans of heads (typical-2023 ¶23): 3 to 5 per year, a planned value per quarter
CREATE FUNCTION pg_temp.make_kpis(y integer) RETURNS void LANGUAGE sql AS $$
	INSERT INTO ocenka.kpi (employee_id, body_id, year, no, name, unit_of_measure, direction, approved_on)
	SELECT a.employee_id, a.body_id, y, n,
	       (ARRAY['Доля обращений, рассмотренных в срок', 'Количество обоснованных жалоб', 'Освоение бюджетных средств',
	              'Число оказанных государственных услуг', 'Срок подготовки ответов, дней'])[n],
	       (ARRAY['%', 'шт.', '%', 'шт.', 'дней'])[n],
	       CASE WHEN n IN (2, 5) THEN 'decrease' ELSE 'increase' END,
	       make_date(y, 1, 14)
	FROM ocenka.appointment a, generate_series(1, 3 + (pg_temp.r(13, a.employee_id) * 3)::int % 3) n
	WHERE a.is_head AND a.started_on <= make_date(y, 9, 30) AND (a.ended_on IS NULL OR a.ended_on >= make_date(y, 1, 1))
	  AND ocenka.kpi_edition(a.body_id, y) IS NOT NULL;
	INSERT INTO ocenka.kpi_target (kpi_id, q, plan)
	SELECT k.id, ocenka.make_quarter(y, qn),
	       CASE k.no WHEN 1 THEN 95 WHEN 2 THEN 10 + qn WHEN 3 THEN 25 * qn WHEN 4 THEN 120 + 10 * qn ELSE 15 END
	FROM ocenka.kpi k, generate_series(1, 4) qn WHERE k.year = y;
$$;

-- One quarter: penalties during it, then on day 3 after it HR records KPI actuals and opens the sheets,
-- evaluators score them, and on the deadline the quarter is closed.
CREATE FUNCTION pg_temp.penalties(qq ocenka.quarter) RETURNS void LANGUAGE sql AS $$
	INSERT INTO ocenka.penalty (employee_id, body_id, kind, imposed_on, order_ref)
	SELECT p.id, p.body_id,
	       (ARRAY['remark', 'remark', 'reprimand', 'severe_reprimand', 'incomplete_compliance_warning', 'demotion'])[1 + (pg_temp.r(14, p.id * 10 + ocenka.quarter_number(qq)) * 6)::int % 6]::ocenka.penalty_kind,
	       ocenka.first_day(qq) + (pg_temp.r(15, p.id * 10 + ocenka.quarter_number(qq)) * 80)::int,
	       format('приказ № %s-к', 100 + (pg_temp.r(16, p.id) * 800)::int)
	FROM gen_person p
	WHERE pg_temp.r(17, p.id * 100 + ocenka.quarter_number(qq) + 4 * (ocenka.year_of(qq) - 2025)) < 0.0075
	UNION ALL
	SELECT p.id, 1, c.kind::ocenka.penalty_kind, c.day, 'приказ № 77-к'
	FROM gen_person p JOIN (VALUES (7, 'remark', date '2026-05-20'), (8, 'remark', date '2026-06-02'),
	                               (9, 'demotion', date '2026-08-12'), (10, 'reprimand', date '2025-08-01')) AS c(k, kind, day)
	     ON p.body_id = 1 AND p.k = c.k
	WHERE c.day BETWEEN ocenka.first_day(qq) AND ocenka.last_day(qq);
$$;

CREATE FUNCTION pg_temp.score_quarter(qq ocenka.quarter) RETURNS void LANGUAGE sql AS $$
	UPDATE ocenka.kpi_target t
	SET actual = round(t.plan * CASE WHEN k.direction = 'increase' THEN 0.78 + pg_temp.r(18, (k.employee_id * 10 + k.no) * 100 + (ocenka.year_of(qq) - 2025) * 4 + ocenka.quarter_number(qq))::numeric * 0.32
	                                 ELSE 0.85 + pg_temp.r(18, (k.employee_id * 10 + k.no) * 100 + (ocenka.year_of(qq) - 2025) * 4 + ocenka.quarter_number(qq))::numeric * 0.35 END, 1)
	FROM ocenka.kpi k WHERE k.id = t.kpi_id AND t.q = qq;
	SELECT ocenka.open_sheets(b.id, qq) FROM ocenka.body b ORDER BY b.id;
	-- ranking forms: most people between 3.5 and 5, some weaker; wko's parameter 5 is 5 unless penalised
	INSERT INTO ocenka.item (sheet_id, no, form, score)
	SELECT s.id, f.no, s.form,
	       CASE WHEN s.form LIKE 'wko%' AND f.no = 5 THEN
	                 CASE WHEN EXISTS (SELECT FROM ocenka.penalty p WHERE p.employee_id = s.employee_id
	                                   AND p.imposed_on BETWEEN ocenka.first_day(qq) AND ocenka.last_day(qq)) THEN 2 ELSE 5 END
	            ELSE least(5, round((2.4 + 2.6 * sqrt(pg_temp.r(19, (s.employee_id * 100 + (ocenka.year_of(qq) - 2025) * 4 + ocenka.quarter_number(qq)) * 10 + f.no)))::numeric, 2)) END::ocenka.score
	FROM ocenka.sheet s JOIN ocenka.form_parameter f ON f.form = s.form
	WHERE s.q = qq;
	-- KPI sheets: the evaluator's grade somewhere in the band of the percentage (appendix 3)
	INSERT INTO ocenka.item (sheet_id, no, form, score, kpi_id, percent)
	SELECT s.id, k.no, 'kpi',
	       (lower(ocenka.kpi_band(pc.p)) + (upper(ocenka.kpi_band(pc.p)) - lower(ocenka.kpi_band(pc.p)))
	            * round(pg_temp.r(20, (k.employee_id * 10 + k.no) * 100 + (ocenka.year_of(qq) - 2025) * 4 + ocenka.quarter_number(qq))::numeric, 2))::numeric(4, 2)::ocenka.score,
	       k.id, pc.p
	FROM ocenka.sheet s
	JOIN ocenka.kpi k ON k.employee_id = s.employee_id AND k.year = ocenka.year_of(qq)
	JOIN ocenka.kpi_target t ON t.kpi_id = k.id AND t.q = qq
	CROSS JOIN LATERAL (SELECT ocenka.kpi_percent(t.plan, t.actual, k.direction) AS p) pc
	WHERE s.q = qq AND s.form = 'kpi';
$$;

-- the 360 survey of a year (typical-2023 ch. 4): supervisor, peers and subordinates, plus self
CREATE FUNCTION pg_temp.survey(y integer) RETURNS void LANGUAGE sql AS $$
	INSERT INTO ocenka.survey (employee_id, body_id, year, survey_form, methodology)
	SELECT p.employee_id, b.id, y, CASE WHEN p.is_head THEN 'heads' ELSE 'employees' END, p.methodology
	FROM ocenka.body b, LATERAL ocenka.year_plan(b.id, y) p
	WHERE p.reason IS NULL AND ocenka.edition_on(b.id, make_date(y, 12, 31)) = 'typical-2023'
	ORDER BY b.id, p.employee_id;
	INSERT INTO ocenka.respondent (survey_id, employee_id, role)
	SELECT s.id, c.id, c.role
	FROM ocenka.survey s
	CROSS JOIN LATERAL (
		SELECT x.id, x.role FROM (
			SELECT s.employee_id AS id, 'self' AS role, 0 AS o
			UNION ALL
			SELECT e.evaluator_id, 'supervisor', 1 FROM ocenka.evaluator e
			WHERE e.evaluatee_id = s.employee_id AND e.role <> 'deputy' AND e.evaluator_id > 0
			UNION ALL
			SELECT a.employee_id, CASE WHEN a.is_head AND NOT me.is_head THEN 'supervisor'
			                           WHEN me.is_head AND NOT a.is_head THEN 'subordinate' ELSE 'peer' END,
			       2 + (pg_temp.r(21, s.employee_id * 1000 + a.employee_id % 1000) * 1000)::int
			FROM ocenka.appointment me
			JOIN ocenka.appointment a ON a.body_id = me.body_id AND a.employee_id <> me.employee_id
			     AND (a.unit_id IS NOT DISTINCT FROM me.unit_id OR (me.is_head AND a.is_head))
			WHERE me.employee_id = s.employee_id AND me.body_id = s.body_id
			  AND a.started_on <= make_date(y, 12, 31) AND (a.ended_on IS NULL OR a.ended_on >= make_date(y, 6, 1))
			  AND NOT EXISTS (SELECT FROM ocenka.evaluator e WHERE e.evaluatee_id = s.employee_id AND e.evaluator_id = a.employee_id
			                  AND e.role <> 'deputy')
		) x
		ORDER BY x.o
		LIMIT 1 + 3 + (pg_temp.r(22, s.employee_id) * 5)::int % 5
	) c
	WHERE s.year = y;
	-- surveys that found fewer than 3 others take respondents from the whole body
	INSERT INTO ocenka.respondent (survey_id, employee_id, role)
	SELECT s.id, a.employee_id, 'peer'
	FROM ocenka.survey s
	CROSS JOIN LATERAL (SELECT 3 - count(*) AS short FROM ocenka.respondent r WHERE r.survey_id = s.id AND r.role <> 'self') n
	CROSS JOIN LATERAL (
		SELECT a.employee_id FROM ocenka.appointment a
		WHERE a.body_id = s.body_id AND a.employee_id <> s.employee_id
		  AND NOT EXISTS (SELECT FROM ocenka.respondent r WHERE r.survey_id = s.id AND r.employee_id = a.employee_id)
		ORDER BY a.employee_id LIMIT greatest(n.short, 0)
	) a
	WHERE s.year = y AND n.short > 0;
	INSERT INTO ocenka.answer (respondent_id, survey_id, competency_no, question_no, answer, is_self)
	SELECT r.id, s.id, c.competency_no, c.question_no,
	       least(5, greatest(1, round(2.2 + 3.2 * pg_temp.r(23, (r.employee_id * 7919 + s.employee_id % 7919) * 100 + c.competency_no * 3 + c.question_no)
	                                  + CASE WHEN r.role = 'self' THEN 0.6 ELSE 0 END
	                                  - CASE WHEN c.competency_code IN ('change_management', 'promptness') THEN 0.5 ELSE 0 END)))::smallint,
	       r.role = 'self'
	FROM ocenka.survey s JOIN ocenka.respondent r ON r.survey_id = s.id
	JOIN ocenka.competency_question c ON c.survey_form = s.survey_form
	WHERE s.year = y;
$$;

CREATE FUNCTION pg_temp.at(d date) RETURNS void LANGUAGE sql AS $$ SELECT set_config('ocenka.today', d::text, false) $$;

-- 2025: typical-2023 everywhere
SELECT pg_temp.at('2025-01-14');
SELECT pg_temp.make_kpis(2025);
\if :quiet
\else
\echo 'generate: 2025-Q1 … Q4'
\endif
SELECT pg_temp.penalties(ocenka.make_quarter(2025, n)) FROM generate_series(1, 4) n;
SELECT pg_temp.at('2025-04-03'); SELECT pg_temp.score_quarter('2025-Q1');
SELECT pg_temp.at('2025-07-03'); SELECT pg_temp.score_quarter('2025-Q2');
SELECT pg_temp.at('2025-10-03'); SELECT pg_temp.score_quarter('2025-Q3');
SELECT pg_temp.at('2026-01-05'); SELECT pg_temp.score_quarter('2025-Q4');
\if :quiet
\else
\echo 'generate: the 2025 360 survey'
\endif
SELECT pg_temp.survey(2025);

-- 2026: KPIs under typical-2023 (Q1 everywhere; all year where the body keeps it)
SELECT pg_temp.at('2026-01-14');
SELECT pg_temp.make_kpis(2026);
SELECT pg_temp.penalties(ocenka.make_quarter(2026, n)) FROM generate_series(1, 3) n;

\if :close
\if :quiet
\else
\echo 'generate: closing 2025 and 2026-Q1 … Q3 on their deadlines'
\endif
SELECT pg_temp.at('2026-01-10');
DO $$ DECLARE b bigint[] := ARRAY(SELECT id FROM ocenka.body ORDER BY id); BEGIN CALL ocenka.close_quarters(b, '2025-Q1'); END $$;
DO $$ DECLARE b bigint[] := ARRAY(SELECT id FROM ocenka.body ORDER BY id); BEGIN CALL ocenka.close_quarters(b, '2025-Q2'); END $$;
DO $$ DECLARE b bigint[] := ARRAY(SELECT id FROM ocenka.body ORDER BY id); BEGIN CALL ocenka.close_quarters(b, '2025-Q3'); END $$;
DO $$ DECLARE b bigint[] := ARRAY(SELECT id FROM ocenka.body ORDER BY id); BEGIN CALL ocenka.close_quarters(b, '2025-Q4'); END $$;
DO $$ DECLARE b bigint[] := ARRAY(SELECT id FROM ocenka.body ORDER BY id); BEGIN CALL ocenka.close_years(b, 2025); END $$;
SELECT pg_temp.at('2026-04-03'); SELECT pg_temp.score_quarter('2026-Q1');
SELECT pg_temp.at('2026-04-10');
DO $$ DECLARE b bigint[] := ARRAY(SELECT id FROM ocenka.body ORDER BY id); BEGIN CALL ocenka.close_quarters(b, '2026-Q1'); END $$;
SELECT pg_temp.at('2026-07-03'); SELECT pg_temp.score_quarter('2026-Q2');
-- typical-2023 bodies close on the 10th, wko-2026 bodies on the 20th (§5)
SELECT pg_temp.at('2026-07-10');
DO $$ DECLARE b bigint[] := ARRAY(SELECT id FROM ocenka.body WHERE ocenka.edition_on(id, '2026-06-30') = 'typical-2023' ORDER BY id); BEGIN CALL ocenka.close_quarters(b, '2026-Q2'); END $$;
SELECT pg_temp.at('2026-07-20');
DO $$ DECLARE b bigint[] := ARRAY(SELECT id FROM ocenka.body WHERE ocenka.edition_on(id, '2026-06-30') = 'wko-2026' ORDER BY id); BEGIN CALL ocenka.close_quarters(b, '2026-Q2'); END $$;
SELECT pg_temp.at('2026-10-03'); SELECT pg_temp.score_quarter('2026-Q3');
SELECT pg_temp.at('2026-10-10');
DO $$ DECLARE b bigint[] := ARRAY(SELECT id FROM ocenka.body WHERE ocenka.edition_on(id, '2026-09-30') = 'typical-2023' ORDER BY id); BEGIN CALL ocenka.close_quarters(b, '2026-Q3'); END $$;
SELECT pg_temp.at('2026-10-20');
DO $$ DECLARE b bigint[] := ARRAY(SELECT id FROM ocenka.body WHERE ocenka.edition_on(id, '2026-09-30') = 'wko-2026' ORDER BY id); BEGIN CALL ocenka.close_quarters(b, '2026-Q3'); END $$;
\else
-- without closing: every quarter's scores are entered (the caller closes them)
SELECT pg_temp.at('2026-04-03'); SELECT pg_temp.score_quarter('2026-Q1');
SELECT pg_temp.at('2026-07-03'); SELECT pg_temp.score_quarter('2026-Q2');
SELECT pg_temp.at('2026-10-03'); SELECT pg_temp.score_quarter('2026-Q3');
\endif
RESET ocenka.today;
RESET client_min_messages;
\o
