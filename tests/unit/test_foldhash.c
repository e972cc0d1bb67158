/* test_foldhash.c - unit tests of foldhash.h: the hash of a short word
 * read in the text is the library's hash of the word lower-cased. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "foldhash.h"
#include "unit.h"

/* Every length of 1 to 16, at every alignment, mixed case and digits,
 * with several seeds and bytes past the word that must not count (a
 * byte of any value here and there: set bit 0x20 on both sides). */
static void test_folded_hash(void)
{
	static const char alnum[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static const uint64_t seed[] = { 0, 1, 2, 3, 4, 0x9E3779B97F4A7C15ULL };
	unsigned char text[48], low[16];
	uint32_t x = 2463534242u;
	bool same = true;

	for (int round = 0; round < 200; round++) {
		for (size_t i = 0; i < sizeof text; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			text[i] = i % 7 == 6 ? (unsigned char)(x >> 8) :
				  (unsigned char)alnum[x % (sizeof alnum - 1)];
		}
		for (size_t at = 0; at < 16; at++)
			for (size_t n = 1; n <= 16; n++) {
				for (size_t i = 0; i < n; i++)
					low[i] = text[at + i] | 0x20;
				for (size_t k = 0; k < sizeof seed / sizeof *seed;
				     k++)
					same &= cd_folded_hash(text + at, n,
							       seed[k]) ==
						XXH3_64bits_withSeed(low, n,
								     seed[k]);
			}
	}
	CHECK(same);
}

int main(void)
{
	test_folded_hash();
	return UNIT_END();
}
