"""Amounts as the reader writes them: the number, and the unit word in their language.

Mass and volume keep their symbols (kg, g, L, ml); a counted form is a word ('tablets', '정',
'เม็ด'), chosen by the reader's plural rules (CLDR, through the catalogue's header).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from bot.domain import units
from bot.render.i18n import ngettext


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
    number, word = units.split_amount(amount, unit, form)
    if units.unit_class(unit) == "count":
        word = count_word(form, amount)
    return number, word


def split_amounts(
    amounts: Iterable[tuple[Decimal, str, str | None]],
) -> list[tuple[str, str]]:
    """split_amount of many amounts; a counted form's word looked up once for each count."""
    # A long summary splits a thousand amounts: the catalogue asked once, not on every line.
    words: dict[tuple[str | None, int], str] = {}
    split: list[tuple[str, str]] = []
    for amount, unit, form in amounts:
        if unit == "g" or unit == "ml":
            split.append(units.split_amount(amount, unit, form))
            continue
        n = _count(amount)
        word = words.get((form, n))
        if word is None:
            word = words[form, n] = count_word(form, n)
        split.append((units.format_number(amount), word))
    return split


def format_amount(amount: Decimal, unit: str, form: str | None) -> str:
    """'22 kg', '3.5 L', '29,000 tablets' ('29,000 정', '29,000 เม็ด')."""
    number, word = split_amount(amount, unit, form)
    return f"{number} {word}"


def format_shown(amount: Decimal, unit: str, form: str | None) -> str:
    """format_amount for a reply: a pound's 453.59237 g shown as 453.592 g (stored exact)."""
    return format_amount(units.shown_precision(amount), unit, form)
