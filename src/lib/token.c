/* token.c - words of Unicode text as hashes; see token.h. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
/* inlined: most words are a few bytes, where a call costs as much as the
 * hash (the values are those of the library) */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "buf.h"
#include "bytes.h"
#include "foldhash.h"
#include "text.h"
#include "token.h"
#include "uchar.h"
#include "utf8.h"

/* The word being built: folded UTF-8 bytes at b = buf + 4, with room
 * to read four bytes before them (see word_hash) and to copy sixteen
 * bytes past them (ascii_run), all set once so that no read is of unset
 * memory. */
struct word {
	char buf[4 + CD_TOKEN_MAX + 16];
	char *b;
	size_t len;
	bool digit;	/* the last character added was an ASCII digit */
};

void cd_words_init(struct cd_words *w)
{
	memset(w, 0, sizeof(*w));
}

void cd_words_release(struct cd_words *w)
{
	free(w->h);
	cd_words_init(w);
}

/*
 * XXH3_64bits(p, len) for len >= 1, with four readable bytes before p: a
 * word of up to 8 bytes, most words, is hashed by both of the library's
 * functions for 1 to 3 and 4 to 8 bytes (each reads its bytes without
 * branches; the one for 4 to 8 reads before p for a shorter word, and is
 * then dropped) and the right one taken by a mask, so that short words
 * and middling ones, which alternate at random, cost no mispredicted
 * branch.
 */
static inline uint64_t word_hash(const char *p, size_t len)
{
	const xxh_u8 *u = (const xxh_u8 *)p;
	uint64_t h13, h48, m;

	if (len > 8)
		return XXH3_64bits(p, len);
	h13 = XXH3_len_1to3_64b(u, len, XXH3_kSecret, 0);
	h48 = XXH3_len_4to8_64b(u, len, XXH3_kSecret, 0);
	m = -(uint64_t)(len < 4);
	return (h13 & m) | (h48 & ~m);
}

/* End the current word, if any, appending its hash to w. */
static inline void flush(struct word *cur, struct cd_words *w)
{
	if (cur->len == 0)
		return;
	if (w->n == w->cap)
		w->h = cd_xgrow(w->h, &w->cap, w->n + 1, sizeof(*w->h));
	w->h[w->n++] = word_hash(cur->b, cur->len);
	cur->len = 0;
	cur->digit = false;
}

/* Append code point cp as UTF-8 (cut at CD_TOKEN_MAX). */
static void add_cp(struct word *cur, int32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);

	if (n > 0 && cur->len + (size_t)n <= CD_TOKEN_MAX) {
		memcpy(cur->b + cur->len, tmp, (size_t)n);
		cur->len += (size_t)n;
	}
	cur->digit = false;
}

/* Is cp a character of a script written without spaces between words? */
static bool ideograph(int32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

/* Append the case folded compatibility decomposition of cp. */
static void add_folded(struct word *cur, int32_t cp)
{
	utf8proc_int32_t dst[18];
	utf8proc_ssize_t n, i;
	int bound = 0;

	n = utf8proc_decompose_char(cp, dst, 18,
				    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
				    UTF8PROC_DECOMPOSE, &bound);
	if (n < 0 || n > 18) {
		add_cp(cur, cp);
		return;
	}
	for (i = 0; i < n; i++)
		if (cd_cp_word((uint32_t)dst[i]))
			add_cp(cur, dst[i]);
}

/* Does the byte at p (before end) start a letter or digit, so that an
 * apostrophe before it joins two parts of one word? */
static bool joins(const unsigned char *p, const unsigned char *end)
{
	return p < end && (cd_text_word_low(*p) || *p >= 0xC0);
}

/* Handle the non-ASCII character at s[*i]; advances *i. */
static void non_ascii(const char *s, size_t len, size_t *i, struct word *cur,
		      struct cd_words *w)
{
	const unsigned char *end = (const unsigned char *)s + len;
	size_t n;
	int32_t cp = (int32_t)cd_utf8_decode(s + *i, len - *i, &n);

	*i += n;
	if ((cp == 0x2019 || cp == 0x02BC) && cur->len &&
	    joins((const unsigned char *)s + *i, end))
		return;
	if (ideograph(cp)) {
		flush(cur, w);
		add_folded(cur, cp);
		flush(cur, w);
	} else if (cp != 0xFFFD && cd_cp_word((uint32_t)cp)) {
		add_folded(cur, cp);
	} else {
		flush(cur, w);
	}
}

#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The number of ASCII letters and digits that the 8 bytes x (read
 * little-endian) start with, 0 to 8: each byte compared with the ranges
 * at once, in its high bit (its low seven bits cannot carry over). */
static inline size_t alnum8(uint64_t x)
{
	const uint64_t hi = 0x8080808080808080ULL, lo7 = ~hi;
	uint64_t a = x & lo7, y = a | 0x2020202020202020ULL;
	uint64_t digit = (a + 0x5050505050505050ULL) &
			 ~(a + 0x4646464646464646ULL);
	uint64_t alpha = (y + 0x1F1F1F1F1F1F1F1FULL) &
			 ~(y + 0x0505050505050505ULL);
	uint64_t stop = ~((digit | alpha) & ~x) & hi;

	return stop ? (size_t)__builtin_ctzll(stop) / 8 : 8;
}
#endif

/* The end of the run of ASCII letters and digits at u[j] (before len):
 * sixteen bytes at a time (most words end in the first sixteen, so the
 * loop rarely goes round), then eight, then one. */
static inline size_t run_end(const unsigned char *u, size_t len, size_t j)
{
	unsigned m;

	for (; j + 16 <= len; j += 16)
		if ((m = ~cd_b16_alnum(cd_b16_load(u + j)) & 0xffffU) != 0)
			return j + (size_t)__builtin_ctz(m);
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x;
	size_t r;

	for (; j + 8 <= len; j += 8) {
		memcpy(&x, u + j, 8);
		if ((r = alnum8(x)) < 8)
			return j + r;
	}
#endif
	while (j < len && cd_text_word_low(u[j]))
		j++;
	return j;
}

/* Add the run of ASCII letters and digits u[*i..j) (j its end, before
 * len) to the current word, folded; advances *i to j.  Copied sixteen bytes at a time
 * (a word in one go), then eight: setting bit 0x20 lowers a letter and
 * keeps a digit (bytes copied past the run are not counted). */
static inline void ascii_run(const unsigned char *u, size_t len, size_t *i,
			     size_t j, struct word *cur)
{
	size_t n = j - *i, k;
	uint64_t x;

	if (n > CD_TOKEN_MAX - cur->len)
		n = CD_TOKEN_MAX - cur->len;
	for (k = 0; k < n && *i + k + 16 <= len; k += 16) {
		memcpy(&x, u + *i + k, 8);
		x |= 0x2020202020202020ULL;
		memcpy(cur->b + cur->len + k, &x, 8);
		memcpy(&x, u + *i + k + 8, 8);
		x |= 0x2020202020202020ULL;
		memcpy(cur->b + cur->len + k + 8, &x, 8);
	}
	for (; k < n && *i + k + 8 <= len; k += 8) {
		memcpy(&x, u + *i + k, 8);
		x |= 0x2020202020202020ULL;
		memcpy(cur->b + cur->len + k, &x, 8);
	}
	for (; k < n; k++)
		cur->b[cur->len + k] = (char)cd_text_word_low(u[*i + k]);
	cur->len += n;
	cur->digit = u[j - 1] <= '9';
	*i = j;
}

/* Does the run of ASCII letters and digits that ends at u[j] (before
 * len) end its word there, whatever the word before it: at the end of
 * the text, or at an ASCII byte that joins nothing (not an apostrophe
 * before a letter or digit, not a '.' or ',' between two digits)?  A
 * byte of 0x80 and above may join (U+2019, a letter) and says no. */
static inline bool ends_word(const unsigned char *u, size_t len, size_t j)
{
	unsigned char c;

	if (j == len)
		return true;
	c = u[j];
	if (c == '\'')
		return !joins(u + j + 1, u + len);
	if (c == '.' || c == ',')
		return j + 1 == len || !cd_text_number_joint(u + j);
	return c < 0x80;
}

/*
 * A word that is the whole run u[i..j) of ASCII letters and digits (the
 * run starts a word and ends it, ends_word) and of at most 16 bytes,
 * with 8 bytes readable at u[i], most words of most texts: its hash
 * appended to w straight from the text (cd_folded_hash).  False, w as it
 * was, for any other run: the caller adds it to the word it builds.
 */
static inline __attribute__((always_inline)) bool
whole_word(const unsigned char *u, size_t len, size_t i, size_t j,
	   struct cd_words *w)
{
#if defined(__GNUC__)
	if (j - i > 16 || i + 8 > len || !ends_word(u, len, j))
		return false;
	if (w->n == w->cap)
		w->h = cd_xgrow(w->h, &w->cap, w->n + 1, sizeof(*w->h));
	w->h[w->n++] = cd_folded_hash(u + i, j - i, 0);
	return true;
#else
	(void)u;
	(void)len;
	(void)i;
	(void)j;
	(void)w;
	return false;
#endif
}

#if defined(__GNUC__)
/*
 * The words of the 64 bytes at u[i] (i + 64 <= len; no word begun at
 * u[i]), found by their masks: the ASCII letters and digits and the bytes
 * of 0x80 and above, sixteen at a time.  With no word begun, an ASCII
 * byte that is not a letter or digit changes nothing (an apostrophe or a
 * '.' or ',' joins only inside a word), so the scan goes from one word to
 * the next; each that whole_word takes is appended to w.  Returns where
 * the byte-by-byte loop goes on: i + 64 when the block is done, else the
 * start of the first word or non-ASCII byte it leaves to that loop
 * (*high set when a non-ASCII byte).
 */
static size_t block_words(const unsigned char *u, size_t len, size_t i,
			  struct cd_words *w, bool *high)
{
	uint64_t word = 0, hi = 0, m, run;
	unsigned k, s, e, pos = 0;

	for (k = 0; k < 4; k++) {
		cd_b16 v = cd_b16_load(u + i + 16 * k);

		word |= (uint64_t)cd_b16_alnum(v) << 16 * k;
		hi |= (uint64_t)cd_b16_bits(v) << 16 * k;
	}
	while (pos < 64 && (m = (word | hi) >> pos) != 0) {
		s = pos + (unsigned)__builtin_ctzll(m);
		*high = hi >> s & 1;
		/* the run must end in the block: else it is left over */
		if (*high || (run = ~word >> s) == 0)
			return i + s;
		e = s + (unsigned)__builtin_ctzll(run);
		if (!whole_word(u, len, i + s, i + e, w))
			return i + s;
		pos = e + 1;	/* the byte that ended it joins nothing */
	}
	return i + 64;
}
#endif

void cd_token_words(const char *s, size_t len, struct cd_words *w)
{
	const unsigned char *u = (const unsigned char *)s;
	struct word cur;
	size_t i = 0, plain = 0;

	w->n = 0;
	memset(cur.buf, 0, sizeof(cur.buf));
	cur.b = cur.buf + 4;
	cur.len = 0;
	cur.digit = false;
	while (i < len) {
		unsigned char c;

#if defined(__GNUC__)
		/* Between words, a block at a time; where the block scan
		 * stops, this loop takes over: for the word it left (an
		 * apostrophe, a number with a '.' or ','), or for the rest
		 * of the block after a non-ASCII byte (likely more). */
		if (cur.len == 0 && i >= plain && i + 64 <= len) {
			bool high = false;
			size_t to = block_words(u, len, i, w, &high);

			if (to == i + 64) {
				i = to;
				continue;
			}
			plain = high ? i + 64 : to + 1;
			i = to;
		}
#endif
		c = u[i];
		if (cd_text_word_low(c)) {
			size_t j = run_end(u, len, i);

			if (cur.len == 0 && whole_word(u, len, i, j, w)) {
				i = j;
				continue;
			}
			ascii_run(u, len, &i, j, &cur);
			continue;
		}
		if (c >= 0x80) {
			non_ascii(s, len, &i, &cur, w);
			continue;
		}
		i++;
		if (c == '\'' && cur.len && joins(u + i, u + len))
			continue;
		if ((c == '.' || c == ',') && cur.digit && i < len &&
		    u[i] >= '0' && u[i] <= '9')
			continue;
		flush(&cur, w);
	}
	flush(&cur, w);
}
