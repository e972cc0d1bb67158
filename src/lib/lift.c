/* lift.c - the metadata lifted from around an article's body: the
 * dateline and its date, the byline, the title and its repeats; see
 * boiler.h and boiler_int.h. */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "boiler_int.h"
#include "bytes.h"
#include "date.h"
#include "text.h"
#include "utf8.h"

/* The words a dateline may hold besides the date and time. */
static bool date_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat",
		"sun", "am", "pm", "a.m", "p.m", "et", "est", "edt", "gmt",
		"utc", "bst", "cet", "pt", "pst", "pdt", "updated", "published",
		"posted", "on", "at", "last", "modified"
	};

	return cd_text_word_in(w, n, words, sizeof(words) / sizeof(words[0]));
}

/* The number of words in s[0..len) that are neither numbers, month names,
 * date_word()s nor an ordinal's ending glued to its number ("1st",
 * "12th"), counted up to max + 1 (the callers ask whether there are more
 * than max). */
static size_t other_words(const char *s, size_t len, size_t max)
{
	size_t i = 0, n = 0, w;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
			i++;
			continue;
		}
		w = i;
		while (i < len && (((unsigned char)s[i] | 0x20) >= 'a' &&
				   ((unsigned char)s[i] | 0x20) <= 'z'))
			i++;
		if (!(w > 0 && cd_text_digit((unsigned char)s[w - 1])) &&
		    !date_word(s + w, i - w) && !cd_date_month(s + w, i - w) &&
		    ++n > max)
			break;
	}
	return n;
}

/* True when s[0..len) opens with the word "By" of a byline: "By " or
 * "By:" (ASCII case ignored), or "By" glued to a capitalised name as a
 * dump joins a label to its link ("ByAnn Lee"). */
static bool by_opens(const char *s, size_t len)
{
	return len > 3 && (s[0] | 0x20) == 'b' && (s[1] | 0x20) == 'y' &&
	       (s[2] == ' ' || s[2] == ':' ||
		(s[0] == 'B' && s[1] == 'y' && s[2] >= 'A' &&
				s[2] <= 'Z' && s[3] >= 'a' && s[3] <= 'z'));
}

/* True when unit u (text s) is a dateline; its date, if any, goes to iso
 * (else iso[0] is NUL).  A line opening with "By " is a byline that may
 * carry the date ("By Ann Lee | Updated on 05-Dec-2025"). */
static bool is_dateline(const struct cd_unit *u, const char *s, char iso[11])
{
	iso[0] = '\0';
	if (u->chars > 80 || u->cls == CD_U_GOOD ||
	    cd_bl_ends_sentence(s, u->len) || by_opens(s, u->len))
		return false;
	if (!cd_date_find(s, u->len, iso) && !cd_date_has_time(s, u->len))
		return false;
	if (other_words(s, u->len, 3) <= 3)
		return true;
	iso[0] = '\0';
	return false;
}

/* True when s[0..len) holds one of the words of a staff byline
 * ("staff", "writer", "correspondent", "reporter"; ASCII case ignored) as
 * a word: after a space or at the start, before a space, a comma or the
 * end.  Each word start is read once. */
static bool staff_word(const char *s, size_t len)
{
	static const char *const words[] = {
		"staff", "writer", "correspondent", "reporter"
	};
	size_t at = 0, n;

	while (at < len) {
		n = cd_b16_find2(s + at, len - at, ' ', ',');
		if (cd_text_word_in(s + at, n, words,
				    sizeof(words) / sizeof(words[0])))
			return true;
		at += n;
		at += cd_b16_find(s + at, len - at, ' ') + 1;
	}
	return false;
}

/* The length of the credit words that open s[0..len) ("By", "Written
 * by", "Reviewed by", "Fact checked by", ...; ASCII case ignored) when
 * a space, a colon or the end follows them, or "By" glued to a name
 * (by_opens) whose next word opens with a capital too ("ByAnn Lee";
 * not "ByHeart expands", a brand), else 0; *writer set when
 * they name the article's writer ("By", "Written by", "Posted by",
 * "Words by"), not someone else ("Reviewed by", "Edited by"). */
static size_t by_line(const char *s, size_t len, bool *writer)
{
	static const struct {
		const char *w;
		size_t n;
		bool writer;
	} heads[] = { { "by", 2, true }, { "written by", 10, true },
		      { "reviewed by", 11, false },
		      { "fact checked by", 15, false },
		      { "posted by", 9, true }, { "edited by", 9, false },
		      { "words by", 8, true }, { "author", 6, true } };
	unsigned char c;
	size_t i, n;

	*writer = false;
	if (len < 2)
		return 0;
	if (by_opens(s, len) && s[2] != ' ') {	/* "ByAnn Lee" */
		for (i = 2; i < len && s[i] != ' '; i++)
			;
		if (i + 1 >= len || !(s[i + 1] >= 'A' && s[i + 1] <= 'Z'))
			return 0;	/* "ByHeart expands": a brand */
		*writer = true;
		return 2;
	}
	c = cd_text_lower((unsigned char)s[0]);
	if (c != 'b' && c != 'w' && c != 'r' && c != 'f' && c != 'p' &&
	    c != 'e' && c != 'a')
		return 0;	/* no head starts so: most lines */
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		n = heads[i].n;
		if (c == (unsigned char)heads[i].w[0] && len >= n &&
		    cd_text_ieq(s, heads[i].w, n) &&
		    (len == n || s[n] == ' ' || s[n] == ':')) {
			*writer = heads[i].writer;
			return n;
		}
	}
	return 0;
}

/* True when a mark that parts a byline's names from what follows them
 * stands at s[k] of s[0..len): '|', '/', a dash set apart by spaces
 * (" - ", an en or em dash), a bullet U+2022, a middle dot U+00B7 or a
 * dot operator U+22C5 ("Ann Lee | May 3, 2025", "Ann Lee / Writer"). */
static bool mark_at(const char *s, size_t len, size_t k)
{
	const unsigned char *p = (const unsigned char *)s + k;

	if (*p == '|' || *p == '/')
		return true;
	if (*p == '-')
		return k > 0 && k + 1 < len && p[-1] == ' ' && p[1] == ' ';
	if (*p == 0xC2)
		return k + 1 < len && p[1] == 0xB7;
	return *p == 0xE2 && k + 2 < len &&
	       ((p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94 ||
				  p[2] == 0xA2)) ||
		(p[1] == 0x8B && p[2] == 0x85));
}

/* True when a mark (mark_at) stands in the 40 bytes of s[0..len) from
 * k. */
static bool mark_after(const char *s, size_t len, size_t k)
{
	size_t end = k + 40 < len ? k + 40 : len;

	for (; k < end; k++)
		if (mark_at(s, len, k))
			return true;
	return false;
}

static bool by_writer(const struct cd_unit *u, const char *s);

/* True when what follows a writer's head that ends at s[k] (by_line),
 * past spaces and a colon, opens with no small letter ("By Ann Lee",
 * "By: Ann Lee"; not "By submitting"). */
static bool by_name_at(const char *s, size_t len, size_t k)
{
	while (k < len && (s[k] == ' ' || s[k] == ':'))
		k++;
	return k < len && !(s[k] >= 'a' && s[k] <= 'z');
}

/* True when unit u (text s) is a byline: "By Darryl Coote", "Written
 * by Ann Lee", "OAN Staff Blake Wolf", "Tom Krisher, AP Auto Writer";
 * a list item and a line of more than 80 characters or 10 words only as
 * by_writer() says ("* By Ann Lee", "By Ann Lee - Updated May 3, 2025 at
 * 1:00 PM EST | Fact-checked by Tom Ray"). */
static bool is_byline(const struct cd_unit *u, const char *s)
{
	size_t k;
	bool writer;

	if (u->cls == CD_U_GOOD)
		return false;
	if (u->bullet || u->chars > 80 || u->words > 10)
		return by_writer(u, s);
	if (u->words < 2)
		return false;
	if ((k = by_line(s, u->len, &writer)) > 0 && k < u->len)
		return writer && by_name_at(s, u->len, k);
	if (cd_bl_ends_sentence(s, u->len) || !(s[0] >= 'A' && s[0] <= 'Z'))
		return false;
	return staff_word(s, u->len);
}

/* True when w[0..n) is a word common in a page's labels and sections
 * ("Share This Story", "World News", "Most Popular") and no part of a
 * person's name. */
static bool label_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"share", "this", "story", "stories", "news", "read", "more",
		"most", "related", "popular", "latest", "sign", "subscribe",
		"follow", "comments", "comment", "home", "contact", "about",
		"us", "our", "the", "of", "and", "for", "to", "in", "on",
		"with", "top", "video", "videos", "photos", "world", "sports",
		"business", "opinion", "print", "email", "up", "log", "login",
		"menu", "search", "trending", "recommended", "editor",
		"editors", "advertisement", "live", "updates", "breaking",
		"newsletter", "you", "also", "view", "all", "back", "next",
		"previous", "local", "weather", "today", "headlines"
	};

	return cd_text_word_in(w, n, words, sizeof(words) / sizeof(words[0]));
}

/* True when w[0..n) is a word of a place's name and no part of a
 * person's: one that opens it when head ("Lake Michigan", "New York",
 * "Fort Worth", "San Diego"), else one that ends it ("Hudson River",
 * "Cook County"). */
static bool place_word(const char *w, size_t n, bool head)
{
	static const char *const heads[] = {
		"lake", "mount", "mt.", "fort", "port", "cape", "isle",
		"san", "santa", "los", "las", "new", "st.", "saint", "north",
		"south", "east", "west", "upper", "lower", "greater", "gulf"
	};
	static const char *const tails[] = {
		"river", "county", "valley", "island", "islands",
		"beach", "creek", "canyon", "falls", "harbor", "harbour",
		"street", "avenue", "road", "square", "city", "springs",
		"heights", "ocean", "sea", "coast", "province", "district"
	};

	return head ? cd_text_word_in(w, n, heads, sizeof(heads) /
				       sizeof(heads[0]))
		    : cd_text_word_in(w, n, tails, sizeof(tails) /
				       sizeof(tails[0]));
}

/* True when w[0..n) ends the name of a news outlet and no person's
 * ("Chicago Tribune", "Washington Post", "Daily Herald"). */
static bool outlet_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"tribune", "times", "post", "press", "journal", "herald",
		"gazette", "chronicle", "telegraph", "observer", "courier",
		"examiner", "inquirer", "dispatch", "sentinel", "bulletin",
		"magazine", "daily", "weekly", "radio", "tv", "register"
	};

	return cd_text_word_in(w, n, words, sizeof(words) / sizeof(words[0]));
}

/* True when the word w[0..n) ends in a possessive "'s" or "’s"
 * ("Lee's"): a name in a sentence, not a byline's. */
static bool possessive(const char *w, size_t n)
{
	return n > 2 && (w[n - 1] | 0x20) == 's' &&
	       (w[n - 2] == '\'' ||
		(n > 4 && memcmp(w + n - 4, "\xE2\x80\x99", 3) == 0));
}

/* True when s[0..len) holds only capitalised names, commas and an "and"
 * or "&" before the last name (", Tom Ray, Bo Li and Al Fox"): a list
 * of writers, not of a site's sections ("In Budget Travel, Travel
 * Tips"). */
static bool names_list(const char *s, size_t len)
{
	size_t i = 0, w;
	bool and = false, amp;

	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == ','))
			i++;
		for (w = i; i < len && s[i] != ' ' && s[i] != ','; i++)
			;
		amp = (i - w == 1 && s[w] == '&') ||
		      (i - w == 3 && cd_text_ieq(s + w, "and", 3));
		if (i > w && !amp && !(s[w] >= 'A' && s[w] <= 'Z'))
			return false;
		and = and || amp;
	}
	return and;
}

/* True when unit u (text s) names the article's writer after a head
 * and is so a byline wherever it stands among the body's first lines
 * (under a standfirst, a picture, a teaser line the body began with):
 * the writer's head and two capitalised words ("by Ann Lee", "Written
 * by: Ann Lee, Analyst", a list item "* By Ann Lee - May 3"); "By Role",
 * "By submitting this form" are not, nor a sentence opening so: a line
 * that ends one ("By Christmas Eve, the shops were empty."; a colon
 * ends a label: "Written by: Ann Lee Editor Verified:"), a word of
 * the two in the possessive ("By Ann Lee's count"), a comma after them
 * and a lowercase word but "and" or a staff_word() ("By Christmas Eve,
 * the shops"; "By Ann Lee, staff writer" is a byline), nor a place's
 * name ("May 3, 2025 by Lake Michigan": place_word()).  A line of more
 * than 80 characters (160 at most) or 10 words is one when a mark parts
 * the names from what follows (mark_after: "By Ann Lee - Updated May 3, 2025 at
 * 1:00 PM EST | Fact-checked by Tom Ray") or a date follows them ("By
 * Ann Lee Senior Editor and Garden Writer of the Weekly Post May 3,
 * 2025"), or only more names follow (names_list: "By Ann Lee, Tom Ray,
 * Bo Li, Al Fox and Jo Kim"). */
static bool by_writer(const struct cd_unit *u, const char *s)
{
	size_t b = cd_bl_bullet_len(s, u->len), n = u->len - b, k, w, caps = 0;
	bool writer;
	char iso[11];

	s += b;
	if (u->chars > 160 || u->cls == CD_U_GOOD ||
	    (cd_bl_ends_sentence(s, n) && s[n - 1] != ':') ||
	    (k = by_line(s, n, &writer)) == 0 || !writer)
		return false;
	while (caps < 2 && k < n) {
		while (k < n && (s[k] == ' ' || s[k] == ':'))
			k++;
		if (k == n || !(s[k] >= 'A' && s[k] <= 'Z'))
			break;
		caps++;
		for (w = k; k < n && s[k] != ' ' && s[k] != ','; k++)
			;
		if (possessive(s + w, k - w) ||
		    place_word(s + w, k - w, caps == 1))
			return false;
	}
	if (caps < 2 || ((u->chars > 80 || u->words > 10) &&
			 !names_list(s + k, n - k) && !mark_after(s, n, k) &&
			 !cd_date_find(s + k, n - k, iso)))
		return false;
	if (k + 2 < n && s[k] == ',' && s[k + 1] == ' ' &&
	    s[k + 2] >= 'a' && s[k + 2] <= 'z')
		return (n - k - 2 >= 4 && cd_text_ieq(s + k + 2, "and ", 4)) ||
		       staff_word(s + k + 2, n - k - 2);
	return true;
}

/* True when unit u (text s) is only a person's name ("Ann Lee", "Mary
 * J. O'Hara-Lee"): two to four words of letters (and ". ' -"), each
 * opening with a capital and none a label_word(), at most 40
 * characters; not a place's or an outlet's ("New York", "Cook County",
 * "Chicago Tribune": place_word(), outlet_word()), nor a line opening
 * with "By" ("By Role", an item of a menu of filters: by_menu). */
static bool name_only(const struct cd_unit *u, const char *s)
{
	size_t i, n, last = 0, words = 0;

	if (u->chars > 40 || u->len > 60 || u->cls == CD_U_GOOD || u->bullet ||
	    by_opens(s, u->len))
		return false;
	for (i = 0; i < u->len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i == 0 || s[i - 1] == ' ') {
			if (!(c >= 'A' && c <= 'Z'))
				return false;
			for (n = 0; i + n < u->len && s[i + n] != ' '; n++)
				;
			if (label_word(s + i, n) ||
			    (i == 0 && place_word(s, n, true)))
				return false;
			last = i;
			words++;
		} else if (!(cd_text_alpha(c) || c == '.' || c == '\'' ||
			     c == '-' || c == ' ' || c >= 0x80)) {
			return false;
		}
	}
	return words >= 2 && words <= 4 &&
	       !place_word(s + last, u->len - last, false) &&
	       !outlet_word(s + last, u->len - last);
}

/* True when unit u (text s) could be a headline: a few words, no final
 * full stop or colon, not a list item, a rule match, a form (a field
 * drawn as "[ ]", "[Choose one ]" or "[____]") or a repeat of a longer
 * text. */
bool cd_bl_title_shape(const struct cd_unit *u, const char *s)
{
	size_t n;
	uint32_t last;

	if (u->cls == CD_U_BAD || u->why || u->bullet || u->chars > 200 ||
	    u->chars < 12 || (u->words < 4 && u->chars < 24 && u->words > 1))
		return false;
	n = u->len;
	while (n > 1 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
		n--;
	last = cd_utf8_decode(s + n - 1, u->len - n + 1, &n);
	return last != '.' && last != ':' && last != ',' && last != ';' &&
	       !(memchr(s, '[', u->len) && (memmem(s, u->len, " ]", 2) ||
					    memmem(s, u->len, "[_", 2)));
}

/* True when unit u (text s) repeats the title t[0..tlen): the same words,
 * or the title inside a slightly longer line ("Opinion | Title"), or most
 * of the title. */
static bool title_repeat(const struct cd_unit *u, const char *s,
			 const char *t, size_t tlen, uint64_t th)
{
	if (u->hash == th)
		return true;
	if (u->len >= tlen && u->len <= tlen + 40)
		return cd_text_ifind(s, u->len, t, tlen) != (size_t)-1;
	if (u->len < tlen && 5 * u->len >= 4 * tlen)
		return cd_text_ifind(t, tlen, s, u->len) != (size_t)-1;
	return false;
}

/* True when s[0..len) starts as a numbered section: "1. ", "12) ". */
static bool numbered(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && i < 3 && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && i + 1 < len && (s[i] == '.' || s[i] == ')') &&
	       s[i + 1] == ' ';
}

/* True when unit i (text s) is metadata beside a headline: a dateline,
 * a byline, a short line with a date or "min read". */
static bool meta_near(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i];
	const char *s = d->norm.p + u->off;
	char iso[11];
	bool writer;

	if (u->chars > 120 || u->cls == CD_U_GOOD)
		return false;
	return is_byline(u, s) || by_line(s, u->len, &writer) ||
	       cd_date_find(s, u->len, iso) ||
	       cd_text_ifind(s, u->len, " min read", 9) != (size_t)-1 ||
	       cd_text_ifind(s, u->len, "updated", 7) != (size_t)-1;
}

/* True when the text of unit i recurs in the units before or right after
 * it: the page repeats its headline ("Home > Blog > Title", an image's
 * "Hero image for Title", the headline printed twice).  A line repeated
 * anywhere (u->dup) is more often a menu. */
static bool headline_repeated(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i], *v;
	size_t j = i > 30 ? i - 30 : 0;

	if (i + 1 < d->nu && d->u[i + 1].hash == u->hash)
		return true;
	for (; j < i; j++) {
		const char *vs = d->norm.p + d->u[j].off;
		size_t at;

		v = &d->u[j];
		if (v->len <= u->len || v->len > u->len + 200)
			continue;
		at = cd_text_ifind(vs, v->len, d->norm.p + u->off, u->len);
		/* inside a line for a long headline, at its end for any */
		if (at != (size_t)-1 && (u->words >= 4 || at + u->len == v->len))
			return true;
	}
	return false;
}

/* True when words are glued as a dumped menu glues its links: a lower-
 * case letter right before a capital ("Sign inGet a demo"), twice, or
 * once in a line of few words. */
static bool glued(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 1; i < len; i++)
		n += s[i - 1] >= 'a' && s[i - 1] <= 'z' && s[i] >= 'A' &&
		     s[i] <= 'Z' && (i < 2 || s[i - 2] != ' ');
	return n >= 2 || (n == 1 && len < 40);
}


/* The weights of headline_score(): the units looked at before the body,
 * the cost of each unit away from the body, the bonus of a title-cased
 * line, the cost of a line right under a headline-shaped one and its
 * more when only that one is title-cased, the bonus of a line whose
 * words the body uses (all of them), of metadata on the very next
 * line. */
enum { HL_WINDOW = 50, HL_DIST = 1, HL_TITLE_CASE = 8, HL_STANDFIRST = 12,
       HL_UNDER_TITLE = 15, HL_OVERLAP = 80, HL_NEXT_META = 10, HL_HEAD = 40 };

/* True when s[0..n) holds no small ASCII letter ("BY COMPANY TYPE"). */
static bool no_small(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n && !(s[k] >= 'a' && s[k] <= 'z'); k++)
		;
	return k == n;
}

/* True when most words of four letters or more start with a capital
 * ("Brains Are Not Required When It Comes to Thinking"). */
static bool title_case(const char *s, size_t len)
{
	size_t i = 0, j, cap = 0, n = 0;

	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		for (j = i; j < len && s[j] != ' '; j++)
			;
		if (j - i >= 4) {
			n++;
			cap += s[i] >= 'A' && s[i] <= 'Z';
		}
		i = j;
	}
	return n >= 2 && cap * 10 >= n * 7;
}

/* True when s[0..len) is a trail of links: two separators or more
 * ("Home > Tech > Laptops", "Blog / Topics / Marketing"). */
static bool breadcrumb(const char *s, size_t len)
{
	static const char *const seps[] = { " > ", " / ", " \xc2\xbb ",
					    " \xe2\x80\xba ", " /", NULL };
	size_t i, n = 0, at, from;

	if (!memchr(s, '>', len) && !memchr(s, '/', len) &&
	    !memchr(s, 0xC2, len) && !memchr(s, 0xE2, len))
		return false;	/* no byte that ends or starts a separator */
	for (i = 0; seps[i]; i++)
		for (from = 0; from < len &&
		     (at = cd_text_ifind(s + from, len - from, seps[i],
					 strlen(seps[i]))) != (size_t)-1;
		     from += at + 1)
			n++;
	return n >= 2;
}

/* A letter of a word for body_overlap(): ASCII letters and any byte of a
 * multibyte character. */
static bool word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (unsigned char)c >= 0x80;
}

/* The share (0 to 100) of the words of four letters or more in s[0..len)
 * that the start of the body from unit from (its first 2,000 bytes) uses
 * too: a headline announces what follows, a menu or another story's
 * caption does not. */
static long body_overlap(const struct cd_boiler_doc *d, size_t from,
			 const char *s, size_t len)
{
	const struct cd_unit *a, *z;
	size_t blen, i = 0, j, n = 0, hit = 0;

	if (from >= d->hi)
		return 0;
	a = &d->u[from];
	z = &d->u[d->hi - 1];
	blen = z->off + z->len - a->off;
	if (blen > 2000)
		blen = 2000;
	while (i < len) {
		while (i < len && !word_byte(s[i]))
			i++;
		for (j = i; j < len && word_byte(s[j]); j++)
			;
		if (j - i >= 4) {
			n++;
			hit += cd_text_ifind(d->norm.p + a->off, blen, s + i,
					     j - i) != (size_t)-1;
		}
		i = j;
	}
	return n ? (long)(hit * 100 / n) : 0;
}

/* meta_near() of the units around the body's start, each worked out
 * once: headline_score() asks it of up to six neighbours of each of the
 * HL_WINDOW candidates. */
struct near_memo {
	size_t base;			/* the unit of v[0] */
	signed char v[HL_WINDOW + 8];	/* -1: not known yet */
};

/* meta_near(d, i) through memo m. */
static bool near_memo(const struct cd_boiler_doc *d, struct near_memo *m,
		      size_t i)
{
	size_t k = i - m->base;

	if (i < m->base || k >= sizeof(m->v))
		return meta_near(d, i);
	if (m->v[k] < 0)
		m->v[k] = meta_near(d, i);
	return m->v[k];
}

/* How much unit i (text s) reads as the headline of a body starting at
 * unit lo: metadata next to it, repeated by the page, several words,
 * close to the body; LONG_MIN when it cannot be one.  m holds meta_near
 * of the units around. */
static long headline_score(const struct cd_boiler_doc *d, size_t i,
			   struct near_memo *m)
{
	const struct cd_unit *u = &d->u[i];
	const char *s = d->norm.p + u->off;
	struct cd_unit t = *u;
	size_t j, lo = d->lo;
	long sc = u->why ? -20 : 0;
	bool meta = false, rep, tc;

	t.why = NULL;	/* a block rule may have taken the article's head */
	if (!cd_bl_title_shape(&t, s) || (s[0] >= 'a' && s[0] <= 'z') ||
	    numbered(s, u->len) || is_byline(u, s) || breadcrumb(s, u->len) ||
	    near_memo(d, m, i))
		return LONG_MIN;
	for (j = i + 1; j < d->nu && j <= i + 4 && !meta; j++)
		meta = near_memo(d, m, j);
	meta |= i > 0 && near_memo(d, m, i - 1);
	rep = headline_repeated(d, i);
	tc = title_case(s, u->len);
	/* the body's first unit is scored against what follows it */
	sc += HL_OVERLAP * body_overlap(d, i < lo ? lo : i + 1, s, u->len) /
		      100 +
	      (i + 1 < d->nu && near_memo(d, m, i + 1) ? HL_NEXT_META : 0);
	sc += (meta ? 40 : 0) + (rep ? 40 : 0) + (u->words >= 5 ? 10 : 0) +
	      (u->words >= 7 ? 5 : 0) + (tc ? HL_TITLE_CASE : 0) -
	      (glued(s, u->len) ? 20 : 0) + (u->head ? HL_HEAD : 0);
	if (i > 0 && d->u[i - 1].words >= 4 &&
	    cd_bl_title_shape(&d->u[i - 1], d->norm.p + d->u[i - 1].off) &&
	    !glued(d->norm.p + d->u[i - 1].off, d->u[i - 1].len))
		/* a standfirst under its headline, surely so when only the
		 * line above is title-cased */
		sc -= HL_STANDFIRST +
		      (!tc &&
		       title_case(d->norm.p + d->u[i - 1].off, d->u[i - 1].len) ?
		       HL_UNDER_TITLE : 0);
	return sc - HL_DIST * (long)(lo - i);
}

/* True when unit u (text s) is a top heading as html2text marks one
 * ("****** Title ******"): the text between the marks into *in, *inlen. */
static bool top_heading(const struct cd_unit *u, const char *s, size_t *in,
			size_t *inlen)
{
	size_t k = cd_bl_heading_open(s, u->len);

	if (k != CD_BL_STARS_MAX || cd_bl_heading_close(s, u->len) != k ||
	    u->len < 2 * k + 3)
		return false;
	*in = k + 1;
	*inlen = u->len - 2 * k - 2;
	return true;
}

/* The unit of the first top heading among units [from, to), -1 for
 * none; the text of each is cut to what the marks enclose (the
 * normaliser leaves these marks for this). */
static long marked_title(struct cd_boiler_doc *d)
{
	size_t i, in, inlen;
	long first = -1;

	for (i = 0; i < d->nu; i++) {
		struct cd_unit *u = &d->u[i];

		if (u->len > 2 * CD_BL_STARS_MIN && u->len <= 400 &&
		    d->norm.p[u->off] == '*' &&
		    top_heading(u, d->norm.p + u->off, &in, &inlen)) {
			u->off += in;
			u->len = inlen;
			if (first < 0)
				first = (long)i;
		}
	}
	return first;
}

/* True when w[0..n) is a word that carries a headline on after a shorter
 * form of it ("... in New York", "... You Should Know", "... to Try"). */
static bool joining_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"in", "to", "for", "with", "and", "of", "on", "you", "your",
		"from", "after", "before", "without", "vs", "vs.", "that"
	};

	return cd_text_word_in(w, n, words, sizeof(words) / sizeof(words[0]));
}

/* True when s[0..len), the rest of a headline after its first words
 * (which end with last), goes on as a headline does: after a colon, a
 * question or exclamation mark, or with a joining_word(); not a
 * picture's label ("... Hero Image", "... Essential Basics 101") nor a
 * site's name ("... | Patient Education", "Is It Lost? - The Post") nor
 * an aside in brackets. */
static bool goes_on(char last, const char *s, size_t len)
{
	size_t i = 0, w;

	while (i < len && s[i] == ' ')
		i++;
	if (i < len && (s[i] == '(' || mark_at(s, len, i)))
		return false;
	if (last == '?' || last == '!' || last == ':')
		return true;
	if (i < len && (s[i] == ':' || s[i] == '?' || s[i] == '!'))
		return true;
	for (w = i; i < len && s[i] != ' '; i++)
		;
	return i < len && joining_word(s + w, i - w);
}

/* The unit among [from, best) that the headline best shortens: the
 * closest candidate (score in sc[i - from] not LONG_MIN) opening with
 * best's words and going on (goes_on: "How to Design a Website: a
 * Complete Guide" over a section's "How to Design a Website"), else
 * best.  The search stops at another story's headline in a rail,
 * above which a fuller form is another story's too: a candidate of four
 * words or more, two more than best's, not a sentence (punct,
 * CD_U_GOOD), that neither opens nor ends with best's words (a table
 * of contents' short entries and a breadcrumb let it go on). */
static size_t fuller_headline(const struct cd_boiler_doc *d, size_t from,
			      size_t best, const long *sc)
{
	const struct cd_unit *b = &d->u[best];
	const char *bs = d->norm.p + b->off;
	size_t i;

	for (i = best; i-- > from;) {
		const struct cd_unit *u = &d->u[i];
		const char *s = d->norm.p + u->off;
		bool opens;

		if (sc[i - from] == LONG_MIN)
			continue;
		opens = u->len >= b->len && cd_text_ieq(s, bs, b->len);
		if (opens && u->len > b->len + 1 && !word_byte(s[b->len]) &&
		    goes_on(bs[b->len - 1], s + b->len, u->len - b->len))
			return i;
		if (!opens && u->words >= 4 && u->words >= b->words + 2 &&
		    !u->punct && u->cls != CD_U_GOOD &&
		    !(u->len >= b->len &&
		      cd_text_ieq(s + u->len - b->len, bs, b->len)))
			break;
	}
	return best;
}

/* True when s[0..len), the part of a headline after a mark, may be a
 * site's or a section's name ("The Weekly Post", "Part 1"): it opens
 * with no joining_word() ("... - And Back") and holds no apostrophe
 * ("... - Here's Why"), no word in lower case ("... - Step by Step") and
 * no price ("... - Under $100"). */
static bool name_like(const char *s, size_t len)
{
	size_t i, w = len;

	for (i = 0; i < len && s[i] == ' '; i++)
		;
	if (i < len) {
		for (w = i; w < len && s[w] != ' '; w++)
			;
		if (joining_word(s + i, w - i))
			return false;
	}
	for (; i < len; i++) {
		const unsigned char *p = (const unsigned char *)s + i;

		if (*p == '\'' || (i + 2 < len && p[0] == 0xE2 &&
				    p[1] == 0x80 && p[2] == 0x99))
			return false;
		if ((i == 0 || s[i - 1] == ' ') &&
		    ((*p >= 'a' && *p <= 'z') || *p == '$' ||
		     (i + 1 < len && p[0] == 0xC2 && p[1] == 0xA3) ||
		     (i + 2 < len && p[0] == 0xE2 && p[1] == 0x82 &&
		      p[2] == 0xAC)))
			return false;
	}
	return true;
}

/* Cut a site's or a section's name off the end of headline u ("Ten
 * Rules for Planting Small Gardens | The Weekly Post", "... - Part 1"),
 * again while one is left ("... | News | The Weekly Post"), adding the
 * bytes cut to d->title_cut (--explain shows them): what follows the
 * last mark (mark_at) set apart by spaces when it is name_like(),
 * three words at most and the words before it are twice as many or
 * more, and not a number after a number ("... 24 - 17", "1998 -
 * 2008"). */
static void cut_name_tail(struct cd_boiler_doc *d, struct cd_unit *u)
{
	const char *s = d->norm.p + u->off;
	size_t k, ml, tail, head, w;
	bool high;

	for (k = u->len; k-- > 1;) {
		if (s[k - 1] != ' ' || !mark_at(s, u->len, k))
			continue;
		ml = (unsigned char)s[k] < 0x80 ? 1 :
		     (unsigned char)s[k] == 0xC2 ? 2 : 3;
		if (k + ml >= u->len || s[k + ml] != ' ')
			continue;
		for (w = k - 1; w > 0 && s[w - 1] != ' '; w--)
			;
		if (k + ml + 1 < u->len && cd_text_digit(s[k + ml + 1]) &&
		    cd_text_digit(s[w]))
			return;
		tail = cd_bl_count_words(s + k + ml, u->len - k - ml, &high);
		head = cd_bl_count_words(s, k - 1, &high);
		if (tail < 1 || tail > 3 || head < 2 * tail ||
		    !name_like(s + k + ml, u->len - k - ml))
			return;
		d->title_cut += u->len - (k - 1);
		u->len = k - 1;
		u->chars = (uint32_t)cd_text_chars(s, u->len);
		u->words = (uint32_t)head;
		k = u->len;
	}
}

/* True when the body's first unit may be its headline: title-cased, not
 * in capitals throughout (a heading's style) and no full paragraph
 * (CD_U_GOOD).  A headline that ends as a sentence ("Can the Library Be
 * Saved?", "... (with a Checklist!)") may open the body the search
 * found; a short first paragraph ("Ever wonder how it began?") is not
 * title-cased. */
static bool head_opens_body(const struct cd_boiler_doc *d)
{
	const struct cd_unit *u = &d->u[d->lo];

	return d->lo < d->hi && u->cls != CD_U_GOOD &&
	       title_case(d->norm.p + u->off, u->len) &&
	       !no_small(d->norm.p + u->off, u->len);
}

/* Choose the headline among the units around the start of the body (the
 * HL_WINDOW before it, and its first one when head_opens_body): the
 * first top heading the dumper marked as such, else the best
 * headline_score(), the closest to the body on a tie. */
static void find_title(struct cd_boiler_doc *d)
{
	size_t from = d->lo > HL_WINDOW ? d->lo - HL_WINDOW : 0, i;
	size_t to = d->lo + head_opens_body(d);
	long best = -1, bs = LONG_MIN, sc[HL_WINDOW + 1];
	struct near_memo m;

	if (!d->prose)
		return;
	if ((best = marked_title(d)) >= 0) {
		d->title = best;
		cd_bl_drop(d, (size_t)best, "title");
		cut_name_tail(d, &d->u[best]);
		return;
	}
	m.base = from > 0 ? from - 1 : 0;
	memset(m.v, -1, sizeof(m.v));
	for (i = from; i < to; i++)
		if ((sc[i - from] = headline_score(d, i, &m)) != LONG_MIN &&
		    sc[i - from] >= bs) {
			bs = sc[i - from];
			best = (long)i;
		}
	if (best >= 0)
		best = (long)fuller_headline(d, from, (size_t)best, sc);
	if (best >= 0) {
		/* the first copy is the one lifted */
		uint64_t h = d->u[best].hash;

		for (i = 0; i < (size_t)best; i++)
			if (d->u[i].hash == h) {
				best = (long)i;
				break;
			}
		d->title = best;
		cd_bl_drop(d, (size_t)best, "title");
		cut_name_tail(d, &d->u[best]);
	}
}

/* How surely s[0..len) opens with the words that announce an article's
 * date: 2 for "Posted on", "Published:", "Updated", "Last updated" and
 * the like, so a date in it is the article's even in a sentence; 1 for a
 * byline ("By Ann Lee - Updated ..."); 0 for none. */
static int date_cue(const char *s, size_t len)
{
	static const struct {
		const char *w;
		size_t n;
	} cues[] = {
		{ "posted ", 7 }, { "published", 9 }, { "updated", 7 },
		{ "last updated", 12 }, { "last modified", 13 },
		{ "originally published", 20 }, { "date:", 5 }
	};
	unsigned char a, b;
	size_t k;

	if (len < 4)
		return 0;
	a = cd_text_lower((unsigned char)s[0]);
	b = cd_text_lower((unsigned char)s[1]);
	if (by_opens(s, len))
		return 1;
	if (!((a == 'p' && (b == 'o' || b == 'u')) || (a == 'u' && b == 'p') ||
	      (a == 'l' && b == 'a') || (a == 'o' && b == 'r') ||
	      (a == 'd' && b == 'a')))
		return 0;	/* no cue starts so */
	for (k = 0; k < sizeof(cues) / sizeof(cues[0]); k++)
		if (cues[k].w[0] == a && len > cues[k].n &&
		    cd_text_ieq(s, cues[k].w, cues[k].n))
			return 2;
	return 0;
}

/* Units before the headline (or the body) and after the body searched
 * for a line that announces the date ("By Ann Lee - Updated May 6, 2025"
 * above a headline, "Published August 13, 2025" at the article's foot). */
#define CD_DATE_HEAD 30
#define CD_DATE_FOOT 20

/* Units after the body searched last for a line that is a date ("June 9,
 * 2020 · 6 Comments" under a post). */
#define CD_DATE_BELOW 12

/* Units after and before the headline (or the body's start) that
 * find_date() reads first for a date line. */
#define CD_DATE_AFTER 60
#define CD_DATE_BEFORE 10

/* True when unit i is one of those around unit at. */
static bool date_near(size_t at, size_t i)
{
	return i > at ? i - at <= CD_DATE_AFTER :
			i < at && at - i <= CD_DATE_BEFORE;
}

/* The bytes of a line opening with a date cue searched for its date:
 * the cue is the line's start and the date follows it ("Posted on May
 * 3, 2024 in News, Weather, ..." runs on). */
#define CD_DATE_CUED 200

/* True when unit u (text s) gives the date in iso: a line of at most 200
 * characters that is no sentence nor list item ("• [ May 3, 2025 ]
 * Another story" lists other articles), or only a date ("2025-12-19:",
 * "• May 3, 2025"); or the start of a line that opens with a sure date
 * cue. */
static bool date_unit(const struct cd_unit *u, const char *s, char iso[11])
{
	if (date_cue(s, u->len) == 2)
		return cd_date_find(s, u->len < CD_DATE_CUED ? u->len :
				    CD_DATE_CUED, iso);
	if (u->chars > 200 || u->cls == CD_U_GOOD)
		return false;
	if (u->punct || u->bullet)	/* the cheaper test first */
		return other_words(s, u->len, 0) == 0 &&
		       cd_date_find(s, u->len, iso);
	return cd_date_find(s, u->len, iso);
}

/* Set d->date to iso, read in order (see cd_date_find_order); a date
 * written in numbers that read both ways ("03/10/2023") takes the other
 * order when only that day is written elsewhere in the document in a
 * form that says its order ("3 October 2023"), or when the document's
 * other numeric dates show the other order ("10.24.2023"). */
static void set_date(struct cd_boiler_doc *d, const char iso[11], char order)
{
	char other[11], doc;

	memcpy(d->date, iso, sizeof(other));
	if (!order || !cd_date_swap(iso, other))
		return;
	if (cd_date_written(d->norm.p, d->norm.len, other)) {
		if (!cd_date_written(d->norm.p, d->norm.len, iso))
			memcpy(d->date, other, sizeof(other));
		return;
	}
	doc = cd_date_order(d->norm.p, d->norm.len);
	if (doc && doc != order && !cd_date_written(d->norm.p, d->norm.len, iso))
		memcpy(d->date, other, sizeof(other));
}

/* True when s[0..len) holds "riginally": most documents lack the word,
 * and this says so quicker than reading each line ("Originally" or
 * "originally"; capitals throughout are left unread).  Found from its
 * rarer pair "gi", sixteen bytes at a time. */
static bool says_originally(const char *s, size_t len)
{
	size_t i = 2, k;

	while (i + 7 <= len) {
		k = i + cd_b16_find_pair(s + i, len - i, 'g', 'i');
		if (k + 7 > len)
			return false;
		if (memcmp(s + k - 2, "riginally", 9) == 0)
			return true;
		i = k + 1;
	}
	return false;
}

/* The day a line of the document says the article was originally
 * published on ("This article was originally published on 26 Sep
 * 2019 and has been updated"), into iso: above any other date. */
static bool original_date(const struct cd_boiler_doc *d, char iso[11])
{
	size_t i;

	if (!says_originally(d->norm.p, d->norm.len))
		return false;
	for (i = 0; i < d->nu; i++)
		if (cd_date_original(d->norm.p + d->u[i].off, d->u[i].len, iso))
			return true;
	return false;
}

/* True when unit i opens the readers' comments under the body: an end
 * marker ("3 Comments", "Leave a reply", a comment's header) that is no
 * tail heading (the writer's box, sources, tags: the article's date may
 * follow those).  No date is read from it down. */
static bool comments_at(const struct cd_boiler_doc *d, size_t i)
{
	return i >= d->hi && d->u[i].end && !d->u[i].tail;
}

/* Set d->date from the first unit in [from, to) that opens with a date
 * cue and has a date; false when none has. */
static bool cued_date(struct cd_boiler_doc *d, size_t from, size_t to)
{
	size_t i;
	char iso[11];
	char order;

	for (i = from; i < to; i++) {
		const struct cd_unit *u = &d->u[i];
		const char *s = d->norm.p + u->off;

		if (date_cue(s, u->len) && cd_date_find_order(s, u->len <
		    CD_DATE_CUED ? u->len : CD_DATE_CUED, iso, &order)) {
			set_date(d, iso, order);
			return true;
		}
	}
	return false;
}

/* The date written nearest the headline (or the body's start) in a line
 * of at most 200 characters that is no sentence (or opens with a date
 * cue), when the document has none yet: up to 60 units after it and
 * above the readers' comments (comments_at; datelines sit under the
 * headline or at the article's foot) or 10 before; else the first line opening with a
 * date cue from CD_DATE_HEAD units before the headline or the body,
 * whichever comes first, to CD_DATE_FOOT after the body, else anywhere.
 * The line stays. */
static void find_date(struct cd_boiler_doc *d)
{
	size_t at = d->title >= 0 ? (size_t)d->title : d->lo, k, i, end, from;
	size_t below = at + 1;	/* the units below at: [at + 1, below) */
	char iso[11];
	char order;

	if (d->date[0])
		return;
	while (below < d->nu && below <= at + CD_DATE_AFTER &&
	       !comments_at(d, below))
		below++;
	for (k = 1; k <= CD_DATE_AFTER; k++) {
		int side;

		if (at + k >= below && (k > at || k > CD_DATE_BEFORE))
			break;	/* both sides are done */
		for (side = 0; side < 2; side++) {
			if (side == 0 ? at + k >= below :
			    k > at || k > CD_DATE_BEFORE)
				continue;
			i = side == 0 ? at + k : at - k;
			if (date_unit(&d->u[i], d->norm.p + d->u[i].off, iso)) {
				cd_date_find_order(d->norm.p + d->u[i].off,
						    d->u[i].len, iso, &order);
				set_date(d, iso, order);
				return;
			}
		}
	}
	end = d->hi + CD_DATE_FOOT < d->nu ? d->hi + CD_DATE_FOOT : d->nu;
	at = at < d->lo ? at : d->lo;
	from = at > CD_DATE_HEAD ? at - CD_DATE_HEAD : 0;
	/* then anywhere: the units outside [from, end), read once */
	if (!cued_date(d, from, end) && !cued_date(d, 0, from))
		cued_date(d, end, d->nu);
}

/* The date of the first line under the body, CD_DATE_BELOW units at
 * most and above the readers' comments (comments_at), that is a date
 * line as date_unit() says, else of the first line of the body that is
 * only a date.  Called after find_date() found none, so the units it
 * read near the headline are not read again. */
static void foot_date(struct cd_boiler_doc *d)
{
	size_t end = d->hi + CD_DATE_BELOW < d->nu ? d->hi + CD_DATE_BELOW :
		     d->nu, i;
	size_t at = d->title >= 0 ? (size_t)d->title : d->lo;
	char iso[11], order;

	for (i = d->hi; i < end && !comments_at(d, i); i++)
		if (!date_near(at, i) &&
		    date_unit(&d->u[i], d->norm.p + d->u[i].off, iso))
			goto found;
	for (i = d->lo; i < d->hi; i++)
		if (d->u[i].chars <= 40 &&
		    cd_date_find(d->norm.p + d->u[i].off, d->u[i].len, iso) &&
		    other_words(d->norm.p + d->u[i].off, d->u[i].len, 0) == 0)
			goto found;
	return;
found:
	cd_date_find_order(d->norm.p + d->u[i].off, d->u[i].len, iso, &order);
	set_date(d, iso, order);
}

/* The date of the first line that is_dateline() anywhere above the
 * readers' comments (comments_at): the last resort, when the body was
 * found away from the article's head (the dateline is looked for above
 * the body's first lines only) or the page writes its date far under
 * the article. */
static void any_date(struct cd_boiler_doc *d)
{
	size_t i;
	char iso[11], order;

	for (i = 0; i < d->nu; i++) {
		const struct cd_unit *u = &d->u[i];
		const char *s = d->norm.p + u->off;

		if (comments_at(d, i))
			break;
		if (is_dateline(u, s, iso) && iso[0]) {
			cd_date_find_order(s, u->len, iso, &order);
			set_date(d, iso, order);
			return;
		}
	}
}

/* True when unit i stands more than 10 units above the headline: a
 * date there is the site's (today's date in its banner), not the
 * article's, unless no date stands nearer. */
static bool far_above(const struct cd_boiler_doc *d, size_t i)
{
	return d->title >= 0 && i + 10 < (size_t)d->title;
}

/* Set d->date to the date of the dateline. */
static void dateline_date(struct cd_boiler_doc *d)
{
	const struct cd_unit *u = &d->u[d->dateline];
	char iso[11];
	char order;

	if (cd_date_find_order(d->norm.p + u->off, u->len, iso, &order))
		set_date(d, iso, order);
}

/* True when the byte c, and the byte next after it away from the word
 * (NUL for none), join the word to more for lower_in_doc(): a letter or
 * a digit, or a mark of an address or of a name written in one
 * ("/ann_lee", "ann@"; '.' and '-' before a letter or a digit:
 * "ann.lee", "ann-lee", not a full stop). */
static bool in_word(char c, char next)
{
	if (cd_text_alpha((unsigned char)c) || cd_text_digit((unsigned char)c) ||
	    c == '/' || c == '@' || c == '_')
		return true;
	return (c == '.' || c == '-') &&
	       (cd_text_alpha((unsigned char)next) ||
		cd_text_digit((unsigned char)next));
}

/* True when the word w[0..n) (ASCII letters, at most 24) is written
 * in the document d in small letters as a whole word ("tips" for
 * "Tips"), not inside an address or a name written in one (in_word). */
static bool lower_in_doc(const struct cd_boiler_doc *d, const char *w,
			 size_t n)
{
	char low[24];
	const char *p = d->norm.p, *end = d->norm.p + d->norm.len, *at;
	size_t k;

	if (n > sizeof(low))
		return false;
	for (k = 0; k < n; k++)
		low[k] = (char)cd_text_lower((unsigned char)w[k]);
	while ((at = memmem(p, (size_t)(end - p), low, n)) != NULL) {
		if ((at == d->norm.p ||
		     !in_word(at[-1], at - 1 > d->norm.p ? at[-2] : '\0')) &&
		    (at + n == end ||
		     !in_word(at[n], at + n + 1 < end ? at[n + 1] : '\0')))
			return true;
		p = at + 1;
	}
	return false;
}

/* True when every word of s[0..len) (when all, else any of them) is
 * written in small letters elsewhere in the document (lower_in_doc): a
 * label of common words ("Travel Tips", "Get Started", "Marketing
 * Director"), not a person's name, whose words are at most one a
 * common word ("Ann Winter"). */
static bool common_words(const struct cd_boiler_doc *d, const char *s,
			 size_t len, bool all)
{
	size_t i = 0, j;

	while (i < len) {
		while (i < len && !cd_text_alpha((unsigned char)s[i]))
			i++;
		for (j = i; j < len && cd_text_alpha((unsigned char)s[j]); j++)
			;
		if (j > i && lower_in_doc(d, s + i, j - i) != all)
			return !all;
		i = j;
	}
	return all;
}

/* The offset of the first word of s[0..len) that opens a date or a
 * time: a number, a month's name or a date_word() ("Published",
 * "Monday"); len for none. */
static size_t date_start(const char *s, size_t len)
{
	size_t i = 0, w;

	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && cd_text_digit((unsigned char)s[i]))
			return i;
		for (w = i; i < len && cd_text_alpha((unsigned char)s[i]); i++)
			;
		if (i > w && (date_word(s + w, i - w) ||
			      cd_date_month(s + w, i - w)))
			return w;
		while (i < len && s[i] != ' ')
			i++;
	}
	return len;
}

/* True when s[0..len) holds a date_word() ("Last Updated"). */
static bool holds_date_word(const char *s, size_t len)
{
	size_t i = 0, w;

	while (i < len) {
		for (w = i; i < len && cd_text_alpha((unsigned char)s[i]); i++)
			;
		if (i > w && date_word(s + w, i - w))
			return true;
		if (i == w)
			i++;
	}
	return false;
}

/* True when the dateline u (text s) of document d opens with a name
 * (name_only) set apart from the date by a mark (mark_at: "Ann Lee |
 * Writer | 12/11/2025", "Ann Lee / Updated: May 3, 2025", "Ann Lee -
 * May 3, 2025") when not all its words are common ones (common_words:
 * "Weekly Roundup - May 3, 2025"), or right before the date's first
 * word (date_start: "Ann Lee May 3, 2025", "Ann Lee Published 10:19am 3
 * May 2025") when none of them is, and it holds no date_word() ("Last
 * Updated - May 3, 2025"): the line is the byline too.  A name all in
 * capitals is a place's ("NEW YORK / May 3, 2025"). */
static bool name_then_date(const struct cd_boiler_doc *d,
			   const struct cd_unit *u, const char *s)
{
	struct cd_unit v = *u;
	size_t k = 0, e;
	bool mark = true;

	while (k < u->len && !mark_at(s, u->len, k))
		k++;
	if (k == u->len) {
		k = date_start(s, u->len);
		mark = false;
	}
	for (e = k; e > 0 && s[e - 1] == ' '; e--)
		;
	v.len = e;
	v.chars = (uint32_t)cd_text_chars(s, e);
	return !no_small(s, e) && e < u->len && name_only(&v, s) &&
	       !holds_date_word(s, e) && !common_words(d, s, e, mark);
}

/* True when the dateline u (text s) names its writer after the date or
 * a word before it ("May 3, 2025 by Ann Lee", "Published May 3, 2025 By
 * Ann Lee"): by_writer() from a word "by" on. */
static bool date_by_name(const struct cd_unit *u, const char *s)
{
	struct cd_unit v = *u;
	size_t k;

	for (k = 1; k + 3 < u->len; k++)
		if (s[k - 1] == ' ' && cd_text_ieq(s + k, "by ", 3)) {
			bool high;

			v.len = u->len - k;
			v.chars = (uint32_t)cd_text_chars(s + k, v.len);
			v.words = cd_bl_count_words(s + k, v.len, &high);
			return by_writer(&v, s + k);
		}
	return false;
}

/* True when unit u (text s) is a dateline that names its writer after
 * the date (date_by_name) with more words than is_dateline() allows
 * ("Published on May 3rd, 2025 by Ann Lee and Bo Ray"): the part before
 * "by" is a dateline with a date, which goes to iso, and no word but
 * the date's and date_word()s ("Released: May 3, 2025 by Tor Books"
 * dates a book). */
static bool dated_by(const struct cd_unit *u, const char *s, char iso[11])
{
	struct cd_unit v = *u;
	size_t k;

	/* the quick tests first: a sentence (by_writer() takes none), a
	 * line longer than the parts allow, no date, no "by" */
	if (u->cls == CD_U_GOOD || u->chars > 240 ||
	    (u->punct && s[u->len - 1] != ':') ||
	    !cd_date_find(s, u->len, iso) ||
	    (k = cd_text_ifind(s, u->len, " by ", 4)) == (size_t)-1)
		return false;
	v.len = k;
	v.chars = (uint32_t)cd_text_chars(s, v.len);
	return other_words(s, v.len, 0) == 0 && is_dateline(&v, s, iso) &&
	       iso[0] && date_by_name(u, s);
}

/* The byline when none was found: a line that is only a name
 * (name_only: no section's name as "World News"; not all words common
 * ones, common_words) right above or under unit at, the dateline ("Ann
 * Lee" / "May 3, 2025") or the title. */
static void name_by(struct cd_boiler_doc *d, size_t at)
{
	size_t k;

	for (k = 0; k < 2; k++) {
		size_t i = k == 0 ? at - 1 : at + 1;

		if ((k == 0 && at == 0) || i >= d->nu || !d->u[i].keep)
			continue;
		if (name_only(&d->u[i], d->norm.p + d->u[i].off) &&
		    !common_words(d, d->norm.p + d->u[i].off, d->u[i].len,
				  true)) {
			d->byline = (long)i;
			cd_bl_drop(d, i, "byline");
			return;
		}
	}
}

/* The offset in unit j of document d of what follows a writer's head
 * before a capital (by_line, by_name_at), after a list bullet if any
 * ("By Role", "* By Use Case"); 0 for none or j out of the document. */
static size_t by_head_at(const struct cd_boiler_doc *d, size_t j)
{
	const char *s;
	size_t b, n, h;
	bool writer;

	if (j >= d->nu)
		return 0;
	s = d->norm.p + d->u[j].off;
	b = cd_bl_bullet_len(s, d->u[j].len);
	n = d->u[j].len - b;
	if ((h = by_line(s + b, n, &writer)) > 0 && writer &&
	    by_name_at(s + b, n, h))
		return b + h;
	return 0;
}

/* True when unit j (what follows its writer's head from h) reads as a
 * menu's item, not a writer's name: a list item, no small letter ("BY
 * COMPANY TYPE"), or every word written in small letters elsewhere in
 * the document (common_words: "By Industry"). */
static bool menu_item(const struct cd_boiler_doc *d, size_t j, size_t h)
{
	const char *s = d->norm.p + d->u[j].off;
	size_t n = d->u[j].len;

	return d->u[j].bullet || no_small(s + h, n - h) ||
	       common_words(d, s + h, n - h, true);
}

/* True when what follows the writer's head of unit j from h has no
 * small letter and its every word is written in small letters elsewhere
 * in the document (common_words): a menu's heading in capitals ("BY USE
 * CASE"), not a name ("BY ANN LEE"). */
static bool menu_caps(const struct cd_boiler_doc *d, size_t j, size_t h)
{
	const char *s = d->norm.p + d->u[j].off;
	size_t n = d->u[j].len;

	return no_small(s + h, n - h) && common_words(d, s + h, n - h, true);
}

/* True when unit i opens with a writer's head before a capital
 * (by_head_at) and either is a menu's heading in capitals (menu_caps:
 * "BY USE CASE"), or the unit above or under it opens so too and a third such unit
 * goes with them or one of the two reads as a menu's item (menu_item):
 * i is then an item of a menu of filters ("By Role" / "By Industry" /
 * "By Company Size"), no byline; two lines "By Ann Lee" / "By Tom Ray"
 * name two writers. */
static bool by_menu(const struct cd_boiler_doc *d, size_t i)
{
	size_t k, j, hi = by_head_at(d, i), hj;

	if (hi == 0)
		return false;
	if (menu_caps(d, i, hi))
		return true;	/* "BY USE CASE" over "use" and "case" */
	for (k = 0; k < 2; k++) {
		if (k == 0 && i == 0)
			continue;
		j = k == 0 ? i - 1 : i + 1;
		if ((hj = by_head_at(d, j)) == 0)
			continue;
		if ((k == 0 && ((j > 0 && by_head_at(d, j - 1)) ||
				by_head_at(d, i + 1))) ||
		    (k == 1 && by_head_at(d, j + 1)) ||
		    menu_item(d, i, hi) || menu_item(d, j, hj))
			return true;
	}
	return false;
}

/* Cut the byline where a date or a date cue is glued to the name, as a
 * dump joins the spans of a line ("By Ann LeePublished: May 3, 2025",
 * "By Ann LeeMay 3, 2025"): a capitalised date_word() or month name
 * right after a small letter, where a date follows (the month's own:
 * not "By Keisha LaMar", a name).  A byline that is the dateline too keeps
 * its date. */
static void cut_glued_byline(struct cd_boiler_doc *d)
{
	struct cd_unit *u;
	const char *s;
	size_t i, w;
	char iso[11];
	int m;

	if (d->byline < 0 || d->byline == d->dateline)
		return;
	u = &d->u[d->byline];
	s = d->norm.p + u->off;
	for (i = 1; i + 2 < u->len; i++) {
		if (!(s[i - 1] >= 'a' && s[i - 1] <= 'z' && s[i] >= 'A' &&
		      s[i] <= 'Z'))
			continue;
		for (w = i + 1; w < u->len && s[w] >= 'a' && s[w] <= 'z'; w++)
			;
		if (!cd_date_find(s + i, u->len - i, iso))
			return;	/* no date after: "By Keisha LaMar" */
		if (date_word(s + i, w - i) ||
		    ((m = cd_date_month(s + i, w - i)) > 0 &&
		     (iso[5] - '0') * 10 + (iso[6] - '0') == m)) {
			u->len = i;
			u->chars = (uint32_t)cd_text_chars(s, i);
			return;
		}
	}
}

/* True when the word that ends at s[e] (before a space) is only small
 * letters ("was"). */
static bool small_word_before(const char *s, size_t e)
{
	size_t w = e;

	while (w > 0 && s[w - 1] >= 'a' && s[w - 1] <= 'z')
		w--;
	return w < e && (w == 0 || s[w - 1] == ' ');
}

/* True when unit i is only a writer's head ("By", "Written by:",
 * "Author": by_line), or ends with one of two words that a dump glued
 * to the line before ("[Photo of a desk] Written by", "... Written by:",
 * "desk.jpg written by"; not a sentence's "... was written by", after a
 * word in small letters), and the unit under it is only a name
 * (name_only): the byline set on two lines. */
static bool by_label(const struct cd_boiler_doc *d, size_t i)
{
	const struct cd_unit *u = &d->u[i];
	const char *s = d->norm.p + u->off;
	size_t k, e = u->len;
	bool writer;

	if (i + 1 >= d->nu || !d->u[i + 1].keep || u->len > 200)
		return false;
	if (u->len > 16) {	/* "... Written by", "... Posted by:" */
		e -= s[e - 1] == ':';
		for (k = 8; k <= 10; k++)
			if (s[e - k - 1] == ' ' && memchr(s + e - k, ' ', k) &&
			    by_line(s + e - k, k, &writer) == k && writer)
				break;
		if (k > 10 || small_word_before(s, e - k - 1))
			return false;
	} else {
		if ((k = by_line(s, u->len, &writer)) == 0 || !writer)
			return false;
		while (k < u->len && (s[k] == ' ' || s[k] == ':'))
			k++;
		if (k < u->len)
			return false;
	}
	return name_only(&d->u[i + 1], d->norm.p + d->u[i + 1].off);
}

/* The byline when none was found above: a line under the body,
 * CD_DATE_BELOW units at most and above the readers' comments
 * (comments_at), a block heading ("Related stories") or another line
 * of two words or more opening with a capital that is a list item, is
 * title-shaped or is short and unpunctuated (another story's headline, a
 * teaser's or a commenter's name), that names the writer after a head
 * (by_writer, but "Posted by", a comment's: "Written by Ann Lee" over
 * the writer's box at the article's foot). */
static void foot_byline(struct cd_boiler_doc *d)
{
	size_t end = d->hi + CD_DATE_BELOW < d->nu ? d->hi + CD_DATE_BELOW :
		     d->nu, i;

	for (i = d->hi; i < end && !comments_at(d, i) && !d->u[i].block; i++) {
		const struct cd_unit *u = &d->u[i];
		const char *s = d->norm.p + u->off;
		size_t b = cd_bl_bullet_len(s, u->len);

		if (by_writer(u, s) &&
		    !(u->len - b >= 9 && cd_text_ieq(s + b, "posted by", 9))) {
			d->byline = (long)i;
			cd_bl_drop(d, i, "byline");
			return;
		}
		if (u->words >= 2 && b < u->len && s[b] >= 'A' &&
		    s[b] <= 'Z' && (u->bullet || cd_bl_title_shape(u, s) ||
				    (u->words < 4 && !u->punct)))
			return;	/* another story's headline or a name */
	}
}

/* True when a list item next to unit i is headline-shaped (four words
 * or more, cd_bl_title_shape): i is then an item of a list of teasers
 * ("• Ferry fares rise again this summer" / "• By Ann Lee"), no
 * byline. */
static bool teaser_item(const struct cd_boiler_doc *d, size_t i)
{
	struct cd_unit v;
	size_t k, j;

	for (k = 0; k < 2; k++) {
		if (k == 0 && i == 0)
			continue;
		j = k == 0 ? i - 1 : i + 1;
		if (j >= d->nu || !d->u[j].bullet || d->u[j].words < 4)
			continue;
		v = d->u[j];
		v.bullet = false;	/* the shape of the item's words */
		if (cd_bl_title_shape(&v, d->norm.p + v.off))
			return true;
	}
	return false;
}

/* A list item is a byline only this many units above the body at most:
 * higher up, "* By Use Case" is an item of the site's menu. */
#define CD_BY_ITEM 12

/* Lift the dateline and the byline from the head of the document (before
 * the body or among its first six units; else the byline under the body:
 * foot_byline) and the title; the date is the
 * day the document says the article was originally published on, else
 * the dateline's unless far_above() the headline, else find_date()'s,
 * else the far dateline's, else foot_date()'s, else any_date()'s; none
 * for a dated record, which has one (no line is removed for a date). */
void cd_bl_lift_meta(struct cd_boiler_doc *d)
{
	size_t end = d->lo + 6 < d->hi ? d->lo + 6 : d->hi, i;
	char iso[11];

	if (!d->date[0] && !d->dated && original_date(d, iso))
		memcpy(d->date, iso, sizeof(iso));
	for (i = 0; i < end; i++) {
		struct cd_unit *u = &d->u[i];
		const char *s = d->norm.p + u->off;

		if (!u->keep || (i >= d->lo && u->cls == CD_U_GOOD))
			continue;
		if (d->dateline < 0 &&
		    (is_dateline(u, s, iso) || dated_by(u, s, iso))) {
			d->dateline = (long)i;
			cd_bl_drop(d, i, "dateline");
		} else if (d->byline < 0 &&
			   (i < d->lo + 2 ? is_byline(u, s) :
			    by_writer(u, s)) && !by_menu(d, i) &&
			   !(u->bullet && (i + CD_BY_ITEM < d->lo ||
					   teaser_item(d, i)))) {
			d->byline = (long)i;
			cd_bl_drop(d, i, "byline");
		} else if (d->byline < 0 && by_label(d, i)) {
			d->byline = (long)i + 1;
			cd_bl_drop(d, i, "byline");
			cd_bl_drop(d, i + 1, "byline");
		}
	}
	if (d->byline < 0 && d->dateline >= 0 &&
	    (name_then_date(d, &d->u[d->dateline],
			    d->norm.p + d->u[d->dateline].off) ||
	     date_by_name(&d->u[d->dateline],
			  d->norm.p + d->u[d->dateline].off)))
		d->byline = d->dateline;
	if (d->byline < 0 && d->dateline >= 0)
		name_by(d, (size_t)d->dateline);
	find_title(d);
	if (d->byline < 0 && d->title >= 0)
		name_by(d, (size_t)d->title);
	if (d->byline < 0)
		foot_byline(d);
	if (!d->dated) {
		if (!d->date[0] && d->dateline >= 0 &&
		    !far_above(d, (size_t)d->dateline))
			dateline_date(d);
		find_date(d);
		if (!d->date[0] && d->dateline >= 0)
			dateline_date(d);
		if (!d->date[0])
			foot_date(d);
		if (!d->date[0])
			any_date(d);
	}
	cut_glued_byline(d);
}

/* Remove the repeats of the title anywhere in the document. */
void cd_bl_drop_title_repeats(struct cd_boiler_doc *d)
{
	const struct cd_unit *t;
	const char *ts;
	size_t i;

	if (d->title < 0)
		return;
	t = &d->u[d->title];
	ts = d->norm.p + t->off;
	for (i = 0; i < d->nu; i++) {
		struct cd_unit *u = &d->u[i];

		if (u->keep && u->cls != CD_U_GOOD &&
		    title_repeat(u, d->norm.p + u->off, ts, t->len, t->hash))
			cd_bl_drop(d, i, "title-repeat");
	}
}
