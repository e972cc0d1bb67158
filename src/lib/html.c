/* html.c - the article of a web page; see html.h. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "html.h"
#include "json.h"
#include "text.h"

/* What an element is for the rules. */
enum kind {
	K_INLINE,	/* text-level: a, span, b, em, ... and unknown tags */
	K_BLOCK,	/* a block that holds other blocks: div, section, ... */
	K_PARA,		/* a block that holds text: p, h1-h6, li, td, ... */
	K_PRE,		/* pre: white space kept */
	K_CELL,		/* td, th: a block inside a row, kept on its line */
	K_BR,		/* br */
	K_RAW,		/* its own text is never shown (script, style, head,
			 * void elements), but elements libxml2 misnested
			 * inside it are */
	K_JUNK		/* never shown: svg, form controls, media ... */
};

/* Per-element statistics; element n has st[(uintptr_t)n->_private - 1]. */
struct nst {
	uint32_t text;		/* visible characters, white space runs as one */
	uint32_t link;		/* of which inside <a> */
	uint32_t own;		/* in text and inline children (not blocks) */
	uint32_t commas;
	uint32_t paras;		/* <p> elements inside */
	uint32_t hits;		/* words of the text that follow a word they
				 * follow in the JSON-LD articleBody */
	uint32_t words;
	uint32_t good;		/* in paragraphs that read as prose */
	float score;		/* paragraph score gathered from below */
	uint8_t kind;		/* enum kind */
	bool scored;		/* score holds a candidate's score */
	bool root;		/* a root of the content */
	bool above;		/* an ancestor of a root */
	bool hid;		/* hidden by its attributes */
	bool holds;		/* holds a paragraph, heading or article */
	bool live;		/* neither it nor an ancestor is removed */
	int8_t weight;		/* class and id words: -1, 0, +1 */
	xmlNodePtr node;
	const char *why;	/* removed, and why (a static string) */
};

/* The state of one extraction. */
struct ex {
	struct cd_html *h;
	struct nst *st;
	size_t n, cap;
	uint64_t *ab;		/* hash set of the articleBody's word pairs */
	size_t abcap, abn;
	bool abcut;		/* the articleBody looks cut short */
	uint32_t total;		/* text of the whole page */
	uint64_t prev;		/* last word hash, while measuring */
};

/* The statistics of element n (which must have been numbered). */
static struct nst *S(const struct ex *x, xmlNodePtr n)
{
	return &x->st[(uintptr_t)n->_private - 1];
}

static bool is_elem(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && n->_private;
}

/* Visit the subtree at root in document order without recursion: pre is
 * called on the way down (return false to skip the children), post on the
 * way up, for every node visited. */
static void walk(xmlNodePtr root, bool (*pre)(struct ex *, xmlNodePtr, void *),
		 void (*post)(struct ex *, xmlNodePtr, void *), struct ex *x,
		 void *arg)
{
	xmlNodePtr n = root;

	for (;;) {
		if (pre(x, n, arg) && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (post)
				post(x, n, arg);
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* ---- tags, attributes and words ---- */

/* Is name in the NULL-ended list? */
static bool listed(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (name[0] == (*list)[0] && strcmp(name, *list) == 0)
			return true;
	return false;
}

/* The kind of the element named name (lower case, as libxml2 gives). */
static enum kind tag_kind(const char *name)
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

/* Is n named name?  The first byte is compared first: most are not. */
static bool named(xmlNodePtr n, const char *name)
{
	return n->name[0] == name[0] &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The value of attribute name of n, "" when it has no value, or NULL. */
static const char *attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	for (a = n->properties; a; a = a->next) {
		if (a->name[0] != name[0] ||
		    strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children && a->children->type == XML_TEXT_NODE &&
		    a->children->content)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

/* Is n hidden by aria-hidden or its inline style? */
static bool hidden(xmlNodePtr n)
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
	{ "banner", true, "dom:promo" }, { "newsletter", true, "dom:newsletter" },
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

/* Look up the words of an attribute value v (split at non-letters and at
 * camelCase humps): set *neg to the first negative rule and *pos when a
 * positive word occurs. */
static void scan_words(const char *v, const char **neg, bool *pos)
{
	char w[32];
	size_t k = 0, i;
	const struct word *e;

	for (i = 0;; i++) {
		unsigned char c = (unsigned char)v[i];
		bool alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
		bool hump = alpha && c <= 'Z' && i > 0 && v[i - 1] >= 'a' &&
			    v[i - 1] <= 'z';

		if ((!alpha || hump) && k) {
			if (k < sizeof(w) && (e = word_find(w, k))) {
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

/* The rule that removes n for its tag, role, class or id, or NULL; sets
 * *weight for the content score. */
static const char *word_rule(xmlNodePtr n, int8_t *weight)
{
	static const char *const roles[][2] = {
		{ "navigation", "dom:nav" }, { "banner", "dom:header" },
		{ "contentinfo", "dom:footer" }, { "complementary", "dom:sidebar" },
		{ "dialog", "dom:popup" }, { "alertdialog", "dom:popup" },
		{ "menu", "dom:nav" }, { "menubar", "dom:nav" }
	};
	const char *neg = NULL, *v;
	bool pos = false;
	size_t i;

	if ((v = attr(n, "role")))
		for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
			if (strcmp(v, roles[i][0]) == 0)
				return roles[i][1];
	if ((v = attr(n, "class")))
		scan_words(v, &neg, &pos);
	if ((v = attr(n, "id")))
		scan_words(v, &neg, &pos);
	*weight = (int8_t)(neg ? -1 : pos ? 1 : 0);
	if (neg && pos && strcmp(neg, "dom:comment") != 0 &&
	    strcmp(neg, "dom:related") != 0 && strcmp(neg, "dom:share") != 0)
		return NULL;
	return neg;
}

/* The rule that removes n for its tag alone, or NULL. */
static const char *tag_rule(xmlNodePtr n)
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

/* ---- JSON-LD articleBody ---- */

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h | 1;
}

/* Add the pair hash k to the articleBody set (a power-of-two table). */
static void ab_add(struct ex *x, uint64_t k)
{
	size_t i;

	if (2 * (x->abn + 1) > x->abcap) {
		uint64_t *old = x->ab;
		size_t oc = x->abcap, j;

		x->abcap = oc ? 2 * oc : 1024;
		x->ab = cd_xcalloc(x->abcap, sizeof(*x->ab));
		x->abn = 0;
		for (j = 0; j < oc; j++)
			if (old[j])
				ab_add(x, old[j]);
		free(old);
	}
	for (i = k & (x->abcap - 1); x->ab[i]; i = (i + 1) & (x->abcap - 1))
		if (x->ab[i] == k)
			return;
	x->ab[i] = k;
	x->abn++;
}

static bool ab_has(const struct ex *x, uint64_t k)
{
	size_t i;

	if (!x->abcap)
		return false;
	for (i = k & (x->abcap - 1); x->ab[i]; i = (i + 1) & (x->abcap - 1))
		if (x->ab[i] == k)
			return true;
	return false;
}

/* Is byte c part of a word (ASCII letters and digits, any non-ASCII)? */
static bool wordc(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
	       (c | 0x20) <= 'z') || c >= 0x80;
}

/* Call fn on each word pair of s[0..len), the hash of the previous word
 * kept in *prev across calls. */
static void pairs(struct ex *x, const char *s, size_t len, uint64_t *prev,
		  void (*fn)(struct ex *, uint64_t, void *), void *arg)
{
	size_t i = 0;
	uint64_t h;

	while (i < len) {
		if (!wordc((unsigned char)s[i])) {
			i++;
			continue;
		}
		h = 1469598103934665603ULL;
		for (; i < len && wordc((unsigned char)s[i]); i++)
			h = (h ^ (unsigned char)(s[i] | (s[i] < 0 ? 0 : 0x20))) *
			    1099511628211ULL;
		if (*prev)
			fn(x, mix(*prev * 31 + h), arg);
		*prev = h;
	}
}

static void pair_add(struct ex *x, uint64_t k, void *arg)
{
	(void)arg;
	ab_add(x, k);
}

/* Does the articleBody text b look cut short: under 600 bytes, or ending
 * in an ellipsis? */
static bool cut_short(const struct cd_buf *b)
{
	size_t n = b->len;

	while (n && strchr(" \t\r\n", b->p[n - 1]))
		n--;
	return n < 600 || (n >= 3 && (memcmp(b->p + n - 3, "...", 3) == 0 ||
				      memcmp(b->p + n - 3, "\xE2\x80\xA6", 3) == 0 ||
				      (n >= 8 && memcmp(b->p + n - 8, "&hellip;", 8) == 0)));
}

/* Add the articleBody string of one JSON-LD script s[0..len) to the set:
 * every "articleBody" member found, decoded through the JSON reader. */
static void ld_body(struct ex *x, const char *s, size_t len,
		    struct cd_buf *tmp)
{
	static const char key[] = "\"articleBody\"";
	const char *p = s, *end = s + len, *q;
	struct cd_rec rec;
	struct cd_jerr je;
	uint64_t prev = 0;

	cd_rec_init(&rec);
	while ((p = memmem(p, (size_t)(end - p), key, sizeof(key) - 1))) {
		p += sizeof(key) - 1;
		while (p < end && (*p == ' ' || *p == ':' || *p == '\n' ||
				   *p == '\t' || *p == '\r'))
			p++;
		if (p >= end || *p != '"')
			continue;
		for (q = p + 1; q < end && *q != '"'; q++)
			if (*q == '\\')
				q++;
		if (q >= end)
			break;
		cd_buf_reset(tmp);
		cd_buf_adds(tmp, "{\"b\":");
		cd_buf_add(tmp, p, (size_t)(q + 1 - p));
		cd_buf_addc(tmp, '}');
		if (cd_rec_parse(&rec, tmp->p, tmp->len, &je) == 0 &&
		    cd_rec_string(&rec, "b", &x->h->scratch)) {
			pairs(x, x->h->scratch.p, x->h->scratch.len, &prev,
			      pair_add, NULL);
			x->abcut |= cut_short(&x->h->scratch);
		}
		p = q + 1;
	}
	cd_rec_release(&rec);
}

/* Read the JSON-LD scripts of the page into the articleBody set. */
static bool ld_pre(struct ex *x, xmlNodePtr n, void *arg)
{
	const char *t;
	xmlNodePtr c;

	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (!named(n, "script"))
		return true;
	t = attr(n, "type");
	if (!t || !strstr(t, "ld+json"))
		return false;
	for (c = n->children; c; c = c->next)
		if (c->content && (c->type == XML_TEXT_NODE ||
				   c->type == XML_CDATA_SECTION_NODE))
			ld_body(x, (const char *)c->content,
				strlen((const char *)c->content), arg);
	return false;
}

/* ---- numbering and measuring ---- */

/* Number element n and set its kind, hiding rules applied. */
static bool number_pre(struct ex *x, xmlNodePtr n, void *arg)
{
	struct nst *s;

	(void)arg;
	if (n->type != XML_ELEMENT_NODE) {
		n->_private = NULL;
		return false;
	}
	x->st = cd_xgrow(x->st, &x->cap, x->n + 1, sizeof(*x->st));
	s = &x->st[x->n++];
	memset(s, 0, sizeof(*s));
	n->_private = (void *)(uintptr_t)x->n;
	s->node = n;
	s->kind = (uint8_t)tag_kind((const char *)n->name);
	if (s->kind == K_JUNK) {
		s->why = "dom:junk";
		return true;	/* see unjunk */
	}
	if (attr(n, "hidden"))
		s->hid = true;
	else if (hidden(n))
		s->why = "dom:hidden";
	return !s->why;
}

/* libxml2 may nest the rest of a page inside an element that is never
 * shown (an <svg> or <title> left open): such an element that holds a
 * paragraph, a heading or an article only hides its own text. */
static void unjunk(struct ex *x)
{
	size_t i;

	for (i = x->n; i-- > 0;) {
		struct nst *s = &x->st[i];
		xmlNodePtr n = s->node, up = n->parent;

		if (named(n, "p") || named(n, "article") || named(n, "main") ||
		    (n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' &&
		     !n->name[2]))
			s->holds = true;
		if (s->holds && up && is_elem(up))
			S(x, up)->holds = true;
		if (s->kind == K_JUNK && s->holds && !named(n, "noscript") &&
		    !named(n, "template")) {
			s->kind = K_RAW;
			s->why = NULL;
		}
	}
}

/* Is the text s markup written out as text ("<img src=...>"), as crawls
 * that serialise <noscript> contents leave it?  A browser with scripts
 * shows nothing there. */
static bool markup_text(const unsigned char *s)
{
	size_t i = 0, n;

	while (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')
		i++;
	if (s[i] != '<' || !(((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')))
		return false;
	n = strlen((const char *)s);
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\n' ||
			 s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return s[n - 1] == '>';
}

/* pairs() callback while measuring: count the word and whether it is a
 * pair of the articleBody. */
static void pair_count(struct ex *x, uint64_t k, void *arg)
{
	struct nst *p = arg;

	p->words++;
	p->hits += ab_has(x, k);
}

/* Count the text node n into its parent's statistics. */
static void measure_text(struct ex *x, xmlNodePtr n, struct nst *p)
{
	const unsigned char *s = n->content;
	uint32_t len = 0;
	bool sp = false;
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
		    s[i] == '\r' || s[i] == '\f') {
			sp = true;
			continue;
		}
		if ((s[i] & 0xC0) == 0x80)
			continue;
		len += 1 + sp;
		sp = false;
		p->commas += s[i] == ',';
	}
	p->text += len;
	p->own += len;
	if (x->abn)
		pairs(x, (const char *)s, i, &x->prev, pair_count, p);
}

/* Zero the statistics of n on the way down; skip removed subtrees. */
static bool measure_pre(struct ex *x, xmlNodePtr n, void *arg)
{
	struct nst *s;

	(void)arg;
	if (!is_elem(n))
		return false;
	s = S(x, n);
	s->text = s->link = s->own = s->commas = s->paras = 0;
	s->hits = s->words = s->good = 0;
	s->live = !s->why;
	return s->live;
}

/* Add n's statistics to its parent's on the way up. */
static void measure_post(struct ex *x, xmlNodePtr n, void *arg)
{
	xmlNodePtr up = n->parent;
	struct nst *s, *p;

	(void)arg;
	if (!up || !is_elem(up) || S(x, up)->why)
		return;
	p = S(x, up);
	if (n->type == XML_TEXT_NODE && n->content) {
		if (p->kind != K_RAW && !markup_text(n->content))
			measure_text(x, n, p);
		return;
	}
	if (!is_elem(n) || (s = S(x, n))->why)
		return;
	if (named(n, "a"))
		s->link = s->text;
	if (s->kind != K_INLINE && s->own >= 60 && 3 * s->link < s->text)
		s->good += s->own;
	p->good += s->good;
	p->text += s->text;
	p->link += s->link;
	p->commas += s->commas;
	p->hits += s->hits;
	p->words += s->words;
	p->paras += s->paras + named(n, "p");
	if (s->kind == K_INLINE)
		p->own += s->own;
}

/* Measure the subtree at root afresh (after removals). */
static void measure(struct ex *x, xmlNodePtr root)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		x->st[i].live = false;
	x->prev = 0;
	walk(root, measure_pre, measure_post, x, NULL);
}

static bool teaser(xmlNodePtr n, const struct nst *s);

/* ---- removal by tag and words ---- */

/* Remove element n for its tag, role, class or id, unless it holds most
 * of the page (a wrapper whose name mentions a sidebar it also holds). */
static bool prune_pre(struct ex *x, xmlNodePtr n, void *arg)
{
	const struct nst *top = arg;
	struct nst *s;
	const char *why;
	bool big;

	if (!is_elem(n) || (s = S(x, n))->why)
		return false;
	/* a hidden block of prose is shown by a script (streamed pages) */
	if (s->hid && (s->good < 500 || 4 * s->link >= s->text)) {
		s->why = "dom:hidden";
		return false;
	}
	why = tag_rule(n);
	if (!why)
		why = word_rule(n, &s->weight);
	if (!why && s->text && (s->kind == K_BLOCK || named(n, "li")) &&
	    teaser(n, s))
		why = "dom:teaser";
	if (!why || named(n, "body") || named(n, "html") ||
	    named(n, "article") || named(n, "main"))
		return true;
	if (top->hits)
		big = 2 * s->hits > top->hits;
	else
		big = (2 * s->text > top->text || 2 * s->good > top->good) &&
		      strcmp(why, "dom:comment") != 0;
	if (big || (s->good >= 400 && 8 * s->link < s->text &&
		    strcmp(why, "dom:comment") != 0))
		return true;
	s->why = why;
	return false;
}

/* ---- the content score (after readability's) ---- */

/* The score an element starts with as a candidate: its tag and words. */
static float base_score(xmlNodePtr n, const struct nst *s)
{
	static const char *const minus3[] = {
		"address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL
	};
	float b = 25.0f * s->weight;
	size_t i;

	if (named(n, "div") || named(n, "article"))
		return b + 5;
	if (named(n, "pre") || named(n, "td") || named(n, "blockquote"))
		return b + 3;
	if (n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6')
		return b - 5;
	for (i = 0; minus3[i]; i++)
		if (named(n, minus3[i]))
			return b - 3;
	return b;
}

/* Give the ancestors of a paragraph n their share of its score. */
static void score_para(struct ex *x, xmlNodePtr n)
{
	const struct nst *s = S(x, n);
	float sc = 1.0f + (float)s->commas + (s->own >= 300 ? 3.0f :
					      (float)(s->own / 100));
	xmlNodePtr a;
	int lvl;

	for (a = n->parent, lvl = 0; a && is_elem(a) && lvl < 5;
	     a = a->parent, lvl++) {
		struct nst *t = S(x, a);

		if (!t->scored) {
			t->scored = true;
			t->score = base_score(a, t);
		}
		t->score += lvl == 0 ? sc : lvl == 1 ? sc / 2 : sc / (float)(lvl * 3);
	}
}

/* The candidate with the best score, less its link share, or NULL. */
static struct nst *top_candidate(struct ex *x)
{
	struct nst *best = NULL;
	float bs = 0, f;
	size_t i;

	for (i = 0; i < x->n; i++) {
		struct nst *s = &x->st[i];

		if (s->live && s->own >= 25 && s->kind != K_INLINE)
			score_para(x, s->node);
	}
	for (i = 0; i < x->n; i++) {
		struct nst *s = &x->st[i];

		if (!s->live || !s->scored || !s->text)
			continue;
		f = s->score * (1.0f - (float)s->link / (float)s->text);
		if (!best || f > bs) {
			best = s;
			bs = f;
		}
	}
	if (best)
		best->score = bs;
	return best;
}

/* Go down from s while one child holds most (80%) of s's prose. */
static struct nst *descend(struct ex *x, struct nst *s)
{
	xmlNodePtr c;
	const double th = 0.8;
	const struct nst *top = s;

	for (;;) {
		struct nst *next = NULL;

		for (c = s->node->children; c; c = c->next)
			if (is_elem(c) && S(x, c)->live &&
			    S(x, c)->good >= th * top->good) {
				next = S(x, c);
				break;
			}
		if (!next)
			return s;
		s = next;
	}
}

/* The final score of a scored element, or -1. */
static float final_score(const struct nst *s)
{
	if (!s->scored || !s->text)
		return -1;
	return s->score * (1.0f - (float)s->link / (float)s->text);
}

/* Mark top and those of its siblings that read as part of the article
 * (readability's sibling rule) as roots of the content. */
static void mark_siblings(struct ex *x, struct nst *top)
{
	float min = top->score * 0.2f;
	xmlNodePtr c;

	top->root = true;
	if (min < 10)
		min = 10;
	if (!top->node->parent)
		return;
	for (c = top->node->parent->children; c; c = c->next) {
		struct nst *s;
		float ld;

		if (!is_elem(c) || !(s = S(x, c))->live || s == top || !s->text)
			continue;
		ld = (float)s->link / (float)s->text;
		if (final_score(s) >= min)
			s->root = true;
		else if (named(c, "p") && s->text > 80 && ld < 0.25f)
			s->root = true;
	}
}

/* The element that best covers the articleBody pairs (F2: recall counts
 * more, since articleBody is often cut short), or NULL when no element
 * covers half of them. */
static struct nst *evidence(struct ex *x)
{
	struct nst *best = NULL;
	float bf = 0.5f, p, r, f;
	size_t i;

	if (x->abn < 30)
		return NULL;
	for (i = 0; i < x->n; i++) {
		struct nst *s = &x->st[i];

		if (!s->live || !s->hits || !s->words)
			continue;
		p = (float)s->hits / (float)s->words;
		r = (float)s->hits / (float)x->abn;
		if (r > 1)
			r = 1;
		f = 5 * p * r / (4 * p + r);
		if (f > bf) {
			best = s;
			bf = f;
		}
	}
	return best;
}

/* Mark the ancestors of every root. */
static void mark_above(struct ex *x)
{
	size_t i;
	xmlNodePtr a;

	for (i = 0; i < x->n; i++) {
		if (!x->st[i].root)
			continue;
		for (a = x->st[i].node->parent; a && is_elem(a); a = a->parent)
			S(x, a)->above = true;
	}
}

/* Does v equal w, both possibly NULL? */
static bool same_str(const char *v, const char *w)
{
	return v == w || (v && w && strcmp(v, w) == 0);
}

/* Has n at least two siblings of its tag and class (a list of cards)? */
static bool repeated(xmlNodePtr n)
{
	const char *cls = attr(n, "class");
	xmlNodePtr c;
	int k = 0, seen = 0;

	if (!n->parent || !cls || !*cls)
		return false;
	for (c = n->parent->children; c && seen < 64; c = c->next) {
		if (c == n || c->type != XML_ELEMENT_NODE)
			continue;
		seen++;
		if (strcmp((const char *)c->name, (const char *)n->name) == 0 &&
		    same_str(attr(c, "class"), cls) && ++k >= 2)
			return true;
	}
	return false;
}

/* The first text of n that is not white space: is it inside a link? */
static bool starts_with_link(xmlNodePtr n)
{
	xmlNodePtr c = n, a;
	int steps = 0;

	while (c && steps++ < 200) {
		if (c->type == XML_TEXT_NODE && c->content &&
		    strspn((const char *)c->content, " \t\r\n") <
		    strlen((const char *)c->content)) {
			for (a = c->parent; a && a != n->parent; a = a->parent)
				if (named(a, "a"))
					return true;
			return false;
		}
		if (c->type == XML_ELEMENT_NODE && c->children &&
		    (c == n || c->_private)) {
			c = c->children;
			continue;
		}
		while (c != n && !c->next)
			c = c->parent;
		if (c == n)
			return false;
		c = c->next;
	}
	return false;
}

/* Is the block s (element n) a teaser of another page: a linked headline
 * and a few lines, one of a run of blocks of its kind? */
static bool teaser(xmlNodePtr n, const struct nst *s)
{
	return s->text < 400 && 5 * s->link >= s->text &&
	       starts_with_link(n) && repeated(n);
}

/* Inside the content: remove blocks that are mostly links (lists of
 * links, tag clouds, "more stories"), unless the articleBody vouches
 * for them. */
static bool dense_pre(struct ex *x, xmlNodePtr n, void *arg)
{
	struct nst *s;
	float ld;

	(void)arg;
	if (!is_elem(n) || (s = S(x, n))->why)
		return false;
	if (!s->root && s->text && named(n, "li") && teaser(n, s)) {
		s->why = "dom:teaser";
		return false;
	}
	if (s->root || s->kind != K_BLOCK || !s->text || s->commas >= 10)
		return true;
	if (s->words && 2 * s->hits > s->words)
		return true;
	if (teaser(n, s)) {
		s->why = "dom:teaser";
		return false;
	}
	ld = (float)s->link / (float)s->text;
	if (ld > 0.5f || (ld > 0.33f && s->weight <= 0 && s->text < 200)) {
		s->why = "dom:link-density";
		return false;
	}
	return true;
}

/* The element with the most prose, less half its link text and a quarter
 * of its other text (bylines, dates, labels, table cells), or NULL. */
static struct nst *most_prose(struct ex *x)
{
	struct nst *best = NULL;
	double bs = 0, f;
	uint32_t other;
	size_t i;

	for (i = 0; i < x->n; i++) {
		const struct nst *s = &x->st[i];

		if (!s->live || !s->good || named(s->node, "html"))
			continue;
		other = s->text - s->good;
		other -= s->link < other ? s->link : other;
		f = (double)s->good - 0.5 * ((double)s->link + 0.5 * (double)other);
		if (f > bs) {
			best = &x->st[i];
			bs = f;
		}
	}
	return best ? descend(x, best) : NULL;
}

/* Is a an ancestor of d (or d itself)? */
static bool contains(xmlNodePtr a, xmlNodePtr d)
{
	for (; d; d = d->parent)
		if (d == a)
			return true;
	return false;
}

/* Choose between the articleBody's element e and the most prose p: e,
 * unless the articleBody is cut short and p holds e. */
static struct nst *pick(struct ex *x, struct nst *e, struct nst *p)
{
	if (!e || !p)
		return e ? e : p;
	if (x->abcut && contains(p->node, e->node))
		return p;
	return e;
}

/* Choose the content: the articleBody's element when the page has one,
 * else the best scored element and its siblings; then thin it. */
static void choose(struct ex *x, xmlNodePtr body)
{
	struct nst *top = evidence(x);
	size_t i;

	top = pick(x, top, most_prose(x));
	if (top)
		top->root = true;
	else if ((top = top_candidate(x)))
		mark_siblings(x, top);
	else
		S(x, body)->root = true;
	for (i = 0; i < x->n; i++)
		if (x->st[i].root)
			walk(x->st[i].node, dense_pre, NULL, x, NULL);
	mark_above(x);
}

/* ---- rendering ---- */

/* Text being rendered into out from out->len at start. */
struct rend {
	struct cd_buf *out;
	size_t start;
	xmlNodePtr top;		/* rendered even when removed */
	int brk;		/* pending break: 1 a line, 2 a paragraph */
	bool sp;		/* pending space */
	int pre;		/* inside this many <pre> */
	size_t indent;		/* spaces held in <pre>, dropped at a break */
};

static void rend_brk(struct rend *r, int b)
{
	if (b > r->brk)
		r->brk = b;
	r->indent = 0;
}

/* Start a run of visible bytes: the pending break or space first. */
static void rend_sep(struct rend *r)
{
	if (r->out->len > r->start) {
		if (r->brk)
			cd_buf_add(r->out, "\n\n", (size_t)r->brk);
		else if (r->sp)
			cd_buf_addc(r->out, ' ');
	}
	r->brk = 0;
	r->sp = false;
	for (; r->indent; r->indent--)
		if (r->out->len > r->start)
			cd_buf_addc(r->out, ' ');
}

/* Append the text s as a browser shows it: white space collapsed (kept in
 * <pre>, where a newline breaks the line), no-break spaces as spaces. */
static void rend_text(struct rend *r, const unsigned char *s)
{
	size_t i = 0, j;

	while (s[i]) {
		unsigned char c = s[i];

		if (c == '\n' && r->pre) {
			rend_brk(r, 1);
			r->indent = 0;
			i++;
		} else if (r->pre && (c == ' ' || c == '\t' || c == '\r' ||
				      c == '\f')) {
			r->indent++;
			i++;
		} else if (!r->pre && (c == ' ' || c == '\n' || c == '\t' ||
				       c == '\r' || c == '\f')) {
			r->sp = true;
			i++;
		} else if (!r->pre && c == 0xC2 && s[i + 1] == 0xA0) {
			r->sp = true;
			i += 2;
		} else {
			for (j = i + 1; s[j] && s[j] > ' ' && s[j] != 0xC2; j++)
				;
			rend_sep(r);
			cd_buf_add(r->out, s + i, j - i);
			i = j;
		}
	}
}

/* On the way down: text, breaks before blocks; removed elements skipped. */
static bool rend_pre(struct ex *x, xmlNodePtr n, void *arg)
{
	struct rend *r = arg;
	const struct nst *s;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content && n->parent && is_elem(n->parent) &&
		    S(x, n->parent)->kind != K_RAW && !markup_text(n->content))
			rend_text(r, n->content);
		return false;
	}
	if (!is_elem(n))
		return false;
	s = S(x, n);
	if (s->why && n != r->top)
		return false;
	switch (s->kind) {
	case K_BR:
		rend_brk(r, r->brk == 1 ? 2 : 1);
		break;
	case K_CELL:
		r->sp = true;
		break;
	case K_PRE:
		r->pre++;
		/* fall through */
	case K_PARA:
	case K_BLOCK:
		rend_brk(r, 2);
		break;
	default:
		break;
	}
	return true;
}

/* On the way up: the break after a block. */
static void rend_post(struct ex *x, xmlNodePtr n, void *arg)
{
	struct rend *r = arg;
	const struct nst *s;

	if (!is_elem(n))
		return;
	s = S(x, n);
	if (s->kind == K_PRE && (n == r->top || !s->why))
		r->pre--;
	if (s->kind == K_PARA || s->kind == K_BLOCK || s->kind == K_PRE)
		rend_brk(r, 2);
	else if (s->kind == K_CELL)
		r->sp = true;
}

/* Render the subtree at n into out. */
static void render(struct ex *x, xmlNodePtr n, struct cd_buf *out)
{
	struct rend r = { out, out->len, n, 0, false, 0, 0 };

	walk(n, rend_pre, rend_post, x, &r);
}

/* Record the removed element n with rule why, for --explain. */
static void drop(struct ex *x, xmlNodePtr n, const char *why)
{
	struct cd_html *h = x->h;
	size_t off = h->gone.len;

	if (!h->explain || S(x, n)->kind == K_JUNK ||
	    S(x, n)->kind == K_RAW)
		return;
	render(x, n, &h->gone);
	if (h->gone.len == off)
		return;
	h->drop = cd_xgrow(h->drop, &h->cap, h->ndrop + 1, sizeof(*h->drop));
	h->drop[h->ndrop++] = (struct cd_html_drop){ off, h->gone.len - off,
						     why };
}

/* The last walk: render the roots into h->text and, for --explain, record
 * every removed or left-out element. */
struct fin {
	struct rend r;
	int in;			/* inside this many roots */
};

static bool fin_pre(struct ex *x, xmlNodePtr n, void *arg)
{
	struct fin *f = arg;
	const struct nst *s;

	if (!is_elem(n))
		return f->in ? rend_pre(x, n, &f->r) : false;
	s = S(x, n);
	if (s->why) {
		drop(x, n, s->why);
		return false;
	}
	if (f->in || s->root) {
		f->in += s->root;
		return rend_pre(x, n, &f->r);
	}
	if (s->above)
		return true;
	drop(x, n, "dom:outside");
	return false;
}

static void fin_post(struct ex *x, xmlNodePtr n, void *arg)
{
	struct fin *f = arg;

	if (!f->in)
		return;
	rend_post(x, n, &f->r);
	if (is_elem(n) && S(x, n)->root && !S(x, n)->why)
		f->in--;
}

/* ---- the whole ---- */

void cd_html_init(struct cd_html *h)
{
	memset(h, 0, sizeof(*h));
	cd_page_meta_init(&h->meta);
}

void cd_html_release(struct cd_html *h)
{
	cd_buf_release(&h->text);
	cd_buf_release(&h->gone);
	cd_buf_release(&h->scratch);
	cd_page_meta_release(&h->meta);
	free(h->drop);
	memset(h, 0, sizeof(*h));
}

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

/* Attributes that neither this file nor pagemeta.c reads and whose values
 * run long (data-*, srcset, src, an SVG path's d): dropped before parsing,
 * libxml2 then neither copies nor allocates them.  A name read one day
 * must leave this list. */
static bool unread_attr(const char *s, size_t n)
{
	return (n > 5 && cd_text_ieq(s, "data-", 5)) ||
	       (n == 6 && cd_text_ieq(s, "srcset", 6)) ||
	       (n == 3 && cd_text_ieq(s, "src", 3)) ||
	       (n == 1 && (s[0] | 0x20) == 'd');
}

static bool name_start(unsigned char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' ||
	       c == ':' || c == '.';
}

static bool name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-';
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
		if (i == from || !name_start((unsigned char)s[i]))
			return 0;
		name = i;
		while (i < len && name_char((unsigned char)s[i]))
			i++;
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

/* Parse html[0..len) into a document (through tmp, see prefilter). */
static xmlDocPtr parse(const char *html, size_t len, struct cd_buf *tmp)
{
	const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
			 HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
			 HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD;

	prefilter(html, len, tmp);
	return htmlReadMemory(tmp->p, (int)tmp->len, NULL, "UTF-8", opts);
}

/* The <body> of the document, or its root element. */
static xmlNodePtr body_of(xmlNodePtr root)
{
	xmlNodePtr c;

	for (c = root->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && named(c, "body"))
			return c;
	return root;
}

/* Find and render the content of the parsed doc. */
static void extract(struct ex *x, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), body = body_of(root);

	/* libxml2 may nest the page inside <head> or a void element (after
	 * an unknown element before <head>): all walks start at the root */
	struct fin f = { { &x->h->text, 0, NULL, 0, false, 0, 0 }, 0 };
	struct nst top;

	walk(root, ld_pre, NULL, x, &x->h->gone);
	walk(root, number_pre, NULL, x, NULL);
	unjunk(x);
	measure(x, root);
	if (!is_elem(root) || S(x, root)->why)
		return;
	top = *S(x, root);
	walk(root, prune_pre, NULL, x, &top);
	measure(x, root);
	choose(x, body);
	cd_buf_reset(&x->h->gone);
	f.r.top = root;
	walk(root, fin_pre, fin_post, x, &f);
}

int cd_html_extract(struct cd_html *h, const char *html, size_t len,
		    const char *url, size_t urllen, struct cd_buf *err)
{
	struct ex x;
	xmlDocPtr doc;
	size_t i;

	cd_buf_reset(err);
	cd_buf_reset(&h->text);
	cd_buf_reset(&h->gone);
	h->ndrop = 0;
	for (i = 0; i < len && strchr(" \t\r\n\f", html[i]) && html[i]; i++)
		;
	if (i == len) {
		cd_page_meta_find(&h->meta, NULL, url, urllen);
		cd_buf_adds(err, "empty page");
		return -1;
	}
	if (len > INT_MAX) {
		cd_buf_adds(err, "page longer than 2 GB");
		return -1;
	}
	doc = parse(html, len, &h->scratch);
	if (!doc || !xmlDocGetRootElement(doc)) {
		xmlFreeDoc(doc);
		cd_page_meta_find(&h->meta, NULL, url, urllen);
		cd_buf_adds(err, "no document could be parsed from the page");
		return -1;
	}
	cd_page_meta_find(&h->meta, doc, url, urllen);
	memset(&x, 0, sizeof(x));
	x.h = h;
	extract(&x, doc);
	xmlFreeDoc(doc);
	free(x.st);
	free(x.ab);
	return 0;
}

void cd_html_drops_json(const struct cd_html *h, struct cd_buf *out)
{
	size_t i;

	for (i = 0; i < h->ndrop; i++) {
		if (i)
			cd_buf_addc(out, ',');
		cd_buf_adds(out, "{\"text\":");
		cd_buf_add_json(out, h->gone.p + h->drop[i].off, h->drop[i].len);
		cd_buf_adds(out, ",\"rule\":");
		cd_buf_add_json(out, h->drop[i].why, strlen(h->drop[i].why));
		cd_buf_addc(out, '}');
	}
}

void cd_html_trust(struct cd_boiler_doc *d)
{
	static const char *const outside[] = { "before-body", "after-body",
					       "short-run", NULL };
	size_t i, k;

	for (i = 0; i < d->nu; i++) {
		struct cd_unit *u = &d->u[i];

		if (u->keep || !u->why)
			continue;
		for (k = 0; outside[k]; k++)
			if (strcmp(u->why, outside[k]) == 0) {
				u->keep = true;
				u->why = NULL;
				break;
			}
	}
}
