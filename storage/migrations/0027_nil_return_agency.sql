-- A period's nil returns counted per agency by a seek for each on this index alone: /summary's
-- footer read every row of a long operation's period from the table for its agency, and sorted
-- them (8,000 rows over 1,000 days: 1.5-4.5 ms of CPU on every whole-operation summary). The
-- reads by day keep nil_return_day.
CREATE INDEX nil_return_agency_day ON nil_return (operation_id, agency_id, day);
