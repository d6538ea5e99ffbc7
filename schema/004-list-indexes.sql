-- Item lists sorted by deadline (the open-ended last) walk an index
-- within a ledger, or a ledger and state, and stop after a page: the
-- expression is the one of the list statements (sql.c).
DROP INDEX item_ledger_deadline;
DROP INDEX item_ledger_state;
CREATE INDEX item_ledger_deadline ON item
	(ledger_id, (coalesce(deadline_day, 2147483647)), id);
CREATE INDEX item_ledger_state ON item
	(ledger_id, state, (coalesce(deadline_day, 2147483647)), id);
-- Totals and statistics by unit, ledger, state or category read this
-- narrow index instead of the wide rows (a tenth of the pages), and by
-- unit in its order, without a sort.
CREATE INDEX item_stats ON item (lead_unit_id, ledger_id, state, category,
	done, amount_fen, paid_fen, households, persons, poor_households);
