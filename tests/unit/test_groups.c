/* test_groups.c - unit tests of groups.c: the record side of
 * copydesk-group, in batch mode (spooled, written to a sink at the end)
 * and online (each record into the caller's buffer). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "dedup.h"
#include "groups.h"
#include "json.h"
#include "out.h"
#include "unit.h"

/* The copy index's key table in batch mode (dedup.h, opts.table) and
 * its size (opts.keys_len; 0: the default). */
static bool key_table;
static size_t key_len;

/* Group the records lines[0..n) with mode (online when online) and
 * append what is written to got: through a sink on a temporary file in
 * batch mode, from the per-record buffer online. */
static void group_lines(const char **lines, size_t n, bool online,
			enum cd_groups_mode mode, uint32_t base,
			struct cd_buf *got)
{
	struct cd_dedup_opts dd;
	struct cd_groups_opts go = { mode, false, online, NULL, NULL, base };
	struct cd_fpsrc src;
	struct cd_dedup *d = NULL;
	struct cd_groups *g = NULL;
	struct cd_rec rec;
	struct cd_buf out = CD_BUF_INIT, text = CD_BUF_INIT;
	struct cd_sink sink = { .fd = -1 };
	char path[] = "/tmp/test_groups.XXXXXX";
	struct cd_jerr err;
	const char *why;
	int fd = mkstemp(path);
	size_t i;

	cd_dedup_opts_init(&dd);
	dd.deferred = !online;
	dd.table = key_table && !online;
	dd.keys_len = key_len;
	cd_fpsrc_init(&src);
	cd_rec_init(&rec);
	for (i = 0; i < n; i++) {
		CHECK(cd_rec_parse(&rec, lines[i], strlen(lines[i]), &err) == 0);
		cd_rec_string(&rec, "text", &text);
		CHECK(cd_fpsrc_get(&src, &rec, text.p, text.len, &why) == 0);
		if (!d) {
			d = cd_dedup_new(&dd, &src.fp.par);
			g = cd_groups_new(&go, d, NULL);
		}
		cd_buf_reset(&out);
		cd_groups_add(g, cd_dedup_add(d, &src.fp), &rec, &out);
		cd_buf_add(got, out.p, out.len);
	}
	if (key_table && !online)	/* the table lasts, or overflowed */
		CHECK(cd_dedup_table_lasts(d) == (key_len == 0));
	cd_sink_open(&sink, path);
	CHECK(cd_groups_finish(g, &sink) == 0);
	cd_sink_close(&sink);
	unlink(path);
	for (ssize_t k; (k = read(fd, path, sizeof(path))) > 0;)
		cd_buf_add(got, path, (size_t)k);
	close(fd);
	cd_groups_free(g);
	cd_dedup_free(d);
	cd_fpsrc_release(&src);
	cd_rec_release(&rec);
	cd_buf_release(&out);
	cd_buf_release(&text);
}

static const char *recs[] = {
	"{\"id\":\"a\",\"text\":\"the council met on monday to discuss the road budget\"}",
	"{\"id\":\"b\",\"text\":\"an unrelated story about the harbour and its boats\"}",
	"{\"id\":\"c\",\"text\":\"The council met on Monday to discuss the road budget!\"}",
	"{\"text\":\"an unrelated story about the harbour and its boats\"}",
};

static void test_batch(void)
{
	struct cd_buf got = CD_BUF_INIT;

	group_lines(recs, 4, false, CD_GROUPS_ALL, 0, &got);
	cd_buf_addc(&got, '\0');
	CHECK(strstr(got.p, "\"id\":\"c\",\"text\":\"The council met on Monday to "
		      "discuss the road budget!\",\"group\":{\"dup\":\"a\","
		      "\"near\":\"a\"") != NULL);
	CHECK(strstr(got.p, "boats\",\"group\":{\"dup\":\"b\",\"near\":\"b\"") != NULL);
	CHECK(strstr(got.p, "\"near\":\"4\"") == NULL);
	cd_buf_reset(&got);
	group_lines(recs, 4, false, CD_GROUPS_DROP, 0, &got);
	cd_buf_addc(&got, '\0');
	CHECK(strstr(got.p, "\"id\":\"a\"") && strstr(got.p, "\"id\":\"b\"") &&
	      !strstr(got.p, "\"id\":\"c\""));
	cd_buf_release(&got);
}

static void test_online(void)
{
	struct cd_buf got = CD_BUF_INIT;

	/* online the records come out as they go in; a record without id
	 * is named by its number, counted from base */
	group_lines(recs + 1, 3, true, CD_GROUPS_ALL, 10, &got);
	cd_buf_addc(&got, '\0');
	CHECK(strncmp(got.p, "{\"id\":\"b\"", 9) == 0);
	CHECK(strstr(got.p, "{\"text\":\"an unrelated story about the harbour "
		      "and its boats\",\"group\":{\"dup\":\"b\"") != NULL);
	cd_buf_reset(&got);
	group_lines(recs + 3, 1, true, CD_GROUPS_ALL, 10, &got);
	cd_buf_addc(&got, '\0');
	CHECK(strstr(got.p, "\"dup\":\"11\"") != NULL);
	cd_buf_release(&got);
}

/* In batch mode with a key table the spool is held in memory while the
 * table holds the keys (a small input), and goes to its file when they
 * go to the sort (a table of 128 slots is full at the second record):
 * the output is the same either way, and as without a table. */
static void test_held(void)
{
	struct cd_buf want = CD_BUF_INIT, got = CD_BUF_INIT;
	size_t len[] = { 0, 128 };
	int m, k;

	for (m = 0; m < 2; m++) {
		enum cd_groups_mode mode = m ? CD_GROUPS_DROP : CD_GROUPS_ALL;

		cd_buf_reset(&want);
		key_table = false;
		group_lines(recs, 4, false, mode, 0, &want);
		CHECK(want.len > 100);
		for (k = 0; k < 2; k++) {
			cd_buf_reset(&got);
			key_table = true;
			key_len = len[k];
			group_lines(recs, 4, false, mode, 0, &got);
			CHECK(got.len == want.len &&
			      memcmp(got.p, want.p, got.len) == 0);
		}
	}
	key_table = false;
	key_len = 0;
	cd_buf_release(&want);
	cd_buf_release(&got);
}

int main(void)
{
	test_held();
	test_batch();
	test_online();
	return UNIT_END();
}
