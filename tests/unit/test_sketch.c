/* test_sketch.c - unit tests of token, sketch, fp, dedup and mapred. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dedup.h"
#include "fp.h"
#include "mapred.h"
#include "sketch.h"
#include "token.h"
#include "unit.h"

#define DENSIFY_DIGEST 0x02ffb14e801529c5ULL

/* Fingerprint s with default parameters into fp. */
static void fp_of(struct cd_fp *fp, const char *s)
{
	struct cd_words w;
	struct cd_fp_params p;

	cd_words_init(&w);
	cd_fp_params_init(&p);
	cd_token_words(s, strlen(s), &w);
	cd_fp_compute(fp, &p, &w);
	cd_words_release(&w);
}

/* The words of s are the same as those of t. */
static int same_words(const char *s, const char *t)
{
	struct cd_words a, b;
	int same;

	cd_words_init(&a);
	cd_words_init(&b);
	cd_token_words(s, strlen(s), &a);
	cd_token_words(t, strlen(t), &b);
	same = a.n == b.n && memcmp(a.h, b.h, a.n * sizeof(*a.h)) == 0;
	cd_words_release(&a);
	cd_words_release(&b);
	return same;
}

/* Number of words of s. */
static size_t nwords(const char *s)
{
	struct cd_words w;
	size_t n;

	cd_words_init(&w);
	cd_token_words(s, strlen(s), &w);
	n = w.n;
	cd_words_release(&w);
	return n;
}

static void test_token(void)
{
	CHECK(same_words("Didn’t “Quote”", "didn't \"quote\""));
	CHECK(same_words("1,000.5 dollars", "10005 DOLLARS"));
	CHECK(same_words("ＡＢＣ ﬁne", "abc fine"));
	CHECK(same_words("Straße", "STRASSE"));
	CHECK(!same_words("cease-fire", "ceasefire"));
	CHECK(nwords("cease-fire") == 2);
	CHECK(nwords("東京都") == 3);
	CHECK(nwords("'quoted' words") == 2);
	CHECK(nwords("\xff\xfe bad bytes") == 2);
	CHECK(nwords("") == 0);
	CHECK(nwords("... -- !!") == 0);
}

static void test_minhash(void)
{
	uint64_t a[1000], b[1000], tab[4096];
	uint32_t sa[128], sb[128];
	uint16_t ha[128], hb[128];
	size_t i, da;
	double j;

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
	uint64_t w[40], tab[128], h = 0;
	size_t n, i, p, s;

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
	uint64_t tab[256];
	uint32_t sig[128];
	clock_t t = clock();

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

static void test_simhash(void)
{
	static const size_t ns[] = { 0, 1, 2, 254, 255, 256, 511, 1000 };
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

static void test_base64(void)
{
	uint32_t v[3] = { 0, 0xffffffffU, 0x01020304U }, *out = NULL;
	size_t cap = 0;
	struct cd_buf b = CD_BUF_INIT;

	cd_fp_b64_encode(v, 3, &b);
	CHECK_STR(b.p, b.len, "AAAAAP////8EAwIB");
	CHECK(cd_fp_b64_decode(b.p, b.len, &out, &cap) == 3);
	CHECK(out[1] == 0xffffffffU && out[2] == 0x01020304U);
	CHECK(cd_fp_b64_decode("AAAA=", 5, &out, &cap) == -1);
	CHECK(cd_fp_b64_decode("AA*A", 4, &out, &cap) == -1);
	CHECK(cd_fp_b64_decode("AAA=", 4, &out, &cap) == -1);
	CHECK(cd_fp_b64_decode("", 0, &out, &cap) == 0);
	/* 4 and 8 bytes: the last group padded with two and one '=' */
	cd_buf_reset(&b);
	cd_fp_b64_encode(v + 2, 1, &b);
	CHECK_STR(b.p, b.len, "BAMCAQ==");
	cd_buf_reset(&b);
	cd_fp_b64_encode(v + 1, 2, &b);
	CHECK_STR(b.p, b.len, "/////wQDAgE=");
	CHECK(cd_fp_b64_decode(b.p, b.len, &out, &cap) == 2);
	CHECK(out[0] == 0xffffffffU && out[1] == 0x01020304U);
	/* round trips of 0..9 values of 32 and 16 bits, every padding */
	for (size_t n = 0, k; n < 10; n++) {
		uint32_t w[10];
		bool same = true;

		for (k = 0; k < n; k++)
			w[k] = (uint32_t)(k + 1) * 2654435761u;
		cd_buf_reset(&b);
		cd_fp_b64_encode(w, n, &b);
		same &= cd_fp_b64_decode(b.p, b.len, &out, &cap) == (long)n;
		for (k = 0; same && k < n; k++)
			same &= out[k] == w[k];
		for (k = 0; k < n; k++)
			w[k] &= 0xffffU;
		cd_buf_reset(&b);
		cd_fp_b64_encode16(w, n, &b);
		same &= cd_fp_b64_decode16(b.p, b.len, &out, &cap) == (long)n;
		for (k = 0; same && k < n; k++)
			same &= out[k] == w[k];
		CHECK(same);
		if (b.len >= 4) {
			b.p[b.len - 3] = '*';
			CHECK(cd_fp_b64_decode16(b.p, b.len, &out, &cap) == -1);
		}
	}
	CHECK(cd_fp_b64_decode16("AAE=", 4, &out, &cap) == 1 &&
	      out[0] == 0x0100);
	CHECK(cd_fp_b64_decode16("AAEC", 4, &out, &cap) == -1);
	CHECK(cd_fp_b64_decode16("AQID", 4, &out, &cap) == -1);
	CHECK(cd_fp_b64_decode16("AQI=", 4, &out, &cap) == 1 &&
	      out[0] == 0x0201);
	free(out);
	cd_buf_release(&b);
}

static void test_fp_json(void)
{
	struct cd_fp a, b;
	struct cd_buf j = CD_BUF_INIT;
	const char *why = NULL, *m;

	cd_fp_init(&a);
	cd_fp_init(&b);
	fp_of(&a, "No, I didn't make any progress with him today at all");
	cd_fp_json(&a, &j);
	CHECK(cd_fp_parse(&b, j.p, j.len, &why) == 0);
	CHECK(b.exact == a.exact && b.simhash == a.simhash);
	CHECK(b.words == 11 && b.shingles == 7 && b.has_grams && b.ngrams == 9);
	CHECK(memcmp(a.mh, b.mh, 128 * 4) == 0);
	CHECK(cd_fp_parse(&b, "{\"v\":3}", 7, &why) == -1);
	/* 128 values of 16 bits: 256 bytes, 344 base64 characters */
	m = strstr(j.p, "\"minhash\":\"");
	CHECK(m != NULL && strchr(m + 11, '"') - (m + 11) == 344);
	CHECK(cd_fp_parse(&b, "[1]", 3, &why) == -1);
	/* grams must be a sorted set: the same value twice, or two values
	 * swapped, is refused (a record would be its own candidate) */
	{
		uint32_t g[3] = { 5, 5, 9 };
		struct cd_buf f = CD_BUF_INIT;
		size_t at;

		m = strstr(j.p, "\"grams\":\"");
		CHECK(m != NULL);
		at = (size_t)(m - j.p);
		for (int k = 0; k < 2; k++) {
			cd_buf_reset(&f);
			cd_buf_add(&f, j.p, at);
			cd_buf_adds(&f, "\"grams\":\"");
			cd_fp_b64_encode(g, 3, &f);
			cd_buf_adds(&f, "\"}");
			CHECK(cd_fp_parse(&b, f.p, f.len, &why) == -1 &&
			      strstr(why, "sorted"));
			g[1] = 11;	/* then 5, 11, 9 */
		}
		g[1] = 7;
		cd_buf_reset(&f);
		cd_buf_add(&f, j.p, at);
		cd_buf_adds(&f, "\"grams\":\"");
		cd_fp_b64_encode(g, 3, &f);
		cd_buf_adds(&f, "\"}");
		CHECK(cd_fp_parse(&b, f.p, f.len, &why) == 0 && b.ngrams == 3);
		cd_buf_release(&f);
	}
	cd_buf_release(&j);
	cd_fp_release(&a);
	cd_fp_release(&b);
}

/* A fingerprint object of version v with perm 2 and minhash m. */
static int parse_v(struct cd_fp *fp, int v, const char *m)
{
	char s[300];
	const char *why;

	snprintf(s, sizeof(s), "{\"v\":%d,\"perm\":2,\"shingle\":5,"
		 "\"seed\":0,\"exact\":\"0000000000000001\",\"simhash\":"
		 "\"0000000000000002\",\"words\":9,\"shingles\":5,"
		 "\"minhash\":\"%s\"}", v, m);
	return cd_fp_parse(fp, s, strlen(s), &why);
}

static void test_fp_versions(void)
{
	struct cd_fp f;

	cd_fp_init(&f);
	/* v 2: 16-bit values 0x0201 and 0xfffe */
	CHECK(parse_v(&f, 2, "AQL+/w==") == 0);
	CHECK(f.mh[0] == 0x0201 && f.mh[1] == 0xfffe && !f.has_grams);
	/* v 1: 32-bit values 0x04030201 and 0xfffffffe keep their low bits */
	CHECK(parse_v(&f, 1, "AQIDBP7///8=") == 0);
	CHECK(f.mh[0] == 0x0201 && f.mh[1] == 0xfffe);
	/* the wrong number of values for perm 2 */
	CHECK(parse_v(&f, 2, "AQIDBP7///8=") == -1);
	CHECK(parse_v(&f, 1, "AQL+/w==") == -1);
	CHECK(parse_v(&f, 0, "AQL+/w==") == -1);
	cd_fp_release(&f);
}

static void test_sim(void)
{
	struct cd_dedup_opts o;
	struct cd_fp a, b, c;
	bool near;
	double s;

	cd_dedup_opts_init(&o);
	cd_fp_init(&a);
	cd_fp_init(&b);
	cd_fp_init(&c);
	fp_of(&a, "No, I didn't make any progress with him today at all");
	fp_of(&b, "didn't make any progress");
	fp_of(&c, "I am very disappointed with the call I had today");
	s = cd_dedup_sim(&o, &a, &b, &near);
	CHECK(near && s == 1.0);
	s = cd_dedup_sim(&o, &a, &c, &near);
	CHECK(!near && s < 0.2);
	CHECK(cd_dedup_milli(0.8745) == 875 && cd_dedup_milli(2) == 1000);
	cd_fp_release(&a);
	cd_fp_release(&b);
	cd_fp_release(&c);
}

static void test_index(void)
{
	struct cd_dedup_opts o;
	struct cd_fp_params p;
	struct cd_dedup *d;
	struct cd_fp f;
	double sim;

	cd_dedup_opts_init(&o);
	cd_fp_params_init(&p);
	cd_fp_init(&f);
	d = cd_dedup_new(&o, &p);
	CHECK(d != NULL);
	fp_of(&f, "the first text about one thing");
	CHECK(cd_dedup_add(d, &f) == 0);
	fp_of(&f, "a second text on another matter entirely");
	CHECK(cd_dedup_add(d, &f) == 1);
	fp_of(&f, "THE first text -- about one thing!");
	CHECK(cd_dedup_add(d, &f) == 2);
	CHECK(cd_dedup_dup(d, 2) == 0 && cd_dedup_near(d, 2) == 0);
	CHECK(cd_dedup_near(d, 1) == 1);
	CHECK(cd_dedup_match(d, 2, &sim) == 0 && sim == 1.0);
	CHECK(cd_dedup_match(d, 1, &sim) == CD_DEDUP_NONE);
	cd_dedup_edge(d, 1, 5, 900, false);
	CHECK(cd_dedup_count(d) == 6 && cd_dedup_near(d, 5) == 1);
	cd_dedup_free(d);
	cd_fp_release(&f);
}

/* Count the edges an index reports, [0], and sum them up, [1]. */
static void count_edge(void *arg, uint32_t a, uint32_t b, unsigned milli,
		       bool dup)
{
	uint64_t *sum = arg;

	(void)milli;
	(void)dup;
	sum[0]++;
	sum[1] += (uint64_t)a * 1000003 + b;
}

/* Sorted keys given one by one: a key of many records (more than the
 * index holds of one key group at once) yields the pairs (first, i) and
 * (i - 1, i) of its records; a second key with the same records yields
 * no more.  The texts of records 0..n are one and the same text, so
 * every pair is near. */
static void test_key_groups(void)
{
	const uint32_t n = 70000;
	struct cd_dedup_opts o;
	struct cd_fp_params p;
	struct cd_dedup *d;
	struct cd_fp f;
	uint64_t edges[2] = { 0, 0 }, want = 0;
	uint32_t i;

	cd_dedup_opts_init(&o);
	o.deferred = true;
	o.on_edge = count_edge;
	o.edge_arg = edges;
	cd_fp_params_init(&p);
	cd_fp_init(&f);
	fp_of(&f, "one and the same short text");
	d = cd_dedup_new(&o, &p);
	CHECK(d != NULL);
	for (i = 0; i < n; i++)
		CHECK(cd_dedup_put(d, i, &f) == 0);
	for (i = 0; i < n; i++)
		CHECK(cd_dedup_key(d, 7, i, false) == 0);
	for (i = 0; i < 3; i++)
		CHECK(cd_dedup_key(d, 9, i, false) == 0);
	for (i = 0; i < 3; i++)
		CHECK(cd_dedup_key(d, 11, i, false) == 0);
	CHECK(cd_dedup_key(d, 11, 1, false) == -1);
	CHECK(cd_dedup_resolve(d) == 0);
	/* (0, i) for 0 < i < n, and (i - 1, i) for 1 < i < n */
	for (i = 1; i < n; i++)
		want += i + (i > 1 ? (uint64_t)(i - 1) * 1000003 + i : 0);
	CHECK(edges[0] == 2 * (uint64_t)n - 3 && edges[1] == want);
	CHECK(cd_dedup_near(d, n - 1) == 0);
	cd_dedup_free(d);
	cd_fp_release(&f);
}

/* Reduce the map lines in keys (the whole buffer, sorted by the caller's
 * construction) into out; returns the number of bad lines. */
static int reduce_all(struct cd_reduce *r, const struct cd_buf *keys)
{
	const char *p = keys->p, *end = keys->p + keys->len, *nl, *why;
	int bad = 0;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (cd_reduce_line(r, p, (size_t)(nl - p), &why) != 0)
			bad++;
	}
	return bad;
}

static void test_reduce(void)
{
	struct cd_dedup_opts o;
	struct cd_reduce r;
	struct cd_map m;
	struct cd_fp f;
	struct cd_buf keys = CD_BUF_INIT, out = CD_BUF_INIT;
	const char *why, *nl;
	size_t off;
	uint32_t a, b;
	unsigned milli;
	bool dup;

	cd_dedup_opts_init(&o);
	cd_fp_init(&f);
	fp_of(&f, "same words here");
	/* Records 0 and 3 alike: their signature lines, then their key
	 * lines, sorted. */
	CHECK(cd_map_init(&m, &o) == 0);
	CHECK(cd_map_add(&m, &f, 0, &keys) == 0);
	CHECK(strncmp(keys.p, "!\t0000000000\t", 13) == 0);
	CHECK(cd_map_add(&m, &f, 3, &keys) == 0);
	nl = memchr(keys.p, '\n', keys.len);
	CHECK(strncmp(nl + 1, "!\t0000000003\t", 13) == 0);
	/* finishing may move keys.p: keep the offset, not the pointer */
	off = (size_t)(nl + 1 - keys.p);
	CHECK(cd_map_finish(&m, &keys, NULL) == 0);
	cd_map_release(&m);
	nl = memchr(keys.p + off, '\n', keys.len - off);
	CHECK(nl[1 + 29] == '\n' && memcmp(nl + 1 + 17, "0000000000", 10) == 0);
	CHECK(memcmp(nl + 1, nl + 31, 16) == 0);
	cd_reduce_init(&r, &o, &out);
	CHECK(reduce_all(&r, &keys) == 0);
	CHECK(cd_reduce_finish(&r) == 0);
	CHECK_STR(out.p, out.len, "0000000000\t0000000003\t1000\t1\n");
	CHECK(cd_mapred_edge(out.p, out.len - 1, &a, &b, &milli, &dup) == 0);
	CHECK(a == 0 && b == 3 && milli == 1000 && dup);
	CHECK(cd_reduce_line(&r, "x\ty", 3, &why) == -1 && why);
	CHECK(cd_mapred_edge("1\t2\t3", 5, &a, &b, &milli, &dup) == -1);
	cd_reduce_release(&r);
	/* A key line whose record has no signature line is refused. */
	cd_reduce_init(&r, &o, &out);
	CHECK(cd_reduce_line(&r, "00000000000000ab\t0000000001\tb", 30,
			     &why) == -1 && why);
	cd_reduce_release(&r);
	cd_fp_release(&f);
	cd_buf_release(&keys);
	cd_buf_release(&out);
}

int main(void)
{
	test_token();
	test_minhash();
	test_densify();
	test_simhash();
	test_bands();
	test_grams();
	test_common();
	test_base64();
	test_fp_json();
	test_fp_versions();
	test_sim();
	test_index();
	test_key_groups();
	test_reduce();
	return UNIT_END();
}
