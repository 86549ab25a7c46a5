"""Numbers and units as officers type them, read into exact Decimals."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Literal

Unit = Literal["g", "ml", "unit"]

# Amounts past this many base units (100 t, 100,000 L, 100 million tablets) are typing slips.
MAX_AMOUNT = Decimal(100_000_000)
MAX_DECIMAL_PLACES = 9


@dataclass(frozen=True)
class UnitWord:
    """What a unit word means: the base unit, how many base units one is, and a form."""

    unit: Unit
    factor: Decimal
    form: str | None = None


def _units() -> dict[str, UnitWord]:
    table: dict[str, UnitWord] = {}
    spelled: list[tuple[str, UnitWord]] = [
        ("mg milligram milligrams milligramme milligrammes", UnitWord("g", Decimal("0.001"))),
        ("g gr grs gm gms gram grams gramme grammes 그램 그람 กรัม", UnitWord("g", Decimal(1))),
        (
            "kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes "
            "킬로 키로 킬로그램 키로그램 กิโล กิโลกรัม กก โล",
            UnitWord("g", Decimal(1000)),
        ),
        # The international avoirdupois pound and ounce, exact by definition (1959).
        ("lb lbs pound pounds", UnitWord("g", Decimal("453.59237"))),
        ("oz ounce ounces", UnitWord("g", Decimal("28.349523125"))),
        ("t ton tons tonne tonnes", UnitWord("g", Decimal(1_000_000))),
        (
            "ml mls millilitre millilitres milliliter milliliters 밀리리터 มล",
            UnitWord("ml", Decimal(1)),
        ),
        ("cl centilitre centilitres centiliter centiliters", UnitWord("ml", Decimal(10))),
        ("l ltr ltrs litre litres liter liters 리터 ลิตร", UnitWord("ml", Decimal(1000))),
        ("pill pills tablet tablets tab tabs 정 알 เม็ด", UnitWord("unit", Decimal(1), "tablet")),
        ("capsule capsules cap caps 캡슐", UnitWord("unit", Decimal(1), "capsule")),
        ("blotter blotters stamp stamps", UnitWord("unit", Decimal(1), "blotter")),
        ("vial vials ampoule ampoules ampule ampules", UnitWord("unit", Decimal(1), "vial")),
        ("piece pieces pcs pc unit units 개", UnitWord("unit", Decimal(1))),
    ]
    for words, meaning in spelled:
        for word in words.split():
            table[word] = meaning
    return table


UNITS = _units()

# Korean and Thai multipliers, which combine: 2만5천 is 25,000.
EAST_ASIAN = {
    "백": Decimal(100),
    "천": Decimal(1000),
    "만": Decimal(10_000),
    "ร้อย": Decimal(100),
    "พัน": Decimal(1000),
    "หมื่น": Decimal(10_000),
    "แสน": Decimal(100_000),
    "ล้าน": Decimal(1_000_000),
}
_EAST_ASIAN = re.compile(r"([0-9]+(?:\.[0-9]+)?)(" + "|".join(EAST_ASIAN) + ")")
_DIGITS = re.compile(r"[0-9]+")

# "m" alone means million only for counted units (the spec's "1.2m tablets"); the words
# and "k" may go with any unit.
MULTIPLIERS = {
    "k": Decimal(1000),
    "thousand": Decimal(1000),
    "thousands": Decimal(1000),
    "m": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "mln": Decimal(1_000_000),
    "mio": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "millions": Decimal(1_000_000),
    "hundred": Decimal(100),
    "hundreds": Decimal(100),
    "dozen": Decimal(12),
    "dozens": Decimal(12),
    **EAST_ASIAN,
}
COUNT_ONLY_MULTIPLIERS = frozenset({"m", "mn"})

_NUMBER_AND_REST = re.compile(r"(?P<number>[0-9][0-9.,]*|\.[0-9]+)(?P<rest>[^0-9.,].*)?")
_PLAIN = re.compile(r"[0-9]+(\.[0-9]+)?|\.[0-9]+")
_THOUSANDS_COMMA = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]{1,2}")
_THOUSANDS_DOT = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+,[0-9]+|[0-9]{1,3}(\.[0-9]{3}){2,}")
_OPENERS = "([{<~≈\"'“‘«"
_CLOSERS = ")]}>\"'”’».,:!?"
_MINUS = "-−–—"


@dataclass(frozen=True)
class Number:
    """A number token: its value, and the multiplier and unit glued to it ("12k", "2kg")."""

    value: Decimal
    multiplier: str | None
    unit: str | None
    text: str


@dataclass(frozen=True)
class BadNumber:
    """A token that is plainly a number but cannot be read: "1,2,3", "-3kg"."""

    text: str
    negative: bool


def ascii_digits(text: str) -> str:
    """NFKC text with every decimal digit (Thai, full-width...) written as 0-9."""
    if text.isascii():
        return text  # already NFKC, its digits already 0-9: the common case, a tenth the time
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


# A report's words are read as numbers again and again (the scanner, the splitting of glued
# amounts): the same few words each time, and what is read is immutable.
@lru_cache(maxsize=4096)
def read_number(token: str) -> Number | BadNumber | None:
    """Read a token as a number with optional glued multiplier and unit; None if it is a word."""
    text = ascii_digits(token).lstrip(_OPENERS).rstrip(_CLOSERS)
    text = _thai_numeral(_sino_korean(text))
    negative = text[:1] in _MINUS and len(text) > 1
    body = text[1:] if negative else text
    body = _combined(body)
    found = _NUMBER_AND_REST.fullmatch(body)
    if found is None:
        return None
    glued = split_suffix(found["rest"] or "")
    if glued is None:
        return None
    if negative:
        return BadNumber(token, negative=True)
    value = _decimal(found["number"])
    if value is None:
        return BadNumber(token, negative=False)
    return Number(value, glued[0], glued[1], token)


# Sino-Korean numerals glued to a unit: 오백그램 is 500 g, 삼킬로 3 kg, 이만정 20,000 tablets.
# Never alone (이, 오 are ordinary words), nor one syllable on a one-syllable unit: 일정
# (schedule), 사정, 구정, 천정 are words, not "1 tablet" or "1,000 tablets".
_SINO_DIGITS = {c: i for i, c in enumerate("영일이삼사오육칠팔구") if c != "영"}
_SINO_SMALL = {"십": 10, "백": 100, "천": 1000}
_SINO = re.compile(r"([일이삼사오육칠팔구십백천만]+)(\S+)")
_SINO_RUN = re.compile(r"[일이삼사오육칠팔구십백천만]+")


def _sino_korean(text: str) -> str:
    found = _SINO.fullmatch(text)
    if found is None or found[2].casefold() not in UNITS:
        return text
    numeral, unit = found[1], found[2]
    if len(numeral) < 2 and len(unit) < 2:
        return text
    value = _sino_value(numeral)
    return text if value is None else f"{value}{unit}"


def sino_number(word: str) -> int | None:
    """오백 500, 천 1,000 as a whole word (before a unit written apart); None if it is none, or
    a lone digit (이 is "this", 오 "five" or a name), or 만 alone ("2 만 정" is 20,000)."""
    if word == "만" or not _SINO_RUN.fullmatch(word) or not set(word) & set("십백천만"):
        return None
    return _sino_value(word)


def _sino_value(numeral: str) -> int | None:
    """오백 500, 이만오천 25,000, 십이 12; None for a run no one writes (오오, 만만)."""
    total, section, digit = 0, 0, None
    for char in numeral:
        if char in _SINO_DIGITS:
            if digit is not None:
                return None
            digit = _SINO_DIGITS[char]
        elif char in _SINO_SMALL:
            section += (1 if digit is None else digit) * _SINO_SMALL[char]
            digit = None
        else:  # 만
            if total:
                return None
            total, section, digit = (section + (digit or 0) or 1) * 10_000, 0, None
    return total + section + (digit or 0)


# Thai number words glued to a unit: ห้าร้อยกรัม is 500 g (ห้า 5 × ร้อย 100), สองกิโล 2 kg.
_THAI_DIGITS = {"หนึ่ง": 1, "เอ็ด": 1, "สอง": 2, "ยี่": 2, "สาม": 3, "สี่": 4, "ห้า": 5}
_THAI_DIGITS |= {"หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9}
_THAI_SMALL = {"สิบ": 10, "ร้อย": 100, "พัน": 1000, "หมื่น": 10_000, "แสน": 100_000}
_THAI_WORDS = sorted([*_THAI_DIGITS, *_THAI_SMALL, "ล้าน"], key=len, reverse=True)
_THAI = re.compile("((?:" + "|".join(_THAI_WORDS) + ")+)(\\S+)")
_THAI_WORD = re.compile("|".join(_THAI_WORDS))
_THAI_RUN = re.compile("(?:" + "|".join(_THAI_WORDS) + ")+")


def _thai_numeral(text: str) -> str:
    found = _THAI.fullmatch(text)
    # A multiplier alone multiplies the number before it: "5 แสนเม็ด" (wording, normalise).
    if found is None or found[2].casefold() not in UNITS or found[1] in EAST_ASIAN:
        return text
    value = _thai_value(found[1])
    return text if value is None else f"{value}{found[2]}"


def thai_number(word: str) -> int | None:
    """ห้าร้อย 500 as a whole word (before a unit written apart); None if it is none, or a
    multiplier alone ("5 พัน เม็ด" is 5,000)."""
    if word in EAST_ASIAN or not _THAI_RUN.fullmatch(word):
        return None
    return _thai_value(word)


def _thai_value(numeral: str) -> int | None:
    """ห้าร้อย 500, สองพันห้าร้อย 2,500, ยี่สิบเอ็ด 21; None for a run no one writes."""
    total, section, digit = 0, 0, None
    for word in _THAI_WORD.findall(numeral):
        if word in _THAI_DIGITS:
            if digit is not None:
                return None
            digit = _THAI_DIGITS[word]
        elif word in _THAI_SMALL:
            section += (1 if digit is None else digit) * _THAI_SMALL[word]
            digit = None
        else:  # ล้าน
            if total:
                return None
            total, section, digit = (section + (digit or 0) or 1) * 1_000_000, 0, None
    return total + section + (digit or 0)


def _combined(body: str) -> str:
    """2만5천 -> 25000, 1.5만 -> 15000: Korean and Thai multipliers as plain digits."""
    total, pos, groups = Decimal(0), 0, 0
    while (found := _EAST_ASIAN.match(body, pos)) is not None:
        total += Decimal(found[1]) * EAST_ASIAN[found[2]]
        pos, groups = found.end(), groups + 1
    if groups == 0:
        return body
    digits = _DIGITS.match(body, pos)
    if digits is not None:
        total, pos = total + int(digits[0]), digits.end()
    return format(total.normalize(), "f") + body[pos:]


def split_suffix(rest: str) -> tuple[str | None, str | None] | None:
    """Split what is glued to a number into (multiplier, unit); None if it is neither."""
    word = rest.casefold()
    if not word:
        return (None, None)
    if word in UNITS:
        return (None, word)
    for multiplier in sorted(MULTIPLIERS, key=len, reverse=True):
        if word.startswith(multiplier):
            unit = word[len(multiplier) :]
            if not unit or unit in UNITS:
                return (multiplier, unit or None)
    return None


def unit_word(token: str) -> str | None:
    """The unit a whole word names ("kg", "tabs."), or None."""
    word = unicodedata.normalize("NFKC", token).casefold().strip(_OPENERS + _CLOSERS)
    return word if word in UNITS else None


def multiplier_word(token: str) -> str | None:
    """The multiplier a whole word names ("thousand", "k"), or None."""
    word = unicodedata.normalize("NFKC", token).casefold().strip(_OPENERS + _CLOSERS)
    return word if word in MULTIPLIERS else None


def _decimal(number: str) -> Decimal | None:
    # A comma with one or two digits after it is a decimal comma ("2,5"); with groups of
    # three it separates thousands ("1,250"), as the spec says.
    if _PLAIN.fullmatch(number):
        plain = number
    elif _THOUSANDS_COMMA.fullmatch(number):
        plain = number.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(number):
        plain = number.replace(",", ".")
    elif _THOUSANDS_DOT.fullmatch(number):
        plain = number.replace(".", "").replace(",", ".")
    else:
        return None
    # Forty digits is far past any real seizure; refusing here keeps Decimal arithmetic exact.
    if len(plain) > 40:
        return None
    return Decimal(plain)


def canonical(amount: Decimal) -> Decimal:
    """The same amount without exponent or trailing zeros: 2000, 453.59237, 0.5."""
    return Decimal(format(amount.normalize(), "f"))


def inexact_unit(unit: str | None) -> bool:
    """Whether a unit word's factor is no power of ten (lb, oz): a fraction of it can need more
    decimals of a gram than are stored (half an ounce is 14.1747615625 g)."""
    if unit is None:
        return False
    return UNITS[unit].factor.normalize().as_tuple().digits != (1,)


def stored_precision(amount: Decimal) -> Decimal:
    """An amount rounded, half to even, to the 9 decimals that are stored (nano-units)."""
    step = Decimal(1).scaleb(-MAX_DECIMAL_PLACES)
    return canonical(amount.quantize(step, rounding=ROUND_HALF_EVEN))


def decimal_places(amount: Decimal) -> int:
    """How many digits an exact amount has after the decimal point."""
    exponent = amount.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def format_amount(amount: Decimal) -> str:
    """The JSON form of an amount: a plain decimal string, no exponent, no trailing zeros."""
    return format(amount.normalize(), "f")
