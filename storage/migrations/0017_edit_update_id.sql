-- The update_id of the correction a report reads as now. Telegram's edit_date is whole seconds:
-- two edits in the same second are told apart by their update ids (a late delivery keeps its
-- lower id), so a stale edit of the same second cannot win.
ALTER TABLE seizure ADD COLUMN edit_update_id INTEGER;
