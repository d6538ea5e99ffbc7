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
#define ITEM_LIGHT(today) \
	"CASE WHEN i.done = 1 THEN 3 " \
	"WHEN i.deadline_day IS NULL THEN 0 " \
	"WHEN i.deadline_day < " today " THEN 2 " \
	"WHEN i.deadline_day - " today " <= l.warn_days THEN 1 " \
	"WHEN i.start_day IS NOT NULL AND i.deadline_day > i.start_day AND " \
	"i.progress * (i.deadline_day - i.start_day) < (" today \
	" - i.start_day) * 100 - l.lag_points * (i.deadline_day - i.start_day) " \
	"THEN 1 ELSE 0 END"
#define ITEM_FROM \
	" FROM item i JOIN ledger l ON l.id = i.ledger_id " \
	"LEFT JOIN unit lu ON lu.id = i.lead_unit_id "
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
 */
#define ITEM_WHERE \
	"WHERE ($1 = 0 OR i.ledger_id = $1) AND " ITEM_SCOPE " " \
	"AND (CAST($5 AS TEXT) IS NULL OR i.state = $5) " \
	"AND (CAST($6 AS INTEGER) IS NULL OR (" ITEM_LIGHT("$2") ") = $6) " \
	"AND (CAST($7 AS TEXT) IS NULL OR i.category = $7) " \
	"AND (CAST($8 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM item_unit " \
	"iu8 JOIN unit_closure uc8 ON uc8.descendant = iu8.unit_id WHERE " \
	"iu8.item_id = i.id AND uc8.ancestor = $8)) " \
	"AND (CAST($9 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM item_place " \
	"ip9 WHERE ip9.item_id = i.id AND ip9.place_code >= $9 AND " \
	"ip9.place_code < $10)) " \
	"AND (CAST($11 AS INTEGER) IS NULL OR i.deadline_day >= $11) " \
	"AND (CAST($12 AS INTEGER) IS NULL OR i.deadline_day <= $12) " \
	"AND (CAST($13 AS TEXT) IS NULL OR i.title LIKE $13 ESCAPE '\\' OR " \
	"i.content LIKE $13 ESCAPE '\\') " \
	"AND (CAST($14 AS TEXT) IS NULL OR i.custom LIKE $14 ESCAPE '\\') " \
	"AND (CAST($15 AS INTEGER) IS NULL OR i.done = $15) "
#define ITEM_LIST(order) \
	"SELECT " ITEM_COLS ", " ITEM_LIGHT("$2") ITEM_FROM ITEM_WHERE \
	"ORDER BY " order ", i.id LIMIT $16 OFFSET $17"

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
	/* $1..$2 name range, $3..$4 code range, $5 level or 0, $6 limit */
	[STMT_PLACE_FIND_PREFIX] =
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
	/* $1 entity, $2 entity_id, $3 user, $4 from, $5 to, $6 before id,
	 * $7 limit; NULL means no filter. */
	[STMT_AUDIT_LIST] =
	    "SELECT id, at, user_id, actor, ip, action, entity, entity_id, "
	    "before_json, after_json FROM audit "
	    "WHERE (CAST($1 AS TEXT) IS NULL OR entity = $1) "
	    "AND (CAST($2 AS TEXT) IS NULL OR entity_id = $2) "
	    "AND (CAST($3 AS BIGINT) IS NULL OR user_id = $3) "
	    "AND (CAST($4 AS BIGINT) IS NULL OR at >= $4) "
	    "AND (CAST($5 AS BIGINT) IS NULL OR at < $5) "
	    "AND (CAST($6 AS BIGINT) IS NULL OR id < $6) "
	    "ORDER BY id DESC LIMIT $7",
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
	[STMT_ITEM_PLACES] =
	    "SELECT ip.place_code, p.name, ip.share_fen, ip.share_given, "
	    "ip.detail FROM item_place ip JOIN place p ON p.code = ip.place_code "
	    "WHERE ip.item_id = $1 ORDER BY ip.place_code",
	[STMT_ITEM_UNITS_DELETE] =
	    "DELETE FROM item_unit WHERE item_id = $1",
	[STMT_ITEM_UNIT_INSERT] =
	    "INSERT INTO item_unit (item_id, unit_id, role) VALUES ($1, $2, $3)",
	[STMT_ITEM_UNITS] =
	    "SELECT iu.unit_id, u.name FROM item_unit iu JOIN unit u ON "
	    "u.id = iu.unit_id WHERE iu.item_id = $1 AND iu.role = 'co' "
	    "ORDER BY iu.unit_id",
	[STMT_ITEM_FUNDS_DELETE] =
	    "DELETE FROM fund_line WHERE item_id = $1",
	[STMT_ITEM_FUND_INSERT] =
	    "INSERT INTO fund_line (item_id, source, unit_id, kind, amount_fen, "
	    "day, doc_no, place_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_ITEM_FUNDS] =
	    "SELECT source, unit_id, kind, amount_fen, day, doc_no, place_code "
	    "FROM fund_line WHERE item_id = $1 ORDER BY id",
	[STMT_ITEM_TARGETS_DELETE] =
	    "DELETE FROM item_target WHERE item_id = $1",
	[STMT_ITEM_TARGET_INSERT] =
	    "INSERT INTO item_target (item_id, level1, level2, indicator, op, "
	    "target, actual, unit) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_ITEM_TARGETS] =
	    "SELECT level1, level2, indicator, op, target, actual, unit "
	    "FROM item_target WHERE item_id = $1 ORDER BY id",
	/* $1 item, $3 admin, $4 user: 1 row if the user may see it */
	[STMT_ITEM_VISIBLE] =
	    "SELECT 1" ITEM_FROM "WHERE i.id = $1 AND CAST($2 AS BIGINT) = "
	    "CAST($2 AS BIGINT) AND " ITEM_SCOPE,
	[STMT_ITEM_COUNT] =
	    "SELECT count(*)" ITEM_FROM ITEM_WHERE,
	[STMT_ITEM_LIST_SEQ] = ITEM_LIST("i.ledger_id, i.seq"),
	[STMT_ITEM_LIST_SEQ_DESC] = ITEM_LIST("i.ledger_id DESC, i.seq DESC"),
	[STMT_ITEM_LIST_DEADLINE] =
	    ITEM_LIST("(i.deadline_day IS NULL), i.deadline_day"),
	[STMT_ITEM_LIST_DEADLINE_DESC] =
	    ITEM_LIST("(i.deadline_day IS NULL), i.deadline_day DESC"),
	[STMT_ITEM_LIST_UPDATED_DESC] = ITEM_LIST("i.updated_at DESC"),
	[STMT_ITEM_LIST_PROGRESS] = ITEM_LIST("i.progress"),
	[STMT_ITEM_LIST_PROGRESS_DESC] = ITEM_LIST("i.progress DESC"),
	[STMT_ITEM_LIST_AMOUNT_DESC] = ITEM_LIST("i.amount_fen DESC"),

	[STMT_AUDIT_COUNT] =
	    "SELECT count(*) FROM audit "
	    "WHERE (CAST($1 AS TEXT) IS NULL OR entity = $1) "
	    "AND (CAST($2 AS TEXT) IS NULL OR entity_id = $2) "
	    "AND (CAST($3 AS BIGINT) IS NULL OR user_id = $3) "
	    "AND (CAST($4 AS BIGINT) IS NULL OR at >= $4) "
	    "AND (CAST($5 AS BIGINT) IS NULL OR at < $5)",
};
