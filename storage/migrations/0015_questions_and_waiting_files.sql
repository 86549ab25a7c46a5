-- Questions asked before a write (did you mean, an unusual amount, /nil after seizures, sent
-- twice?), kept here so that a restart loses none and an old button still answers. One per
-- message asked about: the button names that message.
CREATE TABLE question (
    chat_id        INTEGER NOT NULL,
    message_id     INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('typed', 'large', 'nil', 'resend')),
    user_id        INTEGER NOT NULL,
    operation_id   INTEGER NOT NULL REFERENCES operation(id),
    text           TEXT NOT NULL,
    update_id      INTEGER NOT NULL,
    media_group_id TEXT,                    -- the album of the message, if it was one
    asked_at       TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);

-- Files that came before their report: the photo of a report waiting for an answer to a
-- question, or an album's photos that arrived before the one carrying the report. Moved to
-- seizure_media when the report is recorded; dropped with the question when it is not.
CREATE TABLE waiting_media (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL,
    message_id      INTEGER NOT NULL,
    media_group_id  TEXT,
    kind            TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
    file_id         TEXT NOT NULL,
    file_unique_id  TEXT NOT NULL,
    file_name       TEXT,
    mime_type       TEXT,
    size            INTEGER,
    content         BLOB,
    kept            TEXT NOT NULL CHECK (kept IN ('kept', 'too_large', 'failed')),
    added_by        INTEGER NOT NULL,
    added_at        TEXT NOT NULL,
    UNIQUE (chat_id, message_id)
);
CREATE INDEX waiting_media_group ON waiting_media (chat_id, media_group_id);

-- Guided entry: the bot message that asked the draft's current question, so that only its
-- buttons move the draft (a forged or stale press is refused and says why).
ALTER TABLE report_draft ADD COLUMN message_id INTEGER;
