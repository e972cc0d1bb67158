/*
 * mapred.h - copydesk-group beyond one machine (SPEC): the grouping split
 * into map, shuffle and reduce, all in plain text lines so that sort(1),
 * GNU parallel or Hadoop Streaming can carry them.
 *
 * map (--map): one line per candidate key of each record (dedup.h),
 *	KEY TAB IDX TAB KIND TAB PERM TAB SHINGLE TAB SEED TAB WORDS TAB
 *	SHINGLES TAB MINHASH TAB PAIRS
 * with KEY 16 hex digits, IDX the record number (from 0, plus --offset)
 * in 10 digits, KIND "x" for the exact-hash key and "b" for the others,
 * MINHASH and PAIRS in the base64 of fp.h (PAIRS "-" when absent).
 *
 * shuffle: LC_ALL=C sort, which brings each key's lines together in
 * record order.
 *
 * reduce (--reduce): for each key, the records m0 < m1 < ... sharing it
 * give the pairs (m0, mi) and (mi-1, mi), exactly those cd_dedup_add
 * compares; each near pair is one edge line
 *	A TAB B TAB MILLI TAB DUP
 * (A < B record numbers in 10 digits, the similarity in thousandths, DUP
 * 1 for an exact-hash key).  The reduce is per key, so the sorted stream
 * may be cut between keys and reduced in parallel.
 *
 * components (--merge EDGES): copydesk-group reads all edges into the
 * union-find, then the records, and writes what one process would.
 */
#ifndef CD_MAPRED_H
#define CD_MAPRED_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "dedup.h"
#include "fp.h"
#include "reader.h"

/* Called with the line number and a static reason for each bad line. */
typedef void (*cd_mapred_bad_fn)(void *arg, uint64_t line, const char *why);

/* Append the map lines of record idx with fingerprint fp to out. */
void cd_mapred_map(const struct cd_dedup_opts *o, const struct cd_fp *fp,
		   uint32_t idx, struct cd_buf *out);

/* The state of a reduce over one sorted stream. */
struct cd_reduce {
	struct cd_dedup_opts o;
	uint64_t key;
	bool have, exact;
	uint32_t first, prev;
	struct cd_fp fpfirst, fpprev, fpcur;
};

void cd_reduce_init(struct cd_reduce *r, const struct cd_dedup_opts *o);
void cd_reduce_release(struct cd_reduce *r);

/*
 * Take one map line (without its newline) and append any edge lines to
 * out.  Returns 0, or -1 with *why set to a static reason when the line is
 * not a map line or its parameters differ from the stream's first line.
 */
int cd_reduce_line(struct cd_reduce *r, const char *line, size_t len,
		   struct cd_buf *out, const char **why);

/*
 * Parse an edge line into *a, *b, *milli, *dup.  Returns 0, or -1 when it
 * is not an edge line.
 */
int cd_mapred_edge(const char *line, size_t len, uint32_t *a, uint32_t *b,
		   unsigned *milli, bool *dup);

/*
 * Reduce every line of rd (opened by the caller) and write the edge lines
 * with cd_out_write(); bad(arg, line, why) hears of each bad line.
 * Returns what ended the reading: CD_EOF, or CD_RERR / CD_LONG with
 * rd->err or the line number telling more.
 */
int cd_reduce_stream(struct cd_reduce *r, struct cd_reader *rd,
		     cd_mapred_bad_fn bad, void *arg);

/* Read the edge lines of rd into d, as cd_reduce_stream reads map lines. */
int cd_mapred_load_edges(struct cd_dedup *d, struct cd_reader *rd,
			 cd_mapred_bad_fn bad, void *arg);

#endif
