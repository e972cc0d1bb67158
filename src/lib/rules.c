/* rules.c - boilerplate line rules: rule files parsed into an index by
 * the first, last or first two bytes of each pattern, and a unit matched
 * against them; see boiler.h. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "bytes.h"
#include "reader.h"
#include "text.h"
#include "utf8.h"

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
	free(rs->head2);
	free(rs->shift);
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
		"line", "prefix", "suffix", "contains", "block", "end", "tail"
	};
	int k;

	for (k = 0; k < (int)(sizeof(names) / sizeof(names[0])); k++)
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
		return "expected a kind: line, prefix, suffix, contains, block, end or tail";
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

/* Contains patterns shorter than this are found by their first byte
 * (contains_lead) when few bytes start them, so that the skip scan's
 * window is at least this long. */
#define CD_WM_MAX 8
/* The skip scan's window is at most this long (its shortest pattern). */
#define CD_WINDOW_MAX 16

/* The slot of the byte pair a, b in rs->shift. */
static inline unsigned shift_slot(unsigned char a, unsigned char b)
{
	return (unsigned)a << 8 | b;
}

/* The byte c, or its ASCII upper case when up and c is a small letter. */
static unsigned char case_variant(unsigned char c, bool up)
{
	return up && c >= 'a' && c <= 'z' ? (unsigned char)(c - 32) : c;
}

/* The slot in rs->shift of three bytes read as w = a | b << 8 | c << 16:
 * a hash (the threes that share a slot share its smallest shift, which
 * is safe). */
static inline unsigned shift_hash3(uint32_t w)
{
	return (unsigned)((w * 2654435761u) >> 16);
}

/* The slot of the three bytes a, b, c in rs->shift (shift_hash3). */
static inline unsigned shift_slot3(unsigned char a, unsigned char b,
				   unsigned char c)
{
	return shift_hash3((uint32_t)a | (uint32_t)b << 8 | (uint32_t)c << 16);
}

/* The three bytes p[1..3] as shift_hash3 reads them: one load of four
 * (p[0] is in the text too), not three. */
static inline uint32_t three_at(const unsigned char *p)
{
	return cd_load32le(p) >> 8;
}

/* Let the skip table move the window by at most sh where it ends in the
 * bytes a, b, c (folded) written in any ASCII case, so the scan reads the
 * text's bytes as they are. */
static void shift_lower(struct cd_boiler_rules *rs, unsigned char a,
			unsigned char b, unsigned char c, size_t sh)
{
	unsigned v;

	for (v = 0; v < 8; v++) {
		unsigned j = shift_slot3(case_variant(a, v & 1),
					 case_variant(b, v & 2),
					 case_variant(c, v & 4));

		if (rs->shift[j] > sh)
			rs->shift[j] = (uint8_t)sh;
	}
}

/* Set the bits of rs->chainbit for the pair a, b (folded) written in any
 * ASCII case: skip_step reads a chain only where one is. */
static void chain_bits(struct cd_boiler_rules *rs, unsigned char a,
		       unsigned char b)
{
	unsigned v, j;

	for (v = 0; v < 4; v++) {
		j = shift_slot(case_variant(a, v & 1), case_variant(b, v & 2));
		rs->chainbit[j >> 6] |= 1ULL << (j & 63);
	}
}

/* True when r is a contains rule of 2 to CD_WM_MAX - 1 bytes. */
static bool short_contains(const struct cd_rule *r)
{
	return r->kind == CD_RULE_CONTAINS && r->plen >= 2 &&
	       r->plen < CD_WM_MAX;
}

/* Put the first bytes of the short contains rules, in both ASCII cases,
 * in rs->lead; returns false (and no lead) when they are too many. */
static bool lead_index(struct cd_boiler_rules *rs)
{
	size_t i, j;
	unsigned v;

	rs->nlead = 0;
	for (i = 0; i < rs->n; i++) {
		if (!short_contains(&rs->r[i]))
			continue;
		for (v = 0; v < 2; v++) {
			unsigned char c = case_variant(
				(unsigned char)rs->r[i].pat[0], v);

			for (j = 0; j < rs->nlead && rs->lead[j] != c; j++)
				;
			if (j < rs->nlead)
				continue;
			if (rs->nlead == sizeof(rs->lead)) {
				rs->nlead = 0;
				return false;
			}
			rs->lead[rs->nlead++] = c;
		}
	}
	return true;
}

/* True when the skip scan must find rule r: a contains rule of two bytes
 * or more not found by its first byte. */
static bool skip_scanned(const struct cd_rule *r, bool leads)
{
	return r->kind == CD_RULE_CONTAINS && r->plen >= 2 &&
	       !(leads && short_contains(r));
}

/* Build the skip table of the contains scan (Wu and Manber, by blocks of
 * three bytes): the window is the wm first bytes of a pattern, and three
 * bytes ending q bytes before the end of some pattern's window let the
 * window move by q at most (by wm - 2 where they end none).  The short
 * patterns are left to contains_lead when few bytes start them, so that
 * the window is CD_WM_MAX bytes or more and moves further. */
static void shift_index(struct cd_boiler_rules *rs)
{
	bool leads = lead_index(rs);
	size_t i, q, m = CD_WINDOW_MAX, n = 0;

	for (i = 0; i < rs->n; i++)
		if (skip_scanned(&rs->r[i], leads)) {
			n++;
			if (rs->r[i].plen < m)
				m = rs->r[i].plen;
		}
	rs->wm = n ? m : 0;
	if (rs->wm < 4)
		return;		/* contains_hit scans by skips from 4 bytes */
	if (!rs->shift)
		rs->shift = cd_xcalloc(65536, 1);
	memset(rs->shift, (int)(m - 2), 65536);
	for (i = 0; i < rs->n; i++) {
		const unsigned char *pat = (const unsigned char *)rs->r[i].pat;

		if (!skip_scanned(&rs->r[i], leads))
			continue;
		for (q = 2; q < m; q++)
			shift_lower(rs, pat[q - 2], pat[q - 1], pat[q],
				    m - 1 - q);
	}
}

/* Set the bits of bits (by the first two bytes, folded) where pattern
 * pat[0..plen) may match: one bit, or all 256 of its first byte when it
 * has one byte only. */
static void lead_pair_set(uint64_t *bits, const unsigned char *pat,
			  size_t plen)
{
	unsigned k = (unsigned)pat[0] << 8, b;

	if (plen >= 2) {
		k |= pat[1];
		bits[k >> 6] |= 1ULL << (k & 63);
		return;
	}
	for (b = 0; b < 4; b++)
		bits[(k >> 6) + b] = ~0ULL;
}

/* True when bits (from lead_pair_set) let a pattern match at the start
 * of s[0..len) (len > 0). */
static bool lead_pair_test(const uint64_t *bits, const char *s, size_t len)
{
	unsigned k = (unsigned)cd_text_lower((unsigned char)s[0]) << 8 |
		     (len > 1 ? cd_text_lower((unsigned char)s[1]) : 0);

	return bits[k >> 6] >> (k & 63) & 1;
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
 * pushed from the last, so every chain runs in file order.  rs takes a
 * gen no rules have had (rules at one address, released and loaded
 * again, differ too). */
static void rules_index(struct cd_boiler_rules *rs)
{
	static uint64_t gens;
	size_t i;

	rs->gen = __atomic_add_fetch(&gens, 1, __ATOMIC_RELAXED);

	free(rs->next);
	rs->next = cd_xcalloc(rs->n + 1, sizeof(*rs->next));
	if (!rs->pair)
		rs->pair = cd_xcalloc(65536, sizeof(*rs->pair));
	memset(rs->pair, 0, 65536 * sizeof(*rs->pair));
	if (!rs->head2)
		rs->head2 = cd_xcalloc(65536, sizeof(*rs->head2));
	memset(rs->head2, 0, 65536 * sizeof(*rs->head2));
	memset(rs->head, 0, sizeof(rs->head));
	memset(rs->line, 0, sizeof(rs->line));
	memset(rs->tail, 0, sizeof(rs->tail));
	memset(rs->pairbit, 0, sizeof(rs->pairbit));
	memset(rs->quadbit, 0, sizeof(rs->quadbit));
	memset(rs->linebit, 0, sizeof(rs->linebit));
	memset(rs->chainbit, 0, sizeof(rs->chainbit));
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
		else if (r->kind != CD_RULE_CONTAINS && r->plen == 1)
			chain = &rs->head[pat[0]];
		else if (r->kind != CD_RULE_CONTAINS)
			chain = &rs->head2[pat[0] << 8 | pat[1]];
		else if (r->plen == 1)
			chain = &rs->one;
		else
			chain = &rs->pair[pat[0] << 8 | pat[1]];
		if (r->kind == CD_RULE_LINE)
			lead_pair_set(rs->linebit, pat, r->plen);
		if (r->kind == CD_RULE_CONTAINS && r->plen > 1)
			chain_bits(rs, pat[0], pat[1]);
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

		if ((unsigned char)s[k] < 0x80) {	/* ASCII: no decoding */
			if (!trail_cp((unsigned char)s[k]))
				break;
			len = k;
			continue;
		}
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (!trail_cp(cd_utf8_decode(s + k, len - k, &n)))
			break;
		len = k;
	}
	return len;
}

/* True when a pattern matched up to s[n] ends inside a word of
 * s[0..len): its last byte is a letter or a digit and the word goes on
 * after it in small letters, digits or letters beyond ASCII ("more in" in
 * "More information"); a capital after it starts a word glued on ("Most
 * ViewedWEEK"). */
static bool cut_word(const char *s, size_t len, size_t n)
{
	unsigned char c;

	if (n == 0 || n >= len || !cd_text_word_low((unsigned char)s[n - 1]))
		return false;
	c = (unsigned char)s[n];
	return (c >= 'a' && c <= 'z') || cd_text_digit(c) || c >= 0x80;
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
		if (off + r->plen <= len && cd_text_ieq(s + off, r->pat, r->plen) &&
		    (r->kind != CD_RULE_BLOCK || !cut_word(s, len, off + r->plen)))
			return c - 1;
	}
	return best;
}

/* chain_hit on the contains chain of the two bytes at s[st]. */
static size_t pair_hit(const struct cd_boiler_rules *rs, const char *s,
		       size_t len, size_t st, size_t chars, size_t best)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned k;

	if (st + 1 >= len)
		return best;
	k = (unsigned)cd_text_lower(u[st]) << 8 | cd_text_lower(u[st + 1]);
	return rs->pair[k] ? chain_hit(rs, rs->pair[k], s, len, st, chars,
				       best, HIT_AT) : best;
}

/* contains_hit for the short patterns: the chains read where a byte of
 * rs->lead stands (few bytes: a pass for each two; the lowest rule wins
 * whatever the order the chains are read in). */
static size_t contains_lead(const struct cd_boiler_rules *rs, const char *s,
			    size_t len, size_t chars, size_t best)
{
	size_t i, j, end = len - 1;	/* a pattern needs two bytes */

	for (j = 0; j < rs->nlead; j += 2) {	/* two bytes a pass */
		unsigned char b = rs->lead[j + 1 < rs->nlead ? j + 1 : j];

		for (i = 0; (i += cd_b16_find2(s + i, end - i, rs->lead[j],
						b)) < end; i++)
			best = pair_hit(rs, s, len, i, chars, best);
	}
	return best;
}

/* One step of the skip scan with its window ending at *e: the window
 * moves by the skip table, or by one after the chain of its first two
 * bytes is read. */
static inline size_t skip_step(const struct cd_boiler_rules *rs,
			       const char *s, size_t len, size_t *e,
			       size_t chars, size_t best)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned sh = rs->shift[shift_hash3(three_at(u + *e - 3))];
	size_t st;

	if (sh) {
		*e += sh;
		return best;
	}
	st = *e + 1 - rs->wm;
	sh = shift_slot(u[st], u[st + 1]);
	if (rs->chainbit[sh >> 6] >> (sh & 63) & 1)	/* most have none */
		best = pair_hit(rs, s, len, st, chars, best);
	++*e;
	return best;
}

/* contains_hit for patterns of rs->wm bytes or more: the window of wm
 * bytes jumps by the skip table, and the chain of its first two bytes is
 * read only where the table says a pattern may start.  A long text is
 * read as two halves at once (the first half's windows end before
 * len / 2 + wm - 1, the second's from there), so that the two chains of
 * table reads overlap. */
static size_t contains_skip(const struct cd_boiler_rules *rs, const char *s,
			    size_t len, size_t chars, size_t best)
{
	size_t m = rs->wm, e = m - 1, f = len / 2 + m - 1;

	if (len < 64) {
		while (e < len)
			best = skip_step(rs, s, len, &e, chars, best);
		return best;
	}
	while (e < len / 2 + m - 1 && f < len) {
		best = skip_step(rs, s, len, &e, chars, best);
		best = skip_step(rs, s, len, &f, chars, best);
	}
	while (e < len / 2 + m - 1)
		best = skip_step(rs, s, len, &e, chars, best);
	while (f < len)
		best = skip_step(rs, s, len, &f, chars, best);
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
	if (rs->nlead)
		best = contains_lead(rs, s, len, chars, best);
	if (rs->wm >= 4)
		return contains_skip(rs, s, len, chars, best);
	if (rs->wm == 0)
		return best;	/* no pattern left for the scans below */
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
	if (chars <= rs->pmax && len > 1)
		best = chain_hit(rs, rs->head2[(unsigned)c0 << 8 |
					       cd_text_lower((unsigned char)s[1])],
				 s, len, 0, chars, best, HIT_PREFIX);
	if (chars <= rs->pmax && rs->head[c0])
		best = chain_hit(rs, rs->head[c0], s, len, 0, chars, best,
				 HIT_PREFIX);
	/* line and suffix rules ignore trailing punctuation */
	if (slen > 0 && slen <= rs->lmax &&
	    lead_pair_test(rs->linebit, s, slen))
		best = chain_hit(rs, rs->line[c0], s, slen, 0, chars, best,
				 HIT_LINE);
	if (slen > 0 && chars <= rs->smax)
		best = chain_hit(rs, rs->tail[cd_text_lower(
					 (unsigned char)s[slen - 1])],
				 s, slen, (size_t)-1, chars, best, HIT_AT);
	best = contains_hit(rs, s, len, chars, best);
	return best < rs->n ? &rs->r[best] : NULL;
}
