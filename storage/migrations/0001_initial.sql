-- The whole schema of the first release. Times are ISO-8601 UTC text ('2026-11-22T09:00:00+00:00');
-- local dates are 'YYYY-MM-DD' in the operation's zone. Amounts are exact: decimal text in
-- seizure_item.amount, and integer nano-units (amount x 10^9) where SQL has to add them up.

CREATE TABLE operation (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    tz              TEXT NOT NULL,
    exercise        INTEGER NOT NULL DEFAULT 0 CHECK (exercise IN (0, 1)),
    digest_time     TEXT DEFAULT '08:00',          -- local HH:MM; NULL = digest off
    undo_window_s   INTEGER NOT NULL DEFAULT 900,
    phase_warning_s INTEGER NOT NULL DEFAULT 86400,
    created_at      TEXT NOT NULL,
    created_by      INTEGER
);

CREATE TABLE agency (
    id           INTEGER PRIMARY KEY,
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    tz           TEXT NOT NULL,
    UNIQUE (operation_id, code)
);

CREATE TABLE person (
    user_id      INTEGER PRIMARY KEY,
    username     TEXT,
    full_name    TEXT NOT NULL DEFAULT '',
    current_operation_id INTEGER REFERENCES operation(id),
    private_chat_id INTEGER
);
CREATE INDEX person_username ON person (lower(username));

CREATE TABLE membership (
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    user_id      INTEGER NOT NULL REFERENCES person(user_id),
    role         TEXT NOT NULL CHECK (role IN ('coordinator', 'officer', 'observer')),
    agency_id    INTEGER REFERENCES agency(id),
    joined_at    TEXT NOT NULL,
    revoked_at   TEXT,
    PRIMARY KEY (operation_id, user_id)
);

CREATE TABLE invite (
    code         TEXT PRIMARY KEY,
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    role         TEXT NOT NULL CHECK (role IN ('coordinator', 'officer', 'observer')),
    agency_id    INTEGER REFERENCES agency(id),
    created_by   INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_by      INTEGER,
    used_at      TEXT
);

CREATE TABLE chat_binding (
    chat_id      INTEGER PRIMARY KEY,
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    title        TEXT NOT NULL DEFAULT '',
    bound_by     INTEGER NOT NULL,
    bound_at     TEXT NOT NULL,
    blocked_at   TEXT                                 -- the bot was removed or blocked there
);
CREATE INDEX chat_binding_operation ON chat_binding (operation_id);

-- Append-only: the triggers below refuse any UPDATE or DELETE.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor_id     INTEGER,
    operation_id INTEGER,
    action       TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_operation ON audit_log (operation_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Telegram may deliver an update twice; the first delivery that commits wins.
CREATE TABLE processed_update (
    update_id    INTEGER PRIMARY KEY,
    at           TEXT NOT NULL
);

CREATE TABLE seizure (
    id            INTEGER PRIMARY KEY,
    operation_id  INTEGER NOT NULL REFERENCES operation(id),
    agency_id     INTEGER REFERENCES agency(id),
    officer_id    INTEGER NOT NULL,
    chat_id       INTEGER NOT NULL,
    message_id    INTEGER NOT NULL,
    update_id     INTEGER UNIQUE,
    text          TEXT NOT NULL,
    reported_at   TEXT NOT NULL,
    day           TEXT NOT NULL,                     -- local date it happened (occurred_on or reported)
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
    UNIQUE (chat_id, message_id)
);
CREATE INDEX seizure_operation_reported ON seizure (operation_id, reported_at);
CREATE INDEX seizure_officer ON seizure (officer_id, id);

CREATE TABLE seizure_item (
    id             INTEGER PRIMARY KEY,
    seizure_id     INTEGER NOT NULL REFERENCES seizure(id),
    position       INTEGER NOT NULL,
    substance      TEXT,                             -- canonical id; NULL = unclassified
    substance_text TEXT,                             -- the officer's words when unclassified
    amount         TEXT NOT NULL,                    -- exact decimal in g / ml / unit
    amount_nano    INTEGER NOT NULL,                 -- amount x 10^9, for exact SQL sums
    unit           TEXT NOT NULL CHECK (unit IN ('g', 'ml', 'unit')),
    form           TEXT,
    as_written     TEXT NOT NULL,
    UNIQUE (seizure_id, position)
);
CREATE INDEX seizure_item_unclassified ON seizure_item (substance_text) WHERE substance IS NULL;

-- Running totals kept in the same transaction as each report, correction and void, so that
-- /summary reads a few thousand rows instead of every report. dim '' is the plain total
-- (by substance, agency and day); 'location', 'transport' and 'officer' carry that value too.
CREATE TABLE seizure_total (
    operation_id  INTEGER NOT NULL,
    dim           TEXT NOT NULL,
    dim_value     TEXT NOT NULL,
    day           TEXT NOT NULL,
    agency_id     INTEGER NOT NULL,                  -- 0 when the officer has no agency
    substance_key TEXT NOT NULL,                     -- canonical id, or '?'||words when unclassified
    unit          TEXT NOT NULL,
    form          TEXT NOT NULL,                     -- '' when none
    amount_nano   INTEGER NOT NULL,
    cases         INTEGER NOT NULL,
    PRIMARY KEY (operation_id, dim, day, agency_id, dim_value, substance_key, unit, form)
) WITHOUT ROWID;

CREATE TABLE substance_alias (
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    words        TEXT NOT NULL,                      -- normalised unclassified words
    substance    TEXT NOT NULL,
    created_by   INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (operation_id, words)
);

CREATE TABLE nil_return (
    id           INTEGER PRIMARY KEY,
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    agency_id    INTEGER REFERENCES agency(id),
    officer_id   INTEGER NOT NULL,
    day          TEXT NOT NULL,
    note         TEXT,
    reported_at  TEXT NOT NULL,
    update_id    INTEGER UNIQUE
);
CREATE INDEX nil_return_day ON nil_return (operation_id, day);

CREATE TABLE phase (
    id           INTEGER PRIMARY KEY,
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    name         TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    removed_at   TEXT,
    CHECK (ends_at > starts_at)
);
CREATE UNIQUE INDEX phase_name ON phase (operation_id, lower(name)) WHERE removed_at IS NULL;

CREATE TABLE reminder (
    id           INTEGER PRIMARY KEY,
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    spec         TEXT NOT NULL,                      -- as typed: 'daily 09:00', '2026-12-01 09:00'
    text         TEXT NOT NULL,
    created_by   INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    removed_at   TEXT
);

-- Every message the clock sends is one row, created before it falls due. The unique key makes
-- "never twice" a constraint: a restart recomputes the same key and finds the row.
CREATE TABLE scheduled_message (
    id           INTEGER PRIMARY KEY,
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    kind         TEXT NOT NULL,                      -- phase_start | phase_warning | phase_end | reminder | digest
    ref_id       INTEGER NOT NULL,                   -- phase, reminder or operation id
    due_at       TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',    -- pending | sending | sent | late | missed | cancelled | failed
    settled_at   TEXT,
    UNIQUE (kind, ref_id, due_at)
);
CREATE INDEX scheduled_message_pending ON scheduled_message (status, due_at);

CREATE TABLE delivery (
    scheduled_id INTEGER NOT NULL REFERENCES scheduled_message(id),
    chat_id      INTEGER NOT NULL,
    status       TEXT NOT NULL,                      -- sending | sent | failed | blocked | interrupted
    attempts     INTEGER NOT NULL DEFAULT 0,
    message_id   INTEGER,
    at           TEXT NOT NULL,
    error        TEXT,
    PRIMARY KEY (scheduled_id, chat_id)
);
