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
};

void cd_run_init(struct cd_run *run, struct cd_common *co, cd_rec_fn fn,
		 void *ctx);
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
