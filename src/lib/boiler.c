/* boiler.c - boilerplate removal for one document: the body search,
 * the structural tests (repeats, menus, blocks, lists), the floor under
 * the body and the output; the units are cut in units.c, the metadata
 * lifted in lift.c, the rules in rules.c, the corpus in corpus.c.  See
 * boiler.h and boiler_int.h. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boiler_int.h"
#include "bytes.h"
#include "columns.h"
#include "date.h"
#include "marks.h"
#include "text.h"

/* The body-search score of a unit: prose counts for its length, the rest
 * against it, capped so one long caption cannot split a body in two. */
static long unit_score(const struct cd_unit *u)
{
	long c = (long)u->weight;

	switch (u->cls) {
	case CD_U_GOOD:
		return c;
	case CD_U_NEAR:
		return c / 3;
	case CD_U_SHORT:
		if (u->punct)
			return -5;
		return -(15 + (c < 90 ? c / 2 : 45));
	default:
		/* known junk, and image placeholders, which sit between
		 * the paragraphs of an article: no sign the article ended */
		if (u->rule || u->image)
			return -10;
		return -(30 + (c < 60 ? c / 2 : 30));
	}
}

/* True when most units of the document are indented, so indentation says
 * nothing (a text quoted or laid out as a whole). */
static bool mostly_indented(const struct cd_boiler_doc *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->nu; i++)
		if (d->u[i].indent >= 2)
			n++;
	return 2 * n > d->nu;
}


/* The slots of mark_dups' hash set for the units of d: a power of two,
 * at least twice as many as the units. */
static size_t set_slots(const struct cd_boiler_doc *d)
{
	size_t cap = 16;

	while (cap < 2 * d->nu)
		cap <<= 1;
	return cap;
}

/* Mark each unit whose folded text an earlier unit already has. */
static void mark_dups(struct cd_boiler_doc *d)
{
	size_t cap = set_slots(d), i, j;

	if (cap > d->setcap) {
		free(d->set);
		d->set = cd_xcalloc(cap, sizeof(*d->set));
		d->setcap = cap;
	} else {	/* only what this document needs of a larger set */
		memset(d->set, 0, cap * sizeof(*d->set));
	}
	for (i = 0; i < d->nu; i++) {
		uint64_t h = d->u[i].hash;

		j = (size_t)h & (cap - 1);
		while (d->set[j] && d->set[j] != h)
			j = (j + 1) & (cap - 1);
		if (d->set[j])
			d->u[i].dup = true;
		else
			d->set[j] = h;
	}
}

/* Unit u goes as the page's head links. */
static void head_link(struct cd_unit *u)
{
	u->cls = CD_U_BAD;
	u->rule = true;
	u->why = "head-links";
}

/* The head links of a page (its <link> elements: feeds, alternates in
 * other languages) that a dumper writes before the page: no text of the
 * page, and long enough to pass for a paragraph when a page has many.
 * links and elinks write them as lines "Link: alternate en" (up to
 * CD_HEAD_LINK_CHARS characters before the first prose paragraph, a
 * feed's title; past it, where links writes those of the body, only up
 * to CD_HEAD_LINK_LATE: "Link: the full report ..." in a story stays);
 * lynx writes them as the first paragraph, "#" glued to the first
 * ("#Site » Feed Site » Comments Feed", "#[1]alternate [2]alternate"):
 * a run of link names, which ends no sentence, is set apart by "»" or
 * numbered links, or is long (forty "alternate"), where a lead opening
 * "#MeToo" or "#1 seed" is prose and a headline "#MeToo Reaches the
 * Boardroom" a short line of neither. */
#define CD_HEAD_LINK_CHARS 160
#define CD_HEAD_LINK_LATE 40
static void mark_head_links(struct cd_boiler_doc *d)
{
	struct cd_unit *u;
	const char *s;
	size_t i, max = CD_HEAD_LINK_CHARS;

	for (i = 0; i < d->nu; i++) {
		u = &d->u[i];
		s = d->norm.p + u->off;
		if (u->len >= 5 && u->chars <= max &&
		    cd_text_ieq(s, "link:", 5))
			head_link(u);
		else if (u->cls == CD_U_GOOD)
			max = CD_HEAD_LINK_LATE;	/* past prose */
	}
	if (d->nu == 0)
		return;
	u = &d->u[0];
	s = d->norm.p + u->off;
	if (u->len >= 2 && s[0] == '#' && s[1] != ' ' && s[1] != '#' &&
	    !u->punct && (s[1] == '[' || u->cls != CD_U_SHORT ||
			  memmem(s, u->len, "\xC2\xBB", 2)))
		head_link(u);
}

/* The text of an embedded social media post reads as part of the story:
 * the short lines (up to four) just before its signature line ("- Ann
 * Lee (@annlee) May 3, 2019") weigh as shorter sentences. */
static void mark_posts(struct cd_boiler_doc *d)
{
	size_t i, j;

	for (i = 1; i < d->nu; i++) {
		if (!cd_bl_tweet_credit(d->norm.p + d->u[i].off, d->u[i].len))
			continue;
		for (j = i; j-- > 0 && i - j <= 4;) {
			struct cd_unit *u = &d->u[j];

			if (u->cls != CD_U_SHORT || u->why || u->bullet || u->dup)
				break;
			u->cls = CD_U_NEAR;
		}
	}
}

/* True when unit u ends a block of links: a prose paragraph. */
static bool block_stop(const struct cd_unit *u)
{
	return u->cls == CD_U_GOOD || (u->cls == CD_U_NEAR && !u->bullet);
}

/* Extend each block heading ("Related", "Most read") over the units after
 * it up to the next prose paragraph: they are links, known to go, and so
 * neither pull nor push the body search. */
static void mark_blocks(struct cd_boiler_doc *d)
{
	size_t i, j;

	for (i = 0; i < d->nu; i++) {
		if (!d->u[i].block)
			continue;
		for (j = i + 1; j < d->nu && !block_stop(&d->u[j]); j++) {
			d->u[j].block = true;
			d->u[j].why = d->u[i].why;
		}
		i = j - 1;
	}
}

/* True when u is a short sentence of three words or more that no rule
 * or repeat marks. */
static bool short_sentence(const struct cd_unit *u)
{
	return u->cls == CD_U_SHORT && u->punct && u->words >= 3 && !u->why &&
	       !u->dup && !u->bullet;
}

/* True when unit i reads as the rest of the sentence of unit i - 1, cut
 * by a line break: that one does not end like a sentence and is no list
 * item, and unit i starts with a small letter and has no rule's mark. */
static bool goes_on(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i], *p = u - 1;
	unsigned char c = (unsigned char)d->norm.p[u->off];

	return i > 0 && c >= 'a' && c <= 'z' && !p->punct && !p->bullet &&
	       !u->why && !u->dup && !u->bullet;
}

static bool announces(const struct cd_boiler_doc *d, size_t i);

/* True when unit u can be an item of a list announced just before it: a
 * list item of four words or more that no rule marks. */
static bool announced_item(const struct cd_unit *u)
{
	return u->bullet && u->words >= 4 && !u->why && !u->dup &&
	       u->cls != CD_U_BAD;
}

static void mark_records(struct cd_boiler_doc *d);
static void join_records(struct cd_boiler_doc *d);
static uint64_t record_layout(const char *s, size_t len);
static bool list_point(const struct cd_boiler_doc *d, const struct cd_unit *u);

/* True when unit u reads as a line of what an announcing line shows at
 * the end of the body: a picture, a list item of four words or more, or
 * a line with the marks of code or a table (brackets, "=", ";", quotes),
 * not a bare word of a menu ("News", "Sport"). */
static bool listed(const struct cd_boiler_doc *d, const struct cd_unit *u)
{
	return u->image || announced_item(u) || list_point(d, u) ||
	       record_layout(d->norm.p + u->off, u->len) != 0;
}

/* A line announcing what it shows goes on over at most this many units. */
#define CD_SHOWN 40

/* The end of what unit i, a line announcing it, shows ("Run this:",
 * "Here is what you need:"): the units after it up to the next prose
 * paragraph, none of them a rule match, a block, an end marker or a
 * repeat, at most CD_SHOWN; i + 1 when there are none. */
static size_t shown_end(const struct cd_boiler_doc *d, size_t i)
{
	size_t j;

	for (j = i + 1; j < d->nu && j <= i + CD_SHOWN; j++) {
		const struct cd_unit *u = &d->u[j];

		if (u->cls == CD_U_GOOD || (u->cls == CD_U_NEAR && !u->bullet) ||
		    (u->why && !u->image) || u->block || u->end)
			break;
	}
	return j;
}

/* What an announcing line shows (a listing of code, a table, a list)
 * weighs nothing in the body search: it is no menu that ends the
 * article. */
static void mark_shown(struct cd_boiler_doc *d)
{
	size_t i, j, end;

	for (i = 0; i + 1 < d->nu; i++) {
		if (d->u[i].score <= 0 || !announces(d, i))
			continue;
		end = shown_end(d, i);
		for (j = i + 1; j < end; j++)
			if (d->u[j].score < 0)
				d->u[j].score = 0;
		i = end - 1;
	}
}

/* A listing of code runs over at least this many lines. */
#define CD_CODE_LINES 3

/* True when the bytes a, b are an operator prose does not write (":=",
 * "==", "=>", "->", "&&", "||"); sets *call when they are a name glued
 * to "(". */
static bool code_pair(char a, char b, bool *call)
{
	if ((a == ':' && b == '=') || (a == '=' && b == '=') ||
	    (a == '=' && b == '>') || (a == '-' && b == '>') ||
	    (a == '&' && b == '&') || (a == '|' && b == '|'))
		return true;
	if (b == '(' && (cd_text_alpha((unsigned char)a) ||
			 cd_text_digit((unsigned char)a) || a == '_'))
		*call = true;
	return false;
}

/* True when the line s[0, len) has the marks of a line of code: it ends
 * in "{", "}" or ";", opens with a comment mark ("//", or "/" and "*"),
 * or holds an operator prose does not write (":=", "==", "=>", "->",
 * "&&", "||") or a call (a name glued to "(", the line ending in ")" or
 * ","). */
static bool code_line(const char *s, size_t len)
{
	size_t i, j;
	bool call = false;
	unsigned m;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (len == 0)
		return false;
	if (s[len - 1] == '{' || s[len - 1] == '}' || s[len - 1] == ';')
		return true;
	if (len >= 2 && s[0] == '/' && (s[1] == '/' || s[1] == '*'))
		return true;
	/* the pairs are found by their second bytes, sixteen at a time */
	for (j = 1; j < len; j += 16) {
		if (j + 16 <= len) {
			cd_b16 v = cd_b16_load(s + j);

			m = cd_b16_eq(v, '=') | cd_b16_eq(v, '>') |
			    cd_b16_eq(v, '&') | cd_b16_eq(v, '|') |
			    cd_b16_eq(v, '(');
		} else if (len >= 17) {
			/* the tail: the last sixteen, less those read */
			cd_b16 v = cd_b16_load(s + len - 16);

			m = (cd_b16_eq(v, '=') | cd_b16_eq(v, '>') |
			     cd_b16_eq(v, '&') | cd_b16_eq(v, '|') |
			     cd_b16_eq(v, '(')) >> (j - (len - 16));
		} else {
			for (m = 0, i = j; i < len; i++)	/* the tail */
				m |= (unsigned)(s[i] == '=' || s[i] == '>' ||
						s[i] == '&' || s[i] == '|' ||
						s[i] == '(') << (i - j);
		}
		for (; m; m &= m - 1) {
			i = j + (unsigned)__builtin_ctz(m) - 1;
			if (code_pair(s[i], s[i + 1], &call))
				return true;
		}
	}
	return call && (s[len - 1] == ')' || s[len - 1] == ',');
}

/* A line of code runs to at most this many bytes. */
#define CD_CODE_BYTES 200

/* True when unit u can be a line of a listing of code: a line that goes
 * against the body (no prose), short, no rule match, block or end
 * marker, with the marks of code. */
static bool code_unit(const struct cd_boiler_doc *d, const struct cd_unit *u)
{
	return u->score < 0 && u->len <= CD_CODE_BYTES && !u->why &&
	       !u->block && !u->end && code_line(d->norm.p + u->off, u->len);
}

/* A listing of code in an article (CD_CODE_LINES lines of code or more,
 * one other short line between two of them at most) weighs nothing in
 * the body search, announced or not: it is no menu that ends the
 * article, and the prose after it stays with the body.  (Unannounced,
 * its lines still go as a run of short lines: gold texts differ on
 * listings.) */
static void mark_code(struct cd_boiler_doc *d)
{
	size_t i = 0, j, end, n, k;

	while (i < d->nu) {
		if (!code_unit(d, &d->u[i])) {
			i++;
			continue;
		}
		n = 0;
		end = i;
		for (j = i; j < d->nu && j <= end + 1; j++) {
			if (code_unit(d, &d->u[j])) {
				n++;
				end = j + 1;
			} else if (d->u[j].cls == CD_U_GOOD || d->u[j].why ||
				   d->u[j].block || d->u[j].end) {
				break;
			}
		}
		if (n >= CD_CODE_LINES)
			for (k = i; k < end; k++)
				if (d->u[k].score < 0)
					d->u[k].score = 0;
		i = end > i ? end : i + 1;
	}
}

/* Score every unit for the body search (see find_body); returns true
 * when some unit that is not a record scores above zero: the text has
 * prose. */
static bool score_units(struct cd_boiler_doc *d)
{
	bool prose = false;
	size_t i;

	mark_records(d);
	for (i = 0; i < d->nu; i++) {
		struct cd_unit *u = &d->u[i];

		/* a repeated paragraph is neutral, a repeated short line
		 * (a date, a share bar) marks a list of teasers */
		u->score = u->dup && (u->cls == CD_U_GOOD || u->cls == CD_U_NEAR) ?
			   0 : unit_score(u);
		if (u->dup && cd_bl_title_shape(u, d->norm.p + u->off))
			u->score = 0;	/* the headline again, not a list */
		if (u->block)
			u->score = 0;
		prose |= u->score > 0 && !u->record;
		if (u->record)	/* data, weighing like a short sentence */
			u->score = (long)u->weight / 3;
		if (u->table)	/* the page's data itself: more */
			u->score = 2 * (long)u->weight / 3;
		if (u->score > 0)	/* footers and comments come late */
			u->score = u->score * (long)(2 * d->nu - i) /
				   (long)(2 * d->nu);
	}
	mark_shown(d);
	mark_code(d);
	return prose;
}

/* The run of units of d with the largest total of score(d, i) (the
 * maximum subarray): its total, with the run in [*lo, *hi) when that is
 * above zero (else *lo and *hi are left as they are). */
static long best_run(const struct cd_boiler_doc *d,
		     long (*score)(const struct cd_boiler_doc *, size_t),
		     size_t *lo, size_t *hi)
{
	long best = 0, sum = 0;
	size_t start = 0, i;

	for (i = 0; i < d->nu; i++) {
		if (sum <= 0) {
			sum = 0;
			start = i;
		}
		sum += score(d, i);
		if (sum > best) {
			best = sum;
			*lo = start;
			*hi = i + 1;
		}
	}
	return best;
}

/* The body-search score of unit i. */
static long body_score(const struct cd_boiler_doc *d, size_t i)
{
	return d->u[i].score;
}

/* A small body widens over the densest run of prose with what goes
 * against it weighing 1/CD_EXTEND_DIV... */
#define CD_EXTEND_DIV 4
/* ...when it holds under this share (percent) of the document's prose. */
#define CD_EXTEND_SHARE 50

/* True when the body [lo, hi) holds under CD_EXTEND_SHARE percent of the
 * positive score of the document. */
static bool small_body(const struct cd_boiler_doc *d)
{
	long in = 0, all = 0;
	size_t i;

	for (i = 0; i < d->nu; i++) {
		if (d->u[i].score <= 0)
			continue;
		all += d->u[i].score;
		if (i >= d->lo && i < d->hi)
			in += d->u[i].score;
	}
	return 100 * in < CD_EXTEND_SHARE * all;
}

/* The body-search score of unit i, what goes against prose weighing
 * 1/CD_EXTEND_DIV. */
static long quarter_score(const struct cd_boiler_doc *d, size_t i)
{
	long sc = d->u[i].score;

	return sc < 0 ? sc / CD_EXTEND_DIV : sc;
}

/* Widen a small body to take in the run of units with the largest
 * total score when what goes against prose weighs a quarter: an article
 * cut into parts by lists, pictures, tables and headings, where the
 * densest part holds only a piece of it. */
static void extend_body(struct cd_boiler_doc *d)
{
	size_t lo = d->lo, hi = d->hi;

	if (!small_body(d))
		return;
	best_run(d, quarter_score, &lo, &hi);
	d->lo = lo < d->lo ? lo : d->lo;
	d->hi = hi > d->hi ? hi : d->hi;
}

/* True when unit u is a point of a list the article makes (list_point)
 * that no rule or repeat marks. */
static bool own_point(const struct cd_boiler_doc *d, const struct cd_unit *u)
{
	return list_point(d, u) && !u->why && !u->dup;
}

/* True when the first (ASCII) letter of unit u is a small one ("• book
 * the van"): a step of a checklist, never a headline. */
static bool starts_small(const struct cd_boiler_doc *d,
			 const struct cd_unit *u)
{
	const char *s = d->norm.p + u->off;
	size_t i;

	for (i = 0; i < u->len; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return true;
		else if (s[i] >= 'A' && s[i] <= 'Z')
			return false;
	return false;
}

/*
 * Widen the body over the list that follows it when the article is that
 * list (a checklist, a how-to of steps under a short introduction): the
 * run from the body's end with the largest total when points of a list
 * (list_point) count as prose, up to an end marker or a block of links,
 * when its points weigh half as much again as the body's prose, or as
 * much when most of them start in lower case.  Sentence-case headlines of
 * other stories under a short story ("Police appeal for witnesses after a
 * crash") can weigh as much as it; they do not clearly outweigh it.
 */
static void extend_points(struct cd_boiler_doc *d)
{
	long sum = 0, best = 0, body = 0, pts = 0, best_pts = 0;
	long low = 0, best_low = 0;
	size_t i, end = d->hi;

	for (i = d->lo; i < d->hi; i++)
		if (d->u[i].score > 0)
			body += d->u[i].score;
	for (i = d->hi; i < d->nu && !d->u[i].end && !d->u[i].block; i++) {
		const struct cd_unit *u = &d->u[i];

		if (own_point(d, u)) {
			sum += (long)u->weight;
			pts += (long)u->weight;
			if (starts_small(d, u))
				low += (long)u->weight;
		} else {
			sum += u->score;
		}
		if (sum > best) {
			best = sum;
			best_pts = pts;
			best_low = low;
			end = i + 1;
		}
	}
	if (2 * best_pts >= 3 * body ||
	    (best_pts >= body && 2 * best_low >= best_pts))
		d->hi = end;
}

/*
 * The body is the run of units with the largest total score (the maximum
 * subarray): long prose paragraphs pull it in, menus, link lists and
 * credits push it out, and a repeat counts for nothing.  With no prose at
 * all the whole text is the body: when in doubt, keep.
 */
static void find_body(struct cd_boiler_doc *d)
{
	size_t i;

	d->lo = 0;
	d->hi = d->nu;
	d->prose = score_units(d);
	if (!d->prose)
		return;
	best_run(d, body_score, &d->lo, &d->hi);
	extend_body(d);
	extend_points(d);
	join_records(d);
	/* a closing short sentence ("The next decision is due on April
	 * 16.") is the article's, not the page's, and so is the rest of a
	 * sentence cut by a line break */
	for (i = 0; i < 3 && d->hi < d->nu &&
	     (short_sentence(&d->u[d->hi]) || goes_on(d, d->hi)); i++)
		d->hi++;
	/* the list items the body's last line announces, and what else it
	 * shows: a listing, a table */
	if (d->hi > d->lo && announces(d, d->hi - 1)) {
		while (d->hi < d->nu && announced_item(&d->u[d->hi]))
			d->u[d->hi++].record = true;
		for (i = shown_end(d, d->hi - 1); d->hi < i &&
		     listed(d, &d->u[d->hi]); d->hi++)
			d->u[d->hi].record = !d->u[d->hi].why;
	}
}

/* A list has at least this many records... */
#define CD_RECORDS 4
/* ...and a long one, the data a page gives (a season's race dates, a
 * table of results), at least this many. */
#define CD_TABLE 12

/* True when unit u can be one record of a list: a short line of three
 * words or more that no rule, shape or repeat marks. */
static bool record_shape(const struct cd_unit *u)
{
	return (u->cls == CD_U_SHORT || u->cls == CD_U_NEAR) && !u->why &&
	       !u->dup && !u->block && !u->end && u->words >= 3;
}

/* The punctuation record_layout reads, filled once (pthread_once, as
 * bio_first: two threads may clean at once). */
static bool mark[256];
static pthread_once_t mark_once = PTHREAD_ONCE_INIT;

static void mark_fill(void)
{
	static const char marks[] = "()[]:,;/|@#$%&+=<>*\"";
	size_t i;

	for (i = 0; marks[i]; i++)
		mark[(unsigned char)marks[i]] = true;
}

/* The punctuation that lays out the fields of a record, folded to a
 * number: parentheses, colons, commas, slashes and the like, each run
 * counted once; word-internal marks (' . -) say nothing of the layout. */
static uint64_t record_layout(const char *s, size_t len)
{
	uint64_t h = 0;
	size_t i;
	unsigned char last = 0;
	unsigned m;

	pthread_once(&mark_once, mark_fill);
	/* the marks are ASCII punctuation: only those bytes are read, found
	 * sixteen at a time (letters, digits, spaces and the bytes of other
	 * scripts are most of a line) */
	for (i = 0; i < len; i += 16) {
		if (i + 16 <= len) {
			cd_b16 v = cd_b16_load(s + i);

			m = ~(cd_b16_alnum(v) | cd_b16_high(v) |
			      cd_b16_below(v, 0x21)) & 0xFFFF;
		} else {
			m = (1u << (len - i)) - 1;	/* the tail, byte by byte */
		}
		for (; m; m &= m - 1) {
			unsigned char c = (unsigned char)
					  s[i + (unsigned)__builtin_ctz(m)];

			if (c == last || !mark[c])
				continue;
			h = (h << 5 | h >> 59) ^ c;
			last = c;
		}
	}
	return h;
}

/* The kind of record unit u is, 0 for none: 1 when a digit comes among
 * its first bytes after a bullet ("June 9 -- Venue, City", "1 Kyle Busch
 * 5040 5 1", "3) Blade Runner (4K)"), else a number naming the layout of
 * its punctuation ("England (Group A): 10th appearance"), else 0. */
static uint64_t record_kind(const struct cd_boiler_doc *d,
			    const struct cd_unit *u)
{
	const char *s = d->norm.p + u->off;
	size_t i = cd_bl_bullet_len(s, u->len), n = i + 14;
	uint64_t h;

	if (!record_shape(u))
		return 0;
	if (u->len - i >= 16) {	/* the fourteen bytes at once */
		if (cd_b16_bits(cd_b16_is_digit(cd_b16_load(s + i))) & 0x3FFF)
			return 1;
	} else {
		for (; i < u->len && i < n; i++)
			if (s[i] >= '0' && s[i] <= '9')
				return 1;
	}
	h = record_layout(s, u->len);
	return h > 1 ? h : 0;
}

/* True when unit u may sit between two records without ending their list
 * (an image placeholder, a bare address: a product link). */
static bool record_gap(const struct cd_unit *u)
{
	return u->image || (u->why && strcmp(u->why, "url") == 0);
}

/* The end of the list of records starting at unit i: the unit after its
 * last record, when at least CD_RECORDS records of the kind of unit i
 * follow each other with at most two record_gap units between two of
 * them; else i.  kind[] holds the record_kind of every unit. */
static size_t record_run(const struct cd_boiler_doc *d, const uint64_t *kind,
			 size_t i)
{
	size_t j, n = 0, end = i;

	if (!kind[i])
		return i;
	for (j = i; j < d->nu && j <= end + 2; j++) {
		if (kind[j] == kind[i]) {
			n++;
			end = j + 1;
		} else if (!record_gap(&d->u[j])) {
			break;
		}
	}
	return n >= CD_RECORDS ? end : i;
}

/* Mark the records of every list of records (see record_run), and as
 * table those of a list of CD_TABLE records or more. */
static void mark_records(struct cd_boiler_doc *d)
{
	uint64_t *kind = d->set;	/* free once mark_dups is done */
	size_t i, j, k, n;

	for (i = 0; i < d->nu; i++)
		kind[i] = record_kind(d, &d->u[i]);
	i = 0;
	while (i < d->nu) {
		j = record_run(d, kind, i);
		if (j == i) {
			i++;
			continue;
		}
		for (k = i, n = 0; k < j; k++) {
			d->u[k].record = !record_gap(&d->u[k]);
			n += d->u[k].record;
		}
		for (k = i; n >= CD_TABLE && k < j; k++)
			d->u[k].table = d->u[k].record;
		i = j;
	}
}

/* The end of the list whose first record is unit i: the unit after its
 * last record. */
static size_t records_end(const struct cd_boiler_doc *d, size_t i)
{
	size_t j, end = i;

	for (j = i; j < d->nu && j <= end + 2; j++) {
		if (d->u[j].record)
			end = j + 1;
		else if (!record_gap(&d->u[j]))
			break;
	}
	return end;
}

/*
 * Lists of records are the article's data (a tour's dates, a table of
 * results, numbered picks), however short and unpunctuated their lines:
 * they weigh nothing in the body search, the menu test leaves them
 * alone, and the body extends over a list that it holds the start of, or
 * that starts at most two units after it (the article announces it:
 * "Tour dates:", a heading); and back over one that ends in it or at most
 * two units before it.
 */
static void join_records(struct cd_boiler_doc *d)
{
	size_t i = 0, j, lo = d->lo, hi = d->hi;

	while (i < d->nu) {
		if (!d->u[i].record) {
			i++;
			continue;
		}
		j = records_end(d, i);
		if (i <= d->hi + 2 && j > hi && j > d->lo)
			hi = j;
		if (j + 2 >= d->lo && i < lo && i < d->hi)
			lo = i;
		i = j;
	}
	d->lo = lo;
	d->hi = hi;
}

/* A point of a list the article makes has at least this many words. */
#define CD_POINT_WORDS 6

/* True when unit u is a point of a list the article makes: a list item of
 * CD_POINT_WORDS words or more, half of them or more starting with a
 * small letter ("• Book the venue a year before the day"), not a link
 * to another article or a menu entry, whose words are capitalised. */
static bool list_point(const struct cd_boiler_doc *d, const struct cd_unit *u)
{
	const char *s = d->norm.p + u->off;
	size_t i, small = 0;

	if (!u->bullet || u->words < CD_POINT_WORDS)
		return false;
	for (i = 1; i < u->len; i++)
		if (s[i - 1] == ' ' && s[i] >= 'a' && s[i] <= 'z')
			small++;
	return 2 * small >= u->words;
}

/* True when unit u can belong to a menu or a list of headlines: a short
 * line without sentence punctuation, or a list item, but no point of a
 * list the article makes. */
static bool menu_like(const struct cd_boiler_doc *d, const struct cd_unit *u)
{
	return !u->record && !list_point(d, u) &&
	       ((u->cls == CD_U_SHORT && !u->punct) ||
		(u->bullet && u->cls == CD_U_BAD && !u->why));
}

/* True when unit i announces a list: a line of three words or more,
 * matched by no rule, that ends with a colon or a spaced ellipsis ("Here
 * is what changed:", "If you are ..."), not an ellipsis cutting a teaser
 * short ("Good morning! This is the news you need to..."). */
static bool announces(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i];
	const char *s = d->norm.p + u->off;
	size_t n = u->len;

	if (u->words < 3 || u->why || u->bullet)
		return false;
	return s[n - 1] == ':' ||
	       (n >= 4 && memcmp(s + n - 4, " \xe2\x80\xa6", 4) == 0) ||
	       (n >= 3 && memcmp(s + n - 3, "\xef\xbc\x9a", 3) == 0);
}

/* Mark as records the menu-like units that follow a line announcing a
 * list inside the body ("Here is what changed:" and its bullets). */
static void mark_announced(struct cd_boiler_doc *d)
{
	size_t i, j;

	for (i = d->lo; i + 1 < d->hi; i++) {
		if (!d->u[i].keep || !announces(d, i))
			continue;
		for (j = i + 1; j < d->hi && menu_like(d, &d->u[j]) &&
		     !d->u[j].dup; j++)
			d->u[j].record = true;
	}
}

/* Remove runs of three or more menu-like units in the body (navigation,
 * lists of other headlines); units already removed do not break a run.
 * A single short line (a subheading) stays. */
static void drop_short_runs(struct cd_boiler_doc *d)
{
	size_t i = d->lo, j, n;

	while (i < d->hi) {
		if (!d->u[i].keep || !menu_like(d, &d->u[i])) {
			i++;
			continue;
		}
		for (j = i, n = 0; j < d->hi; j++) {
			if (!d->u[j].keep)
				continue;
			if (!menu_like(d, &d->u[j]))
				break;
			n++;
		}
		if (n >= 3)
			for (; i < j; i++)
				cd_bl_drop(d, i, "short-run");
		i = j;
	}
}

/* The words of a line about a writer: the verbs that open it after the
 * name ("is a", "is an", "is the", "has been", "writes", "covers"), and
 * the words of the trade it names ("writer", "reporter").  A wide one, of
 * what a profile also says ("holds", "has over"; "founder", "director"),
 * holds only after a name the article has not used.  The verbs come
 * first: bio_kind reads them up to the first word that is none. */
static const struct bio_word {
	const char *w;
	bool verb, wide;
} bio_words[] = {
	{ "is a ", 1, 0 }, { "is an ", 1, 0 }, { "is the ", 1, 0 },
	{ "has been ", 1, 0 }, { "writes ", 1, 0 }, { "covers ", 1, 0 },
	{ "holds ", 1, 1 }, { "founded ", 1, 1 }, { "co-founded ", 1, 1 },
	{ "has over ", 1, 1 }, { "has more than ", 1, 1 }, { "leads ", 1, 1 },
	{ "serves as ", 1, 1 }, { "joined ", 1, 1 }, { "brings ", 1, 1 },
	{ "has written ", 1, 1 }, { "is passionate ", 1, 1 },
	{ "writer", 0, 0 }, { "editor", 0, 0 }, { "reporter", 0, 0 },
	{ "journalist", 0, 0 }, { "correspondent", 0, 0 },
	{ "columnist", 0, 0 }, { "contributor", 0, 0 }, { "author", 0, 0 },
	{ "blogger", 0, 0 }, { "freelance", 0, 0 },
	{ "photographer", 0, 0 }, { "podcaster", 0, 0 },
	{ "founder", 0, 1 }, { "ceo ", 0, 1 }, { "director", 0, 1 },
	{ "manager", 0, 1 }, { "head of", 0, 1 }, { "specialist", 0, 1 },
	{ "expert", 0, 1 }, { "consultant", 0, 1 },
	{ "years of experience", 0, 1 }, { "enthusiast", 0, 1 },
	{ "professor", 0, 1 }, { "analyst", 0, 1 }, { "strategist", 0, 1 },
	{ "executive", 0, 1 }, { "owner", 0, 1 }, { "marketer", 0, 1 },
	{ "passion", 0, 1 },
};

#define CD_BIO_WORDS (sizeof(bio_words) / sizeof(bio_words[0]))

/* The first word of a trade (a bio_words entry that is no verb) that
 * s[0..len) holds, or NULL. */
static const struct bio_word *bio_trade(const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < CD_BIO_WORDS; k++)
		if (!bio_words[k].verb &&
		    cd_text_ifind(s, len, bio_words[k].w,
				  strlen(bio_words[k].w)) != (size_t)-1)
			return &bio_words[k];
	return NULL;
}

/* True when s[0..len) speaks of a person after its first sentence: "He",
 * "She", "his" or "her" as a word. */
static bool person(const char *s, size_t len)
{
	static const char *const words[] = { " He ", " She ", " his ", " her " };
	size_t k;

	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (memmem(s, len, words[k], strlen(words[k])))
			return true;
	return false;
}

/* The first bytes of the verbs of bio_words, filled once (pthread_once,
 * as fp.c's tables). */
static bool bio_first[256];
static pthread_once_t bio_first_once = PTHREAD_ONCE_INIT;

static void bio_first_fill(void)
{
	size_t k;

	for (k = 0; bio_words[k].verb; k++)
		bio_first[(unsigned char)bio_words[k].w[0]] = true;
}

/* True when some verb of bio_words starts with the byte c (lower case). */
static bool bio_verb_byte(unsigned char c)
{
	pthread_once(&bio_first_once, bio_first_fill);
	return bio_first[c];
}

/* The shape of a line about the writer (bio_shape): 0 for none, 1 when
 * it holds whoever the name is, 2 when it holds only for a name the
 * article has not used.  The first name word is s[*at..*at + *name):
 * after a "Dr." that opens the line. */
static int bio_kind(const struct cd_unit *u, const char *s, size_t *at,
		    size_t *name)
{
	const struct bio_word *trade;
	size_t i = 0, k, n = 0;
	int kind = 1;
	unsigned char c;

	if (u->chars < 30 || u->chars > 700 || !(s[0] >= 'A' && s[0] <= 'Z') ||
	    s[u->len - 1] == '?')
		return 0;
	if (u->len > 4 && (memcmp(s, "Dr. ", 4) == 0 || memcmp(s, "Dr ", 3) == 0))
		i = s[2] == '.' ? 4 : 3;
	*at = i;
	*name = 0;
	while (n < 5 && i < u->len && ((s[i] >= 'A' && s[i] <= 'Z') ||
				       (n > 0 && s[i] == '(' && i + 1 < u->len &&
					s[i + 1] == '@'))) {
		const char *sp = memchr(s + i, ' ', u->len - i);

		if (!sp)
			return 0;
		if (n == 0)
			*name = (size_t)(sp - s) - *at;
		n += s[i] != '(';
		i = (size_t)(sp - s) + 1;
	}
	if (n < 1 || n > 4)
		return 0;
	if (i >= u->len)
		return 0;
	c = cd_text_lower((unsigned char)s[i]);
	if (!bio_verb_byte(c))
		return 0;	/* most words after a name: no verb of ours */
	for (k = 0; bio_words[k].verb; k++)	/* by the first byte first */
		if (c == bio_words[k].w[0] &&
		    u->len - i > strlen(bio_words[k].w) &&
		    cd_text_ieq(s + i, bio_words[k].w, strlen(bio_words[k].w)))
			break;
	if (!bio_words[k].verb)
		return 0;
	if (bio_words[k].wide || n < 2)
		kind = 2;
	if (n < 2 && !person(s, u->len))
		return 0;
	trade = bio_trade(s + i, u->len - i);
	return !trade ? 0 : trade->wide ? 2 : kind;
}

/* True when a kept prose paragraph among units [from, to) holds the word
 * w[0..n). */
static bool body_names(const struct cd_boiler_doc *d, size_t from, size_t to,
		       const char *w, size_t n)
{
	size_t j;

	for (j = from; j < to; j++) {
		const struct cd_unit *p = &d->u[j];

		if (p->keep && (p->cls == CD_U_GOOD || p->cls == CD_U_NEAR) &&
		    cd_text_ifind(d->norm.p + p->off, p->len, w, n) != (size_t)-1)
			return true;
	}
	return false;
}

/* A line about the writer: a name of two to four capitalised words (a
 * "(@handle)" after it allowed), then "is a", "is an", "is the", "has
 * been", "writes" or "covers", and a word of the trade ("Ann Lee is a
 * staff writer at the Courier covering courts."); or, for a name (one
 * word will do) that the body before it does not use, what a profile
 * says ("Ann holds a degree in law and has over 10 years of experience",
 * "Ann Lee is the founder of ...").  i is the unit's index. */
static bool bio_shape(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i];
	const char *s = d->norm.p + u->off;
	size_t at, name;
	int kind = bio_kind(u, s, &at, &name);

	return kind == 1 ||
	       (kind == 2 && !body_names(d, d->lo, i, s + at, name));
}

/* True when c is a letter or a byte of a character beyond ASCII. */
static bool name_char(char c)
{
	return cd_text_alpha((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* End of a word of a name starting at s[i] (a capital, then letters of
 * which one at least lower case: "Ann", "O'Neill", "Nadalim", not "NASA"),
 * or i when none starts there. */
static size_t name_word(const char *s, size_t len, size_t i)
{
	size_t j = i + 1;
	bool lower = false;

	if (i >= len || !(s[i] >= 'A' && s[i] <= 'Z'))
		return i;
	while (j < len && (name_char(s[j]) || s[j] == '-' || s[j] == '\'')) {
		lower |= s[j] >= 'a' && s[j] <= 'z';
		j++;
	}
	return lower && j - i >= 2 && (j == len || s[j] == ' ' || s[j] == ',')
		       ? j : i;
}

/* True when s[0..len) is an article ("The", "Die", "Los"): a heading of it
 * and a name names a thing ("The Coffee Belt"), not a person. */
static bool article(const char *s, size_t len)
{
	static const char *const words[] = {
		"the", "a", "an", "der", "die", "das", "le", "la", "les", "el",
		"los", "las", "il", "lo", "gli", "os", "as", "het", "een",
	};

	return cd_text_word_in(s, len, words, sizeof(words) / sizeof(words[0]));
}

/* True when unit j or the one after it holds a date. */
static bool dated(const struct cd_boiler_doc *d, size_t j)
{
	char iso[11];
	size_t k;

	for (k = j; k < j + 2 && k < d->nu; k++)
		if (cd_date_find(d->norm.p + d->u[k].off, d->u[k].len, iso))
			return true;
	return false;
}

/* True when unit u may be the short line writer_name() looks for: no
 * sentence, and room for a name of two words. */
static bool name_line(const struct cd_unit *u)
{
	return u->cls == CD_U_SHORT && !u->punct && u->len >= 5;
}

/* True when the name w[0..n) ends a short line that names the writer:
 * the byline, a line of at most five words before the body with a date in
 * it or under it ("May 3, 2026 Ann Lee"), or a heading of one word and the name within the three units
 * above unit i ("About Ann Lee", "Sobre Ann Lee"); never the title. */
static bool writer_name(const struct cd_boiler_doc *d, size_t i,
			const char *w, size_t n)
{
	size_t j;
	bool named = false;

	for (j = 0; j < i; j++) {
		const struct cd_unit *u = &d->u[j];
		const char *s = d->norm.p + u->off;
		bool before = (long)j == d->byline ||
			      (j < d->lo && u->words <= 5 &&
			       dated(d, j));

		if ((long)j == d->title &&
		    cd_text_ifind(s, u->len, w, n) != (size_t)-1)
			return false;
		if (named || u->cls != CD_U_SHORT || u->punct || u->len < n ||
		    !cd_text_ieq(s + u->len - n, w, n))
			continue;
		if (u->len == n) {
			named = before;
		} else if (u->len > n + 1 && s[u->len - n - 1] == ' ') {
			char c = s[u->len - n - 2];

			named = before ? c != '|' && c != '-'
				       : j + 3 >= i && name_char(s[0]) &&
						 name_char(c) &&
						 !memchr(s, ' ', u->len - n - 1) &&
						 !article(s, u->len - n - 1);
		}
	}
	return named;
}

/* True when s[0..len) holds the last word of a name_line() among the
 * units before unit i: writer_name() finds a name of two words or more
 * only at the end of such a line, so a name in s needs that word. */
static bool names_line_end(const struct cd_boiler_doc *d, size_t i,
			   const char *s, size_t len)
{
	size_t j, k;

	for (j = 0; j < i; j++) {
		const struct cd_unit *u = &d->u[j];
		const char *t = d->norm.p + u->off;

		if (!name_line(u))
			continue;
		for (k = u->len; k > 0 && t[k - 1] != ' '; k--)
			;
		if (cd_text_ifind(s, len, t + k, u->len - k) != (size_t)-1)
			return true;
	}
	return false;
}

/* A profile of the writer named in its first sentence: the name (two or
 * three capitalised words in a row) stands on a short line naming the
 * writer (writer_name) and in no other prose paragraph of the body
 * ("Pulitzer Prize-winning columnist Ann Lee writes ...", "Mother of two,
 * Ann Lee teaches ..." under "About Ann Lee").  *at and *n get the name. */
static bool bio_named(const struct cd_boiler_doc *d, size_t i, size_t *at,
		      size_t *n)
{
	const struct cd_unit *u = &d->u[i];
	const char *s = d->norm.p + u->off;
	size_t end, p = 0;

	if ((u->cls != CD_U_GOOD && u->cls != CD_U_NEAR) || u->chars > 1500)
		return false;
	end = cd_text_ifind(s, u->len, ". ", 2);
	if (end == (size_t)-1 || end > 300)
		end = u->len < 300 ? u->len : 300;
	if (!names_line_end(d, i, s, end))
		return false;	/* most profiles: no name line to match */
	while (p < end) {
		size_t prev = p, e = p, q, words = 0;

		while ((q = name_word(s, end, p)) > p) {
			if (words == 0)
				prev = p;
			e = q;
			words++;
			if (q + 1 >= end || s[q] != ' ')
				break;
			p = q + 1;
		}
		if (words >= 2 && words <= 3 && writer_name(d, i, s + prev, e - prev) &&
		    !body_names(d, d->lo, i, s + prev, e - prev) &&
		    !body_names(d, i + 1, d->hi, s + prev, e - prev)) {
			*at = prev;
			*n = e - prev;
			return true;
		}
		if (e > p)
			p = e;
		p += cd_b16_find(s + p, end - p, ' ');
		p++;
	}
	return false;
}

/* True when the profile at unit i sits under a line that is only a name
 * (two or three name words, unit i - 1) and opens with that name's first
 * word or with "I'm" / "I am", and names a trade ("Ann Lee" then "Ann is a
 * copywriter ...", "I'm Ann, a certified trainer ..."): the writer's box,
 * whether or not the byline named her (the name line may be gone already,
 * as the repeat of the picture's name).  The first name must not appear
 * in the prose of the body above. */
static bool bio_headed(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i], *h;
	const char *s = d->norm.p + u->off, *hs;
	size_t p = 0, q, words = 0, first = 0;

	if (i == 0 || (u->cls != CD_U_GOOD && u->cls != CD_U_NEAR) ||
	    u->chars < 30 || u->chars > 700)
		return false;
	h = &d->u[i - 1];
	hs = d->norm.p + h->off;
	if (h->cls != CD_U_SHORT || h->punct || h->words < 2 ||
	    h->words > 3)
		return false;
	while ((q = name_word(hs, h->len, p)) > p) {
		if (words++ == 0)
			first = q;
		if (q == h->len)
			break;
		if (hs[q] != ' ')
			return false;
		p = q + 1;
	}
	if (q != h->len || words != h->words)
		return false;
	if (!((u->len > first && cd_text_ieq(s, hs, first) &&
	       !name_char(s[first])) ||
	      memcmp(s, "I'm ", 4) == 0 || memcmp(s, "I am ", 5) == 0 ||
	      memcmp(s, "I\xe2\x80\x99m ", 6) == 0))	/* u->len >= 30 */
		return false;
	return !body_names(d, d->lo, i - 1, hs, first) &&
	       bio_trade(s, u->len) != NULL;
}

/* Remove the short lines among the three units above unit i that hold
 * the name w[0..n): the name heading of a profile and its picture. */
static void drop_name_lines(struct cd_boiler_doc *d, size_t i, const char *w,
			    size_t n)
{
	size_t j;

	for (j = i > 3 ? i - 3 : 0; j < i; j++) {
		const struct cd_unit *u = &d->u[j];

		if (u->keep && u->cls == CD_U_SHORT && u->words <= 6 &&
		    cd_text_ifind(d->norm.p + u->off, u->len, w, n) !=
			    (size_t)-1)
			cd_bl_drop(d, j, "bio");
	}
}

/* The first unit that may name the writer for any unit after it
 * (writer_name): a name_line() that is the byline or has at most five
 * words before the body; d->nu when there is none. */
static size_t first_name_line(const struct cd_boiler_doc *d)
{
	size_t j;

	for (j = 0; j < d->nu; j++)
		if (name_line(&d->u[j]) &&
		    ((long)j == d->byline || (j < d->lo && d->u[j].words <= 5)))
			return j;
	return d->nu;
}

/* True when a unit above unit i may name the writer (writer_name): one
 * from first (first_name_line) on, or a name_line() among the three
 * right above; bio_named() needs one, and most documents have none. */
static bool name_above(const struct cd_boiler_doc *d, size_t i, size_t first)
{
	size_t j;

	if (first < i)
		return true;
	for (j = i > 3 ? i - 3 : 0; j < i; j++)
		if (name_line(&d->u[j]))
			return true;
	return false;
}

/* A body ends with at most this many prose paragraphs after a line about
 * the writer. */
#define CD_BIO_TAIL 2

/*
 * Remove the lines about the writer near the end of the body (at most
 * CD_BIO_TAIL prose paragraphs after them), and the name heading right
 * above one, or the short lines with the name above a profile that names
 * the writer (bio_named) or stand as a name line over it (bio_headed): a
 * site prints them under every article, the article does not say them.
 */
static void drop_bio(struct cd_boiler_doc *d)
{
	size_t i, after = 0, at = 0, n = 0, first = first_name_line(d);

	for (i = d->hi; i > d->lo && after <= CD_BIO_TAIL; i--) {
		struct cd_unit *u = &d->u[i - 1];
		const char *s = d->norm.p + u->off;

		if (!u->keep)
			continue;
		if (name_above(d, i - 1, first) && bio_named(d, i - 1, &at, &n)) {
			cd_bl_drop(d, i - 1, "bio");
			drop_name_lines(d, i - 1, s + at, n);
			continue;
		}
		if (bio_headed(d, i - 1)) {
			cd_bl_drop(d, i - 1, "bio");
			drop_name_lines(d, i - 1, d->norm.p + d->u[i - 2].off,
					d->u[i - 2].len);
			continue;
		}
		if (u->cls == CD_U_SHORT || !bio_shape(d, i - 1)) {
			after += u->cls == CD_U_GOOD;
			continue;
		}
		cd_bl_drop(d, i - 1, "bio");
		if (i >= 2 && d->u[i - 2].keep && d->u[i - 2].cls == CD_U_SHORT &&
		    d->u[i - 2].len < u->len &&
		    memcmp(d->norm.p + d->u[i - 2].off, s, d->u[i - 2].len) == 0)
			cd_bl_drop(d, i - 2, "bio");
	}
}

/* Apply the rules inside the body: block headings and what follows them up
 * to the next prose paragraph, rule matches, bare addresses, list items,
 * repeats. */
static void body_rules(struct cd_boiler_doc *d)
{
	size_t i;

	mark_announced(d);
	for (i = d->lo; i < d->hi; i++) {
		struct cd_unit *u = &d->u[i];

		if (!u->keep)
			continue;
		if (u->block) {
			cd_bl_drop(d, i, NULL);
		} else if (u->dup) {
			cd_bl_drop(d, i, "repeat");
		} else if (u->cls == CD_U_BAD && !u->record) {
			cd_bl_drop(d, i, u->bullet && !u->why ? "list" : NULL);
		}
	}
	if (d->prose) {
		drop_short_runs(d);
		drop_bio(d);
	}
}

/* Teasers of other articles follow one another at most this many units
 * apart... */
#define CD_TEASER_GAP 8
/* ...and this many of them in a row end the article. */
#define CD_TEASERS 3

/* True when unit i dates a teaser of another article: a short line with
 * a date, right under a headline and a writer's name (two short lines,
 * the name of at most five words without punctuation) and over a
 * sentence ("Dam gives way / Ann Lee / May 3, 2026 / The dam ..."). */
static bool teaser_date(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i];
	char iso[11];

	if (i < 2 || i + 1 >= d->nu || u->chars > 40 || u->punct ||
	    u->cls != CD_U_SHORT)
		return false;
	if (d->u[i - 1].cls != CD_U_SHORT || d->u[i - 1].punct ||
	    d->u[i - 1].words > 5 || d->u[i - 2].cls != CD_U_SHORT ||
	    !d->u[i + 1].punct)
		return false;
	return cd_date_find(d->norm.p + u->off, u->len, iso);
}

/* True when unit u reads as the link under a teaser to its article
 * ("Read more", "Continue reading", "Learn more >"): a short line of
 * those words, a bullet before them and punctuation after them
 * ignored. */
static bool teaser_link(const struct cd_boiler_doc *d,
			const struct cd_unit *u)
{
	static const char *const links[] = {
		"read more", "read post", "read article", "read story",
		"read now", "keep reading", "continue reading", "learn more",
	};
	const char *s = d->norm.p + u->off;
	size_t b, n = u->len;

	if (u->words > 3 || u->chars > 24 || u->cls == CD_U_GOOD)
		return false;
	b = cd_bl_bullet_len(s, n);
	while (n > b && !cd_text_alpha((unsigned char)s[n - 1]))
		n--;
	return cd_text_word_in(s + b, n - b, links,
			       sizeof(links) / sizeof(links[0]));
}

/* The unit before unit i with the same text, at most CD_TEASER_GAP units
 * back and with exactly one prose paragraph (a teaser's excerpt) between
 * the two, or i when there is none. */
static size_t teaser_prev(const struct cd_boiler_doc *d, size_t i)
{
	size_t j, prose = 0;

	for (j = i; j-- > d->lo && i - j <= CD_TEASER_GAP;) {
		const struct cd_unit *u = &d->u[j];

		if (u->hash == d->u[i].hash)
			return prose == 1 ? j : i;
		if (u->cls == CD_U_GOOD || u->cls == CD_U_NEAR)
			prose++;
	}
	return i;
}

/* True when units [a, a + n) and [b, b + n) have the same classes. */
static bool same_shape(const struct cd_boiler_doc *d, size_t a, size_t b,
		       size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (d->u[a + k].cls != d->u[b + k].cls)
			return false;
	return true;
}

/* Where a grid of teasers linked by unit i starts: when units k < j < i
 * are the same link, each a teaser's excerpt after the one before
 * (teaser_prev), the first unit of the teaser that k closes (when the
 * units before k have the shape of those between k and j), else the
 * unit after k; i when they are not. */
static size_t teaser_grid(const struct cd_boiler_doc *d, size_t i)
{
	size_t j, k, p;

	if (!d->u[i].dup || !teaser_link(d, &d->u[i]))
		return i;
	if ((j = teaser_prev(d, i)) == i || (k = teaser_prev(d, j)) == j)
		return i;
	p = j - k;
	if (k >= d->lo + p - 1 && same_shape(d, k - p + 1, k + 1, p - 1))
		return k - p + 1;
	return k + 1;
}

/* A heading of links to other stories ends the body once this share
 * (percent) of the body's prose lies above it. */
#define CD_LINKS_END 80

/* True when unit u counts as prose for find_end: a kept paragraph or
 * shorter sentence. */
static bool end_prose(const struct cd_unit *u)
{
	return u->keep && (u->cls == CD_U_GOOD || u->cls == CD_U_NEAR);
}

/* True when unit i is the heading of a block of links to other stories
 * ("Related", "More stories"; see mark_blocks): a block unit that no
 * block unit precedes, no list item. */
static bool links_heading(const struct cd_boiler_doc *d, size_t i)
{
	return d->u[i].block && !d->u[i].bullet &&
	       (i == 0 || !d->u[i - 1].block);
}

/* The characters of the prose of units [i, end) (end_prose). */
static size_t prose_in(const struct cd_boiler_doc *d, size_t i, size_t end)
{
	size_t n = 0;

	for (; i < end; i++)
		if (end_prose(&d->u[i]))
			n += d->u[i].chars;
	return n;
}

/* The prose paragraphs looked at for a promise of what follows. */
#define CD_PROMISE_UNITS 3

/* True when s[0..len) has a sentence that points below it ("See the full
 * list below."), not to the readers' comments ("Leave a comment
 * below"). */
static bool points_below(const char *s, size_t len)
{
	size_t from = 0, at, a, z;

	while ((at = cd_text_ifind(s + from, len - from, "below", 5)) !=
	       (size_t)-1) {
		at += from;
		from = at + 5;
		if ((at > 0 && cd_text_alpha((unsigned char)s[at - 1])) ||
		    (from < len && cd_text_alpha((unsigned char)s[from])))
			continue;	/* inside a word */
		for (a = at; a > 0 && !strchr(".!?", s[a - 1]); a--)
			;
		for (z = from; z < len && !strchr(".!?", s[z]); z++)
			;
		if (cd_text_ifind(s + a, z - a, "comment", 7) == (size_t)-1)
			return true;
	}
	return false;
}

/* True when the body promises more than it holds above unit i: one of
 * the last CD_PROMISE_UNITS prose paragraphs above i points below
 * (points_below) and the units from i to the body's end outweigh the
 * prose above i.  What a links heading or a grid of teasers would cut
 * there is then the list the article announced (a roundup of products
 * or projects), not other stories. */
static bool promised(const struct cd_boiler_doc *d, size_t i)
{
	size_t j = i, n = 0, rest = 0, k;
	bool below = false;

	while (j-- > d->lo && n < CD_PROMISE_UNITS && !below) {
		if (!end_prose(&d->u[j]))
			continue;
		n++;
		below = points_below(d->norm.p + d->u[j].off, d->u[j].len);
	}
	if (!below)
		return false;
	for (k = i; k < d->hi; k++)
		rest += d->u[k].chars;
	return rest > prose_in(d, d->lo, i);
}

/* End the body at grid, the start of the grid of teasers that the link
 * at unit i closes (teaser_grid), when less of the body's prose follows
 * it than precedes it (a roundup of other articles is the article);
 * returns true when it did. */
static bool grid_cut(struct cd_boiler_doc *d, size_t i, size_t grid)
{
	if (grid == i || prose_in(d, grid, d->hi) >= prose_in(d, d->lo, grid))
		return false;
	d->hi = grid;
	return true;
}

/* Undo mark_blocks() for the block that unit i heads (a list the body
 * promised, see promised()): its units go back to the body's rules, with
 * the heading's rule taken off what was not boilerplate by itself. */
static void unblock(struct cd_boiler_doc *d, size_t i)
{
	const char *why = d->u[i].why;

	for (; i < d->nu && d->u[i].block; i++) {
		d->u[i].block = false;
		if (d->u[i].why == why && d->u[i].cls != CD_U_BAD)
			d->u[i].why = NULL;
	}
}

/*
 * End the body at the first end marker (a comments heading) that follows
 * at least 300 characters of prose in it (a tail rule's heading, of the
 * writer's box or the sources, only with less of the body's prose after
 * it than before: a byline heading over the article, under a standfirst,
 * ends nothing; comments may outweigh the article), at the first heading
 * of links to other stories that follows as much and CD_LINKS_END percent
 * of the body's prose (an article is told by then: what follows the links
 * is other stories, teasers, footers), at the headline of the first of
 * CD_TEASERS teasers of other articles in a row (a "More from" grid under
 * the article, each teaser dated), or at a grid of teasers each closed by
 * the same link (grid_cut).  The link closing the last teaser may lie
 * just past the body, which ends with its excerpt.  Where the body
 * promised() the list that such a heading or grid starts, neither ends it,
 * nor does anything after but an end marker, and the heading's block
 * stays.
 */
static void find_end(struct cd_boiler_doc *d)
{
	size_t i, prose = 0, all, first = 0, last = 0, run = 0;
	bool list = false;

	all = prose_in(d, d->lo, d->hi);
	for (i = d->lo; i < d->hi; i++) {
		const struct cd_unit *u = &d->u[i];
		bool links = links_heading(d, i) &&
			     100 * prose >= CD_LINKS_END * all;
		size_t grid = i;	/* the teaser grid i closes */

		if (prose >= 300 && !list) {
			size_t at = links ? i : (grid = teaser_grid(d, i));

			list = (links || at != i) && promised(d, at);
			if (list && links)
				unblock(d, i);
		}
		if (prose >= 300 &&
		    ((u->end && !u->bullet && (!u->tail || 2 * prose > all)) ||
		     (links && !list))) {
			d->hi = i;
			return;
		}
		if (prose >= 300 && !list && grid_cut(d, i, grid))
			return;
		if (prose >= 300 && !list && teaser_date(d, i)) {
			if (run == 0 || i - last > CD_TEASER_GAP) {
				first = i;
				run = 0;
			}
			last = i;
			if (++run == CD_TEASERS) {
				d->hi = first - 2;
				return;
			}
		}
		if (end_prose(u))
			prose += u->chars;
	}
	/* the last link under the body */
	if (prose >= 300 && !list && d->hi < d->nu)
		grid_cut(d, d->hi, teaser_grid(d, d->hi));
}

/* Remove what lies outside the body. */
static void drop_outside(struct cd_boiler_doc *d)
{
	size_t i;

	for (i = 0; i < d->lo; i++)
		cd_bl_drop(d, i, d->u[i].why ? NULL : "before-body");
	for (i = d->hi; i < d->nu; i++)
		cd_bl_drop(d, i, d->u[i].why ? NULL : "after-body");
}

/* A block the floor keeps has at least this much prose (weight). */
#define CD_FLOOR_MIN 200

/* The floor's weight of unit i: prose and long lines that read as
 * sentences (eight words or more, as a paragraph wrapped or laid out in
 * columns comes) count, even where a rule matched them; lifted metadata,
 * repeats, pictures, addresses, list items and short lines go against,
 * and an end marker (a comments heading) or a heading of links to other
 * stories is a wall no block of the floor crosses. */
static long floor_score(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i];

	if (u->end || links_heading(d, i))
		return -(long)CD_FLOOR_MIN * 1000;
	if ((long)i == d->title || (long)i == d->byline ||
	    (long)i == d->dateline || u->dup || u->image || u->bullet ||
	    u->markup)
		return -60;
	if (u->punct ? u->weight >= 40 : u->words >= 8)
		return (long)u->weight;
	return -20;
}

/* The floor also keeps its block when the kept prose (by floor_score)
 * weighs under 1/CD_FLOOR_SHARE of that block's: a body search that took
 * a piece of the article (a late heading, an early end) and left the
 * rest. */
#define CD_FLOOR_SHARE 3

/* The weight of d's kept units in [lo, hi) that the floor counts as
 * prose (floor_score above zero), or of all of them when all is true. */
static long floor_weight(const struct cd_boiler_doc *d, size_t lo, size_t hi,
			 bool all)
{
	long w = 0;
	size_t i;

	for (i = lo; i < hi; i++)
		if ((all || d->u[i].keep) && floor_score(d, i) > 0)
			w += (long)d->u[i].weight;
	return w;
}

/* True when a kept unit of d in [lo, hi) is prose (a paragraph, or a
 * sentence unless para) or a record of a list the article is (unless
 * para). */
static bool kept_prose(const struct cd_boiler_doc *d, size_t lo, size_t hi,
		       bool para)
{
	size_t i;

	for (i = lo; i < hi; i++)
		if (d->u[i].keep && (d->u[i].cls == CD_U_GOOD ||
				     (!para && (d->u[i].cls == CD_U_NEAR ||
						d->u[i].record))))
			return true;
	return false;
}

/* True when unit i is a short line (no list item, no picture, no
 * metadata) that ends the sentence the kept line above it broke off: a
 * paragraph wrapped, which the floor keeps whole. */
static bool floor_rest(const struct cd_boiler_doc *d, size_t i)
{
	long sc = floor_score(d, i);

	return i > 0 && d->u[i - 1].keep && !d->u[i - 1].punct &&
	       d->u[i].punct && sc < 0 && sc > -60;
}

/*
 * The floor under the body (SPEC: never lose the article): when no prose
 * is kept (CD_FLOOR_EMPTY), or the kept prose weighs under
 * 1/CD_FLOOR_SHARE of the prose of the run of units with the most prose
 * by floor_score (CD_FLOOR_SHORT), keep that run, if it has CD_FLOOR_MIN
 * of it, marking its units floor.  A run wholly below a body that kept a
 * paragraph is the readers' comments, not the rest of the article: the
 * floor leaves it.
 */
static void body_floor(struct cd_boiler_doc *d)
{
	size_t lo = 0, hi = 0, i;
	bool empty = !kept_prose(d, 0, d->nu, false);

	if (best_run(d, floor_score, &lo, &hi) < CD_FLOOR_MIN)
		return;
	if (!empty && ((lo >= d->hi && kept_prose(d, d->lo, d->hi, true)) ||
		       CD_FLOOR_SHARE * floor_weight(d, 0, d->nu, false) >=
		       floor_weight(d, lo, hi, true)))
		return;
	for (i = lo; i < hi || (i < d->nu && floor_rest(d, i)); i++) {
		if (d->u[i].keep || (floor_score(d, i) < 0 &&
				     !(i > lo && floor_rest(d, i))))
			continue;
		d->u[i].keep = d->u[i].floor = true;
		d->floor++;
	}
	if (d->floor)
		d->floor_why = empty ? CD_FLOOR_EMPTY : CD_FLOOR_SHORT;
}

/* The article's signature: the smallest hash of its kept prose paragraphs
 * (copies of one article share most of them, and so this minimum), leaving
 * out the first and the last when there are three or more, as shared
 * boilerplate prose sits at the edges; else a sum over all its units. */
static uint64_t doc_sig(const struct cd_boiler_doc *d)
{
	uint64_t min = UINT64_MAX, sum = 0;
	size_t i, n = 0, k = 0;

	for (i = 0; i < d->nu; i++)
		if (d->u[i].keep && d->u[i].cls == CD_U_GOOD)
			n++;
	for (i = 0; i < d->nu; i++) {
		sum += d->u[i].hash;
		if (!d->u[i].keep || d->u[i].cls != CD_U_GOOD)
			continue;
		k++;
		if ((n < 3 || (k > 1 && k < n)) && d->u[i].hash < min)
			min = d->u[i].hash;
	}
	return min != UINT64_MAX ? min : sum;
}

void cd_boiler_clean(const struct cd_boiler_rules *rs, const char *text,
		     size_t len, struct cd_boiler_doc *d)
{
	size_t nl = 0;
	bool ind, ascii, marks;

	cd_buf_reset(&d->norm);
	d->nu = d->lo = d->hi = d->floor = 0;
	d->floor_why = CD_FLOOR_NONE;
	d->title = d->byline = d->dateline = -1;
	d->title_cut = 0;
	d->date[0] = '\0';
	cd_buf_reset(&d->cols);
	d->columns = cd_columns_reflow(text, len, &d->cols);
	if (d->columns) {
		text = d->cols.p;
		len = d->cols.len;
	}
	/* the line ends go to the set, free until mark_dups */
	ascii = cd_text_normalize_lines(text, len, &d->norm, &d->set,
					&d->setcap, &nl, &marks);
	if (marks)	/* the dumpers' marks are not text */
		d->norm.len = cd_marks_strip(d->norm.p, d->norm.len, 0, d->set,
					     0, nl);
	cd_bl_split_units(d, nl, ascii);
	cd_bl_date_header(d);
	/* the hash set of mark_dups, of a document held long ago: it loads
	 * while the units are classified */
	cd_prefetch(d->set, (set_slots(d) < d->setcap ? set_slots(d) :
			     d->setcap) * sizeof(*d->set));
	ind = mostly_indented(d);
	cd_bl_classify(rs, d, ind);
	if (d->warm)
		cd_boiler_corpus_prefetch(d->warm, d);
	mark_dups(d);
	mark_head_links(d);
	mark_posts(d);
	mark_blocks(d);
	find_body(d);
	find_end(d);
	cd_bl_lift_meta(d);
	cd_bl_drop_title_repeats(d);
	body_rules(d);
	drop_outside(d);
	body_floor(d);
	d->sig = doc_sig(d);
}

void cd_boiler_text(const struct cd_boiler_doc *d, struct cd_buf *out)
{
	bool first = true;
	size_t i;

	for (i = 0; i < d->nu; i++) {
		if (!d->u[i].keep)
			continue;
		if (!first)
			cd_buf_add(out, "\n\n", 2);
		cd_buf_add(out, d->norm.p + d->u[i].off, d->u[i].len);
		first = false;
	}
}

size_t cd_boiler_text_json_units(const struct cd_boiler_doc *d,
				 struct cd_buf *out, struct cd_corpus_unit *ku)
{
	size_t i, open, n = 0;

	for (i = 0; i < d->nu; i++) {
		const struct cd_unit *u = &d->u[i];

		if (!u->keep)
			continue;
		if (n) {
			/* "\n\n": its last byte goes where the quote that
			 * opens the escaped unit lands */
			out->len--;
			cd_buf_add(out, "\\n\\", 3);
			open = out->len;
			cd_buf_add_json(out, d->norm.p + u->off, u->len);
			out->p[open] = 'n';
		} else {
			open = out->len;
			cd_buf_add_json(out, d->norm.p + u->off, u->len);
		}
		if (ku)
			ku[n] = (struct cd_corpus_unit){
				u->hash, (uint32_t)(open + 1),
				(uint32_t)(out->len - open - 2),
				cd_unit_prose(u), false };
		n++;
	}
	if (!n)
		cd_buf_add_json(out, "", 0);
	return n;
}

/* Append the JSON array of the units of d for which pick holds, each as
 * {"text": ..., "rule": why}, in text order; the site's name cut off the
 * title (title_cut) follows the title as "title-site". */
static void units_json(const struct cd_boiler_doc *d, struct cd_buf *out,
		       bool (*pick)(const struct cd_unit *))
{
	bool first = true;
	size_t i;

	cd_buf_addc(out, '[');
	for (i = 0; i < d->nu; i++) {
		const struct cd_unit *u = &d->u[i];

		if (!pick(u))
			continue;
		if (!first)
			cd_buf_addc(out, ',');
		cd_buf_adds(out, "{\"text\":");
		cd_buf_add_json(out, d->norm.p + u->off, u->len);
		cd_buf_adds(out, ",\"rule\":");
		cd_buf_add_json(out, u->why, strlen(u->why));
		cd_buf_addc(out, '}');
		first = false;
		if ((long)i == d->title && d->title_cut) {
			const char *c = d->norm.p + u->off + u->len;
			size_t n = d->title_cut;

			for (; n && *c == ' '; n--)
				c++;
			cd_buf_adds(out, ",{\"text\":");
			cd_buf_add_json(out, c, n);
			cd_buf_adds(out, ",\"rule\":\"title-site\"}");
		}
	}
	cd_buf_addc(out, ']');
}

/* True when unit u was removed. */
static bool removed(const struct cd_unit *u)
{
	return !u->keep;
}

/* True when the floor kept unit u. */
static bool floored(const struct cd_unit *u)
{
	return u->keep && u->floor;
}

void cd_boiler_removed_json(const struct cd_boiler_doc *d, struct cd_buf *out)
{
	units_json(d, out, removed);
}

void cd_boiler_floor_json(const struct cd_boiler_doc *d, struct cd_buf *out)
{
	units_json(d, out, floored);
}
