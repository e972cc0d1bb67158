/*
 * buf.h - growable byte buffers and allocation that cannot fail.
 *
 * A struct cd_buf owns p[0..cap); p[len] is always a NUL byte when p is not
 * NULL, so the contents can be handed to C string functions, but the bytes
 * may contain NULs: always use len.  An initialised buffer with no storage
 * has p == NULL; cd_buf_str() never returns NULL.
 */
#ifndef CD_BUF_H
#define CD_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cd_buf {
	char *p;
	size_t len;
	size_t cap;
};

#define CD_BUF_INIT { NULL, 0, 0 }

/* Allocate or die: print "PROG: out of memory" and exit 1 (STYLE §7). */
void *cd_xmalloc(size_t n);
void *cd_xcalloc(size_t nmemb, size_t n);
void *cd_xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size n to at least need elements. */
void *cd_xgrow(void *p, size_t *nmemb, size_t need, size_t n);
/* A zeroed block of n bytes.  From CD_BIG bytes on it gets a mapping of
 * its own marked for huge pages where the system has them (madvise): one
 * page fault per 2 MiB touched instead of one per 4 KiB (its memory then
 * counts by 2 MiB), and it goes back to the system when freed.  Smaller
 * ones come from calloc.  Free with cd_big_free and the same n (p NULL:
 * nothing). */
#define CD_BIG ((size_t)2 << 20)
void *cd_xbig(size_t n);
void cd_big_free(void *p, size_t n);
/* Make the block the next cd_xbig(n) of this n returns now, and fault
 * its pages in (their zeroing is most of its first touch) on a thread of
 * its own (MADV_POPULATE_WRITE, Linux 5.14 on; else nothing is done), so
 * that they are there, or some of them, when the program comes to it:
 * that cd_xbig does not wait, the pages it touches before the thread are
 * faulted in by the toucher as before.  cd_big_free of the block, or
 * cd_big_prefault_end, waits for the thread; the latter also drops a
 * block never asked for. */
void cd_big_prefault(size_t n);
void cd_big_prefault_end(void);
char *cd_xstrdup(const char *s);
char *cd_xmemdup(const char *s, size_t len);

void cd_buf_init(struct cd_buf *b);
void cd_buf_release(struct cd_buf *b);
/* Make room for at least extra more bytes (plus the NUL). */
void cd_buf_grow(struct cd_buf *b, size_t extra);
void cd_buf_add(struct cd_buf *b, const void *p, size_t len);
void cd_buf_addc(struct cd_buf *b, int c);
void cd_buf_adds(struct cd_buf *b, const char *s);
void cd_buf_addf(struct cd_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append v in decimal (as printf's %llu, without its cost). */
void cd_buf_add_uint(struct cd_buf *b, uint64_t v);
/* Write v in decimal at o (room for 20 bytes); returns the end. */
char *cd_put_uint(char *o, uint64_t v);
/* Write v as 16 lower-case hex digits at o; returns the end. */
char *cd_put_hex16(char *o, uint64_t v);
/* Append the UTF-8 encoding of code point cp (which must be valid). */
void cd_buf_add_utf8(struct cd_buf *b, uint32_t cp);
/* Append s[0..len) as a JSON string with its quotes, escaping '"', '\\',
 * control characters (\n, \t, ... or \u00XX) and nothing else: the input
 * must be valid UTF-8, which is copied as is. */
void cd_buf_add_json(struct cd_buf *b, const char *s, size_t len);
/* Set len to 0 keeping the storage. */
static inline void cd_buf_reset(struct cd_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}
static inline const char *cd_buf_str(const struct cd_buf *b)
{
	return b->p ? b->p : "";
}

#endif
