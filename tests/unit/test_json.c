/*
 * test_json.c - the record model (json.h): strict validation, string
 * decoding, member lookup and the byte-preserving writer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "json.h"
#include "reader.h"
#include "unit.h"

static struct cd_rec rec;
static struct cd_jerr jerr;

/* Parse a NUL-terminated line; 0 when accepted. */
static int parse(const char *s)
{
	jerr.reason = NULL;
	jerr.col = 0;
	return cd_rec_parse(&rec, s, strlen(s), &jerr);
}

/* Parse s, which must be refused with a reason containing why. */
static int refused(const char *s, const char *why)
{
	return parse(s) == -1 && jerr.reason && strstr(jerr.reason, why) != NULL;
}

/* Decode string field key of s into b; true when s parses and has it. */
static int decoded(const char *s, const char *key, struct cd_buf *b)
{
	return parse(s) == 0 && cd_rec_string(&rec, key, b);
}

static void test_escapes(void)
{
	struct cd_buf b = CD_BUF_INIT;

	CHECK(decoded("{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", "s", &b));
	CHECK_STR(b.p, b.len, "\"\\/\b\f\n\r\t");
	CHECK(decoded("{\"s\":\"a\\u0041\\u00e9\\u20ac\"}", "s", &b));
	CHECK_STR(b.p, b.len, "aA\xc3\xa9\xe2\x82\xac");
	CHECK(decoded("{\"s\":\"x\\u0000y\"}", "s", &b));
	CHECK(b.len == 3 && memcmp(b.p, "x\0y", 3) == 0);
	CHECK(decoded("{\"s\":\"\\uABCD\\uabcd\"}", "s", &b));
	CHECK_STR(b.p, b.len, "\xea\xaf\x8d\xea\xaf\x8d");
	CHECK(decoded("{\"s\":\"\"}", "s", &b) && b.len == 0);
	CHECK(refused("{\"s\":\"\\x41\"}", "invalid escape"));
	CHECK(refused("{\"s\":\"\\u12\"}", "\\u escape"));
	CHECK(refused("{\"s\":\"\\u12G4\"}", "\\u escape"));
	CHECK(refused("{\"s\":\"\\", "unterminated"));
	CHECK(refused("{\"s\":\"a\tb\"}", "control character"));
	CHECK(refused("{\"s\":\"a\nb\"}", "control character"));
	CHECK(refused("{\"s\":\"abc}", "unterminated"));
	cd_buf_release(&b);
}

/* A special byte at every offset of a long string: the scanner takes
 * sixteen and eight plain bytes at a time and must stop at each kind. */
static void test_special_at_every_offset(void)
{
	static const char *const special[] = {
		"\\n", "\\\"", "\xc3\xa9", "\xe2\x80\x9c"
	};
	static const char *const decoded_as[] = {
		"\n", "\"", "\xc3\xa9", "\xe2\x80\x9c"
	};
	struct cd_buf b = CD_BUF_INIT, line = CD_BUF_INIT, want = CD_BUF_INIT;
	size_t k, j, i;

	for (k = 0; k < 40; k++)
		for (j = 0; j < sizeof(special) / sizeof(special[0]); j++) {
			cd_buf_reset(&line);
			cd_buf_reset(&want);
			cd_buf_adds(&line, "{\"s\":\"");
			for (i = 0; i < k; i++) {
				cd_buf_addc(&line, (char)('a' + i % 26));
				cd_buf_addc(&want, (char)('a' + i % 26));
			}
			cd_buf_adds(&line, special[j]);
			cd_buf_adds(&want, decoded_as[j]);
			cd_buf_adds(&line, "plain text after it\"}");
			cd_buf_adds(&want, "plain text after it");
			cd_buf_reset(&b);
			CHECK(decoded(cd_buf_str(&line), "s", &b)
			      && b.len == want.len
			      && !memcmp(b.p, want.p, b.len));
			/* a raw control character there is refused */
			line.p[6 + k] = '\t';
			CHECK(refused(cd_buf_str(&line), "control character"));
		}
	cd_buf_release(&b);
	cd_buf_release(&line);
	cd_buf_release(&want);
}

/* Escapes close together, gap bytes apart for every gap up to twenty
 * (several in one sixteen-byte block, one split over two): the scanner
 * steps over a one-letter escape inside its fast loop and the decoder
 * copies sixteen bytes at a time up to each; a bad escape or a control
 * character after good ones is still refused. */
static void test_escape_runs(void)
{
	static const char *const esc[] = { "\\n", "\\t", "\\\\", "\\/",
					   "\\\"", "\\u00e9", "\\r" };
	static const char *const as[] = { "\n", "\t", "\\", "/", "\"",
					  "\xc3\xa9", "\r" };
	struct cd_buf b = CD_BUF_INIT, line = CD_BUF_INIT, want = CD_BUF_INIT;
	size_t gap, i, j, n;

	for (gap = 0; gap <= 20; gap++) {
		cd_buf_reset(&line);
		cd_buf_reset(&want);
		cd_buf_adds(&line, "{\"s\":\"");
		for (i = 0; i < 30; i++) {
			for (j = 0; j < gap; j++) {
				cd_buf_addc(&line, (char)('a' + (i + j) % 26));
				cd_buf_addc(&want, (char)('a' + (i + j) % 26));
			}
			cd_buf_adds(&line, esc[i % 7]);
			cd_buf_adds(&want, as[i % 7]);
		}
		n = line.len;
		cd_buf_adds(&line, "end\"}");
		cd_buf_adds(&want, "end");
		cd_buf_reset(&b);
		CHECK(decoded(cd_buf_str(&line), "s", &b) && b.len == want.len &&
		      !memcmp(b.p, want.p, b.len));
		line.len = n;
		cd_buf_adds(&line, "\\x\"}");
		CHECK(refused(cd_buf_str(&line), "invalid escape"));
		line.len = n;
		cd_buf_adds(&line, "\x01\"}");
		CHECK(refused(cd_buf_str(&line), "control character"));
		line.len = n;
		cd_buf_adds(&line, "\\");
		CHECK(refused(cd_buf_str(&line), "unterminated"));
	}
	cd_buf_release(&b);
	cd_buf_release(&line);
	cd_buf_release(&want);
}

static void test_surrogates(void)
{
	struct cd_buf b = CD_BUF_INIT;

	CHECK(decoded("{\"s\":\"\\ud83d\\ude00\"}", "s", &b));
	CHECK_STR(b.p, b.len, "\xf0\x9f\x98\x80");
	CHECK(decoded("{\"s\":\"\\uD800\\uDC00\\uDBFF\\uDFFF\"}", "s", &b));
	CHECK_STR(b.p, b.len, "\xf0\x90\x80\x80\xf4\x8f\xbf\xbf");
	CHECK(refused("{\"s\":\"\\ud800\"}", "lone surrogate"));
	CHECK(refused("{\"s\":\"\\udc00\"}", "lone surrogate"));
	CHECK(refused("{\"s\":\"\\ud800x\"}", "lone surrogate"));
	CHECK(refused("{\"s\":\"\\ud800\\u0041\"}", "lone surrogate"));
	CHECK(refused("{\"s\":\"\\ud800\\ud800\"}", "lone surrogate"));
	CHECK(refused("{\"s\":\"\\ude00\\ud83d\"}", "lone surrogate"));
	CHECK(refused("{\"\\udfff\":1}", "lone surrogate"));
	/* The column points at the backslash of the bad escape. */
	CHECK(refused("{\"s\":\"ab\\ud800\"}", "lone surrogate") && jerr.col == 9);
	cd_buf_release(&b);
}

static void test_utf8(void)
{
	CHECK(parse("{\"s\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}") == 0);
	CHECK(parse("{\"\xc3\xa9\":\"\xef\xbf\xbf\xf4\x8f\xbf\xbf\"}") == 0);
	CHECK(refused("{\"s\":\"\xff\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xfe\xff\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\x80\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xc3\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xe2\x82\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xf0\x9f\x98\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xc3", "invalid UTF-8"));
	CHECK(refused("{\"\xff\":1}", "invalid UTF-8"));
	/* Encoded surrogates and code points past U+10FFFF. */
	CHECK(refused("{\"s\":\"\xed\xa0\x80\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xed\xbf\xbf\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xf4\x90\x80\x80\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xf5\x80\x80\x80\"}", "invalid UTF-8"));
	/* Invalid bytes outside strings are refused too. */
	CHECK(parse("{\"s\":1\xff}") == -1);
	CHECK(parse("\xef\xbb\xbf{}") == -1);	/* the BOM is run.c's job */
}

static void test_overlong(void)
{
	CHECK(refused("{\"s\":\"\xc0\xaf\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xc1\xbf\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xe0\x80\xaf\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xe0\x9f\xbf\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xf0\x80\x80\xaf\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xf0\x8f\xbf\xbf\"}", "invalid UTF-8"));
	CHECK(refused("{\"s\":\"\xc0\x80\"}", "invalid UTF-8"));
	/* The shortest forms of the same characters are fine. */
	CHECK(parse("{\"s\":\"/\xc2\x80\xe0\xa0\x80\xf0\x90\x80\x80\"}") == 0);
}

/* A record {"a": [[...1...]]} nested depth levels deep in all. */
static char *nested(int depth)
{
	struct cd_buf b = CD_BUF_INIT;
	int i;

	cd_buf_adds(&b, "{\"a\":");
	for (i = 1; i < depth; i++)
		cd_buf_addc(&b, i % 2 ? '[' : '{');
	cd_buf_addc(&b, '1');
	for (i = depth - 1; i >= 1; i--)
		cd_buf_addc(&b, i % 2 ? ']' : '}');
	cd_buf_addc(&b, '}');
	return b.p;
}

/* Objects nested in arrays alternate, so give them keys. */
static char *nested_obj(int depth)
{
	struct cd_buf b = CD_BUF_INIT;
	int i;

	cd_buf_adds(&b, "{\"a\":");
	for (i = 1; i < depth; i++)
		cd_buf_adds(&b, i % 2 ? "[" : "{\"k\":");
	cd_buf_addc(&b, '1');
	for (i = depth - 1; i >= 1; i--)
		cd_buf_addc(&b, i % 2 ? ']' : '}');
	cd_buf_addc(&b, '}');
	return b.p;
}

static void test_depth(void)
{
	char *s;

	s = nested_obj(256);
	CHECK(parse(s) == 0 && rec.nf == 1 && rec.f[0].type == CD_JARR);
	free(s);
	s = nested_obj(257);
	CHECK(refused(s, "nesting too deep"));
	free(s);
	s = nested_obj(10000);
	CHECK(refused(s, "nesting too deep"));
	free(s);
	/* Without keys the nested objects are invalid, and refused for it
	 * or for the depth, never accepted. */
	s = nested(10000);
	CHECK(parse(s) == -1);
	free(s);
	CHECK(parse("{\"a\":[[[[]]],{\"b\":{\"c\":[{}]}}]}") == 0);
	CHECK(refused("{\"a\":[[[]]}", "expected ',' or ']'"));
	CHECK(refused("{\"a\":{\"b\":1]}", "expected ',' or '}'"));
}

static void test_duplicates(void)
{
	struct cd_buf b = CD_BUF_INIT;
	const struct cd_field *f;

	CHECK(parse("{\"a\":\"one\",\"b\":2,\"a\":\"two\",\"\\u0061\":\"three\"}") == 0);
	CHECK(rec.nf == 4);
	f = cd_rec_find(&rec, "a");
	CHECK(f == &rec.f[3]);
	CHECK(cd_rec_string(&rec, "a", &b));
	CHECK_STR(b.p, b.len, "three");
	CHECK(parse("{\"a\":\"one\",\"a\":2}") == 0);
	CHECK(!cd_rec_string(&rec, "a", &b) && b.len == 0);
	CHECK(cd_rec_find(&rec, "a") == &rec.f[1]);
	CHECK(cd_rec_find(&rec, "c") == NULL);
	CHECK(parse("{\"\":1}") == 0 && cd_rec_find(&rec, "") == &rec.f[0]);
	cd_buf_release(&b);
}

static void test_numbers(void)
{
	static const char *const good[] = {
		"0", "-0", "1", "-1", "10", "1.5", "-0.0", "1e5", "1E5", "1e+5",
		"1e-5", "-1.25E-10", "123456789012345678901234567890", "1e400",
		"0.000001", "0e0"
	};
	static const char *const bad[] = {
		"01", "-01", "00", "1.", "1.e5", ".5", "+1", "-", "1e", "1e+",
		"1E-", "0x10", "NaN", "nan", "Infinity", "-Infinity", "1.5.2",
		"1e5.5", "--1", "- 1", "1 2", "tru", "nul", "True", "01.5"
	};
	char line[64];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(line, sizeof(line), "{\"n\":%s}", good[i]);
		CHECK(parse(line) == 0 && rec.f[0].type == CD_JNUM &&
		      rec.f[0].vlen == strlen(good[i]));
		if (jerr.reason)
			fprintf(stderr, "refused good number %s\n", good[i]);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(line, sizeof(line), "{\"n\":%s}", bad[i]);
		CHECK(parse(line) == -1);
		if (!jerr.reason)
			fprintf(stderr, "accepted bad number %s\n", bad[i]);
	}
}

static void test_structure(void)
{
	CHECK(refused("", "not a JSON object"));
	CHECK(refused("   ", "not a JSON object"));
	CHECK(refused("[1]", "not a JSON object"));
	CHECK(refused("\"x\"", "not a JSON object"));
	CHECK(refused("{\"a\":1}{\"b\":2}", "trailing characters"));
	CHECK(refused("{\"a\":1} x", "trailing characters"));
	CHECK(refused("{\"a\":1,}", "expected a string key"));
	CHECK(refused("{\"a\":[1,]}", "expected a value"));
	CHECK(refused("{a:1}", "expected a string key"));
	CHECK(refused("{\"a\" 1}", "expected ':'"));
	CHECK(refused("{\"a\":}", "expected a value"));
	CHECK(refused("{\"a\":1", "unexpected end"));
	CHECK(refused("{\"a\":[1", "unexpected end"));
	CHECK(refused("{\"a\":'x'}", "expected a value"));
	CHECK(parse(" \t{ \"a\" : 1 , \"b\" : [ ] }\r ") == 0 && rec.nf == 2);
	CHECK(rec.open == 2 && rec.text[rec.close] == '}');
	CHECK(parse("{}") == 0 && rec.nf == 0);
	/* Columns are 1-based bytes. */
	CHECK(parse("{\"a\":1,}") == -1 && jerr.col == 8);
	CHECK(parse("x") == -1 && jerr.col == 1);
	/* A NUL byte is data, not an end: it is refused where it stands. */
	CHECK(cd_rec_parse(&rec, "{\"a\":1}\0", 8, &jerr) == -1 && jerr.col == 8);
	CHECK(cd_rec_parse(&rec, "{\"a\":\"\0\"}", 9, &jerr) == -1);
}

static void test_huge_string(void)
{
	size_t n = 20u << 20, i;
	char *s = malloc(n + 16);
	struct cd_buf b = CD_BUF_INIT;

	memcpy(s, "{\"s\":\"", 6);
	for (i = 0; i < n; i++)
		s[6 + i] = (char)('a' + i % 26);
	memcpy(s + 6 + n, "\\n\"}", 4);
	CHECK(cd_rec_parse(&rec, s, n + 10, &jerr) == 0);
	CHECK(rec.nf == 1 && rec.f[0].vlen == n + 4 && rec.f[0].vesc);
	CHECK(cd_rec_string(&rec, "s", &b) && b.len == n + 1 &&
	      b.p[n] == '\n' && b.p[n - 1] == (char)('a' + (n - 1) % 26));
	cd_buf_release(&b);
	free(s);
}

static void test_no_final_newline(void)
{
	char path[] = "/tmp/test_json.XXXXXX";
	int fd = mkstemp(path);
	static const char text[] = "{\"a\":1}\n{\"b\":\"last\"}";
	struct cd_reader r;
	struct cd_line ln;
	struct cd_buf b = CD_BUF_INIT;

	CHECK(fd >= 0 && write(fd, text, sizeof(text) - 1) == sizeof(text) - 1);
	close(fd);
	CHECK(cd_reader_open(&r, path, 0) == 0);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && ln.nl);
	CHECK(cd_reader_line(&r, &ln) == CD_LINE && !ln.nl && r.lineno == 2);
	CHECK(cd_rec_parse(&rec, ln.p, ln.len, &jerr) == 0);
	CHECK(cd_rec_string(&rec, "b", &b));
	CHECK_STR(b.p, b.len, "last");
	CHECK(cd_reader_line(&r, &ln) == CD_EOF);
	cd_reader_close(&r);
	unlink(path);
	cd_buf_release(&b);
}

/* Write the parsed record with edits; compare with want. */
static int written(const char *line, const struct cd_edit *ed, size_t n,
		   const char *want)
{
	struct cd_buf out = CD_BUF_INIT;
	int ok;

	if (parse(line) != 0)
		return 0;
	cd_rec_write(&out, &rec, ed, n);
	ok = out.len == strlen(want) && memcmp(out.p, want, out.len) == 0;
	if (!ok)
		fprintf(stderr, "wrote   %s     want %s", cd_buf_str(&out), want);
	cd_buf_release(&out);
	return ok;
}

/* Where cd_rec_write, appending to a buffer holding "xy", puts the
 * value of ed[0] of line: its offset from the record's start, or -1. */
static long written_at(const char *line, const struct cd_edit *ed, size_t n)
{
	struct cd_buf out = CD_BUF_INIT;
	size_t at;

	if (parse(line) != 0)
		return -2;
	cd_buf_add(&out, "xy", 2);
	at = cd_rec_write(&out, &rec, ed, n);
	cd_buf_release(&out);
	return at == SIZE_MAX ? -1 : (long)at - 2;
}

static void test_write_at(void)
{
	const char *line = "{ \"id\" : \"a\",\"t\":1 }";
	struct cd_edit two[2] = { { "new", "[]", 2 }, { "id", "\"b\"", 3 } };

	/* in place: { "id" : "b", ... */
	CHECK(written_at(line, &(struct cd_edit){ "id", "\"b\"", 3 }, 1) == 9);
	/* added at the end: { "id" : "b","t":1,"new":[] */
	CHECK(written_at(line, two, 2) == 25);
	CHECK(written_at(line, &(struct cd_edit){ "id", NULL, 0 }, 1) == -1);
	CHECK(written_at(line, NULL, 0) == -1);
}

static void test_write(void)
{
	const char *line = "{ \"id\" : \"a\",  \"x\": [1, {\"y\":\"\\u00e9\"}] ,\"t\":1 }";
	struct cd_edit rep = { "id", "\"b\"", 3 };
	struct cd_edit del = { "x", NULL, 0 };
	struct cd_edit add = { "new", "{\"k\": 1}", 8 };
	struct cd_edit delfirst = { "id", NULL, 0 };
	struct cd_edit dellast = { "t", NULL, 0 };
	struct cd_edit esc = { "q\"\\\n\x01k", "\"v\\\"\"", 5 };
	struct cd_edit all[3] = { { "t", "2", 1 }, { "x", NULL, 0 },
				  { "z", "null", 4 } };
	struct cd_edit nothing = { "absent", NULL, 0 };
	struct cd_buf v = CD_BUF_INIT;

	CHECK(written(line, NULL, 0,
		      "{ \"id\" : \"a\",  \"x\": [1, {\"y\":\"\\u00e9\"}] ,\"t\":1}\n"));
	CHECK(written(line, &rep, 1,
		      "{ \"id\" : \"b\",  \"x\": [1, {\"y\":\"\\u00e9\"}] ,\"t\":1}\n"));
	CHECK(written(line, &del, 1, "{ \"id\" : \"a\",\"t\":1}\n"));
	CHECK(written(line, &delfirst, 1,
		      "{\"x\": [1, {\"y\":\"\\u00e9\"}] ,\"t\":1}\n"));
	CHECK(written(line, &dellast, 1,
		      "{ \"id\" : \"a\",  \"x\": [1, {\"y\":\"\\u00e9\"}]}\n"));
	CHECK(written(line, &add, 1,
		      "{ \"id\" : \"a\",  \"x\": [1, {\"y\":\"\\u00e9\"}] ,\"t\":1,"
		      "\"new\":{\"k\": 1}}\n"));
	CHECK(written(line, all, 3, "{ \"id\" : \"a\",\"t\":2,\"z\":null}\n"));
	CHECK(written(line, &nothing, 1,
		      "{ \"id\" : \"a\",  \"x\": [1, {\"y\":\"\\u00e9\"}] ,\"t\":1}\n"));
	/* Keys are escaped when appended; values are given as JSON. */
	CHECK(written("{}", &esc, 1, "{\"q\\\"\\\\\\n\\u0001k\":\"v\\\"\"}\n"));
	/* A duplicate: the last one is edited, the first kept. */
	CHECK(written("{\"a\":1,\"a\":2}", &(struct cd_edit){ "a", "3", 1 }, 1,
		      "{\"a\":1,\"a\":3}\n"));
	CHECK(written("{\"a\":1,\"a\":2}", &(struct cd_edit){ "a", NULL, 0 }, 1,
		      "{\"a\":1}\n"));
	/* An escaped key matches its decoded name. */
	CHECK(written("{\"\\u0069d\":1}", &(struct cd_edit){ "id", "2", 1 }, 1,
		      "{\"\\u0069d\":2}\n"));
	/* Values built with cd_buf_add_json round-trip. */
	cd_buf_add_json(&v, "a\"b\\c\n\x1f\xc3\xa9", 9);
	CHECK_STR(v.p, v.len, "\"a\\\"b\\\\c\\n\\u001f\xc3\xa9\"");
	CHECK(written("{}", &(struct cd_edit){ "s", v.p, v.len }, 1,
		      "{\"s\":\"a\\\"b\\\\c\\n\\u001f\xc3\xa9\"}\n"));
	/* Many edits (more than the writer's small table). */
	{
		struct cd_edit many[20];
		char keys[20][8];
		unsigned i;

		for (i = 0; i < 20; i++) {
			snprintf(keys[i], sizeof(keys[i]), "k%u", i % 100);
			many[i].key = keys[i];
			many[i].val = "0";
			many[i].vlen = 1;
		}
		many[0].key = "id";
		CHECK(written("{\"id\":1}", many, 20,
			      "{\"id\":0,\"k1\":0,\"k2\":0,\"k3\":0,\"k4\":0,\"k5\":0,"
			      "\"k6\":0,\"k7\":0,\"k8\":0,\"k9\":0,\"k10\":0,\"k11\":0,"
			      "\"k12\":0,\"k13\":0,\"k14\":0,\"k15\":0,\"k16\":0,"
			      "\"k17\":0,\"k18\":0,\"k19\":0}\n"));
	}
	cd_buf_release(&v);
}

static void test_number_helpers(void)
{
	struct cd_buf b = CD_BUF_INIT;

	cd_json_add_int(&b, -42);
	CHECK_STR(b.p, b.len, "-42");
	cd_buf_reset(&b);
	cd_json_add_double(&b, 0.126, 2);
	CHECK_STR(b.p, b.len, "0.13");
	cd_buf_reset(&b);
	cd_json_add_double(&b, 0.0 / 0.0, 2);
	CHECK_STR(b.p, b.len, "null");
	cd_buf_release(&b);
}

/* The copy of line with member cut (NULL: none) left out, written back
 * with edit (may be NULL), is want; the copy outlives line's buffer. */
static int copied(const char *line, const char *cut, const struct cd_edit *ed,
		  const char *want)
{
	struct cd_rec src, dst;
	struct cd_buf in = CD_BUF_INIT, held = CD_BUF_INIT, out = CD_BUF_INIT;
	struct cd_jerr err;
	int ok;

	cd_rec_init(&src);
	cd_rec_init(&dst);
	cd_buf_adds(&in, line);
	ok = cd_rec_parse(&src, in.p, in.len, &err) == 0;
	if (ok) {
		cd_rec_copy(&dst, &held, &src,
			    cut ? cd_rec_find(&src, cut) : NULL);
		memset(in.p, 'X', in.len);
		cd_rec_write(&out, &dst, ed, ed ? 1 : 0);
		ok = out.len == strlen(want) && memcmp(out.p, want, out.len) == 0;
		if (cut)
			ok = ok && cd_rec_find(&dst, cut)->vlen == 0 &&
			     dst.len == held.len;
	}
	cd_rec_release(&src);
	cd_rec_release(&dst);
	cd_buf_release(&in);
	cd_buf_release(&held);
	cd_buf_release(&out);
	return ok;
}

static void test_copy(void)
{
	const char *line = "{\"id\":\"a\", \"text\":\"long text\" ,\"z\":[1]}";
	struct cd_edit put = { "text", "\"new\"", 5 };
	struct cd_edit add = { "w", "2", 1 };

	CHECK(copied(line, NULL, NULL, "{\"id\":\"a\", \"text\":\"long text\" ,\"z\":[1]}\n"));
	CHECK(copied(line, "text", &put, "{\"id\":\"a\", \"text\":\"new\" ,\"z\":[1]}\n"));
	CHECK(copied(line, "z", &add, "{\"id\":\"a\", \"text\":\"long text\" ,\"z\":,\"w\":2}\n"));
	CHECK(copied("{\"text\":\"only\"}", "text", &put, "{\"text\":\"new\"}\n"));
}

/* cd_json_array: the elements of an array, strictly validated. */
static void test_array(void)
{
	static const char a[] = " [ {\"@type\":\"Person\",\"name\":\"A\"} , "
				"\"x\\\"y\", [1,[2]], null, -1.5e3 ] ";
	struct cd_jerr err;
	char deep[600];
	size_t i;

	CHECK(cd_json_array(&rec, a, strlen(a), &err) == 0);
	CHECK(rec.nf == 5 && rec.f[0].type == CD_JOBJ && rec.f[1].type == CD_JSTR);
	CHECK(rec.f[1].vesc && rec.f[2].type == CD_JARR && rec.f[3].type == CD_JNULL);
	CHECK_STR(rec.f[2].val, rec.f[2].vlen, "[1,[2]]");
	CHECK_STR(rec.f[4].val, rec.f[4].vlen, "-1.5e3");
	CHECK(cd_json_array(&rec, "[]", 2, &err) == 0 && rec.nf == 0);
	CHECK(cd_json_array(&rec, "[1,]", 4, &err) == -1);
	CHECK(cd_json_array(&rec, "[1 2]", 5, &err) == -1);
	CHECK(cd_json_array(&rec, "{}", 2, &err) == -1);
	CHECK(cd_json_array(&rec, "[1] x", 5, &err) == -1);
	CHECK(cd_json_array(&rec, "[\"a\nb\"]", 7, &err) == -1);
	for (i = 0; i < 300; i++)
		deep[i] = '[';
	for (; i < 600; i++)
		deep[i] = ']';
	CHECK(cd_json_array(&rec, deep, 600, &err) == -1);
}

/* cd_buf_add_uint writes what printf's %zu writes. */
static void test_add_uint(void)
{
	static const size_t v[] = { 0, 7, 10, 4096, 18446744073709551615u };
	struct cd_buf b, want;
	size_t i;

	cd_buf_init(&b);
	cd_buf_init(&want);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cd_buf_reset(&b);
		cd_buf_reset(&want);
		cd_buf_adds(&b, "n=");
		cd_buf_add_uint(&b, v[i]);
		cd_buf_addf(&want, "n=%zu", v[i]);
		CHECK(b.len > 2 && b.len == want.len
		      && memcmp(b.p, want.p, b.len) == 0);
	}
	CHECK_STR(b.p, b.len, "n=18446744073709551615");
	cd_buf_release(&b);
	cd_buf_release(&want);
}

int main(void)
{
	cd_rec_init(&rec);
	test_escapes();
	test_surrogates();
	test_utf8();
	test_special_at_every_offset();
	test_escape_runs();
	test_overlong();
	test_depth();
	test_duplicates();
	test_numbers();
	test_structure();
	test_huge_string();
	test_no_final_newline();
	test_write();
	test_write_at();
	test_copy();
	test_number_helpers();
	test_array();
	test_add_uint();
	cd_rec_release(&rec);
	return UNIT_END();
}
