"""/reports and /show: what a listing is filtered by, and what a report holds.

No Telegram and no SQL here; reading the arguments and the page buttons is bot.parsing.listing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.stored import StoredItem
from bot.domain.summary import DateRange, Period, SubstanceFilter

PAGE_SIZE = 10
CALLBACK_LIMIT = 64  # bytes: Telegram refuses longer callback data
PAGE_PREFIX = "rp:"
# The flags a listing may be narrowed to, as typed and as carried on a button.
FLAGS = {"voided": "v", "corrected": "c", "provisional": "p"}


@dataclass(frozen=True)
class ListingFilter:
    """Which reports a listing shows: seizure dates, an agency, a substance, flags."""

    period: Period = field(default_factory=Period)
    dates: DateRange = field(default_factory=DateRange)
    agency_code: str | None = None
    substance: SubstanceFilter | None = None
    flags: frozenset[str] = frozenset()  # 'voided', 'corrected', 'provisional'


@dataclass(frozen=True)
class ReportsRequest:
    """What /reports was asked for, before the period is resolved to dates."""

    period: Period = field(default_factory=Period)
    agency_code: str | None = None
    substance: SubstanceFilter | None = None
    flags: frozenset[str] = frozenset()


# -- what is listed and shown -----------------------------------------------------------------


@dataclass(frozen=True)
class ListedReport:
    """One line of /reports."""

    number: int
    day: str  # the seizure's local date, YYYY-MM-DD
    agency_code: str | None
    items: tuple[StoredItem, ...]
    location: str | None
    voided: bool
    corrected: bool

    @property
    def provisional(self) -> bool:
        """Some item awaits the lab."""
        return any(i.provisional for i in self.items)


@dataclass(frozen=True)
class ReportPage:
    """One page of a listing, newest first, and where it sits in the whole."""

    reports: tuple[ListedReport, ...]
    total: int  # reports matching the filter
    newer: int  # matching reports newer than this page's first
    older: int  # matching reports older than this page's last

    @property
    def page(self) -> int:
        """This page's number, from 1."""
        return -(-self.newer // PAGE_SIZE) + 1

    @property
    def pages(self) -> int:
        """How many pages the listing has (at least 1)."""
        return self.page + -(-self.older // PAGE_SIZE)


@dataclass(frozen=True)
class Person:
    """Someone as shown: their name and @username, or their id when the bot never met them."""

    user_id: int
    full_name: str
    username: str | None


@dataclass(frozen=True)
class SetAlias:
    """An operation's /alias: its words (normalised), what they count as, who set it, when."""

    words: str
    substance: str
    set_by: Person | None  # None: someone the bot never met (an imported history)
    set_by_id: int
    set_at: datetime


@dataclass(frozen=True)
class HistoryEntry:
    """One change to a report, from the audit log."""

    at: datetime
    actor: Person | None
    action: str  # report | correct | void | restore | media | location | import
    text: str | None = None  # a correction's new text
    old_text: str | None = None  # a correction's previous text
    reason: str | None = None  # a void's or a restore's
    kind: str | None = None  # a file's: photo | document


@dataclass(frozen=True)
class MediaRef:
    """A photo or document kept with a report: sent again by its file_id, or from its bytes."""

    id: int
    kind: str  # photo | document
    file_id: str
    file_name: str | None
    kept: bool  # its bytes are in the database
    added_at: datetime
    added_by: Person | None


@dataclass(frozen=True)
class ReportDetail:
    """Everything /show tells about one report."""

    id: int
    number: int
    officer: Person | None
    officer_id: int
    agency_code: str | None
    agency_name: str | None
    agency_tz: str | None
    text: str
    reported_at: datetime
    day: str
    items: tuple[StoredItem, ...]
    location: str | None
    origin: str | None
    destination: str | None
    transport: str | None
    concealment: str | None
    detection: str | None
    reference: str | None
    occurred_on: str | None
    tags: tuple[str, ...]
    note: str | None
    latitude: float | None
    longitude: float | None
    imported: bool
    edited_at: datetime | None
    voided_at: datetime | None
    voided_by: Person | None
    void_reason: str | None
    history: tuple[HistoryEntry, ...]
    media: tuple[MediaRef, ...]

    @property
    def provisional(self) -> bool:
        """Some item awaits the lab."""
        return any(i.provisional for i in self.items)
