/*
 * inputwarc.c - a WARC member's records as page records (input_int.h):
 * responses and resources that hold HTML become pages, the other kinds
 * are counted by kind for the end note (cd_input_stats_note).
 */
#include <stdio.h>
#include <string.h>

#include "input.h"
#include "input_int.h"
#include "gunzip.h"
#include "msg.h"
#include "page.h"
#include "text.h"
#include "utf8.h"
#include "warc.h"

bool cd_input_is_warc(const char *name, const void *p, size_t n)
{
	size_t len = strlen(name);

	return cd_warc_magic(p, n) ||
	       ((cd_text_iends(name, len, ".warc.gz") ||
		 cd_text_iends(name, len, ".warc")) && cd_gunzip_magic(p, n));
}

/* The WARC record kinds skipped, as counted in struct cd_input_stats
 * and named in the end note. */
static const char *const skip_names[CD_SKIP_N] = {
	"request", "metadata", "warcinfo", "revisit", "other type",
	"not HTML", "not 2xx",
};

/* The member's data as a WARC byte source: the first block, then the
 * others; a libarchive error ends the data and is kept in err. */
struct member_src {
	struct archive *a;
	const void *first;
	size_t n;
	bool err;
};

/* cd_warc_src over a member's data blocks. */
static ssize_t member_read(void *ctx, const unsigned char **p)
{
	struct member_src *m = ctx;
	const void *q;
	size_t n;
	int r;

	if (m->first) {
		*p = m->first;
		m->first = NULL;
		return (ssize_t)m->n;
	}
	r = cd_input_next_block(m->a, &q, &n);
	*p = q;
	if (r == ARCHIVE_EOF)
		return 0;
	if (r != ARCHIVE_OK) {
		m->err = true;
		return 0;
	}
	return (ssize_t)n;
}

/* Is the header value v equal to s? */
static bool is(const struct cd_str *v, const char *s)
{
	return v->len == strlen(s) && memcmp(v->p, s, v->len) == 0;
}

/* The skip kind of a record that is neither response nor resource. */
static int skip_kind(const struct cd_str *type)
{
	return is(type, "request") ? CD_SKIP_REQUEST :
	       is(type, "metadata") ? CD_SKIP_METADATA :
	       is(type, "warcinfo") ? CD_SKIP_WARCINFO :
	       is(type, "revisit") ? CD_SKIP_REVISIT : CD_SKIP_OTHER;
}

/* Write "record N (ID): " (or "record N: " without an id) for rec into
 * buf[0..cap). */
static const char *record_where(const struct cd_warc_rec *rec, char *buf,
				size_t cap)
{
	if (rec->id.len)
		snprintf(buf, cap, "record %llu (%s): ", (unsigned long long)rec->n,
			 cd_msg_snippet(rec->id.p, rec->id.len, 80));
	else
		snprintf(buf, cap, "record %llu: ", (unsigned long long)rec->n);
	return buf;
}

/* Report a problem with WARC record rec: "record N (ID): reason". */
static void record_error(struct cd_input *in, const struct cd_warc_rec *rec,
			 const char *reason)
{
	char where[160];

	cd_input_report(in, in->id.p, true, "%s%s",
			record_where(rec, where, sizeof(where)), reason);
}

/* Hand out the HTML payload p[0..len) of rec as a page record. */
static void warc_page(struct cd_input *in, const struct cd_warc_rec *rec,
		      const struct cd_str *ctype, const char *p, size_t len)
{
	struct cd_doc doc;
	char where[160];

	memset(&doc, 0, sizeof(doc));
	cd_buf_reset(&in->pid);
	if (rec->id.len)
		cd_utf8_repair(rec->id.p, rec->id.len, &in->pid);
	else
		cd_buf_addf(&in->pid, "%s#%llu", in->id.p,
			    (unsigned long long)rec->n);
	cd_buf_reset(&in->meta);
	cd_utf8_repair(rec->uri.p ? rec->uri.p : "", rec->uri.len, &in->meta);
	doc.urllen = in->meta.len;
	cd_utf8_repair(rec->date.p ? rec->date.p : "", rec->date.len, &in->meta);
	doc.id = cd_buf_str(&in->pid);
	doc.idlen = in->pid.len;
	doc.url = rec->uri.len ? in->meta.p : NULL;
	doc.fetched = rec->date.len ? in->meta.p + doc.urllen : NULL;
	doc.fetchedlen = in->meta.len - doc.urllen;
	in->stats.pages++;
	cd_input_emit_page(in, &doc, ctype,
			   record_where(rec, where, sizeof(where)), p, len);
}

/* Count rec as skipped for kind. */
static void skipped(struct cd_input *in, int kind)
{
	in->stats.skipped[kind]++;
}

/* Why the HTTP response h is no page (a CD_SKIP_ kind), or -1. */
static int not_page(const struct cd_http *h)
{
	if (h->status < 200 || h->status > 299)
		return CD_SKIP_NOT_2XX;
	if (h->ctype.len && !cd_page_html_type(h->ctype.p, h->ctype.len))
		return CD_SKIP_NOT_HTML;
	return -1;
}

/* Decode the payload of h into in->raw.  Returns 0, or -1 after reporting
 * why it cannot be. */
static int payload(struct cd_input *in, const struct cd_warc_rec *rec,
		   const struct cd_http *h)
{
	const char *body, *err = NULL;
	size_t len;
	int st = cd_http_payload(h, in->max, &in->text, &in->lf, &body, &len,
				 &err);
	char msg[64];

	if (st > 0) {
		snprintf(msg, sizeof(msg), "page longer than %zu bytes", in->max);
		err = msg;
	}
	if (st != 0) {
		record_error(in, rec, err);
		return -1;
	}
	/* cd_input_emit_page reuses in->text and in->lf: keep the payload
	 * in raw. */
	cd_buf_reset(&in->raw);
	cd_buf_add(&in->raw, body, len);
	return 0;
}

/* A response record: its HTTP message, when 2xx and HTML, is a page. */
static void warc_response(struct cd_input *in, const struct cd_warc_rec *rec)
{
	struct cd_http h;
	int kind;

	if (cd_http_parse(rec->block, rec->len, &h) != 0) {
		if (rec->ctype.len && cd_text_ifind(rec->ctype.p, rec->ctype.len,
						    "application/http", 16) == 0)
			record_error(in, rec, "malformed HTTP response");
		else
			skipped(in, CD_SKIP_NOT_HTML);
	} else if ((kind = not_page(&h)) >= 0) {
		skipped(in, kind);
	} else if (payload(in, rec, &h) == 0) {
		if (!h.ctype.len && !cd_page_sniff(in->raw.p, in->raw.len))
			skipped(in, CD_SKIP_NOT_HTML);
		else
			warc_page(in, rec, &h.ctype, cd_buf_str(&in->raw),
				  in->raw.len);
	}
}

/* A resource record: its block, when HTML, is a page. */
static void warc_resource(struct cd_input *in, const struct cd_warc_rec *rec)
{
	bool html = rec->ctype.len ?
		    cd_page_html_type(rec->ctype.p, rec->ctype.len) :
		    cd_page_sniff(rec->block, rec->len);

	if (html)
		warc_page(in, rec, &rec->ctype, rec->block, rec->len);
	else
		skipped(in, CD_SKIP_NOT_HTML);
}

/* Read one record's block and hand it out or count it.  Returns 0, or
 * -1 when the file cannot be read further. */
static int warc_record(struct cd_input *in, struct cd_warc *w,
		       struct cd_warc_rec *rec)
{
	bool response = is(&rec->type, "response");
	int st;

	in->stats.records++;
	if (!response && !is(&rec->type, "resource")) {
		skipped(in, skip_kind(&rec->type));
		return 0;
	}
	if ((st = cd_warc_block(w, rec, true)) < 0)
		return -1;
	if (st > 0) {
		char msg[64];

		snprintf(msg, sizeof(msg), "record longer than %zu bytes", in->max);
		record_error(in, rec, msg);
	} else if (response) {
		warc_response(in, rec);
	} else {
		warc_resource(in, rec);
	}
	return 0;
}

int cd_input_read_warc(struct cd_input *in, struct archive *a,
		       const void *p, size_t n)
{
	struct member_src m = { a, p, n, false };
	struct cd_warc w;
	struct cd_warc_rec rec;
	int st;

	cd_warc_init(&w, member_read, &m, in->max);
	while ((st = cd_warc_next(&w, &rec)) > 0)
		if (warc_record(in, &w, &rec) != 0) {
			st = -1;
			break;
		}
	if (st < 0 && !m.err) {
		/* The gzip damage under a loose file is the real reason. */
		record_error(in, &rec, in->gz_err ? in->gz_err :
			     w.err ? w.err : "unreadable data");
		in->gz_reported = in->gz_err != NULL;
	}
	cd_warc_release(&w);
	return m.err ? -1 : 0;
}

void cd_input_stats_note(const struct cd_input *in, struct cd_buf *out)
{
	const struct cd_input_stats *st = &in->stats;
	const char *sep = "; skipped: ";
	int k;

	if (st->records == 0)
		return;
	cd_buf_addf(out, "%llu page%s from %llu WARC record%s",
		    (unsigned long long)st->pages, st->pages == 1 ? "" : "s",
		    (unsigned long long)st->records,
		    st->records == 1 ? "" : "s");
	for (k = 0; k < CD_SKIP_N; k++) {
		if (!st->skipped[k])
			continue;
		cd_buf_addf(out, "%s%llu %s", sep,
			    (unsigned long long)st->skipped[k], skip_names[k]);
		sep = ", ";
	}
}
