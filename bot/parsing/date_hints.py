"""A date meant after `on` though the rules cannot read it ("on 지난 금요일", "on last friday"):
the place before it stops at `on`, and the date is refused with a valid example, never kept
as part of the place."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date

from bot.domain.quantities import ascii_digits
from bot.parsing.dates import written_date

# Words that show a date was meant: a weekday, or a word before one.
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_DATE_HINTS = frozenset({"last", "next", "this", "지난", "이번", "다음"})
_WEEKS = frozenset({"지난주", "이번주", "다음주"})


def meant_as_date(marker: str, words: Sequence[str], today: date) -> bool:
    """Whether `words` after `marker` (on, วันที่) are a date: one the rules read, or after `on`
    one they cannot (a weekday, "last friday", a number) that must be refused, not kept."""
    if written_date(words, today):
        return True
    if marker != "on" or not words:
        return False
    first = _clean(words[0])
    if first in _DATE_HINTS:  # "last friday", not "on this ship"
        return len(words) > 1 and _day_word(_clean(words[1]))
    return any(char.isdigit() for char in first) or first in _WEEKS or _day_word(first)


def _day_word(word: str) -> bool:
    """A weekday, however written: friday, fri, 금요일, วันศุกร์; or a week."""
    return (
        word.endswith("요일")
        or word.startswith("วัน")
        or word in {"week", "주"}
        or any(word.startswith(day[:3]) and day.startswith(word) for day in _WEEKDAYS)
    )


def unread_date_length(words: Sequence[str]) -> int:
    """How many words a date that cannot be read takes: "last friday", "지난 금요일" two."""
    return 2 if len(words) > 1 and _clean(words[0]) in _DATE_HINTS else 1


def _clean(word: str) -> str:
    return ascii_digits(unicodedata.normalize("NFKC", word)).casefold().strip("()[]{}.,;:!?")
