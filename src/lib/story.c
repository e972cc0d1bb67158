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
#include <xxhash.h>

#include "buf.h"
#include "story.h"

/* Background documents assumed in every idf (see the file comment). */
#define BACKGROUND_DOCS 100.0
/* Terms in more documents than this are left out of the inverted index. */
#define MAX_POSTINGS 2000
/* Most similar earlier records remembered per record. */
#define MAX_EDGES 64
/* Pairs below threshold * EDGE_FRACTION are not remembered at all. */
#define EDGE_FRACTION 0.25
/* Longest token kept, in bytes (longer ones are cut). */
#define MAX_TOKEN 64

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

/* A record's summary: terms[off .. off + n), and its day or INT_MIN. */
struct doc {
	size_t off;
	uint32_t n;
	int32_t day;
};

/* A remembered similar pair, a < b. */
struct edge {
	uint32_t a, b;
	float s;
};

/* A cluster's neighbour and the sum of similarities to it. */
struct nb {
	uint32_t c;
	double sum;
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

struct cd_story {
	struct cd_story_opts o;
	/* Summaries. */
	struct doc *docs;
	size_t ndocs, docscap;
	struct term *terms;
	size_t nterms, termscap;
	/* Scratch for cd_story_add. */
	struct slot *tab;
	size_t tabcap, tabused;
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
	s->tabcap = 1024;
	s->tab = cd_xcalloc(s->tabcap, sizeof *s->tab);
	return s;
}

void cd_story_free(struct cd_story *s)
{
	if (!s)
		return;
	free(s->docs);
	free(s->terms);
	free(s->tab);
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
	for (size_t i = 0; i < ocap; i++) {
		if (!old[i].h)
			continue;
		size_t j = (size_t)old[i].h & (s->tabcap - 1);
		while (s->tab[j].h)
			j = (j + 1) & (s->tabcap - 1);
		s->tab[j] = old[i];
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
		s->tabused++;
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

/* Whether code point c belongs to a word. */
static bool is_word_cp(int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);

	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO) ||
	       k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC;
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
	utf8proc_ssize_t n = utf8proc_encode_char(utf8proc_tolower(c), enc);

	if (t->len + (size_t)n <= MAX_TOKEN) {
		memcpy(t->buf + t->len, enc, (size_t)n);
		t->len += (size_t)n;
	}
}

/* Read the next word into t; false at the end of the text.  Digits joined
 * by '.' or ',' ("5.6", "1,000") stay one token. */
static bool lex_next(struct lex *x, struct tok *t)
{
	int32_t c;
	utf8proc_ssize_t n;

	t->len = 0;
	while (x->p < x->end) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)x->p,
				     x->end - x->p, &c);
		if (n < 1) {
			x->p++;
			continue;
		}
		if (is_word_cp(c)) {
			bool dig = c >= '0' && c <= '9';
			if (t->len == 0) {
				utf8proc_category_t k = utf8proc_category(c);
				t->upper = k == UTF8PROC_CATEGORY_LU ||
					   k == UTF8PROC_CATEGORY_LT;
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

/* Order terms by weight, heaviest first, then by hash. */
static int term_cmp_weight(const void *pa, const void *pb)
{
	const struct term *a = pa, *b = pb;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return (a->h > b->h) - (a->h < b->h);
}

/* Move the counted terms into the record's summary, keeping the heaviest
 * max_terms, and empty the scratch table. */
static void keep_terms(struct cd_story *s, struct doc *d)
{
	size_t n = 0, keep;

	s->terms = cd_xgrow(s->terms, &s->termscap, s->nterms + s->tabused,
			    sizeof *s->terms);
	for (size_t i = 0; i < s->tabcap && n < s->tabused; i++) {
		if (!s->tab[i].h)
			continue;
		s->terms[s->nterms + n].h = s->tab[i].h;
		s->terms[s->nterms + n].w = slot_weight(&s->tab[i]);
		memset(&s->tab[i], 0, sizeof s->tab[i]);
		n++;
	}
	s->tabused = 0;
	if (n > 1)
		qsort(s->terms + s->nterms, n, sizeof *s->terms,
		      term_cmp_weight);
	keep = n < (size_t)s->o.max_terms ? n : (size_t)s->o.max_terms;
	d->off = s->nterms;
	d->n = (uint32_t)keep;
	s->nterms += keep;
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

void cd_story_add(struct cd_story *s, size_t idx, const char *text,
		  size_t len, const char *date, size_t datelen)
{
	struct lex x = { text, text + len, true, false, false, false };
	struct counter c = { 0, { 0, 0, 0 }, 0 };
	struct tok t;
	struct doc *d;

	/* Records come in order; a gap is filled with empty records. */
	while (s->ndocs <= idx) {
		s->docs = cd_xgrow(s->docs, &s->docscap, s->ndocs + 1,
				   sizeof *s->docs);
		d = &s->docs[s->ndocs++];
		d->off = s->nterms;
		d->n = 0;
		d->day = INT_MIN;
	}
	d = &s->docs[idx];
	if (d->n || !text)
		return;
	while (lex_next(&x, &t)) {
		count_word(s, &c, &x, &t, x.punct);
		x.punct = false;
		x.sentence = false;
	}
	keep_terms(s, d);
	d->day = parse_day(date, datelen);
}

/* ---- solving ---- */

/* The collection as weighted sparse vectors over dense term ids. */
struct space {
	uint32_t *tid;		/* term id of each kept term */
	float *w;		/* its tf-idf weight, each record of norm 1 */
	uint32_t *df;		/* records holding each term id */
	size_t nvocab;
	/* Inverted index: postings of term t at post[start[t]..start[t+1]). */
	size_t *start;
	uint32_t *pdoc;
	float *pw;
};

/* Give every distinct kept hash a dense id and count its records. */
static void space_vocab(const struct cd_story *s, struct space *sp)
{
	size_t cap = 16;
	uint64_t *keys;
	uint32_t *ids;

	while (cap < 2 * s->nterms + 2)
		cap *= 2;
	keys = cd_xcalloc(cap, sizeof *keys);
	ids = cd_xmalloc(cap * sizeof *ids);
	sp->tid = cd_xmalloc((s->nterms + 1) * sizeof *sp->tid);
	sp->df = cd_xmalloc((s->nterms + 1) * sizeof *sp->df);
	sp->nvocab = 0;
	for (size_t i = 0; i < s->nterms; i++) {
		uint64_t h = s->terms[i].h;
		size_t j = (size_t)h & (cap - 1);
		while (keys[j] && keys[j] != h)
			j = (j + 1) & (cap - 1);
		if (!keys[j]) {
			keys[j] = h;
			ids[j] = (uint32_t)sp->nvocab;
			sp->df[sp->nvocab++] = 0;
		}
		sp->tid[i] = ids[j];
		sp->df[ids[j]]++;
	}
	free(keys);
	free(ids);
}

/* Weight every kept term by tf-idf and normalise each record. */
static void space_weigh(const struct cd_story *s, struct space *sp)
{
	double n = (double)s->ndocs + BACKGROUND_DOCS;

	sp->w = cd_xmalloc((s->nterms + 1) * sizeof *sp->w);
	for (size_t d = 0; d < s->ndocs; d++) {
		const struct doc *dc = &s->docs[d];
		double norm = 0;
		for (size_t k = dc->off; k < dc->off + dc->n; k++) {
			double w = s->terms[k].w *
				   log(1.0 + n / sp->df[sp->tid[k]]);
			sp->w[k] = (float)w;
			norm += w * w;
		}
		norm = norm > 0 ? 1.0 / sqrt(norm) : 0;
		for (size_t k = dc->off; k < dc->off + dc->n; k++)
			sp->w[k] = (float)(sp->w[k] * norm);
	}
}

/* Whether term id t is indexed: shared, and not too common. */
static bool space_indexed(const struct space *sp, uint32_t t)
{
	return sp->df[t] >= 2 && sp->df[t] <= MAX_POSTINGS;
}

/* Build the inverted index; postings are in record order. */
static void space_index(const struct cd_story *s, struct space *sp)
{
	size_t *fill;

	sp->start = cd_xcalloc(sp->nvocab + 1, sizeof *sp->start);
	for (size_t k = 0; k < s->nterms; k++)
		if (space_indexed(sp, sp->tid[k]))
			sp->start[sp->tid[k] + 1]++;
	for (size_t t = 0; t < sp->nvocab; t++)
		sp->start[t + 1] += sp->start[t];
	sp->pdoc = cd_xmalloc((sp->start[sp->nvocab] + 1) * sizeof *sp->pdoc);
	sp->pw = cd_xmalloc((sp->start[sp->nvocab] + 1) * sizeof *sp->pw);
	fill = cd_xmalloc((sp->nvocab + 1) * sizeof *fill);
	memcpy(fill, sp->start, sp->nvocab * sizeof *fill);
	for (size_t d = 0; d < s->ndocs; d++) {
		const struct doc *dc = &s->docs[d];
		for (size_t k = dc->off; k < dc->off + dc->n; k++) {
			uint32_t t = sp->tid[k];
			if (!space_indexed(sp, t))
				continue;
			sp->pdoc[fill[t]] = (uint32_t)d;
			sp->pw[fill[t]++] = sp->w[k];
		}
	}
	free(fill);
}

/* Release the vectors and the index. */
static void space_release(struct space *sp)
{
	free(sp->tid);
	free(sp->w);
	free(sp->df);
	free(sp->start);
	free(sp->pdoc);
	free(sp->pw);
}

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

/* Growable edge list. */
struct edges {
	struct edge *v;
	size_t n, cap;
};

/* Order edges by similarity, highest first, then by records. */
static int edge_cmp(const void *pa, const void *pb)
{
	const struct edge *a = pa, *b = pb;

	if (a->s != b->s)
		return a->s > b->s ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

/* Score record i against every earlier record sharing an indexed term,
 * appending its best MAX_EDGES pairs above the floor to e. */
static void pairs_of(const struct cd_story *s, const struct space *sp,
		     size_t i, double *acc, uint32_t *touched, struct edges *e)
{
	const struct doc *dc = &s->docs[i];
	size_t nt = 0, first = e->n;
	double floor = s->o.threshold * EDGE_FRACTION;

	for (size_t k = dc->off; k < dc->off + dc->n; k++) {
		uint32_t t = sp->tid[k];
		if (!space_indexed(sp, t))
			continue;
		for (size_t p = sp->start[t]; p < sp->start[t + 1]; p++) {
			uint32_t j = sp->pdoc[p];
			if (j >= i)
				break;
			if (acc[j] == 0)
				touched[nt++] = j;
			acc[j] += (double)sp->w[k] * sp->pw[p];
		}
	}
	for (size_t q = 0; q < nt; q++) {
		uint32_t j = touched[q];
		double sim = acc[j] * date_factor(s, s->docs[j].day, dc->day);
		acc[j] = 0;
		if (sim < floor)
			continue;
		e->v = cd_xgrow(e->v, &e->cap, e->n + 1, sizeof *e->v);
		e->v[e->n++] = (struct edge){ j, (uint32_t)i, (float)sim };
	}
	if (e->n - first > 1)
		qsort(e->v + first, e->n - first, sizeof *e->v, edge_cmp);
	if (e->n - first > MAX_EDGES)
		e->n = first + MAX_EDGES;
}

/* All remembered pairs of the collection. */
static void find_pairs(const struct cd_story *s, const struct space *sp,
		       struct edges *e)
{
	double *acc = cd_xcalloc(s->ndocs + 1, sizeof *acc);
	uint32_t *touched = cd_xmalloc((s->ndocs + 1) * sizeof *touched);

	for (size_t i = 0; i < s->ndocs; i++)
		pairs_of(s, sp, i, acc, touched, e);
	free(acc);
	free(touched);
}

/* ---- average-linkage clustering ---- */

/* Clusters during the merge: each is named by its smallest record. */
struct clus {
	uint32_t *size;
	uint32_t *ver;
	size_t *parent;
	struct nbs *adj;
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

/* Add sum to the entry for cluster k in list l, creating it. */
static void nbs_add(struct nbs *l, uint32_t k, double sum)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].c == k) {
			l->v[i].sum += sum;
			return;
		}
	}
	l->v = cd_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = (struct nb){ k, sum };
}

/* Remove the entry for cluster k from list l, returning its sum. */
static double nbs_take(struct nbs *l, uint32_t k)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].c == k) {
			double sum = l->v[i].sum;
			l->v[i] = l->v[--l->n];
			return sum;
		}
	}
	return 0;
}

/* Merge cluster o into cluster r (r < o) and queue r's new candidates. */
static void clus_merge(struct clus *c, uint32_t r, uint32_t o)
{
	struct nbs *lo = &c->adj[o];

	nbs_take(&c->adj[r], o);
	nbs_take(lo, r);
	for (size_t i = 0; i < lo->n; i++) {
		uint32_t k = lo->v[i].c;
		nbs_add(&c->adj[r], k, lo->v[i].sum);
		nbs_take(&c->adj[k], o);
		nbs_add(&c->adj[k], r, lo->v[i].sum);
	}
	free(lo->v);
	*lo = (struct nbs){ NULL, 0, 0 };
	c->parent[o] = r;
	c->size[r] += c->size[o];
	c->ver[r]++;
	c->ver[o]++;
	for (size_t i = 0; i < c->adj[r].n; i++) {
		const struct nb *b = &c->adj[r].v[i];
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

/* The root of record i's cluster. */
static size_t clus_find(const struct clus *c, size_t i)
{
	while (c->parent[i] != i)
		i = c->parent[i];
	return i;
}

/* Merge clusters, best mean similarity first, while it reaches the
 * threshold; parent[] then leads every record to its story's first. */
static void cluster(const struct cd_story *s, const struct edges *e,
		    struct clus *c)
{
	struct cand k;

	c->size = cd_xmalloc((s->ndocs + 1) * sizeof *c->size);
	c->ver = cd_xcalloc(s->ndocs + 1, sizeof *c->ver);
	c->parent = cd_xmalloc((s->ndocs + 1) * sizeof *c->parent);
	c->adj = cd_xcalloc(s->ndocs + 1, sizeof *c->adj);
	c->threshold = s->o.threshold;
	for (size_t i = 0; i < s->ndocs; i++) {
		c->size[i] = 1;
		c->parent[i] = i;
	}
	for (size_t i = 0; i < e->n; i++) {
		nbs_add(&c->adj[e->v[i].a], e->v[i].b, e->v[i].s);
		nbs_add(&c->adj[e->v[i].b], e->v[i].a, e->v[i].s);
		if (e->v[i].s >= s->o.threshold)
			heap_push(c, e->v[i].s, e->v[i].a, e->v[i].b);
	}
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
	free(c->size);
	free(c->ver);
	free(c->parent);
	free(c->heap);
}

/* For --explain: link each record that is not first in its story to its
 * most similar earlier record of the story (any member when it has no
 * remembered pair with an earlier one). */
static void set_links(struct cd_story *s, const struct edges *e,
		      const size_t *story_of)
{
	s->linkto = cd_xmalloc((s->ndocs + 1) * sizeof *s->linkto);
	s->linkscore = cd_xcalloc(s->ndocs + 1, sizeof *s->linkscore);
	for (size_t i = 0; i < s->ndocs; i++)
		s->linkto[i] = SIZE_MAX;
	for (size_t i = 0; i < e->n; i++) {
		const struct edge *g = &e->v[i];
		if (story_of[g->a] == story_of[g->b] &&
		    (s->linkto[g->b] == SIZE_MAX ||
		     g->s > s->linkscore[g->b])) {
			s->linkto[g->b] = g->a;
			s->linkscore[g->b] = g->s;
		}
	}
	for (size_t i = 0; i < e->n; i++) {
		const struct edge *g = &e->v[i];
		if (story_of[g->a] == story_of[g->b] && g->a != story_of[g->a] &&
		    s->linkto[g->a] == SIZE_MAX) {
			s->linkto[g->a] = g->b;
			s->linkscore[g->a] = g->s;
		}
	}
}

void cd_story_solve(struct cd_story *s, size_t *story_of)
{
	struct space sp;
	struct edges e = { NULL, 0, 0 };
	struct clus c = { 0 };

	space_vocab(s, &sp);
	space_weigh(s, &sp);
	space_index(s, &sp);
	find_pairs(s, &sp, &e);
	space_release(&sp);
	cluster(s, &e, &c);
	for (size_t i = 0; i < s->ndocs; i++)
		story_of[i] = clus_find(&c, i);
	clus_release(&c, s->ndocs);
	set_links(s, &e, story_of);
	free(e.v);
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
