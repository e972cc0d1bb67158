/*
 * copydesk-split - turn files, directories, archives, web pages and WARC
 * crawls into document and page records, or document records into
 * paragraph or sentence records.  See
 * copydesk-split(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "datapath.h"
#include "msg.h"
#include "opt.h"
#include "run.h"
#include "segment.h"

enum by { BY_DOCUMENT, BY_PARAGRAPH, BY_SENTENCE };

struct opts {
	struct cd_common co;
	enum by by;
	enum cd_enc enc;
	char *delim;		/* --delimiter with its escapes decoded */
};

/* The state of a --by run, handed to the record callback. */
struct ctx {
	const struct opts *o;
	struct cd_segment *seg;
	struct cd_spans spans;
	struct cd_buf id;
};

enum { OPT_BY = CD_OPT_PROG, OPT_DELIMITER, OPT_ENCODING };

static const struct cd_progspec spec = {
	"usage: copydesk-split [--by UNIT] [--delimiter LINE] [--encoding NAME] "
	"[options] [file ...]",
	"Turn files, directories, archives, web pages and WARC crawls into\n"
	"document and page records, or split document records into paragraphs\n"
	"or sentences.\n"
	"      --by UNIT             read document records and emit one record a\n"
	"                            paragraph or sentence (UNIT) [off]\n"
	"      --delimiter LINE      a line equal to LINE separates documents\n"
	"                            (\\f, \\t, \\\\ escapes) [none]\n"
	"      --encoding NAME       utf8, latin1 or cp1252 [utf8]\n"
	CD_COMMON_HELP
	"See copydesk-split(1).\n"
};

/* Decode the \f, \t and \\ escapes of a --delimiter argument. */
static char *unescape(const char *arg)
{
	char *s = cd_xstrdup(arg), *d = s;

	for (; *arg; arg++) {
		if (*arg == '\\' && (arg[1] == 'f' || arg[1] == 't' ||
				     arg[1] == '\\')) {
			arg++;
			*d++ = *arg == 'f' ? '\f' : *arg == 't' ? '\t' : '\\';
		} else {
			*d++ = *arg;
		}
	}
	*d = '\0';
	return s;
}

/* Parse the command line into o; returns the index of the first file. */
static int parse_options(struct opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "by", required_argument, NULL, OPT_BY },
		{ "delimiter", required_argument, NULL, OPT_DELIMITER },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		CD_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c;

	cd_common_init(&o->co);
	o->by = BY_DOCUMENT;
	o->enc = CD_ENC_UTF8;
	o->delim = NULL;
	while ((c = getopt_long(argc, argv, ":hV", lo, NULL)) != -1) {
		switch (c) {
		case OPT_BY:
			if (strcmp(optarg, "paragraph") == 0)
				o->by = BY_PARAGRAPH;
			else if (strcmp(optarg, "sentence") == 0)
				o->by = BY_SENTENCE;
			else
				cd_usage_error(&spec, "--by: unknown unit '%s'",
					       optarg);
			break;
		case OPT_DELIMITER:
			if (!*optarg)
				cd_usage_error(&spec, "--delimiter: empty line");
			free(o->delim);
			o->delim = unescape(optarg);
			break;
		case OPT_ENCODING:
			if (strcmp(optarg, "utf8") == 0 || strcmp(optarg, "utf-8") == 0)
				o->enc = CD_ENC_UTF8;
			else if (strcmp(optarg, "latin1") == 0)
				o->enc = CD_ENC_LATIN1;
			else if (strcmp(optarg, "cp1252") == 0)
				o->enc = CD_ENC_CP1252;
			else
				cd_usage_error(&spec, "--encoding: unknown encoding '%s'",
					       optarg);
			break;
		default:
			cd_opt_common(&o->co, &spec, c, optarg, argv);
		}
	}
	if (o->by != BY_DOCUMENT && (o->delim || o->enc != CD_ENC_UTF8))
		cd_usage_error(&spec, "--by reads records: no --delimiter or --encoding");
	return optind;
}

/* The state of a run over raw files, handed to the input callbacks. */
struct files {
	const struct opts *o;
	struct cd_buf out;
};

/* Write one document record. */
static void one_doc(void *p, const struct cd_doc *doc)
{
	struct files *f = p;

	cd_buf_reset(&f->out);
	cd_input_doc_json(&f->out, doc);
	cd_out_write(f->out.p, f->out.len);
}

/* Print a problem the input module found. */
static void problem(void *p, const char *subject, bool error, const char *msg)
{
	const struct files *f = p;

	if (error)
		cd_error_at(cd_inname(subject), 0, "%s", msg);
	else if (!f->o->co.quiet)
		cd_note_at(cd_inname(subject), 0, "%s", msg);
}

/* The progress of the input: on to the progress line. */
static void input_progress(void *ctx, uint64_t docs, uint64_t bytes,
			   uint64_t total)
{
	(void)ctx;
	if (total)
		cd_progress_add_total(total);
	if (docs || bytes)
		cd_progress_tick(docs, bytes);
}

/* Split raw files into document records. */
static void split_files(const struct opts *o, int nfiles, char **files)
{
	struct files f = { o, CD_BUF_INIT };
	struct cd_input in;
	int i;

	cd_input_init(&in);
	in.delim = o->delim;
	in.enc = o->enc;
	in.max = o->co.max_record;
	/* Only a visible progress line needs the sizes of whole trees. */
	in.presize = o->co.progress > 0 || (o->co.progress == 0 && isatty(2));
	in.doc = one_doc;
	in.report = problem;
	in.progress = input_progress;
	in.ctx = &f;
	cd_progress_init(o->co.progress, 0);
	if (nfiles == 0)
		cd_input_path(&in, "-");
	for (i = 0; i < nfiles; i++)
		if (cd_input_path(&in, files[i]) != 0 && o->co.strict)
			break;
	cd_progress_done();
	cd_buf_reset(&f.out);
	cd_input_stats_note(&in, &f.out);
	if (f.out.len && !o->co.quiet)
		cd_note("%s", f.out.p);
	cd_out_finish();
	cd_input_release(&in);
	cd_buf_release(&f.out);
}

/* Put the document id in c->id as a JSON string without its closing
 * quote: the record's "id" when it is a string, else "FILE:LINE". */
static void doc_id(struct ctx *c, const struct cd_run *run,
		   const struct cd_rec *rec)
{
	const struct cd_field *f = cd_rec_find(rec, "id");
	struct cd_buf name = CD_BUF_INIT;

	cd_buf_reset(&c->id);
	if (f && f->type == CD_JSTR) {
		cd_buf_add(&c->id, f->val, f->vlen - 1);
		return;
	}
	cd_buf_addf(&name, "%s:%llu", cd_inname(run->file),
		    (unsigned long long)run->line);
	cd_buf_add_json(&c->id, name.p, name.len);
	c->id.len--;
	cd_buf_release(&name);
}

/* Emit one record per paragraph or sentence of the record's text. */
static int one_rec(void *p, struct cd_run *run, const struct cd_rec *rec)
{
	struct ctx *c = p;
	struct cd_buf *out = &run->out;
	char kind = c->o->by == BY_PARAGRAPH ? 'p' : 's';
	size_t i;

	if (c->o->by == BY_PARAGRAPH)
		cd_segment_paragraphs(run->text.p, run->text.len, &c->spans);
	else
		cd_segment_sentences(c->seg, run->text.p, run->text.len,
				     &c->spans);
	doc_id(c, run, rec);
	for (i = 0; i < c->spans.n; i++) {
		const struct cd_span *u = &c->spans.v[i];

		cd_buf_reset(out);
		cd_buf_add(out, "{\"id\":", 6);
		cd_buf_add(out, c->id.p, c->id.len);
		cd_buf_add(out, kind == 'p' ? "#p" : "#s", 2);
		cd_buf_add_uint(out, i + 1);
		cd_buf_add(out, "\",\"doc\":", 8);
		cd_buf_add(out, c->id.p, c->id.len);
		cd_buf_add(out, "\",\"n\":", 6);
		cd_buf_add_uint(out, i + 1);
		cd_buf_add(out, ",\"start\":", 9);
		cd_buf_add_uint(out, u->start);
		cd_buf_add(out, ",\"end\":", 7);
		cd_buf_add_uint(out, u->end);
		cd_buf_add(out, ",\"text\":", 8);
		cd_buf_add_json(out, run->text.p + u->start, u->end - u->start);
		cd_buf_add(out, "}\n", 2);
		cd_run_emit(run, out->p, out->len);
	}
	return 0;
}

/* Load the sentence splitter's word list, or die. */
static struct cd_segment *load_words(void)
{
	struct cd_segment *seg = cd_segment_new();
	char *path = cd_data_path("abbreviations.txt");

	cd_data_check(path, cd_segment_load(seg, path));
	free(path);
	return seg;
}

/* Split document records into paragraph or sentence records. */
static void split_records(const struct opts *o, int nfiles, char **files)
{
	struct ctx c = { o, NULL, CD_SPANS_INIT, CD_BUF_INIT };
	struct cd_common co = o->co;
	struct cd_run run;

	if (o->by == BY_SENTENCE)
		c.seg = load_words();
	cd_run_init(&run, &co, one_rec, &c);
	cd_run_files(&run, nfiles, files);
	cd_run_finish(&run);
	cd_segment_free(c.seg);
	cd_spans_release(&c.spans);
	cd_buf_release(&c.id);
}

int main(int argc, char **argv)
{
	struct opts o;
	int first;

	cd_msg_init(argv[0]);
	cd_out_init();
	first = parse_options(&o, argc, argv);
	if (o.by == BY_DOCUMENT)
		split_files(&o, argc - first, argv + first);
	else
		split_records(&o, argc - first, argv + first);
	free(o.delim);
	return cd_status();
}
