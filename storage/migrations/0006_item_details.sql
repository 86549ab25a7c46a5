-- The parser's second edition records more of each item (seizure-messages.md, "Messier
-- messages"): how many packages, whether the amount is approximate or provisional (awaiting
-- the lab), the declared gross weight in g (an exact decimal string, like amount), and the word
-- as typed when a typo was read as an alias. Earlier items read as "not said".
ALTER TABLE seizure_item ADD COLUMN packages INTEGER CHECK (packages IS NULL OR packages > 0);
ALTER TABLE seizure_item ADD COLUMN approximate INTEGER NOT NULL DEFAULT 0
    CHECK (approximate IN (0, 1));
ALTER TABLE seizure_item ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0
    CHECK (provisional IN (0, 1));
ALTER TABLE seizure_item ADD COLUMN gross TEXT;
ALTER TABLE seizure_item ADD COLUMN corrected_from TEXT;
