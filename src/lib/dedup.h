/*
 * dedup.h - exact and near-duplicate grouping of fingerprints (SPEC,
 * copydesk-group).
 *
 * Every fingerprint (fp.h) gives keys: its exact hash, one key per LSH
 * band of its MinHash signature, and, for a short text, one key per
 * word trigram.  Two records sharing a key are candidates; for each
 * key the index remembers the first and the last record that had it, and
 * a new record is compared with both (so a key shared by records
 * m0 < m1 < ... < mk yields the pairs (m0, mi) and (mi-1, mi) whatever the
 * order of processing, which is what the map/shuffle/reduce modes compute
 * too).  A compared pair is near when
 *
 *	its Jaccard similarity is at least the threshold, or
 *	the smaller text is mostly contained in the larger one
 *	(containment at least the containment threshold), or
 *	they share a long passage (at least `passage` shingles, some 100
 *	words) and the part of the smaller text missing from the larger is
 *	at most 5/3 of what the containment threshold allows (0.5 where
 *	the threshold is 0.7; nothing more when it is 1),
 *
 * measured exactly on the word trigrams when both texts are short, else
 * estimated from the MinHash signatures and the distinct shingle counts.
 * Near pairs are joined with union-find; every group is named by its
 * first record (smallest index).
 *
 * Memory: per record 22 bytes of arrays (18 with opts.no_match), plus
 * 16 bytes per key in the key table unless deferred; the signatures
 * themselves are kept in a temporary file and read back (pread, never mapped) only to verify a
 * candidate pair.  Deferred, the keys go through an external sort
 * (ksort.h) in a buffer of fixed size, or, with opts.huge, first into a
 * key table of that size as they come, and through the sort only past
 * it: the table finds the candidate pairs while the input is read,
 * where the sort finds them at the end.  Either way exact copies are
 * joined without reading their signatures, and the candidate pairs go
 * through an external sort by blocks of signatures, so a pair that
 * shares several keys is compared once and the signatures are read a
 * block at a time; a worker thread (worker.h) sorts buckets ahead and
 * compares half of each batch of pairs, the results joined in the same
 * order.
 * Nothing here prints or exits: errors of the temporary files are
 * returned.
 *
 * dedup.c is the index (keys, candidates, union-find, the deferred pair
 * search) and dedupsim.c the similarity of two signatures; the two share
 * dedup_int.h.
 */
#ifndef CD_DEDUP_H
#define CD_DEDUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fp.h"

#define CD_DEDUP_NONE UINT32_MAX

struct cd_dedup_opts {
	double threshold;	/* Jaccard similarity for near [0.8] */
	double contain;		/* containment for near [0.7] */
	unsigned passage;	/* shingles of a shared passage; 0: off [100] */
	unsigned bands, rows;	/* 0: derived by cd_dedup_new */
	const char *tmpdir;	/* NULL: $TMPDIR or /tmp */
	bool deferred;		/* batch: compare in cd_dedup_resolve */
	/* Deferred: the key entries held in memory (16 bytes each); 0: 2 Mi
	 * of them (32 MiB).  With a table, past it, the sort holds half as
	 * many: it writes to disk by then whatever its size. */
	size_t keys_len;
	/* Deferred: the keys go first to a key table of keys_len
	 * entries, looked up as they come, and to the external sort only
	 * when it is full (see cd_dedup_add); else straight to the sort. */
	bool table;
	/* Deferred: the keys' memory (table or sort buffer) mapped for
	 * huge pages, fewer page faults, but it counts whole from the first
	 * records on instead of growing with them.  copydesk-group sets
	 * both (table and huge); without them is the path the unit tests
	 * keep covered (keys straight to the sort). */
	bool huge;
	/* Without the best match of each record: cd_dedup_match then tells
	 * only the similarity (4 bytes a record less; copydesk-group names
	 * the match only for --explain). */
	bool no_match;
	/* When set, told of every edge found (a < b; dup: an exact copy),
	 * besides the index joining them. */
	void (*on_edge)(void *arg, uint32_t a, uint32_t b, unsigned milli,
			bool dup);
	void *edge_arg;
	/* When set (--agree), a compared pair that is not near joins all
	 * the same when it is near under the looser agree_threshold and
	 * agree_contain (no passage rule), shares at least 4 word trigrams
	 * (shingles for long texts) and agree(agree_arg, a, b) says a < b
	 * agree; agree may be called from the worker thread. */
	bool (*agree)(void *arg, uint32_t a, uint32_t b);
	void *agree_arg;
	double agree_threshold, agree_contain;
};

struct cd_dedup;

void cd_dedup_opts_init(struct cd_dedup_opts *o);
/* Derive bands and rows, when 0, from the thresholds and par->perm
 * (cd_sketch_bands with the lowest of the thresholds, the agree ones
 * included when agree is set). */
void cd_dedup_opts_derive(struct cd_dedup_opts *o,
			  const struct cd_fp_params *par);

/*
 * A new index for fingerprints made with parameters par.  Returns NULL
 * with errno set when the temporary signature file cannot be made.
 * Release with cd_dedup_free().
 */
struct cd_dedup *cd_dedup_new(const struct cd_dedup_opts *o,
			      const struct cd_fp_params *par);
void cd_dedup_free(struct cd_dedup *d);

/* The bands and rows in use. */
void cd_dedup_banding(const struct cd_dedup *d, unsigned *bands,
		      unsigned *rows);

/*
 * Add the next record (index = the number added before) with fingerprint
 * fp, which must have the index's parameters, compare it with its
 * candidates and join it to those it is near.  Returns its index, or
 * CD_DEDUP_NONE with errno set when the temporary files failed (then and
 * ever after: the index is unusable, report it and stop).
 *
 * With opts.deferred the comparisons wait for cd_dedup_resolve(), and
 * so may the joins (what cd_dedup_near and the like tell before it is
 * not final): the keys go to an external sort (ksort.h), or with
 * opts.table to a key table of the same bounded size first, so memory
 * stays at the per-record arrays plus a fixed buffer.  The result is the
 * same.
 */
uint32_t cd_dedup_add(struct cd_dedup *d, const struct cd_fp *fp);

/* The bytes of the key table that an index with opts o makes at its
 * first keys from cd_xbig (buf.h), or 0: for cd_big_prefault. */
size_t cd_dedup_table_bytes(const struct cd_dedup_opts *o);
/* Whether every key so far went to a key table (opts.deferred with
 * opts.table), none to the external sort: the records are then few
 * enough (some 27,000 articles) that a caller may keep what it holds of
 * them in memory too (groups.c's spool). */
bool cd_dedup_table_lasts(const struct cd_dedup *d);
/* The key entries held in memory now, by the table or, past it, by the
 * external sort's buffer (half as many: see opts.keys_len); 0 for
 * none. */
size_t cd_dedup_keys_held(const struct cd_dedup *d);

/* After the last cd_dedup_add, with opts.deferred: find the candidate
 * pairs and compare them (call it once).  Returns 0, or -1 with errno set
 * when the temporary files failed, in either mode. */
int cd_dedup_resolve(struct cd_dedup *d);

/*
 * The reduce side (mapred.h) of a deferred index: keep fp as the
 * signature of record idx, which must be at least cd_dedup_count() (the
 * records skipped have none).  Returns 0, or -1 with errno set: EINVAL
 * for an idx out of order, else a temporary file error.
 */
int cd_dedup_put(struct cd_dedup *d, uint32_t idx, const struct cd_fp *fp);

/*
 * The reduce side: record idx, put before, has key (exact: the exact-hash
 * key).  Keys must come in order of key, then idx, after the last
 * cd_dedup_put; then call cd_dedup_resolve.  Returns 0, or -1 with errno
 * set: EINVAL when out of order or idx has no signature, else a
 * temporary file error.
 */
int cd_dedup_key(struct cd_dedup *d, uint64_t key, uint32_t idx, bool exact);

/* Add an edge found elsewhere (--merge): a and b are near with
 * similarity milli / 1000; dup says they are exact duplicates.  Indexes
 * grow as needed. */
void cd_dedup_edge(struct cd_dedup *d, uint32_t a, uint32_t b,
		   unsigned milli, bool dup);

/* A similarity in thousandths, as edges and output carry it. */
unsigned cd_dedup_milli(double sim);

/* Make sure records 0..n-1 exist (those without edges are alone). */
void cd_dedup_reserve(struct cd_dedup *d, uint32_t n);

/* Number of records. */
uint32_t cd_dedup_count(const struct cd_dedup *d);
/* The first record of i's near group (so far). */
uint32_t cd_dedup_near(struct cd_dedup *d, uint32_t i);
/* The first record with i's exact hash. */
uint32_t cd_dedup_dup(const struct cd_dedup *d, uint32_t i);
/* The most similar record i was found near to (CD_DEDUP_NONE when none,
 * and always with opts.no_match) and the similarity (1 when none). */
uint32_t cd_dedup_match(const struct cd_dedup *d, uint32_t i, double *sim);

/*
 * The similarity of two fingerprints with equal parameters, as the index
 * measures it: *near tells whether it reaches a threshold of o.
 */
double cd_dedup_sim(const struct cd_dedup_opts *o, const struct cd_fp *a,
		    const struct cd_fp *b, bool *near);

/*
 * Call fn(arg, key) for every candidate key of fp (exact hash first,
 * then bands, then word trigrams), as cd_dedup_add uses them.  Keys are
 * distinct within a record.
 */
void cd_dedup_keys(const struct cd_dedup_opts *o, const struct cd_fp *fp,
		   void (*fn)(void *arg, uint64_t key, bool exact), void *arg);

#endif
