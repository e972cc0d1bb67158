/* dedup.c - exact and near-duplicate index; see dedup.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "bytes.h"
#include "dedup.h"
#include "dedup_int.h"
#include "ksort.h"
#include "sketch.h"
#include "tmpf.h"
#include "worker.h"

#define NO_GRAMS 0xffffffffU
/* The similarity of a record with no match yet (similarities are at
 * most 1000 thousandths). */
#define SIM_NONE 0xffffu
#define WBUF_LEN ((size_t)1 << 20)
/* Key groups remembered lately when deferred, by a hash of their
 * members: the bands of a set of near copies often hold just those
 * records, and such a group gives the same pairs each time. */
#define GMEMO_LEN ((size_t)1 << 16)
/* Members of a key group held before its pairs are sent on without
 * looking at the group memo (a key shared by very many records). */
#define GROUP_MAX ((size_t)1 << 16)
/* Key entries held in memory when deferred (32 MiB), by default: in the
 * external sort's buffer (the keys of some 35,000 articles, about 55 a
 * record, sorted there without a temporary file; more go to disk in
 * pieces) or, with opts.table, first in a key table of that many slots,
 * at most 7 in 10 of them used (some 27,000 articles), then in a sort
 * of half as many (table_to_sort). */
#define KEYS_LEN ((size_t)2 << 20)
/* The buffers through which a full key table goes to the sort (small:
 * memory then is at its peak). */
#define DUMP_BUF ((size_t)64 << 10)
/* The slots of a key table when it is made, not deferred. */
#define TAB_FIRST ((size_t)1024)
/* Candidate pair entries held in memory (16 MiB), and distinct pairs by
 * block pair (4 MiB). */
#define PAIRS_LEN ((size_t)1 << 20)
#define BPAIRS_LEN ((size_t)1 << 18)

/* Signature bytes of a block, or at most BLOCK_LEN of them, read into
 * memory at once when a pair of blocks has many candidate pairs. */
#define BLOCK_LEN ((size_t)8 << 20)
/* Pairs of a pair of blocks compared with a pread per signature before
 * the blocks are read whole. */
#define BLOCK_PAIRS 256

/* The flag of a key's entry from the table for its last record (the
 * entry of its first record has the exact flag alone): the pair of the
 * two was sent already. */
#define PAIR_SENT 2u

/* Distinct candidate pairs compared at a time, half of them by the
 * worker thread. */
#define BATCH 4096

/* A block of signatures in memory: records first..end-1, or none. */
struct block {
	char *p;
	size_t cap;			/* bytes at p */
	uint64_t off;			/* file offset of p[0] */
	uint32_t first, end;
};


/* What a thread needs to compare pairs: the signatures it read on their
 * own, and the first record of the pair before (pairs come by their
 * first record). */
struct scratch {
	struct cd_buf blob[2];
	struct sig other;
	uint32_t other_idx;		/* whose other is, or NONE */
	int err;			/* the first read's errno, or 0 */
};

/* One key of the candidate table; key 0 marks an empty slot. */
struct entry {
	uint64_t key;
	uint32_t first, last;
};

/* The key table: its slots (NULL until made; cap a power of two, n of
 * them used) and a bitmap of those holding an exact-hash key. */
struct ktab {
	struct entry *e;
	uint64_t *ex;
	size_t cap, n;
	bool big;			/* e is from cd_xbig */
};

/* A key of a record, as cd_dedup_keys gives it. */
struct qkey {
	uint64_t key;
	bool exact;
};

/* The keys of record rec. */
struct keyq {
	struct qkey *k;
	size_t n, cap;
	uint32_t rec;
};

struct cd_dedup {
	struct cd_dedup_opts o;
	struct cd_fp_params par;
	struct ktab t;			/* the key table */
	size_t tabmax;			/* the most slots it may have */
	size_t keys_len;		/* opts.keys_len or KEYS_LEN */
	/* The keys of the record added last and, deferred, of the one
	 * before it, which are taken into the table only now, so that
	 * their slots were loaded meanwhile (pend, or NULL). */
	struct keyq kq[2];
	struct keyq *pend;
	struct keyq *q;			/* the keys being taken */
	uint32_t *parent, *dup, *match;
	uint16_t *sim;			/* thousandths */
	uint64_t *off;			/* signature offsets */
	size_t n, cap;
	int fd;				/* the signature file */
	struct cd_tmpw sigw;		/* its writer */
	int err;			/* the first temporary file errno */
	struct scratch sc[2];		/* the caller's and the worker's */
	struct cd_worker *worker;	/* while pairs are compared */
	uint32_t *ba, *bb;		/* the batch of pairs (a, b) */
	uint16_t *bres;			/* and their results (compare_range) */
	size_t nbatch;
	struct cd_ksort *ks;		/* deferred keys past the table */
	struct cd_ksort *ps;		/* their candidate pairs */
	struct cd_ksort *bs;		/* the distinct pairs by block pair */
	uint32_t *bstart;		/* first record of each block, nblk+1 */
	size_t nblk, bcap;
	struct block blk[2];		/* blocks of signatures in memory */
	uint64_t bkey;			/* the block pair being compared */
	size_t bpairs;			/* its pairs so far */
	uint64_t gkey;			/* the key group being resolved */
	uint32_t gflag;			/* its entries' flag */
	bool ghave;
	uint32_t *gm;			/* its members so far, in order */
	size_t gmn, gmcap;
	size_t gsent;			/* members whose pairs were sent */
	uint64_t *gmemo;		/* key groups seen lately, by hash */
	uint32_t *cand;
	size_t ncand, candcap;
	uint32_t cur;			/* the record being added */
};

/* Make t empty with cap slots (a power of two), from cd_xbig when
 * big. */
static void table_alloc(struct ktab *t, size_t cap, bool big)
{
	t->big = big;
	t->e = big ? cd_xbig(cap * sizeof(*t->e)) :
		cd_xcalloc(cap, sizeof(*t->e));
	t->ex = cd_xcalloc(cap / 64 + 1, sizeof(*t->ex));
	t->cap = cap;
	t->n = 0;
}

/* Free the slots of t, leaving it unmade. */
static void table_free(struct ktab *t)
{
	if (t->big)
		cd_big_free(t->e, t->cap * sizeof(*t->e));
	else
		free(t->e);
	free(t->ex);
	memset(t, 0, sizeof(*t));
}

void cd_dedup_opts_init(struct cd_dedup_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->threshold = 0.8;
	o->contain = 0.7;
	o->passage = 100;
}

void cd_dedup_opts_derive(struct cd_dedup_opts *o,
			  const struct cd_fp_params *par)
{
	double t = o->threshold < o->contain ? o->threshold : o->contain;

	if (o->agree && o->agree_threshold < t)
		t = o->agree_threshold;
	if (o->agree && o->agree_contain < t)
		t = o->agree_contain;
	if (!o->bands || !o->rows)
		cd_sketch_bands(t, par->perm, &o->bands, &o->rows);
	if ((size_t)o->bands * o->rows > par->perm)
		o->bands = par->perm / o->rows;
}

/* The largest power of two not above n (1 for 0). */
static size_t pow2_floor(size_t n)
{
	size_t p = 1;

	while (p <= n / 2)
		p *= 2;
	return p;
}

static size_t mh_bytes(unsigned perm);

/* The slots of the deferred key table: as many as it may ever hold
 * (tabmax), the most keys held in memory as a power of two. */
static size_t deferred_slots(const struct cd_dedup_opts *o)
{
	return pow2_floor(o->keys_len ? o->keys_len : KEYS_LEN);
}

size_t cd_dedup_table_bytes(const struct cd_dedup_opts *o)
{
	size_t n = deferred_slots(o) * sizeof(struct entry);

	/* the size make_room asks cd_xbig for, when it does */
	return o->deferred && o->table && o->huge && n >= CD_BIG ? n : 0;
}

/* With a key table, the bytes of signatures buffered while it lasts, so
 * that compare_now finds them in memory: the signatures of the most
 * records the table can hold, each putting at least its exact-hash key
 * and one key a band in it (a short text also one key for each 4 bytes
 * of word trigrams in its signature): some 9 MiB with the default
 * bands.  Texts without words put one key each; past that the buffer
 * keeps its later half. */
static size_t sig_window(const struct cd_dedup *d)
{
	size_t recs = d->tabmax / 10 * 7 / (1 + d->o.bands);

	return recs * (3 * sizeof(uint32_t) + mh_bytes(d->par.perm) +
		       sizeof(uint64_t));
}

struct cd_dedup *cd_dedup_new(const struct cd_dedup_opts *o,
			      const struct cd_fp_params *par)
{
	struct cd_dedup *d = cd_xcalloc(1, sizeof(*d));
	size_t win;

	d->o = *o;
	d->par = *par;
	cd_dedup_opts_derive(&d->o, par);
	d->keys_len = o->keys_len ? o->keys_len : KEYS_LEN;
	d->tabmax = o->deferred ? deferred_slots(o) :
		SIZE_MAX / 2 / sizeof(struct entry);
	d->fd = cd_tmpfd(o->tmpdir, "copydesk-group");
	/* Deferred with table, the keys go to a table first (make_room). */
	if (d->fd >= 0 && o->deferred && !o->table)
		d->ks = cd_ksort_new_bucketed(o->tmpdir, d->keys_len,
					       UINT64_MAX, false);
	if (d->fd < 0 || (o->deferred && !o->table && !d->ks)) {
		int e = errno;

		cd_dedup_free(d);
		errno = e;
		return NULL;
	}
	/* A window of signatures in memory (sig_window) serves compare_now
	 * only, which never compares when the pairs go to opts.on_edge
	 * (--reduce): then the buffer of any writer. */
	win = o->deferred && o->table && !o->on_edge ? sig_window(d) : 0;
	cd_tmpw_init(&d->sigw, d->fd, win ? win : WBUF_LEN);
	d->sigw.keep = win / 2;
	d->bstart = cd_xgrow(NULL, &d->bcap, 1, sizeof(*d->bstart));
	d->bstart[0] = 0;
	d->sc[0].other_idx = d->sc[1].other_idx = CD_DEDUP_NONE;
	return d;
}

void cd_dedup_free(struct cd_dedup *d)
{
	if (!d)
		return;
	if (d->fd >= 0)
		close(d->fd);
	cd_tmpw_release(&d->sigw);
	table_free(&d->t);
	free(d->kq[0].k);
	free(d->kq[1].k);
	free(d->parent);
	free(d->dup);
	free(d->match);
	free(d->sim);
	free(d->off);
	free(d->cand);
	cd_ksort_free(d->ks);
	cd_ksort_free(d->ps);
	cd_ksort_free(d->bs);
	free(d->bstart);
	free(d->blk[0].p);
	free(d->blk[1].p);
	free(d->gmemo);
	free(d->gm);
	for (int i = 0; i < 2; i++) {
		cd_buf_release(&d->sc[i].blob[0]);
		cd_buf_release(&d->sc[i].blob[1]);
	}
	cd_worker_free(d->worker);
	free(d->ba);
	free(d->bb);
	free(d->bres);
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
		if (!d->o.no_match)
			d->match = cd_xrealloc(d->match,
					       cap * sizeof(*d->match));
		d->sim = cd_xrealloc(d->sim, cap * sizeof(*d->sim));
		d->off = cd_xrealloc(d->off, (cap + 1) * sizeof(*d->off));
		d->cap = cap;
	}
	for (; d->n < n; d->n++) {
		d->parent[d->n] = (uint32_t)d->n;
		d->dup[d->n] = (uint32_t)d->n;
		if (d->match)
			d->match[d->n] = CD_DEDUP_NONE;
		d->sim[d->n] = SIM_NONE;
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
	*sim = d->sim[i] == SIM_NONE ? 1 : d->sim[i] / 1000.0;
	return d->match ? d->match[i] : CD_DEDUP_NONE;
}

/* Remember j as i's match when it is more similar (ties: the earlier);
 * with opts.no_match, only the highest similarity. */
static void better(struct cd_dedup *d, uint32_t i, uint32_t j, uint16_t s)
{
	if (d->sim[i] == SIM_NONE || s > d->sim[i] ||
	    (d->match && s == d->sim[i] && j < d->match[i])) {
		if (d->match)
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

/* --agree: whether records a < b (signatures x, y), not near, are near
 * under the agree thresholds, share at least AGREE_SHARED trigrams (a
 * common phrase such as "I think it's a" is not evidence enough) and
 * agree; *s is then their similarity. */
static bool agreed_near(const struct cd_dedup *d, uint32_t a, uint32_t b,
			const struct sig *x, const struct sig *y, double *s)
{
	struct cd_dedup_opts lo = d->o;
	bool near;

	if (!d->o.agree)
		return false;
	lo.threshold = d->o.agree_threshold;
	lo.contain = d->o.agree_contain;
	lo.passage = 0;
	*s = cd_dedup_sig_sim(&lo, d->par.perm, x, y, true, &near);
	return near && cd_dedup_shared(d->par.perm, x, y) >= AGREE_SHARED &&
	       d->o.agree(d->o.agree_arg, a, b);
}

/* cd_mix64 made non-zero: 0 marks an empty slot in our tables. */
static inline uint64_t mix(uint64_t h)
{
	h = cd_mix64(h);
	return h ? h : 1;
}

/* cd_dedup_keys, inline: where fn is known, the compiler puts it in
 * place of the call (cd_dedup_add, once per key). */
static inline void keys_of(const struct cd_dedup_opts *o,
			   const struct cd_fp *fp,
			   void (*fn)(void *arg, uint64_t key, bool exact),
			   void *arg)
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

void cd_dedup_keys(const struct cd_dedup_opts *o, const struct cd_fp *fp,
		   void (*fn)(void *arg, uint64_t key, bool exact), void *arg)
{
	keys_of(o, fp, fn, arg);
}

/* Whether slot k of t holds an exact-hash key. */
static inline bool slot_exact(const struct ktab *t, size_t k)
{
	return t->ex[k / 64] >> (k % 64) & 1;
}

/* Put entry e in t, in its first free slot. */
static void table_put(struct ktab *t, const struct entry *e, bool exact)
{
	size_t k, mask = t->cap - 1;

	for (k = e->key & mask; t->e[k].key; k = (k + 1) & mask)
		;
	t->e[k] = *e;
	if (exact)
		t->ex[k / 64] |= (uint64_t)1 << (k % 64);
	t->n++;
}

/* Double the key table (not deferred: never from cd_xbig). */
static void grow_table(struct cd_dedup *d)
{
	struct ktab old = d->t;
	size_t i;

	table_alloc(&d->t, old.cap * 2, false);
	for (i = 0; i < old.cap; i++)
		if (old.e[i].key)
			table_put(&d->t, &old.e[i], slot_exact(&old, i));
	table_free(&old);
}

/* Whether a table of cap slots holding n keys is too full for more
 * (more than 7 in 10 of its slots). */
static bool too_full(size_t n, size_t cap)
{
	return n * 10 > cap * 7;
}

/* Add candidate j for the current record, and start loading its
 * signature where it is in the writer's buffer (it is compared once the
 * record's keys are all looked up).  A candidate just added is not added
 * again: the keys of a near copy mostly have the same first and last
 * records, which came up as one candidate after another and made most
 * of the list sorted, then skipped, after the lookups. */
static inline void add_cand(struct cd_dedup *d, uint32_t j)
{
	uint64_t at = d->off[j], end = d->off[j + 1];

	if ((d->ncand && d->cand[d->ncand - 1] == j) ||
	    (d->ncand > 1 && d->cand[d->ncand - 2] == j))
		return;
	if (d->ncand == d->candcap)
		d->cand = cd_xgrow(d->cand, &d->candcap, d->ncand + 1,
				   sizeof(*d->cand));
	d->cand[d->ncand++] = j;
	if (at >= d->sigw.flushed)
		cd_prefetch(d->sigw.buf + (at - d->sigw.flushed), end - at);
}

/* Keep key in the queue arg. */
static inline void queue_key(void *arg, uint64_t key, bool exact)
{
	struct keyq *q = arg;

	if (q->n == q->cap)
		q->k = cd_xgrow(q->k, &q->cap, q->n + 1, sizeof(*q->k));
	q->k[q->n].key = key;
	q->k[q->n++].exact = exact;
}

static void found(struct cd_dedup *d, uint32_t a, uint32_t b, unsigned milli,
		  bool dup);

/* Look key up in the table for the current record: its first and last
 * holders become candidates (deferred, those of an exact-hash key are
 * joined at once instead, as exact copies), and the current record
 * becomes the last one. */
static void on_key(struct cd_dedup *d, uint64_t key, bool exact)
{
	size_t mask = d->t.cap - 1, k;
	struct entry *e;

	for (k = key & mask; d->t.e[k].key; k = (k + 1) & mask) {
		e = &d->t.e[k];

		if (e->key != key)
			continue;
		if (exact && d->o.deferred) {
			/* found makes e->first the record's dup: until now
			 * its dup was itself (a record's one exact-hash key
			 * is its first), a later record than any entry's */
			found(d, e->first, d->cur, 1000, true);
			if (e->last != e->first)
				found(d, e->last, d->cur, 1000, true);
		} else {
			if (exact)
				d->dup[d->cur] = e->first;
			add_cand(d, e->first);
			if (e->last != e->first)
				add_cand(d, e->last);
		}
		e->last = d->cur;
		return;
	}
	e = &d->t.e[k];
	e->key = key;
	e->first = e->last = d->cur;
	if (exact)
		d->t.ex[k / 64] |= (uint64_t)1 << (k % 64);
	d->t.n++;
}

/* Start loading the table slots of the keys in q. */
static void prefetch_keys(const struct cd_dedup *d, const struct keyq *q)
{
	size_t i, mask = d->t.cap - 1;

	if (d->t.e)
		for (i = 0; i < q->n; i++)
			__builtin_prefetch(&d->t.e[q->k[i].key & mask], 1);
}

/* Look the keys in d->q up in the table, loading the slots of the keys
 * in next (NULL: none) meanwhile, one a key. */
static void table_keys(struct cd_dedup *d, const struct keyq *next)
{
	size_t i, n = next ? next->n : 0, mask = d->t.cap - 1;

	for (i = 0; i < d->q->n; i++) {
		if (i < n)
			__builtin_prefetch(&d->t.e[next->k[i].key & mask], 1);
		on_key(d, d->q->k[i].key, d->q->k[i].exact);
	}
	for (; i < n; i++)
		__builtin_prefetch(&d->t.e[next->k[i].key & mask], 1);
}

/* Note the first temporary file error (errno) of the index. */
static void failed(struct cd_dedup *d)
{
	if (!d->err)
		d->err = errno ? errno : EIO;
}

/* Send the keys in d->q to the external sort for the current record. */
static void push_keys(struct cd_dedup *d)
{
	for (size_t i = 0; i < d->q->n; i++)
		if (cd_ksort_push(d->ks, d->q->k[i].key, d->cur,
				  d->q->k[i].exact) != 0) {
			failed(d);
			return;
		}
}

/* Deferred, the key table full: hand its keys to the external sort,
 * where the keys of the records to come go too.  The sort's buffer is
 * half the table's: the table's entries alone (up to two a key) pass
 * that many, so it writes to disk whatever its size, and the buffer
 * only gathers the writes (of 64 KiB a bucket by default); with the
 * whole of it, its 32 MiB and the records' arrays made the copy
 * index's peak past some 600,000 short records (60 of its 64 bytes a
 * record on a million), where now the table's is (50).  A key becomes the
 * entries of its first and last records, which give the pairs the
 * records to come would have had with it in the table (the pair of the
 * two, sent already, is marked PAIR_SENT so as not to be sent again:
 * an edge is told once).  The entries go through a temporary file, so
 * that the table is freed before the sort's buffer is made.  Returns 0,
 * or -1 (d->err set). */
static int table_to_sort(struct cd_dedup *d)
{
	struct cd_tmpw w;
	struct cd_tmpr r;
	struct cd_kent e;
	size_t k;
	int fd = cd_tmpfd(d->o.tmpdir, "copydesk-keys"), st;

	if (fd < 0) {
		failed(d);
		return -1;
	}
	cd_tmpw_init(&w, fd, DUMP_BUF);
	for (k = 0; k < d->t.cap; k++) {
		const struct entry *t = &d->t.e[k];

		if (!t->key)
			continue;
		e.key = t->key;
		e.flag = slot_exact(&d->t, k);
		e.idx = t->first;
		cd_tmpw_write(&w, &e, sizeof(e));
		e.idx = t->last;
		e.flag |= PAIR_SENT;
		if (t->last != t->first)
			cd_tmpw_write(&w, &e, sizeof(e));
	}
	st = cd_tmpw_flush(&w);
	cd_tmpw_release(&w);
	table_free(&d->t);
	/* No more compare_now: the signatures' memory goes too. */
	if (cd_tmpw_recap(&d->sigw, WBUF_LEN) != 0)
		failed(d);
	d->ks = cd_ksort_new_bucketed(d->o.tmpdir, d->keys_len / 2,
				      UINT64_MAX, d->o.huge);
	if (st == 0 && d->ks && (st = cd_tmpr_init(&r, fd, DUMP_BUF)) == 0) {
		while ((st = cd_tmpr_read(&r, &e, sizeof(e))) == 1 &&
		       (st = cd_ksort_push(d->ks, e.key, e.idx, e.flag)) == 0)
			;
		cd_tmpr_release(&r);
	}
	if (st != 0 || !d->ks)
		failed(d);
	close(fd);
	return d->err ? -1 : 0;
}

/* Make room in the key table for the keys in d->q: make or grow it or,
 * when it may grow no more, hand its keys to the external sort.
 * Returns 0, or -1 (d->err set). */
static int make_room(struct cd_dedup *d)
{
	if (!d->t.e && d->o.deferred)
		table_alloc(&d->t, d->tabmax, d->o.huge &&
			    d->tabmax * sizeof(*d->t.e) >= CD_BIG);
	else if (!d->t.e)
		table_alloc(&d->t, TAB_FIRST, false);
	while (too_full(d->t.n + d->q->n, d->t.cap) && d->t.cap < d->tabmax)
		grow_table(d);
	if (too_full(d->t.n + d->q->n, d->t.cap))
		return table_to_sort(d);
	return 0;
}

/* Record i's signature is the last written: it joins the last block of
 * records, or starts a new one when the block would pass BLOCK_LEN
 * bytes (a larger signature is a block alone). */
static void block_add(struct cd_dedup *d, uint32_t i)
{
	if (d->nblk == 0 ||
	    d->off[i + 1] - d->off[d->bstart[d->nblk - 1]] > BLOCK_LEN) {
		d->bstart = cd_xgrow(d->bstart, &d->bcap, d->nblk + 2,
				     sizeof(*d->bstart));
		d->bstart[d->nblk++] = i;
	}
	d->bstart[d->nblk] = i + 1;
}

/* The bytes of the MinHash values of a stored signature: two per value,
 * rounded up to four so that every signature keeps the 4-byte alignment
 * of its counts and trigrams. */
static size_t mh_bytes(unsigned perm)
{
	return ((size_t)perm * sizeof(uint16_t) + 3) & ~(size_t)3;
}

/* Append the signature of fp as record d->cur's: three 32-bit counts,
 * the MinHash values in 16 bits (fp.h keeps only their low 16 bits,
 * CD_FP_MH_MASK), then the word trigrams of a short text, and the exact
 * hash of a text of at most three words (cd_dedup_whole_gram). */
static void put_sig(struct cd_dedup *d, const struct cd_fp *fp)
{
	uint32_t head[3] = { fp->words, fp->shingles,
			     fp->has_grams ? fp->ngrams : NO_GRAMS };
	uint16_t mh[CD_SKETCH_MAX_PERM + 1];

	cd_dedup_mh16(fp->mh, fp->par.perm, mh);
	mh[fp->par.perm] = 0;		/* the padding of an odd count */
	d->off[d->cur] = cd_tmpw_tell(&d->sigw);
	if (cd_tmpw_write(&d->sigw, head, sizeof(head)) != 0 ||
	    cd_tmpw_write(&d->sigw, mh, mh_bytes(fp->par.perm)) ||
	    (fp->has_grams && cd_tmpw_write(&d->sigw, fp->grams,
				fp->ngrams * sizeof(*fp->grams)) != 0) ||
	    (fp->has_grams && fp->words <= CD_SKETCH_WHOLE_WORDS &&
	     cd_tmpw_write(&d->sigw, &fp->exact, sizeof(fp->exact)) != 0))
		failed(d);
	d->off[d->cur + 1] = cd_tmpw_tell(&d->sigw);
	block_add(d, d->cur);
}

/* Record j's signature bytes where they are in memory already (a block
 * or the writer's buffer), else NULL. */
static const char *sig_in_memory(const struct cd_dedup *d, uint32_t j)
{
	uint64_t at = d->off[j];
	int k;

	for (k = 0; k < 2; k++)
		if (j >= d->blk[k].first && j < d->blk[k].end)
			return d->blk[k].p + (at - d->blk[k].off);
	if (at >= d->sigw.flushed && d->sigw.buf)	/* freed: resolved */
		return d->sigw.buf + (at - d->sigw.flushed);
	return NULL;
}

/* The bytes of record j's signature: in memory, or read with one pread
 * into blob.  NULL with errno set on error. */
static const char *sig_bytes(struct cd_dedup *d, uint32_t j,
			     struct cd_buf *blob)
{
	uint64_t at = d->off[j], len = d->off[j + 1] - at;
	const char *p;

	/* A signature partly written out: write out the rest too. */
	if (at < d->sigw.flushed && at + len > d->sigw.flushed &&
	    cd_tmpw_flush(&d->sigw) != 0)
		return NULL;
	if ((p = sig_in_memory(d, j)) != NULL)
		return p;
	cd_buf_reset(blob);
	cd_buf_grow(blob, len);
	if (cd_tmpf_pread(d->fd, blob->p, len, at) != 0)
		return NULL;
	return blob->p;
}

/* Record j's signature into *v, pointing into memory that stays as it
 * is until blob is used again or a block is loaded.  Returns 0, or -1
 * with errno set. */
static int get_sig(struct cd_dedup *d, uint32_t j, struct cd_buf *blob,
		   struct sig *v)
{
	const char *p = sig_bytes(d, j, blob);
	uint32_t head[3];

	if (!p)
		return -1;
	memcpy(head, p, sizeof(head));
	v->words = head[0];
	v->shingles = head[1];
	v->has_grams = head[2] != NO_GRAMS;
	v->ngrams = v->has_grams ? head[2] : 0;
	/* 4-byte aligned: blocks and buffers come from malloc, and every
	 * signature is a multiple of 4 bytes long (mh_bytes). */
	v->mh = (const uint16_t *)(const void *)(p + sizeof(head));
	v->grams = (const uint32_t *)(const void *)(p + sizeof(head) +
						    mh_bytes(d->par.perm));
	v->exact = 0;
	if (cd_dedup_whole_gram(v))
		memcpy(&v->exact, v->grams + v->ngrams, sizeof(v->exact));
	return 0;
}

/* Compare the current record i (fingerprint fp) with its candidates. */
static void compare_cands(struct cd_dedup *d, uint32_t i,
			  const struct cd_fp *fp)
{
	uint16_t mh[CD_SKETCH_MAX_PERM];
	struct sig self;
	size_t k;

	cd_sketch_sort_u32(d->cand, d->ncand);
	cd_dedup_sig_of_fp(fp, mh, &self);
	for (k = 0; k < d->ncand; k++) {
		struct sig other;
		bool near;
		double s;

		if (k && d->cand[k] == d->cand[k - 1])
			continue;
		if (get_sig(d, d->cand[k], &d->sc[0].blob[0], &other) != 0) {
			failed(d);
			return;
		}
		s = cd_dedup_sig_sim(&d->o, d->par.perm, &other, &self, true,
				     &near);
		if (near || agreed_near(d, d->cand[k], i, &other, &self, &s))
			cd_dedup_edge(d, d->cand[k], i, cd_dedup_milli(s), false);
	}
}

static uint32_t block_of(const struct cd_dedup *d, uint32_t i);

/* Make the sort of candidate pairs by blocks unless made.  Returns 0,
 * or -1 (d->err set). */
static int make_bs(struct cd_dedup *d)
{
	if (!d->bs && !(d->bs = cd_ksort_new(d->o.tmpdir, BPAIRS_LEN)))
		failed(d);
	return d->bs ? 0 : -1;
}

static uint16_t pair_sim(struct cd_dedup *d, struct scratch *sc, uint32_t a,
			 uint32_t b);

/* Deferred: compare records a < b at once when both signatures are in
 * memory (the writer's buffer: with a key table, all of the table's
 * records, sig_window) and the index tells no edges (their order is
 * that of the sort by blocks); returns whether it did.  The pair joins
 * as it would after the sort: which pairs are near, and the groups,
 * exact copies and best matches they make, do not depend on when they
 * are compared.  Found while reading, the pairs leave nothing to sort,
 * read back or compare after the input. */
static bool compare_now(struct cd_dedup *d, uint32_t a, uint32_t b)
{
	struct scratch *sc = &d->sc[0];
	uint16_t r;

	if (d->o.on_edge || !sig_in_memory(d, a) || !sig_in_memory(d, b))
		return false;
	/* the buffer moves on: no signature kept from one call to the next */
	sc->other_idx = CD_DEDUP_NONE;
	r = pair_sim(d, sc, a, b);
	sc->other_idx = CD_DEDUP_NONE;
	if (r)
		found(d, a, b, r - 1u, false);
	return true;
}

/* Deferred: compare the current record with its candidates, each once,
 * but for its exact copies (joined already): at once where compare_now
 * can, else through the sort of pairs by blocks. */
static void send_cands(struct cd_dedup *d)
{
	uint32_t b = d->cur;
	size_t k;

	cd_sketch_sort_u32(d->cand, d->ncand);
	for (k = 0; k < d->ncand; k++) {
		uint32_t a = d->cand[k];

		if ((k && a == d->cand[k - 1]) || d->dup[a] == d->dup[b] ||
		    compare_now(d, a, b))
			continue;
		if (make_bs(d) != 0)
			return;
		if (cd_ksort_push(d->bs, (uint64_t)block_of(d, a) << 32 |
				  block_of(d, b), a, b) != 0) {
			failed(d);
			return;
		}
	}
}

/* Take the keys of record q->rec (q NULL: none) into the table, or the
 * external sort past it; deferred, send the record's candidate pairs to
 * their sort.  Returns 0, or -1 (d->err set). */
static int take_keys(struct cd_dedup *d, struct keyq *q,
		     const struct keyq *next)
{
	if (!q || d->err)
		return d->err ? -1 : 0;
	d->cur = q->rec;
	d->q = q;
	d->ncand = 0;
	if (!d->ks && make_room(d) != 0)
		return -1;
	if (d->ks) {
		push_keys(d);
	} else {
		table_keys(d, next);
		if (d->o.deferred)
			send_cands(d);
	}
	return d->err ? -1 : 0;
}

uint32_t cd_dedup_add(struct cd_dedup *d, const struct cd_fp *fp)
{
	uint32_t i = (uint32_t)d->n;
	struct keyq *q = d->pend == &d->kq[0] ? &d->kq[1] : &d->kq[0];

	cd_dedup_reserve(d, i + 1);
	d->cur = i;
	put_sig(d, fp);
	q->n = 0;
	q->rec = i;
	keys_of(&d->o, fp, queue_key, q);
	if (!d->o.deferred) {
		if (take_keys(d, q, NULL) == 0)
			compare_cands(d, i, fp);
	} else if (d->pend) {
		/* The record before is taken only now, its slots loaded
		 * meanwhile: the lookups do not wait for memory. */
		take_keys(d, d->pend, q);
		d->pend = q;
	} else {
		prefetch_keys(d, q);
		d->pend = q;
	}
	errno = d->err;
	return d->err ? CD_DEDUP_NONE : i;
}

/* Join records a < b, near with similarity milli (dup: exact copies),
 * and tell opts.on_edge. */
static void found(struct cd_dedup *d, uint32_t a, uint32_t b, unsigned milli,
		  bool dup)
{
	if (dup && a < d->dup[b])
		d->dup[b] = a;
	cd_dedup_edge(d, a, b, milli, false);
	if (d->o.on_edge)
		d->o.on_edge(d->o.edge_arg, a, b, milli, dup);
}

/* Compare records a < b, a candidate pair: 1 + the similarity in
 * thousandths when they are near, else 0 (also on an error, noted in
 * sc->err). */
static uint16_t pair_sim(struct cd_dedup *d, struct scratch *sc, uint32_t a,
			 uint32_t b)
{
	struct sig self;
	bool near;
	double s;

	if (sc->other_idx != a) {
		sc->other_idx = CD_DEDUP_NONE;
		if (get_sig(d, a, &sc->blob[0], &sc->other) != 0)
			goto fail;
		sc->other_idx = a;
	}
	if (get_sig(d, b, &sc->blob[1], &self) != 0)
		goto fail;
	s = cd_dedup_sig_sim(&d->o, d->par.perm, &sc->other, &self, true,
			     &near);
	if (!near)
		near = agreed_near(d, a, b, &sc->other, &self, &s);
	return near ? (uint16_t)(1 + cd_dedup_milli(s)) : 0;
fail:
	if (!sc->err)
		sc->err = errno ? errno : EIO;
	return 0;
}

/* Compare the pairs lo..hi-1 of the batch with scratch sc. */
static void compare_range(struct cd_dedup *d, struct scratch *sc, size_t lo,
			  size_t hi)
{
	for (; lo < hi; lo++)
		d->bres[lo] = pair_sim(d, sc, d->ba[lo], d->bb[lo]);
}

/* The worker's half of a batch. */
struct half {
	struct cd_dedup *d;
	size_t lo, hi;
};

static void compare_half(void *arg)
{
	struct half *h = arg;

	compare_range(h->d, &h->d->sc[1], h->lo, h->hi);
}

/* Compare the batch of pairs, the second half in the worker, then join
 * the near ones in order. */
static void flush_batch(struct cd_dedup *d)
{
	struct half h = { d, d->nbatch / 2, d->nbatch };
	size_t k;

	cd_worker_run(d->worker, compare_half, &h);
	compare_range(d, &d->sc[0], 0, h.lo);
	cd_worker_wait(d->worker);
	for (k = 0; k < 2; k++)
		if (d->sc[k].err && !d->err)
			d->err = d->sc[k].err;
	for (k = 0; k < d->nbatch; k++)
		if (d->bres[k])
			found(d, d->ba[k], d->bb[k], d->bres[k] - 1u, false);
	d->nbatch = 0;
}

/* Records a < b share a key (exact: the exact-hash key).  Exact copies
 * are joined at once (their similarity is 1); other pairs go to the pair
 * sort, which brings the several keys a pair shares down to one
 * comparison. */
static void pair(struct cd_dedup *d, uint32_t a, uint32_t b, bool exact)
{
	if (exact)
		found(d, a, b, 1000, true);
	else if (cd_ksort_push(d->ps, (uint64_t)a << 32 | b, 0, 0) != 0)
		failed(d);
}

/* Send the pairs of the key group's members from gsent on: the
 * pairs (first, i) and (previous, i), as cd_dedup_add compares them at
 * once. */
static void send_pairs(struct cd_dedup *d)
{
	size_t k;

	for (k = d->gsent > 1 ? d->gsent : 1; k < d->gmn; k++) {
		pair(d, d->gm[0], d->gm[k], d->gflag);
		if (k > 1)
			pair(d, d->gm[k - 1], d->gm[k], d->gflag);
	}
	d->gsent = d->gmn;
}

/* The key group is complete: send its pairs, unless a group with the
 * same members and flag was sent lately. */
static void end_group(struct cd_dedup *d)
{
	if (d->gmn < 2) {	/* most keys: one record, no pairs */
		d->gmn = d->gsent = 0;
		return;
	}
	if (d->gsent == 0) {
		uint64_t h = XXH3_64bits_withSeed(d->gm, d->gmn *
						  sizeof(*d->gm), d->gflag);
		size_t slot = (size_t)(h & (GMEMO_LEN - 1));

		h |= 1;
		if (d->gmemo[slot] == h) {
			d->gmn = 0;
			return;
		}
		d->gmemo[slot] = h;
	}
	send_pairs(d);
	d->gmn = d->gsent = 0;
}

/* Take the next sorted key entry into its key group.  A group that grows
 * past GROUP_MAX members has its pairs sent as it goes, keeping only its
 * first and last members.  The group's flag is its first entry's: an
 * entry marked PAIR_SENT comes second, its pair with the first sent. */
static void on_entry(void *arg, const struct cd_kent *e)
{
	struct cd_dedup *d = arg;

	if (!d->ghave || e->key != d->gkey) {
		end_group(d);
		d->ghave = true;
		d->gkey = e->key;
		d->gflag = e->flag;
	}
	if (d->gmn == GROUP_MAX) {
		send_pairs(d);
		d->gm[1] = d->gm[d->gmn - 1];
		d->gmn = d->gsent = 2;
	}
	if (d->gmn == d->gmcap)
		d->gm = cd_xgrow(d->gm, &d->gmcap, d->gmn + 1,
				 sizeof(*d->gm));
	d->gm[d->gmn++] = e->idx;
	if (e->flag & PAIR_SENT)	/* the second member, from the table */
		d->gsent = d->gmn;
}

/* The block of record i. */
static uint32_t block_of(const struct cd_dedup *d, uint32_t i)
{
	size_t lo = 0, hi = d->nblk;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->bstart[mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

/* Take the next sorted candidate pair: unless it was seen just before or
 * is a pair of exact copies (joined already), send it to the block pair
 * sort. */
static void on_pair(void *arg, const struct cd_kent *e)
{
	struct cd_dedup *d = arg;
	uint32_t a = (uint32_t)(e->key >> 32), b = (uint32_t)e->key;

	if (d->ghave && e->key == d->gkey)
		return;
	d->ghave = true;
	d->gkey = e->key;
	if (d->dup[a] != d->dup[b] &&
	    cd_ksort_push(d->bs, (uint64_t)block_of(d, a) << 32 |
			  block_of(d, b), a, b) != 0)
		failed(d);
}

/* Read block k whole into the memory slot s. */
static void load_block(struct cd_dedup *d, int s, uint32_t k)
{
	struct block *m = &d->blk[s];
	uint64_t len;

	if (m->first == d->bstart[k] && m->end > m->first)
		return;
	/* what the scratches hold may point into the old bytes */
	d->sc[0].other_idx = d->sc[1].other_idx = CD_DEDUP_NONE;
	m->first = d->bstart[k];
	m->end = d->bstart[k + 1];
	m->off = d->off[m->first];
	len = d->off[m->end] - m->off;
	if (len > m->cap || !m->p) {
		/* The old bytes are not wanted: no realloc copying them. */
		free(m->p);
		m->cap = len ? len : 1;
		m->p = cd_xmalloc(m->cap);
	}
	if (cd_tmpf_pread(d->fd, m->p, len, m->off) != 0) {
		m->first = m->end = 0;
		failed(d);
	}
}

/* Take the next distinct pair, in order of its blocks, into the batch;
 * both blocks are read into memory (the batch compared first) once their
 * pair has had BLOCK_PAIRS pairs. */
static void on_block_pair(void *arg, const struct cd_kent *e)
{
	struct cd_dedup *d = arg;

	if (d->err)
		return;
	if (d->bpairs == 0 || e->key != d->bkey) {
		d->bkey = e->key;
		d->bpairs = 0;
	}
	if (++d->bpairs == BLOCK_PAIRS) {
		flush_batch(d);
		load_block(d, 0, (uint32_t)(e->key >> 32));
		if ((uint32_t)e->key != (uint32_t)(e->key >> 32))
			load_block(d, 1, (uint32_t)e->key);
	}
	d->ba[d->nbatch] = e->idx;
	d->bb[d->nbatch] = e->flag;
	if (++d->nbatch == BATCH)
		flush_batch(d);
}

/* Get ready to take sorted keys: the pair sorts and the group memo.
 * Returns 0, or -1 (d->err set). */
static int pairs_init(struct cd_dedup *d)
{
	if (d->ps || d->err)
		return d->err ? -1 : 0;
	d->ps = cd_ksort_new_bucketed(d->o.tmpdir, PAIRS_LEN,
				      (uint64_t)d->n << 32, false);
	if (!d->ps || make_bs(d) != 0 || cd_tmpw_flush(&d->sigw) != 0) {
		failed(d);
		return -1;
	}
	d->gmemo = cd_xcalloc(GMEMO_LEN, sizeof(*d->gmemo));
	return 0;
}

/* Sort the candidate pairs of the sorted keys into d->bs, distinct. */
static void find_pairs(struct cd_dedup *d)
{
	if (pairs_init(d) != 0)
		return;
	if (d->ks && cd_ksort_each(d->ks, on_entry, d) != 0)
		failed(d);
	end_group(d);
	cd_ksort_free(d->ks);
	d->ks = NULL;
	free(d->gmemo);
	free(d->gm);
	d->gmemo = NULL;
	d->gm = NULL;
	d->gmcap = 0;
	d->ghave = false;
	if (!d->err && cd_ksort_each(d->ps, on_pair, d) != 0)
		failed(d);
	cd_ksort_free(d->ps);
	d->ps = NULL;
}

int cd_dedup_put(struct cd_dedup *d, uint32_t idx, const struct cd_fp *fp)
{
	if (idx < d->n || d->ps) {
		errno = EINVAL;
		return -1;
	}
	for (d->cur = (uint32_t)d->n, cd_dedup_reserve(d, idx + 1);
	     d->cur < idx; d->cur++) {
		d->off[d->cur + 1] = d->off[d->cur] = cd_tmpw_tell(&d->sigw);
		block_add(d, d->cur);
	}
	put_sig(d, fp);
	errno = d->err;
	return d->err ? -1 : 0;
}

int cd_dedup_key(struct cd_dedup *d, uint64_t key, uint32_t idx, bool exact)
{
	struct cd_kent e = { key, idx, exact };

	if (pairs_init(d) != 0)
		return -1;
	if (idx >= d->n || d->off[idx] == d->off[idx + 1] ||
	    (d->ghave && (key < d->gkey ||
			  (key == d->gkey && idx <= d->gm[d->gmn - 1])))) {
		errno = EINVAL;
		return -1;
	}
	on_entry(d, &e);
	errno = d->err;
	return d->err ? -1 : 0;
}

size_t cd_dedup_keys_held(const struct cd_dedup *d)
{
	return d->t.e ? d->t.cap : d->ks ? cd_ksort_cap(d->ks) : 0;
}

bool cd_dedup_table_lasts(const struct cd_dedup *d)
{
	return d->o.deferred && d->o.table && !d->ks && !d->ps;
}

int cd_dedup_resolve(struct cd_dedup *d)
{
	/* The last record's keys; then, deferred, the table's candidates are
	 * all found: its memory goes before blocks of signatures are read. */
	take_keys(d, d->pend, NULL);
	d->pend = NULL;
	if (d->o.deferred)
		table_free(&d->t);
	/* The signatures are all in the file from here on (pairs_init
	 * writes them out too): their buffer goes, not held beside the
	 * pairs' sorts and the stories.  With no keys nor pairs left to
	 * sort (a key table that held them all, every candidate compared
	 * as its record came), no signature is read again: the buffer goes
	 * unwritten, sparing the write of megabytes to the file and
	 * dropping them from the page cache at its close. */
	if (!d->ks && !d->ps && !d->bs)
		cd_tmpw_release(&d->sigw);
	else if (cd_tmpw_recap(&d->sigw, WBUF_LEN) != 0)
		failed(d);
	if ((d->ks || d->ps) && !d->err)
		find_pairs(d);
	if (d->bs && !d->err) {
		d->ba = cd_xmalloc(BATCH * sizeof(*d->ba));
		d->bb = cd_xmalloc(BATCH * sizeof(*d->bb));
		d->bres = cd_xmalloc(BATCH * sizeof(*d->bres));
		d->worker = cd_worker_new();
		if (cd_ksort_each(d->bs, on_block_pair, d) != 0)
			failed(d);
		if (!d->err)
			flush_batch(d);
		cd_worker_free(d->worker);
		d->worker = NULL;
	}
	cd_ksort_free(d->bs);
	d->bs = NULL;
	errno = d->err;
	return d->err ? -1 : 0;
}
