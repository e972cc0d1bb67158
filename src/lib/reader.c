/* reader.c - line reader over plain or gzip input; see reader.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "reader.h"

#define READ_CAP (256 * 1024)
/* The size asked for an input pipe: Linux's most for a user by default. */
#define PIPE_LEN (1024 * 1024)

int cd_reader_open(struct cd_reader *r, const char *path, size_t max)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	r->path = path ? path : "-";
	if (strcmp(r->path, "-") == 0) {
		r->fd = 0;
	} else if ((r->fd = open(r->path, O_RDONLY | O_CLOEXEC)) < 0) {
		return -1;
	}
	if (fstat(r->fd, &st) != 0)
		st.st_mode = 0;		/* none of the kinds below */
	if (S_ISDIR(st.st_mode)) {
		if (r->fd != 0)
			close(r->fd);
		errno = EISDIR;
		return -1;
	}
	if (S_ISREG(st.st_mode))
		r->size = (uint64_t)st.st_size;
#ifdef F_SETPIPE_SZ
	/* A pipe of at least PIPE_LEN (where the system allows it, else as
	 * it is; one made larger stays so): the program before this one
	 * writes that much before it waits for us, and we are woken that
	 * much less often. */
	if (S_ISFIFO(st.st_mode) && fcntl(r->fd, F_GETPIPE_SZ) < PIPE_LEN)
		(void)fcntl(r->fd, F_SETPIPE_SZ, PIPE_LEN);
#endif
	r->max = max;
	r->cap = READ_CAP;
	r->buf = cd_xmalloc(r->cap);
	cd_buf_init(&r->line);
	return 0;
}

void cd_reader_close(struct cd_reader *r)
{
	if (r->gz)
		cd_gunzip_release(&r->z);
	if (r->fd > 0)
		close(r->fd);
	free(r->buf);
	free(r->raw);
	cd_buf_release(&r->line);
	r->buf = NULL;
	r->raw = NULL;
	r->fd = -1;
}

/* read(2) up to n bytes, retrying EINTR.  Returns bytes, 0 at end, -1. */
static ssize_t read_some(struct cd_reader *r, void *p, size_t n)
{
	ssize_t k;

	do
		k = read(r->fd, p, n);
	while (k < 0 && errno == EINTR);
	if (k < 0) {
		r->err_errno = errno;
		r->err = strerror(errno);
	} else {
		r->bytes += (uint64_t)k;
	}
	return k;
}

/* cd_gunzip_src over the input: the first bytes read (in raw), then
 * read(2) into raw (a failure sets r->err). */
static ssize_t gz_src(void *ctx, const unsigned char **p)
{
	struct cd_reader *r = ctx;
	ssize_t k;

	*p = r->raw;
	if (r->raw_first) {
		k = (ssize_t)r->raw_first;
		r->raw_first = 0;
		return k;
	}
	return read_some(r, r->raw, r->raw_cap);
}

/* Start inflating: the first bytes read are in r->buf[0..n).  Bytes
 * after the last member that are not another member are an error, as
 * for any damage of a record stream. */
static void gz_start(struct cd_reader *r, size_t n)
{
	r->gz = true;
	r->raw_cap = READ_CAP;
	r->raw = cd_xmalloc(r->raw_cap);
	memcpy(r->raw, r->buf, n);
	r->raw_first = n;
	cd_gunzip_init(&r->z, CD_GZ_GZIP, gz_src, r);
	r->z.strict = true;
}

/* Inflate more into buf and count it in end. */
static ssize_t gz_more(struct cd_reader *r)
{
	ssize_t k = cd_gunzip_read(&r->z, r->buf + r->end, r->cap - r->end);

	if (k > 0)
		r->end += (size_t)k;
	else if (k < 0 && r->z.err)
		r->err = r->z.err;
	return k;
}

/* The first read of an input: at least two bytes unless the input is
 * shorter, so that the gzip magic is seen even when a pipe delivers the
 * first byte alone.  Returns bytes read, or -1. */
static ssize_t first_read(struct cd_reader *r)
{
	ssize_t k, got = 0;

	do {
		k = read_some(r, r->buf + r->end + got, r->cap - r->end - got);
		if (k < 0)
			return -1;
		got += k;
	} while (k > 0 && got < 2);
	if (k == 0)
		r->eof = true;
	return got;
}

/* Refill buf after the unconsumed bytes [pos..end), which move to the
 * front.  Returns bytes added, 0 at the end, -1 on error. */
static ssize_t fill(struct cd_reader *r)
{
	ssize_t k;

	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->pos = 0;
	}
	if (r->gz)
		return gz_more(r);
	if (r->eof)
		return 0;
	if (r->bytes == 0)
		k = first_read(r);
	else
		k = read_some(r, r->buf + r->end, r->cap - r->end);
	if (k < 0)
		return -1;
	if (k == 0)
		r->eof = true;
	/* gzip magic at the very start of the input: inflate from now on. */
	if (r->bytes == (uint64_t)k && cd_gunzip_magic(r->buf, (size_t)k)) {
		gz_start(r, (size_t)k);
		return gz_more(r);
	}
	r->end += (size_t)k;
	return k;
}

/* Hand out buf[pos..pos+len) as a line, moving past it and its "\n". */
static int give(struct cd_reader *r, struct cd_line *ln, size_t len, bool nl,
		int what)
{
	ln->p = r->buf + r->pos;
	ln->len = len;
	ln->nl = nl;
	r->pos += len + nl;
	return what;
}

int cd_reader_line(struct cd_reader *r, struct cd_line *ln)
{
	size_t scanned = 0;	/* bytes after pos known to hold no "\n" */

	for (;;) {
		size_t avail = r->end - r->pos;
		const char *nl = memchr(r->buf + r->pos + scanned, '\n',
					avail - scanned);
		ssize_t k;

		if (nl) {
			size_t len = (size_t)(nl - (r->buf + r->pos));

			r->lineno++;
			if (r->max && len > r->max)
				return give(r, ln, r->max, false, CD_LONG);
			return give(r, ln, len, true, CD_LINE);
		}
		scanned = avail;
		if (r->max && avail > r->max) {
			r->lineno++;
			return give(r, ln, r->max, false, CD_LONG);
		}
		if (avail == r->cap) {
			/* One line fills the buffer: make it bigger. */
			if (r->cap > SIZE_MAX / 2)
				cd_oom();
			r->cap *= 2;
			r->buf = cd_xrealloc(r->buf, r->cap);
		}
		/* fill() moves [pos, end) to the front: scanned stays right. */
		k = fill(r);
		if (k < 0)
			return CD_RERR;
		if (k == 0) {
			if (r->end == r->pos)
				return CD_EOF;
			r->lineno++;
			return give(r, ln, r->end - r->pos, false, CD_LINE);
		}
	}
}

int cd_reader_rest(struct cd_reader *r, struct cd_line *ln)
{
	for (;;) {
		size_t avail = r->end - r->pos;
		const char *nl = memchr(r->buf + r->pos, '\n', avail);
		size_t chunk = r->cap / 2;
		ssize_t k;

		if (nl)
			return give(r, ln, (size_t)(nl - (r->buf + r->pos)), true,
				    CD_LINE);
		if (avail >= chunk)
			return give(r, ln, chunk, false, CD_LONG);
		k = fill(r);
		if (k < 0)
			return CD_RERR;
		if (k == 0)
			return give(r, ln, r->end - r->pos, false, CD_LINE);
	}
}

int cd_reader_slurp(struct cd_reader *r, struct cd_buf *out)
{
	for (;;) {
		ssize_t k;

		cd_buf_add(out, r->buf + r->pos, r->end - r->pos);
		r->pos = r->end = 0;
		k = fill(r);
		if (k < 0)
			return -1;
		if (k == 0)
			return 0;
	}
}
