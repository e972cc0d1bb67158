/*
 * test_charset.c - unit tests of charset.h: WHATWG label mapping, the
 * Content-Type charset parameter, the HTML prescan and the decision
 * order (BOM, HTTP, meta, sniffing) with iconv decoding.
 */
#include <string.h>

#include "charset.h"
#include "unit.h"

/* Does label map to name (NULL: unknown)? */
static int maps(const char *label, const char *name)
{
	const char *got = cd_charset_name(label, strlen(label));

	return name ? got && strcmp(got, name) == 0 : got == NULL;
}

static void test_labels(void)
{
	CHECK(maps("utf-8", "UTF-8"));
	CHECK(maps(" UTF8 ", "UTF-8"));
	CHECK(maps("latin1", "windows-1252"));
	CHECK(maps("ISO-8859-1", "windows-1252"));
	CHECK(maps("us-ascii", "windows-1252"));
	CHECK(maps("iso-8859-9", "windows-1254"));
	CHECK(maps("latin2", "ISO-8859-2"));
	CHECK(maps("gb2312", "GBK"));
	CHECK(maps("GB18030", "gb18030"));
	CHECK(maps("x-sjis", "Shift_JIS"));
	CHECK(maps("ks_c_5601-1987", "EUC-KR"));
	CHECK(maps("big5-hkscs", "Big5"));
	CHECK(maps("koi8", "KOI8-R"));
	CHECK(maps("tis-620", "windows-874"));
	CHECK(maps("utf-16", "UTF-16LE"));
	CHECK(maps("iso-2022-kr", "replacement"));
	CHECK(maps("klingon", NULL));
	CHECK(maps("utf", NULL));		/* a prefix of a label */
	CHECK(maps("-8", NULL));		/* a suffix of a label */
	CHECK(maps("utf-8 latin1", NULL));
	CHECK(maps("", NULL));
	/* A NUL byte inside a label (found by fuzz_warc: the word search
	 * read past the table's strings). */
	CHECK(cd_charset_name("utf8\0x", 6) == NULL);
	CHECK(cd_charset_name("l\0", 2) == NULL);
}

/* Does the charset parameter of ct read want (NULL: none)? */
static int param(const char *ct, const char *want)
{
	const char *lab;
	size_t n;

	if (!cd_charset_param(ct, strlen(ct), &lab, &n))
		return want == NULL;
	return want && n == strlen(want) && memcmp(lab, want, n) == 0;
}

static void test_param(void)
{
	CHECK(param("text/html; charset=ISO-8859-2", "ISO-8859-2"));
	CHECK(param("text/html;charset=\"utf-8\"", "utf-8"));
	CHECK(param("text/html; CHARSET = 'koi8-r' ;x=y", "koi8-r"));
	CHECK(param("text/html; charset=utf-8; q=1", "utf-8"));
	CHECK(param("text/html", NULL));
	CHECK(param("text/html; charset=\"utf-8", NULL));
	CHECK(param("text/html; charsetx; charset=big5", "big5"));
}

/* The prescan of page. */
static const char *scan(const char *page, char *bad)
{
	return cd_charset_prescan(page, strlen(page), bad, 64);
}

static void test_prescan(void)
{
	char bad[64];
	const char *e;

	CHECK((e = scan("<html><meta charset=\"latin2\">", bad)) &&
	      strcmp(e, "ISO-8859-2") == 0);
	CHECK((e = scan("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; "
			"charset=windows-1251\">", bad)) &&
	      strcmp(e, "windows-1251") == 0);
	/* content without the pragma does not count */
	CHECK(scan("<meta content=\"text/html; charset=koi8-r\">", bad) == NULL);
	/* comments and quoted ">" are skipped */
	CHECK(scan("<!-- <meta charset=big5> --><meta charset=euc-jp>", bad) &&
	      strcmp(scan("<!-- <meta charset=big5> --><meta charset=euc-jp>",
			  bad), "EUC-JP") == 0);
	CHECK(scan("<a title='<meta charset=big5>'><meta charset=sjis>", bad) &&
	      strcmp(scan("<a title='<meta charset=big5>'><meta charset=sjis>",
			  bad), "Shift_JIS") == 0);
	/* UTF-16 from a meta means UTF-8 */
	CHECK((e = scan("<meta charset=utf-16>", bad)) && strcmp(e, "UTF-8") == 0);
	/* an unknown label is skipped, remembered, and a later one wins */
	CHECK((e = scan("<meta charset=x-bogus><meta charset=latin1>", bad)) &&
	      strcmp(e, "windows-1252") == 0 && strcmp(bad, "x-bogus") == 0);
	CHECK(scan("<meta charset=x-bogus>", bad) == NULL &&
	      strcmp(bad, "x-bogus") == 0);
	/* only the first 1024 bytes are read */
	{
		char page[2048];

		memset(page, ' ', sizeof(page));
		memcpy(page + 1100, "<meta charset=big5>", 19);
		CHECK(cd_charset_prescan(page, sizeof(page), bad, 64) == NULL);
	}
	CHECK(scan("<p>3 < 4 <meta charset=koi8-r>", bad) &&
	      strcmp(scan("<p>3 < 4 <meta charset=koi8-r>", bad), "KOI8-R") == 0);
}

/* Decode page (with ctype) and compare with want and the decision how. */
static int page(const char *ctype, const char *p, size_t len,
		const char *want, const char *how)
{
	struct cd_charset cs = CD_CHARSET_INIT;
	struct cd_buf out = CD_BUF_INIT;
	struct cd_charset_info info;
	int ok;

	cd_charset_page(&cs, ctype, ctype ? strlen(ctype) : 0, p, len, &out,
			&info);
	ok = out.len == strlen(want) && memcmp(out.p, want, out.len) == 0 &&
	     strcmp(info.how, how) == 0;
	if (!ok)
		fprintf(stderr, "got [%s] by %s (%s)\n", cd_buf_str(&out),
			info.how, info.name);
	cd_buf_release(&out);
	cd_charset_release(&cs);
	return ok;
}

/* Multibyte pages decoded by their HTTP label: label, bytes, UTF-8. */
static const struct {
	const char *label, *in, *want;
} cjk[] = {
	/* Shift_JIS: "日本" and a byte that does not decode */
	{ "shift_jis", "\x93\xFA\x96\x7B\xFF",
	  "\xE6\x97\xA5\xE6\x9C\xAC\xEF\xBF\xBD" },
	/* GBK label decoded as GB18030: "中" */
	{ "gb2312", "\xD6\xD0", "\xE4\xB8\xAD" },
	/* EUC-KR: "한" */
	{ "euc-kr", "\xC7\xD1", "\xED\x95\x9C" },
	/* Big5: "中", then a lead byte cut at the end */
	{ "big5", "\xA4\xA4\xA4", "\xE4\xB8\xAD\xEF\xBF\xBD" },
	/* EUC-JP: "日" */
	{ "euc-jp", "\xC6\xFC", "\xE6\x97\xA5" },
};

static void test_page(void)
{
	size_t i;

	CHECK(page(NULL, "\xEF\xBB\xBF<p>caf\xC3\xA9", 11, "<p>caf\xC3\xA9", "bom"));
	CHECK(page("text/html; charset=utf-8", "\xFF\xFE<\0p\0", 6, "<p", "bom"));
	CHECK(page("text/html; charset=iso-8859-2", "<p>\xB1", 4,
		   "<p>\xC4\x85", "http"));
	CHECK(page("text/html; charset=koi8-r", "<meta charset=latin1>\xC1", 22,
		   "<meta charset=latin1>\xD0\xB0", "http"));
	CHECK(page(NULL, "<meta charset=latin1><p>\x93x\x94", 27,
		   "<meta charset=latin1><p>\xE2\x80\x9Cx\xE2\x80\x9D", "meta"));
	CHECK(page(NULL, "<p>caf\xC3\xA9", 8, "<p>caf\xC3\xA9", "sniff"));
	CHECK(page(NULL, "<p>caf\xE9", 7, "<p>caf\xC3\xA9", "sniff"));
	CHECK(page("text/html; charset=x-bogus", "<p>\xE9", 4, "<p>\xC3\xA9",
		   "sniff"));
	/* The multibyte encodings, each named in the HTTP Content-Type. */
	for (i = 0; i < sizeof(cjk) / sizeof(cjk[0]); i++) {
		char ctype[64];

		snprintf(ctype, sizeof(ctype), "text/html; charset=%s",
			 cjk[i].label);
		CHECK(page(ctype, cjk[i].in, strlen(cjk[i].in), cjk[i].want,
			   "http"));
	}
}

/* Does cd_charset_unmojibake turn in into want? */
static int unmoji(const char *in, const char *want)
{
	char b[256];
	size_t n = strlen(in);

	memcpy(b, in, n + 1);
	n = cd_charset_unmojibake(b, n);
	return n == strlen(want) && memcmp(b, want, n) == 0 && b[n] == '\0';
}

static void test_unmojibake(void)
{
	/* UTF-8 read as Latin-1: the C1 controls show it; then the other
	 * sequences of the text are undone too */
	CHECK(unmoji("Our mentor\xC3\xA2\xC2\x80\xC2\x99s caf\xC3\x83\xC2\xA9",
		     "Our mentor\xE2\x80\x99s caf\xC3\xA9"));
	/* read as Windows-1252 ("â€™", "â€\x9D" keeps its C1 control) */
	CHECK(unmoji("\xC3\xA2\xE2\x82\xAC\xC5\x93Hi\xC3\xA2\xE2\x82\xAC\xC2\x9D "
		     "it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s",
		     "\xE2\x80\x9CHi\xE2\x80\x9D it\xE2\x80\x99s"));
	/* an emoji: four bytes */
	CHECK(unmoji("\xC3\xB0\xC2\x9F\xC2\x98\xC2\x80!", "\xF0\x9F\x98\x80!"));
	/* no C1 control anywhere: left alone (quoted as an example) */
	CHECK(unmoji("you saw \"\xC3\x83\xC2\xA4\" for \"\xC3\xA4\"",
		     "you saw \"\xC3\x83\xC2\xA4\" for \"\xC3\xA4\""));
	/* text that only looks close: no valid sequence behind it */
	CHECK(unmoji("Soul\xC3\xA9\xE2\x80\x99s fianc\xC3\xA9\xE2\x80\x94" "a \xC2\x85",
		     "Soul\xC3\xA9\xE2\x80\x99s fianc\xC3\xA9\xE2\x80\x94" "a \xC2\x85"));
	CHECK(unmoji("", ""));
	CHECK(unmoji("\xC3\xA2", "\xC3\xA2"));
	/* a C1 control in a sequence that breaks off ("\xC3\xA2\xC2\x80"
	 * then "x") is no sign: the quoted example stays */
	CHECK(unmoji("caf\xC3\x83\xC2\xA9 \xC3\xA2\xC2\x80x",
		     "caf\xC3\x83\xC2\xA9 \xC3\xA2\xC2\x80x"));
}

int main(void)
{
	test_labels();
	test_param();
	test_prescan();
	test_page();
	test_unmojibake();
	return UNIT_END();
}
