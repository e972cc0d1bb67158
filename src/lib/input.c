/*
 * input.c - documents from files, directories and archives; see input.h.
 * This file finds the inputs and reads their members (walk, gzip,
 * libarchive, damage); inputdoc.c turns a member's bytes into documents,
 * inputwarc.c a WARC file's records into pages (input_int.h).
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "bytes.h"
#include "gunzip.h"
#include "hmap.h"
#include "charset.h"
#include "input.h"
#include "input_int.h"
#include "page.h"
#include "msg.h"
#include "utf8.h"

#define BLOCK (128 * 1024)	/* read size handed to libarchive */
#define SNIFF 8000		/* a NUL in this many first bytes: binary */

/* libarchive's private ARCHIVE_ERRNO_FILE_FORMAT: "unrecognized format". */
#ifdef EFTYPE
#define FORMAT_ERRNO EFTYPE
#else
#define FORMAT_ERRNO EILSEQ
#endif

void cd_input_init(struct cd_input *in)
{
	memset(in, 0, sizeof(*in));
	cd_buf_init(&in->raw);
	cd_buf_init(&in->text);
	cd_buf_init(&in->lf);
	cd_buf_init(&in->id);
	cd_buf_init(&in->msg);
	cd_buf_init(&in->pid);
	cd_buf_init(&in->meta);
	in->fd = -1;
}

void cd_input_release(struct cd_input *in)
{
	cd_buf_release(&in->raw);
	cd_buf_release(&in->text);
	cd_buf_release(&in->lf);
	cd_buf_release(&in->id);
	cd_buf_release(&in->msg);
	cd_buf_release(&in->pid);
	cd_buf_release(&in->meta);
	cd_charset_release(&in->cs);
	free(in->block);
	free(in->zout);
	cd_hmap_free(&in->seen);
	if (in->utf8)
		freelocale(in->utf8);
	in->utf8 = (locale_t)0;
	in->block = NULL;
	in->zout = NULL;
}

void cd_input_report(struct cd_input *in, const char *subject, bool error,
		     const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (error)
		in->lost = true;
	if (in->report)
		in->report(in->ctx, subject, error, msg);
}

/* Append s to b with "\\", ":" and "#" escaped by a backslash, so that
 * ids stay unique (issue 18): the file "t.tar:b" is "t.tar\\:b", never
 * member b of t.tar, and a member called "b#2" never looks like the
 * second member called b. */
static void add_escaped(struct cd_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == ':' || *s == '#')
			cd_buf_addc(b, '\\');
		cd_buf_addc(b, *s);
	}
}

/* How many members called name the current archive had before, counting
 * this one (1 the first time).  Names are told apart by a 64-bit hash: a
 * collision only adds a needless suffix, the id stays unique. */
static uint32_t seen_count(struct cd_input *in, const char *name)
{
	uint64_t h = XXH3_64bits(name, strlen(name));
	size_t j;

	if (!h)
		h = 1;		/* 0 marks an empty slot */
	j = cd_hmap_slot(&in->seen, h);
	if (in->seen.keys[j])
		return ++in->seen.vals[j];
	cd_hmap_set(&in->seen, j, h, 1);
	return 1;
}

/* Set the id to path, or path:member (with "#N" for the Nth member of
 * that name), escaped and with invalid UTF-8 repaired. */
static void set_id(struct cd_input *in, const char *path, const char *member)
{
	cd_buf_reset(&in->msg);
	add_escaped(&in->msg, path);
	if (member) {
		uint32_t n = seen_count(in, member);

		cd_buf_addc(&in->msg, ':');
		add_escaped(&in->msg, member);
		if (n > 1)
			cd_buf_addf(&in->msg, "#%u", (unsigned)n);
	}
	cd_buf_reset(&in->id);
	cd_utf8_repair(in->msg.p, in->msg.len, &in->id);
	in->base = in->id.len;
}

int cd_input_next_block(struct archive *a, const void **p, size_t *n)
{
	la_int64_t off;
	int r;

	do
		r = archive_read_data_block(a, p, n, &off);
	while ((r == ARCHIVE_OK || r == ARCHIVE_WARN) && *n == 0);
	return r == ARCHIVE_WARN ? ARCHIVE_OK : r;
}

/* Read the data of the current member, called name.  Returns 0, or -1 on
 * damage (the documents completed before it have been handed out). */
static int read_member(struct cd_input *in, struct archive *a,
		       const char *name)
{
	size_t sniffed = 0, n = 0;
	const void *p = NULL;
	int r;

	cd_buf_reset(&in->raw);
	in->head = in->scan = 0;
	in->part = 0;
	in->too_long = in->binary = false;
	r = cd_input_next_block(a, &p, &n);
	if (r == ARCHIVE_OK && cd_input_is_warc(name, p, n))
		return cd_input_read_warc(in, a, p, n);
	in->page = r == ARCHIVE_OK &&
		   (cd_page_html_name(name) || cd_page_sniff(p, n));
	for (; r == ARCHIVE_OK; r = cd_input_next_block(a, &p, &n)) {
		if (sniffed < SNIFF && !in->page) {
			size_t k = n < SNIFF - sniffed ? n : SNIFF - sniffed;

			sniffed += k;
			if (memchr(p, '\0', k)) {
				in->binary = true;
				return 0;
			}
		}
		cd_input_add_block(in, p, n);
	}
	/* A raw member ends with the data: cut short, its end is lost. */
	if (r != ARCHIVE_EOF ||
	    (in->gz_err && archive_format(a) == ARCHIVE_FORMAT_RAW))
		return -1;
	cd_input_end_member(in);
	return 0;
}

/* Does s contain word, ignoring case? */
static bool has(const char *s, const char *word)
{
	return strcasestr(s, word) != NULL;
}

/* Our wording for the error libarchive reported on a. */
static const char *damage_reason(struct cd_input *in, struct archive *a,
				 char *buf, size_t cap)
{
	const char *s = archive_error_string(a);
	int fmt = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
	bool zip = fmt == ARCHIVE_FORMAT_ZIP, tar = fmt == ARCHIVE_FORMAT_TAR;

	/* A failed read(2) comes first: libarchive may have turned it into
	 * "unrecognized format" or even an early end of the data. */
	if (in->read_errno)
		return strerror(in->read_errno);
	if (in->gz_err)
		return in->gz_err;
	if (!s)
		return "unreadable data";
	if (has(s, "truncated gzip"))
		return "truncated gzip data";
	if (has(s, "gzip"))
		return "corrupt gzip data";
	if (tar && has(s, "truncated"))
		return "truncated tar data";
	if (zip && has(s, "truncated"))
		return "truncated zip data";
	if (zip)
		return "corrupt zip data";
	if (has(s, "truncated"))
		return "truncated data";
	snprintf(buf, cap, "%s", s);
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/* Report damage in name after the documents already handed out. */
static void damaged(struct cd_input *in, struct archive *a, const char *name)
{
	char buf[256];

	if (in->gz_reported && in->gz_err && !in->read_errno)
		return;	/* said with the WARC record it cut */
	cd_input_report(in, name, true, "%s after %llu document%s",
			damage_reason(in, a, buf, sizeof(buf)),
			(unsigned long long)in->file_docs,
			in->file_docs == 1 ? "" : "s");
}

/* Switch this thread to a UTF-8 LC_CTYPE for libarchive's header reads
 * and return the locale to give back to utf8_leave.  copydesk never calls
 * setlocale, and in the C locale libarchive turns no non-ASCII member
 * name into UTF-8 (a zip's UTF-8 flag, a pax header's name, Info-ZIP's
 * Unicode path all come out empty or raw).  The program's own locale is
 * left alone; without C.UTF-8 (newlocale fails) names read as before. */
static locale_t utf8_enter(struct cd_input *in)
{
	if (!in->utf8_tried) {
		in->utf8_tried = true;
		in->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return in->utf8 ? uselocale(in->utf8) : (locale_t)0;
}

static void utf8_leave(locale_t old)
{
	if (old)
		uselocale(old);
}

/* The member's name as UTF-8 when libarchive knows it, else raw (asked
 * between utf8_enter and utf8_leave).  A name in ASCII is its own UTF-8:
 * taken as it is, without libarchive's conversion (a charset converter
 * set up for every member of a tar). */
static const char *member_name(struct archive_entry *e)
{
	const char *raw = archive_entry_pathname(e), *s;

	if (raw && cd_b16_ascii(raw, strlen(raw)))
		return raw;
	s = archive_entry_pathname_utf8(e);
	return s ? s : raw ? raw : "";
}

/* The archive ended before its gzip data: inflate the rest, so that a
 * missing trailer or damage after the archive's end is noticed. */
static void drain(struct cd_input *in)
{
	ssize_t k;

	if (!in->gzip || in->gz_err)
		return;
	while ((k = cd_gunzip_read(&in->gz, in->zout, BLOCK)) > 0)
		;
	if (k < 0)
		in->gz_err = in->gz.err ? in->gz.err : strerror(in->read_errno);
}

/* Read every member of the opened archive a, which came from name. */
static void read_members(struct cd_input *in, struct archive *a,
			 const char *name, bool walked)
{
	struct archive_entry *e;
	const char *member;
	locale_t old;
	bool raw, reg;
	int r;

	for (;;) {
		old = utf8_enter(in);
		r = archive_read_next_header(a, &e);
		raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
		reg = (r == ARCHIVE_OK || r == ARCHIVE_WARN) &&
		      archive_entry_filetype(e) == AE_IFREG;
		member = reg && !raw ? member_name(e) : NULL;
		utf8_leave(old);
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
			break;
		if (!reg)
			continue;
		set_id(in, name, member);
		if (read_member(in, a, raw ? name : member) != 0 ||
		    in->read_errno) {
			damaged(in, a, name);
			return;
		}
		if (in->binary)
			cd_input_report(in, in->id.p, !walked && raw,
					"binary file skipped");
		cd_input_progress(in, 0, in->rawbytes - in->consumed, 0);
		in->consumed = in->rawbytes;
	}
	if (r == ARCHIVE_EOF)
		drain(in);
	if (r != ARCHIVE_EOF || in->read_errno || in->gz_err)
		damaged(in, a, name);
}

/* A reader for every format and filter SPEC names. */
static struct archive *new_reader(void)
{
	struct archive *a = archive_read_new();

	if (!a)
		cd_oom();
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_zip(a);
	archive_read_support_format_raw(a);
	return a;
}

/* Read the archive a, opened with status r, that came from name. */
static void read_opened(struct cd_input *in, struct archive *a, int r,
			const char *name, bool walked)
{
	char buf[256];

	in->file_docs = 0;
	in->consumed = 0;
	in->gz_reported = false;
	cd_hmap_clear(&in->seen);
	if (r == ARCHIVE_OK) {
		read_members(in, a, name, walked);
	} else if (archive_filter_bytes(a, -1) == 0 && !in->read_errno &&
		   !in->gz_err && archive_errno(a) == FORMAT_ERRNO) {
		/* libarchive refuses an empty input: SPEC wants one empty
		 * document for an empty file. */
		set_id(in, name, NULL);
		cd_buf_reset(&in->raw);
		in->head = in->scan = 0;
		in->part = 0;
		in->too_long = in->page = false;
		cd_input_end_member(in);
	} else {
		cd_input_report(in, name, true, "%s",
				damage_reason(in, a, buf, sizeof(buf)));
	}
	archive_read_free(a);
}

/* The next chunk of raw input in *p: the bytes read ahead by start(),
 * then the memory input or a read(2) of in->fd retrying EINTR (a failure
 * is kept in in->read_errno: libarchive may hide it).  Returns its
 * length, 0 at the end, or -1. */
static ssize_t raw_chunk(struct cd_input *in, const unsigned char **p)
{
	ssize_t k;

	*p = (const unsigned char *)in->block;
	if (in->pending) {
		k = (ssize_t)in->pending;
		in->pending = 0;
	} else if (in->mem) {
		k = (ssize_t)(in->memlen - in->mempos);
		*p = in->mem + in->mempos;
		in->mempos = in->memlen;
	} else {
		do
			k = read(in->fd, in->block, BLOCK);
		while (k < 0 && errno == EINTR);
		if (k < 0) {
			in->read_errno = errno;
			return -1;
		}
	}
	in->rawbytes += (uint64_t)k;
	return k;
}

/* cd_gunzip_src over raw_chunk. */
static ssize_t gz_src(void *ctx, const unsigned char **p)
{
	return raw_chunk(ctx, p);
}

/* Read the first bytes of the input (two at least unless it is shorter,
 * so that a pipe delivering one byte first still shows the gzip magic)
 * and start inflating when they are gzip's.  Returns 0, or -1 on a read
 * error. */
static int start(struct cd_input *in)
{
	ssize_t k = 1;

	in->gzip = false;
	in->gz_err = NULL;
	in->pending = 0;
	if (in->mem) {
		in->gzip = cd_gunzip_magic(in->mem, in->memlen);
	} else {
		while (k > 0 && in->pending < 2) {
			do
				k = read(in->fd, in->block + in->pending,
					 BLOCK - in->pending);
			while (k < 0 && errno == EINTR);
			if (k < 0) {
				in->read_errno = errno;
				return -1;
			}
			in->pending += (size_t)k;
		}
		in->gzip = cd_gunzip_magic(in->block, in->pending);
	}
	if (in->gzip) {
		if (!in->zout)
			in->zout = cd_xmalloc(BLOCK);
		cd_gunzip_init(&in->gz, CD_GZ_GZIP, gz_src, in);
	}
	return 0;
}

/* libarchive read callback: the next block of the input, inflated here
 * when it is gzip so that every byte decoded before damage reaches the
 * archive reader (issue 18); the damage ends the data and is kept in
 * in->gz_err. */
static la_ssize_t src_read(struct archive *a, void *p, const void **buf)
{
	struct cd_input *in = p;
	const unsigned char *q;
	ssize_t k;

	if (!in->gzip) {
		k = raw_chunk(in, &q);
		*buf = q;
	} else {
		k = in->gz_err ? 0 : cd_gunzip_read(&in->gz, in->zout, BLOCK);
		*buf = in->zout;
		if (k < 0 && in->gz.err) {
			in->gz_err = in->gz.err;
			k = 0;
		}
	}
	if (k < 0) {
		archive_set_error(a, in->read_errno, "%s",
				  strerror(in->read_errno));
		return -1;
	}
	return k;
}

/* The size of the raw input and the offset read so far, for a seek. */
static int64_t src_size(struct cd_input *in, int64_t *pos)
{
	struct stat st;
	off_t cur;

	if (in->mem) {
		*pos = (int64_t)in->mempos;
		return (int64_t)in->memlen;
	}
	cur = lseek(in->fd, 0, SEEK_CUR);
	if (cur < 0 || fstat(in->fd, &st) != 0)
		return -1;
	*pos = (int64_t)cur;
	return (int64_t)st.st_size;
}

/* libarchive seek callback, for regular files and memory (zip reads the
 * end first); never used on gzip input. */
static la_int64_t src_seek(struct archive *a, void *p, la_int64_t off,
			   int whence)
{
	struct cd_input *in = p;
	int64_t pos, size = src_size(in, &pos);

	in->pending = 0;
	if (size >= 0 && whence == SEEK_CUR)
		off += pos;
	else if (size >= 0 && whence == SEEK_END)
		off += size;
	if (size < 0 || off < 0 || off > size) {
		archive_set_error(a, EINVAL, "%s", strerror(EINVAL));
		return ARCHIVE_FATAL;
	}
	if (in->mem)
		in->mempos = (size_t)off;
	else if (lseek(in->fd, (off_t)off, SEEK_SET) < 0)
		return ARCHIVE_FATAL;
	return (la_int64_t)off;
}

/* libarchive skip callback: seek forward, but not past the end of the
 * input, so that a truncated archive is noticed; 0 makes libarchive read. */
static la_int64_t src_skip(struct archive *a, void *p, la_int64_t n)
{
	struct cd_input *in = p;
	int64_t pos, size = src_size(in, &pos);

	(void)a;
	if (size < 0 || in->pending)
		return 0;
	if (n > size - pos)
		n = size > pos ? size - pos : 0;
	if (n == 0)
		return 0;
	if (in->mem)
		in->mempos += (size_t)n;
	else if (lseek(in->fd, (off_t)n, SEEK_CUR) < 0)
		return 0;
	in->rawbytes += (uint64_t)n;
	return n;
}

/* Read the input set up in in (a descriptor or memory) as name. */
static void read_input(struct cd_input *in, const char *name, bool seekable,
		       bool walked)
{
	struct archive *a = new_reader();
	locale_t old;
	int r;

	if (!in->block)
		in->block = cd_xmalloc(BLOCK);
	in->read_errno = 0;
	in->rawbytes = 0;
	if (start(in) != 0) {
		cd_input_report(in, name, true, "%s", strerror(in->read_errno));
		archive_read_free(a);
		return;
	}
	archive_read_set_read_callback(a, src_read);
	if (seekable && !in->gzip) {
		archive_read_set_seek_callback(a, src_seek);
		archive_read_set_skip_callback(a, src_skip);
	}
	archive_read_set_callback_data(a, in);
	old = utf8_enter(in);
	r = archive_read_open1(a);
	utf8_leave(old);
	read_opened(in, a, r, name, walked);
	if (in->gzip)
		cd_gunzip_release(&in->gz);
	in->gzip = false;
}

/* Read one file or standard input from an open descriptor. */
static void read_fd(struct cd_input *in, int fd, const char *name,
		    bool walked)
{
	struct stat st;
	bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);

	if (regular && !in->sized)
		cd_input_progress(in, 0, 0, (uint64_t)st.st_size);
	in->fd = fd;
	in->mem = NULL;
	read_input(in, name, regular, walked);
	in->fd = -1;
}

/* Read the regular file path. */
static void read_file(struct cd_input *in, const char *path, bool walked)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		cd_input_report(in, path, true, "%s", strerror(errno));
		return;
	}
	read_fd(in, fd, path, walked);
	close(fd);
}

/* qsort comparison of two names by bytes. */
static int namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entry names of dir, sorted; NULL (and errno) when unreadable. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		v = cd_xgrow(v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = cd_xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), namecmp);
	return v ? v : cd_xcalloc(1, sizeof(*v));
}

static void walk(struct cd_input *in, const char *dir);

/* Read one entry met in a directory walk. */
static void walk_entry(struct cd_input *in, const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0) {
		cd_input_report(in, path, true, "%s", strerror(errno));
		return;
	}
	/* Symbolic links are followed to files only, so a walk cannot loop. */
	if (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		cd_input_report(in, path, false,
				"symbolic link to a directory skipped");
		return;
	}
	if (S_ISDIR(st.st_mode))
		walk(in, path);
	else if (S_ISREG(st.st_mode))
		read_file(in, path, true);
	else
		cd_input_report(in, path, false, "not a regular file, skipped");
}

/* Read every file under dir, recursively, in sorted order. */
static void walk(struct cd_input *in, const char *dir)
{
	size_t n, i, dlen = strlen(dir);
	char **names = list_dir(dir, &n);
	struct cd_buf path = CD_BUF_INIT;

	if (!names) {
		cd_input_report(in, dir, true, "%s", strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		cd_buf_reset(&path);
		cd_buf_add(&path, dir, dlen);
		if (dlen == 0 || dir[dlen - 1] != '/')
			cd_buf_addc(&path, '/');
		cd_buf_adds(&path, names[i]);
		walk_entry(in, path.p);
		free(names[i]);
	}
	free(names);
	cd_buf_release(&path);
}

/* The total size of the regular files under dir (links to files
 * included), as the walk will read them. */
static uint64_t tree_size(const char *dir)
{
	size_t n, i;
	char **names = list_dir(dir, &n);
	struct cd_buf path = CD_BUF_INIT;
	uint64_t total = 0;
	struct stat st;

	for (i = 0; names && i < n; i++) {
		cd_buf_reset(&path);
		cd_buf_addf(&path, "%s%s%s", dir,
			    *dir && dir[strlen(dir) - 1] == '/' ? "" : "/",
			    names[i]);
		if (lstat(path.p, &st) == 0 && S_ISDIR(st.st_mode))
			total += tree_size(path.p);
		else if (stat(path.p, &st) == 0 && S_ISREG(st.st_mode))
			total += (uint64_t)st.st_size;
		free(names[i]);
	}
	free(names);
	cd_buf_release(&path);
	return total;
}

/* Walk the directory path, its size counted first when asked. */
static void walk_top(struct cd_input *in, const char *path)
{
	if (in->presize) {
		cd_input_progress(in, 0, 0, tree_size(path));
		in->sized = true;
	}
	walk(in, path);
	in->sized = false;
}

int cd_input_path(struct cd_input *in, const char *path)
{
	struct stat st;

	in->lost = false;
	if (!path || strcmp(path, "-") == 0)
		read_fd(in, 0, "-", false);
	else if (stat(path, &st) != 0)
		cd_input_report(in, path, true, "%s", strerror(errno));
	else if (S_ISDIR(st.st_mode))
		walk_top(in, path);
	else
		read_file(in, path, false);
	return in->lost ? -1 : 0;
}

int cd_input_memory(struct cd_input *in, const char *name, const void *p,
		    size_t len)
{
	in->lost = false;
	in->mem = p;
	in->memlen = len;
	in->mempos = 0;
	read_input(in, name, true, false);
	in->mem = NULL;
	return in->lost ? -1 : 0;
}
