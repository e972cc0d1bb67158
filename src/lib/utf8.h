/*
 * utf8.h - UTF-8 validation, decoding and repair (RFC 3629: no overlong
 * forms, no encoded surrogates, nothing above U+10FFFF).
 */
#ifndef CD_UTF8_H
#define CD_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Length (1-4) of the valid UTF-8 sequence at p[0..avail), or 0 when the
 * bytes there are not one.  avail must be at least 1. */
size_t cd_utf8_seq(const unsigned char *p, size_t avail);

/* Decode the sequence at s (validated by cd_utf8_seq) to its code point,
 * storing its length in *n.  Invalid bytes decode as U+FFFD, length 1. */
uint32_t cd_utf8_decode(const char *s, size_t avail, size_t *n);

/* Offset of the first invalid byte in s[0..len), or len when valid. */
size_t cd_utf8_check(const char *s, size_t len);

/*
 * Append s[0..len) to out with each maximal invalid subpart replaced by
 * U+FFFD (the Unicode "substitution of maximal subparts" practice, as
 * iconv and Python do).  Returns the number of replacements.
 */
size_t cd_utf8_repair(const char *s, size_t len, struct cd_buf *out);

/* Append Latin-1 (latin1 true) or Windows-1252 bytes as UTF-8. */
void cd_utf8_from_8bit(const char *s, size_t len, int cp1252,
		       struct cd_buf *out);

/* The byte (0x80-0xFF) that Windows-1252 or Latin-1 decodes to code
 * point cp, or -1 when none does. */
int cd_utf8_cp1252_byte(uint32_t cp);

#endif
