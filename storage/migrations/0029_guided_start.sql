-- The officer's /seizure message that began a step-by-step report: an edit of that message
-- must find its report (open or recorded) instead of recording the edit as a second one.
ALTER TABLE report_draft ADD COLUMN started_message_id INTEGER;

CREATE TABLE guided_start (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    seizure_id INTEGER NOT NULL REFERENCES seizure(id),
    PRIMARY KEY (chat_id, message_id)
);
