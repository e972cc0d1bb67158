/* ksort.c - external sort of key entries; see ksort.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "ksort.h"
#include "out.h"
#include "tmpf.h"

/* Entries read from a run at a time. */
#define RUN_BUF 4096

/* A sorted run in the file: where it starts and how many entries. */
struct run {
	uint64_t off, n;
	uint64_t next;		/* entries consumed */
	struct cd_kent *buf;	/* read buffer */
	size_t pos, len;
};

struct cd_ksort {
	int fd;
	struct cd_tmpw w;	/* the runs, one after another */
	struct cd_kent *buf;
	struct cd_kent *tmp;	/* the radix sort's other half */
	size_t n, cap;
	struct run *runs;
	size_t nruns, runcap;
	int err;		/* a read error while merging */
};

struct cd_ksort *cd_ksort_new(const char *tmpdir, size_t buflen)
{
	struct cd_ksort *k;
	int fd = cd_tmpfd(tmpdir, "copydesk-keys");

	if (fd < 0)
		return NULL;
	k = cd_xcalloc(1, sizeof(*k));
	k->fd = fd;
	/* The buffer is written whole: no second buffer in between. */
	cd_tmpw_init(&k->w, fd, 0);
	k->cap = buflen < 1024 ? 1024 : buflen;
	k->buf = cd_xmalloc(k->cap * sizeof(*k->buf));
	return k;
}

void cd_ksort_free(struct cd_ksort *k)
{
	size_t i;

	if (!k)
		return;
	close(k->fd);
	cd_tmpw_release(&k->w);
	for (i = 0; i < k->nruns; i++)
		free(k->runs[i].buf);
	free(k->runs);
	free(k->buf);
	free(k->tmp);
	free(k);
}

/* qsort comparison of two entries by key, then idx. */
static int cmp_kent(const void *a, const void *b)
{
	const struct cd_kent *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Radix digits: 11 bits, so six passes cover a 64-bit key. */
#define DIGIT_BITS 11
#define DIGITS 6
#define BUCKETS (1u << DIGIT_BITS)

/* Sort the buffer by key with a stable LSD radix sort, the counts of all
 * passes taken in one read; entries are pushed in idx order, so equal
 * keys stay in idx order.  A pass whose digit is the same everywhere is
 * skipped. */
static void radix(struct cd_ksort *k)
{
	uint32_t cnt[DIGITS][BUCKETS];
	struct cd_kent *a = k->buf, *b = k->tmp, *t;
	size_t i;
	int d;

	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < k->n; i++)
		for (d = 0; d < DIGITS; d++)
			cnt[d][(a[i].key >> (d * DIGIT_BITS)) & (BUCKETS - 1)]++;
	for (d = 0; d < DIGITS; d++) {
		uint32_t *c = cnt[d], sum = 0, x;
		unsigned shift = (unsigned)d * DIGIT_BITS;
		size_t j;

		if (c[(a[0].key >> shift) & (BUCKETS - 1)] == k->n)
			continue;
		for (j = 0; j < BUCKETS; j++) {
			x = c[j];
			c[j] = sum;
			sum += x;
		}
		for (i = 0; i < k->n; i++)
			b[c[(a[i].key >> shift) & (BUCKETS - 1)]++] = a[i];
		t = a;
		a = b;
		b = t;
	}
	if (a != k->buf)
		memcpy(k->buf, a, k->n * sizeof(*a));
}

/* Sort the buffer and write it as a new run.  Returns 0, or -1 with
 * errno set. */
static int spill(struct cd_ksort *k)
{
	struct run *r;
	uint64_t off = cd_tmpw_tell(&k->w);

	if (k->n == 0)
		return 0;
	if (!k->tmp)
		k->tmp = cd_xmalloc(k->cap * sizeof(*k->tmp));
	radix(k);
	if (cd_tmpw_write(&k->w, k->buf, k->n * sizeof(*k->buf)) != 0)
		return -1;
	if (k->nruns == k->runcap)
		k->runs = cd_xgrow(k->runs, &k->runcap, k->nruns + 1,
				   sizeof(*k->runs));
	r = &k->runs[k->nruns++];
	memset(r, 0, sizeof(*r));
	r->off = off;
	r->n = k->n;
	k->n = 0;
	return 0;
}

int cd_ksort_push(struct cd_ksort *k, uint64_t key, uint32_t idx,
		  uint32_t flag)
{
	if (k->n == k->cap && spill(k) != 0)
		return -1;
	k->buf[k->n].key = key;
	k->buf[k->n].idx = idx;
	k->buf[k->n].flag = flag;
	k->n++;
	return 0;
}

/* The current entry of run r, refilling its buffer; NULL at its end or,
 * with k->err set, on a read error. */
static const struct cd_kent *head(struct cd_ksort *k, struct run *r)
{
	if (r->pos < r->len)
		return &r->buf[r->pos];
	if (r->next == r->n)
		return NULL;
	if (!r->buf)
		r->buf = cd_xmalloc(RUN_BUF * sizeof(*r->buf));
	r->len = r->n - r->next < RUN_BUF ? (size_t)(r->n - r->next) : RUN_BUF;
	if (cd_tmpf_pread(k->fd, r->buf, r->len * sizeof(*r->buf),
			  r->off + r->next * sizeof(*r->buf)) != 0) {
		k->err = errno;
		r->len = 0;
		r->next = r->n;
		return NULL;
	}
	r->next += r->len;
	r->pos = 0;
	return r->buf;
}

/* Restore the heap order of h (run indexes, n of them) below slot i. */
static void sift(struct cd_ksort *k, size_t *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i, t;

		if (l < n && cmp_kent(head(k, &k->runs[h[l]]),
				      head(k, &k->runs[h[m]])) < 0)
			m = l;
		if (l + 1 < n && cmp_kent(head(k, &k->runs[h[l + 1]]),
					  head(k, &k->runs[h[m]])) < 0)
			m = l + 1;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

int cd_ksort_each(struct cd_ksort *k,
		 void (*fn)(void *arg, const struct cd_kent *e), void *arg)
{
	size_t *h, n = 0, i;

	if (spill(k) != 0 || cd_tmpw_flush(&k->w) != 0)
		return -1;
	free(k->buf);
	free(k->tmp);
	k->buf = k->tmp = NULL;
	h = cd_xmalloc((k->nruns + 1) * sizeof(*h));
	for (i = 0; i < k->nruns; i++)
		if (head(k, &k->runs[i]))
			h[n++] = i;
	for (i = n; i-- > 0;)
		sift(k, h, n, i);
	while (n > 0 && !k->err) {
		struct run *r = &k->runs[h[0]];
		struct cd_kent e = *head(k, r);

		r->pos++;
		if (!head(k, r))
			h[0] = h[--n];
		sift(k, h, n, 0);
		fn(arg, &e);
	}
	free(h);
	errno = k->err;
	return k->err ? -1 : 0;
}
