/*
 * quarter_text — oc_quarter_parse and oc_quarter_format: any bytes as a quarter's text form.
 *
 * Properties: a parse agrees with api.md's rule (optional spaces, four digits,
 * '-', 'Q' or 'q', one digit, optional spaces; year 1900–9999 and quarter 1–4,
 * anything else 22P02); an accepted ordinal lies in 1900-Q1 … 9999-Q4, its
 * year and number are the ones written, and its output "YYYY-Qn" reads back
 * to the same ordinal and is the input upper-cased without the spaces.
 */
#include "fuzz.h"

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fuzz_cstring(data, size);
	const char *p = s;
	const char *end;
	int32_t		got = -1,
				back = -1;
	OcParse		status = oc_quarter_parse(s, &got);
	int			well_formed,
				year = 0,
				number = 0;
	char		buf[OC_TEXT_BUFLEN];
	char		canonical[OC_TEXT_BUFLEN];

	while (is_space(*p))
		p++;
	end = p + strlen(p);
	while (end > p && is_space(end[-1]))
		end--;
	well_formed = end - p == 7 &&
		p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' &&
		p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9' &&
		p[4] == '-' && (p[5] == 'Q' || p[5] == 'q') && p[6] >= '0' && p[6] <= '9';
	if (well_formed)
	{
		year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		number = p[6] - '0';
	}
	if (!well_formed || year < 1900 || number < 1 || number > 4)
		FUZZ_CHECK(status == OC_SYNTAX, "\"%s\" accepted (status %d)", s, (int) status);
	else
	{
		FUZZ_CHECK(status == OC_OK, "\"%s\" refused (status %d)", s, (int) status);
		FUZZ_CHECK(got >= OC_QORD_MIN && got <= OC_QORD_MAX, "\"%s\": ordinal %d", s, (int) got);
		FUZZ_CHECK(oc_quarter_year(got) == year && oc_quarter_number(got) == number,
				   "\"%s\": year %d quarter %d", s, oc_quarter_year(got), oc_quarter_number(got));
		FUZZ_CHECK(oc_quarter_first_month(got) == 3 * number - 2, "\"%s\": first month", s);
		oc_quarter_format(got, buf);
		memcpy(canonical, p, 7);
		canonical[5] = 'Q';
		canonical[7] = '\0';
		FUZZ_CHECK(strcmp(buf, canonical) == 0, "\"%s\" formats as \"%s\"", s, buf);
		FUZZ_CHECK(oc_quarter_parse(buf, &back) == OC_OK && back == got, "\"%s\" does not read back", buf);
	}
	free(s);
	return 0;
}
