"""What one daily digest shows: storage.schedule gathers the facts, bot.render.digest words them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.phases import Phase
from bot.domain.summary import SubstanceTotal
from bot.domain.unit import Agency, Operation

MAX_REPORT_LINES = 12

# A digest line is a summary line: one substance in one unit class (and form), with its cases.
Amount = SubstanceTotal


@dataclass(frozen=True)
class RecentReport:
    """A report of the digest's window as the digest lists it."""

    id: int
    reported_at: datetime
    agency_id: int | None
    items: tuple[Amount, ...]
    location: str | None = None
    number: int = 0  # what people see: the report's number in its operation; `id` is internal
    seized_on: date | None = None  # the operation's local day of the seizure


@dataclass(frozen=True)
class NilReturn:
    """An agency's latest nil return in the window."""

    agency_id: int | None
    reported_at: datetime
    note: str | None


@dataclass(frozen=True)
class DigestFacts:
    """Everything one digest shows, read at one moment."""

    operation: Operation
    since: datetime
    until: datetime
    report_count: int
    recent: tuple[RecentReport, ...]  # newest first, at most MAX_REPORT_LINES
    recent_totals: tuple[Amount, ...]
    totals: tuple[Amount, ...]
    agencies: tuple[Agency, ...]
    reported: dict[int, int] = field(default_factory=dict)  # agency id -> reports in the window
    nil_returns: dict[int, NilReturn] = field(default_factory=dict)
    phases: tuple[Phase, ...] = ()
    # The first and last seizure day of the window's reports, and of those beyond `recent`.
    seized: tuple[date, date] | None = None
    earlier_seized: tuple[date, date] | None = None
