/* htmlparse.c - a page's markup, filtered, into libxml2's HTML parser;
 * see html_int.h. */
#include <string.h>

#include <libxml/HTMLparser.h>

#include "charset.h"
#include "html_int.h"
#include "text.h"

/* If s[0..len) opens a raw-text element whose contents are never text
 * (<script> without "json" in its tag, <style>), the length of its start
 * tag; else 0. */
static size_t raw_open(const char *s, size_t len)
{
	const char *gt;
	size_t n;

	if (len > 7 && cd_text_ieq(s, "<script", 7) &&
	    (s[7] == '>' || s[7] == ' ' || s[7] == '\n' || s[7] == '\t'))
		n = 7;
	else if (len > 6 && cd_text_ieq(s, "<style", 6) &&
		 (s[6] == '>' || s[6] == ' ' || s[6] == '\n' || s[6] == '\t'))
		n = 6;
	else
		return 0;
	if (!(gt = memchr(s + n, '>', len - n)))
		return 0;
	if (n == 7 && cd_text_ifind(s, (size_t)(gt - s), "json", 4) !=
	    (size_t)-1)
		return 0;
	return (size_t)(gt + 1 - s);
}

/* Attributes that neither the html nor the pagemeta files read and whose
 * values run long (data-*, srcset, src, an SVG path's d), or whose names
 * libxml2 cannot read (Alpine's and Vue's "@click": it would end the tag
 * at the first '>' of the value and show the rest as text): dropped
 * before parsing, libxml2 then neither copies nor allocates them.  A name
 * read one day must leave this list. */
static bool unread_attr(const char *s, size_t n)
{
	return s[0] == '@' || (n > 5 && cd_text_ieq(s, "data-", 5)) ||
	       (n == 6 && cd_text_ieq(s, "srcset", 6)) ||
	       (n == 3 && cd_text_ieq(s, "src", 3)) ||
	       (n == 1 && (s[0] | 0x20) == 'd');
}

static bool name_start(unsigned char c)
{
	return cd_text_alpha(c) || c == '_' ||
	       c == ':' || c == '.';
}

static bool name_char(unsigned char c)
{
	return name_start(c) || cd_text_digit(c) || c == '-';
}

static bool blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

#define MAXCUT 16

/* Cut ranges of one start tag: cut[2i..2i+1] are offsets in the tag. */
struct cuts {
	size_t n, at[2 * MAXCUT];
};

/* If s[0..len) starts with a start tag that libxml2 reads plainly (names,
 * blanks, values quoted or bare, nothing to recover from), its length, with
 * the ranges of its unread attributes (each with its leading blanks) in
 * *c; else 0. */
static size_t start_tag(const char *s, size_t len, struct cuts *c)
{
	size_t i = 1, from, name;
	const char *q;

	c->n = 0;
	while (i < len && name_char((unsigned char)s[i]))
		i++;
	for (;;) {
		from = i;
		while (i < len && blank((unsigned char)s[i]))
			i++;
		if (i >= len)
			return 0;
		if (s[i] == '>')
			return i + 1;
		if (s[i] == '/')
			return i + 1 < len && s[i + 1] == '>' ? i + 2 : 0;
		if (i == from || !(name_start((unsigned char)s[i]) ||
				   s[i] == '@'))
			return 0;
		name = i;
		for (i += s[i] == '@'; i < len && name_char((unsigned char)s[i]);
		     i++)
			;
		if (unread_attr(s + name, i - name) && c->n < MAXCUT)
			c->at[2 * c->n] = from;
		else
			name = 0;
		while (i < len && blank((unsigned char)s[i]))
			i++;
		if (i < len && s[i] == '=') {
			for (i++; i < len && blank((unsigned char)s[i]); i++)
				;
			if (i >= len)
				return 0;
			if (s[i] == '"' || s[i] == '\'') {
				if (!(q = memchr(s + i + 1, s[i], len - i - 1)))
					return 0;
				i = (size_t)(q + 1 - s);
			} else {
				from = i;
				while (i < len && !blank((unsigned char)s[i]) &&
				       s[i] != '>')
					i++;
				if (i == from)
					return 0;
			}
		} else if (i < len && !blank((unsigned char)s[i]) &&
			   s[i] != '>' && s[i] != '/') {
			return 0;
		}
		if (name)
			c->at[2 * c->n++ + 1] = i;
	}
}

/* Copy the start tag at s (whose length is n) to out without its cut
 * ranges. */
static void add_cut(struct cd_buf *out, const char *s, size_t n,
		    const struct cuts *c)
{
	size_t k, at = 0;

	for (k = 0; k < c->n; k++) {
		cd_buf_add(out, s + at, c->at[2 * k] - at);
		at = c->at[2 * k + 1];
	}
	cd_buf_add(out, s + at, n - at);
}

/* If s[0..len) opens a script or style that raw_open keeps (JSON), the
 * length up to its end tag (or len): copied as it is; else 0. */
static size_t kept_raw(const char *s, size_t len)
{
	const char *close;
	size_t i;

	if (len >= 7 && cd_text_ieq(s, "<script", 7))
		close = "</script";
	else if (len >= 6 && cd_text_ieq(s, "<style", 6))
		close = "</style";
	else
		return 0;
	i = cd_text_ifind(s + 1, len - 1, close, strlen(close));
	return i == (size_t)-1 ? len : i + 1;
}

/* Copy html[0..len) to out without the contents of scripts and styles
 * (the parser then skips what it would only throw away), without the
 * unread attributes of plain start tags, and with NUL bytes as spaces.
 * Scripts that are kept (JSON) are copied as they are. */
static void prefilter(const char *html, size_t len, struct cd_buf *out)
{
	const char *p = html, *end = html + len, *lt, *close;
	struct cuts c;
	size_t n, i;

	cd_buf_reset(out);
	cd_buf_grow(out, len);
	while ((lt = memchr(p, '<', (size_t)(end - p)))) {
		n = raw_open(lt, (size_t)(end - lt));
		if (!n && (n = kept_raw(lt, (size_t)(end - lt)))) {
			cd_buf_add(out, p, (size_t)(lt + n - p));
			p = lt + n;
			continue;
		}
		if (!n) {
			cd_buf_add(out, p, (size_t)(lt - p));
			p = lt;
			n = lt + 1 < end && name_start((unsigned char)lt[1]) &&
			    lt[1] != '_' && lt[1] != ':' && lt[1] != '.' ?
			    start_tag(lt, (size_t)(end - lt), &c) : 0;
			if (!n || !c.n) {	/* scanned on for '<' as before */
				n = 1;
				c.n = 0;
			}
			add_cut(out, lt, n, &c);
			p = lt + n;
			continue;
		}
		cd_buf_add(out, p, (size_t)(lt + n - p));
		p = lt + n;
		close = lt[1] == 's' || lt[1] == 'S' ?
			(lt[2] == 'c' || lt[2] == 'C' ? "</script" : "</style") :
			"</script";
		i = cd_text_ifind(p, (size_t)(end - p), close, strlen(close));
		p = i == (size_t)-1 ? end : p + i;
	}
	cd_buf_add(out, p, (size_t)(end - p));
	for (i = 0; i < out->len; i++)
		if (!out->p[i])
			out->p[i] = ' ';
}

/* Content after "</html>" makes libxml2 start a second root element; a
 * browser puts it at the end of the body.  Move the children of every
 * root element after the first to the end of the first's <body> (or of
 * the first root when it has none). */
static void join_roots(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), to = root, e, next, c;

	if (!root)
		return;
	for (c = root->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && named(c, "body"))
			to = c;
	for (e = root->next; e; e = next) {
		next = e->next;
		if (e->type != XML_ELEMENT_NODE)
			continue;
		while ((c = e->children)) {
			xmlUnlinkNode(c);
			xmlAddChild(to, c);
		}
	}
}

/* Parse html[0..len) into a document (through tmp, see prefilter;
 * mojibake undone, see cd_charset_unmojibake). */
xmlDocPtr cd_hx_parse(const char *html, size_t len, struct cd_buf *tmp)
{
	const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
			 HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
			 HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD;
	xmlDocPtr doc;

	prefilter(html, len, tmp);
	tmp->len = cd_charset_unmojibake(tmp->p, tmp->len);
	doc = htmlReadMemory(tmp->p, (int)tmp->len, NULL, "UTF-8", opts);
	if (doc)
		join_roots(doc);
	return doc;
}
