/*
 * items.c — the sheet rules of items, written in C (methodology §5).
 *
 * Items are the bulk of the data and the single-row hot path. Each distinct
 * (sheet_id, form) of a statement must name an existing sheet of that form,
 * and the sheet's quarter must be open and inside its entry window: after the
 * quarter ends, until its edition's deadline (unless HR enters late or an
 * administrator loads history). The period rows are locked FOR SHARE, in
 * (body, quarter) order, so that a racing close_quarter (which locks them FOR
 * UPDATE) either waits for the statement or is seen by it.
 *
 * A signed sheet's items do not change (rule 6) until its evaluator amends it
 * with a reason (ocenka.amend_sheet), except in a historical load or a purge.
 *
 * Here these rules are primary-key probes (src/probe.c) instead of one query
 * through SPI, whose executor start-up was most of a one-row INSERT's cost.
 * The first violation is the one the query reported: the lowest rule number,
 * then the lowest sheet id. Its message still comes from SQL
 * (ocenka.item_entry_violation), so every error text has one source.
 */
#include "ocenka.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "parser/parse_relation.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

/* The rules, numbered as in ocenka.item_entry_violation. */
#define OC_ITEM_NO_SHEET	1
#define OC_ITEM_OTHER_FORM	2
#define OC_ITEM_CLOSED		3
#define OC_ITEM_TOO_EARLY	4
#define OC_ITEM_TOO_LATE	5
#define OC_ITEM_SIGNED		6

/* The first violation found so far: a rule and the key that breaks it. */
typedef struct OcItemViolation
{
	int			rule;			/* 0: none */
	int64		sheet;
	Datum		form;			/* the key's form (in the key hash table) */
} OcItemViolation;

/* A period of the statement: its status row decides rule 3 for the keys in it. */
typedef struct OcItemPeriod
{
	int64		body;			/* hash key: body and quarter */
	OcQuarter	q;
	OcItemViolation first_open; /* the lowest sheet whose rules 1–2 hold */
	OcItemViolation time_rule;	/* the lowest sheet breaking rule 4 or 5, if open */
	bool		closed;
} OcItemPeriod;

/* An edition's quarter deadline, looked up once per statement. */
typedef struct OcDeadline
{
	Datum		methodology;	/* its code, a text */
	bool		known;			/* false: the edition has no quarter deadline */
	int			days;
	struct OcDeadline *next;
} OcDeadline;

/* The sheets' periods left on the keys, allocated a block at a time. */
typedef struct OcPeriodBlocks
{
	OcSheetPeriod *block;
	int			used;
	TupleHashTable keys;		/* the table whose entries they are left on */
} OcPeriodBlocks;

#define OC_PERIOD_BLOCK 1024

/* Leaves the period of a key's sheet on its hash entry. */
static void
oc_leave_period(OcPeriodBlocks *blocks, TupleHashEntry entry, bool found, int64 body, OcQuarter q)
{
	OcSheetPeriod *period;

	if (blocks->block == NULL || blocks->used == OC_PERIOD_BLOCK)
	{
		blocks->block = palloc(OC_PERIOD_BLOCK * sizeof(OcSheetPeriod));
		blocks->used = 0;
	}
	period = &blocks->block[blocks->used++];
	period->found = found;
	period->body = body;
	period->q = q;
	OC_KEY_DATA(blocks->keys, entry) = period;
}

/* Whether violation a comes before b: the lower rule, then the lower sheet. */
static bool
oc_item_before(const OcItemViolation *a, const OcItemViolation *b)
{
	if (b->rule == 0)
		return a->rule != 0;
	return a->rule != 0 && (a->rule < b->rule || (a->rule == b->rule && a->sheet < b->sheet));
}

/* Keeps the earlier of the violation found and a new candidate. */
static void
oc_item_note(OcItemViolation *first, int rule, int64 sheet, Datum form)
{
	OcItemViolation candidate = {rule, sheet, form};

	if (oc_item_before(&candidate, first))
		*first = candidate;
}

/* Whether two text values are equal byte for byte (the default collation is deterministic). */
static bool
oc_text_equal(Datum a, Datum b)
{
	text	   *x = DatumGetTextPP(a);
	text	   *y = DatumGetTextPP(b);

	return VARSIZE_ANY_EXHDR(x) == VARSIZE_ANY_EXHDR(y) &&
		memcmp(VARDATA_ANY(x), VARDATA_ANY(y), VARSIZE_ANY_EXHDR(x)) == 0;
}

/* The quarter deadline (days after the quarter's end) of an edition, probed once per statement. */
static OcDeadline *
oc_deadline_of(OcDeadline **known, OcProbe *methodology, Datum code)
{
	OcDeadline *d;
	bool		isnull = true;
	Datum		days = (Datum) 0;

	for (d = *known; d != NULL; d = d->next)
		if (oc_text_equal(d->methodology, code))
			return d;
	d = palloc(sizeof(OcDeadline));
	d->methodology = PointerGetDatum(pg_detoast_datum_copy((struct varlena *) DatumGetPointer(code)));
	if (oc_probe(methodology, &d->methodology))
		days = oc_probe_column(methodology, "quarter_deadline_day", &isnull);
	d->known = !isnull;
	d->days = isnull ? 0 : DatumGetInt16(days);
	d->next = *known;
	*known = d;
	return d;
}

/* Rule 4 or 5 for a sheet of quarter q under the edition, or 0 if its time rules hold. */
static int
oc_item_time_rule(OcQuarter q, const OcDeadline *deadline)
{
	DateADT		today = oc_today();
	DateADT		last_day = oc_quarter_last_day(q);
	OcEntryMode mode = oc_entry_mode();

	if (today <= last_day)
		return OC_ITEM_TOO_EARLY;
	if (deadline->known && today > last_day + deadline->days &&
		mode != OC_ENTRY_LATE && mode != OC_ENTRY_HISTORICAL)
		return OC_ITEM_TOO_LATE;
	return 0;
}

/* Orders periods by body, then quarter: the order every writer locks them in. */
static int
oc_period_cmp(const void *a, const void *b)
{
	const OcItemPeriod *x = *(OcItemPeriod *const *) a;
	const OcItemPeriod *y = *(OcItemPeriod *const *) b;

	if (x->body != y->body)
		return x->body < y->body ? -1 : 1;
	return x->q < y->q ? -1 : x->q > y->q ? 1 : 0;
}

/* Locks every period FOR SHARE in body and quarter order and notes which are closed. */
static void
oc_lock_periods(HTAB *periods)
{
	long		n = hash_get_num_entries(periods);
	OcItemPeriod **sorted = palloc(Max(n, 1) * sizeof(OcItemPeriod *));
	HASH_SEQ_STATUS seq;
	OcItemPeriod *period;
	OcProbe		status;
	long		i = 0;

	hash_seq_init(&seq, periods);
	while ((period = hash_seq_search(&seq)) != NULL)
		sorted[i++] = period;
	qsort(sorted, n, sizeof(OcItemPeriod *), oc_period_cmp);

	oc_probe_open(&status, "quarter_status", RowShareLock, GetActiveSnapshot());
	for (i = 0; i < n; i++)
	{
		Datum		key[2] = {Int64GetDatum(sorted[i]->body), OcQuarterGetDatum(sorted[i]->q)};
		bool		isnull;

		/* a period without a status row has not started: it is not closed */
		sorted[i]->closed = false;
		if (!oc_probe(&status, key) || !oc_probe_lock_share(&status))
			continue;
		/* the newest version, when a close updated the row meanwhile, is still this period's */
		if (DatumGetInt64(oc_probe_column(&status, "body_id", &isnull)) != sorted[i]->body ||
			DatumGetOcQuarter(oc_probe_column(&status, "q", &isnull)) != sorted[i]->q)
			continue;
		(void) oc_probe_column(&status, "closed_at", &isnull);
		sorted[i]->closed = !isnull;
	}
	oc_probe_close(&status);
	pfree(sorted);
}

/* A key of the statement and its sheet id, to be checked in sheet order. */
typedef struct OcItemKey
{
	int64		sheet;
	TupleHashEntry entry;
} OcItemKey;

/* Orders keys by sheet id. */
static int
oc_item_key_cmp(const void *a, const void *b)
{
	int64		x = ((const OcItemKey *) a)->sheet;
	int64		y = ((const OcItemKey *) b)->sheet;

	return x < y ? -1 : x > y ? 1 : 0;
}

/*
 * Whether one walk of the sheet key beats a probe per key: many keys whose
 * sheets lie close together, as in a bulk load of a quarter (the walk then
 * reads at most four sheets per key).
 */
static bool
oc_item_keys_dense(const OcItemKey *keys, long n)
{
	return n >= 64 && (uint64) keys[n - 1].sheet - (uint64) keys[0].sheet < (uint64) n * 4;
}

/* Checks the keys of one transition table against their sheets, gathering periods. */
static void
oc_item_check_keys(OcKeys *keys, int which, bool delete, OcProbe *sheet, OcProbe *methodology,
				   OcDeadline **deadlines, HTAB *periods, OcItemViolation *first, MemoryContext scratch,
				   OcPeriodBlocks *left)
{
	TupleTableSlot *key = MakeSingleTupleTableSlot(keys->desc, &TTSOpsMinimalTuple);
	AttrNumber	id_col = oc_probe_attnum(sheet, "id");
	AttrNumber	form_col = oc_probe_attnum(sheet, "form");
	AttrNumber	body_col = oc_probe_attnum(sheet, "body_id");
	AttrNumber	q_col = oc_probe_attnum(sheet, "q");
	AttrNumber	methodology_col = oc_probe_attnum(sheet, "methodology");
	/* rule 6: a signed sheet's items change only after its evaluator amends it (0.1's sheets have no signature) */
	AttrNumber	signed_col = attnameAttNum(sheet->heap, "signed_by", false);
	OcEntryMode mode = oc_entry_mode();
	bool		check_signed = signed_col > 0 && mode != OC_ENTRY_HISTORICAL && mode != OC_ENTRY_PURGE;
	long		n = 0;
	OcItemKey  *sorted = palloc(Max(keys->sets[which].keys->hashtab->members, 1) * sizeof(OcItemKey));
	tuplehash_iterator iter;
	TupleHashEntry entry;
	bool		walk;
	bool		on_row = false;
	int64		row_sheet = 0;
	bool		isnull;

	/* in sheet order: neighbouring keys read neighbouring index pages, and a bulk load walks them once */
	left->keys = keys->sets[which].keys;
	InitTupleHashIterator(keys->sets[which].keys, &iter);
	while ((entry = ScanTupleHashTable(keys->sets[which].keys, &iter)) != NULL)
	{
		ExecStoreMinimalTuple(entry->firstTuple, key, false);
		sorted[n].sheet = DatumGetInt64(slot_getattr(key, 1, &isnull));
		sorted[n++].entry = entry;
	}
	qsort(sorted, n, sizeof(OcItemKey), oc_item_key_cmp);
	walk = oc_item_keys_dense(sorted, n);
	if (walk)
	{
		oc_probe_from(sheet, Int64GetDatum(sorted[0].sheet));
		on_row = oc_probe_next(sheet);
		if (on_row)
			row_sheet = DatumGetInt64(slot_getattr(sheet->slot, id_col, &isnull));
	}

	for (long i = 0; i < n; i++)
	{
		MemoryContext old;
		Datum		id;
		Datum		form;
		int64		sheet_id = sorted[i].sheet;
		OcItemPeriod *period;
		OcItemPeriod probe_key;
		bool		found;
		int			rule;

		entry = sorted[i].entry;
		if (walk)
		{
			while (on_row && row_sheet < sheet_id)
			{
				on_row = oc_probe_next(sheet);
				if (on_row)
					row_sheet = DatumGetInt64(slot_getattr(sheet->slot, id_col, &isnull));
			}
			found = on_row && row_sheet == sheet_id;
		}
		old = MemoryContextSwitchTo(scratch);
		ExecStoreMinimalTuple(entry->firstTuple, key, false);
		form = slot_getattr(key, 2, &isnull);
		if (!walk)
		{
			id = Int64GetDatum(sheet_id);
			found = oc_probe(sheet, &id);
		}
		if (!found)
		{
			/* the items of a deleted sheet go with it */
			if (!delete)
				oc_item_note(first, OC_ITEM_NO_SHEET, sheet_id, form);
			MemoryContextSwitchTo(old);
			oc_leave_period(left, entry, false, 0, 0);
		}
		else if (!oc_text_equal(form, slot_getattr(sheet->slot, form_col, &isnull)))
			oc_item_note(first, OC_ITEM_OTHER_FORM, sheet_id, form);
		else
		{
			if (check_signed)
			{
				(void) slot_getattr(sheet->slot, signed_col, &isnull);
				if (!isnull)
					oc_item_note(first, OC_ITEM_SIGNED, sheet_id, form);
			}
			memset(&probe_key, 0, sizeof(probe_key));
			probe_key.body = DatumGetInt64(slot_getattr(sheet->slot, body_col, &isnull));
			probe_key.q = DatumGetOcQuarter(slot_getattr(sheet->slot, q_col, &isnull));
			MemoryContextSwitchTo(old);
			oc_leave_period(left, entry, true, probe_key.body, probe_key.q);
			period = hash_search(periods, &probe_key, HASH_ENTER, &found);
			if (!found)
			{
				memset(&period->first_open, 0, sizeof(OcItemViolation));
				memset(&period->time_rule, 0, sizeof(OcItemViolation));
			}
			/* rule 3 is the period's, known once it is locked; 4 and 5 are the sheet's edition's */
			oc_item_note(&period->first_open, OC_ITEM_CLOSED, sheet_id, form);
			rule = oc_item_time_rule(period->q,
									 oc_deadline_of(deadlines, methodology,
													slot_getattr(sheet->slot, methodology_col, &isnull)));
			if (rule != 0)
				oc_item_note(&period->time_rule, rule, sheet_id, form);
		}
		MemoryContextSwitchTo(old);
		if (((i + 1) & 1023) == 0)
			MemoryContextReset(scratch);
	}
	pfree(sorted);
	ExecDropSingleTupleTableSlot(key);
}

/* Looks the first violation's sheet up again and asks SQL for its message. */
static bool
oc_item_report(const OcItemViolation *first, OcProbe *sheet)
{
	Oid			argtypes[7] = {INT4OID, INT8OID, TEXTOID, TEXTOID, INT8OID, INT8OID, InvalidOid};
	Datum		values[7];
	char		nulls[7] = {' ', ' ', ' ', 'n', 'n', 'n', 'n'};
	Datum		id = Int64GetDatum(first->sheet);
	int			rc;

	argtypes[6] = TupleDescAttr(RelationGetDescr(sheet->heap), oc_probe_attnum(sheet, "q") - 1)->atttypid;
	values[0] = Int32GetDatum(first->rule);
	values[1] = id;
	values[2] = first->form;
	if (oc_probe(sheet, &id))
	{
		static const char *const columns[4] = {"form", "employee_id", "body_id", "q"};

		for (int i = 0; i < 4; i++)
		{
			bool		isnull;

			values[3 + i] = oc_probe_column(sheet, columns[i], &isnull);
			nulls[3 + i] = isnull ? 'n' : ' ';
		}
	}
	oc_use_sql();
	rc = SPI_execute_with_args("SELECT (v).* FROM (SELECT ocenka.item_entry_violation($1, $2, $3, $4, $5, $6, $7) AS v) x "
							   "WHERE (v).sqlstate IS NOT NULL",
							   7, argtypes, values, nulls, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "item_entry_violation failed: %s", SPI_result_code_string(rc));
	return SPI_processed > 0;
}

/*
 * The sheet rules of an item statement over its (sheet_id, form) keys. True
 * if one is broken: the violation is then the first row of SPI_tuptable.
 */
bool
oc_item_sheet_rules(TriggerData *trigdata, OcKeys *keys)
{
	bool		delete = TRIGGER_FIRED_BY_DELETE(trigdata->tg_event);
	MemoryContext scratch = AllocSetContextCreate(CurrentMemoryContext, "ocenka item rules", ALLOCSET_SMALL_SIZES);
	OcItemViolation first = {0, 0, (Datum) 0};
	OcDeadline *deadlines = NULL;
	OcPeriodBlocks left = {NULL, 0, NULL};
	OcProbe		sheet;
	OcProbe		methodology;
	HASHCTL		ctl;
	HTAB	   *periods;
	HASH_SEQ_STATUS seq;
	OcItemPeriod *period;
	bool		broken = false;

	if (keys->natts != 2 || TupleDescAttr(keys->desc, 0)->atttypid != INT8OID ||
		TupleDescAttr(keys->desc, 1)->atttypid != TEXTOID)
		elog(ERROR, "trigger %s: the item rules need keys: sheet_id, form", trigdata->tg_trigger->tgname);

	ctl.keysize = offsetof(OcItemPeriod, first_open);
	ctl.entrysize = sizeof(OcItemPeriod);
	ctl.hcxt = CurrentMemoryContext;
	periods = hash_create("ocenka item periods", 16, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);

	oc_push_rule_snapshot();
	oc_probe_open(&sheet, "sheet", AccessShareLock, GetActiveSnapshot());
	oc_probe_open(&methodology, "methodology", AccessShareLock, GetActiveSnapshot());
	for (int which = OC_NEW; which <= OC_OLD; which++)
		if (keys->sets[which].keys != NULL)
			oc_item_check_keys(keys, which, delete, &sheet, &methodology, &deadlines, periods, &first, scratch,
							   &left);

	oc_lock_periods(periods);
	hash_seq_init(&seq, periods);
	while ((period = hash_seq_search(&seq)) != NULL)
	{
		/* on delete, a closed quarter is the retention rules' business */
		if (period->closed && !delete)
			oc_item_note(&first, OC_ITEM_CLOSED, period->first_open.sheet, period->first_open.form);
		else if (!period->closed && period->time_rule.rule != 0)
			oc_item_note(&first, period->time_rule.rule, period->time_rule.sheet, period->time_rule.form);
	}
	if (first.rule != 0)
		broken = oc_item_report(&first, &sheet);

	oc_probe_close(&methodology);
	oc_probe_close(&sheet);
	PopActiveSnapshot();
	MemoryContextDelete(scratch);
	return broken;
}

/*
 * The KPI rule of items (methodology §3) for a statement of a few rows: each
 * new row with a KPI names the KPI of its sheet's head and year numbered as
 * the item, which has an actual value for the sheet's quarter, and the item's
 * percentage is kpi_percent of that plan and actual. Probing the three rows
 * costs a one-row INSERT far less than starting the rule's query. True when
 * every KPI item plainly keeps the rule; false when one may not, and the
 * query (kpi_item_violation) then decides and words the violation. A row
 * whose sheet does not exist is the sheet rules' business, as in the query.
 */
bool
oc_item_kpis_plain(TriggerData *trigdata)
{
	Tuplestorestate *rows = trigdata->tg_newtable;
	Relation	rel = trigdata->tg_relation;
	AttrNumber	a_sheet = attnameAttNum(rel, "sheet_id", false);
	AttrNumber	a_no = attnameAttNum(rel, "no", false);
	AttrNumber	a_kpi = attnameAttNum(rel, "kpi_id", false);
	AttrNumber	a_percent = attnameAttNum(rel, "percent", false);
	MemoryContext scratch;
	TupleTableSlot *row;
	OcProbe		sheet;
	OcProbe		kpi;
	OcProbe		target;
	bool		plain = true;

	if (rows == NULL)
		return true;
	if (a_sheet <= 0 || a_no <= 0 || a_kpi <= 0 || a_percent <= 0)
		elog(ERROR, "trigger %s: the KPI rule needs sheet_id, no, kpi_id and percent", trigdata->tg_trigger->tgname);
	scratch = AllocSetContextCreate(CurrentMemoryContext, "ocenka KPI rule", ALLOCSET_SMALL_SIZES);
	row = MakeSingleTupleTableSlot(RelationGetDescr(rel), &TTSOpsMinimalTuple);
	oc_push_rule_snapshot();
	oc_probe_open(&sheet, "sheet", AccessShareLock, GetActiveSnapshot());
	oc_probe_open(&kpi, "kpi", AccessShareLock, GetActiveSnapshot());
	oc_probe_open(&target, "kpi_target", AccessShareLock, GetActiveSnapshot());
	tuplestore_select_read_pointer(rows, oc_own_read_pointer(rows));
	tuplestore_rescan(rows);
	while (plain && tuplestore_gettupleslot(rows, true, false, row))
	{
		bool		isnull;
		bool		percent_null;
		Datum		kpi_id = slot_getattr(row, a_kpi, &isnull);
		Datum		percent = slot_getattr(row, a_percent, &percent_null);
		Datum		key[2];
		int64		employee;
		OcQuarter	q;

		if (isnull)
			continue;
		key[0] = slot_getattr(row, a_sheet, &isnull);
		if (isnull || !oc_probe(&sheet, key))
			continue;
		employee = DatumGetInt64(oc_probe_column(&sheet, "employee_id", &isnull));
		q = DatumGetOcQuarter(oc_probe_column(&sheet, "q", &isnull));
		/* the head's own KPI of the sheet's year, numbered as the item (the quarter is year × 4 + n − 1) */
		key[0] = kpi_id;
		if (!oc_probe(&kpi, key) ||
			DatumGetInt64(oc_probe_column(&kpi, "employee_id", &isnull)) != employee ||
			DatumGetInt32(oc_probe_column(&kpi, "year", &isnull)) != q / 4 ||
			DatumGetInt16(oc_probe_column(&kpi, "no", &isnull)) != DatumGetInt16(slot_getattr(row, a_no, &isnull)))
		{
			plain = false;
			break;
		}
		/* an actual value for the quarter, and the item's percentage its (none given: nothing to compare) */
		key[1] = OcQuarterGetDatum(q);
		if (!oc_probe(&target, key))
		{
			plain = false;
			break;
		}
		(void) oc_probe_column(&target, "actual", &isnull);
		if (isnull)
			plain = false;
		else if (!percent_null)
		{
			/* the numbers' arithmetic in a context of its own, emptied after each row (the probes keep theirs) */
			MemoryContext caller = MemoryContextSwitchTo(scratch);
			Datum		achieved = DirectFunctionCall3(kpi_percent, oc_probe_column(&target, "plan", &isnull),
													   oc_probe_column(&target, "actual", &isnull),
													   oc_probe_column(&kpi, "direction", &isnull));

			plain = DatumGetBool(DirectFunctionCall2(numeric_eq, achieved, percent));
			MemoryContextSwitchTo(caller);
			MemoryContextReset(scratch);
		}
	}
	oc_probe_close(&target);
	oc_probe_close(&kpi);
	oc_probe_close(&sheet);
	PopActiveSnapshot();
	ExecDropSingleTupleTableSlot(row);
	MemoryContextDelete(scratch);
	return plain;
}
