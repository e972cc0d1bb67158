/*
 * datapath.h - where the data files (rule and word lists, data/ in the
 * source tree) are read from, and reading them line by line.
 *
 * An installed program reads share/copydesk beside its own bin directory
 * (PREFIX/share/copydesk, also when the installed tree was moved), else
 * DATADIR, the directory configured at build time (config.mk), and never
 * a directory outside its prefix; a program run from the build tree it
 * was linked into reads the data/ directory of that tree;
 * $COPYDESK_DATADIR, when set and not empty, overrides all of them.
 */
#ifndef CD_DATAPATH_H
#define CD_DATAPATH_H

#include <stddef.h>

/*
 * The path of data file name: $COPYDESK_DATADIR/name when that is set;
 * else, when the running program is the one in the build tree's bin
 * directory (CD_BUILD_BINDIR, the same file by device and inode), the
 * tree's data/name (CD_BUILD_DATADIR); else BIN/../share/copydesk/name
 * when that is readable, BIN the running program's directory (from
 * /proc/self/exe; without it this step is skipped); else DATADIR/name.
 * Returns a malloc'd string the caller frees; the file may not exist
 * (opening it reports that).
 */
char *cd_data_path(const char *name);

/*
 * Read the text file path line by line, calling add(arg, line, len) for
 * each line (its line end included; blank and comment lines too).
 * Returns 0; -1 with errno set when the file cannot be read; or the
 * 1-based number of the first line add refused (returned nonzero); the
 * lines after it are still read.
 */
long cd_data_read(const char *path,
		  int (*add)(void *arg, const char *line, size_t len),
		  void *arg);

/* For a program: die (cd_fatal) naming path when st, what cd_data_read
 * or a loader built on it returned for path, is not 0. */
void cd_data_check(const char *path, long st);

#endif
