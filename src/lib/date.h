/*
 * date.h - the one date module: calendar days read from ISO dates and
 * date-times, from prose ("July 3, 2025", "3 July 2025", "Jul. 3, 2025"),
 * from numeric forms ("2025/07/03", "03.07.2025", "07/03/2025") and from
 * URL paths ("/2025/07/03/"), validated against the calendar and written
 * as "YYYY-MM-DD".
 *
 * Orders accepted, and why:
 *  - year first ("2025-07-03", "2025/07/03", "2025.07.03") is always
 *    year-month-day: nobody writes year-day-month;
 *  - dots with the year last ("03.07.2025") are day-month-year, the
 *    European convention that uses dots (de, fr, ru, ...), unless the
 *    second number cannot be a month ("06.18.2025" is month first);
 *  - slashes with the year last ("07/03/2025") are month-day-year, the US
 *    convention of the English-language news the tools are made for,
 *    unless the first number cannot be a month ("25/07/2025" is day
 *    first);
 *  - month names in English, in full or as their standard abbreviations
 *    (Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec, a dot
 *    allowed): "Mayor" and "Marching" are not months; the day before
 *    or after the month ("July 3, 2025", "3 July 2025"), the day also
 *    as an ordinal ("3rd July", "the 3rd of July 2025", "July 3rd"),
 *    or between dashes or dots ("03-Jul-2025", "03.Jul.2025");
 *  - month names in Spanish, French, German, Italian, Portuguese and
 *    Dutch, in full, the day before them only, as those languages write
 *    ("3 mars 2025", "3. M\xc3\xa4rz 2025", "3 de julio de 2025", "1er
 *    mars 2025"); abbreviated only between dashes ("04-ago-2021"), and
 *    only to a start that one month's names share;
 *  - the words of a date parted by spaces or by underscores, as html2text
 *    writes the words of a link ("September_4,_2025");
 *  - two-digit years are refused (ambiguous), and so are years outside
 *    1800-2199 and days the calendar does not have (2025-13-45, Feb 30,
 *    Feb 29 of a common year).
 * Every iso[11] written is "YYYY-MM-DD" and a NUL.  Nothing here allocates,
 * prints or exits.
 */
#ifndef CD_DATE_H
#define CD_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when y-m-d is a day of the (proleptic Gregorian) calendar with
 * 1800 <= y <= 2199. */
bool cd_date_valid(int y, int m, int d);

/* Write y-m-d to iso when cd_date_valid(y, m, d); else false. */
bool cd_date_format(int y, int m, int d, char iso[11]);

/* Days from 1970-01-01 to the valid day y-m-d (negative before). */
long cd_date_days(int y, int m, int d);

/* The month (1-12) named by the word w[0..n) in English, in full or as a
 * standard abbreviation (see above), ASCII case ignored; else 0. */
int cd_date_month(const char *w, size_t n);

/* An ISO day "YYYY-MM-DD" at the start of s[0..len), ending there or
 * followed by a non-digit (a date-time "2025-07-03T10:00:00Z" gives its
 * day).  True and iso filled when it is a valid day. */
bool cd_date_iso(const char *s, size_t len, char iso[11]);

/* The first date written anywhere in s[0..len) in one of the forms above
 * (ISO, prose, numeric).  A date without a year, or an impossible one, is
 * not a date. */
bool cd_date_find(const char *s, size_t len, char iso[11]);

/* cd_date_find, and *order set when the date was written in numbers
 * whose other order of day and month is a day too ("03/10/2023"), so
 * another date of the document may have to decide: 'd' when it was read
 * day first, 'm' month first; else 0. */
bool cd_date_find_order(const char *s, size_t len, char iso[11], char *order);

/* The day iso ("YYYY-MM-DD") with its month and day of the month
 * swapped into other, when that is another valid day; else false. */
bool cd_date_swap(const char iso[11], char other[11]);

/* The order of day and month that the numeric dates with the year last
 * in s[0..len) show where they cannot be read the other way ("24.11.2025"
 * 'd', "11.24.2025" 'm'): the more frequent, else 0. */
char cd_date_order(const char *s, size_t len);

/* The day a text says its article was first out: a date within 120
 * bytes after "originally published" in s[0..len) ("Originally
 * published on 26 Sep 2019 at 4:12pm", "Updated May 3, 2024 /
 * Originally published May 1, 2024").  Only a notice counts: the words
 * capitalised as a label, or after "was" in a text of at most 200 bytes
 * ("This story was originally published on ..."); not an aside of the
 * article ("the survey, originally published in 2001, ..."). */
bool cd_date_original(const char *s, size_t len, char iso[11]);

/* True when the day iso ("YYYY-MM-DD") is written somewhere in
 * s[0..len) in a form that says its order (not "03/10/2023"). */
bool cd_date_written(const char *s, size_t len, const char iso[11]);

/* A day in a URL path: "/2025/07/03/", "/2025-07-03/", "/20250703/" (a
 * whole path segment, or the start of one followed by '-' or '_'), the
 * month also as a word ("/2023/october/03/", "/2023/oct/03/"), in
 * url[0..len).  The host name is not read. */
bool cd_date_from_url(const char *url, size_t len, char iso[11]);

/* The day number (as cd_date_days) of a record's date field p[0..len),
 * read leniently by the order of its first words, or INT32_MIN when it
 * cannot be read: "2025-07-03", "26-FEB-1987 15:01:01.79", "July 3,
 * 2025", "3 July 2025".  Year first with three numbers is year-month-day;
 * else a month name with the number after or before it as the day and
 * the first four-digit number as the year.  Years 1000-9999 and days
 * 1-31 are taken without asking the calendar (the story stage compares
 * days, it does not print them). */
int32_t cd_date_field_day(const char *p, size_t len);

/* True when s[0..len) names a time of day ("11:09 PM", "8:03 am"). */
bool cd_date_has_time(const char *s, size_t len);

#endif
