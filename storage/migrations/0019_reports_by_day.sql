-- /reports lists by seizure date, newest first, then by report number: an index in that order,
-- so a page reads ten rows of it rather than sorting every report of the operation.
CREATE INDEX seizure_by_day ON seizure (operation_id, day, number);
