#!/usr/bin/env bash
# The inside of bench/memory-p8, against a cluster (PGHOST etc. set by scripts/with-cluster). Also runnable
# alone after make install, on a country generated once and kept: P8_PEOPLE=100000 P8_TEMPLATE=nat100k
# OUT=/tmp/p8.md bench/memory-p8-run.sh copies database nat100k (bench/generate.sql -v close=0, analyzed)
# instead of generating one.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peak-rss.sh
db=p8_$P8_PEOPLE
dropdb --if-exists "$db"
if [ -n "${P8_TEMPLATE:-}" ]; then
	createdb -T "$P8_TEMPLATE" "$db"
else
	createdb "$db"
	psql -X -q -d "$db" -c "CREATE EXTENSION ocenka"
	echo "== generating $P8_PEOPLE people through the real validation (every period left open)"
	psql -X -q -d "$db" -v people="$P8_PEOPLE" -v seed=1 -v close=0 -v quiet=1 -f bench/generate.sql
	psql -X -q -d "$db" -c "VACUUM ANALYZE"
fi
psql -X -q -d "$db" -c "CREATE TABLE IF NOT EXISTS public.hand_quarter_result (LIKE ocenka.quarter_result INCLUDING INDEXES INCLUDING CONSTRAINTS)" \
	-c "DROP TABLE IF EXISTS public.p8_time" \
	-c "CREATE TABLE public.p8_time (how text, period text, ms double precision, results bigint, peak_kb bigint)"

# measure HOW PERIOD TODAY KEEP
measure() {
	run_sampled /tmp/ocenka-p8.pid -X -q -d "$db" -v how="$1" -v period="$2" -v today="$3" -v keep="$4" \
		-v pidfile=/tmp/ocenka-p8.pid -f bench/memory-p8-step.sql || exit 1
	psql -X -q -d "$db" -c "UPDATE public.p8_time SET peak_kb = $PEAK_KB WHERE how = '$1' AND period = '$2'"
	echo "   $2, $1: $(psql -X -At -d "$db" -c "SELECT round(ms) || ' ms, ' || results || ' results, peak ' || round(peak_kb / 1024.0) || ' MB' FROM public.p8_time WHERE how = '$1' AND period = '$2'")"
}
echo "== $P8_PEOPLE people: each period closed by hand (quarters; rolled back), by one statement (rolled back), by close_*_all (kept)"
for p in 2025-Q1 2025-Q2 2025-Q3 2025-Q4 2025 2026-Q1 2026-Q2 2026-Q3; do
	today=$(case $p in 2026-*) echo 2026-10-21 ;; *) echo 2026-01-10 ;; esac)
	case $p in *-Q*) measure hand "$p" "$today" false ;; esac
	measure one "$p" "$today" false
	measure all "$p" "$today" true
done
{
	echo "P8, $P8_PEOPLE people ($(psql -X -At -d "$db" -c "SELECT count(*) FROM ocenka.body") bodies), $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), work_mem $(psql -X -At -d "$db" -c "SHOW work_mem"):"
	echo "peak private memory (RssAnon) of the closing backend, MB; ms in brackets"
	echo
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
\pset footer off
\pset border 2
SELECT period AS "period",
       max(CASE how WHEN 'hand' THEN format('%s (%s)', round(peak_kb / 1024.0), round(ms)) END) AS "hand-written close (one statement)",
       max(CASE how WHEN 'one' THEN format('%s (%s)', round(peak_kb / 1024.0), round(ms)) END) AS "close_quarters / close_years, one statement",
       max(CASE how WHEN 'all' THEN format('%s (%s)', round(peak_kb / 1024.0), round(ms)) END) AS "close_quarter_all / close_year_all, batches",
       max(results) FILTER (WHERE how = 'all') AS "results"
FROM public.p8_time GROUP BY period ORDER BY min(ctid);
SELECT round(max(peak_kb) FILTER (WHERE how = 'hand') / 1024.0) AS "max, hand-written (MB)",
       round(max(peak_kb) FILTER (WHERE how = 'one') / 1024.0) AS "max, one statement (MB)",
       round(max(peak_kb) FILTER (WHERE how = 'all') / 1024.0) AS "max, batches (MB)"
FROM public.p8_time;
SQL
} > "$OUT"
