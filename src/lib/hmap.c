/* hmap.c - the open-addressing hash table; see hmap.h. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hmap.h"

/* The slots a table makes on its first insert. */
#define FIRST_CAP 16

/* The one empty slot of every table cd_hmap_init made, until it grows:
 * cd_hmap_slot grows a table before anything is put in it, so these are
 * never written. */
static uint64_t none_key[1];
static uint32_t none_val[1];

void cd_hmap_init(struct cd_hmap *m)
{
	m->keys = none_key;
	m->vals = none_val;
	m->cap = 1;
	m->n = 0;
}

/* Free the slots of m unless they are the shared empty one. */
static void free_slots(struct cd_hmap *m)
{
	if (m->keys != none_key) {
		cd_big_free(m->keys, m->cap * sizeof *m->keys);
		cd_big_free(m->vals, m->cap * sizeof *m->vals);
	}
}

void cd_hmap_free(struct cd_hmap *m)
{
	free_slots(m);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->n = 0;
}

void cd_hmap_clear(struct cd_hmap *m)
{
	if (m->n)
		memset(m->keys, 0, m->cap * sizeof *m->keys);
	m->n = 0;
}

void cd_hmap_grow(struct cd_hmap *m)
{
	struct cd_hmap o = *m;

	m->cap = o.cap >= FIRST_CAP ? o.cap * 2 : FIRST_CAP;
	m->keys = cd_xbig(m->cap * sizeof *m->keys);
	m->vals = cd_xbig(m->cap * sizeof *m->vals);
	for (size_t i = 0; i < o.cap; i++) {
		if (!o.keys[i])
			continue;
		size_t j = cd_hmap_find(m, o.keys[i]);
		m->keys[j] = o.keys[i];
		m->vals[j] = o.vals[i];
	}
	free_slots(&o);
}
