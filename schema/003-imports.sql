-- Sheets imported into ledgers (import.c): the uploaded file, the column
-- mapping and options the user chose, and the last check's report.  Kept
-- after the commit as the record of which items came from which file.
CREATE TABLE import_job (
	id		INTEGER PRIMARY KEY,
	ledger_id	BIGINT NOT NULL REFERENCES ledger (id) ON DELETE CASCADE,
	user_id		BIGINT NOT NULL REFERENCES app_user (id),
	file_name	TEXT NOT NULL,
	size		BIGINT NOT NULL,
	sha256		TEXT NOT NULL,
	data		BLOB NOT NULL,
	options		TEXT NOT NULL,	-- {"mapping": {"A": "title"}, "update", "key"}
	report		TEXT NOT NULL,	-- the last report (JSON)
	state		TEXT NOT NULL,	-- checked, committed
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX import_job_ledger ON import_job (ledger_id);

-- The column mapping last committed into a ledger, by header text, so
-- that next month's sheet of the same shape maps the same way.  field
-- NULL: the column was left out.
CREATE TABLE import_mapping (
	ledger_id	BIGINT NOT NULL REFERENCES ledger (id) ON DELETE CASCADE,
	header		TEXT NOT NULL,
	field		TEXT,
	PRIMARY KEY (ledger_id, header)
);
