-- Every update the bot takes from Telegram is kept here before Telegram is told it arrived (the
-- next getUpdates offset, or the webhook's 200), and marked handled once it was: a process
-- killed in between takes up at start-up what was kept and not handled (bot/inbox.py).
CREATE TABLE update_inbox (
    update_id    INTEGER PRIMARY KEY,
    body         TEXT NOT NULL,     -- the update as Telegram sent it, JSON
    received_at  TEXT NOT NULL,
    handled_at   TEXT               -- NULL while it waits or is being handled
);
-- Handled rows are forgotten after a few days (storage/inbox.py), found by this index; the
-- rows still waiting are found by it too.
CREATE INDEX update_inbox_handled ON update_inbox (handled_at);
