/* run.c - the shared record loop; see run.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "msg.h"
#include "reader.h"
#include "run.h"

void cd_run_init(struct cd_run *run, struct cd_common *co, cd_rec_fn fn,
		 void *ctx)
{
	memset(run, 0, sizeof(*run));
	run->co = co;
	run->fn = fn;
	run->ctx = ctx;
	run->need_field = true;
	run->rejects.fd = -1;
	cd_rec_init(&run->rec);
	if (co->rejects)
		cd_sink_open(&run->rejects, co->rejects);
}

int cd_run_reject(struct cd_run *run, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(run->why, sizeof(run->why), fmt, ap);
	va_end(ap);
	return -1;
}

void cd_run_reject_at(struct cd_run *run, const char *file, uint64_t line,
		      const char *raw, size_t len, const char *why)
{
	run->nrej++;
	cd_error_at(file, line, "%s", why);
	if (run->rejects.fd >= 0) {
		cd_sink_write(&run->rejects, raw, len);
		cd_sink_write(&run->rejects, "\n", 1);
	}
	if (run->co->strict)
		run->stopped = true;
}

/* Let the program report what it holds before the loop reports. */
static void barrier(struct cd_run *run)
{
	if (run->barrier)
		run->barrier(run->ctx, run);
}

/* Report the current line as rejected for run->why and copy it (the raw
 * bytes of ln, plus "\n") to --rejects. */
static void reject(struct cd_run *run, const struct cd_line *ln)
{
	barrier(run);
	cd_run_reject_at(run, run->file, run->line, ln->p, ln->len, run->why);
}

/* Is s[0..len) only JSON white space? */
static bool blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* Validate one line and pass it to the program. */
static void one_line(struct cd_run *run, const struct cd_line *ln)
{
	const char *p = ln->p;
	size_t len = ln->len;
	struct cd_jerr je;

	if (run->line == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		len -= 3;
	}
	if (blank(p, len))
		return;
	run->nrec++;
	if (cd_rec_parse(&run->rec, p, len, &je) != 0) {
		cd_run_reject(run, "column %zu: %s", je.col + (size_t)(p - ln->p),
			      je.reason);
		reject(run, ln);
		return;
	}
	if (run->need_field &&
	    !cd_rec_string(&run->rec, run->co->field, &run->text)) {
		const struct cd_field *f = cd_rec_find(&run->rec, run->co->field);

		cd_run_reject(run, f ? "field '%s' is not a string" :
			      "no '%s' field", run->co->field);
		reject(run, ln);
		return;
	}
	cd_buf_reset(&run->out);
	run->raw = ln->p;
	run->rawlen = ln->len;
	if (run->fn(run->ctx, run, &run->rec) != 0)
		reject(run, ln);
}

/* Send the rest of an over-long line to --rejects in chunks. */
static int long_line(struct cd_run *run, struct cd_reader *r,
		     struct cd_line *ln)
{
	int st;

	barrier(run);
	run->nrec++;
	run->nrej++;
	cd_error_at(run->file, run->line, "record longer than %zu bytes",
		    run->co->max_record);
	for (;;) {
		if (run->rejects.fd >= 0)
			cd_sink_write(&run->rejects, ln->p, ln->len);
		st = cd_reader_rest(r, ln);
		if (st == CD_LONG)
			continue;
		if (st == CD_LINE && run->rejects.fd >= 0) {
			cd_sink_write(&run->rejects, ln->p, ln->len);
			cd_sink_write(&run->rejects, "\n", 1);
		}
		break;
	}
	if (run->co->strict)
		run->stopped = true;
	return st;
}

void cd_run_file(struct cd_run *run, const char *path)
{
	struct cd_reader r;
	struct cd_line ln;
	int st;

	if (cd_reader_open(&r, path, run->co->max_record) != 0) {
		barrier(run);
		cd_error_errno(cd_inname(path));
		return;
	}
	cd_progress_add_total(r.size);
	run->file = path;
	while (!run->stopped && (st = cd_reader_line(&r, &ln)) != CD_EOF) {
		run->line = r.lineno;
		if (st == CD_LONG)
			st = long_line(run, &r, &ln);
		else if (st == CD_LINE)
			one_line(run, &ln);
		if (st == CD_RERR) {
			barrier(run);
			cd_error_at(path, 0, "%s after line %llu", r.err,
				    (unsigned long long)r.lineno);
			break;
		}
		cd_progress_tick(1, ln.len + 1);
	}
	cd_reader_close(&r);
}

void cd_run_files(struct cd_run *run, int nfiles, char **files)
{
	int i;

	cd_progress_init(run->co->progress, 0);
	if (nfiles == 0)
		cd_run_file(run, "-");
	for (i = 0; i < nfiles && !run->stopped; i++)
		cd_run_file(run, files[i]);
}

int cd_run_finish(struct cd_run *run)
{
	cd_progress_done();
	if (run->nrej)
		cd_error("%llu of %llu records rejected",
			 (unsigned long long)run->nrej,
			 (unsigned long long)run->nrec);
	cd_sink_close(&run->rejects);
	cd_out_finish();
	cd_rec_release(&run->rec);
	cd_buf_release(&run->text);
	cd_buf_release(&run->out);
	return cd_status();
}
