/*
 * bytes.h - classes of sixteen bytes at once, for the scanners that skip
 * over plain text (JSON strings, normalisation, column hints, searches).
 *
 * cd_b16_load() reads sixteen bytes from any address; each test returns a
 * mask whose bit i stands for byte i.  Where a scan asks several tests at
 * once, their lane masks (cd_b16_is and the like) are joined first and
 * read as one mask by cd_b16_bits.  With SSE2 (CD_SSE2) a test is
 * a compare and a movemask; elsewhere a loop the compiler may vectorise.
 * Both give the same masks.
 *
 * For the short tail of a scan, or where sixteen is too many,
 * cd_has_zero() and cd_has_byte() test the eight bytes of a 64-bit word
 * (SIMD within a register).
 *
 * cd_prefetch() starts loading a byte range into the cache: a hint for
 * memory written long ago and read soon (records held in a window).
 *
 * CD_SSE2 is 1 where the x86 SIMD paths are compiled (SSE2, baseline on
 * x86-64, and units.c's SSSE3 fold chosen at run time), 0 elsewhere and
 * when CD_NO_SIMD is defined (make VARIANT=portable), which builds the
 * portable paths of other processors on x86-64 too, so that `make
 * check-portable` tests them.  Every SIMD path tests it (#if CD_SSE2);
 * none tests __SSE2__ or the processor itself.
 */
#ifndef CD_BYTES_H
#define CD_BYTES_H

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && !defined(CD_NO_SIMD)
#define CD_SSE2 1
#else
#define CD_SSE2 0
#endif

#if CD_SSE2
#include <emmintrin.h>

typedef __m128i cd_b16;

/* The sixteen bytes at p. */
static inline cd_b16 cd_b16_load(const void *p)
{
	return _mm_loadu_si128((const __m128i *)p);
}

/* The mask of a lane mask (0xFF or 0 a byte: cd_b16_is and the like),
 * or of the bytes of 0x80 and above of any sixteen bytes. */
static inline unsigned cd_b16_bits(cd_b16 m)
{
	return (unsigned)_mm_movemask_epi8(m);
}

/* The lane mask of the bytes equal to c. */
static inline cd_b16 cd_b16_is(cd_b16 v, unsigned char c)
{
	return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c));
}

/* The lane mask of the bytes below c (unsigned; c >= 1). */
static inline cd_b16 cd_b16_is_below(cd_b16 v, unsigned char c)
{
	__m128i m = _mm_set1_epi8((char)(c - 1));

	return _mm_cmpeq_epi8(_mm_min_epu8(v, m), v);
}

/* Lane masks (or raw bytes, for their high bits) joined, to be read by
 * one cd_b16_bits: several tests cost one mask. */
static inline cd_b16 cd_b16_or(cd_b16 a, cd_b16 b)
{
	return _mm_or_si128(a, b);
}

static inline cd_b16 cd_b16_and(cd_b16 a, cd_b16 b)
{
	return _mm_and_si128(a, b);
}

/* The lane mask of the ASCII digits (a byte minus '0' below 10,
 * unsigned: min(x, n - 1) == x). */
static inline cd_b16 cd_b16_is_digit(cd_b16 v)
{
	__m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));

	return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
}

/* The lane mask of the ASCII letters (with bit 0x20 set, a byte minus
 * 'a' below 26). */
static inline cd_b16 cd_b16_is_letter(cd_b16 v)
{
	__m128i a = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)),
				 _mm_set1_epi8('a'));

	return _mm_cmpeq_epi8(_mm_min_epu8(a, _mm_set1_epi8(25)), a);
}

#else

typedef struct {
	unsigned char b[16];
} cd_b16;

static inline cd_b16 cd_b16_load(const void *p)
{
	cd_b16 v;

	memcpy(v.b, p, 16);
	return v;
}

static inline unsigned cd_b16_bits(cd_b16 m)
{
	unsigned r = 0, i;

	for (i = 0; i < 16; i++)
		r |= (unsigned)(m.b[i] >> 7) << i;
	return r;
}

static inline cd_b16 cd_b16_is(cd_b16 v, unsigned char c)
{
	unsigned i;

	for (i = 0; i < 16; i++)
		v.b[i] = v.b[i] == c ? 0xFF : 0;
	return v;
}

static inline cd_b16 cd_b16_is_below(cd_b16 v, unsigned char c)
{
	unsigned i;

	for (i = 0; i < 16; i++)
		v.b[i] = v.b[i] < c ? 0xFF : 0;
	return v;
}

static inline cd_b16 cd_b16_or(cd_b16 a, cd_b16 b)
{
	unsigned i;

	for (i = 0; i < 16; i++)
		a.b[i] |= b.b[i];
	return a;
}

static inline cd_b16 cd_b16_and(cd_b16 a, cd_b16 b)
{
	unsigned i;

	for (i = 0; i < 16; i++)
		a.b[i] &= b.b[i];
	return a;
}

static inline cd_b16 cd_b16_is_digit(cd_b16 v)
{
	unsigned i;

	for (i = 0; i < 16; i++)
		v.b[i] = (unsigned char)(v.b[i] - '0') < 10 ? 0xFF : 0;
	return v;
}

static inline cd_b16 cd_b16_is_letter(cd_b16 v)
{
	unsigned i;

	for (i = 0; i < 16; i++)
		v.b[i] = (unsigned char)((v.b[i] | 0x20) - 'a') < 26 ? 0xFF : 0;
	return v;
}

#endif

/* The bytes equal to c. */
static inline unsigned cd_b16_eq(cd_b16 v, unsigned char c)
{
	return cd_b16_bits(cd_b16_is(v, c));
}

/* The bytes below c (unsigned; c >= 1). */
static inline unsigned cd_b16_below(cd_b16 v, unsigned char c)
{
	return cd_b16_bits(cd_b16_is_below(v, c));
}

/* The bytes of 0x80 and above (not ASCII). */
static inline unsigned cd_b16_high(cd_b16 v)
{
	return cd_b16_bits(v);
}

/* The ASCII letters and digits. */
static inline unsigned cd_b16_alnum(cd_b16 v)
{
	return cd_b16_bits(cd_b16_or(cd_b16_is_digit(v), cd_b16_is_letter(v)));
}

/* The offset of the first byte c in p[0..n), or n: memchr without the
 * call, for the short spans (a line, the text up to an escape) it is
 * asked for most. */
static inline size_t cd_b16_find(const void *p, size_t n, unsigned char c)
{
	const unsigned char *s = p;
	size_t i = 0;
	unsigned m;

	for (; i + 16 <= n; i += 16)
		if ((m = cd_b16_eq(cd_b16_load(s + i), c)) != 0)
			return i + (size_t)__builtin_ctz(m);
	if (i < n && n >= 16) {	/* the last sixteen, read before up to i */
		m = cd_b16_eq(cd_b16_load(s + n - 16), c);
		return m ? n - 16 + (size_t)__builtin_ctz(m) : n;
	}
	while (i < n && s[i] != c)
		i++;
	return i;
}

/* The offset of the first byte a or b in p[0..n), or n: cd_b16_find for
 * two bytes in one pass. */
static inline size_t cd_b16_find2(const void *p, size_t n, unsigned char a,
				  unsigned char b)
{
	const unsigned char *s = p;
	size_t i = 0;
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		cd_b16 v = cd_b16_load(s + i);

		if ((m = cd_b16_eq(v, a) | cd_b16_eq(v, b)) != 0)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i < n && n >= 16) {	/* the last sixteen, read before up to i */
		cd_b16 v = cd_b16_load(s + n - 16);

		m = cd_b16_eq(v, a) | cd_b16_eq(v, b);
		return m ? n - 16 + (size_t)__builtin_ctz(m) : n;
	}
	while (i < n && s[i] != a && s[i] != b)
		i++;
	return i;
}

/* The offset of the first pair of bytes a, b in p[0..n) (a at it, b
 * after), or n: a prefilter for a word, from its rarest two letters. */
static inline size_t cd_b16_find_pair(const void *p, size_t n,
				      unsigned char a, unsigned char b)
{
	const unsigned char *s = p;
	size_t i = 0;
	unsigned m;

	for (; i + 17 <= n; i += 16)
		if ((m = cd_b16_eq(cd_b16_load(s + i), a) &
			 cd_b16_eq(cd_b16_load(s + i + 1), b)) != 0)
			return i + (size_t)__builtin_ctz(m);
	for (; i + 1 < n; i++)
		if (s[i] == a && s[i + 1] == b)
			return i;
	return n;
}

/* The offset of the first byte of 0x80 or above in p[0..n), or n. */
static inline size_t cd_b16_find_high(const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i = 0;
	unsigned m;

	for (; i + 16 <= n; i += 16)
		if ((m = cd_b16_high(cd_b16_load(s + i))) != 0)
			return i + (size_t)__builtin_ctz(m);
	if (i < n && n >= 16) {	/* the last sixteen, read before up to i */
		m = cd_b16_high(cd_b16_load(s + n - 16));
		return m ? n - 16 + (size_t)__builtin_ctz(m) : n;
	}
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

/* Nonzero when p[0..n) is all ASCII (no byte of 0x80 or above). */
static inline int cd_b16_ascii(const void *p, size_t n)
{
	return cd_b16_find_high(p, n) == n;
}

/* Start loading p[0..n) into the cache, a line at a time (a hint, for
 * memory written long ago and read soon). */
static inline void cd_prefetch(const void *p, size_t n)
{
	const char *c = p;
	size_t k;

	for (k = 0; k < n; k += 64)
		__builtin_prefetch(c + k);
}

/* ---- eight bytes in a 64-bit word ---- */

/* One in each byte, and the top bit of each byte. */
#define CD_ONES ((uint64_t)0x0101010101010101ULL)
#define CD_HIGHS ((uint64_t)0x8080808080808080ULL)

/* Nonzero when a byte of v is zero (exact for presence; a byte above a
 * zero may be flagged too, which only costs a closer look). */
static inline uint64_t cd_has_zero(uint64_t v)
{
	return (v - CD_ONES) & ~v & CD_HIGHS;
}

/* Nonzero when a byte of v is c (as cd_has_zero). */
static inline uint64_t cd_has_byte(uint64_t v, unsigned char c)
{
	return cd_has_zero(v ^ (CD_ONES * c));
}

/* The eight bytes at p as a little-endian word, byte i in bits 8i..8i+7
 * on every processor: for the word scans whose carries, top bytes or
 * hash values follow the order of the text. */
static inline uint64_t cd_load64le(const void *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* The four bytes at p as a little-endian word (cd_load64le). */
static inline uint32_t cd_load32le(const void *p)
{
	uint32_t x;

	memcpy(&x, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap32(x);
#endif
	return x;
}

#endif
