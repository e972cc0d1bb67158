/*
 * test_boiler.c - text normalisation (text.h), line rules, the
 * cleaning of one document and the corpus table (boiler.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "buf.h"
#include "text.h"
#include "unit.h"

static struct cd_boiler_rules rules;
static struct cd_boiler_doc doc;
static struct cd_buf out;

/* Normalise s into out; true when the result is want. */
static int norm_is(const char *s, size_t len, const char *want)
{
	cd_buf_reset(&out);
	cd_text_normalize(s, len, &out);
	return out.len == strlen(want) && memcmp(out.p, want, out.len) == 0;
}

static void test_normalize(void)
{
	/* CRLF and CR, tabs, no-break and thin spaces, runs of spaces */
	CHECK(norm_is("a\r\nb\rc", 6, "a\nb\nc"));
	CHECK(norm_is("a\tb  c\xc2\xa0" "d\xe2\x80\x89" "e", 13, "a b c d e"));
	/* trailing spaces go, leading ones stay, blank lines stay empty */
	CHECK(norm_is("  a  \n   \nb", 11, "  a\n\nb"));
	/* controls, NUL, zero-width space and BOM removed */
	CHECK(norm_is("a\x01" "b\0c\xe2\x80\x8b" "d\xef\xbb\xbf" "e", 13, "abcde"));
	/* NFC: e + combining acute becomes U+00E9 */
	CHECK(norm_is("cafe\xcc\x81", 6, "caf\xc3\xa9"));
	/* curly quotes and apostrophes are kept */
	CHECK(norm_is("\xe2\x80\x9c" "didn\xe2\x80\x99t\xe2\x80\x9d", 14,
		      "\xe2\x80\x9c" "didn\xe2\x80\x99t\xe2\x80\x9d"));
	/* U+2028 is a line end */
	CHECK(norm_is("a\xe2\x80\xa8" "b", 5, "a\nb"));
	CHECK(cd_text_chars("caf\xc3\xa9", 5) == 4);
}

/* Parse rule text into a fresh rule set; returns the parse status. */
static int parse_rules(const char *text, struct cd_buf *err)
{
	cd_boiler_rules_release(&rules);
	return cd_boiler_rules_parse(&rules, "t.rules", text, strlen(text), err);
}

/* The name of the rule matching s, or "" when none does. */
static const char *match(const char *s)
{
	const struct cd_rule *r = cd_boiler_rules_match(&rules, s, strlen(s),
							cd_text_chars(s, strlen(s)));

	return r ? r->name : "";
}

static void test_rules(void)
{
	struct cd_buf err = CD_BUF_INIT;

	CHECK(parse_rules("# comment\n\nad line - advertisement\n"
			  "sub prefix 40 subscribe\n"
			  "cred suffix - /upi\n"
			  "cook contains 100 uses cookies\n"
			  "rel block 60 related\n", &err) == 0);
	CHECK(rules.n == 5);
	CHECK(strcmp(match("Advertisement"), "ad") == 0);
	CHECK(strcmp(match("ADVERTISEMENT:"), "ad") == 0);
	CHECK(strcmp(match("Advertisement here"), "") == 0);
	CHECK(strcmp(match("Subscribe Free To Our Daily Newsletters"), "sub") == 0);
	/* MAXLEN: a long paragraph starting with the word is not a match */
	CHECK(strcmp(match("Subscribers to the service, who number in the "
			   "millions, were told on Tuesday."), "") == 0);
	CHECK(strcmp(match("Photo by Will Oliver/UPI"), "cred") == 0);
	CHECK(strcmp(match("This site uses cookies."), "cook") == 0);
	CHECK(strcmp(match("Related Links"), "rel") == 0);
	/* prefix rules are found by their first two bytes, or by the one
	 * they have; the first in the file wins */
	CHECK(parse_rules("star prefix 40 *\nsep prefix 40 |\n"
			  "starb prefix 40 *b\nbul prefix 40 \xe2\x80\xa2\n"
			  "by prefix 40 by:\n", &err) == 0);
	CHECK(strcmp(match("*"), "star") == 0);
	CHECK(strcmp(match("*Breaking"), "star") == 0);
	CHECK(strcmp(match("|"), "sep") == 0);
	CHECK(strcmp(match("\xe2\x80\xa2 Menu"), "bul") == 0);
	CHECK(strcmp(match("BY: Ann Lee"), "by") == 0);
	CHECK(strcmp(match("B"), "") == 0);
	CHECK(strcmp(match("By Ann Lee"), "") == 0);
	/* errors name the file and the line */
	CHECK(parse_rules("ok line - x\nbad frob - y\n", &err) == -1);
	CHECK(strstr(cd_buf_str(&err), "t.rules:2: expected a kind") != NULL);
	CHECK(parse_rules("bad line many x\n", &err) == -1);
	CHECK(strstr(cd_buf_str(&err), "t.rules:1: expected a maximum") != NULL);
	CHECK(parse_rules("bad line -\n", &err) == -1);
	CHECK(strstr(cd_buf_str(&err), "empty pattern") != NULL);
	cd_buf_release(&err);
}

/* The name of the first contains rule of rules whose pattern is in s
 * (ASCII case ignored) and whose maximum s is within, or "". */
static const char *contains_ref(const char *s)
{
	size_t i, len = strlen(s), chars = cd_text_chars(s, len);

	for (i = 0; i < rules.n; i++)
		if (rules.r[i].kind == CD_RULE_CONTAINS &&
		    chars <= rules.r[i].maxlen &&
		    cd_text_ifind(s, len, rules.r[i].pat, rules.r[i].plen) !=
		    (size_t)-1)
			return rules.r[i].name;
	return "";
}

/* The contains scans (short patterns by their first byte, the others by
 * the skip table; or, with many first bytes or a pattern under four
 * bytes, the other scans) find what a plain search finds, in pseudo-
 * random lines made of pieces of the patterns. */
static void contains_like_ref(const char *text, const char *const *piece,
			      size_t npiece)
{
	struct cd_buf err = CD_BUF_INIT;
	char line[200];
	unsigned seed = 3, ok = 1;
	size_t n, k, at;

	CHECK(parse_rules(text, &err) == 0);
	for (n = 0; n < 3000; n++) {
		seed = seed * 1103515245u + 12345u;
		for (at = 0, k = seed >> 16 & 15; k > 0; k--) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = piece[(seed >> 16) % npiece];
			if (at + strlen(p) >= sizeof(line))
				break;
			memcpy(line + at, p, strlen(p));
			at += strlen(p);
		}
		line[at] = '\0';
		ok &= strcmp(match(line), contains_ref(line)) == 0;
	}
	CHECK(ok);
	cd_buf_release(&err);
}

static void test_contains_scans(void)
{
	static const char *const piece[] = {
		"x", " ", "/ afp", "/ AF", "(pic:", "(PIC", "via getty images",
		"VIA GETTY", "all rights reserved", "all rights", "ab", "abc",
		"cd", "efg", "abcab", "efgef", "(", "/", "q",
		"the quick brown fox "
	};
	size_t np = sizeof(piece) / sizeof(piece[0]);

	/* two first bytes of short patterns: found by them */
	contains_like_ref("a contains - / afp\nb contains 40 (pic:\n"
			  "c contains - via getty images\n"
			  "d contains 60 all rights reserved\n", piece, np);
	CHECK(strcmp(match("Picture: Jo Bloggs / AFP"), "a") == 0);
	CHECK(strcmp(match("/ afp"), "a") == 0);
	CHECK(strcmp(match("A boat (pic: a reader) via Getty Images"), "b") == 0);
	CHECK(rules.nlead == 2 && rules.wm == 16);
	/* the skip table holds each pattern in every ASCII case */
	CHECK(strcmp(match("Boats in the harbour at dawn, seen from the old "
			   "pier wall. VIA GETTY IMAGES"), "c") == 0);
	CHECK(strcmp(match("Boats in the harbour at dawn, seen from the old "
			   "pier wall. Via Getty Images"), "c") == 0);
	CHECK(strcmp(match("Boats vIA gETTY iMAGES at dawn"), "c") == 0);
	/* five first bytes and more: every pattern in the skip scan */
	contains_like_ref("a contains - / afp\nb contains 40 (pic:\n"
			  "e contains - abc\nf contains - efg\n"
			  "c contains - via getty images\n", piece, np);
	CHECK(rules.nlead == 0 && rules.wm == 3);
	/* so many, all of five bytes or more: a skip scan of five */
	contains_like_ref("a contains - / afp\nb contains 40 (pic:\n"
			  "e contains - abcab\nf contains - efgef\n"
			  "c contains - via getty images\n", piece, np);
	CHECK(rules.nlead == 0 && rules.wm == 5);
	/* a pattern of two bytes among the short ones */
	contains_like_ref("a contains - cd\nc contains - via getty images\n"
			  "d contains 60 all rights reserved\n", piece, np);
	/* long patterns only */
	contains_like_ref("c contains - via getty images\n"
			  "d contains 60 all rights reserved\n", piece, np);
	CHECK(rules.nlead == 0 && rules.wm == 16);
}

/* Clean s; the kept text goes to out. */
static void clean(const char *s)
{
	cd_boiler_clean(&rules, s, strlen(s), &doc);
	cd_buf_reset(&out);
	cd_boiler_text(&doc, &out);
}

/* The text of lifted unit i ("" when none). */
static const char *lifted(long i)
{
	static char b[256];
	size_t len;
	const char *s;

	if (i < 0)
		return "";
	s = cd_boiler_unit(&doc, i, &len);
	snprintf(b, sizeof(b), "%.*s", (int)len, s);
	return b;
}

#define P1 "The dam above the town gave way before dawn on Tuesday, sending " \
	"water through the lower streets and forcing hundreds from their homes."
#define P2 "Rescue crews pulled dozens of people from roofs and upper floors " \
	"during the morning, the fire service said in a statement on Tuesday."
#define P3 "The regional government opened three shelters in schools and " \
	"asked residents of the upper town to boil their water for now."

static void test_document(void)
{
	struct cd_buf err = CD_BUF_INIT;

	parse_rules("ad line - advertisement\nrel block 60 related\n", &err);
	clean(" date 2026-03-03 World News\nMarch 3, 2026 / 10:05 AM\n\n"
	      "Dam gives way above the town\n\nBy Helena Marsh\n"
	      "Boats on Mill Street on Tuesday. Photo by A. Name/Wire\n\n"
	      P1 "\n\n" P2 "\n\nAdvertisement\n\n" P3 "\n\n"
	      "Related\nOther headline one\nOther headline two\n");
	CHECK_STR(out.p, out.len, P1 "\n\n" P2 "\n\n" P3);
	CHECK(strcmp(lifted(doc.title), "Dam gives way above the town") == 0);
	CHECK(strcmp(lifted(doc.byline), "By Helena Marsh") == 0);
	CHECK(strcmp(lifted(doc.dateline), "March 3, 2026 / 10:05 AM") == 0);
	CHECK(strcmp(doc.date, "2026-03-03") == 0);

	/* a repeated headline is lifted once, a repeated lead kept once */
	clean("Headline said three times over here\n" P1 "\n"
	      "Headline said three times over here\n"
	      "Headline said three times over here\n"
	      "Castelmar, March 5, 2026 \xe2\x80\x94\n" P1 "\n" P2 "\n");
	CHECK_STR(out.p, out.len, P1 "\n\n" P2);
	CHECK(strcmp(lifted(doc.title), "Headline said three times over here") == 0);
	CHECK(strcmp(doc.date, "2026-03-05") == 0);

	/* a dated record: the same lines go, no date is looked for */
	doc.dated = true;
	clean("Headline said three times over here\n"
	      "Castelmar, March 5, 2026 \xe2\x80\x94\n" P1 "\n" P2 "\n");
	doc.dated = false;
	CHECK_STR(out.p, out.len, P1 "\n\n" P2);
	CHECK(strcmp(lifted(doc.dateline), "Castelmar, March 5, 2026 \xe2\x80\x94") == 0);
	CHECK(doc.date[0] == '\0');

	/* a menu inside the body goes, a single subheading stays */
	clean(P1 "\nNews\nSport\nWeather\n" P2 "\nWhat happens next\n" P3 "\n");
	CHECK_STR(out.p, out.len, P1 "\n\n" P2 "\n\nWhat happens next\n\n" P3);

	/* no prose at all: everything stays */
	clean("one\ntwo three\n");
	CHECK_STR(out.p, out.len, "one\n\ntwo three");

	/* hard-wrapped text is joined into paragraphs */
	clean("    Showers continued throughout the week in the zone, easing\n"
	      "the drought since early January and improving prospects for\n"
	      "the coming harvest, the weekly review said.\n"
	      "    The dry period means the harvest will be late this year,\n"
	      "traders in the port said on Thursday afternoon in a note.\n");
	CHECK_STR(out.p, out.len,
		  "Showers continued throughout the week in the zone, easing "
		  "the drought since early January and improving prospects for "
		  "the coming harvest, the weekly review said.\n\n"
		  "The dry period means the harvest will be late this year, "
		  "traders in the port said on Thursday afternoon in a note.");

	/* a short wrapped line goes on in lower case; REUTER stays apart */
	clean("Merrill Lynch and Co is issuing a 100\n"
	      "mln Ecu eurobond due March 30, 1990, paying 7-3/8 pct and\n"
	      "priced at 101 pct, lead manager Banque Paribas Capital Markets\n"
	      "said.\n"
	      "    The issue is available in denominations of 1,000 and 10,00\n"
	      "Ecus and will be listed in Luxembourg. The payment date is\n"
	      "March 30, 1990.\n REUTER\nAdvertisement\n");
	CHECK_STR(out.p, out.len,
		  "Merrill Lynch and Co is issuing a 100 mln Ecu eurobond due "
		  "March 30, 1990, paying 7-3/8 pct and priced at 101 pct, lead "
		  "manager Banque Paribas Capital Markets said.\n\n"
		  "The issue is available in denominations of 1,000 and 10,00 "
		  "Ecus and will be listed in Luxembourg. The payment date is "
		  "March 30, 1990.");

	/* a list of records the article announces stays with it, however
	 * short its lines; the menu after it goes */
	clean(P1 "\n" P2 "\nTour dates:\n"
	      "June 9 -- Coral Hall, Lakeside, FL\n"
	      "June 10 -- Harbour Arena, Bayton, FL\n"
	      "June 14 -- Old Mill Stage, Brookfield, GA\n"
	      "June 17 -- The Forum, Nashton, TN\n"
	      "News\nSport\nWeather\n");
	CHECK_STR(out.p, out.len, P1 "\n\n" P2 "\n\nTour dates:\n\n"
		  "June 9 -- Coral Hall, Lakeside, FL\n\n"
		  "June 10 -- Harbour Arena, Bayton, FL\n\n"
		  "June 14 -- Old Mill Stage, Brookfield, GA\n\n"
		  "June 17 -- The Forum, Nashton, TN");
	/* so is a list whose lines share the layout of their punctuation */
	clean(P1 "\n" P2 "\nQualified teams\n"
	      "Norland (Group A): tenth appearance\n"
	      "Estmark (Group B): third appearance\n"
	      "Valoria (Group C): first appearance\n"
	      "Ostrava Nova (Group D): fifth appearance\n"
	      "News\nSport\nWeather\n");
	CHECK_STR(out.p, out.len, P1 "\n\n" P2 "\n\nQualified teams\n\n"
		  "Norland (Group A): tenth appearance\n\n"
		  "Estmark (Group B): third appearance\n\n"
		  "Valoria (Group C): first appearance\n\n"
		  "Ostrava Nova (Group D): fifth appearance");
	/* three such lines are no list: they go as a menu would */
	clean(P1 "\n" P2 "\nTour dates:\n"
	      "June 9 -- Coral Hall, Lakeside, FL\n"
	      "June 10 -- Harbour Arena, Bayton, FL\n"
	      "June 14 -- Old Mill Stage, Brookfield, GA\n"
	      "News\nSport\nWeather\n");
	CHECK_STR(out.p, out.len, P1 "\n\n" P2);

	/* a table outweighs a prose footer: the records are the article */
	clean("Standings after the last race:\n"
	      "1 Ann Lee Racing Team 5040 5 1 17 27\n2 Bo Park Racing Team 5035 7 0 15 24\n"
	      "3 Cy Dale Racing Team 5033 4 6 15 26\n4 Di Moss Racing Team 5027 6 3 19 24\n"
	      "5 Ed Finn Racing Team 2380 2 3 12 21\n6 Flo Gray Racing Team 2339 1 1 11 18\n"
	      "7 Gil Hart Racing Team 2339 1 1 8 17\n8 Hal Ives Racing Team 2318 3 3 13 19\n"
	      "9 Ida Jun Racing Team 2290 0 1 7 18\n10 Jo Kent Racing Team 2275 3 4 11 15\n"
	      "11 Kim Lutz Racing Team 2274 0 5 5 13\n12 Lou Marr Racing Team 2257 1 0 7 12\n"
	      "News\nSport\nWeather\nContact\n" P3 "\n");
	CHECK(cd_text_ifind(out.p, out.len, "12 Lou Marr", 11) != (size_t)-1);
	CHECK(cd_text_ifind(out.p, out.len, "boil their water", 16) ==
	      (size_t)-1);
	/* a text with no prose but records is kept whole */
	clean("Shr 34 cts vs 1.19 dlrs\nNet 807,000 vs 2,858,000\n"
	      "Assets 510.2 mln vs 479.7 mln\nDeposits 472.3 mln vs 440.3 mln\n"
	      "Year\nShr one ct vs two cts\n");
	CHECK(cd_text_ifind(out.p, out.len, "Shr one ct", 10) != (size_t)-1);
	/* the rest of the last sentence, cut by a line break, stays */
	clean(P1 " " P2 " The crews worked through the night, and the\n"
	      "river fell back by morning, the service said\nNews\nSport\n");
	CHECK_STR(out.p, out.len, P1 " " P2 " The crews worked through "
		  "the night, and the\n\nriver fell back by morning, the "
		  "service said");

	/* a list the article announces with a colon is no menu, inside the
	 * body or at its end */
	clean(P1 "\nThe shelters offer the following:\n"
	      "Beds and blankets\nHot meals\nClean water\n" P2 "\n"
	      "Residents are asked to bring:\n"
	      "\xe2\x80\xa2 Their identity papers and any medicines\n"
	      "\xe2\x80\xa2 A change of clothes for each child\n"
	      "News\nSport\nWeather\n");
	CHECK_STR(out.p, out.len, P1 "\n\nThe shelters offer the following:"
		  "\n\nBeds and blankets\n\nHot meals\n\nClean water\n\n"
		  P2 "\n\nResidents are asked to bring:\n\n"
		  "\xe2\x80\xa2 Their identity papers and any medicines\n\n"
		  "\xe2\x80\xa2 A change of clothes for each child");

	/* the text of an embedded post stays with its signature line */
	clean(P1 "\nThe city has turned grey with smoke from the fires\n"
	      "Stay indoors and keep the windows shut tonight\n"
	      "Masks are handed out at every school pic.twitter.com/x1\n"
	      "\xe2\x80\x94 Ann Lee (@annlee) March 3, 2026\n" P2 "\n");
	CHECK(cd_text_ifind(out.p, out.len, "grey with smoke", 15) !=
	      (size_t)-1);
	CHECK(cd_text_ifind(out.p, out.len, "every school", 12) != (size_t)-1);

	/* --explain lists every removal with its rule */
	clean(P1 "\nAdvertisement\n" P2 "\n");
	cd_buf_reset(&out);
	cd_boiler_removed_json(&doc, &out);
	CHECK_STR(out.p, out.len,
		  "[{\"text\":\"Advertisement\",\"rule\":\"ad\"}]");
	cd_buf_release(&err);
}

static void test_corpus(void)
{
	struct cd_boiler_corpus c, cu;
	struct cd_corpus_unit ku[32];
	struct cd_boiler_doc d[4];
	char text[4][2048];
	size_t i, n = 0;

	cd_boiler_corpus_init(&c, 64, 3);
	for (i = 0; i < 4; i++) {
		cd_boiler_doc_init(&d[i]);
		snprintf(text[i], sizeof(text[i]),
			 "%s number %zu of the series, with its own words.\n"
			 "%s part %zu, with words of its own too.\n%s\n"
			 "Get our free alerts every morning.\n", P1, i, P3, i, P2);
		cd_boiler_clean(&rules, text[i], strlen(text[i]), &d[i]);
		cd_boiler_corpus_count(&c, &d[i]);
	}
	/* counted from the kept units of the compact form, the table is the
	 * same, also for a long article whose middle paragraphs are not
	 * counted (d[3], counted in neither, is cleaned again) */
	cd_boiler_corpus_init(&cu, 64, 3);
	for (i = 0; i < 4; i++) {
		cd_buf_reset(&out);
		n = cd_boiler_text_json_units(&d[i], &out, ku);
		CHECK(n > 2 && n < 32);
		cd_boiler_corpus_count_units(&cu, ku, n, d[i].sig);
	}
	cd_buf_reset(&out);
	for (i = 0; i < 14; i++)
		cd_buf_addf(&out, "%s Paragraph %zu of the long one.\n\n",
			    i % 2 ? P1 : P3, i);
	cd_boiler_clean(&rules, out.p, out.len, &d[3]);
	cd_boiler_corpus_count(&c, &d[3]);
	cd_buf_reset(&out);
	n = cd_boiler_text_json_units(&d[3], &out, ku);
	CHECK(n == 14);
	cd_boiler_corpus_count_units(&cu, ku, n, d[3].sig);
	CHECK(cu.n == c.n && c.n > 4 &&
	      memcmp(cu.t, c.t, c.cap * sizeof(*c.t)) == 0);
	cd_boiler_corpus_release(&cu);
	cd_boiler_corpus_release(&c);
	cd_boiler_corpus_init(&c, 64, 3);
	for (i = 0; i < 4; i++) {
		cd_boiler_clean(&rules, text[i], strlen(text[i]), &d[i]);
		cd_boiler_corpus_count(&c, &d[i]);
	}
	n = 0;
	/* the footer and P2 end every article: both are peeled off */
	for (i = 0; i < 4; i++)
		n += cd_boiler_corpus_apply(&c, &d[i]);
	CHECK(n == 8);
	cd_buf_reset(&out);
	cd_boiler_text(&d[0], &out);
	CHECK(out.len > 0 && memcmp(out.p, P1, strlen(P1)) == 0 &&
	      !memmem(out.p, out.len, "alerts", 6));

	/* copies of one article count once: nothing recurs */
	cd_boiler_corpus_release(&c);
	cd_boiler_corpus_init(&c, 64, 3);
	for (i = 0; i < 4; i++) {
		cd_boiler_clean(&rules, text[0], strlen(text[0]), &d[i]);
		cd_boiler_corpus_count(&c, &d[i]);
	}
	CHECK(cd_boiler_corpus_apply(&c, &d[0]) == 0);

	/* the table stays within its bound */
	cd_boiler_corpus_release(&c);
	cd_boiler_corpus_init(&c, 64, 3);
	for (i = 0; i < 500; i++) {
		char t[64];

		snprintf(t, sizeof(t), "line %zu", i);
		cd_boiler_clean(&rules, t, strlen(t), &d[0]);
		cd_boiler_corpus_count(&c, &d[0]);
		CHECK(c.n <= c.max);
	}
	for (i = 0; i < 4; i++)
		cd_boiler_doc_release(&d[i]);
	cd_boiler_corpus_release(&c);
}

/* The hash of a unit's folded text is the same whatever the case of its
 * letters, its punctuation and spaces and where it starts, at every
 * length: the sixteen-byte path and the byte path gather alike. */
static void test_fold_hash(void)
{
	static const char pat[] = "Quick, BROWN fox-3 jumps; \xc3\xbc"
				  "ber 42 DOGS (at 9:15 a.m.) & \xe2\x80\x94 ";
	char a[400], b[400], text[1300];
	size_t len, k, i, bad = 0, diff = 0;

	for (len = 1; len < 300; len++) {
		for (i = 0; i < len; i++)
			a[i] = pat[i % (sizeof(pat) - 1)];
		if ((unsigned char)a[len - 1] >= 0x80 ||
		    (unsigned char)a[len] >= 0x80)
			continue;	/* do not cut a character */
		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char)a[i];

			b[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 :
				      c >= 'a' && c <= 'z' ? c - 32 :
				      c == ',' || c == ';' ? '/' : c);
		}
		k = len % 16;	/* the second copy starts elsewhere */
		snprintf(text, sizeof(text), "X%.*s\n\n%*sX%.*s\n\nY%.*s\n",
			 (int)len, a, (int)k, "", (int)len, b, (int)len, a);
		cd_boiler_clean(&rules, text, strlen(text), &doc);
		if (doc.nu != 3 || doc.u[0].hash != doc.u[1].hash)
			bad++;
		if (doc.nu == 3 && doc.u[0].hash == doc.u[2].hash)
			diff++;
	}
	CHECK(bad == 0);
	CHECK(diff == 0);
}

/* A unit's words are counted alike in sixteen-byte blocks, eight-byte
 * words and the tail: words of one to five letters, at every length. */
static void test_unit_words(void)
{
	static char text[5000];
	size_t len, i, want, bad = 0;

	/* 1..299, and past 255 blocks of sixteen (a sum of byte lanes) */
	for (len = 1; len < sizeof(text); len += len < 300 ? 1 : 1173) {
		for (i = 0; i < len; i++)
			text[i] = (char)(i % 7 == 3 || i % 11 == 5 ? ' ' : 'a' + i % 26);
		text[0] = 'Q';
		text[len - 1] = 'z';
		text[len] = '\0';
		cd_boiler_clean(&rules, text, len, &doc);
		if (doc.nu != 1) {
			bad++;
			continue;
		}
		for (i = 0, want = 0; i < doc.u[0].len; i++)
			want += doc.norm.p[doc.u[0].off + i] != ' ' &&
				(i == 0 || doc.norm.p[doc.u[0].off + i - 1] == ' ');
		bad += doc.u[0].words != want;
	}
	CHECK(bad == 0);
	/* a word at every other byte: a lane counts one in each block */
	for (i = 0; i + 1 < sizeof(text); i++)
		text[i] = i % 2 ? ' ' : 'a';
	cd_boiler_clean(&rules, text, sizeof(text) - 2, &doc);
	CHECK(doc.nu == 1 && doc.u[0].words == (sizeof(text) - 2) / 2);
}

/* A unit's code points, words and weight (its code points, wide ones
 * counting three) agree with a byte-by-byte count, in text of any
 * length with letters beyond ASCII, wide or not, anywhere in it. */
static void test_unit_measures(void)
{
	static const char *const piece[] = {
		"a", "b", " ", "\xc3\xa9", "\xe2\x80\x9c", "\xe2\xba\x80",
		"\xe6\x9d\xb1", "\xef\xbc\x81", "xyz"
	};
	static char text[400];
	const unsigned char *u;
	unsigned seed = 7;
	size_t n, at, i, len, bad = 0, chars, words, wide;

	for (n = 0; n < 600; n++) {
		for (at = 0; at < n % 300 + 1;) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = piece[(seed >> 16) % (sizeof(piece) / sizeof(piece[0]))];
			memcpy(text + at, p, strlen(p));
			at += strlen(p);
		}
		text[0] = 'Q';
		text[at] = '\0';
		cd_boiler_clean(&rules, text, at, &doc);
		if (doc.nu != 1) {
			bad++;
			continue;
		}
		u = (const unsigned char *)doc.norm.p + doc.u[0].off;
		len = doc.u[0].len;
		for (i = chars = words = wide = 0; i < len; i++) {
			chars += (u[i] & 0xC0) != 0x80;
			words += u[i] != ' ' && (i == 0 || u[i - 1] == ' ');
			wide += (u[i] == 0xE2 && i + 1 < len && u[i + 1] >= 0xBA) ||
				(u[i] >= 0xE3 && u[i] <= 0xED) || u[i] == 0xEF;
		}
		bad += doc.u[0].chars != chars || doc.u[0].words != words ||
		       doc.u[0].weight != chars + 2 * wide;
	}
	CHECK(bad == 0);
}

/* The sixteen- and eight-byte ASCII paths of cd_text_normalize keep the
 * rules at block edges: double spaces, trailing spaces, tabs, DEL,
 * controls, line ends and non-ASCII spaces. */
static void test_normalize_blocks(void)
{
	static const struct {
		const char *in;
		size_t len;
		const char *want;
	} t[] = {
		{ "abcdefghijklmno pq", 18, "abcdefghijklmno pq" },
		{ "abcdefghijklmnop  qr", 20, "abcdefghijklmnop qr" },
		{ "abcdefghijklmno  pq", 19, "abcdefghijklmno pq" },
		{ "abcdefghijklmn  opq", 19, "abcdefghijklmn opq" },
		{ "abcdefghijklmnopqrstuvwxyzabcde ", 32,
		  "abcdefghijklmnopqrstuvwxyzabcde" },
		{ "abcdefghijklmno\tpq", 18, "abcdefghijklmno pq" },
		{ "abcdefghijklmno\x7fpq", 18, "abcdefghijklmnopq" },
		{ "abcdefghijklmnop\nqr", 19, "abcdefghijklmnop\nqr" },
		{ "abcdefghijklmno\xc2\xa0pq", 19, "abcdefghijklmno pq" },
		{ "abcdefgh  ijklmnop\tq", 20, "abcdefgh ijklmnop q" },
		{ "abcdefg  hijklmnopq   ", 22, "abcdefg hijklmnopq" },
		{ "ab cd ef gh ij kl mn", 20, "ab cd ef gh ij kl mn" },
		{ "abcdef \x7fghijklmno", 17, "abcdef ghijklmno" },
		{ "abcdefg\x01 hijklmnop", 18, "abcdefg hijklmnop" },
		{ "abcdefghijklmnop \nqrstuvwxyz01234", 33,
		  "abcdefghijklmnop\nqrstuvwxyz01234" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK(norm_is(t[i].in, t[i].len, t[i].want));
	CHECK(cd_text_chars("abcdefgh\xc3\xa9ijklmno\xe2\x80\x9cp", 21) == 18);
}

/* cd_boiler_text_json_units writes the bytes of cd_boiler_text escaped. */
static void test_text_json(void)
{
	static const char *const docs[] = {
		"", "Advertisement", P1,
		"Home\nNews\nSport\n\n" P1 "\n\"Quoted\\\" tab\there\"\n" P2,
		P1 "\n\n" P2 "\n\n" P3
	};
	struct cd_buf a = CD_BUF_INIT, b = CD_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		clean(docs[i]);
		cd_buf_reset(&a);
		cd_buf_reset(&b);
		cd_buf_add_json(&a, out.p ? out.p : "", out.len);
		cd_boiler_text_json_units(&doc, &b, NULL);
		CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
	}
	cd_buf_release(&a);
	cd_buf_release(&b);
}

#define P4 "Water levels on the river began to fall in the afternoon, and " \
	"engineers said the remaining walls of the dam were being watched."
#define P5 "Schools in the lower town will stay closed for the rest of the " \
	"week while the buildings are checked for damage, the council said."
#define P6 "Insurers said it was too early to put a figure on the losses, " \
	"but that claims were expected from hundreds of homes and shops."

/* True when the cleaned text has paragraph p in it. */
static int kept(const char *p)
{
	return cd_text_ifind(out.p, out.len, p, strlen(p)) != (size_t)-1;
}

/* An article cut into three parts by long lists of other headlines keeps
 * all three, not only the densest. */
static void test_parts(void)
{
	static const char *const link[12] = {
		"Watch the ferry come back to Kessock after its long winter away",
		"Council budget row deepens, and the mayor refuses to back down",
		"Photos: the harvest festival in pictures from the lower valley",
		"Will the school term start late for pupils across the county?",
		"Weekend weather brings rain, wind and colder nights to the north",
		"Market traders warn of higher stall fees from the first of June",
		"Honoured: a lifeboat crew at a ceremony in the city hall on Friday",
		"Are library opening hours long enough for the winter months?",
		"Council tax frozen again in a vote that split the ruling group",
		"Road closures planned for the bridge repairs, says the council",
		"Opinion: our high street needs more than new paint and benches",
		"Who knows the news from the valley and the coast this week?"
	};
	struct cd_buf text = CD_BUF_INIT;
	int i;

	cd_buf_adds(&text, P1 "\n" P2 "\n");
	for (i = 0; i < 12; i++)
		cd_buf_addf(&text, "%s\n", link[i]);
	cd_buf_adds(&text, P3 "\n" P4 "\n");
	for (i = 0; i < 12; i++)
		cd_buf_addf(&text, "Also %s\n", link[i]);
	cd_buf_adds(&text, P5 "\n" P6 "\n");
	clean(cd_buf_str(&text));
	CHECK(kept(P1) && kept(P2) && kept(P3) && kept(P4) && kept(P5) &&
	      kept(P6));
	cd_buf_release(&text);
}

/* The floor: a document the rules would empty keeps its prose, marked. */
static void test_floor(void)
{
	struct cd_buf err = CD_BUF_INIT;

	/* a rule matching every paragraph */
	parse_rules("every contains - the \n", &err);
	clean(P1 "\n\n" P2 "\n\n" P3 "\n");
	CHECK_STR(out.p, out.len, P1 "\n\n" P2 "\n\n" P3);
	CHECK(doc.floor == 3);
	cd_buf_reset(&out);
	cd_boiler_floor_json(&doc, &out);
	CHECK(out.len > 2 && memmem(out.p, out.len, "\"rule\":\"every\"", 14));

	/* prose kept by the rules: no floor */
	parse_rules("ad line - advertisement\n", &err);
	clean("Home | News | Sport\n\n" P1 "\n\n" P2 "\n");
	CHECK_STR(out.p, out.len, P1 "\n\n" P2);
	CHECK(doc.floor == 0);
	cd_buf_reset(&out);
	cd_boiler_floor_json(&doc, &out);
	CHECK_STR(out.p, out.len, "[]");
	cd_buf_release(&err);
}

/* True when documents a and b have the same units, each with the same
 * measures, class, reason and fate. */
static int same_units(const struct cd_boiler_doc *a,
		      const struct cd_boiler_doc *b)
{
	size_t i;

	if (a->nu != b->nu || a->lo != b->lo || a->hi != b->hi ||
	    a->title != b->title || a->byline != b->byline ||
	    a->dateline != b->dateline || a->floor != b->floor ||
	    a->sig != b->sig || strcmp(a->date, b->date) != 0)
		return 0;
	for (i = 0; i < a->nu; i++) {
		const struct cd_unit *u = &a->u[i], *v = &b->u[i];

		if (u->len != v->len || u->chars != v->chars ||
		    u->words != v->words || u->weight != v->weight ||
		    u->indent != v->indent || u->cls != v->cls ||
		    u->punct != v->punct || u->bullet != v->bullet ||
		    u->block != v->block || u->end != v->end ||
		    u->rule != v->rule || u->image != v->image ||
		    u->tail != v->tail || u->dup != v->dup ||
		    u->record != v->record || u->table != v->table ||
		    u->floor != v->floor || u->score != v->score ||
		    u->keep != v->keep || u->hash != v->hash ||
		    (u->why != v->why && (!u->why || !v->why ||
					  strcmp(u->why, v->why) != 0)) ||
		    memcmp(a->norm.p + u->off, b->norm.p + v->off, u->len) != 0)
			return 0;
	}
	return 1;
}

/* A memo of classified lines changes nothing: each document cleaned
 * through it (lines seen before among them: a paragraph indented in one
 * document and not in the next, in a list, a rule's line, a heading)
 * gives the units cleaning it without one gives, and so after the rules
 * change and the memo is emptied.  Every measure, flag and class of the
 * units and the lifted fields are compared. */
static void test_memo(void)
{
	static const char *const texts[] = {
		"World News\n\n" P1 "\n\n    " P2 "\n\n" P3 "\n\nAdvertisement\n",
		"Advertisement\n\n" P2 "\n\n" P1 "\n\n    " P3 "\n\nRelated\n\n"
		"World News\n",
		"    " P1 "\n    " P2 "\n    " P3 "\n    World News\n",
		"\xe2\x80\xa2 " P1 "\n\xe2\x80\xa2 " P2 "\n\n" P3 "\n\n" P4 "\n",
		P1 "\n\n" P2 "\n\n" P3 "\n\n" P4 "\n\nWorld News\n",
	};
	struct cd_boiler_memo memo;
	struct cd_boiler_doc with;
	struct cd_buf err = CD_BUF_INIT, big = CD_BUF_INIT;
	size_t k, round, i;

	cd_boiler_memo_init(&memo);
	cd_boiler_doc_init(&with);
	for (round = 0; round < 2; round++) {
		parse_rules(round == 0 ? "ad line - advertisement\n"
					 "rel block 60 related\n" :
					 "news line - world news\n", &err);
		/* the memo is kept: it sees the rules changed */
		for (k = 0; k < 2 * sizeof(texts) / sizeof(texts[0]); k++) {
			const char *t = texts[k % (sizeof(texts) /
						   sizeof(texts[0]))];

			with.memo = &memo;
			cd_boiler_clean(&rules, t, strlen(t), &with);
			clean(t);
			CHECK(doc.memo == NULL && same_units(&doc, &with));
			if (k != 4)
				continue;
			/* distinct lines past the ring's bytes: it comes
			 * round over the lines of the documents above */
			cd_buf_reset(&big);
			for (i = 0; i < CD_MEMO_RING / 1000 + 100; i++) {
				cd_buf_addf(&big, "Line %zu of the long list: ", i);
				while (big.len % 1000 < 990)
					cd_buf_adds(&big, "word ");
				cd_buf_adds(&big, "end.\n");
			}
			cd_boiler_clean(&rules, big.p, big.len, &with);
			clean(cd_buf_str(&big));
			CHECK(same_units(&doc, &with));
		}
	}
	CHECK(memo.e != NULL && memo.head > CD_MEMO_RING);
	cd_buf_release(&big);
	cd_boiler_memo_release(&memo);
	cd_boiler_doc_release(&with);
	cd_buf_release(&err);
}

int main(void)
{
	cd_boiler_rules_init(&rules);
	cd_boiler_doc_init(&doc);
	test_normalize();
	test_rules();
	test_contains_scans();
	test_document();
	test_corpus();
	test_fold_hash();
	test_unit_words();
	test_unit_measures();
	test_text_json();
	test_normalize_blocks();
	test_floor();
	test_parts();
	test_memo();
	cd_boiler_rules_release(&rules);
	cd_boiler_doc_release(&doc);
	cd_buf_release(&out);
	return UNIT_END();
}
