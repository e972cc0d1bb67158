/*
 * fuzz_json.c - libFuzzer target for the record model (json.h).
 *
 * Each input is one candidate line.  cd_rec_parse must not crash; when it
 * accepts, every span must lie inside the line, every string (keys and
 * values) must decode to valid UTF-8, nested objects must parse on their
 * own, and cd_rec_write must give a line that parses again with the same
 * members byte for byte, with or without edits (delete, replace in place,
 * append with a key that needs escaping).
 *
 * Built by `make fuzz` (tests/fuzz/fuzz.mk) with -DCD_FUZZ_ORACLE, it is
 * also a differential test against jansson, an independent parser: both
 * must accept or refuse the same inputs and agree on every member, its
 * type, its decoded string and the result of every write.  Documented
 * differences, where the input is skipped:
 *   - jansson allows nesting to 2048 levels, we stop at CD_JSON_MAX_DEPTH;
 *   - jansson refuses numbers that overflow a double or a json_int_t
 *     (json_error_numeric_overflow); RFC 8259 allows them and so do we;
 *   - jansson refuses "\u0000" in a key (json_error_null_byte_in_key);
 *   - jansson's reader skips raw NUL bytes (outside escapes) as if they
 *     were not there; RFC 8259 has no place for them and we refuse them.
 * jansson runs with JSON_ALLOW_NUL because "\u0000" is valid JSON.
 * Without the oracle (`make fuzz-replay` links no jansson) the self checks
 * still run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "utf8.h"

#ifdef CD_FUZZ_ORACLE
#include <jansson.h>
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MUST(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz_json: %s:%d: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* The value written by the replace edit and the appended member. */
static const char new_val[] = "{\"\\u00e9\":\"a\\\"b\\n\",\"z\":[]}";
static const char add_key[] = "k\"\x01\xc3\xa9/";
static const char add_val[] = "[1, {\"y\":\"\\u00e9\"}]";

/* The decoded key of field f in out (reset first). */
static void key_of(const struct cd_field *f, struct cd_buf *out)
{
	cd_buf_reset(out);
	cd_json_unescape(f->key - 1, f->klen + 2, out);
}

/* Does the first byte of a value agree with its type? */
static int type_ok(const struct cd_field *f)
{
	switch (f->type) {
	case CD_JSTR: return f->val[0] == '"';
	case CD_JOBJ: return f->val[0] == '{';
	case CD_JARR: return f->val[0] == '[';
	case CD_JBOOL: return f->val[0] == 't' || f->val[0] == 'f';
	case CD_JNULL: return f->val[0] == 'n';
	case CD_JNUM: return f->val[0] == '-' || (f->val[0] >= '0' && f->val[0] <= '9');
	}
	return 0;
}

/* Spans inside the line, decodable strings, parsable nested objects. */
static void check_members(const struct cd_rec *r)
{
	struct cd_buf b = CD_BUF_INIT;
	struct cd_rec sub;
	struct cd_jerr e;
	size_t i;

	cd_rec_init(&sub);
	MUST(r->open < r->close && r->close < r->len);
	MUST(r->text[r->open] == '{' && r->text[r->close] == '}');
	for (i = 0; i < r->nf; i++) {
		const struct cd_field *f = &r->f[i];

		MUST(f->key > r->text + r->open && f->key[-1] == '"');
		MUST(f->key[f->klen] == '"');
		MUST(f->val > f->key && f->vlen > 0);
		MUST(f->val + f->vlen <= r->text + r->close);
		MUST(type_ok(f));
		key_of(f, &b);
		MUST(cd_utf8_check(b.p ? b.p : "", b.len) == b.len);
		MUST(f->kesc || (b.len == f->klen && !memcmp(cd_buf_str(&b), f->key, b.len)));
		if (f->type == CD_JSTR) {
			cd_buf_reset(&b);
			cd_json_unescape(f->val, f->vlen, &b);
			MUST(cd_utf8_check(b.p ? b.p : "", b.len) == b.len);
		}
		if (f->type == CD_JOBJ)
			MUST(cd_rec_parse(&sub, f->val, f->vlen, &e) == 0);
	}
	cd_rec_release(&sub);
	cd_buf_release(&b);
}

/* cd_rec_find and cd_rec_string return the last member of a name. */
static void check_find(const struct cd_rec *r)
{
	struct cd_buf k = CD_BUF_INIT, k2 = CD_BUF_INIT, s = CD_BUF_INIT;
	size_t i, j;

	for (i = 0; i < r->nf && i < 64; i++) {
		const struct cd_field *f;

		key_of(&r->f[i], &k);
		if (memchr(cd_buf_str(&k), '\0', k.len))
			continue;
		f = cd_rec_find(r, cd_buf_str(&k));
		MUST(f && f >= &r->f[i]);
		for (j = (size_t)(f - r->f) + 1; j < r->nf; j++) {
			key_of(&r->f[j], &k2);
			MUST(k2.len != k.len || memcmp(cd_buf_str(&k2), cd_buf_str(&k), k.len) != 0);
		}
		MUST(cd_rec_string(r, cd_buf_str(&k), &s) == (f->type == CD_JSTR));
	}
	cd_buf_release(&k);
	cd_buf_release(&k2);
	cd_buf_release(&s);
}

/* Parse a written record (without its "\n") into w. */
static void reparse(struct cd_rec *w, const struct cd_buf *out)
{
	struct cd_jerr e;

	MUST(out->len >= 3 && out->p[out->len - 1] == '\n');
	MUST(cd_rec_parse(w, out->p, out->len - 1, &e) == 0);
}

/* Are field a (from one record) and b (another) the same bytes? */
static int same_member(const struct cd_field *a, const struct cd_field *b)
{
	return a->klen == b->klen && !memcmp(a->key, b->key, a->klen) &&
	       a->vlen == b->vlen && !memcmp(a->val, b->val, a->vlen);
}

/* A plain write keeps every member, in order, byte for byte. */
static void check_write_plain(const struct cd_rec *r, struct cd_buf *out)
{
	struct cd_rec w;
	size_t i;

	cd_rec_init(&w);
	cd_buf_reset(out);
	cd_rec_write(out, r, NULL, 0);
	reparse(&w, out);
	MUST(w.nf == r->nf);
	for (i = 0; i < r->nf; i++)
		MUST(same_member(&r->f[i], &w.f[i]));
	cd_rec_release(&w);
}

/* Is the decoded key k (NUL-free) found twice in r?  Index of the last
 * occurrence in *last. */
static int count_key(const struct cd_rec *r, const char *k, size_t *last)
{
	const struct cd_field *f = cd_rec_find(r, k);
	struct cd_buf b = CD_BUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < r->nf; i++) {
		key_of(&r->f[i], &b);
		n += b.len == strlen(k) && !memcmp(cd_buf_str(&b), k, b.len);
	}
	cd_buf_release(&b);
	*last = f ? (size_t)(f - r->f) : r->nf;
	return (int)n;
}

/*
 * With edits on distinct keys: the deleted member is gone, the replaced
 * one is in place with the new bytes, the new one is last, the rest are
 * unchanged.  keys[0] deleted, keys[1] replaced.
 */
static void check_write_edits(const struct cd_rec *r, const char *del,
			      const char *rep, struct cd_buf *out)
{
	struct cd_edit ed[3] = {
		{ del, NULL, 0 }, { rep, new_val, sizeof(new_val) - 1 },
		{ add_key, add_val, sizeof(add_val) - 1 }
	};
	struct cd_rec w;
	size_t di, ri, ai, i, j = 0;
	const struct cd_field *f;

	cd_rec_init(&w);
	cd_buf_reset(out);
	cd_rec_write(out, r, ed, 3);
	reparse(&w, out);
	f = cd_rec_find(&w, rep);
	MUST(!strcmp(rep, add_key) ||
	     (f && f->vlen == sizeof(new_val) - 1 && !memcmp(f->val, new_val, f->vlen)));
	f = cd_rec_find(&w, add_key);
	MUST(f && f->vlen == sizeof(add_val) - 1 && !memcmp(f->val, add_val, f->vlen));
	if (count_key(r, del, &di) != 1 || count_key(r, rep, &ri) < 1 ||
	    count_key(r, add_key, &ai) != 0 || !strcmp(del, rep)) {
		cd_rec_release(&w);
		return;
	}
	MUST(!cd_rec_find(&w, del));
	for (i = 0; i < r->nf; i++) {
		if (i == di)
			continue;
		MUST(j < w.nf);
		if (i == ri)
			MUST(w.f[j].klen == r->f[i].klen &&
			     !memcmp(w.f[j].key, r->f[i].key, r->f[i].klen));
		else
			MUST(same_member(&r->f[i], &w.f[j]));
		j++;
	}
	MUST(j + 1 == w.nf);
	cd_rec_release(&w);
}

#ifdef CD_FUZZ_ORACLE
/* jansson's type as ours. */
static int jtype(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: return CD_JOBJ;
	case JSON_ARRAY: return CD_JARR;
	case JSON_STRING: return CD_JSTR;
	case JSON_INTEGER: case JSON_REAL: return CD_JNUM;
	case JSON_TRUE: case JSON_FALSE: return CD_JBOOL;
	case JSON_NULL: return CD_JNULL;
	}
	return 0;
}

/* Parse any JSON text with jansson (the spans of our members). */
static json_t *jload(const char *p, size_t n)
{
	json_error_t je;

	return json_loadb(p, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
}

/* Every last member of a name agrees with jansson's value of that name;
 * both have the same number of distinct names. */
static void oracle_members(const struct cd_rec *r, json_t *j)
{
	struct cd_buf k = CD_BUF_INIT, s = CD_BUF_INIT;
	size_t i, distinct = 0;

	for (i = 0; i < r->nf; i++) {
		const struct cd_field *f = &r->f[i];
		json_t *v, *mine;
		size_t kk;
		int last = 1;

		key_of(f, &k);
		for (kk = i + 1; kk < r->nf && last; kk++) {
			if (!f->kesc && !r->f[kk].kesc) {
				last = !(f->klen == r->f[kk].klen &&
					 !memcmp(f->key, r->f[kk].key, f->klen));
				continue;
			}
			cd_buf_reset(&s);
			cd_json_unescape(r->f[kk].key - 1, r->f[kk].klen + 2, &s);
			last = !(s.len == k.len && !memcmp(cd_buf_str(&s), cd_buf_str(&k), k.len));
		}
		v = json_object_getn(j, cd_buf_str(&k), k.len);
		MUST(v);
		if (!last)
			continue;
		distinct++;
		MUST(jtype(v) == (int)f->type);
		if (f->type == CD_JSTR) {
			cd_buf_reset(&s);
			cd_json_unescape(f->val, f->vlen, &s);
			MUST(s.len == json_string_length(v) &&
			     !memcmp(cd_buf_str(&s), json_string_value(v), s.len));
		}
		mine = jload(f->val, f->vlen);
		MUST(mine && json_equal(mine, v));
		json_decref(mine);
	}
	MUST(distinct == json_object_size(j));
	cd_buf_release(&k);
	cd_buf_release(&s);
}

/* The edited write equals the same edits applied to jansson's object:
 * delete (the previous member of that name, if any, shows through), then
 * set, then set. */
static void oracle_edits(const struct cd_rec *r, json_t *j, const char *del,
			 const char *rep, const struct cd_buf *out)
{
	json_t *want = json_deep_copy(j), *got;
	const struct cd_field *prev = NULL;
	struct cd_buf b = CD_BUF_INIT;
	size_t i, di;

	count_key(r, del, &di);
	for (i = 0; i < di; i++) {
		key_of(&r->f[i], &b);
		if (b.len == strlen(del) && !memcmp(cd_buf_str(&b), del, b.len))
			prev = &r->f[i];
	}
	if (prev)
		json_object_set_new(want, del, jload(prev->val, prev->vlen));
	else
		json_object_del(want, del);
	json_object_set_new(want, rep, jload(new_val, sizeof(new_val) - 1));
	json_object_set_new(want, add_key, jload(add_val, sizeof(add_val) - 1));
	got = jload(out->p, out->len - 1);
	MUST(got && json_equal(got, want));
	json_decref(got);
	json_decref(want);
	cd_buf_release(&b);
}

/* Accept the same inputs as jansson, modulo the documented differences.
 * Returns jansson's object when both accept, else NULL. */
static json_t *oracle_parse(const uint8_t *data, size_t size, int ok,
			    const struct cd_jerr *err)
{
	json_error_t je;
	json_t *j = json_loadb((const char *)data, size, JSON_ALLOW_NUL, &je);
	int jok = j && json_is_object(j);

	if (!ok && (!strcmp(err->reason, "nesting too deep") ||
		    memchr(data, '\0', size))) {
		json_decref(j);
		return NULL;
	}
	if (ok && !j && (json_error_code(&je) == json_error_numeric_overflow ||
			 json_error_code(&je) == json_error_null_byte_in_key))
		return NULL;
	if (ok != jok) {
		fprintf(stderr, "fuzz_json: copydesk %s (%s), jansson %s (%s)\n",
			ok ? "accepts" : "refuses", ok ? "" : err->reason,
			jok ? "accepts" : "refuses", jok ? "" : j ? "not an object" : je.text);
		abort();
	}
	if (!jok) {
		json_decref(j);
		return NULL;
	}
	return j;
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_rec r;
	struct cd_jerr err = { NULL, 0 };
	struct cd_buf out = CD_BUF_INIT, del = CD_BUF_INIT, rep = CD_BUF_INIT;
	int ok;
#ifdef CD_FUZZ_ORACLE
	json_t *j;
#endif

	cd_rec_init(&r);
	ok = cd_rec_parse(&r, (const char *)data, size, &err) == 0;
	if (!ok)
		MUST(err.reason && err.col >= 1 && err.col <= size + 1);
#ifdef CD_FUZZ_ORACLE
	j = oracle_parse(data, size, ok, &err);
#endif
	if (ok) {
		check_members(&r);
		check_find(&r);
		check_write_plain(&r, &out);
#ifdef CD_FUZZ_ORACLE
		if (j) {
			oracle_members(&r, j);
			json_t *w = jload(out.p, out.len - 1);
			MUST(w && json_equal(w, j));
			json_decref(w);
		}
#endif
		if (r.nf > 0) {
			key_of(&r.f[0], &del);
			key_of(&r.f[r.nf - 1], &rep);
		}
		if (r.nf > 0 && !memchr(cd_buf_str(&del), '\0', del.len) &&
		    !memchr(cd_buf_str(&rep), '\0', rep.len)) {
			check_write_edits(&r, cd_buf_str(&del), cd_buf_str(&rep), &out);
#ifdef CD_FUZZ_ORACLE
			if (j)
				oracle_edits(&r, j, cd_buf_str(&del), cd_buf_str(&rep), &out);
#endif
		}
	}
#ifdef CD_FUZZ_ORACLE
	json_decref(j);
#endif
	cd_rec_release(&r);
	cd_buf_release(&out);
	cd_buf_release(&del);
	cd_buf_release(&rep);
	return 0;
}
