-- Before a report is written the bot asks whether an amount is far over the operation's
-- largest of that substance (storage.checks.largest_item). That largest was a max() over every
-- item of the substance in the operation: 150-270 ms at 100,000 reports, on every /seizure,
-- and ten times that at 1,000,000; it was most of an officer's wait for the acknowledgement
-- (bench.stall: 193 ms median, calm). With the items of a substance in amount order, the
-- largest counted one is the first of a short walk down from the top.
CREATE INDEX seizure_item_largest ON seizure_item (substance, unit, amount_nano)
    WHERE substance IS NOT NULL;
