/* quote.c - finding quoted pieces in a text; see quote.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "bytes.h"
#include "text.h"
#include "utf8.h"
#include "quote.h"
#include "boiler.h"

/* The marks the finder knows. */
enum mark {
	M_NONE,
	M_DQ,		/* " */
	M_LDQ,		/* “ */
	M_RDQ,		/* ” */
	M_LOWDQ,	/* „ */
	M_LGUIL,	/* « */
	M_RGUIL,	/* » */
	M_SQ,		/* ' */
	M_LSQ,		/* ‘ */
	M_RSQ,		/* ’ */
	M_PRIME,	/* ′ ″: never a quotation mark */
	M_DQ2,		/* '' (two apostrophes, old newspaper style) */
	M_BQ2		/* `` */
};

/* Decode the mark at text[i], storing its length in *ml. */
static enum mark mark_at(const char *text, size_t len, size_t i, size_t *ml)
{
	const unsigned char *s = (const unsigned char *)text + i;
	size_t left = len - i;

	*ml = 1;
	if (*s == '"')
		return M_DQ;
	if (*s == '\'' || *s == '`') {
		if (left >= 2 && s[1] == *s) {
			*ml = 2;
			return *s == '`' ? M_BQ2 : M_DQ2;
		}
		return *s == '`' ? M_NONE : M_SQ;
	}
	*ml = 2;
	if (*s == 0xC2 && left >= 2)
		return s[1] == 0xAB ? M_LGUIL : s[1] == 0xBB ? M_RGUIL : M_NONE;
	*ml = 3;
	if (*s != 0xE2 || left < 3 || s[1] != 0x80)
		return M_NONE;
	switch (s[2]) {
	case 0x98: return M_LSQ;
	case 0x99: return M_RSQ;
	case 0x9C: return M_LDQ;
	case 0x9D: return M_RDQ;
	case 0x9E: return M_LOWDQ;
	case 0xB2: case 0xB3: return M_PRIME;
	default: return M_NONE;
	}
}

/* The code point that ends just before text[i] (0 at the start). */
static uint32_t prev_cp(const char *text, size_t lo, size_t i)
{
	size_t j = i;
	uint32_t cp;

	if (i <= lo)
		return 0;
	while (j > lo && ((unsigned char)text[j - 1] & 0xC0) == 0x80)
		j--;
	if (j == lo)
		return 0xFFFD;
	j--;
	cp = (unsigned char)text[j];
	if (cp < 0x80)
		return cp;
	/* Only the class of the character matters: a rough decode will do. */
	if ((cp & 0xE0) == 0xC0 && i - j == 2)
		return ((cp & 0x1F) << 6) | ((unsigned char)text[j + 1] & 0x3F);
	if ((cp & 0xF0) == 0xE0 && i - j == 3)
		return ((cp & 0x0F) << 12)
		       | (((unsigned char)text[j + 1] & 0x3F) << 6)
		       | ((unsigned char)text[j + 2] & 0x3F);
	return 0x10000;
}

/* The code point at text[i] (0 at the end). */
static uint32_t next_cp(const char *text, size_t hi, size_t i)
{
	uint32_t c;

	if (i >= hi)
		return 0;
	c = (unsigned char)text[i];
	if (c < 0x80)
		return c;
	if ((c & 0xE0) == 0xC0 && i + 1 < hi)
		return ((c & 0x1F) << 6) | ((unsigned char)text[i + 1] & 0x3F);
	if ((c & 0xF0) == 0xE0 && i + 2 < hi)
		return ((c & 0x0F) << 12)
		       | (((unsigned char)text[i + 1] & 0x3F) << 6)
		       | ((unsigned char)text[i + 2] & 0x3F);
	return 0x10000;
}

/* True for white space, including the typographic spaces. */
static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0
	       || (c >= 0x2000 && c <= 0x200B) || c == 0x202F
	       || c == 0x205F || c == 0x3000;
}

/* True for a letter or digit (any character above Latin-1 punctuation
 * counts as a letter: enough for deciding what a mark is). */
static bool is_alnum(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a'
						  && (c | 0x20) <= 'z');
	return (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2000)
	       || c >= 0x3040;
}

/* True when c may stand right before an opening mark. */
static bool opens_after(uint32_t c)
{
	return c == 0 || is_space(c) || c == '(' || c == '[' || c == '{'
	       || c == '-' || c == '/' || c == 0x2013 || c == 0x2014
	       || c == 0x2026 || c == ':' || c == 0x201C || c == '"';
}

/* True for the double marks. */
static bool is_double(enum mark m)
{
	return m == M_DQ || m == M_LDQ || m == M_RDQ || m == M_LOWDQ
	       || m == M_LGUIL || m == M_RGUIL || m == M_DQ2 || m == M_BQ2;
}

/* The mark m plays in a text that quotes in single marks and nests
 * double ones (British style), in curly marks (first & CD_Q_CURLY) or
 * straight ones (first & CD_Q_STRAIGHT): the two kinds change places. */
static enum mark swap_kind(enum mark m, unsigned first)
{
	if (first & CD_Q_STRAIGHT)
		switch (m) {
		case M_SQ: return M_DQ;
		case M_DQ: return M_SQ;
		default: break;
		}
	if (first & CD_Q_CURLY)
		switch (m) {
		case M_LSQ: return M_LDQ;
		case M_RSQ: return M_RDQ;
		case M_LDQ: return M_LSQ;
		case M_RDQ: return M_RSQ;
		default: break;
		}
	return m;
}

/* True for the single marks. */
static bool is_single(enum mark m)
{
	return m == M_SQ || m == M_LSQ || m == M_RSQ;
}

/* The role of the mark m found in the text (qf->single_first: swapped;
 * two apostrophes or backquotes are one mark only with old_marks, else
 * an apostrophe each, never swapped). */
static enum mark role(const struct cd_qfind *qf, enum mark m, size_t *ml)
{
	if ((m == M_DQ2 || m == M_BQ2) && !qf->old_marks) {
		*ml = 1;
		return m == M_DQ2 ? M_SQ : M_NONE;
	}
	return qf->single_first ? swap_kind(m, qf->single_first) : m;
}

/* Whether mark m, between code points before and after, opens a double
 * quotation when none is open. */
static bool dq_opens(enum mark m, uint32_t before, uint32_t after)
{
	if (after == 0)
		return false;
	switch (m) {
	case M_DQ: case M_DQ2:
		/* 12" or 6'2": an inch mark, not a quotation; nor is the
		 * mark closing a markup attribute before its tag ends
		 * (<tweet date="May 1\n">), which only looks like one. */
		return !is_space(after) && opens_after(before) && after != '>';
	case M_LDQ: case M_LOWDQ: case M_LGUIL: case M_BQ2:
		return true;
	case M_RDQ: case M_RGUIL:
		/* Some sites open with ” (and German with »). */
		return opens_after(before) && is_alnum(after);
	default:
		return false;
	}
}

/* Whether mark m closes the double quotation opened by o. */
static bool dq_closes(enum mark o, enum mark m, uint32_t before,
		      uint32_t after)
{
	bool closer_ctx = !is_space(before) && !is_alnum(after);

	/* a straight mark may close any typographic one ("A," mixed
	 * typing, as “A," is) where it can only close */
	switch (o) {
	case M_LGUIL: return m == M_RGUIL || (m == M_DQ && closer_ctx);
	case M_RGUIL: return m == M_LGUIL || (m == M_DQ && closer_ctx);
	case M_LOWDQ: return m == M_LDQ || m == M_RDQ
			     || (m == M_DQ && closer_ctx);
	case M_DQ2: case M_BQ2: return m == M_DQ2;
	case M_LDQ: return m == M_RDQ || ((m == M_DQ || m == M_LDQ)
					  && closer_ctx);
	/* and » may close a straight one where it can only close ("A»,
	 * as "A” does) */
	default: return m == M_DQ || m == M_RDQ
			|| ((m == M_LDQ || m == M_RGUIL) && closer_ctx);
	}
}

/* Append a piece, trimming spaces inside the marks; empty ones are
 * dropped.  Returns true when one was added. */
static bool add_piece(struct cd_qfind *qf, const char *text,
		      const struct cd_qpiece *pc)
{
	struct cd_qpiece p = *pc;

	while (p.start < p.end && is_space(next_cp(text, p.end, p.start)))
		p.start += cd_utf8_seq((const unsigned char *)text + p.start,
				       p.end - p.start);
	while (p.end > p.start && (text[p.end - 1] == ' '
				   || text[p.end - 1] == '\t'
				   || text[p.end - 1] == '\r'))
		p.end--;
	if (p.start >= p.end)
		return false;
	if (p.close < p.end)
		p.close = p.end;
	qf->p = cd_xgrow(qf->p, &qf->cap, qf->n + 1, sizeof(*qf->p));
	qf->p[qf->n++] = p;
	return true;
}

/* The state of the scan inside one paragraph. */
struct pscan {
	const char *text;
	size_t ps, pe, para;
	enum mark dq;		/* open double mark, or M_NONE */
	size_t dq_at, dq_len;
	enum mark sq;		/* open single mark (outside doubles) */
	size_t sq_at, sq_len;
	unsigned nest;		/* quotations nested in the double one */
};

/* Whether mark m at i closes the double quotation open in s (as
 * dq_closes): a » does not close a straight or ” quotation that holds a
 * « since it opened ("We call it «Vostok», and ..." goes on). */
static bool dq_closes_in(const struct pscan *s, enum mark m, size_t i,
			 uint32_t before, uint32_t after)
{
	if (m == M_RGUIL && (s->dq == M_DQ || s->dq == M_RDQ) &&
	    memmem(s->text + s->dq_at, i - s->dq_at, "\xC2\xAB", 2))
		return false;
	return dq_closes(s->dq, m, before, after);
}

/* The first offset at or after i (and before hi) of a byte a mark can
 * start with: " ' ` and the lead bytes of « » and of the marks in
 * U+2018..U+2033; hi when there is none. */
static size_t next_lead(const char *text, size_t i, size_t hi)
{
	static const unsigned char lead[256] = {
		['"'] = 1, ['\''] = 1, ['`'] = 1, [0xC2] = 1, [0xE2] = 1
	};

	/* sixteen bytes at a time, straight to each that is " ' ` or
	 * not ASCII */
	while (i + 16 <= hi) {
		cd_b16 x = cd_b16_load(text + i);
		unsigned bits = cd_b16_high(x) | cd_b16_eq(x, '"')
				| cd_b16_eq(x, '\'') | cd_b16_eq(x, '`');

		while (bits) {
			size_t at = i + (size_t)__builtin_ctz(bits);

			if (lead[(unsigned char)text[at]])
				return at;
			bits &= bits - 1;
		}
		i += 16;
	}
	/* the last fifteen bytes at most, one by one */
	for (; i < hi; i++)
		if (lead[(unsigned char)text[i]])
			return i;
	return hi;
}

/* True when a mark after offset i in the paragraph, before any other
 * quotation opens, may close the quotation open in s: a closing mark
 * between a letter or stop and no letter. */
static bool closer_later(const struct cd_qfind *qf, const struct pscan *s,
			 size_t i)
{
	size_t ml;
	enum mark m, raw;

	for (i = next_lead(s->text, i, s->pe); i < s->pe;
	     i = next_lead(s->text, i + 1, s->pe)) {
		raw = mark_at(s->text, s->pe, i, &ml);
		m = role(qf, raw, &ml);
		/* ‘ or ' where it opens: after a space, before a letter */
		if (m == M_LDQ
		    || (raw == M_SQ && m == M_DQ
			&& opens_after(prev_cp(s->text, s->ps, i))
			&& is_alnum(next_cp(s->text, s->pe, i + ml))))
			return false;
		if ((m == M_RDQ || m == M_DQ) && is_single(raw)
		    && !is_space(prev_cp(s->text, s->ps, i))
		    && !is_alnum(next_cp(s->text, s->pe, i + ml)))
			return true;
		if (m != M_NONE)
			i += ml - 1;
	}
	return false;
}

/* In a text quoting in single marks, whether the mark m at i (a single
 * mark in the text), between code points before and after, may open
 * (s has no quotation open) or close the quotation: not as an
 * apostrophe.  ’ never opens, nor does a mark before a digit (’90s); a
 * mark closes after no space and before no letter (don’t), and s’
 * before a word (the Joneses’ boat) only when no later mark can close. */
static bool single_first_ok(const struct cd_qfind *qf, const struct pscan *s,
			    enum mark m, size_t i, size_t ml, uint32_t before,
			    uint32_t after)
{
	if (s->dq == M_NONE)
		return m != M_RDQ && !(after >= '0' && after <= '9');
	if (is_space(before) || is_alnum(after))
		return false;
	if ((before == 's' || before == 'S') && is_space(after)
	    && is_alnum(next_cp(s->text, s->pe, i + ml + cd_utf8_seq(
			(const unsigned char *)s->text + i + ml,
			s->pe - i - ml))))
		return !closer_later(qf, s, i + ml);
	return true;
}

/* True for a mark that ends a clause: , . ! ? ; : … – — */
static bool ends_clause(uint32_t c)
{
	return c == ',' || c == '.' || c == '!' || c == '?' || c == ';'
	       || c == ':' || c == 0x2026 || c == 0x2013 || c == 0x2014;
}

/* Count the single quotation s has open, from its mark to offset end (its
 * closing mark, a double mark opening inside it, or the end of the
 * paragraph it opens and runs on from), towards reading the text as
 * quoting in single marks (qf->nsq, curly and straight apart): only
 * one that ends a clause or holds two words at least, not an
 * elision ('n', 'em) or a scare quote of one word ('populist'), nor a
 * straight one of two apostrophes (''old style''). */
static void count_single(struct cd_qfind *qf, const struct pscan *s,
			 size_t end)
{
	size_t i = s->sq_at, lo = i + s->sq_len, hi = end;
	const char *t = s->text;

	if (s->sq == M_SQ && (prev_cp(t, s->ps, i) == '\''
			      || (i + 1 < s->pe && t[i + 1] == '\'')))
		return;
	/* (white space that is ASCII: a byte of it is never part of another
	 * character; the text after the mark starts with a letter) */
	while (hi > lo && (t[hi - 1] == ' ' || t[hi - 1] == '\t'
			   || t[hi - 1] == '\n' || t[hi - 1] == '\r'))
		hi--;
	if (hi > lo && (ends_clause(prev_cp(t, lo, hi))
			|| memchr(t + lo, ' ', hi - lo)
			|| memchr(t + lo, '\n', hi - lo)))
		qf->nsq[s->sq == M_SQ]++;
}

/* The mark closing a quotation that opens with o, when a quotation
 * opening with o may nest in another (“A “B” C.”, «A «B» C.»), else
 * M_NONE. */
static enum mark nest_closer(enum mark o)
{
	return o == M_LDQ ? M_RDQ : o == M_LGUIL ? M_RGUIL : M_NONE;
}

/* True when the marks after offset i in the paragraph close both the o
 * at i and the quotation o open, counting the o and c between as pairs:
 * the o at i nests in the open one ("“A “B” C.”", "“A “B” and “C” D.”"),
 * not a quotation after an outer one left unclosed ("“A. “B,” he
 * said."). */
static bool nest_closes(const struct cd_qfind *qf, const struct pscan *s,
			size_t i, enum mark o, enum mark c)
{
	size_t ml, depth = 2;
	enum mark m;

	for (i = next_lead(s->text, i, s->pe); i < s->pe;
	     i = next_lead(s->text, i + 1, s->pe)) {
		m = role(qf, mark_at(s->text, s->pe, i, &ml), &ml);
		if (m == o)
			depth++;
		if (m == c && --depth == 0)
			return true;
		if (m != M_NONE)
			i += ml - 1;
	}
	return false;
}

/* Handle a double mark at i (was_single: a single mark in the text). */
static void on_double(struct cd_qfind *qf, struct pscan *s, enum mark m,
		      size_t i, size_t ml, bool was_single)
{
	uint32_t before = prev_cp(s->text, s->ps, i);
	uint32_t after = next_cp(s->text, s->pe, i + ml);
	struct cd_qpiece p = { 0 };
	enum mark c;

	if (was_single && !single_first_ok(qf, s, m, i, ml, before, after))
		return;
	if (s->dq == M_NONE) {
		if (!dq_opens(m, before, after))
			return;
		s->dq = m, s->dq_at = i, s->dq_len = ml;
		/* a pending single holds this quotation (British typing)
		 * or was an apostrophe */
		if (s->sq != M_NONE)
			count_single(qf, s, i);
		s->sq = M_NONE;
		qf->ndq[m == M_DQ]++;
		return;
	}
	/* a “ opening in a “ quotation nests in it: its ” is not the end */
	c = nest_closer(m);
	if (m == s->dq && c != M_NONE && opens_after(before)
	    && is_alnum(after) && nest_closes(qf, s, i + ml, m, c)) {
		s->nest++;
		return;
	}
	if (s->nest && m == nest_closer(s->dq)) {
		s->nest--;
		return;
	}
	if (!dq_closes_in(s, m, i, before, after))
		return;
	p.open = s->dq_at, p.start = s->dq_at + s->dq_len;
	p.end = i, p.close = i + ml;
	p.para = s->para, p.pstart = s->ps;
	add_piece(qf, s->text, &p);
	s->dq = M_NONE;
}

/* Handle a single mark at i (only called outside double quotations). */
static void on_single(struct cd_qfind *qf, struct pscan *s, enum mark m,
		      size_t i, size_t ml)
{
	uint32_t before = prev_cp(s->text, s->ps, i);
	uint32_t after = next_cp(s->text, s->pe, i + ml);
	struct cd_qpiece p = { 0 };

	if (s->sq == M_NONE) {
		/* ‘90s and '90s are years, not quotations. */
		if ((m == M_LSQ || m == M_SQ) && opens_after(before)
		    && is_alnum(after) && !(after >= '0' && after <= '9')) {
			s->sq = m, s->sq_at = i, s->sq_len = ml;
		}
		return;
	}
	if ((m != M_RSQ && m != M_SQ) || is_space(before) || is_alnum(after))
		return;
	p.open = s->sq_at, p.start = s->sq_at + s->sq_len;
	p.end = i, p.close = i + ml;
	p.para = s->para, p.pstart = s->ps;
	p.single = true;
	add_piece(qf, s->text, &p);
	count_single(qf, s, i);
	s->sq = M_NONE;
}

/* True when text[i..hi) is only white space. */
static bool blank(const char *text, size_t i, size_t hi)
{
	for (; i < hi; i++)
		if (!is_space((unsigned char)text[i]))
			return false;
	return true;
}

/* Scan text[from..pe) of the paragraph, carrying the state of the scan;
 * returns true when it ends inside an open double quotation. */
static bool scan_range(struct cd_qfind *qf, struct pscan *s, size_t from)
{
	size_t i, ml;
	enum mark m, raw;

	for (i = next_lead(s->text, from, s->pe); i < s->pe;
	     i = next_lead(s->text, i + 1, s->pe)) {
		raw = mark_at(s->text, s->pe, i, &ml);
		/* ''old style'' quoting: no British text */
		if (raw == M_DQ2 && !qf->old_marks
		    && opens_after(prev_cp(s->text, s->ps, i)))
			qf->nold++;
		m = role(qf, raw, &ml);
		if (is_double(m))
			on_double(qf, s, m, i, ml, is_single(raw));
		else if (s->dq == M_NONE && m >= M_SQ && m <= M_RSQ)
			on_single(qf, s, m, i, ml);
		if (m != M_NONE)
			i += ml - 1;
	}
	return s->dq != M_NONE;
}

/* True when line text[lo..hi), which follows a paragraph ending inside
 * the quotation s has open, goes on with it: its first double mark (not
 * an apostrophe, in a text quoting in single marks) closes that quotation
 * and the line does not open with a mark.  Texts with a line per
 * sentence break quotations so. */
static bool line_goes_on(const struct cd_qfind *qf, const struct pscan *s,
			 size_t lo, size_t hi)
{
	size_t i, ml;
	enum mark m, raw;

	while (lo < hi && is_space(next_cp(s->text, hi, lo)))
		lo++;
	if (lo < hi && mark_at(s->text, hi, lo, &ml) != M_NONE)
		return false;
	for (i = lo; i < hi; i++) {
		raw = mark_at(s->text, hi, i, &ml);
		m = role(qf, raw, &ml);
		/* (a single mark before a letter is an apostrophe: didn’t) */
		if (!is_double(m) || (is_single(raw)
				      && is_alnum(next_cp(s->text, hi, i + ml))))
			continue;
		return dq_closes_in(s, m, i, prev_cp(s->text, lo, i),
				    next_cp(s->text, hi, i + ml))
		       && !is_space(prev_cp(s->text, lo, i));
	}
	return false;
}

/* Remember that the line break at offset i is inside a paragraph. */
static void add_soft(struct cd_qfind *qf, size_t i)
{
	qf->soft = cd_xgrow(qf->soft, &qf->softcap, qf->nsoft + 1,
			    sizeof(*qf->soft));
	qf->soft[qf->nsoft++] = i;
}

/* Scan the paragraph starting at line s->ps..s->pe, joining the next
 * lines while a quotation runs on into them; returns true when it ends
 * inside an open double quotation (added as an unclosed piece). */
static bool scan_para(struct cd_qfind *qf, struct pscan *s, size_t len)
{
	struct cd_qpiece p = { 0 };
	size_t from = s->ps, lo, hi, k, lines = 0;
	const char *nl;

	s->dq = s->sq = M_NONE;
	s->nest = 0;
	while (scan_range(qf, s, from) && s->pe < len && lines++ < 10) {
		lo = s->pe + 1;
		while (lo < len && (nl = memchr(s->text + lo, '\n', len - lo))
		       && blank(s->text, lo, (size_t)(nl - s->text)))
			lo = (size_t)(nl - s->text) + 1;
		nl = lo < len ? memchr(s->text + lo, '\n', len - lo) : NULL;
		hi = nl ? (size_t)(nl - s->text) : len;
		if (lo >= len || !line_goes_on(qf, s, lo, hi))
			break;
		for (k = s->pe; k < lo; k++)
			if (s->text[k] == '\n')
				add_soft(qf, k);
		from = lo;
		s->pe = hi;
	}
	/* a single quotation opening the paragraph runs on into the next
	 * one (‘A …¶‘B …’) */
	if (s->sq != M_NONE && blank(s->text, s->ps, s->sq_at))
		count_single(qf, s, s->pe);
	if (s->dq == M_NONE)
		return false;
	p.open = s->dq_at, p.start = s->dq_at + s->dq_len;
	p.end = p.close = s->pe;
	p.para = s->para, p.pstart = s->ps;
	return add_piece(qf, s->text, &p);
}

void cd_qfind_init(struct cd_qfind *qf)
{
	memset(qf, 0, sizeof(*qf));
}

void cd_qfind_release(struct cd_qfind *qf)
{
	free(qf->p);
	free(qf->soft);
	free(qf->line);
	cd_qfind_init(qf);
}


/* True when text[lo..hi) holds two apostrophes in a row. */
static bool has_two_apostrophes(const char *text, size_t lo, size_t hi)
{
	const char *q;

	while (lo + 1 < hi && (q = memchr(text + lo, '\'', hi - lo - 1))) {
		if (q[1] == '\'')
			return true;
		lo = (size_t)(q - text) + 1;
	}
	return false;
}

/* Drop the single-quoted pieces from first on that stand between two
 * apostrophes before and after them in the paragraph text[ps..pe): a
 * quotation inside a ''...'' quotation (old newspaper style, read as
 * such only with old_marks), not one of its own. */
static void drop_nested_in_old(struct cd_qfind *qf, const char *text,
			       size_t first, size_t ps, size_t pe)
{
	size_t k, n = first;

	for (k = first; k < qf->n; k++)
		if (!qf->p[k].single
		    || !has_two_apostrophes(text, ps, qf->p[k].open)
		    || !has_two_apostrophes(text, qf->p[k].end, pe))
			qf->p[n++] = qf->p[k];
	qf->n = n;
}

/* A line of the text, kept while the text is read for its wrapping. */
struct cd_qline {
	struct cd_wrap_line w;	/* w.len == 0: blank */
	size_t lo, hi;		/* its start and its line end */
	bool ascii;		/* no byte of 0x80 or above */
};

/* The line text[lo..hi) (hi at its line end) as the wrap rule reads it:
 * without its indent and trailing white space; len 0 when blank. */
static void wrap_line(const char *text, size_t lo, size_t hi,
		      struct cd_wrap_line *w)
{
	unsigned ind = 0;

	while (lo < hi && text[lo] == ' ')
		lo++, ind++;
	while (hi > lo && (text[hi - 1] == ' ' || text[hi - 1] == '\r'
			   || text[hi - 1] == '\t'))
		hi--;
	w->s = text + lo, w->len = hi - lo, w->chars = 0, w->indent = ind;
}

/* The width text[0..len) is hard-wrapped at (cd_wrap_width), or 0;
 * qf->line holds its lines when the text holds a line break. */
static size_t text_wrap(struct cd_qfind *qf, const char *text, size_t len,
			bool *hang)
{
	struct cd_wrap_tally t;
	struct cd_qline *l;
	size_t i = 0, e, high, k;
	const char *nl;
	unsigned margin;

	*hang = false;
	qf->nline = 0;
	if (!memchr(text, '\n', len))
		return 0;
	high = cd_b16_find_high(text, len);	/* lines before it: ASCII */
	cd_wrap_init(&t);
	for (; i < len; i = e + 1) {
		nl = memchr(text + i, '\n', len - i);
		e = nl ? (size_t)(nl - text) : len;
		if (qf->nline == qf->linecap)
			qf->line = cd_xgrow(qf->line, &qf->linecap,
					    qf->nline + 1, sizeof(*qf->line));
		l = &qf->line[qf->nline++];
		l->lo = i, l->hi = e, l->ascii = e <= high;
		wrap_line(text, i, e, &l->w);
	}
	for (k = 0; k < qf->nline; k++) {
		l = &qf->line[k];
		if (l->w.len && !cd_wrap_add(&t, &l->w, k + 1 < qf->nline ?
					      &l[1].w : NULL, l->ascii))
			return 0;
	}
	return cd_wrap_width(&t, &margin, hang);
}

/* The characters of line l (counted once). */
static size_t line_chars(struct cd_qline *l)
{
	if (!l->w.chars)
		l->w.chars = l->ascii ? l->w.len
				      : cd_text_chars(l->w.s, l->w.len);
	return l->w.chars;
}

/* In text hard-wrapped at width: the end of the paragraph whose first
 * line is qf->line[*k] (blank or not), moved over the lines that go on
 * with it (cd_wrap_goes_on), whose line breaks are recorded as soft;
 * *k moves to its last line. */
static size_t wrap_para(struct cd_qfind *qf, size_t *k, size_t width,
			bool hang)
{
	struct cd_qline *l = qf->line;
	struct cd_wrap_para p;

	if (l[*k].w.len == 0)
		return l[*k].hi;
	line_chars(&l[*k]);
	cd_wrap_start(&p, &l[*k].w, hang);
	while (*k + 1 < qf->nline && l[*k + 1].w.len) {
		line_chars(&l[*k + 1]);
		if (!cd_wrap_goes_on(&p, &l[*k].w, &l[*k + 1].w, width))
			break;
		add_soft(qf, l[*k].hi);
		++*k;
	}
	return l[*k].hi;
}

/* Find the pieces of text[0..len), hard-wrapped at width (0: not) with
 * hang (cd_wrap_width), reading the marks as qf->single_first says. */
static void find_pieces(struct cd_qfind *qf, const char *text, size_t len,
			size_t width, bool hang)
{
	struct pscan s = { 0 };
	size_t i = 0, first, open_piece = (size_t)-1, k = 0;

	qf->n = 0;
	qf->npara = 0;
	qf->nsoft = 0;
	qf->nsq[0] = qf->nsq[1] = qf->ndq[0] = qf->ndq[1] = qf->nold = 0;
	s.text = text;
	while (i < len) {
		/* the lines text_wrap found (none: one line, no line
		 * break); unwrapped, a line is a paragraph */
		s.ps = i;
		if (!qf->nline) {
			s.pe = len;
		} else {
			while (qf->line[k].hi < i)
				k++;
			s.pe = !width || (k == 0 && qf->title_line)
				? qf->line[k].hi : wrap_para(qf, &k, width, hang);
		}
		i = s.pe + 1;
		if (blank(text, s.ps, s.pe))
			continue;
		s.para = qf->npara++;
		first = qf->n;
		bool open_end = scan_para(qf, &s, len);
		i = s.pe + 1;
		if (!qf->old_marks)
			drop_nested_in_old(qf, text, first, s.ps, s.pe);
		/* SPEC: an unclosed quotation continues into the next
		 * paragraph when that one opens with a quotation mark. */
		if (open_piece != (size_t)-1 && qf->n > first
		    && blank(text, s.ps, qf->p[first].open)
		    && !qf->p[first].single) {
			qf->p[open_piece].cont = true;
			qf->p[first].contd = true;
		}
		open_piece = open_end ? qf->n - 1 : (size_t)-1;
	}
}

size_t cd_quote_find(struct cd_qfind *qf, const char *text, size_t len)
{
	bool hang;
	size_t width = text_wrap(qf, text, len, &hang);

	qf->single_first = 0;
	find_pieces(qf, text, len, width, hang);
	/* more quotations in single marks (as count_single counts them)
	 * than opened in double ones (two at least) and none in two
	 * apostrophes: the text quotes in single marks (British style), so
	 * it is read again with the two kinds of marks changing places;
	 * curly and straight marks apart (a text may quote one source in
	 * each), straight single ones against all the double ones (a text
	 * quoting in curly doubles may close with a straight one, and
	 * writes titles in straight singles) */
	if (!qf->nold) {
		unsigned first = 0;
		size_t nd = qf->ndq[0] + qf->ndq[1];

		if (qf->nsq[0] > qf->ndq[0] && qf->nsq[0] >= 2)
			first |= CD_Q_CURLY;
		if (qf->nsq[1] > nd && qf->nsq[1] >= 2)
			first |= CD_Q_STRAIGHT;
		if (first) {
			qf->single_first = first;
			find_pieces(qf, text, len, width, hang);
		}
	}
	return qf->n;
}

bool cd_quote_none(const char *text, size_t len)
{
	size_t i, ml;
	enum mark m;

	for (i = next_lead(text, 0, len); i < len;
	     i = next_lead(text, i + 1, len)) {
		m = mark_at(text, len, i, &ml);
		if (m == M_NONE || m == M_PRIME)
			continue;
		/* it's, don’t: no mark opens after a letter, and ’ never
		 * opens (nor does anything close with nothing open) */
		if ((m == M_SQ || m == M_RSQ) && i > 0 && i + ml < len
		    && cd_text_alpha((unsigned char)text[i - 1])
		    && cd_text_alpha((unsigned char)text[i + ml]))
			continue;
		return false;
	}
	return true;
}

/* A stretch of text inside a quotation: (lo, hi) exclusive. */
struct span {
	size_t lo, hi;
};

static int span_cmp(const void *x, const void *y)
{
	const struct span *a = x, *b = y;

	return a->lo < b->lo ? -1 : a->lo > b->lo;
}

/* The stretches inside quotations of the last scan, sorted and merged:
 * a piece from its opening mark to its closing one, or to the opening
 * mark of the piece continuing it.  Returns their number; free(*out). */
static size_t spans(const struct cd_qfind *qf, struct span **out)
{
	struct span *s = cd_xmalloc((qf->n ? qf->n : 1) * sizeof(*s));
	size_t i, n = 0;

	for (i = 0; i < qf->n; i++) {
		s[i].lo = qf->p[i].open;
		s[i].hi = qf->p[i].cont && i + 1 < qf->n ? qf->p[i + 1].open + 1
			: qf->p[i].close;
	}
	qsort(s, qf->n, sizeof(*s), span_cmp);
	for (i = 0; i < qf->n; i++) {
		if (n > 0 && s[i].lo < s[n - 1].hi) {
			if (s[i].hi > s[n - 1].hi)
				s[n - 1].hi = s[i].hi;
		} else {
			s[n++] = s[i];
		}
	}
	*out = s;
	return n;
}

/* True when offset c lies inside one of the n sorted spans s; *j is the
 * number of spans that may hold c, moved down as c falls. */
static bool inside(const struct span *s, size_t *j, size_t c)
{
	while (*j > 0 && s[*j - 1].lo >= c)
		(*j)--;
	return *j > 0 && c < s[*j - 1].hi;
}

/* True when text[c] starts a sentence inside a paragraph: it follows
 * ". ", "! " or "? " (or one of them and a closing mark). */
static bool sentence_start(const char *text, size_t c)
{
	size_t i = c;

	if (i < 2 || text[i - 1] != ' ' || text[i] == ' ')
		return false;
	i--;
	while (i > 0 && (text[i - 1] == '"' || text[i - 1] == '\''))
		i--;
	if (i >= 3 && (unsigned char)text[i - 3] == 0xE2
	    && (unsigned char)text[i - 2] == 0x80
	    && ((unsigned char)text[i - 1] == 0x9D
		|| (unsigned char)text[i - 1] == 0x99))
		i -= 3;
	return i > 0 && (text[i - 1] == '.' || text[i - 1] == '!'
			 || text[i - 1] == '?');
}

size_t cd_quote_cut(const struct cd_qfind *qf, const char *text, size_t lim)
{
	struct span *s;
	size_t c, n = spans(qf, &s), j = n;

	for (c = lim; c > lim / 2; c--)
		if (text[c - 1] == '\n' && !inside(s, &j, c))
			break;
	if (c == lim / 2)
		for (c = lim, j = n; c > lim / 2; c--)
			if (sentence_start(text, c) && !inside(s, &j, c))
				break;
	free(s);
	return c > lim / 2 ? c : 0;
}

/* True when the line break at offset k joins two lines of a paragraph. */
static bool is_soft(const struct cd_qfind *qf, size_t k)
{
	size_t lo = 0, hi = qf->nsoft, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (qf->soft[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < qf->nsoft && qf->soft[lo] == k;
}

size_t cd_quote_paras(const struct cd_qfind *qf, const char *text,
		      size_t from, size_t to)
{
	size_t i = from, e, n = 0;
	const char *nl;

	while (i < to) {
		nl = memchr(text + i, '\n', to - i);
		e = nl ? (size_t)(nl - text) : to;
		if (!blank(text, i, e) && (i == 0 || !is_soft(qf, i - 1)))
			n++;
		i = e + 1;
	}
	return n;
}

size_t cd_quote_para_end(const struct cd_qfind *qf, const char *text,
			 size_t len, size_t i)
{
	const char *nl;

	while (i < len && (nl = memchr(text + i, '\n', len - i))) {
		i = (size_t)(nl - text);
		if (!is_soft(qf, i))
			return i;
		i++;
	}
	return len;
}
