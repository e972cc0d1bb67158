/*
 * pagemeta.c - the metadata of one web page; see pagemeta.h.
 *
 * One walk over the tree (iterative: pages may nest 100,000 elements)
 * gathers candidates by kind and rank (struct found); JSON-LD blocks are
 * read with json.h; then each field takes its best candidate: the title
 * by agreement between candidates once the site name is cut, the date by
 * the rank of its source (published before modified), the byline by the
 * rank of its source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include "date.h"
#include "json.h"
#include "pagemeta.h"
#include "text.h"

/* Title candidates, best first: the visible headline (an <h1> in the
 * article, then any), then what the page declares. */
enum { T_H1A, T_H1, T_LD, T_OG, T_TW, T_TAG, T_N };

/* Byline candidates, best first. */
enum { A_LD, A_META, A_ITEMPROP, A_REL, A_LINK, A_BY, A_CLASS, A_N };

/* Date candidates, best first. */
enum { D_URL, D_META, D_NEAR, D_BEFORE, D_TIME, D_ITEMPROP, D_LD, D_OTHER,
       D_VIS, D_MOD, D_N };

/* Site name candidates, best first. */
enum { S_OG, S_LD, S_APP, S_N };

/* A title or byline text longer than this is not one. */
#define CD_META_MAX 600

struct found {
	struct cd_buf title[T_N];
	struct cd_buf author[A_N];
	char date[D_N][11];
	struct cd_buf site[S_N];
	struct cd_buf canon, ogurl;
	struct cd_buf tmp;
	xmlNodePtr h1;		/* the headline element chosen for D_NEAR */
};

/* The i-th field of m (0 to 4), NULL past the last. */
static struct cd_buf *meta_field(struct cd_page_meta *m, int i)
{
	struct cd_buf *f[] = { &m->title, &m->byline, &m->date, &m->source,
			       &m->url, NULL };

	return f[i];
}

void cd_page_meta_init(struct cd_page_meta *m)
{
	int i;

	for (i = 0; meta_field(m, i); i++)
		cd_buf_init(meta_field(m, i));
}

void cd_page_meta_release(struct cd_page_meta *m)
{
	int i;

	for (i = 0; meta_field(m, i); i++)
		cd_buf_release(meta_field(m, i));
}

/* ---- text ---- */

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Write s[0..len) to d with runs of white space (and no-break spaces)
 * folded to one space; *sp says a space is pending, written only before
 * a later byte, and lead that one may open d.  d may be s: no more bytes
 * are written than read.  Returns the bytes written. */
static size_t fold_into(char *d, const char *s, size_t len, bool *sp,
			bool lead)
{
	size_t i, w = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_space(c) || (c == 0xc2 && i + 1 < len &&
				    (unsigned char)s[i + 1] == 0xa0)) {
			i += c == 0xc2;
			*sp = lead || w > 0;
			continue;
		}
		if (*sp)
			d[w++] = ' ';
		*sp = false;
		d[w++] = (char)c;
	}
	return w;
}

/* Append s[0..len) to b with white space folded; *sp says a space is
 * pending (none at the start). */
static void add_folded(struct cd_buf *b, const char *s, size_t len, bool *sp)
{
	cd_buf_grow(b, len + 1);
	b->len += fold_into(b->p + b->len, s, len, sp, b->len > 0);
	b->p[b->len] = '\0';
}

/* Set b to s[0..len) with white space folded and trimmed; s may be b->p
 * (folded in place). */
static void set_folded(struct cd_buf *b, const char *s, size_t len)
{
	bool sp = false;

	if (s != b->p) {
		cd_buf_reset(b);
		cd_buf_grow(b, len);
	} else {
		cd_buf_grow(b, 0);	/* b->p may be NULL; never moves it */
	}
	b->len = fold_into(b->p, s, len, &sp, false);
	b->p[b->len] = '\0';
}

/* Is n the element name (lower case)?  libxml2's HTML parser writes
 * element names in lower case, so bytes are compared, the first apart
 * (most elements differ there). */
static bool name_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)name[0] &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The next node after n in document order within root, skipping n's
 * children when skip is true. */
static xmlNodePtr next_node(xmlNodePtr n, xmlNodePtr root, bool skip)
{
	if (!skip && n->children)
		return n->children;
	while (n && n != root && !n->next)
		n = n->parent;
	return n && n != root ? n->next : NULL;
}

/* How node_text() reads: NT_SPACED, every element starts a word (bylines:
 * "<span>Ann Lee</span><span>May 3"); NT_NO_TIME, <time> elements left
 * out (a headline that carries its day: "<h1><time>Dec 18</time> Title"). */
enum { NT_SPACED = 1, NT_NO_TIME = 2 };

/* Set b to the visible text of element e, white space folded, at most
 * about max bytes (scripts and styles left out), read as flags say. */
static void node_text(struct cd_buf *b, xmlNodePtr e, size_t max, int flags)
{
	xmlNodePtr n;
	bool sp = false, spaced = flags & NT_SPACED;

	cd_buf_reset(b);
	for (n = e->children; n && b->len <= max; ) {
		bool skip = name_is(n, "script") || name_is(n, "style") ||
			    name_is(n, "noscript") ||
			    ((flags & NT_NO_TIME) && name_is(n, "time"));

		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    n->content) {
			add_folded(b, (const char *)n->content,
				   strlen((const char *)n->content), &sp);
		} else if (n->type == XML_ELEMENT_NODE && !skip &&
			   (spaced || name_is(n, "br") || name_is(n, "p") ||
			    name_is(n, "div") || name_is(n, "li"))) {
			sp = b->len > 0;
		}
		n = next_node(n, e, skip);
	}
}

/* The value of attribute name of e into b (reset); false when absent. */
static bool attr(xmlNodePtr e, const char *name, struct cd_buf *b)
{
	xmlChar *v = xmlGetProp(e, (const xmlChar *)name);

	if (!v)
		return false;
	set_folded(b, (const char *)v, strlen((const char *)v));
	xmlFree(v);
	return true;
}

/* True when s[0..len) looks like an address rather than a name. */
static bool is_url(const char *s, size_t len)
{
	return cd_text_ifind(s, len, "://", 3) != (size_t)-1 ||
	       (len > 4 && cd_text_ieq(s, "www.", 4)) || (len > 0 && s[0] == '/');
}

/* Remove b[0..n) from the start of b, and the spaces after it. */
static void cut_head(struct cd_buf *b, size_t n)
{
	while (n < b->len && b->p[n] == ' ')
		n++;
	memmove(b->p, b->p + n, b->len - n + 1);
	b->len -= n;
}

/* The word (letters) that starts at s[i], its length in *n. */
static size_t word_at(const char *s, size_t len, size_t i, size_t *n)
{
	size_t j = i;

	while (j < len && (((unsigned char)s[j] | 0x20) >= 'a' &&
			   ((unsigned char)s[j] | 0x20) <= 'z'))
		j++;
	*n = j - i;
	return j;
}

/* True when the byline text goes on to something else at s[i]: a number,
 * a date, a separator, "Updated", "Reviewed by", ... */
static bool byline_stops(const char *s, size_t len, size_t i)
{
	static const char *const words[] = { "Updated", "Published", "Posted",
					     "Reviewed", "Edited", "Last",
					     "Fact", "Medically", NULL };
	size_t n, k, j = word_at(s, len, i, &n);

	unsigned char c = (unsigned char)s[i];

	if ((c >= '0' && c <= '9') || c == '|' || c == '(' || c == 0xc2 ||
	    c == 0xe2)
		return true;	/* a number, "|", "(", "·", "•", a dash */
	j += j < len && s[j] == '.';
	if (n && cd_date_month(s + i, n) && j + 1 < len && s[j] == ' ' &&
	    s[j + 1] >= '0' && s[j + 1] <= '9')
		return true;
	for (k = 0; words[k]; k++)
		if (n == strlen(words[k]) && memcmp(s + i, words[k], n) == 0)
			return true;
	return false;
}

/* Cut a leading "By ", "Written by", "Author:" (any case) and what
 * follows the names (a date, "| 5 min read") from a byline. */
static void cut_by(struct cd_buf *b)
{
	static const char *const heads[] = { "written by", "posted by",
					     "words by", "story by", "authored by",
					     "by", "authors", "author", "the author",
					     NULL };
	size_t i, n;

	for (i = 0; heads[i]; i++) {
		n = strlen(heads[i]);
		/* "Author" and "Authors" only as a label: "Author: Ann" */
		if (b->len >= n && cd_text_ieq(b->p, heads[i], n) &&
		    (b->len == n || b->p[n] == ':' ||
		     (b->p[n] == ' ' && heads[i][0] != 'a'))) {
			cut_head(b, n + (b->p[n] == ':'));
			break;
		}
	}
	for (i = 1; i < b->len; i++)
		if (b->p[i - 1] == ' ' && byline_stops(b->p, b->len, i)) {
			b->p[b->len = i] = '\0';
			break;
		}
	while (b->len > 0 && strchr(" ,|-:", b->p[b->len - 1]))
		b->p[--b->len] = '\0';
}

/* True when w[0..n) names a day of the week, in full or cut to three. */
static bool day_name(const char *w, size_t n)
{
	static const char *const days[] = { "monday", "tuesday", "wednesday",
					    "thursday", "friday", "saturday",
					    "sunday", NULL };
	size_t i;

	for (i = 0; n >= 3 && days[i]; i++)
		if (n <= strlen(days[i]) && cd_text_ieq(w, days[i], n) &&
		    (n == 3 || n == strlen(days[i])))
			return true;
	return false;
}

/* True when b reads as names: letters, no code or address, at most
 * about 100 bytes; when strict, at most 8 words, each capitalised but
 * for particles ("and", "de", "van"). */
static bool name_like(const struct cd_buf *b, bool strict)
{
	static const char *const small[] = { "and", "de", "van", "von", "da",
					     "del", "der", "la", "le", "di",
					     "du", "bin", "al", "y", NULL };
	size_t i, n, k, words = 0;
	bool letter = false;

	if (b->len == 0 || b->len > 100 || is_url(b->p, b->len) ||
	    (b->p[0] >= '0' && b->p[0] <= '9'))
		return false;
	word_at(b->p, b->len, 0, &n);
	if (cd_date_month(b->p, n) || day_name(b->p, n))
		return false;	/* "May 3" is a date, "Sat" a day */
	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->p[i];

		letter |= ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0xc3;
		if (strchr("{}@=<>;", c) && c)
			return false;
	}
	if (!letter || !strict)
		return letter;
	for (i = 0; i < b->len; i++) {
		if (i > 0 && b->p[i - 1] != ' ')
			continue;
		words++;
		word_at(b->p, b->len, i, &n);
		if (n == 0 || (b->p[i] >= 'A' && b->p[i] <= 'Z'))
			continue;
		for (k = 0; small[k]; k++)
			if (n == strlen(small[k]) && memcmp(b->p + i, small[k], n) == 0)
				break;
		if (!small[k])
			return false;
	}
	return words <= 8;
}

/* Store text t in slot b unless b is already filled or t is empty or too
 * long. */
static void offer(struct cd_buf *b, const struct cd_buf *t)
{
	if (b->len == 0 && t->len > 0 && t->len <= CD_META_MAX)
		cd_buf_add(b, t->p, t->len);
}

/* Store the day read from s[0..len) in slot iso unless it is filled. */
static void offer_date(char iso[11], const char *s, size_t len)
{
	size_t i = 0;

	if (iso[0])
		return;
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	if (!cd_date_iso(s + i, len - i, iso) && !cd_date_find(s, len, iso))
		iso[0] = '\0';
}

/* Decode the character references left in b ("&#8217;", "&amp;"): JSON-LD
 * and double-escaped attributes carry them. */
static void decode_refs(struct cd_buf *b)
{
	struct cd_buf out = CD_BUF_INIT;
	size_t i, j;

	if (!memchr(b->p ? b->p : "", '&', b->len))
		return;
	for (i = 0; i < b->len; i++) {
		const htmlEntityDesc *e = NULL;
		unsigned long cp = 0;
		char name[12];

		j = i + 1;
		if (b->p[i] == '&' && j < b->len && b->p[j] == '#') {
			bool hex = ++j < b->len && (b->p[j] == 'x' || b->p[j] == 'X');

			for (j += hex; j < b->len && j - i < 10 &&
			     strchr(hex ? "0123456789abcdefABCDEF" : "0123456789",
				    b->p[j]) && b->p[j]; j++)
				cp = cp * (hex ? 16 : 10) +
				     (unsigned long)(b->p[j] <= '9' ? b->p[j] - '0' :
						     (b->p[j] | 0x20) - 'a' + 10);
		} else if (b->p[i] == '&') {
			while (j < b->len && j - i < 11 &&
			       ((b->p[j] | 0x20) >= 'a' && (b->p[j] | 0x20) <= 'z'))
				j++;
			memcpy(name, b->p + i + 1, j - i - 1);
			name[j - i - 1] = '\0';
			if ((e = htmlEntityLookup((const xmlChar *)name)))
				cp = e->value;
		}
		if (cp > 0 && cp < 0x110000 && (cp < 0xd800 || cp > 0xdfff) &&
		    j < b->len && b->p[j] == ';') {
			cd_buf_add_utf8(&out, (uint32_t)cp);
			i = j;
		} else {
			cd_buf_addc(&out, b->p[i]);
		}
	}
	cd_buf_reset(b);
	cd_buf_add(b, out.p, out.len);
	cd_buf_release(&out);
}

/* ---- JSON-LD ---- */

/* The JSON-LD state of one page: persons by @id, the author's @id. */
struct ld {
	struct found *f;
	struct cd_buf persons;	/* "id\0name\0" pairs */
	struct cd_buf author_id;
	struct cd_buf s;
};

static void ld_value(struct ld *ld, const char *val, size_t vlen, int depth);

/* The string member key of r, decoded, folded, into b; false if none. */
static bool ld_string(const struct cd_rec *r, const char *key, struct cd_buf *b)
{
	if (!cd_rec_string(r, key, b))
		return false;
	decode_refs(b);
	set_folded(b, b->p, b->len);
	return b->len > 0;
}

/* Does the @type of r name an article ("NewsArticle", "BlogPosting",
 * ["Article", ...])? */
static bool ld_is(const struct cd_rec *r, const char *const *words)
{
	const struct cd_field *t = cd_rec_find(r, "@type");
	size_t i;

	if (!t)
		return false;
	for (i = 0; words[i]; i++)
		if (cd_text_ifind(t->val, t->vlen, words[i], strlen(words[i])) !=
		    (size_t)-1)
			return true;
	return false;
}

static const char *const article_types[] = { "article", "posting", "report",
					     NULL };
static const char *const page_types[] = { "webpage", NULL };
static const char *const person_types[] = { "person", NULL };

/* Append the name(s) of the author value val[0..vlen) to b, ", " between. */
static void ld_names(struct ld *ld, const char *val, size_t vlen,
		     struct cd_buf *b, int depth)
{
	struct cd_rec r;
	struct cd_jerr err;
	size_t i;

	cd_rec_init(&r);
	if (*val == '"') {
		cd_buf_reset(&ld->s);
		cd_json_unescape(val, vlen, &ld->s);
		decode_refs(&ld->s);
		set_folded(&ld->s, ld->s.p, ld->s.len);
		if (ld->s.len && !is_url(ld->s.p, ld->s.len)) {
			if (b->len)
				cd_buf_adds(b, ", ");
			cd_buf_add(b, ld->s.p, ld->s.len);
		}
	} else if (*val == '[' && depth < 3 &&
		   cd_json_array(&r, val, vlen, &err) == 0) {
		struct cd_field *el = cd_xmalloc((r.nf + 1) * sizeof(*el));

		memcpy(el, r.f, r.nf * sizeof(*el));
		for (i = 0; i < r.nf; i++)
			ld_names(ld, el[i].val, el[i].vlen, b, depth + 1);
		free(el);
	} else if (*val == '{' && cd_rec_parse(&r, val, vlen, &err) == 0) {
		const struct cd_field *nm = cd_rec_find(&r, "name");

		if (nm && nm->type == CD_JSTR)
			ld_names(ld, nm->val, nm->vlen, b, depth + 1);
		else if (!b->len && !ld->author_id.len)
			cd_rec_string(&r, "@id", &ld->author_id);
	}
	cd_rec_release(&r);
}

/* Remember a Person node's @id and name for authors given by @id. */
static void ld_person(struct ld *ld, const struct cd_rec *r)
{
	struct cd_buf id = CD_BUF_INIT;

	if (cd_rec_string(r, "@id", &id) && ld_string(r, "name", &ld->s)) {
		cd_buf_add(&ld->persons, id.p, id.len + 1);
		cd_buf_add(&ld->persons, ld->s.p, ld->s.len + 1);
	}
	cd_buf_release(&id);
}

/* The date member key of r into slot iso. */
static void ld_date(struct ld *ld, const struct cd_rec *r, const char *key,
		    char iso[11])
{
	if (cd_rec_string(r, key, &ld->s))
		offer_date(iso, ld->s.p, ld->s.len);
}

/* Take what an article node r says: headline, dates, author, publisher. */
static void ld_article(struct ld *ld, const struct cd_rec *r)
{
	struct found *f = ld->f;
	const struct cd_field *v;
	struct cd_rec p;
	struct cd_jerr err;

	if (ld_string(r, "headline", &ld->s) || ld_string(r, "name", &ld->s))
		offer(&f->title[T_LD], &ld->s);
	ld_date(ld, r, "datePublished", f->date[D_LD]);
	ld_date(ld, r, "dateCreated", f->date[D_OTHER]);
	ld_date(ld, r, "dateModified", f->date[D_MOD]);
	if ((v = cd_rec_find(r, "author")) && !f->author[A_LD].len)
		ld_names(ld, v->val, v->vlen, &f->author[A_LD], 0);
	if ((v = cd_rec_find(r, "publisher")) && v->type == CD_JOBJ) {
		cd_rec_init(&p);
		if (cd_rec_parse(&p, v->val, v->vlen, &err) == 0 &&
		    ld_string(&p, "name", &ld->s))
			offer(&f->site[S_LD], &ld->s);
		cd_rec_release(&p);
	}
}

/* Read the node r (an object) and the nodes of its @graph. */
static void ld_object(struct ld *ld, const struct cd_rec *r, int depth)
{
	const struct cd_field *g = cd_rec_find(r, "@graph");

	if (ld_is(r, article_types))
		ld_article(ld, r);
	else if (ld_is(r, page_types))
		ld_date(ld, r, "datePublished", ld->f->date[D_OTHER]);
	else if (ld_is(r, person_types))
		ld_person(ld, r);
	if (g && g->type == CD_JARR)
		ld_value(ld, g->val, g->vlen, depth + 1);
}

/* Read a JSON-LD value: an object or an array of them. */
static void ld_value(struct ld *ld, const char *val, size_t vlen, int depth)
{
	struct cd_rec r;
	struct cd_jerr err;
	struct cd_field *el;
	size_t i, n;

	if (depth > 4)
		return;
	cd_rec_init(&r);
	if (cd_rec_parse(&r, val, vlen, &err) == 0) {
		ld_object(ld, &r, depth);
	} else if (cd_json_array(&r, val, vlen, &err) == 0) {
		n = r.nf;
		el = cd_xmalloc((n + 1) * sizeof(*el));
		memcpy(el, r.f, n * sizeof(*el));
		for (i = 0; i < n; i++)
			if (el[i].type == CD_JOBJ || el[i].type == CD_JARR)
				ld_value(ld, el[i].val, el[i].vlen, depth + 1);
		free(el);
	}
	cd_rec_release(&r);
}

/* Parse the JSON-LD text s of a script element; raw control characters
 * (line breaks inside strings, which pages often have) become spaces. */
static void ld_script(struct ld *ld, const char *s)
{
	struct cd_buf t = CD_BUF_INIT;
	size_t i;

	cd_buf_adds(&t, s);
	for (i = 0; i < t.len; i++)
		if ((unsigned char)t.p[i] < 0x20)
			t.p[i] = ' ';
	if (t.len)
		ld_value(ld, t.p, t.len, 0);
	cd_buf_release(&t);
}

/* The name of the Person whose @id the article's author gave. */
static void ld_resolve(struct ld *ld)
{
	const char *p = ld->persons.p, *end = p + ld->persons.len;
	struct cd_buf *a = &ld->f->author[A_LD];

	if (a->len || !ld->author_id.len)
		return;
	while (p && p < end) {
		const char *name = p + strlen(p) + 1;

		if (strcmp(p, ld->author_id.p) == 0) {
			cd_buf_adds(a, name);
			return;
		}
		p = name + strlen(name) + 1;
	}
}

/* ---- the walk ---- */

/* Meta names that give the publication day (besides the ranked ones):
 * "date", "pubdate", "dc.date.issued", "parsely-pub-date", "cludo:date",
 * "citation_publication_date", ... but not a modification, expiry or
 * validity date. */
static bool date_name(const char *k)
{
	static const char *const no[] = { "modif", "updat", "expir", "valid",
					   "revis", "birth", "end", "start",
					   "format", NULL };
	size_t i;

	if (!strstr(k, "date") && !strstr(k, "publish") && !strstr(k, "created"))
		return false;
	for (i = 0; no[i]; i++)
		if (strstr(k, no[i]))
			return false;
	return true;
}

/* Meta names that give the author. */
static bool author_name(const char *k)
{
	static const char *const names[] = {
		"author", "article:author", "parsely-author", "sailthru.author",
		"dc.creator", "dcterms.creator", "citation_author", "byl",
		"og:article:author", "twitter:creator:name", NULL
	};
	size_t i;

	for (i = 0; names[i]; i++)
		if (strcmp(k, names[i]) == 0)
			return true;
	return false;
}

/* The lower-cased key of a meta element (property, name or itemprop) into
 * k[0..64); false when it has none. */
static bool meta_key(xmlNodePtr e, struct cd_buf *b, char k[64])
{
	size_t i;

	if (!attr(e, "property", b) && !attr(e, "name", b) &&
	    !attr(e, "itemprop", b))
		return false;
	for (i = 0; i < b->len && i < 63; i++)
		k[i] = (char)cd_text_lower((unsigned char)b->p[i]);
	k[i] = '\0';
	return true;
}

static void on_meta(struct found *f, xmlNodePtr e)
{
	char k[64];

	if (!meta_key(e, &f->tmp, k) || !attr(e, "content", &f->tmp) ||
	    !f->tmp.len)
		return;
	if (strcmp(k, "og:title") == 0 || strcmp(k, "twitter:title") == 0) {
		decode_refs(&f->tmp);
		offer(&f->title[k[0] == 'o' ? T_OG : T_TW], &f->tmp);
	} else if (strcmp(k, "og:site_name") == 0) {
		offer(&f->site[S_OG], &f->tmp);
	} else if (strcmp(k, "application-name") == 0) {
		offer(&f->site[S_APP], &f->tmp);
	} else if (strcmp(k, "og:url") == 0) {
		offer(&f->ogurl, &f->tmp);
	} else if (author_name(k) && !is_url(f->tmp.p, f->tmp.len)) {
		decode_refs(&f->tmp);
		cut_by(&f->tmp);
		offer(&f->author[A_META], &f->tmp);
	} else if (strcmp(k, "article:published_time") == 0 ||
		   strcmp(k, "og:article:published_time") == 0) {
		offer_date(f->date[D_META], f->tmp.p, f->tmp.len);
	} else if (strcmp(k, "datepublished") == 0) {
		offer_date(f->date[D_ITEMPROP], f->tmp.p, f->tmp.len);
	} else if (date_name(k)) {
		offer_date(f->date[D_OTHER], f->tmp.p, f->tmp.len);
	} else if (strstr(k, "modified") || strstr(k, "updated")) {
		offer_date(f->date[D_MOD], f->tmp.p, f->tmp.len);
	}
}

/* True when attribute name of e holds word (ASCII case ignored). */
static bool attr_has(xmlNodePtr e, const char *name, const char *word,
		     struct cd_buf *b)
{
	return attr(e, name, b) &&
	       cd_text_ifind(b->p, b->len, word, strlen(word)) != (size_t)-1;
}

bool cd_page_in_article(xmlNodePtr e)
{
	for (e = e->parent; e && e->type == XML_ELEMENT_NODE; e = e->parent)
		if (name_is(e, "article") || name_is(e, "main"))
			return true;
	return false;
}

/* True when e may hold the article's visible byline: inside <article> or
 * <main>, or after the headline, and not in navigation, header, footer or
 * aside. */
static bool in_body(const struct found *f, xmlNodePtr e)
{
	xmlNodePtr p;
	bool art = false;

	for (p = e; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
		if (name_is(p, "nav") || name_is(p, "footer") ||
		    name_is(p, "aside") || name_is(p, "form"))
			return false;
		art |= name_is(p, "article") || name_is(p, "main");
	}
	return art || f->h1;
}

/* A short text of e that may be a byline into slot b. */
static void offer_byline(struct found *f, struct cd_buf *b, xmlNodePtr e,
			 bool strict)
{
	xmlNodePtr n;

	if (b->len)
		return;
	node_text(&f->tmp, e, 200, NT_SPACED);
	decode_refs(&f->tmp);
	cut_by(&f->tmp);
	if (name_like(&f->tmp, strict)) {
		offer(b, &f->tmp);
		return;
	}
	if (f->tmp.len)
		return;
	/* a label alone ("Written by", "Author"): the name follows it */
	for (n = e->next; n && n->type != XML_ELEMENT_NODE; n = n->next)
		;
	if (n) {
		node_text(&f->tmp, n, 200, NT_SPACED);
		decode_refs(&f->tmp);
		cut_by(&f->tmp);
		if (name_like(&f->tmp, strict))
			offer(b, &f->tmp);
	}
}

/* A link to an author's page ("/author/ann-lee", "/people/...").  */
static bool author_link(struct found *f, xmlNodePtr e)
{
	static const char *const parts[] = { "/author/", "/authors/",
					     "/people/", "/staff/", "/writers/",
					     "/contributors/",
					     "?author=", NULL };
	size_t i;

	if (!name_is(e, "a") || !attr(e, "href", &f->tmp))
		return false;
	for (i = 0; parts[i]; i++)
		if (cd_text_ifind(f->tmp.p, f->tmp.len, parts[i],
				  strlen(parts[i])) != (size_t)-1)
			return true;
	return false;
}

/* True when s opens with the word w (ASCII case ignored) followed by white
 * space or the end of s: "By\n" before a link is a byline label. */
static bool opens_with(const char *s, const char *w)
{
	size_t n = strlen(w);

	return cd_text_ieq(s, w, n) && (!s[n] || is_space((unsigned char)s[n]));
}

/* A short element whose text begins "By" or "Written by" (a visible
 * byline). */
static bool by_text(xmlNodePtr e)
{
	xmlNodePtr c = e->children;
	const char *s;

	while (c && c->type == XML_TEXT_NODE && c->content &&
	       !c->content[strspn((const char *)c->content, " \t\r\n")])
		c = c->next;
	if (!c || c->type != XML_TEXT_NODE || !c->content)
		return false;
	s = (const char *)c->content + strspn((const char *)c->content,
					       " \t\r\n");
	return opens_with(s, "by") || opens_with(s, "written by");
}

/* An element whose class or id says it holds the byline. */
static bool byline_class(struct found *f, xmlNodePtr e)
{
	static const char *const words[] = { "byline", "author", NULL };
	size_t i;

	for (i = 0; words[i]; i++)
		if ((attr_has(e, "class", words[i], &f->tmp) ||
		     attr_has(e, "id", words[i], &f->tmp)) &&
		    cd_text_ifind(f->tmp.p, f->tmp.len, "comment", 7) == (size_t)-1)
			return true;
	return false;
}

/* An element with an itemprop attribute. */
static void on_itemprop(struct found *f, xmlNodePtr e)
{
	char k[64];
	size_t i;

	if (!attr(e, "itemprop", &f->tmp) || name_is(e, "meta"))
		return;
	for (i = 0; i < f->tmp.len && i < 63; i++)
		k[i] = (char)cd_text_lower((unsigned char)f->tmp.p[i]);
	k[i] = '\0';
	if (strcmp(k, "author") == 0 || strcmp(k, "creator") == 0) {
		offer_byline(f, &f->author[A_ITEMPROP], e, false);
	} else if (strcmp(k, "datepublished") == 0 ||
		   strcmp(k, "datemodified") == 0) {
		char *iso = f->date[k[4] == 'p' ? D_ITEMPROP : D_MOD];

		if (attr(e, "datetime", &f->tmp) || attr(e, "content", &f->tmp))
			offer_date(iso, f->tmp.p, f->tmp.len);
		node_text(&f->tmp, e, 200, 0);
		offer_date(iso, f->tmp.p, f->tmp.len);
	}
}

static void on_element(struct found *f, struct ld *ld, xmlNodePtr e)
{
	if (name_is(e, "meta")) {
		on_meta(f, e);
	} else if (name_is(e, "link")) {
		if (attr_has(e, "rel", "canonical", &f->tmp) &&
		    attr(e, "href", &f->tmp))
			offer(&f->canon, &f->tmp);
	} else if (name_is(e, "script")) {
		xmlChar *t;

		if (attr_has(e, "type", "ld+json", &f->tmp) &&
		    (t = xmlNodeGetContent(e))) {
			ld_script(ld, (const char *)t);
			xmlFree(t);
		}
	} else if (name_is(e, "title") && !f->title[T_TAG].len) {
		node_text(&f->tmp, e, CD_META_MAX, 0);
		offer(&f->title[T_TAG], &f->tmp);
	} else if (name_is(e, "h1")) {
		int k = cd_page_in_article(e) ? T_H1A : T_H1;

		node_text(&f->tmp, e, CD_META_MAX, NT_NO_TIME);
		decode_refs(&f->tmp);
		if (!f->title[k].len && f->tmp.len && !f->h1)
			f->h1 = e;
		offer(&f->title[k], &f->tmp);
	} else if (name_is(e, "time")) {
		if (attr(e, "datetime", &f->tmp))
			offer_date(f->date[D_TIME], f->tmp.p, f->tmp.len);
	}
	if (attr_has(e, "rel", "author", &f->tmp))
		offer_byline(f, &f->author[A_REL], e, false);
	else if (author_link(f, e))
		offer_byline(f, &f->author[A_LINK], e, true);
	else if (!f->author[A_BY].len && in_body(f, e) && by_text(e))
		offer_byline(f, &f->author[A_BY], e, true);
	else if (!f->author[A_CLASS].len && in_body(f, e) && byline_class(f, e))
		offer_byline(f, &f->author[A_CLASS], e, false);
	on_itemprop(f, e);
}

/* ---- choosing ---- */

/* Fold s[0..len) for comparison into b: ASCII letters lower-cased, digits
 * and non-ASCII bytes kept, the rest dropped. */
static void fold(struct cd_buf *b, const char *s, size_t len)
{
	size_t i;

	cd_buf_reset(b);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= '0' && c <= '9') || c >= 0x80 ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			cd_buf_addc(b, cd_text_lower(c));
	}
}

/* The name part of the host of url[0..len) into b ("nytimes" for
 * https://www.nytimes.com/..., "bbc" for bbc.co.uk). */
static void host_word(struct cd_buf *b, const char *url, size_t len)
{
	size_t i = cd_text_ifind(url, len, "://", 3), j, dots[8], nd = 0;

	cd_buf_reset(b);
	if (i == (size_t)-1)
		return;
	for (i += 3, j = i; j < len && url[j] != '/' && url[j] != ':' &&
	     url[j] != '?'; j++)
		if (url[j] == '.' && nd < 8)
			dots[nd++] = j;
	if (nd == 0)
		return;
	/* the label before the public suffix; a 2-letter country code after
	 * a short label ("co.uk", "com.au") counts as the suffix */
	if (nd >= 2 && j - dots[nd - 1] == 3 && dots[nd - 1] - dots[nd - 2] <= 4)
		nd--;
	i = nd >= 2 ? dots[nd - 2] + 1 : i;
	fold(b, url + i, dots[nd - 1] - i);
}

struct chooser {
	struct found *f;
	struct cd_buf site[S_N + 1];	/* folded site names, the host last */
	struct cd_buf cut[T_N];		/* the candidates, site name cut */
	struct cd_buf a, b;
};

/* True when the folded text x names the site. */
static bool is_site(struct chooser *c, const struct cd_buf *x)
{
	size_t i;

	if (x->len == 0)
		return false;
	for (i = 0; i <= S_N; i++) {
		const struct cd_buf *s = &c->site[i];

		if (s->len == 0)
			continue;
		if ((x->len == s->len && memcmp(x->p, s->p, s->len) == 0) ||
		    (s->len >= 4 && strstr(x->p, s->p)) ||
		    (x->len >= 4 && strstr(s->p, x->p)))
			return true;
	}
	return false;
}

/* True when the piece p[0..n) is the end (or start) of another candidate
 * than k: a site name that recurs. */
static bool recurs(struct chooser *c, int k, const char *p, size_t n, bool end)
{
	int i;

	for (i = 0; i < T_N; i++) {
		const struct cd_buf *t = &c->f->title[i];

		if (i != k && t->len > n + 3 &&
		    memcmp(end ? t->p + t->len - n : t->p, p, n) == 0 &&
		    strcmp(t->p, c->f->title[k].p) != 0)
			return true;
	}
	return false;
}

/* True when the kept part p[0..n) of candidate k is another candidate. */
static bool is_other(struct chooser *c, int k, const char *p, size_t n)
{
	int i;

	fold(&c->b, p, n);
	for (i = 0; i < T_N; i++) {
		if (i == k || !c->f->title[i].len)
			continue;
		fold(&c->a, c->f->title[i].p, c->f->title[i].len);
		if (c->a.len == c->b.len && memcmp(c->a.p, c->b.p, c->b.len) == 0)
			return true;
	}
	return false;
}

static const char *const seps[] = { " | ", " - ", " \xe2\x80\x93 ",
				    " \xe2\x80\x94 ", " :: ", " \xc2\xb7 ",
				    " \xc2\xbb ", " \xe2\x80\xa2 ", " || ",
				    NULL };

/* The offset and length of the last (or first) separator in t, or 0. */
static size_t find_sep(const struct cd_buf *t, bool last, size_t *sl)
{
	size_t best = 0, i, at;

	for (i = 0; seps[i]; i++) {
		size_t n = strlen(seps[i]), from = 0;

		while ((at = cd_text_ifind(t->p + from, t->len - from, seps[i],
					   n)) != (size_t)-1) {
			at += from;
			if (best == 0 || (last ? at > best : at < best)) {
				best = at;
				*sl = n;
			}
			if (!last)
				break;
			from = at + 1;
		}
	}
	return best;
}

/* Cut the site name off title candidate k into c->cut[k]. */
static void cut_site(struct chooser *c, int k)
{
	const struct cd_buf *t = &c->f->title[k];
	struct cd_buf *o = &c->cut[k];
	size_t at, sl = 0, n;
	int side;

	cd_buf_reset(o);
	cd_buf_add(o, t->p, t->len);
	for (side = 0; side < 2; side++) {
		if (!(at = find_sep(o, side == 0, &sl)))
			continue;
		n = side == 0 ? o->len - at - sl : at;
		fold(&c->a, side == 0 ? o->p + at + sl : o->p, n);
		if (n > 80 || n * 2 > o->len || !(is_site(c, &c->a) ||
				recurs(c, k, side == 0 ? o->p + at : o->p,
				       side == 0 ? o->len - at : at + sl,
				       side == 0) ||
				is_other(c, k, side == 0 ? o->p : o->p + at + sl,
					 side == 0 ? at : o->len - at - sl)))
			continue;
		if (side == 0) {
			o->p[o->len = at] = '\0';
		} else {
			memmove(o->p, o->p + at + sl, o->len - at - sl + 1);
			o->len -= at + sl;
		}
	}
}

/* Set b to the words of s[0..len), lower-cased, as " w1 w2 ... ". */
static void word_list(struct cd_buf *b, const char *s, size_t len)
{
	size_t i;
	bool in = false;

	cd_buf_reset(b);
	cd_buf_addc(b, ' ');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool w = (c >= '0' && c <= '9') || c >= 0x80 ||
			 ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');

		if (w)
			cd_buf_addc(b, cd_text_lower(c));
		else if (in)
			cd_buf_addc(b, ' ');
		in = w;
	}
	if (in)
		cd_buf_addc(b, ' ');
}

/* The number of words of list x (word_list) also in list y, and of x's
 * words in *nx. */
static size_t shared_words(const struct cd_buf *x, const struct cd_buf *y,
			   size_t *nx)
{
	const char *p = x->p + 1, *e, *end = x->p + x->len;
	size_t n = 0;

	*nx = 0;
	for (; p < end; p = e + 1) {
		e = memchr(p, ' ', (size_t)(end - p));
		++*nx;
		if (cd_text_ifind(y->p, y->len, p - 1, (size_t)(e - p + 2)) !=
		    (size_t)-1)
			n++;
	}
	return n;
}

/* True when headline candidate k tells the same story as a declared
 * title (at least 30% of the shorter one's words shared), or nothing is
 * declared; a headline that is the site's name is not one. */
static bool headline_ok(struct chooser *c, int k)
{
	size_t nx, ny, n, i;
	bool any = false;

	fold(&c->a, c->cut[k].p, c->cut[k].len);
	if (is_site(c, &c->a))
		return false;
	word_list(&c->a, c->cut[k].p, c->cut[k].len);
	for (i = T_LD; i < T_N; i++) {
		if (!c->cut[i].len)
			continue;
		any = true;
		word_list(&c->b, c->cut[i].p, c->cut[i].len);
		n = shared_words(&c->a, &c->b, &nx);
		shared_words(&c->b, &c->a, &ny);
		if (n * 10 >= 3 * (nx < ny ? nx : ny) && n > 0)
			return true;
	}
	return !any;
}

/* True when t opens a bracket it does not close: a headline cut short
 * ("... Solutions (Including"; JSON-LD headlines are often cut at 110). */
static bool cut_short(const struct cd_buf *t)
{
	int round = 0, square = 0;
	size_t i;

	for (i = 0; i < t->len; i++) {
		round += (t->p[i] == '(') - (t->p[i] == ')');
		square += (t->p[i] == '[') - (t->p[i] == ']');
	}
	return round > 0 || square > 0;
}

/* Candidate k, or a longer one that goes on from it when k is cut
 * short. */
static const struct cd_buf *whole(struct chooser *c, int k)
{
	const struct cd_buf *t = &c->cut[k];
	int i;

	for (i = 0; i < T_N && cut_short(t); i++)
		if (c->cut[i].len > t->len &&
		    memcmp(c->cut[i].p, t->p, t->len) == 0 &&
		    !cut_short(&c->cut[i]))
			return &c->cut[i];
	return t;
}

/* The title: the first candidate by rank, the site name cut, a headline
 * only when headline_ok(), a longer one when it is cut short. */
static void choose_title(struct chooser *c, struct cd_buf *out)
{
	const struct cd_buf *t;
	int i;

	for (i = 0; i < T_N; i++)
		cut_site(c, i);
#ifdef PM_DEBUG
	for (i = 0; i < T_N; i++)
		fprintf(stderr, "C%d=%s\n", i, cd_buf_str(&c->cut[i]));
#endif
	for (i = 0; i < T_N; i++)
		if (c->cut[i].len && (i >= T_LD || headline_ok(c, i))) {
			t = whole(c, i);
			cd_buf_add(out, t->p, t->len);
			return;
		}
}

/* True when the folded text x is the site's name or host word. */
static bool same_site(const struct chooser *c, const struct cd_buf *x)
{
	size_t i;

	for (i = 0; i <= S_N; i++)
		if (c->site[i].len && x->len == c->site[i].len &&
		    memcmp(x->p, c->site[i].p, x->len) == 0)
			return true;
	return false;
}

/* The byline: the first candidate by rank that is not the site's name,
 * else the first. */
static void choose_byline(struct chooser *c, struct cd_buf *out)
{
	int i, first = -1;

#ifdef PM_DEBUG
	for (i = 0; i < A_N; i++)
		fprintf(stderr, "A%d=%s\n", i, cd_buf_str(&c->f->author[i]));
	for (i = 0; i < D_N; i++)
		fprintf(stderr, "D%d=%s\n", i, c->f->date[i]);
	for (i = 0; i < T_N; i++)
		fprintf(stderr, "T%d=%s\n", i, cd_buf_str(&c->f->title[i]));
#endif
	for (i = 0; i < A_N; i++) {
		const struct cd_buf *a = &c->f->author[i];

		if (!a->len || (first >= 0 && i >= A_LINK &&
				!memchr(a->p, ' ', a->len)))
			continue;	/* after the site's name, one word from
					 * the page ("Top", "People") is no
					 * better */
		if (first < 0)
			first = i;
		fold(&c->a, a->p, a->len);
		if (!same_site(c, &c->a)) {
			cd_buf_add(out, a->p, a->len);
			return;
		}
	}
	if (first >= 0)
		cd_buf_add(out, c->f->author[first].p, c->f->author[first].len);
}

/* The node before n in document order (its last descendant when it has
 * children), or NULL at the top. */
static xmlNodePtr prev_node(xmlNodePtr n)
{
	if (!n->prev)
		return n->parent && n->parent->type == XML_ELEMENT_NODE ?
		       n->parent : NULL;
	for (n = n->prev; n->last && n->type == XML_ELEMENT_NODE; n = n->last)
		;
	return n;
}

/* True when element e is a footer of the page, not of an article (an
 * <article>'s own <footer> often holds its byline and date). */
static bool page_footer(xmlNodePtr e)
{
	return name_is(e, "footer") && !cd_page_in_article(e);
}

/* True when text node n is visible text of the page: not in a script,
 * style, navigation, page footer or aside. */
static bool visible(xmlNodePtr n)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (name_is(n, "script") || name_is(n, "style") ||
		    name_is(n, "nav") || page_footer(n) ||
		    name_is(n, "aside") || name_is(n, "noscript") ||
		    name_is(n, "template") || name_is(n, "select"))
			return false;
	return true;
}

/* The date in text node n into iso; adds its length to *seen. */
static void text_date(xmlNodePtr n, char iso[11], size_t *seen)
{
	size_t len;

	if (n->type != XML_TEXT_NODE || !n->content || !visible(n))
		return;
	len = strlen((const char *)n->content);
	offer_date(iso, (const char *)n->content, len);
	*seen += len;
}

/* Dates written in the visible text around the headline h: within about
 * 1,000 bytes of text after it (D_NEAR), 300 before it (D_BEFORE). */
static void date_near(xmlNodePtr h, xmlNodePtr root, struct found *f)
{
	xmlNodePtr n = h;
	size_t seen = 0;

	while ((n = next_node(n, root, n == h)) && seen < 1000 &&
	       !f->date[D_NEAR][0])
		text_date(n, f->date[D_NEAR], &seen);
	seen = 0;
	for (n = prev_node(h); n && seen < 300 && !f->date[D_BEFORE][0];
	     n = prev_node(n))
		text_date(n, f->date[D_BEFORE], &seen);
}

/* The first date in the visible text of the page (D_VIS). */
static void date_visible(xmlNodePtr root, struct found *f)
{
	xmlNodePtr n = root;
	size_t seen = 0;

	while (n && !f->date[D_VIS][0]) {
		text_date(n, f->date[D_VIS], &seen);
		n = next_node(n, root, name_is(n, "script") ||
			      name_is(n, "style") || name_is(n, "nav") ||
			      page_footer(n) || name_is(n, "aside"));
	}
}

/* The canonical address made absolute against the record's url. */
static void choose_url(const struct found *f, const char *url, size_t urllen,
		       struct cd_buf *out)
{
	const struct cd_buf *c = f->canon.len ? &f->canon : &f->ogurl;
	char *base = url && urllen ? cd_xmemdup(url, urllen) : NULL;
	xmlChar *abs;

	if (!c->len)
		goto done;
	abs = base ? xmlBuildURI((const xmlChar *)c->p, (const xmlChar *)base) :
		     NULL;
	if (abs && cd_text_ifind((const char *)abs, strlen((const char *)abs),
				 "://", 3) != (size_t)-1)
		cd_buf_adds(out, (const char *)abs);
	else if (cd_text_ifind(c->p, c->len, "://", 3) != (size_t)-1)
		cd_buf_add(out, c->p, c->len);
	xmlFree(abs);
done:
	free(base);
}

static void found_release(struct found *f)
{
	int i;

	for (i = 0; i < T_N; i++)
		cd_buf_release(&f->title[i]);
	for (i = 0; i < A_N; i++)
		cd_buf_release(&f->author[i]);
	for (i = 0; i < S_N; i++)
		cd_buf_release(&f->site[i]);
	cd_buf_release(&f->canon);
	cd_buf_release(&f->ogurl);
	cd_buf_release(&f->tmp);
}

/* Walk the whole tree once, filling f. */
static void walk(struct found *f, xmlNodePtr root)
{
	struct ld ld = { f, CD_BUF_INIT, CD_BUF_INIT, CD_BUF_INIT };
	xmlNodePtr n = root;

	while (n) {
		if (n->type == XML_ELEMENT_NODE)
			on_element(f, &ld, n);
		n = next_node(n, root, false);
	}
	ld_resolve(&ld);
	cd_buf_release(&ld.persons);
	cd_buf_release(&ld.author_id);
	cd_buf_release(&ld.s);
}

/* Fill the title and the source of m from f. */
static void choose_names(struct found *f, const char *url, size_t urllen,
			 struct cd_page_meta *m)
{
	struct chooser c;
	int i;

	memset(&c, 0, sizeof(c));
	c.f = f;
	for (i = 0; i < S_N; i++) {
		fold(&c.site[i], f->site[i].p, f->site[i].len);
		if (!m->source.len && f->site[i].len)
			cd_buf_add(&m->source, f->site[i].p, f->site[i].len);
	}
	if (url)
		host_word(&c.site[S_N], url, urllen);
	if (!c.site[S_N].len && m->url.len)
		host_word(&c.site[S_N], m->url.p, m->url.len);
	choose_title(&c, &m->title);
	choose_byline(&c, &m->byline);
	for (i = 0; i <= S_N; i++)
		cd_buf_release(&c.site[i]);
	for (i = 0; i < T_N; i++)
		cd_buf_release(&c.cut[i]);
	cd_buf_release(&c.a);
	cd_buf_release(&c.b);
}

void cd_page_meta_find(struct cd_page_meta *m, xmlDocPtr doc,
		       const char *url, size_t urllen)
{
	struct found f;
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	int i;

	for (i = 0; meta_field(m, i); i++)
		cd_buf_reset(meta_field(m, i));
	memset(&f, 0, sizeof(f));
	if (root)
		walk(&f, root);
	if (url)
		cd_date_from_url(url, urllen, f.date[D_URL]);
	choose_url(&f, url, urllen, &m->url);
	if (!f.date[D_URL][0] && m->url.len)
		cd_date_from_url(m->url.p, m->url.len, f.date[D_URL]);
	if (f.h1)
		date_near(f.h1, root, &f);
	if (root)
		date_visible(root, &f);
	choose_names(&f, url, urllen, m);
	for (i = 0; i < D_N && !m->date.len; i++)
		cd_buf_add(&m->date, f.date[i], strlen(f.date[i]));
	found_release(&f);
}
