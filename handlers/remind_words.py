"""/remind WHEN TEXT read, with a misspelt day word ('daly', 'weekdys') answered by the word
it most likely was, rather than "I cannot read 'daly' as a time"."""

from __future__ import annotations

from datetime import datetime

from bot.domain.catalogue import edit_distance
from bot.domain.when import ParsedReminder, local_date
from bot.parsing.args import UsageError
from bot.parsing.remind_days import iso_day
from bot.parsing.when import parse_reminder
from bot.parsing.when_words import plain_when
from bot.render.i18n import _

DAY_WORDS = ("daily", "weekdays", "tomorrow", "today")


def read_reminder(args: str, *, now: datetime, tz: str) -> ParsedReminder:
    """parse_reminder, with a day written as a report's date ('20/12', '20 Dec', '12월 20일')
    read as one; a refusal of a first word one edit from a day word says that word."""
    if (alone := plain_when(args.strip())).lower() in DAY_WORDS:
        # '/remind พรุ่งนี้' (a day word and nothing else): asked the time, not told that
        # 'tomorrow', a word the person never typed, cannot be read as one.
        raise UsageError(
            _("At what time? e.g. {example}").format(
                example=f"/remind {alone.lower()} 09:00 " + _("Send your nil returns")
            )
        )
    try:
        return parse_reminder(iso_day(args, today=local_date(now, tz)), now=now, tz=tz)
    except UsageError:
        first, _space, rest = args.strip().partition(" ")
        near = [w for w in DAY_WORDS if len(first) > 3 and edit_distance(first.lower(), w) == 1]
        if not near:
            raise
        raise UsageError(
            _("Did you mean {word}? e.g. /remind {word} {rest}").format(
                word=near[0], rest=rest.strip() or "09:00 " + _("Send your nil returns")
            )
        ) from None
