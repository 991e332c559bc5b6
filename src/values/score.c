/*
 * score.c — the ocenka.score type: a grade 0.00 … 5.00 held as hundredths.
 */
#include "ocenka.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"
#include "utils/sortsupport.h"


/* Reports a failed parse of a score's text form with the SQLSTATE api.md fixes. */
static void
oc_score_parse_error(OcParse status, const char *input)
{
	if (status == OC_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score \"%s\" is out of range", input),
				 errdetail("A score lies between 0.00 and 5.00 (methodology §2).")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type ocenka.score: \"%s\"", input),
			 status == OC_TOO_PRECISE ?
			 errdetail("A score has at most two decimal places; a typed score is never rounded (methodology §2).") :
			 errdetail("A score is written as a number with up to two decimal places, such as 4, 4.5 or 4.50.")));
}

PG_FUNCTION_INFO_V1(score_in);
/* Text input: '4', '4.5', '4.50'. */
Datum
score_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	int			hundredths;
	OcParse		status = oc_score_parse(input, &hundredths);

	if (status != OC_OK)
		oc_score_parse_error(status, input);
	PG_RETURN_OCSCORE((OcScore) hundredths);
}

PG_FUNCTION_INFO_V1(score_out);
/* Text output, always two decimals. */
Datum
score_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(OC_TEXT_BUFLEN);

	oc_score_format(PG_GETARG_OCSCORE(0), buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(score_recv);
/* Binary input: an int16 of hundredths, length- and range-checked before use. */
Datum
score_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	int			hundredths = 0;
	OcParse		status = oc_score_decode((const unsigned char *) buf->data + buf->cursor, len, &hundredths);

	if (status == OC_SYNTAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary score: field length %d, not %d", len, OC_SCORE_BINLEN),
				 errdetail("A score is sent as a 2-byte integer of hundredths.")));
	if (status == OC_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("binary score %d hundredths is out of range", hundredths),
				 errdetail("A score lies between 0 and 500 hundredths (methodology §2).")));
	buf->cursor += len;
	PG_RETURN_OCSCORE((OcScore) hundredths);
}

PG_FUNCTION_INFO_V1(score_send);
/* Binary output: an int16 of hundredths. */
Datum
score_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	unsigned char bytes[OC_SCORE_BINLEN];

	oc_score_encode(PG_GETARG_OCSCORE(0), bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, OC_SCORE_BINLEN);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* A score in hundredths to a numeric with two decimals. */
Datum
oc_score_to_numeric(int hundredths)
{
	return NumericGetDatum(int64_div_fast_to_numeric(hundredths, 2));
}

/* A numeric rounded half away from zero to hundredths, range-checked. */
int
oc_numeric_to_score(Datum num)
{
	Datum		hundredths;
	int64		value;

	if (numeric_is_nan(DatumGetNumeric(num)) || numeric_is_inf(DatumGetNumeric(num)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score %s is out of range",
						DatumGetCString(DirectFunctionCall1(numeric_out, num))),
				 errdetail("A score lies between 0.00 and 5.00 (methodology §2).")));
	/* numeric_round rounds half away from zero, as methodology §2 decides */
	hundredths = DirectFunctionCall2(numeric_round,
									 DirectFunctionCall2(numeric_mul, num,
														 NumericGetDatum(int64_to_numeric(100))),
									 Int32GetDatum(0));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, hundredths,
										  NumericGetDatum(int64_to_numeric(OC_SCORE_MAX)))) > 0 ||
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, hundredths,
										  NumericGetDatum(int64_to_numeric(OC_SCORE_MIN)))) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score %s is out of range",
						DatumGetCString(DirectFunctionCall1(numeric_out, num))),
				 errdetail("A score lies between 0.00 and 5.00 after rounding to two decimals (methodology §2).")));
	value = DatumGetInt64(DirectFunctionCall1(numeric_int8, hundredths));
	return (int) value;
}

PG_FUNCTION_INFO_V1(score_to_numeric);
/* Cast score → numeric (implicit). */
Datum
score_to_numeric(PG_FUNCTION_ARGS)
{
	return oc_score_to_numeric(PG_GETARG_OCSCORE(0));
}

PG_FUNCTION_INFO_V1(numeric_to_score);
/* Cast numeric → score (assignment): rounds half away from zero to two decimals. */
Datum
numeric_to_score(PG_FUNCTION_ARGS)
{
	PG_RETURN_OCSCORE((OcScore) oc_numeric_to_score(PG_GETARG_DATUM(0)));
}

PG_FUNCTION_INFO_V1(int4_to_score);
/* Cast integer → score (assignment). */
Datum
int4_to_score(PG_FUNCTION_ARGS)
{
	int32		value = PG_GETARG_INT32(0);

	if (value < 0 || value > OC_SCORE_MAX / 100)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score %d is out of range", value),
				 errdetail("A score lies between 0.00 and 5.00 (methodology §2).")));
	PG_RETURN_OCSCORE((OcScore) (value * 100));
}

/* Comparison operators: they cannot fail, so they are LEAKPROOF. */
#define OC_SCORE_CMP(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_OCSCORE(0) op PG_GETARG_OCSCORE(1)); \
}

OC_SCORE_CMP(score_eq, ==)
OC_SCORE_CMP(score_ne, !=)
OC_SCORE_CMP(score_lt, <)
OC_SCORE_CMP(score_le, <=)
OC_SCORE_CMP(score_gt, >)
OC_SCORE_CMP(score_ge, >=)

PG_FUNCTION_INFO_V1(score_cmp);
/* btree support: three-way comparison. */
Datum
score_cmp(PG_FUNCTION_ARGS)
{
	OcScore		a = PG_GETARG_OCSCORE(0);
	OcScore		b = PG_GETARG_OCSCORE(1);

	PG_RETURN_INT32((a > b) - (a < b));
}

PG_FUNCTION_INFO_V1(score_sortsupport);
/* btree support: sorts compare the int16s directly. */
Datum
score_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = ssup_datum_int32_cmp;
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(score_hash);
/* hash support: hashes the hundredths as an int32, like int2. */
Datum
score_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) (int32) PG_GETARG_OCSCORE(0));
}

PG_FUNCTION_INFO_V1(score_hash_extended);
/* hash support with a seed, for hash partitioning. */
Datum
score_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) (int32) PG_GETARG_OCSCORE(0), PG_GETARG_INT64(1));
}

PG_FUNCTION_INFO_V1(score_larger);
/* max(score) support. */
Datum
score_larger(PG_FUNCTION_ARGS)
{
	PG_RETURN_OCSCORE(Max(PG_GETARG_OCSCORE(0), PG_GETARG_OCSCORE(1)));
}

PG_FUNCTION_INFO_V1(score_smaller);
/* min(score) support. */
Datum
score_smaller(PG_FUNCTION_ARGS)
{
	PG_RETURN_OCSCORE(Min(PG_GETARG_OCSCORE(0), PG_GETARG_OCSCORE(1)));
}
