-- One timed close step of bench/national: -v what, today, call (a CALL statement), rows (an SQL count),
-- people, pidfile. Writes this backend's pid to pidfile first, so that bench/national can sample its memory.
\set ON_ERROR_STOP 1
\ir backend-pid.sql
SELECT clock_timestamp() AS t0 \gset
:call;
INSERT INTO public.bench_time
SELECT :people, :'what', extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000, (:rows), NULL;
\o
