-- A breakdown over a range of dates (/summary 2026-10-05..2026-11-20 by location, a phase, a
-- week by officer) summed and sorted the rows of every day in it: 150,000 rows and 240 ms of
-- CPU at 1,000,000 reports, most of it the sort. seizure_dim_total now keeps ISO weeks ('w',
-- period the Monday 'YYYY-MM-DD') and months ('m', 'YYYY-MM') beside days and the whole
-- operation, as seizure_total keeps months (0012): a range reads its whole months, then whole
-- weeks, and only its ragged days (storage/grains.py). The grain's CHECK needs a new table.
CREATE TABLE seizure_dim_total_new (
    operation_id  INTEGER NOT NULL,
    dim           TEXT NOT NULL,
    grain         TEXT NOT NULL CHECK (grain IN ('d', 'w', 'm', 'a')),
    period        TEXT NOT NULL,
    dim_value     TEXT NOT NULL,
    substance_key TEXT NOT NULL,
    unit          TEXT NOT NULL,
    form          TEXT NOT NULL,
    agency_id     INTEGER NOT NULL,
    amount_nano   INTEGER NOT NULL,
    cases         INTEGER NOT NULL,
    reports       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (operation_id, dim, grain, period, dim_value, substance_key, unit, form, agency_id)
) WITHOUT ROWID;

INSERT INTO seizure_dim_total_new
SELECT operation_id, dim, grain, period, dim_value, substance_key, unit, form, agency_id,
       amount_nano, cases, reports
FROM seizure_dim_total ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9;

-- A report falls on one day, so its week and month are plain sums of the days' rows (the
-- Monday as storage.totals._WEEK computes it).
INSERT INTO seizure_dim_total_new
SELECT operation_id, dim, 'w', date(period, 'weekday 0', '-6 days'), dim_value, substance_key,
       unit, form, agency_id, sum(amount_nano), sum(cases), sum(reports)
FROM seizure_dim_total_new WHERE grain = 'd'
GROUP BY operation_id, dim, date(period, 'weekday 0', '-6 days'), dim_value, substance_key, unit,
         form, agency_id;
INSERT INTO seizure_dim_total_new
SELECT operation_id, dim, 'm', substr(period, 1, 7), dim_value, substance_key, unit, form,
       agency_id, sum(amount_nano), sum(cases), sum(reports)
FROM seizure_dim_total_new WHERE grain = 'd'
GROUP BY operation_id, dim, substr(period, 1, 7), dim_value, substance_key, unit, form, agency_id;

DROP TABLE seizure_dim_total;
ALTER TABLE seizure_dim_total_new RENAME TO seizure_dim_total;

-- An import's staged rows (0020), pending or waiting to be merged, get the same grains.
INSERT INTO import_dim_total
SELECT operation_id, dim, 'w', date(period, 'weekday 0', '-6 days'), dim_value, substance_key,
       unit, form, agency_id, sum(amount_nano), sum(cases), sum(reports), import_id
FROM import_dim_total WHERE grain = 'd'
GROUP BY operation_id, dim, date(period, 'weekday 0', '-6 days'), dim_value, substance_key, unit,
         form, agency_id, import_id;
INSERT INTO import_dim_total
SELECT operation_id, dim, 'm', substr(period, 1, 7), dim_value, substance_key, unit, form,
       agency_id, sum(amount_nano), sum(cases), sum(reports), import_id
FROM import_dim_total WHERE grain = 'd'
GROUP BY operation_id, dim, substr(period, 1, 7), dim_value, substance_key, unit, form, agency_id,
         import_id;
