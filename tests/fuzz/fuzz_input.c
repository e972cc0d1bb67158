/*
 * fuzz_input.c - libFuzzer target for the raw-text and archive path of
 * copydesk-split (input.h): the bytes are read as if they were a file,
 * through libarchive's filters and formats, the delimiter splitter, the
 * decoders and the date header.  Every document must be valid UTF-8 and
 * must turn into a record that the strict JSON parser accepts.
 *
 * The first byte chooses the options: bit 0 a "--" delimiter, bits 1-2
 * the encoding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "json.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort unless the document is valid UTF-8 and a valid record. */
static void one_doc(void *ctx, const struct cd_doc *doc)
{
	struct cd_buf *out = ctx;
	struct cd_rec rec;
	struct cd_jerr err;

	if (cd_utf8_check(doc->text, doc->len) != doc->len ||
	    cd_utf8_check(doc->id, doc->idlen) != doc->idlen)
		abort();
	cd_buf_reset(out);
	cd_input_doc_json(out, doc);
	cd_rec_init(&rec);
	if (cd_rec_parse(&rec, out->p, out->len - 1, &err) != 0)
		abort();
	cd_rec_release(&rec);
}

/* Problems are expected here: say nothing (a fuzz target must not print). */
static void quiet(void *ctx, const char *subject, bool error, const char *msg)
{
	(void)ctx;
	(void)subject;
	(void)error;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_input in;
	struct cd_buf out = CD_BUF_INIT;
	unsigned opt = size ? data[0] : 0;

	cd_input_init(&in);
	in.delim = opt & 1 ? "--" : NULL;
	in.enc = (opt >> 1 & 3) == 1 ? CD_ENC_LATIN1 :
		 (opt >> 1 & 3) == 2 ? CD_ENC_CP1252 : CD_ENC_UTF8;
	in.max = 1 << 20;
	in.doc = one_doc;
	in.report = quiet;
	in.ctx = &out;
	if (size)
		cd_input_memory(&in, "fuzz", data + 1, size - 1);
	cd_input_release(&in);
	cd_buf_release(&out);
	return 0;
}
