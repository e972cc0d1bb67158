/* marks.c - the marks of text dumpers taken out of a page's text; see
 * marks.h. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "marks.h"
#include "text.h"

/* What the survey of a document found, and what is to be removed. */
struct marks {
	size_t refhead;	/* "References" lines heading such a list */
	size_t nums;	/* link numbers "[12]" */
	size_t tight;	/* of them before a word, after none */
	size_t up;	/* of them above the one before */
	size_t star, plus, o, hash;	/* indented lines led by these bullets */
	size_t button, img, ins, field, under, stars, form;
	size_t list;	/* the line heading the last reference list */
	bool on;	/* the document carries a dumper's marks */
	bool cut_nums, cut_refs, cut_under, cut_stars;
	int choose;	/* lines left of a "[One of: ..." going on (a blank
			 * line ends it, CHOOSE_LINES at most) */
};

/* The offset where line k of the lines first.. starts. */
static inline size_t line_start(const uint64_t *end, size_t first,
				size_t base, size_t k)
{
	return k == first ? base : (size_t)end[k - 1] + 1;
}

/* Length of the list bullet at s[0..len) of a dumper ('*', '+', 'o', '#',
 * U+2022) with the space after it, when followed by a space or the end of
 * the line; 0 when none.  *c: its kind ('*' for U+2022). */
static size_t bullet_at(const char *s, size_t len, char *c)
{
	size_t n = 1;

	if (len >= 3 && memcmp(s, "\xE2\x80\xA2", 3) == 0) {
		*c = '*';
		n = 3;
	} else if (len && (s[0] == '*' || s[0] == '+' || s[0] == 'o' ||
			   s[0] == '#')) {
		*c = s[0];
	} else {
		return 0;
	}
	if (n == len)
		return n;
	return s[n] == ' ' ? n + 1 : 0;
}

/* True when s[0..len) is a line of a reference list: a number, ". " and
 * a URL, its scheme first ("12. https://example.com/a b"). */
static bool ref_line(const char *s, size_t len)
{
	size_t i = 0, k;

	while (i < len && cd_text_digit((unsigned char)s[i]))
		i++;
	if (i == 0 || i + 2 >= len || s[i] != '.' || s[i + 1] != ' ')
		return false;
	for (k = i += 2; k < len && (cd_text_alpha((unsigned char)s[k]) ||
		     (k > i && (cd_text_digit((unsigned char)s[k]) ||
				s[k] == '+' || s[k] == '-' || s[k] == '.')));
	     k++)
		;
	if (k == i || k + 1 >= len || s[k] != ':')
		return false;
	if (s[k + 1] == '/')
		return true;	/* "https://", "file:///" */
	return cd_text_word_in(s + i, k - i, (const char *const[]){
		"mailto", "javascript", "tel", "data", "about", "news"}, 6);
}

/* True when s[0..len) heads or parts a reference list. */
static bool ref_head(const char *s, size_t len)
{
	if (len && s[len - 1] == ':')
		len--;
	return (len == 10 && memcmp(s, "References", 10) == 0) ||
	       (len == 13 && memcmp(s, "Visible links", 13) == 0) ||
	       (len == 12 && memcmp(s, "Hidden links", 12) == 0);
}

/* The stars of html2text's top heading ("****** Title ******"): they
 * stay, for lift.c to take the title by them and cut them
 * (cd_bl_heading_open). */
#define H1_STARS 6

/* The number of '*' at s[0..len) from i on. */
static size_t stars_at(const char *s, size_t len, size_t i)
{
	size_t k = i;

	while (k < len && s[k] == '*')
		k++;
	return k - i;
}

/* True when the '_' at s[i] (of s[0..len)) may stand for a space between
 * the words of a link (html2text: "Latest_News", "Delhi_&_NCR"): after a
 * word byte, before a word byte or a one-byte sign and a '_'. */
static bool under_at(const char *s, size_t len, size_t i)
{
	size_t b = i + 1;

	if (i == 0 || b >= len)
		return false;
	if (!cd_text_word_byte((unsigned char)s[i - 1]))	/* "Note:_the" */
		return memchr(":;,.!?)", s[i - 1], 7) &&
		       cd_text_word_byte((unsigned char)s[b]);
	return cd_text_word_byte((unsigned char)s[b]) ||
	       (s[b] != ' ' && b + 1 < len && s[b + 1] == '_');
}

/* True when the word at s[a..) (to the next space or line end) holds no
 * '/' or '=': no address, no name in code.  *end: where the word ends. */
static bool plain_word(const char *s, size_t len, size_t a, size_t *end)
{
	size_t b = a;

	while (b < len && s[b] != ' ' && s[b] != '\n')
		b++;
	*end = b;
	return !memchr(s + a, '/', b - a) && !memchr(s + a, '=', b - a);
}

/* The length of the link number "[12]" at s[i..len), or 0. */
static size_t num_at(const char *s, size_t len, size_t i)
{
	size_t k = i + 1;

	while (k < len && k - i <= 6 && cd_text_digit((unsigned char)s[k]))
		k++;
	if (k == i + 1 || k >= len || s[k] != ']')
		return 0;
	return k + 1 - i;
}

/* The length of a form field of html2text at s[i..len): "[One of: a/b/c]"
 * (a list to choose from, its end perhaps on a later line: the rest of
 * the line then), "[Unknown INPUT type]", a box to type in "[name    ]";
 * or 0. */
static size_t form_at(const char *s, size_t len, size_t i)
{
	const char *e;
	size_t n = len - i, k;

	if (n >= 9 && memcmp(s + i, "[One of: ", 9) == 0) {
		e = memchr(s + i, ']', n);
		return e ? (size_t)(e - s) + 1 - i : n;
	}
	if (n >= 20 && memcmp(s + i, "[Unknown INPUT type]", 20) == 0)
		return 20;
	for (k = i + 1; k < len && s[k] != ' ' && s[k] != ']' &&
	     s[k] != '\n' && s[k] != '['; k++)	/* a box holds no '[' */
		;
	return k + 1 < len && s[k] == ' ' && s[k + 1] == ']' ? k + 2 - i : 0;
}

/* The length of a mark that is no text at s[i..len) (m says which kinds
 * go), or 0. */
static size_t mark_at(const struct marks *m, const char *s, size_t len,
		      size_t i)
{
	size_t n = len - i, k;

	switch (s[i]) {
	case '[':
		if (m->cut_nums && (k = num_at(s, len, i)))
			return k;
		if (m->img && n >= 5 && memcmp(s + i, "[IMG]", 5) == 0)
			return 5;
		if (m->form && (k = form_at(s, len, i)))
			return k;
		if (m->ins && n >= 5 && (memcmp(s + i, "[INS:", 5) == 0 ||
					 memcmp(s + i, "[DEL:", 5) == 0) &&
		    (n == 5 || s[i + 5] == ' '))
			return n == 5 ? 5 : 6;
		return 0;
	case '(':
		return m->button && n >= 8 && memcmp(s + i, "(BUTTON)", 8) == 0
		       ? 8 : 0;
	case ' ':
		return m->ins && n >= 6 && (memcmp(s + i, " :INS]", 6) == 0 ||
					    memcmp(s + i, " :DEL]", 6) == 0)
		       ? 6 : 0;
	case ':':	/* the end of "[INS: ...", wrapped to a line's start */
		return m->ins && n >= 5 && (memcmp(s + i, ":INS]", 5) == 0 ||
					    memcmp(s + i, ":DEL]", 5) == 0)
		       ? 5 + (n > 5 && s[i + 5] == ' ') : 0;
	default:
		return 0;
	}
}

/* Survey the inline marks of s[from..len) into m. */
static void survey_inline(struct marks *m, const char *s, size_t len,
			  size_t from)
{
	const char *p = s + from, *e = s + len;
	long last = -1;
	size_t wend = 0;	/* the end of the word last read by plain_word */
	bool plain = false;	/* that word is plain */

	while ((p = memchr(p, '[', (size_t)(e - p))) != NULL) {
		size_t i = (size_t)(p - s), k = num_at(s, len, i);

		if (k) {
			long v = strtol(p + 1, NULL, 10);

			m->nums++;
			/* "[12]Home", not a note: "word[1]," */
			if (i + k < len && (cd_text_word_byte((unsigned char)s[i + k]) ||
					    s[i + k] == '"' || s[i + k] == '(') &&
			    (i == 0 || !cd_text_word_byte((unsigned char)s[i - 1])))
				m->tight++;
			if (v > last)
				m->up++;
			last = v;
		} else if (len - i >= 5 && memcmp(p, "[IMG]", 5) == 0) {
			m->img++;
		} else if (len - i >= 6 && (memcmp(p, "[INS: ", 6) == 0 ||
					    memcmp(p, "[DEL: ", 6) == 0)) {
			m->ins++;
		} else if (form_at(s, len, i)) {
			m->form++;
		}
		p++;
	}
	for (p = s + from; (p = memchr(p, '_', (size_t)(e - p))) != NULL;) {
		size_t k = strspn(p, "_");

		if (k >= 4)
			m->field++;
		else if (k == 1 && under_at(s, len, (size_t)(p - s))) {
			/* once a word: "a_b_c_..." is read in one pass */
			if (p >= s + wend) {
				const char *a = p;

				while (a > s + from && a[-1] != ' ' &&
				       a[-1] != '\n')
					a--;
				plain = plain_word(s, len, (size_t)(a - s),
						   &wend);
			}
			m->under += plain;
		}
		p += k;
	}
	for (p = s + from; (p = memmem(p, (size_t)(e - p), "(BUTTON)", 8));
	     p += 8)
		m->button++;
}

/* True when every line after line list (of the lines first..nl of s)
 * that is not blank is a line of a reference list, a heading of one, an
 * indented line, one right under a line of the list or one before a
 * later line of the list (a URL holding line breaks: "mailto:?body="):
 * the list runs to the end, as lynx and elinks write it, and no
 * article's text comes after it. */
static bool refs_to_end(const char *s, size_t base, const uint64_t *end,
			size_t first, size_t nl, size_t list)
{
	size_t k;
	bool under = false;	/* the line before is one of the list */
	bool stray = false;	/* a line of text since the list's last */

	for (k = list + 1; k < nl; k++) {
		size_t a = line_start(end, first, base, k), b = (size_t)end[k],
		       ind = a;

		while (ind < b && s[ind] == ' ')
			ind++;
		if (ind == b) {
			under = false;
			continue;
		}
		if (ind > a || ref_line(s + ind, b - ind) ||
		    ref_head(s + ind, b - ind))
			stray = false;
		else if (!under)
			stray = true;
		under = true;
	}
	return !stray;
}

/* Survey the lines of s into m and decide what goes. */
static void survey(struct marks *m, const char *s, size_t len, size_t base,
		   const uint64_t *end, size_t first, size_t nl)
{
	size_t k, head = 0;	/* a "References" line waiting for its list */

	for (k = first; k < nl; k++) {
		size_t a = line_start(end, first, base, k), b = (size_t)end[k],
		       ind = a, n, st;
		unsigned char f;
		char c;

		while (ind < b && s[ind] == ' ')
			ind++;
		if (ind == b)
			continue;
		n = b - ind;
		f = (unsigned char)s[ind];
		if (head) {
			/* "References", then "Visible links" or "1. http..." */
			if ((cd_text_digit(f) && ref_line(s + ind, n)) ||
			    ref_head(s + ind, n)) {
				m->refhead++;
				m->list = head - 1;
			}
			head = 0;
			continue;
		}
		switch (f) {
		case 'R':
			head = ref_head(s + ind, n) ? k + 1 : 0;
			break;
		case '*':
			st = stars_at(s, b, ind);
			if (st >= 2 && (ind + st == b || s[ind + st] == ' '))
				m->stars++;	/* "**** Title ****", not "**bold**" */
			/* fall through */
		case '+': case 'o': case '#': case 0xE2:
			if (ind - a >= 2 && bullet_at(s + ind, n, &c)) {
				m->star += c == '*';
				m->plus += c == '+';
				m->o += c == 'o';
				m->hash += c == '#';
			}
			break;
		default:
			break;
		}
	}
	survey_inline(m, s, len, base);
	m->cut_refs = m->refhead > 0 &&
		      refs_to_end(s, base, end, first, nl, m->list);
	/* with the list the numbers are a dumper's, whatever their shape
	 * ("[46][IMG]", "Tel.: [24]+49"): lynx's reference list runs to
	 * the end (refs_to_end) */
	m->cut_nums = m->nums > 0 && (m->cut_refs ||
		      (m->nums >= 5 && m->tight * 5 >= m->nums * 4 &&
		       m->up * 5 >= m->nums * 4));
	/* '+', 'o' and '#' mark the deeper levels of a list whose first is
	 * '*' ("#" the third: under 'o' or '+') */
	if (m->plus < 3 || !m->star)
		m->plus = 0;
	if (m->o < 3 || !m->star)
		m->o = 0;
	if (m->hash < 3 || !(m->plus || m->o))
		m->hash = 0;
	/* html2text: its headings in stars, its links with '_' for ' ' */
	m->cut_stars = m->stars && m->under >= 8;
	m->on = m->cut_refs || m->cut_nums || m->plus || m->o || m->hash ||
		m->button >= 2 || m->img >= 2 ||
		m->field >= 2 || m->ins >= 2 || m->cut_stars;
	m->cut_under = m->cut_stars;
	if (!m->cut_stars)
		m->form = 0;	/* the form fields are html2text's */
}

/* True when bullet kind c is a dumper's bullet in the document. */
static bool bullet_on(const struct marks *m, char c)
{
	return c == '*' || (c == '+' && m->plus) || (c == 'o' && m->o) ||
	       (c == '#' && m->hash);
}

/* The most lines a list to choose from runs on after its first. */
#define CHOOSE_LINES 3

/* Write line s[0..n) without its marks to d (d <= s: the line never
 * grows); returns its new length (0: nothing but marks). */
static size_t strip_line(struct marks *m, const char *s, size_t n, char *d)
{
	size_t i = 0, w, ind, text, k, st, bullets = 0, wend = 0;
	bool plain = false;	/* the word read is plain_word (to wend) */
	char c;

	if (m->choose) {
		/* the rest of a list to choose from, up to its ']' */
		const char *e = memchr(s, ']', n);

		if (!e) {
			m->choose--;
			return 0;
		}
		m->choose = 0;
		i = (size_t)(e - s) + 1;
		if (i == n)
			return 0;
		s += i;
		n -= i;
		i = 0;
	}
	while (i < n && s[i] == ' ')
		d[i] = ' ', i++;
	w = ind = i;
	/* '+', 'o', '#' bullets only where the survey counts them */
	while ((st = bullet_at(s + i, n - i, &c)) != 0 && bullet_on(m, c) &&
	       (c == '*' || ind >= 2) &&
	       !(c == '*' && m->cut_stars && stars_at(s, n, i) >= 2)) {
		if (!bullets++) {
			/* the first bullet stays, as '*' unless it is one */
			if (s[i] == '*' || (unsigned char)s[i] >= 0x80) {
				memmove(d + w, s + i, st);
				w += st;
			} else {
				d[w++] = '*';
				if (st > 1)
					d[w++] = ' ';
			}
		}
		i += st;
	}
	if (bullets && i == n) {
		/* a bullet alone stays, as w3m's do */
		return d[w - 1] == ' ' ? w - 1 : w;
	}
	text = w;
	if (m->cut_stars && i < n && s[i] == '*' && (k = stars_at(s, n, i)) >= 2 &&
	    k != H1_STARS && (i + k == n || s[i + k] == ' '))
		i += k;
	while (i < n) {
		k = mark_at(m, s, n, i);
		if (k) {
			if (i + k == n && s[i] == '[' && s[n - 1] != ']' &&
			    m->form && form_at(s, n, i) == k)
				m->choose = CHOOSE_LINES;	/* "[One of: a/b/" */
			i += k;
			/* "adults [1]." -> "adults.", no space before the stop */
			if (s[i - k] == '[' && i < n &&
			    memchr(".,;:!?)", s[i], 7) && w > text &&
			    d[w - 1] == ' ')
				w--;
			continue;
		}
		if (m->cut_stars && s[i] == ' ' && s[i + 1] == '*' &&
		    i + 1 + stars_at(s, n, i + 1) == n &&
		    stars_at(s, n, i + 1) >= 2 &&
		    stars_at(s, n, i + 1) != H1_STARS)
			break;
		/* a word starts; once a word, not at each '_' made ' ' */
		if (m->cut_under && (w == text || d[w - 1] == ' ') && i >= wend)
			plain = plain_word(s, n, i, &wend);
		c = s[i++];
		if (c == '_' && plain && under_at(s, n, i - 1))
			c = ' ';
		if (c == ' ' && (w == text || d[w - 1] == ' '))
			continue;
		d[w++] = c;
	}
	while (w > text && d[w - 1] == ' ')
		w--;
	if (w == text)
		return 0;
	return w;
}

size_t cd_marks_strip(char *s, size_t len, size_t base, uint64_t *end,
		      size_t first, size_t nl)
{
	struct marks m;
	size_t k, w = base, next = base;
	bool refs = false;

	memset(&m, 0, sizeof(m));
	survey(&m, s, len, base, end, first, nl);
	if (!m.on)
		return len;
	for (k = first; k < nl; k++) {
		size_t a = next, b = (size_t)end[k], n = 0;
		bool lf = b < len;

		next = b + 1;
		if (b == a)
			m.choose = 0;	/* a blank line ends a list to choose from */
		/* the list runs to the end (its URLs may hold line breaks) */
		if (m.cut_refs && k == m.list)
			refs = true;
		if (!refs)
			n = strip_line(&m, s + a, b - a, s + w);
		w += n;
		end[k] = w;
		if (lf)
			s[w++] = '\n';
	}
	if (w < len)
		s[w] = '\0';
	return w;
}
