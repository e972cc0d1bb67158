/* test_hmap.c - the open-addressing table (hmap.h). */
#include <stdlib.h>

#include "buf.h"
#include "hmap.h"
#include "unit.h"

/* An initialized table has no slots of its own until the first insert,
 * and lookups on it find nothing. */
static void test_empty(void)
{
	struct cd_hmap m;
	uint32_t v = 7;

	cd_hmap_init(&m);
	CHECK(m.n == 0 && m.cap <= 1);
	CHECK(!m.keys[cd_hmap_find(&m, 42)]);
	cd_hmap_prefetch(&m, 42);
	CHECK(!cd_hmap_get(&m, 42, &v) && v == 7);
	cd_hmap_free(&m);
	cd_hmap_free(&m);		/* again is harmless */
	CHECK(m.keys == NULL && m.cap == 0);
}

/* A zeroed struct is an empty table for get, slot, set, add and free. */
static void test_zeroed(void)
{
	struct cd_hmap m = { 0 };
	uint32_t v;

	CHECK(!cd_hmap_get(&m, 5, &v));
	CHECK(cd_hmap_add(&m, 5));
	CHECK(!cd_hmap_add(&m, 5));
	CHECK(m.n == 1 && m.cap == 16);
	CHECK(cd_hmap_get(&m, 5, &v) && v == 0);
	CHECK(!cd_hmap_get(&m, 6, &v));
	cd_hmap_free(&m);
	CHECK(m.n == 0 && m.cap == 0);
}

/* Many keys, among them keys that collide in every table size (same low
 * bits): each keeps its value through the growth, never over half full. */
static void test_many(void)
{
	struct cd_hmap m;
	uint32_t v;
	size_t i, j;
	int bad = 0;

	cd_hmap_init(&m);
	for (i = 1; i <= 5000; i++) {
		uint64_t h = i % 2 ? i << 32 : i * 0x9E3779B97F4A7C15ULL;

		j = cd_hmap_slot(&m, h);
		if (m.keys[j])
			bad++;
		else
			cd_hmap_set(&m, j, h, (uint32_t)i);
		if (2 * m.n > m.cap)
			bad++;
	}
	CHECK(bad == 0);
	CHECK(m.n == 5000);
	CHECK((m.cap & (m.cap - 1)) == 0);
	for (i = 1; i <= 5000; i++) {
		uint64_t h = i % 2 ? i << 32 : i * 0x9E3779B97F4A7C15ULL;

		if (!cd_hmap_get(&m, h, &v) || v != i)
			bad++;
		j = cd_hmap_slot(&m, h);
		if (m.keys[j] != h || m.vals[j] != i)
			bad++;
	}
	CHECK(bad == 0);
	CHECK(!cd_hmap_get(&m, 5001ULL << 32, &v));
	m.vals[cd_hmap_find(&m, 3ULL << 32)]++;
	CHECK(cd_hmap_get(&m, 3ULL << 32, &v) && v == 4);
	cd_hmap_free(&m);
}

/* A cleared table keeps its slots and finds nothing; clearing an empty
 * or zeroed one is harmless. */
static void test_clear(void)
{
	struct cd_hmap m = { 0 };
	uint32_t v;
	size_t cap;

	cd_hmap_clear(&m);
	cd_hmap_init(&m);
	cd_hmap_clear(&m);
	CHECK(m.n == 0 && !cd_hmap_get(&m, 1, &v));
	for (uint64_t h = 1; h <= 100; h++)
		cd_hmap_add(&m, h);
	cap = m.cap;
	cd_hmap_clear(&m);
	CHECK(m.n == 0 && m.cap == cap && !cd_hmap_get(&m, 7, &v));
	CHECK(!m.keys[cd_hmap_find(&m, 7)]);
	CHECK(cd_hmap_add(&m, 7) && m.n == 1 && m.cap == cap);
	cd_hmap_free(&m);
}

/* Two tables made by cd_hmap_init do not share what is put in them. */
static void test_two(void)
{
	struct cd_hmap a, b;
	uint32_t v;

	cd_hmap_init(&a);
	cd_hmap_init(&b);
	cd_hmap_set(&a, cd_hmap_slot(&a, 9), 9, 1);
	CHECK(cd_hmap_get(&a, 9, &v) && v == 1);
	CHECK(!cd_hmap_get(&b, 9, &v));
	CHECK(!b.keys[cd_hmap_find(&b, 9)]);
	cd_hmap_free(&a);
	cd_hmap_free(&b);
}

/* A table grown past CD_BIG bytes of keys and of values (slots of their
 * own mapping, buf.h) keeps every value, clears and frees like a small
 * one. */
static void test_big(void)
{
	struct cd_hmap m;
	uint32_t v;
	int bad = 0;
	const uint32_t n = 300000;

	cd_hmap_init(&m);
	for (uint32_t i = 1; i <= n; i++)
		cd_hmap_set(&m, cd_hmap_slot(&m, i * 0x9E3779B97F4A7C15ULL),
			    i * 0x9E3779B97F4A7C15ULL, i);
	CHECK(m.cap * sizeof *m.vals >= CD_BIG);
	for (uint32_t i = 1; i <= n; i++)
		bad += !cd_hmap_get(&m, i * 0x9E3779B97F4A7C15ULL, &v) ||
		       v != i;
	CHECK(bad == 0);
	cd_hmap_clear(&m);
	CHECK(!cd_hmap_get(&m, 0x9E3779B97F4A7C15ULL, &v));
	CHECK(cd_hmap_add(&m, 5) && m.n == 1);
	cd_hmap_free(&m);
}

int main(void)
{
	test_empty();
	test_zeroed();
	test_many();
	test_clear();
	test_two();
	test_big();
	return UNIT_END();
}
