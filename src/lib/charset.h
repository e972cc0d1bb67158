/*
 * charset.h - decode a web page to UTF-8 as a browser does (the WHATWG
 * Encoding standard and the HTML standard's encoding sniffing).
 *
 * The encoding comes from, in this order: a byte order mark; the charset
 * of the HTTP Content-Type; a <meta charset> or <meta http-equiv=
 * "Content-Type" content="...charset=..."> in the first 1024 bytes (the
 * HTML prescan); else sniffing: valid UTF-8 is UTF-8, anything else
 * windows-1252.  Labels map to encodings as the Encoding standard maps
 * them (latin1, iso-8859-1 and ascii are windows-1252, gb2312 is GBK,
 * and so on).  Legacy encodings are decoded by glibc iconv, one converter
 * per encoding opened on first use and kept (at most one per encoding of
 * the table, so memory is bounded); bytes that do not decode become
 * U+FFFD.  The library never prints: what a caller may want to report is
 * returned in struct cd_charset_info.
 */
#ifndef CD_CHARSET_H
#define CD_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * The encoding name (the Encoding standard's, e.g. "windows-1252") of
 * label s[0..len), ASCII white space around it ignored and case ignored;
 * NULL when the label is unknown.  The name is static.
 */
const char *cd_charset_name(const char *s, size_t len);

/*
 * Find the charset parameter of a Content-Type value s[0..len) (quotes
 * removed).  Returns true with *lab, *lablen set to a span of s, or false.
 */
bool cd_charset_param(const char *s, size_t len, const char **lab,
		      size_t *lablen);

/*
 * The HTML prescan of p[0..min(len, 1024)): the first known label of a
 * <meta charset> or of a <meta http-equiv="content-type" content=...>,
 * outside comments.  Returns its encoding name (UTF-16 read as UTF-8, as
 * the standard says), or NULL.  The first unknown label met is copied to
 * bad[0..badcap) (NUL-terminated, cut) when bad is not NULL.
 */
const char *cd_charset_prescan(const char *p, size_t len, char *bad,
			       size_t badcap);

/* The converters opened so far; zero-initialise, or use CD_CHARSET_INIT. */
struct cd_charset {
	void *conv[64];		/* iconv_t per table entry, or NULL */
};

#define CD_CHARSET_INIT { { NULL } }

void cd_charset_release(struct cd_charset *cs);

/* What cd_charset_page decided. */
struct cd_charset_info {
	const char *name;	/* the encoding used (static) */
	const char *how;	/* "bom", "http", "meta" or "sniff" */
	char bad[64];		/* an unknown label that was ignored, or "" */
	size_t repaired;	/* bytes or sequences replaced with U+FFFD */
};

/*
 * Decode the page p[0..len) to UTF-8 and append it to out (without a
 * byte order mark).  ctype is the HTTP Content-Type value, or NULL.
 * Returns nothing: an unknown label is ignored (reported in info->bad)
 * and the page is sniffed instead; undecodable bytes become U+FFFD.
 */
void cd_charset_page(struct cd_charset *cs, const char *ctype,
		     size_t ctlen, const char *p, size_t len,
		     struct cd_buf *out, struct cd_charset_info *info);

/*
 * Decode p[0..len) from the encoding name (as returned above) to UTF-8,
 * appended to out.  Returns the number of replacements with U+FFFD.
 */
size_t cd_charset_decode(struct cd_charset *cs, const char *name,
			 const char *p, size_t len, struct cd_buf *out);

/*
 * Undo mojibake in the UTF-8 text s[0..len), in place: UTF-8 that was
 * read as Latin-1 or Windows-1252 and written again as UTF-8 ("Investor
 * â" U+0080 U+0099 "s" or "Investorâ€™s" for "Investor’s", "cafÃ©" for
 * "café").  Only a text that shows it is repaired: one where a sequence
 * has a C1 control (U+0080-U+009F), which text never holds; then every
 * character U+00C2-U+00F4 followed by characters that give a valid UTF-8
 * sequence is undone.  A text with only "cafÃ©" is left as it is (it may
 * be quoted as an example).  Returns the new length (never longer; a NUL
 * is written after a shorter text).
 */
size_t cd_charset_unmojibake(char *s, size_t len);

#endif
