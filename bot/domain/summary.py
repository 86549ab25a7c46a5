"""What a summary is asked for and what it holds, and why one is refused; no Telegram, no SQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from bot.domain.units import unit_class

# Looks a substance up in the catalogue: what an officer typed -> canonical id, or None.
FindSubstance = Callable[[str], str | None]


class SummaryRefusal(StrEnum):
    """Why a summary or chart cannot be made as asked."""

    NO_PHASE = "no_phase"  # 'phase' was asked for between phases
    UNKNOWN_PHASE = "unknown_phase"  # 'phase NAME' names no phase of the operation
    UNKNOWN_AGENCY = "unknown_agency"  # agency=CODE names no agency of the operation
    NOT_RECORDED = "not_recorded"  # unclassified words that no report ever used


class SummaryRefused(Exception):
    """A summary or chart is refused: `reason` says why, for bot.render.summary to word."""

    def __init__(
        self,
        reason: SummaryRefusal,
        *,
        command: str = "summary",
        asked: str = "",
        known: tuple[str, ...] = (),
    ):
        super().__init__(reason.value, asked)
        self.reason, self.command = reason, command
        self.asked = asked  # the agency code or the substance words as typed
        self.known = known  # the operation's agency codes


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


# What the reports' details say (seizure columns), kept in the running totals since 0021.
REPORT_DIMENSIONS = frozenset(
    {
        Dimension.ORIGIN,
        Dimension.DESTINATION,
        Dimension.ROUTE,
        Dimension.CONCEALMENT,
        Dimension.DETECTION,
    }
)


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
    """A period as typed: its kind, the dates for a date or a range, a phase's name."""

    kind: str = "all"  # all | today | yesterday | week | month | phase | date | range
    first: date | None = None
    last: date | None = None
    name: str | None = None  # 'phase NAME': that phase, not the current one

    def resolve(self, today: date, phase: DateRange | None = None) -> DateRange:
        """The local dates this period covers, given today and the current phase's dates."""
        if self.kind == "today":
            return DateRange(today, today)
        if self.kind == "yesterday":
            return DateRange(today - timedelta(days=1), today - timedelta(days=1))
        if self.kind == "week":
            return DateRange(today - timedelta(days=6), today)
        if self.kind == "month":  # this calendar month so far
            return DateRange(today.replace(day=1), today)
        if self.kind == "phase":
            if phase is None:
                raise SummaryRefused(SummaryRefusal.NO_PHASE)
            return phase
        if self.kind in ("date", "range"):
            return DateRange(self.first, self.last)
        return DateRange()


@dataclass(frozen=True)
class SubstanceFilter:
    """A substance to show alone: its key, the words that were typed, and the one form those
    words name ('yaba': methamphetamine tablets), or None for every form of it."""

    key: str
    typed: str
    form: str | None = None

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


@dataclass(frozen=True)
class Heading:
    """What a summary or chart covers, for bot.render.summary to word: the period as asked, the
    dates it shows, the current phase's name, and the substance and agency it is narrowed to."""

    period: Period
    dates: DateRange
    phase_name: str | None = None
    substance_key: str | None = None
    agency_code: str | None = None
    substance_form: str | None = None  # 'yaba': only methamphetamine's tablets


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
    # False when the period ended before the agency joined: then it was not silent, only absent.
    joined: bool = True

    @property
    def silent(self) -> bool:
        """In the operation, and neither a seizure nor a nil return in the period."""
        return self.joined and not self.reported and self.nil_returns == 0


@dataclass(frozen=True)
class Summary:
    """Everything a summary shows, ready to be laid out as text."""

    operation_code: str
    operation_title: str
    exercise: bool
    tz: str
    heading: Heading
    request: SummaryRequest
    groups: tuple[SummaryGroup, ...]
    agencies: tuple[AgencyStatus, ...]
    truncated: bool = False  # more groups than a chat can take were left out
    cases: int | None = None  # reports in the period, linked reports once; None: not counted
    linked: int = 0  # cases of several linked reports among them
    linked_reports: int = 0  # the reports those linked cases hold
    upcoming: bool = False  # the whole period is after today: nothing could be recorded yet
    began: date | None = None  # set when the whole period is before the operation's first day
    counted_to: date | None = None  # today, when the period runs past it: counted up to today
