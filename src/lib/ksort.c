/* ksort.c - external sort of key entries; see ksort.h. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "ksort.h"
#include "tmpf.h"
#include "worker.h"

/* Entries read from a run at a time. */
#define RUN_BUF 4096

/* A sorted run in the file: where it starts and how many entries. */
struct run {
	uint64_t off, n;
	uint64_t next;		/* entries consumed */
	struct cd_kent *buf;	/* read buffer */
	size_t pos, len;
};

/* Buckets of a bucketed sorter: by the top HASH_BITS bits of the keys'
 * range. */
#define HASH_BITS 8
#define HASH_N (1u << HASH_BITS)

/* A piece of a bucket in the file: where it starts and how many entries. */
struct chunk {
	uint64_t off;
	size_t n;
};

/* A bucket: its pending entries (in the sorter's buffer) and its pieces
 * written out. */
struct hbucket {
	size_t n;
	struct chunk *chunks;
	size_t nchunks, chunkcap;
};

struct cd_ksort {
	int fd;
	struct cd_tmpw w;	/* the runs or the bucket pieces */
	struct cd_kent *buf;
	size_t n, cap;
	size_t runlen;		/* without buckets: entries of a run, the
				 * buffer's lower half (the upper one is the
				 * radix sort's scratch) */
	struct run *runs;
	size_t nruns, runcap;
	struct hbucket *hb;	/* HASH_N buckets, or NULL: runs */
	size_t hcap;		/* entries pending per bucket */
	unsigned shift;		/* a key's bucket is key >> shift */
	char *tmpdir;		/* for a bucket too large for memory */
	int err;		/* a read error while merging */
	bool huge;		/* buf is from cd_xbig */
};

/* A new sorter as cd_ksort_new, its buffer from cd_xbig when huge. */
static struct cd_ksort *make(const char *tmpdir, size_t buflen, bool huge)
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
	k->huge = huge;
	k->runlen = k->cap / 2;
	k->buf = huge ? cd_xbig(k->cap * sizeof(*k->buf)) :
		cd_xmalloc(k->cap * sizeof(*k->buf));
	return k;
}

/* Free the buffer. */
static void free_buf(struct cd_ksort *k)
{
	if (k->huge)
		cd_big_free(k->buf, k->cap * sizeof(*k->buf));
	else
		free(k->buf);
	k->buf = NULL;
}

struct cd_ksort *cd_ksort_new(const char *tmpdir, size_t buflen)
{
	return make(tmpdir, buflen, false);
}

struct cd_ksort *cd_ksort_new_bucketed(const char *tmpdir, size_t buflen,
				       uint64_t maxkey, bool huge)
{
	struct cd_ksort *k = make(tmpdir, buflen, huge);

	if (!k)
		return NULL;
	while (k->shift < 64 - HASH_BITS && maxkey >> k->shift >= HASH_N)
		k->shift++;
	k->hb = cd_xcalloc(HASH_N, sizeof(*k->hb));
	k->hcap = k->cap / HASH_N;
	k->tmpdir = tmpdir ? cd_xstrdup(tmpdir) : NULL;
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
	if (k->hb)
		for (i = 0; i < HASH_N; i++)
			free(k->hb[i].chunks);
	free(k->hb);
	free(k->tmpdir);
	free_buf(k);
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

/* Digits of a radix pass: at most 11 bits (a count table of 8 KiB on
 * the stack), fewer for fewer entries, so that the table stays about as
 * long as the entries it counts. */
#define MAX_DIGIT_BITS 11
/* Entries sorted by insertion rather than by another pass. */
#define SMALL 16

/* Sort a[0..n) by key with a stable insertion sort. */
static void isort(struct cd_kent *a, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct cd_kent x = a[i];

		for (j = i; j > 0 && a[j - 1].key > x.key; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* A digit of a radix pass: its bits are key >> shift & mask. */
struct digit {
	unsigned shift;
	uint64_t mask;
	uint32_t cnt[1u << MAX_DIGIT_BITS];
};

/* Find the highest digit in which the keys of a[0..n), more than SMALL
 * of them, differ (from their highest differing bit down), and count the
 * entries of each of its values in dg.  False when there are at most
 * SMALL entries or their keys are all equal. */
static bool find_digit(const struct cd_kent *a, size_t n, struct digit *dg)
{
	uint64_t diff = 0;
	unsigned bits = 4, top;
	size_t i;

	if (n <= SMALL)
		return false;
	for (i = 1; i < n; i++)
		diff |= a[i].key ^ a[0].key;
	if (!diff)
		return false;
	top = 64 - (unsigned)__builtin_clzll(diff);
	while (bits < MAX_DIGIT_BITS && ((size_t)1 << bits) < n)
		bits++;
	bits = bits < top ? bits : top;
	dg->shift = top - bits;
	dg->mask = ((uint64_t)1 << bits) - 1;
	memset(dg->cnt, 0, (dg->mask + 1) * sizeof(*dg->cnt));
	for (i = 0; i < n; i++)
		dg->cnt[(a[i].key >> dg->shift) & dg->mask]++;
	return true;
}

/* Move src[0..n) to dst by the digit counted in dg, in order within
 * each value; dg->cnt[j] becomes the end of value j's entries. */
static void scatter(const struct cd_kent *src, struct cd_kent *dst,
		    size_t n, struct digit *dg)
{
	size_t i, j, at = 0;

	for (j = 0; j <= dg->mask; j++) {
		uint32_t c = dg->cnt[j];

		dg->cnt[j] = (uint32_t)at;
		at += c;
	}
	for (i = 0; i < n; i++)
		dst[dg->cnt[(src[i].key >> dg->shift) & dg->mask]++] = src[i];
}

/* Sort a[0..n) by key, keeping entries of equal keys in their order: a
 * stable MSD radix sort with t[0..n) as its scratch, insertion for the
 * few.  Returns a or t, whichever holds the result. */
static struct cd_kent *sort_keys(struct cd_kent *a, struct cd_kent *t,
				 size_t n)
{
	struct digit dg;
	struct cd_kent *r;
	size_t j, at, c;

	if (!find_digit(a, n, &dg)) {
		isort(a, n <= SMALL ? n : 0);
		return a;
	}
	scatter(a, t, n, &dg);
	for (j = 0, at = 0; j <= dg.mask; at = dg.cnt[j++]) {
		c = dg.cnt[j] - at;
		if (c <= SMALL)
			isort(t + at, c);
		else if ((r = sort_keys(t + at, a + at, c)) != t + at)
			memcpy(t + at, r, c * sizeof(*r));
	}
	return t;
}

/* Sort the buffer and write it as a new run.  Returns 0, or -1 with
 * errno set. */
static int spill(struct cd_ksort *k)
{
	struct run *r;
	struct cd_kent *a;
	uint64_t off = cd_tmpw_tell(&k->w);

	if (k->n == 0)
		return 0;
	a = sort_keys(k->buf, k->buf + k->runlen, k->n);
	if (cd_tmpw_write(&k->w, a, k->n * sizeof(*a)) != 0)
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

/* Write out the pending entries of bucket i as a piece of it.  Returns
 * 0, or -1 with errno set. */
static int put_bucket(struct cd_ksort *k, size_t i)
{
	struct hbucket *h = &k->hb[i];

	if (h->n == 0)
		return 0;
	if (h->nchunks == h->chunkcap)
		h->chunks = cd_xgrow(h->chunks, &h->chunkcap, h->nchunks + 1,
				     sizeof(*h->chunks));
	h->chunks[h->nchunks].off = cd_tmpw_tell(&k->w);
	h->chunks[h->nchunks++].n = h->n;
	if (cd_tmpw_write(&k->w, k->buf + i * k->hcap,
			  h->n * sizeof(*k->buf)) != 0)
		return -1;
	h->n = 0;
	return 0;
}

int cd_ksort_push(struct cd_ksort *k, uint64_t key, uint32_t idx,
		  uint32_t flag)
{
	if (k->hb) {
		uint64_t i = key >> k->shift;
		struct hbucket *h;
		struct cd_kent *e;

		if (i >= HASH_N) {
			errno = EINVAL;
			return -1;
		}
		h = &k->hb[i];
		if (h->n == k->hcap && put_bucket(k, (size_t)i) != 0)
			return -1;
		e = &k->buf[(size_t)i * k->hcap + h->n++];
		e->key = key;
		e->idx = idx;
		e->flag = flag;
		return 0;
	}
	if (k->n == k->runlen && spill(k) != 0)
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

/* Read the pieces of bucket h into a, which has room for all of them.
 * Returns 0, or -1 with errno set. */
static int read_bucket(struct cd_ksort *k, const struct hbucket *h,
		       struct cd_kent *a)
{
	size_t i;

	for (i = 0; i < h->nchunks; i++) {
		if (cd_tmpf_pread(k->fd, a, h->chunks[i].n * sizeof(*a),
				  h->chunks[i].off) != 0)
			return -1;
		a += h->chunks[i].n;
	}
	return 0;
}

/* Hand over the entries of bucket h, too many to sort in memory, through
 * a sorter of runs.  Returns 0, or -1 with errno set. */
static int big_bucket(struct cd_ksort *k, const struct hbucket *h,
		      void (*fn)(void *arg, const struct cd_kent *e),
		      void *arg)
{
	struct cd_ksort *sub = cd_ksort_new(k->tmpdir, k->cap);
	struct cd_kent *piece = cd_xmalloc(k->hcap * sizeof(*piece));
	size_t i, j;
	int rc = -1, e;

	if (!sub)
		goto out;
	for (i = 0; i < h->nchunks; i++) {
		if (cd_tmpf_pread(k->fd, piece, h->chunks[i].n *
				  sizeof(*piece), h->chunks[i].off) != 0)
			goto out;
		for (j = 0; j < h->chunks[i].n; j++)
			if (cd_ksort_push(sub, piece[j].key, piece[j].idx,
					  piece[j].flag) != 0)
				goto out;
	}
	rc = cd_ksort_each(sub, fn, arg);
out:
	e = errno;
	cd_ksort_free(sub);
	free(piece);
	errno = e;
	return rc;
}

/* The number of entries of bucket h. */
static size_t bucket_len(const struct hbucket *h)
{
	size_t n = 0, j;

	for (j = 0; j < h->nchunks; j++)
		n += h->chunks[j].n;
	return n;
}

/* A bucket to sort: its entries in buf (read into it first unless they
 * are there already), with tmp the sort's scratch. */
struct slot {
	struct cd_ksort *k;
	const struct hbucket *h;
	size_t n;
	bool read;			/* buf is to be read from the file */
	struct cd_kent *buf, *tmp;
	struct cd_kent *out;		/* buf or tmp: the sorted entries */
	int err;			/* errno of a failed read, or 0 */
};

/* Read and sort the bucket of slot arg (a job for the worker). */
static void sort_slot(void *arg)
{
	struct slot *s = arg;

	s->err = 0;
	if (s->read && read_bucket(s->k, s->h, s->buf) != 0) {
		s->err = errno ? errno : EIO;
		return;
	}
	s->out = sort_keys(s->buf, s->tmp, s->n);
}

/* Have the worker sort bucket i: in the sorter's buffer when no piece
 * of it was written out (mem), else read into the slot, unless it is too
 * large for one. */
static void start_slot(struct cd_worker *w, struct slot *s, size_t most,
		       struct cd_ksort *k, size_t i, bool mem)
{
	s->k = k;
	s->h = &k->hb[i];
	s->read = !mem;
	if (mem) {
		s->n = s->h->n;
		s->buf = k->buf + i * k->hcap;
	} else {
		s->n = bucket_len(s->h);
	}
	if (s->n <= most)
		cd_worker_run(w, sort_slot, s);
}

/* Whether no piece of any bucket was written out: all the entries are in
 * the buffer. */
static bool all_in_memory(const struct cd_ksort *k)
{
	for (size_t i = 0; i < HASH_N; i++)
		if (k->hb[i].nchunks)
			return false;
	return true;
}

/* cd_ksort_each of a bucketed sorter: bucket by bucket, each sorted in
 * memory (bucket i in slot i % 2, by the worker while bucket i - 1 is
 * handed over) or, too large for a slot, through runs.  When every entry
 * is still in the buffer, the buckets are sorted there and nothing is
 * written; else the buffer is written out and freed first, and each
 * bucket read back whole. */
static int each_bucket(struct cd_ksort *k,
		       void (*fn)(void *arg, const struct cd_kent *e),
		       void *arg)
{
	struct slot s[2];
	struct cd_worker *w;
	size_t i, j, most = 0;
	int rc = 0, e;
	bool mem = all_in_memory(k);

	if (mem) {
		most = k->hcap;
	} else {
		for (i = 0; i < HASH_N; i++)
			if (put_bucket(k, i) != 0)
				return -1;
		if (cd_tmpw_flush(&k->w) != 0)
			return -1;
		free_buf(k);
		for (i = 0; i < HASH_N; i++)
			if (bucket_len(&k->hb[i]) > most)
				most = bucket_len(&k->hb[i]);
		most = most < k->cap ? most : k->cap;
	}
	for (j = 0; j < 2; j++) {
		s[j].buf = mem ? NULL :
			cd_xmalloc((most + 1) * sizeof(*s[j].buf));
		s[j].tmp = cd_xmalloc((most + 1) * sizeof(*s[j].tmp));
	}
	w = cd_worker_new();
	start_slot(w, &s[0], most, k, 0, mem);
	for (i = 0; i < HASH_N && rc == 0; i++) {
		struct slot *cur = &s[i % 2];

		cd_worker_wait(w);
		if (i + 1 < HASH_N)
			start_slot(w, &s[(i + 1) % 2], most, k, i + 1, mem);
		if (cur->n > most) {
			rc = big_bucket(k, cur->h, fn, arg);
		} else if (cur->err) {
			errno = cur->err;
			rc = -1;
		} else {
			for (j = 0; j < cur->n; j++)
				fn(arg, &cur->out[j]);
		}
	}
	e = errno;
	cd_worker_free(w);
	for (j = 0; j < 2; j++) {
		if (!mem)
			free(s[j].buf);
		free(s[j].tmp);
	}
	errno = e;
	return rc;
}

int cd_ksort_each(struct cd_ksort *k,
		 void (*fn)(void *arg, const struct cd_kent *e), void *arg)
{
	size_t *h, n = 0, i;
	const struct cd_kent *out;

	if (k->hb)
		return each_bucket(k, fn, arg);
	if (k->nruns == 0) {
		/* All in the buffer: sorted there, nothing written. */
		out = sort_keys(k->buf, k->buf + k->runlen, k->n);
		for (i = 0; i < k->n; i++)
			fn(arg, &out[i]);
		return 0;
	}
	if (spill(k) != 0 || cd_tmpw_flush(&k->w) != 0)
		return -1;
	free_buf(k);
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

size_t cd_ksort_cap(const struct cd_ksort *k)
{
	return k->cap;
}

uint64_t cd_ksort_written(const struct cd_ksort *k)
{
	return cd_tmpw_tell(&k->w);
}
