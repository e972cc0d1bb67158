/* tmpf.c - temporary files and buffered I/O on them; see tmpf.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "tmpf.h"
#include "worker.h"

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

/* Whether w holds all its bytes in buf (cd_tmpw_hold). */
static bool holding(const struct cd_tmpw *w)
{
	return w->hold && !w->head;
}

/* Free the buffer of w.  One of CD_BIG bytes or more is a mapping of
 * its own (cd_xbig): when freed it goes back to the system, not to the
 * heap, where it would make malloc keep later blocks of that size. */
static void buf_free(struct cd_tmpw *w)
{
	cd_big_free(w->buf, holding(w) ? w->hold : w->cap);
	w->buf = NULL;
}

/* Wait for the buffer written behind, if any; its error becomes w's.
 * Returns 0 or -1 with errno set. */
static int behind_wait(struct cd_tmpw *w)
{
	if (w->busy) {
		cd_worker_wait(w->bw);
		w->busy = false;
		if (w->berr && !w->err)
			w->err = w->berr;
	}
	if (w->err) {
		errno = w->err;
		return -1;
	}
	return 0;
}

/* Free the writer's buffer of w (of w->cap bytes), the writer idle. */
static void back_free(struct cd_tmpw *w)
{
	cd_big_free(w->back, w->cap);
	w->back = NULL;
}

void cd_tmpw_release(struct cd_tmpw *w)
{
	(void)behind_wait(w);
	back_free(w);
	buf_free(w);
	if (w->head)
		cd_big_free(w->head, w->hold);
	w->head = NULL;
	w->len = 0;
}

/* Write p[0..n) to fd, looping over short writes; *done counts the
 * bytes written.  Returns 0, or the errno of the failure (ENOSPC for a
 * write of nothing). */
static int write_fd(int fd, const char *p, size_t n, uint64_t *done)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k < 0 ? errno : ENOSPC;
		p += k;
		n -= (size_t)k;
		*done += (uint64_t)k;
	}
	return 0;
}

/* Write p[0..n) to the file of w.  Returns 0 or -1 as cd_tmpw_write. */
static int write_all(struct cd_tmpw *w, const char *p, size_t n)
{
	int e = write_fd(w->fd, p, n, &w->flushed);

	if (e) {
		w->err = errno = e;
		return -1;
	}
	return 0;
}

/* The worker's job: write the buffer behind (cd_tmpw_behind); the
 * offsets counted it when it was handed. */
static void behind_job(void *arg)
{
	struct cd_tmpw *w = arg;
	uint64_t done = 0;

	w->berr = write_fd(w->fd, w->back, w->blen, &done);
}

void cd_tmpw_behind(struct cd_tmpw *w, struct cd_worker *bw)
{
	if (!w->keep && !w->hold)
		w->bw = bw;
}

/* Hand the full buffer of w to the worker to write, once it has written
 * the one before, and fill the other.  Returns 0 or -1 as
 * cd_tmpw_write. */
static int write_behind(struct cd_tmpw *w)
{
	char *t;

	if (behind_wait(w) != 0)
		return -1;
	t = w->back;
	w->back = w->buf;
	w->blen = w->len;
	w->buf = t;		/* NULL at first: made as it is filled */
	w->flushed += w->len;	/* as if written: the file's offsets */
	w->len = 0;
	w->busy = true;
	cd_worker_run(w->bw, behind_job, w);
	return 0;
}

int cd_tmpw_flush(struct cd_tmpw *w)
{
	size_t n = w->len;

	if (behind_wait(w) != 0)
		return -1;
	if (holding(w))
		return 0;
	w->len = 0;
	return write_all(w, w->buf, n);
}

void cd_tmpw_hold(struct cd_tmpw *w, size_t max)
{
	w->hold = max;
}

/* Note the first errno of w (EIO for none) and return -1. */
static int fail(struct cd_tmpw *w)
{
	if (!w->err)
		w->err = errno ? errno : EIO;
	errno = w->err;
	return -1;
}

int cd_tmpw_unhold(struct cd_tmpw *w)
{
	size_t held = w->hold, i = 0;
	int st = 0;

	if (holding(w)) {
		w->hold = 0;
		st = cd_tmpw_flush(w);
		cd_big_free(w->buf, held);
		w->buf = NULL;
		return st;
	}
	while (w->head && i < w->hlen && !w->err) {
		ssize_t k = pwrite(w->fd, w->head + i, w->hlen - i, (off_t)i);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			errno = k < 0 ? errno : ENOSPC;
			st = fail(w);
		} else {
			i += (size_t)k;
		}
	}
	if (w->head)
		cd_big_free(w->head, held);
	w->head = NULL;
	w->hold = 0;
	if (w->err) {
		errno = w->err;
		return -1;
	}
	return st;
}

/* Append p[0..n) to what w holds, when it fits in w->hold bytes, and
 * return 1; else keep what it holds as the head of the file (the file
 * written from after it on) and return 0.  The memory is one of cd_xbig
 * (huge pages where there are: a page fault and the zeroing of 2 MiB,
 * not 512 faults), made at the first byte held; the system gives it
 * page by page as it is written. */
static int hold_write(struct cd_tmpw *w, const void *p, size_t n)
{
	if (n > w->hold - w->len) {
		if (!w->buf) {	/* nothing held yet: hold nothing */
			w->hold = 0;
			return 0;
		}
		w->head = w->buf;
		w->hlen = w->len;
		w->buf = NULL;
		w->len = 0;
		w->flushed = w->hlen;
		if (lseek(w->fd, (off_t)w->hlen, SEEK_SET) < 0)
			fail(w);
		return 0;
	}
	if (!w->buf)
		w->buf = cd_xbig(w->hold);
	memcpy(w->buf + w->len, p, n);
	w->len += n;
	return 1;
}

int cd_tmpw_recap(struct cd_tmpw *w, size_t cap)
{
	int st = cd_tmpw_flush(w);

	/* the flush waited for the writer: its buffer, of the old cap,
	 * goes too, or a later hand-off would fill it as one of the new */
	back_free(w);
	buf_free(w);
	w->cap = cap < 4096 ? 4096 : cap;
	w->keep = 0;
	return st;
}

/* Make room for n more bytes in the full buffer of w: write out all but
 * its last keep bytes, or all of it when that is not room enough. */
static int make_room(struct cd_tmpw *w, size_t n)
{
	size_t out = w->len > w->keep ? w->len - w->keep : 0;

	if (w->bw && w->len && n <= w->cap)
		return write_behind(w);
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
	if (holding(w) && hold_write(w, p, n))
		return 0;
	if (w->err) {
		errno = w->err;
		return -1;
	}
	if (w->len + n > w->cap && make_room(w, n) != 0)
		return -1;
	if (n > w->cap)
		return behind_wait(w) != 0 ? -1 : write_all(w, p, n);
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
	if (r->busy)
		cd_worker_wait(r->w);
	r->busy = false;
	free(r->next);
	r->next = NULL;
	if (!r->held)
		free(r->buf);
	r->buf = NULL;
	r->pos = r->len = 0;
	r->held = r->then_file = false;
}

int cd_tmpr_init_w(struct cd_tmpr *r, struct cd_tmpw *w, size_t cap)
{
	memset(r, 0, sizeof(*r));
	if (w->err) {
		errno = w->err;
		return -1;
	}
	if (holding(w)) {
		r->fd = w->fd;
		r->buf = w->buf;
		r->len = w->len;
		r->held = true;
		return 0;
	}
	if (cd_tmpw_flush(w) != 0 || cd_tmpr_init(r, w->fd, cap) != 0)
		return -1;
	if (w->head) {
		r->buf = w->head;
		r->len = w->hlen;
		r->held = r->then_file = true;
		if (lseek(w->fd, (off_t)w->hlen, SEEK_SET) < 0)
			return -1;
	}
	return 0;
}

void cd_tmpr_ahead(struct cd_tmpr *r, struct cd_worker *w)
{
	r->w = w;
}

bool cd_tmpr_in_memory(const struct cd_tmpr *r)
{
	return r->held && !r->then_file;
}

/* read(2) of fd into p, at most cap bytes, EINTR retried. */
static ssize_t read_some(int fd, char *p, size_t cap)
{
	ssize_t k;

	do
		k = read(fd, p, cap);
	while (k < 0 && errno == EINTR);
	return k;
}

/* The worker's job: read the next bytes of the file (cd_tmpr_ahead). */
static void ahead_job(void *arg)
{
	struct cd_tmpr *r = arg;

	r->nres = read_some(r->fd, r->next, r->cap);
	r->nerr = errno;
}

/* Refill the empty buffer: with the bytes read ahead, if any, then
 * start reading the next.  Returns the bytes read, 0 at the end, or
 * -1. */
static ssize_t refill(struct cd_tmpr *r)
{
	ssize_t k;

	if (cd_tmpr_in_memory(r))
		return 0;
	if (r->held) {		/* the writer's head read: on to its file */
		r->buf = NULL;
		r->held = r->then_file = false;
	}
	if (!r->buf)
		r->buf = cd_xmalloc(r->cap);
	if (r->busy) {
		char *t = r->buf;

		cd_worker_wait(r->w);
		r->busy = false;
		r->buf = r->next;
		r->next = t;
		k = r->nres;
		if (k < 0)
			errno = r->nerr;
	} else {
		k = read_some(r->fd, r->buf, r->cap);
	}
	r->pos = 0;
	r->len = k > 0 ? (size_t)k : 0;
	if (k > 0 && r->w) {
		if (!r->next)
			r->next = cd_xmalloc(r->cap);
		r->busy = true;
		cd_worker_run(r->w, ahead_job, r);
	}
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
