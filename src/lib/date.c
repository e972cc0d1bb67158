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

/* Skip spaces, and one comma when comma is true. */
static void skip_sep(const char *s, size_t len, size_t *i, bool comma)
{
	while (*i < len && s[*i] == ' ')
		(*i)++;
	if (comma && *i < len && s[*i] == ',')
		(*i)++;
	while (*i < len && s[*i] == ' ')
		(*i)++;
}

/* A four-digit year at s[*i] after the separators (and a comma). */
static bool year_at(const char *s, size_t len, size_t i, int *y)
{
	size_t j;

	skip_sep(s, len, &i, true);
	if (digits_n(s, len, &i, 4, y))
		return true;
	/* a time glued to the year, as text dumps join their lines:
	 * "October 17, 20236:01 PM" */
	j = i + 4;
	while (j < len && j < i + 6 && cd_text_digit((unsigned char)s[j]))
		j++;
	if (j == i + 4 || j >= len || s[j] != ':')
		return false;
	*y = 0;
	for (j = i; j < i + 4; j++)
		*y = *y * 10 + (s[j] - '0');
	return true;
}

/* A date whose month word starts at s[w] and runs n letters: "July 3,
 * 2025" after it or "3 July 2025" around it. */
static bool date_at_month(const char *s, size_t len, size_t w, size_t n,
			  int m, char iso[11])
{
	size_t i = w + n, j;
	int d, y;

	if (i < len && s[i] == '.')
		i++;
	j = i;
	skip_sep(s, len, &i, false);
	if (digits(s, len, &i, 2, &d)) {
		while (i < len && cd_text_alpha((unsigned char)s[i]))
			i++;	/* 3rd, 21st */
		if (year_at(s, len, i, &y) && cd_date_format(y, m, d, iso))
			return true;
	}
	/* "3 July 2025": a day right before the month word */
	i = w;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	if (i == w || i == 0 || !cd_text_digit((unsigned char)s[i - 1]))
		return false;
	d = s[i - 1] - '0';
	if (i >= 2 && cd_text_digit((unsigned char)s[i - 2]))
		d += 10 * (s[i - 2] - '0');
	if (i >= 3 && cd_text_digit((unsigned char)s[i - 3]))
		return false;
	return year_at(s, len, j, &y) && cd_date_format(y, m, d, iso);
}

/* The day of a numeric date whose numbers are a, b, c in writing order,
 * its first number of alen digits, separated by sep. */
static bool numeric_day(int a, int b, int c, size_t alen, char sep,
			char iso[11])
{
	if (alen == 4)
		return cd_date_format(a, b, c, iso);
	if (sep == '-' || c < 1000)
		return false;
	if (sep == '.' || a > 12)
		return cd_date_format(c, b, a, iso);
	return cd_date_format(c, a, b, iso);
}

/* A numeric date at s[i] (see date.h for the orders). */
static bool date_numeric(const char *s, size_t len, size_t i, char iso[11])
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
	return numeric_day(a, b, c, alen, sep, iso);
}

/* True when s[0..len) holds four digits in a row, as every date this
 * module reads does (its year): most lines have none. */
static bool has_year(const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++)
		if (!cd_text_digit((unsigned char)s[i]))
			run = 0;
		else if (++run == 4)
			return true;
	return false;
}

bool cd_date_find(const char *s, size_t len, char iso[11])
{
	size_t i = 0, w;
	int m;

	if (!has_year(s, len))
		return false;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		bool start = i == 0 || !(cd_text_alpha((unsigned char)s[i - 1]) ||
					 cd_text_digit((unsigned char)s[i - 1])) ||
			     (c >= 'A' && c <= 'Z' && s[i - 1] >= 'a' &&
			      s[i - 1] <= 'z');	/* "ByAnn LeeMar 5, 2025" */

		if (start && cd_text_alpha(c)) {
			w = i;
			while (i < len && cd_text_alpha((unsigned char)s[i]) &&
			       !(i > w && s[i] >= 'A' && s[i] <= 'Z' &&
				 s[i - 1] >= 'a' && s[i - 1] <= 'z'))
				i++;
			m = cd_date_month(s + w, i - w);
			if (m && date_at_month(s, len, w, i - w, m, iso))
				return true;
			continue;
		}
		if (start && cd_text_digit(c) && date_numeric(s, len, i, iso))
			return true;
		i++;
	}
	return false;
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
