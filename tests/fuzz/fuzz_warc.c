/*
 * fuzz_warc.c - libFuzzer target for the WARC path of copydesk-split:
 * the WARC reader (warc.h) fed in chunks of varying size, the HTTP
 * parser and payload decoder (chunked, gzip, deflate) with a small
 * limit, and the browser-style charset decoding (charset.h) of every
 * payload.  Every page must come out as valid UTF-8, every span inside
 * its buffer, and nothing may crash, leak or read out of bounds.
 *
 * The first byte chooses the chunk size (1 to 256 bytes a read) and the
 * limit (bits 0-7: max = 64 << (byte & 7)).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/chunksrc.h"
#include "charset.h"
#include "utf8.h"
#include "warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort unless the span lies inside the header buffer or is empty. */
static void check_span(const struct cd_warc *w, const struct cd_str *v)
{
	if (v->len && (v->p < w->hdr.p || v->p + v->len > w->hdr.p + w->hdr.len))
		abort();
}

/* Decode the payload of one block as a page and check the result. */
static void page(struct cd_charset *cs, const char *p, size_t len,
		 size_t max)
{
	struct cd_buf out = CD_BUF_INIT, tmp = CD_BUF_INIT, html = CD_BUF_INIT;
	struct cd_charset_info info;
	struct cd_http h;
	const char *body, *err = NULL;
	size_t blen;
	int st;

	if (cd_http_parse(p, len, &h) == 0) {
		if (h.body < p || h.body + h.len != p + len)
			abort();
		st = cd_http_payload(&h, max, &out, &tmp, &body, &blen, &err);
		if (st < 0 && !err)
			abort();
		if (st == 0) {
			if (max && blen > max)
				abort();
			cd_charset_page(cs, h.ctype.p, h.ctype.len, body, blen,
					&html, &info);
		}
	} else {
		cd_charset_page(cs, NULL, 0, p, len, &html, &info);
	}
	if (cd_utf8_check(html.p ? html.p : "", html.len) != html.len)
		abort();
	cd_buf_release(&out);
	cd_buf_release(&tmp);
	cd_buf_release(&html);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct chunk_src s;
	struct cd_warc w;
	struct cd_warc_rec rec;
	struct cd_charset cs = CD_CHARSET_INIT;
	size_t max;

	if (size == 0)
		return 0;
	s.p = data + 1;
	s.len = size - 1;
	s.step = 1 + data[0];
	max = (size_t)64 << (data[0] & 7);
	cd_warc_init(&w, chunk_read, &s, max);
	while (cd_warc_next(&w, &rec) > 0) {
		check_span(&w, &rec.type);
		check_span(&w, &rec.id);
		check_span(&w, &rec.uri);
		check_span(&w, &rec.ctype);
		/* Read every other block; the others are skipped by next. */
		if ((rec.n & 1) && cd_warc_block(&w, &rec, true) == 0 && rec.block)
			page(&cs, rec.block, rec.len, max);
	}
	cd_warc_release(&w);
	cd_charset_release(&cs);
	return 0;
}
