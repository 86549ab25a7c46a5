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

-- The summary's case count: counted reports per day, agency and import batch, kept by the
-- triggers below in the transaction of every insert, void, restore, edit and delete, so that
-- the count of a 1,000,000-report operation reads a few thousand rows, not every report.
-- (A migration that rebuilds the seizure table must create these triggers again.)
CREATE TABLE report_count (
    operation_id INTEGER NOT NULL,
    day          TEXT NOT NULL,
    agency_id    INTEGER NOT NULL,                   -- 0 when the officer has no agency
    import_id    INTEGER NOT NULL,                   -- 0 for a report sent to the bot
    reports      INTEGER NOT NULL,
    PRIMARY KEY (operation_id, day, agency_id, import_id)
) WITHOUT ROWID;
INSERT INTO report_count (operation_id, day, agency_id, import_id, reports)
    SELECT operation_id, day, coalesce(agency_id, 0), coalesce(import_id, 0), count(*)
    FROM seizure WHERE voided_at IS NULL GROUP BY 1, 2, 3, 4;

CREATE TRIGGER report_count_insert AFTER INSERT ON seizure WHEN NEW.voided_at IS NULL
BEGIN
    INSERT INTO report_count (operation_id, day, agency_id, import_id, reports)
    VALUES (NEW.operation_id, NEW.day, coalesce(NEW.agency_id, 0), coalesce(NEW.import_id, 0), 1)
    ON CONFLICT (operation_id, day, agency_id, import_id) DO UPDATE SET reports = reports + 1;
END;
CREATE TRIGGER report_count_delete AFTER DELETE ON seizure WHEN OLD.voided_at IS NULL
BEGIN
    UPDATE report_count SET reports = reports - 1
    WHERE operation_id = OLD.operation_id AND day = OLD.day
      AND agency_id = coalesce(OLD.agency_id, 0) AND import_id = coalesce(OLD.import_id, 0);
END;
CREATE TRIGGER report_count_update
AFTER UPDATE OF operation_id, day, agency_id, import_id, voided_at ON seizure
BEGIN
    UPDATE report_count SET reports = reports - 1
    WHERE OLD.voided_at IS NULL AND operation_id = OLD.operation_id AND day = OLD.day
      AND agency_id = coalesce(OLD.agency_id, 0) AND import_id = coalesce(OLD.import_id, 0);
    INSERT INTO report_count (operation_id, day, agency_id, import_id, reports)
    SELECT NEW.operation_id, NEW.day, coalesce(NEW.agency_id, 0), coalesce(NEW.import_id, 0), 1
    WHERE NEW.voided_at IS NULL
    ON CONFLICT (operation_id, day, agency_id, import_id) DO UPDATE SET reports = reports + 1;
END;
