/*
 * tmpf.h - the unlinked temporary files of copydesk-group (cd_tmpfd) and
 * buffered I/O on them: the signature file, the key runs and the spool.
 *
 * A writer appends to a file with write(2) through a buffer and knows the
 * offset of the next byte; a reader reads a file from its start with
 * read(2) through a buffer; cd_tmpf_pread reads a range anywhere.  None of
 * them prints or exits: an error is a -1 return with errno set (EIO for
 * a file shorter than expected), and a writer's first error sticks.
 */
#ifndef CD_TMPF_H
#define CD_TMPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Open an unlinked temporary file for reading and writing in dir (NULL or
 * "": $TMPDIR, else /tmp), named NAME.XXXXXX while it is linked.  Returns
 * the descriptor, or -1 with errno set.  The caller closes it.
 */
int cd_tmpfd(const char *dir, const char *name);

struct cd_tmpw {
	int fd;			/* borrowed */
	char *buf;
	size_t len, cap;
	uint64_t flushed;	/* bytes in the file */
	/* When the buffer is full, its last keep bytes (0 unless set
	 * after cd_tmpw_init) stay in it, written out later: the bytes of
	 * the file from flushed on are always in buf. */
	size_t keep;
	int err;		/* the first errno, or 0 */
	/* cd_tmpw_hold: the first bytes, up to hold of them, stay in
	 * memory of hold bytes: in buf while they are all there are
	 * (head NULL), then in head, hlen of them, the file's first hlen
	 * bytes a hole until cd_tmpw_unhold. */
	size_t hold, hlen;
	char *head;
	/* cd_tmpw_behind: the worker writing the buffer filled last,
	 * `back` (blen bytes), while the caller fills buf; its errno. */
	struct cd_worker *bw;
	char *back;
	size_t blen;
	int berr;
	bool busy;
};

/* Start writing at the end of fd (borrowed), buffering cap bytes. */
void cd_tmpw_init(struct cd_tmpw *w, int fd, size_t cap);
/* Free the buffer (the descriptor stays the caller's). */
void cd_tmpw_release(struct cd_tmpw *w);
/* Append p[0..n).  Returns 0, or -1 with errno set (also for every call
 * after a first error). */
int cd_tmpw_write(struct cd_tmpw *w, const void *p, size_t n);
/* Write out the buffer (not while w holds, below).  Returns 0 or -1 as
 * cd_tmpw_write. */
int cd_tmpw_flush(struct cd_tmpw *w);
/*
 * Hold the first max bytes written in memory (call it before the first
 * write), where cd_tmpr_init_w reads them back: they never cost a
 * write(2), nor the file system's work, nor a read(2).  A file that
 * stays that small is never written; past max, the bytes that follow go
 * to the file (after a hole for those held) through the buffer of
 * cd_tmpw_init.  Offsets (cd_tmpw_tell) are those of the whole file.
 */
void cd_tmpw_hold(struct cd_tmpw *w, size_t max);
/* Stop holding: write out the bytes held, in their place, and free
 * their memory.  Returns 0 or -1 as cd_tmpw_write. */
int cd_tmpw_unhold(struct cd_tmpw *w);
/* Write out the buffer and free it; from now on buffer cap bytes and
 * keep none back (keep 0).  Not for a writer that holds.  Returns 0 or
 * -1 as cd_tmpw_write. */
int cd_tmpw_recap(struct cd_tmpw *w, size_t cap);

struct cd_worker;

/*
 * Write behind: from now on a full buffer is written out by the worker
 * bw (worker.h; borrowed, NULL: no effect) while the caller fills a
 * second one of the same size, so that write(2) and the file system's
 * copy run beside the caller.  What goes to the file is the same; an
 * error is told by a later call, or by cd_tmpw_flush, which waits for
 * the worker (as cd_tmpw_release does).  Not for a writer that keeps
 * or holds bytes.  flushed (and cd_tmpw_tell) then count a buffer
 * handed to the worker as written: its bytes are in the file only
 * after cd_tmpw_flush.  cd_tmpw_recap gives both buffers back.
 */
void cd_tmpw_behind(struct cd_tmpw *w, struct cd_worker *bw);

/* The offset the next byte appended will have. */
static inline uint64_t cd_tmpw_tell(const struct cd_tmpw *w)
{
	return w->flushed + w->len;
}

struct cd_tmpr {
	int fd;			/* borrowed */
	char *buf;
	size_t pos, len, cap;
	bool held;		/* buf is a holding writer's bytes */
	bool then_file;		/* and the file follows them */
	/* cd_tmpr_ahead: the worker reading the file's next bytes into
	 * next, its read's result and errno, and whether it is at it. */
	struct cd_worker *w;
	char *next;
	ssize_t nres;
	int nerr;
	bool busy;
};

/* Read fd (borrowed) from its start, buffering cap bytes.  Returns 0, or
 * -1 with errno set when fd cannot be rewound. */
int cd_tmpr_init(struct cd_tmpr *r, int fd, size_t cap);
void cd_tmpr_release(struct cd_tmpr *r);
/* Read from its start what w wrote (its buffer written out first): the
 * bytes it holds from its memory (w must then stay as it is until r is
 * released), the others from its file, as cd_tmpr_init does.  Returns 0
 * or -1 with errno set. */
int cd_tmpr_init_w(struct cd_tmpr *r, struct cd_tmpw *w, size_t cap);
/* Read ahead: from now on the worker w (worker.h; borrowed, NULL: no
 * effect) reads the file's next bufferful while the caller takes the
 * one read last, so that read(2) runs beside the work on the bytes.
 * What r reads and returns is the same.  Call it before the first read;
 * cd_tmpr_release waits for w. */
void cd_tmpr_ahead(struct cd_tmpr *r, struct cd_worker *w);
/* Whether r reads memory alone (a holding writer's bytes, no file
 * after them): nothing to read ahead. */
bool cd_tmpr_in_memory(const struct cd_tmpr *r);
/* Read the next n bytes into p.  Returns 1, 0 at the end of the file
 * before any byte, or -1 with errno set (EIO: the file ends within). */
int cd_tmpr_read(struct cd_tmpr *r, void *p, size_t n);
/* The next n bytes where they are all in r's buffer: a pointer to them,
 * valid until r is read again, r moved past them; else NULL, r as it
 * was (read them with cd_tmpr_read). */
const void *cd_tmpr_view(struct cd_tmpr *r, size_t n);

/* Read n bytes at offset off of fd into p.  Returns 0, or -1 with errno
 * set (EIO when the file is shorter). */
int cd_tmpf_pread(int fd, void *p, size_t n, uint64_t off);

#endif
