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
 * ocenka.access_facts_of (SECURITY DEFINER, reading as the tables' owner)
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
 *
 * "Sees everything" and "links answers" are folded into constants when a
 * statement is planned (rls_fold), so that an administrator's scan carries no
 * per-row filter and everyone else's no dead branch. Such a plan is marked as
 * the planning role's (the plan cache re-plans it for another role) and as
 * depending on ocenka.person_login and ocenka.sheet, whose invalidations the
 * answers' sources send; a role or membership change resets the plan cache.
 * Answers trusted only in this transaction are never folded, and a planning
 * during which an answer changed after a fold resets the plan cache when it
 * ends (oc_access_planner), so no cached plan keeps an answer past a change.
 */
#include "ocenka.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/pathnodes.h"
#include "nodes/supportnodes.h"
#include "optimizer/planner.h"
#include "parser/parse_func.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
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
	OC_FACT_SHEETS_OWN,
	OC_FACT_SHEETS_EVALUATED,
	OC_FACT_SHEETS_HR,
	OC_FACT_SURVEYS_READ,
	OC_FACT_SURVEYS_HR,
	OC_FACT_CALIBRATION_RESULTS,
	OC_FACT_COMMISSION_YEARS,
	OC_FACT_MIN_ANSWERS,
	OC_FACT_COUNT
} OcFact;

/* A set of ids, sorted, for the per-row predicates. */
typedef struct OcIdSet
{
	int			n;
	int64	   *ids;
} OcIdSet;

/* An evaluator assignment: the evaluatee from its first to its last day. */
typedef struct OcSpan
{
	int64		evaluatee;
	DateADT		first_day;
	DateADT		last_day;
	bool		open;			/* no last day */
} OcSpan;

/* One role's answers, as seen by one session user on one date. */
typedef struct OcAccessEntry
{
	MemoryContext cxt;			/* holds this struct and everything it points to */
	Oid			role;
	Oid			session_user;
	DateADT		today;
	uint64		inval_count;	/* oc_access_inval_count when loading began */
	LocalTransactionId only_in_lxid;	/* valid: trusted only in this transaction */
	/* as the composite has them, for the functions that return them */
	Datum		values[OC_FACT_COUNT];
	bool		isnull[OC_FACT_COUNT];
	bool		byval[OC_FACT_COUNT];
	int16		len[OC_FACT_COUNT];
	/* as the per-row predicates ask them */
	bool		sees_all;
	bool		links_answers;
	bool		has_employee;
	int64		employee;
	int32		min_answers;
	OcIdSet		sets[OC_FACT_COUNT];	/* the bigint[] facts, sorted (pairs: flattened, unsorted) */
	int			nspans;
	OcSpan	   *spans;
} OcAccessEntry;

/* A statement seldom runs as more than two roles (the user's, the owner's in the rules). */
#define OC_ACCESS_ENTRIES 8

static OcAccessEntry *oc_access[OC_ACCESS_ENTRIES];
static int	oc_access_victim = 0;

/* Bumped by every invalidation that may concern the answers. */
static uint64 oc_access_inval_count = 0;

/* The transaction that received such an invalidation after its first snapshot. */
static LocalTransactionId oc_access_inval_lxid = InvalidLocalTransactionId;

/* ocenka.person_login (whose invalidation the trigger sends) and ocenka.sheet (whose owner matters). */
static Oid	oc_access_login_relid = InvalidOid;
static Oid	oc_access_sheet_relid = InvalidOid;

static bool oc_access_callbacks = false;

/*
 * The answers the last per-row call used, and whom and when they were for: the rows of a statement
 * ask for the same, and finding them again costs more than the answer.
 */
static OcAccessEntry *oc_access_last = NULL;
static Oid	oc_access_last_role;
static Oid	oc_access_last_session_user;
static DateADT oc_access_last_today;
static uint64 oc_access_last_inval_count;
static LocalTransactionId oc_access_last_lxid;

/* Plannings under way inside oc_access_planner: answers are folded only there. */
static int	oc_plan_depth = 0;

/* Whether the innermost planning under way folded an answer, and the invalidation count then. */
static bool oc_plan_folded = false;
static uint64 oc_plan_fold_count = 0;

static planner_hook_type oc_prev_planner = NULL;

/* Frees the answers in a slot. */
static void
oc_access_drop(int slot)
{
	if (oc_access[slot] == oc_access_last)
		oc_access_last = NULL;
	MemoryContextDelete(oc_access[slot]->cxt);
	oc_access[slot] = NULL;
}

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
	/* plans folded an answer of a role; PostgreSQL's plan cache does not watch memberships */
	ResetPlanCache();
}

/* Frees every answer kept. Callers never hold a pointer into one across calls. */
static void
oc_access_free_all(void)
{
	int			i;

	for (i = 0; i < OC_ACCESS_ENTRIES; i++)
		if (oc_access[i] != NULL)
			oc_access_drop(i);
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

/* qsort comparator of int64. */
static int
oc_int64_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

/* A bigint[] as a C array (sorted unless it holds pairs), in the current context. */
static OcIdSet
oc_id_set(Datum array, bool pairs)
{
	ArrayType  *a = DatumGetArrayTypeP(array);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;
	OcIdSet		set;

	deconstruct_array(a, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	set.n = 0;
	set.ids = palloc(sizeof(int64) * Max(n, 1));
	for (i = 0; i < n; i++)
		if (!nulls[i])
			set.ids[set.n++] = DatumGetInt64(elems[i]);
	if (!pairs)
		qsort(set.ids, set.n, sizeof(int64), oc_int64_cmp);
	return set;
}

/* The evaluator assignments as C structs, in the current context. */
static void
oc_spans(OcAccessEntry *e, Datum array)
{
	ArrayType  *a = DatumGetArrayTypeP(array);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;

	get_typlenbyvalalign(ARR_ELEMTYPE(a), &typlen, &typbyval, &typalign);
	deconstruct_array(a, ARR_ELEMTYPE(a), typlen, typbyval, typalign, &elems, &nulls, &n);
	e->spans = palloc(sizeof(OcSpan) * Max(n, 1));
	e->nspans = 0;
	for (i = 0; i < n; i++)
	{
		HeapTupleHeader span;
		bool		evaluatee_null,
					first_null,
					last_null;
		OcSpan	   *s = &e->spans[e->nspans];

		if (nulls[i])
			continue;
		span = DatumGetHeapTupleHeader(elems[i]);
		s->evaluatee = DatumGetInt64(GetAttributeByNum(span, 1, &evaluatee_null));
		s->first_day = DatumGetDateADT(GetAttributeByNum(span, 2, &first_null));
		s->last_day = DatumGetDateADT(GetAttributeByNum(span, 3, &last_null));
		s->open = last_null;
		if (!evaluatee_null && !first_null)
			e->nspans++;
	}
}

/* What the per-row predicates need, taken from the composite's values (in the entry's context). */
static void
oc_access_prepare(OcAccessEntry *e)
{
	int			f;

	e->sees_all = !e->isnull[OC_FACT_SEES_ALL] && DatumGetBool(e->values[OC_FACT_SEES_ALL]);
	e->links_answers = !e->isnull[OC_FACT_LINKS_ANSWERS] && DatumGetBool(e->values[OC_FACT_LINKS_ANSWERS]);
	e->has_employee = !e->isnull[OC_FACT_EMPLOYEE];
	e->employee = e->has_employee ? DatumGetInt64(e->values[OC_FACT_EMPLOYEE]) : 0;
	e->min_answers = e->isnull[OC_FACT_MIN_ANSWERS] ? PG_INT32_MAX : DatumGetInt32(e->values[OC_FACT_MIN_ANSWERS]);
	for (f = 0; f < OC_FACT_COUNT; f++)
	{
		e->sets[f].n = 0;
		e->sets[f].ids = NULL;
		/* the bigint[] facts; the scalars are read above, the assignments by oc_spans */
		if (e->len[f] != -1 || e->isnull[f] || f == OC_FACT_EVALUATIONS)
			continue;
		e->sets[f] = oc_id_set(e->values[f], f == OC_FACT_CALIBRATION_RESULTS || f == OC_FACT_COMMISSION_YEARS);
	}
	e->nspans = 0;
	e->spans = NULL;
	if (!e->isnull[OC_FACT_EVALUATIONS])
		oc_spans(e, e->values[OC_FACT_EVALUATIONS]);
}

/* Calls ocenka.access_facts_of for the role and keeps a copy of its answers. */
static OcAccessEntry *
oc_access_load(Oid role, Oid session_user, DateADT today)
{
	/* built under the caller's context, moved to TopMemoryContext only when complete */
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "ocenka access facts",
											  ALLOCSET_SMALL_SIZES);
	uint64		inval_count = oc_access_inval_count;
	Oid			argtype = OIDOID;
	Oid			loader;
	Datum		composite;
	HeapTupleHeader header;
	HeapTupleData tuple;
	TupleDesc	desc;
	Datum		values[OC_FACT_COUNT];
	bool		isnull[OC_FACT_COUNT];
	OcAccessEntry *e;
	MemoryContext old;
	int			slot;
	int			i;

	/* known before the load locks the tables, so the invalidations that lock delivers are recognised */
	oc_access_login_relid = oc_access_table("person_login");
	oc_access_sheet_relid = oc_access_table("sheet");

	/* called through fmgr, so not subject to its EXECUTE privilege, which nobody else holds */
	loader = LookupFuncName(list_make2(makeString("ocenka"), makeString("access_facts_of")),
							1, &argtype, false);
	composite = OidFunctionCall1(loader, ObjectIdGetDatum(role));
	header = DatumGetHeapTupleHeader(composite);
	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(header), HeapTupleHeaderGetTypMod(header));
	if (desc->natts != OC_FACT_COUNT)
		elog(ERROR, "ocenka.access_facts has %d attributes, expected %d", desc->natts, OC_FACT_COUNT);
	tuple.t_len = HeapTupleHeaderGetDatumLength(header);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = header;
	heap_deform_tuple(&tuple, desc, values, isnull);

	old = MemoryContextSwitchTo(cxt);
	e = palloc0(sizeof(OcAccessEntry));
	e->cxt = cxt;
	for (i = 0; i < OC_FACT_COUNT; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		e->byval[i] = att->attbyval;
		e->len[i] = att->attlen;
		e->isnull[i] = isnull[i];
		e->values[i] = isnull[i] || att->attbyval ? values[i] : datumCopy(values[i], false, att->attlen);
	}
	ReleaseTupleDesc(desc);
	oc_access_prepare(e);
	MemoryContextSwitchTo(old);
	e->role = role;
	e->session_user = session_user;
	e->today = today;
	e->inval_count = inval_count;
	e->only_in_lxid = oc_access_inval_lxid == OC_CURRENT_LXID() ? oc_access_inval_lxid
		: InvalidLocalTransactionId;

	/* a free slot, or the oldest loaded */
	for (slot = 0; slot < OC_ACCESS_ENTRIES && oc_access[slot] != NULL; slot++)
		;
	if (slot == OC_ACCESS_ENTRIES)
	{
		slot = oc_access_victim;
		oc_access_victim = (oc_access_victim + 1) % OC_ACCESS_ENTRIES;
		oc_access_drop(slot);
	}
	MemoryContextSetParent(cxt, TopMemoryContext);
	oc_access[slot] = e;
	return e;
}

/* Registers the invalidation callbacks, once per backend. */
static void
oc_access_register(void)
{
	CacheRegisterRelcacheCallback(oc_access_relcache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHOID, oc_access_syscache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, oc_access_syscache_callback, (Datum) 0);
	oc_access_callbacks = true;
	/* invalidations this transaction consumed before now went unseen */
	if (FirstSnapshotSet)
		oc_access_inval_lxid = OC_CURRENT_LXID();
}

/* The answers kept for a role, or NULL; drops those that may be stale. */
static OcAccessEntry *
oc_access_find(Oid role, Oid session_user, DateADT today)
{
	int			i;

	if (!oc_access_callbacks)
		oc_access_register();
	for (i = 0; i < OC_ACCESS_ENTRIES; i++)
	{
		OcAccessEntry *e = oc_access[i];

		if (e == NULL)
			continue;
		if (e->inval_count != oc_access_inval_count ||
			(e->only_in_lxid != InvalidLocalTransactionId && e->only_in_lxid != OC_CURRENT_LXID()))
		{
			oc_access_drop(i);
			continue;
		}
		if (e->role == role && e->session_user == session_user && e->today == today)
			return e;
	}
	return NULL;
}

/* The answers for the role a login names: the current user, or a role the session may SET ROLE to (42501 otherwise). */
static OcAccessEntry *
oc_access_named(Name role_name)
{
	Oid			role = get_role_oid(NameStr(*role_name), true);
	Oid			session_user = GetSessionUserId();
	DateADT		today = oc_today();
	OcAccessEntry *e;

	if (!OidIsValid(role) || (role != GetUserId() && !is_member_of_role(session_user, role)))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("role \"%s\" is not the session's", NameStr(*role_name)),
				 errdetail("The access functions answer for the current user, or a role the session may SET ROLE to.")));
	e = oc_access_find(role, session_user, today);
	return e != NULL ? e : oc_access_load(role, session_user, today);
}

/* The answers for the current user, as the policies ask them row by row. */
static OcAccessEntry *
oc_access_current(void)
{
	Oid			role = GetUserId();
	Oid			session_user = GetSessionUserId();
	DateADT		today = oc_today();
	OcAccessEntry *e;

	if (oc_access_last != NULL && oc_access_last_role == role && oc_access_last_session_user == session_user &&
		oc_access_last_today == today && oc_access_last_inval_count == oc_access_inval_count &&
		oc_access_last_lxid == OC_CURRENT_LXID())
		return oc_access_last;
	e = oc_access_find(role, session_user, today);
	if (e == NULL)
		e = oc_access_load(role, session_user, today);
	oc_access_last = e;
	oc_access_last_role = role;
	oc_access_last_session_user = session_user;
	oc_access_last_today = today;
	oc_access_last_inval_count = oc_access_inval_count;
	oc_access_last_lxid = OC_CURRENT_LXID();
	return e;
}

/* One answer for the role named by the first argument, copied into the caller's context. */
static Datum
oc_access_fact(FunctionCallInfo fcinfo, OcFact fact)
{
	OcAccessEntry *e = oc_access_named(PG_GETARG_NAME(0));

	if (e->isnull[fact])
		PG_RETURN_NULL();
	return e->byval[fact] ? e->values[fact] : datumCopy(e->values[fact], false, e->len[fact]);
}

/* Whether a sorted set holds an id. */
static bool
oc_in(const OcIdSet *set, int64 id)
{
	int			lo = 0;
	int			hi = set->n - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (set->ids[mid] == id)
			return true;
		if (set->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

/* Whether a flattened list of pairs holds (a, b). */
static bool
oc_in_pairs(const OcIdSet *set, int64 a, int64 b)
{
	int			i;

	for (i = 0; i + 1 < set->n; i += 2)
		if (set->ids[i] == a && set->ids[i + 1] == b)
			return true;
	return false;
}

/* Whether the assignments include evaluating the evaluatee on some day between the two dates. */
static bool
oc_evaluates(const OcAccessEntry *e, int64 evaluatee, DateADT first_day, DateADT last_day)
{
	int			i;

	for (i = 0; i < e->nspans; i++)
	{
		const OcSpan *s = &e->spans[i];

		if (s->evaluatee == evaluatee && s->first_day <= last_day && (s->open || s->last_day >= first_day))
			return true;
	}
	return false;
}

/* The id argument n of a predicate, or false from the predicate when it is NULL. */
#define OC_ID_ARG(n, var) \
	if (PG_ARGISNULL(n)) \
		PG_RETURN_BOOL(false); \
	var = PG_GETARG_INT64(n)

/* Whether the current user is the employee. */
static bool
oc_is_me(const OcAccessEntry *e, FunctionCallInfo fcinfo, int n)
{
	return e->has_employee && !PG_ARGISNULL(n) && PG_GETARG_INT64(n) == e->employee;
}

/* Whether the current user heads the body's HR service today. */
static bool
oc_is_hr(const OcAccessEntry *e, FunctionCallInfo fcinfo, int n)
{
	return !PG_ARGISNULL(n) && oc_in(&e->sets[OC_FACT_HR_BODIES], PG_GETARG_INT64(n));
}

/* A predicate over one set of ids for the current user: false for NULL. */
static Datum
oc_access_in_set(FunctionCallInfo fcinfo, OcFact fact)
{
	int64		id;

	OC_ID_ARG(0, id);
	PG_RETURN_BOOL(oc_in(&oc_access_current()->sets[fact], id));
}

/* ---------- folding "sees everything" into the plan ---------- */

/* Planner hook: lets rls_fold fold, and keeps no plan whose folded answer changed while it was planned. */
#if PG_VERSION_NUM >= 190000
#define OC_PLANNER_PARAMS Query *parse, const char *query_string, int cursorOptions, ParamListInfo boundParams, ExplainState *es
#define OC_PLANNER_ARGS parse, query_string, cursorOptions, boundParams, es
#else
#define OC_PLANNER_PARAMS Query *parse, const char *query_string, int cursorOptions, ParamListInfo boundParams
#define OC_PLANNER_ARGS parse, query_string, cursorOptions, boundParams
#endif
static PlannedStmt *
oc_access_planner(OC_PLANNER_PARAMS)
{
	bool		outer_folded = oc_plan_folded;
	uint64		outer_count = oc_plan_fold_count;
	PlannedStmt *volatile result = NULL;
	volatile bool stale = false;

	oc_plan_folded = false;
	oc_plan_depth++;
	PG_TRY();
	{
		result = oc_prev_planner != NULL ? oc_prev_planner(OC_PLANNER_ARGS) : standard_planner(OC_PLANNER_ARGS);
		stale = oc_plan_folded && oc_plan_fold_count != oc_access_inval_count;
	}
	PG_FINALLY();
	{
		oc_plan_depth--;
		oc_plan_folded = outer_folded;
		oc_plan_fold_count = outer_count;
	}
	PG_END_TRY();

	/*
	 * The invalidation arrived before the plan reached the plan cache, which therefore did not see it:
	 * this statement runs as just before the change (as any statement that started a moment earlier),
	 * and whatever cached it plans it again.
	 */
	if (stale)
		ResetPlanCache();
	return result;
}

/* Installs the planner hook; called once per backend by _PG_init. */
void
oc_access_init(void)
{
	oc_prev_planner = planner_hook;
	planner_hook = oc_access_planner;
}

/* A support request for rls_all() or rls_links_answers(): the current user's answer as a constant, where it is safe. */
static Node *
rls_fold(Node *rawreq, OcFact fact)
{
	SupportRequestSimplify *req;
	PlannerInfo *root;
	OcAccessEntry *e;

	if (!IsA(rawreq, SupportRequestSimplify))
		return NULL;
	req = (SupportRequestSimplify *) rawreq;
	root = req->root;

	/*
	 * Only in a statement's planning under oc_access_planner: expression_planner's (no Query) keeps no
	 * role with its result, and a planning that began before the library was loaded is not watched.
	 */
	if (oc_plan_depth == 0 || root == NULL || root->glob == NULL || root->parse == NULL)
		return NULL;
	e = oc_access_current();
	/* answers a change may already have overtaken stay calls, evaluated when the statement runs */
	if (e->inval_count != oc_access_inval_count || e->only_in_lxid != InvalidLocalTransactionId)
		return NULL;
	if (!OidIsValid(oc_access_login_relid) || !OidIsValid(oc_access_sheet_relid))
		return NULL;

	root->glob->dependsOnRole = true;
	root->glob->relationOids = lappend_oid(root->glob->relationOids, oc_access_login_relid);
	root->glob->relationOids = lappend_oid(root->glob->relationOids, oc_access_sheet_relid);
	if (!oc_plan_folded)
	{
		oc_plan_folded = true;
		oc_plan_fold_count = oc_access_inval_count;
	}
	return (Node *) makeBoolConst(fact == OC_FACT_LINKS_ANSWERS ? e->links_answers : e->sees_all, false);
}

PG_FUNCTION_INFO_V1(rls_all_support);
/* Planner support of rls_all(): folds it for the planning role. */
Datum
rls_all_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(rls_fold((Node *) PG_GETARG_POINTER(0), OC_FACT_SEES_ALL));
}

PG_FUNCTION_INFO_V1(rls_links_answers_support);
/* Planner support of rls_links_answers(): folds it for the planning role. */
Datum
rls_links_answers_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(rls_fold((Node *) PG_GETARG_POINTER(0), OC_FACT_LINKS_ANSWERS));
}

/* ---------- the answers, for a role named (and the current user by default) ---------- */

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

/* ---------- the predicates of the policies, for the current user, row by row ---------- */

PG_FUNCTION_INFO_V1(rls_all);
/* rls_all(): whether the current user sees every evaluation row. */
Datum
rls_all(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(oc_access_current()->sees_all);
}

PG_FUNCTION_INFO_V1(rls_links_answers);
/* rls_links_answers(): whether the current user may read every 360 answer. */
Datum
rls_links_answers(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(oc_access_current()->links_answers);
}

PG_FUNCTION_INFO_V1(rls_me);
/* rls_me(employee): whether the current user is the employee. */
Datum
rls_me(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(oc_is_me(oc_access_current(), fcinfo, 0));
}

PG_FUNCTION_INFO_V1(rls_hr);
/* rls_hr(body): whether the current user sees everything or heads the body's HR service today. */
Datum
rls_hr(PG_FUNCTION_ARGS)
{
	OcAccessEntry *e = oc_access_current();

	PG_RETURN_BOOL(e->sees_all || oc_is_hr(e, fcinfo, 0));
}

PG_FUNCTION_INFO_V1(rls_person);
/* rls_person(employee, body, first, last): the person's own, their evaluator's in the period, their HR head's, or everything. */
Datum
rls_person(PG_FUNCTION_ARGS)
{
	OcAccessEntry *e = oc_access_current();

	if (e->sees_all || oc_is_me(e, fcinfo, 0) || oc_is_hr(e, fcinfo, 1))
		PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(!PG_ARGISNULL(0) && !PG_ARGISNULL(2) && !PG_ARGISNULL(3) &&
				   oc_evaluates(e, PG_GETARG_INT64(0), PG_GETARG_DATEADT(2), PG_GETARG_DATEADT(3)));
}

PG_FUNCTION_INFO_V1(rls_sheet_read);
/* rls_sheet_read(sheet): whether the current user sees the sheet (its evaluatee, evaluator, HR head, or everything). */
Datum
rls_sheet_read(PG_FUNCTION_ARGS)
{
	OcAccessEntry *e = oc_access_current();
	int64		id;

	OC_ID_ARG(0, id);
	PG_RETURN_BOOL(e->sees_all || oc_in(&e->sets[OC_FACT_SHEETS_OWN], id) ||
				   oc_in(&e->sets[OC_FACT_SHEETS_EVALUATED], id) || oc_in(&e->sets[OC_FACT_SHEETS_HR], id));
}

PG_FUNCTION_INFO_V1(rls_sheet_write);
/* rls_sheet_write(sheet): whether the current user may write the sheet's scores (its evaluator, HR head, or everything). */
Datum
rls_sheet_write(PG_FUNCTION_ARGS)
{
	OcAccessEntry *e = oc_access_current();
	int64		id;

	OC_ID_ARG(0, id);
	PG_RETURN_BOOL(e->sees_all || oc_in(&e->sets[OC_FACT_SHEETS_EVALUATED], id) ||
				   oc_in(&e->sets[OC_FACT_SHEETS_HR], id));
}

PG_FUNCTION_INFO_V1(rls_sheet_evaluated);
/* rls_sheet_evaluated(sheet): whether the current user is the sheet's evaluator. */
Datum
rls_sheet_evaluated(PG_FUNCTION_ARGS)
{
	return oc_access_in_set(fcinfo, OC_FACT_SHEETS_EVALUATED);
}

PG_FUNCTION_INFO_V1(rls_survey_hr);
/* rls_survey_hr(survey): whether the current user heads the HR service of the survey's body today. */
Datum
rls_survey_hr(PG_FUNCTION_ARGS)
{
	return oc_access_in_set(fcinfo, OC_FACT_SURVEYS_HR);
}

PG_FUNCTION_INFO_V1(rls_open_survey);
/* rls_open_survey(survey): whether the current user is a respondent of the open survey. */
Datum
rls_open_survey(PG_FUNCTION_ARGS)
{
	return oc_access_in_set(fcinfo, OC_FACT_OPEN_SURVEYS);
}

PG_FUNCTION_INFO_V1(rls_open_respondent);
/* rls_open_respondent(respondent): whether the respondent row is the current user's, in an open survey. */
Datum
rls_open_respondent(PG_FUNCTION_ARGS)
{
	return oc_access_in_set(fcinfo, OC_FACT_OPEN_RESPONDENTS);
}

PG_FUNCTION_INFO_V1(rls_calibration_case);
/* rls_calibration_case(application): whether the current user sits on the application's session. */
Datum
rls_calibration_case(PG_FUNCTION_ARGS)
{
	return oc_access_in_set(fcinfo, OC_FACT_CALIBRATION_CASES);
}

PG_FUNCTION_INFO_V1(rls_calibration_session);
/* rls_calibration_session(session): whether the current user sits on the session. */
Datum
rls_calibration_session(PG_FUNCTION_ARGS)
{
	return oc_access_in_set(fcinfo, OC_FACT_CALIBRATION_SESSIONS);
}

PG_FUNCTION_INFO_V1(rls_hr_session);
/* rls_hr_session(session): whether the session's application is of a body whose HR head the current user is. */
Datum
rls_hr_session(PG_FUNCTION_ARGS)
{
	return oc_access_in_set(fcinfo, OC_FACT_HR_SESSIONS);
}

PG_FUNCTION_INFO_V1(rls_commission_meeting);
/* rls_commission_meeting(meeting): whether the current user is on the meeting's commission. */
Datum
rls_commission_meeting(PG_FUNCTION_ARGS)
{
	return oc_access_in_set(fcinfo, OC_FACT_COMMISSION_MEETINGS);
}

PG_FUNCTION_INFO_V1(rls_calibration_result);
/* rls_calibration_result(employee, q): whether the current user sits on a session on that quarter's result. */
Datum
rls_calibration_result(PG_FUNCTION_ARGS)
{
	int64		employee;

	OC_ID_ARG(0, employee);
	if (PG_ARGISNULL(1))
		PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(oc_in_pairs(&oc_access_current()->sets[OC_FACT_CALIBRATION_RESULTS], employee,
							   PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(rls_commission_year);
/* rls_commission_year(body, year): whether the current user is on a commission meeting reviewing the body's year. */
Datum
rls_commission_year(PG_FUNCTION_ARGS)
{
	int64		body;

	OC_ID_ARG(0, body);
	if (PG_ARGISNULL(1))
		PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(oc_in_pairs(&oc_access_current()->sets[OC_FACT_COMMISSION_YEARS], body,
							   PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(rls_competency_result);
/* rls_competency_result(survey, answers): a 360 mean the current user sees (3 respondents besides self, 000 ¶33). */
Datum
rls_competency_result(PG_FUNCTION_ARGS)
{
	OcAccessEntry *e = oc_access_current();
	int64		survey;

	if (e->links_answers)
		PG_RETURN_BOOL(true);
	OC_ID_ARG(0, survey);
	if (PG_ARGISNULL(1) || PG_GETARG_INT32(1) < e->min_answers)
		PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(e->sees_all || oc_in(&e->sets[OC_FACT_SURVEYS_READ], survey));
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
	/* this backend at once, even within the statement that made the change */
	oc_access_inval_count++;
	oc_access_free_all();
	PG_RETURN_POINTER(NULL);
}
