/*
 * values.c — parsing, formatting and arithmetic of ocenka's values without a server.
 */
#include "values.h"

/* Locale-independent isspace: the text forms are ASCII whatever lc_ctype says. */
static bool
oc_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool
oc_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Parses a score's text form into hundredths. */
OcParse
oc_score_parse(const char *s, int *hundredths)
{
	bool		negative = false;
	bool		too_large = false;
	int			digits = 0;
	int			decimals = 0;
	int64_t		value = 0;		/* hundredths, saturated once too large */

	while (oc_is_space(*s))
		s++;
	if (*s == '+' || *s == '-')
		negative = (*s++ == '-');

	for (; oc_is_digit(*s); s++, digits++)
	{
		value = value * 10 + (*s - '0');
		if (value > OC_SCORE_MAX)
		{
			too_large = true;
			value = OC_SCORE_MAX + 1;
		}
	}
	value *= 100;
	if (*s == '.')
	{
		for (s++; oc_is_digit(*s); s++, decimals++)
		{
			if (decimals == 0)
				value += (*s - '0') * 10;
			else if (decimals == 1)
				value += *s - '0';
		}
		digits += decimals;
	}
	while (oc_is_space(*s))
		s++;

	if (digits == 0 || *s != '\0')
		return OC_SYNTAX;
	if (decimals > 2)
		return OC_TOO_PRECISE;
	if (too_large || value > OC_SCORE_MAX || (negative && value != 0))
		return OC_RANGE;
	*hundredths = (int) value;
	return OC_OK;
}

/* Writes a score as "d.dd". */
void
oc_score_format(int hundredths, char *buf)
{
	buf[0] = (char) ('0' + hundredths / 100);
	buf[1] = '.';
	buf[2] = (char) ('0' + hundredths / 10 % 10);
	buf[3] = (char) ('0' + hundredths % 10);
	buf[4] = '\0';
}

/* Builds an ordinal from a year and a quarter number, false if out of range. */
bool
oc_quarter_make(int year, int quarter, int32_t *ordinal)
{
	if (year < OC_YEAR_MIN || year > OC_YEAR_MAX || quarter < 1 || quarter > 4)
		return false;
	*ordinal = year * 4 + (quarter - 1);
	return true;
}

/* Reads a big-endian int16. */
static int
oc_get_int16(const unsigned char *bytes)
{
	return (int16_t) (uint16_t) ((bytes[0] << 8) | bytes[1]);
}

/* Writes a big-endian int16. */
static void
oc_put_int16(int value, unsigned char *out)
{
	out[0] = (unsigned char) ((uint16_t) value >> 8);
	out[1] = (unsigned char) value;
}

/* Decodes a score's binary form: exactly 2 bytes, 0 … 500 hundredths. */
OcParse
oc_score_decode(const unsigned char *bytes, size_t len, int *hundredths)
{
	int			value;

	if (len != OC_SCORE_BINLEN)
		return OC_SYNTAX;
	value = oc_get_int16(bytes);
	*hundredths = value;
	if (value < OC_SCORE_MIN || value > OC_SCORE_MAX)
		return OC_RANGE;
	return OC_OK;
}

/* Encodes a score's binary form into 2 bytes. */
void
oc_score_encode(int hundredths, unsigned char *out)
{
	oc_put_int16(hundredths, out);
}

/* Decodes a quarter's binary form: exactly 3 bytes, a valid year and number. */
OcParse
oc_quarter_decode(const unsigned char *bytes, size_t len, int *year, int *number, int32_t *ordinal)
{
	if (len != OC_QUARTER_BINLEN)
		return OC_SYNTAX;
	*year = oc_get_int16(bytes);
	*number = (int8_t) bytes[2];
	return oc_quarter_make(*year, *number, ordinal) ? OC_OK : OC_RANGE;
}

/* Encodes a quarter's binary form into 3 bytes. */
void
oc_quarter_encode(int32_t ordinal, unsigned char *out)
{
	oc_put_int16(oc_quarter_year(ordinal), out);
	out[2] = (unsigned char) oc_quarter_number(ordinal);
}

/* Parses 'YYYY-Qn' (or 'YYYY-qn') into a quarter ordinal. */
OcParse
oc_quarter_parse(const char *s, int32_t *ordinal)
{
	int			year = 0;
	int			i;

	while (oc_is_space(*s))
		s++;
	for (i = 0; i < 4; i++, s++)
	{
		if (!oc_is_digit(*s))
			return OC_SYNTAX;
		year = year * 10 + (*s - '0');
	}
	if (s[0] != '-' || (s[1] != 'Q' && s[1] != 'q') || !oc_is_digit(s[2]))
		return OC_SYNTAX;
	i = s[2] - '0';
	s += 3;
	while (oc_is_space(*s))
		s++;
	if (*s != '\0')
		return OC_SYNTAX;
	/* api.md: a quarter not 1–4 or a year outside 1900–9999 is a malformed quarter */
	if (!oc_quarter_make(year, i, ordinal))
		return OC_SYNTAX;
	return OC_OK;
}

/* Writes a quarter ordinal as "YYYY-Qn". */
void
oc_quarter_format(int32_t ordinal, char *buf)
{
	int			year = oc_quarter_year(ordinal);

	buf[0] = (char) ('0' + year / 1000);
	buf[1] = (char) ('0' + year / 100 % 10);
	buf[2] = (char) ('0' + year / 10 % 10);
	buf[3] = (char) ('0' + year % 10);
	buf[4] = '-';
	buf[5] = 'Q';
	buf[6] = (char) ('0' + oc_quarter_number(ordinal));
	buf[7] = '\0';
}

/*
 * The allowed grade range of appendix 3 for band k = floor(p / 5): every
 * 5-point step of the percentage is a 0.25 step of the grade, and 100 % or
 * more allows exactly 5 (the seed's "40–44,49" row is read as 40–44.99).
 */
void
oc_kpi_band(int64_t k, int *lo, int *hi)
{
	if (k >= 20)
	{
		*lo = *hi = OC_SCORE_MAX;
		return;
	}
	*lo = (int) (25 * k);
	*hi = (int) (25 * k + 24);
}

static bool
oc_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Days in a proleptic Gregorian month. */
int
oc_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return month == 2 && oc_is_leap(year) ? 29 : days[month - 1];
}

/* Day of week of a date, 0 = Sunday … 6 = Saturday (Sakamoto's method). */
int
oc_day_of_week(int year, int month, int day)
{
	static const int t[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};

	if (month < 3)
		year -= 1;
	return (year + year / 4 - year / 100 + year / 400 + t[month - 1] + day) % 7;
}

/* Days in a proleptic Gregorian year. */
int
oc_days_in_year(int year)
{
	return oc_is_leap(year) ? 366 : 365;
}

/* Day of the year, 0 = 1 January. */
int
oc_day_of_year(int year, int month, int day)
{
	int			doy = day - 1;
	int			m;

	for (m = 1; m < month; m++)
		doy += oc_days_in_month(year, m);
	return doy;
}

/*
 * Kazakhstan's fixed public holidays (§10) in date order; the order matters
 * because carried days off are handed out first come, first served. The set
 * changed in 2022: Republic Day came in, First President's Day and the second
 * day of Independence Day went.
 */
static const struct
{
	unsigned char month;
	unsigned char day;
	bool		carries;		/* religious holidays never move their day off */
	int			first_year;
	int			last_year;
}			oc_holidays[] = {
	{1, 1, true, OC_YEAR_MIN, OC_YEAR_MAX},		/* New Year */
	{1, 2, true, OC_YEAR_MIN, OC_YEAR_MAX},
	{1, 7, false, OC_YEAR_MIN, OC_YEAR_MAX},	/* Orthodox Christmas */
	{3, 8, true, OC_YEAR_MIN, OC_YEAR_MAX},		/* International Women's Day */
	{3, 21, true, OC_YEAR_MIN, OC_YEAR_MAX},	/* Nauryz */
	{3, 22, true, OC_YEAR_MIN, OC_YEAR_MAX},
	{3, 23, true, OC_YEAR_MIN, OC_YEAR_MAX},
	{5, 1, true, OC_YEAR_MIN, OC_YEAR_MAX},		/* Unity Day */
	{5, 7, true, OC_YEAR_MIN, OC_YEAR_MAX},		/* Defender of the Fatherland Day */
	{5, 9, true, OC_YEAR_MIN, OC_YEAR_MAX},		/* Victory Day */
	{7, 6, true, OC_YEAR_MIN, OC_YEAR_MAX},		/* Capital Day */
	{8, 30, true, OC_YEAR_MIN, OC_YEAR_MAX},	/* Constitution Day */
	{10, 25, true, 2022, OC_YEAR_MAX},	/* Republic Day */
	{12, 1, true, OC_YEAR_MIN, 2021},	/* First President's Day */
	{12, 16, true, OC_YEAR_MIN, OC_YEAR_MAX},	/* Independence Day */
	{12, 17, true, OC_YEAR_MIN, 2021},
};

/* Fills a year with the shipped rule of §10. */
void
oc_work_year_rule(int year, OcWorkYear *wy)
{
	bool		holiday[366] = {false};
	bool		moved[366] = {false};	/* a carried day off already lands here */
	int			days = oc_days_in_year(year);
	int			jan1 = oc_day_of_week(year, 1, 1);
	size_t		i;
	int			d;

#define OC_WEEKEND(doy) ((jan1 + (doy)) % 7 == 0 || (jan1 + (doy)) % 7 == 6)

	for (i = 0; i < sizeof(oc_holidays) / sizeof(oc_holidays[0]); i++)
		if (year >= oc_holidays[i].first_year && year <= oc_holidays[i].last_year)
			holiday[oc_day_of_year(year, oc_holidays[i].month, oc_holidays[i].day)] = true;

	/*
	 * The last holiday is in mid-December and a carry moves a few days at
	 * most, so a day off never spills into the next year.
	 */
	for (i = 0; i < sizeof(oc_holidays) / sizeof(oc_holidays[0]); i++)
	{
		int			h;

		if (!oc_holidays[i].carries || year < oc_holidays[i].first_year || year > oc_holidays[i].last_year)
			continue;
		h = oc_day_of_year(year, oc_holidays[i].month, oc_holidays[i].day);
		if (!OC_WEEKEND(h))
			continue;
		for (d = h + 1; d < days; d++)
			if (!OC_WEEKEND(d) && !holiday[d] && !moved[d])
			{
				moved[d] = true;
				break;
			}
	}

	for (d = 0; d < OC_YEAR_WORDS; d++)
		wy->bits[d] = 0;
	for (d = 0; d < days; d++)
		if (!OC_WEEKEND(d) && !holiday[d] && !moved[d])
			oc_work_year_set(wy, d, true);
#undef OC_WEEKEND
	oc_work_year_count(wy);
}

/* Portable popcount; compilers turn it into one instruction where there is one. */
static int
oc_popcount64(uint64_t x)
{
	x = x - ((x >> 1) & UINT64_C(0x5555555555555555));
	x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
	x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
	return (int) ((x * UINT64_C(0x0101010101010101)) >> 56);
}

/* Recomputes the running counts after oc_work_year_set. */
void
oc_work_year_count(OcWorkYear *wy)
{
	int			total = 0;
	int			w;

	for (w = 0; w < OC_YEAR_WORDS; w++)
	{
		wy->before[w] = (uint16_t) total;
		total += oc_popcount64(wy->bits[w]);
	}
	wy->total = (uint16_t) total;
}

/* Working days among days 0 … doy of the year. */
int
oc_work_year_through(const OcWorkYear *wy, int doy)
{
	int			w;
	int			b;

	if (doy < 0)
		return 0;
	w = doy / 64;
	b = doy % 64;
	return wy->before[w] + oc_popcount64(b == 63 ? wy->bits[w] : wy->bits[w] & (((uint64_t) 1 << (b + 1)) - 1));
}

/* Day of the year of the n-th working day, -1 if there is none. */
int
oc_work_year_nth(const OcWorkYear *wy, int n)
{
	int			w;
	int			b;
	uint64_t	x;

	if (n < 1 || n > wy->total)
		return -1;
	for (w = OC_YEAR_WORDS - 1; wy->before[w] >= n; w--)
		;
	/* drop the working days before the wanted one, then find the lowest bit left */
	x = wy->bits[w];
	for (n -= wy->before[w]; n > 1; n--)
		x &= x - 1;
	for (b = 0; !((x >> b) & 1); b++)
		;
	return w * 64 + b;
}
