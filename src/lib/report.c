/* report.c - the two passes of copydesk-report; see report.h.  The page
 * itself is drawn by reportpage.c. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xxhash.h>

#include "date.h"
#include "htmlw.h"
#include "report_int.h"
#include "text.h"

/* ---- maps (hmap.h) ---- */

/* The hash of a text; never 0, which marks an empty slot. */
static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = XXH3_64bits(s, len);

	return h ? h : 1;
}

uint64_t cd_report_hash_buf(const struct cd_buf *b)
{
	return hash(cd_buf_str(b), b->len);
}

/* The counters of h in gs, made on first sight. */
struct group *cd_report_group_of(struct groups *gs, uint64_t h)
{
	size_t j = cd_hmap_slot(&gs->map, h);

	if (gs->map.keys[j])
		return &gs->g[gs->map.vals[j]];
	gs->g = cd_xgrow(gs->g, &gs->cap, gs->n + 1, sizeof(*gs->g));
	gs->g[gs->n] = (struct group){ .h = h, .order = (uint32_t)gs->n,
		.first = NO_DAY, .last = NO_DAY, .shown = -1 };
	cd_hmap_set(&gs->map, j, h, (uint32_t)gs->n);
	return &gs->g[gs->n++];
}

/* The counters of h in gs when they exist and are shown, else NULL. */
struct group *cd_report_shown_group(struct groups *gs, uint64_t h)
{
	uint32_t i;

	return cd_hmap_get(&gs->map, h, &i) && gs->g[i].shown >= 0 ?
	       &gs->g[i] : NULL;
}

/* Count one more quotation of g (a family or speaker of gs), from
 * document doc: g->ndocs counts the distinct documents, in whatever
 * order their quotations come (a set of (group, document) pairs). */
void cd_report_count_quoted(struct groups *gs, struct group *g, uint64_t doc)
{
	uint64_t pair = doc * UINT64_C(0x9E3779B97F4A7C15) ^ g->h;

	g->n++;
	if (cd_hmap_add(&gs->pairs, pair ? pair : 1))
		g->ndocs++;
}

/* Keep day in the first and last days of g. */
static void group_day(struct group *g, int32_t day)
{
	if (day == NO_DAY)
		return;
	if (g->first == NO_DAY || day < g->first)
		g->first = day;
	if (g->last == NO_DAY || day > g->last)
		g->last = day;
}

static void groups_release(struct groups *gs)
{
	cd_hmap_free(&gs->map);
	cd_hmap_free(&gs->pairs);
	free(gs->g);
}

/* ---- fields ---- */

/* Parse the record's "group" object into r->grp (empty when absent).
 * Returns -1 when "group" is there but not an object. */
int cd_report_read_group(struct cd_report *r, const struct cd_rec *rec)
{
	const struct cd_field *f = cd_rec_find(rec, "group");
	struct cd_jerr err;

	r->grp.nf = 0;
	if (!f || f->type == CD_JNULL)
		return 0;
	if (f->type != CD_JOBJ)
		return -1;
	/* The value was validated with its record: this cannot fail. */
	return cd_rec_parse(&r->grp, f->val, f->vlen, &err) == 0 ? 0 : -1;
}

/* The hash of group member key when it is a string, else 0. */
uint64_t cd_report_group_hash(struct cd_report *r, const char *key)
{
	return cd_rec_string(&r->grp, key, &r->s6) ?
	       cd_report_hash_buf(&r->s6) : 0;
}

/* The hash of the record this one copies (group.near, else group.dup,
 * when it is not the record itself), or 0. */
static uint64_t copy_of(struct cd_report *r, uint64_t self)
{
	uint64_t near = cd_report_group_hash(r, "near");
	uint64_t dup = cd_report_group_hash(r, "dup");

	if (near && near != self)
		return near;
	return dup && dup != self ? dup : 0;
}

/* group.sim as a number, or -1. */
static double group_sim(struct cd_report *r)
{
	const struct cd_field *f = cd_rec_find(&r->grp, "sim");
	char num[64];

	if (!f || f->type != CD_JNUM || f->vlen >= sizeof(num))
		return -1;
	memcpy(num, f->val, f->vlen);
	num[f->vlen] = '\0';
	return strtod(num, NULL);
}

/* The record's date as days since 1970 (and as "YYYY-MM-DD" in iso when
 * not NULL; "" when there is none), or NO_DAY. */
static int32_t record_day(struct cd_report *r, const struct cd_rec *rec,
			  char iso[11])
{
	char d[11];

	if (iso)
		iso[0] = '\0';
	if (!cd_rec_string(rec, "date", &r->s6) ||
	    !cd_date_find(cd_buf_str(&r->s6), r->s6.len, d))
		return NO_DAY;
	if (iso)
		memcpy(iso, d, 11);
	return (int32_t)cd_date_days(atoi(d), atoi(d + 5), atoi(d + 8));
}

/* Put the host of URL u[0..len) in out, in lower case (host names ignore
 * case), without user, port and "www.".  False when u has no "://" or an
 * empty host. */
static bool url_host(const char *u, size_t len, struct cd_buf *out)
{
	const char *p = memmem(u, len, "://", 3), *end = u + len, *q, *at;

	if (!p)
		return false;
	p += 3;
	for (end = p; end < u + len && !strchr("/?#", *end); end++)
		;
	if ((at = memrchr(p, '@', (size_t)(end - p))))
		p = at + 1;
	for (q = p; q < end && *q != ':'; q++)
		;
	if (q - p > 4 && cd_text_ieq(p, "www.", 4))
		p += 4;
	cd_buf_reset(out);
	for (; p < q; p++)
		cd_buf_addc(out, (char)cd_text_lower((unsigned char)*p));
	return out->len > 0;
}

/* The outlet of a record (see report.h) into out; id is its id, or its
 * "doc" for a quotation. */
static void outlet(struct cd_report *r, const struct cd_rec *rec,
		   const struct cd_buf *id, struct cd_buf *out)
{
	const char *s = cd_buf_str(id), *p;
	size_t i;

	if (cd_rec_string(rec, "source", out) && out->len)
		return;
	if (cd_rec_string(rec, "url", &r->s6) &&
	    url_host(cd_buf_str(&r->s6), r->s6.len, out))
		return;
	for (i = id->len, p = s; i > 0; i--)
		if (s[i - 1] == '/' || s[i - 1] == ':') {
			p = s + i;
			break;
		}
	cd_buf_reset(out);
	cd_buf_add(out, p, id->len - (size_t)(p - s));
}

/* ---- pass 1 ---- */

int cd_report_count_doc(struct cd_report *r, const struct cd_rec *rec,
			const char **why)
{
	uint64_t id, story;
	struct group *g;

	if (!cd_rec_string(rec, "id", &r->s1)) {
		*why = "no string 'id' field";
		return -1;
	}
	if (cd_report_read_group(r, rec) != 0) {
		*why = "field 'group' is not an object";
		return -1;
	}
	if (r->o.text) {
		cd_report_text_count_doc(r, rec);
		return 0;
	}
	id = cd_report_hash_buf(&r->s1);
	story = cd_report_group_hash(r, "story");
	g = cd_report_group_of(&r->stories, story ? story : id);
	g->n++;
	g->ndocs++;	/* a story's records are its articles */
	group_day(g, record_day(r, rec, NULL));
	r->last_a = (uint32_t)(g - r->stories.g);
	r->last_b = NO_GROUP;
	if (copy_of(r, id)) {
		g->copies++;
		r->ncopies++;
	}
	r->ndocs++;
	return 0;
}

/* The family of a quotation whose id is in r->s1 (the job's summary:
 * group.near, else group.dup, else its id). */
uint64_t cd_report_family_hash(struct cd_report *r)
{
	uint64_t h = cd_report_group_hash(r, "near");

	if (!h)
		h = cd_report_group_hash(r, "dup");
	return h ? h : cd_report_hash_buf(&r->s1);
}

/* The document of a quotation into r->s3: its "doc", else its id. */
static void quote_doc(struct cd_report *r, const struct cd_rec *rec)
{
	if (!cd_rec_string(rec, "doc", &r->s3)) {
		cd_buf_reset(&r->s3);
		cd_buf_add(&r->s3, cd_buf_str(&r->s1), r->s1.len);
	}
}

/* Decode a quotation's id (s1) and quote (s2) and parse its group.
 * Returns -1 with *why set when one is missing. */
int cd_report_quote_fields(struct cd_report *r, const struct cd_rec *rec,
			   const char **why)
{
	if (!cd_rec_string(rec, "id", &r->s1)) {
		*why = "no string 'id' field";
		return -1;
	}
	if (!cd_rec_string(rec, "quote", &r->s2)) {
		*why = "no string 'quote' field";
		return -1;
	}
	if (cd_report_read_group(r, rec) != 0) {
		*why = "field 'group' is not an object";
		return -1;
	}
	quote_doc(r, rec);
	return 0;
}

int cd_report_count_quote(struct cd_report *r, const struct cd_rec *rec,
			  const char **why)
{
	struct group *g;
	uint64_t doc;
	int32_t day;

	if (cd_report_quote_fields(r, rec, why) != 0)
		return -1;
	if (r->o.text) {
		cd_report_text_count_quote(r);
		return 0;
	}
	doc = cd_report_hash_buf(&r->s3);
	day = record_day(r, rec, NULL);
	g = cd_report_group_of(&r->families, cd_report_family_hash(r));
	cd_report_count_quoted(&r->families, g, doc);
	group_day(g, day);
	r->last_a = (uint32_t)(g - r->families.g);
	r->last_b = NO_GROUP;
	if (cd_rec_string(rec, "speaker", &r->s4) && r->s4.len) {
		g = cd_report_group_of(&r->speakers,
				       cd_report_hash_buf(&r->s4));
		cd_report_count_quoted(&r->speakers, g, doc);
		group_day(g, day);
		r->last_b = (uint32_t)(g - r->speakers.g);
		r->nspeaker++;
	}
	r->nquotes++;
	return 0;
}

void cd_report_place(struct cd_report *r, enum cd_report_input in,
		     uint64_t line)
{
	struct input_lines *l = &r->lines[in];

	if (line == 0 || line > SIZE_MAX / sizeof(*l->v))
		return;
	l->v = cd_xgrow(l->v, &l->cap, (size_t)line, sizeof(*l->v));
	while (l->n < line - 1)
		l->v[l->n++] = (struct line_groups){ NO_GROUP, NO_GROUP };
	l->v[line - 1] = (struct line_groups){ r->last_a, r->last_b };
	if (l->n < line)
		l->n = (size_t)line;
}

/* ---- choosing ---- */

/* Order groups: most articles, then most records (families and
 * speakers: a story's ndocs is its n), then first seen. */
static int by_size(const void *a, const void *b)
{
	const struct group *x = *(struct group *const *)a;
	const struct group *y = *(struct group *const *)b;

	if (x->ndocs != y->ndocs)
		return x->ndocs > y->ndocs ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

size_t cd_report_rank(struct groups *gs, uint32_t min, size_t top,
		      int (*cmp)(const void *, const void *),
		      struct group ***shown, uint64_t *all)
{
	struct group **v = cd_xmalloc((gs->n + 1) * sizeof(*v));
	size_t n = 0, i;

	for (i = 0; i < gs->n; i++)
		if (gs->g[i].n >= min)
			v[n++] = &gs->g[i];
	qsort(v, n, sizeof(*v), cmp);
	*all = n;
	if (n > top)
		n = top;
	for (i = 0; i < n; i++)
		v[i]->shown = (int32_t)i;
	*shown = v;
	return n;
}

/* Size the timeline of a story from its first and last days. */
static void timeline_init(struct sstory *s)
{
	int32_t span;

	if (s->g->first == NO_DAY)
		return;
	span = s->g->last - s->g->first + 1;
	s->nbins = span < MAX_BINS ? span : MAX_BINS;
	s->binw = (span + s->nbins - 1) / s->nbins;
	s->nbins = (span + s->binw - 1) / s->binw;	/* none left empty past the last day */
	s->bins = cd_xcalloc((size_t)s->nbins, sizeof(*s->bins));
}

void cd_report_choose(struct cd_report *r)
{
	struct group **v;
	uint64_t all;
	size_t i;

	if (r->o.text) {
		cd_report_text_choose(r);
		return;
	}
	/* Stories of one article are counted, not listed. */
	r->nss = cd_report_rank(&r->stories, 2, r->o.top, by_size, &v,
				&r->nmulti);
	r->ss = cd_xcalloc(r->nss + 1, sizeof(*r->ss));
	for (i = 0; i < r->nss; i++) {
		r->ss[i].g = v[i];
		timeline_init(&r->ss[i]);
	}
	free(v);
	r->nsf = cd_report_rank(&r->families, 1, r->o.top, by_size, &v, &all);
	r->sf = cd_xcalloc(r->nsf + 1, sizeof(*r->sf));
	for (i = 0; i < r->nsf; i++)
		r->sf[i].g = v[i];
	free(v);
	r->nsp = cd_report_rank(&r->speakers, 1, r->o.top, by_size, &v, &all);
	r->sp = cd_xcalloc(r->nsp + 1, sizeof(*r->sp));
	for (i = 0; i < r->nsp; i++)
		r->sp[i].g = v[i];
	free(v);
}

/* ---- pass 2 ---- */

/* Is group i of gs (NO_GROUP: none) shown? */
static bool is_shown(const struct groups *gs, uint32_t i)
{
	return i != NO_GROUP && i < gs->n && gs->g[i].shown >= 0;
}

bool cd_report_needed(const struct cd_report *r, enum cd_report_input in,
		      uint64_t line)
{
	const struct input_lines *l = &r->lines[in];
	const struct line_groups *g;

	if (line == 0 || line > l->n)
		return false;
	g = &l->v[line - 1];
	if (in == CD_REPORT_DOCS)
		return is_shown(&r->stories, g->a) &&
		       (!r->o.text || g->b == TEXT_FIRST);
	return is_shown(&r->families, g->a) || is_shown(&r->speakers, g->b);
}

/* A malloc'd C string of b, at most max bytes of it (cut at a character
 * start), each NUL byte turned into U+FFFD so the copy is whole. */
static char *keep(const struct cd_buf *b, size_t max)
{
	struct cd_buf c = CD_BUF_INIT;
	size_t len = b->len, i;

	if (len > max) {
		len = max;
		while (len > 0 && ((unsigned char)b->p[len] & 0xC0) == 0x80)
			len--;
	}
	cd_buf_add(&c, "", 0);	/* storage and its NUL even when len is 0 */
	for (i = 0; i < len; i++)
		if (b->p[i])
			cd_buf_addc(&c, b->p[i]);
		else
			cd_buf_adds(&c, "\xEF\xBF\xBD");
	return c.p;
}

/* Keep the article of the record in story s: its id is in r->s1, its
 * outlet in r->s4. */
static void add_article(struct cd_report *r, struct sstory *s,
			const struct cd_rec *rec, uint64_t id)
{
	struct article *a;

	s->a = cd_xgrow(s->a, &s->acap, s->na + 1, sizeof(*s->a));
	a = &s->a[s->na++];
	memset(a, 0, sizeof(*a));
	a->id = keep(&r->s1, r->o.text_max);
	a->outlet = keep(&r->s4, r->o.text_max);
	if (cd_rec_string(rec, "title", &r->s2))
		a->title = keep(&r->s2, r->o.text_max);
	if (cd_rec_string(rec, "url", &r->s2) &&
	    cd_htmlw_url_ok(cd_buf_str(&r->s2), r->s2.len))
		a->url = keep(&r->s2, 2048);
	a->h = id;
	a->seq = (uint32_t)s->na;
	a->near = copy_of(r, id);
	a->sim = group_sim(r);
	record_day(r, rec, a->date);
}

void cd_report_collect_doc(struct cd_report *r, const struct cd_rec *rec)
{
	uint64_t id, story;
	struct group *g;
	struct sstory *s;
	int32_t day;

	if (!cd_rec_string(rec, "id", &r->s1) ||
	    cd_report_read_group(r, rec) != 0)
		return;
	if (r->o.text) {
		cd_report_text_collect_doc(r, rec);
		return;
	}
	id = cd_report_hash_buf(&r->s1);
	story = cd_report_group_hash(r, "story");
	if (!(g = cd_report_shown_group(&r->stories, story ? story : id)))
		return;
	s = &r->ss[g->shown];
	outlet(r, rec, &r->s1, &r->s4);
	cd_hmap_add(&s->outlets, cd_report_hash_buf(&r->s4));
	day = record_day(r, rec, NULL);
	if (s->bins && day != NO_DAY && day >= g->first && day <= g->last)
		s->bins[(day - g->first) / s->binw]++;
	if (id == g->h && !s->title && cd_rec_string(rec, "title", &r->s2))
		s->title = keep(&r->s2, r->o.text_max);
	if (s->na < r->o.top)
		add_article(r, s, rec, id);
}

/* Keep an earlier ISO date in *first ("" is none). */
static void earliest(char first[11], const char *iso)
{
	if (iso[0] && (!first[0] || strcmp(iso, first) < 0))
		memcpy(first, iso, 11);
}

/* Count a vote for the speaker name in r->s4. */
static void vote(struct cd_report *r, struct sfamily *f)
{
	uint64_t h = cd_report_hash_buf(&r->s4);
	size_t i;

	for (i = 0; i < f->nvotes; i++)
		if (f->votes[i].h == h) {
			f->votes[i].n++;
			return;
		}
	if (f->nvotes < MAX_VOTES)
		f->votes[f->nvotes++] = (struct vote){
			keep(&r->s4, r->o.text_max), h, 1 };
}

/* Count the quotation text in r->s2, from the outlet in r->s5, dated
 * iso, as a use of its variant of f. */
static void add_variant(struct cd_report *r, struct sfamily *f,
			const char *iso)
{
	uint64_t h = cd_report_hash_buf(&r->s2);
	uint64_t oh = cd_report_hash_buf(&r->s5);
	struct variant *v = NULL;
	size_t i;

	if (cd_hmap_add(&f->allv, h) && f->nv < MAX_VARIANTS) {
		v = &f->v[f->nv++];
		v->text = keep(&r->s2, 4 * r->o.text_max);
		v->len = strlen(v->text);
		v->h = h;
	}
	for (i = 0; i < f->nv && !v; i++)
		if (f->v[i].h == h)
			v = &f->v[i];
	if (!v)
		return;
	v->uses++;
	earliest(v->first, iso);
	if (cd_hmap_add(&v->outh, oh) && v->nnames < MAX_NAMES)
		v->names[v->nnames++] = keep(&r->s5, 200);
}

/* Pass 2 for the speaker of a quotation (in r->s4) and its outlet (s5). */
static void collect_speaker(struct cd_report *r)
{
	struct group *g = cd_report_shown_group(&r->speakers,
						cd_report_hash_buf(&r->s4));
	struct sspeaker *p;

	if (!g)
		return;
	p = &r->sp[g->shown];
	if (!p->name)
		p->name = keep(&r->s4, r->o.text_max);
	cd_hmap_add(&p->outlets, cd_report_hash_buf(&r->s5));
}

void cd_report_collect_quote(struct cd_report *r, const struct cd_rec *rec)
{
	const char *why;
	struct group *g;
	struct sfamily *f = NULL;
	char iso[11];
	bool spk;

	if (cd_report_quote_fields(r, rec, &why) != 0)
		return;
	if (r->o.text) {
		cd_report_text_collect_quote(r, rec);
		return;
	}
	spk = cd_rec_string(rec, "speaker", &r->s4) && r->s4.len;
	outlet(r, rec, &r->s3, &r->s5);
	record_day(r, rec, iso);
	if (spk)
		collect_speaker(r);
	g = cd_report_shown_group(&r->families, cd_report_family_hash(r));
	if (!g)
		return;
	f = &r->sf[g->shown];
	cd_hmap_add(&f->outlets, cd_report_hash_buf(&r->s5));
	earliest(f->first, iso);
	if (spk)
		vote(r, f);
	add_variant(r, f, iso);
}

/* ---- life cycle ---- */

void cd_report_opts_init(struct cd_report_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->top = 25;
	o->text_max = 600;
}

struct cd_report *cd_report_new(const struct cd_report_opts *o)
{
	struct cd_report *r = cd_xcalloc(1, sizeof(*r));

	r->o = *o;
	if (r->o.text_max < 16)
		r->o.text_max = 16;
	cd_rec_init(&r->grp);
	return r;
}

void cd_report_inputs(struct cd_report *r, enum cd_report_input in,
		      uint64_t nread, uint64_t nrej)
{
	r->in[in] = (struct input_figures){ nread, nrej, true };
}

/* Exchange the n bytes at a and b. */
static void swap_bytes(void *a, void *b, size_t n)
{
	unsigned char *x = a, *y = b, t;

	for (; n > 0; n--, x++, y++) {
		t = *x;
		*x = *y;
		*y = t;
	}
}

#define SWAP(a, b) swap_bytes(&(a), &(b), sizeof(a))

void cd_report_take_quotes(struct cd_report *r, struct cd_report *from)
{
	SWAP(r->families, from->families);
	SWAP(r->speakers, from->speakers);
	SWAP(r->sf, from->sf);
	SWAP(r->nsf, from->nsf);
	SWAP(r->sp, from->sp);
	SWAP(r->nsp, from->nsp);
	SWAP(r->t.tf, from->t.tf);
	SWAP(r->t.ntf, from->t.ntf);
	SWAP(r->lines[CD_REPORT_QUOTES], from->lines[CD_REPORT_QUOTES]);
	r->in[CD_REPORT_QUOTES] = from->in[CD_REPORT_QUOTES];
	r->nquotes = from->nquotes;
	r->nspeaker = from->nspeaker;
}

/* Free what a shown story keeps. */
static void sstory_release(struct sstory *s)
{
	size_t i;

	for (i = 0; i < s->na; i++) {
		free(s->a[i].id);
		free(s->a[i].title);
		free(s->a[i].outlet);
		free(s->a[i].url);
	}
	free(s->a);
	free(s->title);
	free(s->bins);
	cd_hmap_free(&s->outlets);
}

/* Free what a shown family keeps. */
static void sfamily_release(struct sfamily *f)
{
	size_t i, j;

	for (i = 0; i < f->nv; i++) {
		free(f->v[i].text);
		for (j = 0; j < f->v[i].nnames; j++)
			free(f->v[i].names[j]);
		cd_hmap_free(&f->v[i].outh);
	}
	for (i = 0; i < f->nvotes; i++)
		free(f->votes[i].name);
	cd_hmap_free(&f->allv);
	cd_hmap_free(&f->outlets);
}

void cd_report_free(struct cd_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nss; i++)
		sstory_release(&r->ss[i]);
	for (i = 0; i < r->nsf; i++)
		sfamily_release(&r->sf[i]);
	for (i = 0; i < r->nsp; i++) {
		free(r->sp[i].name);
		cd_hmap_free(&r->sp[i].outlets);
	}
	cd_report_text_release(r);
	free(r->ss);
	free(r->sf);
	free(r->sp);
	groups_release(&r->stories);
	groups_release(&r->families);
	groups_release(&r->speakers);
	free(r->lines[0].v);
	free(r->lines[1].v);
	cd_rec_release(&r->grp);
	cd_buf_release(&r->s1);
	cd_buf_release(&r->s2);
	cd_buf_release(&r->s3);
	cd_buf_release(&r->s4);
	cd_buf_release(&r->s5);
	cd_buf_release(&r->s6);
	free(r);
}
