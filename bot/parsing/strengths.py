"""A tablet's strength beside a count of tablets: '200 tramadol 50mg tablets', '200 tablets
tramadol 50mg'. The milligrams are what each tablet holds, not a second item nor the amount
seized, so they are kept in the note (the rules: what is not understood is the note)."""

from __future__ import annotations

from decimal import Decimal

from bot.domain.catalogue import Catalogue
from bot.domain.quantities import UNITS, unit_word
from bot.domain.seizure import SeizureItem
from bot.parsing.amounts import Message, Piece, piece_at

# Forms whose count a strength describes (a vial's 50ml is its content, read as such).
_DOSED = frozenset({"tablet", "capsule"})
_MILLIGRAM = Decimal("0.001")


def is_strength(piece: Piece, form: str | None) -> bool:
    """Whether `piece` ('50mg', '5 mg') is the strength of a count of `form`."""
    if form not in _DOSED or piece.unit is None or piece.multiplier or piece.package:
        return False
    meaning = UNITS[piece.unit]
    return meaning.unit == "g" and meaning.factor == _MILLIGRAM


def strength_end(
    message: Message, catalogue: Catalogue, item: SeizureItem, index: int, stop: int
) -> int | None:
    """Where the strength of `item`, written at `index` right after it, ends, the form word
    after it included ('50mg tablets'); None when no strength stands there, or when a
    substance follows ('200 yaba 50mg ketamine' is two items)."""
    piece = piece_at(message, index, stop)
    if item.unit != "unit" or piece is None or not is_strength(piece, item.form):
        return None
    end = piece.end
    unit = unit_word(message.word(end)) if end < stop and message.numbers[end] is None else None
    if unit is not None and UNITS[unit].form == item.form:
        end += 1
    if end < stop and catalogue.match(message.words(end, stop)) is not None:
        return None
    return end
