/*
 * ocenka.h — declarations shared by the extension's C files.
 */
#ifndef OCENKA_H
#define OCENKA_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/relcache.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"				/* 16 moved VARSIZE_ANY & co. out of postgres.h into varatt.h */
#endif

#include "values/values.h"

/* 18 replaced pg_attribute_noreturn() after a declaration by pg_noreturn before it. */
#if PG_VERSION_NUM >= 180000
#define OC_NORETURN pg_noreturn
#else
#define OC_NORETURN
#endif

/* The backend's current local transaction id (users include storage/proc.h). */
#if PG_VERSION_NUM >= 170000	/* 17 moved PGPROC.lxid into PGPROC.vxid */
#define OC_CURRENT_LXID() (MyProc->vxid.lxid)
#else
#define OC_CURRENT_LXID() (MyProc->lxid)
#endif

/* ocenka.score: hundredths in an int16, passed by value. */
typedef int16 OcScore;

#define DatumGetOcScore(d)		DatumGetInt16(d)
#define OcScoreGetDatum(s)		Int16GetDatum(s)
#define PG_GETARG_OCSCORE(n)	DatumGetOcScore(PG_GETARG_DATUM(n))
#define PG_RETURN_OCSCORE(s)	return OcScoreGetDatum(s)

/* ocenka.quarter: year * 4 + (quarter - 1) in an int32, passed by value. */
typedef int32 OcQuarter;

#define DatumGetOcQuarter(d)	DatumGetInt32(d)
#define OcQuarterGetDatum(q)	Int32GetDatum(q)
#define PG_GETARG_OCQUARTER(n)	DatumGetOcQuarter(PG_GETARG_DATUM(n))
#define PG_RETURN_OCQUARTER(q)	return OcQuarterGetDatum(q)

/* Gradation levels in the order of the ocenka.gradation enum. */
#define OC_GRADATION_COUNT 4

/* score.c: a score in hundredths to a numeric with two decimals. */
extern Datum oc_score_to_numeric(int hundredths);

/* score.c: a numeric rounded half away from zero to hundredths, range-checked. */
extern int	oc_numeric_to_score(Datum num);

/* grade.c: kpi_percent(plan, actual, direction), the SQL function, called directly by the KPI rule. */
extern Datum kpi_percent(PG_FUNCTION_ARGS);

/* quarter.c: the quarter containing a date, or an error outside 1900–9999. */
extern OcQuarter oc_quarter_of_date(DateADT date);

/* quarter.c: first and last day of a quarter. */
extern DateADT oc_quarter_first_day(OcQuarter q);
extern DateADT oc_quarter_last_day(OcQuarter q);

/* calendar.c: true if the date is a working day (§10). */
extern bool oc_is_working_day(DateADT day);

/* enums.c: ocenka enum values <-> 0-based sort positions, cached in fn_extra. */
extern int	oc_enum_position(FunctionCallInfo fcinfo, const char *name, Oid value);
extern Datum oc_enum_value(FunctionCallInfo fcinfo, const char *name, int position);

/* enums.c: the OID of an ocenka enum type by name. */
extern Oid	oc_enum_type(const char *name);

/* rules.c: per-backend setup of settings and transaction callbacks. */
extern void oc_rules_init(void);

/* access.c: installs the planner hook that folds the policies' "sees everything". */
extern void oc_access_init(void);

/* rules.c: today's date, or the superuser-only setting ocenka.today when set. */
extern DateADT oc_today(void);

/* rules.c: how the current transaction may enter data (see begin_late_entry). */
typedef enum OcEntryMode
{
	OC_ENTRY_NORMAL = 0,
	OC_ENTRY_LATE,				/* HR: after the deadline, with a reason */
	OC_ENTRY_HISTORICAL,		/* administrator: past periods from another system */
	OC_ENTRY_PURGE				/* purge_expired: deletions audited by count only */
} OcEntryMode;

/*
 * rules.c: whether the statement firing a trigger on rel is a dump's data
 * being restored: a top-level COPY … FROM STDIN into rel, in a session that
 * has restored the dump's marker (ocenka._restore) as the same user.
 */
extern bool oc_restoring(Relation rel);

extern OcEntryMode oc_entry_mode(void);
extern const char *oc_entry_reason(void);
extern const char *oc_entry_mode_name(void);

/*
 * keys.c: the distinct key columns of a statement's transition rows, built
 * for a 'keys:' rule argument and shared by the rule engine, the item rules
 * and the audit writer; and the SQL readied for rules that run queries.
 */
#include "commands/trigger.h"
#include "executor/spi.h"
#include "nodes/execnodes.h"

#define OC_MAX_KEYS 4
#define OC_NEW 0
#define OC_OLD 1

typedef struct OcRowSet
{
	Tuplestorestate *rows;		/* a transition table, or NULL */
	int			readptr;		/* our read pointer into it, or -1 */
	TupleHashTable keys;		/* its distinct key tuples */
} OcRowSet;

typedef struct OcKeys
{
	int			natts;			/* 0: no keys: argument */
	AttrNumber	attnums[OC_MAX_KEYS];	/* the key columns in the table */
	TupleDesc	desc;			/* a key tuple */
	TupleTableSlot *row;		/* the transition row being read */
	TupleTableSlot *key;		/* a key being looked up */
	MemoryContext tempcxt;		/* hashing's scratch memory */
	TupleHashEntry last_entry;	/* the previous row's key, when it is worth reusing */
	Datum		last[OC_MAX_KEYS];
	bool		last_null[OC_MAX_KEYS];
	MemoryContext lastcxt;		/* holds last[] */
	int			nwatch;			/* columns of 'check if' rules, seen while hashing */
	AttrNumber	watch[OC_MAX_KEYS];
	bool		watch_has_value[OC_MAX_KEYS];
	OcRowSet	sets[2];		/* OC_NEW, OC_OLD */
} OcKeys;

/*
 * The pointer a key's hash entry carries for its user (a period, an audit group): 18 keeps it in
 * space the table reserves before each entry's tuple, asked for when the table is built.
 */
#if PG_VERSION_NUM >= 180000
#include "executor/executor.h"
#define OC_KEY_DATA(table, entry) (*(void **) TupleHashEntryGetAdditional((table), (entry)))
#define OC_KEY_DATA_SIZE sizeof(void *)
#else
#define OC_KEY_DATA(table, entry) ((entry)->additional)
#define OC_KEY_DATA_SIZE 0
#endif

extern void oc_rewind_rows(OcKeys *keys, int which);
extern bool oc_next_row(OcKeys *keys, int which);
extern TupleHashEntry oc_row_key(OcKeys *keys, int which);
extern void oc_forget_key(OcKeys *keys);
extern TupleHashEntry oc_result_key(OcKeys *keys, int which, TupleTableSlot *result);
extern void oc_build_keys(TriggerData *trigdata, const char *list, OcKeys *keys);
extern bool oc_rows_have_value(TriggerData *trigdata, OcKeys *keys, AttrNumber column);

/* keys.c: a read pointer of our own into a transition table, at its first row. */
extern int	oc_own_read_pointer(Tuplestorestate *rows);

/*
 * What a running rule engine call has readied for SQL. Rules written in C
 * need none of it, so it is readied only when a rule first runs a query: a
 * one-row item INSERT, whose rules and audit are C, then never connects to
 * SPI or changes the search path.
 */
typedef struct OcRuleRun
{
	TriggerData *trigdata;
	OcKeys	   *keys;
	MemoryContext statement;	/* the trigger call's memory: SPI_finish returns to it */
	bool		sql;			/* SPI connected, transition tables and keys offered, search path fixed */
	int			nestlevel;		/* of the search path setting */
} OcRuleRun;

extern OcRuleRun *oc_run_enter(OcRuleRun *run, Oid acting_user, Oid *saved_acting);
extern void oc_run_finish(OcRuleRun *run);
extern void oc_run_leave(OcRuleRun *saved, Oid saved_acting);
extern Oid	oc_acting_user_id(void);
extern void oc_use_sql(void);
extern SPIPlanPtr oc_kept_plan(Trigger *trigger, int slot, const char *query, int nargs, Oid *argtypes);

/* probe.c: primary-key lookups of ocenka's tables, for rules written in C. */
#include "access/genam.h"
#include "access/skey.h"
#include "storage/lockdefs.h"
#include "utils/snapshot.h"

#define OC_PROBE_MAX_KEYS 2

/* A table's primary key from its relcache entry (after RelationGetIndexList), never a deferrable one. */
#if PG_VERSION_NUM >= 170000	/* 17 also notes a deferrable primary key in rd_pkindex, flagged rd_ispkdeferrable */
#define OC_PRIMARY_KEY_INDEX(rel) ((rel)->rd_ispkdeferrable ? InvalidOid : (rel)->rd_pkindex)
#else
#define OC_PRIMARY_KEY_INDEX(rel) ((rel)->rd_pkindex)
#endif

typedef struct OcProbe
{
	Relation	heap;
	Relation	index;			/* its primary key */
	int			nkeys;
	ScanKeyData keys[OC_PROBE_MAX_KEYS];
	IndexScanDesc scan;
	TupleTableSlot *slot;		/* the row found */
} OcProbe;

extern void oc_probe_open(OcProbe *probe, const char *table, LOCKMODE lockmode, Snapshot snapshot);
extern bool oc_probe(OcProbe *probe, const Datum *key);
extern void oc_probe_from(OcProbe *probe, Datum low);
extern bool oc_probe_next(OcProbe *probe);
extern AttrNumber oc_probe_attnum(OcProbe *probe, const char *column);
extern Datum oc_probe_column(OcProbe *probe, const char *column, bool *isnull);
extern bool oc_probe_lock_share(OcProbe *probe);
extern void oc_probe_close(OcProbe *probe);
extern void oc_push_rule_snapshot(void);

/*
 * items.c: the sheet rules of an item statement; true leaves the violation in
 * SPI_tuptable. Each key's hash entry is left pointing (additional) at the
 * period of its sheet, which the audit then needs not look up again.
 */
typedef struct OcSheetPeriod
{
	bool		found;			/* false: the sheet does not exist */
	int64		body;
	OcQuarter	q;
} OcSheetPeriod;

extern bool oc_item_sheet_rules(TriggerData *trigdata, OcKeys *keys);

/* items.c: whether every KPI item of the statement's new rows plainly keeps the KPI rule (no SQL asked). */
extern bool oc_item_kpis_plain(TriggerData *trigdata);

/* audit.c: writes the statement's rows to the audit log, by the periods an audit: query just returned or by their sheets'. */
extern void oc_write_audit(TriggerData *trigdata, OcKeys *keys, MemoryContext statement, bool by_sheet);

#endif							/* OCENKA_H */
