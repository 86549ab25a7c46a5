"""An operation's phases: checking them and where we are (bot.parsing.phases reads them, and
bot.render.clock words them).

Pure: no Telegram, no SQL. A phase runs from `starts_at` (included) to `ends_at` (excluded), both
UTC instants; a date typed as an END means the end of that local day, so dates are inclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from bot.domain.when import local_date, start_of_day, zone

# The order in which messages due at the same moment are sent: an end before the next start.
KINDS = ("phase_end", "phase_start", "phase_warning")


@dataclass(frozen=True)
class Phase:
    """A named stretch of the operation, e.g. 'operational', from start to end."""

    id: int
    operation_id: int
    name: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class PhaseInput:
    """What /phase add or /phase edit asked for, read in the operation's zone."""

    name: str
    starts_at: datetime
    ends_at: datetime


class PhaseRefusal(StrEnum):
    """Why a phase cannot be added, moved or removed."""

    TAKEN = "taken"  # another phase has the name
    MISSING = "missing"  # no phase has the name
    OVERLAP = "overlap"  # it would overlap another phase


class PhaseRefused(Exception):
    """A phase cannot be changed: `reason` says why, for bot.render.phases to word."""

    def __init__(
        self,
        reason: PhaseRefusal,
        name: str,
        *,
        verb: str,
        names: tuple[str, ...] = (),
        other: Phase | None = None,
        fix: tuple[str, str] | None = None,
    ):
        super().__init__(reason.value, name)
        self.reason, self.name, self.verb = reason, name, verb
        self.names = names  # the operation's phases, for a name that is not among them
        self.other = other  # the phase it would overlap
        self.fix = fix  # a START and END as typed that would not overlap


def check_overlap(candidate: PhaseInput, others: list[Phase], *, tz: str, verb: str) -> None:
    """Phases follow one another: PhaseRefused if the candidate overlaps another phase."""
    for other in sorted(others, key=lambda p: p.starts_at):
        if other.name.lower() == candidate.name.lower():
            continue
        if candidate.starts_at < other.ends_at and other.starts_at < candidate.ends_at:
            if candidate.starts_at < other.starts_at:
                start, end = candidate.starts_at, other.starts_at
            else:
                start, end = other.ends_at, _shifted_end(candidate, other.ends_at, tz)
            raise PhaseRefused(
                PhaseRefusal.OVERLAP,
                candidate.name,
                verb=verb,
                other=other,
                fix=(_as_start(start, tz), _as_end(end, tz)),
            )


def _shifted_end(candidate: PhaseInput, new_start: datetime, tz: str) -> datetime:
    """The end of the candidate moved to start at new_start, as long as it was."""
    if _is_midnight(candidate.starts_at, tz) and _is_midnight(candidate.ends_at, tz):
        days = (local_date(candidate.ends_at, tz) - local_date(candidate.starts_at, tz)).days
        return start_of_day(local_date(new_start, tz) + timedelta(days=days), tz)
    return new_start + (candidate.ends_at - candidate.starts_at)


def _as_start(when: datetime, tz: str) -> str:
    if _is_midnight(when, tz):
        return local_date(when, tz).isoformat()
    return f"{when.astimezone(zone(tz)):%Y-%m-%d %H:%M}"


def _as_end(when: datetime, tz: str) -> str:
    if _is_midnight(when, tz):
        return _last_day(when, tz).isoformat()
    return f"{when.astimezone(zone(tz)):%Y-%m-%d %H:%M}"


def _last_day(ends_at: datetime, tz: str) -> date:
    # The end is excluded, so a phase ending at midnight ends with the day before.
    return local_date(ends_at - timedelta(microseconds=1), tz)


def _is_midnight(when: datetime, tz: str) -> bool:
    local = when.astimezone(zone(tz))
    return local.time() == time(0, 0) or when == start_of_day(local.date(), tz)


def day_count(phase: Phase | PhaseInput, tz: str) -> int:
    """How many local days the phase touches."""
    return (_last_day(phase.ends_at, tz) - local_date(phase.starts_at, tz)).days + 1


def current_phase(phases: list[Phase], now: datetime) -> Phase | None:
    """The phase running at `now`."""
    return next((p for p in phases if p.starts_at <= now < p.ends_at), None)


def next_phase(phases: list[Phase], now: datetime) -> Phase | None:
    """The first phase that has not started by `now`."""
    coming = [p for p in phases if p.starts_at > now]
    return min(coming, key=lambda p: p.starts_at) if coming else None


def days_left(phase: Phase, now: datetime, tz: str) -> int:
    """Local days left in the phase, today included."""
    return (_last_day(phase.ends_at, tz) - local_date(now, tz)).days + 1


def phase_messages(phase: Phase, warning_s: int) -> list[tuple[str, datetime]]:
    """The announcements a phase makes: its start, the warning before its end, its end."""
    messages = [("phase_start", phase.starts_at), ("phase_end", phase.ends_at)]
    warning = phase.ends_at - timedelta(seconds=warning_s)
    if warning_s > 0 and warning > phase.starts_at:
        messages.append(("phase_warning", warning))
    return messages
