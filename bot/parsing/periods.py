"""Periods of more than one shape for /summary and /chart: 'this month', 'phase NAME', '20 Nov',
'Nov 20 2026', '2026-11' (a month). The one-word ISO forms are bot.parsing.summary's."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from bot.domain.summary import Period
from bot.parsing.args import UsageError
from bot.parsing.dates import month_number
from bot.parsing.when import FIRST_YEAR, LAST_YEAR, gregorian_year
from bot.render.i18n import _

# As /phase: a year outside FIRST_YEAR..LAST_YEAR is a typo; a chart of centuries froze the bot.
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[.,]?$")
_YEAR = re.compile(r"^\d{4}$")
# Words after 'phase' that say it is the current phase followed by something else.
_NOT_A_NAME = frozenset({"by", "all", "today", "yesterday", "week", "month", "this"})

# 'This month' in Korean and Thai, as one word or two.
_THIS_MONTH = frozenset({"이번달", "이달", "เดือนนี้"})
_THIS_MONTH_TWO = frozenset({("이번", "달"), ("เดือน", "นี้")})
# 'Last week' and 'last month' (the previous calendar ones) in Korean and Thai, one word or two.
_LAST = {"지난주": "week", "지난달": "month", "สัปดาห์ที่แล้ว": "week", "เดือนที่แล้ว": "month"}
_LAST_TWO = {
    ("last", "week"): "week",
    ("last", "month"): "month",
    ("지난", "주"): "week",
    ("지난", "달"): "month",
    ("สัปดาห์", "ที่แล้ว"): "week",
    ("เดือน", "ที่แล้ว"): "month",
}
# 'The last N days' (today and the N-1 before it), as 'week' is the last 7: 'last 30 days',
# 'past 30 days', '최근 30일', '30 วันล่าสุด' (before: "'... last 7 days' is not a period").
_LAST_DAYS = re.compile(r"^(?:최근\s*(\d{1,5})\s*일|(\d{1,5})\s*วัน\s*ล่าสุด)$")
_DAYS_WORD = frozenset({"day", "days"})
MAX_LAST_DAYS = 3660

# Is this word a substance the catalogue knows (then 'phase meth' is the current phase, meth)?
IsSubstance = Callable[[str], bool]


class SummaryArgsError(UsageError):
    """The /summary or /chart arguments cannot be understood; the message shows how."""


class PeriodError(SummaryArgsError):
    """A period was written but cannot be read; the message shows how to write it."""


def period_at(
    words: Sequence[str],
    i: int,
    *,
    command: str,
    today: date,
    phase_names: Sequence[str] | None = None,
    is_substance: IsSubstance | None = None,
) -> tuple[Period, int] | None:
    """A period starting at words[i] and how many words it takes; None when none starts there."""
    word = words[i].casefold()
    following = words[i + 1].casefold() if i + 1 < len(words) else ""
    if word == "month":
        return Period(kind="month"), 1
    if word == "this" and following == "week":
        return this_week(today), 2
    if word == "this" and following == "month":
        return Period(kind="month"), 2
    if word == "phase" and following and phase_names:
        return _named_phase(words, i, command, phase_names, is_substance)
    if word in _THIS_MONTH:
        return Period(kind="month"), 1
    if (word, following) in _THIS_MONTH_TWO:
        return Period(kind="month"), 2
    if word in _LAST:
        return _previous(_LAST[word], today), 1
    if found := last_days_at(words, i, command, today):
        return found
    if (word, following) in _LAST_TWO:
        return _previous(_LAST_TWO[word, following], today), 2
    if match := _YEAR_MONTH.match(word):
        return _month(match.group(1), match.group(2), words[i], command), 1
    found = _day_month(words, i, command, today)
    if found is not None:
        return found
    substance = is_substance is not None and is_substance(words[i])
    if phase_names and not substance and (bare := _bare_phase(words, i, phase_names)):
        return bare
    if (month := month_number(words[i])) is not None and not substance:
        return _month_alone(month, following, words[i], command, today)
    return None


def last_days_at(
    words: Sequence[str], i: int, command: str, today: date
) -> tuple[Period, int] | None:
    """'last 30 days', '최근 30일' or '30 วันล่าสุด' at words[i]: today and the days before it."""
    for used in (3, 2, 1):
        typed = " ".join(words[i : i + used])
        count, english = None, used == 3 and words[i].casefold() in ("last", "past")
        if (
            english
            and used == 3
            and words[i + 1].isdecimal()
            and words[i + 2].casefold() in _DAYS_WORD
        ):
            count = words[i + 1]
        elif match := _LAST_DAYS.match(typed):
            count = match.group(1) or match.group(2)
        if count is None:
            continue
        if not 1 <= int(count) <= MAX_LAST_DAYS:
            raise PeriodError(
                _("'{typed}': give from 1 to {most} days — e.g. /{command} last 30 days").format(
                    typed=typed, most=MAX_LAST_DAYS, command=command
                )
            )
        first = today - timedelta(days=int(count) - 1)
        return Period(kind="range", first=first, last=today), used
    return None


def this_week(today: date) -> Period:
    """This week so far: from its Monday to today, as 'last week' is the Monday to Sunday before
    it and 'this month' the month so far ('week' alone is the last 7 days)."""
    return Period(kind="range", first=today - timedelta(days=today.weekday()), last=today)


def _previous(unit: str, today: date) -> Period:
    """Last week (Monday to Sunday before this week's Monday) or last month, as a range."""
    if unit == "week":
        monday = today - timedelta(days=today.weekday() + 7)
        return Period(kind="range", first=monday, last=monday + timedelta(days=6))
    last = today.replace(day=1) - timedelta(days=1)
    return Period(kind="range", first=last.replace(day=1), last=last)


def _bare_phase(words: Sequence[str], i: int, names: Sequence[str]) -> tuple[Period, int] | None:
    """A phase's name alone ('/summary preparation'): the longest the words spell, any case."""
    for length in range(len(words) - i, 0, -1):
        typed = " ".join(words[i : i + length]).strip("\"'“”«»").casefold()
        for name in names:
            if name.casefold() == typed:
                return Period(kind="phase", name=name), length
    return None


def _month_alone(
    month: int, following: str, typed: str, command: str, today: date
) -> tuple[Period, int]:
    """'November' (the latest not after today) or 'November 2026': that whole month."""
    if _YEAR.match(following):
        year, used = gregorian_year(int(following)), 2
        _check_year(year, f"{typed} {following}", command)
    else:
        year, used = today.year if month <= today.month else today.year - 1, 1
    last = calendar.monthrange(year, month)[1]
    return Period(kind="range", first=date(year, month, 1), last=date(year, month, last)), used


def _named_phase(
    words: Sequence[str],
    i: int,
    command: str,
    names: Sequence[str],
    is_substance: IsSubstance | None,
) -> tuple[Period, int] | None:
    # The longest phase name that the words after 'phase' spell, in any case, quotes or not.
    for length in range(len(words) - i - 1, 0, -1):
        typed = " ".join(words[i + 1 : i + 1 + length]).strip("\"'“”«»").casefold()
        for name in names:
            if name.casefold() == typed:
                return Period(kind="phase", name=name), 1 + length
    after = words[i + 1]
    if (
        after.casefold() in _NOT_A_NAME
        or after[:1].isdigit()
        or "=" in after
        or after.casefold().startswith("agency")
        or (is_substance is not None and is_substance(after))
    ):
        return None
    raise PeriodError(
        _("No phase is named '{name}' (phases: {names}) — e.g. /{command} phase {example}").format(
            name=after.strip("\"'“”«»"), names=", ".join(names), command=command, example=names[0]
        )
    )


def _month(year_text: str, month_text: str, typed: str, command: str) -> Period:
    year, month = gregorian_year(int(year_text)), int(month_text)
    if not 1 <= month <= 12:
        raise PeriodError(
            _("'{typed}' is not a month: write it as YYYY-MM — e.g. /{command} {example}").format(
                typed=typed, command=command, example=f"{year_text}-11"
            )
        )
    _check_year(year, typed, command)
    last = calendar.monthrange(year, month)[1]
    return Period(kind="range", first=date(year, month, 1), last=date(year, month, last))


def _day_month(
    words: Sequence[str], i: int, command: str, today: date
) -> tuple[Period, int] | None:
    """'20 Nov', '20 November 2026', 'Nov 20', 'Nov 20 2026' as one day."""
    if i + 1 >= len(words):
        return None
    first, second = words[i], words[i + 1]
    day_first = _DAY.match(first)
    if day_first and (month := month_number(second)) is not None:
        number, shape = int(day_first.group(1)), "{day} {month}"
    elif (month := month_number(first)) is not None and (after := _DAY.match(second)):
        number, shape = int(after.group(1)), "{month} {day}"
    else:
        return None
    month_word = second if day_first else first
    third = words[i + 2] if i + 2 < len(words) else ""
    if re.search(r"[\u0e00-\u0e7f]", month_word) and re.fullmatch(r"\d{2}", third):
        return None  # '20 พ.ย. 69': a Thai short year, read as a report's date (parsing.dates)
    year = gregorian_year(int(third)) if _YEAR.match(third) else None
    used = 3 if year is not None else 2
    typed = " ".join(words[i : i + used])
    if year is not None:
        _check_year(year, typed, command)
    # No year: 29 Feb is read in the latest leap year (2024: one); the example's day counts the
    # latest such month wholly past, so that it is read, as a day without a year is, in that year.
    in_year = year or (today.year if month < today.month else today.year - 1)
    days = calendar.monthrange(in_year, month)[1]
    if not 1 <= number <= calendar.monthrange(year or 2024, month)[1]:
        example = shape.format(day=days, month=month_word.rstrip(".,")) + (
            f" {third}" if year is not None else ""
        )
        raise PeriodError(
            _("There is no date {typed}: that month has {days} days — e.g. /{command} {example}")
            .format(typed=typed, days=days, command=command, example=example)
        )  # fmt: skip
    if year is not None:
        return Period(kind="date", first=(day := date(year, month, number)), last=day), used
    # No year: the latest such day not after today, as a seizure's date is read.
    for back in range(9):
        try:
            found = date(today.year - back, month, number)
        except ValueError:
            continue
        if found <= today:
            return Period(kind="date", first=found, last=found), used
    return None


def day_of_month(words: Sequence[str]) -> tuple[int | None, int, int] | None:
    """'28 Nov', 'Nov 28', '28 November 2026' as (year or None, month, day); None otherwise."""
    if len(words) not in (2, 3) or (len(words) == 3 and not _YEAR.match(words[2])):
        return None
    first, second = words[0], words[1].rstrip(",")
    if (day := _DAY.match(first)) and (month := month_number(second)) is not None:
        number = int(day.group(1))
    elif (month := month_number(first)) is not None and (day := _DAY.match(second)):
        number = int(day.group(1))
    else:
        return None
    return (gregorian_year(int(words[2])) if len(words) == 3 else None), month, number


def _check_year(year: int, typed: str, command: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(
            _(
                "'{typed}': the year must be between {first} and {last} — "
                "e.g. /{command} 2026-11-20 or /{command} 2026-11"
            ).format(typed=typed, first=FIRST_YEAR, last=LAST_YEAR, command=command)
        )
