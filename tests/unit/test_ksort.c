/*
 * test_ksort.c - unit tests of ksort.h: the sorter of runs and the
 * bucketed sorter hand every entry over in (key, idx) order, across many
 * runs and bucket pieces, with a bucket too large for memory, and a key
 * above a bucketed sorter's range is refused; entries that fit in the
 * buffer are never written to the temporary file.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "ksort.h"
#include "unit.h"

/* What the callback saw: the entries in order, and whether any was out
 * of order or different from the expected one. */
struct seen {
	const struct cd_kent *want;
	size_t n;
	int bad;
};

/* Check entry e against the next expected one. */
static void take(void *arg, const struct cd_kent *e)
{
	struct seen *s = arg;
	const struct cd_kent *w = &s->want[s->n++];

	if (e->key != w->key || e->idx != w->idx || e->flag != w->flag)
		s->bad++;
}

/* qsort comparison by key, then idx. */
static int cmp(const void *a, const void *b)
{
	const struct cd_kent *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* A pseudo-random 64-bit value (xorshift). */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Push n entries (keys from gen within mask, idx rising, some keys
 * repeated) into k and check the order handed over; *written gets the
 * bytes k wrote to its file (written may be NULL). */
static void run_w(struct cd_ksort *k, size_t n, uint64_t mask,
		  uint64_t *written)
{
	struct cd_kent *e = malloc(n * sizeof(*e));
	struct seen s = { e, 0, 0 };
	uint64_t st = 88172645463325252ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		e[i].key = i % 7 == 3 ? e[i / 2].key : rnd(&st) & mask;
		e[i].idx = (uint32_t)i;
		e[i].flag = (uint32_t)(e[i].key & 1);
		CHECK(cd_ksort_push(k, e[i].key, e[i].idx, e[i].flag) == 0);
	}
	qsort(e, n, sizeof(*e), cmp);
	CHECK(cd_ksort_each(k, take, &s) == 0);
	CHECK(s.n == n);
	CHECK(s.bad == 0);
	if (written)
		*written = cd_ksort_written(k);
	cd_ksort_free(k);
	free(e);
}

/* run_w without the bytes written. */
static void run(struct cd_ksort *k, size_t n, uint64_t mask)
{
	run_w(k, n, mask, NULL);
}

int main(void)
{
	struct cd_ksort *k;

	/* Runs and their merge. */
	run(cd_ksort_new(NULL, 1024), 20000, UINT64_MAX);
	run(cd_ksort_new(NULL, 1024), 0, UINT64_MAX);
	/* Hash keys in buckets written out in many pieces. */
	run(cd_ksort_new_bucketed(NULL, 4096, UINT64_MAX, true), 50000, UINT64_MAX);
	run(cd_ksort_new_bucketed(NULL, 4096, UINT64_MAX, false), 100, UINT64_MAX);
	run(cd_ksort_new_bucketed(NULL, 4096, UINT64_MAX, false), 0, UINT64_MAX);
	/* A small range, and keys in one bucket larger than memory. */
	run(cd_ksort_new_bucketed(NULL, 1024, 0xfffff, false), 30000, 0xfffff);
	run(cd_ksort_new_bucketed(NULL, 1024, UINT64_MAX, false), 5000, 0xffff);
	run(cd_ksort_new_bucketed(NULL, 1024, 0, false), 3000, 0);
	/* What fits in the buffer (half of it without buckets) is sorted
	 * there, not written out. */
	uint64_t w = 1;

	run_w(cd_ksort_new(NULL, 8192), 4000, UINT64_MAX, &w);
	CHECK(w == 0);
	run_w(cd_ksort_new(NULL, 4096), 4000, UINT64_MAX, &w);
	CHECK(w > 0);
	w = 1;
	run_w(cd_ksort_new_bucketed(NULL, 1 << 14, UINT64_MAX, true), 4000,
	      UINT64_MAX, &w);
	CHECK(w == 0);
	run_w(cd_ksort_new_bucketed(NULL, 1024, UINT64_MAX, false), 4000,
	      UINT64_MAX, &w);
	CHECK(w > 0);
	/* Many equal keys and keys differing only in their low bits. */
	run(cd_ksort_new_bucketed(NULL, 1 << 16, UINT64_MAX, false), 20000,
	    0x3);
	run(cd_ksort_new(NULL, 1 << 16), 20000, 0x3ff);
	/* A key above the range is refused. */
	k = cd_ksort_new_bucketed(NULL, 1024, 1000, false);
	CHECK(cd_ksort_push(k, 1000, 0, 0) == 0);
	errno = 0;
	CHECK(cd_ksort_push(k, (uint64_t)1 << 40, 1, 0) == -1);
	CHECK(errno == EINVAL);
	cd_ksort_free(k);
	return UNIT_END();
}
