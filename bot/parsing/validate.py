"""Checks shared by commands and the config: codes, time zones, names and report dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from bot.domain.zones import is_zone
from bot.parsing import ParseError
from bot.parsing.args import UsageError
from bot.render.i18n import _

_CODE = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")
AGENCY_NAME_MAX = 100
ALIAS_MAX = 60
# A report dated further back than this is a typo (1900 for 2026), not a late report.
OLDEST_REPORT = timedelta(days=366)
_QUOTES = "\"'“”„«»‘’`"


def is_code(code: str) -> bool:
    """Whether `code` may be an operation's or agency's code (check_code's rule)."""
    return _CODE.match(code) is not None


def check_code(code: str, syntax: str) -> str:
    """A code such as SIREN or KCS: 2-16 capitals, digits, '-' or '_'."""
    if not is_code(code):
        raise UsageError(
            _(
                "{code} cannot be a code: use 2 to 16 letters or digits, starting with a letter."
            ).format(code=repr(code))
            + f"\n{syntax}"
        )
    return code


def check_zone(tz: str, syntax: str) -> str:
    """An IANA time zone such as Asia/Seoul."""
    if not is_zone(tz):
        raise UsageError(
            _(
                "{tz} is not a time zone I know. Use an IANA name such as Asia/Seoul or "
                "Asia/Bangkok."
            ).format(tz=repr(tz))
            + f"\n{syntax}"
        )
    return tz


def check_agency_name(name: str, syntax: str) -> str:
    """An agency's full name: one line of 1 to AGENCY_NAME_MAX characters."""
    name = " ".join(name.split())
    if not name or len(name) > AGENCY_NAME_MAX:
        raise UsageError(
            _("The agency's name must be 1 to {limit} characters (this one has {length}).").format(
                limit=AGENCY_NAME_MAX, length=len(name)
            )
            + f"\n{syntax}"
        )
    return name


def check_alias_words(words: str, syntax: str) -> str:
    """The words of /alias: quotes around them dropped, a letter or digit, no markup."""
    words = " ".join(words.strip().strip(_QUOTES).split())
    if not any(unicodedata.category(char)[0] in "LN" for char in words):
        raise UsageError(_("The words to classify need a letter or a digit.") + f"\n{syntax}")
    if "<" in words or ">" in words:
        raise UsageError(_("The words to classify cannot contain < or >.") + f"\n{syntax}")
    if len(words) > ALIAS_MAX:
        raise UsageError(
            _(
                "The words to classify must be at most {limit} characters (these have {length})."
            ).format(limit=ALIAS_MAX, length=len(words))
            + f"\n{syntax}"
        )
    return words


def check_alias_unknown(words: str, known_as: str | None) -> None:
    """Refuse /alias for words the catalogue already reads: the catalogue wins when parsing."""
    if known_as is not None:
        raise UsageError(
            _(
                "'{words}' is already {known_as} in the catalogue; /alias is for names the bot "
                "does not know, e.g. /alias zombie dust synthetic_cathinones"
            ).format(words=words, known_as=known_as)
        )


def check_report_date(day: date | None, today: date) -> None:
    """Refuse a report's date from before the operation could have begun (a typed year)."""
    if day is not None and day < today - OLDEST_REPORT:
        raise ParseError(
            _(
                "The date {day} is more than a year ago: write the day it happened, "
                "e.g. date={today}"
            ).format(day=day.isoformat(), today=today.isoformat())
        )
