/*
 * datapath.h - where the data files (rule and word lists, data/ in the
 * source tree) are read from.
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

#endif
