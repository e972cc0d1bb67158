/*
 * fuzz_fp.c - libFuzzer target for reading fingerprints (fp.h), the
 * input copydesk-group trusts least: a `fp` object anyone may have
 * written or damaged.
 *
 * Each input is one candidate `fp` value.  When it is a JSON object,
 * cd_fp_parse must not crash; when it accepts, the parameters are in
 * range, the MinHash values below 2^16, and the fingerprint written back
 * by cd_fp_json parses again to the same values; a fingerprint compared
 * with itself is near with similarity 1 (both through cd_dedup_sim and
 * through an index holding it twice).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dedup.h"
#include "fp.h"
#include "json.h"
#include "sketch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MUST(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz_fp: %s:%d: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* Do a and b hold the same fingerprint? */
static int same_fp(const struct cd_fp *a, const struct cd_fp *b)
{
	return a->par.perm == b->par.perm && a->par.shingle == b->par.shingle &&
	       a->par.seed == b->par.seed && a->exact == b->exact &&
	       a->simhash == b->simhash && a->words == b->words &&
	       a->shingles == b->shingles && a->has_grams == b->has_grams &&
	       a->ngrams == b->ngrams &&
	       !memcmp(a->mh, b->mh, a->par.perm * sizeof(*a->mh)) &&
	       (!a->ngrams ||
		!memcmp(a->grams, b->grams, a->ngrams * sizeof(*a->grams)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_fp a, b;
	struct cd_rec r;
	struct cd_jerr e;
	struct cd_buf out = CD_BUF_INIT;
	struct cd_dedup_opts o;
	const char *why = NULL;
	bool near;

	/* cd_fp_parse takes a validated value, as copydesk-group does. */
	cd_rec_init(&r);
	if (cd_rec_parse(&r, (const char *)data, size, &e) != 0) {
		cd_rec_release(&r);
		return 0;
	}
	cd_rec_release(&r);
	cd_fp_init(&a);
	cd_fp_init(&b);
	if (cd_fp_parse(&a, (const char *)data, size, &why) != 0) {
		MUST(why && *why);
		goto out;
	}
	MUST(a.par.perm >= 1 && a.par.perm <= CD_SKETCH_MAX_PERM);
	MUST(a.par.shingle >= 1 && a.par.shingle <= CD_SKETCH_MAX_SHINGLE);
	for (unsigned i = 0; i < a.par.perm; i++)
		MUST(a.mh[i] <= CD_FP_MH_MASK);
	MUST(a.has_grams || a.ngrams == 0);
	cd_fp_json(&a, &out);
	MUST(cd_fp_parse(&b, out.p, out.len, &why) == 0);
	MUST(same_fp(&a, &b));
	cd_dedup_opts_init(&o);
	MUST(cd_dedup_sim(&o, &a, &b, &near) == 1.0 && near);
	if (a.ngrams <= 4096) {
		struct cd_dedup *d;

		o.deferred = size % 2 == 0;
		d = cd_dedup_new(&o, &a.par);
		if (d) {
			double sim;

			MUST(cd_dedup_add(d, &a) == 0);
			MUST(cd_dedup_add(d, &b) == 1);
			MUST(cd_dedup_resolve(d) == 0);
			MUST(cd_dedup_near(d, 1) == 0 && cd_dedup_dup(d, 1) == 0);
			MUST(cd_dedup_match(d, 1, &sim) == 0 && sim == 1.0);
			cd_dedup_free(d);
		}
	}
out:
	cd_fp_release(&a);
	cd_fp_release(&b);
	cd_buf_release(&out);
	return 0;
}
