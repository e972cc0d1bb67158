/*
 * segment.h - paragraph and sentence splitting of a UTF-8 text, as byte
 * spans into it (SPEC: text[start:end] is the unit).
 *
 * Paragraphs are separated by blank lines; a text with no blank line
 * between two of its lines has one paragraph a line, unless some of its
 * lines (not all) start with an indent (a tab or two spaces): then it is
 * hard-wrapped and each indented line starts a paragraph.  Sentences never
 * cross a paragraph; a sentence ends at '.', '!', '?' or an ellipsis
 * followed by space, with any closing quotes or brackets after the mark
 * kept in the sentence ('."', '.”', '?"').  A period does not end a
 * sentence after a decimal digit run with no space (3.5), an initial
 * (J. R. R. Tolkien), a dotted abbreviation (U.S., a.m.) or a word of the
 * abbreviation list, unless what follows is a word that usually starts a
 * sentence ("in the U.S. The"); a title (Mr., Dr.) never ends one, and
 * nothing ends a sentence before a lower-case word.
 *
 * Every span is trimmed of white space at both ends and is never empty.
 */
#ifndef CD_SEGMENT_H
#define CD_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>

struct cd_span {
	size_t start, end;	/* byte offsets, start < end */
};

/* A growable list of spans, owned by the caller. */
struct cd_spans {
	struct cd_span *v;
	size_t n, cap;
};

#define CD_SPANS_INIT { NULL, 0, 0 }

void cd_spans_release(struct cd_spans *sp);

/*
 * Replace the contents of out with the paragraphs of s[0..len), in order.
 * s need not be NUL-terminated and may hold any bytes.
 */
void cd_segment_paragraphs(const char *s, size_t len, struct cd_spans *out);

/* The word lists the sentence splitter uses (opaque, heap-allocated). */
struct cd_segment;

/* A new, empty splitter; free it with cd_segment_free (NULL is fine). */
struct cd_segment *cd_segment_new(void);
void cd_segment_free(struct cd_segment *seg);

/*
 * Add one line in the format of data/abbreviations.txt: "WORD [CLASS]"
 * where WORD is an abbreviation with its final period ("Feb.") and CLASS
 * is empty (may end a sentence before a sentence starter), "title" (never
 * ends a sentence) or "starter" (WORD is not an abbreviation but a word
 * that usually begins a sentence, such as "The").  Blank lines and
 * '#' comments are ignored.  Returns 0, or -1 when the line is malformed.
 */
int cd_segment_add(struct cd_segment *seg, const char *line, size_t len);

/*
 * Read a word list file with cd_segment_add.  Returns 0; -1 with errno set
 * when the file cannot be read; or the 1-based number of the first
 * malformed line.
 */
long cd_segment_load(struct cd_segment *seg, const char *path);

/* The classes of the word list. */
enum { CD_SEG_NONE = -1, CD_SEG_ABBR, CD_SEG_TITLE, CD_SEG_STARTER };

/* The class of w[0..len) in seg (an abbreviation or title with its final
 * period, "Feb.", "Sen."), or CD_SEG_NONE; case matters. */
int cd_segment_class(const struct cd_segment *seg, const char *w, size_t len);

/*
 * The one sentence rule, used by cd_segment_sentences() and by the
 * attribution of copydesk-quote: does a sentence end after the run of
 * sentence marks (. ! ? and ellipses) that starts at s[at], in the
 * paragraph s[from..end) whose current sentence starts at from?  The run
 * and the closing quotes or brackets after it must be followed by white
 * space, and the next word be one that may open a sentence (see above).
 * *after gets the offset past the run and its closers (at + 1 when there
 * is no mark at s[at]), where the sentence ends when it does.
 */
bool cd_segment_ends_at(const struct cd_segment *seg, const char *s,
			size_t from, size_t at, size_t end, size_t *after);

/*
 * Replace the contents of out with the sentences of s[0..len), paragraph
 * by paragraph.  seg may not be NULL (an empty list is fine).  Invalid
 * UTF-8 is tolerated (each bad byte counts as one non-letter).
 */
void cd_segment_sentences(const struct cd_segment *seg, const char *s,
			  size_t len, struct cd_spans *out);

#endif
