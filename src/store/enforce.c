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
 *   'kpi rules: <q>'  the KPI rule of items: C probes the KPI and its target
 *                     for each KPI item of a statement of up to OC_BULK_ROWS
 *                     rows (items.c); a bulk statement, or one whose items C
 *                     does not find plainly right, runs <q> as a check:, so
 *                     the violation reported is always the query's
 *
 * The rules themselves live in src/store/entry.sql, retention.sql and
 * audit.sql, set-based, so a COPY of two million items costs a few joins
 * rather than two million lookups. This file is only the mechanics: it checks
 * how it was fired, runs the queries as the table's owner with a fixed search
 * path (the entering user needs no rights on appointments, periods or the
 * audit log, and cannot redirect names), keeps their plans for the backend's
 * lifetime (bulk statements plan theirs afresh, for their size), and turns a
 * violation into an ereport. The statement's keys and the SQL readied for the
 * rules are keys.c's; the rules in C are items.c's, the audit audit.c's.
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

/* The kinds of trigger argument. */
typedef enum OcRuleKind
{
	OC_RULE_KEYS,
	OC_RULE_DO,
	OC_RULE_CHECK,
	OC_RULE_AUDIT,
	OC_RULE_AUDIT_BY_SHEET,
	OC_RULE_ITEMS,
	OC_RULE_KPI_ITEMS
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
	{"kpi rules:", OC_RULE_KPI_ITEMS},
};

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
			ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger %s: argument %d names no column to check if", trigger->tgname, arg),
				 errhint("The trigger's arguments are ocenka rules (see src/store/enforce.c); recreate it with valid ones.")));
		*kind = OC_RULE_CHECK;
		return colon + 1;
	}
	for (int i = 0; i < (int) lengthof(oc_rule_prefixes); i++)
	{
		size_t		len = strlen(oc_rule_prefixes[i].prefix);

		if (strncmp(text, oc_rule_prefixes[i].prefix, len) == 0)
		{
			*kind = oc_rule_prefixes[i].kind;
			/* the KPI rule, like a 'check if kpi_id:', concerns only rows with a KPI */
			if (*kind == OC_RULE_KPI_ITEMS && (*when = attnameAttNum(rel, "kpi_id", false)) <= 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("trigger %s: argument %d is a kpi rules: rule on a table without kpi_id", trigger->tgname, arg),
						 errhint("The trigger's arguments are ocenka rules (see src/store/enforce.c); recreate it with valid ones.")));
			return text + len;
		}
	}
	ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger %s: argument %d is not a keys:, do:, check:, check if, audit:, audit by sheet:, item rules: or kpi rules: rule",
		 trigger->tgname, arg),
				 errhint("The trigger's arguments are ocenka rules (see src/store/enforce.c); recreate it with valid ones.")));
	return NULL;				/* keep compiler quiet */
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
	Oid			acting;
	Oid			saved_acting;
	OcRuleRun  *saved_run;
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
	/* a dump's data being restored is history the rules accepted when it was entered */
	if (oc_restoring(rel))
		return PointerGetDatum(NULL);
	bulk = oc_transition_rows(trigdata->tg_newtable) > OC_BULK_ROWS ||
		oc_transition_rows(trigdata->tg_oldtable) > OC_BULK_ROWS;

	/* who the rules act for: the user who fired the statement, or, for a statement a rule itself ran
	 * (an acquaintance's copy into the results, an appeal's decision), the user that rule acts for */
	acting = oc_acting_user_id();

	/* run as the table's owner; the search path is fixed when a query first runs (oc_use_sql) */
	GetUserIdAndSecContext(&saved_user, &saved_context);
	SetUserIdAndSecContext(rel->rd_rel->relowner, saved_context | SECURITY_LOCAL_USERID_CHANGE);

	memset(&keys, 0, sizeof(keys));
	memset(&run, 0, sizeof(run));
	run.trigdata = trigdata;
	run.keys = &keys;
	/* keys and audit buffers live for the call: the trigger manager frees this context after it */
	run.statement = CurrentMemoryContext;
	saved_run = oc_run_enter(&run, acting, &saved_acting);

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
					ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger %s: keys: must be the first argument", trigdata->tg_trigger->tgname),
				 errhint("The trigger's arguments are ocenka rules (see src/store/enforce.c); recreate it with valid ones.")));
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
				ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger %s: argument %d needs keys:", trigdata->tg_trigger->tgname, i),
				 errhint("The trigger's arguments are ocenka rules (see src/store/enforce.c); recreate it with valid ones.")));
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
			/* a few KPI items are checked in C; a bulk statement, or one C doubts, asks the rule's SQL */
			if (kind == OC_RULE_KPI_ITEMS)
			{
				if (!bulk && oc_item_kpis_plain(trigdata))
					continue;
				kind = OC_RULE_CHECK;
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
		oc_run_finish(&run);
	}
	PG_FINALLY();
	{
		/* on error, transaction abort restores the user, SPI and settings; these are ours to restore */
		oc_run_leave(saved_run, saved_acting);
	}
	PG_END_TRY();

	SetUserIdAndSecContext(saved_user, saved_context);
	return PointerGetDatum(NULL);
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
