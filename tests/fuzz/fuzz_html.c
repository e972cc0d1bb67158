/*
 * fuzz_html.c - libFuzzer target for the web-page path (html.h): parse,
 * choose the content, render, then the text rules on the result, as
 * copydesk-clean does with a record's html member.
 *
 * The input is the page itself, made valid UTF-8 first (the member is
 * decoded JSON, so it always is).  Model: extraction never fails on a
 * non-blank page; the text is valid UTF-8, has no NUL and no white space
 * at either end, and no run of three newlines; each drop lies inside the
 * drop buffer and has a "dom:" rule; the drops are valid JSON; the text
 * rules accept the text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "buf.h"
#include "html.h"
#include "json.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MUST(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz_html: %s:%d: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* Check the shape of the rendered text t. */
static void check_text(const struct cd_buf *t)
{
	const char *s = cd_buf_str(t);

	MUST(cd_utf8_check(s, t->len) == t->len);
	MUST(!memchr(s, '\0', t->len));
	MUST(!memmem(s, t->len, "\n\n\n", 3));
	if (t->len) {
		MUST(!strchr(" \n", s[0]));
		MUST(!strchr(" \n", s[t->len - 1]));
	}
}

/* Check the drops of h and that they make a valid JSON array. */
static void check_drops(const struct cd_html *h)
{
	struct cd_buf j = CD_BUF_INIT;
	struct cd_rec rec;
	struct cd_jerr je;
	size_t i;

	for (i = 0; i < h->ndrop; i++) {
		MUST(h->drop[i].off + h->drop[i].len <= h->gone.len);
		MUST(h->drop[i].len > 0);
		MUST(strncmp(h->drop[i].why, "dom:", 4) == 0);
	}
	cd_buf_adds(&j, "{\"r\":[");
	cd_html_drops_json(h, &j);
	cd_buf_adds(&j, "]}");
	cd_rec_init(&rec);
	MUST(cd_rec_parse(&rec, j.p, j.len, &je) == 0);
	cd_rec_release(&rec);
	cd_buf_release(&j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cd_boiler_rules rs;
	static int ready;
	struct cd_buf page = CD_BUF_INIT, err = CD_BUF_INIT;
	struct cd_boiler_doc d;
	struct cd_html h;
	size_t i;
	int st;

	if (!ready) {
		cd_boiler_rules_init(&rs);
		ready = 1;
	}
	cd_utf8_repair((const char *)data, size, &page);
	cd_html_init(&h);
	h.explain = true;
	st = cd_html_extract(&h, cd_buf_str(&page), page.len, "http://x/a",
			     10, &err);
	for (i = 0; i < page.len && strchr(" \t\r\n\f", page.p[i]); i++)
		;
	MUST(st == 0 || i == page.len || err.len > 0);
	if (st == 0) {
		check_text(&h.text);
		check_drops(&h);
		cd_boiler_doc_init(&d);
		cd_boiler_clean(&rs, cd_buf_str(&h.text), h.text.len, &d);
		cd_html_trust(&d);
		cd_boiler_doc_release(&d);
	}
	cd_html_release(&h);
	cd_buf_release(&page);
	cd_buf_release(&err);
	return 0;
}
