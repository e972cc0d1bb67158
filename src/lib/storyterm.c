/*
 * storyterm.c - the terms of one record for story grouping (see story.h
 * and story_int.h): tokens (letters and digits of any script, lower-cased
 * with utf8proc), stop words (English function words, read from a data
 * file) dropped, words, pairs of
 * capitalised words and three-word shingles inside quotation marks
 * counted, and the record's max_terms heaviest kept as dense term ids and
 * local weights.  Plain ASCII is read 64 bytes at a time (block_terms),
 * its short words hashed where they lie; lex_next reads the rest.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "buf.h"
#include "bytes.h"
#include "datapath.h"
#include "foldhash.h"
#include "story_int.h"
#include "text.h"
#include "uchar.h"

/* Hash a token of the given kind: XXH3_64bits_withSeed, whose path for
 * up to 16 bytes (most tokens, and the two hashes term_combine joins) is
 * taken here inline, as that function takes it. */
static inline __attribute__((always_inline)) uint64_t
term_hash(const char *p, size_t len, enum kind k)
{
	uint64_t h = len <= 16 ?
		XXH3_len_0to16_64b((const xxh_u8 *)p, len, XXH3_kSecret,
				   (uint64_t)k) :
		XXH3_64bits_withSeed(p, len, (uint64_t)k);

	return h ? h : 1;
}

/* term_hash of the n (1 to 16) ASCII letters and digits of a whole word
 * at u, lower-cased, read from the text itself (8 bytes readable at u). */
static inline __attribute__((always_inline)) uint64_t
fold_hash(const unsigned char *u, size_t n, enum kind k)
{
	uint64_t h = cd_folded_hash(u, n, (uint64_t)k);

	return h ? h : 1;
}

/* Combine two term hashes into the hash of their sequence. */
static uint64_t term_combine(uint64_t a, uint64_t b, enum kind k)
{
	uint64_t v[2] = { a, b };

	return term_hash((const char *)v, sizeof v, k);
}

void cd_stop_init(struct stopset *st)
{
	st->nb = 1;
	st->n = 0;
	st->b = cd_xcalloc(STOP_WAYS, sizeof *st->b);
	cd_hmap_init(&st->over);
}

void cd_stop_release(struct stopset *st)
{
	free(st->b);
	st->b = NULL;
	st->nb = st->n = 0;
	cd_hmap_free(&st->over);
}

/* Put h in the first free slot of its bucket in st; false when the
 * bucket is full (h is not there). */
static bool stop_slot(struct stopset *st, uint64_t h)
{
	uint64_t *b = st->b + (h & (st->nb - 1)) * STOP_WAYS;

	for (int k = 0; k < STOP_WAYS; k++) {
		if (b[k] == h)
			return true;
		if (!b[k]) {
			b[k] = h;
			return true;
		}
	}
	return false;
}

/* Put h, not in st, in its bucket or, that full, in st->over. */
static void stop_put(struct stopset *st, uint64_t h)
{
	size_t j;

	if (stop_slot(st, h))
		return;
	j = cd_hmap_slot(&st->over, h);
	if (!st->over.keys[j])
		cd_hmap_set(&st->over, j, h, 1);
}

void cd_stop_add(struct stopset *st, uint64_t h)
{
	struct stopset o;

	if (!st->nb)
		cd_stop_init(st);
	if (stop_has(st, h))
		return;
	st->n++;
	if (stop_slot(st, h))
		return;
	if (st->nb * STOP_WAYS >= 8 * st->n) {
		stop_put(st, h);
		return;
	}
	o = *st;
	st->nb *= 2;
	st->b = cd_xcalloc(st->nb * STOP_WAYS, sizeof *st->b);
	cd_hmap_init(&st->over);
	for (size_t i = 0; i < o.nb * STOP_WAYS; i++)
		if (o.b[i])
			stop_put(st, o.b[i]);
	for (size_t i = 0; i < o.over.cap; i++)
		if (o.over.keys[i])
			stop_put(st, o.over.keys[i]);
	stop_put(st, h);
	free(o.b);
	cd_hmap_free(&o.over);
}

int cd_story_stop_add(struct cd_story *s, const char *line, size_t len)
{
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
		       line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	while (len && (*line == ' ' || *line == '\t'))
		line++, len--;
	if (!len || *line == '#')
		return 0;
	if (len > MAX_TOKEN || memchr(line, ' ', len) ||
	    memchr(line, '\t', len))
		return -1;
	cd_stop_add(&s->stop, term_hash(line, len, K_WORD));
	return 0;
}

/* cd_story_stop_add for cd_data_read. */
static int stop_add(void *s, const char *line, size_t len)
{
	return cd_story_stop_add(s, line, len);
}

long cd_story_stops_load(struct cd_story *s, const char *path)
{
	return cd_data_read(path, stop_add, s);
}

/* ---- counting the terms of one record ---- */

void cd_tally_init(struct tally *t)
{
	memset(t, 0, sizeof *t);
	t->tabcap = TAB_SLOTS;
	t->tab = cd_xcalloc(t->tabcap, sizeof *t->tab);
	t->used = cd_xmalloc(t->tabcap / 2 * sizeof *t->used);
}

void cd_tally_release(struct tally *t)
{
	free(t->tab);
	free(t->used);
	memset(t, 0, sizeof *t);
}

/* Double the scratch table, rehashing its entries in the order they
 * were first counted: used[] keeps that order whatever the table's size,
 * so a record's terms come out the same whichever tally (and so thread)
 * counted it, and whatever that tally counted before. */
static void tab_grow(struct tally *t)
{
	size_t on = t->tabused;
	struct slot *old = t->tab;
	uint32_t *oused = t->used;

	t->tabcap *= 2;
	t->tab = cd_xcalloc(t->tabcap, sizeof *t->tab);
	t->used = cd_xmalloc(t->tabcap / 2 * sizeof *t->used);
	t->tabused = 0;
	for (size_t u = 0; u < on; u++) {
		const struct slot *o = &old[oused[u]];
		size_t j = (size_t)o->h & (t->tabcap - 1);

		while (t->tab[j].h)
			j = (j + 1) & (t->tabcap - 1);
		t->tab[j] = *o;
		t->used[t->tabused++] = (uint32_t)j;
	}
	free(oused);
	free(old);
}

/* The slot counting term h, created when new. */
static inline __attribute__((always_inline)) struct slot *
tab_get(struct tally *t, uint64_t h, enum kind k)
{
	size_t i;

	if (2 * (t->tabused + 1) > t->tabcap)
		tab_grow(t);
	i = (size_t)h & (t->tabcap - 1);
	while (t->tab[i].h && t->tab[i].h != h)
		i = (i + 1) & (t->tabcap - 1);
	if (!t->tab[i].h) {
		t->tab[i].h = h;
		t->tab[i].kind = (uint8_t)k;
		t->used[t->tabused++] = (uint32_t)i;
	}
	return &t->tab[i];
}

/* One token as the tokeniser saw it. */
struct tok {
	char buf[MAX_TOKEN + 8];	/* the slack: a copy 8 bytes at a time */
	size_t len;
	bool upper;	/* starts with an upper-case letter */
	bool digit;	/* holds a digit */
};

/* Tokeniser state across one record. */
struct lex {
	const char *p, *end;
	bool sentence;	/* the next word starts a sentence */
	bool quote;	/* inside a quotation */
	bool straight;	/* the open quotation began with '"' */
	bool punct;	/* punctuation since the previous word */
};

/* Note a non-word code point but a space (its callers pass none):
 * sentence ends, quotation marks, newlines. */
static inline void lex_mark(struct lex *x, int32_t c)
{
	if (c != '\t')
		x->punct = true;
	if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' ||
	    c == 0x201C || c == '(' || c == 0xAB)
		x->sentence = true;
	if (c == '\n') {
		x->quote = false;
	} else if (c == 0x201C || c == 0xAB || c == 0x201E) {
		x->quote = true;
		x->straight = false;
	} else if (c == 0x201D || c == 0xBB) {
		x->quote = false;
	} else if (c == '"') {
		x->quote = !x->quote;
		x->straight = x->quote;
		if (x->quote)
			x->sentence = true;
	}
}

/* Append the code point c (not ASCII) lower-cased to t, keeping at most
 * MAX_TOKEN bytes. */
static void tok_add(struct tok *t, int32_t c)
{
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t n;

	n = utf8proc_encode_char(utf8proc_tolower(c), enc);
	if (t->len + (size_t)n <= MAX_TOKEN) {
		memcpy(t->buf + t->len, enc, (size_t)n);
		t->len += (size_t)n;
	}
}

/* The end of the run of ASCII letters and digits at p (before end),
 * sixteen bytes at a time; *digit set when it holds a digit. */
static inline const unsigned char *
run_end(const unsigned char *p, const unsigned char *end, bool *digit)
{
	unsigned m, d = 0;

	for (; end - p >= 16; p += 16) {
		cd_b16 v = cd_b16_load(p), dl = cd_b16_is_digit(v);
		unsigned dm = cd_b16_bits(dl);

		m = ~cd_b16_bits(cd_b16_or(dl, cd_b16_is_letter(v))) & 0xffffU;
		if (m) {
			m = (unsigned)__builtin_ctz(m);
			d |= dm & ((1U << m) - 1);
			*digit |= d != 0;
			return p + m;
		}
		d |= dm;
	}
	*digit |= d != 0;
	for (; p < end && cd_text_word_low(*p); p++)
		*digit |= *p <= '9';
	return p;
}

/* Add the run of ASCII word bytes at x->p to word t: lower-cased, at
 * most MAX_TOKEN bytes kept, digits joined by '.' or ','.  The run's end
 * is found sixteen bytes at a time (run_end), then it is copied eight at
 * a time (setting bit 0x20 lowers a letter and keeps a digit; the bytes
 * copied past the run go to the slack of buf and are not counted). */
static inline __attribute__((always_inline)) void
lex_ascii(struct lex *x, struct tok *t)
{
	const unsigned char *p = (const unsigned char *)x->p;
	const unsigned char *end = (const unsigned char *)x->end;
	size_t len = t->len;

	for (;;) {
		const unsigned char *e = run_end(p, end, &t->digit);
		size_t n = (size_t)(e - p), k = 0;
		uint64_t w;

		if (n > MAX_TOKEN - len)
			n = MAX_TOKEN - len;
		for (; k < n && end - (p + k) >= 8; k += 8) {
			memcpy(&w, p + k, 8);
			w |= 0x2020202020202020ULL;
			memcpy(t->buf + len + k, &w, 8);
		}
		for (; k < n; k++)
			t->buf[len + k] = (char)(p[k] | 0x20);
		len += n;
		p = e;
		/* "5.6", "1,000": one token (the run is not empty here
		 * when it ends in a digit). */
		if (end - p >= 2 && cd_text_number_joint(p))
			p++;
		else
			break;
	}
	t->len = len;
	x->p = (const char *)p;
}

/* Start word t (empty): upper, whether its first code point is a
 * capital. */
static inline void tok_open(struct tok *t, bool upper)
{
	t->upper = upper;
	t->digit = false;
}

/* Read the next word into t; false at the end of the text.  Digits joined
 * by '.' or ',' ("5.6", "1,000") stay one token.  ASCII is read without
 * decoding, a run of word bytes by lex_ascii; other code points through
 * utf8proc. */
static bool lex_next(struct lex *x, struct tok *t)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	t->len = 0;
	while (x->p < x->end) {
		unsigned char ch = (unsigned char)*x->p;

		if (ch < 0x80) {
			if (cd_text_word_low(ch)) {
				if (t->len == 0)
					tok_open(t, (uint32_t)ch - 'A' < 26);
				lex_ascii(x, t);
				/* An ASCII byte after the run ends the word
				 * (a non-ASCII one may go on with it). */
				if (x->p == x->end ||
				    (unsigned char)*x->p < 0x80)
					return true;
				continue;
			}
			if (t->len)
				return true;
			if (ch != ' ')	/* the most common, marking nothing */
				lex_mark(x, ch);
			x->p++;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)x->p,
				     x->end - x->p, &c);
		if (n < 1) {
			x->p++;
			continue;
		}
		if (cd_cp_word((uint32_t)c)) {
			if (t->len == 0)
				tok_open(t, cd_cp_upper((uint32_t)c));
			tok_add(t, c);
			x->p += n;
			lex_ascii(x, t);
			continue;
		}
		if (t->len)
			return true;
		lex_mark(x, c);
		x->p += n;
	}
	return t->len > 0;
}

/* Per-record state of the term counter. */
struct counter {
	uint64_t prev;		/* hash of the previous capitalised word, or 0 */
	uint64_t q[3];		/* the last words inside the current quotation */
	int nq;
};

/* Count one word and the pair and shingle terms it completes: h its
 * hash as a word, hn as a number when it holds a digit (else 0), len its
 * bytes, upper whether it starts with a capital.  The marks before it
 * are x's: a word inside a sentence (x->sentence false) or after a
 * capitalised one with no punctuation between (x->punct false) tells
 * names. */
static inline __attribute__((always_inline)) void
count_word(const struct cd_story *s, struct tally *ta, struct counter *c,
	   const struct lex *x, uint64_t h, uint64_t hn, size_t len,
	   bool upper)
{
	bool stop = stop_has(&s->stop, h);
	bool single = len < 2 && !hn;

	if (x->quote) {
		c->q[0] = c->q[1], c->q[1] = c->q[2], c->q[2] = h;
		if (++c->nq >= 3)
			tab_get(ta, term_combine(term_combine(c->q[0], c->q[1],
				K_QUOTE), c->q[2], K_QUOTE), K_QUOTE)->tf++;
	} else {
		c->nq = 0;
	}
	if (stop || single) {
		c->prev = 0;
		return;
	}
	uint64_t key = hn ? hn : h;
	struct slot *sl = tab_get(ta, key, hn ? K_NUM : K_WORD);
	sl->tf++;
	if (upper && !x->sentence)
		sl->capn += sl->capn < UINT16_MAX;
	else if (!upper && sl->lown < UINT16_MAX)
		sl->lown++;
	if (upper && c->prev && !x->punct)
		tab_get(ta, term_combine(c->prev, key, K_PAIR), K_PAIR)->tf++;
	c->prev = upper ? key : 0;
}

/* count_word for a word that lex_next read into t. */
static void count_tok(const struct cd_story *s, struct tally *ta,
		      struct counter *c, const struct lex *x,
		      const struct tok *t)
{
	count_word(s, ta, c, x, term_hash(t->buf, t->len, K_WORD),
		   t->digit ? term_hash(t->buf, t->len, K_NUM) : 0, t->len,
		   t->upper);
}

/*
 * The words of the 64 bytes at p (no word begun at p; 80 bytes readable
 * there), as lex_next would read them, found by their masks as token.c's
 * block_words finds them: the marks between words noted (lex_mark), and
 * each whole ASCII word of at most 16 bytes (ended by an ASCII byte that
 * does not join digits) hashed straight from the text (cd_folded_hash)
 * and counted.  Returns where lex_next goes on: p + 64 when the block is
 * done, else the start of the first word that it leaves (longer, running
 * past the block, joined) or the first byte of 0x80 and above (*high
 * set), whose marks before are noted.
 */
static const unsigned char *
block_terms(const struct cd_story *s, struct tally *ta, struct counter *c,
	    struct lex *x, const unsigned char *p, bool *high)
{
	uint64_t word = 0, hi = 0, dig = 0, blank = 0, mark, m, g, run;
	unsigned b, e, n, pos = 0;

	for (unsigned k = 0; k < 4; k++) {
		cd_b16 v = cd_b16_load(p + 16 * k), dl = cd_b16_is_digit(v);

		word |= (uint64_t)cd_b16_bits(cd_b16_or(dl,
				cd_b16_is_letter(v))) << 16 * k;
		dig |= (uint64_t)cd_b16_bits(dl) << 16 * k;
		hi |= (uint64_t)cd_b16_high(v) << 16 * k;
		blank |= (uint64_t)cd_b16_eq(v, ' ') << 16 * k;
	}
	/* the ASCII bytes between words that lex_mark notes */
	mark = ~(word | hi | blank);
	for (;;) {
		m = (word | hi) >> pos;
		b = m ? pos + (unsigned)__builtin_ctzll(m) : 64;
		g = mark >> pos;
		if (b - pos < 64)
			g &= (1ULL << (b - pos)) - 1;
		for (; g; g &= g - 1)
			lex_mark(x, p[pos + (unsigned)__builtin_ctzll(g)]);
		if (b == 64)
			return p + 64;
		if (hi >> b & 1) {
			*high = true;
			return p + b;
		}
		/* the run must end in the block, an ASCII byte after it */
		if ((run = ~word >> b) == 0)
			return p + b;
		e = b + (unsigned)__builtin_ctzll(run);
		n = e - b;
		if (n > 16 || p[e] >= 0x80 || cd_text_number_joint(p + e))
			return p + b;
		count_word(s, ta, c, x, fold_hash(p + b, n, K_WORD),
			   dig >> b & ((1ULL << n) - 1) ?
			   fold_hash(p + b, n, K_NUM) : 0,
			   n, (uint32_t)p[b] - 'A' < 26);
		x->punct = false;
		x->sentence = false;
		pos = e;
	}
}

/* The boost of a counted term's kind (1 to 3, cd_story_weight_init's
 * multipliers): the kinds that name a particular event weigh more.
 * Numbers (ages, tolls, scores, sums and years) tell two similar events
 * apart better than any word (measured); a word weighs as a name when
 * capitalised inside sentences more often than written in lower case. */
static unsigned slot_boost(const struct slot *sl)
{
	static const unsigned char boost[] = {
		[K_WORD] = 1, [K_NUM] = 3, [K_PAIR] = 2, [K_QUOTE] = 1
	};

	return sl->kind == K_WORD && sl->capn > sl->lown ? 2 :
	       boost[sl->kind];
}

/* float_desc of a local weight: damped frequency n times the kind's
 * boost m, (1 + log n) * m, rounded to a float. */
static uint32_t weight_key(double n, unsigned m)
{
	return float_desc((float)((1.0 + log(n)) * m));
}

/* The weight_key of counted term sl of boost m (slot_boost), from the
 * table for the small counts (tf counts by 1 from 0: a whole number). */
static uint32_t slot_key(const struct cd_story *s, const struct slot *sl,
			 unsigned m)
{
	if (sl->tf < LOG_TABLE)
		return s->wkey[m - 1][(size_t)sl->tf];
	return weight_key(sl->tf, m);
}

void cd_story_weight_init(struct cd_story *s)
{
	for (unsigned m = 1; m <= 3; m++)
		for (size_t n = 1; n < LOG_TABLE; n++)
			s->wkey[m - 1][n] = weight_key((double)n, m);
}

/* Whether term a comes before b: heavier first, then by hash (hashes
 * within a record are distinct, so this is a total order); the key
 * mostly decides alone. */
static bool term_before(const struct term *a, const struct term *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	return a->h < b->h;
}

#define TERM_BEFORE(x, y) term_before(&(x), &(y))
/* term_select(v, n, k): the k first terms by term_before (the heaviest)
 * first, in any order. */
PARTIAL_SORT(term_select, struct term, TERM_BEFORE, 0)

/* The dense id of term hash h, created (with df 0) when new. */
static uint32_t vocab_id(struct cd_story *s, uint64_t h)
{
	size_t j = cd_hmap_slot(&s->vocab, h);

	if (!s->vocab.keys[j]) {
		cd_hmap_set(&s->vocab, j, h, (uint32_t)s->nvocab);
		s->df = cd_xgrow(s->df, &s->dfcap, s->nvocab + 1,
				 sizeof *s->df);
		s->df[s->nvocab++] = 0;
	}
	return s->vocab.vals[j];
}

/* Move the counted terms to out, keeping the heaviest max_terms, and
 * empty the scratch table; returns how many were kept. */
static size_t select_terms(const struct cd_story *s, struct tally *t,
			   struct kept *out)
{
	size_t n = 0, keep;
	struct term *v;

	out->v = cd_xgrow(out->v, &out->cap, out->n + t->tabused + 1,
			  sizeof *out->v);
	v = out->v + out->n;
	for (size_t u = 0; u < t->tabused; u++) {
		struct slot *sl = &t->tab[t->used[u]];
		unsigned m = slot_boost(sl);
		v[n].h = sl->h;
		/* the key's last bit marks a name, pair or number (see
		 * cd_story_keep), in place of the hash's bit 32 */
		v[n].key = (uint64_t)slot_key(s, sl, m) << 32 |
			   (sl->h >> 32 & ~(uint64_t)1) | (m > 1);
		memset(sl, 0, sizeof *sl);
		n++;
	}
	t->tabused = 0;
	if (t->tabcap > TAB_SHRINK) {
		free(t->tab);
		free(t->used);
		t->tabcap = TAB_SLOTS;
		t->tab = cd_xcalloc(t->tabcap, sizeof *t->tab);
		t->used = cd_xmalloc(t->tabcap / 2 * sizeof *t->used);
	}
	/* Which terms are kept matters, not their order: a record's terms
	 * are only ever summed over. */
	keep = n < (size_t)s->o.max_terms ? n : (size_t)s->o.max_terms;
	if (keep < n)
		term_select(v, n, keep);
	out->n += keep;
	return keep;
}

size_t cd_story_keep(struct cd_story *s, const struct term *v, size_t keep)
{
	size_t off = s->nterms;

	s->tid = cd_xgrow(s->tid, &s->tidcap, s->nterms + keep + 1,
			  sizeof *s->tid);
	s->lw = cd_xgrow(s->lw, &s->lwcap, s->nterms + keep + 1,
			 sizeof *s->lw);
	for (size_t k = 0; k < keep; k++) {
		s->tid[off + k] = vocab_id(s, v[k].h);
		float w = float_undesc((uint32_t)(v[k].key >> 32));

		s->lw[off + k] = v[k].key & 1 ? -w : w;
	}
	s->nterms += keep;
	return off;
}

size_t cd_story_terms(const struct cd_story *s, struct tally *t,
		      struct kept *out, const char *text, size_t len)
{
	struct lex x = { text, text + len, true, false, false, false };
	struct counter c = { 0, { 0, 0, 0 }, 0 };
	struct tok w;
	/* the block scan goes on from here (past a byte of 0x80 and above,
	 * lex_next reads the rest of its block: likely more of them) */
	const char *plain = text;

	for (;;) {
		if (x.p >= plain && x.end - x.p >= 80) {
			const unsigned char *p = (const unsigned char *)x.p;
			bool high = false;
			const char *to = (const char *)block_terms(s, t, &c,
								   &x, p,
								   &high);

			x.p = to;
			if (to == (const char *)p + 64)
				continue;
			plain = high ? (const char *)p + 64 : to;
		}
		if (!lex_next(&x, &w))
			break;
		count_tok(s, t, &c, &x, &w);
		x.punct = false;
		x.sentence = false;
	}
	return select_terms(s, t, out);
}
