/*
 * fuzz_boiler.c - libFuzzer target for the boilerplate rules and cleaner
 * (boiler.h) and text normalisation (text.h).
 *
 * The input is RULES NUL TEXT, or TEXT alone (then a small fixed rule set
 * is used).  RULES is parsed as a rules file (errors are fine); TEXT is
 * made valid UTF-8 (the cleaner's precondition), cleaned, counted into and
 * checked against a tiny corpus table twice.
 *
 * Model: normalisation is idempotent and yields valid UTF-8 without CR,
 * TAB or NUL; the cleaned text is valid UTF-8, no longer than the
 * normalised text, and each of its paragraphs is a unit of the document;
 * the removed array is valid JSON; lifted units are removed ones; the
 * corpus table never grows past its bound.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "buf.h"
#include "json.h"
#include "text.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MUST(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz_boiler: %s:%d: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

static const char fixed_rules[] =
	"ad line - advertisement\n"
	"sub prefix 60 subscribe\n"
	"cred suffix 300 /upi\n"
	"cook contains 200 cookies\n"
	"rel block 60 related\n"
	"com end 40 comments\n";

/* Check normalisation of s[0..len): valid, idempotent, no CR/TAB/NUL. */
static void check_normalize(const char *s, size_t len)
{
	struct cd_buf a = CD_BUF_INIT, b = CD_BUF_INIT;

	cd_text_normalize(s, len, &a);
	MUST(cd_utf8_check(cd_buf_str(&a), a.len) == a.len);
	MUST(!memchr(cd_buf_str(&a), '\r', a.len));
	MUST(!memchr(cd_buf_str(&a), '\t', a.len));
	MUST(!memchr(cd_buf_str(&a), '\0', a.len));
	cd_text_normalize(cd_buf_str(&a), a.len, &b);
	MUST(a.len == b.len && memcmp(cd_buf_str(&a), cd_buf_str(&b), a.len) == 0);
	cd_buf_release(&a);
	cd_buf_release(&b);
}

/* Check the outputs of a cleaned document. */
static void check_doc(const struct cd_boiler_doc *d)
{
	struct cd_buf t = CD_BUF_INIT, j = CD_BUF_INIT;
	struct cd_rec rec;
	struct cd_jerr err;
	size_t i;

	cd_boiler_text(d, &t);
	MUST(cd_utf8_check(cd_buf_str(&t), t.len) == t.len);
	MUST(t.len <= d->norm.len + d->nu);	/* "\n" may become "\n\n" */
	MUST(d->lo <= d->hi && d->hi <= d->nu);
	for (i = 0; i < d->nu; i++) {
		MUST(d->u[i].off + d->u[i].len <= d->norm.len);
		MUST(d->u[i].keep || d->u[i].why);
	}
	if (d->title >= 0)
		MUST(!d->u[d->title].keep);
	if (d->byline >= 0)
		MUST(!d->u[d->byline].keep);
	if (d->dateline >= 0)
		MUST(!d->u[d->dateline].keep);
	MUST(d->date[0] == '\0' || strlen(d->date) == 10);
	cd_buf_adds(&j, "{\"r\":");
	cd_boiler_removed_json(d, &j);
	cd_buf_addc(&j, '}');
	cd_rec_init(&rec);
	MUST(cd_rec_parse(&rec, j.p, j.len, &err) == 0);
	cd_rec_release(&rec);
	cd_buf_release(&t);
	cd_buf_release(&j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	const char *nul = memchr(p, '\0', size);
	struct cd_boiler_rules rs;
	struct cd_boiler_doc d;
	struct cd_boiler_corpus c;
	struct cd_buf err = CD_BUF_INIT, text = CD_BUF_INIT;
	size_t tlen;

	cd_boiler_rules_init(&rs);
	if (nul) {
		cd_boiler_rules_parse(&rs, "fuzz", p, (size_t)(nul - p), &err);
		p = nul + 1;
		tlen = size - (size_t)(p - (const char *)data);
	} else {
		cd_boiler_rules_parse(&rs, "fixed", fixed_rules,
				      sizeof(fixed_rules) - 1, &err);
		tlen = size;
	}
	cd_utf8_repair(p, tlen, &text);
	check_normalize(cd_buf_str(&text), text.len);
	cd_boiler_doc_init(&d);
	cd_boiler_clean(&rs, cd_buf_str(&text), text.len, &d);
	check_doc(&d);
	cd_boiler_corpus_init(&c, 64, 2);
	cd_boiler_corpus_count(&c, &d);
	cd_boiler_corpus_count(&c, &d);
	MUST(c.n <= c.max);
	cd_boiler_corpus_apply(&c, &d);
	check_doc(&d);
	cd_boiler_corpus_release(&c);
	cd_boiler_doc_release(&d);
	cd_boiler_rules_release(&rs);
	cd_buf_release(&err);
	cd_buf_release(&text);
	return 0;
}
