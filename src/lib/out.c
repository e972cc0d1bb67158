/* out.c - buffered output with the EPIPE policy; see out.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "msg.h"
#include "out.h"
#include "worker.h"

#define OUT_CAP (64 * 1024)

struct cd_sink cd_out = { .fd = -1, .name = "standard output",
			  .is_stdout = 1 };

/* The sinks opened by cd_sink_open and not closed yet. */
static struct cd_sink *open_sinks;

/* Write all of p to s; -1 with errno set on an error other than EINTR. */
static int write_raw(struct cd_sink *s, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(s->fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Wait for the buffer s handed to its worker (cd_sink_behind); its
 * write's errno, or 0. */
static int behind_wait(struct cd_sink *s)
{
	if (!s->busy)
		return 0;
	cd_worker_wait(s->w);
	s->busy = 0;
	return s->berr;
}

/* Whether write error e on s means that the reader of standard output
 * has gone (EPIPE there: quiet, status 0), not a failure. */
static bool reader_left(const struct cd_sink *s, int e)
{
	return e == EPIPE && s->is_stdout;
}

/* Note write error e on s at exit, unless the reader has gone. */
static void note_failed(struct cd_sink *s, int e)
{
	s->failed = 1;
	if (!reader_left(s, e))
		cd_note("write error on %s: %s", s->name, strerror(e));
}

/* Flush what s holds at exit, never exiting again: a write error is a
 * note (the status is already being returned). */
static void flush_quietly(struct cd_sink *s)
{
	int e = behind_wait(s);

	if (e && !s->failed)
		note_failed(s, e);
	if (s->fd < 0 || s->failed || !s->len)
		return;
	s->failed = 1;
	if (write_raw(s, s->buf, s->len) != 0)
		note_failed(s, errno);
	s->len = 0;
}

/* atexit: flush every open sink, then standard output. */
static void flush_at_exit(void)
{
	struct cd_sink *s;

	for (s = open_sinks; s; s = s->next)
		flush_quietly(s);
	flush_quietly(&cd_out);
}

/* Standard output is closed by the reader: flush the other sinks (the
 * rejects must keep every line reported so far) and exit 0 quietly. */
static void reader_gone(void)
{
	struct cd_sink *s;

	cd_out.failed = 1;
	for (s = open_sinks; s; s = s->next)
		cd_sink_flush(s);
	_exit(0);
}

void cd_out_init(void)
{
	signal(SIGPIPE, SIG_IGN);
	atexit(flush_at_exit);
	cd_out.fd = 1;
	cd_out.cap = OUT_CAP;
	cd_out.buf = cd_xmalloc(OUT_CAP);
	cd_out.len = 0;
}

void cd_sink_open(struct cd_sink *s, const char *path)
{
	s->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (s->fd < 0)
		cd_fatal("%s: %s", path, strerror(errno));
	s->name = path;
	s->cap = OUT_CAP;
	s->buf = cd_xmalloc(OUT_CAP);
	s->len = 0;
	s->is_stdout = 0;
	s->failed = 0;
	s->w = NULL;		/* not behind (cd_sink_behind) */
	s->behind = NULL;
	s->blen = 0;
	s->berr = 0;
	s->busy = 0;
	s->next = open_sinks;
	open_sinks = s;
}

/* The write error e on s: EPIPE on stdout exits 0 quietly, any other
 * is fatal.  The sink is marked failed so that the flush at exit does
 * not try it again. */
static void write_failed(struct cd_sink *s, int e)
{
	s->failed = 1;
	if (reader_left(s, e))
		reader_gone();
	cd_fatal("write error on %s: %s", s->name, strerror(e));
}

/* Wait for the buffer in hand of s (cd_sink_behind); die as write_all
 * on its error. */
static void behind_check(struct cd_sink *s)
{
	int e = behind_wait(s);

	if (e && !s->failed)
		write_failed(s, e);
}

/* Write all of p or die; EPIPE on stdout exits 0 quietly.  A failed
 * sink is marked so that the flush at exit does not try it again. */
static void write_all(struct cd_sink *s, const char *p, size_t len)
{
	behind_check(s);
	if (s->failed || write_raw(s, p, len) == 0)
		return;
	write_failed(s, errno);
}

/* The worker's job: write the buffer handed (cd_sink_behind). */
static void behind_job(void *arg)
{
	struct cd_sink *s = arg;

	s->berr = write_raw(s, s->behind, s->blen) == 0 ? 0 : errno;
}

/* Hand the full buffer of s to its worker and fill the other. */
static void behind_hand(struct cd_sink *s)
{
	char *t;

	behind_check(s);
	if (s->failed) {
		s->len = 0;
		return;
	}
	t = s->behind;
	s->behind = s->buf;
	s->blen = s->len;
	s->buf = t;
	s->len = 0;
	s->busy = 1;
	cd_worker_run(s->w, behind_job, s);
}

/* Take s off the list of open sinks. */
static void unlist(struct cd_sink *s)
{
	struct cd_sink **pp;

	for (pp = &open_sinks; *pp; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			break;
		}
}

void cd_sink_flush(struct cd_sink *s)
{
	behind_check(s);
	if (s->len) {
		write_all(s, s->buf, s->len);
		s->len = 0;
	}
}

void cd_sink_write(struct cd_sink *s, const void *p, size_t len)
{
	if (s->w) {
		const char *q = p;

		while (s->len + len > s->cap) {
			size_t m = s->cap - s->len;

			memcpy(s->buf + s->len, q, m);
			s->len += m;
			q += m;
			len -= m;
			behind_hand(s);
		}
		memcpy(s->buf + s->len, q, len);
		s->len += len;
		return;
	}
	if (s->len + len > s->cap) {
		cd_sink_flush(s);
		if (len >= s->cap) {
			write_all(s, p, len);
			return;
		}
	}
	memcpy(s->buf + s->len, p, len);
	s->len += len;
}

void cd_sink_behind(struct cd_sink *s, struct cd_worker *w, size_t cap)
{
	if (s->fd < 0 || (!w && !s->w))
		return;
	cd_sink_flush(s);
	free(s->behind);
	s->behind = NULL;
	s->w = w;
	if (!w || cap < OUT_CAP)
		cap = OUT_CAP;
	if (cap != s->cap) {
		free(s->buf);
		s->buf = cd_xmalloc(cap);
		s->cap = cap;
	}
	if (w)
		s->behind = cd_xmalloc(cap);
}

void cd_sink_close(struct cd_sink *s)
{
	int fd = s->fd;

	if (fd < 0)
		return;
	cd_sink_flush(s);
	unlist(s);
	s->fd = -1;
	if (close(fd) != 0 && errno != EINTR)
		write_failed(s, errno);
	free(s->buf);
	s->buf = NULL;
	free(s->behind);
	s->behind = NULL;
	s->w = NULL;
}

void cd_out_finish(void)
{
	cd_sink_close(&cd_out);
}
