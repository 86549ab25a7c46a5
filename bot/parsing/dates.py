"""The day a seizure happened, as officers write it: 2026-11-20, 20/11, 20 Nov, 어제."""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache

from bot.domain.quantities import ascii_digits, unit_word
from bot.parsing.when import BUDDHIST_ERA_OFFSET, FIRST_YEAR, LAST_YEAR, gregorian_year
from bot.render.i18n import _

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ],
        1,
    )
    for name in names.split()
}
# Thai month names, full and abbreviated (พ.ย. 2569 is November 2026).
_MONTHS |= {
    name: number
    for number, names in enumerate(
        [
            "มกราคม ม.ค มค",
            "กุมภาพันธ์ ก.พ กพ",
            "มีนาคม มี.ค มีค",
            "เมษายน เม.ย เมย",
            "พฤษภาคม พ.ค พค",
            "มิถุนายน มิ.ย มิย",
            "กรกฎาคม ก.ค กค",
            "สิงหาคม ส.ค สค",
            "กันยายน ก.ย กย",
            "ตุลาคม ต.ค ตค",
            "พฤศจิกายน พ.ย พย",
            "ธันวาคม ธ.ค ธค",
        ],
        1,
    )
    for name in names.split()
}
# Days back from today; these words also stand alone, without "on".
RELATIVE = {
    "today": 0,
    "yesterday": 1,
    "오늘": 0,
    "어제": 1,
    "그저께": 2,
    "그제": 2,
    "วันนี้": 0,
    "เมื่อวาน": 1,
    "เมื่อวานนี้": 1,
    "เมื่อวานซืน": 2,
}
# English writes the day before yesterday in words: "day before yesterday", "the day before ...".
_DAY_BEFORE_YESTERDAY = ("day", "before", "yesterday")
# "2 days ago", "2 วันก่อน", "2 วันที่แล้ว", "2일 전": N days back, as "day before yesterday" is 2.
# Weeks too ("2 weeks ago", "2 สัปดาห์ก่อน", "2주 전"); any count, a long one refused as long ago.
_DAYS_AGO = re.compile(
    r"([0-9][0-9,]{0,11}) ?(?:(days? ago|วัน ?(?:ก่อน|ที่แล้ว)|일 ?전)"
    r"|(weeks? ago|(?:สัปดาห์|อาทิตย์) ?(?:ก่อน|ที่แล้ว)|주 ?전))"
)
_LONGEST_AGO_DAYS = 36_500  # further back is refused as long ago all the same, and fits a date
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_YEAR = re.compile(r"\d{4}")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})[-/.]([^\W\d_]+)\.?(?:[-/.](\d{4}))?")
# 2026년 11월 20일, 11월 20일, 11월20일
_KOREAN = re.compile(r"(?:(\d{4})년)?(\d{1,2})월(\d{1,2})일?")


def month_number(word: str) -> int | None:
    """The month a name stands for ('Nov', 'november', 'พ.ย.'), or None."""
    return _MONTHS.get(_clean(word))


def relative_day(word: str, today: date) -> date | None:
    """today, yesterday, 어제, เมื่อวาน... as a date; None for any other word."""
    back = RELATIVE.get(_clean(word))
    return None if back is None else today - timedelta(days=back)


def relative_words(words: Sequence[str], today: date) -> tuple[date, int] | None:
    """A relative day at the start of `words` (`yesterday`, `그저께`, `the day before
    yesterday`, `2 days ago`): the day and the words it takes; None when none starts there."""
    if not words:
        return None
    day = relative_day(words[0], today)
    if day is not None:
        return day, 1
    cleaned = tuple(_clean(word) for word in words[:4])
    for length in (1, 2, 3):
        found = _DAYS_AGO.fullmatch(" ".join(cleaned[:length]))
        if found is not None and len(cleaned) >= length:
            count = int(found[1].replace(",", "")) * (7 if found[3] else 1)
            return today - timedelta(days=min(count, _LONGEST_AGO_DAYS)), length
    for start in (0, 1) if cleaned[:1] == ("the",) else (0,):
        if cleaned[start : start + 3] == _DAY_BEFORE_YESTERDAY:
            return today - timedelta(days=2), start + 3
    return None


def date_at(words: Sequence[str], today: date) -> tuple[date | str, int] | None:
    """A date at the start of `words`: (the day, or what is wrong with it; words used).

    None when no date is written there. A date without a year is the latest such day not
    after `today`.
    """
    if not words:
        return None
    first = _clean(words[0])
    relative = relative_words(words, today)
    if relative is not None:
        return relative
    found = _YEAR_FIRST.fullmatch(first)
    if found is not None:
        return _day(words[0], found[1], found[2], found[3], today), 1
    found = _DAY_FIRST.fullmatch(first)
    if found is not None:
        fixed = month_first(words[0], today)
        if fixed is not None:  # 11/28: the day first is how officers here write it
            typed = words[0].rstrip(".,;:!?")
            return _("{typed} puts the month first: write the day first").format(typed=typed), 1
        return _day(words[0], found[3], found[2], found[1], today), 1
    found = _DAY_MONTH_NAME.fullmatch(first)  # 20-Nov-2026
    if found is not None and found[2] in _MONTHS:
        return _day(words[0], found[3], str(_MONTHS[found[2]]), found[1], today), 1
    for length in (1, 2, 3):
        found = _KOREAN.fullmatch("".join(_clean(word) for word in words[:length]))
        if found is not None and len(words) >= length:
            typed = " ".join(words[:length])
            return _day(typed, found[1], found[2], found[3], today), length
    second = _clean(words[1]) if len(words) > 1 else ""
    third = _clean(words[2]) if len(words) > 2 else ""
    day_first = _DAY.fullmatch(first)
    if day_first is not None and second in _MONTHS:  # 20 Nov [2026]
        # "20 พ.ย. 69": a Thai officer's short year is a year, never an amount of nothing.
        thai = re.search(r"[\u0e00-\u0e7f]", second) and re.fullmatch(r"\d{2}", third)
        year = third if _YEAR.fullmatch(third) or thai else None
        typed = " ".join(words[: 3 if year else 2])
        return _day(typed, year, str(_MONTHS[second]), day_first[1], today), 3 if year else 2
    day_after = _DAY.fullmatch(second)
    if first in _MONTHS and day_after is not None:  # Nov 20 [2026]
        year = third if _YEAR.fullmatch(third) else None
        typed = " ".join(words[: 3 if year else 2])
        return _day(typed, year, str(_MONTHS[first]), day_after[1], today), 3 if year else 2
    return None


def month_first(word: str, today: date) -> str | None:
    """The day-first form of a date written month first ('11/28': '28/11'), when that form
    is a day that exists; None for any other word."""
    clean = _clean(word)
    found = _DAY_FIRST.fullmatch(clean)
    if found is None or not (1 <= int(found[1]) <= 12 < int(found[2])):
        return None
    separator = clean[len(found[1])]
    fixed = separator.join(part for part in (found[2], found[1], found[3]) if part)
    read = date_at([fixed], today)
    return fixed if read is not None and isinstance(read[0], date) else None


def written_date(words: Sequence[str], today: date) -> tuple[date | str, int] | None:
    """A date after `on` or วันที่, as `date_at` reads it; a day number alone ("on 5"), which
    names no month, is a date with what is wrong with it rather than an amount or a place."""
    found = date_at(words, today)
    day = _DAY.fullmatch(_clean(words[0])) if found is None and words else None
    if day is None or not 1 <= int(day[1]) <= 31 or (len(words) > 1 and unit_word(words[1])):
        return found
    typed = words[0].rstrip(".,;:!?")
    return _('"{typed}" is only a day: write the whole date, with its month and year').format(
        typed=typed
    ), 1


def whole_date(words: Sequence[str], today: date) -> str | None:
    """The date at the start of `words` written whole as the officer meant it: month first
    '11/28' is '28/11'; a day alone ('5') is the latest such day not after today ('5/11/2026')."""
    fixed = month_first(words[0], today) if words else None
    day = _DAY.fullmatch(_clean(words[0])) if words else None
    if fixed is not None or day is None or date_at(words, today) is not None:
        return fixed
    number, year, month = int(day[1]), today.year, today.month
    for _back in range(12):
        if number <= monthrange(year, month)[1] and date(year, month, number) <= today:
            return f"{number}/{month}/{year}"
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


# Each word of a report is asked whether it starts a relative day or a date, several times.
@lru_cache(maxsize=4096)
def _clean(word: str) -> str:
    text = ascii_digits(unicodedata.normalize("NFKC", word)).casefold()
    return text.strip("()[]{}").rstrip(".,;:!?")


def as_typed(typed: str) -> str:
    """A date as typed without the punctuation after it, but with the dot that ends an
    abbreviated Thai month ('29 พ.ย.', not '29 พ.ย')."""
    bare = typed.rstrip(".,;:!?")
    last = bare.split()[-1] if bare.split() else ""
    keeps = "." in last and typed[len(bare) : len(bare) + 1] == "."
    return bare + "." if keeps else bare


def _day(typed: str, year: str | None, month: str, day: str, today: date) -> date | str:
    typed = as_typed(typed)
    if year is None:
        # The latest such day not after today; 29 February may be up to eight years back.
        for back in range(9):
            found = valid_date(today.year - back, int(month), int(day))
            if found is not None and found <= today:
                return found
        return _("There is no date {typed}: write the day it happened").format(typed=typed)
    number = int(year)
    if len(year) == 2:
        number = _short_year(number, int(month), int(day), today)
    number = gregorian_year(number)  # a Thai Buddhist-era year: 2569 is 2026
    if 2500 <= number <= 2600:
        # A Buddhist-era year out of range (2500 is 1957): say the year it was read as.
        return _(
            "The date {typed} is the year {year} (Buddhist era, 543 years ahead): the year must "
            "be between {first} and {last}; write the day it happened"
        ).format(typed=typed, year=number - BUDDHIST_ERA_OFFSET, first=FIRST_YEAR, last=LAST_YEAR)
    if number > LAST_YEAR:  # a year long past is refused as such (bot.parsing.validate)
        return _(
            "The date {typed}: the year must be between {first} and {last}; "
            "write the day it happened"
        ).format(typed=typed, first=FIRST_YEAR, last=LAST_YEAR)
    found = valid_date(number, int(month), int(day))
    return (
        found
        if found is not None
        else _("There is no date {typed}: write the day it happened").format(typed=typed)
    )


def _short_year(short: int, month: int, day: int, today: date) -> int:
    """A year typed in two digits: 20YY, unless that day is still to come and the Thai
    Buddhist-era year 25YY (543 ahead) makes it one that has come: '12/11/69' in 2026 is
    12 Nov 2569 BE, 2026. The rules read no two-digit year; no Gregorian reading of '69' can
    be a seizure (2069 is to come, 1969 long past), and Thai officers write the era's. Else
    the year to come stands, refused as in the future."""
    gregorian = 2000 + short
    found = valid_date(gregorian, month, day)
    if found is None or found <= today:
        return gregorian
    buddhist = 2500 + short - BUDDHIST_ERA_OFFSET
    found = valid_date(buddhist, month, day)
    # Only a day of the last twelve months: '20/11/43' is no 20 Nov 2000 (2543 BE) of a seizure.
    year_ago = valid_date(today.year - 1, today.month, today.day) or today.replace(
        day=28, year=today.year - 1
    )
    return buddhist if found is not None and year_ago <= found <= today else gregorian


def valid_date(year: int, month: int, day: int) -> date | None:
    """The day, if the calendar has it (no 29 February in 2027); else None."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def without_year(text: str, today: date) -> list[tuple[str, date]]:
    """Dates in `text` written without a year ('1 Dec', '20/11'), as typed, and the day each
    was read as on `today`."""
    words = re.split(r"[\s=]+", text)
    # A date without a year moves when today does (four years on: 29 February moves too); one
    # with a year stays. Relative days move as well, but they are no date without a year.
    later = today + timedelta(days=4 * 366)
    found = []
    for at in range(len(words)):
        if relative_words(words[at : at + 3], today) is not None:
            continue
        read = date_at(words[at : at + 3], today)
        if read is None or not isinstance(read[0], date):
            continue
        moved = date_at(words[at : at + 3], later)
        if moved is not None and moved[0] != read[0]:
            typed = " ".join(words[at : at + read[1]]).strip("()[]{}").rstrip(".,;:!?")
            found.append((typed, read[0]))
    return found


def dates_in(text: str, today: date) -> list[str]:
    """Dates written in free text ('2026-11-28', '28/11/2026', '28/11'), as typed, that
    `on` would record: days that exist and are not after `today`."""
    found = []
    for word in text.split():
        clean = _clean(word)
        full = _YEAR_FIRST.fullmatch(clean)
        day_first = _DAY_FIRST.fullmatch(clean)
        named = _DAY_MONTH_NAME.fullmatch(clean)
        if not (
            full
            or (day_first and (day_first[3] or "/" in clean))  # 20/11, never 1.5
            or (named and named[3] and named[2] in _MONTHS)
        ):
            continue
        read = date_at([word], today)
        if read is not None and isinstance(read[0], date) and read[0] <= today:
            found.append(word.strip("()[]{}").rstrip(".,;:!?"))
    return found


def _full_year(typed: str) -> bool:
    """Whether the year was written in full ('2030-01-01', '1/1/2030'): its last two digits
    are then the day's or the year's own, no short year to correct."""
    return re.search(r"(?<![0-9])[0-9]{4}(?![0-9])", typed) is not None


def short_year_fixed(typed: str, day: date, today: date) -> str | None:
    """'20/11/69', read as 2069-11-20 (after `today`): the typed date with the latest year in
    which that day and month have come; None if the year was not typed in two digits, or is
    this year's ('28/11/26' on 25 Nov 2026: the day is to come, not the year wrong)."""
    short = re.search(r"(?<![0-9])[0-9]{2}$", typed)
    if short is None or day.year <= today.year or _full_year(typed):
        return None
    for year in range(today.year, today.year - 9, -1):
        try:
            if date(year, day.month, day.day) <= today:
                return typed[: short.start()] + str(year)
        except ValueError:  # 29 Feb in a year without it
            continue
    return None


def short_year_refusal(typed: str, day: date, today: date) -> tuple[str, str | None] | None:
    """Why '20/11/69', read as 2069-11-20 (after `today`), is refused, and the date to put in
    its place (None: today's). The rules know no short Buddhist year: 69 on 1 Dec 2026 means
    2569, that is 2026; if that day is still to come the date is in the future (today's in the
    example), else the example keeps the day and month typed, with the year they last came."""
    meant = _short_buddhist_year(typed, day, today)
    if meant is not None:
        reason = _(
            "The date {typed} ({day}, {year} in the Thai calendar) is in the future: write the "
            "day it happened"
        ).format(typed=typed, day=meant.isoformat(), year=meant.year + BUDDHIST_ERA_OFFSET)
        return reason, None
    fixed = short_year_fixed(typed, day, today)
    if fixed is None:
        return None
    reason = _(
        "The date {typed} reads as {day}, which is in the future: write the year in full, as "
        "{fixed}"
    ).format(typed=typed, day=day.isoformat(), fixed=fixed)
    return reason, fixed


def _short_buddhist_year(typed: str, day: date, today: date) -> date | None:
    """The day in this year when the two digits typed are this year's Buddhist-era year and
    the day is still to come ('2 ธ.ค. 69' on 1 Dec 2026); else None."""
    short = re.search(r"(?<![0-9])[0-9]{2}$", typed)
    if short is None or day.year <= today.year or _full_year(typed):
        return None
    if 2500 + int(short.group()) - BUDDHIST_ERA_OFFSET != today.year:
        return None
    try:
        meant = date(today.year, day.month, day.day)
    except ValueError:  # 29 Feb in a year without it
        return None
    return meant if meant > today else None
