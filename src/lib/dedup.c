/* dedup.c - exact and near-duplicate index; see dedup.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dedup.h"
#include "ksort.h"
#include "msg.h"
#include "out.h"
#include "sketch.h"

#define NO_GRAMS 0xffffffffU
#define WBUF_LEN ((size_t)1 << 20)
/* Pairs remembered as compared when deferred (a direct-mapped cache: a
 * pair shares many keys, and its comparison needs two reads). */
#define MEMO_LEN ((size_t)1 << 16)
/* Key entries sorted in memory at a time when deferred (16 MiB). */
#define KSORT_LEN ((size_t)1 << 20)
/* Smallest shingle count for which containment is estimated at all. */
#define MIN_SHINGLES 8
/* Smallest number of shared word trigrams for short-text containment:
 * a fragment of four words. */
#define MIN_GRAMS 2

/* One key of the candidate table; key 0 marks an empty slot. */
struct entry {
	uint64_t key;
	uint32_t first, last;
};

struct cd_dedup {
	struct cd_dedup_opts o;
	struct cd_fp_params par;
	struct entry *tab;
	size_t tabcap, tabn;		/* tabcap is a power of two */
	uint32_t *parent, *dup, *match;
	uint16_t *sim;			/* thousandths */
	uint64_t *off;			/* signature offsets */
	size_t n, cap;
	int fd;				/* the signature file */
	char *wbuf;			/* its unwritten tail */
	size_t wlen;
	uint64_t flushed;		/* bytes in the file */
	const char *map;		/* the file mapped while resolving */
	size_t maplen;
	struct cd_fp other;		/* scratch: a signature read back */
	struct cd_fp self;		/* scratch: another one */
	uint32_t other_idx, self_idx;	/* whose they hold, or NONE */
	struct cd_ksort *ks;		/* deferred keys */
	uint64_t gkey;			/* the key group being resolved */
	uint32_t gfirst, gprev;
	bool ghave;
	uint64_t *memo;			/* pairs compared lately, a << 32 | b */
	uint32_t *cand;
	size_t ncand, candcap;
	uint32_t cur;			/* the record being added */
	struct cd_buf blob;
};

void cd_dedup_opts_init(struct cd_dedup_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->threshold = 0.8;
	o->contain = 0.7;
}

void cd_dedup_opts_derive(struct cd_dedup_opts *o,
			  const struct cd_fp_params *par)
{
	double t = o->threshold < o->contain ? o->threshold : o->contain;

	if (!o->bands || !o->rows)
		cd_sketch_bands(t, par->perm, &o->bands, &o->rows);
	if ((size_t)o->bands * o->rows > par->perm)
		o->bands = par->perm / o->rows;
}

struct cd_dedup *cd_dedup_new(const struct cd_dedup_opts *o,
			      const struct cd_fp_params *par)
{
	struct cd_dedup *d = cd_xcalloc(1, sizeof(*d));

	d->o = *o;
	d->par = *par;
	cd_dedup_opts_derive(&d->o, par);
	d->fd = cd_tmpfd(o->tmpdir, "copydesk-group");
	if (d->fd < 0) {
		int e = errno;

		free(d);
		errno = e;
		return NULL;
	}
	if (o->deferred) {
		d->ks = cd_ksort_new(o->tmpdir, KSORT_LEN);
		if (!d->ks) {
			int e = errno;

			close(d->fd);
			free(d);
			errno = e;
			return NULL;
		}
	}
	d->wbuf = cd_xmalloc(WBUF_LEN);
	d->tabcap = 1024;
	d->tab = cd_xcalloc(d->tabcap, sizeof(*d->tab));
	cd_fp_init(&d->other);
	cd_fp_init(&d->self);
	d->other_idx = d->self_idx = CD_DEDUP_NONE;
	return d;
}

void cd_dedup_free(struct cd_dedup *d)
{
	if (!d)
		return;
	if (d->map)
		munmap((void *)d->map, d->maplen);
	close(d->fd);
	free(d->wbuf);
	free(d->tab);
	free(d->parent);
	free(d->dup);
	free(d->match);
	free(d->sim);
	free(d->off);
	free(d->cand);
	cd_fp_release(&d->other);
	cd_fp_release(&d->self);
	cd_ksort_free(d->ks);
	free(d->memo);
	cd_buf_release(&d->blob);
	free(d);
}

void cd_dedup_banding(const struct cd_dedup *d, unsigned *bands,
		      unsigned *rows)
{
	*bands = d->o.bands;
	*rows = d->o.rows;
}

void cd_dedup_reserve(struct cd_dedup *d, uint32_t n)
{
	if (n > d->cap) {
		size_t cap = d->cap * 2 > n ? d->cap * 2 : n;

		cap = cap < 1024 ? 1024 : cap;
		d->parent = cd_xrealloc(d->parent, cap * sizeof(*d->parent));
		d->dup = cd_xrealloc(d->dup, cap * sizeof(*d->dup));
		d->match = cd_xrealloc(d->match, cap * sizeof(*d->match));
		d->sim = cd_xrealloc(d->sim, cap * sizeof(*d->sim));
		d->off = cd_xrealloc(d->off, (cap + 1) * sizeof(*d->off));
		d->cap = cap;
	}
	for (; d->n < n; d->n++) {
		d->parent[d->n] = (uint32_t)d->n;
		d->dup[d->n] = (uint32_t)d->n;
		d->match[d->n] = CD_DEDUP_NONE;
		d->sim[d->n] = 1000;
	}
}

uint32_t cd_dedup_count(const struct cd_dedup *d)
{
	return (uint32_t)d->n;
}

/* The root of i (the smallest index of its set), halving the path. */
static uint32_t find(uint32_t *parent, uint32_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

uint32_t cd_dedup_near(struct cd_dedup *d, uint32_t i)
{
	return find(d->parent, i);
}

uint32_t cd_dedup_dup(const struct cd_dedup *d, uint32_t i)
{
	return d->dup[i];
}

uint32_t cd_dedup_match(const struct cd_dedup *d, uint32_t i, double *sim)
{
	*sim = d->sim[i] / 1000.0;
	return d->match[i];
}

/* Remember j as i's match when it is more similar (ties: the earlier). */
static void better(struct cd_dedup *d, uint32_t i, uint32_t j, uint16_t s)
{
	if (d->match[i] == CD_DEDUP_NONE || s > d->sim[i] ||
	    (s == d->sim[i] && j < d->match[i])) {
		d->match[i] = j;
		d->sim[i] = s;
	}
}

unsigned cd_dedup_milli(double sim)
{
	return sim <= 0 ? 0 : sim >= 1 ? 1000 : (unsigned)(sim * 1000.0 + 0.5);
}

void cd_dedup_edge(struct cd_dedup *d, uint32_t a, uint32_t b,
		   unsigned milli, bool dup)
{
	uint16_t s = (uint16_t)(milli > 1000 ? 1000 : milli);
	uint32_t ra, rb, lo = a < b ? a : b, hi = a < b ? b : a;

	cd_dedup_reserve(d, hi + 1);
	if (dup && lo < d->dup[hi])
		d->dup[hi] = lo;
	ra = find(d->parent, a);
	rb = find(d->parent, b);
	if (ra < rb)
		d->parent[rb] = ra;
	else
		d->parent[ra] = rb;
	better(d, a, b, s);
	better(d, b, a, s);
}

double cd_dedup_sim(const struct cd_dedup_opts *o, const struct cd_fp *a,
		    const struct cd_fp *b, bool *near)
{
	double j, c = 0;

	if (a->has_grams && b->has_grams) {
		size_t na = a->ngrams, nb = b->ngrams, in;

		in = cd_sketch_common(a->grams, na, b->grams, nb);
		j = na + nb ? (double)in / (double)(na + nb - in) : 1.0;
		if (in >= MIN_GRAMS)
			c = (double)in / (double)(na < nb ? na : nb);
	} else {
		double sa = a->shingles, sb = b->shingles;
		double lo = sa < sb ? sa : sb;

		j = cd_sketch_jaccard(a->mh, b->mh, a->par.perm);
		if (lo >= MIN_SHINGLES)
			c = j * (sa + sb) / ((1.0 + j) * lo);
		if (c > 1)
			c = 1;
	}
	*near = j >= o->threshold || c >= o->contain;
	return j > c ? j : c;
}

/* cd_mix64 made non-zero: 0 marks an empty slot in our tables. */
static inline uint64_t mix(uint64_t h)
{
	h = cd_mix64(h);
	return h ? h : 1;
}

void cd_dedup_keys(const struct cd_dedup_opts *o, const struct cd_fp *fp,
		   void (*fn)(void *arg, uint64_t key, bool exact), void *arg)
{
	unsigned b;
	uint32_t i;

	fn(arg, mix(fp->exact ^ 0x6578616374ULL), true);
	if (fp->words)
		for (b = 0; b < o->bands; b++)
			fn(arg, mix(cd_sketch_band_key(fp->mh, b, o->rows) ^
				    0x62616e64ULL), false);
	if (fp->has_grams)
		for (i = 0; i < fp->ngrams; i++)
			fn(arg, mix(fp->grams[i] ^ 0x7061697200000000ULL),
			   false);
}

/* Double the key table. */
static void grow_table(struct cd_dedup *d)
{
	size_t i, cap = d->tabcap * 2, mask = cap - 1;
	struct entry *t = cd_xcalloc(cap, sizeof(*t));

	for (i = 0; i < d->tabcap; i++) {
		size_t k;

		if (!d->tab[i].key)
			continue;
		for (k = d->tab[i].key & mask; t[k].key; k = (k + 1) & mask)
			;
		t[k] = d->tab[i];
	}
	free(d->tab);
	d->tab = t;
	d->tabcap = cap;
}

/* Add candidate j for the current record. */
static void add_cand(struct cd_dedup *d, uint32_t j)
{
	if (d->ncand == d->candcap)
		d->cand = cd_xgrow(d->cand, &d->candcap, d->ncand + 1,
				   sizeof(*d->cand));
	d->cand[d->ncand++] = j;
}

/* Look key up for the current record: its first and last holders become
 * candidates, and the current record becomes the last one. */
static void on_key(void *arg, uint64_t key, bool exact)
{
	struct cd_dedup *d = arg;
	size_t mask, k;

	if ((d->tabn + 1) * 10 > d->tabcap * 7)
		grow_table(d);
	mask = d->tabcap - 1;
	for (k = key & mask; d->tab[k].key; k = (k + 1) & mask) {
		if (d->tab[k].key != key)
			continue;
		if (exact)
			d->dup[d->cur] = d->tab[k].first;
		add_cand(d, d->tab[k].first);
		if (d->tab[k].last != d->tab[k].first)
			add_cand(d, d->tab[k].last);
		d->tab[k].last = d->cur;
		return;
	}
	d->tab[k].key = key;
	d->tab[k].first = d->tab[k].last = d->cur;
	d->tabn++;
}

/* Send key to the external sort for the current record. */
static void push_key(void *arg, uint64_t key, bool exact)
{
	struct cd_dedup *d = arg;

	cd_ksort_push(d->ks, key, d->cur, exact);
}

/* Write the buffered signatures to the file. */
static void flush_sigs(struct cd_dedup *d)
{
	size_t done = 0;

	while (done < d->wlen) {
		ssize_t w = pwrite(d->fd, d->wbuf + done, d->wlen - done,
				   (off_t)(d->flushed + done));

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			cd_fatal("temporary file: %s", strerror(errno));
		done += (size_t)w;
	}
	d->flushed += d->wlen;
	d->wlen = 0;
}

/* Append the signature of fp as record d->cur's. */
static void put_sig(struct cd_dedup *d, const struct cd_fp *fp)
{
	uint32_t head[3] = { fp->words, fp->shingles,
			     fp->has_grams ? fp->ngrams : NO_GRAMS };

	cd_buf_reset(&d->blob);
	cd_buf_add(&d->blob, head, sizeof(head));
	cd_buf_add(&d->blob, fp->mh, fp->par.perm * sizeof(*fp->mh));
	if (fp->has_grams)
		cd_buf_add(&d->blob, fp->grams, fp->ngrams * sizeof(*fp->grams));
	if (d->wlen + d->blob.len > WBUF_LEN)
		flush_sigs(d);
	d->off[d->cur] = d->flushed + d->wlen;
	if (d->blob.len > WBUF_LEN) {
		ssize_t w = pwrite(d->fd, d->blob.p, d->blob.len,
				   (off_t)d->flushed);

		if (w < 0 || (size_t)w != d->blob.len)
			cd_fatal("temporary file: %s", strerror(errno));
		d->flushed += d->blob.len;
	} else {
		memcpy(d->wbuf + d->wlen, d->blob.p, d->blob.len);
		d->wlen += d->blob.len;
	}
	d->off[d->cur + 1] = d->flushed + d->wlen;
}

/* Map the signature file, all written, so that reading a signature back
 * costs no system call; on failure get_sig keeps using pread. */
static void map_sigs(struct cd_dedup *d)
{
	void *m;

	flush_sigs(d);
	if (!d->flushed)
		return;
	m = mmap(NULL, (size_t)d->flushed, PROT_READ, MAP_PRIVATE, d->fd, 0);
	if (m == MAP_FAILED)
		return;
	d->map = m;
	d->maplen = (size_t)d->flushed;
}

/* Read record j's signature into *o. */
static void get_sig(struct cd_dedup *d, uint32_t j, struct cd_fp *o)
{
	uint64_t at = d->off[j], len = d->off[j + 1] - at;
	uint32_t head[3];
	char *p;

	cd_buf_reset(&d->blob);
	cd_buf_grow(&d->blob, len);
	p = d->blob.p;
	if (d->map && at + len <= d->maplen) {
		p = (char *)d->map + at;
	} else if (at >= d->flushed) {
		memcpy(p, d->wbuf + (at - d->flushed), len);
	} else {
		if (at + len > d->flushed)
			flush_sigs(d);
		if (pread(d->fd, p, len, (off_t)at) != (ssize_t)len)
			cd_fatal("temporary file: short read");
	}
	memcpy(head, p, sizeof(head));
	o->par = d->par;
	o->words = head[0];
	o->shingles = head[1];
	o->has_grams = head[2] != NO_GRAMS;
	o->ngrams = o->has_grams ? head[2] : 0;
	if (o->mhcap < d->par.perm)
		o->mh = cd_xgrow(o->mh, &o->mhcap,
				       d->par.perm, sizeof(uint32_t));
	memcpy(o->mh, p + sizeof(head), d->par.perm * sizeof(uint32_t));
	if (o->gramcap < (size_t)o->ngrams + 1)
		o->grams = cd_xgrow(o->grams, &o->gramcap,
					  o->ngrams + 1, sizeof(uint32_t));
	memcpy(o->grams, p + sizeof(head) + d->par.perm * sizeof(uint32_t),
	       o->ngrams * sizeof(uint32_t));
}

/* qsort comparison of two uint32_t. */
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

uint32_t cd_dedup_add(struct cd_dedup *d, const struct cd_fp *fp)
{
	uint32_t i = (uint32_t)d->n;
	size_t k;

	cd_dedup_reserve(d, i + 1);
	d->cur = i;
	d->ncand = 0;
	if (d->ks) {
		cd_dedup_keys(&d->o, fp, push_key, d);
		put_sig(d, fp);
		return i;
	}
	cd_dedup_keys(&d->o, fp, on_key, d);
	if (d->ncand > 1)
		qsort(d->cand, d->ncand, sizeof(*d->cand), cmp_u32);
	for (k = 0; k < d->ncand; k++) {
		bool near;
		double s;

		if (k && d->cand[k] == d->cand[k - 1])
			continue;
		get_sig(d, d->cand[k], &d->other);
		s = cd_dedup_sim(&d->o, &d->other, fp, &near);
		if (near)
			cd_dedup_edge(d, d->cand[k], i, cd_dedup_milli(s), false);
	}
	put_sig(d, fp);
	return i;
}

/* Compare records a < b that share a key (exact: the exact-hash key). */
static void compare(struct cd_dedup *d, uint32_t a, uint32_t b, bool exact)
{
	bool near;
	double s;

	uint64_t pair = (uint64_t)a << 32 | b;
	size_t slot = (size_t)(mix(pair) & (MEMO_LEN - 1));

	if (exact && a < d->dup[b])
		d->dup[b] = a;
	/* Comparing a pair again would add the same edge again. */
	if (d->memo[slot] == pair)
		return;
	d->memo[slot] = pair;
	if (d->other_idx != a) {
		get_sig(d, a, &d->other);
		d->other_idx = a;
	}
	if (d->self_idx != b) {
		get_sig(d, b, &d->self);
		d->self_idx = b;
	}
	s = cd_dedup_sim(&d->o, &d->other, &d->self, &near);
	if (near)
		cd_dedup_edge(d, a, b, cd_dedup_milli(s), false);
}

/* Take the next sorted key entry: the pairs (first, i) and (previous, i)
 * of each key, as cd_dedup_add compares them at once. */
static void on_entry(void *arg, const struct cd_kent *e)
{
	struct cd_dedup *d = arg;

	if (!d->ghave || e->key != d->gkey) {
		d->ghave = true;
		d->gkey = e->key;
		d->gfirst = d->gprev = e->idx;
		return;
	}
	compare(d, d->gfirst, e->idx, e->flag);
	if (d->gprev != d->gfirst)
		compare(d, d->gprev, e->idx, e->flag);
	d->gprev = e->idx;
}

void cd_dedup_resolve(struct cd_dedup *d)
{
	if (!d->ks)
		return;
	d->memo = cd_xcalloc(MEMO_LEN, sizeof(*d->memo));
	map_sigs(d);
	cd_ksort_each(d->ks, on_entry, d);
	cd_ksort_free(d->ks);
	d->ks = NULL;
}
