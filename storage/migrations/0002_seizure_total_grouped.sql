-- /summary adds up seizure_total grouped by substance (and agency, location, transport or
-- officer). The primary key is ordered by day, so grouping it needs a sort of every row in the
-- period: 45 ms for the whole of a 1,000,000-report operation. This covering index holds the
-- rows in grouping order, so SQLite adds them up in one pass with no sort (about 12 ms).
CREATE INDEX seizure_total_grouped ON seizure_total
    (operation_id, dim, dim_value, substance_key, unit, form, agency_id, day, amount_nano, cases);
