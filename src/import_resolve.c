/*
 * Names in a sheet into the store's codes and ids: places searched
 * within the ledger's region ("虞乡镇新源村" or "新源村"), units by name,
 * fund sources against the ledger's dictionary.  Ambiguous or unknown
 * names are errors with the candidates; each text is looked up once.
 */
#include <string.h>

#include "arena.h"
#include "import_int.h"
#include "ledger.h"
#include "store_place.h"
#include "store_unit.h"
#include "util.h"

static int
imp_units_add(const struct unit *u, void *arg)
{
	struct imp	*im = arg;
	json_t		*arr;

	if ((arr = json_object_get(im->units, u->name)) == NULL) {
		arr = json_array();
		json_object_set_new(im->units, u->name, arr);
	}
	json_array_append_new(arr, json_pack("{s:I, s:s, s:s}", "id",
	    (json_int_t)u->id, "name", u->name, "place", u->place_code));
	return 0;
}

void
imp_units_load(struct imp *im)
{
	im->units = json_object();
	store_unit_list(im->c->store, imp_units_add, im);
}

/* Does the unit's place lie in the import's region (or is it unknown)? */
static bool
imp_unit_local(const struct imp *im, json_t *u)
{
	const char *p = json_string_value(json_object_get(u, "place"));

	return im->within[0] == '\0' || p == NULL || *p == '\0' ||
	    place_in_region(p, im->within) || place_in_region(im->within, p);
}

/* Append to out the units named like name: exactly, or one name ending
 * with the other (永济市交通运输局 and 交通运输局). */
static void
imp_unit_matches(struct imp *im, const char *name, json_t *out)
{
	const char	*k;
	json_t		*arr, *u;
	size_t		 i;

	if ((arr = json_object_get(im->units, name)) != NULL) {
		json_array_foreach(arr, i, u)
			json_array_append(out, u);
		return;
	}
	json_object_foreach(im->units, k, arr)
		if ((util_endswith(k, name) && strlen(name) >= 6) ||
		    (util_endswith(name, k) && strlen(k) >= 6))
			json_array_foreach(arr, i, u)
				json_array_append(out, u);
}

/* The unit called name, or 0 after recording a problem. */
static int64_t
imp_unit(struct imp *im, int ri, const struct sheetcol *col,
    const char *name)
{
	json_t	*all = json_array(), *local = json_array(), *u, *cands;
	size_t	 i;
	int64_t	 id = 0;

	imp_unit_matches(im, name, all);
	json_array_foreach(all, i, u)
		if (imp_unit_local(im, u))
			json_array_append(local, u);
	if (json_array_size(local) == 1)
		id = json_integer_value(json_object_get(json_array_get(local,
		    0), "id"));
	else if (json_array_size(local) == 0)
		imp_problem(im, ri, col, true, arena_printf(im->a,
		    "找不到单位「%s」,请先在「单位」中添加或改为系统中的单位名称",
		    name), NULL);
	else {
		cands = json_array();
		json_array_foreach(local, i, u)
			if (i < IMPORT_CANDIDATES)
				json_array_append_new(cands, json_pack("{s:O, s:O}",
				    "id", json_object_get(u, "id"), "name",
				    json_object_get(u, "name")));
		imp_problem(im, ri, col, true, arena_printf(im->a,
		    "单位「%s」有%zu个同名,请写明全称", name,
		    json_array_size(local)), cands);
	}
	json_decref(all);
	json_decref(local);
	return id;
}

/*
 * How well p matches query q: 2 when q ends with its name or short name
 * (虞乡镇新源村 and 新源村委会), 1 when only the core names agree (新源
 * and 新源村), 0 otherwise.
 */
static int
imp_place_match(const char *q, const struct place *p)
{
	char core[PLACE_NAME_MAX], qcore[PLACE_NAME_MAX];

	if (util_endswith(q, p->name) || util_endswith(q, p->short_name))
		return 2;
	place_core_name(p->name, core, sizeof(core));
	place_core_name(q, qcore, sizeof(qcore));
	return strcmp(core, qcore) == 0 ? 1 : 0;
}

/* {"code"} or {"why", "candidates"} for one place text, cached. */
static json_t *
imp_place(struct imp *im, const char *q)
{
	struct place	 found[IMPORT_CANDIDATES], parent;
	json_t		*hit, *cands;
	int		 n = 0, i, nexact = 0, last = -1, best = 0, m;

	if ((hit = json_object_get(im->places, q)) != NULL)
		return hit;
	if (store_place_search(im->c->store, q, im->within, 0,
	    IMPORT_CANDIDATES, found, &n) != STORE_OK)
		n = 0;
	for (i = 0; i < n; i++)
		if ((m = imp_place_match(q, &found[i])) > best)
			best = m;
	cands = json_array();
	for (i = 0; i < n; i++) {
		const char *pname = "";

		if (best > 0 && imp_place_match(q, &found[i]) == best) {
			nexact++;
			last = i;
		}
		if (found[i].parent[0] && store_place_get(im->c->store,
		    found[i].parent, &parent) == STORE_OK)
			pname = parent.name;
		json_array_append_new(cands, json_pack("{s:s, s:s}", "code",
		    found[i].code, "name", arena_printf(im->a, "%s%s%s", pname,
		    *pname ? " " : "", found[i].name)));
	}
	if (nexact == 1) {
		json_decref(cands);
		hit = json_pack("{s:s}", "code", found[last].code);
	} else if (nexact > 1)
		hit = json_pack("{s:s, s:o}", "why", arena_printf(im->a,
		    "地点「%s」在本台账区域内有%d处同名,请写上乡镇,如「某某镇%s」",
		    q, nexact, q), "candidates", cands);
	else
		hit = json_pack("{s:s, s:o}", "why", n ? arena_printf(im->a,
		    "地点「%s」在本台账区域内找不到,是否指下列地点?", q) :
		    arena_printf(im->a, "地点「%s」在本台账区域内找不到", q),
		    "candidates", cands);
	json_object_set_new(im->places, q, hit);
	return hit;
}

static void
imp_places(struct imp *im, struct rowbody *rb)
{
	json_t		*arr = json_array(), *hit;
	char		*tok;
	const char	*text;

	if (rb->town && rb->village)
		text = arena_printf(im->a, "%s%s", rb->town, rb->village);
	else
		text = rb->places ? rb->places : rb->village ? rb->village :
		    rb->town;
	while ((tok = imp_token(im, &text)) != NULL) {
		hit = imp_place(im, tok);
		if (json_object_get(hit, "code"))
			json_array_append(arr, json_object_get(hit, "code"));
		else
			imp_problem(im, rb->ri, rb->places_col, true,
			    json_string_value(json_object_get(hit, "why")),
			    json_incref(json_object_get(hit, "candidates")));
	}
	json_object_set_new(rb->body, "places", arr);
}

/* 实施单位及责任人 "下符桥镇金宏伟": the longest unit name it starts
 * with, the rest a person. */
static void
imp_lead_person(struct imp *im, struct rowbody *rb)
{
	const char	*t = rb->lead_person, *k, *best = NULL, *rest;
	json_t		*arr;
	size_t		 blen = 0;
	int64_t		 id;

	json_object_foreach(im->units, k, arr)
		if (strncmp(t, k, strlen(k)) == 0 && strlen(k) > blen) {
			best = k;
			blen = strlen(k);
		}
	if (best == NULL) {
		rest = t + strcspn(t, "、,/ ");
		best = arena_strndup(im->a, t, (size_t)(rest - t));
		blen = strlen(best);
	}
	rest = t + blen;
	rest += strspn(rest, "、,/ ");
	if ((id = imp_unit(im, rb->ri, rb->lead_col, best)) > 0)
		json_object_set_new(rb->body, "lead_unit_id", json_integer(id));
	if (*rest && !json_object_get(rb->body, "responsible"))
		json_object_set_new(rb->body, "responsible", json_string(rest));
}

/* A fund source against the dictionary: exact, or the one entry that
 * starts with it (市级 -> 市级财政) or that it starts with. */
static const char *
imp_fund_source(struct imp *im, const char *text)
{
	json_t		*d = ledger_dict(im->l, "fund_source"), *v;
	const char	*hit = NULL, *e;
	size_t		 i;
	int		 n = 0;

	json_array_foreach(d, i, v) {
		e = json_string_value(v);
		if (strcmp(e, text) == 0)
			return e;
		if (strncmp(e, text, strlen(text)) == 0 ||
		    strncmp(text, e, strlen(e)) == 0) {
			hit = e;
			n++;
		}
	}
	return n == 1 ? hit : NULL;
}

void
imp_resolve(struct imp *im, struct rowbody *rb)
{
	json_t		*arr, *v, *f;
	const char	*src, *key, *type;
	char		*tok;
	int64_t		 id;
	size_t		 i;

	if (rb->places || rb->town || rb->village)
		imp_places(im, rb);
	if (rb->lead && (id = imp_unit(im, rb->ri, rb->lead_col,
	    rb->lead)) > 0)
		json_object_set_new(rb->body, "lead_unit_id", json_integer(id));
	if (rb->lead_person && !rb->lead)
		imp_lead_person(im, rb);
	if (rb->co) {
		const char *cur = rb->co;

		arr = json_array();
		while ((tok = imp_token(im, &cur)) != NULL)
			if ((id = imp_unit(im, rb->ri, rb->co_col,
			    tok)) > 0)
				json_array_append_new(arr, json_integer(id));
		json_object_set_new(rb->body, "co_unit_ids", arr);
	}
	if (rb->fund_source) {
		if ((src = imp_fund_source(im, rb->fund_source)) == NULL)
			imp_problem(im, rb->ri, rb->fund_col, true, arena_printf(
			    im->a, "资金来源「%s」不在本台账的资金来源字典中",
			    rb->fund_source), json_incref(ledger_dict(im->l,
			    "fund_source")));
		else if (!rb->has_amount)
			imp_problem(im, rb->ri, rb->fund_col, false,
			    "有资金来源而没有资金规模,未记资金", NULL);
		else
			json_object_set_new(rb->body, "funds", json_pack(
			    "[{s:s, s:s, s:O}]", "source", src, "kind", "计划",
			    "amount", json_object_get(rb->body, "amount")));
	}
	/* custom fields of type unit hold a unit's name until here */
	json_array_foreach(json_object_get(im->l->config, "custom"), i, f) {
		key = json_string_value(json_object_get(f, "key"));
		type = json_string_value(json_object_get(f, "type"));
		if (strcmp(type, "unit") != 0 || (v = json_object_get(rb->custom,
		    key)) == NULL || !json_is_string(v))
			continue;
		id = imp_unit(im, rb->ri, imp_col(im, arena_printf(im->a,
		    "custom:%s", key)), json_string_value(v));
		json_object_set_new(rb->custom, key, json_integer(id > 0 ? id :
		    0));
	}
}
