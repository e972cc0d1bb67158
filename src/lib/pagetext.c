/* pagetext.c - the texts of metadata candidates: white space folded,
 * bylines cut, names told from other text, character references decoded;
 * see pagemeta_int.h. */
#include <string.h>

#include <libxml/HTMLparser.h>

#include "date.h"
#include "pagemeta_int.h"
#include "text.h"

/* Write s[0..len) to d with runs of white space (and no-break spaces)
 * folded to one space; *sp says a space is pending, written only before
 * a later byte, and lead that one may open d.  d may be s: no more bytes
 * are written than read.  Returns the bytes written. */
static size_t fold_into(char *d, const char *s, size_t len, bool *sp,
			bool lead)
{
	size_t i, w = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_space(c) || (c == 0xc2 && i + 1 < len &&
				    (unsigned char)s[i + 1] == 0xa0)) {
			i += c == 0xc2;
			*sp = lead || w > 0;
			continue;
		}
		if (*sp)
			d[w++] = ' ';
		*sp = false;
		d[w++] = (char)c;
	}
	return w;
}

/* Append s[0..len) to b with white space folded; *sp says a space is
 * pending (none at the start). */
static void add_folded(struct cd_buf *b, const char *s, size_t len, bool *sp)
{
	cd_buf_grow(b, len + 1);
	b->len += fold_into(b->p + b->len, s, len, sp, b->len > 0);
	b->p[b->len] = '\0';
}

/* Set b to s[0..len) with white space folded and trimmed; s may be b->p
 * (folded in place). */
void cd_pm_set_folded(struct cd_buf *b, const char *s, size_t len)
{
	bool sp = false;

	if (s != b->p) {
		cd_buf_reset(b);
		cd_buf_grow(b, len);
	} else {
		cd_buf_grow(b, 0);	/* b->p may be NULL; never moves it */
	}
	b->len = fold_into(b->p, s, len, &sp, false);
	b->p[b->len] = '\0';
}
/* Set b to the visible text of element e, white space folded, at most
 * about max bytes (scripts and styles left out), read as flags say. */
void cd_pm_node_text(struct cd_buf *b, xmlNodePtr e, size_t max, int flags)
{
	xmlNodePtr n;
	bool sp = false, spaced = flags & NT_SPACED;

	cd_buf_reset(b);
	for (n = e->children; n && b->len <= max; ) {
		bool skip = name_is(n, "script") || name_is(n, "style") ||
			    name_is(n, "noscript") ||
			    ((flags & NT_NO_TIME) && name_is(n, "time"));

		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    n->content) {
			add_folded(b, (const char *)n->content,
				   strlen((const char *)n->content), &sp);
		} else if (n->type == XML_ELEMENT_NODE && !skip &&
			   (spaced || name_is(n, "br") || name_is(n, "p") ||
			    name_is(n, "div") || name_is(n, "li"))) {
			sp = b->len > 0;
		}
		n = next_node(n, e, skip);
	}
}

/* The value of attribute name of e into b (reset); false when absent. */
bool cd_pm_attr(xmlNodePtr e, const char *name, struct cd_buf *b)
{
	xmlChar *v = xmlGetProp(e, (const xmlChar *)name);

	if (!v)
		return false;
	cd_pm_set_folded(b, (const char *)v, strlen((const char *)v));
	xmlFree(v);
	return true;
}

/* True when s[0..len) looks like an address rather than a name. */
bool cd_pm_is_url(const char *s, size_t len)
{
	return cd_text_ifind(s, len, "://", 3) != (size_t)-1 ||
	       (len > 4 && cd_text_ieq(s, "www.", 4)) || (len > 0 && s[0] == '/');
}

/* Remove b[0..n) from the start of b, and the spaces after it. */
static void cut_head(struct cd_buf *b, size_t n)
{
	while (n < b->len && b->p[n] == ' ')
		n++;
	memmove(b->p, b->p + n, b->len - n + 1);
	b->len -= n;
}

/* The word (letters) that starts at s[i], its length in *n. */
static size_t word_at(const char *s, size_t len, size_t i, size_t *n)
{
	size_t j = i;

	while (j < len && (((unsigned char)s[j] | 0x20) >= 'a' &&
			   ((unsigned char)s[j] | 0x20) <= 'z'))
		j++;
	*n = j - i;
	return j;
}

/* True when the byline text goes on to something else at s[i]: a number,
 * a date, a separator, "Updated", "Reviewed by", ... */
static bool byline_stops(const char *s, size_t len, size_t i)
{
	static const char *const words[] = { "Updated", "Published", "Posted",
					     "Reviewed", "Edited", "Last",
					     "Fact", "Medically", NULL };
	size_t n, k, j = word_at(s, len, i, &n);

	unsigned char c = (unsigned char)s[i];

	if ((c >= '0' && c <= '9') || c == '|' || c == '(' || c == 0xc2 ||
	    c == 0xe2)
		return true;	/* a number, "|", "(", "·", "•", a dash */
	j += j < len && s[j] == '.';
	if (n && cd_date_month(s + i, n) && j + 1 < len && s[j] == ' ' &&
	    s[j + 1] >= '0' && s[j + 1] <= '9')
		return true;
	for (k = 0; words[k]; k++)
		if (n == strlen(words[k]) && memcmp(s + i, words[k], n) == 0)
			return true;
	return false;
}

/* True when w[0..n) names a day of the week, in full or cut to three. */
static bool day_name(const char *w, size_t n)
{
	static const char *const days[] = { "monday", "tuesday", "wednesday",
					    "thursday", "friday", "saturday",
					    "sunday", NULL };
	size_t i;

	for (i = 0; n >= 3 && days[i]; i++)
		if (n <= strlen(days[i]) && cd_text_ieq(w, days[i], n) &&
		    (n == 3 || n == strlen(days[i])))
			return true;
	return false;
}

/* True when element e holds a link whose text is s[0..len). */
static bool link_text(xmlNodePtr e, const char *s, size_t len)
{
	struct cd_buf t = CD_BUF_INIT;
	xmlNodePtr n;
	bool ok = false;

	for (n = e->children; n && !ok; n = next_node(n, e, false))
		if (name_is(n, "a")) {
			cd_pm_node_text(&t, n, 200, NT_SPACED);
			ok = t.len == len && memcmp(t.p, s, len) == 0;
		}
	cd_buf_release(&t);
	return ok;
}

/* True when the byline text s[0..len) of element e goes on at s[i] with
 * "on" before a date, a day or the end, or "in" before a section's link
 * or the end ("Ann Lee on May 3", "Ann Lee in <a>Travel</a>"), after
 * names: the text before it reads as names of two words or more
 * (cd_pm_name_like, strict).  "National Institute on Aging" goes on. */
static bool names_then(const char *s, size_t len, size_t i, xmlNodePtr e)
{
	const struct cd_buf head = { (char *)s, i - 1, 0 };
	size_t n, k = i + 3;

	word_at(s, i + 2, i, &n);
	if (n != 2 || (s[i + 2] != ' ' && s[i + 2]) || !memchr(s, ' ', i - 1))
		return false;
	if (memcmp(s + i, "on", 2) == 0) {
		if (k < len && !(s[k] >= '0' && s[k] <= '9')) {
			word_at(s, len, k, &n);
			if (!(n && cd_date_month(s + k, n)) && !day_name(s + k, n))
				return false;
		}
	} else if (memcmp(s + i, "in", 2) != 0 ||
		   (k < len && !link_text(e, s + k, len - k))) {
		return false;
	}
	return cd_pm_name_like(&head, true);
}

/* Cut a leading "By ", "Written by", "Author:" (any case) and what
 * follows the names (a date, "| 5 min read"; for the text of element e,
 * not NULL for a meta tag's, "on" a date or "in" a section) from a
 * byline. */
void cd_pm_cut_by(struct cd_buf *b, xmlNodePtr e)
{
	static const char *const heads[] = { "written by", "posted by",
					     "words by", "story by", "authored by",
					     "by", "author(s)", "authors", "author", "the author",
					     "contributors", "contributor", "article by",
					     NULL };
	size_t i, n;

	for (i = 0; heads[i]; i++) {
		n = strlen(heads[i]);
		/* "Author" and "Authors" only as a label: "Author: Ann";
		 * "Article by Ann" and "Authored by Ann" as they come */
		if (b->len >= n && cd_text_ieq(b->p, heads[i], n) &&
		    (b->len == n || b->p[n] == ':' ||
		     (b->p[n] == ' ' &&
		      (heads[i][0] != 'a' || strchr(heads[i], ' '))))) {
			cut_head(b, n + (b->p[n] == ':'));
			break;
		}
	}
	for (i = 1; i < b->len; i++)
		if (b->p[i - 1] == ' ' && (byline_stops(b->p, b->len, i) ||
					   (e && names_then(b->p, b->len, i, e)))) {
			b->p[b->len = i] = '\0';
			break;
		}
	while (b->len > 0 && strchr(" ,|-:", b->p[b->len - 1]))
		b->p[--b->len] = '\0';
}

/* True when w[0..n) is a verb that opens a link or button's text
 * ("Learn more", "View profile", "Read all posts"), not a name. */
static bool ui_verb(const char *w, size_t n)
{
	static const char *const verbs[] = { "learn", "view", "read", "see",
					     "visit", "follow", "contact",
					     "more", "click", "subscribe" };

	return cd_text_word_in(w, n, verbs, sizeof(verbs) / sizeof(*verbs));
}

/* True when b reads as names: letters, no code or address, at most
 * about 100 bytes; when strict, at most 8 words, each capitalised but
 * for particles ("and", "de", "van"). */
bool cd_pm_name_like(const struct cd_buf *b, bool strict)
{
	static const char *const small[] = { "and", "de", "van", "von", "da",
					     "del", "der", "la", "le", "di",
					     "du", "bin", "al", "y", NULL };
	size_t i, n, k, words = 0;
	bool letter = false;

	if (b->len == 0 || b->len > 100 || cd_pm_is_url(b->p, b->len) ||
	    (b->p[0] >= '0' && b->p[0] <= '9'))
		return false;
	word_at(b->p, b->len, 0, &n);
	if (cd_date_month(b->p, n) || day_name(b->p, n) || ui_verb(b->p, n))
		return false;	/* "May 3" is a date, "Sat" a day, "Learn
				 * More" a button */
	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->p[i];

		letter |= ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0xc3;
		if (strchr("{}@=<>;", c) && c)
			return false;
	}
	if (!letter || !strict)
		return letter;
	for (i = 0; i < b->len; i++) {
		if (i > 0 && b->p[i - 1] != ' ')
			continue;
		words++;
		word_at(b->p, b->len, i, &n);
		if (n == 0 || (b->p[i] >= 'A' && b->p[i] <= 'Z'))
			continue;
		for (k = 0; small[k]; k++)
			if (n == strlen(small[k]) && memcmp(b->p + i, small[k], n) == 0)
				break;
		if (!small[k])
			return false;
	}
	return words <= 8;
}

/* Store text t in slot b unless b is already filled or t is empty or too
 * long. */
void cd_pm_offer(struct cd_buf *b, const struct cd_buf *t)
{
	if (b->len == 0 && t->len > 0 && t->len <= CD_META_MAX)
		cd_buf_add(b, t->p, t->len);
}

/* Store the day read from s[0..len) in slot iso unless it is filled. */
void cd_pm_offer_date(char iso[11], const char *s, size_t len)
{
	size_t i = 0;

	if (iso[0])
		return;
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	if (!cd_date_iso(s + i, len - i, iso) && !cd_date_find(s, len, iso))
		iso[0] = '\0';
}

/* Decode the character references left in b ("&#8217;", "&amp;"): JSON-LD
 * and double-escaped attributes carry them. */
void cd_pm_decode_refs(struct cd_buf *b)
{
	struct cd_buf out = CD_BUF_INIT;
	size_t i, j;

	if (!memchr(b->p ? b->p : "", '&', b->len))
		return;
	for (i = 0; i < b->len; i++) {
		const htmlEntityDesc *e = NULL;
		unsigned long cp = 0;
		char name[12];

		j = i + 1;
		if (b->p[i] == '&' && j < b->len && b->p[j] == '#') {
			bool hex = ++j < b->len && (b->p[j] == 'x' || b->p[j] == 'X');

			for (j += hex; j < b->len && j - i < 10 &&
			     strchr(hex ? "0123456789abcdefABCDEF" : "0123456789",
				    b->p[j]) && b->p[j]; j++)
				cp = cp * (hex ? 16 : 10) +
				     (unsigned long)(b->p[j] <= '9' ? b->p[j] - '0' :
						     (b->p[j] | 0x20) - 'a' + 10);
		} else if (b->p[i] == '&') {
			while (j < b->len && j - i < 11 &&
			       ((b->p[j] | 0x20) >= 'a' && (b->p[j] | 0x20) <= 'z'))
				j++;
			memcpy(name, b->p + i + 1, j - i - 1);
			name[j - i - 1] = '\0';
			if ((e = htmlEntityLookup((const xmlChar *)name)))
				cp = e->value;
		}
		if (cp > 0 && cp < 0x110000 && (cp < 0xd800 || cp > 0xdfff) &&
		    j < b->len && b->p[j] == ';') {
			cd_buf_add_utf8(&out, (uint32_t)cp);
			i = j;
		} else {
			cd_buf_addc(&out, b->p[i]);
		}
	}
	cd_buf_reset(b);
	cd_buf_add(b, out.p, out.len);
	cd_buf_release(&out);
}
