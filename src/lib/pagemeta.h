/*
 * pagemeta.h - the metadata of one web page: headline, byline, publication
 * day, site name and canonical address, lifted from the parsed HTML (meta
 * tags, JSON-LD, <time>, the URL path, the visible page).
 * Nothing here prints or exits (but cd_xmalloc on out of memory).
 *
 * The code: pagemeta.c (the walk, the dates, the address), pageld.c
 * (JSON-LD), pagetext.c (candidate texts), pagename.c (the title and the
 * byline chosen), sharing pagemeta_int.h.
 */
#ifndef CD_PAGEMETA_H
#define CD_PAGEMETA_H
#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>
#include "buf.h"

/* Metadata of one web page; every member is UTF-8 text without markup,
 * len 0 when the page gives none. */
struct cd_page_meta {
	struct cd_buf title;	/* headline, site name cut */
	struct cd_buf byline;	/* author name(s) as written */
	struct cd_buf date;	/* publication day "YYYY-MM-DD" */
	struct cd_buf source;	/* site name (og:site_name, ...) */
	struct cd_buf url;	/* canonical URL */
};

void cd_page_meta_init(struct cd_page_meta *m);
void cd_page_meta_release(struct cd_page_meta *m);

/* Fill m (its previous contents dropped) from the parsed page doc
 * (borrowed, not modified) and the page's address url[0..urllen) as the
 * record gives it (url may be NULL).  Never fails; fields it cannot find
 * stay empty. */
void cd_page_meta_find(struct cd_page_meta *m, xmlDocPtr doc,
		       const char *url, size_t urllen);

/* True when element e sits inside an <article> or <main> element (html.c
 * asks it too). */
bool cd_page_in_article(xmlNodePtr e);
#endif
