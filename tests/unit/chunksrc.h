/*
 * chunksrc.h - a helper of the tests of the readers that pull their input
 * from a source callback (warc.h, gunzip.h), shared by test_warc.c,
 * test_gunzip.c and tests/fuzz/fuzz_warc.c: memory handed out step bytes
 * a call, so that every boundary a header or a member can straddle is met.
 */
#ifndef CD_CHUNKSRC_H
#define CD_CHUNKSRC_H

#include <stddef.h>
#include <sys/types.h>

/* p[0..len) still to hand out, step bytes a call (step > 0). */
struct chunk_src {
	const unsigned char *p;
	size_t len, step;
};

/* A cd_warc_src and cd_gunzip_src over struct chunk_src ctx. */
static inline ssize_t chunk_read(void *ctx, const unsigned char **p)
{
	struct chunk_src *s = ctx;
	size_t n = s->len < s->step ? s->len : s->step;

	*p = s->p;
	s->p += n;
	s->len -= n;
	return (ssize_t)n;
}

#endif
