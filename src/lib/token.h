/*
 * token.h - words of Unicode text as 64-bit hashes (SPEC,
 * copydesk-fingerprint): letters, marks and digits of any script make
 * words; everything else separates them.  Each word is case folded and
 * put in compatibility decomposed form (utf8proc: NFKD plus case folding,
 * which compares exactly as NFKC does), so "Quote", "QUOTE" and the
 * full-width "Ｑｕｏｔｅ" are one word.  Apostrophes inside a word
 * (' U+2019 U+02BC) and a '.' or ',' between two digits are dropped, so
 * didn't and didn’t, and 1,000 and 1000, are the same word.  A Han, kana
 * or Hangul syllable character is a word by itself, since those scripts do
 * not separate words by spaces.
 */
#ifndef CD_TOKEN_H
#define CD_TOKEN_H

#include <stddef.h>
#include <stdint.h>

/* A growable array of word hashes.  Owns h; reuse it across texts. */
struct cd_words {
	uint64_t *h;
	size_t n, cap;
};

void cd_words_init(struct cd_words *w);
void cd_words_release(struct cd_words *w);

/*
 * Replace the contents of w with the hashes (XXH3-64 of the folded UTF-8
 * bytes) of the words of s[0..len).  s is borrowed; invalid UTF-8 bytes
 * separate words.  Words longer than CD_TOKEN_MAX bytes once folded are
 * cut there.
 */
void cd_token_words(const char *s, size_t len, struct cd_words *w);

#define CD_TOKEN_MAX 128

#endif
