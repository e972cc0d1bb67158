/* pagename.c - the title and the byline chosen among a page's candidates:
 * the title by agreement once the site name is cut, the byline by the
 * rank of its source; see pagemeta_int.h. */
#include <string.h>

#include "pagemeta_int.h"
#include "text.h"

/* Fold s[0..len) for comparison into b: ASCII letters lower-cased, digits
 * and non-ASCII bytes kept, the rest dropped. */
static void fold(struct cd_buf *b, const char *s, size_t len)
{
	size_t i;

	cd_buf_reset(b);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (cd_text_word_byte(c))
			cd_buf_addc(b, cd_text_lower(c));
	}
}

/* The host of url[0..len): its offset, length in *n; (size_t)-1 when
 * url has no "://". */
static size_t host_span(const char *url, size_t len, size_t *n)
{
	size_t i = cd_text_ifind(url, len, "://", 3), j;

	if (i == (size_t)-1)
		return i;
	for (i += 3, j = i; j < len && url[j] != '/' && url[j] != ':' &&
	     url[j] != '?'; j++)
		;
	*n = j - i;
	return i;
}

/* The name part of the host of url[0..len) into b ("nytimes" for
 * https://www.nytimes.com/..., "bbc" for bbc.co.uk); the host itself,
 * lower-cased and without "www.", into host. */
static void host_word(struct cd_buf *b, struct cd_buf *host, const char *url,
		      size_t len)
{
	size_t hl = 0, i = host_span(url, len, &hl), j, dots[8], nd = 0;

	cd_buf_reset(b);
	cd_buf_reset(host);
	if (i == (size_t)-1)
		return;
	if (hl > 4 && cd_text_ieq(url + i, "www.", 4)) {
		i += 4;
		hl -= 4;
	}
	for (j = i; j < i + hl; j++)
		cd_buf_addc(host, cd_text_lower((unsigned char)url[j]));
	i = host_span(url, len, &hl);
	for (j = i; j < i + hl; j++)
		if (url[j] == '.' && nd < 8)
			dots[nd++] = j;
	if (nd == 0)
		return;
	/* the label before the public suffix; a 2-letter country code after
	 * a short label ("co.uk", "com.au") counts as the suffix */
	if (nd >= 2 && j - dots[nd - 1] == 3 && dots[nd - 1] - dots[nd - 2] <= 4)
		nd--;
	i = nd >= 2 ? dots[nd - 2] + 1 : i;
	fold(b, url + i, dots[nd - 1] - i);
}

struct chooser {
	struct found *f;
	struct cd_buf site[S_N + 1];	/* folded site names, the host last */
	struct cd_buf cut[T_N];		/* the candidates, site name cut */
	struct cd_buf host;		/* "example.com", lower-cased */
	struct cd_buf a, b;
};

/* True when the folded text x names the site. */
static bool is_site(struct chooser *c, const struct cd_buf *x)
{
	size_t i;

	if (x->len == 0)
		return false;
	for (i = 0; i <= S_N; i++) {
		const struct cd_buf *s = &c->site[i];

		if (s->len == 0)
			continue;
		if ((x->len == s->len && memcmp(x->p, s->p, s->len) == 0) ||
		    (s->len >= 4 && strstr(x->p, s->p)) ||
		    (x->len >= 4 && strstr(s->p, x->p)))
			return true;
	}
	return false;
}

/* True when the piece p[0..n) is the end (or start) of another candidate
 * than k: a site name that recurs. */
static bool recurs(struct chooser *c, int k, const char *p, size_t n, bool end)
{
	int i;

	for (i = 0; i < T_N; i++) {
		const struct cd_buf *t = &c->f->title[i];

		if (i != k && t->len > n + 3 &&
		    memcmp(end ? t->p + t->len - n : t->p, p, n) == 0 &&
		    strcmp(t->p, c->f->title[k].p) != 0)
			return true;
	}
	return false;
}

/* True when the kept part p[0..n) of candidate k is another candidate. */
static bool is_other(struct chooser *c, int k, const char *p, size_t n)
{
	int i;

	fold(&c->b, p, n);
	for (i = 0; i < T_N; i++) {
		if (i == k || !c->f->title[i].len)
			continue;
		fold(&c->a, c->f->title[i].p, c->f->title[i].len);
		if (c->a.len == c->b.len && memcmp(c->a.p, c->b.p, c->b.len) == 0)
			return true;
	}
	return false;
}

static const char *const seps[] = { " | ", " - ", " \xe2\x80\x93 ",
				    " \xe2\x80\x94 ", " :: ", " \xc2\xb7 ",
				    " \xc2\xbb ", " \xe2\x80\xa2 ", " || ",
				    NULL };

/* The offset and length of the last (or first) separator in t, or 0. */
static size_t find_sep(const struct cd_buf *t, bool last, size_t *sl)
{
	size_t best = 0, i, at;

	for (i = 0; seps[i]; i++) {
		size_t n = strlen(seps[i]), from = 0;

		while ((at = cd_text_ifind(t->p + from, t->len - from, seps[i],
					   n)) != (size_t)-1) {
			at += from;
			if (best == 0 || (last ? at > best : at < best)) {
				best = at;
				*sl = n;
			}
			if (!last)
				break;
			from = at + 1;
		}
	}
	return best;
}

/* Drop the host's name from the start or the end of o when a space
 * parts it from the rest ("example.com Ten rules"). */
static void cut_host(const struct chooser *c, struct cd_buf *o)
{
	size_t n = c->host.len;

	if (!n || o->len <= n + 1)
		return;
	if (cd_text_ieq(o->p, c->host.p, n) && o->p[n] == ' ') {
		memmove(o->p, o->p + n + 1, o->len - n);
		o->len -= n + 1;
	} else if (cd_text_ieq(o->p + o->len - n, c->host.p, n) &&
		   o->p[o->len - n - 1] == ' ') {
		o->p[o->len -= n + 1] = '\0';
	}
}

/* Cut the site name off title candidate k into c->cut[k]. */
static void cut_site(struct chooser *c, int k)
{
	const struct cd_buf *t = &c->f->title[k];
	struct cd_buf *o = &c->cut[k];
	size_t at, sl = 0, n;
	int side;

	cd_buf_reset(o);
	cd_buf_add(o, t->p, t->len);
	cut_host(c, o);
	for (side = 0; side < 2; side++) {
		if (!(at = find_sep(o, side == 0, &sl)))
			continue;
		n = side == 0 ? o->len - at - sl : at;
		fold(&c->a, side == 0 ? o->p + at + sl : o->p, n);
		if (n > 80 || n * 2 > o->len || !(is_site(c, &c->a) ||
				recurs(c, k, side == 0 ? o->p + at : o->p,
				       side == 0 ? o->len - at : at + sl,
				       side == 0) ||
				is_other(c, k, side == 0 ? o->p : o->p + at + sl,
					 side == 0 ? at : o->len - at - sl)))
			continue;
		if (side == 0) {
			o->p[o->len = at] = '\0';
		} else {
			memmove(o->p, o->p + at + sl, o->len - at - sl + 1);
			o->len -= at + sl;
		}
	}
}

/* Set b to the words of s[0..len), lower-cased, as " w1 w2 ... ". */
static void word_list(struct cd_buf *b, const char *s, size_t len)
{
	size_t i;
	bool in = false;

	cd_buf_reset(b);
	cd_buf_addc(b, ' ');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool w = cd_text_word_byte(c);

		if (w)
			cd_buf_addc(b, cd_text_lower(c));
		else if (in)
			cd_buf_addc(b, ' ');
		in = w;
	}
	if (in)
		cd_buf_addc(b, ' ');
}

/* The number of words of list x (word_list) also in list y, and of x's
 * words in *nx. */
static size_t shared_words(const struct cd_buf *x, const struct cd_buf *y,
			   size_t *nx)
{
	const char *p = x->p + 1, *e, *end = x->p + x->len;
	size_t n = 0;

	*nx = 0;
	for (; p < end; p = e + 1) {
		e = memchr(p, ' ', (size_t)(end - p));
		++*nx;
		if (cd_text_ifind(y->p, y->len, p - 1, (size_t)(e - p + 2)) !=
		    (size_t)-1)
			n++;
	}
	return n;
}

/* True when headline candidate k tells the same story as a declared
 * title (at least 30% of the shorter one's words shared), or nothing is
 * declared; a headline that is the site's name is not one. */
static bool headline_ok(struct chooser *c, int k)
{
	size_t nx, ny, n, i;
	bool any = false;

	fold(&c->a, c->cut[k].p, c->cut[k].len);
	if (is_site(c, &c->a))
		return false;
	word_list(&c->a, c->cut[k].p, c->cut[k].len);
	for (i = T_LD; i < T_N; i++) {
		if (!c->cut[i].len)
			continue;
		any = true;
		word_list(&c->b, c->cut[i].p, c->cut[i].len);
		n = shared_words(&c->a, &c->b, &nx);
		shared_words(&c->b, &c->a, &ny);
		if (n * 10 >= 3 * (nx < ny ? nx : ny) && n > 0)
			return true;
	}
	return !any;
}

/* True when t opens a bracket it does not close: a headline cut short
 * ("... Solutions (Including"; JSON-LD headlines are often cut at 110). */
static bool cut_short(const struct cd_buf *t)
{
	int round = 0, square = 0;
	size_t i;

	for (i = 0; i < t->len; i++) {
		round += (t->p[i] == '(') - (t->p[i] == ')');
		square += (t->p[i] == '[') - (t->p[i] == ']');
	}
	return round > 0 || square > 0;
}

/* Candidate k, or a longer one that goes on from it when k is cut
 * short. */
static const struct cd_buf *whole(struct chooser *c, int k)
{
	const struct cd_buf *t = &c->cut[k];
	int i;

	for (i = 0; i < T_N && cut_short(t); i++)
		if (c->cut[i].len > t->len &&
		    memcmp(c->cut[i].p, t->p, t->len) == 0 &&
		    !cut_short(&c->cut[i]))
			return &c->cut[i];
	return t;
}

/* True when the folded cut candidate k equals a declared one (JSON-LD,
 * og:title, twitter:title, <title>). */
static bool declared(struct chooser *c, int k)
{
	int i;

	fold(&c->a, c->cut[k].p, c->cut[k].len);
	for (i = T_LD; i < T_N; i++) {
		fold(&c->b, c->cut[i].p, c->cut[i].len);
		if (c->a.len && c->a.len == c->b.len &&
		    memcmp(c->a.p, c->b.p, c->a.len) == 0)
			return true;
	}
	return false;
}

/* True when t is set in capitals: eight ASCII letters or more, none of
 * them small. */
static bool capitals(const struct cd_buf *t)
{
	size_t i, caps = 0;

	for (i = 0; i < t->len; i++) {
		if (t->p[i] >= 'a' && t->p[i] <= 'z')
			return false;
		caps += t->p[i] >= 'A' && t->p[i] <= 'Z';
	}
	return caps >= 8;
}

/* True when headline k gives way to a declared title: k is set in
 * capitals (a styled label; the declared title keeps the writer's case)
 * and a declared one is not, or k is the headline in the article while
 * only the one outside it is repeated by a declared title. */
static bool give_way(struct chooser *c, int k)
{
	int i;

	if (k == T_H1A && !declared(c, T_H1A) && declared(c, T_H1))
		return true;
	if (!capitals(&c->cut[k]))
		return false;
	for (i = T_LD; i < T_N; i++)
		if (c->cut[i].len && !capitals(&c->cut[i]))
			return true;
	return false;
}

/* The title: the first candidate by rank, the site name cut, a headline
 * only when headline_ok() and not give_way(), a longer one when it is
 * cut short. */
static void choose_title(struct chooser *c, struct cd_buf *out)
{
	const struct cd_buf *t;
	int i;

	for (i = 0; i < T_N; i++)
		cut_site(c, i);
#ifdef PM_DEBUG
	for (i = 0; i < T_N; i++)
		fprintf(stderr, "C%d=%s\n", i, cd_buf_str(&c->cut[i]));
#endif
	for (i = 0; i < T_N; i++)
		if (c->cut[i].len &&
		    (i >= T_LD || (headline_ok(c, i) && !give_way(c, i)))) {
			t = whole(c, i);
			cd_buf_add(out, t->p, t->len);
			return;
		}
}

/* True when the folded text x is the site's name or host word. */
static bool same_site(const struct chooser *c, const struct cd_buf *x)
{
	size_t i;

	for (i = 0; i <= S_N; i++)
		if (c->site[i].len && x->len == c->site[i].len &&
		    memcmp(x->p, c->site[i].p, x->len) == 0)
			return true;
	return false;
}

/* True when the byline a is a user name rather than a person's: one
 * word holding a dot, an underscore, an at sign or a digit, or a capital
 * after a small letter ("jane.roe", "jroe_22", "JaneR"). */
static bool handle(const struct cd_buf *a)
{
	size_t i;

	if (memchr(a->p, ' ', a->len))
		return false;
	for (i = 0; i < a->len; i++)
		if (strchr("._@0123456789", a->p[i]) ||
		    (i > 0 && a->p[i] >= 'A' && a->p[i] <= 'Z' &&
		     a->p[i - 1] >= 'a' && a->p[i - 1] <= 'z'))
			return true;
	return false;
}

/* The first byline candidate after k that reads as the names of a
 * person (two words or more, cd_pm_name_like strict) and is not the
 * site's name, or -1. */
static int later_name(struct chooser *c, int k)
{
	int i;

	for (i = k + 1; i < A_N; i++) {
		const struct cd_buf *a = &c->f->author[i];

		if (!memchr(a->p ? a->p : "", ' ', a->len) ||
		    !cd_pm_name_like(a, true))
			continue;
		fold(&c->a, a->p, a->len);
		if (!same_site(c, &c->a))
			return i;
	}
	return -1;
}

/* The byline: the first candidate by rank that is not the site's name
 * (nor a user name, handle(), when a person's name comes later), else
 * the first. */
static void choose_byline(struct chooser *c, struct cd_buf *out)
{
	int i, k, first = -1;

#ifdef PM_DEBUG
	for (i = 0; i < A_N; i++)
		fprintf(stderr, "A%d=%s\n", i, cd_buf_str(&c->f->author[i]));
	for (i = 0; i < D_N; i++)
		fprintf(stderr, "D%d=%s\n", i, c->f->date[i]);
	for (i = 0; i < T_N; i++)
		fprintf(stderr, "T%d=%s\n", i, cd_buf_str(&c->f->title[i]));
#endif
	for (i = 0; i < A_N; i++) {
		const struct cd_buf *a = &c->f->author[i];

		if (!a->len || (first >= 0 && i >= A_LINK &&
				!memchr(a->p, ' ', a->len)))
			continue;	/* after the site's name, one word from
					 * the page ("Top", "People") is no
					 * better */
		if (handle(a) && (k = later_name(c, i)) > 0) {
			i = k - 1;	/* a user name gives way to a name */
			continue;
		}
		if (first < 0)
			first = i;
		fold(&c->a, a->p, a->len);
		if (!same_site(c, &c->a)) {
			cd_buf_add(out, a->p, a->len);
			return;
		}
	}
	if (first >= 0)
		cd_buf_add(out, c->f->author[first].p, c->f->author[first].len);
}

/* Fill the title, the byline and the source of m from f. */
void cd_pm_choose_names(struct found *f, const char *url, size_t urllen,
			struct cd_page_meta *m)
{
	struct chooser c;
	int i;

	memset(&c, 0, sizeof(c));
	c.f = f;
	for (i = 0; i < S_N; i++) {
		fold(&c.site[i], f->site[i].p, f->site[i].len);
		if (!m->source.len && f->site[i].len)
			cd_buf_add(&m->source, f->site[i].p, f->site[i].len);
	}
	if (url)
		host_word(&c.site[S_N], &c.host, url, urllen);
	if (!c.site[S_N].len && m->url.len)
		host_word(&c.site[S_N], &c.host, m->url.p, m->url.len);
	choose_title(&c, &m->title);
	choose_byline(&c, &m->byline);
	for (i = 0; i <= S_N; i++)
		cd_buf_release(&c.site[i]);
	for (i = 0; i < T_N; i++)
		cd_buf_release(&c.cut[i]);
	cd_buf_release(&c.host);
	cd_buf_release(&c.a);
	cd_buf_release(&c.b);
}
