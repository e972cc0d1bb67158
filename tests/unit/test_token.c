/* test_token.c - unit tests of token.c: word hashes. */
#include <stdio.h>
#include <string.h>

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

int main(void)
{
	test_token();
	return UNIT_END();
}
