/*
 * story.c - story grouping (see story.h).
 *
 * cd_story_add() tokenises a record (letters and digits of any script,
 * lower-cased with utf8proc), drops English function words, and counts
 * three kinds of terms: words (capitalised names and numbers weighted up),
 * pairs of adjacent capitalised words ("Tara Reid"), and three-word
 * shingles inside quotation marks, which two independent articles share
 * only when they quote the same words.  It keeps the record's max_terms
 * heaviest terms as (hash, weight) pairs and its date as a day number.
 *
 * Before that, it samples the record's long lines: when most of them were
 * first seen in one earlier record of about the same length, the record
 * is a copy of it (a reprint in another wrapper), joins its story and is
 * not tokenised at all.
 *
 * cd_story_solve() computes document frequencies over the kept terms,
 * weights each term by tf-idf (with a pseudo-count of background documents
 * so a small input of one story still scores its shared names high), and
 * finds similar pairs through an inverted index whose long postings lists
 * (common terms, low weight) are skipped.  Pairs whose known dates lie
 * far apart are scored down.  Records are then clustered by average
 * linkage: two clusters merge only while the mean similarity over all
 * their cross pairs stays above the threshold, so one strong pair between
 * two similar events (two earthquakes) cannot chain them together, as
 * single linkage would.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "buf.h"
#include "story.h"
#include "worker.h"

/* Background documents assumed in every idf (see the file comment). */
#define BACKGROUND_DOCS 100.0
/* Terms in more documents than the larger of MIN_POSTINGS and
 * POSTINGS_SHARE of the collection are left out of the inverted index:
 * they carry little evidence and would make pair finding quadratic. */
#define MIN_POSTINGS 50
#define POSTINGS_SHARE 0.02
/* Earlier records sharing an indexed term that are scored in full per
 * record: those sharing the most rare-term weight. */
#define MAX_CANDIDATES 64
/* Postings visited per record, rarest terms first, before the rest of
 * its terms are left out of the candidate search. */
#define MAX_VISITS 5000
/* Most similar earlier records remembered per record. */
#define MAX_EDGES 64
/* Pairs below threshold * EDGE_FRACTION are not remembered at all. */
#define EDGE_FRACTION 0.25
/* Slots the scratch table returns to after a record that made it grow
 * past TAB_SHRINK of them: one huge record must not make every later
 * one clear a huge table. */
#define TAB_SLOTS 1024
#define TAB_SHRINK 16384
/* Longest token kept, in bytes (longer ones are cut). */
#define MAX_TOKEN 64
/* Copies: a record is checked against the earlier ones through the
 * LINE_SAMPLE longest of its distinct lines of at least LINE_MIN
 * bytes (leading and trailing blanks aside), when it has COPY_MIN_LINES
 * of them. */
#define LINE_SAMPLE 8
#define LINE_MIN 32
#define COPY_MIN_LINES 3
/* ...and is a copy of an earlier record that first had COPY_SHARE of the
 * sampled bytes, when their long lines differ in length by at most the
 * factor COPY_LEN_RATIO. */
#define COPY_SHARE 0.75
#define COPY_LEN_RATIO 0.8
/* Not a copy. */
#define NO_COPY UINT32_MAX

/* Term kinds; the kind seeds the hash so kinds never collide. */
enum kind { K_WORD = 1, K_NUM, K_PAIR, K_QUOTE };

/* One term being counted in the current record. */
struct slot {
	uint64_t h;	/* 0: empty */
	float tf;
	uint16_t capn;	/* occurrences capitalised inside a sentence */
	uint16_t lown;	/* occurrences in lower case */
	uint8_t kind;
};

/* One kept term of a record: hash and local weight. */
struct term {
	uint64_t h;
	float w;
};

/* A record's summary: terms[off .. off + n), and its day or INT_MIN; or,
 * for a copy, the earlier record it copies and the share of its sampled
 * lines found there. */
struct doc {
	size_t off;
	uint32_t n;
	int32_t day;
	uint32_t copy;		/* NO_COPY, or the record copied */
	uint32_t linelen;	/* bytes in long lines, or the share * 2^16 */
};

/* A remembered similar pair, a < b. */
struct edge {
	uint32_t a, b;
	float s;
};

/* A cluster's neighbour and the sum of similarities to it. */
struct nb {
	uint32_t c;
	float sum;	/* float: 8-byte entries; the mean needs no more */
};

/* A neighbour list. */
struct nbs {
	struct nb *v;
	size_t n, cap;
};

/* A candidate merge, valid while both versions are current. */
struct cand {
	double avg;
	uint32_t a, b, va, vb;
};

/* An open-addressing table from nonzero 64-bit hashes to 32-bit values,
 * probed linearly, at most half full (key 0 marks an empty slot). */
struct hmap {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap, n;
};

/* An empty table of 1024 slots. */
static void hmap_init(struct hmap *m)
{
	m->cap = 1024;
	m->n = 0;
	m->keys = cd_xcalloc(m->cap, sizeof *m->keys);
	m->vals = cd_xmalloc(m->cap * sizeof *m->vals);
}

/* Free the table (again is harmless). */
static void hmap_free(struct hmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->n = 0;
}

/* The slot holding h, or the empty slot where it would go. */
static size_t hmap_find(const struct hmap *m, uint64_t h)
{
	size_t j = (size_t)h & (m->cap - 1);

	while (m->keys[j] && m->keys[j] != h)
		j = (j + 1) & (m->cap - 1);
	return j;
}

/* Start loading the first slot h probes. */
static inline void hmap_prefetch(const struct hmap *m, uint64_t h)
{
	__builtin_prefetch(&m->keys[(size_t)h & (m->cap - 1)]);
}

/* Double the table, rehashing its entries. */
static void hmap_grow(struct hmap *m)
{
	struct hmap o = *m;

	m->cap *= 2;
	m->keys = cd_xcalloc(m->cap, sizeof *m->keys);
	m->vals = cd_xmalloc(m->cap * sizeof *m->vals);
	for (size_t i = 0; i < o.cap; i++) {
		if (!o.keys[i])
			continue;
		size_t j = hmap_find(m, o.keys[i]);
		m->keys[j] = o.keys[i];
		m->vals[j] = o.vals[i];
	}
	free(o.keys);
	free(o.vals);
}

/* hmap_find after making room for one more entry. */
static size_t hmap_slot(struct hmap *m, uint64_t h)
{
	if (2 * (m->n + 1) > m->cap)
		hmap_grow(m);
	return hmap_find(m, h);
}

/* Put h with value v in the empty slot j that hmap_slot gave. */
static void hmap_set(struct hmap *m, size_t j, uint64_t h, uint32_t v)
{
	m->keys[j] = h;
	m->vals[j] = v;
	m->n++;
}

struct cd_story {
	struct cd_story_opts o;
	/* Summaries: record d's terms are tid[] and lw[] at
	 * docs[d].off .. off + n, as dense term ids and local weights. */
	struct doc *docs;
	size_t ndocs, docscap;
	uint32_t *tid;
	float *lw;
	size_t nterms, tidcap, lwcap;
	/* Vocabulary: term hash -> dense id, records holding each id
	 * (counted by cd_story_solve). */
	struct hmap vocab;
	size_t nvocab;
	uint32_t *df;
	size_t dfcap;
	/* Sampled line hash -> the first record that had it. */
	struct hmap lines;
	size_t ncopies;
	/* Scratch for cd_story_add. */
	struct slot *tab;
	size_t tabcap, tabused;
	uint32_t *used;		/* the slots of tab in use, tabused of them */
	struct term *sorted;
	size_t sortedcap;
	uint64_t *stop;
	size_t stopcap;
	/* Results of cd_story_solve. */
	size_t *linkto;
	float *linkscore;
	bool solved;
};

/* English function words: too common to tell one story from another even
 * when the input is too small for document frequencies to show it. */
static const char *const stopwords[] = {
	"a", "about", "above", "after", "again", "against", "all", "also",
	"am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
	"before", "being", "below", "between", "both", "but", "by", "can",
	"could", "did", "didn", "do", "does", "doing", "don", "down",
	"during", "each", "few", "for", "from", "further", "had", "has",
	"have", "having", "he", "her", "here", "hers", "herself", "him",
	"himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
	"itself", "just", "ll", "me", "more", "most", "my", "myself", "no",
	"nor", "not", "now", "of", "off", "on", "once", "only", "or",
	"other", "our", "ours", "ourselves", "out", "over", "own", "re",
	"said", "same", "says", "say", "she", "should", "so", "some",
	"such", "than", "that", "the", "their", "theirs", "them",
	"themselves", "then", "there", "these", "they", "this", "those",
	"through", "to", "too", "under", "until", "up", "ve", "very", "was",
	"we", "were", "what", "when", "where", "which", "while", "who",
	"whom", "why", "will", "with", "would", "you", "your", "yours",
	"yourself", "yourselves", "one", "two", "new", "told", "according",
	"last", "first", "year", "years", "time", "since", "like", "may",
	"many", "much", "made", "make", "get", "got", "go", "going", "still",
	"around", "however", "another", "told", "tell", "http", "https",
	"www", "com", "html", "mr", "mrs", "ms",
};

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec",
};

/* Hash a token of the given kind. */
static uint64_t term_hash(const char *p, size_t len, enum kind k)
{
	uint64_t h = XXH3_64bits_withSeed(p, len, (uint64_t)k);

	return h ? h : 1;
}

/* Combine two term hashes into the hash of their sequence. */
static uint64_t term_combine(uint64_t a, uint64_t b, enum kind k)
{
	uint64_t v[2] = { a, b };

	return term_hash((const char *)v, sizeof v, k);
}

/* Insert h into the open-addressing set stop[0..cap) (cap a power of 2). */
static void set_put(uint64_t *set, size_t cap, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (set[i] && set[i] != h)
		i = (i + 1) & (cap - 1);
	set[i] = h;
}

/* Whether h is in the set. */
static bool set_has(const uint64_t *set, size_t cap, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (set[i]) {
		if (set[i] == h)
			return true;
		i = (i + 1) & (cap - 1);
	}
	return false;
}

void cd_story_opts_init(struct cd_story_opts *o)
{
	o->threshold = 0.16;
	o->window_days = 30;
	o->max_terms = 100;
}

struct cd_story *cd_story_new(const struct cd_story_opts *o)
{
	struct cd_story *s = cd_xcalloc(1, sizeof *s);
	size_t nstop = sizeof stopwords / sizeof stopwords[0];

	if (o)
		s->o = *o;
	else
		cd_story_opts_init(&s->o);
	if (s->o.max_terms < 1)
		s->o.max_terms = 1;
	s->stopcap = 512;
	s->stop = cd_xcalloc(s->stopcap, sizeof *s->stop);
	for (size_t i = 0; i < nstop; i++)
		set_put(s->stop, s->stopcap, term_hash(stopwords[i],
			strlen(stopwords[i]), K_WORD));
	s->tabcap = TAB_SLOTS;
	s->tab = cd_xcalloc(s->tabcap, sizeof *s->tab);
	s->used = cd_xmalloc(s->tabcap / 2 * sizeof *s->used);
	hmap_init(&s->vocab);
	hmap_init(&s->lines);
	return s;
}

void cd_story_free(struct cd_story *s)
{
	if (!s)
		return;
	free(s->docs);
	free(s->tid);
	free(s->lw);
	hmap_free(&s->vocab);
	free(s->df);
	hmap_free(&s->lines);
	free(s->sorted);
	free(s->tab);
	free(s->used);
	free(s->stop);
	free(s->linkto);
	free(s->linkscore);
	free(s);
}

/* ---- counting the terms of one record ---- */

/* Double the scratch table, rehashing its entries. */
static void tab_grow(struct cd_story *s)
{
	size_t ocap = s->tabcap;
	struct slot *old = s->tab;

	s->tabcap *= 2;
	s->tab = cd_xcalloc(s->tabcap, sizeof *s->tab);
	free(s->used);
	s->used = cd_xmalloc(s->tabcap / 2 * sizeof *s->used);
	s->tabused = 0;
	for (size_t i = 0; i < ocap; i++) {
		if (!old[i].h)
			continue;
		size_t j = (size_t)old[i].h & (s->tabcap - 1);
		while (s->tab[j].h)
			j = (j + 1) & (s->tabcap - 1);
		s->tab[j] = old[i];
		s->used[s->tabused++] = (uint32_t)j;
	}
	free(old);
}

/* The slot counting term h, created when new. */
static struct slot *tab_get(struct cd_story *s, uint64_t h, enum kind k)
{
	size_t i;

	if (2 * (s->tabused + 1) > s->tabcap)
		tab_grow(s);
	i = (size_t)h & (s->tabcap - 1);
	while (s->tab[i].h && s->tab[i].h != h)
		i = (i + 1) & (s->tabcap - 1);
	if (!s->tab[i].h) {
		s->tab[i].h = h;
		s->tab[i].kind = (uint8_t)k;
		s->used[s->tabused++] = (uint32_t)i;
	}
	return &s->tab[i];
}

/* One token as the tokeniser saw it. */
struct tok {
	char buf[MAX_TOKEN + 4];
	size_t len;
	bool upper;	/* starts with an upper-case letter */
	bool digit;	/* holds a digit */
	bool start;	/* first word of a sentence or line */
};

/* Tokeniser state across one record. */
struct lex {
	const char *p, *end;
	bool sentence;	/* the next word starts a sentence */
	bool quote;	/* inside a quotation */
	bool straight;	/* the open quotation began with '"' */
	bool punct;	/* punctuation since the previous word */
};

/* Whether code point c belongs to a word (ASCII without utf8proc). */
static bool is_word_cp(int32_t c)
{
	utf8proc_category_t k;

	if (c < 0x80)
		return (uint32_t)(c | 0x20) - 'a' < 26 || (uint32_t)c - '0' < 10;
	k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO) ||
	       k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC;
}

/* Whether code point c is an upper-case or title-case letter. */
static bool is_upper_cp(int32_t c)
{
	utf8proc_category_t k;

	if (c < 0x80)
		return (uint32_t)c - 'A' < 26;
	k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

/* Note a non-word code point: sentence ends, quotation marks, newlines. */
static void lex_mark(struct lex *x, int32_t c)
{
	if (c != ' ' && c != '\t')
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

/* Append code point c lower-cased to t, keeping at most MAX_TOKEN bytes. */
static void tok_add(struct tok *t, int32_t c)
{
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t n;

	if (c < 0x80) {
		if (t->len < MAX_TOKEN)
			t->buf[t->len++] = (char)((uint32_t)c - 'A' < 26 ?
						  c + ('a' - 'A') : c);
		return;
	}
	n = utf8proc_encode_char(utf8proc_tolower(c), enc);
	if (t->len + (size_t)n <= MAX_TOKEN) {
		memcpy(t->buf + t->len, enc, (size_t)n);
		t->len += (size_t)n;
	}
}

/* Decode the code point at x->p into *c (ASCII without utf8proc); its
 * length in bytes, or less than 1 for an invalid byte. */
static utf8proc_ssize_t lex_cp(const struct lex *x, int32_t *c)
{
	if ((unsigned char)*x->p < 0x80) {
		*c = (unsigned char)*x->p;
		return 1;
	}
	return utf8proc_iterate((const utf8proc_uint8_t *)x->p,
				x->end - x->p, c);
}

/* Read the next word into t; false at the end of the text.  Digits joined
 * by '.' or ',' ("5.6", "1,000") stay one token. */
static bool lex_next(struct lex *x, struct tok *t)
{
	int32_t c;
	utf8proc_ssize_t n;

	t->len = 0;
	while (x->p < x->end) {
		n = lex_cp(x, &c);
		if (n < 1) {
			x->p++;
			continue;
		}
		if (is_word_cp(c)) {
			bool dig = c >= '0' && c <= '9';
			if (t->len == 0) {
				t->upper = is_upper_cp(c);
				t->digit = false;
				t->start = x->sentence;
			}
			t->digit |= dig;
			tok_add(t, c);
			x->p += n;
			if (dig && x->p + 1 < x->end &&
			    (*x->p == '.' || *x->p == ',') &&
			    x->p[1] >= '0' && x->p[1] <= '9')
				x->p++;
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

/* Count one word and the pair and shingle terms it completes. */
static void count_word(struct cd_story *s, struct counter *c,
		       const struct lex *x, const struct tok *t, bool punct)
{
	uint64_t h = term_hash(t->buf, t->len, K_WORD);
	bool stop = set_has(s->stop, s->stopcap, h);
	bool single = t->len < 2 && !t->digit;

	if (x->quote) {
		c->q[0] = c->q[1], c->q[1] = c->q[2], c->q[2] = h;
		if (++c->nq >= 3)
			tab_get(s, term_combine(term_combine(c->q[0], c->q[1],
				K_QUOTE), c->q[2], K_QUOTE), K_QUOTE)->tf++;
	} else {
		c->nq = 0;
	}
	if (stop || single) {
		c->prev = 0;
		return;
	}
	if (t->digit)
		h = term_hash(t->buf, t->len, K_NUM);
	struct slot *sl = tab_get(s, h, t->digit ? K_NUM : K_WORD);
	sl->tf++;
	if (t->upper && !t->start)
		sl->capn += sl->capn < UINT16_MAX;
	else if (!t->upper && sl->lown < UINT16_MAX)
		sl->lown++;
	if (t->upper && c->prev && !punct)
		tab_get(s, term_combine(c->prev, h, K_PAIR), K_PAIR)->tf++;
	c->prev = t->upper ? h : 0;
}

/* The local weight of a counted term: damped frequency times a boost for
 * the kinds that name a particular event. */
static float slot_weight(const struct slot *sl)
{
	double w = 1.0 + log(sl->tf);

	switch (sl->kind) {
	case K_WORD:
		if (sl->capn > sl->lown)
			w *= 2.0;
		break;
	case K_NUM:
		/* Ages, tolls, scores, sums and years tell two similar
		 * events apart better than any word (measured). */
		w *= 3.0;
		break;
	case K_PAIR:
		w *= 2.0;
		break;
	case K_QUOTE:
		break;
	}
	return (float)w;
}

/* Whether term a comes before b: heavier first, then by hash (hashes
 * within a record are distinct, so this is a total order). */
static bool term_before(const struct term *a, const struct term *b)
{
	if (a->w != b->w)
		return a->w > b->w;
	return a->h < b->h;
}

/*
 * PARTIAL_SORT(NAME, TYPE, BEFORE) defines
 *	static void NAME(TYPE *v, size_t n, size_t k)
 * which sorts v[0..n) by BEFORE(x, y) (x comes first; a strict total
 * order on the values sorted), or when k < n only puts its first k
 * values first, in order, the rest after them in any order: a quicksort
 * that skips the parts beyond k, with an insertion sort for short parts.
 * One body for the two element types, inlined for each.
 */
#define PARTIAL_SORT(NAME, TYPE, BEFORE)				\
static void NAME(TYPE *v, size_t n, size_t k)				\
{									\
	size_t lo = 0, hi = n;						\
									\
	while (hi - lo > 16) {						\
		size_t mid = lo + (hi - lo) / 2, i = lo, j = hi - 1;	\
		TYPE pivot, tmp;					\
									\
		/* Median of three as the pivot. */			\
		if (BEFORE(v[mid], v[lo]))				\
			tmp = v[mid], v[mid] = v[lo], v[lo] = tmp;	\
		if (BEFORE(v[hi - 1], v[mid])) {			\
			tmp = v[mid], v[mid] = v[hi - 1], v[hi - 1] = tmp; \
			if (BEFORE(v[mid], v[lo]))			\
				tmp = v[mid], v[mid] = v[lo], v[lo] = tmp; \
		}							\
		pivot = v[mid];						\
		for (;;) {						\
			while (BEFORE(v[i], pivot))			\
				i++;					\
			while (BEFORE(pivot, v[j]))			\
				j--;					\
			if (i >= j)					\
				break;					\
			tmp = v[i], v[i] = v[j], v[j] = tmp;		\
			i++, j--;					\
		}							\
		/* Now v[lo..j] come before v[j + 1..hi). */		\
		if (j + 1 >= k) {					\
			hi = j + 1;					\
		} else {						\
			NAME(v + lo, j + 1 - lo, j + 1 - lo);		\
			lo = j + 1;					\
		}							\
	}								\
	for (size_t a = lo + 1; a < hi; a++) {				\
		TYPE x = v[a];						\
		size_t b = a;						\
		while (b > lo && BEFORE(x, v[b - 1])) {			\
			v[b] = v[b - 1];				\
			b--;						\
		}							\
		v[b] = x;						\
	}								\
}

#define TERM_BEFORE(x, y) term_before(&(x), &(y))
/* term_sort(v, n, k): the terms by term_before, heaviest first. */
PARTIAL_SORT(term_sort, struct term, TERM_BEFORE)

/* The dense id of term hash h, created (with df 0) when new. */
static uint32_t vocab_id(struct cd_story *s, uint64_t h)
{
	size_t j = hmap_slot(&s->vocab, h);

	if (!s->vocab.keys[j]) {
		hmap_set(&s->vocab, j, h, (uint32_t)s->nvocab);
		s->df = cd_xgrow(s->df, &s->dfcap, s->nvocab + 1,
				 sizeof *s->df);
		s->df[s->nvocab++] = 0;
	}
	return s->vocab.vals[j];
}

/* Move the counted terms into the record's summary, keeping the heaviest
 * max_terms, and empty the scratch table. */
static void keep_terms(struct cd_story *s, struct doc *d)
{
	size_t n = 0, keep;

	s->sorted = cd_xgrow(s->sorted, &s->sortedcap, s->tabused + 1,
			     sizeof *s->sorted);
	for (size_t u = 0; u < s->tabused; u++) {
		struct slot *sl = &s->tab[s->used[u]];
		s->sorted[n].h = sl->h;
		s->sorted[n].w = slot_weight(sl);
		memset(sl, 0, sizeof *sl);
		n++;
	}
	s->tabused = 0;
	if (s->tabcap > TAB_SHRINK) {
		free(s->tab);
		free(s->used);
		s->tabcap = TAB_SLOTS;
		s->tab = cd_xcalloc(s->tabcap, sizeof *s->tab);
		s->used = cd_xmalloc(s->tabcap / 2 * sizeof *s->used);
	}
	keep = n < (size_t)s->o.max_terms ? n : (size_t)s->o.max_terms;
	term_sort(s->sorted, n, keep);
	s->tid = cd_xgrow(s->tid, &s->tidcap, s->nterms + keep + 1,
			  sizeof *s->tid);
	s->lw = cd_xgrow(s->lw, &s->lwcap, s->nterms + keep + 1,
			 sizeof *s->lw);
	for (size_t k = 0; k < keep && k < 8; k++)
		hmap_prefetch(&s->vocab, s->sorted[k].h);
	for (size_t k = 0; k < keep; k++) {
		if (k + 8 < keep)
			hmap_prefetch(&s->vocab, s->sorted[k + 8].h);
		uint32_t id = vocab_id(s, s->sorted[k].h);
		s->tid[s->nterms + k] = id;
		s->lw[s->nterms + k] = s->sorted[k].w;
	}
	d->off = s->nterms;
	d->n = (uint32_t)keep;
	s->nterms += keep;
}

/* ---- copies ---- */

/* The factor applied to a pair's similarity for the gap between their
 * dates: 1 within the window or when a date is unknown, then falling as
 * window / gap. */
static double date_factor(const struct cd_story *s, int32_t a, int32_t b)
{
	double gap;

	if (a == INT_MIN || b == INT_MIN || s->o.window_days <= 0)
		return 1.0;
	gap = fabs((double)a - (double)b);
	return gap <= s->o.window_days ? 1.0 : s->o.window_days / gap;
}


/* The sampled lines of a record: the hashes of its longest long lines
 * (the paragraphs, which two pages of one site do not share as they
 * share their menus), and the bytes in all its long lines. */
struct lines {
	uint64_t h[LINE_SAMPLE];
	size_t hlen[LINE_SAMPLE];
	size_t n;
	size_t len;
};

/* Whether a line of hash h and length len is sampled before line k. */
static bool line_before(const struct lines *l, uint64_t h, size_t len,
			size_t k)
{
	if (len != l->hlen[k])
		return len > l->hlen[k];
	return h < l->h[k];
}

/* Keep the line of hash h and length len if it is among the longest. */
static void lines_offer(struct lines *l, uint64_t h, size_t len)
{
	size_t i = l->n;

	if (i == LINE_SAMPLE && !line_before(l, h, len, i - 1))
		return;
	while (i > 0 && line_before(l, h, len, i - 1))
		i--;
	if (i > 0 && l->h[i - 1] == h)
		return;
	if (l->n < LINE_SAMPLE)
		l->n++;
	memmove(l->h + i + 1, l->h + i, (l->n - 1 - i) * sizeof *l->h);
	memmove(l->hlen + i + 1, l->hlen + i, (l->n - 1 - i) * sizeof *l->hlen);
	l->h[i] = h;
	l->hlen[i] = len;
}

/* Sample the long lines of p[0..len) into l. */
static void lines_sample(const char *p, size_t len, struct lines *l)
{
	const char *end = p + len;

	l->n = 0;
	l->len = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *b = p;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t' ||
				 e[-1] == '\r'))
			e--;
		if (e - b >= LINE_MIN) {
			l->len += (size_t)(e - b);
			lines_offer(l, XXH3_64bits(b, (size_t)(e - b)) | 1,
				    (size_t)(e - b));
		}
		p = nl ? nl + 1 : end;
	}
}

/* Index the sampled lines of record idx not seen before. */
static void lines_put(struct cd_story *s, const struct lines *l, size_t idx)
{
	for (size_t k = 0; k < l->n; k++) {
		size_t j = hmap_slot(&s->lines, l->h[k]);

		if (!s->lines.keys[j])
			hmap_set(&s->lines, j, l->h[k], (uint32_t)idx);
	}
}

/* The record that first had at least COPY_SHARE of the sampled bytes of
 * l (rec[k] first had line k), or NO_COPY; *share gets its share. */
static uint32_t copy_vote(const struct lines *l, const uint32_t *rec,
			  double *share)
{
	size_t all = 0;

	for (size_t k = 0; k < l->n; k++)
		all += l->hlen[k];
	for (size_t k = 0; k < l->n; k++) {
		size_t v = 0;
		for (size_t q = k; q < l->n; q++)
			v += rec[q] == rec[k] ? l->hlen[q] : 0;
		if (rec[k] != NO_COPY && v >= COPY_SHARE * (double)all) {
			*share = (double)v / (double)all;
			return rec[k];
		}
	}
	return NO_COPY;
}

/* The earlier record that the record sampled in l, of day day, copies, or
 * NO_COPY: the one that first had most of its sampled lines (by bytes),
 * with long lines of about the same total length, and a date within the
 * window when both are known.  *share gets the share found there. */
static uint32_t copy_find(const struct cd_story *s, const struct lines *l,
			  int32_t day, double *share)
{
	uint32_t rec[LINE_SAMPLE], best;
	double a = (double)l->len, b;

	if (l->n < COPY_MIN_LINES)
		return NO_COPY;
	for (size_t k = 0; k < l->n; k++)
		hmap_prefetch(&s->lines, l->h[k]);
	for (size_t k = 0; k < l->n; k++) {
		size_t j = hmap_find(&s->lines, l->h[k]);
		rec[k] = s->lines.keys[j] ? s->lines.vals[j] : NO_COPY;
	}
	best = copy_vote(l, rec, share);
	if (best == NO_COPY)
		return NO_COPY;
	b = s->docs[best].linelen;
	if (a < b * COPY_LEN_RATIO || b < a * COPY_LEN_RATIO ||
	    date_factor(s, s->docs[best].day, day) < 1.0)
		return NO_COPY;
	return best;
}

/* ---- dates ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int32_t civil_days(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

/* The month (1-12) named by the word w[0..len), or 0. */
static int month_of(const char *w, size_t len)
{
	char lc[4];

	if (len < 3)
		return 0;
	for (int i = 0; i < 3; i++)
		lc[i] = (char)(w[i] | 0x20);
	lc[3] = '\0';
	for (int i = 0; i < 12; i++)
		if (memcmp(lc, months[i], 3) == 0)
			return i + 1;
	return 0;
}

/* A date word: a number (val >= 0) or a month name (mon > 0). */
struct dword {
	long val;
	int digits;
	int mon;
};

/* Split the first date words of p[0..len) into w; returns how many. */
static int date_words(const char *p, size_t len, struct dword *w, int max)
{
	int n = 0;
	size_t i = 0;

	while (i < len && n < max) {
		size_t j = i;
		if (p[i] >= '0' && p[i] <= '9') {
			long v = 0;
			while (j < len && p[j] >= '0' && p[j] <= '9' && j - i < 9)
				v = v * 10 + (p[j++] - '0');
			w[n++] = (struct dword){ v, (int)(j - i), 0 };
		} else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') {
			while (j < len && ((p[j] | 0x20) >= 'a' &&
					   (p[j] | 0x20) <= 'z'))
				j++;
			w[n++] = (struct dword){ -1, 0, month_of(p + i, j - i) };
		} else {
			j++;
		}
		i = j;
	}
	return n;
}

/* The day number of a date string, or INT_MIN when it cannot be read:
 * "2025-07-03", "26-FEB-1987 15:01:01.79", "July 3, 2025", "3 July 2025". */
static int32_t parse_day(const char *p, size_t len)
{
	struct dword w[8];
	int n = p ? date_words(p, len, w, 8) : 0;
	int y = 0, m = 0, d = 0;

	if (n >= 3 && w[0].digits == 4 && w[1].digits && w[2].digits) {
		y = (int)w[0].val, m = (int)w[1].val, d = (int)w[2].val;
	} else {
		for (int i = 0; i < n && !m; i++) {
			if (!w[i].mon)
				continue;
			m = w[i].mon;
			if (i + 1 < n && w[i + 1].digits && w[i + 1].digits <= 2)
				d = (int)w[i + 1].val;
			else if (i > 0 && w[i - 1].digits && w[i - 1].digits <= 2)
				d = (int)w[i - 1].val;
		}
		for (int i = 0; i < n && !y; i++)
			if (w[i].digits == 4)
				y = (int)w[i].val;
	}
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return INT_MIN;
	return civil_days(y, m, d);
}

/* Make room for records up to idx; a gap is filled with empty ones. */
static void docs_reach(struct cd_story *s, size_t idx)
{
	while (s->ndocs <= idx) {
		s->docs = cd_xgrow(s->docs, &s->docscap, s->ndocs + 1,
				   sizeof *s->docs);
		s->docs[s->ndocs++] = (struct doc){ s->nterms, 0, INT_MIN,
						    NO_COPY, 0 };
	}
}

void cd_story_add(struct cd_story *s, size_t idx, const char *text,
		  size_t len, const char *date, size_t datelen)
{
	struct lex x = { text, text + len, true, false, false, false };
	struct counter c = { 0, { 0, 0, 0 }, 0 };
	struct lines l;
	struct tok t;
	struct doc *d;
	double share = 0;

	docs_reach(s, idx);
	d = &s->docs[idx];
	if (d->n || d->copy != NO_COPY || !text || s->solved)
		return;
	d->day = parse_day(date, datelen);
	lines_sample(text, len, &l);
	d->copy = copy_find(s, &l, d->day, &share);
	if (d->copy != NO_COPY) {
		d->linelen = (uint32_t)(share * 65536.0);
		s->ncopies++;
		return;
	}
	d->linelen = l.len > UINT32_MAX ? UINT32_MAX : (uint32_t)l.len;
	lines_put(s, &l, idx);
	while (lex_next(&x, &t)) {
		count_word(s, &c, &x, &t, x.punct);
		x.punct = false;
		x.sentence = false;
	}
	keep_terms(s, d);
}

void cd_story_copy(struct cd_story *s, size_t i, size_t r, double sim)
{
	struct doc *d;

	if (s->solved || i >= s->ndocs || r >= i)
		return;
	d = &s->docs[i];
	if (d->copy != NO_COPY)
		return;
	d->n = 0;
	d->copy = (uint32_t)r;
	sim = sim < 0 ? 0 : sim > 1 ? 1 : sim;
	d->linelen = (uint32_t)(sim * 65536.0);
	s->ncopies++;
}

/* ---- solving ---- */

/* The collection as weighted vectors, and its inverted index. */
struct space {
	float *w;		/* tf-idf weight of each kept term, norm 1 */
	uint32_t maxpost;	/* longest postings list indexed */
	/* Postings of term t: pdoc[start[t] .. start[t + 1]). */
	size_t *start;
	uint32_t *pdoc;
};

/* Renumber the term ids for the pair finder, which looks each term of a
 * candidate up in the scattered vector of the record at hand: the terms
 * of a single record (df 1; no record keeps a term twice) all become id
 * 0, whose weight there stays 0, and the others follow by document
 * frequency, most common first, so that the lookups hit the cache.
 * Only ids change, never the order of a record's terms or any df. */
static void renumber(struct cd_story *s)
{
	uint32_t maxdf = 1, *map, *df;
	size_t *at, nv = 1;

	/* Counted only now, in one pass over the records that keep terms
	 * (a copy's terms are dropped). */
	for (size_t d = 0; d < s->ndocs; d++) {
		const struct doc *dc = &s->docs[d];
		for (size_t k = dc->off; k < dc->off + dc->n; k++)
			s->df[s->tid[k]]++;
	}
	for (size_t t = 0; t < s->nvocab; t++)
		if (s->df[t] > maxdf)
			maxdf = s->df[t];
	/* Counting sort by df, descending, stable by old id. */
	at = cd_xcalloc((size_t)maxdf + 2, sizeof *at);
	for (size_t t = 0; t < s->nvocab; t++)
		if (s->df[t] >= 2)
			at[maxdf - s->df[t] + 1]++;
	at[0] = 1;
	for (size_t d = 1; d <= maxdf; d++)
		at[d] += at[d - 1];
	map = cd_xmalloc((s->nvocab + 1) * sizeof *map);
	df = cd_xmalloc((s->nvocab + 1) * sizeof *df);
	df[0] = 1;
	for (size_t t = 0; t < s->nvocab; t++) {
		if (s->df[t] < 2) {
			map[t] = 0;
			continue;
		}
		map[t] = (uint32_t)at[maxdf - s->df[t]]++;
		df[map[t]] = s->df[t];
		nv++;
	}
	for (size_t k = 0; k < s->nterms; k++)
		s->tid[k] = map[s->tid[k]];
	free(map);
	free(at);
	free(s->df);
	s->df = df;
	s->dfcap = s->nvocab + 1;
	s->nvocab = nv;
}

/* Weight every kept term by tf-idf and normalise each record. */
static void space_weigh(const struct cd_story *s, struct space *sp)
{
	double n = (double)(s->ndocs - s->ncopies) + BACKGROUND_DOCS;
	double *idf = cd_xmalloc((s->nvocab + 1) * sizeof *idf);

	for (size_t t = 0; t < s->nvocab; t++)
		idf[t] = log(1.0 + n / s->df[t]);
	sp->w = cd_xmalloc((s->nterms + 1) * sizeof *sp->w);
	for (size_t d = 0; d < s->ndocs; d++) {
		const struct doc *dc = &s->docs[d];
		double norm = 0;
		for (size_t k = dc->off; k < dc->off + dc->n; k++) {
			double w = s->lw[k] * idf[s->tid[k]];
			sp->w[k] = (float)w;
			norm += w * w;
		}
		norm = norm > 0 ? 1.0 / sqrt(norm) : 0;
		for (size_t k = dc->off; k < dc->off + dc->n; k++)
			sp->w[k] = (float)(sp->w[k] * norm);
	}
	free(idf);
}

/* The longest postings list indexed in a collection of n records. */
static uint32_t postings_cap(size_t n)
{
	double cap = (double)n * POSTINGS_SHARE;

	return cap > MIN_POSTINGS ? (uint32_t)cap : MIN_POSTINGS;
}

/* Whether term id t is indexed: shared, and not too common. */
static bool space_indexed(const struct cd_story *s, const struct space *sp,
			  uint32_t t)
{
	return s->df[t] >= 2 && s->df[t] <= sp->maxpost;
}

/* Build the inverted index; postings are in record order. */
static void space_index(const struct cd_story *s, struct space *sp)
{
	size_t *fill;

	sp->start = cd_xcalloc(s->nvocab + 1, sizeof *sp->start);
	for (size_t k = 0; k < s->nterms; k++)
		if (space_indexed(s, sp, s->tid[k]))
			sp->start[s->tid[k] + 1]++;
	for (size_t t = 0; t < s->nvocab; t++)
		sp->start[t + 1] += sp->start[t];
	sp->pdoc = cd_xmalloc((sp->start[s->nvocab] + 1) * sizeof *sp->pdoc);
	fill = cd_xmalloc((s->nvocab + 1) * sizeof *fill);
	memcpy(fill, sp->start, s->nvocab * sizeof *fill);
	for (size_t d = 0; d < s->ndocs; d++) {
		const struct doc *dc = &s->docs[d];
		for (size_t k = dc->off; k < dc->off + dc->n; k++) {
			uint32_t t = s->tid[k];
			if (space_indexed(s, sp, t))
				sp->pdoc[fill[t]++] = (uint32_t)d;
		}
	}
	free(fill);
}

/* Release the vectors and the index. */
static void space_release(struct space *sp)
{
	free(sp->w);
	free(sp->start);
	free(sp->pdoc);
}

/* Growable edge list. */
struct edges {
	struct edge *v;
	size_t n, cap;
};

/* All the remembered pairs, 8 bytes each: those of record b with the
 * earlier records are v[at[b] .. at[b + 1]), each naming its earlier
 * record and their similarity, in the order pairs_of gave them. */
struct pairs {
	struct nb *v;
	size_t n, cap;
	size_t *at;		/* one more than the records */
};

#define KEY_BEFORE(x, y) ((x) < (y))
/* key_sort(v, n, k): distinct 64-bit keys, ascending. */
PARTIAL_SORT(key_sort, uint64_t, KEY_BEFORE)

/* A key ordering floats the other way round from their values (all but
 * NaNs; -0 before +0, which a similarity never is). */
static uint32_t float_desc(float x)
{
	uint32_t u;

	memcpy(&u, &x, sizeof u);
	u = u & 0x80000000u ? ~u : u | 0x80000000u;
	return ~u;
}

/* Scratch of the pair finder: per record and per term id. */
struct finder {
	float *acc;		/* rare-term weight shared with record i */
	uint32_t *touched;	/* records with acc != 0 */
	uint64_t *keys;		/* candidates as float_desc(acc) << 32 | j */
	float *vec;		/* record i's weights by term id */
	uint64_t *rare;		/* record i's indexed terms: df << 32 | k */
};

/* Collect into f->touched the earlier records sharing an indexed term
 * with record i, searching the rarest terms first for at most MAX_VISITS
 * postings, and keep the MAX_CANDIDATES sharing the most rare-term
 * weight; returns their number. */
static size_t candidates(const struct cd_story *s, const struct space *sp,
			 size_t i, struct finder *f)
{
	const struct doc *dc = &s->docs[i];
	size_t nt = 0, nr = 0, visits = 0;

	for (size_t k = dc->off; k < dc->off + dc->n; k++)
		if (space_indexed(s, sp, s->tid[k]))
			f->rare[nr++] = (uint64_t)s->df[s->tid[k]] << 32 |
					(k - dc->off);
	key_sort(f->rare, nr, nr);
	for (size_t r = 0; r < nr && visits < MAX_VISITS; r++) {
		size_t k = dc->off + (uint32_t)f->rare[r];
		uint32_t t = s->tid[k];
		for (size_t p = sp->start[t]; p < sp->start[t + 1]; p++) {
			uint32_t j = sp->pdoc[p];
			if (j >= i)
				break;
			visits++;
			/* Without a branch: j is kept when new. */
			f->touched[nt] = j;
			nt += f->acc[j] == 0;
			f->acc[j] += sp->w[k];
		}
	}
	if (nt > MAX_CANDIDATES) {
		/* The best: most weight, then the earlier record, as the
		 * smallest keys.  Keys below the worst kept so far go to a
		 * buffer of twice the candidates, cut back to the best half
		 * whenever it fills.  acc is not read again: clear it. */
		uint64_t cut = UINT64_MAX;
		size_t m = 0;
		for (size_t q = 0; q < nt; q++) {
			uint32_t j = f->touched[q];
			uint64_t key = (uint64_t)float_desc(f->acc[j]) << 32 | j;
			f->acc[j] = 0;
			if (key >= cut)
				continue;
			f->keys[m++] = key;
			if (m == 2 * MAX_CANDIDATES) {
				key_sort(f->keys, m, MAX_CANDIDATES);
				m = MAX_CANDIDATES;
				cut = f->keys[m - 1];
			}
		}
		key_sort(f->keys, m, MAX_CANDIDATES);
		for (size_t q = 0; q < MAX_CANDIDATES; q++)
			f->touched[q] = (uint32_t)f->keys[q];
		nt = MAX_CANDIDATES;
	}
	return nt;
}

/* Start loading the summary of record j, to be scored next: the
 * candidates lie anywhere in the collection. */
static void prefetch_doc(const struct cd_story *s, const struct space *sp,
			 size_t j)
{
	const struct doc *dc = &s->docs[j];
	const char *t = (const char *)(s->tid + dc->off);
	const char *w = (const char *)(sp->w + dc->off);
	size_t len = dc->n * sizeof *s->tid;

	for (size_t b = 0; b < len; b += 64) {
		__builtin_prefetch(t + b);
		__builtin_prefetch(w + b);
	}
	if (len) {
		__builtin_prefetch(t + len - 1);
		__builtin_prefetch(w + len - 1);
	}
}

/* The cosine of record j with the record scattered into vec. */
static double dot(const struct cd_story *s, const struct space *sp,
		  size_t j, const float *vec)
{
	const struct doc *dc = &s->docs[j];
	const float *w = sp->w + dc->off;
	const uint32_t *t = s->tid + dc->off;
	float sum[4] = { 0, 0, 0, 0 };
	size_t k = 0;

	/* Four sums, so that the additions do not wait for each other. */
	for (; k + 4 <= dc->n; k += 4)
		for (size_t q = 0; q < 4; q++)
			sum[q] += w[k + q] * vec[t[k + q]];
	for (; k < dc->n; k++)
		sum[0] += w[k] * vec[t[k]];
	return (double)((sum[0] + sum[1]) + (sum[2] + sum[3]));
}

/* Score record i in full against its candidates, appending its best
 * MAX_EDGES pairs above the floor to e. */
static void pairs_of(const struct cd_story *s, const struct space *sp,
		     size_t i, struct finder *f, struct edges *e)
{
	const struct doc *dc = &s->docs[i];
	size_t nt = candidates(s, sp, i, f), first = e->n;
	double floor = s->o.threshold * EDGE_FRACTION;

	/* Id 0 stands for every term of a single record (see renumber):
	 * its weight stays 0. */
	for (size_t k = dc->off; k < dc->off + dc->n; k++)
		if (s->tid[k])
			f->vec[s->tid[k]] = sp->w[k];
	if (nt)
		prefetch_doc(s, sp, f->touched[0]);
	for (size_t q = 0; q < nt; q++) {
		uint32_t j = f->touched[q];
		if (q + 1 < nt)
			prefetch_doc(s, sp, f->touched[q + 1]);
		double sim = dot(s, sp, j, f->vec) *
			     date_factor(s, s->docs[j].day, dc->day);
		f->acc[j] = 0;
		if (sim < floor)
			continue;
		f->keys[e->n - first] = (uint64_t)float_desc((float)sim) << 32 |
					j;
		e->v = cd_xgrow(e->v, &e->cap, e->n + 1, sizeof *e->v);
		e->v[e->n++] = (struct edge){ j, (uint32_t)i, (float)sim };
	}
	for (size_t k = dc->off; k < dc->off + dc->n; k++)
		f->vec[s->tid[k]] = 0;
	/* Highest similarity first, then the earlier record: the keys hold
	 * both, and the edges are rebuilt from them. */
	if (e->n - first > 1) {
		size_t m = e->n - first;
		key_sort(f->keys, m, m < MAX_EDGES ? m : MAX_EDGES);
		for (size_t q = 0; q < m; q++) {
			uint32_t u = ~(uint32_t)(f->keys[q] >> 32);
			float sim;
			u = u & 0x80000000u ? u & 0x7fffffffu : ~u;
			memcpy(&sim, &u, sizeof sim);
			e->v[first + q] = (struct edge){
				(uint32_t)f->keys[q], (uint32_t)i, sim };
		}
	}
	if (e->n - first > MAX_EDGES)
		e->n = first + MAX_EDGES;
}

/* Records a thread scores at a time: the worker takes every other block,
 * and the edges are joined block by block, in record order. */
#define PAIR_BLOCK 512

/* One thread's share of find_pairs: its scratch, its block of records
 * and the edges they gave. */
struct pairer {
	const struct cd_story *s;
	const struct space *sp;
	struct finder f;
	struct edges e;
	size_t lo, hi;
};

static void pairer_init(struct pairer *p, const struct cd_story *s,
			const struct space *sp)
{
	memset(p, 0, sizeof(*p));
	p->s = s;
	p->sp = sp;
	p->f.acc = cd_xcalloc(s->ndocs + 1, sizeof *p->f.acc);
	p->f.touched = cd_xmalloc((s->ndocs + 1) * sizeof *p->f.touched);
	p->f.keys = cd_xmalloc(2 * MAX_CANDIDATES * sizeof *p->f.keys);
	p->f.vec = cd_xcalloc(s->nvocab + 1, sizeof *p->f.vec);
	p->f.rare = cd_xmalloc(((size_t)s->o.max_terms + 1) *
			       sizeof *p->f.rare);
}

static void pairer_release(struct pairer *p)
{
	free(p->f.acc);
	free(p->f.touched);
	free(p->f.keys);
	free(p->f.vec);
	free(p->f.rare);
	free(p->e.v);
}

/* Score the records lo..hi-1 of pairer arg into its edges (a job). */
static void pair_block(void *arg)
{
	struct pairer *p = arg;

	p->e.n = 0;
	for (size_t i = p->lo; i < p->hi; i++)
		pairs_of(p->s, p->sp, i, &p->f, &p->e);
}

/* Append the edges of p (of later records from p->lo on, in order) to
 * e, counting each later record's in e->at[b + 1]. */
static void take_edges(struct pairs *e, const struct pairer *p)
{
	e->v = cd_xgrow(e->v, &e->cap, e->n + p->e.n + 1, sizeof *e->v);
	for (size_t q = 0; q < p->e.n; q++) {
		const struct edge *g = &p->e.v[q];
		e->v[e->n++] = (struct nb){ g->a, g->s };
		e->at[g->b + 1]++;
	}
}

/* All remembered pairs of the collection, two blocks of records at a
 * time: one here, the next in the worker thread. */
static void find_pairs(const struct cd_story *s, const struct space *sp,
		       struct pairs *e)
{
	struct cd_worker *w = cd_worker_new();
	struct pairer p[2];

	e->at = cd_xcalloc(s->ndocs + 2, sizeof *e->at);

	pairer_init(&p[0], s, sp);
	pairer_init(&p[1], s, sp);
	for (size_t i = 0; i < s->ndocs; i += 2 * PAIR_BLOCK) {
		size_t mid = i + PAIR_BLOCK < s->ndocs ? i + PAIR_BLOCK :
			     s->ndocs;

		p[1].lo = mid;
		p[1].hi = mid + PAIR_BLOCK < s->ndocs ? mid + PAIR_BLOCK :
			  s->ndocs;
		cd_worker_run(w, pair_block, &p[1]);
		p[0].lo = i;
		p[0].hi = mid;
		pair_block(&p[0]);
		cd_worker_wait(w);
		take_edges(e, &p[0]);
		take_edges(e, &p[1]);
	}
	cd_worker_free(w);
	pairer_release(&p[0]);
	pairer_release(&p[1]);
	for (size_t b = 0; b < s->ndocs; b++)
		e->at[b + 1] += e->at[b];
}

/* ---- average-linkage clustering ---- */

/* Clusters during the merge: each is named by its smallest record.  A
 * cluster never merged (ver 0) is one record, whose neighbours are its
 * pairs with earlier records (in the pairs) and then with later ones
 * (out[oat[i] .. oat[i + 1])); a merged one has its list in adj. */
struct clus {
	uint32_t *size;
	uint32_t *ver;
	size_t *parent;
	struct nbs *adj;
	const struct pairs *e;
	struct nb *out;
	size_t *oat;
	uint32_t *pos;		/* scratch of nbs_fold, all zero */
	double threshold;
	struct cand *heap;
	size_t nheap, heapcap;
};

/* Whether candidate a should come out of the heap before b. */
static bool cand_before(const struct cand *a, const struct cand *b)
{
	if (a->avg != b->avg)
		return a->avg > b->avg;
	if (a->a != b->a)
		return a->a < b->a;
	return a->b < b->b;
}

/* Push a candidate merge of clusters a and b with mean similarity avg. */
static void heap_push(struct clus *c, double avg, uint32_t a, uint32_t b)
{
	size_t i;

	c->heap = cd_xgrow(c->heap, &c->heapcap, c->nheap + 1, sizeof *c->heap);
	i = c->nheap++;
	c->heap[i] = (struct cand){ avg, a, b, c->ver[a], c->ver[b] };
	while (i > 0 && cand_before(&c->heap[i], &c->heap[(i - 1) / 2])) {
		struct cand tmp = c->heap[i];
		c->heap[i] = c->heap[(i - 1) / 2];
		c->heap[(i - 1) / 2] = tmp;
		i = (i - 1) / 2;
	}
}

/* Remove the best candidate into *out; false when the heap is empty. */
static bool heap_pop(struct clus *c, struct cand *out)
{
	size_t i = 0;

	if (!c->nheap)
		return false;
	*out = c->heap[0];
	c->heap[0] = c->heap[--c->nheap];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, best = i;
		if (l < c->nheap && cand_before(&c->heap[l], &c->heap[best]))
			best = l;
		if (r < c->nheap && cand_before(&c->heap[r], &c->heap[best]))
			best = r;
		if (best == i)
			break;
		struct cand tmp = c->heap[i];
		c->heap[i] = c->heap[best];
		c->heap[best] = tmp;
		i = best;
	}
	return true;
}

/* Append an entry for cluster k, known to be absent, to list l. */
static void nbs_push(struct nbs *l, uint32_t k, double sum)
{
	l->v = cd_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = (struct nb){ k, (float)sum };
}

/* The root of record i's cluster, halving the path on the way. */
static uint32_t clus_root(struct clus *c, size_t i)
{
	while (c->parent[i] != i) {
		c->parent[i] = c->parent[c->parent[i]];
		i = c->parent[i];
	}
	return (uint32_t)i;
}

/* Add to list out the entries of list in, each renamed to its current
 * cluster, summing duplicates (found through pos, all zero on entry and
 * on return of clus_merge) and dropping those inside cluster r. */
static void nbs_fold(struct clus *c, struct nbs *out, const struct nbs *in,
		     uint32_t r)
{
	for (size_t i = 0; i < in->n; i++) {
		uint32_t k = clus_root(c, in->v[i].c);
		if (k == r)
			continue;
		if (c->pos[k]) {
			out->v[c->pos[k] - 1].sum += in->v[i].sum;
		} else {
			nbs_push(out, k, in->v[i].sum);
			c->pos[k] = (uint32_t)out->n;
		}
	}
}

/* nbs_fold of the neighbours of cluster i (see struct clus). */
static void clus_fold(struct clus *c, struct nbs *out, uint32_t i, uint32_t r)
{
	if (c->ver[i]) {
		nbs_fold(c, out, &c->adj[i], r);
		return;
	}
	struct nbs earlier = { c->e->v + c->e->at[i],
			       c->e->at[i + 1] - c->e->at[i], 0 };
	struct nbs later = { c->out + c->oat[i], c->oat[i + 1] - c->oat[i], 0 };
	nbs_fold(c, out, &earlier, r);
	nbs_fold(c, out, &later, r);
}

/* Merge cluster o into cluster r (r < o) and queue r's new candidates.
 * Other clusters' lists are renamed lazily: an entry naming a merged
 * cluster is renamed and summed when its own cluster next merges. */
static void clus_merge(struct clus *c, uint32_t r, uint32_t o)
{
	struct nbs l = { NULL, 0, 0 };

	c->parent[o] = r;
	clus_fold(c, &l, r, r);
	clus_fold(c, &l, o, r);
	for (size_t i = 0; i < l.n; i++)
		c->pos[l.v[i].c] = 0;
	free(c->adj[r].v);
	free(c->adj[o].v);
	c->adj[o] = (struct nbs){ NULL, 0, 0 };
	c->adj[r] = l;
	c->size[r] += c->size[o];
	c->ver[r]++;
	c->ver[o]++;
	for (size_t i = 0; i < l.n; i++) {
		const struct nb *b = &l.v[i];
		double avg = b->sum / ((double)c->size[r] * c->size[b->c]);
		/* A pair below the threshold is queued again, if ever, when
		 * a later merge raises its mean. */
		if (avg < c->threshold)
			continue;
		if (b->c < r)
			heap_push(c, avg, b->c, r);
		else
			heap_push(c, avg, r, b->c);
	}
}

/* Index the pairs of e by their earlier record, as c->out and c->oat
 * (see struct clus), in the order of e. */
static void later_pairs(const struct cd_story *s, const struct pairs *e,
			struct clus *c)
{
	size_t *oat = cd_xcalloc(s->ndocs + 2, sizeof *oat);

	c->e = e;
	c->out = cd_xmalloc((e->n + 1) * sizeof *c->out);
	for (size_t q = 0; q < e->n; q++)
		oat[e->v[q].c + 2]++;
	for (size_t i = 2; i < s->ndocs + 2; i++)
		oat[i] += oat[i - 1];
	/* oat[a + 1] is the next free slot of a, then the start of a + 1. */
	for (uint32_t b = 0; b < s->ndocs; b++)
		for (size_t q = e->at[b]; q < e->at[b + 1]; q++)
			c->out[oat[e->v[q].c + 1]++] =
				(struct nb){ b, e->v[q].sum };
	c->oat = oat;
}

/* Merge clusters, best mean similarity first, while it reaches the
 * threshold; parent[] then leads every record to its story's first. */
static void cluster(const struct cd_story *s, const struct pairs *e,
		    struct clus *c)
{
	struct cand k;

	c->size = cd_xmalloc((s->ndocs + 1) * sizeof *c->size);
	c->ver = cd_xcalloc(s->ndocs + 1, sizeof *c->ver);
	c->parent = cd_xmalloc((s->ndocs + 1) * sizeof *c->parent);
	c->adj = cd_xcalloc(s->ndocs + 1, sizeof *c->adj);
	c->pos = cd_xcalloc(s->ndocs + 1, sizeof *c->pos);
	c->threshold = s->o.threshold;
	for (size_t i = 0; i < s->ndocs; i++) {
		c->size[i] = 1;
		c->parent[i] = i;
	}
	later_pairs(s, e, c);
	for (uint32_t b = 0; b < s->ndocs; b++)
		for (size_t q = e->at[b]; q < e->at[b + 1]; q++)
			if (e->v[q].sum >= s->o.threshold)
				heap_push(c, e->v[q].sum, e->v[q].c, b);
	while (heap_pop(c, &k) && k.avg >= s->o.threshold) {
		if (k.va != c->ver[k.a] || k.vb != c->ver[k.b] ||
		    c->parent[k.a] != k.a || c->parent[k.b] != k.b)
			continue;
		clus_merge(c, k.a, k.b);
	}
}

/* Release the clustering state. */
static void clus_release(struct clus *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c->adj[i].v);
	free(c->adj);
	free(c->out);
	free(c->oat);
	free(c->pos);
	free(c->size);
	free(c->ver);
	free(c->parent);
	free(c->heap);
}

/* For --explain: link each record that is not first in its story to its
 * most similar earlier record of the story (any member when it has no
 * remembered pair with an earlier one). */
static void set_links(struct cd_story *s, const struct pairs *e,
		      const size_t *story_of)
{
	s->linkto = cd_xmalloc((s->ndocs + 1) * sizeof *s->linkto);
	s->linkscore = cd_xcalloc(s->ndocs + 1, sizeof *s->linkscore);
	for (size_t i = 0; i < s->ndocs; i++) {
		s->linkto[i] = SIZE_MAX;
		if (s->docs[i].copy != NO_COPY) {
			s->linkto[i] = s->docs[i].copy;
			s->linkscore[i] = (float)s->docs[i].linelen / 65536.0f;
		}
	}
	for (size_t b = 0; b < s->ndocs; b++)
		for (size_t q = e->at[b]; q < e->at[b + 1]; q++) {
			uint32_t a = e->v[q].c;
			if (story_of[a] == story_of[b] &&
			    (s->linkto[b] == SIZE_MAX ||
			     e->v[q].sum > s->linkscore[b])) {
				s->linkto[b] = a;
				s->linkscore[b] = e->v[q].sum;
			}
		}
	for (size_t b = 0; b < s->ndocs; b++)
		for (size_t q = e->at[b]; q < e->at[b + 1]; q++) {
			uint32_t a = e->v[q].c;
			if (story_of[a] == story_of[b] && a != story_of[a] &&
			    s->linkto[a] == SIZE_MAX) {
				s->linkto[a] = b;
				s->linkscore[a] = e->v[q].sum;
			}
		}
}

/* Free the summaries' local weights, read for the last time by
 * space_weigh. */
static void drop_weights(struct cd_story *s)
{
	free(s->lw);
	s->lw = NULL;
	s->lwcap = 0;
}

/* Free the summaries' term ids and document frequencies, read for the
 * last time by find_pairs. */
static void drop_terms(struct cd_story *s)
{
	free(s->tid);
	free(s->df);
	s->tid = NULL;
	s->df = NULL;
	s->tidcap = s->dfcap = 0;
}

void cd_story_solve(struct cd_story *s, size_t *story_of)
{
	struct space sp;
	struct pairs e = { NULL, 0, 0, NULL };
	struct clus c = { 0 };

	/* The tables of adding go first, then each array once read for
	 * the last time: the clustering is the peak. */
	hmap_free(&s->vocab);
	hmap_free(&s->lines);
	renumber(s);
	sp.maxpost = postings_cap(s->ndocs - s->ncopies);
	space_weigh(s, &sp);
	drop_weights(s);
	space_index(s, &sp);
	find_pairs(s, &sp, &e);
	space_release(&sp);
	drop_terms(s);
	cluster(s, &e, &c);
	for (size_t i = 0; i < s->ndocs; i++)
		story_of[i] = s->docs[i].copy == NO_COPY ? clus_root(&c, i) :
			      story_of[s->docs[i].copy];
	clus_release(&c, s->ndocs);
	set_links(s, &e, story_of);
	free(e.v);
	free(e.at);
	s->solved = true;
}

bool cd_story_link(const struct cd_story *s, size_t i, size_t *to,
		   double *score)
{
	if (!s->solved || i >= s->ndocs || s->linkto[i] == SIZE_MAX)
		return false;
	if (to)
		*to = s->linkto[i];
	if (score)
		*score = s->linkscore[i];
	return true;
}
