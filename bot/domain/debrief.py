"""What a debriefing pack reports: an operation's results gathered once, ready to lay out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from bot.domain.phases import Phase
from bot.domain.unit import Operation
from bot.domain.units import from_nano

# The breakdowns, in the order the pack prints them.
DIMENSIONS = (
    "agency", "phase", "week", "day", "transport", "concealment", "detection", "location",
    "origin", "destination",
)  # fmt: skip


@dataclass(frozen=True)
class Amount:
    """An exact amount of one substance in one unit and form (nano-units, as stored)."""

    key: str  # canonical id, or '?' and the words of an unclassified substance
    unit: str  # 'g', 'ml' or 'unit'
    form: str  # '' when none
    nano: int

    @property
    def value(self) -> Decimal:
        """The exact amount in base units (g, ml, units)."""
        return from_nano(self.nano)


@dataclass(frozen=True)
class Total:
    """A substance's total in one unit and form: amount, reports and items counted."""

    amount: Amount
    cases: int  # live reports with this substance in this unit and form, a linked case once
    items: int


@dataclass(frozen=True)
class Group:
    """One line of a breakdown: a value (None: not stated), its cases and its amounts."""

    value: str | None
    cases: int
    amounts: tuple[Amount, ...]


@dataclass(frozen=True)
class Route:
    """Reports from an origin to a destination (None: not stated)."""

    origin: str | None
    destination: str | None
    cases: int


@dataclass(frozen=True)
class CaseItem:
    """An item of a notable case as recorded."""

    amount: Amount
    approximate: bool
    provisional: bool


@dataclass(frozen=True)
class Case:
    """A notable report: what, where, how, and its first photo."""

    number: int
    day: date
    agency: str | None
    location: str | None
    origin: str | None
    destination: str | None
    transport: str | None
    concealment: str | None
    detection: str | None
    items: tuple[CaseItem, ...]
    photos: int
    photo: bytes | None


@dataclass(frozen=True)
class LinkedReport:
    """A report of a linked case: its number, administration and amounts as reported."""

    number: int
    agency: str | None
    amounts: tuple[Amount, ...]


@dataclass(frozen=True)
class LinkedCase:
    """Reports made one case by /link; `counted` is each substance's largest report's amount."""

    number: int  # the number of the case's first report
    reports: tuple[LinkedReport, ...]
    counted: tuple[Amount, ...]


@dataclass(frozen=True)
class Compliance:
    """How an administration reported: reports, nil returns, silent days, median delay."""

    agency: str
    name: str
    reports: int
    nil_returns: int
    active_days: int
    silent_days: int
    median_delay_days: Decimal | None


@dataclass(frozen=True)
class Quality:
    """What the figures rest on: voided, corrected, provisional, unclassified, approximate."""

    reports_all: int  # every report, voided included
    voided: int
    corrected: int  # live reports edited after they were sent
    provisional_items: int
    approximate_items: int
    unclassified_items: int
    unclassified_words: tuple[tuple[str, int], ...]  # the officer's words, how many items
    no_agency: int
    photos_kept: int
    photos_not_kept: int


@dataclass(frozen=True)
class Debrief:
    """Everything the debriefing pack prints, for one operation at one moment."""

    operation: Operation
    agencies: tuple[tuple[str, str], ...]  # code, name
    phases: tuple[Phase, ...]
    generated_at: datetime
    first_day: date | None
    last_day: date | None
    period_days: int  # the days compliance is measured over
    period_first: date | None  # its first and last day (the phases, else the reports)
    period_last: date | None
    reports: int  # live reports
    case_count: int  # live reports, the reports of a linked case once
    items: int
    totals: tuple[Total, ...]
    breakdowns: dict[str, tuple[Group, ...]]
    daily_by_agency: tuple[tuple[date, str, int], ...]  # day, agency code, reports
    routes: tuple[Route, ...]
    cases: tuple[Case, ...]  # the largest reports
    # Reports made one case by /link (live reports only; a case of one live report is left out).
    linked: tuple[LinkedCase, ...]
    compliance: tuple[Compliance, ...]
    quality: Quality
