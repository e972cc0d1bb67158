/*
 * clean.c - copydesk-clean: remove the page around an article (captions,
 * credits, advertising and engagement lines, menus, link lists, repeats,
 * lines that recur across documents) and lift its title, byline, dateline
 * and date into fields.  A record with an html member is a web page: its
 * article is found from the DOM first (lib/html.c), and its metadata read
 * from the page (lib/pagemeta.c).  The logic lives in lib/boiler.h
 * (rules.c, units.c, boiler.c, lift.c, corpus.c).  With --threads 2 the
 * documents of a batch of records are cleaned on two threads (lane, job,
 * batch) while the caller reads the next batch and does the rest of the
 * one before in input order (pipe_step).
 */
#include <sched.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boiler.h"
#include "bytes.h"
#include "datapath.h"
#include "html.h"
#include "msg.h"
#include "opt.h"
#include "run.h"
#include "worker.h"

static const struct cd_progspec spec = {
	"usage: copydesk-clean [--explain] [--html-field NAME] [--keep-html] "
	"[--min-docs N] [--rules FILE] [--threads N] [--track N] [--window N] "
	"[--window-bytes N] [options] [file ...]",
	"Remove boilerplate from document records and lift their title, byline,\n"
	"dateline and date into fields; a record with an html member is a web\n"
	"page whose article becomes the text.\n"
	"\n"
	"      --explain             add removed: [{text, rule}] (and floor) to each record\n"
	"      --html-field NAME     member holding a web page [html]\n"
	"      --keep-html           keep the html member in the output\n"
	"      --min-docs N          a line in N distinct articles is boilerplate [5]\n"
	"      --rules FILE          add the line rules in FILE (repeatable)\n"
	"      --threads N           threads that clean records, 1 or 2; the output\n"
	"                            does not depend on it [2 with 2 CPUs, else 1]\n"
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
	OPT_HTML_FIELD,
	OPT_KEEP_HTML,
	OPT_MIN_DOCS,
	OPT_RULES,
	OPT_TRACK,
	OPT_THREADS,
	OPT_WINDOW,
	OPT_WINDOW_BYTES
};

struct opts {
	bool explain;
	bool keep_html;
	const char *html_field;
	unsigned min_docs;
	size_t track;
	size_t window;
	size_t window_bytes;	/* bytes held in the window at most */
	unsigned threads;	/* 1 or 2 */
	struct cd_boiler_rules rules;
};

/* What a web page adds to its cleaned text: the page's metadata and the
 * blocks the DOM rules removed (JSON objects, for --explain). */
struct page {
	bool on;		/* the record is a web page */
	struct cd_page_meta meta;
	struct cd_buf drops;
};

/* The sizes of a record in the compact form (render_compact): its
 * kept units, its line after them, and where the line's text is (the
 * units' offsets are from tat). */
struct shape {
	size_t nku, tat, tlen, olen;
};

/* One record waiting for the corpus counts.  With --explain, its bytes,
 * its members, its cleaned text and, for a web page, what the page gave,
 * written when it is released.  Else the compact form, in the arena:
 * its kept units as the corpus needs them, then the record as it is
 * written, whose text is those units joined; the release reads them in
 * one run of bytes and writes the line again only when the corpus
 * removes a unit. */
struct pend {
	struct cd_buf line;
	struct cd_rec rec;
	struct cd_boiler_doc doc;
	struct page page;
	size_t at;		/* compact: its bytes in the arena */
	struct shape c;		/* compact: their sizes */
	size_t bytes;		/* held: held_bytes() */
};

/* The bytes of the records held in compact form, in a ring: each record
 * lies whole in [head, tail) or, once the ring has wrapped, in
 * [head, end of the data) or [0, tail); written and read in order, so
 * that they stream through the cache. */
struct arena {
	char *p;
	size_t cap, head, tail;
};

#define NVAL 12		/* the most edits one record gets (11) and room */

/* What one thread cleans a document with: the caller's lane 0, the
 * worker's lane 1.  A lane's state never changes what a record gives
 * (the memo only saves work), so either may clean any record. */
struct lane {
	const struct opts *o;
	const char *field;	/* --field */
	struct cd_boiler_memo memo;	/* the lines classified so far */
	struct cd_boiler_doc doc;	/* the document cleaned last: the next
					 * is cleaned where it was, in the
					 * cache */
	struct cd_html html;	/* the last page extracted */
	struct cd_buf src, url, err;	/* the page, its address, a reason */
	struct cd_buf text;	/* the --field string */
	struct cd_buf val[NVAL];	/* edit values */
	uint64_t floored[3];	/* documents kept by the floor, by
				 * enum cd_floor_why */
	char why[256];		/* why source_text refused a record */
};

/* A record read and waiting in a batch to be cleaned (--threads 2): a
 * copy of it, where it was read, and once cleaned (by either thread) its
 * compact form and what the corpus and the window need of its document,
 * or why it is refused. */
struct job {
	struct cd_buf line;	/* the record's bytes (rec points into it) */
	struct cd_rec rec;
	const char *file;
	uint64_t lineno;
	struct cd_buf raw;	/* the line as read, for --rejects, when it is
				 * not pre then line */
	char pre[8];		/* else: the bytes before the record (a BOM) */
	size_t npre;
	struct page page;
	struct shape c;		/* its sizes in the compact form */
	struct cd_buf out;	/* its line in the compact form */
	struct cd_corpus_unit *ku;	/* its kept units */
	size_t kcap;
	uint64_t sig;		/* its document's, for the corpus */
	size_t bytes;		/* held_bytes() */
	bool bad;		/* refused: why in why */
	char why[256];
};

/* The records of a batch are cleaned by the caller and the worker, each
 * taking the next not taken; everything else is done in order. */
#define BATCH_RECS 128
#define BATCH_BYTES ((size_t)1 << 19)

/* A batch of jobs: filled by the caller, then cleaned (pipe_step). */
struct batch {
	struct job *job;	/* BATCH_RECS */
	size_t n, bytes;	/* records and bytes in it */
	atomic_size_t next;	/* the next record to clean */
};

/* The state of the run. */
struct clean {
	struct opts *o;
	struct cd_boiler_corpus corpus;
	struct lane lane[2];
	struct pend *ring;	/* window + 1 slots */
	size_t head, count;
	size_t held;		/* the bytes of the records held */
	struct page pnow;	/* when no window is used */
	struct arena arena;	/* the records held in compact form */
	struct cd_buf scratch;	/* a line being held */
	struct cd_corpus_unit *ku;	/* its kept units */
	size_t kcap;
	/* --threads 2: two batches, one filled while the other is cleaned
	 * (pipe_step) */
	struct cd_worker *worker;
	struct batch b[2];
	unsigned fill;		/* the batch being filled */
	struct batch *wb;	/* the batch the worker cleans */
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
		{ "html-field", required_argument, NULL, OPT_HTML_FIELD },
		{ "keep-html", no_argument, NULL, OPT_KEEP_HTML },
		{ "min-docs", required_argument, NULL, OPT_MIN_DOCS },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "threads", required_argument, NULL, OPT_THREADS },
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
		case OPT_HTML_FIELD:
			o->html_field = optarg;
			break;
		case OPT_KEEP_HTML:
			o->keep_html = true;
			break;
		case OPT_MIN_DOCS:
			o->min_docs = (unsigned)cd_opt_number(&spec, "--min-docs",
							      optarg, 1, 1e6);
			break;
		case OPT_RULES:
			extra[nextra++] = optarg;
			break;
		case OPT_THREADS:
			if (strcmp(optarg, "1") != 0 && strcmp(optarg, "2") != 0)
				cd_usage_error(&spec, "--threads: '%s' is not 1 or 2",
					       optarg);
			o->threads = (unsigned)(optarg[0] - '0');
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

/* Add an edit setting key to the JSON string s[0..len). */
static size_t set(struct lane *cl, const char *key, const char *s,
		  size_t len, struct cd_edit *ed, size_t n)
{
	struct cd_buf *v = &cl->val[n];

	cd_buf_reset(v);
	cd_buf_add_json(v, s, len);
	ed[n] = (struct cd_edit){ key, v->p, v->len };
	return n + 1;
}

/* Add an edit setting key, when the record lacks it, to the page's value
 * m (when the record is a page that gives one) or to lifted unit i. */
static size_t lift(struct lane *cl, const struct cd_rec *rec,
		   const struct cd_boiler_doc *d, long i, const struct cd_buf *m,
		   const char *key, struct cd_edit *ed, size_t n)
{
	const char *s;
	size_t len;

	if (!unset(rec, key))
		return n;
	if (m && m->len)
		return set(cl, key, m->p, m->len, ed, n);
	if (i < 0)
		return n;
	s = cd_boiler_unit(d, i, &len);
	return set(cl, key, s, len, ed, n);
}

/* Add the edit "removed": the DOM's drops of a page, then the text's. */
static size_t removed(struct lane *cl, const struct cd_boiler_doc *d,
		      const struct page *pg, struct cd_edit *ed, size_t n)
{
	struct cd_buf *v = &cl->val[n];
	size_t at;

	cd_buf_reset(v);
	if (pg && pg->drops.len) {
		cd_buf_addc(v, '[');
		cd_buf_add(v, pg->drops.p, pg->drops.len);
		at = v->len;
		cd_boiler_removed_json(d, v);
		if (v->len - at > 2)
			v->p[at] = ',';
		else
			v->len = at + 1;
		v->p[v->len - 1] = ']';
	} else {
		cd_boiler_removed_json(d, v);
	}
	ed[n] = (struct cd_edit){ "removed", v->p, v->len };
	return n + 1;
}

/* The edits that write rec with the cleaned text and the lifted fields of
 * d and, for a web page, of pg, in ed; returns how many.  The text is
 * ed[0], with its kept units in ku when ku is not NULL (room for d->nu;
 * *nku set). */
static size_t edits(struct lane *cl, const struct cd_rec *rec, const struct cd_boiler_doc *d,
		    const struct page *pg, struct cd_edit *ed,
		    struct cd_corpus_unit *ku, size_t *nku)
{
	const struct cd_page_meta *m = pg->on ? &pg->meta : NULL;
	struct cd_buf *v = &cl->val[0];
	const char *why;
	size_t n = 1, k;

	cd_buf_reset(v);
	k = cd_boiler_text_json_units(d, v, ku);
	if (nku)
		*nku = k;
	ed[0] = (struct cd_edit){ pg->on ? "text" : cl->field, v->p,
				  v->len };
	n = lift(cl, rec, d, d->title, m ? &m->title : NULL, "title", ed, n);
	n = lift(cl, rec, d, d->byline, m ? &m->byline : NULL, "byline", ed, n);
	n = lift(cl, rec, d, d->dateline, NULL, "dateline", ed, n);
	if (m && m->date.len && unset(rec, "date"))
		n = set(cl, "date", m->date.p, m->date.len, ed, n);
	else if (d->date[0] && unset(rec, "date"))
		n = set(cl, "date", d->date, strlen(d->date), ed, n);
	if (m) {
		n = lift(cl, rec, d, -1, &m->source, "source", ed, n);
		n = lift(cl, rec, d, -1, &m->url, "url", ed, n);
	}
	if (cl->o->explain) {
		n = removed(cl, d, pg->on ? pg : NULL, ed, n);
		if (d->floor) {
			v = &cl->val[n];
			cd_buf_reset(v);
			cd_boiler_floor_json(d, v);
			ed[n++] = (struct cd_edit){ "floor", v->p, v->len };
			why = d->floor_why == CD_FLOOR_EMPTY ? "\"empty\"" :
			      "\"short\"";
			ed[n++] = (struct cd_edit){ "floor_why", why,
						    strlen(why) };
		}
	}
	cl->floored[d->floor_why]++;
	if (pg->on && !cl->o->keep_html)
		ed[n++] = (struct cd_edit){ cl->o->html_field, NULL, 0 };
	return n;
}

/* Write rec with the cleaned text and the lifted fields of d and, for a
 * web page, of pg. */
static void emit(struct clean *cl, struct cd_run *run, const struct cd_rec *rec,
		 const struct cd_boiler_doc *d, const struct page *pg)
{
	struct cd_edit ed[NVAL];
	size_t n = edits(&cl->lane[0], rec, d, pg, ed, NULL, NULL);

	cd_buf_reset(&run->out);
	cd_rec_write(&run->out, rec, ed, n);
	cd_run_emit(run, run->out.p, run->out.len);
}

/* The member of rec a held copy leaves out: the one named field when it
 * is a string with text in it (emit replaces it, and it is most of the
 * bytes), else NULL. */
static const struct cd_field *cut_member(const struct cd_rec *rec,
					 const char *field)
{
	const struct cd_field *t = field ? cd_rec_find(rec, field) : NULL;

	return t && t->type == CD_JSTR && t->vlen > 2 ? t : NULL;
}

/* The bytes a record held with --explain takes: its line without the
 * text (line bytes), its nf members, d's cleaned text and units, and a
 * page's metadata (not its drops, made only with --explain).  The compact form is counted so too (it
 * takes less), so that the window holds the same records with --explain
 * and without, and the corpus removes the same lines. */
static size_t held_bytes(size_t line, size_t nf, const struct cd_boiler_doc *d,
			 const struct page *pg)
{
	const struct cd_page_meta *m = &pg->meta;
	size_t page = pg->on ? m->title.len + m->byline.len + m->date.len +
			       m->source.len + m->url.len : 0;

	return line + d->norm.len + page + d->nu * sizeof(*d->u) +
	       nf * sizeof(struct cd_field);
}

/* The bytes record p takes in the arena: its units, then its line,
 * rounded up so that the next record's units are aligned. */
static size_t arena_size(const struct pend *p)
{
	return (p->c.nku * sizeof(struct cd_corpus_unit) + p->c.olen + 7) &
	       ~(size_t)7;
}

/* The offset where the newest record (p, n bytes) goes in the arena, the
 * arena grown when it has no room: then the records held, the count
 * before p from cl->head, are moved to its start in order. */
static size_t arena_put(struct clean *cl, size_t n)
{
	struct arena *a = &cl->arena;
	size_t slots = cl->o->window + 1, i, at = 0, k;
	char *np;

	if (!cl->count)
		a->head = a->tail = 0;
	if (a->tail >= a->head && a->cap - a->tail >= n)
		return (a->tail += n) - n;
	if (a->tail >= a->head && a->head > n)	/* wrap; never full */
		return (a->tail = n) - n;
	if (a->tail < a->head && a->head - a->tail > n)
		return (a->tail += n) - n;
	for (i = 0; i < cl->count; i++)
		at += arena_size(&cl->ring[(cl->head + i) % slots]);
	k = a->cap * 2 > 65536 ? a->cap * 2 : 65536;
	if (k > cl->o->window_bytes)	/* past the window: what is needed */
		k = at + 2 * n + 65536 > cl->o->window_bytes ?
		    at + 2 * n + 65536 : cl->o->window_bytes;
	if (k < at + n)
		k = at + n + 65536;
	if (a->tail >= a->head && cl->count) {	/* in place (mremap) */
		if (k < a->tail + n)
			k = a->tail + n + 65536;
		a->p = cd_xrealloc(a->p, k);
		a->cap = k;
		return (a->tail += n) - n;
	}
	at = 0;
	np = cd_xmalloc(k);
	for (i = 0; i < cl->count; i++) {
		struct pend *q = &cl->ring[(cl->head + i) % slots];
		size_t qn = arena_size(q);

		memcpy(np + at, a->p + q->at, qn);
		q->at = at;
		at += qn;
	}
	free(a->p);
	a->p = np;
	a->cap = k;
	a->head = 0;
	a->tail = at + n;
	return at;
}

/* Write rec, cleaned into d with lane ln, in the compact form: its
 * line in out and its kept units in *ku (*kcap slots), their sizes and
 * where the text is in c. */
static void render_compact(struct lane *ln, struct cd_buf *out,
			   struct cd_corpus_unit **ku, size_t *kcap,
			   struct shape *c, const struct cd_rec *rec,
			   const struct cd_boiler_doc *d, const struct page *pg)
{
	struct cd_edit ed[NVAL];
	size_t n;

	*ku = cd_xgrow(*ku, kcap, d->nu, sizeof(**ku));
	n = edits(ln, rec, d, pg, ed, *ku, &c->nku);
	cd_buf_reset(out);
	c->tat = cd_rec_write(out, rec, ed, n);
	c->tlen = ed[0].vlen;
	c->olen = out->len;
}

/* Hold the record render_compact wrote for p (units ku, line line) in
 * the arena. */
static void hold_compact(struct clean *cl, struct pend *p,
			 const struct cd_corpus_unit *ku, const char *line)
{
	size_t ub = p->c.nku * sizeof(*ku);

	p->at = arena_put(cl, arena_size(p));
	memcpy(cl->arena.p + p->at, ku, ub);
	memcpy(cl->arena.p + p->at + ub, line, p->c.olen);
}

/* Write a record of p's sizes in the compact form, its kept units ku
 * and its line, without the units the corpus removes. */
static void emit_units(struct clean *cl, struct cd_run *run,
		       const struct pend *p, struct cd_corpus_unit *ku,
		       const char *line)
{
	const char *t = line + p->c.tat;
	struct cd_buf *o = &run->out;
	bool first = true;
	size_t i, at = 1;

	if (!cd_boiler_corpus_apply_units(&cl->corpus, ku, p->c.nku)) {
		cd_run_emit(run, line, p->c.olen);
		return;
	}
	cd_buf_reset(o);
	cd_buf_add(o, line, p->c.tat);
	cd_buf_addc(o, '"');
	for (i = 0; i < p->c.nku; i++) {
		at += i ? ku[i - 1].len + 4 : 0;
		if (ku[i].drop)
			continue;
		if (!first)
			cd_buf_add(o, "\\n\\n", 4);
		cd_buf_add(o, t + at, ku[i].len);
		first = false;
	}
	cd_buf_addc(o, '"');
	cd_buf_add(o, t + p->c.tlen, p->c.olen - p->c.tat - p->c.tlen);
	cd_run_emit(run, o->p, o->len);
}

/* Write the record held in compact form in p (emit_units). */
static void emit_compact(struct clean *cl, struct cd_run *run, struct pend *p)
{
	struct cd_corpus_unit *ku = (struct cd_corpus_unit *)(void *)
				    (cl->arena.p + p->at);

	emit_units(cl, run, p, ku, (const char *)(ku + p->c.nku));
}

/* Free the buffers of slot p when they hold more than its share of the
 * window's bytes, so that one large record does not keep its memory
 * once written. */
static void trim_slot(struct clean *cl, struct pend *p)
{
	size_t share = cl->o->window_bytes / (cl->o->window + 1);

	if (p->line.cap + cd_boiler_doc_bytes(&p->doc) <= share)
		return;
	cd_buf_release(&p->line);
	cd_rec_release(&p->rec);
	cd_boiler_doc_release(&p->doc);
	cd_rec_init(&p->rec);
	cd_boiler_doc_init(&p->doc);
}

/* Free the buffers a record is rendered in when they hold more than a
 * record's share of the window's bytes (as trim_slot). */
static void trim_scratch(struct clean *cl)
{
	size_t share = cl->o->window_bytes / (cl->o->window + 1);

	if (cl->scratch.cap + cl->kcap * sizeof(*cl->ku) <= share)
		return;
	cd_buf_release(&cl->scratch);
	free(cl->ku);
	cl->ku = NULL;
	cl->kcap = 0;
}

/* Take the page's metadata from h into pg (the buffers are swapped: h's
 * are reset by its next extraction) and copy its DOM drops. */
static void keep_page(struct page *pg, struct cd_html *h, bool explain)
{
	struct cd_page_meta m = pg->meta;

	pg->on = true;
	pg->meta = h->meta;
	h->meta = m;
	cd_buf_reset(&pg->drops);
	if (explain)
		cd_html_drops_json(h, &pg->drops);
}

static void page_release(struct page *pg)
{
	cd_page_meta_release(&pg->meta);
	cd_buf_release(&pg->drops);
}

/* Start loading what the next releases read, held long ago and so out
 * of the cache, in three steps a release apart, each needing what the one
 * before loaded: the slot of the record after next but one; the units,
 * text, members and line of the one after next; the corpus table's slots
 * for the next one. */
static void warm_next(struct clean *cl)
{
	size_t slots = cl->o->window + 1;
	const struct pend *p;

	if (cl->count > 3 && !cl->o->explain)	/* at .. bytes: all it reads */
		cd_prefetch(&cl->ring[(cl->head + 3) % slots].at,
			    6 * sizeof(size_t));
	else if (cl->count > 3)
		cd_prefetch(&cl->ring[(cl->head + 3) % slots], sizeof(*p));
	if (cl->count > 2 && !cl->o->explain) {
		p = &cl->ring[(cl->head + 2) % slots];
		cd_prefetch(cl->arena.p + p->at, p->c.nku *
			    sizeof(struct cd_corpus_unit) + 64);
	} else if (cl->count > 2) {
		p = &cl->ring[(cl->head + 2) % slots];
		cd_boiler_doc_prefetch(&p->doc);
		cd_prefetch(p->rec.f, p->rec.nf * sizeof(*p->rec.f));
		cd_prefetch(p->line.p, p->line.len < 4096 ? p->line.len : 4096);
	}
	if (cl->count > 1) {
		p = &cl->ring[(cl->head + 1) % slots];
		if (cl->o->explain)
			cd_boiler_corpus_prefetch(&cl->corpus, &p->doc);
		else
			cd_boiler_corpus_prefetch_units(&cl->corpus,
				(const struct cd_corpus_unit *)(const void *)
				(cl->arena.p + p->at), p->c.nku);
	}
}

/* Emit the oldest held record with the corpus counts known so far. */
static void release_oldest(struct clean *cl, struct cd_run *run)
{
	struct pend *p = &cl->ring[cl->head];

	warm_next(cl);
	if (cl->o->explain) {
		cd_boiler_corpus_apply(&cl->corpus, &p->doc);
		emit(cl, run, &p->rec, &p->doc, &p->page);
	} else {
		emit_compact(cl, run, p);
		/* its bytes are free: the arena's data starts at the next;
		 * an arena left empty and larger than the window's bytes (a
		 * large record went) is let go */
		cl->arena.head = cl->count > 1 ?
			cl->ring[(cl->head + 1) % (cl->o->window + 1)].at : 0;
		if (cl->count == 1 && cl->arena.cap > cl->o->window_bytes) {
			free(cl->arena.p);
			memset(&cl->arena, 0, sizeof(cl->arena));
		}
	}
	cl->held -= p->bytes;
	trim_slot(cl, p);
	cl->head = (cl->head + 1) % (cl->o->window + 1);
	cl->count--;
}

/* Find the text of rec with lane cl: for a web page (a string html
 * member) its article, with the page's metadata in pg; else the --field
 * string.  Returns the text, or NULL with the reason in cl->why. */
static const struct cd_buf *source_text(struct lane *cl,
					const struct cd_rec *rec,
					struct page *pg)
{
	const struct cd_field *f = cd_rec_find(rec, cl->o->html_field);
	const char *hf = cl->o->html_field;

	pg->on = false;
	if (f && f->type != CD_JNULL) {
		if (!cd_rec_string(rec, hf, &cl->src)) {
			snprintf(cl->why, sizeof(cl->why),
				 "field '%s' is not a string", hf);
			return NULL;
		}
		if (!cd_rec_string(rec, "url", &cl->url))
			cd_buf_reset(&cl->url);
		if (cd_html_extract(&cl->html, cl->src.p, cl->src.len,
				    cl->url.len ? cl->url.p : NULL, cl->url.len,
				    &cl->err) != 0) {
			snprintf(cl->why, sizeof(cl->why), "field '%s': %s", hf,
				 cd_buf_str(&cl->err));
			return NULL;
		}
		keep_page(pg, &cl->html, cl->o->explain);
		return &cl->html.text;
	}
	if (!cd_rec_string(rec, cl->field, &cl->text)) {
		f = cd_rec_find(rec, cl->field);
		snprintf(cl->why, sizeof(cl->why), f ?
			 "field '%s' is not a string" : "no '%s' field",
			 cl->field);
		return NULL;
	}
	return &cl->text;
}

/* Clean text, the text of rec, into d; a page's text has had its body
 * chosen by the DOM.  A date lifted from the text is written only when
 * neither the record nor the page gives one: else none is looked for. */
static void clean_text(struct lane *cl, const struct cd_rec *rec,
		       const struct cd_buf *t, const struct page *pg,
		       struct cd_boiler_doc *d)
{
	d->memo = &cl->memo;
	d->dated = (pg->on && pg->meta.date.len) || !unset(rec, "date");
	cd_boiler_clean(&cl->o->rules, t->p, t->len, d);
	if (pg->on)
		cd_html_trust(d);
}

/* The last order-dependent step for a record whose lines the corpus has
 * counted, its compact form rendered (with --explain: copied to slot p)
 * as ku and line, in slot p: hold it in the window, bytes held_bytes(),
 * releasing the oldest when it is full. */
static void place(struct clean *cl, struct cd_run *run, struct pend *p,
		  size_t bytes, struct cd_corpus_unit *ku, const char *line)
{
	size_t slots = cl->o->window + 1;

	p->bytes = bytes;
	if (!cl->o->explain && p->bytes > cl->o->window_bytes) {
		/* over the window alone: it goes at once, after the records
		 * held, and is written from where it was rendered (a large
		 * record is not copied to the arena) */
		while (cl->count)
			release_oldest(cl, run);
		emit_units(cl, run, p, ku, line);
		trim_scratch(cl);
		return;
	}
	if (!cl->o->explain) {
		hold_compact(cl, p, ku, line);
		trim_scratch(cl);
	}
	cl->held += p->bytes;
	cl->count++;
	/* The window is full in records or in bytes (the newest record
	 * may go too when it alone is over). */
	while (cl->count == slots ||
	       (cl->count && cl->held > cl->o->window_bytes))
		release_oldest(cl, run);
}

/* The member of rec (cleaned with page pg) a held copy leaves out. */
static const struct cd_field *cut_of(const struct lane *ln,
				     const struct cd_rec *rec,
				     const struct page *pg)
{
	return cut_member(rec, pg->on ? (ln->o->keep_html ? NULL :
					 ln->o->html_field) :
			  ln->field);
}

/* held_bytes() of rec cleaned into d (page pg). */
static size_t rec_bytes(const struct lane *ln, const struct cd_rec *rec,
			const struct cd_boiler_doc *d, const struct page *pg)
{
	const struct cd_field *cut = cut_of(ln, rec, pg);

	return held_bytes(rec->len - (cut ? cut->vlen : 0), rec->nf, d, pg);
}

/* Clean job j with lane ln (either thread). */
static void clean_job(struct lane *ln, struct job *j)
{
	const struct cd_buf *t = source_text(ln, &j->rec, &j->page);

	j->bad = !t;
	if (!t) {
		memcpy(j->why, ln->why, sizeof(j->why));
		return;
	}
	ln->doc.warm = NULL;	/* counted later: no use loading it now */
	clean_text(ln, &j->rec, t, &j->page, &ln->doc);
	render_compact(ln, &j->out, &j->ku, &j->kcap, &j->c, &j->rec,
		       &ln->doc, &j->page);
	j->sig = ln->doc.sig;
	j->bytes = rec_bytes(ln, &j->rec, &ln->doc, &j->page);
}

/* Clean the records of batch b not taken yet, one at a time. */
static void clean_share(struct batch *b, struct lane *ln)
{
	size_t i;

	while ((i = atomic_fetch_add(&b->next, 1)) < b->n)
		clean_job(ln, &b->job[i]);
}

/* The worker's job: clean its share of the batch handed to it with lane
 * 1. */
static void worker_job(void *arg)
{
	struct clean *cl = arg;

	clean_share(cl->wb, &cl->lane[1]);
}

static void job_init(struct job *j)
{
	memset(j, 0, sizeof(*j));
	cd_rec_init(&j->rec);
	cd_page_meta_init(&j->page.meta);
}

static void job_release(struct job *j)
{
	cd_buf_release(&j->line);
	cd_buf_release(&j->raw);
	cd_buf_release(&j->out);
	cd_rec_release(&j->rec);
	page_release(&j->page);
	free(j->ku);
}

/* Free the buffers of job j unless what the batch's jobs keep, *kept
 * bytes so far, stays within twice a batch of records with them, each
 * kept twice (its line and its compact form): records of a few hundred
 * KB at different places of a batch would otherwise leave every job
 * holding that much.  (A job's buffers grow to the largest records it
 * held: 9.7 KB on average on the bench archive, where a bound of 8 KB
 * a job freed and built half of them again every batch.) */
static void trim_job(struct job *j, size_t *kept)
{
	size_t n = j->line.cap + j->raw.cap + j->out.cap +
		   j->kcap * sizeof(*j->ku);

	if (*kept + n <= 2 * 2 * BATCH_BYTES) {
		*kept += n;
		return;
	}
	job_release(j);
	job_init(j);
}

/* Report, count, hold and emit the records of batch b, all cleaned, in
 * order; empty it. */
static void place_batch(struct clean *cl, struct cd_run *run,
			struct batch *b)
{
	size_t slots = cl->o->window + 1, i, kept = 0;
	struct job *j;
	struct pend *p;

	for (i = 0; i < b->n; i++) {
		j = &b->job[i];
		/* the corpus table's slots for the next record start loading
		 * (cleaned in a batch, it could not load them then) */
		if (i + 1 < b->n && !j[1].bad)
			cd_boiler_corpus_prefetch_units(&cl->corpus, j[1].ku,
							j[1].c.nku);
		if (j->bad) {
			if (!j->raw.len) {	/* its raw line again */
				cd_buf_add(&j->raw, j->pre, j->npre);
				cd_buf_add(&j->raw, j->line.p, j->line.len);
			}
			cd_run_reject_at(run, j->file, j->lineno, j->raw.p,
					 j->raw.len, j->why);
		} else {
			p = &cl->ring[(cl->head + cl->count) % slots];
			p->c = j->c;
			cd_boiler_corpus_count_units(&cl->corpus, j->ku,
						     j->c.nku, j->sig);
			place(cl, run, p, j->bytes, j->ku, j->out.p);
		}
		trim_job(j, &kept);
	}
	b->n = 0;
	b->bytes = 0;
}

/* The batch being filled is done (full, or the input needs it out):
 * finish the batch in flight (the caller takes the records the worker
 * has not started, and waits only for the one it is cleaning), hand the
 * full one to the worker, then place the finished one in order while
 * the worker cleans; the caller goes on to fill the batch now empty.
 * So the worker cleans while the caller reads, places and writes. */
static void pipe_step(struct clean *cl, struct cd_run *run)
{
	struct batch *f = &cl->b[cl->fill], *k = &cl->b[!cl->fill];
	bool flight = k->n != 0;	/* placing empties a batch */

	if (flight) {
		clean_share(k, &cl->lane[0]);
		cd_worker_wait(cl->worker);
	}
	atomic_store(&f->next, 0);
	cl->wb = f;
	cd_worker_run(cl->worker, worker_job, cl);
	if (flight)
		place_batch(cl, run, k);
	cl->fill = !cl->fill;
}

/* Clean, report and write every record the batches hold (also run's
 * barrier: before the loop reports a line itself). */
static void drain(void *ctx, struct cd_run *run)
{
	struct clean *cl = ctx;
	struct batch *k;

	if (cl->b[cl->fill].n)
		pipe_step(cl, run);
	k = &cl->b[!cl->fill];
	if (!k->n)	/* none in flight */
		return;
	clean_share(k, &cl->lane[0]);
	cd_worker_wait(cl->worker);
	place_batch(cl, run, k);
}

/* --threads 2: add rec to the batch being filled, hand it on when it is
 * full. */
static void batch_add(struct clean *cl, struct cd_run *run,
		      const struct cd_rec *rec)
{
	struct batch *b = &cl->b[cl->fill];
	struct job *j = &b->job[b->n++];
	bool in = rec->text >= run->raw &&
		  rec->text <= run->raw + run->rawlen;
	size_t pre = in ? (size_t)(rec->text - run->raw) : 0;

	cd_rec_copy(&j->rec, &j->line, rec, NULL);
	j->file = run->file;
	j->lineno = run->line;
	cd_buf_reset(&j->raw);
	j->npre = 0;
	if (in && pre <= sizeof(j->pre) &&
	    pre + rec->len == run->rawlen) {	/* the raw line is pre, line */
		memcpy(j->pre, run->raw, pre);
		j->npre = pre;
	} else {
		cd_buf_add(&j->raw, run->raw, run->rawlen);
	}
	b->bytes += rec->len;
	if (b->n == BATCH_RECS || b->bytes >= BATCH_BYTES)
		pipe_step(cl, run);
}

/* The record callback: clean, then emit at once or hold in the window
 * (--threads 2: add it to the batch). */
static int clean_rec(void *ctx, struct cd_run *run, const struct cd_rec *rec)
{
	struct clean *cl = ctx;
	struct lane *ln = &cl->lane[0];
	size_t slots = cl->o->window + 1;
	const struct cd_buf *t;
	struct cd_boiler_doc *d;
	struct page *pg;
	struct pend *p;

	if (cl->worker) {
		batch_add(cl, run, rec);
		return 0;
	}
	if (cl->o->window == 0) {
		if (!(t = source_text(ln, rec, &cl->pnow)))
			return cd_run_reject(run, "%s", ln->why);
		clean_text(ln, rec, t, &cl->pnow, &ln->doc);
		emit(cl, run, rec, &ln->doc, &cl->pnow);
		return 0;
	}
	p = &cl->ring[(cl->head + cl->count) % slots];
	/* with --explain the slot holds the document; else the document is
	 * cleaned where the last one was, still in the cache */
	pg = cl->o->explain ? &p->page : &cl->pnow;
	d = cl->o->explain ? &p->doc : &ln->doc;
	if (!(t = source_text(ln, rec, pg)))
		return cd_run_reject(run, "%s", ln->why);
	d->warm = &cl->corpus;	/* counted in it below */
	clean_text(ln, rec, t, pg, d);
	if (cl->o->explain)	/* the record outlives the call */
		cd_rec_copy(&p->rec, &p->line, rec, cut_of(ln, rec, pg));
	else
		render_compact(ln, &cl->scratch, &cl->ku, &cl->kcap, &p->c, rec,
			       d, pg);
	cd_boiler_corpus_count(&cl->corpus, d);
	place(cl, run, p, rec_bytes(ln, rec, d, pg), cl->ku, cl->scratch.p);
	return 0;
}

/* Free what lane ln holds. */
static void lane_release(struct lane *ln)
{
	size_t i;

	for (i = 0; i < NVAL; i++)
		cd_buf_release(&ln->val[i]);
	cd_html_release(&ln->html);
	cd_buf_release(&ln->src);
	cd_buf_release(&ln->url);
	cd_buf_release(&ln->err);
	cd_buf_release(&ln->text);
	cd_boiler_memo_release(&ln->memo);
	cd_boiler_doc_release(&ln->doc);
}

static void lane_init(struct lane *ln, const struct opts *o,
		      const char *field)
{
	memset(ln, 0, sizeof(*ln));
	ln->o = o;
	ln->field = field;
	cd_html_init(&ln->html);
	ln->html.explain = o->explain;
	cd_boiler_memo_init(&ln->memo);
	cd_boiler_doc_init(&ln->doc);
}

/* The worker of --threads 2 while it may run, and the thread that made
 * it: a fatal write error (a full disk) exits from the caller while the
 * worker may be inside libxml2, whose destructor exit() runs; so exit
 * waits for it first (registered after cd_out_init: before the output
 * is flushed). */
static struct cd_worker *exit_worker;
static pthread_t exit_thread;

static void wait_worker(void)
{
	if (exit_worker && pthread_equal(pthread_self(), exit_thread))
		cd_worker_wait(exit_worker);
}

/* Emit what the batch and the window still hold and free everything. */
static void finish(struct clean *cl, struct cd_run *run)
{
	uint64_t empty, part;
	size_t i, k;

	if (cl->worker)
		drain(cl, run);
	exit_worker = NULL;
	cd_worker_free(cl->worker);
	for (k = 0; k < 2; k++) {
		for (i = 0; cl->b[k].job && i < BATCH_RECS; i++)
			job_release(&cl->b[k].job[i]);
		free(cl->b[k].job);
	}
	while (cl->count)
		release_oldest(cl, run);
	for (i = 0; cl->ring && i < cl->o->window + 1; i++) {
		cd_buf_release(&cl->ring[i].line);
		cd_rec_release(&cl->ring[i].rec);
		cd_boiler_doc_release(&cl->ring[i].doc);
		page_release(&cl->ring[i].page);
	}
	free(cl->ring);
	free(cl->arena.p);
	cd_buf_release(&cl->scratch);
	free(cl->ku);
	empty = cl->lane[0].floored[CD_FLOOR_EMPTY] +
		cl->lane[1].floored[CD_FLOOR_EMPTY];
	part = cl->lane[0].floored[CD_FLOOR_SHORT] +
	       cl->lane[1].floored[CD_FLOOR_SHORT];
	if (empty)
		cd_note("%llu of %llu documents kept only by the floor (no prose "
			"paragraph left by the rules)",
			(unsigned long long)empty,
			(unsigned long long)run->nrec);
	if (part)
		cd_note("%llu of %llu documents widened by the floor (the body "
			"held under a third of its best run's prose)",
			(unsigned long long)part,
			(unsigned long long)run->nrec);
	page_release(&cl->pnow);
	lane_release(&cl->lane[0]);
	lane_release(&cl->lane[1]);
	cd_boiler_corpus_release(&cl->corpus);
	cd_boiler_rules_release(&cl->o->rules);
}

/* The CPUs this process may run on (taskset, cpusets), not the
 * machine's. */
static long cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		return CPU_COUNT(&set);
	return sysconf(_SC_NPROCESSORS_ONLN);
}

int main(int argc, char **argv)
{
	struct opts o = { .min_docs = 5, .track = 100000, .window = 1000,
			  .window_bytes = (size_t)64 << 20, .html_field = "html" };
	struct clean cl;
	struct cd_common co;
	struct cd_run run;
	size_t i, k;
	int first;

	cd_msg_init(argv[0]);
	cd_out_init();
	cd_common_init(&co);
	cd_boiler_rules_init(&o.rules);
	o.threads = cpus() >= 2 ? 2 : 1;
	first = parse_options(argc, argv, &o, &co);
	memset(&cl, 0, sizeof(cl));
	cl.o = &o;
	cd_page_meta_init(&cl.pnow.meta);
	lane_init(&cl.lane[0], &o, co.field);
	lane_init(&cl.lane[1], &o, co.field);
	cd_boiler_corpus_init(&cl.corpus, o.window ? o.track : 64, o.min_docs);
	if (o.window) {
		cl.ring = cd_xcalloc(o.window + 1, sizeof(*cl.ring));
		for (i = 0; i < o.window + 1; i++) {
			cd_rec_init(&cl.ring[i].rec);
			cd_boiler_doc_init(&cl.ring[i].doc);
			cd_page_meta_init(&cl.ring[i].page.meta);
			/* room for most texts at once: a slot that grows
			 * record by record costs a realloc each time */
			if (o.explain)
				cd_buf_grow(&cl.ring[i].doc.norm, 4000);
		}
	}
	cd_run_init(&run, &co, clean_rec, &cl);
	run.need_field = false;	/* a web page need not have one */
	/* Two threads clean the records of a batch; the rest is done in
	 * order, so the output is the same (the paths that hold each
	 * record's document, or stop at the first refusal, use one). */
	if (o.threads > 1 && o.window && !o.explain && !co.strict &&
	    (cl.worker = cd_worker_new())) {
		for (k = 0; k < 2; k++) {
			cl.b[k].job = cd_xcalloc(BATCH_RECS, sizeof(*cl.b[k].job));
			for (i = 0; i < BATCH_RECS; i++)
				job_init(&cl.b[k].job[i]);
			atomic_init(&cl.b[k].next, 0);
		}
		run.barrier = drain;
		exit_worker = cl.worker;
		exit_thread = pthread_self();
		atexit(wait_worker);
	}
	cd_run_files(&run, argc - first, argv + first);
	finish(&cl, &run);
	return cd_run_finish(&run);
}
