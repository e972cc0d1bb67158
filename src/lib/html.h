/*
 * html.h - the article of a web page: parse the markup with libxml2's HTML
 * parser, find the main content from the DOM (hidden and non-text elements,
 * class and id words, <article>/<main>, paragraph scores, link density,
 * JSON-LD articleBody as evidence) and render it as plain text paragraphs
 * joined by "\n\n" (headings, list items, table rows and blockquotes each a
 * paragraph, <br> a line break, white space collapsed as a browser shows
 * it).  The page's metadata is read with pagemeta.h before the DOM is
 * touched.
 *
 * Memory is bounded by the page: the DOM and per-element statistics, freed
 * before cd_html_extract returns.  Every walk over the tree is iterative,
 * so deep nesting cannot exhaust the stack.  Nothing here prints or exits
 * (but cd_xmalloc on out of memory).
 *
 * The code: htmlparse.c (the markup filtered and parsed), html.c (the
 * content found), htmltag.c (what tags and class or id words say),
 * htmlrender.c (the content as text, the drops), sharing html_int.h.
 */
#ifndef CD_HTML_H
#define CD_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "boiler.h"
#include "buf.h"
#include "pagemeta.h"

/* A block the DOM rules removed: its text in gone[off..off+len) and the
 * rule, a static string such as "dom:nav". */
struct cd_html_drop {
	size_t off, len;
	const char *why;
};

struct cd_html {
	bool explain;		/* set by the caller: collect drops */
	struct cd_buf text;	/* the article, paragraphs joined by "\n\n" */
	struct cd_page_meta meta;	/* the page's metadata */
	struct cd_buf gone;	/* texts of the removed blocks */
	struct cd_html_drop *drop;	/* in page order, when explain */
	size_t ndrop, cap;
	struct cd_buf scratch;	/* owned work space */
};

void cd_html_init(struct cd_html *h);
void cd_html_release(struct cd_html *h);

/*
 * Extract the article of the page html[0..len) (UTF-8; NUL bytes are read
 * as spaces) into h, whose previous results are dropped; url[0..urllen) is
 * the page's address (NULL when unknown), passed to cd_page_meta_find.
 * Returns 0, or -1 with a reason in *err (reset first) when the page
 * cannot be used: empty, or no document could be built from it.  A page
 * without text is not an error: h->text is then empty.
 */
int cd_html_extract(struct cd_html *h, const char *html, size_t len,
		    const char *url, size_t urllen, struct cd_buf *err);

/*
 * Trust the DOM's choice of the article in d, the text-level cleaning of
 * an extracted page: units that cd_boiler_clean removed only for lying
 * outside the run of prose it found ("before-body", "after-body") or for
 * a run of short lines ("short-run", the DOM has judged the lists) are
 * kept again; those a rule, a shape or a repeat removed stay removed.
 */
void cd_html_trust(struct cd_boiler_doc *d);

/* Append the drops of h as JSON objects {"text": ..., "rule": ...}
 * separated by commas, without brackets. */
void cd_html_drops_json(const struct cd_html *h, struct cd_buf *out);

#endif
