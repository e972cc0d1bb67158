/*
 * test_run.c - the record loop's hooks for a program that holds records
 * (run.h): the barrier runs before the loop reports a line itself, and
 * cd_run_reject_at reports a held record by its own file and line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "msg.h"
#include "run.h"
#include "unit.h"

/* What the program held and did, in order: 'r' a record held, 'b' the
 * barrier (the held records reported: one is refused). */
struct held {
	char log[64];
	size_t n;
	struct cd_buf raw;	/* the raw line of the record held last */
	uint64_t line;
	const char *file;
};

static int hold(void *ctx, struct cd_run *run, const struct cd_rec *rec)
{
	struct held *h = ctx;

	(void)rec;
	h->log[h->n++] = 'r';
	cd_buf_reset(&h->raw);
	cd_buf_add(&h->raw, run->raw, run->rawlen);
	h->line = run->line;
	h->file = run->file;
	return 0;
}

static void report(void *ctx, struct cd_run *run)
{
	struct held *h = ctx;

	h->log[h->n++] = 'b';
	if (h->raw.len) {
		cd_run_reject_at(run, h->file, h->line, h->raw.p, h->raw.len,
				 "held and refused");
		cd_buf_reset(&h->raw);
	}
}

int main(void)
{
	char dir[] = "/tmp/test_run.XXXXXX", in[64], rej[64], got[256];
	struct held h;
	struct cd_common co;
	struct cd_run run;
	FILE *f;
	size_t n;

	cd_msg_init("test_run");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(in, sizeof(in), "%s/in", dir);
	snprintf(rej, sizeof(rej), "%s/rej", dir);
	f = fopen(in, "w");
	CHECK(f != NULL);
	fputs("{\"id\": 1, \"text\": \"a\"}\n{\"id\": 2,\n"
	      "{\"id\": 3, \"text\": \"c\"}\n", f);
	fclose(f);
	memset(&h, 0, sizeof(h));
	cd_common_init(&co);
	co.rejects = rej;
	cd_run_init(&run, &co, hold, &h);
	run.barrier = report;
	cd_run_file(&run, in);
	/* record 1 held; the barrier before line 2 is reported, which
	 * reports record 1 first; then record 3 */
	CHECK(h.n == 3 && memcmp(h.log, "rbr", 3) == 0);
	CHECK(run.nrej == 2 && run.nrec == 3);
	CHECK(h.line == 3);
	report(&h, &run);
	CHECK(run.nrej == 3);
	CHECK(cd_run_finish(&run) == 1);
	f = fopen(rej, "r");
	CHECK(f != NULL);
	n = f ? fread(got, 1, sizeof(got) - 1, f) : 0;
	got[n] = '\0';
	if (f)
		fclose(f);
	/* in input order: line 1 (held), line 2 (bad), line 3 (held) */
	CHECK(strcmp(got, "{\"id\": 1, \"text\": \"a\"}\n{\"id\": 2,\n"
		      "{\"id\": 3, \"text\": \"c\"}\n") == 0);
	cd_buf_release(&h.raw);
	unlink(in);
	unlink(rej);
	rmdir(dir);
	return UNIT_END();
}
