/* segment.c - paragraph and sentence splitting; see segment.h. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "datapath.h"
#include "segment.h"
#include "uchar.h"
#include "utf8.h"

enum {
	W_ABBR = CD_SEG_ABBR, W_TITLE = CD_SEG_TITLE, W_STARTER = CD_SEG_STARTER
};

struct word {
	char *w;
	size_t len;
	int cls;
};

/* The word list, kept sorted by bytes for binary search. */
struct cd_segment {
	struct word *v;
	size_t n, cap;
};

void cd_spans_release(struct cd_spans *sp)
{
	free(sp->v);
	sp->v = NULL;
	sp->n = sp->cap = 0;
}

/* Is c ASCII white space (a line break included)? */
static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Trim s[start..end) of white space and append it to out unless empty. */
static void push(struct cd_spans *out, const char *s, size_t start, size_t end)
{
	while (start < end && is_space((unsigned char)s[start]))
		start++;
	while (end > start && is_space((unsigned char)s[end - 1]))
		end--;
	if (start == end)
		return;
	if (out->n == out->cap)
		out->v = cd_xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
	out->v[out->n].start = start;
	out->v[out->n].end = end;
	out->n++;
}

/* Is s[a..b) white space only? */
static bool blank(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!is_space((unsigned char)s[a]))
			return false;
	return true;
}

/* The end of the line starting at a: the offset of its "\n" or len. */
static size_t line_end(const char *s, size_t a, size_t len)
{
	const char *nl = memchr(s + a, '\n', len - a);

	return nl ? (size_t)(nl - s) : len;
}

/* Does a blank line stand between two lines with text? */
static bool inner_blank(const char *s, size_t len)
{
	bool seen = false, gap = false;
	size_t a, b;

	for (a = 0; a < len; a = b + 1) {
		b = line_end(s, a, len);
		if (!blank(s, a, b)) {
			if (gap)
				return true;
			seen = true;
		} else if (seen) {
			gap = true;
		}
	}
	return false;
}

/* Does the line s[a..b) start with an indent (a tab or two spaces)? */
static bool indented(const char *s, size_t a, size_t b)
{
	return a < b && (s[a] == '\t' || (b - a > 1 && s[a] == ' ' &&
					  s[a + 1] == ' '));
}

/* Are some lines of s[0..len) with text indented, but not all?  Then a
 * text without blank lines is hard-wrapped with an indent at the start of
 * each paragraph (news wire copy such as Reuters). */
static bool indent_marks(const char *s, size_t len)
{
	size_t a, b, lines = 0, ind = 0;

	for (a = 0; a < len; a = b + 1) {
		b = line_end(s, a, len);
		if (blank(s, a, b))
			continue;
		lines++;
		ind += indented(s, a, b);
	}
	return ind > 0 && ind < lines;
}

void cd_segment_paragraphs(const char *s, size_t len, struct cd_spans *out)
{
	bool by_line = !inner_blank(s, len);
	bool by_indent = by_line && indent_marks(s, len);
	size_t a, b, open = SIZE_MAX, last = 0;

	out->n = 0;
	for (a = 0; a < len; a = b + 1) {
		b = line_end(s, a, len);
		if (blank(s, a, b) || (by_indent && indented(s, a, b))) {
			if (open != SIZE_MAX)
				push(out, s, open, last);
			open = SIZE_MAX;
		}
		if (blank(s, a, b))
			continue;
		if (by_line && !by_indent) {
			push(out, s, a, b);
			continue;
		}
		if (open == SIZE_MAX)
			open = a;
		last = b;
	}
	if (open != SIZE_MAX)
		push(out, s, open, last);
}

struct cd_segment *cd_segment_new(void)
{
	return cd_xcalloc(1, sizeof(struct cd_segment));
}

void cd_segment_free(struct cd_segment *seg)
{
	size_t i;

	if (!seg)
		return;
	for (i = 0; i < seg->n; i++)
		free(seg->v[i].w);
	free(seg->v);
	free(seg);
}

/* Compare two byte strings, shorter first on a common prefix. */
static int bytecmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/* The index of w in the list, or where it would go (*found false). */
static size_t find(const struct cd_segment *seg, const char *w, size_t len,
		   bool *found)
{
	size_t lo = 0, hi = seg->n;

	*found = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = bytecmp(seg->v[mid].w, seg->v[mid].len, w, len);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The class of word w, or -1 when it is not listed. */
static int lookup(const struct cd_segment *seg, const char *w, size_t len)
{
	bool found;
	size_t i = find(seg, w, len, &found);

	return found ? seg->v[i].cls : -1;
}

int cd_segment_class(const struct cd_segment *seg, const char *w, size_t len)
{
	return lookup(seg, w, len);
}

/* Parse the class word after an entry; -1 when unknown. */
static int parse_class(const char *p, size_t len)
{
	if (len == 0)
		return W_ABBR;
	if (len == 5 && memcmp(p, "title", 5) == 0)
		return W_TITLE;
	if (len == 7 && memcmp(p, "starter", 7) == 0)
		return W_STARTER;
	return -1;
}

int cd_segment_add(struct cd_segment *seg, const char *line, size_t len)
{
	size_t a = 0, b, c, i;
	bool found;
	int cls;

	while (len > 0 && is_space((unsigned char)line[len - 1]))
		len--;
	while (a < len && is_space((unsigned char)line[a]))
		a++;
	if (a == len || line[a] == '#')
		return 0;
	for (b = a; b < len && !is_space((unsigned char)line[b]); b++)
		;
	for (c = b; c < len && is_space((unsigned char)line[c]); c++)
		;
	cls = parse_class(line + c, len - c);
	if (cls < 0 || (cls != W_STARTER && line[b - 1] != '.'))
		return -1;
	i = find(seg, line + a, b - a, &found);
	if (found) {
		seg->v[i].cls = cls;
		return 0;
	}
	if (seg->n == seg->cap)
		seg->v = cd_xgrow(seg->v, &seg->cap, seg->n + 1, sizeof(*seg->v));
	memmove(seg->v + i + 1, seg->v + i, (seg->n - i) * sizeof(*seg->v));
	seg->v[i].w = cd_xmemdup(line + a, b - a);
	seg->v[i].len = b - a;
	seg->v[i].cls = cls;
	seg->n++;
	return 0;
}

/* cd_segment_add for cd_data_read. */
static int segment_add(void *seg, const char *line, size_t len)
{
	return cd_segment_add(seg, line, len);
}

long cd_segment_load(struct cd_segment *seg, const char *path)
{
	return cd_data_read(path, segment_add, seg);
}

/* The code point at s[i..end), its length in *n. */
static uint32_t cp_at(const char *s, size_t i, size_t end, size_t *n)
{
	return cd_utf8_decode(s + i, end - i, n);
}

/* Is cp a quotation mark or bracket that may open a sentence? */
static bool is_opener(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
	       cp == 0x201C || cp == 0x2018 || cp == 0xAB;
}

/* Is cp a quotation mark or bracket that may close a sentence? */
static bool is_closer(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	       cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

/* The length of the white space character at s[i], or 0 (NBSP counts). */
static size_t space_len(const char *s, size_t i, size_t end)
{
	if (is_space((unsigned char)s[i]))
		return 1;
	if (i + 1 < end && (unsigned char)s[i] == 0xC2 &&
	    (unsigned char)s[i + 1] == 0xA0)
		return 2;
	return 0;
}

/* What ended at a run of sentence marks. */
struct mark {
	size_t at, end;		/* the run s[at..end) */
	bool bang;		/* holds '!' or '?' */
	bool ellipsis;		/* "..." or U+2026 */
};

/* Read the run of . ! ? and U+2026 at s[i]; false when there is none. */
static bool read_mark(const char *s, size_t i, size_t end, struct mark *m)
{
	size_t dots = 0, n;

	m->at = i;
	m->bang = m->ellipsis = false;
	while (i < end) {
		uint32_t cp = cp_at(s, i, end, &n);

		if (cp == '.')
			dots++;
		else if (cp == '!' || cp == '?')
			m->bang = true;
		else if (cp == 0x2026)
			m->ellipsis = true;
		else
			break;
		i += n;
	}
	m->end = i;
	m->ellipsis |= dots > 1;
	return i > m->at;
}

/* Step past closing quotes and brackets from i. */
static size_t skip_closers(const char *s, size_t i, size_t end)
{
	size_t n;

	while (i < end && is_closer(cp_at(s, i, end, &n)))
		i += n;
	return i;
}

/* Step past white space and opening quotes and brackets from i. */
static size_t skip_to_word(const char *s, size_t i, size_t end)
{
	size_t n;

	for (;;) {
		if (i >= end)
			return end;
		if ((n = space_len(s, i, end)) == 0 &&
		    !is_opener(cp_at(s, i, end, &n)))
			return i;
		i += n;
	}
}

/* The start of the word that ends at the period s[dot]. */
static size_t word_start(const char *s, size_t from, size_t dot)
{
	size_t i = dot, n;

	while (i > from) {
		size_t k = i - 1;

		while (k > from && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		uint32_t cp = cp_at(s, k, dot, &n);

		/* Any quotation mark or bracket starts the word: typesetters
		 * put closing marks where opening ones belong. */
		if (space_len(s, k, dot) || is_opener(cp) || is_closer(cp))
			break;
		i = k;
	}
	return i;
}

/* Is w[0..len) a single upper-case letter (an initial)? */
static bool is_initial(const char *w, size_t len)
{
	size_t n;
	uint32_t cp = cd_utf8_decode(w, len, &n);

	return n == len && cd_cp_upper(cp);
}

/* Is w[0..len) letters in groups of at most three joined by periods
 * ("U.S", "a.m", "Ph.D")? */
static bool is_dotted(const char *w, size_t len)
{
	size_t i = 0, n, group = 0, dots = 0;

	while (i < len) {
		uint32_t cp = cd_utf8_decode(w + i, len - i, &n);

		if (cp == '.') {
			if (group == 0)
				return false;
			dots++;
			group = 0;
		} else if (!cd_cp_letter(cp) || ++group > 3) {
			return false;
		}
		i += n;
	}
	return dots > 0 && group > 0;
}

/* Is the word at s[i] one that usually starts a sentence? */
static bool starter(const struct cd_segment *seg, const char *s, size_t i,
		    size_t end)
{
	size_t j = i, n;

	while (j < end && cd_cp_letter(cp_at(s, j, end, &n)))
		j += n;
	return j > i && lookup(seg, s + i, j - i) == W_STARTER;
}

/* Does the sentence end after mark m, closed by quotes or brackets up to
 * close, the next word starting at next? */
static bool ends_here(const struct cd_segment *seg, const char *s,
		      size_t from, const struct mark *m, size_t close,
		      size_t next, size_t end)
{
	size_t n, w;
	uint32_t cp;
	int cls;

	if (next >= end)
		return true;
	cp = cp_at(s, next, end, &n);
	if (cd_cp_lower(cp))
		return false;
	/* A closing quotation mark after the period ends the sentence
	 * whatever the word before it: SPEC's '."'. */
	if (m->bang || close > m->end)
		return true;
	if (m->ellipsis)
		return cd_cp_upper(cp);
	w = word_start(s, from, m->at);
	if (w == m->at)
		return true;
	cls = lookup(seg, s + w, m->at + 1 - w);
	if (cls == W_TITLE)
		return false;
	if (cls == W_ABBR || is_initial(s + w, m->at - w) ||
	    is_dotted(s + w, m->at - w))
		return starter(seg, s, next, end);
	return true;
}

bool cd_segment_ends_at(const struct cd_segment *seg, const char *s,
			size_t from, size_t at, size_t end, size_t *after)
{
	struct mark m;
	size_t k;

	if (!read_mark(s, at, end, &m)) {
		*after = at + 1;
		return false;
	}
	*after = k = skip_closers(s, m.end, end);
	return k < end && space_len(s, k, end)
	       && ends_here(seg, s, from, &m, k, skip_to_word(s, k, end), end);
}

/* Split the paragraph s[a..b) into sentences. */
static void paragraph_sentences(const struct cd_segment *seg, const char *s,
				size_t a, size_t b, struct cd_spans *out)
{
	size_t start = a, i = a, k;

	while (i < b) {
		if (cd_segment_ends_at(seg, s, start, i, b, &k)) {
			push(out, s, start, k);
			start = k;
		}
		i = k;
	}
	push(out, s, start, b);
}

void cd_segment_sentences(const struct cd_segment *seg, const char *s,
			  size_t len, struct cd_spans *out)
{
	struct cd_spans para = CD_SPANS_INIT;
	size_t i;

	cd_segment_paragraphs(s, len, &para);
	out->n = 0;
	for (i = 0; i < para.n; i++)
		paragraph_sentences(seg, s, para.v[i].start, para.v[i].end, out);
	cd_spans_release(&para);
}
