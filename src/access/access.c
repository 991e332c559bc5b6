/*
 * access.c — what row-level security asks of a role, answered once per
 * change rather than once per statement (methodology §11).
 *
 * A policy asks who the user is, whom they evaluate, which bodies' HR they
 * head, which 360 answers are theirs... as uncorrelated sub-selects, once per
 * statement. A statement expanded with the policies of a table and of the
 * parents they read asks a dozen or more, and each answer took a SECURITY
 * DEFINER function with queries of its own: a one-row UPDATE paid more for the
 * questions than for itself. Here every answer for a role is loaded at once by
 * ocenka.access_facts_load (SECURITY DEFINER, reading as the tables' owner)
 * and kept in this backend until something it was computed from may change:
 *  - the tables it reads: a statement trigger on each (access_facts_changed)
 *    drops this backend's answers at once and queues a relcache invalidation
 *    of ocenka.person_login, which other backends receive once the change
 *    commits, and this backend again on ROLLBACK (TO SAVEPOINT);
 *  - roles, their attributes and memberships (syscache invalidations), and the
 *    tables' owner (a relcache invalidation of ocenka.sheet);
 *  - the date and the session user, which are part of an answer's key.
 * As with the calendar, an invalidation received after the transaction took
 * its first snapshot may stand for a commit that snapshot cannot see: answers
 * loaded after it are trusted only until the transaction ends. A commit that
 * lands between a statement's start and its snapshot is seen by the tables
 * before its invalidation reaches the answers: for that one statement the
 * role is judged as just before the commit, as it would be had the statement
 * started a moment earlier.
 */
#include "ocenka.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/datum.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

/* The attributes of ocenka.access_facts, in order. */
typedef enum OcFact
{
	OC_FACT_SEES_ALL,
	OC_FACT_LINKS_ANSWERS,
	OC_FACT_EMPLOYEE,
	OC_FACT_HR_BODIES,
	OC_FACT_EVALUATIONS,
	OC_FACT_OPEN_RESPONDENTS,
	OC_FACT_OPEN_SURVEYS,
	OC_FACT_CALIBRATION_CASES,
	OC_FACT_COMMISSION_MEETINGS,
	OC_FACT_CALIBRATION_SESSIONS,
	OC_FACT_HR_SESSIONS,
	OC_FACT_COUNT
} OcFact;

/* One role's answers, as seen by one session user on one date. */
typedef struct OcAccessEntry
{
	MemoryContext cxt;			/* holds the values; NULL: the slot is free */
	Oid			role;
	Oid			session_user;
	DateADT		today;
	uint64		inval_count;	/* oc_access_inval_count when loading began */
	LocalTransactionId only_in_lxid;	/* valid: trusted only in this transaction */
	Datum		values[OC_FACT_COUNT];
	bool		isnull[OC_FACT_COUNT];
	bool		byval[OC_FACT_COUNT];
	int16		len[OC_FACT_COUNT];
} OcAccessEntry;

/* A statement seldom runs as more than two roles (the user's, the owner's in the rules). */
#define OC_ACCESS_ENTRIES 8

static OcAccessEntry oc_access[OC_ACCESS_ENTRIES];
static int	oc_access_victim = 0;

/* Bumped by every invalidation that may concern the answers. */
static uint64 oc_access_inval_count = 0;

/* The transaction that received such an invalidation after its first snapshot. */
static LocalTransactionId oc_access_inval_lxid = InvalidLocalTransactionId;

/* ocenka.person_login (whose invalidation the trigger sends) and ocenka.sheet (whose owner matters). */
static Oid	oc_access_login_relid = InvalidOid;
static Oid	oc_access_sheet_relid = InvalidOid;

static bool oc_access_callbacks = false;

/* Marks every answer stale; never touches the catalogs, since it may run inside a load. */
static void
oc_access_stale(void)
{
	oc_access_inval_count++;
	if (FirstSnapshotSet)
		oc_access_inval_lxid = OC_CURRENT_LXID();
}

/* Relcache callback: the two watched tables, or any relation while their OIDs are unknown. */
static void
oc_access_relcache_callback(Datum arg, Oid relid)
{
	(void) arg;
	if (OidIsValid(relid) && OidIsValid(oc_access_login_relid) &&
		relid != oc_access_login_relid && relid != oc_access_sheet_relid)
		return;
	oc_access_login_relid = oc_access_sheet_relid = InvalidOid;
	oc_access_stale();
}

/* Syscache callback: a role, its attributes or a membership changed. */
static void
oc_access_syscache_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	(void) arg;
	(void) cacheid;
	(void) hashvalue;
	oc_access_stale();
}

/* Frees every answer; only where no caller holds a pointer into one (they get copies). */
static void
oc_access_free_all(void)
{
	int			i;

	for (i = 0; i < OC_ACCESS_ENTRIES; i++)
		if (oc_access[i].cxt != NULL)
		{
			MemoryContextDelete(oc_access[i].cxt);
			oc_access[i].cxt = NULL;
		}
}

/* An ocenka table's OID, or an error naming it. */
static Oid
oc_access_table(const char *name)
{
	Oid			relid = get_relname_relid(name, get_namespace_oid("ocenka", false));

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"ocenka.%s\" does not exist", name),
				 errhint("It is part of the ocenka extension; reinstall it.")));
	return relid;
}

/* A by-reference datum copied into a context. */
static Datum
oc_datum_copy_in(MemoryContext cxt, Datum value, int16 len)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	Datum		copy = datumCopy(value, false, len);

	MemoryContextSwitchTo(old);
	return copy;
}

/* Calls ocenka.access_facts_load for the role and keeps a copy of its answers. */
static OcAccessEntry *
oc_access_load(Name role_name, Oid role, Oid session_user, DateADT today)
{
	/* built under the caller's context, moved to TopMemoryContext only when complete */
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "ocenka access facts",
											  ALLOCSET_SMALL_SIZES);
	uint64		inval_count = oc_access_inval_count;
	Oid			argtype = NAMEOID;
	Oid			loader;
	Datum		composite;
	HeapTupleHeader header;
	HeapTupleData tuple;
	TupleDesc	desc;
	Datum		values[OC_FACT_COUNT];
	bool		isnull[OC_FACT_COUNT];
	OcAccessEntry *e;
	int			slot;
	int			i;

	/* known before the load locks the tables, so the invalidations that lock delivers are recognised */
	oc_access_login_relid = oc_access_table("person_login");
	oc_access_sheet_relid = oc_access_table("sheet");

	loader = LookupFuncName(list_make2(makeString("ocenka"), makeString("access_facts_load")),
							1, &argtype, false);
	composite = OidFunctionCall1(loader, NameGetDatum(role_name));
	header = DatumGetHeapTupleHeader(composite);
	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(header), HeapTupleHeaderGetTypMod(header));
	if (desc->natts != OC_FACT_COUNT)
		elog(ERROR, "ocenka.access_facts has %d attributes, expected %d", desc->natts, OC_FACT_COUNT);
	tuple.t_len = HeapTupleHeaderGetDatumLength(header);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = header;
	heap_deform_tuple(&tuple, desc, values, isnull);

	/* the slot is taken only once nothing can fail */
	for (slot = 0; slot < OC_ACCESS_ENTRIES && oc_access[slot].cxt != NULL; slot++)
		;
	if (slot == OC_ACCESS_ENTRIES)
	{
		slot = oc_access_victim;
		oc_access_victim = (oc_access_victim + 1) % OC_ACCESS_ENTRIES;
		MemoryContextDelete(oc_access[slot].cxt);
		oc_access[slot].cxt = NULL;
	}
	e = &oc_access[slot];
	for (i = 0; i < OC_FACT_COUNT; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		e->byval[i] = att->attbyval;
		e->len[i] = att->attlen;
		e->isnull[i] = isnull[i];
		e->values[i] = isnull[i] || att->attbyval ? values[i]
			: oc_datum_copy_in(cxt, values[i], att->attlen);
	}
	ReleaseTupleDesc(desc);
	e->role = role;
	e->session_user = session_user;
	e->today = today;
	e->inval_count = inval_count;
	e->only_in_lxid = oc_access_inval_lxid == OC_CURRENT_LXID() ? oc_access_inval_lxid
		: InvalidLocalTransactionId;
	MemoryContextSetParent(cxt, TopMemoryContext);
	e->cxt = cxt;
	return e;
}

/* The answers for a role, loaded if none are kept or those kept may be stale. */
static OcAccessEntry *
oc_access_entry(Name role_name)
{
	Oid			role = get_role_oid(NameStr(*role_name), true);
	Oid			session_user = GetSessionUserId();
	DateADT		today = oc_today();
	int			i;

	if (!oc_access_callbacks)
	{
		CacheRegisterRelcacheCallback(oc_access_relcache_callback, (Datum) 0);
		CacheRegisterSyscacheCallback(AUTHOID, oc_access_syscache_callback, (Datum) 0);
		CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, oc_access_syscache_callback, (Datum) 0);
		oc_access_callbacks = true;
		/* invalidations this transaction consumed before now went unseen */
		if (FirstSnapshotSet)
			oc_access_inval_lxid = OC_CURRENT_LXID();
	}
	for (i = 0; i < OC_ACCESS_ENTRIES; i++)
	{
		OcAccessEntry *e = &oc_access[i];

		if (e->cxt == NULL)
			continue;
		if (e->inval_count != oc_access_inval_count ||
			(e->only_in_lxid != InvalidLocalTransactionId && e->only_in_lxid != OC_CURRENT_LXID()))
		{
			MemoryContextDelete(e->cxt);
			e->cxt = NULL;
			continue;
		}
		if (e->role == role && e->session_user == session_user && e->today == today)
			return e;
	}
	/* the loader refuses (42501) a role that does not exist or the session may not act as */
	return oc_access_load(role_name, role, session_user, today);
}

/* One answer for the role named by the first argument, copied into the caller's context. */
static Datum
oc_access_fact(FunctionCallInfo fcinfo, OcFact fact)
{
	OcAccessEntry *e = oc_access_entry(PG_GETARG_NAME(0));

	if (e->isnull[fact])
		PG_RETURN_NULL();
	return e->byval[fact] ? e->values[fact] : datumCopy(e->values[fact], false, e->len[fact]);
}

PG_FUNCTION_INFO_V1(access_sees_all);
/* Whether the role sees every evaluation row. */
Datum
access_sees_all(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_SEES_ALL);
}

PG_FUNCTION_INFO_V1(access_links_answers);
/* Whether the role may read every 360 answer. */
Datum
access_links_answers(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_LINKS_ANSWERS);
}

PG_FUNCTION_INFO_V1(access_employee);
/* The employee the role is, or NULL. */
Datum
access_employee(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_EMPLOYEE);
}

PG_FUNCTION_INFO_V1(access_hr_bodies);
/* The bodies whose HR head the role's employee is today. */
Datum
access_hr_bodies(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_HR_BODIES);
}

PG_FUNCTION_INFO_V1(access_evaluations);
/* Whom the role's employee evaluates, and when. */
Datum
access_evaluations(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_EVALUATIONS);
}

PG_FUNCTION_INFO_V1(access_open_respondents);
/* The role's employee's respondent rows in open 360 surveys. */
Datum
access_open_respondents(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_OPEN_RESPONDENTS);
}

PG_FUNCTION_INFO_V1(access_open_surveys);
/* The open 360 surveys in which the role's employee is a respondent. */
Datum
access_open_surveys(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_OPEN_SURVEYS);
}

PG_FUNCTION_INFO_V1(access_calibration_cases);
/* The calibration applications whose session the role's employee sits on. */
Datum
access_calibration_cases(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_CALIBRATION_CASES);
}

PG_FUNCTION_INFO_V1(access_commission_meetings);
/* The commission meetings whose composition includes the role's employee. */
Datum
access_commission_meetings(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_COMMISSION_MEETINGS);
}

PG_FUNCTION_INFO_V1(access_calibration_sessions);
/* The calibration sessions the role's employee sits on. */
Datum
access_calibration_sessions(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_CALIBRATION_SESSIONS);
}

PG_FUNCTION_INFO_V1(access_hr_sessions);
/* The calibration sessions on applications of the bodies whose HR head the role's employee is. */
Datum
access_hr_sessions(PG_FUNCTION_ARGS)
{
	return oc_access_fact(fcinfo, OC_FACT_HR_SESSIONS);
}

PG_FUNCTION_INFO_V1(access_facts_changed);
/* Statement trigger on a table the answers are computed from: makes every backend load them again. */
Datum
access_facts_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function access_facts_changed was not called by the trigger manager")));
	if (!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) || !TRIGGER_FIRED_AFTER(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function access_facts_changed must be fired by an AFTER ... FOR EACH STATEMENT trigger"),
				 errdetail("Trigger \"%s\" fires it on table \"%s\".",
						   trigdata->tg_trigger->tgname, RelationGetRelationName(trigdata->tg_relation))));

	/* other backends: at their next transaction after the commit; this one: again after a rollback */
	CacheInvalidateRelcacheByRelid(oc_access_table("person_login"));
	/* this backend at once: the next statement's answers see the change */
	oc_access_inval_count++;
	oc_access_free_all();
	PG_RETURN_POINTER(NULL);
}
