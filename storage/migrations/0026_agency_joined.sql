-- When an agency joined the operation: before that day (in its own zone) it cannot have been
-- silent (/summary's Silent line, the digest, the debrief's compliance table named an agency
-- added today as silent for every day before). Agencies added before this migration take the
-- time of their 'agency.add' audit entry; one brought in by an import has none (NULL): its
-- reports may go back further than the import, so it counts as there from the start.
ALTER TABLE agency ADD COLUMN joined_at TEXT;

UPDATE agency SET joined_at = (
    SELECT min(a.at) FROM audit_log AS a
    WHERE a.action = 'agency.add' AND a.operation_id = agency.operation_id
      AND json_extract(a.detail, '$.code') = agency.code
);
