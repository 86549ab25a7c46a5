"""Reading /summary and /chart arguments: period, breakdown, substance and agency, any order.

What a summary request and a summary are is bot.domain.summary's; this reads the words.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from bot.domain.quantities import ascii_digits
from bot.domain.summary import (
    Dimension,
    FindSubstance,
    Period,
    SubstanceFilter,
    SummaryRequest,
)
from bot.domain.units import normalise_words
from bot.parsing.period_dates import backwards_error, written_day_at, written_range_at
from bot.parsing.period_words import in_english
from bot.parsing.periods import SummaryArgsError as SummaryArgsError  # where it was
from bot.parsing.periods import day_of_month, period_at
from bot.parsing.when import FIRST_YEAR, LAST_YEAR, gregorian_year
from bot.render.i18n import _, either

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|…|--)\s*(\d{4}-\d{2}-\d{2})$")
# A range as people write it: '28 Nov - 1 Dec', 'from A to B', '1 พ.ย. - 20 พ.ย.' (inner dots).
_ISO = r"\d{4}-\d{1,2}-\d{1,2}"
_MONTH_WORD = r"[^\s\d.…~–—-]+(?:\.[^\s\d.…~–—-]+)*\.?"
_DAY_WORD = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR_AFTER = r"(?:,?\s+\d{4})?"
_END = rf"{_ISO}|{_DAY_WORD}\s+{_MONTH_WORD}{_YEAR_AFTER}|{_MONTH_WORD}\s+{_DAY_WORD}{_YEAR_AFTER}"
_SPAN = re.compile(
    rf"(?P<from>from\s+)?(?P<a>{_END})"
    rf"(?:\s*(?P<sep>\.\.|…|--|-|–|—|~)\s*|\s+(?P<word>to|until|till)\s+)(?P<b>{_END})(?=\s|$)",
    re.IGNORECASE,
)
# agency=, as Korean and Thai coordinators also write it: 기관=TCD, หน่วยงาน=TCD.
_AGENCY = re.compile(r"^(?:agency|기관|หน่วยงาน)(?:[=:](\S*))?$", re.IGNORECASE)
_WORD_PERIODS = {"today", "yesterday", "week", "phase", "all"}
# 'weekly', 'monthly', 'daily' name the figures officers ask for, never a substance to filter.
_PERIOD_SYNONYMS = {"weekly": "week", "monthly": "month", "daily": "today", "overall": "all"}
MAX_RANGE_YEARS = 10
_DIMENSION_WORDS = {
    "agency": Dimension.AGENCY,
    "agencies": Dimension.AGENCY,
    "location": Dimension.LOCATION,
    "locations": Dimension.LOCATION,
    "place": Dimension.LOCATION,
    "transport": Dimension.TRANSPORT,
    "mode": Dimension.TRANSPORT,
    "day": Dimension.DAY,
    "days": Dimension.DAY,
    "date": Dimension.DAY,
    "officer": Dimension.OFFICER,
    "officers": Dimension.OFFICER,
    "origin": Dimension.ORIGIN,
    "from": Dimension.ORIGIN,
    "destination": Dimension.DESTINATION,
    "to": Dimension.DESTINATION,
    "route": Dimension.ROUTE,
    "routes": Dimension.ROUTE,
    "concealment": Dimension.CONCEALMENT,
    "concealed": Dimension.CONCEALMENT,
    "detection": Dimension.DETECTION,
    "detected": Dimension.DETECTION,
    "phase": Dimension.PHASE,
    "phases": Dimension.PHASE,
}


def parse_summary_args(
    args: Sequence[str] | str,
    *,
    find_substance: FindSubstance | None = None,
    command: str = "summary",
    today: date | None = None,
    phase_names: Sequence[str] | None = None,
    form_of: Callable[[str], str | None] | None = None,
) -> SummaryRequest:
    """Read '[period] [by DIMENSION] [substance] [agency=CODE]' in any order.

    `today` (in the operation's zone) dates '20 Nov'; `phase_names` lets 'phase NAME' name one;
    `form_of` gives the form a substance's words name ('yaba': tablet), to narrow to it.
    """
    words = args.split() if isinstance(args, str) else [w for a in args for w in a.split()]
    known = None if find_substance is None else (lambda w: find_substance(w) is not None)
    words = in_english(words, known, command=command)  # '어제', 'by 기관', as /help shows
    period: Period | None = None
    dimension: Dimension | None = None
    agency: str | None = None
    substance_words: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        lower = word.casefold()
        if lower == "by":
            if i + 1 == len(words):
                raise _by_error(command, "")
            i += 1
            if words[i].casefold() != "substance":
                if dimension is not None:
                    raise SummaryArgsError(
                        _("Give one 'by' only — e.g. /{command} week by agency").format(
                            command=command
                        )
                    )
                dimension = _dimension(words[i], command)
        elif match := _AGENCY.match(word):
            code = match.group(1) or ""
            # Phones put spaces around '=': 'agency = TCD' and 'agency TCD' mean 'agency=TCD'.
            while not code.strip("=:") and i + 1 < len(words):
                i += 1
                code = words[i]
            code = code.strip("=:")
            if not code:
                raise SummaryArgsError(
                    _("agency= needs a code — e.g. /{command} agency=TCD").format(command=command)
                )
            if agency is not None:
                raise SummaryArgsError(
                    _("Give one agency only — e.g. /{command} agency=TCD").format(command=command)
                )
            agency = code.upper()
        elif (
            many := _range_at(words, i, command, today or date.today())
            or _written_range(words, i, command, today or date.today())
            or period_at(
                words,
                i,
                command=command,
                today=today or date.today(),
                phase_names=phase_names,
                is_substance=known,
            )
        ) is not None or (
            (found := _period(lower, command)) is not None
            or (many := written_day_at(words, i, command, today or date.today())) is not None
        ):
            if period is not None:
                raise SummaryArgsError(
                    _("Give one period only — e.g. /{command} week by agency").format(
                        command=command
                    )
                )
            if many is not None:
                period, used = many
                i += used - 1
            else:
                period = found
        else:
            substance_words.append(word)
        i += 1
    if any(".." in word or "…" in word for word in substance_words):
        raise _range_error(" ".join(substance_words), command, today or date.today())
    return SummaryRequest(
        period=period or Period(),
        dimension=dimension,
        substance=_substance(substance_words, find_substance, form_of),
        agency_code=agency,
    )


def parse_chart_args(
    args: Sequence[str] | str,
    *,
    find_substance: FindSubstance | None = None,
    today: date | None = None,
    phase_names: Sequence[str] | None = None,
    form_of: Callable[[str], str | None] | None = None,
) -> SummaryRequest:
    """Read '/chart [period] [by agency] [substance] [agency=CODE]'."""
    request = parse_summary_args(
        args,
        find_substance=find_substance,
        command="chart",
        today=today,
        phase_names=phase_names,
        form_of=form_of,
    )
    if request.dimension is Dimension.DAY:  # 'by day' is what a chart over time is
        return replace(request, dimension=None)
    if request.dimension is not None and request.dimension is not Dimension.AGENCY:
        raise SummaryArgsError(
            _(
                "/chart draws seizures over time (/chart week) or by agency "
                "(/chart week by agency). The totals by {dimension} are in /summary — "
                "e.g. /summary week by {dimension}"
            ).format(dimension=request.dimension.value)
        )
    return request


def _dimension(word: str, command: str) -> Dimension:
    found = _DIMENSION_WORDS.get(word.casefold())
    if found is None:
        raise _by_error(command, word)
    return found


def _by_error(command: str, word: str) -> SummaryArgsError:
    if word:
        text = _("'{word}' is not something to break down by: use {names} — e.g. {example}")
    else:
        text = _("'by' needs a word after it: use {names} — e.g. {example}")
    return SummaryArgsError(
        text.format(
            word=word,
            names=either(["day", "agency"] if command == "chart" else [d.value for d in Dimension]),
            example=f"/{command} week by {'agency' if command == 'chart' else 'origin'}",
        )
    )


def _period(word: str, command: str) -> Period | None:
    if word in _WORD_PERIODS:
        return Period(kind=word)
    if word in _PERIOD_SYNONYMS:
        return Period(kind=_PERIOD_SYNONYMS[word])
    if _DATE.match(word):
        day = _date(word, command)
        return Period(kind="date", first=day, last=day)
    if match := _RANGE.match(word):
        return _range(_date(match.group(1), command), _date(match.group(2), command), command)
    if re.match(r"^\d{4}-\d", word):
        raise SummaryArgsError(
            _(
                "'{word}' is not a period I can read: write a day 2026-11-20, a month 2026-11 "
                "or a range 2026-11-01..2026-11-20 — e.g. /{command} 2026-11-20"
            ).format(word=word, command=command)
        )
    return None


def _written_range(
    words: Sequence[str], i: int, command: str, today: date
) -> tuple[Period, int] | None:
    found = written_range_at(words, i, command, today)
    return None if found is None else (_range(found[0], found[1], command), found[2])


def _range_at(words: Sequence[str], i: int, command: str, today: date) -> tuple[Period, int] | None:
    """A range of two dates starting at words[i], however it is written, and the words used."""
    # The longest range is nine words ('from Nov 28, 2026 to Dec 1, 2026'); no more are read.
    match = _SPAN.match(" ".join(words[i : i + 9]))
    if match is None:
        return None
    typed = match.group(0)
    # A dash between words that are not dates ('5 kg - 3 kg') is no range; '..' always is one.
    sure = match.group("from") or match.group("word") or match.group("sep") in ("..", "…")
    try:
        first, last = _end(match.group("a"), command), _end(match.group("b"), command)
        if first is None or last is None:
            if sure:
                raise ValueError(typed)
            return None
        start, end = _years(first, last, today)
        typed_ends = (match.group("a"), match.group("b"))
        if backwards := backwards_error((first, last), start, end, typed_ends, command):
            raise backwards
        if not (FIRST_YEAR <= start.year and end.year <= LAST_YEAR):
            raise ValueError(typed)
    except ValueError:  # a day-month end that is no day; an ISO one says what is wrong itself
        raise _range_error(typed, command, today) from None
    return _range(start, end, command), len(typed.split())


def _end(text: str, command: str) -> date | tuple[int | None, int, int] | None:
    """One end of a range: an ISO date, or (year or None, month, day); None: not a date."""
    if re.fullmatch(_ISO, text):
        return _date(text, command)
    return day_of_month(text.split())


def _years(
    first: date | tuple[int | None, int, int],
    last: date | tuple[int | None, int, int],
    today: date,
) -> tuple[date, date]:
    """The ends' dates: a year left out is the one that puts the start before the end, and
    the start, when neither has a year, on the latest such day not after today."""
    if isinstance(last, tuple) and last[0] is not None:
        last = date(last[0], last[1], last[2])
    if isinstance(first, tuple):
        year, month, number = first
        anchor = last if isinstance(last, date) else today
        first = date(year, month, number) if year is not None else _latest(month, number, anchor)
    if isinstance(last, tuple):
        last = _next(last[1], last[2], first)
    return first, last


def _latest(month: int, number: int, anchor: date) -> date:
    """The latest such day not after `anchor`; 29 February may be up to eight years back."""
    for back in range(9):
        try:
            found = date(anchor.year - back, month, number)
        except ValueError:
            continue
        if found <= anchor:
            return found
    raise ValueError(f"no {month}-{number} before {anchor}")


def _next(month: int, number: int, start: date) -> date:
    """The first such day on or after `start`: '28 Dec..3 Jan' runs into the next year."""
    for ahead in range(9):
        try:
            found = date(start.year + ahead, month, number)
        except ValueError:
            continue
        if found >= start:
            return found
    raise ValueError(f"no {month}-{number} after {start}")


def _range_error(typed: str, command: str, today: date) -> SummaryArgsError:
    return SummaryArgsError(
        _(
            "'{typed}' is not a range I can read: write two dates, as 2026-11-01..2026-11-20 "
            "or 28 Nov..1 Dec — e.g. /{command} {example}"
        ).format(typed=typed, command=command, example=f"{today - timedelta(days=6)}..{today}")
    )


def _range(first: date, last: date, command: str) -> Period:
    """A range of dates, refused when it runs backwards or spans too many years."""
    if last < first:
        raise SummaryArgsError(
            _("The range ends before it starts — e.g. {example}").format(
                example=f"/{command} {last}..{first}"
            )
        )
    if (last - first).days > MAX_RANGE_YEARS * 366:
        raise SummaryArgsError(
            _("A range can cover at most {years} years — e.g. {example}").format(
                years=MAX_RANGE_YEARS,
                example=f"/{command} {first}..{_years_later(first, MAX_RANGE_YEARS)}",
            )
        )
    return Period(kind="range", first=first, last=last)


def _date(text: str, command: str) -> date:
    text = ascii_digits(text)  # '2026-١١-20' is 2026-11-20, not "that month has 30 days"
    try:
        # A Buddhist-era year (2569-11-20) is read as its Gregorian one (2026-11-20).
        year, sep, rest = text.partition("-")
        day = date.fromisoformat(f"{gregorian_year(int(year)):04d}{sep}{rest}")
    except ValueError:
        month, _dash, number = rest.partition("-")
        if month.isdecimal() and 1 <= int(month) <= 12 and number.isdecimal():
            # 2026-02-30: a real month, a day past its end; show that month's last day.
            days = calendar.monthrange(gregorian_year(int(year)), int(month))[1]
            raise SummaryArgsError(
                _(
                    "There is no date {typed}: that month has {days} days — "
                    "e.g. /{command} {example}"
                ).format(typed=text, days=days, command=command, example=f"{year}-{month}-{days}")
            ) from None
        raise SummaryArgsError(
            _(
                "'{typed}' is not a date; write it as YYYY-MM-DD — e.g. /{command} 2026-11-20"
            ).format(typed=text, command=command)
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise SummaryArgsError(
            _(
                "'{typed}': the year must be between {first} and {last} — "
                "e.g. /{command} 2026-11-20 or /{command} 2026-11-01..2026-11-20"
            ).format(typed=text, first=FIRST_YEAR, last=LAST_YEAR, command=command)
        )
    return day


def _years_later(first: date, years: int) -> date:
    """The day `years` years after `first`, less one, so the range spans exactly that many."""
    year = min(first.year + years, LAST_YEAR)
    return first.replace(year=year, day=min(first.day, 28)) - timedelta(days=1)


def _substance(
    words: list[str],
    find: FindSubstance | None,
    form_of: Callable[[str], str | None] | None = None,
) -> SubstanceFilter | None:
    if not words:
        return None
    typed = " ".join(words)
    canonical = find(typed) if find is not None else None
    if canonical is None:
        return SubstanceFilter(key="?" + normalise_words(typed), typed=typed)
    # 'yaba' is methamphetamine's tablets: a coordinator asking for it means those alone.
    form = form_of(typed) if form_of is not None else None
    return SubstanceFilter(key=canonical, typed=typed, form=form)
