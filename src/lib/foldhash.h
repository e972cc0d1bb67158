/*
 * foldhash.h - the hash of a short word of ASCII letters and digits,
 * folded, straight from the text: for the word scanners that hash most
 * words where they lie (token.c for the fingerprints, storyterm.c for
 * the story terms).  Include after <xxhash.h> (XXH_INLINE_ALL).
 */
#ifndef CD_FOLDHASH_H
#define CD_FOLDHASH_H

#include <stddef.h>
#include <stdint.h>

#include "bytes.h"

#ifndef XXH_INLINE_ALL
#error "include <xxhash.h> with XXH_INLINE_ALL before foldhash.h"
#endif

/* ASCII letters and digits folded: bit 0x20 set in each byte. */
#define CD_FOLD8 0x2020202020202020ULL

/*
 * XXH3_64bits_withSeed(w, n, seed), w the n (1 to 16) bytes at u with
 * bit 0x20 set in each (the ASCII letters and digits of a whole word,
 * lower-cased; 8 bytes readable at u), computed from the text's own
 * bytes loaded into registers and folded there: the word is not copied,
 * so no load waits on the stores of a copy, nor reads around it.  The
 * values are the library's (its own steps, on the bytes it would read).
 * A branch for each of its three short paths: taking both of the paths
 * up to 8 bytes and choosing by a mask, as word_hash does (token.c),
 * measured slower here, in the fingerprints as in the story terms.
 */
static inline __attribute__((always_inline)) uint64_t
cd_folded_hash(const unsigned char *u, size_t n, uint64_t seed)
{
	const xxh_u8 *sec = XXH3_kSecret;
	uint64_t x = cd_load64le(u), y;
	uint32_t c;

	if (n > 8) {
		y = cd_load64le(u + n - 8);
		x = (x | CD_FOLD8) ^ ((XXH_readLE64(sec + 24) ^
				       XXH_readLE64(sec + 32)) + seed);
		y = (y | CD_FOLD8) ^ ((XXH_readLE64(sec + 40) ^
				       XXH_readLE64(sec + 48)) - seed);
		return XXH3_avalanche(n + XXH_swap64(x) + y +
				      XXH3_mul128_fold64(x, y));
	}
	/* the bytes past the word are never taken: no mask */
	x |= CD_FOLD8;
	if (n >= 4) {
		/* the first four bytes and the last four */
		seed ^= (uint64_t)XXH_swap32((uint32_t)seed) << 32;
		return XXH3_rrmxmx(((uint64_t)(uint32_t)(x >> 8 * (n - 4)) +
				    ((uint64_t)(uint32_t)x << 32)) ^
				   ((XXH_readLE64(sec + 8) ^
				     XXH_readLE64(sec + 16)) - seed), n);
	}
	/* the first, middle and last, and the length */
	c = (uint32_t)(x & 0xff) << 16 |
	    (uint32_t)(x >> (8 * (n >> 1)) & 0xff) << 24 |
	    (uint32_t)(x >> (8 * (n - 1)) & 0xff) | (uint32_t)n << 8;
	return XXH64_avalanche((uint64_t)c ^
			       ((uint64_t)(XXH_readLE32(sec) ^
					   XXH_readLE32(sec + 4)) + seed));
}

#endif
