/*
 * test_story.c - unit checks of story grouping (src/lib/story.c): the
 * API contract, the date penalty with each date form, two similar events
 * kept apart, copies found by their lines, the candidate pairs of a
 * record, pairs joined to their records across the pair finder's
 * blocks, a record's terms in one order whatever its tally counted
 * before, the same terms from the block scan as from the tokeniser, stop
 * words read from a file and the set holding them, and the five seed
 * articles grouped as one story (skipped when ../shared/seeds is absent).
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "datapath.h"
#include "story.h"
#include "story_int.h"
#include "unit.h"

/* Invented reports of two similar events: two harbour fires. */
static const char *const fire_a[] = {
	"Fire destroyed the Kellaway boat shed in Port Ardmore on Sunday. "
	"Fire chief Nora Quill said 14 boats burned and nobody was hurt.",
	"Firefighters fought the blaze at the Kellaway boat shed in Port "
	"Ardmore for six hours, chief Nora Quill said; 14 boats were lost.",
	"\"We saved the fuel dock,\" said Nora Quill after the Kellaway shed "
	"fire in Port Ardmore, which burned 14 boats on Sunday.",
};
static const char *const fire_b[] = {
	"A fire gutted the Brannock ferry terminal at Saltmere harbour on "
	"Tuesday. Harbour master Ivo Penhale said 3 ferries were damaged.",
	"Ivo Penhale, Saltmere harbour master, said the Brannock terminal "
	"fire on Tuesday damaged 3 ferries and closed the harbour.",
	"Saltmere harbour reopened after Tuesday's fire at the Brannock "
	"ferry terminal, Ivo Penhale said; 3 ferries need repairs.",
};

/* A grouping with the defaults and the stop words of data/. */
static struct cd_story *new_story(void)
{
	struct cd_story *s = cd_story_new(NULL);
	char *path = cd_data_path("stop-words.txt");

	CHECK(cd_story_stops_load(s, path) == 0);
	free(path);
	return s;
}

/* Group n texts with optional dates and return story_of (caller frees). */
static size_t *group(const char *const *text, const char *const *date,
		     size_t n, struct cd_story **keep)
{
	struct cd_story *s = new_story();
	size_t *so = cd_xmalloc((n + 1) * sizeof *so);

	for (size_t i = 0; i < n; i++)
		cd_story_add(s, i, text[i], strlen(text[i]),
			     date ? date[i] : NULL, date ? strlen(date[i]) : 0);
	cd_story_solve(s, so);
	if (keep)
		*keep = s;
	else
		cd_story_free(s);
	return so;
}

/* Defaults, an empty input, and a single record. */
static void test_basics(void)
{
	struct cd_story_opts o;
	struct cd_story *s;
	size_t so[1];
	size_t to = 7;

	cd_story_opts_init(&o);
	CHECK(o.threshold > 0 && o.threshold < 1);
	CHECK(o.window_days > 0 && o.max_terms > 0);
	s = cd_story_new(&o);
	cd_story_solve(s, so);
	CHECK(!cd_story_link(s, 0, &to, NULL));
	cd_story_free(s);
	cd_story_free(NULL);

	s = new_story();
	cd_story_add(s, 0, "", 0, NULL, 0);
	cd_story_solve(s, so);
	CHECK(so[0] == 0);
	CHECK(!cd_story_link(s, 0, &to, NULL) && to == 7);
	cd_story_free(s);
}

/* cd_story_end: the records added before it count, none after it. */
static void test_end(void)
{
	struct cd_story *s = new_story();
	size_t so[3] = { 9, 9, 9 };

	cd_story_add(s, 0, fire_a[0], strlen(fire_a[0]), NULL, 0);
	cd_story_add(s, 1, fire_a[1], strlen(fire_a[1]), NULL, 0);
	cd_story_end(s);
	cd_story_end(s);
	cd_story_add(s, 2, fire_a[2], strlen(fire_a[2]), NULL, 0);
	cd_story_solve(s, so);
	CHECK(so[0] == 0 && so[1] == 0 && so[2] == 9);
	cd_story_free(s);
}

/* Reports of one event share a story; a similar event gets its own. */
static void test_two_events(void)
{
	const char *t[6];
	struct cd_story *s;
	size_t *so, to;
	double score;

	/* Interleave the two events, as an archive would. */
	for (size_t i = 0; i < 3; i++) {
		t[2 * i] = fire_a[i];
		t[2 * i + 1] = fire_b[i];
	}
	so = group(t, NULL, 6, &s);
	CHECK(so[0] == 0 && so[2] == 0 && so[4] == 0);
	CHECK(so[1] == 1 && so[3] == 1 && so[5] == 1);
	CHECK(!cd_story_link(s, 0, NULL, NULL));
	CHECK(!cd_story_link(s, 1, NULL, NULL));
	CHECK(cd_story_link(s, 4, &to, &score));
	CHECK((to == 0 || to == 2) && score > 0 && score <= 1.0001);
	CHECK(cd_story_link(s, 5, &to, NULL) && (to == 1 || to == 3));
	CHECK(!cd_story_link(s, 6, &to, NULL));
	free(so);
	cd_story_free(s);
}

/* Invented reports of two bouts of one champion: the subject and most
 * words shared, the opponents, places and records not. */
static const char *const bouts[] = {
	"Dario Venn kept his heavyweight title on Saturday, stopping Kurt "
	"Olander in the seventh round at Halsted Arena. Venn, 31-2, floored "
	"Olander twice.",
	"Dario Venn defended his heavyweight title by knocking out Emil "
	"Strand in the third round in Norrvik on Friday. Venn, now 35-2, "
	"dropped Strand with a right hand.",
	"Venn beat Kurt Olander in the seventh round in Halsted on Saturday "
	"night to keep the heavyweight belt. Olander, 24-6, could not get "
	"inside the taller champion's reach.",
	"Emil Strand lasted less than three rounds against heavyweight "
	"champion Venn in Norrvik. Strand, 19-4, was counted out on Friday "
	"night.",
	"Heavyweight champion Dario Venn stopped Olander in round seven in "
	"Halsted. \"Kurt was brave,\" Venn said after improving to 31-2.",
	"Venn needed three rounds to beat Strand in Norrvik on Friday and "
	"keep the heavyweight title. \"Emil hit hard,\" said Venn, 35-2.",
};

/* Two events that share their subject stay apart on the names and
 * numbers they do not share (CONFLICT): a cosine alone joined them. */
static void test_shared_subject(void)
{
	size_t *so = group(bouts, NULL, 6, NULL);

	CHECK(so[0] == 0 && so[2] == 0 && so[4] == 0);
	CHECK(so[1] == 1 && so[3] == 1 && so[5] == 1);
	free(so);
}

/* One invented report written properly and in lower case: its names
 * and figures are salient in the first only. */
static const char *const weir[] = {
	"The Harwick River Authority closed the Kelmarsh weir on Tuesday "
	"after the water rose 3.2 metres in two days. Officials of the River "
	"Authority said the Kelmarsh gates would stay shut until the level "
	"fell, and Mayor Odile Brannagh asked people in Lower Fenby to keep "
	"away from the banks.",
	"the harwick river authority shut the kelmarsh weir on tuesday when "
	"the water had risen 3.2 metres in two days. the river authority said "
	"the kelmarsh gates stay closed until the level falls; mayor odile "
	"brannagh told lower fenby residents to keep away from the banks.",
};

/* A pair's score does not depend on which record comes first: a term
 * salient in either record counts as salient (CONFLICT); and records in
 * another order make the same stories. */
static void test_order(void)
{
	const char *t[6];
	struct cd_story *s;
	size_t *so, to;
	double score[2];

	for (size_t o = 0; o < 2; o++) {
		t[0] = weir[o];
		t[1] = weir[1 - o];
		so = group(t, NULL, 2, &s);
		CHECK(so[1] == 0);
		CHECK(cd_story_link(s, 1, &to, &score[o]) && to == 0);
		free(so);
		cd_story_free(s);
	}
	CHECK(fabs(score[0] - score[1]) < 1e-5);
	CHECK(score[0] > 0.6);

	for (size_t i = 0; i < 6; i++)
		t[i] = bouts[5 - i];
	so = group(t, NULL, 6, NULL);
	CHECK(so[5] == so[3] && so[3] == so[1]);
	CHECK(so[4] == so[2] && so[2] == so[0] && so[0] != so[1]);
	free(so);
}

/* Without the links option the stories are the same, and no record
 * has a link. */
static void test_no_links(void)
{
	struct cd_story_opts o;
	struct cd_story *s;
	char *path = cd_data_path("stop-words.txt");
	size_t so[6], to = 7;

	cd_story_opts_init(&o);
	CHECK(o.links);
	o.links = false;
	s = cd_story_new(&o);
	CHECK(cd_story_stops_load(s, path) == 0);
	free(path);
	for (size_t i = 0; i < 3; i++) {
		cd_story_add(s, 2 * i, fire_a[i], strlen(fire_a[i]), NULL, 0);
		cd_story_add(s, 2 * i + 1, fire_b[i], strlen(fire_b[i]),
			     NULL, 0);
	}
	cd_story_solve(s, so);
	CHECK(so[0] == 0 && so[2] == 0 && so[4] == 0);
	CHECK(so[1] == 1 && so[3] == 1 && so[5] == 1);
	for (size_t i = 0; i < 6; i++)
		CHECK(!cd_story_link(s, i, &to, NULL) && to == 7);
	cd_story_free(s);
}

/* Same text, dates in every accepted form: close dates group, distant
 * ones (beyond the window, here two years) do not. */
static void test_dates(void)
{
	const char *t[4] = { fire_a[0], fire_a[0], fire_a[0], fire_a[0] };
	const char *d1[4] = { "2025-07-03", "July 4, 2025", "3 July 2025",
			      "Thursday, 03-JUL-2025 15:01:01.79" };
	const char *d2[3] = { "2025-07-03", "July 4, 2027", "1 Jan 2023" };
	const char *d3[2] = { "2025-07-03", "not a date" };
	const char *d4[2] = { "2025-07-03", "Mayor 3, 2023" };
	size_t *so;

	so = group(t, d1, 4, NULL);
	CHECK(so[0] == 0 && so[1] == 0 && so[2] == 0 && so[3] == 0);
	free(so);
	so = group(t, d2, 3, NULL);
	CHECK(so[0] == 0 && so[1] == 1 && so[2] == 2);
	free(so);
	/* An unreadable date counts as unknown, which never separates. */
	so = group(t, d3, 2, NULL);
	CHECK(so[0] == 0 && so[1] == 0);
	free(so);
	/* Month names are those of date.h: "Mayor" is not May (which would
	 * put the second two years before the first). */
	so = group(t, d4, 2, NULL);
	CHECK(so[0] == 0 && so[1] == 0);
	free(so);
}

/* Hostile bytes: invalid UTF-8, NULs, long tokens, unbalanced quotes. */
static void test_odd_bytes(void)
{
	static const char junk[] = "\xff\xfe\"\xe2\x80\x9c\0abc\xc3(\x80"
		"9,9.9.,1 x\n\"\"\xe2\x80\x9d";
	char big[300];
	struct cd_story *s = new_story();
	size_t so[3];

	memset(big, 'k', sizeof big);
	cd_story_add(s, 0, junk, sizeof junk - 1, "\xff-99-99", 7);
	cd_story_add(s, 1, big, sizeof big, "0000-00-00", 10);
	cd_story_add(s, 2, big, sizeof big, "9999-12-31", 10);
	cd_story_solve(s, so);
	CHECK(so[0] == 0 && so[1] == 1 && so[2] == 1);
	cd_story_free(s);
}

/* A copy (the same long lines in another wrapper) joins the story of
 * the record it copies, linked to it with the share of its sampled line
 * bytes found there; one dated far from its source is weighed like any
 * record. */
static void test_copies(void)
{
	struct cd_buf a = CD_BUF_INIT, b = CD_BUF_INIT;
	const char *t[4], *date[4] = { "2025-07-03", "2025-07-03",
				       "2025-07-05", "2028-01-01" };
	struct cd_story *s;
	size_t *so, to = 0;
	double score = 0, share;

	for (size_t i = 0; i < 3; i++)
		cd_buf_addf(&a, "%s\n", fire_a[i]);
	cd_buf_addf(&b, "World News\n%s\nShare this story with your "
		    "friends today!\n", a.p);
	t[0] = a.p, t[1] = fire_b[0], t[2] = b.p, t[3] = b.p;
	so = group(t, date, 4, &s);
	CHECK(so[0] == 0 && so[1] == 1 && so[2] == 0 && so[3] == 3);
	CHECK(cd_story_link(s, 2, &to, &score) && to == 0);
	share = (double)(a.len - 3) / (double)(a.len - 3 + 41);
	CHECK(score > share - 0.001 && score < share + 0.001);
	free(so);
	cd_story_free(s);
	cd_buf_release(&a);
	cd_buf_release(&b);
}

/* Two pages of one site share their menu lines, not their paragraphs:
 * neither is a copy of the other (the menus here are function words, so
 * that only a false copy could put the pages in one story). */
static void test_shared_menu(void)
{
	struct cd_buf a = CD_BUF_INIT, b = CD_BUF_INIT, menu = CD_BUF_INIT;
	const char *t[2];
	size_t *so;
	static const char *const first[] = { "the", "and", "but", "for",
		"nor", "was", "has", "had", "its", "his" };

	for (int i = 0; i < 10; i++)
		cd_buf_addf(&menu, "%s about above after again against "
			    "between\n", first[i]);
	cd_buf_addf(&a, "%s%s\n%s\n", menu.p, fire_a[0], fire_a[1]);
	cd_buf_addf(&b, "%s%s\n%s\n", menu.p, fire_b[0], fire_b[1]);
	t[0] = a.p, t[1] = b.p;
	so = group(t, NULL, 2, NULL);
	CHECK(so[0] == 0 && so[1] == 1);
	free(so);
	cd_buf_release(&a);
	cd_buf_release(&b);
	cd_buf_release(&menu);
}

/* A copy found elsewhere (cd_story_copy) joins the story of its source,
 * whatever its words; a call out of order changes nothing. */
static void test_copy_declared(void)
{
	struct cd_story *s = new_story();
	size_t so[3], to = 9;
	double score = 0;

	for (size_t i = 0; i < 3; i++)
		cd_story_add(s, i, i == 1 ? fire_b[0] : fire_a[0],
			     strlen(i == 1 ? fire_b[0] : fire_a[0]), NULL, 0);
	cd_story_copy(s, 1, 0, 0.9);
	cd_story_copy(s, 0, 1, 0.9);
	cd_story_copy(s, 2, 2, 0.9);
	cd_story_copy(s, 7, 0, 0.9);
	cd_story_solve(s, so);
	CHECK(so[0] == 0 && so[1] == 0 && so[2] == 0);
	CHECK(cd_story_link(s, 1, &to, &score) && to == 0);
	CHECK(score > 0.89 && score < 0.91);
	CHECK(!cd_story_link(s, 0, NULL, NULL));
	cd_story_copy(s, 2, 1, 1);
	CHECK(cd_story_link(s, 2, &to, NULL) && to == 0);
	cd_story_free(s);
}

/* The records added so far, and whether the input has ended, for
 * known_odd. */
static size_t known_added;
static bool known_ended;

/* cd_story_known: the odd records are copies, asked about only once the
 * record after them is added. */
static bool known_odd(void *arg, size_t i)
{
	(void)arg;
	CHECK(i + 1 < known_added || known_ended);
	return i % 2;
}

/* Records known to be copies while adding (cd_story_known) are not
 * counted, over several batches; declared, they join their sources. */
static void test_known_copies(void)
{
	struct cd_story *s = new_story();
	struct cd_buf t = CD_BUF_INIT;
	size_t n = 3001, *so = cd_xmalloc(n * sizeof *so), counted = 0;

	cd_story_known(s, known_odd, NULL);
	known_added = 0;
	known_ended = false;
	for (size_t i = 0; i < n; i++) {
		cd_buf_reset(&t);
		for (size_t k = 0; k < 12; k++)
			cd_buf_addf(&t, "Word%zuq%zu and ", i, k);
		known_added = i + 1;
		cd_story_add(s, i, t.p, t.len, NULL, 0);
	}
	known_ended = true;
	cd_story_end(s);
	for (size_t i = 0; i < n; i++) {
		CHECK((s->docs[i].n == 0) == (i % 2 == 1));
		counted += s->docs[i].n;
	}
	CHECK(s->nterms == counted);
	for (size_t i = 1; i < n; i += 2)
		cd_story_copy(s, i, i - 1, 0.9);
	cd_story_solve(s, so);
	CHECK(so[1] == 0 && so[2] == 2 && so[n - 2] == n - 3);
	free(so);
	cd_buf_release(&t);
	cd_story_free(s);
}

/* One record with a huge vocabulary must not slow every later record
 * (the scratch table shrinks again): 20000 short records after one of
 * 150000 distinct words take well under two seconds of CPU (about 40
 * without the shrinking). */
static void test_huge_record(void)
{
	struct cd_buf big = CD_BUF_INIT;
	struct cd_story *s = new_story();
	size_t *so = cd_xmalloc(20001 * sizeof *so);
	clock_t t0 = clock();

	for (int i = 0; i < 150000; i++)
		cd_buf_addf(&big, "w%dq ", i);
	cd_story_add(s, 0, big.p, big.len, NULL, 0);
	for (size_t i = 1; i <= 20000; i++)
		cd_story_add(s, i, fire_a[0], strlen(fire_a[0]), NULL, 0);
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	cd_story_solve(s, so);
	CHECK(so[0] == 0 && so[1] == 1);
	free(so);
	cd_story_free(s);
	cd_buf_release(&big);
}

/* Stop words come from a file: words listed there are no evidence, and
 * a line that is not one word is reported by its number. */
static void test_stop_words(void)
{
	const char *t[2] = { "Quorlan Vestibar quorlan vestibar harbour.",
			     "Quorlan Vestibar quorlan vestibar harbour." };
	char path[] = "/tmp/test_story.XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	struct cd_story *s;
	size_t so[2];

	CHECK(f != NULL);
	if (!f)
		return;
	fputs("# words of no story\n\nquorlan\n  vestibar \nharbour\n", f);
	fclose(f);
	for (int stops = 0; stops < 2; stops++) {
		s = stops ? new_story() : cd_story_new(NULL);
		CHECK(cd_story_stops_load(s, path) == 0);
		for (size_t i = 0; i < 2; i++)
			cd_story_add(s, i, t[i], strlen(t[i]), NULL, 0);
		cd_story_solve(s, so);
		CHECK(so[0] == 0 && so[1] == 1);
		cd_story_free(s);
	}
	/* Without them the two texts are one story. */
	s = new_story();
	for (size_t i = 0; i < 2; i++)
		cd_story_add(s, i, t[i], strlen(t[i]), NULL, 0);
	cd_story_solve(s, so);
	CHECK(so[0] == 0 && so[1] == 0);
	cd_story_free(s);

	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("# two lines\nfine\nnot one\n", f);
		fclose(f);
	}
	s = cd_story_new(NULL);
	CHECK(cd_story_stops_load(s, path) == 3);
	CHECK(cd_story_stops_load(s, "/nonexistent/stop-words.txt") == -1);
	cd_story_free(s);
	remove(path);
}

/* The stop set: hashes that share their low bits, and so a bucket, until
 * the buckets have doubled past them, and thousands of others, are all
 * found, and no hash left out is; adding one again changes nothing. */
static void test_stop_set(void)
{
	struct stopset st;
	int bad = 0;

	cd_stop_init(&st);
	for (uint64_t k = 1; k <= 6; k++)
		cd_stop_add(&st, 0x5a | k << 9);
	for (uint64_t i = 1; i <= 3000; i++)
		cd_stop_add(&st, i * 0x9E3779B97F4A7C15ULL);
	{
		size_t nb = st.nb, n = st.n, no = st.over.n;
		uint64_t *copy = malloc(nb * STOP_WAYS * sizeof *copy);

		memcpy(copy, st.b, nb * STOP_WAYS * sizeof *copy);
		cd_stop_add(&st, 0x5a | 1 << 9);
		cd_stop_add(&st, 7 * 0x9E3779B97F4A7C15ULL);
		CHECK(st.nb == nb && st.n == n && st.over.n == no &&
		      memcmp(copy, st.b, nb * STOP_WAYS * sizeof *copy) == 0);
		free(copy);
	}
	for (uint64_t k = 1; k <= 6; k++)
		bad += !stop_has(&st, 0x5a | k << 9);
	for (uint64_t i = 1; i <= 3000; i++)
		bad += !stop_has(&st, i * 0x9E3779B97F4A7C15ULL);
	CHECK(bad == 0);
	for (uint64_t k = 7; k <= 3000; k++)
		bad += stop_has(&st, 0x5a | k << 9);
	for (uint64_t i = 3001; i <= 6000; i++)
		bad += stop_has(&st, i * 0x9E3779B97F4A7C15ULL);
	CHECK(bad == 0);
	CHECK(st.nb >= 1024 && (st.nb & (st.nb - 1)) == 0);
	cd_stop_release(&st);
	cd_stop_release(&st);		/* again is harmless */

	/* Hashes that all share their low 20 bits: the buckets stop
	 * doubling once they are an eighth full, the rest go beside them,
	 * all found; a released set takes hashes again. */
	for (uint64_t k = 1; k <= 4000; k++)
		cd_stop_add(&st, 0x5a | k << 20);
	CHECK(st.n == 4000 && st.nb * STOP_WAYS < 16 * st.n &&
	      st.over.n > 3000);
	for (uint64_t k = 1; k <= 4000; k++)
		bad += !stop_has(&st, 0x5a | k << 20);
	for (uint64_t k = 4001; k <= 8000; k++)
		bad += stop_has(&st, 0x5a | k << 20);
	CHECK(bad == 0);
	cd_stop_release(&st);
	cd_stop_add(&st, 42);
	CHECK(stop_has(&st, 42) && !stop_has(&st, 43));
	cd_stop_release(&st);
}

/* Words as the tokeniser reads them: lower-cased, cut at 64 bytes (runs
 * longer than the sixteen bytes read at once), digits joined by '.' or
 * ',' but not a sentence's full stop, a non-ASCII letter then ASCII
 * ones.  Two records of one word repeated are one story, and apart when
 * that word, as read, is a stop word. */
static void test_token_reading(void)
{
	static const struct {
		const char *text, *stop;
	} c[] = {
		{ "QuorlanVestibarHarbourmasterSaltmereBrannockFerryTerminal"
		  "FireKellawayBoatShed QuorlanVestibarHarbourmasterSaltmere"
		  "BrannockFerryTerminalFireKellawayBoatShedX",
		  "quorlanvestibarharbourmastersaltmerebrannockferryterminal"
		  "firekel" },
		{ "Zq12,500.75x zq12,500.75X", "zq1250075x" },
		{ "Total 1987. Total 1987.", "1987" },
		{ "\xc3\x84rzteqx \xc3\x84RZTEQX", "\xc3\xa4rzteqx" },
	};
	size_t so[2];

	for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
		for (int stop = 0; stop < 2; stop++) {
			struct cd_story *s = cd_story_new(NULL);

			CHECK(cd_story_stop_add(s, "total", 5) == 0);
			if (stop)
				CHECK(cd_story_stop_add(s, c[k].stop,
					strlen(c[k].stop)) == 0);
			for (size_t i = 0; i < 2; i++)
				cd_story_add(s, i, c[k].text,
					     strlen(c[k].text), NULL, 0);
			cd_story_solve(s, so);
			CHECK(so[0] == 0 && so[1] == (size_t)stop);
			cd_story_free(s);
		}
	}
}

/* Append to b the word of letters alone that n names ("zqa", "zqb", ...,
 * "zqba", ...): no stop word, one term per n. */
static void add_word(struct cd_buf *b, unsigned n)
{
	char w[16];
	size_t len = 0;

	do {
		w[len++] = (char)('a' + n % 26);
		n /= 26;
	} while (n);
	cd_buf_add(b, "zq", 2);
	while (len)
		cd_buf_add(b, &w[--len], 1);
	cd_buf_add(b, " ", 1);
}

/* Add records 0 .. n - 1 to s, each of four words of its own named
 * from *w on; returns n. */
static size_t add_filler(struct cd_story *s, size_t n, unsigned *w)
{
	struct cd_buf b = CD_BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		cd_buf_reset(&b);
		for (int k = 0; k < 4; k++)
			add_word(&b, (*w)++);
		cd_story_add(s, i, b.p, b.len, NULL, 0);
	}
	cd_buf_release(&b);
	return n;
}

/* A record's kept terms come out in the same order whatever its tally
 * counted before: counted with a fresh tally (whose table grows on the
 * way) and with one whose table an earlier larger record already grew,
 * its 600 distinct words give the same terms in the same order (the
 * caller's and the worker's tally each count whichever records timing
 * gives them). */
static void test_tally_order(void)
{
	struct cd_story *s = new_story();
	struct cd_buf big = CD_BUF_INIT, rec = CD_BUF_INIT;
	struct tally fresh, grown;
	struct kept fout = { NULL, 0, 0 }, gout = { NULL, 0, 0 };
	size_t n, m, off;
	unsigned w = 0;

	for (int i = 0; i < 3000; i++)
		add_word(&big, w++);
	for (int i = 0; i < 600; i++)
		add_word(&rec, w++);
	cd_tally_init(&fresh);
	cd_tally_init(&grown);
	off = cd_story_terms(s, &grown, &gout, big.p, big.len);
	CHECK(grown.tabcap > TAB_SLOTS && grown.tabcap <= TAB_SHRINK);
	n = cd_story_terms(s, &fresh, &fout, rec.p, rec.len);
	m = cd_story_terms(s, &grown, &gout, rec.p, rec.len);
	CHECK(n > 0 && n == m && n == (size_t)s->o.max_terms);
	CHECK(n == m &&
	      memcmp(fout.v, gout.v + off, n * sizeof *fout.v) == 0);
	cd_tally_release(&fresh);
	cd_tally_release(&grown);
	free(fout.v);
	free(gout.v);
	cd_buf_release(&big);
	cd_buf_release(&rec);
	cd_story_free(s);
}

/* The terms of text[0..len) counted in t into out (emptied). */
static size_t terms_of(const struct cd_story *s, struct tally *t,
		       struct kept *out, const char *text, size_t len)
{
	out->n = 0;
	return cd_story_terms(s, t, out, text, len);
}

/* The words a block reads (block_terms: whole ASCII words of up to 16
 * bytes hashed in the text, the marks between them noted) count as
 * lex_next counts them: each text below, short enough to be read by
 * lex_next alone, gives the same terms in the same order when put at
 * every offset of a block, with spaces before and after (which mark
 * nothing) so that the blocks read it. */
static void test_block_words(void)
{
	static const char *const text[] = {
		"Nora Quill said. \"We saved the fuel dock,\" Ivo Penhale "
		"said",
		"Port Ardmore (Kellaway) 14 boats; 5.6 pct, 1,000 tons, "
		"12,500.75 1987.",
		"a I x 7 Xy harbourmasters harbourmasterss Harbourmastersss",
		"Zqtwelvelettr Zqsixteenletters Zqseventeenletter 0123456789",
		"\xc3\x84rzte caf\xc3\xa9 na\xc3\xafve \xe2\x80\x9cQuote "
		"here now\xe2\x80\x9d \xc2\xabun deux trois\xc2\xbb",
		"ab\xff" "cd Fire\tchief\nNora\r\nQuill: Tara-Reid "
		"Tara\xe2\x80\x94Reid",
		"\"quoted words go on\" and on \"straight quote\" x!y?z",
	};
	struct cd_story *s = new_story();
	struct cd_buf b = CD_BUF_INIT;
	struct tally ref, got;
	struct kept rout = { NULL, 0, 0 }, gout = { NULL, 0, 0 };

	cd_tally_init(&ref);
	cd_tally_init(&got);
	for (size_t k = 0; k < sizeof text / sizeof text[0]; k++) {
		size_t len = strlen(text[k]), n;

		CHECK(len < 80);
		n = terms_of(s, &ref, &rout, text[k], len);
		CHECK(n > 0);
		for (size_t at = 0; at < 64; at++) {
			cd_buf_reset(&b);
			for (size_t i = 0; i < at; i++)
				cd_buf_add(&b, " ", 1);
			cd_buf_add(&b, text[k], len);
			for (int i = 0; i < 100; i++)
				cd_buf_add(&b, " ", 1);
			CHECK(terms_of(s, &got, &gout, b.p, b.len) == n &&
			      memcmp(rout.v, gout.v,
				     n * sizeof *rout.v) == 0);
		}
	}
	cd_tally_release(&ref);
	cd_tally_release(&got);
	free(rout.v);
	free(gout.v);
	cd_buf_release(&b);
	cd_story_free(s);
}

/* Compare two floats for qsort. */
static int float_cmp(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

/* A kept term weighs (1 + log tf) times its kind's boost, rounded to a
 * float, whether its count is below the table of weights (LOG_TABLE)
 * or not: a word 300 times, one 7 times, a number 3 times (boost 3), a
 * name capitalised inside sentences twice (boost 2, no pair after the
 * stop word "then"). */
static void test_term_weights(void)
{
	struct cd_story *s = new_story();
	struct cd_buf b = CD_BUF_INIT;
	struct tally t;
	struct kept out = { NULL, 0, 0 };
	float got[4], want[4] = {
		(float)(1.0 + log(300.0)), (float)(1.0 + log(7.0)),
		(float)((1.0 + log(3.0)) * 3), (float)((1.0 + log(2.0)) * 2)
	};
	size_t n;

	CHECK(300 >= LOG_TABLE);
	for (int i = 0; i < 300; i++)
		cd_buf_add(&b, "harbour ", 8);
	for (int i = 0; i < 7; i++)
		cd_buf_add(&b, "ferry ", 6);
	for (int i = 0; i < 3; i++)
		cd_buf_add(&b, "1987 ", 5);
	for (int i = 0; i < 2; i++)
		cd_buf_add(&b, "then Quillon ", 13);
	cd_tally_init(&t);
	n = terms_of(s, &t, &out, b.p, b.len);
	/* harbour, ferry, 1987, Quillon ("then" a stop word) */
	CHECK(n == 4);
	for (size_t k = 0; k < n && k < 4; k++)
		got[k] = float_undesc((uint32_t)(out.v[k].key >> 32));
	qsort(got, 4, sizeof *got, float_cmp);
	qsort(want, 4, sizeof *want, float_cmp);
	CHECK(memcmp(got, want, sizeof got) == 0);
	cd_tally_release(&t);
	free(out.v);
	cd_buf_release(&b);
	cd_story_free(s);
}

/* The candidates of a record are the earlier records with the highest
 * cosine over the indexed terms, not those sharing its heaviest term:
 * 45 long records (more than the 32 candidates) that share the record's
 * main name only in passing must not hide the one whose every word is
 * the record's other name. */
static void test_candidates(void)
{
	enum { FILL = 15000, DECOYS = 45 };
	struct cd_story *s = new_story();
	struct cd_buf b = CD_BUF_INIT;
	size_t n = 0, *so = cd_xmalloc((FILL + DECOYS + 2) * sizeof *so);
	unsigned w = 0;
	const char *p = "Merrowind merrowind merrowind merrowind.";
	const char *r = "Talbrecht, Talbrecht, Talbrecht, Talbrecht, "
			"Talbrecht, Talbrecht, Talbrecht, Talbrecht met "
			"merrowind and merrowind.";

	/* Records of words of their own, so that the name is rare; in 46
	 * records it is indexed (in at most 50). */
	n = add_filler(s, FILL, &w);
	for (; n < FILL + DECOYS; n++) {
		cd_buf_reset(&b);
		cd_buf_add(&b, "Talbrecht ", 10);
		for (int k = 0; k < 60; k++)
			add_word(&b, w++);
		cd_story_add(s, n, b.p, b.len, NULL, 0);
	}
	cd_story_add(s, n++, p, strlen(p), NULL, 0);
	cd_story_add(s, n++, r, strlen(r), NULL, 0);
	cd_story_solve(s, so);
	CHECK(so[n - 1] == FILL + DECOYS);
	CHECK(so[FILL] == FILL);
	free(so);
	cd_story_free(s);
	cd_buf_release(&b);
}

/* A term in more than 0.2% of a large collection (and more than 50
 * records) finds no candidates: 100 records of 30,100 (0.33%) that share
 * one word, each with one word of its own (a cosine of about 0.19 for
 * any two of them, above the threshold), stay alone. */
static void test_common_term(void)
{
	enum { FILL = 30000, SHARING = 100 };
	struct cd_story *s = new_story();
	struct cd_buf b = CD_BUF_INIT;
	size_t n = 0, alone = 0;
	size_t *so = cd_xmalloc((FILL + SHARING) * sizeof *so);
	unsigned w = 0;

	n = add_filler(s, FILL, &w);
	for (; n < FILL + SHARING; n++) {
		cd_buf_reset(&b);
		cd_buf_add(&b, "quillonet ", 10);
		add_word(&b, w++);
		cd_story_add(s, n, b.p, b.len, NULL, 0);
	}
	cd_story_solve(s, so);
	for (size_t i = FILL; i < n; i++)
		alone += so[i] == i;
	CHECK(alone == SHARING);
	free(so);
	cd_story_free(s);
	cd_buf_release(&b);
}

/* Group n records in sets of size (a power of two), each record of a
 * set sharing four words with the others of its set and none with any
 * other record: every set must make one story of its own. */
static void check_sets(size_t n, size_t size)
{
	struct cd_story *s = new_story();
	struct cd_buf b = CD_BUF_INIT;
	size_t *so = cd_xmalloc(n * sizeof *so);
	size_t bad = 0;
	unsigned w = 0;

	for (size_t i = 0; i < n; i += size) {
		unsigned shared = w;
		w += 4;
		for (size_t k = 0; k < size; k++) {
			cd_buf_reset(&b);
			for (unsigned j = 0; j < 4; j++)
				add_word(&b, shared + j);
			add_word(&b, w++);
			cd_story_add(s, i + k, b.p, b.len, NULL, 0);
		}
	}
	cd_story_solve(s, so);
	for (size_t i = 0; i < n; i++)
		bad += so[i] != (i & ~(size - 1));
	CHECK(bad == 0);
	free(so);
	cd_story_free(s);
	cd_buf_release(&b);
}

/* Pairs are found by two threads in blocks of records and rounds of
 * blocks, then joined in record order: in 20,000 records, each odd one
 * sharing four words with the even one before it and none with any
 * other, every pair must join its own two records, whatever block or
 * round it fell in. */
static void test_many_pairs(void)
{
	check_sets(20000, 2);
}

/* More pairs at the threshold than cluster.c takes before it gives
 * their memory back as they go (FIRSTS_SHRINK, 65,536): in 100,000
 * records in sets of four (six pairs a set, 150,000 in all), every set
 * must still make one story of its own, its pairs taken from the
 * shrinking array in merge order; and in 150,000 records in pairs
 * (75,000 pairs, each the only one joining its two records), where a
 * pair lost as the array shrinks leaves two records apart. */
static void test_shrinking_firsts(void)
{
	check_sets(100000, 4);
	check_sets(150000, 2);
}

/* Read a whole file into b; false when it cannot be read. */
static bool slurp(const char *path, struct cd_buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;

	if (!f)
		return false;
	cd_buf_reset(b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		cd_buf_add(b, chunk, n);
	fclose(f);
	return true;
}

/* Order directory entries by name. */
static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* SPEC: the five seed articles report one event. */
static void test_seeds(void)
{
	const char *dir = "../shared/seeds";
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[64];
	size_t n = 0, so[64];
	struct cd_buf path = CD_BUF_INIT, text = CD_BUF_INIT;
	struct cd_story *s;

	if (!d) {
		printf("%s: skip seeds: %s not found\n", __FILE__, dir);
		return;
	}
	while ((e = readdir(d)) && n < 64)
		if (strstr(e->d_name, ".txt"))
			names[n++] = cd_xstrdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	s = new_story();
	for (size_t i = 0; i < n; i++) {
		cd_buf_reset(&path);
		cd_buf_addf(&path, "%s/%s", dir, names[i]);
		CHECK(slurp(path.p, &text));
		cd_story_add(s, i, text.p, text.len, NULL, 0);
		free(names[i]);
	}
	cd_story_solve(s, so);
	CHECK(n == 5);
	for (size_t i = 0; i < n; i++)
		CHECK(so[i] == 0);
	cd_story_free(s);
	cd_buf_release(&path);
	cd_buf_release(&text);
}

/* qsort comparison of 64-bit keys. */
static int cmp_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* cd_key_select puts the k smallest distinct keys first (in any order),
 * the others after them: for every size up to the candidates' 64 and
 * every k, on keys in random order, sorted, reversed and with equal
 * high halves (the candidates' partial cosines tie). */
static void test_key_select(void)
{
	uint64_t v[64], w[64], seed = 88172645463325252u;
	int bad = 0;

	for (size_t n = 2; n <= 64; n++)
		for (size_t k = 1; k < n; k++)
			for (int kind = 0; kind < 4; kind++) {
				for (size_t i = 0; i < n; i++) {
					seed ^= seed << 13;
					seed ^= seed >> 7;
					seed ^= seed << 17;
					v[i] = kind == 0 ? seed | i :
					       kind == 1 ? i * 3 + 1 :
					       kind == 2 ? (n - i) * 5 :
					       (seed % 3) << 32 | i;
					if (kind == 0)	/* distinct */
						v[i] = (seed & ~(uint64_t)63) | i;
				}
				memcpy(w, v, n * sizeof *v);
				qsort(w, n, sizeof *w, cmp_key);
				cd_key_select(v, n, k);
				qsort(v, k, sizeof *v, cmp_key);
				qsort(v + k, n - k, sizeof *v, cmp_key);
				bad += memcmp(v, w, n * sizeof *v) != 0;
			}
	CHECK(bad == 0);
}

int main(void)
{
	test_token_reading();
	test_basics();
	test_end();
	test_two_events();
	test_shared_subject();
	test_order();
	test_no_links();
	test_dates();
	test_odd_bytes();
	test_copies();
	test_shared_menu();
	test_copy_declared();
	test_known_copies();
	test_huge_record();
	test_tally_order();
	test_block_words();
	test_term_weights();
	test_candidates();
	test_common_term();
	test_many_pairs();
	test_shrinking_firsts();
	test_stop_words();
	test_stop_set();
	test_seeds();
	test_key_select();
	return UNIT_END();
}
