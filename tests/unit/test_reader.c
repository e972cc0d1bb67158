/*
 * test_reader.c - the line reader (reader.h): plain and gzip input,
 * multi-member and truncated gzip, CRLF, lines longer than the buffer,
 * CD_LONG chunking, whole-file reads and the size of an input pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "reader.h"
#include "unit.h"

static char dir[] = "/tmp/test_reader.XXXXXX";

/* The path of test file name, in a static buffer. */
static const char *path_of(const char *name)
{
	static char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

/* Write len bytes to file name (truncate, or append when add). */
static void put(const char *name, const void *p, size_t len, int add)
{
	FILE *f = fopen(path_of(name), add ? "ab" : "wb");

	CHECK(f && fwrite(p, 1, len, f) == len);
	if (f)
		fclose(f);
}

/* Append p[0..len) to file name as one gzip member. */
static void put_gz(const char *name, const void *p, size_t len, int add)
{
	gzFile g = gzopen(path_of(name), add ? "ab" : "wb");

	CHECK(g && gzwrite(g, p, (unsigned)len) == (int)len);
	if (g)
		gzclose(g);
}

/* Read every line of file name (chunks of long lines joined, "\n" where
 * the reader saw one) into out; returns the last status. */
static int read_all(const char *name, size_t max, struct cd_buf *out,
		    unsigned *nlines)
{
	struct cd_reader r;
	struct cd_line ln;
	int st;

	*nlines = 0;
	if (cd_reader_open(&r, path_of(name), max) != 0)
		return -99;
	while ((st = cd_reader_line(&r, &ln)) == CD_LINE || st == CD_LONG) {
		++*nlines;
		cd_buf_add(out, ln.p, ln.len);
		while (st == CD_LONG && (st = cd_reader_rest(&r, &ln)) != CD_RERR)
			cd_buf_add(out, ln.p, ln.len);
		if (st == CD_RERR)
			break;
		if (ln.nl)
			cd_buf_addc(out, '\n');
	}
	cd_reader_close(&r);
	return st;
}

static void test_plain(void)
{
	static const char text[] = "one\ntwo\n\nfour\n";
	struct cd_reader r;
	struct cd_line ln;

	put("plain", text, sizeof(text) - 1, 0);
	CHECK(cd_reader_open(&r, path_of("plain"), 0) == 0);
	CHECK(r.size == sizeof(text) - 1);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.nl && r.lineno == 1);
	CHECK_STR(ln.p, ln.len, "one");
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && r.lineno == 2);
	CHECK_STR(ln.p, ln.len, "two");
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.len == 0 && ln.nl);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && r.lineno == 4);
	CHECK_STR(ln.p, ln.len, "four");
	CHECK(cd_reader_line(&r, &ln) == CD_EOF);
	CHECK(cd_reader_line(&r, &ln) == CD_EOF);
	CHECK(r.bytes == sizeof(text) - 1);
	cd_reader_close(&r);
}

static void test_edges(void)
{
	struct cd_reader r;
	struct cd_line ln;

	put("empty", "", 0, 0);
	CHECK(cd_reader_open(&r, path_of("empty"), 0) == 0);
	CHECK(cd_reader_line(&r, &ln) == CD_EOF && r.lineno == 0);
	cd_reader_close(&r);
	put("nofinal", "a\nlast", 6, 0);
	CHECK(cd_reader_open(&r, path_of("nofinal"), 0) == 0);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.nl);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && !ln.nl && r.lineno == 2);
	CHECK_STR(ln.p, ln.len, "last");
	CHECK(cd_reader_line(&r, &ln) == CD_EOF);
	cd_reader_close(&r);
	/* NUL bytes are data. */
	put("nul", "a\0b\n", 4, 0);
	CHECK(cd_reader_open(&r, path_of("nul"), 0) == 0);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.len == 3 &&
	      memcmp(ln.p, "a\0b", 3) == 0);
	cd_reader_close(&r);
	errno = 0;
	CHECK(cd_reader_open(&r, path_of("absent"), 0) == -1 && errno == ENOENT);
	CHECK(cd_reader_open(&r, dir, 0) == -1 && errno == EISDIR);
}

static void test_crlf(void)
{
	struct cd_reader r;
	struct cd_line ln;

	put("crlf", "a\r\n\r\nb\r", 7, 0);
	CHECK(cd_reader_open(&r, path_of("crlf"), 0) == 0);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE);
	CHECK_STR(ln.p, ln.len, "a\r");
	CHECK(cd_reader_line(&r, &ln) == CD_LINE);
	CHECK_STR(ln.p, ln.len, "\r");
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && !ln.nl);
	CHECK_STR(ln.p, ln.len, "b\r");
	cd_reader_close(&r);
}

static void test_gzip(void)
{
	static const char a[] = "{\"a\":1}\n{\"b\":2}\n", b[] = "{\"c\":3}\nno newline";
	struct cd_buf out = CD_BUF_INIT;
	unsigned n;

	put_gz("one.gz", a, sizeof(a) - 1, 0);
	CHECK(read_all("one.gz", 0, &out, &n) == CD_EOF && n == 2);
	CHECK_STR(out.p, out.len, a);
	/* Multi-member: the members are read one after the other. */
	put_gz("multi.gz", a, sizeof(a) - 1, 0);
	put_gz("multi.gz", "", 0, 1);
	put_gz("multi.gz", b, sizeof(b) - 1, 1);
	cd_buf_reset(&out);
	CHECK(read_all("multi.gz", 0, &out, &n) == CD_EOF && n == 4);
	CHECK_STR(out.p, out.len, "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\nno newline");
	/* Garbage after a member is damage, after the member's lines. */
	put_gz("garbage.gz", a, sizeof(a) - 1, 0);
	put("garbage.gz", "junk\n", 5, 1);
	cd_buf_reset(&out);
	CHECK(read_all("garbage.gz", 0, &out, &n) == CD_RERR && n == 2);
	CHECK_STR(out.p, out.len, a);
	cd_buf_release(&out);
}

/* The size of file name. */
static long size_of(const char *name)
{
	FILE *f = fopen(path_of(name), "rb");
	long n;

	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fclose(f);
	return n;
}

static void test_truncated_gzip(void)
{
	struct cd_buf text = CD_BUF_INIT, gz = CD_BUF_INIT, out = CD_BUF_INIT;
	struct cd_reader r;
	struct cd_line ln;
	unsigned i, n;
	long size;
	int st;

	/* Enough incompressible-ish lines that the cut lands mid-stream. */
	for (i = 0; i < 20000; i++)
		cd_buf_addf(&text, "{\"n\":%u,\"h\":\"%08x\"}\n", i, i * 2654435761u);
	put_gz("full.gz", text.p, text.len, 0);
	size = size_of("full.gz");
	CHECK(size > 1000);
	{
		FILE *f = fopen(path_of("full.gz"), "rb");

		cd_buf_grow(&gz, (size_t)size);
		CHECK(f && fread(gz.p, 1, (size_t)size, f) == (size_t)size);
		if (f)
			fclose(f);
	}
	put("cut.gz", gz.p, (size_t)size / 2, 0);
	CHECK(read_all("cut.gz", 0, &out, &n) == CD_RERR);
	/* Every complete line before the damage came out, and only those. */
	CHECK(n > 100 && n < 20000);
	CHECK(out.len > 0 && out.p[out.len - 1] == '\n');
	CHECK(out.len < text.len && memcmp(out.p, text.p, out.len) == 0);
	/* Cutting only the 8-byte trailer still loses nothing but is damage. */
	put("trailer.gz", gz.p, (size_t)size - 4, 0);
	cd_buf_reset(&out);
	CHECK(read_all("trailer.gz", 0, &out, &n) == CD_RERR && n == 20000);
	CHECK(out.len == text.len);
	/* The message says what happened. */
	CHECK(cd_reader_open(&r, path_of("cut.gz"), 0) == 0);
	while ((st = cd_reader_line(&r, &ln)) == CD_LINE)
		;
	CHECK(st == CD_RERR && r.err && strstr(r.err, "truncated"));
	cd_reader_close(&r);
	/* A corrupt stream: overwrite bytes in the middle.  Deflate may
	 * decode them to garbage; the CRC at the end still catches it. */
	memset(gz.p + size / 2, 0x55, 64);
	put("corrupt.gz", gz.p, (size_t)size, 0);
	cd_buf_reset(&out);
	CHECK(read_all("corrupt.gz", 0, &out, &n) == CD_RERR);
	cd_buf_release(&text);
	cd_buf_release(&gz);
	cd_buf_release(&out);
}

static void test_long_lines(void)
{
	size_t big = 3u << 20, i;	/* beyond the 256 KiB buffer */
	char *line = malloc(big + 1);
	struct cd_reader r;
	struct cd_line ln;

	for (i = 0; i < big; i++)
		line[i] = (char)('a' + i % 26);
	line[big] = '\n';
	put("long", "short\n", 6, 0);
	put("long", line, big + 1, 1);
	put("long", "tail\n", 5, 1);
	CHECK(cd_reader_open(&r, path_of("long"), 0) == 0);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.len == 5);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.len == big && ln.nl &&
	      memcmp(ln.p, line, big) == 0 && r.lineno == 2);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && r.lineno == 3);
	CHECK_STR(ln.p, ln.len, "tail");
	cd_reader_close(&r);
	/* The same through gzip. */
	put_gz("long.gz", "short\n", 6, 0);
	put_gz("long.gz", line, big + 1, 1);
	CHECK(cd_reader_open(&r, path_of("long.gz"), 0) == 0);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.len == 5);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.len == big &&
	      memcmp(ln.p, line, big) == 0);
	CHECK(cd_reader_line(&r, &ln) == CD_EOF);
	cd_reader_close(&r);
	free(line);
}

/* Read file name with max; the long line must come in chunks with the
 * first exactly max bytes, joined equal to the input. */
static void check_chunks(const char *name, const char *want, size_t wlen,
			 size_t max, unsigned wlines)
{
	struct cd_buf out = CD_BUF_INIT;
	unsigned n;

	CHECK(read_all(name, max, &out, &n) == CD_EOF && n == wlines);
	CHECK(out.len == wlen && memcmp(out.p, want, wlen) == 0);
	cd_buf_release(&out);
}

static void test_chunking(void)
{
	size_t big = 1u << 20, i, max = 1000, total;
	struct cd_buf text = CD_BUF_INIT;
	struct cd_reader r;
	struct cd_line ln;
	int st, chunks = 0;

	cd_buf_adds(&text, "{\"a\":1}\n");
	for (i = 0; i < big; i++)
		cd_buf_addc(&text, (char)('0' + i % 10));
	cd_buf_adds(&text, "\n{\"b\":2}\n");
	put("chunks", text.p, text.len, 0);
	CHECK(cd_reader_open(&r, path_of("chunks"), max) == 0);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.len == 7);
	CHECK(cd_reader_line(&r, &ln) == CD_LONG && ln.len == max && !ln.nl);
	CHECK(r.lineno == 2 && memcmp(ln.p, text.p + 8, max) == 0);
	total = ln.len;
	while ((st = cd_reader_rest(&r, &ln)) == CD_LONG) {
		CHECK(ln.len > 0 && !ln.nl);
		total += ln.len;
		chunks++;
	}
	CHECK(st == CD_LINE && ln.nl && total + ln.len == big);
	CHECK(chunks > 1);	/* streamed, not buffered whole */
	CHECK(r.cap <= 512 * 1024);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && r.lineno == 3);
	CHECK_STR(ln.p, ln.len, "{\"b\":2}");
	cd_reader_close(&r);
	check_chunks("chunks", text.p, text.len, max, 3);
	/* Exactly max bytes is not long; max + 1 is. */
	put("edge", "abcd\nabcde\nabc", 14, 0);
	CHECK(cd_reader_open(&r, path_of("edge"), 4) == 0);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.len == 4);
	CHECK(cd_reader_line(&r, &ln) == CD_LONG && ln.len == 4);
	CHECK(cd_reader_rest(&r, &ln) == CD_LINE && ln.len == 1 && ln.nl);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.len == 3 && !ln.nl);
	cd_reader_close(&r);
	/* A long last line without "\n", and the same through gzip. */
	text.len -= 9;
	put("chunks2", text.p, text.len, 0);
	check_chunks("chunks2", text.p, text.len, max, 2);
	put_gz("chunks.gz", text.p, text.len, 0);
	check_chunks("chunks.gz", text.p, text.len, max, 2);
	cd_buf_release(&text);
}

/* gzip on a pipe that delivers its first byte alone (a slow producer,
 * a network stream): the magic must still be seen. */
static void test_gzip_pipe_split_magic(void)
{
	static const char a[] = "{\"a\":1}\n{\"b\":2}\n";
	struct cd_buf out = CD_BUF_INIT, gz = CD_BUF_INIT;
	int fds[2], wst;
	pid_t pid;
	unsigned n;
	char path[64];
	long size;
	FILE *f;

	put_gz("pipe.gz", a, sizeof(a) - 1, 0);
	size = size_of("pipe.gz");
	f = fopen(path_of("pipe.gz"), "rb");
	cd_buf_grow(&gz, (size_t)size);
	CHECK(f && fread(gz.p, 1, (size_t)size, f) == (size_t)size);
	if (f)
		fclose(f);
	CHECK(pipe(fds) == 0);
	signal(SIGPIPE, SIG_IGN);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		if (write(fds[1], gz.p, 1) != 1)
			_exit(1);
		usleep(200 * 1000);
		_exit(write(fds[1], gz.p + 1, (size_t)size - 1) != size - 1);
	}
	close(fds[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	{
		struct cd_reader r;
		struct cd_line ln;
		int st;

		CHECK(cd_reader_open(&r, path, 0) == 0);
		n = 0;
		while ((st = cd_reader_line(&r, &ln)) == CD_LINE) {
			cd_buf_add(&out, ln.p, ln.len);
			cd_buf_addc(&out, '\n');
			n++;
		}
		CHECK(st == CD_EOF && n == 2);
		CHECK_STR(out.p, out.len, a);
		cd_reader_close(&r);
	}
	close(fds[0]);
	CHECK(waitpid(pid, &wst, 0) == pid);
	/* A one-byte input is not gzip and is read as it is. */
	put("onebyte", "\x1f", 1, 0);
	cd_buf_reset(&out);
	CHECK(read_all("onebyte", 0, &out, &n) == CD_EOF && n == 1);
	CHECK_STR(out.p, out.len, "\x1f");
	cd_buf_release(&out);
	cd_buf_release(&gz);
}

static void test_slurp(void)
{
	static const char a[] = "doc one\nline two\n";
	struct cd_buf out = CD_BUF_INIT;
	struct cd_reader r;

	put_gz("slurp.gz", a, sizeof(a) - 1, 0);
	CHECK(cd_reader_open(&r, path_of("slurp.gz"), 0) == 0);
	CHECK(cd_reader_slurp(&r, &out) == 0);
	CHECK_STR(out.p, out.len, a);
	cd_reader_close(&r);
	cd_buf_reset(&out);
	put("slurp", a, sizeof(a) - 1, 0);
	CHECK(cd_reader_open(&r, path_of("slurp"), 0) == 0);
	CHECK(cd_reader_slurp(&r, &out) == 0);
	CHECK_STR(out.p, out.len, a);
	cd_reader_close(&r);
	cd_buf_release(&out);
}

/* An input pipe is made 1 MiB large, where the system lets a pipe be
 * made so large at all (checked on a pipe of our own); one made larger
 * already (where the system lets a pipe be made 4 MiB large, as for
 * root) stays so. */
static void test_pipe_size(void)
{
	struct cd_reader r;
	char path[64];
	int p[2], q[2];

	if (pipe(p) != 0 || pipe(q) != 0) {
		CHECK(!"pipe");
		return;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	if (fcntl(q[0], F_SETPIPE_SZ, 1 << 20) == 1 << 20) {
		CHECK(fcntl(p[0], F_GETPIPE_SZ) < 1 << 20);
		CHECK(cd_reader_open(&r, path, 0) == 0);
		CHECK(fcntl(p[0], F_GETPIPE_SZ) == 1 << 20);
		cd_reader_close(&r);
	}
	if (fcntl(p[0], F_SETPIPE_SZ, 4 << 20) == 4 << 20) {
		CHECK(cd_reader_open(&r, path, 0) == 0);
		CHECK(fcntl(p[0], F_GETPIPE_SZ) == 4 << 20);
		cd_reader_close(&r);
	} else {
		fprintf(stderr, "test_reader: no pipe of 4 MiB here (needs "
			"CAP_SYS_RESOURCE): not checked that one stays so\n");
	}
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

int main(void)
{
	char cmd[64];

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_plain();
	test_edges();
	test_crlf();
	test_gzip();
	test_truncated_gzip();
	test_long_lines();
	test_chunking();
	test_gzip_pipe_split_magic();
	test_slurp();
	test_pipe_size();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return UNIT_END();
}
