/*
 * gunzip.h - inflate gzip (also multi-member), zlib or raw deflate data
 * pulled from a source callback, keeping every byte decoded before damage.
 *
 * libarchive's gzip filter throws away the data it has buffered when the
 * input ends early (issue 18): this one hands out every decoded byte
 * first, and only then says what went wrong.
 */
#ifndef CD_GUNZIP_H
#define CD_GUNZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "buf.h"

/*
 * The source: store the next chunk of compressed input in *p (borrowed,
 * valid until the next call) and return its length, 0 at the end of the
 * input, or -1 on a read error (the reader then fails with err NULL).
 */
typedef ssize_t (*cd_gunzip_src)(void *ctx, const unsigned char **p);

enum cd_gunzip_kind { CD_GZ_GZIP, CD_GZ_ZLIB, CD_GZ_RAW };

struct inflate_state;

struct cd_gunzip {
	struct inflate_state *s;	/* ISA-L's inflate (igzip_lib.h) */
	enum cd_gunzip_kind kind;
	cd_gunzip_src src;
	void *ctx;
	bool eof;		/* the source is exhausted */
	bool done;		/* the last member ended cleanly */
	bool member_end;	/* a member ended; another may follow */
	bool strict;		/* set after init: see cd_gunzip_read */
	const char *err;	/* static reason after -1, NULL: read error */
};

/* Set up g to inflate data of kind from src.  Release with
 * cd_gunzip_release. */
void cd_gunzip_init(struct cd_gunzip *g, enum cd_gunzip_kind kind,
		    cd_gunzip_src src, void *ctx);
void cd_gunzip_release(struct cd_gunzip *g);

/*
 * Inflate up to cap bytes into out.  Returns the bytes written (> 0), 0 at
 * the clean end of the data, or -1 on damage: err is "truncated gzip data"
 * (the input ended inside a member, its trailer included), "corrupt gzip
 * data", or NULL for a read error of the source.  Every byte decoded
 * before the damage has been returned by earlier calls.  A gzip member
 * followed by bytes that are not another member ends the data (as
 * libarchive and most readers do), unless g->strict: that is damage then,
 * "trailing garbage after gzip data" (reader.h's record streams).
 */
ssize_t cd_gunzip_read(struct cd_gunzip *g, void *out, size_t cap);

/* Is p[0..len) the start of gzip data (its two magic bytes)? */
bool cd_gunzip_magic(const void *p, size_t len);

/*
 * Inflate the whole of p[0..len) (kind as above; CD_GZ_ZLIB also accepts
 * raw deflate, as browsers do for "Content-Encoding: deflate") and append
 * it to out, at most max bytes (0: no limit).  Returns 0, 1 when the
 * output went over max (out holds max bytes), or -1 on damage with *err
 * set (out holds what was decoded before it).
 */
int cd_gunzip_memory(enum cd_gunzip_kind kind, const void *p, size_t len,
		     size_t max, struct cd_buf *out, const char **err);

#endif
