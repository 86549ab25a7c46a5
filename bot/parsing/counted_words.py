"""Counts and amounts written in Korean and Thai words: native Korean numbers before a counter
(두 봉지, 스무 정), Thai amounts written together with no spaces (สามมัดหนึ่งกิโล,
สองกิโลครึ่ง), and "half" after or before a unit in either language (2 กิโล ครึ่ง, 1킬로 반)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bot.domain.quantities import Number, read_number, sino_number, thai_number, unit_word
from bot.parsing.markers import is_package
from bot.parsing.tokens import Kind, Token

Pieces = tuple[tuple[int, int], ...]

# Native Korean numbers count things before a counter or package word ("두봉지", "세 병"):
# only there, since 한, 세, 네 are ordinary words too (one, tax, yes). 열두 is 12, 스물다섯 25.
_NATIVE = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5}
_NATIVE |= {"여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50}
KO_COUNTERS = frozenset("봉지 봉 병 개 상자 박스 팩 덩어리 정 알".split())
# "Half", after an amount with its unit (สองกิโลครึ่ง, 1킬로반: 2.5 kg, 1.5 kg) or before a
# unit alone (ครึ่งกิโล, 반킬로: 500 g): Thai ครึ่ง and Korean 반 are read by one rule.
HALVES = ("ครึ่ง", "반")


def native_korean(word: str) -> int | None:
    """두 2, 열두 12, 스무 20, 스물다섯 25: a native Korean number as a count; None if the word
    is none."""
    if word in _NATIVE:
        return _NATIVE[word]
    for tens, value in _TENS.items():
        if word == tens:
            return value
        ones = word.removeprefix(tens)
        if ones != word and ones in _NATIVE:
            return value + _NATIVE[ones]
    return None


def spelled_number(word: str) -> int | None:
    """A number written as a whole word, before a unit or counter written apart: ห้าร้อย 500,
    두 2, 오백 500, 천 1,000; None if the word is none."""
    return thai_number(word) or native_korean(word) or sino_number(word)


def _is_number(text: str) -> bool:
    return isinstance(read_number(text), Number)


def thai_run(text: str) -> Pieces | None:
    """Thai amounts written together: 'หนึ่งกิโล' one piece, 'สามมัดหนึ่งกิโล' สาม, มัด and
    หนึ่งกิโล, 'สองกิโลครึ่ง' สองกิโล and ครึ่ง (half); None unless the whole text is such."""
    if _is_number(text):
        return ((0, len(text)),)
    if (half := _half_after(text)) is not None and _is_number(text[:-half]):
        return ((0, len(text) - half), (len(text) - half, len(text)))
    for end in range(len(text) - 1, 0, -1):
        if thai_number(text[:end]) is None:
            continue
        for stop in range(len(text), end, -1):
            if not is_package(text[end:stop]):
                continue
            if stop == len(text):
                return ((0, end), (end, stop))
            if (more := thai_run(text[stop:])) is not None:
                return ((0, end), (end, stop), *((stop + a, stop + b) for a, b in more))
    return None


def spelled_half(tokens: Sequence[Token], index: int) -> tuple[Token, int] | None:
    """Half, with the amount it halves, as one token standing where all its words stood, and
    how many tokens it replaces: 'สองกิโล ครึ่ง', '2 กิโล ครึ่ง' and '2킬로 반' 2.5 kg,
    'ครึ่ง กิโล' and '반 킬로' half a kilo, 'กิโล ครึ่ง' with no number before it a kilo and a
    half (as Thai says it)."""
    words = [token.text if token.kind is Kind.WORD else "" for token in tokens[index : index + 3]]
    first = _plain(words[0]) if words else None
    if len(words) >= 2 and words[1] in HALVES:
        number = read_number(words[0])
        if isinstance(number, Number) and number.unit is not None and not number.multiplier:
            # A whole number only: '1.5kg 반' is no amount (before: 2 kg, silently).
            return _whole_halved(tokens, index, 2, number.value, number.unit)
        if unit_word(words[0]) is not None and (
            index == 0 or _plain(tokens[index - 1].text) is None
        ):
            return _halved(tokens, index, 2, Decimal(1), words[0])  # "โลครึ่ง" 1.5 kg
    if len(words) == 3 and first is not None and unit_word(words[1]) and words[2] in HALVES:
        return _whole_halved(tokens, index, 3, first, words[1])  # "2 กิโล ครึ่ง"
    if len(words) >= 2 and words[0] in HALVES and unit_word(words[1]) is not None:
        return _halved(tokens, index, 2, Decimal(0), words[1])  # "ครึ่งกิโล" half a kilo
    return None


def _plain(word: str) -> Decimal | None:
    """A number with no unit, in digits or Thai or Korean words."""
    number = read_number(word)
    if isinstance(number, Number) and number.unit is None and not number.multiplier:
        return number.value
    spelled = spelled_number(word)
    return None if spelled is None else Decimal(spelled)


def _whole_halved(
    tokens: Sequence[Token], index: int, count: int, whole: Decimal, unit: str
) -> tuple[Token, int] | None:
    """_halved, for a whole number of units; None for '1.5 กิโล ครึ่ง'."""
    return _halved(tokens, index, count, whole, unit) if whole == whole.to_integral() else None


def _halved(
    tokens: Sequence[Token], index: int, count: int, whole: Decimal, unit: str
) -> tuple[Token, int]:
    value = format((whole + Decimal("0.5")).normalize(), "f")
    start, end = tokens[index].start, tokens[index + count - 1].end
    return Token(Kind.WORD, start, end, value + unit, start, end), count


def half_pieces(word: str) -> Pieces | None:
    """'กิโลครึ่ง' กิโล and ครึ่ง, 'ครึ่งกิโล' ครึ่ง and กิโล, '반킬로' 반 and 킬로: a unit glued to
    half."""
    if (half := _half_after(word)) is not None and unit_word(word[:-half]) is not None:
        return ((0, len(word) - half), (len(word) - half, len(word)))
    for each in HALVES:
        if word.startswith(each) and unit_word(word[len(each) :]) is not None:
            return ((0, len(each)), (len(each), len(word)))
    return None


def _half_after(word: str) -> int | None:
    """The length of the "half" a longer word ends with; None if it ends with none."""
    return next((len(h) for h in HALVES if word.endswith(h) and len(word) > len(h)), None)
