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
	cd_reduce_init(&r, &o, &out);
	if (cd_reduce_line(&r, s, size, &why) == 0)
		cd_reduce_finish(&r);
	cd_reduce_release(&r);
	cd_mapred_edge(s, size, &x, &y, &m, &dup);
	cd_buf_release(&j);
	cd_buf_release(&out);
	cd_fp_release(&a);
	cd_fp_release(&b);
	cd_words_release(&w);
	return 0;
}
