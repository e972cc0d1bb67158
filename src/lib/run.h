/*
 * run.h - the record loop every NDJSON program shares (SPEC "Record
 * conventions", STYLE §6): read each input line, skip blank ones, accept
 * CRLF and a BOM, refuse over-long, malformed and field-less lines with a
 * FILE:LINE message and a verbatim copy in --rejects, and hand each good
 * record to the program's callback.
 */
#ifndef CD_RUN_H
#define CD_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "json.h"
#include "opt.h"
#include "out.h"

struct cd_run;

/*
 * Called once per valid record.  rec and run->text (the decoded --field
 * when the run needs one) are valid only during the call.  Return 0, or
 * the value of cd_run_reject() to refuse the record.
 */
typedef int (*cd_rec_fn)(void *ctx, struct cd_run *run,
			 const struct cd_rec *rec);

/*
 * Or NULL: called for each valid record before cd_rec_fn, in input order,
 * to put what the callback needs of rec in slot (one of the program's
 * slots, given to the callback as run->slot).  With cd_run_prep's ahead,
 * on a thread of its own that reads and parses the input ahead of the
 * callback: it may touch only slot and what the callback never touches.
 * Returns 0, or -1 with *why set (valid until the next call) to refuse
 * the record.
 */
typedef int (*cd_prep_fn)(void *ctx, void *slot, const struct cd_rec *rec,
			  const char **why);

struct cd_ahead;

struct cd_run {
	struct cd_common *co;
	cd_rec_fn fn;
	void *ctx;
	bool need_field;	/* refuse records without co->field as a string */
	const char *file;	/* current input, for messages */
	uint64_t line;		/* current line number */
	struct cd_rec rec;
	struct cd_buf text;	/* the decoded field, when need_field */
	struct cd_buf out;	/* scratch for building one output record */
	uint64_t nrec, nrej;
	struct cd_sink rejects;
	char why[256];		/* reason given to cd_run_reject */
	bool stopped;		/* --strict hit a rejection */
	const char *raw;	/* the current line as read (during the call) */
	size_t rawlen;
	/* Or NULL: called before the loop itself reports a line or a file
	 * (a program that holds records for later reports theirs first, so
	 * that messages and --rejects keep the input's order). */
	void (*barrier)(void *ctx, struct cd_run *run);
	/* cd_run_prep: the record's slot during the callback. */
	cd_prep_fn prep;
	char *slots;		/* nslots of slot_size bytes */
	size_t slot_size, nslots;
	void *slot;
	bool ahead;
};

void cd_run_init(struct cd_run *run, struct cd_common *co, cd_rec_fn fn,
		 void *ctx);
/*
 * Have prep fill a slot for each record before the callback: slots holds
 * nslots (at least one) of slot_size bytes each, the program's to make
 * and free.  With ahead (and nslots > 1), reading, parsing and prep run
 * on a second thread, at most nslots records ahead of the callback, for
 * a program whose callback is the slower stage; results, messages and
 * --rejects keep the input's order.  Not ahead with need_field or
 * --strict (a run that stops would have read past the record it stops
 * at).
 */
void cd_run_prep(struct cd_run *run, cd_prep_fn prep, void *slots,
		 size_t slot_size, size_t nslots, bool ahead);

/* Process each named input ("-" is standard input; none means standard
 * input).  Unreadable or damaged files are reported and skipped. */
void cd_run_files(struct cd_run *run, int nfiles, char **files);
/* Process one input. */
void cd_run_file(struct cd_run *run, const char *path);
/* Record why the current record is refused; returns -1 for the callback to
 * return. */
int cd_run_reject(struct cd_run *run, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Report a record held by the program since its call as rejected for
 * why: the message names file:line, raw[0..len) (the line as read) goes
 * to --rejects, and --strict stops the run. */
void cd_run_reject_at(struct cd_run *run, const char *file, uint64_t line,
		      const char *raw, size_t len, const char *why);

/* Write a finished output record (one call per record, STYLE §6.4). */
static inline void cd_run_emit(struct cd_run *run, const char *p, size_t len)
{
	(void)run;
	cd_out_write(p, len);
}
/* Print the rejection summary, close --rejects, flush stdout, end the
 * progress line, release everything.  Returns the exit status. */
int cd_run_finish(struct cd_run *run);

#endif
