/*
 * htmlw.h - text into HTML that shows it and runs nothing: the escaping
 * writer of copydesk-report.
 *
 * Every byte of untrusted text goes through cd_htmlw_text() (or one of the
 * functions below built on it), which escapes the five characters that
 * matter in element content and in quoted attribute values (& < > " '),
 * turns invalid UTF-8, NUL and the other control characters (but tab and
 * line feed) into U+FFFD, so the page is valid UTF-8 whatever the input,
 * and an injected "<script>" or "</style>" stays text.  Nothing here
 * allocates except through the cd_buf it appends to.
 */
#ifndef CD_HTMLW_H
#define CD_HTMLW_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Append s[0..len) escaped (see above) to b. */
void cd_htmlw_text(struct cd_buf *b, const char *s, size_t len);

/* Append at most about max bytes of s[0..len) escaped, cut at a character
 * boundary and ended with U+2026 when cut.  Returns true when cut. */
bool cd_htmlw_cut(struct cd_buf *b, const char *s, size_t len, size_t max);

/* Is s[0..len) a URL that may become an href: http:// or https:// (any
 * case), followed by at least one byte, no space or control character?
 * Anything else (javascript:, data:, relative) is shown as text only. */
bool cd_htmlw_url_ok(const char *s, size_t len);

/*
 * Append var (a variant of a quotation) escaped, with its words compared
 * to ref: words of var that ref lacks inside <ins>, words of ref that var
 * lacks inside <del>, in a longest-common-subsequence alignment of the
 * white-space separated words (compared byte for byte, so a changed
 * punctuation mark is a change).  Texts over CD_HTMLW_DIFF_WORDS words are
 * cut there first, so time and memory stay small.
 */
void cd_htmlw_diff(struct cd_buf *b, const char *ref, size_t rlen,
		  const char *var, size_t vlen);

#define CD_HTMLW_DIFF_WORDS 400

#endif
