/*
 * test_warc.c - unit tests of warc.h and gunzip.h: WARC headers read in
 * chunks of every size, plain and gzip; blocks kept or skipped; each kind
 * of damage; HTTP responses and their chunked, gzip and deflate payloads.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "chunksrc.h"
#include "unit.h"
#include "warc.h"

#define REC(type, extra, block) \
	"WARC/1.1\r\nWARC-Type: " type "\r\n" \
	"WARC-Record-ID: <urn:uuid:" type ">\r\n" extra \
	"Content-Length: " #block "\r\n\r\n"

static const char two[] =
	"WARC/1.0\r\nWARC-Type: warcinfo\r\nwarc-record-id: <urn:uuid:1>\r\n"
	"Content-Type: application/warc-fields\r\nContent-Length: 9\r\n\r\n"
	"a: b\r\nc\r\n\r\n\r\n"
	"WARC/1.1\r\nWARC-Type:  response \r\nWARC-Record-ID: <urn:uuid:2>\r\n"
	"WARC-Target-URI: http://a.example/x\r\n"
	"WARC-Date: 2026-03-03T12:00:00Z\r\n"
	"Content-Length: 5\r\n\r\nhello\r\n\r\n";

/* Read two[] (or its gzip form z) in chunks of step: both records, the
 * first skipped and the second kept. */
static void read_two(const unsigned char *p, size_t len, size_t step)
{
	struct chunk_src s = { p, len, step };
	struct cd_warc w;
	struct cd_warc_rec rec;

	cd_warc_init(&w, chunk_read, &s, 0);
	CHECK(cd_warc_next(&w, &rec) == 1);
	CHECK(rec.n == 1);
	CHECK_STR(rec.type.p, rec.type.len, "warcinfo");
	CHECK_STR(rec.id.p, rec.id.len, "<urn:uuid:1>");
	CHECK_STR(rec.ctype.p, rec.ctype.len, "application/warc-fields");
	CHECK(rec.length == 9 && rec.uri.len == 0);
	CHECK(cd_warc_next(&w, &rec) == 1);
	CHECK(rec.n == 2);
	CHECK_STR(rec.type.p, rec.type.len, "response");
	CHECK_STR(rec.uri.p, rec.uri.len, "http://a.example/x");
	CHECK_STR(rec.date.p, rec.date.len, "2026-03-03T12:00:00Z");
	CHECK(cd_warc_block(&w, &rec, true) == 0);
	CHECK_STR(rec.block, rec.len, "hello");
	CHECK(cd_warc_next(&w, &rec) == 0);
	cd_warc_release(&w);
}

/* two[] compressed as two gzip members split inside the first record. */
static unsigned char *gzip_two(size_t *len)
{
	unsigned char *out = malloc(1024);
	size_t at = 0, cut = 50, k;

	for (k = 0; k < 2; k++) {
		z_stream z;
		const char *p = k ? two + cut : two;
		size_t n = k ? sizeof(two) - 1 - cut : cut;

		memset(&z, 0, sizeof(z));
		deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
		z.next_in = (unsigned char *)p;
		z.avail_in = (uInt)n;
		z.next_out = out + at;
		z.avail_out = (uInt)(1024 - at);
		deflate(&z, Z_FINISH);
		at = 1024 - z.avail_out;
		deflateEnd(&z);
	}
	*len = at;
	return out;
}

static void test_read(void)
{
	size_t step, zlen;
	unsigned char *z = gzip_two(&zlen);

	for (step = 1; step <= 64; step++)
		read_two((const unsigned char *)two, sizeof(two) - 1, step);
	read_two((const unsigned char *)two, sizeof(two) - 1, 1 << 20);
	for (step = 1; step <= 64; step += 7)
		read_two(z, zlen, step);
	read_two(z, zlen, 1 << 20);
	free(z);
}

/* The result of reading text: the status of the first failing call, or
 * 0 at the clean end; *records counts the records read. */
static int damage(const char *text, size_t max, const char **err,
		  int *records)
{
	struct chunk_src s = { (const unsigned char *)text, strlen(text), 3 };
	struct cd_warc w;
	struct cd_warc_rec rec;
	int st;

	*records = 0;
	cd_warc_init(&w, chunk_read, &s, max);
	while ((st = cd_warc_next(&w, &rec)) == 1) {
		++*records;
		if ((st = cd_warc_block(&w, &rec, true)) != 0)
			break;
	}
	*err = w.err;
	cd_warc_release(&w);
	return st;
}

static void test_damage(void)
{
	const char *err;
	int n;

	CHECK(damage("", 0, &err, &n) == 0 && n == 0);
	CHECK(damage("\r\n\r\n", 0, &err, &n) == 0 && n == 0);
	CHECK(damage("HTTP/1.1 200 OK\r\n\r\n", 0, &err, &n) == -1 &&
	      strcmp(err, "not a WARC record header") == 0);
	CHECK(damage("WARC/1.1\r\nWARC-Type: x\r\n\r\n", 0, &err, &n) == -1 &&
	      strcmp(err, "no Content-Length in the WARC header") == 0);
	CHECK(damage("WARC/1.1\r\nContent-Length: 1x\r\n\r\n", 0, &err, &n) == -1 &&
	      strcmp(err, "bad Content-Length in the WARC header") == 0);
	CHECK(damage("WARC/1.1\r\nContent-Length: 3\r\n", 0, &err, &n) == -1 &&
	      strcmp(err, "truncated WARC header") == 0);
	CHECK(damage("WARC/1.1\r\nContent-Length: 9\r\n\r\nabc", 0, &err, &n) == -1 &&
	      strcmp(err, "truncated WARC record") == 0 && n == 1);
	CHECK(damage("WARC/1.1\r\nContent-Length: 2\r\n\r\nabc\r\n\r\n", 0, &err,
		      &n) == -1 && strncmp(err, "no CRLF CRLF", 12) == 0);
	/* Longer than max: skipped (1), and the next record can be read. */
	CHECK(damage("WARC/1.1\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n", 2, &err,
		     &n) == 1 && n == 1);
	{
		char big[CD_WARC_MAX_HEADER + 64];

		memset(big, 'x', sizeof(big) - 1);
		memcpy(big, "WARC/1.1\r\nX: ", 13);
		big[sizeof(big) - 1] = '\0';
		CHECK(damage(big, 0, &err, &n) == -1 &&
		      strcmp(err, "WARC header longer than 64 KiB") == 0);
	}
}

/* Parse an HTTP response and decode its payload with limit max. */
static int payload(const char *msg, size_t len, size_t max, const char *want)
{
	struct cd_http h;
	struct cd_buf out = CD_BUF_INIT, tmp = CD_BUF_INIT;
	const char *body, *err = NULL;
	size_t blen;
	int st = -2;

	if (cd_http_parse(msg, len, &h) == 0) {
		st = cd_http_payload(&h, max, &out, &tmp, &body, &blen, &err);
		if (st == 0 && want && (blen != strlen(want) ||
					memcmp(body, want, blen) != 0))
			st = -3;
	}
	cd_buf_release(&out);
	cd_buf_release(&tmp);
	return st;
}

#define P(msg, max, want) payload(msg, sizeof(msg) - 1, max, want)

static void test_http(void)
{
	struct cd_http h;
	static const char r[] = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html;"
				" charset=big5\r\nX: y\r\n\r\n<p>gone";

	CHECK(cd_http_parse(r, sizeof(r) - 1, &h) == 0);
	CHECK(h.status == 404 && !h.chunked && h.coding == CD_HTTP_IDENTITY);
	CHECK_STR(h.ctype.p, h.ctype.len, "text/html; charset=big5");
	CHECK_STR(h.body, h.len, "<p>gone");
	CHECK(cd_http_parse("GET / HTTP/1.1\r\n\r\n", 18, &h) == -1);
	CHECK(cd_http_parse("HTTP/1.1 2x0 OK\r\n\r\n", 19, &h) == -1);
	/* LF-only headers are read too. */
	CHECK(P("HTTP/1.0 200 OK\nContent-Type: text/html\n\nbody", 0, "body") == 0);
	CHECK(P("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n", 0, "abcde") == 0);
	/* Declared chunked but stored decoded: taken as stored. */
	CHECK(P("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<p>x", 0,
		"<p>x") == 0);
	CHECK(P("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"9\r\nabc", 0, NULL) == -1);
	CHECK(P("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx", 0, NULL) == -1);
	/* gzip of "hello" (gzip -n), then the same cut short. */
	CHECK(P("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"
		"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07"
		"\x00\x86\xa6\x10\x36\x05\x00\x00\x00", 0, "hello") == 0);
	CHECK(P("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"
		"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07"
		"\x00\x86\xa6\x10\x36\x05\x00\x00\x00", 4, NULL) == 1);
	CHECK(P("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"
		"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd", 0,
		NULL) == -1);
	/* deflate, zlib-wrapped and raw, of "hello" */
	CHECK(P("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n"
		"\x78\x9c\xcb\x48\xcd\xc9\xc9\x07\x00\x06\x2c\x02\x15", 0,
		"hello") == 0);
	CHECK(P("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n"
		"\xcb\x48\xcd\xc9\xc9\x07\x00", 0, "hello") == 0);
	CHECK(P("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n0123456789", 5,
		NULL) == 1);
}

int main(void)
{
	test_read();
	test_damage();
	test_http();
	return UNIT_END();
}
