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

/* The shipped working-day rule of §10 for one date. */
static bool
rule_working(int year, int month, int day)
{
	OcWorkYear	wy;

	oc_work_year_rule(year, &wy);
	return oc_work_year_is_working(&wy, oc_day_of_year(year, month, day));
}

static void
calendar_cases(void)
{
	static const struct
	{
		int			year,
					month,
					day;
		bool		working;
		const char *why;
	}			cases[] = {
		{2026, 3, 20, true, "Friday before Nauryz 2026"},
		{2026, 3, 23, false, "Nauryz 2026, Monday 23 March"},
		{2026, 3, 24, false, "carried from Saturday 21 March 2026"},
		{2026, 3, 25, false, "carried from Sunday 22 March 2026"},
		{2026, 3, 26, true, "Thursday after Nauryz 2026"},
		{2020, 3, 23, false, "Nauryz 2020, Monday 23 March"},
		{2020, 3, 24, false, "carried from Saturday 21 March 2020"},
		{2020, 3, 25, false, "carried from Sunday 22 March 2020"},
		{2020, 3, 26, true, "Thursday after Nauryz 2020"},
		{2022, 1, 3, false, "carried from Saturday 1 January 2022"},
		{2022, 1, 4, false, "carried from Sunday 2 January 2022"},
		{2022, 1, 5, true, "Wednesday 5 January 2022"},
		{2023, 1, 2, false, "2 January 2023 is a holiday itself"},
		{2023, 1, 3, false, "carried from Sunday 1 January 2023"},
		{2023, 1, 4, true, "Wednesday 4 January 2023"},
		{2024, 1, 8, true, "Sunday 7 January 2024 is religious and carries nothing"},
		{2018, 12, 17, false, "17 December 2018, Independence Day before 2022"},
		{2018, 12, 18, false, "carried from Sunday 16 December 2018"},
		{2018, 12, 19, true, "Wednesday 19 December 2018"},
		{2020, 10, 26, true, "25 October was no holiday before 2022"},
		{2021, 10, 25, true, "Monday 25 October 2021"},
		{2022, 10, 25, false, "Republic Day 2022"},
		{2021, 12, 1, false, "First President's Day 2021"},
		{2022, 12, 1, true, "Thursday 1 December 2022"},
		{2021, 12, 17, false, "17 December 2021"},
		{2023, 12, 18, false, "carried from Saturday 16 December 2023"},
		{2022, 5, 10, false, "carried from Saturday 7 May 2022 past Victory Day"},
		{2026, 5, 27, true, "Kurban Ait 2026 is not in the shipped rule"},
		{2026, 3, 28, false, "a Saturday"},
		{2026, 3, 29, false, "a Sunday"},
	};
	size_t		i;
	int			year;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(rule_working(cases[i].year, cases[i].month, cases[i].day) == cases[i].working,
			  "%04d-%02d-%02d should be %s: %s", cases[i].year, cases[i].month, cases[i].day,
			  cases[i].working ? "working" : "a day off", cases[i].why);

	CHECK(oc_day_of_year(2024, 12, 31) == 365 && oc_day_of_year(2026, 3, 1) == 59 && oc_day_of_year(2026, 1, 1) == 0,
		  "day of year");

	/* counting and seeking agree with the bits in every year */
	for (year = OC_YEAR_MIN; year <= OC_YEAR_MAX; year++)
	{
		OcWorkYear	wy;
		int			days = oc_days_in_year(year);
		int			seen = 0;
		int			bad = 0;
		int			d;

		oc_work_year_rule(year, &wy);
		for (d = 0; d < days; d++)
		{
			if (oc_work_year_is_working(&wy, d))
			{
				seen++;
				bad += oc_work_year_nth(&wy, seen) != d;
			}
			bad += oc_work_year_through(&wy, d) != seen;
		}
		for (; d < OC_YEAR_WORDS * 64; d++)
			bad += oc_work_year_is_working(&wy, d);
		bad += oc_work_year_through(&wy, -1) != 0 || oc_work_year_nth(&wy, 0) != -1
			|| oc_work_year_nth(&wy, seen + 1) != -1;
		CHECK(bad == 0 && seen == wy.total && seen >= 240 && seen <= 255,
			  "year %d: %d inconsistencies, %d working days, total %d", year, bad, seen, wy.total);
	}

	/* an administrator's exception moves the counts */
	{
		OcWorkYear	wy;
		int			before;

		oc_work_year_rule(2026, &wy);
		before = wy.total;
		oc_work_year_set(&wy, oc_day_of_year(2026, 5, 27), false);
		oc_work_year_set(&wy, oc_day_of_year(2026, 3, 28), true);
		oc_work_year_set(&wy, oc_day_of_year(2026, 3, 30), false);
		oc_work_year_count(&wy);
		CHECK(wy.total == before - 1 && oc_work_year_is_working(&wy, oc_day_of_year(2026, 3, 28))
			  && oc_work_year_nth(&wy, oc_work_year_through(&wy, oc_day_of_year(2026, 3, 27)) + 1)
			  == oc_day_of_year(2026, 3, 28), "exceptions in 2026");
	}
}

/* Binary forms (issue 14): every length other than the value's own is refused before any read. */
static void
binary_cases(void)
{
	unsigned char bytes[8] = {0};
	int			h,
				year,
				number;
	int32_t		q,
				back;
	size_t		len;

	for (h = OC_SCORE_MIN; h <= OC_SCORE_MAX; h++)
	{
		int			got = -1;

		oc_score_encode(h, bytes);
		CHECK(oc_score_decode(bytes, OC_SCORE_BINLEN, &got) == OC_OK && got == h, "binary score %d", h);
	}
	for (len = 0; len < sizeof(bytes); len++)
		if (len != OC_SCORE_BINLEN)
			CHECK(oc_score_decode(bytes, len, &h) == OC_SYNTAX, "binary score of %zu bytes", len);
	bytes[0] = 0x01;
	bytes[1] = 0xf5;			/* 501 */
	CHECK(oc_score_decode(bytes, 2, &h) == OC_RANGE && h == 501, "binary score 501");
	bytes[0] = bytes[1] = 0xff; /* -1 */
	CHECK(oc_score_decode(bytes, 2, &h) == OC_RANGE && h == -1, "binary score -1");

	for (q = OC_QORD_MIN; q <= OC_QORD_MAX; q++)
	{
		oc_quarter_encode(q, bytes);
		CHECK(oc_quarter_decode(bytes, OC_QUARTER_BINLEN, &year, &number, &back) == OC_OK && back == q,
			  "binary quarter %d", (int) q);
	}
	for (len = 0; len < sizeof(bytes); len++)
		if (len != OC_QUARTER_BINLEN)
			CHECK(oc_quarter_decode(bytes, len, &year, &number, &back) == OC_SYNTAX, "binary quarter of %zu bytes", len);
	bytes[0] = 0x07;
	bytes[1] = 0xea;
	bytes[2] = 0x05;			/* 2026-Q5 */
	CHECK(oc_quarter_decode(bytes, 3, &year, &number, &back) == OC_RANGE && year == 2026 && number == 5,
		  "binary quarter 2026-Q5");
}

int
main(void)
{
	score_round_trips();
	score_cases();
	quarter_cases();
	arithmetic_cases();
	calendar_cases();
	binary_cases();
	printf("values_test: %d checks, %d failures\n", checks, failures);
	return failures == 0 ? 0 : 1;
}
