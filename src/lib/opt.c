/* opt.c - shared options, help and usage errors; see opt.h. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "msg.h"
#include "opt.h"
#include "out.h"

void cd_common_init(struct cd_common *co)
{
	memset(co, 0, sizeof(*co));
	co->max_record = CD_MAXREC_DEFAULT;
	co->field = "text";
}

void cd_usage_error(const struct cd_progspec *ps, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cd_progname());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s\nTry '%s --help' for more information.\n",
		ps->usage, cd_progname());
	exit(CD_USAGE);
}

/* Print --help to stdout through out.c (so a closed pipe is quiet). */
static void print_help(const struct cd_progspec *ps)
{
	cd_out_write(ps->usage, strlen(ps->usage));
	cd_out_write("\n", 1);
	cd_out_write(ps->help, strlen(ps->help));
	cd_out_finish();
	exit(0);
}

/* Print "PROG VERSION" to stdout. */
static void print_version(void)
{
	char line[256];
	int n = snprintf(line, sizeof(line), "%s %s\n", cd_progname(), CD_VERSION);

	cd_out_write(line, (size_t)n);
	cd_out_finish();
	exit(0);
}

void cd_opt_common(struct cd_common *co, const struct cd_progspec *ps, int c,
		   const char *arg, char **argv)
{
	switch (c) {
	case CD_OPT_FIELD:
		if (!*arg)
			cd_usage_error(ps, "--field needs a field name");
		co->field = arg;
		break;
	case CD_OPT_HELP:
		print_help(ps);
		break;
	case CD_OPT_MAXREC:
		co->max_record = cd_opt_size(ps, "--max-record-bytes", arg);
		if (co->max_record == 0)
			cd_usage_error(ps, "--max-record-bytes must be positive");
		break;
	case CD_OPT_PROGRESS:
		co->progress = 1;
		break;
	case CD_OPT_QUIET:
		co->progress = -1;
		co->quiet = true;
		break;
	case CD_OPT_REJECTS:
		co->rejects = arg;
		break;
	case CD_OPT_STRICT:
		co->strict = true;
		break;
	case CD_OPT_VERSION:
		print_version();
		break;
	case ':':
		cd_usage_error(ps, "option '%s' needs an argument", argv[optind - 1]);
		break;
	default:
		cd_usage_error(ps, "unknown option '%s'", argv[optind - 1]);
	}
}

size_t cd_opt_size(const struct cd_progspec *ps, const char *name,
		   const char *arg)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (end == arg || errno || *arg == '-')
		cd_usage_error(ps, "%s: invalid size '%s'", name, arg);
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end || (shift && v > (ULLONG_MAX >> shift)) || (v << shift) > SIZE_MAX)
		cd_usage_error(ps, "%s: invalid size '%s'", name, arg);
	return (size_t)(v << shift);
}

double cd_opt_number(const struct cd_progspec *ps, const char *name,
		     const char *arg, double lo, double hi)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (end == arg || *end || errno || !(v >= lo && v <= hi))
		cd_usage_error(ps, "%s: '%s' is not a number from %g to %g",
			       name, arg, lo, hi);
	return v;
}
