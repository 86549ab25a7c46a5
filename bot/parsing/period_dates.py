"""Days and ranges of /summary and /chart written as a report's date is: '20/11/2569',
'20/11/69', '그저께', '어제..오늘', '1/1/2026 to 5/1/2026'. The reading is the report's
(bot.parsing.dates), so a day an officer reports in is a day they can ask a summary of."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from bot.domain.summary import Period
from bot.parsing.dates import date_at
from bot.parsing.periods import PeriodError, SummaryArgsError
from bot.render.i18n import _

# A range of two days without a year whose second comes first in the calendar ('28 Dec..3 Jan')
# runs into the next year; longer than this, it was written the wrong way round ('1 Dec..28 Nov'
# is not the year to next 28 November).
_ACROSS_NEW_YEAR_DAYS = 183

# What stands between the two ends of a range, inside one word ('어제..오늘') or alone.
_INSIDE = ("..", "…", "~")
_BETWEEN = frozenset({"..", "…", "~", "-", "–", "—", "to", "until", "till"})


def written_day_at(
    words: Sequence[str], i: int, command: str, today: date
) -> tuple[Period, int] | None:
    """A day written as a report's at words[i] and the words it takes; None when none is."""
    found = date_at(words[i:], today)
    if found is None:
        return None
    day = _day(found[0], command, today)
    return Period(kind="date", first=day, last=day), found[1]


def written_range_at(
    words: Sequence[str], i: int, command: str, today: date
) -> tuple[date, date, int] | None:
    """Two such days with '..' between ('어제..오늘', '20/11/69 .. 25/11/69'), and the words
    taken; None when the words there are not two days."""
    word = words[i]
    for separator in _INSIDE:
        first, found, last = word.partition(separator)
        if found and first and last:
            ends = _ends(first, last.lstrip(separator), today)
            if ends[0] is None or ends[1] is None:
                return None
            return _day(ends[0], command, today), _day(ends[1], command, today), 1
    if i + 2 < len(words) and words[i + 1].casefold() in _BETWEEN:
        ends = _ends(word, words[i + 2], today)
        if ends[0] is None or ends[1] is None:
            return None
        return _day(ends[0], command, today), _day(ends[1], command, today), 3
    return None


def _end(word: str, today: date) -> date | str | None:
    """One end of a range: a day written in one word, or what is wrong with it."""
    found = date_at([word], today)
    return None if found is None or found[1] != 1 else found[0]


def _ends(first: str, last: str, today: date) -> tuple[date | str | None, date | str | None]:
    """Both ends; a last day without a year is the first such day from the first one on:
    '1/12..20/12' on 2 December is 1 to 20 December, not "ends before it starts" with a
    corrected range a year long (newcomer review)."""
    start, end = _end(first, today), _end(last, today)
    if isinstance(start, date) and isinstance(end, date) and end < start:
        later = _end(last, start + timedelta(days=364))  # the same day when given a year
        near = isinstance(later, date) and 0 <= (later - start).days <= _ACROSS_NEW_YEAR_DAYS
        end = later if near else end  # '1/12..20/11' stays backwards, and is refused so
    return start, end


def _day(found: date | str, command: str, today: date) -> date:
    if isinstance(found, date):
        return found
    raise PeriodError(
        _("{problem} — e.g. /{command} {example}").format(
            problem=found, command=command, example=f"{today.day}/{today.month}/{today.year}"
        )
    )


DayMonth = date | tuple[int | None, int, int]


def backwards_error(
    ends: tuple[DayMonth, DayMonth], start: date, end: date, typed: tuple[str, str], command: str
) -> SummaryArgsError | None:
    """'1 Dec..28 Nov' (no years, a year long when read forwards): the refusal, with the range
    the right way round; None for any other range."""
    first, last = ends
    if not (isinstance(first, tuple) and isinstance(last, tuple)) or first[0] or last[0]:
        return None
    if (last[1], last[2]) >= (first[1], first[2]) or (end - start).days <= _ACROSS_NEW_YEAR_DAYS:
        return None
    return SummaryArgsError(
        _("'{typed}' ends before it starts: write the earlier day first — e.g. {example}").format(
            typed=f"{typed[0]}..{typed[1]}", example=f"/{command} {typed[1]}..{typed[0]}"
        )
    )
