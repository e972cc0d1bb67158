/* lex.c - the word lists of copydesk-quote; see lex.h. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "lex_int.h"
#include "bytes.h"
#include "datapath.h"
#include "text.h"

/* A word's id in any case: FNV-1a of its ASCII lower case, made
 * nonzero (the index hashes a key of up to 16 bytes otherwise,
 * index_hash). */
uint64_t cd_lex_hash_fold(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	uint64_t h = 14695981039346656037ULL;

	for (; p < end; p++)
		h = (h ^ cd_text_lower(*p)) * 1099511628211ULL;
	return h ? h : 1;
}

/* The bytes of x below byte k (all of them from k = 8 on). */
static inline uint64_t low_bytes(uint64_t x, size_t k)
{
	return k >= 8 ? x : x & ((1ULL << (8 * k)) - 1);
}

/* The index's hash of s[0..len) (end: where the readable bytes end, 16
 * at least past s when they are to be read in place).  A key of up to 16
 * bytes is read as two words, bit 0x20 set in each byte (the two cases
 * of an ASCII letter hash alike), and mixed by one 128-bit multiply,
 * with no branch on its length (the word lengths of a text are a coin
 * toss to the branch predictor; cd_folded_hash, which must give XXH3's
 * values, takes one of three paths, and FNV-1a is a multiply a byte:
 * 19% of copydesk-quote's time went to cd_lex_get); a longer key
 * (two-word cues) is hashed by cd_lex_hash_fold.  Keys that differ but
 * hash alike are told apart by their entries (cd_lex_get). */
static uint64_t index_hash(const char *s, size_t len, const char *end)
{
	unsigned char w[16];
	const unsigned char *u = (const unsigned char *)s;
	uint64_t x, y;

	if (len > 16)
		return cd_lex_hash_fold(s, len);
	if (end - s < 16) {
		memset(w, 0, sizeof(w));
		memcpy(w, s, len);
		u = w;
	}
	x = low_bytes(cd_load64le(u) | CD_ONES * 0x20, len);
	y = low_bytes(cd_load64le(u + 8) | CD_ONES * 0x20,
		      len > 8 ? len - 8 : 0);
	x = XXH3_mul128_fold64(x ^ 0x9E3779B97F4A7C15ULL,
			       y ^ len ^ 0xD6E8FEB86659FD93ULL);
	return x ? x : 1;
}

/* The bit of struct cd_lex's seen for a key of hash h (bits the index's
 * slot does not come from). */
static size_t seen_bit(uint64_t h)
{
	return (size_t)(h >> 40) % LX_SEEN;
}

const struct lexent *cd_lex_get_in(const struct cd_lex *lex, const char *s,
				   size_t len, const char *end)
{
	uint32_t v;
	uint64_t h;

	if (len == 0 || len > 2 * LX_MAXKEY + 1)
		return NULL;
	h = index_hash(s, len, end);
	if (!(lex->seen[seen_bit(h) / 64] >> seen_bit(h) % 64 & 1) ||
	    !cd_hmap_get(&lex->index, h, &v))
		return NULL;
	for (; v; v = lex->e[v - 1].next) {
		const struct lexent *e = &lex->e[v - 1];

		if (e->klen == len && cd_text_ieq(lex->keys.p + e->koff, s, len))
			return e;
	}
	return NULL;
}

/* The entry for s[0..len), or NULL.  Keys that share one hash (rare)
 * are chained through their entries' next. */
const struct lexent *cd_lex_get(const struct cd_lex *lex, const char *s,
				size_t len)
{
	return cd_lex_get_in(lex, s, len, s + len);
}

/* The entry for s[0..len), added (with no class) when missing. */
static struct lexent *lex_put(struct cd_lex *lex, const char *s, size_t len)
{
	const struct lexent *got = cd_lex_get(lex, s, len);
	struct lexent *e;
	uint64_t h;
	size_t i, j;

	if (got)
		return (struct lexent *)got;
	lex->e = cd_xgrow(lex->e, &lex->ecap, lex->ne + 1, sizeof(*lex->e));
	e = &lex->e[lex->ne];
	memset(e, 0, sizeof(*e));
	e->koff = lex->keys.len;
	e->klen = len;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		cd_buf_addc(&lex->keys, (char)cd_text_lower(c));
	}
	h = index_hash(s, len, s + len);
	lex->seen[seen_bit(h) / 64] |= 1ULL << seen_bit(h) % 64;
	j = cd_hmap_slot(&lex->index, h);
	if (lex->index.keys[j]) {
		/* another key with this hash: chain after its entry */
		e->next = lex->index.vals[j];
		lex->index.vals[j] = (uint32_t)++lex->ne;
	} else {
		cd_hmap_set(&lex->index, j, h, (uint32_t)++lex->ne);
	}
	return e;
}

struct cd_lex *cd_lex_new(void)
{
	struct cd_lex *lex = cd_xcalloc(1, sizeof(struct cd_lex));

	lex->seg = cd_segment_new();
	return lex;
}

void cd_lex_free(struct cd_lex *lex)
{
	if (!lex)
		return;
	free(lex->e);
	cd_hmap_free(&lex->index);
	cd_buf_release(&lex->keys);
	cd_segment_free(lex->seg);
	free(lex);
}

/* Split line into at most two words; returns how many. */
static int split2(const char *line, size_t len, const char **w, size_t *wl)
{
	size_t i = 0, n = 0;

	while (n < 3) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= len)
			break;
		if (n == 2)
			return 3;
		w[n] = line + i;
		while (i < len && line[i] != ' ' && line[i] != '\t')
			i++;
		wl[n] = (size_t)(line + i - w[n]);
		n++;
	}
	return (int)n;
}

/* The class flag named w[0..len) in quote-words.txt, or 0. */
static unsigned word_class(const char *w, size_t len)
{
	static const struct { const char *name; unsigned flag; } cls[] = {
		{ "stop", LX_STOP }, { "skip", LX_SKIP }, { "det", LX_DET },
		{ "prep", LX_PREP }, { "part", LX_PART },
		{ "plural", LX_PLURAL }, { "tail", LX_TAIL },
		{ "work", LX_WORK }, { "ocue", LX_OCUE }
	};
	size_t i;

	for (i = 0; i < sizeof(cls) / sizeof(cls[0]); i++)
		if (strlen(cls[i].name) == len && !memcmp(cls[i].name, w, len))
			return cls[i].flag;
	return 0;
}

/* True when w[0..len) is a valid gender letter among allowed. */
static bool gender_ok(const char *w, size_t len, const char *allowed)
{
	return len == 1 && strchr(allowed, w[0]) != NULL;
}

/* Add a cue of one or two words (w[0], w[1]). */
static void add_cue(struct cd_lex *lex, int n, const char **w,
		    const size_t *wl)
{
	char key[2 * LX_MAXKEY + 2];

	if (n == 1 || wl[0] + wl[1] + 1 > sizeof(key) - 1) {
		lex_put(lex, w[0], wl[0])->flags |= LX_CUE;
		return;
	}
	memcpy(key, w[0], wl[0]);
	key[wl[0]] = ' ';
	memcpy(key + wl[0] + 1, w[1], wl[1]);
	lex_put(lex, key, wl[0] + 1 + wl[1])->flags |= LX_CUE;
	lex_put(lex, w[0], wl[0])->flags |= LX_CUE2;
}

/* Add a title w[0] standing for role noun w[1] when n is 2. */
static void add_title(struct cd_lex *lex, int n, const char **w,
		      const size_t *wl)
{
	struct lexent *e = lex_put(lex, w[0], wl[0]);
	size_t idx = (size_t)(e - lex->e);

	e->flags |= LX_TITLE;
	if (n == 2) {
		/* lex_put may move the array: index, not pointer */
		struct lexent *r = lex_put(lex, w[1], wl[1]);

		lex->e[idx].role = (size_t)(r - lex->e) + 1;
	}
}

int cd_lex_add_line(struct cd_lex *lex, const char *line, size_t len,
		    enum cd_lexfile kind, char *err, size_t errlen)
{
	const char *w[2];
	size_t wl[2];
	int n = split2(line, len, w, wl);
	struct lexent *e;
	unsigned cls;

	if (n == 0)
		return 0;
	if (kind == CD_LEXF_ABBREVS) {
		if (cd_segment_add(lex->seg, line, len) == 0)
			return 0;
	} else if (kind == CD_LEXF_CUES && n <= 2) {
		add_cue(lex, n, w, wl);
		return 0;
	}
	if (kind == CD_LEXF_TITLES && n <= 2) {
		add_title(lex, n, w, wl);
		return 0;
	}
	if (kind == CD_LEXF_ROLES && (n == 1 || (n == 2
			&& gender_ok(w[1], wl[1], "mfx")))) {
		e = lex_put(lex, w[0], wl[0]);
		e->flags |= LX_ROLE;
		if (n == 2)
			e->gender = w[1][0];
		return 0;
	}
	if (kind == CD_LEXF_PRONOUNS && n == 2
	    && gender_ok(w[1], wl[1], "mfpx")) {
		e = lex_put(lex, w[0], wl[0]);
		e->flags |= LX_PRON, e->gender = w[1][0];
		return 0;
	}
	if (kind == CD_LEXF_NAMES && n == 2 && gender_ok(w[1], wl[1], "mfx")) {
		e = lex_put(lex, w[0], wl[0]);
		e->flags |= LX_FIRST, e->fgender = w[1][0];
		return 0;
	}
	if (kind == CD_LEXF_WORDS && n == 2) {
		if (!(cls = word_class(w[0], wl[0]))) {
			snprintf(err, errlen, "unknown word class '%.*s'",
				 (int)(wl[0] > 20 ? 20 : wl[0]), w[0]);
			return -1;
		}
		lex_put(lex, w[1], wl[1])->flags |= cls;
		return 0;
	}
	snprintf(err, errlen, "malformed entry");
	return -1;
}

int cd_lex_load(struct cd_lex *lex, const char *path, enum cd_lexfile kind,
		char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, why[128];
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;

	if (!f) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return -1;
	}
	while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n == 0 || line[0] == '#')
			continue;
		if (cd_lex_add_line(lex, line, (size_t)n, kind, why,
				    sizeof(why)) < 0) {
			snprintf(err, errlen, "line %zu: %s", lineno, why);
			rc = -1;
		}
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "read error: %s", strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(f);
	return rc;
}

int cd_lex_load_installed(struct cd_lex *lex, char *err, size_t errlen)
{
	static const struct { const char *name; enum cd_lexfile kind; } f[] = {
		{ "cue-verbs.txt", CD_LEXF_CUES },
		{ "titles.txt", CD_LEXF_TITLES },
		{ "role-nouns.txt", CD_LEXF_ROLES },
		{ "pronouns.txt", CD_LEXF_PRONOUNS },
		{ "first-names.txt", CD_LEXF_NAMES },
		{ "quote-words.txt", CD_LEXF_WORDS },
		{ "abbreviations.txt", CD_LEXF_ABBREVS }
	};
	char why[256];
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		char *path = cd_data_path(f[i].name);
		int st = cd_lex_load(lex, path, f[i].kind, why, sizeof(why));

		if (st < 0)
			snprintf(err, errlen, "%s: %s", path, why);
		free(path);
		if (st < 0)
			return -1;
	}
	return 0;
}
