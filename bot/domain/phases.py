"""An operation's phases: reading /phase arguments, checking them, and saying where we are.

Pure: no Telegram, no SQL. A phase runs from `starts_at` (included) to `ends_at` (excluded), both
UTC instants; a date typed as an END means the end of that local day, so dates are inclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape

from bot.domain.unit import Operation
from bot.domain.when import (
    NonexistentTime,
    hhmm,
    local_date,
    local_moment,
    parse_date,
    parse_time_of_day,
    start_of_day,
    zone,
)
from bot.parsing.args import UsageError

MAX_NAME = 40
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:T\d{1,2}:\d{2})?$")
_TIME_LIKE = re.compile(r"^\d{1,2}:\d{2}$")
_NAME_OK = re.compile(r"^[^\s/<>][^<>]*$")
EXAMPLE = "/phase add operational 2026-12-01 2026-12-14"

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


def _example(verb: str, name: str, start: str, end: str) -> str:
    return f"Example: /phase {verb} {name or 'operational'} {start} {end}"


def _moment(words: list[str], *, tz: str, end: bool, example: str) -> tuple[datetime, str]:
    """One START or END: a date (start or end of that local day) or a date and a time."""
    text = " ".join(words)
    day_text, _, at_text = words[0].partition("T")
    if len(words) == 2:
        at_text = words[1]
    day = parse_date(day_text, example)
    if not at_text:
        return start_of_day(day + timedelta(days=1) if end else day, tz), text
    at = parse_time_of_day(at_text, example)
    try:
        return local_moment(day, at, tz, strict=True), text
    except NonexistentTime:
        later = (datetime.combine(day, at) + timedelta(hours=1)).time()
        raise UsageError(
            f"{day.isoformat()} {hhmm(at)} does not exist in {tz}: the clocks jump forward over "
            f"it that night. Use another time.\n"
            f"{example.replace(text, f'{day.isoformat()} {hhmm(later)}', 1)}"
        ) from None


def parse_phase(words: list[str], *, tz: str, verb: str) -> PhaseInput:
    """NAME START END after '/phase add' or '/phase edit'; UsageError with an example otherwise."""
    name_words: list[str] = []
    rest = list(words)
    while rest and not _DATE_LIKE.match(rest[0]):
        name_words.append(rest.pop(0))
    name = " ".join(name_words).strip()
    usage = _example(verb, name, "2026-12-01", "2026-12-14")
    if not name:
        raise UsageError(f"Which phase? Give its name first.\n{usage}")
    if len(name) > MAX_NAME or not _NAME_OK.match(name):
        raise UsageError(
            f"A phase name is 1 to {MAX_NAME} characters, without < > or a leading /.\n"
            f"{_example(verb, 'operational', '2026-12-01', '2026-12-14')}"
        )
    groups: list[list[str]] = []
    for word in rest:
        if _TIME_LIKE.match(word) and groups and len(groups[-1]) == 1 and "T" not in groups[-1][0]:
            groups[-1].append(word)
        else:
            groups.append([word])
    if len(groups) != 2:
        raise UsageError(
            f"Give the phase a START and an END: dates (the END day is included) or dates with "
            f"a time.\n{usage}\nor /phase {verb} {name} 2026-12-01 09:00 2026-12-14 18:00"
        )
    # The person's own words, so that a corrected date reads as their command put right.
    typed = f"Example: /phase {verb} {name} {' '.join(rest)}"
    start, start_text = _moment(groups[0], tz=tz, end=False, example=typed)
    end, end_text = _moment(groups[1], tz=tz, end=True, example=typed)
    if end <= start:
        raise UsageError(
            f"The phase would end ({end_text}) before it starts ({start_text}). "
            f"Put the START first.\n{_example(verb, name, end_text, start_text)}"
        )
    return PhaseInput(name, start, end)


def check_overlap(candidate: PhaseInput, others: list[Phase], *, tz: str, verb: str) -> None:
    """Phases follow one another: UsageError if the candidate overlaps another phase."""
    for other in sorted(others, key=lambda p: p.starts_at):
        if other.name.lower() == candidate.name.lower():
            continue
        if candidate.starts_at < other.ends_at and other.starts_at < candidate.ends_at:
            if candidate.starts_at < other.starts_at:
                start, end = candidate.starts_at, other.starts_at
            else:
                start, end = other.ends_at, _shifted_end(candidate, other.ends_at, tz)
            fix = _example(verb, candidate.name, _as_start(start, tz), _as_end(end, tz))
            raise UsageError(
                f"{candidate.name} would overlap {other.name} ({span_text(other, tz)}). "
                f"Phases follow one another.\n{fix}"
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


def start_text(phase: Phase | PhaseInput, tz: str) -> str:
    """'Tue 01 Dec', or 'Tue 01 Dec 09:00' when it starts during a day."""
    local = phase.starts_at.astimezone(zone(tz))
    return f"{local:%a %d %b}" if _is_midnight(phase.starts_at, tz) else f"{local:%a %d %b %H:%M}"


def end_text(phase: Phase | PhaseInput, tz: str) -> str:
    """The last day ('Mon 14 Dec'), or 'Mon 14 Dec 18:00' when it ends during a day."""
    if _is_midnight(phase.ends_at, tz):
        return f"{_last_day(phase.ends_at, tz):%a %d %b}"
    return f"{phase.ends_at.astimezone(zone(tz)):%a %d %b %H:%M}"


def span_text(phase: Phase | PhaseInput, tz: str) -> str:
    """'Tue 01 Dec – Mon 14 Dec'."""
    return f"{start_text(phase, tz)} – {end_text(phase, tz)}"


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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _progress(phase: Phase, now: datetime, tz: str) -> str:
    day = (local_date(now, tz) - local_date(phase.starts_at, tz)).days + 1
    left = days_left(phase, now, tz)
    tail = "last day" if left <= 1 else f"{_plural(left, 'day')} left"
    return f"day {day} of {day_count(phase, tz)}, {tail}"


def _until(when: datetime, now: datetime, tz: str) -> str:
    days = (local_date(when, tz) - local_date(now, tz)).days
    if days <= 0:
        return "today"
    return "tomorrow" if days == 1 else f"in {days} days"


def phase_lines(operation: Operation, phases: list[Phase], now: datetime) -> list[str]:
    """The phases for /operation, one HTML line each, marking the current one."""
    tz = operation.tz
    lines = []
    for phase in sorted(phases, key=lambda p: p.starts_at):
        name = escape(phase.name)
        if phase.starts_at <= now < phase.ends_at:
            lines.append(
                f"▶️ <b>{name}</b>: {span_text(phase, tz)} — now, {_progress(phase, now, tz)}"
            )
        elif phase.starts_at > now:
            lines.append(
                f"• {name}: {span_text(phase, tz)} — starts {_until(phase.starts_at, now, tz)}"
            )
        else:
            lines.append(f"✓ {name}: {span_text(phase, tz)} — ended")
    return lines


def phase_status(operation: Operation, phases: list[Phase], now: datetime) -> str:
    """One HTML line: the current phase and days left, or the next phase, or none set."""
    tz = operation.tz
    current = current_phase(phases, now)
    if current is not None:
        return (
            f"Phase: <b>{escape(current.name)}</b> ({span_text(current, tz)}), "
            f"{_progress(current, now, tz)}"
        )
    coming = next_phase(phases, now)
    if coming is not None:
        return (
            f"Between phases. Next: <b>{escape(coming.name)}</b> from "
            f"{start_text(coming, tz)} ({_until(coming.starts_at, now, tz)})"
        )
    if phases:
        return "All phases have ended."
    return "No phases set (/phase add)."


def phase_messages(phase: Phase, warning_s: int) -> list[tuple[str, datetime]]:
    """The announcements a phase makes: its start, the warning before its end, its end."""
    messages = [("phase_start", phase.starts_at), ("phase_end", phase.ends_at)]
    warning = phase.ends_at - timedelta(seconds=warning_s)
    if warning_s > 0 and warning > phase.starts_at:
        messages.append(("phase_warning", warning))
    return messages


def _duration(seconds: int) -> str:
    if seconds % 86400 == 0 and seconds >= 2 * 86400:
        return _plural(seconds // 86400, "day")
    if seconds % 3600 == 0:
        return _plural(seconds // 3600, "hour")
    return _plural(max(1, seconds // 60), "minute")


def announcement(kind: str, phase: Phase, operation: Operation, phases: list[Phase]) -> str:
    """The HTML text of a phase's start, end warning or end."""
    tz = operation.tz
    name = escape(phase.name)
    later = [p for p in phases if p.starts_at >= phase.ends_at and p.id != phase.id]
    following = min(later, key=lambda p: p.starts_at) if later else None
    then = (
        f"\nNext: <b>{escape(following.name)}</b> from {start_text(following, tz)}."
        if following
        else ""
    )
    if kind == "phase_start":
        return (
            f"▶️ Phase <b>{name}</b> begins now: {span_text(phase, tz)} "
            f"({_plural(day_count(phase, tz), 'day')}, {tz})."
        )
    if kind == "phase_warning":
        seconds = int((phase.ends_at - phase.starts_at).total_seconds())
        warning = min(operation.phase_warning_s, seconds)
        ends = (
            f"at the end of {end_text(phase, tz)}"
            if _is_midnight(phase.ends_at, tz)
            else f"on {end_text(phase, tz)}"
        )
        return f"⏳ Phase <b>{name}</b> ends in {_duration(warning)}, {ends} ({tz}).{then}"
    if kind == "phase_end":
        closing = then or "\nNo further phase is planned."
        return f"⏹ Phase <b>{name}</b> has ended ({span_text(phase, tz)}).{closing}"
    raise ValueError(f"not a phase message: {kind}")
