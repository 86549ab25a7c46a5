"""Where a report's day is written in its text, in whatever form it was typed, and the text
with another day in its place: the example a question about that day suggests."""

from __future__ import annotations

import re
from datetime import date

from bot.parsing.dates import date_at, without_year
from bot.parsing.markers import DATE_WORDS

_SHORT_YEAR = re.compile(r"[0-9]+[/.-][0-9]+[/.-][0-9]+")


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
            return typed, in_its_place(text, typed, today)
    return None


def yearless_example(text: str, happened: date, today: date) -> tuple[str, str] | None:
    """The date in `text` written without a year and read as `happened`, as typed, and `text`
    with today's date in its place (a valid example); None if no such date is in the text."""
    typed = next((t for t, read in without_year(text, today) if read == happened), None)
    if typed is None or typed not in text or _SHORT_YEAR.search(typed):
        return None  # '12/11/69' has its year, in two digits
    return typed, in_its_place(text, typed, today)


def in_its_place(text: str, typed: str, day: date) -> str:
    """`text` with `day` where `typed` was, after `on` unless a date word or key is before it:
    a date alone after a place ('สุวรรณภูมิ 2026-12-01') would be read as part of the place or
    the note, where 'เมื่อวาน' (yesterday) alone was not."""
    at = text.index(typed)
    before = text[:at].split()
    keyed = text[:at].rstrip().endswith(("=", ":"))  # "date=2026-11-18": its key says it
    dated = keyed or (bool(before) and before[-1].casefold() in DATE_WORDS)
    written = day.isoformat() if dated else f"on {day}"
    return text[:at] + written + text[at + len(typed) :]
