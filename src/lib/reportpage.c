/* reportpage.c - cd_report_html: the HTML page of copydesk-report from
 * what the two passes kept (report_int.h).  Every input text goes through
 * htmlw.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "htmlw.h"
#include "report_int.h"

/* No script may run, nothing may be fetched: styles are inline, the
 * timelines inline SVG. */
static const char csp[] =
	"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
	"form-action 'none'";

static const char css[] =
":root{--ink:#1f2328;--muted:#656d76;--rule:#e4e1da;--paper:#faf8f4;"
"--card:#fff;--accent:#a4372a;--ins:#d3f2da;--del:#fde0de}\n"
"*{box-sizing:border-box}\n"
"body{margin:0;background:var(--paper);color:var(--ink);"
"font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',"
"Arial,sans-serif}\n"
"main{max-width:1100px;margin:0 auto;padding:20px 28px 60px}\n"
"h1,h2,h3{font-family:Georgia,'Times New Roman',serif;line-height:1.2;"
"overflow-wrap:anywhere}\n"
"h1{font-size:32px;margin:6px 0 2px}\n"
"h2{font-size:23px;border-bottom:2px solid var(--ink);padding-bottom:4px;"
"margin:36px 0 8px}\n"
"h2 .count{font:13px system-ui,sans-serif;color:var(--muted);"
"margin-left:8px}\n"
"h3{font-size:18px;margin:0 0 2px}\n"
"nav a{margin-right:14px;color:var(--accent)}\n"
".meta,.sub,.more{color:var(--muted);font-size:13px;margin:2px 0}\n"
".more{font-style:italic}\n"
".figures{display:grid;grid-template-columns:repeat(auto-fill,"
"minmax(140px,1fr));gap:10px;margin:14px 0}\n"
".fig{background:var(--card);border:1px solid var(--rule);"
"border-radius:6px;padding:8px 12px}\n"
".fig b{display:block;font:600 25px/1.1 Georgia,serif}\n"
".fig span{color:var(--muted);font-size:12px}\n"
".card{background:var(--card);border:1px solid var(--rule);"
"border-radius:8px;padding:14px 18px;margin:14px 0}\n"
"table{border-collapse:collapse;width:100%;font-size:13.5px}\n"
"th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--rule);"
"vertical-align:top;overflow-wrap:anywhere}\n"
"th{font-weight:600;color:var(--muted);font-size:11.5px;"
"text-transform:uppercase;letter-spacing:.04em}\n"
"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
"table.articles td:first-child{white-space:nowrap}\n"
".timeline text{font:10px system-ui,sans-serif;fill:#656d76}\n"
".badge{display:inline-block;font-size:11px;padding:0 7px;"
"border-radius:9px;white-space:nowrap}\n"
".orig{background:#e3efdc;color:#2d5a1b}.copy{background:#fbe8cf;"
"color:#84480a}\n"
".variants{display:grid;grid-template-columns:repeat(auto-fit,"
"minmax(250px,1fr));gap:10px;margin-top:8px}\n"
".variant{border-left:3px solid var(--accent);padding:2px 10px;"
"background:#fdfcfa}\n"
".variant.ref{border-left-color:var(--ink)}\n"
"blockquote{margin:0;font:16px/1.45 Georgia,serif;white-space:pre-wrap;"
"overflow-wrap:anywhere}\n"
"ins{background:var(--ins);text-decoration:none}\n"
"del{background:var(--del);color:#8a1c1c}\n"
"svg.timeline{display:block;margin:6px 0 8px}\n"
"footer{margin-top:40px;color:var(--muted);font-size:12px}\n";

/* Append n with thousands separators. */
static void num(struct cd_buf *b, uint64_t n)
{
	char d[32];
	int len = snprintf(d, sizeof(d), "%llu", (unsigned long long)n), i;

	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			cd_buf_addc(b, ',');
		cd_buf_addc(b, d[i]);
	}
}

/* Append "N word", or "N plural" (NULL: word and "s"). */
static void count(struct cd_buf *b, uint64_t n, const char *word,
		  const char *plural)
{
	num(b, n);
	if (n == 1)
		cd_buf_addf(b, " %s", word);
	else if (plural)
		cd_buf_addf(b, " %s", plural);
	else
		cd_buf_addf(b, " %ss", word);
}

/* Append escaped C string s (NULL: nothing). */
static void text(struct cd_buf *b, const char *s)
{
	if (s)
		cd_htmlw_text(b, s, strlen(s));
}

/* One figure card of the summary. */
static void figure(struct cd_buf *b, uint64_t n, const char *label)
{
	cd_buf_adds(b, "<div class=\"fig\"><b>");
	num(b, n);
	cd_buf_addf(b, "</b><span>%s</span></div>\n", label);
}

/* The document head, the page title and the inputs. */
static void head(struct cd_report *r, struct cd_buf *b)
{
	cd_buf_addf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, "
		    "initial-scale=1\">\n<meta name=\"generator\" "
		    "content=\"copydesk-report\">\n"
		    "<title>copydesk report</title>\n<style>\n%s</style>\n"
		    "</head>\n<body>\n<main>\n<header>\n"
		    "<h1>copydesk report</h1>\n<p class=\"sub\">", csp, css);
	cd_buf_adds(b, "Documents: ");
	text(b, r->o.docs_name ? r->o.docs_name : "<stdin>");
	if (r->in[CD_REPORT_QUOTES].given) {
		cd_buf_adds(b, " &middot; quotations: ");
		text(b, r->o.quotes_name ? r->o.quotes_name : "<stdin>");
	}
	cd_buf_adds(b, "</p>\n</header>\n<nav><a href=\"#stories\">Stories</a>"
		    "<a href=\"#families\">Quotation families</a>"
		    "<a href=\"#speakers\">Speakers</a>"
		    "<a href=\"#run\">The run</a></nav>\n");
}

/* The figures at the top. */
static void summary(struct cd_report *r, struct cd_buf *b)
{
	cd_buf_adds(b, "<section id=\"summary\" class=\"figures\">\n");
	figure(b, r->ndocs, "articles");
	figure(b, r->nmulti, "stories of two or more articles");
	figure(b, r->ncopies, "copies");
	figure(b, r->nquotes, "quotations");
	figure(b, r->families.n, "quotation families");
	figure(b, r->speakers.n, "speakers quoted");
	cd_buf_adds(b, "</section>\n");
}

/* "<h2>" title and "showing N of M" for a capped list. */
static void section_head(struct cd_buf *b, const char *id, const char *title,
			 size_t shown, uint64_t total)
{
	cd_buf_addf(b, "<section id=\"%s\" data-shown=\"%zu\" data-total=\"%llu\">"
		    "\n<h2>%s<span class=\"count\">", id, shown,
		    (unsigned long long)total, title);
	if (shown < total) {
		cd_buf_adds(b, "the first ");
		num(b, shown);
		cd_buf_adds(b, " of ");
	}
	num(b, total);
	cd_buf_adds(b, "</span></h2>\n");
}

/* A date range "FIRST to LAST" from two ISO dates ("" unknown). */
static void date_range(struct cd_buf *b, const char *first, const char *last)
{
	if (!first[0])
		return;
	cd_buf_addf(b, " &middot; %s", first);
	if (strcmp(first, last) != 0)
		cd_buf_addf(b, " to %s", last);
}

/* Days since 1970 as "YYYY-MM-DD" ("" for NO_DAY). */
static void iso_day(int32_t day, char out[11])
{
	time_t t = (time_t)day * 86400;
	struct tm tm;

	out[0] = '\0';
	if (day != NO_DAY && gmtime_r(&t, &tm))
		strftime(out, 11, "%Y-%m-%d", &tm);
}

/* "and N more things" under a list of all entries cut to shown. */
static void more(struct cd_buf *b, uint64_t all, uint64_t shown,
		 const char *what)
{
	if (all <= shown)
		return;
	cd_buf_adds(b, "<p class=\"more\">and ");
	count(b, all - shown, what, NULL);
	cd_buf_adds(b, "</p>\n");
}

/* The first and last dates under a timeline of width w, bars h high. */
static void timeline_labels(struct cd_buf *b, const struct sstory *s, int h,
			    int w)
{
	char first[11], last[11];

	iso_day(s->g->first, first);
	iso_day(s->g->last, last);
	cd_buf_addf(b, "<text x=\"0\" y=\"%d\">%s</text>", h + 13, first);
	if (strcmp(first, last) != 0)
		cd_buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">"
			    "%s</text>", w, h + 13, last);
}

/* The story's articles per day (or per bin of days) as inline SVG. */
static void timeline(struct cd_buf *b, const struct sstory *s)
{
	uint32_t max = 1;
	int i, h = 36, bw, w;
	char per[32];

	if (!s->bins)
		return;
	for (i = 0; i < s->nbins; i++)
		if (s->bins[i] > max)
			max = s->bins[i];
	/* 24 pixels a bar, within 130 and 300 pixels in all. */
	w = 24 * s->nbins < 130 ? 130 : 24 * s->nbins > 300 ? 300 : 24 * s->nbins;
	bw = w / s->nbins;
	if (s->binw == 1)
		snprintf(per, sizeof(per), "articles per day");
	else
		snprintf(per, sizeof(per), "articles per %d days", s->binw);
	cd_buf_addf(b, "<svg class=\"timeline\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">"
		    "<title>%s</title><line x1=\"0\" y1=\"%d\" x2=\"%d\" "
		    "y2=\"%d\" stroke=\"#c9c4ba\"/>", w, h + 16, w, h + 16, per,
		    per, h, w, h);
	for (i = 0; i < s->nbins; i++) {
		int bh = (int)((h - 2) * (uint64_t)s->bins[i] / max);

		if (s->bins[i])
			cd_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
				    "height=\"%d\" fill=\"#a4372a\"><title>%u</title>"
				    "</rect>", i * bw + 1, h - bh - 2,
				    bw > 3 ? bw - 2 : 1, bh + 2, s->bins[i]);
	}
	timeline_labels(b, s, h, w);
	cd_buf_adds(b, "</svg>\n");
}

/* The shown article that h names in s, or NULL. */
static const struct article *article_of(const struct sstory *s, uint64_t h)
{
	size_t i;

	for (i = 0; i < s->na; i++)
		if (s->a[i].h == h)
			return &s->a[i];
	return NULL;
}

/* How many shown articles of s copy h. */
static size_t copies_of(const struct sstory *s, uint64_t h)
{
	size_t i, n = 0;

	for (i = 0; i < s->na; i++)
		n += s->a[i].near == h;
	return n;
}

/* The last cell of an article's row: what it copies, or who copies it. */
static void copy_cell(struct cd_buf *b, const struct sstory *s,
		      const struct article *a)
{
	const struct article *o;
	size_t n;

	if (a->near) {
		o = article_of(s, a->near);
		cd_buf_adds(b, "<span class=\"badge copy\">copy</span> of ");
		if (o)
			text(b, o->outlet);
		else
			cd_buf_adds(b, "an article not listed");
		if (a->sim >= 0)
			cd_buf_addf(b, " &middot; similarity %.3g", a->sim);
	} else if ((n = copies_of(s, a->h)) > 0) {
		cd_buf_adds(b, "<span class=\"badge orig\">original</span> ");
		count(b, n, "copy", "copies");
	}
}

/* One row of the articles table. */
static void article_row(struct cd_buf *b, const struct sstory *s,
			const struct article *a)
{
	cd_buf_addf(b, "<tr%s><td>%s</td><td>", a->near ? " class=\"copied\"" : "",
		    a->date[0] ? a->date : "&mdash;");
	text(b, a->outlet);
	cd_buf_adds(b, "</td><td>");
	if (a->url) {
		cd_buf_adds(b, "<a rel=\"noreferrer\" href=\"");
		text(b, a->url);
		cd_buf_adds(b, "\">");
	}
	if (a->title)
		cd_htmlw_cut(b, a->title, strlen(a->title), 300);
	else
		cd_buf_adds(b, "<i>(no title)</i>");
	if (a->url)
		cd_buf_adds(b, "</a>");
	cd_buf_adds(b, "</td><td>");
	copy_cell(b, s, a);
	cd_buf_adds(b, "</td></tr>\n");
}

/* Order articles by date (undated last), then as read. */
static int by_date(const void *x, const void *y)
{
	const struct article *a = x, *b = y;
	int c;

	if (!a->date[0] != !b->date[0])
		return a->date[0] ? -1 : 1;
	if ((c = strcmp(a->date, b->date)) != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Open the i-th card of a kind ("story", "family"): its heading, title
 * cut to max bytes or the markup fallback, and its figures line, which
 * the caller fills and closes. */
static void card_open(struct cd_buf *b, const char *kind, size_t i,
		      const char *title, size_t max, const char *fallback)
{
	cd_buf_addf(b, "<article class=\"%s card\" id=\"%s-%zu\">\n<h3>",
		    kind, kind, i + 1);
	if (title)
		cd_htmlw_cut(b, title, strlen(title), max);
	else
		cd_buf_adds(b, fallback);
	cd_buf_adds(b, "</h3>\n<p class=\"meta\">");
}

/* One story: heading, figures, timeline, articles. */
static void story(struct cd_buf *b, struct sstory *s, size_t i)
{
	char first[11], last[11];
	const char *title = s->title;
	size_t j;

	qsort(s->a, s->na, sizeof(*s->a), by_date);
	for (j = 0; j < s->na && !title; j++)
		title = s->a[j].title;
	card_open(b, "story", i, title, 300, "(no title)");
	count(b, s->g->n, "article", NULL);
	cd_buf_adds(b, " &middot; ");
	count(b, s->outlets.n, "outlet", NULL);
	cd_buf_adds(b, " &middot; ");
	count(b, s->g->copies, "copy", "copies");
	iso_day(s->g->first, first);
	iso_day(s->g->last, last);
	date_range(b, first, last);
	cd_buf_adds(b, "</p>\n");
	timeline(b, s);
	cd_buf_adds(b, "<table class=\"articles\"><thead><tr><th>Date</th>"
		    "<th>Outlet</th><th>Title</th><th>Copies</th></tr></thead>"
		    "<tbody>\n");
	for (j = 0; j < s->na; j++)
		article_row(b, s, &s->a[j]);
	cd_buf_adds(b, "</tbody></table>\n");
	more(b, s->g->n, s->na, "more article");
	cd_buf_adds(b, "</article>\n");
}

static void stories(struct cd_report *r, struct cd_buf *b)
{
	size_t i;

	section_head(b, "stories", "Stories", r->nss, r->nmulti);
	cd_buf_addf(b, "<p class=\"meta\">Stories of two or more articles, the "
		    "largest first; %llu of %llu stories are a single article.</p>\n",
		    (unsigned long long)(r->stories.n - r->nmulti),
		    (unsigned long long)r->stories.n);
	for (i = 0; i < r->nss; i++)
		story(b, &r->ss[i], i);
	cd_buf_adds(b, "</section>\n");
}

/* Does name end in " " and short ("Rask" in "Anselm Rask")? */
static bool surname_of(const char *name, const char *short_name)
{
	size_t n = strlen(name), k = strlen(short_name);

	return n > k + 1 && name[n - k - 1] == ' ' &&
	       memcmp(name + n - k, short_name, k) == 0;
}

/* The votes for v's name: its own and those of the shorter names it
 * ends in, so an outlet that names the speaker by surname only counts
 * for the full name (as copydesk-job's summary does). */
static uint32_t votes_for(const struct sfamily *f, const struct vote *v)
{
	uint32_t n = v->n;
	size_t i;

	for (i = 0; i < f->nvotes; i++)
		if (surname_of(v->name, f->votes[i].name))
			n += f->votes[i].n;
	return n;
}

/* The speaker most quotations of a family name (the longer name on a
 * tie, so a full name wins over a surname), or NULL. */
static const char *family_speaker(const struct sfamily *f)
{
	const struct vote *best = NULL;
	uint32_t most = 0, n;
	size_t i;

	for (i = 0; i < f->nvotes; i++) {
		const struct vote *v = &f->votes[i];

		n = votes_for(f, v);
		if (!best || n > most ||
		    (n == most && strlen(v->name) > strlen(best->name))) {
			best = v;
			most = n;
		}
	}
	return best ? best->name : NULL;
}

/* Order variants: most used, then longest, then first seen. */
static int by_use(const void *x, const void *y)
{
	const struct variant *a = x, *b = y;

	if (a->uses != b->uses)
		return a->uses > b->uses ? -1 : 1;
	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	return strcmp(a->first, b->first);
}

/* One variant: its text, compared with ref unless it is ref, and who
 * used it. */
static void variant(struct cd_report *r, struct cd_buf *b,
		    const struct variant *v, const struct variant *ref)
{
	size_t i;

	cd_buf_addf(b, "<div class=\"variant%s\"><blockquote>",
		    v == ref ? " ref" : "");
	if (v == ref || v->len > 8 * r->o.text_max)
		cd_htmlw_cut(b, v->text, v->len, r->o.text_max);
	else
		cd_htmlw_diff(b, ref->text, ref->len, v->text, v->len);
	cd_buf_adds(b, "</blockquote>\n<p class=\"meta\">");
	count(b, v->uses, "use", NULL);
	if (v->first[0])
		cd_buf_addf(b, " &middot; first %s", v->first);
	cd_buf_adds(b, " &middot; ");
	for (i = 0; i < v->nnames; i++) {
		if (i)
			cd_buf_adds(b, ", ");
		text(b, v->names[i]);
	}
	if (v->outh.n > v->nnames)
		cd_buf_addf(b, " and %zu more", v->outh.n - v->nnames);
	cd_buf_adds(b, "</p></div>\n");
}

/* One quotation family: speaker, figures, the variants side by side. */
static void family(struct cd_report *r, struct cd_buf *b, struct sfamily *f,
		   size_t i)
{
	const char *who = family_speaker(f);
	size_t j;

	qsort(f->v, f->nv, sizeof(*f->v), by_use);
	card_open(b, "family", i, who, 200, "<i>speaker unknown</i>");
	count(b, f->g->ndocs, "article", NULL);
	cd_buf_adds(b, " &middot; ");
	count(b, f->outlets.n, "outlet", NULL);
	cd_buf_adds(b, " &middot; ");
	count(b, f->g->n, "quotation", NULL);
	cd_buf_adds(b, " &middot; ");
	count(b, f->allv.n, "variant", NULL);
	if (f->first[0])
		cd_buf_addf(b, " &middot; first seen %s", f->first);
	cd_buf_adds(b, "</p>\n<div class=\"variants\">\n");
	for (j = 0; j < f->nv; j++)
		variant(r, b, &f->v[j], &f->v[0]);
	cd_buf_adds(b, "</div>\n");
	more(b, f->allv.n, f->nv, "more variant");
	cd_buf_adds(b, "</article>\n");
}

static void families(struct cd_report *r, struct cd_buf *b)
{
	size_t i;

	section_head(b, "families", "Quotation families", r->nsf,
		     r->families.n);
	cd_buf_adds(b, "<p class=\"meta\">A family is one quotation as the "
		    "outlets reported it, the most reported first.  Each variant "
		    "is compared with the most used one (the first): "
		    "<ins>words it adds</ins>, <del>words it lacks</del>.</p>\n");
	for (i = 0; i < r->nsf; i++)
		family(r, b, &r->sf[i], i);
	cd_buf_adds(b, "</section>\n");
}

static void speakers(struct cd_report *r, struct cd_buf *b)
{
	size_t i;

	section_head(b, "speakers", "Most quoted speakers", r->nsp,
		     r->speakers.n);
	cd_buf_adds(b, "<table class=\"card\"><thead><tr><th>#</th><th>Speaker"
		    "</th><th>Articles</th><th>Quotations</th><th>Outlets</th>"
		    "</tr></thead><tbody>\n");
	for (i = 0; i < r->nsp; i++) {
		const struct sspeaker *p = &r->sp[i];

		cd_buf_addf(b, "<tr><td class=\"n\">%zu</td><td>", i + 1);
		if (p->name)
			cd_htmlw_cut(b, p->name, strlen(p->name), 200);
		cd_buf_adds(b, "</td><td class=\"n\">");
		num(b, p->g->ndocs);
		cd_buf_adds(b, "</td><td class=\"n\">");
		num(b, p->g->n);
		cd_buf_adds(b, "</td><td class=\"n\">");
		num(b, p->outlets.n);
		cd_buf_adds(b, "</td></tr>\n");
	}
	cd_buf_adds(b, "</tbody></table>\n</section>\n");
}

/* One row of the run's table. */
static void run_row(struct cd_buf *b, const char *what, uint64_t n)
{
	cd_buf_addf(b, "<tr><th>%s</th><td class=\"n\">", what);
	num(b, n);
	cd_buf_adds(b, "</td></tr>\n");
}

static void run_figures(struct cd_report *r, struct cd_buf *b)
{
	const struct input_figures *d = &r->in[CD_REPORT_DOCS];
	const struct input_figures *q = &r->in[CD_REPORT_QUOTES];

	cd_buf_adds(b, "<section id=\"run\">\n<h2>The run</h2>\n"
		    "<table class=\"card\"><tbody>\n");
	run_row(b, "document records read", d->read);
	run_row(b, "document records rejected", d->rejected);
	run_row(b, "articles", r->ndocs);
	run_row(b, "stories", r->stories.n);
	run_row(b, "stories of two or more articles", r->nmulti);
	run_row(b, "copies found", r->ncopies);
	if (q->given) {
		run_row(b, "quotation records read", q->read);
		run_row(b, "quotation records rejected", q->rejected);
		run_row(b, "quotations", r->nquotes);
		run_row(b, "quotations with a speaker", r->nspeaker);
		run_row(b, "quotations without a speaker",
			r->nquotes - r->nspeaker);
		run_row(b, "quotation families", r->families.n);
		run_row(b, "speakers", r->speakers.n);
	}
	cd_buf_adds(b, "</tbody></table>\n</section>\n");
}

void cd_report_html(struct cd_report *r, struct cd_buf *b)
{
	head(r, b);
	summary(r, b);
	stories(r, b);
	if (r->in[CD_REPORT_QUOTES].given) {
		families(r, b);
		speakers(r, b);
	}
	run_figures(r, b);
	cd_buf_adds(b, "<footer>Made by copydesk-report");
	if (r->o.version) {
		cd_buf_adds(b, " ");
		text(b, r->o.version);
	}
	cd_buf_adds(b, ".  Self-contained: no script, no network.</footer>\n"
		    "</main>\n</body>\n</html>\n");
}
