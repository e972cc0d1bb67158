/* units.c - one document cut into units (lines, or the paragraphs of
 * hard-wrapped text), each measured, matched against the rules and
 * classified by its shape; see boiler.h and boiler_int.h. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boiler_int.h"
#include "bytes.h"
#include "date.h"
#include "sketch.h"
#include "text.h"
#include "utf8.h"

void cd_boiler_doc_init(struct cd_boiler_doc *d)
{
	memset(d, 0, sizeof(*d));
	cd_buf_init(&d->norm);
	d->title = d->byline = d->dateline = -1;
}

void cd_boiler_doc_release(struct cd_boiler_doc *d)
{
	cd_buf_release(&d->norm);
	cd_buf_release(&d->cols);
	free(d->u);
	free(d->set);
	cd_boiler_doc_init(d);
}

size_t cd_boiler_doc_bytes(const struct cd_boiler_doc *d)
{
	return d->norm.cap + d->cols.cap + d->cap * sizeof(*d->u) +
	       d->setcap * sizeof(*d->set);
}

void cd_boiler_doc_prefetch(const struct cd_boiler_doc *d)
{
	cd_prefetch(d->u, d->nu * sizeof(*d->u));
	cd_prefetch(d->norm.p, d->norm.len < 4096 ? d->norm.len : 4096);
}

const char *cd_boiler_unit(const struct cd_boiler_doc *d, long i, size_t *len)
{
	*len = d->u[i].len;
	return d->norm.p + d->u[i].off;
}

/* True when code point cp opens a list item or marks a menu entry. */
static bool bullet_cp(uint32_t cp)
{
	return cp == '*' || cp == 0xB7 || cp == 0x2022 ||
	       cp == 0x2023 || cp == 0x2043 || cp == 0x25A0 || cp == 0x25A1 ||
	       cp == 0x25AA || cp == 0x25B8 || cp == 0x25BA || cp == 0x25CB ||
	       cp == 0x25CF || cp == 0x25E6 || cp == 0x2605 || cp == 0x2606 ||
	       cp == 0x25C6 || cp == 0x2192;
}

/* cd_bl_bullet_len past its first byte (boiler_int.h). */
size_t cd_bl_bullet_len_at(const char *s, size_t len)
{
	size_t n;
	uint32_t cp = cd_utf8_decode(s, len, &n);

	if (!bullet_cp(cp))
		return 0;
	if (n == len)
		return n;
	if (s[n] != ' ')
		return 0;
	return n + 1;
}

/* True when cp ends a sentence (closing quotes and brackets are looked
 * through by the caller). */
static bool stop_cp(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == ':' ||
	       cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

/* True when cp closes a quotation or a parenthesis. */
static bool close_cp(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	       cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

bool cd_bl_ends_sentence_at(const char *s, size_t len)
{
	while (len > 0) {
		size_t k = len - 1, n;
		uint32_t cp;
		unsigned char c = (unsigned char)s[k];

		if (c < 0x80) {		/* ASCII: no decoding */
			if (c == '.' || c == '!' || c == '?' || c == ':')
				return true;
			if (c != '"' && c != '\'' && c != ')' && c != ']')
				return false;
			len = k;
			continue;
		}

		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		cp = cd_utf8_decode(s + k, len - k, &n);
		if (stop_cp(cp))
			return true;
		if (!close_cp(cp))
			return false;
		len = k;
	}
	return false;
}

/* Hash the folded bytes buf[0..n) eight at a time into *h; returns how
 * many are left over (fewer than eight, moved to the front of buf, which
 * has eight bytes of room past n). */
static size_t fold_words(uint64_t *h, unsigned char *buf, size_t n)
{
	size_t k;
	uint64_t w;

	for (k = 0; k + 8 <= n; k += 8) {
		w = cd_load64le(buf + k);
		*h = (*h ^ w) * 0x9E3779B97F4A7C15ULL;
		*h ^= *h >> 29;
	}
	memcpy(&w, buf + k, 8);
	memcpy(buf, &w, 8);
	return n - k;
}

#if CD_SSE2
#include <tmmintrin.h>

/* For each set of kept bytes among eight (bit i: byte i), the pshufb
 * indices that pack them to the front (0x80, a zero, after them), the
 * same for the high eight of sixteen (each index plus 8), and how many
 * they are. */
static uint64_t pack_idx[256], pack_idx_hi[256];
static unsigned char pack_n[256];

/* True when the processor has SSSE3 (set by pack_fill). */
static bool have_ssse3;
static pthread_once_t pack_once = PTHREAD_ONCE_INIT;

/* Fill pack_idx and have_ssse3 once (pthread_once, as fp.c's tables:
 * two threads may clean at once). */
static void pack_fill(void)
{
	unsigned m, i, k;

	for (m = 0; m < 256; m++) {
		uint64_t idx = 0x8080808080808080ULL;

		for (i = k = 0; i < 8; i++)
			if (m >> i & 1) {
				idx &= ~(0xFFULL << 8 * k);
				idx |= (uint64_t)i << 8 * k++;
			}
		pack_idx[m] = idx;
		pack_idx_hi[m] = idx + 0x0808080808080808ULL;
		pack_n[m] = (unsigned char)k;
	}
	have_ssse3 = __builtin_cpu_supports("ssse3");
}

/* True, once pack_idx is filled, when the processor has SSSE3. */
static bool fold_packs(void)
{
	pthread_once(&pack_once, pack_fill);
	return have_ssse3;
}

/* fold_hash's gathering of the nb sixteen-byte blocks at s to buf (which
 * has sixteen bytes of room past what it keeps); returns the bytes kept.
 * A letter gets its 0x20 bit and the kept bytes (letters, digits, 0x80
 * and up) are packed eight at a time by one shuffle: no branch or table
 * read a byte. */
__attribute__((target("ssse3")))
static size_t fold_blocks(const char *s, size_t nb, unsigned char *buf)
{
	const __m128i sp = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a'),
		      z = _mm_set1_epi8(25), zero = _mm_set1_epi8('0'),
		      nine = _mm_set1_epi8(9);
	size_t n = 0, k;

	for (k = 0; k < nb; k++, s += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)s);
		__m128i l = _mm_sub_epi8(_mm_or_si128(v, sp), a);
		__m128i d = _mm_sub_epi8(v, zero);
		__m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(l, z), l);
		__m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(d, nine), d);
		unsigned keep = (unsigned)(_mm_movemask_epi8(
				_mm_or_si128(letter, digit)) | _mm_movemask_epi8(v));
		unsigned lo = keep & 0xFF, hi = keep >> 8;
		__m128i f = _mm_or_si128(v, _mm_and_si128(letter, sp));

		f = _mm_shuffle_epi8(f, _mm_set_epi64x(
			(long long)pack_idx_hi[hi],
			(long long)pack_idx[lo]));
		_mm_storel_epi64((__m128i *)(buf + n), f);
		n += pack_n[lo];
		_mm_storel_epi64((__m128i *)(buf + n), _mm_unpackhi_epi64(f, f));
		n += pack_n[hi];
	}
	return n;
}
#endif

/* A hash of the letters and digits of s[0..len), ASCII case folded, so
 * "ADVERTISEMENT:" and "Advertisement" are the same line.  The folded
 * bytes are gathered sixteen at a time (with SSSE3) or without
 * branching, and mixed eight at a time.  Never 0. */
static unsigned char fold[256];	/* the byte hashed; 0: skipped */
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

/* Fill fold once (pthread_once: two threads may clean at once). */
static void fold_fill(void)
{
	size_t i;

	for (i = 0; i < 256; i++)
		fold[i] = (unsigned char)(i >= 0x80 ||
			  (i >= '0' && i <= '9') || (i >= 'a' && i <= 'z') ?
			  i : 0);
	for (i = 'A'; i <= 'Z'; i++)
		fold[i] = (unsigned char)(i + 32);
}

static uint64_t fold_hash(const char *s, size_t len)
{
	unsigned char buf[256 + 32];
	uint64_t h = 1469598103934665603ULL, w = 0;
	size_t i = 0, e, n = 0, total = 0;
#if CD_SSE2
	bool ssse3 = fold_packs();
#endif

	pthread_once(&fold_once, fold_fill);
	while (i < len) {
		e = len - i > 256 ? i + 256 : len;
#if CD_SSE2
		if (ssse3) {
			n += fold_blocks(s + i, (e - i) / 16, buf + n);
			i += (e - i) & ~(size_t)15;
		}
#endif
		for (; i + 4 <= e; i += 4) {
			unsigned char c0 = fold[(unsigned char)s[i]];
			unsigned char c1 = fold[(unsigned char)s[i + 1]];
			unsigned char c2 = fold[(unsigned char)s[i + 2]];
			unsigned char c3 = fold[(unsigned char)s[i + 3]];

			buf[n] = c0;
			n += c0 != 0;
			buf[n] = c1;
			n += c1 != 0;
			buf[n] = c2;
			n += c2 != 0;
			buf[n] = c3;
			n += c3 != 0;
		}
		for (; i < e; i++) {
			buf[n] = fold[(unsigned char)s[i]];
			n += buf[n] != 0;
		}
		total += n;
		n = fold_words(&h, buf, n);
		total -= n;
	}
	total += n;
	/* the n < 8 bytes left as one word, in the order of the text as
	 * fold_words reads them: a load of eight (buf has room) masked, not
	 * a call of memcpy */
	w = cd_load64le(buf) & (n ? ~0ULL >> (64 - 8 * n) : 0);
	h = cd_mix64(h ^ w ^ (uint64_t)total << 56);
	return h ? h : 1;
}

/* Append a unit for norm[off..off+len) with indent leading spaces. */
static void add_unit(struct cd_boiler_doc *d, size_t off, size_t len,
		     unsigned indent)
{
	struct cd_unit *u;

	if (d->nu == d->cap)
		d->u = cd_xgrow(d->u, &d->cap, d->nu + 1, sizeof(*d->u));
	u = &d->u[d->nu++];
	memset(u, 0, sizeof(*u));
	u->off = off;
	u->len = len;
	u->indent = (uint16_t)(indent > 65535 ? 65535 : indent);
	u->keep = true;
}


/* One line of the normalised text. */
struct cd_line {
	size_t off, len;	/* after the leading spaces */
	unsigned indent;
	size_t chars;
};

/* Line k of the n lines of d->norm (their ends in d->set, as
 * cd_text_normalize_lines wrote them) into *ln; false past the last. */
static inline bool line_at(const struct cd_boiler_doc *d, size_t k,
			   size_t n, struct cd_line *ln)
{
	const char *p = d->norm.p;
	size_t i, e;

	if (k >= n)
		return false;
	i = k ? (size_t)d->set[k - 1] + 1 : 0;
	e = (size_t)d->set[k];
	ln->indent = 0;
	while (i < e && p[i] == ' ') {
		i++;
		ln->indent++;
	}
	ln->off = i;
	ln->len = e - i;
	ln->chars = 0;	/* counted by the caller when it needs them */
	return true;
}

/* Line ln of d as the wrap rule reads it (wrap.c). */
static struct cd_wrap_line wline(const struct cd_boiler_doc *d,
				 const struct cd_line *ln)
{
	struct cd_wrap_line w = { d->norm.p + ln->off, ln->len, ln->chars,
				  ln->indent };

	return w;
}

/* The width the n lines of d are hard-wrapped at, or 0 (cd_wrap_width). */
static size_t wrap_width(const struct cd_boiler_doc *d, size_t nl,
			 bool ascii, unsigned *margin, bool *hang)
{
	struct cd_wrap_tally t;
	struct cd_wrap_line w, nw;
	struct cd_line ln, next;
	size_t k;
	bool more = line_at(d, 0, nl, &next);

	cd_wrap_init(&t);
	*margin = 0;
	*hang = false;
	for (k = 0; more; k++) {
		ln = next;
		more = line_at(d, k + 1, nl, &next);
		if (ln.len == 0)
			continue;
		w = wline(d, &ln);
		nw = wline(d, &next);
		if (!cd_wrap_add(&t, &w, more ? &nw : NULL, ascii))
			return 0;
	}
	return cd_wrap_width(&t, margin, hang);
}

/* True when line ln stands apart from paragraphs wrapped at width with
 * margin (> 0) as headings do: left of the margin, or centred, at least
 * ten spaces in, its middle that of the text's column or a few columns
 * right of it (lynx centres on the screen and wraps short of its edge);
 * a line of an indented block that fills the width lies further right. */
static bool set_apart(const struct cd_line *ln, size_t width, unsigned margin)
{
	size_t axis = 2 * ln->indent + ln->chars, page = width + 2 * margin;

	return ln->indent < margin ||
	       (ln->indent >= 10 && axis + 3 >= page && axis <= page + 6);
}

/*
 * Cut d->norm into units: each non-blank line, or in hard-wrapped text
 * each paragraph (cd_wrap_goes_on: a line that fills the width, or whose
 * sentence goes on in lower case, continues into the next when that one
 * starts where the paragraph's text does and is not blank, a list item,
 * a table's row or a heading; the next line moves up in place, after a
 * space).  Each block of lines is read at its own indent, so a paragraph
 * inside a list or a box joins as one at the margin does, and a menu of
 * short lines stays lines.  A line that moves up lands over the text
 * before it: the lines after it stay where they are.
 */
void cd_bl_split_units(struct cd_boiler_doc *d, size_t nl, bool ascii)
{
	unsigned margin;
	size_t width, k;
	struct cd_line ln, prev = { 0, 0, 0, 0 };
	struct cd_wrap_line pw, w;
	struct cd_wrap_para para = { 0, false, false, 0 };
	bool open = false, hang;

	width = wrap_width(d, nl, ascii, &margin, &hang);
	for (k = 0; line_at(d, k, nl, &ln); k++) {
		if (ln.len == 0) {
			open = false;
			continue;
		}
		if (width)
			ln.chars = ascii ? ln.len :
				   cd_text_chars(d->norm.p + ln.off, ln.len);
		w = wline(d, &ln);
		pw = wline(d, &prev);
		if (open && width && cd_wrap_goes_on(&para, &pw, &w, width)) {
			struct cd_unit *u = &d->u[d->nu - 1];
			size_t at = u->off + u->len;

			/* the line moves up over the newline and its indent;
			 * what it leaves behind lies in no unit */
			d->norm.p[at] = ' ';
			if (ln.off != at + 1)
				memmove(d->norm.p + at + 1, d->norm.p + ln.off,
					ln.len);
			u->len += 1 + ln.len;
			ln.off = at + 1;	/* prev reads it where it lies */
		} else {
			add_unit(d, ln.off, ln.len, width ? 0 : ln.indent);
			d->u[d->nu - 1].head = width && margin &&
					       set_apart(&ln, width, margin);
			cd_wrap_start(&para, &w, hang);
		}
		prev = ln;
		open = true;
	}
}

/* SPEC copydesk-split: a leading "date YYYY-MM-DD" header (as in the seeds)
 * is metadata; the rest of its line stays text. */
void cd_bl_date_header(struct cd_boiler_doc *d)
{
	struct cd_unit *u = d->u;
	const char *s;
	char iso[11];
	size_t k = 15;

	if (d->nu == 0 || u->len < 15 || !cd_text_ieq(d->norm.p + u->off, "date ", 5))
		return;
	s = d->norm.p + u->off;
	if (!cd_date_iso(s + 5, 10, iso) || (u->len > 15 && s[15] != ' '))
		return;
	memcpy(d->date, iso, sizeof(iso));
	while (k < u->len && s[k] == ' ')
		k++;
	if (k == u->len) {
		memmove(u, u + 1, (d->nu - 1) * sizeof(*u));
		d->nu--;
		return;
	}
	u->off += k;
	u->len -= k;
}

/* True when the unit is a bare address: no space, and a scheme or www. */
static bool url_only(const char *s, size_t len)
{
	return len > 4 && !memchr(s, ' ', len) &&
	       (cd_text_ifind(s, len, "://", 3) != (size_t)-1 ||
		cd_text_ieq(s, "www.", 4));
}

/* True when the unit is one text written two to four times, as a dump
 * writes a picture's alternative text beside its title ("Shy owlShy
 * owl", "A lens A lens") or a button drawn thrice ("Get A Quote Get A
 * Quote Get A Quote"): at least six bytes each time, the copies joined
 * by nothing or by one space (not a sentence repeated after a space). */
static bool doubled(const char *s, size_t len)
{
	size_t k, i, c;

	for (k = 2; k <= 4; k++) {
		size_t gap = len % k == 0 ? 0 : 1;

		if ((len + gap) % k)
			continue;
		c = (len + gap) / k - gap;	/* the length of one copy */
		if (c < 6)
			break;
		if (s[c - 1] != s[len - 1] || s[0] != s[c + gap])
			continue;	/* the copies would end and start alike */
		if (gap && cd_bl_ends_sentence(s, c))
			continue;	/* a sentence said twice: a writer may */
		for (i = 1; i < k; i++) {
			const char *p = s + i * (c + gap);

			if ((gap && p[-1] != ' ') || memcmp(s, p, c) != 0)
				break;
		}
		if (i == k)
			return true;
	}
	return false;
}

/* True when s[0..len), written in Latin letters, has no punctuation
 * between its words at all: a tag cloud or a menu dumped on one line,
 * not a paragraph, however long. */
static bool word_run(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];

	if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
		return false;	/* other scripts may write no full stops */
	return !memchr(s, '.', len) && !memchr(s, ',', len) &&
	       !memchr(s, ';', len) && !memchr(s, '!', len) &&
	       !memchr(s, '?', len) && !memchr(s, ':', len);
}

/* True when the unit holds no letter or digit, only punctuation, box
 * drawing, blocks and shapes: a rule drawn across the page ("━━━━",
 * "* * * * *"), which says nothing. */
static bool drawn_only(const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;

		if (c < 0x80) {
			if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
						       (c | 0x20) <= 'z'))
				return false;
			i++;
			continue;
		}
		cp = cd_utf8_decode(s + i, len - i, &n);
		if (!((cp >= 0x2010 && cp <= 0x2027) ||
		      (cp >= 0x2500 && cp <= 0x25FF)))
			return false;
		i += n;
	}
	return true;
}

/* The bytes markup() counts: quotes, brackets, braces and the marks of
 * attributes, properties and statements, which prose writes rarely. */
#define CD_MARKUP_BYTES "\"'{}[]=;:<>|\\!"

/* A text is markup when one byte in CD_MARKUP_SHARE or more is one of
 * CD_MARKUP_BYTES (a run of one byte counting once: a rule drawn of
 * "=" is no markup). */
#define CD_MARKUP_SHARE 8

/* The bytes of CD_MARKUP_BYTES among the sixteen at s, a bit each. */
static unsigned markup_bits(const char *s)
{
#if CD_SSE2
	/* with 0x20 set, "[\]" are "{|}", and ":;<=>" and "!\"" stay:
	 * three ranges, and the apostrophe (the control bytes that fold so
	 * are not in text) */
	const __m128i v = _mm_or_si128(_mm_loadu_si128((const __m128i *)s),
				       _mm_set1_epi8(0x20));
	__m128i a = _mm_sub_epi8(v, _mm_set1_epi8(':'));
	__m128i b = _mm_sub_epi8(v, _mm_set1_epi8('{'));
	__m128i c = _mm_sub_epi8(v, _mm_set1_epi8('!'));

	a = _mm_cmpeq_epi8(_mm_min_epu8(a, _mm_set1_epi8(4)), a);
	b = _mm_cmpeq_epi8(_mm_min_epu8(b, _mm_set1_epi8(2)), b);
	c = _mm_cmpeq_epi8(_mm_min_epu8(c, _mm_set1_epi8(1)), c);
	a = _mm_or_si128(_mm_or_si128(a, b),
			 _mm_or_si128(c, _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
	return (unsigned)_mm_movemask_epi8(a);
#else
	static const char set[] = CD_MARKUP_BYTES;
	unsigned m = 0, k;

	for (k = 0; k < 16; k++)
		m |= (unsigned)(memchr(set, s[k], sizeof(set) - 1) != NULL) << k;
	return m;
#endif
}

/* A letter, or a byte of a UTF-8 character. */
static bool markup_letter(unsigned char c)
{
	return c >= 0x80 || cd_text_alpha(c);
}

/* True when the byte at s[k] of s[0..len), one of CD_MARKUP_BYTES,
 * counts toward markup: not when it repeats the byte before (a rule of
 * "=" is one mark), nor as prose writes it: a double quote opening
 * before a word or closing after a word or its stop, with a space or the
 * text's edge on the other side ("Cold?" he asked, not ="menu = ''"), an
 * apostrophe between two letters (don't), an exclamation mark before a
 * space ("Don't!" is prose, "!important" is not).  A single quote
 * otherwise counts (code quotes its strings so: a ? 'b' : 'c'), and a
 * colon always (a style sheet's wrapped line ends "font-weight:"). */
static bool markup_counts(const char *s, size_t len, size_t k)
{
	unsigned char c = (unsigned char)s[k];
	unsigned char p = k > 0 ? (unsigned char)s[k - 1] : ' ';
	unsigned char q = k + 1 < len ? (unsigned char)s[k + 1] : ' ';

	if (p == c)
		return false;
	if (c == '\'')
		return !markup_letter(p) || !markup_letter(q);
	if (c == '"') {
		if (p <= ' ')	/* opens a quote: before a word */
			return !cd_text_word_byte(q);
		if (q <= ' ')	/* closes one: after a word or its stop */
			return !cd_text_word_byte(p) && !strchr(".,?!;:", p);
	}
	if (c == '!')
		return q > ' ';
	return true;
}

/* True when s[0..len) is markup or data more than prose: the code, JSON
 * and attributes a dumper lets through from a script, a style sheet or
 * a broken tag ("'post title':'','post excerpt':", "x-init=\"menu = [{"),
 * laid out as long lines that would read as paragraphs.  The bytes are
 * read sixteen at a time, and a text whose first 32 bytes hold none
 * (sixteen would let "(function(w,d,s,l,i){..." through), or whose
 * first 64, or first 80, 96 and so on, hold under half that share, is
 * prose: markup comes as a whole, from its first bytes. */
static bool markup(const char *s, size_t len)
{
	static const char set[] = CD_MARKUP_BYTES;
	size_t i = 0, n = 0;
	unsigned m;

	for (; i + 16 <= len; i += 16) {
		for (m = markup_bits(s + i); m; m &= m - 1)
			n += markup_counts(s, len,
					   i + (unsigned)__builtin_ctz(m));
		if ((n == 0 && i >= 16) ||
		    (i >= 48 && 2 * CD_MARKUP_SHARE * n < i + 16))
			return false;	/* prose so far: it opens so */
	}
	for (; i < len; i++)
		n += memchr(set, s[i], sizeof(set) - 1) &&
		     markup_counts(s, len, i);
	return CD_MARKUP_SHARE * n >= len;
}

/* True when the unit is only bracketed text, as w3m renders an image
 * ("[photo]", "[p]") or an empty form field. */
static bool bracket_only(const char *s, size_t len)
{
	return len >= 2 && s[0] == '[' && s[len - 1] == ']' &&
	       !memchr(s + 1, ']', len - 2);
}

/* True when s[0..len) of chars code points heads a reader's comment:
 * "Alex says:", "Catherine on September 13, 2018 at 5:23 pm said:", or
 * counts the comments: "34 Comments", "[ 167 comments ]". */
static bool comment_header(const char *s, size_t len, size_t chars)
{
	static const char *const ends[] = { " says:", " said:", " wrote:" };
	size_t i = 0, n;

	if (chars > 90 || len < 7)
		return false;
	while (i < 2 && (s[i] == '[' || s[i] == '(' || s[i] == ' '))
		i++;	/* a count drawn as a link or a button */
	if (chars <= 24 && s[i] >= '0' && s[i] <= '9' &&
	    cd_text_ifind(s, len, " comment", 8) != (size_t)-1)
		return true;
	for (i = 0; i < 3; i++) {
		n = strlen(ends[i]);
		if (len > n && cd_text_ieq(s + len - n, ends[i], n) &&
		    (i == 0 || cd_date_has_time(s, len)))
			return true;
	}
	return false;
}

#if CD_SSE2
/* cd_bl_count_words on the sixteen-byte blocks of s[0..len): the words that
 * start in them are added to *n (a byte not a space after a space, or at
 * s[0]), counted in byte lanes and summed at most 255 blocks apart; the
 * high bits of all bytes are returned (0: pure ASCII).  Returns the
 * bytes read. */
static size_t words16(const char *s, size_t len, size_t *n,
			    unsigned *high)
{
	const __m128i blank = _mm_set1_epi8(' '), zero = _mm_setzero_si128();
	__m128i last = _mm_set1_epi8(-1), acc = zero, all = zero, sum;
	size_t i = 0, k = 0;

	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i sp = _mm_cmpeq_epi8(v, blank);
		__m128i before = _mm_or_si128(_mm_slli_si128(sp, 1),
					      _mm_srli_si128(last, 15));

		all = _mm_or_si128(all, v);
		acc = _mm_sub_epi8(acc, _mm_andnot_si128(sp, before));
		last = sp;
		if (++k == 255 || i + 32 > len) {
			sum = _mm_sad_epu8(acc, zero);
			*n += (size_t)_mm_cvtsi128_si32(sum) +
			      (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
			acc = zero;
			k = 0;
		}
	}
	*high = (unsigned)_mm_movemask_epi8(all);
	return i;
}
#endif

/* The words of s[0..len) (runs of non-spaces), counted sixteen bytes
 * (SSE2) or eight at a time; *high: a byte is 0x80 or above. */
uint32_t cd_bl_count_words(const char *s, size_t len, bool *high)
{
	const uint64_t hi = 0x8080808080808080ULL, lo7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t x, t, ns, carry, all = 0;
	size_t i = 0, n = 0;
#if CD_SSE2
	unsigned h16;

	i = words16(s, len, &n, &h16);
	all = h16 ? hi : 0;
#endif
	carry = i > 0 && s[i - 1] != ' ' ? 0x80 : 0;
	for (; i + 8 <= len; i += 8) {
		x = cd_load64le(s + i);
		all |= x;
		t = x ^ 0x2020202020202020ULL;
		ns = (((t & lo7) + lo7) | t) & hi;	/* not a space */
		n += (size_t)(((ns & ~(ns << 8 | carry)) >> 7) *
		      0x0101010101010101ULL >> 56);
		carry = ns >> 56;
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		all |= c;
		if (c != ' ' && (i == 0 || s[i - 1] == ' '))
			n++;
	}
	*high = (all & hi) != 0;
	return (uint32_t)n;
}

/* The wide code points of s[0..len) (see measure): lead bytes 0xE3 to
 * 0xED and 0xEF, and 0xE2 before a byte of 0xBA or more; the bytes of
 * 0xE2 and above are found sixteen at a time (curly quotes, the most of
 * them in Latin text, are 0xE2 0x80). */
static uint32_t wide_count(const char *s, size_t len)
{
	const unsigned char *b = (const unsigned char *)s;
	size_t i, k;
	uint32_t n = 0;
	unsigned m;

	for (i = 0; i < len; i += 16) {
		if (i + 16 <= len) {
			m = ~cd_b16_below(cd_b16_load(s + i), 0xE2) & 0xFFFF;
		} else {
			for (m = 0, k = i; k < len; k++)	/* the tail */
				m |= (unsigned)(b[k] >= 0xE2) << (k - i);
		}
		for (; m; m &= m - 1) {
			k = i + (unsigned)__builtin_ctz(m);
			n += (b[k] == 0xE2 && k + 1 < len && b[k + 1] >= 0xBA) ||
			     (b[k] >= 0xE3 && b[k] <= 0xED) || b[k] == 0xEF;
		}
	}
	return n;
}

/* Count the code points, words and weight of unit u (text s).  Wide
 * code points (CJK, Hangul, kana: U+2E80 and up, bar the surrogate and
 * private ranges) each say about as much as a short word, so they weigh
 * three characters in the body search. */
static void measure(const char *s, struct cd_unit *u)
{
	bool high;

	u->words = cd_bl_count_words(s, u->len, &high);
	if (!high) {
		u->chars = u->weight = (uint32_t)u->len;
		return;
	}
	u->chars = (uint32_t)cd_text_chars(s, u->len);
	u->weight = u->chars + 2 * wide_count(s, u->len);
}

/* True when s[0..len) starts with a word that opens a picture credit. */
static bool credit_word(const char *s, size_t len)
{
	static const char *const words[] = {
		"photo", "photos", "photograph", "image", "picture", "credit",
		"illustration", "graphic", "video", "file photo", "courtesy"
	};
	size_t i, n;
	unsigned char c = cd_text_lower((unsigned char)s[0]);

	if (len < 6 || !(c == 'p' || c == 'i' || c == 'c' || c == 'g' ||
			 c == 'v' || c == 'f'))
		return false;	/* no word above starts so */
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (len > n + 1 && cd_text_ieq(s, words[i], n) &&
		    (s[n] == ' ' || s[n] == ':'))
			return true;
	}
	return false;
}

/* The name of the caption shape of s[0..len), or NULL: a credit in
 * parentheses ("(Sanna Lintu / Pelham Valley Courier)") or a caption whose
 * last sentence is a credit ("... on Tuesday. Photo by A. Name/Agency"). */
static const char *caption_shape(const char *s, size_t len, size_t chars)
{
	size_t i, tail = 0;

	if (chars <= 120 && s[0] == '(' && s[len - 1] == ')' &&
	    memchr(s, '/', len))
		return "credit";
	if (chars > 600 || cd_bl_ends_sentence(s, len))
		return NULL;
	if (credit_word(s, len) && chars <= 100)
		return "caption";
	for (i = 0; len > 1 && (i += cd_b16_find(s + i, len - 1 - i, '.')) <
	     len - 1; i++) {
		if (s[i + 1] != ' ')
			continue;
		tail = i + 2;
		if (len - tail <= 100 && credit_word(s + tail, len - tail))
			return "caption";
	}
	return NULL;
}

/* True when s[0..len) signs an embedded social media post: a dash, a
 * name, "(@handle)" and a date ("— Ann Lee (@annlee) May 3, 2019"). */
bool cd_bl_tweet_credit(const char *s, size_t len)
{
	char iso[11];

	return len > 10 && len < 160 && (memcmp(s, "\xe2\x80\x94 ", 4) == 0 ||
					 memcmp(s, "- ", 2) == 0) &&
	       cd_text_ifind(s, len, "(@", 2) != (size_t)-1 &&
	       cd_date_find(s, len, iso);
}

/* Measure unit u (text s, hash h), match the rules and classify it by
 * its text alone (enum cd_unit_class).  What is set here must depend on
 * the text and the rules only: the memo hands it to every later line of
 * the same text (a test of the document or the unit's place belongs in
 * classify after the memo, as the indent test is, or later). */
static void classify_text(const struct cd_boiler_rules *rs, const char *s,
			  struct cd_unit *u, uint64_t h)
{
	size_t b = cd_bl_bullet_len(s, u->len);
	const struct cd_rule *r;

	measure(s, u);
	u->punct = cd_bl_ends_sentence(s, u->len);
	u->bullet = b > 0;
	u->hash = h;
	while (b < u->len && (s[b] == '|' || s[b] == ' '))
		b++;	/* "|Subscribe Free": a separator drawn before a link */
	r = cd_boiler_rules_match(rs, s + b, u->len - b, u->chars);
	if (r && r->kind >= CD_RULE_BLOCK &&
	    (u->words > 8 || memchr(s, '.', u->len)))
		r = NULL;	/* a sentence, not a heading */
	if (!r && comment_header(s, u->len, u->chars)) {
		u->end = true;
		u->why = "comments";
		u->cls = CD_U_SHORT;
	} else if (r && r->kind >= CD_RULE_BLOCK) {	/* a heading */
		u->block = r->kind == CD_RULE_BLOCK;
		u->end = r->kind != CD_RULE_BLOCK;
		u->tail = r->kind == CD_RULE_TAIL;
		u->why = r->name;
		u->cls = CD_U_SHORT;
	} else if (r) {
		u->why = r->name;
		u->rule = true;
		u->cls = CD_U_BAD;
	} else if ((u->why = caption_shape(s + b, u->len - b, u->chars))) {
		u->rule = true;
		u->cls = CD_U_BAD;
	} else if (url_only(s + b, u->len - b)) {
		u->why = "url";
		u->cls = CD_U_BAD;
	} else if (bracket_only(s + b, u->len - b) || b == u->len ||
		   doubled(s + b, u->len - b)) {
		u->why = "image";
		u->image = true;
		u->cls = CD_U_BAD;
	} else if (u->chars >= 10 && drawn_only(s, u->len)) {
		u->why = "image";	/* a drawn rule: decoration */
		u->image = true;
		u->cls = CD_U_BAD;
	} else if (u->bullet && u->words < 6) {
		u->cls = CD_U_BAD;
	} else if ((u->punct && u->weight >= 120) ||
		   (u->weight >= 300 && !word_run(s, u->len))) {
		u->cls = CD_U_GOOD;
	} else if (u->punct && u->weight >= 40) {
		u->cls = CD_U_NEAR;
	} else {
		u->cls = CD_U_SHORT;
	}
	if ((u->cls == CD_U_GOOD || u->cls == CD_U_NEAR) &&
	    markup(s, u->len)) {
		u->cls = CD_U_BAD;	/* no prose, though it is long */
		u->markup = true;
	}
	if (u->cls == CD_U_SHORT && cd_bl_tweet_credit(s, u->len))
		u->cls = CD_U_NEAR;	/* an embedded post, part of the story */
	if (u->bullet && u->cls == CD_U_GOOD)
		u->cls = CD_U_NEAR;	/* teasers come as lists, articles rarely */
}

/* memo_keep never writes across the ring's end, and memo_slot masks a
 * hash to a slot. */
_Static_assert(CD_MEMO_BYTES <= CD_MEMO_RING, "a memo line fits the ring");
_Static_assert((CD_MEMO_SLOTS & (CD_MEMO_SLOTS - 1)) == 0,
	       "memo slots a power of two");

/* A line classified before: its text and what classify_text() set. */
struct cd_memo_ent {
	uint64_t at;		/* where the text went in the ring (its count
				 * of bytes written, not wrapped) */
	struct cd_unit u;	/* u.len: the text's length */
};

void cd_boiler_memo_init(struct cd_boiler_memo *m)
{
	m->key = NULL;
	m->e = NULL;
	m->ring = NULL;
	m->head = 0;
	m->rs = NULL;
	m->gen = 0;
}

void cd_boiler_memo_release(struct cd_boiler_memo *m)
{
	free(m->key);
	free(m->e);
	free(m->ring);
	cd_boiler_memo_init(m);
}

/* The line of slot e in the ring of m, or NULL when newer lines have
 * overwritten it. */
static const char *memo_line(const struct cd_boiler_memo *m,
			     const struct cd_memo_ent *e)
{
	if (m->head - e->at > CD_MEMO_RING)
		return NULL;	/* the ring came round to its first byte */
	return m->ring + e->at % CD_MEMO_RING;
}

/* Write s[0..len) to the ring of m for slot e (never across its end). */
static void memo_keep(struct cd_boiler_memo *m, struct cd_memo_ent *e,
		      const char *s, size_t len)
{
	size_t off = m->head % CD_MEMO_RING;

	if (off + len > CD_MEMO_RING)
		m->head += CD_MEMO_RING - off;	/* wrap */
	e->at = m->head;
	memcpy(m->ring + m->head % CD_MEMO_RING, s, len);
	m->head += len;
}

/* The index of the memo slot of a line hashing to h. */
static inline size_t memo_index(uint64_t h)
{
	return (h ^ h >> 32) & (CD_MEMO_SLOTS - 1);
}

/* The slot of m for a line of len bytes hashing to h, classified with
 * rs (the slots are emptied for other rules), or NULL when m is NULL or
 * the line too long to keep. */
static struct cd_memo_ent *memo_slot(struct cd_boiler_memo *m,
				     const struct cd_boiler_rules *rs,
				     uint64_t h, size_t len)
{
	size_t i;

	if (!m || len > CD_MEMO_BYTES)
		return NULL;
	if (!m->e) {
		m->key = cd_xcalloc(CD_MEMO_SLOTS, sizeof(*m->key));
		m->e = cd_xmalloc(CD_MEMO_SLOTS * sizeof(*m->e));
		m->ring = cd_xmalloc(CD_MEMO_RING);
	}
	if (m->rs != rs || m->gen != rs->gen) {
		for (i = 0; i < CD_MEMO_SLOTS; i++)
			m->key[i] = 0;
		m->rs = rs;
		m->gen = rs->gen;
	}
	return &m->e[memo_index(h)];
}

/* How many lines' hashes cd_bl_classify holds: their memo slots load
 * while the lines before them are classified. */
#define CD_HASH_AHEAD 2

/* Start loading the slot of m (its hash, its entry) that memo_slot
 * gives a line of len bytes hashing to h, when there is one. */
static void memo_prefetch(const struct cd_boiler_memo *m, uint64_t h,
			  size_t len)
{
	size_t i = memo_index(h);

	if (m && m->e && len <= CD_MEMO_BYTES) {
		__builtin_prefetch(&m->key[i]);
		cd_prefetch(&m->e[i], sizeof(m->e[i]));
	}
}

/* Measure unit u (text s, fold_hash h), match the rules and classify it
 * (enum cd_unit_class); a line memo m holds is not read again. */
static void classify(const struct cd_boiler_rules *rs,
		     struct cd_boiler_memo *m, const char *s, struct cd_unit *u,
		     uint64_t h, bool indented_text)
{
	struct cd_memo_ent *e = memo_slot(m, rs, h, u->len);
	const char *t;

	if (e && m->key[e - m->e] == h && e->u.len == u->len &&
	    (t = memo_line(m, e)) && memcmp(t, s, u->len) == 0) {
		struct cd_unit at = *u;	/* where it is, not what it says */

		*u = e->u;
		u->off = at.off;
		u->len = at.len;
		u->indent = at.indent;
		u->head = at.head;
		u->keep = at.keep;
	} else {
		classify_text(rs, s, u, h);
		if (e) {
			m->key[e - m->e] = h;
			memo_keep(m, e, s, u->len);
			e->u = *u;
		}
	}
	if (u->indent >= 2 && !indented_text && u->cls == CD_U_GOOD)
		u->cls = CD_U_NEAR;
}

/* The fold_hash of unit i of d, its memo slot set loading. */
static uint64_t hash_ahead(const struct cd_boiler_doc *d, size_t i)
{
	uint64_t h = fold_hash(d->norm.p + d->u[i].off, d->u[i].len);

	memo_prefetch(d->memo, h, d->u[i].len);
	return h;
}

void cd_bl_classify(const struct cd_boiler_rules *rs, struct cd_boiler_doc *d,
		    bool indented_text)
{
	uint64_t h[CD_HASH_AHEAD];
	size_t i;

	/* each line's hash is taken, and its memo slot starts loading,
	 * while the CD_HASH_AHEAD - 1 lines before it are classified */
	for (i = 0; i + 1 < CD_HASH_AHEAD && i < d->nu; i++)
		h[i] = hash_ahead(d, i);
	for (i = 0; i < d->nu; i++) {
		if (i + CD_HASH_AHEAD - 1 < d->nu)
			h[(i + CD_HASH_AHEAD - 1) % CD_HASH_AHEAD] =
				hash_ahead(d, i + CD_HASH_AHEAD - 1);
		classify(rs, d->memo, d->norm.p + d->u[i].off, &d->u[i],
			 h[i % CD_HASH_AHEAD], indented_text);
	}
}
