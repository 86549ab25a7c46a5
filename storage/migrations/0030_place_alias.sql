-- A place officers name in several ways ('Sadao', 'Sadao border', 'ด่านสะเดา') is one place to the
-- coordinator: /alias place WORDS = PLACE. The reports keep the officer's words; the breakdowns
-- by location, the debriefing pack and the export read them through these names when they are
-- read, so that an alias set, re-pointed or removed moves past and future reports alike and the
-- running totals (kept under the words as written) never change.
CREATE TABLE place_alias (
    operation_id INTEGER NOT NULL REFERENCES operation(id),
    words        TEXT NOT NULL,                      -- the words as a key (bot.domain.places)
    place        TEXT NOT NULL,                      -- the place they count as, as typed
    created_by   INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (operation_id, words)
);
