#!/usr/bin/env bash
# The store benchmark's run inside its throwaway cluster (called by bench/store, which sets
# BENCH_ITEMS, BENCH_RUNS, BENCH_SECONDS and OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
slots=1000000
createdb bench
psql -X -q -d bench -c "CREATE EXTENSION ocenka"
psql -X -q -d bench -v items="$BENCH_ITEMS" -v slots="$slots" -v runs="$BENCH_RUNS" -f bench/store.sql

# one script per table: each transaction inserts the next (sheet, parameter) slot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/validated.sql" <<'SQL'
WITH n AS (SELECT nextval('public.bench_slot_validated') AS v)
INSERT INTO ocenka.item (sheet_id, no, form, score)
SELECT s.sheet_id, s.no, 'typical-ranking', 4.5 FROM public.bench_slot s, n WHERE s.i = n.v;
SQL
for t in plain_item plain_item_pk floor_checks floor_capture floor_c_keys floor_c_rules floor_c_audit; do
	sed -e "s/ocenka.item/public.$t/" -e "s/bench_slot_validated/bench_slot_plain/" "$tmp/validated.sql" > "$tmp/$t.sql"
done
target_of() { if [ "$1" = validated ]; then echo ocenka.item; else echo "public.$1"; fi; }
record() { psql -X -q -d bench -c "INSERT INTO public.bench_time VALUES ('$1', '$2', $3, $4)"; }
fresh() {
	psql -X -q -d bench -c "ALTER SEQUENCE public.bench_slot_plain RESTART; TRUNCATE public.plain_item, public.plain_item_pk, public.floor_checks, public.floor_capture, public.floor_c_keys, public.floor_c_rules, public.floor_c_audit"
	# nothing left for autovacuum to do from the previous run, which would compete for the 2 CPUs
	psql -X -q -d bench -c "VACUUM ANALYZE ocenka.item, ocenka.audit_log" -c CHECKPOINT
}
tables=(plain_item plain_item_pk floor_checks floor_capture floor_c_keys floor_c_rules floor_c_audit validated)
# One pgbench run with the given tables' scripts interleaved (pgbench picks one at random for every
# transaction and reports each script's mean latency), recorded as (what, table, run, ms).
interleave() {
	local what=$1 run=$2 clients=$3
	shift 3
	PGOPTIONS="-c ocenka.today=2026-04-03" pgbench -n -M prepared -c "$clients" -j "$clients" -T "$BENCH_SECONDS" \
		$(for t in "$@"; do printf -- '-f %s@1 ' "$tmp/$t.sql"; done) bench 2>/dev/null |
		awk '/^SQL script/ { file = $4 } /latency average/ && file != "" { print file, $5; file = "" }' > "$tmp/latencies"
	while read -r file ms; do
		t=$(basename "$file" .sql)
		echo "   $what, run $run, $clients clients: $(target_of "$t") $ms ms"
		record "$what" "$(target_of "$t")" "$run" "$ms"
	done < "$tmp/latencies"
}

# Runs of different tables minutes apart drift on this machine by more than the differences measured
# (an earlier version ran one table per pgbench run and saw the primary-key table beat the bare one by
# 32 %), so all eight tables' scripts share each run: pgbench picks a script at random for every
# transaction and reports each script's mean latency.
echo "== 2. single-row INSERTs: the eight tables' scripts interleaved in one pgbench run, ${BENCH_SECONDS}s, 5 runs"
for run in 1 2 3 4 5; do
	fresh
	interleave interleaved "$run" 1 "${tables[@]}"
done

echo "== 2b. several clients at once: the bare, primary-key and validated scripts interleaved at 1, 2, 4 and 8 clients, ${BENCH_SECONDS}s each"
# many clerks entering scores into the same quarter: every validated statement locks that quarter's
# status row FOR SHARE, so concurrent ones share the lock (a multixact) rather than wait
for clients in 1 2 4 8; do
	fresh
	interleave "clients $clients" 1 "$clients" plain_item plain_item_pk validated
done

echo "== 2c. one-row INSERT transactions in a procedure (COMMIT after each), 10,000 per run, 3 runs"
# the server's own cost of a whole transaction, without the client's round trip (public.insert_each_committed, bench/store.sql)
for run in 1 2 3; do
	fresh
	for t in plain_item plain_item_pk validated; do
		# the validated table's slots come from the top, where pgbench never reached (checked below)
		from=$([ "$t" = validated ] && echo $(( slots - run * 10000 )) || echo 0)
		start=$(date +%s%N)
		PGOPTIONS="-c ocenka.today=2026-04-03" psql -X -q -d bench -c "CALL public.insert_each_committed('$(target_of "$t")', $from, 10000)"
		us=$(( ($(date +%s%N) - start) / 10000000 ))
		echo "   run $run $(target_of "$t"): $us µs per transaction"
		record committed "$(target_of "$t")" "$run" "$us"
	done
done

# pgbench must have found a slot for every transaction (an INSERT … SELECT of no row succeeds too)
psql -X -q -d bench -v ON_ERROR_STOP=1 <<SQL
DO \$\$
BEGIN
	IF (SELECT last_value FROM public.bench_slot_validated) > $slots - 30000 THEN
		RAISE EXCEPTION 'pgbench used % slots: too few for this run', (SELECT last_value FROM public.bench_slot_validated);
	END IF;
END \$\$;
SQL
psql -X -q -d bench -v items="$BENCH_ITEMS" -v out="$OUT" -f bench/store-report.sql

# 4. the realistic case (issue 16): bench/store-country-run.sh
if [ "$BENCH_PEOPLE" -gt 0 ]; then
	bench/store-country-run.sh
fi
