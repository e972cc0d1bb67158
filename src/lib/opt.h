/*
 * opt.h - the options every program shares, --help/--version and usage
 * errors.
 *
 * A program lists its own long options followed by CD_COMMON_OPTIONS in
 * one struct option array, loops over getopt_long(argc, argv, ":...")
 * (the leading ':' matters: it tells a missing argument from an unknown
 * option) and hands every code it does not own to cd_opt_common().
 */
#ifndef CD_OPT_H
#define CD_OPT_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

enum {
	CD_OPT_HELP = 'h',
	CD_OPT_VERSION = 'V',
	CD_OPT_REJECTS = 0x1000,
	CD_OPT_STRICT,
	CD_OPT_MAXREC,
	CD_OPT_FIELD,
	CD_OPT_PROGRESS,
	CD_OPT_QUIET,
	CD_OPT_PROG = 0x2000	/* first code free for a program's options */
};

#define CD_COMMON_OPTIONS \
	{ "field", required_argument, NULL, CD_OPT_FIELD }, \
	{ "help", no_argument, NULL, CD_OPT_HELP }, \
	{ "max-record-bytes", required_argument, NULL, CD_OPT_MAXREC }, \
	{ "progress", no_argument, NULL, CD_OPT_PROGRESS }, \
	{ "quiet", no_argument, NULL, CD_OPT_QUIET }, \
	{ "rejects", required_argument, NULL, CD_OPT_REJECTS }, \
	{ "strict", no_argument, NULL, CD_OPT_STRICT }, \
	{ "version", no_argument, NULL, CD_OPT_VERSION }

/* The help lines for the shared options, for a program's --help text. */
#define CD_COMMON_HELP \
"      --field NAME          text field to read [text]\n" \
"  -h, --help                print this help and exit\n" \
"      --max-record-bytes N  reject longer input lines (K, M, G suffixes) [256M]\n" \
"      --progress            show progress on stderr even when not a terminal\n" \
"      --quiet               no progress line, no notes\n" \
"      --rejects FILE        write each rejected input line to FILE verbatim\n" \
"      --strict              stop at the first rejected line (status 1)\n" \
"  -V, --version             print the version and exit\n"

#define CD_MAXREC_DEFAULT ((size_t)256 << 20)

struct cd_common {
	const char *rejects;	/* --rejects FILE or NULL */
	bool strict;
	size_t max_record;	/* --max-record-bytes */
	const char *field;	/* --field, default "text" */
	int progress;		/* 1 --progress, -1 --quiet, 0 auto */
	bool quiet;
};

/* What a program tells the shared code about itself. */
struct cd_progspec {
	const char *usage;	/* "usage: copydesk-x [options] [file ...]" */
	const char *help;	/* the rest of --help, ending in "\n" */
};

void cd_common_init(struct cd_common *co);
/*
 * Handle option code c (with argument arg) for a program.  Shared options
 * are stored in co; --help and --version print and exit 0; an unknown
 * option or a missing argument is a usage error (exit 2).  argv and
 * optind name the offending word.
 */
void cd_opt_common(struct cd_common *co, const struct cd_progspec *ps, int c,
		   const char *arg, char **argv);
/* "PROG: msg", the usage line and a hint to --help on stderr; exit 2. */
void cd_usage_error(const struct cd_progspec *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/* Parse a byte count with optional K/M/G suffix, or a usage error. */
size_t cd_opt_size(const struct cd_progspec *ps, const char *name,
		   const char *arg);
/* Parse a number in [lo, hi], or a usage error. */
double cd_opt_number(const struct cd_progspec *ps, const char *name,
		     const char *arg, double lo, double hi);

#endif
