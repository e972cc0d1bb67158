/*
 * dedupsim.c - the similarity of two signatures (see dedup.h for the
 * measures): exact on the word trigrams of short texts, estimated from
 * MinHash values and shingle counts for long ones.
 */
#include "bytes.h"
#include "dedup.h"
#include "dedup_int.h"
#include "sketch.h"

/* Smallest shingle count for which containment is estimated at all. */
#define MIN_SHINGLES 8
/* Smallest number of shared word trigrams for short-text containment:
 * a fragment of four words. */
#define MIN_GRAMS 2
/* How much more of the smaller text may be missing from the larger when
 * the two share a long passage (opts.passage): a copy both wrapped and
 * trimmed loses a paragraph or two as well as gaining boilerplate. */
#define PASSAGE_SLACK (5.0 / 3.0)

/* Resemblance *j and containment *c of two trigram sets of na and nb
 * with in in common. */
static void gram_measures(size_t na, size_t nb, size_t in, double *j,
			  double *c)
{
	*j = na + nb ? (double)in / (double)(na + nb - in) : 1.0;
	*c = in >= MIN_GRAMS ? (double)in / (double)(na < nb ? na : nb) : 0;
}

/* Whether in common trigrams make sets of na and nb near. */
static bool grams_near(const struct cd_dedup_opts *o, size_t na, size_t nb,
		       size_t in)
{
	double j, c;

	gram_measures(na, nb, in, &j, &c);
	return j >= o->threshold || c >= o->contain;
}

/* The fewest common trigrams that make sets of na and nb near (one more
 * than the smaller has when none do): from the thresholds, then checked
 * against grams_near itself (both measures grow with the count). */
static size_t grams_needed(const struct cd_dedup_opts *o, size_t na,
			   size_t nb)
{
	size_t lo = na < nb ? na : nb;
	double t = o->threshold, e = o->contain * (double)lo;
	size_t k;

	if (t * (double)(na + nb) / (1.0 + t) < e)
		e = t * (double)(na + nb) / (1.0 + t);
	k = e <= 0 ? 0 : e >= (double)lo ? lo + 1 : (size_t)e;
	while (k > 0 && grams_near(o, na, nb, k - 1))
		k--;
	while (k <= lo && !grams_near(o, na, nb, k))
		k++;
	return k;
}

/*
 * The trigrams two short texts have in common, at most need (see
 * cd_sketch_common_least).  A gram is a 32-bit hash, and two unrelated
 * texts of three words or fewer each reduce to one: were it compared,
 * one chance collision in 2^32 pairs would make them near with
 * similarity 1.  So two such texts have their gram in common only when
 * their 64-bit exact hashes are equal, and a text of one or two words,
 * whose gram hashes a pair or a single word, never has one in common
 * with a longer text, whose grams hash three words.
 */
static size_t grams_common(const struct sig *a, const struct sig *b,
			   size_t need)
{
	if (cd_dedup_whole_gram(a) && cd_dedup_whole_gram(b))
		return a->exact == b->exact ? a->ngrams : 0;
	if ((cd_dedup_whole_gram(a) && a->words < CD_SKETCH_WHOLE_WORDS) ||
	    (cd_dedup_whole_gram(b) && b->words < CD_SKETCH_WHOLE_WORDS))
		return 0;
	return cd_sketch_common_least(a->grams, a->ngrams, b->grams,
				      b->ngrams, need);
}

/* The similarity of two signatures (the larger of resemblance and
 * containment), and whether they are near (*near).  Bounded, the
 * similarity of a pair that is not near may be too low (the trigrams are
 * counted only as far as they can still make it near). */
double cd_dedup_sig_sim(const struct cd_dedup_opts *o, unsigned perm,
			const struct sig *a, const struct sig *b, bool bounded,
			bool *near)
{
	double j, c = 0;
	bool passage = false;

	if (a->has_grams && b->has_grams) {
		size_t na = a->ngrams, nb = b->ngrams;

		gram_measures(na, nb, grams_common(a, b, bounded ?
			      grams_needed(o, na, nb) : 0), &j, &c);
	} else {
		double sa = a->shingles, sb = b->shingles;
		double lo = sa < sb ? sa : sb, in;

		j = cd_sketch_jaccard(a->mh, b->mh, perm);
		/* the shared shingles: J = in / (sa + sb - in) */
		in = j * (sa + sb) / (1.0 + j);
		if (lo >= MIN_SHINGLES)
			c = in / lo;
		if (c > 1)
			c = 1;
		/* a long shared passage: short templated notices share far
		 * fewer shingles than this, however alike they are */
		passage = o->passage && in >= o->passage &&
			  1.0 - c <= (1.0 - o->contain) * PASSAGE_SLACK;
	}
	*near = j >= o->threshold || c >= o->contain || passage;
	return j > c ? j : c;
}

/* The word trigrams (or, for long texts, the shingles, estimated) that
 * signatures x and y share. */
double cd_dedup_shared(unsigned perm, const struct sig *x,
		       const struct sig *y)
{
	double j;

	if (x->has_grams && y->has_grams)
		return (double)cd_sketch_common_least(x->grams, x->ngrams,
						      y->grams, y->ngrams,
						      AGREE_SHARED);
	j = cd_sketch_jaccard(x->mh, y->mh, perm);
	return j * ((double)x->shingles + y->shingles) / (1.0 + j);
}

void cd_dedup_mh16(const uint32_t *v, unsigned n, uint16_t *out)
{
	unsigned i = 0;

#if CD_SSE2
	/* eight at a time: each value's low half sign-extended, so that the
	 * signed saturating pack keeps it as it is */
	for (; i + 8 <= n; i += 8) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(v + i));
		__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(v + i + 4));

		x = _mm_srai_epi32(_mm_slli_epi32(x, 16), 16);
		y = _mm_srai_epi32(_mm_slli_epi32(y, 16), 16);
		_mm_storeu_si128((__m128i *)(void *)(out + i),
				 _mm_packs_epi32(x, y));
	}
#endif
	for (; i < n; i++)
		out[i] = (uint16_t)v[i];
}

/* The signature of fp, its MinHash values put in mh (perm of them). */
void cd_dedup_sig_of_fp(const struct cd_fp *fp, uint16_t *mh,
			struct sig *v)
{
	cd_dedup_mh16(fp->mh, fp->par.perm, mh);
	v->words = fp->words;
	v->shingles = fp->shingles;
	v->has_grams = fp->has_grams;
	v->ngrams = fp->has_grams ? fp->ngrams : 0;
	v->mh = mh;
	v->grams = fp->grams;
	v->exact = fp->exact;
}

double cd_dedup_sim(const struct cd_dedup_opts *o, const struct cd_fp *a,
		    const struct cd_fp *b, bool *near)
{
	uint16_t ma[CD_SKETCH_MAX_PERM], mb[CD_SKETCH_MAX_PERM];
	struct sig x, y;

	cd_dedup_sig_of_fp(a, ma, &x);
	cd_dedup_sig_of_fp(b, mb, &y);
	return cd_dedup_sig_sim(o, a->par.perm, &x, &y, false, near);
}
