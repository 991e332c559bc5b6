/*
 * grade.c — gradation and its labels, KPI percentages and bands, disciplinary
 * caps, the ranking score and the 3/4 rule (methodology §2–§4, §7, §8b).
 */
#include "ocenka.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

/* ---------- gradation labels ---------- */

typedef enum OcLang
{
	OC_LANG_KK,
	OC_LANG_RU,
	OC_LANG_EN,
	OC_LANG_COUNT
} OcLang;

/* The four levels' words in one language, level 0 = unsatisfactory … 3 = effective. */
typedef const char *const OcWords[OC_GRADATION_COUNT];

/* seed 000 ¶7 (kk; seed 002 has no kk text) and seed 002 ¶7 (ru): typical-2023 and wko-2026 */
static OcWords oc_functional_kk = {
	"Функционалдық міндеттерін қанағаттанарлықсыз түрде атқарады",
	"Функционалдық міндеттерін қанағаттанарлық түрде атқарады",
	"Функционалдық міндеттерін тиісті түрде атқарады",
	"Функционалдық міндеттерін тиімді атқарады"};
static OcWords oc_functional_ru = {
	"Выполняет функциональные обязанности не удовлетворительно",
	"Выполняет функциональные обязанности удовлетворительно",
	"Выполняет функциональные обязанности надлежащим образом",
	"Выполняет функциональные обязанности эффективно"};
static OcWords oc_functional_en = {
	"performs functional duties unsatisfactorily",
	"performs functional duties satisfactorily",
	"performs functional duties properly",
	"performs functional duties effectively"};

/* seed 000 ch. 6 ¶49 says "орындайды" where ¶7 says "атқарады": legacy-2021 */
static OcWords oc_legacy_kk = {
	"Функционалдық міндеттерін қанағаттанарлықсыз орындайды",
	"Функционалдық міндеттерін қанағаттанарлық орындайды",
	"Функционалдық міндеттерді тиісті түрде орындайды",
	"Функционалдық міндеттерді тиімді орындайды"};

/* seed 001 ¶18, akmola-2018's own four words (vsk-2018 keeps its structure); ru and en are ours */
static OcWords oc_akmola_kk = {"қанағаттанарлықсыз", "қанағаттанарлық", "тиімді", "өте жақсы"};
static OcWords oc_akmola_ru = {"неудовлетворительно", "удовлетворительно", "эффективно", "отлично"};
static OcWords oc_akmola_en = {"unsatisfactory", "satisfactory", "effective", "excellent"};

typedef struct OcLabelSet
{
	const char *methodology;
	const char *const *words[OC_LANG_COUNT];	/* kk, ru, en */
} OcLabelSet;

static const OcLabelSet oc_labels[] = {
	{"typical-2023", {oc_functional_kk, oc_functional_ru, oc_functional_en}},
	{"wko-2026", {oc_functional_kk, oc_functional_ru, oc_functional_en}},
	{"akmola-2018", {oc_akmola_kk, oc_akmola_ru, oc_akmola_en}},
	{"vsk-2018", {oc_akmola_kk, oc_akmola_ru, oc_akmola_en}},
	{"legacy-2021", {oc_legacy_kk, oc_functional_ru, oc_functional_en}},
};

static const char *const oc_lang_codes[OC_LANG_COUNT] = {"kk", "ru", "en"};

/* The label set of a methodology code, or a 22023 error naming it. */
static const OcLabelSet *
oc_label_set(const char *methodology)
{
	size_t		i;

	for (i = 0; i < lengthof(oc_labels); i++)
		if (strcmp(oc_labels[i].methodology, methodology) == 0)
			return &oc_labels[i];
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown methodology \"%s\"", methodology),
			 errhint("Known methodologies are typical-2023, wko-2026, akmola-2018, vsk-2018 and legacy-2021.")));
	return NULL;				/* keep compiler quiet */
}

/* The index of a language code, or a 22023 error naming it. */
static OcLang
oc_lang(const char *code)
{
	int			i;

	for (i = 0; i < OC_LANG_COUNT; i++)
		if (strcmp(oc_lang_codes[i], code) == 0)
			return (OcLang) i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown language \"%s\"", code),
			 errhint("Labels exist in kk, ru and en.")));
	return OC_LANG_RU;			/* keep compiler quiet */
}

PG_FUNCTION_INFO_V1(gradation_of_score);
/* gradation(score): the level whose band (§2) holds the score. */
Datum
gradation_of_score(PG_FUNCTION_ARGS)
{
	return oc_enum_value(fcinfo, "gradation", oc_gradation_level(PG_GETARG_OCSCORE(0)));
}

PG_FUNCTION_INFO_V1(gradation_of_numeric);
/* gradation(numeric): rounds half away from zero to two decimals first (§2). */
Datum
gradation_of_numeric(PG_FUNCTION_ARGS)
{
	return oc_enum_value(fcinfo, "gradation", oc_gradation_level(oc_numeric_to_score(PG_GETARG_DATUM(0))));
}

PG_FUNCTION_INFO_V1(gradation_label);
/* gradation_label(gradation, lang, methodology): the official wording. */
Datum
gradation_label(PG_FUNCTION_ARGS)
{
	int			level = oc_enum_position(fcinfo, "gradation", PG_GETARG_OID(0));
	char	   *lang = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *methodology = text_to_cstring(PG_GETARG_TEXT_PP(2));
	const OcLabelSet *set = oc_label_set(methodology);

	PG_RETURN_TEXT_P(cstring_to_text(set->words[oc_lang(lang)][level]));
}

/* ---------- numeric helpers ---------- */

static int
oc_numeric_cmp_int(Datum num, int64 value)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, num,
											 NumericGetDatum(int64_to_numeric(value))));
}

/* Refuses NaN and infinities: no KPI quantity is one. */
static void
oc_require_finite(Datum num, const char *what)
{
	Numeric		n = DatumGetNumeric(num);

	if (numeric_is_nan(n) || numeric_is_inf(n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number, not %s", what,
						DatumGetCString(DirectFunctionCall1(numeric_out, num)))));
}

/* ---------- KPI ---------- */

PG_FUNCTION_INFO_V1(kpi_percent);
/*
 * kpi_percent(plan, actual, direction): the percentage of achievement (§3),
 * truncated — never rounded — to two decimals, so 99.999 % stays in the
 * 95–99.99 band; trailing zeros are trimmed (95, not 95.00).
 */
Datum
kpi_percent(PG_FUNCTION_ARGS)
{
	Datum		plan = PG_GETARG_DATUM(0);
	Datum		actual = PG_GETARG_DATUM(1);
	char	   *direction = text_to_cstring(PG_GETARG_TEXT_PP(2));
	Datum		numerator;
	Datum		denominator;
	Datum		hundredths;

	oc_require_finite(plan, "a KPI plan");
	oc_require_finite(actual, "a KPI actual value");
	if (oc_numeric_cmp_int(actual, 0) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("KPI actual value %s is negative",
						DatumGetCString(DirectFunctionCall1(numeric_out, actual))),
				 errdetail("A percentage of achievement is 0 or more (methodology §3).")));

	if (strcmp(direction, "increase") == 0)
	{
		if (oc_numeric_cmp_int(plan, 0) <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("KPI plan %s must be positive for an increase KPI",
							DatumGetCString(DirectFunctionCall1(numeric_out, plan))),
					 errdetail("An increase KPI is achieved as actual / plan × 100 (methodology §3).")));
		numerator = actual;
		denominator = plan;
	}
	else if (strcmp(direction, "decrease") == 0)
	{
		if (oc_numeric_cmp_int(plan, 0) < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("KPI plan %s must not be negative for a decrease KPI",
							DatumGetCString(DirectFunctionCall1(numeric_out, plan))),
					 errdetail("A decrease KPI is achieved as plan / actual × 100 (methodology §3).")));
		/* §3: at or under plan is full achievement; any excess over a zero plan is none */
		if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, actual, plan)) <= 0)
			PG_RETURN_NUMERIC(int64_to_numeric(100));
		if (oc_numeric_cmp_int(plan, 0) == 0)
			PG_RETURN_NUMERIC(int64_to_numeric(0));
		numerator = plan;
		denominator = actual;
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown KPI direction \"%s\"", direction),
				 errhint("A KPI direction is increase or decrease.")));

	/* exact integer division on hundredths of a percent: no rounding can cross a band edge */
	hundredths = DirectFunctionCall2(numeric_div_trunc,
									 DirectFunctionCall2(numeric_mul, numerator,
														 NumericGetDatum(int64_to_numeric(10000))),
									 denominator);
	/*
	 * back to percent by multiplying by 0.01, which is exact at any magnitude
	 * (numeric_div would round to its own significant digits: issue 14)
	 */
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale,
										DirectFunctionCall2(numeric_mul, hundredths,
															NumericGetDatum(int64_div_fast_to_numeric(1, 2)))));
}

/*
 * Per-call-site cache of appendix 3: the band edges 0, 5, …, 100 as numerics
 * and the 21 result ranges, built once in fn_mcxt. KPI checks run on every
 * item of a bulk load, so a band is found by comparisons against these edges
 * rather than by numeric division, and a range is copied rather than built.
 */
#define OC_BANDS 21

typedef struct OcBandCache
{
	Datum		edge[OC_BANDS];	/* numeric 5 * k */
	Datum		range[OC_BANDS];	/* numrange [0.25k, 0.25k + 0.24], [5,5] for k = 20 */
} OcBandCache;

/* A numrange [lo, hi] of two scores given in hundredths, both bounds inclusive. */
static Datum
oc_score_range(int lo, int hi)
{
	TypeCacheEntry *typcache = lookup_type_cache(NUMRANGEOID, TYPECACHE_RANGE_INFO);
	RangeBound	lower;
	RangeBound	upper;

	lower.val = DirectFunctionCall1(numeric_trim_scale, oc_score_to_numeric(lo));
	lower.infinite = false;
	lower.inclusive = true;
	lower.lower = true;
	upper.val = DirectFunctionCall1(numeric_trim_scale, oc_score_to_numeric(hi));
	upper.infinite = false;
	upper.inclusive = true;
	upper.lower = false;
#if PG_VERSION_NUM >= 160000	/* 16 added make_range's last argument, a soft-error context */
	return RangeTypePGetDatum(make_range(typcache, &lower, &upper, false, NULL));
#else
	return RangeTypePGetDatum(make_range(typcache, &lower, &upper, false));
#endif
}

static OcBandCache *
oc_band_cache(FunctionCallInfo fcinfo)
{
	OcBandCache *cache = (OcBandCache *) fcinfo->flinfo->fn_extra;
	MemoryContext old;
	int			k;

	if (cache != NULL)
		return cache;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	cache = palloc(sizeof(OcBandCache));
	for (k = 0; k < OC_BANDS; k++)
	{
		int			lo,
					hi;

		cache->edge[k] = NumericGetDatum(int64_to_numeric(5 * k));
		oc_kpi_band(k, &lo, &hi);
		cache->range[k] = oc_score_range(lo, hi);
	}
	MemoryContextSwitchTo(old);
	fcinfo->flinfo->fn_extra = cache;
	return cache;
}

static int
oc_numeric_cmp(Datum a, Datum b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, a, b));
}

/*
 * The appendix 3 band index k = floor(p / 5) of a percentage, 20 for 100 %
 * and more, after checking it is a finite number and not negative (§3).
 */
static int
oc_band_of(FunctionCallInfo fcinfo, Datum percent)
{
	OcBandCache *cache = oc_band_cache(fcinfo);
	int			lo = 0,
				hi = OC_BANDS - 1;

	oc_require_finite(percent, "a KPI percentage");
	if (oc_numeric_cmp(percent, cache->edge[0]) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("KPI percentage %s is negative",
						DatumGetCString(DirectFunctionCall1(numeric_out, percent))),
				 errdetail("A percentage of achievement is 0 or more (methodology §3).")));
	/* the largest k with 5k <= p */
	while (lo < hi)
	{
		int			mid = (lo + hi + 1) / 2;

		if (oc_numeric_cmp(percent, cache->edge[mid]) >= 0)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

PG_FUNCTION_INFO_V1(kpi_band);
/* kpi_band(percent): the grades appendix 3 allows, as a numrange with inclusive bounds. */
Datum
kpi_band(PG_FUNCTION_ARGS)
{
	Datum		percent = NumericGetDatum(PG_GETARG_NUMERIC(0));
	int			k = oc_band_of(fcinfo, percent);
	Datum		range = ((OcBandCache *) fcinfo->flinfo->fn_extra)->range[k];

	/* a copy: callers may free or keep what we return */
	PG_RETURN_DATUM(datumCopy(range, false, -1));
}

PG_FUNCTION_INFO_V1(kpi_grade_ok);
/* kpi_grade_ok(percent, grade): whether the grade lies in the percentage's band. */
Datum
kpi_grade_ok(PG_FUNCTION_ARGS)
{
	OcScore		grade = PG_GETARG_OCSCORE(1);
	int			lo,
				hi;

	oc_kpi_band(oc_band_of(fcinfo, NumericGetDatum(PG_GETARG_NUMERIC(0))), &lo, &hi);
	PG_RETURN_BOOL(grade >= lo && grade <= hi);
}

PG_FUNCTION_INFO_V1(kpi_default_grade);
/* kpi_default_grade(percent): trunc(min(p, 100) / 20, 2), always inside the band (§3). */
Datum
kpi_default_grade(PG_FUNCTION_ARGS)
{
	Datum		percent = NumericGetDatum(PG_GETARG_NUMERIC(0));
	int64		hundredths;

	if (oc_band_of(fcinfo, percent) == OC_BANDS - 1)
		PG_RETURN_OCSCORE(OC_SCORE_MAX);
	/* p / 20 in hundredths is p * 5, truncated */
	hundredths = DatumGetInt64(DirectFunctionCall1(numeric_int8,
												   DirectFunctionCall2(numeric_div_trunc,
																	   DirectFunctionCall2(numeric_mul, percent,
																						   NumericGetDatum(int64_to_numeric(5))),
																	   NumericGetDatum(int64_to_numeric(1)))));
	PG_RETURN_OCSCORE((OcScore) hundredths);
}

/* ---------- disciplinary caps and the ranking score ---------- */

PG_FUNCTION_INFO_V1(penalty_cap);
/* penalty_cap(kind): 2.99 for a remark or (severe) reprimand, 1.99 for any other penalty (§4b). */
Datum
penalty_cap(PG_FUNCTION_ARGS)
{
	PG_RETURN_OCSCORE(oc_penalty_cap((OcPenalty) oc_enum_position(fcinfo, "penalty_kind", PG_GETARG_OID(0))));
}

/* Refuses arrays with NULL elements, naming the argument. */
static void
oc_require_no_nulls(ArrayType *array, const char *what)
{
	if (array_contains_nulls(array))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not contain NULL", what),
				 errdetail("Every parameter of a sheet is scored and every penalty has a kind.")));
}

PG_FUNCTION_INFO_V1(ranking_score);
/*
 * ranking_score(scores, penalties): the sheet's mean rounded half away from
 * zero to two decimals, then capped by the lowest cap of the quarter's
 * penalties (§4b: the cap applies to the rounded average).
 */
Datum
ranking_score(PG_FUNCTION_ARGS)
{
	ArrayType  *scores = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *penalties = PG_GETARG_ARRAYTYPE_P(1);
	int			n = ArrayGetNItems(ARR_NDIM(scores), ARR_DIMS(scores));
	int			np = ArrayGetNItems(ARR_NDIM(penalties), ARR_DIMS(penalties));
	const OcScore *score = (const OcScore *) ARR_DATA_PTR(scores);
	const Oid  *penalty = (const Oid *) ARR_DATA_PTR(penalties);
	int64		sum = 0;
	int			result;
	int			i;

	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a ranking score needs at least one parameter score"),
				 errdetail("The sheet score is the sum of the parameter scores divided by their number (methodology §4).")));
	oc_require_no_nulls(scores, "ranking scores");
	oc_require_no_nulls(penalties, "penalties");

	for (i = 0; i < n; i++)
		sum += score[i];
	result = oc_round_mean(sum, n);
	for (i = 0; i < np; i++)
		result = Min(result, oc_penalty_cap((OcPenalty) oc_enum_position(fcinfo, "penalty_kind", penalty[i])));
	PG_RETURN_OCSCORE((OcScore) result);
}

/* ---------- behavioural indicators ---------- */

PG_FUNCTION_INFO_V1(meets_expectations);
/* meets_expectations(observed, total): 3/4 or more of a competency's indicators observed (§8b). */
Datum
meets_expectations(PG_FUNCTION_ARGS)
{
	int32		observed = PG_GETARG_INT32(0);
	int32		total = PG_GETARG_INT32(1);

	if (total <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of behavioural indicators must be positive: %d", total),
				 errdetail("A competency is assessed by 1 to 10 behavioural indicators (akmola-2018 ¶26).")));
	if (observed < 0 || observed > total)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("observed indicators %d out of range for %d indicators", observed, total),
				 errdetail("Between 0 and the number of indicators can be observed.")));
	PG_RETURN_BOOL(oc_meets_expectations(observed, total));
}
