-- Reports are numbered per operation (SIREN #1, #2 ...): the global id, which revealed how many
-- reports other operations hold, stays internal. Existing reports are numbered in id order.
ALTER TABLE seizure ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE seizure SET number = (
    SELECT count(*) FROM seizure AS earlier
    WHERE earlier.operation_id = seizure.operation_id AND earlier.id <= seizure.id
);
CREATE UNIQUE INDEX seizure_number ON seizure (operation_id, number);
-- A report written without a number (a live report, an import that cannot keep the file's)
-- takes the operation's next one in the same transaction; the unique index refuses a clash.
CREATE TRIGGER seizure_numbered AFTER INSERT ON seizure WHEN NEW.number = 0
BEGIN
    UPDATE seizure SET number = (
        SELECT coalesce(max(number), 0) + 1 FROM seizure WHERE operation_id = NEW.operation_id
    ) WHERE id = NEW.id;
END;
