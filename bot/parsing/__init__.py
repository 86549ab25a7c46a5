"""Seizure messages -> reports: the parser's public face. No telegram, no storage."""

from __future__ import annotations

import re
from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.seizure import SeizureItem, SeizureReport, Unit
from bot.parsing.grammar import ParseError, scan
from bot.parsing.places import check_places
from bot.render.i18n import _

__all__ = [
    "ParseError",
    "SeizureItem",
    "SeizureReport",
    "Unit",
    "parse_seizure",
    "strip_command",
]

_COMMAND = re.compile(r"\s*/(?:seizure|s)(?:@\w+)?(?=\s|$)", re.IGNORECASE)


# Zero-width spaces, with the spaces beside them, are one space.
_ZERO_WIDTH_SPACES = re.compile(r"[ \t]*\u200b[\u200b \t]*")
_INVISIBLE = str.maketrans({"\ufeff": None, "\u2060": None})


def strip_command(text: str) -> str:
    """The message without a leading /seizure, /s, /seizure@BotName or /s@BotName, and without
    the invisible characters pasted text brings: a zero-width space (a word break in Thai) is
    a space, a byte-order mark or word joiner nothing."""
    text = _ZERO_WIDTH_SPACES.sub(" ", text).translate(_INVISIBLE)
    found = _COMMAND.match(text)
    rest = text[found.end() :] if found else text
    return rest.strip()


def parse_seizure(
    text: str, *, catalogue: Catalogue, today: date, sent: bool = False
) -> SeizureReport:
    """Read a seizure message (with or without its command) into a report, or raise ParseError.

    `today` is the operation's local date, which `yesterday` counts back from; with `sent`, it
    is the day an edited report was first sent, and no date after it is recorded.
    """
    try:
        return _read(strip_command(text), catalogue, today, sent)
    except ParseError as error:
        if not error.examples:
            raise
        shown = [
            valid
            for choices in error.examples
            if (valid := _valid(choices, catalogue, today, sent))
        ]
        # Every example shown is itself a valid report; failing all, a plain one is.
        raise ParseError(error.reason, *([(e,) for e in shown] or [("2kg meth",)])) from None


def _valid(choices: tuple[str, ...], catalogue: Catalogue, today: date, sent: bool) -> str | None:
    for choice in choices:
        # "3 bricks coke 2 bags heroin": the first count given its weight, then the second.
        for _attempt in range(_MAX_WEIGHTS_GIVEN):
            try:
                _read(strip_command(choice), catalogue, today, sent)
            except ParseError as again:
                if not (again.adds_weight and again.examples and again.examples[0]):
                    break
                choice = again.examples[0][0]
                continue
            return choice
    return None


_MAX_WEIGHTS_GIVEN = 10


def _read(text: str, catalogue: Catalogue, today: date, sent: bool) -> SeizureReport:
    report = scan(text, catalogue=catalogue, today=today, sent=sent)
    check_places(text, report)
    check_names(text, report)
    return report


# Formatting tags pasted with a name ('<b>zombie</b>'): dropped whole in the example; any
# other < or > is dropped alone ('<zombie> dust': 'zombie dust').
_MARKUP = re.compile(r"</?(?:b|i|u|s|em|strong|code|pre|a|span|del|ins|br)\b[^<>]*>", re.I)


def check_names(text: str, report: SeizureReport) -> None:
    """Refuse an unclassified substance named with < or >: /alias cannot name it.

    Before: '/s 2kg <b>zombie</b>' was recorded, acknowledged as "<b>zombie</b>", totalled as
    "b>zombie</b" (the edges trimmed as punctuation), and no /alias could ever classify it.
    """
    named = [i.substance_text for i in report.items if i.substance_text]
    marked = [name for name in named if "<" in name or ">" in name]
    if not marked:
        return
    fixed = text
    for name in marked:  # every such name written without them: an example that is read
        plain = " ".join(_MARKUP.sub(" ", name).replace("<", " ").replace(">", " ").split())
        fixed = fixed.replace(name, plain, 1) if plain else ""
    raise ParseError(
        _("The substance name “{name}” cannot contain < or >: write it without them").format(
            name=marked[0]
        ),
        (fixed, "2kg meth"),
    )
