/*
 * agree.h - the values of one field of each record, kept as hashes so
 * that copydesk-group --agree FIELD can ask whether two records agree on
 * it (dedup.h, opts.agree).
 *
 * A value is the field's string compared word by word as the
 * fingerprints compare text (token.h: case folded, NFKD, punctuation
 * ignored), so "Ana Ruiz" and "ANA RUIZ." are one value; a missing,
 * null or empty field (no words) has none.  Two records agree when both
 * have the same value: a record without one agrees with none.
 * Memory: 8 bytes per record.
 */
#ifndef CD_AGREE_H
#define CD_AGREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "token.h"

struct cd_agree {
	uint64_t *h;		/* per record; 0: no value */
	size_t n, cap;
	struct cd_words words;	/* scratch */
};

void cd_agree_init(struct cd_agree *a);
void cd_agree_release(struct cd_agree *a);

/* Record idx's value is s[0..len), or none when s is NULL.  Records
 * skipped before idx have none. */
void cd_agree_set(struct cd_agree *a, uint32_t idx, const char *s,
		  size_t len);

/* Whether records i and j agree; a struct cd_agree * as arg, the shape
 * of dedup.h's opts.agree.  Reads only, so the dedup worker thread may
 * call it while no record is set. */
bool cd_agree_test(void *arg, uint32_t i, uint32_t j);

#endif
