/*
 * copydesk - run copydesk-CMD, as git runs its dashed externals.
 *
 * The program is looked up first beside this binary, then in PATH, so a
 * build tree and an installed copy each run their own programs.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <isa-l.h>
#include <libxml/parser.h>
#include <utf8proc.h>
#include <xxhash.h>
#include <zlib.h>

#include "buf.h"
#include "msg.h"
#include "opt.h"
#include "out.h"

static const char *const commands[][2] = {
	{ "split", "cut files and archives into document records" },
	{ "clean", "remove boilerplate, lift title, byline and dateline" },
	{ "fingerprint", "add exact, SimHash and MinHash fingerprints" },
	{ "group", "group copies, near copies and stories" },
	{ "quote", "extract quotations with their speakers" },
	{ "report", "show documents and quotations as one HTML page" },
};

static const struct cd_progspec spec = {
	"usage: copydesk [--help | --version] COMMAND [ARG ...]",
	"Run copydesk-COMMAND with ARGs: the copydesk tools for news text.\n"
	"\n"
	"Commands:\n"
};

static const char help_tail[] =
	"\n"
	"  -h, --help      print this help and exit\n"
	"  -V, --version   print the version and the library versions, and exit\n"
	"\n"
	"'copydesk COMMAND --help' describes a command.  See copydesk(1) and\n"
	"copydesk(7) for the record format, messages and exit status.\n";

/* Print the help with the command list filled in. */
static void help(void)
{
	struct cd_buf list = CD_BUF_INIT, all = CD_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		cd_buf_addf(&list, "  %-12s    %s\n", commands[i][0], commands[i][1]);
	cd_buf_addf(&all, "%s\n%s%s%s", spec.usage, spec.help, list.p, help_tail);
	cd_out_write(all.p, all.len);
	cd_buf_release(&list);
	cd_buf_release(&all);
	cd_out_finish();
	exit(0);
}

/* Print the version and those of the libraries we link. */
static void version(void)
{
	struct cd_buf b = CD_BUF_INIT;

	cd_buf_addf(&b, "copydesk %s\n", CD_VERSION);
	cd_buf_addf(&b, "libraries: zlib %s, %s, utf8proc %s, xxhash %u, "
		    "isa-l %d.%d.%d, libxml2 %s\n",
		    zlibVersion(), archive_version_string(), utf8proc_version(),
		    XXH_versionNumber(), ISAL_MAJOR_VERSION, ISAL_MINOR_VERSION,
		    ISAL_PATCH_VERSION, xmlParserVersion);
	cd_out_write(b.p, b.len);
	cd_buf_release(&b);
	cd_out_finish();
	exit(0);
}

/* Is cmd one of ours? */
static int known(const char *cmd)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(cmd, commands[i][0]) == 0)
			return 1;
	return 0;
}

/* exec copydesk-CMD from beside this binary, else from PATH. */
static void run(const char *cmd, char **argv)
{
	char self[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	snprintf(path, sizeof(path), "copydesk-%s", cmd);
	argv[0] = path;
	/* Our programs ignore SIGPIPE themselves; restore it for them all. */
	signal(SIGPIPE, SIG_DFL);
	if (n > 0) {
		char full[PATH_MAX + 80];

		self[n] = '\0';
		if ((slash = strrchr(self, '/')))
			*slash = '\0';
		snprintf(full, sizeof(full), "%s/copydesk-%s", self, cmd);
		if (access(full, X_OK) == 0)
			execv(full, argv);
	}
	execvp(path, argv);
	cd_fatal("%s: %s", path, strerror(errno));
}

int main(int argc, char **argv)
{
	cd_msg_init("copydesk");
	cd_out_init();
	if (argc < 2)
		cd_usage_error(&spec, "no command given");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0)
		help();
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0)
		version();
	if (argv[1][0] == '-')
		cd_usage_error(&spec, "unknown option '%s'", argv[1]);
	if (!known(argv[1]))
		cd_usage_error(&spec, "'%s' is not a copydesk command", argv[1]);
	run(argv[1], argv + 1);
	return 1;
}
