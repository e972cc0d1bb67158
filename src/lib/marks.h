/*
 * marks.h - the marks text dumpers (lynx, links, elinks, html2text, w3m)
 * add to a page's text that are not its text: link numbers ("[12]Home")
 * and the reference list of numbered URLs after "References", buttons
 * "(BUTTON)", images "[IMG]", the brackets of "[INS: ... :INS]", the
 * heading stars of html2text ("**** Title ****"), the underscores it
 * puts between the words of a link ("Latest_News") and its form fields
 * ("[One of: a/b/c]", "[name ]"), and the bullets of
 * the deeper levels of their lists ("+", "o", "#" become "*"; bullets one
 * after another, one).
 *
 * A mark is known by its shape and by being on many lines of the
 * document (one "[12]" in an article is text, not a mark): the lines are
 * surveyed first and each kind of mark is removed only from a document
 * that carries enough of it.
 */
#ifndef CD_MARKS_H
#define CD_MARKS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Remove the dumpers' marks from the normalised lines (cd_text_normalize)
 * of s, in place: the lines first..nl-1 of end[] (as cd_text_normalize_
 * lines wrote them: the offset of each line's end; line first starts at
 * s[base]).  A line of nothing but marks becomes empty, the reference
 * list's lines too (it runs to the end: lynx and elinks put it last).  The ends in end[]
 * are moved with the text; returns the new length of s (the text never
 * grows).  len: the length of s, whose last line may lack its LF.
 */
size_t cd_marks_strip(char *s, size_t len, size_t base, uint64_t *end,
		      size_t first, size_t nl);

#endif
