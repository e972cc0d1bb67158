/*
 * pagemeta.c - placeholder, replaced by the meta branch: the title from
 * <title> only; the other fields stay empty.  See pagemeta.h.
 */
#include <string.h>

#include <libxml/HTMLparser.h>

#include "pagemeta.h"

void cd_page_meta_init(struct cd_page_meta *m)
{
	cd_buf_init(&m->title);
	cd_buf_init(&m->byline);
	cd_buf_init(&m->date);
	cd_buf_init(&m->source);
	cd_buf_init(&m->url);
}

void cd_page_meta_release(struct cd_page_meta *m)
{
	cd_buf_release(&m->title);
	cd_buf_release(&m->byline);
	cd_buf_release(&m->date);
	cd_buf_release(&m->source);
	cd_buf_release(&m->url);
}

/* The first <title> element under the root (head first), or NULL. */
static xmlNodePtr find_title(xmlNodePtr n)
{
	int steps = 0;

	while (n && steps++ < 100000) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "title") == 0)
			return n;
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
	return NULL;
}

void cd_page_meta_find(struct cd_page_meta *m, xmlDocPtr doc,
		       const char *url, size_t urllen)
{
	xmlNodePtr t = doc ? find_title(xmlDocGetRootElement(doc)) : NULL;
	xmlChar *s;
	size_t i, n;
	bool sp = false;

	(void)url;
	(void)urllen;
	cd_buf_reset(&m->title);
	cd_buf_reset(&m->byline);
	cd_buf_reset(&m->date);
	cd_buf_reset(&m->source);
	cd_buf_reset(&m->url);
	if (!t || !(s = xmlNodeGetContent(t)))
		return;
	n = strlen((const char *)s);
	for (i = 0; i < n; i++) {
		if (strchr(" \t\r\n\f", s[i])) {
			sp = m->title.len > 0;
			continue;
		}
		if (sp)
			cd_buf_addc(&m->title, ' ');
		sp = false;
		cd_buf_addc(&m->title, s[i]);
	}
	xmlFree(s);
}
