/* text.c - normalisation and small text helpers; see text.h. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "bytes.h"
#include "text.h"
#include "utf8.h"

/* ASCII case folding by table (see cd_text_lower). */
const unsigned char cd_text_lower_tab[256] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
	32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
	48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
	64, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 91, 92, 93, 94, 95,
	96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
	128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143,
	144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159,
	160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175,
	176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191,
	192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207,
	208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,
	224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
	240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255,
};

/* ASCII letters and digits lower-cased, every other byte 0 (see
 * cd_text_word_low). */
const unsigned char cd_text_word_tab[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 0, 0, 0, 0, 0, 0,
	0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
	0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* True when code point cp is a typographic space folded to ' '. */
static bool is_space_cp(uint32_t cp)
{
	return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* True when a line holding only such code points is already in NFC, so
 * utf8proc can be skipped: below U+0300 nothing composes or decomposes,
 * General Punctuation (bar the two folded spaces), currency signs and the
 * unified CJK ideographs have no canonical mapping. */
static bool nfc_safe(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x2010 && cp <= 0x205E) ||
	       (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x4E00 && cp <= 0x9FFF);
}

/* Put out[start..len) in NFC in place (a no-op if utf8proc refuses it). */
static void nfc_tail(struct cd_buf *out, size_t start)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n;

	n = utf8proc_map((const utf8proc_uint8_t *)out->p + start,
			 (utf8proc_ssize_t)(out->len - start), &dst,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n >= 0) {
		out->len = start;
		cd_buf_add(out, dst, (size_t)n);
	}
	free(dst);
}

/* The state of cd_text_normalize between code points.  The output never
 * grows faster than the input but in NFC, so room for the rest of the
 * input is made once and again after each NFC'd line, and bytes are then
 * stored without further checks. */
struct norm {
	struct cd_buf *out;
	size_t line;	/* offset in out where the current line starts */
	size_t left;	/* input bytes not yet read */
	bool lead;	/* nothing but spaces on this line yet */
	bool space;	/* a space is pending inside the line */
	bool nfc;	/* the line holds a code point that may need NFC */
	bool high;	/* a byte of 0x80 or above was stored */
	bool ends;	/* the line ends are kept (cd_text_normalize_lines) */
	bool marks;	/* and a line may hold a dumper's marks (marks.h): an
			 * indented bullet, a "References" line, a link
			 * number, a button, a heading in stars */
	uint64_t *end;	/* and go to end[0..nend) (endcap long) */
	size_t nend, endcap;
};

/* Note a line of out ending at offset at, when the line ends are kept. */
static inline void norm_line_end(struct norm *n, size_t at)
{
	if (!n->ends)
		return;
	if (n->nend == n->endcap)
		n->end = cd_xgrow(n->end, &n->endcap, n->nend + 1,
				  sizeof(*n->end));
	n->end[n->nend++] = at;
}

/* Store byte c; room was made (see struct norm). */
static inline void norm_byte(struct norm *n, char c)
{
	n->out->p[n->out->len++] = c;
}

/* True when the line l[0..len) (its leading spaces kept) is a heading
 * in stars as html2text writes them ("**** Title ****"; not a wire
 * flash "****** TITLE"): two stars or more and a space at each end. */
static bool stars_line(const char *l, size_t len)
{
	size_t a = 0, b = len, a0;

	while (a < len && l[a] == ' ')
		a++;
	while (b > a && l[b - 1] == '*')
		b--;
	if (len - b < 2 || b == a || l[b - 1] != ' ')
		return false;
	for (a0 = a; a < b && l[a] == '*'; a++)
		;
	return a - a0 >= 2 && a < b && l[a] == ' ';
}

/* Note whether the line l[0..len) just ended may hold a dumper's marks:
 * a "References" line (lynx, elinks), a heading in stars (html2text). */
static inline void norm_line_marks(struct norm *n, const char *l, size_t len)
{
	if (l[len - 1] == '*')
		n->marks = stars_line(l, len);
	else if (len - 10 <= 1)
		n->marks = memcmp(l, "References", 10) == 0 &&
			   (len == 10 || l[len - 1] == ':');
}

/* Close the current line, not blank: note its marks, NFC it if
 * needed. */
static inline void norm_close(struct norm *n)
{
	if (n->ends && !n->marks)
		norm_line_marks(n, n->out->p + n->line, n->out->len - n->line);
	if (n->nfc)
		nfc_tail(n->out, n->line);
}

/* End the current line: NFC it if needed and append LF. */
static inline void norm_eol(struct norm *n)
{
	if (n->lead) {
		n->out->len = n->line;	/* a blank line keeps no spaces */
	} else {
		norm_close(n);
		if (n->nfc)
			cd_buf_grow(n->out, n->left + 2);
	}
	norm_line_end(n, n->out->len);
	norm_byte(n, '\n');
	n->line = n->out->len;
	n->lead = true;
	n->space = n->nfc = false;
}

/* Note one space: kept at the start of a line, else pending. */
static inline void norm_space(struct norm *n)
{
	if (n->lead)
		norm_byte(n, ' ');
	else
		n->space = true;
}

/* Append the visible bytes p[0..k) of code point cp. */
static inline void norm_put(struct norm *n, const char *p, size_t k,
			    uint32_t cp)
{
	if (n->space)
		norm_byte(n, ' ');
	if (n->lead && cp == 0x2022 && n->out->len - n->line >= 2)
		n->marks = true;	/* an indented bullet */
	n->space = n->lead = false;
	n->high = true;	/* cp >= 0xA0 */
	if (!nfc_safe(cp))
		n->nfc = true;
	memcpy(n->out->p + n->out->len, p, k);
	n->out->len += k;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CD_LITTLE_ENDIAN 1
#else
#define CD_LITTLE_ENDIAN 0	/* plain8 reads the last byte as the top */
#endif

/* True when the eight bytes in x (memory order) are visible ASCII or
 * single spaces, the last not a space: after a visible byte, they are
 * normalised as they are. */
static inline bool plain8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, hi = ones * 0x80,
		       lo7 = ones * 0x7F;
	uint64_t t, sp;

	if ((x & hi) || ((x - ones * 0x20) & ~x & hi))
		return false;	/* a byte of 0x80 or more, or a control */
	t = x ^ lo7;
	if (~(((t & lo7) + lo7) | t) & hi)
		return false;	/* DEL */
	t = x ^ (ones * 0x20);
	sp = ~(((t & lo7) + lo7) | t) & hi;
	return !(sp & (sp >> 8)) && !(sp >> 63);
}

/* True when a dumper's mark that may stand alone opens at s[i] (of
 * s[0..len)): a link number before a word, not a note after one
 * ("[12]Home", not "word[1]"), a button "(BUTTON)", an image "[IMG]",
 * an insertion "[INS: " or "[DEL: " (lynx, links, elinks; marks.h). */
static bool mark_opens(const char *s, size_t len, size_t i)
{
	size_t k = i + 1;

	if (s[i] == '(')
		return len - i >= 8 && memcmp(s + i, "(BUTTON)", 8) == 0;
	if (s[i] != '[')
		return false;
	if (len - i >= 5 && (memcmp(s + i, "[IMG]", 5) == 0 ||
			     (len - i >= 6 && (memcmp(s + i, "[INS: ", 6) == 0 ||
					       memcmp(s + i, "[DEL: ", 6) == 0))))
		return true;
	if (i && cd_text_word_byte((unsigned char)s[i - 1]))
		return false;
	while (k < len && k - i <= 6 && cd_text_digit((unsigned char)s[k]))
		k++;
	return k > i + 1 && k + 1 < len && s[k] == ']' &&
	       cd_text_word_byte((unsigned char)s[k + 1]);
}

/* Note the marks that may open in the run of visible bytes s[a..b) (of
 * s[0..len)), when the line ends are kept: norm_ascii looks once a run is
 * copied, when it met a '[' or a '('. */
static void norm_marks_in(struct norm *n, const char *s, size_t len,
			  size_t a, size_t b)
{
	const char *e = s + b, *p;
	const char c[2] = { '[', '(' };
	int k;

	if (!n->ends || n->marks)
		return;
	for (k = 0; k < 2; k++)
		for (p = s + a; (p = memchr(p, c[k], (size_t)(e - p))) != NULL;)
			if (mark_opens(s, len, (size_t)(p++ - s))) {
				n->marks = true;
				return;
			}
}

/* Copy the run of visible ASCII bytes at s[i] (NFC as it is), with a
 * single space inside the run kept as it is; returns where the run ends. */
static size_t norm_ascii(struct norm *n, const char *s, size_t len, size_t i)
{
	static const char none[16];
	cd_b16 seen = cd_b16_load(none);	/* the bytes '[' and '(' met */
	bool open = false;			/* ... by the other steps */
	size_t from = i;
	char *d;

	if (n->space)
		norm_byte(n, ' ');
	if (n->lead && (s[i] == '*' || s[i] == '+' || s[i] == 'o' ||
			s[i] == '#') && n->out->len - n->line >= 2 &&
	    (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\n' ||
	     s[i + 1] == '\t' || s[i + 1] == '\r' ||
	     (unsigned char)s[i + 1] >= 0x80))
		n->marks = true;	/* an indented bullet, not "  of": a
					 * blank, a line end or a non-ASCII
					 * byte (a no-break space) after it */
	n->space = n->lead = false;
	d = n->out->p + n->out->len;
	for (;;) {
		/* sixteen bytes at a time: the visible ones and each space
		 * before a visible byte (the byte before i is visible) go as
		 * they are, up to the first other byte */
		while (i + 16 <= len) {
			cd_b16 v = cd_b16_load(s + i), spv = cd_b16_is(v, ' ');
			unsigned sp = cd_b16_bits(spv), vis, ok;

			vis = ~cd_b16_bits(cd_b16_or(
				cd_b16_or(spv, cd_b16_is_below(v, 0x20)),
				cd_b16_or(v, cd_b16_is(v, 0x7F)))) & 0xFFFF;
			ok = vis | (sp & (vis >> 1 | (unsigned)(i + 16 < len &&
				(unsigned char)(s[i + 16] - 0x21) < 0x5E) << 15));
			/* the first bytes of marks, looked at once the run
			 * is copied */
			seen = cd_b16_or(seen, cd_b16_or(cd_b16_is(v, '['),
							 cd_b16_is(v, '(')));
			memcpy(d, s + i, 16);	/* room: see struct norm */
			if (ok != 0xFFFF) {
				ok = (unsigned)__builtin_ctz(~ok);
				n->out->len = (size_t)(d + ok - n->out->p);
				if (open || cd_b16_bits(seen))
					norm_marks_in(n, s, len, from, i + ok);
				return i + ok;
			}
			d += 16;
			i += 16;
		}
		while (CD_LITTLE_ENDIAN && i + 8 <= len) {
			uint64_t x;

			memcpy(&x, s + i, 8);
			if (!plain8(x))
				break;
			if (!open)
				open = cd_has_byte(x, '[') || cd_has_byte(x, '(');
			memcpy(d, &x, 8);
			d += 8;
			i += 8;
		}
		while (i < len && (unsigned char)(s[i] - 0x21) < 0x5E) {
			open |= s[i] == '[' || s[i] == '(';
			*d++ = s[i++];
		}
		/* one space between two visible bytes is copied too */
		if (i + 1 < len && s[i] == ' ' &&
		    (unsigned char)(s[i + 1] - 0x21) < 0x5E) {
			*d++ = ' ';
			i++;
			continue;
		}
		break;
	}
	n->out->len = (size_t)(d - n->out->p);
	if (open || cd_b16_bits(seen))
		norm_marks_in(n, s, len, from, i);
	return i;
}

/* cd_text_normalize_lines with the line ends in *np when np->ends;
 * returns whether every byte appended is ASCII. */
static bool normalize(const char *s, size_t len, struct norm *np)
{
	struct norm n = *np;
	struct cd_buf *out = n.out;
	size_t i = 0, k;
	uint32_t cp;

	cd_buf_grow(out, len + 2);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c > 0x20 && c < 0x7F) {
			i = norm_ascii(&n, s, len, i);
			continue;
		}
		if (c == ' ') {
			norm_space(&n);
			i++;
			continue;
		}
		n.left = len - i;
		if (c == '\n') {
			norm_eol(&n);
			i++;
			continue;
		}
		cp = cd_utf8_decode(s + i, len - i, &k);
		if (cp == 0x2028 || cp == 0x2029) {
			norm_eol(&n);
		} else if (cp == '\r') {
			norm_eol(&n);
			if (i + 1 < len && s[i + 1] == '\n')
				k++;
		} else if (cp == '\t' || is_space_cp(cp)) {
			norm_space(&n);
		} else if (cp >= 0xA0 && cp != 0x200B && cp != 0xFEFF) {
			norm_put(&n, s + i, k, cp);
		}
		i += k;
	}
	if (n.lead)
		out->len = n.line;
	else
		norm_close(&n);		/* a last line without LF */
	if (out->len > n.line)
		norm_line_end(&n, out->len);	/* a last line without LF */
	if (out->p)
		out->p[out->len] = '\0';
	*np = n;
	return !n.high;
}

void cd_text_normalize(const char *s, size_t len, struct cd_buf *out)
{
	struct norm n = { .out = out, .line = out->len, .left = len,
			  .lead = true };

	normalize(s, len, &n);
}

bool cd_text_normalize_lines(const char *s, size_t len, struct cd_buf *out,
			     uint64_t **end, size_t *cap, size_t *nl,
			     bool *marks)
{
	struct norm n = { .out = out, .line = out->len, .left = len,
			  .lead = true, .ends = true, .end = *end,
			  .nend = *nl, .endcap = *cap };
	bool ascii = normalize(s, len, &n);

	*marks = n.marks;
	*end = n.end;
	*cap = n.endcap;
	*nl = n.nend;
	return ascii;
}

size_t cd_text_chars(const char *s, size_t len)
{
	const uint64_t hi = 0x8080808080808080ULL;
	size_t i = 0, cont = 0;
	uint64_t x;

	/* count the continuation bytes (10xxxxxx) eight at a time */
	for (; i + 8 <= len; i += 8) {
		memcpy(&x, s + i, 8);
		if (x & hi)
			cont += (size_t)(((x & ~(x << 1) & hi) >> 7) *
				 0x0101010101010101ULL >> 56);
	}
	for (; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			cont++;
	return len - cont;
}

bool cd_text_iends(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && cd_text_ieq(s + len - n, suffix, n);
}

/* True when a match of pat[0..plen) (its first byte folded: f) starts at
 * s[i]. */
static inline bool ifind_at(const char *s, size_t i, unsigned char f,
			    const char *pat, size_t plen)
{
	return cd_text_lower((unsigned char)s[i]) == f &&
	       cd_text_ieq(s + i + 1, pat + 1, plen - 1);
}

size_t cd_text_ifind(const char *s, size_t len, const char *pat, size_t plen)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones << 7;
	unsigned char f;
	size_t i = 0, last;
	uint64_t x, m;

	if (plen == 0)
		return 0;
	if (plen > len)
		return (size_t)-1;
	f = cd_text_lower((unsigned char)pat[0]);
	last = len - plen;
#if CD_SSE2
	/* Sixteen starts at a time, by the first two bytes: a start holds
	 * when both, with their 0x20 bit set, are those of the pattern (so
	 * both cases of a letter pass; the rest is checked in order). */
	if (plen >= 2) {
		const __m128i a = _mm_set1_epi8((char)(f | 0x20)),
			      b = _mm_set1_epi8((char)(pat[1] | 0x20)),
			      up = _mm_set1_epi8(0x20);

		for (; i + 16 <= last + 1; i += 16) {
			__m128i v0 = _mm_loadu_si128((const __m128i *)(s + i));
			__m128i v1 = _mm_loadu_si128((const __m128i *)(s + i + 1));
			unsigned hit = (unsigned)_mm_movemask_epi8(_mm_and_si128(
				_mm_cmpeq_epi8(_mm_or_si128(v0, up), a),
				_mm_cmpeq_epi8(_mm_or_si128(v1, up), b)));

			for (; hit; hit &= hit - 1) {
				size_t k = i + (size_t)__builtin_ctz(hit);

				if (ifind_at(s, k, f, pat, plen))
					return k;
			}
		}
	}
#endif
	/* Eight starts at a time: a byte b may start a match only when
	 * (b | 0x20) == (f | 0x20), which holds for both cases of a letter;
	 * the zero-byte test flags every such byte (and may flag one above
	 * it), so the flags are checked in order. */
	while (CD_LITTLE_ENDIAN && i + 8 <= last + 1) {
		memcpy(&x, s + i, 8);
		x = (x | ones * 0x20) ^ ones * (f | 0x20);
		for (m = (x - ones) & ~x & highs; m; m &= m - 1) {
			size_t k = i + ((size_t)__builtin_ctzll(m) >> 3);

			if (ifind_at(s, k, f, pat, plen))
				return k;
		}
		i += 8;
	}
	for (; i <= last; i++)
		if (ifind_at(s, i, f, pat, plen))
			return i;
	return (size_t)-1;
}
