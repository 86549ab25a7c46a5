-- Photos and documents sent with a report, their bytes kept here so that they go with the
-- database and its backups, and a debriefing pack can print them without Telegram.
CREATE TABLE seizure_media (
    id              INTEGER PRIMARY KEY,
    seizure_id      INTEGER NOT NULL REFERENCES seizure(id),
    kind            TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
    file_id         TEXT NOT NULL,
    file_unique_id  TEXT NOT NULL,
    file_name       TEXT,
    mime_type       TEXT,
    size            INTEGER,                -- bytes, as Telegram gave it or as downloaded
    content         BLOB,                   -- NULL when not kept (see kept)
    kept            TEXT NOT NULL CHECK (kept IN ('kept', 'too_large', 'failed')),
    chat_id         INTEGER NOT NULL,       -- the message that carried it
    message_id      INTEGER NOT NULL,
    media_group_id  TEXT,                   -- an album's later members find their report by it
    added_by        INTEGER NOT NULL,
    added_at        TEXT NOT NULL,
    UNIQUE (seizure_id, file_unique_id)
);
CREATE INDEX seizure_media_group ON seizure_media (chat_id, media_group_id);

-- A shared location attached to a report.
ALTER TABLE seizure ADD COLUMN latitude REAL;
ALTER TABLE seizure ADD COLUMN longitude REAL;
