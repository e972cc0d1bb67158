/*
 * attrib_int.h - what attribtok.c (the tokens, sentences, names and
 * sentence subjects of a document) and attrib.c (who said each
 * quotation) share.  Private to those two files.
 */
#ifndef CD_ATTRIB_INT_H
#define CD_ATTRIB_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "attrib.h"
#include "lex_int.h"

enum { T_WORD, T_PUNCT, T_QUOTE };

/* One word, punctuation mark or quoted piece of the text.  Offsets and
 * indices are 32 bits (cd_attrib_text reads at most CD_ATTRIB_MAX bytes):
 * 52 bytes a token instead of 96, the tokens are read again and again. */
struct cd_tok {
	uint32_t s, e;		/* the word; e excludes a possessive 's */
	uint32_t lx;		/* its lexicon entry + 1, or 0 */
	uint32_t flags;		/* lexicon classes of the word */
	uint32_t ch;		/* T_PUNCT: the character */
	uint32_t sent, para;
	uint32_t piece;		/* T_QUOTE: the piece */
	uint32_t ent;		/* last token of a name run: entity + 1 */
	uint32_t rlast;		/* in a name run: its last token + 1 */
	uint32_t run0;		/* last token of a name run: its first token */
	uint32_t n0;		/* last token of a name run: first name word */
	unsigned char type;
	bool cap;		/* starts with a capital letter */
	bool poss;		/* ends in 's */
	bool send;		/* a sentence ends after this token */
};

/* The lexicon entry of token t, or NULL. */
static inline const struct lexent *cd_at_tok_lx(const struct cd_attrib *a,
						const struct cd_tok *t)
{
	return t->lx ? &a->lex->e[t->lx - 1] : NULL;
}

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

/* True for the bytes a blank line may hold (as quote.c's paragraphs). */
bool cd_at_blank_byte(unsigned char c);

/* True when token i is a party and state ("R-Ky.", "D-N.Y."): not a
 * name, but an apposition after one. */
bool cd_at_party_state(const struct cd_attrib *a, size_t i);

/* The last byte of text[lo..hi) before any closing marks of a
 * quotation inside it (“He said, ‘no,’” gives ','), or 0 when empty. */
char cd_at_last_before_marks(const char *s, size_t lo, size_t hi);

/* Decode the code point at s[i] (len bounded), storing its length. */
uint32_t cd_at_cp_at(const char *s, size_t len, size_t i, size_t *n);

/* Split the text into tokens; quoted pieces become one token each. */
void cd_at_tokenize(struct cd_attrib *a);

/* Mark sentence ends and number the sentences. */
void cd_at_sentences(struct cd_attrib *a);

/* True when token i is the word w (lower case). */
bool cd_at_word_is(const struct cd_attrib *a, size_t i, const char *w);
/* True when token i is a word of list[0..k) (lower case, ASCII case
 * ignored). */
bool cd_at_word_in(const struct cd_attrib *a, size_t i,
		   const char *const *list, size_t k);
/* True when token i is "one" or "another": a person of those named
 * ("one said", "said another"). */
bool cd_at_one_another(const struct cd_attrib *a, size_t i);
/* True when token i is preceded by a preposition (not a subject). */
bool cd_at_after_prep(const struct cd_attrib *a, size_t i);

/* The entity a mention of entity e stands for (a surname alone stands for
 * its best full name). */
size_t cd_at_ent_canon(const struct cd_attrib *a, size_t e);

/* The role entry (+ 1) a title or role token stands for, or 0. */
size_t cd_at_tok_role(const struct cd_attrib *a, const struct cd_tok *t);

/* Whether token i starts a cue: a one-word cue, or the first word of a
 * two-word one ("according to"); *last gets the cue's last token. */
bool cd_at_is_cue(const struct cd_attrib *a, size_t i, size_t *last);

/* Find the name runs and their entities, pick each surname's best full
 * name, then give the entities the roles said around their mentions. */
void cd_at_names(struct cd_attrib *a);

/* The gender of a subject pronoun token: m (he), f (she), p (they, we),
 * x (I), or 0 for any other word. */
char cd_at_subj_pron(const struct cd_attrib *a, const struct cd_tok *t);

/* The entity (+ 1) a pronoun of gender g at token i means: the subject of
 * the nearest sentence before it whose subject fits, else the nearest
 * fitting person named just before it; 0 when there is none. */
size_t cd_at_resolve_pron(const struct cd_attrib *a, size_t i, char g);

/* The entity (+ 1) known by role r named last before token i, else
 * first in the sentences just after it; 0 when there is none. */
size_t cd_at_resolve_role(const struct cd_attrib *a, size_t i, size_t r);

/* Find each sentence's subject: its first person named or meant (he,
 * she) that does not follow a preposition or own something. */
void cd_at_subjects(struct cd_attrib *a);

/* ---- the speaker mentions of a quotation (attribwho.c) ---- */

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

/* True when token i is the punctuation character c. */
bool cd_aw_punct(const struct cd_attrib *a, size_t i, uint32_t c);

/* True when token i is a dash: - – — ―. */
bool cd_aw_dash(const struct cd_attrib *a, size_t i);

/* A mention of kind k over tokens m0..m1. */
struct who cd_aw_who_make(int k, size_t m0, size_t m1);

/* The mention whose last word is token j, if it can name a speaker. */
struct who cd_aw_mention_at(const struct cd_attrib *a, size_t lo, size_t j);

/* True when the cue at token i is a participle ("saying", "adding"). */
bool cd_aw_participle(const struct cd_attrib *a, size_t i);

/* The first cue in tokens lo..hi-1 (last when from_end); false if none. */
bool cd_aw_find_cue(const struct cd_attrib *a, size_t lo, size_t hi,
		     bool from_end, size_t *cue, size_t *last);

/* The speaker of the cue at cue..last within lo..hi: left of it, or right
 * of it for "according to" and, when inverted, "said Trump". */
struct who cd_aw_by_cue(const struct cd_attrib *a, size_t lo, size_t hi,
			 size_t cue, size_t last, bool inverted);

/* The first token of the words before quotation token t0 that may hold
 * its attribution: back to the sentence start, the paragraph start or
 * the previous quotation. */
size_t cd_aw_span_before(const struct cd_attrib *a, size_t t0);

/* The speaker named in the words lo..t0-1 before a quotation: "X said:",
 * "X said," "X said that", "said X:", or a colon introduction "X:". */
struct who cd_aw_from_before(const struct cd_attrib *a, size_t lo,
			      size_t t0);

/* True when quotation token t ends its sentence and a capitalised
 * pronoun opens the next one ("“...?” He answered, ..."). */
bool cd_aw_next_sentence(const struct cd_attrib *a, size_t t);

/* The speaker named after quotation token t: "..., Trump said",
 * "..., said Caddell", "... according to Politifact". */
struct who cd_aw_from_after(const struct cd_attrib *a, size_t t);

#endif
