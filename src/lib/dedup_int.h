/*
 * dedup_int.h - what dedup.c (the index: keys, candidates, union-find,
 * the deferred pair search) and dedupsim.c (the similarity of two
 * signatures) share.  Private to those two files.
 */
#ifndef CD_DEDUP_INT_H
#define CD_DEDUP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "dedup.h"
#include "sketch.h"

/* The fewest word trigrams (or shingles) a pair joined under the looser
 * thresholds of opts.agree must share: some six words in a row. */
#define AGREE_SHARED 4

/* A signature as compared: its counts, and its MinHash values (16 bits)
 * and word trigrams where they are kept (in a block, a buffer, or a
 * fingerprint's scratch).  Nothing is owned. */
struct sig {
	uint32_t words, shingles, ngrams;
	bool has_grams;
	uint64_t exact;			/* kept for whole-text grams only */
	const uint16_t *mh;
	const uint32_t *grams;
};

/* Is the trigram of s the hash of its whole text (at most three words)? */
static inline bool cd_dedup_whole_gram(const struct sig *s)
{
	return s->has_grams && s->words <= CD_SKETCH_WHOLE_WORDS;
}

/* The similarity of a and b under o (the larger of resemblance and
 * containment; perm MinHash values each), and whether they are near
 * (*near).  Bounded, the similarity of a pair that is not near may be
 * too low. */
double cd_dedup_sig_sim(const struct cd_dedup_opts *o, unsigned perm,
			const struct sig *a, const struct sig *b, bool bounded,
			bool *near);

/* The word trigrams (or, for long texts, the shingles, estimated) that
 * x and y share; trigrams are counted only up to AGREE_SHARED. */
double cd_dedup_shared(unsigned perm, const struct sig *x,
		       const struct sig *y);

/* The low 16 bits of the MinHash values v[0..n) (fp.h keeps only those,
 * CD_FP_MH_MASK) into out. */
void cd_dedup_mh16(const uint32_t *v, unsigned n, uint16_t *out);

/* The signature of fp in *v, its MinHash values put in mh (fp->par.perm
 * of them); v points into mh and fp, which must outlive it. */
void cd_dedup_sig_of_fp(const struct cd_fp *fp, uint16_t *mh,
			struct sig *v);

#endif
