"""/reports arguments and its page buttons, read and written.

A page button carries its listing whole (operation, where the page starts, the dates, agency,
flags and substance) in Telegram's 64 bytes of callback data, so that a press needs nothing
kept on the server and an old button still pages through the same list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.listing import CALLBACK_LIMIT, FLAGS, PAGE_PREFIX, ListingFilter, ReportsRequest
from bot.domain.summary import DateRange, FindSubstance, Period, SubstanceFilter
from bot.parsing.period_words import in_english
from bot.parsing.periods import this_week
from bot.parsing.summary import (
    _AGENCY,  # the one reading of 'agency=CODE', shared with /summary
    SummaryArgsError,
    _period,  # the one reading of today, week, a date or a range, shared with /summary
    _substance,
)

_FLAG_WORDS = {
    "voided": "voided",
    "void": "voided",
    "corrected": "corrected",
    "edited": "corrected",
    "provisional": "provisional",
    "suspected": "provisional",
}
_PERIOD_LETTERS = {
    "all": "a",
    "today": "t",
    "yesterday": "y",
    "week": "w",
    "phase": "p",
    "date": "d",
    "range": "r",
}
_LETTER_PERIODS = {v: k for k, v in _PERIOD_LETTERS.items()}
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_PRESS = re.compile(
    r"^rp:(?P<op>[0-9a-z]{1,8}):(?P<dir>[on])(?P<num>[0-9a-z]{1,8}):"
    r"(?P<period>[atywpdr])(?P<first>[0-9a-z]{4,5})?(?:-(?P<last>[0-9a-z]{4,5}))?:"
    r"(?P<agency>[A-Z0-9_-]{0,16}):(?P<flags>[vcp]{0,3}):(?P<substance>.{0,48})$",
    re.DOTALL,
)
REPORTS_EXAMPLE = "/reports week agency=KCS meth"


class ReportsArgsError(SummaryArgsError):
    """The /reports arguments cannot be understood; the message shows how."""


def parse_reports_args(
    args: Sequence[str] | str,
    *,
    find_substance: FindSubstance | None = None,
    today: date | None = None,
) -> ReportsRequest:
    """Read '[period] [agency=CODE] [SUBSTANCE] [voided|corrected|provisional]' in any order;
    'this week' is its Monday to `today` (the operation's), as /summary reads it."""
    words = args.split() if isinstance(args, str) else [w for a in args for w in a.split()]
    known = None if find_substance is None else (lambda w: find_substance(w) is not None)
    words = in_english(words, known, dates=False)  # '어제', 'เมื่อวาน' as /help shows them
    period: Period | None = None
    agency: str | None = None
    flags: set[str] = set()
    substance_words: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        lower = word.casefold()
        if lower == "by":
            raise ReportsArgsError(
                "/reports lists reports one by one; totals broken down come from /summary, "
                f"e.g. /summary week by agency. To list: {REPORTS_EXAMPLE}"
            )
        this_week_at = lower == "this" and i + 1 < len(words) and words[i + 1].casefold() == "week"
        if this_week_at:
            i += 1
            lower = "week"
        if lower in _FLAG_WORDS:
            flags.add(_FLAG_WORDS[lower])
        elif match := _AGENCY.match(word):
            code = match.group(1) or ""
            while not code.strip("=:") and i + 1 < len(words):
                i += 1
                code = words[i]
            code = code.strip("=:")
            if not code:
                raise ReportsArgsError("agency= needs a code, e.g. /reports agency=KCS")
            if agency is not None:
                raise ReportsArgsError(f"Give one agency only, e.g. {REPORTS_EXAMPLE}")
            agency = code.upper()
        elif (found := _period(lower, "reports")) is not None:
            if period is not None:
                raise ReportsArgsError(f"Give one period only, e.g. {REPORTS_EXAMPLE}")
            period = this_week(today) if this_week_at and today is not None else found
        else:
            substance_words.append(word)
        i += 1
    return ReportsRequest(
        period=period or Period(),
        agency_code=agency,
        substance=_substance(substance_words, find_substance),
        flags=frozenset(flags),
    )


# -- page buttons --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PagePress:
    """A page button read back: the listing's operation and filter, and where the page starts."""

    operation_id: int
    older: bool  # True: the reports numbered below `number`; False: those above it
    number: int
    filter: ListingFilter


def _b36(n: int) -> str:
    digits = ""
    while True:
        n, rest = divmod(n, 36)
        digits = _B36[rest] + digits
        if n == 0:
            return digits


def _from_b36(text: str) -> int:
    return int(text, 36)


def page_data(operation_id: int, *, older: bool, number: int, listing: ListingFilter) -> str | None:
    """The callback data of a page button, or None when the listing does not fit in 64 bytes."""
    period = _PERIOD_LETTERS.get(listing.period.kind, "r")
    first, last = listing.dates.first, listing.dates.last
    if first is not None:
        period += _b36(first.toordinal())
    if last is not None and last != first:
        period += "-" + _b36(last.toordinal())
    flags = "".join(FLAGS[f] for f in sorted(listing.flags))
    substance = listing.substance.key if listing.substance else ""
    data = (
        f"{PAGE_PREFIX}{_b36(operation_id)}:{'o' if older else 'n'}{_b36(number)}:{period}:"
        f"{listing.agency_code or ''}:{flags}:{substance}"
    )
    return data if len(data.encode("utf-8")) <= CALLBACK_LIMIT else None


def read_page_data(data: str) -> PagePress | None:
    """A page button's data read back; None for anything a page button never carried."""
    match = _PRESS.match(data)
    if match is None:
        return None
    try:
        first = date.fromordinal(_from_b36(match["first"])) if match["first"] else None
        last = date.fromordinal(_from_b36(match["last"])) if match["last"] else first
    except (ValueError, OverflowError):
        return None
    kind = _LETTER_PERIODS[match["period"]]
    if (kind == "all") != (first is None) or (first and last and last < first):
        return None
    letters = match["flags"]
    flags = frozenset(word for word, letter in FLAGS.items() if letter in letters)
    key = match["substance"]
    substance = SubstanceFilter(key=key, typed=key.lstrip("?")) if key else None
    return PagePress(
        operation_id=_from_b36(match["op"]),
        older=match["dir"] == "o",
        number=_from_b36(match["num"]),
        filter=ListingFilter(
            period=Period(kind=kind, first=first, last=last),
            dates=DateRange(first, last),
            agency_code=match["agency"] or None,
            substance=substance,
            flags=flags,
        ),
    )
