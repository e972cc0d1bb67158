/*
 * report_int.h - what report.c (the two passes) and reportpage.c (the
 * page) share.  Private to those two files.
 */
#ifndef CD_REPORT_INT_H
#define CD_REPORT_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "hmap.h"
#include "report.h"

#define NO_DAY INT32_MIN
#define MAX_VARIANTS 8		/* variants of a family kept in full */
#define MAX_NAMES 6		/* outlets named under a variant */
#define MAX_VOTES 8		/* speaker names counted for a family */
#define MAX_BINS 60		/* bars of a timeline */

/* Pass 1 counters of one story, family or speaker. */
struct group {
	uint64_t h;
	uint32_t n;		/* articles, or quotations */
	uint32_t ndocs;		/* articles (stories); distinct articles
				 * quoting (families, speakers) */
	uint32_t copies;	/* articles that copy another (stories) */
	uint32_t order;		/* first seen */
	int32_t first, last;	/* days since 1970, or NO_DAY */
	int32_t shown;		/* index in the shown list, or -1 */
	uint32_t acc;		/* text summary: the story's member lines
				 * after its first, t.acc[acc - 1]; 0: none */
};

struct groups {
	struct cd_hmap map;
	struct cd_hmap pairs;	/* (group, document) pairs counted */
	struct group *g;
	size_t n, cap;
};

/* An article of a shown story. */
struct article {
	char *id, *title, *outlet, *url;
	uint64_t h, near;	/* near: the article copied, or 0 */
	uint32_t seq;		/* order read */
	double sim;
	char date[11];
};

struct sstory {
	struct group *g;
	struct article *a;
	size_t na, acap;
	struct cd_hmap outlets;
	char *title;		/* of the story's own article, when seen */
	uint32_t *bins;
	int nbins, binw;
};

struct variant {
	char *text;
	size_t len;
	uint64_t h;
	uint32_t uses;
	char first[11];		/* the earliest date, or "" */
	struct cd_hmap outh;
	char *names[MAX_NAMES];
	size_t nnames;
};

struct vote {
	char *name;
	uint64_t h;
	uint32_t n;
};

struct sfamily {
	struct group *g;
	struct variant v[MAX_VARIANTS];
	size_t nv;
	struct cd_hmap allv;	/* every variant's hash */
	struct cd_hmap outlets;
	struct vote votes[MAX_VOTES];
	size_t nvotes;
	char first[11];
};

struct sspeaker {
	struct group *g;
	char *name;
	struct cd_hmap outlets;
};

/* The groups of a line of an input (pass 1): a document's story, or a
 * quotation's family and speaker; NO_GROUP where there is none. */
#define NO_GROUP UINT32_MAX
/* line_groups.b of the first document of its story, in the text summary
 * (the only ones pass 2 reads for it; NO_GROUP otherwise). */
#define TEXT_FIRST 0
struct line_groups {
	uint32_t a, b;
};

struct input_lines {
	struct line_groups *v;	/* by line number - 1 */
	size_t n, cap;
};

struct input_figures {
	uint64_t read, rejected;
	bool given;
};

/* A text of the input with its length (it may hold NUL bytes). */
struct str {
	char *p;
	size_t len;
};

struct strs {
	struct str *v;
	size_t n, cap;
};

/* The text summary (reporttext.c): a shown story's member lines and
 * dates (the first member's read in pass 2, the others' as pass 1 meets
 * them); a shown family's speakers, documents and quotations. */
struct tstory {
	struct group *g;
	struct cd_buf first, lines;
	struct cd_buf min, max;	/* its earliest and latest dates */
	bool dated;
};

struct tfamily {
	struct group *g;
	struct strs speakers, docs, quotes;
};

struct text {
	struct tstory *acc;	/* pass 1: the stories of two members or more */
	size_t nacc, acap;
	struct tstory *ts;
	size_t nts;
	struct tfamily *tf;
	size_t ntf;
	struct cd_buf copies;	/* the lines of "Copies" */
};

struct cd_report {
	struct cd_report_opts o;
	struct text t;		/* with o.text */
	struct groups stories, families, speakers;
	struct sstory *ss;
	size_t nss;
	struct sfamily *sf;
	size_t nsf;
	struct sspeaker *sp;
	size_t nsp;
	uint64_t ndocs, ncopies, nquotes, nspeaker;
	uint64_t nmulti;	/* stories of two or more articles */
	struct input_figures in[2];
	struct input_lines lines[2];
	uint32_t last_a, last_b;	/* the groups counted last */
	/* Scratch, reused per record. */
	struct cd_rec grp;
	struct cd_buf s1, s2, s3, s4, s5;
	struct cd_buf s6;	/* short-lived: a group member, a url, a date */
};

/* Shared by report.c and reporttext.c. */
uint64_t cd_report_hash_buf(const struct cd_buf *b);
struct group *cd_report_group_of(struct groups *gs, uint64_t h);
struct group *cd_report_shown_group(struct groups *gs, uint64_t h);
void cd_report_count_quoted(struct groups *gs, struct group *g, uint64_t doc);
int cd_report_read_group(struct cd_report *r, const struct cd_rec *rec);
uint64_t cd_report_group_hash(struct cd_report *r, const char *key);
uint64_t cd_report_family_hash(struct cd_report *r);
int cd_report_quote_fields(struct cd_report *r, const struct cd_rec *rec,
			   const char **why);

/* Sort the groups of gs with at least min records by cmp (on struct
 * group pointers) and mark the first top as shown; returns how many are
 * shown, in *shown all that qualified (malloc'd), and their number in
 * *all. */
size_t cd_report_rank(struct groups *gs, uint32_t min, size_t top,
		      int (*cmp)(const void *, const void *),
		      struct group ***shown, uint64_t *all);

/* The text summary's side of each step (reporttext.c): counting and
 * collecting a record whose fields report.c has read (a document's id
 * in s1, a quotation's id, quote and document in s1, s2, s3, its group
 * in grp). */
void cd_report_text_count_doc(struct cd_report *r, const struct cd_rec *rec);
void cd_report_text_count_quote(struct cd_report *r);
void cd_report_text_choose(struct cd_report *r);
void cd_report_text_collect_doc(struct cd_report *r, const struct cd_rec *rec);
void cd_report_text_collect_quote(struct cd_report *r,
				  const struct cd_rec *rec);
void cd_report_text_release(struct cd_report *r);

#endif
