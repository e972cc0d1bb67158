/*
 * columns.h - text laid out in columns, read one column at a time.
 *
 * Text dumps of pages built with tables or frames (w3m -dump, lynx -dump)
 * put the article lines beside sidebar boxes on the same lines.  A region
 * is a run of lines sharing a gutter: display positions no line of the
 * run inks, with ink on both sides on several lines.  A gutter is drawn
 * with bars (box drawing such as U+2502 '│' or U+2503 '┃', or ASCII '|'),
 * ink on both sides on two lines or more, or with spaces only, at least
 * two wide with ink on both sides on three lines or more.  Positions are
 * display columns: one per code point, two for a wide (CJK) one, none for
 * a combining mark, a tab to the next multiple of eight.
 *
 * Each region is rewritten band by band (bands are cut at horizontal
 * rules such as "├───┤" or "+---+"), and in a band column by column, left
 * to right, each column followed by a blank line; the drawing characters
 * of the layout go; inside a column, lines wrapped at the column's width
 * are joined into one line per paragraph, and a column laid out in
 * columns itself (a nested table) is read the same way.  Lines outside
 * regions are copied unchanged.
 *
 * Nothing here prints or exits (but cd_xmalloc on out of memory).
 */
#ifndef CD_COLUMNS_H
#define CD_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * When s[0..len) (valid UTF-8) has a region laid out in columns, append
 * the whole text with its regions rewritten (see above) to out and return
 * true; else return false with out as it was.  Text without two spaces
 * inside a line, a bar or a tab is let go after one quick scan.
 */
bool cd_columns_reflow(const char *s, size_t len, struct cd_buf *out);

#endif
