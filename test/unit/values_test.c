/*
 * values_test.c — drives src/values.c without a server: exhaustive round trips
 * and the edge cases of api.md. Run with `make unit`.
 */
#include <stdio.h>
#include <string.h>

#include "values.h"

static int	failures = 0;
static int	checks = 0;

#define CHECK(cond, ...) \
	do { \
		checks++; \
		if (!(cond)) \
		{ \
			failures++; \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
		} \
	} while (0)

static void
score_round_trips(void)
{
	char		buf[OC_TEXT_BUFLEN];
	int			h,
				back;

	for (h = OC_SCORE_MIN; h <= OC_SCORE_MAX; h++)
	{
		oc_score_format(h, buf);
		CHECK(oc_score_parse(buf, &back) == OC_OK && back == h, "score %d -> %s", h, buf);
	}
}

static void
score_cases(void)
{
	static const struct
	{
		const char *text;
		OcParse		status;
		int			hundredths;
	}			cases[] = {
		{"4", OC_OK, 400}, {"4.5", OC_OK, 450}, {"4.50", OC_OK, 450}, {" 3.07 ", OC_OK, 307},
		{"+2.1", OC_OK, 210}, {".5", OC_OK, 50}, {"5.", OC_OK, 500}, {"-0", OC_OK, 0},
		{"0004.25", OC_OK, 425}, {"5.00", OC_OK, 500},
		{"4.555", OC_TOO_PRECISE, 0}, {"4.500", OC_TOO_PRECISE, 0}, {"5.011", OC_TOO_PRECISE, 0},
		{"", OC_SYNTAX, 0}, {" ", OC_SYNTAX, 0}, {".", OC_SYNTAX, 0}, {"abc", OC_SYNTAX, 0},
		{"4,5", OC_SYNTAX, 0}, {"1e0", OC_SYNTAX, 0}, {"- 1", OC_SYNTAX, 0}, {"4.5.0", OC_SYNTAX, 0},
		{"99x", OC_SYNTAX, 0}, {"+", OC_SYNTAX, 0},
		{"5.01", OC_RANGE, 0}, {"6", OC_RANGE, 0}, {"-1", OC_RANGE, 0}, {"-0.01", OC_RANGE, 0},
		{"99999999999999999999999999", OC_RANGE, 0},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		int			h = -1;
		OcParse		status = oc_score_parse(cases[i].text, &h);

		CHECK(status == cases[i].status, "score '%s' status %d, want %d", cases[i].text, status, cases[i].status);
		if (cases[i].status == OC_OK)
			CHECK(h == cases[i].hundredths, "score '%s' = %d, want %d", cases[i].text, h, cases[i].hundredths);
	}
}

static void
quarter_cases(void)
{
	char		buf[OC_TEXT_BUFLEN];
	int32_t		q,
				back;
	const char *bad[] = {"2026-Q5", "2026-Q0", "1899-Q4", "10000-Q1", "2026Q1", "2026-1", "26-Q1",
	"2026-Q1x", "2026-Q10", "", "2026-Z1", "2O26-Q1"};
	size_t		i;

	for (q = OC_QORD_MIN; q <= OC_QORD_MAX; q++)
	{
		oc_quarter_format(q, buf);
		CHECK(oc_quarter_parse(buf, &back) == OC_OK && back == q, "quarter %d -> %s", q, buf);
	}
	CHECK(oc_quarter_parse("2026-q3", &q) == OC_OK && oc_quarter_year(q) == 2026 && oc_quarter_number(q) == 3,
		  "2026-q3");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(oc_quarter_parse(bad[i], &q) == OC_SYNTAX, "quarter '%s' accepted", bad[i]);
}

static void
arithmetic_cases(void)
{
	int			lo,
				hi;
	int64_t		k;

	CHECK(oc_round_mean(4 * 500 + 400, 5) == 480, "mean of 5,5,5,5,4");
	CHECK(oc_round_mean(1, 2) == 1, "0.005 rounds up to 0.01");
	CHECK(oc_round_mean(1199, 3) == 400, "3.99666 rounds to 4.00");
	for (k = 0; k < 20; k++)
	{
		oc_kpi_band(k, &lo, &hi);
		CHECK(lo == 25 * k && hi == lo + 24, "band %lld", (long long) k);
	}
	oc_kpi_band(20, &lo, &hi);
	CHECK(lo == 500 && hi == 500, "band 20");
	oc_kpi_band(1000000, &lo, &hi);
	CHECK(lo == 500 && hi == 500, "band of a huge percentage");
	CHECK(oc_meets_expectations(3, 4) && !oc_meets_expectations(2, 4) && oc_meets_expectations(8, 10)
		  && !oc_meets_expectations(7, 10), "3/4 rule");
	CHECK(oc_penalty_cap(OC_PENALTY_REMARK) == 299 && oc_penalty_cap(OC_PENALTY_SEVERE_REPRIMAND) == 299
		  && oc_penalty_cap(OC_PENALTY_INCOMPLETE_COMPLIANCE_WARNING) == 199
		  && oc_penalty_cap(OC_PENALTY_OTHER) == 199, "penalty caps");
	CHECK(oc_gradation_level(399) == 2 && oc_gradation_level(400) == 3 && oc_gradation_level(199) == 0
		  && oc_gradation_level(200) == 1 && oc_gradation_level(0) == 0 && oc_gradation_level(500) == 3,
		  "gradation bands");
	CHECK(oc_day_of_week(2026, 3, 21) == 6 && oc_day_of_week(2026, 3, 22) == 0 && oc_day_of_week(2000, 1, 1) == 6,
		  "day of week");
	CHECK(oc_days_in_month(2024, 2) == 29 && oc_days_in_month(2100, 2) == 28 && oc_days_in_month(2000, 2) == 29,
		  "leap years");
}

int
main(void)
{
	score_round_trips();
	score_cases();
	quarter_cases();
	arithmetic_cases();
	printf("values_test: %d checks, %d failures\n", checks, failures);
	return failures == 0 ? 0 : 1;
}
