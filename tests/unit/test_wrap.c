/*
 * test_wrap.c - wrap.c (boiler.h): when a text's lines are hard-wrapped,
 * at what width, and which lines go on with the one before.  Invented
 * lines.
 */
#include <string.h>

#include "unit.h"
#include "boiler.h"

/* line: a wrap line of string s (indent leading spaces skipped). */
static struct cd_wrap_line line(const char *s)
{
	struct cd_wrap_line w;
	unsigned ind = 0;

	while (s[ind] == ' ')
		ind++;
	w.s = s + ind, w.len = strlen(s + ind), w.indent = ind;
	w.chars = w.len;
	return w;
}

/* The width of the lines v[0..n), margin in *margin. */
static size_t width_of(const char *const *v, size_t n, unsigned *margin)
{
	struct cd_wrap_tally t;
	struct cd_wrap_line w, next;
	size_t i;
	bool hang;

	cd_wrap_init(&t);
	for (i = 0; i < n; i++) {
		w = line(v[i]);
		if (i + 1 < n)
			next = line(v[i + 1]);
		if (!cd_wrap_add(&t, &w, i + 1 < n ? &next : NULL, true))
			return 0;
	}
	return cd_wrap_width(&t, margin, &hang);
}

/* Does b go on with the paragraph that a starts, in text wrapped at
 * width? */
static bool goes_on(const struct cd_wrap_line *a, const struct cd_wrap_line *b,
		    size_t width)
{
	struct cd_wrap_para p;

	cd_wrap_start(&p, a, false);
	return cd_wrap_goes_on(&p, a, b, width);
}

static const char *const wire[] = {
	"   The harbour board met on Tuesday to settle the fees that barge",
	"   owners pay for the winter berths, and its chair said the rise",
	"   would be small.",
	"   \xe2\x80\x9cWe have kept the increase under the rate of inflation for",
	"   the third year,\xe2\x80\x9d said the chair, Ada Lowe, after the vote.",
	"   Owners had asked for a freeze.",
};

static void test_width(void)
{
	static const char *const paras[] = {
		"The harbour board met on Tuesday to settle the fees that barge owners pay for the winter berths, and its chair said the rise would be small.",
		"Owners had asked for a freeze.",
		"One more line.",
		"And the last.",
	};
	unsigned margin = 9;

	CHECK(width_of(wire, 6, &margin) >= 60);
	CHECK(width_of(wire, 6, &margin) <= 72);
	CHECK(margin == 3);
	/* one paragraph a line: more lines over CD_WRAP_MAX than one in ten
	 * of the wide ones */
	CHECK(width_of(paras, 4, &margin) == 0);
	/* fewer than four lines are never taken for wrapped text */
	CHECK(width_of(wire, 3, &margin) == 0);
}

static void test_goes_on(void)
{
	struct cd_wrap_line l[6];
	size_t i;

	for (i = 0; i < 6; i++)
		l[i] = line(wire[i]);
	/* a full line goes on into the next */
	CHECK(goes_on(&l[0], &l[1], 72));
	/* a short line ending a sentence ends its paragraph */
	CHECK(!goes_on(&l[2], &l[3], 72));
	/* a line indented past the paragraph's column starts another */
	{
		struct cd_wrap_line b = line("      owners pay for the winter berths, and its chair said");

		CHECK(!goes_on(&l[0], &b, 72));
	}
	/* a list item's text goes on under its bullet (a hanging indent) */
	{
		struct cd_wrap_line a = line("     * The harbour board met on Tuesday to settle the fees that"),
				    b = line("       barge owners pay for their winter berths.");

		CHECK(goes_on(&a, &b, 72));
	}
	/* ... under a bullet of more bytes than columns too (w3m's and
	 * elinks' U+2022: three bytes, one column) */
	{
		struct cd_wrap_line a = line("  \xE2\x80\xA2 The harbour board met on Tuesday to settle the fees that"),
				    b = line("    barge owners pay for their winter berths.");

		a.chars = a.len - 2;
		CHECK(goes_on(&a, &b, 72));
	}
	/* the rows of a table stay apart */
	{
		struct cd_wrap_line a = line("   | Upper slopes    | 5 to 10 per cent  | Near normal   |"),
				    b = line("   | Middle terraces | 25 to 40 per cent | Reduced       |");

		CHECK(!goes_on(&a, &b, 72));
	}
	/* a long line ending a sentence goes on: wrappers do not all fill
	 * their lines */
	{
		struct cd_wrap_line a = line("   Owners had asked the board for a freeze of every fee this year."),
				    b = line("   Their spokesman said so.");
		CHECK(goes_on(&a, &b, 72));
	}
	/* a short line whose sentence goes on in lower case goes on */
	{
		struct cd_wrap_line a = line("   The chair, who was"),
				    b = line("   re-elected, spoke.");
		CHECK(goes_on(&a, &b, 72));
	}
}

int main(void)
{
	test_width();
	test_goes_on();
	return UNIT_END();
}
