/*
 * Duplicate construction (避免重复建设).  Two live items of project or
 * need ledgers (not 退库, 终止, 不予支持) that share a village are
 * duplicates when they have the same category and overlapping periods,
 * or near-identical titles.  A period runs from the start (or the day
 * the item was created) to the deadline (or on without end).  Titles
 * are compared without spaces and punctuation, by code points: equal,
 * one containing the other (at least 4 characters), or a Dice
 * similarity of their character bigrams of at least 0.8.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "dup.h"
#include "place.h"
#include "store_stats.h"
#include "util.h"

#define DUP_TITLE_MAX	300	/* code points compared */
#define DUP_WHY_PERIOD	"同一村同类项目期间重叠"
#define DUP_WHY_TITLE	"同一村名称相近的项目"

static const char *const dup_terminal[] = { "退库", "终止", "不予支持" };

bool
dup_state_live(const char *state)
{
	size_t k;

	for (k = 0; state && k < NELEM(dup_terminal); k++)
		if (strcmp(state, dup_terminal[k]) == 0)
			return false;
	return true;
}

/* The local day of time t, as date_today() counts days. */
static int32_t
dup_day(int64_t t)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL)
		return date_today();
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The period [*from, *to] of it: a missing start is the day it was
 * created (but not after its deadline), a missing deadline open. */
static void
dup_period(const struct dup_item *it, int32_t *from, int32_t *to)
{
	*to = it->deadline != DATE_NONE ? it->deadline : INT32_MAX;
	if (it->start != DATE_NONE)
		*from = it->start;
	else {
		*from = it->created_at ? dup_day(it->created_at) : date_today();
		if (*from > *to)
			*from = *to;
	}
}

/* Next code point of s (advanced); an invalid byte stands for itself. */
static uint32_t
dup_utf8_next(const unsigned char **s)
{
	const unsigned char	*p = *s;
	uint32_t		 c;
	int			 n, i;

	if (p[0] < 0x80) {
		*s = p + 1;
		return p[0];
	}
	if ((p[0] & 0xe0) == 0xc0) {
		c = p[0] & 0x1f;
		n = 1;
	} else if ((p[0] & 0xf0) == 0xe0) {
		c = p[0] & 0x0f;
		n = 2;
	} else if ((p[0] & 0xf8) == 0xf0) {
		c = p[0] & 0x07;
		n = 3;
	} else {
		*s = p + 1;
		return p[0];
	}
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*s = p + 1;
			return p[0];
		}
		c = (c << 6) | (p[i] & 0x3f);
	}
	*s = p + n + 1;
	return c;
}

/* Spaces and punctuation, ASCII, Latin-1, general, CJK and full-width. */
static bool
dup_ignored(uint32_t c)
{
	if (c <= 0x20 || c == 0x7f)
		return true;
	if (c < 0x80)
		return strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", (int)c) !=
		    NULL;
	return (c >= 0xa0 && c <= 0xbf) || c == 0xd7 || c == 0xf7 ||
	    (c >= 0x2000 && c <= 0x206f) ||		/* general punctuation */
	    c == 0x3000 || (c >= 0x3001 && c <= 0x3004) ||
	    (c >= 0x3008 && c <= 0x3020) || c == 0x3030 || c == 0x303d ||
	    (c >= 0xfe10 && c <= 0xfe1f) || (c >= 0xfe30 && c <= 0xfe6f) ||
	    (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	    (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) ||
	    c == 0xfeff;
}

/*
 * The code points of title without spaces and punctuation, full-width
 * letters and digits as ASCII, ASCII in lower case; at most
 * DUP_TITLE_MAX into out.  Returns their number.
 */
static size_t
dup_norm(const char *title, uint32_t *out)
{
	const unsigned char	*s = (const unsigned char *)title;
	uint32_t		 c;
	size_t			 n = 0;

	while (*s && n < DUP_TITLE_MAX) {
		c = dup_utf8_next(&s);
		if (dup_ignored(c))
			continue;
		if (c >= 0xff10 && c <= 0xff5e)
			c -= 0xfee0;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		out[n++] = c;
	}
	return n;
}

/* Does a[0..na) contain b[0..nb) (nb <= na)? */
static bool
dup_contains(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i;

	for (i = 0; i + nb <= na; i++)
		if (a[i] == b[0] && memcmp(a + i, b, nb * sizeof(*b)) == 0)
			return true;
	return false;
}

static int
dup_cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* The sorted bigrams of s[0..n) into out; their number. */
static size_t
dup_bigrams(const uint32_t *s, size_t n, uint64_t *out)
{
	size_t i;

	if (n < 2)
		return 0;
	for (i = 0; i + 1 < n; i++)
		out[i] = (uint64_t)s[i] << 32 | s[i + 1];
	qsort(out, n - 1, sizeof(*out), dup_cmp_u64);
	return n - 1;
}

/* t over the buffers cp and bg (DUP_TITLE_MAX each) for title. */
static void
dup_title_fill(const char *title, uint32_t *cp, uint64_t *bg,
    struct dup_title *t)
{
	size_t i;

	t->cp = cp;
	t->bg = bg;
	t->ncp = dup_norm(title, cp);
	t->nbg = dup_bigrams(cp, t->ncp, bg);
	t->some = true;
	t->hash = 14695981039346656037u;	/* FNV-1a */
	for (i = 0; i < t->ncp; i++)
		t->hash = (t->hash ^ cp[i]) * 1099511628211u;
	memset(t->sig, 0, sizeof(t->sig));
	for (i = 0; i < t->nbg; i++) {
		uint64_t h = bg[i] * 0x9e3779b97f4a7c15u >> 56;

		t->sig[h >> 6] |= (uint64_t)1 << (h & 63);
	}
}

/* Bits of x's signature that y's lacks: each stands for at least one
 * bigram of x that y does not have. */
static size_t
dup_sig_miss(const struct dup_title *x, const struct dup_title *y)
{
	size_t	n = 0;
	int	i;

	for (i = 0; i < 4; i++)
		n += (size_t)__builtin_popcountll(x->sig[i] & ~y->sig[i]);
	return n;
}

void
dup_prep(struct arena *a, const struct dup_item *it, struct dup_prep *p)
{
	uint32_t	cp[DUP_TITLE_MAX];
	uint64_t	bg[DUP_TITLE_MAX];

	memset(p, 0, sizeof(*p));
	dup_period(it, &p->from, &p->to);
	if (it->title == NULL)
		return;
	dup_title_fill(it->title, cp, bg, &p->t);
	p->t.cp = arena_alloc(a, (p->t.ncp + 1) * sizeof(*cp));
	p->t.bg = arena_alloc(a, (p->t.nbg + 1) * sizeof(*bg));
	memcpy(p->t.cp, cp, p->t.ncp * sizeof(*cp));
	memcpy(p->t.bg, bg, p->t.nbg * sizeof(*bg));
}

bool
dup_title_similar_prep(const struct dup_title *x, const struct dup_title *y)
{
	const struct dup_title	*lo = x, *hi = y;	/* lo the shorter */
	size_t			 ka, kb, i = 0, j = 0, common = 0, need,
				 mlo, mhi;
	bool			 dice, inside;

	if (!x->some || !y->some || x->ncp == 0 || y->ncp == 0)
		return false;
	if (x->ncp == y->ncp && x->hash == y->hash && memcmp(x->cp, y->cp,
	    x->ncp * sizeof(*x->cp)) == 0)
		return true;
	if (x->ncp > y->ncp) {
		lo = y;
		hi = x;
	}
	ka = hi->nbg;
	kb = lo->nbg;
	if (ka + kb == 0)
		return false;
	/*
	 * One merge of the sorted bigrams answers both tests: the Dice
	 * similarity 2c / (ka + kb) >= 0.8 (in integers: c >= need), and
	 * whether lo may lie inside hi, which needs each of lo's bigrams
	 * in hi (then the code points are compared).
	 */
	need = (2 * (ka + kb) + 4) / 5;
	/* the signatures bound the bigrams in common from above */
	mlo = dup_sig_miss(lo, hi);
	mhi = dup_sig_miss(hi, lo);
	dice = kb - mlo >= need && ka - mhi >= need;
	inside = lo->ncp >= 4 && lo->ncp < hi->ncp && mlo == 0;
	if (!dice && !inside)
		return false;
	while (i < ka && j < kb) {
		if (hi->bg[i] == lo->bg[j]) {
			if (++common >= need && dice)
				return true;
			i++;
			j++;
			continue;
		}
		if (hi->bg[i] < lo->bg[j])
			i++;
		else {
			j++;
			inside = false;	/* lo's bigram is not in hi */
		}
		if (!inside && (!dice || common + (ka - i < kb - j ? ka - i :
		    kb - j) < need))
			return false;
	}
	if (j < kb)
		inside = false;
	if (dice && common >= need)
		return true;
	return inside && dup_contains(hi->cp, hi->ncp, lo->cp, lo->ncp);
}

bool
dup_title_similar(const char *x, const char *y)
{
	uint32_t		a[DUP_TITLE_MAX], b[DUP_TITLE_MAX];
	uint64_t		ga[DUP_TITLE_MAX], gb[DUP_TITLE_MAX];
	struct dup_title	ta, tb;

	if (x == NULL || y == NULL)
		return false;
	dup_title_fill(x, a, ga, &ta);
	dup_title_fill(y, b, gb, &tb);
	return dup_title_similar_prep(&ta, &tb);
}

const char *
dup_reason(const struct dup_item *a, const struct dup_item *b)
{
	int32_t af, at, bf, bt;

	if (a->category && b->category && *a->category &&
	    strcmp(a->category, b->category) == 0) {
		dup_period(a, &af, &at);
		dup_period(b, &bf, &bt);
		if (af <= bt && bf <= at)
			return DUP_WHY_PERIOD;
	}
	if (dup_title_similar(a->title, b->title))
		return DUP_WHY_TITLE;
	return NULL;
}

const char *
dup_reason_prep(const struct dup_prep *pa, const struct dup_prep *pb)
{
	if (pa->cat && pa->cat == pb->cat && pa->from <= pb->to &&
	    pb->from <= pa->to)
		return DUP_WHY_PERIOD;
	if (dup_title_similar_prep(&pa->t, &pb->t))
		return DUP_WHY_TITLE;
	return NULL;
}

/* Item ids already answered: an open-addressing set in the pool. */
struct dup_seen {
	int64_t	*ids;		/* 0: empty slot */
	size_t	 cap, n;
};

/* Add id; false if it was there. */
static bool
dup_seen_add(struct arena *a, struct dup_seen *s, int64_t id)
{
	size_t	 i, k;
	int64_t	*old;

	if (2 * (s->n + 1) > s->cap) {
		old = s->ids;
		k = s->cap;
		s->cap = s->cap ? 2 * s->cap : 64;
		s->ids = arena_alloc(a, s->cap * sizeof(*s->ids));
		memset(s->ids, 0, s->cap * sizeof(*s->ids));
		s->n = 0;
		for (i = 0; i < k; i++)
			if (old[i])
				dup_seen_add(a, s, old[i]);
	}
	for (i = (size_t)id * 2654435761u % s->cap; s->ids[i];
	    i = (i + 1) % s->cap)
		if (s->ids[i] == id)
			return false;
	s->ids[i] = id;
	s->n++;
	return true;
}

struct dup_ctx {
	struct arena		*a;
	const struct dup_item	*self;
	struct dup_seen		 seen;
	json_t			*out;
};

static int
dup_check_one(const struct dup_item *c, const char *code, const char *name,
    void *arg)
{
	struct dup_ctx	*x = arg;
	const char	*why;

	if (!dup_seen_add(x->a, &x->seen, c->id))
		return 0;
	if ((why = dup_reason(x->self, c)) == NULL)
		return 0;
	json_array_append_new(x->out, json_pack("{s:I, s:I, s:s, s:{s:s, s:s}, "
	    "s:s}", "item_id", (json_int_t)c->id, "ledger_id",
	    (json_int_t)c->ledger_id, "title", c->title, "place", "code", code,
	    "name", name, "reason", why));
	return json_array_size(x->out) < DUP_WARN_MAX ? 0 : -1;
}

json_t *
dup_check(struct store *st, struct arena *a, const struct viewer *v,
    const struct item *it)
{
	struct dup_item	self;
	struct dup_ctx	x;
	int		i;

	if (it->title == NULL || !dup_state_live(it->state))
		return NULL;
	memset(&self, 0, sizeof(self));
	self.id = it->id;
	self.ledger_id = it->ledger_id;
	self.title = it->title;
	self.category = it->category;
	self.start = it->start;
	self.deadline = it->deadline;
	self.created_at = it->created_at;
	memset(&x, 0, sizeof(x));
	x.a = a;
	x.self = &self;
	x.out = json_array();
	for (i = 0; i < it->nplaces &&
	    json_array_size(x.out) < DUP_WARN_MAX; i++) {
		if (place_level_of(it->places[i].code) != PLACE_VILLAGE)
			continue;
		if (store_dup_candidates(st, a, v, it->places[i].code, it->id,
		    DUP_CAND_MAX, dup_check_one, &x) != STORE_OK)
			break;
	}
	if (json_array_size(x.out) == 0) {
		json_decref(x.out);
		return NULL;
	}
	return x.out;
}
