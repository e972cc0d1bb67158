/*
 * uchar.h - classes of Unicode code points shared by the text modules
 * (Unicode categories as utf8proc knows them; ASCII answered without it).
 *
 * One predicate per idea where the modules agree.  Where they do not, the
 * difference changes output and is kept, on purpose, for now:
 *
 *   word character   token.c: letters, marks (Mn Mc Me), numbers (Nd Nl
 *                    No); storyterm.c: the same without enclosing marks
 *                    (Me); attribtok.c: letters, Mn Mc and decimal digits
 *                    only (no Me, Nl, No: "½" or "Ⅻ" splits a word there).
 *   upper case       cd_cp_upper (segment.c, storyterm.c): Lu or Lt;
 *                    attribtok.c uses utf8proc_isupper, which is false for
 *                    title case (Lt) and true for other upper-case code
 *                    points (Ⅻ, Ⓐ).
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

#endif
