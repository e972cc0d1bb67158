/* attrib.c - word lists and speaker attribution; see attrib.h. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "attrib.h"
#include "datapath.h"

/* ---- word lists ---------------------------------------------------- */

/* The classes a word can belong to (several at once). */
enum {
	LX_CUE = 1 << 0,	/* cue verb */
	LX_CUE2 = 1 << 1,	/* first word of a two-word cue */
	LX_TITLE = 1 << 2,
	LX_ROLE = 1 << 3,
	LX_PRON = 1 << 4,
	LX_FIRST = 1 << 5,	/* a first name */
	LX_STOP = 1 << 6,
	LX_SKIP = 1 << 7,
	LX_DET = 1 << 8,
	LX_PREP = 1 << 9,
	LX_ABBR = 1 << 10,
	LX_PART = 1 << 11,
	LX_PLURAL = 1 << 12
};

#define LX_MAXKEY 64

struct lexent {
	size_t koff, klen;	/* the key in lex->keys */
	unsigned flags;
	char gender;		/* of a pronoun or role noun: m f p x or 0 */
	char fgender;		/* of a first name */
	size_t role;		/* a title's role noun: entry + 1, or 0 */
};

struct cd_lex {
	struct lexent *e;
	size_t ne, ecap;
	size_t *tab;		/* open addressing: entry + 1, or 0 */
	size_t tcap;		/* a power of two */
	struct cd_buf keys;
};

/* FNV-1a of s[0..len) folded to ASCII lower case. */
static uint64_t hash_fold(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		c |= (unsigned char)(((unsigned)c - 'A' < 26u) << 5);
		h = (h ^ c) * 1099511628211ULL;
	}
	return h;
}

/* True when a[0..n) equals b[0..n) folded to ASCII lower case. */
static bool eq_fold(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x |= 0x20;
		if (y >= 'A' && y <= 'Z')
			y |= 0x20;
		if (x != y)
			return false;
	}
	return true;
}

/* The entry for s[0..len), or NULL. */
static const struct lexent *lex_get(const struct cd_lex *lex, const char *s,
				    size_t len)
{
	size_t i, mask;

	if (!lex->tcap || len == 0 || len > LX_MAXKEY)
		return NULL;
	mask = lex->tcap - 1;
	for (i = hash_fold(s, len) & mask; lex->tab[i]; i = (i + 1) & mask) {
		const struct lexent *e = &lex->e[lex->tab[i] - 1];

		if (e->klen == len && eq_fold(lex->keys.p + e->koff, s, len))
			return e;
	}
	return NULL;
}

/* Double the hash table and put every entry back. */
static void lex_rehash(struct cd_lex *lex)
{
	size_t i, j, mask;

	free(lex->tab);
	lex->tcap = lex->tcap ? lex->tcap * 2 : 1024;
	lex->tab = cd_xcalloc(lex->tcap, sizeof(*lex->tab));
	mask = lex->tcap - 1;
	for (i = 0; i < lex->ne; i++) {
		const struct lexent *e = &lex->e[i];

		j = hash_fold(lex->keys.p + e->koff, e->klen) & mask;
		while (lex->tab[j])
			j = (j + 1) & mask;
		lex->tab[j] = i + 1;
	}
}

/* The entry for s[0..len), added (with no class) when missing. */
static struct lexent *lex_put(struct cd_lex *lex, const char *s, size_t len)
{
	const struct lexent *got = lex_get(lex, s, len);
	struct lexent *e;
	size_t i;

	if (got)
		return (struct lexent *)got;
	if ((lex->ne + 1) * 2 > lex->tcap)
		lex_rehash(lex);
	lex->e = cd_xgrow(lex->e, &lex->ecap, lex->ne + 1, sizeof(*lex->e));
	e = &lex->e[lex->ne];
	memset(e, 0, sizeof(*e));
	e->koff = lex->keys.len;
	e->klen = len;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		cd_buf_addc(&lex->keys, c >= 'A' && c <= 'Z' ? c | 0x20 : c);
	}
	i = hash_fold(s, len) & (lex->tcap - 1);
	while (lex->tab[i])
		i = (i + 1) & (lex->tcap - 1);
	lex->tab[i] = ++lex->ne;
	return e;
}

struct cd_lex *cd_lex_new(void)
{
	return cd_xcalloc(1, sizeof(struct cd_lex));
}

void cd_lex_free(struct cd_lex *lex)
{
	if (!lex)
		return;
	free(lex->e);
	free(lex->tab);
	cd_buf_release(&lex->keys);
	free(lex);
}

/* Split line into at most two words; returns how many. */
static int split2(const char *line, size_t len, const char **w, size_t *wl)
{
	size_t i = 0, n = 0;

	while (n < 3) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= len)
			break;
		if (n == 2)
			return 3;
		w[n] = line + i;
		while (i < len && line[i] != ' ' && line[i] != '\t')
			i++;
		wl[n] = (size_t)(line + i - w[n]);
		n++;
	}
	return (int)n;
}

/* The class flag named w[0..len) in quote-words.txt, or 0. */
static unsigned word_class(const char *w, size_t len)
{
	static const struct { const char *name; unsigned flag; } cls[] = {
		{ "stop", LX_STOP }, { "skip", LX_SKIP }, { "det", LX_DET },
		{ "prep", LX_PREP }, { "abbr", LX_ABBR }, { "part", LX_PART },
		{ "plural", LX_PLURAL }
	};
	size_t i;

	for (i = 0; i < sizeof(cls) / sizeof(cls[0]); i++)
		if (strlen(cls[i].name) == len && !memcmp(cls[i].name, w, len))
			return cls[i].flag;
	return 0;
}

/* True when w[0..len) is a valid gender letter among allowed. */
static bool gender_ok(const char *w, size_t len, const char *allowed)
{
	return len == 1 && strchr(allowed, w[0]) != NULL;
}

/* Add a cue of one or two words (w[0], w[1]). */
static void add_cue(struct cd_lex *lex, int n, const char **w,
		    const size_t *wl)
{
	char key[2 * LX_MAXKEY + 2];

	if (n == 1 || wl[0] + wl[1] + 1 > sizeof(key) - 1) {
		lex_put(lex, w[0], wl[0])->flags |= LX_CUE;
		return;
	}
	memcpy(key, w[0], wl[0]);
	key[wl[0]] = ' ';
	memcpy(key + wl[0] + 1, w[1], wl[1]);
	lex_put(lex, key, wl[0] + 1 + wl[1])->flags |= LX_CUE;
	lex_put(lex, w[0], wl[0])->flags |= LX_CUE2;
}

/* Add a title w[0] standing for role noun w[1] when n is 2. */
static void add_title(struct cd_lex *lex, int n, const char **w,
		      const size_t *wl)
{
	struct lexent *e = lex_put(lex, w[0], wl[0]);
	size_t idx = (size_t)(e - lex->e);

	e->flags |= LX_TITLE;
	if (n == 2) {
		/* lex_put may move the array: index, not pointer */
		struct lexent *r = lex_put(lex, w[1], wl[1]);

		lex->e[idx].role = (size_t)(r - lex->e) + 1;
	}
}

int cd_lex_add_line(struct cd_lex *lex, const char *line, size_t len,
		    enum cd_lexfile kind, char *err, size_t errlen)
{
	const char *w[2];
	size_t wl[2];
	int n = split2(line, len, w, wl);
	struct lexent *e;
	unsigned cls;

	if (n == 0)
		return 0;
	if (kind == CD_LEXF_CUES && n <= 2) {
		add_cue(lex, n, w, wl);
		return 0;
	}
	if (kind == CD_LEXF_TITLES && n <= 2) {
		add_title(lex, n, w, wl);
		return 0;
	}
	if (kind == CD_LEXF_ROLES && (n == 1 || (n == 2
			&& gender_ok(w[1], wl[1], "mfx")))) {
		e = lex_put(lex, w[0], wl[0]);
		e->flags |= LX_ROLE;
		if (n == 2)
			e->gender = w[1][0];
		return 0;
	}
	if (kind == CD_LEXF_PRONOUNS && n == 2
	    && gender_ok(w[1], wl[1], "mfpx")) {
		e = lex_put(lex, w[0], wl[0]);
		e->flags |= LX_PRON, e->gender = w[1][0];
		return 0;
	}
	if (kind == CD_LEXF_NAMES && n == 2 && gender_ok(w[1], wl[1], "mfx")) {
		e = lex_put(lex, w[0], wl[0]);
		e->flags |= LX_FIRST, e->fgender = w[1][0];
		return 0;
	}
	if (kind == CD_LEXF_WORDS && n == 2) {
		if (!(cls = word_class(w[0], wl[0]))) {
			snprintf(err, errlen, "unknown word class '%.*s'",
				 (int)(wl[0] > 20 ? 20 : wl[0]), w[0]);
			return -1;
		}
		lex_put(lex, w[1], wl[1])->flags |= cls;
		return 0;
	}
	snprintf(err, errlen, "malformed entry");
	return -1;
}

int cd_lex_load(struct cd_lex *lex, const char *path, enum cd_lexfile kind,
		char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, why[128];
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;

	if (!f) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return -1;
	}
	while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n == 0 || line[0] == '#')
			continue;
		if (cd_lex_add_line(lex, line, (size_t)n, kind, why,
				    sizeof(why)) < 0) {
			snprintf(err, errlen, "line %zu: %s", lineno, why);
			rc = -1;
		}
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "read error: %s", strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(f);
	return rc;
}

const char *cd_qkind_name(enum cd_qkind k)
{
	return k == CD_QK_HEADLINE ? "headline"
	       : k == CD_QK_FRAGMENT ? "fragment" : "quote";
}

/* ---- tokens --------------------------------------------------------- */

enum { T_WORD, T_PUNCT, T_QUOTE };

/* One word, punctuation mark or quoted piece of the text. */
struct cd_tok {
	size_t s, e;		/* the word; e excludes a possessive 's */
	const struct lexent *lx;
	unsigned flags;		/* lexicon classes of the word */
	unsigned char type;
	bool cap;		/* starts with a capital letter */
	bool poss;		/* ends in 's */
	bool send;		/* a sentence ends after this token */
	uint32_t ch;		/* T_PUNCT: the character */
	size_t sent, para;
	size_t piece;		/* T_QUOTE: the piece */
	size_t ent;		/* last token of a name run: entity + 1 */
	size_t rlast;		/* in a name run: its last token + 1 */
	size_t run0;		/* last token of a name run: its first token */
	size_t n0;		/* last token of a name run: first name word */
};

/* One name seen in the document: a full name ("Yuri Ushakov") or a
 * surname alone ("Ushakov"), whose best full form is then "best". */
struct cd_ent {
	uint64_t id;		/* hash of first|last name, or of the last */
	uint64_t key;		/* hash of the last name */
	size_t ns, ne;		/* the longest spelling seen, in the text */
	size_t nw;		/* its words */
	size_t count;
	size_t best;		/* surname record: its full name, entity + 1 */
	char gender;		/* m, f or 0 */
	bool full, person;
	size_t roles[6];	/* lexicon entries + 1 */
	size_t nroles;
};

/* A speaker mention found near a quotation. */
enum { W_NONE, W_NAME, W_PRON, W_ROLE, W_GENERIC };
struct who {
	int kind;
	size_t m0, m1;		/* first and last token of the mention */
	size_t h;		/* its head: a name's last word, a pronoun */
	size_t cue, cue1;	/* the cue's first and last token */
	bool has_cue;
	size_t ent;		/* resolved entity + 1, or 0 */
};

/* True for the bytes a blank line may hold (as quote.c's paragraphs). */
static bool blank_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0xA0;
}

/* Decode the code point at s[i] (len bounded), storing its length. */
static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t r;

	if ((unsigned char)s[i] < 0x80) {
		*n = 1;
		return (unsigned char)s[i];
	}
	r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			     (utf8proc_ssize_t)(len - i), &cp);
	if (r <= 0) {
		*n = 1;
		return 0xFFFD;
	}
	*n = (size_t)r;
	return (uint32_t)cp;
}

/* True for a letter, mark or digit. */
static bool cp_word(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a'
						  && (c | 0x20) <= 'z');
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
		return true;
	default:
		return false;
	}
}

/* True for white space, typographic spaces included. */
static bool cp_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0
	       || (c >= 0x2000 && c <= 0x200B) || c == 0x202F
	       || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* Add a token and return it, zeroed but for its span and paragraph. */
static struct cd_tok *tok_add(struct cd_attrib *a, int type, size_t s,
			      size_t e, size_t para)
{
	struct cd_tok *t;

	a->t = cd_xgrow(a->t, &a->tcap, a->nt + 1, sizeof(*a->t));
	t = &a->t[a->nt++];
	memset(t, 0, sizeof(*t));
	t->type = (unsigned char)type;
	t->s = s, t->e = e, t->para = para;
	return t;
}

/* The end of the word starting at i: letters and digits, with inner
 * apostrophes, hyphens and full stops (U.S) when a letter follows. */
static size_t word_end(const char *s, size_t len, size_t i)
{
	size_t n, m;
	uint32_t c, d;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		/* ASCII letters and digits first: most of the text */
		if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
		    || (b >= '0' && b <= '9')) {
			i++;
			continue;
		}
		c = cp_at(s, len, i, &n);
		if (b >= 0x80 && cp_word(c)) {
			i += n;
			continue;
		}
		if (c != '\'' && c != 0x2019 && c != '-' && c != '.'
		    && c != 0x2010)
			break;
		if (i + n >= len)
			break;
		d = cp_at(s, len, i + n, &m);
		if (!cp_word(d) || (c == '.' && !(d >= 'A' && d <= 'z')))
			break;
		i += n;
	}
	return i;
}

/* Fill in a word token's lexicon entry, capital, possessive and final
 * full stop; returns the offset just past the token. */
static size_t word_finish(struct cd_attrib *a, struct cd_tok *t)
{
	const char *s = a->text;
	size_t len = a->len, wl = t->e - t->s, n, end = t->e;
	const struct lexent *dot;
	uint32_t c = cp_at(s, len, t->s, &n);

	t->cap = c < 0x80 ? (c >= 'A' && c <= 'Z')
		 : utf8proc_isupper((utf8proc_int32_t)c) != 0;
	if (wl > 2 && s[t->e - 2] == '\'' && (s[t->e - 1] | 0x20) == 's')
		t->poss = true, t->e -= 2;
	else if (wl > 4 && (s[t->e - 1] | 0x20) == 's'
		 && !memcmp(s + t->e - 4, "\xE2\x80\x99", 3))
		t->poss = true, t->e -= 4;
	if (!t->poss && end < len && s[end] == '.' && wl < LX_MAXKEY) {
		dot = lex_get(a->lex, s + t->s, wl + 1);
		if (wl == 1 || memchr(s + t->s, '.', wl)
		    || (dot && (dot->flags & (LX_ABBR | LX_TITLE))))
			t->e = ++end;
	}
	/* numbers are in no word list */
	t->lx = s[t->s] >= '0' && s[t->s] <= '9' ? NULL
		: lex_get(a->lex, s + t->s, t->e - t->s);
	t->flags = t->lx ? t->lx->flags : 0;
	return end;
}

/* Split the text into tokens; quoted pieces become one token each. */
static void tokenize(struct cd_attrib *a)
{
	const char *s = a->text;
	size_t len = a->len, i = 0, k = 0, n, para = 0, soft = 0;
	bool content = false;
	struct cd_tok *t;
	uint32_t c;

	while (i < len || k < a->qf.n) {
		/* every piece becomes a token, even one whose mark a word
		 * swallowed: pmap must cover them all */
		if (k < a->qf.n && i >= a->qf.p[k].open) {
			const struct cd_qpiece *p = &a->qf.p[k];

			t = tok_add(a, T_QUOTE, p->open, p->close, p->para);
			t->piece = k;
			a->pmap[k++] = a->nt - 1;
			if (i < t->e)
				i = t->e;
			content = true;
			continue;
		}
		while (soft < a->qf.nsoft && a->qf.soft[soft] < i)
			soft++;
		if (s[i] == '\n' && soft < a->qf.nsoft
		    && a->qf.soft[soft] == i) {
			i++;	/* a line break inside a paragraph */
			continue;
		}
		if (s[i] == '\n') {
			para += content;
			content = false;
			i++;
			continue;
		}
		if (!blank_byte((unsigned char)s[i]))
			content = true;
		c = cp_at(s, len, i, &n);
		if (cp_space(c)) {
			i += n;
			continue;
		}
		if (cp_word(c)) {
			t = tok_add(a, T_WORD, i, word_end(s, len, i), para);
			i = word_finish(a, t);
			continue;
		}
		t = tok_add(a, T_PUNCT, i, i + n, para);
		t->ch = c;
		i += n;
	}
}

/* True when the quoted piece of token t ends a sentence itself. */
static bool quote_ends_sentence(const struct cd_attrib *a,
				const struct cd_tok *t)
{
	const struct cd_qpiece *p = &a->qf.p[t->piece];
	char c = a->text[p->end - 1];

	return c == '.' || c == '?' || c == '!';
}

/* Mark sentence ends and number the sentences. */
static void sentences(struct cd_attrib *a)
{
	size_t i, sent = 0;

	for (i = 0; i < a->nt; i++) {
		struct cd_tok *t = &a->t[i];
		const struct cd_tok *nx = i + 1 < a->nt ? t + 1 : NULL;
		bool next_starts = !nx || nx->para != t->para
				   || nx->type == T_QUOTE
				   || (nx->type == T_PUNCT && nx->ch == '(')
				   || (nx->type == T_WORD && (nx->cap
					|| (a->text[nx->s] >= '0'
					    && a->text[nx->s] <= '9')));

		t->sent = sent;
		if (!nx || nx->para != t->para)
			t->send = true;
		else if (t->type == T_PUNCT && (t->ch == '.' || t->ch == '?'
			 || t->ch == '!' || t->ch == 0x2026))
			t->send = next_starts;
		else if (t->type == T_QUOTE)
			t->send = next_starts && quote_ends_sentence(a, t);
		sent += t->send;
	}
	a->nsent = sent + 1;
}

/* True when token i is the word w (lower case). */
static bool word_is(const struct cd_attrib *a, size_t i, const char *w)
{
	size_t n = strlen(w);

	return a->t[i].type == T_WORD && a->t[i].e - a->t[i].s == n
	       && eq_fold(a->text + a->t[i].s, w, n);
}

/* ---- names ---------------------------------------------------------- */

/* True when token i may be part of a name. */
static bool nameish(const struct cd_attrib *a, size_t i)
{
	const struct cd_tok *t = &a->t[i];
	const struct cd_tok *nx = i + 1 < a->nt ? t + 1 : NULL;
	bool next_cap = nx && nx->type == T_WORD && nx->cap
			&& nx->para == t->para;

	if (t->type != T_WORD)
		return false;
	if (!t->cap)
		return (t->flags & LX_PART) && next_cap && i > 0
		       && a->t[i - 1].type == T_WORD && a->t[i - 1].cap;
	if (t->flags & LX_STOP)
		return (t->flags & LX_FIRST) && next_cap
		       && !(nx->flags & LX_STOP);
	/* a number is not a name */
	return !(a->text[t->s] >= '0' && a->text[t->s] <= '9');
}

/* The hash identifying token t's word. */
static uint64_t tok_hash(const struct cd_attrib *a, const struct cd_tok *t)
{
	return hash_fold(a->text + t->s, t->e - t->s);
}

/* The entity with this id, created when missing. */
static size_t ent_get(struct cd_attrib *a, uint64_t id, bool full)
{
	size_t i, mask;

	if ((a->ne + 1) * 2 > a->etcap) {
		size_t j;

		free(a->etab);
		a->etcap = a->etcap ? a->etcap * 2 : 256;
		a->etab = cd_xcalloc(a->etcap, sizeof(*a->etab));
		mask = a->etcap - 1;
		for (j = 0; j < a->ne; j++) {
			for (i = a->e[j].id & mask; a->etab[i];
			     i = (i + 1) & mask)
				;
			a->etab[i] = j + 1;
		}
	}
	mask = a->etcap - 1;
	for (i = id & mask; a->etab[i]; i = (i + 1) & mask)
		if (a->e[a->etab[i] - 1].id == id)
			return a->etab[i] - 1;
	a->e = cd_xgrow(a->e, &a->ecap, a->ne + 1, sizeof(*a->e));
	memset(&a->e[a->ne], 0, sizeof(*a->e));
	a->e[a->ne].id = id;
	a->e[a->ne].key = id;
	a->e[a->ne].full = full;
	a->etab[i] = a->ne + 1;
	return a->ne++;
}

/* The entity a mention of entity e stands for (a surname alone stands for
 * its best full name). */
static size_t ent_canon(const struct cd_attrib *a, size_t e)
{
	return !a->e[e].full && a->e[e].best ? a->e[e].best - 1 : e;
}

/* Add role entry r (entry + 1) to entity e. */
static void ent_role(struct cd_attrib *a, size_t e, size_t r)
{
	struct cd_ent *x = &a->e[e];
	const struct lexent *le = &a->lex->e[r - 1];
	size_t i;

	if (le->gender == 'm' || le->gender == 'f')
		if (!x->gender)
			x->gender = le->gender;
	for (i = 0; i < x->nroles; i++)
		if (x->roles[i] == r)
			return;
	if (x->nroles < sizeof(x->roles) / sizeof(x->roles[0]))
		x->roles[x->nroles++] = r;
}

/* The role entry (+ 1) a title or role token stands for, or 0. */
static size_t tok_role(const struct cd_attrib *a, const struct cd_tok *t)
{
	if (!t->lx || !(t->flags & (LX_TITLE | LX_ROLE)))
		return 0;
	if (t->lx->role)
		return t->lx->role;
	return (size_t)(t->lx - a->lex->e) + 1;
}

/* The index of the cue token at or after i whose first word is token i,
 * or 0 when token i does not start a cue; *last gets its last token. */
static bool is_cue(const struct cd_attrib *a, size_t i, size_t *last)
{
	const struct cd_tok *t = &a->t[i];
	char key[2 * LX_MAXKEY + 2];
	size_t l1, l2;

	/* a capital only at the start of a sentence: "According to" */
	if (t->type != T_WORD || (t->cap && i > 0 && !a->t[i - 1].send))
		return false;
	/* "the call", "his remarks": a noun, not a verb */
	if (i > 0 && (a->t[i - 1].flags & LX_DET) && !a->t[i - 1].cap
	    && a->t[i - 1].type == T_WORD)
		return false;
	*last = i;
	if (t->flags & LX_CUE)
		return true;
	if (!(t->flags & LX_CUE2) || i + 1 >= a->nt
	    || a->t[i + 1].type != T_WORD)
		return false;
	l1 = t->e - t->s;
	l2 = a->t[i + 1].e - a->t[i + 1].s;
	if (l1 + l2 + 1 >= sizeof(key))
		return false;
	memcpy(key, a->text + t->s, l1);
	key[l1] = ' ';
	memcpy(key + l1 + 1, a->text + a->t[i + 1].s, l2);
	if (!lex_get(a->lex, key, l1 + 1 + l2))
		return false;
	*last = i + 1;
	return true;
}

/* Whether the name run ending at r1 (starting r0, name words from n0) is
 * known to name a person. */
static bool run_person(const struct cd_attrib *a, size_t r0, size_t n0,
		       size_t r1)
{
	size_t k;

	if (n0 > r0)
		return true;	/* a title before the name */
	if (r1 > n0 && (a->t[n0].flags & LX_FIRST))
		return true;
	if (r0 > 0 && !a->t[r0 - 1].cap && (a->t[r0 - 1].flags & LX_ROLE))
		return true;	/* "aide Yuri Ushakov" */
	k = r1 + 1;
	if (k + 1 < a->nt && a->t[k].type == T_PUNCT && a->t[k].ch == ',') {
		/* "Maren Holt, 67, ..." or "Anselm Rask, chief engineer of
		 * ..., said": an age, a role or a cue past the apposition */
		for (k++; k < a->nt && k < r1 + 16 && a->t[k].type == T_WORD;
		     k++)
			if ((a->t[k].flags & LX_ROLE) && !a->t[k].cap)
				return true;
		if (k == r1 + 3 && a->text[a->t[r1 + 2].s] >= '0'
		    && a->text[a->t[r1 + 2].s] <= '9')
			return true;
		if (k >= a->nt || a->t[k].type != T_PUNCT || a->t[k].ch != ',')
			return false;
		k++;
	}
	for (; k < a->nt && k <= r1 + 20; k++) {
		size_t last;

		if (is_cue(a, k, &last))
			return true;	/* "Ushakov said" */
		if (!(a->t[k].flags & LX_SKIP))
			break;
	}
	return false;
}

/* Record the name run r0..r1 as a mention of an entity. */
static void add_run(struct cd_attrib *a, size_t r0, size_t r1)
{
	size_t n0 = r0, k, e, kr;
	uint64_t key;

	/* a title counts before a name ("Sen. King"), not as one ("Charlie
	 * King"); a run of titles alone ("the President") names nobody */
	for (k = r0; k <= r1; k++) {
		a->t[k].rlast = r1 + 1;
		if ((a->t[k].flags & LX_TITLE) && k < r1)
			n0 = k + 1;
	}
	if (n0 == r1 && (a->t[r1].flags & LX_TITLE) && r1 > r0)
		n0 = r1 + 1;
	if (r0 == r1 && (a->t[r1].flags & LX_TITLE))
		n0 = r1 + 1;
	/* a headline in title case is not a name: keep its last word */
	if (n0 <= r1 && r1 - n0 >= 4)
		n0 = r1;
	a->t[r1].run0 = r0;
	a->t[r1].n0 = n0;
	if (n0 > r1 || (a->t[r1].flags & LX_ABBR))
		return;		/* a title alone, "U.S." */
	key = tok_hash(a, &a->t[r1]);
	kr = ent_get(a, key, false);
	e = kr;
	if (r1 > n0) {
		e = ent_get(a, key * 31 + tok_hash(a, &a->t[n0]) + 1, true);
		a->e[e].key = key;
	}
	a->e[e].count++;
	if (r1 - n0 + 1 > a->e[e].nw) {
		a->e[e].nw = r1 - n0 + 1;
		a->e[e].ns = a->t[n0].s;
		a->e[e].ne = a->t[r1].e;
	}
	if (r1 > n0 && a->t[n0].lx && !a->e[e].gender)
		a->e[e].gender = a->t[n0].lx->fgender == 'x'
				 ? 0 : a->t[n0].lx->fgender;
	if (run_person(a, r0, n0, r1))
		a->e[e].person = true;
	a->t[r1].ent = e + 1;
}

/* Give the entity named by the run ending at token r the roles said
 * around it: titles in the run ("President"), a role noun just before it
 * ("aide Yuri Ushakov") or in an apposition after it ("Ushakov, a Kremlin
 * aide,"), and the gender of Mr. or Mrs. */
static void run_roles(struct cd_attrib *a, size_t r)
{
	size_t e = ent_canon(a, a->t[r].ent - 1), k, r0 = a->t[r].run0, role;

	for (k = r0; k < a->t[r].n0 && k <= r; k++)
		if ((role = tok_role(a, &a->t[k])))
			ent_role(a, e, role);
	if (r0 > 0 && !a->t[r0 - 1].cap && (role = tok_role(a, &a->t[r0 - 1])))
		ent_role(a, e, role);
	/* "the authority's chief engineer, Anselm Rask," */
	if (r0 > 1 && a->t[r0 - 1].type == T_PUNCT && a->t[r0 - 1].ch == ','
	    && !a->t[r0 - 2].cap && (role = tok_role(a, &a->t[r0 - 2])))
		ent_role(a, e, role);
	if (r + 1 >= a->nt || a->t[r + 1].type != T_PUNCT
	    || a->t[r + 1].ch != ',')
		return;
	for (k = r + 2; k < a->nt && k < r + 8; k++) {
		const struct cd_tok *t = &a->t[k];

		if (t->type != T_WORD)
			break;
		if (!t->cap && (role = tok_role(a, t)) && k + 1 < a->nt
		    && (a->t[k + 1].type == T_PUNCT || word_is(a, k + 1, "of")
			|| word_is(a, k + 1, "at")
			|| word_is(a, k + 1, "for"))) {
			ent_role(a, e, role);
			break;
		}
	}
}

/* Find the name runs and their entities, pick each surname's best full
 * name, then give the entities the roles said around their mentions. */
static void names(struct cd_attrib *a)
{
	size_t i, r0, e;

	for (i = 0; i < a->nt; i++) {
		if (!nameish(a, i))
			continue;
		r0 = i;
		while (i + 1 < a->nt && nameish(a, i + 1) && !a->t[i].poss
		       && a->t[i + 1].para == a->t[r0].para)
			i++;
		add_run(a, r0, i);
	}
	for (e = 0; e < a->ne; e++) {
		size_t kr, b;

		if (!a->e[e].full)
			continue;
		kr = ent_get(a, a->e[e].key, false);
		b = a->e[kr].best;
		/* SPEC: a surname stands for the full name used in the
		 * document; the most used one when there are several */
		if (!b || a->e[b - 1].count < a->e[e].count)
			a->e[kr].best = e + 1;
	}
	for (e = 0; e < a->ne; e++)
		if (!a->e[e].full && a->e[e].best) {
			size_t b = a->e[e].best - 1;

			a->e[b].person |= a->e[e].person;
			if (!a->e[b].gender)
				a->e[b].gender = a->e[e].gender;
		}
	for (i = 0; i < a->nt; i++)
		if (a->t[i].ent)
			run_roles(a, i);
}

/* ---- who is meant ----------------------------------------------------- */

/* The gender of a subject pronoun token: m (he), f (she), p (they, we),
 * x (I), or 0 for any other word. */
static char subj_pron(const struct cd_attrib *a, const struct cd_tok *t)
{
	size_t n = t->e - t->s;

	if (t->type != T_WORD || !(t->flags & LX_PRON))
		return 0;
	if (n == 2 && eq_fold(a->text + t->s, "he", 2))
		return 'm';
	if (n == 3 && eq_fold(a->text + t->s, "she", 3))
		return 'f';
	if ((n == 4 && eq_fold(a->text + t->s, "they", 4))
	    || (n == 2 && eq_fold(a->text + t->s, "we", 2)))
		return 'p';
	if (n == 1 && eq_fold(a->text + t->s, "i", 1))
		return 'x';
	return 0;
}

/* True when entity e can be meant by a pronoun of gender g. */
static bool fits(const struct cd_attrib *a, size_t e, char g)
{
	const struct cd_ent *x = &a->e[e];

	return x->person && (!x->gender || x->gender == g);
}

/* True when token i is preceded by a preposition (not a subject). */
static bool after_prep(const struct cd_attrib *a, size_t i)
{
	return i > 0 && a->t[i - 1].type == T_WORD
	       && (a->t[i - 1].flags & LX_PREP) && !a->t[i - 1].cap;
}

/* The entity (+ 1) a pronoun of gender g at token i means: the subject of
 * the nearest sentence before it whose subject fits, else the nearest
 * fitting person named just before it; 0 when there is none. */
static size_t resolve_pron(const struct cd_attrib *a, size_t i, char g)
{
	size_t s = a->t[i].sent, k, e, lo;

	if (a->subj[2 * s] && a->subj[2 * s + 1] < i
	    && fits(a, a->subj[2 * s] - 1, g))
		return a->subj[2 * s];
	for (k = s; k-- > 0 && k + 8 >= s;) {
		if (a->t[i].para > 2 + a->t[a->subj[2 * k + 1]].para
		    && a->subj[2 * k])
			break;
		if (a->subj[2 * k] && fits(a, a->subj[2 * k] - 1, g))
			return a->subj[2 * k];
	}
	lo = i > 200 ? i - 200 : 0;
	for (k = i; k-- > lo;)
		if (a->t[k].ent) {
			e = ent_canon(a, a->t[k].ent - 1);
			if (fits(a, e, g))
				return e + 1;
		}
	return 0;
}

/* The person (+ 1) mention entity m stands for, when known by role r;
 * else 0. */
static size_t has_role(const struct cd_attrib *a, size_t m, size_t r)
{
	size_t e = ent_canon(a, m), j;

	for (j = 0; j < a->e[e].nroles; j++)
		if (a->e[e].roles[j] == r)
			return e + 1;
	return 0;
}

/* The entity (+ 1) known by role r named last before token i, else
 * first in the sentences just after it; 0 when there is none. */
static size_t resolve_role(const struct cd_attrib *a, size_t i, size_t r)
{
	size_t k, lo = i > 3000 ? i - 3000 : 0, e;

	for (k = i; k-- > lo;)
		if (a->t[k].ent && (e = has_role(a, a->t[k].ent - 1, r)))
			return e;
	/* "the dam's chief engineer told reporters ... Anselm Rask, chief
	 * engineer of the authority, said": named in the next sentences */
	for (k = i + 1; k < a->nt && k < i + 80
	     && a->t[k].para <= a->t[i].para + 1; k++)
		if (a->t[k].ent && (e = has_role(a, a->t[k].ent - 1, r)))
			return e;
	return 0;
}

/* Find each sentence's subject: its first person named or meant (he,
 * she) that does not follow a preposition or own something. */
static void subjects(struct cd_attrib *a)
{
	size_t i, s;
	char g;

	a->subj = cd_xgrow(a->subj, &a->scap, 2 * a->nsent, sizeof(*a->subj));
	memset(a->subj, 0, 2 * a->nsent * sizeof(*a->subj));
	for (i = 0; i < a->nt; i++) {
		const struct cd_tok *t = &a->t[i];

		s = t->sent;
		if (a->subj[2 * s] || t->type != T_WORD)
			continue;
		if (t->ent && !t->poss && !after_prep(a, t->run0)) {
			size_t e = ent_canon(a, t->ent - 1);

			if (a->e[e].person) {
				a->subj[2 * s] = e + 1;
				a->subj[2 * s + 1] = i;
			}
		} else if ((g = subj_pron(a, t)) && (g == 'm' || g == 'f')
			   && !after_prep(a, i)) {
			a->subj[2 * s + 1] = i;
			a->subj[2 * s] = resolve_pron(a, i, g);
		} else if (tok_role(a, t) && i > 0 && !after_prep(a, i - 1)
			   && (a->t[i - 1].flags & LX_DET)
			   && (t->cap ? t->rlast == i + 1 : !t->rlast)
			   && !(i + 1 < a->nt && a->t[i + 1].type == T_WORD
				&& a->t[i + 1].cap)) {
			/* "The president described ...": the latest
			 * president named */
			a->subj[2 * s + 1] = i;
			a->subj[2 * s] = resolve_role(a, i, tok_role(a, t));
		}
	}
}


/* ---- attribution ------------------------------------------------------ */

/* True when token i is the punctuation character c. */
static bool punct(const struct cd_attrib *a, size_t i, uint32_t c)
{
	return i < a->nt && a->t[i].type == T_PUNCT && a->t[i].ch == c;
}


/* A mention of kind k over tokens m0..m1. */
static struct who who_make(int k, size_t m0, size_t m1)
{
	struct who w = { 0 };

	w.kind = k;
	w.m0 = m0, w.m1 = m1, w.h = m1;
	return w;
}

/* The noun phrase ending in the lower-case noun at token j: back over
 * modifiers to a determiner or possessive within four words.  Returns a
 * mention of kind k, or none when no determiner opens it and need_det. */
static struct who noun_phrase(const struct cd_attrib *a, size_t lo, size_t j,
			      int k, bool need_det)
{
	size_t m = j;

	while (m > lo && j - m < 5 && a->t[m - 1].type == T_WORD
	       && (!(a->t[m - 1].flags & (LX_PREP | LX_CUE))
		   || word_is(a, m - 1, "of"))) {
		m--;
		if (a->t[m].poss && m > lo && (a->t[m - 1].flags & LX_DET))
			m--;	/* "the dam's chief engineer" */
		if ((a->t[m].flags & LX_DET) || a->t[m].poss)
			return who_make(k, m, j);
	}
	if (need_det)
		return who_make(W_NONE, 0, 0);
	return who_make(k, j, j);
}

/* The mention whose last word is token j, if it can name a speaker. */
static struct who mention_at(const struct cd_attrib *a, size_t lo, size_t j)
{
	const struct cd_tok *t = &a->t[j];

	if (t->type != T_WORD)
		return who_make(W_NONE, 0, 0);
	if (subj_pron(a, t))
		return who_make(W_PRON, j, j);
	if (t->ent && !t->poss)
		return who_make(W_NAME, t->run0 < lo ? lo : t->run0, j);
	if (t->rlast == j + 1 && (t->flags & LX_TITLE)) {
		/* "the President said": a title alone is a role */
		struct who w = noun_phrase(a, lo, j, W_ROLE, false);

		w.m0 = t->run0 < w.m0 ? w.m0 : t->run0;
		return w;
	}
	if (t->cap || t->poss)
		return who_make(W_NONE, 0, 0);
	if (t->flags & LX_ROLE)
		return noun_phrase(a, lo, j, W_ROLE, false);
	if (t->flags & (LX_PRON | LX_STOP | LX_SKIP | LX_PREP | LX_DET))
		return who_make(W_NONE, 0, 0);
	return noun_phrase(a, lo, j, W_GENERIC, true);
}

/* The last token of a parenthesis closing at j, skipped backwards:
 * returns the token before its '(' (or lo - 1 as SIZE_MAX on failure). */
static size_t skip_paren_left(const struct cd_attrib *a, size_t lo, size_t j)
{
	while (j > lo && !punct(a, j, '('))
		j--;
	return j > lo ? j - 1 : SIZE_MAX;
}

/* True when tokens lo..hi are one whole name run (a parenthesis after it,
 * "Rep. Gwen Moore (D-Wis.)", allowed). */
static bool pure_name(const struct cd_attrib *a, size_t lo, size_t hi)
{
	size_t k;

	if (punct(a, hi, ')'))
		hi = skip_paren_left(a, lo, hi);
	if (hi == SIZE_MAX || hi < lo || !a->t[hi].ent || a->t[hi].run0 < lo)
		return false;
	/* a few words may stand before the name: "Democratic nominee
	 * Hillary Clinton", "Another critic, Laurence H. Tribe" */
	for (k = lo; k < a->t[hi].run0; k++)
		if (a->t[k].type != T_WORD || a->t[hi].run0 - lo > 4
		    || (a->t[k].flags & (LX_CUE | LX_PREP)))
			return false;
	return true;
}

/* True when the cue at token i is a participle ("saying", "adding"). */
static bool participle(const struct cd_attrib *a, size_t i)
{
	const struct cd_tok *t = &a->t[i];

	return t->e - t->s > 4 && !memcmp(a->text + t->e - 3, "ing", 3);
}

/* The subject of the sentence of token i when it comes before i: the
 * one a participle ("..., adding") belongs to. */
static struct who sentence_subject(const struct cd_attrib *a, size_t i)
{
	size_t s = a->t[i].sent, j = a->subj[2 * s + 1];

	if (!a->subj[2 * s] || j >= i || a->t[j].sent != s)
		return who_make(W_NONE, 0, 0);
	if (a->t[j].ent)
		return who_make(W_NAME, a->t[j].run0, j);
	if (subj_pron(a, &a->t[j]))
		return who_make(W_PRON, j, j);
	return noun_phrase(a, j >= 4 ? j - 4 : 0, j, W_ROLE, false);
}

/* A name mention "the Sierra Club" that ends "Mr. Morgan of the Sierra
 * Club": the person is the name before "of". */
static struct who of_phrase(const struct cd_attrib *a, size_t lo,
			    struct who w)
{
	size_t k = w.m0;

	if (w.kind != W_NAME)
		return w;
	if (k > lo && word_is(a, k - 1, "the"))
		k--;
	if (k >= lo + 2 && word_is(a, k - 1, "of") && a->t[k - 2].ent
	    && !a->t[k - 2].poss) {
		w.h = k - 2;
		w.m0 = a->t[k - 2].run0 < lo ? lo : a->t[k - 2].run0;
	}
	return w;
}

/* The speaker named left of the cue at token cue, not before token lo:
 * "Trump said", "Trump later said", "Yuri Ushakov, a Kremlin aide, said",
 * "the aide added". */
static struct who subject_left(const struct cd_attrib *a, size_t lo,
			       size_t cue)
{
	size_t j = cue, tries, c2, end;
	struct who w;

	while (j > lo && a->t[j - 1].type == T_WORD
	       && (a->t[j - 1].flags & LX_SKIP) && !a->t[j - 1].ent)
		j--;
	/* the mention runs to the cue, apposition included: "Scott Pruitt,
	 * the attorney general of Oklahoma, said" */
	end = j - 1;
	for (tries = 0; tries < 4; tries++) {
		while (j > lo && a->t[j - 1].type == T_WORD
		       && (a->t[j - 1].flags & LX_SKIP) && !a->t[j - 1].ent)
			j--;
		if (j <= lo)
			break;
		j--;
		if (punct(a, j, ')')) {
			if ((j = skip_paren_left(a, lo, j)) == SIZE_MAX)
				break;
			j++;
			continue;
		}
		if ((word_is(a, j, "and") || word_is(a, j, "but")
		     || word_is(a, j, "then")) && tries == 0)
			return sentence_subject(a, cue); /* "X ... and said" */
		if (word_is(a, j, "who") && j > lo + 1
		    && punct(a, j - 1, ',')) {
			w = mention_at(a, lo, j - 2); /* "Putin, who said" */
			if (w.kind == W_NAME)
				return w;
		}
		if (!punct(a, j, ',')) {
			w = of_phrase(a, lo, mention_at(a, lo, j));
			if (w.kind == W_NAME || w.kind == W_ROLE)
				w.m1 = end;
			return w;
		}
		/* an apposition: "X, a lawyer for Y, said" */
		for (c2 = j; c2 > lo && !punct(a, c2 - 1, ',') && j - c2 < 15;)
			c2--;
		if (c2 < j && pure_name(a, c2, j - 1)) {
			w = mention_at(a, lo, punct(a, j - 1, ')')
				       ? skip_paren_left(a, c2, j - 1)
				       : j - 1);
			w.m0 = c2;
			w.m1 = end;
			return w;
		}
		if (c2 <= lo || !punct(a, c2 - 1, ','))
			break;
		j = c2;
	}
	return who_make(W_NONE, 0, 0);
}

/* True when token j is an age between commas: "Gloria Garcia, 34, a
 * nurse". */
static bool age(const struct cd_attrib *a, size_t j, size_t hi)
{
	const struct cd_tok *t = &a->t[j];
	size_t k;

	if (t->type != T_WORD || t->e - t->s > 3 || !punct(a, j + 1, ',')
	    || j + 1 >= hi)
		return false;
	for (k = t->s; k < t->e; k++)
		if (a->text[k] < '0' || a->text[k] > '9')
			return false;
	return true;
}

/* True when the words from token j start an apposition or relative
 * clause describing the person just named: "a lawyer for ...", "the
 * assistant leader ...", "who represents ...", "House editor for ...". */
static bool apposition(const struct cd_attrib *a, size_t j, size_t hi)
{
	size_t k;

	while (j + 1 < hi && a->t[j].type == T_WORD && !a->t[j].cap
	       && (a->t[j].flags & LX_SKIP))
		j++;	/* "Murphy, now a consultant" */
	if (j >= hi || a->t[j].type != T_WORD)
		return false;
	if (word_is(a, j, "who") || word_is(a, j, "whose")
	    || age(a, j, hi)
	    || ((a->t[j].flags & LX_DET) && !a->t[j].cap)
	    || (word_is(a, j, "of") && j + 1 < hi && a->t[j + 1].cap))
		return true;
	for (k = j; k < hi && k < j + 4 && a->t[k].type == T_WORD; k++)
		if (!a->t[k].cap && (a->t[k].flags & (LX_ROLE | LX_TITLE)))
			return true;
	return false;
}

/* The first token from k, before hi, past at most three lower-case
 * words that are neither prepositions nor cues nor pronouns: the
 * modifiers of "of the non-partisan Rothenberg Report", "of digital
 * consulting firm IMGE".  k itself when they lead to no capital. */
static size_t over_modifiers(const struct cd_attrib *a, size_t k, size_t hi)
{
	size_t m;

	for (m = k; m < hi && m < k + 3 && a->t[m].type == T_WORD
	     && !a->t[m].cap && !(a->t[m].flags & (LX_PREP | LX_CUE | LX_PRON
						  | LX_STOP | LX_SKIP)); m++)
		;
	return m < hi && a->t[m].type == T_WORD && a->t[m].cap ? m : k;
}

/* Extend a name mention ending at token m1 over a parenthesis and
 * appositions, up to hi: "said Kevin Barrett, a lawyer at Bailey &
 * Glasser, who represents ..." */
static size_t extend_right(const struct cd_attrib *a, size_t m1, size_t hi)
{
	size_t j = m1 + 1, k;

	if (punct(a, j, '(')) {
		for (k = j; k < hi && !punct(a, k, ')'); k++)
			;
		if (k >= hi)
			return m1;
		m1 = k, j = k + 1;
	}
	/* "Representative Charles B. Rangel of New York", "Stu Rothenberg
	 * of the non-partisan Rothenberg Report" */
	k = j + 1 < hi && word_is(a, j + 1, "the") ? j + 2 : j + 1;
	k = over_modifiers(a, k, hi);
	if (j < hi && word_is(a, j, "of") && k < hi && a->t[k].rlast
	    && a->t[k].rlast <= hi)
		m1 = a->t[k].rlast - 1, j = m1 + 1;
	while (punct(a, j, ',') && apposition(a, j + 1, hi)) {
		for (k = j + 1; k < hi && a->t[k].type != T_QUOTE
		     && !a->t[k].send && !punct(a, k, ',')
		     && !punct(a, k, ';'); k++)
			;
		if (k < hi && a->t[k].send)
			return a->t[k].type == T_PUNCT ? k - 1 : k;
		m1 = k - 1, j = k;
		/* "said Rep. Elijah Cummings, the top Democrat on the
		 * committee, adding": the apposition keeps its comma */
		if (punct(a, j, ',') && !apposition(a, j + 1, hi))
			return j;
	}
	return m1;
}

/* The role noun or title that the words from token j lead to, over at
 * most two lower-case modifiers, before token hi: "host" in "MSNBC host
 * Chris Matthews", "spokesman" in "Huckabee campaign spokesman Hogan
 * Gidley", "aide" in "one former GOP leadership aide"; else SIZE_MAX. */
static size_t role_after(const struct cd_attrib *a, size_t j, size_t hi)
{
	size_t k;

	for (k = j; k < hi && k < j + 3; k++) {
		if (a->t[k].type != T_WORD || a->t[k].cap || a->t[k].poss)
			break;
		if (a->t[k].flags & (LX_ROLE | LX_TITLE))
			return k;
		if (a->t[k].flags & (LX_PREP | LX_CUE | LX_SKIP | LX_DET
				     | LX_PRON | LX_STOP))
			break;
	}
	return SIZE_MAX;
}

/* The speaker named right after a cue ending at token c, before token hi:
 * "said Caddell", "said MSNBC host Chris Matthews", "said the aide",
 * "according to Politifact". */
static struct who subject_right(const struct cd_attrib *a, size_t c,
				size_t hi)
{
	size_t j = c + 1, m0, k;
	struct who w;

	if (punct(a, j, ','))
		j++;
	while (j < hi && a->t[j].type == T_WORD && !a->t[j].cap
	       && (a->t[j].flags & LX_SKIP))
		j++;
	if (j >= hi || a->t[j].type != T_WORD)
		return who_make(W_NONE, 0, 0);
	if (subj_pron(a, &a->t[j]))
		return who_make(W_PRON, j, j);
	m0 = j;
	/* over determiners, role nouns and names to the last name */
	for (; j < hi && a->t[j].type == T_WORD && j - m0 < 10; j++) {
		const struct cd_tok *t = &a->t[j];

		if (t->rlast) {
			w = mention_at(a, m0, t->rlast - 1);
			j = t->rlast;
			if ((k = role_after(a, j, hi)) != SIZE_MAX
			    && !a->t[j - 1].poss) {
				j = k - 1;
				continue; /* "MSNBC host Chris Matthews" */
			}
			if (w.kind == W_NAME && a->t[w.h].poss) {
				j--;
				continue;	/* "Clinton's spokesman" */
			}
			w.m0 = m0;
			if (w.kind == W_NAME)
				w.m1 = extend_right(a, w.m1, hi);
			return w;
		}
		if (t->cap)
			break;
		if (j == m0 && !(t->flags & (LX_DET | LX_ROLE | LX_TITLE))) {
			/* "said 9/11 widow Terry Strada" */
			if (t->flags & (LX_PREP | LX_CUE | LX_PRON | LX_STOP))
				break;
			continue;
		}
		if (j + 1 < hi && a->t[j + 1].type == T_WORD
		    && !(a->t[j + 1].flags & (LX_PREP | LX_CUE | LX_SKIP)))
			continue;	/* a modifier: "the former aide" */
		if (t->flags & LX_DET)
			break;
		return noun_phrase(a, m0, j, (t->flags & LX_ROLE) ? W_ROLE
				   : W_GENERIC, false);
	}
	return who_make(W_NONE, 0, 0);
}

/* The first cue in tokens lo..hi-1 (last when from_end); false if none. */
static bool find_cue(const struct cd_attrib *a, size_t lo, size_t hi,
		     bool from_end, size_t *cue, size_t *last)
{
	size_t i;

	if (from_end) {
		for (i = hi; i-- > lo;)
			if (is_cue(a, i, last) && *last < hi)
				return *cue = i, true;
		return false;
	}
	for (i = lo; i < hi; i++)
		if (is_cue(a, i, last) && *last < hi)
			return *cue = i, true;
	return false;
}

/* The speaker of the cue at cue..last within lo..hi: left of it, or right
 * of it for "according to" and, when inverted, "said Trump". */
static struct who by_cue(const struct cd_attrib *a, size_t lo, size_t hi,
			 size_t cue, size_t last, bool inverted)
{
	struct who w = { 0 };

	if (last > cue)
		w = subject_right(a, last, hi);
	else if (participle(a, cue))
		w = sentence_subject(a, cue);
	/* a cue of two words names its speaker after it ("according to
	 * Politifact"), else before it ("Trump went on") */
	if (w.kind == W_NONE)
		w = subject_left(a, lo, cue);
	if (w.kind == W_NONE && inverted && last == cue)
		w = subject_right(a, last, hi);
	if (w.kind != W_NONE)
		w.has_cue = true, w.cue = cue, w.cue1 = last;
	return w;
}

/* The first token of the words before quotation token t0 that may hold
 * its attribution: back to the sentence start, the paragraph start or
 * the previous quotation. */
static size_t span_before(const struct cd_attrib *a, size_t t0)
{
	size_t lo = t0;

	while (lo > 0 && t0 - lo < 40 && a->t[lo - 1].type != T_QUOTE
	       && a->t[lo - 1].para == a->t[t0].para && !a->t[lo - 1].send)
		lo--;
	return lo;
}

/* One past the last token after quotation token t that may hold its
 * attribution: to the end of the sentence after it, the paragraph end or
 * the next quotation. */
static size_t span_after(const struct cd_attrib *a, size_t t)
{
	size_t hi;

	for (hi = t + 1; hi < a->nt && hi - t <= 30; hi++) {
		if (a->t[hi].type == T_QUOTE || a->t[hi].para != a->t[t].para)
			break;
		if (a->t[hi].send)
			return hi + 1;
	}
	return hi;
}

/* The speaker named in the words lo..t0-1 before a quotation: "X said:",
 * "X said," "X said that", "said X:", or a colon introduction "X:". */
static struct who from_before(const struct cd_attrib *a, size_t lo,
			      size_t t0)
{
	size_t j = t0, cue, last;
	struct who w;

	while (j > lo && (punct(a, j - 1, ',') || punct(a, j - 1, ':')
			  || word_is(a, j - 1, "that")))
		j--;
	if (j > lo && is_cue(a, j - 1, &last) && last == j - 1)
		return by_cue(a, lo, t0, j - 1, last, true);
	if (j > lo && j >= 2 && is_cue(a, j - 2, &last) && last == j - 1)
		return by_cue(a, lo, t0, j - 2, last, true);
	if (t0 > lo && punct(a, t0 - 1, ':')) {
		if (find_cue(a, lo, t0, true, &cue, &last))
			return by_cue(a, lo, t0, cue, last, false);
		/* "Sen. Claire McCaskill (D-Mo.) scolded him:" */
		w = sentence_subject(a, t0 - 1);
		if (w.kind == W_NAME)
			w.m1 = extend_right(a, w.m1, t0 - 1);
		if (w.kind == W_NONE && t0 >= lo + 2)
			w = mention_at(a, lo, t0 - 2);
		return w;
	}
	return who_make(W_NONE, 0, 0);
}

/* The speaker named after quotation token t: "..., Trump said",
 * "..., said Caddell", "... according to Politifact". */
static struct who from_after(const struct cd_attrib *a, size_t t)
{
	size_t lo = t + 1, hi = span_after(a, t), cue, last;
	size_t reach = a->t[t].send ? 4 : 16;

	if (lo < hi && a->t[lo].type == T_PUNCT && (a->t[lo].ch == 0x2015
	    || a->t[lo].ch == 0x2014 || a->t[lo].ch == 0x2013
	    || a->t[lo].ch == '-') && lo + 1 < hi && a->t[lo + 1].rlast) {
		/* a signature: “...” ― Krystal Correa */
		struct who w = mention_at(a, lo + 1, a->t[lo + 1].rlast - 1);

		if (w.kind == W_NAME)
			return w;
	}
	if (a->text[a->qf.p[a->t[t].piece].end - 1] == ',')
		reach = 30;
	if (!find_cue(a, lo, hi, false, &cue, &last) || cue - lo >= reach)
		return who_make(W_NONE, 0, 0);
	/* "..., said Caddell", but not "... but emphasized that Putin" */
	return by_cue(a, lo, hi, cue, last,
		      cue == lo || (cue == lo + 1 && punct(a, lo, ',')));
}

/* Give quotation q the speaker of mention w. */
static void set_who(struct cd_attrib *a, struct cd_qattr *q,
		    const struct who *w)
{
	const struct cd_tok *m = &a->t[w->h];
	size_t e = 0;
	char g;

	if (w->has_cue) {
		q->has_cue = true;
		q->cue_start = a->t[w->cue].s;
		q->cue_end = a->t[w->cue1].e;
	}
	q->has_mention = true;
	q->men_start = a->t[w->m0].s;
	q->men_end = a->t[w->m1].e;
	if (w->kind == W_NAME && m->ent)
		e = ent_canon(a, m->ent - 1) + 1;
	else if (w->kind == W_PRON && (g = subj_pron(a, m))
		 && (g == 'm' || g == 'f'))
		e = resolve_pron(a, w->h, g);
	else if (w->kind == W_ROLE && tok_role(a, m))
		e = resolve_role(a, w->m0, tok_role(a, m));
	if (!e)
		return;
	q->has_speaker = true;
	q->spk = a->pool.len;
	q->spklen = a->e[e - 1].ne - a->e[e - 1].ns;
	cd_buf_add(&a->pool, a->text + a->e[e - 1].ns, q->spklen);
}

/* Copy the speaker and mention of quotation from into q (no cue: the
 * cue was said of the other quotation). */
static void inherit(struct cd_qattr *q, const struct cd_qattr *from)
{
	q->has_speaker = from->has_speaker;
	q->spk = from->spk, q->spklen = from->spklen;
	q->has_mention = from->has_mention;
	q->men_start = from->men_start, q->men_end = from->men_end;
}

/* True when text[lo..hi) ends with a comma, perhaps before the closing
 * marks of a quotation inside it: “He said, ‘no,’” ... */
static bool ends_with_comma(const char *s, size_t lo, size_t hi)
{
	while (hi > lo && (s[hi - 1] == '\'' || s[hi - 1] == '"'
			   || (hi - lo >= 3 && (unsigned char)s[hi - 3] == 0xE2
			       && (unsigned char)s[hi - 2] == 0x80
			       && ((unsigned char)s[hi - 1] == 0x99
				   || (unsigned char)s[hi - 1] == 0x9D))))
		hi -= (unsigned char)s[hi - 1] >= 0x80 ? 3 : 1;
	return hi > lo && s[hi - 1] == ',';
}

/* True when quotation q ends with a comma and its sentence goes on
 * after it: “…,” an angry Hollande retaliated.  Someone is said to have
 * said it there, even if the words do not tell who. */
static bool said_after(const struct cd_attrib *a, const struct cd_qattr *q)
{
	const struct cd_qpiece *p = &a->qf.p[q->piece + q->npieces - 1];
	size_t t = a->pmap[q->piece + q->npieces - 1];

	return ends_with_comma(a->text, p->start, p->end) && t + 1 < a->nt
	       && a->t[t + 1].type == T_WORD && !a->t[t].send
	       && a->t[t + 1].para == a->t[t].para;
}

/* The speaker of the sentence just before a quotation that opens a
 * sentence of its own, when that sentence reports what a named person
 * said: Oyelaran said the union had waited. “We ...” */
static struct who said_before(const struct cd_attrib *a, size_t t0)
{
	size_t lo, cue, last;
	struct who w;

	if (!a->t[t0 - 1].send || a->t[t0 - 1].type == T_QUOTE)
		return who_make(W_NONE, 0, 0);
	lo = span_before(a, t0 - 1);
	if (!find_cue(a, lo, t0 - 1, false, &cue, &last))
		return who_make(W_NONE, 0, 0);
	w = by_cue(a, lo, t0 - 1, cue, last, false);
	return w.kind == W_NAME ? w : who_make(W_NONE, 0, 0);
}

/* A quotation with no attribution of its own continues
 * the previous one of its sentence, or, opening its paragraph, the
 * speaker introduced by a colon or quoted in the previous paragraph. */
static void continuation(struct cd_attrib *a, size_t qi, size_t t0)
{
	struct cd_qattr *q = &a->q[qi], *pv = qi ? &a->q[qi - 1] : NULL;
	size_t pt = pv ? a->pmap[pv->piece + pv->npieces - 1] : 0;
	struct who w;

	if (q->kind == CD_QK_HEADLINE)
		return;		/* a headline or subheading says it alone */

	if (pv && a->t[pt].para == a->t[t0].para) {
		inherit(q, pv);
		return;
	}
	if (t0 > 0 && a->t[t0 - 1].para == a->t[t0].para) {
		w = said_before(a, t0);
		if (w.kind != W_NONE && !said_after(a, q))
			set_who(a, q, &w);
		return;
	}
	if (t0 > 0 && punct(a, t0 - 1, ':')) {
		w = from_before(a, span_before(a, t0 - 1), t0);
		if (w.kind != W_NONE) {
			set_who(a, q, &w);
			return;
		}
	}
	if (pv && a->t[pt].para + 1 == a->t[t0].para && !said_after(a, q))
		inherit(q, pv);
}

/* Attribute quotation qi, trying in order: the words just before it, the
 * words just after it (and after its last piece), any cue before it in
 * its sentence, a headline's "Name:", then the continuation rules. */
static void attribute(struct cd_attrib *a, size_t qi)
{
	struct cd_qattr *q = &a->q[qi];
	size_t t0 = a->pmap[q->piece];
	size_t t1 = a->pmap[q->piece + q->npieces - 1];
	size_t lo = span_before(a, t0), cue, last, hi;
	struct who w = from_before(a, lo, t0);

	if (w.kind == W_NONE)
		w = from_after(a, t0);
	if (w.kind == W_NONE && t1 != t0)
		w = from_after(a, t1);
	/* any cue before it in its sentence, the nearest that names
	 * someone: "Trump says ... during the call — “...”" */
	for (hi = t0; w.kind == W_NONE && find_cue(a, lo, hi, true, &cue,
						   &last); hi = cue)
		w = by_cue(a, lo, t0, cue, last, false);
	/* a headline "Sanders: Clinton needs to ‘get away from it’" */
	if (w.kind == W_NONE && q->kind == CD_QK_HEADLINE && a->t[lo].rlast
	    && punct(a, a->t[lo].rlast, ':') && a->t[a->t[lo].rlast - 1].ent)
		w = mention_at(a, lo, a->t[lo].rlast - 1);
	if (w.kind != W_NONE)
		set_who(a, q, &w);
	else
		continuation(a, qi, t0);
}

/* True when pieces i and i + 1 are one utterance interrupted by its
 * attribution: “A,” he said, “B.” */
static bool interrupted(const struct cd_attrib *a, size_t i)
{
	const struct cd_qpiece *p = &a->qf.p[i], *n = p + 1;
	size_t ti = a->pmap[i], tj = a->pmap[i + 1], k, cue, last;

	if (p->para != n->para || p->cont || p->close == p->end || p->single
	    || n->single || !ends_with_comma(a->text, p->start, p->end))
		return false;
	if (tj - ti < 2 || tj - ti > 45)
		return false;
	for (k = ti + 1; k + 1 < tj; k++)
		if (a->t[k].send)
			return false;
	/* the second piece must go on from the attribution (“A,” he
	 * said, “B”), not be worked into it (he said he was “B”) */
	if (!punct(a, tj - 1, ',') && !punct(a, tj - 1, ':')
	    && !punct(a, tj - 1, '.') && !is_cue(a, tj - 1, &last))
		return false;
	/* one attribution between them: "X said, suggesting ..., “B”"
	 * introduces something else */
	if (!find_cue(a, ti + 1, tj, false, &cue, &last) || participle(a, cue))
		return false;	/* "she said, adding, “B”": a new one */
	return !find_cue(a, last + 1, tj, false, &k, &last);
}

/* True when paragraph text s[lo..hi) reads like a headline: no closing
 * full stop, or most of its longer words capitalised. */
static bool headline_like(const char *s, size_t lo, size_t hi)
{
	size_t i, words = 0, caps = 0, n;
	char c;

	while (hi > lo && (strchr(" \t\r\"'", s[hi - 1])
			   || (hi - lo >= 3 && (unsigned char)s[hi - 3] == 0xE2
			       && (unsigned char)s[hi - 2] == 0x80)))
		hi -= (unsigned char)s[hi - 1] >= 0x80 ? 3 : 1;
	if (hi <= lo)
		return false;
	c = s[hi - 1];
	if (c != '.' && c != '?' && c != '!')
		return true;
	for (i = lo; i < hi; i = n) {
		for (n = i; n < hi && s[n] != ' '; n++)
			;
		if (n - i >= 4 && i > lo) {
			words++;
			caps += s[i] >= 'A' && s[i] <= 'Z';
		}
		while (n < hi && s[n] == ' ')
			n++;
	}
	return words >= 3 && caps * 10 >= words * 6;
}

/* How many leading paragraphs are headlines: the title, or short
 * headline-like lines before the first body paragraph. */
static size_t headlines(struct cd_attrib *a, bool title_first)
{
	size_t i = 0, lo, hi, nh = 0, p = 0;
	const char *nl;

	if (title_first) {
		nl = memchr(a->text, '\n', a->len);
		a->hl[0][0] = 0;
		a->hl[0][1] = nl ? (size_t)(nl - a->text) : a->len;
		return 1;
	}
	while (i < a->len && p < 3) {
		nl = memchr(a->text + i, '\n', a->len - i);
		lo = i;
		hi = nl ? (size_t)(nl - a->text) : a->len;
		i = hi + 1;
		while (lo < hi && blank_byte((unsigned char)a->text[lo]))
			lo++;
		if (lo == hi)
			continue;
		if (!nl || hi - lo > 200 || !headline_like(a->text, lo, hi))
			break;
		a->hl[p][0] = lo, a->hl[p][1] = hi;
		nh = ++p;
	}
	return nh;
}

/* Whether quotation q is a full quotation or a fragment of one worked
 * into the reporter's sentence. */
static enum cd_qkind kind_of(const struct cd_attrib *a,
			     const struct cd_qattr *q)
{
	const struct cd_qpiece *p = &a->qf.p[q->piece];
	const struct cd_qpiece *l = &a->qf.p[q->piece + q->npieces - 1];
	size_t t0 = a->pmap[q->piece], i, words = 1, n;
	const struct cd_tok *pv = t0 ? &a->t[t0 - 1] : NULL;
	char c = a->text[l->end - 1];

	if (!pv || pv->para != a->t[t0].para || pv->send)
		return CD_QK_QUOTE;
	if (pv->type == T_PUNCT && strchr(":,;(", (int)pv->ch)
	    && pv->ch != 0)
		return CD_QK_QUOTE;
	if (pv->type == T_PUNCT && (pv->ch == 0x2014 || pv->ch == 0x2013))
		return CD_QK_QUOTE;
	if (cp_at(a->text, a->len, p->start, &n) < 0x80
	    && a->text[p->start] >= 'a' && a->text[p->start] <= 'z')
		return CD_QK_FRAGMENT;
	for (i = p->start; i < l->end; i++)
		words += a->text[i] == ' ';
	if (words < 4 || (c != '.' && c != '?' && c != '!' && c != ','))
		return CD_QK_FRAGMENT;
	return CD_QK_QUOTE;
}

/* True when the paragraph of quotation q repeats a headline paragraph
 * (pages often print the headline again). */
static bool repeats_headline(const struct cd_attrib *a,
			     const struct cd_qattr *q, size_t nhead)
{
	const struct cd_qpiece *p = &a->qf.p[q->piece];
	const char *nl = memchr(a->text + p->pstart, '\n', a->len - p->pstart);
	size_t lo = p->pstart, hi = nl ? (size_t)(nl - a->text) : a->len, k;

	while (lo < hi && blank_byte((unsigned char)a->text[lo]))
		lo++;
	while (hi > lo && blank_byte((unsigned char)a->text[hi - 1]))
		hi--;
	for (k = 0; k < nhead; k++)
		if (a->hl[k][1] - a->hl[k][0] == hi - lo
		    && !memcmp(a->text + lo, a->text + a->hl[k][0], hi - lo))
			return true;
	return false;
}

/* True when quotation q is a paragraph of its own in single marks:
 * a subheading ('Legend in the Coal Fields.'), not a statement. */
static bool subheading(const struct cd_attrib *a, const struct cd_qattr *q)
{
	const struct cd_qpiece *p = &a->qf.p[q->piece];
	size_t t = a->pmap[q->piece];

	if (!p->single || q->npieces != 1)
		return false;
	if (t > 0 && a->t[t - 1].para == a->t[t].para)
		return false;
	return t + 1 >= a->nt || a->t[t + 1].para != a->t[t].para
	       || (a->t[t + 1].type == T_PUNCT && (t + 2 >= a->nt
		   || a->t[t + 2].para != a->t[t].para));
}

/* Join the pieces into quotations. */
static void group(struct cd_attrib *a, size_t nhead)
{
	size_t k;
	struct cd_qattr *q;

	for (k = 0; k < a->qf.n; k++) {
		if (k > 0 && (a->qf.p[k].contd || interrupted(a, k - 1))) {
			a->q[a->nq - 1].npieces++;
			a->q[a->nq - 1].end = a->qf.p[k].end;
			continue;
		}
		a->q = cd_xgrow(a->q, &a->qcap, a->nq + 1, sizeof(*a->q));
		q = &a->q[a->nq++];
		memset(q, 0, sizeof(*q));
		q->piece = k, q->npieces = 1;
		q->start = a->qf.p[k].start, q->end = a->qf.p[k].end;
		q->para = a->qf.p[k].para + 1;
		q->kind = a->qf.p[k].para < nhead ? CD_QK_HEADLINE
			  : CD_QK_QUOTE;
	}
	for (k = 0; k < a->nq; k++)
		if (a->q[k].kind != CD_QK_HEADLINE)
			a->q[k].kind = repeats_headline(a, &a->q[k], nhead)
				       || subheading(a, &a->q[k])
				       ? CD_QK_HEADLINE : kind_of(a, &a->q[k]);
}

/* The number of words in quotation q (spaces plus one). */
static size_t words(const struct cd_attrib *a, const struct cd_qattr *q)
{
	size_t i, n = 1;

	for (i = q->start; i < q->end; i++)
		n += a->text[i] == ' ';
	return n;
}

/* True when quotation q reads like the title of a work ("Face the
 * Nation", "American Skin (41 Shots)"): every longer word capitalised,
 * at most eight words, no sentence punctuation at its end. */
static bool title_of_work(const struct cd_attrib *a, const struct cd_qattr *q)
{
	const char *s = a->text;
	size_t i = q->start, n, nw = 0, end = q->end;
	char c = s[end - 1];

	/* American style puts the comma inside: on CBS's "Face the
	 * Nation," Ryan said */
	if (c == ',' || c == '.')
		end--;
	if (c == '?' || c == '!' || end <= q->start)
		return false;
	while (i < end) {
		while (i < end && s[i] == ' ')
			i++;
		for (n = i; n < end && s[n] != ' '; n++)
			;
		if (n > i && ++nw > 8)
			return false;
		if (n - i >= 4 && !(s[i] >= 'A' && s[i] <= 'Z')
		    && !(s[i] >= '0' && s[i] <= '9') && s[i] != '(')
			return false;
		i = n;
	}
	return nw > 0 && s[q->start] >= 'A' && s[q->start] <= 'Z';
}

/* True when s[lo..hi) holds n[0..len) folded to ASCII lower case. */
static bool holds_fold(const char *s, size_t lo, size_t hi, const char *n,
		       size_t len)
{
	size_t i;

	if (len == 0 || hi - lo < len)
		return false;
	for (i = lo; i + len <= hi; i++)
		if (eq_fold(s + i, n, len))
			return true;
	return false;
}

/* A headline quotation nobody is said to have said takes the speaker of
 * the body quotation it repeats: “The ground is still moving” in the
 * headline is Brekke's “The ground is still moving, and ...”. */
static void headline_source(struct cd_attrib *a, struct cd_qattr *q)
{
	size_t i;

	for (i = 0; i < a->nq; i++) {
		const struct cd_qattr *b = &a->q[i];

		if (b->kind == CD_QK_HEADLINE || !b->has_speaker
		    || !holds_fold(a->text, b->start, b->end,
				   a->text + q->start, q->end - q->start))
			continue;
		inherit(q, b);
		return;
	}
}

/* Drop the fragments and headline quotations with no speaker or
 * mention: quoted words, not quotations. */
static void drop_unsaid(struct cd_attrib *a)
{
	size_t i, n = 0;

	for (i = 0; i < a->nq; i++) {
		struct cd_qattr *q = &a->q[i];

		/* a short headline quotation ("A Disgrace") is a label,
		 * not a statement, unless the headline says who said it */
		if (q->kind == CD_QK_HEADLINE && !q->has_speaker
		    && !q->has_mention && words(a, q) >= 4)
			headline_source(a, q);
		if (q->kind == CD_QK_FRAGMENT && title_of_work(a, q))
			continue;
		if (q->has_speaker || q->has_mention
		    || (q->kind == CD_QK_QUOTE && words(a, q) >= 3))
			a->q[n++] = *q;
	}
	a->nq = n;
}

void cd_attrib_init(struct cd_attrib *a, const struct cd_lex *lex)
{
	memset(a, 0, sizeof(*a));
	a->lex = lex;
	cd_qfind_init(&a->qf);
	cd_buf_init(&a->pool);
}

void cd_attrib_release(struct cd_attrib *a)
{
	cd_qfind_release(&a->qf);
	cd_buf_release(&a->pool);
	free(a->q);
	free(a->t);
	free(a->e);
	free(a->subj);
	free(a->pmap);
	free(a->etab);
	cd_attrib_init(a, a->lex);
}

size_t cd_attrib_text(struct cd_attrib *a, const char *text, size_t len,
		      bool title_first)
{
	size_t k;

	a->text = text, a->len = len;
	a->nq = a->nt = a->ne = 0;
	cd_buf_reset(&a->pool);
	if (a->etcap)
		memset(a->etab, 0, a->etcap * sizeof(*a->etab));
	if (cd_quote_find(&a->qf, text, len) == 0)
		return 0;
	a->pmap = cd_xgrow(a->pmap, &a->pmcap, a->qf.n, sizeof(*a->pmap));
	tokenize(a);
	sentences(a);
	names(a);
	subjects(a);
	group(a, headlines(a, title_first));
	for (k = 0; k < a->nq; k++)
		attribute(a, k);
	if (!a->keep_all)
		drop_unsaid(a);
	return a->nq;
}

void cd_attrib_quote_text(const struct cd_attrib *a, size_t qi,
			  struct cd_buf *out)
{
	const struct cd_qattr *q = &a->q[qi];
	const struct cd_qpiece *p = &a->qf.p[q->piece], *pv;
	size_t k;

	for (k = 0; k < q->npieces; k++, p++) {
		if (k > 0) {
			pv = p - 1;
			cd_buf_add(out, a->text + pv->end, pv->close - pv->end);
			cd_buf_adds(out, " \xE2\x80\xA6 ");
			cd_buf_add(out, a->text + p->open, p->start - p->open);
		}
		cd_buf_add(out, a->text + p->start, p->end - p->start);
	}
}

int cd_lex_load_installed(struct cd_lex *lex, char *err, size_t errlen)
{
	static const struct { const char *name; enum cd_lexfile kind; } f[] = {
		{ "cue-verbs.txt", CD_LEXF_CUES },
		{ "titles.txt", CD_LEXF_TITLES },
		{ "role-nouns.txt", CD_LEXF_ROLES },
		{ "pronouns.txt", CD_LEXF_PRONOUNS },
		{ "first-names.txt", CD_LEXF_NAMES },
		{ "quote-words.txt", CD_LEXF_WORDS }
	};
	char why[256];
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		char *path = cd_data_path(f[i].name);
		int st = cd_lex_load(lex, path, f[i].kind, why, sizeof(why));

		if (st < 0)
			snprintf(err, errlen, "%s: %s", path, why);
		free(path);
		if (st < 0)
			return -1;
	}
	return 0;
}
