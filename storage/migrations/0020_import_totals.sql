-- An import's running totals wait here, keyed by its batch, until they are added to
-- seizure_total and seizure_dim_total a few thousand rows per transaction (storage/imports.py).
-- They are written while the batch is pending and read by no one then; once it is finished, the
-- summaries read what is left of them beside the running totals (storage/totals_query.py), so
-- that the import's reports and its totals appear together, in the one transaction that
-- finishes it, however many rows there are to add.
CREATE TABLE import_total (
    operation_id  INTEGER NOT NULL,
    grain         TEXT NOT NULL,
    period        TEXT NOT NULL,
    substance_key TEXT NOT NULL,
    unit          TEXT NOT NULL,
    form          TEXT NOT NULL,
    agency_id     INTEGER NOT NULL,
    amount_nano   INTEGER NOT NULL,
    cases         INTEGER NOT NULL,
    import_id     INTEGER NOT NULL REFERENCES import_batch(id),
    PRIMARY KEY (operation_id, grain, period, substance_key, unit, form, agency_id, import_id)
) WITHOUT ROWID;

CREATE TABLE import_dim_total (
    operation_id  INTEGER NOT NULL,
    dim           TEXT NOT NULL,
    grain         TEXT NOT NULL,
    period        TEXT NOT NULL,
    dim_value     TEXT NOT NULL,
    substance_key TEXT NOT NULL,
    unit          TEXT NOT NULL,
    form          TEXT NOT NULL,
    agency_id     INTEGER NOT NULL,
    amount_nano   INTEGER NOT NULL,
    cases         INTEGER NOT NULL,
    -- As seizure_dim_total's (0018): 1 per report on its first substance's row in the group.
    reports       INTEGER NOT NULL,
    import_id     INTEGER NOT NULL REFERENCES import_batch(id),
    PRIMARY KEY (operation_id, dim, grain, period, dim_value, substance_key, unit, form, agency_id,
                 import_id)
) WITHOUT ROWID;

-- 1 from the batch's first staged total until the last is added to the running totals.
ALTER TABLE import_batch ADD COLUMN staged INTEGER NOT NULL DEFAULT 0;
CREATE INDEX import_batch_staged ON import_batch (operation_id) WHERE staged = 1;
