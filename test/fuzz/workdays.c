/*
 * workdays — the shipped working-day rule of §10 (oc_work_year_rule) and the
 * per-year bit sets the calendar functions count and seek in.
 *
 * Properties: dates agree with an independent day count (days from
 * 1970-01-01, 1 January 1970 a Thursday); in a rule year no Saturday, Sunday
 * or fixed holiday is a working day, and the working days are exactly the
 * weekdays minus the holidays on weekdays minus one carried day off per
 * carrying holiday on a weekend; for any set of bits (a rule year, or one
 * the fuzzer writes, as an administrator's calendar rows would)
 * oc_work_year_through and oc_work_year_nth agree with counting bit by bit,
 * nth(through(d)) = d on a working day, and total = through(last day);
 * add_working_days computed as calendar.c does it (through + n, rolling into
 * the next years) lands on the same day as a walk day by day.
 */
#include "fuzz.h"

/* Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long		era;
	unsigned	yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned) (y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long) doe - 719468;
}

static int
weekday(int year, int doy)			/* 0 = Sunday */
{
	long		days = days_from_civil(year, 1, 1) + doy;

	return (int) (((days % 7) + 7 + 4) % 7);
}

/* The fixed holidays of the README's §10 decision, as (month, day, carries, first year, last year). */
static const int holidays[][5] = {
	{1, 1, 1, 0, 9999}, {1, 2, 1, 0, 9999}, {1, 7, 0, 0, 9999}, {3, 8, 1, 0, 9999},
	{3, 21, 1, 0, 9999}, {3, 22, 1, 0, 9999}, {3, 23, 1, 0, 9999}, {5, 1, 1, 0, 9999},
	{5, 7, 1, 0, 9999}, {5, 9, 1, 0, 9999}, {7, 6, 1, 0, 9999}, {8, 30, 1, 0, 9999},
	{10, 25, 1, 2022, 9999}, {12, 1, 1, 0, 2021}, {12, 16, 1, 0, 9999}, {12, 17, 1, 0, 2021},
};

static void
check_counts(const OcWorkYear *wy, int days)
{
	int			d,
				n = 0;

	for (d = 0; d < days; d++)
	{
		if (oc_work_year_is_working(wy, d))
		{
			n++;
			FUZZ_CHECK(oc_work_year_nth(wy, n) == d, "nth(%d) is not day %d", n, d);
		}
		FUZZ_CHECK(oc_work_year_through(wy, d) == n, "through(%d) = %d, counted %d", d, oc_work_year_through(wy, d), n);
	}
	FUZZ_CHECK(wy->total == n, "total %d, counted %d", wy->total, n);
	FUZZ_CHECK(oc_work_year_through(wy, -1) == 0, "through(-1)");
	FUZZ_CHECK(oc_work_year_nth(wy, 0) == -1 && oc_work_year_nth(wy, n + 1) == -1, "nth out of range");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int			year = OC_YEAR_MIN + (int) (fuzz_take(&data, &size, 2) % (OC_YEAR_MAX - OC_YEAR_MIN + 1));
	int			start = (int) (fuzz_take(&data, &size, 2) % 366);
	int			n = (int) (fuzz_take(&data, &size, 2) % 600);
	int			days = oc_days_in_year(year);
	OcWorkYear	wy;
	OcWorkYear	next;
	int			m,
				d,
				i,
				weekdays = 0,
				expected,
				y,
				want_year,
				want_doy;
	int64_t		wanted;

	/* the calendar arithmetic of values.c against the independent day count */
	FUZZ_CHECK(days == days_from_civil(year + 1, 1, 1) - days_from_civil(year, 1, 1), "days in %d", year);
	for (m = 1; m <= 12; m++)
	{
		FUZZ_CHECK(oc_days_in_month(year, m) == (m == 12 ? 31 : days_from_civil(year, m + 1, 1) - days_from_civil(year, m, 1)),
				   "days in %d-%02d", year, m);
		for (d = 1; d <= oc_days_in_month(year, m); d += 9)
		{
			int			doy = oc_day_of_year(year, m, d);

			FUZZ_CHECK(doy == days_from_civil(year, m, d) - days_from_civil(year, 1, 1), "day of year of %d-%02d-%02d", year, m, d);
			FUZZ_CHECK(oc_day_of_week(year, m, d) == weekday(year, doy), "weekday of %d-%02d-%02d", year, m, d);
		}
	}

	/* the shipped rule */
	oc_work_year_rule(year, &wy);
	expected = 0;
	for (d = 0; d < days; d++)
	{
		int			wd = weekday(year, d);

		if (wd == 0 || wd == 6)
			FUZZ_CHECK(!oc_work_year_is_working(&wy, d), "%d day %d is a weekend but working", year, d);
		else
			weekdays++;
	}
	expected = weekdays;
	for (i = 0; i < (int) (sizeof(holidays) / sizeof(holidays[0])); i++)
	{
		int			h;
		int			wd;

		if (year < holidays[i][3] || year > holidays[i][4])
			continue;
		h = oc_day_of_year(year, holidays[i][0], holidays[i][1]);
		wd = weekday(year, h);
		FUZZ_CHECK(!oc_work_year_is_working(&wy, h), "%d holiday %d-%d is working", year, holidays[i][0], holidays[i][1]);
		if (wd != 0 && wd != 6)
			expected--;
		else if (holidays[i][2])
			expected--;			/* its day off is carried onto a weekday */
	}
	FUZZ_CHECK(wy.total == expected, "%d has %d working days, expected %d", year, wy.total, expected);
	check_counts(&wy, days);

	/* add_working_days(1 Jan + start, n) as calendar.c computes it, against a walk */
	if (start < days && year + 4 <= OC_YEAR_MAX)
	{
		int			walk_year = year,
					walk_doy = start,
					left = n;
		OcWorkYear	cur = wy;

		if (!(n == 0 && oc_work_year_is_working(&wy, start)))
		{
			left = n > 0 ? n : 1;
			while (left > 0)
			{
				if (++walk_doy == oc_days_in_year(walk_year))
				{
					walk_doy = 0;
					oc_work_year_rule(++walk_year, &cur);
				}
				if (oc_work_year_is_working(&cur, walk_doy))
					left--;
			}
		}
		/* calendar.c */
		y = year;
		next = wy;
		if (n == 0 && oc_work_year_is_working(&wy, start))
		{
			want_year = year;
			want_doy = start;
		}
		else
		{
			wanted = (int64_t) oc_work_year_through(&wy, start) + (n > 0 ? n : 1);
			while (wanted > next.total)
			{
				wanted -= next.total;
				oc_work_year_rule(++y, &next);
			}
			want_year = y;
			want_doy = oc_work_year_nth(&next, (int) wanted);
		}
		FUZZ_CHECK(want_year == walk_year && want_doy == walk_doy,
				   "add_working_days(%d day %d, %d): %d day %d, walk %d day %d", year, start, n,
				   want_year, want_doy, walk_year, walk_doy);
	}

	/* any bits (an administrator's calendar rows): counting and seeking */
	if (size > 0)
	{
		for (d = 0; d < days; d++)
			oc_work_year_set(&wy, d, (data[(d / 8) % size] >> (d % 8)) & 1);
		oc_work_year_count(&wy);
		check_counts(&wy, days);
	}
	return 0;
}
