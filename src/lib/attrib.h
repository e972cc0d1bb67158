/*
 * attrib.h - who said it: the attribution of each quotation found by
 * quote.h to a speaker (SPEC "copydesk-quote"), using the word lists of
 * lex.h.
 *
 * attrib.c attributes; attribtok.c splits the text into tokens, sentences
 * and names first (the two share attrib_int.h).  A struct cd_attrib is the
 * per-document workspace: cd_attrib_text() finds the quotations of a text,
 * joins the pieces of one utterance (a quotation interrupted by its
 * attribution, or running over paragraphs), classifies each as quote,
 * fragment or headline and attributes it:
 *
 *   - a cue verb before or after it ("Trump said", "said Caddell",
 *     "he told reporters"), "according to X", a colon introduction;
 *   - a quote-only paragraph continues the previous paragraph's speaker;
 *   - pronouns go to the subject of a recent sentence whose gender fits,
 *     role nouns ("the aide") to the latest person known by that role;
 *   - titles are stripped and a surname is expanded to the fullest form of
 *     the name used in the document.
 *
 * When the text does not say who spoke the speaker is absent: no guess is
 * presented as fact.  Nothing here prints or exits except on out of memory.
 */
#ifndef CD_ATTRIB_H
#define CD_ATTRIB_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "hmap.h"
#include "lex.h"
#include "quote.h"

enum cd_qkind { CD_QK_QUOTE, CD_QK_FRAGMENT, CD_QK_HEADLINE };

/* One quotation.  Offsets are bytes into the text given to
 * cd_attrib_text(); a field that is absent has its has_ flag false. */
struct cd_qattr {
	size_t piece, npieces;	/* its pieces: a->qf.p[piece...] */
	size_t start, end;	/* text of the first piece to end of last */
	size_t para;		/* 1-based paragraph (line) number */
	enum cd_qkind kind;
	bool has_speaker;	/* the canonical name is pool[spk..+spklen) */
	size_t spk, spklen;
	bool has_mention;	/* the words naming the speaker */
	size_t men_start, men_end;
	bool has_cue;		/* the cue verb */
	size_t cue_start, cue_end;
};

struct cd_tok;
struct cd_ent;

/* The per-document workspace.  Reuse it for every document; every array
 * is reset by cd_attrib_text() and keeps its storage. */
struct cd_attrib {
	const struct cd_lex *lex;	/* borrowed */
	struct cd_qfind qf;
	struct cd_qattr *q;		/* the quotations, in text order */
	size_t nq, qcap;
	struct cd_buf pool;		/* the speakers' names */
	bool keep_all;			/* keep unattributed fragments */
	/* scratch */
	const char *text;
	size_t len;
	struct cd_tok *t;
	size_t nt, tcap;
	struct cd_ent *e;
	size_t ne, ecap;
	size_t *subj;			/* per sentence: entity + 1, or 0 */
	size_t nsent, scap;
	size_t *pmap;			/* piece index -> token index */
	size_t pmcap;
	struct cd_hmap etab;		/* entity id -> entity */
	size_t hl[3][2];		/* headline paragraphs: start, end */
};

/* Set up a workspace using the word lists lex (borrowed: it must outlive
 * the workspace). */
void cd_attrib_init(struct cd_attrib *a, const struct cd_lex *lex);
void cd_attrib_release(struct cd_attrib *a);

/* The longest text cd_attrib_text() reads (its tokens hold 32-bit
 * offsets); copydesk-quote reads windows of about a megabyte. */
#define CD_ATTRIB_MAX ((size_t)0xFFFFFFF0u)

/*
 * Find and attribute the quotations of text[0..len) (valid UTF-8); only
 * the first CD_ATTRIB_MAX bytes of a longer text are read.  When
 * title_first is true the first line is the document's title and every
 * quotation in it is a headline.  Fragments and headline quotations that
 * nobody is said to have said (scare quotes, titles of works, nicknames)
 * are dropped unless a->keep_all is set.  Returns a->nq; the results are valid
 * until the next call.  text must stay valid while they are used.
 */
size_t cd_attrib_text(struct cd_attrib *a, const char *text, size_t len,
		      bool title_first);

/*
 * Append the text of quotation qi to out, without its outer quotation
 * marks.  The pieces of a quotation interrupted by its attribution, or
 * running over paragraphs, are joined with " … ", keeping the inner marks
 * so the seam shows: “A,” he said, “B.” gives A,” … “B.
 */
void cd_attrib_quote_text(const struct cd_attrib *a, size_t qi,
			  struct cd_buf *out);

/* The name of kind k: "quote", "fragment" or "headline". */
const char *cd_qkind_name(enum cd_qkind k);

#endif
