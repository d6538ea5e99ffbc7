-- taizhang schema 1: places, units, users, sessions, tokens, audit.
-- Valid on SQLite and PostgreSQL.  "INTEGER PRIMARY KEY" is SQLite's
-- rowid alias; the PostgreSQL backend reads it as an identity column.
-- Times are seconds since the epoch; money is integer fen.

CREATE TABLE meta (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
);

-- The official division hierarchy (统计用区划代码).  level: 1 province,
-- 2 city, 3 county, 4 town, 5 village.  short_name drops the committee
-- suffix (新源村委会 -> 新源村); core_name also the kind (新源).
CREATE TABLE place (
	code		TEXT PRIMARY KEY,
	name		TEXT NOT NULL,
	short_name	TEXT NOT NULL,
	core_name	TEXT NOT NULL,
	level		INTEGER NOT NULL,
	parent		TEXT,
	old_area_class	TEXT,
	updated_at	BIGINT
);
CREATE INDEX place_parent ON place (parent, code);
CREATE INDEX place_core ON place (core_name, code);
CREATE INDEX place_short ON place (short_name, code);

-- Yearly figures of a place.
CREATE TABLE place_figure (
	code		TEXT NOT NULL REFERENCES place (code),
	year		INTEGER NOT NULL,
	population	BIGINT,
	households	BIGINT,
	income_fen	BIGINT,
	PRIMARY KEY (code, year)
);

CREATE TABLE unit (
	id		INTEGER PRIMARY KEY,
	parent_id	BIGINT REFERENCES unit (id),
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	place_code	TEXT REFERENCES place (code),
	phone		TEXT,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	version		BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX unit_parent ON unit (parent_id, name);

CREATE TABLE app_user (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	phone		TEXT,
	pw_hash		TEXT NOT NULL,
	role		TEXT NOT NULL,
	disabled	INTEGER NOT NULL DEFAULT 0,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	version		BIGINT NOT NULL DEFAULT 1
);

-- What a user may do where: a role in a unit (and the units below it)
-- or in a region (a place-code prefix).  Several memberships combine as
-- the union of what each grants.
CREATE TABLE membership (
	id		INTEGER PRIMARY KEY,
	user_id		BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	role		TEXT NOT NULL,
	unit_id		BIGINT REFERENCES unit (id),
	region		TEXT REFERENCES place (code),
	is_main		INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX membership_user ON membership (user_id);
CREATE INDEX membership_unit ON membership (unit_id);

-- Browser sessions and API tokens, stored as hashes of the secret.
CREATE TABLE session (
	id		INTEGER PRIMARY KEY,
	token_hash	TEXT NOT NULL UNIQUE,
	user_id		BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	csrf		TEXT NOT NULL,
	ip		TEXT,
	created_at	BIGINT NOT NULL,
	expires_at	BIGINT NOT NULL
);
CREATE INDEX session_by_user ON session (user_id);

CREATE TABLE api_token (
	id		INTEGER PRIMARY KEY,
	token_hash	TEXT NOT NULL UNIQUE,
	user_id		BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	name		TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	revoked_at	BIGINT
);
CREATE INDEX api_token_user ON api_token (user_id);

CREATE TABLE login_failure (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL,
	ip		TEXT NOT NULL,
	at		BIGINT NOT NULL
);
CREATE INDEX login_failure_login ON login_failure (login, at);
CREATE INDEX login_failure_ip ON login_failure (ip, at);

-- Every write: who, when, from where, what, before and after (JSON).
-- Append-only: no statement in sql.c updates or deletes it, and the
-- backends add triggers that refuse it.
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		BIGINT NOT NULL,
	user_id		BIGINT,
	actor		TEXT NOT NULL,
	ip		TEXT,
	action		TEXT NOT NULL,
	entity		TEXT NOT NULL,
	entity_id	TEXT,
	before_json	TEXT,
	after_json	TEXT
);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_user ON audit (user_id, at);
