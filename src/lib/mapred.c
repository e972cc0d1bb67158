/* mapred.c - map, reduce and edge lines; see mapred.h. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mapred.h"
#include "out.h"

/* What cd_mapred_map's key callback needs. */
struct mapctx {
	struct cd_buf *out;
	struct cd_buf payload;
	uint32_t idx;
};

/* Append one map line for key. */
static void map_key(void *arg, uint64_t key, bool exact)
{
	struct mapctx *m = arg;

	cd_buf_addf(m->out, "%016" PRIx64 "\t%010" PRIu32 "\t%c\t", key,
		    m->idx, exact ? 'x' : 'b');
	cd_buf_add(m->out, m->payload.p, m->payload.len);
}

void cd_mapred_map(const struct cd_dedup_opts *o, const struct cd_fp *fp,
		   uint32_t idx, struct cd_buf *out)
{
	struct mapctx m = { out, CD_BUF_INIT, idx };

	cd_buf_addf(&m.payload, "%u\t%u\t%" PRIu64 "\t%" PRIu32 "\t%" PRIu32
		    "\t", fp->par.perm, fp->par.shingle, fp->par.seed,
		    fp->words, fp->shingles);
	cd_fp_b64_encode(fp->mh, fp->par.perm, &m.payload);
	cd_buf_addc(&m.payload, '\t');
	if (fp->has_grams)
		cd_fp_b64_encode(fp->grams, fp->ngrams, &m.payload);
	else
		cd_buf_addc(&m.payload, '-');
	cd_buf_addc(&m.payload, '\n');
	cd_dedup_keys(o, fp, map_key, &m);
	cd_buf_release(&m.payload);
}

void cd_reduce_init(struct cd_reduce *r, const struct cd_dedup_opts *o)
{
	memset(r, 0, sizeof(*r));
	r->o = *o;
	cd_fp_init(&r->fpfirst);
	cd_fp_init(&r->fpprev);
	cd_fp_init(&r->fpcur);
}

void cd_reduce_release(struct cd_reduce *r)
{
	cd_fp_release(&r->fpfirst);
	cd_fp_release(&r->fpprev);
	cd_fp_release(&r->fpcur);
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

/* Parse the payload fields f[3..9] into fp. */
static bool parse_payload(const char **f, const size_t *fl, struct cd_fp *fp)
{
	uint64_t perm, sh, words, shingles;
	long n;

	if (!field_num(f[3], fl[3], 10, &perm) ||
	    !field_num(f[4], fl[4], 10, &sh) ||
	    !field_num(f[5], fl[5], 10, &fp->par.seed) ||
	    !field_num(f[6], fl[6], 10, &words) ||
	    !field_num(f[7], fl[7], 10, &shingles) || perm == 0 ||
	    perm > 1024 || words > UINT32_MAX || shingles > UINT32_MAX)
		return false;
	fp->par.perm = (unsigned)perm;
	fp->par.shingle = (unsigned)sh;
	fp->words = (uint32_t)words;
	fp->shingles = (uint32_t)shingles;
	if (cd_fp_b64_decode(f[8], fl[8], &fp->mh, &fp->mhcap) != (long)perm)
		return false;
	fp->has_grams = !(fl[9] == 1 && f[9][0] == '-');
	fp->ngrams = 0;
	if (fp->has_grams) {
		n = cd_fp_b64_decode(f[9], fl[9], &fp->grams, &fp->gramcap);
		if (n < 0)
			return false;
		fp->ngrams = (uint32_t)n;
	}
	return true;
}

/* Swap two fingerprints. */
static void fp_swap(struct cd_fp *a, struct cd_fp *b)
{
	struct cd_fp t = *a;

	*a = *b;
	*b = t;
}

/* Compare a (record ia) with the current record ib; add an edge line. */
static void compare(struct cd_reduce *r, const struct cd_fp *a, uint32_t ia,
		    uint32_t ib, struct cd_buf *out)
{
	bool near;
	double s = cd_dedup_sim(&r->o, a, &r->fpcur, &near);

	if (near)
		cd_buf_addf(out, "%010" PRIu32 "\t%010" PRIu32 "\t%u\t%d\n",
			    ia, ib, cd_dedup_milli(s), r->exact ? 1 : 0);
}

int cd_reduce_line(struct cd_reduce *r, const char *line, size_t len,
		   struct cd_buf *out, const char **why)
{
	const char *f[10];
	size_t fl[10];
	uint64_t key, idx;

	*why = "not a map line";
	if (split_tabs(line, len, f, fl, 10) != 10 || fl[0] != 16 ||
	    !field_num(f[0], 16, 16, &key) || !field_num(f[1], fl[1], 10, &idx) ||
	    idx > UINT32_MAX - 1 || fl[2] != 1 || !parse_payload(f, fl, &r->fpcur))
		return -1;
	if (r->have && !cd_fp_params_equal(&r->fpcur.par, &r->fpfirst.par)) {
		*why = "map lines made with different fingerprint parameters";
		return -1;
	}
	if (!r->have || key != r->key) {
		r->have = true;
		r->key = key;
		r->exact = f[2][0] == 'x';
		r->first = r->prev = (uint32_t)idx;
		fp_swap(&r->fpfirst, &r->fpcur);
		return 0;
	}
	if ((uint32_t)idx <= r->prev) {
		*why = "map lines not sorted";
		return -1;
	}
	compare(r, &r->fpfirst, r->first, (uint32_t)idx, out);
	if (r->prev != r->first)
		compare(r, &r->fpprev, r->prev, (uint32_t)idx, out);
	r->prev = (uint32_t)idx;
	fp_swap(&r->fpprev, &r->fpcur);
	return 0;
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
		     cd_mapred_bad_fn bad, void *arg)
{
	struct cd_buf out = CD_BUF_INIT;
	struct cd_line ln;
	const char *why;
	int st;

	while ((st = cd_reader_line(rd, &ln)) == CD_LINE) {
		cd_buf_reset(&out);
		if (cd_reduce_line(r, ln.p, ln.len, &out, &why) != 0)
			bad(arg, rd->lineno, why);
		if (out.len)
			cd_out_write(out.p, out.len);
	}
	cd_buf_release(&out);
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
