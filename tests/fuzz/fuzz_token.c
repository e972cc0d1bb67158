/*
 * fuzz_token.c - libFuzzer target for the fingerprint path: the tokeniser
 * on arbitrary bytes, the fingerprint and its JSON form read back, the fp
 * parser and the map/edge line parsers of copydesk-group on the raw input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dedup.h"
#include "fp.h"
#include "mapred.h"
#include "token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* --reduce keeps its arrays as long as the largest record index of the
 * map lines (dense by design: a run of N records takes memory for N), so
 * a signature line naming record 700,000,000 allocates gigabytes, which
 * measures the allocator and not the parser: such inputs skip the
 * reduce.  True when the number after the first tab of s is small. */
static bool small_index(const char *s, size_t len)
{
	const char *t = memchr(s, '\t', len), *end = s + len;
	uint64_t v = 0;

	if (!t)
		return true;
	for (t++; t < end && *t >= '0' && *t <= '9'; t++)
		if ((v = v * 10 + (uint64_t)(*t - '0')) > (1u << 20))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *why;
	struct cd_words w;
	struct cd_fp a, b;
	struct cd_fp_params p;
	struct cd_dedup_opts o;
	struct cd_reduce r;
	struct cd_buf j = CD_BUF_INIT, out = CD_BUF_INIT;
	uint32_t x, y;
	unsigned m;
	bool dup, near;

	cd_words_init(&w);
	cd_fp_init(&a);
	cd_fp_init(&b);
	cd_fp_params_init(&p);
	p.perm = size % 2 ? 16 : 128;
	p.shingle = 1 + size % 7;
	cd_token_words(s, size, &w);
	cd_fp_compute(&a, &p, &w);
	cd_fp_json(&a, &j);
	if (cd_fp_parse(&b, j.p, j.len, &why) != 0 || b.exact != a.exact ||
	    b.ngrams != a.ngrams)
		abort();
	cd_dedup_opts_init(&o);
	cd_dedup_sim(&o, &a, &b, &near);
	if (!near)
		abort();
	cd_fp_parse(&b, s, size, &why);
	if (small_index(s, size)) {
		cd_reduce_init(&r, &o, &out);
		if (cd_reduce_line(&r, s, size, &why) == 0)
			cd_reduce_finish(&r);
		cd_reduce_release(&r);
	}
	cd_mapred_edge(s, size, &x, &y, &m, &dup);
	cd_buf_release(&j);
	cd_buf_release(&out);
	cd_fp_release(&a);
	cd_fp_release(&b);
	cd_words_release(&w);
	return 0;
}
