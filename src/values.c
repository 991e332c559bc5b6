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
