/*
 * values.h — ocenka's pure arithmetic: no PostgreSQL headers, no allocation.
 *
 * Everything here can be driven by a unit test or a fuzzer without a server
 * (see test/unit/). The fmgr wrappers in score.c, quarter.c and grade.c are
 * thin shells that translate the status codes below into ereport calls.
 */
#ifndef OCENKA_VALUES_H
#define OCENKA_VALUES_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

/* A score is held as hundredths: 0 … 500. */
#define OC_SCORE_MIN 0
#define OC_SCORE_MAX 500

/* Years a quarter can name; the text form always has four digits. */
#define OC_YEAR_MIN 1900
#define OC_YEAR_MAX 9999

/* Quarters are ordinals: year * 4 + (quarter - 1). */
#define OC_QORD_MIN (OC_YEAR_MIN * 4)
#define OC_QORD_MAX (OC_YEAR_MAX * 4 + 3)

/* Room for the longest text form of either type plus a terminator. */
#define OC_TEXT_BUFLEN 16

typedef enum OcParse
{
	OC_OK = 0,
	OC_SYNTAX,					/* not a well-formed value: 22P02 */
	OC_TOO_PRECISE,				/* more than two decimals: 22P02 */
	OC_RANGE					/* well formed but outside the domain: 22003 */
} OcParse;

/* Parses a score's text form into hundredths. */
extern OcParse oc_score_parse(const char *s, int *hundredths);

/* Writes a score as "d.dd"; buf must hold OC_TEXT_BUFLEN bytes. */
extern void oc_score_format(int hundredths, char *buf);

/* Parses 'YYYY-Qn' (or 'YYYY-qn') into a quarter ordinal. */
extern OcParse oc_quarter_parse(const char *s, int32_t *ordinal);

/* Writes a quarter ordinal as "YYYY-Qn"; buf must hold OC_TEXT_BUFLEN bytes. */
extern void oc_quarter_format(int32_t ordinal, char *buf);

/* Builds an ordinal from a year and a quarter number, false if out of range. */
extern bool oc_quarter_make(int year, int quarter, int32_t *ordinal);

/*
 * Binary forms (send/receive): a score is a big-endian int16 of hundredths,
 * a quarter a big-endian int16 year and an int8 quarter number. A decoder
 * reads exactly len bytes: a wrong length is OC_SYNTAX (22P03), a value
 * outside the domain OC_RANGE (a score: 22003; a quarter: 22P03). The
 * quarter decoder reports the year and number it read whenever the length
 * is right.
 */
#define OC_SCORE_BINLEN 2
#define OC_QUARTER_BINLEN 3

extern OcParse oc_score_decode(const unsigned char *bytes, size_t len, int *hundredths);
extern void oc_score_encode(int hundredths, unsigned char *out);
extern OcParse oc_quarter_decode(const unsigned char *bytes, size_t len, int *year, int *number,
								 int32_t *ordinal);
extern void oc_quarter_encode(int32_t ordinal, unsigned char *out);

static inline int
oc_quarter_year(int32_t ordinal)
{
	return ordinal / 4;
}

static inline int
oc_quarter_number(int32_t ordinal)
{
	return ordinal % 4 + 1;
}

/* First month (1, 4, 7, 10) of a quarter. */
static inline int
oc_quarter_first_month(int32_t ordinal)
{
	return (ordinal % 4) * 3 + 1;
}

/* Mean of hundredths rounded half away from zero (all inputs are >= 0). */
static inline int
oc_round_mean(int64_t sum, int64_t count)
{
	return (int) ((2 * sum + count) / (2 * count));
}

/* The KPI band index k of appendix 3 for a percentage p >= 0 given as floor(p / 5). */
extern void oc_kpi_band(int64_t k, int *lo, int *hi);

/* The 3/4 rule of akmola-2018 ¶27 in exact integer arithmetic. */
static inline bool
oc_meets_expectations(int64_t observed, int64_t total)
{
	return 4 * observed >= 3 * total;
}

/* Penalty kinds in the order of the ocenka.penalty_kind enum. */
typedef enum OcPenalty
{
	OC_PENALTY_REMARK = 0,
	OC_PENALTY_REPRIMAND,
	OC_PENALTY_SEVERE_REPRIMAND,
	OC_PENALTY_INCOMPLETE_COMPLIANCE_WARNING,
	OC_PENALTY_DEMOTION,
	OC_PENALTY_DISMISSAL,
	OC_PENALTY_OTHER,
	OC_PENALTY_COUNT
} OcPenalty;

/* The highest score a sheet may keep after a penalty of this kind (wko-2026 ¶16, appendices 1–2). */
static inline int
oc_penalty_cap(OcPenalty kind)
{
	return kind <= OC_PENALTY_SEVERE_REPRIMAND ? 299 : 199;
}

/* Gradation level 0 (unsatisfactory) … 3 (effective) of a score in hundredths (§2). */
static inline int
oc_gradation_level(int hundredths)
{
	if (hundredths >= 400)
		return 3;
	if (hundredths >= 300)
		return 2;
	if (hundredths >= 200)
		return 1;
	return 0;
}

/* Days in a proleptic Gregorian month. */
extern int	oc_days_in_month(int year, int month);

/* Day of week of a date, 0 = Sunday … 6 = Saturday. */
extern int	oc_day_of_week(int year, int month, int day);

/* Days in a proleptic Gregorian year. */
extern int	oc_days_in_year(int year);

/* Day of the year, 0 = 1 January. */
extern int	oc_day_of_year(int year, int month, int day);

/*
 * The working days of one year (§10): one bit per day, set for a working day,
 * with running counts so that counting and seeking take a few word operations.
 */
#define OC_YEAR_WORDS 6			/* 6 × 64 bits cover 366 days */

typedef struct OcWorkYear
{
	uint64_t	bits[OC_YEAR_WORDS];	/* bit d of the year: day d is a working day */
	uint16_t	before[OC_YEAR_WORDS];	/* working days in the words before this one */
	uint16_t	total;			/* working days in the year */
} OcWorkYear;

/*
 * Fills a year with the shipped rule: Monday–Friday minus Kazakhstan's fixed
 * public holidays of that year, minus the days off they carry onto working
 * days when they fall on a weekend. Counts are filled in too.
 */
extern void oc_work_year_rule(int year, OcWorkYear *wy);

/* Marks one day working or not; call oc_work_year_count afterwards. */
static inline void
oc_work_year_set(OcWorkYear *wy, int doy, bool working)
{
	uint64_t	bit = (uint64_t) 1 << (doy % 64);

	if (working)
		wy->bits[doy / 64] |= bit;
	else
		wy->bits[doy / 64] &= ~bit;
}

/* Recomputes the running counts after oc_work_year_set. */
extern void oc_work_year_count(OcWorkYear *wy);

static inline bool
oc_work_year_is_working(const OcWorkYear *wy, int doy)
{
	return (wy->bits[doy / 64] >> (doy % 64)) & 1;
}

/* Working days among days 0 … doy of the year; 0 for doy = -1. */
extern int	oc_work_year_through(const OcWorkYear *wy, int doy);

/* Day of the year of the n-th working day (n from 1 to total), -1 if there is none. */
extern int	oc_work_year_nth(const OcWorkYear *wy, int n);

#endif							/* OCENKA_VALUES_H */
