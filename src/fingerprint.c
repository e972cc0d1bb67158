/*
 * copydesk-fingerprint - add an `fp` object (exact hash, SimHash, MinHash,
 * word pairs of short texts, parameters) to every record.  See
 * copydesk-fingerprint(1).
 */
#include <stdio.h>
#include <stdlib.h>

#include "fp.h"
#include "msg.h"
#include "opt.h"
#include "run.h"
#include "sketch.h"
#include "token.h"

struct opts {
	struct cd_common co;
	struct cd_fp_params par;
};

/* The per-run state handed to the record callback. */
struct ctx {
	const struct opts *o;
	struct cd_words words;
	struct cd_fp fp;
	struct cd_buf val;
};

enum { OPT_PERM = CD_OPT_PROG, OPT_SEED, OPT_SHINGLE };

static const struct cd_progspec spec = {
	"usage: copydesk-fingerprint [--perm N] [--seed N] [--shingle N] "
	"[options] [file ...]",
	"Add a fingerprint object `fp` to each record for copydesk-group.\n"
	"      --perm N              MinHash values, 1-1024 [128]\n"
	"      --seed N              hash family, 0-4294967295 [0]\n"
	"      --shingle N           words per MinHash shingle, 1-32 [5]\n"
	CD_COMMON_HELP
	"See copydesk-fingerprint(1).\n"
};

/* Fingerprint one record's text and write the record with `fp`. */
static int one(void *p, struct cd_run *run, const struct cd_rec *rec)
{
	struct ctx *c = p;
	struct cd_edit ed;

	cd_fp_text(&c->fp, &c->o->par, run->text.p, run->text.len,
		   &c->words);
	cd_buf_reset(&c->val);
	cd_fp_json(&c->fp, &c->val);
	ed.key = "fp";
	ed.val = c->val.p;
	ed.vlen = c->val.len;
	cd_rec_write(&run->out, rec, &ed, 1);
	cd_run_emit(run, run->out.p, run->out.len);
	return 0;
}

/* Parse the command line into o; returns the index of the first file. */
static int parse_options(struct opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "perm", required_argument, NULL, OPT_PERM },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "shingle", required_argument, NULL, OPT_SHINGLE },
		CD_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c;

	cd_common_init(&o->co);
	cd_fp_params_init(&o->par);
	while ((c = getopt_long(argc, argv, ":hV", lo, NULL)) != -1) {
		switch (c) {
		case OPT_PERM:
			o->par.perm = (unsigned)cd_opt_number(&spec, "--perm",
				optarg, 1, CD_SKETCH_MAX_PERM);
			break;
		case OPT_SEED:
			o->par.seed = (uint64_t)cd_opt_number(&spec, "--seed",
				optarg, 0, 4294967295.0);
			break;
		case OPT_SHINGLE:
			o->par.shingle = (unsigned)cd_opt_number(&spec,
				"--shingle", optarg, 1, CD_SKETCH_MAX_SHINGLE);
			break;
		default:
			cd_opt_common(&o->co, &spec, c, optarg, argv);
		}
	}
	return optind;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct ctx c;
	struct cd_run run;
	int first, st;

	cd_msg_init(argv[0]);
	cd_out_init();
	first = parse_options(&o, argc, argv);
	c.o = &o;
	cd_words_init(&c.words);
	cd_fp_init(&c.fp);
	cd_buf_init(&c.val);
	cd_run_init(&run, &o.co, one, &c);
	cd_run_files(&run, argc - first, argv + first);
	st = cd_run_finish(&run);
	cd_words_release(&c.words);
	cd_fp_release(&c.fp);
	cd_buf_release(&c.val);
	return st;
}
