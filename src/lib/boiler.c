/* boiler.c - boilerplate removal: rules, one document, the corpus; see
 * boiler.h. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "boiler.h"
#include "columns.h"
#include "date.h"
#include "reader.h"
#include "sketch.h"
#include "text.h"
#include "utf8.h"

/* ---- line rules ---- */

void cd_boiler_rules_init(struct cd_boiler_rules *rs)
{
	memset(rs, 0, sizeof(*rs));
}

void cd_boiler_rules_release(struct cd_boiler_rules *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->r[i].name);
		free(rs->r[i].pat);
	}
	free(rs->r);
	free(rs->next);
	free(rs->pair);
	cd_boiler_rules_init(rs);
}

/* Cut the next blank-separated word from [*p, end) into *w and *wlen. */
static bool next_word(const char **p, const char *end, const char **w,
		      size_t *wlen)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	*w = *p;
	while (*p < end && **p != ' ' && **p != '\t')
		(*p)++;
	*wlen = (size_t)(*p - *w);
	return *wlen > 0;
}

/* The rule kind spelled w[0..n), or -1. */
static int rule_kind(const char *w, size_t n)
{
	static const char *const names[] = {
		"line", "prefix", "suffix", "contains", "block", "end"
	};
	int k;

	for (k = 0; k < 6; k++)
		if (strlen(names[k]) == n && memcmp(w, names[k], n) == 0)
			return k;
	return -1;
}

/* Parse MAXLEN from w[0..n) into *max; false when it is not one. */
static bool rule_max(const char *w, size_t n, size_t *max)
{
	size_t i, v = 0;

	if (n == 1 && w[0] == '-') {
		*max = SIZE_MAX;
		return true;
	}
	for (i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9' || v > 100000000)
			return false;
		v = v * 10 + (size_t)(w[i] - '0');
	}
	*max = v;
	return n > 0;
}

/* Parse one rule line p[0..len); returns NULL or the reason it is bad. */
static const char *rule_line(struct cd_boiler_rules *rs, const char *p,
			     size_t len)
{
	const char *end = p + len, *name, *kind, *max;
	size_t nlen, klen, mlen, plen, i;
	struct cd_rule *r;
	int k;

	if (!next_word(&p, end, &name, &nlen))
		return NULL;
	if (name[0] == '#')
		return NULL;
	if (!next_word(&p, end, &kind, &klen) || (k = rule_kind(kind, klen)) < 0)
		return "expected a kind: line, prefix, suffix, contains, block or end";
	r = cd_xgrow(rs->r, &rs->cap, rs->n + 1, sizeof(*rs->r));
	rs->r = r;
	r += rs->n;
	if (!next_word(&p, end, &max, &mlen) || !rule_max(max, mlen, &r->maxlen))
		return "expected a maximum length or '-'";
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	plen = (size_t)(end - p);
	if (plen == 0)
		return "empty pattern";
	if (memchr(p, '\0', plen) || cd_utf8_check(p, plen) != plen ||
	    memchr(name, '\0', nlen) || cd_utf8_check(name, nlen) != nlen)
		return "not valid UTF-8 text";
	r->name = cd_xmemdup(name, nlen);
	r->pat = cd_xmemdup(p, plen);
	r->plen = plen;
	for (i = 0; i < plen; i++)	/* matching folds the text to this */
		r->pat[i] = (char)cd_text_lower((unsigned char)r->pat[i]);
	r->kind = (enum cd_rule_kind)k;
	rs->n++;
	return NULL;
}

/* The 16-bit key of four bytes read big-endian into w. */
static inline unsigned quad_hash(uint32_t w)
{
	return (unsigned)((w * 2654435761u) >> 16);
}

/* True when a contains rule of four bytes or more may start with the
 * four bytes in w. */
static inline bool quad_test(const struct cd_boiler_rules *rs, uint32_t w)
{
	unsigned h = quad_hash(w);

	return rs->quadbit[h >> 6] >> (h & 63) & 1;
}

/* The 16-bit key of the four bytes at p, case folded already. */
static unsigned quad_key(const unsigned char *p)
{
	return quad_hash((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
			 (uint32_t)p[2] << 8 | p[3]);
}

/* The slot of the byte pair a, b in rs->shift. */
static inline unsigned shift_slot(unsigned char a, unsigned char b)
{
	return ((unsigned)a << 4 ^ b) & 4095;
}

/* The byte c, or its ASCII upper case when up and c is a small letter. */
static unsigned char case_variant(unsigned char c, bool up)
{
	return up && c >= 'a' && c <= 'z' ? (unsigned char)(c - 32) : c;
}

/* Let the skip table move the window by at most sh where it ends in the
 * pair a, b (folded) written in any ASCII case, so the scan reads the
 * text's bytes as they are. */
static void shift_lower(struct cd_boiler_rules *rs, unsigned char a,
			unsigned char b, size_t sh)
{
	unsigned v;

	for (v = 0; v < 4; v++) {
		unsigned j = shift_slot(case_variant(a, v & 1),
					case_variant(b, v & 2));

		if (rs->shift[j] > sh)
			rs->shift[j] = (uint8_t)sh;
	}
}

/* Build the skip table of the contains scan (Wu and Manber): the window
 * is the wm first bytes of a pattern, and a pair ending q bytes before
 * the end of some pattern's window lets the window move by q at most. */
static void shift_index(struct cd_boiler_rules *rs)
{
	size_t i, q, m = 8;

	for (i = 0; i < rs->n; i++)
		if (rs->r[i].kind == CD_RULE_CONTAINS && rs->r[i].plen < m)
			m = rs->r[i].plen;
	rs->wm = m;
	memset(rs->shift, (int)(m - 1), sizeof(rs->shift));
	for (i = 0; i < rs->n; i++) {
		const unsigned char *pat = (const unsigned char *)rs->r[i].pat;

		if (rs->r[i].kind != CD_RULE_CONTAINS)
			continue;
		for (q = 1; q < m; q++)
			shift_lower(rs, pat[q - 1], pat[q], m - 1 - q);
	}
}

/* Raise the bounds of rs (lmax, pmax, smax) to cover rule r. */
static void rule_bounds(struct cd_boiler_rules *rs, const struct cd_rule *r)
{
	size_t *b = r->kind == CD_RULE_LINE ? &rs->lmax :
		    r->kind == CD_RULE_SUFFIX ? &rs->smax :
		    r->kind == CD_RULE_CONTAINS ? NULL : &rs->pmax;
	size_t v = r->kind == CD_RULE_LINE ? r->plen : r->maxlen;

	if (b && v > *b)
		*b = v;
}

/* Rebuild the chains of rs (see struct cd_boiler_rules).  Rules are
 * pushed from the last, so every chain runs in file order. */
static void rules_index(struct cd_boiler_rules *rs)
{
	size_t i;

	free(rs->next);
	rs->next = cd_xcalloc(rs->n + 1, sizeof(*rs->next));
	if (!rs->pair)
		rs->pair = cd_xcalloc(65536, sizeof(*rs->pair));
	memset(rs->pair, 0, 65536 * sizeof(*rs->pair));
	memset(rs->head, 0, sizeof(rs->head));
	memset(rs->line, 0, sizeof(rs->line));
	memset(rs->tail, 0, sizeof(rs->tail));
	memset(rs->pairbit, 0, sizeof(rs->pairbit));
	memset(rs->quadbit, 0, sizeof(rs->quadbit));
	rs->one = 0;
	rs->cmax = rs->lmax = rs->pmax = rs->smax = 0;
	rs->npair = 0;
	for (i = rs->n; i-- > 0;) {
		const struct cd_rule *r = &rs->r[i];
		const unsigned char *pat = (const unsigned char *)r->pat;
		uint32_t *chain;

		rule_bounds(rs, r);
		if (r->kind == CD_RULE_SUFFIX)
			chain = &rs->tail[pat[r->plen - 1]];
		else if (r->kind == CD_RULE_LINE)
			chain = &rs->line[pat[0]];
		else if (r->kind != CD_RULE_CONTAINS)
			chain = &rs->head[pat[0]];
		else if (r->plen == 1)
			chain = &rs->one;
		else
			chain = &rs->pair[pat[0] << 8 | pat[1]];
		if (r->kind == CD_RULE_CONTAINS) {
			unsigned k = (unsigned)pat[0] << 8 | pat[1];

			if (r->maxlen > rs->cmax)
				rs->cmax = r->maxlen;
			if (r->plen >= 4)
				k = quad_key(pat);
			if (r->plen >= 4)
				rs->quadbit[k >> 6] |= 1ULL << (k & 63);
			else if (r->plen > 1)
				rs->pairbit[k >> 6] |= 1ULL << (k & 63);
			if (r->plen > 1 && r->plen < 4)
				rs->npair++;
		}
		rs->next[i] = *chain;
		*chain = (uint32_t)i + 1;
	}
	shift_index(rs);
}

int cd_boiler_rules_parse(struct cd_boiler_rules *rs, const char *name,
			  const char *text, size_t len, struct cd_buf *err)
{
	size_t i = 0, lineno = 0;

	cd_buf_reset(err);
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		const char *why;

		lineno++;
		why = rule_line(rs, text + i, n);
		if (why) {
			cd_buf_addf(err, "%s:%zu: %s", name, lineno, why);
			rules_index(rs);
			return -1;
		}
		i += n + 1;
	}
	rules_index(rs);
	return 0;
}

int cd_boiler_rules_load(struct cd_boiler_rules *rs, const char *path,
			 struct cd_buf *err)
{
	struct cd_reader rd;
	struct cd_buf text = CD_BUF_INIT;
	int rc;

	cd_buf_reset(err);
	if (cd_reader_open(&rd, path, 0) < 0) {
		cd_buf_addf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = cd_reader_slurp(&rd, &text);
	if (rc < 0)
		cd_buf_addf(err, "%s: %s", path, rd.err ? rd.err : "read error");
	else
		rc = cd_boiler_rules_parse(rs, path, text.p ? text.p : "",
					   text.len, err);
	cd_reader_close(&rd);
	cd_buf_release(&text);
	return rc;
}

/* True when code point cp may trail a line without changing what it says
 * (punctuation, arrows, guillemets, ellipsis). */
static bool trail_cp(uint32_t cp)
{
	return cp == ' ' || cp == '.' || cp == '!' || cp == ':' || cp == '|' ||
	       cp == '>' || cp == '-' || cp == ',' || cp == ';' || cp == '?' ||
	       cp == 0xBB || cp == 0x203A || cp == 0x2026 || cp == 0x2192 ||
	       cp == 0x2013 || cp == 0x2014;
}

/* The length of s[0..len) without trailing punctuation of trail_cp. */
static size_t strip_trail(const char *s, size_t len)
{
	while (len > 0) {
		size_t k = len - 1;
		size_t n;

		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (!trail_cp(cd_utf8_decode(s + k, len - k, &n)))
			break;
		len = k;
	}
	return len;
}

/* How chain_hit reads a chain. */
enum hit_mode {
	HIT_PREFIX,	/* at offset 0 (prefix, block and end rules) */
	HIT_LINE,	/* the whole text (line rules) */
	HIT_AT		/* every rule of the chain, at the offset given */
};

/* The lowest rule number below best on chain c (numbers +1) that passes
 * the length limit and matches s[0..len) at offset at ((size_t)-1: at the
 * end), ASCII case folded; else best. */
static size_t chain_hit(const struct cd_boiler_rules *rs, uint32_t c,
			const char *s, size_t len, size_t at, size_t chars,
			size_t best, enum hit_mode mode)
{
	for (; c && c - 1 < best; c = rs->next[c - 1]) {
		const struct cd_rule *r = &rs->r[c - 1];
		size_t off;

		if (chars > r->maxlen || r->plen > len ||
		    (mode == HIT_LINE && r->plen != len))
			continue;
		off = at == (size_t)-1 ? len - r->plen : at;
		if (off + r->plen <= len && cd_text_ieq(s + off, r->pat, r->plen))
			return c - 1;
	}
	return best;
}

/* contains_hit for patterns of rs->wm bytes or more: the window of wm
 * bytes jumps by the skip table, and the chain of its first two bytes is
 * read only where the table says a pattern may start. */
static size_t contains_skip(const struct cd_boiler_rules *rs, const char *s,
			    size_t len, size_t chars, size_t best)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t m = rs->wm, e = m - 1, st;
	unsigned sh, k;

	while (e < len) {
		sh = rs->shift[shift_slot(u[e - 1], u[e])];
		if (sh) {
			e += sh;
			continue;
		}
		st = e + 1 - m;
		k = (unsigned)cd_text_lower(u[st]) << 8 | cd_text_lower(u[st + 1]);
		if (rs->pair[k])
			best = chain_hit(rs, rs->pair[k], s, len, st, chars,
					 best, HIT_AT);
		e++;
	}
	return best;
}

/* The lowest contains rule below best matching s[0..len), or best: one
 * pass over the text; a chain is read only where the byte pair (short
 * patterns) or the hash of four bytes (longer ones) is in a bit set. */
static size_t contains_hit(const struct cd_boiler_rules *rs, const char *s,
			   size_t len, size_t chars, size_t best)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t w;
	unsigned k;
	size_t i;

	if (chars > rs->cmax)
		return best;	/* too long for every contains rule */
	if (rs->one)
		for (i = 0; i < len; i++)
			best = chain_hit(rs, rs->one, s, len, i, chars, best,
					 HIT_AT);
	if (len < 2)
		return best;
	if (rs->wm >= 4)
		return contains_skip(rs, s, len, chars, best);
	/* w holds the folded bytes i..i+3 (zeros past the end) */
	w = (uint32_t)cd_text_lower(u[0]) << 16 |
	    (uint32_t)cd_text_lower(u[1]) << 8 |
	    (len > 2 ? cd_text_lower(u[2]) : 0);
	for (i = 0; i + 1 < len; i++) {
		w = w << 8 | (i + 3 < len ? cd_text_lower(u[i + 3]) : 0);
		k = w >> 16;
		if (rs->npair && rs->pairbit[k >> 6] >> (k & 63) & 1)
			best = chain_hit(rs, rs->pair[k], s, len, i, chars,
					 best, HIT_AT);
		else if (quad_test(rs, w))
			best = chain_hit(rs, rs->pair[k], s, len, i, chars,
					 best, HIT_AT);
	}
	return best;
}

const struct cd_rule *cd_boiler_rules_match(const struct cd_boiler_rules *rs,
					    const char *s, size_t len,
					    size_t chars)
{
	size_t best, slen = strip_trail(s, len);
	unsigned char c0;

	if (rs->n == 0 || len == 0)
		return NULL;
	c0 = cd_text_lower((unsigned char)s[0]);
	best = rs->n;
	if (chars <= rs->pmax)
		best = chain_hit(rs, rs->head[c0], s, len, 0, chars, best,
				 HIT_PREFIX);
	/* line and suffix rules ignore trailing punctuation */
	if (slen > 0 && slen <= rs->lmax)
		best = chain_hit(rs, rs->line[c0], s, slen, 0, chars, best,
				 HIT_LINE);
	if (slen > 0 && chars <= rs->smax)
		best = chain_hit(rs, rs->tail[cd_text_lower(
					 (unsigned char)s[slen - 1])],
				 s, slen, (size_t)-1, chars, best, HIT_AT);
	best = contains_hit(rs, s, len, chars, best);
	return best < rs->n ? &rs->r[best] : NULL;
}

/* ---- one document: units ---- */

void cd_boiler_doc_init(struct cd_boiler_doc *d)
{
	memset(d, 0, sizeof(*d));
	cd_buf_init(&d->norm);
	d->title = d->byline = d->dateline = -1;
}

void cd_boiler_doc_release(struct cd_boiler_doc *d)
{
	cd_buf_release(&d->norm);
	cd_buf_release(&d->cols);
	free(d->u);
	free(d->set);
	cd_boiler_doc_init(d);
}

const char *cd_boiler_unit(const struct cd_boiler_doc *d, long i, size_t *len)
{
	*len = d->u[i].len;
	return d->norm.p + d->u[i].off;
}

/* True when code point cp opens a list item or marks a menu entry. */
static bool bullet_cp(uint32_t cp)
{
	return cp == '*' || cp == 0xB7 || cp == 0x2022 ||
	       cp == 0x2023 || cp == 0x2043 || cp == 0x25A0 || cp == 0x25A1 ||
	       cp == 0x25AA || cp == 0x25B8 || cp == 0x25BA || cp == 0x25CB ||
	       cp == 0x25CF || cp == 0x25E6 || cp == 0x2605 || cp == 0x2606 ||
	       cp == 0x25C6 || cp == 0x2192;
}

/* Length of the bullet and the spaces after it at s, or 0. */
static size_t bullet_len(const char *s, size_t len)
{
	size_t n;
	uint32_t cp = cd_utf8_decode(s, len, &n);

	if (!bullet_cp(cp))
		return 0;
	if (n == len)
		return n;
	if (s[n] != ' ')
		return 0;
	return n + 1;
}

/* True when cp ends a sentence (closing quotes and brackets are looked
 * through by the caller). */
static bool stop_cp(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == ':' ||
	       cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

/* True when cp closes a quotation or a parenthesis. */
static bool close_cp(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	       cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

/* True when s[0..len) ends like a sentence. */
static bool ends_sentence(const char *s, size_t len)
{
	while (len > 0) {
		size_t k = len - 1, n;
		uint32_t cp;
		unsigned char c = (unsigned char)s[k];

		if (c < 0x80) {		/* ASCII: no decoding */
			if (c == '.' || c == '!' || c == '?' || c == ':')
				return true;
			if (c != '"' && c != '\'' && c != ')' && c != ']')
				return false;
			len = k;
			continue;
		}

		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		cp = cd_utf8_decode(s + k, len - k, &n);
		if (stop_cp(cp))
			return true;
		if (!close_cp(cp))
			return false;
		len = k;
	}
	return false;
}

/* Hash the folded bytes buf[0..n) eight at a time into *h; returns how
 * many are left over (fewer than eight, moved to the front of buf). */
static size_t fold_words(uint64_t *h, unsigned char *buf, size_t n)
{
	size_t k;
	uint64_t w;

	for (k = 0; k + 8 <= n; k += 8) {
		memcpy(&w, buf + k, 8);
		*h = (*h ^ w) * 0x9E3779B97F4A7C15ULL;
		*h ^= *h >> 29;
	}
	memmove(buf, buf + k, n - k);
	return n - k;
}

/* A hash of the letters and digits of s[0..len), ASCII case folded, so
 * "ADVERTISEMENT:" and "Advertisement" are the same line.  The folded
 * bytes are gathered without branching and mixed eight at a time.  Never
 * 0. */
static uint64_t fold_hash(const char *s, size_t len)
{
	static unsigned char fold[256];	/* the byte hashed; 0: skipped */
	unsigned char buf[264];
	uint64_t h = 1469598103934665603ULL, w = 0;
	size_t i = 0, e, n = 0, total = 0;

	if (!fold['a']) {
		for (i = 0; i < 256; i++)
			fold[i] = (unsigned char)(i >= 0x80 ||
				  (i >= '0' && i <= '9') || (i >= 'a' && i <= 'z') ?
				  i : 0);
		for (i = 'A'; i <= 'Z'; i++)
			fold[i] = (unsigned char)(i + 32);
		i = 0;
	}
	while (i < len) {
		e = len - i > 256 ? i + 256 : len;
		for (; i + 4 <= e; i += 4) {
			unsigned char c0 = fold[(unsigned char)s[i]];
			unsigned char c1 = fold[(unsigned char)s[i + 1]];
			unsigned char c2 = fold[(unsigned char)s[i + 2]];
			unsigned char c3 = fold[(unsigned char)s[i + 3]];

			buf[n] = c0;
			n += c0 != 0;
			buf[n] = c1;
			n += c1 != 0;
			buf[n] = c2;
			n += c2 != 0;
			buf[n] = c3;
			n += c3 != 0;
		}
		for (; i < e; i++) {
			buf[n] = fold[(unsigned char)s[i]];
			n += buf[n] != 0;
		}
		total += n;
		n = fold_words(&h, buf, n);
		total -= n;
	}
	total += n;
	memcpy(&w, buf, n);
	h = cd_mix64(h ^ w ^ (uint64_t)total << 56);
	return h ? h : 1;
}

/* Append a unit for norm[off..off+len) with indent leading spaces. */
static void add_unit(struct cd_boiler_doc *d, size_t off, size_t len,
		     unsigned indent)
{
	struct cd_unit *u;

	d->u = cd_xgrow(d->u, &d->cap, d->nu + 1, sizeof(*d->u));
	u = &d->u[d->nu++];
	memset(u, 0, sizeof(*u));
	u->off = off;
	u->len = len;
	u->indent = (uint16_t)(indent > 65535 ? 65535 : indent);
	u->keep = true;
}

static bool ends_sentence(const char *s, size_t len);

/* One line of the normalised text. */
struct line {
	size_t off, len;	/* after the leading spaces */
	unsigned indent;
	size_t chars;
};

/* Read the line at norm[*pos] into *ln and move *pos past it. */
static bool next_line(const struct cd_buf *norm, size_t *pos, struct line *ln)
{
	const char *p = norm->p;
	size_t i = *pos, e;

	if (i >= norm->len)
		return false;
	{
		const char *nl = memchr(p + i, '\n', norm->len - i);

		e = nl ? (size_t)(nl - p) : norm->len;
	}
	ln->indent = 0;
	while (i < e && p[i] == ' ') {
		i++;
		ln->indent++;
	}
	ln->off = i;
	ln->len = e - i;
	ln->chars = 0;	/* counted by the caller when it needs them */
	*pos = e + 1;
	return true;
}

/* Hard-wrapped text is wrapped at this many characters at most (a wide
 * terminal; lynx -dump -width=120 writes lines of up to 117). */
#define CD_WRAP_MAX 132

/*
 * The width the text is hard-wrapped at (wire copy, e-mail, the Reuters
 * corpus, lynx dumps), or 0 when lines are paragraphs: at least four
 * lines, none over CD_WRAP_MAX characters, a third of them 45 or more,
 * and most of those cut in the middle of a sentence (or eight of them
 * among many short lines: menus around a lynx dump).  The width is the
 * length that nine in ten of those lines do not pass, so that one long
 * line (a table row) does not make every other line look short.  *margin
 * is the indent (under 8) eight in ten of those lines share (lynx indents
 * all text by three), else 0.
 */
static size_t wrap_width(const struct cd_buf *norm, bool ascii,
			 unsigned *margin)
{
	struct line ln;
	size_t pos = 0, n = 0, wide = 0, open = 0, seen = 0, w;
	unsigned count[CD_WRAP_MAX + 1], ind[8];

	memset(count, 0, sizeof(count));
	memset(ind, 0, sizeof(ind));
	*margin = 0;
	while (next_line(norm, &pos, &ln)) {
		if (ln.len == 0)
			continue;
		n++;
		if (ln.len < 45)
			continue;	/* fewer bytes, fewer characters */
		ln.chars = ascii ? ln.len :
			   cd_text_chars(norm->p + ln.off, ln.len);
		if (ln.chars > CD_WRAP_MAX)
			return 0;	/* most texts stop here */
		if (ln.chars >= 45) {
			count[ln.chars]++;
			wide++;
			ind[ln.indent < 8 ? ln.indent : 0]++;
			if (!ends_sentence(norm->p + ln.off, ln.len))
				open++;
		}
	}
	if (n < 4 || (3 * wide < n && wide < 8) || 2 * open < wide)
		return 0;
	for (w = 45; w <= CD_WRAP_MAX; w++) {
		seen += count[w];
		if (10 * seen >= 9 * wide)
			break;
	}
	for (n = 1; n < 8; n++)
		if (10 * ind[n] >= 8 * wide)
			*margin = (unsigned)n;
	return w;
}

/* True when line ln reads as the rest of the sentence on line prev: prev
 * does not end one and ln starts in lower case or with a digit. */
static bool continues(const struct cd_boiler_doc *d, const struct line *prev,
		      const struct line *ln)
{
	unsigned char c = (unsigned char)d->norm.p[ln->off];

	return ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) &&
	       !ends_sentence(d->norm.p + prev->off, prev->len);
}

/* True when line ln, after line prev that ends a sentence, is short and
 * ends none: a heading or the first line of another block (a sidebar
 * under the article in a lynx dump), not the rest of a paragraph. */
static bool heading_after(const struct cd_boiler_doc *d,
			  const struct line *prev, const struct line *ln,
			  size_t width)
{
	return 2 * ln->chars < width &&
	       ends_sentence(d->norm.p + prev->off, prev->len) &&
	       !ends_sentence(d->norm.p + ln->off, ln->len);
}

/*
 * Cut d->norm into units: each non-blank line, or in hard-wrapped text
 * each paragraph (a line that fills the width, or whose sentence goes on
 * in lower case, continues into the next unless that one is indented
 * past the margin, blank, a list item or a heading after a sentence; the
 * next line moves up in place, after a space).
 */
static void split_units(struct cd_boiler_doc *d)
{
	/* in pure ASCII text a line's length is its width */
	bool ascii = cd_text_chars(d->norm.p, d->norm.len) == d->norm.len;
	unsigned margin;
	size_t width = wrap_width(&d->norm, ascii, &margin), pos = 0;
	struct line ln, prev = { 0, 0, 0, 0 };
	bool open = false;

	while (next_line(&d->norm, &pos, &ln)) {
		if (ln.len == 0) {
			open = false;
			continue;
		}
		if (width)
			ln.chars = ascii ? ln.len :
				   cd_text_chars(d->norm.p + ln.off, ln.len);
		if (open && width && ln.indent == margin &&
		    (prev.chars + 25 >= width || continues(d, &prev, &ln)) &&
		    !bullet_len(d->norm.p + ln.off, ln.len) &&
		    !heading_after(d, &prev, &ln, width)) {
			struct cd_unit *u = &d->u[d->nu - 1];
			size_t at = u->off + u->len;

			/* the line moves up over the newline and its indent;
			 * what it leaves behind lies in no unit */
			d->norm.p[at] = ' ';
			if (ln.off != at + 1)
				memmove(d->norm.p + at + 1, d->norm.p + ln.off,
					ln.len);
			u->len += 1 + ln.len;
		} else {
			add_unit(d, ln.off, ln.len, width ? 0 : ln.indent);
		}
		prev = ln;
		open = true;
	}
}

/* SPEC copydesk-split: a leading "date YYYY-MM-DD" header (as in the seeds)
 * is metadata; the rest of its line stays text. */
static void date_header(struct cd_boiler_doc *d)
{
	struct cd_unit *u = d->u;
	const char *s;
	char iso[11];
	size_t k = 15;

	if (d->nu == 0 || u->len < 15 || !cd_text_ieq(d->norm.p + u->off, "date ", 5))
		return;
	s = d->norm.p + u->off;
	if (!cd_date_iso(s + 5, 10, iso) || (u->len > 15 && s[15] != ' '))
		return;
	memcpy(d->date, iso, sizeof(iso));
	while (k < u->len && s[k] == ' ')
		k++;
	if (k == u->len) {
		memmove(u, u + 1, (d->nu - 1) * sizeof(*u));
		d->nu--;
		return;
	}
	u->off += k;
	u->len -= k;
}

/* True when the unit is a bare address: no space, and a scheme or www. */
static bool url_only(const char *s, size_t len)
{
	return len > 4 && !memchr(s, ' ', len) &&
	       (cd_text_ifind(s, len, "://", 3) != (size_t)-1 ||
		cd_text_ieq(s, "www.", 4));
}

/* True when the unit is only bracketed text, as w3m renders an image
 * ("[photo]", "[p]") or an empty form field. */
static bool bracket_only(const char *s, size_t len)
{
	return len >= 2 && s[0] == '[' && s[len - 1] == ']' &&
	       !memchr(s + 1, ']', len - 2);
}

/* True when s[0..len) of chars code points heads a reader's comment:
 * "Alex says:", "Catherine on September 13, 2018 at 5:23 pm said:". */
static bool comment_header(const char *s, size_t len, size_t chars)
{
	static const char *const ends[] = { " says:", " said:", " wrote:" };
	size_t i, n;

	if (chars > 90 || len < 7)
		return false;
	if (chars <= 24 && s[0] >= '0' && s[0] <= '9' &&
	    cd_text_ifind(s, len, " comment", 8) != (size_t)-1)
		return true;	/* "34 Comments" */
	for (i = 0; i < 3; i++) {
		n = strlen(ends[i]);
		if (len > n && cd_text_ieq(s + len - n, ends[i], n) &&
		    (i == 0 || cd_date_has_time(s, len)))
			return true;
	}
	return false;
}

/* When s[0..len) is pure ASCII, count its words (runs of non-spaces)
 * into *words, eight bytes at a time, and return true; else false. */
static bool ascii_words(const char *s, size_t len, uint32_t *words)
{
	const uint64_t hi = 0x8080808080808080ULL, lo7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t x, t, ns, carry = 0, all = 0;
	size_t i = 0, n = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&x, s + i, 8);
		all |= x;
		t = x ^ 0x2020202020202020ULL;
		ns = (((t & lo7) + lo7) | t) & hi;	/* not a space */
		n += (size_t)(((ns & ~(ns << 8 | carry)) >> 7) *
		      0x0101010101010101ULL >> 56);
		carry = ns >> 56;
	}
	if (all & hi)
		return false;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c & 0x80)
			return false;
		if (c != ' ' && (i == 0 || s[i - 1] == ' '))
			n++;
	}
	*words = (uint32_t)n;
	return true;
}

/* Count the code points, words and weight of unit u (text s) in one
 * pass.  Wide code points (CJK, Hangul, kana: U+2E80 and up, bar the
 * surrogate and private ranges) each say about as much as a short word,
 * so they weigh three characters in the body search. */
static void measure(const char *s, struct cd_unit *u)
{
	uint32_t chars = 0, words = 0, wide = 0;
	size_t i;

	if (ascii_words(s, u->len, &words)) {
		u->chars = u->weight = (uint32_t)u->len;
		u->words = words;
		return;
	}
	for (i = 0; i < u->len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xC0) != 0x80)
			chars++;
		if (c != ' ' && (i == 0 || s[i - 1] == ' '))
			words++;
		if ((c == 0xE2 && i + 1 < u->len && (unsigned char)s[i + 1] >= 0xBA) ||
		    (c >= 0xE3 && c <= 0xED) || c == 0xEF)
			wide++;
	}
	u->chars = chars;
	u->words = words;
	u->weight = chars + 2 * wide;
}

/* True when s[0..len) starts with a word that opens a picture credit. */
static bool credit_word(const char *s, size_t len)
{
	static const char *const words[] = {
		"photo", "photos", "photograph", "image", "picture", "credit",
		"illustration", "graphic", "video", "file photo", "courtesy"
	};
	size_t i, n;
	unsigned char c = cd_text_lower((unsigned char)s[0]);

	if (len < 6 || !(c == 'p' || c == 'i' || c == 'c' || c == 'g' ||
			 c == 'v' || c == 'f'))
		return false;	/* no word above starts so */
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (len > n + 1 && cd_text_ieq(s, words[i], n) &&
		    (s[n] == ' ' || s[n] == ':'))
			return true;
	}
	return false;
}

/* The name of the caption shape of s[0..len), or NULL: a credit in
 * parentheses ("(Sanna Lintu / Pelham Valley Courier)") or a caption whose
 * last sentence is a credit ("... on Tuesday. Photo by A. Name/Agency"). */
static const char *caption_shape(const char *s, size_t len, size_t chars)
{
	size_t i, tail = 0;

	if (chars <= 120 && s[0] == '(' && s[len - 1] == ')' &&
	    memchr(s, '/', len))
		return "credit";
	if (chars > 600 || ends_sentence(s, len))
		return NULL;
	if (credit_word(s, len) && chars <= 100)
		return "caption";
	for (i = 0; i + 1 < len; i++) {
		if (s[i] != '.' || s[i + 1] != ' ')
			continue;
		tail = i + 2;
		if (len - tail <= 100 && credit_word(s + tail, len - tail))
			return "caption";
	}
	return NULL;
}

/* True when s[0..len) signs an embedded social media post: a dash, a
 * name, "(@handle)" and a date ("— Ann Lee (@annlee) May 3, 2019"). */
static bool tweet_credit(const char *s, size_t len)
{
	char iso[11];

	return len > 10 && len < 160 && (memcmp(s, "\xe2\x80\x94 ", 4) == 0 ||
					 memcmp(s, "- ", 2) == 0) &&
	       cd_text_ifind(s, len, "(@", 2) != (size_t)-1 &&
	       cd_date_find(s, len, iso);
}

/* Measure unit u, match the rules and classify it (enum cd_unit_class). */
static void classify(const struct cd_boiler_rules *rs, const char *s,
		     struct cd_unit *u, bool indented_text)
{
	size_t b = bullet_len(s, u->len);
	const struct cd_rule *r;

	measure(s, u);
	u->punct = ends_sentence(s, u->len);
	u->bullet = b > 0;
	u->hash = fold_hash(s, u->len);
	while (b < u->len && (s[b] == '|' || s[b] == ' '))
		b++;	/* "|Subscribe Free": a separator drawn before a link */
	r = cd_boiler_rules_match(rs, s + b, u->len - b, u->chars);
	if (r && (r->kind == CD_RULE_BLOCK || r->kind == CD_RULE_END) &&
	    (u->words > 8 || memchr(s, '.', u->len)))
		r = NULL;	/* a sentence, not a heading */
	if (!r && comment_header(s, u->len, u->chars)) {
		u->end = true;
		u->why = "comments";
		u->cls = CD_U_SHORT;
	} else if (r && (r->kind == CD_RULE_BLOCK || r->kind == CD_RULE_END)) {
		u->block = r->kind == CD_RULE_BLOCK;
		u->end = r->kind == CD_RULE_END;
		u->why = r->name;
		u->cls = CD_U_SHORT;
	} else if (r) {
		u->why = r->name;
		u->rule = true;
		u->cls = CD_U_BAD;
	} else if ((u->why = caption_shape(s + b, u->len - b, u->chars))) {
		u->rule = true;
		u->cls = CD_U_BAD;
	} else if (url_only(s + b, u->len - b)) {
		u->why = "url";
		u->cls = CD_U_BAD;
	} else if (bracket_only(s + b, u->len - b) || b == u->len) {
		u->why = "image";
		u->image = true;
		u->cls = CD_U_BAD;
	} else if (u->bullet && u->words < 6) {
		u->cls = CD_U_BAD;
	} else if ((u->punct && u->weight >= 120) || u->weight >= 300) {
		u->cls = CD_U_GOOD;
	} else if (u->punct && u->weight >= 40) {
		u->cls = CD_U_NEAR;
	} else {
		u->cls = CD_U_SHORT;
	}
	if (u->cls == CD_U_SHORT && tweet_credit(s, u->len))
		u->cls = CD_U_NEAR;	/* an embedded post, part of the story */
	if (u->indent >= 2 && !indented_text && u->cls == CD_U_GOOD)
		u->cls = CD_U_NEAR;
	if (u->bullet && u->cls == CD_U_GOOD)
		u->cls = CD_U_NEAR;	/* teasers come as lists, articles rarely */
}

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

static bool title_shape(const struct cd_unit *u, const char *s);

/* Mark each unit whose folded text an earlier unit already has. */
static void mark_dups(struct cd_boiler_doc *d)
{
	size_t cap = 16, i, j;

	while (cap < 2 * d->nu)
		cap <<= 1;
	if (cap > d->setcap) {
		free(d->set);
		d->set = cd_xcalloc(cap, sizeof(*d->set));
		d->setcap = cap;
	} else {
		memset(d->set, 0, d->setcap * sizeof(*d->set));
		cap = d->setcap;
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

/* The text of an embedded social media post reads as part of the story:
 * the short lines (up to four) just before its signature line ("- Ann
 * Lee (@annlee) May 3, 2019") weigh as shorter sentences. */
static void mark_posts(struct cd_boiler_doc *d)
{
	size_t i, j;

	for (i = 1; i < d->nu; i++) {
		if (!tweet_credit(d->norm.p + d->u[i].off, d->u[i].len))
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
		if (u->dup && title_shape(u, d->norm.p + u->off))
			u->score = 0;	/* the headline again, not a list */
		if (u->block)
			u->score = 0;
		prose |= u->score > 0 && !u->record;
		if (u->record)	/* data, weighing like a short sentence */
			u->score = (long)u->weight / 3;
		if (u->score > 0)	/* footers and comments come late */
			u->score = u->score * (long)(2 * d->nu - i) /
				   (long)(2 * d->nu);
	}
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
	join_records(d);
	/* a closing short sentence ("The next decision is due on April
	 * 16.") is the article's, not the page's, and so is the rest of a
	 * sentence cut by a line break */
	for (i = 0; i < 3 && d->hi < d->nu &&
	     (short_sentence(&d->u[d->hi]) || goes_on(d, d->hi)); i++)
		d->hi++;
	/* the list items the body's last line announces */
	if (d->hi > d->lo && announces(d, d->hi - 1))
		while (d->hi < d->nu && announced_item(&d->u[d->hi]))
			d->u[d->hi++].record = true;
}

/* A list has at least this many records. */
#define CD_RECORDS 4

/* True when unit u can be one record of a list: a short line of three
 * words or more that no rule, shape or repeat marks. */
static bool record_shape(const struct cd_unit *u)
{
	return (u->cls == CD_U_SHORT || u->cls == CD_U_NEAR) && !u->why &&
	       !u->dup && !u->block && !u->end && u->words >= 3;
}

/* The punctuation that lays out the fields of a record, folded to a
 * number: parentheses, colons, commas, slashes and the like, each run
 * counted once; word-internal marks (' . -) say nothing of the layout. */
static uint64_t record_layout(const char *s, size_t len)
{
	static const char marks[] = "()[]:,;/|@#$%&+=<>*\"";
	static bool mark[256];
	uint64_t h = 0;
	size_t i;
	unsigned char last = 0;

	if (!mark['('])
		for (i = 0; marks[i]; i++)
			mark[(unsigned char)marks[i]] = true;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == last || !mark[c])
			continue;
		h = (h << 5 | h >> 59) ^ c;
		last = c;
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
	size_t i = bullet_len(s, u->len), n = i + 14;
	uint64_t h;

	if (!record_shape(u))
		return 0;
	for (; i < u->len && i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
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

/* Mark the records of every list of records (see record_run). */
static void mark_records(struct cd_boiler_doc *d)
{
	uint64_t *kind = d->set;	/* free once mark_dups is done */
	size_t i, j, k;

	for (i = 0; i < d->nu; i++)
		kind[i] = record_kind(d, &d->u[i]);
	i = 0;
	while (i < d->nu) {
		j = record_run(d, kind, i);
		if (j == i) {
			i++;
			continue;
		}
		for (k = i; k < j; k++)
			d->u[k].record = !record_gap(&d->u[k]);
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

/* Remove unit i, naming the reason (kept when it already has one). */
static void drop(struct cd_boiler_doc *d, size_t i, const char *why)
{
	struct cd_unit *u = &d->u[i];

	if (!u->keep)
		return;
	u->keep = false;
	if (why)
		u->why = why;
	else if (!u->why)
		u->why = "boilerplate";
}

/* The words a dateline may hold besides the date and time. */
static bool date_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat",
		"sun", "am", "pm", "a.m", "p.m", "et", "est", "edt", "gmt",
		"utc", "bst", "cet", "pt", "pst", "pdt", "updated", "published",
		"posted", "on", "at", "last", "modified"
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && cd_text_ieq(w, words[i], n))
			return true;
	return false;
}

/* The number of words in s[0..len) that are neither numbers, month names
 * nor date_word()s. */
static size_t other_words(const char *s, size_t len)
{
	size_t i = 0, n = 0, w;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
			i++;
			continue;
		}
		w = i;
		while (i < len && (((unsigned char)s[i] | 0x20) >= 'a' &&
				   ((unsigned char)s[i] | 0x20) <= 'z'))
			i++;
		if (!date_word(s + w, i - w) && !cd_date_month(s + w, i - w))
			n++;
	}
	return n;
}

/* True when unit u (text s) is a dateline; its date, if any, goes to iso
 * (else iso[0] is NUL). */
static bool is_dateline(const struct cd_unit *u, const char *s, char iso[11])
{
	iso[0] = '\0';
	if (u->chars > 80 || u->cls == CD_U_GOOD || ends_sentence(s, u->len))
		return false;
	if (!cd_date_find(s, u->len, iso) && !cd_date_has_time(s, u->len))
		return false;
	if (other_words(s, u->len) <= 3)
		return true;
	iso[0] = '\0';
	return false;
}

/* True when s[0..len) holds the word w (ASCII case ignored). */
static bool has_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w), at, from = 0;

	while (from < len &&
	       (at = cd_text_ifind(s + from, len - from, w, n)) != (size_t)-1) {
		at += from;
		if ((at == 0 || s[at - 1] == ' ') &&
		    (at + n == len || s[at + n] == ' ' || s[at + n] == ','))
			return true;
		from = at + 1;
	}
	return false;
}

/* True when unit u (text s) is a byline: "By Darryl Coote", "OAN Staff
 * Blake Wolf", "Tom Krisher, AP Auto Writer". */
static bool is_byline(const struct cd_unit *u, const char *s)
{
	if (u->chars > 80 || u->words < 2 || u->words > 10 || u->bullet ||
	    u->cls == CD_U_GOOD)
		return false;
	if (u->len > 3 && cd_text_ieq(s, "by", 2) &&
	    (s[2] == ' ' || s[2] == ':')) {
		size_t k = 3;

		while (k < u->len && (s[k] == ' ' || s[k] == ':'))
			k++;
		return k < u->len && !(s[k] >= 'a' && s[k] <= 'z');
	}
	if (ends_sentence(s, u->len) || !(s[0] >= 'A' && s[0] <= 'Z'))
		return false;
	return has_word(s, u->len, "staff") || has_word(s, u->len, "writer") ||
	       has_word(s, u->len, "correspondent") ||
	       has_word(s, u->len, "reporter");
}

/* True when unit u (text s) could be a headline: a few words, no final
 * full stop or colon, not a list item, a rule match or a repeat of a
 * longer text. */
static bool title_shape(const struct cd_unit *u, const char *s)
{
	size_t n;
	uint32_t last;

	if (u->cls == CD_U_BAD || u->why || u->bullet || u->chars > 200 ||
	    u->chars < 12 || (u->words < 4 && u->chars < 24 && u->words > 1))
		return false;
	n = u->len;
	while (n > 1 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
		n--;
	last = cd_utf8_decode(s + n - 1, u->len - n + 1, &n);
	return last != '.' && last != ':' && last != ',' && last != ';';
}

/* True when unit u (text s) repeats the title t[0..tlen): the same words,
 * or the title inside a slightly longer line ("Opinion | Title"), or most
 * of the title. */
static bool title_repeat(const struct cd_unit *u, const char *s,
			 const char *t, size_t tlen, uint64_t th)
{
	if (u->hash == th)
		return true;
	if (u->len >= tlen && u->len <= tlen + 40)
		return cd_text_ifind(s, u->len, t, tlen) != (size_t)-1;
	if (u->len < tlen && 5 * u->len >= 4 * tlen)
		return cd_text_ifind(t, tlen, s, u->len) != (size_t)-1;
	return false;
}

/* True when s[0..len) starts like a credit line: "By", "By Ann Lee",
 * "Written by", "Reviewed by", "Fact checked by". */
static bool by_line(const char *s, size_t len)
{
	static const char *const heads[] = { "by", "written by", "reviewed by",
					     "fact checked by", "posted by",
					     "edited by", "words by" };
	size_t i, n;

	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		n = strlen(heads[i]);
		if (len >= n && cd_text_ieq(s, heads[i], n) &&
		    (len == n || s[n] == ' ' || s[n] == ':'))
			return true;
	}
	return false;
}

/* True when s[0..len) starts as a numbered section: "1. ", "12) ". */
static bool numbered(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && i < 3 && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && i + 1 < len && (s[i] == '.' || s[i] == ')') &&
	       s[i + 1] == ' ';
}

/* True when unit i (text s) is metadata beside a headline: a dateline,
 * a byline, a short line with a date or "min read". */
static bool meta_near(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i];
	const char *s = d->norm.p + u->off;
	char iso[11];

	if (u->chars > 120 || u->cls == CD_U_GOOD)
		return false;
	return is_byline(u, s) || by_line(s, u->len) ||
	       cd_date_find(s, u->len, iso) ||
	       cd_text_ifind(s, u->len, " min read", 9) != (size_t)-1 ||
	       cd_text_ifind(s, u->len, "updated", 7) != (size_t)-1;
}

/* True when the text of unit i recurs in the units before or right after
 * it: the page repeats its headline ("Home > Blog > Title", an image's
 * "Hero image for Title", the headline printed twice).  A line repeated
 * anywhere (u->dup) is more often a menu. */
static bool headline_repeated(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i], *v;
	size_t j = i > 30 ? i - 30 : 0;

	if (i + 1 < d->nu && d->u[i + 1].hash == u->hash)
		return true;
	for (; j < i; j++) {
		const char *vs = d->norm.p + d->u[j].off;
		size_t at;

		v = &d->u[j];
		if (v->len <= u->len || v->len > u->len + 200)
			continue;
		at = cd_text_ifind(vs, v->len, d->norm.p + u->off, u->len);
		/* inside a line for a long headline, at its end for any */
		if (at != (size_t)-1 && (u->words >= 4 || at + u->len == v->len))
			return true;
	}
	return false;
}

/* True when words are glued as a dumped menu glues its links: a lower-
 * case letter right before a capital ("Sign inGet a demo"), twice, or
 * once in a line of few words. */
static bool glued(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 1; i < len; i++)
		n += s[i - 1] >= 'a' && s[i - 1] <= 'z' && s[i] >= 'A' &&
		     s[i] <= 'Z' && (i < 2 || s[i - 2] != ' ');
	return n >= 2 || (n == 1 && len < 40);
}


/* The weights of headline_score(): the units looked at before the body,
 * the cost of each unit away from the body, the bonus of a title-cased
 * line, the cost of a line right under a headline-shaped one, the bonus
 * of a line whose words the body uses (all of them), of metadata on the
 * very next line. */
enum { HL_WINDOW = 50, HL_DIST = 1, HL_TITLE_CASE = 8, HL_STANDFIRST = 12,
       HL_OVERLAP = 80, HL_NEXT_META = 10 };

/* True when most words of four letters or more start with a capital
 * ("Brains Are Not Required When It Comes to Thinking"). */
static bool title_case(const char *s, size_t len)
{
	size_t i = 0, j, cap = 0, n = 0;

	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		for (j = i; j < len && s[j] != ' '; j++)
			;
		if (j - i >= 4) {
			n++;
			cap += s[i] >= 'A' && s[i] <= 'Z';
		}
		i = j;
	}
	return n >= 2 && cap * 10 >= n * 7;
}

/* True when s[0..len) is a trail of links: two separators or more
 * ("Home > Tech > Laptops", "Blog / Topics / Marketing"). */
static bool breadcrumb(const char *s, size_t len)
{
	static const char *const seps[] = { " > ", " / ", " \xc2\xbb ",
					    " \xe2\x80\xba ", " /", NULL };
	size_t i, n = 0, at, from;

	for (i = 0; seps[i]; i++)
		for (from = 0; from < len &&
		     (at = cd_text_ifind(s + from, len - from, seps[i],
					 strlen(seps[i]))) != (size_t)-1;
		     from += at + 1)
			n++;
	return n >= 2;
}

/* A letter of a word for body_overlap(): ASCII letters and any byte of a
 * multibyte character. */
static bool word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (unsigned char)c >= 0x80;
}

/* The share (0 to 100) of the words of four letters or more in s[0..len)
 * that the start of the body (its first 2,000 bytes) uses too: a headline
 * announces what follows, a menu or another story's caption does not. */
static long body_overlap(const struct cd_boiler_doc *d, const char *s,
			 size_t len)
{
	const struct cd_unit *a, *z;
	size_t blen, i = 0, j, n = 0, hit = 0;

	if (d->lo >= d->hi)
		return 0;
	a = &d->u[d->lo];
	z = &d->u[d->hi - 1];
	blen = z->off + z->len - a->off;
	if (blen > 2000)
		blen = 2000;
	while (i < len) {
		while (i < len && !word_byte(s[i]))
			i++;
		for (j = i; j < len && word_byte(s[j]); j++)
			;
		if (j - i >= 4) {
			n++;
			hit += cd_text_ifind(d->norm.p + a->off, blen, s + i,
					     j - i) != (size_t)-1;
		}
		i = j;
	}
	return n ? (long)(hit * 100 / n) : 0;
}

/* How much unit i (text s) reads as the headline of a body starting at
 * unit lo: metadata next to it, repeated by the page, several words,
 * close to the body; LONG_MIN when it cannot be one. */
static long headline_score(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i];
	const char *s = d->norm.p + u->off;
	struct cd_unit t = *u;
	size_t j, lo = d->lo;
	long sc = u->why ? -20 : 0;
	bool meta = false, rep;

	t.why = NULL;	/* a block rule may have taken the article's head */
	if (!title_shape(&t, s) || (s[0] >= 'a' && s[0] <= 'z') ||
	    numbered(s, u->len) || is_byline(u, s) || breadcrumb(s, u->len) ||
	    meta_near(d, i))
		return LONG_MIN;
	for (j = i + 1; j < d->nu && j <= i + 4 && !meta; j++)
		meta = meta_near(d, j);
	meta |= i > 0 && meta_near(d, i - 1);
	rep = headline_repeated(d, i);
	sc += HL_OVERLAP * body_overlap(d, s, u->len) / 100 +
	      (i + 1 < d->nu && meta_near(d, i + 1) ? HL_NEXT_META : 0);
	sc += (meta ? 40 : 0) + (rep ? 40 : 0) + (u->words >= 5 ? 10 : 0) +
	      (u->words >= 7 ? 5 : 0) + (title_case(s, u->len) ? HL_TITLE_CASE : 0) -
	      (glued(s, u->len) ? 20 : 0);
	if (i > 0 && d->u[i - 1].words >= 4 && title_shape(&d->u[i - 1],
	    d->norm.p + d->u[i - 1].off) && !glued(d->norm.p + d->u[i - 1].off,
						   d->u[i - 1].len))
		sc -= HL_STANDFIRST;	/* a standfirst under its headline */
	return sc - HL_DIST * (long)(lo - i);
}

/* Choose the headline among the units around the start of the body: the
 * best headline_score(), the closest to the body on a tie. */
static void find_title(struct cd_boiler_doc *d)
{
	size_t from = d->lo > HL_WINDOW ? d->lo - HL_WINDOW : 0, i;
	long best = -1, bs = LONG_MIN, sc;

	if (!d->prose)
		return;

	for (i = from; i < d->lo; i++)
		if ((sc = headline_score(d, i)) != LONG_MIN && sc >= bs) {
			bs = sc;
			best = (long)i;
		}
	if (best >= 0) {
		/* the first copy is the one lifted */
		uint64_t h = d->u[best].hash;

		for (i = 0; i < (size_t)best; i++)
			if (d->u[i].hash == h) {
				best = (long)i;
				break;
			}
		d->title = best;
		drop(d, (size_t)best, "title");
	}
}

/* The date written nearest the headline (or the body's start) in a line
 * of at most 200 characters that is no sentence, when the document has
 * none yet: up to 60 units after it (datelines sit under the headline or
 * at the article's foot) or 10 before.  The line stays. */
static void find_date(struct cd_boiler_doc *d)
{
	size_t at = d->title >= 0 ? (size_t)d->title : d->lo, k;
	char iso[11];

	if (d->date[0])
		return;
	for (k = 1; k <= 60; k++) {
		size_t i;
		int side;

		for (side = 0; side < 2; side++) {
			const struct cd_unit *u;

			if (side == 0 ? at + k >= d->nu : k > at || k > 10)
				continue;
			i = side == 0 ? at + k : at - k;
			u = &d->u[i];
			if (u->chars <= 200 && !u->punct && u->cls != CD_U_GOOD &&
			    cd_date_find(d->norm.p + u->off, u->len, iso)) {
				memcpy(d->date, iso, sizeof(iso));
				return;
			}
		}
	}
}

/* Lift the dateline and the byline from the head of the document (before
 * the body or among its first six units) and the title. */
static void lift_meta(struct cd_boiler_doc *d)
{
	size_t end = d->lo + 6 < d->hi ? d->lo + 6 : d->hi, i;
	char iso[11];

	for (i = 0; i < end; i++) {
		struct cd_unit *u = &d->u[i];
		const char *s = d->norm.p + u->off;

		if (!u->keep || (i >= d->lo && u->cls == CD_U_GOOD))
			continue;
		if (d->dateline < 0 && is_dateline(u, s, iso)) {
			d->dateline = (long)i;
			if (iso[0] && !d->date[0])
				memcpy(d->date, iso, sizeof(iso));
			drop(d, i, "dateline");
		} else if (d->byline < 0 && i < d->lo + 2 && is_byline(u, s)) {
			d->byline = (long)i;
			drop(d, i, "byline");
		}
	}
	find_title(d);
	find_date(d);
}

/* Remove the repeats of the title anywhere in the document. */
static void drop_title_repeats(struct cd_boiler_doc *d)
{
	const struct cd_unit *t;
	const char *ts;
	size_t i;

	if (d->title < 0)
		return;
	t = &d->u[d->title];
	ts = d->norm.p + t->off;
	for (i = 0; i < d->nu; i++) {
		struct cd_unit *u = &d->u[i];

		if (u->keep && u->cls != CD_U_GOOD &&
		    title_repeat(u, d->norm.p + u->off, ts, t->len, t->hash))
			drop(d, i, "title-repeat");
	}
}

/* True when unit u can belong to a menu or a list of headlines: a short
 * line without sentence punctuation, or a list item. */
static bool menu_like(const struct cd_unit *u)
{
	return !u->record && ((u->cls == CD_U_SHORT && !u->punct) ||
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
		for (j = i + 1; j < d->hi && menu_like(&d->u[j]) &&
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
		if (!d->u[i].keep || !menu_like(&d->u[i])) {
			i++;
			continue;
		}
		for (j = i, n = 0; j < d->hi; j++) {
			if (!d->u[j].keep)
				continue;
			if (!menu_like(&d->u[j]))
				break;
			n++;
		}
		if (n >= 3)
			for (; i < j; i++)
				drop(d, i, "short-run");
		i = j;
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
			drop(d, i, NULL);
		} else if (u->dup) {
			drop(d, i, "repeat");
		} else if (u->cls == CD_U_BAD && !u->record) {
			drop(d, i, u->bullet && !u->why ? "list" : NULL);
		}
	}
	if (d->prose)
		drop_short_runs(d);
}

/* End the body at the first end marker (a comments heading) that follows
 * at least 300 characters of prose in it. */
static void find_end(struct cd_boiler_doc *d)
{
	size_t i, prose = 0;

	for (i = d->lo; i < d->hi; i++) {
		const struct cd_unit *u = &d->u[i];

		if (u->end && !u->bullet && prose >= 300) {
			d->hi = i;
			return;
		}
		if (u->keep && (u->cls == CD_U_GOOD || u->cls == CD_U_NEAR))
			prose += u->chars;
	}
}

/* Remove what lies outside the body. */
static void drop_outside(struct cd_boiler_doc *d)
{
	size_t i;

	for (i = 0; i < d->lo; i++)
		drop(d, i, d->u[i].why ? NULL : "before-body");
	for (i = d->hi; i < d->nu; i++)
		drop(d, i, d->u[i].why ? NULL : "after-body");
}

/* A block the floor keeps has at least this much prose (weight). */
#define CD_FLOOR_MIN 200

/* The floor's weight of unit i: prose and long lines that read as
 * sentences (eight words or more, as a paragraph wrapped or laid out in
 * columns comes) count, even where a rule matched them; lifted metadata,
 * repeats, pictures, addresses, list items and short lines go against. */
static long floor_score(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i];

	if ((long)i == d->title || (long)i == d->byline ||
	    (long)i == d->dateline || u->dup || u->image || u->bullet)
		return -60;
	if (u->punct ? u->weight >= 40 : u->words >= 8)
		return (long)u->weight;
	return -20;
}

/* True when a kept unit of d is prose (a paragraph or a sentence) or a
 * record of a list the article is. */
static bool kept_prose(const struct cd_boiler_doc *d)
{
	size_t i;

	for (i = 0; i < d->nu; i++)
		if (d->u[i].keep && (d->u[i].cls == CD_U_GOOD ||
				     d->u[i].cls == CD_U_NEAR ||
				     d->u[i].record))
			return true;
	return false;
}

/*
 * The floor under the body (SPEC: never lose the article): when no prose
 * is kept, keep the run of units with the most prose by floor_score, if
 * it has CD_FLOOR_MIN of it, marking its units floor.
 */
static void body_floor(struct cd_boiler_doc *d)
{
	size_t lo = 0, hi = 0, i;

	if (kept_prose(d) || best_run(d, floor_score, &lo, &hi) < CD_FLOOR_MIN)
		return;
	for (i = lo; i < hi; i++) {
		if (d->u[i].keep || floor_score(d, i) < 0)
			continue;
		d->u[i].keep = d->u[i].floor = true;
		d->floor++;
	}
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
	bool ind;
	size_t i;

	cd_buf_reset(&d->norm);
	d->nu = d->lo = d->hi = d->floor = 0;
	d->title = d->byline = d->dateline = -1;
	d->date[0] = '\0';
	cd_buf_reset(&d->cols);
	d->columns = cd_columns_reflow(text, len, &d->cols);
	if (d->columns)
		cd_text_normalize(d->cols.p, d->cols.len, &d->norm);
	else
		cd_text_normalize(text, len, &d->norm);
	split_units(d);
	date_header(d);
	ind = mostly_indented(d);
	for (i = 0; i < d->nu; i++)
		classify(rs, d->norm.p + d->u[i].off, &d->u[i], ind);
	mark_dups(d);
	mark_posts(d);
	mark_blocks(d);
	find_body(d);
	find_end(d);
	lift_meta(d);
	drop_title_repeats(d);
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

void cd_boiler_text_json(const struct cd_boiler_doc *d, struct cd_buf *out)
{
	size_t i, open;
	bool first = true;

	for (i = 0; i < d->nu; i++) {
		if (!d->u[i].keep)
			continue;
		if (!first) {
			/* "\n\n": its last byte goes where the quote that
			 * opens the escaped unit lands */
			out->len--;
			cd_buf_add(out, "\\n\\", 3);
			open = out->len;
			cd_buf_add_json(out, d->norm.p + d->u[i].off, d->u[i].len);
			out->p[open] = 'n';
		} else {
			cd_buf_add_json(out, d->norm.p + d->u[i].off, d->u[i].len);
		}
		first = false;
	}
	if (first)
		cd_buf_add_json(out, "", 0);
}

/* Append the JSON array of the units of d for which pick holds, each as
 * {"text": ..., "rule": why}, in text order. */
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

/* ---- the corpus ---- */

/* Tables from this size on get their own mapping (see table_alloc). */
#define CD_HUGE (2u << 20)

/* A zeroed table of cap entries.  A large one is mapped on its own and
 * marked for huge pages where the system has them, as the slots are
 * touched at random: one fault per 2 MiB instead of one per 4 KiB. */
static struct cd_corpus_ent *table_alloc(size_t cap, bool *mapped)
{
	size_t size = cap * sizeof(struct cd_corpus_ent);

	*mapped = false;
#if defined(MADV_HUGEPAGE)
	if (size >= CD_HUGE) {
		void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p != MAP_FAILED) {
			madvise(p, size, MADV_HUGEPAGE);
			*mapped = true;
			return p;
		}
	}
#endif
	return cd_xcalloc(cap, sizeof(struct cd_corpus_ent));
}

/* Free a table of cap entries from table_alloc. */
static void table_free(struct cd_corpus_ent *t, size_t cap, bool mapped)
{
	if (mapped)
		munmap(t, cap * sizeof(struct cd_corpus_ent));
	else
		free(t);
}

void cd_boiler_corpus_init(struct cd_boiler_corpus *c, size_t max,
			   unsigned min_docs)
{
	size_t cap = 128;

	if (max < 64)
		max = 64;
	while (cap < 2 * max)
		cap <<= 1;
	c->t = table_alloc(cap, &c->mapped);
	c->cap = cap;
	c->max = max;
	c->n = 0;
	c->min_docs = min_docs ? min_docs : 1;
}

void cd_boiler_corpus_release(struct cd_boiler_corpus *c)
{
	table_free(c->t, c->cap, c->mapped);
	c->t = NULL;
	c->cap = c->max = c->n = 0;
}

/* The first slot probed for hash h. */
static inline size_t corpus_home(const struct cd_boiler_corpus *c, uint64_t h)
{
	return (size_t)(h ^ h >> 29) & (c->cap - 1);
}

/* The slot holding hash h, or the free slot where it would go. */
static struct cd_corpus_ent *corpus_slot(const struct cd_boiler_corpus *c,
					 uint64_t h)
{
	size_t j = corpus_home(c, h);

	while (c->t[j].hash && c->t[j].hash != h)
		j = (j + 1) & (c->cap - 1);
	return &c->t[j];
}

/* Make room: keep only the lines seen in the most documents, at most half
 * the table, dropping the rarest first (a line seen once is the first to
 * go).  The table is rebuilt, as open addressing cannot delete. */
static void corpus_prune(struct cd_boiler_corpus *c)
{
	struct cd_corpus_ent *old = c->t;
	size_t cap = c->cap, i, n;
	bool mapped = c->mapped;
	uint32_t min = 2;

	for (;;) {
		for (i = 0, n = 0; i < cap; i++)
			if (old[i].hash && old[i].docs >= min)
				n++;
		if (n <= c->max / 2 || min == UINT32_MAX)
			break;
		min++;
	}
	c->t = table_alloc(cap, &c->mapped);
	c->n = 0;
	for (i = 0; i < cap; i++)
		if (old[i].hash && old[i].docs >= min) {
			*corpus_slot(c, old[i].hash) = old[i];
			c->n++;
		}
	table_free(old, cap, mapped);
}

/* Count one more document with signature sig for the line hashed h. */
static void corpus_add(struct cd_boiler_corpus *c, uint64_t h, uint32_t sig)
{
	struct cd_corpus_ent *e = corpus_slot(c, h);
	uint32_t k, n;

	if (!e->hash) {
		if (c->n >= c->max) {
			corpus_prune(c);
			e = corpus_slot(c, h);
		}
		e->hash = h;
		e->docs = 1;
		e->sig[0] = sig;
		c->n++;
		return;
	}
	n = e->docs < CD_CORPUS_SIGS ? e->docs : CD_CORPUS_SIGS;
	for (k = 0; k < n; k++)
		if (e->sig[k] == sig)
			return;
	if (n < CD_CORPUS_SIGS)
		e->sig[n] = sig;
	if (e->docs < UINT32_MAX)
		e->docs++;
}

/* True when kept unit u, the k-th of n kept ones, may be corpus
 * boilerplate: it is not prose, or it is one of the CD_CORPUS_EDGE first
 * or last.  Only these are counted and checked, which keeps the table
 * small and fast. */
static bool candidate(const struct cd_unit *u, size_t k, size_t n)
{
	return (u->cls != CD_U_GOOD && u->cls != CD_U_NEAR) ||
	       k < CD_CORPUS_EDGE || n - k <= CD_CORPUS_EDGE;
}

/* The number of kept units of d. */
static size_t kept_units(const struct cd_boiler_doc *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->nu; i++)
		if (d->u[i].keep)
			n++;
	return n;
}

/* Start loading the table slots of the kept units of d: the table is
 * large and read at random, so the misses overlap instead of queueing. */
static void corpus_prefetch(const struct cd_boiler_corpus *c,
			    const struct cd_boiler_doc *d)
{
	size_t i;

	for (i = 0; i < d->nu; i++)
		if (d->u[i].keep)
			__builtin_prefetch(&c->t[corpus_home(c, d->u[i].hash)]);
}

void cd_boiler_corpus_count(struct cd_boiler_corpus *c,
			    const struct cd_boiler_doc *d)
{
	uint32_t sig = (uint32_t)(d->sig ^ d->sig >> 32);
	size_t i, k = 0, n = kept_units(d);

	corpus_prefetch(c, d);

	for (i = 0; i < d->nu; i++)
		if (d->u[i].keep && candidate(&d->u[i], k++, n))
			corpus_add(c, d->u[i].hash, sig);
}

/* True when the line hashed h is in at least min_docs articles. */
static bool recurring(const struct cd_boiler_corpus *c, uint64_t h)
{
	const struct cd_corpus_ent *e = corpus_slot(c, h);

	return e->hash && e->docs >= c->min_docs;
}

/* Drop the recurring kept units at one edge of the body (its end when
 * from_end), at most CD_CORPUS_EDGE, up to the first that does not
 * recur; returns how many. */
static size_t peel_edge(const struct cd_boiler_corpus *c,
			struct cd_boiler_doc *d, bool from_end)
{
	size_t j, n = 0;

	for (j = 0; j < d->nu && n < CD_CORPUS_EDGE; j++) {
		size_t i = from_end ? d->nu - 1 - j : j;

		if (!d->u[i].keep)
			continue;
		if (!recurring(c, d->u[i].hash))
			break;
		drop(d, i, "corpus");
		n++;
	}
	return n;
}

size_t cd_boiler_corpus_apply(const struct cd_boiler_corpus *c,
			      struct cd_boiler_doc *d)
{
	size_t i, k, n = 0, kept = kept_units(d);

	corpus_prefetch(c, d);

	/* peel recurring units off both edges of the body */
	n = peel_edge(c, d, true) + peel_edge(c, d, false);
	/* inside, only what is not prose */
	for (i = 0, k = 0; i < d->nu; i++) {
		struct cd_unit *u = &d->u[i];

		if (!u->keep)
			continue;
		if (candidate(u, k++, kept) && u->cls != CD_U_GOOD &&
		    u->cls != CD_U_NEAR && recurring(c, u->hash)) {
			drop(d, i, "corpus");
			n++;
		}
	}
	return n;
}
