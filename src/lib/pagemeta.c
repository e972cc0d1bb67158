/*
 * pagemeta.c - the metadata of one web page; see pagemeta.h.
 *
 * One walk over the tree (iterative: pages may nest 100,000 elements)
 * gathers candidates by kind and rank (struct found); JSON-LD blocks are
 * read with json.h; then each field takes its best candidate: the title
 * by agreement between candidates once the site name is cut, the date by
 * the rank of its source (published before modified), the byline by the
 * rank of its source.  Here: the walk, the dates and the address; the
 * other files of the module (see pagemeta_int.h): pagetext.c, pageld.c,
 * pagename.c.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "date.h"
#include "pagemeta_int.h"
#include "text.h"

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

	if (!cd_pm_attr(e, "property", b) && !cd_pm_attr(e, "name", b) &&
	    !cd_pm_attr(e, "itemprop", b))
		return false;
	for (i = 0; i < b->len && i < 63; i++)
		k[i] = (char)cd_text_lower((unsigned char)b->p[i]);
	k[i] = '\0';
	return true;
}

static void on_meta(struct found *f, struct ld *ld, xmlNodePtr e)
{
	char k[64];
	size_t kl;

	if (!meta_key(e, &f->tmp, k) || !cd_pm_attr(e, "content", &f->tmp) ||
	    !f->tmp.len)
		return;
	kl = strlen(k);
	if (kl >= 7 && strcmp(k + kl - 7, "ld+json") == 0) {
		/* a JSON-LD block carried in a meta ("script:ld+json") */
		cd_pm_ld_script(ld, cd_buf_str(&f->tmp));
	} else if (strcmp(k, "og:title") == 0 || strcmp(k, "twitter:title") == 0) {
		cd_pm_decode_refs(&f->tmp);
		cd_pm_offer(&f->title[k[0] == 'o' ? T_OG : T_TW], &f->tmp);
	} else if (strcmp(k, "og:site_name") == 0) {
		cd_pm_offer(&f->site[S_OG], &f->tmp);
	} else if (strcmp(k, "application-name") == 0) {
		cd_pm_offer(&f->site[S_APP], &f->tmp);
	} else if (strcmp(k, "og:url") == 0) {
		cd_pm_offer(&f->ogurl, &f->tmp);
	} else if (author_name(k) && !cd_pm_is_url(f->tmp.p, f->tmp.len)) {
		cd_pm_decode_refs(&f->tmp);
		cd_pm_cut_by(&f->tmp, NULL);
		cd_pm_offer(&f->author[A_META], &f->tmp);
	} else if (strcmp(k, "article:published_time") == 0 ||
		   strcmp(k, "og:article:published_time") == 0) {
		cd_pm_offer_date(f->date[D_META], f->tmp.p, f->tmp.len);
	} else if (strcmp(k, "datepublished") == 0) {
		cd_pm_offer_date(f->date[D_ITEMPROP], f->tmp.p, f->tmp.len);
	} else if (date_name(k)) {
		cd_pm_offer_date(f->date[D_OTHER], f->tmp.p, f->tmp.len);
	} else if (strstr(k, "modified") || strstr(k, "updated")) {
		cd_pm_offer_date(f->date[D_MOD], f->tmp.p, f->tmp.len);
	}
}

/* True when attribute name of e holds word (ASCII case ignored). */
static bool attr_has(xmlNodePtr e, const char *name, const char *word,
		     struct cd_buf *b)
{
	return cd_pm_attr(e, name, b) &&
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
	cd_pm_node_text(&f->tmp, e, 200, NT_SPACED);
	cd_pm_decode_refs(&f->tmp);
	cd_pm_cut_by(&f->tmp, e);
	if (cd_pm_name_like(&f->tmp, strict)) {
		cd_pm_offer(b, &f->tmp);
		return;
	}
	if (f->tmp.len)
		return;
	/* a label alone ("Written by", "Author"): the name follows it */
	for (n = e->next; n && n->type != XML_ELEMENT_NODE; n = n->next)
		;
	if (n) {
		cd_pm_node_text(&f->tmp, n, 200, NT_SPACED);
		cd_pm_decode_refs(&f->tmp);
		cd_pm_cut_by(&f->tmp, n);
		if (cd_pm_name_like(&f->tmp, strict))
			cd_pm_offer(b, &f->tmp);
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

	if (!name_is(e, "a") || !cd_pm_attr(e, "href", &f->tmp))
		return false;
	for (i = 0; parts[i]; i++)
		if (cd_text_ifind(f->tmp.p, f->tmp.len, parts[i],
				  strlen(parts[i])) != (size_t)-1)
			return true;
	return false;
}

/* True when s opens with the word w (ASCII case ignored) followed by white
 * space, a no-break space or the end of s: "By\n" before a link is a
 * byline label. */
static bool opens_with(const char *s, const char *w)
{
	size_t n = strlen(w);

	return cd_text_ieq(s, w, n) && (!s[n] || space_len(s + n));
}

/* True when the text node c holds only spaces from rest on and nothing
 * but spaces and comments follow it in its parent. */
static bool alone(xmlNodePtr c, const char *rest)
{
	for (;;) {
		while (space_len(rest))
			rest += space_len(rest);
		if (*rest)
			return false;
		for (c = c->next; c && c->type == XML_COMMENT_NODE; c = c->next)
			;
		if (!c)
			return true;
		if (c->type != XML_TEXT_NODE || !c->content)
			return false;
		rest = (const char *)c->content;
	}
}

/* A short element whose text begins "By", "Written by", "Article by" (a
 * colon after them or not) or a label ("Author:", "Contributors:", or
 * "Author", "Authors", "Author(s)" alone: not "Author Bio"): a visible
 * byline, or its label with the name in the next element. */
static bool by_text(xmlNodePtr e)
{
	static const char *const labels[] = {
		"by", "by:", "written by", "written by:", "article by",
		"article by:", "author", "author:",
		"authors", "authors:", "author(s)", "author(s):", "contributor:",
		"contributors:", NULL
	};
	xmlNodePtr c = e->children;
	const char *s;
	size_t i;

	while (c && c->type == XML_TEXT_NODE && c->content &&
	       !c->content[strspn((const char *)c->content, " \t\r\n")])
		c = c->next;
	if (!c || c->type != XML_TEXT_NODE || !c->content)
		return false;
	s = (const char *)c->content + strspn((const char *)c->content,
					       " \t\r\n");
	for (i = 0; labels[i]; i++) {
		size_t n = strlen(labels[i]);

		if (opens_with(s, labels[i]) &&
		    (labels[i][0] != 'a' || labels[i][n - 1] == ':' ||
		     strchr(labels[i], ' ') || alone(c, s + n)))
			return true;
	}
	return false;
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

/* The day element e declares into slot: its datetime attribute, else
 * its attribute attr (when not NULL: an itemprop's content, an <abbr>'s
 * title), else, when text, its text ("<time pubdate>May 3, 2024</time>",
 * or a datetime that lacks the year: "Apr 12").  Several days for the
 * publication mark the items of a list (f->listed). */
static void element_day(struct found *f, xmlNodePtr e, int slot,
			const char *attr, bool text)
{
	char day[11] = "";

	if (cd_pm_attr(e, "datetime", &f->tmp) ||
	    (attr && cd_pm_attr(e, attr, &f->tmp)))
		cd_pm_offer_date(day, f->tmp.p, f->tmp.len);
	if (!day[0] && text) {
		cd_pm_node_text(&f->tmp, e, 200, 0);
		cd_pm_offer_date(day, f->tmp.p, f->tmp.len);
	}
	if (day[0] && f->date[slot][0] && strcmp(day, f->date[slot]) &&
	    (slot == D_ITEMPROP || slot == D_PUBDATE))
		f->listed = true;
	cd_pm_offer_date(f->date[slot], day, strlen(day));
}

/* An element with an itemprop attribute. */
static void on_itemprop(struct found *f, xmlNodePtr e)
{
	char k[64];
	size_t i;

	if (!cd_pm_attr(e, "itemprop", &f->tmp) || name_is(e, "meta"))
		return;
	for (i = 0; i < f->tmp.len && i < 63; i++)
		k[i] = (char)cd_text_lower((unsigned char)f->tmp.p[i]);
	k[i] = '\0';
	if (strcmp(k, "author") == 0 || strcmp(k, "creator") == 0) {
		offer_byline(f, &f->author[A_ITEMPROP], e, false);
	} else if (strcmp(k, "datepublished") == 0 ||
		   strcmp(k, "datemodified") == 0) {
		element_day(f, e, k[4] == 'p' ? D_ITEMPROP : D_MOD, "content",
			    true);
	}
}

/* True when the class of e has the token "published" or "dt-published"
 * (hAtom and microformats2: the entry's publication date), and no word
 * of an update ("entry-date published updated": themes mark the day of
 * the last change so). */
static bool published_class(struct found *f, xmlNodePtr e)
{
	static const char *const words[] = { "published", "dt-published",
					     NULL };
	xmlAttrPtr a = xmlHasProp(e, (const xmlChar *)"class");
	const char *v;
	size_t i, j, n;

	/* most elements have a class, few say "published": look without
	 * copying the value first */
	if (!a || !a->children || a->children->type != XML_TEXT_NODE ||
	    !a->children->content)
		return false;
	v = (const char *)a->children->content;
	if (cd_text_ifind(v, strlen(v), "published", 9) == (size_t)-1)
		return false;
	if (!cd_pm_attr(e, "class", &f->tmp) ||
	    cd_text_ifind(f->tmp.p, f->tmp.len, "updated", 7) != (size_t)-1 ||
	    cd_text_ifind(f->tmp.p, f->tmp.len, "modified", 8) != (size_t)-1)
		return false;
	for (i = 0; i < f->tmp.len; i += n) {
		while (i < f->tmp.len && is_space((unsigned char)f->tmp.p[i]))
			i++;
		for (n = 0; i + n < f->tmp.len &&
			    !is_space((unsigned char)f->tmp.p[i + n]); n++)
			;
		for (j = 0; n && words[j]; j++)
			if (n == strlen(words[j]) &&
			    cd_text_ieq(f->tmp.p + i, words[j], n))
				return true;
	}
	return false;
}

static void on_element(struct found *f, struct ld *ld, xmlNodePtr e)
{
	if (name_is(e, "meta")) {
		on_meta(f, ld, e);
	} else if (name_is(e, "link")) {
		if (attr_has(e, "rel", "canonical", &f->tmp) &&
		    cd_pm_attr(e, "href", &f->tmp))
			cd_pm_offer(&f->canon, &f->tmp);
	} else if (name_is(e, "script")) {
		xmlChar *t;

		if (attr_has(e, "type", "ld+json", &f->tmp) &&
		    (t = xmlNodeGetContent(e))) {
			cd_pm_ld_script(ld, (const char *)t);
			xmlFree(t);
		}
	} else if (name_is(e, "title") && !f->title[T_TAG].len) {
		cd_pm_node_text(&f->tmp, e, CD_META_MAX, 0);
		cd_pm_offer(&f->title[T_TAG], &f->tmp);
	} else if (name_is(e, "h1")) {
		int k = cd_page_in_article(e) ? T_H1A : T_H1;

		cd_pm_node_text(&f->tmp, e, CD_META_MAX, NT_NO_TIME);
		cd_pm_decode_refs(&f->tmp);
		if (!f->title[k].len && f->tmp.len && !f->h1)
			f->h1 = e;
		cd_pm_offer(&f->title[k], &f->tmp);
	} else if (name_is(e, "time")) {
		/* <time pubdate> (HTML5 drafts): the article's publication;
		 * a <time class="published"> is not (themes write the day of
		 * the last change in it, "Last Updated: ...") */
		bool pub = xmlHasProp(e, (const xmlChar *)"pubdate");

		element_day(f, e, pub ? D_PUBDATE : D_TIME, NULL, pub);
	} else if (published_class(f, e)) {
		element_day(f, e, D_PUBDATE,
			    name_is(e, "abbr") ? "title" : NULL, true);
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

/* If day (YYYY-MM-DD) with month and day of month swapped is a day that
 * a declared date of the page (meta, <time>, microdata, JSON-LD) names
 * while none names day, swap it: a written "09.10.2024" is read month
 * first, and the page may mean 9 October. */
static void swap_to_declared(const struct found *f, char day[11])
{
	static const int declared[] = { D_PUBDATE, D_META, D_TIME,
					D_ITEMPROP, D_LD,
					D_OTHER, D_MOD };
	char other[11];
	size_t i;
	bool hit = false;

	if (!cd_date_swap(day, other))
		return;
	for (i = 0; i < sizeof(declared) / sizeof(declared[0]); i++) {
		if (strcmp(f->date[declared[i]], day) == 0)
			return;
		hit |= strcmp(f->date[declared[i]], other) == 0;
	}
	if (hit)
		memcpy(day, other, sizeof(other));
}

/* The order of day and month the language of the page (the lang of its
 * root element) writes numeric dates in: 'm' for US English, 0 for
 * English alone or no language (date.h's orders hold), else 'd': the
 * other languages and the English of Britain, Ireland, Australia, New
 * Zealand, India and South Africa write the day first. */
static char lang_order(xmlNodePtr root, struct cd_buf *b)
{
	static const char *const dmy[] = { "gb", "ie", "au", "nz", "in", "za",
					   NULL };
	size_t i;

	if (!root || !cd_pm_attr(root, "lang", b) || b->len < 2)
		return 0;
	if (!cd_text_ieq(b->p, "en", 2) || (b->len > 2 && b->p[2] != '-' &&
					    b->p[2] != '_'))
		return 'd';
	if (b->len != 5)
		return 0;
	if (cd_text_ieq(b->p + 3, "us", 2))
		return 'm';
	for (i = 0; dmy[i]; i++)
		if (cd_text_ieq(b->p + 3, dmy[i], 2))
			return 'd';
	return 0;
}

/* The date in text node n into iso (the datetime of a <time> holding
 * it, when that reads as a day: the text may be in another order, or
 * cut); with prose, not from a text of over 100 bytes (white space
 * folded): a date in a sentence of the article is not the page's.  Adds
 * the text's length to *seen. */
static void text_date(struct found *f, xmlNodePtr n, char iso[11],
		      size_t *seen, bool prose)
{
	size_t len;
	char day[11] = "", other[11], order;

	if (n->type != XML_TEXT_NODE || !n->content || !visible(n))
		return;
	len = strlen((const char *)n->content);
	*seen += len;
	if (iso[0])
		return;
	if (prose) {
		cd_pm_set_folded(&f->tmp, (const char *)n->content, len);
		if (f->tmp.len > 100)
			return;
	}
	cd_pm_offer_date(day, (const char *)n->content, len);
	if (!day[0])
		return;
	if (name_is(n->parent, "time") &&
	    cd_pm_attr(n->parent, "datetime", &f->tmp))
		cd_pm_offer_date(iso, f->tmp.p, f->tmp.len);
	if (!iso[0]) {
		/* "03/10/2023" on a page in British English: 3 October */
		if (f->order && cd_date_find_order((const char *)n->content, len,
						   other, &order) && order &&
		    order != f->order && strcmp(other, day) == 0)
			cd_date_swap(other, day);
		swap_to_declared(f, day);
		memcpy(iso, day, sizeof(day));
	}
}

/* Dates written in the visible text around the headline h: within about
 * 1,000 bytes of text after it (D_NEAR), 300 before it (D_BEFORE). */
static void date_near(xmlNodePtr h, xmlNodePtr root, struct found *f)
{
	xmlNodePtr n = h;
	size_t seen = 0;

	while ((n = next_node(n, root, n == h)) && seen < 1000 &&
	       !f->date[D_NEAR][0])
		text_date(f, n, f->date[D_NEAR], &seen, true);
	seen = 0;
	for (n = prev_node(h); n && seen < 300 && !f->date[D_BEFORE][0];
	     n = prev_node(n))
		text_date(f, n, f->date[D_BEFORE], &seen, true);
}

/* The first date in the visible text of the page (D_VIS). */
static void date_visible(xmlNodePtr root, struct found *f)
{
	xmlNodePtr n = root;
	size_t seen = 0;

	while (n && !f->date[D_VIS][0]) {
		text_date(f, n, f->date[D_VIS], &seen, false);
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

/* Text node n when it says when the article was originally published
 * (D_ORIG): the date after those words in the text of its element. */
static void on_text(struct found *f, xmlNodePtr n)
{
	const char *s = (const char *)n->content;

	if (f->date[D_ORIG][0] || !s || !strstr(s, "riginally") ||
	    !visible(n))
		return;
	cd_pm_node_text(&f->tmp, n->parent, 2000, 0);
	if (!cd_date_original(f->tmp.p, f->tmp.len, f->date[D_ORIG]))
		f->date[D_ORIG][0] = '\0';
}

/* Walk the whole tree once, filling f. */
static void walk(struct found *f, xmlNodePtr root)
{
	struct ld ld = { f, CD_BUF_INIT, CD_BUF_INIT, CD_BUF_INIT };
	xmlNodePtr n = root;

	while (n) {
		if (n->type == XML_ELEMENT_NODE)
			on_element(f, &ld, n);
		else if (n->type == XML_TEXT_NODE)
			on_text(f, n);
		n = next_node(n, root, false);
	}
	cd_pm_ld_resolve(&ld);
	cd_buf_release(&ld.persons);
	cd_buf_release(&ld.author_id);
	cd_buf_release(&ld.s);
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
	f.order = lang_order(root, &f.tmp);
	if (root)
		walk(&f, root);
	if (url)
		cd_date_from_url(url, urllen, f.date[D_URL]);
	choose_url(&f, url, urllen, &m->url);
	if (!f.date[D_URL][0] && m->url.len)
		cd_date_from_url(m->url.p, m->url.len, f.date[D_URL]);
	if (f.listed) {	/* the items of a list, not the page */
		f.date[D_ITEMPROP][0] = '\0';
		f.date[D_PUBDATE][0] = '\0';
	}
	if (f.h1)
		date_near(f.h1, root, &f);
	if (root)
		date_visible(root, &f);
	cd_pm_choose_names(&f, url, urllen, m);
	for (i = 0; i < D_N && !m->date.len; i++)
		cd_buf_add(&m->date, f.date[i], strlen(f.date[i]));
	found_release(&f);
}

