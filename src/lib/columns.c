/*
 * columns.c - find regions of text laid out in columns and read them one
 * column at a time (see columns.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "bytes.h"
#include "columns.h"
#include "utf8.h"

/* Columns inside columns are read down to this depth. */
#define CD_COL_DEPTH 3
/* Lines are joined into paragraphs only in columns this wide or more:
 * narrower ones hold lists and boxes, not prose. */
#define CD_COL_PROSE 36
/* A column is this wide at least: two gutters closer make one. */
#define CD_COL_NARROW 4
/* A region ends after this many lines in a row with ink in the first
 * column only (the rest of its first column is read on, see trim). */
#define CD_COL_IDLE 6
/* A page is laid out in at most this many columns side by side; more
 * make a table of data. */
#define CD_COL_MAX 4
/* A line has at most this many gaps followed while a region grows. */
#define CD_COL_GAPS 16

enum { G_INK, G_SPACE, G_BAR, G_RULE };

/* One code point of a line: its display position, width and kind. */
struct glyph {
	uint32_t x;
	uint32_t off;		/* in the line */
	uint8_t len;		/* bytes */
	uint8_t w;		/* display width: 0, 1 or 2 */
	uint8_t kind;
};

/* One line: its glyphs g[g0..g0+ng) and what they hold. */
struct linfo {
	const char *s;
	size_t len;
	size_t g0, ng;
	uint32_t width;		/* display width, trailing spaces included */
	uint32_t lo, hi;	/* ink spans [lo, hi); lo == hi: no ink */
	bool bar;		/* a bar or a box-drawing character */
	bool rule;		/* no ink, a horizontal rule */
};

/* The lines being read, with their glyphs (one level of nesting). */
struct sheet {
	struct linfo *l;
	size_t n, cap;
	struct glyph *g;
	size_t ng, gcap;
};

/* A gap: display positions [a, b). */
struct gap {
	uint32_t a, b;
	bool bar;		/* a box-drawing bar stands in it */
};

static void reflow_lines(struct sheet *sh, struct cd_buf *out, int depth,
			 bool *found);

/* The kind of code point cp: a vertical bar, another box-drawing or rule
 * character, a space, or ink. */
static int glyph_kind(uint32_t cp)
{
	switch (cp) {
	case ' ': case 0xA0:
		return G_SPACE;
	case '|': case 0x2502: case 0x2503: case 0x2506: case 0x2507:
	case 0x250A: case 0x250B: case 0x254E: case 0x254F: case 0x2551:
		return G_BAR;
	}
	if (cp >= 0x2500 && cp <= 0x257F)
		return G_RULE;
	return G_INK;
}

/* True when the line of glyphs g[0..n) holds no ink but a horizontal rule:
 * box drawing, or ASCII "+---+", "-----" or "=====". */
static bool rule_line(const struct glyph *g, size_t n, const char *s)
{
	size_t i, dash = 0;
	bool box = false;

	for (i = 0; i < n; i++) {
		char c = s[g[i].off];

		if (g[i].kind == G_RULE)
			box = true;
		else if (c == '-' || c == '=' || c == '+')
			dash++;
		else if (g[i].kind == G_INK)
			return false;
	}
	return box || dash >= 3;
}

/* Cut line s[0..len) into glyphs appended to sh->g and describe it in
 * *li. */
static void add_glyphs(struct sheet *sh, const char *s, size_t len,
		       struct linfo *li)
{
	uint32_t x = 0;
	size_t i = 0, n;

	li->s = s;
	li->len = len;
	li->g0 = sh->ng;
	li->lo = li->hi = 0;
	li->bar = false;
	while (i < len) {
		uint32_t cp = cd_utf8_decode(s + i, len - i, &n);
		struct glyph *g;
		int w = cp == '\t' ? (int)(8 - x % 8) :
			utf8proc_charwidth((utf8proc_int32_t)cp);

		sh->g = cd_xgrow(sh->g, &sh->gcap, sh->ng + 1, sizeof(*sh->g));
		g = &sh->g[sh->ng++];
		*g = (struct glyph){ x, (uint32_t)i, (uint8_t)n,
				     (uint8_t)(w < 0 ? 0 : w),
				     (uint8_t)(cp == '\t' ? G_SPACE : glyph_kind(cp)) };
		if (g->kind == G_INK && g->w) {
			if (li->lo == li->hi)
				li->lo = x;
			li->hi = x + g->w;
		}
		li->bar |= g->kind == G_BAR || g->kind == G_RULE;
		x += g->w;
		i += n;
	}
	li->ng = sh->ng - li->g0;
	li->width = x;
	li->rule = li->lo == li->hi && rule_line(sh->g + li->g0, li->ng, s);
}

/* Add line s[0..len) to the sheet. */
static void sheet_add(struct sheet *sh, const char *s, size_t len)
{
	struct linfo *li;

	sh->l = cd_xgrow(sh->l, &sh->cap, sh->n + 1, sizeof(*sh->l));
	li = &sh->l[sh->n++];
	add_glyphs(sh, s, len, li);
}

/* Cut s[0..len) into lines on the sheet. */
static void sheet_lines(struct sheet *sh, const char *s, size_t len)
{
	size_t i = 0;

	/* never a null glyph array, even for lines without a glyph (no
	 * offset may be added to a null pointer) */
	sh->g = cd_xgrow(sh->g, &sh->gcap, 1, sizeof(*sh->g));

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;

		sheet_add(sh, s + i, e > i && s[e - 1] == '\r' ? e - i - 1 : e - i);
		i = e + 1;
	}
}

static void sheet_release(struct sheet *sh)
{
	free(sh->l);
	free(sh->g);
}

/* True when the glyph inks display position range [a, b). */
static inline bool inks(const struct glyph *g, uint32_t a, uint32_t b)
{
	return g->kind == G_INK && g->w && g->x < b && g->x + g->w > a;
}

/*
 * The gaps inside line li: runs of positions between ink that hold no
 * ink and two spaces in a row or a box-drawing bar (an ASCII '|' between
 * single spaces separates words: "Home | News").  Stores at most
 * CD_COL_GAPS in gp and returns their number.
 */
static size_t line_gaps(const struct sheet *sh, const struct linfo *li,
			struct gap *gp)
{
	const struct glyph *g = sh->g + li->g0;
	size_t i, n = 0, sp = 0;
	uint32_t from = 0;
	bool inked = false, open = false, bar = false;

	for (i = 0; i < li->ng && n < CD_COL_GAPS; i++) {
		if (g[i].kind != G_INK || !g[i].w) {
			sp = g[i].kind == G_SPACE ? sp + 1 : 0;
			bar |= g[i].kind == G_BAR && li->s[g[i].off] != '|';
			open |= sp >= 2 || bar;
			continue;
		}
		if (inked && open)
			gp[n++] = (struct gap){ from, g[i].x, bar };
		inked = true;
		open = bar = false;
		sp = 0;
		from = g[i].x + g[i].w;
	}
	return n;
}

/* The weight of the part [a, b) of a gap on line li: its width, and
 * more for a bar drawn in it. */
static uint32_t part_weight(const struct sheet *sh, const struct linfo *li,
			    uint32_t a, uint32_t b)
{
	const struct glyph *g = sh->g + li->g0;
	size_t i;

	if (b <= a)
		return 0;
	for (i = 0; li->bar && i < li->ng && g[i].x < b; i++)
		if (g[i].kind == G_BAR && g[i].x >= a)
			return b - a + 1000;
	return b - a;
}

/* Narrow the gap *gp to the part of it that line li leaves free, the one
 * with a bar or else the widest; false when it inks all of it. */
static bool narrow(const struct sheet *sh, const struct linfo *li,
		   struct gap *gp)
{
	const struct glyph *g = sh->g + li->g0;
	struct gap best = { 0, 0, gp->bar };
	uint32_t from = gp->a, w = 0, pw;
	size_t i;

	if (li->lo == li->hi || li->hi <= gp->a || li->lo >= gp->b)
		return true;
	for (i = 0; i < li->ng && g[i].x < gp->b; i++) {
		if (!inks(&g[i], gp->a, gp->b))
			continue;
		if ((pw = part_weight(sh, li, from, g[i].x)) > w) {
			best = (struct gap){ from, g[i].x, gp->bar };
			w = pw;
		}
		from = g[i].x + g[i].w;
	}
	if (part_weight(sh, li, from, gp->b) > w)
		best = (struct gap){ from, gp->b, gp->bar };
	*gp = best;
	return best.b > best.a;
}

/* Narrow every gap of gp[0..*n) by line li, dropping those it closes;
 * false when none is left. */
static bool narrow_all(const struct sheet *sh, const struct linfo *li,
		       struct gap *gp, size_t *n)
{
	size_t i, k = 0;

	for (i = 0; i < *n; i++)
		if (narrow(sh, li, &gp[i]))
			gp[k++] = gp[i];
	*n = k;
	return k > 0;
}

/* Step the count *idle of lines in a row that have ink but none right of
 * the gaps gp[0..n); true while it stays within CD_COL_IDLE. */
static bool busy(const struct linfo *li, const struct gap *gp, size_t n,
		 size_t *idle)
{
	uint32_t b = UINT32_MAX;
	size_t i;

	for (i = 0; i < n; i++)
		b = gp[i].b < b ? gp[i].b : b;
	if (li->bar)
		*idle = 0;	/* inside a box drawn around the columns */
	else if (li->lo < li->hi)
		*idle = li->hi > b ? 0 : *idle + 1;
	return *idle <= CD_COL_IDLE;
}

/*
 * Grow a region from the line i whose gaps are gp[0..n): down while some
 * gap stays open and lines beside the first column keep coming, then up
 * as far as line floor.  Sets [*r0, *r1).
 */
static void grow(const struct sheet *sh, size_t i, size_t floor,
		 struct gap *gp, size_t n, size_t *r0, size_t *r1)
{
	size_t j, idle = 0;

	for (j = i + 1; j < sh->n && narrow_all(sh, &sh->l[j], gp, &n) &&
	     busy(&sh->l[j], gp, n, &idle); j++)
		;
	*r1 = j;
	for (j = i, idle = 0; j > floor &&
	     narrow_all(sh, &sh->l[j - 1], gp, &n) &&
	     busy(&sh->l[j - 1], gp, n, &idle); j--)
		;
	*r0 = j;
}

/* Mark in clear[0..w) the positions no line of [r0, r1) inks. */
static void free_mask(const struct sheet *sh, size_t r0, size_t r1,
		      bool *clear, uint32_t w)
{
	size_t i, k;

	memset(clear, 1, w);
	for (i = r0; i < r1; i++) {
		const struct linfo *li = &sh->l[i];

		for (k = 0; k < li->ng; k++) {
			const struct glyph *g = &sh->g[li->g0 + k];

			if (g->kind == G_INK)
				memset(clear + g->x, 0, g->w);
		}
	}
}

/*
 * How line li meets gutter gp, free on every line of its region: 0 when
 * it has no ink on one side; else 1, 2 when it has two spaces or more
 * there itself, 3 when it has a bar there.
 */
static int meets(const struct sheet *sh, const struct linfo *li,
		 struct gap gp)
{
	const struct glyph *g = sh->g + li->g0;
	uint32_t l = 0, r = UINT32_MAX;
	bool bar = false;
	size_t k;

	if (li->lo >= gp.a || li->hi <= gp.b)
		return 0;
	for (k = 0; k < li->ng; k++) {
		if (g[k].kind == G_BAR && g[k].x >= gp.a && g[k].x < gp.b)
			bar = true;
		if (g[k].kind != G_INK || !g[k].w)
			continue;
		if (g[k].x < gp.a)
			l = g[k].x + g[k].w;
		else if (g[k].x >= gp.b && g[k].x < r)
			r = g[k].x;
	}
	return bar ? 3 : r - l >= 2 ? 2 : 1;
}

/* True when gp is a gutter of region [r0, r1): a bar in it on two lines
 * with ink on both sides, or two spaces on three such lines;
 * sets gp->bar in the first case. */
static bool gutter(const struct sheet *sh, size_t r0, size_t r1,
		   struct gap *gp)
{
	size_t i, bars = 0, wide = 0;

	for (i = r0; i < r1 && bars < 2; i++) {
		int m = meets(sh, &sh->l[i], *gp);

		bars += m == 3;
		wide += m >= 2;
	}
	gp->bar = bars >= 2;
	return gp->bar || wide >= 3;
}

/* True when gutter a is the stronger of two: drawn with a bar, or else
 * the wider. */
static bool stronger(const struct gap *a, const struct gap *b)
{
	if (a->bar != b->bar)
		return a->bar;
	return a->b - a->a > b->b - b->a;
}

/* Find the gutters of region [r0, r1) (free runs inside the ink, see
 * columns.h) into gp; returns their number. */
static size_t gutters(const struct sheet *sh, size_t r0, size_t r1,
		      const bool *clear, uint32_t lo, uint32_t hi,
		      struct gap *gp)
{
	size_t n = 0;
	uint32_t x = lo;

	while (x < hi && n < CD_COL_GAPS) {
		struct gap g;

		if (!clear[x]) {
			x++;
			continue;
		}
		g.a = x;
		while (x < hi && clear[x])
			x++;
		g.b = x;
		if (x == hi)
			break;
		if (!gutter(sh, r0, r1, &g))
			continue;
		if (n > 0 && g.a - gp[n - 1].b < CD_COL_NARROW) {
			/* no column fits between: keep the stronger */
			if (stronger(&g, &gp[n - 1]))
				gp[n - 1] = g;
			continue;
		}
		gp[n++] = g;
	}
	return n;
}

/* True when line li stands outside the columns: ink only left of the
 * first gutter, and no drawing character. */
static bool outside(const struct linfo *li, const struct gap *gp)
{
	return !li->bar && li->hi <= gp[0].a;
}

/* A region found: lines [r0, r1) in columns, then lines [r1, t1) that
 * carry on its first column (the rest of an article beside a shorter
 * sidebar). */
struct region {
	size_t r0, r1, t1;
	size_t grown;		/* where the region grew to, before trim */
	struct gap gp[CD_COL_GAPS];
	size_t n;		/* gutters */
	bool *clear;		/* owned: the positions no line inks */
	uint32_t w;		/* positions in clear */
};

/* Append the glyphs of line li that fall in [a, b) to out as one line,
 * box-drawing characters, and ASCII bars at positions free in rg, as
 * spaces, trailing spaces cut. */
static void column_line(const struct sheet *sh, const struct linfo *li,
			uint32_t a, uint32_t b, const struct region *rg,
			struct cd_buf *out)
{
	size_t k, end = out->len;
	uint32_t x = a;

	for (k = 0; !li->rule && k < li->ng; k++) {
		const struct glyph *g = &sh->g[li->g0 + k];

		if (g->x < a || g->x >= b)
			continue;
		if (g->kind == G_RULE || (g->kind == G_BAR &&
		    (li->s[g->off] != '|' || g->x >= rg->w || rg->clear[g->x])))
			continue;
		for (; x < g->x; x++)
			cd_buf_addc(out, ' ');
		cd_buf_add(out, li->s + g->off, g->len);
		x = g->x + g->w;
		if (g->kind != G_SPACE)
			end = out->len;
	}
	out->len = end;
	cd_buf_addc(out, '\n');
}

/* Where the ink of lines [b0, b1) begins in column [a, b): its left
 * edge, so that a border or a margin before it does not indent it. */
static uint32_t left_edge(const struct sheet *sh, size_t b0, size_t b1,
			  uint32_t a, uint32_t b)
{
	uint32_t e = b;
	size_t i, k;

	for (i = b0; i < b1; i++) {
		const struct linfo *li = &sh->l[i];

		for (k = 0; k < li->ng; k++) {
			const struct glyph *g = &sh->g[li->g0 + k];

			if (g->x >= e)
				break;
			if (g->kind == G_INK && g->w && g->x >= a) {
				e = g->x;
				break;
			}
		}
	}
	return e < b ? e : a;
}

/* Read column c of lines [b0, b1) of rg as text of its own, into out;
 * last: the band is the last, and the first column takes the lines that
 * carry it on. */
static void read_column(const struct sheet *sh, const struct region *rg,
			size_t b0, size_t b1, size_t c, bool last, int depth,
			struct cd_buf *out, bool *found)
{
	struct cd_buf col = CD_BUF_INIT;
	struct sheet sub;
	size_t i, mark = out->len;
	uint32_t a = c ? rg->gp[c - 1].b : 0;
	uint32_t b = c < rg->n ? rg->gp[c].a : UINT32_MAX;

	a = left_edge(sh, b0, b1, a, b);
	for (i = b0; i < b1; i++)
		column_line(sh, &sh->l[i], a, b, rg, &col);
	for (i = rg->r1; last && c == 0 && i < rg->t1; i++)
		column_line(sh, &sh->l[i], 0, UINT32_MAX, rg, &col);
	memset(&sub, 0, sizeof(sub));
	sheet_lines(&sub, col.p, col.len);
	reflow_lines(&sub, out, depth + 1, found);
	sheet_release(&sub);
	cd_buf_release(&col);
	if (out->len > mark)
		cd_buf_addc(out, '\n');	/* a blank line after the column */
}

/* True when line li is a horizontal rule across the first gutter of rg
 * ("├────┼────┤"): it ends a band of rg. */
static bool band_rule(const struct sheet *sh, const struct region *rg,
		      const struct linfo *li)
{
	size_t k;

	for (k = 0; li->rule && k < li->ng; k++) {
		const struct glyph *g = &sh->g[li->g0 + k];

		if (g->kind != G_BAR && g->kind != G_SPACE &&
		    g->x >= rg->gp[0].a && g->x < rg->gp[0].b)
			return true;
	}
	return false;
}

/* Write region rg band by band, column by column. */
static void write_region(const struct sheet *sh, const struct region *rg,
			 int depth, struct cd_buf *out, bool *found)
{
	size_t b0 = rg->r0, b1, c;

	while (b0 < rg->r1) {
		for (b1 = b0; b1 < rg->r1 && !band_rule(sh, rg, &sh->l[b1]);
		     b1++)
			;
		for (c = 0; b1 > b0 && c <= rg->n; c++)
			read_column(sh, rg, b0, b1, c, b1 == rg->r1, depth,
				    out, found);
		b0 = b1 + 1;
	}
}

/* The display width of the first word of line li (after its indent). */
static uint32_t first_word(const struct sheet *sh, const struct linfo *li)
{
	const struct glyph *g = sh->g + li->g0;
	size_t k;

	for (k = 0; k < li->ng && g[k].x < li->lo; k++)
		;
	for (; k < li->ng; k++)
		if (g[k].kind == G_SPACE)
			return g[k].x - li->lo;
	return li->width - li->lo;
}

/* True when line li opens a list item: a bullet or "1." first. */
static bool item_line(const struct linfo *li)
{
	const unsigned char *p = (const unsigned char *)li->s;
	size_t i = 0;

	while (i < li->len && p[i] == ' ')
		i++;
	if (i + 1 >= li->len)
		return false;
	if ((p[i] == '*' || p[i] == '-' || p[i] == '+') && p[i + 1] == ' ')
		return true;
	if (p[i] == 0xE2 && i + 2 < li->len && p[i + 1] == 0x80 &&
	    (p[i + 2] == 0xA2 || p[i + 2] == 0xA3))
		return true;	/* "•", "‣" */
	while (i < li->len && p[i] >= '0' && p[i] <= '9')
		i++;
	return i < li->len && i > 0 && (p[i] == '.' || p[i] == ')');
}

/* True when line b goes on with the paragraph of line a in a column of
 * width w: a was full (b's first word would not have fitted), b starts
 * where a does and opens no list item. */
static bool wrapped(const struct sheet *sh, const struct linfo *a,
		    const struct linfo *b, uint32_t w)
{
	if (a->lo == a->hi || b->lo == b->hi || a->lo != b->lo ||
	    a->rule || b->rule)
		return false;
	return a->hi - a->lo >= CD_COL_PROSE && 4 * (a->hi - a->lo) >= 3 * w &&
	       a->hi + 1 + first_word(sh, b) > w && !item_line(b);
}

/* Append line li without its trailing spaces; join: without its indent
 * either, after one space. */
static void add_line(const struct linfo *li, bool join, struct cd_buf *out)
{
	size_t e = li->len, s = 0;

	while (e > 0 && li->s[e - 1] == ' ')
		e--;
	if (join) {
		while (s < e && li->s[s] == ' ')
			s++;
		out->len--;	/* the newline before */
		cd_buf_addc(out, ' ');
	}
	cd_buf_add(out, li->s + s, e - s);
	cd_buf_addc(out, '\n');
}

/* Copy lines [i, j) to out: as they are at the top, else (inside a
 * column) with the lines wrapped at the column's width joined. */
static void plain(const struct sheet *sh, size_t i, size_t j, int depth,
		  struct cd_buf *out)
{
	uint32_t w = 0;
	size_t k;

	if (depth == 0) {
		for (k = i; k < j; k++) {
			cd_buf_add(out, sh->l[k].s, sh->l[k].len);
			cd_buf_addc(out, '\n');
		}
		return;
	}
	for (k = i; k < j; k++)
		if (sh->l[k].hi > w)
			w = sh->l[k].hi;
	for (k = i; k < j; k++)
		add_line(&sh->l[k], k > i && w >= CD_COL_PROSE &&
			 wrapped(sh, &sh->l[k - 1], &sh->l[k], w), out);
}

/* Set the extent of rg grown to [r0, r1): its width, and in *lo, *hi
 * where its ink lies. */
static void extent(const struct sheet *sh, struct region *rg,
		   uint32_t *lo, uint32_t *hi)
{
	size_t k;

	*lo = UINT32_MAX;
	*hi = 0;
	for (k = rg->r0, rg->w = 0; k < rg->r1; k++) {
		const struct linfo *li = &sh->l[k];

		rg->w = li->width > rg->w ? li->width : rg->w;
		if (li->lo < li->hi) {
			*lo = li->lo < *lo ? li->lo : *lo;
			*hi = li->hi > *hi ? li->hi : *hi;
		}
	}
}

/* Cut from rg the lines at its edges that stand outside the columns; the
 * ones at the bottom, the rest of the paragraph they (or the last line
 * in columns) leave open, and the lines after them that fit in the first
 * column, up to one with a gap in it (a table), carry on its first
 * column. */
static void trim(const struct sheet *sh, struct region *rg)
{
	struct gap gp[CD_COL_GAPS];
	size_t k;

	rg->t1 = rg->r1;
	while (rg->r0 < rg->r1 && outside(&sh->l[rg->r0], rg->gp))
		rg->r0++;
	while (rg->r1 > rg->r0 && outside(&sh->l[rg->r1 - 1], rg->gp))
		rg->r1--;
	for (k = 0; k < 12 && rg->t1 < sh->n && rg->t1 > rg->r0 &&
	     sh->l[rg->t1 - 1].lo < sh->l[rg->t1 - 1].hi &&
	     sh->l[rg->t1].lo < sh->l[rg->t1].hi && !sh->l[rg->t1].bar; k++)
		rg->t1++;
	for (k = rg->t1; k < sh->n && !sh->l[k].bar &&
	     sh->l[k].hi <= rg->gp[0].b && !line_gaps(sh, &sh->l[k], gp); k++)
		if (sh->l[k].lo < sh->l[k].hi)
			rg->t1 = k + 1;
}

/* Where line li inks the columns of rg: for each column c (those past
 * CD_COL_MAX sharing the last), from[c] and to[c], equal when it has no
 * ink there.  Returns the inked columns as bits, and in *gappy those
 * where two spaces or more part its words (cells of a table). */
static unsigned inked_columns(const struct sheet *sh, const struct region *rg,
			      const struct linfo *li, uint32_t *from,
			      uint32_t *to, unsigned *gappy)
{
	size_t k, c = 0, m = 0;
	unsigned bits = 0;

	memset(from, 0, (CD_COL_MAX + 1) * sizeof(*from));
	memset(to, 0, (CD_COL_MAX + 1) * sizeof(*to));
	*gappy = 0;
	for (k = 0; k < li->ng; k++) {
		const struct glyph *g = &sh->g[li->g0 + k];

		if (g->kind != G_INK || !g->w)
			continue;
		while (c < rg->n && g->x >= rg->gp[c].b)
			c++;
		m = c < CD_COL_MAX ? c : CD_COL_MAX;
		if (!(bits & 1u << m))
			from[m] = g->x;
		else if (g->x >= to[m] + 2)
			*gappy |= 1u << m;
		bits |= 1u << m;
		to[m] = g->x + g->w;
	}
	return bits;
}

/* Counts over the lines of a region, to tell a layout from a table. */
struct shape {
	uint32_t right[CD_COL_MAX + 1];	/* where each column's ink ends */
	uint32_t from[CD_COL_MAX + 1], to[CD_COL_MAX + 1];
	uint32_t pfrom[CD_COL_MAX + 1], pto[CD_COL_MAX + 1];
	unsigned run[CD_COL_MAX + 1];	/* lines wrapped in a row */
	unsigned gappy;		/* columns with gaps in the line or the last */
	size_t starts, shared;
	bool prose;
};

/* Count the wrapped lines of line bits: a line of prose width that ends
 * near its column's right edge, followed by one that starts where it
 * does.  Three in a row make a paragraph of prose. */
static void count_wraps(struct shape *sp, unsigned bits)
{
	size_t c;

	for (c = 0; c <= CD_COL_MAX; c++) {
		bool go = (bits & 1u << c) && !(sp->gappy & 1u << c) &&
			  sp->pto[c] > sp->pfrom[c] &&
			  sp->from[c] == sp->pfrom[c] &&
			  sp->pto[c] - sp->pfrom[c] >= CD_COL_PROSE &&
			  sp->pto[c] + 12 >= sp->right[c];

		sp->run[c] = go ? sp->run[c] + 1 : 0;
		sp->prose |= sp->run[c] >= 2;
	}
}

/*
 * True when rg reads as a page laid out in columns, not as a table of
 * data (whose rows read better across): a column holds a paragraph of
 * prose wrapped at its width, and the blocks of text in its columns
 * mostly start on lines of their own, where the cells of a row start on
 * one line.
 */
static bool layout(const struct sheet *sh, const struct region *rg)
{
	struct shape sp;
	size_t i, c;
	unsigned prev = 0, bits, new, g, pg = 0;
	bool seen = false;	/* a line with ink: the first starts all */

	memset(&sp, 0, sizeof(sp));
	for (i = rg->r0; i < rg->r1; i++) {
		inked_columns(sh, rg, &sh->l[i], sp.from, sp.to, &g);
		for (c = 0; c <= CD_COL_MAX; c++)
			sp.right[c] = sp.to[c] > sp.right[c] ? sp.to[c] : sp.right[c];
	}
	for (i = rg->r0; i < rg->r1; i++) {
		memcpy(sp.pfrom, sp.from, sizeof(sp.from));
		memcpy(sp.pto, sp.to, sizeof(sp.to));
		bits = inked_columns(sh, rg, &sh->l[i], sp.from, sp.to, &g);
		sp.gappy = g | pg;
		pg = g;
		count_wraps(&sp, bits);
		new = bits & ~prev;
		if (seen && new) {
			sp.starts += (size_t)__builtin_popcount(new);
			if (new & (new - 1))
				sp.shared += (size_t)__builtin_popcount(new);
		}
		prev = bits;
		seen |= bits != 0;
	}
	return sp.prose && 2 * sp.shared <= sp.starts;
}

/*
 * Try a region seeded at line i (not above line floor): grow it, find its
 * gutters, trim it.  Returns the number of gutters (0: no region) with
 * the region in *rg (rg->clear to free in any case).
 */
static size_t region_at(const struct sheet *sh, size_t i, size_t floor,
			struct region *rg)
{
	uint32_t lo, hi;

	rg->clear = NULL;
	rg->grown = i + 1;
	rg->n = line_gaps(sh, &sh->l[i], rg->gp);
	if (rg->n == 0)
		return 0;
	grow(sh, i, floor, rg->gp, rg->n, &rg->r0, &rg->r1);
	rg->grown = rg->r1;
	extent(sh, rg, &lo, &hi);
	rg->clear = cd_xmalloc(rg->w + 1);
	free_mask(sh, rg->r0, rg->r1, rg->clear, rg->w);
	rg->n = gutters(sh, rg->r0, rg->r1, rg->clear, lo, hi, rg->gp);
	if (rg->n)
		trim(sh, rg);
	if (rg->n > CD_COL_MAX - 1 || (rg->n && !layout(sh, rg)))
		rg->n = 0;
	return rg->r1 >= rg->r0 + 2 ? rg->n : 0;
}

/* Read the lines of sh, each region in columns (see columns.h), into out;
 * *found is set when a region is. */
static void reflow_lines(struct sheet *sh, struct cd_buf *out, int depth,
			 bool *found)
{
	struct region rg;
	size_t i = 0, done = 0;

	while (depth < CD_COL_DEPTH && i < sh->n) {
		if (region_at(sh, i, done, &rg) == 0) {
			/* the lines it grew over would grow much the same */
			free(rg.clear);
			i = rg.grown > i ? rg.grown : i + 1;
			continue;
		}
		*found = true;
		plain(sh, done, rg.r0, depth, out);
		write_region(sh, &rg, depth, out, found);
		free(rg.clear);
		done = i = rg.t1 > i ? rg.t1 : i + 1;
	}
	plain(sh, done, sh->n, depth, out);
}

/* True when s[i] may start a sign of columns: a bar, a tab, the lead
 * byte of box drawing, or two spaces. */
static inline bool hint_byte(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	return c == '|' || c == '\t' || c == 0xE2 ||
	       (c == ' ' && i + 1 < len && s[i + 1] == ' ');
}

/* The first i from from on where hint_byte holds, or len: eight bytes at
 * a time, bytewise only in the words with a candidate. */
static size_t next_hint(const char *s, size_t len, size_t from)
{
	size_t i = from, k;
	uint64_t x, sp;

	/* sixteen at a time: the masks are exact, so the first bit is the
	 * hint (two spaces: a space whose next byte is one too) */
	for (; i + 17 <= len; i += 16) {
		cd_b16 v = cd_b16_load(s + i);
		unsigned m = cd_b16_bits(cd_b16_or(
			cd_b16_and(cd_b16_is(v, ' '),
				   cd_b16_is(cd_b16_load(s + i + 1), ' ')),
			cd_b16_or(cd_b16_or(cd_b16_is(v, '|'), cd_b16_is(v, '\t')),
				  cd_b16_is(v, 0xE2))));

		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	for (; i + 9 <= len; i += 8) {
		x = cd_load64le(s + i);
		sp = cd_has_byte(x, ' ');
		/* two spaces: in the word, or its last byte and the next */
		if (!(cd_has_byte(x, '|') | cd_has_byte(x, '\t')
		      | cd_has_byte(x, 0xE2)) &&
		    !(sp & (sp >> 8)) && !((sp >> 63) && s[i + 8] == ' '))
			continue;
		for (k = i; k < i + 8; k++)
			if (hint_byte(s, len, k))
				return k;
	}
	for (; i < len; i++)
		if (hint_byte(s, len, i))
			return i;
	return len;
}

/* The display column of s[i] on its line, which starts at s[line]:
 * code points, wide ones (lead bytes from 0xE3 on: CJK) as two. */
static size_t column_at(const char *s, size_t line, size_t i)
{
	size_t x = 0;

	for (; line < i; line++) {
		unsigned char c = (unsigned char)s[line];

		x += (c & 0xC0) != 0x80;
		x += c >= 0xE3 && c < 0xF0;
	}
	return x;
}

/* Signs of columns seen so far in a text. */
struct signs {
	unsigned char at[256];	/* per display column: gaps ending there */
	size_t line;		/* where the current line starts */
	int boxes;		/* lines with box drawing or a tab */
};

/* At a hint at s[i]: count it in sg when it is a sign of columns (box
 * drawing or a tab; a bar, or two spaces or more between words, ending
 * at some display column) and return true when the signs add up to a
 * possible region: two lines with box drawing, or three bars or gaps
 * ending at one column.  *next is where to look on from. */
static bool sign_at(const char *s, size_t len, size_t i, struct signs *sg,
		    size_t *next)
{
	unsigned char c = (unsigned char)s[i];
	size_t j = i + 1, x;

	*next = i + 1;
	if (c == '\t' || (c == 0xE2 && i + 1 < len &&
			  ((unsigned char)s[i + 1] & 0xFE) == 0x94)) {
		const char *nl = memchr(s + i, '\n', len - i);

		*next = nl ? (size_t)(nl - s) + 1 : len;
		return ++sg->boxes >= 2;
	}
	if (c == ' ') {
		while (j < len && s[j] == ' ')
			j++;
		*next = j;
		if (i == 0 || s[i - 1] == '\n' || j == len || s[j] == '\n' ||
		    s[j] == '\r')
			return false;
	} else if (c != '|') {
		return false;
	}
	while (sg->line < i && memchr(s + sg->line, '\n', i - sg->line))
		sg->line = (size_t)((const char *)memchr(s + sg->line, '\n',
							  i - sg->line) - s) + 1;
	x = column_at(s, sg->line, j) & 255;
	return ++sg->at[x] >= 3;
}

/* True when s[0..len) may hold columns (see sign_at). */
static bool maybe_columns(const char *s, size_t len)
{
	struct signs sg;
	size_t i = 0, next;

	memset(&sg, 0, sizeof(sg));
	while ((i = next_hint(s, len, i)) < len) {
		if (sign_at(s, len, i, &sg, &next))
			return true;
		i = next;
	}
	return false;
}

bool cd_columns_reflow(const char *s, size_t len, struct cd_buf *out)
{
	struct sheet sh;
	size_t mark = out->len;
	bool found = false;

	if (!maybe_columns(s, len))
		return false;
	memset(&sh, 0, sizeof(sh));
	sheet_lines(&sh, s, len);
	reflow_lines(&sh, out, 0, &found);
	sheet_release(&sh);
	if (!found)
		out->len = mark;
	return found;
}
