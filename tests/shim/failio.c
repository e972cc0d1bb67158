/*
 * failio.c - an LD_PRELOAD shim that makes read(2) or write(2) fail, to
 * test that the programs end cleanly on I/O errors (tests/failio.bats).
 *
 * Environment:
 *   FAILIO_READ_AFTER=N   the read() calls on the chosen descriptor after
 *                         the first N fail
 *   FAILIO_READ_FD=FD     the descriptor for reads (default: any)
 *   FAILIO_WRITE_AFTER=N  the same for write()
 *   FAILIO_WRITE_FD=FD    the descriptor for writes (default: 1)
 *   FAILIO_ERRNO=E        the errno to fail with (default: EIO)
 * Unset variables leave the call alone.  Only calls that go through the
 * dynamic symbols read and write are seen; glibc's stdio calls its
 * internal ones, so messages on stderr still get out.
 *
 * Built by the test: cc -shared -fPIC -o failio.so tests/shim/failio.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);

/* One failing call: which descriptor, after how many calls. */
struct rule {
	int on;		/* the variable was set */
	long after;	/* calls let through */
	int fd;		/* -1: any */
	long calls;	/* calls seen so far */
};

static struct rule rr, wr;
static int fail_errno = EIO;
static int ready;

/* Read the rules from the environment once. */
static void init(void)
{
	const char *s;

	if (ready)
		return;
	ready = 1;
	if ((s = getenv("FAILIO_READ_AFTER"))) {
		rr.on = 1;
		rr.after = atol(s);
	}
	s = getenv("FAILIO_READ_FD");
	rr.fd = s ? atoi(s) : -1;
	if ((s = getenv("FAILIO_WRITE_AFTER"))) {
		wr.on = 1;
		wr.after = atol(s);
	}
	s = getenv("FAILIO_WRITE_FD");
	wr.fd = s ? atoi(s) : 1;
	if ((s = getenv("FAILIO_ERRNO")))
		fail_errno = atoi(s);
}

/* Should this call on fd fail under rule r? */
static int fails(struct rule *r, int fd)
{
	if (!r->on || (r->fd >= 0 && fd != r->fd))
		return 0;
	return r->calls++ >= r->after;
}

ssize_t read(int fd, void *buf, size_t n)
{
	static ssize_t (*real)(int, void *, size_t);

	init();
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "read");
	if (fails(&rr, fd)) {
		errno = fail_errno;
		return -1;
	}
	return real(fd, buf, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	init();
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "write");
	if (fails(&wr, fd)) {
		errno = fail_errno;
		return -1;
	}
	return real(fd, buf, n);
}
