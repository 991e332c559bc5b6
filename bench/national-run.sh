#!/usr/bin/env bash
# The inside of bench/national, run against a throwaway cluster (PGHOST etc. set by scripts/with-cluster).
set -euo pipefail

# One close step, timed server-side (bench/national-step.sql), with the backend's peak RssAnon
# sampled from outside every 20 ms (bench/peak-rss.sh).
. "$(dirname "$0")/peak-rss.sh"
step() {
	local what=$1 today=$2 call=$3 rows=$4 peak
	run_sampled /tmp/ocenka-step.pid -X -q -d "$db" -v people="$people" -v what="$what" -v today="$today" -v call="$call" -v rows="$rows" \
		-v pidfile=/tmp/ocenka-step.pid -f bench/national-step.sql || exit 1
	peak=$PEAK_KB
	psql -X -q -d "$db" -c "UPDATE public.bench_time SET peak_kb = $peak WHERE people = $people AND what = '$what'"
	echo "   $what: $(psql -X -At -d "$db" -c "SELECT round(ms) || ' ms, ' || rows || ' results, peak ' || round(peak_kb / 1024.0) || ' MB' FROM public.bench_time WHERE what = '$what'")"
}

: >"$OUT"
: >/tmp/ocenka-national-scaling.csv
echo "Machine: $MACHINE" | tee -a "$OUT"
for people in $BENCH_SIZES; do
	db=nat_$people
	createdb "$db"
	psql -X -q -d "$db" -c "CREATE EXTENSION ocenka" \
		-c "CREATE TABLE public.bench_time (people int, what text, ms double precision, rows bigint, peak_kb bigint)"
	echo "== $people people: generating through the real validation"
	start=$(date +%s%N)
	psql -X -q -d "$db" -v people="$people" -v seed=1 -v close=0 -v quiet=1 -f bench/generate.sql
	gen_ms=$(( ($(date +%s%N) - start) / 1000000 ))
	psql -X -q -d "$db" -c "VACUUM ANALYZE" \
		-c "INSERT INTO public.bench_time SELECT $people, 'generate', $gen_ms, (SELECT count(*) FROM ocenka.item) + (SELECT count(*) FROM ocenka.answer), NULL"

	echo "== $people people: closing every body"
	for q in 2025-Q1 2025-Q2 2025-Q3 2025-Q4; do
		step "close_quarter $q" 2026-01-10 "CALL ocenka.close_quarter_all('$q')" \
			"SELECT count(*) FROM ocenka.quarter_result WHERE q = '$q'"
	done
	step "close_year 2025" 2026-01-10 "CALL ocenka.close_year_all(2025)" \
		"SELECT (SELECT count(*) FROM ocenka.annual_result WHERE year = 2025) + (SELECT count(*) FROM ocenka.competency_result)"
	for q in 2026-Q1 2026-Q2 2026-Q3; do
		step "close_quarter $q" 2026-10-21 "CALL ocenka.close_quarter_all('$q')" \
			"SELECT count(*) FROM ocenka.quarter_result WHERE q = '$q'"
	done
	echo "== $people people: the irreducible work and the reporting queries"
	psql -X -q -d "$db" -v people="$people" -f bench/national.sql
done
awk -F, 'NR == 1 { p0 = $1; t0 = $2 } { p = $1; t = $2 }
	END { if (NR > 1) printf "\nScaling: closing everything took %.1f µs per person at %d people and %.1f µs at %d: per-person ratio %.2f (target ≤ 1.2).\n", t0 * 1000 / p0, p0, t * 1000 / p, p, (t / p) / (t0 / p0) }' \
	/tmp/ocenka-national-scaling.csv | tee -a "$OUT"
