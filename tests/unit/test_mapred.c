/* test_mapred.c - unit tests of mapred.c: map, reduce and edge lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup.h"
#include "fp.h"
#include "fpcase.h"
#include "mapred.h"
#include "unit.h"

/* Reduce the map lines in keys (the whole buffer, sorted by the caller's
 * construction) into out; returns the number of bad lines. */
static int reduce_all(struct cd_reduce *r, const struct cd_buf *keys)
{
	const char *p = keys->p, *end = keys->p + keys->len, *nl, *why;
	int bad = 0;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (cd_reduce_line(r, p, (size_t)(nl - p), &why) != 0)
			bad++;
	}
	return bad;
}

static void test_reduce(void)
{
	struct cd_dedup_opts o;
	struct cd_reduce r;
	struct cd_map m;
	struct cd_fp f;
	struct cd_buf keys = CD_BUF_INIT, out = CD_BUF_INIT;
	const char *why, *nl;
	size_t off;
	uint32_t a, b;
	unsigned milli;
	bool dup;

	cd_dedup_opts_init(&o);
	cd_fp_init(&f);
	fp_of(&f, "same words here");
	/* Records 0 and 3 alike: their signature lines, then their key
	 * lines, sorted. */
	CHECK(cd_map_init(&m, &o) == 0);
	CHECK(cd_map_add(&m, &f, 0, &keys) == 0);
	CHECK(strncmp(keys.p, "!\t0000000000\t", 13) == 0);
	CHECK(cd_map_add(&m, &f, 3, &keys) == 0);
	nl = memchr(keys.p, '\n', keys.len);
	CHECK(strncmp(nl + 1, "!\t0000000003\t", 13) == 0);
	/* finishing may move keys.p: keep the offset, not the pointer */
	off = (size_t)(nl + 1 - keys.p);
	CHECK(cd_map_finish(&m, &keys, NULL) == 0);
	cd_map_release(&m);
	nl = memchr(keys.p + off, '\n', keys.len - off);
	CHECK(nl[1 + 29] == '\n' && memcmp(nl + 1 + 17, "0000000000", 10) == 0);
	CHECK(memcmp(nl + 1, nl + 31, 16) == 0);
	cd_reduce_init(&r, &o, &out);
	CHECK(reduce_all(&r, &keys) == 0);
	CHECK(cd_reduce_finish(&r) == 0);
	CHECK_STR(out.p, out.len, "0000000000\t0000000003\t1000\t1\n");
	CHECK(cd_mapred_edge(out.p, out.len - 1, &a, &b, &milli, &dup) == 0);
	CHECK(a == 0 && b == 3 && milli == 1000 && dup);
	CHECK(cd_reduce_line(&r, "x\ty", 3, &why) == -1 && why);
	CHECK(cd_mapred_edge("1\t2\t3", 5, &a, &b, &milli, &dup) == -1);
	cd_reduce_release(&r);
	/* A key line whose record has no signature line is refused. */
	cd_reduce_init(&r, &o, &out);
	CHECK(cd_reduce_line(&r, "00000000000000ab\t0000000001\tb", 30,
			     &why) == -1 && why);
	cd_reduce_release(&r);
	cd_fp_release(&f);
	cd_buf_release(&keys);
	cd_buf_release(&out);
}

/* The signature line of the text s as record 0, without its newline,
 * into line. */
static void sig_line_of(const char *s, struct cd_buf *line)
{
	struct cd_dedup_opts o;
	struct cd_map m;
	struct cd_fp f;

	cd_dedup_opts_init(&o);
	cd_fp_init(&f);
	fp_of(&f, s);
	cd_buf_reset(line);
	CHECK(cd_map_init(&m, &o) == 0);
	CHECK(cd_map_add(&m, &f, 0, line) == 0);
	line->len--;
	cd_map_release(&m);
	cd_fp_release(&f);
}

/* Tabs in line[0..len). */
static size_t tabs(const struct cd_buf *line)
{
	size_t i, n = 0;

	for (i = 0; i < line->len; i++)
		n += line->p[i] == '\t';
	return n;
}

static void test_exact_field(void)
{
	struct cd_dedup_opts o;
	struct cd_reduce r;
	struct cd_buf line = CD_BUF_INIT, out = CD_BUF_INIT;
	const char *why;

	cd_dedup_opts_init(&o);
	/* three words or fewer: a tenth field, the exact hash in hex */
	sig_line_of("hapa 8928", &line);
	CHECK(tabs(&line) == 9);
	CHECK(line.len > 17 && line.p[line.len - 17] == '\t');
	cd_reduce_init(&r, &o, &out);
	CHECK(cd_reduce_line(&r, line.p, line.len, &why) == 0);
	/* without it, the line is refused */
	CHECK(cd_reduce_line(&r, line.p, line.len - 17, &why) == -1 && why);
	cd_reduce_release(&r);
	/* four words: nine fields, and a tenth is refused */
	sig_line_of("one two three four", &line);
	CHECK(tabs(&line) == 8);
	cd_buf_adds(&line, "\t0123456789abcdef");
	cd_reduce_init(&r, &o, &out);
	CHECK(cd_reduce_line(&r, line.p, line.len, &why) == -1 && why);
	cd_reduce_release(&r);
	cd_buf_release(&line);
	cd_buf_release(&out);
}

int main(void)
{
	test_reduce();
	test_exact_field();
	return UNIT_END();
}
