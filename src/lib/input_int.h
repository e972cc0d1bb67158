/*
 * input_int.h - what input.c (finding the inputs, reading their members
 * through gzip and libarchive), inputdoc.c (a member's bytes as
 * documents) and inputwarc.c (a WARC member's records as pages) share.
 * Private to those three files; struct cd_input itself is in input.h.
 */
#ifndef CD_INPUT_INT_H
#define CD_INPUT_INT_H

#include <archive.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input.h"
#include "warc.h"

/* Tell the progress callback, when there is one. */
static inline void cd_input_progress(struct cd_input *in, uint64_t docs,
				     uint64_t bytes, uint64_t total)
{
	if (in->progress)
		in->progress(in->ctx, docs, bytes, total);
}

/* Hand a problem with subject to the report callback; an error marks
 * the input as lost (in->lost). */
void cd_input_report(struct cd_input *in, const char *subject, bool error,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The next non-empty data block of the member being read from a in
 * *p[0..*n): ARCHIVE_OK, ARCHIVE_EOF or an error. */
int cd_input_next_block(struct archive *a, const void **p, size_t *n);

/* inputdoc.c: add one block p[0..n) of member data to in->raw, handing
 * out every delimited document it completes. */
void cd_input_add_block(struct cd_input *in, const void *p, size_t n);

/* inputdoc.c: the member is complete: hand out what is left of it. */
void cd_input_end_member(struct cd_input *in);

/* inputdoc.c: hand out the page p[0..len) as a page record: doc has its
 * id, url and fetched set; ctype is the HTTP Content-Type or NULL; where
 * prefixes the notes ("record N (ID): " for a WARC record, else "").
 * Uses in->text and in->lf, so p must not point into them. */
void cd_input_emit_page(struct cd_input *in, struct cd_doc *doc,
			const struct cd_str *ctype, const char *where,
			const char *p, size_t len);

/* inputwarc.c: is the member called name that starts with p[0..n) a
 * WARC file: "WARC/1." at the start, or gzip data named .warc.gz or .warc
 * in any case (an archive member; a loose file is inflated before this)? */
bool cd_input_is_warc(const char *name, const void *p, size_t n);

/* inputwarc.c: read the member as a WARC file, its first block p[0..n)
 * already read from a.  Returns 0, or -1 when libarchive failed under it
 * (reported by the caller); WARC damage is reported here. */
int cd_input_read_warc(struct cd_input *in, struct archive *a,
		       const void *p, size_t n);

#endif
