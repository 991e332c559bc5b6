#!/usr/bin/env bash
# The inside of bench/shard: $SHARD1 and $SHARD2 are the shards' socket directories, PGHOST the coordinator.
set -euo pipefail
people=$SHARD_PEOPLE
bodies=$(( (people + 16) / 33 ))
half=$(( bodies / 2 ))
load() {   # host, database, first body, last body
	PGHOST=$1 createdb "$2"
	PGHOST=$1 psql -X -q -d "$2" -c "CREATE EXTENSION ocenka"
	PGHOST=$1 psql -X -q -d "$2" -v people="$people" -v seed=7 -v quiet=1 -v body_from="$3" -v body_to="$4" \
		-f bench/generate.sql >/dev/null
}
echo "== one country of $people people in $bodies bodies: bodies 1–$half on shard 1, $((half + 1))–$bodies on shard 2"
load "$SHARD1" country 1 "$half" &
load "$SHARD2" country $((half + 1)) "$bodies" &
echo "== and the same country on a single node, for comparison"
load "$PGHOST" single 1 "$bodies"
wait %1 %2

createdb country
psql -X -q -d country -v ON_ERROR_STOP=1 -v shard1="$SHARD1" -v shard2="$SHARD2" -v half="$half" -f bench/shard.sql

echo
echo "== EXPLAIN VERBOSE on the coordinator: the ocenka calls travel to the shards"
psql -X -q -d country -f bench/shard-explain.sql | grep -E "Remote SQL|Foreign Scan|Append|Aggregate|Relations" | sed 's/^/   /'
for r in 1 2 3 4; do
	# any message on stderr is a failure of the demo itself
	psql -X -q -At -d country -v report=$r -f bench/shard-reports.sql > /tmp/ocenka-shard-$r.txt 2>/tmp/ocenka-shard.err
	psql -X -q -At -d single -v report=$r -v single=1 -f bench/shard-reports.sql > /tmp/ocenka-single-$r.txt 2>>/tmp/ocenka-shard.err
	if [ -s /tmp/ocenka-shard.err ]; then cat /tmp/ocenka-shard.err; exit 1; fi
done
echo
echo "== country-wide reports: sharded coordinator against the single node"
status=0
for r in 1 2 3 4; do
	title=$(head -n 1 /tmp/ocenka-shard-$r.txt)
	rows=$(($(wc -l < /tmp/ocenka-shard-$r.txt) - 1))
	if diff -q /tmp/ocenka-shard-$r.txt /tmp/ocenka-single-$r.txt >/dev/null; then
		echo "   $title: $rows rows, identical"
	else
		echo "   $title: DIFFERENT"; diff /tmp/ocenka-shard-$r.txt /tmp/ocenka-single-$r.txt | head -20; status=1
	fi
done
echo
echo "   the country's gradation distribution per quarter, from the shards:"
sed -n '2,$p' /tmp/ocenka-shard-3.txt | sed 's/|/\t/g' | sed 's/^/     /'
exit $status
