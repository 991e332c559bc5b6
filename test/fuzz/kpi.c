/*
 * kpi — appendix 3's bands (oc_kpi_band), the gradation bands of §2, the
 * disciplinary caps, the rounded mean and the 3/4 rule: the integer rules the
 * SQL wrappers kpi_band, kpi_grade_ok, kpi_default_grade, gradation,
 * penalty_cap, ranking_score, score_avg and meets_expectations apply.
 *
 * Properties: for a percentage p (in hundredths of a percent, any size) the
 * band k = floor(p / 5 %) is [25k, 25k + 24] below 100 % and [500, 500] from
 * 100 % on, bands touch without gap or overlap, and the default grade
 * trunc(min(p, 100) / 20, 2) lies inside its band; a score's gradation is
 * 0–3 with the edges 2, 3 and 4; a cap is 1.99 or 2.99 and never raises a
 * score; a rounded mean of scores lies between their minimum and maximum and
 * equals the half-away-from-zero rounding of the exact mean; the 3/4 rule
 * holds exactly when observed >= ceil(3 total / 4).
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t	p = fuzz_take(&data, &size, 8);	/* hundredths of a percent */
	int64_t		k = (int64_t) (p / 500);
	int			lo,
				hi,
				lo2,
				hi2,
				level;
	int64_t		deflt;
	int64_t		sum = 0,
				count = 0;
	int			min = OC_SCORE_MAX,
				max = OC_SCORE_MIN,
				mean,
				kind;
	int64_t		total,
				observed;

	if (k < 0)					/* p beyond INT64_MAX: the SQL side refuses nothing there, but k is int64 */
		k = INT64_MAX;
	oc_kpi_band(k, &lo, &hi);
	FUZZ_CHECK(OC_SCORE_MIN <= lo && lo <= hi && hi <= OC_SCORE_MAX, "band %lld: [%d, %d]", (long long) k, lo, hi);
	if (k >= 20)
		FUZZ_CHECK(lo == 500 && hi == 500, "band %lld: [%d, %d]", (long long) k, lo, hi);
	else
	{
		FUZZ_CHECK(lo == 25 * k && hi == 25 * k + 24, "band %lld: [%d, %d]", (long long) k, lo, hi);
		oc_kpi_band(k + 1, &lo2, &hi2);
		FUZZ_CHECK(lo2 == hi + 1, "bands %lld and %lld do not touch", (long long) k, (long long) k + 1);
	}
	deflt = (int64_t) ((p < 10000 ? p : 10000) / 20);
	FUZZ_CHECK(lo <= deflt && deflt <= hi, "default grade %lld outside band %lld", (long long) deflt, (long long) k);

	/* gradation edges of §2 */
	level = oc_gradation_level((int) (p % 501));
	FUZZ_CHECK(level == (p % 501 >= 400 ? 3 : p % 501 >= 300 ? 2 : p % 501 >= 200 ? 1 : 0),
			   "gradation of %d: %d", (int) (p % 501), level);

	/* a sheet: up to 64 scores and a penalty kind from the rest of the input */
	while (size >= 2 && count < 64)
	{
		int			s = (int) (fuzz_take(&data, &size, 2) % 501);

		sum += s;
		count++;
		min = s < min ? s : min;
		max = s > max ? s : max;
	}
	if (count > 0)
	{
		mean = oc_round_mean(sum, count);
		FUZZ_CHECK(min <= mean && mean <= max, "mean %d outside [%d, %d]", mean, min, max);
		/* half away from zero: the remainder of sum / count decides */
		FUZZ_CHECK(mean == sum / count + (2 * (sum % count) >= count), "mean of %lld / %lld is %d",
				   (long long) sum, (long long) count, mean);
		for (kind = 0; kind < OC_PENALTY_COUNT; kind++)
		{
			int			cap = oc_penalty_cap((OcPenalty) kind);

			FUZZ_CHECK(cap == (kind <= OC_PENALTY_SEVERE_REPRIMAND ? 299 : 199), "cap of kind %d: %d", kind, cap);
			FUZZ_CHECK(oc_gradation_level(cap < mean ? cap : mean) <= oc_gradation_level(mean), "a cap raised a score");
		}
	}

	/* the 3/4 rule over any int32 pair the SQL function lets through (0 <= observed <= total) */
	total = (int64_t) (p >> 33) + 1;
	observed = (int64_t) (p & 0x7fffffff) % (total + 1);
	FUZZ_CHECK(oc_meets_expectations(observed, total) == (observed >= (3 * total + 3) / 4),
			   "3/4 rule for %lld of %lld", (long long) observed, (long long) total);
	return 0;
}
