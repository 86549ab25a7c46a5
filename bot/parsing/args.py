"""Splitting a command's arguments the way people type them on a phone."""

from __future__ import annotations

import shlex

from bot.render.i18n import _

# Phones turn straight quotes into curly ones; shlex only knows the straight kind.
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


class UsageError(Exception):
    """A command was typed wrongly; the message says how to type it."""


def command_text(text: str) -> str:
    """The text after '/command' or '/command@Bot'."""
    text = text.strip()
    if text.startswith("/"):
        head, _, rest = text.partition(" ")
        if "\n" in head:
            head, _, more = head.partition("\n")
            rest = more + (" " + rest if rest else "")
        return rest.strip()
    return text


def split_args(text: str, usage: str) -> list[str]:
    """Words, with "quoted titles" kept whole; UsageError on an unclosed quote."""
    try:
        return shlex.split(text.translate(_QUOTES))
    except ValueError:
        raise UsageError(_("A quote is not closed.") + f"\n{usage}") from None
