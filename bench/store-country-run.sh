#!/usr/bin/env bash
# The store benchmark's realistic case (issue 16), inside a cluster (called by bench/store-run.sh, or
# alone after make install: BENCH_PEOPLE=20000 BENCH_RUNS=3 OUT=/tmp/country.md scripts/with-cluster bench/store-country-run.sh):
# a country from bench/generate.sql (periods left open), 2026-Q3's items entered again one INSERT at a
# time and by COPY, into a floor table, ocenka.item, and ocenka.item with 0.1's KPI rule put back.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== 4. generating a country of $BENCH_PEOPLE people (periods left open)"
createdb country
psql -X -q -d country -c "CREATE EXTENSION ocenka"
psql -X -q -d country -v people="$BENCH_PEOPLE" -v seed=1 -v close=0 -v quiet=1 -f bench/generate.sql
# 0.1's kpi_item_violation: a text body with the fixed search path 0.1 gave it
old_kpi_rule=$(sed -n '/^CREATE FUNCTION ocenka.kpi_item_violation/,/^\$\$;/p' sql/ocenka--0.1.sql |
	sed -e '1s/CREATE FUNCTION/CREATE OR REPLACE FUNCTION/' -e 's/^AS \$\$$/SET search_path = pg_catalog, ocenka, pg_temp AS $$/' -e '$s/;$//')
psql -X -q -d country -v runs="$BENCH_RUNS" -v loop=20000 -v split=3000 -v old_kpi_rule="$old_kpi_rule" -f bench/store-country.sql
psql -X -q -d country -v people="$BENCH_PEOPLE" -v runs="$BENCH_RUNS" -f bench/store-country-report.sql >> "$OUT"
