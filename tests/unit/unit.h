/*
 * unit.h - the smallest test harness: CHECK(cond) records a failure with
 * file and line and goes on; UNIT_END() prints "N passed, N failed" and
 * returns the exit status.  Each tests/unit/test_*.c is one program.
 */
#ifndef CD_UNIT_H
#define CD_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_pass, unit_fail;

#define CHECK(cond) do { \
	if (cond) { unit_pass++; } else { unit_fail++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(got, len, want) \
	CHECK((len) == strlen(want) && memcmp((got), (want), (len)) == 0)

#define UNIT_END() ( \
	printf("%s: %d passed, %d failed\n", __FILE__, unit_pass, unit_fail), \
	unit_fail ? 1 : 0)

#endif
