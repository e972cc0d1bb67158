/* input.c - documents from files, directories and archives; see input.h. */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "gunzip.h"
#include "hmap.h"
#include "charset.h"
#include "input.h"
#include "page.h"
#include "warc.h"
#include "msg.h"
#include "text.h"
#include "utf8.h"
#include "date.h"

#define BLOCK (128 * 1024)	/* read size handed to libarchive */
#define SNIFF 8000		/* a NUL in this many first bytes: binary */

/* libarchive's private ARCHIVE_ERRNO_FILE_FORMAT: "unrecognized format". */
#ifdef EFTYPE
#define FORMAT_ERRNO EFTYPE
#else
#define FORMAT_ERRNO EILSEQ
#endif

/* Tell the progress callback, when there is one. */
static void progress(struct cd_input *in, uint64_t docs, uint64_t bytes,
		     uint64_t total)
{
	if (in->progress)
		in->progress(in->ctx, docs, bytes, total);
}

void cd_input_init(struct cd_input *in)
{
	memset(in, 0, sizeof(*in));
	cd_buf_init(&in->raw);
	cd_buf_init(&in->text);
	cd_buf_init(&in->lf);
	cd_buf_init(&in->id);
	cd_buf_init(&in->msg);
	cd_buf_init(&in->pid);
	cd_buf_init(&in->meta);
	in->fd = -1;
}

void cd_input_release(struct cd_input *in)
{
	cd_buf_release(&in->raw);
	cd_buf_release(&in->text);
	cd_buf_release(&in->lf);
	cd_buf_release(&in->id);
	cd_buf_release(&in->msg);
	cd_buf_release(&in->pid);
	cd_buf_release(&in->meta);
	cd_charset_release(&in->cs);
	free(in->block);
	free(in->zout);
	cd_hmap_free(&in->seen);
	in->block = NULL;
	in->zout = NULL;
}

/* Hand a problem with subject to the report callback. */
static void report(struct cd_input *in, const char *subject, bool error,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void report(struct cd_input *in, const char *subject, bool error,
		   const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (error)
		in->lost = true;
	if (in->report)
		in->report(in->ctx, subject, error, msg);
}

/* Append s to b with "\\", ":" and "#" escaped by a backslash, so that
 * ids stay unique (issue 18): the file "t.tar:b" is "t.tar\\:b", never
 * member b of t.tar, and a member called "b#2" never looks like the
 * second member called b. */
static void add_escaped(struct cd_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == ':' || *s == '#')
			cd_buf_addc(b, '\\');
		cd_buf_addc(b, *s);
	}
}

/* How many members called name the current archive had before, counting
 * this one (1 the first time).  Names are told apart by a 64-bit hash: a
 * collision only adds a needless suffix, the id stays unique. */
static uint32_t seen_count(struct cd_input *in, const char *name)
{
	uint64_t h = XXH3_64bits(name, strlen(name));
	size_t j;

	if (!h)
		h = 1;		/* 0 marks an empty slot */
	if (!in->seen.keys)
		cd_hmap_init(&in->seen);
	j = cd_hmap_slot(&in->seen, h);
	if (in->seen.keys[j])
		return ++in->seen.vals[j];
	cd_hmap_set(&in->seen, j, h, 1);
	return 1;
}

/* Set the id to path, or path:member (with "#N" for the Nth member of
 * that name), escaped and with invalid UTF-8 repaired. */
static void set_id(struct cd_input *in, const char *path, const char *member)
{
	cd_buf_reset(&in->msg);
	add_escaped(&in->msg, path);
	if (member) {
		uint32_t n = seen_count(in, member);

		cd_buf_addc(&in->msg, ':');
		add_escaped(&in->msg, member);
		if (n > 1)
			cd_buf_addf(&in->msg, "#%u", (unsigned)n);
	}
	cd_buf_reset(&in->id);
	cd_utf8_repair(in->msg.p, in->msg.len, &in->id);
	in->base = in->id.len;
}

/* Is c a blank inside a line? */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Offset of the first line of s[0..len) with more than white space. */
static size_t skip_blank_lines(const char *s, size_t len)
{
	size_t i = 0, line = 0;

	for (; i < len && (is_blank(s[i]) || s[i] == '\n'); i++)
		if (s[i] == '\n')
			line = i + 1;
	return i == len ? len : line;
}

/*
 * SPEC: a leading "date YYYY-MM-DD" header (leading blanks allowed) is the
 * document's date when it is a day of the calendar (a "date 2025-13-45"
 * line is text); the rest of its line stays text.  On a match copy the
 * date to date[0..10) and return the offset where the text resumes, else
 * return 0.
 */
static size_t take_date(const char *s, size_t len, char *date)
{
	size_t i = 0, j;
	char iso[11];

	while (i < len && is_blank(s[i]))
		i++;
	if (len - i < 5 || memcmp(s + i, "date", 4) != 0 || !is_blank(s[i + 4]))
		return 0;
	for (i += 4; i < len && is_blank(s[i]); i++)
		;
	j = i + 10;
	if (len < j || !cd_date_iso(s + i, 10, iso) ||
	    (j < len && !is_blank(s[j]) && s[j] != '\n'))
		return 0;
	memcpy(date, s + i, 10);
	while (j < len && is_blank(s[j]))
		j++;
	if (j < len && s[j] == '\n')
		j++;
	return j;
}

/* Decode p[0..len) to valid UTF-8; returns the text (maybe p itself). */
static const char *decode(struct cd_input *in, const char *p, size_t *len)
{
	size_t n = *len, bad;

	cd_buf_reset(&in->text);
	if (in->enc != CD_ENC_UTF8) {
		cd_utf8_from_8bit(p, n, in->enc == CD_ENC_CP1252, &in->text);
		*len = in->text.len;
		return cd_buf_str(&in->text);
	}
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		*len = n -= 3;
	}
	if (cd_utf8_check(p, n) == n)
		return p;
	bad = cd_utf8_repair(p, n, &in->text);
	report(in, cd_buf_str(&in->id), false,
	       "%zu invalid UTF-8 sequence%s replaced with U+FFFD", bad,
	       bad == 1 ? "" : "s");
	*len = in->text.len;
	return in->text.p;
}

/* Turn the CRLF line ends of p[0..*len) into LF; returns the text (maybe
 * p itself). */
static const char *to_lf(struct cd_input *in, const char *p, size_t *len)
{
	const char *cr = memchr(p, '\r', *len), *end = p + *len;

	if (!cr)
		return p;
	cd_buf_reset(&in->lf);
	cd_buf_grow(&in->lf, *len);
	while (cr) {
		size_t keep = (size_t)(cr - p);

		/* A CR before LF goes; a lone CR stays. */
		cd_buf_add(&in->lf, p, keep + (cr + 1 == end || cr[1] != '\n'));
		p = cr + 1;
		cr = memchr(p, '\r', (size_t)(end - p));
	}
	cd_buf_add(&in->lf, p, (size_t)(end - p));
	*len = in->lf.len;
	return in->lf.p;
}

/* Hand out the document p[0..len) under the current id. */
static void emit(struct cd_input *in, const char *p, size_t len)
{
	struct cd_doc doc;
	char date[10];
	size_t skip;

	if (in->max && len > in->max) {
		report(in, cd_buf_str(&in->id), true,
		       "document longer than %zu bytes", in->max);
		return;
	}
	memset(&doc, 0, sizeof(doc));
	p = decode(in, p, &len);
	p = to_lf(in, p, &len);
	skip = skip_blank_lines(p, len);
	p += skip;
	len -= skip;
	doc.date = NULL;
	if ((skip = take_date(p, len, date)) != 0) {
		doc.date = date;
		p += skip;
		len -= skip;
	}
	while (len > 0 && (is_blank(p[len - 1]) || p[len - 1] == '\n'))
		len--;
	doc.id = in->id.p;
	doc.idlen = in->id.len;
	doc.text = p;
	doc.len = len;
	in->ndocs++;
	in->file_docs++;
	in->doc(in->ctx, &doc);
	progress(in, 1, 0, 0);
}

/* Hand out raw[a..b) as the next part of a delimited file. */
static void emit_part(struct cd_input *in, size_t a, size_t b)
{
	const char *p = cd_buf_str(&in->raw) + a;
	size_t i;

	for (i = 0; i < b - a && (is_blank(p[i]) || p[i] == '\n'); i++)
		;
	/* Nothing between two delimiters is no document. */
	if (i == b - a && !in->too_long)
		return;
	in->part++;
	in->id.len = in->base;
	cd_buf_addf(&in->id, "#%llu", (unsigned long long)in->part);
	if (in->too_long)
		report(in, in->id.p, true, "document longer than %zu bytes",
		       in->max);
	else
		emit(in, p, b - a);
	in->too_long = false;
	in->id.len = in->base;
	in->id.p[in->base] = '\0';
}

/* Is raw[a..b) (a line without its "\n") the delimiter? */
static bool is_delim(const struct cd_input *in, size_t a, size_t b)
{
	size_t n = strlen(in->delim);

	if (b > a && in->raw.p[b - 1] == '\r')
		b--;
	return b - a == n && memcmp(in->raw.p + a, in->delim, n) == 0;
}

/* Hand out every document completed by a delimiter line in raw. */
static void split_lines(struct cd_input *in)
{
	for (;;) {
		const char *nl = memchr(in->raw.p + in->scan, '\n',
					in->raw.len - in->scan);
		size_t end;

		if (!nl)
			break;
		end = (size_t)(nl - in->raw.p);
		if (is_delim(in, in->scan, end)) {
			emit_part(in, in->head, in->scan);
			in->head = end + 1;
		}
		in->scan = end + 1;
	}
	/* Bound memory: forget a document that is already too long. */
	if (in->max && in->scan - in->head > in->max) {
		in->too_long = true;
		in->head = in->scan;
	}
}

/* Add one block of member data. */
static void add_block(struct cd_input *in, const void *p, size_t n)
{
	if (!in->delim || in->page) {
		if (in->max && in->raw.len + n > in->max)
			in->too_long = true;
		else
			cd_buf_add(&in->raw, p, n);
		return;
	}
	if (in->head > 0) {
		memmove(in->raw.p, in->raw.p + in->head, in->raw.len - in->head);
		in->raw.len -= in->head;
		in->scan -= in->head;
		in->head = 0;
	}
	cd_buf_add(&in->raw, p, n);
	split_lines(in);
}

/* Replace the NUL bytes of the decoded page in in->text with U+FFFD, as
 * an HTML parser does, into in->lf.  Returns the page and its count. */
static const char *no_nul(struct cd_input *in, size_t *len, size_t *nuls)
{
	const char *p = cd_buf_str(&in->text), *end = p + in->text.len, *z;

	*len = in->text.len;
	*nuls = 0;
	if (!(z = memchr(p, '\0', *len)))
		return p;
	cd_buf_reset(&in->lf);
	while (z) {
		cd_buf_add(&in->lf, p, (size_t)(z - p));
		cd_buf_add_utf8(&in->lf, 0xFFFD);
		(*nuls)++;
		p = z + 1;
		z = memchr(p, '\0', (size_t)(end - p));
	}
	cd_buf_add(&in->lf, p, (size_t)(end - p));
	*len = in->lf.len;
	return in->lf.p;
}

/* Report what decoding the current page changed or could not use, under
 * in->id (the file or member) and after where ("record N (ID): " for a
 * WARC record, else ""). */
static void page_notes(struct cd_input *in, const char *where,
		       const struct cd_charset_info *info, size_t nuls)
{
	const char *id = in->id.p;

	if (info->bad[0])
		report(in, id, false, "%sunknown charset label '%s', %s used",
		       where, cd_msg_snippet(info->bad, strlen(info->bad), 40),
		       info->name);
	if (info->repaired)
		report(in, id, false, "%s%zu invalid %s sequence%s replaced with "
		       "U+FFFD", where, info->repaired, info->name,
		       info->repaired == 1 ? "" : "s");
	if (nuls)
		report(in, id, false, "%s%zu NUL byte%s replaced with U+FFFD",
		       where, nuls, nuls == 1 ? "" : "s");
}

/* Hand out the page p[0..len) as a page record: doc has its id, url and
 * fetched set; ctype is the HTTP Content-Type or NULL; where prefixes
 * the notes (see page_notes). */
static void emit_page(struct cd_input *in, struct cd_doc *doc,
		      const struct cd_str *ctype, const char *where,
		      const char *p, size_t len)
{
	struct cd_charset_info info;
	size_t nuls;

	cd_buf_reset(&in->text);
	cd_charset_page(&in->cs, ctype ? ctype->p : NULL, ctype ? ctype->len : 0,
			p, len, &in->text, &info);
	doc->text = no_nul(in, &doc->len, &nuls);
	page_notes(in, where, &info, nuls);
	doc->html = true;
	doc->date = NULL;
	in->ndocs++;
	in->file_docs++;
	in->doc(in->ctx, doc);
	progress(in, 1, 0, 0);
}

/* The member was a page file: hand it out. */
static void end_page(struct cd_input *in)
{
	struct cd_doc doc;

	if (in->too_long) {
		report(in, in->id.p, true, "document longer than %zu bytes",
		       in->max);
		return;
	}
	memset(&doc, 0, sizeof(doc));
	doc.id = in->id.p;
	doc.idlen = in->id.len;
	emit_page(in, &doc, NULL, "", cd_buf_str(&in->raw), in->raw.len);
}

/* The member is complete: hand out what is left of it. */
static void end_member(struct cd_input *in)
{
	if (in->page) {
		end_page(in);
		return;
	}
	if (!in->delim) {
		if (in->too_long)
			report(in, in->id.p, true, "document longer than %zu bytes",
			       in->max);
		else
			emit(in, in->raw.p ? in->raw.p : "", in->raw.len);
		return;
	}
	if (is_delim(in, in->scan, in->raw.len))
		in->raw.len = in->scan;
	emit_part(in, in->head, in->raw.len);
}

/* The next non-empty data block of the member: ARCHIVE_OK, ARCHIVE_EOF
 * or an error. */
static int next_block(struct archive *a, const void **p, size_t *n)
{
	la_int64_t off;
	int r;

	do
		r = archive_read_data_block(a, p, n, &off);
	while ((r == ARCHIVE_OK || r == ARCHIVE_WARN) && *n == 0);
	return r == ARCHIVE_WARN ? ARCHIVE_OK : r;
}

/* Does name end with suffix? */
static bool named(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n >= k && strcmp(name + n - k, suffix) == 0;
}

/* Is the member that starts with p[0..n) a WARC file: "WARC/1." at the
 * start, or gzip data named .warc.gz (an archive member; a loose file is
 * inflated before this)? */
static bool is_warc(const char *name, const void *p, size_t n)
{
	return cd_warc_magic(p, n) ||
	       ((named(name, ".warc.gz") || named(name, ".warc")) &&
		cd_gunzip_magic(p, n));
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
	r = next_block(m->a, &q, &n);
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

	report(in, in->id.p, true, "%s%s",
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
	emit_page(in, &doc, ctype, record_where(rec, where, sizeof(where)), p,
		  len);
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
	/* emit_page reuses in->text and in->lf: keep the payload in raw. */
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

/* Read the member as a WARC file, its first block p[0..n) already read.
 * Returns 0, or -1 when libarchive failed under it (reported by the
 * caller); WARC damage is reported here. */
static int read_warc(struct cd_input *in, struct archive *a, const void *p,
		     size_t n)
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

/* Read the data of the current member, called name.  Returns 0, or -1 on
 * damage (the documents completed before it have been handed out). */
static int read_member(struct cd_input *in, struct archive *a,
		       const char *name)
{
	size_t sniffed = 0, n = 0;
	const void *p = NULL;
	int r;

	cd_buf_reset(&in->raw);
	in->head = in->scan = 0;
	in->part = 0;
	in->too_long = in->binary = false;
	r = next_block(a, &p, &n);
	if (r == ARCHIVE_OK && is_warc(name, p, n))
		return read_warc(in, a, p, n);
	in->page = r == ARCHIVE_OK &&
		   (cd_page_html_name(name) || cd_page_sniff(p, n));
	for (; r == ARCHIVE_OK; r = next_block(a, &p, &n)) {
		if (sniffed < SNIFF && !in->page) {
			size_t k = n < SNIFF - sniffed ? n : SNIFF - sniffed;

			sniffed += k;
			if (memchr(p, '\0', k)) {
				in->binary = true;
				return 0;
			}
		}
		add_block(in, p, n);
	}
	/* A raw member ends with the data: cut short, its end is lost. */
	if (r != ARCHIVE_EOF ||
	    (in->gz_err && archive_format(a) == ARCHIVE_FORMAT_RAW))
		return -1;
	end_member(in);
	return 0;
}

/* Does s contain word, ignoring case? */
static bool has(const char *s, const char *word)
{
	return strcasestr(s, word) != NULL;
}

/* Our wording for the error libarchive reported on a. */
static const char *damage_reason(struct cd_input *in, struct archive *a,
				 char *buf, size_t cap)
{
	const char *s = archive_error_string(a);
	int fmt = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
	bool zip = fmt == ARCHIVE_FORMAT_ZIP, tar = fmt == ARCHIVE_FORMAT_TAR;

	/* A failed read(2) comes first: libarchive may have turned it into
	 * "unrecognized format" or even an early end of the data. */
	if (in->read_errno)
		return strerror(in->read_errno);
	if (in->gz_err)
		return in->gz_err;
	if (!s)
		return "unreadable data";
	if (has(s, "truncated gzip"))
		return "truncated gzip data";
	if (has(s, "gzip"))
		return "corrupt gzip data";
	if (tar && has(s, "truncated"))
		return "truncated tar data";
	if (zip && has(s, "truncated"))
		return "truncated zip data";
	if (zip)
		return "corrupt zip data";
	if (has(s, "truncated"))
		return "truncated data";
	snprintf(buf, cap, "%s", s);
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/* Report damage in name after the documents already handed out. */
static void damaged(struct cd_input *in, struct archive *a, const char *name)
{
	char buf[256];

	if (in->gz_reported && in->gz_err && !in->read_errno)
		return;	/* said with the WARC record it cut */
	report(in, name, true, "%s after %llu document%s",
	       damage_reason(in, a, buf, sizeof(buf)),
	       (unsigned long long)in->file_docs, in->file_docs == 1 ? "" : "s");
}

/* The member's name as UTF-8 when libarchive knows it, else raw. */
static const char *member_name(struct archive_entry *e)
{
	const char *s = archive_entry_pathname_utf8(e);

	if (!s)
		s = archive_entry_pathname(e);
	return s ? s : "";
}

/* The archive ended before its gzip data: inflate the rest, so that a
 * missing trailer or damage after the archive's end is noticed. */
static void drain(struct cd_input *in)
{
	ssize_t k;

	if (!in->gzip || in->gz_err)
		return;
	while ((k = cd_gunzip_read(&in->gz, in->zout, BLOCK)) > 0)
		;
	if (k < 0)
		in->gz_err = in->gz.err ? in->gz.err : strerror(in->read_errno);
}

/* Read every member of the opened archive a, which came from name. */
static void read_members(struct cd_input *in, struct archive *a,
			 const char *name, bool walked)
{
	struct archive_entry *e;
	int r;

	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK ||
	       r == ARCHIVE_WARN) {
		bool raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		set_id(in, name, raw ? NULL : member_name(e));
		if (read_member(in, a, raw ? name : member_name(e)) != 0 ||
		    in->read_errno) {
			damaged(in, a, name);
			return;
		}
		if (in->binary)
			report(in, in->id.p, !walked && raw, "binary file skipped");
		progress(in, 0, in->rawbytes - in->consumed, 0);
		in->consumed = in->rawbytes;
	}
	if (r == ARCHIVE_EOF)
		drain(in);
	if (r != ARCHIVE_EOF || in->read_errno || in->gz_err)
		damaged(in, a, name);
}

/* A reader for every format and filter SPEC names. */
static struct archive *new_reader(void)
{
	struct archive *a = archive_read_new();

	if (!a)
		cd_oom();
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_zip(a);
	archive_read_support_format_raw(a);
	return a;
}

/* Read the archive a, opened with status r, that came from name. */
static void read_opened(struct cd_input *in, struct archive *a, int r,
			const char *name, bool walked)
{
	char buf[256];

	in->file_docs = 0;
	in->consumed = 0;
	in->gz_reported = false;
	if (in->seen.n) {
		memset(in->seen.keys, 0, in->seen.cap * sizeof(*in->seen.keys));
		in->seen.n = 0;
	}
	if (r == ARCHIVE_OK) {
		read_members(in, a, name, walked);
	} else if (archive_filter_bytes(a, -1) == 0 && !in->read_errno &&
		   !in->gz_err && archive_errno(a) == FORMAT_ERRNO) {
		/* libarchive refuses an empty input: SPEC wants one empty
		 * document for an empty file. */
		set_id(in, name, NULL);
		cd_buf_reset(&in->raw);
		in->head = in->scan = 0;
		in->part = 0;
		in->too_long = in->page = false;
		end_member(in);
	} else {
		report(in, name, true, "%s",
		       damage_reason(in, a, buf, sizeof(buf)));
	}
	archive_read_free(a);
}

/* The next chunk of raw input in *p: the bytes read ahead by start(),
 * then the memory input or a read(2) of in->fd retrying EINTR (a failure
 * is kept in in->read_errno: libarchive may hide it).  Returns its
 * length, 0 at the end, or -1. */
static ssize_t raw_chunk(struct cd_input *in, const unsigned char **p)
{
	ssize_t k;

	*p = (const unsigned char *)in->block;
	if (in->pending) {
		k = (ssize_t)in->pending;
		in->pending = 0;
	} else if (in->mem) {
		k = (ssize_t)(in->memlen - in->mempos);
		*p = in->mem + in->mempos;
		in->mempos = in->memlen;
	} else {
		do
			k = read(in->fd, in->block, BLOCK);
		while (k < 0 && errno == EINTR);
		if (k < 0) {
			in->read_errno = errno;
			return -1;
		}
	}
	in->rawbytes += (uint64_t)k;
	return k;
}

/* cd_gunzip_src over raw_chunk. */
static ssize_t gz_src(void *ctx, const unsigned char **p)
{
	return raw_chunk(ctx, p);
}

/* Read the first bytes of the input (two at least unless it is shorter,
 * so that a pipe delivering one byte first still shows the gzip magic)
 * and start inflating when they are gzip's.  Returns 0, or -1 on a read
 * error. */
static int start(struct cd_input *in)
{
	ssize_t k = 1;

	in->gzip = false;
	in->gz_err = NULL;
	in->pending = 0;
	if (in->mem) {
		in->gzip = cd_gunzip_magic(in->mem, in->memlen);
	} else {
		while (k > 0 && in->pending < 2) {
			do
				k = read(in->fd, in->block + in->pending,
					 BLOCK - in->pending);
			while (k < 0 && errno == EINTR);
			if (k < 0) {
				in->read_errno = errno;
				return -1;
			}
			in->pending += (size_t)k;
		}
		in->gzip = cd_gunzip_magic(in->block, in->pending);
	}
	if (in->gzip) {
		if (!in->zout)
			in->zout = cd_xmalloc(BLOCK);
		cd_gunzip_init(&in->gz, CD_GZ_GZIP, gz_src, in);
	}
	return 0;
}

/* libarchive read callback: the next block of the input, inflated here
 * when it is gzip so that every byte decoded before damage reaches the
 * archive reader (issue 18); the damage ends the data and is kept in
 * in->gz_err. */
static la_ssize_t src_read(struct archive *a, void *p, const void **buf)
{
	struct cd_input *in = p;
	const unsigned char *q;
	ssize_t k;

	if (!in->gzip) {
		k = raw_chunk(in, &q);
		*buf = q;
	} else {
		k = in->gz_err ? 0 : cd_gunzip_read(&in->gz, in->zout, BLOCK);
		*buf = in->zout;
		if (k < 0 && in->gz.err) {
			in->gz_err = in->gz.err;
			k = 0;
		}
	}
	if (k < 0) {
		archive_set_error(a, in->read_errno, "%s",
				  strerror(in->read_errno));
		return -1;
	}
	return k;
}

/* The size of the raw input and the offset read so far, for a seek. */
static int64_t src_size(struct cd_input *in, int64_t *pos)
{
	struct stat st;
	off_t cur;

	if (in->mem) {
		*pos = (int64_t)in->mempos;
		return (int64_t)in->memlen;
	}
	cur = lseek(in->fd, 0, SEEK_CUR);
	if (cur < 0 || fstat(in->fd, &st) != 0)
		return -1;
	*pos = (int64_t)cur;
	return (int64_t)st.st_size;
}

/* libarchive seek callback, for regular files and memory (zip reads the
 * end first); never used on gzip input. */
static la_int64_t src_seek(struct archive *a, void *p, la_int64_t off,
			   int whence)
{
	struct cd_input *in = p;
	int64_t pos, size = src_size(in, &pos);

	in->pending = 0;
	if (size >= 0 && whence == SEEK_CUR)
		off += pos;
	else if (size >= 0 && whence == SEEK_END)
		off += size;
	if (size < 0 || off < 0 || off > size) {
		archive_set_error(a, EINVAL, "%s", strerror(EINVAL));
		return ARCHIVE_FATAL;
	}
	if (in->mem)
		in->mempos = (size_t)off;
	else if (lseek(in->fd, (off_t)off, SEEK_SET) < 0)
		return ARCHIVE_FATAL;
	return (la_int64_t)off;
}

/* libarchive skip callback: seek forward, but not past the end of the
 * input, so that a truncated archive is noticed; 0 makes libarchive read. */
static la_int64_t src_skip(struct archive *a, void *p, la_int64_t n)
{
	struct cd_input *in = p;
	int64_t pos, size = src_size(in, &pos);

	(void)a;
	if (size < 0 || in->pending)
		return 0;
	if (n > size - pos)
		n = size > pos ? size - pos : 0;
	if (n == 0)
		return 0;
	if (in->mem)
		in->mempos += (size_t)n;
	else if (lseek(in->fd, (off_t)n, SEEK_CUR) < 0)
		return 0;
	in->rawbytes += (uint64_t)n;
	return n;
}

/* Read the input set up in in (a descriptor or memory) as name. */
static void read_input(struct cd_input *in, const char *name, bool seekable,
		       bool walked)
{
	struct archive *a = new_reader();
	int r;

	if (!in->block)
		in->block = cd_xmalloc(BLOCK);
	in->read_errno = 0;
	in->rawbytes = 0;
	if (start(in) != 0) {
		report(in, name, true, "%s", strerror(in->read_errno));
		archive_read_free(a);
		return;
	}
	archive_read_set_read_callback(a, src_read);
	if (seekable && !in->gzip) {
		archive_read_set_seek_callback(a, src_seek);
		archive_read_set_skip_callback(a, src_skip);
	}
	archive_read_set_callback_data(a, in);
	r = archive_read_open1(a);
	read_opened(in, a, r, name, walked);
	if (in->gzip)
		cd_gunzip_release(&in->gz);
	in->gzip = false;
}

/* Read one file or standard input from an open descriptor. */
static void read_fd(struct cd_input *in, int fd, const char *name,
		    bool walked)
{
	struct stat st;
	bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);

	if (regular && !in->sized)
		progress(in, 0, 0, (uint64_t)st.st_size);
	in->fd = fd;
	in->mem = NULL;
	read_input(in, name, regular, walked);
	in->fd = -1;
}

/* Read the regular file path. */
static void read_file(struct cd_input *in, const char *path, bool walked)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		report(in, path, true, "%s", strerror(errno));
		return;
	}
	read_fd(in, fd, path, walked);
	close(fd);
}

/* qsort comparison of two names by bytes. */
static int namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entry names of dir, sorted; NULL (and errno) when unreadable. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		v = cd_xgrow(v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = cd_xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), namecmp);
	return v ? v : cd_xcalloc(1, sizeof(*v));
}

static void walk(struct cd_input *in, const char *dir);

/* Read one entry met in a directory walk. */
static void walk_entry(struct cd_input *in, const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0) {
		report(in, path, true, "%s", strerror(errno));
		return;
	}
	/* Symbolic links are followed to files only, so a walk cannot loop. */
	if (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		report(in, path, false, "symbolic link to a directory skipped");
		return;
	}
	if (S_ISDIR(st.st_mode))
		walk(in, path);
	else if (S_ISREG(st.st_mode))
		read_file(in, path, true);
	else
		report(in, path, false, "not a regular file, skipped");
}

/* Read every file under dir, recursively, in sorted order. */
static void walk(struct cd_input *in, const char *dir)
{
	size_t n, i, dlen = strlen(dir);
	char **names = list_dir(dir, &n);
	struct cd_buf path = CD_BUF_INIT;

	if (!names) {
		report(in, dir, true, "%s", strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		cd_buf_reset(&path);
		cd_buf_add(&path, dir, dlen);
		if (dlen == 0 || dir[dlen - 1] != '/')
			cd_buf_addc(&path, '/');
		cd_buf_adds(&path, names[i]);
		walk_entry(in, path.p);
		free(names[i]);
	}
	free(names);
	cd_buf_release(&path);
}

/* The total size of the regular files under dir (links to files
 * included), as the walk will read them. */
static uint64_t tree_size(const char *dir)
{
	size_t n, i;
	char **names = list_dir(dir, &n);
	struct cd_buf path = CD_BUF_INIT;
	uint64_t total = 0;
	struct stat st;

	for (i = 0; names && i < n; i++) {
		cd_buf_reset(&path);
		cd_buf_addf(&path, "%s%s%s", dir,
			    *dir && dir[strlen(dir) - 1] == '/' ? "" : "/",
			    names[i]);
		if (lstat(path.p, &st) == 0 && S_ISDIR(st.st_mode))
			total += tree_size(path.p);
		else if (stat(path.p, &st) == 0 && S_ISREG(st.st_mode))
			total += (uint64_t)st.st_size;
		free(names[i]);
	}
	free(names);
	cd_buf_release(&path);
	return total;
}

/* Walk the directory path, its size counted first when asked. */
static void walk_top(struct cd_input *in, const char *path)
{
	if (in->presize) {
		progress(in, 0, 0, tree_size(path));
		in->sized = true;
	}
	walk(in, path);
	in->sized = false;
}

int cd_input_path(struct cd_input *in, const char *path)
{
	struct stat st;

	in->lost = false;
	if (!path || strcmp(path, "-") == 0)
		read_fd(in, 0, "-", false);
	else if (stat(path, &st) != 0)
		report(in, path, true, "%s", strerror(errno));
	else if (S_ISDIR(st.st_mode))
		walk_top(in, path);
	else
		read_file(in, path, false);
	return in->lost ? -1 : 0;
}

int cd_input_memory(struct cd_input *in, const char *name, const void *p,
		    size_t len)
{
	in->lost = false;
	in->mem = p;
	in->memlen = len;
	in->mempos = 0;
	read_input(in, name, true, false);
	in->mem = NULL;
	return in->lost ? -1 : 0;
}

/* Append a page record to out. */
static void page_json(struct cd_buf *out, const struct cd_doc *doc)
{
	cd_buf_add(out, "{\"id\":", 6);
	cd_buf_add_json(out, doc->id, doc->idlen);
	if (doc->url) {
		cd_buf_add(out, ",\"url\":", 7);
		cd_buf_add_json(out, doc->url, doc->urllen);
	}
	if (doc->fetched) {
		cd_buf_add(out, ",\"fetched\":", 11);
		cd_buf_add_json(out, doc->fetched, doc->fetchedlen);
	}
	cd_buf_add(out, ",\"html\":", 8);
	cd_buf_add_json(out, doc->text, doc->len);
	cd_buf_add(out, "}\n", 2);
}

void cd_input_doc_json(struct cd_buf *out, const struct cd_doc *doc)
{
	if (doc->html) {
		page_json(out, doc);
		return;
	}
	cd_buf_add(out, "{\"id\":", 6);
	cd_buf_add_json(out, doc->id, doc->idlen);
	if (doc->date) {
		cd_buf_add(out, ",\"date\":\"", 9);
		cd_buf_add(out, doc->date, 10);
		cd_buf_addc(out, '"');
	}
	cd_buf_add(out, ",\"text\":", 8);
	cd_buf_add_json(out, doc->text, doc->len);
	cd_buf_add(out, "}\n", 2);
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
