/* test_uchar.c - the shared code point classes (uchar.h). */
#include "uchar.h"
#include "unit.h"

/* cd_cp_upper: Lu and Lt, nothing else (not utf8proc_isupper). */
static void test_upper(void)
{
	CHECK(cd_cp_upper('A') && cd_cp_upper('Z'));
	CHECK(!cd_cp_upper('a') && !cd_cp_upper('@') && !cd_cp_upper('['));
	CHECK(!cd_cp_upper('1') && !cd_cp_upper(' '));
	CHECK(cd_cp_upper(0xC9));	/* É */
	CHECK(!cd_cp_upper(0xE9));	/* é */
	CHECK(cd_cp_upper(0x0416));	/* Ж */
	CHECK(cd_cp_upper(0x01C5));	/* ǅ, title case */
	CHECK(!cd_cp_upper(0x216B));	/* Ⅻ, a number letter */
	CHECK(!cd_cp_upper(0x24B6));	/* Ⓐ, a symbol */
	CHECK(!cd_cp_upper(0x4E2D));	/* 中, no case */
	/* where utf8proc_isupper, once used by attribtok.c, answers otherwise */
	CHECK(utf8proc_isupper(0x216B) && !utf8proc_isupper(0x01C5));
}

/* cd_cp_letter and cd_cp_lower: L* and Ll. */
static void test_letter(void)
{
	CHECK(cd_cp_letter('a') && cd_cp_letter('Z') && !cd_cp_letter('0'));
	CHECK(!cd_cp_letter('@') && !cd_cp_letter('[') && !cd_cp_letter('`'));
	CHECK(!cd_cp_letter('{') && !cd_cp_letter(0x2019));	/* ' */
	CHECK(cd_cp_letter(0xE9) && cd_cp_letter(0x4E2D) && cd_cp_letter(0x02B0));
	CHECK(!cd_cp_letter(0x0301) && !cd_cp_letter(0xBD));	/* mark, ½ */
	CHECK(cd_cp_lower('a') && cd_cp_lower('z') && !cd_cp_lower('A'));
	CHECK(cd_cp_lower(0xE9) && !cd_cp_lower(0xC9) && !cd_cp_lower(0x4E2D));
	CHECK(!cd_cp_lower(0x01C5));	/* title case */
}

/* cd_cp_word: letters, marks and numbers of every kind, one answer for
 * every tokenizer (token.c, storyterm.c and attribtok.c once differed on
 * enclosing marks and number letters). */
static void test_word(void)
{
	CHECK(cd_cp_word('a') && cd_cp_word('Q') && cd_cp_word('7'));
	CHECK(!cd_cp_word(' ') && !cd_cp_word('-') && !cd_cp_word('\''));
	CHECK(!cd_cp_word('@') && !cd_cp_word('[') && !cd_cp_word('/'));
	CHECK(!cd_cp_word(':') && !cd_cp_word('`') && !cd_cp_word('{'));
	CHECK(cd_cp_word(0xE9) && cd_cp_word(0x4E2D));	/* é 中 */
	CHECK(cd_cp_word(0x0301) && cd_cp_word(0x0903));	/* Mn, Mc */
	CHECK(cd_cp_word(0x20DD));	/* enclosing circle, Me */
	CHECK(cd_cp_word(0xBD) && cd_cp_word(0x216B));	/* ½ (No), Ⅻ (Nl) */
	CHECK(cd_cp_word(0x0663));	/* Arabic-Indic three, Nd */
	CHECK(!cd_cp_word(0x2019) && !cd_cp_word(0x201C) && !cd_cp_word(0xA0));
	CHECK(!cd_cp_word(0x24B6) && !cd_cp_word(0x20AC));	/* Ⓐ € */
}

int main(void)
{
	test_upper();
	test_letter();
	test_word();
	return UNIT_END();
}
