/* test_agree.c - agree.c: field values compared word by word. */
#include <string.h>

#include "agree.h"
#include "unit.h"

static void set(struct cd_agree *a, uint32_t i, const char *s)
{
	cd_agree_set(a, i, s, s ? strlen(s) : 0);
}

int main(void)
{
	struct cd_agree a;

	cd_agree_init(&a);
	set(&a, 0, "Ana Ruiz");
	set(&a, 1, "ANA  RUIZ.");
	set(&a, 2, "Ruiz Ana");
	set(&a, 3, NULL);
	set(&a, 4, " - ");
	set(&a, 5, "Ana");
	/* 6..599 skipped: no value, and the array grows past its first size */
	set(&a, 600, "ana ruiz");
	CHECK(cd_agree_test(&a, 0, 1));
	CHECK(cd_agree_test(&a, 1, 0));
	CHECK(cd_agree_test(&a, 0, 600));
	CHECK(!cd_agree_test(&a, 0, 2));	/* the same words, not in order */
	CHECK(!cd_agree_test(&a, 0, 5));	/* a part of the name */
	CHECK(!cd_agree_test(&a, 0, 3));	/* null agrees with none */
	CHECK(!cd_agree_test(&a, 3, 3));
	CHECK(!cd_agree_test(&a, 3, 4));	/* no words: no value */
	CHECK(!cd_agree_test(&a, 0, 7));	/* skipped */
	CHECK(!cd_agree_test(&a, 0, 5000));	/* never set */
	set(&a, 1, "Tom Hart");			/* set again */
	CHECK(!cd_agree_test(&a, 0, 1));
	cd_agree_release(&a);
	return UNIT_END();
}
