/*
 * fpcase.h - a helper of the unit tests of fp, dedup and mapred: the
 * fingerprint of a text with the default parameters.
 */
#ifndef CD_FPCASE_H
#define CD_FPCASE_H

#include <string.h>

#include "fp.h"
#include "token.h"

/* Fingerprint s with default parameters into fp. */
static void fp_of(struct cd_fp *fp, const char *s)
{
	struct cd_words w;
	struct cd_fp_params p;

	cd_words_init(&w);
	cd_fp_params_init(&p);
	cd_fp_text(fp, &p, s, strlen(s), &w);
	cd_words_release(&w);
}

#endif
