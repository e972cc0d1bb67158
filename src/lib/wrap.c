/* wrap.c - hard-wrapped text; see wrap.h. */
#include <string.h>

#include "boiler_int.h"
#include "text.h"
#include "wrap.h"

void cd_wrap_init(struct cd_wrap_tally *t)
{
	memset(t, 0, sizeof(*t));
}

bool cd_wrap_add(struct cd_wrap_tally *t, struct cd_wrap_line *ln,
		 bool ascii)
{
	t->n++;
	if (ln->len < 45)
		return true;	/* fewer bytes, fewer characters */
	ln->chars = ascii ? ln->len : cd_text_chars(ln->s, ln->len);
	if (ln->chars > CD_WRAP_MAX)
		return false;	/* most texts stop here */
	if (ln->chars >= 45) {
		t->count[ln->chars]++;
		t->wide++;
		t->ind[ln->indent < 8 ? ln->indent : 0]++;
		if (!cd_bl_ends_sentence(ln->s, ln->len))
			t->open++;
	}
	return true;
}

size_t cd_wrap_width(const struct cd_wrap_tally *t, unsigned *margin)
{
	size_t w, n, seen = 0;

	*margin = 0;
	if (t->n < 4 || (3 * t->wide < t->n && t->wide < 8)
	    || 2 * t->open < t->wide)
		return 0;
	for (w = 45; w <= CD_WRAP_MAX; w++) {
		seen += t->count[w];
		if (10 * seen >= 9 * t->wide)
			break;
	}
	for (n = 1; n < 8; n++)
		if (10 * t->ind[n] >= 8 * t->wide)
			*margin = (unsigned)n;
	return w;
}

/* True when line ln reads as the rest of the sentence on line prev: prev
 * does not end one and ln starts in lower case or with a digit. */
static bool continues(const struct cd_wrap_line *prev,
		      const struct cd_wrap_line *ln)
{
	unsigned char c = (unsigned char)ln->s[0];

	return ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) &&
	       !cd_bl_ends_sentence(prev->s, prev->len);
}

/* True when line ln, after line prev that ends a sentence, is short and
 * ends none: a heading or the first line of another block (a sidebar
 * under the article in a lynx dump), not the rest of a paragraph. */
static bool heading_after(const struct cd_wrap_line *prev,
			  const struct cd_wrap_line *ln, size_t width)
{
	return 2 * ln->chars < width &&
	       cd_bl_ends_sentence(prev->s, prev->len) &&
	       !cd_bl_ends_sentence(ln->s, ln->len);
}

bool cd_wrap_goes_on(const struct cd_wrap_line *prev,
		     const struct cd_wrap_line *ln, size_t width,
		     unsigned margin)
{
	return ln->indent == margin &&
	       (prev->chars + 25 >= width || continues(prev, ln)) &&
	       !cd_bl_bullet_len(ln->s, ln->len) &&
	       !heading_after(prev, ln, width) &&
	       !cd_bl_heading_close(prev->s, prev->len) &&
	       !cd_bl_heading_open(ln->s, ln->len);
}
