/*
 * warc.h - records of a WARC file (ISO 28500, WARC 1.0 and 1.1), plain
 * or gzip (one member per record, or any multi-member split), pulled from
 * a byte source, and the HTTP messages inside them.
 *
 * Written here over zlib rather than with libarchive, as checked with
 * Debian 12's libarchive 3.6.2: its WARC reader refuses WARC/1.1 files
 * ("Unrecognized archive format"), and for WARC/1.0 it turns each
 * response or resource record into an entry named by the path of its
 * target URI ("p" for http://a.example/p), keeping the WARC-Date as a
 * time but neither the WARC-Record-ID, the WARC-Type, the full URI nor
 * the Content-Type, which are what we need.
 *
 * Memory is bounded: a header by CD_WARC_MAX_HEADER bytes, a block held
 * whole by max (a longer one is skipped as it streams by).  The library
 * never prints: errors are returned as static or w-owned strings.
 */
#ifndef CD_WARC_H
#define CD_WARC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "gunzip.h"

#define CD_WARC_MAX_HEADER (64 * 1024)

/* A header value: a span of the reader's header buffer, len 0 when the
 * header is absent. */
struct cd_str {
	const char *p;
	size_t len;
};

/* The current record.  Every span is borrowed: valid until the next
 * cd_warc_next(). */
struct cd_warc_rec {
	uint64_t n;		/* 1-based number of the record in the file */
	struct cd_str type;	/* WARC-Type */
	struct cd_str id;	/* WARC-Record-ID */
	struct cd_str uri;	/* WARC-Target-URI */
	struct cd_str date;	/* WARC-Date */
	struct cd_str ctype;	/* Content-Type of the block */
	uint64_t length;	/* Content-Length of the block */
	const char *block;	/* the block after cd_warc_block(keep) */
	size_t len;
};

/* The source of the file's bytes: as cd_gunzip_src. */
typedef ssize_t (*cd_warc_src)(void *ctx, const unsigned char **p);

struct cd_warc {
	cd_warc_src src;
	void *ctx;
	size_t max;		/* longest block held; 0: no limit */
	bool gzip;		/* the bytes are gzip, inflated by gz */
	bool started, eof, in_block;
	struct cd_gunzip gz;
	struct cd_buf buf;	/* decoded bytes; buf[pos..len) unread */
	size_t pos;
	const unsigned char *pend;	/* first raw chunk, seen by sniffing */
	ssize_t pendlen;
	struct cd_buf hdr;	/* the current record's header */
	uint64_t n;
	uint64_t length;	/* Content-Length of the current record */
	const char *err;	/* reason of the last -1 (static) */
	bool read_error;	/* the source failed (err is NULL then) */
};

void cd_warc_init(struct cd_warc *w, cd_warc_src src, void *ctx,
		  size_t max);
void cd_warc_release(struct cd_warc *w);

/*
 * Read the next record's header into *rec (its block not yet read), after
 * skipping the block of the record before when it was not read.  Pass
 * the same rec every time: on damage while skipping, it still names the
 * record before.  Returns 1, 0 at the clean end of the file, or -1 on
 * damage (w->err).
 */
int cd_warc_next(struct cd_warc *w, struct cd_warc_rec *rec);

/*
 * Read the block of the record last returned: held in rec->block when
 * keep is true and it is not longer than max, else skipped.  Returns 0,
 * 1 when it was skipped for being longer than max (not damage: the next
 * record can be read), or -1 on damage (w->err): the file ended inside
 * the block, or the block is not followed by CRLF CRLF (a wrong
 * Content-Length).  Nothing more can be read after -1.
 */
int cd_warc_block(struct cd_warc *w, struct cd_warc_rec *rec, bool keep);

/* Does p[0..len) (decoded) start like a WARC record? */
bool cd_warc_magic(const void *p, size_t len);

/* An HTTP response inside a WARC response record. */
struct cd_http {
	int status;		/* 100-999 */
	struct cd_str ctype;	/* Content-Type, maybe absent */
	bool chunked;		/* Transfer-Encoding: chunked */
	int coding;		/* Content-Encoding: CD_HTTP_* */
	const char *body;	/* the payload as stored */
	size_t len;
};

enum { CD_HTTP_IDENTITY, CD_HTTP_GZIP, CD_HTTP_DEFLATE, CD_HTTP_OTHER };

/* Parse the status line and headers of p[0..len).  Returns 0, or -1 when
 * it is not an HTTP response. */
int cd_http_parse(const char *p, size_t len, struct cd_http *h);

/*
 * Decode the payload of h (chunked transfer coding, then gzip or deflate
 * content coding) into out, at most max bytes (0: no limit).  *body and
 * *len are set to the decoded payload (out's bytes, or h->body itself
 * when nothing needed decoding).  A payload declared chunked or gzip that
 * is not (no chunk size, no gzip magic) is taken as stored, as WARC
 * writers often store it decoded.  Returns 0, 1 when the decoded payload
 * is longer than max, or -1 with *err set when a coding is corrupt or
 * unsupported.
 */
int cd_http_payload(const struct cd_http *h, size_t max, struct cd_buf *out,
		    struct cd_buf *tmp, const char **body, size_t *len,
		    const char **err);

#endif
