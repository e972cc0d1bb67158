/* pageld.c - the metadata a page declares in JSON-LD (headline, author,
 * dates, site name), read with json.h; see pagemeta_int.h. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "pagemeta_int.h"
#include "text.h"

static void ld_value(struct ld *ld, const char *val, size_t vlen, int depth);

/* The string member key of r, decoded, folded, into b; false if none. */
static bool ld_string(const struct cd_rec *r, const char *key, struct cd_buf *b)
{
	if (!cd_rec_string(r, key, b))
		return false;
	cd_pm_decode_refs(b);
	cd_pm_set_folded(b, b->p, b->len);
	return b->len > 0;
}

/* Does the @type of r name an article ("NewsArticle", "BlogPosting",
 * ["Article", ...])? */
static bool ld_is(const struct cd_rec *r, const char *const *words)
{
	const struct cd_field *t = cd_rec_find(r, "@type");
	size_t i;

	if (!t)
		return false;
	for (i = 0; words[i]; i++)
		if (cd_text_ifind(t->val, t->vlen, words[i], strlen(words[i])) !=
		    (size_t)-1)
			return true;
	return false;
}

static const char *const article_types[] = { "article", "posting", "report",
					     NULL };
static const char *const page_types[] = { "webpage", NULL };
static const char *const person_types[] = { "person", NULL };

/* Append the name(s) of the author value val[0..vlen) to b, ", " between. */
static void ld_names(struct ld *ld, const char *val, size_t vlen,
		     struct cd_buf *b, int depth)
{
	struct cd_rec r;
	struct cd_jerr err;
	size_t i;

	cd_rec_init(&r);
	if (*val == '"') {
		cd_buf_reset(&ld->s);
		cd_json_unescape(val, vlen, &ld->s);
		cd_pm_decode_refs(&ld->s);
		cd_pm_set_folded(&ld->s, ld->s.p, ld->s.len);
		if (ld->s.len && !cd_pm_is_url(ld->s.p, ld->s.len)) {
			if (b->len)
				cd_buf_adds(b, ", ");
			cd_buf_add(b, ld->s.p, ld->s.len);
		}
	} else if (*val == '[' && depth < 3 &&
		   cd_json_array(&r, val, vlen, &err) == 0) {
		struct cd_field *el = cd_xmalloc((r.nf + 1) * sizeof(*el));

		memcpy(el, r.f, r.nf * sizeof(*el));
		for (i = 0; i < r.nf; i++)
			ld_names(ld, el[i].val, el[i].vlen, b, depth + 1);
		free(el);
	} else if (*val == '{' && cd_rec_parse(&r, val, vlen, &err) == 0) {
		const struct cd_field *nm = cd_rec_find(&r, "name");

		if (nm && nm->type == CD_JSTR)
			ld_names(ld, nm->val, nm->vlen, b, depth + 1);
		else if (!b->len && !ld->author_id.len)
			cd_rec_string(&r, "@id", &ld->author_id);
	}
	cd_rec_release(&r);
}

/* Remember a Person node's @id and name for authors given by @id. */
static void ld_person(struct ld *ld, const struct cd_rec *r)
{
	struct cd_buf id = CD_BUF_INIT;

	if (cd_rec_string(r, "@id", &id) && ld_string(r, "name", &ld->s)) {
		cd_buf_add(&ld->persons, id.p, id.len + 1);
		cd_buf_add(&ld->persons, ld->s.p, ld->s.len + 1);
	}
	cd_buf_release(&id);
}

/* The date member key of r into slot iso. */
static void ld_date(struct ld *ld, const struct cd_rec *r, const char *key,
		    char iso[11])
{
	if (cd_rec_string(r, key, &ld->s))
		cd_pm_offer_date(iso, ld->s.p, ld->s.len);
}

/* Take what an article node r says: headline, dates, author, publisher. */
static void ld_article(struct ld *ld, const struct cd_rec *r)
{
	struct found *f = ld->f;
	const struct cd_field *v;
	struct cd_rec p;
	struct cd_jerr err;

	if (ld_string(r, "headline", &ld->s) || ld_string(r, "name", &ld->s))
		cd_pm_offer(&f->title[T_LD], &ld->s);
	ld_date(ld, r, "datePublished", f->date[D_LD]);
	ld_date(ld, r, "dateCreated", f->date[D_OTHER]);
	ld_date(ld, r, "dateModified", f->date[D_MOD]);
	if ((v = cd_rec_find(r, "author")) && !f->author[A_LD].len)
		ld_names(ld, v->val, v->vlen, &f->author[A_LD], 0);
	if ((v = cd_rec_find(r, "publisher")) && v->type == CD_JOBJ) {
		cd_rec_init(&p);
		if (cd_rec_parse(&p, v->val, v->vlen, &err) == 0 &&
		    ld_string(&p, "name", &ld->s))
			cd_pm_offer(&f->site[S_LD], &ld->s);
		cd_rec_release(&p);
	}
}

/* Read the node r (an object) and the nodes of its @graph. */
static void ld_object(struct ld *ld, const struct cd_rec *r, int depth)
{
	const struct cd_field *g = cd_rec_find(r, "@graph");

	if (ld_is(r, article_types))
		ld_article(ld, r);
	else if (ld_is(r, page_types))
		ld_date(ld, r, "datePublished", ld->f->date[D_OTHER]);
	else if (ld_is(r, person_types))
		ld_person(ld, r);
	if (g && g->type == CD_JARR)
		ld_value(ld, g->val, g->vlen, depth + 1);
}

/* Read a JSON-LD value: an object or an array of them. */
static void ld_value(struct ld *ld, const char *val, size_t vlen, int depth)
{
	struct cd_rec r;
	struct cd_jerr err;
	struct cd_field *el;
	size_t i, n;

	if (depth > 4)
		return;
	cd_rec_init(&r);
	if (cd_rec_parse(&r, val, vlen, &err) == 0) {
		ld_object(ld, &r, depth);
	} else if (cd_json_array(&r, val, vlen, &err) == 0 && r.nf) {
		/* (an empty array has no fields: r.f may be NULL) */
		n = r.nf;
		el = cd_xmalloc((n + 1) * sizeof(*el));
		memcpy(el, r.f, n * sizeof(*el));
		for (i = 0; i < n; i++)
			if (el[i].type == CD_JOBJ || el[i].type == CD_JARR)
				ld_value(ld, el[i].val, el[i].vlen, depth + 1);
		free(el);
	}
	cd_rec_release(&r);
}

/* Parse the JSON-LD text s of a script element; raw control characters
 * (line breaks inside strings, which pages often have) become spaces. */
void cd_pm_ld_script(struct ld *ld, const char *s)
{
	struct cd_buf t = CD_BUF_INIT;
	size_t i;

	cd_buf_adds(&t, s);
	for (i = 0; i < t.len; i++)
		if ((unsigned char)t.p[i] < 0x20)
			t.p[i] = ' ';
	if (t.len)
		ld_value(ld, t.p, t.len, 0);
	cd_buf_release(&t);
}

/* The name of the Person whose @id the article's author gave. */
void cd_pm_ld_resolve(struct ld *ld)
{
	const char *p = ld->persons.p, *end;
	struct cd_buf *a = &ld->f->author[A_LD];

	if (a->len || !ld->author_id.len || !p)
		return;
	end = p + ld->persons.len;
	while (p < end) {
		const char *name = p + strlen(p) + 1;

		if (strcmp(p, ld->author_id.p) == 0) {
			cd_buf_adds(a, name);
			return;
		}
		p = name + strlen(name) + 1;
	}
}
