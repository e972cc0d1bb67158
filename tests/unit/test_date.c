/*
 * test_date.c - the date module (date.h): calendar checks, month names,
 * ISO days, dates in prose and numbers, URL path dates, times of day.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "unit.h"

/* True when the finder fn finds want ("" for no date) in s. */
static int date_is(bool (*fn)(const char *, size_t, char[11]),
		   const char *s, const char *want)
{
	char iso[11];

	if (!fn(s, strlen(s), iso))
		return want[0] == '\0';
	return strcmp(iso, want) == 0;
}

#define find_is(s, want) date_is(cd_date_find, s, want)
#define url_is(s, want) date_is(cd_date_from_url, s, want)
#define iso_is(s, want) date_is(cd_date_iso, s, want)

static void test_calendar(void)
{
	char iso[11];

	CHECK(cd_date_valid(2024, 2, 29) && !cd_date_valid(2025, 2, 29));
	CHECK(!cd_date_valid(1900, 2, 29) && cd_date_valid(2000, 2, 29));
	CHECK(!cd_date_valid(2025, 2, 30) && !cd_date_valid(2025, 4, 31));
	CHECK(!cd_date_valid(2025, 13, 1) && !cd_date_valid(2025, 0, 1));
	CHECK(!cd_date_valid(1799, 12, 31) && !cd_date_valid(2200, 1, 1));
	CHECK(cd_date_format(2025, 7, 3, iso) && strcmp(iso, "2025-07-03") == 0);
	CHECK(!cd_date_format(2025, 13, 45, iso));
	CHECK(cd_date_days(1970, 1, 1) == 0 && cd_date_days(2000, 3, 1) == 11017);
	CHECK(cd_date_days(1969, 12, 31) == -1);
	CHECK(cd_date_days(2025, 7, 4) - cd_date_days(2024, 7, 4) == 365);
}

static void test_months(void)
{
	CHECK(cd_date_month("Sept", 4) == 9 && cd_date_month("dec", 3) == 12);
	CHECK(cd_date_month("JULY", 4) == 7 && cd_date_month("May", 3) == 5);
	CHECK(cd_date_month("Ma", 2) == 0 && cd_date_month("Mayor", 5) == 0);
	CHECK(cd_date_month("Marching", 8) == 0 && cd_date_month("Janu", 4) == 0);
	CHECK(cd_date_month("Septe", 5) == 0 && cd_date_month("Junes", 5) == 0);
}

static void test_iso(void)
{
	CHECK(iso_is("2025-07-03", "2025-07-03"));
	CHECK(iso_is("2025-07-03T10:00:00+02:00", "2025-07-03"));
	CHECK(iso_is("2025-07-03 10:00", "2025-07-03"));
	CHECK(iso_is("2025-13-45", "") && iso_is("2025-02-30", ""));
	CHECK(iso_is("2025-07-031", "") && iso_is("2025-7-03", ""));
	CHECK(iso_is("20250703", "") && iso_is(" 2025-07-03", ""));
}

static void test_find(void)
{
	CHECK(find_is("July 3, 2025 / 11:09 PM", "2025-07-03"));
	CHECK(find_is("9:14 AM \xe2\x80\x93 Friday, July 4, 2025", "2025-07-04"));
	CHECK(find_is("Washington, July 4, 2025 \xe2\x80\x94", "2025-07-04"));
	CHECK(find_is("Nov. 19, 2019 8:03 am ET", "2019-11-19"));
	CHECK(find_is("Jul. 3, 2025", "2025-07-03"));
	CHECK(find_is("Sept 2, 2020", "2020-09-02"));
	CHECK(find_is("November 19th, 2019 at 8:40 AM", "2019-11-19"));
	CHECK(find_is("4 July 2025", "2025-07-04"));
	CHECK(find_is("Thu, 03 Jul 2025 10:00:00 GMT", "2025-07-03"));
	CHECK(find_is("posted 2025-07-03", "2025-07-03"));
	CHECK(find_is("2025/07/03", "2025-07-03"));
	CHECK(find_is("03.07.2025", "2025-07-03"));
	CHECK(find_is("11/19/2019 by Lars", "2019-11-19"));
	CHECK(find_is("25/07/2025", "2025-07-25"));
	CHECK(find_is("July 3 (UPI) -- no year", ""));
	CHECK(find_is("May the force", "") && find_is("Mayor 3, 2025", ""));
	CHECK(find_is("2025-13-40", "") && find_is("February 30, 2024", ""));
	CHECK(find_is("31.02.2025", "") && find_is("3/7/25", ""));
	CHECK(find_is("123 July 2025", "") && find_is("12025-07-03", ""));
	CHECK(find_is("a 10-07-2025 b", ""));
	/* text dumps glue lines: a name and a date, a date and a time */
	CHECK(find_is("ByKathryn GiuffridaMar 5, 2025 | 6 comments", "2025-03-05"));
	CHECK(find_is("October 17, 20236:01 PM ET", "2023-10-17"));
	CHECK(find_is("Summer 2025 issue", "") && find_is("July 17, 20231", ""));
	CHECK(find_is("ProMay 5, 2025", "2025-05-05") && find_is("Mayo 5, 2025", ""));
	CHECK(find_is("May 2nd 202511 mins read", "2025-05-02"));
	CHECK(find_is("Jan 9, 20254 minutes", "2025-01-09"));
	CHECK(find_is("Jan 9, 20254 apples", ""));
	CHECK(find_is("\xf0\x9f\x93\x85Jul. 11. 2025", "2025-07-11"));
	CHECK(find_is("Jul. 11.2025", ""));
	/* html2text writes a link's words joined by underscores */
	CHECK(find_is("September_4,_2025", "2025-09-04"));
	CHECK(find_is("the_4th_of_July_2025", "2025-07-04"));
	CHECK(find_is("July_4_2025_x", "2025-07-04"));
	/* but a run of them is a blank to fill in, no space between words */
	CHECK(find_is("Signed on May ______ 12, 2019", ""));
	CHECK(find_is("on 12 _____ March 2021", ""));
	CHECK(find_is("May 3 ___________ 2019", ""));
	CHECK(find_is("the 5th of ____ May 2020", ""));
	CHECK(find_is("Due ____ March 3, 2021", "2021-03-03"));
}

/* Ordinal days, days between dashes, dotted days month first. */
static void test_find_forms(void)
{
	CHECK(find_is("Fri, 12th Sep 2025", "2025-09-12"));
	CHECK(find_is("on the 1st of March, 2024", "2024-03-01"));
	CHECK(find_is("22nd Nov 2023 \xe2\x80\xa2 notes", "2023-11-22"));
	CHECK(find_is("11th hour July 2025", ""));
	CHECK(find_is("posted 07-Aug-2024 09:10", "2024-08-07"));
	CHECK(find_is("07.AUG.2024", "2024-08-07"));
	CHECK(find_is("07-Aug 2024", "") && find_is("107-Aug-2024", ""));
	CHECK(find_is("11.23.2024", "2024-11-23"));
	CHECK(find_is("11.10.2024", "2024-10-11"));
}

/* Month names of other languages: day first, in full; abbreviated only
 * between dashes. */
static void test_find_foreign(void)
{
	CHECK(find_is("Publicado el 3 de julio de 2024", "2024-07-03"));
	CHECK(find_is("le 1er mars 2023 \xc3\xa0 10h", "2023-03-01"));
	CHECK(find_is("12 f\xc3\xa9vrier 2022", "2022-02-12"));
	CHECK(find_is("12 F\xc3\x89VRIER 2022", "2022-02-12"));
	CHECK(find_is("Stand: 5. M\xc3\xa4rz 2021", "2021-03-05"));
	CHECK(find_is("9 settembre 2020", "2020-09-09"));
	CHECK(find_is("14 ao\xc3\xbbt 2019", "2019-08-14"));
	CHECK(find_is("2 mei 2018", "2018-05-02"));
	CHECK(find_is("18 de dezembro de 2017", "2017-12-18"));
	CHECK(find_is("por Ana el 04-ago-2021 5:11", "2021-08-04"));
	CHECK(find_is("03-OKT-2020", "2020-10-03"));
	CHECK(find_is("3 ago 2021", ""));		/* abbreviated, no dashes */
	CHECK(find_is("05-jui-2021", ""));		/* juin or juillet */
	CHECK(find_is("mars 3, 2023", ""));		/* not how French writes */
	CHECK(find_is("3 marsh 2023", ""));
}

/* Every month name, in English and the other languages (as in date.c),
 * and the year at each offset of the line: the search skips words that
 * do not start as a month name does and reads a line four bytes at a
 * time for a year. */
static void test_find_every(void)
{
	static const struct {
		const char *name;
		int m;
	} names[] = {
		{ "January", 1 }, { "February", 2 }, { "March", 3 },
		{ "April", 4 }, { "May", 5 }, { "June", 6 }, { "July", 7 },
		{ "August", 8 }, { "September", 9 }, { "October", 10 },
		{ "November", 11 }, { "December", 12 }, { "Sept", 9 },
		{ "enero", 1 }, { "janvier", 1 }, { "januar", 1 },
		{ "j\xc3\xa4nner", 1 }, { "gennaio", 1 }, { "janeiro", 1 },
		{ "januari", 1 }, { "febrero", 2 }, { "f\xc3\xa9vrier", 2 },
		{ "februar", 2 }, { "febbraio", 2 }, { "fevereiro", 2 },
		{ "februari", 2 }, { "marzo", 3 }, { "mars", 3 },
		{ "m\xc3\xa4rz", 3 }, { "mar\xc3\xa7o", 3 }, { "maart", 3 },
		{ "abril", 4 }, { "avril", 4 }, { "aprile", 4 }, { "mayo", 5 },
		{ "mai", 5 }, { "maggio", 5 }, { "maio", 5 }, { "mei", 5 },
		{ "junio", 6 }, { "juin", 6 }, { "juni", 6 }, { "giugno", 6 },
		{ "junho", 6 }, { "julio", 7 }, { "juillet", 7 }, { "juli", 7 },
		{ "luglio", 7 }, { "julho", 7 }, { "agosto", 8 },
		{ "ao\xc3\xbbt", 8 }, { "augustus", 8 }, { "septiembre", 9 },
		{ "setiembre", 9 }, { "septembre", 9 }, { "settembre", 9 },
		{ "setembro", 9 }, { "octubre", 10 }, { "octobre", 10 },
		{ "oktober", 10 }, { "ottobre", 10 }, { "outubro", 10 },
		{ "noviembre", 11 }, { "novembre", 11 }, { "novembro", 11 },
		{ "diciembre", 12 }, { "d\xc3\xa9" "cembre", 12 },
		{ "dezember", 12 }, { "dicembre", 12 }, { "dezembro", 12 },
		{ "M\xc3\xa4rz", 3 }, { "F\xc3\x89VRIER", 2 }, { "OKTOBER", 10 },
	};
	char s[64], want[11];
	size_t k, pad;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		for (pad = 0; pad < 8; pad++) {
			snprintf(s, sizeof(s), "%*s3 %s 2021%*s", (int)pad, "",
				 names[k].name, (int)pad, "");
			snprintf(want, sizeof(want), "2021-%02d-03", names[k].m);
			CHECK(find_is(s, want));
		}
	for (pad = 0; pad < 8; pad++) {
		snprintf(s, sizeof(s), "%*son 2021-07-03.", (int)pad, "");
		CHECK(find_is(s, "2021-07-03"));
		snprintf(s, sizeof(s), "%*sup 7/3/2021", (int)pad, "");
		CHECK(find_is(s, "2021-07-03"));
		snprintf(s, sizeof(s), "%*s3 May 123 4567 890", (int)pad, "");
		CHECK(find_is(s, ""));		/* no four digits in a row */
	}
	CHECK(find_is("Mayday 3 2021, 3 Mays 2021", ""));
	CHECK(find_is("3 Tuesday 2021", ""));
}

/* cd_date_find_order, cd_date_written and cd_date_order: the order of
 * an ambiguous numeric date decided by other dates of the text. */
static void test_order(void)
{
	char iso[11], order;
	const char *page = "Posted 03/10/2023\nTalk of 3 October 2023.";
	const char *us = "09.10.2024 then 11.24.2025 and 10.28.2025, 28.10.2025";

	CHECK(cd_date_find_order("03/10/2023", 10, iso, &order) &&
	      order == 'm' && strcmp(iso, "2023-03-10") == 0);
	CHECK(cd_date_find_order("03.10.2023", 10, iso, &order) &&
	      order == 'd' && strcmp(iso, "2023-10-03") == 0);
	CHECK(cd_date_find_order("13/10/2023", 10, iso, &order) && !order);
	CHECK(cd_date_find_order("03/03/2023", 10, iso, &order) && !order);
	CHECK(cd_date_find_order("Oct 3, 2023", 11, iso, &order) && !order);
	CHECK(cd_date_written(page, strlen(page), "2023-10-03"));
	CHECK(!cd_date_written(page, strlen(page), "2023-03-10"));
	CHECK(cd_date_written("a 2023-10-03 b, then 4 May 2024", 31,
			      "2024-05-04"));
	CHECK(cd_date_order(us, strlen(us)) == 'm');
	CHECK(cd_date_order("24.11.2025", 10) == 'd');
	CHECK(cd_date_order("03/10/2023 and May 3, 2024", 26) == 0);
}

#define original_is(s, want) date_is(cd_date_original, s, want)

/* cd_date_original: the date after "originally published". */
static void test_original(void)
{
	CHECK(original_is("Updated May 3, 2024 Originally published May 1, "
			  "2024 9:00 AM", "2024-05-01"));
	CHECK(original_is("This guide was originally published on 12 Mar 2021 "
			  "and updated since.", "2021-03-12"));
	CHECK(original_is("Originally published in The Valley Review, a "
			  "journal of the upper town (valley.example), "
			  "12.03.2021.", "2021-03-12"));
	CHECK(original_is("Updated May 3, 2024", ""));
	CHECK(original_is("Originally published in March 2022.", ""));
	CHECK(original_is("First published May 1, 2024", ""));
	/* an aside of the article, not a notice about it */
	CHECK(original_is("A survey of the harbour walls, originally published "
			  "on 3 June 2001 by the council, found cracks.", ""));
	CHECK(original_is("The mayor said the plan, which was originally "
			  "published on 3 June 2001, had been shelved twice since "
			  "then, and that the council would look at it again in "
			  "the spring when the new budget is set for the works "
			  "on the walls.", ""));
}

static void test_url(void)
{
	CHECK(url_is("https://ex.com/2025/07/03/a-story/", "2025-07-03"));
	CHECK(url_is("https://ex.com/news/2025-07-03-a-story", "2025-07-03"));
	CHECK(url_is("https://ex.com/20250703/a-story.html", "2025-07-03"));
	CHECK(url_is("/2025/7/3/a-story", "2025-07-03"));
	CHECK(url_is("https://ex.com/blog/2023/october/03/a-story", "2023-10-03"));
	CHECK(url_is("https://ex.com/2023/Sep/30/a-story", "2023-09-30"));
	CHECK(url_is("https://ex.com/2023/mayor/03/a-story", ""));
	CHECK(url_is("https://ex.com/2023/october/a-story", ""));
	CHECK(url_is("https://ex.com/2025/07/a-story", ""));
	CHECK(url_is("https://ex.com/2025/13/45/a-story", ""));
	CHECK(url_is("https://2025.ex.com/a", ""));
	CHECK(url_is("https://ex.com/a?d=2025/07/03", ""));
	CHECK(url_is("https://ex.com/story-12345678", ""));
	CHECK(url_is("https://ex.com", ""));
}

/* The day of a record's date field, relative to want's cd_date_days. */
static int field_is(const char *s, int y, int m, int d)
{
	int32_t got = cd_date_field_day(s, strlen(s));

	if (y == 0)
		return got == INT32_MIN;
	return got == (int32_t)cd_date_days(y, m, d);
}

/* cd_date_field_day: the lenient reading by word order. */
static void test_field(void)
{
	CHECK(field_is("2025-07-03", 2025, 7, 3));
	CHECK(field_is("2025-07-03T10:00:00Z", 2025, 7, 3));
	CHECK(field_is("26-FEB-1987 15:01:01.79", 1987, 2, 26));
	CHECK(field_is("July 3, 2025", 2025, 7, 3));
	CHECK(field_is("3 July 2025", 2025, 7, 3));
	CHECK(field_is("Thu, 3 Jul 2025 09:00:00 GMT", 2025, 7, 3));
	CHECK(field_is("Mayor 3, 2023", 0, 0, 0));	/* not a month */
	CHECK(field_is("07/03/2025", 0, 0, 0));		/* no month word */
	CHECK(field_is("July 2025", 0, 0, 0));		/* no day */
	CHECK(field_is("", 0, 0, 0));
	CHECK(field_is("2025-13-03", 0, 0, 0));
}

int main(void)
{
	test_calendar();
	test_months();
	test_iso();
	test_find();
	test_find_forms();
	test_find_foreign();
	test_find_every();
	test_order();
	test_original();
	test_url();
	test_field();
	CHECK(cd_date_has_time("at 11:09 PM", 11));
	CHECK(!cd_date_has_time("score 3-1", 9));
	return UNIT_END();
}
