/*
 * calendar.c — the working-day calendar of methodology §10.
 *
 * A day is working if the administrator's table ocenka.calendar says so, or,
 * when it has no row for the day, if the shipped rule in values.c says so.
 * Deadline triggers ask per row, so nothing here runs a query per call: each
 * backend loads the table once into memory and computes a year's bitmap the
 * first time the year is asked about.
 *
 * The cache must never outlive the data it was built from:
 *  - a statement trigger on the table drops this backend's cache at once and
 *    queues a relcache invalidation of the table, which other backends receive
 *    once the change commits, and this backend again on ROLLBACK (TO SAVEPOINT);
 *  - the relcache callback only bumps a counter, since it can run at any lock
 *    acquisition, including in the middle of loading the cache;
 *  - an invalidation that arrives after the transaction took its first
 *    snapshot may stand for a commit that snapshot cannot see (REPEATABLE READ,
 *    or a commit between a statement's snapshot and its lock), and its message
 *    is consumed now: a cache loaded after it is trusted only until the end of
 *    this transaction.
 */
#include "ocenka.h"

#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#define OC_CAL_YEARS (OC_YEAR_MAX - OC_YEAR_MIN + 1)

/* Years are computed in chunks so that a backend asking about 2026 does not pay for 8100 years. */
#define OC_CAL_CHUNK 64
#define OC_CAL_CHUNKS ((OC_CAL_YEARS + OC_CAL_CHUNK - 1) / OC_CAL_CHUNK)

typedef struct OcCalChunk
{
	uint64		ready;			/* bit i: years[i] has been computed */
	OcWorkYear	years[OC_CAL_CHUNK];
} OcCalChunk;

typedef struct OcCalendar
{
	MemoryContext cxt;			/* holds this struct and everything below */
	uint64		inval_count;	/* oc_inval_count when loading began */
	LocalTransactionId only_in_lxid;	/* valid: trusted only in this transaction */
	int			nexceptions;
	DateADT    *exception_day;	/* the administrator's rows, by day */
	bool	   *exception_working;
	OcCalChunk *chunks[OC_CAL_CHUNKS];
} OcCalendar;

static OcCalendar *oc_calendar = NULL;

/* Bumped by every invalidation that may concern the table. */
static uint64 oc_inval_count = 0;

/* The transaction that received such an invalidation after its first snapshot. */
static LocalTransactionId oc_inval_lxid = InvalidLocalTransactionId;

/* OID of ocenka.calendar, forgotten on any invalidation of it so that a re-created table is found. */
static Oid	oc_calendar_relid = InvalidOid;

static bool oc_callback_registered = false;

/*
 * Relcache callback: never touches the catalogs or frees memory, only marks
 * the cache stale. While the table's OID is unknown any relation may be it.
 */
static void
oc_calendar_relcache_callback(Datum arg, Oid relid)
{
	(void) arg;
	if (OidIsValid(relid) && OidIsValid(oc_calendar_relid) && relid != oc_calendar_relid)
		return;
	oc_inval_count++;
	oc_calendar_relid = InvalidOid;
	if (FirstSnapshotSet)
		oc_inval_lxid = OC_CURRENT_LXID();
}

/* Frees this backend's cache; only where no caller holds a pointer into it. */
static void
oc_calendar_free(void)
{
	if (oc_calendar != NULL)
	{
		MemoryContextDelete(oc_calendar->cxt);
		oc_calendar = NULL;
	}
}

/* OID of ocenka.calendar, looked up by name. */
static Oid
oc_calendar_table(void)
{
	if (!OidIsValid(oc_calendar_relid))
	{
		Oid			relid = get_relname_relid("calendar", get_namespace_oid("ocenka", false));

		if (!OidIsValid(relid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("relation \"ocenka.calendar\" does not exist"),
					 errhint("The working-day calendar is part of the ocenka extension; reinstall it.")));
		oc_calendar_relid = relid;
	}
	return oc_calendar_relid;
}

/* Reads the administrator's rows into a new cache. */
static OcCalendar *
oc_calendar_load(void)
{
	/*
	 * Built under the caller's context and moved to TopMemoryContext only when
	 * complete, so that an error while loading leaks nothing.
	 */
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "ocenka calendar",
											  ALLOCSET_DEFAULT_SIZES);
	OcCalendar *cal = MemoryContextAllocZero(cxt, sizeof(OcCalendar));
	bool		pushed_snapshot = false;
	uint64		i;
	int			ret;

	cal->cxt = cxt;
	cal->inval_count = oc_inval_count;

	/* known before the query locks the table, so the invalidations that lock delivers are recognised */
	(void) oc_calendar_table();

	/* C callers may run outside a query; read-only SPI needs an active snapshot */
	if (!ActiveSnapshotSet())
	{
		PushActiveSnapshot(GetTransactionSnapshot());
		pushed_snapshot = true;
	}
	if ((ret = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(ret));
	ret = SPI_execute("SELECT day, is_working FROM ocenka.calendar ORDER BY day", true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(ret));

	cal->nexceptions = (int) SPI_processed;
	if (SPI_processed > 0)
	{
		cal->exception_day = MemoryContextAlloc(cxt, SPI_processed * sizeof(DateADT));
		cal->exception_working = MemoryContextAlloc(cxt, SPI_processed * sizeof(bool));
	}
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		bool		day_null,
					working_null;

		cal->exception_day[i] = DatumGetDateADT(SPI_getbinval(tuple, SPI_tuptable->tupdesc, 1, &day_null));
		cal->exception_working[i] = DatumGetBool(SPI_getbinval(tuple, SPI_tuptable->tupdesc, 2, &working_null));
		if (day_null || working_null)
			elog(ERROR, "null in NOT NULL column of ocenka.calendar");
	}
	SPI_finish();
	if (pushed_snapshot)
		PopActiveSnapshot();

	cal->only_in_lxid = oc_inval_lxid == OC_CURRENT_LXID() ? oc_inval_lxid : InvalidLocalTransactionId;
	MemoryContextSetParent(cxt, TopMemoryContext);
	return cal;
}

/* This backend's calendar, reloaded if the table may have changed. */
static OcCalendar *
oc_calendar_get(void)
{
	if (!oc_callback_registered)
	{
		CacheRegisterRelcacheCallback(oc_calendar_relcache_callback, (Datum) 0);
		oc_callback_registered = true;
		/* invalidations this transaction consumed before now went unseen */
		if (FirstSnapshotSet)
			oc_inval_lxid = OC_CURRENT_LXID();
	}
	if (oc_calendar != NULL
		&& (oc_calendar->inval_count != oc_inval_count
			|| (oc_calendar->only_in_lxid != InvalidLocalTransactionId
				&& oc_calendar->only_in_lxid != OC_CURRENT_LXID())))
		oc_calendar_free();
	if (oc_calendar == NULL)
		oc_calendar = oc_calendar_load();
	return oc_calendar;
}

/* 1 January of a year as a DateADT. */
static inline DateADT
oc_jan1(int year)
{
	return date2j(year, 1, 1) - POSTGRES_EPOCH_JDATE;
}

/* The rule for a year overridden by the administrator's rows, computed on first use. */
static const OcWorkYear *
oc_calendar_year(OcCalendar *cal, int year)
{
	int			index = year - OC_YEAR_MIN;
	OcCalChunk *chunk = cal->chunks[index / OC_CAL_CHUNK];
	uint64		bit = UINT64CONST(1) << (index % OC_CAL_CHUNK);
	OcWorkYear *wy;

	if (chunk == NULL)
		chunk = cal->chunks[index / OC_CAL_CHUNK] = MemoryContextAllocZero(cal->cxt, sizeof(OcCalChunk));
	wy = &chunk->years[index % OC_CAL_CHUNK];
	if (!(chunk->ready & bit))
	{
		DateADT		first = oc_jan1(year);
		DateADT		end = first + oc_days_in_year(year);
		int			lo = 0,
					hi = cal->nexceptions;

		oc_work_year_rule(year, wy);
		/* first row on or after 1 January */
		while (lo < hi)
		{
			int			mid = lo + (hi - lo) / 2;

			if (cal->exception_day[mid] < first)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < cal->nexceptions && cal->exception_day[lo] < end; lo++)
			oc_work_year_set(wy, cal->exception_day[lo] - first, cal->exception_working[lo]);
		oc_work_year_count(wy);
		chunk->ready |= bit;
	}
	return wy;
}

static char *
oc_date_text(DateADT day)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(day)));
}

/* The year and day of the year of a date inside 1900–9999, or a 22008 error. */
static void
oc_calendar_split(DateADT day, int *year, int *doy)
{
	int			month,
				mday;

	if (DATE_NOT_FINITE(day) || day < oc_jan1(OC_YEAR_MIN) || day >= oc_jan1(OC_YEAR_MAX + 1))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date %s is outside the working-day calendar", oc_date_text(day)),
				 errdetail("The working-day calendar covers the years 1900 to 9999.")));
	j2date(day + POSTGRES_EPOCH_JDATE, year, &month, &mday);
	*doy = day - oc_jan1(*year);
}

/* True if the date is a working day (§10); for other C code such as deadline triggers. */
bool
oc_is_working_day(DateADT day)
{
	int			year,
				doy;

	oc_calendar_split(day, &year, &doy);
	return oc_work_year_is_working(oc_calendar_year(oc_calendar_get(), year), doy);
}

PG_FUNCTION_INFO_V1(calendar_is_working_day);
/* is_working_day(date): the administrator's row for the day, else the shipped rule. */
Datum
calendar_is_working_day(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(oc_is_working_day(PG_GETARG_DATEADT(0)));
}

#if PG_VERSION_NUM >= 180000
OC_NORETURN static void oc_calendar_overflow(int32 n, DateADT day);
#else
static void oc_calendar_overflow(int32 n, DateADT day) pg_attribute_noreturn();
#endif

static void
oc_calendar_overflow(int32 n, DateADT day)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg_plural("adding %d working day to %s goes past the end of the working-day calendar",
						   "adding %d working days to %s goes past the end of the working-day calendar",
						   n, n, oc_date_text(day)),
			 errdetail("The working-day calendar ends on 9999-12-31.")));
}

PG_FUNCTION_INFO_V1(calendar_add_working_days);
/* add_working_days(date, n): deadlines such as "within 10 working days of the decision". */
Datum
calendar_add_working_days(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	int32		n = PG_GETARG_INT32(1);
	OcCalendar *cal;
	const OcWorkYear *wy;
	int			year,
				doy;
	int64		wanted;

	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of working days must not be negative: %d", n)));
	oc_calendar_split(day, &year, &doy);
	/* no year has more than 366 working days: refuse at once rather than walk thousands of years */
	if ((int64) n > (int64) 366 * (OC_YEAR_MAX - year + 1))
		oc_calendar_overflow(n, day);
	cal = oc_calendar_get();
	wy = oc_calendar_year(cal, year);
	if (n == 0 && oc_work_year_is_working(wy, doy))
		PG_RETURN_DATEADT(day);

	/* counted from 1 January of the year; 0 days from a day off is the next working day, as is 1 */
	wanted = (int64) oc_work_year_through(wy, doy) + Max(n, 1);
	while (wanted > wy->total)
	{
		if (year == OC_YEAR_MAX)
			oc_calendar_overflow(n, day);
		wanted -= wy->total;
		wy = oc_calendar_year(cal, ++year);
	}
	PG_RETURN_DATEADT(oc_jan1(year) + oc_work_year_nth(wy, (int) wanted));
}

PG_FUNCTION_INFO_V1(calendar_working_days_between);
/* working_days_between(a, b): working days d with a < d <= b, for checking that a deadline was kept. */
Datum
calendar_working_days_between(PG_FUNCTION_ARGS)
{
	DateADT		a = PG_GETARG_DATEADT(0);
	DateADT		b = PG_GETARG_DATEADT(1);
	OcCalendar *cal;
	int			year_a,
				doy_a,
				year_b,
				doy_b,
				year;
	int32		count;

	oc_calendar_split(a, &year_a, &doy_a);
	oc_calendar_split(b, &year_b, &doy_b);
	if (b <= a)
		PG_RETURN_INT32(0);
	cal = oc_calendar_get();
	if (year_a == year_b)
	{
		const OcWorkYear *wy = oc_calendar_year(cal, year_a);

		PG_RETURN_INT32(oc_work_year_through(wy, doy_b) - oc_work_year_through(wy, doy_a));
	}
	count = oc_calendar_year(cal, year_a)->total - oc_work_year_through(oc_calendar_year(cal, year_a), doy_a);
	for (year = year_a + 1; year < year_b; year++)
		count += oc_calendar_year(cal, year)->total;
	count += oc_work_year_through(oc_calendar_year(cal, year_b), doy_b);
	PG_RETURN_INT32(count);
}

PG_FUNCTION_INFO_V1(calendar_changed);
/* Statement trigger on ocenka.calendar: makes every backend's cache follow the table. */
Datum
calendar_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function calendar_changed was not called by the trigger manager")));
	if (!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) || !TRIGGER_FIRED_AFTER(trigdata->tg_event)
		|| RelationGetRelid(trigdata->tg_relation) != oc_calendar_table())
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function calendar_changed must be fired by an AFTER ... FOR EACH STATEMENT trigger on ocenka.calendar"),
				 errdetail("Trigger \"%s\" fires it on table \"%s\".",
						   trigdata->tg_trigger->tgname, RelationGetRelationName(trigdata->tg_relation))));

	/* other backends: at their next transaction after the commit; this one: again after a rollback */
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	/* this backend at once: the next statement's snapshot sees the change */
	oc_inval_count++;
	oc_calendar_free();
	PG_RETURN_POINTER(NULL);
}
