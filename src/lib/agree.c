/* agree.c - per-record field values for --agree; see agree.h. */
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "buf.h"
#include "sketch.h"

void cd_agree_init(struct cd_agree *a)
{
	memset(a, 0, sizeof(*a));
	cd_words_init(&a->words);
}

void cd_agree_release(struct cd_agree *a)
{
	free(a->h);
	cd_words_release(&a->words);
	memset(a, 0, sizeof(*a));
}

/* The hash of the words of s[0..len), never 0; 0 when it has none. */
static uint64_t value_hash(struct cd_agree *a, const char *s, size_t len)
{
	uint64_t h = 0x6167726565ULL;
	size_t i;

	cd_token_words(s, len, &a->words);
	if (a->words.n == 0)
		return 0;
	for (i = 0; i < a->words.n; i++)
		h = cd_mix64(h ^ a->words.h[i]) + i;
	return h ? h : 1;
}

void cd_agree_set(struct cd_agree *a, uint32_t idx, const char *s,
		  size_t len)
{
	if (idx >= a->cap) {
		size_t cap = a->cap ? a->cap : 256;

		while (cap <= idx)
			cap *= 2;
		a->h = cd_xrealloc(a->h, cap * sizeof(*a->h));
		memset(a->h + a->cap, 0, (cap - a->cap) * sizeof(*a->h));
		a->cap = cap;
	}
	a->h[idx] = s ? value_hash(a, s, len) : 0;
	if (idx >= a->n)
		a->n = idx + 1;
}

bool cd_agree_test(void *arg, uint32_t i, uint32_t j)
{
	const struct cd_agree *a = arg;
	uint64_t x = i < a->n ? a->h[i] : 0, y = j < a->n ? a->h[j] : 0;

	return x && x == y;
}
