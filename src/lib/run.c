/* run.c - the shared record loop; see run.h. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
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
	if (run->prep) {
		const char *why;

		if (run->prep(run->ctx, run->slots, &run->rec, &why) != 0) {
			cd_run_reject(run, "%s", why);
			reject(run, ln);
			return;
		}
		run->slot = run->slots;
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

/* ---- reading ahead (cd_run_prep) ---- */

/* What the thread reading ahead found, in input order. */
enum ev_kind {
	EV_FILE,	/* an input opened (path, size) */
	EV_OPEN,	/* an input that cannot be opened (path, err) */
	EV_REC,		/* a record, parsed and prepared in its slot */
	EV_REJECT,	/* a line refused for why */
	EV_LONG,	/* an over-long line, streamed to --rejects by the
			 * reader once the event is taken */
	EV_RERR,	/* a read error: why, after line `line` */
	EV_END
};

struct ahead_ev {
	enum ev_kind kind;
	const char *path;
	uint64_t size, line;
	int err;
	struct cd_buf raw;	/* the line as read */
	struct cd_rec rec;	/* EV_REC: parsed from raw */
	uint64_t lines, bytes;	/* progress since the event before */
	char why[256];
};

/* The ring of events between the two threads: ev[i % n] for event i. */
struct cd_ahead {
	struct cd_run *run;
	int nfiles;
	char **files;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct ahead_ev *ev;
	size_t n;
	size_t head, tail;	/* events made, events taken */
	bool pwait, cwait;	/* a thread waits for the other */
	uint64_t lines, bytes;	/* progress not sent yet */
};

/* A raw line kept past this is given back after use. */
#define AHEAD_RAW_KEEP ((size_t)1 << 20)

/* Wait for a free event: the next to make. */
static struct ahead_ev *ahead_claim(struct cd_ahead *a)
{
	pthread_mutex_lock(&a->mu);
	while (a->head - a->tail == a->n) {
		a->pwait = true;
		pthread_cond_wait(&a->cv, &a->mu);
	}
	pthread_mutex_unlock(&a->mu);
	return &a->ev[a->head % a->n];
}

/* Hand the event claimed last to the callback's thread, with the
 * progress made before it. */
static void ahead_post(struct cd_ahead *a)
{
	struct ahead_ev *e = &a->ev[a->head % a->n];

	e->lines = a->lines;
	e->bytes = a->bytes;
	a->lines = a->bytes = 0;
	pthread_mutex_lock(&a->mu);
	a->head++;
	if (a->cwait) {
		a->cwait = false;
		pthread_cond_signal(&a->cv);
	}
	pthread_mutex_unlock(&a->mu);
}

/* An over-long line (ln its first chunk): post its EV_LONG, wait until
 * the callback's thread has taken it (and every event before: it waits
 * for the next, touching no sink), and stream the line to --rejects
 * here, as cd_run_file does, not holding it.  Returns the reader's
 * status after it. */
static int ahead_long(struct cd_ahead *a, struct cd_reader *r,
		      struct cd_line *ln, struct ahead_ev *e)
{
	struct cd_sink *rej = &a->run->rejects;
	int st;

	e->kind = EV_LONG;
	e->line = r->lineno;
	ahead_post(a);
	pthread_mutex_lock(&a->mu);
	while (a->tail != a->head) {
		a->pwait = true;
		pthread_cond_wait(&a->cv, &a->mu);
	}
	pthread_mutex_unlock(&a->mu);
	for (;;) {
		if (rej->fd >= 0)
			cd_sink_write(rej, ln->p, ln->len);
		st = cd_reader_rest(r, ln);
		if (st != CD_LONG)
			break;
	}
	if (st == CD_LINE && rej->fd >= 0) {
		cd_sink_write(rej, ln->p, ln->len);
		cd_sink_write(rej, "\n", 1);
	}
	return st;
}

/* Copy, parse and prepare one line into event e (or nothing for a blank
 * line: returns false). */
static bool ahead_line(struct cd_ahead *a, const struct cd_line *ln,
		       uint64_t lineno, struct ahead_ev *e)
{
	struct cd_run *run = a->run;
	size_t off = 0, len = ln->len;
	struct cd_jerr je;
	const char *why;

	if (lineno == 1 && len >= 3 && memcmp(ln->p, "\xEF\xBB\xBF", 3) == 0) {
		off = 3;
		len -= 3;
	}
	if (blank(ln->p + off, len))
		return false;
	e->line = lineno;
	cd_buf_reset(&e->raw);
	cd_buf_add(&e->raw, ln->p, ln->len);
	e->kind = EV_REJECT;
	if (cd_rec_parse(&e->rec, e->raw.p + off, len, &je) != 0)
		snprintf(e->why, sizeof(e->why), "column %zu: %s",
			 je.col + off, je.reason);
	else if (run->prep(run->ctx, run->slots + (a->head % a->n) *
			   run->slot_size, &e->rec, &why) != 0)
		snprintf(e->why, sizeof(e->why), "%s", why);
	else
		e->kind = EV_REC;
	return true;
}

/* Read one input ahead. */
static void ahead_file(struct cd_ahead *a, const char *path)
{
	struct cd_reader r;
	struct cd_line ln;
	struct ahead_ev *e;
	int st;

	if (cd_reader_open(&r, path, a->run->co->max_record) != 0) {
		int err = errno;

		e = ahead_claim(a);
		e->kind = EV_OPEN;
		e->path = path;
		e->err = err;
		ahead_post(a);
		return;
	}
	e = ahead_claim(a);
	e->kind = EV_FILE;
	e->path = path;
	e->size = r.size;
	ahead_post(a);
	while ((st = cd_reader_line(&r, &ln)) != CD_EOF) {
		uint64_t lineno = r.lineno;

		if (st != CD_RERR) {
			e = ahead_claim(a);
			if (st == CD_LONG)
				st = ahead_long(a, &r, &ln, e);
			else if (ahead_line(a, &ln, lineno, e)) {
				ahead_post(a);
			}
		}
		a->lines++;
		a->bytes += ln.len + 1;
		if (st == CD_RERR) {
			e = ahead_claim(a);
			e->kind = EV_RERR;
			e->path = path;
			e->line = r.lineno;
			snprintf(e->why, sizeof(e->why), "%s", r.err);
			ahead_post(a);
			break;
		}
	}
	cd_reader_close(&r);
}

/* The thread reading ahead: every input, then EV_END. */
static void *ahead_main(void *arg)
{
	struct cd_ahead *a = arg;
	int i;

	if (a->nfiles == 0)
		ahead_file(a, "-");
	for (i = 0; i < a->nfiles; i++)
		ahead_file(a, a->files[i]);
	ahead_claim(a)->kind = EV_END;
	ahead_post(a);
	return NULL;
}

/* Wait for the next event. */
static struct ahead_ev *ahead_next(struct cd_ahead *a)
{
	struct ahead_ev *e;

	pthread_mutex_lock(&a->mu);
	while (a->tail == a->head) {
		a->cwait = true;
		pthread_cond_wait(&a->cv, &a->mu);
	}
	e = &a->ev[a->tail % a->n];
	pthread_mutex_unlock(&a->mu);
	return e;
}

/* Free the event taken last (and its slot); wake the reader when it
 * waits and half the ring is free. */
static void ahead_done(struct cd_ahead *a, struct ahead_ev *e)
{
	if (e->raw.cap > AHEAD_RAW_KEEP)
		cd_buf_release(&e->raw);
	pthread_mutex_lock(&a->mu);
	a->tail++;
	if (a->pwait && a->head - a->tail <= a->n / 2) {
		a->pwait = false;
		pthread_cond_signal(&a->cv);
	}
	pthread_mutex_unlock(&a->mu);
}

/* Take event e on the callback's thread as cd_run_file would have
 * taken its line.  Returns false at the end. */
static bool ahead_take(struct cd_run *run, struct cd_ahead *a,
		       struct ahead_ev *e)
{
	struct cd_line ln = { e->raw.p, e->raw.len, true };

	switch (e->kind) {
	case EV_FILE:
		cd_progress_add_total(e->size);
		run->file = e->path;
		break;
	case EV_OPEN:
		barrier(run);
		errno = e->err;
		cd_error_errno(cd_inname(e->path));
		break;
	case EV_REC:
		run->line = e->line;
		run->nrec++;
		run->slot = run->slots + (a->tail % a->n) * run->slot_size;
		cd_buf_reset(&run->out);
		run->raw = e->raw.p;
		run->rawlen = e->raw.len;
		if (run->fn(run->ctx, run, &e->rec) != 0)
			reject(run, &ln);
		break;
	case EV_REJECT:
		run->line = e->line;
		run->nrec++;
		snprintf(run->why, sizeof(run->why), "%s", e->why);
		reject(run, &ln);
		break;
	case EV_LONG:
		run->line = e->line;
		barrier(run);
		run->nrec++;
		run->nrej++;
		cd_error_at(run->file, run->line, "record longer than %zu bytes",
			    run->co->max_record);
		break;
	case EV_RERR:
		barrier(run);
		cd_error_at(e->path, 0, "%s after line %llu", e->why,
			    (unsigned long long)e->line);
		break;
	case EV_END:
		break;
	}
	if (e->lines)
		cd_progress_tick(e->lines, e->bytes);
	return e->kind != EV_END;
}

/* cd_run_files with reading, parsing and prep on a thread ahead.
 * Returns false, having read nothing, when no thread can be made. */
static bool run_ahead(struct cd_run *run, int nfiles, char **files)
{
	struct cd_ahead a;
	bool more = true, started;
	size_t i;

	memset(&a, 0, sizeof(a));
	a.run = run;
	a.nfiles = nfiles;
	a.files = files;
	a.n = run->nslots;
	a.ev = cd_xcalloc(a.n, sizeof(*a.ev));
	for (i = 0; i < a.n; i++) {
		cd_buf_init(&a.ev[i].raw);
		cd_rec_init(&a.ev[i].rec);
	}
	pthread_mutex_init(&a.mu, NULL);
	pthread_cond_init(&a.cv, NULL);
	started = pthread_create(&a.th, NULL, ahead_main, &a) == 0;
	if (started) {
		while (more) {
			struct ahead_ev *e = ahead_next(&a);

			more = ahead_take(run, &a, e);
			ahead_done(&a, e);
		}
		pthread_join(a.th, NULL);
	}
	pthread_cond_destroy(&a.cv);
	pthread_mutex_destroy(&a.mu);
	for (i = 0; i < a.n; i++) {
		cd_buf_release(&a.ev[i].raw);
		cd_rec_release(&a.ev[i].rec);
	}
	free(a.ev);
	return started;
}

void cd_run_prep(struct cd_run *run, cd_prep_fn prep, void *slots,
		 size_t slot_size, size_t nslots, bool ahead)
{
	run->prep = prep;
	run->slots = slots;
	run->slot_size = slot_size;
	run->nslots = nslots;
	run->ahead = ahead && nslots > 1;
}

void cd_run_files(struct cd_run *run, int nfiles, char **files)
{
	int i;

	cd_progress_init(run->co->progress, 0);
	if (run->ahead && !run->need_field && !run->co->strict &&
	    run_ahead(run, nfiles, files))
		return;
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
