/* buf.c - growable byte buffers; see buf.h. */
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "buf.h"
#include "bytes.h"
#include "msg.h"

void *cd_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		cd_oom();
	return p;
}

void *cd_xcalloc(size_t nmemb, size_t n)
{
	void *p = calloc(nmemb ? nmemb : 1, n ? n : 1);

	if (!p)
		cd_oom();
	return p;
}

void *cd_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		cd_oom();
	return p;
}

void *cd_xgrow(void *p, size_t *nmemb, size_t need, size_t n)
{
	size_t cap = *nmemb;

	if (need <= cap)
		return p;
	if (cap < 8)
		cap = 8;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			cd_oom();
		cap *= 2;
	}
	if (cap > SIZE_MAX / n)
		cd_oom();
	*nmemb = cap;
	return cd_xrealloc(p, cap * n);
}

/* The block of cd_big_prefault: p (n bytes) until cd_xbig takes it,
 * then taken; its thread runs while `on` (detached: a program that
 * exits meanwhile leaves no thread unjoined). */
static struct {
	pthread_mutex_t mu;
	pthread_cond_t done;
	void *p, *taken;
	size_t n;
	bool on;
} pre = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL,
	  0, false };

/* A fresh mapping of n bytes, for huge pages where the system has them. */
static void *big_map(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		cd_oom();
#if defined(MADV_HUGEPAGE)
	madvise(p, n, MADV_HUGEPAGE);
#endif
	return p;
}

#if defined(MADV_POPULATE_WRITE)
/* The thread of cd_big_prefault: fault the block's n bytes in for
 * writing (Linux 5.14 on; an older kernel refuses, and the pages come
 * on first touch as before).  It never writes the memory, so the caller
 * may use the block meanwhile: a page it touches first is its own
 * fault, and skipped here. */
static void *prefault(void *arg)
{
	size_t n = pre.n;	/* set before the thread, kept till it ends */

	(void)madvise(arg, n, MADV_POPULATE_WRITE);
	pthread_mutex_lock(&pre.mu);
	pre.on = false;
	pthread_cond_broadcast(&pre.done);
	pthread_mutex_unlock(&pre.mu);
	return NULL;
}
#endif

/* Wait for the thread of cd_big_prefault (pre.mu held). */
static void prefault_join(void)
{
	while (pre.on)
		pthread_cond_wait(&pre.done, &pre.mu);
}

void cd_big_prefault(size_t n)
{
#if defined(MADV_POPULATE_WRITE)
	if (n < CD_BIG)
		return;
	pthread_mutex_lock(&pre.mu);
	if (!pre.p && !pre.taken) {
		pthread_attr_t at;
		pthread_t th;

		pre.p = big_map(n);
		pre.n = n;
		pthread_attr_init(&at);
		pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
		pre.on = pthread_create(&th, &at, prefault, pre.p) == 0;
		pthread_attr_destroy(&at);
	}
	pthread_mutex_unlock(&pre.mu);
#else
	(void)n;
#endif
}

void cd_big_prefault_end(void)
{
	pthread_mutex_lock(&pre.mu);
	prefault_join();
	if (pre.p)
		munmap(pre.p, pre.n);
	pre.p = NULL;
	pthread_mutex_unlock(&pre.mu);
}

void *cd_xbig(size_t n)
{
	void *p = NULL;

	if (n < CD_BIG)
		return cd_xcalloc(1, n);
	pthread_mutex_lock(&pre.mu);
	if (pre.p && pre.n == n) {
		/* taken as the thread goes on faulting it in */
		p = pre.taken = pre.p;
		pre.p = NULL;
	}
	pthread_mutex_unlock(&pre.mu);
	return p ? p : big_map(n);
}

void cd_big_free(void *p, size_t n)
{
	if (!p)
		return;
	if (n < CD_BIG) {
		free(p);
		return;
	}
	pthread_mutex_lock(&pre.mu);
	if (p == pre.taken) {
		prefault_join();
		pre.taken = NULL;
	}
	pthread_mutex_unlock(&pre.mu);
	munmap(p, n);
}

char *cd_xstrdup(const char *s)
{
	return cd_xmemdup(s, strlen(s));
}

char *cd_xmemdup(const char *s, size_t len)
{
	char *p = cd_xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void cd_buf_init(struct cd_buf *b)
{
	b->p = NULL;
	b->len = b->cap = 0;
}

void cd_buf_release(struct cd_buf *b)
{
	free(b->p);
	cd_buf_init(b);
}

/* True when b holds extra more bytes and the final NUL without growing
 * (the test cd_buf_grow starts with, inline for the adds). */
static inline bool has_room(const struct cd_buf *b, size_t extra)
{
	return b->len < b->cap && extra < b->cap - b->len;
}

void cd_buf_grow(struct cd_buf *b, size_t extra)
{
	size_t cap;

	if (has_room(b, extra))
		return;

	if (extra > SIZE_MAX - b->len - 1)
		cd_oom();
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < b->len + extra + 1) {
		if (cap > SIZE_MAX / 2)
			cd_oom();
		cap *= 2;
	}
	b->p = cd_xrealloc(b->p, cap);
	b->cap = cap;
}

void cd_buf_add(struct cd_buf *b, const void *p, size_t len)
{
	if (!has_room(b, len))
		cd_buf_grow(b, len);
	if (len)
		memcpy(b->p + b->len, p, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void cd_buf_addc(struct cd_buf *b, int c)
{
	if (!has_room(b, 1))
		cd_buf_grow(b, 1);
	b->p[b->len++] = (char)c;
	b->p[b->len] = '\0';
}

void cd_buf_adds(struct cd_buf *b, const char *s)
{
	cd_buf_add(b, s, strlen(s));
}

void cd_buf_addf(struct cd_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	cd_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *cd_put_uint(char *o, uint64_t v)
{
	char tmp[20], *p = tmp + sizeof(tmp);
	size_t n;

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	n = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(o, p, n);
	return o + n;
}

char *cd_put_hex16(char *o, uint64_t v)
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 15; i >= 0; i--, v >>= 4)
		o[i] = hex[v & 15];
	return o + 16;
}

void cd_buf_add_uint(struct cd_buf *b, uint64_t v)
{
	if (!has_room(b, 20))
		cd_buf_grow(b, 20);
	b->len = (size_t)(cd_put_uint(b->p + b->len, v) - b->p);
	b->p[b->len] = '\0';
}

void cd_buf_add_utf8(struct cd_buf *b, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	cd_buf_add(b, u, n);
}

/* A table of which bytes need escaping in a JSON string. */
static const char json_esc[256] = {
	['"'] = '"', ['\\'] = '\\', ['\b'] = 'b', ['\f'] = 'f',
	['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't',
	[0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
	[0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x0B] = 'u', [0x0E] = 'u',
	[0x0F] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u', [0x13] = 'u',
	[0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u', [0x18] = 'u',
	[0x19] = 'u', [0x1A] = 'u', [0x1B] = 'u', [0x1C] = 'u', [0x1D] = 'u',
	[0x1E] = 'u', [0x1F] = 'u',
};

/* Write the escape of the byte c (one json_esc names) at d; return the
 * end of it. */
static inline char *put_escape(char *d, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e = json_esc[c];

	*d++ = '\\';
	*d++ = e;
	if (e == 'u') {
		*d++ = '0';
		*d++ = '0';
		*d++ = hex[c >> 4];
		*d++ = hex[c & 15];
	}
	return d;
}

/* The bytes of the sixteen at s that need escaping. */
static inline unsigned json_mask(const char *s)
{
	cd_b16 v = cd_b16_load(s);

	return cd_b16_bits(cd_b16_or(cd_b16_or(cd_b16_is(v, '"'),
					       cd_b16_is(v, '\\')),
				     cd_b16_is_below(v, 0x20)));
}

void cd_buf_add_json(struct cd_buf *b, const char *s, size_t len)
{
	size_t i = 0, r;
	char *d, *plain;	/* plain..d: the bytes before s[i], unescaped */

	/* Worst case every byte becomes \u00XX; reserve once (so a copy of
	 * sixteen bytes of s that are there always has room). */
	if (len > (SIZE_MAX - 2) / 6)
		cd_oom();
	cd_buf_grow(b, len * 6 + 2);
	d = b->p + b->len;
	*d++ = '"';
	plain = d;
	/* Sixteen bytes at a time: copied whole, then the output moves on
	 * to the first that needs escaping (exact masks), which is escaped
	 * over the copy. */
	while (len - i >= 16) {
		unsigned m = json_mask(s + i);
		size_t k;

		memcpy(d, s + i, 16);
		if (!m) {
			d += 16;
			i += 16;
			continue;
		}
		k = (size_t)__builtin_ctz(m);
		d = plain = put_escape(d + k, (unsigned char)s[i + k]);
		i += k + 1;
	}
	/* The last r bytes: when none needs escaping and the sixteen before
	 * the end were copied as they are, the last sixteen bytes of s go
	 * over the copy. */
	r = len - i;
	if (r && len >= 16 && (size_t)(d - plain) >= 16 - r &&
	    !(json_mask(s + len - 16) >> (16 - r))) {
		memcpy(d + r - 16, s + len - 16, 16);
		d += r;
		i = len;
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (json_esc[c])
			d = put_escape(d, c);
		else
			*d++ = (char)c;
	}
	*d++ = '"';
	b->len = (size_t)(d - b->p);
	b->p[b->len] = '\0';
}
