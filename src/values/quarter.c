/*
 * quarter.c — the ocenka.quarter type: a calendar quarter held as an ordinal.
 */
#include "ocenka.h"

#include "datatype/timestamp.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/sortsupport.h"

/* The quarter delta quarters after q, or a 22008 error if it leaves 1900–9999. */
static OcQuarter
oc_quarter_shift(OcQuarter q, int64 delta)
{
	int64		ordinal = (int64) q + delta;

	if (ordinal < OC_QORD_MIN || ordinal > OC_QORD_MAX)
	{
		char		buf[OC_TEXT_BUFLEN];

		oc_quarter_format(q, buf);
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("quarter %s shifted by " INT64_FORMAT " quarters is out of range", buf, delta),
				 errdetail("Quarters lie between 1900-Q1 and 9999-Q4.")));
	}
	return (OcQuarter) ordinal;
}

PG_FUNCTION_INFO_V1(quarter_in);
/* Text input: '2026-Q1' or '2026-q1'. */
Datum
quarter_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	int32		ordinal;

	if (oc_quarter_parse(input, &ordinal) != OC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type ocenka.quarter: \"%s\"", input),
				 errdetail("A quarter is written YYYY-Qn with a year from 1900 to 9999 and n from 1 to 4, such as 2026-Q1.")));
	PG_RETURN_OCQUARTER(ordinal);
}

PG_FUNCTION_INFO_V1(quarter_out);
/* Text output: 'YYYY-Qn'. */
Datum
quarter_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(OC_TEXT_BUFLEN);

	oc_quarter_format(PG_GETARG_OCQUARTER(0), buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(quarter_recv);
/* Binary input: int16 year, int8 quarter number, length-checked, then validated like text input. */
Datum
quarter_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	int			year = 0;
	int			number = 0;
	int32		ordinal = 0;
	OcParse		status = oc_quarter_decode((const unsigned char *) buf->data + buf->cursor, len,
										   &year, &number, &ordinal);

	if (status == OC_SYNTAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary quarter: field length %d, not %d", len, OC_QUARTER_BINLEN),
				 errdetail("A quarter is sent as a 2-byte year and a 1-byte quarter number.")));
	if (status != OC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary quarter: year %d, quarter %d", year, number),
				 errdetail("A quarter has a year from 1900 to 9999 and a number from 1 to 4.")));
	buf->cursor += len;
	PG_RETURN_OCQUARTER(ordinal);
}

PG_FUNCTION_INFO_V1(quarter_send);
/* Binary output: int16 year, int8 quarter number. */
Datum
quarter_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	unsigned char bytes[OC_QUARTER_BINLEN];

	oc_quarter_encode(PG_GETARG_OCQUARTER(0), bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, OC_QUARTER_BINLEN);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Comparison operators: they cannot fail, so they are LEAKPROOF. */
#define OC_QUARTER_CMP(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_OCQUARTER(0) op PG_GETARG_OCQUARTER(1)); \
}

OC_QUARTER_CMP(quarter_eq, ==)
OC_QUARTER_CMP(quarter_ne, !=)
OC_QUARTER_CMP(quarter_lt, <)
OC_QUARTER_CMP(quarter_le, <=)
OC_QUARTER_CMP(quarter_gt, >)
OC_QUARTER_CMP(quarter_ge, >=)

PG_FUNCTION_INFO_V1(quarter_cmp);
/* btree support: three-way comparison. */
Datum
quarter_cmp(PG_FUNCTION_ARGS)
{
	OcQuarter	a = PG_GETARG_OCQUARTER(0);
	OcQuarter	b = PG_GETARG_OCQUARTER(1);

	PG_RETURN_INT32((a > b) - (a < b));
}

PG_FUNCTION_INFO_V1(quarter_sortsupport);
/* btree support: sorts compare the ordinals directly. */
Datum
quarter_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = ssup_datum_int32_cmp;
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(quarter_hash);
/* hash support: hashes the ordinal like int4. */
Datum
quarter_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_OCQUARTER(0));
}

PG_FUNCTION_INFO_V1(quarter_hash_extended);
/* hash support with a seed, for hash partitioning. */
Datum
quarter_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_OCQUARTER(0), PG_GETARG_INT64(1));
}

PG_FUNCTION_INFO_V1(quarter_larger);
/* max(quarter) support. */
Datum
quarter_larger(PG_FUNCTION_ARGS)
{
	PG_RETURN_OCQUARTER(Max(PG_GETARG_OCQUARTER(0), PG_GETARG_OCQUARTER(1)));
}

PG_FUNCTION_INFO_V1(quarter_smaller);
/* min(quarter) support. */
Datum
quarter_smaller(PG_FUNCTION_ARGS)
{
	PG_RETURN_OCQUARTER(Min(PG_GETARG_OCQUARTER(0), PG_GETARG_OCQUARTER(1)));
}

PG_FUNCTION_INFO_V1(quarter_pl_int4);
/* quarter + integer: the quarter n quarters later. */
Datum
quarter_pl_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_OCQUARTER(oc_quarter_shift(PG_GETARG_OCQUARTER(0), PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(int4_pl_quarter);
/* integer + quarter, the commutator of quarter + integer. */
Datum
int4_pl_quarter(PG_FUNCTION_ARGS)
{
	PG_RETURN_OCQUARTER(oc_quarter_shift(PG_GETARG_OCQUARTER(1), PG_GETARG_INT32(0)));
}

PG_FUNCTION_INFO_V1(quarter_mi_int4);
/* quarter - integer: the quarter n quarters earlier. */
Datum
quarter_mi_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_OCQUARTER(oc_quarter_shift(PG_GETARG_OCQUARTER(0), -(int64) PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(quarter_mi_quarter);
/* quarter - quarter: the number of quarters between them. */
Datum
quarter_mi_quarter(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_OCQUARTER(0) - PG_GETARG_OCQUARTER(1));
}

/* The quarter containing a date, or an error outside 1900–9999. */
OcQuarter
oc_quarter_of_date(DateADT date)
{
	int			year,
				month,
				day;

	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("an infinite date has no quarter")));
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	if (year < OC_YEAR_MIN || year > OC_YEAR_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date %s is outside the years a quarter can name",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(date)))),
				 errdetail("Quarters lie between 1900-Q1 and 9999-Q4.")));
	return year * 4 + (month - 1) / 3;
}

/* First day of a quarter. */
DateADT
oc_quarter_first_day(OcQuarter q)
{
	return date2j(oc_quarter_year(q), oc_quarter_first_month(q), 1) - POSTGRES_EPOCH_JDATE;
}

/* Last day of a quarter. */
DateADT
oc_quarter_last_day(OcQuarter q)
{
	int			year = oc_quarter_year(q);
	int			month = oc_quarter_first_month(q) + 2;

	return date2j(year, month, oc_days_in_month(year, month)) - POSTGRES_EPOCH_JDATE;
}

PG_FUNCTION_INFO_V1(quarter_of);
/* quarter_of(date): the quarter containing the date. */
Datum
quarter_of(PG_FUNCTION_ARGS)
{
	PG_RETURN_OCQUARTER(oc_quarter_of_date(PG_GETARG_DATEADT(0)));
}

PG_FUNCTION_INFO_V1(quarter_first_day);
/* first_day(quarter). */
Datum
quarter_first_day(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(oc_quarter_first_day(PG_GETARG_OCQUARTER(0)));
}

PG_FUNCTION_INFO_V1(quarter_last_day);
/* last_day(quarter). */
Datum
quarter_last_day(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(oc_quarter_last_day(PG_GETARG_OCQUARTER(0)));
}

PG_FUNCTION_INFO_V1(quarter_year);
/* year_of(quarter). */
Datum
quarter_year(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(oc_quarter_year(PG_GETARG_OCQUARTER(0)));
}

PG_FUNCTION_INFO_V1(quarter_number);
/* quarter_number(quarter): 1 … 4. */
Datum
quarter_number(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(oc_quarter_number(PG_GETARG_OCQUARTER(0)));
}

PG_FUNCTION_INFO_V1(quarter_make);
/* make_quarter(year, n). */
Datum
quarter_make(PG_FUNCTION_ARGS)
{
	int32		year = PG_GETARG_INT32(0);
	int32		number = PG_GETARG_INT32(1);
	int32		ordinal;

	if (!oc_quarter_make(year, number, &ordinal))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("quarter %d of year %d does not exist", number, year),
				 errdetail("A quarter has a year from 1900 to 9999 and a number from 1 to 4.")));
	PG_RETURN_OCQUARTER(ordinal);
}
