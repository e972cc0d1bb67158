/*
 * hmap.h - an open-addressing table from nonzero 64-bit hashes to 32-bit
 * values, probed linearly, at most half full (key 0 marks an empty slot).
 * The lookups are inline: they run once per term of every record.
 * A table starts empty, without slots, and allocates 16 on its first
 * insert, doubling from there: a program may hold many small ones.
 * Slots of CD_BIG bytes or more (of keys, of values) come from cd_xbig,
 * huge pages where the system has them: a hash table touches all its
 * pages anyway, so they cost no memory, only fewer page faults.
 * Nothing here prints or exits except on out of memory.
 *
 * Use:
 *	cd_hmap_init(&m);                 (or a zeroed struct, see below)
 *	j = cd_hmap_slot(&m, h);          look up h, making room for it
 *	if (!m.keys[j]) cd_hmap_set(&m, j, h, v); else v = m.vals[j];
 *	if (cd_hmap_get(&m, h, &v)) ...   look up h only
 *	cd_hmap_free(&m);
 *
 * Iterating over keys[0..cap) is allowed, but the order is the table's.
 */
#ifndef CD_HMAP_H
#define CD_HMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cd_hmap {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap, n;		/* cap: a power of two */
};

/* An empty table that allocates nothing: its one slot is a shared empty
 * one, never written, so cd_hmap_find and cd_hmap_prefetch work on it.
 * A zeroed struct cd_hmap is an empty table too, for all but those two. */
void cd_hmap_init(struct cd_hmap *m);

/* Free the table, leaving a zeroed one (again is harmless). */
void cd_hmap_free(struct cd_hmap *m);

/* Empty the table, keeping its slots for reuse. */
void cd_hmap_clear(struct cd_hmap *m);

/* Double the table (or make its first 16 slots), rehashing its entries. */
void cd_hmap_grow(struct cd_hmap *m);

/* The slot holding h, or the empty slot where it would go (not on a
 * zeroed table: see cd_hmap_init). */
static inline size_t cd_hmap_find(const struct cd_hmap *m, uint64_t h)
{
	size_t j = (size_t)h & (m->cap - 1);

	while (m->keys[j] && m->keys[j] != h)
		j = (j + 1) & (m->cap - 1);
	return j;
}

/* Start loading the first slot h probes: its key and its value (in
 * two arrays, two loads that would miss). */
static inline __attribute__((always_inline)) void
cd_hmap_prefetch(const struct cd_hmap *m, uint64_t h)
{
	size_t j = (size_t)h & (m->cap - 1);

	__builtin_prefetch(&m->keys[j]);
	__builtin_prefetch(&m->vals[j]);
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

/* Whether h is in m, its value then in *v. */
static inline bool cd_hmap_get(const struct cd_hmap *m, uint64_t h,
			       uint32_t *v)
{
	size_t j;

	if (!m->n)
		return false;
	j = cd_hmap_find(m, h);
	if (!m->keys[j])
		return false;
	*v = m->vals[j];
	return true;
}

/* Add h (value 0) to m used as a set; true when it was new. */
static inline bool cd_hmap_add(struct cd_hmap *m, uint64_t h)
{
	size_t j = cd_hmap_slot(m, h);

	if (m->keys[j])
		return false;
	cd_hmap_set(m, j, h, 0);
	return true;
}

#endif
