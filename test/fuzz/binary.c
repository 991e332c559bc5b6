/*
 * binary — the binary forms of score and quarter (what score_recv and
 * quarter_recv decode, before anything else, from a COPY BINARY field or a
 * bound parameter of any length).
 *
 * Properties: the decoders read only the bytes given (ASan checks: the field
 * is an exact-size allocation); any length but 2 (score) or 3 (quarter) is
 * OC_SYNTAX, the wrapper's 22P03; a 2-byte score is OC_OK exactly when its
 * big-endian int16 is 0 … 500 (else OC_RANGE, 22003); a 3-byte quarter is
 * OC_OK exactly when year 1900–9999 and number 1–4 (else OC_RANGE, 22P03);
 * an accepted value encodes back to the same bytes and its text form reads
 * back to the same value.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *field;
	unsigned char again[4];
	char		text[OC_TEXT_BUFLEN];
	int			h = -1,
				back = -1,
				year = 0,
				number = 0;
	int32_t		q = -1,
				qback = -1;
	OcParse		status;

	if (size == 0)
		return 0;
	/* the first byte picks the type; the rest is the field, in an allocation of its exact size */
	field = malloc(size - 1 > 0 ? size - 1 : 1);
	if (field == NULL)
		abort();
	memcpy(field, data + 1, size - 1);
	if (data[0] & 1)
	{
		status = oc_score_decode(field, size - 1, &h);
		if (size - 1 != OC_SCORE_BINLEN)
			FUZZ_CHECK(status == OC_SYNTAX, "score field of %zu bytes: status %d", size - 1, (int) status);
		else
		{
			int			v = (int16_t) (uint16_t) (field[0] << 8 | field[1]);

			FUZZ_CHECK(status == (v >= 0 && v <= 500 ? OC_OK : OC_RANGE), "score %d: status %d", v, (int) status);
			FUZZ_CHECK(h == v, "score %d decoded as %d", v, h);
			if (status == OC_OK)
			{
				oc_score_encode(h, again);
				FUZZ_CHECK(memcmp(again, field, 2) == 0, "score %d encodes differently", h);
				oc_score_format(h, text);
				FUZZ_CHECK(oc_score_parse(text, &back) == OC_OK && back == h, "score %d text round trip", h);
			}
		}
	}
	else
	{
		status = oc_quarter_decode(field, size - 1, &year, &number, &q);
		if (size - 1 != OC_QUARTER_BINLEN)
			FUZZ_CHECK(status == OC_SYNTAX, "quarter field of %zu bytes: status %d", size - 1, (int) status);
		else
		{
			int			y = (int16_t) (uint16_t) (field[0] << 8 | field[1]);
			int			n = (int8_t) field[2];
			int			valid = y >= 1900 && y <= 9999 && n >= 1 && n <= 4;

			FUZZ_CHECK(year == y && number == n, "quarter %d/%d read as %d/%d", y, n, year, number);
			FUZZ_CHECK(status == (valid ? OC_OK : OC_RANGE), "quarter %d/%d: status %d", y, n, (int) status);
			if (status == OC_OK)
			{
				FUZZ_CHECK(q >= OC_QORD_MIN && q <= OC_QORD_MAX, "quarter %d/%d: ordinal %d", y, n, (int) q);
				oc_quarter_encode(q, again);
				FUZZ_CHECK(memcmp(again, field, 3) == 0, "quarter %d/%d encodes differently", y, n);
				oc_quarter_format(q, text);
				FUZZ_CHECK(oc_quarter_parse(text, &qback) == OC_OK && qback == q, "quarter \"%s\" text round trip", text);
			}
		}
	}
	free(field);
	return 0;
}
