-- Whether handling an update answered its sender (a message sent to them or their chat). A
-- handled update that Telegram delivers again is not handled again (bot/inbox.py): its first
-- handling carried it out or refused it against the state of that moment, and a refusal
-- handled again later (a report in a group bound since, a /restore after a /void) would take
-- effect then. The repeat is answered "Already done" only where the first delivery was answered:
-- chatter the bot kept quiet about stays quiet. NULL for updates handled before this column.
ALTER TABLE update_inbox ADD COLUMN answered INTEGER;
