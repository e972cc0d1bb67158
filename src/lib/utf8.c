/* utf8.c - UTF-8 validation, decoding and repair; see utf8.h. */
#include <string.h>

#include "bytes.h"
#include "utf8.h"

size_t cd_utf8_seq(const unsigned char *p, size_t avail)
{
	unsigned c = p[0];
	unsigned lo = 0x80, hi = 0xBF;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0) {
		n = 2;
	} else if (c < 0xF0) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	}
	if (avail < n)
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

uint32_t cd_utf8_decode(const char *s, size_t avail, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = cd_utf8_seq(p, avail);

	*n = k ? k : 1;
	switch (k) {
	case 1:
		return p[0];
	case 2:
		return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
	case 3:
		return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
		       (p[2] & 0x3F);
	case 4:
		return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
		       (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
	default:
		return 0xFFFD;
	}
}

size_t cd_utf8_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] >= 0x80) {
			n = cd_utf8_seq(p + i, len - i);
			if (!n)
				return i;
			i += n;
			continue;
		}
		/* ASCII sixteen bytes a step (most text) up to the next
		 * sequence, each byte loaded once */
		i += cd_b16_find_high(p + i, len - i);
	}
	return len;
}

/* Length of the maximal subpart of an ill-formed sequence at p: the
 * longest prefix that could start a valid sequence, at least 1. */
static size_t maximal_subpart(const unsigned char *p, size_t avail)
{
	unsigned c = p[0], lo = 0x80, hi = 0xBF;
	size_t n, i;

	if (c < 0xC2 || c > 0xF4)
		return 1;
	n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	for (i = 1; i < n && i < avail; i++) {
		unsigned b = p[i];

		if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
			break;
	}
	return i;
}

size_t cd_utf8_repair(const char *s, size_t len, struct cd_buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, fixed = 0, n;

	cd_buf_grow(out, len);
	while (i < len) {
		if (p[i] < 0x80) {
			i += cd_b16_find_high(p + i, len - i);
			continue;
		}
		n = cd_utf8_seq(p + i, len - i);
		if (n) {
			i += n;
			continue;
		}
		cd_buf_add(out, s + run, i - run);
		cd_buf_add(out, "\xEF\xBF\xBD", 3);
		fixed++;
		i += maximal_subpart(p + i, len - i);
		run = i;
	}
	cd_buf_add(out, s + run, len - run);
	return fixed;
}

/* Windows-1252 0x80-0x9F; 0 marks the five undefined bytes, which are
 * mapped to the C1 controls as Latin-1 would. */
static const uint16_t cp1252_hi[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

int cd_utf8_cp1252_byte(uint32_t cp)
{
	int i;

	if (cp >= 0x80 && cp <= 0xFF)
		return (int)cp;
	for (i = 0; i < 32; i++)
		if (cp1252_hi[i] && cp1252_hi[i] == cp)
			return 0x80 + i;
	return -1;
}

void cd_utf8_from_8bit(const char *s, size_t len, int cp1252,
		       struct cd_buf *out)
{
	size_t i;

	cd_buf_grow(out, len * 2);
	for (i = 0; i < len; i++) {
		unsigned c = (unsigned char)s[i];
		uint32_t cp = c;

		if (cp1252 && c >= 0x80 && c < 0xA0 && cp1252_hi[c - 0x80])
			cp = cp1252_hi[c - 0x80];
		if (cp < 0x80)
			cd_buf_addc(out, (int)cp);
		else
			cd_buf_add_utf8(out, cp);
	}
}
