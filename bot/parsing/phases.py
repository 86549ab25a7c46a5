"""Reading /phase add and /phase edit: NAME START END, with an example on a mistake.

A phase's rules (overlaps, spans, announcements) are bot.domain.phases'; this reads words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from bot.domain.phases import Phase, PhaseInput
from bot.domain.when import NonexistentTime, hhmm, local_moment, start_of_day, zone
from bot.parsing.args import UsageError
from bot.parsing.dates import date_at, relative_day
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


def _date_length(words: list[str], at: int, today: date) -> int:
    """How many words a date takes at `at` ('2026-12-14': 1, '14 Dec': 2); 0: none there."""
    if _DATE_LIKE.match(words[at]):
        return 1
    read = date_at(words[at : at + 3], today)
    return read[1] if read is not None else 0


def _day(words: list[str], near: date, typed: str, usage: str) -> date:
    """A date as /summary reads it; one without a year is the such day nearest to `near`.

    `typed` is the person's command, put right by a refusal that can; `usage` the name and two
    valid dates, for one that cannot.
    """
    if len(words) == 1 and _DATE_LIKE.match(words[0]):
        try:
            return parse_date(words[0], typed)
        except UsageError as refused:
            message = str(refused)
            if not message.endswith(typed):
                raise  # the example has the day put right
            raise UsageError(message[: -len(typed)] + usage) from None
    if (relative := relative_day(words[0], near)) is not None and len(words) == 1:
        return relative
    # The latest such day not after half a year on: the nearest one, before or after.
    read = date_at(words, near + timedelta(days=182))
    if read is None or read[1] != len(words):
        return parse_date(" ".join(words), usage)  # not a date: says so, with an example
    if isinstance(read[0], str):
        raise UsageError(f"{read[0]}.\n{usage}")
    return read[0]


def _moment(
    words: list[str], *, tz: str, end: bool, example: str, usage: str, near: date
) -> tuple[datetime, str]:
    """One START or END: a date (start or end of that local day) or a date and a time."""
    text = " ".join(words)
    day_words, at_text = list(words), ""
    if len(words) > 1 and _TIME_LIKE.match(words[-1]):
        day_words, at_text = words[:-1], words[-1]
    elif len(words) == 1:
        day_text, _sep, at_text = words[0].partition("T")
        day_words = [day_text]
    day = _day(day_words, near, example, usage)
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


def parse_phase(words: list[str], *, tz: str, verb: str, today: date | None = None) -> PhaseInput:
    """NAME START END after '/phase add' or '/phase edit'; UsageError with an example otherwise.

    The dates are written as /summary's ('2026-12-14', '14 Dec', '14/12'); one without a year
    is the such day nearest to `today` (the operation's), an END's the one nearest its START.
    """
    today = today or datetime.now(zone(tz)).date()
    name_words: list[str] = []
    rest = list(words)
    while rest and not _date_length(rest, 0, today):
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
    at = 0
    while at < len(rest):
        taken = _date_length(rest, at, today) or 1
        group = rest[at : at + taken]
        at += taken
        timed = "T" in group[0] and _DATE_LIKE.match(group[0])
        if at < len(rest) and _TIME_LIKE.match(rest[at]) and not timed:
            group.append(rest[at])
            at += 1
        groups.append(group)
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
    start, start_text = _moment(groups[0], tz=tz, end=False, example=typed, usage=usage, near=today)
    near = start.astimezone(zone(tz)).date()
    end, end_text = _moment(groups[1], tz=tz, end=True, example=typed, usage=usage, near=near)
    if end <= start:
        raise UsageError(
            _(
                "The phase would end ({end}) before it starts ({start}). Put the START first."
            ).format(end=end_text, start=start_text)
            + f"\n{_example(verb, name, end_text, start_text)}"
        )
    return PhaseInput(name, start, end)


# The words that name one end after '/phase edit NAME', as people type them.
_END_WORDS = {
    **dict.fromkeys(("start", "starts", "begin", "begins", "시작", "เริ่ม"), "start"),
    **dict.fromkeys(("end", "ends", "finish", "finishes", "종료", "끝", "สิ้นสุด", "จบ"), "end"),
}


def one_end(words: list[str], phases: Sequence[Phase], *, tz: str) -> list[str]:
    """'NAME end DATE' (or start) after '/phase edit': the phase's other end as it is, put in,
    so that only the one named moves; any other words as typed. Before, 'end' was read into
    the name and the example given back ('/phase edit Operational end 2026-12-01 2026-12-14')
    failed again. NAME is a phase's whole name, which may hold the word itself ('End game',
    'Weekend end'); a longer name with two dates after it is that phase edited whole."""
    by_name = {p.name.casefold(): p for p in phases}
    marks = [i for i, word in enumerate(words) if i and word.lower() in _END_WORDS]
    for at in reversed(marks):
        phase = by_name.get(" ".join(words[:at]).casefold())
        longer = " ".join(words[: at + 1]).casefold() in by_name and len(words) - at - 1 >= 2
        if phase is None or longer:
            continue
        which = _END_WORDS[words[at].lower()]
        kept = (phase.ends_at if which == "start" else phase.starts_at).astimezone(zone(tz))
        other = [kept.strftime("%Y-%m-%d"), kept.strftime("%H:%M")]
        moved = words[at + 1 :]
        return [*words[:at], *(moved + other if which == "start" else other + moved)]
    if marks and not any(" ".join(words[:k]).casefold() in by_name for k in range(1, len(words))):
        # A phase it does not know: refused as such, or asked for both ends, without the word.
        return [*words[: marks[0]], *words[marks[0] + 1 :]]
    return words
