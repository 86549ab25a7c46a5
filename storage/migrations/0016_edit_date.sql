-- The Telegram edit_date of the correction a report reads as now: a late, older edit of the
-- same message (Telegram may deliver edit #2 before edit #1) is then known and ignored.
ALTER TABLE seizure ADD COLUMN edit_date TEXT;
