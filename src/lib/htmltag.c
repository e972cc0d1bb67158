/* htmltag.c - what an element's tag, attributes and class or id words say
 * of it (its kind, hiding, the rule that removes it); see html_int.h. */
#include <stdint.h>
#include <string.h>

#include "html_int.h"
#include "text.h"

/* Is name in the NULL-ended list? */
static bool listed(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (name[0] == (*list)[0] && strcmp(name, *list) == 0)
			return true;
	return false;
}

/* The kind of the element named name (lower case, as libxml2 gives). */
enum kind cd_hx_tag_kind(const char *name)
{
	static const char *const junk[] = {
		"noscript", "template", "svg", "math", "iframe", "object",
		"embed", "canvas", "button", "select", "textarea", "video",
		"audio", "map", "label", "option", "dialog", "picture",
		"title", NULL
	};
	static const char *const raw[] = {
		"script", "style", "head", "link", "meta", "img", "input",
		"source", "wbr", "base", "col", "area", "param", "track", NULL
	};
	static const char *const para[] = {
		"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt",
		"blockquote", "figcaption", "caption", "address", "summary",
		"legend", NULL
	};
	static const char *const block[] = {
		"div", "section", "article", "main", "body", "html", "ul",
		"ol", "dl", "table", "tbody", "thead", "tfoot", "tr", "header",
		"footer", "nav", "aside", "figure", "form", "fieldset",
		"details", "center", "hgroup", "menu", "hr", "dir", NULL
	};

	if (listed(name, junk))
		return K_JUNK;
	if (listed(name, raw))
		return K_RAW;
	if (listed(name, para))
		return K_PARA;
	if (listed(name, block))
		return K_BLOCK;
	if (strcmp(name, "pre") == 0)
		return K_PRE;
	if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		return K_CELL;
	if (strcmp(name, "br") == 0)
		return K_BR;
	return K_INLINE;
}

/* Is n hidden by aria-hidden or its inline style? */
bool cd_hx_hidden(xmlNodePtr n)
{
	const char *v;
	char buf[512];		/* the style without spaces and tabs */
	size_t i, k = 0;

	v = attr(n, "aria-hidden");
	if (v && strcmp(v, "true") == 0)
		return true;
	v = attr(n, "style");
	if (!v)
		return false;
	for (i = 0; v[i] && k < sizeof(buf) - 1; i++)
		if (v[i] != ' ' && v[i] != '\t')
			buf[k++] = v[i];
	return cd_text_ifind(buf, k, "display:none", 12) != (size_t)-1 ||
	       cd_text_ifind(buf, k, "visibility:hidden", 17) != (size_t)-1;
}

/* Is n the panel of an accordion (role "region" with aria-labelledby, as
 * WAI-ARIA's pattern writes it): its text shows when the reader opens
 * it?  A hidden tab panel is not: on news pages it mostly holds the
 * comments or a most-read list behind a tab. */
bool cd_hx_panel(xmlNodePtr n)
{
	const char *v = attr(n, "role");

	return v && strcmp(v, "region") == 0 && attr(n, "aria-labelledby");
}

/* A word of class and id values: the rule it names when negative. */
struct word {
	const char *w;
	bool prefix;		/* also matches words it begins */
	const char *why;	/* NULL: a positive word */
};

static const struct word words[] = {
	{ "ad", false, "dom:ad" }, { "ads", false, "dom:ad" },
	{ "advert", true, "dom:ad" }, { "adslot", true, "dom:ad" },
	{ "sponsor", true, "dom:ad" }, { "outbrain", true, "dom:ad" },
	{ "taboola", true, "dom:ad" }, { "dfp", false, "dom:ad" },
	{ "nav", true, "dom:nav" }, { "menu", true, "dom:nav" },
	{ "breadcrumb", true, "dom:nav" }, { "pagination", true, "dom:nav" },
	{ "pager", false, "dom:nav" }, { "skip", false, "dom:nav" },
	{ "toolbar", true, "dom:nav" }, { "masthead", true, "dom:header" },
	{ "footer", true, "dom:footer" }, { "header", false, "dom:header" },
	{ "sidebar", true, "dom:sidebar" }, { "rail", false, "dom:sidebar" },
	{ "comment", true, "dom:comment" },
	{ "disqus", true, "dom:comment" }, { "replies", false, "dom:comment" },
	{ "related", true, "dom:related" }, { "recommend", true, "dom:related" },
	{ "trending", true, "dom:related" }, { "popular", true, "dom:related" },
	{ "share", true, "dom:share" }, { "sharing", true, "dom:share" },
	{ "social", true, "dom:share" }, { "promo", true, "dom:promo" },
	{ "banner", true, "dom:promo" }, { "cta", true, "dom:promo" },
	{ "newsletter", true, "dom:newsletter" },
	{ "subscribe", true, "dom:newsletter" },
	{ "subscription", true, "dom:newsletter" },
	{ "signup", true, "dom:newsletter" }, { "cookie", true, "dom:cookie" },
	{ "gdpr", true, "dom:cookie" }, { "consent", true, "dom:cookie" },
	{ "tags", false, "dom:tags" }, { "tag", false, "dom:tags" },
	{ "popup", true, "dom:popup" }, { "modal", true, "dom:popup" },
	{ "caption", true, "dom:caption" }, { "credit", true, "dom:caption" },
	{ "hidden", false, "dom:hidden" }, { "sr", false, "dom:hidden" },
	{ "print", false, "dom:nav" }, { "byline", false, "dom:byline" },
	{ "author", false, "dom:byline" }, { "meta", false, "dom:byline" },
	{ "article", true, NULL }, { "story", true, NULL },
	{ "content", true, NULL }, { "body", true, NULL },
	{ "entry", true, NULL }, { "post", false, NULL }, { "text", true, NULL },
	{ "main", false, NULL }, { "prose", false, NULL },
	{ "blog", false, NULL }, { NULL, false, NULL }
};

/* The entry of words matching w[0..len) (lower case), or NULL. */
static const struct word *word_find(const char *w, size_t len)
{
	const struct word *p;
	size_t n;

	for (p = words; p->w; p++) {
		if (p->w[0] != w[0])
			continue;
		n = strlen(p->w);
		if (len == n ? memcmp(w, p->w, n) == 0 :
		    p->prefix && len > n && memcmp(w, p->w, n) == 0)
			return p;
	}
	return NULL;
}

/* True when w[0..len) (lower case) is a word of a name of the overflow
 * utility ("overflow", "x", "y" of "overflow-x-hidden") and c, the byte
 * after it, joins it to the next word: a "hidden" then clips what
 * overflows the box, it hides nothing. */
static bool overflow_word(const char *w, size_t len, bool after, char c)
{
	if (c != '-' && c != '_')
		return false;
	return (len == 8 && memcmp(w, "overflow", 8) == 0) ||
	       (after && len == 1 && (w[0] == 'x' || w[0] == 'y'));
}

/* Look up the words of an attribute value v (split at non-letters and at
 * camelCase humps): set *neg to the first negative rule, *pos when a
 * positive word occurs, *clipped at "overflow-hidden" and *pinned at
 * "fixed" or "sticky" (a box pinned to the window). */
static void scan_words(const char *v, const char **neg, bool *pos,
		       bool *clipped, bool *pinned)
{
	char w[32];
	size_t k = 0, i;
	const struct word *e;
	bool clip = false;	/* the word follows "overflow-" */

	for (i = 0;; i++) {
		unsigned char c = (unsigned char)v[i];
		bool alpha = cd_text_alpha(c);
		bool hump = alpha && c <= 'Z' && i > 0 && v[i - 1] >= 'a' &&
			    v[i - 1] <= 'z';

		if ((!alpha || hump) && k) {
			bool after = clip;

			clip = k < sizeof(w) && overflow_word(w, k, after, (char)c);
			if (after && k == 6 && memcmp(w, "hidden", 6) == 0)
				*clipped = true;
			else if ((k == 5 && memcmp(w, "fixed", 5) == 0) ||
				 (k == 6 && memcmp(w, "sticky", 6) == 0))
				*pinned = true;
			else if (k < sizeof(w) && (e = word_find(w, k))) {
				if (e->why && !*neg)
					*neg = e->why;
				else if (!e->why)
					*pos = true;
			}
			k = 0;
		}
		if (!c)
			break;
		if (alpha && k < sizeof(w))
			w[k++] = (char)(c | 0x20);
		else if (alpha)
			k = sizeof(w);
	}
}

/* The rule that removes n for its tag, role, class or id, or NULL
 * ("dom:clip" for a box that only clips what overflows it, as
 * "overflow-hidden" names, unless also named "fixed" or "sticky"); sets
 * *weight for the content score. */
const char *cd_hx_word_rule(xmlNodePtr n, int8_t *weight)
{
	static const char *const roles[][2] = {
		{ "navigation", "dom:nav" }, { "banner", "dom:header" },
		{ "contentinfo", "dom:footer" }, { "complementary", "dom:sidebar" },
		{ "dialog", "dom:popup" }, { "alertdialog", "dom:popup" },
		{ "menu", "dom:nav" }, { "menubar", "dom:nav" }
	};
	const char *neg = NULL, *v;
	bool pos = false, clipped = false, pinned = false;
	size_t i;

	if ((v = attr(n, "role")))
		for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
			if (strcmp(v, roles[i][0]) == 0)
				return roles[i][1];
	if ((v = attr(n, "class")))
		scan_words(v, &neg, &pos, &clipped, &pinned);
	if ((v = attr(n, "id")))
		scan_words(v, &neg, &pos, &clipped, &pinned);
	*weight = (int8_t)(neg ? -1 : pos ? 1 : 0);
	/* a clipping box pinned to the window is a banner (a consent bar),
	 * whatever prose it shows */
	if (!neg && clipped)
		return pos ? NULL : pinned ? "dom:popup" : "dom:clip";
	/* a positive word saves the box, but not from being the comments,
	 * other stories, share buttons or a promotion of the article
	 * ("post-comments", "blog-cta") */
	if (neg && pos && strcmp(neg, "dom:comment") != 0 &&
	    strcmp(neg, "dom:related") != 0 && strcmp(neg, "dom:share") != 0 &&
	    strcmp(neg, "dom:promo") != 0)
		return NULL;
	return neg;
}

/* The rule that removes n for its tag alone, or NULL. */
const char *cd_hx_tag_rule(xmlNodePtr n)
{
	if (named(n, "nav"))
		return "dom:nav";
	if (named(n, "aside"))
		return "dom:aside";
	if (named(n, "footer"))
		return "dom:footer";
	if (named(n, "header") && !cd_page_in_article(n))
		return "dom:header";
	if (named(n, "figcaption"))
		return "dom:caption";
	return NULL;
}


/* Does the value v name an article body: one of heads followed by one of
 * tails, "-" and "_" between them ignored, any case? */
static bool body_name(const char *v)
{
	static const char *const heads[] = { "article", "story", "post",
					     "entry", NULL };
	static const char *const tails[] = { "body", "content", "text", NULL };
	size_t i, k, n, j;

	for (i = 0; v[i]; i++) {
		for (k = 0; heads[k]; k++) {
			n = strlen(heads[k]);
			if (cd_text_ieq(v + i, heads[k], n))
				break;
		}
		if (!heads[k] || (i > 0 && ((v[i - 1] | 0x20) >= 'a' &&
					    (v[i - 1] | 0x20) <= 'z')))
			continue;
		for (j = i + n; v[j] == '-' || v[j] == '_'; j++)
			;
		for (k = 0; tails[k]; k++)
			if (cd_text_ieq(v + j, tails[k], strlen(tails[k])))
				return true;
	}
	return false;
}

bool cd_hx_declared(xmlNodePtr n)
{
	const char *v = attr(n, "itemprop");

	if (v && strcmp(v, "articleBody") == 0)
		return true;
	return ((v = attr(n, "class")) && body_name(v)) ||
	       ((v = attr(n, "id")) && body_name(v));
}
