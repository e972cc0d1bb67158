/*
 * hmap.h - an open-addressing table from nonzero 64-bit hashes to 32-bit
 * values, probed linearly, at most half full (key 0 marks an empty slot).
 * The lookups are inline: they run once per term of every record.
 * Nothing here prints or exits except on out of memory.
 *
 * Use:
 *	cd_hmap_init(&m);
 *	j = cd_hmap_slot(&m, h);          look up h, making room for it
 *	if (!m.keys[j]) cd_hmap_set(&m, j, h, v); else v = m.vals[j];
 *	cd_hmap_free(&m);
 */
#ifndef CD_HMAP_H
#define CD_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct cd_hmap {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap, n;		/* cap: a power of two */
};

/* An empty table of 1024 slots. */
void cd_hmap_init(struct cd_hmap *m);

/* Free the table (again is harmless). */
void cd_hmap_free(struct cd_hmap *m);

/* Double the table, rehashing its entries. */
void cd_hmap_grow(struct cd_hmap *m);

/* The slot holding h, or the empty slot where it would go. */
static inline size_t cd_hmap_find(const struct cd_hmap *m, uint64_t h)
{
	size_t j = (size_t)h & (m->cap - 1);

	while (m->keys[j] && m->keys[j] != h)
		j = (j + 1) & (m->cap - 1);
	return j;
}

/* Start loading the first slot h probes. */
static inline void cd_hmap_prefetch(const struct cd_hmap *m, uint64_t h)
{
	__builtin_prefetch(&m->keys[(size_t)h & (m->cap - 1)]);
}

/* cd_hmap_find after making room for one more entry. */
static inline size_t cd_hmap_slot(struct cd_hmap *m, uint64_t h)
{
	if (2 * (m->n + 1) > m->cap)
		cd_hmap_grow(m);
	return cd_hmap_find(m, h);
}

/* Put h with value v in the empty slot j that cd_hmap_slot gave. */
static inline void cd_hmap_set(struct cd_hmap *m, size_t j, uint64_t h,
			       uint32_t v)
{
	m->keys[j] = h;
	m->vals[j] = v;
	m->n++;
}

#endif
