/*
 * fuzz_quote.c - libFuzzer target for the quotation finder and the speaker
 * attribution (quote.h, attrib.h): any bytes must give quotations whose
 * pieces, offsets, mentions and speakers stay inside the text, in order,
 * and a cut for reading it in windows (cd_quote_cut) lies in the second
 * half of the window, outside every quotation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "quote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A small word list of every kind, built once. */
static struct cd_lex *fuzz_lex(void)
{
	static const struct { const char *line; enum cd_lexfile kind; } w[] = {
		{ "said", CD_LEXF_CUES }, { "added", CD_LEXF_CUES },
		{ "told", CD_LEXF_CUES }, { "according to", CD_LEXF_CUES },
		{ "adding", CD_LEXF_CUES }, { "president", CD_LEXF_TITLES },
		{ "sen. senator", CD_LEXF_TITLES }, { "mr. man", CD_LEXF_TITLES },
		{ "aide", CD_LEXF_ROLES }, { "man m", CD_LEXF_ROLES },
		{ "senator", CD_LEXF_ROLES }, { "he m", CD_LEXF_PRONOUNS },
		{ "she f", CD_LEXF_PRONOUNS }, { "they p", CD_LEXF_PRONOUNS },
		{ "anna f", CD_LEXF_NAMES }, { "tom m", CD_LEXF_NAMES },
		{ "stop the", CD_LEXF_WORDS }, { "stop but", CD_LEXF_WORDS },
		{ "skip also", CD_LEXF_WORDS }, { "det the", CD_LEXF_WORDS },
		{ "det a", CD_LEXF_WORDS }, { "prep of", CD_LEXF_WORDS },
		{ "part de", CD_LEXF_WORDS },
		{ "plural officials", CD_LEXF_WORDS }
	};
	static struct cd_lex *lex;
	char err[64];
	size_t i;

	if (lex)
		return lex;
	lex = cd_lex_new();
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (cd_lex_add_line(lex, w[i].line, strlen(w[i].line), w[i].kind,
				    err, sizeof(err)) < 0)
			abort();
	return lex;
}

/* Abort unless every quotation of a keeps the attrib.h contract. */
static void check(const struct cd_attrib *a, size_t len)
{
	size_t i, k, prev = 0;

	for (i = 0; i < a->nq; i++) {
		const struct cd_qattr *q = &a->q[i];

		if (q->start > q->end || q->end > len || q->start < prev)
			abort();
		if (q->npieces == 0 || q->piece + q->npieces > a->qf.n)
			abort();
		for (k = q->piece; k < q->piece + q->npieces; k++) {
			const struct cd_qpiece *p = &a->qf.p[k];

			if (p->open >= p->start || p->start >= p->end
			    || p->end > p->close || p->close > len)
				abort();
		}
		if (q->has_mention && (q->men_start >= q->men_end
				       || q->men_end > len))
			abort();
		if (q->has_cue && (q->cue_start >= q->cue_end
				   || q->cue_end > len))
			abort();
		if (q->has_speaker && q->spk + q->spklen > a->pool.len)
			abort();
		prev = q->start;
	}
}

/* Abort unless the cut of the window text[0..lim) of the pieces in qf
 * keeps the quote.h contract, and paragraphs count within bounds. */
static void check_cut(const struct cd_qfind *qf, const char *text,
		      size_t len)
{
	size_t lim = len / 2 + 1, c, k;

	if (len < 4)
		return;
	c = cd_quote_cut(qf, text, lim);
	if (c != 0 && (c <= lim / 2 || c > lim))
		abort();
	for (k = 0; c != 0 && k < qf->n; k++)
		if (qf->p[k].open < c && c < qf->p[k].close)
			abort();
	if (cd_quote_paras(qf, text, 0, len) > qf->npara)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cd_attrib a;
	static bool ready;
	struct cd_buf b = CD_BUF_INIT;
	size_t i;

	if (!ready) {
		cd_attrib_init(&a, fuzz_lex());
		ready = true;
	}
	/* the first byte chooses the options */
	a.keep_all = size > 0 && (data[0] & 1);
	a.qf.old_marks = size > 0 && (data[0] & 2);
	cd_attrib_text(&a, (const char *)data, size, size > 0 && (data[0] & 4));
	check(&a, size);
	check_cut(&a.qf, (const char *)data, size);
	for (i = 0; i < a.nq; i++) {
		cd_buf_reset(&b);
		cd_attrib_quote_text(&a, i, &b);
	}
	cd_buf_release(&b);
	return 0;
}
