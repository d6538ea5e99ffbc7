/*
 * The create rows of an import, in bulk.  Each row's body goes through
 * the create handler's own checks (api_item_new: fields, dictionaries,
 * state, scope, with the scope remembered per ledger and unit), is
 * inserted by the store's statements inside the import's transaction
 * with no read-back, and is audited as a create of its item.  The
 * duplicate-construction warnings are those dup_check would give,
 * computed against the candidates of each village read once and kept
 * in memory with their titles prepared, the new items added as they
 * are saved.
 */
#include <stdlib.h>
#include <string.h>

#include "api_item.h"
#include "arena.h"
#include "dup.h"
#include "import_int.h"
#include "ledger.h"
#include "place.h"
#include "store_audit.h"
#include "store_import.h"
#include "store_ledger.h"
#include "store_place.h"
#include "store_stats.h"
#include "user.h"
#include "util.h"

#define IMP_ROUTE	"/api/v1/ledgers/:id/items"

static void	imp_bulk_refused(struct imp *, int ri, struct req *);

/* A candidate of a village, as STMT_DUP_CANDIDATES gives it. */
struct imp_cand {
	struct dup_item	 it;
	struct dup_prep	 p;
};

/* A village's candidates: its first DUP_CAND_MAX by id. */
struct imp_village {
	int64_t		 key;		/* the code as a number; 0: empty */
	char		 code[PLACE_CODE_MAX];
	const char	*name;
	struct imp_cand	*c;
	int		 n, cap;
};

/* The numbers the ledger's items hold (open addressing, 0 empty). */
struct imp_seqs {
	int64_t		*v;
	size_t		 cap, n;
	bool		 loaded;
};

struct imp_bulk {
	struct arena		*a;	/* candidates' strings and titles */
	struct api_item_memo	 memo;
	struct store_seq	 seq;
	struct imp_seqs		 seqs;
	int			 last;	/* the last row created */
	struct viewer		 v;
	bool			 dups;	/* the ledger's kind is checked */
	bool			 pipelined;	/* store_bulk is on */
	struct imp_village	*vil;	/* open addressing by key */
	size_t			 cap, n;
	const char		**cats;	/* categories met, by number */
	int			 ncats, capcats;
};

/* The number of category s for dup_prep: 0 for none, else its place in
 * b->cats plus one. */
static int
imp_cat(struct imp_bulk *b, const char *s)
{
	int i;

	if (s == NULL || *s == '\0')
		return 0;
	for (i = 0; i < b->ncats; i++)
		if (strcmp(b->cats[i], s) == 0)
			return i + 1;
	if (b->ncats == b->capcats) {
		b->capcats = b->capcats ? 2 * b->capcats : 16;
		b->cats = xrealloc(b->cats, (size_t)b->capcats *
		    sizeof(*b->cats));
	}
	b->cats[b->ncats] = arena_strdup(b->a, s);
	return ++b->ncats;
}

static int64_t
imp_village_key(const char *code)
{
	int64_t k = 0;

	for (; *code >= '0' && *code <= '9'; code++)
		k = k * 10 + (*code - '0');
	return k;
}

/* The slot of key in b's table (empty if absent). */
static struct imp_village *
imp_village_slot(struct imp_bulk *b, int64_t key)
{
	size_t i = (size_t)key * 2654435761u % b->cap;

	while (b->vil[i].key && b->vil[i].key != key)
		i = (i + 1) % b->cap;
	return &b->vil[i];
}

static void
imp_village_grow(struct imp_bulk *b)
{
	struct imp_village	*old = b->vil;
	size_t			 n = b->cap, i;

	b->cap = b->cap ? 2 * b->cap : 256;
	b->vil = xcalloc(b->cap, sizeof(*b->vil));
	for (i = 0; i < n; i++)
		if (old[i].key)
			*imp_village_slot(b, old[i].key) = old[i];
	free(old);
}

/* Append candidate it (strings copied) to v. */
static void
imp_village_add(struct imp_bulk *b, struct imp_village *v,
    const struct dup_item *it)
{
	struct imp_cand *c;

	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 16;
		v->c = xrealloc(v->c, (size_t)v->cap * sizeof(*v->c));
	}
	c = &v->c[v->n++];
	c->it = *it;
	c->it.title = it->title ? arena_strdup(b->a, it->title) : NULL;
	c->it.category = it->category ? arena_strdup(b->a, it->category) :
	    NULL;
	dup_prep(b->a, &c->it, &c->p);
	c->p.cat = imp_cat(b, it->category);
}

static int
imp_village_cand(const struct dup_item *it, const char *code,
    const char *name, void *arg)
{
	struct imp_bulk		*b = ((void **)arg)[0];
	struct imp_village	*v = ((void **)arg)[1];

	if (v->name == NULL)
		v->name = arena_strdup(b->a, name);
	(void)code;
	imp_village_add(b, v, it);
	return 0;
}

/* The candidates of village code, read on first use (item self, just
 * saved, left out); NULL on a store error. */
static struct imp_village *
imp_village(struct imp *im, const char *code, int64_t self)
{
	struct imp_bulk		*b = im->bulk;
	struct imp_village	*v;
	struct arena		*tmp;
	struct place		 p;
	void			*arg[2];
	int64_t			 key = imp_village_key(code);

	if (2 * (b->n + 1) > b->cap)
		imp_village_grow(b);
	v = imp_village_slot(b, key);
	if (v->key)
		return v;
	v->key = key;
	util_strlcpy(v->code, code, sizeof(v->code));
	b->n++;
	arg[0] = b;
	arg[1] = v;
	tmp = arena_new();
	if (store_dup_candidates(im->c->store, tmp, &b->v, code, self,
	    DUP_CAND_MAX, imp_village_cand, arg) != STORE_OK) {
		arena_free(tmp);
		v->n = 0;
		v->key = 0;
		b->n--;
		return NULL;
	}
	arena_free(tmp);
	if (v->name == NULL && store_place_get(im->c->store, code, &p) ==
	    STORE_OK)
		v->name = arena_strdup(b->a, p.name);
	return v;
}

static bool
imp_seqs_has(const struct imp_seqs *s, int64_t seq)
{
	size_t i;

	if (s->cap == 0)
		return false;
	for (i = (size_t)seq * 2654435761u % s->cap; s->v[i];
	    i = (i + 1) % s->cap)
		if (s->v[i] == seq)
			return true;
	return false;
}

static void
imp_seqs_add(int64_t seq, void *arg)
{
	struct imp_seqs	*s = arg;
	int64_t		*old = s->v;
	size_t		 n = s->cap, i;

	if (2 * (s->n + 1) > s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->v = xcalloc(s->cap, sizeof(*s->v));
		s->n = 0;
		for (i = 0; i < n; i++)
			if (old[i])
				imp_seqs_add(old[i], s);
		free(old);
	}
	for (i = (size_t)seq * 2654435761u % s->cap; s->v[i];
	    i = (i + 1) % s->cap)
		if (s->v[i] == seq)
			return;
	s->v[i] = seq;
	s->n++;
}

/*
 * Give it its number (store_item_number) and check it as the insert
 * would: CONFLICT when an item of the ledger holds it, found in memory
 * so that no insert fails (on PostgreSQL a failure ends the
 * transaction, and a pipelined one would show rows later).
 */
static enum store_rc
imp_bulk_number(struct imp *im, struct item *it)
{
	struct imp_bulk	*b = im->bulk;
	enum store_rc	 rc;

	if (!b->seqs.loaded) {
		if ((rc = store_item_seqs(im->c->store, im->l->id,
		    imp_seqs_add, &b->seqs)) != STORE_OK)
			return rc;
		b->seqs.loaded = true;
	}
	if ((rc = store_item_number(im->c->store, it, &b->seq)) != STORE_OK)
		return rc;
	if (imp_seqs_has(&b->seqs, it->seq))
		return STORE_CONFLICT;
	imp_seqs_add(it->seq, &b->seqs);
	return STORE_OK;
}

/* Write the ledger's next number back; a failure is row ri's. */
static void
imp_bulk_flush(struct imp *im, int ri)
{
	struct imp_bulk	*b = im->bulk;
	struct req	*r;
	enum store_rc	 rc;

	if ((rc = store_seq_flush(im->c->store, &b->seq)) == STORE_OK ||
	    (r = api_call_new(im->c, "POST", IMP_ROUTE)) == NULL)
		return;
	reply_store_error(r, rc);
	imp_bulk_refused(im, ri, r);
	req_free(r);
}

void
imp_bulk_forget(struct imp *im, int ri)
{
	struct imp_bulk	*b = im->bulk;
	size_t		 i;

	if (b == NULL)
		return;
	imp_bulk_flush(im, ri);
	free(b->seqs.v);
	memset(&b->seqs, 0, sizeof(b->seqs));
	for (i = 0; i < b->cap; i++)
		free(b->vil[i].c);
	if (b->vil)
		memset(b->vil, 0, b->cap * sizeof(*b->vil));
	b->n = 0;
}

static int
imp_place_cmp(const void *x, const void *y)
{
	return strcmp(((const struct item_place *)x)->code,
	    ((const struct item_place *)y)->code);
}

/* Item ids met: a linear set, for the rare item of several villages. */
struct imp_seen {
	int64_t	*ids;
	size_t	 n, cap;
};

static bool
imp_seen_add(struct imp_seen *s, int64_t id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->ids[i] == id)
			return false;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->ids = xrealloc(s->ids, s->cap * sizeof(*s->ids));
	}
	s->ids[s->n++] = id;
	return true;
}

/*
 * dup_check of it, saved with places sorted by code: the number of
 * warnings (at most DUP_WARN_MAX) and the first IMPORT_DUP_MAX of them
 * appended to first.  -1 on a store error.
 */
static int
imp_bulk_dups(struct imp *im, const struct item *it, json_t *first)
{
	struct imp_village	*v;
	struct imp_seen		 seen = { NULL, 0, 0 };
	struct dup_item		 self;
	struct dup_prep		 sp;
	const struct imp_cand	*c;
	struct item_place	*pl;
	const char		*why;
	int			 i, k, n = 0, nvil = 0;

	if (it->title == NULL || !dup_state_live(it->state))
		return 0;
	memset(&self, 0, sizeof(self));
	self.id = it->id;
	self.ledger_id = it->ledger_id;
	self.title = it->title;
	self.category = it->category;
	self.start = it->start;
	self.deadline = it->deadline;
	self.created_at = it->created_at;
	dup_prep(im->a, &self, &sp);
	sp.cat = imp_cat(im->bulk, self.category);
	/* in the order of the saved item's places, as it is read back */
	pl = arena_alloc(im->a, ((size_t)it->nplaces + 1) * sizeof(*pl));
	memcpy(pl, it->places, (size_t)it->nplaces * sizeof(*pl));
	qsort(pl, (size_t)it->nplaces, sizeof(*pl), imp_place_cmp);
	for (i = 0; i < it->nplaces; i++)
		if (place_level_of(pl[i].code) == PLACE_VILLAGE)
			nvil++;
	for (i = 0; i < it->nplaces && n < DUP_WARN_MAX; i++) {
		if (place_level_of(pl[i].code) != PLACE_VILLAGE)
			continue;
		if ((v = imp_village(im, pl[i].code, it->id)) == NULL) {
			free(seen.ids);
			return -1;
		}
		for (k = 0; k < v->n && n < DUP_WARN_MAX; k++) {
			c = &v->c[k];
			if (nvil > 1 && !imp_seen_add(&seen, c->it.id))
				continue;
			if ((why = dup_reason_prep(&sp, &c->p)) == NULL)
				continue;
			if (n++ < IMPORT_DUP_MAX)
				json_array_append_new(first, json_pack("{s:I, "
				    "s:I, s:s, s:{s:s, s:s}, s:s}", "item_id",
				    (json_int_t)c->it.id, "ledger_id",
				    (json_int_t)c->it.ledger_id, "title",
				    c->it.title, "place", "code", v->code,
				    "name", v->name ? v->name : "", "reason",
				    why));
		}
	}
	free(seen.ids);
	return n;
}

/* The new item it, once saved, as a candidate of its villages already
 * read (the others read it from the store when first needed). */
static void
imp_bulk_remember(struct imp *im, const struct item *it)
{
	struct imp_bulk		*b = im->bulk;
	struct imp_village	*v;
	struct dup_item		 d;
	bool			 visible = b->v.admin, asked = false;
	int			 i;

	if (!dup_state_live(it->state) || b->cap == 0)
		return;
	memset(&d, 0, sizeof(d));
	d.id = it->id;
	d.ledger_id = it->ledger_id;
	d.title = it->title;
	d.category = it->category;
	d.start = it->start;
	d.deadline = it->deadline;
	d.created_at = it->created_at;
	for (i = 0; i < it->nplaces; i++) {
		v = imp_village_slot(b, imp_village_key(it->places[i].code));
		if (v->key == 0 || v->n >= DUP_CAND_MAX)
			continue;
		if (!asked) {
			visible = visible || store_item_visible(im->c->store,
			    &b->v, it->id);
			asked = true;
		}
		if (!visible)
			return;
		imp_village_add(b, v, &d);
	}
}

/* The compact audit body of a created item: the row's fields as the
 * API took them, with the item's id, number and state. */
static const char *
imp_bulk_audit(struct imp *im, json_t *body, const struct item *it)
{
	json_t	*j = json_copy(body);
	char	*s, *out;

	json_object_set_new(j, "id", json_integer(it->id));
	json_object_set_new(j, "seq", json_integer(it->seq));
	json_object_set_new(j, "state", json_string(it->state));
	json_object_set_new(j, "via", json_string("import"));
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	out = arena_strdup(im->a, s ? s : "{}");
	free(s);
	return out;
}

/* The reply r holds as a problem of row ri. */
static void
imp_bulk_refused(struct imp *im, int ri, struct req *r)
{
	json_t *j = r->resp ? json_loadb(r->resp, r->resplen, 0, NULL) : NULL;

	imp_api_error(im, ri, r->status ? r->status : 500, j);
	json_decref(j);
}

void
imp_bulk_create(struct imp *im, int ri, json_t *body)
{
	struct imp_bulk	*b = im->bulk;
	struct req	*r;
	struct item	 it;
	json_t		*first = NULL;
	enum store_rc	 rc;
	int		 n = 0;
	char		 id[24];

	if ((r = api_call_new(im->c, "POST", IMP_ROUTE)) == NULL) {
		json_t *e = json_pack("{s:{s:s, s:s}}", "error", "code",
		    "forbidden", "message", "没有权限执行此操作");

		imp_api_error(im, ri, 403, e);
		json_decref(e);
		return;
	}
	if (api_item_new(r, im->l, body, &it, &b->memo) == -1) {
		imp_bulk_refused(im, ri, r);
		goto out;
	}
	if ((rc = imp_bulk_number(im, &it)) != STORE_OK ||
	    (rc = store_item_add_new(r->store, &it, r->user->id,
	    &b->seq)) != STORE_OK) {
		api_item_add_error(r, &it, rc);
		imp_bulk_refused(im, ri, r);
		goto out;
	}
	snprintf(id, sizeof(id), "%lld", (long long)it.id);
	if ((rc = store_audit_add(r->store, &r->actor, "create", "item", id,
	    NULL, imp_bulk_audit(im, body, &it))) != STORE_OK) {
		reply_store_error(r, rc);
		imp_bulk_refused(im, ri, r);
		goto out;
	}
	im->created++;
	im->ok++;
	b->last = ri;
	if (b->dups) {
		first = json_array();
		if ((n = imp_bulk_dups(im, &it, first)) > 0)
			imp_warn_list(im, ri, first, (size_t)n);
		json_decref(first);
		imp_bulk_remember(im, &it);
	}
out:
	req_free(r);
}

void
imp_bulk_begin(struct imp *im)
{
	struct imp_bulk *b = xcalloc(1, sizeof(*b));

	b->a = arena_new();
	b->v.user_id = im->c->user->id;
	b->v.admin = im->c->user->role == ROLE_ADMIN;
	b->dups = im->l->kind == KIND_PROJECT || im->l->kind == KIND_NEED;
	im->bulk = b;
	/*
	 * On PostgreSQL the writes without rows are pipelined (the checks
	 * before them leave nothing for them to refuse); SQLite's bulk mode
	 * only grows its cache, which costs memory and saves no time here.
	 */
	b->pipelined = strcmp(store_engine(im->c->store), "postgresql") == 0;
	if (b->pipelined)
		store_bulk(im->c->store, true);
}

void
imp_bulk_end(struct imp *im)
{
	struct imp_bulk *b = im->bulk;

	if (b == NULL)
		return;
	imp_bulk_forget(im, b->last);
	if (b->pipelined)
		store_bulk(im->c->store, false);
	free(b->vil);
	free(b->cats);
	api_item_memo_free(&b->memo);
	arena_free(b->a);
	free(b);
	im->bulk = NULL;
}
