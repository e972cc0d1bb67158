/* test_input.c - unit tests of input.c: documents from bytes (plain,
 * delimited, gzip), their ids, dates and repairs, the report and progress
 * callbacks. */
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include "buf.h"
#include "input.h"
#include "unit.h"

/* What the callbacks saw. */
struct seen {
	struct cd_buf docs;	/* "id|date|text\n" per document */
	unsigned notes, errors;
	uint64_t pdocs, pbytes, ptotal;
};

/* Keep a document as "id|date|text". */
static void on_doc(void *ctx, const struct cd_doc *d)
{
	struct seen *s = ctx;

	cd_buf_add(&s->docs, d->id, d->idlen);
	cd_buf_addc(&s->docs, '|');
	if (d->date)
		cd_buf_add(&s->docs, d->date, 10);
	cd_buf_addc(&s->docs, '|');
	cd_buf_add(&s->docs, d->text, d->len);
	cd_buf_addc(&s->docs, '\n');
}

/* Count the problems. */
static void on_report(void *ctx, const char *subject, bool error,
		      const char *msg)
{
	struct seen *s = ctx;

	(void)subject;
	(void)msg;
	if (error)
		s->errors++;
	else
		s->notes++;
}

/* Sum the progress. */
static void on_progress(void *ctx, uint64_t docs, uint64_t bytes,
			uint64_t total)
{
	struct seen *s = ctx;

	s->pdocs += docs;
	s->pbytes += bytes;
	s->ptotal += total;
}

/* Read p[0..len) as the file name (delimited by delim when not NULL)
 * into s; returns cd_input_memory's result. */
static int read_mem(struct seen *s, const char *name, const void *p,
		    size_t len, const char *delim)
{
	struct cd_input in;
	int st;

	memset(s, 0, sizeof(*s));
	cd_input_init(&in);
	in.delim = delim;
	in.doc = on_doc;
	in.report = on_report;
	in.progress = on_progress;
	in.ctx = s;
	st = cd_input_memory(&in, name, p, len);
	cd_input_release(&in);
	cd_buf_addc(&s->docs, '\0');
	return st;
}

static void test_plain(void)
{
	struct seen s;
	const char t[] = "\xef\xbb\xbf\r\n\r\ndate 2025-07-03\r\nHello\r\nworld  \r\n";

	CHECK(read_mem(&s, "a.txt", t, sizeof(t) - 1, NULL) == 0);
	CHECK(strcmp(s.docs.p, "a.txt|2025-07-03|Hello\nworld\n") == 0);
	CHECK(s.errors == 0 && s.pdocs == 1);
	cd_buf_release(&s.docs);
	/* invalid UTF-8 is repaired, and said so in a note */
	CHECK(read_mem(&s, "b.txt", "caf\xe9", 4, NULL) == 0);
	CHECK(strcmp(s.docs.p, "b.txt||caf\xef\xbf\xbd\n") == 0);
	CHECK(s.notes >= 1 && s.errors == 0);
	cd_buf_release(&s.docs);
}

static void test_delimited(void)
{
	struct seen s;
	const char t[] = "one\n---\ntwo\n---\n";

	CHECK(read_mem(&s, "d.txt", t, sizeof(t) - 1, "---") == 0);
	CHECK(strcmp(s.docs.p, "d.txt#1||one\nd.txt#2||two\n") == 0);
	CHECK(s.pdocs == 2);
	cd_buf_release(&s.docs);
}

static void test_gzip(void)
{
	struct seen s;
	unsigned char z[256];
	uLongf zlen = sizeof(z);
	z_stream zs;

	memset(&zs, 0, sizeof(zs));
	CHECK(deflateInit2(&zs, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK);
	zs.next_in = (unsigned char *)"zipped text";
	zs.avail_in = 11;
	zs.next_out = z;
	zs.avail_out = sizeof(z);
	CHECK(deflate(&zs, Z_FINISH) == Z_STREAM_END);
	zlen = zs.total_out;
	deflateEnd(&zs);
	CHECK(read_mem(&s, "c.gz", z, zlen, NULL) == 0);
	CHECK(strstr(s.docs.p, "|zipped text\n") != NULL);
	cd_buf_release(&s.docs);
	/* cut short: an error, never a silent loss */
	CHECK(read_mem(&s, "c.gz", z, zlen / 2, NULL) == -1);
	CHECK(s.errors >= 1);
	cd_buf_release(&s.docs);
}

int main(void)
{
	test_plain();
	test_delimited();
	test_gzip();
	return UNIT_END();
}
