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
	size_t n, wide, open, over, cut, first;
	unsigned count[CD_WRAP_MAX + 1];	/* lines the next goes on, by
						 * the column they end at */
	unsigned all[CD_WRAP_MAX + 1];		/* wide lines, so */
	unsigned ind[8];
};

void cd_wrap_init(struct cd_wrap_tally *t);

/*
 * Count the non-blank line ln (ascii: the text is all ASCII, so chars ==
 * len) into t; next is the line after it (NULL at the end, len 0 when
 * blank).  ln->chars is set when the line is long enough to matter (45
 * bytes or more), else left as it is.  Returns false when the text is
 * plainly not hard-wrapped (four lines longer than CD_WRAP_MAX
 * characters, more than the wide lines under it) and the caller may stop.
 */
bool cd_wrap_add(struct cd_wrap_tally *t, struct cd_wrap_line *ln,
		 const struct cd_wrap_line *next, bool ascii);

/*
 * The width the lines counted in t are hard-wrapped at (wire copy,
 * e-mail, the Reuters corpus, the dumps of w3m, lynx, links, elinks and
 * html2text), or 0 when lines are paragraphs: at least four lines, a
 * third of them 45 characters or more ("wide"), at most one in ten of
 * those over CD_WRAP_MAX (a long address or table row in a wrapped dump;
 * in a dump of a paragraph a line, most are), and most of the others cut
 * in the middle of a sentence (or eight of them among many short lines:
 * menus around a dump).  Lines are measured by the column they end at,
 * their indent included: dumpers indent by block (a margin of three,
 * lists and boxes further) and wrap every block at the one right edge.
 * The width is the right edge of the lines that the next line goes on
 * (the next is not blank nor indented less): the longest of them up to
 * ten columns past the column nine in ten do not pass, so that one long
 * line (a table row, an address) does not make every other line look
 * short.  *margin is the indent (under 8) eight in ten wide lines share
 * (lynx indents all text by three), else 0.  *hang: paragraphs are
 * marked by their first line indented past the rest, which starts at
 * the left edge (wire copy): two wide lines cut mid-sentence so at
 * least, and one in four of the lines the next goes on.
 */
size_t cd_wrap_width(const struct cd_wrap_tally *t, unsigned *margin,
		     bool *hang);

/* The paragraph being read: the column its text starts at, whether it
 * has one line so far, and the *hang of cd_wrap_width. */
struct cd_wrap_para {
	size_t col;
	bool first, hang;
};

/* Start paragraph p at line ln (its text starts past a bullet: a
 * hanging indent). */
void cd_wrap_start(struct cd_wrap_para *p, const struct cd_wrap_line *ln,
		   bool hang);

/*
 * In text hard-wrapped at width: does line ln (chars set) go on with
 * paragraph p, whose last line is prev, with no blank line between?  It
 * does when ln starts at p's column (or left of it after p's first line,
 * not a list item: a first line indented; but not in text whose *hang
 * says a line indented as that first line starts the next), prev fills
 * the width (comes within 25 characters of it: not every wrapper fills
 * its lines, Reuters' does not) or its sentence goes on in lower case or
 * a digit on ln, without passing the width by more than a few columns
 * (unless prev is one word too long for any line: an address), neither
 * line is a table's row (starts or ends on its frame), and ln is no list
 * item and not a heading (a short line ending no sentence after a line
 * ending one, or one that html2text marks: cd_bl_heading_open/close).
 * p moves on to ln when it does.
 */
bool cd_wrap_goes_on(struct cd_wrap_para *p, const struct cd_wrap_line *prev,
		     const struct cd_wrap_line *ln, size_t width);

#endif
