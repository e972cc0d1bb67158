/*
 * test_buf.c - unit tests of buf.h's big blocks: cd_big_prefault faults
 * the pages of the next cd_xbig of its size in on a thread of its own,
 * while the caller may already use the block; the block is zeroed, a
 * block of another size is not it, and one never asked for is dropped.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "unit.h"

#define N ((size_t)8 << 20)

/* Whether the kernel populates pages on request (Linux 5.14 on). */
static int can_populate(void)
{
#if defined(MADV_POPULATE_WRITE)
	size_t n = (size_t)sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ok;

	if (p == MAP_FAILED)
		return 0;
	ok = madvise(p, n, MADV_POPULATE_WRITE) == 0;
	munmap(p, n);
	return ok;
#else
	return 0;
#endif
}

/* Pages of p[0..n) resident, without touching them. */
static size_t resident(void *p, size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), k = n / pg, i, r = 0;
	unsigned char v[(N >> 12) + 1];

	if (k > sizeof(v) || mincore(p, n, v) != 0)
		return 0;
	for (i = 0; i < k; i++)
		r += v[i] & 1;
	return r;
}

int main(void)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), i, zero = 1, r = 0;
	unsigned char *p, *q;
	int tries;

	/* Taken at once and written while the thread goes on: all zero
	 * first, then what was written. */
	cd_big_prefault(N);
	p = cd_xbig(N);
	for (i = 0; i < N; i += 997)
		zero &= p[i] == 0;
	CHECK(zero);
	for (i = 0; i < N; i += pg / 2)
		p[i] = (unsigned char)(i / pg + 1);
	for (i = 0; i < N; i += pg / 2)
		r += p[i] == (unsigned char)(i / pg + 1);
	CHECK(r == N / (pg / 2));
	cd_big_free(p, N);

	/* Untouched, its pages come in all the same (where the kernel can
	 * populate them). */
	cd_big_prefault(N);
	p = cd_xbig(N);
	if (can_populate()) {
		for (tries = 0; tries < 500 && resident(p, N) < N / pg; tries++)
			nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
		CHECK(resident(p, N) == N / pg);
	}
	/* Another block of the same size is a fresh one, zeroed. */
	q = cd_xbig(N);
	CHECK(q != p);
	zero = 1;
	for (i = 0; i < N; i += 4099)
		zero &= q[i] == 0;
	CHECK(zero);
	cd_big_free(q, N);
	cd_big_free(p, N);

	/* A block of another size is not the one prefaulted, which the end
	 * drops; small blocks come from calloc, zeroed. */
	cd_big_prefault(N);
	q = cd_xbig(N / 2);
	CHECK(q != NULL && q[0] == 0 && q[N / 2 - 1] == 0);
	cd_big_free(q, N / 2);
	cd_big_prefault_end();
	/* ... and after the end a block of that size is a fresh mapping,
	 * none of its pages in yet: the dropped one is not handed out. */
	q = cd_xbig(N);
	if (can_populate())
		CHECK(resident(q, N) == 0);
	CHECK(q[0] == 0 && q[N - 1] == 0);
	cd_big_free(q, N);
	cd_big_prefault(16);
	q = cd_xbig(16);
	CHECK(q != NULL && q[15] == 0);
	cd_big_free(q, 16);
	cd_big_prefault_end();
	return UNIT_END();
}
