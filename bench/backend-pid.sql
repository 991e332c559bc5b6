-- Included by the step scripts of bench/national and bench/memory-p8: sets ocenka.today to :today and
-- writes this backend's pid to :pidfile, so that bench/peak-rss.sh can sample its memory.
SET client_min_messages = warning;
SET search_path = ocenka, public;
SELECT set_config('ocenka.today', :'today', false) \g /dev/null
SELECT pg_backend_pid() AS pid \gset
\o :pidfile
\qecho :pid
\o /dev/null
