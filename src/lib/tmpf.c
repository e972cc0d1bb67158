/* tmpf.c - temporary files and buffered I/O on them; see tmpf.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "tmpf.h"

int cd_tmpfd(const char *dir, const char *name)
{
	struct cd_buf path = CD_BUF_INIT;
	int fd, e;

	if (!dir || !*dir)
		dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	cd_buf_addf(&path, "%s/%s.XXXXXX", dir, name);
	fd = mkstemp(path.p);
	e = errno;
	if (fd >= 0)
		unlink(path.p);
	cd_buf_release(&path);
	errno = e;
	return fd;
}

void cd_tmpw_init(struct cd_tmpw *w, int fd, size_t cap)
{
	memset(w, 0, sizeof(*w));
	w->fd = fd;
	w->cap = cap < 4096 ? 4096 : cap;
}

/* Free the buffer of w.  One of CD_BIG bytes or more is a mapping of
 * its own (cd_xbig): when freed it goes back to the system, not to the
 * heap, where it would make malloc keep later blocks of that size. */
static void buf_free(struct cd_tmpw *w)
{
	if (w->cap >= CD_BIG)
		cd_big_free(w->buf, w->cap);
	else
		free(w->buf);
	w->buf = NULL;
}

void cd_tmpw_release(struct cd_tmpw *w)
{
	buf_free(w);
	w->len = 0;
}

/* Write p[0..n) to the file, looping over short writes. */
static int write_all(struct cd_tmpw *w, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(w->fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			w->err = k < 0 ? errno : ENOSPC;
			errno = w->err;
			return -1;
		}
		p += k;
		n -= (size_t)k;
		w->flushed += (uint64_t)k;
	}
	return 0;
}

int cd_tmpw_flush(struct cd_tmpw *w)
{
	size_t n = w->len;

	if (w->err) {
		errno = w->err;
		return -1;
	}
	w->len = 0;
	return write_all(w, w->buf, n);
}

int cd_tmpw_recap(struct cd_tmpw *w, size_t cap, size_t keep)
{
	int st = cd_tmpw_flush(w);

	buf_free(w);
	w->cap = cap < 4096 ? 4096 : cap;
	w->keep = keep;
	return st;
}

/* Make room for n more bytes in the full buffer of w: write out all but
 * its last keep bytes, or all of it when that is not room enough. */
static int make_room(struct cd_tmpw *w, size_t n)
{
	size_t out = w->len > w->keep ? w->len - w->keep : 0;

	if (out == 0 || w->keep + n > w->cap)
		return cd_tmpw_flush(w);
	if (write_all(w, w->buf, out) != 0)
		return -1;
	memmove(w->buf, w->buf + out, w->keep);
	w->len = w->keep;
	return 0;
}

int cd_tmpw_write(struct cd_tmpw *w, const void *p, size_t n)
{
	if (w->err) {
		errno = w->err;
		return -1;
	}
	if (w->len + n > w->cap && make_room(w, n) != 0)
		return -1;
	if (n > w->cap)
		return write_all(w, p, n);
	if (!w->buf)
		w->buf = w->cap >= CD_BIG ? cd_xbig(w->cap) :
			cd_xmalloc(w->cap);
	memcpy(w->buf + w->len, p, n);
	w->len += n;
	return 0;
}

int cd_tmpr_init(struct cd_tmpr *r, int fd, size_t cap)
{
	memset(r, 0, sizeof(*r));
	r->fd = fd;
	r->cap = cap < 4096 ? 4096 : cap;
	return lseek(fd, 0, SEEK_SET) < 0 ? -1 : 0;
}

void cd_tmpr_release(struct cd_tmpr *r)
{
	free(r->buf);
	r->buf = NULL;
	r->pos = r->len = 0;
}

/* Refill the empty buffer.  Returns the bytes read, 0 at the end, or -1. */
static ssize_t refill(struct cd_tmpr *r)
{
	ssize_t k;

	if (!r->buf)
		r->buf = cd_xmalloc(r->cap);
	do
		k = read(r->fd, r->buf, r->cap);
	while (k < 0 && errno == EINTR);
	r->pos = 0;
	r->len = k > 0 ? (size_t)k : 0;
	return k;
}

int cd_tmpr_read(struct cd_tmpr *r, void *p, size_t n)
{
	char *q = p;
	size_t got = 0;

	while (got < n) {
		size_t m;

		if (r->pos == r->len) {
			ssize_t k = refill(r);

			if (k < 0)
				return -1;
			if (k == 0) {
				if (got == 0)
					return 0;
				errno = EIO;
				return -1;
			}
		}
		m = r->len - r->pos < n - got ? r->len - r->pos : n - got;
		memcpy(q + got, r->buf + r->pos, m);
		r->pos += m;
		got += m;
	}
	return 1;
}

const void *cd_tmpr_view(struct cd_tmpr *r, size_t n)
{
	const char *p;

	if (!r->buf || r->len - r->pos < n)
		return NULL;
	p = r->buf + r->pos;	/* not before: buf may be NULL */
	r->pos += n;
	return p;
}

int cd_tmpf_pread(int fd, void *p, size_t n, uint64_t off)
{
	char *q = p;

	while (n > 0) {
		ssize_t k = pread(fd, q, n, (off_t)off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO;
			return -1;
		}
		q += k;
		n -= (size_t)k;
		off += (uint64_t)k;
	}
	return 0;
}
