-- The summary's breakdowns by origin, destination, route, concealment and detection were read
-- from the reports themselves: every counted report of the period and its items, 600-1,000 ms
-- of CPU at 100,000 reports, ten times that at 1,000,000. The running totals now keep them in
-- seizure_dim_total beside location, transport and officer, by day and for the whole
-- operation, with 0018's `reports` (1 on a report's first substance's row), so a breakdown and
-- its case counts are sums over a few rows for any date range. Each value is the SQL that
-- storage.totals.DETAIL_VALUES gives; keep the two alike.

-- Each counted report's cells, one row per (substance key, unit, form), as storage.totals
-- keys them (ocu_substance_key is the bot's own substance_key, given by storage.migrate).
CREATE TEMP TABLE ocu_detail_case AS
SELECT s.operation_id AS operation_id, s.day AS day, coalesce(s.agency_id, 0) AS agency_id,
       coalesce(s.origin, '') AS origin, coalesce(s.destination, '') AS destination,
       coalesce(s.origin, '') || char(31) || coalesce(s.destination, '') AS route,
       lower(trim(coalesce(s.concealment, ''))) AS concealment,
       coalesce(s.detection, '') AS detection,
       CASE WHEN i.substance IS NOT NULL AND i.substance <> '' THEN i.substance
            ELSE ocu_substance_key(NULL, i.substance_text) END AS substance_key,
       i.unit AS unit, coalesce(i.form, '') AS form, sum(i.amount_nano) AS amount_nano,
       row_number() OVER (
           PARTITION BY s.id
           ORDER BY CASE WHEN i.substance IS NOT NULL AND i.substance <> '' THEN i.substance
                         ELSE ocu_substance_key(NULL, i.substance_text) END,
                    i.unit, coalesce(i.form, '')
       ) = 1 AS first
FROM seizure AS s JOIN seizure_item AS i ON i.seizure_id = s.id
WHERE s.voided_at IS NULL
  AND coalesce(s.import_id, 0) NOT IN (SELECT id FROM import_batch WHERE finished_at IS NULL)
GROUP BY s.id, substance_key, i.unit, coalesce(i.form, '');

INSERT INTO seizure_dim_total (operation_id, dim, grain, period, dim_value, substance_key, unit,
                               form, agency_id, amount_nano, cases, reports)
SELECT operation_id, dim, grain, period, dim_value, substance_key, unit, form, agency_id,
       sum(amount_nano), count(*), sum(first)
FROM (
    SELECT operation_id, 'origin' AS dim, 'd' AS grain, day AS period, origin AS dim_value,
           substance_key, unit, form, agency_id, amount_nano, first FROM ocu_detail_case
    UNION ALL SELECT operation_id, 'origin', 'a', '', origin, substance_key, unit, form,
           agency_id, amount_nano, first FROM ocu_detail_case
    UNION ALL SELECT operation_id, 'destination', 'd', day, destination, substance_key, unit,
           form, agency_id, amount_nano, first FROM ocu_detail_case
    UNION ALL SELECT operation_id, 'destination', 'a', '', destination, substance_key, unit,
           form, agency_id, amount_nano, first FROM ocu_detail_case
    UNION ALL SELECT operation_id, 'route', 'd', day, route, substance_key, unit, form,
           agency_id, amount_nano, first FROM ocu_detail_case
    UNION ALL SELECT operation_id, 'route', 'a', '', route, substance_key, unit, form,
           agency_id, amount_nano, first FROM ocu_detail_case
    UNION ALL SELECT operation_id, 'concealment', 'd', day, concealment, substance_key, unit,
           form, agency_id, amount_nano, first FROM ocu_detail_case
    UNION ALL SELECT operation_id, 'concealment', 'a', '', concealment, substance_key, unit,
           form, agency_id, amount_nano, first FROM ocu_detail_case
    UNION ALL SELECT operation_id, 'detection', 'd', day, detection, substance_key, unit, form,
           agency_id, amount_nano, first FROM ocu_detail_case
    UNION ALL SELECT operation_id, 'detection', 'a', '', detection, substance_key, unit, form,
           agency_id, amount_nano, first FROM ocu_detail_case
)
GROUP BY operation_id, dim, grain, period, dim_value, substance_key, unit, form, agency_id;

DROP TABLE temp.ocu_detail_case;
