/*
 * page.h - is it a web page?  File names, content sniffing (the WHATWG
 * MIME Sniffing standard's HTML patterns) and HTTP content types, for
 * copydesk-split's page records (input.h).
 */
#ifndef CD_PAGE_H
#define CD_PAGE_H

#include <stdbool.h>
#include <stddef.h>

/* Does name end in .html, .htm or .xhtml (ignoring case), also followed
 * by .gz? */
bool cd_page_html_name(const char *name);

/* Does p[0..len) start like HTML: after an optional UTF-8 BOM and white
 * space, "<!DOCTYPE HTML", "<html", "<head", "<body", "<p", "<div",
 * "<!--" ... followed by a space or ">" (the MIME Sniffing standard)? */
bool cd_page_sniff(const void *p, size_t len);

/* Is the Content-Type value s[0..len) text/html or application/xhtml+xml
 * (parameters ignored)? */
bool cd_page_html_type(const char *s, size_t len);

#endif
