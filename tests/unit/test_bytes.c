/* test_bytes.c - unit tests of bytes.h: the masks of sixteen bytes against
 * a byte-by-byte reference, and the JSON scanners built on them at the
 * sixteen-byte seams (strings, escaping, UTF-8 validation; normalisation:
 * test_text.c). */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "bytes.h"
#include "json.h"
#include "unit.h"
#include "utf8.h"

/* The mask of the bytes of p[0..16) for which the class k holds. */
static unsigned ref_mask(const unsigned char *p, int k, unsigned char c)
{
	unsigned m = 0, i;

	for (i = 0; i < 16; i++)
		m |= (unsigned)(k == 0 ? p[i] == c : k == 1 ? p[i] < c :
				p[i] >= 0x80) << i;
	return m;
}

static void test_masks(void)
{
	unsigned char p[16];
	unsigned seed = 1, i, n, ok = 1;
	static const unsigned char cs[] = { 0, ' ', '"', 0x1F, 0x20, 0x7F,
					    0x80, 0xE2, 0xFF };

	for (n = 0; n < 2000; n++) {
		cd_b16 v;

		for (i = 0; i < 16; i++) {
			seed = seed * 1103515245u + 12345u;
			p[i] = (unsigned char)(seed >> 16);
		}
		v = cd_b16_load(p);
		ok &= cd_b16_high(v) == ref_mask(p, 2, 0);
		for (i = 0; i < sizeof(cs); i++) {
			ok &= cd_b16_eq(v, cs[i]) == ref_mask(p, 0, cs[i]);
			if (cs[i])
				ok &= cd_b16_below(v, cs[i]) ==
				      ref_mask(p, 1, cs[i]);
			/* lane masks joined, with raw bytes for their
			 * high bits, read as one mask */
			if (cs[i])
				ok &= cd_b16_bits(cd_b16_or(cd_b16_is(v, cs[i]),
					cd_b16_or(v, cd_b16_is_below(v, cs[i])))) ==
				      (ref_mask(p, 0, cs[i]) | ref_mask(p, 2, 0) |
				       ref_mask(p, 1, cs[i]));
			ok &= cd_b16_bits(cd_b16_and(cd_b16_is(v, cs[i]),
				cd_b16_is(cd_b16_load(p), cs[i]))) ==
			      ref_mask(p, 0, cs[i]);
			ok &= cd_b16_bits(cd_b16_and(cd_b16_is(v, cs[i]),
				cd_b16_is_below(v, 0x80))) ==
			      (ref_mask(p, 0, cs[i]) & ~ref_mask(p, 2, 0) & 0xFFFF);
		}
	}
	CHECK(ok);
}

/* cd_b16_find finds the first byte c at every offset of spans of every
 * length to 40, and returns the length when c is absent. */
static void test_find(void)
{
	char s[40];
	size_t n, at, ok = 1;

	for (n = 0; n <= sizeof(s); n++) {
		memset(s, 'a', sizeof(s));
		ok &= cd_b16_find(s, n, '\n') == n;
		for (at = 0; at < n; at++) {
			memset(s, 'a', sizeof(s));
			s[at] = '\n';
			if (at + 1 < n)
				s[n - 1] = '\n';	/* a later one */
			ok &= cd_b16_find(s, n, '\n') == at;
			/* cd_b16_find2: either byte, the first of them */
			ok &= cd_b16_find2(s, n, '(', '\n') == at &&
			      cd_b16_find2(s, n, '\n', '(') == at;
			s[at] = '(';
			ok &= cd_b16_find2(s, n, '\n', '(') == at &&
			      cd_b16_find2(s, n, '/', '|') == n;
			/* cd_b16_find_pair: the two bytes together only
			 * (s[n - 1] is the later '\n') */
			ok &= cd_b16_find_pair(s, n, '(', 'a') ==
			      (at + 2 < n ? at : n);
			ok &= cd_b16_find_pair(s, n, 'a', '(') ==
			      (at > 0 ? at - 1 : n);
			ok &= cd_b16_find_pair(s, n, '(', '(') == n;
		}
	}
	CHECK(ok);
}

/* A JSON string of 40 bytes with byte 'c' at offset at escapes it and
 * reads back as it was. */
static int json_round_trip(char c, size_t at)
{
	char s[40];
	struct cd_buf j = CD_BUF_INIT, back = CD_BUF_INIT;
	struct cd_rec r;
	struct cd_jerr err;
	int ok;

	memset(s, 'x', sizeof(s));
	s[at] = c;
	cd_buf_adds(&j, "{\"t\":");
	cd_buf_add_json(&j, s, sizeof(s));
	cd_buf_addc(&j, '}');
	cd_rec_init(&r);
	ok = j.len > sizeof(s) + 8 &&
	     cd_rec_parse(&r, j.p, j.len, &err) == 0 &&
	     cd_rec_string(&r, "t", &back) && back.len == sizeof(s) &&
	     memcmp(back.p, s, sizeof(s)) == 0;
	/* the same byte unescaped would be refused inside the string */
	if (c != '"' && c != '\\') {
		j.len = 0;
		cd_buf_adds(&j, "{\"t\":\"");
		cd_buf_add(&j, s, sizeof(s));
		cd_buf_adds(&j, "\"}");
		ok &= cd_rec_parse(&r, j.p, j.len, &err) == -1;
	}
	cd_rec_release(&r);
	cd_buf_release(&j);
	cd_buf_release(&back);
	return ok;
}

static void test_json_seams(void)
{
	static const char cs[] = { '"', '\\', '\n', 0x01, 0x1F };
	size_t i, at;
	int ok = 1;

	for (i = 0; i < sizeof(cs); i++)
		for (at = 0; at < 40; at++)
			ok &= json_round_trip(cs[i], at);
	CHECK(ok);
}

/* Append s[0..len) to b as a JSON string, byte by byte: the reference
 * for cd_buf_add_json. */
static void ref_json(struct cd_buf *b, const unsigned char *s, size_t len)
{
	size_t i;
	char u[8];

	cd_buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\') {
			cd_buf_addc(b, '\\');
			cd_buf_addc(b, (char)c);
		} else if (c < 0x20) {
			const char *n = c == '\b' ? "b" : c == '\f' ? "f" :
					c == '\n' ? "n" : c == '\r' ? "r" :
					c == '\t' ? "t" : NULL;

			if (n) {
				cd_buf_addc(b, '\\');
				cd_buf_adds(b, n);
			} else {
				snprintf(u, sizeof(u), "\\u%04x", c);
				cd_buf_adds(b, u);
			}
		} else {
			cd_buf_addc(b, (char)c);
		}
	}
	cd_buf_addc(b, '"');
}

/* cd_buf_add_json writes what the reference does for strings of every
 * length up to 70 with bytes to escape (of every kind) at random places:
 * none, in the sixteen-byte blocks, in the tail and just before it. */
static void test_json_escape(void)
{
	static const unsigned char cs[] = { '"', '\\', '\n', '\t', 0x01,
					    0x1F, 0x7F, 0xE2, 0x80, 'a' };
	unsigned char s[70];
	struct cd_buf got = { 0 }, want = { 0 };
	unsigned seed = 7, n, k, len, e, ok = 1;

	for (n = 0; n < 4000; n++) {
		len = n % (sizeof(s) + 1);
		for (k = 0; k < len; k++)
			s[k] = (unsigned char)('a' + k % 26);
		for (e = n / 71 % 4; e > 0 && len > 0; e--) {
			seed = seed * 1103515245u + 12345u;
			s[(seed >> 8) % len] = cs[(seed >> 20) % sizeof(cs)];
		}
		got.len = want.len = 0;
		cd_buf_adds(&got, "x");	/* not at the buffer's start */
		cd_buf_add_json(&got, (const char *)s, len);
		cd_buf_adds(&want, "x");
		ref_json(&want, s, len);
		ok &= got.len == want.len && memcmp(got.p, want.p, got.len) == 0;
	}
	CHECK(ok);
	cd_buf_release(&got);
	cd_buf_release(&want);
}

/* cd_b16_ascii finds one high byte at any offset of any length, in the
 * sixteen-byte blocks and in the tail; cd_b16_find_high says where, and
 * the first of two. */
static void test_ascii(void)
{
	char s[40];
	size_t n, at, ok = 1;

	memset(s, 'a', sizeof(s));
	for (n = 0; n <= sizeof(s); n++) {
		ok &= cd_b16_ascii(s, n) == 1;
		ok &= cd_b16_find_high(s, n) == n;
		for (at = 0; at < n; at++) {
			s[at] = (char)0x80;
			ok &= cd_b16_ascii(s, n) == 0;
			ok &= cd_b16_find_high(s, n) == at;
			if (at + 1 < n) {
				s[n - 1] = (char)0xC3;
				ok &= cd_b16_find_high(s, n) == at;
				s[n - 1] = 'a';
			}
			s[at] = (char)0x7F;
			ok &= cd_b16_ascii(s, n) == 1;
			s[at] = 'a';
		}
	}
	CHECK(ok);
}

/* cd_utf8_check, which steps over ASCII sixteen bytes at a time, finds a
 * bad byte at any offset of any length, and steps over a good sequence
 * wherever it starts, cut by a seam or not. */
static void test_utf8_check(void)
{
	static const char *const good[] = { "\xC3\xA9", "\xE2\x82\xAC",
		"\xF0\x9F\x98\x80" };
	char s[48];
	size_t n, at, k, len, ok = 1;

	memset(s, 'a', sizeof(s));
	for (n = 0; n <= sizeof(s); n++) {
		ok &= cd_utf8_check(s, n) == n;
		for (at = 0; at < n; at++) {
			s[at] = (char)0xFF;
			ok &= cd_utf8_check(s, n) == at;
			s[at] = 'a';
			for (k = 0; k < 3; k++) {
				len = strlen(good[k]);
				if (at + len > n)
					continue;
				memcpy(s + at, good[k], len);
				ok &= cd_utf8_check(s, n) == n;
				/* cut short by the end: invalid at its lead */
				ok &= cd_utf8_check(s, at + len - 1) == at;
				memset(s + at, 'a', len);
			}
		}
	}
	CHECK(ok);
}

/* cd_utf8_check by the byte: the offset of the first bad sequence. */
static size_t ref_utf8_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (!(n = cd_utf8_seq(p + i, len - i)))
			return i;
		i += n;
	}
	return len;
}

/* cd_utf8_check on mixed text (accents a few bytes apart, runs of ASCII
 * longer and shorter than sixteen, CJK, four-byte sequences) agrees with
 * the byte-by-byte reference for every length and with a bad byte at
 * every offset, so the sixteen-byte steps that restart after each
 * sequence meet every seam. */
static void test_utf8_check_mixed(void)
{
	static const char *const piece[] = { "a", "b ", "\xC3\xA9",
		"\xC3\xA0 la ", "\xE2\x82\xAC", "\xE4\xB8\xAD\xE6\x96\x87",
		"\xF0\x9F\x98\x80", "quelque chose ", ("une r\xC3\xA9ponse bien "
		 "plus longue que seize octets, ") };
	char s[160], t[160];
	size_t n = 0, len, at, ok = 1, tested = 0;
	unsigned x = 12345;

	while (sizeof(s) - n >= 8) {
		x = x * 1103515245u + 12345u;
		len = strlen(piece[(x >> 16) % 9]);
		if (n + len > sizeof(s))
			continue;
		memcpy(s + n, piece[(x >> 16) % 9], len);
		n += len;
	}
	for (len = 0; len <= n; len++) {
		ok &= cd_utf8_check(s, len) == ref_utf8_check(s, len);
		for (at = 0; at < len; at++) {
			memcpy(t, s, len);
			t[at] = (char)0xFF;
			ok &= cd_utf8_check(t, len) == ref_utf8_check(t, len);
			t[at] = (char)0x80;	/* a stray continuation */
			ok &= cd_utf8_check(t, len) == ref_utf8_check(t, len);
			t[at] = 'a';		/* cuts a sequence or not */
			ok &= cd_utf8_check(t, len) == ref_utf8_check(t, len);
			tested += 3;
		}
	}
	CHECK(n > 150 && tested > 30000);
	CHECK(ok);
}

/* cd_b16_alnum marks exactly the ASCII letters and digits, and
 * cd_b16_is_digit the digits, for every byte value in every lane. */
static void test_alnum(void)
{
	unsigned char b[16];
	unsigned c, i, want, digit, bad = 0;

	for (c = 0; c < 256; c++) {
		want = digit = 0;
		for (i = 0; i < 16; i++) {
			b[i] = (unsigned char)((c + 17 * i) & 255);
			if (b[i] >= '0' && b[i] <= '9')
				digit |= 1u << i;
			if ((b[i] >= 'a' && b[i] <= 'z') ||
			    (b[i] >= 'A' && b[i] <= 'Z'))
				want |= 1u << i;
		}
		want |= digit;
		bad += cd_b16_alnum(cd_b16_load(b)) != want;
		bad += cd_b16_bits(cd_b16_is_digit(cd_b16_load(b))) != digit;
	}
	CHECK(bad == 0);
}

int main(void)
{
	test_alnum();
	test_masks();
	test_find();
	test_ascii();
	test_utf8_check();
	test_utf8_check_mixed();
	test_json_seams();
	test_json_escape();
	return UNIT_END();
}
