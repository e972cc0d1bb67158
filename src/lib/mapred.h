/*
 * mapred.h - copydesk-group beyond one machine (SPEC): the grouping split
 * into map, shuffle and reduce, all in plain text lines so that sort(1),
 * GNU parallel or Hadoop Streaming can carry them.
 *
 * map (--map): for each record, as it comes, one signature line
 *	! TAB IDX TAB PERM TAB SHINGLE TAB SEED TAB WORDS TAB SHINGLES TAB
 *	MINHASH TAB GRAMS
 * and, for a text of at most CD_MAP_EXACT_WORDS words, TAB EXACT
 * (IDX the record number, from 0 plus --offset, in 10 digits; MINHASH and
 * GRAMS in the base64 of fp.h, GRAMS "-" when absent; EXACT the exact
 * hash in 16 hex digits, with which such texts are compared, as their
 * one trigram could collide, dedup.c), then one key line
 * per candidate key (dedup.h)
 *	KEY TAB IDX TAB KIND
 * with KEY 16 hex digits and KIND "x" for the exact-hash key, "b" for the
 * others, all at the end, sorted.  A record's signature travels once, not
 * once per key, and the output of a map is already sorted.
 *
 * shuffle: LC_ALL=C sort -m of the maps' outputs (or a plain sort), which
 * puts the signature lines first, in record order, then each key's lines
 * together in record order.
 *
 * reduce (--reduce): one process over the whole sorted stream keeps the
 * signatures in its temporary file, takes for each key the records
 * m0 < m1 < ... sharing it, gives the pairs (m0, mi) and (mi-1, mi),
 * exactly those cd_dedup_add compares, compares each distinct pair once
 * (dedup.h) and writes one edge line per near pair
 *	A TAB B TAB MILLI TAB DUP
 * (A < B record numbers in 10 digits, the similarity in thousandths, DUP
 * 1 for exact copies).
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
#include "ksort.h"
#include "out.h"
#include "reader.h"
#include "sketch.h"

/* Called with the line number and a static reason for each bad line. */
typedef void (*cd_mapred_bad_fn)(void *arg, uint64_t line, const char *why);

/* Texts of at most this many words carry EXACT on their signature line. */
#define CD_MAP_EXACT_WORDS CD_SKETCH_WHOLE_WORDS

/* The state of a map: the key lines wait in an external sort, so that
 * the map writes its lines sorted, as LC_ALL=C sort would. */
struct cd_map {
	struct cd_dedup_opts o;
	struct cd_ksort *ks;
	uint32_t idx;
	int err;
	struct cd_buf *out;
	struct cd_sink *sink;	/* borrowed, or NULL */
};

/* Start a map.  Returns 0, or -1 with errno set when its temporary file
 * cannot be made. */
int cd_map_init(struct cd_map *m, const struct cd_dedup_opts *o);
void cd_map_release(struct cd_map *m);

/* Map record idx (greater than any before) with fingerprint fp: append
 * its signature line to out and keep its key lines.  Returns 0, or -1
 * with errno set when the temporary file failed. */
int cd_map_add(struct cd_map *m, const struct cd_fp *fp, uint32_t idx,
	       struct cd_buf *out);

/* After the last record, append the key lines, sorted, to out (borrowed);
 * with a sink (borrowed; NULL: none), write them on to it as they come,
 * out as their buffer.  Returns 0, or -1 with errno set when the
 * temporary file failed. */
int cd_map_finish(struct cd_map *m, struct cd_buf *out,
		  struct cd_sink *sink);

/* The state of a reduce over one sorted stream. */
struct cd_reduce {
	struct cd_dedup_opts o;
	struct cd_dedup *d;		/* made at the first signature line */
	struct cd_fp fp;
	struct cd_fp_params par;
	struct cd_buf *out;		/* borrowed: edge lines go here */
	struct cd_sink *sink;		/* and on to it, when not NULL */
};

/* Start a reduce whose edge lines are appended to out (borrowed). */
void cd_reduce_init(struct cd_reduce *r, const struct cd_dedup_opts *o,
		    struct cd_buf *out);
void cd_reduce_release(struct cd_reduce *r);

/*
 * Take one map line (without its newline).  Returns 0, or -1 with *why
 * set to a static reason when the line is not a map line, is out of
 * order, or has other fingerprint parameters than the first one; or -1
 * with *why NULL and errno set when a temporary file failed (the reduce
 * is then unusable: cd_reduce_finish says so again).
 */
int cd_reduce_line(struct cd_reduce *r, const char *line, size_t len,
		   const char **why);

/* After the last line: compare the candidate pairs and append the edge
 * lines.  Returns 0, or -1 with errno set when a temporary file failed. */
int cd_reduce_finish(struct cd_reduce *r);

/*
 * Parse an edge line into *a, *b, *milli, *dup.  Returns 0, or -1 when it
 * is not an edge line.
 */
int cd_mapred_edge(const char *line, size_t len, uint32_t *a, uint32_t *b,
		   unsigned *milli, bool *dup);

/*
 * Take every line of rd (opened by the caller), from now on writing the
 * edge lines on to sink (borrowed); bad(arg, line, why) hears of each
 * bad line.
 * Returns what ended the reading: CD_EOF, or CD_RERR / CD_LONG with
 * rd->err or the line number telling more.
 */
int cd_reduce_stream(struct cd_reduce *r, struct cd_reader *rd,
		     struct cd_sink *sink, cd_mapred_bad_fn bad, void *arg);

/* Read the edge lines of rd into d, as cd_reduce_stream reads map lines. */
int cd_mapred_load_edges(struct cd_dedup *d, struct cd_reader *rd,
			 cd_mapred_bad_fn bad, void *arg);

#endif
