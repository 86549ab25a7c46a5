"""What an officer typed, without the characters no one sees: controls and bidi overrides.

A U+202E in a location turns 'NCI' into 'ICN' on every screen that shows it (acks, /reports,
/summary by location); a NUL or other control character is never meant. Newlines and tabs stay:
texts keep their lines. Joiners (emoji sequences, Thai and Korean text) are visible text and stay.
"""

from __future__ import annotations

import re

# C0 and C1 controls but tab and newline (a carriage return is a line break: see `visible_text`),
# the bidi marks (U+200E, U+200F), embeddings and overrides (U+202A-U+202E) and isolates
# (U+2066-U+2069).
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def has_hidden(text: str) -> bool:
    """Whether the text holds a character that `visible_text` removes or changes."""
    return _HIDDEN.search(text) is not None


def visible_text(text: str) -> tuple[str, list[int]]:
    """The text without hidden characters, and where those were, in UTF-16 code units.

    The positions let a message's entities (counted in UTF-16 by Telegram) be moved with it.
    A lone carriage return becomes a newline; one before a newline goes.
    """
    kept: list[str] = []
    removed: list[int] = []
    at = 0
    for index, char in enumerate(text):
        if char == "\r" and not text.startswith("\n", index + 1):
            kept.append("\n")
        elif _HIDDEN.match(char):
            removed.append(at)
        else:
            kept.append(char)
        at += 2 if ord(char) > 0xFFFF else 1
    return "".join(kept), removed
