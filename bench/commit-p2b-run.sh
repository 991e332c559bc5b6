#!/usr/bin/env bash
# The inside of bench/commit-p2b, against a cluster (PGHOST etc. set by scripts/with-cluster; also
# runnable alone after make install: P2B_RUNS=3 P2B_SECONDS=10 P2B_SLOTS=200000 OUT=/tmp/p2b.md
# scripts/with-cluster bench/commit-p2b-run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${P2B_DB:-p2b}
createdb "$db"
psql -X -q -d "$db" -c "CREATE EXTENSION ocenka"
psql -X -q -d "$db" -v items=4 -v slots="$P2B_SLOTS" -v fixture_only=1 -f bench/store.sql
psql -X -q -d "$db" -c "CREATE TABLE public.p2b_time (what text, target text, run int, us double precision)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tables=(plain_item_pk floor_checks floor_capture floor_c_keys floor_c_rules floor_c_audit validated)
cat > "$tmp/validated.sql" <<'SQL'
WITH n AS (SELECT nextval('public.bench_slot_validated') AS v)
INSERT INTO ocenka.item (sheet_id, no, form, score)
SELECT s.sheet_id, s.no, 'typical-ranking', 4.5 FROM public.bench_slot s, n WHERE s.i = n.v;
SQL
for t in "${tables[@]:0:6}"; do
	sed -e "s/ocenka.item/public.$t/" -e "s/bench_slot_validated/bench_slot_plain/" "$tmp/validated.sql" > "$tmp/$t.sql"
done
target_of() { if [ "$1" = validated ]; then echo ocenka.item; else echo "public.$1"; fi; }
record() { psql -X -q -d "$db" -c "INSERT INTO public.p2b_time VALUES ('$1', '$2', $3, $4)"; }
fresh() {
	psql -X -q -d "$db" -c "ALTER SEQUENCE public.bench_slot_plain RESTART" \
		-c "TRUNCATE $(for t in "${tables[@]:0:6}"; do printf 'public.%s, ' "$t"; done | sed 's/, $//')"
	psql -X -q -d "$db" -c "VACUUM ANALYZE ocenka.item, ocenka.audit_log" -c CHECKPOINT
}

echo "== P2b: one-row committed INSERTs, the ${#tables[@]} tables' scripts interleaved in one pgbench run, 1 client, ${P2B_SECONDS}s, $P2B_RUNS runs"
for run in $(seq 1 "$P2B_RUNS"); do
	fresh
	PGOPTIONS="-c ocenka.today=2026-04-03" pgbench -n -M prepared -c 1 -j 1 -T "$P2B_SECONDS" \
		$(for t in "${tables[@]}"; do printf -- '-f %s@1 ' "$tmp/$t.sql"; done) "$db" 2>/dev/null |
		awk '/^SQL script/ { file = $4 } /latency average/ && file != "" { print file, $5; file = "" }' > "$tmp/latencies"
	[ "$(wc -l < "$tmp/latencies")" -eq "${#tables[@]}" ] || { echo "pgbench reported $(wc -l < "$tmp/latencies") scripts" >&2; exit 1; }
	while read -r file ms; do
		t=$(basename "$file" .sql)
		record pgbench "$(target_of "$t")" "$run" "$(echo "$ms * 1000" | bc)"
	done < "$tmp/latencies"
	echo "   run $run: $(psql -X -At -d "$db" -c "SELECT string_agg(target || ' ' || round(us) || ' µs', ', ' ORDER BY us) FROM public.p2b_time WHERE what = 'pgbench' AND run = $run")"
done

echo "== P2b in the server: 10,000 one-row INSERTs each committed (a procedure's COMMIT), $P2B_RUNS runs"
# public.insert_each_committed: bench/store.sql
for run in $(seq 1 "$P2B_RUNS"); do
	fresh
	for t in plain_item_pk validated; do
		# ocenka.item's slots come from the top, where pgbench never reached (checked below)
		from=$([ "$t" = validated ] && echo $(( P2B_SLOTS - run * 10000 )) || echo 0)
		start=$(date +%s%N)
		PGOPTIONS="-c ocenka.today=2026-04-03" psql -X -q -d "$db" -c "CALL public.insert_each_committed('$(target_of "$t")', $from, 10000)"
		us=$(( ($(date +%s%N) - start) / 10000000 ))
		record procedure "$(target_of "$t")" "$run" "$us"
	done
	echo "   run $run: $(psql -X -At -d "$db" -c "SELECT string_agg(target || ' ' || round(us) || ' µs', ', ' ORDER BY us) FROM public.p2b_time WHERE what = 'procedure' AND run = $run")"
done
# pgbench must have found a slot for every transaction (an INSERT … SELECT of no row succeeds too)
psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<SQL
DO \$\$
BEGIN
	IF (SELECT last_value FROM public.bench_slot_validated) > $P2B_SLOTS - ($P2B_RUNS + 1) * 10000 THEN
		RAISE EXCEPTION 'pgbench used % slots: raise P2B_SLOTS', (SELECT last_value FROM public.bench_slot_validated);
	END IF;
	IF (SELECT count(*) FROM ocenka.item) <> (SELECT last_value FROM public.bench_slot_validated) + $P2B_RUNS * 10000 THEN
		RAISE EXCEPTION 'ocenka.item holds % rows: some INSERT found no slot', (SELECT count(*) FROM ocenka.item);
	END IF;
END \$\$;
SQL
{
	echo "P2b, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), ${P2B_RUNS} runs; µs per committed one-row transaction (median; min–max):"
	echo
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
\pset footer off
\pset format aligned
\pset border 2
-- each run's difference to plain_item_pk in the same run, then the median over the runs
WITH d AS (SELECT t.what, t.target, t.run, t.us, t.us - b.us AS over
           FROM public.p2b_time t JOIN public.p2b_time b ON b.what = t.what AND b.run = t.run AND b.target = 'public.plain_item_pk')
SELECT what AS "how", target AS "table",
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY us)::numeric, 1) AS "µs (median)",
       round(min(us)::numeric) || '–' || round(max(us)::numeric) AS "range",
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY over)::numeric, 1) AS "over plain_item_pk, same run (µs, median)",
       round(min(over)::numeric) || '–' || round(max(over)::numeric) AS "range over"
FROM d GROUP BY what, target
ORDER BY what, 3;
SQL
} > "$OUT"
