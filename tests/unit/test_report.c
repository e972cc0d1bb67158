/* test_report.c - report.c: which lines pass 2 needs to parse again. */
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
	return UNIT_END();
}
