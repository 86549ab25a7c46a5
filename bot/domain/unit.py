"""The unit's own nouns: operations, agencies, members and their roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo


class Role(StrEnum):
    """A person's role in one operation; admins come from the config file."""

    ADMIN = "admin"
    COORDINATOR = "coordinator"
    OFFICER = "officer"
    OBSERVER = "observer"


@dataclass(frozen=True)
class Operation:
    """A joint operation: its code, title, zone, and whether it is a training exercise."""

    id: int
    code: str
    title: str
    tz: str
    exercise: bool
    digest_time: str | None
    undo_window_s: int
    phase_warning_s: int
    # The group's language(s), in the order a bilingual message shows them.
    languages: tuple[str, ...] = ("en",)
    # Its first local day (created, or its first phase's start if earlier): a report dated
    # long before it is a misreading.
    began: date | None = None

    @property
    def zone(self) -> ZoneInfo:
        """The operation's time zone."""
        return ZoneInfo(self.tz)

    def local(self, when: datetime) -> datetime:
        """A UTC time shown in the operation's zone."""
        return when.astimezone(self.zone)


@dataclass(frozen=True)
class Agency:
    """A participating administration, with its own time zone."""

    id: int
    operation_id: int
    code: str
    name: str
    tz: str
    # When it was added (None: brought by an import, or from before this was kept).
    joined_at: datetime | None = None

    def joined_on(self) -> date | None:
        """The day it joined, in its own zone: it cannot have been silent before."""
        if self.joined_at is None:
            return None
        return self.joined_at.astimezone(ZoneInfo(self.tz)).date()


@dataclass(frozen=True)
class Member:
    """A person's membership of one operation."""

    operation_id: int
    user_id: int
    role: Role
    agency_id: int | None
    agency_code: str | None
    username: str | None
    full_name: str
    agency_tz: str | None = None  # the agency's own zone, if they belong to one


@dataclass(frozen=True)
class Caller:
    """Who is asking, in which operation, with which role; resolved once per update."""

    user_id: int
    role: Role
    operation: Operation
    agency_id: int | None
    agency_code: str | None
    is_admin: bool
    # The operation the person had chosen and no longer belongs to, if the one above replaced it
    # without their doing: nothing is recorded for them until they confirm with /use.
    moved_from: str | None = None
    # Where personal answers (invites, exports, member lists) go: their private chat.
    private_chat_id: int | None = None
    # Their agency's zone: their "today" is its date, not the operation's.
    agency_tz: str | None = None

    @property
    def tz(self) -> str:
        """The zone the person lives in: their agency's, else the operation's."""
        return self.agency_tz or self.operation.tz

    def local(self, when: datetime) -> datetime:
        """A UTC time in the person's own zone, whose date is their 'today'."""
        return when.astimezone(ZoneInfo(self.tz))

    @property
    def began_here(self) -> date | None:
        """The operation's first day as a day of the person's own zone: at 22:40 in Bangkok
        a Seoul operation's first day has begun, and a Thai officer's 'today' is a day
        earlier than Seoul's."""
        began = self.operation.began
        if began is None:
            return None
        return self.local(datetime.combine(began, time(0), tzinfo=self.operation.zone)).date()


@dataclass(frozen=True)
class Invite:
    """An invite link's code, what it grants, and for how many people."""

    code: str
    operation_id: int
    role: Role
    agency_id: int | None
    expires_at: datetime
    number: int = 0  # within the operation, for /invites
    max_uses: int = 1
    uses: int = 0
    agency_code: str | None = None  # filled in by open_invites
    created_by: int | None = None  # the coordinator told when someone joins with it
