/* json.c - strict JSON object validation, spans and writing; see json.h. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "json.h"
#include "utf8.h"

/* Bytes a string can hold without a closer look: not '"', '\\', a
 * control character or a non-ASCII byte. */
static unsigned char plain[256];

/* The letters of the escapes of one letter after the backslash (all
 * but \uXXXX). */
static unsigned char short_esc[256];

/* Fill the plain-byte and escape tables once, whichever thread comes
 * first (pthread_once, as fp.c's base64 tables). */
static pthread_once_t plain_once = PTHREAD_ONCE_INIT;

static void plain_init(void)
{
	int c;

	for (c = 0x20; c < 0x80; c++)
		plain[c] = c != '"' && c != '\\';
	for (c = 0; c < 8; c++)
		short_esc[(unsigned char)"\"\\/bfnrt"[c]] = 1;
}

/* Does any of the eight bytes at p need a closer look in a string: a '"',
 * a backslash, a control character, or (when high) a non-ASCII byte? */
static inline bool word_special(const unsigned char *p, bool high)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return ((high ? v : 0) & CD_HIGHS) || cd_has_byte(v, '"') ||
	       cd_has_byte(v, '\\') ||
	       ((v - CD_ONES * 0x20) & ~v & CD_HIGHS);
}

struct scan {
	const unsigned char *s, *end;
	struct cd_jerr *err;
};

/* Record a failure at p; always returns NULL for convenience. */
static const unsigned char *fail(struct scan *sc, const unsigned char *p,
				 const char *reason)
{
	sc->err->reason = reason;
	sc->err->col = (size_t)(p - sc->s) + 1;
	return NULL;
}

/* Skip JSON white space. */
static const unsigned char *ws(const unsigned char *p, const unsigned char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* Value of four hex digits at p, or -1. */
static long hex4(const unsigned char *p, const unsigned char *end)
{
	long v = 0;
	int i;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		int c = p[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	return v;
}

/* Check the escape at p (just after a backslash); return what follows. */
static const unsigned char *scan_escape(struct scan *sc, const unsigned char *p)
{
	long u, lo;

	if (p >= sc->end)
		return fail(sc, p, "unterminated string");
	switch (*p) {
	case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r':
	case 't':
		return p + 1;
	}
	if (*p != 'u')
		return fail(sc, p - 1, "invalid escape in string");
	if ((u = hex4(p + 1, sc->end)) < 0)
		return fail(sc, p - 1, "invalid \\u escape in string");
	p += 5;
	if (u >= 0xDC00 && u <= 0xDFFF)
		return fail(sc, p - 6, "lone surrogate in \\u escape");
	if (u < 0xD800 || u > 0xDBFF)
		return p;
	if (sc->end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
	    (lo = hex4(p + 2, sc->end)) < 0xDC00 || lo > 0xDFFF)
		return fail(sc, p - 6, "lone surrogate in \\u escape");
	return p + 6;
}

/* Scan the string whose opening quote is at p; return what follows it.
 * *esc is set when it holds an escape. */
static const unsigned char *scan_string(struct scan *sc, const unsigned char *p,
					bool *esc)
{
	const unsigned char *end = sc->end;
	size_t n;

	*esc = false;
	p++;
	for (;;) {
		/* Sixteen plain ASCII bytes at a time, then eight, then byte
		 * by byte. */
		while (end - p >= 16) {
			cd_b16 v = cd_b16_load(p);
			unsigned m = cd_b16_bits(cd_b16_or(
				cd_b16_or(v, cd_b16_is(v, '"')),
				cd_b16_or(cd_b16_is(v, '\\'),
					  cd_b16_is_below(v, 0x20))));

			if (m) {	/* exact: straight to the first */
				p += __builtin_ctz(m);
				/* a one-letter escape ("\n" every line of
				 * a text) is stepped over here */
				if (*p != '\\' || end - p < 2 || !short_esc[p[1]])
					break;
				*esc = true;
				p += 2;
				continue;
			}
			p += 16;
		}
		while (end - p >= 8 && !word_special(p, true))
			p += 8;
		while (p < end && plain[*p])
			p++;
		if (p >= end)
			return fail(sc, p, "unterminated string");
		if (*p == '"')
			return p + 1;
		if (*p == '\\') {
			*esc = true;
			if (!(p = scan_escape(sc, p + 1)))
				return NULL;
		} else if (*p < 0x20) {
			return fail(sc, p, "control character in string");
		} else {
			if (!(n = cd_utf8_seq(p, (size_t)(end - p))))
				return fail(sc, p, "invalid UTF-8");
			p += n;
		}
	}
}

/* Skip a run of decimal digits; NULL when there is none. */
static const unsigned char *digits(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p;

	while (q < end && *q >= '0' && *q <= '9')
		q++;
	return q == p ? NULL : q;
}

/* Scan an RFC 8259 number at p. */
static const unsigned char *scan_number(struct scan *sc, const unsigned char *p)
{
	const unsigned char *start = p, *end = sc->end;

	if (*p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (!(p = digits(p, end)))
		return fail(sc, start, "invalid number");
	if (p < end && *p == '.' && !(p = digits(p + 1, end)))
		return fail(sc, start, "invalid number");
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (!(p = digits(p, end)))
			return fail(sc, start, "invalid number");
	}
	return p;
}

/* Scan a scalar (string, number, literal) at p, setting *type. */
static const unsigned char *scan_scalar(struct scan *sc, const unsigned char *p,
					enum cd_jtype *type, bool *esc)
{
	size_t left = (size_t)(sc->end - p);

	*esc = false;
	switch (*p) {
	case '"':
		*type = CD_JSTR;
		return scan_string(sc, p, esc);
	case 't':
		*type = CD_JBOOL;
		return left >= 4 && !memcmp(p, "true", 4) ? p + 4 :
			fail(sc, p, "invalid literal");
	case 'f':
		*type = CD_JBOOL;
		return left >= 5 && !memcmp(p, "false", 5) ? p + 5 :
			fail(sc, p, "invalid literal");
	case 'n':
		*type = CD_JNULL;
		return left >= 4 && !memcmp(p, "null", 4) ? p + 4 :
			fail(sc, p, "invalid literal");
	default:
		*type = CD_JNUM;
		if (*p == '-' || (*p >= '0' && *p <= '9'))
			return scan_number(sc, p);
		return fail(sc, p, "expected a value");
	}
}

void cd_rec_init(struct cd_rec *r)
{
	memset(r, 0, sizeof(*r));
}

void cd_rec_release(struct cd_rec *r)
{
	free(r->f);
	cd_rec_init(r);
}

/* Start a new top-level member whose key string begins at p. */
static const unsigned char *begin_member(struct scan *sc, struct cd_rec *r,
					 const unsigned char *p)
{
	struct cd_field *f;
	const unsigned char *q;
	bool esc;

	if (p >= sc->end || *p != '"')
		return fail(sc, p, "expected a string key");
	if (!(q = scan_string(sc, p, &esc)))
		return NULL;
	r->f = cd_xgrow(r->f, &r->cap, r->nf + 1, sizeof(*r->f));
	f = &r->f[r->nf++];
	f->key = (const char *)p + 1;
	f->klen = (size_t)(q - p) - 2;
	f->kesc = esc;
	p = ws(q, sc->end);
	if (p >= sc->end || *p != ':')
		return fail(sc, p, "expected ':' after key");
	p = ws(p + 1, sc->end);
	if (p >= sc->end)
		return fail(sc, p, "expected a value");
	f->val = (const char *)p;
	return p;
}

/* Parse a key and ':' inside a nested object (no span is kept). */
static const unsigned char *nested_key(struct scan *sc, const unsigned char *p)
{
	bool esc;

	if (p >= sc->end || *p != '"')
		return fail(sc, p, "expected a string key");
	if (!(p = scan_string(sc, p, &esc)))
		return NULL;
	p = ws(p, sc->end);
	if (p >= sc->end || *p != ':')
		return fail(sc, p, "expected ':' after key");
	p = ws(p + 1, sc->end);
	return p < sc->end ? p : fail(sc, p, "expected a value");
}

/*
 * The structural scanner.  stack[d] is 'o' or 'a' for the container at
 * depth d (the record itself is depth 1).  Top-level members are recorded
 * in r as they complete.
 */
static const unsigned char *scan_object(struct scan *sc, struct cd_rec *r,
					const unsigned char *p)
{
	char stack[CD_JSON_MAX_DEPTH + 1];
	int d = 1;
	bool esc;
	enum cd_jtype type;
	struct cd_field *top = NULL;

	stack[1] = 'o';
	p = ws(p + 1, sc->end);
	if (p < sc->end && *p == '}')
		return p + 1;
	if (!(p = begin_member(sc, r, p)))
		return NULL;
	top = &r->f[r->nf - 1];
	for (;;) {
		/* A value starts at p. */
		if (*p == '{' || *p == '[') {
			if (d == 1)
				top->type = *p == '{' ? CD_JOBJ : CD_JARR;
			if (d == CD_JSON_MAX_DEPTH)
				return fail(sc, p, "nesting too deep");
			stack[++d] = *p == '{' ? 'o' : 'a';
			p = ws(p + 1, sc->end);
			if (p < sc->end && (*p == '}' || *p == ']') &&
			    *p == (stack[d] == 'o' ? '}' : ']')) {
				p++;
				d--;
				goto after_value;
			}
			if (stack[d] == 'o' && !(p = nested_key(sc, p)))
				return NULL;
			if (p >= sc->end)
				return fail(sc, p, "unexpected end of line");
			continue;
		}
		if (!(p = scan_scalar(sc, p, &type, &esc)))
			return NULL;
		if (d == 1) {
			top->type = type;
			top->vesc = esc;
		}
after_value:
		/* A value just ended at p; the container at depth d holds it. */
		if (d == 1 && top) {
			top->vlen = (size_t)((const char *)p - top->val);
			top = NULL;
		}
		p = ws(p, sc->end);
		if (p >= sc->end)
			return fail(sc, p, "unexpected end of line");
		if (*p == ',') {
			p = ws(p + 1, sc->end);
			if (d == 1) {
				if (!(p = begin_member(sc, r, p)))
					return NULL;
				top = &r->f[r->nf - 1];
			} else if (stack[d] == 'o') {
				if (!(p = nested_key(sc, p)))
					return NULL;
			} else if (p >= sc->end) {
				return fail(sc, p, "expected a value");
			}
			continue;
		}
		if (*p != (stack[d] == 'o' ? '}' : ']'))
			return fail(sc, p, stack[d] == 'o' ? "expected ',' or '}'" :
				    "expected ',' or ']'");
		p++;
		if (--d == 0)
			return p;
		goto after_value;
	}
}

/* Start scanning text[0..len) into r (emptied); returns the first byte
 * that is not white space. */
static const unsigned char *scan_start(struct scan *sc, struct cd_rec *r,
				       const char *text, size_t len,
				       struct cd_jerr *err)
{
	pthread_once(&plain_once, plain_init);
	sc->s = (const unsigned char *)text;
	sc->end = sc->s + len;
	sc->err = err;
	r->text = text;
	r->len = len;
	r->nf = 0;
	return ws(sc->s, sc->end);
}

/* Scan one value at p (an object, an array or a scalar) and return its
 * end; depth counts the arrays around it. */
static const unsigned char *skip_value(struct scan *sc, const unsigned char *p,
				       int depth);

/* Scan the array at p ('['), recording its elements in r when r is not
 * NULL (keys empty); returns its end. */
static const unsigned char *scan_array(struct scan *sc, struct cd_rec *r,
				       const unsigned char *p, int depth)
{
	const unsigned char *e;

	if (depth >= CD_JSON_MAX_DEPTH)
		return fail(sc, p, "nesting too deep");
	p = ws(p + 1, sc->end);
	if (p < sc->end && *p == ']')
		return p + 1;
	for (;;) {
		if (p >= sc->end)
			return fail(sc, p, "expected a value");
		if (!(e = skip_value(sc, p, depth + 1)))
			return NULL;
		if (r) {
			struct cd_field *f;

			r->f = cd_xgrow(r->f, &r->cap, r->nf + 1, sizeof(*r->f));
			f = &r->f[r->nf++];
			memset(f, 0, sizeof(*f));
			f->key = (const char *)p;
			f->val = (const char *)p;
			f->vlen = (size_t)(e - p);
			f->type = *p == '{' ? CD_JOBJ : *p == '[' ? CD_JARR :
				  *p == '"' ? CD_JSTR : *p == 'n' ? CD_JNULL :
				  *p == 't' || *p == 'f' ? CD_JBOOL : CD_JNUM;
			f->vesc = f->type == CD_JSTR &&
				  memchr(p, '\\', f->vlen) != NULL;
		}
		p = ws(e, sc->end);
		if (p < sc->end && *p == ']')
			return p + 1;
		if (p >= sc->end || *p != ',')
			return fail(sc, p, "expected ',' or ']'");
		p = ws(p + 1, sc->end);
	}
}

static const unsigned char *skip_value(struct scan *sc, const unsigned char *p,
				       int depth)
{
	struct cd_rec tmp;
	const unsigned char *e;
	enum cd_jtype type;
	bool esc;

	if (*p == '[')
		return scan_array(sc, NULL, p, depth);
	if (*p != '{')
		return scan_scalar(sc, p, &type, &esc);
	cd_rec_init(&tmp);
	e = scan_object(sc, &tmp, p);
	cd_rec_release(&tmp);
	return e;
}

int cd_json_array(struct cd_rec *r, const char *val, size_t vlen,
		  struct cd_jerr *err)
{
	struct scan sc;
	const unsigned char *p = scan_start(&sc, r, val, vlen, err);

	if (p >= sc.end || *p != '[') {
		fail(&sc, p, "not a JSON array");
		return -1;
	}
	r->open = (size_t)(p - sc.s);
	if (!(p = scan_array(&sc, r, p, 1)))
		return -1;
	r->close = (size_t)(p - sc.s) - 1;
	if (ws(p, sc.end) != sc.end) {
		fail(&sc, p, "trailing characters after the array");
		return -1;
	}
	return 0;
}

int cd_rec_parse(struct cd_rec *r, const char *text, size_t len,
		 struct cd_jerr *err)
{
	struct scan sc;
	const unsigned char *p = scan_start(&sc, r, text, len, err), *q;

	if (p >= sc.end || *p != '{') {
		fail(&sc, p, "not a JSON object");
		return -1;
	}
	r->open = (size_t)(p - sc.s);
	if (!(q = scan_object(&sc, r, p)))
		return -1;
	r->close = (size_t)(q - sc.s) - 1;
	q = ws(q, sc.end);
	if (q != sc.end) {
		fail(&sc, q, "trailing characters after the object");
		return -1;
	}
	return 0;
}

/* key_eq for a key written with escapes: unescaped first. */
static bool key_eq_esc(const struct cd_field *f, const char *key, size_t klen)
{
	struct cd_buf b = CD_BUF_INIT;
	bool eq;

	cd_json_unescape(f->key - 1, f->klen + 2, &b);
	eq = b.len == klen && memcmp(b.p, key, klen) == 0;
	cd_buf_release(&b);
	return eq;
}

/* Does the raw key of f equal key once decoded? */
static inline bool key_eq(const struct cd_field *f, const char *key,
			  size_t klen)
{
	size_t i;

	if (f->kesc)
		return key_eq_esc(f, key, klen);
	if (f->klen != klen)
		return false;
	for (i = 0; i < klen; i++)	/* keys are short: no call */
		if (f->key[i] != key[i])
			return false;
	return true;
}

void cd_rec_copy(struct cd_rec *dst, struct cd_buf *line,
		 const struct cd_rec *src, const struct cd_field *cut)
{
	size_t at = src->len, n = 0, i, off;

	if (cut) {
		at = (size_t)(cut->val - src->text);
		n = cut->vlen;
	}
	cd_buf_reset(line);
	cd_buf_add(line, src->text, at);
	cd_buf_add(line, src->text + at + n, src->len - at - n);
	dst->f = cd_xgrow(dst->f, &dst->cap, src->nf, sizeof(*src->f));
	dst->text = line->p;
	dst->len = src->len - n;
	dst->open = src->open;
	dst->close = src->close - (src->close > at ? n : 0);
	dst->nf = src->nf;
	for (i = 0; i < src->nf; i++) {
		dst->f[i] = src->f[i];
		off = (size_t)(src->f[i].key - src->text);
		dst->f[i].key = line->p + off - (off > at ? n : 0);
		off = (size_t)(src->f[i].val - src->text);
		dst->f[i].val = line->p + off - (off > at ? n : 0);
	}
	if (cut)
		dst->f[cut - src->f].vlen = 0;
}

const struct cd_field *cd_rec_find(const struct cd_rec *r, const char *key)
{
	size_t i = r->nf, klen = strlen(key);

	while (i-- > 0)
		if (key_eq(&r->f[i], key, klen))
			return &r->f[i];
	return NULL;
}

/* Write code point cp as UTF-8 at d; returns the end. */
static char *put_utf8(char *d, uint32_t cp)
{
	if (cp < 0x80) {
		*d++ = (char)cp;
	} else if (cp < 0x800) {
		*d++ = (char)(0xC0 | cp >> 6);
		*d++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*d++ = (char)(0xE0 | cp >> 12);
		*d++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*d++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*d++ = (char)(0xF0 | cp >> 18);
		*d++ = (char)(0x80 | (cp >> 12 & 0x3F));
		*d++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*d++ = (char)(0x80 | (cp & 0x3F));
	}
	return d;
}

/* Copy s[0..n) up to its first backslash to d and return how many bytes
 * that is (n for none).  Sixteen bytes are copied at a time, past the
 * backslash too: d must have room for n bytes (an unescaped string is
 * never longer than the escaped one). */
static inline size_t copy_plain(const char *s, size_t n, char *d)
{
	size_t i = 0, k;
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		cd_b16 v = cd_b16_load(s + i);

		memcpy(d + i, s + i, 16);
		if ((m = cd_b16_eq(v, '\\')) != 0)
			return i + (size_t)__builtin_ctz(m);
	}
	k = cd_b16_find(s + i, n - i, '\\');
	memcpy(d + i, s + i, k);
	return i + k;
}

void cd_json_unescape(const char *val, size_t vlen, struct cd_buf *out)
{
	const char *p = val + 1, *end = val + vlen - 1, *bs;
	char *d;

	/* an escape is never shorter than what it stands for: room for all
	 * at once, written in place */
	cd_buf_grow(out, vlen);
	d = out->p + out->len;
	while (p < end) {
		long u, lo;
		size_t k = copy_plain(p, (size_t)(end - p), d);

		bs = p + k;
		d += k;
		if (bs == end)
			break;
		p = bs + 2;
		switch (bs[1]) {
		case 'b': *d++ = '\b'; break;
		case 'f': *d++ = '\f'; break;
		case 'n': *d++ = '\n'; break;
		case 'r': *d++ = '\r'; break;
		case 't': *d++ = '\t'; break;
		case 'u':
			u = hex4((const unsigned char *)p, (const unsigned char *)end);
			p += 4;
			if (u >= 0xD800 && u <= 0xDBFF) {
				lo = hex4((const unsigned char *)p + 2,
					  (const unsigned char *)end);
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				p += 6;
			}
			d = put_utf8(d, (uint32_t)u);
			break;
		default: *d++ = bs[1]; break;
		}
	}
	out->len = (size_t)(d - out->p);
	out->p[out->len] = '\0';
}

bool cd_rec_string(const struct cd_rec *r, const char *key, struct cd_buf *out)
{
	const struct cd_field *f = cd_rec_find(r, key);

	cd_buf_reset(out);
	if (!f || f->type != CD_JSTR)
		return false;
	if (!f->vesc)
		cd_buf_add(out, f->val + 1, f->vlen - 2);
	else
		cd_json_unescape(f->val, f->vlen, out);
	return true;
}

/* The edit for field i, if it is the last occurrence of an edited key:
 * at[k] is the field edit k replaces (cd_rec_find), or NULL. */
static const struct cd_edit *edit_for(const struct cd_rec *r, size_t i,
				      const struct cd_edit *ed, size_t ned,
				      const struct cd_field **at, bool *used)
{
	size_t k;

	for (k = 0; k < ned; k++)
		if (!used[k] && at[k] == &r->f[i]) {
			used[k] = true;
			return &ed[k];
		}
	return NULL;
}

size_t cd_rec_write(struct cd_buf *out, const struct cd_rec *r,
		    const struct cd_edit *ed, size_t ned)
{
	const struct cd_field *at_small[16], **at = ned <= 16 ? at_small :
		cd_xcalloc(ned, sizeof(*at));
	bool used_small[16], *used = ned <= 16 ? used_small :
		cd_xcalloc(ned, sizeof(bool));
	const char *t = r->text, *cur = t + r->open + 1;
	bool any = false, prev_kept = true;
	size_t i, k, first = SIZE_MAX;

	/* where each edit lands, looked up once, not once per member */
	memset(used, 0, ned * sizeof(bool));
	for (k = 0; k < ned; k++)
		at[k] = cd_rec_find(r, ed[k].key);
	cd_buf_addc(out, '{');
	for (i = 0; i < r->nf; i++) {
		const struct cd_field *f = &r->f[i];
		const struct cd_edit *e = ned ? edit_for(r, i, ed, ned, at, used) :
						 NULL;
		const char *mstart = f->key - 1;

		if (e && !e->val) {
			prev_kept = false;
			continue;
		}
		/* Keep the original separator when the previous member was
		 * kept too; otherwise write a plain one. */
		if (any && prev_kept)
			cd_buf_add(out, cur, (size_t)(mstart - cur));
		else if (any)
			cd_buf_addc(out, ',');
		else
			cd_buf_add(out, cur, (size_t)(mstart - cur) *
				   (i == 0));
		if (e) {
			cd_buf_add(out, mstart, (size_t)(f->val - mstart));
			if (e == ed)
				first = out->len;
			cd_buf_add(out, e->val, e->vlen);
		} else {
			cd_buf_add(out, mstart, (size_t)(f->val + f->vlen - mstart));
		}
		cur = f->val + f->vlen;
		any = prev_kept = true;
	}
	for (k = 0; k < ned; k++) {
		if (used[k] || !ed[k].val)
			continue;
		if (any)
			cd_buf_addc(out, ',');
		cd_buf_add_json(out, ed[k].key, strlen(ed[k].key));
		cd_buf_addc(out, ':');
		if (k == 0)
			first = out->len;
		cd_buf_add(out, ed[k].val, ed[k].vlen);
		any = true;
	}
	cd_buf_add(out, "}\n", 2);
	if (used != used_small) {
		free(used);
		free(at);
	}
	return first;
}

void cd_json_add_int(struct cd_buf *b, long long v)
{
	cd_buf_addf(b, "%lld", v);
}

void cd_json_add_double(struct cd_buf *b, double v, int decimals)
{
	if (v != v || v > 1e300 || v < -1e300)
		cd_buf_adds(b, "null");
	else
		cd_buf_addf(b, "%.*f", decimals, v);
}
