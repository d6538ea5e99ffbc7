-- taizhang schema 2: ledgers and their items, with places, units, money,
-- targets, progress, supervision, attachments and links.
-- Dates are whole days since 1970-01-01 (integers), so that deadlines,
-- lights and periods are plain integer arithmetic on both engines.

-- Which units lie below which (each unit is its own descendant): scope
-- by unit is a join, on both engines.  Rebuilt when units change.
CREATE TABLE unit_closure (
	ancestor	BIGINT NOT NULL,
	descendant	BIGINT NOT NULL,
	PRIMARY KEY (ancestor, descendant)
);
CREATE INDEX unit_closure_desc ON unit_closure (descendant);

-- A ledger: a named collection of items of one kind.  config is JSON:
-- the built-in columns it shows, custom fields, required fields and
-- dictionaries (ledger.c).
CREATE TABLE ledger (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	template	TEXT,
	year		INTEGER,
	owner_unit_id	BIGINT REFERENCES unit (id),
	region		TEXT REFERENCES place (code),
	config		TEXT NOT NULL,
	warn_days	INTEGER NOT NULL DEFAULT 7,
	lag_points	INTEGER NOT NULL DEFAULT 20,
	next_seq	BIGINT NOT NULL DEFAULT 1,
	created_by	BIGINT,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	version		BIGINT NOT NULL DEFAULT 1
);

-- An item (事项).  amount_fen is the item's money (总投资 / 资金规模);
-- paid_fen the money paid so far; done is 1 in a final state.
CREATE TABLE item (
	id		INTEGER PRIMARY KEY,
	ledger_id	BIGINT NOT NULL REFERENCES ledger (id),
	seq		BIGINT NOT NULL,
	code		TEXT,
	title		TEXT NOT NULL,
	content		TEXT,
	category	TEXT,
	state		TEXT NOT NULL,
	done		INTEGER NOT NULL DEFAULT 0,
	lead_unit_id	BIGINT REFERENCES unit (id),
	leader		TEXT,
	leader_phone	TEXT,
	responsible	TEXT,
	responsible_phone TEXT,
	start_day	INTEGER,
	deadline_day	INTEGER,
	completed_day	INTEGER,
	progress	INTEGER NOT NULL DEFAULT 0,
	progress_text	TEXT,
	amount_fen	BIGINT NOT NULL DEFAULT 0,
	paid_fen	BIGINT NOT NULL DEFAULT 0,
	households	BIGINT,
	persons		BIGINT,
	poor_households	BIGINT,
	monitored_households BIGINT,
	custom		TEXT,
	created_by	BIGINT,
	created_at	BIGINT NOT NULL,
	updated_by	BIGINT,
	updated_at	BIGINT NOT NULL,
	version		BIGINT NOT NULL DEFAULT 1,
	UNIQUE (ledger_id, seq)
);
CREATE INDEX item_ledger_deadline ON item (ledger_id, deadline_day);
CREATE INDEX item_ledger_state ON item (ledger_id, state);
CREATE INDEX item_lead_unit ON item (lead_unit_id);
CREATE INDEX item_code ON item (ledger_id, code);

-- The places of an item; share_fen is its part of amount_fen (given,
-- or an even split made at write time), so sums by place are exact.
CREATE TABLE item_place (
	item_id		BIGINT NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	place_code	TEXT NOT NULL REFERENCES place (code),
	share_fen	BIGINT NOT NULL DEFAULT 0,
	share_given	INTEGER NOT NULL DEFAULT 0,
	detail		TEXT,
	PRIMARY KEY (item_id, place_code)
);
CREATE INDEX item_place_code ON item_place (place_code, item_id);

-- The units of an item: role 'lead' (also in item.lead_unit_id) or 'co'.
CREATE TABLE item_unit (
	item_id		BIGINT NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	unit_id		BIGINT NOT NULL REFERENCES unit (id),
	role		TEXT NOT NULL,
	PRIMARY KEY (item_id, unit_id)
);
CREATE INDEX item_unit_unit ON item_unit (unit_id, item_id);

-- Money lines: source (中央财政 ...), kind (计划 下达 到位 支付).
CREATE TABLE fund_line (
	id		INTEGER PRIMARY KEY,
	item_id		BIGINT NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	source		TEXT NOT NULL,
	unit_id		BIGINT REFERENCES unit (id),
	kind		TEXT NOT NULL,
	amount_fen	BIGINT NOT NULL,
	day		INTEGER,
	doc_no		TEXT,
	place_code	TEXT REFERENCES place (code)
);
CREATE INDEX fund_line_item ON fund_line (item_id);

-- Performance targets (绩效目标).
CREATE TABLE item_target (
	id		INTEGER PRIMARY KEY,
	item_id		BIGINT NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	level1		TEXT NOT NULL,
	level2		TEXT,
	indicator	TEXT NOT NULL,
	op		TEXT NOT NULL,
	target		TEXT NOT NULL,
	actual		TEXT,
	unit		TEXT
);
CREATE INDEX item_target_item ON item_target (item_id);

-- Progress updates (进展) by reporters.
CREATE TABLE item_update (
	id		INTEGER PRIMARY KEY,
	item_id		BIGINT NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	day		INTEGER NOT NULL,
	text		TEXT NOT NULL,
	progress	INTEGER,
	paid_fen	BIGINT NOT NULL DEFAULT 0,
	user_id		BIGINT,
	created_at	BIGINT NOT NULL
);
CREATE INDEX item_update_item ON item_update (item_id, id);

-- The item's timeline besides updates: transitions, 催办, extension
-- requests and decisions, field changes.  data is JSON.
CREATE TABLE item_event (
	id		INTEGER PRIMARY KEY,
	item_id		BIGINT NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	kind		TEXT NOT NULL,
	from_state	TEXT,
	to_state	TEXT,
	text		TEXT,
	data		TEXT,
	user_id		BIGINT,
	at		BIGINT NOT NULL
);
CREATE INDEX item_event_item ON item_event (item_id, id);
CREATE INDEX item_event_kind ON item_event (kind, at);

-- Extension requests (申请延期): pending, approved or rejected.
CREATE TABLE extension (
	id		INTEGER PRIMARY KEY,
	item_id		BIGINT NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	reason		TEXT NOT NULL,
	old_deadline	INTEGER,
	new_deadline	INTEGER NOT NULL,
	state		TEXT NOT NULL,
	requested_by	BIGINT,
	requested_at	BIGINT NOT NULL,
	decided_by	BIGINT,
	decided_at	BIGINT,
	decision_note	TEXT
);
CREATE INDEX extension_item ON extension (item_id);
CREATE INDEX extension_state ON extension (state);

-- Attachments, kept in the store (one file to back up on SQLite).
CREATE TABLE attachment (
	id		INTEGER PRIMARY KEY,
	item_id		BIGINT NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	update_id	BIGINT REFERENCES item_update (id),
	name		TEXT NOT NULL,
	mime		TEXT NOT NULL,
	size		BIGINT NOT NULL,
	sha256		TEXT NOT NULL,
	data		BLOB NOT NULL,
	created_by	BIGINT,
	created_at	BIGINT NOT NULL
);
CREATE INDEX attachment_item ON attachment (item_id);

-- Links: satisfies (project meets a need), forwarded (suggestion to
-- task), rectifies (task for a problem), continues (project to project).
CREATE TABLE item_link (
	id		INTEGER PRIMARY KEY,
	from_item	BIGINT NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	to_item		BIGINT NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	kind		TEXT NOT NULL,
	created_by	BIGINT,
	created_at	BIGINT NOT NULL,
	UNIQUE (from_item, to_item, kind)
);
CREATE INDEX item_link_to ON item_link (to_item);

-- Closure rows for the units that exist now.
INSERT INTO unit_closure (ancestor, descendant)
WITH RECURSIVE c (ancestor, descendant) AS (
	SELECT id, id FROM unit
	UNION ALL
	SELECT c.ancestor, u.id FROM unit u JOIN c ON u.parent_id = c.descendant
)
SELECT ancestor, descendant FROM c;
