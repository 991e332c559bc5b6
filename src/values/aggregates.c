/*
 * aggregates.c — score_avg(score) and mean360(answer, is_self): exact means in
 * integer arithmetic, splittable by parallel query and distributed planners.
 *
 * Both keep the same state, a running sum and count in one allocation made
 * in the aggregate's memory context on the first row; later rows update it in
 * place, so nothing is allocated per row.
 */
#include "ocenka.h"

#include "libpq/pqformat.h"
#include "utils/numeric.h"

typedef struct OcMeanState
{
	int64		sum;			/* score_avg: hundredths; mean360: answer points */
	int64		count;
} OcMeanState;

/* The transition state, created in the aggregate context on first use. */
static OcMeanState *
oc_mean_state(FunctionCallInfo fcinfo, const char *caller)
{
	MemoryContext aggcontext;
	OcMeanState *state;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", caller);
	if (!PG_ARGISNULL(0))
		return (OcMeanState *) PG_GETARG_POINTER(0);
	state = MemoryContextAllocZero(aggcontext, sizeof(OcMeanState));
	return state;
}

PG_FUNCTION_INFO_V1(score_avg_accum);
/* score_avg transition: adds a score's hundredths; NULL scores are skipped. */
Datum
score_avg_accum(PG_FUNCTION_ARGS)
{
	OcMeanState *state = oc_mean_state(fcinfo, "score_avg_accum");

	if (!PG_ARGISNULL(1))
	{
		state->sum += PG_GETARG_OCSCORE(1);
		state->count++;
	}
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(score_avg_retract);
/* score_avg inverse transition, for moving windows: removes a score. */
Datum
score_avg_retract(PG_FUNCTION_ARGS)
{
	OcMeanState *state = oc_mean_state(fcinfo, "score_avg_retract");

	if (!PG_ARGISNULL(1))
	{
		state->sum -= PG_GETARG_OCSCORE(1);
		state->count--;
	}
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(score_avg_final);
/* score_avg final: the mean rounded half away from zero, NULL for no rows. */
Datum
score_avg_final(PG_FUNCTION_ARGS)
{
	OcMeanState *state = PG_ARGISNULL(0) ? NULL : (OcMeanState *) PG_GETARG_POINTER(0);

	if (state == NULL || state->count == 0)
		PG_RETURN_NULL();
	PG_RETURN_OCSCORE((OcScore) oc_round_mean(state->sum, state->count));
}

PG_FUNCTION_INFO_V1(mean360_accum);
/*
 * mean360 transition: checks every answer (self-assessments and rows whose
 * is_self is NULL too) is 1–5 and counts the others' answers only
 * (appendices 7–8: self is not counted). A NULL is_self is not known to be
 * another's answer, so it is not counted either; a NULL answer is skipped.
 */
Datum
mean360_accum(PG_FUNCTION_ARGS)
{
	OcMeanState *state = oc_mean_state(fcinfo, "mean360_accum");
	int16		answer;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(state);
	answer = PG_GETARG_INT16(1);
	if (answer < 1 || answer > 5)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("360 answer %d is out of range", answer),
				 errdetail("The five answers from \"competency not shown\" to \"always shown\" score 1 to 5 (methodology §8a).")));
	if (!PG_ARGISNULL(2) && !PG_GETARG_BOOL(2))
	{
		state->sum += answer;
		state->count++;
	}
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(mean360_final);
/* mean360 final: the mean rounded half away from zero to two decimals, NULL if no answer remains. */
Datum
mean360_final(PG_FUNCTION_ARGS)
{
	OcMeanState *state = PG_ARGISNULL(0) ? NULL : (OcMeanState *) PG_GETARG_POINTER(0);

	if (state == NULL || state->count == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(int64_div_fast_to_numeric(oc_round_mean(100 * state->sum, state->count), 2));
}

PG_FUNCTION_INFO_V1(mean_combine);
/* Combine function shared by both aggregates: adds two partial states. */
Datum
mean_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	OcMeanState *left;
	OcMeanState *right;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "mean_combine called in non-aggregate context");
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	right = (OcMeanState *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
	{
		left = MemoryContextAlloc(aggcontext, sizeof(OcMeanState));
		*left = *right;
		PG_RETURN_POINTER(left);
	}
	left = (OcMeanState *) PG_GETARG_POINTER(0);
	left->sum += right->sum;
	left->count += right->count;
	PG_RETURN_POINTER(left);
}

PG_FUNCTION_INFO_V1(mean_serialize);
/* Serial function shared by both aggregates: two int64s. */
Datum
mean_serialize(PG_FUNCTION_ARGS)
{
	OcMeanState *state = (OcMeanState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "mean_serialize called in non-aggregate context");
	pq_begintypsend(&buf);
	pq_sendint64(&buf, state->sum);
	pq_sendint64(&buf, state->count);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(mean_deserialize);
/* Deserial function shared by both aggregates. */
Datum
mean_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	OcMeanState *state;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "mean_deserialize called in non-aggregate context");
#if PG_VERSION_NUM >= 170000	/* 17 added initReadOnlyStringInfo for a StringInfo over existing bytes */
	initReadOnlyStringInfo(&buf, VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes));
#else
	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;
#endif
	state = palloc(sizeof(OcMeanState));
	state->sum = pq_getmsgint64(&buf);
	state->count = pq_getmsgint64(&buf);
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(state);
}
