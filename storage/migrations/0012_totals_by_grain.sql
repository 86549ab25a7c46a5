-- The running totals grew with time as well as with reports: one row per day for every
-- location, transport and officer (3.5 rows a report over 1,000 days), and a period or agency
-- filter narrowed nothing, so /summary over a long operation read them all (124-313 ms).
--
-- seizure_total now holds the plain totals (substance and agency) at three grains: a day
-- ('d', period 'YYYY-MM-DD'), a month ('m', 'YYYY-MM') and the whole operation ('a', ''). A
-- date range reads its whole months from 'm' and only its ragged ends from 'd'; the whole
-- operation reads 'a'. The key starts with grain and period, so a period narrows the scan,
-- and ends with the agency, so rows arrive grouped by substance and no sort is needed.
-- The breakdowns by location, transport and officer move to seizure_dim_total, by day and for
-- the whole operation, keyed so that a group (dim_value, substance) is contiguous.
CREATE TABLE seizure_total_new (
    operation_id  INTEGER NOT NULL,
    grain         TEXT NOT NULL CHECK (grain IN ('d', 'm', 'a')),
    period        TEXT NOT NULL,
    substance_key TEXT NOT NULL,                     -- canonical id, or '?'||words when unclassified
    unit          TEXT NOT NULL,
    form          TEXT NOT NULL,                     -- '' when none
    agency_id     INTEGER NOT NULL,                  -- 0 when the officer has no agency
    amount_nano   INTEGER NOT NULL,
    cases         INTEGER NOT NULL,
    PRIMARY KEY (operation_id, grain, period, substance_key, unit, form, agency_id)
) WITHOUT ROWID;

CREATE TABLE seizure_dim_total (
    operation_id  INTEGER NOT NULL,
    dim           TEXT NOT NULL,                     -- 'location', 'transport', 'officer'
    grain         TEXT NOT NULL CHECK (grain IN ('d', 'a')),
    period        TEXT NOT NULL,
    dim_value     TEXT NOT NULL,
    substance_key TEXT NOT NULL,
    unit          TEXT NOT NULL,
    form          TEXT NOT NULL,
    agency_id     INTEGER NOT NULL,
    amount_nano   INTEGER NOT NULL,
    cases         INTEGER NOT NULL,
    PRIMARY KEY (operation_id, dim, grain, period, dim_value, substance_key, unit, form, agency_id)
) WITHOUT ROWID;

-- The old rows were kept in each report's transaction, so they are the day grain as it stands;
-- a report falls on one day, so months and the whole operation are plain sums of its days.
INSERT INTO seizure_total_new
SELECT operation_id, 'd', day, substance_key, unit, form, agency_id, amount_nano, cases
FROM seizure_total WHERE dim = '';
INSERT INTO seizure_total_new
SELECT operation_id, 'm', substr(period, 1, 7), substance_key, unit, form, agency_id,
       sum(amount_nano), sum(cases)
FROM seizure_total_new WHERE grain = 'd'
GROUP BY operation_id, substr(period, 1, 7), substance_key, unit, form, agency_id;
INSERT INTO seizure_total_new
SELECT operation_id, 'a', '', substance_key, unit, form, agency_id, sum(amount_nano), sum(cases)
FROM seizure_total_new WHERE grain = 'd'
GROUP BY operation_id, substance_key, unit, form, agency_id;

INSERT INTO seizure_dim_total
SELECT operation_id, dim, 'd', day, dim_value, substance_key, unit, form, agency_id,
       amount_nano, cases
FROM seizure_total WHERE dim <> '';
INSERT INTO seizure_dim_total
SELECT operation_id, dim, 'a', '', dim_value, substance_key, unit, form, agency_id,
       sum(amount_nano), sum(cases)
FROM seizure_dim_total WHERE grain = 'd'
GROUP BY operation_id, dim, dim_value, substance_key, unit, form, agency_id;

DROP INDEX seizure_total_grouped;
DROP TABLE seizure_total;
ALTER TABLE seizure_total_new RENAME TO seizure_total;
