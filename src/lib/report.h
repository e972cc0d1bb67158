/*
 * report.h - the job's result as one self-contained HTML page
 * (copydesk-report, SPEC "copydesk-report").
 *
 * The page is built in two passes over the documents (docs.jsonl) and
 * the quotations (quotes.jsonl), so memory is bounded by what is shown
 * plus a few counters per group, 8 bytes per input line and a hash per
 * (family or speaker, document) pair, never by the texts:
 *
 *	struct cd_report *r = cd_report_new(&opts);
 *	pass 1: cd_report_count_doc() / cd_report_count_quote() per record,
 *		then cd_report_place() with its line in what pass 2 reads
 *	cd_report_choose(r);		the --top stories, families, speakers
 *	pass 2: cd_report_collect_doc() / cd_report_collect_quote() per
 *		record the first pass accepted, in the same order, but only
 *		where cd_report_needed(): the lines of no chosen group are
 *		not even parsed again
 *	cd_report_inputs(r, ...);	records read and rejected per input
 *	cd_report_html(r, &buf);	(or cd_report_text with opts.text)
 *	cd_report_free(r);
 *
 * Pass 1 keeps, per story (group.story), per quotation family
 * (group.near, else group.dup, else id: the summary of copydesk-job) and
 * per speaker, a 64-bit hash and counters; a family's or a speaker's
 * articles are the distinct documents of its quotations, counted through
 * a set of (group, document) pairs, in the page and the summary alike.  Pass 2 keeps the details
 * (titles, outlets, dates, variant texts) of the groups chosen, each
 * list cut at top entries with its total kept.
 *
 * The outlet of a record is its "source" field, else the host of its
 * "url" field (in lower case, without "www."), else the last part of its id (of "doc" for a quotation)
 * after '/' or ':'.
 *
 * Every text of the input reaches the page through htmlw.h, and the page
 * carries a Content-Security-Policy that allows no script: hostile input
 * shows as text and runs nothing.  The library never prints.
 */
#ifndef CD_REPORT_H
#define CD_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "json.h"

struct cd_report_opts {
	size_t top;		/* entries of each list shown [25] */
	size_t text_max;	/* bytes of a quotation or title shown [600] */
	const char *docs_name;	/* the inputs as the header names them, */
	const char *quotes_name;	/* or NULL; borrowed until _free */
	const char *version;	/* shown in the footer, or NULL */
	bool text;		/* the text summary (cd_report_text) instead
				 * of the page; top may then be 0 */
};

enum cd_report_input { CD_REPORT_DOCS, CD_REPORT_QUOTES };

struct cd_report;

void cd_report_opts_init(struct cd_report_opts *o);
/* A new, empty report; o is copied (its strings are borrowed). */
struct cd_report *cd_report_new(const struct cd_report_opts *o);
void cd_report_free(struct cd_report *r);

/*
 * Pass 1: count one document or quotation record.  Returns 0, or -1 with
 * *why set to a static reason when the record cannot be used (a document
 * without a string "id", a quotation without a string "id" or "quote", a
 * "group" that is not an object): such records are left out of pass 2.
 */
int cd_report_count_doc(struct cd_report *r, const struct cd_rec *rec,
			const char **why);
int cd_report_count_quote(struct cd_report *r, const struct cd_rec *rec,
			  const char **why);

/* Pass 1: the record counted last is line `line` (from 1) of input in as
 * pass 2 will read it.  Lines never placed hold no record for pass 2. */
void cd_report_place(struct cd_report *r, enum cd_report_input in,
		     uint64_t line);

/* Between the passes: choose the stories, families and speakers shown. */
void cd_report_choose(struct cd_report *r);

/* Pass 2: whether line `line` of input in holds a record of a chosen
 * story, family or speaker (placed in pass 1), the only records pass 2
 * needs.  The text summary keeps the lines of the copies and of the later
 * members of each story in pass 1 (every story of two or more is listed):
 * of the documents it needs only each listed story's first. */
bool cd_report_needed(const struct cd_report *r, enum cd_report_input in,
		      uint64_t line);

/* Pass 2: keep the details of a record of a chosen group.  Give exactly
 * the records pass 1 accepted, in the same order. */
void cd_report_collect_doc(struct cd_report *r, const struct cd_rec *rec);
void cd_report_collect_quote(struct cd_report *r, const struct cd_rec *rec);

/*
 * Two threads: a report that read only the quotations (from) hands its
 * side (the families, speakers, their counts and details, the figures of
 * that input) to r, which read only the documents; from keeps r's empty
 * side and is freed after.  Neither side's passes read the other's, so
 * each may run on a report of its own, on its own thread, from pass 1
 * to pass 2; r is then what one report reading both would be.
 */
void cd_report_take_quotes(struct cd_report *r, struct cd_report *from);

/* The figures of an input for the page: records read (blank lines not
 * counted) and rejected by the program's reader. */
void cd_report_inputs(struct cd_report *r, enum cd_report_input in,
		      uint64_t nread, uint64_t nrej);

/* Append the whole page to out. */
void cd_report_html(struct cd_report *r, struct cd_buf *out);

/*
 * With opts.text: append the text summary copydesk-job prints to out
 * (copydesk-report(1) --text): the counts; every story of two or more
 * articles (most articles first) with each article's date, name and
 * title cut at 70 code points; every copy with what it copies and the
 * similarity; the top families (most documents quoting first) with
 * their speaker, documents and four longest texts cut at 100 code
 * points.  A name is an id after its last '/' or ':', without "<" ">".
 * Equal ranks go to the first seen.
 */
void cd_report_text(struct cd_report *r, struct cd_buf *out);

#endif
