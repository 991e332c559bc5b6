-- pgTAP: bulk COPY into ocenka.item — a whole quarter of a 300-person body in one COPY, text and binary,
-- passes the same statement-level rules as INSERT; one bad row (a score out of range, a parameter the
-- form lacks, a score for a closed quarter) fails the whole COPY and leaves the store unchanged.
-- COPY from a server file needs the superuser that runs the suite; the data is entered as of 2026-04-03.
BEGIN;
SET search_path = ocenka, public;
SELECT plan(21);
\ir fixture/store.sql

\o /dev/null
-- body 1's 2025-Q4 is closed: the home of the one row that must not land
SELECT pg_temp.complete(1, '2025-Q4', '2026-01-05', true);
SELECT pg_temp.at('2026-01-14');
-- body 3: typical-2023, 50 units of a head (E-2, KPIs) and five specialists, evaluated by the head; heads by the akim
INSERT INTO body (id, name) VALUES (3, 'Аппарат акима области (тест, 300 человек)');
INSERT INTO body_edition VALUES (3, '2023-08-03', 'typical-2023', NULL);
INSERT INTO unit (id, body_id, name) SELECT 1000 + u, 3, format('Отдел %s', u) FROM generate_series(1, 50) u;
INSERT INTO employee (id, full_name) VALUES (2999, 'Аким области (тест)');
INSERT INTO employee (id, full_name) SELECT 3000 + i, format('Служащий %s', i) FROM generate_series(0, 299) i;
INSERT INTO appointment (employee_id, body_id, unit_id, position, category, is_head, started_on)
SELECT 3000 + i, 3, 1001 + i / 6, CASE WHEN i % 6 = 0 THEN 'Руководитель отдела' ELSE 'Главный специалист' END,
       CASE WHEN i % 6 = 0 THEN 'E-2' ELSE 'E-4' END, i % 6 = 0, date '2020-01-01' + i
FROM generate_series(0, 299) i;
INSERT INTO evaluator (evaluatee_id, evaluator_id, role, valid_from)
SELECT 3000 + i, CASE WHEN i % 6 = 0 THEN 2999 ELSE 3000 + i / 6 * 6 END,
       CASE WHEN i % 6 = 0 THEN 'immediate_supervisor' ELSE 'unit_head' END, '2020-01-01'
FROM generate_series(0, 299) i;
INSERT INTO kpi (employee_id, body_id, year, no, name, direction)
SELECT 3000 + h * 6, 3, 2026, n, format('Показатель %s', n), CASE WHEN n = 2 THEN 'decrease' ELSE 'increase' END
FROM generate_series(0, 49) h, generate_series(1, 3) n;
INSERT INTO kpi_target (kpi_id, q, plan, actual)
SELECT k.id, '2026-Q1', 100, 40 + (k.employee_id + k.no * 17) % 80 FROM kpi k WHERE k.body_id = 3;
SELECT pg_temp.at('2026-04-03');
SELECT open_sheets(3, '2026-Q1');
-- a hole in the run of sheet ids: a sheet made again gets a new id
CREATE TEMP TABLE copy_hole AS SELECT min(id) + 100 AS id FROM sheet WHERE body_id = 3;
DELETE FROM sheet WHERE id = (SELECT id FROM copy_hole);
SELECT open_sheets(3, '2026-Q1');
\o

-- the quarter's items: four parameters per specialist, the default grade of each head's KPIs
CREATE TEMP TABLE copy_items AS
SELECT s.id AS sheet_id, f.no, s.form, (((s.id * 7 + f.no * 3) % 21) * 0.25)::numeric(3, 2)::score AS score,
       NULL::bigint AS kpi_id, NULL::numeric AS percent
FROM sheet s JOIN form_parameter f ON f.form = s.form WHERE s.body_id = 3
UNION ALL
SELECT s.id, k.no, 'kpi', kpi_default_grade(kpi_percent(t.plan, t.actual, k.direction)), k.id, kpi_percent(t.plan, t.actual, k.direction)
FROM sheet s JOIN kpi k ON k.employee_id = s.employee_id AND k.year = 2026 JOIN kpi_target t ON t.kpi_id = k.id AND t.q = s.q
WHERE s.body_id = 3;
GRANT SELECT ON copy_items TO PUBLIC;
CREATE TEMP TABLE copy_path AS SELECT current_setting('data_directory') || '/ocenka_store_copy_' AS p;
DO $$
DECLARE
	p text := (SELECT p FROM copy_path);
	one_sheet bigint := (SELECT min(sheet_id) FROM copy_items WHERE form = 'typical-ranking');
	closed_sheet bigint := (SELECT id FROM ocenka.sheet WHERE employee_id = 101 AND q = '2025-Q4');
	any_kpi bigint := (SELECT id FROM ocenka.kpi WHERE employee_id = 102 AND year = 2025 AND no = 4);
BEGIN
	EXECUTE format('COPY copy_items TO %L (FORMAT csv)', p || 'valid.csv');
	EXECUTE format('COPY copy_items TO %L (FORMAT binary)', p || 'valid.bin');
	-- the valid rows with one score of 5.01
	EXECUTE format($q$COPY (SELECT sheet_id, no, form, CASE WHEN (sheet_id, no) = (%s, 2) THEN '5.01' ELSE score::text END, kpi_id, percent
	                        FROM copy_items) TO %L (FORMAT csv)$q$, one_sheet, p || 'score.csv');
	-- the valid rows and parameter 6 on a typical-ranking sheet
	EXECUTE format($q$COPY (SELECT * FROM copy_items UNION ALL SELECT %s, 6, 'typical-ranking', '4', NULL, NULL) TO %L (FORMAT csv)$q$,
	               one_sheet, p || 'parameter.csv');
	-- the valid rows and a score for a sheet of the closed 2025-Q4
	EXECUTE format($q$COPY (SELECT * FROM copy_items UNION ALL SELECT %s, 4, 'kpi', '3.5', %s, 70) TO %L (FORMAT csv)$q$,
	               closed_sheet, any_kpi, p || 'closed.csv');
	-- (300 sheets close together: the rules walk the sheet key once instead of probing it per sheet)
	-- the valid rows and two for sheets that do not exist: after the quarter's sheets, and in their hole
	EXECUTE format($q$COPY (SELECT * FROM copy_items
	                        UNION ALL SELECT max(sheet_id) + 1, 1, 'typical-ranking', '4', NULL, NULL FROM copy_items
	                        UNION ALL SELECT id, 1, 'typical-ranking', '4', NULL, NULL FROM copy_hole)
	                 TO %L (FORMAT csv)$q$, p || 'missing.csv');
	-- the valid rows and a ranking score on a KPI sheet of the quarter
	EXECUTE format($q$COPY (SELECT * FROM copy_items UNION ALL
	                        SELECT max(sheet_id), 4, 'typical-ranking', '4', NULL, NULL FROM copy_items WHERE form = 'kpi')
	                 TO %L (FORMAT csv)$q$, p || 'form.csv');
END $$;
SELECT (SELECT id FROM copy_hole) AS missing_sheet, (SELECT max(sheet_id) FROM copy_items WHERE form = 'kpi') AS kpi_sheet,
       (SELECT employee_id FROM sheet WHERE id = (SELECT max(sheet_id) FROM copy_items WHERE form = 'kpi')) AS kpi_head \gset

SELECT is((SELECT count(*)::int FROM copy_items), 1150, 'the quarter: 300 sheets, 1000 ranking scores and 150 KPI grades');
SELECT results_eq(
	$$SELECT e->>'sqlstate', e->>'message', cardinality(d), d[1], d[20], d[21]
	  FROM (SELECT pg_temp.error_of('CALL close_quarter(3, ''2026-Q1'')') AS e) x, LATERAL string_to_array(e->>'detail', E'\n') d$$,
	$$VALUES ('23514', 'quarter 2026-Q1 of body 3 cannot be closed: 300 gaps remain', 21,
	          'employee 3000 (Служащий 0): KPIs 1, 2, 3 not scored', 'employee 3019 (Служащий 19): parameters 1, 2, 3, 4 not scored',
	          '… and 280 more.')$$,
	'before the COPY the quarter cannot close: the first 20 of 300 gaps are listed, and how many more');
SELECT pg_temp.refused(format('COPY item FROM %L (FORMAT csv)', p || f), state, msg, label)
FROM copy_path, (VALUES
	('score.csv', '22003', 'score "5.01" is out of range', 'COPY with one score of 5.01 fails'),
	('parameter.csv', '23514', 'new row for relation "item" violates check constraint "item_parameter_in_form"',
	 'COPY with one parameter 6 on a typical-ranking sheet fails'),
	('closed.csv', '23514', 'employee 101 (Ахметов Айдар): quarter 2025-Q4 of body 1 is closed',
	 'COPY with one score for a closed quarter fails'),
	('missing.csv', '23503', format('sheet %s does not exist', :missing_sheet),
	 'COPY with two rows for sheets that do not exist fails, naming the lower (in the run of the quarter''s sheets)'),
	('form.csv', '23514', format('employee %s (Служащий %s): an item of form typical-ranking cannot go on sheet %s for 2026-Q1, whose form is kpi',
	                             :kpi_head, :kpi_head - 3000, :kpi_sheet),
	 'COPY with a ranking score on a KPI sheet fails')
) AS t(f, state, msg, label);
SELECT lives_ok(format('COPY item FROM %L (FORMAT csv)', p || 'valid.csv'), 'COPY of the whole valid quarter succeeds')
FROM copy_path;
SELECT set_eq($$SELECT i.sheet_id, i.no, i.form, i.score, i.kpi_id, i.percent FROM item i JOIN sheet s ON s.id = i.sheet_id WHERE s.body_id = 3$$,
              $$SELECT * FROM copy_items$$, 'every row of the COPY is stored as written');
SELECT results_eq(
	$$SELECT actor::text COLLATE "default", table_name, operation::text, body_id::int, q::text, row_count FROM audit_log WHERE body_id = 3 AND table_name = 'item'$$,
	$$VALUES ('postgres', 'item', 'INSERT', 3, '2026-Q1', 1150)$$,
	'the COPY is one audit entry of its 1150 rows');
SELECT lives_ok($$DELETE FROM item WHERE sheet_id IN (SELECT id FROM sheet WHERE body_id = 3)$$,
                'the scores of the open quarter can be deleted before the deadline');
SELECT lives_ok(format('COPY item FROM %L (FORMAT binary)', p || 'valid.bin'), 'binary COPY of the whole quarter succeeds')
FROM copy_path;
SELECT set_eq($$SELECT i.sheet_id, i.no, i.form, i.score, i.kpi_id, i.percent FROM item i JOIN sheet s ON s.id = i.sheet_id WHERE s.body_id = 3$$,
              $$SELECT * FROM copy_items$$, 'every row of the binary COPY is stored as written');
SELECT pg_temp.at('2026-04-10') \g /dev/null
SET ROLE ocenka_test_dba;
SELECT lives_ok($$CALL close_quarter(3, '2026-Q1')$$, 'the bulk-loaded quarter is complete and closes');
SELECT results_eq(
	$$SELECT count(*)::int, count(*) FILTER (WHERE status = 'evaluated')::int, count(*) FILTER (WHERE method = 'kpi')::int
	  FROM quarter_result WHERE body_id = 3 AND q = '2026-Q1'$$,
	$$VALUES (300, 300, 50)$$, 'everyone of the 300 is evaluated, the 50 heads by KPIs');
SELECT is((SELECT score FROM quarter_result WHERE employee_id = 3001 AND q = '2026-Q1'),
          (SELECT score_avg(score) FROM copy_items c JOIN sheet s ON s.id = c.sheet_id WHERE s.employee_id = 3001),
          'a result is the rounded mean of the copied scores');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
