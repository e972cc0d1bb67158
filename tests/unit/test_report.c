/* test_report.c - report.c: which lines pass 2 needs to parse again; the
 * quotations read on a report of their own and handed over. */
#include <stdbool.h>
#include <string.h>

#include "report.h"
#include "unit.h"

/* Count the JSON record s of input in and place it at line. */
static int count(struct cd_report *r, enum cd_report_input in,
		 const char *s, uint64_t line)
{
	struct cd_rec rec;
	struct cd_jerr err;
	const char *why;
	int st;

	cd_rec_init(&rec);
	st = cd_rec_parse(&rec, s, strlen(s), &err);
	if (st == 0)
		st = in == CD_REPORT_DOCS ? cd_report_count_doc(r, &rec, &why) :
		     cd_report_count_quote(r, &rec, &why);
	if (st == 0)
		cd_report_place(r, in, line);
	cd_rec_release(&rec);
	return st;
}

/* Collect the JSON record s of input in at line when pass 2 needs it. */
static void collect(struct cd_report *r, enum cd_report_input in,
		    const char *s, uint64_t line)
{
	struct cd_rec rec;
	struct cd_jerr err;

	if (!cd_report_needed(r, in, line))
		return;
	cd_rec_init(&rec);
	if (cd_rec_parse(&rec, s, strlen(s), &err) == 0) {
		if (in == CD_REPORT_DOCS)
			cd_report_collect_doc(r, &rec);
		else
			cd_report_collect_quote(r, &rec);
	}
	cd_rec_release(&rec);
}

static const char *const docs[] = {
	"{\"id\":\"x/a\",\"title\":\"A\",\"date\":\"2020-01-02\",\"group\":{\"story\":\"x/a\",\"near\":\"x/a\"}}",
	"{\"id\":\"y/b\",\"title\":\"B\",\"date\":\"2020-01-03\",\"group\":{\"story\":\"x/a\",\"near\":\"x/a\",\"sim\":0.9}}",
	"{\"id\":\"z/c\",\"group\":{\"story\":\"z/c\"}}",
};
static const char *const quotes[] = {
	"{\"id\":\"q1\",\"doc\":\"x/a\",\"quote\":\"We will win.\",\"speaker\":\"Ana Lee\",\"group\":{\"near\":\"q1\"}}",
	"{\"id\":\"q2\",\"doc\":\"y/b\",\"quote\":\"We will win!\",\"speaker\":\"Lee\",\"group\":{\"near\":\"q1\"}}",
	"{\"id\":\"q3\",\"doc\":\"z/c\",\"quote\":\"No.\",\"group\":{\"near\":\"q3\"}}",
};

/* The page (or with text the summary) of docs and quotes: read by one
 * report, or (split) the quotations by a second one handed over. */
static void page(bool text, bool split, struct cd_buf *out)
{
	struct cd_report_opts o;
	struct cd_report *r, *q;
	uint64_t i;

	cd_report_opts_init(&o);
	o.text = text;
	r = cd_report_new(&o);
	q = split ? cd_report_new(&o) : r;
	for (i = 0; i < 3; i++)
		count(r, CD_REPORT_DOCS, docs[i], i + 1);
	cd_report_inputs(r, CD_REPORT_DOCS, 3, 0);
	if (split)
		cd_report_choose(r);
	for (i = 0; i < 3; i++)
		count(q, CD_REPORT_QUOTES, quotes[i], i + 1);
	cd_report_inputs(q, CD_REPORT_QUOTES, 3, 0);
	cd_report_choose(q);
	for (i = 0; i < 3; i++)
		collect(r, CD_REPORT_DOCS, docs[i], i + 1);
	for (i = 0; i < 3; i++)
		collect(q, CD_REPORT_QUOTES, quotes[i], i + 1);
	if (split) {
		cd_report_take_quotes(r, q);
		cd_report_free(q);
	}
	if (text)
		cd_report_text(r, out);
	else
		cd_report_html(r, out);
	cd_report_free(r);
}

static void test_take_quotes(void)
{
	struct cd_buf one = CD_BUF_INIT, two = CD_BUF_INIT;
	int text;

	for (text = 0; text < 2; text++) {
		cd_buf_reset(&one);
		cd_buf_reset(&two);
		page(text, false, &one);
		page(text, true, &two);
		CHECK(one.len > 0 && strstr(cd_buf_str(&one), "We will win"));
		CHECK(one.len == two.len && memcmp(one.p, two.p, one.len) == 0);
	}
	cd_buf_release(&one);
	cd_buf_release(&two);
}

/* The text summary keeps the lines of a story's later members and of
 * every copy in pass 1: pass 2 reads only each story's first member, and
 * the summary lists the members in the order read. */
static void test_text_first(void)
{
	static const char *const d[] = {
		"{\"id\":\"s/one\",\"title\":\"First\",\"date\":\"2021-05-02\",\"group\":{\"story\":\"k\",\"near\":\"s/one\"}}",
		"{\"id\":\"s/alone\",\"group\":{\"story\":\"m\"}}",
		"{\"id\":\"t/two\",\"title\":\"Second\",\"date\":\"2021-05-01\",\"group\":{\"story\":\"k\",\"near\":\"s/one\",\"sim\":0.5}}",
		"{\"id\":\"u/three\",\"group\":{\"story\":\"k\",\"near\":\"u/three\"}}",
	};
	struct cd_report_opts o;
	struct cd_report *r;
	struct cd_buf b = CD_BUF_INIT;
	uint64_t i;

	cd_report_opts_init(&o);
	o.text = true;
	r = cd_report_new(&o);
	for (i = 0; i < 4; i++)
		CHECK(count(r, CD_REPORT_DOCS, d[i], i + 1) == 0);
	cd_report_choose(r);
	CHECK(cd_report_needed(r, CD_REPORT_DOCS, 1));
	for (i = 2; i <= 4; i++)
		CHECK(!cd_report_needed(r, CD_REPORT_DOCS, i));
	for (i = 0; i < 4; i++)
		collect(r, CD_REPORT_DOCS, d[i], i + 1);
	cd_report_text(r, &b);
	CHECK(strstr(cd_buf_str(&b), "\nStories\n"
		     "  [1] 3 articles, 2021-05-01 to 2021-05-02\n"
		     "      2021-05-02  one  First\n"
		     "      2021-05-01  two  Second\n"
		     "      ----------  three  (no title)\n"
		     "\nCopies\n"
		     "  two is a copy of one (similarity 0.5)\n") != NULL);
	cd_buf_release(&b);
	cd_report_free(r);
}

int main(void)
{
	struct cd_report_opts o;
	struct cd_report *r;

	cd_report_opts_init(&o);
	o.top = 1;
	r = cd_report_new(&o);
	/* Documents: story s1 of two articles (shown, top 1), story s2 of
	 * two (not shown: s1 came first), a single article, a rejected
	 * record; line 4 is blank and never placed. */
	CHECK(count(r, CD_REPORT_DOCS, "{\"id\":\"a\",\"group\":{\"story\":\"s1\"}}", 1) == 0);
	CHECK(count(r, CD_REPORT_DOCS, "{\"id\":\"b\",\"group\":{\"story\":\"s2\"}}", 2) == 0);
	CHECK(count(r, CD_REPORT_DOCS, "{\"id\":\"c\",\"group\":{\"story\":\"s1\"}}", 3) == 0);
	CHECK(count(r, CD_REPORT_DOCS, "{\"id\":\"d\",\"group\":{\"story\":\"s2\"}}", 5) == 0);
	CHECK(count(r, CD_REPORT_DOCS, "{\"id\":\"e\"}", 6) == 0);
	CHECK(count(r, CD_REPORT_DOCS, "{\"title\":\"no id\"}", 7) != 0);
	/* Quotations: family f1 of two (shown) by "Ana"; f2 by "Tom", whose
	 * two quotations make him the speaker shown; f3 by nobody. */
	CHECK(count(r, CD_REPORT_QUOTES, "{\"id\":\"q1\",\"doc\":\"a\",\"quote\":\"x\",\"speaker\":\"Ana\",\"group\":{\"near\":\"f1\"}}", 1) == 0);
	CHECK(count(r, CD_REPORT_QUOTES, "{\"id\":\"q2\",\"doc\":\"b\",\"quote\":\"x\",\"group\":{\"near\":\"f1\"}}", 2) == 0);
	CHECK(count(r, CD_REPORT_QUOTES, "{\"id\":\"q3\",\"doc\":\"c\",\"quote\":\"y\",\"speaker\":\"Tom\",\"group\":{\"near\":\"f2\"}}", 3) == 0);
	CHECK(count(r, CD_REPORT_QUOTES, "{\"id\":\"q4\",\"doc\":\"d\",\"quote\":\"z\",\"speaker\":\"Tom\",\"group\":{\"near\":\"f4\"}}", 4) == 0);
	CHECK(count(r, CD_REPORT_QUOTES, "{\"id\":\"q5\",\"doc\":\"e\",\"quote\":\"w\",\"group\":{\"near\":\"f3\"}}", 5) == 0);
	cd_report_choose(r);
	CHECK(cd_report_needed(r, CD_REPORT_DOCS, 1));
	CHECK(!cd_report_needed(r, CD_REPORT_DOCS, 2));
	CHECK(cd_report_needed(r, CD_REPORT_DOCS, 3));
	CHECK(!cd_report_needed(r, CD_REPORT_DOCS, 4));	/* blank */
	CHECK(!cd_report_needed(r, CD_REPORT_DOCS, 5));
	CHECK(!cd_report_needed(r, CD_REPORT_DOCS, 6));	/* alone */
	CHECK(!cd_report_needed(r, CD_REPORT_DOCS, 7));	/* rejected */
	CHECK(!cd_report_needed(r, CD_REPORT_DOCS, 0));
	CHECK(!cd_report_needed(r, CD_REPORT_DOCS, 1000));
	CHECK(cd_report_needed(r, CD_REPORT_QUOTES, 1));	/* family */
	CHECK(cd_report_needed(r, CD_REPORT_QUOTES, 2));
	CHECK(cd_report_needed(r, CD_REPORT_QUOTES, 3));	/* speaker */
	CHECK(cd_report_needed(r, CD_REPORT_QUOTES, 4));
	CHECK(!cd_report_needed(r, CD_REPORT_QUOTES, 5));
	cd_report_free(r);
	test_take_quotes();
	test_text_first();
	return UNIT_END();
}
