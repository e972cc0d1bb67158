/*
 * test_pagemeta.c - metadata of web pages (pagemeta.h) from small pages
 * written for the tests.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "pagemeta.h"
#include "unit.h"

static struct cd_page_meta m;

/* Parse html and find its metadata with the record address url. */
static void find(const char *html, const char *url)
{
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					HTML_PARSE_NOWARNING | HTML_PARSE_NONET);

	cd_page_meta_find(&m, doc, url, url ? strlen(url) : 0);
	xmlFreeDoc(doc);
}

static int is(const struct cd_buf *b, const char *want)
{
	if (b->len != strlen(want) || memcmp(cd_buf_str(b), want, b->len) != 0) {
		fprintf(stderr, "got \"%s\", want \"%s\"\n", cd_buf_str(b), want);
		return 0;
	}
	return 1;
}

static void test_meta_tags(void)
{
	find("<html><head><title>Dam gives way | Valley Post</title>"
	     "<meta property=\"og:site_name\" content=\"Valley Post\">"
	     "<meta property=\"og:title\" content=\"Dam gives way - Valley Post\">"
	     "<meta name=\"author\" content=\"Helena Marsh\">"
	     "<meta property=\"article:published_time\" content=\"2026-03-03T10:05:00Z\">"
	     "<meta property=\"article:modified_time\" content=\"2026-03-05T08:00:00Z\">"
	     "<link rel=\"canonical\" href=\"/news/dam\">"
	     "</head><body><p>Text.</p></body></html>",
	     "https://valley.example/news/dam?utm=x");
	CHECK(is(&m.title, "Dam gives way"));
	CHECK(is(&m.byline, "Helena Marsh"));
	CHECK(is(&m.date, "2026-03-03"));
	CHECK(is(&m.source, "Valley Post"));
	CHECK(is(&m.url, "https://valley.example/news/dam"));
}

static void test_json_ld(void)
{
	/* @graph, author by @id, a line break inside a string, entities */
	find("<html><head><script type=\"application/ld+json\">"
	     "{\"@context\":\"https://schema.org\",\"@graph\":["
	     "{\"@type\":\"WebPage\",\"@id\":\"#p\"},"
	     "{\"@type\":\"NewsArticle\",\"headline\":\"Bridge reopens\n after &#8220;repairs&#8221;\","
	     "\"datePublished\":\"2025-11-19T08:03:00-05:00\",\"dateModified\":\"2025-12-01\","
	     "\"author\":{\"@id\":\"#ann\"},\"publisher\":{\"@type\":\"Organization\",\"name\":\"River Times\"}},"
	     "{\"@type\":\"Person\",\"@id\":\"#ann\",\"name\":\"Ann Lee\"}]}"
	     "</script></head><body><p>Text.</p></body></html>", NULL);
	CHECK(is(&m.title, "Bridge reopens after \xe2\x80\x9crepairs\xe2\x80\x9d"));
	CHECK(is(&m.byline, "Ann Lee"));
	CHECK(is(&m.date, "2025-11-19"));
	CHECK(is(&m.source, "River Times"));
	/* an array of nodes, authors as an array of objects and strings */
	find("<script type=\"application/ld+json\">[{\"@type\":\"BreadcrumbList\"},"
	     "{\"@type\":[\"BlogPosting\"],\"headline\":\"Two hands\","
	     "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},\"Bo Park\","
	     "\"https://x.example/bo\"]}]</script><p>Text.</p>", NULL);
	CHECK(is(&m.byline, "Ann Lee, Bo Park"));
	CHECK(is(&m.title, "Two hands"));
	/* broken JSON-LD is ignored, not fatal */
	find("<script type=\"application/ld+json\">{\"headline\":</script>"
	     "<title>Plain</title>", NULL);
	CHECK(is(&m.title, "Plain") && m.byline.len == 0 && m.date.len == 0);
}

static void test_visible(void)
{
	/* the headline, a "By" line and a dateline in the page itself */
	find("<html><head><title>Flood warning lifted for the valley towns | VP</title></head>"
	     "<body><nav><a href=\"/\">Home</a><p>By topic</p></nav><article>"
	     "<h1>Flood warning lifted for valley towns</h1>"
	     "<p class=\"meta\">By <a href=\"/people/jo-reyes\">Jo Reyes</a></p>"
	     "<span>Published March 4, 2026</span><p>The river fell.</p>"
	     "</article></body></html>", "https://vp.example/a");
	CHECK(is(&m.title, "Flood warning lifted for valley towns"));
	CHECK(is(&m.byline, "Jo Reyes"));
	CHECK(is(&m.date, "2026-03-04"));
	CHECK(m.source.len == 0 && m.url.len == 0);
	/* an <h1> that is the site's banner is not the title */
	find("<html><head><title>Rates rise again - Ann's Blog</title>"
	     "<meta property=\"og:site_name\" content=\"Ann's Blog\"></head>"
	     "<body><h1>Ann's Blog</h1><h2>Rates rise again</h2></body></html>",
	     NULL);
	CHECK(is(&m.title, "Rates rise again"));
	/* the day a headline carries in a <time> is no part of it */
	find("<body><h1><a href=\"/p\"><time datetime=\"2025-12-18\">Dec "
	     "<span>18</span> 2025</time> Moving the archive</a></h1></body>",
	     NULL);
	CHECK(is(&m.title, "Moving the archive"));
	CHECK(is(&m.date, "2025-12-18"));
}

/* Pages whose title or byline must be cut or chosen from the candidates
 * (NULL: not checked). */
static void test_chosen(void)
{
	static const struct {
		const char *html, *title, *byline;
	} cases[] = {
		/* a label in its own element, the name in the next one; a
		 * date in a byline box is no name */
		{ "<body><h1>Rates rise again for the third month</h1>"
		  "<div class=\"post-author\">May 3, 2026</div>"
		  "<p><span>Written by</span> <span>Kim Novak</span></p></body>",
		  NULL, "Kim Novak" },
		/* the declared author is the site's name: a single word in an
		 * author box is no better */
		{ "<html><head><meta property=\"og:site_name\" content=\"Mara Quill\">"
		  "<meta name=\"author\" content=\"Mara Quill\"></head>"
		  "<body><h1>Ten knots every sailor needs</h1>"
		  "<div class=\"author-box\">Top</div></body></html>",
		  NULL, "Mara Quill" },
		/* "By" on its own line before the linked name */
		{ "<body><h1>Trails reopen after the storm</h1>"
		  "<p><span>\nBy\n<a href=\"/p/lena-ortiz\">Lena Ortiz</a>\n"
		  "</span></p></body>", NULL, "Lena Ortiz" },
		/* a user name in the metadata gives way to the person's
		 * name the page shows */
		{ "<html><head><meta name=\"author\" content=\"nora.vale\">"
		  "</head><body><h1>Bees return to the old orchard</h1>"
		  "<div class=\"author-name\">Iris Penhallow</div></body></html>",
		  NULL, "Iris Penhallow" },
		{ "<html><head><meta name=\"author\" content=\"NoraV\">"
		  "</head><body><h1>Bees return to the old orchard</h1>"
		  "<p>By Iris Penhallow</p></body></html>",
		  NULL, "Iris Penhallow" },
		/* ... but not to the site's name */
		{ "<html><head><meta property=\"og:site_name\" content=\"Orchard "
		  "Notes\"><meta name=\"author\" content=\"nora.vale\"></head>"
		  "<body><h1>Bees return to the old orchard</h1>"
		  "<div class=\"author-box\">Orchard Notes</div></body></html>",
		  NULL, "nora.vale" },
		/* ... and stays when the page shows no other name */
		{ "<html><head><meta name=\"author\" content=\"nora.vale\">"
		  "</head><body><h1>Bees return</h1></body></html>",
		  NULL, "nora.vale" },
		/* "By:" and a no-break space; "on" a date, "in" a section
		 * after the names */
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<p>By:\xc2\xa0</p><p>Iris Penhallow</p></body>",
		  NULL, "Iris Penhallow" },
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<p>by <span>IRIS PENHALLOW</span> on December 3</p></body>",
		  NULL, "IRIS PENHALLOW" },
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<p>By Iris Penhallow in <a href=\"/garden\">Garden</a></p></body>",
		  NULL, "Iris Penhallow" },
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<p>by Iris Penhallow on Monday</p></body>",
		  NULL, "Iris Penhallow" },
		/* ... but an organisation's "on" or "in" stays in a meta
		 * tag's author */
		{ "<html><head><meta name=\"author\" content=\"National "
		  "Institute on Aging\"></head><body><h1>Bees return</h1>"
		  "</body></html>", NULL, "National Institute on Aging" },
		{ "<html><head><meta name=\"author\" content=\"Senate "
		  "Committee in Session\"></head><body><h1>Bees return</h1>"
		  "</body></html>", NULL, "Senate Committee in Session" },
		/* a label in a heading, the name in the next element */
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<h2>Article by</h2><div>Iris Penhallow</div></body>",
		  NULL, "Iris Penhallow" },
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<h6>Author(s)</h6><p>Iris Penhallow</p></body>",
		  NULL, "Iris Penhallow" },
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<p>Contributors: Iris Penhallow</p></body>",
		  NULL, "Iris Penhallow" },
		/* "Article by" and "Written by" with the name beside them,
		 * a colon after the label or not */
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<p>Article by Iris Penhallow</p></body>",
		  NULL, "Iris Penhallow" },
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<p>Article by: Iris Penhallow</p></body>",
		  NULL, "Iris Penhallow" },
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<p>Written by: Iris Penhallow</p></body>",
		  NULL, "Iris Penhallow" },
		/* "Author" without a colon is a label only alone: an
		 * "Author Bio" box is no byline */
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<span class=\"author-name\">Iris Penhallow</span>"
		  "<p>The bees came back.</p><h3>Author Bio</h3>"
		  "<p>Iris Penhallow writes about farms.</p></body>",
		  NULL, "Iris Penhallow" },
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<h4>Authors</h4><p>Iris Penhallow</p></body>",
		  NULL, "Iris Penhallow" },
		/* a link's or button's words are no name */
		{ "<body><h1>Bees return to the old orchard</h1>"
		  "<div class=\"author-box\"><a href=\"/author/iris\">Learn More"
		  "</a></div><span class=\"author-name\">Iris Penhallow</span>"
		  "</body>", NULL, "Iris Penhallow" },
		/* ... but a name that holds "in" is not cut to one word */
		{ "<html><head><meta name=\"author\" content=\"Life in Bloom\">"
		  "</head><body><h1>Bees return</h1></body></html>",
		  NULL, "Life in Bloom" },
		/* a declared headline cut short gives way to the whole one */
		{ "<html><head><script type=\"application/ld+json\">"
		  "{\"@type\":\"Article\",\"headline\":\"Four readers fix their "
		  "rooms (with one\"}</script><meta property=\"og:title\" "
		  "content=\"Four readers fix their rooms (with one trick)\">"
		  "</head><body></body></html>",
		  "Four readers fix their rooms (with one trick)", NULL },
		/* a bullet separates the site name too */
		{ "<html><head><title>Rates rise again \xe2\x80\xa2 Ann's Blog"
		  "</title><meta property=\"og:site_name\" content=\"Ann's Blog\">"
		  "</head><body><p>Text.</p></body></html>", "Rates rise again",
		  NULL },
		/* a headline set in capitals gives way to the declared
		 * title, in the writer's case */
		{ "<html><head><meta property=\"og:title\" content=\"Caring "
		  "for Ferns: A Watering Guide\"></head><body><h1>CARING FOR "
		  "FERNS</h1><p>Text.</p></body></html>",
		  "Caring for Ferns: A Watering Guide", NULL },
		/* ... but not to a declared title in capitals too */
		{ "<html><head><title>FERN CARE BASICS</title></head><body>"
		  "<h1>FERN CARE BASICS TODAY</h1><p>Text.</p></body></html>",
		  "FERN CARE BASICS TODAY", NULL },
		/* two headlines: the one the declared titles repeat, though
		 * the other is in the article */
		{ "<html><head><meta property=\"og:title\" content=\"A Full "
		  "Guide to Garden Sheds\"><title>A Full Guide to Garden Sheds"
		  "</title></head><body><h1>A Full Guide to Garden Sheds</h1>"
		  "<article><h1>A Short Guide to Garden Sheds</h1><p>Text.</p>"
		  "</article></body></html>", "A Full Guide to Garden Sheds",
		  NULL },
		/* ... and the one in the article when none repeats either */
		{ "<html><head><title>Garden Sheds Explained</title></head>"
		  "<body><h1>All about sheds</h1><article><h1>Garden sheds for "
		  "small yards</h1><p>Text.</p></article></body></html>",
		  "Garden sheds for small yards", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		find(cases[i].html, NULL);
		CHECK(!cases[i].title || is(&m.title, cases[i].title));
		CHECK(!cases[i].byline || is(&m.byline, cases[i].byline));
	}
	/* ... nor a line "Author" and a name */
	find("<body><h1>Bees return to the old orchard</h1>"
	     "<p>Author Iris Penhallow</p><p>Authors Guild news</p></body>",
	     NULL);
	CHECK(m.byline.len == 0);
	/* ... and is no cut on a visible line when no date or day, no
	 * section link follows */
	find("<body><h1>Bees return to the old orchard</h1>"
	     "<p>By Senate Committee on Finance</p></body>", NULL);
	CHECK(m.byline.len == 0);
	find("<body><h1>Bees return to the old orchard</h1>"
	     "<p>By Iris Penhallow in Garden Notes</p></body>", NULL);
	CHECK(m.byline.len == 0);
	/* the host's name before the title, parted by a space only */
	find("<html><head><title>quillnotes.example Winter Pruning</title>"
	     "</head><body><p>Text.</p></body></html>",
	     "https://www.quillnotes.example/2025/winter.html");
	CHECK(is(&m.title, "Winter Pruning"));
	find("<html><head><title>Winter Pruning quillnotes.example</title>"
	     "</head><body><p>Text.</p></body></html>",
	     "https://quillnotes.example/w");
	CHECK(is(&m.title, "Winter Pruning"));
}

static void test_dates(void)
{
	static const struct {
		const char *html, *want;
	} pages[] = {
		/* a date written in a sentence near the headline is not
		 * the page's; the short dateline after it is */
		{ "<body><h1>Chips</h1><p>The first chips of the new plant, "
		  "the company said, left the line on 30 October 2025, two "
		  "weeks ahead of the plan it had announced.</p>"
		  "<p>12 Dec 2025</p></body>", "2025-12-12" },
		/* the text of a <time> near the headline gives way to its
		 * datetime (03/05 is read month first, the page meant day
		 * first) */
		{ "<body><h1>Fair</h1><p><time datetime=\"2024-05-03\">"
		  "03/05/2024</time></p><p>The fair opened.</p></body>",
		  "2024-05-03" },
		/* itemprop datePublished on the cards of a list gives
		 * several days: none of them is the page's */
		{ "<head><meta name=\"date\" content=\"March 27, 2025\">"
		  "</head><body><h1>Podcasts</h1><p>Text of the article.</p>"
		  "<div><span itemprop=\"datePublished\" content=\"2026-03-13\">"
		  "Mar 13</span><span itemprop=\"datePublished\" "
		  "content=\"2026-03-12\">Mar 12</span></div></body>",
		  "2025-03-27" },
		/* a dateline that reads day first while the page's JSON-LD
		 * gives the same day month first */
		{ "<head><script type=\"application/ld+json\">{\"@type\":"
		  "\"Article\",\"datePublished\":\"2024-09-10T16:07:00Z\"}"
		  "</script></head><body><h1>Phases</h1><p>09.10.2024</p>"
		  "<p>Text.</p></body>", "2024-09-10" },
		/* <time pubdate> marks the article's publication: it comes
		 * before the meta tags and the dateline */
		{ "<head><meta property=\"article:published_time\" "
		  "content=\"2025-04-02\"></head><body><h1>Dunes</h1><p>"
		  "Published <time pubdate datetime=\"2025-04-09\">April 9, "
		  "2025</time></p><p>Text.</p></body>", "2025-04-09" },
		/* a <time pubdate> with no datetime: its text gives the day */
		{ "<head><meta property=\"article:published_time\" "
		  "content=\"2025-04-02\"></head><body><h1>Tides</h1><p>"
		  "<time pubdate>April 9, 2025</time></p><p>Text.</p></body>",
		  "2025-04-09" },
		/* a pubdate datetime without the year gives way to the text */
		{ "<head><meta property=\"article:published_time\" "
		  "content=\"2025-04-02\"></head><body><h1>Reeds</h1><p>"
		  "<time datetime=\"Apr 12\" pubdate>April 12, 2025</time>"
		  "</p><p>Text.</p></body>", "2025-04-12" },
		/* hAtom: <abbr class="published" title="ISO date"> */
		{ "<head><meta property=\"article:published_time\" "
		  "content=\"2025-04-02\"></head><body><h1>Moss</h1><p>"
		  "<abbr class=\"entry-date published\" "
		  "title=\"2025-03-11T10:00:00-05:00\">March 11</abbr></p>"
		  "<p>Text.</p></body>", "2025-03-11" },
		/* microformats2: the text of a dt-published */
		{ "<head><meta property=\"article:published_time\" "
		  "content=\"2025-04-02\"></head><body><h1>Ferns</h1><p>"
		  "<span class=\"dt-published\">2 May 2025</span></p>"
		  "<p>Text.</p></body>", "2025-05-02" },
		/* "published updated": the day of the last change */
		{ "<head><meta property=\"article:published_time\" "
		  "content=\"2025-04-02\"></head><body><h1>Loam</h1><p>"
		  "<span class=\"entry-date published updated\">Feb 16, "
		  "2026</span></p><p>Text.</p></body>", "2025-04-02" },
		/* class "published" on the cards of a list gives several
		 * days: none of them is the page's */
		{ "<head><meta property=\"article:published_time\" "
		  "content=\"2025-04-02\"></head><body><h1>Episodes</h1>"
		  "<p>Text.</p><p><span class=\"published\">Nov 18, 2025"
		  "</span></p><p><span class=\"published\">Nov 11, 2025"
		  "</span></p></body>", "2025-04-02" },
		/* a JSON-LD block carried in a meta's content */
		{ "<head><meta name=\"script:ld+json\" content=\"{&quot;"
		  "@type&quot;:&quot;Article&quot;,&quot;datePublished&quot;:"
		  "&quot;2025-06-17T09:00:00-05:00&quot;}\"></head><body><h1>"
		  "Kites</h1><p>Text.</p></body>", "2025-06-17" },
		/* only a modified date: better than none */
		{ "<head><meta property=\"article:modified_time\" "
		  "content=\"2025-05-06\"></head><body></body>", "2025-05-06" },
		/* an article's own <footer> holds its date; the page
		 * footer's copyright date does not count ("": none) */
		{ "<body><article><h1>Remote work tips</h1><footer>"
		  "<span class=\"meta\">March 30, 2023 <span>|</span></span>"
		  "</footer><p>Text.</p></article>"
		  "<footer><p>Updated June 1, 2024</p></footer></body>",
		  "2023-03-30" },
		{ "<body><h1>Remote work tips</h1><p>Text.</p>"
		  "<footer><p>Updated June 1, 2024</p></footer></body>", "" },
		/* "originally published on" in the page's text names the
		 * day, over the declared and the visible ones */
		{ "<head><meta property=\"article:published_time\" "
		  "content=\"2024-02-20\"></head><body><h1>Cabins</h1>"
		  "<p>Feb 20, 2024</p><p>Text.</p><p>This guide was "
		  "originally published on\n <b>12 Mar 2021</b> and has "
		  "been updated since.</p></body>", "2021-03-12" },
		/* a numeric date that reads both ways, read in the order of
		 * the page's language */
		{ "<html lang=\"en-GB\"><body><h1>Gales</h1><p>03/10/2023</p>"
		  "<p>Text.</p></body></html>", "2023-10-03" },
		{ "<html lang=\"fr-FR\"><body><h1>Vents</h1><p>03/10/2023</p>"
		  "<p>Texte.</p></body></html>", "2023-10-03" },
		{ "<html lang=\"en-US\"><body><h1>Gales</h1><p>03/10/2023</p>"
		  "<p>Text.</p></body></html>", "2023-03-10" },
		{ "<html lang=\"en-US\"><body><h1>Gales</h1><p>03.10.2023</p>"
		  "<p>Text.</p></body></html>", "2023-03-10" },
		{ "<html lang=\"en\"><body><h1>Gales</h1><p>03.10.2023</p>"
		  "<p>Text.</p></body></html>", "2023-10-03" },
		/* a month name of another language, abbreviated */
		{ "<body><h1>Tubos</h1><p>Por Ana el 04-ago-2021 5:11</p>"
		  "<p>Text.</p></body>", "2021-08-04" },
	};
	size_t i;

	/* the URL's day comes before a date elsewhere */
	find("<body><h1>A</h1><p>Updated 2026-01-09</p></body>",
	     "https://ex.example/2025/07/03/a-story/");
	CHECK(is(&m.date, "2025-07-03"));
	/* <time datetime>, an impossible meta date refused */
	find("<head><meta name=\"date\" content=\"2025-02-30\"></head>"
	     "<body><time datetime=\"2024-02-29T12:00\">Feb 29</time></body>", NULL);
	CHECK(is(&m.date, "2024-02-29"));
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		find(pages[i].html, NULL);
		CHECK(is(&m.date, pages[i].want));
	}
}

static void test_empty(void)
{
	find("<p>nothing here</p>", NULL);
	CHECK(m.title.len == 0 && m.byline.len == 0 && m.date.len == 0);
	cd_page_meta_find(&m, NULL, NULL, 0);
	CHECK(m.title.len == 0 && m.url.len == 0);
}

/* 100,000 nested elements: the walk is not recursive. */
static void test_deep(void)
{
	static char page[100000 * 5 + 64];
	size_t i, n = 0;

	for (i = 0; i < 100000; i++) {
		memcpy(page + n, "<div>", 5);
		n += 5;
	}
	strcpy(page + n, "<h1>Deep</h1>");
	find(page, NULL);
	CHECK(m.title.len == 0 || is(&m.title, "Deep"));
}

int main(void)
{
	cd_page_meta_init(&m);
	test_meta_tags();
	test_json_ld();
	test_visible();
	test_chosen();
	test_dates();
	test_empty();
	test_deep();
	cd_page_meta_release(&m);
	return UNIT_END();
}
