/*
 * story.c - story grouping (see story.h).
 *
 * This first version is a placeholder with the final API: every record is
 * its own story.
 */
#include <stdlib.h>

#include "buf.h"
#include "story.h"

struct cd_story {
	struct cd_story_opts o;
	size_t n;
};

void cd_story_opts_init(struct cd_story_opts *o)
{
	o->threshold = 0.2;
	o->window_days = 30;
	o->max_terms = 64;
}

struct cd_story *cd_story_new(const struct cd_story_opts *o)
{
	struct cd_story *s = cd_xcalloc(1, sizeof *s);

	if (o)
		s->o = *o;
	else
		cd_story_opts_init(&s->o);
	return s;
}

void cd_story_add(struct cd_story *s, size_t idx, const char *text,
		  size_t len, const char *date, size_t datelen)
{
	(void)text;
	(void)len;
	(void)date;
	(void)datelen;
	if (idx + 1 > s->n)
		s->n = idx + 1;
}

void cd_story_solve(struct cd_story *s, size_t *story_of)
{
	for (size_t i = 0; i < s->n; i++)
		story_of[i] = i;
}

bool cd_story_link(const struct cd_story *s, size_t i, size_t *to,
		   double *score)
{
	(void)s;
	(void)i;
	(void)to;
	(void)score;
	return false;
}

void cd_story_free(struct cd_story *s)
{
	free(s);
}
