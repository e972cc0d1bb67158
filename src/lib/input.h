/*
 * input.h - raw documents from files, directories and archives for
 * copydesk-split (SPEC "copydesk-split").
 *
 * An input is a path: "-" is standard input, a directory is walked
 * recursively in byte order of its entry names, anything else is read
 * through libarchive with every compression filter and the tar, zip and
 * raw formats, so a plain file, a gzip file (also multi-member), a tar,
 * tar.gz or zip archive all work.  Each file or archive member is one
 * document, or with a delimiter line several.
 *
 * Each document is decoded to valid UTF-8 (invalid bytes repaired to
 * U+FFFD, or Latin-1/CP1252 converted), given LF line ends for CRLF ones,
 * stripped of a BOM, of blank lines
 * before it and white space after it, and of a leading "date YYYY-MM-DD"
 * header, which becomes its date.  Its id is the path as given, then
 * ":MEMBER" inside an archive (then "#N" for the Nth member of that name),
 * then "#N" for the Nth document of a file split by the delimiter; in the
 * path and the member name a backslash, ":" and "#" are escaped with a
 * backslash, so ids are unique within a run.
 *
 * A web page (a member named .html, .htm or .xhtml, or whose bytes sniff
 * as HTML) is one page record instead, its markup decoded to UTF-8 as a
 * browser does (charset.h).  A WARC file (plain or gzip, loose or a
 * member) gives one page record for each response record with a 2xx
 * HTML payload and each HTML resource record (warc.h); the others are
 * counted in stats.
 *
 * The library never prints: documents go to the doc callback, every
 * problem to the report callback, and the progress made to the progress
 * callback, when there is one.
 *
 * input.c finds the inputs and reads their members through gzip and
 * libarchive; inputdoc.c turns a member's bytes into documents and
 * inputwarc.c a WARC member's records into pages (they share
 * input_int.h).
 */
#ifndef CD_INPUT_H
#define CD_INPUT_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "charset.h"
#include "gunzip.h"
#include "hmap.h"

enum cd_enc { CD_ENC_UTF8, CD_ENC_LATIN1, CD_ENC_CP1252 };

/* One document or web page; every pointer is borrowed, valid during the
 * callback. */
struct cd_doc {
	const char *id;		/* valid UTF-8 */
	size_t idlen;
	const char *date;	/* "YYYY-MM-DD" (10 bytes) or NULL */
	const char *text;	/* valid UTF-8, may hold NUL bytes; the page's
				 * markup when html (never a NUL byte then) */
	size_t len;
	bool html;		/* a web page: {"id","url"?,"fetched"?,"html"} */
	const char *url;	/* WARC-Target-URI, valid UTF-8, or NULL */
	size_t urllen;
	const char *fetched;	/* WARC-Date, valid UTF-8, or NULL */
	size_t fetchedlen;
};

/* WARC records skipped, by kind (the end note names them). */
enum {
	CD_SKIP_REQUEST, CD_SKIP_METADATA, CD_SKIP_WARCINFO, CD_SKIP_REVISIT,
	CD_SKIP_OTHER,		/* conversion, continuation, unknown types */
	CD_SKIP_NOT_HTML,	/* a response or resource that is no page */
	CD_SKIP_NOT_2XX,	/* an HTTP status other than 2xx */
	CD_SKIP_N
};

/* What the WARC files of a run held. */
struct cd_input_stats {
	uint64_t records;	/* WARC records read */
	uint64_t pages;		/* pages handed out from them */
	uint64_t skipped[CD_SKIP_N];
};

/* A problem with subject (a path or a document id).  error false: a note
 * (a binary file skipped, bytes repaired); true: something was lost
 * (unreadable, truncated, corrupt) and the status should be 1. */
typedef void (*cd_report_fn)(void *ctx, const char *subject, bool error,
			     const char *msg);
typedef void (*cd_doc_fn)(void *ctx, const struct cd_doc *doc);
/* Progress: docs more documents handed out, bytes more input bytes read,
 * total more bytes known to come (a file's or a tree's size). */
typedef void (*cd_input_progress_fn)(void *ctx, uint64_t docs,
				     uint64_t bytes, uint64_t total);

struct cd_input {
	/* Settings: fill in after cd_input_init. */
	const char *delim;	/* a line equal to this separates documents,
				 * or NULL: one document a file */
	enum cd_enc enc;
	size_t max;		/* longer documents are reported, not emitted;
				 * 0: no limit */
	bool presize;		/* sum the file sizes of a directory before
				 * walking it, for the progress ETA */
	cd_doc_fn doc;
	cd_report_fn report;
	cd_input_progress_fn progress;	/* or NULL */
	void *ctx;
	uint64_t ndocs;		/* documents emitted so far */
	struct cd_input_stats stats;

	/* Private state. */
	struct cd_buf raw;	/* the bytes of the document being read */
	size_t head;		/* raw[0..head) is already handed out */
	size_t scan;		/* raw[head..scan) holds no delimiter line */
	struct cd_buf text;	/* the decoded document */
	struct cd_buf lf;	/* the decoded document with LF line ends */
	struct cd_buf id;	/* the id being built */
	struct cd_buf msg;	/* a message being built */
	size_t base;		/* id[0..base) names the file or member */
	uint64_t part;		/* documents of the current member so far */
	uint64_t file_docs;	/* documents of the current file so far */
	uint64_t consumed;	/* input bytes counted for progress */
	bool too_long;		/* the current document went over max */
	bool page;		/* the current member is a web page */
	struct cd_buf pid;	/* the id of a page from a WARC record */
	struct cd_buf meta;	/* its url, then its fetched date */
	struct cd_charset cs;	/* the converters of page encodings */
	bool gz_reported;	/* gz_err was given with a WARC record */
	bool binary;		/* the current member holds NUL bytes */
	bool lost;		/* an error was reported for this input */
	int read_errno;		/* a read(2) of this input failed with it */
	bool sized;		/* the walk's total size is already counted */
	int fd;			/* the descriptor being read, or -1 */
	const unsigned char *mem;	/* the memory input, or NULL: fd */
	size_t memlen, mempos;
	char *block;		/* the read buffer of fd */
	size_t pending;		/* block[0..pending) read ahead, not handed out */
	uint64_t rawbytes;	/* raw input bytes read so far */
	bool gzip;		/* the input is gzip, inflated by gz */
	struct cd_gunzip gz;
	unsigned char *zout;	/* gz's output buffer */
	const char *gz_err;	/* why inflating stopped early, or NULL */
	locale_t utf8;		/* C.UTF-8 LC_CTYPE for libarchive's header
				 * reads, made on first use, or 0 */
	bool utf8_tried;	/* newlocale was asked for utf8 already */
	struct cd_hmap seen;	/* member name hash -> times met in this
				 * archive (allocated on first use) */
};

void cd_input_init(struct cd_input *in);
void cd_input_release(struct cd_input *in);

/*
 * Read every document of path ("-" or NULL is standard input), a file,
 * archive or directory.  Returns 0, or -1 when an error was reported for
 * it (documents read before the trouble have been handed out).
 */
int cd_input_path(struct cd_input *in, const char *path);

/*
 * Read the bytes p[0..len) as if they were the contents of a file called
 * name (for tests and fuzzing).  Returns as cd_input_path.
 */
int cd_input_memory(struct cd_input *in, const char *name, const void *p,
		    size_t len);

/*
 * Append a document record to out: {"id":...,"date":...,"text":...}
 * and "\n", the date only when the document has one (SPEC field order);
 * for a page {"id":...,"url":...,"fetched":...,"html":...}, url and
 * fetched only when known.
 */
void cd_input_doc_json(struct cd_buf *out, const struct cd_doc *doc);

/*
 * Append the end note on the WARC records read so far to out, e.g.
 * "3 pages from 9 WARC records; skipped: 3 request, 1 warcinfo,
 * 2 not HTML"; nothing when no WARC record was read.
 */
void cd_input_stats_note(const struct cd_input *in, struct cd_buf *out);

#endif
