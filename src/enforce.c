/*
 * enforce.c — the statement-level rule engine behind every ocenka trigger.
 *
 * Each trigger passes its rules as arguments, one SQL query per argument,
 * written over the trigger's transition tables (new_rows, old_rows):
 *
 *   'keys: a, b'      (first, optional) the distinct values of these columns
 *                     among the statement's rows, offered to the queries as
 *                     new_keys and old_keys: rules about the parent rows (a
 *                     sheet, a period) then join a few hundred thousand keys
 *                     instead of millions of rows
 *   'do: <query>'     run for its effect (lock the period rows, create them);
 *                     its result is ignored
 *   'check: <query>'  a rule: the first row it returns is a violation, with
 *                     the columns sqlstate, constraint_name, message, detail
 *                     and hint, and the statement fails with exactly that
 *   'check if c: <q>' the same, run only when some row has a value in column
 *                     c (a rule about KPI items costs nothing on other items)
 *   'audit: <query>'  the query maps every key to its period (the key
 *                     columns, then body_id, q, year); the statement's rows
 *                     are written to the audit log by audit.c, grouped by
 *                     period, as binary row images
 *   'audit by sheet:' the same, the key being a sheet id: the period is the
 *                     sheet's, found by probing its primary key
 *   'item rules:'     the sheet rules of items, written in C (items.c) for
 *                     the one-row INSERT's sake; keys: sheet_id, form
 *
 * The rules themselves live in src/entry.sql, src/retention.sql and
 * src/audit.sql, set-based, so a COPY of two million items costs a few joins
 * rather than two million lookups. This file is only the mechanics: it checks
 * how it was fired, runs the queries as the table's owner with a fixed search
 * path (the entering user needs no rights on appointments, periods or the
 * audit log, and cannot redirect names), keeps their plans for the backend's
 * lifetime (bulk statements plan theirs afresh, for their size), and turns a
 * violation into an ereport.
 */
#include "ocenka.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "parser/parse_relation.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
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

/*
 * What the running enforce_rules() has readied for SQL. Rules written in C
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

static OcRuleRun *oc_run = NULL;

/* The kinds of trigger argument. */
typedef enum OcRuleKind
{
	OC_RULE_KEYS,
	OC_RULE_DO,
	OC_RULE_CHECK,
	OC_RULE_AUDIT,
	OC_RULE_AUDIT_BY_SHEET,
	OC_RULE_ITEMS
} OcRuleKind;

static const struct
{
	const char *prefix;
	OcRuleKind	kind;
}			oc_rule_prefixes[] =
{
	{"keys:", OC_RULE_KEYS},
	{"do:", OC_RULE_DO},
	{"check:", OC_RULE_CHECK},
	{"audit:", OC_RULE_AUDIT},
	{"audit by sheet:", OC_RULE_AUDIT_BY_SHEET},
	{"item rules:", OC_RULE_ITEMS},
};

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

/* Statements changing more rows than this plan their rules afresh (see enforce_rules). */
#define OC_BULK_ROWS 1000

static int64
oc_transition_rows(Tuplestorestate *rows)
{
	return rows == NULL ? 0 : tuplestore_tuple_count(rows);
}

static const char oc_check_if_prefix[] = "check if ";

/*
 * The text of a trigger argument without its prefix, and its kind; for
 * 'check if c:', *when is column c (else InvalidAttrNumber).
 */
static const char *
oc_rule_text(Trigger *trigger, Relation rel, int arg, OcRuleKind *kind, AttrNumber *when)
{
	const char *text = trigger->tgargs[arg];

	*when = InvalidAttrNumber;
	if (strncmp(text, oc_check_if_prefix, sizeof(oc_check_if_prefix) - 1) == 0)
	{
		const char *column = text + sizeof(oc_check_if_prefix) - 1;
		const char *colon = strchr(column, ':');

		if (colon != NULL)
			*when = attnameAttNum(rel, pnstrdup(column, colon - column), false);
		if (*when <= 0)
			elog(ERROR, "trigger %s: argument %d names no column to check if", trigger->tgname, arg);
		*kind = OC_RULE_CHECK;
		return colon + 1;
	}
	for (int i = 0; i < (int) lengthof(oc_rule_prefixes); i++)
	{
		size_t		len = strlen(oc_rule_prefixes[i].prefix);

		if (strncmp(text, oc_rule_prefixes[i].prefix, len) == 0)
		{
			*kind = oc_rule_prefixes[i].kind;
			return text + len;
		}
	}
	elog(ERROR, "trigger %s: argument %d is not a keys:, do:, check:, check if, audit:, audit by sheet: or item rules: rule",
		 trigger->tgname, arg);
	return NULL;				/* keep compiler quiet */
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
static int
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
	bool		isnew;
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
			elog(ERROR, "trigger %s: bad keys: column \"%s\"", trigger->tgname, name);
		keys->attnums[keys->natts++] = attnum;
	}
	if (keys->natts == 0)
		elog(ERROR, "trigger %s: keys: names no column", trigger->tgname);
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
			elog(ERROR, "keys: column \"%s\" has no hashable equality", NameStr(att->attname));
		eqops[i] = type->eq_opr;
		collations[i] = att->attcollation;
		columns[i] = i + 1;
	}
	execTuplesHashPrepare(keys->natts, eqops, &eqfuncs, &hashfuncs);

	set->rows = rows;
	set->readptr = -1;
	set->keys = BuildTupleHashTableExt(NULL, keys->desc, keys->natts, columns, eqfuncs, hashfuncs, collations,
									   Min(Max(tuplestore_tuple_count(rows), 16), 1 << 20), 0,
									   CurrentMemoryContext, CurrentMemoryContext, keys->tempcxt, false);
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
static bool
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
static void
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

/* A text column of the violation row, or NULL. */
static char *
oc_violation_field(const char *column)
{
	int			fno = SPI_fnumber(SPI_tuptable->tupdesc, column);

	if (fno <= 0)
		elog(ERROR, "rule query has no column \"%s\"", column);
	return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, fno);
}

/* Raises the violation the first row of a check: rule describes. */
static void
oc_raise_violation(Relation rel)
{
	char	   *sqlstate = oc_violation_field("sqlstate");
	char	   *constraint_name = oc_violation_field("constraint_name");
	char	   *message = oc_violation_field("message");
	char	   *detail = oc_violation_field("detail");
	char	   *hint = oc_violation_field("hint");

	if (sqlstate == NULL || strlen(sqlstate) != 5 || message == NULL)
		elog(ERROR, "rule query returned a malformed violation");
	ereport(ERROR,
			(errcode(MAKE_SQLSTATE(sqlstate[0], sqlstate[1], sqlstate[2], sqlstate[3], sqlstate[4])),
			 errmsg_internal("%s", message),
			 detail ? errdetail_internal("%s", detail) : 0,
			 hint ? errhint("%s", hint) : 0,
			 constraint_name ? errtableconstraint(rel, constraint_name) : errtable(rel)));
}

PG_FUNCTION_INFO_V1(enforce_rules);
/* enforce_rules(): AFTER ... FOR EACH STATEMENT trigger running the rules given as its arguments. */
Datum
enforce_rules(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;
	Oid			saved_user;
	int			saved_context;
	Oid			saved_acting = oc_acting_user;
	OcRuleRun  *saved_run = oc_run;
	OcRuleRun	run;
	OcKeys		keys;
	int			i;
	bool		bulk;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("enforce_rules: not called by trigger manager")));
	if (!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) || !TRIGGER_FIRED_AFTER(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("enforce_rules: must be fired AFTER ... FOR EACH STATEMENT")));
	if (!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) && !TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) &&
		!TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("enforce_rules: must be fired by INSERT, UPDATE or DELETE")));
	rel = trigdata->tg_relation;
	bulk = oc_transition_rows(trigdata->tg_newtable) > OC_BULK_ROWS ||
		oc_transition_rows(trigdata->tg_oldtable) > OC_BULK_ROWS;

	/* run as the table's owner; the search path is fixed when a query first runs (oc_use_sql) */
	GetUserIdAndSecContext(&saved_user, &saved_context);
	oc_acting_user = saved_user;
	SetUserIdAndSecContext(rel->rd_rel->relowner, saved_context | SECURITY_LOCAL_USERID_CHANGE);

	memset(&keys, 0, sizeof(keys));
	memset(&run, 0, sizeof(run));
	run.trigdata = trigdata;
	run.keys = &keys;
	/* keys and audit buffers live for the call: the trigger manager frees this context after it */
	run.statement = CurrentMemoryContext;
	oc_run = &run;

	PG_TRY();
	{
		for (i = 0; i < trigdata->tg_trigger->tgnargs; i++)
		{
			OcRuleKind	kind;
			AttrNumber	when;
			const char *query = oc_rule_text(trigdata->tg_trigger, rel, i, &kind, &when);
			int			rc;

			if (kind == OC_RULE_KEYS)
			{
				if (i != 0)
					elog(ERROR, "trigger %s: keys: must be the first argument", trigdata->tg_trigger->tgname);
				/* the columns of later 'check if' rules are looked at in the same pass */
				for (int j = 1; j < trigdata->tg_trigger->tgnargs && keys.nwatch < OC_MAX_KEYS; j++)
				{
					OcRuleKind	other;
					AttrNumber	column;

					(void) oc_rule_text(trigdata->tg_trigger, rel, j, &other, &column);
					if (column != InvalidAttrNumber)
						keys.watch[keys.nwatch++] = column;
				}
				oc_build_keys(trigdata, query, &keys);
				continue;
			}
			if (when != InvalidAttrNumber && !oc_rows_have_value(trigdata, &keys, when))
				continue;
			if (kind != OC_RULE_DO && kind != OC_RULE_CHECK && keys.natts == 0)
				elog(ERROR, "trigger %s: argument %d needs keys:", trigdata->tg_trigger->tgname, i);
			/* the rules written in C */
			if (kind == OC_RULE_ITEMS)
			{
				if (oc_item_sheet_rules(trigdata, &keys))
					oc_raise_violation(rel);
				continue;
			}
			if (kind == OC_RULE_AUDIT_BY_SHEET)
			{
				oc_write_audit(trigdata, &keys, run.statement, true);
				continue;
			}

			/*
			 * A kept plan is made for the small transition tables of ordinary
			 * statements (nested loops over a few rows). A bulk statement gets
			 * a plan of its own, made for its real size (hash joins).
			 */
			oc_use_sql();
			if (bulk)
				rc = SPI_execute(query, false, kind == OC_RULE_CHECK ? 1 : 0);
			else
				rc = SPI_execute_plan(oc_kept_plan(trigdata->tg_trigger, i, query, 0, NULL), NULL, NULL, false,
									  kind == OC_RULE_CHECK ? 1 : 0);

			if (rc < 0)
				elog(ERROR, "trigger %s: rule %d failed: %s", trigdata->tg_trigger->tgname, i,
					 SPI_result_code_string(rc));
			if (kind == OC_RULE_CHECK && SPI_processed > 0)
				oc_raise_violation(rel);
			if (kind == OC_RULE_AUDIT)
				oc_write_audit(trigdata, &keys, run.statement, false);
		}
		if (keys.natts > 0)
		{
			ExecDropSingleTupleTableSlot(keys.row);
			ExecDropSingleTupleTableSlot(keys.key);
		}
		if (run.sql)
		{
			SPI_finish();
			AtEOXact_GUC(true, run.nestlevel);
		}
	}
	PG_FINALLY();
	{
		/* on error, transaction abort restores the user, SPI and settings; these are ours to restore */
		oc_acting_user = saved_acting;
		oc_run = saved_run;
	}
	PG_END_TRY();

	SetUserIdAndSecContext(saved_user, saved_context);
	return PointerGetDatum(NULL);
}

/* Who ran the statement the current rule runs for; the current user elsewhere. */
Oid
oc_acting_user_id(void)
{
	return OidIsValid(oc_acting_user) ? oc_acting_user : GetUserId();
}

PG_FUNCTION_INFO_V1(acting_user);
/* acting_user(): who ran the statement the current rule runs for; current_user elsewhere. */
Datum
acting_user(PG_FUNCTION_ARGS)
{
	Oid			user = oc_acting_user_id();

	PG_RETURN_DATUM(DirectFunctionCall1(namein, CStringGetDatum(GetUserNameFromId(user, false))));
}

PG_FUNCTION_INFO_V1(refuse_truncate);
/* refuse_truncate(): BEFORE TRUNCATE trigger: evaluation documents are only removed by purge_expired. */
Datum
refuse_truncate(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("refuse_truncate: not called by trigger manager")));
	if (!TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("refuse_truncate: must be fired BEFORE TRUNCATE")));
	ereport(ERROR,
			(errcode(ERRCODE_RESTRICT_VIOLATION),
			 errmsg("table %s cannot be truncated", RelationGetRelationName(trigdata->tg_relation)),
			 errdetail("Evaluation documents are kept for three years from the day the evaluation was completed (methodology §11)."),
			 errhint("Use ocenka.purge_expired() to remove what has expired."),
			 errtable(trigdata->tg_relation)));
	return PointerGetDatum(NULL);
}
