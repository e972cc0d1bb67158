/* page.c - telling web pages apart; see page.h. */
#include <string.h>

#include "page.h"
#include "text.h"

bool cd_page_html_name(const char *name)
{
	size_t len = strlen(name);

	if (cd_text_iends(name, len, ".gz"))
		len -= 3;
	return cd_text_iends(name, len, ".html") ||
	       cd_text_iends(name, len, ".htm") ||
	       cd_text_iends(name, len, ".xhtml");
}

/* The MIME Sniffing standard's HTML patterns, each followed by a
 * tag-terminating byte. */
static const char *const patterns[] = {
	"<!doctype html", "<html", "<head", "<script", "<iframe", "<h1",
	"<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body",
	"<br", "<p", "<!--",
};

/* Is c a white space byte of the sniffing standard? */
static bool ws(unsigned char c)
{
	return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

bool cd_page_sniff(const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i = 0, k;

	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < len && ws(p[i]))
		i++;
	for (k = 0; k < sizeof(patterns) / sizeof(patterns[0]); k++) {
		size_t n = strlen(patterns[k]);

		if (len - i > n && cd_text_ieq((const char *)p + i, patterns[k], n) &&
		    (p[i + n] == ' ' || p[i + n] == '>'))
			return true;
	}
	return false;
}

bool cd_page_html_type(const char *s, size_t len)
{
	const char *semi = memchr(s, ';', len);

	if (semi)
		len = (size_t)(semi - s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	return (len == 9 && cd_text_ieq(s, "text/html", 9)) ||
	       (len == 21 && cd_text_ieq(s, "application/xhtml+xml", 21));
}
