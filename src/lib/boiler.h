/*
 * boiler.h - boilerplate removal for scraped news text (copydesk-clean).
 *
 * Three layers, each usable alone:
 *  - line rules (struct cd_boiler_rules): named patterns read from plain
 *    text rule files (data/clean-rules.txt and --rules FILE);
 *  - one document (struct cd_boiler_doc): the text is normalised and cut
 *    into units (paragraphs), each unit is scored by its shape (length,
 *    sentence punctuation, bullets, indentation), the article body is the
 *    densest run of prose, metadata (title, byline, dateline, date) is
 *    lifted from around its start, and the rules and structural tests
 *    (menus, link lists, "Related" blocks, repeats) remove the rest;
 *  - the corpus (struct cd_boiler_corpus): a bounded table counting in how
 *    many distinct documents each unit occurs, to remove lines that recur
 *    across documents (a site's newsletter footer).
 * Nothing here prints or exits (but cd_xmalloc on out of memory).
 * The code: rules.c (the rules), units.c (a document cut into units and
 * classified), boiler.c (the body, the structural tests, the output),
 * lift.c (the metadata) and corpus.c (the corpus), sharing the private
 * boiler_int.h.
 */
#ifndef CD_BOILER_H
#define CD_BOILER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* ---- line rules ---- */

enum cd_rule_kind {
	CD_RULE_LINE,		/* the whole unit, bar trailing punctuation */
	CD_RULE_PREFIX,		/* the unit starts with the pattern */
	CD_RULE_SUFFIX,		/* the unit ends with the pattern */
	CD_RULE_CONTAINS,	/* the pattern occurs in the unit */
	CD_RULE_BLOCK,		/* a heading: the unit and the units after it up
				 * to the next body paragraph go */
	CD_RULE_END,		/* a heading that ends the article (comments):
				 * the unit and everything after it go */
	CD_RULE_TAIL		/* a heading of what follows the article (the
				 * writer's box, sources, tags): an end that
				 * holds only with less of the article's prose
				 * after it than before */
};

struct cd_rule {
	char *name;		/* owned */
	char *pat;		/* owned, NUL-terminated, no NUL inside */
	size_t plen;
	size_t maxlen;		/* applies to units of at most this many
				 * code points; SIZE_MAX for any */
	enum cd_rule_kind kind;
};

/* The rules in file order, and an index built by cd_boiler_rules_parse:
 * chains of rule numbers (+1, 0 ends) by the first byte of the pattern
 * (line rules apart from prefix, block and end), by its last byte
 * (suffix), and by its first
 * two bytes (contains), so a unit is checked against few rules. */
struct cd_boiler_rules {
	struct cd_rule *r;
	size_t n, cap;
	uint32_t *next;		/* per rule: the next rule of its chain */
	uint32_t head[256];	/* prefix, block, end of one byte */
	uint32_t *head2;	/* the longer ones by first two bytes (65536) */
	uint32_t line[256];	/* line rules by first byte */
	uint32_t tail[256];	/* suffix by last byte */
	uint32_t *pair;		/* contains by first two bytes (65536) */
	uint32_t one;		/* contains with a one-byte pattern */
	uint64_t pairbit[1024];	/* by first two bytes: a contains rule of
				 * two or three bytes */
	uint64_t quadbit[1024];	/* by a hash of the first four bytes: a
				 * longer contains rule */
	uint64_t linebit[1024];	/* by the first two bytes (folded): a line
				 * rule may match */
	uint64_t chainbit[1024];	/* by two bytes as written, in any
				 * ASCII case: rs->pair has a chain for them */
	uint64_t gen;		/* new each time the rules change (a line
				 * memo filled under others is emptied) */
	size_t cmax;		/* the largest maxlen of a contains rule */
	size_t lmax;		/* the longest pattern of a line rule */
	size_t pmax;		/* the largest maxlen of a prefix, block or
				 * end rule */
	size_t smax;		/* the largest maxlen of a suffix rule */
	size_t npair;		/* contains rules of two or three bytes */
	unsigned char lead[4];	/* the first bytes, in both ASCII cases, of
				 * the contains patterns of 2 to 7 bytes,
				 * when there are so few */
	size_t nlead;		/* bytes in lead; 0: none, or too many */
	size_t wm;		/* the skip scan's window: its shortest
				 * pattern, at most 16; 0: no skip scan */
	uint8_t *shift;		/* skip scan: how far the window may move by
				 * its last three bytes as written, in any
				 * ASCII case (65536, by a hash of them) */
};

void cd_boiler_rules_init(struct cd_boiler_rules *rs);
void cd_boiler_rules_release(struct cd_boiler_rules *rs);

/*
 * Add the rules in text[0..len), the contents of a rule file called name
 * (for messages).  The format, one rule a line, '#' comments and blank
 * lines ignored:   NAME KIND MAXLEN PATTERN
 * KIND is line, prefix, suffix, contains, block or end; MAXLEN a number
 * or '-';
 * PATTERN the rest of the line (ASCII case is ignored when matching).
 * Returns 0, or -1 with "NAME:LINE: reason" in *err (reset first); the
 * rules before the bad line are kept.
 */
int cd_boiler_rules_parse(struct cd_boiler_rules *rs, const char *name,
			  const char *text, size_t len, struct cd_buf *err);

/* Read and add the rule file at path.  Returns 0, or -1 with the reason in
 * *err ("PATH: strerror" or as cd_boiler_rules_parse). */
int cd_boiler_rules_load(struct cd_boiler_rules *rs, const char *path,
			 struct cd_buf *err);

/* The first rule matching the unit s[0..len) of chars code points, or
 * NULL.  Borrowed from rs. */
const struct cd_rule *cd_boiler_rules_match(const struct cd_boiler_rules *rs,
					    const char *s, size_t len,
					    size_t chars);

/* ---- one document ---- */

enum cd_unit_class {
	CD_U_GOOD,	/* a prose paragraph */
	CD_U_NEAR,	/* a shorter sentence */
	CD_U_SHORT,	/* a short line without sentence punctuation */
	CD_U_BAD	/* boilerplate by shape or by a rule */
};

struct cd_unit {
	size_t off, len;	/* the trimmed text in doc->norm */
	uint32_t chars, words;
	uint32_t weight;	/* chars, wide (CJK) characters counting 3 */
	uint16_t indent;	/* leading spaces in the input */
	uint8_t cls;		/* enum cd_unit_class */
	bool head;		/* set apart as a heading in wrapped text with
				 * a margin (lynx, links, elinks): its first
				 * line left of the margin or centred */
	bool punct;		/* ends like a sentence */
	bool bullet;		/* starts with a list bullet */
	bool block;		/* matched a block rule */
	bool end;		/* matched an end rule or reads as a comment
				 * header ("Alex on May 3, 2019 said:") */
	bool tail;		/* end, by a tail rule */
	bool dup;		/* an earlier unit has the same folded text */
	bool rule;		/* a line rule or a caption shape matched */
	bool image;		/* an image placeholder ("[photo]") */
	bool record;		/* an item of a list the article gives: a
				 * list of records (tour dates, table rows,
				 * numbered items) or one it announces ("Here
				 * is what changed:") */
	bool table;		/* a record of a long list (CD_TABLE records
				 * or more: a season's dates, a table) */
	bool keep;		/* stays in the text */
	bool floor;		/* kept by the floor under the body: why names
				 * the rule that would have removed it */
	bool markup;		/* long enough for prose, but markup or data
				 * more than prose (see units.c, markup()) */
	const char *why;	/* the rule that removed it; borrowed (a static
				 * string or a rule name) */
	uint64_t hash;		/* of the case-folded text */
	long score;		/* for the body search */
};

/* True when unit u reads as prose (a sentence, or a shorter one): what
 * the corpus counts of a document, whether from the document
 * (cd_boiler_corpus_count) or from its compact form (its kept units,
 * cd_boiler_text_json_units); one test, so the two agree. */
static inline bool cd_unit_prose(const struct cd_unit *u)
{
	return u->cls == CD_U_GOOD || u->cls == CD_U_NEAR;
}

struct cd_boiler_corpus;

/*
 * Units classified before, by their exact text: a document cleaned with a
 * memo takes the measures, the rule match and the class of a unit from
 * it when the same line was classified before (copies of an article and
 * a site's boilerplate repeat lines), instead of reading the line again.
 * What a unit's class depends on beyond its text (its indent, the
 * document's) is applied afresh.  Bounded: CD_MEMO_SLOTS slots, the
 * lines (of at most CD_MEMO_BYTES bytes) in a ring of CD_MEMO_RING bytes
 * that the newest overwrite (a slot whose line was overwritten is free).
 * Tied to the rules it was filled with: it is filled anew for other
 * rules, or for the same ones loaded again (their gen).
 * Not for use by two threads at once.
 */
#define CD_MEMO_SLOTS 4096
#define CD_MEMO_BYTES 2048
#define CD_MEMO_RING ((size_t)1 << 20)

struct cd_memo_ent;

struct cd_boiler_memo {
	uint64_t *key;		/* per slot: its line's fold hash, 0 for none
				 * (apart from the slots: read for every line,
				 * they stay in the cache) */
	struct cd_memo_ent *e;	/* CD_MEMO_SLOTS slots, NULL until used */
	char *ring;		/* CD_MEMO_RING bytes of lines */
	uint64_t head;		/* bytes written to the ring so far */
	const struct cd_boiler_rules *rs;	/* the rules of the entries */
	uint64_t gen;		/* and their gen */
};

void cd_boiler_memo_init(struct cd_boiler_memo *m);
void cd_boiler_memo_release(struct cd_boiler_memo *m);

/* Why the floor under the body acted (see cd_boiler_clean). */
enum cd_floor_why {
	CD_FLOOR_NONE,	/* it did not */
	CD_FLOOR_EMPTY,	/* the rules left no prose */
	CD_FLOOR_SHORT	/* the body kept far less prose than the text has */
};

struct cd_boiler_doc {
	struct cd_buf norm;	/* the normalised text; units point into it */
	struct cd_buf cols;	/* scratch: the text read column by column */
	bool columns;		/* the text had a region in columns */
	struct cd_unit *u;
	size_t nu, cap;
	size_t lo, hi;		/* the body: units [lo, hi) */
	bool prose;		/* false: no prose at all, the text is kept */
	size_t floor;		/* units kept by the floor (0: none) */
	uint8_t floor_why;	/* enum cd_floor_why: why the floor acted */
	long title, byline, dateline;	/* unit index, or -1 */
	size_t title_cut;	/* bytes cut off the title unit's end after
				 * its len (a site's name after a mark),
				 * shown as "title-site" by --explain */
	char date[11];		/* "YYYY-MM-DD", or "" */
	uint64_t sig;		/* identifies the article (for the corpus) */
	uint64_t *set;		/* scratch: the ends of the text's lines, then
				 * a hash set, then per unit a number (at
				 * least nu slots once units are marked) */
	size_t setcap;
	const struct cd_boiler_corpus *warm;	/* a hint, or NULL: the table
				 * the document is counted in next; its slots
				 * for the units start loading once they are
				 * hashed (see cd_boiler_corpus_prefetch) */
	struct cd_boiler_memo *memo;	/* borrowed, or NULL: the lines
				 * classified before (cd_boiler_memo) */
	bool dated;		/* set by the caller: the record gives its
				 * date, so the text is not searched for one
				 * (date keeps a leading date header's only) */
};

void cd_boiler_doc_init(struct cd_boiler_doc *d);
void cd_boiler_doc_release(struct cd_boiler_doc *d);
/* The bytes d's buffers have taken (to give them back past a bound). */
size_t cd_boiler_doc_bytes(const struct cd_boiler_doc *d);
/* Start loading the units of d and the start of its text (a hint, for a
 * document held a while). */
void cd_boiler_doc_prefetch(const struct cd_boiler_doc *d);

/*
 * Clean text[0..len) into d (whose previous contents are dropped): after
 * the call each unit has keep and why set, title/byline/dateline name the
 * lifted units and date holds a date found in a dateline or a leading
 * "date YYYY-MM-DD" header.  rs is borrowed for as long as d is used.
 * Text laid out in columns is read column by column first (columns.h).
 * The floor: when the rules leave no prose paragraph although the text
 * has a block of prose (paragraphs, or long lines that read as
 * sentences), or the body holds under a third of that block's prose,
 * that block is kept, its units marked floor, d->floor counts them and
 * d->floor_why says which of the two.
 */
void cd_boiler_clean(const struct cd_boiler_rules *rs, const char *text,
		     size_t len, struct cd_boiler_doc *d);

/* Append the kept units of d to out, joined by "\n\n". */
void cd_boiler_text(const struct cd_boiler_doc *d, struct cd_buf *out);

struct cd_corpus_unit;

/* Append the kept units of d joined by "\n\n" to out as one JSON string
 * (the bytes of cd_boiler_text then cd_buf_add_json, without the copy),
 * and, unless ku is NULL, the kept units of d in ku (room for d->nu),
 * each with the offset in out and the length of its escaped text (the
 * bytes between its quotes, were it written alone); returns how many. */
size_t cd_boiler_text_json_units(const struct cd_boiler_doc *d,
				 struct cd_buf *out, struct cd_corpus_unit *ku);

/* Append the JSON array [{"text": ..., "rule": ...}, ...] of the removed
 * units of d, lifted metadata included, in text order. */
void cd_boiler_removed_json(const struct cd_boiler_doc *d, struct cd_buf *out);

/* Append the JSON array [{"text": ..., "rule": ...}, ...] of the units
 * the floor kept, each with the rule that would have removed it, in text
 * order ([] when the floor did not act). */
void cd_boiler_floor_json(const struct cd_boiler_doc *d, struct cd_buf *out);

/* The text of unit i of d (i >= 0) as a pointer into d->norm and *len. */
const char *cd_boiler_unit(const struct cd_boiler_doc *d, long i, size_t *len);

/* ---- the corpus ---- */

/* Up to this many article signatures are kept per line. */
#define CD_CORPUS_SIGS 4
/* Prose paragraphs are counted and removed only this close to an edge of
 * the body. */
#define CD_CORPUS_EDGE 5

struct cd_corpus_ent {
	uint64_t hash;		/* 0: a free slot */
	uint32_t docs;		/* distinct articles seen with the line */
	uint32_t sig[CD_CORPUS_SIGS];
};

/*
 * Counts, for each distinct unit text, the distinct articles it occurs in.
 * Copies of one article (syndication) have the same signature and count
 * once.  The table holds at most cap lines: when full, the lines seen in
 * the fewest documents are dropped first, so memory is bounded by cap and
 * not by the input.
 */
struct cd_boiler_corpus {
	struct cd_corpus_ent *t;
	size_t cap;		/* slots (a power of two, twice max) */
	size_t max;		/* lines tracked at most */
	size_t n;		/* lines tracked now */
	unsigned min_docs;	/* a line in this many articles is boilerplate */
};

/* Set up a table tracking at most max lines (at least 64). */
void cd_boiler_corpus_init(struct cd_boiler_corpus *c, size_t max,
			   unsigned min_docs);
void cd_boiler_corpus_release(struct cd_boiler_corpus *c);

/* Start loading the slots of c for the kept units of d, a while before
 * cd_boiler_corpus_count or _apply reads them: the table is large and
 * read at random, and the misses overlap instead of queueing.  The
 * callers call it early (a release ahead, after classifying); count and
 * apply do not, as a prefetch right before the reads only adds a pass. */
void cd_boiler_corpus_prefetch(const struct cd_boiler_corpus *c,
			       const struct cd_boiler_doc *d);

/* Count the kept units of d that may be boilerplate: those that are not
 * prose, and the CD_CORPUS_EDGE first and last (each text once, as
 * repeats inside d are removed already). */
void cd_boiler_corpus_count(struct cd_boiler_corpus *c,
			    const struct cd_boiler_doc *d);

/*
 * Remove from d the kept units the table says are boilerplate: a unit
 * counted in at least min_docs articles, when it is not a prose paragraph
 * or when it sits at an edge of the body (only recurring units between it
 * and the first or last kept unit, at most CD_CORPUS_EDGE on each side).
 * Such units get why = "corpus".
 * Returns the number removed.
 */
size_t cd_boiler_corpus_apply(const struct cd_boiler_corpus *c,
			      struct cd_boiler_doc *d);

/* A kept unit of a document as the corpus sees it: what a record held
 * for the counts needs of its units (cd_boiler_text_json_units). */
struct cd_corpus_unit {
	uint64_t hash;		/* the unit's */
	uint32_t off, len;	/* the caller's: where its text is */
	bool prose;		/* a prose paragraph or a shorter sentence */
	bool drop;		/* set by cd_boiler_corpus_apply_units */
};

/* cd_boiler_corpus_prefetch for the kept units ku[0..n) of a document. */
void cd_boiler_corpus_prefetch_units(const struct cd_boiler_corpus *c,
				     const struct cd_corpus_unit *ku,
				     size_t n);

/* cd_boiler_corpus_count for the kept units ku[0..n) of a document whose
 * sig is sig. */
void cd_boiler_corpus_count_units(struct cd_boiler_corpus *c,
				  const struct cd_corpus_unit *ku, size_t n,
				  uint64_t sig);

/* cd_boiler_corpus_apply on the kept units ku[0..n) of a document, in
 * text order: sets drop on those it removes; returns how many. */
size_t cd_boiler_corpus_apply_units(const struct cd_boiler_corpus *c,
				    struct cd_corpus_unit *ku, size_t n);

/*
 * Hard-wrapped text (wrap.c) (wire copy, e-mail, the Reuters corpus, lynx
 * dumps): the one rule for whether a text's lines are cut at a width and
 * which of its lines go on with the line before them.  copydesk-clean
 * joins such lines into paragraphs (units.c); copydesk-quote reads a line
 * end inside one as a space (quote.c).
 *
 * A line here is its text after its leading spaces (the indent) and
 * without its line end or trailing spaces; chars is its length in
 * characters.
 */

/* Hard-wrapped text is wrapped at this many characters at most (a wide
 * terminal; lynx -dump -width=120 writes lines of up to 117). */
#define CD_WRAP_MAX 132

/* The columns below the edge where most of the lines a wrapper cut
 * end (see cd_wrap_width). */
#define CD_WRAP_BAND 12

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
	unsigned open_at[CD_WRAP_MAX + 1];	/* wide lines cut mid-sentence,
						 * so */
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
 * in a dump of a paragraph a line, most are), and half of the others cut
 * in the middle of a sentence, or a third when half of those end within
 * CD_WRAP_BAND columns of the edge and the lines that end a sentence end
 * there less often (short paragraphs wrapped; the body of this function
 * in wrap.c says why), or eight wide lines among many short lines (menus
 * around a dump).  Lines are measured by the column they end at, their
 * indent included: dumpers indent by block (a margin of three, lists
 * and boxes further) and wrap every block at the one right edge.
 * The width is the right edge of the lines that the next line goes on
 * (the next is not blank nor indented less): the longest of them up to
 * ten columns past the column nine in ten do not pass, so that one long
 * line (a table row, an address) does not make every other line look
 * short.  *margin is the indent (under 8) eight in ten wide lines share
 * (lynx indents all text by three), else 0.  *hang: paragraphs are
 * marked by their first line indented past the rest, which starts at
 * the left edge (wire copy): two wide lines cut mid-sentence so at
 * least (indented under eight columns: a deeper line over one at the
 * edge is a listing's line that lynx broke at the screen's edge), and
 * one in four of the lines the next goes on.
 */
size_t cd_wrap_width(const struct cd_wrap_tally *t, unsigned *margin,
		     bool *hang);

/* The paragraph being read: the column its text starts at, whether it
 * has one line so far, and the *hang of cd_wrap_width. */
struct cd_wrap_para {
	size_t col;
	bool first, hang;
	unsigned num;	/* the item number its first line starts with, or 0 */
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
