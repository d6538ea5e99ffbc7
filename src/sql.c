/*
 * The statement texts.  $n placeholders, RETURNING for new ids; a NULL
 * test on a parameter casts it so PostgreSQL knows its type.
 */
#include "sql.h"

#define USER_COLS \
	"id, login, name, phone, role, disabled, created_at, updated_at, version"
#define UNIT_COLS \
	"id, parent_id, name, kind, place_code, phone, created_at, updated_at, version"
#define PLACE_COLS "code, name, short_name, level, parent, old_area_class"

/*
 * An item's columns, in the order store_item.c reads them; the light
 * last, computed with $2 = today (light.h has the rule in C).
 */
#define ITEM_COLS \
	"i.id, i.ledger_id, i.seq, i.code, i.title, i.content, i.category, " \
	"i.state, i.done, i.lead_unit_id, lu.name, i.leader, i.leader_phone, " \
	"i.responsible, i.responsible_phone, i.start_day, i.deadline_day, " \
	"i.completed_day, i.progress, i.progress_text, i.amount_fen, " \
	"i.paid_fen, i.households, i.persons, i.poor_households, " \
	"i.monitored_households, i.custom, i.created_by, i.created_at, " \
	"i.updated_by, i.updated_at, i.version"
#define ITEM_LIGHT(today) SQL_ITEM_LIGHT(today)
#define ITEM_FROM \
	" FROM item i JOIN ledger l ON l.id = i.ledger_id " \
	"LEFT JOIN unit lu ON lu.id = i.lead_unit_id "
/*
 * Without the lead unit's name: what counts and statistics read, so
 * that the index item_stats covers them; CROSS JOIN keeps SQLite from
 * walking the ledgers first and each one's items by seq (a read of every
 * row in no order), and the ledger's id is matched in ITEM_WHERE.
 */
#define ITEM_FROM_STATS " FROM item i CROSS JOIN ledger l "
/*
 * Scope: admins ($3 = 1) see all; others the items whose places lie in
 * one of their regions, whose units lie below one of their units, or
 * whose ledger belongs to one of their regions or units.  $4 user.
 * A region R covers the codes in [R, R || ':'), ':' following '9'.
 */
#define ITEM_SCOPE \
	"($3 = 1 OR EXISTS (SELECT 1 FROM membership m WHERE m.user_id = $4 " \
	"AND ((m.region IS NOT NULL AND (EXISTS (SELECT 1 FROM item_place ip " \
	"WHERE ip.item_id = i.id AND ip.place_code >= m.region AND " \
	"ip.place_code < m.region || ':') OR (l.region >= m.region AND " \
	"l.region < m.region || ':'))) OR (m.unit_id IS NOT NULL AND " \
	"(EXISTS (SELECT 1 FROM item_unit iu JOIN unit_closure uc ON " \
	"uc.descendant = iu.unit_id WHERE iu.item_id = i.id AND " \
	"uc.ancestor = m.unit_id) OR EXISTS (SELECT 1 FROM unit_closure uc2 " \
	"WHERE uc2.ancestor = m.unit_id AND uc2.descendant = " \
	"l.owner_unit_id))))))"
/*
 * The filters of lists and statistics; NULL means no filter.
 * $1 ledger (0: all), $2 today, $3 admin, $4 user, $5 state, $6 light,
 * $7 category, $8 unit (with the units below), $9..$10 place code
 * range, $11..$12 deadline range, $13 LIKE pattern on title and
 * content, $14 LIKE pattern on the custom JSON, $15 done (0/1).
 * SQL_FILTERS marks where store_item_stmt() puts the filters given,
 * each as a term an index can serve ("i.state = $5"), and the others as
 * terms on the parameter alone ("CAST($5 AS TEXT) IS NULL"), which the
 * engines evaluate once: a statement with the mark is run through
 * db_stmt_text(), one text per set of filters.
 */
#define ITEM_WHERE \
	"WHERE l.id = i.ledger_id AND " ITEM_SCOPE " " SQL_FILTERS " "
#define ITEM_LIST(order) \
	"SELECT " ITEM_COLS ", " ITEM_LIGHT("$2") ITEM_FROM ITEM_WHERE \
	"ORDER BY " order ", i.id LIMIT $16 OFFSET $17"
/*
 * Statistics (store_stats.c), on the items of ITEM_WHERE.  The inner
 * query gives one row per item and group: k the group's key, money the
 * item's money in it.  The middle one sums per group, the outer one
 * names the group (label, from join) and sorts by money then key;
 * $16 rows.
 */
#define STATS_ROWS(inner, join, label) \
	"SELECT s.k, " label ", s.n, s.money, s.paid, s.hh, s.persons, " \
	"s.poor FROM (SELECT g.k AS k, count(*) AS n, coalesce(sum(g.money), " \
	"0) AS money, coalesce(sum(g.paid), 0) AS paid, coalesce(sum(g.hh), " \
	"0) AS hh, coalesce(sum(g.persons), 0) AS persons, " \
	"coalesce(sum(g.poor), 0) AS poor FROM (" inner ") g GROUP BY g.k) s " \
	join "ORDER BY s.money DESC, (s.k IS NULL), s.k LIMIT $16"
#define STATS_MEASURES \
	"i.paid_fen AS paid, i.households AS hh, i.persons AS persons, " \
	"i.poor_households AS poor"
/* Groups with one key per item. */
#define STATS_BY(key, join, label) \
	STATS_ROWS("SELECT " key " AS k, i.amount_fen AS money, " \
	STATS_MEASURES ITEM_FROM_STATS ITEM_WHERE, join, label)
/*
 * Duplicate construction (dup.c): items of project and need ledgers
 * not withdrawn, stopped or refused; item x in the scope of $3 admin,
 * $4 user; items x and y not linked (a need and its project, 续建).
 */
#define DUP_LIVE(x) \
	x ".state NOT IN ('退库', '终止', '不予支持')"
#define DUP_KINDS(l) \
	l ".kind IN ('project', 'need')"
/* x must not be written with the aliases i or l, which this reuses */
#define ITEM_SCOPE_OF(x) \
	"($3 = 1 OR EXISTS (SELECT 1 FROM item i JOIN ledger l ON " \
	"l.id = i.ledger_id WHERE i.id = " x " AND " ITEM_SCOPE "))"
#define DUP_UNLINKED(x, y) \
	"NOT EXISTS (SELECT 1 FROM item_link k WHERE (k.from_item = " x \
	" AND k.to_item = " y ") OR (k.from_item = " y " AND k.to_item = " \
	x "))"

/* "$1, $2, ..., $n": PARAMS(n), n from 1 to 50. */
#define PARAMS_1	"$1"
#define PARAMS_2	PARAMS_1 ", $2"
#define PARAMS_3	PARAMS_2 ", $3"
#define PARAMS_4	PARAMS_3 ", $4"
#define PARAMS_5	PARAMS_4 ", $5"
#define PARAMS_6	PARAMS_5 ", $6"
#define PARAMS_7	PARAMS_6 ", $7"
#define PARAMS_8	PARAMS_7 ", $8"
#define PARAMS_9	PARAMS_8 ", $9"
#define PARAMS_10	PARAMS_9 ", $10"
#define PARAMS_11	PARAMS_10 ", $11"
#define PARAMS_12	PARAMS_11 ", $12"
#define PARAMS_13	PARAMS_12 ", $13"
#define PARAMS_14	PARAMS_13 ", $14"
#define PARAMS_15	PARAMS_14 ", $15"
#define PARAMS_16	PARAMS_15 ", $16"
#define PARAMS_17	PARAMS_16 ", $17"
#define PARAMS_18	PARAMS_17 ", $18"
#define PARAMS_19	PARAMS_18 ", $19"
#define PARAMS_20	PARAMS_19 ", $20"
#define PARAMS_21	PARAMS_20 ", $21"
#define PARAMS_22	PARAMS_21 ", $22"
#define PARAMS_23	PARAMS_22 ", $23"
#define PARAMS_24	PARAMS_23 ", $24"
#define PARAMS_25	PARAMS_24 ", $25"
#define PARAMS_26	PARAMS_25 ", $26"
#define PARAMS_27	PARAMS_26 ", $27"
#define PARAMS_28	PARAMS_27 ", $28"
#define PARAMS_29	PARAMS_28 ", $29"
#define PARAMS_30	PARAMS_29 ", $30"
#define PARAMS_31	PARAMS_30 ", $31"
#define PARAMS_32	PARAMS_31 ", $32"
#define PARAMS_33	PARAMS_32 ", $33"
#define PARAMS_34	PARAMS_33 ", $34"
#define PARAMS_35	PARAMS_34 ", $35"
#define PARAMS_36	PARAMS_35 ", $36"
#define PARAMS_37	PARAMS_36 ", $37"
#define PARAMS_38	PARAMS_37 ", $38"
#define PARAMS_39	PARAMS_38 ", $39"
#define PARAMS_40	PARAMS_39 ", $40"
#define PARAMS_41	PARAMS_40 ", $41"
#define PARAMS_42	PARAMS_41 ", $42"
#define PARAMS_43	PARAMS_42 ", $43"
#define PARAMS_44	PARAMS_43 ", $44"
#define PARAMS_45	PARAMS_44 ", $45"
#define PARAMS_46	PARAMS_45 ", $46"
#define PARAMS_47	PARAMS_46 ", $47"
#define PARAMS_48	PARAMS_47 ", $48"
#define PARAMS_49	PARAMS_48 ", $49"
#define PARAMS_50	PARAMS_49 ", $50"
#define PARAMS_(n)	PARAMS_##n
#define PARAMS(n)	PARAMS_(n)

/*
 * The parts of items (store_item.c): those of item $1 (STMT_ITEM_T), and
 * those of the items $1..$SQL_ITEM_IDS (STMT_ITEM_T_IN; an id left NULL
 * matches nothing), ordered by item and each item's as for one; the
 * item's id first, then cols.
 */
#define ITEM_PART(T, id, cols, from, where, order) \
	[STMT_ITEM_##T] = "SELECT " id ", " cols " FROM " from " WHERE " \
	    where id " = $1 ORDER BY " order, \
	[STMT_ITEM_##T##_IN] = "SELECT " id ", " cols " FROM " from " WHERE " \
	    where id " IN (" PARAMS(SQL_ITEM_IDS) ") ORDER BY " id ", " order

const char *const sql[STMT__MAX] = {
	[STMT_MIG_CREATE] =
	    "CREATE TABLE IF NOT EXISTS schema_migration ("
	    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	    "applied_at BIGINT NOT NULL)",
	[STMT_MIG_MAX] =
	    "SELECT coalesce(max(version), 0) FROM schema_migration",
	[STMT_MIG_RECORD] =
	    "INSERT INTO schema_migration (version, name, applied_at) "
	    "VALUES ($1, $2, $3)",
	[STMT_META_GET] =
	    "SELECT value FROM meta WHERE key = $1",
	[STMT_META_SET] =
	    "INSERT INTO meta (key, value) VALUES ($1, $2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",

	[STMT_PLACE_UPSERT] =
	    "INSERT INTO place (code, name, short_name, core_name, level, parent) "
	    "VALUES ($1, $2, $3, $4, $5, $6) "
	    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
	    "short_name = excluded.short_name, core_name = excluded.core_name, "
	    "level = excluded.level, parent = excluded.parent "
	    "WHERE place.name <> excluded.name OR place.level <> excluded.level "
	    "OR place.parent IS DISTINCT FROM excluded.parent",
	[STMT_PLACE_GET] =
	    "SELECT " PLACE_COLS " FROM place WHERE code = $1",
	[STMT_PLACE_CHILD_COUNT] =
	    "SELECT count(*) FROM place WHERE parent = $1",
	[STMT_PLACE_CHILDREN] =
	    "SELECT " PLACE_COLS " FROM place WHERE parent = $1 ORDER BY code",
	[STMT_PLACE_ROOTS] =
	    "SELECT " PLACE_COLS " FROM place WHERE level = 1 ORDER BY code",
	/* $1 name, $2..$3 code range, $4 level or 0, $5 limit */
	[STMT_PLACE_FIND_SHORT] =
	    "SELECT " PLACE_COLS " FROM place WHERE short_name = $1 "
	    "AND code >= $2 AND code < $3 AND ($4 = 0 OR level = $4) "
	    "ORDER BY level, code LIMIT $5",
	[STMT_PLACE_FIND_CORE] =
	    "SELECT " PLACE_COLS " FROM place WHERE core_name = $1 "
	    "AND code >= $2 AND code < $3 AND ($4 = 0 OR level = $4) "
	    "ORDER BY level, code LIMIT $5",
	/* $1..$2 name range, $3..$4 code range, $5 level or 0, $6 limit;
	 * planned on place_core (code || '' is no index term), for a wide
	 * range: a province holds 23,500 places, a name prefix a few */
	[STMT_PLACE_FIND_PREFIX] =
	    "SELECT " PLACE_COLS " FROM place WHERE core_name > $1 "
	    "AND core_name < $2 AND code || '' >= $3 AND code || '' < $4 "
	    "AND ($5 = 0 OR level = $5) ORDER BY level, code LIMIT $6",
	/* the same on the code range, for a county or smaller */
	[STMT_PLACE_FIND_PREFIX_IN] =
	    "SELECT " PLACE_COLS " FROM place WHERE core_name > $1 "
	    "AND core_name < $2 AND code >= $3 AND code < $4 "
	    "AND ($5 = 0 OR level = $5) ORDER BY level, code LIMIT $6",
	/* $1 LIKE pattern with \ escapes, $2..$3 code range, $4, $5 */
	[STMT_PLACE_FIND_LIKE] =
	    "SELECT " PLACE_COLS " FROM place WHERE name LIKE $1 ESCAPE '\\' "
	    "AND code >= $2 AND code < $3 AND ($4 = 0 OR level = $4) "
	    "ORDER BY level, code LIMIT $5",
	[STMT_PLACE_COUNT_LEVEL] =
	    "SELECT level, count(*) FROM place GROUP BY level ORDER BY level",
	[STMT_PLACE_SET_CLASS] =
	    "UPDATE place SET old_area_class = $2, updated_at = $3 "
	    "WHERE code = $1",
	[STMT_PLACE_FIGURE_UPSERT] =
	    "INSERT INTO place_figure (code, year, population, households, "
	    "income_fen) VALUES ($1, $2, $3, $4, $5) "
	    "ON CONFLICT (code, year) DO UPDATE SET "
	    "population = excluded.population, "
	    "households = excluded.households, income_fen = excluded.income_fen",
	[STMT_PLACE_FIGURES] =
	    "SELECT year, population, households, income_fen FROM place_figure "
	    "WHERE code = $1 ORDER BY year",
	/* places load: is the table empty; a plain insert into an empty
	 * one; the counts of meta "place_counts" made stale */
	[STMT_PLACE_ANY] =
	    "SELECT 1 FROM place LIMIT 1",
	[STMT_PLACE_INSERT] =
	    "INSERT INTO place (code, name, short_name, core_name, level, "
	    "parent) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_PLACE_COUNTS_FORGET] =
	    "DELETE FROM meta WHERE key = 'place_counts'",

	[STMT_UNIT_INSERT] =
	    "INSERT INTO unit (parent_id, name, kind, place_code, phone, "
	    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) "
	    "RETURNING id",
	[STMT_UNIT_GET] =
	    "SELECT " UNIT_COLS " FROM unit WHERE id = $1",
	[STMT_UNIT_LIST] =
	    "SELECT " UNIT_COLS " FROM unit ORDER BY coalesce(parent_id, 0), id",
	[STMT_UNIT_UPDATE] =
	    "UPDATE unit SET parent_id = $2, name = $3, kind = $4, "
	    "place_code = $5, phone = $6, updated_at = $7, "
	    "version = version + 1 WHERE id = $1 AND version = $8",
	[STMT_UNIT_DELETE] =
	    "DELETE FROM unit WHERE id = $1 AND version = $2",
	[STMT_UNIT_CHILD_COUNT] =
	    "SELECT count(*) FROM unit WHERE parent_id = $1",
	[STMT_UNIT_MEMBER_COUNT] =
	    "SELECT count(*) FROM membership WHERE unit_id = $1",
	[STMT_UNIT_SAME_NAME] =
	    "SELECT id FROM unit WHERE name = $1 "
	    "AND parent_id IS NOT DISTINCT FROM $2 AND id <> $3",
	[STMT_UNIT_ANCESTORS] =
	    "WITH RECURSIVE up (id, parent_id, depth) AS ("
	    "SELECT id, parent_id, 0 FROM unit WHERE id = $1 "
	    "UNION ALL SELECT u.id, u.parent_id, up.depth + 1 "
	    "FROM unit u JOIN up ON u.id = up.parent_id WHERE up.depth < 64) "
	    "SELECT id FROM up ORDER BY depth",
	[STMT_UNIT_COUNT] =
	    "SELECT count(*) FROM unit",

	[STMT_USER_INSERT] =
	    "INSERT INTO app_user (login, name, phone, pw_hash, role, "
	    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) "
	    "RETURNING id",
	[STMT_USER_GET] =
	    "SELECT " USER_COLS " FROM app_user WHERE id = $1",
	[STMT_USER_BY_LOGIN] =
	    "SELECT " USER_COLS ", pw_hash FROM app_user WHERE login = $1",
	[STMT_USER_LIST] =
	    "SELECT " USER_COLS " FROM app_user ORDER BY id",
	[STMT_USER_UPDATE] =
	    "UPDATE app_user SET name = $2, phone = $3, role = $4, "
	    "updated_at = $5, version = version + 1 WHERE id = $1",
	[STMT_USER_SET_PW] =
	    "UPDATE app_user SET pw_hash = $2, updated_at = $3, "
	    "version = version + 1 WHERE id = $1",
	[STMT_USER_SET_DISABLED] =
	    "UPDATE app_user SET disabled = $2, updated_at = $3, "
	    "version = version + 1 WHERE id = $1",
	[STMT_USER_COUNT] =
	    "SELECT count(*) FROM app_user",
	[STMT_MEMB_INSERT] =
	    "INSERT INTO membership (user_id, role, unit_id, region, is_main) "
	    "VALUES ($1, $2, $3, $4, $5)",
	[STMT_MEMB_DELETE_USER] =
	    "DELETE FROM membership WHERE user_id = $1",
	[STMT_MEMB_LIST_USER] =
	    "SELECT m.role, m.unit_id, m.region, m.is_main, "
	    "coalesce(u.name, p.name, '') FROM membership m "
	    "LEFT JOIN unit u ON u.id = m.unit_id "
	    "LEFT JOIN place p ON p.code = m.region "
	    "WHERE m.user_id = $1 ORDER BY m.is_main DESC, m.id",

	[STMT_SESS_INSERT] =
	    "INSERT INTO session (token_hash, user_id, csrf, ip, created_at, "
	    "expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_SESS_GET] =
	    "SELECT s.user_id, s.csrf FROM session s "
	    "JOIN app_user u ON u.id = s.user_id "
	    "WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
	[STMT_SESS_DELETE] =
	    "DELETE FROM session WHERE token_hash = $1",
	[STMT_SESS_DELETE_USER] =
	    "DELETE FROM session WHERE user_id = $1",
	[STMT_SESS_PURGE] =
	    "DELETE FROM session WHERE expires_at <= $1",
	[STMT_TOKEN_INSERT] =
	    "INSERT INTO api_token (token_hash, user_id, name, created_at) "
	    "VALUES ($1, $2, $3, $4) RETURNING id",
	[STMT_TOKEN_GET] =
	    "SELECT t.user_id FROM api_token t "
	    "JOIN app_user u ON u.id = t.user_id "
	    "WHERE t.token_hash = $1 AND t.revoked_at IS NULL "
	    "AND u.disabled = 0",
	[STMT_TOKEN_REVOKE_USER] =
	    "UPDATE api_token SET revoked_at = $2 "
	    "WHERE user_id = $1 AND revoked_at IS NULL",
	[STMT_FAIL_INSERT] =
	    "INSERT INTO login_failure (login, ip, at) VALUES ($1, $2, $3)",
	[STMT_FAIL_COUNT_LOGIN] =
	    "SELECT count(*) FROM login_failure WHERE login = $1 AND at > $2",
	[STMT_FAIL_COUNT_IP] =
	    "SELECT count(*) FROM login_failure WHERE ip = $1 AND at > $2",
	[STMT_FAIL_CLEAR_LOGIN] =
	    "DELETE FROM login_failure WHERE login = $1",

	[STMT_AUDIT_INSERT] =
	    "INSERT INTO audit (at, user_id, actor, ip, action, entity, "
	    "entity_id, before_json, after_json) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	/* $1 entity, $2 entity_id, $3 user, $4 from, $5 to, $6 action,
	 * $7 before id, $8 limit; NULL means no filter. */
	[STMT_AUDIT_LIST] =
	    "SELECT id, at, user_id, actor, ip, action, entity, entity_id, "
	    "before_json, after_json FROM audit "
	    "WHERE (CAST($1 AS TEXT) IS NULL OR entity = $1) "
	    "AND (CAST($2 AS TEXT) IS NULL OR entity_id = $2) "
	    "AND (CAST($3 AS BIGINT) IS NULL OR user_id = $3) "
	    "AND (CAST($4 AS BIGINT) IS NULL OR at >= $4) "
	    "AND (CAST($5 AS BIGINT) IS NULL OR at < $5) "
	    "AND (CAST($6 AS TEXT) IS NULL OR action = $6) "
	    "AND (CAST($7 AS BIGINT) IS NULL OR id < $7) "
	    "ORDER BY id DESC LIMIT $8",
	[STMT_UNIT_CLOSURE_CLEAR] =
	    "DELETE FROM unit_closure",
	[STMT_UNIT_CLOSURE_FILL] =
	    "INSERT INTO unit_closure (ancestor, descendant) "
	    "WITH RECURSIVE c (ancestor, descendant, depth) AS ("
	    "SELECT id, id, 0 FROM unit UNION ALL "
	    "SELECT c.ancestor, u.id, c.depth + 1 FROM unit u "
	    "JOIN c ON u.parent_id = c.descendant WHERE c.depth < 64) "
	    "SELECT DISTINCT ancestor, descendant FROM c",

	/* $1 the new unit, $2 its parent (or NULL) */
	[STMT_UNIT_CLOSURE_ADD] =
	    "INSERT INTO unit_closure (ancestor, descendant) "
	    "SELECT ancestor, CAST($1 AS BIGINT) FROM unit_closure "
	    "WHERE descendant = $2 UNION SELECT CAST($1 AS BIGINT), "
	    "CAST($1 AS BIGINT)",
	[STMT_UNIT_CLOSURE_DEL] =
	    "DELETE FROM unit_closure WHERE descendant = $1 OR ancestor = $1",

	[STMT_LEDGER_INSERT] =
	    "INSERT INTO ledger (name, kind, template, year, owner_unit_id, "
	    "region, config, warn_days, lag_points, created_by, created_at, "
	    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
	    "$11) RETURNING id",
	[STMT_LEDGER_GET] =
	    "SELECT id, name, kind, template, year, owner_unit_id, region, "
	    "config, warn_days, lag_points, created_at, updated_at, version "
	    "FROM ledger WHERE id = $1",
	[STMT_LEDGER_LIST] =
	    "SELECT id, name, kind, template, year, owner_unit_id, region, "
	    "config, warn_days, lag_points, created_at, updated_at, version "
	    "FROM ledger ORDER BY coalesce(year, 0) DESC, id",
	[STMT_LEDGER_UPDATE] =
	    "UPDATE ledger SET name = $2, year = $3, owner_unit_id = $4, "
	    "region = $5, config = $6, warn_days = $7, lag_points = $8, "
	    "updated_at = $9, version = version + 1 "
	    "WHERE id = $1 AND version = $10",
	[STMT_LEDGER_TAKE_SEQ] =
	    "UPDATE ledger SET next_seq = next_seq + 1 WHERE id = $1 "
	    "RETURNING next_seq - 1",
	[STMT_LEDGER_BUMP_SEQ] =
	    "UPDATE ledger SET next_seq = $2 WHERE id = $1 AND next_seq < $2",
	[STMT_LEDGER_ITEM_COUNT] =
	    "SELECT count(*) FROM item WHERE ledger_id = $1",

	[STMT_ITEM_INSERT] =
	    "INSERT INTO item (ledger_id, seq, code, title, content, category, "
	    "state, done, lead_unit_id, leader, leader_phone, responsible, "
	    "responsible_phone, start_day, deadline_day, completed_day, "
	    "progress, progress_text, amount_fen, households, persons, "
	    "poor_households, monitored_households, custom, created_by, "
	    "created_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, "
	    "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
	    "$20, $21, $22, $23, $24, $25, $26, $25, $26) RETURNING id",
	[STMT_ITEM_GET] =
	    "SELECT " ITEM_COLS ", " ITEM_LIGHT("$2") ITEM_FROM
	    "WHERE i.id = $1",
	[STMT_ITEM_UPDATE] =
	    "UPDATE item SET seq = $2, code = $3, title = $4, content = $5, "
	    "category = $6, lead_unit_id = $7, leader = $8, leader_phone = $9, "
	    "responsible = $10, responsible_phone = $11, start_day = $12, "
	    "deadline_day = $13, completed_day = $14, progress = $15, "
	    "progress_text = $16, amount_fen = $17, households = $18, "
	    "persons = $19, poor_households = $20, monitored_households = $21, "
	    "custom = $22, updated_by = $23, updated_at = $24, "
	    "version = version + 1 WHERE id = $1 AND version = $25",
	[STMT_ITEM_SET_STATE] =
	    "UPDATE item SET state = $2, done = $3, completed_day = "
	    "coalesce($4, completed_day), updated_by = $5, updated_at = $6, "
	    "version = version + 1 WHERE id = $1 AND version = $7",
	[STMT_ITEM_SET_PROGRESS] =
	    "UPDATE item SET progress = $2, progress_text = $3, updated_by = $4, "
	    "updated_at = $5, version = version + 1 "
	    "WHERE id = $1 AND version = $6",
	[STMT_ITEM_RECALC_PAID] =
	    "UPDATE item SET paid_fen = (SELECT coalesce(sum(paid_fen), 0) "
	    "FROM item_update WHERE item_id = $1) + (SELECT "
	    "coalesce(sum(amount_fen), 0) FROM fund_line WHERE item_id = $1 "
	    "AND kind = '支付') WHERE id = $1",
	[STMT_ITEM_PLACES_DELETE] =
	    "DELETE FROM item_place WHERE item_id = $1",
	[STMT_ITEM_PLACE_INSERT] =
	    "INSERT INTO item_place (item_id, place_code, share_fen, "
	    "share_given, detail) VALUES ($1, $2, $3, $4, $5)",
	[STMT_ITEM_UNITS_DELETE] =
	    "DELETE FROM item_unit WHERE item_id = $1",
	[STMT_ITEM_UNIT_INSERT] =
	    "INSERT INTO item_unit (item_id, unit_id, role) VALUES ($1, $2, $3)",
	[STMT_ITEM_FUNDS_DELETE] =
	    "DELETE FROM fund_line WHERE item_id = $1",
	[STMT_ITEM_FUND_INSERT] =
	    "INSERT INTO fund_line (item_id, source, unit_id, kind, amount_fen, "
	    "day, doc_no, place_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_ITEM_TARGETS_DELETE] =
	    "DELETE FROM item_target WHERE item_id = $1",
	[STMT_ITEM_TARGET_INSERT] =
	    "INSERT INTO item_target (item_id, level1, level2, indicator, op, "
	    "target, actual, unit) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	ITEM_PART(PLACES, "ip.item_id", "ip.place_code, p.name, ip.share_fen, "
	    "ip.share_given, ip.detail", "item_place ip JOIN place p ON "
	    "p.code = ip.place_code", "", "ip.place_code"),
	ITEM_PART(UNITS, "iu.item_id", "iu.unit_id, u.name", "item_unit iu "
	    "JOIN unit u ON u.id = iu.unit_id", "iu.role = 'co' AND ",
	    "iu.unit_id"),
	ITEM_PART(FUNDS, "item_id", "source, unit_id, kind, amount_fen, day, "
	    "doc_no, place_code", "fund_line", "", "id"),
	ITEM_PART(TARGETS, "item_id", "level1, level2, indicator, op, target, "
	    "actual, unit", "item_target", "", "id"),
	/* $1 item, $3 admin, $4 user: 1 row if the user may see it */
	[STMT_ITEM_VISIBLE] =
	    "SELECT 1" ITEM_FROM "WHERE i.id = $1 AND CAST($2 AS BIGINT) = "
	    "CAST($2 AS BIGINT) AND " ITEM_SCOPE,
	[STMT_ITEM_COUNT] =
	    "SELECT count(*)" ITEM_FROM_STATS ITEM_WHERE,
	[STMT_ITEM_LIST_SEQ] = ITEM_LIST("i.ledger_id, i.seq"),
	[STMT_ITEM_LIST_SEQ_DESC] = ITEM_LIST("i.ledger_id DESC, i.seq DESC"),
	/* the open-ended last, as item_ledger_state and _deadline have it */
	[STMT_ITEM_LIST_DEADLINE] =
	    ITEM_LIST("coalesce(i.deadline_day, 2147483647)"),
	[STMT_ITEM_LIST_DEADLINE_DESC] =
	    ITEM_LIST("(i.deadline_day IS NULL), i.deadline_day DESC"),
	[STMT_ITEM_LIST_UPDATED_DESC] = ITEM_LIST("i.updated_at DESC"),
	[STMT_ITEM_LIST_PROGRESS] = ITEM_LIST("i.progress"),
	[STMT_ITEM_LIST_PROGRESS_DESC] = ITEM_LIST("i.progress DESC"),
	[STMT_ITEM_LIST_AMOUNT_DESC] = ITEM_LIST("i.amount_fen DESC"),

	/* api_progress.c */
	[STMT_UPDATE_INSERT] =
	    "INSERT INTO item_update (item_id, day, text, progress, paid_fen, "
	    "user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
	    "RETURNING id",
	/* $1 item, $2 limit; the last column counts all the rows */
	[STMT_UPDATE_LIST] =
	    "SELECT u.id, u.item_id, u.day, u.text, u.progress, u.paid_fen, "
	    "u.user_id, a.login, a.name, u.created_at, count(*) OVER () "
	    "FROM item_update u LEFT JOIN app_user a ON a.id = u.user_id "
	    "WHERE u.item_id = $1 ORDER BY u.day DESC, u.id DESC LIMIT $2",
	[STMT_EVENT_INSERT] =
	    "INSERT INTO item_event (item_id, kind, from_state, to_state, text, "
	    "data, user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
	    "RETURNING id",
	/* $1 item, $2 limit: updates and events, newest first */
	[STMT_TIMELINE] =
	    "SELECT t.id, t.at, t.kind, t.user_id, a.login, a.name, t.text, "
	    "t.from_state, t.to_state, t.data, t.progress, t.paid_fen, t.day, "
	    "count(*) OVER () FROM (SELECT id, created_at AS at, "
	    "'update' AS kind, user_id, text, CAST(NULL AS TEXT) AS from_state, "
	    "CAST(NULL AS TEXT) AS to_state, CAST(NULL AS TEXT) AS data, "
	    "progress, paid_fen, day, 0 AS src FROM item_update "
	    "WHERE item_id = $1 UNION ALL SELECT id, at, kind, user_id, text, "
	    "from_state, to_state, data, CAST(NULL AS INTEGER), "
	    "CAST(NULL AS BIGINT), CAST(NULL AS INTEGER), 1 FROM item_event "
	    "WHERE item_id = $1) t LEFT JOIN app_user a ON a.id = t.user_id "
	    "ORDER BY t.at DESC, t.src DESC, t.id DESC LIMIT $2",
	/* $2 the progress, or NULL to keep it; no version check */
	[STMT_ITEM_TOUCH_PROGRESS] =
	    "UPDATE item SET progress = coalesce(CAST($2 AS INTEGER), progress), "
	    "updated_by = $3, updated_at = $4, version = version + 1 "
	    "WHERE id = $1",
	[STMT_ITEM_SET_DEADLINE] =
	    "UPDATE item SET deadline_day = $2, updated_by = $3, "
	    "updated_at = $4, version = version + 1 WHERE id = $1",
	[STMT_EXT_INSERT] =
	    "INSERT INTO extension (item_id, reason, old_deadline, new_deadline, "
	    "state, requested_by, requested_at) VALUES ($1, $2, $3, $4, "
	    "'pending', $5, $6) RETURNING id",
#define EXT_SELECT \
	"SELECT x.id, x.item_id, x.reason, x.old_deadline, x.new_deadline, " \
	"x.state, x.requested_by, ra.login, ra.name, x.requested_at, " \
	"x.decided_by, da.login, da.name, x.decided_at, x.decision_note " \
	"FROM extension x LEFT JOIN app_user ra ON ra.id = x.requested_by " \
	"LEFT JOIN app_user da ON da.id = x.decided_by "
	[STMT_EXT_GET] =
	    EXT_SELECT "WHERE x.id = $1",
	[STMT_EXT_LIST] =
	    EXT_SELECT "WHERE x.item_id = $1 ORDER BY x.id DESC",
	[STMT_EXT_PENDING] =
	    "SELECT 1 FROM extension WHERE item_id = $1 AND state = 'pending' "
	    "LIMIT 1",
	[STMT_EXT_DECIDE] =
	    "UPDATE extension SET state = $2, decided_by = $3, decided_at = $4, "
	    "decision_note = $5 WHERE id = $1 AND state = 'pending'",
	/*
	 * $1 user, $2 admin, $3 since, $4 limit.  催办 by others on open
	 * items of the user's units and the units below; pending extension
	 * requests on the items the user supervises (as ITEM_SCOPE,
	 * supervisor memberships only), all of them for admins.
	 */
	[STMT_INBOX] =
	    "SELECT t.kind, t.item_id, i.title, i.ledger_id, t.text, t.at, "
	    "t.extension_id, t.user_id, a.login, a.name, count(*) OVER () "
	    "FROM (SELECT 'urge' AS kind, e.item_id, e.text, e.at, "
	    "CAST(NULL AS BIGINT) AS extension_id, e.user_id "
	    "FROM item_event e JOIN item ie ON ie.id = e.item_id "
	    "WHERE e.kind = 'urge' AND e.at >= $3 AND ie.done = 0 "
	    "AND (e.user_id IS NULL OR e.user_id <> $1) "
	    "AND EXISTS (SELECT 1 FROM membership m JOIN unit_closure uc ON "
	    "uc.ancestor = m.unit_id JOIN item_unit iu ON "
	    "iu.unit_id = uc.descendant WHERE m.user_id = $1 AND "
	    "iu.item_id = e.item_id) "
	    "UNION ALL SELECT 'extension', x.item_id, x.reason, "
	    "x.requested_at, x.id, x.requested_by FROM extension x "
	    "JOIN item ix ON ix.id = x.item_id JOIN ledger l ON "
	    "l.id = ix.ledger_id WHERE x.state = 'pending' AND ($2 = 1 OR "
	    "EXISTS (SELECT 1 FROM membership m WHERE m.user_id = $1 AND "
	    "m.role IN ('supervisor', 'admin') AND ((m.unit_id IS NOT NULL AND "
	    "(EXISTS (SELECT 1 FROM item_unit iu JOIN unit_closure uc ON "
	    "uc.descendant = iu.unit_id WHERE iu.item_id = x.item_id AND "
	    "uc.ancestor = m.unit_id) OR EXISTS (SELECT 1 FROM unit_closure "
	    "uc2 WHERE uc2.ancestor = m.unit_id AND uc2.descendant = "
	    "l.owner_unit_id))) OR (m.region IS NOT NULL AND (EXISTS (SELECT 1 "
	    "FROM item_place ip WHERE ip.item_id = x.item_id AND "
	    "ip.place_code >= m.region AND ip.place_code < m.region || ':') OR "
	    "(l.region >= m.region AND l.region < m.region || ':'))))))) t "
	    "JOIN item i ON i.id = t.item_id "
	    "LEFT JOIN app_user a ON a.id = t.user_id "
	    "ORDER BY t.at DESC, t.item_id DESC LIMIT $4",

	/* api_stats.c, dup.c */
	[STMT_STATS_TOTAL] =
	    "SELECT count(*), coalesce(sum(i.amount_fen), 0), "
	    "coalesce(sum(i.paid_fen), 0), coalesce(sum(i.households), 0), "
	    "coalesce(sum(i.persons), 0), coalesce(sum(i.poor_households), 0)"
	    ITEM_FROM_STATS ITEM_WHERE,
	[STMT_STATS_UNIT] = STATS_BY("i.lead_unit_id",
	    "LEFT JOIN unit gu ON gu.id = s.k ", "gu.name"),
	/*
	 * By place level (store_stats.c sums the groups in C): the items
	 * in id order, each with its measures and a row per place (place
	 * NULL: none).  In id order SQLite walks the item rows and, in
	 * step, each one's places by the primary key of item_place: no
	 * sorter, no random reads.
	 */
	[STMT_STATS_PLACES] =
	    "SELECT i.id, i.amount_fen, i.paid_fen, i.households, i.persons, "
	    "i.poor_households, ipg.place_code, ipg.share_fen" ITEM_FROM_STATS
	    "LEFT JOIN item_place ipg ON ipg.item_id = i.id " ITEM_WHERE
	    "ORDER BY i.id",
	/* their labels: the names of places $1..$SQL_PLACE_CODES (a code
	 * left NULL matches nothing), in no order */
	[STMT_PLACE_NAMES] =
	    "SELECT code, name FROM place WHERE code IN ("
	    PARAMS(SQL_PLACE_CODES) ")",
	/* || '': the key's index is no help (SQLite would walk it and
	 * read every row in its order) */
	[STMT_STATS_CATEGORY] = STATS_BY("i.category || ''", "", "CAST(NULL AS TEXT)"),
	[STMT_STATS_YEAR] = STATS_BY("l.year", "", "CAST(NULL AS TEXT)"),
	[STMT_STATS_STATE] = STATS_BY("i.state || ''", "", "CAST(NULL AS TEXT)"),
	[STMT_STATS_LIGHT] = STATS_BY(ITEM_LIGHT("$2"), "",
	    "CAST(NULL AS TEXT)"),
	/* $1 village, $2 the item asking (0: none), $3 admin, $4 user (the
	 * candidates the caller may see), $5 limit */
	[STMT_DUP_CANDIDATES] =
	    "SELECT i.id, i.ledger_id, i.title, i.category, i.start_day, "
	    "i.deadline_day, i.created_at, p.code, p.name FROM item_place ip "
	    "JOIN item i ON i.id = ip.item_id "
	    "JOIN ledger l ON l.id = i.ledger_id "
	    "JOIN place p ON p.code = ip.place_code "
	    "WHERE ip.place_code = $1 AND i.id <> $2 AND " DUP_KINDS("l")
	    " AND " DUP_LIVE("i") " AND " DUP_UNLINKED("i.id", "$2")
	    " AND " ITEM_SCOPE_OF("ip.item_id") " ORDER BY i.id LIMIT $5",
	/* $1 ledger, $2 limit, $3 admin, $4 user: the items a of the
	 * ledger and b of any project or need ledger sharing a village,
	 * a row per pair and village, in no order (a sort would read every
	 * row before the first) */
	[STMT_DUP_PAIRS] =
	    "SELECT a.id, a.ledger_id, a.title, a.category, a.start_day, "
	    "a.deadline_day, a.created_at, b.id, b.ledger_id, b.title, "
	    "b.category, b.start_day, b.deadline_day, b.created_at, p.code, "
	    "p.name FROM item a JOIN item_place ipa ON ipa.item_id = a.id "
	    "JOIN place p ON p.code = ipa.place_code "
	    "JOIN item_place ipb ON ipb.place_code = ipa.place_code "
	    "AND ipb.item_id <> a.id JOIN item b ON b.id = ipb.item_id "
	    "JOIN ledger lb ON lb.id = b.ledger_id "
	    "WHERE a.ledger_id = $1 AND p.level = 5 AND " DUP_KINDS("lb")
	    " AND " DUP_LIVE("a") " AND " DUP_LIVE("b") " AND (b.ledger_id "
	    "<> a.ledger_id OR b.id > a.id) AND " DUP_UNLINKED("a.id", "b.id")
	    " AND " ITEM_SCOPE_OF("a.id") " AND " ITEM_SCOPE_OF("b.id")
	    " LIMIT $2",

	/* api_attachments.c, api_links.c */
	[STMT_ATTACH_INSERT] =
	    "INSERT INTO attachment (item_id, update_id, name, mime, size, "
	    "sha256, data, created_by, created_at) VALUES ($1, $2, $3, $4, $5, "
	    "$6, $7, $8, $9) RETURNING id",
	[STMT_ATTACH_GET] =
	    "SELECT id, item_id, update_id, name, mime, size, sha256, "
	    "created_by, created_at FROM attachment WHERE id = $1",
	[STMT_ATTACH_DATA] =
	    "SELECT data FROM attachment WHERE id = $1",
	[STMT_ATTACH_LIST] =
	    "SELECT id, item_id, update_id, name, mime, size, sha256, "
	    "created_by, created_at FROM attachment WHERE item_id = $1 "
	    "ORDER BY id LIMIT $2",
	[STMT_ATTACH_DELETE] =
	    "DELETE FROM attachment WHERE id = $1",
	[STMT_ATTACH_UPDATE_OF] =
	    "SELECT 1 FROM item_update WHERE id = $1 AND item_id = $2",

	/* store_import.c */
	[STMT_IMPORT_INSERT] =
	    "INSERT INTO import_job (ledger_id, user_id, file_name, size, "
	    "sha256, data, options, report, state, created_at, updated_at) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
	[STMT_IMPORT_GET] =
	    "SELECT id, ledger_id, user_id, file_name, size, sha256, options, "
	    "report, state, created_at, updated_at FROM import_job WHERE id = $1",
	[STMT_IMPORT_DATA] =
	    "SELECT data FROM import_job WHERE id = $1",
	[STMT_IMPORT_UPDATE] =
	    "UPDATE import_job SET options = $2, report = $3, state = $4, "
	    "updated_at = $5 WHERE id = $1",
	/* $1 user, $2 how many of the user's unfinished jobs to keep */
	[STMT_IMPORT_PRUNE] =
	    "DELETE FROM import_job WHERE user_id = $1 AND state <> "
	    "'committed' AND id < (SELECT min(t.id) FROM (SELECT id FROM "
	    "import_job WHERE user_id = $1 AND state <> 'committed' "
	    "ORDER BY id DESC LIMIT $2) t)",
	[STMT_IMPORT_MAP_GET] =
	    "SELECT header, field FROM import_mapping WHERE ledger_id = $1",
	[STMT_IMPORT_MAP_SET] =
	    "INSERT INTO import_mapping (ledger_id, header, field) "
	    "VALUES ($1, $2, $3) ON CONFLICT (ledger_id, header) "
	    "DO UPDATE SET field = excluded.field",
	[STMT_ITEM_ID_BY_SEQ] =
	    "SELECT id FROM item WHERE ledger_id = $1 AND seq = $2",
	[STMT_ITEM_ID_BY_CODE] =
	    "SELECT id FROM item WHERE ledger_id = $1 AND code = $2 "
	    "ORDER BY id LIMIT 2",

	[STMT_LINK_INSERT] =
	    "INSERT INTO item_link (from_item, to_item, kind, created_by, "
	    "created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
	/* $1 = $2 the item, $3 admin, $4 user: its links both ways (dir 1
	 * out, 0 in) whose other item the user may see */
	[STMT_LINK_LIST] =
	    "SELECT k.id, k.kind, k.dir, i.id, i.ledger_id, i.title, i.state "
	    "FROM (SELECT id, kind, 1 AS dir, to_item AS other FROM item_link "
	    "WHERE from_item = $1 UNION ALL SELECT id, kind, 0, from_item "
	    "FROM item_link WHERE to_item = $2) k JOIN item i ON i.id = k.other "
	    "JOIN ledger l ON l.id = i.ledger_id WHERE " ITEM_SCOPE
	    " ORDER BY k.id",

	/* cmd_copy.c */
/* Table t of n columns cols (every column, in cmd_copy.c's order), key
 * its primary key. */
#define COPY_TABLE(T, t, n, cols, key) \
	[STMT_COPY_##T##_SELECT] = "SELECT " cols " FROM " t " ORDER BY " key, \
	[STMT_COPY_##T##_INSERT] = \
	    "INSERT INTO " t " (" cols ") VALUES (" PARAMS_##n ")", \
	[STMT_COPY_##T##_COUNT] = "SELECT count(*) FROM " t
	COPY_TABLE(META, "meta", 2, "key, value", "key"),
	COPY_TABLE(PLACE, "place", 8, "code, name, short_name, core_name, "
	    "level, parent, old_area_class, updated_at", "code"),
	COPY_TABLE(PLACE_FIGURE, "place_figure", 5, "code, year, population, "
	    "households, income_fen", "code, year"),
	COPY_TABLE(UNIT, "unit", 9, "id, parent_id, name, kind, place_code, "
	    "phone, created_at, updated_at, version", "id"),
	COPY_TABLE(UNIT_CLOSURE, "unit_closure", 2, "ancestor, descendant",
	    "ancestor, descendant"),
	COPY_TABLE(APP_USER, "app_user", 10, "id, login, name, phone, pw_hash, "
	    "role, disabled, created_at, updated_at, version", "id"),
	COPY_TABLE(MEMBERSHIP, "membership", 6, "id, user_id, role, unit_id, "
	    "region, is_main", "id"),
	COPY_TABLE(SESSION, "session", 7, "id, token_hash, user_id, csrf, ip, "
	    "created_at, expires_at", "id"),
	COPY_TABLE(API_TOKEN, "api_token", 6, "id, token_hash, user_id, name, "
	    "created_at, revoked_at", "id"),
	COPY_TABLE(LOGIN_FAILURE, "login_failure", 4, "id, login, ip, at",
	    "id"),
	COPY_TABLE(AUDIT, "audit", 10, "id, at, user_id, actor, ip, action, "
	    "entity, entity_id, before_json, after_json", "id"),
	COPY_TABLE(LEDGER, "ledger", 15, "id, name, kind, template, year, "
	    "owner_unit_id, region, config, warn_days, lag_points, next_seq, "
	    "created_by, created_at, updated_at, version", "id"),
	COPY_TABLE(ITEM, "item", 31, "id, ledger_id, seq, code, title, "
	    "content, category, state, done, lead_unit_id, leader, "
	    "leader_phone, responsible, responsible_phone, start_day, "
	    "deadline_day, completed_day, progress, progress_text, amount_fen, "
	    "paid_fen, households, persons, poor_households, "
	    "monitored_households, custom, created_by, created_at, updated_by, "
	    "updated_at, version", "id"),
	COPY_TABLE(ITEM_PLACE, "item_place", 5, "item_id, place_code, "
	    "share_fen, share_given, detail", "item_id, place_code"),
	COPY_TABLE(ITEM_UNIT, "item_unit", 3, "item_id, unit_id, role",
	    "item_id, unit_id"),
	COPY_TABLE(FUND_LINE, "fund_line", 9, "id, item_id, source, unit_id, "
	    "kind, amount_fen, day, doc_no, place_code", "id"),
	COPY_TABLE(ITEM_TARGET, "item_target", 9, "id, item_id, level1, "
	    "level2, indicator, op, target, actual, unit", "id"),
	COPY_TABLE(ITEM_UPDATE, "item_update", 8, "id, item_id, day, text, "
	    "progress, paid_fen, user_id, created_at", "id"),
	COPY_TABLE(ITEM_EVENT, "item_event", 9, "id, item_id, kind, "
	    "from_state, to_state, text, data, user_id, at", "id"),
	COPY_TABLE(EXTENSION, "extension", 11, "id, item_id, reason, "
	    "old_deadline, new_deadline, state, requested_by, requested_at, "
	    "decided_by, decided_at, decision_note", "id"),
	COPY_TABLE(ATTACHMENT, "attachment", 10, "id, item_id, update_id, "
	    "name, mime, size, sha256, data, created_by, created_at", "id"),
	COPY_TABLE(ITEM_LINK, "item_link", 6, "id, from_item, to_item, kind, "
	    "created_by, created_at", "id"),
	COPY_TABLE(IMPORT_JOB, "import_job", 12, "id, ledger_id, user_id, "
	    "file_name, size, sha256, data, options, report, state, created_at, "
	    "updated_at", "id"),
	COPY_TABLE(IMPORT_MAPPING, "import_mapping", 3, "ledger_id, header, "
	    "field", "ledger_id, header"),
	/* the second pass over unit: parents may have larger ids */
	[STMT_COPY_UNIT_PARENT] =
	    "UPDATE unit SET parent_id = $2 WHERE id = $1",
	/* the money the copy checks, in cmd_copy.c's order */
	[STMT_COPY_SUMS] =
	    "SELECT (SELECT coalesce(sum(amount_fen), 0) FROM item), "
	    "(SELECT coalesce(sum(paid_fen), 0) FROM item), "
	    "(SELECT coalesce(sum(amount_fen), 0) FROM fund_line), "
	    "(SELECT coalesce(sum(share_fen), 0) FROM item_place), "
	    "(SELECT coalesce(sum(paid_fen), 0) FROM item_update), "
	    "(SELECT coalesce(sum(income_fen), 0) FROM place_figure)",

	/* the command line's acting user and the importer */
	/* $1 the admin role's name: the first enabled admin */
	[STMT_USER_FIRST_ADMIN] =
	    "SELECT " USER_COLS " FROM app_user WHERE role = $1 AND "
	    "disabled = 0 ORDER BY id LIMIT 1",
	/* a batch's cursors (store_seq): the ledger's next number, the
	 * items' largest id, the numbers a ledger's items hold */
	[STMT_LEDGER_NEXT_SEQ] =
	    "SELECT next_seq FROM ledger WHERE id = $1",
	[STMT_ITEM_MAX_ID] =
	    "SELECT coalesce(max(id), 0) FROM item",
	[STMT_ITEM_SEQS] =
	    "SELECT seq FROM item WHERE ledger_id = $1",
	/* STMT_ITEM_INSERT with the id given ($27): no row back, so that
	 * PostgreSQL's bulk mode pipelines it */
	[STMT_ITEM_INSERT_ID] =
	    "INSERT INTO item (ledger_id, seq, code, title, content, category, "
	    "state, done, lead_unit_id, leader, leader_phone, responsible, "
	    "responsible_phone, start_day, deadline_day, completed_day, "
	    "progress, progress_text, amount_fen, households, persons, "
	    "poor_households, monitored_households, custom, created_by, "
	    "created_at, updated_by, updated_at, id) VALUES ($1, $2, $3, $4, "
	    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
	    "$19, $20, $21, $22, $23, $24, $25, $26, $25, $26, $27)",

	[STMT_AUDIT_COUNT] =
	    "SELECT count(*) FROM audit "
	    "WHERE (CAST($1 AS TEXT) IS NULL OR entity = $1) "
	    "AND (CAST($2 AS TEXT) IS NULL OR entity_id = $2) "
	    "AND (CAST($3 AS BIGINT) IS NULL OR user_id = $3) "
	    "AND (CAST($4 AS BIGINT) IS NULL OR at >= $4) "
	    "AND (CAST($5 AS BIGINT) IS NULL OR at < $5) "
	    "AND (CAST($6 AS TEXT) IS NULL OR action = $6)",
};

/*
 * A first gazetteer load: the secondary indexes of place dropped, the
 * rows put in (sql_place_copy on PostgreSQL), the indexes made again
 * (as schema/001-init.sql makes them: keep the two in step), all under
 * a savepoint to undo.
 */
const char sql_place_load_begin[] =
    "SAVEPOINT place_load;"
    "DROP INDEX place_parent; DROP INDEX place_core; DROP INDEX place_short;";
const char sql_place_load_end[] =
    "CREATE INDEX place_parent ON place (parent, code);"
    "CREATE INDEX place_core ON place (core_name, code);"
    "CREATE INDEX place_short ON place (short_name, code);"
    "RELEASE SAVEPOINT place_load;";
const char sql_place_copy[] =
    "COPY place (code, name, short_name, core_name, level, parent) "
    "FROM STDIN";
const char sql_place_load_undo[] =
    "ROLLBACK TO SAVEPOINT place_load; RELEASE SAVEPOINT place_load;";
