/*
 * uchar.h - classes of Unicode code points shared by the text modules
 * (Unicode categories as utf8proc knows them; ASCII answered without it).
 *
 * One predicate per idea, used by every module that tokenizes text
 * (token.c, storyterm.c, attribtok.c, segment.c):
 *
 *   cd_cp_word    a word character: a letter (L*), a mark (Mn Mc Me) or a
 *                 number (Nd Nl No), so "naïve", "½" and "Ⅻ" stay whole;
 *   cd_cp_letter  a letter of any case (L*);
 *   cd_cp_upper   an upper- or title-case letter (Lu Lt);
 *   cd_cp_lower   a lower-case letter (Ll).
 */
#ifndef CD_UCHAR_H
#define CD_UCHAR_H

#include <stdbool.h>
#include <stdint.h>

#include <utf8proc.h>

/* Is cp an upper- or title-case letter (category Lu or Lt)? */
static inline bool cd_cp_upper(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Is cp a letter of any case (category L*)? */
static inline bool cd_cp_letter(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Is cp a lower-case letter (category Ll)? */
static inline bool cd_cp_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* Is cp a word character: a letter, a mark (Mn Mc Me) or a number (Nd Nl
 * No)? */
static inline bool cd_cp_word(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp | 0x20) - 'a' < 26u || cp - '0' < 10u;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;	/* L*, M*, N* */
}

#endif
