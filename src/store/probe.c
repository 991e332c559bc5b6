/*
 * probe.c — primary-key lookups of ocenka's own tables, for rules written in C.
 *
 * A rule that needs one row per key (the sheet of an item, the status of a
 * period) is cheaper as an index probe than as a query through SPI: a query
 * pays executor start-up on every statement, which is most of the cost of a
 * one-row INSERT. A probe keeps one index scan open and restarts it per key.
 */
#include "ocenka.h"

#include "access/genam.h"
#include "access/nbtree.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "parser/parse_relation.h"
#include "executor/tuptable.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"

/* Opens a probe of ocenka.<table> by its primary key, reading with the snapshot. */
void
oc_probe_open(OcProbe *probe, const char *table, LOCKMODE lockmode, Snapshot snapshot)
{
	Oid			relid = get_relname_relid(table, get_namespace_oid("ocenka", false));
	Oid			indexid;

	if (!OidIsValid(relid))
		elog(ERROR, "table ocenka.%s does not exist", table);
	probe->heap = table_open(relid, lockmode);
	/* listing the indexes fills in the relcache's note of the primary key */
	list_free(RelationGetIndexList(probe->heap));
	indexid = OC_PRIMARY_KEY_INDEX(probe->heap);
	if (!OidIsValid(indexid))
		elog(ERROR, "table ocenka.%s has no primary key", table);
	probe->index = index_open(indexid, lockmode);
	probe->nkeys = IndexRelationGetNumberOfKeyAttributes(probe->index);
	if (probe->nkeys > OC_PROBE_MAX_KEYS)
		elog(ERROR, "the primary key of ocenka.%s has more than %d columns", table, OC_PROBE_MAX_KEYS);
	for (int i = 0; i < probe->nkeys; i++)
	{
		Oid			type = probe->index->rd_opcintype[i];
		Oid			eq = get_opfamily_member(probe->index->rd_opfamily[i], type, type, BTEqualStrategyNumber);

		if (!OidIsValid(eq))
			elog(ERROR, "the primary key of ocenka.%s has no equality for column %d", table, i + 1);
		ScanKeyEntryInitialize(&probe->keys[i], 0, i + 1, BTEqualStrategyNumber, InvalidOid,
							   probe->index->rd_indcollation[i], get_opcode(eq), (Datum) 0);
	}
#if PG_VERSION_NUM >= 180000
	probe->scan = index_beginscan(probe->heap, probe->index, snapshot, NULL, probe->nkeys, 0);
#else
	probe->scan = index_beginscan(probe->heap, probe->index, snapshot, probe->nkeys, 0);
#endif
	probe->slot = table_slot_create(probe->heap, NULL);
}

/* Finds the row whose primary key is the given values; false if there is none. */
bool
oc_probe(OcProbe *probe, const Datum *key)
{
	for (int i = 0; i < probe->nkeys; i++)
		probe->keys[i].sk_argument = key[i];
	index_rescan(probe->scan, probe->keys, probe->nkeys, NULL, 0);
	return index_getnext_slot(probe->scan, ForwardScanDirection, probe->slot);
}

/*
 * Starts a walk, in key order, over the rows whose (single-column) key is at
 * least low: for many keys close together one walk reads each index page
 * once, where a probe per key descends the tree from its root every time.
 */
void
oc_probe_from(OcProbe *probe, Datum low)
{
	Oid			type = probe->index->rd_opcintype[0];
	Oid			ge = get_opfamily_member(probe->index->rd_opfamily[0], type, type, BTGreaterEqualStrategyNumber);
	ScanKeyData from;

	if (probe->nkeys != 1 || !OidIsValid(ge))
		elog(ERROR, "the primary key of %s cannot be walked from a value", RelationGetRelationName(probe->heap));
	ScanKeyEntryInitialize(&from, 0, 1, BTGreaterEqualStrategyNumber, InvalidOid,
						   probe->index->rd_indcollation[0], get_opcode(ge), low);
	index_rescan(probe->scan, &from, 1, NULL, 0);
}

/* The walk's next row (into probe->slot); false after the last. */
bool
oc_probe_next(OcProbe *probe)
{
	return index_getnext_slot(probe->scan, ForwardScanDirection, probe->slot);
}

/* A column of the row just found, by name. */
Datum
oc_probe_column(OcProbe *probe, const char *column, bool *isnull)
{
	AttrNumber	attnum = oc_probe_attnum(probe, column);

	return slot_getattr(probe->slot, attnum, isnull);
}

/* The number of a column of the probed table. */
AttrNumber
oc_probe_attnum(OcProbe *probe, const char *column)
{
	AttrNumber	attnum = attnameAttNum(probe->heap, column, false);

	if (attnum <= 0)
		elog(ERROR, "table %s has no column \"%s\"", RelationGetRelationName(probe->heap), column);
	return attnum;
}

/*
 * Locks the row just found FOR SHARE, as SELECT … FOR SHARE would, and leaves
 * its newest version in probe->slot; false if it was deleted meanwhile. A
 * close_quarter that updates the row first is waited for, and its result read.
 */
bool
oc_probe_lock_share(OcProbe *probe)
{
	ItemPointerData tid = probe->slot->tts_tid;
	TupleTableSlot *locked = table_slot_create(probe->heap, NULL);
	TM_FailureData tmfd;
	TM_Result	result;
	bool		found = true;
	uint8		flags = TUPLE_LOCK_FLAG_LOCK_UPDATE_IN_PROGRESS;

	/* as ExecLockRows: read committed locks the newest version, repeatable read fails on a newer one */
	if (!IsolationUsesXactSnapshot())
		flags |= TUPLE_LOCK_FLAG_FIND_LAST_VERSION;
	result = table_tuple_lock(probe->heap, &tid, GetActiveSnapshot(), locked, GetCurrentCommandId(true),
							  LockTupleShare, LockWaitBlock, flags, &tmfd);
	switch (result)
	{
		case TM_Ok:
			ExecCopySlot(probe->slot, locked);
			break;
		case TM_SelfModified:
			/* changed by this transaction after our snapshot: it holds a stronger lock already */
			break;
		case TM_Updated:
		case TM_Deleted:
			if (IsolationUsesXactSnapshot())
				ereport(ERROR,
						(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
						 errmsg("could not serialize access due to concurrent update")));
			if (result == TM_Updated)
				elog(ERROR, "unexpected table_tuple_lock result %d", (int) result);
			found = false;
			break;
		default:
			elog(ERROR, "unexpected table_tuple_lock result %d", (int) result);
	}
	ExecDropSingleTupleTableSlot(locked);
	return found;
}

/* Ends a probe; its locks stay until the transaction ends. */
void
oc_probe_close(OcProbe *probe)
{
	ExecDropSingleTupleTableSlot(probe->slot);
	index_endscan(probe->scan);
	index_close(probe->index, NoLock);
	table_close(probe->heap, NoLock);
}

/*
 * Makes what the statement and the rules before wrote visible and pushes a
 * snapshot to read it with, as a query run through SPI would.
 */
void
oc_push_rule_snapshot(void)
{
	CommandCounterIncrement();
	PushActiveSnapshot(GetTransactionSnapshot());
	UpdateActiveSnapshotCommandId();
}
