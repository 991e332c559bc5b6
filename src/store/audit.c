/*
 * audit.c — the audit log's row images (methodology §11).
 *
 * The rule engine's audit: rule hands this file the statement's transition
 * rows and a map from their keys to periods. Each entry of ocenka.audit_log
 * then holds up to OC_AUDIT_CHUNK rows of one statement, table and period,
 * old and new side by side, each side one bytea:
 *
 *   "OCA1", uint16 column count, per column its name and type name (each
 *   NUL-terminated), then per row a uint32 length and the row in
 *   PostgreSQL's own minimal tuple format
 *
 * Writing is a copy of what the statement already captured, so a bulk COPY
 * pays no output function per value; the names and type names make an image
 * readable after the table changes or the database is dumped and restored
 * (type OIDs would not survive that; the types' stored formats do, except
 * enums', whose values are OIDs too: they are stored as their labels).
 * ocenka.audit_rows() turns an entry back into JSON for auditors; it reads
 * only the audit log itself, which only these triggers write.
 */
#include "ocenka.h"

#include "access/detoast.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/tupdesc.h"
#include "access/xact.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/sequence.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "parser/parse_relation.h"
#include "rewrite/rowsecurity.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/tuplestore.h"

/*
 * Rows per audit log entry at most: an entry stays well under TOAST's limits
 * and is read whole. A statement over many periods writes entries early, so
 * that no more than work_mem of rows waits in memory.
 */
#define OC_AUDIT_CHUNK 10000

static const char oc_image_magic[4] = {'O', 'C', 'A', '1'};

/* How a table's rows are written: its live columns and the layout header. */
typedef struct OcImageLayout
{
	TupleDesc	table;			/* the table's row type */
	TupleDesc	live;			/* its columns without dropped ones, enums as text */
	bool	   *as_label;		/* per table column: an enum, stored as its label */
	bool		reform_all;		/* dropped or enum columns: every row is re-formed */
	StringInfoData header;
	MemoryContext scratch;		/* re-formed rows */
} OcImageLayout;

/* A period of the audit log: body, quarter, year, which of them are null. */
typedef struct OcPeriod
{
	int64		body;
	int32		q;
	int32		year;
	int32		nulls;
} OcPeriod;

/* The rows of one period waiting to be written. */
typedef struct OcAuditGroup
{
	OcPeriod	period;
	int			count;
	StringInfoData old_images;
	StringInfoData new_images;
	bool		listed;			/* in the list below: some row of the statement is in it */
	struct OcAuditGroup *next;	/* in order of the first row in each */
} OcAuditGroup;

/* Everything one audit: rule needs while it writes. */
typedef struct OcAuditWriter
{
	TriggerData *trigdata;
	const char *operation;
	bool		images;			/* false under purge: deletions are counted, not copied */
	OcImageLayout layout;
	HTAB	   *groups;
	Size		buffered;		/* bytes the groups' buffers hold (their capacity, not only what waits) */
	OcAuditGroup *first;
	OcAuditGroup **last;
	SPIPlanPtr	insert;			/* the INSERT, when the log cannot be written directly */
	Oid			argtypes[8];	/* its parameters */
	Oid			quarter_type;	/* of the log's q column */
	struct OcLogWriter *direct; /* NULL until the first entry, then the direct writer or not */
	bool		direct_checked;
	MemoryContext entry;		/* one entry's values, TOAST and compression work: reset after each */
} OcAuditWriter;

/* The columns of ocenka.audit_log, in the order of OcLogColumn. */
static const char *const oc_log_columns[] = {
	"id", "at", "actor", "table_name", "operation", "mode", "reason", "body_id", "q", "year", "row_count",
	"old_rows", "new_rows"
};

typedef enum OcLogColumn
{
	OC_LOG_ID, OC_LOG_AT, OC_LOG_ACTOR, OC_LOG_TABLE, OC_LOG_OPERATION, OC_LOG_MODE, OC_LOG_REASON,
	OC_LOG_BODY, OC_LOG_Q, OC_LOG_YEAR, OC_LOG_COUNT, OC_LOG_OLD, OC_LOG_NEW, OC_LOG_NCOLUMNS
} OcLogColumn;

/*
 * The audit log written directly: heap and index inserts without a plan, as
 * PostgreSQL's own catalogs are written. An INSERT through SPI spends most of
 * its time starting its executor, and a one-row statement pays that once per
 * audited statement. Used only while the log is as the extension made it.
 */
typedef struct OcLogWriter
{
	Relation	rel;
	ResultRelInfo *rri;
	EState	   *estate;
	TupleTableSlot *slot;
	Oid			sequence;		/* of the identity column */
	AttrNumber	attnum[OC_LOG_NCOLUMNS];
} OcLogWriter;

/* Writes the layout header of a table's rows. */
static void
oc_layout_init(OcImageLayout *layout, TupleDesc table)
{
	int			nlive = 0;
	uint16		n;

	for (int i = 0; i < table->natts; i++)
		if (!TupleDescAttr(table, i)->attisdropped)
			nlive++;
	layout->table = table;
	layout->live = CreateTemplateTupleDesc(nlive);
	layout->as_label = palloc0(table->natts * sizeof(bool));
	layout->reform_all = nlive != table->natts;
	initStringInfo(&layout->header);
	appendBinaryStringInfo(&layout->header, oc_image_magic, sizeof(oc_image_magic));
	n = (uint16) nlive;
	appendBinaryStringInfo(&layout->header, (char *) &n, sizeof(n));
	nlive = 0;
	for (int i = 0; i < table->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(table, i);

		if (att->attisdropped)
			continue;
		/*
		 * An enum value is stored as the OID of its label, which a dump and
		 * restore renumbers: the image keeps the label instead.
		 */
		layout->as_label[i] = type_is_enum(att->atttypid);
		layout->reform_all |= layout->as_label[i];
		if (layout->as_label[i])
			TupleDescInitEntry(layout->live, ++nlive, NameStr(att->attname), TEXTOID, -1, 0);
		else
			TupleDescCopyEntry(layout->live, ++nlive, table, i + 1);
		appendStringInfoString(&layout->header, NameStr(att->attname));
		appendStringInfoChar(&layout->header, '\0');
		appendStringInfoString(&layout->header,
							   format_type_be_qualified(layout->as_label[i] ? TEXTOID : att->atttypid));
		appendStringInfoChar(&layout->header, '\0');
	}
	layout->scratch = AllocSetContextCreate(CurrentMemoryContext, "ocenka audit rows", ALLOCSET_SMALL_SIZES);
}

/*
 * A row as it is stored: the captured tuple itself, unless it points into
 * TOAST (which a purge would empty), lacks columns added later, carries
 * dropped ones, or has enum values.
 */
static MinimalTuple
oc_storable_row(OcImageLayout *layout, TupleTableSlot *slot)
{
	bool		should_free;
	MinimalTuple tuple = ExecFetchSlotMinimalTuple(slot, &should_free);
	Datum	   *values;
	bool	   *isnull;
	int			j = 0;
	MemoryContext old;

	Assert(!should_free);
	if (!layout->reform_all && (tuple->t_infomask2 & HEAP_NATTS_MASK) == layout->table->natts &&
		(tuple->t_infomask & HEAP_HASEXTERNAL) == 0)
		return tuple;

	old = MemoryContextSwitchTo(layout->scratch);
	slot_getallattrs(slot);
	values = palloc(layout->live->natts * sizeof(Datum));
	isnull = palloc(layout->live->natts * sizeof(bool));
	for (int i = 0; i < layout->table->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(layout->table, i);
		Datum		value = slot->tts_values[i];

		if (att->attisdropped)
			continue;
		if (!slot->tts_isnull[i] && att->attlen == -1 && VARATT_IS_EXTERNAL(DatumGetPointer(value)))
			value = PointerGetDatum(detoast_external_attr((struct varlena *) DatumGetPointer(value)));
		if (!slot->tts_isnull[i] && layout->as_label[i])
			value = CStringGetTextDatum(DatumGetCString(DirectFunctionCall1(enum_out, value)));
		values[j] = value;
		isnull[j++] = slot->tts_isnull[i];
	}
#if PG_VERSION_NUM >= 180000
	tuple = heap_form_minimal_tuple(layout->live, values, isnull, 0);
#else
	tuple = heap_form_minimal_tuple(layout->live, values, isnull);
#endif
	MemoryContextSwitchTo(old);
	return tuple;
}

/* Appends a row to one side of a group: the bytea header and layout first, when empty. */
static void
oc_append_image(OcImageLayout *layout, StringInfo images, TupleTableSlot *slot)
{
	MinimalTuple tuple = oc_storable_row(layout, slot);
	uint32		len = tuple->t_len;

	if (images->data == NULL)
		initStringInfo(images);
	if (images->len == 0)
	{
		appendStringInfoSpaces(images, VARHDRSZ);
		appendBinaryStringInfo(images, layout->header.data, layout->header.len);
	}
	appendBinaryStringInfo(images, (char *) &len, sizeof(len));
	appendBinaryStringInfo(images, (char *) tuple, len);
	MemoryContextReset(layout->scratch);
}

/* The group of a period, made on first use. */
static OcAuditGroup *
oc_group(OcAuditWriter *w, const OcPeriod *period)
{
	bool		found;
	OcAuditGroup *group = hash_search(w->groups, period, HASH_ENTER, &found);

	if (!found)
	{
		group->count = 0;
		/* the buffers are made by the first row: a statement may have many periods */
		memset(&group->old_images, 0, sizeof(StringInfoData));
		memset(&group->new_images, 0, sizeof(StringInfoData));
		group->listed = false;
		group->next = NULL;
	}
	return group;
}

/* The period in columns n+1 … n+3 (body_id, q, year) of an audit: query's result row. */
static OcPeriod
oc_result_period(TupleTableSlot *result, int n)
{
	OcPeriod	period;
	bool		isnull;
	Datum		value;

	memset(&period, 0, sizeof(period));
	value = slot_getattr(result, n + 1, &isnull);
	if (isnull)
		period.nulls |= 1;
	else
		period.body = DatumGetInt64(value);
	value = slot_getattr(result, n + 2, &isnull);
	if (isnull)
		period.nulls |= 2;
	else
		period.q = DatumGetInt32(value);
	value = slot_getattr(result, n + 3, &isnull);
	if (isnull)
		period.nulls |= 4;
	else
		period.year = DatumGetInt32(value);
	return period;
}

/* Frees a buffer of written rows: what the groups hold is bounded by work_mem, capacity included. */
static void
oc_images_written(StringInfo images)
{
	if (images->data != NULL)
		pfree(images->data);
	memset(images, 0, sizeof(StringInfoData));
}

/* Empties a group whose rows are written. */
static void
oc_group_written(OcAuditWriter *w, OcAuditGroup *group)
{
	w->buffered -= group->old_images.maxlen + group->new_images.maxlen;
	group->count = 0;
	oc_images_written(&group->old_images);
	oc_images_written(&group->new_images);
}

/* One side of a group as the bytea it has become, or NULL. */
static Datum
oc_images_datum(StringInfo images, char *null)
{
	if (images->len == 0)
	{
		*null = 'n';
		return (Datum) 0;
	}
	SET_VARSIZE(images->data, images->len);
	*null = ' ';
	return PointerGetDatum(images->data);
}

/*
 * Whether no row-level policy of the log concerns inserting (FOR INSERT or
 * FOR ALL): a policy on reading or deleting is not bypassed by writing it.
 */
static bool
oc_log_policies_skip_insert(Relation rel)
{
	ListCell   *lc;

	if (!rel->rd_rel->relrowsecurity)
		return true;
	if (rel->rd_rsdesc == NULL)
		return false;
	foreach(lc, rel->rd_rsdesc->policies)
	{
		RowSecurityPolicy *policy = (RowSecurityPolicy *) lfirst(lc);

		if (policy->polcmd == '*' || policy->polcmd == ACL_INSERT_CHR)
			return false;
	}
	return true;
}

/*
 * Whether the log may be written directly: no trigger, CHECK constraint,
 * write policy, generated column or column of anyone else's would be bypassed.
 * (The operation domain's check is not run: the writer's operations are its
 * own constants.)
 */
static bool
oc_log_is_plain(Relation rel, AttrNumber *attnum)
{
	TupleDesc	desc = RelationGetDescr(rel);
	TriggerDesc *trig = rel->trigdesc;
	int			live = 0;

	if (rel->rd_rel->relkind != RELKIND_RELATION || !oc_log_policies_skip_insert(rel))
		return false;
	if (trig != NULL && (trig->trig_insert_before_row || trig->trig_insert_after_row ||
						 trig->trig_insert_instead_row || trig->trig_insert_before_statement ||
						 trig->trig_insert_after_statement))
		return false;
	if (desc->constr != NULL && (desc->constr->num_check > 0 || desc->constr->has_generated_stored))
		return false;
	for (int i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped)
			live++;
	if (live != OC_LOG_NCOLUMNS)
		return false;
	for (int c = 0; c < OC_LOG_NCOLUMNS; c++)
	{
		attnum[c] = attnameAttNum(rel, oc_log_columns[c], false);
		if (attnum[c] <= 0)
			return false;
	}
	return true;
}

/*
 * The identity sequence of the log, remembered until the log's relcache entry
 * is invalidated (which any ALTER of it does): finding it reads pg_depend.
 */
static Oid	oc_log_relid = InvalidOid;
static Oid	oc_log_sequence = InvalidOid;

/* Forgets the log's sequence when the log, or every relation, is invalidated. */
static void
oc_log_relcache_callback(Datum arg, Oid relid)
{
	(void) arg;
	if (relid == InvalidOid || relid == oc_log_relid)
		oc_log_relid = oc_log_sequence = InvalidOid;
}

/* The identity sequence of the log's id column. */
static Oid
oc_log_identity(Relation rel, AttrNumber id)
{
	static bool registered = false;

	if (!registered)
	{
		CacheRegisterRelcacheCallback(oc_log_relcache_callback, (Datum) 0);
		registered = true;
	}
	if (oc_log_relid != RelationGetRelid(rel))
	{
#if PG_VERSION_NUM >= 170000	/* 17: getIdentitySequence takes the Relation, not its OID */
		oc_log_sequence = getIdentitySequence(rel, id, false);
#else
		oc_log_sequence = getIdentitySequence(RelationGetRelid(rel), id, false);
#endif
		oc_log_relid = RelationGetRelid(rel);
	}
	return oc_log_sequence;
}

/* Opens the direct writer of the log, or returns NULL if the log must be written by INSERT. */
static OcLogWriter *
oc_log_open(void)
{
	Oid			relid = get_relname_relid("audit_log", get_namespace_oid("ocenka", false));
	OcLogWriter *log = palloc0(sizeof(OcLogWriter));

	if (!OidIsValid(relid))
		elog(ERROR, "table ocenka.audit_log does not exist");
	log->rel = table_open(relid, RowExclusiveLock);
	if (!oc_log_is_plain(log->rel, log->attnum))
	{
		table_close(log->rel, NoLock);
		pfree(log);
		return NULL;
	}
	log->sequence = oc_log_identity(log->rel, log->attnum[OC_LOG_ID]);
	log->estate = CreateExecutorState();
	/* only the indexes: the log has no insert trigger or constraint to run (oc_log_is_plain) */
	log->rri = makeNode(ResultRelInfo);
	log->rri->ri_RelationDesc = log->rel;
	ExecOpenIndices(log->rri, false);
	log->slot = table_slot_create(log->rel, NULL);
	return log;
}

/* Writes one entry directly; false if a NOT NULL column would get a null (the INSERT then reports it). */
static bool
oc_log_insert(OcLogWriter *log, Datum *values, bool *isnull)
{
	TupleTableSlot *slot = log->slot;
	TupleDesc	desc = RelationGetDescr(log->rel);
	List	   *recheck;

	for (int c = 0; c < OC_LOG_NCOLUMNS; c++)
		if (isnull[c] && TupleDescAttr(desc, log->attnum[c] - 1)->attnotnull)
			return false;
	ExecClearTuple(slot);
	for (int i = 0; i < desc->natts; i++)
		slot->tts_isnull[i] = true;
	for (int c = 0; c < OC_LOG_NCOLUMNS; c++)
	{
		slot->tts_values[log->attnum[c] - 1] = values[c];
		slot->tts_isnull[log->attnum[c] - 1] = isnull[c];
	}
	ExecStoreVirtualTuple(slot);
	table_tuple_insert(log->rel, slot, GetCurrentCommandId(true), 0, NULL);
#if PG_VERSION_NUM >= 160000	/* 16 added ExecInsertIndexTuples' last argument, onlySummarizing */
	recheck = ExecInsertIndexTuples(log->rri, slot, log->estate, false, false, NULL, NIL, false);
#else
	recheck = ExecInsertIndexTuples(log->rri, slot, log->estate, false, false, NULL, NIL);
#endif
	list_free(recheck);
	ResetPerTupleExprContext(log->estate);
	return true;
}

/* Closes the direct writer; the lock on the log stays until the transaction ends. */
static void
oc_log_close(OcLogWriter *log)
{
	ExecDropSingleTupleTableSlot(log->slot);
	ExecCloseIndices(log->rri);
	FreeExecutorState(log->estate);
	table_close(log->rel, NoLock);
}

/* Writes a group's rows as one entry directly, if the log allows it. */
static bool
oc_flush_direct(OcAuditWriter *w, OcAuditGroup *group, bool purge)
{
	Datum		values[OC_LOG_NCOLUMNS];
	bool		isnull[OC_LOG_NCOLUMNS];
	const char *reason = oc_entry_reason();
	char		n;

	if (w->direct == NULL)
		return false;
	memset(isnull, false, sizeof(isnull));
	values[OC_LOG_ID] = Int64GetDatum(nextval_internal(w->direct->sequence, false));
	values[OC_LOG_AT] = TimestampTzGetDatum(GetCurrentStatementStartTimestamp());
	values[OC_LOG_ACTOR] = DirectFunctionCall1(namein, CStringGetDatum(GetUserNameFromId(oc_acting_user_id(), false)));
	values[OC_LOG_TABLE] = CStringGetTextDatum(RelationGetRelationName(w->trigdata->tg_relation));
	values[OC_LOG_OPERATION] = CStringGetTextDatum(w->operation);
	values[OC_LOG_MODE] = CStringGetTextDatum(oc_entry_mode_name());
	isnull[OC_LOG_REASON] = oc_entry_mode() == OC_ENTRY_NORMAL || reason == NULL;
	values[OC_LOG_REASON] = isnull[OC_LOG_REASON] ? (Datum) 0 : CStringGetTextDatum(reason);
	values[OC_LOG_BODY] = Int64GetDatum(group->period.body);
	values[OC_LOG_Q] = Int32GetDatum(group->period.q);
	values[OC_LOG_YEAR] = Int32GetDatum(group->period.year);
	/* a purge's own record outlives the periods it purged: it is kept three years from the purge */
	for (int i = 0; i < 3; i++)
		isnull[OC_LOG_BODY + i] = purge || (group->period.nulls & (1 << i));
	values[OC_LOG_COUNT] = Int32GetDatum(group->count);
	values[OC_LOG_OLD] = oc_images_datum(&group->old_images, &n);
	isnull[OC_LOG_OLD] = n == 'n';
	values[OC_LOG_NEW] = oc_images_datum(&group->new_images, &n);
	isnull[OC_LOG_NEW] = n == 'n';
	return oc_log_insert(w->direct, values, isnull);
}

/* Writes a group's rows as one audit log entry and empties it. */
static void
oc_flush(OcAuditWriter *w, OcAuditGroup *group)
{
	Datum		values[8];
	char		nulls[8];
	bool		purge = oc_entry_mode() == OC_ENTRY_PURGE;
	bool		written;
	MemoryContext old;

	/* what outlives the entry (the direct writer, SPI's set-up, the plan) is made outside its context */
	if (!w->direct_checked)
	{
		w->direct = oc_log_open();
		w->direct_checked = true;
		w->entry = AllocSetContextCreate(CurrentMemoryContext, "ocenka audit entry", ALLOCSET_DEFAULT_SIZES);
	}
	old = MemoryContextSwitchTo(w->entry);
	written = oc_flush_direct(w, group, purge);
	MemoryContextSwitchTo(old);
	if (written)
	{
		MemoryContextReset(w->entry);
		oc_group_written(w, group);
		return;
	}
	oc_use_sql();
	if (w->insert == NULL)
		w->insert = oc_kept_plan(w->trigdata->tg_trigger, -1,
								 "INSERT INTO ocenka.audit_log (actor, table_name, operation, mode, reason, "
								 "body_id, q, year, row_count, old_rows, new_rows) "
								 "VALUES (ocenka.acting_user(), $1, $2, ocenka.entry_mode(), ocenka.entry_reason(), "
								 "$3, $4, $5, $6, $7, $8)", 8, w->argtypes);
	MemoryContextSwitchTo(w->entry);
	memset(nulls, ' ', sizeof(nulls));
	values[0] = CStringGetTextDatum(RelationGetRelationName(w->trigdata->tg_relation));
	values[1] = CStringGetTextDatum(w->operation);
	/* a purge's own record outlives the periods it purged: it is kept three years from the purge */
	values[2] = Int64GetDatum(group->period.body);
	values[3] = Int32GetDatum(group->period.q);
	values[4] = Int32GetDatum(group->period.year);
	for (int i = 0; i < 3; i++)
		if (purge || (group->period.nulls & (1 << i)))
			nulls[2 + i] = 'n';
	values[5] = Int32GetDatum(group->count);
	values[6] = oc_images_datum(&group->old_images, &nulls[6]);
	values[7] = oc_images_datum(&group->new_images, &nulls[7]);
	if (SPI_execute_plan(w->insert, values, nulls, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "cannot write the audit log");
	MemoryContextSwitchTo(old);
	MemoryContextReset(w->entry);
	oc_group_written(w, group);
}

/* Gives each key the group of the period the audit: query (SPI_tuptable) mapped it to. */
static void
oc_map_by_query(OcAuditWriter *w, OcKeys *keys, int which)
{
	SPITupleTable *periods = SPI_tuptable;
	TupleTableSlot *result;

	if (periods == NULL || periods->tupdesc->natts != keys->natts + 3)
		elog(ERROR, "trigger %s: an audit: query returns the key columns, body_id, q and year",
			 w->trigdata->tg_trigger->tgname);
	result = MakeSingleTupleTableSlot(periods->tupdesc, &TTSOpsHeapTuple);
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		OcPeriod	period;
		TupleHashEntry entry;

		ExecStoreHeapTuple(periods->vals[r], result, false);
		period = oc_result_period(result, keys->natts);
		entry = oc_result_key(keys, which, result);
		if (entry != NULL)
			OC_KEY_DATA(keys->sets[which].keys, entry) = oc_group(w, &period);
	}
	ExecDropSingleTupleTableSlot(result);
	w->quarter_type = SPI_gettypeid(periods->tupdesc, keys->natts + 2);
}

/*
 * Gives each key the group of its sheet's period: the first key column is a
 * sheet id. The item rules of the same trigger leave each key's period on its
 * hash entry; keys without one are probed.
 */
static void
oc_map_by_sheet(OcAuditWriter *w, OcKeys *keys, int which)
{
	TupleTableSlot *key = MakeSingleTupleTableSlot(keys->desc, &TTSOpsMinimalTuple);
	OcProbe		sheet;
	bool		probing = false;
	AttrNumber	body_col = InvalidAttrNumber;
	AttrNumber	q_col = InvalidAttrNumber;
	tuplehash_iterator iter;
	TupleHashEntry entry;

	if (TupleDescAttr(keys->desc, 0)->atttypid != INT8OID)
		elog(ERROR, "trigger %s: audit by sheet: needs a sheet id as the first key", w->trigdata->tg_trigger->tgname);
	InitTupleHashIterator(keys->sets[which].keys, &iter);
	while ((entry = ScanTupleHashTable(keys->sets[which].keys, &iter)) != NULL)
	{
		OcSheetPeriod *left = OC_KEY_DATA(keys->sets[which].keys, entry);
		OcPeriod	period;
		bool		isnull;
		Datum		id;

		memset(&period, 0, sizeof(period));
		/* an item whose sheet is gone (deleted with it) is filed under no period */
		period.nulls = 7;
		if (left != NULL)
		{
			if (left->found)
			{
				period.body = left->body;
				period.q = left->q;
				period.nulls = 4;
			}
		}
		else
		{
			if (!probing)
			{
				oc_push_rule_snapshot();
				oc_probe_open(&sheet, "sheet", AccessShareLock, GetActiveSnapshot());
				body_col = oc_probe_attnum(&sheet, "body_id");
				q_col = oc_probe_attnum(&sheet, "q");
				probing = true;
			}
			ExecStoreMinimalTuple(entry->firstTuple, key, false);
			id = slot_getattr(key, 1, &isnull);
			if (!isnull && oc_probe(&sheet, &id))
			{
				period.body = DatumGetInt64(slot_getattr(sheet.slot, body_col, &isnull));
				period.q = DatumGetInt32(slot_getattr(sheet.slot, q_col, &isnull));
				period.nulls = 4;
			}
		}
		OC_KEY_DATA(keys->sets[which].keys, entry) = oc_group(w, &period);
	}
	if (probing)
	{
		oc_probe_close(&sheet);
		PopActiveSnapshot();
	}
	w->quarter_type = oc_enum_type("quarter");
	ExecDropSingleTupleTableSlot(key);
}

/*
 * Writes the statement's rows to the audit log, grouped by period: each key's
 * period comes from the audit: query that just ran (SPI_tuptable: the key
 * columns, body_id, q and year), or by_sheet from the sheet its key names.
 */
void
oc_write_audit(TriggerData *trigdata, OcKeys *keys, MemoryContext statement, bool by_sheet)
{
	bool		update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	bool		delete = TRIGGER_FIRED_BY_DELETE(trigdata->tg_event);
	int			which = delete ? OC_OLD : OC_NEW;
	MemoryContext old = MemoryContextSwitchTo(statement);
	OcAuditWriter w;
	HASHCTL		ctl;
	OcPeriod	none;
	OcAuditGroup *unmapped;
	Oid			argtypes[8] = {TEXTOID, TEXTOID, INT8OID, InvalidOid, INT4OID, INT4OID, BYTEAOID, BYTEAOID};
	int64		n = 0;

	memset(&w, 0, sizeof(w));
	w.trigdata = trigdata;
	w.operation = update ? "UPDATE" : delete ? "DELETE" : "INSERT";
	w.images = !(delete && oc_entry_mode() == OC_ENTRY_PURGE);
	oc_layout_init(&w.layout, RelationGetDescr(trigdata->tg_relation));
	ctl.keysize = sizeof(OcPeriod);
	ctl.entrysize = sizeof(OcAuditGroup);
	ctl.hcxt = CurrentMemoryContext;
	w.groups = hash_create("ocenka audit periods", 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	w.last = &w.first;

	if (by_sheet)
		oc_map_by_sheet(&w, keys, which);
	else
		oc_map_by_query(&w, keys, which);
	memset(&none, 0, sizeof(none));
	none.nulls = 7;
	unmapped = oc_group(&w, &none);

	memcpy(w.argtypes, argtypes, sizeof(argtypes));
	w.argtypes[3] = w.quarter_type;

	oc_rewind_rows(keys, which);
	oc_forget_key(keys);
	if (update)
		oc_rewind_rows(keys, OC_OLD);
	while (oc_next_row(keys, which))
	{
		TupleHashEntry entry = oc_row_key(keys, which);
		OcAuditGroup *group = entry != NULL && OC_KEY_DATA(keys->sets[which].keys, entry) != NULL ?
			OC_KEY_DATA(keys->sets[which].keys, entry) : unmapped;
		Size		before = group->old_images.maxlen + group->new_images.maxlen;

		/* entries are written in the order of their first rows */
		if (!group->listed)
		{
			group->listed = true;
			*w.last = group;
			w.last = &group->next;
		}
		if (w.images)
			oc_append_image(&w.layout, delete ? &group->old_images : &group->new_images, keys->row);
		/* old and new transition rows come in the same order */
		if (update)
		{
			if (!oc_next_row(keys, OC_OLD))
				elog(ERROR, "trigger %s: fewer old rows than new ones", trigdata->tg_trigger->tgname);
			oc_append_image(&w.layout, &group->old_images, keys->row);
		}
		w.buffered += group->old_images.maxlen + group->new_images.maxlen - before;
		if (++group->count == OC_AUDIT_CHUNK)
			oc_flush(&w, group);
		/* a statement over many periods writes its entries early rather than hold more than work_mem */
		if (w.buffered > (Size) work_mem * 1024)
			for (OcAuditGroup *g = w.first; g != NULL; g = g->next)
				if (g->count > 0)
					oc_flush(&w, g);
		if ((++n & 1023) == 0)
			MemoryContextReset(keys->tempcxt);
	}
	oc_forget_key(keys);
	for (OcAuditGroup *group = w.first; group != NULL; group = group->next)
		if (group->count > 0)
			oc_flush(&w, group);
	if (w.direct != NULL)
		oc_log_close(w.direct);
	if (w.entry != NULL)
		MemoryContextDelete(w.entry);
	MemoryContextSwitchTo(old);
}

/* Reads the images of one side of an audit log entry. */
typedef struct OcImageReader
{
	const char *pos;
	const char *end;
	TupleDesc	desc;
	Datum	   *values;
	bool	   *isnull;
} OcImageReader;

/* A NUL-terminated string of the layout, checked against the end of the value. */
static const char *
oc_layout_string(OcImageReader *reader)
{
	const char *s = reader->pos;
	size_t		len = strnlen(s, reader->end - s);

	if (s + len >= reader->end)
		elog(ERROR, "audit log entry has a malformed layout");
	reader->pos += len + 1;
	return s;
}

/* Starts reading a side of an entry: its layout becomes a row type. */
static void
oc_reader_init(OcImageReader *reader, bytea *images)
{
	uint16		natts;

	reader->pos = VARDATA_ANY(images);
	reader->end = reader->pos + VARSIZE_ANY_EXHDR(images);
	if (reader->end - reader->pos < (long) (sizeof(oc_image_magic) + sizeof(natts)) ||
		memcmp(reader->pos, oc_image_magic, sizeof(oc_image_magic)) != 0)
		elog(ERROR, "audit log entry is not in the OCA1 format");
	reader->pos += sizeof(oc_image_magic);
	memcpy(&natts, reader->pos, sizeof(natts));
	reader->pos += sizeof(natts);
	reader->desc = CreateTemplateTupleDesc(natts);
	for (int i = 1; i <= natts; i++)
	{
		const char *name = oc_layout_string(reader);
		const char *type = oc_layout_string(reader);
		Oid			typid = DatumGetObjectId(DirectFunctionCall1(regtypein, CStringGetDatum(type)));

		TupleDescInitEntry(reader->desc, i, name, typid, -1, 0);
	}
	reader->desc = BlessTupleDesc(reader->desc);
	reader->values = palloc(natts * sizeof(Datum));
	reader->isnull = palloc(natts * sizeof(bool));
}

/* The next row of a side as jsonb; false at its end. */
static bool
oc_reader_next(OcImageReader *reader, Datum *row)
{
	uint32		len;
	MinimalTuple tuple;
	HeapTupleData htup;
	Datum		json;

	if (reader->pos >= reader->end)
		return false;
	if (reader->end - reader->pos < (long) sizeof(len))
		elog(ERROR, "audit log entry is truncated");
	memcpy(&len, reader->pos, sizeof(len));
	reader->pos += sizeof(len);
	if (len < SizeofMinimalTupleHeader || len > (uint32) (reader->end - reader->pos))
		elog(ERROR, "audit log entry is truncated");
	/* the rows are packed; tuple data needs its natural alignment */
	tuple = palloc(len);
	memcpy(tuple, reader->pos, len);
	reader->pos += len;
	htup.t_len = len + MINIMAL_TUPLE_OFFSET;
	htup.t_data = (HeapTupleHeader) ((char *) tuple - MINIMAL_TUPLE_OFFSET);
	ItemPointerSetInvalid(&htup.t_self);
	htup.t_tableOid = InvalidOid;
	heap_deform_tuple(&htup, reader->desc, reader->values, reader->isnull);
	json = DirectFunctionCall1(row_to_json,
							   HeapTupleGetDatum(heap_form_tuple(reader->desc, reader->values, reader->isnull)));
	*row = DirectFunctionCall1(jsonb_in, CStringGetDatum(text_to_cstring(DatumGetTextPP(json))));
	return true;
}

PG_FUNCTION_INFO_V1(audit_rows);
/* audit_rows(audit_id): the rows of an audit log entry, old and new paired by their place in it. */
Datum
audit_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		id = PG_GETARG_DATUM(0);
	Oid			argtypes[1] = {INT8OID};
	OcImageReader readers[2];
	bool		present[2];

	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "audit_rows: SPI_connect failed");
	/* the entry is read with the caller's rights: whoever may not read the log learns nothing */
	if (SPI_execute_with_args("SELECT old_rows, new_rows FROM ocenka.audit_log WHERE id = $1",
							  1, argtypes, &id, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "audit_rows: cannot read the audit log");
	if (SPI_processed == 1)
	{
		for (int side = 0; side < 2; side++)
		{
			bool		isnull;
			Datum		images = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, side + 1, &isnull);

			present[side] = !isnull;
			if (!isnull)
				oc_reader_init(&readers[side], DatumGetByteaPP(images));
		}
		for (int64 ordinal = 1;; ordinal++)
		{
			Datum		values[3];
			bool		nulls[3] = {false, true, true};

			for (int side = 0; side < 2; side++)
				if (present[side] && !oc_reader_next(&readers[side], &values[side + 1]))
					present[side] = false;
				else if (present[side])
					nulls[side + 1] = false;
			if (nulls[1] && nulls[2])
				break;
			values[0] = Int64GetDatum(ordinal);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	SPI_finish();
	return (Datum) 0;
}
