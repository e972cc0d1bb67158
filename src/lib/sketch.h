/*
 * sketch.h - the similarity sketches of a text given as word hashes
 * (token.h): word shingles, a MinHash signature, a 64-bit SimHash, the
 * set of word trigrams kept for short texts, and the LSH banding derived
 * from a similarity threshold.
 *
 * The MinHash signature is a one-permutation MinHash with densification
 * (Shrivastava and Li): each shingle is hashed once into one of perm
 * bins and each bin keeps its smallest value; empty bins borrow the value
 * of a bin chosen by a fixed hash sequence, the same for every text.  Two
 * signatures agree in a bin with probability close to the Jaccard
 * similarity of the shingle sets, like perm independent MinHash values,
 * at the cost of one hash per shingle instead of perm.  A text that fills
 * one bin (one shingle) or a few takes the bins its sequences reach
 * without probing them one by one (a table of where each sequence goes,
 * computed once per perm and seed), with the same result.
 */
#ifndef CD_SKETCH_H
#define CD_SKETCH_H

#include <stddef.h>
#include <stdint.h>

/* Largest number of MinHash values and longest shingle accepted. */
#define CD_SKETCH_MAX_PERM 1024
#define CD_SKETCH_MAX_SHINGLE 32
/* Texts of at most this many words have one word trigram, the whole text:
 * copies among them are found by their exact hashes (dedup, mapred). */
#define CD_SKETCH_WHOLE_WORDS 3

/*
 * Fill sig[0..perm) with the MinHash signature of the word shingles of
 * words[0..n) (n - shingle + 1 shingles; a text shorter than shingle
 * words is one shingle; no words gives every value 0xffffffff) and return
 * the number of distinct shingles.  seed selects the hash family.  perm
 * in 1..CD_SKETCH_MAX_PERM, shingle in 1..CD_SKETCH_MAX_SHINGLE.  tab is
 * scratch of at least cd_sketch_tab_len(n) entries, owned by the caller.
 */
size_t cd_sketch_minhash(const uint64_t *words, size_t n, unsigned perm,
			 unsigned shingle, uint64_t seed, uint32_t *sig,
			 uint64_t *tab);

/* The scratch entries cd_sketch_minhash needs for n words. */
size_t cd_sketch_tab_len(size_t n);

/* The fraction of the perm positions where a and b agree: the estimated
 * Jaccard similarity of the two shingle sets, from the low 16 bits of
 * their MinHash values (all a fingerprint keeps, fp.h); perm is at most
 * CD_SKETCH_MAX_PERM. */
double cd_sketch_jaccard(const uint16_t *a, const uint16_t *b, unsigned perm);

/* The 64-bit SimHash of the words (each word weighs its count). */
uint64_t cd_sketch_simhash(const uint64_t *words, size_t n);

/*
 * Store in out (room for n entries) the sorted distinct 32-bit hashes of
 * the word trigrams (three adjacent words) of words[0..n) (the whole text
 * as one gram when it has fewer than three words) and return how many
 * there are.
 */
size_t cd_sketch_grams(const uint64_t *words, size_t n, uint32_t *out);

/*
 * The same without the trigrams that run over a cut: cut[0..ncut) are
 * word indexes in ascending order, each the first word of a run that
 * does not continue the words before it (the text between them was left
 * out).  When no run has three words, the grams of the whole text.
 */
size_t cd_sketch_grams_cut(const uint64_t *words, size_t n,
			   const size_t *cut, size_t ncut, uint32_t *out);

/* The number of common values of two sorted distinct arrays. */
size_t cd_sketch_common(const uint32_t *a, size_t na, const uint32_t *b,
			size_t nb);
/* The same when it is at least need; else some number below need (the
 * count stops as soon as it cannot reach need). */
size_t cd_sketch_common_least(const uint32_t *a, size_t na,
			      const uint32_t *b, size_t nb, size_t need);

/*
 * Choose LSH bands and rows (bands * rows <= perm) for a near-duplicate
 * threshold t in (0, 1]: the pairs to find include texts contained in one
 * up to twice their size, whose Jaccard similarity is as low as
 * t / (3 - t), so the rows are the largest r whose S-curve midpoint
 * (1 / bands)^(1 / r) stays at or below that.
 */
void cd_sketch_bands(double t, unsigned perm, unsigned *bands,
		     unsigned *rows);

/* Sort v[0..n) in place, ascending: by insertion when they are few (the
 * grams of a short text, the candidates of a record), where qsort costs
 * many times more, else by qsort. */
void cd_sketch_sort_u32(uint32_t *v, size_t n);

/* The 64-bit key of band b (rows values starting at sig[b * rows]). */
uint64_t cd_sketch_band_key(const uint32_t *sig, unsigned b, unsigned rows);

/* A strong 64-bit mixer (the splitmix64 finaliser): every input bit
 * affects every output bit.  cd_mix64(0) is 0. */
static inline uint64_t cd_mix64(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 27;
	h *= 0x94D049BB133111EBULL;
	h ^= h >> 31;
	return h;
}

#endif
