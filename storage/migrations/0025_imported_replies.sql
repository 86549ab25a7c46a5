-- An import no longer keeps the source operation's acknowledgement (its chat and message):
-- a /void or a correction of the imported copy edited the source's group message, and a reply
-- to that message could find the copy. Reports imported before that change lose them too.
UPDATE seizure SET reply_chat_id = NULL, reply_message_id = NULL
WHERE import_id IS NOT NULL AND (reply_chat_id IS NOT NULL OR reply_message_id IS NOT NULL);
