/*
 * copydesk-group - exact, near-duplicate and story groups of fingerprinted
 * records; also the map, reduce and merge steps of the same grouping for
 * sharded runs.  See copydesk-group(1).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "datapath.h"
#include "dedup.h"
#include "fp.h"
#include "groups.h"
#include "mapred.h"
#include "msg.h"
#include "opt.h"
#include "reader.h"
#include "run.h"
#include "story.h"

enum mode { M_GROUP, M_MAP, M_REDUCE, M_MERGE };

struct opts {
	struct cd_common co;
	struct cd_dedup_opts dd;
	struct cd_groups_opts go;
	enum mode mode;
	const char *edges;	/* --merge FILE */
	const char *agree;	/* --agree FIELD */
	uint32_t offset;	/* --offset N */
	bool nostory;		/* --no-story */
	uint32_t window;	/* --window N: records of an --online index */
};

/* The per-run state handed to the record callback. */
struct ctx {
	struct opts *o;
	struct cd_dedup *d;
	struct cd_story *s;
	struct cd_groups *g;
	struct cd_map *map;		/* --map */
	struct cd_fpsrc src;		/* the fingerprints */
	struct cd_buf text, date;
	struct cd_agree ag;		/* --agree: the field's values */
	struct cd_buf val;
	uint32_t n;			/* records taken */
	uint32_t base;			/* records before the index's first */
};

enum {
	OPT_AGREE = CD_OPT_PROG, OPT_AGREE_CONTAIN, OPT_AGREE_THRESHOLD,
	OPT_CONTAIN, OPT_DROP, OPT_EXPLAIN, OPT_FILL, OPT_MAP,
	OPT_MERGE, OPT_NOSTORY, OPT_OFFSET, OPT_ONLINE, OPT_PASSAGE, OPT_REDUCE,
	OPT_SUMMARY, OPT_THRESHOLD, OPT_WINDOW
};

static const struct cd_progspec spec = {
	"usage: copydesk-group [--agree FIELD [--agree-containment X] "
	"[--agree-threshold X]] [--containment X] [--drop | --summary] [--explain] "
	"[--fill FIELD] "
	"[--no-story] [--online [--window N]] [--passage N] [--threshold X] "
	"[options] "
	"[file ...]\n"
	"       copydesk-group --map [--offset N] [file ...]\n"
	"       copydesk-group --reduce [file ...]\n"
	"       copydesk-group --merge EDGES [options] [file ...]",
	"Group exact copies, near copies (MinHash LSH and containment) and "
	"stories.\n"
	"      --agree FIELD         join pairs near under the agree thresholds\n"
	"                            when both have the same FIELD\n"
	"      --agree-containment X containment with --agree, 0-1 [0.5]\n"
	"      --agree-threshold X   Jaccard similarity with --agree, 0-1 [0.5]\n"
	"      --containment X       containment for near copies, 0-1 [0.7]\n"
	"      --drop                keep only the first record of each near group\n"
	"      --explain             add match, story_match and story_sim to group\n"
	"      --fill FIELD          fill a null FIELD from its near group [none]\n"
	"      --map                 write LSH key lines for a sharded run\n"
	"      --merge EDGES         group with the edges of --reduce\n"
	"      --no-story            no story grouping: story = near\n"
	"      --offset N            number of the first record for --map [0]\n"
	"      --online              write each record at once (story = near)\n"
	"      --passage N           shingles of a shared passage for near\n"
	"                            copies, 0 for none [100]\n"
	"      --reduce              turn sorted key lines into edge lines\n"
	"      --summary             write one record per near group\n"
	"      --threshold X         Jaccard similarity for near copies, 0-1 [0.8]\n"
	"      --window N            with --online, start the index again after\n"
	"                            every N records [100000]\n"
	CD_COMMON_HELP
	"See copydesk-group(1).\n"
};

/* Make the index for the first record's parameters. */
static void make_index(struct ctx *c)
{
	c->o->go.base = c->base;
	c->d = cd_dedup_new(&c->o->dd, &c->src.fp.par);
	if (c->d)
		c->g = cd_groups_new(&c->o->go, c->d, c->s);
	if (!c->d || !c->g)
		cd_fatal("temporary file: %s", strerror(errno));
}

/* --agree: keep the record's value of the field for the index, under
 * the number the index gives it (from 0 again after an --online window). */
static void set_agree(struct ctx *c, const struct cd_rec *rec)
{
	bool have = cd_rec_string(rec, c->o->agree, &c->val);

	cd_agree_set(&c->ag, c->n - c->base, have ? c->val.p : NULL,
		     c->val.len);
}

/* Take one record: fingerprint, index, story, spool or write. */
static int one(void *p, struct cd_run *run, const struct cd_rec *rec)
{
	struct ctx *c = p;
	/* The text is unescaped only for stories or to fingerprint it. */
	bool have_text = (c->s || !cd_fp_in_record(rec)) &&
			 cd_rec_string(rec, run->co->field, &c->text);
	const char *why;
	uint32_t idx;

	if (cd_fpsrc_get(&c->src, rec, have_text ? c->text.p : NULL,
			 c->text.len, &why) != 0)
		return cd_run_reject(run, "%s", why);
	if (c->o->mode == M_MAP) {
		if (cd_map_add(c->map, &c->src.fp, c->o->offset + c->n++,
			       &run->out) != 0)
			cd_fatal("temporary file: %s", strerror(errno));
		cd_run_emit(run, run->out.p, run->out.len);
		return 0;
	}
	if (c->o->go.online && c->d && c->n - c->base == c->o->window) {
		/* SPEC: --online keeps memory and disk bounded on an endless
		 * stream: the index starts again empty. */
		cd_groups_free(c->g);
		cd_dedup_free(c->d);
		c->g = NULL;
		c->d = NULL;
		c->base = c->n;
	}
	if (!c->d)
		make_index(c);
	if (c->o->agree)
		set_agree(c, rec);
	idx = c->o->mode == M_MERGE ? c->n : cd_dedup_add(c->d, &c->src.fp);
	if (idx == CD_DEDUP_NONE)
		cd_fatal("temporary file: %s", strerror(errno));
	c->n++;
	if (c->s) {
		if (!cd_rec_string(rec, "date", &c->date))
			cd_buf_reset(&c->date);
		cd_story_add(c->s, idx, have_text ? c->text.p : "",
			     have_text ? c->text.len : 0, c->date.p, c->date.len);
	}
	cd_groups_add(c->g, idx, rec, &run->out);
	if (run->out.len)
		cd_run_emit(run, run->out.p, run->out.len);
	return 0;
}

/* A new story grouping with its stop words, or die; the links of each
 * record only for --explain (links). */
static struct cd_story *new_story(bool links)
{
	struct cd_story_opts so;
	struct cd_story *s;
	char *path;

	cd_story_opts_init(&so);
	so.links = links;
	s = cd_story_new(&so);
	path = cd_data_path("stop-words.txt");
	cd_data_check(path, cd_story_stops_load(s, path));
	free(path);
	return s;
}

/* Report a bad line of the map or edge input named by arg. */
static void bad_line(void *arg, uint64_t line, const char *why)
{
	cd_error_at(cd_inname(arg), line, "%s", why);
}

/* Open path for --reduce or --merge and feed it to the reduce r or,
 * when r is NULL, to the index d. */
static void read_lines(const char *path, struct cd_reduce *r,
		       struct cd_dedup *d, size_t max)
{
	struct cd_reader rd;
	int st;

	if (cd_reader_open(&rd, path, max) != 0) {
		cd_error_errno(cd_inname(path));
		return;
	}
	st = r ? cd_reduce_stream(r, &rd, &cd_out, bad_line,
					     (void *)path) :
		cd_mapred_load_edges(d, &rd, bad_line, (void *)path);
	if (st != CD_EOF)
		cd_error_at(cd_inname(path), rd.lineno, "%s",
			    st == CD_LONG ? "line too long" : rd.err);
	cd_reader_close(&rd);
}

/* --reduce: turn sorted map lines from the inputs into edge lines. */
static int reduce(struct opts *o, int nfiles, char **files)
{
	struct cd_buf out = CD_BUF_INIT;
	struct cd_reduce r;
	int i;

	cd_reduce_init(&r, &o->dd, &out);
	if (nfiles == 0)
		read_lines("-", &r, NULL, o->co.max_record);
	for (i = 0; i < nfiles; i++)
		read_lines(files[i], &r, NULL, o->co.max_record);
	if (cd_reduce_finish(&r) != 0)
		cd_fatal("temporary file: %s", strerror(errno));
	if (out.len)
		cd_out_write(out.p, out.len);
	cd_reduce_release(&r);
	cd_buf_release(&out);
	cd_out_finish();
	return cd_status();
}

/* Parse the command line into o; returns the index of the first file. */
static int parse_options(struct opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "agree", required_argument, NULL, OPT_AGREE },
		{ "agree-containment", required_argument, NULL,
		  OPT_AGREE_CONTAIN },
		{ "agree-threshold", required_argument, NULL,
		  OPT_AGREE_THRESHOLD },
		{ "containment", required_argument, NULL, OPT_CONTAIN },
		{ "drop", no_argument, NULL, OPT_DROP },
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ "fill", required_argument, NULL, OPT_FILL },
		{ "map", no_argument, NULL, OPT_MAP },
		{ "merge", required_argument, NULL, OPT_MERGE },
		{ "no-story", no_argument, NULL, OPT_NOSTORY },
		{ "offset", required_argument, NULL, OPT_OFFSET },
		{ "online", no_argument, NULL, OPT_ONLINE },
		{ "passage", required_argument, NULL, OPT_PASSAGE },
		{ "reduce", no_argument, NULL, OPT_REDUCE },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "window", required_argument, NULL, OPT_WINDOW },
		CD_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c, modes = 0, drops = 0, summaries = 0, windows = 0;

	memset(o, 0, sizeof(*o));
	o->window = 100000;
	cd_common_init(&o->co);
	cd_dedup_opts_init(&o->dd);
	o->dd.agree_contain = o->dd.agree_threshold = 0.5;
	while ((c = getopt_long(argc, argv, ":hV", lo, NULL)) != -1) {
		switch (c) {
		case OPT_AGREE:
			o->agree = optarg;
			break;
		case OPT_AGREE_CONTAIN:
			o->dd.agree_contain = cd_opt_number(&spec,
					"--agree-containment", optarg, 0, 1);
			break;
		case OPT_AGREE_THRESHOLD:
			o->dd.agree_threshold = cd_opt_number(&spec,
					"--agree-threshold", optarg, 0.01, 1);
			break;
		case OPT_CONTAIN:
			o->dd.contain = cd_opt_number(&spec, "--containment",
						      optarg, 0, 1);
			break;
		case OPT_DROP:
			drops++;
			o->go.mode = CD_GROUPS_DROP;
			break;
		case OPT_EXPLAIN:
			o->go.explain = true;
			break;
		case OPT_FILL:
			o->go.fill = optarg;
			break;
		case OPT_MAP:
			o->mode = M_MAP;
			modes++;
			break;
		case OPT_MERGE:
			o->mode = M_MERGE;
			o->edges = optarg;
			modes++;
			break;
		case OPT_NOSTORY:
			o->nostory = true;
			break;
		case OPT_OFFSET:
			o->offset = (uint32_t)cd_opt_number(&spec, "--offset",
							    optarg, 0, 4e9);
			break;
		case OPT_ONLINE:
			o->go.online = true;
			break;
		case OPT_PASSAGE:
			o->dd.passage = (unsigned)cd_opt_number(&spec,
					"--passage", optarg, 0, 1e9);
			break;
		case OPT_REDUCE:
			o->mode = M_REDUCE;
			modes++;
			break;
		case OPT_SUMMARY:
			summaries++;
			o->go.mode = CD_GROUPS_SUMMARY;
			break;
		case OPT_THRESHOLD:
			o->dd.threshold = cd_opt_number(&spec, "--threshold",
							optarg, 0.01, 1);
			break;
		case OPT_WINDOW:
			o->window = (uint32_t)cd_opt_number(&spec, "--window",
							    optarg, 1, 4e9);
			windows++;
			break;
		default:
			cd_opt_common(&o->co, &spec, c, optarg, argv);
		}
	}
	if (modes > 1)
		cd_usage_error(&spec, "--map, --reduce and --merge exclude each other");
	if (drops && summaries)
		cd_usage_error(&spec, "--drop and --summary exclude each other");
	if (windows && !o->go.online)
		cd_usage_error(&spec, "--window needs --online");
	if (o->agree && o->mode != M_GROUP)
		cd_usage_error(&spec, "--agree cannot be used with --map, "
			       "--reduce or --merge: the edges do not carry "
			       "the field; group in one process");
	o->dd.deferred = !o->go.online;
	/* The best match of each record is written only with --explain. */
	o->dd.no_match = !o->go.explain;
	/* The keys are looked up as the records come (a key table,
	 * dedup.h), so that the near copies are known while the stories
	 * read (their terms are not counted) and nothing is left to sort
	 * at the end.  Huge pages for it: its keys scatter over it, so it
	 * counts whole after a few hundred records anyway, and with 4 KiB
	 * pages each of them costs two faults as it is first looked up
	 * and then written (some 8% of group's CPU on the archive). */
	o->dd.table = o->dd.huge = true;
	if (o->go.online && (o->go.mode == CD_GROUPS_SUMMARY || o->go.fill ||
			     o->mode != M_GROUP))
		cd_usage_error(&spec, "--online cannot be used with --summary, "
			       "--fill, --map, --reduce or --merge");
	return optind;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct ctx c;
	struct cd_map map;
	struct cd_run run;
	int first, st;

	cd_msg_init(argv[0]);
	cd_out_init();
	first = parse_options(&o, argc, argv);
	if (o.mode == M_REDUCE)
		return reduce(&o, argc - first, argv + first);
	/* The key table's pages are zeroed on a thread of their own while
	 * the story tables are made and the first records come: made by
	 * the first record, and on first touch there, their zeroing (some
	 * 3 ms for its 32 MiB of huge pages, some 20 to 110 ms when the
	 * system must first gather them) held this thread while the
	 * fingerprints filled the pipe and the story worker had nothing
	 * to count. */
	if (o.mode == M_GROUP && !o.go.online)
		cd_big_prefault(cd_dedup_table_bytes(&o.dd));
	memset(&c, 0, sizeof(c));
	c.o = &o;
	cd_fpsrc_init(&c.src);
	if (o.agree) {
		cd_agree_init(&c.ag);
		o.dd.agree = cd_agree_test;
		o.dd.agree_arg = &c.ag;
	}
	if (o.mode != M_MAP && !o.go.online && !o.nostory)
		c.s = new_story(o.go.explain);
	if (o.mode == M_MAP && cd_map_init(c.map = &map, &o.dd) != 0)
		cd_fatal("temporary file: %s", strerror(errno));
	cd_run_init(&run, &o.co, one, &c);
	run.need_field = false;
	cd_run_files(&run, argc - first, argv + first);
	if (o.mode == M_MERGE && c.d)
		read_lines(o.edges, NULL, c.d, 0);
	cd_buf_reset(&run.out);
	if ((c.g && cd_groups_finish(c.g, &cd_out) != 0) ||
	    (c.map && cd_map_finish(c.map, &run.out, &cd_out) != 0))
		cd_fatal("temporary file: %s", strerror(errno));
	st = cd_run_finish(&run);
	cd_groups_free(c.g);
	cd_dedup_free(c.d);
	if (c.map)
		cd_map_release(c.map);
	cd_story_free(c.s);
	cd_big_prefault_end();
	cd_fpsrc_release(&c.src);
	cd_buf_release(&c.text);
	cd_buf_release(&c.date);
	cd_buf_release(&c.val);
	cd_agree_release(&c.ag);
	return st;
}
