"""Where a report's day is written in its text, in whatever form it was typed."""

from __future__ import annotations

import re
from datetime import date

from bot.parsing.dates import date_at


def typed_date(text: str, happened: date, today: date) -> tuple[str, str] | None:
    """The words of `text` read as `happened` on `today` (2026-11-20, 20/11/2026, 20 Nov,
    어제), as typed, and `text` with today's date in their place (a valid example); None if
    no words of it read as that day."""
    words = re.split(r"[\s=]+", text)
    for at in range(len(words)):
        read = date_at(words[at : at + 4], today)
        if read is None or read[0] != happened:
            continue
        typed = " ".join(words[at : at + read[1]]).strip("()[]{}").rstrip(".,;:!?")
        if typed and typed in text:
            return typed, text.replace(typed, today.isoformat(), 1)
    return None
