/* test_dedup.c - unit tests of dedup.c: similarity, the index, key groups. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup.h"
#include "dedup_int.h"
#include "fp.h"
#include "fpcase.h"
#include "unit.h"

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

static void test_short_collision(void)
{
	struct cd_dedup_opts o;
	struct cd_fp a, b, c, d;
	bool near = true;

	cd_dedup_opts_init(&o);
	cd_fp_init(&a);
	cd_fp_init(&b);
	cd_fp_init(&c);
	cd_fp_init(&d);
	/* two unrelated two-word texts whose one 32-bit gram is the same */
	fp_of(&a, "hapa 8928");
	fp_of(&b, "nubulo 43351");
	CHECK(a.ngrams == 1 && b.ngrams == 1 && a.grams[0] == b.grams[0]);
	CHECK(cd_dedup_sim(&o, &a, &b, &near) == 0 && !near);
	/* a copy in other case and punctuation is still the same text */
	fp_of(&c, "Hapa, 8928!");
	CHECK(cd_dedup_sim(&o, &a, &c, &near) == 1 && near);
	/* a text of two words has no gram in common with a longer text,
	 * whatever its grams' bits, and three words stay comparable */
	fp_of(&d, "a b c d e f");
	d.grams[0] = a.grams[0];
	CHECK(cd_dedup_sim(&o, &a, &d, &near) < 0.5 && !near);
	cd_fp_release(&a);
	cd_fp_release(&b);
	cd_fp_release(&c);
	cd_fp_release(&d);
}

/* Record i's text for test_table, its length: words of a small made-up
 * vocabulary (long texts, and every fourth a short one, compared by its
 * word trigrams); some records are copies of an earlier one, which may
 * be a copy itself: exact but for case and punctuation, or near, with
 * a word added. */
static size_t table_text(uint32_t i, char *buf, size_t cap)
{
	uint32_t x = i * 2654435761u + 12345, w, n = i % 4 == 3 ? 9 : 60;
	size_t len = 0, k;

	if (i >= 20 && i % 5 == 1) {
		len = table_text(i / 2, buf, cap);
		return len + (size_t)snprintf(buf + len, cap - len, " v%u", i);
	}
	if (i >= 20 && i % 7 == 2) {
		len = table_text(i - 9 - i % 60, buf, cap);
		for (k = 0; k < len; k++)
			buf[k] = buf[k] == ' ' ? ',' : (char)toupper(buf[k]);
		return len;
	}
	for (w = 0; w < n && len + 16 < cap; w++) {
		x = x * 1103515245u + 12345;
		len += (size_t)snprintf(buf + len, cap - len, w ? " w%u" : "w%u",
					(x >> 16) % 500);
	}
	return len;
}

/* Add the n records of table_text to the nd indexes d; *held (unless
 * NULL) gets the key entries d[0] holds once the first record's keys
 * are taken (at the second record). */
static void add_table_texts(struct cd_dedup *const *d, int nd, uint32_t n,
			    size_t *held)
{
	struct cd_fp f;
	char text[4096];

	cd_fp_init(&f);
	for (uint32_t i = 0; i < n; i++) {
		table_text(i, text, sizeof(text));
		fp_of(&f, text);
		for (int k = 0; k < nd; k++)
			CHECK(cd_dedup_add(d[k], &f) == i);
		if (held && i == 1)
			*held = cd_dedup_keys_held(d[0]);
	}
	cd_fp_release(&f);
}

/* The same records in four indexes: deferred with a key table (the
 * default size), deferred with a table too small for them (past it the
 * keys go to the sort), deferred without a table (the sort)
 * and not deferred; all four give the same groups, matches and exact
 * copies, and the deferred ones tell the same edges. */
static void test_table(void)
{
	const uint32_t n = 300;
	struct cd_dedup_opts o;
	struct cd_fp_params p;
	struct cd_dedup *d[4];
	uint64_t edges[4][2] = { { 0, 0 } };
	uint32_t i, near = 0, dups = 0;
	int k;

	cd_fp_params_init(&p);
	for (k = 0; k < 4; k++) {
		cd_dedup_opts_init(&o);
		o.deferred = k < 3;
		o.table = o.huge = k < 2;
		o.keys_len = k == 1 ? 8192 : 0;
		o.on_edge = count_edge;
		o.edge_arg = edges[k];
		d[k] = cd_dedup_new(&o, &p);
		CHECK(d[k] != NULL);
	}
	add_table_texts(d, 4, n, NULL);
	for (k = 0; k < 4; k++)
		CHECK(cd_dedup_resolve(d[k]) == 0);
	for (i = 0; i < n; i++) {
		double s0, s;
		uint32_t m0 = cd_dedup_match(d[0], i, &s0);

		near += cd_dedup_near(d[0], i) != i;
		dups += cd_dedup_dup(d[0], i) != i;
		for (k = 1; k < 4; k++) {
			CHECK(cd_dedup_near(d[k], i) == cd_dedup_near(d[0], i));
			CHECK(cd_dedup_dup(d[k], i) == cd_dedup_dup(d[0], i));
			CHECK(cd_dedup_match(d[k], i, &s) == m0 && s == s0);
		}
	}
	CHECK(near >= 80 && dups >= 25);
	CHECK(edges[0][0] >= near && edges[3][0] == 0);
	for (k = 1; k < 3; k++)
		CHECK(edges[k][0] == edges[0][0] && edges[k][1] == edges[0][1]);
	for (k = 0; k < 4; k++)
		cd_dedup_free(d[k]);
}

/* The records of test_table in an index with a key table too small for
 * them: past the table the sort holds half as many key entries (its
 * buffer gathers writes to disk by then); and in one without matches
 * (opts.no_match): the same groups, copies and similarities as with
 * them, but no match named. */
static void test_sort_half_no_match(void)
{
	const uint32_t n = 300;
	struct cd_dedup_opts o;
	struct cd_fp_params p;
	struct cd_dedup *d[2];
	uint32_t i, named = 0;
	size_t held = 0;
	double sim;
	int k;

	cd_fp_params_init(&p);
	for (k = 0; k < 2; k++) {
		cd_dedup_opts_init(&o);
		o.deferred = o.table = o.huge = true;
		o.keys_len = 8192;
		o.no_match = k == 1;
		d[k] = cd_dedup_new(&o, &p);
		CHECK(d[k] != NULL);
	}
	add_table_texts(d, 2, n, &held);
	CHECK(held == 8192);
	CHECK(!cd_dedup_table_lasts(d[0]) &&
	      cd_dedup_keys_held(d[0]) == 4096);
	for (k = 0; k < 2; k++)
		CHECK(cd_dedup_resolve(d[k]) == 0);
	for (i = 0; i < n; i++) {
		double s0, s1;
		uint32_t m0 = cd_dedup_match(d[0], i, &s0);

		named += m0 != CD_DEDUP_NONE;
		CHECK(cd_dedup_match(d[1], i, &s1) == CD_DEDUP_NONE &&
		      s1 == s0);
		CHECK(cd_dedup_near(d[1], i) == cd_dedup_near(d[0], i));
		CHECK(cd_dedup_dup(d[1], i) == cd_dedup_dup(d[0], i));
	}
	CHECK(named >= 80);
	/* a lower similarity keeps the higher; none yet reads 1 */
	cd_dedup_edge(d[1], 1, n + 1, 900, false);
	cd_dedup_edge(d[1], 2, n + 1, 700, false);
	CHECK(cd_dedup_match(d[1], n + 1, &sim) == CD_DEDUP_NONE &&
	      sim == 0.9);
	CHECK(cd_dedup_match(d[1], n, &sim) == CD_DEDUP_NONE && sim == 1.0);
	for (k = 0; k < 2; k++)
		cd_dedup_free(d[k]);
}

/* cd_dedup_mh16 keeps the low 16 bits of every value, whatever the
 * high ones and the count (eight at a time, then one by one). */
static void test_mh16(void)
{
	uint32_t v[21];
	uint16_t out[22];
	bool ok = true;

	for (unsigned k = 0; k < 21; k++)
		v[k] = 0x8000u * k + (k % 2 ? 0xFFFF0000u : 0) + k;
	for (unsigned n = 0; n <= 21; n++) {
		out[n] = 0xABCD;
		cd_dedup_mh16(v, n, out);
		for (unsigned k = 0; k < n; k++)
			ok &= out[k] == (uint16_t)v[k];
		ok &= out[n] == 0xABCD;
	}
	CHECK(ok);
}

int main(void)
{
	test_mh16();
	test_sim();
	test_index();
	test_key_groups();
	test_short_collision();
	test_table();
	test_sort_half_no_match();
	return UNIT_END();
}
