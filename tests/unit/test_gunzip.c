/* test_gunzip.c - inflating from a source (gunzip.h): members, trailing
 * bytes in the loose and the strict mode, truncation, sources that hand
 * out one byte at a time, members longer than the window. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "buf.h"
#include "chunksrc.h"
#include "gunzip.h"
#include "unit.h"

/* Append text to b deflated with zlib's window bits wbits: gzip
 * (16 + MAX_WBITS), zlib (MAX_WBITS) or raw (-MAX_WBITS). */
static void add_deflated(struct cd_buf *b, const char *text, int wbits)
{
	z_stream z;
	uLong room;

	memset(&z, 0, sizeof(z));
	CHECK(deflateInit2(&z, 6, Z_DEFLATED, wbits, 8,
			   Z_DEFAULT_STRATEGY) == Z_OK);
	room = deflateBound(&z, (uLong)strlen(text));
	cd_buf_grow(b, room);
	z.next_in = (unsigned char *)text;
	z.avail_in = (uInt)strlen(text);
	z.next_out = (unsigned char *)b->p + b->len;
	z.avail_out = (uInt)room;
	CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
	b->len += room - z.avail_out;
	deflateEnd(&z);
}

/* Append text as one gzip member to b. */
static void add_member(struct cd_buf *b, const char *text)
{
	add_deflated(b, text, 16 + MAX_WBITS);
}

/* Inflate in[0..len), step bytes a source call, strict or not, into out;
 * returns the last cd_gunzip_read status and the reason in *err. */
static ssize_t inflate_all(const struct cd_buf *in, size_t step, bool strict,
			   struct cd_buf *out, const char **err)
{
	struct chunk_src s = { (const unsigned char *)in->p, in->len, step };
	struct cd_gunzip g;
	char chunk[7];
	ssize_t k;

	cd_buf_reset(out);
	cd_gunzip_init(&g, CD_GZ_GZIP, chunk_read, &s);
	g.strict = strict;
	while ((k = cd_gunzip_read(&g, chunk, sizeof(chunk))) > 0)
		cd_buf_add(out, chunk, (size_t)k);
	*err = g.err;
	cd_gunzip_release(&g);
	return k;
}

/* Inflate in with sources of 1 to 4096 bytes a call: loose, it gives
 * want and ends cleanly; strict, it gives want and then status
 * strict_st, with strict_err after -1. */
static void check_modes(const struct cd_buf *in, const char *want,
			ssize_t strict_st, const char *strict_err)
{
	struct cd_buf out = CD_BUF_INIT;
	const char *err;
	size_t step;

	for (step = 1; step <= 4096; step *= 8) {
		CHECK(inflate_all(in, step, false, &out, &err) == 0);
		CHECK_STR(out.p, out.len, want);
		CHECK(inflate_all(in, step, true, &out, &err) == strict_st);
		CHECK_STR(out.p, out.len, want);
		CHECK(strict_st == 0 ||
		      (err && strcmp(err, strict_err) == 0));
	}
	cd_buf_release(&out);
}

/* Members one after another, an empty one among them: one text. */
static void test_members(void)
{
	struct cd_buf in = CD_BUF_INIT;

	add_member(&in, "first line\n");
	add_member(&in, "");
	add_member(&in, "second");
	check_modes(&in, "first line\nsecond", 0, NULL);
	cd_buf_release(&in);
}

/* Bytes after the last member that are not a member: the end of the
 * data, or in strict mode damage after every decoded byte. */
static void test_trailing(void)
{
	struct cd_buf in = CD_BUF_INIT;

	add_member(&in, "kept\n");
	cd_buf_adds(&in, "junk after the member\n");
	check_modes(&in, "kept\n", -1, "trailing garbage after gzip data");
	cd_buf_release(&in);
}

/* A member cut short: truncated in both modes, what was decoded kept. */
static void test_truncated(void)
{
	struct cd_buf in = CD_BUF_INIT, out = CD_BUF_INIT;
	const char *err;

	add_member(&in, "a line that will be cut\n");
	in.len -= 4;		/* part of the trailer */
	CHECK(inflate_all(&in, 3, false, &out, &err) == -1);
	CHECK(err && strcmp(err, "truncated gzip data") == 0);
	CHECK(inflate_all(&in, 3, true, &out, &err) == -1);
	CHECK(err && strcmp(err, "truncated gzip data") == 0);
	CHECK_STR(out.p, out.len, "a line that will be cut\n");
	cd_buf_release(&in);
	cd_buf_release(&out);
}

/* Members longer than the 32 KB window, whose copies reach back across
 * the calls, through outputs of 7 bytes and of 64 KB and sources of 1 to
 * 4096 bytes a call: the text, whole. */
static void test_long_members(void)
{
	struct cd_buf in = CD_BUF_INIT, text = CD_BUF_INIT, out = CD_BUF_INIT;
	struct cd_buf half = CD_BUF_INIT;
	static const char *words[] = { "harbour ", "crane ", "tide ",
		"quay ", "ferry ", "Lindmoor\n", "pier ", "gull " };
	static const size_t caps[] = { 7, 65536 };
	unsigned seed = 7;
	size_t i, step, c;

	for (i = 0; i < 40000; i++) {
		seed = seed * 1103515245u + 12345u;
		cd_buf_adds(&half, words[(seed >> 16) % 8]);
	}
	add_member(&in, cd_buf_str(&half));
	add_member(&in, cd_buf_str(&half));
	cd_buf_add(&text, half.p, half.len);
	cd_buf_add(&text, half.p, half.len);
	for (step = 1; step <= 4096; step *= 64)
		for (c = 0; c < sizeof(caps) / sizeof(*caps); c++) {
			struct chunk_src s = { (const unsigned char *)in.p,
					       in.len, step };
			struct cd_gunzip g;
			size_t cap = caps[c];
			char *chunk = cd_xmalloc(cap);
			ssize_t k;

			cd_buf_reset(&out);
			cd_gunzip_init(&g, CD_GZ_GZIP, chunk_read, &s);
			while ((k = cd_gunzip_read(&g, chunk, cap)) > 0)
				cd_buf_add(&out, chunk, (size_t)k);
			CHECK(k == 0);
			CHECK(out.len == text.len &&
			      memcmp(out.p, text.p, text.len) == 0);
			cd_gunzip_release(&g);
			free(chunk);
		}
	cd_buf_release(&in);
	cd_buf_release(&text);
	cd_buf_release(&out);
	cd_buf_release(&half);
}

/* A zlib or raw deflate body that compresses well ends with output
 * the inflater still holds after it has read all the input: it is
 * whole, not truncated, at any size limit (a WARC page's
 * Content-Encoding: deflate). */
static void test_whole_deflate(void)
{
	static const int wbits[] = { MAX_WBITS, -MAX_WBITS };
	struct cd_buf text = CD_BUF_INIT, in = CD_BUF_INIT, out = CD_BUF_INIT;
	const char *err;
	size_t i;

	for (i = 0; i < 200000 / 6; i++)
		cd_buf_adds(&text, "abcab\n");
	for (i = 0; i < sizeof(wbits) / sizeof(*wbits); i++) {
		cd_buf_reset(&in);
		add_deflated(&in, cd_buf_str(&text), wbits[i]);
		cd_buf_reset(&out);
		err = NULL;
		CHECK(cd_gunzip_memory(CD_GZ_ZLIB, in.p, in.len, 0, &out,
				       &err) == 0);
		CHECK(err == NULL);
		CHECK(out.len == text.len &&
		      memcmp(out.p, text.p, text.len) == 0);
		cd_buf_reset(&out);
		CHECK(cd_gunzip_memory(CD_GZ_ZLIB, in.p, in.len, text.len - 1,
				       &out, &err) == 1);
		CHECK(out.len == text.len - 1);
	}
	cd_buf_release(&text);
	cd_buf_release(&in);
	cd_buf_release(&out);
}

int main(void)
{
	test_whole_deflate();
	test_members();
	test_long_members();
	test_trailing();
	test_truncated();
	return UNIT_END();
}
