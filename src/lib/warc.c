/* warc.c - WARC records and the HTTP responses in them; see warc.h. */
#include <string.h>

#include "text.h"
#include "warc.h"

#define CHUNK (64 * 1024)	/* bytes inflated at a time */

void cd_warc_init(struct cd_warc *w, cd_warc_src src, void *ctx,
		  size_t max)
{
	memset(w, 0, sizeof(*w));
	w->src = src;
	w->ctx = ctx;
	w->max = max;
	cd_buf_init(&w->buf);
	cd_buf_init(&w->hdr);
}

void cd_warc_release(struct cd_warc *w)
{
	if (w->gzip)
		cd_gunzip_release(&w->gz);
	cd_buf_release(&w->buf);
	cd_buf_release(&w->hdr);
}

bool cd_warc_magic(const void *p, size_t len)
{
	return len >= 7 && memcmp(p, "WARC/1.", 7) == 0;
}

/* cd_gunzip_src over the caller's source, the sniffed chunk first. */
static ssize_t raw(void *ctx, const unsigned char **p)
{
	struct cd_warc *w = ctx;
	ssize_t k;

	if (w->pend) {
		*p = w->pend;
		w->pend = NULL;
		return w->pendlen;
	}
	k = w->src(w->ctx, p);
	if (k < 0)
		w->read_error = true;
	return k;
}

/* Look at the first chunk: gzip or not.  Returns 0, or -1. */
static int start(struct cd_warc *w)
{
	w->started = true;
	w->pendlen = w->src(w->ctx, &w->pend);
	if (w->pendlen < 0) {
		w->read_error = true;
		w->err = NULL;
		return -1;
	}
	/* The first byte decides: a WARC starts with "W" (or a blank line),
	 * and a source may hand out one byte at a time. */
	w->gzip = w->pendlen > 0 && w->pend[0] == 0x1f;
	if (w->gzip)
		cd_gunzip_init(&w->gz, CD_GZ_GZIP, raw, w);
	return 0;
}

/* Move the unread bytes to the front of buf. */
static void compact(struct cd_warc *w)
{
	if (w->pos == 0)
		return;
	memmove(w->buf.p, w->buf.p + w->pos, w->buf.len - w->pos);
	w->buf.len -= w->pos;
	w->pos = 0;
}

/* Append more decoded bytes to buf.  Returns the count, 0 at the end of
 * the data, or -1 on damage (w->err set, NULL for a read error). */
static ssize_t more(struct cd_warc *w)
{
	const unsigned char *p;
	ssize_t k;

	if (w->eof)
		return 0;
	if (w->pos > w->buf.len / 2)
		compact(w);
	if (w->gzip) {
		cd_buf_grow(&w->buf, CHUNK);
		k = cd_gunzip_read(&w->gz, w->buf.p + w->buf.len, CHUNK);
		if (k < 0) {
			w->err = w->gz.err;
			return -1;
		}
		w->buf.len += (size_t)k;
	} else {
		k = raw(w, &p);
		if (k < 0) {
			w->err = NULL;
			return -1;
		}
		cd_buf_add(&w->buf, p, (size_t)k);
	}
	if (k == 0)
		w->eof = true;
	return k;
}

/* Fail with reason. */
static int fail(struct cd_warc *w, const char *reason)
{
	w->err = reason;
	return -1;
}

/* Skip the CR and LF bytes between records.  Returns 1 when a record
 * follows, 0 at the end, -1 on damage. */
static int skip_newlines(struct cd_warc *w)
{
	for (;;) {
		ssize_t k;

		while (w->pos < w->buf.len && (w->buf.p[w->pos] == '\r' ||
					       w->buf.p[w->pos] == '\n'))
			w->pos++;
		if (w->pos < w->buf.len)
			return 1;
		if ((k = more(w)) <= 0)
			return (int)k;
	}
}

/* Find the end of the header at buf[pos..): *end is the offset of its
 * blank line's CRLF CRLF.  Returns 0, or -1 on damage. */
static int header_end(struct cd_warc *w, size_t *end)
{
	size_t seen = 0;	/* bytes after pos searched, less 3 */

	for (;;) {
		size_t avail = w->buf.len - w->pos;
		const char *q;
		ssize_t k;

		if (avail >= 7 && !cd_warc_magic(w->buf.p + w->pos, avail))
			return fail(w, "not a WARC record header");
		q = memmem(w->buf.p + w->pos + seen, avail - seen, "\r\n\r\n", 4);
		if (q) {
			*end = (size_t)(q - w->buf.p);
			return 0;
		}
		if (avail > CD_WARC_MAX_HEADER)
			return fail(w, "WARC header longer than 64 KiB");
		seen = avail > 3 ? avail - 3 : 0;
		/* more() may move the bytes: seen counts from pos. */
		if ((k = more(w)) == 0)
			return fail(w, avail ? "truncated WARC header" :
				       "truncated WARC record");
		if (k < 0)
			return -1;
	}
}

/* Is the header line l[0..n) the field name (ignoring case)?  Then set
 * *v to its trimmed value. */
static bool field(const char *l, size_t n, const char *name,
		  struct cd_str *v)
{
	size_t k = strlen(name);

	if (n <= k || l[k] != ':' || !cd_text_ieq(l, name, k))
		return false;
	for (l += k + 1, n -= k + 1; n && (*l == ' ' || *l == '\t'); l++, n--)
		;
	while (n && (l[n - 1] == ' ' || l[n - 1] == '\t'))
		n--;
	v->p = l;
	v->len = n;
	return true;
}

/* Parse a decimal Content-Length; false unless it is all digits. */
static bool parse_length(const struct cd_str *v, uint64_t *n)
{
	size_t i;

	*n = 0;
	if (v->len == 0 || v->len > 18)
		return false;
	for (i = 0; i < v->len; i++) {
		if (v->p[i] < '0' || v->p[i] > '9')
			return false;
		*n = *n * 10 + (uint64_t)(v->p[i] - '0');
	}
	return true;
}

/* Read the named fields of the header in w->hdr into rec. */
static int parse_header(struct cd_warc *w, struct cd_warc_rec *rec)
{
	const char *p = w->hdr.p, *end = p + w->hdr.len;
	struct cd_str len = { NULL, 0 };

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);

		if (n && p[n - 1] == '\r')
			n--;
		if (!field(p, n, "WARC-Type", &rec->type) &&
		    !field(p, n, "WARC-Record-ID", &rec->id) &&
		    !field(p, n, "WARC-Target-URI", &rec->uri) &&
		    !field(p, n, "WARC-Date", &rec->date) &&
		    !field(p, n, "Content-Type", &rec->ctype))
			field(p, n, "Content-Length", &len);
		p = nl ? nl + 1 : end;
	}
	if (!len.p)
		return fail(w, "no Content-Length in the WARC header");
	if (!parse_length(&len, &rec->length))
		return fail(w, "bad Content-Length in the WARC header");
	return 0;
}

int cd_warc_next(struct cd_warc *w, struct cd_warc_rec *rec)
{
	size_t end;
	int st;

	/* Skip the block left unread (rec still names its record). */
	if (w->in_block && cd_warc_block(w, rec, false) < 0)
		return -1;
	memset(rec, 0, sizeof(*rec));
	if (!w->started && start(w) != 0)
		return -1;
	if ((st = skip_newlines(w)) <= 0)
		return st;
	rec->n = ++w->n;
	if (header_end(w, &end) != 0)
		return -1;
	cd_buf_reset(&w->hdr);
	cd_buf_add(&w->hdr, w->buf.p + w->pos, end + 2 - w->pos);
	w->pos = end + 4;
	if (parse_header(w, rec) != 0)
		return -1;
	w->length = rec->length;
	w->in_block = true;
	return 1;
}

/* Pass over n bytes of the block without keeping them.  Returns 0, or
 * -1 on damage. */
static int skip_bytes(struct cd_warc *w, uint64_t n)
{
	while (n > 0) {
		size_t avail = w->buf.len - w->pos, take;
		ssize_t k;

		if (avail == 0) {
			w->pos = w->buf.len = 0;
			if ((k = more(w)) == 0)
				return fail(w, "truncated WARC record");
			if (k < 0)
				return -1;
			continue;
		}
		take = avail < n ? avail : (size_t)n;
		w->pos += take;
		n -= take;
	}
	return 0;
}

/* Have at least n unread bytes in buf.  Returns 0, or -1 when the data
 * ends first or is damaged. */
static int need(struct cd_warc *w, size_t n)
{
	while (w->buf.len - w->pos < n) {
		ssize_t k = more(w);

		if (k == 0)
			return fail(w, "truncated WARC record");
		if (k < 0)
			return -1;
	}
	return 0;
}

int cd_warc_block(struct cd_warc *w, struct cd_warc_rec *rec, bool keep)
{
	bool fits = !w->max || w->length <= w->max;

	w->in_block = false;
	rec->block = NULL;
	rec->len = 0;
	if (keep && fits) {
		/* The block and its CRLF CRLF, so that rec->block stays put. */
		if (need(w, (size_t)w->length + 4) != 0)
			return -1;
		rec->block = w->buf.p + w->pos;
		rec->len = (size_t)w->length;
		w->pos += rec->len;
	} else if (skip_bytes(w, w->length) != 0 || need(w, 4) != 0) {
		return -1;
	}
	if (memcmp(w->buf.p + w->pos, "\r\n\r\n", 4) != 0) {
		rec->block = NULL;
		return fail(w, "no CRLF CRLF after the block (wrong Content-Length?)");
	}
	w->pos += 4;
	return keep && !fits;
}

/* The Content-Encoding of value v. */
static int coding(const struct cd_str *v)
{
	if (v->len == 0 || (v->len == 8 && cd_text_ieq(v->p, "identity", 8)))
		return CD_HTTP_IDENTITY;
	if ((v->len == 4 && cd_text_ieq(v->p, "gzip", 4)) ||
	    (v->len == 6 && cd_text_ieq(v->p, "x-gzip", 6)))
		return CD_HTTP_GZIP;
	if (v->len == 7 && cd_text_ieq(v->p, "deflate", 7))
		return CD_HTTP_DEFLATE;
	return CD_HTTP_OTHER;
}

/* Read the header lines of p[0..len) into h. */
static void http_fields(const char *p, size_t len, struct cd_http *h)
{
	const char *end = p + len;
	struct cd_str v;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);

		if (n && p[n - 1] == '\r')
			n--;
		if (field(p, n, "Content-Type", &v))
			h->ctype = v;
		else if (field(p, n, "Transfer-Encoding", &v))
			h->chunked = cd_text_ifind(v.p, v.len, "chunked", 7) !=
				     (size_t)-1;
		else if (field(p, n, "Content-Encoding", &v))
			h->coding = coding(&v);
		p = nl ? nl + 1 : end;
	}
}

int cd_http_parse(const char *p, size_t len, struct cd_http *h)
{
	const char *crlf = memmem(p, len, "\r\n\r\n", 4), *lf;
	size_t hend, body;

	memset(h, 0, sizeof(*h));
	if (len < 12 || memcmp(p, "HTTP/", 5) != 0)
		return -1;
	/* The status: three digits after the first space. */
	{
		const char *sp = memchr(p, ' ', len < 16 ? len : 16);

		if (!sp || (size_t)(sp - p) + 4 > len ||
		    sp[1] < '1' || sp[1] > '9' || sp[2] < '0' || sp[2] > '9' ||
		    sp[3] < '0' || sp[3] > '9')
			return -1;
		h->status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + sp[3] - '0';
	}
	/* The headers end at the first blank line, CRLF or bare LF: look
	 * for the LF form only before the CRLF one. */
	lf = memmem(p, crlf ? (size_t)(crlf - p) : len, "\n\n", 2);
	if (lf)
		hend = (size_t)(lf - p), body = hend + 2;
	else if (crlf)
		hend = (size_t)(crlf - p), body = hend + 4;
	else
		hend = body = len;
	http_fields(p, hend, h);
	h->body = p + body;
	h->len = len - body;
	return 0;
}

/* The value of hex digit c, or -1. */
static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 32);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Undo the chunked transfer coding of p[0..len) into out.  Returns 0, 1
 * when p does not start with a chunk size (not chunked after all), or -1
 * when the chunks are damaged or cut short.
 */
static int dechunk(const char *p, size_t len, struct cd_buf *out)
{
	size_t i = 0;

	for (;;) {
		uint64_t size = 0;
		size_t digits = 0;
		const char *nl;

		for (; i < len && hexval(p[i]) >= 0 && digits < 15; i++, digits++)
			size = size * 16 + (uint64_t)hexval(p[i]);
		if (digits == 0)
			return out->len == 0 && i == 0 ? 1 : -1;
		/* Chunk extensions run to the end of the line. */
		if (!(nl = memchr(p + i, '\n', len - i)))
			return -1;
		i = (size_t)(nl - p) + 1;
		if (size == 0)
			return 0;
		if (size > len - i)
			return -1;
		cd_buf_add(out, p + i, (size_t)size);
		i += (size_t)size;
		if (i < len && p[i] == '\r')
			i++;
		if (i < len && p[i] == '\n')
			i++;
	}
}

int cd_http_payload(const struct cd_http *h, size_t max, struct cd_buf *out,
		    struct cd_buf *tmp, const char **body, size_t *len,
		    const char **err)
{
	int st;

	*body = h->body;
	*len = h->len;
	if (h->chunked) {
		cd_buf_reset(tmp);
		if ((st = dechunk(h->body, h->len, tmp)) < 0) {
			*err = "bad chunked transfer encoding";
			return -1;
		}
		if (st == 0)
			*body = cd_buf_str(tmp), *len = tmp->len;
	}
	if (h->coding == CD_HTTP_OTHER) {
		*err = "unsupported Content-Encoding";
		return -1;
	}
	if (h->coding == CD_HTTP_IDENTITY ||
	    (h->coding == CD_HTTP_GZIP && !cd_gunzip_magic(*body, *len)))
		return max && *len > max;
	cd_buf_reset(out);
	st = cd_gunzip_memory(h->coding == CD_HTTP_GZIP ? CD_GZ_GZIP :
			      CD_GZ_ZLIB, *body, *len, max, out, err);
	if (st < 0)
		*err = h->coding == CD_HTTP_GZIP ? "corrupt gzip content encoding" :
		       "corrupt deflate content encoding";
	*body = cd_buf_str(out);
	*len = out->len;
	return st;
}
