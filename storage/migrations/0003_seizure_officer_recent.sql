-- "Did this officer send exactly this text a few minutes ago?" is asked before every report;
-- without this index it read every report the officer ever sent.
CREATE INDEX seizure_officer_recent ON seizure (officer_id, reported_at);
