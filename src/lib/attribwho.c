/*
 * attribwho.c - the speaker mention of a quotation: a name, pronoun or
 * role noun found by its cue ("said", "according to"), before or after the
 * quotation, in the sentence subject, before a colon, with its apposition
 * ("the mayor of X, 54,"); see attrib_int.h.  attrib.c decides which
 * quotation takes which mention.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attrib_int.h"

/* True when token i is the punctuation character c. */
bool cd_aw_punct(const struct cd_attrib *a, size_t i, uint32_t c)
{
	return i < a->nt && a->t[i].type == T_PUNCT && a->t[i].ch == c;
}


/* A mention of kind k over tokens m0..m1. */
struct who cd_aw_who_make(int k, size_t m0, size_t m1)
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
			return cd_aw_who_make(k, m, j);
	}
	if (need_det)
		return cd_aw_who_make(W_NONE, 0, 0);
	return cd_aw_who_make(k, j, j);
}

/* True when token j is "one" or "another" standing for a person of
 * those just named, as a mention ends: "one said", "said another." */
static bool bare_one(const struct cd_attrib *a, size_t j)
{
	return cd_at_one_another(a, j)
	       && (j + 1 >= a->nt || a->t[j + 1].type != T_WORD
		   || (a->t[j + 1].flags & (LX_CUE | LX_SKIP)));
}

/* True when token j is "it" for a text or a body ("“...,” it read",
 * "It added, “...”"), not the subject of a clause reported by a cue
 * before it in its sentence ("Rospatch said in a letter it told Dahl
 * that “...”" is Rospatch's). */
static bool text_it(const struct cd_attrib *a, size_t j)
{
	size_t k, l;

	if (!cd_at_word_is(a, j, "it"))
		return false;
	for (k = j; k-- > 0 && j - k < 30 && a->t[k].type != T_QUOTE
	     && !a->t[k].send;)
		if (cd_at_is_cue(a, k, &l) || cd_at_word_is(a, k, "that"))
			return false;
	return true;
}

/* The mention whose last word is token j, if it can name a speaker. */
struct who cd_aw_mention_at(const struct cd_attrib *a, size_t lo, size_t j)
{
	const struct cd_tok *t = &a->t[j];

	if (t->type != T_WORD)
		return cd_aw_who_make(W_NONE, 0, 0);
	if (cd_at_subj_pron(a, t) || text_it(a, j))
		return cd_aw_who_make(W_PRON, j, j);
	if (t->ent && !t->poss)
		return cd_aw_who_make(W_NAME, t->run0 < lo ? lo : t->run0, j);
	if (bare_one(a, j))
		return cd_aw_who_make(W_GENERIC, j, j);	/* "Another added" */
	if (t->rlast == j + 1 && (t->flags & LX_TITLE)) {
		/* "the President said": a title alone is a role */
		struct who w = noun_phrase(a, lo, j, W_ROLE, false);

		w.m0 = t->run0 < w.m0 ? w.m0 : t->run0;
		return w;
	}
	if (t->cap || t->poss)
		return cd_aw_who_make(W_NONE, 0, 0);
	if (t->flags & LX_ROLE)
		return noun_phrase(a, lo, j, W_ROLE, false);
	if (t->flags & (LX_PRON | LX_STOP | LX_SKIP | LX_PREP | LX_DET))
		return cd_aw_who_make(W_NONE, 0, 0);
	return noun_phrase(a, lo, j, W_GENERIC, true);
}

/* The last token of a parenthesis closing at j, skipped backwards:
 * returns the token before its '(' (or lo - 1 as SIZE_MAX on failure). */
static size_t skip_paren_left(const struct cd_attrib *a, size_t lo, size_t j)
{
	while (j > lo && !cd_aw_punct(a, j, '('))
		j--;
	return j > lo ? j - 1 : SIZE_MAX;
}

/* True when tokens lo..hi are one whole name run (a parenthesis after it,
 * "Rep. Gwen Moore (D-Wis.)", allowed). */
static bool pure_name(const struct cd_attrib *a, size_t lo, size_t hi)
{
	size_t k;

	if (cd_aw_punct(a, hi, ')'))
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
bool cd_aw_participle(const struct cd_attrib *a, size_t i)
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
		return cd_aw_who_make(W_NONE, 0, 0);
	if (a->t[j].ent)
		return cd_aw_who_make(W_NAME, a->t[j].run0, j);
	if (cd_at_subj_pron(a, &a->t[j]))
		return cd_aw_who_make(W_PRON, j, j);
	return noun_phrase(a, j >= 4 ? j - 4 : 0, j, W_ROLE, false);
}

/* True when the name w, past any title before it, holds a title: a job
 * title in capitals ("Assistant Secretary" of "Assistant Secretary of
 * Commerce for Trade Tom Hart"), not a person's name. */
static bool title_name(const struct cd_attrib *a, struct who w)
{
	size_t k;

	for (k = a->t[w.h].n0 > w.m0 ? a->t[w.h].n0 : w.m0; k <= w.h; k++)
		if (a->t[k].flags & LX_TITLE)
			return true;
	return false;
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

/* True when the words from token m0 follow a preposition other than
 * "of" and "by" ("speaking to Fox News"; "a spokesman of", "a statement
 * by" name the speaker's side). */
static bool object_of_prep(const struct cd_attrib *a, size_t m0)
{
	return cd_at_after_prep(a, m0) && !cd_at_word_is(a, m0 - 1, "of")
	       && !cd_at_word_is(a, m0 - 1, "by");
}

/* The word that the phrase of a preposition tying a person to others
 * qualifies, when the mention at m0 is that preposition's object: "a
 * person close to the Clintons", "a spokesman for the mayor", "an aide
 * at the White House", "a source familiar with the talks"; else SIZE_MAX
 * ("after Trump told", "as The Hill put it" name the speaker). */
static size_t qualifier(const struct cd_attrib *a, size_t lo, size_t m0)
{
	static const char *const prep[] = { "to", "for", "at", "with",
					    "from", "in" };
	size_t i, n;

	if (m0 > lo && (a->t[m0 - 1].flags & LX_DET) && !a->t[m0 - 1].poss)
		m0--;
	/* a capital is a name ("Jeffrey Lewis of the James Martin Center for
	 * Nonproliferation Studies"), not a headline ("KILLED IN ...") */
	if (m0 < lo + 2 || a->t[m0 - 2].type != T_WORD || a->t[m0 - 1].cap
	    || (a->t[m0 - 2].cap && !a->t[m0 - 2].ent))
		return SIZE_MAX;
	for (i = 0; i < sizeof(prep) / sizeof(prep[0]); i++)
		if (cd_at_word_is(a, m0 - 1, prep[i]))
			break;
	if (i == sizeof(prep) / sizeof(prep[0]))
		return SIZE_MAX;
	/* a participle between them qualifies the noun before it: "a
	 * source speaking to Fox News", "Witnesses speaking to the Courier"
	 * (a capital there only when it opens its sentence and is no person's
	 * name) */
	n = m0 - 3;
	if (cd_aw_participle(a, m0 - 2) && !(a->t[m0 - 2].flags & LX_CUE)
	    && m0 >= lo + 3 && a->t[n].type == T_WORD
	    && (!a->t[n].cap || ((n == 0 || a->t[n - 1].sent != a->t[n].sent)
				 && (!a->t[n].ent || !a->e[cd_at_ent_canon(a,
						 a->t[n].ent - 1)].person)))
	    && !(a->t[n].flags & (LX_PREP | LX_CUE)))
		return n;
	return m0 - 2;
}

/* True when the name starting at token m0 follows a preposition, a
 * conjunction or a possessive: a part of a longer phrase. */
static bool tied_name(const struct cd_attrib *a, size_t lo, size_t m0)
{
	const struct cd_tok *p = m0 > lo ? &a->t[m0 - 1] : NULL;

	if (p && (p->flags & LX_DET) && !p->poss && m0 - 1 > lo)
		p--;	/* "of the Harbour Board" */
	return p && p->type == T_WORD && ((p->flags & LX_PREP) || p->poss
	       || cd_at_word_is(a, (size_t)(p - a->t), "and")
	       || cd_at_word_is(a, (size_t)(p - a->t), "or"));
}

static bool apposition(const struct cd_attrib *a, size_t j, size_t hi);
static size_t place_end(const struct cd_attrib *a, size_t j, size_t hi);
static size_t role_after(const struct cd_attrib *a, size_t j, size_t hi);
static bool subordinate(const struct cd_attrib *a, size_t i);

/* The name before an apposition that runs to token j with no comma to
 * close it, the mention running to token end: "Todd Domer, director of
 * communications for the Kansas Livestock Association said"; kind W_NONE
 * when there is none (not "Ann Lee, Tom Hart and the mayor said"). */
static struct who open_apposition(const struct cd_attrib *a, size_t lo,
				  size_t j, size_t end)
{
	struct who w = cd_aw_who_make(W_NONE, 0, 0);
	size_t c, c2;
	bool tied;

	/* the apposition: words, none of them "and", its names objects of
	 * a preposition ("for the Kansas Livestock Association"), not the
	 * speaker ("digital consultant Phil Musser") */
	for (c = j, tied = false; c > lo && j - c < 15 && a->t[c].type == T_WORD
	     && !cd_at_word_is(a, c, "and"); c--) {
		if (a->t[c].ent && !tied_name(a, lo, a->t[c].run0))
			return w;
		tied |= (a->t[c].flags & LX_PREP) || cd_at_word_is(a, c, "who");
	}
	/* and one that says more than a role: "Clinton, a top aide said,
	 * “...”" is the aide's */
	if (c <= lo || !tied || !cd_aw_punct(a, c, ',')
	    || !apposition(a, c + 1, j + 1))
		return w;
	/* the name: a person's, opening its clause */
	for (c2 = c; c2 > lo && !cd_aw_punct(a, c2 - 1, ',') && c - c2 < 15;)
		c2--;
	if (c2 >= c || (c2 > lo && a->t[c2 - 1].type == T_WORD)
	    || !a->t[c - 1].ent || a->t[c - 1].run0 != c2)
		return w;
	w = cd_aw_mention_at(a, lo, c - 1);
	if (w.kind != W_NAME || !a->t[w.h].ent
	    || !a->e[cd_at_ent_canon(a, a->t[w.h].ent - 1)].person)
		return cd_aw_who_make(W_NONE, 0, 0);
	w.m0 = c2, w.m1 = end;
	return w;
}

/* True when token i is "and", "but" or "or". */
static bool joiner(const struct cd_attrib *a, size_t i)
{
	static const char *const w[] = { "and", "but", "or" };

	return cd_at_word_in(a, i, w, sizeof(w) / sizeof(w[0]));
}

/* True when tokens lo..hi-1, set off by commas between a name and its
 * cue, may tell about the name ("30", "of Ostby", "exasperated",
 * "speaking to reporters", "who says the pier is old", the last item of
 * a list "and migration" right before the cue): not a clause joined by
 * a conjunction, a predicate ("was arrested"), a clause with a subject
 * of its own ("many of them in tears") nor one whose own speaker says
 * ("..., and the boats came late, Lee says", "CNN, Lee said, ..."). */
static bool aside(const struct cd_attrib *a, size_t lo, size_t hi,
		  size_t cue)
{
	static const char *const aux[] = { "was", "were", "is", "are", "has",
					   "have", "had", "will", "would" };
	size_t k, l;

	/* "..., and chairman of the council," goes on with a role */
	k = lo + 1 < hi && (a->t[lo + 1].flags & LX_DET) ? lo + 2 : lo + 1;
	if (!a->t[lo].cap && hi - lo > 4 && joiner(a, lo)
	    && role_after(a, k, hi) == SIZE_MAX)
		return false;
	/* a short one is a list's last item when the cue follows it ("...,
	 * and harbours, said"), else the cue's subject ("..., and
	 * neighbours, shocked, said") */
	if (!a->t[lo].cap && hi - lo <= 4 && (cd_at_word_is(a, lo, "and")
					       || cd_at_word_is(a, lo, "or"))) {
		for (k = hi + 1; k < cue && a->t[k].type == T_WORD
		     && (a->t[k].flags & LX_SKIP) && !a->t[k].ent; k++)
			;
		if (k < cue)
			return false;
	}
	/* nor a predicate ("Tom Hart, 34, was arrested on Friday, and
	 * neighbours said"), nor a clause with a subject of its own
	 * ("several of whom, unable to find work, said") */
	if (hi - lo > 1 &&
	    cd_at_word_in(a, lo, aux, sizeof(aux) / sizeof(aux[0])))
		return false;
	for (k = lo + 1; k < hi; k++)
		if (cd_at_word_is(a, k - 1, "of")
		    && (cd_at_word_is(a, k, "whom")
			|| cd_at_word_is(a, k, "them")))
			return false;
	for (k = lo + 1; k < hi; k++)
		if ((a->t[k - 1].ent || cd_at_subj_pron(a, &a->t[k - 1]))
		    && cd_at_is_cue(a, k, &l))
			return false;
	return true;
}

/* True when token c2, set off by commas up to token j, is the state or
 * country of a place that a preposition governs before it: "in Munich,
 * Germany,", "from Fresno, Calif.,"; not a person's name ("a partner at
 * Lenox, Lawrence Cummings,", "on Sunday, Trump," when Donald Trump is
 * named). */
static bool town_state(const struct cd_attrib *a, size_t lo, size_t c2,
		       size_t j)
{
	const struct cd_tok *t = &a->t[j - 1];
	const struct cd_ent *e;
	size_t r0;

	if (c2 < lo + 3 || c2 + 1 != j || !cd_aw_punct(a, c2 - 1, ',')
	    || !a->t[c2 - 2].cap || a->t[c2 - 2].type != T_WORD
	    || place_end(a, c2, j + 1) != j - 1
	    || !t->ent || t->n0 > t->run0 || (a->t[t->n0].flags & LX_FIRST))
		return false;
	e = &a->e[cd_at_ent_canon(a, t->ent - 1)];
	if (e->full && e->person)
		return false;
	r0 = a->t[c2 - 2].ent ? a->t[c2 - 2].run0 : c2 - 2;
	return r0 > lo && cd_at_after_prep(a, r0);
}

/* The mention opening its clause before a relative clause that runs,
 * with no punctuation, cue (but its own verb) nor clause of its own
 * ("that", "when"), to token j before a cue: "A harbour official who
 * spoke on condition of anonymity said", "An aide who asked not to be
 * named said"; kind W_NONE when none.  *who is set to the relative
 * clause's "who", SIZE_MAX when there is no such clause. */
static struct who relative_subject(const struct cd_attrib *a, size_t lo,
				   size_t j, size_t *who)
{
	struct who w;
	size_t r, k, l;

	*who = SIZE_MAX;
	for (r = j; r > lo + 1 && j - r < 20 && a->t[r].type == T_WORD
	     && !cd_at_word_is(a, r, "who"); r--)
		;
	if (r >= j || r <= lo + 1 || !cd_at_word_is(a, r, "who"))
		return cd_aw_who_make(W_NONE, 0, 0);
	for (k = r + 2; k <= j; k++)
		if (cd_at_is_cue(a, k, &l) || subordinate(a, k)
		    || cd_at_word_is(a, k, "that"))
			return cd_aw_who_make(W_NONE, 0, 0);
	*who = r;
	w = cd_aw_mention_at(a, lo, r - 1);
	if (w.kind == W_PRON || w.kind == W_NONE
	    || (w.m0 > lo && a->t[w.m0 - 1].type == T_WORD))
		return cd_aw_who_make(W_NONE, 0, 0);
	return w;
}

/* The speaker named left of the cue at token cue, not before token lo:
 * "Trump said", "Trump later said", "Yuri Ushakov, a Kremlin aide, said",
 * "the aide added".  Appositions of up to 30 tokens each, up to six
 * pieces set off by commas, stand between a name and its cue ("Ann Lee,
 * 41, of Ostby, Calif., who rides daily, said"). */
static struct who subject_left(const struct cd_attrib *a, size_t lo,
			       size_t cue)
{
	size_t j = cue, tries, hops, c2, end;
	struct who w, rel;

	while (j > lo && a->t[j - 1].type == T_WORD
	       && (a->t[j - 1].flags & LX_SKIP) && !a->t[j - 1].ent)
		j--;
	/* the mention runs to the cue, apposition included: "Scott Pruitt,
	 * the attorney general of Oklahoma, said" */
	end = j - 1;
	for (tries = 0; tries < 6; tries++) {
		while (j > lo && a->t[j - 1].type == T_WORD
		       && (a->t[j - 1].flags & LX_SKIP) && !a->t[j - 1].ent)
			j--;
		if (j <= lo)
			break;
		j--;
		if (cd_aw_punct(a, j, ')')) {
			if ((j = skip_paren_left(a, lo, j)) == SIZE_MAX)
				break;
			j++;
			continue;
		}
		if ((cd_at_word_is(a, j, "and") || cd_at_word_is(a, j, "but")
		     || cd_at_word_is(a, j, "then")) && tries == 0)
			return sentence_subject(a, cue); /* "X ... and said" */
		if (cd_at_word_is(a, j, "who") && j > lo + 1
		    && cd_aw_punct(a, j - 1, ',')) {
			w = cd_aw_mention_at(a, lo, j - 2); /* "Putin, who said" */
			if (w.kind == W_NAME)
				return w;
		}
		if (!cd_aw_punct(a, j, ',')) {
			w = open_apposition(a, lo, j, end);
			if (w.kind == W_NAME)
				return w;
			w = of_phrase(a, lo, cd_aw_mention_at(a, lo, j));
			/* the object of a preposition is not who spoke but
			 * the noun phrase it qualifies, if any: "a person
			 * close to the Clintons said", "a source speaking to
			 * Fox News said" */
			for (hops = 0; hops < 3 && w.kind != W_NONE
			     && w.kind != W_PRON
			     && (c2 = qualifier(a, lo, w.m0)) != SIZE_MAX; hops++)
				w = of_phrase(a, lo, cd_aw_mention_at(a, lo, c2));
			/* a name reached so speaks only when it opens the
			 * clause ("Lars Lund in Oslo said", "bank analyst
			 * Ann Lee at Dahl Ltd said"), not after a
			 * preposition, a conjunction or a possessive ("a
			 * banker at the branch of Ostby Bank in Oslo said",
			 * "an analyst at Dahl and Berg in Oslo said"); a
			 * job title so reached is none ("Assistant Secretary
			 * of Commerce for Trade Tom Hart said") */
			if (w.kind == W_NAME && (hops ? tied_name(a, lo, w.m0)
						 || title_name(a, w)
						 : object_of_prep(a, w.m0)))
				return cd_aw_who_make(W_NONE, 0, 0);
			/* what the relative clause names is not who spoke
			 * ("Lars Lund who runs the pier said"), even when
			 * the noun it qualifies is none ("A lawyer for the
			 * man who sued Ann Lee said") */
			rel = relative_subject(a, lo, j, &c2);
			if (c2 != SIZE_MAX && w.kind != W_PRON
			    && (w.kind == W_NONE || w.m0 > c2))
				w = rel;
			if (w.kind != W_NONE && w.kind != W_PRON)
				w.m1 = end;
			return w;
		}
		/* an apposition: "X, a lawyer for Y, said" */
		for (c2 = j; c2 > lo && !cd_aw_punct(a, c2 - 1, ',') && j - c2 < 30;)
			c2--;
		if (c2 + 1 < j && cd_at_word_is(a, c2, "as"))
			c2++;	/* "As X, a Y, put it" */
		if (c2 < j && pure_name(a, c2, j - 1)
		    && !town_state(a, lo, c2, j)) {
			w = cd_aw_mention_at(a, lo, cd_aw_punct(a, j - 1, ')')
				       ? skip_paren_left(a, c2, j - 1)
				       : j - 1);
			w.m0 = c2;
			w.m1 = end;
			return w;
		}
		/* a noun phrase opening the clause before a relative one:
		 * "A party adviser, who spoke on condition of anonymity,
		 * said" (a name there is found as the apposition's) */
		if (c2 >= lo + 2 && cd_aw_punct(a, c2 - 1, ',')
		    && (cd_at_word_is(a, c2, "who")
			|| cd_at_word_is(a, c2, "whose"))) {
			w = cd_aw_mention_at(a, lo, c2 - 2);
			if ((w.kind == W_ROLE || w.kind == W_GENERIC)
			    && (w.m0 == lo || a->t[w.m0 - 1].type != T_WORD)) {
				w.m1 = end;
				return w;
			}
		}
		if (c2 <= lo || !cd_aw_punct(a, c2 - 1, ',')
		    || !aside(a, c2, j, cue))
			break;
		j = c2;
	}
	return cd_aw_who_make(W_NONE, 0, 0);
}

/* True when token j is an age between commas: "Gloria Garcia, 34, a
 * nurse". */
static bool age(const struct cd_attrib *a, size_t j, size_t hi)
{
	const struct cd_tok *t = &a->t[j];
	size_t k;

	if (t->type != T_WORD || t->e - t->s > 3 || j + 1 >= hi
	    || (!cd_aw_punct(a, j + 1, ',') && !(a->t[j + 1].type == T_PUNCT
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
	if (cd_aw_participle(a, j) || past_tense(a, j))
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
		if (a->t[k].send || k + 1 == hi || cd_aw_punct(a, k + 1, ',')
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

	if (cd_aw_punct(a, j, '(')) {
		for (k = j; k < hi && !cd_aw_punct(a, k, ')'); k++)
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
	while (cd_aw_punct(a, j, ',') && apposition(a, j + 1, hi)) {
		for (k = j + 1; k < hi && a->t[k].type != T_QUOTE
		     && !a->t[k].send && !cd_aw_punct(a, k, ',')
		     && !cd_aw_punct(a, k, ';'); k++)
			;
		if (k < hi && a->t[k].send)
			return a->t[k].type == T_PUNCT ? k - 1 : k;
		m1 = k - 1, j = k;
		/* "a student from Fresno, Calif.", "a nurse from
		 * Brownsville, Texas, who": the place goes on */
		if (cd_aw_punct(a, j, ',') && a->t[j - 1].cap
		    && (k = place_end(a, j + 1, hi)) != SIZE_MAX) {
			m1 = k, j = k + 1;
			if (a->t[k].send)
				return m1;
		}
		/* "said Rep. Elijah Cummings, the top Democrat on the
		 * committee, adding": the apposition keeps its comma */
		if (cd_aw_punct(a, j, ',') && !apposition(a, j + 1, hi))
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

/* True when token i opens a relative clause: who, whose, that, which. */
static bool relative(const struct cd_attrib *a, size_t i)
{
	return cd_at_word_is(a, i, "who") || cd_at_word_is(a, i, "whose")
	       || cd_at_word_is(a, i, "that") || cd_at_word_is(a, i, "which");
}

/* The last token of a noun phrase whose head is token h, before hi: over
 * what qualifies it up to a comma or the sentence's end ("said a person
 * close to the Clintons", "said one official who was not authorized to
 * speak"); a relative clause is kept whole, a cue in it being its own
 * verb ("said a source in Oslo who asked not to be named"), or dropped
 * when it runs on into a quotation ("said an aide who called the boats
 * “too slow”").  h itself when nothing qualifies it; never a relative
 * word. */
static size_t np_tail(const struct cd_attrib *a, size_t h, size_t hi)
{
	size_t k = h + 1, rel = 0;

	if (k >= hi || a->t[h].send || a->t[k].type != T_WORD
	    || !((a->t[k].flags & LX_PREP) || relative(a, k)
		 || cd_aw_participle(a, k) || past_tense(a, k)))
		return h;
	for (; k < hi && k < h + 25 && a->t[k].type == T_WORD
	     && (rel || !(a->t[k].flags & LX_CUE))
	     && !joiner(a, k); k++) {
		if (a->t[k].send)
			return k;
		if (!rel && relative(a, k))
			rel = k;
	}
	if (rel && (k >= hi || k >= h + 25 || a->t[k].type == T_QUOTE))
		k = rel;	/* the clause is cut short: drop it */
	while (--k > h && ((a->t[k].flags & (LX_PREP | LX_DET | LX_SKIP))
			   || relative(a, k)))
		;	/* "a book by" before a cue: the book */
	return k;
}

/* The speaker named right after a cue ending at token c, before token hi:
 * "said Caddell", "said MSNBC host Chris Matthews", "said the aide",
 * "according to Politifact". */
static struct who subject_right(const struct cd_attrib *a, size_t c,
				size_t hi)
{
	size_t j = c + 1, m0, k;
	struct who w;

	if (cd_aw_punct(a, j, ','))
		j++;
	while (j < hi && a->t[j].type == T_WORD && !a->t[j].cap
	       && (a->t[j].flags & LX_SKIP))
		j++;
	if (j >= hi || a->t[j].type != T_WORD)
		return cd_aw_who_make(W_NONE, 0, 0);
	if (cd_at_subj_pron(a, &a->t[j]))
		return cd_aw_who_make(W_PRON, j, j);
	m0 = j;
	/* over determiners, role nouns and names to the last name */
	for (; j < hi && a->t[j].type == T_WORD && j - m0 < 10; j++) {
		const struct cd_tok *t = &a->t[j];

		if (t->rlast) {
			w = cd_aw_mention_at(a, m0, t->rlast - 1);
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
		    && !(a->t[j + 1].flags & (LX_PREP | LX_CUE | LX_SKIP))
		    && !relative(a, j + 1))
			continue;	/* a modifier: "the former aide" */
		/* "secretary of state Hillary Clinton", "chief of staff
		 * Reince Priebus"; not "the mayor of Orvale" */
		if (cd_at_word_is(a, j + 1, "of") && j + 3 < hi
		    && a->t[j + 2].type == T_WORD && !a->t[j + 2].cap
		    && a->t[j + 3].rlast) {
			j++;
			continue;
		}
		if (bare_one(a, j))
			return cd_aw_who_make(W_GENERIC, j, j);
		if (t->flags & LX_DET)
			break;
		w = noun_phrase(a, m0, j, (t->flags & LX_ROLE) ? W_ROLE
				: W_GENERIC, false);
		w.m1 = np_tail(a, w.m1, hi);
		return w;
	}
	return cd_aw_who_make(W_NONE, 0, 0);
}

/* The first cue in tokens lo..hi-1 (last when from_end); false if none. */
bool cd_aw_find_cue(const struct cd_attrib *a, size_t lo, size_t hi,
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

/* True when the cue at token cue is in the passive ("Trump was asked",
 * "they were told"): its subject is who heard it.  "X is quoted as
 * saying" is X's. */
static bool passive(const struct cd_attrib *a, size_t lo, size_t cue)
{
	static const char *const be[] = { "was", "were", "is", "are", "been",
					  "being", "be" };

	return cue > lo && !cd_at_word_is(a, cue, "quoted") &&
	       cd_at_word_in(a, cue - 1, be, sizeof(be) / sizeof(be[0]));
}

/* The speaker of the participle cue at token cue, in lo..cue:
 *   - right after a noun, with no comma, the noun's ("a sign saying",
 *     "protesters chanting"): a name that is no object ("wrote to Wired
 *     explaining"; "footage of Clinton asking" is hers), else nobody
 *     known;
 *   - after a cue verb of its clause, that verb's speaker ("They will
 *     meet, Spicer said, adding, ..."): the sentence may open with
 *     someone else, who is what was said about;
 *   - else the subject of its sentence ("Trump spoke on Monday, saying").
 * Returns kind W_NONE with has_cue set when the speaker is known to be
 * nobody named: no other rule should guess then. */
static struct who participle_subject(const struct cd_attrib *a, size_t lo,
				     size_t cue)
{
	const struct cd_tok *p = cue > lo ? &a->t[cue - 1] : NULL;
	struct who w = cd_aw_who_make(W_NONE, 0, 0);
	size_t hi, c, l;

	if (p && p->type == T_WORD && !(p->flags & (LX_PREP | LX_CUE
						     | LX_SKIP | LX_STOP))) {
		w = cd_aw_mention_at(a, lo, cue - 1);
		if (w.kind != W_NAME || object_of_prep(a, w.m0))
			w = cd_aw_who_make(W_NONE, 0, 0), w.has_cue = true;
		return w;
	}
	for (hi = cue; cd_aw_find_cue(a, lo, hi, true, &c, &l); hi = c) {
		if (l != c || cd_aw_participle(a, c))
			continue;
		w = subject_left(a, lo, c);
		if (w.kind == W_NONE)
			w = subject_right(a, c, cue);
		if (w.kind == W_NONE)
			w.has_cue = true;
		return w;
	}
	return sentence_subject(a, cue);
}

/* The speaker of the cue at cue..last within lo..hi: left of it, or right
 * of it for "according to" and, when inverted, "said Trump". */
struct who cd_aw_by_cue(const struct cd_attrib *a, size_t lo, size_t hi,
			 size_t cue, size_t last, bool inverted)
{
	struct who w = { 0 };

	if (last == cue && passive(a, lo, cue)) {
		/* "Trump was asked by Maher, “...”": the one after "by" */
		if (cue + 2 < hi && cd_at_word_is(a, cue + 1, "by"))
			w = subject_right(a, cue + 1, hi);
		if (w.kind != W_NONE)
			w.has_cue = true, w.cue = cue, w.cue1 = last;
		return w;
	}
	if (last > cue)
		w = subject_right(a, last, hi);
	else if (cd_aw_participle(a, cue)) {
		w = participle_subject(a, lo, cue);
		if (w.kind == W_NONE && w.has_cue)
			return cd_aw_who_make(W_NONE, 0, 0);
	}
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
size_t cd_aw_span_before(const struct cd_attrib *a, size_t t0)
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
struct who cd_aw_from_before(const struct cd_attrib *a, size_t lo,
			      size_t t0)
{
	size_t j = t0, cue, last;
	struct who w;

	while (j > lo && (cd_aw_punct(a, j - 1, ',') || cd_aw_punct(a, j - 1, ':')
			  || cd_at_word_is(a, j - 1, "that")))
		j--;
	if (j > lo && cd_at_is_cue(a, j - 1, &last) && last == j - 1)
		return cd_aw_by_cue(a, lo, t0, j - 1, last, true);
	if (j > lo && j >= 2 && cd_at_is_cue(a, j - 2, &last) && last == j - 1)
		return cd_aw_by_cue(a, lo, t0, j - 2, last, true);
	if (t0 > lo && cd_aw_punct(a, t0 - 1, ':')) {
		if (cd_aw_find_cue(a, lo, t0, true, &cue, &last))
			return cd_aw_by_cue(a, lo, t0, cue, last, false);
		/* "Jeffrey M. Jones: “...”", "HEADLINE - Carl Bialik:" */
		if (t0 >= lo + 2 && a->t[t0 - 2].ent && !a->t[t0 - 2].poss
		    && colon_speaker(a, lo, a->t[t0 - 2].run0))
			return cd_aw_mention_at(a, lo, t0 - 2);
		/* "Sen. Claire McCaskill (D-Mo.) scolded him:" */
		w = sentence_subject(a, t0 - 1);
		if (w.kind == W_NAME)
			w.m1 = extend_right(a, w.m1, t0 - 1);
		/* "the aide:"; a name there that does not open its clause
		 * is whom it was said to or of: "a message to Holm:" */
		/* "The aide:"; not a name there that is not the speaker */
		if (w.kind == W_NONE && t0 >= lo + 2
		    && !a->t[t0 - 2].ent)
			w = cd_aw_mention_at(a, lo, t0 - 2);
		return w;
	}
	return cd_aw_who_make(W_NONE, 0, 0);
}

/* True when token i opens a clause of circumstance: "“...,” when
 * Clinton blasted him" tells when it was said, not who said it ("as
 * Trump put it" does; "before the vote, she said" is a phrase). */
static bool subordinate(const struct cd_attrib *a, size_t i)
{
	static const char *const w[] = { "when", "while", "because",
					 "although", "though", "if",
					 "whereas" };

	return i < a->nt && cd_at_word_in(a, i, w, sizeof(w) / sizeof(w[0]));
}

/* True when quotation token t ends its sentence and a capitalised
 * pronoun opens the next one: "“...!” She replied to him that ..." (a
 * lower-case "she replied" goes on with the quotation's sentence). */
bool cd_aw_next_sentence(const struct cd_attrib *a, size_t t)
{
	return a->t[t].send && t + 1 < a->nt && a->t[t + 1].cap
	       && a->t[t + 1].para == a->t[t].para
	       && (cd_at_subj_pron(a, &a->t[t + 1]) || text_it(a, t + 1));
}

/* True when token i is a dash: - – — ―. */
bool cd_aw_dash(const struct cd_attrib *a, size_t i)
{
	const struct cd_tok *t = &a->t[i];

	return i < a->nt && t->type == T_PUNCT && (t->ch == '-'
	       || t->ch == 0x2013 || t->ch == 0x2014 || t->ch == 0x2015);
}

/* True when quotation token t fills its paragraph and a dash and a name
 * open the next line, the name ending it or followed by a comma or a
 * sentence's end: "- Ann Lee.", "—Ann Lee, Oslo". */
static bool signed_para(const struct cd_attrib *a, size_t t)
{
	size_t k = t + 1, e;

	if (a->t[t].type != T_QUOTE || k + 1 >= a->nt || !cd_aw_dash(a, k)
	    || !a->t[k + 1].rlast || a->t[k + 1].para != a->t[k].para
	    || a->t[k].para != a->t[t].para + 1
	    || (t > 0 && a->t[t - 1].para == a->t[t].para))
		return false;
	e = a->t[k + 1].rlast;
	return e >= a->nt || a->t[e].para != a->t[k].para
	       || cd_aw_punct(a, e, ',') || a->t[e - 1].send
	       || (a->t[e].type == T_PUNCT && a->t[e].send);
}

/* True when a dash and a name follow quotation token t: a signature,
 * “...” ― Krystal Correa, in t's paragraph when same_para, else on a
 * line of its own after a quotation that fills its paragraph, in a list
 * of quotations so signed, another one in the text signed too ("- Ann
 * Lee." under one, "—Nils Dahl, Oslo." under another; a lone quotation
 * over "— Ann Lee, Reuters" is a byline's). */
static bool signature(const struct cd_attrib *a, size_t t, bool same_para)
{
	size_t k = t + 1, p;

	if (k + 1 >= a->nt || !cd_aw_dash(a, k) || !a->t[k + 1].rlast
	    || a->t[k + 1].para != a->t[k].para)
		return false;
	if (same_para)
		return true;
	if (!signed_para(a, t))
		return false;
	for (p = 0; p < a->nt; p++)	/* another signed one in the text */
		if (p != t && a->t[p].type == T_QUOTE && signed_para(a, p))
			return true;
	return false;
}

/* The speaker named after quotation token t: "..., Trump said",
 * "..., said Caddell", "... according to Politifact". */
struct who cd_aw_from_after(const struct cd_attrib *a, size_t t)
{
	size_t lo = t + 1, hi = span_after(a, t), cue, last, k;
	size_t reach = a->t[t].send ? 4 : 16;
	const struct cd_qpiece *p;
	char end;

	if (signature(a, t, lo < hi)) {
		/* “...” ― Krystal Correa */
		struct who w = cd_aw_mention_at(a, lo + 1, a->t[lo + 1].rlast - 1);

		if (w.kind == W_NAME)
			return w;
	}
	p = &a->qf.p[a->t[t].piece];
	end = cd_at_last_before_marks(a->text, p->start, p->end);
	if (end == ',')
		reach = 30;
	if (subordinate(a, lo < hi && cd_aw_punct(a, lo, ',') ? lo + 1 : lo))
		return cd_aw_who_make(W_NONE, 0, 0);
	if (cd_aw_next_sentence(a, t))
		return cd_aw_who_make(W_NONE, 0, 0);
	if (!cd_aw_find_cue(a, lo, hi, false, &cue, &last) || cue - lo >= reach)
		return cd_aw_who_make(W_NONE, 0, 0);
	/* after a full stop a new sentence that opens with anything but
	 * the attribution, or that reports more, is the reporter's:
	 * "“....” Perhaps, he said, the town “...”" */
	if (end == '.') {
		for (k = lo; k < cue; k++)
			if (cd_aw_punct(a, k, ','))
				return cd_aw_who_make(W_NONE, 0, 0);
		/* "“... .” Greene added that the bank ...": reported speech */
		if (last + 1 < hi && cd_at_word_is(a, last + 1, "that"))
			return cd_aw_who_make(W_NONE, 0, 0);
	}
	/* "..., said Caddell", but not "... but emphasized that Putin" */
	return cd_aw_by_cue(a, lo, hi, cue, last,
		      cue == lo || (cue == lo + 1 && cd_aw_punct(a, lo, ',')));
}
