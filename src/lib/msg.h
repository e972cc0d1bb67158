/*
 * msg.h - the one path for messages and the process exit status.
 *
 * Every message is "PROG: ..." on stderr, lowercase, no full stop
 * (STYLE §4).  The status only goes up: 0 all processed, 1 something was
 * rejected or unreadable, 2 usage error (SPEC).  Programs return
 * cd_status() from main.
 *
 * The progress line (records, MB, MB/s, ETA) is drawn on stderr with "\r"
 * when enabled; any message first erases it so the two never mix.
 */
#ifndef CD_MSG_H
#define CD_MSG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum { CD_OK = 0, CD_ERR = 1, CD_USAGE = 2 };

/* Set the program name from argv[0] (its base name). */
void cd_msg_init(const char *argv0);
const char *cd_progname(void);

/* The display name of an input: "<stdin>" for NULL or "-". */
const char *cd_inname(const char *path);

int cd_status(void);
/* Raise the status to at least st. */
void cd_status_raise(int st);

/* "PROG: msg"; the status is not touched (notes, warnings). */
void cd_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "PROG: msg" and status 1. */
void cd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "PROG: FILE:LINE: msg" and status 1; line 0 prints "PROG: FILE: msg". */
void cd_error_at(const char *file, uint64_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "PROG: FILE:LINE: msg" without touching the status. */
void cd_note_at(const char *file, uint64_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "PROG: subject: strerror(errno)" and status 1. */
void cd_error_errno(const char *subject);
/* Print "PROG: msg" and exit 1 at once.  Only for unrecoverable trouble
 * (output errors, out of memory). */
void cd_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void cd_oom(void) __attribute__((noreturn));

/*
 * Escape at most max bytes of s for a message: printable ASCII as is,
 * anything else as \xNN, "..." appended when cut.  Returns a static buffer
 * valid until the next call.
 */
const char *cd_msg_snippet(const char *s, size_t len, size_t max);

/* Progress on stderr.  mode: 0 auto (stderr is a terminal), 1 on, -1 off.
 * total is the input size in bytes when known, else 0. */
void cd_progress_init(int mode, uint64_t total);
void cd_progress_add_total(uint64_t total);
/* Called once per record with the bytes consumed; cheap. */
void cd_progress_tick(uint64_t records, uint64_t bytes);
/* Erase the progress line (before exit). */
void cd_progress_done(void);

#endif
