/* sketch.c - MinHash, SimHash, word trigrams and LSH bands; see sketch.h. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "sketch.h"

#define GOLDEN 0x9E3779B97F4A7C15ULL


/* The hash of the k words starting at w. */
static inline uint64_t shingle_hash(const uint64_t *w, size_t k, uint64_t seed)
{
	uint64_t h = seed ^ (k * GOLDEN);
	size_t j;

	for (j = 0; j < k; j++)
		h = ((h << 23) | (h >> 41)) ^ (w[j] * GOLDEN);
	return cd_mix64(h);
}

/* Fill the empty bins of sig from filled ones, by a fixed hash sequence
 * per bin (optimal densification). */
static void densify(uint32_t *sig, const unsigned char *full, unsigned perm,
		    uint64_t seed)
{
	unsigned j, a, k = 0;

	for (j = 0; j < perm; j++) {
		if (full[j])
			continue;
		for (a = 1; a < 4 * perm + 64; a++) {
			k = (unsigned)((cd_mix64(seed ^ ((uint64_t)j << 32 | a)) >> 32) *
				       perm >> 32);
			if (full[k])
				break;
		}
		for (; !full[k]; k = (k + 1) % perm)
			;
		sig[j] = sig[k];
	}
}

size_t cd_sketch_tab_len(size_t n)
{
	size_t len = 16;

	while (len < 2 * n)
		len *= 2;
	return len;
}

/* Add h (not 0) to the open-addressing set tab of mask + 1 entries;
 * returns 1 when it was new. */
static inline size_t set_add(uint64_t *tab, size_t mask, uint64_t h)
{
	size_t i = (size_t)h & mask;

	while (tab[i]) {
		if (tab[i] == h)
			return 0;
		i = (i + 1) & mask;
	}
	tab[i] = h;
	return 1;
}

size_t cd_sketch_minhash(const uint64_t *words, size_t n, unsigned perm,
			 unsigned shingle, uint64_t seed, uint32_t *sig,
			 uint64_t *tab)
{
	unsigned char full[CD_SKETCH_MAX_PERM];
	size_t i, ns, distinct = 0, k = shingle < n ? shingle : n;
	size_t mask = cd_sketch_tab_len(n) - 1;
	uint64_t hseed = cd_mix64(seed + GOLDEN);

	memset(full, 0, perm);
	for (i = 0; i < perm; i++)
		sig[i] = 0xffffffffU;
	if (n == 0)
		return 0;
	memset(tab, 0, (mask + 1) * sizeof(*tab));
	ns = n - k + 1;
	for (i = 0; i < ns; i++) {
		uint64_t h = shingle_hash(words + i, k, hseed);
		unsigned bin = (unsigned)((h >> 32) * perm >> 32);
		uint32_t v = (uint32_t)h;

		distinct += set_add(tab, mask, h | 1);
		if (!full[bin] || v < sig[bin])
			sig[bin] = v;
		full[bin] = 1;
	}
	densify(sig, full, perm, hseed);
	return distinct;
}

double cd_sketch_jaccard(const uint32_t *a, const uint32_t *b, unsigned perm)
{
	unsigned i, eq = 0;

	for (i = 0; i < perm; i++)
		eq += a[i] == b[i];
	return perm ? (double)eq / perm : 0.0;
}

uint64_t cd_sketch_simhash(const uint64_t *words, size_t n)
{
	int32_t v[64] = { 0 };
	uint64_t out = 0;
	size_t i;
	int b;

	for (i = 0; i < n; i++) {
		uint64_t h = words[i];

		for (b = 0; b < 64; b++)
			v[b] += (int32_t)((h >> b) & 1) * 2 - 1;
	}
	for (b = 0; b < 64; b++)
		if (v[b] > 0)
			out |= (uint64_t)1 << b;
	return out;
}

/* qsort comparison of two uint32_t. */
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

size_t cd_sketch_grams(const uint64_t *words, size_t n, uint32_t *out)
{
	size_t i, m = 0, k = n > 3 ? 3 : n;

	if (n == 0)
		return 0;
	for (i = 0; i + k <= n; i++)
		out[m++] = (uint32_t)(shingle_hash(words + i, k, GOLDEN) >> 32);
	qsort(out, m, sizeof(*out), cmp_u32);
	for (i = n = 0; i < m; i++)
		if (n == 0 || out[i] != out[n - 1])
			out[n++] = out[i];
	return n;
}

size_t cd_sketch_common(const uint32_t *a, size_t na, const uint32_t *b,
			size_t nb)
{
	size_t i = 0, j = 0, c = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j]) {
			i++;
		} else if (a[i] > b[j]) {
			j++;
		} else {
			c++;
			i++;
			j++;
		}
	}
	return c;
}

void cd_sketch_bands(double t, unsigned perm, unsigned *bands,
		     unsigned *rows)
{
	double low = t / (3.0 - t);
	unsigned r, best = 1;

	for (r = 1; r <= perm; r++) {
		double mid = pow(1.0 / (perm / r), 1.0 / r);

		if (mid > low)
			break;
		best = r;
	}
	*rows = best;
	*bands = perm / best;
}

uint64_t cd_sketch_band_key(const uint32_t *sig, unsigned b, unsigned rows)
{
	return XXH3_64bits_withSeed(sig + (size_t)b * rows,
				    (size_t)rows * sizeof(*sig), b + 1);
}
