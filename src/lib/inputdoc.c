/*
 * inputdoc.c - one member's bytes as documents (input_int.h): text
 * decoded to UTF-8 with LF line ends, the "date" header, delimited parts,
 * the length limit; a page file as one page record; and the records'
 * JSON (cd_input_doc_json).
 */
#include <stdio.h>
#include <string.h>

#include "charset.h"
#include "date.h"
#include "input.h"
#include "input_int.h"
#include "msg.h"
#include "utf8.h"

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
	cd_input_report(in, cd_buf_str(&in->id), false,
			"%zu invalid UTF-8 sequence%s replaced with U+FFFD",
			bad, bad == 1 ? "" : "s");
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
		cd_input_report(in, cd_buf_str(&in->id), true,
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
	cd_input_progress(in, 1, 0, 0);
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
		cd_input_report(in, in->id.p, true,
				"document longer than %zu bytes", in->max);
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

void cd_input_add_block(struct cd_input *in, const void *p, size_t n)
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
		cd_input_report(in, id, false,
				"%sunknown charset label '%s', %s used", where,
				cd_msg_snippet(info->bad, strlen(info->bad), 40),
				info->name);
	if (info->repaired)
		cd_input_report(in, id, false,
				"%s%zu invalid %s sequence%s replaced with "
				"U+FFFD", where, info->repaired, info->name,
				info->repaired == 1 ? "" : "s");
	if (nuls)
		cd_input_report(in, id, false,
				"%s%zu NUL byte%s replaced with U+FFFD",
				where, nuls, nuls == 1 ? "" : "s");
}

void cd_input_emit_page(struct cd_input *in, struct cd_doc *doc,
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
	cd_input_progress(in, 1, 0, 0);
}

/* The member was a page file: hand it out. */
static void end_page(struct cd_input *in)
{
	struct cd_doc doc;

	if (in->too_long) {
		cd_input_report(in, in->id.p, true,
				"document longer than %zu bytes", in->max);
		return;
	}
	memset(&doc, 0, sizeof(doc));
	doc.id = in->id.p;
	doc.idlen = in->id.len;
	cd_input_emit_page(in, &doc, NULL, "", cd_buf_str(&in->raw),
			   in->raw.len);
}

void cd_input_end_member(struct cd_input *in)
{
	if (in->page) {
		end_page(in);
		return;
	}
	if (!in->delim) {
		if (in->too_long)
			cd_input_report(in, in->id.p, true,
					"document longer than %zu bytes",
					in->max);
		else
			emit(in, in->raw.p ? in->raw.p : "", in->raw.len);
		return;
	}
	if (is_delim(in, in->scan, in->raw.len))
		in->raw.len = in->scan;
	emit_part(in, in->head, in->raw.len);
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
