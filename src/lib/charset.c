/* charset.c - browser-style page decoding; see charset.h. */
#include <errno.h>
#include <stdint.h>
#include <iconv.h>
#include <string.h>

#include "charset.h"
#include "text.h"
#include "utf8.h"

#define PRESCAN 1024	/* the HTML standard's prescan window */

/* One encoding of the Encoding standard: its name, the glibc iconv name
 * that decodes it (NULL: decoded here), and its labels. */
struct enc {
	const char *name, *iconv, *labels;
};

/* The table follows https://encoding.spec.whatwg.org/encodings.json.
 * glibc names: CP932, CP949 and BIG5-HKSCS are the supersets browsers
 * decode as Shift_JIS, EUC-KR and Big5; GBK is decoded as GB18030. */
static const struct enc encs[] = {
	{ "UTF-8", NULL, "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 "
	  "utf-8 utf8 x-unicode20utf8" },
	{ "windows-1252", NULL, "ansi_x3.4-1968 ascii cp1252 cp819 "
	  "csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 "
	  "iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 "
	  "x-cp1252" },
	{ "IBM866", "IBM866", "866 cp866 csibm866 ibm866" },
	{ "ISO-8859-2", "ISO-8859-2", "csisolatin2 iso-8859-2 iso-ir-101 "
	  "iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2" },
	{ "ISO-8859-3", "ISO-8859-3", "csisolatin3 iso-8859-3 iso-ir-109 "
	  "iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3" },
	{ "ISO-8859-4", "ISO-8859-4", "csisolatin4 iso-8859-4 iso-ir-110 "
	  "iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4" },
	{ "ISO-8859-5", "ISO-8859-5", "csisolatincyrillic cyrillic "
	  "iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 "
	  "iso_8859-5:1988" },
	{ "ISO-8859-6", "ISO-8859-6", "arabic asmo-708 csiso88596e "
	  "csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e "
	  "iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 "
	  "iso_8859-6:1987" },
	{ "ISO-8859-7", "ISO-8859-7", "csisolatingreek ecma-118 elot_928 "
	  "greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 "
	  "iso_8859-7 iso_8859-7:1987 sun_eu_greek" },
	{ "ISO-8859-8", "ISO-8859-8", "csiso88598e csisolatinhebrew hebrew "
	  "iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 "
	  "iso_8859-8 iso_8859-8:1988 visual" },
	{ "ISO-8859-8-I", "ISO-8859-8", "csiso88598i iso-8859-8-i logical" },
	{ "ISO-8859-10", "ISO-8859-10", "csisolatin6 iso-8859-10 iso-ir-157 "
	  "iso8859-10 iso885910 l6 latin6" },
	{ "ISO-8859-13", "ISO-8859-13", "iso-8859-13 iso8859-13 iso885913" },
	{ "ISO-8859-14", "ISO-8859-14", "iso-8859-14 iso8859-14 iso885914" },
	{ "ISO-8859-15", "ISO-8859-15", "csisolatin9 iso-8859-15 iso8859-15 "
	  "iso885915 iso_8859-15 l9" },
	{ "ISO-8859-16", "ISO-8859-16", "iso-8859-16" },
	{ "KOI8-R", "KOI8-R", "cskoi8r koi koi8 koi8-r koi8_r" },
	{ "KOI8-U", "KOI8-U", "koi8-ru koi8-u" },
	{ "macintosh", "MACINTOSH", "csmacintosh mac macintosh x-mac-roman" },
	{ "windows-874", "CP874", "dos-874 iso-8859-11 iso8859-11 "
	  "iso885911 tis-620 windows-874" },
	{ "windows-1250", "CP1250", "cp1250 windows-1250 x-cp1250" },
	{ "windows-1251", "CP1251", "cp1251 windows-1251 x-cp1251" },
	{ "windows-1253", "CP1253", "cp1253 windows-1253 x-cp1253" },
	{ "windows-1254", "CP1254", "cp1254 csisolatin5 iso-8859-9 "
	  "iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 "
	  "latin5 windows-1254 x-cp1254" },
	{ "windows-1255", "CP1255", "cp1255 windows-1255 x-cp1255" },
	{ "windows-1256", "CP1256", "cp1256 windows-1256 x-cp1256" },
	{ "windows-1257", "CP1257", "cp1257 windows-1257 x-cp1257" },
	{ "windows-1258", "CP1258", "cp1258 windows-1258 x-cp1258" },
	{ "x-mac-cyrillic", "MAC-CYRILLIC", "x-mac-cyrillic x-mac-ukrainian" },
	{ "GBK", "GB18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 "
	  "gb_2312-80 gbk iso-ir-58 x-gbk" },
	{ "gb18030", "GB18030", "gb18030" },
	{ "Big5", "BIG5-HKSCS", "big5 big5-hkscs cn-big5 csbig5 x-x-big5" },
	{ "EUC-JP", "EUC-JP", "cseucpkdfmtjapanese euc-jp x-euc-jp" },
	{ "ISO-2022-JP", "ISO-2022-JP", "csiso2022jp iso-2022-jp" },
	{ "Shift_JIS", "CP932", "csshiftjis ms932 ms_kanji shift-jis "
	  "shift_jis sjis windows-31j x-sjis" },
	{ "EUC-KR", "CP949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean "
	  "ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949" },
	{ "UTF-16BE", "UTF-16BE", "unicodefffe utf-16be" },
	{ "UTF-16LE", "UTF-16LE", "csunicode iso-10646-ucs-2 ucs-2 unicode "
	  "unicodefeff utf-16 utf-16le" },
	{ "replacement", NULL, "csiso2022kr hz-gb-2312 iso-2022-cn "
	  "iso-2022-cn-ext iso-2022-kr replacement" },
};

#define NENC (sizeof(encs) / sizeof(encs[0]))

/* Is c ASCII white space (the Encoding standard's list)? */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Is the word w[0..n) one of the space-separated words of list? */
static bool in_list(const char *list, const char *w, size_t n)
{
	const char *p = list;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

/* The table index of label s[0..len), or -1. */
static int lookup(const char *s, size_t len)
{
	char w[32];
	size_t i;

	while (len && is_space(*s))
		s++, len--;
	while (len && is_space(s[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(w))
		return -1;
	for (i = 0; i < len; i++) {
		/* Labels are printable ASCII: this also keeps NUL bytes and
		 * spaces out of the word matched below. */
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return -1;
		w[i] = (char)cd_text_lower((unsigned char)s[i]);
	}
	w[len] = '\0';
	for (i = 0; i < NENC; i++)
		if (in_list(encs[i].labels, w, len))
			return (int)i;
	return -1;
}

const char *cd_charset_name(const char *s, size_t len)
{
	int i = lookup(s, len);

	return i < 0 ? NULL : encs[i].name;
}

/* The table index of an encoding name returned by this module. */
static int by_name(const char *name)
{
	size_t i;

	for (i = 0; i < NENC; i++)
		if (strcmp(encs[i].name, name) == 0)
			return (int)i;
	return 0;
}

bool cd_charset_param(const char *s, size_t len, const char **lab,
		      size_t *lablen)
{
	size_t i = 0, at, j;

	/* The HTML standard's "extracting a character encoding from a meta
	 * element", which also reads an HTTP Content-Type. */
	while ((at = cd_text_ifind(s + i, len - i, "charset", 7)) != (size_t)-1) {
		i += at + 7;
		while (i < len && is_space(s[i]))
			i++;
		if (i >= len || s[i] != '=')
			continue;
		for (i++; i < len && is_space(s[i]); i++)
			;
		if (i < len && (s[i] == '"' || s[i] == '\'')) {
			const char *q = memchr(s + i + 1, s[i], len - i - 1);

			if (!q)
				return false;
			*lab = s + i + 1;
			*lablen = (size_t)(q - *lab);
			return true;
		}
		for (j = i; j < len && !is_space(s[j]) && s[j] != ';'; j++)
			;
		*lab = s + i;
		*lablen = j - i;
		return j > i;
	}
	return false;
}

/* One attribute met by the prescan: name lowercased in name[], value a
 * span of the page. */
struct attr {
	char name[16];
	const char *val;
	size_t vlen;
};

/* The HTML standard's "get an attribute" from p[*i..len): false at the
 * end of the tag (or the data). */
static bool get_attr(const char *p, size_t len, size_t *i, struct attr *a)
{
	size_t k = *i, n = 0;

	while (k < len && (is_space(p[k]) || p[k] == '/'))
		k++;
	if (k >= len || p[k] == '>')
		return false;
	a->val = "";
	a->vlen = 0;
	for (; k < len && !(n > 0 && p[k] == '=') && !is_space(p[k]) &&
	       p[k] != '/' && p[k] != '>'; k++)
		if (n + 1 < sizeof(a->name))
			a->name[n++] = (char)cd_text_lower((unsigned char)p[k]);
	a->name[n] = '\0';
	while (k < len && is_space(p[k]))
		k++;
	if (k < len && p[k] == '=') {
		for (k++; k < len && is_space(p[k]); k++)
			;
		if (k < len && (p[k] == '"' || p[k] == '\'')) {
			const char *q = memchr(p + k + 1, p[k], len - k - 1);
			size_t e = q ? (size_t)(q - p) : len;

			a->val = p + k + 1;
			a->vlen = e - k - 1;
			k = e + 1;
		} else {
			a->val = p + k;
			for (; k < len && !is_space(p[k]) && p[k] != '>'; k++)
				;
			a->vlen = (size_t)(p + k - a->val);
		}
	}
	*i = k;
	return true;
}

/* Map a prescan result as the standard says: UTF-16 is read as UTF-8,
 * x-user-defined (not in our table) as windows-1252. */
static const char *meta_enc(int e)
{
	if (strncmp(encs[e].name, "UTF-16", 6) == 0)
		return "UTF-8";
	return encs[e].name;
}

/* Remember the first unknown label v[0..n) in bad. */
static void note_bad(char *bad, size_t cap, const char *v, size_t n)
{
	if (!bad || cap == 0 || bad[0])
		return;
	if (n >= cap)
		n = cap - 1;
	memcpy(bad, v, n);
	bad[n] = '\0';
}

/* Read the attributes of a <meta> tag at p[*i..len): its encoding
 * table index, or -1. */
static int meta_tag(const char *p, size_t len, size_t *i, char *bad,
		    size_t badcap)
{
	struct attr a;
	bool pragma = false;
	const char *lab = NULL;
	size_t lablen = 0;
	int from_charset = 0, e;

	while (get_attr(p, len, i, &a)) {
		if (strcmp(a.name, "http-equiv") == 0)
			pragma = a.vlen == 12 && cd_text_ieq(a.val, "content-type", 12);
		else if (strcmp(a.name, "charset") == 0 && !from_charset) {
			lab = a.val, lablen = a.vlen, from_charset = 1;
		} else if (strcmp(a.name, "content") == 0 && !lab)
			cd_charset_param(a.val, a.vlen, &lab, &lablen);
	}
	if (!lab || (!from_charset && !pragma))
		return -1;
	if ((e = lookup(lab, lablen)) < 0)
		note_bad(bad, badcap, lab, lablen);
	return e;
}

/* Skip from p[i] (a "<") past a tag that is not <meta>, reading its
 * attributes so that a ">" inside a quoted value is skipped; past "<!",
 * "</" and "<?" constructs to the next ">"; else past the "<" alone. */
static size_t skip_tag(const char *p, size_t len, size_t i)
{
	struct attr a;
	size_t k = i + 1;

	if (k < len && p[k] == '/' && k + 1 < len && cd_text_alpha((unsigned char)p[k + 1]))
		k++;
	else if (k < len && (p[k] == '!' || p[k] == '/' || p[k] == '?')) {
		const char *q = memchr(p + k, '>', len - k);

		return q ? (size_t)(q - p) + 1 : len;
	} else if (k >= len || !cd_text_alpha((unsigned char)p[k]))
		return k;
	for (; k < len && !is_space(p[k]) && p[k] != '>'; k++)
		;
	while (get_attr(p, len, &k, &a))
		;
	return k + 1;
}

const char *cd_charset_prescan(const char *p, size_t len, char *bad,
			       size_t badcap)
{
	size_t i = 0;

	if (bad && badcap)
		bad[0] = '\0';
	if (len > PRESCAN)
		len = PRESCAN;
	while (i < len) {
		const char *lt = memchr(p + i, '<', len - i);
		int e;

		if (!lt)
			break;
		i = (size_t)(lt - p);
		if (len - i >= 4 && memcmp(p + i, "<!--", 4) == 0) {
			size_t end = cd_text_ifind(p + i + 2, len - i - 2, "-->", 3);

			i = end == (size_t)-1 ? len : i + 2 + end + 3;
		} else if (len - i >= 6 && cd_text_ieq(p + i, "<meta", 5) &&
			   (is_space(p[i + 5]) || p[i + 5] == '/')) {
			i += 5;
			if ((e = meta_tag(p, len, &i, bad, badcap)) >= 0)
				return meta_enc(e);
		} else {
			i = skip_tag(p, len, i);
		}
	}
	return NULL;
}

void cd_charset_release(struct cd_charset *cs)
{
	size_t i;

	for (i = 0; i < NENC; i++)
		if (cs->conv[i])
			iconv_close((iconv_t)cs->conv[i]);
	memset(cs, 0, sizeof(*cs));
}

/* The converter of table entry e, opened on first use; NULL when glibc
 * lacks it. */
static iconv_t converter(struct cd_charset *cs, int e)
{
	iconv_t cd;

	if (cs->conv[e])
		return (iconv_t)cs->conv[e];
	cd = iconv_open("UTF-8", encs[e].iconv);
	if (cd == (iconv_t)-1)
		return NULL;
	cs->conv[e] = cd;
	return cd;
}

/* Decode p[0..len) through cd, each byte it refuses (and an incomplete
 * sequence at the end) replaced with U+FFFD.  Returns the replacements. */
static size_t by_iconv(iconv_t cd, const char *p, size_t len,
		       struct cd_buf *out)
{
	char *in = (char *)p;
	size_t left = len, bad = 0;

	iconv(cd, NULL, NULL, NULL, NULL);
	for (;;) {
		size_t room, r;
		char *o;

		cd_buf_grow(out, left * 2 + 64);
		o = out->p + out->len;
		room = out->cap - out->len - 1;
		r = left ? iconv(cd, &in, &left, &o, &room) :
			   iconv(cd, NULL, NULL, &o, &room);
		out->len = (size_t)(o - out->p);
		if (r != (size_t)-1 && left == 0)
			break;
		if (r == (size_t)-1 && errno == E2BIG)
			continue;
		if (r == (size_t)-1 && left > 0) {
			/* EILSEQ or EINVAL: one byte does not decode. */
			cd_buf_add_utf8(out, 0xFFFD);
			in++, left--, bad++;
		}
	}
	out->p[out->len] = '\0';
	return bad;
}

size_t cd_charset_decode(struct cd_charset *cs, const char *name,
			 const char *p, size_t len, struct cd_buf *out)
{
	int e = by_name(name);
	iconv_t cd;

	if (strcmp(name, "windows-1252") == 0) {
		cd_utf8_from_8bit(p, len, 1, out);
		return 0;
	}
	if (strcmp(name, "replacement") == 0) {
		/* The standard: the whole input is one U+FFFD. */
		if (len)
			cd_buf_add_utf8(out, 0xFFFD);
		return len > 0;
	}
	if (encs[e].iconv && (cd = converter(cs, e)) != NULL)
		return by_iconv(cd, p, len, out);
	/* Most pages are valid UTF-8: check, then copy, which is faster
	 * than repairing. */
	if (cd_utf8_check(p, len) == len) {
		cd_buf_add(out, p, len);
		return 0;
	}
	return cd_utf8_repair(p, len, out);
}

/* The encoding of a byte order mark at p, with its length in *n; NULL
 * when there is none. */
static const char *bom(const char *p, size_t len, size_t *n)
{
	const unsigned char *u = (const unsigned char *)p;

	*n = 0;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return *n = 3, "UTF-8";
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return *n = 2, "UTF-16BE";
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return *n = 2, "UTF-16LE";
	return NULL;
}

/* The encoding of the HTTP Content-Type ctype, or NULL; an unknown label
 * goes to info->bad. */
static const char *http_enc(const char *ctype, size_t ctlen,
			    struct cd_charset_info *info)
{
	const char *lab, *name;
	size_t n;

	if (!ctype || !cd_charset_param(ctype, ctlen, &lab, &n))
		return NULL;
	if ((name = cd_charset_name(lab, n)) != NULL)
		return name;
	note_bad(info->bad, sizeof(info->bad), lab, n);
	return NULL;
}

void cd_charset_page(struct cd_charset *cs, const char *ctype,
		     size_t ctlen, const char *p, size_t len,
		     struct cd_buf *out, struct cd_charset_info *info)
{
	char bad[sizeof(info->bad)] = "";
	bool valid = false;	/* sniffed as valid UTF-8: copy it */
	size_t skip;

	info->bad[0] = '\0';
	if ((info->name = bom(p, len, &skip)) != NULL) {
		info->how = "bom";
		p += skip;
		len -= skip;
	} else if ((info->name = http_enc(ctype, ctlen, info)) != NULL) {
		info->how = "http";
	} else if ((info->name = cd_charset_prescan(p, len, bad,
						     sizeof(bad))) != NULL) {
		info->how = "meta";
	} else {
		info->how = "sniff";
		valid = cd_utf8_check(p, len) == len;
		info->name = valid ? "UTF-8" : "windows-1252";
	}
	if (bad[0])
		note_bad(info->bad, sizeof(info->bad), bad, strlen(bad));
	if (valid) {
		/* Checked already: cd_charset_decode would check again. */
		cd_buf_add(out, p, len);
		info->repaired = 0;
	} else {
		info->repaired = cd_charset_decode(cs, info->name, p, len, out);
	}
}

/* The UTF-8 sequence that the mojibake at s[0..len) stands for, into
 * seq: a lead byte written as its Latin-1 character (U+00C2-U+00F4) and
 * its continuation bytes as Latin-1 or Windows-1252 characters, making a
 * valid sequence.  Returns the length of the mojibake in s, 0 when there
 * is none, with the sequence's length in *n and in *c1 whether a
 * continuation was read as a C1 control (U+0080-U+009F), which text
 * never holds (*n and *c1 are set only when there is one). */
static size_t mojibake(const char *s, size_t len, unsigned char seq[4],
		       size_t *n, bool *c1)
{
	size_t at = 2, k, m, need;
	uint32_t cp;
	int b;
	bool ctl = false;

	if (len < 4 || (unsigned char)s[0] != 0xC3 ||
	    (unsigned char)s[1] < 0x82 || (unsigned char)s[1] > 0xB4)
		return 0;
	seq[0] = (unsigned char)s[1] + 0x40;
	need = seq[0] < 0xE0 ? 1 : seq[0] < 0xF0 ? 2 : 3;
	for (k = 1; k <= need; k++) {
		if (at >= len || !cd_utf8_seq((const unsigned char *)s + at,
					      len - at))
			return 0;
		cp = cd_utf8_decode(s + at, len - at, &m);
		b = cd_utf8_cp1252_byte(cp);
		if (b < 0x80 || b > 0xBF)
			return 0;
		ctl |= cp < 0xA0;
		seq[k] = (unsigned char)b;
		at += m;
	}
	if (cd_utf8_seq(seq, need + 1) != need + 1)
		return 0;
	*n = need + 1;
	*c1 = ctl;
	return at;
}

size_t cd_charset_unmojibake(char *s, size_t len)
{
	size_t r = 0, w = 0, m, n;
	unsigned char seq[4];
	bool c1 = false;

	/* only a text with a C1 control in one is repaired: "cafÃ©" alone
	 * may be quoted as an example */
	for (r = 0; r < len && !c1; r += m ? m : 1)
		m = mojibake(s + r, len - r, seq, &n, &c1);
	if (!c1)
		return len;
	for (r = 0; r < len;) {
		if ((m = mojibake(s + r, len - r, seq, &n, &c1))) {
			memcpy(s + w, seq, n);
			w += n;
			r += m;
		} else {
			s[w++] = s[r++];
		}
	}
	if (w < len)
		s[w] = '\0';
	return w;
}
