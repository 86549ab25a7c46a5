"""Reading /phase add and /phase edit: NAME START END, with an example on a mistake.

A phase's rules (overlaps, spans, announcements) are bot.domain.phases'; this reads words.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.domain.phases import PhaseInput
from bot.domain.when import NonexistentTime, hhmm, local_moment, start_of_day
from bot.parsing.args import UsageError
from bot.parsing.when import parse_date, parse_time_of_day
from bot.render.i18n import _

MAX_NAME = 40
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:T\d{1,2}:\d{2})?$")
_TIME_LIKE = re.compile(r"^\d{1,2}:\d{2}$")
_NAME_OK = re.compile(r"^[^\s/<>][^<>]*$")
EXAMPLE = "/phase add operational 2026-12-01 2026-12-14"


def _example(verb: str, name: str, start: str, end: str) -> str:
    return _("Example: {command}").format(
        command=f"/phase {verb} {name or 'operational'} {start} {end}"
    )


def _moment(words: list[str], *, tz: str, end: bool, example: str) -> tuple[datetime, str]:
    """One START or END: a date (start or end of that local day) or a date and a time."""
    text = " ".join(words)
    day_text, _sep, at_text = words[0].partition("T")
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
            _(
                "{day} {time} does not exist in {tz}: the clocks jump forward over it that night. "
                "Use another time."
            ).format(day=day.isoformat(), time=hhmm(at), tz=tz)
            + f"\n{example.replace(text, f'{day.isoformat()} {hhmm(later)}', 1)}"
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
        raise UsageError(_("Which phase? Give its name first.") + f"\n{usage}")
    if len(name) > MAX_NAME or not _NAME_OK.match(name):
        raise UsageError(
            _("A phase name is 1 to {limit} characters, without < > or a leading /.").format(
                limit=MAX_NAME
            )
            + f"\n{_example(verb, 'operational', '2026-12-01', '2026-12-14')}"
        )
    groups: list[list[str]] = []
    for word in rest:
        if _TIME_LIKE.match(word) and groups and len(groups[-1]) == 1 and "T" not in groups[-1][0]:
            groups[-1].append(word)
        else:
            groups.append([word])
    if len(groups) != 2:
        raise UsageError(
            _(
                "Give the phase a START and an END: dates (the END day is included) or dates with "
                "a time."
            )
            + f"\n{usage}\n"
            + _("or {command}").format(
                command=f"/phase {verb} {name} 2026-12-01 09:00 2026-12-14 18:00"
            )
        )
    # The person's own words, so that a corrected date reads as their command put right.
    typed = _("Example: {command}").format(command=f"/phase {verb} {name} {' '.join(rest)}")
    start, start_text = _moment(groups[0], tz=tz, end=False, example=typed)
    end, end_text = _moment(groups[1], tz=tz, end=True, example=typed)
    if end <= start:
        raise UsageError(
            _(
                "The phase would end ({end}) before it starts ({start}). Put the START first."
            ).format(end=end_text, start=start_text)
            + f"\n{_example(verb, name, end_text, start_text)}"
        )
    return PhaseInput(name, start, end)
