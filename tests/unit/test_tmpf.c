/*
 * test_tmpf.c - unit tests of tmpf.h: buffered writes and reads of an
 * unlinked temporary file across buffer boundaries, a writer keeping the
 * last bytes in its buffer (also one of CD_BIG bytes, a mapping), views
 * into the read buffer, offsets, pread, and errors returned (never
 * fatal) for a short file and a bad descriptor, and a writer that
 * holds what it is given in memory until it passes a bound; the
 * readers again with a worker reading ahead (cd_tmpr_ahead).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "tmpf.h"
#include "unit.h"
#include "worker.h"

/* The worker the readers read ahead with, or NULL (cd_tmpr_ahead). */
static struct cd_worker *ahead;
/* The worker the writers write behind with, or NULL (cd_tmpw_behind). */
static struct cd_worker *behind;

/* Byte i of the test pattern. */
static unsigned char pat(size_t i)
{
	return (unsigned char)(i * 131 + (i >> 8));
}

/* Write n pattern bytes in pieces of 1 to 37 bytes through a writer with
 * the smallest buffer (4096 bytes); the offsets follow. */
static void test_write(int fd, size_t n)
{
	struct cd_tmpw w;
	unsigned char piece[37];
	size_t i = 0, k;

	cd_tmpw_init(&w, fd, 64);
	cd_tmpw_behind(&w, behind);
	while (i < n) {
		k = 1 + i % 37;
		if (k > n - i)
			k = n - i;
		for (size_t j = 0; j < k; j++)
			piece[j] = pat(i + j);
		CHECK(cd_tmpw_tell(&w) == i);
		CHECK(cd_tmpw_write(&w, piece, k) == 0);
		i += k;
	}
	CHECK(cd_tmpw_flush(&w) == 0);
	CHECK(cd_tmpw_tell(&w) == n);
	cd_tmpw_release(&w);
}

/* Read the file back in records of 10 bytes; the last one is short. */
static void test_read(int fd, size_t n)
{
	struct cd_tmpr r;
	unsigned char rec[10];
	size_t i = 0;
	int ok = 1;

	CHECK(cd_tmpr_init(&r, fd, 48) == 0);
	cd_tmpr_ahead(&r, ahead);
	while (i + sizeof rec <= n) {
		CHECK(cd_tmpr_read(&r, rec, sizeof rec) == 1);
		for (size_t j = 0; j < sizeof rec; j++)
			ok &= rec[j] == pat(i + j);
		i += sizeof rec;
	}
	CHECK(ok);
	/* n is not a multiple of 10: the file ends within a record. */
	errno = 0;
	CHECK(cd_tmpr_read(&r, rec, sizeof rec) == -1 && errno == EIO);
	cd_tmpr_release(&r);

	CHECK(cd_tmpr_init(&r, fd, 48) == 0);
	cd_tmpr_ahead(&r, ahead);
	for (i = 0; i < n; i++)
		if (cd_tmpr_read(&r, rec, 1) != 1 || rec[0] != pat(i))
			break;
	CHECK(i == n);
	CHECK(cd_tmpr_read(&r, rec, 1) == 0);
	cd_tmpr_release(&r);
}

/* Views of 10 bytes: in the buffer (4096 bytes, the smallest) they are
 * given; across its end they are not, the reader left as it was, and
 * the bytes are read instead. */
static void test_view(int fd, size_t n)
{
	struct cd_tmpr r;
	unsigned char rec[10];
	const unsigned char *v;
	size_t i = 0, views = 0, reads = 0;
	int ok = 1;

	CHECK(cd_tmpr_init(&r, fd, 48) == 0);
	cd_tmpr_ahead(&r, ahead);
	CHECK(cd_tmpr_view(&r, sizeof rec) == NULL);
	while (i + sizeof rec <= n) {
		if ((v = cd_tmpr_view(&r, sizeof rec)) != NULL) {
			views++;
		} else {
			CHECK(cd_tmpr_read(&r, rec, sizeof rec) == 1);
			v = rec;
			reads++;
		}
		for (size_t j = 0; j < sizeof rec; j++)
			ok &= v[j] == pat(i + j);
		i += sizeof rec;
	}
	CHECK(ok);
	/* 4096 is not a multiple of 10: some records cross a refill. */
	CHECK(views > 0 && reads > 1);
	CHECK(cd_tmpr_view(&r, sizeof rec) == NULL);
	cd_tmpr_release(&r);
}

/* pread anywhere, and EIO past the end. */
static void test_pread(int fd, size_t n)
{
	unsigned char buf[100];
	int ok = 1;

	CHECK(cd_tmpf_pread(fd, buf, sizeof buf, 777) == 0);
	for (size_t j = 0; j < sizeof buf; j++)
		ok &= buf[j] == pat(777 + j);
	CHECK(ok);
	errno = 0;
	CHECK(cd_tmpf_pread(fd, buf, sizeof buf, n - 50) == -1 && errno == EIO);
}

/* A writer of cap bytes that keeps keep of them, given n pattern bytes
 * in pieces of 1 to most bytes: whenever its buffer has filled, the
 * bytes from the file's end (flushed) on, at least keep of them, are in
 * the buffer, and the file is as written; cd_tmpw_recap writes all out
 * and starts an empty buffer of the new size. */
static void check_keep(size_t cap, size_t keep, size_t n, size_t most)
{
	struct cd_tmpw w;
	static unsigned char piece[8192];
	unsigned char buf[100];
	size_t i = 0, k, kept = cap;
	uint64_t seen = 0;
	int fd = cd_tmpfd(NULL, "test-tmpf"), ok = 1;

	CHECK(fd >= 0 && most <= sizeof piece && n > 12345 + sizeof buf);
	if (fd < 0)
		return;
	cd_tmpw_init(&w, fd, cap);
	w.keep = keep;
	while (i < n) {
		k = 1 + i % most;
		for (size_t j = 0; j < k; j++)
			piece[j] = pat(i + j);
		CHECK(cd_tmpw_write(&w, piece, k) == 0);
		i += k;
		CHECK(cd_tmpw_tell(&w) == i);
		if (w.flushed && w.len < kept)
			kept = w.len;
		/* The piece as written; all of the buffer when it moved. */
		for (size_t j = w.flushed == seen ? w.len - k : 0; j < w.len;
		     j++)
			ok &= (unsigned char)w.buf[j] == pat(w.flushed + j);
		seen = w.flushed;
	}
	CHECK(ok);
	CHECK(w.flushed > 0 && kept >= keep);
	CHECK(cd_tmpw_recap(&w, 100) == 0);
	CHECK(w.flushed == i && w.len == 0 && !w.buf && w.cap == 4096);
	CHECK(cd_tmpf_pread(fd, buf, sizeof buf, 12345) == 0);
	for (size_t j = 0; j < sizeof buf; j++)
		ok &= buf[j] == pat(12345 + j);
	CHECK(ok);
	cd_tmpw_release(&w);
	close(fd);
}

/* Written behind, cd_tmpw_recap to a larger buffer gives the writer's
 * buffer back too: the writes after it fill buffers of the new size
 * (the old writer's buffer of 4096 bytes handed over as one of 65536
 * was written past its end, which ASan reports), and the file is as
 * written. */
static void test_recap_behind(void)
{
	struct cd_tmpw w;
	static unsigned char piece[1000];
	unsigned char buf[100];
	size_t i = 0;
	int fd = cd_tmpfd(NULL, "test-tmpf"), ok = 1;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	cd_tmpw_init(&w, fd, 4096);
	cd_tmpw_behind(&w, behind);
	for (int r = 0; r < 200; r++) {
		for (size_t j = 0; j < sizeof piece; j++)
			piece[j] = pat(i + j);
		CHECK(cd_tmpw_write(&w, piece, sizeof piece) == 0);
		i += sizeof piece;
		if (r == 9) {
			CHECK(cd_tmpw_recap(&w, 65536) == 0);
			CHECK(!w.back && w.cap == 65536);
		}
	}
	CHECK(cd_tmpw_flush(&w) == 0);
	for (size_t at = 0; at + sizeof buf <= i; at += 7919) {
		CHECK(cd_tmpf_pread(fd, buf, sizeof buf, at) == 0);
		for (size_t j = 0; j < sizeof buf; j++)
			ok &= buf[j] == pat(at + j);
	}
	CHECK(ok);
	cd_tmpw_release(&w);
	close(fd);
}

/* A writer that keeps 3000 of its 4096 bytes, and one of CD_BIG bytes
 * (a mapping of its own, cd_xbig, given back by cd_big_free) that keeps
 * a little more than half. */
static void test_keep(void)
{
	check_keep(4096, 3000, 20000, 37);
	check_keep(CD_BIG, CD_BIG / 2 + 4097, 3 * CD_BIG + 5000, 8191);
}

/* A writer on a bad descriptor returns -1 and keeps failing. */
static void test_errors(void)
{
	struct cd_tmpw w;
	static char big[5000];

	/* More than the buffer (at least 4096 bytes) goes straight out. */
	cd_tmpw_init(&w, -1, 16);
	CHECK(cd_tmpw_write(&w, big, sizeof big) == -1);
	CHECK(w.err == EBADF);
	errno = 0;
	CHECK(cd_tmpw_write(&w, "x", 1) == -1 && errno == EBADF);
	CHECK(cd_tmpw_flush(&w) == -1);
	cd_tmpw_release(&w);
	/* Written behind, a full buffer's error comes with a later call
	 * (at the latest the flush), and sticks. */
	cd_tmpw_init(&w, -1, 16);
	cd_tmpw_behind(&w, behind);
	CHECK(cd_tmpw_write(&w, big, 4000) == 0);
	if (behind) {
		/* the second hands the first buffer to the worker, whose
		 * write fails; the third waits for it and reports it */
		CHECK(cd_tmpw_write(&w, big, 4000) == 0);
		errno = 0;
		CHECK(cd_tmpw_write(&w, big, 4000) == -1 && errno == EBADF);
	} else {
		CHECK(cd_tmpw_write(&w, big, 4000) == -1 && errno == EBADF);
	}
	CHECK(cd_tmpw_flush(&w) == -1 && errno == EBADF);
	CHECK(cd_tmpw_write(&w, "x", 1) == -1 && errno == EBADF);
	cd_tmpw_release(&w);
}

/* Read back through cd_tmpr_init_w what w wrote: n pattern bytes, in
 * records of 10 bytes (views where they are whole in the buffer). */
static void check_back(struct cd_tmpw *w, size_t n)
{
	struct cd_tmpr r;
	unsigned char rec[10];
	const unsigned char *v;
	size_t i = 0;
	int ok = 1;

	CHECK(cd_tmpr_init_w(&r, w, 48) == 0);
	cd_tmpr_ahead(&r, ahead);
	for (; i + sizeof rec <= n; i += sizeof rec) {
		if ((v = cd_tmpr_view(&r, sizeof rec)) == NULL) {
			CHECK(cd_tmpr_read(&r, rec, sizeof rec) == 1);
			v = rec;
		}
		for (size_t j = 0; j < sizeof rec; j++)
			ok &= v[j] == pat(i + j);
	}
	CHECK(ok);
	CHECK(i == n || cd_tmpr_read(&r, rec, n - i) == 1);
	CHECK(cd_tmpr_read(&r, rec, 1) == 0);
	cd_tmpr_release(&r);
}

/* Whether a reader of what w wrote reads memory alone. */
static bool read_in_memory(struct cd_tmpw *w)
{
	struct cd_tmpr r;
	bool mem;

	CHECK(cd_tmpr_init_w(&r, w, 48) == 0);
	mem = cd_tmpr_in_memory(&r);
	cd_tmpr_release(&r);
	return mem;
}

/* Write n pattern bytes in pieces of 1 to 37 bytes to a writer that
 * holds up to hold bytes; returns how many were in the file at the last
 * byte. */
static uint64_t write_held(struct cd_tmpw *w, int fd, size_t hold, size_t n)
{
	unsigned char piece[37];
	size_t i = 0, k;

	cd_tmpw_init(w, fd, 64);
	cd_tmpw_hold(w, hold);
	while (i < n) {
		k = 1 + i % 37 < n - i ? 1 + i % 37 : n - i;
		for (size_t j = 0; j < k; j++)
			piece[j] = pat(i + j);
		CHECK(cd_tmpw_write(w, piece, k) == 0);
		i += k;
		CHECK(cd_tmpw_tell(w) == i);
	}
	return w->flushed;
}

/* A writer that holds: what fits stays in memory, read back from there
 * (a flush writes nothing, the file stays empty; read back twice);
 * cd_tmpw_unhold writes it all out.  Past the bound (a mapping of CD_BIG
 * bytes), the bytes held stay in memory and the rest go to the file
 * after a hole for them, read back in turn; cd_tmpw_unhold fills the
 * hole.  On a bad descriptor, nothing fails until it writes out. */
static void test_hold(void)
{
	struct cd_tmpw w;
	unsigned char buf[100];
	size_t n = CD_BIG + 5000;
	int fd = cd_tmpfd(NULL, "test-tmpf"), ok = 1;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write_held(&w, fd, 20000, 20000) == 0);
	CHECK(cd_tmpw_flush(&w) == 0 && w.flushed == 0);
	CHECK(lseek(fd, 0, SEEK_END) == 0);
	check_back(&w, 20000);
	check_back(&w, 20000);
	CHECK(read_in_memory(&w));
	CHECK(cd_tmpw_unhold(&w) == 0 && w.flushed == 20000 && !w.buf);
	CHECK(lseek(fd, 0, SEEK_END) == 20000);
	check_back(&w, 20000);
	CHECK(!read_in_memory(&w));
	cd_tmpw_release(&w);
	close(fd);

	fd = cd_tmpfd(NULL, "test-tmpf");
	CHECK(fd >= 0);
	CHECK(write_held(&w, fd, CD_BIG, n) > CD_BIG - 37);
	CHECK(w.head && w.hlen > CD_BIG - 37 && w.hlen <= CD_BIG);
	CHECK(!read_in_memory(&w));
	check_back(&w, n);
	CHECK(lseek(fd, 0, SEEK_END) == (off_t)n);
	CHECK(cd_tmpf_pread(fd, buf, sizeof buf, 0) == 0 && buf[1] == 0);
	check_back(&w, n);
	CHECK(cd_tmpw_unhold(&w) == 0 && !w.head && !w.hold);
	CHECK(cd_tmpf_pread(fd, buf, sizeof buf, CD_BIG - 50) == 0);
	for (size_t j = 0; j < sizeof buf; j++)
		ok &= buf[j] == pat(CD_BIG - 50 + j);
	CHECK(ok);
	check_back(&w, n);
	cd_tmpw_release(&w);
	close(fd);

	CHECK(write_held(&w, -1, 100, 100) == 0);
	check_back(&w, 100);
	CHECK(cd_tmpw_unhold(&w) == -1 && w.err == EBADF);
	cd_tmpw_release(&w);
}

/* A first write larger than the hold holds nothing (it went to the file
 * while the writer still held, and was lost to the reader, or overran
 * the held bytes); a reader of a writer in error fails, zeroed. */
static void test_hold_first(void)
{
	struct cd_tmpw w;
	struct cd_tmpr r;
	unsigned char big[12010];
	int fd = cd_tmpfd(NULL, "test-tmpf");

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	for (size_t j = 0; j < sizeof big; j++)
		big[j] = pat(j);
	for (size_t hold = 100; hold <= 5000; hold += 4900) {
		CHECK(ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0);
		cd_tmpw_init(&w, fd, 64);
		cd_tmpw_hold(&w, hold);
		CHECK(cd_tmpw_write(&w, big, 2 * hold) == 0);
		for (size_t i = 2 * hold; i < sizeof big; i += 10)
			CHECK(cd_tmpw_write(&w, big + i, 10) == 0);
		CHECK(!w.hold && !w.head);
		check_back(&w, sizeof big);
		cd_tmpw_release(&w);
	}
	close(fd);

	cd_tmpw_init(&w, -1, 64);
	CHECK(cd_tmpw_write(&w, big, sizeof big) == -1);
	memset(&r, 0xff, sizeof r);
	CHECK(cd_tmpr_init_w(&r, &w, 48) == -1 && errno == EBADF);
	CHECK(r.buf == NULL && !r.held);
	cd_tmpr_release(&r);
	cd_tmpw_release(&w);
}

int main(void)
{
	size_t n = 10007;
	int fd = cd_tmpfd(NULL, "test-tmpf");

	CHECK(fd >= 0);
	if (fd < 0)
		return UNIT_END();
	test_write(fd, n);
	test_read(fd, n);
	test_view(fd, n);
	test_pread(fd, n);
	test_errors();
	test_keep();
	test_hold();
	test_hold_first();
	/* The readers again, reading ahead. */
	ahead = cd_worker_new();
	CHECK(ahead != NULL);
	test_read(fd, n);
	test_view(fd, n);
	test_hold();
	cd_worker_free(ahead);
	ahead = NULL;
	close(fd);
	/* The writers again, writing behind, in a file of their own. */
	behind = cd_worker_new();
	CHECK(behind != NULL);
	fd = cd_tmpfd(NULL, "test-tmpf");
	CHECK(fd >= 0);
	test_write(fd, n);
	test_read(fd, n);
	test_view(fd, n);
	test_errors();
	test_recap_behind();
	cd_worker_free(behind);
	close(fd);
	return UNIT_END();
}
