"""What a refusal is: why an item records nothing, and corrected messages from the officer's
own words."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.parsing.amounts import Message


@dataclass(frozen=True)
class Refusal:
    """Why an item cannot be recorded, and corrected messages (alternatives, each a list of
    candidates best first: the whole message fixed, then the item alone)."""

    reason: str
    examples: tuple[tuple[str, ...], ...] = ()
    # The whole message fixed only gives a package count its weight: another count in it with
    # none is given one the same way (parsing.parse_seizure), never dropped from the example.
    adds_weight: bool = False


def number_text(value: Decimal) -> str:
    """A number as plain digits: 2, 0.5, 1250."""
    return format(value.normalize(), "f")


def replaced(
    message: Message, at: int, until: int, new: str, start: int, end: int
) -> tuple[str, ...]:
    """The message, then the item alone, with text[at:until] replaced."""
    text = message.text
    whole = text[:at] + new + text[until:]
    first, last = message.tokens[start].start, message.tokens[end - 1].end
    alone = text[first:at] + new + text[until:last]
    return (whole, alone)
