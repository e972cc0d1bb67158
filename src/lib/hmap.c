/* hmap.c - the open-addressing hash table; see hmap.h. */
#include <stdlib.h>

#include "buf.h"
#include "hmap.h"

void cd_hmap_init(struct cd_hmap *m)
{
	m->cap = 1024;
	m->n = 0;
	m->keys = cd_xcalloc(m->cap, sizeof *m->keys);
	m->vals = cd_xmalloc(m->cap * sizeof *m->vals);
}

void cd_hmap_free(struct cd_hmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->n = 0;
}

void cd_hmap_grow(struct cd_hmap *m)
{
	struct cd_hmap o = *m;

	m->cap *= 2;
	m->keys = cd_xcalloc(m->cap, sizeof *m->keys);
	m->vals = cd_xmalloc(m->cap * sizeof *m->vals);
	for (size_t i = 0; i < o.cap; i++) {
		if (!o.keys[i])
			continue;
		size_t j = cd_hmap_find(m, o.keys[i]);
		m->keys[j] = o.keys[i];
		m->vals[j] = o.vals[i];
	}
	free(o.keys);
	free(o.vals);
}
