"""Amounts as the reader writes them: the number, and the unit word in their language.

Mass and volume keep their symbols (kg, g, L, ml); a counted form is a word ('tablets', '정',
'เม็ด'), chosen by the reader's plural rules (CLDR, through the catalogue's header).

Every amount shown passes units.shown_precision, the acknowledgement's rule: a pound's
453.59237 g reads 453.592 g, and a total holding it 5.06699 kg, never 5.0669904625 kg. The
stored amounts, the CSV and XLSX exports and "/show"'s "stored as" stay exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal

from bot.domain import units
from bot.render.i18n import ljust, ngettext

_THOUSAND = Decimal(1000)
_MINUS_THOUSAND = Decimal(-1000)
# As units._thousandths: a context that never rounds, for moving the point three places.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def _count(amount: Decimal) -> int:
    # A whole count chooses its plural form; a fraction of a tablet reads as a plural in English.
    return int(amount) if amount == amount.to_integral_value() else 2


def count_word(form: str | None, amount: Decimal | int = 2) -> str:
    """The word for a counted form, for `amount` of them: 'tablets', '정', 'units'."""
    n = _count(Decimal(amount))
    if form in (None, ""):
        return ngettext("unit", "units", n)
    if form == "tablet":
        return ngettext("tablet", "tablets", n)
    if form == "capsule":
        return ngettext("capsule", "capsules", n)
    if form == "blotter":
        return ngettext("blotter", "blotters", n)
    if form == "vial":
        return ngettext("vial", "vials", n)
    return units.count_word(form, singular=n == 1)  # a form added by the config: its own word


def split_amount(amount: Decimal, unit: str, form: str | None) -> tuple[str, str]:
    """The number and the unit word, apart, so a table can align them."""
    number, word = units.split_amount(units.shown_precision(amount), unit, form)
    if units.unit_class(unit) == "count":
        word = count_word(form, amount)
    return number, word


def split_amounts(
    amounts: Iterable[tuple[Decimal, str, str | None]],
) -> list[tuple[str, str]]:
    """split_amount of many amounts at once: the same texts, made for a long table."""
    # units.split_amount and format_number inlined (a summary splits a thousand amounts: the
    # calls were half of it), and a counted form's word asked of the catalogue once per count.
    words: dict[tuple[str | None, int], str] = {}
    split: list[tuple[str, str]] = []
    for base, unit, form in amounts:
        amount, finer = base, 3  # more decimals than this: a conversion's tail, rounded
        if unit == "g" or unit == "ml":
            if amount >= _THOUSAND or amount <= _MINUS_THOUSAND:
                amount, finer = amount.scaleb(-3, _EXACT), 6
                word = "kg" if unit == "g" else "L"
            else:
                word = unit
        else:
            n = _count(amount)
            found = words.get((form, n))
            word = words[form, n] = count_word(form, n) if found is None else found
        if not amount:
            split.append(("0", word))
            continue
        text = format(amount, ",f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
            if "." in text and len(text) - text.index(".") - 1 > finer:
                text = split_amount(base, unit, form)[0]  # rare: as one amount is rounded
        split.append((text, word))
    return split


def format_amount(amount: Decimal, unit: str, form: str | None) -> str:
    """'22 kg', '3.5 L', '29,000 tablets' ('29,000정', '29,000 เม็ด')."""
    return written(*split_amount(amount, unit, form))


def written(number: str, word: str) -> str:
    """A number and its unit word as one: '22 kg', '29,000 tablets', '120정', '3 เม็ด'."""
    return f"{number}{word}" if glued(word) else f"{number} {word}"


def glued(word: str) -> bool:
    """Whether the unit word is written on its number: a Korean counter (120정, 3개)."""
    return "가" <= word[:1] <= "힣"


def unit_column(word: str, columns: int) -> str:
    """A table's unit word after its number, `columns` wide with the space before it: ' kg  ',
    or a Korean counter on its number ('정   '), so the columns after it stay in line."""
    return ljust(word, columns + 1) if glued(word) else " " + ljust(word, columns)


def format_shown(amount: Decimal, unit: str, form: str | None) -> str:
    """format_amount for a reply: a pound's 453.59237 g shown as 453.592 g (stored exact)."""
    return format_amount(amount, unit, form)
