/* htmlrender.c - the chosen content of a page as text, as a browser shows
 * it, and the blocks the rules removed, for --explain; see html_int.h. */
#include <stdbool.h>
#include <string.h>

#include "html_int.h"
#include "json.h"
#include "text.h"

/* Is the text s markup written out as text ("<img src=...>"), as crawls
 * that serialise <noscript> contents leave it?  A browser with scripts
 * shows nothing there. */
bool cd_hx_markup_text(const unsigned char *s)
{
	size_t i = 0, n;

	while (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')
		i++;
	if (s[i] != '<' || !cd_text_alpha(s[i + 1]))
		return false;
	n = strlen((const char *)s);
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\n' ||
			 s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return s[n - 1] == '>';
}

/* Text being rendered into out from out->len at start. */
struct rend {
	struct cd_buf *out;
	size_t start;
	xmlNodePtr top;		/* rendered even when removed */
	int brk;		/* pending break: 1 a line, 2 a paragraph */
	bool sp;		/* pending space */
	int pre;		/* inside this many <pre> */
	size_t indent;		/* spaces held in <pre>, dropped at a break */
};

static void rend_brk(struct rend *r, int b)
{
	if (b > r->brk)
		r->brk = b;
	r->indent = 0;
}

/* Start a run of visible bytes: the pending break or space first. */
static void rend_sep(struct rend *r)
{
	if (r->out->len > r->start) {
		if (r->brk)
			cd_buf_add(r->out, "\n\n", (size_t)r->brk);
		else if (r->sp)
			cd_buf_addc(r->out, ' ');
	}
	r->brk = 0;
	r->sp = false;
	for (; r->indent; r->indent--)
		if (r->out->len > r->start)
			cd_buf_addc(r->out, ' ');
}

/* Append the text s as a browser shows it: white space collapsed (kept in
 * <pre>, where a newline breaks the line), no-break spaces as spaces. */
static void rend_text(struct rend *r, const unsigned char *s)
{
	size_t i = 0, j;

	while (s[i]) {
		unsigned char c = s[i];

		if (c == '\n' && r->pre) {
			rend_brk(r, 1);
			r->indent = 0;
			i++;
		} else if (r->pre && (c == ' ' || c == '\t' || c == '\r' ||
				      c == '\f')) {
			r->indent++;
			i++;
		} else if (!r->pre && (c == ' ' || c == '\n' || c == '\t' ||
				       c == '\r' || c == '\f')) {
			r->sp = true;
			i++;
		} else if (!r->pre && c == 0xC2 && s[i + 1] == 0xA0) {
			r->sp = true;
			i += 2;
		} else {
			for (j = i + 1; s[j] && s[j] > ' ' && s[j] != 0xC2; j++)
				;
			rend_sep(r);
			cd_buf_add(r->out, s + i, j - i);
			i = j;
		}
	}
}

/* On the way down: text, breaks before blocks; removed elements skipped. */
static bool rend_pre(struct ex *x, xmlNodePtr n, void *arg)
{
	struct rend *r = arg;
	const struct nst *s;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content && n->parent && is_elem(n->parent) &&
		    S(x, n->parent)->kind != K_RAW && !cd_hx_markup_text(n->content))
			rend_text(r, n->content);
		return false;
	}
	if (!is_elem(n))
		return false;
	s = S(x, n);
	if (s->why && n != r->top)
		return false;
	switch (s->kind) {
	case K_BR:
		rend_brk(r, r->brk == 1 ? 2 : 1);
		break;
	case K_CELL:
		r->sp = true;
		break;
	case K_PRE:
		r->pre++;
		/* fall through */
	case K_PARA:
	case K_BLOCK:
		rend_brk(r, 2);
		break;
	default:
		break;
	}
	return true;
}

/* On the way up: the break after a block. */
static void rend_post(struct ex *x, xmlNodePtr n, void *arg)
{
	struct rend *r = arg;
	const struct nst *s;

	if (!is_elem(n))
		return;
	s = S(x, n);
	if (s->kind == K_PRE && (n == r->top || !s->why))
		r->pre--;
	if (s->kind == K_PARA || s->kind == K_BLOCK || s->kind == K_PRE)
		rend_brk(r, 2);
	else if (s->kind == K_CELL)
		r->sp = true;
}

/* Render the subtree at n into out. */
static void render(struct ex *x, xmlNodePtr n, struct cd_buf *out)
{
	struct rend r = { out, out->len, n, 0, false, 0, 0 };

	walk(n, rend_pre, rend_post, x, &r);
}

/* Record the removed element n with rule why, for --explain. */
static void drop(struct ex *x, xmlNodePtr n, const char *why)
{
	struct cd_html *h = x->h;
	size_t off = h->gone.len;

	if (!h->explain || S(x, n)->kind == K_JUNK ||
	    S(x, n)->kind == K_RAW)
		return;
	render(x, n, &h->gone);
	if (h->gone.len == off)
		return;
	h->drop = cd_xgrow(h->drop, &h->cap, h->ndrop + 1, sizeof(*h->drop));
	h->drop[h->ndrop++] = (struct cd_html_drop){ off, h->gone.len - off,
						     why };
}

/* The last walk: render the roots into h->text and, for --explain, record
 * every removed or left-out element. */
struct fin {
	struct rend r;
	int in;			/* inside this many roots */
};

static bool fin_pre(struct ex *x, xmlNodePtr n, void *arg)
{
	struct fin *f = arg;
	const struct nst *s;

	if (!is_elem(n))
		return f->in ? rend_pre(x, n, &f->r) : false;
	s = S(x, n);
	if (s->why) {
		drop(x, n, s->why);
		return false;
	}
	if (f->in || s->root) {
		f->in += s->root;
		return rend_pre(x, n, &f->r);
	}
	if (s->above)
		return true;
	drop(x, n, "dom:outside");
	return false;
}

static void fin_post(struct ex *x, xmlNodePtr n, void *arg)
{
	struct fin *f = arg;

	if (!f->in)
		return;
	rend_post(x, n, &f->r);
	if (is_elem(n) && S(x, n)->root && !S(x, n)->why)
		f->in--;
}

void cd_hx_finish(struct ex *x, xmlNodePtr root)
{
	struct fin f = { { &x->h->text, 0, NULL, 0, false, 0, 0 }, 0 };

	cd_buf_reset(&x->h->gone);
	f.r.top = root;
	walk(root, fin_pre, fin_post, x, &f);
}

void cd_html_drops_json(const struct cd_html *h, struct cd_buf *out)
{
	size_t i;

	for (i = 0; i < h->ndrop; i++) {
		if (i)
			cd_buf_addc(out, ',');
		cd_buf_adds(out, "{\"text\":");
		cd_buf_add_json(out, h->gone.p + h->drop[i].off, h->drop[i].len);
		cd_buf_adds(out, ",\"rule\":");
		cd_buf_add_json(out, h->drop[i].why, strlen(h->drop[i].why));
		cd_buf_addc(out, '}');
	}
}
