/*
 * lex_int.h - the word list's entries, shared by lex.c (which fills them)
 * and attrib.c, attribtok.c (which read them).  Private to those files.
 */
#ifndef CD_LEX_INT_H
#define CD_LEX_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "hmap.h"
#include "lex.h"
#include "segment.h"

/* The classes a word can belong to (several at once). */
enum {
	LX_CUE = 1 << 0,	/* cue verb */
	LX_CUE2 = 1 << 1,	/* first word of a two-word cue */
	LX_TITLE = 1 << 2,
	LX_ROLE = 1 << 3,
	LX_PRON = 1 << 4,
	LX_FIRST = 1 << 5,	/* a first name */
	LX_STOP = 1 << 6,
	LX_SKIP = 1 << 7,
	LX_DET = 1 << 8,
	LX_PREP = 1 << 9,
	LX_PART = 1 << 11,
	LX_PLURAL = 1 << 12,
	LX_TAIL = 1 << 13,	/* ends a name, never starts one */
	LX_WORK = 1 << 14,	/* names a work: "the book “...”" */
	LX_OCUE = 1 << 15	/* a cue only with the quotation its object:
				 * "welcomed “...”", "thanked X for “...”" */
};

#define LX_MAXKEY 64
#define LX_SEEN 32768	/* bits in struct cd_lex's seen */

struct lexent {
	size_t koff, klen;	/* the key in lex->keys */
	unsigned flags;
	char gender;		/* of a pronoun or role noun: m f p x or 0 */
	char fgender;		/* of a first name */
	size_t role;		/* a title's role noun: entry + 1, or 0 */
	uint32_t next;		/* another entry with this key's hash:
				 * entry + 1, or 0 */
};

struct cd_lex {
	struct lexent *e;
	size_t ne, ecap;
	struct cd_hmap index;	/* the hash of a key (lex.c) -> entry + 1 */
	/* a bit for each key's hash (lex.c): most words of a text are in
	 * no list, and this answers for them from 4 KiB, not the index's
	 * 48 (a cache miss a word) */
	uint64_t seen[LX_SEEN / 64];
	struct cd_buf keys;
	/* abbreviations.txt, the sentence splitter's list (segment.h);
	 * never NULL */
	struct cd_segment *seg;
};

/* A nonzero hash of s[0..len) folded to ASCII lower case: the id
 * copydesk-quote gives a word (and the index key of a long one). */
uint64_t cd_lex_hash_fold(const char *s, size_t len);

/* The entry for s[0..len) (any case), or NULL. */
const struct lexent *cd_lex_get(const struct cd_lex *lex, const char *s,
				size_t len);

/* cd_lex_get for a word inside a text that ends at end: read in place
 * when 16 bytes are readable from s. */
const struct lexent *cd_lex_get_in(const struct cd_lex *lex, const char *s,
				   size_t len, const char *end);

#endif
