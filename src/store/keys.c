/*
 * keys.c — what a statement trigger's rules share: the statement's distinct
 * keys, and SQL readied for the rules that need it.
 *
 * The rule engine (enforce.c), the item rules (items.c) and the audit writer
 * (audit.c) all read the same transition rows and hash entries: the distinct
 * key columns of the statement's rows (an item statement's (sheet_id, form)
 * pairs), each entry able to carry what a rule found about its key. This file
 * builds and reads them, keeps the prepared plans of the rules' queries, and
 * readies SPI, the transition tables, the keys and a fixed search path only
 * when a rule first runs a query. It calls none of its users.
 */
#include "ocenka.h"

#include "executor/executor.h"
#include "miscadmin.h"
#include "parser/parse_relation.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"

/* A prepared rule, kept per trigger and argument. */
typedef struct OcRulePlanKey
{
	Oid			trigger;
	int			arg;
} OcRulePlanKey;

typedef struct OcRulePlan
{
	OcRulePlanKey key;
	SPIPlanPtr	plan;
} OcRulePlan;

static HTAB *oc_rule_plans = NULL;

/* The user whose statement fired the running trigger (InvalidOid outside one). */
static Oid	oc_acting_user = InvalidOid;

/* The rule run in progress (see oc_run_enter), or NULL. */
static OcRuleRun *oc_run = NULL;


/* The kept plan of one query of a trigger (slot: its argument, or a helper query), prepared on first use. */
SPIPlanPtr
oc_kept_plan(Trigger *trigger, int slot, const char *query, int nargs, Oid *argtypes)
{
	OcRulePlanKey key;
	OcRulePlan *entry;
	SPIPlanPtr	plan;
	bool		found;

	if (oc_rule_plans == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(OcRulePlanKey);
		ctl.entrysize = sizeof(OcRulePlan);
		oc_rule_plans = hash_create("ocenka rule plans", 64, &ctl, HASH_ELEM | HASH_BLOBS);
	}
	memset(&key, 0, sizeof(key));
	key.trigger = trigger->tgoid;
	key.arg = slot;
	entry = hash_search(oc_rule_plans, &key, HASH_ENTER, &found);
	if (found && entry->plan != NULL)
		return entry->plan;

	entry->plan = NULL;
	plan = SPI_prepare(query, nargs, argtypes);
	if (plan == NULL)
		elog(ERROR, "trigger %s: cannot prepare query %d: %s", trigger->tgname, slot,
			 SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "trigger %s: cannot keep query %d", trigger->tgname, slot);
	entry->plan = plan;
	return plan;
}

/* Reads the next row of a transition table into keys->row; false at its end. */
bool
oc_next_row(OcKeys *keys, int which)
{
	OcRowSet   *set = &keys->sets[which];

	tuplestore_select_read_pointer(set->rows, set->readptr);
	return tuplestore_gettupleslot(set->rows, true, false, keys->row);
}

/* A read pointer of our own into a transition table: the rules' scans of it keep theirs. */
int
oc_own_read_pointer(Tuplestorestate *rows)
{
	int			ptr = tuplestore_alloc_read_pointer(rows, EXEC_FLAG_REWIND);

	tuplestore_copy_read_pointer(rows, 0, ptr);
	return ptr;
}

/* Starts reading a transition table from its first row. */
void
oc_rewind_rows(OcKeys *keys, int which)
{
	OcRowSet   *set = &keys->sets[which];

	if (set->readptr < 0)
		set->readptr = oc_own_read_pointer(set->rows);
	tuplestore_select_read_pointer(set->rows, set->readptr);
	tuplestore_rescan(set->rows);
}

/* Puts the key columns of a row (a slot of the table's row type) into keys->key. */
static void
oc_project_key(OcKeys *keys, TupleTableSlot *row, const AttrNumber *attnums)
{
	TupleTableSlot *key = keys->key;

	ExecClearTuple(key);
	for (int i = 0; i < keys->natts; i++)
		key->tts_values[i] = slot_getattr(row, attnums[i], &key->tts_isnull[i]);
	ExecStoreVirtualTuple(key);
}

/* Forgets the previous row's key: a new pass over rows begins. */
void
oc_forget_key(OcKeys *keys)
{
	keys->last_entry = NULL;
}

/*
 * The hash entry of the key in keys->key, made if create. A COPY's rows come
 * grouped by their sheet, so a key equal to the previous row's reuses its
 * entry: most rows then cost a few comparisons, not a hash lookup.
 */
static TupleHashEntry
oc_lookup_key(OcKeys *keys, int which, bool create)
{
	TupleTableSlot *key = keys->key;
	TupleHashEntry entry;
	bool		isnew = false;
	int			i;

	if (keys->last_entry != NULL)
	{
		for (i = 0; i < keys->natts; i++)
		{
			Form_pg_attribute att = TupleDescAttr(keys->desc, i);

			if (key->tts_isnull[i] != keys->last_null[i] ||
				(!key->tts_isnull[i] &&
				 !datumIsEqual(key->tts_values[i], keys->last[i], att->attbyval, att->attlen)))
				break;
		}
		if (i == keys->natts)
			return keys->last_entry;
	}
	entry = LookupTupleHashEntry(keys->sets[which].keys, key, create ? &isnew : NULL, NULL);
	if (entry != NULL && isnew)
		OC_KEY_DATA(keys->sets[which].keys, entry) = NULL;
	MemoryContextReset(keys->lastcxt);
	for (i = 0; i < keys->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(keys->desc, i);

		keys->last_null[i] = key->tts_isnull[i];
		keys->last[i] = key->tts_isnull[i] ? (Datum) 0 :
			datumCopy(key->tts_values[i], att->attbyval, att->attlen);
	}
	keys->last_entry = entry;
	return entry;
}

/* The hash entry of the key of keys->row, read from the given transition table. */
TupleHashEntry
oc_row_key(OcKeys *keys, int which)
{
	oc_project_key(keys, keys->row, keys->attnums);
	return oc_lookup_key(keys, which, false);
}

/* The hash entry of a key given as the first columns of a query's result slot. */
TupleHashEntry
oc_result_key(OcKeys *keys, int which, TupleTableSlot *result)
{
	static const AttrNumber leading[OC_MAX_KEYS] = {1, 2, 3, 4};

	oc_project_key(keys, result, leading);
	return LookupTupleHashEntry(keys->sets[which].keys, keys->key, NULL, NULL);
}

/* Parses 'keys: a, b' into key columns of the table. */
static void
oc_parse_keys(Trigger *trigger, Relation rel, const char *list, OcKeys *keys)
{
	char	   *copy = pstrdup(list);
	char	   *save = NULL;
	TupleDesc	reldesc = RelationGetDescr(rel);

	keys->natts = 0;
	for (char *name = strtok_r(copy, ", \t\n", &save); name != NULL; name = strtok_r(NULL, ", \t\n", &save))
	{
		AttrNumber	attnum = attnameAttNum(rel, name, false);

		if (attnum <= 0 || keys->natts == OC_MAX_KEYS)
			ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger %s: bad keys: column \"%s\"", trigger->tgname, name),
				 errhint("The trigger's arguments are ocenka rules (see src/store/enforce.c); recreate it with valid ones.")));
		keys->attnums[keys->natts++] = attnum;
	}
	if (keys->natts == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger %s: keys: names no column", trigger->tgname),
				 errhint("The trigger's arguments are ocenka rules (see src/store/enforce.c); recreate it with valid ones.")));
	keys->desc = CreateTemplateTupleDesc(keys->natts);
	for (int i = 0; i < keys->natts; i++)
		TupleDescCopyEntry(keys->desc, i + 1, reldesc, keys->attnums[i]);
	keys->row = MakeSingleTupleTableSlot(reldesc, &TTSOpsMinimalTuple);
	keys->key = MakeSingleTupleTableSlot(keys->desc, &TTSOpsVirtual);
}

/* Hashes the distinct keys of one transition table. */
static void
oc_collect_keys(OcKeys *keys, int which, Tuplestorestate *rows)
{
	OcRowSet   *set = &keys->sets[which];
	Oid			eqops[OC_MAX_KEYS];
	/* the hash table keeps pointers to these two */
	Oid		   *collations = palloc(keys->natts * sizeof(Oid));
	AttrNumber *columns = palloc(keys->natts * sizeof(AttrNumber));
	Oid		   *eqfuncs;
	FmgrInfo   *hashfuncs;
	int64		n = 0;

	for (int i = 0; i < keys->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(keys->desc, i);
		TypeCacheEntry *type = lookup_type_cache(att->atttypid, TYPECACHE_EQ_OPR | TYPECACHE_HASH_PROC);

		if (!OidIsValid(type->eq_opr) || !OidIsValid(type->hash_proc))
			ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("keys: column \"%s\" has no hashable equality", NameStr(att->attname)),
				 errhint("The trigger's arguments are ocenka rules (see src/store/enforce.c); recreate it with valid ones.")));
		eqops[i] = type->eq_opr;
		collations[i] = att->attcollation;
		columns[i] = i + 1;
	}
	execTuplesHashPrepare(keys->natts, eqops, &eqfuncs, &hashfuncs);

	set->rows = rows;
	set->readptr = -1;
#if PG_VERSION_NUM >= 180000
	set->keys = BuildTupleHashTable(NULL, keys->desc, NULL, keys->natts, columns, eqfuncs, hashfuncs,
									collations, Min(Max(tuplestore_tuple_count(rows), 16), 1 << 20), OC_KEY_DATA_SIZE,
									CurrentMemoryContext, CurrentMemoryContext, keys->tempcxt, false);
#else
	set->keys = BuildTupleHashTableExt(NULL, keys->desc, keys->natts, columns, eqfuncs, hashfuncs, collations,
									   Min(Max(tuplestore_tuple_count(rows), 16), 1 << 20), 0,
									   CurrentMemoryContext, CurrentMemoryContext, keys->tempcxt, false);
#endif
	oc_rewind_rows(keys, which);
	oc_forget_key(keys);
	while (oc_next_row(keys, which))
	{
		oc_project_key(keys, keys->row, keys->attnums);
		(void) oc_lookup_key(keys, which, true);
		/* while the rows pass by anyway, note what the 'check if' rules will ask */
		for (int w = 0; w < keys->nwatch; w++)
			if (!keys->watch_has_value[w])
			{
				bool		isnull;

				(void) slot_getattr(keys->row, keys->watch[w], &isnull);
				keys->watch_has_value[w] = !isnull;
			}
		if ((++n & 1023) == 0)
			MemoryContextReset(keys->tempcxt);
	}
	oc_forget_key(keys);
}

/* Offers the distinct keys of one transition table to the rules' queries as name. */
static void
oc_register_keys(OcKeys *keys, int which, const char *name)
{
	OcRowSet   *set = &keys->sets[which];
	Tuplestorestate *distinct = tuplestore_begin_heap(false, false, work_mem);
	TupleTableSlot *out = MakeSingleTupleTableSlot(keys->desc, &TTSOpsMinimalTuple);
	tuplehash_iterator iter;
	TupleHashEntry entry;
	EphemeralNamedRelation enr;

	InitTupleHashIterator(set->keys, &iter);
	while ((entry = ScanTupleHashTable(set->keys, &iter)) != NULL)
	{
		ExecStoreMinimalTuple(entry->firstTuple, out, false);
		tuplestore_puttupleslot(distinct, out);
	}
	ExecDropSingleTupleTableSlot(out);

	enr = palloc0(sizeof(EphemeralNamedRelationData));
	enr->md.name = pstrdup(name);
	enr->md.reliddesc = InvalidOid;
	enr->md.tupdesc = keys->desc;
	enr->md.enrtype = ENR_NAMED_TUPLESTORE;
	enr->md.enrtuples = tuplestore_tuple_count(distinct);
	enr->reldata = distinct;
	if (SPI_register_relation(enr) != SPI_OK_REL_REGISTER)
		elog(ERROR, "cannot register %s", name);
}

/* Whether some row of the statement, new or old, has a value in the column. */
bool
oc_rows_have_value(TriggerData *trigdata, OcKeys *keys, AttrNumber column)
{
	Tuplestorestate *tables[2] = {trigdata->tg_newtable, trigdata->tg_oldtable};
	TupleTableSlot *row;
	bool		found = false;

	/* the keys: pass has looked already */
	for (int w = 0; w < keys->nwatch; w++)
		if (keys->natts > 0 && keys->watch[w] == column)
			return keys->watch_has_value[w];

	row = MakeSingleTupleTableSlot(RelationGetDescr(trigdata->tg_relation), &TTSOpsMinimalTuple);
	for (int t = 0; t < 2 && !found; t++)
	{
		int			ptr;

		if (tables[t] == NULL)
			continue;
		ptr = oc_own_read_pointer(tables[t]);
		tuplestore_select_read_pointer(tables[t], ptr);
		tuplestore_rescan(tables[t]);
		while (!found && tuplestore_gettupleslot(tables[t], true, false, row))
		{
			bool		isnull;

			(void) slot_getattr(row, column, &isnull);
			found = !isnull;
		}
	}
	ExecDropSingleTupleTableSlot(row);
	return found;
}

/* Builds new_keys and old_keys for a 'keys:' argument. */
void
oc_build_keys(TriggerData *trigdata, const char *list, OcKeys *keys)
{
	oc_parse_keys(trigdata->tg_trigger, trigdata->tg_relation, list, keys);
	keys->tempcxt = AllocSetContextCreate(CurrentMemoryContext, "ocenka key hashing", ALLOCSET_SMALL_SIZES);
	keys->lastcxt = AllocSetContextCreate(CurrentMemoryContext, "ocenka last key", ALLOCSET_SMALL_SIZES);
	if (trigdata->tg_newtable != NULL)
		oc_collect_keys(keys, OC_NEW, trigdata->tg_newtable);
	if (trigdata->tg_oldtable != NULL)
		oc_collect_keys(keys, OC_OLD, trigdata->tg_oldtable);
}

/*
 * Readies SQL for the running rules: connects to SPI, offers the transition
 * tables and the keys to queries, and fixes the search path (the rules run as
 * the table's owner, and no caller may redirect their names). The caller's
 * memory context is kept.
 */
void
oc_use_sql(void)
{
	OcRuleRun  *run = oc_run;
	MemoryContext caller = CurrentMemoryContext;

	if (run == NULL)
		elog(ERROR, "oc_use_sql: no rule is running");
	if (run->sql)
		return;
	run->nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, ocenka, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	MemoryContextSwitchTo(run->statement);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "enforce_rules: SPI_connect failed");
	if (SPI_register_trigger_data(run->trigdata) != SPI_OK_TD_REGISTER)
		elog(ERROR, "enforce_rules: cannot register transition tables");
	if (run->keys->sets[OC_NEW].keys != NULL)
		oc_register_keys(run->keys, OC_NEW, "new_keys");
	if (run->keys->sets[OC_OLD].keys != NULL)
		oc_register_keys(run->keys, OC_OLD, "old_keys");
	run->sql = true;
	MemoryContextSwitchTo(caller);
}

/* Who ran the statement the current rule runs for; the current user elsewhere. */
Oid
oc_acting_user_id(void)
{
	return OidIsValid(oc_acting_user) ? oc_acting_user : GetUserId();
}

/* Starts a rule run for a statement: the acting user is who fired it; returns what ran before. */
OcRuleRun *
oc_run_enter(OcRuleRun *run, Oid acting_user, Oid *saved_acting)
{
	OcRuleRun  *saved = oc_run;

	*saved_acting = oc_acting_user;
	oc_acting_user = acting_user;
	oc_run = run;
	return saved;
}

/* Closes what oc_use_sql readied for a run that ended normally. */
void
oc_run_finish(OcRuleRun *run)
{
	if (run->sql)
	{
		SPI_finish();
		AtEOXact_GUC(true, run->nestlevel);
	}
}

/* Restores the run and acting user that oc_run_enter saved (also after an error). */
void
oc_run_leave(OcRuleRun *saved, Oid saved_acting)
{
	oc_acting_user = saved_acting;
	oc_run = saved;
}
