/*
 * fuzz.h — shared by the libFuzzer targets of test/fuzz/ (built by scripts/fuzz with
 * clang -fsanitize=fuzzer,address,undefined). A broken property aborts, which
 * libFuzzer reports as a crash and saves the input that broke it.
 */
#ifndef OCENKA_FUZZ_H
#define OCENKA_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

#define FUZZ_CHECK(cond, ...) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "property broken at %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
			abort(); \
		} \
	} while (0)

/* Reads n little-endian bytes of the input as an unsigned integer, 0 past the end. */
static inline uint64_t
fuzz_take(const uint8_t **data, size_t *size, size_t n)
{
	uint64_t	v = 0;
	size_t		i;

	for (i = 0; i < n && *size > 0; i++, (*data)++, (*size)--)
		v |= (uint64_t) **data << (8 * i);
	return v;
}

/* A NUL-terminated copy of the input (malloc'd, so ASan sees every byte read past it). */
static inline char *
fuzz_cstring(const uint8_t *data, size_t size)
{
	char	   *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
