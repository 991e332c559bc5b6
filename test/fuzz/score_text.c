/*
 * score_text — oc_score_parse and oc_score_format: any bytes as a score's text form.
 *
 * Properties: a parse agrees with an independent reading of api.md's rules
 * (spaces, one sign, digits with at most one point, at most two decimals:
 * 22P02 otherwise; value 0 … 5.00, only zero may carry a minus: 22003
 * otherwise); an accepted value is 0 … 500 hundredths and round-trips through
 * its output "d.dd", which is the one canonical form.
 */
#include "fuzz.h"

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* The reference: what api.md says the status and value of a text form are. */
static OcParse
reference(const char *s, int *hundredths)
{
	const char *p = s;
	const char *int_start,
			   *int_end,
			   *frac_start = NULL,
			   *frac_end = NULL;
	int			negative = 0;
	long long	value = 0;
	const char *q;

	while (is_space(*p))
		p++;
	if (*p == '+' || *p == '-')
		negative = *p++ == '-';
	int_start = p;
	while (*p >= '0' && *p <= '9')
		p++;
	int_end = p;
	if (*p == '.')
	{
		frac_start = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		frac_end = p;
	}
	while (is_space(*p))
		p++;
	if (*p != '\0' || (int_end == int_start && (frac_start == NULL || frac_end == frac_start)))
		return OC_SYNTAX;
	if (frac_start != NULL && frac_end - frac_start > 2)
		return OC_TOO_PRECISE;
	/* the integer part without leading zeros: more than one digit is too large */
	while (int_start < int_end && *int_start == '0')
		int_start++;
	if (int_end - int_start > 1)
		return OC_RANGE;
	for (q = int_start; q < int_end; q++)
		value = value * 10 + (*q - '0');
	value *= 100;
	if (frac_start != NULL)
	{
		if (frac_end - frac_start >= 1)
			value += (frac_start[0] - '0') * 10;
		if (frac_end - frac_start >= 2)
			value += frac_start[1] - '0';
	}
	if (value > 500 || (negative && value != 0))
		return OC_RANGE;
	*hundredths = (int) value;
	return OC_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fuzz_cstring(data, size);
	int			got = -1,
				want = -1,
				back = -1;
	OcParse		status = oc_score_parse(s, &got);
	OcParse		expected = reference(s, &want);
	char		buf[OC_TEXT_BUFLEN];

	/* bytes after an embedded NUL are invisible to both, as to the server's cstring */
	FUZZ_CHECK(status == expected, "\"%s\": status %d, reference %d", s, (int) status, (int) expected);
	if (status == OC_OK)
	{
		FUZZ_CHECK(got == want, "\"%s\": %d hundredths, reference %d", s, got, want);
		FUZZ_CHECK(got >= OC_SCORE_MIN && got <= OC_SCORE_MAX, "\"%s\": %d hundredths", s, got);
		oc_score_format(got, buf);
		FUZZ_CHECK(strlen(buf) == 4 && buf[1] == '.', "%d formats as \"%s\"", got, buf);
		FUZZ_CHECK(oc_score_parse(buf, &back) == OC_OK && back == got, "\"%s\" does not read back as %d", buf, got);
	}
	free(s);
	return 0;
}
