/*
 * jsoncheck.c - the record loop with nothing else: every valid record is
 * written back with cd_rec_write and no edits, every other line is
 * reported and rejected exactly as the programs do (run.c).  It needs no
 * field.  tests/json-diff.bats builds it with $CC from the library
 * sources to compare our JSON acceptance with jq's; it is not installed.
 *
 *   jsoncheck [--rejects FILE] [file ...]
 */
#include "msg.h"
#include "opt.h"
#include "out.h"
#include "run.h"

/* Write the record back unchanged. */
static int echo(void *ctx, struct cd_run *run, const struct cd_rec *rec)
{
	(void)ctx;
	cd_rec_write(&run->out, rec, NULL, 0);
	cd_run_emit(run, run->out.p, run->out.len);
	return 0;
}

static const struct cd_progspec spec = {
	"usage: jsoncheck [options] [file ...]",
	"Echo valid JSON object lines, reject the others.\n\n" CD_COMMON_HELP
};

int main(int argc, char **argv)
{
	static const struct option opts[] = { CD_COMMON_OPTIONS, { 0, 0, 0, 0 } };
	struct cd_common co;
	struct cd_run run;
	int c;

	cd_msg_init(argv[0]);
	cd_out_init();
	cd_common_init(&co);
	while ((c = getopt_long(argc, argv, ":hV", opts, NULL)) != -1)
		cd_opt_common(&co, &spec, c, optarg, argv);
	cd_run_init(&run, &co, echo, NULL);
	run.need_field = false;
	cd_run_files(&run, argc - optind, argv + optind);
	return cd_run_finish(&run);
}
