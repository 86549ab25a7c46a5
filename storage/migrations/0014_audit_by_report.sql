-- /show reads one report's history from the audit log: indexed by the report its entry names,
-- so that it does not read every entry of an operation of a million reports.
CREATE INDEX audit_log_seizure ON audit_log (operation_id, json_extract(detail, '$.seizure_id'))
    WHERE action LIKE 'seizure.%';
