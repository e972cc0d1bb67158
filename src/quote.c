/*
 * copydesk-quote - one record per direct quotation, with its speaker
 * (SPEC "copydesk-quote").  The finding and attribution live in
 * src/lib/quote.c and src/lib/attrib.c; this is the option loop, the
 * record loop and the output record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "buf.h"
#include "json.h"
#include "msg.h"
#include "opt.h"
#include "out.h"
#include "run.h"

static const struct cd_progspec spec = {
	"usage: copydesk-quote [options] [file ...]",
	"Write one record per direct quotation in the documents, with its speaker.\n"
	"      --all                 also write quoted words nobody is said to have said [off]\n"
	"      --cues FILE           add the cue verbs in FILE [cue-verbs.txt]\n"
	"      --names FILE          add the first names in FILE [first-names.txt]\n"
	"      --old-quotes          read ``...'' and ''...'' as quotation marks [off]\n"
	"      --roles FILE          add the role nouns in FILE [role-nouns.txt]\n"
	"      --titles FILE         add the titles in FILE [titles.txt]\n"
	CD_COMMON_HELP
	"See copydesk-quote(1).\n"
};

enum {
	OPT_ALL = CD_OPT_PROG, OPT_CUES, OPT_NAMES, OPT_OLD, OPT_ROLES,
	OPT_TITLES
};

/* The user's extra word lists, in the order given. */
struct extra {
	const char *path;
	enum cd_lexfile kind;
};

struct opts {
	struct cd_common co;
	struct extra *extra;
	size_t nextra;
	bool all;		/* --all */
	bool old_quotes;	/* --old-quotes */
};

/* The state of the record loop. */
struct ctx {
	struct cd_attrib at;
	struct cd_buf text;	/* title + "\n" + text when there is a title */
	struct cd_buf s;	/* scratch */
	struct cd_buf id;	/* the document's id, decoded */
	size_t base;		/* offset in text of the window being read */
	size_t emit;		/* quotations starting before it are written */
	size_t pbase;		/* text paragraphs before the window */
	size_t nq;		/* quotations of the document so far */
};

/*
 * A text longer than QUOTE_CHUNK is read in windows of at most
 * QUOTE_CHUNK bytes, so memory stays linear in the window, not in a
 * pathological record (the attribution keeps some 100 bytes per word).
 * A window ends where no quotation is open (cd_quote_cut), and the next
 * one starts up to QUOTE_CONTEXT bytes earlier, at a line, so that the
 * words before a quotation still name its speaker; the quotations of
 * that overlap were written from the window before.  Only a quotation
 * longer than half a window is cut; a name given in full more than a
 * window before is not expanded.
 */
#define QUOTE_CHUNK ((size_t)1 << 20)
#define QUOTE_CONTEXT ((size_t)16 << 10)

/* Load one word list or stop with a message naming it. */
static void load(struct cd_lex *lex, const char *path, enum cd_lexfile kind)
{
	char err[256];

	if (cd_lex_load(lex, path, kind, err, sizeof(err)) < 0)
		cd_fatal("%s: %s", path, err);
}

/* Load the installed word lists, then the user's. */
static struct cd_lex *load_lex(const struct opts *o)
{
	struct cd_lex *lex = cd_lex_new();
	char err[512];
	size_t i;

	if (cd_lex_load_installed(lex, err, sizeof(err)) < 0)
		cd_fatal("%s", err);
	for (i = 0; i < o->nextra; i++)
		load(lex, o->extra[i].path, o->extra[i].kind);
	return lex;
}

/* Append ,"key": (key needs no escaping); printf was 5% of the time. */
static void add_key(struct cd_buf *b, const char *key)
{
	cd_buf_adds(b, ",\"");
	cd_buf_adds(b, key);
	cd_buf_adds(b, "\":");
}

/* Append ,"key":value where value is the raw JSON of member key of rec,
 * when rec has it. */
static void copy_member(struct cd_buf *b, const struct cd_rec *rec,
			const char *key)
{
	const struct cd_field *f = cd_rec_find(rec, key);

	if (!f)
		return;
	add_key(b, key);
	cd_buf_add(b, f->val, f->vlen);
}

/* Append ,"key":N, or null when absent. */
static void add_off(struct cd_buf *b, const char *key, bool has, size_t v)
{
	add_key(b, key);
	if (has)
		cd_buf_add_uint(b, v);
	else
		cd_buf_adds(b, "null");
}

/* Append ,"key":"text[lo..hi)", or null when absent. */
static void add_str(struct cd_buf *b, const char *key, bool has,
		    const char *p, size_t len)
{
	add_key(b, key);
	if (has)
		cd_buf_add_json(b, p, len);
	else
		cd_buf_adds(b, "null");
}

/* Build the record of quotation qi; tlen is the title's length in the
 * scanned text plus its newline, or 0 when there is no title. */
static void quote_record(struct ctx *c, struct cd_run *run,
			 const struct cd_rec *rec, size_t qi, size_t tlen)
{
	const struct cd_qattr *q = &c->at.q[qi];
	const char *t = c->text.p + c->base;
	struct cd_buf *b = &run->out;
	bool in_title = c->base == 0 && tlen && q->start < tlen;
	size_t off = in_title ? 0 : tlen - c->base;
	const struct cd_field *id = cd_rec_find(rec, "id");

	cd_buf_reset(b);
	cd_buf_reset(&c->s);
	cd_buf_add(&c->s, c->id.p, c->id.len);
	cd_buf_adds(&c->s, "#q");
	cd_buf_add_uint(&c->s, ++c->nq);
	cd_buf_adds(b, "{\"id\":");
	cd_buf_add_json(b, c->s.p, c->s.len);
	cd_buf_adds(b, ",\"doc\":");
	if (id && (id->type == CD_JSTR || id->type == CD_JNUM))
		cd_buf_add(b, id->val, id->vlen);
	else
		cd_buf_add_json(b, c->id.p, c->id.len);
	cd_buf_reset(&c->s);
	cd_attrib_quote_text(&c->at, qi, &c->s);
	add_str(b, "quote", true, c->s.p, c->s.len);
	/* the pool is empty (NULL) when no quotation has a speaker */
	add_str(b, "speaker", q->has_speaker,
		q->has_speaker ? c->at.pool.p + q->spk : "", q->spklen);
	add_str(b, "mention", q->has_mention, t + q->men_start,
		q->men_end - q->men_start);
	/* a mention in the other field has no offset in this one */
	add_off(b, "mention_start", q->has_mention && in_title == (c->base == 0
		&& tlen && q->men_start < tlen), q->men_start - off);
	add_off(b, "mention_end", q->has_mention && in_title == (c->base == 0
		&& tlen && q->men_start < tlen), q->men_end - off);
	add_str(b, "cue", q->has_cue, t + q->cue_start,
		q->cue_end - q->cue_start);
	add_off(b, "start", true, q->start - off);
	add_off(b, "end", true, q->end - off);
	add_off(b, "para", true,
		c->pbase + (c->base == 0 && tlen ? q->para - 1 : q->para));
	cd_buf_adds(b, ",\"kind\":\"");
	cd_buf_adds(b, cd_qkind_name(q->kind));
	cd_buf_adds(b, "\"");
	if (in_title)
		cd_buf_adds(b, ",\"field\":\"title\"");
	copy_member(b, rec, "date");
	copy_member(b, rec, "source");
	copy_member(b, rec, "title");
	cd_buf_adds(b, "}\n");
}

/* Put the title (newlines made spaces) and a line end in c->text, the
 * text to follow; returns their length, or 0 when the record has no
 * usable title. */
static size_t put_title(struct ctx *c, struct cd_run *run,
			const struct cd_rec *rec)
{
	size_t i;

	cd_buf_reset(&c->text);
	if (strcmp(run->co->field, "title") != 0
	    && cd_rec_string(rec, "title", &c->s) && c->s.len > 0
	    && !memchr(c->s.p, '\0', c->s.len)) {
		for (i = 0; i < c->s.len; i++)
			if (c->s.p[i] == '\n' || c->s.p[i] == '\r')
				c->s.p[i] = ' ';
		cd_buf_add(&c->text, c->s.p, c->s.len);
		cd_buf_addc(&c->text, '\n');
	}
	return c->text.len;
}

/* The document's id for the quotation ids: its "id", else FILE:LINE. */
static void doc_id(struct ctx *c, struct cd_run *run, const struct cd_rec *rec)
{
	const struct cd_field *f = cd_rec_find(rec, "id");

	cd_buf_reset(&c->id);
	if (f && f->type == CD_JSTR)
		cd_rec_string(rec, "id", &c->id);
	else if (f && f->type == CD_JNUM)
		cd_buf_add(&c->id, f->val, f->vlen);
	else
		cd_buf_addf(&c->id, "%s:%llu", cd_inname(run->file),
			    (unsigned long long)run->line);
}

/* The last character boundary at or before from + QUOTE_CHUNK. */
static size_t char_cut(const char *t, size_t from)
{
	size_t lim = from + QUOTE_CHUNK;

	while (lim > from + 1 && ((unsigned char)t[lim] & 0xC0) == 0x80)
		lim--;
	return lim;
}

/* The end of the window that starts at c->base: the whole rest when it
 * is short, else a cut outside every quotation (cd_quote_cut), else the
 * last character boundary in QUOTE_CHUNK bytes. */
static size_t window_end(struct ctx *c)
{
	const char *t = c->text.p + c->base;
	size_t n = c->text.len - c->base, lim, cut;

	if (n <= QUOTE_CHUNK)
		return c->text.len;
	lim = char_cut(c->text.p, c->base) - c->base;
	cd_quote_find(&c->at.qf, t, lim + 1 < n ? lim + 1 : n);
	cut = cd_quote_cut(&c->at.qf, t, lim);
	return c->base + (cut ? cut : lim);
}

/* The start of the window after the one ending at end: the start of a
 * line at most QUOTE_CONTEXT bytes before end (and after the window's
 * title), else end itself. */
static size_t next_base(const struct ctx *c, size_t end, size_t tlen)
{
	size_t i, lo = end > QUOTE_CONTEXT ? end - QUOTE_CONTEXT : 0;

	if (lo < tlen)
		lo = tlen;
	if (lo <= c->base)
		lo = c->base + 1;
	for (i = lo; i < end; i++)
		if (c->text.p[i - 1] == '\n')
			return i;
	return end;
}

/* Write the quotations of the window [c->base, end) that start at or
 * after c->emit. */
static void emit_window(struct ctx *c, struct cd_run *run,
			const struct cd_rec *rec, size_t end, size_t tlen)
{
	size_t n, i;

	n = cd_attrib_text(&c->at, c->text.p + c->base, end - c->base,
			   c->base == 0 && tlen > 0);
	for (i = 0; i < n; i++) {
		if (c->base + c->at.q[i].start < c->emit)
			continue;
		if (c->nq == 0)
			doc_id(c, run, rec);
		quote_record(c, run, rec, i, tlen);
		cd_run_emit(run, run->out.p, run->out.len);
	}
}

/* The record callback: one output record per quotation. */
static int on_record(void *ctx, struct cd_run *run, const struct cd_rec *rec)
{
	struct ctx *c = ctx;
	size_t tlen = put_title(c, run, rec), end, next;

	c->nq = c->pbase = c->base = c->emit = 0;
	/* three records in four of a news archive have no quotation
	 * mark but apostrophes: skipped before their text is copied (a
	 * mark at either end of a part is no apostrophe between letters,
	 * so the parts tell what the title and text joined would) */
	if (cd_quote_none(run->text.p, run->text.len) &&
	    cd_quote_none(c->text.p, tlen))
		return 0;
	cd_buf_add(&c->text, run->text.p, run->text.len);
	for (;;) {
		end = window_end(c);
		emit_window(c, run, rec, end, tlen);
		if (end == c->text.len)
			break;
		next = next_base(c, end, tlen);
		c->pbase += cd_quote_paras(&c->at.qf, c->text.p + c->base,
					   0, next - c->base)
			    - (c->base == 0 && tlen > 0)
			    - (c->text.p[next - 1] != '\n');
		c->base = next;
		c->emit = end;
	}
	return 0;
}

/* Remember a user word list of the given kind. */
static void add_extra(struct opts *o, const char *path, enum cd_lexfile kind)
{
	size_t cap = o->nextra;

	o->extra = cd_xgrow(o->extra, &cap, o->nextra + 1, sizeof(*o->extra));
	o->extra[o->nextra].path = path;
	o->extra[o->nextra++].kind = kind;
}

/* Parse the command line into o; returns the index of the first file. */
static int parse_options(struct opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "all", no_argument, NULL, OPT_ALL },
		{ "cues", required_argument, NULL, OPT_CUES },
		{ "names", required_argument, NULL, OPT_NAMES },
		{ "old-quotes", no_argument, NULL, OPT_OLD },
		{ "roles", required_argument, NULL, OPT_ROLES },
		{ "titles", required_argument, NULL, OPT_TITLES },
		CD_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, ":hV", lo, NULL)) != -1) {
		switch (ch) {
		case OPT_ALL: o->all = true; break;
		case OPT_CUES: add_extra(o, optarg, CD_LEXF_CUES); break;
		case OPT_NAMES: add_extra(o, optarg, CD_LEXF_NAMES); break;
		case OPT_OLD: o->old_quotes = true; break;
		case OPT_ROLES: add_extra(o, optarg, CD_LEXF_ROLES); break;
		case OPT_TITLES: add_extra(o, optarg, CD_LEXF_TITLES); break;
		default: cd_opt_common(&o->co, &spec, ch, optarg, argv);
		}
	}
	return optind;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct ctx c;
	struct cd_run run;
	struct cd_lex *lex;
	int first, st;

	cd_msg_init(argv[0]);
	cd_out_init();
	cd_common_init(&o.co);
	first = parse_options(&o, argc, argv);
	lex = load_lex(&o);
	memset(&c, 0, sizeof(c));
	cd_attrib_init(&c.at, lex);
	c.at.keep_all = o.all;
	c.at.qf.old_marks = o.old_quotes;
	cd_run_init(&run, &o.co, on_record, &c);
	cd_run_files(&run, argc - first, argv + first);
	st = cd_run_finish(&run);
	cd_attrib_release(&c.at);
	cd_buf_release(&c.text);
	cd_buf_release(&c.s);
	cd_buf_release(&c.id);
	cd_lex_free(lex);
	free(o.extra);
	return st;
}
