"""The day of a one-off reminder written as an officer writes a report's date: '20/12 09:00',
'20 Dec 09:00', '12월 20일 09:00', '20 ธ.ค. 2569 09:00' are '2026-12-20 09:00', the form
bot.parsing.when reads. A day without a year is the next such day, not the latest (a reminder
is for a day to come); a year is read as a report's is (a Thai Buddhist-era year too)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.parsing.args import UsageError
from bot.parsing.dates import date_at, relative_words, valid_date
from bot.parsing.when_words import TIME_WORD
from bot.render.i18n import _

# Already the form when.py reads, or a time of day ('9.30'): left as typed.
_LEFT = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[T ].*)?|\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?",
                   re.IGNORECASE)  # fmt: skip
# A day read from a day this far on is another one only when it was written without a year.
_YEARS_ON = timedelta(days=366 * 9)


def iso_day(args: str, *, today: date) -> str:
    """`args` with a day written first as a report's date put as YYYY-MM-DD; else as typed.

    A word that looks like a date but is none ('31/11') is refused with an example of a day
    to come.
    """
    words = args.split()
    if not words:
        return args
    # '9.30' is a time of day; '20.12 09:00' a day and its time, as a report's '20.12' is.
    dotted_day = "." in words[0] and len(words) > 1 and TIME_WORD.match(words[1]) is not None
    if (_LEFT.fullmatch(words[0]) and not dotted_day) or relative_words(words, today) is not None:
        return args
    found = date_at(words, today)
    if found is None:
        return args
    day, taken = found
    if isinstance(day, date) and day < today and date_at(words, today + _YEARS_ON) != found:
        # Without a year (read otherwise from another day): the next such day, 29 February
        # the next leap year's.
        day = next(
            (
                d
                for y in range(today.year, today.year + 9)
                if (d := valid_date(y, day.month, day.day)) and d >= today
            ),
            day,
        )
    typed = " ".join(words[:taken])
    rest = re.sub(rf"^\s*(?:\S+\s+){{{taken - 1}}}\S+", "", args, count=1)
    if not isinstance(day, date):
        timed = TIME_WORD.match(rest.lstrip()) is not None  # '31/11 09:00 ...' keeps its time
        example = f"/remind {today + timedelta(days=1)}{'' if timed else ' 09:00'}{rest or ' TEXT'}"
        raise UsageError(
            _("I cannot read {typed} as a day. Write it as YYYY-MM-DD, e.g. {example}").format(
                typed=repr(typed), example=example
            )
        )
    return f"{day.isoformat()}{rest}"
