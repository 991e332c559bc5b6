-- The store benchmark's realistic case (issue 16), run by bench/store-run.sh on a country made by
-- bench/generate.sql (-v close=0: every period left open; heads' KPI items included). With
-- ocenka.today = 2026-10-05 (inside 2026-Q3's entry window), the quarter's items are entered again:
--  - one INSERT statement at a time in a PL/pgSQL loop: the first :loop items, then :split ranking
--    items and :split KPI items apart, into ocenka.item, into a floor table with the same columns,
--    key and CHECK constraints and a PL/pgSQL statement trigger capturing the transition rows, and
--    into the floor table with an audit entry per statement;
--  - one COPY of all of them, into both.
-- Each run deletes the quarter's items from ocenka.item first (untimed) inside a subtransaction
-- that is then rolled back, so every run starts from the same state; targets alternate by run.
-- Records (what, target, run, ms) in public.bench_time; µs per statement = ms * 1000 / count.
\set ON_ERROR_STOP 1
SET search_path = ocenka, public;
SET client_min_messages = warning;
SET ocenka.today = '2026-10-05';

CREATE TABLE public.country_item AS
SELECT i.*, row_number() OVER (ORDER BY i.sheet_id, i.no) AS o
FROM ocenka.item i JOIN ocenka.sheet s ON s.id = i.sheet_id WHERE s.q = '2026-Q3'::ocenka.quarter;
CREATE TABLE public.country_floor (LIKE ocenka.item INCLUDING INDEXES INCLUDING CONSTRAINTS);
CREATE FUNCTION public.country_capture() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
CREATE TRIGGER capture_only AFTER INSERT ON public.country_floor REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public.country_capture();
-- the floor with an audit: the same table writing one entry per statement, the rows as text, into a
-- copy of ocenka.audit_log (its key and index): what any audited statement pays before any rule
CREATE TABLE public.country_audit (LIKE ocenka.audit_log INCLUDING ALL);
CREATE TABLE public.country_floor_audit (LIKE ocenka.item INCLUDING INDEXES INCLUDING CONSTRAINTS);
CREATE FUNCTION public.country_audit_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO public.country_audit (actor, table_name, operation, mode, row_count, new_rows)
	SELECT current_user, 'item', 'INSERT', 'normal', count(*), string_agg(n::text, E'\n')::bytea FROM new_rows n;
	RETURN NULL;
END $$;
CREATE TRIGGER audit_only AFTER INSERT ON public.country_floor_audit REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public.country_audit_write();
SELECT current_setting('data_directory') || '/country_items.csv' AS country_file \gset
COPY (SELECT sheet_id, no, form, score, kpi_id, percent FROM public.country_item ORDER BY o) TO :'country_file' (FORMAT csv);
-- the loops' rows: the first :loop items, and :split of each kind spread over the quarter
CREATE TABLE public.country_loop (what text, o bigint);
INSERT INTO public.country_loop SELECT 'loop', o FROM public.country_item WHERE o <= :loop;
INSERT INTO public.country_loop
SELECT k.what, c.o FROM (VALUES ('loop ranking', false), ('loop KPI', true)) AS k(what, kpi),
     LATERAL (SELECT o FROM public.country_item WHERE (form = 'kpi') = k.kpi ORDER BY hashint8(o) LIMIT :split) c;
SELECT count(*) AS country_items, count(*) FILTER (WHERE form = 'kpi') AS country_kpi FROM public.country_item \gset
VACUUM ANALYZE public.country_item, public.country_loop, public.country_floor;
CREATE TABLE IF NOT EXISTS public.bench_time (what text, target text, run int, ms double precision);

-- Times p_stmt after untimed set-up statements, in a subtransaction that is then rolled back.
CREATE PROCEDURE public.country_time(p_what text, p_target text, p_run int, p_setup text[], p_stmt text)
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	ms double precision;
	s text;
BEGIN
	BEGIN
		FOREACH s IN ARRAY coalesce(p_setup, '{}') LOOP
			EXECUTE s;
		END LOOP;
		t0 := clock_timestamp();
		EXECUTE p_stmt;
		ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
		RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'roll back';
	EXCEPTION WHEN raise_exception THEN
		NULL;
	END;
	INSERT INTO public.bench_time VALUES (p_what, p_target, p_run, ms);
END $$;

-- Three targets: the floor table; the floor table with an audit entry per statement; ocenka.item
\echo '== 4. the generated country (' :country_items 'items of 2026-Q3,' :country_kpi 'KPI): one-row INSERTs in a loop and COPY,' :runs 'runs'
SELECT x.cmd FROM generate_series(1, :runs) r,
     (VALUES ('loop'), ('loop ranking'), ('loop KPI'), ('copy')) AS w(what),
     (VALUES (1, 'public.country_floor', 'public.country_floor', NULL),
             (2, 'ocenka.item', 'ocenka.item', NULL),
             (3, 'public.country_floor_audit', 'public.country_floor_audit', NULL)) AS t(k, label, t, rule),
     LATERAL (SELECT CASE WHEN t.t = 'ocenka.item'
                          THEN ARRAY['DELETE FROM ocenka.item i USING public.country_item c WHERE (i.sheet_id, i.no) = (c.sheet_id, c.no)'] END AS setup) d,
     LATERAL (VALUES (1, format('CALL public.country_time(%L, %L, %s, %L, %L)', 'country ' || w.what, t.label, r, d.setup,
                                CASE WHEN w.what = 'copy'
                                     THEN format('COPY %s (sheet_id, no, form, score, kpi_id, percent) FROM %L (FORMAT csv)', t.t, :'country_file')
                                     ELSE format('DO $d$ DECLARE r record; BEGIN
                                                      FOR r IN SELECT c.* FROM public.country_loop l JOIN public.country_item c USING (o)
                                                               WHERE l.what = %L ORDER BY o LOOP
                                                          INSERT INTO %s (sheet_id, no, form, score, kpi_id, percent)
                                                          VALUES (r.sheet_id, r.no, r.form, r.score, r.kpi_id, r.percent);
                                                      END LOOP;
                                                  END $d$', w.what, t.t) END)),
                     (2, format('VACUUM %s, ocenka.audit_log', t.t))) AS x(o, cmd)
ORDER BY r, w.what, (t.k + r) % 3, x.o \gexec
