/* date.c - calendar days read from text and URLs; see date.h. */
#include <string.h>

#include "date.h"
#include "text.h"

bool cd_date_valid(int y, int m, int d)
{
	static const unsigned char mdays[12] = { 31, 29, 31, 30, 31, 30, 31,
						 31, 30, 31, 30, 31 };

	if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

bool cd_date_format(int y, int m, int d, char iso[11])
{
	static const char dig[] = "0123456789";

	if (!cd_date_valid(y, m, d))
		return false;
	iso[0] = dig[y / 1000];
	iso[1] = dig[y / 100 % 10];
	iso[2] = dig[y / 10 % 10];
	iso[3] = dig[y % 10];
	iso[4] = iso[7] = '-';
	iso[5] = dig[m / 10];
	iso[6] = dig[m % 10];
	iso[8] = dig[d / 10];
	iso[9] = dig[d % 10];
	iso[10] = '\0';
	return true;
}

/* H. Hinnant's days_from_civil. */
long cd_date_days(int y, int m, int d)
{
	long yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int cd_date_month(const char *w, size_t n)
{
	/* month_second lists their first two bytes */
	static const char *const names[12] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"
	};
	int m;

	if (n < 3 || n > 9)
		return 0;
	for (m = 0; m < 12; m++)
		if (cd_text_lower((unsigned char)w[0]) == (unsigned char)names[m][0] &&
		    cd_text_ieq(w, names[m], n) &&
		    (n == 3 || names[m][n] == '\0' || (m == 8 && n == 4)))
			return m + 1;
	return 0;
}

/* Month names of the other languages of Latin script the archives hold
 * (es, fr, de, it, pt, nl), lower case, UTF-8 (month_second lists
 * their first two bytes). */
static const struct {
	const char *name;
	unsigned char m;
} foreign_names[] = {
	{ "enero", 1 }, { "janvier", 1 }, { "januar", 1 }, { "j\xc3\xa4nner", 1 },
	{ "gennaio", 1 }, { "janeiro", 1 }, { "januari", 1 },
	{ "febrero", 2 }, { "f\xc3\xa9vrier", 2 }, { "februar", 2 },
	{ "febbraio", 2 }, { "fevereiro", 2 }, { "februari", 2 },
	{ "marzo", 3 }, { "mars", 3 }, { "m\xc3\xa4rz", 3 }, { "mar\xc3\xa7o", 3 },
	{ "maart", 3 },
	{ "abril", 4 }, { "avril", 4 }, { "aprile", 4 },
	{ "mayo", 5 }, { "mai", 5 }, { "maggio", 5 }, { "maio", 5 }, { "mei", 5 },
	{ "junio", 6 }, { "juin", 6 }, { "juni", 6 }, { "giugno", 6 },
	{ "junho", 6 },
	{ "julio", 7 }, { "juillet", 7 }, { "juli", 7 }, { "luglio", 7 },
	{ "julho", 7 },
	{ "agosto", 8 }, { "ao\xc3\xbbt", 8 }, { "augustus", 8 },
	{ "septiembre", 9 }, { "setiembre", 9 }, { "septembre", 9 },
	{ "settembre", 9 }, { "setembro", 9 },
	{ "octubre", 10 }, { "octobre", 10 }, { "oktober", 10 },
	{ "ottobre", 10 }, { "outubro", 10 },
	{ "noviembre", 11 }, { "novembre", 11 }, { "novembro", 11 },
	{ "diciembre", 12 }, { "d\xc3\xa9" "cembre", 12 }, { "dezember", 12 },
	{ "dicembre", 12 }, { "dezembro", 12 },
};

/* Byte i of w folded to lower case: ASCII, and the Latin-1 capitals
 * (U+00C0-U+00DE, "\xc3\x80"-"\xc3\x9e") after their lead byte. */
static unsigned char fold_at(const char *w, size_t i)
{
	unsigned char c = (unsigned char)w[i];

	if (i > 0 && (unsigned char)w[i - 1] == 0xc3 && c >= 0x80 && c <= 0x9e)
		return c | 0x20;
	return cd_text_lower(c);
}

/* The month named by w[0..n) in another language (foreign_names): the
 * whole name, or when abbrev, a start of 3 to 5 bytes that only one
 * month's names share ("ago", "dic", "okt", "f\xc3\xa9v"); else 0. */
static int foreign_month(const char *w, size_t n, bool abbrev)
{
	size_t k, i;
	int m = 0;
	unsigned char c0 = fold_at(w, 0);

	if (n < 3 || n > 10 || (abbrev && n > 5))
		return 0;
	for (k = 0; k < sizeof(foreign_names) / sizeof(foreign_names[0]); k++) {
		const char *f = foreign_names[k].name;

		if ((unsigned char)f[0] != c0)
			continue;	/* most names */
		for (i = 0; i < n && f[i] && fold_at(w, i) == (unsigned char)f[i];
		     i++)
			;
		if (i < n || (f[i] && !abbrev))
			continue;
		if (!f[i])
			return foreign_names[k].m;	/* the whole name */
		if (m && m != foreign_names[k].m)
			return 0;	/* "jui": juin or juillet */
		m = foreign_names[k].m;
	}
	return m;
}

/* Read 1 to max digits at s[*i] into *v; false if there are none or more
 * than max. */
static bool digits(const char *s, size_t len, size_t *i, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (*i < len && cd_text_digit((unsigned char)s[*i])) {
		if (++n > max)
			return false;
		*v = *v * 10 + (s[(*i)++] - '0');
	}
	return n > 0;
}

/* Read exactly n digits at s[*i] into *v. */
static bool digits_n(const char *s, size_t len, size_t *i, int n, int *v)
{
	size_t j = *i;

	if (!digits(s, len, i, n, v) || *i - j != (size_t)n) {
		*i = j;
		return false;
	}
	return true;
}

bool cd_date_iso(const char *s, size_t len, char iso[11])
{
	size_t i = 0;
	int y, m, d;

	return digits_n(s, len, &i, 4, &y) && i < len && s[i++] == '-' &&
	       digits_n(s, len, &i, 2, &m) && i < len && s[i++] == '-' &&
	       digits_n(s, len, &i, 2, &d) && cd_date_format(y, m, d, iso);
}

/* True when s[i] (of s[0..len)) parts the words of a date: a space, or
 * the one underscore that html2text writes between the words of a link
 * ("September_4,_2025"); a run of them is a blank to fill in ("May
 * ______ 12, 2019"), no space. */
static bool date_space(const char *s, size_t len, size_t i)
{
	return s[i] == ' ' ||
	       (s[i] == '_' && (i + 1 >= len || s[i + 1] != '_') &&
		(i == 0 || s[i - 1] != '_'));
}

/* Skip spaces, and one comma when comma is true. */
static void skip_sep(const char *s, size_t len, size_t *i, bool comma)
{
	while (*i < len && date_space(s, len, *i))
		(*i)++;
	if (comma && *i < len && s[*i] == ',')
		(*i)++;
	while (*i < len && date_space(s, len, *i))
		(*i)++;
}

/* A four-digit year at s[*i] after the separators (and a comma). */
static bool year_at(const char *s, size_t len, size_t i, int *y)
{
	size_t j;

	skip_sep(s, len, &i, true);
	if (digits_n(s, len, &i, 4, y))
		return true;
	/* a time or a reading time glued to the year, as text dumps join
	 * their lines: "October 17, 20236:01 PM", "Mar 27, 20255 mins" */
	j = i + 4;
	while (j < len && j < i + 6 && cd_text_digit((unsigned char)s[j]))
		j++;
	if (j == i + 4 || j >= len || (s[j] != ':' &&
	    !(len - j > 4 && cd_text_ieq(s + j, " min", 4))))
		return false;
	*y = 0;
	for (j = i; j < i + 4; j++)
		*y = *y * 10 + (s[j] - '0');
	return true;
}

/* True when s[i..i+2) is an ordinal's ending: "3rd", "21st", "1er". */
static bool ordinal_end(const char *s, size_t i)
{
	static const char *const ends[] = { "st", "nd", "rd", "th", "er" };
	size_t k;

	for (k = 0; k < sizeof(ends) / sizeof(ends[0]); k++)
		if (cd_text_ieq(s + i, ends[k], 2))
			return true;
	return false;
}

/* True when the word w[0..2) ("of", "de") stands alone at s[i]. */
static bool word2_at(const char *s, size_t len, size_t i, const char *w)
{
	return i + 2 < len && date_space(s, len, i + 2) &&
	       cd_text_ieq(s + i, w, 2);
}

/* The day of the month written before the month word at s[w]: "3 July",
 * "3rd July", "3rd of July", "3. Juli", "3 de julio", "1er mars", or
 * "03-Jul" and "03.Jul" (*sep set to that '-' or '.', else ' '); -1 for
 * none. */
static int day_before(const char *s, size_t w, char *sep)
{
	size_t i = w;
	int d;

	*sep = ' ';
	if (i >= 2 && (s[i - 1] == '-' || s[i - 1] == '.') &&
	    cd_text_digit((unsigned char)s[i - 2])) {
		*sep = s[--i];
	} else {
		while (i > 0 && date_space(s, w + 1, i - 1))
			i--;
		if (i == w)
			return -1;
		if (i >= 3 && date_space(s, w + 1, i - 3) &&
		    (cd_text_ieq(s + i - 2, "of", 2) ||
		     cd_text_ieq(s + i - 2, "de", 2)))
			for (i -= 3; i > 0 && date_space(s, w + 1, i - 1);
			     i--)
				;
		if (i > 0 && s[i - 1] == '.')
			i--;
		if (i >= 3 && cd_text_digit((unsigned char)s[i - 3]) &&
		    ordinal_end(s, i - 2))
			i -= 2;
	}
	if (i == 0 || !cd_text_digit((unsigned char)s[i - 1]))
		return -1;
	d = s[--i] - '0';
	if (i > 0 && cd_text_digit((unsigned char)s[i - 1]))
		d += 10 * (s[--i] - '0');
	if (i > 0 && cd_text_digit((unsigned char)s[i - 1]))
		return -1;
	return d;
}

/* A date whose month word starts at s[w] and runs n bytes: "July 3,
 * 2025" after it (English only) or "3 July 2025", "3 de julio de 2025",
 * "03-Jul-2025" around it. */
static bool date_at_month(const char *s, size_t len, size_t w, size_t n,
			  int m, bool english, char iso[11])
{
	size_t i = w + n, j;
	int d, y;
	char sep;

	if (i < len && s[i] == '.')
		i++;
	j = i;
	skip_sep(s, len, &i, false);
	if (english && digits(s, len, &i, 2, &d)) {
		while (i < len && cd_text_alpha((unsigned char)s[i]))
			i++;	/* 3rd, 21st */
		if (i + 1 < len && s[i] == '.' && date_space(s, len, i + 1))
			i++;	/* "Jul. 11. 2025" */
		if (year_at(s, len, i, &y) && cd_date_format(y, m, d, iso))
			return true;
	}
	if ((d = day_before(s, w, &sep)) < 0)
		return false;
	if (sep != ' ') {	/* "03-Jul-2025": the same mark after */
		j = w + n;
		i = j + 1;
		return j < len && s[j] == sep && digits_n(s, len, &i, 4, &y) &&
		       (i == len || !cd_text_digit((unsigned char)s[i])) &&
		       cd_date_format(y, m, d, iso);
	}
	i = j;
	skip_sep(s, len, &i, false);
	if (word2_at(s, len, i, "de"))
		j = i + 3;
	return year_at(s, len, j, &y) && cd_date_format(y, m, d, iso);
}

/* How a numeric date was read: its order of day and month when the year
 * is last ('d' day first, 'm' month first, 0 year first or words), and
 * whether the other order would be a day too. */
struct how {
	char order;
	bool either;
};

/* The day of a numeric date whose numbers are a, b, c in writing order,
 * its first number of alen digits, separated by sep; *h says how. */
static bool numeric_day(int a, int b, int c, size_t alen, char sep,
			char iso[11], struct how *h)
{
	if (alen == 4)
		return cd_date_format(a, b, c, iso);
	if (sep == '-' || c < 1000)
		return false;
	h->either = a != b && a <= 12 && b <= 12;
	h->order = (sep == '.' && b <= 12) || a > 12 ? 'd' : 'm';
	return h->order == 'd' ? cd_date_format(c, b, a, iso) :
				 cd_date_format(c, a, b, iso);
}

/* A numeric date at s[i] (see date.h for the orders). */
static bool date_numeric(const char *s, size_t len, size_t i, char iso[11],
			 struct how *h)
{
	size_t j = i, alen;
	int a, b, c;
	char sep;

	if (!digits(s, len, &j, 4, &a) || j + 1 >= len)
		return false;
	alen = j - i;
	sep = s[j++];
	if (alen == 3 || (sep != '-' && sep != '/' && sep != '.'))
		return false;
	if (!digits(s, len, &j, 2, &b) || j >= len || s[j++] != sep ||
	    (sep == '-' && (alen != 4 || j - i != 8)))
		return false;
	if (!digits(s, len, &j, alen == 4 ? 2 : 4, &c) ||
	    (j < len && cd_text_digit((unsigned char)s[j])))
		return false;
	return numeric_day(a, b, c, alen, sep, iso, h);
}

/* True when s[0..len) holds four digits in a row, as every date this
 * module reads does (its year): most lines have none.  Such a run holds
 * one byte at each offset modulo 4, so only every fourth byte is read,
 * and the bytes around it when it is a digit. */
static bool has_year(const char *s, size_t len)
{
	size_t i, a, b;

	for (i = 3; i < len; i += 4) {
		if (!cd_text_digit((unsigned char)s[i]))
			continue;
		for (a = i; a + 3 > i && cd_text_digit((unsigned char)s[a - 1]);
		     a--)
			;
		for (b = i + 1; b < a + 4 && b < len &&
		     cd_text_digit((unsigned char)s[b]); b++)
			;
		if (b - a >= 4)
			return true;
	}
	return false;
}

/* True when s[i] continues a word: an ASCII letter, or a Latin-1 letter
 * ("\xc3" and its second byte: "f\xc3\xa9vrier", "M\xc3\xa4rz"); not a
 * capital after a small letter ("ByAnn LeeMar 5, 2025") unless first. */
static size_t word_byte(const char *s, size_t len, size_t w, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c == 0xc3 && i + 1 < len && ((unsigned char)s[i + 1] & 0xc0) == 0x80)
		return 2;
	if (!cd_text_alpha(c) || (i > w && c >= 'A' && c <= 'Z' &&
			     s[i - 1] >= 'a' && s[i - 1] <= 'z'))
		return 0;
	return 1;
}

/* The second bytes, folded, of the month names (cd_date_month's and
 * foreign_names) by their first letter: "ja"nuary, "ao\xc3\xbb"t. */
static const char *const month_second[26] = {
	['a' - 'a'] = "bgopuv", ['d' - 'a'] = "ei\xc3", ['e' - 'a'] = "n",
	['f' - 'a'] = "e\xc3", ['g' - 'a'] = "ei", ['j' - 'a'] = "au\xc3",
	['l' - 'a'] = "u", ['m' - 'a'] = "ae\xc3", ['n' - 'a'] = "o",
	['o' - 'a'] = "cktu", ['s' - 'a'] = "e",
};

/* True when w[0..n) may name a month, in English or another language
 * (cd_date_month, foreign_month): 3 to 10 bytes that start as some
 * month name does.  Most words cannot, and are not looked up. */
static bool month_shape(const char *w, size_t n)
{
	unsigned char c = cd_text_lower((unsigned char)w[0]), c1;
	const char *t;

	if (n < 3 || n > 10 || c < 'a' || c > 'z' || !month_second[c - 'a'])
		return false;
	c1 = cd_text_lower((unsigned char)w[1]);
	for (t = month_second[c - 'a']; *t; t++)
		if ((unsigned char)*t == c1)
			return true;
	return false;
}

/* The next date in s[*at..len) (see cd_date_find), *at moved past where
 * it was found; *h as numeric_day says. */
static bool next_date(const char *s, size_t len, size_t *at, char iso[11],
		      struct how *h)
{
	size_t i = *at, w, k;
	int m;
	bool english;

	h->order = 0;
	h->either = false;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		bool start = i == 0 || !(cd_text_alpha((unsigned char)s[i - 1]) ||
					 cd_text_digit((unsigned char)s[i - 1])) ||
			     (c >= 'A' && c <= 'Z' && s[i - 1] >= 'a' &&
			      s[i - 1] <= 'z');	/* "ByAnn LeeMar 5, 2025" */

		if (start && (k = word_byte(s, len, i, i))) {
			w = i;
			for (i += k; i < len && (k = word_byte(s, len, w, i)); i += k)
				;
			if (!month_shape(s + w, i - w))
				continue;	/* most words */
			m = cd_date_month(s + w, i - w);
			english = m != 0;
			if (!m)	/* "3 mars 2025"; "04-ago-2021" abbreviated */
				m = foreign_month(s + w, i - w, w > 0 &&
						  s[w - 1] == '-' && i < len &&
						  s[i] == '-');
			if (m && date_at_month(s, len, w, i - w, m, english,
					       iso)) {
				*at = i;
				return true;
			}
			continue;
		}
		if (start && cd_text_digit(c) && date_numeric(s, len, i, iso, h)) {
			*at = i + 1;
			return true;
		}
		i++;
	}
	*at = len;
	return false;
}

bool cd_date_find_order(const char *s, size_t len, char iso[11], char *order)
{
	size_t i = 0;
	struct how h;

	*order = 0;
	if (!has_year(s, len) || !next_date(s, len, &i, iso, &h))
		return false;
	if (h.either)
		*order = h.order;
	return true;
}

bool cd_date_find(const char *s, size_t len, char iso[11])
{
	char order;

	return cd_date_find_order(s, len, iso, &order);
}

bool cd_date_written(const char *s, size_t len, const char day[11])
{
	size_t i = 0;
	char iso[11];
	struct how h;

	if (!has_year(s, len))
		return false;
	while (next_date(s, len, &i, iso, &h))
		if (!h.either && strcmp(iso, day) == 0)
			return true;
	return false;
}

char cd_date_order(const char *s, size_t len)
{
	size_t i = 0;
	char iso[11];
	struct how h;
	long n = 0;

	if (!has_year(s, len))
		return 0;
	while (next_date(s, len, &i, iso, &h))
		if (h.order && !h.either)
			n += h.order == 'd' ? 1 : -1;
	return n > 0 ? 'd' : n < 0 ? 'm' : 0;
}

bool cd_date_swap(const char iso[11], char other[11])
{
	int y = 0, m, d, k;

	for (k = 0; k < 4; k++)
		y = y * 10 + (iso[k] - '0');
	m = (iso[5] - '0') * 10 + (iso[6] - '0');
	d = (iso[8] - '0') * 10 + (iso[9] - '0');
	return m != d && cd_date_format(y, d, m, other);
}

bool cd_date_original(const char *s, size_t len, char iso[11])
{
	size_t at = cd_text_ifind(s, len, "originally published", 20), end;

	if (at == (size_t)-1)
		return false;
	/* a notice: "Originally published" as a label, or "(this article)
	 * was originally published" in a short text; not a sentence of the
	 * article about something else ("a survey, originally published in
	 * 2001, ...") */
	if (s[at] != 'O' &&
	    !(len <= 200 && at >= 4 && cd_text_ieq(s + at - 4, "was ", 4)))
		return false;
	at += 20;
	end = len - at > 120 ? at + 120 : len;
	return cd_date_find(s + at, end - at, iso);
}

/* True when s[i] ends a URL path segment's date: the end, '/', '-', '_',
 * '.' or a query. */
static bool seg_end(const char *s, size_t len, size_t i)
{
	return i >= len || strchr("/-_.?#", s[i]) != NULL;
}

/* The month named by the letters at s[*i] ("oct", "October", any case),
 * moving *i past them; else 0. */
static int month_word(const char *s, size_t len, size_t *i)
{
	size_t j = *i;
	int m;

	while (j < len && cd_text_alpha((unsigned char)s[j]))
		j++;
	if (!(m = cd_date_month(s + *i, j - *i)))
		return 0;
	*i = j;
	return m;
}

/* A day in the path at s[i], the start of a segment: "20250703",
 * "2025/07/03", "2025-07-03", "2025/jul/03", "2025/july/03". */
static bool url_day_at(const char *s, size_t len, size_t i, char iso[11])
{
	size_t j = i;
	int y, m, d;

	if (digits_n(s, len, &j, 8, &y) && seg_end(s, len, j))
		return cd_date_format(y / 10000, y / 100 % 100, y % 100, iso);
	j = i;
	if (!digits_n(s, len, &j, 4, &y) || j >= len ||
	    (s[j] != '/' && s[j] != '-'))
		return false;
	j++;
	if (!digits(s, len, &j, 2, &m) && !(m = month_word(s, len, &j)))
		return false;
	if (j >= len || (s[j] != '/' && s[j] != '-'))
		return false;
	j++;
	return digits(s, len, &j, 2, &d) && seg_end(s, len, j) &&
	       cd_date_format(y, m, d, iso);
}

/* The offset of the path in url[0..len): after the host when there is a
 * scheme, else 0. */
static size_t path_start(const char *url, size_t len)
{
	size_t i = cd_text_ifind(url, len, "://", 3);
	const char *p;

	if (i == (size_t)-1)
		return 0;
	p = memchr(url + i + 3, '/', len - i - 3);
	return p ? (size_t)(p - url) : len;
}

bool cd_date_from_url(const char *url, size_t len, char iso[11])
{
	size_t i;

	for (i = path_start(url, len); i < len && url[i] != '?' &&
	     url[i] != '#'; i++)
		if ((i == 0 || url[i - 1] == '/') && url_day_at(url, len, i, iso))
			return true;
	return false;
}

bool cd_date_has_time(const char *s, size_t len)
{
	size_t i;

	for (i = 1; i + 2 < len; i++)
		if (s[i] == ':' && cd_text_digit((unsigned char)s[i - 1]) &&
		    cd_text_digit((unsigned char)s[i + 1]) &&
		    cd_text_digit((unsigned char)s[i + 2]) &&
		    (i + 3 == len || !cd_text_digit((unsigned char)s[i + 3])))
			return true;
	return false;
}

/* ---- a record's date field, read by word order ---- */

/* A date word: a number (val >= 0) or a month name (mon > 0). */
struct dword {
	long val;
	int digits;
	int mon;
};

/* Split the first date words of p[0..len) into w; returns how many. */
static int date_words(const char *p, size_t len, struct dword *w, int max)
{
	int n = 0;
	size_t i = 0;

	while (i < len && n < max) {
		size_t j = i;
		if (p[i] >= '0' && p[i] <= '9') {
			long v = 0;
			while (j < len && cd_text_digit((unsigned char)p[j]) && j - i < 9)
				v = v * 10 + (p[j++] - '0');
			w[n++] = (struct dword){ v, (int)(j - i), 0 };
		} else if (cd_text_alpha((unsigned char)p[i])) {
			while (j < len && cd_text_alpha((unsigned char)p[j]))
				j++;
			w[n++] = (struct dword){ -1, 0,
						 cd_date_month(p + i, j - i) };
		} else {
			j++;
		}
		i = j;
	}
	return n;
}

int32_t cd_date_field_day(const char *p, size_t len)
{
	struct dword w[8];
	int n = date_words(p, len, w, 8);
	int y = 0, m = 0, d = 0;

	if (n >= 3 && w[0].digits == 4 && w[1].digits && w[2].digits) {
		y = (int)w[0].val, m = (int)w[1].val, d = (int)w[2].val;
	} else {
		for (int i = 0; i < n && !m; i++) {
			if (!w[i].mon)
				continue;
			m = w[i].mon;
			if (i + 1 < n && w[i + 1].digits && w[i + 1].digits <= 2)
				d = (int)w[i + 1].val;
			else if (i > 0 && w[i - 1].digits && w[i - 1].digits <= 2)
				d = (int)w[i - 1].val;
		}
		for (int i = 0; i < n && !y; i++)
			if (w[i].digits == 4)
				y = (int)w[i].val;
	}
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return INT32_MIN;
	return (int32_t)cd_date_days(y, m, d);
}
