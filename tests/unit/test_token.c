/* test_token.c - unit tests of token.c: word hashes. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <xxhash.h>

#include "buf.h"
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

/* A word of 1 to 20 bytes in the middle of a text, ended by each kind of
 * byte that ends it or may join it to more (the words made from the
 * text's own bytes, and those built a byte at a time), hashes as XXH3-64
 * of its folded bytes, and the words around it as theirs. */
static void test_word_ends(void)
{
	static const char *const after[] = {
		" ", ",", ".", "'", "-", "\n", "\"", "\xe2\x80\x9d", "\xc2\xa0"
	};
	char text[64], word[24];
	struct cd_words w;
	size_t len, i, k, n;

	cd_words_init(&w);
	for (len = 1; len <= 20; len++) {
		for (i = 0; i < len; i++)
			word[i] = (char)(i % 3 == 2 ? '0' + i % 10 :
					 'a' + (i * 5 + len) % 26);
		for (k = 0; k < sizeof(after) / sizeof(*after); k++) {
			n = (size_t)snprintf(text, sizeof(text), "On %.*s%s  zz 9",
					     (int)len, word, after[k]);
			for (i = 0; i < len; i++)
				if (word[i] >= 'a')
					text[3 + i] = (char)(word[i] - 32);
			cd_token_words(text, n, &w);
			CHECK(w.n == 4);
			CHECK(w.n == 4 && w.h[0] == XXH3_64bits("on", 2));
			CHECK(w.n == 4 && w.h[1] == XXH3_64bits(word, len));
			CHECK(w.n == 4 && w.h[2] == XXH3_64bits("zz", 2));
			CHECK(w.n == 4 && w.h[3] == XXH3_64bits("9", 1));
		}
	}
	/* joined: an apostrophe before a letter, a '.' or ',' between
	 * digits, a letter beyond ASCII */
	CHECK(nwords("Xx Don't stop") == 3);
	CHECK(same_words("Xx Don't stop", "xx dont stop"));
	CHECK(same_words("Xx 1,000.50 now", "xx 100050 now"));
	CHECK(same_words("Xx ab.5 now", "xx ab 5 now"));
	CHECK(same_words("Xx 12, 5 now", "xx 12 5 now"));
	CHECK(same_words("Xx Cafés open", "xx CAFÉS open"));
	cd_words_release(&w);
}

/*
 * A long text has the words of its pieces between spaces (each shorter
 * than the 64-byte blocks, so found byte by byte) one after the other,
 * whatever the alignment of its words on the blocks: pieces with
 * apostrophes, numbers with '.' and ',', letters beyond ASCII, words of
 * 1 to 20 bytes, punctuation between them.
 */
static void test_block_words(void)
{
	static const char *const piece[] = {
		"The", "a", "of", "Minister", "said,", "Don't", "rock'n'roll",
		"1,000.50", "3.5%", "(Reuters)", "--", "caf\xc3\xa9", "\xe2\x80\x9cYes\xe2\x80\x9d",
		"it\xe2\x80\x99s", "end.", "x", "12", "ABCDEFGHIJKLMNOPQRST",
		"u.s.", "'quoted'", "\xe6\x9d\xb1\xe4\xba\xac", "e-mail", "7,", "...", "abcdefghijklmnop",
		"Q1/Q2", "\xd0\x9c\xd0\xb8\xd1\x80", "ok;", "Z"
	};
	enum { NP = sizeof(piece) / sizeof(*piece) };
	char text[4096];
	struct cd_words whole, one, cat;
	size_t pre, n, k, len, pos;
	uint32_t x = 2463534242U;
	bool same = true;

	cd_words_init(&whole);
	cd_words_init(&one);
	cd_words_init(&cat);
	for (pre = 0; pre < 64; pre++) {
		memset(text, ' ', pre);
		len = pre;
		cat.n = 0;
		for (n = 0; n < 150; n++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			k = x % NP;
			pos = len;
			len += (size_t)snprintf(text + len, sizeof(text) - len, "%s ",
						piece[k]);
			cd_token_words(text + pos, len - pos, &one);
			cat.h = cd_xgrow(cat.h, &cat.cap, cat.n + one.n + 1,
					 sizeof(*cat.h));
			memcpy(cat.h + cat.n, one.h, one.n * sizeof(*one.h));
			cat.n += one.n;
		}
		cd_token_words(text, len, &whole);
		same &= whole.n == cat.n && whole.n > 100 &&
			memcmp(whole.h, cat.h, cat.n * sizeof(*cat.h)) == 0;
	}
	CHECK(same);
	cd_words_release(&whole);
	cd_words_release(&one);
	cd_words_release(&cat);
}

int main(void)
{
	test_token();
	test_word_hash();
	test_word_ends();
	test_block_words();
	return UNIT_END();
}
