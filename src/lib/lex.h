/*
 * lex.h - the word lists of copydesk-quote (SPEC "copydesk-quote"): cue
 * verbs, titles, role nouns, pronouns, first names and a few closed word
 * classes, loaded once from plain-text data files into one hash table.
 * attrib.h reads them; nothing here prints or exits except on out of
 * memory.
 */
#ifndef CD_LEX_H
#define CD_LEX_H

#include <stddef.h>

/* The kinds of data file cd_lex_load() reads. */
enum cd_lexfile {
	CD_LEXF_CUES,		/* cue-verbs.txt: WORD [WORD] */
	CD_LEXF_TITLES,		/* titles.txt: TITLE [ROLE] */
	CD_LEXF_ROLES,		/* role-nouns.txt: NOUN [m|f] */
	CD_LEXF_PRONOUNS,	/* pronouns.txt: PRONOUN m|f|p|x */
	CD_LEXF_NAMES,		/* first-names.txt: NAME m|f|x */
	CD_LEXF_WORDS,		/* quote-words.txt: CLASS WORD */
	CD_LEXF_ABBREVS		/* abbreviations.txt: WORD [CLASS], the
				 * sentence splitter's list (segment.h) */
};

struct cd_lex;

/*
 * Load the seven installed word lists (cue-verbs.txt, titles.txt,
 * role-nouns.txt, pronouns.txt, first-names.txt, quote-words.txt,
 * abbreviations.txt), each
 * found with cd_data_path().  Returns 0, or -1 with "PATH: reason" in
 * err (the lists before it stay loaded).
 */
int cd_lex_load_installed(struct cd_lex *lex, char *err, size_t errlen);

/* A new, empty word list.  Free it with cd_lex_free(). */
struct cd_lex *cd_lex_new(void);
void cd_lex_free(struct cd_lex *lex);

/*
 * Add the entries of data file path, of the given kind, to lex.  Blank
 * lines and lines starting with '#' are skipped; words are folded to
 * lower case (ASCII).  Returns 0, or -1 with a message such as
 * "cannot open: No such file or directory" or "line 3: unknown class 'x'"
 * in err (errlen bytes, NUL-terminated).
 */
int cd_lex_load(struct cd_lex *lex, const char *path, enum cd_lexfile kind,
		char *err, size_t errlen);

/* Add one entry line (the format of kind, without comment) to lex.
 * Returns 0, or -1 with a reason in err.  For tests. */
int cd_lex_add_line(struct cd_lex *lex, const char *line, size_t len,
		    enum cd_lexfile kind, char *err, size_t errlen);

#endif
