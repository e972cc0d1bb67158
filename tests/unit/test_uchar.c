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
	/* where attribtok.c's utf8proc_isupper answers otherwise */
	CHECK(utf8proc_isupper(0x216B) && !utf8proc_isupper(0x01C5));
}

int main(void)
{
	test_upper();
	return UNIT_END();
}
