/*
 * json.h - the record model: strict RFC 8259 validation of one JSON object,
 * its top-level members as byte spans, string decoding, and a writer that
 * keeps the original bytes of every member it is not told to change.
 *
 * Nothing is parsed into a tree (STYLE §7).  All spans point into the text
 * given to cd_rec_parse() and are valid as long as that text is.
 */
#ifndef CD_JSON_H
#define CD_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Nesting deeper than this is refused, as jq 1.6 does. */
#define CD_JSON_MAX_DEPTH 256

enum cd_jtype {
	CD_JNULL = 'n', CD_JBOOL = 'b', CD_JNUM = '0', CD_JSTR = 's',
	CD_JOBJ = 'o', CD_JARR = 'a'
};

/* One top-level member.  key/klen is the raw key between its quotes (it may
 * hold escapes: compare with cd_rec_find, which decodes them); val/vlen is
 * the whole value text, with quotes for a string. */
struct cd_field {
	const char *key;
	size_t klen;
	const char *val;
	size_t vlen;
	enum cd_jtype type;
	bool kesc;	/* the raw key holds a backslash escape */
	bool vesc;	/* a string value holds a backslash escape */
};

/* A parsed record.  Owns its field array only; reuse one across records
 * (cd_rec_parse resets it) and cd_rec_release at the end. */
struct cd_rec {
	const char *text;	/* borrowed: the line */
	size_t len;
	size_t open, close;	/* offsets of the outer '{' and '}' */
	struct cd_field *f;
	size_t nf, cap;
};

/* Why a line was refused: a reason and the 1-based byte column. */
struct cd_jerr {
	const char *reason;
	size_t col;
};

void cd_rec_init(struct cd_rec *r);
void cd_rec_release(struct cd_rec *r);

/*
 * Validate text[0..len) as exactly one JSON object with optional white
 * space around it, and record its top-level members.  Strict: UTF-8 (no
 * overlong forms, no encoded surrogates), escapes, \u surrogate pairs
 * (a lone surrogate is refused), RFC 8259 numbers, depth at most
 * CD_JSON_MAX_DEPTH.  Returns 0, or -1 with *err filled.
 */
int cd_rec_parse(struct cd_rec *r, const char *text, size_t len,
		 struct cd_jerr *err);

/*
 * Copy src into dst so that it outlives src's line: the bytes go to line
 * (reset first; owned by the caller) and dst's members point into it.
 * When cut is one of src's members, its value bytes are left out and
 * its vlen is 0 in dst (a record held without its large text, which
 * cd_rec_write puts back as an edit).  dst is valid until line changes.
 */
void cd_rec_copy(struct cd_rec *dst, struct cd_buf *line,
		 const struct cd_rec *src, const struct cd_field *cut);

/*
 * Validate val[0..vlen) as one JSON array (as strictly as cd_rec_parse)
 * and record its elements in r->f[0..nf) in order, with empty keys (klen
 * 0): val/vlen/type of each element as for a member.  For the arrays of
 * nested data (JSON-LD in web pages).  Returns 0, or -1 with *err filled.
 */
int cd_json_array(struct cd_rec *r, const char *val, size_t vlen,
		  struct cd_jerr *err);

/* The last member named key (jq keeps the last of duplicates), or NULL. */
const struct cd_field *cd_rec_find(const struct cd_rec *r, const char *key);

/*
 * Append the decoded contents of a validated JSON string value (with its
 * quotes, as in struct cd_field) to out as UTF-8.
 */
void cd_json_unescape(const char *val, size_t vlen, struct cd_buf *out);

/* Decode a string field into out (reset first).  Returns false when the
 * field is absent or not a string. */
bool cd_rec_string(const struct cd_rec *r, const char *key,
		   struct cd_buf *out);

/* One change for cd_rec_write: set member key to the JSON text val/vlen,
 * or remove it when val is NULL. */
struct cd_edit {
	const char *key;
	const char *val;
	size_t vlen;
};

/*
 * Append the record to out with the edits applied, then "\n".  Members not
 * edited keep their bytes and their order; an edited member that exists is
 * changed in place (its last occurrence); the others are added at the end
 * in the order given.  White space outside the braces is dropped.
 * Returns the offset in out of the value written for ed[0], or SIZE_MAX
 * when there is none (ned 0, or ed[0] removes its member).
 */
size_t cd_rec_write(struct cd_buf *out, const struct cd_rec *r,
		    const struct cd_edit *ed, size_t ned);

/* Helpers to build edit values: append key-less JSON to a buffer. */
void cd_json_add_int(struct cd_buf *b, long long v);
void cd_json_add_double(struct cd_buf *b, double v, int decimals);

#endif
