/*
 * out.h - buffered output to a file descriptor with the pipe policy of
 * SPEC: EPIPE on standard output means the reader is done, so the program
 * exits 0 at once, silently; any other write error is fatal (message,
 * exit 1).  Short writes are looped and EINTR retried.
 *
 * cd_out is standard output.  Other sinks (the --rejects file) are a
 * struct cd_sink opened with cd_sink_open().  No buffered byte is lost on
 * any way out: EPIPE on standard output flushes every open sink before
 * the quiet exit, and exit() (cd_fatal, a usage error, a return from
 * main) flushes what is still buffered in every sink, standard output
 * included, reporting a write error there as a note.
 */
#ifndef CD_OUT_H
#define CD_OUT_H

#include <stddef.h>

struct cd_worker;

struct cd_sink {
	int fd;
	const char *name;	/* for messages; borrowed */
	char *buf;
	size_t len, cap;
	int is_stdout;
	int failed;		/* a write failed: nothing more is written */
	struct cd_sink *next;	/* the open sinks, for the flush at exit */
	/* cd_sink_behind: the worker writing the buffer handed last
	 * (behind[0..blen)), while buf fills; the errno of its write, 0
	 * when it went out; whether it is in hand. */
	struct cd_worker *w;
	char *behind;
	size_t blen;
	int berr;
	int busy;
};

/* Standard output, set up by cd_out_init(). */
extern struct cd_sink cd_out;

/* Ignore SIGPIPE and set up cd_out on fd 1. */
void cd_out_init(void);
/* Open path for writing (truncate), or die with a message naming it.
 * The sink stays on the list flushed at exit until cd_sink_close(), so
 * s must stay valid until then. */
void cd_sink_open(struct cd_sink *s, const char *path);
void cd_sink_write(struct cd_sink *s, const void *p, size_t len);
void cd_sink_flush(struct cd_sink *s);
/*
 * Write behind: from now on a full buffer of s (cap bytes; 64 KiB
 * otherwise) goes to the worker w (worker.h) to be written while the
 * caller fills the next, and then the other way round: the write(2)s of
 * a long output run beside the work that makes it.  The bytes and their
 * order are the same; an error is told, by the pipe policy above, in
 * the caller's thread at its next write or flush.  w NULL: wait for the
 * buffer in hand, write out the one filling and write on in this thread
 * again (the caller then frees w).  Not for a sink whose buffer is
 * written elsewhere meanwhile.
 */
void cd_sink_behind(struct cd_sink *s, struct cd_worker *w, size_t cap);
/* Flush and close; fatal on error.  Safe on a sink never opened. */
void cd_sink_close(struct cd_sink *s);

static inline void cd_out_write(const void *p, size_t len)
{
	cd_sink_write(&cd_out, p, len);
}
/* Flush stdout and check close(1): buffered errors such as ENOSPC surface
 * only here (STYLE §7).  Fatal on error. */
void cd_out_finish(void);

#endif
