"""The clock's words: phase announcements, where the operation stands, reminders, a late line.

Pure: no Telegram, no SQL. Written in the current locale (bot.render.i18n.using), so the
scheduler renders each of a group's languages from the same facts at send time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from html import escape

from bot.domain.phases import (
    Phase,
    PhaseInput,
    _is_midnight,
    _last_day,
    current_phase,
    day_count,
    days_left,
    next_phase,
    phase_messages,
)
from bot.domain.unit import Operation
from bot.domain.when import Daily, Rule, SentReminder, hhmm, local_date, zone
from bot.render.i18n import _, clock, moment, ngettext, weekday_date


def start_text(phase: Phase | PhaseInput, tz: str) -> str:
    """'Tue 01 Dec', or 'Tue 01 Dec 09:00' when it starts during a day."""
    local = phase.starts_at.astimezone(zone(tz))
    return weekday_date(local.date()) if _is_midnight(phase.starts_at, tz) else moment(local)


def end_text(phase: Phase | PhaseInput, tz: str) -> str:
    """The last day ('Mon 14 Dec'), or 'Mon 14 Dec 18:00' when it ends during a day."""
    if _is_midnight(phase.ends_at, tz):
        return weekday_date(_last_day(phase.ends_at, tz))
    return moment(phase.ends_at.astimezone(zone(tz)))


def span_text(phase: Phase | PhaseInput, tz: str) -> str:
    """'Tue 01 Dec – Mon 14 Dec'."""
    return f"{start_text(phase, tz)} – {end_text(phase, tz)}"


def _progress(phase: Phase, now: datetime, tz: str) -> str:
    day = (local_date(now, tz) - local_date(phase.starts_at, tz)).days + 1
    # The days after today: day 1 of 14 leaves 13, and the last day leaves none.
    left = days_left(phase, now, tz) - 1
    total = day_count(phase, tz)
    if left <= 0:
        return _("day {day} of {total}, last day").format(day=day, total=total)
    return ngettext(
        "day {day} of {total}, {left} day left", "day {day} of {total}, {left} days left", left
    ).format(day=day, total=total, left=left)


def _until(when: datetime, now: datetime, tz: str) -> str:
    days = (local_date(when, tz) - local_date(now, tz)).days
    if days <= 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return ngettext("in {n} day", "in {n} days", days).format(n=days)


def phase_status(operation: Operation, phases: list[Phase], now: datetime) -> str:
    """One HTML line: the current phase and days left, or the next phase, or none set."""
    tz = operation.tz
    current = current_phase(phases, now)
    if current is not None:
        return _("Phase: <b>{name}</b> ({span}), {progress}").format(
            name=escape(current.name),
            span=span_text(current, tz),
            progress=_progress(current, now, tz),
        )
    coming = next_phase(phases, now)
    if coming is not None:
        return _("Between phases. Next: <b>{name}</b> from {start} ({when})").format(
            name=escape(coming.name),
            start=start_text(coming, tz),
            when=_until(coming.starts_at, now, tz),
        )
    if phases:
        return _("All phases have ended.")
    return _("No phases set (/phase add).")


def phase_lines(operation: Operation, phases: list[Phase], now: datetime) -> list[str]:
    """The phases for /operation and /phase, one HTML line each, marking the current one."""
    tz = operation.tz
    lines = []
    for phase in sorted(phases, key=lambda p: p.starts_at):
        name, span = escape(phase.name), span_text(phase, tz)
        if phase.starts_at <= now < phase.ends_at:
            line = _("▶️ <b>{name}</b>: {span} — now, {progress}").format(
                name=name, span=span, progress=_progress(phase, now, tz)
            )
        elif phase.starts_at > now:
            line = _("• {name}: {span} — starts {when}").format(
                name=name, span=span, when=_until(phase.starts_at, now, tz)
            )
        else:
            line = _("✓ {name}: {span} — ended").format(name=name, span=span)
        lines.append(line)
    return lines


def local_text(when: datetime, tz: str) -> str:
    """An instant as the reader writes it in the zone: 'Tue 01 Dec 09:00', '12월 1일 (화) 09:00'."""
    return moment(when.astimezone(zone(tz)))


def rule_text(rule: Rule, tz: str) -> str:
    """'daily at 09:00', 'weekdays at 18:00' or 'once, Tue 01 Dec 2026 09:00', in the zone."""
    if isinstance(rule, Daily):
        if rule.weekdays_only:
            return _("weekdays at {clock}").format(clock=hhmm(rule.at))
        return _("daily at {clock}").format(clock=hhmm(rule.at))
    return _("once, {moment}").format(moment=moment(rule.at.astimezone(zone(tz)), year=True))


def reminder_twin(number: int) -> str:
    """/remind of a reminder already to come with the same WHEN and text: refused."""
    return _(
        "This reminder is already set as #{number}, with the same time and text; the group "
        "would get it twice. /reminders lists them; /remind rm {number} removes it."
    ).format(number=number)


def reminder_set(
    number: int,
    rule: Rule,
    text: str,
    due: datetime | None,
    tz: str,
    zones: Iterable[str],
    *,
    day: str | None = None,
) -> list[str]:
    """What /remind answers: the reminder, its next time, and that time in the agencies' other
    zones (before: the operation's zone alone); `day`, 'today' or 'tomorrow' when only a time
    was typed, is said too."""
    set_text = (
        _("Reminder #{number} set: {rule} ({tz}), next {next}.")
        if due and isinstance(rule, Daily)
        else _("Reminder #{number} set: {rule} ({tz}).")
    )
    if day == "today":
        set_text += " " + _("No day was given: today, as that time is still to come.")
    elif day == "tomorrow":
        set_text += " " + _("No day was given: tomorrow, as that time has passed today.")
    lines = [
        set_text.format(
            number=number,
            rule=rule_text(rule, tz),
            tz=escape(tz),
            next=local_text(due, tz) if due else "",
        )
        + f"\n⏰ {escape(text)}"
    ]
    if due is not None and set(zones) - {tz}:
        lines.append(zones_line(due, tz, zones))
    return lines


def zones_line(when: datetime, tz: str, zones: Iterable[str]) -> str:
    """The moment in the agencies' other zones: 'In the agencies' zones: 22:10 Asia/Bangkok
    (the day before).' (HTML)."""
    here = when.astimezone(zone(tz)).date()
    times = []
    for other in sorted(set(zones) - {tz}):
        there = when.astimezone(zone(other))
        text = f"{clock(there)} {escape(other)}"
        if there.date() < here:
            text = _("{time} (the day before)").format(time=text)
        elif there.date() > here:
            text = _("{time} (the day after)").format(time=text)
        times.append(text)
    return _("In the agencies' time zones: {times}.").format(times=", ".join(times))


def sent_lines(sent: list[SentReminder], total: int, tz: str) -> list[str]:
    """One-off reminders whose time has passed, newest first, and how many more there are."""
    if not sent:
        return []
    lines = [_("<b>Already sent</b>, newest first:")]
    for item in sent:
        reminder, at = item.reminder, local_text(item.at, tz)
        if item.status in ("sent", "late"):
            how = _("#{number} sent {when}").format(number=reminder.id, when=at)
        elif item.status == "missed":
            how = _("#{number} not sent: missed, the bot was down at its time ({when})").format(
                number=reminder.id, when=at
            )
        else:
            how = _("#{number} not sent: no group took it ({when})").format(
                number=reminder.id, when=at
            )
        lines.append(f"{how}\n   ⏰ {escape(reminder.text)}")
    if total > len(sent):
        more = total - len(sent)
        lines.append(
            ngettext(
                "… and {n} older sent reminder.", "… and {n} older sent reminders.", more
            ).format(n=more)
        )
    return lines


def _duration(seconds: int) -> str:
    """'7 days' for whole days; over a day, the days then the hours and minutes left ('17 days
    8 hours 30 minutes'); up to a day, hours and minutes ('24 hours', '1 hour 30 minutes')."""
    if seconds % 86400 == 0 and seconds >= 2 * 86400:
        days = seconds // 86400
        return ngettext("{n} day", "{n} days", days).format(n=days)
    minutes = max(1, seconds // 60)
    days, minutes = divmod(minutes, 1440) if minutes > 1440 else (0, minutes)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(ngettext("{n} day", "{n} days", days).format(n=days))
    if hours:
        parts.append(ngettext("{n} hour", "{n} hours", hours).format(n=hours))
    if minutes:
        parts.append(ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes))
    return " ".join(parts)


def timed(phase: Phase | PhaseInput, tz: str) -> bool:
    """Whether the phase starts or ends during a day (given with times), not at midnight."""
    return not (_is_midnight(phase.starts_at, tz) and _is_midnight(phase.ends_at, tz))


def phase_length(phase: Phase | PhaseInput, tz: str) -> str:
    """'7 days' for a phase of whole days; '2 hours', '17 days 8 hours 30 minutes' for one given
    with times (it may touch one day for two hours, or two days for four)."""
    if not timed(phase, tz):
        days = day_count(phase, tz)
        return ngettext("{n} day", "{n} days", days).format(n=days)
    return _duration(int((phase.ends_at - phase.starts_at).total_seconds()))


def announcement(kind: str, phase: Phase, operation: Operation, phases: list[Phase]) -> str:
    """The HTML text of a phase's start, end warning or end."""
    tz = operation.tz
    name = escape(phase.name)
    later = [p for p in phases if p.starts_at >= phase.ends_at and p.id != phase.id]
    following = min(later, key=lambda p: p.starts_at) if later else None
    then = (
        "\n"
        + _("Next: <b>{name}</b> from {start}.").format(
            name=escape(following.name), start=start_text(following, tz)
        )
        if following
        else ""
    )
    if kind == "phase_start":
        if timed(phase, tz):
            return _("▶️ Phase <b>{name}</b> begins now: {span} ({length}, {tz}).").format(
                name=name, span=span_text(phase, tz), length=phase_length(phase, tz), tz=tz
            )
        days = day_count(phase, tz)
        return ngettext(
            "▶️ Phase <b>{name}</b> begins now: {span} ({days} day, {tz}).",
            "▶️ Phase <b>{name}</b> begins now: {span} ({days} days, {tz}).",
            days,
        ).format(name=name, span=span_text(phase, tz), days=days, tz=tz)
    if kind == "phase_warning":
        seconds = int((phase.ends_at - phase.starts_at).total_seconds())
        warning = _duration(min(operation.phase_warning_s, seconds))
        if _is_midnight(phase.ends_at, tz):
            text = _("⏳ Phase <b>{name}</b> ends in {duration}, at the end of {end} ({tz}).")
        else:
            text = _("⏳ Phase <b>{name}</b> ends in {duration}, on {end} ({tz}).")
        return text.format(name=name, duration=warning, end=end_text(phase, tz), tz=tz) + then
    if kind == "phase_end":
        closing = then or "\n" + _("No further phase is planned.")
        ended = _("⏹ Phase <b>{name}</b> has ended ({span}).")
        return ended.format(name=name, span=span_text(phase, tz)) + closing
    raise ValueError(f"not a phase message: {kind}")


def phase_plan(phase: Phase, operation: Operation, now: datetime) -> str:
    """What the clock will still announce of a phase just added or moved, as of `now`."""
    tz = operation.tz
    if phase.ends_at <= now:
        return _("It is over already, so nothing will be announced.")
    warning_at = dict(phase_messages(phase, operation.phase_warning_s)).get("phase_warning")
    if warning_at is not None:
        when, before = local_text(warning_at, tz), _duration(operation.phase_warning_s)
        if phase.starts_at > now:
            text = _(
                "I will announce its start, warn {duration} before its end (on {when}, {tz}), "
                "and announce its end in the linked groups."
            )
        elif warning_at > now:
            text = _(
                "It has already started; I will warn {duration} before its end "
                "(on {when}, {tz}) and announce the end."
            )
        else:
            text = _(
                "It has already started and the time to warn before its end ({when}, {tz}) "
                "has passed, so I will only announce the end ({end})."
            )
        return text.format(duration=before, when=when, tz=escape(tz), end=end_text(phase, tz))
    # No warning: none is set, or the phase is no longer than the warning's lead time.
    if phase.starts_at > now:
        return _("I will announce its start and its end in the linked groups.")
    return _("It has already started; I will announce the end ({end}).").format(
        end=end_text(phase, tz)
    )


def reminder_text(text: str) -> str:
    """A reminder as the group reads it; its own words stay as the coordinator typed them."""
    return _("⏰ <b>Reminder</b>: {text}").format(text=escape(text))


def late_line(due_at: datetime, now: datetime, tz: str) -> str:
    """'(late: due 08:00)', with the date when it was due on another day."""
    due = due_at.astimezone(zone(tz))
    if local_date(now, tz) == due.date():
        when = clock(due)
    else:
        when = moment(due)
    return "<i>" + _("(late: due {when})").format(when=when) + "</i>"


def with_late_line(text: str, line: str) -> str:
    """The late line under the message's first line."""
    head, sep, rest = text.partition("\n")
    return f"{head}\n{line}{sep}{rest}"


def general_closed(kind: str, operation: Operation, group: str) -> str:
    """To a coordinator, once: the clock's message was refused by a forum whose General topic
    is closed (bot.closed_topics)."""
    what = {"digest": _("The daily digest"), "reminder": _("A reminder")}.get(
        kind, _("A phase announcement")
    )
    return _(
        "⚠️ {what} of {operation} was not posted in {group}: its General topic is closed, and "
        "only the group's admins may write there. Reopen General, or make me an admin who may "
        "manage topics. Until then the digest, reminders and phase announcements are not posted "
        "there (each is tried once, not again); you are not told again."
    ).format(
        what=what,
        operation=escape(operation.code),
        group=escape(group) if group else _("the operation's group"),
    )


def answered_in_private(group: str, *, general: bool) -> str:
    """To a person whose answer a forum refused because its topic is closed (bot.topics)."""
    where = escape(group) if group else _("the group")
    if general:
        return _(
            "⚠️ The General topic of {group} is closed: only its admins may write there, so "
            "my answer to you is here."
        ).format(group=where)
    return _(
        "⚠️ The topic you wrote in, in {group}, is closed: only its admins may write there, so "
        "my answer to you is here."
    ).format(group=where)
