/*
 * story_int.h - what story.c (the records, their copies and dates),
 * storyterm.c (the terms of one record) and cluster.c (solving: tf-idf,
 * the pairs and the average-linkage clustering) share.  Private to those
 * three files.
 */
#ifndef CD_STORY_INT_H
#define CD_STORY_INT_H

#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "hmap.h"
#include "story.h"

/* Background documents assumed in every idf (see the file comment). */
#define BACKGROUND_DOCS 100.0
/* Terms in more documents than the larger of MIN_POSTINGS and
 * POSTINGS_SHARE of the collection are left out of the inverted index:
 * they carry little evidence and would make pair finding quadratic.
 * They still count in the full cosine of the candidates.  Between 0.5%
 * and 2% of an archive they were two thirds of the postings visited
 * without changing the stories of ECB+ (alone or inside an archive);
 * between 0.2% and 0.5% they took a tenth of copydesk-group's CPU on
 * the bench archive, again without changing ECB+ (alone, where the 50
 * holds, or inside the archive); the archive's story pairs they made
 * or moved (a quarter) were mostly ones of a subject, not an event
 * (two dividends, two EC meetings).  With a cap of 30 or 20 records,
 * ECB+ inside the archive starts to change. */
#define MIN_POSTINGS 50
#define POSTINGS_SHARE 0.002
/* Earlier records sharing an indexed term that are scored in full per
 * record: those with the highest cosine over the indexed terms (no more
 * than the pairs remembered: a candidate scored is one pair). */
#define MAX_CANDIDATES 32
/* Postings visited per record, rarest terms first, before the rest of
 * its terms are left out of the candidate search. */
#define MAX_VISITS 5000
/* Most similar earlier records remembered per record. */
#define MAX_EDGES 32
/* A pair's cosine is scaled by 1 - CONFLICT * apart (not below 0),
 * where apart is how far apart their salient terms lie (names, pairs
 * of names, numbers kept by another record too): the product of the
 * two records' salient norms less the part of their cosine that the
 * terms salient in either record make (either: "River Authority" in one
 * and "river authority" in the other agree, whichever comes first).  Two reports of one event name its
 * people and figures alike; two similar events share the subject but
 * not the rest (one champion beat one challenger, then another), which
 * a cosine alone hardly sees.  A pair with no salient evidence either
 * way (a product of norms below SALIENT_FULL) counts up to NO_SALIENT
 * apart: texts without names or numbers have their cosine scaled by
 * PLAIN_SCALE, so that they meet the default threshold (0.06) where
 * their cosine reaches 0.16. */
#define CONFLICT 1.5
#define PLAIN_SCALE 0.375
#define NO_SALIENT ((1 - PLAIN_SCALE) / CONFLICT)
#define SALIENT_FULL 0.2
/* Pairs below threshold * EDGE_FRACTION are not remembered at all. */
#define EDGE_FRACTION 0.25
/* Slots the scratch table returns to after a record that made it grow
 * past TAB_SHRINK of them: one huge record must not make every later
 * one clear a huge table. */
#define TAB_SLOTS 1024
#define TAB_SHRINK 16384
/* Longest token kept, in bytes (longer ones are cut). */
#define MAX_TOKEN 64
/* Copies: a record is checked against the earlier ones through the
 * LINE_SAMPLE longest of its distinct lines of at least LINE_MIN
 * bytes (leading and trailing blanks aside), when it has COPY_MIN_LINES
 * of them. */
#define LINE_SAMPLE 8
#define LINE_MIN 32
#define COPY_MIN_LINES 3
/* ...and is a copy of an earlier record that first had COPY_SHARE of the
 * sampled bytes, when their long lines differ in length by at most the
 * factor COPY_LEN_RATIO. */
#define COPY_SHARE 0.75
#define COPY_LEN_RATIO 0.8
/* Counts whose weight the term counter takes from a table. */
#define LOG_TABLE 256
/* Batches of records whose terms are counted beside the caller: one
 * filling, one counted, one given ids (struct cd_story). */
#define NBATCH 3
/* Not a copy. */
#define NO_COPY UINT32_MAX

/* Term kinds; the kind seeds the hash so kinds never collide. */
enum kind { K_WORD = 1, K_NUM, K_PAIR, K_QUOTE };

/* One term being counted in the current record. */
struct slot {
	uint64_t h;	/* 0: empty */
	float tf;
	uint16_t capn;	/* occurrences capitalised inside a sentence */
	uint16_t lown;	/* occurrences in lower case */
	uint8_t kind;
};

/* A term counted in a record, for choosing the ones kept: its hash and
 * key, float_desc(its local weight) << 32 | h >> 32 with the last bit
 * set for a name, pair or number (a salient term), so that sorting by
 * key, then by hash, puts the heavier first, then the smaller hash. */
struct term {
	uint64_t key;
	uint64_t h;
};

/* Hashes in a stop set's bucket. */
#define STOP_WAYS 4

/* A set of nonzero hashes (the stop words) in buckets of STOP_WAYS
 * slots, the bucket of h being h & (nb - 1): a lookup compares one
 * bucket whole, without a branch (stop_has), where a probed table
 * branches on every slot it visits, once per word of every record.  A
 * full bucket doubles the buckets while they are more than an eighth
 * full; in a sparser set the hash goes to a probed table beside them
 * (over), read only when that holds any and the bucket is full, so
 * memory stays linear in the words however their hashes fall. */
struct stopset {
	uint64_t *b;	/* nb * STOP_WAYS hashes, 0 an empty slot */
	size_t nb;	/* a power of two; 0: not made yet */
	size_t n;	/* hashes in the set */
	struct cd_hmap over;
};

/* Whether hash h (nonzero) is in set st (made by cd_stop_init). */
static inline bool stop_has(const struct stopset *st, uint64_t h)
{
	const uint64_t *b = st->b + (h & (st->nb - 1)) * STOP_WAYS;
	bool in = (b[0] == h) | (b[1] == h) | (b[2] == h) | (b[3] == h);

	if (__builtin_expect(st->over.n != 0, 0) && !in && b[STOP_WAYS - 1])
		in = st->over.keys[cd_hmap_find(&st->over, h)] != 0;
	return in;
}

/* A record's summary: terms[off .. off + n), and its day or INT_MIN; or,
 * for a copy, the earlier record it copies and the share of its sampled
 * lines found there. */
struct doc {
	size_t off;
	uint32_t n;
	int32_t day;
	uint32_t copy;		/* NO_COPY, or the record copied */
	uint32_t linelen;	/* bytes in long lines, or the share * 2^16 */
};

/* What the end of cd_story_solve reads of a record's summary: the
 * record it copies and the share (struct doc). */
struct copyof {
	uint32_t copy, linelen;
};

/* A remembered similar pair, a < b. */
struct edge {
	uint32_t a, b;
	float s;
};

/* A cluster's neighbour and the sum of similarities to it. */
struct nb {
	uint32_t c;
	float sum;	/* float: 8-byte entries; the mean needs no more */
};

/* A neighbour list. */
struct nbs {
	struct nb *v;
	size_t n, cap;
};

/* A candidate merge, valid while both versions are current. */
struct cand {
	double avg;
	uint32_t a, b, va, vb;
};

/* One thread's scratch for counting the terms of records (storyterm.c):
 * the table of the record being counted. */
struct tally {
	struct slot *tab;
	size_t tabcap, tabused;
	uint32_t *used;		/* the slots of tab in use, tabused of them */
};

/* The kept terms of the records one thread counted in a batch. */
struct kept {
	struct term *v;
	size_t n, cap;
};

/* The records handed to cd_story_add whose terms are still to count
 * (not copies, with a text): their texts in bytes, one entry each.  The
 * records are claimed one at a time (next) by the threads counting them,
 * each counting in its own tally (struct cd_story) and writing the kept
 * terms to its own list of the batch (kept[by]: [0] the caller's, [1]
 * the worker's); then the worker gives them their ids in order of the
 * batch (cd_story_keep) while it counts the next batch, and the caller,
 * later still, puts them in the records' docs. */
struct pending {
	struct cd_buf bytes;
	struct pend {
		size_t idx, pos, len;	/* text at bytes.p + pos */
		size_t at;		/* kept terms: kept[by].v + at */
		uint32_t nt;		/* how many */
		unsigned char by;
		size_t off;		/* then: their place in tid, lw */
	} *v;
	size_t n, cap;
	atomic_size_t next;	/* the next entry not claimed */
	struct kept kept[2];
};

struct cd_story {
	struct cd_story_opts o;
	/* Counting the records beside the caller, the batches in turn: one
	 * fills while the worker (busy: it has a job in hand) gives ids to
	 * the one counted before (jk) and counts the one handed last (jc),
	 * the caller helping when it has filled its own.  The same thread
	 * takes cd_story_solve's shares (cluster.c). */
	struct cd_worker *worker;
	struct pending batch[NBATCH];
	/* the counting scratch: [0] the caller's, [1] the worker's */
	struct tally tally[2];
	int fill, jk, jc;	/* jk, jc: -1 for none */
	bool busy;
	bool ended;	/* cd_story_end has run */
	/* Summaries: record d's terms are tid[] and lw[] at
	 * docs[d].off .. off + n, as dense term ids and local weights
	 * (negative for the salient terms: names, pairs, numbers). */
	struct doc *docs;
	size_t ndocs, docscap;
	/* docs[].copy and .linelen alone, once the clustering starts
	 * (cluster.c, keep_copies): docs is freed then. */
	struct copyof *cp;
	uint32_t *tid;
	float *lw;
	size_t nterms, tidcap, lwcap;
	/* Vocabulary: term hash -> dense id, records holding each id
	 * (counted by cd_story_solve). */
	struct cd_hmap vocab;
	size_t nvocab;
	uint32_t *df;
	size_t dfcap;
	/* Sampled line hash -> the first record that had it. */
	struct cd_hmap lines;
	size_t ncopies;
	/* cd_story_known: whether record i is known a copy already. */
	bool (*known)(void *arg, size_t i);
	void *known_arg;
	/* float_desc((1 + log n) * m) for counts n, boosts m = 1 to 3 */
	uint32_t wkey[3][LOG_TABLE];
	struct stopset stop;	/* the stop words' hashes */
	/* Results of cd_story_solve. */
	size_t *linkto;
	float *linkscore;
	bool solved;
};

/* A key ordering floats the other way round from their values (all but
 * NaNs; -0 before +0, which a weight or similarity never is). */
static inline uint32_t float_desc(float x)
{
	uint32_t u;

	memcpy(&u, &x, sizeof u);
	u = u & 0x80000000u ? ~u : u | 0x80000000u;
	return ~u;
}

/* The float whose float_desc is u. */
static inline float float_undesc(uint32_t u)
{
	float x;

	u = ~u;
	u = u & 0x80000000u ? u & 0x7fffffffu : ~u;
	memcpy(&x, &u, sizeof x);
	return x;
}

/*
 * PARTIAL_SORT(NAME, TYPE, BEFORE, ORDERED) defines
 *	static void NAME(TYPE *v, size_t n, size_t k)
 * which sorts v[0..n) by BEFORE(x, y) (x comes first; a strict total
 * order on the values sorted), or when k < n only puts its first k
 * values first, in order, the rest after them in any order: a quicksort
 * that skips the parts beyond k, with an insertion sort for short parts.
 * With ORDERED 0 the first k values come first in any order too (the
 * parts before k are not sorted): a selection.  One body for the
 * element types, inlined for each.
 */
#define PARTIAL_SORT(NAME, TYPE, BEFORE, ORDERED)			\
static void NAME(TYPE *v, size_t n, size_t k)				\
{									\
	size_t lo = 0, hi = n;						\
									\
	while (hi - lo > 16) {						\
		size_t mid = lo + (hi - lo) / 2, i = lo, j = hi - 1;	\
		TYPE pivot, tmp;					\
									\
		/* Median of three as the pivot. */			\
		if (BEFORE(v[mid], v[lo]))				\
			tmp = v[mid], v[mid] = v[lo], v[lo] = tmp;	\
		if (BEFORE(v[hi - 1], v[mid])) {			\
			tmp = v[mid], v[mid] = v[hi - 1], v[hi - 1] = tmp; \
			if (BEFORE(v[mid], v[lo]))			\
				tmp = v[mid], v[mid] = v[lo], v[lo] = tmp; \
		}							\
		pivot = v[mid];						\
		for (;;) {						\
			while (BEFORE(v[i], pivot))			\
				i++;					\
			while (BEFORE(pivot, v[j]))			\
				j--;					\
			if (i >= j)					\
				break;					\
			tmp = v[i], v[i] = v[j], v[j] = tmp;		\
			i++, j--;					\
		}							\
		/* Now v[lo..j] come before v[j + 1..hi). */		\
		if (j + 1 >= k) {					\
			hi = j + 1;					\
			if (!(ORDERED) && hi == k)			\
				return;					\
		} else {						\
			if (ORDERED)					\
				NAME(v + lo, j + 1 - lo, j + 1 - lo);	\
			lo = j + 1;					\
		}							\
	}								\
	for (size_t a = lo + 1; a < hi; a++) {				\
		TYPE x = v[a];						\
		size_t b = a;						\
		while (b > lo && BEFORE(x, v[b - 1])) {			\
			v[b] = v[b - 1];				\
			b--;						\
		}							\
		v[b] = x;						\
	}								\
}

/*
 * Put the k smallest of the distinct keys v[0..n) (k < n) first, in no
 * order: a quickselect whose partition has no branch on the keys (each
 * key is swapped to the front and the front moves on when it is below
 * the pivot), as the candidates' keys come in no order and a branch on
 * them is mispredicted one time in two; PARTIAL_SORT's took 3% of
 * copydesk-group's CPU on the bench archive, for some 54,000 selections
 * of 32 keys out of at most 64.  Which keys come first does not depend
 * on the way they are found.
 */
static inline void cd_key_select(uint64_t *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2, at = lo;
		uint64_t a = v[lo], b = v[mid], c = v[hi - 1], pivot, t;

		/* The median of three goes last, as the pivot. */
		if ((a < b) == (b < c))
			t = v[mid], v[mid] = v[hi - 1], v[hi - 1] = t;
		else if ((b < a) == (a < c))
			t = v[lo], v[lo] = v[hi - 1], v[hi - 1] = t;
		pivot = v[hi - 1];
		for (size_t i = lo; i < hi - 1; i++) {
			uint64_t x = v[i];

			v[i] = v[at];
			v[at] = x;
			at += x < pivot;
		}
		v[hi - 1] = v[at];
		v[at] = pivot;
		/* v[lo..at) < pivot = v[at] < v(at..hi) */
		if (at == k)
			return;
		if (at > k)
			hi = at;
		else
			lo = at + 1;
	}
}

/* An empty stop set, its release, and adding hash h (nonzero) to it,
 * doubling its buckets while h's is full. */
void cd_stop_init(struct stopset *st);
void cd_stop_release(struct stopset *st);
void cd_stop_add(struct stopset *st, uint64_t h);

/* An empty tally, and its release. */
void cd_tally_init(struct tally *t);
void cd_tally_release(struct tally *t);

/* Fill s->wkey, the weights of the counts below LOG_TABLE. */
void cd_story_weight_init(struct cd_story *s);

/* Count the terms of text[0..len) in t and append the heaviest (at most
 * max_terms, in no order) to out; returns how many.  Reads only what
 * adding does not change (the stop words, the options): any thread. */
size_t cd_story_terms(const struct cd_story *s, struct tally *t,
		      struct kept *out, const char *text, size_t len);

/* Append the n kept terms v of the next record counted to tid and lw as
 * dense ids (made for new terms) and weights; returns where they start.
 * Records must come in order.  The caller prefetches their vocabulary
 * slots (story.c, keep_prefetch) a record ahead. */
size_t cd_story_keep(struct cd_story *s, const struct term *v, size_t n);

/* The factor applied to a pair's similarity for the gap between their
 * dates: 1 within the window or when a date is unknown, then falling as
 * window / gap.  Inline: the pair finder takes it for every candidate. */
static inline double cd_story_date_factor(const struct cd_story *s,
					  int32_t a, int32_t b)
{
	double gap;

	if (a == INT_MIN || b == INT_MIN || s->o.window_days <= 0)
		return 1.0;
	gap = fabs((double)a - (double)b);
	return gap <= s->o.window_days ? 1.0 : s->o.window_days / gap;
}

#endif
