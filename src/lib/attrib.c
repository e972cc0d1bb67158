/*
 * attrib.c - who said each quotation; see attrib.h.  The tokens, names
 * and sentence subjects it reads come from attribtok.c, the speaker
 * mentions around a quotation from attribwho.c (attrib_int.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attrib_int.h"
#include "text.h"

const char *cd_qkind_name(enum cd_qkind k)
{
	return k == CD_QK_HEADLINE ? "headline"
	       : k == CD_QK_FRAGMENT ? "fragment" : "quote";
}

/* True when mention w is an indefinite noun phrase ("a New Hampshire
 * Democrat", "one Clinton aide", "another supporter", "a source who
 * knows Trump"): it names nobody, even when a name or a role noun stands
 * in it.  "A Kremlin aide, Yuri Ushakov," and "said a Kremlin aide,
 * Yuri Ushakov" name him after the comma. */
static bool indefinite(const struct cd_attrib *a, const struct who *w)
{
	size_t k;

	if (!cd_at_word_is(a, w->m0, "a") && !cd_at_word_is(a, w->m0, "an")
	    && !cd_at_one_another(a, w->m0))
		return false;
	for (k = w->m0; k < w->h; k++)
		if (cd_aw_punct(a, k, ','))
			return false;
	/* "said a harbour aide, Nils Dahl" */
	k = w->m1 + 2;
	return !(k < a->nt && cd_aw_punct(a, k - 1, ',') && a->t[k].rlast
		 && a->t[a->t[k].rlast - 1].ent
		 && a->t[k].para == a->t[w->m1].para);
}

/* The entity (+ 1) mention w names, or 0: none for a group or an
 * indefinite noun phrase. */
static size_t who_entity(const struct cd_attrib *a, const struct who *w)
{
	const struct cd_tok *m = &a->t[w->h];
	char g;

	/* "Leading Democrats said": a group (quote-words.txt "plural") */
	if (indefinite(a, w) || (m->flags & LX_PLURAL))
		return 0;
	if (w->kind == W_NAME && m->ent)
		return cd_at_ent_canon(a, m->ent - 1) + 1;
	if (w->kind == W_PRON && (g = cd_at_subj_pron(a, m))
	    && (g == 'm' || g == 'f'))
		return cd_at_resolve_pron(a, w->h, g);
	if (w->kind == W_ROLE && cd_at_tok_role(a, m))
		return cd_at_resolve_role(a, w->m0, cd_at_tok_role(a, m));
	return 0;
}

/* Append name s[0..n) to pool, a line break in it (hard-wrapped text)
 * and the spaces around it written as one space. */
static void add_name(struct cd_buf *pool, const char *s, size_t n)
{
	const char *nl;
	size_t a, b;

	while ((nl = memchr(s, '\n', n))) {
		a = (size_t)(nl - s), b = a + 1;
		while (a > 0 && cd_at_blank_byte((unsigned char)s[a - 1]))
			a--;
		while (b < n && cd_at_blank_byte((unsigned char)s[b]))
			b++;
		cd_buf_add(pool, s, a);
		cd_buf_add(pool, " ", 1);
		s += b, n -= b;
	}
	cd_buf_add(pool, s, n);
}

/* Give quotation q the speaker of mention w. */
static void set_who(struct cd_attrib *a, struct cd_qattr *q,
		    const struct who *w)
{
	size_t e;

	if (w->has_cue) {
		q->has_cue = true;
		q->cue_start = a->t[w->cue].s;
		q->cue_end = a->t[w->cue1].e;
	}
	q->has_mention = true;
	q->men_start = a->t[w->m0].s;
	q->men_end = a->t[w->m1].e;
	e = who_entity(a, w);
	if (!e)
		return;
	q->has_speaker = true;
	q->spk = a->pool.len;
	add_name(&a->pool, a->text + a->e[e - 1].ns,
		 a->e[e - 1].ne - a->e[e - 1].ns);
	q->spklen = a->pool.len - q->spk;
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
	return cd_at_last_before_marks(s, lo, hi) == ',';
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

	return q->has_mention && q->men_start >= q->end && cd_aw_dash(a, t + 1)
	       && t + 2 < a->nt && a->t[t + 2].s == q->men_start;
}

/* The speaker of the sentence just before a quotation that opens a
 * sentence of its own, when that sentence reports what a named person
 * said: Oyelaran said the union had waited. “We ...” */
static struct who said_before(const struct cd_attrib *a, size_t t0)
{
	size_t lo, cue, last;
	struct who w;

	if (!a->t[t0 - 1].send || a->t[t0 - 1].type == T_QUOTE)
		return cd_aw_who_make(W_NONE, 0, 0);
	lo = cd_aw_span_before(a, t0 - 1);
	if (!cd_aw_find_cue(a, lo, t0 - 1, false, &cue, &last))
		return cd_aw_who_make(W_NONE, 0, 0);
	w = cd_aw_by_cue(a, lo, t0 - 1, cue, last, false);
	return w.kind == W_NAME ? w : cd_aw_who_make(W_NONE, 0, 0);
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
	if (t0 > 0 && cd_aw_punct(a, t0 - 1, ':')) {
		w = cd_aw_from_before(a, cd_aw_span_before(a, t0 - 1), t0);
		if (w.kind != W_NONE) {
			set_who(a, q, &w);
			return;
		}
	}
	if (pv && a->t[pt].para + 1 == a->t[t0].para && !said_after(a, q)
	    && !worked_in(a, q) && !signed_line(a, pv))
		inherit(q, pv);
}

/* The token (+ 1) of a verb of quote-words.txt ocue whose object is the
 * quotation at token t0: right before it ("welcomed “...”"), or before
 * an object of three words at most and "for" ("thanked the crew for
 * “...”"); else 0. */
static size_t object_cue(const struct cd_attrib *a, size_t t0)
{
	size_t k;

	if (t0 == 0 || a->t[t0 - 1].type != T_WORD)
		return 0;
	if (a->t[t0 - 1].flags & LX_OCUE)
		return t0;
	if (!cd_at_word_is(a, t0 - 1, "for"))
		return 0;
	for (k = t0 - 1; k-- > 0 && k + 5 >= t0 && a->t[k].type == T_WORD
	     && !a->t[k].send;)
		if (a->t[k].flags & LX_OCUE)
			return k + 1;
	return 0;
}

/* Attribute quotation qi, trying in order: the words just before it, the
 * words just after it (and after its last piece), any cue before it in
 * its sentence, a verb it is the object of, a headline's "Name:", then
 * the continuation rules. */
static void attribute(struct cd_attrib *a, size_t qi)
{
	struct cd_qattr *q = &a->q[qi];
	size_t t0 = a->pmap[q->piece];
	size_t t1 = a->pmap[q->piece + q->npieces - 1];
	size_t lo = cd_aw_span_before(a, t0), cue, last, hi;
	struct who w = cd_aw_from_before(a, lo, t0);

	if (w.kind == W_NONE)
		w = cd_aw_from_after(a, t0);
	if (w.kind == W_NONE && t1 != t0)
		w = cd_aw_from_after(a, t1);
	/* any cue before it in its sentence, the nearest that names
	 * someone: "Trump says ... during the call — “...”" */
	for (hi = t0; w.kind == W_NONE && cd_aw_find_cue(a, lo, hi, true, &cue,
						   &last); hi = cue)
		w = cd_aw_by_cue(a, lo, t0, cue, last, cue == lo);
	/* (the verb's subject opens its clause: not the object of another
	 * verb or of "by", as in "Officers who arrested Lund found “...”") */
	if (w.kind == W_NONE && (cue = object_cue(a, t0))) {
		w = cd_aw_by_cue(a, lo, t0, cue - 1, cue - 1, false);
		if (w.kind != W_NONE && (cd_at_after_prep(a, w.m0)
		    || (w.m0 > lo && a->t[w.m0 - 1].type == T_WORD
			&& !a->t[w.m0 - 1].cap)))
			w.kind = W_NONE;
	}
	/* a headline "Sanders: Clinton needs to ‘get away from it’" */
	if (w.kind == W_NONE && q->kind == CD_QK_HEADLINE && a->t[lo].rlast
	    && cd_aw_punct(a, a->t[lo].rlast, ':') && a->t[a->t[lo].rlast - 1].ent)
		w = cd_aw_mention_at(a, lo, a->t[lo].rlast - 1);
	if (w.kind != W_NONE)
		set_who(a, q, &w);
	else
		continuation(a, qi, t0);
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
 * Nation", "American Skin (41 Shots)", "Evenings with Ann Lund"): every
 * longer word capitalised but a preposition, at most eight words, no
 * sentence punctuation at its end. */
static bool title_of_work(const struct cd_attrib *a, const struct cd_qattr *q)
{
	const char *s = a->text;
	size_t i = q->start, n, nw = 0, end = q->end;
	const struct lexent *lx;
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
		    && !(s[i] >= '0' && s[i] <= '9') && s[i] != '('
		    && !((lx = cd_lex_get(a->lex, s + i, n - i))
			 && (lx->flags & LX_PREP)))
			return false;
		i = n;
	}
	return nw > 0 && ((s[q->start] >= 'A' && s[q->start] <= 'Z')
			  || (s[q->start] >= '0' && s[q->start] <= '9'));
}

/* True when piece k follows a word of its sentence: worked into it. */
static bool after_word(const struct cd_attrib *a, size_t k)
{
	size_t t = a->pmap[k];

	return t > 0 && a->t[t - 1].type == T_WORD && !a->t[t - 1].send
	       && a->t[t - 1].para == a->t[t].para;
}

/* True when piece i, not worked into a sentence, has its attribution
 * (a cue and who spoke) right after it: “A” Lund said, “A” said Lund. */
static bool said_right_after(const struct cd_attrib *a, size_t i)
{
	size_t ti = a->pmap[i];
	struct who w;

	if (after_word(a, i))
		return false;
	w = cd_aw_from_after(a, ti);
	return w.kind != W_NONE && w.has_cue
	       && (w.m0 == ti + 1 || w.cue == ti + 1);
}

/* True when piece i may stop for an attribution that piece j goes on
 * after (interrupted, goes_on_below): both in double marks, the first
 * closed after a comma, ? or !, or with no mark at all when its
 * attribution follows right after it (“A” Lund said. “B.”), min to 45
 * tokens from the first to the second, and no sentence ending among
 * them but the last. */
static bool pair_open(const struct cd_attrib *a, size_t i, size_t j,
		      size_t min)
{
	const struct cd_qpiece *p = &a->qf.p[i], *n = &a->qf.p[j];
	size_t ti = a->pmap[i], tj = a->pmap[j], k;
	char c;

	if (p->cont || p->close == p->end || p->single || n->single)
		return false;
	c = cd_at_last_before_marks(a->text, p->start, p->end);
	if (cd_text_alpha(c) || cd_text_digit(c))
		c = said_right_after(a, i) ? ',' : 0;
	if ((c != ',' && c != '?' && c != '!') || tj - ti < min || tj - ti > 45)
		return false;
	for (k = ti + 1; k + 1 < tj; k++)
		if (a->t[k].send)
			return false;
	return true;
}

/* True when piece j opens with a capital letter. */
static bool cap_opens(const struct cd_attrib *a, size_t j)
{
	char c = a->text[a->qf.p[j].start];

	return c >= 'A' && c <= 'Z';
}

/* True when token t is a title of a work set aside in an attribution
 * and ending in a full stop or comma inside its marks: ... said on
 * WXYZ's “Morning Call.” “B” */
static bool aside_ends(const struct cd_attrib *a, size_t t)
{
	const struct cd_qpiece *p;
	char c;

	if (a->t[t].type != T_QUOTE || !a->qf.p[a->t[t].piece].aside)
		return false;
	p = &a->qf.p[a->t[t].piece];
	c = cd_at_last_before_marks(a->text, p->start, p->end);
	return c == '.' || c == ',';
}

/* True when pieces i and j (i + 1, or i + 2 with a title set aside
 * between them) are one utterance interrupted by its attribution: “A,”
 * he said, “B.” */
static bool interrupted(const struct cd_attrib *a, size_t i, size_t j)
{
	size_t ti = a->pmap[i], tj = a->pmap[j], k, cue, last;

	if (a->qf.p[i].para != a->qf.p[j].para || !pair_open(a, i, j, 2))
		return false;
	/* "“Q?” He answered, “A”": a new sentence, another's words */
	if (cd_aw_next_sentence(a, ti))
		return false;
	/* the second piece must go on from the attribution (“A,” he
	 * said, “B”), not be worked into it (he said he was “B”) */
	if (!cd_aw_punct(a, tj - 1, ',') && !cd_aw_punct(a, tj - 1, ':')
	    && !cd_aw_punct(a, tj - 1, '.') && !cd_at_is_cue(a, tj - 1, &last)
	    && !(a->text[a->t[tj - 1].e - 1] == '.' && (a->t[tj - 1].send
		 || cap_opens(a, j)))
	    && !aside_ends(a, tj - 1))
		return false;	/* (the last: "..., Calif. “B”", also before
				 * a title, "N.Y. “Mayor Lund ...") */
	/* one attribution between them: "X said, suggesting ..., “B”"
	 * introduces something else */
	if (!cd_aw_find_cue(a, ti + 1, tj, false, &cue, &last) || cd_aw_participle(a, cue))
		return false;	/* "she said, adding, “B”": a new one */
	/* a later cue that reports something else in words of the
	 * reporter, before the second piece opens a sentence of its own,
	 * is still the one attribution: "X said, noting that ... . “B”",
	 * "said Y, who said she had voted for him. “B”" */
	for (k = last + 1; cd_aw_find_cue(a, k, tj, false, &cue, &last);
	     k = last + 1)
		if (!a->t[tj - 1].send || last + 2 >= tj - 1)
			return false;
	/* the second piece attributed on its own is another's, or another
	 * statement: “A,” said X. “B,” added Y. */
	return !cd_aw_from_after(a, tj).has_cue;
}

/* True when piece j, a second piece going on with a statement, has no
 * attribution of its own: nobody is said to say it after it, it is no
 * noun of its sentence (continuation has the same tests), and no cue
 * follows it in its sentence (“B,” it added.). */
static bool unattributed(const struct cd_attrib *a, size_t j)
{
	size_t tj = a->pmap[j], k, last;
	struct cd_qattr nq;

	memset(&nq, 0, sizeof(nq));
	nq.piece = j, nq.npieces = 1;
	if (said_after(a, &nq) || worked_in(a, &nq))
		return false;
	for (k = tj + 1; k < a->nt && a->t[k].para == a->t[tj].para
	     && a->t[k].type != T_QUOTE; k++) {
		if (cd_at_is_cue(a, k, &last))
			return false;
		if (a->t[k].send)
			break;
	}
	return true;
}

/* True when only an ellipsis stands between pieces i and i + 1 of a
 * paragraph: one statement with words left out (“A?” . . . “B?”). */
static bool elided(const struct cd_attrib *a, size_t i)
{
	size_t ti = a->pmap[i], tj = a->pmap[i + 1], k;

	if (a->qf.p[i].para != a->qf.p[i + 1].para || tj == ti + 1
	    || a->qf.p[i].single || a->qf.p[i + 1].single)
		return false;
	for (k = ti + 1; k < tj; k++)
		if (!cd_aw_punct(a, k, '.') && !cd_aw_punct(a, k, 0x2026))
			return false;
	/* a lone full stop ends a sentence (“a mess”. “I agree,”); each
	 * dot of ". . ." or "..." is a token of its own */
	return tj - ti > 2 || cd_aw_punct(a, ti + 1, 0x2026);
}

/* True when piece i + 1 opens the paragraph after that of piece i and
 * goes on with its statement: “A,” said X, who chairs the board.¶“B.”
 * The first piece's paragraph ends with its one attribution (one
 * sentence, not a participle's, that names who spoke), and the second
 * has none of its own. */
static bool goes_on_below(const struct cd_attrib *a, size_t i)
{
	size_t ti = a->pmap[i], tj = a->pmap[i + 1], cue, last;

	if (a->qf.p[i + 1].para != a->qf.p[i].para + 1 || !pair_open(a, i, i + 1, 3)
	    || a->t[tj - 1].para == a->t[tj].para || !a->t[tj - 1].send)
		return false;
	if (!cd_aw_find_cue(a, ti + 1, tj, false, &cue, &last)
	    || cd_aw_participle(a, cue)
	    || cd_aw_from_after(a, ti).kind == W_NONE)
		return false;
	return unattributed(a, i + 1);
}

/* True when piece i + 1 opens a sentence later in the paragraph of piece
 * i and goes on with its statement after the reporter's words: “A,”
 * Lund said. The pier is old. “B.”  The first piece is attributed
 * right after it, the second has no attribution of its own, no
 * other quotation stands between. */
static bool goes_on_later(const struct cd_attrib *a, size_t i)
{
	size_t ti = a->pmap[i], tj = a->pmap[i + 1], k, s, cue, last;
	const struct cd_qpiece *p = &a->qf.p[i];
	struct who w;
	char c;

	if (a->qf.p[i + 1].para != p->para || p->cont || p->close == p->end
	    || p->single || a->qf.p[i + 1].single || tj - ti > 80
	    || !a->t[tj - 1].send)
		return false;
	c = cd_at_last_before_marks(a->text, p->start, p->end);
	if (c != ',' && c != '?' && c != '!')
		return false;
	w = cd_aw_from_after(a, ti);
	if (w.kind == W_NONE)
		return false;
	/* the reporter's sentences between the two have no cue of their
	 * own (“A,” Tom said. The mayor said otherwise. “B.”) and name no
	 * other person (“A,” Tom said. Then Ann stood up. “B.”) */
	for (s = ti + 1; s < tj && !a->t[s].send; s++)
		;
	if (cd_aw_find_cue(a, s + 1, tj, false, &cue, &last))
		return false;
	for (k = s + 1; k < tj; k++)
		if (a->t[k].ent && cd_at_ent_canon(a, a->t[k].ent - 1) + 1
				   != who_entity(a, &w))
			return false;
	return unattributed(a, i + 1);
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
		lo = i;
		hi = cd_quote_para_end(&a->qf, a->text, a->len, i);
		i = hi + 1;
		while (lo < hi && cd_at_blank_byte((unsigned char)a->text[lo]))
			lo++;
		if (lo == hi)
			continue;
		if (hi == a->len || hi - lo > 200
		    || !headline_like(a->text, lo, hi))
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
	size_t lo = p->pstart, k,
	       hi = cd_quote_para_end(&a->qf, a->text, a->len, p->pstart);

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

/* True when piece k is a fragment worked into the reporter's sentence
 * between two pieces of which the first is not (“A,” she said after
 * hinting that “staff changes” could come. “B.”): it opens with a
 * lower-case letter after a word and has six words at most. */
static bool worked_fragment(const struct cd_attrib *a, size_t k)
{
	const struct cd_qpiece *p = &a->qf.p[k];
	struct cd_qattr tq;

	memset(&tq, 0, sizeof(tq));
	tq.start = p->start, tq.end = p->end;
	return after_word(a, k) && !after_word(a, k - 1)
	       && a->text[p->start] >= 'a' && a->text[p->start] <= 'z'
	       && words(a, &tq) <= 6;
}

/* True when piece k, the title of a work or a fragment worked in, stands
 * in the attribution that interrupts pieces k - 1 and k + 1 of one
 * utterance (“A,” she said on WXYZ's “Morning Call.” “B.”, “A,” she
 * told “Harbour News” on Monday. “B.”, “A,” she said after hinting that
 * “staff changes” could come. “B.”): it is marked aside, part of
 * neither; a fragment is also said, a quotation of its own.  Tried
 * before the pair k - 1, k: a cue before the title would make it the
 * second piece. */
static bool set_aside(struct cd_attrib *a, size_t k)
{
	struct cd_qpiece *p = &a->qf.p[k];
	struct cd_qattr tq;
	bool title;

	/* after "said," or "said:" it is the words said, not a title */
	if (p->para != p[-1].para || p->para != p[1].para || p->cont
	    || p->contd || cd_aw_punct(a, a->pmap[k] - 1, ',')
	    || cd_aw_punct(a, a->pmap[k] - 1, ':'))
		return false;
	memset(&tq, 0, sizeof(tq));
	tq.piece = k, tq.npieces = 1, tq.start = p->start, tq.end = p->end;
	title = title_of_work(a, &tq);
	if (!title && !worked_fragment(a, k))
		return false;
	p->aside = true;
	if (interrupted(a, k - 1, k + 1)) {
		p->said = !title;
		return true;
	}
	p->aside = false;
	return false;
}

/* Write each fragment set aside (said) as a quotation of its own, right
 * after the one whose attribution holds it. */
static void own_asides(struct cd_attrib *a)
{
	size_t i, k, extra = 0, w;

	for (k = 0; k < a->qf.n; k++)
		extra += a->qf.p[k].said;
	if (extra == 0)
		return;
	a->q = cd_xgrow(a->q, &a->qcap, a->nq + extra, sizeof(*a->q));
	w = a->nq + extra;
	for (i = a->nq; i-- > 0;) {
		struct cd_qattr q = a->q[i];

		for (k = q.piece + q.npieces; k-- > q.piece;) {
			struct cd_qattr *f = &a->q[--w];

			if (!a->qf.p[k].said) {
				w++;
				continue;
			}
			memset(f, 0, sizeof(*f));
			f->piece = k, f->npieces = 1;
			f->start = a->qf.p[k].start, f->end = a->qf.p[k].end;
			f->para = q.para, f->kind = q.kind;
		}
		a->q[--w] = q;
	}
	a->nq += extra;
}

/* Join the pieces into quotations. */
static void group(struct cd_attrib *a, size_t nhead)
{
	size_t k;
	struct cd_qattr *q;

	for (k = 0; k < a->qf.n; k++) {
		if (k > 0 && k + 1 < a->qf.n && set_aside(a, k)) {
			a->q[a->nq - 1].npieces += 2;
			a->q[a->nq - 1].end = a->qf.p[++k].end;
			continue;
		}
		if (k > 0 && (a->qf.p[k].contd || interrupted(a, k - 1, k)
			      || goes_on_below(a, k - 1)
			      || goes_on_later(a, k - 1) || elided(a, k - 1))) {
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
	own_asides(a);
	for (k = 0; k < a->nq; k++)
		if (a->q[k].kind != CD_QK_HEADLINE)
			a->q[k].kind = repeats_headline(a, &a->q[k], nhead)
				       || subheading(a, &a->q[k])
				       ? CD_QK_HEADLINE : kind_of(a, &a->q[k]);
}

/* True when quotation q is followed by "by" and a capitalised word: the
 * title of an article, a book or a song and its author ("“Met accused
 * of whitewashing baby Jesus,” by Post's Kathianne Boniello"). */
static bool by_author(const struct cd_attrib *a, const struct cd_qattr *q)
{
	size_t t = a->pmap[q->piece + q->npieces - 1];

	return t + 2 < a->nt && cd_at_word_is(a, t + 1, "by")
	       && a->t[t + 1].para == a->t[t].para && a->t[t + 2].cap
	       && a->t[t + 2].type == T_WORD;
}

/* True when s[lo..hi) holds n[0..len) folded to ASCII lower case. */
static bool holds_fold(const char *s, size_t lo, size_t hi, const char *n,
		       size_t len)
{
	size_t i;

	if (len == 0 || hi - lo < len)
		return false;
	for (i = lo; i + len <= hi; i++)
		if (cd_text_ieq(s + i, n, len))
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

/* True when quotation q, read as a title of a work, follows a word
 * naming a work or a capitalised possessive: the book “Winter in
 * Ostby”, a column titled “...”, on WXYZ's “Morning Call”. */
static bool named_work(const struct cd_attrib *a, const struct cd_qattr *q)
{
	size_t t0 = a->pmap[q->piece];
	const struct cd_tok *pv = t0 ? &a->t[t0 - 1] : NULL;

	/* a Web ad, “Playing Ostby,” but not words said after a comma
	 * (At the film's premiere, “Amazing,” Ann said.) */
	if (pv && pv->type == T_PUNCT && pv->ch == ',' && t0 >= 2) {
		if (cd_aw_from_after(a, t0).has_cue)
			return false;
		pv--;
	}
	/* (a headline capitalises every word: no sign of a title there) */
	return q->kind != CD_QK_HEADLINE && pv && pv->type == T_WORD
	       && pv->para == a->t[t0].para
	       && ((pv->flags & LX_WORK) || (pv->poss && pv->cap))
	       && title_of_work(a, q);
}

/* True when quotation q is a term in a noun phrase, not words said: a
 * fragment of three words at most after a determiner or a name's
 * possessive (an “outsider”, the “big four”, its “safety check”,
 * Ostby's “silver standard”). */
static bool quoted_term(const struct cd_attrib *a, const struct cd_qattr *q)
{
	size_t t0 = a->pmap[q->piece], last;
	const struct cd_tok *pv = t0 ? &a->t[t0 - 1] : NULL;

	/* (after a cue the determiner opens reported words: Ann said the
	 * “deal is dead”, Tom told her “no way”) */
	return q->kind == CD_QK_FRAGMENT && q->npieces == 1 && words(a, q) <= 3
	       && pv && pv->type == T_WORD && pv->para == a->t[t0].para
	       && ((pv->flags & LX_DET) || (pv->poss && pv->cap))
	       && !(t0 >= 2 && cd_at_is_cue(a, t0 - 2, &last));
}

/* True when quotation qi is a pull quote repeating a quotation of the
 * body: nobody named as its speaker, its last line a signature (a
 * capital first, twelve words at most: “A.\nAnn Lund, Harbour
 * Board.”) and its words before that line, four at least, held in
 * another quotation of the text. */
static bool pull_repeat(const struct cd_attrib *a, size_t qi)
{
	const struct cd_qattr *q = &a->q[qi];
	const char *s = a->text;
	struct cd_qattr part = { 0 };
	size_t nl, hi, i;

	if (q->npieces != 1 || q->kind == CD_QK_HEADLINE || q->has_speaker)
		return false;
	for (nl = q->end; nl > q->start && s[nl - 1] != '\n'; nl--)
		;
	if (nl <= q->start + 1 || nl >= q->end || !(s[nl] >= 'A' && s[nl] <= 'Z'))
		return false;
	for (hi = nl - 1; hi > q->start && strchr(" \r.,", s[hi - 1]); hi--)
		;
	part.start = nl, part.end = q->end;
	if (words(a, &part) > 12)
		return false;
	part.start = q->start, part.end = hi;
	if (hi == q->start || words(a, &part) < 4)
		return false;
	for (i = 0; i < a->nq; i++)
		if (i != qi && a->q[i].kind != CD_QK_HEADLINE
		    && holds_fold(s, a->q[i].start, a->q[i].end, s + q->start,
				  hi - q->start))
			return true;
	return false;
}

/* Drop the pull quotes that repeat a quotation of the body. */
static void drop_pull_quotes(struct cd_attrib *a)
{
	size_t i;

	for (i = 0; i < a->nq; i++)
		if (pull_repeat(a, i)) {
			memmove(&a->q[i], &a->q[i + 1],
				(a->nq - i - 1) * sizeof(*a->q));
			a->nq--, i--;
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
		if (q->kind != CD_QK_FRAGMENT && !q->has_cue && by_author(a, q))
			continue;
		if (quoted_term(a, q) || named_work(a, q))
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
	cd_hmap_free(&a->etab);
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
	cd_hmap_clear(&a->etab);
	a->qf.title_line = title_first;
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
	if (!a->keep_all) {
		drop_pull_quotes(a);
		drop_unsaid(a);
	}
	return a->nq;
}

void cd_attrib_quote_text(const struct cd_attrib *a, size_t qi,
			  struct cd_buf *out)
{
	const struct cd_qattr *q = &a->q[qi];
	const struct cd_qpiece *p = &a->qf.p[q->piece], *pv;
	size_t k;

	for (k = 0; k < q->npieces; k++, p++) {
		if (p->aside && q->npieces > 1)
			continue;
		if (k > 0) {
			for (pv = p - 1; pv->aside; pv--)
				;
			cd_buf_add(out, a->text + pv->end, pv->close - pv->end);
			cd_buf_adds(out, " \xE2\x80\xA6 ");
			cd_buf_add(out, a->text + p->open, p->start - p->open);
		}
		cd_buf_add(out, a->text + p->start, p->end - p->start);
	}
}
