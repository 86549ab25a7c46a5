"""One seizure item: a quantity and a substance, in either order, read from tokens."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from bot.catalogue import Catalogue, SubstanceMatch, alias_words
from bot.quantities import (
    COUNT_ONLY_MULTIPLIERS,
    MAX_AMOUNT,
    MAX_DECIMAL_PLACES,
    MULTIPLIERS,
    UNITS,
    BadNumber,
    Number,
    Unit,
    canonical,
    decimal_places,
    multiplier_word,
    unit_word,
)
from bot.seizure import SeizureItem
from bot.tokens import Kind, Token

_TRAILING = ".,;:!?"
_MINUS = "-−–—"


@dataclass(frozen=True)
class Message:
    """A tokenised message, with each token read as a number where it is one."""

    text: str
    tokens: Sequence[Token]
    numbers: Sequence[Number | BadNumber | None]

    texts: Sequence[str]

    def words(self, start: int, end: int) -> Sequence[str]:
        """The tokens' texts, as the catalogue matches them."""
        return self.texts[start:end]

    def span(self, start: int, end: int) -> str:
        """The text from token `start` to token `end` as typed, without closing punctuation."""
        if end <= start:
            return ""
        first, last = self.tokens[start], self.tokens[end - 1]
        if end - start == 1 and first.kind is Kind.QUOTED:
            return self.text[first.inner_start : first.inner_end]
        return self.text[first.start : last.end].rstrip(_TRAILING)


@dataclass(frozen=True)
class ItemReading:
    """An item read from tokens[start:end]; `classified` when its substance is catalogued."""

    item: SeizureItem
    start: int
    end: int
    classified: bool


@dataclass
class _Quantity:
    number: Number
    multiplier: str | None
    unit: str | None
    start: int
    end: int


def read_item(message: Message, catalogue: Catalogue, start: int, stop: int) -> ItemReading | str:
    """Read the item whose number is the first in tokens[start:stop]; or say what is wrong."""
    first = next((q for q in range(start, stop) if message.numbers[q] is not None), None)
    if first is None:
        return "No amount found: write it with its unit, e.g. /seizure 2kg meth"
    number = message.numbers[first]
    if isinstance(number, BadNumber):
        return _bad_number(message, number, first, stop)
    assert number is not None
    quantity = _quantity(message, number, first, stop)
    # The next number starts the next item: "2kg meth 300 yaba".
    limit = next((q for q in range(quantity.end, stop) if message.numbers[q] is not None), stop)
    # Matched up to `stop`, not `limit`: an alias may hold a number word ("jwh 018").
    named = catalogue.match(message.words(quantity.end, stop))
    if named is not None:
        begin, end = first, quantity.end + named.length
        substance_end = end
        if quantity.unit is None and end < limit and unit_word(message.tokens[end].text):
            quantity.unit = unit_word(message.tokens[end].text)
            end += 1
        typed = message.span(quantity.end, substance_end)
        return _finish(message, catalogue, quantity, named, typed, begin, end)
    before = _alias_before(message, catalogue, start, quantity)
    if before is not None:
        begin, named = before
        typed = message.span(begin, begin + named.length)
        return _finish(message, catalogue, quantity, named, typed, begin, quantity.end)
    return _unclassified(message, catalogue, quantity, start, limit, stop)


def _quantity(message: Message, number: Number, first: int, stop: int) -> _Quantity:
    quantity = _Quantity(number, number.multiplier, number.unit, first, first + 1)
    if quantity.end < stop and message.numbers[quantity.end] is None:
        if quantity.multiplier is None and quantity.unit is None:
            multiplier = multiplier_word(message.tokens[quantity.end].text)
            if multiplier is not None:
                quantity.multiplier = multiplier
                quantity.end += 1
    if quantity.end < stop and message.numbers[quantity.end] is None and quantity.unit is None:
        unit = unit_word(message.tokens[quantity.end].text)
        if unit is not None:
            quantity.unit = unit
            quantity.end += 1
    return quantity


def _alias_before(
    message: Message, catalogue: Catalogue, start: int, quantity: _Quantity
) -> tuple[int, SubstanceMatch] | None:
    """A substance named just before the number ("meth 350g", "yaba tablets 300")."""
    first = quantity.start
    for begin in range(start, first):
        named = catalogue.match(message.words(begin, first))
        if named is None:
            continue
        if begin + named.length == first:
            return begin, named
        unit = unit_word(message.tokens[first - 1].text)
        if begin + named.length == first - 1 and quantity.unit is None and unit is not None:
            quantity.unit = unit
            return begin, named
    return None


def _unclassified(
    message: Message, catalogue: Catalogue, quantity: _Quantity, start: int, limit: int, stop: int
) -> ItemReading | str:
    """A substance nobody catalogued, kept under the officer's own words."""
    begin = quantity.end
    if begin < limit and alias_words(message.tokens[begin].text) == ("of",):
        begin += 1
    if begin < limit:
        end = begin + 1
        while end < limit and not _ends_unclassified(message, catalogue, quantity, end, limit):
            end += 1
        text_end, item_start = end, quantity.start
        unit = unit_word(message.tokens[end].text) if end < limit else None
        if quantity.unit is None and unit is not None:
            quantity.unit = unit
            end += 1
        text = message.span(begin, text_end)
    elif start < quantity.start:
        text, item_start, end = message.span(start, quantity.start), start, quantity.end
    else:
        text, item_start, end = "", quantity.start, quantity.end
    if not alias_words(text):
        return _no_substance(message, quantity, limit, stop)
    return _finish(message, catalogue, quantity, None, text, item_start, end)


def _ends_unclassified(
    message: Message, catalogue: Catalogue, quantity: _Quantity, index: int, limit: int
) -> bool:
    if quantity.unit is None and unit_word(message.tokens[index].text) is not None:
        return True
    # "2kg zombie dust meth 350g": the next item may name its substance first.
    if limit >= len(message.tokens) or message.numbers[limit] is None:
        return False
    named = catalogue.match(message.words(index, limit))
    return named is not None and index + named.length == limit


def _finish(
    message: Message,
    catalogue: Catalogue,
    quantity: _Quantity,
    named: SubstanceMatch | None,
    typed: str,
    start: int,
    end: int,
) -> ItemReading | str:
    amount_typed = message.span(quantity.start, quantity.end)
    default = catalogue.default_form(named.alias) if named is not None else None
    unit: Unit
    form: str | None
    if quantity.unit is None:
        if default is None:
            return (
                f"No unit for {amount_typed} {typed}: write it with its unit, e.g. "
                f"/seizure {amount_typed} kg {typed} or /seizure {amount_typed} tablets {typed}"
            )
        unit, factor, form = "unit", Decimal(1), default
    else:
        meaning = UNITS[quantity.unit]
        unit, factor, form = meaning.unit, meaning.factor, meaning.form or default
        if unit != "unit":
            form = None
    if quantity.multiplier in COUNT_ONLY_MULTIPLIERS and unit != "unit":
        return (
            f'"{amount_typed}": m means million only for counted items, '
            f"e.g. /seizure 1.2m tablets {typed} or /seizure 1.2 kg {typed}"
        )
    with localcontext() as context:
        # Exact: typed numbers are at most 40 digits and factors a dozen.
        context.prec = 100
        amount = quantity.number.value * MULTIPLIERS.get(quantity.multiplier or "", Decimal(1))
        amount = canonical(amount * factor)
    example_unit = quantity.unit or "tablets"
    if amount <= 0:
        return (
            f"The amount must be more than zero: write what was seized, "
            f"e.g. /seizure 2 {example_unit} {typed}"
        )
    if amount > MAX_AMOUNT:
        return (
            f"{amount_typed} {typed} looks wrong (over 100 t, 100,000 L or 100 million units): "
            f"check the amount, e.g. /seizure 2 {example_unit} {typed}"
        )
    if decimal_places(amount) > MAX_DECIMAL_PLACES:
        return (
            f"{amount_typed} is too precise: at most {MAX_DECIMAL_PLACES} decimal places of a "
            f"gram, millilitre or unit are kept, e.g. /seizure 2.5 g {typed}"
        )
    item = SeizureItem(
        substance=named.substance if named is not None else None,
        substance_text=None if named is not None else typed,
        amount=amount,
        unit=unit,
        form=form,
        as_written=message.span(start, end),
    )
    return ItemReading(item, start, end, classified=named is not None)


def _no_substance(message: Message, quantity: _Quantity, limit: int, stop: int) -> str:
    typed = message.span(quantity.start, quantity.end)
    following = message.numbers[limit] if limit < stop else None
    if isinstance(following, Number) and re.fullmatch(r"[0-9]{3}(?![0-9.,]).*", following.text):
        # "29 000 pills": a space inside a number reads as two numbers.
        fixed = typed + message.span(limit, stop)
        return f"Write {typed} {following.text} without the space, e.g. /seizure {fixed}"
    return f"No substance found after {typed}: name it, e.g. /seizure {typed} meth"


def _bad_number(message: Message, number: BadNumber, index: int, stop: int) -> str:
    if number.negative:
        typed = message.span(index, stop)
        fixed = typed
        for minus in _MINUS:
            fixed = fixed.replace(minus, "", 1) if fixed.lstrip("([").startswith(minus) else fixed
        return f"Write the amount without a minus sign, e.g. /seizure {fixed}"
    return (
        f'Cannot read the number "{number.text}": write it like 1250, 1,250 or 2.5, '
        f"e.g. /seizure 1,250 g heroin"
    )
