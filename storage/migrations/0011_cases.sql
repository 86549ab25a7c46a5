-- One case, several reports: a controlled delivery seized by KCS and reported by TCD too is one
-- case. A report belongs to at most one case; case_id is the smallest seizure id of the case,
-- so linking two cases is one UPDATE of the later one's rows. No row: a case of its own.
CREATE TABLE seizure_case (
    seizure_id   INTEGER PRIMARY KEY REFERENCES seizure(id),
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    case_id      INTEGER NOT NULL REFERENCES seizure(id),
    linked_at    TEXT NOT NULL,
    linked_by    INTEGER
);
CREATE INDEX seizure_case_members ON seizure_case (operation_id, case_id);

-- A link the bot suggested (two agencies, same substance and route, a few days apart, amounts
-- within 10 %): asked once per pair, decided by a coordinator's button, never linked by itself.
CREATE TABLE link_suggestion (
    id           INTEGER PRIMARY KEY,
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    first_id     INTEGER NOT NULL REFERENCES seizure(id),  -- the smaller seizure id
    second_id    INTEGER NOT NULL REFERENCES seizure(id),
    created_at   TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'linked', 'dismissed')),
    decided_by   INTEGER,
    decided_at   TEXT,
    UNIQUE (first_id, second_id)
);

-- The summary's breakdowns by origin, destination, route, concealment and detection, and its
-- case counts, read counted reports' rows in a day range: one covering index over exactly
-- those rows (not voided) and columns, so a breakdown never reads the reports' text
-- (voided_at, always NULL here, is in it so that SQLite need not fetch the row to check it).
CREATE INDEX seizure_counted ON seizure (
    operation_id, day, agency_id, officer_id, origin, destination, concealment, detection,
    transport, location, import_id, voided_at
) WHERE voided_at IS NULL;
-- The items of those reports, with what a total needs, read by seizure id without the row.
CREATE INDEX seizure_item_counted ON seizure_item (
    seizure_id, substance, substance_text, unit, form, amount_nano
);
