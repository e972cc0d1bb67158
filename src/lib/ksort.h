/*
 * ksort.h - an external sort of (key, record) entries in bounded memory,
 * so that copydesk-group can find the records sharing a key with a fixed
 * buffer instead of a key table that grows with the input.
 *
 * Entries are collected in the lower half of a buffer; a full half is
 * sorted (the upper half the scratch) and written as a run to an
 * unlinked temporary file; cd_ksort_each() merges the runs and hands
 * every entry over in order of key.  Memory is the buffer plus a small
 * read buffer per run.  A sorter of hash keys
 * (cd_ksort_new_bucketed) buckets them by their top bits instead and sorts
 * one bucket at a time, the next one in a worker thread (worker.h) while
 * the current one is handed over.  Entries that all fit in the buffer are
 * sorted there and never written out (a stable MSD radix sort, its
 * scratch the size of a run, or of a bucket: the buffer's upper half, or
 * beside the buffer).  An error on the temporary
 * file is returned (-1 with errno set), never printed.
 */
#ifndef CD_KSORT_H
#define CD_KSORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cd_kent {
	uint64_t key;
	uint32_t idx;
	uint32_t flag;
};

struct cd_ksort;

/* A new sorter of buflen entries of memory, holding up to half of them
 * (the other half the sort's scratch), spilling to an unlinked file in
 * tmpdir (NULL: $TMPDIR or /tmp).  NULL with errno set when the file
 * cannot be made. */
struct cd_ksort *cd_ksort_new(const char *tmpdir, size_t buflen);
/* A sorter as cd_ksort_new for keys spread fairly evenly over 0..maxkey
 * (UINT64_MAX for hash values): entries are cut into 256 buckets by the
 * top bits of that range as they come, so that each bucket is sorted in
 * memory on its own, with no merge (a bucket larger than buflen entries
 * is sorted through runs).  The order handed over is the same; pushing a
 * key above maxkey is an error of the caller.  With huge, the buffer is
 * mapped for huge pages (cd_xbig): fewer page faults, but its memory
 * counts whole as soon as the entries are spread over it, so only for a
 * buffer expected to fill. */
struct cd_ksort *cd_ksort_new_bucketed(const char *tmpdir, size_t buflen,
				       uint64_t maxkey, bool huge);
void cd_ksort_free(struct cd_ksort *k);

/* Add an entry.  Entries need not come in any order.  Returns 0, or -1
 * with errno set when a full buffer cannot be written out. */
int cd_ksort_push(struct cd_ksort *k, uint64_t key, uint32_t idx,
		  uint32_t flag);

/* Call fn(arg, e) for every entry in order of key (e is borrowed for
 * the call); the entries of one key come in order of idx when they were
 * pushed so, else in an order of the sort's own, the same every run.
 * Call it once, after the last push.  Returns 0,
 * or -1 with errno set when the temporary file failed (fn may have seen
 * some of the entries). */
int cd_ksort_each(struct cd_ksort *k,
		  void (*fn)(void *arg, const struct cd_kent *e), void *arg);

/* The bytes written to the temporary file so far: 0 while every entry
 * has fitted in the buffer. */
uint64_t cd_ksort_written(const struct cd_ksort *k);
/* The entries the sorter's buffer has room for (buflen, at least
 * 1024); for tests and cd_dedup_keys_held. */
size_t cd_ksort_cap(const struct cd_ksort *k);

#endif
