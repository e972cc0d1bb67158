/* test_fp.c - unit tests of fp.c: base64, the fp object and its versions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fp.h"
#include "fpcase.h"
#include "sketch.h"
#include "unit.h"

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
	/* a bad digit or a '=' in a whole quad before the padded one */
	CHECK(cd_fp_b64_decode("AA*AAAAAAAA=", 12, &out, &cap) == -1);
	CHECK(cd_fp_b64_decode("AAA=AAAAAAA=", 12, &out, &cap) == -1);
	CHECK(cd_fp_b64_decode("AAAAAAAAAA\x80=", 12, &out, &cap) == -1);
	/* 4 and 8 bytes: the last group padded with two and one '=' */
	cd_buf_reset(&b);
	cd_fp_b64_encode(v + 2, 1, &b);
	CHECK_STR(b.p, b.len, "BAMCAQ==");
	cd_buf_reset(&b);
	cd_fp_b64_encode(v + 1, 2, &b);
	CHECK_STR(b.p, b.len, "/////wQDAgE=");
	CHECK(cd_fp_b64_decode(b.p, b.len, &out, &cap) == 2);
	CHECK(out[0] == 0xffffffffU && out[1] == 0x01020304U);
	/* round trips of 0..39 values of 32 and 16 bits, every padding,
	 * past the sixteen values of 16 bits spread eight at a time */
	for (size_t n = 0, k; n < 40; n++) {
		uint32_t w[40];
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

/* A fingerprint object of version v with perm 2, the given seed and
 * exact members and minhash m. */
static int parse_fp(struct cd_fp *fp, int v, const char *seed,
		    const char *exact, const char *m)
{
	char s[300];
	const char *why;

	snprintf(s, sizeof(s), "{\"v\":%d,\"perm\":2,\"shingle\":5,"
		 "\"seed\":%s,\"exact\":\"%s\",\"simhash\":"
		 "\"0000000000000002\",\"words\":9,\"shingles\":5,"
		 "\"minhash\":\"%s\"}", v, seed, exact, m);
	return cd_fp_parse(fp, s, strlen(s), &why);
}

/* The same of seed 0 and exact 1. */
static int parse_v(struct cd_fp *fp, int v, const char *m)
{
	return parse_fp(fp, v, "0", "0000000000000001", m);
}

/* The same of version 2 with the given seed and exact members. */
static int parse_se(struct cd_fp *fp, const char *seed, const char *exact)
{
	return parse_fp(fp, 2, seed, exact, "AQL+/w==");
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

/* The whole numbers and hex digits of a fingerprint: the plain ones and
 * the odd ones read alike. */
static void test_fp_numbers(void)
{
	struct cd_fp f;

	cd_fp_init(&f);
	CHECK(parse_se(&f, "1234567890123456789", "0123456789abcdef") == 0);
	CHECK(f.par.seed == 1234567890123456789u &&
	      f.exact == 0x0123456789abcdefu);
	CHECK(parse_se(&f, "18446744073709551615", "FEDCBA9876543210") == 0);
	CHECK(f.par.seed == UINT64_MAX && f.exact == 0xfedcba9876543210u);
	CHECK(parse_se(&f, "0", "00000000000000ff") == 0);
	CHECK(f.par.seed == 0 && f.exact == 0xff);
	CHECK(parse_se(&f, "1.5", "0000000000000001") == -1);
	CHECK(parse_se(&f, "1e3", "0000000000000001") == -1);
	CHECK(parse_se(&f, "7", "000000000000000g") == -1);
	CHECK(parse_se(&f, "7", "00000000000000 1") == -1);
	/* "words" above 32 bits */
	const char *big = "{\"v\":2,\"perm\":2,\"shingle\":5,\"seed\":0,"
			  "\"exact\":\"0000000000000001\",\"simhash\":"
			  "\"0000000000000002\",\"words\":4294967296,"
			  "\"shingles\":5,\"minhash\":\"AQL+/w==\"}";
	const char *why;
	CHECK(cd_fp_parse(&f, big, strlen(big), &why) == -1);
	cd_fp_release(&f);
}

/* Whether a and b hold the same fingerprint: the same JSON. */
static bool same_fp(const struct cd_fp *a, const struct cd_fp *b)
{
	struct cd_buf x = CD_BUF_INIT, y = CD_BUF_INIT;
	bool same;

	cd_fp_json(a, &x);
	cd_fp_json(b, &y);
	same = x.len == y.len && !memcmp(x.p, y.p, x.len);
	cd_buf_release(&x);
	cd_buf_release(&y);
	return same;
}

/* The fp object as cd_fp_json writes it (read without a record parse)
 * and the same laid out otherwise (read as a record) give the same
 * fingerprint; so do their refusals. */
static void test_fp_layouts(void)
{
	static const char *texts[] = {
		"No, I didn't make any progress with him today at all",
		"The council met on Tuesday to agree the budget for the "
		"coming year, and after a long debate about roads, schools "
		"and the new library it voted by seven to two to raise the "
		"local tax by two per cent, the first rise in five years.",
	};
	struct cd_fp a, b, c;
	struct cd_buf j = CD_BUF_INIT, k = CD_BUF_INIT;
	const char *why;

	cd_fp_init(&a);
	cd_fp_init(&b);
	cd_fp_init(&c);
	for (size_t t = 0; t < sizeof(texts) / sizeof(*texts); t++) {
		cd_buf_reset(&j);
		cd_buf_reset(&k);
		fp_of(&a, texts[t]);
		cd_fp_json(&a, &j);
		/* the same members with a space after each ':' */
		for (size_t i = 0; i < j.len; i++) {
			cd_buf_addc(&k, j.p[i]);
			if (j.p[i] == ':')
				cd_buf_addc(&k, ' ');
		}
		CHECK(cd_fp_parse(&b, j.p, j.len, &why) == 0);
		CHECK(cd_fp_parse(&c, k.p, k.len, &why) == 0);
		CHECK(same_fp(&a, &b) && same_fp(&b, &c));
	}
	/* a seed of 20 digits, above what the fast path reads */
	why = "{\"v\":2,\"perm\":1,\"shingle\":5,"
	      "\"seed\":18446744073709551615,\"exact\":\"0000000000000001\","
	      "\"simhash\":\"0000000000000002\",\"words\":9,\"shingles\":5,"
	      "\"minhash\":\"AAE=\"}";
	CHECK(cd_fp_parse(&b, why, strlen(why), &why) == 0 &&
	      b.par.seed == UINT64_MAX && b.mh[0] == 0x0100);
	/* perm 0 is refused either way */
	CHECK(cd_fp_parse(&b, "{\"v\":2,\"perm\":0}", 16, &why) == -1);
	cd_buf_release(&j);
	cd_buf_release(&k);
	cd_fp_release(&a);
	cd_fp_release(&b);
	cd_fp_release(&c);
}

/* The grams of a short text stop at an elision ("…", "..." or ". . .",
 * the seam copydesk-quote writes between the pieces of a quotation): the
 * grams of the pieces, while the words, exact hash and MinHash are those
 * of the whole. */
static void test_fp_elision(void)
{
	static const char *seams[] = {
		"We fixed the pumps on the north quay,\xe2\x80\x9d "
		"\xe2\x80\xa6 \xe2\x80\x9c" "and the ferries sail again "
		"at dawn",
		"We fixed the pumps on the north quay... and the ferries "
		"sail again at dawn",
		"We fixed the pumps on the north quay . . . and the ferries "
		"sail again at dawn",
		/* full stops that are no elision, before it and after */
		"We fixed the pumps on the north quay.... And the ferries "
		"sail again at dawn.",
	};
	struct cd_fp a, b, c, d;
	size_t i;

	cd_fp_init(&a);
	cd_fp_init(&b);
	cd_fp_init(&c);
	cd_fp_init(&d);
	fp_of(&b, "We fixed the pumps on the north quay");
	fp_of(&c, "and the ferries sail again at dawn");
	fp_of(&d, "We fixed the pumps on the north quay and the ferries "
		  "sail again at dawn");
	CHECK(d.ngrams == 13);
	for (i = 0; i < sizeof(seams) / sizeof(*seams); i++) {
		fp_of(&a, seams[i]);
		CHECK(a.words == 15 && a.exact == d.exact);
		CHECK(memcmp(a.mh, d.mh, 128 * sizeof(*a.mh)) == 0);
		CHECK(a.ngrams == b.ngrams + c.ngrams && a.ngrams == 11);
		CHECK(cd_sketch_common(a.grams, a.ngrams, b.grams,
				       b.ngrams) == b.ngrams);
		CHECK(cd_sketch_common(a.grams, a.ngrams, c.grams,
				       c.ngrams) == c.ngrams);
	}
	/* an ellipsis at an end, or with a piece of two words, cuts nothing
	 * that matters: the grams of the whole */
	fp_of(&a, "\xe2\x80\xa6 We fixed the pumps on the north quay ...");
	CHECK(a.ngrams == b.ngrams && memcmp(a.grams, b.grams,
					     b.ngrams * 4) == 0);
	fp_of(&a, "We fixed \xe2\x80\xa6 the pumps");
	fp_of(&b, "We fixed the pumps");
	CHECK(a.ngrams == 2 && memcmp(a.grams, b.grams, 2 * 4) == 0);
	cd_fp_release(&a);
	cd_fp_release(&b);
	cd_fp_release(&c);
	cd_fp_release(&d);
}

int main(void)
{
	test_base64();
	test_fp_json();
	test_fp_layouts();
	test_fp_versions();
	test_fp_numbers();
	test_fp_elision();
	return UNIT_END();
}
