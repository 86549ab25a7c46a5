"""The pieces of an amount as typed ("500g", "1.2 kg", "3 bricks"), and the tokenised message
they are read from: the numbers, multipliers, units and package words amounts.py builds on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from bot.domain.quantities import (
    MULTIPLIERS,
    UNITS,
    BadNumber,
    Number,
    canonical,
    multiplier_word,
    unit_word,
)
from bot.parsing.markers import is_approximate, is_package
from bot.parsing.tokens import Kind, Token

_TRAILING = ".,;:!?"


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
        typed = self.text[first.start : last.end]
        kept = typed.rstrip(_TRAILING)
        # Thai abbreviates its units with a full stop ('กก.', 'มล.'): part of the word as typed.
        word = self.text[last.start : last.end].rstrip(_TRAILING)
        if typed[len(kept) :].startswith(".") and not word.isascii() and unit_word(word):
            return kept + "."
        return kept

    def word(self, index: int) -> str:
        """The text of a word token, or "" past the end or for a separator."""
        if index >= len(self.tokens) or self.tokens[index].kind is not Kind.WORD:
            return ""
        return self.texts[index]

    def number(self, index: int, stop: int) -> Number | None:
        """The number at `index`, if one is there before `stop`."""
        found = self.numbers[index] if index < stop else None
        return found if isinstance(found, Number) else None


@dataclass
class Piece:
    """One amount as typed ("500g", "1.2 kg", "3", "3 bricks"), before unit conversion."""

    number: Number
    multiplier: str | None
    unit: str | None
    start: int
    end: int
    package: bool = False

    def kind(self) -> str | None:
        """'g', 'ml' or 'unit', what the unit measures; None without a unit."""
        return UNITS[self.unit].unit if self.unit else None


@dataclass
class Quantity:
    """What an item's amount is made of: parts added up, maybe per package, and a gross."""

    start: int
    end: int
    parts: list[Piece] = field(default_factory=list)
    count: Piece | None = None
    per_package: bool = False
    gross: Piece | None = None
    from_gross: bool = False
    approximate: bool = False
    provisional: bool = False
    compound_at: int | None = None  # where a compound's second amount starts
    strength: tuple[int, int] | None = None  # tokens of each tablet's milligrams (strengths)


def piece_at(message: Message, index: int, stop: int) -> Piece | None:
    """The amount starting at `index`: a number, a multiplier word, a unit or package word."""
    number = message.number(index, stop)
    if number is None:
        return None
    piece = Piece(number, number.multiplier, number.unit, index, index + 1)
    if piece.end < stop and piece.multiplier is None and piece.unit is None:
        multiplier = multiplier_word(message.word(piece.end))
        if multiplier is not None and message.numbers[piece.end] is None:
            piece.multiplier, piece.end = multiplier, piece.end + 1
    if piece.end < stop and piece.unit is None and message.numbers[piece.end] is None:
        unit = unit_word(message.word(piece.end))
        if unit is not None:
            piece.unit, piece.end = unit, piece.end + 1
        elif is_package(message.word(piece.end)):
            piece.package, piece.end = True, piece.end + 1
    return piece


def about_at(message: Message, index: int, stop: int) -> tuple[int, bool]:
    """Where the amount after an about word at `index` starts ('about 3kg', '약 1kg'), and
    whether it is marked approximate, by that word or a '~' glued to it ('~3kg')."""
    marked = index + 1 < stop and is_approximate(message.word(index))
    if marked and message.number(index + 1, stop) is not None:
        return index + 1, True
    return index, index < stop and message.tokens[index].text[:1] in "~≈"


def grams(piece: Piece) -> Decimal:
    """A mass piece in grams ("3.4kg" is 3400)."""
    factor = UNITS[piece.unit].factor if piece.unit else Decimal(1)
    return canonical(piece.number.value * MULTIPLIERS.get(piece.multiplier or "", 1) * factor)
