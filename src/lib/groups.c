/* groups.c - spooling, naming, --fill and output of groups; see groups.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "groups.h"
#include "msg.h"
#include "out.h"
#include "tmpf.h"
#include "worker.h"

/* Interned strings: id 1, 2, ... for each distinct byte string. */
struct strtab {
	struct cd_buf arena;
	uint32_t *off, *len;	/* by id; slot 0 unused */
	size_t n, cap;
	uint32_t *slot;		/* open addressing: ids, 0 empty */
	uint64_t *hash;
	size_t scap;
};

/* Ids of some records, added in increasing record order, kept as the
 * JSON strings the output names them by (escaped once, not per use). */
struct idmap {
	struct cd_buf arena;
	uint32_t *idx, *off, *len;
	size_t n, cap;
};

/* A root and the majority --fill value of its group. */
struct fillv {
	uint32_t root, val;
};

/* How a spooled record is written back (see cd_groups_add). */
enum spool_kind {
	SPOOL_APPEND,		/* prefix, then ,"group":{...}} */
	SPOOL_FIRST,		/* "{", then "group":{...}} */
	SPOOL_PARSE		/* the whole line, parsed again */
};

/* Buffer sizes of the spool and id files. */
#define SPOOL_BUF ((size_t)1 << 20)
/* The first bytes of the spool held in memory without stories while
 * the copy index keeps its keys in a table (cd_dedup_table_lasts); not
 * with stories, where they saved no measurable CPU (task-clock on the
 * bench archive, 6 runs each) and raised its peak from some 70 to 83 MB.
 * Written to a file,
 * read back and dropped at the close, they cost as much CPU as a tenth of
 * grouping them (a 25 MB archive of 27,000 articles spools some 38 MB).
 * No more, as they come on top of the table and its signatures: on
 * the 21,577 Reuters stories, whose table lasts, 12 MiB raised the peak
 * from some 45 to 58 MB; and they make the peak of a million short
 * records, whose table fills with some 17 MB spooled (table, signatures
 * and 12 MiB: 58.6 MB, where the index holds 47 at its end).  8 MiB
 * bring that to about 54.6 MB, at some 3 ms more CPU (2.5%) for the
 * bench archive's 38 MB spooled. */
#define SPOOL_HOLD ((size_t)8 << 20)

struct cd_groups {
	struct cd_groups_opts o;
	struct cd_dedup *d;
	struct cd_story *s;
	struct cd_sink *sink;	/* where cd_groups_finish writes; borrowed */
	int sfd, ifd;		/* the spool and the id file, or -1 */
	struct cd_tmpw sw, iw;
	struct cd_worker *sww;	/* writes the spool behind, with stories */
	uint32_t n;
	uint32_t *val;		/* --fill value id per record, 0 for null */
	size_t valcap;
	struct strtab vals;
	struct idmap ids;
	size_t *story_of;
	unsigned char *need;	/* bitmap: records whose id names a group */
	struct fillv *major;	/* sorted by root */
	size_t nmajor;
	struct cd_rec rec;
	struct cd_buf id, gval, fkey, line, raw;
	struct cd_buf idj;	/* g->id as a JSON string (group_json) */
};

/* Whether record i is known a near copy of an earlier record already
 * (share_copies declares it to the stories at the end). */
static bool known_copy(void *arg, size_t i)
{
	struct cd_dedup *d = arg;

	return i < cd_dedup_count(d) && cd_dedup_near(d, (uint32_t)i) != i;
}

struct cd_groups *cd_groups_new(const struct cd_groups_opts *o,
				struct cd_dedup *d, struct cd_story *s)
{
	struct cd_groups *g = cd_xcalloc(1, sizeof(*g));

	g->o = *o;
	g->d = d;
	g->s = s;
	g->sfd = g->ifd = -1;
	cd_rec_init(&g->rec);
	if (s && !o->online)
		cd_story_known(s, known_copy, d);
	if (!o->online) {
		if ((g->ifd = cd_tmpfd(o->tmpdir, "copydesk-group")) < 0 ||
		    (o->mode != CD_GROUPS_SUMMARY &&
		     (g->sfd = cd_tmpfd(o->tmpdir, "copydesk-group")) < 0)) {
			int e = errno;

			cd_groups_free(g);
			errno = e;
			return NULL;
		}
		cd_tmpw_init(&g->iw, g->ifd, SPOOL_BUF / 4);
		cd_tmpw_init(&g->sw, g->sfd, SPOOL_BUF);
		if (!s && cd_dedup_table_lasts(d))
			cd_tmpw_hold(&g->sw, SPOOL_HOLD);
		/* With stories the reading thread is the slower of the two
		 * while the input is read: the spool's write(2)s (some 38 MB
		 * for the bench archive, 11-14 ms of its CPU) go to a thread
		 * of their own. */
		if (s && g->sfd >= 0)
			cd_tmpw_behind(&g->sw, g->sww = cd_worker_new());
	}
	return g;
}

void cd_fpsrc_init(struct cd_fpsrc *s)
{
	memset(s, 0, sizeof(*s));
	cd_fp_init(&s->fp);
}

void cd_fpsrc_release(struct cd_fpsrc *s)
{
	cd_fp_release(&s->fp);
	cd_words_release(&s->words);
	cd_buf_release(&s->msg);
}

int cd_fpsrc_get(struct cd_fpsrc *s, const struct cd_rec *rec,
		 const char *text, size_t len, const char **why)
{
	struct cd_fp_params p;

	if (s->have_par)
		p = s->par;
	else
		cd_fp_params_init(&p);
	if (cd_fp_of_record(&s->fp, rec, text, len, &p, &s->words, why) != 0)
		return -1;
	if (!s->have_par) {
		s->par = s->fp.par;
		s->have_par = true;
	}
	if (cd_fp_params_equal(&s->par, &s->fp.par))
		return 0;
	cd_buf_reset(&s->msg);
	cd_buf_adds(&s->msg, "fingerprint made with ");
	cd_fp_params_describe(&s->fp.par, &s->msg);
	cd_buf_adds(&s->msg, ", not ");
	cd_fp_params_describe(&s->par, &s->msg);
	cd_buf_adds(&s->msg, " as the first record: fingerprint all records "
		     "alike");
	*why = s->msg.p;
	return -1;
}

/* Release a string table. */
static void strtab_release(struct strtab *t)
{
	cd_buf_release(&t->arena);
	free(t->off);
	free(t->len);
	free(t->slot);
	free(t->hash);
}

void cd_groups_free(struct cd_groups *g)
{
	if (!g)
		return;
	/* the spool's last write behind done before its file is closed */
	cd_tmpw_release(&g->sw);
	cd_tmpw_release(&g->iw);
	cd_worker_free(g->sww);
	if (g->sfd >= 0)
		close(g->sfd);
	if (g->ifd >= 0)
		close(g->ifd);
	free(g->val);
	strtab_release(&g->vals);
	cd_buf_release(&g->ids.arena);
	free(g->ids.idx);
	free(g->ids.off);
	free(g->ids.len);
	free(g->story_of);
	free(g->need);
	free(g->major);
	cd_rec_release(&g->rec);
	cd_buf_release(&g->id);
	cd_buf_release(&g->gval);
	cd_buf_release(&g->fkey);
	cd_buf_release(&g->line);
	cd_buf_release(&g->raw);
	cd_buf_release(&g->idj);
	free(g);
}

/* Double the hash slots of t. */
static void strtab_grow(struct strtab *t)
{
	size_t i, cap = t->scap ? t->scap * 2 : 64;
	uint32_t *slot = cd_xcalloc(cap, sizeof(*slot));
	uint64_t *hash = cd_xcalloc(cap, sizeof(*hash));

	for (i = 0; i < t->scap; i++) {
		size_t k;

		if (!t->slot[i])
			continue;
		for (k = t->hash[i] & (cap - 1); slot[k]; k = (k + 1) & (cap - 1))
			;
		slot[k] = t->slot[i];
		hash[k] = t->hash[i];
	}
	free(t->slot);
	free(t->hash);
	t->slot = slot;
	t->hash = hash;
	t->scap = cap;
}

/* The id of s[0..len) in t, adding it when new. */
static uint32_t strtab_intern(struct strtab *t, const char *s, size_t len)
{
	uint64_t h = XXH3_64bits(s, len);
	size_t k;

	if ((t->n + 1) * 2 > t->scap)
		strtab_grow(t);
	for (k = h & (t->scap - 1); t->slot[k]; k = (k + 1) & (t->scap - 1)) {
		uint32_t id = t->slot[k];

		if (t->hash[k] == h && t->len[id] == len &&
		    memcmp(t->arena.p + t->off[id], s, len) == 0)
			return id;
	}
	if (t->n + 2 > t->cap) {
		size_t cap = t->cap;

		t->off = cd_xgrow(t->off, &cap, t->n + 2, sizeof(*t->off));
		cap = t->cap;
		t->len = cd_xgrow(t->len, &cap, t->n + 2, sizeof(*t->len));
		t->cap = cap;
	}
	if (t->arena.len + len > UINT32_MAX)
		cd_fatal("more than 4 GiB of distinct field values to hold");
	t->n++;
	t->off[t->n] = (uint32_t)t->arena.len;
	t->len[t->n] = (uint32_t)len;
	cd_buf_add(&t->arena, s, len);
	t->slot[k] = (uint32_t)t->n;
	t->hash[k] = h;
	return (uint32_t)t->n;
}

/* Remember the id of record idx (greater than any before). */
static void idmap_add(struct idmap *m, uint32_t idx, const char *s, size_t len)
{
	if (m->n == m->cap) {
		size_t cap = m->cap;

		m->idx = cd_xgrow(m->idx, &cap, m->n + 1, sizeof(*m->idx));
		cap = m->cap;
		m->off = cd_xgrow(m->off, &cap, m->n + 1, sizeof(*m->off));
		cap = m->cap;
		m->len = cd_xgrow(m->len, &cap, m->n + 1, sizeof(*m->len));
		m->cap = cap;
	}
	/* escaped, an id takes at most six bytes a byte */
	if (m->arena.len + 6 * len + 2 > UINT32_MAX)
		cd_fatal("more than 4 GiB of record ids to hold");
	m->idx[m->n] = idx;
	m->off[m->n] = (uint32_t)m->arena.len;
	cd_buf_add_json(&m->arena, s, len);
	m->len[m->n] = (uint32_t)(m->arena.len - m->off[m->n]);
	m->n++;
}

/* Append record idx's id as a JSON string; "null" when unknown. */
static void idmap_json(const struct idmap *m, uint32_t idx, struct cd_buf *b)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->idx[mid] < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->n && m->idx[lo] == idx)
		cd_buf_add(b, m->arena.p + m->off[lo], m->len[lo]);
	else
		cd_buf_adds(b, "null");
}

/* Put record idx's ID (see groups.h) in g->id. */
static void record_id(struct cd_groups *g, const struct cd_rec *rec,
		      uint32_t idx)
{
	const struct cd_field *f = cd_rec_find(rec, "id");

	cd_buf_reset(&g->id);
	if (f && f->type == CD_JSTR)
		cd_json_unescape(f->val, f->vlen, &g->id);
	else if (f && f->type != CD_JNULL)
		cd_buf_add(&g->id, f->val, f->vlen);
	else
		cd_buf_addf(&g->id, "%lu",
			    (unsigned long)g->o.base + idx + 1);
}

/* Record the --fill value of record idx. */
static void note_fill(struct cd_groups *g, uint32_t idx,
		      const struct cd_rec *rec)
{
	const struct cd_field *f = cd_rec_find(rec, g->o.fill);

	if (idx >= g->valcap)
		g->val = cd_xgrow(g->val, &g->valcap, idx + 1, sizeof(*g->val));
	g->val[idx] = f && f->type != CD_JNULL ?
		strtab_intern(&g->vals, f->val, f->vlen) : 0;
}

/* Append similarity v with at most three decimals ("1", "0.85"). */
static void add_sim(struct cd_buf *b, double v)
{
	char t[32];
	size_t n;
	unsigned m = v >= 0 && v <= 1 ? (unsigned)(v * 1000 + 0.5) : 0;

	/* Thousandths (the index's similarities): as "%.3f" prints them,
	 * without printf. */
	if (m / 1000.0 == v) {
		t[0] = (char)('0' + m / 1000);
		t[1] = '.';
		t[2] = (char)('0' + m / 100 % 10);
		t[3] = (char)('0' + m / 10 % 10);
		t[4] = (char)('0' + m % 10);
		n = 5;
	} else {
		n = (size_t)snprintf(t, sizeof(t), "%.3f", v);
	}

	while (n > 1 && t[n - 1] == '0')
		n--;
	if (t[n - 1] == '.')
		n--;
	cd_buf_add(b, t, n);
}

/* Append the ID of record j as seen from record idx (whose own id is in
 * g->idj, see group_json). */
static void add_name(struct cd_groups *g, uint32_t idx, uint32_t j,
		     struct cd_buf *b)
{
	if (j == idx)
		cd_buf_add(b, g->idj.p, g->idj.len);
	else
		idmap_json(&g->ids, j, b);
}

/* The story of record idx. */
static uint32_t story_of(struct cd_groups *g, uint32_t idx)
{
	return g->story_of ? (uint32_t)g->story_of[idx] :
		cd_dedup_near(g->d, idx);
}

/* Append ,"story_match":ID,"story_sim":X for --explain. */
static void explain_story(struct cd_groups *g, uint32_t idx, struct cd_buf *b)
{
	size_t to;
	double score;

	cd_buf_adds(b, ",\"story_match\":");
	if (g->s && g->story_of && cd_story_link(g->s, idx, &to, &score)) {
		add_name(g, idx, (uint32_t)to, b);
		cd_buf_adds(b, ",\"story_sim\":");
		add_sim(b, score);
	} else {
		cd_buf_adds(b, "null,\"story_sim\":null");
	}
}

/* Build the `group` object of record idx in g->gval. */
static void group_json(struct cd_groups *g, uint32_t idx)
{
	struct cd_buf *b = &g->gval;
	uint32_t near = cd_dedup_near(g->d, idx), match;
	double sim;

	match = cd_dedup_match(g->d, idx, &sim);
	if (near == idx)
		sim = 1;
	/* The record's own id, escaped once: most records name only
	 * themselves, three times. */
	cd_buf_reset(&g->idj);
	if (g->o.online && g->ids.n && g->ids.idx[g->ids.n - 1] == idx)
		/* idmap_add has just escaped it */
		cd_buf_add(&g->idj, g->ids.arena.p + g->ids.off[g->ids.n - 1],
			   g->ids.len[g->ids.n - 1]);
	else
		cd_buf_add_json(&g->idj, g->id.p, g->id.len);
	cd_buf_reset(b);
	cd_buf_adds(b, "{\"dup\":");
	add_name(g, idx, cd_dedup_dup(g->d, idx), b);
	cd_buf_adds(b, ",\"near\":");
	add_name(g, idx, near, b);
	cd_buf_adds(b, ",\"story\":");
	add_name(g, idx, story_of(g, idx), b);
	cd_buf_adds(b, ",\"sim\":");
	add_sim(b, sim);
	if (g->o.explain) {
		cd_buf_adds(b, ",\"match\":");
		if (near == idx || match == CD_DEDUP_NONE)
			cd_buf_adds(b, "null");
		else
			add_name(g, idx, match, b);
		explain_story(g, idx, b);
	}
	cd_buf_addc(b, '}');
}

/* The majority --fill value of the group rooted at root, or 0. */
static uint32_t majority(const struct cd_groups *g, uint32_t root)
{
	size_t lo = 0, hi = g->nmajor;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (g->major[mid].root < root)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->nmajor && g->major[lo].root == root ? g->major[lo].val : 0;
}

/* Write record idx (parsed in rec) with its group to out. */
static void write_record(struct cd_groups *g, uint32_t idx,
			 const struct cd_rec *rec, struct cd_buf *out)
{
	struct cd_edit ed[3];
	size_t ned = 0;
	uint32_t v;

	group_json(g, idx);
	ed[ned].key = "group";
	ed[ned].val = g->gval.p;
	ed[ned++].vlen = g->gval.len;
	if (g->o.fill && g->val && !g->val[idx] &&
	    (v = majority(g, cd_dedup_near(g->d, idx))) != 0) {
		ed[ned].key = g->o.fill;
		ed[ned].val = g->vals.arena.p + g->vals.off[v];
		ed[ned++].vlen = g->vals.len[v];
		cd_buf_reset(&g->fkey);
		cd_buf_addf(&g->fkey, "%s_inferred", g->o.fill);
		ed[ned].key = g->fkey.p;
		ed[ned].val = "true";
		ed[ned++].vlen = 4;
	}
	cd_rec_write(out, rec, ed, ned);
}

/* Append a length-prefixed string to w. */
static void put_str(struct cd_tmpw *w, const char *p, size_t len)
{
	uint32_t n = (uint32_t)len;

	if (cd_tmpw_write(w, &n, sizeof(n)) == 0)
		cd_tmpw_write(w, p, len);
}

/* Spool record idx: its id to the id file, and to the spool what writing
 * it back needs.  Most records only gain `group` at their end, so the
 * spool keeps them up to their last member and they are written back
 * without parsing; a record with a `group` member already or a --fill
 * value to infer is kept whole and parsed again. */
static void spool(struct cd_groups *g, uint32_t idx, const struct cd_rec *rec)
{
	unsigned char kind = SPOOL_PARSE;
	const char *p = rec->text + rec->open;
	size_t len = rec->close + 1 - rec->open;

	record_id(g, rec, idx);
	put_str(&g->iw, g->id.p, g->id.len);
	if (g->sfd < 0)
		return;
	if (!cd_rec_find(rec, "group") && (!g->o.fill || g->val[idx])) {
		kind = rec->nf ? SPOOL_APPEND : SPOOL_FIRST;
		len = rec->nf ? (size_t)(rec->f[rec->nf - 1].val +
				 rec->f[rec->nf - 1].vlen - p) : 1;
	}
	if (cd_tmpw_write(&g->sw, &kind, 1) == 0)
		put_str(&g->sw, p, len);
}

void cd_groups_add(struct cd_groups *g, uint32_t idx, const struct cd_rec *rec,
		   struct cd_buf *out)
{
	g->n = idx + 1;
	if (g->o.fill)
		note_fill(g, idx, rec);
	if (!g->o.online) {
		spool(g, idx, rec);
		/* the index's keys went to its sort (many records): so do
		 * the records held (an error sticks, told at the end) */
		if (g->sw.hold && !cd_dedup_table_lasts(g->d))
			cd_tmpw_unhold(&g->sw);
		return;
	}
	record_id(g, rec, idx);
	idmap_add(&g->ids, idx, g->id.p, g->id.len);
	if (g->o.mode == CD_GROUPS_DROP && cd_dedup_near(g->d, idx) != idx)
		return;
	write_record(g, idx, rec, out);
}

/* qsort comparison of struct fillv by root, then value. */
static int cmp_fillv(const void *a, const void *b)
{
	const struct fillv *x = a, *y = b;

	if (x->root != y->root)
		return (x->root > y->root) - (x->root < y->root);
	return (x->val > y->val) - (x->val < y->val);
}

/* Find the value each near group agrees on: more than half of its
 * non-null --fill values (SPEC: no value when they disagree). */
static void find_majorities(struct cd_groups *g)
{
	struct fillv *v = cd_xmalloc((g->n + 1) * sizeof(*v));
	size_t i, j, k, m = 0;

	for (i = 0; i < g->n; i++)
		if (g->val[i])
			v[m++] = (struct fillv){ cd_dedup_near(g->d, (uint32_t)i),
						 g->val[i] };
	qsort(v, m, sizeof(*v), cmp_fillv);
	g->major = cd_xmalloc((m + 1) * sizeof(*g->major));
	for (i = 0; i < m; i = j) {
		size_t best = 0, bestv = 0;

		for (j = i; j < m && v[j].root == v[i].root; j = k) {
			for (k = j; k < m && v[k].root == v[i].root &&
			     v[k].val == v[j].val; k++)
				;
			if (k - j > best) {
				best = k - j;
				bestv = v[j].val;
			}
		}
		if (best * 2 > j - i)
			g->major[g->nmajor++] = (struct fillv){ v[i].root,
							       (uint32_t)bestv };
	}
	free(v);
}

/* Mark record i in the need bitmap when record self names it (a record
 * names itself from its own line). */
static void need(struct cd_groups *g, size_t self, size_t i)
{
	if (i != self || g->o.mode == CD_GROUPS_SUMMARY)
		g->need[i / 8] |= (unsigned char)(1u << (i % 8));
}

/* Mark every record whose id the output names. */
static void mark_needed(struct cd_groups *g)
{
	size_t i, to;
	double sim;

	g->need = cd_xcalloc(g->n / 8 + 1, 1);
	for (i = 0; i < g->n; i++) {
		uint32_t m = cd_dedup_match(g->d, (uint32_t)i, &sim);

		if (g->o.mode == CD_GROUPS_SUMMARY)
			need(g, i, i);
		need(g, i, cd_dedup_near(g->d, (uint32_t)i));
		need(g, i, cd_dedup_dup(g->d, (uint32_t)i));
		need(g, i, story_of(g, (uint32_t)i));
		if (g->o.explain && m != CD_DEDUP_NONE)
			need(g, i, m);
		if (g->o.explain && g->s && cd_story_link(g->s, i, &to, &sim))
			need(g, i, to);
	}
}

/* Read the next length-prefixed string of r: *p points at its *len
 * bytes, in r's buffer where they are all there (valid until r is read
 * again), else read into b.  Returns 1, 0 at the end, or -1 with errno
 * set. */
static int view_str(struct cd_tmpr *r, struct cd_buf *b, const char **p,
		    size_t *len)
{
	uint32_t n;
	int st = cd_tmpr_read(r, &n, sizeof(n));

	cd_buf_reset(b);
	if (st <= 0)
		return st;
	*len = n;
	if ((*p = cd_tmpr_view(r, n)) != NULL)
		return 1;
	cd_buf_grow(b, n);
	if (cd_tmpr_read(r, b->p, n) != 1)
		return -1;
	b->len = n;
	*p = b->p;
	return 1;
}

/* Read the next length-prefixed string of r into b.  Returns 1, 0 at the
 * end, or -1 with errno set. */
static int get_str(struct cd_tmpr *r, struct cd_buf *b)
{
	const char *p;
	size_t len;
	int st = view_str(r, b, &p, &len);

	if (st == 1 && p != b->p)
		cd_buf_add(b, p, len);
	return st;
}

/* Read the id file: keep the ids of the needed records.  Returns 0 or -1
 * with errno set. */
static int collect_ids(struct cd_groups *g)
{
	struct cd_tmpr r;
	uint32_t i;
	int st = cd_tmpr_init(&r, g->ifd, SPOOL_BUF / 4);

	for (i = 0; st == 0 && i < g->n; i++) {
		if (get_str(&r, &g->id) != 1)
			st = -1;
		else if (g->need[i / 8] & (1u << (i % 8)))
			idmap_add(&g->ids, i, g->id.p, g->id.len);
	}
	cd_tmpr_release(&r);
	return st;
}

/* Write spooled record i (kind, its len spooled bytes at raw, id in
 * g->id). */
static int write_spooled(struct cd_groups *g, uint32_t i, unsigned char kind,
			 const char *raw, size_t len)
{
	struct cd_jerr je;

	cd_buf_reset(&g->line);
	if (kind == SPOOL_PARSE) {
		if (cd_rec_parse(&g->rec, raw, len, &je) != 0) {
			errno = EIO;
			return -1;
		}
		write_record(g, i, &g->rec, &g->line);
	} else {
		/* The spooled bytes go to the sink as they are (not copied
		 * into the line first); the line is only the tail. */
		group_json(g, i);
		cd_sink_write(g->sink, raw, len);
		cd_buf_adds(&g->line, kind == SPOOL_APPEND ? ",\"group\":" :
			    "\"group\":");
		cd_buf_add(&g->line, g->gval.p, g->gval.len);
		cd_buf_add(&g->line, "}\n", 2);
	}
	cd_sink_write(g->sink, g->line.p, g->line.len);
	return 0;
}

/* Read the spool (ahead in a worker thread, worker.h, when it is in a
 * file) and the id file together: write every record (or the first of
 * each group).  Returns 0 or -1 with errno set. */
static int write_all(struct cd_groups *g)
{
	struct cd_tmpr sr, ir;
	struct cd_worker *w = NULL;
	unsigned char kind;
	const char *raw = NULL;
	size_t len = 0;
	uint32_t i;
	int st = cd_tmpr_init_w(&sr, &g->sw, SPOOL_BUF) |
		cd_tmpr_init(&ir, g->ifd, SPOOL_BUF / 4);

	/* a spool held whole in memory has nothing to read ahead: no
	 * thread for it; one written behind lends its writer, idle now
	 * (cd_tmpr_init_w flushed it) */
	if (st == 0 && !cd_tmpr_in_memory(&sr))
		cd_tmpr_ahead(&sr, g->sww ? g->sww : (w = cd_worker_new()));

	for (i = 0; st == 0 && i < g->n; i++) {
		if (get_str(&ir, &g->id) != 1 ||
		    cd_tmpr_read(&sr, &kind, 1) != 1 ||
		    view_str(&sr, &g->raw, &raw, &len) != 1)
			st = -1;
		else if (g->o.mode != CD_GROUPS_DROP || cd_dedup_near(g->d, i) == i)
			st = write_spooled(g, i, kind, raw, len);
	}
	cd_tmpr_release(&sr);
	cd_tmpr_release(&ir);
	cd_worker_free(w);
	return st;
}

/* Write one summary record per near group, in order of first records. */
static void write_summary(struct cd_groups *g)
{
	uint32_t *next = cd_xmalloc((g->n + 1) * sizeof(*next));
	uint32_t *last = cd_xmalloc((g->n + 1) * sizeof(*last));
	uint32_t i, j, size;

	for (i = 0; i < g->n; i++) {
		uint32_t r = cd_dedup_near(g->d, i);

		next[i] = CD_DEDUP_NONE;
		if (r != i)
			next[last[r]] = i;
		last[r] = i;
	}
	for (i = 0; i < g->n; i++) {
		if (cd_dedup_near(g->d, i) != i)
			continue;
		for (size = 0, j = i; j != CD_DEDUP_NONE; j = next[j])
			size++;
		cd_buf_reset(&g->line);
		cd_buf_adds(&g->line, "{\"near\":");
		idmap_json(&g->ids, i, &g->line);
		cd_buf_adds(&g->line, ",\"story\":");
		idmap_json(&g->ids, story_of(g, i), &g->line);
		cd_buf_addf(&g->line, ",\"size\":%lu,\"members\":[",
			    (unsigned long)size);
		for (j = i; j != CD_DEDUP_NONE; j = next[j]) {
			if (j != i)
				cd_buf_addc(&g->line, ',');
			idmap_json(&g->ids, j, &g->line);
		}
		cd_buf_adds(&g->line, "]}\n");
		cd_sink_write(g->sink, g->line.p, g->line.len);
	}
	free(next);
	free(last);
}

/* The output's two buffers while it is written behind (cd_sink_behind):
 * 40 handovers for 40 MB, where the sink's own 64 KiB would take 640. */
#define BEHIND_BUF ((size_t)1 << 20)

/* Write the records (or the summary) to the sink, its write(2)s in a
 * helper thread and the read(2)s of the spool in another, beside the
 * making of the lines.  The output of the bench archive (43 MB) to a
 * file took some 24 ms of CPU in one thread at best, half of it
 * write(2); with the writes beside, some 10 ms here (and 8 ms there),
 * of which the spool's read(2)s took some 1.5 ms (this thread's CPU to
 * /dev/null, 8 runs: 8.8-12.5 ms, then 7.2-9.9 ms reading ahead).
 * Returns 0 or -1 with errno set. */
static int write_out(struct cd_groups *g)
{
	struct cd_worker *w = g->sink->fd >= 0 ? cd_worker_new() : NULL;
	int st = 0, e = 0;

	cd_sink_behind(g->sink, w, BEHIND_BUF);
	if (g->o.mode == CD_GROUPS_SUMMARY) {
		write_summary(g);
	} else {
		st = write_all(g);
		e = errno;	/* for the caller's message */
	}
	cd_sink_behind(g->sink, NULL, 0);
	cd_worker_free(w);
	if (st)
		errno = e;
	return st;
}

/* Tell the story grouping which records are near copies: they join
 * the story of their near group's first record. */
static void share_copies(struct cd_groups *g)
{
	for (uint32_t i = 0; i < g->n; i++) {
		uint32_t r = cd_dedup_near(g->d, i);
		double sim = 1;

		if (r == i)
			continue;
		cd_dedup_match(g->d, i, &sim);
		cd_story_copy(g->s, i, r, sim);
	}
}

int cd_groups_finish(struct cd_groups *g, struct cd_sink *sink)
{
	g->sink = sink;
	if (g->o.online)
		return cd_dedup_resolve(g->d);
	if (cd_tmpw_flush(&g->iw) != 0 ||
	    (g->sfd >= 0 && cd_tmpw_flush(&g->sw) != 0))
		return -1;
	/* The story tables of adding are freed before the copy index's
	 * last steps, not held beside them. */
	if (g->s)
		cd_story_end(g->s);
	if (cd_dedup_resolve(g->d) != 0)
		return -1;
	cd_dedup_reserve(g->d, g->n);
	if (g->s && g->n) {
		g->story_of = cd_xmalloc(g->n * sizeof(*g->story_of));
		share_copies(g);
		cd_story_solve(g->s, g->story_of);
	}
	if (g->o.fill && g->val)
		find_majorities(g);
	mark_needed(g);
	if (collect_ids(g) != 0)
		return -1;
	return write_out(g);
}
