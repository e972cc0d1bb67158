/* gunzip.c - gzip, zlib and raw deflate over a source; see gunzip.h. */
#include <limits.h>
#include <string.h>

#include "gunzip.h"
#include "msg.h"

/* zlib's window bits for each kind of data. */
static int window_bits(enum cd_gunzip_kind kind)
{
	return kind == CD_GZ_GZIP ? 16 + MAX_WBITS :
	       kind == CD_GZ_ZLIB ? MAX_WBITS : -MAX_WBITS;
}

void cd_gunzip_init(struct cd_gunzip *g, enum cd_gunzip_kind kind,
		    cd_gunzip_src src, void *ctx)
{
	memset(g, 0, sizeof(*g));
	g->kind = kind;
	g->src = src;
	g->ctx = ctx;
	if (inflateInit2(&g->z, window_bits(kind)) != Z_OK)
		cd_oom();
}

void cd_gunzip_release(struct cd_gunzip *g)
{
	inflateEnd(&g->z);
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

	if (g->z.avail_in > 0 || g->eof)
		return 0;
	k = g->src(g->ctx, &p);
	if (k < 0) {
		g->err = NULL;
		return -1;
	}
	if (k == 0)
		g->eof = true;
	/* zlib's avail_in is an unsigned int: hand out a huge chunk in
	 * pieces (the source keeps it valid until the next call). */
	g->z.next_in = (unsigned char *)p;
	g->z.avail_in = (uInt)((size_t)k > UINT_MAX ? UINT_MAX : (size_t)k);
	return 0;
}

/* After the end of a member: go on with the next one, or end the data
 * when what follows is not one.  Returns 1 when the data ended, 0 when
 * another member starts, -1 on trailing bytes in strict mode. */
static int next_member(struct cd_gunzip *g)
{
	if (g->z.avail_in == 0 && g->eof)
		return 1;
	/* Only the first magic byte can be checked: the second may be in
	 * the next chunk. */
	if (g->kind != CD_GZ_GZIP || g->z.next_in[0] != 0x1f) {
		if (!g->strict)
			return 1;
		g->err = "trailing garbage after gzip data";
		return -1;
	}
	inflateReset(&g->z);
	g->member_end = false;
	return 0;
}

ssize_t cd_gunzip_read(struct cd_gunzip *g, void *out, size_t cap)
{
	uInt room = (uInt)(cap > UINT_MAX ? UINT_MAX : cap);

	if (g->done)
		return 0;
	g->z.next_out = out;
	g->z.avail_out = room;
	while (g->z.avail_out == room) {
		int ret, st;

		if (refill(g) != 0)
			return -1;
		if (g->member_end && (st = next_member(g)) != 0) {
			if (st < 0)
				return -1;
			g->done = true;
			return 0;
		}
		if (g->z.avail_in == 0 && g->eof) {
			g->err = "truncated gzip data";
			return -1;
		}
		ret = inflate(&g->z, Z_NO_FLUSH);
		if (ret == Z_STREAM_END) {
			g->member_end = true;
			if (g->z.avail_out != room)
				break;
		} else if (ret != Z_OK && !(ret == Z_BUF_ERROR &&
					     g->z.avail_in == 0)) {
			g->err = "corrupt gzip data";
			return -1;
		}
	}
	return (ssize_t)(room - g->z.avail_out);
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
