/*
 * test_columns.c - text laid out in columns (columns.h): regions found
 * and read column by column, wrapped lines joined, text without columns
 * and tables of data left alone.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "columns.h"
#include "unit.h"

static struct cd_buf out;

/* Reflow s; true when a region was found. */
static int reflow(const char *s)
{
	cd_buf_reset(&out);
	return cd_columns_reflow(s, strlen(s), &out);
}

/* True when the reflowed text has want in it. */
static int has(const char *want)
{
	size_t n = strlen(want), i;

	for (i = 0; i + n <= out.len; i++)
		if (memcmp(out.p + i, want, n) == 0)
			return 1;
	return 0;
}

/* The offset of want in the reflowed text, or out.len. */
static size_t at(const char *want)
{
	size_t n = strlen(want), i;

	for (i = 0; i + n <= out.len; i++)
		if (memcmp(out.p + i, want, n) == 0)
			return i;
	return out.len;
}

/* An article beside a sidebar, with two spaces between (w3m, no border). */
static const char spaced[] =
	"Ferry back in service                           Most read\n"
	"                                                \xe2\x80\xa2" " Roof plans\n"
	"The ferry that links the town with the island   \xe2\x80\xa2" " Road closures\n"
	"returned on Monday after four months in the     \xe2\x80\xa2" " Market fees\n"
	"dry dock, where both engines were replaced.\n"
	"                                                Newsletter\n"
	"About forty people waited on the quay for the   Sign up today\n"
	"first crossing at seven, many of them from the\n"
	"island, who had relied on a smaller launch all\n"
	"winter long.\n";

static void test_spaced(void)
{
	CHECK(reflow(spaced));
	CHECK(has("The ferry that links the town with the island returned on "
		  "Monday after four months in the dry dock, where both "
		  "engines were replaced.\n"));
	CHECK(has("About forty people waited on the quay for the first "
		  "crossing at seven, many of them from the island, who had "
		  "relied on a smaller launch all winter long.\n"));
	CHECK(has("\nMost read\n"));
	/* the article column first, whole, then the sidebar */
	CHECK(at("winter long.") < at("Most read"));
	CHECK(at("Most read") < at("Sign up today"));
}

/* The same drawn with box-drawing bars and rules (w3m, border=1). */
#define V "\xe2\x94\x82"		/* U+2502 */
#define H "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"	/* U+2500 x 3 */
static const char boxed[] =
	"\xe2\x94\x8c" H "\xe2\x94\xac" H "\xe2\x94\x90\n"
	V "The ferry that links the town with the island " V "Most read   " V "\n"
	V "returned on Monday after four months in the   " V "Roof plans  " V "\n"
	V "dry dock, where both engines were replaced.   " V "Road works  " V "\n"
	V "                                              " V "            " V "\n"
	V "About forty people waited on the quay for the " V "            " V "\n"
	V "first crossing at seven o'clock on Monday.    " V "            " V "\n"
	"\xe2\x94\x94" H "\xe2\x94\xb4" H "\xe2\x94\x98\n";

static void test_boxed(void)
{
	CHECK(reflow(boxed));
	CHECK(has("\nThe ferry that links the town with the island returned "
		  "on Monday after four months in the dry dock, where both "
		  "engines were replaced.\n"));
	CHECK(has("\nAbout forty people waited on the quay for the first "
		  "crossing at seven o'clock on Monday.\n"));
	CHECK(has("\nMost read\nRoof plans\nRoad works\n"));
	CHECK(!has(V));	/* no bar left */
	CHECK(at("Monday.") < at("Most read"));
}

/* Wide (CJK) characters take two display columns each. */
static const char wide[] =
	"\xe6\x96\xb0\xe9\x97\xbb\xe6\x96\xb0\xe9\x97\xbb\xe6\x96\xb0\xe9\x97\xbb"
	"\xe6\x96\xb0\xe9\x97\xbb\xe6\x96\xb0\xe9\x97\xbb\xe6\x96\xb0\xe9\x97\xbb"
	"\xe6\x96\xb0\xe9\x97\xbb\xe6\x96\xb0\xe9\x97\xbb\xe6\x96\xb0\xe9\x97\xbb"
	"\xe6\x96\xb0\xe9\x97\xbb  side one\n"
	"The ferry that links the town with the    side two\n"
	"island came back on Monday, as all had    side three\n"
	"hoped it would by the time of spring.\n";

static void test_wide(void)
{
	CHECK(reflow(wide));
	CHECK(has("\nside one\nside two\nside three\n"));
	CHECK(at("spring.") < at("side one"));
}

/* Prose, menus and tables of data are left alone. */
static void test_alone(void)
{
	CHECK(!reflow("One line of prose.\nAnother line, with a | bar.\n"));
	CHECK(!reflow("Home  News  Sport\n"));
	CHECK(!reflow(
		"Name          Born   Club\n"
		"Ann Lee       1990   Harbour Rovers\n"
		"Bo Dunne      1988   Northfield Town\n"
		"Cy Ochoa      1993   Kessock Athletic\n"
		"Di Marsh      1991   Harbour Rovers\n"));
	CHECK(out.len == 0);
	CHECK(!reflow(""));
}

int main(void)
{
	test_spaced();
	test_boxed();
	test_wide();
	test_alone();
	cd_buf_release(&out);
	return UNIT_END();
}
