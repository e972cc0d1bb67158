/*
 * fuzz_report.c - libFuzzer target for copydesk-report's input path and
 * page (report.h, htmlw.h).
 *
 * Byte 0 steers: bits 0-2 give --top (1-8), bit 3 leaves the quotations
 * out.  The rest is the documents, then, after the first form feed
 * (0x0c), the quotations, one JSON line each; lines the record parser
 * refuses are skipped, as the program's record loop rejects them.  Both
 * passes run over the accepted records and the page is built.
 *
 * Model: the page is valid UTF-8 without NUL or control bytes but tab and
 * line feed, every '<' in it opens or closes one of the page's own
 * elements (so no input made an element: no script), every href goes to
 * an anchor or an http(s) URL (no javascript: link), and escaping the whole
 * input with cd_htmlw_text leaves no '<', '>', '"' or '\'' and valid UTF-8;
 * a word diff of two halves is valid UTF-8 and, without its own ins and
 * del tags, holds no '<'.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "htmlw.h"
#include "json.h"
#include "report.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MUST(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz_report: %s:%d: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* Run one pass over the lines of p[0..len) as documents (quotes false)
 * or quotations: pass 1 counts, pass 2 collects what pass 1 accepted. */
static void pass(struct cd_report *r, const char *p, size_t len, bool quotes,
		 int n)
{
	struct cd_rec rec;
	struct cd_jerr je;
	const char *why, *end = p + len, *nl;

	cd_rec_init(&rec);
	for (; p < end; p = nl + 1) {
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			nl = end;
		if (cd_rec_parse(&rec, p, (size_t)(nl - p), &je) != 0)
			continue;
		if (n == 1 && !quotes)
			(void)cd_report_count_doc(r, &rec, &why);
		else if (n == 1)
			(void)cd_report_count_quote(r, &rec, &why);
		else if (!quotes)
			cd_report_collect_doc(r, &rec);
		else
			cd_report_collect_quote(r, &rec);
	}
	cd_rec_release(&rec);
}

/* Does every href of the page go to an anchor or an http(s) URL? */
static bool links_ok(const struct cd_buf *b)
{
	const char *p = b->p, *end = b->p + b->len;

	while ((p = memmem(p, (size_t)(end - p), "href=\"", 6))) {
		p += 6;
		if (end - p < 5 || (*p != '#' && strncasecmp(p, "http", 4) != 0))
			return false;
	}
	return true;
}

/* Does the tag at p (after its '<') belong to the page's own markup? */
static bool ours(const char *p, size_t len)
{
	static const char *const tags[] = {
		"!DOCTYPE", "html", "head", "meta", "title", "style", "body",
		"main", "header", "h1", "h2", "h3", "p", "nav", "a", "section",
		"div", "b", "span", "article", "svg", "line", "rect", "text",
		"table", "thead", "tbody", "tr", "th", "td", "i", "blockquote",
		"ins", "del", "footer"
	};
	size_t i, n;

	if (len && *p == '/')
		p++, len--;
	for (n = 0; n < len && p[n] != ' ' && p[n] != '>' && p[n] != '/'; n++)
		;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strlen(tags[i]) == n && memcmp(tags[i], p, n) == 0)
			return true;
	return false;
}

/* The page's bytes are what it promises. */
static void check_page(const struct cd_buf *b)
{
	size_t i;

	MUST(b->len > 0);
	MUST(cd_utf8_check(b->p, b->len) == b->len);
	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->p[i];

		MUST(c >= 0x20 || c == '\n' || c == '\t');
	}
	MUST(links_ok(b));
	for (i = 0; i < b->len; i++)
		if (b->p[i] == '<')
			MUST(ours(b->p + i + 1, b->len - i - 1));
}

/* cd_htmlw_text and cd_htmlw_diff on raw bytes. */
static void check_escape(const char *p, size_t len)
{
	struct cd_buf b = CD_BUF_INIT;
	size_t i, half = len / 2;

	cd_htmlw_text(&b, p, len);
	MUST(cd_utf8_check(cd_buf_str(&b), b.len) == b.len);
	for (i = 0; i < b.len; i++)
		MUST(!strchr("<>\"'", b.p[i]) || !b.p[i]);
	cd_buf_reset(&b);
	cd_htmlw_diff(&b, p, half, p + half, len - half);
	MUST(cd_utf8_check(cd_buf_str(&b), b.len) == b.len);
	for (i = 0; i < b.len; i++)
		if (b.p[i] == '<')
			MUST(!strncmp(b.p + i, "<ins>", 5) || !strncmp(b.p + i, "</ins>", 6) ||
			     !strncmp(b.p + i, "<del>", 5) || !strncmp(b.p + i, "</del>", 6));
	cd_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_report_opts o;
	struct cd_report *r;
	struct cd_buf page = CD_BUF_INIT;
	const char *p = (const char *)data + 1, *ff;
	size_t len, dlen;
	bool quotes;
	int n;

	if (size < 1)
		return 0;
	len = size - 1;
	cd_report_opts_init(&o);
	o.top = (size_t)(data[0] & 7) + 1;
	quotes = !(data[0] & 8);
	ff = memchr(p, '\f', len);
	dlen = ff ? (size_t)(ff - p) : len;
	r = cd_report_new(&o);
	for (n = 1; n <= 2; n++) {
		pass(r, p, dlen, false, n);
		if (quotes && ff)
			pass(r, ff + 1, len - dlen - 1, true, n);
		if (n == 1)
			cd_report_choose(r);
	}
	cd_report_inputs(r, CD_REPORT_DOCS, 1, 0);
	if (quotes)
		cd_report_inputs(r, CD_REPORT_QUOTES, 1, 0);
	cd_report_html(r, &page);
	check_page(&page);
	cd_report_free(r);
	cd_buf_release(&page);
	check_escape(p, len);
	return 0;
}
