-- Workshop invites: one link for up to max_uses people until it expires, numbered per operation
-- for /invites, revocable. A one-time invite is max_uses 1. invite_use keeps who joined with
-- which invite, so that a person tapping the link again is not counted twice.
ALTER TABLE invite ADD COLUMN max_uses INTEGER NOT NULL DEFAULT 1;
ALTER TABLE invite ADD COLUMN uses INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invite ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invite ADD COLUMN revoked_at TEXT;
ALTER TABLE invite ADD COLUMN revoked_by INTEGER;
UPDATE invite SET uses = 1 WHERE used_by IS NOT NULL;
UPDATE invite SET number = (
    SELECT count(*) FROM invite AS earlier
    WHERE earlier.operation_id = invite.operation_id AND earlier.rowid <= invite.rowid
);
CREATE UNIQUE INDEX invite_number ON invite (operation_id, number);
CREATE TABLE invite_use (
    code    TEXT NOT NULL REFERENCES invite(code),
    user_id INTEGER NOT NULL,
    used_at TEXT NOT NULL,
    PRIMARY KEY (code, user_id)
);
INSERT INTO invite_use (code, user_id, used_at)
SELECT code, used_by, used_at FROM invite WHERE used_by IS NOT NULL;

-- Guided entry (/seizure alone): the officer's report as far as they have answered, one per
-- person, kept so that a restart or an hour's pause loses nothing; dropped after a day.
CREATE TABLE report_draft (
    user_id      INTEGER PRIMARY KEY,
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    chat_id      INTEGER NOT NULL,
    step         TEXT NOT NULL CHECK (step IN ('substance', 'amount', 'unit', 'place', 'confirm')),
    substance    TEXT,
    amount       TEXT,
    unit         TEXT,
    place        TEXT,
    updated_at   TEXT NOT NULL
);
