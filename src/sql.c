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
	[STMT_AUDIT_COUNT] =
	    "SELECT count(*) FROM audit "
	    "WHERE (CAST($1 AS TEXT) IS NULL OR entity = $1) "
	    "AND (CAST($2 AS TEXT) IS NULL OR entity_id = $2) "
	    "AND (CAST($3 AS BIGINT) IS NULL OR user_id = $3) "
	    "AND (CAST($4 AS BIGINT) IS NULL OR at >= $4) "
	    "AND (CAST($5 AS BIGINT) IS NULL OR at < $5)",
};
