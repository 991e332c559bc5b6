#!/usr/bin/env bash
# The store benchmark's realistic case (issue 16), inside a cluster (called by bench/store-run.sh, or
# alone after make install: BENCH_PEOPLE=20000 BENCH_RUNS=3 OUT=/tmp/country.md scripts/with-cluster bench/store-country-run.sh):
# a country from bench/generate.sql (periods left open), 2026-Q3's items entered again one INSERT at a
# time and by COPY, into a floor table, the floor table with an audit entry per statement, and ocenka.item.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== 4. generating a country of $BENCH_PEOPLE people (periods left open)"
createdb country
psql -X -q -d country -c "CREATE EXTENSION ocenka"
psql -X -q -d country -v people="$BENCH_PEOPLE" -v seed=1 -v close=0 -v quiet=1 -f bench/generate.sql
psql -X -q -d country -v runs="$BENCH_RUNS" -v loop=20000 -v split=3000 -f bench/store-country.sql
psql -X -q -d country -v people="$BENCH_PEOPLE" -v runs="$BENCH_RUNS" -f bench/store-country-report.sql >> "$OUT"
