/*
 * enforce.c — the statement-level rule engine behind every ocenka trigger.
 *
 * Each trigger passes its rules as arguments, one SQL query per argument,
 * written over the trigger's transition tables (new_rows, old_rows):
 *
 *   'do: <query>'     run for its effect (lock the period rows, create them,
 *                     write the audit log); its result is ignored
 *   'check: <query>'  a rule: the first row it returns is a violation, with
 *                     the columns sqlstate, constraint_name, message, detail
 *                     and hint, and the statement fails with exactly that
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
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"

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

static const char oc_do_prefix[] = "do:";
static const char oc_check_prefix[] = "check:";

/* The kept plan of one trigger argument, prepared on first use. */
static OcRulePlan *
oc_rule_plan(Trigger *trigger, int arg, const char *query)
{
	OcRulePlanKey key;
	OcRulePlan *entry;
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
	key.arg = arg;
	entry = hash_search(oc_rule_plans, &key, HASH_ENTER, &found);
	if (found && entry->plan != NULL)
		return entry;

	entry->plan = SPI_prepare(query, 0, NULL);
	if (entry->plan == NULL)
		elog(ERROR, "trigger %s: cannot prepare rule %d: %s", trigger->tgname, arg,
			 SPI_result_code_string(SPI_result));
	if (SPI_keepplan(entry->plan) != 0)
		elog(ERROR, "trigger %s: cannot keep rule %d", trigger->tgname, arg);
	return entry;
}

/* Statements changing more rows than this plan their rules afresh (see enforce_rules). */
#define OC_BULK_ROWS 1000

static int64
oc_transition_rows(Tuplestorestate *rows)
{
	return rows == NULL ? 0 : tuplestore_tuple_count(rows);
}

/* The query of a rule argument without its do:/check: prefix, and whether it is a check. */
static const char *
oc_rule_text(Trigger *trigger, int arg, bool *check)
{
	const char *text = trigger->tgargs[arg];

	if (strncmp(text, oc_check_prefix, sizeof(oc_check_prefix) - 1) == 0)
	{
		*check = true;
		return text + sizeof(oc_check_prefix) - 1;
	}
	if (strncmp(text, oc_do_prefix, sizeof(oc_do_prefix) - 1) == 0)
	{
		*check = false;
		return text + sizeof(oc_do_prefix) - 1;
	}
	elog(ERROR, "trigger %s: argument %d is neither a do: nor a check: rule", trigger->tgname, arg);
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
	Oid			saved_acting = oc_acting_user;
	int			nestlevel;
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

	/* run as the table's owner, with a search path no caller can redirect */
	GetUserIdAndSecContext(&saved_user, &saved_context);
	oc_acting_user = saved_user;
	SetUserIdAndSecContext(rel->rd_rel->relowner, saved_context | SECURITY_LOCAL_USERID_CHANGE);
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, ocenka, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);

	PG_TRY();
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "enforce_rules: SPI_connect failed");
		if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
			elog(ERROR, "enforce_rules: cannot register transition tables");

		for (i = 0; i < trigdata->tg_trigger->tgnargs; i++)
		{
			bool		check;
			const char *query = oc_rule_text(trigdata->tg_trigger, i, &check);
			int			rc;

			/*
			 * A kept plan is made for the small transition tables of ordinary
			 * statements (nested loops over a few rows). A bulk statement gets
			 * a plan of its own, made for its real size (hash joins).
			 */
			if (bulk)
				rc = SPI_execute(query, false, check ? 1 : 0);
			else
				rc = SPI_execute_plan(oc_rule_plan(trigdata->tg_trigger, i, query)->plan, NULL, NULL, false,
									  check ? 1 : 0);

			if (rc < 0)
				elog(ERROR, "trigger %s: rule %d failed: %s", trigdata->tg_trigger->tgname, i,
					 SPI_result_code_string(rc));
			if (check && SPI_processed > 0)
				oc_raise_violation(rel);
		}
		SPI_finish();
	}
	PG_FINALLY();
	{
		/* on error, transaction abort restores the user and settings; this is ours to restore */
		oc_acting_user = saved_acting;
	}
	PG_END_TRY();

	AtEOXact_GUC(true, nestlevel);
	SetUserIdAndSecContext(saved_user, saved_context);
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(acting_user);
/* acting_user(): who ran the statement the current rule runs for; current_user elsewhere. */
Datum
acting_user(PG_FUNCTION_ARGS)
{
	Oid			user = OidIsValid(oc_acting_user) ? oc_acting_user : GetUserId();

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
