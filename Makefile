# ocenka — PGXS build. `make`, `make install`, `make installcheck`, `make prove`.
#
# src/ shows the layers as folders (values → calendar → rules → store → cycle → reports); a folder's files use
# only what lies in the folders before it. The C objects and the install script follow that order.

EXTENSION = ocenka
EXTVERSION = $(shell grep default_version $(EXTENSION).control | sed -e "s/default_version[[:space:]]*=[[:space:]]*'\([^']*\)'/\1/")

MODULE_big = ocenka
OBJS = src/module.o \
	src/values/values.o src/values/enums.o src/values/score.o src/values/quarter.o src/values/grade.o \
	src/values/aggregates.o \
	src/calendar/calendar.o \
	src/rules/rules.o \
	src/store/probe.o src/store/keys.o src/store/items.o src/store/audit.o src/store/enforce.o \
	src/access/access.o

# The install script of the version being built, assembled from per-feature SQL files in layer order.
SQL_SOURCES = \
	src/header.sql \
	src/values/enums.sql \
	src/values/score.sql \
	src/values/quarter.sql \
	src/values/grade.sql \
	src/values/aggregates.sql \
	src/calendar/calendar.sql \
	src/rules/rules.sql \
	src/rules/restore.sql \
	src/rules/progress.sql \
	src/store/store.sql \
	src/store/competencies.sql \
	src/store/catalogue.sql \
	src/store/catalogue_vsk.sql \
	src/store/plan.sql \
	src/store/entry.sql \
	src/store/audit.sql \
	src/store/retention.sql \
	src/store/outbox.sql \
	src/store/signers.sql \
	src/store/kpi_plan.sql \
	src/store/annual.sql \
	src/store/assessment.sql \
	src/cycle/decision.sql \
	src/cycle/acquaintance.sql \
	src/cycle/calibration.sql \
	src/cycle/appeal.sql \
	src/cycle/commission.sql \
	src/cycle/history.sql \
	src/cycle/close.sql \
	src/cycle/explain.sql \
	src/cycle/purge.sql \
	src/cycle/duties.sql \
	src/access/access.sql \
	src/access/disclosure.sql \
	src/reports/html.sql \
	src/reports/labels.sql \
	src/reports/sheet.sql \
	src/reports/survey.sql \
	src/reports/plan.sql \
	src/reports/protocol.sql \
	src/reports/bi.sql \
	src/reports/reporting.sql \
	src/reports/explain_text.sql \
	src/reports/schedule.sql \
	src/finish.sql

# The upgrade from the last shipped version: the source files that only create new objects and need none
# of the changes, the hand-written changes to existing objects (src/upgrade/), then the new files that
# use those changes, then the fixed search path.
UPGRADE_FROM = 0.1
UPGRADE_SOURCES = \
	src/upgrade/$(UPGRADE_FROM)--$(EXTVERSION).head.sql \
	src/store/catalogue.sql \
	src/store/catalogue_vsk.sql \
	src/upgrade/$(UPGRADE_FROM)--$(EXTVERSION).sql \
	src/rules/restore.sql \
	src/store/outbox.sql \
	src/store/signers.sql \
	src/store/kpi_plan.sql \
	src/store/annual.sql \
	src/cycle/decision.sql \
	src/cycle/acquaintance.sql \
	src/cycle/calibration.sql \
	src/cycle/appeal.sql \
	src/cycle/commission.sql \
	src/cycle/history.sql \
	src/cycle/duties.sql \
	src/store/assessment.sql \
	src/access/access.sql \
	src/access/disclosure.sql \
	src/reports/html.sql \
	src/reports/labels.sql \
	src/reports/sheet.sql \
	src/reports/survey.sql \
	src/reports/plan.sql \
	src/reports/protocol.sql \
	src/reports/bi.sql \
	src/reports/reporting.sql \
	src/rules/progress.sql \
	src/reports/explain_text.sql \
	src/reports/schedule.sql \
	src/finish.sql

# Frozen install scripts of shipped versions and frozen upgrade scripts are committed in sql/;
# the script of the version being built and its upgrade from the last shipped one are built.
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql sql/$(EXTENSION)--$(UPGRADE_FROM)--$(EXTVERSION).sql
DATA = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*.sql))

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
PG_CPPFLAGS = -I$(CURDIR)/src -isystem $(shell $(PG_CONFIG) --includedir-server)

EXTRA_CLEAN = test/unit/values_test META.json

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

sql/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_SOURCES) $(EXTENSION).control
	cat $(SQL_SOURCES) > $@

sql/$(EXTENSION)--$(UPGRADE_FROM)--$(EXTVERSION).sql: $(UPGRADE_SOURCES) $(EXTENSION).control
	cat $(UPGRADE_SOURCES) > $@

# PGXN metadata: META.in.json with the version of ocenka.control (the one place it is written).
EXTSEMVER = $(shell echo $(EXTVERSION) | awk -F. '{ print $$1 "." ($$2 == "" ? 0 : $$2) "." ($$3 == "" ? 0 : $$3) }')
META.json: META.in.json $(EXTENSION).control
	sed -e 's/@SEMVER@/$(EXTSEMVER)/g' -e 's/@VERSION@/$(EXTVERSION)/g' META.in.json > $@

# The release archive, as PGXN takes it: git archive of HEAD with the built install and upgrade
# scripts and META.json added, under the directory ocenka-<version>/.
DISTNAME = $(EXTENSION)-$(EXTVERSION)
.PHONY: dist lint
dist: $(DATA_built) META.json
	@git diff --quiet HEAD -- src sql Makefile $(EXTENSION).control META.in.json || \
		{ echo "dist: src/, sql/, the Makefile, the control file or META.in.json differ from HEAD: commit first" >&2; exit 1; }
	git archive --format zip --prefix=$(DISTNAME)/sql/ $(addprefix --add-file=,$(DATA_built)) \
		--prefix=$(DISTNAME)/ --add-file=META.json --output $(DISTNAME).zip HEAD
	@echo "dist: $(DISTNAME).zip"

# Lints the scripts, the catalog of a fresh install, META.json and CHANGELOG.md (scripts/lint).
lint: $(DATA_built) META.json
	scripts/lint

# pgTAP suites, run against an installed extension (see scripts/test).
PROVE_DB ?= ocenka_tap
.PHONY: prove unit
prove:
	scripts/prove $(PROVE_DB)

# backend-free unit tests of src/values/values.c
unit: test/unit/values_test
	test/unit/values_test
test/unit/values_test: test/unit/values_test.c src/values/values.c src/values/values.h
	$(CC) -std=c99 -Wall -Wextra -O2 -Isrc/values -o $@ test/unit/values_test.c src/values/values.c
