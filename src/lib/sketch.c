/* sketch.c - MinHash, SimHash, word trigrams and LSH bands; see sketch.h. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* inlined: a band key hashes twelve bytes, where the call and the
 * library's dispatch on the length cost as much as the hash (the values
 * are the library's) */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "buf.h"
#include "bytes.h"
#include "sketch.h"

#define GOLDEN 0x9E3779B97F4A7C15ULL


/* x rotated left by r mod 64 bits. */
static inline uint64_t rotl(uint64_t x, unsigned r)
{
	r &= 63;
	return r ? x << r | x >> (64 - r) : x;
}

/* The hash of the k words starting at w before mixing: the start
 * seed ^ k * GOLDEN, then per word rotated by 23 bits and xored with the
 * word times GOLDEN. */
static inline uint64_t shingle_raw(const uint64_t *w, size_t k, uint64_t seed)
{
	uint64_t h = seed ^ (k * GOLDEN);
	size_t j;

	for (j = 0; j < k; j++)
		h = rotl(h, 23) ^ (w[j] * GOLDEN);
	return h;
}

/* The hash of the k words starting at w. */
static inline uint64_t shingle_hash(const uint64_t *w, size_t k, uint64_t seed)
{
	return cd_mix64(shingle_raw(w, k, seed));
}

/*
 * Rolling: shingle_raw(w + 1, k, seed) from r = shingle_raw(w, k, seed)
 * in a few operations, as in r each word j sits rotated by 23 * (k - 1 - j)
 * bits and the start by 23 * k: rotate once more, take out w[0] and the
 * old start, put in w[k] and the start.  fix is
 * rotl(start, 23 * (k + 1)) ^ rotl(start, 23 * k).
 */
static inline uint64_t shingle_roll(uint64_t r, const uint64_t *w, size_t k,
				    uint64_t fix)
{
	return rotl(r, 23) ^ rotl(w[0] * GOLDEN, (unsigned)(23 * k)) ^
	       (w[k] * GOLDEN) ^ fix;
}

/* The a-th bin (a >= 1) that empty bin j of perm tries to borrow from. */
static inline unsigned probe(uint64_t seed, unsigned j, unsigned a,
			     unsigned perm)
{
	return (unsigned)((cd_mix64(seed ^ ((uint64_t)j << 32 | a)) >> 32) *
			  perm >> 32);
}

/* The first PROBES probes of every bin, for the last perm and seed used
 * (a program uses one pair, so this is computed once), and low[m], the
 * lowest set bit of m (m > 0, eight bits). */
#define PROBES 16
_Static_assert(PROBES == 16, "densify tests the probes eight at a time, "
	       "in two groups");
static struct {
	unsigned perm;
	uint64_t seed;
	uint16_t k[CD_SKETCH_MAX_PERM * PROBES];
	unsigned char low[256];
} probes;

/* The table of the first PROBES probes of each bin for perm and seed. */
static const uint16_t *probe_table(unsigned perm, uint64_t seed)
{
	unsigned j, a;

	if (probes.perm != perm || probes.seed != seed) {
		for (j = 0; j < perm; j++)
			for (a = 1; a <= PROBES; a++)
				probes.k[j * PROBES + a - 1] =
					(uint16_t)probe(seed, j, a, perm);
		for (j = 1; j < 256; j++) {
			for (a = 0; !(j >> a & 1); a++)
				;
			probes.low[j] = (unsigned char)a;
		}
		probes.perm = perm;
		probes.seed = seed;
	}
	return probes.k;
}

/* The bin that empty bin j borrows from when none of its first PROBES
 * probes t[] is filled: the probe sequence goes on, then bins in turn. */
static unsigned far_probe(const unsigned char *full, const uint16_t *t,
			  unsigned perm, uint64_t seed, unsigned j)
{
	unsigned a, k = t[PROBES - 1];

	for (a = PROBES + 1; !full[k] && a < 4 * perm + 64; a++)
		k = probe(seed, j, a, perm);
	for (; !full[k]; k = (k + 1) % perm)
		;
	return k;
}

/*
 * Where the probe sequences reach: reach.first[k * perm + j] is the first
 * a (from 1) for which bin j's a-th probe is bin k, or NOT_REACHED when
 * none of the 4 perm + 63 probes far_probe makes before it scans bins in
 * turn is.  Computed once for a perm and seed, at the first text that
 * fills few bins (perm^2 entries: 32 KiB for 128 values).  A row is a
 * filled bin, so a text reads one row per filled bin, in order.
 */
#define NOT_REACHED 0xffffU
static struct {
	unsigned perm;
	uint64_t seed;
	uint16_t *first;
} reach;

/* The reach table for perm and seed. */
static const uint16_t *reach_table(unsigned perm, uint64_t seed)
{
	size_t i, n = (size_t)perm * perm;
	unsigned j, a;

	if (reach.first && reach.perm == perm && reach.seed == seed)
		return reach.first;
	free(reach.first);
	reach.first = cd_xmalloc(n * sizeof(*reach.first));
	for (i = 0; i < n; i++)
		reach.first[i] = NOT_REACHED;
	/* From the last probe back, so that the first one to reach a bin
	 * is the one kept. */
	for (j = 0; j < perm; j++)
		for (a = 4 * perm + 63; a >= 1; a--)
			reach.first[(size_t)probe(seed, j, a, perm) * perm + j] =
				(uint16_t)a;
	reach.perm = perm;
	reach.seed = seed;
	return reach.first;
}

/*
 * densify() for a text that fills at most FEW_FULL bins (a text of a few
 * words: one shingle fills one bin): the bin each empty bin borrows from
 * is the filled bin its probe sequence reaches first, found in the reach
 * table instead of probing perm / FEW_FULL times or more on average.
 * best[j] keeps the least (first a) << 16 | k over the filled bins k seen
 * so far (two filled bins are never reached by the same probe), in a loop
 * over j without branches.  The result is the same as probing.
 */
#define FEW_FULL 12
static void densify_few(uint32_t *sig, const unsigned char *full,
			unsigned perm, uint64_t seed, const uint16_t *tab)
{
	const uint16_t *first = reach_table(perm, seed);
	uint32_t best[CD_SKETCH_MAX_PERM];
	unsigned j, k;

	for (j = 0; j < perm; j++)
		best[j] = 0xffffffffU;
	for (k = 0; k < perm; k++) {
		const uint16_t *row = first + (size_t)k * perm;

		if (!full[k])
			continue;
		for (j = 0; j < perm; j++) {
			uint32_t v = (uint32_t)row[j] << 16 | k;

			best[j] = v < best[j] ? v : best[j];
		}
	}
	for (j = 0; j < perm; j++) {
		if (full[j])
			continue;
		k = best[j] >> 16 == NOT_REACHED ?
			far_probe(full, tab + (size_t)j * PROBES, perm, seed, j) :
			(best[j] & 0xffffU);
		sig[j] = sig[k];
	}
}

/* Which of the eight probes t[0..8) are filled bins: bit a for t[a]. */
static inline unsigned probe_mask(const unsigned char *full,
				  const uint16_t *t)
{
	return (unsigned)full[t[0]] | (unsigned)full[t[1]] << 1 |
	       (unsigned)full[t[2]] << 2 | (unsigned)full[t[3]] << 3 |
	       (unsigned)full[t[4]] << 4 | (unsigned)full[t[5]] << 5 |
	       (unsigned)full[t[6]] << 6 | (unsigned)full[t[7]] << 7;
}

/* Fill the empty bins of sig from filled ones, by a fixed hash sequence
 * per bin (optimal densification).  The first probes come from a table
 * and are tested eight at once, which spares mispredicted branches; the
 * next eight likewise when none of those is filled (a text that fills a
 * few dozen bins), before far_probe computes any. */
static void densify(uint32_t *sig, const unsigned char *full, unsigned perm,
		    uint64_t seed)
{
	const uint16_t *tab = probe_table(perm, seed);
	uint16_t empty[CD_SKETCH_MAX_PERM];
	unsigned j, a, m, ne = 0;

	for (j = 0; j < perm; j++) {
		empty[ne] = (uint16_t)j;
		ne += !full[j];
	}
	/* One bin filled (a text of one shingle): every probe sequence ends
	 * there, so every bin takes its value. */
	if (ne + 1 == perm) {
		for (j = 0; !full[j]; j++)
			;
		for (a = 0; a < perm; a++)
			sig[a] = sig[j];
		return;
	}
	if (perm - ne <= FEW_FULL) {
		densify_few(sig, full, perm, seed, tab);
		return;
	}
	while (ne--) {
		const uint16_t *t = tab + (size_t)empty[ne] * PROBES;

		if ((m = probe_mask(full, t)) != 0)
			j = t[probes.low[m]];
		else if ((m = probe_mask(full, t + 8)) != 0)
			j = t[8 + probes.low[m]];
		else
			j = far_probe(full, t, perm, seed, empty[ne]);
		sig[empty[ne]] = sig[j];
	}
}

/* The set of shingle hashes is at most a quarter full (a new hash then
 * finds its first slot free more often: that test is a branch the
 * processor cannot foresee), or half full for a text of more than
 * SPARSE_WORDS words, whose table no longer fits in a core's cache. */
#define SPARSE_WORDS 65536

size_t cd_sketch_tab_len(size_t n)
{
	size_t len = 16, fill = n <= SPARSE_WORDS ? 4 : 2;

	while (len < fill * n)
		len *= 2;
	return len;
}

/* Add the hash h to the open-addressing set tab of mask + 1 entries,
 * where 0 marks a free slot: h goes in with bit 0 set (h | 1, never 0);
 * returns 1 when it was new.  The first slot tried is from the bits of h
 * above bit 0: from bit 0 up, every hash would start at an odd slot, and
 * half the table would take all first tries, each found taken twice as
 * often (a branch mispredicted).  (Two slots tested at once, both
 * compared with h and with 0, cost 3% more of copydesk-fingerprint's
 * CPU on the bench archive: at a quarter full, the first slot is most
 * often free.) */
static inline size_t set_add(uint64_t *tab, size_t mask, uint64_t h)
{
	size_t i = (size_t)(h >> 1) & mask;

	h |= 1;
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
	uint64_t hseed = cd_mix64(seed + GOLDEN), start, fix, raw;

	memset(full, 0, perm);
	for (i = 0; i < perm; i++)
		sig[i] = 0xffffffffU;
	if (n == 0)
		return 0;
	memset(tab, 0, (mask + 1) * sizeof(*tab));
	ns = n - k + 1;
	start = hseed ^ (k * GOLDEN);
	fix = rotl(start, (unsigned)(23 * (k + 1))) ^
	      rotl(start, (unsigned)(23 * k));
	raw = shingle_raw(words, k, hseed);
	for (i = 0; i < ns; i++) {
		uint64_t h;
		unsigned bin;
		uint32_t v;

		if (i)
			raw = shingle_roll(raw, words + i - 1, k, fix);
		h = cd_mix64(raw);
		bin = (unsigned)((h >> 32) * perm >> 32);
		v = (uint32_t)h;
		distinct += set_add(tab, mask, h);
		sig[bin] = v < sig[bin] ? v : sig[bin];
		full[bin] = 1;
	}
	densify(sig, full, perm, hseed);
	return distinct;
}

double cd_sketch_jaccard(const uint16_t *a, const uint16_t *b, unsigned perm)
{
	const uint64_t low = 0x7fff7fff7fff7fffULL, one = 0x0001000100010001ULL;
	uint64_t ne = 0;
	unsigned i = 0, differ;

	/* Four values at a time: a lane of x ^ y is not zero where they
	 * differ; adding 0x7fff to its low 15 bits carries into its top bit
	 * unless they are all zero. */
	for (; i + 4 <= perm; i += 4) {
		uint64_t x, y, z;

		memcpy(&x, a + i, sizeof(x));
		memcpy(&y, b + i, sizeof(y));
		z = x ^ y;
		ne += (((z & low) + low) | z) >> 15 & one;
	}
	differ = (unsigned)((ne * one) >> 48);
	for (; i < perm; i++)
		differ += a[i] != b[i];
	return perm ? (double)(perm - differ) / perm : 0.0;
}

/*
 * Add to ones[b] the number of words[0..n) (n <= 255) with bit b set,
 * counting 64 bits at once: nib[r] holds in its nibble i the count of bit
 * 4 i + r over up to 15 words; those nibbles then go to byte counters,
 * byte[R] holding in its byte j the count of bit 8 j + R.  With SSE2,
 * two words at once, each in a 64-bit lane of its own (a lane counts up
 * to 15 words in its nibbles, up to 128 in its bytes), the lanes added at
 * the end; an odd last word goes alone in the low lane.  count_bytes
 * leaves the counts in the byte counters: byte[R], lane L, byte j counts
 * bit 8 j + R of the words of lane L.
 */
#if CD_SSE2
static void count_bytes(const uint64_t *words, size_t n, __m128i *byte)
{
	const __m128i m1 = _mm_set1_epi64x(0x1111111111111111LL);
	const __m128i m4 = _mm_set1_epi64x(0x0F0F0F0F0F0F0F0FLL);
	size_t i = 0, end;
	unsigned r;

	for (r = 0; r < 8; r++)
		byte[r] = _mm_setzero_si128();
	while (i + 2 <= n) {
		__m128i nib[4] = { _mm_setzero_si128(), _mm_setzero_si128(),
				   _mm_setzero_si128(), _mm_setzero_si128() };

		end = n - i < 30 ? i + (n - i) / 2 * 2 : i + 30;
		for (; i < end; i += 2) {
			__m128i h = _mm_loadu_si128((const __m128i *)(words + i));

			nib[0] = _mm_add_epi64(nib[0], _mm_and_si128(h, m1));
			nib[1] = _mm_add_epi64(nib[1], _mm_and_si128(
				_mm_srli_epi64(h, 1), m1));
			nib[2] = _mm_add_epi64(nib[2], _mm_and_si128(
				_mm_srli_epi64(h, 2), m1));
			nib[3] = _mm_add_epi64(nib[3], _mm_and_si128(
				_mm_srli_epi64(h, 3), m1));
		}
		for (r = 0; r < 4; r++) {
			byte[r] = _mm_add_epi64(byte[r],
						_mm_and_si128(nib[r], m4));
			byte[r + 4] = _mm_add_epi64(byte[r + 4], _mm_and_si128(
				_mm_srli_epi64(nib[r], 4), m4));
		}
	}
	if (i < n) {	/* an odd last word, alone in the low lane */
		__m128i h = _mm_loadl_epi64((const __m128i *)(words + i));

		for (r = 0; r < 4; r++) {
			__m128i b = _mm_and_si128(_mm_srli_epi64(h, (int)r), m1);

			byte[r] = _mm_add_epi64(byte[r], _mm_and_si128(b, m4));
			byte[r + 4] = _mm_add_epi64(byte[r + 4], _mm_and_si128(
				_mm_srli_epi64(b, 4), m4));
		}
	}
}
#endif

static void count_bits(const uint64_t *words, size_t n, uint32_t *ones)
{
#if CD_SSE2
	__m128i byte[8];
	uint64_t lane[2];
	unsigned r, j;

	count_bytes(words, n, byte);
	for (r = 0; r < 8; r++) {
		_mm_storeu_si128((__m128i *)lane, byte[r]);
		for (j = 0; j < 8; j++)
			ones[8 * j + r] += (uint32_t)(lane[0] >> 8 * j & 255) +
					   (uint32_t)(lane[1] >> 8 * j & 255);
	}
#else
	const uint64_t m1 = 0x1111111111111111ULL, m4 = 0x0F0F0F0F0F0F0F0FULL;
	uint64_t byte[8] = { 0 };
	size_t i = 0, end;
	unsigned r, j;

	while (i < n) {
		uint64_t nib[4] = { 0 };

		for (end = n - i < 15 ? n : i + 15; i < end; i++) {
			uint64_t h = words[i];

			nib[0] += h & m1;
			nib[1] += h >> 1 & m1;
			nib[2] += h >> 2 & m1;
			nib[3] += h >> 3 & m1;
		}
		for (r = 0; r < 4; r++) {
			byte[r] += nib[r] & m4;
			byte[r + 4] += nib[r] >> 4 & m4;
		}
	}
	for (r = 0; r < 8; r++)
		for (j = 0; j < 8; j++)
			ones[8 * j + r] += (uint32_t)(byte[r] >> 8 * j & 255);
#endif
}

#if CD_SSE2
/* The bits of the byte x spread out: bit j to bit 8 j. */
static inline uint64_t spread8(uint64_t x)
{
	x = (x | x << 28) & 0x0000000F0000000FULL;
	x = (x | x << 14) & 0x0003000300030003ULL;
	return (x | x << 7) & 0x0101010101010101ULL;
}

/* cd_sketch_simhash of n <= 255 words (most texts): the two lanes'
 * byte counters added (at most 128 + 127) and compared with n / 2 where
 * they are, sixteen at a time, instead of spread into 64 counters and
 * compared one by one, which cost a short text as much as counting. */
static uint64_t simhash_short(const uint64_t *words, size_t n)
{
	const __m128i half = _mm_set1_epi8((char)(n / 2));
	__m128i byte[8];
	uint64_t out = 0;
	unsigned r, m;

	count_bytes(words, n, byte);
	for (r = 0; r < 8; r++) {
		__m128i c = _mm_add_epi8(byte[r], _mm_srli_si128(byte[r], 8));

		/* 2 c > n, that is c > n / 2 rounded down: c - n / 2,
		 * saturated, is not 0 */
		m = ~cd_b16_eq(_mm_subs_epu8(c, half), 0) & 0xffU;
		out |= spread8(m) << r;
	}
	return out;
}
#endif

uint64_t cd_sketch_simhash(const uint64_t *words, size_t n)
{
	uint32_t ones[64] = { 0 };
	uint64_t out = 0;
	size_t i;
	int b;

#if CD_SSE2
	if (n <= 255)
		return simhash_short(words, n);
#endif
	for (i = 0; i < n; i += 255)
		count_bits(words + i, n - i < 255 ? n - i : 255, ones);
	/* a bit is set when more words have it set than clear (without a
	 * branch: it goes either way at random) */
	for (b = 0; b < 64; b++)
		out |= (uint64_t)(2 * (uint64_t)ones[b] > n) << b;
	return out;
}

/* qsort comparison of two uint32_t. */
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

void cd_sketch_sort_u32(uint32_t *v, size_t n)
{
	size_t i, j;

	if (n > 64) {
		qsort(v, n, sizeof(*v), cmp_u32);
		return;
	}
	for (i = 1; i < n; i++) {
		uint32_t x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/*
 * Sort the hashes v[0..n) in place, ascending: when they are 16 to 64,
 * first spread by their top six bits into 64 runs (a counting sort, no
 * branch on the values), after which each is at most a few places from
 * where it goes, and the insertion sort that finishes moves few of them
 * and rarely mispredicts where it stops; that guess was wrong about once
 * a hash when insertion sorted them as they came.  Hashes are spread
 * evenly over the runs; other values would still be sorted, only not
 * faster.  Others as cd_sketch_sort_u32.
 */
#define HASH_BITS 6
#define HASH_RUNS (1 << HASH_BITS)
static void sort_hashes(uint32_t *v, size_t n)
{
	uint32_t tmp[64];	/* cd_sketch_sort_u32's insertion bound */
	unsigned at[HASH_RUNS + 1] = { 0 };
	size_t i;

	if (n >= 16 && n <= 64) {
		memcpy(tmp, v, n * sizeof(*v));
		for (i = 0; i < n; i++)
			at[(tmp[i] >> (32 - HASH_BITS)) + 1]++;
		for (i = 1; i <= HASH_RUNS; i++)
			at[i] += at[i - 1];
		for (i = 0; i < n; i++)
			v[at[tmp[i] >> (32 - HASH_BITS)]++] = tmp[i];
	}
	cd_sketch_sort_u32(v, n);
}

size_t cd_sketch_grams(const uint64_t *words, size_t n, uint32_t *out)
{
	return cd_sketch_grams_cut(words, n, NULL, 0, out);
}

size_t cd_sketch_grams_cut(const uint64_t *words, size_t n,
			   const size_t *cut, size_t ncut, uint32_t *out)
{
	size_t i, c = 0, m = 0, k = n > 3 ? 3 : n;

	if (n == 0)
		return 0;
	for (i = 0; i + k <= n; i++) {
		/* no gram runs over a cut: the next one after i */
		while (c < ncut && cut[c] <= i)
			c++;
		if (c < ncut && cut[c] < i + k)
			continue;
		out[m++] = (uint32_t)(shingle_hash(words + i, k, GOLDEN) >> 32);
	}
	if (m == 0)	/* every run too short: the grams of the whole */
		return cd_sketch_grams_cut(words, n, NULL, 0, out);
	sort_hashes(out, m);
	for (i = n = 0; i < m; i++)
		if (n == 0 || out[i] != out[n - 1])
			out[n++] = out[i];
	return n;
}

size_t cd_sketch_common_least(const uint32_t *a, size_t na,
			      const uint32_t *b, size_t nb, size_t need)
{
	size_t i = 0, j = 0, c = 0, k;

#if CD_SSE2
	/* Four values of each at a time: each of a's four against b's four
	 * in four rotations; then the four that end lower move on (both on
	 * a tie).  The values being distinct, a common one is counted once,
	 * when the fours that hold it meet, and the pairs not yet counted
	 * are of values from i and j on, as in the merge below, which
	 * finishes. */
	while (i + 4 <= na && j + 4 <= nb) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(a + i));
		__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(b + j));
		__m128i m = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi32(x, y),
				     _mm_cmpeq_epi32(x, _mm_shuffle_epi32(y, 0x39))),
			_mm_or_si128(_mm_cmpeq_epi32(x, _mm_shuffle_epi32(y, 0x4E)),
				     _mm_cmpeq_epi32(x, _mm_shuffle_epi32(y, 0x93))));
		uint32_t xl = a[i + 3], yl = b[j + 3];

		c += (size_t)__builtin_popcount(
			(unsigned)_mm_movemask_ps(_mm_castsi128_ps(m)));
		i += xl <= yl ? 4 : 0;
		j += yl <= xl ? 4 : 0;
		if (c + (na - i < nb - j ? na - i : nb - j) < need)
			return c;
	}
#endif
	while (i < na && j < nb) {
		/* Stop once the rest cannot make up need. */
		if (c + (na - i < nb - j ? na - i : nb - j) < need)
			break;
		/* Without branches: which side moves is data, not a guess
		 * the processor keeps getting wrong on two interleaved
		 * sets. */
		for (k = 0; k < 8 && i < na && j < nb; k++) {
			uint32_t x = a[i], y = b[j];

			c += x == y;
			i += x <= y;
			j += y <= x;
		}
	}
	return c;
}

size_t cd_sketch_common(const uint32_t *a, size_t na, const uint32_t *b,
			size_t nb)
{
	return cd_sketch_common_least(a, na, b, nb, 0);
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
