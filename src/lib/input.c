/* input.c - documents from files, directories and archives; see input.h. */
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

#include "input.h"
#include "msg.h"
#include "utf8.h"
#include "date.h"

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
	in->fd = -1;
}

void cd_input_release(struct cd_input *in)
{
	cd_buf_release(&in->raw);
	cd_buf_release(&in->text);
	cd_buf_release(&in->lf);
	cd_buf_release(&in->id);
	cd_buf_release(&in->msg);
	free(in->block);
	in->block = NULL;
}

/* Hand a problem with subject to the report callback. */
static void report(struct cd_input *in, const char *subject, bool error,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void report(struct cd_input *in, const char *subject, bool error,
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

/* Set the id to path, or path:member, repairing invalid UTF-8. */
static void set_id(struct cd_input *in, const char *path, const char *member)
{
	cd_buf_reset(&in->msg);
	cd_buf_adds(&in->msg, path);
	if (member) {
		cd_buf_addc(&in->msg, ':');
		cd_buf_adds(&in->msg, member);
	}
	cd_buf_reset(&in->id);
	cd_utf8_repair(in->msg.p, in->msg.len, &in->id);
	in->base = in->id.len;
}

/* Is c a blank inside a line? */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Offset of the first line of s[0..len) with more than white space. */
static size_t skip_blank_lines(const char *s, size_t len)
{
	size_t i = 0, line = 0;

	for (; i < len && (is_blank(s[i]) || s[i] == '\n'); i++)
		if (s[i] == '\n')
			line = i + 1;
	return i == len ? len : line;
}

/*
 * SPEC: a leading "date YYYY-MM-DD" header (leading blanks allowed) is the
 * document's date when it is a day of the calendar (a "date 2025-13-45"
 * line is text); the rest of its line stays text.  On a match copy the
 * date to date[0..10) and return the offset where the text resumes, else
 * return 0.
 */
static size_t take_date(const char *s, size_t len, char *date)
{
	size_t i = 0, j;
	char iso[11];

	while (i < len && is_blank(s[i]))
		i++;
	if (len - i < 5 || memcmp(s + i, "date", 4) != 0 || !is_blank(s[i + 4]))
		return 0;
	for (i += 4; i < len && is_blank(s[i]); i++)
		;
	j = i + 10;
	if (len < j || !cd_date_iso(s + i, 10, iso) ||
	    (j < len && !is_blank(s[j]) && s[j] != '\n'))
		return 0;
	memcpy(date, s + i, 10);
	while (j < len && is_blank(s[j]))
		j++;
	if (j < len && s[j] == '\n')
		j++;
	return j;
}

/* Decode p[0..len) to valid UTF-8; returns the text (maybe p itself). */
static const char *decode(struct cd_input *in, const char *p, size_t *len)
{
	size_t n = *len, bad;

	cd_buf_reset(&in->text);
	if (in->enc != CD_ENC_UTF8) {
		cd_utf8_from_8bit(p, n, in->enc == CD_ENC_CP1252, &in->text);
		*len = in->text.len;
		return cd_buf_str(&in->text);
	}
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		*len = n -= 3;
	}
	if (cd_utf8_check(p, n) == n)
		return p;
	bad = cd_utf8_repair(p, n, &in->text);
	report(in, cd_buf_str(&in->id), false,
	       "%zu invalid UTF-8 sequence%s replaced with U+FFFD", bad,
	       bad == 1 ? "" : "s");
	*len = in->text.len;
	return in->text.p;
}

/* Turn the CRLF line ends of p[0..*len) into LF; returns the text (maybe
 * p itself). */
static const char *to_lf(struct cd_input *in, const char *p, size_t *len)
{
	const char *cr = memchr(p, '\r', *len), *end = p + *len;

	if (!cr)
		return p;
	cd_buf_reset(&in->lf);
	cd_buf_grow(&in->lf, *len);
	while (cr) {
		size_t keep = (size_t)(cr - p);

		/* A CR before LF goes; a lone CR stays. */
		cd_buf_add(&in->lf, p, keep + (cr + 1 == end || cr[1] != '\n'));
		p = cr + 1;
		cr = memchr(p, '\r', (size_t)(end - p));
	}
	cd_buf_add(&in->lf, p, (size_t)(end - p));
	*len = in->lf.len;
	return in->lf.p;
}

/* Hand out the document p[0..len) under the current id. */
static void emit(struct cd_input *in, const char *p, size_t len)
{
	struct cd_doc doc;
	char date[10];
	size_t skip;

	if (in->max && len > in->max) {
		report(in, cd_buf_str(&in->id), true,
		       "document longer than %zu bytes", in->max);
		return;
	}
	p = decode(in, p, &len);
	p = to_lf(in, p, &len);
	skip = skip_blank_lines(p, len);
	p += skip;
	len -= skip;
	doc.date = NULL;
	if ((skip = take_date(p, len, date)) != 0) {
		doc.date = date;
		p += skip;
		len -= skip;
	}
	while (len > 0 && (is_blank(p[len - 1]) || p[len - 1] == '\n'))
		len--;
	doc.id = in->id.p;
	doc.idlen = in->id.len;
	doc.text = p;
	doc.len = len;
	in->ndocs++;
	in->file_docs++;
	in->doc(in->ctx, &doc);
	cd_progress_tick(1, 0);
}

/* Hand out raw[a..b) as the next part of a delimited file. */
static void emit_part(struct cd_input *in, size_t a, size_t b)
{
	const char *p = cd_buf_str(&in->raw) + a;
	size_t i;

	for (i = 0; i < b - a && (is_blank(p[i]) || p[i] == '\n'); i++)
		;
	/* Nothing between two delimiters is no document. */
	if (i == b - a && !in->too_long)
		return;
	in->part++;
	in->id.len = in->base;
	cd_buf_addf(&in->id, "#%llu", (unsigned long long)in->part);
	if (in->too_long)
		report(in, in->id.p, true, "document longer than %zu bytes",
		       in->max);
	else
		emit(in, p, b - a);
	in->too_long = false;
	in->id.len = in->base;
	in->id.p[in->base] = '\0';
}

/* Is raw[a..b) (a line without its "\n") the delimiter? */
static bool is_delim(const struct cd_input *in, size_t a, size_t b)
{
	size_t n = strlen(in->delim);

	if (b > a && in->raw.p[b - 1] == '\r')
		b--;
	return b - a == n && memcmp(in->raw.p + a, in->delim, n) == 0;
}

/* Hand out every document completed by a delimiter line in raw. */
static void split_lines(struct cd_input *in)
{
	for (;;) {
		const char *nl = memchr(in->raw.p + in->scan, '\n',
					in->raw.len - in->scan);
		size_t end;

		if (!nl)
			break;
		end = (size_t)(nl - in->raw.p);
		if (is_delim(in, in->scan, end)) {
			emit_part(in, in->head, in->scan);
			in->head = end + 1;
		}
		in->scan = end + 1;
	}
	/* Bound memory: forget a document that is already too long. */
	if (in->max && in->scan - in->head > in->max) {
		in->too_long = true;
		in->head = in->scan;
	}
}

/* Add one block of member data. */
static void add_block(struct cd_input *in, const void *p, size_t n)
{
	if (!in->delim) {
		if (in->max && in->raw.len + n > in->max)
			in->too_long = true;
		else
			cd_buf_add(&in->raw, p, n);
		return;
	}
	if (in->head > 0) {
		memmove(in->raw.p, in->raw.p + in->head, in->raw.len - in->head);
		in->raw.len -= in->head;
		in->scan -= in->head;
		in->head = 0;
	}
	cd_buf_add(&in->raw, p, n);
	split_lines(in);
}

/* The member is complete: hand out what is left of it. */
static void end_member(struct cd_input *in)
{
	if (!in->delim) {
		if (in->too_long)
			report(in, in->id.p, true, "document longer than %zu bytes",
			       in->max);
		else
			emit(in, in->raw.p ? in->raw.p : "", in->raw.len);
		return;
	}
	if (is_delim(in, in->scan, in->raw.len))
		in->raw.len = in->scan;
	emit_part(in, in->head, in->raw.len);
}

/* Read the data of the current member.  Returns 0, or -1 on damage (the
 * documents completed before it have been handed out). */
static int read_member(struct cd_input *in, struct archive *a)
{
	size_t sniffed = 0, n;
	const void *p;
	la_int64_t off;
	int r;

	cd_buf_reset(&in->raw);
	in->head = in->scan = 0;
	in->part = 0;
	in->too_long = in->binary = false;
	while ((r = archive_read_data_block(a, &p, &n, &off)) == ARCHIVE_OK ||
	       r == ARCHIVE_WARN) {
		if (sniffed < SNIFF && n > 0) {
			size_t k = n < SNIFF - sniffed ? n : SNIFF - sniffed;

			sniffed += k;
			if (memchr(p, '\0', k)) {
				in->binary = true;
				return 0;
			}
		}
		add_block(in, p, n);
	}
	if (r != ARCHIVE_EOF)
		return -1;
	end_member(in);
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

	report(in, name, true, "%s after %llu document%s",
	       damage_reason(in, a, buf, sizeof(buf)),
	       (unsigned long long)in->file_docs, in->file_docs == 1 ? "" : "s");
}

/* The member's name as UTF-8 when libarchive knows it, else raw. */
static const char *member_name(struct archive_entry *e)
{
	const char *s = archive_entry_pathname_utf8(e);

	if (!s)
		s = archive_entry_pathname(e);
	return s ? s : "";
}

/* Read every member of the opened archive a, which came from name. */
static void read_members(struct cd_input *in, struct archive *a,
			 const char *name, bool walked)
{
	struct archive_entry *e;
	int r;

	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK ||
	       r == ARCHIVE_WARN) {
		bool raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
		la_int64_t now;

		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		set_id(in, name, raw ? NULL : member_name(e));
		if (read_member(in, a) != 0 || in->read_errno) {
			damaged(in, a, name);
			return;
		}
		if (in->binary)
			report(in, in->id.p, !walked && raw, "binary file skipped");
		now = archive_filter_bytes(a, -1);
		cd_progress_tick(0, (uint64_t)now - in->consumed);
		in->consumed = (uint64_t)now;
	}
	if (r != ARCHIVE_EOF || in->read_errno)
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
	if (r == ARCHIVE_OK) {
		read_members(in, a, name, walked);
	} else if (archive_filter_bytes(a, -1) == 0 && !in->read_errno &&
		   archive_errno(a) == FORMAT_ERRNO) {
		/* libarchive refuses an empty input: SPEC wants one empty
		 * document for an empty file. */
		set_id(in, name, NULL);
		cd_buf_reset(&in->raw);
		in->head = in->scan = 0;
		in->part = 0;
		in->too_long = false;
		end_member(in);
	} else {
		report(in, name, true, "%s",
		       damage_reason(in, a, buf, sizeof(buf)));
	}
	archive_read_free(a);
}

/* libarchive read callback: the next block of in->fd, retrying EINTR;
 * a failure is kept in in->read_errno (libarchive may hide it). */
static la_ssize_t src_read(struct archive *a, void *p, const void **buf)
{
	struct cd_input *in = p;
	ssize_t k;

	do
		k = read(in->fd, in->block, BLOCK);
	while (k < 0 && errno == EINTR);
	if (k < 0) {
		in->read_errno = errno;
		archive_set_error(a, errno, "%s", strerror(errno));
		return -1;
	}
	*buf = in->block;
	return k;
}

/* libarchive seek callback, for regular files (zip reads the end first). */
static la_int64_t src_seek(struct archive *a, void *p, la_int64_t off,
			   int whence)
{
	struct cd_input *in = p;
	off_t r = lseek(in->fd, (off_t)off, whence);

	if (r < 0) {
		archive_set_error(a, errno, "%s", strerror(errno));
		return ARCHIVE_FATAL;
	}
	return (la_int64_t)r;
}

/* libarchive skip callback: seek forward, but not past the end of the
 * file, so that a truncated archive is noticed; 0 makes libarchive read. */
static la_int64_t src_skip(struct archive *a, void *p, la_int64_t n)
{
	struct cd_input *in = p;
	struct stat st;
	off_t pos = lseek(in->fd, 0, SEEK_CUR);

	(void)a;
	if (pos < 0 || fstat(in->fd, &st) != 0)
		return 0;
	if (n > st.st_size - pos)
		n = st.st_size > pos ? st.st_size - pos : 0;
	if (n == 0 || lseek(in->fd, (off_t)n, SEEK_CUR) < 0)
		return 0;
	return n;
}

/* Read one file or standard input from an open descriptor. */
static void read_fd(struct cd_input *in, int fd, const char *name,
		    bool walked)
{
	struct archive *a = new_reader();
	struct stat st;
	bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);

	if (regular && !in->sized)
		cd_progress_add_total((uint64_t)st.st_size);
	if (!in->block)
		in->block = cd_xmalloc(BLOCK);
	in->fd = fd;
	in->read_errno = 0;
	archive_read_set_read_callback(a, src_read);
	if (regular) {
		archive_read_set_seek_callback(a, src_seek);
		archive_read_set_skip_callback(a, src_skip);
	}
	archive_read_set_callback_data(a, in);
	read_opened(in, a, archive_read_open1(a), name, walked);
	in->fd = -1;
}

/* Read the regular file path. */
static void read_file(struct cd_input *in, const char *path, bool walked)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		report(in, path, true, "%s", strerror(errno));
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
		report(in, path, true, "%s", strerror(errno));
		return;
	}
	/* Symbolic links are followed to files only, so a walk cannot loop. */
	if (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		report(in, path, false, "symbolic link to a directory skipped");
		return;
	}
	if (S_ISDIR(st.st_mode))
		walk(in, path);
	else if (S_ISREG(st.st_mode))
		read_file(in, path, true);
	else
		report(in, path, false, "not a regular file, skipped");
}

/* Read every file under dir, recursively, in sorted order. */
static void walk(struct cd_input *in, const char *dir)
{
	size_t n, i, dlen = strlen(dir);
	char **names = list_dir(dir, &n);
	struct cd_buf path = CD_BUF_INIT;

	if (!names) {
		report(in, dir, true, "%s", strerror(errno));
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
		cd_progress_add_total(tree_size(path));
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
		report(in, path, true, "%s", strerror(errno));
	else if (S_ISDIR(st.st_mode))
		walk_top(in, path);
	else
		read_file(in, path, false);
	return in->lost ? -1 : 0;
}

int cd_input_memory(struct cd_input *in, const char *name, const void *p,
		    size_t len)
{
	struct archive *a = new_reader();

	in->lost = false;
	in->read_errno = 0;
	read_opened(in, a, archive_read_open_memory(a, p, len), name, false);
	return in->lost ? -1 : 0;
}

void cd_input_doc_json(struct cd_buf *out, const struct cd_doc *doc)
{
	cd_buf_add(out, "{\"id\":", 6);
	cd_buf_add_json(out, doc->id, doc->idlen);
	if (doc->date) {
		cd_buf_add(out, ",\"date\":\"", 9);
		cd_buf_add(out, doc->date, 10);
		cd_buf_addc(out, '"');
	}
	cd_buf_add(out, ",\"text\":", 8);
	cd_buf_add_json(out, doc->text, doc->len);
	cd_buf_add(out, "}\n", 2);
}
