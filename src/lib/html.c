/*
 * html.c - the article of a web page; see html.h.  The content is found
 * here: the JSON-LD articleBody as evidence, the elements numbered and
 * measured, removed for their tags and words, scored, and chosen.  The
 * other files of the module (see html_int.h): htmltag.c, htmlrender.c,
 * htmlparse.c.
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "html_int.h"
#include "json.h"
#include "text.h"

/* ---- JSON-LD articleBody ---- */

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h | 1;
}

/* Is the pair hash k in the articleBody set? */
static bool ab_has(const struct ex *x, uint64_t k)
{
	uint32_t v;

	return cd_hmap_get(&x->ab, k, &v);
}

/* Is byte c part of a word (ASCII letters and digits, any non-ASCII)? */
static bool wordc(unsigned char c)
{
	return cd_text_digit(c) || cd_text_alpha(c) || c >= 0x80;
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
	cd_hmap_add(&x->ab, k);
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
	s->kind = (uint8_t)cd_hx_tag_kind((const char *)n->name);
	s->declared = s->kind == K_BLOCK && cd_hx_declared(n);
	if (!x->h1 && named(n, "h1"))
		x->h1 = n;
	if (!x->main && (named(n, "main") || named(n, "article")))
		x->main = n;
	if (s->kind == K_JUNK) {
		s->why = "dom:junk";
		return true;	/* see unjunk */
	}
	/* hidden: shown when asked (kept for a block of prose), but a tab
	 * panel (comments, most read); aria-hidden or a style: gone, but
	 * an accordion's panel (cd_hx_panel) */
	const char *role = attr(n, "role");
	bool tab = role && strcmp(role, "tabpanel") == 0;

	if (attr(n, "hidden") && !tab)
		s->hid = true;
	else if (attr(n, "hidden") || cd_hx_hidden(n)) {
		if (cd_hx_panel(n))
			s->hid = true;
		else
			s->why = "dom:hidden";
	}
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
	if (x->ab.n)
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
		if (p->kind != K_RAW && !cd_hx_markup_text(n->content))
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

/* Is n inside a <pre> or <code> element? */
static bool in_code(xmlNodePtr n)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (named(n, "pre") || named(n, "code"))
			return true;
	return false;
}

/* True when n holds a form or a field of one (input, select): a box with
 * one is a widget (a sign-up box), whatever prose it shows.  A button
 * alone says less: media cards carry "copy link" buttons under their
 * captions. */
static bool holds_control(xmlNodePtr n)
{
	for (n = n->children; n; n = n->next)
		if (is_elem(n) &&
		    (named(n, "form") || named(n, "input") ||
		     named(n, "select") || holds_control(n)))
			return true;
	return false;
}

/* Is a an ancestor of d (or d itself)? */
static bool contains(xmlNodePtr a, xmlNodePtr d)
{
	for (; d; d = d->parent)
		if (d == a)
			return true;
	return false;
}

/* Remove element n for its tag, role, class or id, unless it holds most
 * of the page (a wrapper whose name mentions a sidebar it also holds) or
 * much prose; a <footer> unless it holds the page's first <h1> (with no
 * <h1>: its first <main> or <article>, or most of the page). */
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
	why = cd_hx_tag_rule(n);
	if (!why && (why = cd_hx_word_rule(n, &s->weight)) && in_code(n))
		why = NULL;	/* syntax highlighting: "comment", "tag" */
	/* a box that clips what overflows it hides nothing but goes with
	 * no prose in it, or with a form in it, as the widget it mostly is */
	if (why && strcmp(why, "dom:clip") == 0)
		why = 2 * s->good >= s->text && !holds_control(n) ? NULL :
		      "dom:hidden";
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
	/* a <footer> without the page's first <h1> (with no <h1>: its
	 * first <main> or <article>, or most of the page) is the page's
	 * foot, however much prose (addresses, disclaimers) it holds */
	if (named(n, "footer") &&
	    (x->h1 ? !contains(n, x->h1) :
	     x->main ? !contains(n, x->main) : !big)) {
		s->why = why;
		return false;
	}
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

	if (x->ab.n < 30)
		return NULL;
	for (i = 0; i < x->n; i++) {
		struct nst *s = &x->st[i];

		if (!s->live || !s->hits || !s->words)
			continue;
		p = (float)s->hits / (float)s->words;
		r = (float)s->hits / (float)x->ab.n;
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

/* Choose between the articleBody's element e and the most prose p: e,
 * unless p holds e and the articleBody is cut short, or p is a body the
 * markup names (cd_hx_declared) with over twice e's prose: the
 * articleBody is then one part of it (a list's first item). */
static struct nst *pick(struct ex *x, struct nst *e, struct nst *p)
{
	if (!e || !p)
		return e ? e : p;
	if (contains(p->node, e->node) &&
	    (x->abcut || (p->declared && p->good > 2 * e->good)))
		return p;
	return e;
}

/* Is n below top inside an element that its class or id words, its tag
 * or its siblings (a run of cards) mark as not the article? */
static bool aside_of(struct ex *x, xmlNodePtr n, xmlNodePtr top)
{
	for (n = n->parent; n && n != top && is_elem(n); n = n->parent)
		if (S(x, n)->weight < 0 || cd_hx_tag_rule(n) || repeated(n))
			return true;
	return false;
}

/* The text of the long paragraphs in top but outside in (<p> of 200
 * characters or more, mostly not links, not aside_of top): a body the
 * page's markup names is not the whole article when they weigh as much
 * as its own. */
static uint32_t prose_outside(struct ex *x, const struct nst *top,
			      const struct nst *in)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i < x->n; i++) {
		const struct nst *s = &x->st[i];

		if (s->live && s->own >= 200 && 3 * s->link < s->text &&
		    named(s->node, "p") && contains(top->node, s->node) &&
		    !contains(in->node, s->node) &&
		    !aside_of(x, s->node, top->node))
			sum += s->own;
	}
	return sum;
}

/* The element the markup names the article body (cd_hx_declared): the
 * one with the most prose, or the nearest ancestor of all such elements
 * that hold prose when the body comes in pieces.  That element when it
 * holds top and more than twice its text (top is one item of the body:
 * a list of linked headlines has little prose), or when it lies inside
 * top and holds a fair part of its prose; else top. */
static struct nst *declared(struct ex *x, struct nst *top)
{
	struct nst *best = NULL;
	xmlNodePtr a;
	size_t i;

	if (!top)
		return top;
	for (i = 0; i < x->n; i++) {
		struct nst *s = &x->st[i];

		if (s->live && s->declared && s->good &&
		    (!best || s->good > best->good))
			best = s;
	}
	if (!best)
		return top;
	a = best->node;
	for (i = 0; i < x->n; i++) {
		struct nst *s = &x->st[i];

		if (s->live && s->declared && s->good)
			while (!contains(a, s->node))
				a = a->parent;
	}
	best = S(x, a);
	if (best != top && contains(a, top->node) && 2 * top->text < best->text)
		return best;
	if (best == top || !contains(top->node, a) || best->good < 250 ||
	    5 * best->good < top->good || 2 * prose_outside(x, top, best) >=
	    best->good)
		return top;
	return best;
}

/* Choose the content: the articleBody's element when the page has one,
 * else the best scored element and its siblings; then thin it. */
static void choose(struct ex *x, xmlNodePtr body)
{
	struct nst *top = evidence(x);
	size_t i;

	top = pick(x, top, declared(x, most_prose(x)));
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

/* ---- the whole ---- */

/* libxml2's own set-up, once, before any thread parses (xmlInitParser
 * is not reentrant; clean parses pages on two threads). */
static void parser_once(void)
{
	xmlInitParser();
}

void cd_html_init(struct cd_html *h)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, parser_once);
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

	struct nst top;

	/* libxml2 may nest the page inside <head> or a void element (after
	 * an unknown element before <head>): all walks start at the root */
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
	cd_hx_finish(x, root);
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
	doc = cd_hx_parse(html, len, &h->scratch);
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
	cd_hmap_free(&x.ab);
	return 0;
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

