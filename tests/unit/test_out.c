/*
 * test_out.c - unit tests of out.h's write behind (cd_sink_behind): the
 * bytes written through a worker come out whole and in order, across
 * buffers handed over, writes longer than a buffer and a return to
 * writing in the caller's thread; without a worker nothing changes; a
 * sink opened over a struct never zeroed is not behind.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "out.h"
#include "unit.h"
#include "worker.h"

/* The test pattern: byte i of the stream. */
static char pat(size_t i)
{
	return (char)('a' + (i * 7 + i / 251) % 26);
}

/* Write n bytes of the pattern to path in pieces of varying sizes (some
 * longer than the buffers), through worker w from byte from to byte to
 * (w NULL: never), and return what the file holds in got. */
static void write_through(const char *path, struct cd_worker *w, size_t n,
			  size_t from, size_t to, size_t cap, struct cd_buf *got)
{
	struct cd_sink s = { .fd = -1 };
	size_t most = 3 * (cap < 65536 ? 65536 : cap);	/* a piece */
	char *piece = cd_xmalloc(most + 1);
	size_t at = 0, k = 0;
	int fd;

	cd_sink_open(&s, path);
	while (at < n) {
		size_t len = (k * 2654435761u) % (k % 9 ? 300 : most) + 1;

		if (len > n - at)
			len = n - at;
		if (w && at >= from && !s.w)
			cd_sink_behind(&s, w, cap);
		if (s.w && at >= to)
			cd_sink_behind(&s, NULL, 0);
		for (size_t i = 0; i < len; i++)
			piece[i] = pat(at + i);
		cd_sink_write(&s, piece, len);
		at += len;
		k++;
	}
	cd_sink_close(&s);
	cd_buf_reset(got);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	for (ssize_t r; fd >= 0 && (r = read(fd, piece, most)) > 0;)
		cd_buf_add(got, piece, (size_t)r);
	if (fd >= 0)
		close(fd);
	free(piece);
}

/* Whether got holds the n bytes of the pattern. */
static int is_pattern(const struct cd_buf *got, size_t n)
{
	if (got->len != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (got->p[i] != pat(i))
			return 0;
	return 1;
}

/* A sink opened over a struct that was never zeroed (one on the stack,
 * as copydesk-report's) writes in the caller's thread, all of it. */
static void test_open_unzeroed(const char *path)
{
	struct cd_sink s;
	char back[64];
	ssize_t k;
	int fd;

	memset(&s, 0xa5, sizeof s);
	cd_sink_open(&s, path);
	CHECK(s.w == NULL && !s.busy);
	for (int i = 0; i < 10; i++)
		cd_sink_write(&s, "abcde", 5);
	cd_sink_close(&s);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	k = fd >= 0 ? read(fd, back, sizeof back) : -1;
	CHECK(k == 50 && memcmp(back, "abcdeabcde", 10) == 0);
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char path[] = "/tmp/test_out.XXXXXX";
	int fd = mkstemp(path);
	struct cd_worker *w = cd_worker_new();
	struct cd_buf got = CD_BUF_INIT;
	size_t n = (size_t)3 << 20;

	CHECK(fd >= 0 && w != NULL);
	/* Behind all along, with buffers of the least size and larger. */
	write_through(path, w, n, 0, SIZE_MAX, 0, &got);
	CHECK(is_pattern(&got, n));
	write_through(path, w, n, 0, SIZE_MAX, 200000, &got);
	CHECK(is_pattern(&got, n));
	/* Behind from the middle on, and for a stretch only. */
	write_through(path, w, n, n / 3, SIZE_MAX, 1 << 20, &got);
	CHECK(is_pattern(&got, n));
	write_through(path, w, n, n / 5, n / 2, 100000, &got);
	CHECK(is_pattern(&got, n));
	/* Never: the sink as it always was. */
	write_through(path, NULL, n, 0, SIZE_MAX, 0, &got);
	CHECK(is_pattern(&got, n));
	/* A short output that never fills a buffer. */
	write_through(path, w, 1000, 0, SIZE_MAX, 1 << 20, &got);
	CHECK(is_pattern(&got, 1000));
	test_open_unzeroed(path);
	cd_worker_free(w);
	cd_buf_release(&got);
	close(fd);
	unlink(path);
	return UNIT_END();
}
