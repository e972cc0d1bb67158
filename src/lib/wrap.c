/* wrap.c - hard-wrapped text, part of the boiler module; see boiler.h. */
#include <stdint.h>
#include <string.h>

#include "boiler_int.h"
#include "text.h"
#include "utf8.h"

void cd_wrap_init(struct cd_wrap_tally *t)
{
	memset(t, 0, sizeof(*t));
}

/* The column line ln ends at: its indent and its characters, at most
 * CD_WRAP_MAX (a longer line counts as one that long). */
static size_t end_col(const struct cd_wrap_line *ln)
{
	size_t e = ln->indent + ln->chars;

	return e > CD_WRAP_MAX ? CD_WRAP_MAX : e;
}

bool cd_wrap_add(struct cd_wrap_tally *t, struct cd_wrap_line *ln,
		 const struct cd_wrap_line *next, bool ascii)
{
	size_t w;
	bool on = next && next->len;

	t->n++;
	if (ln->len < 45)
		return true;	/* fewer bytes, fewer characters */
	ln->chars = ascii ? ln->len : cd_text_chars(ln->s, ln->len);
	if (ln->chars > CD_WRAP_MAX)
		return !(++t->over >= 4 && t->over > t->wide);
	if (ln->chars >= 45) {
		w = end_col(ln);
		t->all[w]++;
		t->wide++;
		t->ind[ln->indent < 8 ? ln->indent : 0]++;
		if (!cd_bl_ends_sentence(ln->s, ln->len)) {
			t->open++;
			t->open_at[w]++;
			/* a paragraph's first line indented a little, not
			 * a listing's line, further in, that a dumper broke
			 * at the screen's edge (lynx) */
			t->first += on && next->indent == 0 && ln->indent &&
				    ln->indent < 8;
		}
		if (on && next->indent >= ln->indent) {
			t->count[w]++;	/* a line the next goes on */
			t->cut++;
		}
	}
	return true;
}

size_t cd_wrap_width(const struct cd_wrap_tally *t, unsigned *margin,
		     bool *hang)
{
	const unsigned *count = t->count;
	size_t w, k, n, cut = t->cut, seen = 0;

	*margin = 0;
	*hang = false;
	if (t->n < 4 || (3 * t->wide < t->n && t->wide < 8) ||
	    3 * t->open < t->wide || 10 * t->over > t->wide + t->over)
		return 0;
	*hang = t->first >= 2 && 4 * t->first >= cut;
	if (cut < 4) {
		count = t->all;
		cut = t->wide;
	}
	for (w = 45; w < CD_WRAP_MAX; w++) {
		seen += count[w];
		if (10 * seen >= 9 * cut)
			break;
	}
	/* with a third to a half of the wide lines cut mid-sentence (short
	 * paragraphs of one line or two, wrapped), half of those end within
	 * CD_WRAP_BAND columns of the edge (up to ten past it, as below),
	 * and the lines that end a sentence less often (a paragraph's last
	 * line ends anywhere); where lines are paragraphs, one that ends no
	 * sentence ends anywhere, or all end about as long (a recipe's
	 * lines, some without a full stop) */
	if (2 * t->open < t->wide) {
		size_t band = 0;

		for (seen = 0, k = w - CD_WRAP_BAND;
		     k <= w + 10 && k <= CD_WRAP_MAX; k++) {
			seen += t->open_at[k];
			band += t->all[k];
		}
		if (2 * seen < t->open ||
		    (band - seen) * t->open >= seen * (t->wide - t->open))
			return 0;
	}
	for (n = 1; n < 8; n++)
		if (10 * t->ind[n] >= 8 * t->wide)
			*margin = (unsigned)n;
	/* the edge: the longest of those lines at most ten columns further
	 * (a long word wrapped early leaves many lines short of it) */
	for (k = w + 10 < CD_WRAP_MAX ? w + 10 : CD_WRAP_MAX; k > w; k--)
		if (count[k])
			return k;
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

/* True when code point cp draws a table's frame: a bar, a corner, a
 * crossing ("|", "+", box drawing), as links, elinks and w3m draw them
 * around the cells of a table. */
static bool frame_cp(uint32_t cp)
{
	return cp == '|' || cp == '+' || (cp >= 0x2500 && cp <= 0x257F);
}

/* True when line ln starts or ends on a table's frame: a row of cells,
 * read line by line, never wrapped prose. */
static bool frame_line(const struct cd_wrap_line *ln)
{
	size_t k = ln->len - 1, n;
	unsigned char f = (unsigned char)ln->s[0];

	/* (an ASCII byte is its character: most lines need no decoding;
	 * a box drawing character starts with byte 0xE2) */
	if (f < 0x80 ? frame_cp(f)
		     : f == 0xE2 && frame_cp(cd_utf8_decode(ln->s, ln->len, &n)))
		return true;
	if ((unsigned char)ln->s[k] < 0x80)
		return frame_cp((unsigned char)ln->s[k]);
	while (k > 0 && ((unsigned char)ln->s[k] & 0xC0) == 0x80)
		k--;
	return frame_cp(cd_utf8_decode(ln->s + k, ln->len - k, &n));
}

/* The length of an item's number at s[0..len): 1 to 3 digits, '.' or ')'
 * and a space ("2. ", "12) "); 0 when none.  *num: the number. */
static size_t number_len(const char *s, size_t len, unsigned *num)
{
	size_t k = 0;

	*num = 0;
	while (k < len && k < 4 && cd_text_digit((unsigned char)s[k]))
		*num = *num * 10 + (unsigned)(s[k++] - '0');
	if (k == 0 || k > 3 || k + 1 >= len ||
	    (s[k] != '.' && s[k] != ')') || s[k + 1] != ' ') {
		*num = 0;
		return 0;
	}
	return k + 2;
}

void cd_wrap_start(struct cd_wrap_para *p, const struct cd_wrap_line *ln,
		   bool hang)
{
	size_t b = cd_bl_bullet_len(ln->s, ln->len);

	/* a hanging line goes on under the text of a bullet or a number,
	 * in columns ("• " takes two, in four bytes) */
	p->col = ln->indent + (b ? cd_text_chars(ln->s, b) : 0) +
		 number_len(ln->s, ln->len, &p->num);
	p->first = true;
	p->hang = hang;
}

bool cd_wrap_goes_on(struct cd_wrap_para *p, const struct cd_wrap_line *prev,
		     const struct cd_wrap_line *ln, size_t width)
{
	size_t e = prev->indent + prev->chars;
	unsigned num;
	/* the next item of a numbered list ("2. " under "1. "), not a
	 * number wrapped to a line's start ("called\n911. Police") */
	bool item = number_len(ln->s, ln->len, &num) && p->num &&
		    num == p->num + 1;

	if (p->hang && p->first && ln->indent && ln->indent == prev->indent)
		return false;	/* the first line of the next paragraph */
	if (!(ln->indent == p->col ||
	      (p->first && ln->indent < p->col && p->col == prev->indent) ||
	      (p->first && p->num && ln->indent == prev->indent)) ||
	    (e > width + 8 && memchr(prev->s, ' ', prev->len)) ||
	    frame_line(prev) || frame_line(ln) ||
	    !(e + 25 >= width || continues(prev, ln)) ||
	    cd_bl_bullet_len(ln->s, ln->len) || item ||
	    heading_after(prev, ln, width) ||
	    cd_bl_heading_close(prev->s, prev->len) ||
	    cd_bl_heading_open(ln->s, ln->len))
		return false;
	p->col = ln->indent;
	p->first = false;
	return true;
}
