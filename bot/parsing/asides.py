"""What an officer writes right after an item about that item, never a new one: a tablet's
strength ('200 tramadol 50mg tablets') or a remark in brackets ('2 kg heroin (no. 4)',
'2kg MDMA (ecstasy)'). Both are kept in the note, as the rules keep what they do not read."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.catalogue import Catalogue
from bot.domain.seizure import SeizureItem
from bot.parsing.amounts import Message, piece_at
from bot.parsing.scanning import Role
from bot.parsing.strengths import strength_end


def aside_end(
    message: Message,
    catalogue: Catalogue,
    items: Sequence[SeizureItem],
    roles: Sequence[Role],
    bounds: tuple[int, int],
) -> int | None:
    """Where an aside about the item just before `bounds[0]` ends, or None if none is there."""
    index, stop = bounds
    if not items or not index or roles[index - 1] is not Role.ITEM:
        return None
    found = strength_end(message, catalogue, items[-1], index, stop)
    return found if found is not None else _remark_end(message, catalogue, items[-1], bounds)


def _remark_end(
    message: Message, catalogue: Catalogue, item: SeizureItem, bounds: tuple[int, int]
) -> int | None:
    """A bracket opened right after an item and closed before `stop`, holding no amount (a
    number with a unit or package word: '2kg cocaine (3 bricks)' is read as the item's), nor
    the item's own name again ('2kg meth (ice)' is read into its name, as without brackets)."""
    index, stop = bounds
    if not message.text[message.tokens[index].start :].startswith("("):
        return None
    close = next((at for at in range(index, stop) if ")" in message.word(at)), None)
    if close is None:
        return None
    named = catalogue.match(message.words(index, close + 1))
    if named is not None and named.length == close + 1 - index:
        form = catalogue.default_form(named.alias) == (item.form if item.unit == "unit" else None)
        if item.substance is not None and named.substance == item.substance and form:
            return None  # read as the item's name (grammar); '2kg MDMA (ecstasy)' is a remark
    for at in range(index, close + 1):
        piece = piece_at(message, at, close + 1) if message.numbers[at] is not None else None
        if piece is not None and (piece.unit is not None or piece.package):
            return None
    return close + 1
