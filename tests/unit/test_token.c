/* test_token.c - unit tests of token.c: word hashes. */
#include <stdio.h>
#include <string.h>

#include <xxhash.h>

#include "token.h"
#include "unit.h"

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

/* A word of every length from 1 to CD_TOKEN_MAX bytes (and a longer
 * one, cut) hashes as XXH3-64 of its folded bytes, alone and after words
 * of other lengths (the hash of a short word reads around it). */
static void test_word_hash(void)
{
	char text[3 * CD_TOKEN_MAX], word[CD_TOKEN_MAX + 1];
	struct cd_words w;
	size_t len, i;

	cd_words_init(&w);
	for (len = 1; len <= CD_TOKEN_MAX + 2; len++) {
		size_t cut = len < CD_TOKEN_MAX ? len : CD_TOKEN_MAX;

		for (i = 0; i < cut; i++)
			word[i] = (char)('a' + (i * 7 + len) % 26);
		/* a long word before, then this one in capitals */
		memset(text, 'q', 20);
		text[20] = ' ';
		for (i = 0; i < len; i++)
			text[21 + i] = (char)(word[i < cut ? i : 0] - 32);
		cd_token_words(text, 21 + len, &w);
		CHECK(w.n == 2);
		CHECK(w.n == 2 && w.h[0] == XXH3_64bits("qqqqqqqqqqqqqqqqqqqq", 20));
		CHECK(w.n == 2 && w.h[1] == XXH3_64bits(word, cut));
		cd_token_words(text + 21, len, &w);
		CHECK(w.n == 1 && w.h[0] == XXH3_64bits(word, cut));
	}
	cd_words_release(&w);
}

int main(void)
{
	test_token();
	test_word_hash();
	return UNIT_END();
}
