-- The nil returns of a period counted per agency from the index alone: /summary's footer read
-- each of a long operation's rows from the table for its agency (8,000 rows over 1,000 days,
-- 2.5-4.5 ms of CPU on every whole-operation summary). The same first columns as the index it
-- replaces, so every read that used nil_return_day seeks on this one as before.
CREATE INDEX nil_return_day_agency ON nil_return (operation_id, day, agency_id);
DROP INDEX nil_return_day;
