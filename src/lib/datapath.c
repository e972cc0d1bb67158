/* datapath.c - the data file lookup and line reader; see datapath.h. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "datapath.h"
#include "msg.h"

#ifndef CD_DATADIR
#define CD_DATADIR "/usr/local/share/copydesk"
#endif

#if defined(CD_BUILD_BINDIR) && defined(CD_BUILD_DATADIR)
/* Is the running program the file named dir/prog (both stat'able)?  The
 * program is found through /proc/self/exe; where there is none, it is
 * taken as installed. */
static bool runs_from(const char *dir, const char *prog)
{
	struct cd_buf b = CD_BUF_INIT;
	struct stat self, built;
	bool same;

	cd_buf_addf(&b, "%s/%s", dir, prog);
	same = stat("/proc/self/exe", &self) == 0 &&
	       stat(b.p, &built) == 0 && self.st_dev == built.st_dev &&
	       self.st_ino == built.st_ino;
	cd_buf_release(&b);
	return same;
}
#endif

/* Put in b the path of name in share/copydesk beside the directory of the
 * running program (PREFIX/bin -> PREFIX/share/copydesk, wherever PREFIX
 * was moved) and return true when that file is readable. */
static bool beside_program(const char *name, struct cd_buf *b)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return false;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return false;
	*slash = '\0';
	cd_buf_addf(b, "%s/../share/copydesk/%s", exe, name);
	if (access(b->p, R_OK) == 0)
		return true;
	cd_buf_reset(b);
	return false;
}

char *cd_data_path(const char *name)
{
	struct cd_buf b = CD_BUF_INIT;
	const char *env = getenv("COPYDESK_DATADIR");
	const char *dir = CD_DATADIR;

	if (env && *env)
		dir = env;
#if defined(CD_BUILD_BINDIR) && defined(CD_BUILD_DATADIR)
	else if (runs_from(CD_BUILD_BINDIR, cd_progname()))
		dir = CD_BUILD_DATADIR;
#endif
	else if (beside_program(name, &b))
		return b.p;
	cd_buf_addf(&b, "%s/%s", dir, name);
	return b.p;
}

long cd_data_read(const char *path,
		  int (*add)(void *arg, const char *line, size_t len),
		  void *arg)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, bad = 0;

	if (!f)
		return -1;
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (add(arg, line, (size_t)n) != 0 && !bad)
			bad = lineno;
	}
	n = ferror(f);
	free(line);
	fclose(f);
	if (n) {
		errno = EIO;
		return -1;
	}
	return bad;
}

void cd_data_check(const char *path, long st)
{
	if (st < 0)
		cd_fatal("%s: %s", path, strerror(errno));
	if (st > 0)
		cd_fatal("%s:%ld: malformed entry", path, st);
}
