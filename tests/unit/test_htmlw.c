/*
 * test_htmlw.c - unit tests of htmlw.h: escaping of markup characters,
 * invalid UTF-8 and control characters, cutting at a character boundary,
 * which URLs may become links, and the word diff of two variants.
 */
#include "buf.h"
#include "htmlw.h"
#include "unit.h"

/* cd_htmlw_text of s (with its NUL bytes, len given) equals want. */
static void text_is(const char *s, size_t len, const char *want)
{
	struct cd_buf b = CD_BUF_INIT;

	cd_htmlw_text(&b, s, len);
	CHECK_STR(cd_buf_str(&b), b.len, want);
	cd_buf_release(&b);
}

static void test_text(void)
{
	text_is("a<b>&\"'c", 8, "a&lt;b&gt;&amp;&quot;&#39;c");
	text_is("</style><script>", 16, "&lt;/style&gt;&lt;script&gt;");
	text_is("x\0y", 3, "x\xEF\xBF\xBDy");
	text_is("\x1b[0m\x7f", 5, "\xEF\xBF\xBD[0m\xEF\xBF\xBD");
	text_is("tab\tline\n", 9, "tab\tline\n");
	text_is("\xC2\x85", 2, "\xEF\xBF\xBD");		/* C1 NEL */
	text_is("caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D", 13,
		"caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
	text_is("\xED\xA0\x80", 3, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	text_is("\xFF" "a", 2, "\xEF\xBF\xBD" "a");
	text_is("", 0, "");
}

static void test_cut(void)
{
	struct cd_buf b = CD_BUF_INIT;

	CHECK(!cd_htmlw_cut(&b, "short", 5, 10));
	CHECK_STR(cd_buf_str(&b), b.len, "short");
	cd_buf_reset(&b);
	/* "é" is two bytes: a cut at byte 4 backs off to byte 3. */
	CHECK(cd_htmlw_cut(&b, "caf\xC3\xA9s", 6, 4));
	CHECK_STR(cd_buf_str(&b), b.len, "caf\xE2\x80\xA6");
	cd_buf_reset(&b);
	CHECK(cd_htmlw_cut(&b, "<<<<<<", 6, 2));
	CHECK_STR(cd_buf_str(&b), b.len, "&lt;&lt;\xE2\x80\xA6");
	cd_buf_release(&b);
}

static void test_url(void)
{
	CHECK(cd_htmlw_url_ok("https://example.test/a?b=1", 26));
	CHECK(cd_htmlw_url_ok("HTTP://example.test", 19));
	CHECK(!cd_htmlw_url_ok("javascript:alert(1)", 19));
	CHECK(!cd_htmlw_url_ok(" https://example.test", 21));
	CHECK(!cd_htmlw_url_ok("https://", 8));
	CHECK(!cd_htmlw_url_ok("https://a b", 11));
	CHECK(!cd_htmlw_url_ok("https://a\nb", 11));
	CHECK(!cd_htmlw_url_ok("data:text/html,x", 16));
	CHECK(!cd_htmlw_url_ok("//example.test", 14));
}

/* The diff of var against ref equals want. */
static void diff_is(const char *ref, const char *var, const char *want)
{
	struct cd_buf b = CD_BUF_INIT;

	cd_htmlw_diff(&b, ref, strlen(ref), var, strlen(var));
	CHECK_STR(cd_buf_str(&b), b.len, want);
	cd_buf_release(&b);
}

static void test_diff(void)
{
	diff_is("a b c", "a b c", "a b c");
	diff_is("a b c", "a x c", "a <del>b</del> <ins>x</ins> c");
	diff_is("a b c d", "b c", "<del>a</del> b c <del>d</del>");
	diff_is("we said", "we  said \n it", "we said <ins>it</ins>");
	diff_is("it is safe.", "it is safe,", "it is <del>safe.</del> <ins>safe,</ins>");
	diff_is("", "<i>", "<ins>&lt;i&gt;</ins>");
	diff_is("x", "", "<del>x</del>");
	diff_is("", "", "");
}

/* A variant longer than CD_HTMLW_DIFF_WORDS words is cut there, marked. */
static void test_diff_long(void)
{
	struct cd_buf v = CD_BUF_INIT, b = CD_BUF_INIT;
	size_t i;

	for (i = 0; i < CD_HTMLW_DIFF_WORDS + 5; i++)
		cd_buf_adds(&v, "w ");
	cd_htmlw_diff(&b, v.p, v.len, v.p, v.len);
	CHECK(b.len == CD_HTMLW_DIFF_WORDS * 2 - 1 + 4);
	CHECK(memcmp(b.p + b.len - 4, " \xE2\x80\xA6", 4) == 0);
	cd_buf_release(&v);
	cd_buf_release(&b);
}

int main(void)
{
	test_text();
	test_cut();
	test_url();
	test_diff();
	test_diff_long();
	return UNIT_END();
}
