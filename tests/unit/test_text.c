/* test_text.c - unit tests of text.c: normalisation, code points, ASCII
 * case, dates, months and times. */
#include <stdio.h>
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

int main(void)
{
	test_normalize();
	test_chars_and_case();
	return UNIT_END();
}
