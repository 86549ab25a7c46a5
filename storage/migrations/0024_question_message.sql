-- The bot's own message that asks a question: when the officer edits the message asked about,
-- that question is closed (it no longer shows what would be recorded), and a press under an
-- older question for the same message is told it was replaced.
ALTER TABLE question ADD COLUMN asked_message_id INTEGER;
