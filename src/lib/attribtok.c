/*
 * attribtok.c - the tokens, sentences and names of a document, and the
 * subject of each sentence, for the attribution in attrib.c (see
 * attrib.h and attrib_int.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "attrib_int.h"
#include "bytes.h"
#include "text.h"
#include "uchar.h"

/* True for the bytes a blank line may hold (as quote.c's paragraphs). */
bool cd_at_blank_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0xA0;
}

/* The last byte of text[lo..hi) before any closing marks of a
 * quotation inside it (“He said, ‘no,’” gives ','), or 0 when empty. */
char cd_at_last_before_marks(const char *s, size_t lo, size_t hi)
{
	while (hi > lo && (s[hi - 1] == '\'' || s[hi - 1] == '"'
			   || (hi - lo >= 3 && (unsigned char)s[hi - 3] == 0xE2
			       && (unsigned char)s[hi - 2] == 0x80
			       && ((unsigned char)s[hi - 1] == 0x99
				   || (unsigned char)s[hi - 1] == 0x9D))))
		hi -= (unsigned char)s[hi - 1] >= 0x80 ? 3 : 1;
	return hi > lo ? s[hi - 1] : 0;
}

/* Decode the code point at s[i] (len bounded), storing its length. */
uint32_t cd_at_cp_at(const char *s, size_t len, size_t i, size_t *n)
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

/* True for an ASCII letter or digit (a table: the tokenizer asks for
 * every byte of the words). */
static bool ascii_alnum(unsigned char b)
{
#define ONES10 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define ONES26 ONES10, ONES10, 1, 1, 1, 1, 1, 1
	static const unsigned char alnum[256] = {
		['0'] = ONES10, ['A'] = ONES26, ['a'] = ONES26
	};
#undef ONES10
#undef ONES26

	return alnum[b];
}

/* True for white space, typographic spaces included. */
static bool cp_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0
	       || (c >= 0x2000 && c <= 0x200B) || c == 0x202F
	       || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* Add a token and return it, zeroed but for its span and paragraph. */
static inline struct cd_tok *tok_add(struct cd_attrib *a, int type,
				     size_t s, size_t e, size_t para)
{
	struct cd_tok *t;

	if (a->nt >= a->tcap)
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

		/* ASCII letters and digits first: most of the text, sixteen
		 * bytes at a time (a loop over a word's bytes mispredicts
		 * its end) */
		if (i + 16 <= len) {
			cd_b16 v = cd_b16_load(s + i);
			unsigned other = ~cd_b16_alnum(v);

			if (!(other & 0xFFFF)) {
				i += 16;
				continue;
			}
			i += (size_t)__builtin_ctz(other);
			b = (unsigned char)s[i];
		} else if (ascii_alnum(b)) {
			for (i++; i < len && ascii_alnum((unsigned char)s[i]);
			     i++)
				;
			continue;
		}
		if (b < 0x80)
			c = b, n = 1;
		else
			c = cd_at_cp_at(s, len, i, &n);
		if (b >= 0x80 && cd_cp_word(c)) {
			i += n;
			continue;
		}
		if (c != '\'' && c != 0x2019 && c != '-' && c != '.'
		    && c != 0x2010)
			break;
		if (i + n >= len)
			break;
		d = cd_at_cp_at(s, len, i + n, &m);
		if (!cd_cp_word(d) || (c == '.' && !(d >= 'A' && d <= 'z')))
			break;
		i += n;
	}
	return i;
}

/* The class of w[0..len) in abbreviations.txt (segment.h), case
 * mattering: "Feb." and "Sen." keep their full stops, "ill." does not. */
static int seg_class(const struct cd_attrib *a, const char *w, size_t len)
{
	int c = cd_segment_class(a->lex->seg, w, len);

	return c == CD_SEG_STARTER ? CD_SEG_NONE : c;
}

/* True when word token t is a listed abbreviation, which names nobody:
 * "U.S.", "Jan.", "Calif." (not a title, "Sen.", nor initials, "J.K."). */
static bool abbrev(const struct cd_attrib *a, const struct cd_tok *t)
{
	return t->e - t->s > 1 && a->text[t->e - 1] == '.'
	       && seg_class(a, a->text + t->s, t->e - t->s) == CD_SEG_ABBR;
}

/* True when token i is a listed abbreviation after a comma: the state
 * of "Fresno, Calif.". */
static bool place_after_comma(const struct cd_attrib *a, size_t i)
{
	return i > 0 && a->t[i - 1].type == T_PUNCT && a->t[i - 1].ch == ','
	       && abbrev(a, &a->t[i]);
}

/* Fill in a word token's lexicon entry, capital, possessive and final
 * full stop; returns the offset just past the token. */
static size_t word_finish(struct cd_attrib *a, struct cd_tok *t)
{
	const char *s = a->text;
	size_t len = a->len, wl = t->e - t->s, n, end = t->e;
	const struct lexent *dot, *lx;
	unsigned char b = (unsigned char)s[t->s];

	t->cap = b < 0x80 ? (b >= 'A' && b <= 'Z')
		 : cd_cp_upper(cd_at_cp_at(s, len, t->s, &n));
	if (wl > 2 && s[t->e - 2] == '\'' && (s[t->e - 1] | 0x20) == 's')
		t->poss = true, t->e -= 2;
	else if (wl > 4 && (s[t->e - 1] | 0x20) == 's'
		 && !memcmp(s + t->e - 4, "\xE2\x80\x99", 3))
		t->poss = true, t->e -= 4;
	if (!t->poss && end < len && s[end] == '.' && wl < LX_MAXKEY) {
		dot = cd_lex_get_in(a->lex, s + t->s, wl + 1, s + len);
		if (wl == 1 || memchr(s + t->s, '.', wl)
		    || (dot && (dot->flags & LX_TITLE))
		    || seg_class(a, s + t->s, wl + 1) != CD_SEG_NONE)
			t->e = ++end;
	}
	/* numbers are in no word list */
	lx = s[t->s] >= '0' && s[t->s] <= '9' ? NULL
	     : cd_lex_get_in(a->lex, s + t->s, t->e - t->s, s + len);
	t->lx = lx ? (uint32_t)(lx - a->lex->e) + 1 : 0;
	t->flags = lx ? lx->flags : 0;
	/* a title of the splitter's list ("Fr.", "Msgr.") is one here */
	if (end > t->s + 1 && s[end - 1] == '.'
	    && seg_class(a, s + t->s, end - t->s) == CD_SEG_TITLE)
		t->flags |= LX_TITLE;
	return end;
}

/* Split the text into tokens; quoted pieces become one token each. */
void cd_at_tokenize(struct cd_attrib *a)
{
	const char *s = a->text;
	size_t len = a->len, i = 0, k = 0, n, para = 0, soft = 0;
	size_t open = a->qf.n ? a->qf.p[0].open : SIZE_MAX;
	bool content = false;
	struct cd_tok *t;
	uint32_t c;

	while (i < len || k < a->qf.n) {
		/* every piece becomes a token, even one whose mark a word
		 * swallowed: pmap must cover them all (open: where the
		 * next one starts) */
		if (i >= open) {
			const struct cd_qpiece *p = &a->qf.p[k];

			t = tok_add(a, T_QUOTE, p->open, p->close, p->para);
			t->piece = k;
			a->pmap[k++] = a->nt - 1;
			open = k < a->qf.n ? a->qf.p[k].open : SIZE_MAX;
			if (i < t->e)
				i = t->e;
			content = true;
			continue;
		}
		/* most of the text: spaces and ASCII words, taken as below
		 * (soft only matters at a line break, caught up there) */
		if (s[i] == ' ') {
			i++;
			continue;
		}
		if (ascii_alnum((unsigned char)s[i])) {
			content = true;
			t = tok_add(a, T_WORD, i, word_end(s, len, i), para);
			i = word_finish(a, t);
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
		if (!cd_at_blank_byte((unsigned char)s[i]))
			content = true;
		c = cd_at_cp_at(s, len, i, &n);
		if (cp_space(c)) {
			i += n;
			continue;
		}
		if (cd_cp_word(c)) {
			t = tok_add(a, T_WORD, i, word_end(s, len, i), para);
			i = word_finish(a, t);
			continue;
		}
		t = tok_add(a, T_PUNCT, i, i + n, para);
		t->ch = c;
		i += n;
	}
}

/* True when token t is a mark that ends sentences: . ? ! or an ellipsis. */
static bool stop_mark(const struct cd_tok *t)
{
	return t->type == T_PUNCT && (t->ch == '.' || t->ch == '?'
				      || t->ch == '!' || t->ch == 0x2026);
}

/* Does a sentence end after token i (not the last of its paragraph)?
 * The sentence splitter's rule (cd_segment_ends_at) read at the mark
 * run ending token i: a run of marks, a word with the full stop of an
 * abbreviation ("in the U.S. The"), or a quoted piece whose text ends
 * in one ("“We agree.” He"); from is where the sentence starts. */
static bool ends_after(const struct cd_attrib *a, size_t i, size_t from)
{
	const struct cd_tok *t = &a->t[i];
	size_t at, after, k = i;
	char c;

	if (stop_mark(t)) {
		if (i + 1 < a->nt && stop_mark(&a->t[i + 1])
		    && a->t[i + 1].s == t->e)
			return false;	/* the run goes on */
		while (k > 0 && stop_mark(&a->t[k - 1])
		       && a->t[k - 1].e == a->t[k].s)
			k--;
		at = a->t[k].s;
	} else if (t->type == T_WORD && a->text[t->e - 1] == '.') {
		at = t->e - 1;
	} else if (t->type == T_QUOTE) {
		const struct cd_qpiece *p = &a->qf.p[t->piece];

		c = a->text[p->end - 1];
		if (c != '.' && c != '?' && c != '!')
			return false;
		at = p->end - 1;
	} else {
		return false;
	}
	return cd_segment_ends_at(a->lex->seg, a->text, from, at, a->len,
				  &after);
}

/* Mark sentence ends and number the sentences. */
void cd_at_sentences(struct cd_attrib *a)
{
	size_t i, sent = 0, from = 0;

	for (i = 0; i < a->nt; i++) {
		struct cd_tok *t = &a->t[i];
		const struct cd_tok *nx = i + 1 < a->nt ? t + 1 : NULL;

		t->sent = sent;
		t->send = !nx || nx->para != t->para || ends_after(a, i, from);
		if (t->send)
			from = t->e;
		sent += t->send;
	}
	a->nsent = sent + 1;
}

/* True when token i is the word w (lower case). */
bool cd_at_word_is(const struct cd_attrib *a, size_t i, const char *w)
{
	size_t n = strlen(w);

	return a->t[i].type == T_WORD && a->t[i].e - a->t[i].s == n
	       && cd_text_ieq(a->text + a->t[i].s, w, n);
}

bool cd_at_word_in(const struct cd_attrib *a, size_t i,
		   const char *const *list, size_t k)
{
	return a->t[i].type == T_WORD &&
	       cd_text_word_in(a->text + a->t[i].s, a->t[i].e - a->t[i].s,
			       list, k);
}

/* ---- names ---------------------------------------------------------- */

bool cd_at_party_state(const struct cd_attrib *a, size_t i)
{
	const struct cd_tok *t = &a->t[i];
	const char *w = a->text + t->s;

	return t->type == T_WORD && t->e - t->s >= 3
	       && (w[0] == 'R' || w[0] == 'D' || w[0] == 'I') && w[1] == '-'
	       && w[2] >= 'A' && w[2] <= 'Z';
}

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
	/* a cue verb opening its sentence is no name: "Said Anna Berg,
	 * ...", "Continued Stone:" */
	if ((t->flags & LX_CUE) && (i == 0 || a->t[i - 1].send
				    || a->t[i - 1].para != t->para))
		return false;
	/* "Judicial Watch", "Human Rights Watch"; not "Watch: ..." */
	if (t->flags & LX_TAIL)
		return i > 0 && a->t[i - 1].type == T_WORD && a->t[i - 1].cap
		       && a->t[i - 1].para == t->para
		       && !(a->t[i - 1].flags & (LX_STOP | LX_TAIL));
	/* a number is not a name, nor a party and state */
	return !(a->text[t->s] >= '0' && a->text[t->s] <= '9')
	       && !cd_at_party_state(a, i);
}

/* The hash identifying token t's word. */
static uint64_t tok_hash(const struct cd_attrib *a, const struct cd_tok *t)
{
	return cd_lex_hash_fold(a->text + t->s, t->e - t->s);
}

/* The entity with this id, created when missing. */
static size_t ent_get(struct cd_attrib *a, uint64_t id, bool full)
{
	size_t j = cd_hmap_slot(&a->etab, id ? id : 1);

	if (a->etab.keys[j])
		return a->etab.vals[j];
	a->e = cd_xgrow(a->e, &a->ecap, a->ne + 1, sizeof(*a->e));
	memset(&a->e[a->ne], 0, sizeof(*a->e));
	a->e[a->ne].id = id;
	a->e[a->ne].key = id;
	a->e[a->ne].full = full;
	cd_hmap_set(&a->etab, j, id ? id : 1, (uint32_t)a->ne);
	return a->ne++;
}

/* The entity a mention of entity e stands for (a surname alone stands for
 * its best full name). */
size_t cd_at_ent_canon(const struct cd_attrib *a, size_t e)
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
size_t cd_at_tok_role(const struct cd_attrib *a, const struct cd_tok *t)
{
	const struct lexent *lx = cd_at_tok_lx(a, t);

	if (!lx || !(t->flags & (LX_TITLE | LX_ROLE)))
		return 0;
	return lx->role ? lx->role : t->lx;
}

bool cd_at_one_another(const struct cd_attrib *a, size_t i)
{
	return cd_at_word_is(a, i, "one") || cd_at_word_is(a, i, "another");
}

/* True when token i, a verb in no -ing form, follows "one" or "another"
 * opening a clause: "“...,” one said", "Another added", not "postings
 * that included one saying". */
static bool one_said(const struct cd_attrib *a, size_t i)
{
	if (i < 1 || !cd_at_one_another(a, i - 1) || cd_aw_participle(a, i))
		return false;
	/* "No one said", "Not one said" deny that anyone spoke */
	if (i >= 2 && (cd_at_word_is(a, i - 2, "no")
		       || cd_at_word_is(a, i - 2, "not")))
		return false;
	return i < 2 || a->t[i - 2].type != T_WORD || a->t[i - 2].cap;
}

/* Whether token i starts a cue: a one-word cue, or the first word of a
 * two-word one ("according to"); *last gets the cue's last token. */
bool cd_at_is_cue(const struct cd_attrib *a, size_t i, size_t *last)
{
	const struct cd_tok *t = &a->t[i];
	char key[2 * LX_MAXKEY + 2];
	size_t l1, l2;

	/* a capital only at the start of a sentence: "According to" */
	if (t->type != T_WORD || (t->cap && i > 0 && !a->t[i - 1].send))
		return false;
	/* "the call", "his remarks": a noun, not a verb; but "“...,” one
	 * said", "Yet another added" */
	if (i > 0 && (a->t[i - 1].flags & LX_DET) && !a->t[i - 1].cap
	    && a->t[i - 1].type == T_WORD && !one_said(a, i))
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
	if (!cd_lex_get(a->lex, key, l1 + 1 + l2))
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

		if (cd_at_is_cue(a, k, &last))
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
	if (n0 > r1 || abbrev(a, &a->t[r1]))
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
		a->e[e].gender = cd_at_tok_lx(a, &a->t[n0])->fgender == 'x'
				 ? 0 : cd_at_tok_lx(a, &a->t[n0])->fgender;
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
	size_t e = cd_at_ent_canon(a, a->t[r].ent - 1), k, r0 = a->t[r].run0, role;

	for (k = r0; k < a->t[r].n0 && k <= r; k++)
		if ((role = cd_at_tok_role(a, &a->t[k])))
			ent_role(a, e, role);
	if (r0 > 0 && !a->t[r0 - 1].cap && (role = cd_at_tok_role(a, &a->t[r0 - 1])))
		ent_role(a, e, role);
	/* "the authority's chief engineer, Anselm Rask," */
	if (r0 > 1 && a->t[r0 - 1].type == T_PUNCT && a->t[r0 - 1].ch == ','
	    && !a->t[r0 - 2].cap && (role = cd_at_tok_role(a, &a->t[r0 - 2])))
		ent_role(a, e, role);
	if (r + 1 >= a->nt || a->t[r + 1].type != T_PUNCT
	    || a->t[r + 1].ch != ',')
		return;
	for (k = r + 2; k < a->nt && k < r + 8; k++) {
		const struct cd_tok *t = &a->t[k];

		if (t->type != T_WORD)
			break;
		if (!t->cap && (role = cd_at_tok_role(a, t)) && k + 1 < a->nt
		    && (a->t[k + 1].type == T_PUNCT || cd_at_word_is(a, k + 1, "of")
			|| cd_at_word_is(a, k + 1, "at")
			|| cd_at_word_is(a, k + 1, "for"))) {
			ent_role(a, e, role);
			break;
		}
	}
}

/* Find the name runs and their entities, pick each surname's best full
 * name, then give the entities the roles said around their mentions. */
void cd_at_names(struct cd_attrib *a)
{
	size_t i, r0, e;

	for (i = 0; i < a->nt; i++) {
		if (!nameish(a, i))
			continue;
		r0 = i;
		/* a possessive ends a run, and so does a place after a
		 * comma: "Ostby, Calif. Nils Dahl said" names Nils Dahl
		 * ("Del. Ann Lee" may be a delegate) */
		while (i + 1 < a->nt && nameish(a, i + 1) && !a->t[i].poss
		       && !(i == r0 && place_after_comma(a, i))
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
char cd_at_subj_pron(const struct cd_attrib *a, const struct cd_tok *t)
{
	size_t n = t->e - t->s;

	if (t->type != T_WORD || !(t->flags & LX_PRON))
		return 0;
	if (n == 2 && cd_text_ieq(a->text + t->s, "he", 2))
		return 'm';
	if (n == 3 && cd_text_ieq(a->text + t->s, "she", 3))
		return 'f';
	if ((n == 4 && cd_text_ieq(a->text + t->s, "they", 4))
	    || (n == 2 && cd_text_ieq(a->text + t->s, "we", 2)))
		return 'p';
	if (n == 1 && cd_text_ieq(a->text + t->s, "i", 1))
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
bool cd_at_after_prep(const struct cd_attrib *a, size_t i)
{
	return i > 0 && a->t[i - 1].type == T_WORD
	       && (a->t[i - 1].flags & LX_PREP) && !a->t[i - 1].cap;
}

/* The entity (+ 1) a pronoun of gender g at token i means: the subject of
 * the nearest sentence before it whose subject fits, else the nearest
 * fitting person named just before it; 0 when there is none. */
size_t cd_at_resolve_pron(const struct cd_attrib *a, size_t i, char g)
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
			e = cd_at_ent_canon(a, a->t[k].ent - 1);
			if (fits(a, e, g))
				return e + 1;
		}
	return 0;
}

/* The person (+ 1) mention entity m stands for, when known by role r;
 * else 0. */
static size_t has_role(const struct cd_attrib *a, size_t m, size_t r)
{
	size_t e = cd_at_ent_canon(a, m), j;

	for (j = 0; j < a->e[e].nroles; j++)
		if (a->e[e].roles[j] == r)
			return e + 1;
	return 0;
}

/* The entity (+ 1) known by role r named last before token i, else
 * first in the sentences just after it; 0 when there is none. */
size_t cd_at_resolve_role(const struct cd_attrib *a, size_t i, size_t r)
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

/* The token of a person's name set off by a comma after the role noun
 * at token i, within its phrase ("One member of the board, Deputy
 * Governor Ann Lee, voted"), or 0: the name, not the role, is then the
 * subject. */
static size_t role_named_after(const struct cd_attrib *a, size_t i)
{
	size_t k, j;

	for (k = i + 1; k < a->nt && k <= i + 5 && a->t[k].sent == a->t[i].sent
	     && a->t[k].type == T_WORD; k++)
		;
	if (!cd_aw_punct(a, k, ','))
		return 0;
	for (j = k + 1; j < a->nt && j <= k + 4 && a->t[j].type == T_WORD
	     && a->t[j].cap; j++)
		if (a->t[j].ent && a->e[cd_at_ent_canon(a, a->t[j].ent - 1)].person)
			return j;
	return 0;
}

/* True when word token i opens a clause of time or condition that a
 * comma closes before its sentence's main clause: "When", "While",
 * "After", "Before", "If", "Although", "Because", "Since", "Until",
 * "Once" (a comma within 25 tokens, no quotation, cue or subject
 * pronoun before it: "When he returned he began by saying, “...”" is one
 * clause with no comma; no name right before it, no pronoun after it, a
 * name or subject pronoun later in the sentence). */
static bool fronted_clause(const struct cd_attrib *a, size_t i)
{
	static const char *const w[] = { "when", "while", "after", "before",
					 "if", "although", "though", "because",
					 "since", "until", "once", "whenever" };
	const struct cd_tok *t = &a->t[i];
	size_t k, l;

	/* (all of them stop words: most sentences are done at once) */
	if (!t->cap || !(t->flags & LX_STOP) ||
	    !cd_at_word_in(a, i, w, sizeof(w) / sizeof(w[0])))
		return false;
	for (k = i + 1; k < a->nt && k < i + 25 && a->t[k].sent == a->t[i].sent;
	     k++) {
		if (a->t[k].type == T_QUOTE || cd_at_is_cue(a, k, &l)
		    || (k > i + 1 && cd_at_subj_pron(a, &a->t[k])))
			return false;	/* a main clause with no comma */
		/* (not after a name: "When Ann Lee, the mayor, ..." may
		 * go on in an apposition; nor before a pronoun, which
		 * means the one named in the clause: "Although Lee had
		 * planned it, he ...") */
		if (a->t[k].type == T_PUNCT && a->t[k].ch == ',')
			break;
	}
	if (k >= a->nt || k >= i + 25 || a->t[k].sent != a->t[i].sent
	    || a->t[k - 1].ent || k + 1 >= a->nt
	    || cd_at_subj_pron(a, &a->t[k + 1]))
		return false;
	/* and only when the main clause names someone itself: in "When
	 * Dahl took over from Lund, the bank was losing money." the
	 * clause's names are the sentence's */
	for (k++; k < a->nt && a->t[k].sent == a->t[i].sent; k++)
		if (a->t[k].ent || cd_at_subj_pron(a, &a->t[k]))
			return true;
	return false;
}

/* Find each sentence's subject: its first person named or meant (he,
 * she, the spokesman) that does not follow a preposition or own
 * something.  A pronoun or role noun that names nobody known still is
 * the subject: the sentence has no known subject then, not the next
 * name in it ("The spokesman declined to say whom Cameron backs"),
 * unless that name is the role's, after a comma (role_named_after). */
void cd_at_subjects(struct cd_attrib *a)
{
	size_t i, s, done = SIZE_MAX, open_s = SIZE_MAX;
	char g;

	a->subj = cd_xgrow(a->subj, &a->scap, 2 * a->nsent, sizeof(*a->subj));
	memset(a->subj, 0, 2 * a->nsent * sizeof(*a->subj));
	for (i = 0; i < a->nt; i++) {
		const struct cd_tok *t = &a->t[i];

		s = t->sent;
		/* a clause of time or condition opening the sentence ("When
		 * Wallace died, Clinton said") holds no subject of it */
		if (s != open_s) {
			open_s = s;
			if (t->type == T_WORD && fronted_clause(a, i)) {
				while (i + 1 < a->nt && a->t[i + 1].sent == s
				       && !(a->t[i].type == T_PUNCT
					    && a->t[i].ch == ','))
					i++;
				continue;
			}
		}
		if (s == done || t->type != T_WORD)
			continue;
		if (t->ent && !t->poss && !cd_at_after_prep(a, t->run0)) {
			size_t e = cd_at_ent_canon(a, t->ent - 1);

			if (a->e[e].person) {
				a->subj[2 * s] = e + 1;
				a->subj[2 * s + 1] = i;
				done = s;
			}
		} else if ((g = cd_at_subj_pron(a, t)) && (g == 'm' || g == 'f')
			   && !cd_at_after_prep(a, i)) {
			a->subj[2 * s + 1] = i;
			a->subj[2 * s] = cd_at_resolve_pron(a, i, g);
			done = s;
		} else if (cd_at_tok_role(a, t) && i > 0 && !cd_at_after_prep(a, i - 1)
			   && (a->t[i - 1].flags & LX_DET)
			   && (t->cap ? t->rlast == i + 1 : !t->rlast)
			   && !(i + 1 < a->nt && a->t[i + 1].type == T_WORD
				&& a->t[i + 1].cap)) {
			/* "The president described ...": the latest
			 * president named */
			size_t j;

			a->subj[2 * s + 1] = i;
			a->subj[2 * s] = cd_at_resolve_role(a, i, cd_at_tok_role(a, t));
			if (!a->subj[2 * s] && (j = role_named_after(a, i))) {
				a->subj[2 * s] = cd_at_ent_canon(a, a->t[j].ent - 1) + 1;
				a->subj[2 * s + 1] = j;
			}
			done = s;
		}
	}
}
