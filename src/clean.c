/*
 * clean.c - copydesk-clean: remove the page around an article (captions,
 * credits, advertising and engagement lines, menus, link lists, repeats,
 * lines that recur across documents) and lift its title, byline, dateline
 * and date into fields.  The logic lives in lib/boiler.c.
 */
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "datapath.h"
#include "msg.h"
#include "opt.h"
#include "run.h"

static const struct cd_progspec spec = {
	"usage: copydesk-clean [--explain] [--min-docs N] [--rules FILE] "
	"[--track N] [--window N] [--window-bytes N] [options] [file ...]",
	"Remove boilerplate from document records and lift their title, byline,\n"
	"dateline and date into fields.\n"
	"\n"
	"      --explain             add removed: [{text, rule}] (and floor) to each record\n"
	"      --min-docs N          a line in N distinct articles is boilerplate [5]\n"
	"      --rules FILE          add the line rules in FILE (repeatable)\n"
	"      --track N             distinct lines counted at most [100000]\n"
	"      --window N            records held while lines are counted; 0 turns\n"
	"                            corpus-level removal off [1000]\n"
	"      --window-bytes N      bytes of records held at most (K, M, G\n"
	"                            suffixes) [64M]\n"
	CD_COMMON_HELP
	"\nSee copydesk-clean(1).\n"
};

enum {
	OPT_EXPLAIN = CD_OPT_PROG,
	OPT_MIN_DOCS,
	OPT_RULES,
	OPT_TRACK,
	OPT_WINDOW,
	OPT_WINDOW_BYTES
};

struct opts {
	bool explain;
	unsigned min_docs;
	size_t track;
	size_t window;
	size_t window_bytes;	/* bytes held in the window at most */
	struct cd_boiler_rules rules;
};

/* One record waiting for the corpus counts: its bytes, its members and
 * its cleaned text. */
struct pend {
	struct cd_buf line;
	struct cd_rec rec;
	struct cd_boiler_doc doc;
	size_t bytes;		/* held: pend_bytes() */
};

/* The state of the run. */
struct clean {
	struct opts *o;
	struct cd_boiler_corpus corpus;
	struct pend *ring;	/* window + 1 slots */
	size_t head, count;
	size_t held;		/* the bytes of the records held */
	struct cd_boiler_doc now;	/* when no window is used */
	struct cd_buf val[7];	/* edit values */
	uint64_t floored;	/* documents kept by the floor */
};

/* Load the rule file at path into o->rules or exit 1 with a message. */
static void load_rules(struct opts *o, const char *path)
{
	struct cd_buf err = CD_BUF_INIT;

	if (cd_boiler_rules_load(&o->rules, path, &err) < 0) {
		cd_error("%s", cd_buf_str(&err));
		exit(cd_status());
	}
	cd_buf_release(&err);
}

/* Parse the options into o; returns the index of the first operand. */
static int parse_options(int argc, char **argv, struct opts *o,
			 struct cd_common *co)
{
	static const struct option lo[] = {
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ "min-docs", required_argument, NULL, OPT_MIN_DOCS },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "track", required_argument, NULL, OPT_TRACK },
		{ "window", required_argument, NULL, OPT_WINDOW },
		{ "window-bytes", required_argument, NULL, OPT_WINDOW_BYTES },
		CD_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char **extra = cd_xcalloc((size_t)argc + 1, sizeof(*extra));
	size_t nextra = 0, i;
	char *def;
	int c;

	while ((c = getopt_long(argc, argv, ":hV", lo, NULL)) != -1) {
		switch (c) {
		case OPT_EXPLAIN:
			o->explain = true;
			break;
		case OPT_MIN_DOCS:
			o->min_docs = (unsigned)cd_opt_number(&spec, "--min-docs",
							      optarg, 1, 1e6);
			break;
		case OPT_RULES:
			extra[nextra++] = optarg;
			break;
		case OPT_TRACK:
			o->track = (size_t)cd_opt_number(&spec, "--track", optarg,
							 64, 1e9);
			break;
		case OPT_WINDOW:
			o->window = (size_t)cd_opt_number(&spec, "--window", optarg,
							  0, 1e7);
			break;
		case OPT_WINDOW_BYTES:
			o->window_bytes = cd_opt_size(&spec, "--window-bytes",
						      optarg);
			break;
		default:
			cd_opt_common(co, &spec, c, optarg, argv);
		}
	}
	def = cd_data_path("clean-rules.txt");
	load_rules(o, def);
	free(def);
	for (i = 0; i < nextra; i++)
		load_rules(o, extra[i]);
	free(extra);
	return optind;
}

/* True when the record lacks a usable value for key (absent, null or ""),
 * so a lifted value may fill it. */
static bool unset(const struct cd_rec *rec, const char *key)
{
	const struct cd_field *f = cd_rec_find(rec, key);

	return !f || f->type == CD_JNULL || (f->type == CD_JSTR && f->vlen == 2);
}

/* Add an edit setting key to the JSON string of lifted unit i. */
static size_t lift(struct clean *cl, const struct cd_rec *rec,
		   const struct cd_boiler_doc *d, long i, const char *key,
		   struct cd_edit *ed, size_t n)
{
	struct cd_buf *v = &cl->val[n];
	const char *s;
	size_t len;

	if (i < 0 || !unset(rec, key))
		return n;
	s = cd_boiler_unit(d, i, &len);
	cd_buf_reset(v);
	cd_buf_add_json(v, s, len);
	ed[n] = (struct cd_edit){ key, v->p, v->len };
	return n + 1;
}

/* Write rec with the cleaned text and the lifted fields of d. */
static void emit(struct clean *cl, struct cd_run *run, const struct cd_rec *rec,
		 const struct cd_boiler_doc *d)
{
	struct cd_buf *v = &cl->val[0];
	struct cd_edit ed[7];
	size_t n = 1;

	cd_buf_reset(v);
	cd_boiler_text_json(d, v);
	ed[0] = (struct cd_edit){ run->co->field, v->p, v->len };
	n = lift(cl, rec, d, d->title, "title", ed, n);
	n = lift(cl, rec, d, d->byline, "byline", ed, n);
	n = lift(cl, rec, d, d->dateline, "dateline", ed, n);
	if (d->date[0] && unset(rec, "date")) {
		v = &cl->val[n];
		cd_buf_reset(v);
		cd_buf_add_json(v, d->date, strlen(d->date));
		ed[n++] = (struct cd_edit){ "date", v->p, v->len };
	}
	if (cl->o->explain) {
		v = &cl->val[n];
		cd_buf_reset(v);
		cd_boiler_removed_json(d, v);
		ed[n++] = (struct cd_edit){ "removed", v->p, v->len };
		if (d->floor) {
			v = &cl->val[n];
			cd_buf_reset(v);
			cd_boiler_floor_json(d, v);
			ed[n++] = (struct cd_edit){ "floor", v->p, v->len };
		}
	}
	cl->floored += d->floor > 0;
	cd_buf_reset(&run->out);
	cd_rec_write(&run->out, rec, ed, n);
	cd_run_emit(run, run->out.p, run->out.len);
}

/* Copy rec (and the line it points into) to p, so it outlives the call,
 * leaving out the value of the member named field when it is a string
 * with text in it: emit replaces it, and it is most of the bytes. */
static void hold(struct pend *p, const struct cd_rec *rec, const char *field)
{
	const struct cd_field *t = cd_rec_find(rec, field);

	cd_rec_copy(&p->rec, &p->line, rec,
		    t && t->type == CD_JSTR && t->vlen > 2 ? t : NULL);
}

/* The bytes a held record takes: its line without the text, its
 * cleaned text and its units. */
static size_t pend_bytes(const struct pend *p)
{
	return p->line.len + p->doc.norm.len +
	       p->doc.nu * sizeof(*p->doc.u) + p->rec.nf * sizeof(*p->rec.f);
}

/* Free the buffers of slot p when they hold more than its share of the
 * window's bytes, so that one large record does not keep its memory
 * once written. */
static void trim_slot(struct clean *cl, struct pend *p)
{
	size_t share = cl->o->window_bytes / (cl->o->window + 1);

	if (p->line.cap + p->doc.norm.cap + p->doc.cap * sizeof(*p->doc.u) +
	    p->doc.setcap * sizeof(*p->doc.set) <= share)
		return;
	cd_buf_release(&p->line);
	cd_rec_release(&p->rec);
	cd_boiler_doc_release(&p->doc);
	cd_rec_init(&p->rec);
	cd_boiler_doc_init(&p->doc);
}

/* Emit the oldest held record with the corpus counts known so far. */
static void release_oldest(struct clean *cl, struct cd_run *run)
{
	struct pend *p = &cl->ring[cl->head];

	cd_boiler_corpus_apply(&cl->corpus, &p->doc);
	emit(cl, run, &p->rec, &p->doc);
	cl->held -= p->bytes;
	trim_slot(cl, p);
	cl->head = (cl->head + 1) % (cl->o->window + 1);
	cl->count--;
}

/* The record callback: clean, then emit at once or hold in the window. */
static int clean_rec(void *ctx, struct cd_run *run, const struct cd_rec *rec)
{
	struct clean *cl = ctx;
	size_t slots = cl->o->window + 1;
	struct pend *p;

	if (cl->o->window == 0) {
		cd_boiler_clean(&cl->o->rules, run->text.p, run->text.len,
				&cl->now);
		emit(cl, run, rec, &cl->now);
		return 0;
	}
	p = &cl->ring[(cl->head + cl->count) % slots];
	cd_boiler_clean(&cl->o->rules, run->text.p, run->text.len, &p->doc);
	hold(p, rec, run->co->field);
	cd_boiler_corpus_count(&cl->corpus, &p->doc);
	p->bytes = pend_bytes(p);
	cl->held += p->bytes;
	cl->count++;
	/* The window is full in records or in bytes (the newest record
	 * may go too when it alone is over). */
	while (cl->count == slots ||
	       (cl->count && cl->held > cl->o->window_bytes))
		release_oldest(cl, run);
	return 0;
}

/* Emit what the window still holds and free everything. */
static void finish(struct clean *cl, struct cd_run *run)
{
	size_t i;

	while (cl->count)
		release_oldest(cl, run);
	for (i = 0; cl->ring && i < cl->o->window + 1; i++) {
		cd_buf_release(&cl->ring[i].line);
		cd_rec_release(&cl->ring[i].rec);
		cd_boiler_doc_release(&cl->ring[i].doc);
	}
	free(cl->ring);
	for (i = 0; i < 7; i++)
		cd_buf_release(&cl->val[i]);
	if (cl->floored)
		cd_note("%llu of %llu documents kept only by the floor (no prose "
			"paragraph left by the rules)",
			(unsigned long long)cl->floored,
			(unsigned long long)run->nrec);
	cd_boiler_doc_release(&cl->now);
	cd_boiler_corpus_release(&cl->corpus);
	cd_boiler_rules_release(&cl->o->rules);
}

int main(int argc, char **argv)
{
	struct opts o = { .min_docs = 5, .track = 100000, .window = 1000,
			  .window_bytes = (size_t)64 << 20 };
	struct clean cl;
	struct cd_common co;
	struct cd_run run;
	size_t i;
	int first;

	cd_msg_init(argv[0]);
	cd_out_init();
	cd_common_init(&co);
	cd_boiler_rules_init(&o.rules);
	first = parse_options(argc, argv, &o, &co);
	memset(&cl, 0, sizeof(cl));
	cl.o = &o;
	cd_boiler_doc_init(&cl.now);
	cd_boiler_corpus_init(&cl.corpus, o.window ? o.track : 64, o.min_docs);
	if (o.window) {
		cl.ring = cd_xcalloc(o.window + 1, sizeof(*cl.ring));
		for (i = 0; i < o.window + 1; i++) {
			cd_rec_init(&cl.ring[i].rec);
			cd_boiler_doc_init(&cl.ring[i].doc);
			/* room for most texts at once: a slot that grows
			 * record by record costs a realloc each time */
			cd_buf_grow(&cl.ring[i].doc.norm, 4000);
		}
	}
	cd_run_init(&run, &co, clean_rec, &cl);
	cd_run_files(&run, argc - first, argv + first);
	finish(&cl, &run);
	return cd_run_finish(&run);
}
