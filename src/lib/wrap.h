/*
 * wrap.h - hard-wrapped text (wire copy, e-mail, the Reuters corpus, lynx
 * dumps): the one rule for whether a text's lines are cut at a width and
 * which of its lines go on with the line before them.  copydesk-clean
 * joins such lines into paragraphs (units.c); copydesk-quote reads a line
 * end inside one as a space (quote.c).
 *
 * A line here is its text after its leading spaces (the indent) and
 * without its line end or trailing spaces; chars is its length in
 * characters.
 */
#ifndef CD_WRAP_H
#define CD_WRAP_H

#include <stdbool.h>
#include <stddef.h>

/* Hard-wrapped text is wrapped at this many characters at most (a wide
 * terminal; lynx -dump -width=120 writes lines of up to 117). */
#define CD_WRAP_MAX 132

/* One line of a text. */
struct cd_wrap_line {
	const char *s;		/* after the indent */
	size_t len;		/* bytes, > 0 */
	size_t chars;		/* characters (set by cd_wrap_add when it
				 * counts them, else by the caller) */
	unsigned indent;	/* leading spaces */
};

/* What the lines of one text tell about its wrapping. */
struct cd_wrap_tally {
	size_t n, wide, open;
	unsigned count[CD_WRAP_MAX + 1], ind[8];
};

void cd_wrap_init(struct cd_wrap_tally *t);

/*
 * Count the non-blank line ln (ascii: the text is all ASCII, so chars ==
 * len) into t; ln->chars is set when the line is long enough to matter
 * (45 bytes or more), else left as it is.  Returns false when the line
 * is longer than CD_WRAP_MAX characters: the text is not hard-wrapped
 * and the caller may stop.
 */
bool cd_wrap_add(struct cd_wrap_tally *t, struct cd_wrap_line *ln,
		 bool ascii);

/*
 * The width the lines counted in t are hard-wrapped at, or 0 when lines
 * are paragraphs: at least four lines, a third of them 45 characters or
 * more, and most of those cut in the middle of a sentence (or eight of
 * them among many short lines: menus around a lynx dump).  The width is
 * the length that nine in ten of those lines do not pass, so that one
 * long line (a table row) does not make every other line look short.
 * *margin is the indent (under 8) eight in ten of those lines share (lynx
 * indents all text by three), else 0.
 */
size_t cd_wrap_width(const struct cd_wrap_tally *t, unsigned *margin);

/*
 * In text hard-wrapped at width with margin: does line ln (chars set)
 * go on with the paragraph of line prev, the line before it with no
 * blank line between?  It does when prev fills the width (comes within
 * 25 characters of it: not every wrapper fills its lines, Reuters' does
 * not) or its sentence goes on in lower case or a digit on ln, and ln is
 * not indented past the margin, is no list item and is not a heading (a
 * short line ending no sentence after a line ending one, or one that
 * html2text marks: cd_bl_heading_open/close).
 */
bool cd_wrap_goes_on(const struct cd_wrap_line *prev,
		     const struct cd_wrap_line *ln, size_t width,
		     unsigned margin);

#endif
