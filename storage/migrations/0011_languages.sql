-- Who reads which language: a person's (from Telegram's language_code at first contact, or
-- /language), and an operation's group language(s), space-separated in the order shown
-- (/language group ko th). NULL: not known yet, read as English.
ALTER TABLE person ADD COLUMN language TEXT;
ALTER TABLE operation ADD COLUMN languages TEXT NOT NULL DEFAULT 'en';
