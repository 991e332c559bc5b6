-- One measured close of bench/memory-p8 (issue 16, P8), in a backend of its own: writes the backend's pid
-- to :pidfile (bench/peak-rss.sh samples its memory), sets ocenka.today to :today, runs :how for :period
-- (hand: bench/close-handwritten.sql, a quarter only; one: close_quarters or close_years over every body in
-- one statement, as close_quarter_all and close_year_all were before issue 16; all: close_quarter_all or
-- close_year_all), timed, then commits if :keep is true, else rolls back; records (how, period, ms, results)
-- in public.p8_time.
\set ON_ERROR_STOP 1
\ir backend-pid.sql
SELECT :'period' ~ '^[0-9]{4}$' AS is_year, :'how' = 'hand' AS is_hand, :'how' = 'one' AS is_one \gset
SELECT ARRAY(SELECT b.id FROM ocenka.body b ORDER BY b.id) AS everyone \gset
BEGIN;
SELECT clock_timestamp() AS t0 \gset
\if :is_hand
\set q :period
\ir close-handwritten.sql
SELECT count(*) AS results FROM public.hand_quarter_result \gset
\elif :is_year
\if :is_one
CALL ocenka.close_years(:'everyone', :'period'::integer, false);
\else
CALL ocenka.close_year_all(:'period'::integer);
\endif
SELECT (SELECT count(*) FROM ocenka.annual_result WHERE year = :'period'::integer)
     + (SELECT count(*) FROM ocenka.competency_result c JOIN ocenka.survey s ON s.id = c.survey_id WHERE s.year = :'period'::integer) AS results \gset
\else
\if :is_one
CALL ocenka.close_quarters(:'everyone', :'period', false);
\else
CALL ocenka.close_quarter_all(:'period');
\endif
SELECT count(*) AS results FROM ocenka.quarter_result WHERE q = :'period' \gset
\endif
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000 AS ms \gset
\if :keep
COMMIT;
\else
ROLLBACK;
\endif
INSERT INTO public.p8_time (how, period, ms, results) VALUES (:'how', :'period', :ms, :results);
\o
