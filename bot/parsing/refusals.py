"""Why an item records nothing, with corrected messages built from the officer's own words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.quantities import BadNumber, Number
from bot.parsing.amounts import Message, Piece, Quantity
from bot.render.i18n import _

_MINUS = "-−–—"


@dataclass(frozen=True)
class Refusal:
    """Why an item cannot be recorded, and corrected messages (alternatives, each a list of
    candidates best first: the whole message fixed, then the item alone)."""

    reason: str
    examples: tuple[tuple[str, ...], ...] = ()


def fractional_count(message: Message, part: Piece, typed: str, start: int, end: int) -> Refusal:
    """A fractional count ("1.5 tablets"): a count is whole; the example rounds it."""
    number = message.span(part.start, part.end)
    at = message.tokens[part.start]
    whole = number_text(part.number.value.to_integral_value() or Decimal(1))
    return Refusal(
        _("{amount} is not a whole count: a count of tablets or units is a whole number").format(
            amount=number
        ),
        (replaced(message, at.start, at.start + len(part.number.text), whole, start, end),),
    )


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


def no_unit(
    message: Message, part: Piece, typed: str, start: int, end: int, stray: int | None = None
) -> Refusal:
    """A number with no unit for a substance that is not counted ("2 cocaine"); `stray` is
    the index of a word written as the unit that is none ("500 grm ketamine")."""
    number = message.span(part.start, part.end)
    if stray is not None:
        # The example replaces the unknown word: "500 kg grm ketamine" would be no better.
        word = message.tokens[stray]
        return Refusal(
            _('"{word}" after {number} is not a unit: write the amount with its unit').format(
                word=message.word(stray), number=number
            ),
            (
                replaced(message, word.start, word.end, "kg", start, end),
                replaced(message, word.start, word.end, "tablets", start, end),
            ),
        )
    at = message.tokens[part.end - 1].end
    return Refusal(
        _("No unit for {number} {substance}: write it with its unit").format(
            number=number, substance=typed
        ),
        (
            replaced(message, at, at, " kg", start, end),
            replaced(message, at, at, " tablets", start, end),
        ),
    )


def no_substance(message: Message, quantity: Quantity, stop: int) -> Refusal:
    """An amount with no substance ("2kg"), or a number split by a space."""
    typed = message.span(quantity.start, quantity.end)
    limit = quantity.end
    following = message.numbers[limit] if limit < stop else None
    if isinstance(following, Number) and re.fullmatch(r"[0-9]{3}(?![0-9.,]).*", following.text):
        # "29 000 pills": a space inside a number reads as two numbers.
        fixed = typed + message.span(limit, stop)
        return Refusal(
            _("Write {first} {second} without the space").format(
                first=typed, second=following.text
            ),
            ((fixed,),),
        )
    at = message.tokens[quantity.end - 1].end
    whole = message.text[:at] + " meth" + message.text[at:]
    return Refusal(
        _("No substance found after {amount}: name it").format(amount=typed),
        ((whole, f"{typed} meth"),),
    )


def bad_number(message: Message, number: BadNumber, index: int, stop: int) -> Refusal:
    """A negative number or one that cannot be read."""
    if number.negative:
        typed = message.span(index, stop)
        fixed = typed
        for minus in _MINUS:
            fixed = fixed.replace(minus, "", 1) if fixed.lstrip("([").startswith(minus) else fixed
        return Refusal(_("Write the amount without a minus sign"), ((fixed,),))
    return Refusal(
        _('Cannot read the number "{typed}": write it like 1250, 1,250 or 2.5').format(
            typed=number.text
        ),
        (("1,250 g heroin",),),
    )
