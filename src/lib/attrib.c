/*
 * attrib.c - who said each quotation; see attrib.h.  The tokens, names
 * and sentence subjects it reads come from attribtok.c (attrib_int.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attrib_int.h"

const char *cd_qkind_name(enum cd_qkind k)
{
	return k == CD_QK_HEADLINE ? "headline"
	       : k == CD_QK_FRAGMENT ? "fragment" : "quote";
}

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
		   || cd_at_word_is(a, m - 1, "of"))) {
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
	if (cd_at_subj_pron(a, t))
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

/* True when token i ends in "ed" ("interjected"): a verb, mostly. */
static bool past_tense(const struct cd_attrib *a, size_t i)
{
	const struct cd_tok *t = &a->t[i];

	return t->e - t->s > 3 && !memcmp(a->text + t->e - 2, "ed", 2);
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
	if (cd_at_subj_pron(a, &a->t[j]))
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
	if (k > lo && cd_at_word_is(a, k - 1, "the"))
		k--;
	if (k >= lo + 2 && cd_at_word_is(a, k - 1, "of") && a->t[k - 2].ent
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
		if ((cd_at_word_is(a, j, "and") || cd_at_word_is(a, j, "but")
		     || cd_at_word_is(a, j, "then")) && tries == 0)
			return sentence_subject(a, cue); /* "X ... and said" */
		if (cd_at_word_is(a, j, "who") && j > lo + 1
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
		if (c2 + 1 < j && cd_at_word_is(a, c2, "as"))
			c2++;	/* "As X, a Y, put it" */
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

	if (t->type != T_WORD || t->e - t->s > 3 || j + 1 >= hi
	    || (!punct(a, j + 1, ',') && !(a->t[j + 1].type == T_PUNCT
					   && a->t[j + 1].send)))
		return false;	/* "Haines, 44, said", "said Haines, 44." */
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
	if (cd_at_word_is(a, j, "who") || cd_at_word_is(a, j, "whose")
	    || age(a, j, hi) || cd_at_party_state(a, j)
	    || ((a->t[j].flags & LX_DET) && !a->t[j].cap)
	    || (cd_at_word_is(a, j, "of") && j + 1 < hi && a->t[j + 1].cap))
		return true;
	/* not a participle or a past tense: "speaking to CNN after the
	 * senator spoke", "interjected to say" */
	if (participle(a, j) || past_tense(a, j))
		return false;
	/* a role within a few words: "former White House press secretary" */
	for (k = j; k < hi && k < j + 6 && a->t[k].type == T_WORD; k++)
		if (!a->t[k].cap && (a->t[k].flags & (LX_ROLE | LX_TITLE)))
			return true;
	/* a lower-case noun tied to what follows by a preposition:
	 * "publisher of SCOTUSblog", "senior counsel in the ..." */
	if (a->t[j].cap || (a->t[j].flags & (LX_PREP | LX_CUE | LX_PRON
					     | LX_STOP | LX_SKIP)))
		return false;
	for (k = j + 1; k < hi && k < j + 3 && a->t[k].type == T_WORD
	     && !a->t[k].cap; k++)
		if (a->t[k].flags & LX_PREP)
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

/* The last token of a place of one to three capitalised words from token
 * j, before hi, that a comma, the sentence's end or hi closes: the state
 * or country of "Fresno, Calif." or "Englewood, New Jersey,"; SIZE_MAX
 * when there is none. */
static size_t place_end(const struct cd_attrib *a, size_t j, size_t hi)
{
	size_t k;

	for (k = j; k < hi && k < j + 3; k++) {
		if (a->t[k].type != T_WORD || !a->t[k].cap
		    || (a->t[k].flags & (LX_STOP | LX_CUE | LX_PRON)))
			return SIZE_MAX;
		if (a->t[k].send || k + 1 == hi || punct(a, k + 1, ',')
		    || (a->t[k + 1].type == T_PUNCT && a->t[k + 1].send))
			return k;
	}
	return SIZE_MAX;
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
	k = j + 1 < hi && cd_at_word_is(a, j + 1, "the") ? j + 2 : j + 1;
	k = over_modifiers(a, k, hi);
	if (j < hi && cd_at_word_is(a, j, "of") && k < hi && a->t[k].rlast
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
		/* "a student from Fresno, Calif.", "a nurse from
		 * Brownsville, Texas, who": the place goes on */
		if (punct(a, j, ',') && a->t[j - 1].cap
		    && (k = place_end(a, j + 1, hi)) != SIZE_MAX) {
			m1 = k, j = k + 1;
			if (a->t[k].send)
				return m1;
		}
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
	if (cd_at_subj_pron(a, &a->t[j]))
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
			if (cd_at_is_cue(a, i, last) && *last < hi)
				return *cue = i, true;
		return false;
	}
	for (i = lo; i < hi; i++)
		if (cd_at_is_cue(a, i, last) && *last < hi)
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

/* True when a name starting at token k and ending at a colon names who
 * says what follows: it opens its clause (the first token of the span,
 * or after a dash or a semicolon: "HEADLINE - Carl Bialik:") or follows
 * "by" or "from" ("More from Jones:", "by Post's Kathianne Boniello:"),
 * not another preposition ("a message to Holm:", "in Italian:"). */
static bool colon_speaker(const struct cd_attrib *a, size_t lo, size_t k)
{
	const struct cd_tok *p;

	if (k > lo && a->t[k - 1].poss)
		k--;
	if (k <= lo)
		return true;
	p = &a->t[k - 1];
	if (p->type == T_PUNCT)
		return p->ch == '-' || p->ch == ';' || p->ch == 0x2013
		       || p->ch == 0x2014;
	return cd_at_word_is(a, k - 1, "by") || cd_at_word_is(a, k - 1, "from");
}

/* The speaker named in the words lo..t0-1 before a quotation: "X said:",
 * "X said," "X said that", "said X:", or a colon introduction "X:". */
static struct who from_before(const struct cd_attrib *a, size_t lo,
			      size_t t0)
{
	size_t j = t0, cue, last;
	struct who w;

	while (j > lo && (punct(a, j - 1, ',') || punct(a, j - 1, ':')
			  || cd_at_word_is(a, j - 1, "that")))
		j--;
	if (j > lo && cd_at_is_cue(a, j - 1, &last) && last == j - 1)
		return by_cue(a, lo, t0, j - 1, last, true);
	if (j > lo && j >= 2 && cd_at_is_cue(a, j - 2, &last) && last == j - 1)
		return by_cue(a, lo, t0, j - 2, last, true);
	if (t0 > lo && punct(a, t0 - 1, ':')) {
		if (find_cue(a, lo, t0, true, &cue, &last))
			return by_cue(a, lo, t0, cue, last, false);
		/* "Jeffrey M. Jones: “...”", "HEADLINE - Carl Bialik:" */
		if (t0 >= lo + 2 && a->t[t0 - 2].ent && !a->t[t0 - 2].poss
		    && colon_speaker(a, lo, a->t[t0 - 2].run0))
			return mention_at(a, lo, t0 - 2);
		/* "Sen. Claire McCaskill (D-Mo.) scolded him:" */
		w = sentence_subject(a, t0 - 1);
		if (w.kind == W_NAME)
			w.m1 = extend_right(a, w.m1, t0 - 1);
		/* "the aide:"; a name there that does not open its clause
		 * is whom it was said to or of: "a message to Holm:" */
		/* "The aide:"; not a name there that is not the speaker */
		if (w.kind == W_NONE && t0 >= lo + 2
		    && !a->t[t0 - 2].ent)
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
		e = cd_at_ent_canon(a, m->ent - 1) + 1;
	else if (w->kind == W_PRON && (g = cd_at_subj_pron(a, m))
		 && (g == 'm' || g == 'f'))
		e = cd_at_resolve_pron(a, w->h, g);
	else if (w->kind == W_ROLE && cd_at_tok_role(a, m))
		e = cd_at_resolve_role(a, w->m0, cd_at_tok_role(a, m));
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

/* True when quotation q is a noun of the sentence it opens, not a
 * statement: it ends in no punctuation and the sentence goes on with a
 * lower-case word ("“American Skin” was written by ..."). */
static bool worked_in(const struct cd_attrib *a, const struct cd_qattr *q)
{
	const struct cd_qpiece *p = &a->qf.p[q->piece + q->npieces - 1];
	size_t t = a->pmap[q->piece + q->npieces - 1];
	char c = a->text[p->end - 1];

	return c != ',' && c != '.' && c != '?' && c != '!' && t + 1 < a->nt
	       && a->t[t + 1].type == T_WORD && !a->t[t + 1].cap
	       && a->t[t + 1].para == a->t[t].para && !a->t[t].send;
}

/* True when quotation q was given its speaker by a signature line after
 * it (“...” ― Karen Bobadilla): in such lists each quotation is signed,
 * and the next one is not the same person's. */
static bool signed_line(const struct cd_attrib *a, const struct cd_qattr *q)
{
	size_t t = a->pmap[q->piece + q->npieces - 1];

	return q->has_mention && q->men_start >= q->end && t + 1 < a->nt
	       && a->t[t + 1].type == T_PUNCT && (a->t[t + 1].ch == 0x2015
	       || a->t[t + 1].ch == 0x2014 || a->t[t + 1].ch == 0x2013
	       || a->t[t + 1].ch == '-') && t + 2 < a->nt
	       && a->t[t + 2].s == q->men_start;
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
	if (pv && a->t[pt].para + 1 == a->t[t0].para && !said_after(a, q)
	    && !worked_in(a, q) && !signed_line(a, pv))
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
	    && !punct(a, tj - 1, '.') && !cd_at_is_cue(a, tj - 1, &last)
	    && !(a->t[tj - 1].send && a->text[a->t[tj - 1].e - 1] == '.'))
		return false;	/* (the last: "..., Calif. “B”") */
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
		while (lo < hi && cd_at_blank_byte((unsigned char)a->text[lo]))
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
	if (cd_at_cp_at(a->text, a->len, p->start, &n) < 0x80
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

	while (lo < hi && cd_at_blank_byte((unsigned char)a->text[lo]))
		lo++;
	while (hi > lo && cd_at_blank_byte((unsigned char)a->text[hi - 1]))
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
		if (cd_lex_eq_fold(s + i, n, len))
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
		/* a title of a work: "Face the Nation", or a quotation of
		 * its own that nobody says ("Orange Is the New Black" star
		 * ...; roles in “Apollo 13,” “Splash” and ...) */
		if ((q->kind == CD_QK_FRAGMENT || (!q->has_speaker
		     && !q->has_mention)) && title_of_work(a, q))
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

	if (len > CD_ATTRIB_MAX)	/* at a character's first byte */
		for (len = CD_ATTRIB_MAX; ((unsigned char)text[len] & 0xC0)
					  == 0x80; len--)
			;
	a->text = text, a->len = len;
	a->nq = a->nt = a->ne = 0;
	cd_buf_reset(&a->pool);
	if (a->etcap)
		memset(a->etab, 0, a->etcap * sizeof(*a->etab));
	if (cd_quote_find(&a->qf, text, len) == 0)
		return 0;
	a->pmap = cd_xgrow(a->pmap, &a->pmcap, a->qf.n, sizeof(*a->pmap));
	cd_at_tokenize(a);
	cd_at_sentences(a);
	cd_at_names(a);
	cd_at_subjects(a);
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
