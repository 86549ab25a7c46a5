"""Checks shared by commands and the config: codes and time zones."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.args import UsageError

_CODE = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")


def check_code(code: str, syntax: str) -> str:
    """A code such as SIREN or KCS: 2-16 capitals, digits, '-' or '_'."""
    if not _CODE.match(code):
        raise UsageError(
            f"{code!r} cannot be a code: use 2 to 16 letters or digits, starting with a letter."
            f"\n{syntax}"
        )
    return code


def check_zone(tz: str, syntax: str) -> str:
    """An IANA time zone such as Asia/Seoul."""
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"{tz!r} is not a time zone I know. Use an IANA name such as Asia/Seoul or "
            f"Asia/Bangkok.\n{syntax}"
        ) from None
    return tz
