/*
 * fuzz_segment.c - libFuzzer target for the paragraph and sentence
 * splitters (segment.h): any bytes must give spans that are in bounds, in
 * order, not overlapping, non-empty and trimmed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "segment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort unless the spans of s[0..len) keep the segment.h contract. */
static void check(const char *s, size_t len, const struct cd_spans *sp)
{
	size_t i, prev = 0;

	for (i = 0; i < sp->n; i++) {
		const struct cd_span *u = &sp->v[i];

		if (u->start >= u->end || u->end > len || u->start < prev)
			abort();
		if (s[u->start] == ' ' || s[u->start] == '\n' ||
		    s[u->end - 1] == ' ' || s[u->end - 1] == '\n')
			abort();
		prev = u->end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const words[] = {
		"Mr. title", "Dr. title", "Feb.", "Inc.", "No.", "U.S.",
		"The starter", "He starter", "I starter",
	};
	static struct cd_segment *seg;
	struct cd_spans sp = CD_SPANS_INIT;
	const char *s = (const char *)data;
	size_t i;

	if (!seg) {
		seg = cd_segment_new();
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			cd_segment_add(seg, words[i], strlen(words[i]));
	}
	cd_segment_paragraphs(s, size, &sp);
	check(s, size, &sp);
	cd_segment_sentences(seg, s, size, &sp);
	check(s, size, &sp);
	cd_spans_release(&sp);
	return 0;
}
