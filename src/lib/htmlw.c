/* htmlw.c - the escaping writer of copydesk-report; see htmlw.h. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmlw.h"
#include "utf8.h"

/* The entity for an ASCII byte that must be escaped, or NULL. */
static const char *entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	}
	return NULL;
}

/* Is code point cp shown as U+FFFD: NUL, C0 controls but tab and line
 * feed, DEL, C1 controls (HTML parsers refuse or mangle them)? */
static bool hidden(uint32_t cp)
{
	if (cp == '\t' || cp == '\n')
		return false;
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

void cd_htmlw_text(struct cd_buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, n;
	const char *e;

	cd_buf_grow(b, len);
	while (i < len) {
		n = cd_utf8_seq(p + i, len - i);
		e = n == 1 ? entity(p[i]) : NULL;
		if (n && !e && !hidden(cd_utf8_decode(s + i, len - i, &n))) {
			i += n;
			run += n;
			continue;
		}
		cd_buf_add(b, s + i - run, run);
		run = 0;
		if (e)
			cd_buf_adds(b, e);
		else
			cd_buf_adds(b, "\xEF\xBF\xBD");
		i += n ? n : 1;
	}
	cd_buf_add(b, s + i - run, run);
}

bool cd_htmlw_cut(struct cd_buf *b, const char *s, size_t len, size_t max)
{
	size_t end;

	if (len <= max) {
		cd_htmlw_text(b, s, len);
		return false;
	}
	/* Back off to the start of a character (at most 3 bytes). */
	end = max;
	while (end > 0 && end > max - 3 && ((unsigned char)s[end] & 0xC0) == 0x80)
		end--;
	cd_htmlw_text(b, s, end);
	cd_buf_adds(b, "\xE2\x80\xA6");
	return true;
}

bool cd_htmlw_url_ok(const char *s, size_t len)
{
	size_t skip, i;

	if (len > 7 && strncasecmp(s, "http://", 7) == 0)
		skip = 7;
	else if (len > 8 && strncasecmp(s, "https://", 8) == 0)
		skip = 8;
	else
		return false;
	for (i = skip; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return false;
	return true;
}

/* ---- word diff ---- */

struct word {
	const char *p;
	size_t len;
};

/* Does c separate words? */
static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Split s[0..len) at white space into at most max words; returns how
 * many, and sets *cut when words were left over. */
static size_t split_words(const char *s, size_t len, struct word *w,
			  size_t max, bool *cut)
{
	size_t i = 0, n = 0, j;

	*cut = false;
	for (;;) {
		while (i < len && space(s[i]))
			i++;
		if (i >= len)
			return n;
		if (n == max) {
			*cut = true;
			return n;
		}
		for (j = i; j < len && !space(s[j]); j++)
			;
		w[n++] = (struct word){ s + i, j - i };
		i = j;
	}
}

/* Are two words the same bytes? */
static bool same(const struct word *a, const struct word *b)
{
	return a->len == b->len && memcmp(a->p, b->p, a->len) == 0;
}

/* The LCS lengths of every pair of suffixes, (nr+1) x (nv+1), malloc'd. */
static unsigned short *lcs_table(const struct word *r, size_t nr,
				 const struct word *v, size_t nv)
{
	size_t w = nv + 1, i, j;
	unsigned short *t = cd_xcalloc((nr + 1) * w, sizeof(*t));

	for (i = nr; i-- > 0;)
		for (j = nv; j-- > 0;) {
			unsigned short down = t[(i + 1) * w + j];
			unsigned short right = t[i * w + j + 1];

			t[i * w + j] = same(&r[i], &v[j]) ?
				(unsigned short)(t[(i + 1) * w + j + 1] + 1) :
				(down > right ? down : right);
		}
	return t;
}

/* Append one word, switching from the open mark *mode (0 none, 'i' ins,
 * 'd' del) to mode m. */
static void diff_word(struct cd_buf *b, int *mode, int m, const struct word *w,
		      bool first)
{
	if (*mode != m) {
		if (*mode)
			cd_buf_adds(b, *mode == 'i' ? "</ins>" : "</del>");
		if (!first)
			cd_buf_addc(b, ' ');
		if (m)
			cd_buf_adds(b, m == 'i' ? "<ins>" : "<del>");
		*mode = m;
	} else if (!first) {
		cd_buf_addc(b, ' ');
	}
	if (w)
		cd_htmlw_text(b, w->p, w->len);
}

void cd_htmlw_diff(struct cd_buf *b, const char *ref, size_t rlen,
		  const char *var, size_t vlen)
{
	struct word *r = cd_xmalloc(CD_HTMLW_DIFF_WORDS * sizeof(*r));
	struct word *v = cd_xmalloc(CD_HTMLW_DIFF_WORDS * sizeof(*v));
	bool rcut, vcut;
	size_t nr = split_words(ref, rlen, r, CD_HTMLW_DIFF_WORDS, &rcut);
	size_t nv = split_words(var, vlen, v, CD_HTMLW_DIFF_WORDS, &vcut);
	unsigned short *t = lcs_table(r, nr, v, nv);
	size_t i = 0, j = 0, w = nv + 1;
	int mode = 0;

	while (i < nr || j < nv) {
		bool first = i + j == 0;

		if (i < nr && j < nv && same(&r[i], &v[j])) {
			diff_word(b, &mode, 0, &v[j], first);
			i++, j++;
		} else if (j == nv || (i < nr && t[(i + 1) * w + j] >= t[i * w + j + 1])) {
			diff_word(b, &mode, 'd', &r[i++], first);
		} else {
			diff_word(b, &mode, 'i', &v[j++], first);
		}
	}
	diff_word(b, &mode, 0, NULL, true);
	if (vcut)
		cd_buf_adds(b, " \xE2\x80\xA6");
	free(t);
	free(r);
	free(v);
}
