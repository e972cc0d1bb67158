/* ksort.c - external sort of key entries; see ksort.h. */
#include <errno.h>
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
	struct cd_kent *tmp;	/* the radix sort's other half */
	size_t n, cap;
	struct run *runs;
	size_t nruns, runcap;
	struct hbucket *hb;	/* HASH_N buckets, or NULL: runs */
	size_t hcap;		/* entries pending per bucket */
	unsigned shift;		/* a key's bucket is key >> shift */
	char *tmpdir;		/* for a bucket too large for memory */
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

struct cd_ksort *cd_ksort_new_bucketed(const char *tmpdir, size_t buflen,
				       uint64_t maxkey)
{
	struct cd_ksort *k = cd_ksort_new(tmpdir, buflen);

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

/* Radix digits: at most 12 bits, so five passes cover the 56 key bits
 * below a bucket's of hash keys and six passes (of 11 bits) a whole
 * 64-bit key. */
#define MAX_DIGIT_BITS 12
#define MAX_DIGITS 6

/* Sort a[0..n) by the key bits below bit top with a stable LSD radix
 * sort, b[0..n) the other half; returns a or b, whichever holds the
 * result.  The counts of all passes are taken in one read; entries are
 * pushed in idx order, so equal keys stay in idx order.  A pass whose
 * digit is the same everywhere is skipped. */
static struct cd_kent *radix(struct cd_kent *a, struct cd_kent *b, size_t n,
			     unsigned top)
{
	uint32_t cnt[MAX_DIGITS][1u << MAX_DIGIT_BITS];
	unsigned digits, bits, d;
	uint64_t mask;
	struct cd_kent *t;
	size_t i;

	if (n == 0 || top == 0)
		return a;
	digits = (top + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
	bits = (top + digits - 1) / digits;
	mask = ((uint64_t)1 << bits) - 1;
	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < n; i++)
		for (d = 0; d < digits; d++)
			cnt[d][(a[i].key >> (d * bits)) & mask]++;
	for (d = 0; d < digits; d++) {
		uint32_t *c = cnt[d], sum = 0, x;
		unsigned shift = d * bits;
		size_t j;

		if (c[(a[0].key >> shift) & mask] == n)
			continue;
		for (j = 0; j <= mask; j++) {
			x = c[j];
			c[j] = sum;
			sum += x;
		}
		for (i = 0; i < n; i++)
			b[c[(a[i].key >> shift) & mask]++] = a[i];
		t = a;
		a = b;
		b = t;
	}
	return a;
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
	if (!k->tmp)
		k->tmp = cd_xmalloc(k->cap * sizeof(*k->tmp));
	a = radix(k->buf, k->tmp, k->n, 64);
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

/* A bucket to read and sort: into buf, with tmp the radix sort's other
 * half; out is where the sorted entries end up. */
struct slot {
	struct cd_ksort *k;
	const struct hbucket *h;
	size_t n;
	struct cd_kent *buf, *tmp, *out;
	int err;			/* errno of a failed read, or 0 */
};

/* Read and sort the bucket of slot arg (a job for the worker). */
static void sort_slot(void *arg)
{
	struct slot *s = arg;

	s->err = 0;
	if (read_bucket(s->k, s->h, s->buf) != 0) {
		s->err = errno ? errno : EIO;
		return;
	}
	s->out = radix(s->buf, s->tmp, s->n, s->k->shift);
}

/* Have the worker sort bucket i, unless it is too large for a slot. */
static void start_slot(struct cd_worker *w, struct slot *s, size_t most,
		       struct cd_ksort *k, size_t i)
{
	s->k = k;
	s->h = &k->hb[i];
	s->n = bucket_len(s->h);
	if (s->n <= most)
		cd_worker_run(w, sort_slot, s);
}

/* cd_ksort_each of a bucketed sorter: bucket by bucket, each sorted in
 * memory (bucket i in slot i % 2, by the worker while bucket i - 1 is
 * handed over) or, too large for a slot, through runs. */
static int each_bucket(struct cd_ksort *k,
		       void (*fn)(void *arg, const struct cd_kent *e),
		       void *arg)
{
	struct slot s[2];
	struct cd_worker *w;
	size_t i, j, most = 0;
	int rc = 0, e;

	for (i = 0; i < HASH_N; i++)
		if (put_bucket(k, i) != 0)
			return -1;
	if (cd_tmpw_flush(&k->w) != 0)
		return -1;
	free(k->buf);
	k->buf = NULL;
	for (i = 0; i < HASH_N; i++)
		if (bucket_len(&k->hb[i]) > most)
			most = bucket_len(&k->hb[i]);
	most = most < k->cap ? most : k->cap;
	for (j = 0; j < 2; j++) {
		s[j].buf = cd_xmalloc((most + 1) * sizeof(*s[j].buf));
		s[j].tmp = cd_xmalloc((most + 1) * sizeof(*s[j].tmp));
	}
	w = cd_worker_new();
	start_slot(w, &s[0], most, k, 0);
	for (i = 0; i < HASH_N && rc == 0; i++) {
		struct slot *cur = &s[i % 2];

		cd_worker_wait(w);
		if (i + 1 < HASH_N)
			start_slot(w, &s[(i + 1) % 2], most, k, i + 1);
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

	if (k->hb)
		return each_bucket(k, fn, arg);
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
