/* fp.c - fingerprints and their JSON form; see fp.h. */
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "bytes.h"
#include "fp.h"
#include "sketch.h"

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void cd_fp_params_init(struct cd_fp_params *p)
{
	p->perm = 128;
	p->shingle = 5;
	p->seed = 0;
}

void cd_fp_init(struct cd_fp *fp)
{
	memset(fp, 0, sizeof(*fp));
	cd_fp_params_init(&fp->par);
	cd_rec_init(&fp->rec);
	cd_words_init(&fp->piece);
}

void cd_fp_release(struct cd_fp *fp)
{
	free(fp->mh);
	free(fp->grams);
	free(fp->tab);
	free(fp->cut);
	cd_words_release(&fp->piece);
	cd_rec_release(&fp->rec);
	memset(fp, 0, sizeof(*fp));
}

/* Make room for the perm values and n grams. */
static void reserve(struct cd_fp *fp, size_t perm, size_t n)
{
	if (fp->mhcap < perm)
		fp->mh = cd_xgrow(fp->mh, &fp->mhcap, perm, sizeof(*fp->mh));
	if (fp->gramcap < n)
		fp->grams = cd_xgrow(fp->grams, &fp->gramcap, n,
				     sizeof(*fp->grams));
}

/* Cut the MinHash values v[0..n) to the bits kept (CD_FP_MH_MASK): four
 * at a time with SSE2 (baseline on x86-64), which the compiler does not
 * do for the plain loop; some 500 instructions a record for 128 values
 * otherwise. */
static void mh_cut(uint32_t *v, size_t n)
{
	size_t i = 0;

#if CD_SSE2
	for (; i + 4 <= n; i += 4)
		_mm_storeu_si128((__m128i *)(v + i), _mm_and_si128(
			_mm_loadu_si128((const __m128i *)(v + i)),
			_mm_set1_epi32(CD_FP_MH_MASK)));
#endif
	for (; i < n; i++)
		v[i] &= CD_FP_MH_MASK;
}

void cd_fp_compute(struct cd_fp *fp, const struct cd_fp_params *p,
		   const struct cd_words *w)
{
	fp->par = *p;
	reserve(fp, p->perm, w->n + 1);
	fp->exact = XXH3_64bits(w->h, w->n * sizeof(*w->h));
	fp->simhash = cd_sketch_simhash(w->h, w->n);
	fp->words = w->n > UINT32_MAX ? UINT32_MAX : (uint32_t)w->n;
	if (fp->tabcap < cd_sketch_tab_len(w->n))
		fp->tab = cd_xgrow(fp->tab, &fp->tabcap,
				   cd_sketch_tab_len(w->n), sizeof(*fp->tab));
	fp->shingles = (uint32_t)cd_sketch_minhash(w->h, w->n, p->perm,
		p->shingle, p->seed, fp->mh, fp->tab);
	mh_cut(fp->mh, p->perm);
	fp->has_grams = w->n <= CD_FP_SHORT_WORDS;
	fp->ngrams = fp->has_grams ?
		(uint32_t)cd_sketch_grams(w->h, w->n, fp->grams) : 0;
}

/* The length of the elision mark at s[i..len) ("…", "..." or ". . ."),
 * else 0. */
static size_t elision_at(const char *s, size_t len, size_t i)
{
	if (len - i >= 3 && (memcmp(s + i, "\xe2\x80\xa6", 3) == 0 ||
			     memcmp(s + i, "...", 3) == 0))
		return 3;
	return len - i >= 5 && memcmp(s + i, ". . .", 5) == 0 ? 5 : 0;
}

/* Compute the grams of fp (a short text[0..len) of the words w) again
 * without the trigrams that run over an elision: the word index after
 * each elision, counted by the words of the text before it, is a cut. */
static void cut_grams(struct cd_fp *fp, const char *text, size_t len,
		      const struct cd_words *w)
{
	size_t i, e, from = 0, words = 0, n = 0;

	/* from one '.' or first byte of "…" to the next, sixteen bytes at
	 * a time between them */
	for (i = cd_b16_find2(text, len, '.', 0xe2); i < len;
	     i += 1 + cd_b16_find2(text + i + 1, len - i - 1, '.', 0xe2)) {
		if ((e = elision_at(text, len, i)) == 0)
			continue;
		cd_token_words(text + from, i - from, &fp->piece);
		words += fp->piece.n;
		if (words > 0 && words < w->n && (n == 0 ||
						  fp->cut[n - 1] < words)) {
			fp->cut = cd_xgrow(fp->cut, &fp->cutcap, n + 1,
					   sizeof(*fp->cut));
			fp->cut[n++] = words;
		}
		from = i + e;
		i = from - 1;
	}
	if (n == 0)
		return;
	/* the runs must tokenize to the words of the whole */
	cd_token_words(text + from, len - from, &fp->piece);
	if (words + fp->piece.n == w->n)
		fp->ngrams = (uint32_t)cd_sketch_grams_cut(w->h, w->n, fp->cut,
							   n, fp->grams);
}

void cd_fp_text(struct cd_fp *fp, const struct cd_fp_params *p,
		const char *text, size_t len, struct cd_words *w)
{
	cd_token_words(text, len, w);
	cd_fp_compute(fp, p, w);
	if (fp->has_grams && w->n > CD_SKETCH_WHOLE_WORDS)
		cut_grams(fp, text, len, w);
}

/* b64_pair[x]: the two base64 digits of the 12 bits x, for writing four
 * digits of three bytes by two lookups.  Filled once, whichever thread
 * comes first (pthread_once), as is b64_dec below. */
static char b64_pair[4096][2];
static pthread_once_t b64_pair_once = PTHREAD_ONCE_INIT;

static void b64_pair_fill(void)
{
	unsigned x;

	for (x = 0; x < 4096; x++) {
		b64_pair[x][0] = b64[x >> 6];
		b64_pair[x][1] = b64[x & 63];
	}
}

static const char (*b64_pairs(void))[2]
{
	pthread_once(&b64_pair_once, b64_pair_fill);
	return (const char (*)[2])b64_pair;
}

/* Write the four base64 digits of the 24 bits x at o (pair table p). */
static inline void b64_quad(const char (*p)[2], uint32_t x, char *o)
{
	memcpy(o, p[x >> 12], 2);
	memcpy(o + 2, p[x & 0xfff], 2);
}

/* Write the base64 of b[0..len) at o (room for (len + 2) / 3 * 4
 * characters); returns the end. */
static char *b64_bytes(const unsigned char *b, size_t len, char *o)
{
	const char (*p)[2] = b64_pairs();
	size_t i;
	uint32_t x;

	for (i = 0; i + 3 <= len; i += 3) {
		x = (uint32_t)b[i] << 16 | (uint32_t)b[i + 1] << 8 | b[i + 2];
		b64_quad(p, x, o);
		o += 4;
	}
	if (i < len) {
		x = (uint32_t)b[i] << 16 |
		    (i + 1 < len ? (uint32_t)b[i + 1] << 8 : 0);
		o[0] = b64[x >> 18];
		o[1] = b64[x >> 12 & 63];
		o[2] = i + 1 < len ? b64[x >> 6 & 63] : '=';
		o[3] = '=';
		o += 4;
	}
	return o;
}

/* Append the base64 of the n values v, each as width little-endian
 * bytes (1 to 4), to out. */
static void b64_values(const uint32_t *v, size_t n, unsigned width,
		       struct cd_buf *out)
{
	const char (*p)[2] = b64_pairs();
	unsigned char tmp[768];	/* a multiple of 3 and of every width */
	size_t i = 0, k, m, per = sizeof(tmp) / width;
	unsigned b;
	char *o;

	cd_buf_grow(out, (n * width + 2) / 3 * 4);
	o = out->p + out->len;
	/* 16-bit values (the MinHash of version 2): three at a time, six
	 * bytes, straight to eight digits. */
	for (; width == 2 && i + 3 <= n; i += 3) {
		b64_quad(p, (v[i] & 0xff) << 16 | (v[i] & 0xff00) |
			    (v[i + 1] & 0xff), o);
		b64_quad(p, (v[i + 1] & 0xff00) << 8 | (v[i + 2] & 0xff) << 8 |
			    (v[i + 2] >> 8 & 0xff), o + 4);
		o += 8;
	}
	/* 32-bit values (grams): three at a time, twelve bytes, to sixteen
	 * digits. */
	for (; width == 4 && i + 3 <= n; i += 3) {
		uint32_t a = v[i], c = v[i + 1], d = v[i + 2];

		b64_quad(p, (a & 0xff) << 16 | (a & 0xff00) | (a >> 16 & 0xff), o);
		b64_quad(p, (a >> 24) << 16 | (c & 0xff) << 8 | (c >> 8 & 0xff),
			 o + 4);
		b64_quad(p, (c >> 16 & 0xff) << 16 | (c >> 24) << 8 |
			    (d & 0xff), o + 8);
		b64_quad(p, (d >> 8 & 0xff) << 16 | (d >> 16 & 0xff) << 8 |
			    d >> 24, o + 12);
		o += 16;
	}
	for (; i < n; i += m) {
		m = n - i < per ? n - i : per;
		for (k = 0; k < m; k++) {
			unsigned char *t = tmp + k * width;
			uint32_t x = v[i + k];

			t[0] = (unsigned char)x;
			for (b = 1; b < width; b++)
				t[b] = (unsigned char)(x >> 8 * b);
		}
		o = b64_bytes(tmp, m * width, o);
	}
	out->len = (size_t)(o - out->p);
	out->p[out->len] = '\0';
}

void cd_fp_b64_encode(const uint32_t *v, size_t n, struct cd_buf *out)
{
	b64_values(v, n, 4, out);
}

/* A little-endian machine whose compiler has __builtin_bswap32: the
 * fast paths of the base64 decoder store and keep values as they are. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LITTLE_GNU 1
#else
#define LITTLE_GNU 0
#endif

/* A digit that is not base64: a bit no decoded quad has. */
#define B64_BAD 0x80000000U

/* b64_dec[k][c]: the bits of byte c as the k-th digit of a quad (its value
 * shifted to its place), or B64_BAD. */
static uint32_t b64_dec[4][256];
static pthread_once_t b64_dec_once = PTHREAD_ONCE_INIT;

static void b64_dec_fill(void)
{
	int i, k;

	for (k = 0; k < 4; k++)
		for (i = 0; i < 256; i++)
			b64_dec[k][i] = B64_BAD;
	for (k = 0; k < 4; k++)
		for (i = 0; i < 64; i++)
			b64_dec[k][(unsigned char)b64[i]] =
				(uint32_t)i << (18 - 6 * k);
}

static const uint32_t (*b64_table(void))[256]
{
	pthread_once(&b64_dec_once, b64_dec_fill);
	return (const uint32_t (*)[256])b64_dec;
}

/* Decode base64 text s[0..len) into values of width (1..4) little-endian
 * bytes (grown in *v, *cap); returns the count, or -1 when s is not whole
 * values in base64.  The bytes are decoded into the values' own memory
 * first (a quad without padding by four table lookups), then spread out
 * from the last value back (already in place for width 4 on a
 * little-endian machine; width 2, the values of version 2, in a loop of
 * its own). */
static long b64_decode_values(const char *s, size_t len, unsigned width,
			      uint32_t **v, size_t *cap)
{
	const unsigned char *u = (const unsigned char *)s;
	const uint32_t (*dec)[256] = b64_table();
	size_t i, nb, n, pad = 0, full;
	unsigned char *b;
	uint32_t bad = 0;

	if (len % 4)
		return -1;
	while (pad < 2 && pad < len && s[len - 1 - pad] == '=')
		pad++;
	nb = len / 4 * 3 - pad;
	if (nb % width)
		return -1;
	n = nb / width;
	if (*cap < n + 1)
		*v = cd_xgrow(*v, cap, n + 1, sizeof(**v));
	b = (unsigned char *)*v;
	full = pad ? len - 4 : len;
	for (i = 0; i < full; i += 4) {
		uint32_t q = dec[0][u[i]] | dec[1][u[i + 1]] |
			     dec[2][u[i + 2]] | dec[3][u[i + 3]];

		bad |= q;
#if LITTLE_GNU
		/* One store of four bytes, the last overwritten next (the
		 * values have room for one more). */
		q = __builtin_bswap32(q << 8);
		memcpy(b, &q, 4);
#else
		b[0] = (unsigned char)(q >> 16);
		b[1] = (unsigned char)(q >> 8);
		b[2] = (unsigned char)q;
#endif
		b += 3;
	}
	/* the padding ('=') of the last quad decodes as zero bits */
	if (pad) {
		size_t keep = 4 - pad, k;
		uint32_t q = 0;

		for (k = 0; k < keep; k++)
			q |= dec[k][u[i + k]];
		bad |= q;
		for (k = 0; k + 1 < keep; k++)
			*b++ = (unsigned char)(q >> (16 - 8 * k));
	}
	if (bad & B64_BAD)
		return -1;
#if LITTLE_GNU
	if (width == 4)
		return (long)n;
#endif
	b = (unsigned char *)*v;
	if (width == 2) {
		i = n;
#if CD_SSE2 && LITTLE_GNU
		/* eight values at a time from the end: the 32 bytes they
		 * become start no lower than the 16 they come from end (from
		 * i = 16 on), so no bytes still to read are overwritten */
		for (; i >= 16; i -= 8) {
			__m128i x = _mm_loadu_si128(
				(const __m128i *)(const void *)(b + 2 * (i - 8)));
			__m128i z = _mm_setzero_si128();

			_mm_storeu_si128((__m128i *)(void *)(*v + i - 8),
					 _mm_unpacklo_epi16(x, z));
			_mm_storeu_si128((__m128i *)(void *)(*v + i - 4),
					 _mm_unpackhi_epi16(x, z));
		}
#endif
		while (i-- > 0)
			(*v)[i] = (uint32_t)b[2 * i] | (uint32_t)b[2 * i + 1] << 8;
		return (long)n;
	}
	for (i = n; i-- > 0;) {
		uint32_t x = 0;
		unsigned k;

		for (k = width; k-- > 0;)
			x = x << 8 | b[i * width + k];
		(*v)[i] = x;
	}
	return (long)n;
}

long cd_fp_b64_decode(const char *s, size_t len, uint32_t **v, size_t *cap)
{
	return b64_decode_values(s, len, 4, v, cap);
}

void cd_fp_b64_encode16(const uint32_t *v, size_t n, struct cd_buf *out)
{
	b64_values(v, n, 2, out);
}

long cd_fp_b64_decode16(const char *s, size_t len, uint32_t **v,
			size_t *cap)
{
	return b64_decode_values(s, len, 2, v, cap);
}

/* Write the string literal s at o; the end. */
#define PUT(o, s) ((char *)memcpy(o, s, sizeof(s) - 1) + sizeof(s) - 1)

/* The most cd_fp_json writes before the minhash digits: its literals
 * (89 bytes), six numbers of up to 20 digits and two of 16 hex. */
#define FP_HEAD_MAX (89 + 6 * 20 + 2 * 16)

void cd_fp_json(const struct cd_fp *fp, struct cd_buf *out)
{
	char *o;

	/* the members up to the minhash string, written straight into the
	 * room made for them at once, its literals of known length */
	cd_buf_grow(out, FP_HEAD_MAX);
	o = out->p + out->len;
	o = cd_put_uint(PUT(o, "{\"v\":"), CD_FP_VERSION);
	o = cd_put_uint(PUT(o, ",\"perm\":"), fp->par.perm);
	o = cd_put_uint(PUT(o, ",\"shingle\":"), fp->par.shingle);
	o = cd_put_uint(PUT(o, ",\"seed\":"), fp->par.seed);
	o = cd_put_hex16(PUT(o, ",\"exact\":\""), fp->exact);
	o = cd_put_hex16(PUT(o, "\",\"simhash\":\""), fp->simhash);
	o = cd_put_uint(PUT(o, "\",\"words\":"), fp->words);
	o = cd_put_uint(PUT(o, ",\"shingles\":"), fp->shingles);
	o = PUT(o, ",\"minhash\":\"");
	out->len = (size_t)(o - out->p);
	cd_fp_b64_encode16(fp->mh, fp->par.perm, out);
	if (fp->has_grams) {
		cd_buf_add(out, "\",\"grams\":\"", 11);
		cd_fp_b64_encode(fp->grams, fp->ngrams, out);
	}
	cd_buf_add(out, "\"}", 2);
}

/* The unsigned integer member key of r into *v; false when absent, not a
 * plain non-negative integer or above max. */
static bool get_uint(const struct cd_rec *r, const char *key, uint64_t max,
		     uint64_t *v)
{
	const struct cd_field *f = cd_rec_find(r, key);
	char tmp[32], *end;

	if (!f || f->type != CD_JNUM || f->vlen >= sizeof(tmp) ||
	    f->val[0] == '-')
		return false;
	/* Up to 19 digits cannot overflow: read them here; anything else
	 * (a fraction, an exponent, more digits) as strtoull reads it. */
	if (f->vlen <= 19) {
		uint64_t x = 0;
		size_t i;

		for (i = 0; i < f->vlen && (unsigned)f->val[i] - '0' < 10; i++)
			x = x * 10 + (unsigned)(f->val[i] - '0');
		if (i == f->vlen) {
			*v = x;
			return x <= max;
		}
	}
	memcpy(tmp, f->val, f->vlen);
	tmp[f->vlen] = '\0';
	*v = strtoull(tmp, &end, 10);
	return *end == '\0' && *v <= max;
}

/* The sixteen hex digits at p into *v; false when one is not. */
static bool hex16(const char *p, uint64_t *v)
{
	uint64_t x = 0;
	int i;

	for (i = 0; i < 16; i++) {
		unsigned c = (unsigned char)p[i], d;

		if (c - '0' < 10)
			d = c - '0';
		else if ((c | 0x20) - 'a' < 6)
			d = (c | 0x20) - 'a' + 10;
		else
			return false;
		x = x << 4 | d;
	}
	*v = x;
	return true;
}

/* The 16-hex-digit string member key of r into *v. */
static bool get_hex(const struct cd_rec *r, const char *key, uint64_t *v)
{
	const struct cd_field *f = cd_rec_find(r, key);
	char tmp[17], *end;

	if (!f || f->type != CD_JSTR || f->vlen != 18)
		return false;
	/* Sixteen hex digits read here; anything else as strtoull reads
	 * it (a sign, "0x", spaces). */
	if (hex16(f->val + 1, v))
		return true;
	memcpy(tmp, f->val + 1, 16);
	tmp[16] = '\0';
	*v = strtoull(tmp, &end, 16);
	return *end == '\0';
}

/* Decode the base64 string member key of r, values of width bytes; -1
 * when absent or bad. */
static long get_b64(const struct cd_rec *r, const char *key, unsigned width,
		    uint32_t **v, size_t *cap)
{
	const struct cd_field *f = cd_rec_find(r, key);

	if (!f || f->type != CD_JSTR || f->vesc)
		return -1;
	return b64_decode_values(f->val + 1, f->vlen - 2, width, v, cap);
}

/* The fast path of cd_fp_parse: a cursor over an fp object as
 * cd_fp_json writes it. */
struct fpcur {
	const char *p, *end;
};

/* Take the literal s at the cursor. */
static bool take(struct fpcur *c, const char *s, size_t n)
{
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0)
		return false;
	c->p += n;
	return true;
}

#define TAKE(c, s) take(c, s, sizeof(s) - 1)

/* Take a plain integer of at most 19 digits without a leading zero (as
 * get_uint reads it) followed by ',' or '}', not above max. */
static bool take_uint(struct fpcur *c, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	for (i = 0; c->p + i < c->end && i < 20 &&
		    (unsigned)c->p[i] - '0' < 10; i++)
		x = x * 10 + (unsigned)(c->p[i] - '0');
	if (i == 0 || i > 19 || (i > 1 && c->p[0] == '0') ||
	    c->p + i == c->end ||
	    (c->p[i] != ',' && c->p[i] != '}') || x > max)
		return false;
	c->p += i;
	*v = x;
	return true;
}

/* Take a string of sixteen hex digits (as get_hex reads them). */
static bool take_hex(struct fpcur *c, uint64_t *v)
{
	if (c->end - c->p < 18 || c->p[0] != '"' || c->p[17] != '"' ||
	    !hex16(c->p + 1, v))
		return false;
	c->p += 18;
	return true;
}

/* Take a base64 string of values of width bytes; their count, or -1. */
static long take_b64(struct fpcur *c, unsigned width, uint32_t **v,
		     size_t *cap)
{
	const char *q;
	long n;

	if (c->p >= c->end || *c->p != '"' ||
	    !(q = memchr(c->p + 1, '"', (size_t)(c->end - c->p - 1))))
		return -1;
	n = b64_decode_values(c->p + 1, (size_t)(q - c->p - 1), width, v,
			      cap);
	c->p = q + 1;
	return n;
}

/* Read the fingerprint object val[0..vlen), valid JSON, into fp when it
 * is laid out as cd_fp_json writes it (members in its order, no white
 * space) and every value is good: what cd_fp_parse reads from it, without
 * parsing it as a record.  False for anything else, fp then partly
 * written: cd_fp_parse reads it the long way and says what is wrong. */
static bool fast_parse(struct cd_fp *fp, const char *val, size_t vlen)
{
	struct fpcur c = { val, val + vlen };
	uint64_t ver, perm, sh, words, shingles, i;
	long n;

	if (!TAKE(&c, "{\"v\":") || !take_uint(&c, CD_FP_VERSION, &ver) ||
	    ver < 1 || !TAKE(&c, ",\"perm\":") ||
	    !take_uint(&c, CD_SKETCH_MAX_PERM, &perm) || !perm ||
	    !TAKE(&c, ",\"shingle\":") ||
	    !take_uint(&c, CD_SKETCH_MAX_SHINGLE, &sh) || !sh ||
	    !TAKE(&c, ",\"seed\":") ||
	    !take_uint(&c, UINT64_MAX, &fp->par.seed) ||
	    !TAKE(&c, ",\"exact\":") || !take_hex(&c, &fp->exact) ||
	    !TAKE(&c, ",\"simhash\":") || !take_hex(&c, &fp->simhash) ||
	    !TAKE(&c, ",\"words\":") || !take_uint(&c, UINT32_MAX, &words) ||
	    !TAKE(&c, ",\"shingles\":") ||
	    !take_uint(&c, UINT32_MAX, &shingles) ||
	    !TAKE(&c, ",\"minhash\":") ||
	    take_b64(&c, ver == 1 ? 4 : 2, &fp->mh, &fp->mhcap) != (long)perm)
		return false;
	fp->has_grams = TAKE(&c, ",\"grams\":");
	fp->ngrams = 0;
	if (fp->has_grams) {
		if ((n = take_b64(&c, 4, &fp->grams, &fp->gramcap)) < 0)
			return false;
		for (i = 1; i < (uint64_t)n; i++)
			if (fp->grams[i - 1] >= fp->grams[i])
				return false;
		fp->ngrams = (uint32_t)n;
	}
	if (!TAKE(&c, "}") || c.p != c.end)
		return false;
	fp->par.perm = (unsigned)perm;
	fp->par.shingle = (unsigned)sh;
	fp->words = (uint32_t)words;
	fp->shingles = (uint32_t)shingles;
	mh_cut(fp->mh, (size_t)perm);
	return true;
}

int cd_fp_parse(struct cd_fp *fp, const char *val, size_t vlen,
		const char **why)
{
	struct cd_jerr je;
	uint64_t ver, perm, sh, words, shingles, i;
	long n;

	if (fast_parse(fp, val, vlen))
		return 0;
	*why = "'fp' is not a fingerprint object";
	if (cd_rec_parse(&fp->rec, val, vlen, &je) != 0)
		return -1;
	if (!get_uint(&fp->rec, "v", 1000, &ver) || ver < 1 ||
	    ver > CD_FP_VERSION) {
		*why = "'fp' has an unknown version";
		return -1;
	}
	if (!get_uint(&fp->rec, "perm", CD_SKETCH_MAX_PERM, &perm) || !perm ||
	    !get_uint(&fp->rec, "shingle", CD_SKETCH_MAX_SHINGLE, &sh) || !sh ||
	    !get_uint(&fp->rec, "seed", UINT64_MAX, &fp->par.seed) ||
	    !get_hex(&fp->rec, "exact", &fp->exact) ||
	    !get_hex(&fp->rec, "simhash", &fp->simhash) ||
	    !get_uint(&fp->rec, "words", UINT32_MAX, &words) ||
	    !get_uint(&fp->rec, "shingles", UINT32_MAX, &shingles))
		return -1;
	fp->par.perm = (unsigned)perm;
	fp->par.shingle = (unsigned)sh;
	fp->words = (uint32_t)words;
	fp->shingles = (uint32_t)shingles;
	/* v 1 has whole 32-bit values: keep their low bits as v 2 does */
	n = get_b64(&fp->rec, "minhash", ver == 1 ? 4 : 2,
		    &fp->mh, &fp->mhcap);
	if (n != (long)perm)
		return -1;
	mh_cut(fp->mh, (size_t)perm);
	fp->has_grams = cd_rec_find(&fp->rec, "grams") != NULL;
	fp->ngrams = 0;
	if (fp->has_grams) {
		n = get_b64(&fp->rec, "grams", 4, &fp->grams, &fp->gramcap);
		if (n < 0)
			return -1;
		/* a set, sorted: what comparing and keying them assume */
		for (i = 1; i < (uint64_t)n; i++)
			if (fp->grams[i - 1] >= fp->grams[i]) {
				*why = "'fp' has grams that are not a sorted set";
				return -1;
			}
		fp->ngrams = (uint32_t)n;
	}
	return 0;
}

bool cd_fp_params_equal(const struct cd_fp_params *a,
			const struct cd_fp_params *b)
{
	return a->perm == b->perm && a->shingle == b->shingle &&
	       a->seed == b->seed;
}

void cd_fp_params_describe(const struct cd_fp_params *p, struct cd_buf *out)
{
	cd_buf_addf(out, "perm %u shingle %u seed %" PRIu64, p->perm,
		    p->shingle, p->seed);
}

bool cd_fp_in_record(const struct cd_rec *rec)
{
	const struct cd_field *f = cd_rec_find(rec, "fp");

	return f && f->type != CD_JNULL;
}

int cd_fp_of_record(struct cd_fp *fp, const struct cd_rec *rec,
		    const char *text, size_t len,
		    const struct cd_fp_params *par, struct cd_words *w,
		    const char **why)
{
	const struct cd_field *f = cd_rec_find(rec, "fp");

	if (f && f->type != CD_JNULL) {
		if (f->type == CD_JOBJ)
			return cd_fp_parse(fp, f->val, f->vlen, why);
		*why = "'fp' is not an object";
		return -1;
	}
	if (!text) {
		*why = "no 'fp' object and no text to fingerprint";
		return -1;
	}
	cd_fp_text(fp, par, text, len, w);
	return 0;
}
