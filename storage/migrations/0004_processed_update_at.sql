-- Update ids are forgotten after a few days (storage/seizures.py, UPDATE_MEMORY): Telegram
-- never delivers an update after 24 hours, and after a week without updates it may start its
-- ids again anywhere, where an old id must not pass for a repeat. The forgetting runs before
-- every claim, so it must find the old rows without reading all of them.
CREATE INDEX processed_update_at ON processed_update (at);
