/*
 * copydesk-report - the documents and quotations of a job as one
 * self-contained HTML page (copydesk-report(1)).
 *
 * Two passes (report.h): the first through the shared record loop, which
 * reports and rejects bad lines and notes the line of each record; the
 * second reads the input again and parses only the lines of the records
 * shown, for their details.  Standard input and pipes are copied to a
 * temporary file during the first pass so they can be read twice.
 * With --summary, a second report (the text summary) counts and collects
 * the same records in the same passes.
 *
 * The documents' first pass comes first; then the quotations' two passes
 * run on a second thread, on reports of their own (handed over at the
 * end: cd_report_take_quotes), while this one reads the documents again:
 * the messages of the first passes keep their order (the second passes
 * say nothing), and the page is the one a single thread makes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "json.h"
#include "msg.h"
#include "opt.h"
#include "out.h"
#include "reader.h"
#include "report.h"
#include "run.h"
#include "tmpf.h"
#include "worker.h"

enum { OPT_OUTPUT = CD_OPT_PROG, OPT_SUMMARY, OPT_SUMMARY_TOP, OPT_TEXT,
	OPT_TOP };

struct opts {
	struct cd_common co;
	struct cd_report_opts ro;
	struct cd_report_opts so;	/* the summary of --summary */
	const char *output;	/* -o FILE, or NULL for standard output */
	const char *summary;	/* --summary FILE, or NULL */
	const char *top;	/* --top N as given, or NULL */
	char *in[2];		/* the documents and the quotations */
	int nin;
};

/* The state of the passes. */
struct ctx {
	/* The reports made in one reading: the page (or the text of
	 * --text), and the summary of --summary; NULL when not asked. */
	struct cd_report *r[2];
	enum cd_report_input which;
	struct cd_tmpw spool;	/* standard input or a pipe kept for pass 2 */
	bool spooling;
	uint64_t spooled;	/* records in the spool */
	int fd[2];		/* each input's spool, or -1 */
};

static const struct cd_progspec spec = {
	"usage: copydesk-report [options] [DOCS [QUOTES] | DIR]",
	"Write the documents (DOCS, docs.jsonl of copydesk-job) and quotations\n"
	"(QUOTES, quotes.jsonl) of a job as one self-contained HTML page: the\n"
	"stories with their articles, outlets, dates and copies, the quotation\n"
	"families with their variants side by side, the most quoted speakers\n"
	"and the run's figures.  Plain or gzip input; DIR reads DIR/docs.jsonl\n"
	"and DIR/quotes.jsonl (or .gz); '-' or no DOCS is standard input.\n"
	"\n"
	"  -o, --output FILE         write the page to FILE [standard output]\n"
	"      --summary FILE        also write the text summary (--text) to FILE,\n"
	"                            reading the inputs once for both\n"
	"      --summary-top N       quotation families in that summary, 0-10^15 [10]\n"
	"      --text                write the text summary of copydesk-job instead\n"
	"      --top N               entries of each list shown, 1-100000 [25];\n"
	"                            with --text, quotation families shown [10]\n"
	/* CD_COMMON_HELP but --field, which the report accepts and ignores:
	 * the fields it reads are fixed. */
	"  -h, --help                print this help and exit\n"
	"      --max-record-bytes N  reject longer input lines (K, M, G suffixes) [256M]\n"
	"      --progress            show progress on stderr even when not a terminal\n"
	"      --quiet               no progress line, no notes\n"
	"      --rejects FILE        write each rejected input line to FILE verbatim\n"
	"      --strict              stop at the first rejected line; no page\n"
	"  -V, --version             print the version and exit\n"
	"See copydesk-report(1).\n"
};

/* Pass 1: count one record in each report, copying it to the spool
 * when reading stdin, and place it at its line in what pass 2 reads.
 * The reports accept and refuse the same records. */
static int count(void *p, struct cd_run *run, const struct cd_rec *rec)
{
	struct ctx *c = p;
	const char *why = NULL;
	uint64_t line;
	int i;

	for (i = 0; i < 2 && c->r[i]; i++)
		if ((c->which == CD_REPORT_DOCS ?
		     cd_report_count_doc(c->r[i], rec, &why) :
		     cd_report_count_quote(c->r[i], rec, &why)) != 0)
			return cd_run_reject(run, "%s", why);
	if (c->spooling && (cd_tmpw_write(&c->spool, rec->text, rec->len) != 0 ||
			    cd_tmpw_write(&c->spool, "\n", 1) != 0))
		cd_fatal("write error on a temporary file: %s", strerror(errno));
	line = c->spooling ? ++c->spooled : run->line;
	for (i = 0; i < 2 && c->r[i]; i++)
		cd_report_place(c->r[i], c->which, line);
	return 0;
}

/* Start copying input which to an unlinked temporary file. */
static void spool_open(struct ctx *c, enum cd_report_input which)
{
	int fd = cd_tmpfd(NULL, "copydesk-report");

	if (fd < 0)
		cd_fatal("cannot make a temporary file: %s", strerror(errno));
	c->fd[which] = fd;
	cd_tmpw_init(&c->spool, fd, 65536);
	c->spooling = true;
	c->spooled = 0;
}

/* Can path be read a second time: a regular file, not standard input or
 * a pipe (a process substitution)? */
static bool rereadable(const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return false;
	return stat(path, &st) != 0 || S_ISREG(st.st_mode);
}

/* Pass 1 over one input; returns the path pass 2 reads (malloc'd). */
static char *pass1(struct cd_run *run, struct ctx *c, const char *path,
		   enum cd_report_input which)
{
	uint64_t nrec = run->nrec, nrej = run->nrej;
	char *again;
	int i;

	c->which = which;
	if (!rereadable(path))
		spool_open(c, which);
	cd_run_file(run, path);
	for (i = 0; i < 2 && c->r[i]; i++)
		cd_report_inputs(c->r[i], which, run->nrec - nrec,
				 run->nrej - nrej);
	if (!c->spooling)
		return cd_xstrdup(path);
	if (cd_tmpw_flush(&c->spool) != 0)
		cd_fatal("write error on a temporary file: %s", strerror(errno));
	cd_tmpw_release(&c->spool);
	again = cd_xmalloc(32);
	snprintf(again, 32, "/dev/fd/%d", c->fd[which]);
	c->spooling = false;
	return again;
}

/* Pass 2 over one line, needed by the reports need[]: the records pass
 * 1 refused are refused again by the reports (and skipped here when they
 * are not JSON). */
static void pass2_line(struct ctx *c, struct cd_rec *rec, const char *p,
		       size_t len, uint64_t lineno, const bool need[2])
{
	struct cd_jerr je;
	int i;

	if (lineno == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3, len -= 3;
	if (cd_rec_parse(rec, p, len, &je) != 0)
		return;
	for (i = 0; i < 2; i++) {
		if (!need[i])
			continue;
		if (c->which == CD_REPORT_DOCS)
			cd_report_collect_doc(c->r[i], rec);
		else
			cd_report_collect_quote(c->r[i], rec);
	}
}

/* Pass 2 over one input: read it again (errors were reported by pass 1),
 * parsing only the lines pass 2 needs. */
static void pass2(struct ctx *c, const char *path, size_t max,
		  enum cd_report_input which)
{
	struct cd_reader rd;
	struct cd_line ln;
	struct cd_rec rec;
	bool need[2];
	int st, i;

	if (cd_reader_open(&rd, path, max) != 0)
		return;
	c->which = which;
	cd_rec_init(&rec);
	while ((st = cd_reader_line(&rd, &ln)) == CD_LINE || st == CD_LONG) {
		if (st == CD_LINE) {
			for (i = 0; i < 2; i++)
				need[i] = c->r[i] &&
					  cd_report_needed(c->r[i], which,
							   rd.lineno);
			if (need[0] || need[1])
				pass2_line(c, &rec, ln.p, ln.len, rd.lineno,
					   need);
			continue;
		}
		while ((st = cd_reader_rest(&rd, &ln)) == CD_LONG)
			;
		if (st == CD_RERR)
			break;
	}
	cd_rec_release(&rec);
	cd_reader_close(&rd);
}

/* DIR/name, or DIR/name.gz when only that exists; NULL when neither. */
static char *in_dir(const char *dir, const char *name)
{
	struct cd_buf b = CD_BUF_INIT;

	cd_buf_addf(&b, "%s/%s", dir, name);
	if (access(b.p, F_OK) != 0) {
		cd_buf_adds(&b, ".gz");
		if (access(b.p, F_OK) != 0) {
			cd_buf_release(&b);
			return NULL;
		}
	}
	return b.p;
}

/* Name the inputs from the operands: DOCS [QUOTES], or DIR. */
static void operands(struct opts *o, int argc, char **argv)
{
	struct stat st;

	if (argc > 2)
		cd_usage_error(&spec, "too many operands (DOCS [QUOTES] or DIR)");
	o->nin = argc;
	o->in[0] = cd_xstrdup(argc > 0 ? argv[0] : "-");
	o->in[1] = argc > 1 ? cd_xstrdup(argv[1]) : NULL;
	if (argc != 1 || stat(argv[0], &st) != 0 || !S_ISDIR(st.st_mode))
		return;
	free(o->in[0]);
	if (!(o->in[0] = in_dir(argv[0], "docs.jsonl")))
		cd_usage_error(&spec, "'%s' holds no docs.jsonl", argv[0]);
	o->in[1] = in_dir(argv[0], "quotes.jsonl");
}

/* An input as the page names it: NULL ("<stdin>") for '-'. */
static const char *page_name(const char *path)
{
	return path && strcmp(path, "-") == 0 ? NULL : path;
}

/* Parse the command line into o. */
static void parse_options(struct opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "summary", required_argument, NULL, OPT_SUMMARY },
		{ "summary-top", required_argument, NULL, OPT_SUMMARY_TOP },
		{ "text", no_argument, NULL, OPT_TEXT },
		{ "top", required_argument, NULL, OPT_TOP },
		CD_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char *stop = NULL;	/* --summary-top N as given */
	int c;

	memset(o, 0, sizeof(*o));
	cd_common_init(&o->co);
	cd_report_opts_init(&o->ro);
	cd_report_opts_init(&o->so);
	o->so.text = true;
	o->so.top = 10;
	while ((c = getopt_long(argc, argv, ":hVo:", lo, NULL)) != -1) {
		switch (c) {
		case 'o':
		case OPT_OUTPUT:
			o->output = optarg;
			break;
		case OPT_SUMMARY:
			o->summary = optarg;
			break;
		case OPT_SUMMARY_TOP:
			stop = optarg;
			break;
		case OPT_TEXT:
			o->ro.text = true;
			break;
		case OPT_TOP:
			o->top = optarg;
			break;
		default:
			cd_opt_common(&o->co, &spec, c, optarg, argv);
		}
	}
	/* The summary's count of families, like copydesk-job -t, may be 0. */
	if (o->ro.text)
		o->ro.top = 10;
	if (o->top)
		o->ro.top = (size_t)cd_opt_number(&spec, "--top", o->top,
						  !o->ro.text, o->ro.text ?
						  1e15 : 100000);
	if (o->summary && o->ro.text)
		cd_usage_error(&spec, "--summary writes the summary beside the "
			       "page, not with --text");
	if (stop && !o->summary)
		cd_usage_error(&spec, "--summary-top needs --summary");
	if (stop)
		o->so.top = (size_t)cd_opt_number(&spec, "--summary-top", stop,
						  0, 1e15);
	operands(o, argc - optind, argv + optind);
	if (o->in[1] && strcmp(o->in[0], "-") == 0 && strcmp(o->in[1], "-") == 0)
		cd_usage_error(&spec, "standard input can be read only once");
	o->ro.docs_name = page_name(o->in[0]);
	o->ro.quotes_name = page_name(o->in[1]);
	o->ro.version = CD_VERSION;
}

/* Write report r (the page, or the text with its opts.text) to path, or
 * standard output when path is NULL. */
static void write_report(struct cd_report *r, bool text, const char *path)
{
	struct cd_buf page = CD_BUF_INIT;
	struct cd_sink s;

	if (text)
		cd_report_text(r, &page);
	else
		cd_report_html(r, &page);
	if (path) {
		cd_sink_open(&s, path);
		cd_sink_write(&s, page.p, page.len);
		cd_sink_close(&s);
	} else {
		cd_out_write(page.p, page.len);
	}
	cd_buf_release(&page);
}

/* Start the reports of ctx c (the page, and the summary with --summary). */
static void ctx_init(struct ctx *c, const struct opts *o)
{
	memset(c, 0, sizeof(*c));
	c->fd[0] = c->fd[1] = -1;
	c->r[0] = cd_report_new(&o->ro);
	if (o->summary)
		c->r[1] = cd_report_new(&o->so);
}

static void ctx_release(struct ctx *c)
{
	int i;

	for (i = 0; i < 2; i++) {
		cd_report_free(c->r[i]);
		if (c->fd[i] >= 0)
			close(c->fd[i]);
	}
}

/* Both passes over the quotations, on reports of their own (q). */
struct quotes_job {
	struct cd_run *run;
	struct ctx *q;
	const char *path;
	size_t max;
	char *again;		/* the path pass 2 read (malloc'd) */
};

static void quotes_passes(void *arg)
{
	struct quotes_job *j = arg;
	int i;

	j->run->ctx = j->q;
	j->again = pass1(j->run, j->q, j->path, CD_REPORT_QUOTES);
	for (i = 0; i < 2 && j->q->r[i]; i++)
		cd_report_choose(j->q->r[i]);
	if (!j->run->stopped)
		pass2(j->q, j->again, j->max, CD_REPORT_QUOTES);
}

int main(int argc, char **argv)
{
	struct opts o;
	struct ctx c, q;
	struct cd_run run;
	struct cd_worker *w = NULL;
	struct quotes_job job = { NULL, NULL, NULL, 0, NULL };
	char *again;
	bool docs, quotes;
	int i, st;

	cd_msg_init(argv[0]);
	cd_out_init();
	parse_options(&o, argc, argv);
	ctx_init(&c, &o);
	cd_run_init(&run, &o.co, count, &c);
	run.need_field = false;
	cd_progress_init(o.co.progress, 0);
	again = pass1(&run, &c, o.in[0], CD_REPORT_DOCS);
	docs = !run.stopped;
	quotes = o.in[1] && docs;
	if (quotes) {
		/* From here the quotations' thread alone uses run. */
		ctx_init(&q, &o);
		job = (struct quotes_job){ &run, &q, o.in[1], o.co.max_record,
					   NULL };
		w = cd_worker_new();
		cd_worker_run(w, quotes_passes, &job);
	}
	for (i = 0; i < 2 && c.r[i]; i++)
		cd_report_choose(c.r[i]);
	if (docs)
		pass2(&c, again, o.co.max_record, CD_REPORT_DOCS);
	cd_worker_free(w);
	if (quotes) {
		for (i = 0; i < 2 && c.r[i]; i++)
			cd_report_take_quotes(c.r[i], q.r[i]);
		ctx_release(&q);
	}
	if (!run.stopped) {
		write_report(c.r[0], o.ro.text, o.output);
		if (c.r[1])
			write_report(c.r[1], true, o.summary);
	}
	st = cd_run_finish(&run);
	ctx_release(&c);
	free(again);
	free(job.again);
	for (i = 0; i < 2; i++)
		free(o.in[i]);
	return st;
}
