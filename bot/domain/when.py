"""When things happen: reminder rules, local dates and times, and the next occurrence.

Pure: no Telegram, no SQL. Every datetime that leaves this module is aware and in UTC; local
times are interpreted in the operation's zone with zoneinfo, so DST is the zone's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


class NonexistentTime(ValueError):
    """A local time that the zone skips (clocks go forward)."""


@dataclass(frozen=True)
class Once:
    """A single moment."""

    at: datetime  # aware, UTC


@dataclass(frozen=True)
class Daily:
    """Every day, or every Monday to Friday, at a local time of day."""

    at: time
    weekdays_only: bool = False


Rule = Once | Daily


@dataclass(frozen=True)
class ParsedReminder:
    """What /remind understood: the WHEN as stored, its rule, and the reminder's text."""

    spec: str
    rule: Rule
    text: str
    # 'today' or 'tomorrow' when only a time was typed ('/remind 8pm ...'): the day it was read as.
    implied_day: str | None = None


def zone(tz: str) -> ZoneInfo:
    """The zone object of an IANA name."""
    return ZoneInfo(tz)


def hhmm(value: time) -> str:
    """A time of day as HH:MM."""
    return f"{value.hour:02d}:{value.minute:02d}"


def exists_locally(local: datetime) -> bool:
    """Whether a wall-clock time in its zone exists (is not skipped by a DST jump)."""
    there_and_back = local.astimezone(UTC).astimezone(local.tzinfo)
    return there_and_back.replace(tzinfo=None) == local.replace(tzinfo=None)


def local_moment(day: date, at: time, tz: str, *, strict: bool) -> datetime:
    """The UTC instant of a local date and time; a time skipped by DST raises if strict.

    Not strict, a skipped time moves forward by the jump (02:30 becomes 03:30), which is what a
    repeating reminder should do; an ambiguous time (clocks go back) is its first occurrence.
    """
    local = datetime.combine(day, at, tzinfo=zone(tz))
    if strict and not exists_locally(local):
        raise NonexistentTime(f"{day.isoformat()} {hhmm(at)}")
    return local.astimezone(UTC)


def start_of_day(day: date, tz: str) -> datetime:
    """The first instant of a local day, in UTC (a midnight skipped by DST starts it later)."""
    return local_moment(day, time(0, 0), tz, strict=False)


def local_date(when: datetime, tz: str) -> date:
    """The local date of an instant."""
    return when.astimezone(zone(tz)).date()


def next_after(rule: Rule, after: datetime, tz: str) -> datetime | None:
    """The first occurrence strictly after `after`, in UTC; None when a single moment is past."""
    if isinstance(rule, Once):
        return rule.at if rule.at > after else None
    day = local_date(after, tz) - timedelta(days=1)
    # A DST shift can move a local time across `after`; look a few days on to be safe.
    for _ in range(10):
        day += timedelta(days=1)
        if rule.weekdays_only and day.weekday() >= 5:
            continue
        candidate = local_moment(day, rule.at, tz, strict=False)
        if candidate > after:
            return candidate
    raise AssertionError("a daily rule always occurs within ten days")


def next_skipped_day(at: time, tz: str, after: datetime, *, days: int = 400) -> date | None:
    """The next local day on which `at` does not exist in the zone, within `days`."""
    day = local_date(after, tz)
    for _ in range(days):
        day += timedelta(days=1)
        if not exists_locally(datetime.combine(day, at, tzinfo=zone(tz))):
            return day
    return None


def city(tz: str) -> str:
    """The place part of a zone name: 'Asia/Bangkok' -> 'Bangkok'."""
    return tz.rsplit("/", 1)[-1].replace("_", " ")


@dataclass(frozen=True)
class Reminder:
    """A reminder as stored: its WHEN as typed, read again from the moment it was set."""

    id: int
    operation_id: int
    spec: str
    text: str
    created_by: int
    created_at: datetime


@dataclass(frozen=True)
class SentReminder:
    """A one-off reminder whose time has passed, and how it went: sent, late, missed or failed."""

    reminder: Reminder
    status: str
    at: datetime  # when it went out (or was given up), UTC
