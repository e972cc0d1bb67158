/*
 * story.c - story grouping (see story.h).
 *
 * cd_story_add() tokenises a record (letters and digits of any script,
 * lower-cased with utf8proc), drops the stop words, and counts
 * three kinds of terms: words (capitalised names and numbers weighted up),
 * pairs of adjacent capitalised words ("Tara Reid"), and three-word
 * shingles inside quotation marks, which two independent articles share
 * only when they quote the same words.  It keeps the record's max_terms
 * heaviest terms as (hash, weight) pairs and its date as a day number.
 *
 * Before that, it samples the record's long lines: when most of them were
 * first seen in one earlier record of about the same length, the record
 * is a copy of it (a reprint in another wrapper), joins its story and is
 * not tokenised at all.
 *
 * cd_story_solve() computes document frequencies over the kept terms,
 * weights each term by tf-idf (with a pseudo-count of background documents
 * so a small input of one story still scores its shared names high), and
 * finds similar pairs through an inverted index whose long postings lists
 * (common terms, low weight) are skipped.  Pairs whose salient terms
 * (names, pairs of names, numbers kept by other records too) differ, and
 * pairs whose known dates lie far apart, are scored down.  Records are
 * then clustered by average linkage: two clusters merge only while the
 * mean similarity over all their cross pairs stays above the threshold,
 * so one strong pair between two similar events (two earthquakes) cannot
 * chain them together, as single linkage would.
 *
 * This file keeps the records, their copies and dates; the terms of one
 * record are counted in storyterm.c, the solving is cluster.c's, and the
 * three share story_int.h.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "buf.h"
#include "date.h"
#include "story_int.h"
#include "worker.h"

void cd_story_opts_init(struct cd_story_opts *o)
{
	o->threshold = 0.06;
	o->window_days = 30;
	o->max_terms = 100;
	o->links = true;
}

struct cd_story *cd_story_new(const struct cd_story_opts *o)
{
	struct cd_story *s = cd_xcalloc(1, sizeof *s);

	if (o)
		s->o = *o;
	else
		cd_story_opts_init(&s->o);
	if (s->o.max_terms < 1)
		s->o.max_terms = 1;
	cd_stop_init(&s->stop);
	cd_tally_init(&s->tally[0]);
	cd_tally_init(&s->tally[1]);
	s->jk = s->jc = -1;
	cd_hmap_init(&s->vocab);
	cd_hmap_init(&s->lines);
	cd_story_weight_init(s);
	s->worker = cd_worker_new();
	return s;
}

void cd_story_free(struct cd_story *s)
{
	if (!s)
		return;
	cd_worker_free(s->worker);
	for (int b = 0; b < NBATCH; b++) {
		cd_buf_release(&s->batch[b].bytes);
		free(s->batch[b].v);
		free(s->batch[b].kept[0].v);
		free(s->batch[b].kept[1].v);
	}
	cd_tally_release(&s->tally[0]);
	cd_tally_release(&s->tally[1]);
	free(s->docs);
	free(s->cp);
	free(s->tid);
	free(s->lw);
	cd_hmap_free(&s->vocab);
	free(s->df);
	cd_hmap_free(&s->lines);
	cd_stop_release(&s->stop);
	free(s->linkto);
	free(s->linkscore);
	free(s);
}

/* ---- copies ---- */

/* The sampled lines of a record: the hashes of its longest long lines
 * (the paragraphs, which two pages of one site do not share as they
 * share their menus), and the bytes in all its long lines. */
struct lines {
	uint64_t h[LINE_SAMPLE];
	size_t hlen[LINE_SAMPLE];
	size_t n;
	size_t len;
};

/* Whether a line of hash h and length len is sampled before line k. */
static bool line_before(const struct lines *l, uint64_t h, size_t len,
			size_t k)
{
	if (len != l->hlen[k])
		return len > l->hlen[k];
	return h < l->h[k];
}

/* Keep the line of hash h and length len if it is among the longest. */
static void lines_offer(struct lines *l, uint64_t h, size_t len)
{
	size_t i = l->n;

	if (i == LINE_SAMPLE && !line_before(l, h, len, i - 1))
		return;
	while (i > 0 && line_before(l, h, len, i - 1))
		i--;
	if (i > 0 && l->h[i - 1] == h)
		return;
	if (l->n < LINE_SAMPLE)
		l->n++;
	memmove(l->h + i + 1, l->h + i, (l->n - 1 - i) * sizeof *l->h);
	memmove(l->hlen + i + 1, l->hlen + i, (l->n - 1 - i) * sizeof *l->hlen);
	l->h[i] = h;
	l->hlen[i] = len;
}

/* Sample the long lines of p[0..len) into l. */
static void lines_sample(const char *p, size_t len, struct lines *l)
{
	const char *end = p + len;

	l->n = 0;
	l->len = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *b = p;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t' ||
				 e[-1] == '\r'))
			e--;
		if (e - b >= LINE_MIN) {
			l->len += (size_t)(e - b);
			lines_offer(l, XXH3_64bits(b, (size_t)(e - b)) | 1,
				    (size_t)(e - b));
		}
		p = nl ? nl + 1 : end;
	}
}

/* Index the sampled lines of record idx not seen before. */
static void lines_put(struct cd_story *s, const struct lines *l, size_t idx)
{
	for (size_t k = 0; k < l->n; k++) {
		size_t j = cd_hmap_slot(&s->lines, l->h[k]);

		if (!s->lines.keys[j])
			cd_hmap_set(&s->lines, j, l->h[k], (uint32_t)idx);
	}
}

/* The record that first had at least COPY_SHARE of the sampled bytes of
 * l (rec[k] first had line k), or NO_COPY; *share gets its share. */
static uint32_t copy_vote(const struct lines *l, const uint32_t *rec,
			  double *share)
{
	size_t all = 0;

	for (size_t k = 0; k < l->n; k++)
		all += l->hlen[k];
	for (size_t k = 0; k < l->n; k++) {
		size_t v = 0;
		for (size_t q = k; q < l->n; q++)
			v += rec[q] == rec[k] ? l->hlen[q] : 0;
		if (rec[k] != NO_COPY && v >= COPY_SHARE * (double)all) {
			*share = (double)v / (double)all;
			return rec[k];
		}
	}
	return NO_COPY;
}

/* The earlier record that the record sampled in l, of day day, copies, or
 * NO_COPY: the one that first had most of its sampled lines (by bytes),
 * with long lines of about the same total length, and a date within the
 * window when both are known.  *share gets the share found there. */
static uint32_t copy_find(const struct cd_story *s, const struct lines *l,
			  int32_t day, double *share)
{
	uint32_t rec[LINE_SAMPLE], best;
	double a = (double)l->len, b;

	if (l->n < COPY_MIN_LINES)
		return NO_COPY;
	for (size_t k = 0; k < l->n; k++)
		cd_hmap_prefetch(&s->lines, l->h[k]);
	for (size_t k = 0; k < l->n; k++) {
		size_t j = cd_hmap_find(&s->lines, l->h[k]);
		rec[k] = s->lines.keys[j] ? s->lines.vals[j] : NO_COPY;
	}
	best = copy_vote(l, rec, share);
	if (best == NO_COPY)
		return NO_COPY;
	b = s->docs[best].linelen;
	if (a < b * COPY_LEN_RATIO || b < a * COPY_LEN_RATIO ||
	    cd_story_date_factor(s, s->docs[best].day, day) < 1.0)
		return NO_COPY;
	return best;
}

/* Make room for records up to idx; a gap is filled with empty ones. */
static void docs_reach(struct cd_story *s, size_t idx)
{
	while (s->ndocs <= idx) {
		s->docs = cd_xgrow(s->docs, &s->docscap, s->ndocs + 1,
				   sizeof *s->docs);
		s->docs[s->ndocs++] = (struct doc){ 0, 0, INT_MIN, NO_COPY,
						    0 };
	}
}

/* ---- counting beside the caller ---- */

/* Records are counted in batches of about this many bytes of text. */
#define BATCH_BYTES (128 * 1024)
/* A thread's kept terms (16 bytes each) past which a batch gives them
 * back: a huge record grows them to its distinct words, a batch of
 * ordinary records keeps some 100 a record, so 1 MiB. */
#define OUT_SHRINK ((size_t)4 * TAB_SHRINK)

/* Start loading the vocabulary slots of the kept terms of record e of
 * batch b. */
static inline __attribute__((always_inline)) void
keep_prefetch(const struct cd_story *s, const struct pending *b,
	      const struct pend *e)
{
	const struct term *v = b->kept[e->by].v + e->at;

	for (size_t k = 0; k < e->nt; k++)
		cd_hmap_prefetch(&s->vocab, v[k].h);
}

/* Give the terms counted in record i of batch b their ids (the records
 * in order). */
static void keep_one(struct cd_story *s, struct pending *b, size_t i)
{
	struct pend *e = &b->v[i];

	e->off = cd_story_keep(s, b->kept[e->by].v + e->at, e->nt);
}

/* Count the records of batch b not claimed yet, one at a time, in
 * tally k of s into the batch's kept terms k (0: the caller's, 1: the
 * worker's).  The worker gives batch kb (or none) its ids meanwhile,
 * after each record it counts as many of kb's records as keep pace with
 * the records of b claimed (by both threads): the lookups of their
 * terms in the vocabulary, prefetched before the counting, then find
 * them loaded, where one record after another would wait on memory.
 * Returns the records of kb given ids. */
static size_t count_share(struct cd_story *s, struct pending *b, int k,
			  struct pending *kb)
{
	struct kept *out = &b->kept[k];
	size_t i, ki = 0;

	while ((i = atomic_fetch_add(&b->next, 1)) < b->n) {
		struct pend *e = &b->v[i];
		/* as far into kb as b is claimed, the caller's claims too */
		size_t kn = kb ? (kb->n * (i + 1) + b->n - 1) / b->n : 0;

		for (size_t q = ki; q < kn; q++)
			keep_prefetch(s, kb, &kb->v[q]);
		e->by = (unsigned char)k;
		e->at = out->n;
		e->nt = (uint32_t)cd_story_terms(s, &s->tally[k], out,
						 b->bytes.p ?
						 b->bytes.p + e->pos : "",
						 e->len);
		for (; ki < kn; ki++)
			keep_one(s, kb, ki);
	}
	return ki;
}

/* Give the terms counted in batch b their ids, in its order, from
 * record i on. */
static void keep_batch(struct cd_story *s, struct pending *b, size_t i)
{
	if (i < b->n)
		keep_prefetch(s, b, &b->v[i]);
	for (; i < b->n; i++) {
		if (i + 1 < b->n)
			keep_prefetch(s, b, &b->v[i + 1]);
		keep_one(s, b, i);
	}
}

/* The job of the worker: count its share of the batch handed, giving
 * the batch counted before its ids meanwhile, and the rest of them
 * after, with the help of the caller when it has filled the next. */
static void count_job(void *arg)
{
	struct cd_story *s = arg;
	struct pending *kb = s->jk >= 0 ? &s->batch[s->jk] : NULL;
	size_t ki = count_share(s, &s->batch[s->jc], 1, kb);

	if (kb)
		keep_batch(s, kb, ki);
}

/* Put the summaries of batch b, its ids given, in place, and empty it. */
static void take_batch(struct cd_story *s, struct pending *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct pend *e = &b->v[i];
		struct doc *d = &s->docs[e->idx];

		d->off = e->off;
		d->n = e->nt;
	}
	b->n = 0;
	atomic_store(&b->next, 0);
	/* what one huge record grew is given back, not held three times
	 * over until the end */
	if (b->bytes.cap > 2 * BATCH_BYTES)
		cd_buf_release(&b->bytes);
	cd_buf_reset(&b->bytes);
	for (int k = 0; k < 2; k++) {
		struct kept *t = &b->kept[k];

		t->n = 0;
		if (t->cap > OUT_SHRINK) {
			free(t->v);
			t->v = NULL;
			t->cap = 0;
		}
	}
}

/* Count what is left of the worker's batch beside it, wait for the
 * job, and take the batch it gave ids. */
static void story_wait(struct cd_story *s)
{
	if (!s->busy)
		return;
	count_share(s, &s->batch[s->jc], 0, NULL);
	cd_worker_wait(s->worker);
	s->busy = false;
	if (s->jk >= 0)
		take_batch(s, &s->batch[s->jk]);
	s->jk = -1;
}

/* Drop from batch b, not counted yet, the records that the caller
 * knows now to be copies (cd_story_known): their terms would be dropped
 * by cd_story_copy. */
static void drop_known(struct cd_story *s, struct pending *b)
{
	size_t m = 0;

	if (!s->known)
		return;
	for (size_t i = 0; i < b->n; i++)
		if (!s->known(s->known_arg, b->v[i].idx))
			b->v[m++] = b->v[i];
	b->n = m;
}

/* Hand the filling batch to the worker, with the one it counted last to
 * give ids, and fill the next (the one taken, or one never used). */
static void story_hand(struct cd_story *s)
{
	drop_known(s, &s->batch[s->fill]);
	story_wait(s);
	s->jk = s->jc;
	s->jc = s->fill;
	s->fill = (s->fill + 1) % NBATCH;
	s->busy = true;
	cd_worker_run(s->worker, count_job, s);
}

void cd_story_end(struct cd_story *s)
{
	if (s->ended)
		return;
	story_wait(s);
	/* The last batch counted, then the filling one. */
	if (s->jc >= 0) {
		keep_batch(s, &s->batch[s->jc], 0);
		take_batch(s, &s->batch[s->jc]);
		s->jc = -1;
	}
	drop_known(s, &s->batch[s->fill]);
	count_share(s, &s->batch[s->fill], 0, NULL);
	keep_batch(s, &s->batch[s->fill], 0);
	take_batch(s, &s->batch[s->fill]);
	s->ended = true;
	for (int b = 0; b < NBATCH; b++) {
		cd_buf_release(&s->batch[b].bytes);
		free(s->batch[b].v);
		s->batch[b].v = NULL;
		s->batch[b].cap = 0;
		for (int k = 0; k < 2; k++) {
			free(s->batch[b].kept[k].v);
			s->batch[b].kept[k] = (struct kept){ NULL, 0, 0 };
		}
	}
	cd_tally_release(&s->tally[0]);
	cd_tally_release(&s->tally[1]);
	cd_hmap_free(&s->vocab);
	cd_hmap_free(&s->lines);
	cd_stop_release(&s->stop);
}

void cd_story_known(struct cd_story *s, bool (*known)(void *arg, size_t i),
		    void *arg)
{
	s->known = known;
	s->known_arg = arg;
}

/* Record idx is checked for a copy here, in order, as it comes; its
 * terms are counted in a batch (count_job).  A full batch is handed only
 * when the next record comes, so that the caller has had the time to
 * learn which of its records are copies (cd_story_known). */
void cd_story_add(struct cd_story *s, size_t idx, const char *text,
		  size_t len, const char *date, size_t datelen)
{
	struct pending *b;
	struct lines l;
	struct doc *d;
	double share = 0;

	if (s->ended)
		return;
	if (s->batch[s->fill].bytes.len >= BATCH_BYTES)
		story_hand(s);
	b = &s->batch[s->fill];
	docs_reach(s, idx);
	d = &s->docs[idx];
	if (d->n || d->copy != NO_COPY || !text)
		return;
	d->day = date ? cd_date_field_day(date, datelen) : INT_MIN;
	lines_sample(text, len, &l);
	d->copy = copy_find(s, &l, d->day, &share);
	if (d->copy != NO_COPY) {
		d->linelen = (uint32_t)(share * 65536.0);
		s->ncopies++;
		return;
	}
	d->linelen = l.len > UINT32_MAX ? UINT32_MAX : (uint32_t)l.len;
	lines_put(s, &l, idx);
	b->v = cd_xgrow(b->v, &b->cap, b->n + 1, sizeof *b->v);
	b->v[b->n++] = (struct pend){ idx, b->bytes.len, len, 0, 0, 0, 0 };
	cd_buf_add(&b->bytes, text, len);
}

void cd_story_copy(struct cd_story *s, size_t i, size_t r, double sim)
{
	struct doc *d;

	cd_story_end(s);
	if (s->solved || i >= s->ndocs || r >= i)
		return;
	d = &s->docs[i];
	if (d->copy != NO_COPY)
		return;
	d->n = 0;
	d->copy = (uint32_t)r;
	sim = sim < 0 ? 0 : sim > 1 ? 1 : sim;
	d->linelen = (uint32_t)(sim * 65536.0);
	s->ncopies++;
}
