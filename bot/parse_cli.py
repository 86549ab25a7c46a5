"""`python -m bot parse [TEXT]`: print what /seizure TEXT would record, as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from bot.domain.catalogue import Catalogue
from bot.parsing import ParseError, parse_seizure

USAGE = (
    "usage: python -m bot parse [--today YYYY-MM-DD] [TEXT]\n"
    "  With TEXT, print what /seizure TEXT would record as one JSON object.\n"
    "  Without TEXT, read one message a line from standard input and print one object a line.\n"
    "  --today parses as if that were the operation's local date (for yesterday, 20 Nov...).\n"
)


def main(argv: Sequence[str], *, stdin: TextIO, stdout: TextIO, today: date | None = None) -> int:
    """Answer each message with its JSON report or {"error": ...}; always exit 0."""
    if list(argv[:1]) in (["-h"], ["--help"]):
        stdout.write(USAGE)
        return 0
    catalogue = Catalogue.load()
    day = today or date.today()
    if argv:
        # Unquoted words arrive one per argument: `parse 2kg meth` means "2kg meth".
        _answer(" ".join(argv), catalogue, day, stdout)
        return 0
    for line in stdin:
        _answer(line.rstrip("\r\n"), catalogue, day, stdout)
    return 0


def answer(text: str, *, catalogue: Catalogue, today: date) -> dict[str, object]:
    """The JSON object for one message: the report, or {"error": "..."}."""
    try:
        return parse_seizure(text, catalogue=catalogue, today=today).to_json()
    except ParseError as error:
        return {"error": str(error)}


def _answer(text: str, catalogue: Catalogue, today: date, stdout: TextIO) -> None:
    shape = answer(text, catalogue=catalogue, today=today)
    stdout.write(json.dumps(shape, ensure_ascii=False) + "\n")
    # Each answer is flushed so a caller reading line by line is not kept waiting.
    stdout.flush()
