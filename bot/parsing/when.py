"""Reading WHEN: reminder specs, dates and times of day as typed, with an example on a mistake.

The rules (local moments, DST, the next occurrence) are bot.domain.when's; this reads words.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta

from bot.domain.when import (
    Daily,
    NonexistentTime,
    Once,
    ParsedReminder,
    Reminder,
    Rule,
    hhmm,
    local_date,
    local_moment,
    zone,
)
from bot.parsing.args import UsageError
from bot.parsing.when_words import AT_WORD as _AT_WORD
from bot.parsing.when_words import TIME_WORD as _TIME_WORD
from bot.parsing.when_words import plain_when
from bot.render.i18n import _, moment, month_year

MAX_REMINDER_TEXT = 1000
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_IN = re.compile(
    r"^in\s+(\d+)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?)(?=\s|$)\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_REPEAT = re.compile(r"^(daily|weekdays)\s+(\S+)(?:\s+(.*))?$", re.IGNORECASE | re.DOTALL)
_RELATIVE_DAY = re.compile(r"^(today|tomorrow)\s+(\S+)(?:\s+(.*))?$", re.IGNORECASE | re.DOTALL)
_ON_DATE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[T ](\S+))?(?:\s+(.*))?$", re.DOTALL)
_UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86400}
MAX_IN = timedelta(days=366)
# The example's words are the reader's: a Korean or Thai example never ends in English.
REMIND_EXAMPLE = "/remind daily 09:00 {text}"


# '8pm', '8 pm', '8:30pm', '8.30 p.m.', '12am'; '20h', '20h30'. Read as HH:MM (before: refused).
_TWELVE = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?$", re.IGNORECASE)
_HOURS = re.compile(r"^(\d{1,2})h(\d{2})?$", re.IGNORECASE)
# '1700', '0930': 24-hour times written without the colon (before: "'1700' is not a time").
_MILITARY = re.compile(r"^([01]\d|2[0-3])([0-5]\d)$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{2})$")
_MERIDIEM = re.compile(r"^([ap]\.?m\.?)(?:\s+|$)", re.IGNORECASE)
_NUMBER = re.compile(r"^\d{1,2}(?:[:.]\d{2})?$")


def _as_hhmm(text: str) -> str:
    """'8pm' as '20:00', '12am' as '00:00', '20h30' as '20:30'; anything else as typed."""
    if match := _TWELVE.match(text):
        hour, minute = int(match.group(1)), match.group(2) or "00"
        if not 1 <= hour <= 12:
            return text  # '13pm': refused as typed
        return f"{hour % 12 + (12 if match.group(3).lower() == 'p' else 0):02d}:{minute}"
    if match := _HOURS.match(text):
        return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"
    if match := _MILITARY.match(text):
        return f"{match.group(1)}:{match.group(2)}"
    if match := _DOTTED.match(text):  # '17.30', as many write a time
        return f"{match.group(1)}:{match.group(2)}"
    return text


def _clock_words(at_text: str | None, text: str | None) -> tuple[str | None, str | None]:
    """A time and the words after it, '8 pm' taken as one time: ('8pm', 'evening')."""
    if at_text and text and _NUMBER.match(at_text) and (match := _MERIDIEM.match(text)):
        return at_text + match.group(1), text[match.end() :]
    return at_text, text


def _said(at_text: str | None, text: str | None) -> str:
    """The reminder's words for an example: with the word read as the time when it is none
    ('/remind tomorrow meeting prep': 'meeting prep', not 'prep')."""
    words = [text] if at_text and any(c.isdigit() for c in at_text) else [at_text, text]
    return " ".join(w for w in words if w) or "TEXT"


def parse_time_of_day(text: str, example: str) -> time:
    """'9:00', '09:00', '8pm', '8:30 pm', '20h' as a time; UsageError naming the mistake
    otherwise."""
    match = _HHMM.match(_as_hhmm(text.strip()))
    if match is None:
        raise UsageError(
            _("{typed} is not a time of day: write HH:MM, e.g. 09:00.").format(typed=repr(text))
            + f"\n{example}"
        )
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise UsageError(
            _(
                "{typed} is not a time of day: hours go from 00 to 23 and minutes from 00 to 59, "
                "e.g. 09:00."
            ).format(typed=text)
            + f"\n{example}"
        )
    return time(hour, minute)


# A year outside these is a typo: dates, periods and phases are read within them.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# Thai officers write years of the Buddhist era, 543 ahead (2569 is 2026). Only a BE year whose
# Gregorian one is allowed is converted: 9999 stays 9999 and is refused as typed, not as 9456.
BUDDHIST_ERA_OFFSET = 543


def gregorian_year(year: int) -> int:
    """A year as typed, Thai Buddhist-era ones (2543-2643: 2569) as Gregorian (2026)."""
    gregorian = year - BUDDHIST_ERA_OFFSET
    return gregorian if FIRST_YEAR <= gregorian <= LAST_YEAR else year


def parse_date(text: str, example: str) -> date:
    """'2026-12-01' (or 2569-12-01, Buddhist era) as a date; a nonexistent one is explained."""
    match = _DATE.match(text.strip())
    if match is None:
        raise UsageError(
            _("{typed} is not a date: write YYYY-MM-DD, e.g. 2026-12-01.").format(typed=repr(text))
            + f"\n{example}"
        )
    year, month, day = (int(g) for g in match.groups())
    year = gregorian_year(year)
    if not 1 <= month <= 12:
        raise UsageError(
            _("{typed} is not a date: there is no month {month}.").format(typed=text, month=month)
            + f"\n{example}"
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(
            _("{typed}: the year must be between 2000 and 2100.").format(typed=text)
            + f"\n{example}"
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise UsageError(
            _("{typed} is not a date: {month} has {days} days.").format(
                typed=text, month=month_year(date(year, month, 1)), days=last
            )
            + f"\n{example.replace(text, f'{year:04d}-{month:02d}-{last:02d}')}"
        )
    return date(year, month, day)


def _in_delta(amount: str, unit: str) -> timedelta:
    # Compared as a number before any timedelta is made: a huge count overflows timedelta,
    # and a count of thousands of digits cannot even be read as an int.
    digits = amount.lstrip("0") or "0"
    seconds = int(digits) * _UNIT_SECONDS[unit[0].lower()] if len(digits) <= 12 else None
    if seconds is None or seconds > MAX_IN.total_seconds():
        return MAX_IN + timedelta(seconds=1)
    return timedelta(seconds=seconds)


def _moment_usage(day: date, at: time, tz: str, text: str) -> UsageError:
    later = (datetime.combine(day, at) + timedelta(hours=1)).time()
    return UsageError(
        _(
            "{day} {time} does not exist in {tz}: the clocks jump forward over it that night. "
            "Choose another time, e.g. {example}"
        ).format(
            day=day.isoformat(),
            time=hhmm(at),
            tz=tz,
            example=f"/remind {day.isoformat()} {hhmm(later)} {text}",
        )
    )


def parse_reminder(args: str, *, now: datetime, tz: str) -> ParsedReminder:
    """Read '/remind WHEN TEXT' at `now` in the zone; UsageError with an example otherwise."""
    args = args.strip()
    if not args:
        raise UsageError(
            "\n".join(
                (
                    _("When, and what? Examples:"),
                    # WHEN stays as the bot reads it; what the reminder says in the reader's words.
                    # A date to come (before: 2026-12-01, refused as passed once it was).
                    f"/remind {local_date(now, tz) + timedelta(days=1)} 09:00 "
                    + _("Briefing in room 2"),
                    "/remind tomorrow 09:00 " + _("Check the manifests"),
                    "/remind in 2h " + _("Call the duty officer"),
                    "/remind daily 09:00 " + _("Send your nil returns"),
                    "/remind weekdays 18:00 " + _("Send your nil returns"),
                )
            )
        )
    args, implied = _in_order(plain_when(args), now=now, tz=tz)
    spec, rule, text = _parse_when(args, now=now, tz=tz)
    text = text.strip()
    if not text:
        raise UsageError(
            _("What should the reminder say? Add its text, e.g. {example}").format(
                example=f"/remind {spec} " + _("Send your nil returns")
            )
        )
    if len(text) > MAX_REMINDER_TEXT:
        raise UsageError(
            _("The reminder text is {length} characters; keep it under {limit}.").format(
                length=len(text), limit=MAX_REMINDER_TEXT
            )
        )
    if isinstance(rule, Once) and rule.at <= now:
        local_now = now.astimezone(zone(tz))
        raise UsageError(
            _(
                "{when} has already passed (it is now {now} in {tz}). Give a time to come, "
                "e.g. {example}"
            ).format(
                when=moment(rule.at.astimezone(zone(tz)), year=True),
                now=moment(local_now),
                tz=tz,
                example=f"/remind tomorrow {hhmm(rule.at.astimezone(zone(tz)).time())} {text}",
            )
        )
    return ParsedReminder(spec, rule, text, implied_day=implied)


# "tomorrow at 8am", "daily at 09:00": the word "at" between the day and the time says nothing.
_DAY_AT = re.compile(
    r"^(daily|weekdays|today|tomorrow|\d{4}-\d{1,2}-\d{1,2})\s+at\s+(?=\d)", re.IGNORECASE
)


# The words WHEN is made of, in any order before the text: a day, 'at', a time of day.
_DAY_WORD = re.compile(
    r"(daily|weekdays|today|tomorrow|\d{4}-\d{1,2}-\d{1,2})(?=\s|$)", re.IGNORECASE
)


def _in_order(args: str, *, now: datetime, tz: str) -> tuple[str, str | None]:
    """WHEN as 'DAY HH:MM TEXT' however its words were ordered ('at 20:00 daily check',
    '8 pm tomorrow ...'); a time with no day is today's if still ahead, else tomorrow's, and
    that day is returned with it. Anything else is left as typed, for _parse_when to read."""
    day: str | None = None
    clock: str | None = None
    rest = args
    while True:
        rest = rest.lstrip()
        if day is None and (match := _DAY_WORD.match(rest)):
            day = match.group(1).lower()
        elif clock is None and (match := _TIME_WORD.match(rest)):
            clock = _as_hhmm(re.sub(r"\s+", "", match.group(1)))
        elif clock is None and (match := _AT_WORD.match(rest)):
            pass  # 'at' before the time only: 'tomorrow 09:00 at the gate' keeps its words
        else:
            break
        rest = rest[match.end() :]
    if clock is None:
        return args, None
    implied = None
    if day is None:
        day = implied = _today_or_tomorrow(clock, now=now, tz=tz)
    return f"{day} {clock} {rest}".strip(), implied


def _today_or_tomorrow(clock: str, *, now: datetime, tz: str) -> str:
    """'today' if the time is still to come today in the zone, else 'tomorrow'."""
    match = _HHMM.match(clock)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return "tomorrow"  # refused as typed next, with an example that is always to come
    at = time(int(match.group(1)), int(match.group(2)))
    ahead = local_moment(local_date(now, tz), at, tz, strict=False) > now
    return "today" if ahead else "tomorrow"


def _parse_when(args: str, *, now: datetime, tz: str) -> tuple[str, Rule, str]:
    args = _DAY_AT.sub(r"\1 ", args, count=1)
    match = _IN.match(args)
    if match:
        amount, unit, text = match.groups()
        delta = _in_delta(amount, unit)
        shown = amount.lstrip("0") or "0"
        spec = f"in {shown if len(shown) <= 12 else shown[:9] + '…'}{unit[0].lower()}"
        if delta <= timedelta(0):
            raise UsageError(
                _("'{spec}' is now; give at least a minute, e.g. {example}").format(
                    spec=spec, example=f"/remind in 30m {text}"
                )
            )
        if delta > MAX_IN:
            raise UsageError(
                _("'{spec}' is more than a year away. Give a date instead, e.g. {example}").format(
                    spec=spec, example=f"/remind 2027-01-15 09:00 {text}"
                )
            )
        return spec, Once(now + delta), text
    match = _REPEAT.match(args)
    if match:
        word, at_text, text = match.groups()
        word, (at_text, text) = word.lower(), _clock_words(at_text, text)
        said = _said(at_text, text)
        at = parse_time_of_day(at_text or "", _example(f"/remind {word} 09:00 {said}"))
        return f"{word} {hhmm(at)}", Daily(at, weekdays_only=word == "weekdays"), text or ""
    match = _RELATIVE_DAY.match(args)
    if match:
        word, at_text, text = match.groups()
        word, (at_text, text) = word.lower(), _clock_words(at_text, text)
        # 'tomorrow' in the example: 'today 09:00' may have passed, and be refused in turn.
        said = _said(at_text, text)
        at = parse_time_of_day(at_text or "", _example(f"/remind tomorrow 09:00 {said}"))
        day = local_date(now, tz) + timedelta(days=1 if word == "tomorrow" else 0)
        try:
            moment = local_moment(day, at, tz, strict=True)
        except NonexistentTime:
            raise _moment_usage(day, at, tz, text or "TEXT") from None
        return f"{word} {hhmm(at)}", Once(moment), text or ""
    match = _ON_DATE.match(args)
    if match:
        day_text, at_text, text = match.groups()
        at_text, text = _clock_words(at_text, text)
        example = _example(f"/remind {day_text} 09:00 {text or 'TEXT'}")
        day = parse_date(day_text, example)
        if at_text is None or _HHMM.match(_as_hhmm(at_text)) is None:
            rest = " ".join(part for part in (at_text, text) if part)
            raise UsageError(
                _("At what time on {day}? Add it as HH:MM, e.g. {example}").format(
                    day=day.isoformat(), example=f"/remind {day.isoformat()} 09:00 {rest or 'TEXT'}"
                )
            )
        at = parse_time_of_day(at_text, example)
        try:
            moment = local_moment(day, at, tz, strict=True)
        except NonexistentTime:
            raise _moment_usage(day, at, tz, text or "TEXT") from None
        return f"{day.isoformat()} {hhmm(at)}", Once(moment), text or ""
    if (last := _when_last(args, now=now, tz=tz)) is not None:
        raise last
    # 'at noon': the word after 'at' is the one not read (before: "cannot read 'at'").
    first, _sep, rest = re.sub(r"^at\s+", "", args, flags=re.IGNORECASE).partition(" ")
    if _HHMM.match(_as_hhmm(first)):
        raise UsageError(
            _(
                "Which day? Say today, tomorrow, daily or weekdays before the time, e.g. "
                "{example} or {other}"
            ).format(
                example=f"/remind tomorrow {first} {rest.strip() or 'TEXT'}",
                other=f"/remind daily {first} {rest.strip() or 'TEXT'}",
            )
        )
    raise UsageError(
        _(
            "I cannot read {typed} as a time. WHEN is one of: {day} 09:00, tomorrow 09:00, "
            "in 2h (or 30m, 1d), daily 09:00, weekdays 18:00. Example: {example}"
        ).format(
            typed=repr(first),
            day=local_date(now, tz) + timedelta(days=1),  # a day to come, as every example is
            example=REMIND_EXAMPLE.format(text=_("Send your nil returns")),
        )
    )


def _when_last(args: str, *, now: datetime, tz: str) -> UsageError | None:
    """'check manifests 09:00', 'check manifests daily 9am': WHEN typed after the text. WHEN
    comes first (a time in a text is the text's: 'gate closes 09:00'), so it is not read
    there; the answer puts the person's own text after it, and asks the day if none was said."""
    words = args.split()
    for count in range(min(4, len(words) - 1), 0, -1):
        text, typed = " ".join(words[:-count]), " ".join(words[-count:])
        if _IN.fullmatch(plain_when(typed)):
            return UsageError(_when_first(f"/remind {plain_when(typed)} {text}"))
        when, implied = _in_order(plain_when(typed), now=now, tz=tz)
        day, _sep, clock = when.partition(" ")
        if not (_DAY_WORD.fullmatch(day) and _HHMM.fullmatch(clock)):
            continue  # no time in it, or words besides the day and the time
        if implied is None:
            return UsageError(_when_first(f"/remind {day} {clock} {text}"))
        return UsageError(
            _(
                "Which day? Say today, tomorrow, daily or weekdays before the time, e.g. "
                "{example} or {other}"
            ).format(example=f"/remind {day} {clock} {text}", other=f"/remind daily {clock} {text}")
        )
    return None


def _when_first(example: str) -> str:
    return _("Say when first, then the text, e.g. {example}").format(example=example)


def _example(command: str) -> str:
    return _("Example: {command}").format(command=command)


def stored_rule(spec: str, *, created_at: datetime, tz: str) -> Rule:
    """The rule of a stored reminder: its WHEN read again at the moment it was set."""
    return _parse_when(spec, now=created_at, tz=tz)[1]


def reminder_rule(reminder: Reminder, tz: str) -> Rule:
    """When a stored reminder falls due, in the operation's zone."""
    return stored_rule(reminder.spec, created_at=reminder.created_at, tz=tz)
