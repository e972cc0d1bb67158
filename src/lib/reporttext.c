/*
 * reporttext.c - the text summary of copydesk-report (--text), the one
 * copydesk-job prints: the counts, every story of two or more articles,
 * every copy and the top quotation families, in the orders and with the
 * names, clipping and speakers its jq program gave them (report.h).
 * Lengths are in code points, strings compare by code point (by byte,
 * in UTF-8), as in jq.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "text.h"

/* The group key of a null or absent story: all such documents are one
 * group, as jq's group_by makes them. */
#define NULL_KEY UINT64_C(0x6e756c6c2d6b6579)

/* Is field f there, and neither null nor false (true for jq's //)? */
static bool truthy(const struct cd_field *f)
{
	return f && f->type != CD_JNULL &&
	       !(f->type == CD_JBOOL && f->val[0] == 'f');
}

/* ---- strings as jq sees them ---- */

/* The byte offset of code point n of s, or len when it has fewer. */
static size_t cp_offset(const char *s, size_t len, size_t n)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n-- == 0)
			return i;
	return len;
}

/* Append s cut to max code points with "..." ending it (the summary's
 * clip($n)). */
static void add_clip(struct cd_buf *b, const char *s, size_t len, size_t max)
{
	if (cd_text_chars(s, len) <= max) {
		cd_buf_add(b, s, len);
		return;
	}
	cd_buf_add(b, s, cp_offset(s, len, max - 3));
	cd_buf_adds(b, "...");
}

/* Append a record's name: its id without a leading "<" and a trailing
 * ">", cut after its last '/' or ':' (the summary's name). */
static void add_name(struct cd_buf *b, const char *s, size_t len)
{
	size_t i;

	if (len && s[0] == '<')
		s++, len--;
	if (len && s[len - 1] == '>')
		len--;
	for (i = len; i > 0 && s[i - 1] != '/' && s[i - 1] != ':'; i--)
		;
	cd_buf_add(b, s + i, len - i);
}

/* Append number v as jq 1.6 prints it: the shortest digits that read
 * back as v, in exponent form below 1e-4 or past 17 digits. */
static void add_number(struct cd_buf *b, double v)
{
	char t[40], d[20];
	int p, nd = 0, exp, decpt, i;
	const char *s;

	for (p = 1; p < 17; p++) {
		snprintf(t, sizeof(t), "%.*e", p - 1, v);
		if (strtod(t, NULL) == v)
			break;
	}
	snprintf(t, sizeof(t), "%.*e", p - 1, v);
	s = t;
	if (*s == '-')
		cd_buf_addc(b, *s++);
	for (; *s != 'e'; s++)
		if (*s != '.')
			d[nd++] = *s;
	exp = atoi(s + 1);
	while (nd > 1 && d[nd - 1] == '0')
		nd--;
	decpt = exp + 1;
	if (decpt <= -4 || decpt > nd + 15) {
		cd_buf_addc(b, d[0]);
		if (nd > 1) {
			cd_buf_addc(b, '.');
			cd_buf_add(b, d + 1, (size_t)nd - 1);
		}
		cd_buf_addf(b, "e%c%02d", exp < 0 ? '-' : '+',
			    exp < 0 ? -exp : exp);
	} else if (decpt <= 0) {
		cd_buf_adds(b, "0.");
		for (i = decpt; i < 0; i++)
			cd_buf_addc(b, '0');
		cd_buf_add(b, d, (size_t)nd);
	} else {
		for (i = 0; i < nd || i < decpt; i++) {
			if (i == decpt)
				cd_buf_addc(b, '.');
			cd_buf_addc(b, i < nd ? d[i] : '0');
		}
	}
}

/* Compare texts a[0..m) and b[0..n) as jq compares strings. */
static int text_cmp(const char *a, size_t m, const char *b, size_t n)
{
	int c = memcmp(a, b, m < n ? m : n);

	if (c)
		return c;
	return m < n ? -1 : m > n;
}

/* text_cmp of two struct str, for qsort. */
static int str_cmp(const void *a, const void *b)
{
	const struct str *x = a, *y = b;

	return text_cmp(x->p, x->len, y->p, y->len);
}

/* Longer texts (in code points) first, then as jq compares them. */
static int by_length(const void *a, const void *b)
{
	const struct str *x = a, *y = b;
	size_t m = cd_text_chars(x->p, x->len), n = cd_text_chars(y->p, y->len);

	if (m != n)
		return m > n ? -1 : 1;
	return str_cmp(a, b);
}

/* Append a copy of buffer t to l. */
static void strs_push(struct strs *l, const struct cd_buf *t)
{
	l->v = cd_xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n].p = cd_xmemdup(cd_buf_str(t), t->len);
	l->v[l->n++].len = t->len;
}

/* Sort l as jq compares strings and drop repeats (jq's unique). */
static void strs_unique(struct strs *l)
{
	size_t i, n = 0;

	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), str_cmp);
	for (i = 0; i < l->n; i++) {
		if (n && str_cmp(&l->v[n - 1], &l->v[i]) == 0) {
			free(l->v[i].p);
			continue;
		}
		l->v[n++] = l->v[i];
	}
	l->n = n;
}

static void strs_release(struct strs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].p);
	free(l->v);
}

/* ---- the passes ---- */

/* The key of member key of the record's group, equal for values jq
 * finds equal: a string's text, else the JSON text; NULL_KEY for null. */
static uint64_t value_key(struct cd_report *r, const char *key)
{
	const struct cd_field *f = cd_rec_find(&r->grp, key);

	if (!f || f->type == CD_JNULL)
		return NULL_KEY;
	if (f->type == CD_JSTR)
		return cd_report_group_hash(r, key);
	cd_buf_reset(&r->s6);
	cd_buf_add(&r->s6, f->val, f->vlen);
	return cd_report_hash_buf(&r->s6) ^ 1;
}

/* Is the document whose id hashes to id a copy: group.near neither null
 * nor its own id? */
static bool is_copy(struct cd_report *r, uint64_t id)
{
	uint64_t near = value_key(r, "near");

	return near != NULL_KEY && near != id;
}

/* Keep date d in the earliest and latest of story s. */
static void keep_date(struct tstory *s, const struct cd_buf *d)
{
	const char *t = cd_buf_str(d);

	if (!s->dated ||
	    text_cmp(t, d->len, cd_buf_str(&s->min), s->min.len) < 0) {
		cd_buf_reset(&s->min);
		cd_buf_add(&s->min, t, d->len);
	}
	if (!s->dated ||
	    text_cmp(t, d->len, cd_buf_str(&s->max), s->max.len) > 0) {
		cd_buf_reset(&s->max);
		cd_buf_add(&s->max, t, d->len);
	}
	s->dated = true;
}

/* Keep the line of a document (id in r->s1) of story s in b (s->first or
 * s->lines), and its date. */
static void add_member(struct cd_report *r, struct tstory *s,
		       struct cd_buf *b, const struct cd_rec *rec)
{
	const struct cd_field *d = cd_rec_find(rec, "date");

	cd_buf_adds(b, "      ");
	if (cd_rec_string(rec, "date", &r->s6)) {
		cd_buf_add(b, cd_buf_str(&r->s6), r->s6.len);
		keep_date(s, &r->s6);
	} else if (truthy(d)) {
		cd_buf_add(b, d->val, d->vlen);
	} else {
		cd_buf_adds(b, "----------");
	}
	cd_buf_adds(b, "  ");
	add_name(b, cd_buf_str(&r->s1), r->s1.len);
	cd_buf_adds(b, "  ");
	if (cd_rec_string(rec, "title", &r->s2))
		add_clip(b, cd_buf_str(&r->s2), r->s2.len, 70);
	else
		cd_buf_adds(b, "(no title)");
	cd_buf_addc(b, '\n');
}

/* Keep the line of a copy (its id in r->s1). */
static void add_copy(struct cd_report *r)
{
	const struct cd_field *sim = cd_rec_find(&r->grp, "sim");
	const struct cd_field *near = cd_rec_find(&r->grp, "near");
	struct cd_buf *b = &r->t.copies;

	cd_buf_adds(b, "  ");
	add_name(b, cd_buf_str(&r->s1), r->s1.len);
	cd_buf_adds(b, " is a copy of ");
	if (cd_rec_string(&r->grp, "near", &r->s6))
		add_name(b, cd_buf_str(&r->s6), r->s6.len);
	else
		cd_buf_add(b, near->val, near->vlen);
	if (truthy(sim)) {
		cd_buf_adds(b, " (similarity ");
		if (sim->type == CD_JNUM)
			add_number(b, strtod(sim->val, NULL));
		else if (cd_rec_string(&r->grp, "sim", &r->s6))
			cd_buf_add(b, cd_buf_str(&r->s6), r->s6.len);
		else
			cd_buf_add(b, sim->val, sim->vlen);
		cd_buf_addc(b, ')');
	}
	cd_buf_addc(b, '\n');
}

/* The member lines of story g after its first, made at its second. */
static struct tstory *story_acc(struct cd_report *r, struct group *g)
{
	if (!g->acc) {
		r->t.acc = cd_xgrow(r->t.acc, &r->t.acap, r->t.nacc + 1,
				    sizeof(*r->t.acc));
		memset(&r->t.acc[r->t.nacc], 0, sizeof(*r->t.acc));
		g->acc = (uint32_t)++r->t.nacc;
	}
	return &r->t.acc[g->acc - 1];
}

/* Pass 1 keeps the line of every member of a story but its first (the
 * story then has two members or more, so it is listed), and the line of
 * every copy: pass 2 reads only the first members of the stories. */
void cd_report_text_count_doc(struct cd_report *r, const struct cd_rec *rec)
{
	uint64_t id = cd_report_hash_buf(&r->s1);
	struct group *g = cd_report_group_of(&r->stories,
					     value_key(r, "story"));
	struct tstory *s;

	g->n++;
	g->ndocs++;
	r->last_a = (uint32_t)(g - r->stories.g);
	r->last_b = g->n == 1 ? TEXT_FIRST : NO_GROUP;
	if (g->n > 1) {
		s = story_acc(r, g);
		add_member(r, s, &s->lines, rec);
	}
	if (is_copy(r, id)) {
		add_copy(r);
		r->ncopies++;
	}
	r->ndocs++;
}

void cd_report_text_count_quote(struct cd_report *r)
{
	struct group *g = cd_report_group_of(&r->families,
					     cd_report_family_hash(r));

	cd_report_count_quoted(&r->families, g, cd_report_hash_buf(&r->s3));
	r->last_a = (uint32_t)(g - r->families.g);
	r->last_b = NO_GROUP;
	r->nquotes++;
}

/* Most documents first (a story's articles, the documents quoting a
 * family), then the first seen. */
static int by_documents(const void *a, const void *b)
{
	const struct group *x = *(struct group *const *)a;
	const struct group *y = *(struct group *const *)b;

	if (x->ndocs != y->ndocs)
		return x->ndocs > y->ndocs ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void cd_report_text_choose(struct cd_report *r)
{
	struct group **v;
	uint64_t all;
	size_t i;

	r->t.nts = cd_report_rank(&r->stories, 2, SIZE_MAX, by_documents, &v,
				  &r->nmulti);
	r->t.ts = cd_xcalloc(r->t.nts + 1, sizeof(*r->t.ts));
	for (i = 0; i < r->t.nts; i++) {
		/* a story of two members or more has its lines in acc */
		r->t.ts[i] = r->t.acc[v[i]->acc - 1];
		r->t.ts[i].g = v[i];
	}
	free(v);
	free(r->t.acc);
	r->t.acc = NULL;
	r->t.nacc = r->t.acap = 0;
	r->t.ntf = cd_report_rank(&r->families, 1, r->o.top, by_documents, &v,
				  &all);
	r->t.tf = cd_xcalloc(r->t.ntf + 1, sizeof(*r->t.tf));
	for (i = 0; i < r->t.ntf; i++)
		r->t.tf[i].g = v[i];
	free(v);
}

void cd_report_text_collect_doc(struct cd_report *r, const struct cd_rec *rec)
{
	struct group *g = cd_report_shown_group(&r->stories,
						value_key(r, "story"));
	struct tstory *s;

	if (g && !(s = &r->t.ts[g->shown])->first.len)
		add_member(r, s, &s->first, rec);
}

void cd_report_text_collect_quote(struct cd_report *r, const struct cd_rec *rec)
{
	struct group *g = cd_report_shown_group(&r->families,
						cd_report_family_hash(r));
	struct tfamily *f;

	if (!g)
		return;
	f = &r->t.tf[g->shown];
	if (cd_rec_string(rec, "speaker", &r->s4))
		strs_push(&f->speakers, &r->s4);
	cd_buf_reset(&r->s5);
	add_name(&r->s5, cd_buf_str(&r->s3), r->s3.len);
	strs_push(&f->docs, &r->s5);
	strs_push(&f->quotes, &r->s2);
}

/* ---- the text ---- */

/* Append "N WORD" or "N WORDs" (the summary's count). */
static void add_count(struct cd_buf *b, uint64_t n, const char *w)
{
	cd_buf_addf(b, "%llu %s%s", (unsigned long long)n, w,
		    n == 1 ? "" : "s");
}

/* Append ", FIRST" or ", FIRST to LAST", each cut to 10 code points. */
static void add_span(struct cd_buf *b, const struct tstory *s)
{
	size_t m, n;

	if (!s->dated)
		return;
	m = cp_offset(cd_buf_str(&s->min), s->min.len, 10);
	n = cp_offset(cd_buf_str(&s->max), s->max.len, 10);
	cd_buf_adds(b, ", ");
	cd_buf_add(b, cd_buf_str(&s->min), m);
	if (m != n || memcmp(cd_buf_str(&s->min), cd_buf_str(&s->max), m) != 0) {
		cd_buf_adds(b, " to ");
		cd_buf_add(b, cd_buf_str(&s->max), n);
	}
}

/* Append the stories of two or more articles with their articles. */
static void add_stories(struct cd_report *r, struct cd_buf *b)
{
	size_t i;

	cd_buf_adds(b, "\nStories\n");
	if (!r->t.nts)
		cd_buf_adds(b, "  (none)\n");
	for (i = 0; i < r->t.nts; i++) {
		struct tstory *s = &r->t.ts[i];

		cd_buf_addf(b, "  [%zu] ", i + 1);
		add_count(b, s->g->n, "article");
		add_span(b, s);
		cd_buf_addc(b, '\n');
		cd_buf_add(b, s->first.p, s->first.len);
		cd_buf_add(b, s->lines.p, s->lines.len);
	}
}

/* The longest (last of the longest) of l ending in " " and s, or s
 * itself (the summary's fullname). */
static const struct str *fullname(const struct strs *l, const size_t *len,
				  const struct str *s)
{
	const struct str *best = NULL;
	size_t i, blen = 0;

	for (i = 0; i < l->n; i++) {
		const struct str *a = &l->v[i];

		if (a->len <= s->len || a->p[a->len - s->len - 1] != ' ' ||
		    memcmp(a->p + a->len - s->len, s->p, s->len) != 0)
			continue;
		if (!best || len[i] >= blen) {
			best = a;
			blen = len[i];
		}
	}
	return best ? best : s;
}

/* The speaker of family f into *out: of the full names of its speakers,
 * the one given most often (the greatest of those, as jq's max_by
 * picks); false when it has none.  *out points into f. */
static bool speaker(const struct tfamily *f, struct str *out)
{
	const struct strs *l = &f->speakers;
	size_t *len = cd_xmalloc((l->n + 1) * sizeof(*len));
	struct str *full = cd_xmalloc((l->n + 1) * sizeof(*full));
	size_t i, j, most = 0;

	for (i = 0; i < l->n; i++)
		len[i] = cd_text_chars(l->v[i].p, l->v[i].len);
	for (i = 0; i < l->n; i++)
		full[i] = *fullname(l, len, &l->v[i]);
	if (l->n)
		qsort(full, l->n, sizeof(*full), str_cmp);
	for (i = 0; i < l->n; i = j) {
		for (j = i + 1; j < l->n; j++)
			if (str_cmp(&full[i], &full[j]) != 0)
				break;
		if (j - i >= most) {
			most = j - i;
			*out = full[i];
		}
	}
	free(full);
	free(len);
	return most > 0;
}

/* Append family number k, f, with its speaker, documents and up to four
 * of its texts, longest first. */
static void add_family(struct cd_buf *b, size_t k, struct tfamily *f)
{
	const struct group *g = f->g;
	struct str sp;
	bool known = speaker(f, &sp);
	size_t i;

	strs_unique(&f->docs);
	strs_unique(&f->quotes);
	if (f->quotes.n)
		qsort(f->quotes.v, f->quotes.n, sizeof(*f->quotes.v),
		      by_length);
	cd_buf_addf(b, "  [%zu] ", k + 1);
	if (known)
		cd_buf_add(b, sp.p, sp.len);
	else
		cd_buf_adds(b, "(speaker unknown)");
	cd_buf_adds(b, ", ");
	add_count(b, g->ndocs, "article");
	cd_buf_adds(b, ":");
	for (i = 0; i < f->docs.n; i++) {
		cd_buf_addc(b, ' ');
		cd_buf_add(b, f->docs.v[i].p, f->docs.v[i].len);
	}
	cd_buf_addc(b, '\n');
	for (i = 0; i < f->quotes.n && i < 4; i++) {
		cd_buf_adds(b, "      \"");
		add_clip(b, f->quotes.v[i].p, f->quotes.v[i].len, 100);
		cd_buf_adds(b, "\"\n");
	}
}

void cd_report_text(struct cd_report *r, struct cd_buf *b)
{
	size_t i;

	cd_buf_addf(b, "%llu documents, %llu stories of two or more, "
		    "%llu copies; %llu quotations in %zu families\n",
		    (unsigned long long)r->ndocs, (unsigned long long)r->nmulti,
		    (unsigned long long)r->ncopies,
		    (unsigned long long)r->nquotes, r->families.n);
	add_stories(r, b);
	cd_buf_adds(b, "\nCopies\n");
	if (r->t.copies.len)
		cd_buf_add(b, r->t.copies.p, r->t.copies.len);
	else
		cd_buf_adds(b, "  (none)\n");
	cd_buf_addf(b, "\nQuotations: the %zu most reported of %zu families\n",
		    r->t.ntf, r->families.n);
	for (i = 0; i < r->t.ntf; i++)
		add_family(b, i, &r->t.tf[i]);
}

static void tstory_release(struct tstory *s)
{
	cd_buf_release(&s->first);
	cd_buf_release(&s->lines);
	cd_buf_release(&s->min);
	cd_buf_release(&s->max);
}

void cd_report_text_release(struct cd_report *r)
{
	size_t i;

	for (i = 0; i < r->t.nacc; i++)	/* never chosen (pass 1 stopped) */
		tstory_release(&r->t.acc[i]);
	free(r->t.acc);
	for (i = 0; i < r->t.nts; i++)
		tstory_release(&r->t.ts[i]);
	for (i = 0; i < r->t.ntf; i++) {
		strs_release(&r->t.tf[i].speakers);
		strs_release(&r->t.tf[i].docs);
		strs_release(&r->t.tf[i].quotes);
	}
	free(r->t.ts);
	free(r->t.tf);
	cd_buf_release(&r->t.copies);
}
