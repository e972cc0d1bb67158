/* gunzip.c - gzip, zlib and raw deflate over a source; see gunzip.h.
 * The inflating is ISA-L's (igzip), which decodes the job's archives in
 * about a third of zlib's time, checksums included. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <isa-l/igzip_lib.h>

#include "gunzip.h"
#include "msg.h"

/* ISA-L's wrapper for each kind of data. */
static uint32_t wrapper(enum cd_gunzip_kind kind)
{
	return kind == CD_GZ_GZIP ? ISAL_GZIP :
	       kind == CD_GZ_ZLIB ? ISAL_ZLIB : ISAL_DEFLATE;
}

/* Start a member (or the raw data): a fresh state that goes on with the
 * input left and into the room left (which the reset clears). */
static void start_member(struct cd_gunzip *g)
{
	struct inflate_state *s = g->s;
	uint8_t *in = s->next_in, *out = s->next_out;
	uint32_t avail_in = s->avail_in, avail_out = s->avail_out;

	isal_inflate_init(s);
	s->crc_flag = wrapper(g->kind);
	s->next_in = in;
	s->avail_in = avail_in;
	s->next_out = out;
	s->avail_out = avail_out;
}

void cd_gunzip_init(struct cd_gunzip *g, enum cd_gunzip_kind kind,
		    cd_gunzip_src src, void *ctx)
{
	memset(g, 0, sizeof(*g));
	g->kind = kind;
	g->src = src;
	g->ctx = ctx;
	g->s = cd_xcalloc(1, sizeof(*g->s));
	start_member(g);
}

void cd_gunzip_release(struct cd_gunzip *g)
{
	free(g->s);
	g->s = NULL;
}

bool cd_gunzip_magic(const void *p, size_t len)
{
	const unsigned char *s = p;

	return len >= 2 && s[0] == 0x1f && s[1] == 0x8b;
}

/* Make input available unless the source is exhausted.  Returns 0, or -1
 * on a read error. */
static int refill(struct cd_gunzip *g)
{
	const unsigned char *p;
	ssize_t k;

	if (g->s->avail_in > 0 || g->eof)
		return 0;
	k = g->src(g->ctx, &p);
	if (k < 0) {
		g->err = NULL;
		return -1;
	}
	if (k == 0)
		g->eof = true;
	/* avail_in is 32 bits: hand out a huge chunk in pieces (the source
	 * keeps it valid until the next call). */
	g->s->next_in = (uint8_t *)p;
	g->s->avail_in = (uint32_t)((size_t)k > UINT32_MAX ? UINT32_MAX :
				    (size_t)k);
	return 0;
}

/* After the end of a member: go on with the next one, or end the data
 * when what follows is not one.  Returns 1 when the data ended, 0 when
 * another member starts, -1 on trailing bytes in strict mode. */
static int next_member(struct cd_gunzip *g)
{
	if (g->s->avail_in == 0 && g->eof)
		return 1;
	/* Only the first magic byte can be checked: the second may be in
	 * the next chunk. */
	if (g->kind != CD_GZ_GZIP || g->s->next_in[0] != 0x1f) {
		if (!g->strict)
			return 1;
		g->err = "trailing garbage after gzip data";
		return -1;
	}
	start_member(g);
	g->member_end = false;
	return 0;
}

ssize_t cd_gunzip_read(struct cd_gunzip *g, void *out, size_t cap)
{
	uint32_t room = (uint32_t)(cap > UINT32_MAX ? UINT32_MAX : cap);

	if (g->done)
		return 0;
	g->s->next_out = out;
	g->s->avail_out = room;
	while (g->s->avail_out == room) {
		int st;

		if (refill(g) != 0)
			return -1;
		if (g->member_end && (st = next_member(g)) != 0) {
			if (st < 0)
				return -1;
			g->done = true;
			return 0;
		}
		if (isal_inflate(g->s) != ISAL_DECOMP_OK) {
			g->err = "corrupt gzip data";
			return -1;
		}
		if (g->s->block_state == ISAL_BLOCK_FINISH) {
			g->member_end = true;
			if (g->s->avail_out != room)
				break;
		} else if (g->s->avail_in == 0 && g->eof
			   && g->s->avail_out == room) {
			/* ISA-L reads ahead into its bit buffer and holds
			 * decoded bytes back: the input is short only when
			 * a call with none left gives nothing */
			g->err = "truncated gzip data";
			return -1;
		}
	}
	return (ssize_t)(room - g->s->avail_out);
}

/* The memory source of cd_gunzip_memory: the whole input at once. */
struct mem {
	const unsigned char *p;
	size_t len;
};

/* Hand out the rest of the memory input. */
static ssize_t mem_src(void *ctx, const unsigned char **p)
{
	struct mem *m = ctx;
	size_t n = m->len > (size_t)SSIZE_MAX ? (size_t)SSIZE_MAX : m->len;

	*p = m->p;
	m->p += n;
	m->len -= n;
	return (ssize_t)n;
}

/* Is p[0..len) a zlib header (RFC 1950: deflate, check bits)? */
static bool zlib_header(const unsigned char *p, size_t len)
{
	return len >= 2 && (p[0] & 0x0f) == 8 && (p[0] >> 4) <= 7 &&
	       ((unsigned)p[0] << 8 | p[1]) % 31 == 0;
}

int cd_gunzip_memory(enum cd_gunzip_kind kind, const void *p, size_t len,
		     size_t max, struct cd_buf *out, const char **err)
{
	struct mem m = { p, len };
	struct cd_gunzip g;
	ssize_t k = 0;
	int st = 0;

	if (kind == CD_GZ_ZLIB && !zlib_header(p, len))
		kind = CD_GZ_RAW;
	cd_gunzip_init(&g, kind, mem_src, &m);
	for (;;) {
		size_t room = 64 * 1024;

		if (max && out->len + room > max)
			room = max - out->len;
		if (room == 0) {
			unsigned char probe;

			/* Full: over max only if something is left. */
			k = cd_gunzip_read(&g, &probe, 1);
			st = k > 0;
			break;
		}
		cd_buf_grow(out, room);
		k = cd_gunzip_read(&g, out->p + out->len, room);
		if (k <= 0)
			break;
		out->len += (size_t)k;
		out->p[out->len] = '\0';
	}
	if (k < 0) {
		*err = g.err ? g.err : "unreadable data";
		st = -1;
	}
	cd_gunzip_release(&g);
	return st;
}
