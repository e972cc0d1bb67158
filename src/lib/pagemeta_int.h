/*
 * pagemeta_int.h - what pagemeta.c (the walk over the page, the dates and
 * the canonical address), pagetext.c (candidate texts: folding, bylines,
 * names, character references), pageld.c (JSON-LD) and pagename.c
 * (choosing the title and the byline) share.  Private to those files.
 */
#ifndef CD_PAGEMETA_INT_H
#define CD_PAGEMETA_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <libxml/tree.h>

#include "buf.h"
#include "pagemeta.h"

/* Title candidates, best first: the visible headline (an <h1> in the
 * article, then any), then what the page declares. */
enum { T_H1A, T_H1, T_LD, T_OG, T_TW, T_TAG, T_N };

/* Byline candidates, best first. */
enum { A_LD, A_META, A_ITEMPROP, A_REL, A_LINK, A_BY, A_CLASS, A_N };

/* Date candidates, best first (D_ORIG: a visible "Originally published
 * on ..."; D_PUBDATE: a <time pubdate>, or an element of class
 * "published" or "dt-published": hAtom, microformats2). */
enum { D_URL, D_ORIG, D_PUBDATE, D_META, D_NEAR, D_BEFORE, D_TIME, D_ITEMPROP, D_LD,
       D_OTHER, D_VIS, D_MOD, D_N };

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
	bool listed;		/* itemprop datePublished gave several days */
	char order;		/* numeric dates day first 'd', month 'm', 0 */
};

/* The JSON-LD state of one page: persons by @id, the author's @id. */
/* The JSON-LD state of one page: persons by @id, the author's @id. */
struct ld {
	struct found *f;
	struct cd_buf persons;	/* "id\0name\0" pairs */
	struct cd_buf author_id;
	struct cd_buf s;
};

static inline bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* The bytes of the white space or no-break space (UTF-8) at s, or 0. */
static inline size_t space_len(const char *s)
{
	if (is_space((unsigned char)s[0]))
		return 1;
	return (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0 ?
	       2 : 0;
}

/* Is n the element name (lower case)?  libxml2's HTML parser writes
 * element names in lower case, so bytes are compared, the first apart
 * (most elements differ there). */
static inline bool name_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)name[0] &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The next node after n in document order within root, skipping n's
 * children when skip is true. */
static inline xmlNodePtr next_node(xmlNodePtr n, xmlNodePtr root, bool skip)
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

/* pagetext.c */

/* Set b to s[0..len) with white space folded and trimmed; s may be b->p
 * (folded in place). */
void cd_pm_set_folded(struct cd_buf *b, const char *s, size_t len);

/* Set b to the visible text of element e, white space folded, at most
 * about max bytes (scripts and styles left out), read as flags say. */
void cd_pm_node_text(struct cd_buf *b, xmlNodePtr e, size_t max, int flags);

/* The value of attribute name of e into b (reset); false when absent. */
bool cd_pm_attr(xmlNodePtr e, const char *name, struct cd_buf *b);

/* True when s[0..len) looks like an address rather than a name. */
bool cd_pm_is_url(const char *s, size_t len);

/* Cut a leading "By ", "Written by", "Author:" (any case) and what
 * follows the names (a date, "| 5 min read"; for the text of element e,
 * not NULL for a meta tag's, "on" a date or "in" a section) from a
 * byline. */
void cd_pm_cut_by(struct cd_buf *b, xmlNodePtr e);

/* True when b reads as names: letters, no code or address, at most
 * about 100 bytes; when strict, at most 8 words, each capitalised but
 * for particles ("and", "de", "van"). */
bool cd_pm_name_like(const struct cd_buf *b, bool strict);

/* Store text t in slot b unless b is already filled or t is empty or too
 * long. */
void cd_pm_offer(struct cd_buf *b, const struct cd_buf *t);

/* Store the day read from s[0..len) in slot iso unless it is filled. */
void cd_pm_offer_date(char iso[11], const char *s, size_t len);

/* Decode the character references left in b ("&#8217;", "&amp;"): JSON-LD
 * and double-escaped attributes carry them. */
void cd_pm_decode_refs(struct cd_buf *b);

/* pageld.c */

/* Parse the JSON-LD text s of a script element into ld->f. */
void cd_pm_ld_script(struct ld *ld, const char *s);

/* The name of the Person whose @id the article's author gave. */
void cd_pm_ld_resolve(struct ld *ld);

/* pagename.c */

/* Fill the title, the byline and the source of m from f. */
void cd_pm_choose_names(struct found *f, const char *url, size_t urllen,
			struct cd_page_meta *m);

#endif
