/* test_text.c - unit tests of text.c: normalisation, code points, ASCII
 * case, dates, months and times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "unit.h"

/* s normalised is want. */
static int normalized(const char *s, size_t len, const char *want)
{
	struct cd_buf out = CD_BUF_INIT;
	int ok;

	cd_text_normalize(s, len, &out);
	ok = out.len == strlen(want) && memcmp(out.p, want, out.len) == 0;
	if (!ok)
		fprintf(stderr, "normalized: got '%.*s'\n", (int)out.len, out.p);
	cd_buf_release(&out);
	return ok;
}

static void test_normalize(void)
{
	CHECK(normalized("a\r\nb\rc", 6, "a\nb\nc"));
	CHECK(normalized("a\tb\xc2\xa0" "c", 6, "a b c"));
	CHECK(normalized("a  b   \nc", 9, "a b\nc"));
	CHECK(normalized("  indented", 10, "  indented"));
	CHECK(normalized("x\x01y\x7f" "z", 5, "xyz"));
	CHECK(normalized("zero\xe2\x80\x8bwidth", 12, "zerowidth"));
	/* NFC: e and a combining acute become one code point */
	CHECK(normalized("e\xcc\x81", 3, "\xc3\xa9"));
	CHECK(normalized("\xe2\x80\x9cq\xe2\x80\x9d", 7, "\xe2\x80\x9cq\xe2\x80\x9d"));
	CHECK(normalized("a\0b", 3, "ab") || normalized("a\0b", 3, "a\0b"));
	CHECK(normalized("", 0, ""));
}

/* cd_text_normalize_lines writes what cd_text_normalize writes after
 * prefix, and the end of each line of it: where its LF is, or, for a
 * last line without one, the end of the text; and says whether it is
 * ASCII. */
static int lines_agree(const char *prefix, const char *s, size_t len)
{
	struct cd_buf out = CD_BUF_INIT, ref = CD_BUF_INIT;
	uint64_t *end = NULL;
	size_t cap = 0, n = 0, k = 0, i, from = strlen(prefix);
	bool ascii, high = false, marks;
	int ok;

	cd_buf_add(&out, prefix, from);
	cd_buf_add(&ref, prefix, from);
	ascii = cd_text_normalize_lines(s, len, &out, &end, &cap, &n, &marks);
	cd_text_normalize(s, len, &ref);
	ok = out.len == ref.len && memcmp(out.p, ref.p, out.len) == 0;
	for (i = from; i < out.len; i++) {
		high |= (unsigned char)out.p[i] >= 0x80;
		if (out.p[i] == '\n')
			ok &= k < n && end[k++] == i;
	}
	if (out.len > from && out.p[out.len - 1] != '\n')
		ok &= k < n && end[k++] == out.len;
	ok &= k == n && ascii == !high;
	free(end);
	cd_buf_release(&out);
	cd_buf_release(&ref);
	return ok;
}

static void test_normalize_lines(void)
{
	static const char *const t[] = {
		"a\r\nb\rc", "  x  \n\n   \nyy", "e\xcc\x81\nq",
		"one\xe2\x80\xa8two\n", "tail  ", "", "\n\n", "\n  ",
		/* (split so that \x81 does not take the "e" as a digit) */
		("e\xcc\x81" "e\xcc\x81 done\nzz"), "caf\xc3\xa9 au lait",
		"a\tb  c\n   d\n"
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CHECK(lines_agree("", t[i], strlen(t[i])));
		CHECK(lines_agree("before\n", t[i], strlen(t[i])));
	}
}

/* Whether cd_text_normalize_lines says the line s, after k letters and
 * a space on a line of their own (so that the mark falls at every offset
 * of the sixteen- and eight-byte steps and the byte steps after them),
 * may hold a dumper's marks, for every k to 40: 1 when it says so for
 * all, 0 for none, -1 when it changes with k. */
static int marks_of(const char *s)
{
	int k, yes = 0;

	for (k = 0; k <= 40; k++) {
		struct cd_buf in = CD_BUF_INIT, out = CD_BUF_INIT;
		uint64_t *end = NULL;
		size_t cap = 0, n = 0;
		bool marks;

		cd_buf_add(&in, "first\n", 6);
		for (int j = 0; j < k; j++)
			cd_buf_add(&in, "w", 1);
		cd_buf_add(&in, " ", 1);
		cd_buf_add(&in, s, strlen(s));
		cd_text_normalize_lines(in.p, in.len, &out, &end, &cap, &n,
					&marks);
		yes += marks;
		free(end);
		cd_buf_release(&in);
		cd_buf_release(&out);
	}
	return yes == 41 ? 1 : yes == 0 ? 0 : -1;
}

/* The marks a dumper writes without an indented bullet or a
 * "References" line are seen wherever they fall; prose is not taken for
 * them. */
static void test_normalize_marks(void)
{
	CHECK(marks_of("see [12]Home and more") == 1);
	CHECK(marks_of("[3]Sport") == 1);
	CHECK(marks_of("press (BUTTON) Search") == 1);
	CHECK(marks_of("a photo [IMG] here") == 1);
	CHECK(marks_of("[INS: new words :INS]") == 1);
	CHECK(marks_of("x\n***** A heading of html2text *****\ny") == 1);
	CHECK(marks_of("x\n  ** Indented **") == 1);
	CHECK(marks_of("x\n  * an item\n") == 1);
	CHECK(marks_of("x\n  o\n") == 1);
	/* a tab, a CR, a no-break space or an em space after the bullet */
	CHECK(marks_of("x\n  *\titem\n") == 1);
	CHECK(marks_of("x\n  o\r\n") == 1);
	CHECK(marks_of("x\n  *\xc2\xa0item\n") == 1);
	CHECK(marks_of("x\n  +\xe2\x80\x83item") == 1);
	CHECK(marks_of("x\nReferences\n") == 1);
	/* notes, a wire flash, words opening an indented line */
	CHECK(marks_of("a note[1] and [2], [3].") == 0);
	CHECK(marks_of("x\n****** WIRE FLASH HEADLINE\ny") == 0);
	CHECK(marks_of("**bold** words") == 0);
	CHECK(marks_of("x\n  of the town\n  on the quay\n  +1 more") == 0);
	CHECK(marks_of("x\n  #hashtag\n  *emphasis*") == 0);
	CHECK(marks_of("(BUTTONS) and [12 ] and [IMG and [INS:x") == 0);
}

static void test_chars_and_case(void)
{
	CHECK(cd_text_chars("abc", 3) == 3);
	CHECK(cd_text_chars("\xc3\xa9t\xc3\xa9", 5) == 3);
	CHECK(cd_text_chars("\xe6\x9d\xb1", 3) == 1);
	CHECK(cd_text_lower('A') == 'a' && cd_text_lower('z') == 'z');
	CHECK(cd_text_lower(0xC3) == 0xC3);
	CHECK(cd_text_ieq("HeLLo", "hello", 5));
	CHECK(!cd_text_ieq("hallo", "hello", 5));
	CHECK(cd_text_ifind("Say HELLO there", 15, "hello", 5) == 4);
	CHECK(cd_text_ifind("abc", 3, "x", 1) == (size_t)-1);
	CHECK(cd_text_ifind("abc", 3, "", 0) == 0);
	CHECK(cd_text_iends("crawl.WARC.GZ", 13, ".warc.gz"));
	CHECK(cd_text_iends("a.html", 6, ".html") && cd_text_iends("x", 1, ""));
	CHECK(!cd_text_iends("html", 4, ".html") && !cd_text_iends("a.htm", 5, ".html"));
	CHECK(cd_text_iends("a.html.gz", 6, ".html"));	/* only len counts */
}

/* The ASCII classes against their definition, over every byte. */
static void test_ascii_classes(void)
{
	int c, bad = 0;

	for (c = 0; c < 256; c++) {
		bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		bool digit = c >= '0' && c <= '9';

		bad += cd_text_alpha((unsigned char)c) != alpha;
		bad += cd_text_digit((unsigned char)c) != digit;
		bad += cd_text_word_low((unsigned char)c) !=
		       (digit ? c : alpha ? (c | 32) : 0);
	}
	CHECK(bad == 0);
	CHECK(!cd_text_alpha('@') && !cd_text_alpha('[') && !cd_text_alpha('`'));
	CHECK(!cd_text_alpha('{') && !cd_text_alpha(0xC1) && !cd_text_alpha(0xE1));
}

/* cd_text_ifind the slow way: the first i where pat matches. */
static size_t ifind_ref(const char *s, size_t len, const char *pat,
			size_t plen)
{
	size_t i;

	for (i = 0; i + plen <= len; i++)
		if (cd_text_ieq(s + i, pat, plen))
			return i;
	return (size_t)-1;
}

/* cd_text_ifind, which tests sixteen starts at a time by two bytes (with
 * SSE2) and eight by one, against ifind_ref:
 * matches at every offset of a long text and near its end, bytes that
 * equal the first one once 0x20 is set ('@' and '`', '[' and '{', 'A'
 * and 'a'), and pseudo-random texts over a small alphabet. */
static void test_ifind(void)
{
	static const char alpha[] = "aAbB@`[{ \xc3\xa9.";
	char s[80], p[6];
	unsigned seed = 7, ok = 1;
	size_t i, n, plen, len;

	for (i = 0; i + 5 <= 40; i++) {
		memset(s, 'x', 40);
		memcpy(s + i, "NeEdL", 5);
		ok &= cd_text_ifind(s, 40, "needl", 5) == i;
		ok &= cd_text_ifind(s, i + 4, "needl", 5) == (size_t)-1;
	}
	CHECK(ok);
	CHECK(cd_text_ifind("@@@@@@@@@@`ab", 13, "`a", 2) == 10);
	/* a second byte in the next block; one that passes only with 0x20 */
	CHECK(cd_text_ifind("xxxxxxxxxxxxxxxNeedle xxxxxxxxxx", 32, "ne", 2) == 15);
	CHECK(cd_text_ifind("x@xxxxxxxxxxxxxn@n`xxxxxxxxxxxxx", 32, "n`", 2) == 17);
	CHECK(cd_text_ifind("[[[[[[[[[[{x", 12, "{x", 2) == 10);
	CHECK(cd_text_ifind("`a`a`a`a`a`a@A", 14, "@a", 2) == 12);
	for (n = 0; n < 20000; n++) {
		seed = seed * 1103515245u + 12345u;
		len = seed >> 16 & 63;
		plen = 1 + (seed >> 24) % 4;
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			s[i] = alpha[(seed >> 16) % (sizeof(alpha) - 1)];
		}
		for (i = 0; i < plen; i++) {
			seed = seed * 1103515245u + 12345u;
			p[i] = (char)cd_text_lower((unsigned char)
				alpha[(seed >> 16) % (sizeof(alpha) - 1)]);
		}
		ok &= cd_text_ifind(s, len, p, plen) == ifind_ref(s, len, p, plen);
	}
	CHECK(ok);
}

int main(void)
{
	test_normalize();
	test_normalize_lines();
	test_normalize_marks();
	test_chars_and_case();
	test_ascii_classes();
	test_ifind();
	return UNIT_END();
}
