/* test_sketch.c - unit tests of sketch.c: MinHash, densification, SimHash, bands, trigrams. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sketch.h"
#include "unit.h"

#define DENSIFY_DIGEST 0x02ffb14e801529c5ULL

static void test_minhash(void)
{
	uint64_t a[1000], b[1000], tab[4096];
	uint32_t sa[128], sb[128];
	uint16_t ha[128], hb[128];
	size_t i, da;
	double j;

	CHECK(cd_sketch_tab_len(1000) <= 4096);
	/* at most a quarter full up to 65,536 words, half full above */
	CHECK(cd_sketch_tab_len(100) == 512);
	CHECK(cd_sketch_tab_len(65536) == 262144);
	CHECK(cd_sketch_tab_len(65537) == 262144);

	/* b shares its first 600 words with a: 596 common 5-shingles of
	 * 996 + 996 - 596 = 1396 distinct, J = 0.427 */
	for (i = 0; i < 1000; i++) {
		a[i] = i * 2654435761u + 1;
		b[i] = i < 600 ? a[i] : i * 40503u + 7;
	}
	da = cd_sketch_minhash(a, 1000, 128, 5, 0, sa, tab);
	cd_sketch_minhash(b, 1000, 128, 5, 0, sb, tab);
	CHECK(da == 996);
	for (i = 0; i < 128; i++) {
		ha[i] = (uint16_t)sa[i];
		hb[i] = (uint16_t)sb[i];
	}
	j = cd_sketch_jaccard(ha, hb, 128);
	CHECK(j > 0.427 - 0.15 && j < 0.427 + 0.15);
	CHECK(cd_sketch_jaccard(ha, ha, 128) == 1.0);
	/* every position by hand, over lengths not a multiple of four */
	for (i = 0; i < 7; i++) {
		unsigned eq = 0, k;

		for (k = 0; k < 127 - i; k++)
			eq += ha[k] == hb[k];
		CHECK(cd_sketch_jaccard(ha, hb, 127 - i) ==
		      (double)eq / (127 - i));
	}
	hb[0] = ha[0];
	hb[126] = ha[126] ^ 0x8000;
	CHECK(cd_sketch_jaccard(ha, hb, 1) == 1.0);
	CHECK(cd_sketch_jaccard(ha, hb, 127) < cd_sketch_jaccard(ha, hb, 126));
	cd_sketch_minhash(a, 0, 128, 5, 0, sa, tab);
	CHECK(sa[0] == 0xffffffffU && sa[127] == 0xffffffffU);
	CHECK(cd_sketch_minhash(a, 3, 128, 5, 0, sa, tab) == 1);
}

/* A digest of the signatures of texts of 1 to 40 words, for perm 16, 128
 * and 1024 and two seeds: texts of few words fill few bins and are
 * densified by the shortcut paths of sketch.c. */
static uint64_t densify_digest(void)
{
	static const unsigned perms[] = { 16, 128, 1024 };
	static uint32_t sig[1024];
	uint64_t w[40], tab[256], h = 0;
	size_t n, i, p, s;

	CHECK(cd_sketch_tab_len(40) <= 256);
	for (i = 0; i < 40; i++)
		w[i] = cd_mix64(i + 1);
	for (p = 0; p < 3; p++)
		for (s = 0; s < 2; s++)
			for (n = 1; n <= 40; n++) {
				cd_sketch_minhash(w, n, perms[p], 5, s * 7, sig,
						  tab);
				for (i = 0; i < perms[p]; i++)
					h = cd_mix64(h ^ sig[i]);
			}
	return h;
}

/* CPU seconds to compute reps signatures of w[0..n). */
static double minhash_secs(const uint64_t *w, size_t n, unsigned reps)
{
	uint64_t tab[512];
	uint32_t sig[128];
	clock_t t = clock();

	CHECK(cd_sketch_tab_len(n) <= 512);
	for (unsigned r = 0; r < reps; r++)
		cd_sketch_minhash(w, n, 128, 5, 0, sig, tab);
	return (double)(clock() - t) / CLOCKS_PER_SEC;
}

static void test_densify(void)
{
	uint64_t w[70];
	double few, many;
	size_t i;

	/* the value of the probing densification, before its shortcuts:
	 * signatures of short texts stay comparable with long texts' */
	CHECK(densify_digest() == DENSIFY_DIGEST);
	for (i = 0; i < 70; i++)
		w[i] = cd_mix64(i + 100);
	minhash_secs(w, 2, 1);
	/* a two-word text (one shingle, one bin filled) costs no more than
	 * a few times a 70-word one (15 times, probing every bin) */
	few = minhash_secs(w, 2, 20000);
	many = minhash_secs(w, 70, 20000);
	CHECK(few < 4 * many + 0.005);
	few = minhash_secs(w, 8, 20000);
	CHECK(few < 4 * many + 0.005);
}

/* The SimHash of words[0..n), bit by bit (the definition). */
static uint64_t simhash_ref(const uint64_t *words, size_t n)
{
	uint64_t out = 0;
	size_t i;
	int b;

	for (b = 0; b < 64; b++) {
		long v = 0;

		for (i = 0; i < n; i++)
			v += (words[i] >> b & 1) ? 1 : -1;
		if (v > 0)
			out |= (uint64_t)1 << b;
	}
	return out;
}

/* Counts at and next to half the words, for every n up to 300 (a text
 * of up to 255 words is compared in the counter's bytes): bit b is set
 * in the first n / 2 - 2 + b % 5 words; and every bit in every word. */
static void test_simhash_ties(void)
{
	static uint64_t w[300];
	size_t n, i;
	int b;
	int ok = 1;

	for (n = 0; n <= 300; n++) {
		for (i = 0; i < n; i++) {
			w[i] = 0;
			for (b = 0; b < 64; b++)
				if ((long)i < (long)(n / 2) - 2 + b % 5)
					w[i] |= (uint64_t)1 << b;
		}
		ok &= cd_sketch_simhash(w, n) == simhash_ref(w, n);
	}
	CHECK(ok);
	for (i = 0; i < 255; i++)
		w[i] = ~(uint64_t)0;
	CHECK(cd_sketch_simhash(w, 255) == ~(uint64_t)0);
	CHECK(cd_sketch_simhash(w, 254) == ~(uint64_t)0);
}

/* Every count of words around the blocks of the counter (15 words a
 * lane, two lanes, 255 words a call). */
static void test_simhash(void)
{
	static const size_t ns[] = { 0, 1, 2, 3, 29, 30, 31, 61, 254, 255,
				     256, 511, 1000 };
	uint64_t w[1000], x = 88172645463325252ULL;
	size_t i;

	for (i = 0; i < 1000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* a bias to some bits, so that counts are not all near n/2 */
		w[i] = x | (i % 3 ? 0xF0ULL : 0);
	}
	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		CHECK(cd_sketch_simhash(w, ns[i]) == simhash_ref(w, ns[i]));
	CHECK(cd_sketch_simhash(w, 0) == 0);
	test_simhash_ties();
}

static void test_bands(void)
{
	unsigned b, r;

	cd_sketch_bands(0.7, 128, &b, &r);
	CHECK(b == 42 && r == 3);
	cd_sketch_bands(0.5, 128, &b, &r);
	CHECK(b == 64 && r == 2);
	cd_sketch_bands(0.95, 128, &b, &r);
	CHECK(b * r <= 128 && r >= 4);
	cd_sketch_bands(0.01, 16, &b, &r);
	CHECK(b == 16 && r == 1);
}

static void test_grams(void)
{
	uint64_t w[5] = { 1, 2, 3, 4, 5 };
	uint32_t g[5], h[5];
	size_t ng, nh;

	ng = cd_sketch_grams(w, 5, g);
	CHECK(ng == 3);
	CHECK(g[0] < g[1] && g[1] < g[2]);
	nh = cd_sketch_grams(w + 1, 4, h);
	CHECK(nh == 2);
	CHECK(cd_sketch_common(g, ng, h, nh) == 2);
	CHECK(cd_sketch_grams(w, 2, g) == 1);
	CHECK(cd_sketch_grams(w, 0, g) == 0);
}

/* The grams of texts of 3 to 70 words from a vocabulary of nine (so
 * some trigrams repeat), sorted by whichever way sketch.c picks for their
 * count, against the single grams of each window (a text of three words
 * has one) sorted by cd_sketch_sort_u32 and made distinct. */
static void test_grams_sorted(void)
{
	uint64_t w[70];
	uint32_t g[70], ref[70], one;
	size_t n, i, ng, nr;
	int ok = 1;

	for (i = 0; i < 70; i++)
		w[i] = cd_mix64(i * 7 % 9 + 1 + (i % 11 == 0));
	for (n = 3; n <= 70; n++) {
		ng = cd_sketch_grams(w, n, g);
		for (i = 0; i + 3 <= n; i++) {
			CHECK(cd_sketch_grams(w + i, 3, &one) == 1);
			ref[i] = one;
		}
		cd_sketch_sort_u32(ref, n - 2);
		for (i = nr = 0; i < n - 2; i++)
			if (nr == 0 || ref[i] != ref[nr - 1])
				ref[nr++] = ref[i];
		ok &= ng == nr && memcmp(g, ref, nr * sizeof(*g)) == 0;
	}
	CHECK(ok);
}

/* No trigram runs over a cut; runs all too short give the whole's. */
static void test_grams_cut(void)
{
	uint64_t w[7] = { 1, 2, 3, 4, 5, 6, 7 };
	uint32_t g[7], h[7];
	size_t cut[2] = { 3, 4 }, one = 2, ng, nh;

	/* 1 2 3 | 4 | 5 6 7: the grams of 1 2 3 and of 5 6 7 */
	ng = cd_sketch_grams_cut(w, 7, cut, 2, g);
	CHECK(ng == 2);
	nh = cd_sketch_grams(w, 3, h);
	CHECK(cd_sketch_common(g, ng, h, nh) == 1);
	nh = cd_sketch_grams(w + 4, 3, h);
	CHECK(cd_sketch_common(g, ng, h, nh) == 1);
	/* no cut: all five */
	CHECK(cd_sketch_grams_cut(w, 7, cut, 0, g) == 5);
	/* 1 2 | 3 4: no run of three, so the two grams of the whole */
	ng = cd_sketch_grams_cut(w, 4, &one, 1, g);
	nh = cd_sketch_grams(w, 4, h);
	CHECK(ng == 2 && nh == 2 && memcmp(g, h, sizeof(*g) * 2) == 0);
}

/* cd_sketch_common against counting by hand, on sorted distinct sets of
 * many sizes and overlaps, including empty ones and the largest value. */
static void test_common(void)
{
	uint32_t a[64], b[64];
	uint64_t st = 7;
	int ok = 1;

	for (int round = 0; round < 2000; round++) {
		size_t na = 0, nb = 0, want = 0;

		for (uint32_t v = 0; v < 96; v++) {
			st = st * 6364136223846793005ULL + 1442695040888963407ULL;
			int ina = (st >> 33) % 3 == 0 && na < 64;
			int inb = (st >> 40) % 3 == 0 && nb < 64;
			uint32_t x = v == 95 ? UINT32_MAX : v * 1000u;

			if (ina)
				a[na++] = x;
			if (inb)
				b[nb++] = x;
			want += ina && inb;
		}
		ok &= cd_sketch_common(a, na, b, nb) == want;
		ok &= cd_sketch_common(b, nb, a, na) == want;
		ok &= cd_sketch_common(a, na, b, 0) == 0;
		/* bounded: exact when it reaches need, else below need */
		for (size_t need = 0; need <= 40; need += 4) {
			size_t got = cd_sketch_common_least(a, na, b, nb, need);

			ok &= want >= need ? got == want : got < need;
		}
	}
	CHECK(ok);
}

int main(void)
{
	test_minhash();
	test_densify();
	test_simhash();
	test_bands();
	test_grams();
	test_grams_cut();
	test_grams_sorted();
	test_common();
	return UNIT_END();
}
