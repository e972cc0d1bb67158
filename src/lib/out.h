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

struct cd_sink {
	int fd;
	const char *name;	/* for messages; borrowed */
	char *buf;
	size_t len, cap;
	int is_stdout;
	int failed;		/* a write failed: nothing more is written */
	struct cd_sink *next;	/* the open sinks, for the flush at exit */
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
