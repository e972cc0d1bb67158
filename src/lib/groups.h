/*
 * groups.h - the record side of copydesk-group: spooling the input
 * records, naming groups by their first record's id, --fill, and writing
 * each record with its `group` object (or only the first of each group,
 * or one summary per group) once the groups are known.
 *
 * The grouping itself is a struct cd_dedup (dedup.h) and, optionally, a
 * struct cd_story (story.h), both owned by the caller.  Records are
 * spooled to an unlinked temporary file in TMPDIR during the pass (up to
 * their last member when they only gain `group`, so that they are written
 * back without being parsed again; else whole), and their ids to a second
 * one; both are re-read at the end, so memory holds the index, the values
 * of --fill and the ids of the records that name a group, never the
 * texts.  Errors of the temporary files are returned, never printed.
 *
 * A record's ID is its `id` member: the decoded string, or the JSON text
 * of any other value; a record without `id` is named by its 1-based
 * record number, as a string.
 */
#ifndef CD_GROUPS_H
#define CD_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "dedup.h"
#include "fp.h"
#include "json.h"
#include "out.h"
#include "story.h"
#include "token.h"

enum cd_groups_mode {
	CD_GROUPS_ALL,		/* every record with `group` */
	CD_GROUPS_DROP,		/* only the first record of each near group */
	CD_GROUPS_SUMMARY	/* one record per near group */
};

struct cd_groups_opts {
	enum cd_groups_mode mode;
	bool explain;		/* add match, story_match, story_sim */
	bool online;		/* write each record at once */
	const char *fill;	/* --fill FIELD or NULL */
	const char *tmpdir;	/* NULL: $TMPDIR or /tmp */
	uint32_t base;		/* records before index 0, for the names of
				 * records without id */
};

struct cd_groups;

/* The fingerprints of the records of one run, all made alike. */
struct cd_fpsrc {
	struct cd_fp fp;		/* the current record's */
	struct cd_fp_params par;	/* the first record's */
	bool have_par;
	struct cd_words words;		/* scratch */
	struct cd_buf msg;		/* the last reason */
};

void cd_fpsrc_init(struct cd_fpsrc *s);
void cd_fpsrc_release(struct cd_fpsrc *s);

/*
 * Put the fingerprint of record rec in s->fp: its `fp` member, or one
 * computed from text[0..len) (NULL: the record has none) with the first
 * record's parameters (or the defaults).  Returns 0, or -1 with *why set
 * to the reason (valid until the next call) when the record has none or
 * its parameters differ from the first record's.
 */
int cd_fpsrc_get(struct cd_fpsrc *s, const struct cd_rec *rec,
		 const char *text, size_t len, const char **why);

/*
 * A new record side over d and s (s may be NULL: story = near), both
 * borrowed until cd_groups_free().  Returns NULL with errno set when the
 * spool cannot be created.
 */
struct cd_groups *cd_groups_new(const struct cd_groups_opts *o,
				struct cd_dedup *d, struct cd_story *s);
void cd_groups_free(struct cd_groups *g);

/*
 * Take record idx (the index cd_dedup gave it; records come in order).
 * In batch mode the line is spooled; online, the finished output record
 * (if any) is appended to out.  rec is borrowed for the call.
 */
void cd_groups_add(struct cd_groups *g, uint32_t idx, const struct cd_rec *rec,
		   struct cd_buf *out);

/*
 * After the last record: in batch mode, resolve the index, solve the
 * stories, re-read the spool and write the output records to sink
 * (borrowed).  Returns 0, or -1 with errno set when a temporary file
 * (the spool's or the index's) failed.
 */
int cd_groups_finish(struct cd_groups *g, struct cd_sink *sink);

#endif
