# ocenka — PGXS build. `make`, `make install`, `make installcheck`, `make prove`.

EXTENSION = ocenka
EXTVERSION = $(shell grep default_version $(EXTENSION).control | sed -e "s/default_version[[:space:]]*=[[:space:]]*'\([^']*\)'/\1/")

MODULE_big = ocenka
OBJS = src/module.o src/values.o src/enums.o src/score.o src/quarter.o src/grade.o src/aggregates.o \
	src/calendar.o src/rules.o src/enforce.o src/audit.o \
	src/probe.o src/items.o

# The install script is assembled from per-feature SQL files in layer order.
SQL_SOURCES = \
	src/header.sql \
	src/enums.sql \
	src/score.sql \
	src/quarter.sql \
	src/grade.sql \
	src/aggregates.sql \
	src/calendar.sql \
	src/rules.sql \
	src/store.sql \
	src/competencies.sql \
	src/plan.sql \
	src/entry.sql \
	src/audit.sql \
	src/retention.sql \
	src/close.sql \
	src/explain.sql \
	src/finish.sql

DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*--*.sql))

# pg_regress: every sql/*.sql that is not an install or upgrade script, in name order.
REGRESS = $(sort $(patsubst sql/%.sql,%,$(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql))))
REGRESS_OPTS = --load-extension=$(EXTENSION)

# isolation specs, run by installcheck after pg_regress
ISOLATION = $(sort $(patsubst specs/%.spec,%,$(wildcard specs/*.spec)))
ISOLATION_OPTS = --load-extension=$(EXTENSION)

# Our code builds clean under -Wall -Wextra; the server's headers are included
# as system headers so their own -Wextra findings (unused parameters in inline
# functions) do not hide ours.
PG_CFLAGS = -Wall -Wextra
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server)

EXTRA_CLEAN = test/unit/values_test

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

sql/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_SOURCES) $(EXTENSION).control
	cat $(SQL_SOURCES) > $@

# pgTAP suites, run against an installed extension (see scripts/test).
PROVE_DB ?= ocenka_tap
.PHONY: prove unit
prove:
	scripts/prove $(PROVE_DB)

# backend-free unit tests of src/values.c
unit: test/unit/values_test
	test/unit/values_test
test/unit/values_test: test/unit/values_test.c src/values.c src/values.h
	$(CC) -std=c99 -Wall -Wextra -O2 -Isrc -o $@ test/unit/values_test.c src/values.c
