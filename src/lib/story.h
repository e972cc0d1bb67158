/*
 * story.h - story grouping: articles written independently about one event
 * share a story, articles about a similar but different event do not
 * (SPEC, copydesk-group).
 *
 * Evidence: shared rare names and words, shared quotations, dates close
 * together; against it, names and numbers not shared (when each record
 * shares them with others: the people and figures of another event).
 * Each record is reduced, as it is added, to a bounded summary (its most
 * frequent terms as 64-bit hashes, a few quotation hashes and a day
 * number); the texts are never kept.  Term weights need document
 * frequencies over the whole collection, so the grouping is computed only
 * by cd_story_solve(), after every record has been added.
 *
 * A copy is in the story of the record it copies, by definition: a record
 * whose 8 longest lines of 32 bytes or more have three quarters of their
 * bytes in lines first seen in one earlier record with long lines of about
 * the same length (and, when both have dates, dated within the window) is
 * joined to it without being read further, and leaves the document
 * frequencies alone, so an archive full of reprints costs little more
 * than its originals.  Copies found by other means (a MinHash index) can
 * be declared with cd_story_copy().
 *
 * Use:
 *	struct cd_story_opts o;
 *	cd_story_opts_init(&o);
 *	struct cd_story *s = cd_story_new(&o);
 *	cd_story_stops_load(s, path)      the stop words (data/stop-words.txt)
 *	for each record i = 0, 1, ...: cd_story_add(s, i, text, len, date, dlen);
 *	cd_story_end(s)                   optional: frees the tables of adding
 *	cd_story_copy(s, i, r, sim)       optional, for copies found elsewhere
 *	cd_story_solve(s, story_of);      story_of has one slot per record
 *	cd_story_link(s, i, &to, &score)  (for --explain)
 *	cd_story_free(s);
 *
 * A record is checked for a copy as it is added; the terms of the
 * others are counted in a helper thread, in batches of about 128 KB of
 * text, while the caller reads its input (see worker.h), the caller
 * counting records of the helper's batch too when it has filled the
 * next one; the helper gives the terms their ids, in the order of the
 * records, while it counts the next batch (a few records after each it
 * counts), and the caller fills a third.  The same thread takes half of
 * cd_story_solve's work.  The results do not depend on which thread did
 * what.
 *
 * Memory: 24 bytes per record, 8 per kept term (max_terms per record),
 * 16 per distinct term and 24 to 48 per sampled line (at most 8 per record)
 * while adding; cd_story_solve() frees the tables of adding, then turns
 * the 8 bytes per kept term into 16 per term of the index of the rarer
 * terms (and 8 per record), which it frees for at most 32 remembered
 * pairs per record at 12 bytes each (at most 384 bytes per record), 12
 * more per pair at the threshold (24 while they are sorted: the index
 * and the terms are freed while the helper thread sorts them, so the
 * two can overlap) and the merged clusters' lists; while pairs are
 * looked for, each of the two threads has 12 bytes of scratch per record
 * and 8 per term id (a sum and the part of it that plain terms make,
 * side by side: the 4 of the sum alone doubled).  Work: copies are
 * not read past their lines; terms in more than max(50, 0.2% of the
 * records other than copies) records are not searched for candidates,
 * at most 5000 postings are visited and 32 candidates scored per record (the terms
 * shared with a candidate through the index are summed as they are
 * found, so scoring it reads only its common terms), so time grows
 * about linearly.
 *
 * Caveats: the pairs not remembered count as dissimilar, so a very large
 * story may come out in several pieces; two events on one subject whose
 * reports share most of their names (one player courted by two clubs the
 * same week, each report naming both) can still be merged; a report
 * that names many people the others do not (a round-up) is scored down
 * against them too; a text made mostly of names or numbers (tables,
 * results, short headlines) needs a cosine of about 0.43 with another
 * to join it, as its names and numbers must agree; and names that appear
 * everywhere count as agreement too, so two records whose names agree
 * join at a cosine down to the threshold, 0.06 (reports that share only
 * their subject's names: joins by subject were seen on Reuters-21578).
 */
#ifndef CD_STORY_H
#define CD_STORY_H

#include <stdbool.h>
#include <stddef.h>

struct cd_story_opts {
	/* Minimum mean similarity (0..1, tf-idf cosine scored down for
	 * the names and numbers two records do not share) between two
	 * groups of records for them to become one story [0.06].  The
	 * cosine of a pair of which one text or both have no names or
	 * numbers shared with other records counts 0.375 of itself, so
	 * that such a pair reaches 0.06 where its cosine reaches 0.16;
	 * texts that all lack them group as by the cosine alone. */
	double threshold;
	/* Records whose known dates are more than this many days apart
	 * are scored down by window / gap; 0 turns the date test off [30]. */
	int window_days;
	/* Terms kept per record, the heaviest by damped frequency and
	 * kind (names, numbers, quoted words) [100]. */
	int max_terms;
	/* Whether cd_story_solve() keeps, for cd_story_link(), the record
	 * each was joined to [true]; without, cd_story_link() is always
	 * false and the solve saves a pass over the pairs. */
	bool links;
};

struct cd_story;

/* Fill o with the defaults. */
void cd_story_opts_init(struct cd_story_opts *o);

/* A new, empty grouping using a copy of *o (o may be NULL for the
 * defaults).  Never returns NULL (dies on out of memory).  Release it
 * with cd_story_free(). */
struct cd_story *cd_story_new(const struct cd_story_opts *o);

/*
 * Add a stop word, left out of the terms, from a line of a word list
 * (data/stop-words.txt): one word, lower case, as the tokeniser reads it;
 * blanks around it, a line end, blank lines and lines starting with '#'
 * are ignored.  A new grouping has none.  Call it before the first
 * cd_story_add().  Returns 0, or -1 when the line is not one word.
 */
int cd_story_stop_add(struct cd_story *s, const char *line, size_t len);

/* Read a stop word list file with cd_story_stop_add (see cd_data_read):
 * 0; -1 with errno set; or the number of the first malformed line. */
long cd_story_stops_load(struct cd_story *s, const char *path);

/*
 * Add record idx with its text (UTF-8, len bytes, not necessarily
 * NUL-terminated; invalid bytes are skipped) and its date (date may be
 * NULL or datelen 0; ISO "2025-07-03", "26-FEB-1987 15:01:01.79",
 * "July 3, 2025", "3 July 2025" and the like are understood, anything else
 * counts as unknown).  Records must be added with idx 0, 1, 2, ... in
 * order; both buffers are borrowed only for the call (the text of a
 * record that is not a copy is copied to the batch counted next).  Must
 * not be called after cd_story_solve().
 */
void cd_story_add(struct cd_story *s, size_t idx, const char *text,
		  size_t len, const char *date, size_t datelen);

/*
 * Tell the grouping how to learn, while records are added, that record i
 * will be declared a copy (cd_story_copy) before cd_story_solve():
 * known(arg, i) is asked, in the caller's thread, about each record
 * before its terms are counted, but never before the next record is
 * added (or cd_story_end), and a record it says yes to is not counted:
 * it must be declared.
 */
void cd_story_known(struct cd_story *s, bool (*known)(void *arg, size_t i),
		    void *arg);

/*
 * The input has ended: read the records still pending and free what only
 * adding needs (the vocabulary and sampled-line tables, the scratch;
 * the helper thread is kept for cd_story_solve); cd_story_add() does
 * nothing after it.
 * cd_story_copy() and cd_story_solve() call it; a caller calls it sooner
 * to have that memory back for other work first.  Again is harmless.
 */
void cd_story_end(struct cd_story *s);

/*
 * Declare record i a copy of the earlier record r (r < i), as a copy
 * index found it with similarity sim (0..1): i joins r's story and its
 * terms leave the document frequencies.  Call it after the last
 * cd_story_add() and before cd_story_solve(); it does nothing when i was
 * already found a copy, r >= i or i was not added.
 */
void cd_story_copy(struct cd_story *s, size_t i, size_t r, double sim);

/*
 * Group the records added so far: story_of (one slot per added record,
 * owned by the caller) receives for each record i the smallest idx of the
 * records in i's story, so story_of[i] <= i and story_of[i] == i for the
 * first record of each story.  Call it once.
 */
void cd_story_solve(struct cd_story *s, size_t *story_of);

/*
 * For --explain, after cd_story_solve() with the links option: true with
 * *to set to the record i was joined to and *score to their similarity
 * (for a copy found by its lines, the share of its sampled line bytes
 * found in the record it copies; for a declared one, the similarity
 * given), or false when i started its own story (or i is out of range).
 * Either out pointer may be NULL.
 */
bool cd_story_link(const struct cd_story *s, size_t i, size_t *to,
		   double *score);

/* Release s and everything it owns; s may be NULL. */
void cd_story_free(struct cd_story *s);

#endif
