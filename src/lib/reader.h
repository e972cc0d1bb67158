/*
 * reader.h - lines of any length from a file or standard input, gzip
 * (also multi-member) detected by its magic bytes and inflated on the fly.
 *
 * A line returned by cd_reader_line() is borrowed: valid until the next
 * call.  Its bytes are exactly the input's, without the "\n"; a final line
 * without "\n" is still returned (nl is false then).
 */
#ifndef CD_READER_H
#define CD_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "gunzip.h"

enum {
	CD_LINE = 1,	/* a line is in *ln */
	CD_EOF = 0,	/* no more lines */
	CD_RERR = -1,	/* read or decompression error: r->err says what;
			 * every line before it has been returned */
	CD_LONG = 2	/* the line is longer than max: ln holds its first
			 * max bytes; call cd_reader_rest() for the others */
};

struct cd_line {
	const char *p;
	size_t len;
	bool nl;	/* ended by "\n" */
};

struct cd_reader {
	const char *path;	/* as given; "-" for standard input */
	int fd;
	bool gz, eof;
	struct cd_gunzip z;	/* when gz (strict: see gunzip.h) */
	unsigned char *raw;	/* compressed input */
	size_t raw_cap, raw_first; /* the first bytes read, not yet inflated */
	char *buf;		/* decompressed input */
	size_t cap, pos, end;
	struct cd_buf line;	/* a line that crosses a buffer refill */
	uint64_t lineno;	/* of the line last returned, 1-based */
	uint64_t bytes;		/* input bytes consumed so far */
	uint64_t size;		/* size of a regular file, else 0 */
	size_t max;		/* longest line returned whole; 0: no limit */
	const char *err;	/* static description of a CD_RERR */
	int err_errno;		/* errno for a read error, else 0 */
};

/* Open path ("-" or NULL for standard input).  Returns 0, or -1 with errno
 * set (nothing to release then). */
int cd_reader_open(struct cd_reader *r, const char *path, size_t max);
/* Read the next line into *ln: CD_LINE, CD_LONG, CD_EOF or CD_RERR. */
int cd_reader_line(struct cd_reader *r, struct cd_line *ln);
/* After CD_LONG: the next chunk of the same line in *ln.  Returns CD_LINE
 * for the last chunk (ln->nl tells whether "\n" ended it), CD_LONG for a
 * middle chunk, or CD_RERR. */
int cd_reader_rest(struct cd_reader *r, struct cd_line *ln);
void cd_reader_close(struct cd_reader *r);

/*
 * Read a whole input file (gzip or not) into out for programs that take
 * one document a file.  Returns 0, or -1 with *err set as for CD_RERR
 * (out then holds what was decoded before the damage).
 */
int cd_reader_slurp(struct cd_reader *r, struct cd_buf *out);

#endif
