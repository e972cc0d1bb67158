/* corpus.c - lines recurring across documents: a bounded table counting
 * the distinct articles each unit occurs in, and their removal; see
 * boiler.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boiler_int.h"

void cd_boiler_corpus_init(struct cd_boiler_corpus *c, size_t max,
			   unsigned min_docs)
{
	size_t cap = 128;

	if (max < 64)
		max = 64;
	while (cap < 2 * max)
		cap <<= 1;
	/* zeroed; a large one on huge pages, as the slots are touched at
	 * random (cd_xbig) */
	c->t = cd_xbig(cap * sizeof(*c->t));
	c->cap = cap;
	c->max = max;
	c->n = 0;
	c->min_docs = min_docs ? min_docs : 1;
}

void cd_boiler_corpus_release(struct cd_boiler_corpus *c)
{
	cd_big_free(c->t, c->cap * sizeof(*c->t));
	c->t = NULL;
	c->cap = c->max = c->n = 0;
}

/* The first slot probed for hash h. */
static inline size_t corpus_home(const struct cd_boiler_corpus *c, uint64_t h)
{
	return (size_t)(h ^ h >> 29) & (c->cap - 1);
}

/* The slot holding hash h, or the free slot where it would go. */
static struct cd_corpus_ent *corpus_slot(const struct cd_boiler_corpus *c,
					 uint64_t h)
{
	size_t j = corpus_home(c, h);

	while (c->t[j].hash && c->t[j].hash != h)
		j = (j + 1) & (c->cap - 1);
	return &c->t[j];
}

/* Make room: keep only the lines seen in the most documents, at most half
 * the table, dropping the rarest first (a line seen once is the first to
 * go).  The table is rebuilt in place, as open addressing cannot delete:
 * the lines kept are set aside in slot order, the table cleared and
 * they go back in that order.  Its memory is reused, not mapped afresh:
 * a new table's first writes fault in and zero every page again. */
static void corpus_prune(struct cd_boiler_corpus *c)
{
	struct cd_corpus_ent *keep;
	size_t cap = c->cap, i, n, k = 0;
	uint32_t min = 2;

	for (;;) {
		for (i = 0, n = 0; i < cap; i++)
			if (c->t[i].hash && c->t[i].docs >= min)
				n++;
		if (n <= c->max / 2 || min == UINT32_MAX)
			break;
		min++;
	}
	keep = cd_xcalloc(n + 1, sizeof(*keep));
	for (i = 0; i < cap; i++)
		if (c->t[i].hash && c->t[i].docs >= min)
			keep[k++] = c->t[i];
	memset(c->t, 0, cap * sizeof(*c->t));
	for (c->n = 0; c->n < k; c->n++)
		*corpus_slot(c, keep[c->n].hash) = keep[c->n];
	free(keep);
}

/* Count one more document with signature sig for the line hashed h. */
static void corpus_add(struct cd_boiler_corpus *c, uint64_t h, uint32_t sig)
{
	struct cd_corpus_ent *e = corpus_slot(c, h);
	uint32_t k, n;

	if (!e->hash) {
		if (c->n >= c->max) {
			corpus_prune(c);
			e = corpus_slot(c, h);
		}
		e->hash = h;
		e->docs = 1;
		e->sig[0] = sig;
		c->n++;
		return;
	}
	n = e->docs < CD_CORPUS_SIGS ? e->docs : CD_CORPUS_SIGS;
	for (k = 0; k < n; k++)
		if (e->sig[k] == sig)
			return;
	if (n < CD_CORPUS_SIGS)
		e->sig[n] = sig;
	if (e->docs < UINT32_MAX)
		e->docs++;
}

/* True when a kept unit, the k-th of n kept ones, may be corpus
 * boilerplate: it is not prose, or it is one of the CD_CORPUS_EDGE first
 * or last.  Only these are counted and checked, which keeps the table
 * small and fast. */
static bool candidate(bool prose, size_t k, size_t n)
{
	return !prose || k < CD_CORPUS_EDGE || n - k <= CD_CORPUS_EDGE;
}

/* The signature a document's lines are counted with. */
static uint32_t corpus_sig(uint64_t sig)
{
	return (uint32_t)(sig ^ sig >> 32);
}

/* The number of kept units of d. */
static size_t kept_units(const struct cd_boiler_doc *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->nu; i++)
		if (d->u[i].keep)
			n++;
	return n;
}

void cd_boiler_corpus_prefetch(const struct cd_boiler_corpus *c,
			       const struct cd_boiler_doc *d)
{
	size_t i;

	for (i = 0; i < d->nu; i++)
		if (d->u[i].keep)
			__builtin_prefetch(&c->t[corpus_home(c, d->u[i].hash)]);
}

void cd_boiler_corpus_count(struct cd_boiler_corpus *c,
			    const struct cd_boiler_doc *d)
{
	uint32_t sig = corpus_sig(d->sig);
	size_t i, k = 0, n = kept_units(d);

	for (i = 0; i < d->nu; i++)
		if (d->u[i].keep &&
		    candidate(cd_unit_prose(&d->u[i]), k++, n))
			corpus_add(c, d->u[i].hash, sig);
}

void cd_boiler_corpus_count_units(struct cd_boiler_corpus *c,
				  const struct cd_corpus_unit *ku, size_t n,
				  uint64_t sig)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (candidate(ku[k].prose, k, n))
			corpus_add(c, ku[k].hash, corpus_sig(sig));
}

/* True when the line hashed h is in at least min_docs articles. */
static bool recurring(const struct cd_boiler_corpus *c, uint64_t h)
{
	const struct cd_corpus_ent *e = corpus_slot(c, h);

	return e->hash && e->docs >= c->min_docs;
}

void cd_boiler_corpus_prefetch_units(const struct cd_boiler_corpus *c,
				     const struct cd_corpus_unit *ku, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		__builtin_prefetch(&c->t[corpus_home(c, ku[i].hash)]);
}

/* Drop the recurring units of ku[0..n) at one edge of the body (its end
 * when from_end), at most CD_CORPUS_EDGE, up to the first that does not
 * recur; returns how many. */
static size_t peel_edge(const struct cd_boiler_corpus *c,
			struct cd_corpus_unit *ku, size_t n, bool from_end)
{
	size_t j, k = 0;

	for (j = 0; j < n && k < CD_CORPUS_EDGE; j++) {
		struct cd_corpus_unit *u = &ku[from_end ? n - 1 - j : j];

		if (u->drop)
			continue;
		if (!recurring(c, u->hash))
			break;
		u->drop = true;
		k++;
	}
	return k;
}

size_t cd_boiler_corpus_apply_units(const struct cd_boiler_corpus *c,
				    struct cd_corpus_unit *ku, size_t n)
{
	size_t i, drops;

	/* peel recurring units off both edges of the body */
	drops = peel_edge(c, ku, n, true) + peel_edge(c, ku, n, false);
	/* inside, only what is not prose */
	for (i = 0; i < n; i++) {
		struct cd_corpus_unit *u = &ku[i];

		if (!u->drop && !u->prose && recurring(c, u->hash)) {
			u->drop = true;
			drops++;
		}
	}
	return drops;
}

size_t cd_boiler_corpus_apply(const struct cd_boiler_corpus *c,
			      struct cd_boiler_doc *d)
{
	struct cd_corpus_unit *ku = cd_xcalloc(d->nu + 1, sizeof(*ku));
	size_t i, n = 0, drops;

	for (i = 0; i < d->nu; i++) {
		const struct cd_unit *u = &d->u[i];

		if (u->keep)
			ku[n++] = (struct cd_corpus_unit){
				u->hash, (uint32_t)i, 0,
				u->cls == CD_U_GOOD || u->cls == CD_U_NEAR,
				false };
	}
	drops = cd_boiler_corpus_apply_units(c, ku, n);
	for (i = 0; i < n; i++)
		if (ku[i].drop)
			cd_bl_drop(d, ku[i].off, "corpus");
	free(ku);
	return drops;
}
