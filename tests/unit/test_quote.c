/*
 * test_quote.c - quote.h (finding quoted pieces) and attrib.h (speakers)
 * on small invented texts.  The word lists are the project's own, read
 * from $COPYDESK_DATADIR or data/ (the Makefile runs units from the
 * project root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "lex_int.h"
#include "quote.h"
#include "unit.h"

static struct cd_lex *lex;
static struct cd_attrib at;
static struct cd_buf qt;

/* Load the installed word lists, or exit 1 saying which one failed. */
static void load_lists(void)
{
	char err[512];

	lex = cd_lex_new();
	if (cd_lex_load_installed(lex, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
}

/* Attribute text and return the number of quotations. */
static size_t run(const char *text)
{
	return cd_attrib_text(&at, text, strlen(text), false);
}

/* The text of quotation i of the last run, NUL-terminated. */
static const char *quote(size_t i)
{
	cd_buf_reset(&qt);
	cd_attrib_quote_text(&at, i, &qt);
	return cd_buf_str(&qt);
}

/* True when quotation i has speaker want (NULL: none). */
static bool speaker_is(size_t i, const char *want)
{
	const struct cd_qattr *q = &at.q[i];

	if (!want)
		return !q->has_speaker;
	return q->has_speaker && q->spklen == strlen(want)
	       && !memcmp(at.pool.p + q->spk, want, q->spklen);
}

/* True when quotation i of text has mention want. */
static bool mention_is(const char *text, size_t i, const char *want)
{
	const struct cd_qattr *q = &at.q[i];

	return q->has_mention && q->men_end - q->men_start == strlen(want)
	       && !memcmp(text + q->men_start, want, strlen(want));
}

static void test_marks(void)
{
	struct cd_qfind qf;
	const char *t;

	cd_qfind_init(&qf);
	t = "Hale's plan didn't work in the '90s, and Ruiz' team knew it.";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 0);
	t = "A 12\" pipe and a 6'2\" man.";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 0);
	/* a markup attribute's closing mark at a line start, then the
	 * tag's end: no quotation opens there */
	t = "<post date=\"May 1\n\">The pier is closed.</post>";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 0);
	t = "He said \"yes\" and \xE2\x80\x9Cno\xE2\x80\x9D and \xC2\xAB" "oui"
	    "\xC2\xBB and \xE2\x80\x9E" "ja\xE2\x80\x9C.";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 4);
	CHECK(qf.n == 4 && !memcmp(t + qf.p[0].start, "yes", 3)
	      && qf.p[0].end - qf.p[0].start == 3);
	CHECK(qf.n == 4 && !memcmp(t + qf.p[3].start, "ja", 2));
	/* an inner single quotation belongs to the outer one */
	t = "\xE2\x80\x9CHe called it \xE2\x80\x98" "fine,\xE2\x80\x99 then left,"
	    "\xE2\x80\x9D she said.";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 1);
	/* a headline in single marks */
	t = "Mayor: \xE2\x80\x98We will rebuild\xE2\x80\x99";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 1 && qf.p[0].single);
	/* two apostrophes are read as a mark only when asked */
	t = "''Not now,'' she said.";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 0);
	qf.old_marks = true;
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 1);
	cd_qfind_release(&qf);
}

/* A mark at every offset after plain text, after an apostrophe and
 * after a non-ASCII letter: the finder skips sixteen and eight bytes at
 * a time and must stop at each. */
static void test_marks_at_every_offset(void)
{
	static const char *const before[] = { "", "it's ", "caf\xC3\xA9 " };
	static const char *const open[] = { "\"", "\xE2\x80\x9C" };
	static const char *const close[] = { "\"", "\xE2\x80\x9D" };
	struct cd_qfind qf;
	struct cd_buf t = CD_BUF_INIT;
	size_t k, j, m, i, from;

	cd_qfind_init(&qf);
	for (k = 0; k < 40; k++)
		for (j = 0; j < 3; j++)
			for (m = 0; m < 2; m++) {
				cd_buf_reset(&t);
				for (i = 0; i < k; i++)
					cd_buf_addc(&t, i % 5 == 4 ? ' ' : 'w');
				cd_buf_adds(&t, " ");
				cd_buf_adds(&t, before[j]);
				from = t.len + strlen(open[m]);
				cd_buf_adds(&t, open[m]);
				cd_buf_adds(&t, "We will see,");
				cd_buf_adds(&t, close[m]);
				cd_buf_adds(&t, " the mayor said of the plan.");
				CHECK(cd_quote_find(&qf, t.p, t.len) == 1
				      && qf.p[0].start == from
				      && qf.p[0].end == from + 12);
			}
	cd_qfind_release(&qf);
	cd_buf_release(&t);
}

static void test_paragraphs(void)
{
	struct cd_qfind qf;
	const char *t;

	cd_qfind_init(&qf);
	t = "\xE2\x80\x9C" "First part.\n\n\xE2\x80\x9CSecond part.\xE2\x80\x9D\n";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 2);
	CHECK(qf.p[0].cont && qf.p[1].contd && qf.p[1].para == 1);
	/* one sentence a line: the quotation runs on to its closing mark */
	t = "\xE2\x80\x9CStay here.\nRight now!\xE2\x80\x9D he said.\nNext.\n";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 1 && qf.nsoft == 1);
	CHECK(qf.n == 1 && qf.p[0].end - qf.p[0].start == 21 && qf.npara == 2);
	/* no continuation when the next paragraph does not open a quote */
	t = "\xE2\x80\x9CLeft open.\n\nPlain text.\n";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 1 && !qf.p[0].cont);
	cd_qfind_release(&qf);
	t = "\xE2\x80\x9C" "First part.\n\n\xE2\x80\x9CSecond part,\xE2\x80\x9D "
	    "said Anna Berg.\n";
	CHECK(run(t) == 1);
	CHECK(!strcmp(quote(0), "First part. \xE2\x80\xA6 \xE2\x80\x9CSecond part,"));
	CHECK(speaker_is(0, "Anna Berg"));
	t = "Tom Hale came.\n\"Stay here.\nRight now!\" he said.\n";
	CHECK(run(t) == 1 && speaker_is(0, "Tom Hale"));
}

/* Hard-wrapped text: a line that fills the width goes on into the next,
 * its line break a space; paragraphs end at blank lines. */
static void test_wrapped(void)
{
	struct cd_qfind qf;
	const char *t =
		"The ferry board met on Friday to set the fares that the island\n"
		"pays for its winter crossings, and the vote was a narrow one.\n"
		"\n"
		"\"We have held the fares below the cost of fuel for the second\n"
		"winter in a row, and we mean to hold them there,\" said Ines\n"
		"Korte, the chair of the board, after the meeting at the harbour.\n"
		"\n"
		"Islanders wanted more sailings. Their councillor, Ruud Daal,\n"
		"called the timetable \"a winter of missed boats\" and left.\n";
	size_t end;

	cd_qfind_init(&qf);
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 2);
	CHECK(qf.npara == 3 && qf.p[0].para == 1 && qf.p[1].para == 2);
	CHECK(qf.nsoft == 4);
	CHECK(cd_quote_paras(&qf, t, 0, strlen(t)) == 3);
	end = cd_quote_para_end(&qf, t, strlen(t), qf.p[0].pstart);
	CHECK(end > qf.p[0].close && t[end] == '\n' && t[end + 1] == '\n');
	CHECK(cd_quote_para_end(&qf, t, strlen(t), qf.p[1].pstart)
	      == strlen(t) - 1);
	cd_qfind_release(&qf);
	CHECK(run(t) == 2 && speaker_is(0, "Ines Korte")
	      && speaker_is(1, "Ruud Daal"));
}

/* A text quoting in single marks (British style): ’ closes only where
 * it is no apostrophe; double marks nest. */
static void test_single_first(void)
{
	struct cd_qfind qf;
	const char *t =
		"\xE2\x80\x98The Joneses\xE2\x80\x99 boat stays,\xE2\x80\x99 "
		"said Ann. \xE2\x80\x98We didn\xE2\x80\x99t sell "
		"\xE2\x80\x9Cthe yard\xE2\x80\x9D.\xE2\x80\x99\n";

	cd_qfind_init(&qf);
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 2 && qf.single_first);
	CHECK(qf.n == 2 && !qf.p[0].single && !qf.p[1].single);
	CHECK(qf.n == 2 && qf.p[0].end - qf.p[0].start == 26);
	CHECK(qf.n == 2 && qf.p[1].close == strlen(t) - 1);
	/* more double quotations than single ones: as before */
	t = "\xE2\x80\x9CWe read \xE2\x80\x98The Sea\xE2\x80\x99.\xE2\x80\x9D\n";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 1 && !qf.single_first);
	/* straight single titles in a text quoting in curly doubles (one
	 * closed with a straight mark): no British reading */
	t = "Pence: 'Title one' and 'Title two'.\n\xE2\x80\x9CWe will win,"
	    "\xE2\x80\x9D he said. \xE2\x80\x9CWe will.\"\n";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 4 && !qf.single_first);
	/* a no-break space after the mark is trimmed whole */
	t = "\xE2\x80\x9C\xC2\xA0Yes.\xE2\x80\x9D\n";
	CHECK(cd_quote_find(&qf, t, strlen(t)) == 1 && qf.p[0].start == 5);
	cd_qfind_release(&qf);
}

static void test_cues(void)
{
	const char *t;

	t = "\xE2\x80\x9CThe bridge is closed,\xE2\x80\x9D said Finance Minister "
	    "Anna Berg.";
	CHECK(run(t) == 1 && speaker_is(0, "Anna Berg"));
	CHECK(mention_is(t, 0, "Finance Minister Anna Berg"));
	CHECK(at.q[0].has_cue && !memcmp(t + at.q[0].cue_start, "said", 4));
	CHECK(at.q[0].kind == CD_QK_QUOTE);
	t = "Tom Hale said: \"We start on Monday.\"";
	CHECK(run(t) == 1 && speaker_is(0, "Tom Hale"));
	t = "According to Tom Hale, \"the work is done.\"";
	CHECK(run(t) == 1 && speaker_is(0, "Tom Hale"));
	t = "\"Nothing is decided,\" Ruth Voss, a city aide, told reporters.";
	CHECK(run(t) == 1 && speaker_is(0, "Ruth Voss"));
	CHECK(mention_is(t, 0, "Ruth Voss, a city aide,"));
	t = "\xE2\x80\x9CWe are counting every house.\xE2\x80\x9D "
	    "\xE2\x80\x95 Ana Ruiz";
	CHECK(run(t) == 1 && speaker_is(0, "Ana Ruiz"));
}

static void test_resolution(void)
{
	const char *t;

	t = "Mayor Tom Hale spoke on Monday.\n\n\"We will rebuild,\" he said.";
	CHECK(run(t) == 1 && speaker_is(0, "Tom Hale"));
	CHECK(mention_is(t, 0, "he"));
	t = "Tom Hale opened the meeting. \"It was long,\" Hale added.";
	CHECK(run(t) == 1 && speaker_is(0, "Tom Hale"));
	t = "Anna Berg met Tom Hale on Friday. \"It went well,\" she said.";
	CHECK(run(t) == 1 && speaker_is(0, "Anna Berg"));
	t = "Hale aide Ruth Voss wrote the plan.\n\n\"It is ready,\" the aide "
	    "said.";
	CHECK(run(t) == 1 && speaker_is(0, "Ruth Voss"));
	/* nobody before the pronoun: no speaker, but the mention */
	t = "\"We had a long call,\" he told reporters.";
	CHECK(run(t) == 1 && speaker_is(0, NULL) && mention_is(t, 0, "he"));
}

static void test_continuations(void)
{
	const char *t;

	/* the first paragraph ends with its attribution: one quotation */
	t = "\"The river is high,\" said Tom Hale.\n\n\"We are ready for it.\"";
	CHECK(run(t) == 1 && speaker_is(0, "Tom Hale"));
	/* it ends with a quotation: the next paragraph's continues it */
	t = "\"The river is high,\" said Tom Hale. \"It rose all night.\""
	    "\n\n\"We are ready for it.\"";
	CHECK(run(t) == 2 && speaker_is(1, "Tom Hale"));
	t = "\xE2\x80\x9CThe river is high,\xE2\x80\x9D Hale said. "
	    "\xE2\x80\x9CWe are ready.\xE2\x80\x9D";
	CHECK(run(t) == 1);
	CHECK(!strcmp(quote(0), "The river is high,\xE2\x80\x9D \xE2\x80\xA6 "
		      "\xE2\x80\x9CWe are ready."));
	t = "Tom Hale said on Monday:\n\n\"The work starts now.\"";
	CHECK(run(t) == 1 && speaker_is(0, "Tom Hale"));
}

static void test_kinds(void)
{
	const char *t;

	t = "Tom Hale said the plan was \"a costly mess\" and left.";
	CHECK(run(t) == 1 && at.q[0].kind == CD_QK_FRAGMENT);
	CHECK(speaker_is(0, "Tom Hale"));
	/* scare quotes nobody said are dropped, unless keep_all */
	t = "The so-called \"reform\" failed.";
	CHECK(run(t) == 0);
	at.keep_all = true;
	CHECK(run(t) == 1 && at.q[0].kind == CD_QK_FRAGMENT);
	at.keep_all = false;
	t = "Hale says \xE2\x80\x9CWe will rebuild\xE2\x80\x9D\n"
	    "Tom Hale, the mayor, spoke on Monday in the town hall to many "
	    "people who had lost their homes in the flood of the week before, "
	    "and said the town would rebuild every street.\n";
	CHECK(run(t) == 1 && at.q[0].kind == CD_QK_HEADLINE);
	CHECK(speaker_is(0, "Tom Hale"));
	t = "Plan \xE2\x80\x9Cgoes ahead\xE2\x80\x9D\nBody text.";
	CHECK(cd_attrib_text(&at, t, strlen(t), true) == 0);
}

static void test_lex_errors(void)
{
	struct cd_lex *l = cd_lex_new();
	char err[128];

	CHECK(cd_lex_add_line(l, "nonsense word", 13, CD_LEXF_WORDS, err,
			      sizeof(err)) < 0);
	CHECK(strstr(err, "unknown word class") != NULL);
	CHECK(cd_lex_add_line(l, "he q", 4, CD_LEXF_PRONOUNS, err,
			      sizeof(err)) < 0);
	CHECK(cd_lex_load(l, "/nonexistent/x.txt", CD_LEXF_CUES, err,
			  sizeof(err)) < 0);
	CHECK(strncmp(err, "cannot open", 11) == 0);
	cd_lex_free(l);
}

/* Word-list lookups of every key length, in any case, read in place
 * (16 bytes readable) or near the end of the text, and keys that differ
 * only where bit 0x20 does not fold case ("ab@" and "ab`"). */
static void test_lex_lookup(void)
{
	struct cd_lex *l = cd_lex_new();
	char err[128], key[32], text[64], line[40];
	size_t n, i, off;

	for (n = 1; n <= 20; n++) {
		for (i = 0; i < n; i++)
			key[i] = (char)('a' + (i * 7 + n) % 26);
		snprintf(line, sizeof(line), "%.*s m", (int)n, key);
		CHECK(cd_lex_add_line(l, line, n + 2, CD_LEXF_NAMES, err,
				      sizeof(err)) == 0);
	}
	CHECK(cd_lex_add_line(l, "ab@ m", 5, CD_LEXF_NAMES, err,
			      sizeof(err)) == 0);
	for (n = 1; n <= 20; n++) {
		for (i = 0; i < n; i++)
			key[i] = (char)('A' + (i * 7 + n) % 26);
		for (off = 0; off + n <= sizeof(text); off += 7) {
			memset(text, '.', sizeof(text));
			memcpy(text + off, key, n);
			CHECK(cd_lex_get_in(l, text + off, n,
					    text + sizeof(text)) != NULL);
			CHECK(cd_lex_get_in(l, text + off, n,
					    text + off + n) != NULL);
			text[off + n - 1] ^= 1;	/* another letter */
			CHECK(cd_lex_get_in(l, text + off, n,
					    text + sizeof(text)) == NULL);
		}
		CHECK(cd_lex_get(l, key, n) != NULL);
		CHECK(n == 1 || cd_lex_get(l, key, n - 1) == NULL);
	}
	CHECK(cd_lex_get(l, "AB@", 3) != NULL);
	CHECK(cd_lex_get(l, "ab`", 3) == NULL);
	cd_lex_free(l);
}

/* cd_quote_none: false for a text holding any mark, at any offset (the
 * scan takes sixteen bytes at a time), true for one holding none but
 * apostrophes between letters (and cd_quote_find finds nothing there). */
static void test_none(void)
{
	static const char *const none[] = {
		"The company's board won't meet \xE2\x80\x94 it said.",
		"Don\xE2\x80\x99t go, caf\xC3\xA9, 5\xE2\x80\xB2",
		"O'Brien\nrock'n'roll"
	};
	static const char *const some[] = {
		"the 'plan' failed", "it's '90", "rock 'n' roll", "Jones' boat",
		"x''y", "the \xE2\x80\x98plan\xE2\x80\x99 failed",
		"a\xE2\x80\x99 b", "'Tis", "end'"
	};
	struct cd_qfind qf;
	static const char *const mark[] = {
		"\"", "'", "``", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C",
		"\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
		"\xE2\x80\x9E"
	};
	char t[80];
	size_t k, off, n;

	cd_qfind_init(&qf);
	for (k = 0; k < sizeof(none) / sizeof(none[0]); k++) {
		CHECK(cd_quote_none(none[k], strlen(none[k])));
		CHECK(cd_quote_find(&qf, none[k], strlen(none[k])) == 0);
	}
	cd_qfind_release(&qf);
	for (k = 0; k < sizeof(some) / sizeof(some[0]); k++)
		CHECK(!cd_quote_none(some[k], strlen(some[k])));
	memset(t, 'w', sizeof(t));
	CHECK(cd_quote_none(t, sizeof(t)));
	CHECK(cd_quote_none("", 0));
	for (k = 0; k < sizeof(mark) / sizeof(mark[0]); k++) {
		n = strlen(mark[k]);
		for (off = 0; off + n < sizeof(t); off++) {
			memset(t, 'w', sizeof(t));
			memcpy(t + off, mark[k], n);
			t[off + n] = ' ';	/* not an apostrophe in a word */
			CHECK(!cd_quote_none(t, off + n));
			CHECK(!cd_quote_none(t, sizeof(t)));
		}
	}
}

/* cd_quote_cut: a place outside every quotation, a line start first. */
static void test_cut(void)
{
	struct cd_qfind qf;
	/* "Five" starts at 23, "Seven" at 33, "Eight" at 39 */
	const char *t = "One two. \"Three\nfour.\" Five six. Seven\n"
			"Eight nine ten eleven twelve.";
	size_t n = strlen(t);

	cd_qfind_init(&qf);
	/* the quotation joins lines 1 and 2: its line break is no cut */
	CHECK(cd_quote_find(&qf, t, n) == 1);
	CHECK(qf.nsoft == 1);
	CHECK(cd_quote_cut(&qf, t, 39) == 39);	/* after "Seven\n" */
	CHECK(cd_quote_cut(&qf, t, 38) == 33);	/* "Seven", a sentence */
	CHECK(cd_quote_cut(&qf, t, 22) == 0);	/* only inside it */
	/* the soft line break joins: two paragraphs, not three */
	CHECK(cd_quote_paras(&qf, t, 0, n) == 2);
	CHECK(cd_quote_paras(&qf, t, 39, n) == 1);
	cd_qfind_release(&qf);
}

int main(void)
{
	load_lists();
	cd_attrib_init(&at, lex);
	test_marks();
	test_marks_at_every_offset();
	test_paragraphs();
	test_wrapped();
	test_single_first();
	test_cues();
	test_resolution();
	test_continuations();
	test_kinds();
	test_lex_errors();
	test_lex_lookup();
	test_none();
	test_cut();
	cd_attrib_release(&at);
	cd_buf_release(&qt);
	cd_lex_free(lex);
	return UNIT_END();
}
