/*
 * cluster.c - solving the story grouping (see story.h and story_int.h):
 * document frequencies and tf-idf weights over the kept terms, similar
 * pairs found through an inverted index, and average-linkage clustering.
 */
#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "story_int.h"
#include "worker.h"

/* ---- solving ---- */

/* The collection as weighted vectors, and its inverted index. */
struct space {
	float *w;		/* tf-idf weight of each kept term, norm 1;
				 * negative for a salient term kept by
				 * another record too (see CONFLICT) */
	float *sal;		/* each record's norm of those terms */
	uint32_t maxpost;	/* longest postings list indexed */
	/* The common terms (too common to be indexed) are ids 1 .. ncommon
	 * (see renumber); ncom[d] of them open record d's terms (see
	 * space_common). */
	uint32_t ncommon;
	uint32_t *ncom;
	/* Postings of term t: pdoc[start[t] .. start[t + 1]), the records
	 * holding it, and pw[], its weight in each. */
	size_t *start;
	uint32_t *pdoc;
	float *pw;		/* as w: negative where salient */
};

/* The idf of every term id. */
static double *space_idf(const struct cd_story *s)
{
	double n = (double)(s->ndocs - s->ncopies) + BACKGROUND_DOCS;
	double *idf = cd_xmalloc((s->nvocab + 1) * sizeof *idf);

	for (size_t t = 0; t < s->nvocab; t++)
		idf[t] = log(1.0 + n / s->df[t]);
	return idf;
}

/* Weight every kept term of records lo .. hi by tf-idf and normalise
 * each record, a salient term of a record's own (id 0, see renumber)
 * made a plain one; and the records' salient norms. */
static void space_weigh(const struct cd_story *s, struct space *sp,
			const double *idf, size_t lo, size_t hi)
{
	for (size_t d = lo; d < hi; d++) {
		const struct doc *dc = &s->docs[d];
		double norm = 0, sal = 0;
		for (size_t k = dc->off; k < dc->off + dc->n; k++) {
			double w = fabs(s->lw[k]) * idf[s->tid[k]];
			norm += w * w;
			if (s->lw[k] < 0 && s->tid[k]) {
				sal += w * w;
				w = -w;
			}
			sp->w[k] = (float)w;
		}
		norm = norm > 0 ? 1.0 / sqrt(norm) : 0;
		for (size_t k = dc->off; k < dc->off + dc->n; k++)
			sp->w[k] = (float)(sp->w[k] * norm);
		sp->sal[d] = (float)(sqrt(sal) * norm);
	}
}

/* The longest postings list indexed in a collection of n records. */
static uint32_t postings_cap(size_t n)
{
	double cap = (double)n * POSTINGS_SHARE;

	return cap > MIN_POSTINGS ? (uint32_t)cap : MIN_POSTINGS;
}

/* Whether term id t is indexed: shared, and not too common.  The ids
 * go by df, most common first (see renumber): those after the common
 * ones (sp->ncommon, set first) are the indexed ones, told without
 * reading their df. */
static bool space_indexed(const struct space *sp, uint32_t t)
{
	return t > sp->ncommon;
}

/* Count into fill[t] the postings of each term id t in records lo ..
 * hi.  Over the records' terms, as they are filled in: the terms of a
 * record found a copy after its terms were kept (by the copy index,
 * cd_story_copy) still lie in tid, outside every record. */
static void space_count(const struct cd_story *s, const struct space *sp,
			size_t *fill, size_t lo, size_t hi)
{
	for (size_t d = lo; d < hi; d++) {
		const struct doc *dc = &s->docs[d];
		for (size_t k = dc->off; k < dc->off + dc->n; k++)
			if (space_indexed(sp, s->tid[k]))
				fill[s->tid[k]]++;
	}
}

/* Put the postings of records lo .. hi in the index, those of term id t
 * from fill[t] on. */
static void space_fill(const struct cd_story *s, struct space *sp,
		       size_t *fill, size_t lo, size_t hi)
{
	for (size_t d = lo; d < hi; d++) {
		const struct doc *dc = &s->docs[d];
		for (size_t k = dc->off; k < dc->off + dc->n; k++) {
			uint32_t t = s->tid[k];
			if (space_indexed(sp, t)) {
				sp->pdoc[fill[t]] = (uint32_t)d;
				sp->pw[fill[t]++] = sp->w[k];
			}
		}
	}
}

/*
 * Put the common terms of records lo .. hi first, the others after them in
 * their order, and count them in sp->ncom: the cosine of two records is
 * then what the indexed terms they share make, which the candidate search
 * sums, plus what their common terms make, read from those first terms
 * alone (a term of a single record, id 0, makes nothing).
 */
static void space_common(const struct cd_story *s, struct space *sp,
			 size_t lo, size_t hi)
{
	uint32_t *tid = cd_xmalloc(((size_t)s->o.max_terms + 1) * sizeof *tid);
	float *w = cd_xmalloc(((size_t)s->o.max_terms + 1) * sizeof *w);

	for (size_t d = lo; d < hi; d++) {
		const struct doc *dc = &s->docs[d];
		uint32_t *dt = s->tid + dc->off;
		float *dw = sp->w + dc->off;
		size_t c = 0, r = 0;

		for (size_t k = 0; k < dc->n; k++)
			c += dt[k] - 1 < sp->ncommon;
		if (c == 0 || c == dc->n) {
			sp->ncom[d] = (uint32_t)c;
			continue;
		}
		for (size_t k = 0; k < dc->n; k++) {
			size_t at = dt[k] - 1 < sp->ncommon ? r++ : c + (k - r);
			tid[at] = dt[k];
			w[at] = dw[k];
		}
		memcpy(dt, tid, dc->n * sizeof *dt);
		memcpy(dw, w, dc->n * sizeof *dw);
		sp->ncom[d] = (uint32_t)c;
	}
	free(tid);
	free(w);
}

/* Free the summaries' local weights, read for the last time by
 * space_weigh. */
static void drop_weights(struct cd_story *s)
{
	free(s->lw);
	s->lw = NULL;
	s->lwcap = 0;
}

/* Count into df[t] the records lo .. hi that keep term t. */
static void count_df(const struct cd_story *s, uint32_t *df, size_t lo,
		     size_t hi)
{
	for (size_t d = lo; d < hi; d++) {
		const struct doc *dc = &s->docs[d];
		for (size_t k = dc->off; k < dc->off + dc->n; k++)
			df[s->tid[k]]++;
	}
}

/* Give the terms tid[lo .. hi) their new ids, map[old id]. */
static void map_terms(struct cd_story *s, const uint32_t *map, size_t lo,
		      size_t hi)
{
	for (size_t k = lo; k < hi; k++)
		s->tid[k] = map[s->tid[k]];
}

/* A half of the records for renumber and space_build: records lo ..
 * hi, and the postings of each term id t in them, then where they go, in
 * fill[t]; and a half of all the terms kept, tid[klo .. khi) (those of
 * copies too), for renumber's new ids. */
struct half {
	struct cd_story *s;
	struct space *sp;
	const double *idf;
	size_t lo, hi, klo, khi;
	uint32_t *df;		/* STEP_DF counts into it */
	const uint32_t *map;	/* STEP_MAP's new term ids */
	size_t *fill;
	int step;
};

/* The steps of a half, in their order. */
enum { STEP_DF, STEP_MAP, STEP_WEIGH, STEP_COUNT, STEP_FILL };

/* The step of half arg (a job): count its terms' document frequencies;
 * give them new ids; weigh them; order them and count their postings;
 * or fill them in. */
static void half_job(void *arg)
{
	struct half *h = arg;

	switch (h->step) {
	case STEP_DF:
		count_df(h->s, h->df, h->lo, h->hi);
		break;
	case STEP_MAP:
		map_terms(h->s, h->map, h->klo, h->khi);
		break;
	case STEP_WEIGH:
		space_weigh(h->s, h->sp, h->idf, h->lo, h->hi);
		break;
	case STEP_COUNT:
		space_common(h->s, h->sp, h->lo, h->hi);
		space_count(h->s, h->sp, h->fill, h->lo, h->hi);
		break;
	default:
		space_fill(h->s, h->sp, h->fill, h->lo, h->hi);
	}
}

/* Run each half's step, the second in the worker. */
static void halves_run(const struct cd_story *s, struct half *h, int step)
{
	h[0].step = h[1].step = step;
	cd_worker_run(s->worker, half_job, &h[1]);
	half_job(&h[0]);
	cd_worker_wait(s->worker);
}

/* Split the records in two halves of about as many terms, for sp. */
static void halves_split(struct cd_story *s, struct space *sp, struct half *h)
{
	size_t mid = 0, sum = 0;

	while (mid < s->ndocs && 2 * sum < s->nterms)
		sum += s->docs[mid++].n;
	for (int k = 0; k < 2; k++)
		h[k] = (struct half){ s, sp, NULL, k ? mid : 0,
				      k ? s->ndocs : mid,
				      k ? s->nterms / 2 : 0,
				      k ? s->nterms : s->nterms / 2,
				      NULL, NULL, NULL, 0 };
}

/* Renumber the term ids for the pair finder, which looks each term of a
 * candidate up in the scattered vector of the record at hand: the terms
 * of a single record (df 1; no record keeps a term twice) all become id
 * 0, whose weight there stays 0, and the others follow by document
 * frequency, most common first, so that the lookups hit the cache.
 * Only ids change, never the order of a record's terms or any df.  The
 * counting and the renaming go in halves, one in the worker (h). */
static void renumber(struct cd_story *s, struct half *h)
{
	uint32_t maxdf = 1, *map, *df;
	size_t *at, nv = 1;

	/* Counted only now, in one pass over the records that keep terms
	 * (a copy's terms are dropped): the second half into df of its
	 * own, added after. */
	h[0].df = s->df;
	h[1].df = cd_xcalloc(s->nvocab + 1, sizeof *h[1].df);
	halves_run(s, h, STEP_DF);
	for (size_t t = 0; t < s->nvocab; t++)
		s->df[t] += h[1].df[t];
	free(h[1].df);
	for (size_t t = 0; t < s->nvocab; t++)
		if (s->df[t] > maxdf)
			maxdf = s->df[t];
	/* Counting sort by df, descending, stable by old id. */
	at = cd_xcalloc((size_t)maxdf + 2, sizeof *at);
	for (size_t t = 0; t < s->nvocab; t++)
		if (s->df[t] >= 2)
			at[maxdf - s->df[t] + 1]++;
	at[0] = 1;
	for (size_t d = 1; d <= maxdf; d++)
		at[d] += at[d - 1];
	map = cd_xmalloc((s->nvocab + 1) * sizeof *map);
	df = cd_xmalloc((s->nvocab + 1) * sizeof *df);
	df[0] = 1;
	for (size_t t = 0; t < s->nvocab; t++) {
		if (s->df[t] < 2) {
			map[t] = 0;
			continue;
		}
		map[t] = (uint32_t)at[maxdf - s->df[t]]++;
		df[map[t]] = s->df[t];
		nv++;
	}
	h[0].map = h[1].map = map;
	halves_run(s, h, STEP_MAP);
	free(map);
	free(at);
	free(s->df);
	s->df = df;
	s->dfcap = s->nvocab + 1;
	s->nvocab = nv;
}

/* The vectors (space_weigh, space_common) and the inverted index of the
 * records, postings in record order: each half of the records (by their
 * terms) in a thread; nothing depends on the split.  The local weights
 * are freed once read. */
static void space_build(struct cd_story *s, struct space *sp,
			struct half *h)
{
	h[0].idf = h[1].idf = space_idf(s);
	sp->w = cd_xmalloc((s->nterms + 1) * sizeof *sp->w);
	sp->sal = cd_xmalloc((s->ndocs + 1) * sizeof *sp->sal);
	halves_run(s, h, STEP_WEIGH);
	free((double *)h[0].idf);
	drop_weights(s);
	sp->ncommon = 0;
	while (sp->ncommon + 1 < s->nvocab &&
	       s->df[sp->ncommon + 1] > sp->maxpost)
		sp->ncommon++;
	sp->ncom = cd_xcalloc(s->ndocs + 1, sizeof *sp->ncom);
	h[0].fill = cd_xcalloc(s->nvocab + 1, sizeof *h[0].fill);
	h[1].fill = cd_xcalloc(s->nvocab + 1, sizeof *h[1].fill);
	halves_run(s, h, STEP_COUNT);
	/* The first half's postings of a term go first, the second's
	 * after them. */
	sp->start = cd_xmalloc((s->nvocab + 1) * sizeof *sp->start);
	sp->start[0] = 0;
	for (size_t t = 0; t < s->nvocab; t++) {
		size_t a = h[0].fill[t], b = h[1].fill[t];

		h[0].fill[t] = sp->start[t];
		h[1].fill[t] = sp->start[t] + a;
		sp->start[t + 1] = sp->start[t] + a + b;
	}
	sp->pdoc = cd_xmalloc((sp->start[s->nvocab] + 1) * sizeof *sp->pdoc);
	sp->pw = cd_xmalloc((sp->start[s->nvocab] + 1) * sizeof *sp->pw);
	halves_run(s, h, STEP_FILL);
	free(h[0].fill);
	free(h[1].fill);
}

/* Release the vectors and the index. */
static void space_release(struct space *sp)
{
	free(sp->ncom);
	free(sp->w);
	free(sp->sal);
	free(sp->start);
	free(sp->pdoc);
	free(sp->pw);
}

/* Growable edge list. */
struct edges {
	struct edge *v;
	size_t n, cap;
};

/* All the remembered pairs, 8 bytes each: those of record b with the
 * earlier records are v[at[b] .. at[b + 1]), each naming its earlier
 * record and their similarity, in the order pairs_of gave them. */
struct pairs {
	struct nb *v;
	size_t n, cap;
	size_t *at;		/* one more than the records */
};

#define KEY_BEFORE(x, y) ((x) < (y))
/* key_sort(v, n, k): distinct 64-bit keys, ascending (the selection
 * of the k smallest is cd_key_select, story_int.h). */
PARTIAL_SORT(key_sort, uint64_t, KEY_BEFORE, 1)


/* A part of a cosine, and twice the part of it that the terms plain in
 * both records make (a product x adds x + |x|: 2x, or 0 for a negative
 * one, without a branch); the rest, what the terms salient in either
 * record make, is the part that CONFLICT counts.  Side by side, one
 * load. */
struct part {
	float a, p;
};

/* Scratch of the pair finder: per record and per term id. */
struct finder {
	struct part *acc;	/* the part of the cosine with record i that
				 * the indexed terms make */
	uint32_t *touched;	/* records with acc != 0 */
	uint64_t *keys;		/* candidates as float_desc(acc) << 32 | j */
	struct part *cacc;	/* the candidates' acc, as touched holds them */
	bool cut;		/* the search stopped before the last term */
	struct part *vec;	/* record i's weights by term id, and those
				 * of its salient terms */
	uint64_t *rare;		/* record i's indexed terms: df << 32 | k */
};

/* Terms ahead whose postings the search starts loading, candidates
 * ahead whose terms the scoring starts loading. */
#define PREFETCH_TERMS 2
#define PREFETCH_DOCS 4

/* Collect into f->touched the earlier records sharing an indexed term
 * with record i, searching the rarest terms first for at most MAX_VISITS
 * postings, and keep the MAX_CANDIDATES whose cosine with i over those
 * terms is highest; returns their number. */
static size_t candidates(const struct cd_story *s, const struct space *sp,
			 size_t i, struct finder *f)
{
	const struct doc *dc = &s->docs[i];
	size_t nt = 0, nr = 0, visits = 0;

	for (size_t k = dc->off; k < dc->off + dc->n; k++)
		if (space_indexed(sp, s->tid[k])) {
			__builtin_prefetch(&sp->start[s->tid[k]]);
			f->rare[nr++] = (uint64_t)s->df[s->tid[k]] << 32 |
					(k - dc->off);
		}
	key_sort(f->rare, nr, nr);
	/* The arrays in locals: the stores to acc and touched would
	 * otherwise make the compiler reload every pointer each posting. */
	struct part *acc = f->acc;
	uint32_t *touched = f->touched;
	const uint32_t *pdoc = sp->pdoc;
	const float *pw = sp->pw;
	size_t r = 0;
	for (; r < nr && visits < MAX_VISITS; r++) {
		size_t k = dc->off + (uint32_t)f->rare[r];
		uint32_t t = s->tid[k];
		/* The postings lie anywhere: start loading a later term's. */
		if (r + PREFETCH_TERMS < nr) {
			size_t at = sp->start[s->tid[dc->off +
				(uint32_t)f->rare[r + PREFETCH_TERMS]]];
			__builtin_prefetch(pdoc + at);
			__builtin_prefetch(pw + at);
		}
		float wk = sp->w[k];
		size_t p = sp->start[t], end = sp->start[t + 1];
		/* Without a branch: j is kept when new (acc is never
		 * negative: "> 0" is one comparison where "== 0" takes a
		 * test for NaN too).  A term plain in i adds to the plain
		 * part where it is plain in j too (the product positive);
		 * one salient in i (negative) or in j is salient for the
		 * pair, whichever of the two comes first. */
		if (wk >= 0) {
			for (; p < end; p++) {
				uint32_t j = pdoc[p];
				float x = wk * pw[p], ax = fabsf(x);
				if (j >= i)
					break;
				touched[nt] = j;
				nt += !(acc[j].a > 0);
				acc[j].a += ax;
				acc[j].p += x + ax;
			}
		} else {
			for (wk = -wk; p < end; p++) {
				uint32_t j = pdoc[p];
				if (j >= i)
					break;
				touched[nt] = j;
				nt += !(acc[j].a > 0);
				acc[j].a += wk * fabsf(pw[p]);
			}
		}
		visits += p - sp->start[t];
	}
	f->cut = r < nr;
	/* The best: highest partial cosine, then the earlier record, as
	 * the smallest keys (their order does not matter: pairs_of sorts
	 * the pairs).  The keys gather in f->keys; when it is full, its
	 * MAX_CANDIDATES smallest stay, and the largest of them is the cut:
	 * a later record whose key is above it (whose partial cosine is
	 * below the cut's, first) is passed over.  A key is stored once
	 * and selected about once, where a heap took it down its levels.
	 * acc is cleared as it is read, but for the plain parts of the
	 * records kept, cleared when they are passed over or taken. */
	uint64_t *keys = f->keys, cut = UINT64_MAX;
	float cutacc = 0;	/* the cosine in cut: below it, out */
	size_t m = 0;
	for (size_t q = 0; q < nt; q++) {
		uint32_t j = touched[q];
		struct part aj = acc[j];
		acc[j] = (struct part){ 0, 0 };
		if (aj.a < cutacc)
			continue;
		uint64_t key = (uint64_t)float_desc(aj.a) << 32 | j;
		if (key > cut)
			continue;
		acc[j].p = aj.p;
		keys[m++] = key;
		if (m == 2 * MAX_CANDIDATES) {
			cd_key_select(keys, m, MAX_CANDIDATES);
			for (size_t y = MAX_CANDIDATES; y < m; y++)
				acc[(uint32_t)keys[y]].p = 0;
			m = MAX_CANDIDATES;
			cut = keys[m - 1];
			for (size_t x = 0; x < m - 1; x++)
				if (keys[x] > cut)
					cut = keys[x];
			cutacc = float_undesc((uint32_t)(cut >> 32));
		}
	}
	if (m > MAX_CANDIDATES) {
		cd_key_select(keys, m, MAX_CANDIDATES);
		for (size_t y = MAX_CANDIDATES; y < m; y++)
			acc[(uint32_t)keys[y]].p = 0;
		m = MAX_CANDIDATES;
	}
	for (size_t q = 0; q < m; q++) {
		uint32_t j = (uint32_t)keys[q];
		touched[q] = j;
		f->cacc[q].a = float_undesc((uint32_t)(keys[q] >> 32));
		f->cacc[q].p = acc[j].p;
		acc[j].p = 0;
	}
	return m;
}

/* Start loading the first n terms of record j, to be scored next: the
 * candidates lie anywhere in the collection.  Inlined always: GCC takes
 * a function doing nothing but prefetch for one without effects and
 * drops its calls. */
static inline __attribute__((always_inline)) void
prefetch_doc(const struct cd_story *s, const struct space *sp, size_t j,
	     size_t n)
{
	const struct doc *dc = &s->docs[j];
	const char *t = (const char *)(s->tid + dc->off);
	const char *w = (const char *)(sp->w + dc->off);
	size_t len = n * sizeof *s->tid;

	for (size_t b = 0; b < len; b += 64) {
		__builtin_prefetch(t + b);
		__builtin_prefetch(w + b);
	}
	if (len) {
		__builtin_prefetch(t + len - 1);
		__builtin_prefetch(w + len - 1);
	}
}

/* What the first n terms of record j make of its cosine with the record
 * scattered into vec, and twice its plain part: the terms plain in both
 * records (in j: weight positive; in the other: vec's p). */
static struct part dot(const struct cd_story *s, const struct space *sp,
		       size_t j, size_t n, const struct part *vec)
{
	const struct doc *dc = &s->docs[j];
	const float *w = sp->w + dc->off;
	const uint32_t *t = s->tid + dc->off;
	float sum[4] = { 0, 0, 0, 0 }, pl[4] = { 0, 0, 0, 0 };
	size_t k = 0;

	/* Four sums, so that the additions do not wait for each other;
	 * without a branch, which would keep them from being done side by
	 * side. */
	for (; k + 4 <= n; k += 4)
		for (size_t q = 0; q < 4; q++) {
			const struct part *v = &vec[t[k + q]];
			float x = w[k + q], ax = fabsf(x);
			sum[q] += ax * v->a;
			pl[q] += (x + ax) * v->p;
		}
	for (; k < n; k++) {
		const struct part *v = &vec[t[k]];
		float x = w[k], ax = fabsf(x);
		sum[0] += ax * v->a;
		pl[0] += (x + ax) * v->p;
	}
	return (struct part){ (sum[0] + sum[1]) + (sum[2] + sum[3]),
			      (pl[0] + pl[1]) + (pl[2] + pl[3]) };
}

/* The factor of a pair's cosine for its salient terms (see CONFLICT):
 * sal, the product of the two records' salient norms, and in, the part
 * of their cosine that those terms make. */
static double conflict_factor(double sal, double in)
{
	double apart = sal > in ? sal - in : 0, f;

	if (sal < SALIENT_FULL)
		apart += NO_SALIENT * (1 - sal / SALIENT_FULL);
	f = 1 - CONFLICT * apart;
	return f > 0 ? f : 0;
}

/* The number of terms of record j that scoring it reads: its common
 * ones, or all when the candidate search was cut short (f->cut). */
static size_t scored_terms(const struct space *sp, const struct finder *f,
			   const struct doc *dc, size_t j)
{
	return f->cut ? dc->n : sp->ncom[j];
}

/* Score record i in full against its candidates, appending its best
 * MAX_EDGES pairs above the floor to e. */
static void pairs_of(const struct cd_story *s, const struct space *sp,
		     size_t i, struct finder *f, struct edges *e)
{
	const struct doc *dc = &s->docs[i];
	size_t nt = candidates(s, sp, i, f), first = e->n;
	double floor = s->o.threshold * EDGE_FRACTION;

	size_t nv = scored_terms(sp, f, dc, i);

	/* The candidates lie anywhere: start loading where their terms
	 * are, read to load the terms (prefetch_doc) a few ahead. */
	for (size_t q = 0; q < nt; q++) {
		__builtin_prefetch(&s->docs[f->touched[q]]);
		__builtin_prefetch(&sp->ncom[f->touched[q]]);
		__builtin_prefetch(&sp->sal[f->touched[q]]);
	}
	/* The cosine is the candidate's acc plus what the common terms
	 * make (see space_common), or, when the search was cut short, all
	 * the terms.  Id 0 stands for every term of a single record (see
	 * renumber): its weight stays 0. */
	for (size_t k = dc->off; k < dc->off + nv; k++) {
		uint32_t t = s->tid[k];
		if (t) {
			float w = fabsf(sp->w[k]);
			f->vec[t] = (struct part){ w, sp->w[k] < 0 ? 0 : w };
		}
	}
	for (size_t q = 0; q < nt && q < PREFETCH_DOCS; q++)
		prefetch_doc(s, sp, f->touched[q],
			     scored_terms(sp, f, &s->docs[f->touched[q]],
					  f->touched[q]));
	for (size_t q = 0; q < nt; q++) {
		uint32_t j = f->touched[q];
		const struct doc *dj = &s->docs[j];
		if (q + PREFETCH_DOCS < nt) {
			uint32_t a = f->touched[q + PREFETCH_DOCS];
			prefetch_doc(s, sp, a,
				     scored_terms(sp, f, &s->docs[a], a));
		}
		struct part d = dot(s, sp, j, scored_terms(sp, f, dj, j), f->vec);
		double sim = d.a, plain = d.p;
		if (!f->cut) {
			sim += f->cacc[q].a;
			plain += f->cacc[q].p;
		}
		sim *= conflict_factor((double)sp->sal[i] * sp->sal[j],
				       sim - plain / 2);
		sim *= cd_story_date_factor(s, dj->day, dc->day);
		if (sim < floor)
			continue;
		f->keys[e->n - first] = (uint64_t)float_desc((float)sim) << 32 |
					j;
		if (e->n == e->cap)
			e->v = cd_xgrow(e->v, &e->cap, e->n + 1, sizeof *e->v);
		e->v[e->n++] = (struct edge){ j, (uint32_t)i, (float)sim };
	}
	for (size_t k = dc->off; k < dc->off + nv; k++) {
		f->vec[s->tid[k]] = (struct part){ 0, 0 };
	}
	/* Highest similarity first, then the earlier record: the keys hold
	 * both, and the edges are rebuilt from them. */
	if (e->n - first > 1) {
		size_t m = e->n - first;
		key_sort(f->keys, m, m < MAX_EDGES ? m : MAX_EDGES);
		for (size_t q = 0; q < m; q++) {
			e->v[first + q] = (struct edge){
				(uint32_t)f->keys[q], (uint32_t)i,
				float_undesc((uint32_t)(f->keys[q] >> 32)) };
		}
	}
	if (e->n - first > MAX_EDGES)
		e->n = first + MAX_EDGES;
}

/* Records a thread scores at a time, and blocks per round: the two
 * threads take the blocks of a round one at a time, each the next not
 * taken, so that neither waits for the other but at the end of a round;
 * the edges are joined block by block, in record order, during the next
 * round. */
#define PAIR_BLOCK 128
#define PAIR_ROUND 64

/* A round of find_pairs: its blocks, the next not taken and the edges
 * each block gave. */
struct round {
	const struct cd_story *s;
	const struct space *sp;
	size_t lo, hi;		/* its records */
	size_t nblocks;
	atomic_size_t next;
	struct edges blk[PAIR_ROUND];
};

/* One thread's share of find_pairs: its scratch and the round. */
struct pairer {
	struct finder f;
	struct round *r;
};

static void pairer_init(struct pairer *p, const struct cd_story *s)
{
	memset(p, 0, sizeof(*p));
	p->f.acc = cd_xcalloc(s->ndocs + 1, sizeof *p->f.acc);
	p->f.touched = cd_xmalloc((s->ndocs + 1) * sizeof *p->f.touched);
	p->f.keys = cd_xmalloc(2 * MAX_CANDIDATES * sizeof *p->f.keys);
	p->f.cacc = cd_xmalloc(MAX_CANDIDATES * sizeof *p->f.cacc);
	p->f.vec = cd_xcalloc(s->nvocab + 1, sizeof *p->f.vec);
	p->f.rare = cd_xmalloc(((size_t)s->o.max_terms + 1) *
			       sizeof *p->f.rare);
}

static void pairer_release(struct pairer *p)
{
	free(p->f.acc);
	free(p->f.touched);
	free(p->f.keys);
	free(p->f.cacc);
	free(p->f.vec);
	free(p->f.rare);
}

/* Score the blocks of the round of pairer arg not taken yet, one at a
 * time, into their edges (a job). */
static void pair_blocks(void *arg)
{
	struct pairer *p = arg;
	struct round *r = p->r;
	size_t b;

	while ((b = atomic_fetch_add(&r->next, 1)) < r->nblocks) {
		size_t lo = r->lo + b * PAIR_BLOCK;
		size_t hi = lo + PAIR_BLOCK < r->hi ? lo + PAIR_BLOCK : r->hi;

		r->blk[b].n = 0;
		for (size_t i = lo; i < hi; i++)
			pairs_of(r->s, r->sp, i, &p->f, &r->blk[b]);
	}
}

/* Append the edges g of later records (in order) to e, counting each
 * later record's in e->at[b + 1]. */
static void take_edges(struct pairs *e, const struct edges *g)
{
	e->v = cd_xgrow(e->v, &e->cap, e->n + g->n + 1, sizeof *e->v);
	for (size_t q = 0; q < g->n; q++) {
		e->v[e->n++] = (struct nb){ g->v[q].a, g->v[q].s };
		e->at[g->v[q].b + 1]++;
	}
}

/* Append the edges of round r's blocks to e, in record order. */
static void take_round(struct pairs *e, const struct round *r)
{
	for (size_t b = 0; b < r->nblocks; b++)
		take_edges(e, &r->blk[b]);
}

/* All remembered pairs of the collection, a round of blocks at a time,
 * shared by this thread and the worker.  Two rounds take turns: the
 * edges of one are joined here while the worker starts on the next. */
static void find_pairs(const struct cd_story *s, const struct space *sp,
		       struct pairs *e)
{
	struct cd_worker *w = s->worker;
	struct round *r = cd_xcalloc(2, sizeof *r);
	struct pairer p[2];
	size_t per = (size_t)PAIR_ROUND * PAIR_BLOCK, k = 0;

	e->at = cd_xcalloc(s->ndocs + 2, sizeof *e->at);
	pairer_init(&p[0], s);
	pairer_init(&p[1], s);
	r[0].s = r[1].s = s;
	r[0].sp = r[1].sp = sp;
	for (size_t i = 0; i < s->ndocs; i += per, k ^= 1) {
		struct round *cur = &r[k];

		cur->lo = i;
		cur->hi = i + per < s->ndocs ? i + per : s->ndocs;
		cur->nblocks = (cur->hi - cur->lo + PAIR_BLOCK - 1) /
			       PAIR_BLOCK;
		atomic_store(&cur->next, 0);
		p[0].r = p[1].r = cur;
		cd_worker_run(w, pair_blocks, &p[1]);
		if (i > 0)
			take_round(e, &r[k ^ 1]);
		pair_blocks(&p[0]);
		cd_worker_wait(w);
	}
	if (s->ndocs > 0)
		take_round(e, &r[k ^ 1]);
	pairer_release(&p[0]);
	pairer_release(&p[1]);
	for (size_t b = 0; b < PAIR_ROUND; b++) {
		free(r[0].blk[b].v);
		free(r[1].blk[b].v);
	}
	free(r);
	for (size_t b = 0; b < s->ndocs; b++)
		e->at[b + 1] += e->at[b];
}

/* ---- average-linkage clustering ---- */

/* A record during the merge, and the cluster it names: the fields read
 * together for a record of a list, in one place.  Records are uint32_t
 * (struct nb). */
struct node {
	uint32_t parent;
	uint32_t pos;		/* scratch of nb_fold, all zero */
	uint32_t size;
	uint32_t ver;
};

/* Clusters during the merge: each is named by its smallest record.  A
 * cluster never merged (ver 0) is one record, whose neighbours are its
 * pairs with earlier records (in the pairs) and then with later ones
 * (out[oat[i] .. oat[i + 1]), 4 bytes a pair, names each later record b
 * as b << obits | the place of the pair among b's, where the similarity
 * is read); a merged one has its list of adjn[i] entries at adjv[i].
 * A list is stored with no room to spare (clus_merge), so pointer and
 * count are all it needs: 12 bytes a record where a struct nbs took 24,
 * and every record has them at the clustering's peak. */
struct clus {
	struct node *nd;	/* by record */
	struct nb **adjv;
	uint32_t *adjn;
	const struct pairs *e;
	uint32_t *out;
	size_t *oat;
	unsigned obits;		/* bits of the place in out, or 0 */
	double threshold;
	double below;		/* sum < below * pairs: mean too low */
	struct cand *heap;
	size_t nheap, heapcap;
	size_t n;		/* records */
};

/* Whether candidate a should come out of the heap before b. */
static bool cand_before(const struct cand *a, const struct cand *b)
{
	if (a->avg != b->avg)
		return a->avg > b->avg;
	if (a->a != b->a)
		return a->a < b->a;
	return a->b < b->b;
}

/* Children per node of the candidate heap: four, adjacent, are half the
 * levels of a binary heap and about half its cache misses once the heap
 * outgrows the cache (24-byte candidates, tens of thousands). */
#define HEAP_WAYS 4

/* Push a candidate merge of clusters a and b with mean similarity avg. */
static void heap_push(struct clus *c, double avg, uint32_t a, uint32_t b)
{
	struct cand x = { avg, a, b, c->nd[a].ver, c->nd[b].ver };
	size_t i;

	if (c->nheap == c->heapcap)
		c->heap = cd_xgrow(c->heap, &c->heapcap, c->nheap + 1,
				   sizeof *c->heap);
	for (i = c->nheap++;
	     i > 0 && cand_before(&x, &c->heap[(i - 1) / HEAP_WAYS]);
	     i = (i - 1) / HEAP_WAYS)
		c->heap[i] = c->heap[(i - 1) / HEAP_WAYS];
	c->heap[i] = x;
}

/* Remove the best candidate into *out; false when the heap is empty.
 * The hole at the top goes down to a leaf by the best child, where the
 * last candidate goes up to its place: fewer comparisons than taking it
 * down from the top, as it mostly belongs near the leaves.  (Candidates
 * of the same pair and mean differ in versions, at most one of them
 * valid: the order between them changes no merge.) */
static bool heap_pop(struct clus *c, struct cand *out)
{
	struct cand *h = c->heap, x;
	size_t i = 0, n;

	if (!c->nheap)
		return false;
	*out = h[0];
	n = --c->nheap;
	x = h[n];
	for (size_t l; (l = HEAP_WAYS * i + 1) < n; ) {
		size_t best = l, end = l + HEAP_WAYS < n ? l + HEAP_WAYS : n;

		for (size_t k = l + 1; k < end; k++)
			if (cand_before(&h[k], &h[best]))
				best = k;
		h[i] = h[best];
		i = best;
	}
	for (; i > 0 && cand_before(&x, &h[(i - 1) / HEAP_WAYS]);
	     i = (i - 1) / HEAP_WAYS)
		h[i] = h[(i - 1) / HEAP_WAYS];
	h[i] = x;
	return true;
}

/* Append an entry for cluster k, known to be absent, to list l. */
static void nbs_push(struct nbs *l, uint32_t k, double sum)
{
	/* The call only when full: most pushes find room. */
	if (l->n == l->cap)
		l->v = cd_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = (struct nb){ k, (float)sum };
}

/* The root of record i's cluster, halving the path on the way. */
static uint32_t clus_root(struct clus *c, uint32_t i)
{
	while (c->nd[i].parent != i) {
		c->nd[i].parent = c->nd[c->nd[i].parent].parent;
		i = c->nd[i].parent;
	}
	return i;
}

/* Add to list out an entry for cluster j with sum, renamed to its
 * current cluster, summing duplicates (found through pos, all zero on
 * entry and on return of clus_merge) and dropping it inside cluster r. */
static inline void nb_fold(struct clus *c, struct nbs *out, uint32_t j,
			   float sum, uint32_t r)
{
	uint32_t k = clus_root(c, j);

	if (k == r)
		return;
	if (c->nd[k].pos) {
		out->v[c->nd[k].pos - 1].sum += sum;
	} else {
		nbs_push(out, k, sum);
		c->nd[k].pos = (uint32_t)out->n;
	}
}

/* nb_fold of every entry of list in. */
static void nbs_fold(struct clus *c, struct nbs *out, const struct nbs *in,
		     uint32_t r)
{
	for (size_t i = 0; i < in->n; i++)
		nb_fold(c, out, in->v[i].c, in->v[i].sum, r);
}

/* Bits of a pair's place among its later record's in out: MAX_EDGES
 * places, while the records leave them room. */
#define PLACE_BITS 5
_Static_assert(MAX_EDGES <= 1 << PLACE_BITS, "a pair's place fits");

/* Where entry x of out places its pair. */
static const struct nb *later_at(const struct clus *c, uint32_t x)
{
	return c->e->v + c->e->at[x >> c->obits] +
	       (x & ((1u << c->obits) - 1));
}

/* The similarity of the pair of a with the later record named by entry x
 * of out (searched from that record's first pair without room for the
 * place). */
static float later_sum(const struct clus *c, uint32_t a, uint32_t x)
{
	const struct nb *v = later_at(c, x);

	while (v->c != a)
		v++;
	return v->sum;
}

/* nbs_fold of the neighbours of cluster i (see struct clus). */
static void clus_fold(struct clus *c, struct nbs *out, uint32_t i, uint32_t r)
{
	if (c->nd[i].ver) {
		struct nbs l = { c->adjv[i], c->adjn[i], c->adjn[i] };

		nbs_fold(c, out, &l, r);
		return;
	}
	struct nbs earlier = { c->e->v + c->e->at[i],
			       c->e->at[i + 1] - c->e->at[i], 0 };
	size_t lo = c->oat[i], hi = c->oat[i + 1];

	nbs_fold(c, out, &earlier, r);
	/* The later records' pairs lie anywhere: start loading where they
	 * start a few records ahead, and them a few less ahead. */
	for (size_t q = lo; q < hi; q++) {
		if (q + 8 < hi)
			__builtin_prefetch(c->e->at +
					   (c->out[q + 8] >> c->obits));
		if (q + 4 < hi)
			__builtin_prefetch(later_at(c, c->out[q + 4]));
		nb_fold(c, out, c->out[q] >> c->obits,
			later_sum(c, i, c->out[q]), r);
	}
}

/* The entries of cluster i's neighbours (see struct clus). */
static size_t clus_degree(const struct clus *c, uint32_t i)
{
	if (c->nd[i].ver)
		return c->adjn[i];
	return c->e->at[i + 1] - c->e->at[i] + c->oat[i + 1] - c->oat[i];
}

/* Merge cluster o into cluster r (r < o) and queue r's new candidates.
 * Other clusters' lists are renamed lazily: an entry naming a merged
 * cluster is renamed and summed when its own cluster next merges. */
static void clus_merge(struct clus *c, uint32_t r, uint32_t o)
{
	struct nbs l = { NULL, 0, clus_degree(c, r) + clus_degree(c, o) };

	/* Room for both lists at once, not grown entry by entry. */
	if (l.cap)
		l.v = cd_xmalloc(l.cap * sizeof *l.v);
	c->nd[o].parent = r;
	clus_fold(c, &l, r, r);
	clus_fold(c, &l, o, r);
	/* The lists of all merged clusters are the clustering's peak: no
	 * room to spare in them. */
	if (!l.n) {
		free(l.v);
		l = (struct nbs){ NULL, 0, 0 };
	} else if (l.n < l.cap) {
		l.v = cd_xrealloc(l.v, l.n * sizeof *l.v);
		l.cap = l.n;
	}
	free(c->adjv[r]);
	free(c->adjv[o]);
	c->adjv[o] = NULL;
	c->adjn[o] = 0;
	c->adjv[r] = l.v;
	c->adjn[r] = (uint32_t)l.n;	/* distinct clusters: below ndocs */
	c->nd[r].size += c->nd[o].size;
	c->nd[r].ver++;
	c->nd[o].ver++;
	for (size_t i = 0; i < l.n; i++) {
		const struct nb *b = &l.v[i];
		double pairs = (double)c->nd[r].size * c->nd[b->c].size, avg;

		c->nd[b->c].pos = 0;	/* as nb_fold wants it */
		/* A pair below the threshold is queued again, if ever, when
		 * a later merge raises its mean.  Most are far below: told
		 * without the division (c->below leaves room for rounding). */
		if (b->sum < c->below * pairs ||
		    (avg = b->sum / pairs) < c->threshold)
			continue;
		if (b->c < r)
			heap_push(c, avg, b->c, r);
		else
			heap_push(c, avg, r, b->c);
	}
}

/* Index the pairs of e by their earlier record, as c->out and c->oat
 * (see struct clus), in the order of e. */
static void later_pairs(const struct cd_story *s, const struct pairs *e,
			struct clus *c)
{
	size_t *oat = cd_xcalloc(s->ndocs + 2, sizeof *oat);

	c->e = e;
	c->obits = s->ndocs <= UINT32_MAX >> PLACE_BITS ? PLACE_BITS : 0;
	c->out = cd_xmalloc((e->n + 1) * sizeof *c->out);
	for (size_t q = 0; q < e->n; q++)
		oat[e->v[q].c + 2]++;
	for (size_t i = 2; i < s->ndocs + 2; i++)
		oat[i] += oat[i - 1];
	/* oat[a + 1] is the next free slot of a, then the start of a + 1. */
	for (uint32_t b = 0; b < s->ndocs; b++)
		for (size_t q = e->at[b]; q < e->at[b + 1]; q++)
			c->out[oat[e->v[q].c + 1]++] = b << c->obits |
				(c->obits ? (uint32_t)(q - e->at[b]) : 0);
	c->oat = oat;
}

/* A pair of records at least at the threshold, a candidate merge while
 * neither record has merged: 12 bytes, where a heap entry takes 24. */
struct first {
	float sim;
	uint32_t a, b;
};

/* Pair x's similarity and earlier record as one key, in the order of
 * cand_before. */
static uint64_t first_key(const struct first *x)
{
	return (uint64_t)float_desc(x->sim) << 32 | x->a;
}

/*
 * Sort the pairs v[0..n) into the order of cand_before (a similarity is
 * a float: as a double it compares the same): by first_key, then by
 * later record.  They come ordered by later record, so a stable sort by
 * first_key alone gives that order: a least-significant-byte radix sort,
 * one pass per byte of the key that is not the same in every pair, into
 * scratch of n pairs and back.
 */
static void first_sort(struct first *v, size_t n)
{
	size_t (*count)[256] = cd_xcalloc(8, sizeof *count);
	struct first *tmp = cd_xmalloc((n + 1) * sizeof *tmp);
	struct first *from = v, *to = tmp;

	for (size_t i = 0; i < n; i++) {
		uint64_t k = first_key(&v[i]);
		for (int d = 0; d < 8; d++)
			count[d][k >> (8 * d) & 0xff]++;
	}
	for (int d = 0; d < 8; d++) {
		size_t at = 0, *c = count[d];

		if (n == 0 || c[first_key(&v[0]) >> (8 * d) & 0xff] == n)
			continue;
		for (int b = 0; b < 256; b++) {
			size_t m = c[b];
			c[b] = at;
			at += m;
		}
		for (size_t i = 0; i < n; i++)
			to[c[first_key(&from[i]) >> (8 * d) & 0xff]++] = from[i];
		struct first *t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
	free(tmp);
	free(count);
}

/* The pairs of firsts_job: the records and their pairs, and the
 * result. */
struct firsts_arg {
	const struct cd_story *s;
	const struct pairs *e;
	struct first *f;
	size_t n;
};

/* The remembered pairs at least at the threshold, in merge order from
 * the last (the first to merge last: taken from the end, the array
 * shrinks as they go, next_cand); *n gets their number. */
static struct first *firsts(const struct cd_story *s, const struct pairs *e,
			    size_t *n)
{
	struct first *f;
	size_t m = 0;

	for (size_t q = 0; q < e->n; q++)
		m += e->v[q].sum >= s->o.threshold;
	f = cd_xmalloc((m + 1) * sizeof *f);
	m = 0;
	for (uint32_t b = 0; b < s->ndocs; b++)
		for (size_t q = e->at[b]; q < e->at[b + 1]; q++)
			if (e->v[q].sum >= s->o.threshold)
				f[m++] = (struct first){ e->v[q].sum,
							 e->v[q].c, b };
	first_sort(f, m);
	for (size_t i = 0; i < m / 2; i++) {
		struct first t = f[i];

		f[i] = f[m - 1 - i];
		f[m - 1 - i] = t;
	}
	*n = m;
	return f;
}

/* firsts() of struct firsts_arg arg (a job). */
static void firsts_job(void *arg)
{
	struct firsts_arg *j = arg;

	j->f = firsts(j->s, j->e, &j->n);
}

/* Pairs of firsts() below which their array is not made smaller as
 * they are taken (12 bytes each). */
#define FIRSTS_SHRINK ((size_t)1 << 16)

/* The pairs of firsts() not taken yet: f[0 .. n), the next at the end,
 * in room for cap of them. */
struct firstq {
	struct first *f;
	size_t n, cap;
};

/* Take the next candidate merge into *k: the better of the heap's best
 * and the next pair of q (both records still unmerged then); false when
 * both are spent.  The pairs taken go back to the system as they go, by
 * halves (a million short records had 5 million pairs, 62 MB, while
 * the lists of the merged clusters grew to their peak).  */
static bool next_cand(struct clus *c, struct firstq *q, struct cand *k)
{
	if (q->n) {
		const struct first *x = &q->f[q->n - 1];
		struct cand y = { x->sim, x->a, x->b, 0, 0 };

		if (!c->nheap || cand_before(&y, &c->heap[0])) {
			*k = y;
			if (--q->n <= q->cap / 2 && q->cap > FIRSTS_SHRINK) {
				q->cap = q->n + 1;
				q->f = cd_xrealloc(q->f,
						   q->cap * sizeof *q->f);
			}
			return true;
		}
	}
	return heap_pop(c, k);
}

/* Keep of the summaries only the copies (s->cp) and free them: 8 bytes
 * a record where they take 24, at the clustering's peak. */
static void keep_copies(struct cd_story *s)
{
	s->cp = cd_xmalloc((s->ndocs + 1) * sizeof *s->cp);
	for (size_t i = 0; i < s->ndocs; i++)
		s->cp[i] = (struct copyof){ s->docs[i].copy,
					    s->docs[i].linelen };
	free(s->docs);
	s->docs = NULL;
	s->docscap = 0;
}

/* Free the summaries' term ids and document frequencies, read for the
 * last time by find_pairs. */
static void drop_terms(struct cd_story *s)
{
	free(s->tid);
	free(s->df);
	s->tid = NULL;
	s->df = NULL;
	s->tidcap = s->dfcap = 0;
}

/* Merge clusters, best mean similarity first, while it reaches the
 * threshold; nd[].parent then leads every record to its story's first.
 * The pairs of two records are candidates from the start, in one sorted
 * array; the heap holds only those of merged clusters.  The vectors and
 * the index sp and the terms, read for the last time by find_pairs, are
 * freed here while the worker sorts those pairs. */
static void cluster(struct cd_story *s, struct space *sp,
		    const struct pairs *e, struct clus *c)
{
	struct cand k;
	struct firstq q;
	/* The pairs at the threshold are sorted in the worker while the
	 * later pairs are indexed here: both only read e. */
	struct firsts_arg job = { s, e, NULL, 0 };

	cd_worker_run(s->worker, firsts_job, &job);
	space_release(sp);
	drop_terms(s);
	keep_copies(s);
	c->n = s->ndocs;
	c->nd = cd_xcalloc(s->ndocs + 1, sizeof *c->nd);
	c->adjv = cd_xcalloc(s->ndocs + 1, sizeof *c->adjv);
	c->adjn = cd_xcalloc(s->ndocs + 1, sizeof *c->adjn);
	c->threshold = s->o.threshold;
	c->below = s->o.threshold * (1 - 1e-6);
	for (size_t i = 0; i < s->ndocs; i++) {
		c->nd[i].size = 1;
		c->nd[i].parent = (uint32_t)i;
	}
	later_pairs(s, e, c);
	cd_worker_wait(s->worker);
	q = (struct firstq){ job.f, job.n, job.n + 1 };
	while (next_cand(c, &q, &k) && k.avg >= s->o.threshold) {
		if (k.va != c->nd[k.a].ver || k.vb != c->nd[k.b].ver ||
		    c->nd[k.a].parent != k.a || c->nd[k.b].parent != k.b)
			continue;
		clus_merge(c, k.a, k.b);
	}
	free(q.f);
}

/* Release the clustering state. */
static void clus_release(struct clus *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->adjv[i]);
	free(c->adjv);
	free(c->adjn);
	free(c->out);
	free(c->oat);
	free(c->nd);
	free(c->heap);
}

/* clus_release of struct clus arg (a job). */
static void clus_release_job(void *arg)
{
	clus_release(arg);
}

/* For --explain: link each record that is not first in its story to its
 * most similar earlier record of the story (any member when it has no
 * remembered pair with an earlier one). */
static void set_links(struct cd_story *s, const struct pairs *e,
		      const size_t *story_of)
{
	s->linkto = cd_xmalloc((s->ndocs + 1) * sizeof *s->linkto);
	s->linkscore = cd_xcalloc(s->ndocs + 1, sizeof *s->linkscore);
	for (size_t i = 0; i < s->ndocs; i++) {
		s->linkto[i] = SIZE_MAX;
		if (s->cp[i].copy != NO_COPY) {
			s->linkto[i] = s->cp[i].copy;
			s->linkscore[i] = (float)s->cp[i].linelen / 65536.0f;
		}
	}
	for (size_t b = 0; b < s->ndocs; b++)
		for (size_t q = e->at[b]; q < e->at[b + 1]; q++) {
			uint32_t a = e->v[q].c;
			if (story_of[a] == story_of[b] &&
			    (s->linkto[b] == SIZE_MAX ||
			     e->v[q].sum > s->linkscore[b])) {
				s->linkto[b] = a;
				s->linkscore[b] = e->v[q].sum;
			}
		}
	for (size_t b = 0; b < s->ndocs; b++)
		for (size_t q = e->at[b]; q < e->at[b + 1]; q++) {
			uint32_t a = e->v[q].c;
			if (story_of[a] == story_of[b] && a != story_of[a] &&
			    s->linkto[a] == SIZE_MAX) {
				s->linkto[a] = b;
				s->linkscore[a] = e->v[q].sum;
			}
		}
}


void cd_story_solve(struct cd_story *s, size_t *story_of)
{
	struct space sp;
	struct pairs e = { NULL, 0, 0, NULL };
	struct clus c = { 0 };
	struct half h[2];

	/* The tables of adding go first, then each array once read for
	 * the last time: the clustering is the peak. */
	cd_story_end(s);
	halves_split(s, &sp, h);
	renumber(s, h);
	sp.maxpost = postings_cap(s->ndocs - s->ncopies);
	space_build(s, &sp, h);
	find_pairs(s, &sp, &e);
	cluster(s, &sp, &e, &c);
	for (size_t i = 0; i < s->ndocs; i++)
		story_of[i] = s->cp[i].copy == NO_COPY ?
			      clus_root(&c, (uint32_t)i) :
			      story_of[s->cp[i].copy];
	/* The clustering's lists are freed in the worker meanwhile. */
	cd_worker_run(s->worker, clus_release_job, &c);
	if (s->o.links)
		set_links(s, &e, story_of);
	cd_worker_wait(s->worker);
	free(e.v);
	free(e.at);
	s->solved = true;
}

bool cd_story_link(const struct cd_story *s, size_t i, size_t *to,
		   double *score)
{
	if (!s->solved || !s->linkto || i >= s->ndocs ||
	    s->linkto[i] == SIZE_MAX)
		return false;
	if (to)
		*to = s->linkto[i];
	if (score)
		*score = s->linkscore[i];
	return true;
}
