"""Where the bot reads the time: the system clock, or one a test moves by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Gives the current time, aware and in UTC."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """Now, in UTC."""
        return datetime.now(UTC)


class ManualClock:
    """A clock that stands still until moved; for tests and the benchmark."""

    def __init__(self, start: datetime):
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        """The time it was set to."""
        return self._now

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward."""
        self._now += delta

    def set(self, when: datetime) -> None:
        """Put the clock at an aware time."""
        self._now = when.astimezone(UTC)


def utc_text(when: datetime) -> str:
    """The storage form of a time: ISO-8601 in UTC, to the second."""
    if when.tzinfo is None:
        raise ValueError("naive datetimes are never stored")
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


def from_utc_text(text: str) -> datetime:
    """A stored time back as an aware datetime."""
    return datetime.fromisoformat(text).astimezone(UTC)
