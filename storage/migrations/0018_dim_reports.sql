-- A breakdown's case counts (/summary by location, transport, officer: "· 412 cases") were
-- counted from the reports themselves, every counted report of the period read each time:
-- 85 ms of CPU at 100,000 reports over 1,000 days, ten times that at 1,000,000. The running
-- totals now say it: `reports` is 1 on the row of a report's first (substance key, unit,
-- form) in each group, 0 on its other substances' rows, so a group's reports are a sum over
-- rows already kept, for any date range, with no new row.
ALTER TABLE seizure_dim_total ADD COLUMN reports INTEGER NOT NULL DEFAULT 0;

-- Each counted report's first substance cell, as storage.totals keys it (ocu_substance_key is
-- the bot's own substance_key, given to the migration's connection by storage.migrate).
CREATE TEMP TABLE ocu_first AS
SELECT operation_id, day, agency_id, location, transport, officer, substance_key, unit, form
FROM (
    SELECT s.operation_id, s.day, coalesce(s.agency_id, 0) AS agency_id,
           coalesce(s.location, '') AS location, coalesce(s.transport, '') AS transport,
           CAST(s.officer_id AS TEXT) AS officer,
           CASE WHEN i.substance IS NOT NULL AND i.substance <> '' THEN i.substance
                ELSE ocu_substance_key(NULL, i.substance_text) END AS substance_key,
           i.unit AS unit, coalesce(i.form, '') AS form,
           row_number() OVER (
               PARTITION BY s.id
               ORDER BY CASE WHEN i.substance IS NOT NULL AND i.substance <> '' THEN i.substance
                             ELSE ocu_substance_key(NULL, i.substance_text) END,
                        i.unit, coalesce(i.form, '')
           ) AS n
    FROM seizure AS s JOIN seizure_item AS i ON i.seizure_id = s.id
    WHERE s.voided_at IS NULL
      AND coalesce(s.import_id, 0) NOT IN (SELECT id FROM import_batch WHERE finished_at IS NULL)
)
WHERE n = 1;

CREATE TEMP TABLE ocu_first_count AS
SELECT operation_id, dim, grain, period, dim_value, substance_key, unit, form, agency_id,
       count(*) AS reports
FROM (
    SELECT operation_id, 'location' AS dim, 'd' AS grain, day AS period, location AS dim_value,
           substance_key, unit, form, agency_id FROM ocu_first
    UNION ALL SELECT operation_id, 'location', 'a', '', location, substance_key, unit, form,
           agency_id FROM ocu_first
    UNION ALL SELECT operation_id, 'transport', 'd', day, transport, substance_key, unit, form,
           agency_id FROM ocu_first
    UNION ALL SELECT operation_id, 'transport', 'a', '', transport, substance_key, unit, form,
           agency_id FROM ocu_first
    UNION ALL SELECT operation_id, 'officer', 'd', day, officer, substance_key, unit, form,
           agency_id FROM ocu_first
    UNION ALL SELECT operation_id, 'officer', 'a', '', officer, substance_key, unit, form,
           agency_id FROM ocu_first
)
GROUP BY operation_id, dim, grain, period, dim_value, substance_key, unit, form, agency_id;

UPDATE seizure_dim_total SET reports = c.reports
FROM temp.ocu_first_count AS c
WHERE seizure_dim_total.operation_id = c.operation_id AND seizure_dim_total.dim = c.dim
  AND seizure_dim_total.grain = c.grain AND seizure_dim_total.period = c.period
  AND seizure_dim_total.dim_value = c.dim_value
  AND seizure_dim_total.substance_key = c.substance_key AND seizure_dim_total.unit = c.unit
  AND seizure_dim_total.form = c.form AND seizure_dim_total.agency_id = c.agency_id;

DROP TABLE temp.ocu_first;
DROP TABLE temp.ocu_first_count;
