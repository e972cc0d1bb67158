/*
 * quote.h - finding direct quotations in a text (SPEC "copydesk-quote").
 *
 * cd_quote_find() scans a UTF-8 text once and returns the quoted pieces in
 * text order: spans between “…”, "…", «…», „…“ and (outside a double
 * quotation) ‘…’ or '…', and with old_marks ``…'' and ''…''; without
 * old_marks a single-quoted piece between two apostrophes before and
 * after it in its paragraph is taken to be nested in a ''…'' quotation
 * and dropped.
 * A text that holds more quotations (two at least, as count_single counts
 * them: ending a clause or of two words or more) in single marks than it
 * opens in typographic double ones (“ „ «), and none in two apostrophes,
 * quotes the British way (‘…’, nested “…”): it is read again with the
 * two kinds changing places (single_first), ’ closing only where it is no
 * apostrophe (not between letters, and s’ before a word only when no
 * later mark of the paragraph can close instead).  Straight single marks
 * are read so apart, when they open more quotations than all double
 * marks (a text may quote two sources typed two ways).
 * Apostrophes (didn’t, Trump's, ’90s), inch and minute marks (6'2",
 * 12") and primes are not quotation marks.  A line is a paragraph, but
 * in hard-wrapped text (wrap.c) the lines that go on with the one before
 * them are one paragraph with it, their line breaks read as spaces
 * (listed in soft).  A piece whose paragraph ends before its closing mark
 * continues into the next paragraph when that one opens with a quotation
 * mark (the newspaper convention for a quotation over several paragraphs),
 * which is recorded by linking the two pieces.  A paragraph that ends
 * inside a quotation whose closing mark is the first mark of the next
 * line is joined with that line (texts with one sentence a line break
 * quotations so); those line breaks are listed in soft.
 *
 * The finder knows nothing about speakers: attrib.h reads the words around
 * the pieces.  Nothing here prints or exits.
 */
#ifndef CD_QUOTE_H
#define CD_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

/* One quoted piece.  All offsets are bytes into the scanned text. */
struct cd_qpiece {
	size_t open;	/* the opening mark */
	size_t start;	/* first byte of the quoted text (after the mark) */
	size_t end;	/* one past the last byte of the quoted text */
	size_t close;	/* one past the closing mark; == end when unclosed */
	size_t para;	/* 0-based paragraph number (blank lines not counted) */
	size_t pstart;	/* offset of the paragraph's first byte */
	bool single;	/* marked with single quotation marks */
	bool cont;	/* unclosed; the next piece continues it */
	bool contd;	/* continues the previous piece */
	bool aside;	/* set by attrib.c: a title or a fragment inside
			 * the attribution between two pieces of one
			 * quotation, part of neither */
	bool said;	/* set by attrib.c: an aside fragment, also a
			 * quotation of its own */
};

struct cd_qline;

enum { CD_Q_CURLY = 1, CD_Q_STRAIGHT = 2 };

/* The pieces of one text.  Owns its array; reuse it across texts
 * (cd_quote_find resets it) and cd_qfind_release it at the end. */
struct cd_qfind {
	struct cd_qpiece *p;
	size_t n, cap;
	size_t npara;	/* paragraphs seen */
	size_t *soft;	/* offsets of the line breaks inside a paragraph */
	size_t nsoft, softcap;
	struct cd_qline *line;	/* private: the lines of the text */
	size_t nline, linecap;
	bool old_marks;	/* set by the caller: read ``...'' and ''...''
			 * (old newspaper archives) as double marks */
	bool title_line; /* set by the caller: the first line is a title,
			  * a paragraph of its own even in wrapped text */
	unsigned single_first; /* set by the scan: the text quotes in
				* single marks, nesting double ones
				* (British style): CD_Q_CURLY (‘…’),
				* CD_Q_STRAIGHT ('…') or both */
	size_t nsq[2], ndq[2], nold; /* private, counted by each reading
				      * (the first one's decide
				      * single_first): single quotations
				      * (count_single), double ones opened
				      * (typographic, straight) and ones in
				      * two apostrophes */
};

void cd_qfind_init(struct cd_qfind *qf);
void cd_qfind_release(struct cd_qfind *qf);

/*
 * Find the quoted pieces of text[0..len), which must be valid UTF-8
 * (NUL bytes are allowed and are ordinary characters).  Pieces with no
 * text but spaces are dropped.  Returns the number of pieces.
 */
size_t cd_quote_find(struct cd_qfind *qf, const char *text, size_t len);

/*
 * True when text[0..len) holds no quotation mark but apostrophes between
 * two ASCII letters (it's, don’t): cd_quote_find finds nothing in it nor
 * in any part of it (no quotation opens, so none is read the British
 * way either), and the caller may skip it.
 */
bool cd_quote_none(const char *text, size_t len);

/*
 * Where to cut a long text so that no quotation is cut: qf holds the
 * pieces of text[0..n) found by cd_quote_find() for some n > lim.
 * Returns the largest offset c in (lim/2, lim] that starts a line and
 * lies outside every quotation (between the marks of a piece, or between
 * a piece and the one continuing it), else the largest such c that
 * starts a sentence inside a line (after ". ", "! ", "? "), else 0 when
 * a quotation covers all of the second half.  A text read in pieces cut
 * there finds the same quotations as when read whole.
 */
size_t cd_quote_cut(const struct cd_qfind *qf, const char *text, size_t lim);

/*
 * The number of paragraphs (as cd_quote_find() counts them: blank lines
 * not counted, lines joined inside a quotation counted once) that start
 * in text[from..to), where qf holds the last scan of text.
 */
size_t cd_quote_paras(const struct cd_qfind *qf, const char *text,
		      size_t from, size_t to);

/*
 * The end of the paragraph of the last scan of text[0..len) that has a
 * line starting at i (as cd_quote_find() reads paragraphs: its line
 * breaks inside one, in hard-wrapped text or inside a quotation, are
 * not ends): the offset of the first line break at or after i that ends
 * a paragraph, else len.
 */
size_t cd_quote_para_end(const struct cd_qfind *qf, const char *text,
			 size_t len, size_t i);

#endif
