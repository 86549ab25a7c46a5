"""Counts and amounts written in Korean and Thai words: native Korean numbers before a counter
(두 봉지, 스무 정), and Thai amounts written together with no spaces (สามมัดหนึ่งกิโล,
สองกิโลครึ่ง)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bot.domain.quantities import Number, read_number, thai_number, unit_word
from bot.parsing.markers import is_package
from bot.parsing.tokens import Kind, Token

Pieces = tuple[tuple[int, int], ...]

# Native Korean numbers count things before a counter or package word ("두봉지", "세 병"):
# only there, since 한, 세, 네 are ordinary words too (one, tax, yes). 열두 is 12, 스물다섯 25.
_NATIVE = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5}
_NATIVE |= {"여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50}
KO_COUNTERS = frozenset("봉지 봉 병 개 상자 박스 팩 덩어리 정 알".split())
# Thai "half", after an amount with its unit: สองกิโลครึ่ง is 2.5 kg.
THAI_HALF = "ครึ่ง"


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


def _is_number(text: str) -> bool:
    return isinstance(read_number(text), Number)


def thai_run(text: str) -> Pieces | None:
    """Thai amounts written together: 'หนึ่งกิโล' one piece, 'สามมัดหนึ่งกิโล' สาม, มัด and
    หนึ่งกิโล, 'สองกิโลครึ่ง' สองกิโล and ครึ่ง (half); None unless the whole text is such."""
    if _is_number(text):
        return ((0, len(text)),)
    if text.endswith(THAI_HALF) and _is_number(text[: -len(THAI_HALF)]):
        return ((0, len(text) - len(THAI_HALF)), (len(text) - len(THAI_HALF), len(text)))
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


def thai_half(tokens: Sequence[Token], index: int) -> tuple[Token, int] | None:
    """Thai "half" with the amount it halves, as one token standing where all its words stood,
    and how many tokens it replaces: 'สองกิโล ครึ่ง' and '2 กิโล ครึ่ง' 2.5 kg, 'ครึ่ง กิโล'
    half a kilo, 'กิโล ครึ่ง' with no number before it a kilo and a half (as Thai says it)."""
    words = [token.text if token.kind is Kind.WORD else "" for token in tokens[index : index + 3]]
    first = _plain(words[0]) if words else None
    if len(words) >= 2 and words[1] == THAI_HALF:
        number = read_number(words[0])
        if isinstance(number, Number) and number.unit is not None and not number.multiplier:
            return _halved(tokens, index, 2, number.value, number.unit)
        if unit_word(words[0]) is not None and (
            index == 0 or _plain(tokens[index - 1].text) is None
        ):
            return _halved(tokens, index, 2, Decimal(1), words[0])  # "โลครึ่ง" 1.5 kg
    if len(words) == 3 and first is not None and unit_word(words[1]) and words[2] == THAI_HALF:
        return _halved(tokens, index, 3, first, words[1])  # "2 กิโล ครึ่ง"
    if len(words) >= 2 and words[0] == THAI_HALF and unit_word(words[1]) is not None:
        return _halved(tokens, index, 2, Decimal(0), words[1])  # "ครึ่งกิโล" half a kilo
    return None


def _plain(word: str) -> Decimal | None:
    """A number with no unit, in digits or Thai words."""
    number = read_number(word)
    if isinstance(number, Number) and number.unit is None and not number.multiplier:
        return number.value
    spelled = thai_number(word)
    return None if spelled is None else Decimal(spelled)


def _halved(
    tokens: Sequence[Token], index: int, count: int, whole: Decimal, unit: str
) -> tuple[Token, int]:
    value = format((whole + Decimal("0.5")).normalize(), "f")
    start, end = tokens[index].start, tokens[index + count - 1].end
    return Token(Kind.WORD, start, end, value + unit, start, end), count


def half_pieces(word: str) -> Pieces | None:
    """'กิโลครึ่ง' กิโล and ครึ่ง, 'ครึ่งกิโล' ครึ่ง and กิโล: a unit glued to half."""
    if word.endswith(THAI_HALF) and unit_word(word[: -len(THAI_HALF)]) is not None:
        return ((0, len(word) - len(THAI_HALF)), (len(word) - len(THAI_HALF), len(word)))
    if word.startswith(THAI_HALF) and unit_word(word[len(THAI_HALF) :]) is not None:
        return ((0, len(THAI_HALF)), (len(THAI_HALF), len(word)))
    return None
