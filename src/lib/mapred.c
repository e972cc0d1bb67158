/* mapred.c - map, reduce and edge lines; see mapred.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ksort.h"
#include "mapred.h"
#include "out.h"

/* The map's sort buffer, in key entries (8 MiB): half of them are
 * sorted in memory at a time, the other half the sort's scratch. */
#define MAP_KEYS ((size_t)1 << 19)

int cd_map_init(struct cd_map *m, const struct cd_dedup_opts *o)
{
	memset(m, 0, sizeof(*m));
	m->o = *o;
	m->ks = cd_ksort_new(o->tmpdir, MAP_KEYS);
	return m->ks ? 0 : -1;
}

void cd_map_release(struct cd_map *m)
{
	cd_ksort_free(m->ks);
	m->ks = NULL;
}

/* Keep one key of the record being mapped. */
static void map_key(void *arg, uint64_t key, bool exact)
{
	struct cd_map *m = arg;

	if (!m->err && cd_ksort_push(m->ks, key, m->idx, exact) != 0)
		m->err = errno;
}

int cd_map_add(struct cd_map *m, const struct cd_fp *fp, uint32_t idx,
	       struct cd_buf *out)
{
	cd_buf_addf(out, "!\t%010" PRIu32 "\t%u\t%u\t%" PRIu64 "\t%" PRIu32
		    "\t%" PRIu32 "\t", idx, fp->par.perm, fp->par.shingle,
		    fp->par.seed, fp->words, fp->shingles);
	cd_fp_b64_encode(fp->mh, fp->par.perm, out);
	cd_buf_addc(out, '\t');
	if (fp->has_grams)
		cd_fp_b64_encode(fp->grams, fp->ngrams, out);
	else
		cd_buf_addc(out, '-');
	if (fp->has_grams && fp->words <= CD_MAP_EXACT_WORDS)
		cd_buf_addf(out, "\t%016" PRIx64, fp->exact);
	cd_buf_addc(out, '\n');
	m->idx = idx;
	cd_dedup_opts_derive(&m->o, &fp->par);
	cd_dedup_keys(&m->o, fp, map_key, m);
	errno = m->err;
	return m->err ? -1 : 0;
}

/* Append the key line of sorted entry e to the map's output. */
static void key_line(void *arg, const struct cd_kent *e)
{
	struct cd_map *m = arg;
	char t[30];
	uint32_t v = e->idx;
	int i;

	cd_put_hex16(t, e->key);
	t[16] = '\t';
	for (i = 26; i >= 17; i--, v /= 10)
		t[i] = (char)('0' + v % 10);
	t[27] = '\t';
	t[28] = e->flag ? 'x' : 'b';
	t[29] = '\n';
	cd_buf_add(m->out, t, sizeof(t));
	if (m->sink && m->out->len >= 65536) {
		cd_sink_write(m->sink, m->out->p, m->out->len);
		cd_buf_reset(m->out);
	}
}

int cd_map_finish(struct cd_map *m, struct cd_buf *out,
		  struct cd_sink *sink)
{
	int st;

	if (m->err) {
		errno = m->err;
		return -1;
	}
	m->out = out;
	m->sink = sink;
	st = cd_ksort_each(m->ks, key_line, m);
	if (sink && out->len) {
		cd_sink_write(sink, out->p, out->len);
		cd_buf_reset(out);
	}
	return st;
}

/* Append the edge line of a near pair to the reduce's output. */
static void on_edge(void *arg, uint32_t a, uint32_t b, unsigned milli,
		    bool dup)
{
	struct cd_reduce *r = arg;

	cd_buf_addf(r->out, "%010" PRIu32 "\t%010" PRIu32 "\t%u\t%d\n", a, b,
		    milli, dup ? 1 : 0);
	if (r->sink && r->out->len >= 65536) {
		cd_sink_write(r->sink, r->out->p, r->out->len);
		cd_buf_reset(r->out);
	}
}

void cd_reduce_init(struct cd_reduce *r, const struct cd_dedup_opts *o,
		    struct cd_buf *out)
{
	memset(r, 0, sizeof(*r));
	r->o = *o;
	r->o.deferred = true;
	r->o.on_edge = on_edge;
	r->o.edge_arg = r;
	r->out = out;
	cd_fp_init(&r->fp);
}

void cd_reduce_release(struct cd_reduce *r)
{
	cd_dedup_free(r->d);
	r->d = NULL;
	cd_fp_release(&r->fp);
}

/* Split line into at most max tab-separated fields; returns the count. */
static size_t split_tabs(const char *line, size_t len, const char **f,
			 size_t *flen, size_t max)
{
	size_t n = 0, start = 0, i;

	for (i = 0; i <= len && n < max; i++) {
		if (i == len || line[i] == '\t') {
			f[n] = line + start;
			flen[n++] = i - start;
			start = i + 1;
		}
	}
	return n;
}

/* Parse an unsigned decimal or (base 16) hex field. */
static bool field_num(const char *s, size_t len, int base, uint64_t *v)
{
	char tmp[24], *end;

	if (len == 0 || len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	*v = strtoull(tmp, &end, base);
	return *end == '\0' && tmp[0] != '-';
}

/* Parse the payload fields f[2..n) of a signature line of n fields
 * into fp. */
static bool parse_payload(const char **f, const size_t *fl, size_t n,
			  struct cd_fp *fp)
{
	uint64_t perm, sh, words, shingles;
	long ng;

	if (!field_num(f[2], fl[2], 10, &perm) ||
	    !field_num(f[3], fl[3], 10, &sh) ||
	    !field_num(f[4], fl[4], 10, &fp->par.seed) ||
	    !field_num(f[5], fl[5], 10, &words) ||
	    !field_num(f[6], fl[6], 10, &shingles) || perm == 0 ||
	    perm > 1024 || words > UINT32_MAX || shingles > UINT32_MAX)
		return false;
	fp->par.perm = (unsigned)perm;
	fp->par.shingle = (unsigned)sh;
	fp->words = (uint32_t)words;
	fp->shingles = (uint32_t)shingles;
	if (cd_fp_b64_decode(f[7], fl[7], &fp->mh, &fp->mhcap) != (long)perm)
		return false;
	fp->has_grams = !(fl[8] == 1 && f[8][0] == '-');
	fp->ngrams = 0;
	if (fp->has_grams) {
		ng = cd_fp_b64_decode(f[8], fl[8], &fp->grams, &fp->gramcap);
		if (ng < 0)
			return false;
		fp->ngrams = (uint32_t)ng;
	}
	/* EXACT is there exactly when the text has a whole-text gram. */
	fp->exact = 0;
	if ((n == 10) != (fp->has_grams && words <= CD_MAP_EXACT_WORDS))
		return false;
	return n < 10 || (fl[9] == 16 && field_num(f[9], 16, 16, &fp->exact));
}

/* Take a signature line (fields f, fl): keep the signature. */
static int sig_line(struct cd_reduce *r, const char **f, const size_t *fl,
		    size_t n, const char **why)
{
	uint64_t idx;

	if (!field_num(f[1], fl[1], 10, &idx) || idx > UINT32_MAX - 1 ||
	    !parse_payload(f, fl, n, &r->fp))
		return -1;
	if (!r->d) {
		r->d = cd_dedup_new(&r->o, &r->fp.par);
		if (!r->d) {
			*why = NULL;
			return -1;
		}
		r->par = r->fp.par;
	}
	if (!cd_fp_params_equal(&r->fp.par, &r->par)) {
		*why = "map lines made with different fingerprint parameters";
		return -1;
	}
	if (cd_dedup_put(r->d, (uint32_t)idx, &r->fp) == 0)
		return 0;
	*why = errno == EINVAL ? "map lines not sorted" : NULL;
	return -1;
}

int cd_reduce_line(struct cd_reduce *r, const char *line, size_t len,
		   const char **why)
{
	const char *f[11];
	size_t fl[11], n = split_tabs(line, len, f, fl, 11);
	uint64_t key, idx;

	*why = "not a map line";
	if ((n == 9 || n == 10) && fl[0] == 1 && f[0][0] == '!')
		return sig_line(r, f, fl, n, why);
	if (n != 3 || fl[0] != 16 || !field_num(f[0], 16, 16, &key) ||
	    !field_num(f[1], fl[1], 10, &idx) || idx > UINT32_MAX - 1 ||
	    fl[2] != 1 || (f[2][0] != 'x' && f[2][0] != 'b'))
		return -1;
	*why = "key line before its record's signature line, or map lines "
		"not sorted";
	if (!r->d)
		return -1;
	if (cd_dedup_key(r->d, key, (uint32_t)idx, f[2][0] == 'x') == 0)
		return 0;
	if (errno != EINVAL)
		*why = NULL;
	return -1;
}

int cd_reduce_finish(struct cd_reduce *r)
{
	return r->d ? cd_dedup_resolve(r->d) : 0;
}

int cd_mapred_edge(const char *line, size_t len, uint32_t *a, uint32_t *b,
		   unsigned *milli, bool *dup)
{
	const char *f[4];
	size_t fl[4];
	uint64_t x, y, m, d;

	if (split_tabs(line, len, f, fl, 4) != 4 ||
	    !field_num(f[0], fl[0], 10, &x) || !field_num(f[1], fl[1], 10, &y) ||
	    !field_num(f[2], fl[2], 10, &m) || !field_num(f[3], fl[3], 10, &d) ||
	    x >= UINT32_MAX || y >= UINT32_MAX || m > 1000 || d > 1)
		return -1;
	*a = (uint32_t)x;
	*b = (uint32_t)y;
	*milli = (unsigned)m;
	*dup = d == 1;
	return 0;
}

int cd_reduce_stream(struct cd_reduce *r, struct cd_reader *rd,
		     struct cd_sink *sink, cd_mapred_bad_fn bad, void *arg)
{
	struct cd_line ln;
	const char *why;
	int st;

	r->sink = sink;
	while ((st = cd_reader_line(rd, &ln)) == CD_LINE)
		if (cd_reduce_line(r, ln.p, ln.len, &why) != 0 && why)
			bad(arg, rd->lineno, why);
	return st;
}

int cd_mapred_load_edges(struct cd_dedup *d, struct cd_reader *rd,
			 cd_mapred_bad_fn bad, void *arg)
{
	struct cd_line ln;
	uint32_t a, b;
	unsigned milli;
	bool dup;
	int st;

	while ((st = cd_reader_line(rd, &ln)) == CD_LINE) {
		if (cd_mapred_edge(ln.p, ln.len, &a, &b, &milli, &dup) == 0)
			cd_dedup_edge(d, a, b, milli, dup);
		else
			bad(arg, rd->lineno, "not an edge line");
	}
	return st;
}
