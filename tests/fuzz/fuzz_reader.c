/*
 * fuzz_reader.c - libFuzzer target for the line reader (reader.h).
 *
 * The first three bytes steer, the rest is the payload P:
 *   byte 0, bits 0-1: 0 plain P; 1 P gzipped as one member; 2 P gzipped
 *                     as two members; 3 P as given (may be broken gzip)
 *           bit 2:    read with cd_reader_slurp instead of by lines
 *           bits 3-7: v, the line limit max = 3 * v * v (0: none)
 *   byte 1: >= 0xf8: P is repeated (byte1 - 0xf7) * 40 times first, so
 *           lines cross the reader's 256 KiB buffer; else bits 0-2 choose
 *           how the input arrives: 0 a memory file, else a pipe fed by a
 *           thread in writes of 1, 2, 3, 7, 64, 512 or 4096 bytes (short
 *           reads, a gzip magic split across reads, no file size)
 *   byte 2: cut this many bytes off the end of the gzip data (keeping at
 *           least its two magic bytes)
 * The input is read through a /proc/self/fd path, as the programs read a
 * named file.
 *
 * Model: the lines joined back (chunks of over-long lines included, "\n"
 * where the reader says one was) must equal the plain content L exactly,
 * ending in CD_EOF; after a cut, a prefix of L ending in CD_RERR.  Line
 * numbers count lines, not chunks; CD_LONG comes exactly for lines over
 * max, its first chunk is max bytes.
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MUST(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz_reader: %s:%d: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* What the pipe writer thread writes. */
struct feed {
	int fd;
	const char *p;
	size_t len, chunk;
};

/* Write the input into the pipe in chunks; stop when the reader is gone. */
static void *feeder(void *arg)
{
	struct feed *f = arg;
	size_t off = 0;

	while (off < f->len) {
		size_t n = f->len - off < f->chunk ? f->len - off : f->chunk;
		ssize_t k = write(f->fd, f->p + off, n);

		if (k <= 0)
			break;
		off += (size_t)k;
	}
	close(f->fd);
	return NULL;
}

/* Append p[0..n) to out as one gzip member. */
static void gzip_member(const uint8_t *p, size_t n, struct cd_buf *out)
{
	z_stream z;
	unsigned char chunk[16384];
	int ret;

	memset(&z, 0, sizeof(z));
	MUST(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
			  Z_DEFAULT_STRATEGY) == Z_OK);
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		ret = deflate(&z, Z_FINISH);
		MUST(ret != Z_STREAM_ERROR);
		cd_buf_add(out, chunk, sizeof(chunk) - z.avail_out);
	} while (ret != Z_STREAM_END);
	deflateEnd(&z);
}

/* Read every line of the file at path; the joined text goes to got.
 * Returns the final status (CD_EOF or CD_RERR). */
static int read_lines(const char *path, size_t max, struct cd_buf *got,
		      uint64_t *lines)
{
	struct cd_reader r;
	struct cd_line ln;
	int st;

	MUST(cd_reader_open(&r, path, max) == 0);
	while ((st = cd_reader_line(&r, &ln)) == CD_LINE || st == CD_LONG) {
		size_t total = ln.len;

		MUST(r.lineno == ++*lines);
		cd_buf_add(got, ln.p, ln.len);
		if (st == CD_LONG) {
			MUST(max && ln.len == max && !ln.nl);
			while ((st = cd_reader_rest(&r, &ln)) == CD_LONG) {
				MUST(ln.len > 0 && !ln.nl);
				cd_buf_add(got, ln.p, ln.len);
				total += ln.len;
			}
			if (st == CD_RERR)
				break;
			cd_buf_add(got, ln.p, ln.len);
			total += ln.len;
			MUST(total > max && r.lineno == *lines);
		} else {
			MUST(!max || ln.len <= max);
		}
		if (ln.nl)
			cd_buf_addc(got, '\n');
	}
	MUST(st == CD_EOF || (st == CD_RERR && r.err));
	cd_reader_close(&r);
	return st;
}

/* Read the whole file with cd_reader_slurp. */
static int read_slurp(const char *path, struct cd_buf *got)
{
	struct cd_reader r;
	int st;

	MUST(cd_reader_open(&r, path, 0) == 0);
	st = cd_reader_slurp(&r, got) == 0 ? CD_EOF : CD_RERR;
	MUST(st == CD_EOF || r.err);
	cd_reader_close(&r);
	return st;
}

/* Lines in text: "\n"s, plus one for a final unterminated line. */
static uint64_t count_lines(const struct cd_buf *b)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < b->len; i++)
		n += b->p[i] == '\n';
	return n + (b->len > 0 && b->p[b->len - 1] != '\n');
}

/* Check what was read (got, final status st) against the content want. */
static void check(const struct cd_buf *got, int st, const struct cd_buf *want,
		  int cut, int known, uint64_t lines, int slurp)
{
	if (!known)
		return;
	if (!cut) {
		MUST(st == CD_EOF);
		MUST(got->len == want->len &&
		     !memcmp(cd_buf_str(got), cd_buf_str(want), got->len));
		MUST(slurp || lines == count_lines(want));
		return;
	}
	MUST(st == CD_RERR);
	MUST(got->len <= want->len &&
	     !memcmp(cd_buf_str(got), cd_buf_str(want), got->len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_buf want = CD_BUF_INIT, file = CD_BUF_INIT, got = CD_BUF_INIT;
	int mode, slurp, fd, st, known = 1;
	size_t max, reps = 1, cut = 0, i, half, m1;
	uint64_t lines = 0;
	char path[64];

	if (size < 3)
		return 0;
	mode = data[0] & 3;
	slurp = (data[0] >> 2) & 1;
	max = (size_t)3 * (data[0] >> 3) * (data[0] >> 3);
	if (data[1] >= 0xf8)
		reps = (size_t)(data[1] - 0xf7) * 40;
	for (i = 0; i < reps; i++)
		cd_buf_add(&want, data + 3, size - 3);
	half = want.len / 2;
	if (mode == 0 || mode == 3) {
		cd_buf_add(&file, cd_buf_str(&want), want.len);
		known = !(want.len >= 2 && (unsigned char)want.p[0] == 0x1f &&
			  (unsigned char)want.p[1] == 0x8b) && mode == 0;
	} else {
		gzip_member((const uint8_t *)cd_buf_str(&want), mode == 1 ? want.len : half,
			    &file);
		m1 = file.len;
		if (mode == 2)
			gzip_member((const uint8_t *)cd_buf_str(&want) + half,
				    want.len - half, &file);
		/* Keep the magic: less than two bytes is not gzip. */
		cut = data[2] < file.len - 2 ? data[2] : file.len - 2;
		file.len -= cut;
		if (mode == 2 && cut && file.len == m1) {
			/* Cut exactly after the first member: a whole file. */
			want.len = half;
			cut = 0;
		}
	}
	if (data[1] < 0xf8 && (data[1] & 7)) {
		static const size_t chunks[8] = { 0, 1, 2, 3, 7, 64, 512, 4096 };
		struct feed f;
		pthread_t t;
		int fds[2];

		signal(SIGPIPE, SIG_IGN);
		MUST(pipe(fds) == 0);
		f.fd = fds[1];
		f.p = cd_buf_str(&file);
		f.len = file.len;
		f.chunk = chunks[data[1] & 7];
		MUST(pthread_create(&t, NULL, feeder, &f) == 0);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[0]);
		st = slurp ? read_slurp(path, &got) : read_lines(path, max, &got, &lines);
		close(fds[0]);	/* a writer still blocked gets EPIPE */
		pthread_join(t, NULL);
	} else {
		MUST((fd = memfd_create("fuzz_reader", MFD_CLOEXEC)) >= 0);
		MUST(write(fd, cd_buf_str(&file), file.len) == (ssize_t)file.len);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		st = slurp ? read_slurp(path, &got) : read_lines(path, max, &got, &lines);
		close(fd);
	}
	check(&got, st, &want, cut > 0, known, lines, slurp);
	cd_buf_release(&want);
	cd_buf_release(&file);
	cd_buf_release(&got);
	return 0;
}
