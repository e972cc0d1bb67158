/*
 * fp.h - the fingerprint of a text (SPEC, copydesk-fingerprint) and its
 * JSON form, the `fp` object:
 *
 *   {"v":2,"perm":128,"shingle":5,"seed":0,"exact":"<16 hex>",
 *    "simhash":"<16 hex>","words":N,"shingles":N,"minhash":"<base64>",
 *    "grams":"<base64>"}
 *
 * exact is the XXH3-64 hash of the word sequence, so texts that differ
 * only in spacing, case, punctuation and typographic variants are equal;
 * minhash is perm 16-bit values, little-endian, in base64 (RFC 4648):
 * the low 16 bits of each 32-bit MinHash value (b-bit MinHash, Li and
 * König), which agree by chance with probability 2^-16, so the estimated
 * resemblance moves by less than 0.0001; grams, present only for texts of
 * at most CD_FP_SHORT_WORDS words, is the sorted set of 32-bit hashes of
 * word trigrams, with which copydesk-group measures the containment of a
 * short fragment in a longer quotation; no trigram runs over an elision
 * ("…", "..." or ". . ." between words: words left out, as between the
 * pieces of an interrupted quotation that copydesk-quote joins with
 * " … "), so a piece contained in a longer quotation is found whole.  perm, shingle and seed are the
 * parameters: two fingerprints are comparable only when all three are
 * equal.  v is the format: v 1 had whole 32-bit minhash values, which
 * cd_fp_parse cuts to their low 16 bits, so v 1 and v 2 compare alike.
 */
#ifndef CD_FP_H
#define CD_FP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "json.h"
#include "token.h"

/* Texts of at most this many words keep their word trigrams. */
#define CD_FP_SHORT_WORDS 64
#define CD_FP_VERSION 2
/* The bits of each MinHash value kept in `fp` (its low 16). */
#define CD_FP_MH_MASK 0xffffU

struct cd_fp_params {
	unsigned perm;		/* MinHash values [128] */
	unsigned shingle;	/* words per shingle [5] */
	uint64_t seed;		/* hash family [0] */
};

/* A fingerprint.  Owns mh and grams; reuse one across records. */
struct cd_fp {
	struct cd_fp_params par;
	uint64_t exact, simhash;
	uint32_t words;
	uint32_t shingles;	/* distinct shingles */
	uint32_t *mh;		/* par.perm values, each below 2^16 */
	uint32_t *grams;	/* ngrams values, when has_grams */
	uint32_t ngrams;
	bool has_grams;
	size_t mhcap, gramcap;
	uint64_t *tab;		/* scratch for cd_fp_compute */
	size_t tabcap;
	struct cd_words piece;	/* scratch for cd_fp_text */
	size_t *cut;
	size_t cutcap;
	struct cd_rec rec;	/* scratch for cd_fp_parse */
};

void cd_fp_params_init(struct cd_fp_params *p);
void cd_fp_init(struct cd_fp *fp);
void cd_fp_release(struct cd_fp *fp);

/* Compute the fingerprint of the words w (token.h) with parameters p. */
void cd_fp_compute(struct cd_fp *fp, const struct cd_fp_params *p,
		   const struct cd_words *w);

/* Compute the fingerprint of text[0..len) (valid or not UTF-8; w is the
 * caller's scratch for its words): cd_fp_compute of its words, with the
 * word trigrams of a short text cut at its elisions. */
void cd_fp_text(struct cd_fp *fp, const struct cd_fp_params *p,
		const char *text, size_t len, struct cd_words *w);

/* Append the JSON object of fp to out. */
void cd_fp_json(const struct cd_fp *fp, struct cd_buf *out);

/*
 * Read the JSON object val[0..vlen) (a validated value, as in struct
 * cd_field) into fp (v 1 or 2; minhash values always below 2^16).
 * Returns 0, or -1 with *why set to a static reason when it is not a
 * fingerprint this version understands.
 */
int cd_fp_parse(struct cd_fp *fp, const char *val, size_t vlen,
		const char **why);

/* Whether rec has an `fp` member that is not null: cd_fp_of_record then
 * takes the fingerprint from it and does not need the text. */
bool cd_fp_in_record(const struct cd_rec *rec);

/*
 * Fill fp for the record rec: from its `fp` member when that is present
 * and not null, else computed from text[0..len) with parameters par (w is
 * the caller's scratch).  text NULL means the record has no text.
 * Returns 0, or -1 with *why set to a static reason.
 */
int cd_fp_of_record(struct cd_fp *fp, const struct cd_rec *rec,
		    const char *text, size_t len,
		    const struct cd_fp_params *par, struct cd_words *w,
		    const char **why);

/* Were a and b made with the same parameters? */
bool cd_fp_params_equal(const struct cd_fp_params *a,
			const struct cd_fp_params *b);

/* Append "perm P shingle S seed N" for a message. */
void cd_fp_params_describe(const struct cd_fp_params *p, struct cd_buf *out);

/* Base64 (RFC 4648, with padding) of n little-endian 32-bit values. */
void cd_fp_b64_encode(const uint32_t *v, size_t n, struct cd_buf *out);
/* Decode base64 text s[0..len) into 32-bit values (grown in *v, *cap);
 * returns the count, or -1 when s is not whole values in base64. */
long cd_fp_b64_decode(const char *s, size_t len, uint32_t **v, size_t *cap);
/* The same for 16-bit values (each v[i] below 2^16), as `minhash` has
 * them: 2 bytes a value instead of 4. */
void cd_fp_b64_encode16(const uint32_t *v, size_t n, struct cd_buf *out);
long cd_fp_b64_decode16(const char *s, size_t len, uint32_t **v,
			size_t *cap);

#endif
