"""/summary and /chart arguments, and what a summary holds; no Telegram and no SQL here."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from bot.domain.units import normalise_words, unit_class
from bot.parsing.args import UsageError
from bot.render.i18n import _

# Looks a substance up in the catalogue: what an officer typed -> canonical id, or None.
FindSubstance = Callable[[str], str | None]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|…|--)\s*(\d{4}-\d{2}-\d{2})$")
_AGENCY = re.compile(r"^agency(?:[=:](\S*))?$", re.IGNORECASE)
_WORD_PERIODS = {"today", "yesterday", "week", "phase", "all"}
# As /phase: a year outside these is a typo, and a chart of centuries froze the bot.
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_RANGE_YEARS = 10


class SummaryArgsError(UsageError):
    """The /summary or /chart arguments cannot be understood; the message shows how."""


class Dimension(StrEnum):
    """What a summary is broken down by, besides substance."""

    AGENCY = "agency"
    LOCATION = "location"
    TRANSPORT = "transport"
    DAY = "day"
    OFFICER = "officer"
    ORIGIN = "origin"
    DESTINATION = "destination"
    ROUTE = "route"
    CONCEALMENT = "concealment"
    DETECTION = "detection"
    PHASE = "phase"


# What the reports themselves say (seizure columns), as opposed to the running totals' keys.
REPORT_DIMENSIONS = frozenset(
    {
        Dimension.ORIGIN,
        Dimension.DESTINATION,
        Dimension.ROUTE,
        Dimension.CONCEALMENT,
        Dimension.DETECTION,
    }
)


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
# As listed in a refusal, /help and the usage line.
DIMENSION_NAMES = ", ".join(d.value for d in list(Dimension)[:-1]) + f" or {list(Dimension)[-1]}"


@dataclass(frozen=True)
class DateRange:
    """Local dates, both ends included; None means open on that side."""

    first: date | None = None
    last: date | None = None

    def bounds(self) -> tuple[str, str]:
        """The range as 'YYYY-MM-DD' text for SQL; open ends become sentinels that sort outside."""
        first = self.first.isoformat() if self.first else "0000-00-00"
        last = self.last.isoformat() if self.last else "9999-99-99"
        return first, last


@dataclass(frozen=True)
class Period:
    """A period as typed: its kind, and the dates for a date or a range."""

    kind: str = "all"  # all | today | yesterday | week | phase | date | range
    first: date | None = None
    last: date | None = None

    def resolve(self, today: date, phase: DateRange | None = None) -> DateRange:
        """The local dates this period covers, given today and the current phase's dates."""
        if self.kind == "today":
            return DateRange(today, today)
        if self.kind == "yesterday":
            return DateRange(today - timedelta(days=1), today - timedelta(days=1))
        if self.kind == "week":
            return DateRange(today - timedelta(days=6), today)
        if self.kind == "phase":
            if phase is None:
                raise SummaryArgsError(
                    "No phase is running now — e.g. /summary all or /summary 2026-11-01..2026-11-20"
                )
            return phase
        if self.kind in ("date", "range"):
            return DateRange(self.first, self.last)
        return DateRange()


@dataclass(frozen=True)
class SubstanceFilter:
    """A substance to show alone: its key and the words that were typed."""

    key: str
    typed: str

    @property
    def unclassified(self) -> bool:
        """True when the catalogue did not know the words."""
        return self.key.startswith("?")


@dataclass(frozen=True)
class SummaryRequest:
    """What /summary (or /chart) was asked for."""

    period: Period = Period()
    dimension: Dimension | None = None
    substance: SubstanceFilter | None = None
    agency_code: str | None = None


def parse_summary_args(
    args: Sequence[str] | str,
    *,
    find_substance: FindSubstance | None = None,
    command: str = "summary",
) -> SummaryRequest:
    """Read '[period] [by DIMENSION] [substance] [agency=CODE]' in any order."""
    words = args.split() if isinstance(args, str) else [w for a in args for w in a.split()]
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
                    raise SummaryArgsError(f"Give one 'by' only — e.g. /{command} week by agency")
                dimension = _dimension(words[i], command)
        elif match := _AGENCY.match(word):
            code = match.group(1) or ""
            # Phones put spaces around '=': 'agency = TCD' and 'agency TCD' mean 'agency=TCD'.
            while not code.strip("=:") and i + 1 < len(words):
                i += 1
                code = words[i]
            code = code.strip("=:")
            if not code:
                raise SummaryArgsError(f"agency= needs a code — e.g. /{command} agency=TCD")
            if agency is not None:
                raise SummaryArgsError(f"Give one agency only — e.g. /{command} agency=TCD")
            agency = code.upper()
        elif (found := _period(lower, command)) is not None:
            if period is not None:
                raise SummaryArgsError(f"Give one period only — e.g. /{command} week by agency")
            period = found
        else:
            substance_words.append(word)
        i += 1
    return SummaryRequest(
        period=period or Period(),
        dimension=dimension,
        substance=_substance(substance_words, find_substance),
        agency_code=agency,
    )


def parse_chart_args(
    args: Sequence[str] | str, *, find_substance: FindSubstance | None = None
) -> SummaryRequest:
    """Read '/chart [period] [by agency] [substance] [agency=CODE]'."""
    request = parse_summary_args(args, find_substance=find_substance, command="chart")
    if request.dimension not in (None, Dimension.AGENCY):
        raise SummaryArgsError("A chart is over time or by agency — e.g. /chart week by agency")
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
            names=DIMENSION_NAMES,
            example=f"/{command} week by {'agency' if command == 'chart' else 'origin'}",
        )
    )


def _period(word: str, command: str) -> Period | None:
    if word in _WORD_PERIODS:
        return Period(kind=word)
    if _DATE.match(word):
        day = _date(word, command)
        return Period(kind="date", first=day, last=day)
    if match := _RANGE.match(word):
        first, last = _date(match.group(1), command), _date(match.group(2), command)
        if last < first:
            raise SummaryArgsError(
                f"The range ends before it starts — e.g. /{command} {last}..{first}"
            )
        if (last - first).days > MAX_RANGE_YEARS * 366:
            raise SummaryArgsError(
                f"A range can cover at most {MAX_RANGE_YEARS} years — "
                f"e.g. /{command} {first}..{_years_later(first, MAX_RANGE_YEARS)}"
            )
        return Period(kind="range", first=first, last=last)
    if re.match(r"^\d{4}-\d", word):
        raise SummaryArgsError(
            f"'{word}' is not a date or a range — e.g. /{command} 2026-11-20 "
            f"or /{command} 2026-11-01..2026-11-20"
        )
    return None


def _date(text: str, command: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise SummaryArgsError(
            f"'{text}' is not a date; write it as YYYY-MM-DD — e.g. /{command} 2026-11-20"
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise SummaryArgsError(
            f"'{text}': the year must be between {FIRST_YEAR} and {LAST_YEAR} — "
            f"e.g. /{command} 2026-11-20 or /{command} 2026-11-01..2026-11-20"
        )
    return day


def _years_later(first: date, years: int) -> date:
    """The day `years` years after `first`, less one, so the range spans exactly that many."""
    year = min(first.year + years, LAST_YEAR)
    return first.replace(year=year, day=min(first.day, 28)) - timedelta(days=1)


def _substance(words: list[str], find: FindSubstance | None) -> SubstanceFilter | None:
    if not words:
        return None
    typed = " ".join(words)
    canonical = find(typed) if find is not None else None
    return SubstanceFilter(key=canonical or "?" + normalise_words(typed), typed=typed)


def describe_period(period: Period, dates: DateRange, phase_name: str | None = None) -> str:
    """The period as a heading: 'Today, 2026-11-22', 'Last 7 days, 2026-11-16 – 2026-11-22'."""
    span = _span(dates)
    if period.kind == "all":
        return "Whole operation" + (f", {span}" if span else "")
    if period.kind == "today":
        return f"Today, {span}"
    if period.kind == "yesterday":
        return f"Yesterday, {span}"
    if period.kind == "week":
        return f"Last 7 days, {span}"
    if period.kind == "phase":
        return f"Phase {phase_name or ''}, {span}".replace("Phase , ", "Current phase, ")
    return span


def _span(dates: DateRange) -> str:
    if dates.first is None and dates.last is None:
        return ""
    if dates.first == dates.last:
        return str(dates.first)
    return f"{dates.first or '…'} – {dates.last or '…'}"


@dataclass(frozen=True)
class SubstanceTotal:
    """One line of a summary: a substance in one unit class (and form), and its cases."""

    substance_key: str
    unit: str
    form: str | None
    amount: Decimal
    cases: int

    @property
    def unclassified(self) -> bool:
        """True for a substance the catalogue did not know, kept under its own words."""
        return self.substance_key.startswith("?")

    def sort_key(self) -> tuple[bool, str, int, str]:
        """Classified first, then by name, then mass, volume and counted forms."""
        order = ("mass", "volume", "count").index(unit_class(self.unit))
        return (self.unclassified, self.substance_key, order, self.form or "")


@dataclass(frozen=True)
class SummaryGroup:
    """The totals of one agency, day, location, transport mode or officer ('' when not split)."""

    label: str
    totals: tuple[SubstanceTotal, ...]
    cases: int | None = None  # reports in the group, a linked case once; None: not counted


@dataclass(frozen=True)
class AgencyStatus:
    """Whether an agency reported seizures or nil returns in the period."""

    code: str
    name: str
    reported: bool
    nil_returns: int

    @property
    def silent(self) -> bool:
        """Neither a seizure nor a nil return in the period."""
        return not self.reported and self.nil_returns == 0


@dataclass(frozen=True)
class Summary:
    """Everything a summary shows, ready to be laid out as text."""

    operation_code: str
    operation_title: str
    exercise: bool
    tz: str
    period_label: str
    request: SummaryRequest
    groups: tuple[SummaryGroup, ...]
    agencies: tuple[AgencyStatus, ...]
    filter_labels: tuple[str, ...] = ()
    truncated: bool = False  # more groups than a chat can take were left out
    cases: int | None = None  # reports in the period, linked reports once; None: not counted
    linked: int = 0  # cases of several linked reports among them
