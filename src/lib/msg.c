/* msg.c - messages, exit status and the progress line; see msg.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"

static const char *progname = "copydesk";
static int status;

static struct {
	bool on, drawn;
	uint64_t total, records, bytes;
	double start, last;
} prog;

void cd_msg_init(const char *argv0)
{
	const char *s;

	if (!argv0 || !*argv0)
		return;
	s = strrchr(argv0, '/');
	progname = s ? s + 1 : argv0;
}

const char *cd_progname(void)
{
	return progname;
}

const char *cd_inname(const char *path)
{
	return (!path || strcmp(path, "-") == 0) ? "<stdin>" : path;
}

int cd_status(void)
{
	return status;
}

void cd_status_raise(int st)
{
	if (st > status)
		status = st;
}

/* Erase a drawn progress line so a message starts at column 0. */
static void progress_erase(void)
{
	if (prog.drawn) {
		fputs("\r\033[K", stderr);
		prog.drawn = false;
	}
}

/* Print "PROG: [FILE[:LINE]: ]msg\n" in one stdio call sequence. */
static void vmsg(const char *file, uint64_t line, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
static void vmsg(const char *file, uint64_t line, const char *fmt, va_list ap)
{
	progress_erase();
	if (file && line)
		fprintf(stderr, "%s: %s:%llu: ", progname, cd_inname(file),
			(unsigned long long)line);
	else if (file)
		fprintf(stderr, "%s: %s: ", progname, cd_inname(file));
	else
		fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
}

void cd_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
}

void cd_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
	cd_status_raise(CD_ERR);
}

void cd_error_at(const char *file, uint64_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(file ? file : "-", line, fmt, ap);
	va_end(ap);
	cd_status_raise(CD_ERR);
}

void cd_note_at(const char *file, uint64_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(file ? file : "-", line, fmt, ap);
	va_end(ap);
}

void cd_error_errno(const char *subject)
{
	cd_error("%s: %s", subject, strerror(errno));
}

void cd_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
	exit(CD_ERR);
}

void cd_oom(void)
{
	static const char tail[] = ": out of memory\n";

	/* No allocation and no stdio here: write(2) straight away. */
	if (write(2, progname, strlen(progname)) < 0 ||
	    write(2, tail, sizeof(tail) - 1) < 0)
		_exit(CD_ERR);
	_exit(CD_ERR);
}

const char *cd_msg_snippet(const char *s, size_t len, size_t max)
{
	static char out[4 * 64 + 8];
	size_t i, o = 0;

	if (max > 64)
		max = 64;
	for (i = 0; i < len && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7F && c != '\\') {
			out[o++] = (char)c;
		} else {
			snprintf(out + o, 5, "\\x%02x", c);
			o += 4;
		}
	}
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

/* Seconds on a monotonic clock. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cd_progress_init(int mode, uint64_t total)
{
	prog.on = mode > 0 || (mode == 0 && isatty(2));
	prog.total = total;
	prog.start = prog.last = now();
}

void cd_progress_add_total(uint64_t total)
{
	prog.total += total;
}

/* Draw the progress line now. */
static void progress_draw(double t)
{
	double secs = t - prog.start, mb = (double)prog.bytes / 1e6;
	double rate = secs > 0 ? mb / secs : 0;

	fprintf(stderr, "\r%s: %llu records, %.1f MB, %.1f MB/s", progname,
		(unsigned long long)prog.records, mb, rate);
	if (prog.total && prog.bytes <= prog.total && rate > 0) {
		double left = ((double)(prog.total - prog.bytes) / 1e6) / rate;

		fprintf(stderr, ", %.0f%%, ETA %dm%02ds",
			100.0 * (double)prog.bytes / (double)prog.total,
			(int)(left / 60), (int)left % 60);
	}
	fputs("\033[K", stderr);
	fflush(stderr);
	prog.drawn = true;
}

void cd_progress_tick(uint64_t records, uint64_t bytes)
{
	double t;

	prog.records += records;
	prog.bytes += bytes;
	/* Look at the clock only every 256 records: this is on the hot path. */
	if (!prog.on || (prog.records & 255) != 0)
		return;
	t = now();
	if (t - prog.last < 0.5)
		return;
	prog.last = t;
	progress_draw(t);
}

void cd_progress_done(void)
{
	if (prog.on)
		progress_draw(now());
	if (prog.drawn) {
		fputc('\n', stderr);
		prog.drawn = false;
	}
}
