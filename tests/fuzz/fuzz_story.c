/*
 * fuzz_story.c - libFuzzer target for story grouping: the input is cut at
 * form feeds into records; in each record the first line is its date and
 * the rest its text.  Every record is grouped and the results are checked
 * against the contract of story.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "story.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Add the record p[0..len): its first line is the date, the rest text. */
static void add_record(struct cd_story *s, size_t idx, const char *p,
		       size_t len)
{
	const char *nl = memchr(p, '\n', len);
	size_t dlen = nl ? (size_t)(nl - p) : 0;

	if (nl)
		cd_story_add(s, idx, nl + 1, len - dlen - 1, p, dlen);
	else
		cd_story_add(s, idx, p, len, NULL, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct cd_story_opts o;
	struct cd_story *s;
	size_t n = 0, *so, to;
	double score;

	cd_story_opts_init(&o);
	o.max_terms = 1 + (int)(size % 5) * 10;
	o.threshold = size % 3 ? o.threshold : 0.01;
	s = cd_story_new(&o);
	while (p < end && n < 1000) {
		const char *ff = memchr(p, '\f', (size_t)(end - p));
		const char *stop = ff ? ff : end;
		add_record(s, n++, p, (size_t)(stop - p));
		p = ff ? ff + 1 : end;
	}
	so = cd_xmalloc((n + 1) * sizeof *so);
	cd_story_solve(s, so);
	for (size_t i = 0; i < n; i++) {
		if (so[i] > i || so[so[i]] != so[i])
			abort();
		if (cd_story_link(s, i, &to, &score) &&
		    (to >= n || so[to] != so[i] || so[i] == i))
			abort();
	}
	free(so);
	cd_story_free(s);
	return 0;
}
