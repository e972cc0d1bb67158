/*
 * text.h - text normalisation (NFC through utf8proc, spaces, line endings,
 * control characters) and small helpers for reading news text: code point
 * counts, ASCII case folding.
 *
 * Every function takes valid UTF-8 (as decoded from a JSON string) and a
 * length; NUL bytes are data, never terminators.
 */
#ifndef CD_TEXT_H
#define CD_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"

/*
 * Append s[0..len) to out normalised (SPEC copydesk-clean):
 *  - CRLF, CR, U+2028 and U+2029 become LF;
 *  - TAB and typographic spaces (U+00A0, U+1680, U+2000-U+200A, U+202F,
 *    U+205F, U+3000) become a space;
 *  - other C0 and C1 controls, DEL, U+200B and U+FEFF are removed;
 *  - inside a line, runs of spaces become one space; spaces at the end of a
 *    line are removed; the leading spaces of a line are kept (their number
 *    tells indented blocks apart) but counted as one space each;
 *  - each line is put in Unicode NFC.
 * Curly quotes, apostrophes and dashes are kept as they are.
 */
void cd_text_normalize(const char *s, size_t len, struct cd_buf *out);

/*
 * cd_text_normalize, telling also what a reader of the lines of out
 * would find by reading them again: the offset in out of the end of each
 * line it appends (its LF; the last line's end when it has none) goes to
 * (*end)[*n], *n counting up (*end is grown by cd_xgrow, *cap its size).
 * *marks says whether a line may hold a text dumper's marks (an indented
 * bullet and a space, a "References" line, a heading in stars, a link
 * number before a word, "(BUTTON)", "[IMG]", "[INS: "), seen in the same
 * pass over the bytes: then the caller runs cd_marks_strip (marks.h) on
 * the lines appended.  Returns true when every byte
 * appended is ASCII.
 */
bool cd_text_normalize_lines(const char *s, size_t len, struct cd_buf *out,
			     uint64_t **end, size_t *cap, size_t *n,
			     bool *marks);

/* The number of code points in s[0..len). */
size_t cd_text_chars(const char *s, size_t len);

/* ASCII lower case of every byte value, for cd_text_lower. */
extern const unsigned char cd_text_lower_tab[256];

/* ASCII lower case of c; other bytes unchanged. */
static inline unsigned char cd_text_lower(unsigned char c)
{
	return cd_text_lower_tab[c];
}

/* ASCII letters and digits lower-cased, every other byte 0, for
 * cd_text_word_low. */
extern const unsigned char cd_text_word_tab[256];

/* c lower-cased when it is an ASCII letter or digit (a word byte of the
 * tokenizers), else 0. */
static inline unsigned char cd_text_word_low(unsigned char c)
{
	return cd_text_word_tab[c];
}

/* True when c is an ASCII letter. */
static inline bool cd_text_alpha(unsigned char c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* True when c is an ASCII digit. */
static inline bool cd_text_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* True when c is a byte of a word: an ASCII letter or digit, or a byte
 * of a code point beyond ASCII. */
static inline bool cd_text_word_byte(unsigned char c)
{
	return c >= 0x80 || cd_text_alpha(c) || cd_text_digit(c);
}

/* True when the '.' or ',' at p joins a number's digits into one word
 * ("5.6", "1,000"): p[-1], a letter or digit, is a digit and so is p[1]
 * (both readable).  The word scanners of the fingerprints (token.c) and
 * the story terms (storyterm.c) agree on words through this one test. */
static inline bool cd_text_number_joint(const unsigned char *p)
{
	return (*p == '.' || *p == ',') && p[-1] <= '9' &&
	       cd_text_digit(p[1]);
}

/* True when a[0..n) equals b[0..n) ignoring ASCII case (inline: the
 * word-list lookups of copydesk-quote run it for every word). */
static inline bool cd_text_ieq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cd_text_lower((unsigned char)a[i]) !=
		    cd_text_lower((unsigned char)b[i]))
			return false;
	return true;
}


/* True when w[0..n) is one of the k words of list (NUL-terminated, in
 * lower case), ASCII case ignored: a word looked up in a short list, by
 * its first byte first (inline: with a constant list the compiler reads
 * the words' bytes at build time). */
static inline bool cd_text_word_in(const char *w, size_t n,
				   const char *const *list, size_t k)
{
	unsigned char c;
	size_t i;

	if (n == 0)
		return false;
	c = cd_text_lower((unsigned char)w[0]);
	for (i = 0; i < k; i++)
		if ((unsigned char)list[i][0] == c && strlen(list[i]) == n &&
		    cd_text_ieq(w + 1, list[i] + 1, n - 1))
			return true;
	return false;
}

/* True when s[0..len) ends with the string suffix, ignoring ASCII case
 * (file names: ".html", ".warc.gz"). */
bool cd_text_iends(const char *s, size_t len, const char *suffix);

/* Offset of the first match of pat[0..plen) in s[0..len) ignoring ASCII
 * case, or (size_t)-1.  An empty pattern matches at 0. */
size_t cd_text_ifind(const char *s, size_t len, const char *pat, size_t plen);

#endif
