/*
 * rules.c — the methodology rules that need no table: evaluation forms and
 * their parameters, eligibility from a position's dates, "today", and the
 * transaction's entry mode (late entry, historical load), and the session's
 * restore of a dump.
 *
 * Everything that can be data is data (ocenka.methodology, editions); what is
 * here is the part a CHECK constraint must call as an IMMUTABLE function, and
 * the session state that triggers consult.
 */
#include "ocenka.h"

#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "nodes/plannodes.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "tcop/pquery.h"
#include "utils/rel.h"

/* ---------- evaluation forms (appendices of the seeds) ---------- */

typedef struct OcParameter
{
	const char *code;
	const char *name_kk;		/* NULL where the seed has no kk text */
	const char *name_ru;
	const char *name_en;
} OcParameter;

typedef struct OcForm
{
	const char *code;
	const char *source;
	int			count;
	OcParameter parameter[5];
} OcForm;

/*
 * The ranking forms. A KPI sheet ("kpi") has no fixed parameters: its items
 * are the head's 3 to 5 KPIs of the year, numbered 1 … 5 (seed 000 ¶23).
 */
static const OcForm oc_forms[] = {
	{"typical-ranking", "seed 000 appendix 4 (typical-2023 ¶32)", 4, {
			{"quality", "Функционалдық міндеттерді орындау сапасы",
				"Качество выполнения функциональных обязанностей", "quality of performing functional duties"},
			{"deadlines", "Міндеттерді орындау мерзімдерін сақтау",
				"Соблюдение сроков выполнения задач", "meeting deadlines"},
			{"initiative", "Дербестік және бастамашылық",
				"Самостоятельность и инициативность", "independence and initiative"},
			{"discipline", "Еңбек тәртібін сақтау",
			"Соблюдение трудовой дисциплины", "labour discipline"}}},
	{"wko-leadership", "seed 002 appendix 1 (wko-2026 ¶16)", 5, {
			{"supervised_quality", NULL,
				"Обеспечение качественного выполнения задач в курируемых подразделениях (курируемыми служащими)",
			"ensuring quality of tasks in supervised units"},
			{"supervised_deadlines", NULL,
				"Обеспечение соблюдения сроков выполнения задач в курируемых подразделениях (курируемыми служащими)",
			"ensuring deadlines in supervised units"},
			{"leadership", NULL, "Лидерство и навыки принятия решений", "leadership and decision-making"},
			{"discipline", NULL, "Соблюдения трудовой дисциплины оцениваемым лицом",
			"labour discipline of the evaluatee"},
			{"no_penalties", NULL, "Отсутствие дисциплинарных взысканий", "absence of disciplinary penalties"}}},
	{"wko-non-leadership", "seed 002 appendix 2 (wko-2026 ¶16)", 5, {
			{"quality", NULL, "Качество выполнения функциональных обязанностей", "quality of functional duties"},
			{"deadlines", NULL, "Соблюдение сроков выполнения задач", "meeting deadlines"},
			{"initiative", NULL, "Самостоятельность и инициативность", "independence and initiative"},
			{"discipline", NULL, "Соблюдение трудовой дисциплины", "labour discipline"},
			{"no_penalties", NULL, "Отсутствие дисциплинарных взысканий", "absence of disciplinary penalties"}}},
};

#define OC_KPI_FORM "kpi"
#define OC_KPI_MAX 5

/* The form with this code, or NULL; compares the text in place (this runs per item in bulk loads). */
static const OcForm *
oc_form_of(const char *code, size_t len)
{
	size_t		i;

	for (i = 0; i < lengthof(oc_forms); i++)
		if (strlen(oc_forms[i].code) == len && memcmp(oc_forms[i].code, code, len) == 0)
			return &oc_forms[i];
	return NULL;
}

/* Whether a form code (a text) is the KPI form. */
static bool
oc_is_kpi_form(text *code)
{
	return VARSIZE_ANY_EXHDR(code) == strlen(OC_KPI_FORM) &&
		memcmp(VARDATA_ANY(code), OC_KPI_FORM, strlen(OC_KPI_FORM)) == 0;
}

/* Whether a sheet of the form (a text) has item number no. */
static bool
oc_parameter_in_form(text *code, int32 no)
{
	size_t		len = VARSIZE_ANY_EXHDR(code);
	const OcForm *form;

	if (oc_is_kpi_form(code))
		return no >= 1 && no <= OC_KPI_MAX;
	form = oc_form_of(VARDATA_ANY(code), len);
	return form != NULL && no >= 1 && no <= form->count;
}

PG_FUNCTION_INFO_V1(parameter_in_form);
/* parameter_in_form(form, no): whether a sheet of this form has item number no. */
Datum
parameter_in_form(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(oc_parameter_in_form(PG_GETARG_TEXT_PP(0), PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(parameter_in_form_int2);
/* parameter_in_form(form, no smallint): the same for item.no, without a cast in the items' CHECK. */
Datum
parameter_in_form_int2(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(oc_parameter_in_form(PG_GETARG_TEXT_PP(0), PG_GETARG_INT16(1)));
}

PG_FUNCTION_INFO_V1(kpi_item_fields_ok);
/* kpi_item_fields_ok(form, kpi_id, percent): a KPI item names its KPI and percentage, no other item either. */
Datum
kpi_item_fields_ok(PG_FUNCTION_ARGS)
{
	bool		kpi;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	kpi = oc_is_kpi_form(PG_GETARG_TEXT_PP(0));
	PG_RETURN_BOOL(kpi == !PG_ARGISNULL(1) && kpi == !PG_ARGISNULL(2));
}

PG_FUNCTION_INFO_V1(form_parameters);
/* form_parameters(): the catalogue of ranking-form parameters, for the form_parameter view. */
Datum
form_parameters(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	size_t		i;
	int			j;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < lengthof(oc_forms); i++)
		for (j = 0; j < oc_forms[i].count; j++)
		{
			const OcParameter *p = &oc_forms[i].parameter[j];
			Datum		values[7];
			bool		nulls[7] = {false, false, false, false, false, false, false};

			values[0] = CStringGetTextDatum(oc_forms[i].code);
			values[1] = Int16GetDatum(j + 1);
			values[2] = CStringGetTextDatum(p->code);
			if (p->name_kk)
				values[3] = CStringGetTextDatum(p->name_kk);
			else
				nulls[3] = true;
			values[4] = CStringGetTextDatum(p->name_ru);
			values[5] = CStringGetTextDatum(p->name_en);
			values[6] = CStringGetTextDatum(oc_forms[i].source);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	return (Datum) 0;
}

/* ---------- eligibility from a position's dates (methodology §6) ---------- */

/*
 * The date n calendar months after d (before it for a negative n), clamped to
 * the month's end like date + interval; 22008 if it leaves the date type.
 */
static DateADT
oc_add_months(DateADT d, int n)
{
	int			year,
				month,
				day;
	int64		months;
	int64		y;
	int			m;
	DateADT		result;

	j2date(d + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	/* months since year 0 in 64 bits, split by floor division (0.1 truncated: month 0 or less) */
	months = (int64) year * 12 + (month - 1) + n;
	y = months / 12 - (months % 12 < 0 ? 1 : 0);
	m = (int) (months - y * 12) + 1;
	if (!IS_VALID_JULIAN(y, m, 1))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date %s plus %d months is out of range",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d))), n)));
	result = date2j((int) y, m, Min(day, oc_days_in_month((int) y, m))) - POSTGRES_EPOCH_JDATE;
	if (!IS_VALID_DATE(result))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date %s plus %d months is out of range",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d))), n)));
	return result;
}

PG_FUNCTION_INFO_V1(ineligibility);
/*
 * ineligibility(min_months, min_worked_days, probation_excludes, start, end,
 * probation_until, worked_days): why a person is not evaluated for a period,
 * or NULL if they are. start and end bound the time in the position within
 * the period; "n months" means start + n months − 1 day <= end (§6).
 */
Datum
ineligibility(PG_FUNCTION_ARGS)
{
	int32		min_months = PG_GETARG_INT32(0);
	int32		min_worked_days = PG_GETARG_INT32(1);
	bool		probation_excludes = PG_GETARG_BOOL(2);
	DateADT		start = PG_GETARG_DATEADT(3);
	DateADT		end = PG_GETARG_DATEADT(4);
	bool		on_probation = !PG_ARGISNULL(5) && PG_GETARG_DATEADT(5) >= end;
	int32		worked_days = PG_ARGISNULL(6) ? 0 : PG_GETARG_INT32(6);

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("ineligibility needs the thresholds and the dates in the position")));
	if (end < start)
		PG_RETURN_TEXT_P(cstring_to_text("not_in_position"));
	if (oc_add_months(start, min_months) - 1 > end)
		PG_RETURN_TEXT_P(cstring_to_text("tenure"));
	if (probation_excludes && on_probation)
		PG_RETURN_TEXT_P(cstring_to_text("probation"));
	if (worked_days < min_worked_days)
		PG_RETURN_TEXT_P(cstring_to_text("worked_days"));
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(add_months);
/* add_months(date, n): the same day n months later, clamped to the month's end. */
Datum
add_months(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);

	if (DATE_NOT_FINITE(d))
		PG_RETURN_DATEADT(d);
	PG_RETURN_DATEADT(oc_add_months(d, PG_GETARG_INT32(1)));
}

/* ---------- "today" ---------- */

static char *oc_today_setting = NULL;
static DateADT oc_today_value = 0;
static bool oc_today_fixed = false;

/* Accepts an empty string or an ISO date YYYY-MM-DD (parsed here: a check hook must not throw). */
static bool
oc_today_check(char **newval, void **extra, GucSource source)
{
	int			year,
				month,
				day;
	char		tail;
	DateADT    *parsed;

	(void) source;
	if (*newval == NULL || (*newval)[0] == '\0')
		return true;
	if (sscanf(*newval, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
		year < OC_YEAR_MIN || year > OC_YEAR_MAX || month < 1 || month > 12 ||
		day < 1 || day > oc_days_in_month(year, month))
	{
		GUC_check_errdetail("ocenka.today must be a date written YYYY-MM-DD, such as 2026-04-05, or empty.");
		return false;
	}
	/* GUC frees extra itself: with free() up to PostgreSQL 15, guc_free() from 16 on */
#if PG_VERSION_NUM >= 160000
	parsed = guc_malloc(LOG, sizeof(DateADT));
#else
	parsed = malloc(sizeof(DateADT));
#endif
	if (parsed == NULL)
		return false;
	*parsed = date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
	*extra = parsed;
	return true;
}

static void
oc_today_assign(const char *newval, void *extra)
{
	oc_today_fixed = newval != NULL && newval[0] != '\0' && extra != NULL;
	oc_today_value = oc_today_fixed ? *(DateADT *) extra : 0;
}

/* Today's date, or the superuser-only setting ocenka.today when set. */
DateADT
oc_today(void)
{
	return oc_today_fixed ? oc_today_value : GetSQLCurrentDate();
}

PG_FUNCTION_INFO_V1(today);
/* today(): the date deadlines and retention are measured against. */
Datum
today(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(oc_today());
}

/* ---------- the transaction's entry mode ---------- */

static OcEntryMode oc_mode = OC_ENTRY_NORMAL;
static char oc_mode_reason[1024];
static SubTransactionId oc_mode_subxact = InvalidSubTransactionId;

static void
oc_mode_reset(void)
{
	oc_mode = OC_ENTRY_NORMAL;
	oc_mode_reason[0] = '\0';
	oc_mode_subxact = InvalidSubTransactionId;
}

/* The mode lasts until the transaction ends, or the subtransaction that set it aborts. */
static void
oc_mode_xact_callback(XactEvent event, void *arg)
{
	(void) arg;
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PREPARE ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT)
		oc_mode_reset();
}

static void
oc_mode_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
						 SubTransactionId parentSubid, void *arg)
{
	(void) arg;
	if (event == SUBXACT_EVENT_ABORT_SUB && mySubid == oc_mode_subxact)
		oc_mode_reset();
	else if (event == SUBXACT_EVENT_COMMIT_SUB && mySubid == oc_mode_subxact)
		oc_mode_subxact = parentSubid;
}

OcEntryMode
oc_entry_mode(void)
{
	return oc_mode;
}

const char *
oc_entry_reason(void)
{
	return oc_mode_reason;
}

/*
 * Switches the transaction into an entry mode after checking the caller's
 * capacity and writing the switch to the audit log as the log's owner (the
 * caller has no right to write it). The mode lasts until the transaction
 * ends, or until the subtransaction that set it aborts.
 */
static void
oc_begin_mode(OcEntryMode mode, const char *name, const char *capacity, text *reason_text, bool need_block)
{
	char	   *reason = text_to_cstring(reason_text);
	Oid			argtypes[4] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	Datum		args[4];
	Oid			saved_user;
	int			saved_context;
	Oid			audit_owner;
	bool		isnull;
	int			nestlevel;

	if (need_block && !IsTransactionBlock())
		ereport(ERROR,
				(errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
				 errmsg("%s can only begin inside a transaction block", name),
				 errhint("Run BEGIN first; the mode ends with the transaction.")));
	if (strspn(reason, " \t\r\n") == strlen(reason))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs a reason", name),
				 errdetail("The reason is recorded in the audit log with who and when.")));
	if (strlen(reason) >= sizeof(oc_mode_reason))
		ereport(ERROR,
				(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
				 errmsg("reason is longer than %d bytes", (int) sizeof(oc_mode_reason) - 1)));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "%s: SPI_connect failed", name);
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, ocenka, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	args[0] = CStringGetTextDatum(capacity);
	if (SPI_execute_with_args("SELECT ocenka.has_capacity($1)", 1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "%s: cannot check capacity", name);
	if (!DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)) || isnull)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to begin %s", name),
				 errdetail("Only roles with the %s capacity may do so.", capacity),
				 errhint("A superuser records capacities in ocenka.staff_capacity.")));

	{
		Relation	audit = table_open(get_relname_relid("audit_log", get_namespace_oid("ocenka", false)),
									   AccessShareLock);

		audit_owner = audit->rd_rel->relowner;
		table_close(audit, AccessShareLock);
	}
	GetUserIdAndSecContext(&saved_user, &saved_context);
	SetUserIdAndSecContext(audit_owner, saved_context | SECURITY_LOCAL_USERID_CHANGE);
	args[0] = DirectFunctionCall1(textin, CStringGetDatum(GetUserNameFromId(saved_user, false)));
	args[1] = CStringGetTextDatum(name);
	args[2] = CStringGetTextDatum(name);
	args[3] = CStringGetTextDatum(reason);
	if (SPI_execute_with_args("INSERT INTO ocenka.audit_log (actor, table_name, operation, mode, reason, row_count) "
							  "VALUES ($1::name, '', upper($2), $3, $4, 0)",
							  4, argtypes, args, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "%s: cannot write the audit log", name);
	SetUserIdAndSecContext(saved_user, saved_context);
	AtEOXact_GUC(true, nestlevel);
	SPI_finish();

	oc_mode = mode;
	strlcpy(oc_mode_reason, reason, sizeof(oc_mode_reason));
	oc_mode_subxact = GetCurrentSubTransactionId();
}

PG_FUNCTION_INFO_V1(begin_late_entry);
/* begin_late_entry(reason): HR enters this transaction's scores after the deadline (§5), audited. */
Datum
begin_late_entry(PG_FUNCTION_ARGS)
{
	oc_begin_mode(OC_ENTRY_LATE, "late_entry", "hr", PG_GETARG_TEXT_PP(0), true);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(begin_historical_load);
/* begin_historical_load(reason): an administrator loads past periods from another system, audited. */
Datum
begin_historical_load(PG_FUNCTION_ARGS)
{
	oc_begin_mode(OC_ENTRY_HISTORICAL, "historical_load", "admin", PG_GETARG_TEXT_PP(0), true);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(begin_purge);
/* begin_purge(reason): purge_expired's mode, in which deletions are audited by count only. */
Datum
begin_purge(PG_FUNCTION_ARGS)
{
	oc_begin_mode(OC_ENTRY_PURGE, "purge", "admin", PG_GETARG_TEXT_PP(0), false);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(end_purge);
/* end_purge(): purge_expired's last step, so the rest of the transaction is audited in full again. */
Datum
end_purge(PG_FUNCTION_ARGS)
{
	if (oc_mode == OC_ENTRY_PURGE)
		oc_mode_reset();
	PG_RETURN_VOID();
}

/* The name of the transaction's entry mode, as the audit log records it. */
const char *
oc_entry_mode_name(void)
{
	static const char *const names[] = {"normal", "late_entry", "historical_load", "purge"};

	return names[oc_mode];
}

PG_FUNCTION_INFO_V1(entry_mode);
/* entry_mode(): normal, late_entry or historical_load, for this transaction. */
Datum
entry_mode(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(oc_entry_mode_name()));
}

PG_FUNCTION_INFO_V1(entry_reason);
/* entry_reason(): the reason given for late entry or historical load, NULL in normal mode. */
Datum
entry_reason(PG_FUNCTION_ARGS)
{
	if (oc_mode == OC_ENTRY_NORMAL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(oc_mode_reason));
}

/* ---------- restoring a dump ---------- */

/*
 * pg_dump writes the one row of ocenka._restore (a table registered with
 * pg_extension_config_dump, named to sort before every other table of the
 * schema, so its data comes first) ahead of the evaluation tables' data.
 * Restoring it through COPY … FROM STDIN, which only its owner or a superuser
 * may do, marks this session as restoring a dump for that user; from then on
 * a COPY … FROM STDIN by the same user into an ocenka table is restored
 * history, which the rules accept as it was: they neither judge it by today's
 * deadlines nor audit or lock anything for it. Any other statement of the
 * session, or another user's COPY, is checked as always.
 */
static Oid	oc_restore_user = InvalidOid;

/* The relation a top-level COPY … FROM STDIN being run writes, or InvalidOid for any other statement. */
static Oid
oc_copy_from_stdin_target(void)
{
	PlannedStmt *planned;
	CopyStmt   *copy;

	if (ActivePortal == NULL || list_length(ActivePortal->stmts) != 1)
		return InvalidOid;
	planned = linitial_node(PlannedStmt, ActivePortal->stmts);
	if (planned->commandType != CMD_UTILITY || planned->utilityStmt == NULL ||
		!IsA(planned->utilityStmt, CopyStmt))
		return InvalidOid;
	copy = (CopyStmt *) planned->utilityStmt;
	if (!copy->is_from || copy->is_program || copy->filename != NULL || copy->relation == NULL)
		return InvalidOid;
	return RangeVarGetRelid(copy->relation, NoLock, true);
}

bool
oc_restoring(Relation rel)
{
	return OidIsValid(oc_restore_user) && GetUserId() == oc_restore_user &&
		oc_copy_from_stdin_target() == RelationGetRelid(rel);
}

PG_FUNCTION_INFO_V1(restore_marker);
/* restore_marker(): BEFORE INSERT row trigger of ocenka._restore; a dump's COPY of its row marks the session as restoring. */
Datum
restore_marker(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("restore_marker: not called by trigger manager")));
	if (!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("restore_marker: must be fired BEFORE INSERT ... FOR EACH ROW")));
	rel = trigdata->tg_relation;
	if (strcmp(RelationGetRelationName(rel), "_restore") != 0 ||
		RelationGetNamespace(rel) != get_namespace_oid("ocenka", false))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("restore_marker: must be fired by ocenka._restore, not by %s",
						RelationGetRelationName(rel))));
	if (oc_copy_from_stdin_target() != RelationGetRelid(rel))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("ocenka._restore takes rows only from a dump being restored"),
				 errdetail("Its row is written by pg_dump and read back by COPY … FROM stdin when the dump is restored."),
				 errhint("Restore the whole dump with pg_restore or psql; see the README, \"Backup and restore\".")));
	if (oc_restore_user != GetUserId())
		ereport(LOG,
				(errmsg("ocenka: this session restores a dump as %s: its COPY … FROM stdin of ocenka's tables is taken as restored history",
						GetUserNameFromId(GetUserId(), false))));
	oc_restore_user = GetUserId();
	/* the table keeps the row the extension installed */
	return PointerGetDatum(NULL);
}

/* Per-backend setup: the ocenka.today setting and the entry mode's callbacks. */
void
oc_rules_init(void)
{
	DefineCustomStringVariable("ocenka.today",
							   "Fixes the date ocenka measures deadlines and retention against.",
							   "Empty means the current date. Only superusers may set it: tests and "
							   "demonstrations use it to travel in time.",
							   &oc_today_setting,
							   "",
							   PGC_SUSET,
							   0,
							   oc_today_check, oc_today_assign, NULL);
	MarkGUCPrefixReserved("ocenka");
	RegisterXactCallback(oc_mode_xact_callback, NULL);
	RegisterSubXactCallback(oc_mode_subxact_callback, NULL);
}
