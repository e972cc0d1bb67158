/*
 * html_int.h - what html.c (the content: numbering, measuring, pruning,
 * scoring and choosing over the DOM), htmltag.c (what an element's tag,
 * attributes and class or id words say), htmlrender.c (the chosen content
 * as text, and the removed blocks for --explain) and htmlparse.c (the
 * markup filtered and parsed by libxml2) share.  Private to those files.
 */
#ifndef CD_HTML_INT_H
#define CD_HTML_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>

#include "hmap.h"
#include "html.h"

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
	bool declared;		/* its markup names it the article body */
	int8_t weight;		/* class and id words: -1, 0, +1 */
	xmlNodePtr node;
	const char *why;	/* removed, and why (a static string) */
};

/* The state of one extraction. */
struct ex {
	struct cd_html *h;
	struct nst *st;
	size_t n, cap;
	struct cd_hmap ab;	/* hash set of the articleBody's word pairs */
	bool abcut;		/* the articleBody looks cut short */
	uint32_t total;		/* text of the whole page */
	uint64_t prev;		/* last word hash, while measuring */
	xmlNodePtr h1;		/* the page's first <h1>, or NULL */
	xmlNodePtr main;	/* its first <main> or <article>, or NULL */
};

/* The statistics of element n (which must have been numbered). */
static inline struct nst *S(const struct ex *x, xmlNodePtr n)
{
	return &x->st[(uintptr_t)n->_private - 1];
}

static inline bool is_elem(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && n->_private;
}

/* Visit the subtree at root in document order without recursion: pre is
 * called on the way down (return false to skip the children), post on the
 * way up, for every node visited. */
static inline void walk(xmlNodePtr root,
			bool (*pre)(struct ex *, xmlNodePtr, void *),
			void (*post)(struct ex *, xmlNodePtr, void *),
			struct ex *x, void *arg)
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

/* Is n named name?  The first byte is compared first: most are not. */
static inline bool named(xmlNodePtr n, const char *name)
{
	return n->name[0] == name[0] &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The value of attribute name of n, "" when it has no value, or NULL. */
static inline const char *attr(xmlNodePtr n, const char *name)
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

/* htmltag.c */

/* The kind of the element named name (lower case, as libxml2 gives). */
enum kind cd_hx_tag_kind(const char *name);

/* Is n hidden by aria-hidden or its inline style? */
bool cd_hx_hidden(xmlNodePtr n);

/* Is n the panel of an accordion (role "region" with aria-labelledby),
 * shown when opened?  A tab panel is not. */
bool cd_hx_panel(xmlNodePtr n);

/* The rule that removes n for its tag, role, class or id, or NULL
 * ("dom:clip" for a box that only clips what overflows it, as
 * "overflow-hidden" names, unless also named "fixed" or "sticky"); sets
 * *weight for the content score. */
const char *cd_hx_word_rule(xmlNodePtr n, int8_t *weight);

/* The rule that removes n for its tag alone, or NULL. */
const char *cd_hx_tag_rule(xmlNodePtr n);

/* Does the markup of n name it the article's body: itemprop="articleBody",
 * or a class or id such as "article-body", "entry-content",
 * "post_content", "storyBody"? */
bool cd_hx_declared(xmlNodePtr n);

/* htmlrender.c */

/* Is the text s markup written out as text ("<img src=...>"), as crawls
 * that serialise <noscript> contents leave it?  A browser with scripts
 * shows nothing there. */
bool cd_hx_markup_text(const unsigned char *s);

/* The last walk, from root: render the roots of the content into
 * x->h->text and, for --explain, record every removed or left-out
 * element in x->h->gone and x->h->drop. */
void cd_hx_finish(struct ex *x, xmlNodePtr root);

/* htmlparse.c */

/* Parse html[0..len) (len at most INT_MAX) into a document, through tmp:
 * the contents of scripts (but JSON) and styles and the long attributes
 * nothing reads are left out first, NUL bytes read as spaces; what
 * follows "</html>" joins the body, as in a browser.  NULL when libxml2
 * builds nothing. */
xmlDocPtr cd_hx_parse(const char *html, size_t len, struct cd_buf *tmp);

#endif
