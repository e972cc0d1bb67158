/*
 * boiler_int.h - what the files of the boilerplate module share (see
 * boiler.h): rules.c (the rule files: parsing, the index, matching),
 * units.c (one document cut into units, each measured and classified),
 * boiler.c (one document: the body search, the structural tests, the
 * floor, the output), lift.c (the metadata lifted from around the body:
 * title, byline, dateline, date) and corpus.c (lines recurring across
 * documents).  Private to those files.
 */
#ifndef CD_BOILER_INT_H
#define CD_BOILER_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "boiler.h"
#include "text.h"

/* ---- units.c ---- */

/* cd_bl_bullet_len past its first byte: the whole test. */
size_t cd_bl_bullet_len_at(const char *s, size_t len);

/* Length of the list bullet and the spaces after it at s[0..len), or 0.
 * Inline for a first byte in ASCII other than '*', the one ASCII bullet:
 * no bullet. */
static inline size_t cd_bl_bullet_len(const char *s, size_t len)
{
	if (len > 0 && (unsigned char)s[0] < 0x80 && s[0] != '*')
		return 0;
	return cd_bl_bullet_len_at(s, len);
}

/* cd_bl_ends_sentence past its last byte: the whole test. */
bool cd_bl_ends_sentence_at(const char *s, size_t len);

/* True when s[0..len) ends like a sentence (closing quotes and brackets
 * looked through).  Inline for the common last bytes: an ASCII letter,
 * digit or stop answers at once. */
static inline bool cd_bl_ends_sentence(const char *s, size_t len)
{
	unsigned char c = len ? (unsigned char)s[len - 1] : 0;

	if (c == '.' || c == '!' || c == '?' || c == ':')
		return true;
	if (cd_text_alpha(c) || cd_text_digit(c))
		return false;
	return cd_bl_ends_sentence_at(s, len);
}

/* True when s[0..len) signs an embedded social media post: a dash, a
 * name, "(@handle)" and a date ("— Ann Lee (@annlee) May 3, 2019"). */
bool cd_bl_tweet_credit(const char *s, size_t len);

/* The words of s[0..len) (runs of non-spaces); *high: a byte is 0x80 or
 * above. */
uint32_t cd_bl_count_words(const char *s, size_t len, bool *high);

/* Cut d->norm into units (lines, or the paragraphs of hard-wrapped
 * text), appended to d->u: its nl lines end where d->set says (as
 * cd_text_normalize_lines wrote them); ascii: d->norm is all ASCII. */
void cd_bl_split_units(struct cd_boiler_doc *d, size_t nl, bool ascii);

/* SPEC copydesk-split: take a leading "date YYYY-MM-DD" header out of the
 * first unit into d->date. */
void cd_bl_date_header(struct cd_boiler_doc *d);

/* Measure each unit of d, match the rules of rs and set its class
 * (enum cd_unit_class) and why, through d->memo when it is not NULL
 * (see cd_boiler_memo); indented_text: most units are indented, so
 * indentation says nothing. */
void cd_bl_classify(const struct cd_boiler_rules *rs, struct cd_boiler_doc *d,
		    bool indented_text);

/* ---- boiler.c ---- */

/* Remove unit i, naming the reason (kept when it already has one). */
static inline void cd_bl_drop(struct cd_boiler_doc *d, size_t i, const char *why)
{
	struct cd_unit *u = &d->u[i];

	if (!u->keep)
		return;
	u->keep = false;
	if (why)
		u->why = why;
	else if (!u->why)
		u->why = "boilerplate";
}

/* ---- lift.c ---- */

/* True when unit u (text s) could be a headline: a few words, no final
 * full stop or colon, not a list item, a rule match or a repeat of a
 * longer text. */
bool cd_bl_title_shape(const struct cd_unit *u, const char *s);

/* Lift the dateline and the byline from the head of the document (before
 * the body or among its first six units) and the title; needs the body
 * (d->lo, d->hi). */
void cd_bl_lift_meta(struct cd_boiler_doc *d);

/* The stars of html2text's heading marks: "****** " before an h1 and
 * " ******" after it, five for an h2, four for an h3 (fewer would read
 * as bullets and rules). */
#define CD_BL_STARS_MIN 4
#define CD_BL_STARS_MAX 6

/* The number of stars (4 to 6) of the heading mark html2text writes
 * at the start of s[0..len) ("****** " before an h1); else 0.  A unit
 * starts with such a line's start. */
static inline size_t cd_bl_heading_open(const char *s, size_t len)
{
	size_t n = 0;

	if (len == 0 || s[0] != '*')
		return 0;	/* most lines */
	while (n < len && n <= CD_BL_STARS_MAX && s[n] == '*')
		n++;
	return n >= CD_BL_STARS_MIN && n <= CD_BL_STARS_MAX && n < len &&
	       s[n] == ' ' ? n : 0;
}

/* The same at the end of s[0..len) (" ******" after an h1).  A unit
 * ends after such a line's end. */
static inline size_t cd_bl_heading_close(const char *s, size_t len)
{
	size_t n = 0;

	if (len == 0 || s[len - 1] != '*')
		return 0;	/* most lines */
	while (n < len && n <= CD_BL_STARS_MAX && s[len - 1 - n] == '*')
		n++;
	return n >= CD_BL_STARS_MIN && n <= CD_BL_STARS_MAX && n < len &&
	       s[len - 1 - n] == ' ' ? n : 0;
}

/* Remove the repeats of the title anywhere in the document. */
void cd_bl_drop_title_repeats(struct cd_boiler_doc *d);

#endif
