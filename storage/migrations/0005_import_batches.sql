-- Imports write their reports in short transactions that the live bot does not wait behind.
-- Each import is a batch: its reports carry its id and stay out of every answer until the
-- batch is finished, in the import's last transaction, so that they appear all at once. A batch
-- never finished belongs to an import that failed or was killed; it is removed with its reports
-- (storage/imports.py).
CREATE TABLE import_batch (
    id           INTEGER PRIMARY KEY,
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,                               -- NULL: running, or left by a failed import
    agencies     TEXT NOT NULL DEFAULT '[]'          -- agencies it added, removed if it fails
);
CREATE INDEX import_batch_pending ON import_batch (id) WHERE finished_at IS NULL;

-- seizure gains import_id (NULL for a report sent to the bot). The table-level UNIQUE
-- constraints on (chat_id, message_id) and update_id made an imported row, whose ids came from
-- another chat history, pass for a live report of the same ids; SQLite cannot drop a
-- constraint, so the table is built again with partial unique indexes over live reports only.
CREATE TABLE seizure_new (
    id            INTEGER PRIMARY KEY,
    operation_id  INTEGER NOT NULL REFERENCES operation(id),
    agency_id     INTEGER REFERENCES agency(id),
    officer_id    INTEGER NOT NULL,
    chat_id       INTEGER NOT NULL,
    message_id    INTEGER NOT NULL,
    update_id     INTEGER,
    text          TEXT NOT NULL,
    reported_at   TEXT NOT NULL,
    day           TEXT NOT NULL,
    occurred_on   TEXT,
    location      TEXT,
    origin        TEXT,
    destination   TEXT,
    transport     TEXT,
    concealment   TEXT,
    detection     TEXT,
    reference     TEXT,
    tags          TEXT NOT NULL DEFAULT '[]',
    note          TEXT,
    edited_at     TEXT,
    voided_at     TEXT,
    voided_by     INTEGER,
    void_reason   TEXT,
    reply_chat_id    INTEGER,
    reply_message_id INTEGER,
    import_id     INTEGER REFERENCES import_batch(id)  -- NULL: reported to the bot
);
INSERT INTO seizure_new (id, operation_id, agency_id, officer_id, chat_id, message_id, update_id,
    text, reported_at, day, occurred_on, location, origin, destination, transport, concealment,
    detection, reference, tags, note, edited_at, voided_at, voided_by, void_reason, reply_chat_id,
    reply_message_id)
SELECT id, operation_id, agency_id, officer_id, chat_id, message_id, update_id, text,
    reported_at, day, occurred_on, location, origin, destination, transport, concealment,
    detection, reference, tags, note, edited_at, voided_at, voided_by, void_reason, reply_chat_id,
    reply_message_id
FROM seizure;
DROP TABLE seizure;
ALTER TABLE seizure_new RENAME TO seizure;
CREATE INDEX seizure_operation_reported ON seizure (operation_id, reported_at);
CREATE INDEX seizure_officer ON seizure (officer_id, id);
CREATE INDEX seizure_officer_recent ON seizure (officer_id, reported_at);
-- A message makes one live report; the lookup names the operation and officer as well.
CREATE UNIQUE INDEX seizure_message ON seizure (chat_id, message_id, operation_id, officer_id)
    WHERE import_id IS NULL;
CREATE UNIQUE INDEX seizure_update ON seizure (update_id) WHERE import_id IS NULL;
-- An import refuses reports its operation already holds; a failed one is removed by batch.
CREATE INDEX seizure_imported ON seizure (operation_id, chat_id, message_id)
    WHERE import_id IS NOT NULL;
CREATE INDEX seizure_import_batch ON seizure (import_id) WHERE import_id IS NOT NULL;

-- Reports sent to the bot numbered their items from 0, imports and exports from 1: from 1 for
-- all (in two steps, as UNIQUE (seizure_id, position) is checked row by row).
UPDATE seizure_item SET position = -1 - position
WHERE seizure_id IN (SELECT seizure_id FROM seizure_item WHERE position = 0);
UPDATE seizure_item SET position = -position WHERE position < 0;
