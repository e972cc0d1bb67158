/* test_segment.c - paragraph and sentence splitting (segment.h). */
#include <string.h>

#include "segment.h"
#include "unit.h"

/* Check that text splits into exactly the units in want (NULL-ended). */
static int units(const struct cd_spans *sp, const char *text,
		 const char *const *want)
{
	size_t i;

	for (i = 0; want[i]; i++) {
		if (i >= sp->n)
			return 0;
		if (sp->v[i].end - sp->v[i].start != strlen(want[i]) ||
		    memcmp(text + sp->v[i].start, want[i], strlen(want[i])) != 0)
			return 0;
	}
	return i == sp->n;
}

/* Split text into sentences with the test word list. */
static int sentences(struct cd_segment *seg, const char *text,
		     const char *const *want)
{
	struct cd_spans sp = CD_SPANS_INIT;
	int ok;

	cd_segment_sentences(seg, text, strlen(text), &sp);
	ok = units(&sp, text, want);
	cd_spans_release(&sp);
	return ok;
}

/* Split text into paragraphs. */
static int paragraphs(const char *text, const char *const *want)
{
	struct cd_spans sp = CD_SPANS_INIT;
	int ok;

	cd_segment_paragraphs(text, strlen(text), &sp);
	ok = units(&sp, text, want);
	cd_spans_release(&sp);
	return ok;
}

static void test_paragraphs(void)
{
	CHECK(paragraphs("One\ntwo.\n\n  Three.  \n\n\n", (const char *[]){
		"One\ntwo.", "Three.", NULL }));
	CHECK(paragraphs("One.\nTwo.\r\nThree.", (const char *[]){
		"One.", "Two.", "Three.", NULL }));
	CHECK(paragraphs("\n\nOne.\nTwo.\n\n", (const char *[]){
		"One.", "Two.", NULL }));
	CHECK(paragraphs("A\n \t\r\nB", (const char *[]){ "A", "B", NULL }));
	CHECK(paragraphs("Wrapped first\nparagraph.\n    Second\nwrapped.\n\tThird.",
		(const char *[]){ "Wrapped first\nparagraph.", "Second\nwrapped.",
		"Third.", NULL }));
	CHECK(paragraphs("  All\n  indented", (const char *[]){ "All", "indented", NULL }));
	CHECK(paragraphs("", (const char *[]){ NULL }));
	CHECK(paragraphs(" \n\n ", (const char *[]){ NULL }));
}

static void test_sentences(struct cd_segment *seg)
{
	CHECK(sentences(seg, "It rose 3.5 percent. Then it fell.",
		(const char *[]){ "It rose 3.5 percent.", "Then it fell.", NULL }));
	CHECK(sentences(seg, "Mr. Smith met Dr. Jones at 9 a.m. on Feb. 3 in the U.S. capital.",
		(const char *[]){ "Mr. Smith met Dr. Jones at 9 a.m. on Feb. 3 in the U.S. capital.", NULL }));
	CHECK(sentences(seg, "He lives in the U.S. The rest do not.",
		(const char *[]){ "He lives in the U.S.", "The rest do not.", NULL }));
	CHECK(sentences(seg, "J. R. R. Tolkien wrote it. George W. Bush read it.",
		(const char *[]){ "J. R. R. Tolkien wrote it.", "George W. Bush read it.", NULL }));
	CHECK(sentences(seg, "He said, \"We are done.\" Then he left.",
		(const char *[]){ "He said, \"We are done.\"", "Then he left.", NULL }));
	CHECK(sentences(seg, "She said \xE2\x80\x9CNo.\xE2\x80\x9D Nobody spoke.",
		(const char *[]){ "She said \xE2\x80\x9CNo.\xE2\x80\x9D", "Nobody spoke.", NULL }));
	CHECK(sentences(seg, "\"Is it over?\" he asked. \"Yes!\" She nodded.",
		(const char *[]){ "\"Is it over?\" he asked.", "\"Yes!\"", "She nodded.", NULL }));
	CHECK(sentences(seg, "Wait... what? Well... Nothing.",
		(const char *[]){ "Wait... what?", "Well...", "Nothing.", NULL }));
	CHECK(sentences(seg, "Acme Inc. said so. Acme Inc. The end",
		(const char *[]){ "Acme Inc. said so.", "Acme Inc.", "The end", NULL }));
	CHECK(sentences(seg, "See No. 5 now.\n\nNew paragraph",
		(const char *[]){ "See No. 5 now.", "New paragraph", NULL }));
	CHECK(sentences(seg, "\xE2\x80\x9DMr. Smith left. (Dr. Who came.)",
		(const char *[]){ "\xE2\x80\x9DMr. Smith left.", "(Dr. Who came.)", NULL }));
	CHECK(sentences(seg, "No mark at all", (const char *[]){ "No mark at all", NULL }));
	CHECK(sentences(seg, "Ends here.\t", (const char *[]){ "Ends here.", NULL }));
	CHECK(sentences(seg, "", (const char *[]){ NULL }));
	CHECK(sentences(seg, "\xFF. \xC3", (const char *[]){ "\xFF.", "\xC3", NULL }));
}

static void test_list(struct cd_segment *seg)
{
	CHECK(cd_segment_add(seg, "# comment\n", 10) == 0);
	CHECK(cd_segment_add(seg, "   \n", 4) == 0);
	CHECK(cd_segment_add(seg, "Feb. nonsense", 13) == -1);
	CHECK(cd_segment_add(seg, "Feb title", 9) == -1);
	CHECK(cd_segment_load(seg, "/nonexistent/abbreviations.txt") == -1);
}

/* The one sentence rule as copydesk-quote's attribution reads it: at a
 * mark run, with where the sentence ends; and the classes of the list. */
static void test_ends_at(struct cd_segment *seg)
{
	size_t after, at;
	const char *t = "He left Feb. Then came. \xE2\x80\x9CNo.\xE2\x80\x9D He did. Mr. Holm won?! we";
	at = (size_t)(strstr(t, "Feb.") - t) + 3;
	CHECK(cd_segment_ends_at(seg, t, 0, at, strlen(t), &after));
	CHECK(after == at + 1);
	at = (size_t)(strstr(t, "came.") - t) + 4;
	CHECK(cd_segment_ends_at(seg, t, 0, at, strlen(t), &after));
	/* a full stop before a closing quotation mark ends it after the mark */
	at = (size_t)(strstr(t, "No.") - t) + 2;
	CHECK(cd_segment_ends_at(seg, t, 0, at, strlen(t), &after));
	CHECK(after == at + 4);
	/* a title never ends a sentence */
	at = (size_t)(strstr(t, "Mr.") - t) + 2;
	CHECK(!cd_segment_ends_at(seg, t, 0, at, strlen(t), &after));
	/* a run of marks is read whole; a lower-case word goes on */
	at = (size_t)(strstr(t, "?!") - t);
	CHECK(!cd_segment_ends_at(seg, t, 0, at, strlen(t), &after));
	CHECK(after == at + 2);
	/* no mark: one byte on */
	CHECK(!cd_segment_ends_at(seg, t, 0, 0, strlen(t), &after));
	CHECK(after == 1);
	CHECK(cd_segment_class(seg, "Feb.", 4) == CD_SEG_ABBR);
	CHECK(cd_segment_class(seg, "Mr.", 3) == CD_SEG_TITLE);
	CHECK(cd_segment_class(seg, "The", 3) == CD_SEG_STARTER);
	CHECK(cd_segment_class(seg, "feb.", 4) == CD_SEG_NONE);
}

/* The list's lookups: exact bytes only, a word added again takes its
 * new class, and a long list (the index grows) still finds every word. */
static void test_lookup(void)
{
	struct cd_segment *seg = cd_segment_new();
	char w[16];
	size_t i;
	bool all = true;

	CHECK(cd_segment_class(seg, "Gen.", 4) == CD_SEG_NONE);
	CHECK(cd_segment_add(seg, "Gen.", 4) == 0);
	CHECK(cd_segment_class(seg, "Gen.", 4) == CD_SEG_ABBR);
	CHECK(cd_segment_add(seg, "Gen. title", 10) == 0);
	CHECK(cd_segment_class(seg, "Gen.", 4) == CD_SEG_TITLE);
	CHECK(cd_segment_class(seg, "Gen", 3) == CD_SEG_NONE);
	CHECK(cd_segment_class(seg, "GEN.", 4) == CD_SEG_NONE);
	CHECK(cd_segment_class(seg, "Gen.s", 5) == CD_SEG_NONE);
	for (i = 0; i < 500; i++) {
		snprintf(w, sizeof(w), "W%zu.", i);
		CHECK(cd_segment_add(seg, w, strlen(w)) == 0);
	}
	for (i = 0; i < 500; i++) {
		snprintf(w, sizeof(w), "W%zu.", i);
		all &= cd_segment_class(seg, w, strlen(w)) == CD_SEG_ABBR;
	}
	CHECK(all);
	CHECK(cd_segment_class(seg, "W500.", 5) == CD_SEG_NONE);
	CHECK(cd_segment_class(seg, "Gen.", 4) == CD_SEG_TITLE);
	cd_segment_free(seg);
}

int main(void)
{
	static const char *const list[] = {
		"Mr. title", "Dr. title", "Feb.", "Inc.", "No.", "The starter",
		"Then starter", "He starter",
	};
	struct cd_segment *seg = cd_segment_new();
	size_t i;

	for (i = 0; i < sizeof(list) / sizeof(list[0]); i++)
		CHECK(cd_segment_add(seg, list[i], strlen(list[i])) == 0);
	test_paragraphs();
	test_sentences(seg);
	test_list(seg);
	test_ends_at(seg);
	test_lookup();
	cd_segment_free(seg);
	return UNIT_END();
}
